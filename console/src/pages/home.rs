//! Home: the eight families with their function groups.

use leptos::prelude::*;

use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::queries::catalogue::{console_families, ConsoleFamilies};

/// The families overview.
#[component]
pub fn HomePage() -> impl IntoView {
    let as_of = use_as_of();
    let data = page_resource::<ConsoleFamilies>(|a| console_families::Variables { as_of: a.as_of });
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Functiefamilies"</h1>
        <p class="lead">
            "Het Functiegebouw Rijk (FGR) kent acht functiefamilies. De families Lijnmanagement en "
            "Project-/Programmamanagement bevatten de leidinggevende functies."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let as_of = as_of.get_untracked();
                        let totals = d.catalogue_totals.clone();
                        view! {
                            <p class="totals" id="catalogue-totals">
                                "Het register bevat "<strong>{totals.summary()}</strong>
                                " die officiële bronnen noemen ("
                                {totals.declared.iter().map(|t| {
                                    let source = t.source.clone();
                                    view! {
                                        <span class="declared">
                                            {t.count}" volgens "
                                            {match source {
                                                Some(s) => view! { <a class="nl-link" href=s.url.clone().unwrap_or_default() rel="noopener noreferrer" title=s.reference.clone()>{s.title.clone()}</a> }.into_any(),
                                                None => view! { <span>"een onbekende bron"</span> }.into_any(),
                                            }}
                                        </span>
                                    }
                                }).collect_view()}
                                "). Groepen waarvan de familie of de schalen niet officieel vermeld zijn, staan erin met de markering “afgeleid”."
                            </p>
                            <ul class="families" id="families">
                                {d.job_families.into_iter().map(|f| {
                                    let family_href = href_with_as_of(&format!("/families/{}", f.code), as_of.as_deref());
                                    view! {
                                        <li class="family" class:manager=f.is_manager_family>
                                            <h2 class="nl-heading nl-heading--level-2"><a class="nl-link" href=family_href>{f.name.clone()}</a></h2>
                                            {f.is_manager_family.then(|| view! { <span class="badge manager">"leidinggevend"</span> })}
                                            {f.definition.map(|d| view! { <p class="definition">{d}</p> })}
                                            {f.data_note.map(|n| view! { <p class="note">{n}</p> })}
                                            <ul class="groups">
                                                {f.function_groups.into_iter().map(|g| {
                                                    let href = href_with_as_of(&format!("/groups/{}", g.code), as_of.as_deref());
                                                    view! {
                                                        <li><a class="nl-link" href=href>{g.name}</a>" "<span class="scales">{g.scale_range.label()}</span></li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
        <p class="downloads" id="catalogue-downloads">
            "De hele catalogus: "
            <a class="nl-link" href="/api/catalogue.json" download>"catalogus (JSON, fgr-catalogue/1)"</a>" · "
            <a class="nl-link" href="/api/catalogue.csv" download>"typeringen (CSV)"</a>" · "
            <a class="nl-link" href="/catalogue/import">"catalogus importeren (FGR-beheer)"</a>
        </p>
    }
}
