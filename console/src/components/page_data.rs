//! The data of a page: one GraphQL operation, re-run when the address's code or peildatum changes.

use graphql_client::GraphQLQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::as_of::use_as_of;
use crate::api::{Api, ApiError};

/// What a page's operation is asked with: the `:code` of the route (empty on routes without one)
/// and the peildatum (`None` for today).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageAddress {
    /// The `:code` of the route.
    pub code: String,
    /// The peildatum.
    pub as_of: Option<String>,
}

/// Runs `Q` with the variables `variables` makes of the address. On the server the result is
/// sent along with the page, so hydration does not ask again.
pub fn page_resource<Q>(
    variables: fn(PageAddress) -> Q::Variables,
) -> Resource<Result<Q::ResponseData, ApiError>>
where
    Q: GraphQLQuery + 'static,
    Q::Variables: Send,
    Q::ResponseData: serde::Serialize + Clone + Send + Sync + 'static,
{
    let api = Api::from_context();
    let params = use_params_map();
    let as_of = use_as_of();
    Resource::new(
        move || PageAddress {
            code: params.read().get("code").unwrap_or_default(),
            as_of: as_of.get(),
        },
        move |address| {
            let api = api.clone();
            async move { api.run::<Q>(variables(address)).await }
        },
    )
}
