//! A family page: its definition and its function groups.

use leptos::prelude::*;

use crate::components::as_of::{href_with_as_of, use_as_of};
use crate::components::badges::{IllustrativeBadge, InferredBadge, SourceLink};
use crate::components::load_error::LoadError;
use crate::components::page_data::page_resource;
use crate::dates;
use crate::pages::not_found::NotFound;
use crate::queries::catalogue::{console_family, ConsoleFamily};

/// One family.
#[component]
pub fn FamilyPage() -> impl IntoView {
    let as_of = use_as_of();
    let data = page_resource::<ConsoleFamily>(|a| console_family::Variables {
        code: a.code,
        as_of: a.as_of,
    });
    view! {
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(console_family::ResponseData { job_family: Some(f) }) => {
                        let as_of = as_of.get_untracked();
                        view! {
                            <nav class="crumbs"><a class="nl-link" href=href_with_as_of("/", as_of.as_deref())>"Functiefamilies"</a>" › "{f.name.clone()}</nav>
                            <h1 class="nl-heading nl-heading--level-1">{f.name.clone()}</h1>
                            {f.is_manager_family.then(|| view! { <span class="badge manager">"leidinggevend"</span> })}
                            {f.definition.map(|d| view! { <p class="definition">{d}</p> })}
                            {f.data_note.map(|n| view! { <p class="note">{n}</p> })}
                            <p><SourceLink url=f.source_url/></p>
                            <table class="utrecht-table utrecht-table--html-table groups" id="groups">
                                <thead><tr>
                                    <th scope="col">"Functiegroep"</th>
                                    <th scope="col">"Schalen"</th>
                                    <th scope="col">"Werk- en denkniveau"</th>
                                    <th scope="col">"Omschrijving"</th>
                                    <th scope="col">"Versie"</th>
                                </tr></thead>
                                <tbody>
                                    {f.function_groups.into_iter().map(|g| {
                                        let href = href_with_as_of(&format!("/groups/{}", g.code), as_of.as_deref());
                                        view! {
                                            <tr>
                                                <td>
                                                    <a class="nl-link" href=href>{g.name}</a>" "<IllustrativeBadge on=g.illustrative/>
                                                    <InferredBadge on=g.family_inferred what="familie" why=g.data_note.clone()/>
                                                </td>
                                                <td>
                                                    {g.scale_range.label()}" "
                                                    <InferredBadge on=g.scales_inferred what="schalen" why=g.data_note.clone()/>
                                                </td>
                                                <td>{if g.work_levels.is_empty() { "—".to_owned() } else { g.work_levels.join(", ") }}</td>
                                                <td>{g.description.unwrap_or_else(|| "—".to_owned())}</td>
                                                <td>{format!("v{} (sinds {})", g.version.number, dates::date(&g.version.effective_from))}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Ok(console_family::ResponseData { job_family: None }) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
