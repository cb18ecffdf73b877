//! OpenID Connect: people sign in at the government's provider (authorization code + PKCE,
//! `state`, `nonce`, RFC 9207 `iss`), and machines send the provider's JWT access tokens.
//!
//! The provider is discovered lazily and rediscovered after a failure, so the server starts (and
//! serves the public catalogue) while the provider is down; signing in then says so.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClient,
    CoreClientAuthMethod, CoreGrantType, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadata, RedirectUrl,
    Scope as OidcScope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::domain::access::{Credential, Machine, Person, Role, Scope};

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

/// Provider metadata we read beyond the core: logout and RFC 9207.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ExtraMetadata {
    /// RP-initiated logout endpoint.
    pub end_session_endpoint: Option<EndSessionUrl>,
    /// Whether the provider sends `iss` with the authorization response.
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
}

impl AdditionalProviderMetadata for ExtraMetadata {}

type Metadata = ProviderMetadata<
    ExtraMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

struct Discovered {
    client: DiscoveredClient,
    end_session: Option<EndSessionUrl>,
    iss_parameter: bool,
    jwks_uri: String,
    jwks: RwLock<(JwkSet, Instant)>,
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

/// How often an unknown key id may trigger a JWKS refetch.
const JWKS_REFETCH_INTERVAL: Duration = Duration::from_secs(30);

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

    async fn discovered(&self) -> Result<Arc<Discovered>, OidcError> {
        if let Some(d) = self.discovered.read().await.as_ref() {
            return Ok(d.clone());
        }
        let mut slot = self.discovered.write().await;
        if let Some(d) = slot.as_ref() {
            return Ok(d.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| OidcError::Unavailable(format!("bad issuer URL: {e}")))?;
        let metadata = Metadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Unavailable(e.to_string()))?;
        let extra = metadata.additional_metadata().clone();
        let jwks_uri = metadata.jwks_uri().url().to_string();
        let redirect = RedirectUrl::new(self.redirect_uri.clone())
            .map_err(|e| OidcError::Unavailable(format!("bad redirect URL: {e}")))?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect);
        let jwks = self.fetch_jwks(&jwks_uri).await?;
        let discovered = Arc::new(Discovered {
            client,
            end_session: extra.end_session_endpoint,
            iss_parameter: extra.authorization_response_iss_parameter_supported,
            jwks_uri,
            jwks: RwLock::new((jwks, Instant::now())),
        });
        *slot = Some(discovered.clone());
        Ok(discovered)
    }

    async fn fetch_jwks(&self, uri: &str) -> Result<JwkSet, OidcError> {
        let response = self
            .http
            .get(uri)
            .send()
            .await
            .map_err(|e| OidcError::Unavailable(format!("JWKS: {e}")))?;
        response
            .json::<JwkSet>()
            .await
            .map_err(|e| OidcError::Unavailable(format!("JWKS: {e}")))
    }

    /// Starts a sign-in: the provider URL to redirect to, and what the callback must check.
    ///
    /// # Errors
    /// [`OidcError::Unavailable`] when the provider cannot be reached.
    pub async fn start_login(&self) -> Result<LoginStart, OidcError> {
        let d = self.discovered().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = d.client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(OidcScope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok(LoginStart {
            authorize_url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Completes a sign-in at the callback. `iss` is the callback's `iss` parameter.
    ///
    /// # Errors
    /// [`OidcError::Rejected`] when any check fails; [`OidcError::Unavailable`] when the provider
    /// cannot be reached.
    pub async fn finish_login(
        &self,
        code: &str,
        iss: Option<&str>,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<SignedIn, OidcError> {
        let d = self.discovered().await?;
        if d.iss_parameter && iss != Some(self.settings.issuer.as_str()) {
            return Err(OidcError::Rejected(
                "the authorization response's issuer (iss) does not match".into(),
            ));
        }
        let request = d
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()));
        let tokens = request
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Rejected(format!("the code exchange failed: {e}")))?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| OidcError::Rejected("the provider sent no ID token".into()))?;
        let now = self.settings.now.clone();
        let verifier = d.client.id_token_verifier().set_time_fn(move || now());
        let claims = id_token
            .claims(&verifier, &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::Rejected(format!("the ID token is not valid: {e}")))?;
        let subject = claims.subject().as_str().to_owned();
        // The signature, issuer, audience, expiry and nonce are verified above; read the claims
        // the typed struct does not carry (name, roles) from the same token.
        let raw = id_token.to_string();
        let payload = raw
            .split('.')
            .nth(1)
            .and_then(|p| URL_SAFE_NO_PAD.decode(p).ok())
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .unwrap_or_default();
        let name = payload["name"]
            .as_str()
            .or(payload["preferred_username"].as_str())
            .unwrap_or(&subject)
            .to_owned();
        let email = payload["email"].as_str().map(str::to_owned);
        let mut roles = self.map_roles(&payload[self.settings.roles_claim.as_str()]);
        roles.insert(Role::Viewer);
        Ok(SignedIn {
            person: Person {
                subject,
                name,
                email,
                roles,
            },
            id_token: raw,
        })
    }

    fn map_roles(&self, claim: &serde_json::Value) -> BTreeSet<Role> {
        let names: Vec<String> = match claim {
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            serde_json::Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        names
            .iter()
            .filter_map(|n| {
                self.settings
                    .role_map
                    .get(n)
                    .copied()
                    .or_else(|| Role::from_code(n))
            })
            .collect()
    }

    /// Where to send the browser after the local session ended, to end the provider's session
    /// too; `None` when the provider has no end-session endpoint.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<String> {
        let d = self.discovered().await.ok()?;
        let endpoint = d.end_session.clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()));
        if let Ok(uri) = PostLogoutRedirectUrl::new(self.post_logout_uri.clone()) {
            request = request.set_post_logout_redirect_uri(uri);
        }
        let mut url = request.http_get_url();
        if let Some(hint) = id_token {
            url.query_pairs_mut().append_pair("id_token_hint", hint);
        }
        Some(url.to_string())
    }

    /// Validates a provider access token (RFC 9068 JWT) and returns its machine.
    ///
    /// # Errors
    /// [`OidcError::Rejected`] with the reason when any check fails.
    pub async fn machine(&self, token: &str) -> Result<Machine, OidcError> {
        let d = self.discovered().await?;
        let header = jsonwebtoken::decode_header(token)
            .map_err(|e| OidcError::Rejected(format!("malformed token: {e}")))?;
        let typ = header.typ.as_deref().unwrap_or("").to_ascii_lowercase();
        if typ != "at+jwt" && typ != "application/at+jwt" {
            return Err(OidcError::Rejected(
                "not an access token (typ must be at+jwt)".into(),
            ));
        }
        let allowed = [Algorithm::RS256, Algorithm::PS256, Algorithm::ES256];
        if !allowed.contains(&header.alg) {
            return Err(OidcError::Rejected("signing algorithm not allowed".into()));
        }
        let kid = header
            .kid
            .ok_or_else(|| OidcError::Rejected("token has no key id".into()))?;
        let key = self.key(&d, &kid).await?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[self.settings.issuer.as_str()]);
        validation.set_audience(&[self.settings.api_audience.as_str()]);
        // Expiry and not-before are judged below by the settings' clock (the same clock as ID
        // tokens'), so that tests and a skewed host can be accounted for in one place.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        #[derive(Deserialize)]
        struct AccessClaims {
            client_id: Option<String>,
            sub: Option<String>,
            scope: Option<String>,
            exp: i64,
            nbf: Option<i64>,
        }
        let data = jsonwebtoken::decode::<AccessClaims>(token, &key, &validation)
            .map_err(|e| OidcError::Rejected(format!("invalid token: {e}")))?;
        let now = (self.settings.now)().timestamp();
        let leeway = i64::try_from(self.settings.token_leeway_seconds).unwrap_or(i64::MAX);
        if data.claims.exp.saturating_add(leeway) < now {
            return Err(OidcError::Rejected(
                "invalid token: the token has expired".into(),
            ));
        }
        if data
            .claims
            .nbf
            .is_some_and(|nbf| nbf.saturating_sub(leeway) > now)
        {
            return Err(OidcError::Rejected(
                "invalid token: the token is not valid yet".into(),
            ));
        }
        let client_id = data
            .claims
            .client_id
            .or(data.claims.sub)
            .ok_or_else(|| OidcError::Rejected("token names no client".into()))?;
        Ok(Machine {
            name: client_id.clone(),
            client_id,
            scopes: data
                .claims
                .scope
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(Scope::from_code)
                .collect(),
            credential: Credential::ProviderToken,
            trusted_documents_only: false,
        })
    }

    /// The verification key with this id; an unknown id refetches the JWKS, at most once per
    /// [`JWKS_REFETCH_INTERVAL`] (key rotation).
    async fn key(&self, d: &Discovered, kid: &str) -> Result<DecodingKey, OidcError> {
        if let Some(jwk) = d.jwks.read().await.0.find(kid) {
            return DecodingKey::from_jwk(jwk).map_err(|e| OidcError::Rejected(e.to_string()));
        }
        let mut cache = d.jwks.write().await;
        if cache.1.elapsed() >= JWKS_REFETCH_INTERVAL {
            *cache = (self.fetch_jwks(&d.jwks_uri).await?, Instant::now());
        }
        let jwk = cache
            .0
            .find(kid)
            .ok_or_else(|| OidcError::Rejected("unknown signing key".into()))?;
        DecodingKey::from_jwk(jwk).map_err(|e| OidcError::Rejected(e.to_string()))
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
