//! The console's only way to data: GraphQL requests through a transport.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

/// A failed request, with the API's `extensions.code`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// For people.
    pub message: String,
    /// For programs, e.g. `BAD_USER_INPUT`.
    pub code: String,
}

impl ApiError {
    fn internal(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: "INTERNAL".into(),
        }
    }
}

/// The future a transport returns: the GraphQL response as JSON (`data` and `errors`).
pub type GqlFuture = Pin<Box<dyn Future<Output = Result<serde_json::Value, ApiError>> + Send>>;

/// Something that executes GraphQL requests: HTTP in the browser, the server's executor during
/// server rendering.
pub trait GraphqlTransport: Send + Sync + 'static {
    /// Executes `query` with `variables`.
    fn execute(&self, query: &'static str, variables: serde_json::Value) -> GqlFuture;
}

/// A cheap, cloneable handle on a transport, kept in Leptos context.
#[derive(Clone)]
pub struct Api(Arc<dyn GraphqlTransport>);

impl Api {
    /// A handle on `transport`.
    pub fn new(transport: impl GraphqlTransport) -> Self {
        Self(Arc::new(transport))
    }

    /// Runs the operation `Q` with `variables` and reads its answer into the type generated for
    /// it; the first GraphQL error becomes the error.
    ///
    /// # Errors
    /// The API's first error, or `INTERNAL` when the answer cannot be read.
    pub async fn run<Q: GraphQLQuery>(
        &self,
        variables: Q::Variables,
    ) -> Result<Q::ResponseData, ApiError> {
        let body = Q::build_query(variables);
        let variables = serde_json::to_value(&body.variables)
            .map_err(|e| ApiError::internal(format!("variabelen onleesbaar: {e}")))?;
        let response = self.0.execute(body.query, variables).await?;
        if let Some(first) = response
            .get("errors")
            .and_then(|e| e.as_array())
            .and_then(|a| a.first())
        {
            return Err(ApiError {
                message: first["message"].as_str().unwrap_or("onbekende fout").into(),
                code: first["extensions"]["code"]
                    .as_str()
                    .unwrap_or("INTERNAL")
                    .into(),
            });
        }
        let data = response.get("data").cloned().unwrap_or_default();
        serde_json::from_value(data)
            .map_err(|e| ApiError::internal(format!("onverwacht antwoord van de API: {e}")))
    }

    /// The handle in the current Leptos context; in the browser, one over HTTP is made on first
    /// use. Without one (e.g. while the server lists the routes) requests fail with `INTERNAL`.
    pub fn from_context() -> Self {
        if let Some(api) = leptos::prelude::use_context::<Api>() {
            return api;
        }
        #[cfg(feature = "hydrate")]
        {
            let api = Api::new(BrowserTransport);
            leptos::prelude::provide_context(api.clone());
            api
        }
        #[cfg(not(feature = "hydrate"))]
        Api::new(Unavailable)
    }
}

/// A transport for renders that have none (route listing): every request fails.
#[cfg(not(feature = "hydrate"))]
struct Unavailable;

#[cfg(not(feature = "hydrate"))]
impl GraphqlTransport for Unavailable {
    fn execute(&self, _query: &'static str, _variables: serde_json::Value) -> GqlFuture {
        Box::pin(async { Err(ApiError::internal("no GraphQL transport in this context")) })
    }
}

/// GraphQL over HTTP from the browser, to the same origin.
#[cfg(feature = "hydrate")]
pub struct BrowserTransport;

#[cfg(feature = "hydrate")]
impl GraphqlTransport for BrowserTransport {
    fn execute(&self, query: &'static str, variables: serde_json::Value) -> GqlFuture {
        let request = async move {
            let body = serde_json::json!({ "query": query, "variables": variables });
            let response = gloo_net::http::Request::post("/graphql")
                .json(&body)
                .map_err(|e| ApiError::internal(e.to_string()))?
                .send()
                .await
                .map_err(|e| ApiError::internal(format!("de API is niet bereikbaar: {e}")))?;
            response
                .json::<serde_json::Value>()
                .await
                .map_err(|e| ApiError::internal(e.to_string()))
        };
        // Browser futures are single-threaded; the browser has only one thread to run them on.
        Box::pin(send_wrapper::SendWrapper::new(request))
    }
}
