//! The site header with the date picker.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::as_of::use_as_of;
use super::session::SessionStatus;

/// Brand, navigation, the search box and the form that sets the peildatum (plain GET forms: they
/// work without JavaScript).
#[component]
pub fn Header() -> impl IntoView {
    let as_of = use_as_of();
    let location = use_location();
    let query = use_query_map();
    let path = move || location.pathname.get();
    view! {
        <header class="site-header">
            <a class="brand" href="/">"FGR Register"</a>
            <nav class="site-nav">
                <a href="/">"Functiefamilies"</a>
                <a href="/coverage">"Dekking"</a>
                <a href="/proposals">"Voorstellen"</a>
                <a href="/clauses">"Clausules"</a>
                <a href="/vacancy-text">"Vacaturetekst"</a>
                <a href="/formats">"Gespreksformats"</a>
                <a href="/audit">"Auditlog"</a>
            </nav>
            <span class="tagline">"Functiegebouw Rijk: functiegroepen, typeringen en verantwoordelijkheden"</span>
            <form method="get" action="/search" class="search" role="search" id="search-form">
                <label for="search-q">"Zoeken"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="search-q" name="q" maxlength="100" placeholder="groep, typering, verantwoordelijkheid…"
                    value=move || query.read().get("q").unwrap_or_default()/>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Zoek"</button>
            </form>
            <form method="get" action=path class="as-of" id="as-of-form">
                <label for="asOf">"Peildatum"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="asOf" name="asOf" value=move || as_of.get().unwrap_or_default()/>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">"Toon"</button>
                {move || as_of.get().map(|d| view! {
                    <span class="as-of-note">"U bekijkt het FGR zoals het gold op " {d} ". "
                        <a href=path>"Naar vandaag"</a>
                    </span>
                })}
            </form>
            <SessionStatus/>
        </header>
    }
}
