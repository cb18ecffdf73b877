//! How a page shows a failed request.

use leptos::prelude::*;

use crate::api::ApiError;

/// A failed request, in words. When the register is away (`UNAVAILABLE`) the page says so and
/// asks to try again, and a page rendered on the server answers `503` with `Retry-After`.
#[component]
pub fn LoadError(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    if error.code == "UNAVAILABLE" {
        #[cfg(feature = "ssr")]
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
            response.insert_header(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static("5"),
            );
        }
        return view! {
            <div class="error unavailable" role="alert">
                <h1 class="nl-heading nl-heading--level-1">"Tijdelijk niet beschikbaar"</h1>
                <p>"Het register is op dit moment niet bereikbaar. Er is niets verloren gegaan; probeer het over enkele ogenblikken opnieuw."</p>
                <p><a class="nl-link" href="" rel="external">"Opnieuw proberen"</a></p>
                <details><summary>"Details"</summary><p class="code">{error.code}</p></details>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="error" role="alert">
            <p>"De gegevens konden niet worden geladen: " {error.message}</p>
            <details><summary>"Details"</summary><p class="code">{error.code}</p></details>
        </div>
    }
    .into_any()
}
