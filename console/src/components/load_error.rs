//! How a page shows a failed request.

use leptos::prelude::*;

use crate::api::ApiError;

/// A failed request, in words.
#[component]
pub fn LoadError(
    /// What went wrong.
    error: ApiError,
) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            <p>"De gegevens konden niet worden geladen: " {error.message}</p>
            <p class="code">{error.code}</p>
        </div>
    }
}
