//! Cookie names and attributes.

use axum::http::HeaderMap;

use super::AuthConfig;

/// The session cookie's name: `__Host-fgr_session` over HTTPS, `fgr_session` otherwise.
pub fn session_name(config: &AuthConfig) -> &'static str {
    if config.is_https() {
        "__Host-fgr_session"
    } else {
        "fgr_session"
    }
}

/// The login-attempt cookie's name.
pub fn login_name(config: &AuthConfig) -> &'static str {
    if config.is_https() {
        "__Host-fgr_login"
    } else {
        "fgr_login"
    }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS; `max_age` in seconds
/// (0 deletes the cookie).
pub fn set(config: &AuthConfig, name: &str, value: &str, max_age: u64) -> String {
    let secure = if config.is_https() { "; Secure" } else { "" };
    format!("{name}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}")
}

/// The value of cookie `name` in the request, if any.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
        let https = AuthConfig {
            public_url: "https://fgr.example".into(),
            ..AuthConfig::default()
        };
        assert_eq!(session_name(&https), "__Host-fgr_session");
        assert_eq!(
            set(&https, session_name(&https), "v", 60),
            "__Host-fgr_session=v; HttpOnly; SameSite=Lax; Path=/; Max-Age=60; Secure"
        );
        let http = AuthConfig::default();
        assert_eq!(
            set(&http, session_name(&http), "v", 0),
            "fgr_session=v; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"
        );
    }
}
