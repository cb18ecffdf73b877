//! `/search?q=`: what the header's search box found, as links, best first.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::Api;
use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::load_error::LoadError;
use crate::queries::catalogue::{console_search, ConsoleSearch, SearchHitView};
use console_search::SearchHitKind;

/// Where a hit is shown in the console.
fn href_of(hit: &SearchHitView, as_of: Option<&str>) -> String {
    let path = match hit.kind {
        SearchHitKind::TYPING => format!("/groups/{}#typings", hit.code),
        SearchHitKind::REQUIREMENT => "/coverage".to_owned(),
        SearchHitKind::VACANCY_CLAUSE => format!("/clauses/{}", hit.code),
        _ => format!("/groups/{}", hit.code),
    };
    match path.split_once('#') {
        Some((page, anchor)) => format!("{}#{anchor}", href_with_as_of(page, as_of)),
        None => href_with_as_of(&path, as_of),
    }
}

/// The search results page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let as_of = use_as_of();
    let text = move || query.read().get("q").unwrap_or_default();
    let hits = Resource::new(
        move || (text(), as_of.get()),
        move |(text, as_of)| {
            let api = api.clone();
            async move {
                if text.trim().is_empty() {
                    return Ok(None);
                }
                api.run::<ConsoleSearch>(console_search::Variables { text, as_of })
                    .await
                    .map(|d| Some(d.search))
            }
        },
    );
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Zoeken"</h1>
        <Suspense fallback=|| view! { <p>"Zoeken…"</p> }>
            {move || Suspend::new(async move {
                let as_of = as_of.get_untracked();
                match hits.await {
                    Ok(None) => view! {
                        <p class="hint">"Zoek op een functiegroep, een typering (\"manager 13\"), een verantwoordelijkheid of een clausule."</p>
                    }.into_any(),
                    Ok(Some(hits)) if hits.is_empty() => view! {
                        <p class="empty" id="search-none">{format!("Niets gevonden voor \u{201c}{}\u{201d}.", text())}</p>
                    }.into_any(),
                    Ok(Some(hits)) => view! {
                        <p id="search-count">{format!("{} gevonden voor \u{201c}{}\u{201d}", hits.len(), text())}</p>
                        <ol class="search-hits" id="search-hits">
                            {hits.into_iter().map(|hit| {
                                let href = href_of(&hit, as_of.as_deref());
                                view! { <li><a class="nl-link" href=href>{hit.title}</a>" "<span class="context">{hit.context}</span></li> }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
