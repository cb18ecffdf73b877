//! The console's server-side transport: during server rendering the console's GraphQL requests
//! run in-process through the same [`GraphqlService`] that serves `/graphql`.

use async_graphql::Variables;
use fgr_console::api::{ApiError, GqlFuture, GraphqlTransport};

use crate::auth::middleware::RequestId;
use crate::domain::access::Principal;
use crate::graphql::GraphqlService;

/// Executes the console's requests in-process, as the principal of the page request.
pub struct ServerTransport {
    service: GraphqlService,
    principal: Principal,
    request_id: Option<RequestId>,
}

impl ServerTransport {
    /// A transport over `service` acting as `principal`, under the page request's id.
    pub fn new(
        service: GraphqlService,
        principal: Principal,
        request_id: Option<RequestId>,
    ) -> Self {
        Self {
            service,
            principal,
            request_id,
        }
    }
}

impl GraphqlTransport for ServerTransport {
    fn execute(&self, query: &'static str, variables: serde_json::Value) -> GqlFuture {
        let service = self.service.clone();
        let principal = self.principal.clone();
        let request_id = self.request_id.clone();
        Box::pin(async move {
            let mut request =
                async_graphql::Request::new(query).variables(Variables::from_json(variables));
            if let Some(id) = request_id {
                request = request.data(id);
            }
            let response = service.execute(request, principal).await;
            serde_json::to_value(&response).map_err(|e| ApiError {
                message: e.to_string(),
                code: "INTERNAL".into(),
            })
        })
    }
}
