//! OpenID Connect: people sign in at the government's provider (authorization code + PKCE,
//! `state`, `nonce`, RFC 9207 `iss`), and machines send the provider's JWT access tokens.
//!
//! The provider is discovered lazily and rediscovered after a failure, so the server starts (and
//! serves the public catalogue) while the provider is down; signing in then says so.

mod discovery;
mod login;
mod machine_token;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::RwLock;

use crate::domain::access::{Person, Role};
use discovery::Discovered;

pub use discovery::ExtraMetadata;

/// How to reach and use the identity provider.
#[derive(Clone)]
pub struct OidcSettings {
    /// The issuer URL, exactly as the provider states it.
    pub issuer: String,
    /// This application's client id.
    pub client_id: String,
    /// This application's client secret.
    pub client_secret: Option<String>,
    /// Scopes to ask for at sign-in.
    pub scopes: Vec<String>,
    /// The ID-token claim that carries roles (a list or a space-separated string).
    pub roles_claim: String,
    /// Provider role names → our roles; without an entry, a value equal to a role code counts.
    pub role_map: HashMap<String, Role>,
    /// The audience machine access tokens must carry.
    pub api_audience: String,
    /// Clock skew allowed when checking `exp`/`nbf` of machine tokens, in seconds.
    pub token_leeway_seconds: u64,
    /// The clock used to judge tokens (replaceable in tests).
    pub now: Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("roles_claim", &self.roles_claim)
            .field("api_audience", &self.api_audience)
            .finish_non_exhaustive()
    }
}

/// Parses `provider-name=role,other=role` into a role map.
///
/// # Errors
/// A message naming the entry that is not `name=role` with a known role.
pub fn parse_role_map(text: &str) -> Result<HashMap<String, Role>, String> {
    let mut map = HashMap::new();
    for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (name, role) = entry
            .split_once('=')
            .ok_or_else(|| format!("role mapping '{entry}' is not name=role"))?;
        let role = Role::from_code(role.trim())
            .ok_or_else(|| format!("role mapping '{entry}' names an unknown role"))?;
        map.insert(name.trim().to_owned(), role);
    }
    Ok(map)
}

/// Why signing in or a provider token failed.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense.
    #[error("the identity provider is unreachable: {0}")]
    Unavailable(String),
    /// The response or token did not pass a check.
    #[error("{0}")]
    Rejected(String),
}

/// What the login redirect needs to remember until the callback.
pub struct LoginStart {
    /// Where to send the browser.
    pub authorize_url: String,
    /// The `state` sent.
    pub state: String,
    /// The `nonce` sent.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
}

/// A signed-in person and the ID token (for logout).
pub struct SignedIn {
    /// The person.
    pub person: Person,
    /// The raw ID token.
    pub id_token: String,
}

/// The identity provider, as this application uses it.
pub struct Provider {
    settings: OidcSettings,
    redirect_uri: String,
    post_logout_uri: String,
    http: openidconnect::reqwest::Client,
    discovered: RwLock<Option<Arc<Discovered>>>,
}

impl Provider {
    /// A provider for `settings`; `public_url` is this site's base URL.
    ///
    /// # Errors
    /// A message when the HTTP client cannot be built.
    pub fn new(settings: OidcSettings, public_url: &str) -> Result<Self, String> {
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would open the client to SSRF.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            settings,
            redirect_uri: format!("{public_url}/auth/callback"),
            post_logout_uri: format!("{public_url}/"),
            http,
            discovered: RwLock::new(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_maps_parse_and_refuse_unknown_roles() {
        let map = parse_role_map("fgr-beheer=maintainer, commissie = committee_member").unwrap();
        assert_eq!(map["fgr-beheer"], Role::Maintainer);
        assert_eq!(map["commissie"], Role::CommitteeMember);
        assert!(parse_role_map("x=superuser").is_err());
        assert!(parse_role_map("nonsense").is_err());
    }
}
