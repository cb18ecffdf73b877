//! The console's server-side transport: during server rendering the console's GraphQL requests
//! run in-process through the same [`GraphqlService`] that serves `/graphql`.

use async_graphql::Variables;
use fgr_console::api::{ApiError, GqlFuture, GraphqlTransport};

use crate::domain::access::Principal;
use crate::graphql::GraphqlService;

/// Executes the console's requests in-process, as the principal of the page request.
pub struct ServerTransport {
    service: GraphqlService,
    principal: Principal,
}

impl ServerTransport {
    /// A transport over `service` acting as `principal`.
    pub fn new(service: GraphqlService, principal: Principal) -> Self {
        Self { service, principal }
    }
}

impl GraphqlTransport for ServerTransport {
    fn execute(&self, query: &'static str, variables: serde_json::Value) -> GqlFuture {
        let service = self.service.clone();
        let principal = self.principal.clone();
        Box::pin(async move {
            let request =
                async_graphql::Request::new(query).variables(Variables::from_json(variables));
            let response = service.execute(request, principal).await;
            serde_json::to_value(&response).map_err(|e| ApiError {
                message: e.to_string(),
                code: "INTERNAL".into(),
            })
        })
    }
}
