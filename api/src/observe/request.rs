//! The context of one request: its id, its trace, the address it came from.
//!
//! - **Request id**: issued by the server (`req-` and 12 hex digits), or taken from `x-request-id`
//!   when the connection comes from a trusted proxy (`--trusted-proxies`) and the value is a
//!   plain token of at most 64 characters; sent back as `x-request-id`, written into the audit
//!   trail, every log line of the request and the `requestId` of every error.
//! - **Trace context**: a valid W3C `traceparent` is continued (its trace id is kept, this
//!   server's span gets an id of its own); otherwise a trace starts here. The trace id is in the
//!   log span, and outgoing calls (webhook deliveries) carry `traceparent` onwards.
//! - **Client address**: the connection's peer, or, when the peer is a trusted proxy, the
//!   rightmost address in `X-Forwarded-For` that is not itself a trusted proxy (what the rate
//!   limits count by).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore;
use tracing::Instrument;

/// The id of a request, for the audit trail and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// A fresh id issued by this server.
    pub fn issue() -> Self {
        Self(format!("req-{}", crate::auth::secrets::random_id()))
    }

    /// `value` as a request id, when it is a plain token: 1 to 64 of `A–Z a–z 0–9 . _ : -`.
    fn accept(value: &str) -> Option<Self> {
        let plain = !value.is_empty()
            && value.len() <= 64
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'));
        plain.then(|| Self(value.to_owned()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(Self::issue))
    }
}

/// The W3C trace context of a request: the trace it belongs to and this server's span in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceContext {
    /// 32 lowercase hex digits.
    pub trace_id: String,
    /// This server's span: 16 lowercase hex digits.
    pub span_id: String,
    /// Whether the caller sampled the trace (the `01` flag).
    pub sampled: bool,
}

impl TraceContext {
    /// Continues the trace of a valid `traceparent` header (version `00`), else starts one.
    pub fn of(headers: &HeaderMap) -> Self {
        let continued = headers
            .get("traceparent")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_traceparent);
        let (trace_id, sampled) = continued.unwrap_or_else(|| (random_hex::<16>(), false));
        Self {
            trace_id,
            span_id: random_hex::<8>(),
            sampled,
        }
    }

    /// The `traceparent` header for a call this span makes.
    pub fn traceparent(&self) -> String {
        let flags = if self.sampled { "01" } else { "00" };
        format!("00-{}-{}-{flags}", self.trace_id, self.span_id)
    }
}

/// `(trace id, sampled)` of a `traceparent` value, if it is well formed and not all zeros.
fn parse_traceparent(value: &str) -> Option<(String, bool)> {
    let mut parts = value.trim().split('-');
    let (version, trace, parent, flags) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let hex = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let valid = version == "00"
        && parts.next().is_none()
        && hex(trace, 32)
        && hex(parent, 16)
        && hex(flags, 2)
        && trace.bytes().any(|b| b != b'0')
        && parent.bytes().any(|b| b != b'0');
    let sampled = u8::from_str_radix(flags, 16).ok()? & 1 == 1;
    valid.then(|| (trace.to_owned(), sampled))
}

fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    rand::thread_rng().fill_bytes(&mut bytes);
    crate::domain::text::hex(&bytes)
}

/// The address a request came from (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The proxies whose `x-request-id` and `X-Forwarded-For` are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Arc<[IpAddr]>);

impl TrustedProxies {
    fn contains(&self, addr: IpAddr) -> bool {
        self.0.contains(&addr)
    }
}

/// Gives every request its [`RequestId`], [`TraceContext`] and [`ClientAddr`], answers inside a
/// span that carries them, counts the request in the metrics, and sends `x-request-id` back.
pub async fn request_context(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let from_proxy = peer.is_some_and(|p| proxies.contains(p));
    let headers = request.headers();
    let request_id = from_proxy
        .then(|| headers.get("x-request-id")?.to_str().ok())
        .flatten()
        .and_then(RequestId::accept)
        .unwrap_or_else(RequestId::issue);
    let client = if from_proxy {
        forwarded_client(headers, &proxies)
            .or(peer)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    } else {
        peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    };
    let trace = TraceContext::of(headers);
    let route = super::metrics::route_of(request.uri().path());
    let span = tracing::info_span!(
        "request",
        request_id = %request_id.0,
        trace_id = %trace.trace_id,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let extensions = request.extensions_mut();
    extensions.insert(request_id.clone());
    extensions.insert(trace);
    extensions.insert(ClientAddr(client));
    let started = Instant::now();
    let mut response = next.run(request).instrument(span).await;
    super::metrics::http_answered(route, response.status(), started.elapsed());
    if let Ok(value) = HeaderValue::from_str(&request_id.0) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// The rightmost `X-Forwarded-For` address that is not a trusted proxy: the first hop the
/// trusted chain did not add itself.
fn forwarded_client(headers: &HeaderMap, proxies: &TrustedProxies) -> Option<IpAddr> {
    let mut hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    while let Some(hop) = hops.pop() {
        if !proxies.contains(hop) {
            return Some(hop);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_traceparent_is_continued_and_a_malformed_one_starts_a_trace() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                .parse()
                .unwrap(),
        );
        let trace = TraceContext::of(&headers);
        assert_eq!(trace.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_ne!(
            trace.span_id, "00f067aa0ba902b7",
            "a span of this server's own"
        );
        assert!(trace
            .traceparent()
            .starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        assert!(trace.traceparent().ends_with("-01"));
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        ] {
            headers.insert("traceparent", bad.parse().unwrap());
            assert_ne!(
                TraceContext::of(&headers).trace_id,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "{bad}"
            );
        }
    }

    #[test]
    fn only_plain_request_ids_are_accepted() {
        assert_eq!(
            RequestId::accept("lb-7f3a.2"),
            Some(RequestId("lb-7f3a.2".into()))
        );
        assert_eq!(RequestId::accept(""), None);
        assert_eq!(RequestId::accept("a b"), None);
        assert_eq!(RequestId::accept(&"x".repeat(65)), None);
    }

    #[test]
    fn the_client_is_the_first_hop_the_trusted_chain_did_not_add() {
        let proxies = TrustedProxies(Arc::from(["10.0.0.2".parse::<IpAddr>().unwrap()]));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7, 10.0.0.2".parse().unwrap(),
        );
        assert_eq!(
            forwarded_client(&headers, &proxies),
            Some("198.51.100.7".parse().unwrap())
        );
    }
}
