//! The console's routes: server-rendered pages, the browser build and the stylesheet.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use fgr_console::api::Api;
use leptos::prelude::{provide_context, use_context, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;

use crate::auth::middleware::RequestId;
use crate::console_bridge::ServerTransport;
use crate::domain::access::Principal;
use crate::graphql::GraphqlService;

use super::{CspNonce, CONSOLE_OUTPUT_NAME};

/// The console: server-rendered pages whose data comes through the same [`GraphqlService`] as
/// the API's, the browser build under `/pkg`, the house style under `/style`, and the stylesheet.
pub(super) fn console_router(service: GraphqlService, site_root: &Path) -> Router {
    let options = LeptosOptions::builder()
        .output_name(CONSOLE_OUTPUT_NAME)
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    if !site_root
        .join("pkg")
        .join(format!("{CONSOLE_OUTPUT_NAME}.js"))
        .exists()
    {
        tracing::warn!(
            site_root = %site_root.display(),
            "console browser build not found: pages render, but will not hydrate (run `cargo xtask console`)"
        );
    }
    let routes = generate_route_list(fgr_console::app::App);
    let shell_options = options.clone();
    Router::new()
        .leptos_routes_with_context(
            &options,
            routes,
            move || {
                // The page is rendered as whoever requested it: the console sees exactly what
                // the API lets that principal see.
                let parts = use_context::<axum::http::request::Parts>();
                let principal = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<Principal>().cloned())
                    .unwrap_or_default();
                let request_id = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<RequestId>().cloned());
                // The hydration script and the page's serialized data carry the nonce the
                // Content-Security-Policy of this answer names.
                if let Some(nonce) = parts
                    .as_ref()
                    .and_then(|parts| parts.extensions.get::<CspNonce>())
                {
                    provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
                }
                provide_context(Api::new(ServerTransport::new(
                    service.clone(),
                    principal,
                    request_id,
                )));
            },
            move || fgr_console::app::shell(shell_options.clone()),
        )
        .route(fgr_console::STYLESHEET_PATH, get(stylesheet))
        .nest_service("/pkg", static_files(site_root.join("pkg")))
        .nest_service("/style", static_files(site_root.join("style")))
        .nest_service("/graphiql", static_files(site_root.join("graphiql")))
        .fallback(leptos_axum::file_and_error_handler(fgr_console::app::shell))
        .with_state(options)
}

/// A folder of the published site (`cargo xtask console`): each file gzipped for browsers that
/// accept it (fgr-site writes the `.gz` copies beside the files), and revalidated on every use
/// (`no-cache` with `Last-Modified`), so an unchanged file costs a `304` and a rebuilt console
/// is picked up at once.
fn static_files(dir: PathBuf) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_gzip())
        .layer(map_response(revalidate))
}

async fn revalidate(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    response
}

const REVALIDATE: &str = "no-cache";

pub(super) async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        fgr_console::STYLESHEET,
    )
}
