//! Rate limits on what an attacker repeats: failed bearer credentials and sign-in attempts, per
//! source address (`governor`'s keyed GCRA limiter, in memory, per process). Over the limit the
//! answer is `429 Too Many Requests` with `Retry-After`, before any database work.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::json;

/// How many attempts each source address gets per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Requests with a bearer credential that is not valid.
    pub bad_credentials_per_minute: u32,
    /// Sign-in attempts (start of a provider sign-in, a dev sign-in).
    pub sign_ins_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            bad_credentials_per_minute: 30,
            sign_ins_per_minute: 20,
        }
    }
}

/// The limiters of one process.
pub struct Throttle {
    bad_credentials: DefaultKeyedRateLimiter<IpAddr>,
    sign_ins: DefaultKeyedRateLimiter<IpAddr>,
    /// Checks so far: every [`SWEEP_EVERY`]th forgets addresses with a full budget again.
    checks: std::sync::atomic::AtomicU64,
}

/// How often the limiters forget addresses that have their whole budget back.
const SWEEP_EVERY: u64 = 1_024;

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Throttle")
    }
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl Throttle {
    /// Limiters with `limits`.
    pub fn new(limits: Limits) -> Self {
        Self {
            bad_credentials: RateLimiter::keyed(per_minute(limits.bad_credentials_per_minute)),
            sign_ins: RateLimiter::keyed(per_minute(limits.sign_ins_per_minute)),
            checks: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Counts a failed credential from `source`; `Err` with the `429` once it is over the limit.
    ///
    /// # Errors
    /// The `429` answer.
    pub fn bad_credential(&self, source: IpAddr) -> Result<(), Box<Response>> {
        self.counted();
        check(&self.bad_credentials, source)
    }

    /// Counts a sign-in attempt from `source`; `Err` with the `429` once it is over the limit.
    ///
    /// # Errors
    /// The `429` answer.
    pub fn sign_in(&self, source: IpAddr) -> Result<(), Box<Response>> {
        self.counted();
        check(&self.sign_ins, source)
    }

    fn counted(&self) {
        let n = self
            .checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
    }

    /// Forgets addresses that have their whole budget back (memory stays bounded).
    pub fn sweep(&self) {
        self.bad_credentials.retain_recent();
        self.sign_ins.retain_recent();
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

fn check(limiter: &DefaultKeyedRateLimiter<IpAddr>, source: IpAddr) -> Result<(), Box<Response>> {
    limiter.check_key(&source).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Box::new(too_many(wait))
    })
}

/// `429` with `Retry-After` (whole seconds, at least 1).
fn too_many(wait: Duration) -> Response {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, seconds.max(1).to_string())],
        Json(json!({ "errors": [{
            "message": "te veel pogingen vanaf dit adres; probeer het later opnieuw",
            "extensions": { "code": "RATE_LIMITED" }
        }] })),
    )
        .into_response()
}

/// The address a request came from: the [`crate::observe::ClientAddr`] the request context
/// found (the connection's peer, or the client a trusted proxy names), else the peer. In-process
/// requests without a connection share one key.
pub fn source(extensions: &axum::http::Extensions, _headers: &HeaderMap) -> IpAddr {
    if let Some(client) = extensions.get::<crate::observe::ClientAddr>() {
        return client.0;
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}
