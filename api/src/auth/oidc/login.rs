//! Signing a person in and out: the authorization request, the callback's checks and claims
//! (name, e-mail, roles), and the provider's end-session URL.

use std::collections::BTreeSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use openidconnect::core::CoreAuthenticationFlow;
use openidconnect::{
    AuthorizationCode, ClientId, CsrfToken, LogoutRequest, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, PostLogoutRedirectUrl, Scope as OidcScope, TokenResponse,
};

use super::{LoginStart, OidcError, Provider, SignedIn};
use crate::domain::access::{Person, Role};

impl Provider {
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
}
