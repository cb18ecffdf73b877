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

/// A visible "afgeleid" marker when `on`: the fact beside it (`what`, e.g. "familie") is our
/// inference, not stated on an official page; `why` (the record's data note) is its tooltip.
#[component]
pub fn InferredBadge(
    /// Whether the fact is inferred.
    on: bool,
    /// What is inferred, e.g. "familie" or "schalen".
    what: &'static str,
    /// What the inference rests on.
    why: Option<String>,
) -> impl IntoView {
    on.then(|| {
        let title = why.unwrap_or_else(|| "Niet op een officiële pagina vermeld".to_owned());
        view! {
            <span class="badge inferred" title=title>
                {format!("{what} afgeleid")}
            </span>
        }
    })
}

/// A link to a source, when there is one. Only `http(s)` links become links (the API refuses
/// others; a stored one from before that rule shows as text, never as a live link).
#[component]
pub fn SourceLink(
    /// The source, if known.
    url: Option<String>,
) -> impl IntoView {
    url.map(|url| {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return view! { <span class="source">{format!("bron: {url}")}</span> }.into_any();
        }
        view! {
            <a class="nl-link source" href=url.clone() rel="noopener noreferrer">
                "bron"
            </a>
        }
        .into_any()
    })
}
