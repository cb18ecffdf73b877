//! Finding the provider: its metadata (with the logout and RFC 9207 extras), the OIDC client
//! built from it, and the signing keys (JWKS), refetched when an unknown key id appears.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::DecodingKey;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, ClientId, ClientSecret, EndSessionUrl, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, ProviderMetadata, RedirectUrl,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use super::{OidcError, Provider};

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

pub(super) struct Discovered {
    pub(super) client: DiscoveredClient,
    pub(super) end_session: Option<EndSessionUrl>,
    pub(super) iss_parameter: bool,
    jwks_uri: String,
    jwks: RwLock<(JwkSet, Instant)>,
}

/// How often an unknown key id may trigger a JWKS refetch.
const JWKS_REFETCH_INTERVAL: Duration = Duration::from_secs(30);

impl Provider {
    pub(super) async fn discovered(&self) -> Result<Arc<Discovered>, OidcError> {
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

    /// The verification key with this id; an unknown id refetches the JWKS, at most once per
    /// [`JWKS_REFETCH_INTERVAL`] (key rotation).
    pub(super) async fn key(&self, d: &Discovered, kid: &str) -> Result<DecodingKey, OidcError> {
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
