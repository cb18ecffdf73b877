//! The library page: the clauses in force on the peildatum, filtered by category, scale and
//! status, with the form for a new clause below for those who may edit.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::editor::NewClauseForm;
use crate::api::Api;
use crate::components::as_of::use_as_of;
use crate::components::badges::IllustrativeBadge;
use crate::components::choices::options;
use crate::components::load_error::LoadError;
use crate::dates;
use crate::queries::clauses::{console_clauses, ClauseChoices, ConsoleClauses};
use crate::queries::{code, label_of, value_of, Operation};

/// The library page `/clauses?category=&scale=&status=`.
#[component]
pub fn ClausesPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let as_of = use_as_of();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || {
            (
                param("category"),
                param("scale").and_then(|s| s.parse::<i64>().ok()),
                param("status"),
                as_of.get(),
            )
        },
        move |(category, scale, status, on)| {
            let api = api.clone();
            async move {
                let filter = console_clauses::VacancyClauseFilter {
                    category: category.as_deref().and_then(value_of),
                    scale,
                    status: status.as_deref().and_then(value_of),
                    on,
                    group_code: None,
                    family_code: None,
                    language: None,
                };
                api.run::<ConsoleClauses>(console_clauses::Variables {
                    filter: Some(filter),
                })
                .await
            }
        },
    );
    let selected = move |name: &str| param(name).unwrap_or_default();
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Standaardclausules voor vacatureteksten"</h1>
        <p class="hint">
            "Teksten die in vacatures horen, met wanneer ze gelden. Stel een vacaturetekst samen in de "
            <a class="nl-link" href="/vacancy-text">"samensteller"</a>"."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let may_edit = d.me.may(Operation::EDIT_CLAUSES);
                        let choices = ClauseChoices::from(d.vocabulary);
                        view! {
                            <form method="get" class="filters" id="clause-filter">
                                <label for="filter-category">"Categorie"</label>
                                <select class="utrecht-select utrecht-select--html-select" id="filter-category" name="category">
                                    <option value="">"alle"</option>
                                    {options(&choices.categories, &selected("category"))}
                                </select>
                                <label for="filter-scale">"Schaal"</label>
                                <input class="utrecht-textbox utrecht-textbox--html-input" id="filter-scale" name="scale" type="number" min="1" max="19" value=selected("scale")/>
                                <label for="filter-status">"Status"</label>
                                <select class="utrecht-select utrecht-select--html-select" id="filter-status" name="status">
                                    <option value="">"alle"</option>
                                    {options(&choices.statuses, &selected("status"))}
                                </select>
                                {as_of.get_untracked().map(|d| view! { <input type="hidden" name="asOf" value=d/> })}
                                <button class="utrecht-button utrecht-button--primary-action" type="submit">"Filter"</button>
                            </form>
                            <p id="clause-count">{format!("{} clausules", d.vacancy_clauses.total_count)}</p>
                            <table class="utrecht-table utrecht-table--html-table clauses" id="clauses">
                                <thead><tr>
                                    <th scope="col">"Clausule"</th><th scope="col">"Categorie"</th><th scope="col">"Sectie"</th>
                                    <th scope="col">"Geldt voor"</th><th scope="col">"Verplicht"</th><th scope="col">"Status"</th>
                                    <th scope="col">"Versie"</th>
                                </tr></thead>
                                <tbody>
                                    {d.vacancy_clauses.nodes.into_iter().map(|c| view! {
                                        <tr class=format!("status-{}", code(&c.status).to_lowercase())>
                                            <td>
                                                <a class="nl-link" href=format!("/clauses/{}", c.code)>{c.version.title}</a>" "
                                                <IllustrativeBadge on=c.version.illustrative/>
                                                <br/><code>{c.code.clone()}</code>
                                            </td>
                                            <td>{c.version.category_label}</td>
                                            <td>{c.version.section_label}</td>
                                            <td>{c.version.applies_to}</td>
                                            <td>{if c.version.mandatory { "ja" } else { "nee" }}</td>
                                            <td class="status">{label_of(&choices.statuses, &c.status)}</td>
                                            <td>{format!("v{} sinds {}", c.version.number, dates::date(&c.version.effective_from))}
                                                {c.version.effective_to.map(|t| format!(" tot {}", dates::date(&t)))}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {may_edit.then(|| view! { <NewClauseForm choices/> })}
                        }.into_any()
                    }
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
