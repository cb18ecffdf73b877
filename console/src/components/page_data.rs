//! The data of a page: one GraphQL query, re-run when the address's code or peildatum changes.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

use super::as_of::{as_of_variable, use_as_of};
use crate::api::{Api, ApiError};

/// Runs `query` with `$asOf` (the peildatum) and, when `with_code`, `$code` (the `:code` of the
/// route). On the server the result is sent along with the page, so hydration does not ask again.
pub fn page_resource<T>(query: &'static str, with_code: bool) -> Resource<Result<T, ApiError>>
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let api = Api::from_context();
    let params = use_params_map();
    let as_of = use_as_of();
    Resource::new(
        move || {
            let code = with_code.then(|| params.read().get("code").unwrap_or_default());
            (code, as_of.get())
        },
        move |(code, as_of)| {
            let api = api.clone();
            async move {
                let mut variables = json!({ "asOf": as_of_variable(as_of) });
                if let Some(code) = code {
                    variables["code"] = json!(code);
                }
                api.query::<T>(query, variables).await
            }
        },
    )
}
