//! Checking a machine's provider access token (RFC 9068 JWT): type, algorithm, signature,
//! issuer, audience and validity by the settings' clock, and the scopes it grants.

use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;

use super::{OidcError, Provider};
use crate::domain::access::{Credential, Machine, Scope};

impl Provider {
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
}
