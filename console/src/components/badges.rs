//! Small markers: illustrative data, sources.

use leptos::prelude::*;

/// A visible "illustratief" marker when `on`.
#[component]
pub fn IllustrativeBadge(
    /// Whether the record is illustrative.
    on: bool,
) -> impl IntoView {
    on.then(|| {
        view! {
            <span class="badge illustrative" title="Niet bevestigd door een officiële bron">
                "illustratief"
            </span>
        }
    })
}

/// A link to a source, when there is one.
#[component]
pub fn SourceLink(
    /// The source, if known.
    url: Option<String>,
) -> impl IntoView {
    url.map(|url| {
        view! {
            <a class="source" href=url.clone() rel="noopener noreferrer">
                "bron"
            </a>
        }
    })
}
