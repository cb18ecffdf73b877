//! Authentication: who is making a request. People sign in with OpenID Connect (or, locally, the
//! dev sign-in) and get a server-side session; machines send a bearer credential. The result is
//! a [`Principal`] on the request, which the domain's access rules judge.

pub mod api_tokens;
pub mod cookies;
pub mod credential_cache;
pub mod dev_login;
pub mod middleware;
pub mod oidc;
pub mod routes;
pub mod secrets;
pub mod sessions;
pub mod throttle;

use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::domain::access::AccessPolicy;
pub use crate::domain::access::Principal;

/// Authentication settings.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// The public base URL (e.g. `https://fgr.example`); `https` makes cookies `Secure` with the
    /// `__Host-` prefix. Defaults to `http://<bind address>`.
    pub public_url: String,
    /// Offer the local dev sign-in (refused on non-loopback addresses).
    pub dev_login: bool,
    /// A session ends after this long without requests.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, whatever happens.
    pub session_max: Duration,
    /// Who may do what without signing in.
    pub access: AccessPolicy,
    /// The OpenID Provider for people and machine tokens, if configured.
    pub oidc: Option<oidc::OidcSettings>,
    /// Rate limits per source address.
    pub limits: throttle::Limits,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            dev_login: false,
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 60 * 60),
            access: AccessPolicy::default(),
            oidc: None,
            limits: throttle::Limits::default(),
        }
    }
}

impl AuthConfig {
    /// Whether the site is served over HTTPS.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// What the authentication layer needs at run time.
#[derive(Clone)]
pub struct AuthState {
    /// The database (sessions, login attempts, API tokens).
    pub db: DatabaseConnection,
    /// The settings it was started with: public URL, session lifetimes, anonymous access, OIDC
    /// and rate limits.
    pub config: AuthConfig,
    /// The identity provider, when configured.
    pub provider: Option<std::sync::Arc<oidc::Provider>>,
    /// API tokens that checked out in the last half second.
    pub tokens: std::sync::Arc<credential_cache::CredentialCache>,
    /// Rate limits on failed credentials and sign-ins.
    pub throttle: std::sync::Arc<throttle::Throttle>,
}

impl AuthState {
    /// The state for `config` over `db`.
    ///
    /// # Errors
    /// A message when the provider's HTTP client cannot be built.
    pub fn new(db: DatabaseConnection, config: AuthConfig) -> Result<Self, String> {
        let provider = match &config.oidc {
            Some(settings) => Some(std::sync::Arc::new(oidc::Provider::new(
                settings.clone(),
                &config.public_url,
            )?)),
            None => None,
        };
        Ok(Self {
            db,
            provider,
            tokens: std::sync::Arc::default(),
            throttle: std::sync::Arc::new(throttle::Throttle::new(config.limits)),
            config,
        })
    }
}

/// A `return_to` that only ever leads to a path on this site; anything else becomes `/`.
pub fn safe_return_to(candidate: Option<&str>) -> String {
    match candidate {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\')
                && path.len() <= 2000 =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Whether a browser says the request comes from another site: `Sec-Fetch-Site` other than
/// `same-origin`, or an `Origin` that is not this site's, the scheme, host and port of
/// `public_url` (so a DNS-rebound name or another scheme is refused, and a proxy that rewrites
/// `Host` does not block the console's own posts). When the public URL is a loopback address,
/// the other loopback names on the same scheme and port count as this site too (`localhost` for
/// `127.0.0.1`). Cookie-authenticated state changes refuse such requests; a request without
/// `Origin` (not a browser's cross-site request) passes.
pub fn is_cross_site(headers: &axum::http::HeaderMap, public_url: &str) -> bool {
    use axum::http::header;
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none");
    if !matches!(fetch_site, "same-origin" | "none") {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let (Some(theirs), Some(ours)) = (
        origin.to_str().ok().and_then(Origin::parse),
        Origin::parse(public_url),
    ) else {
        return true;
    };
    !(theirs == ours
        || (theirs.scheme == ours.scheme
            && theirs.port == ours.port
            && theirs.is_loopback()
            && ours.is_loopback()))
}

/// A web origin: scheme, host and port (the default port filled in).
#[derive(PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// The origin of an `Origin` header value or a base URL (a path is ignored).
    fn parse(text: &str) -> Option<Self> {
        let (scheme, rest) = text.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next()?;
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        // The port follows the last colon, unless that colon is inside an IPv6 literal.
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, port.parse().ok()?),
            _ => (authority, default_port),
        };
        Some(Self {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn is_loopback(&self) -> bool {
        matches!(self.host.as_str(), "localhost" | "[::1]")
            || self
                .host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_cross_site, safe_return_to};

    fn with_origin(origin: &str) -> axum::http::HeaderMap {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::ORIGIN, origin.parse().unwrap());
        headers
    }

    #[test]
    fn only_the_public_urls_origin_is_this_site() {
        let public = "https://fgr.example";
        assert!(!is_cross_site(&with_origin("https://fgr.example"), public));
        assert!(!is_cross_site(
            &with_origin("https://FGR.example:443"),
            public
        ));
        assert!(!is_cross_site(&axum::http::HeaderMap::new(), public));
        for foreign in [
            "http://fgr.example",
            "https://fgr.example:8443",
            "https://evil.example",
            "https://fgr.example.evil.example",
            "null",
            "https://user@fgr.example",
        ] {
            assert!(is_cross_site(&with_origin(foreign), public), "{foreign}");
        }
        let local = "http://127.0.0.1:8080";
        assert!(!is_cross_site(&with_origin("http://localhost:8080"), local));
        assert!(!is_cross_site(&with_origin("http://[::1]:8080"), local));
        // DNS rebinding: a name of the attacker's that resolves to the loopback address.
        assert!(is_cross_site(
            &with_origin("http://rebind.evil.example:8080"),
            local
        ));
        assert!(is_cross_site(&with_origin("https://127.0.0.1:8080"), local));
        assert!(is_cross_site(&with_origin("http://127.0.0.1:9090"), local));
    }

    #[test]
    fn return_to_never_leaves_the_site() {
        assert_eq!(
            safe_return_to(Some("/groups/MANAGER?asOf=2025-01-01")),
            "/groups/MANAGER?asOf=2025-01-01"
        );
        for evil in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "/a\\b",
            "/\u{0}x",
            "",
        ] {
            assert_eq!(safe_return_to(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_return_to(None), "/");
    }
}
