//! The page for unknown addresses.

use leptos::prelude::*;

/// Not found (HTTP 404 when rendered on the server).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Pagina niet gevonden"</h1>
        <p><a class="nl-link" href="/">"Naar het overzicht van functiefamilies"</a></p>
    }
}
