//! Catalogue import for FGR beheer: choose an `fgr-catalogue/1` file, check it (every group's
//! change shown as the committee's diff, every problem with its place), then confirm.

use leptos::prelude::*;

use crate::api::Api;
use crate::components::step::{StepError, StepStatus};
use crate::pages::proposals::DiffView;
use crate::queries::catalogue::{
    console_import_catalogue, console_me, ConsoleImportCatalogue, ConsoleMe, ImportView,
};
use crate::queries::{code, Operation};
use console_import_catalogue::GroupImportAction;

/// The import page.
#[component]
pub fn CatalogueImportPage() -> impl IntoView {
    let api = Api::from_context();
    let me = Resource::new(
        || (),
        move |()| {
            let api = api.clone();
            async move { api.run::<ConsoleMe>(console_me::Variables).await }
        },
    );
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Catalogus importeren"</h1>
        <p class="lead">
            "Neem een catalogusbestand (formaat fgr-catalogue/1, zoals de export het schrijft) in het register op. "
            "Eerst wordt het hele bestand gecontroleerd en ziet u per functiegroep wat er verandert; "
            "pas na bevestiging wordt er iets vastgelegd."
        </p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(console_me::ResponseData { me }) if me.may(Operation::IMPORT_CATALOGUE) => {
                        view! { <ImportForm/> }.into_any()
                    }
                    _ => view! {
                        <p class="note" id="import-not-allowed">
                            "Alleen FGR-beheer kan een catalogus importeren. Log in als FGR-beheer."
                        </p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Reads the chosen file's text into `into` (in the browser; the server renders the form only).
#[cfg(feature = "hydrate")]
fn read_file(
    ev: leptos::ev::Event,
    name: RwSignal<Option<String>>,
    into: RwSignal<Option<String>>,
) {
    use wasm_bindgen::JsCast;
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        into.set(None);
        return;
    };
    name.set(Some(file.name()));
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        into.set(text.ok().and_then(|t| t.as_string()));
    });
}

#[cfg(not(feature = "hydrate"))]
fn read_file(_: leptos::ev::Event, _: RwSignal<Option<String>>, _: RwSignal<Option<String>>) {}

/// The file, the decision, the check and the confirmation.
#[component]
fn ImportForm() -> impl IntoView {
    let api = Api::from_context();
    let file_name = RwSignal::new(None::<String>);
    let document = RwSignal::new(None::<String>);
    let decision = RwSignal::new(String::new());
    let effective_from = RwSignal::new(String::new());
    let decided_on = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<ImportView>);
    let done = RwSignal::new(None::<ImportView>);
    let check_status = StepStatus::new();
    let confirm_status = StepStatus::new();
    let input = move |dry_run: bool| {
        let optional = |s: String| (!s.trim().is_empty()).then_some(s);
        console_import_catalogue::Variables {
            input: console_import_catalogue::ImportCatalogueInput {
                document: document.get_untracked().unwrap_or_default(),
                decision: optional(decision.get_untracked()),
                effective_from: optional(effective_from.get_untracked()),
                decided_on: optional(decided_on.get_untracked()),
                dry_run,
            },
        }
    };
    let check = {
        let api = api.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            checked.set(None);
            done.set(None);
            check_status.run::<ConsoleImportCatalogue>(api.clone(), input(true), move |v| {
                checked.set(Some(v.import_catalogue));
            });
        }
    };
    let confirm = move |_| {
        confirm_status.run::<ConsoleImportCatalogue>(api.clone(), input(false), move |v| {
            checked.set(None);
            done.set(Some(v.import_catalogue));
        });
    };
    // A changed field invalidates the check: confirm only what was shown.
    let changed = move || checked.set(None);
    view! {
        <form id="import-form" on:submit=check>
            <label class="field" for="import-file">"Catalogusbestand (JSON) *"</label>
            <input id="import-file" type="file" accept=".json,application/json" required
                on:change=move |ev| { changed(); read_file(ev, file_name, document) }/>
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
                <legend>"Besluit voor nieuwe versies"</legend>
                <p class="hint">
                    "Nodig wanneer een functiegroep die het register al kent een andere inhoud krijgt: "
                    "die krijgt een nieuwe versie vanaf de ingangsdatum, met dit besluit als herkomst. "
                    "Groepen die het register nog niet kent, worden met hun versies uit het bestand toegevoegd."
                </p>
                <label class="field" for="import-decision">"Besluit"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="import-decision" type="text" maxlength="300"
                    on:input=move |ev| { changed(); decision.set(event_target_value(&ev)) }/>
                <label class="field" for="import-effective-from">"Ingangsdatum (vandaag of later)"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="import-effective-from" type="date"
                    on:input=move |ev| { changed(); effective_from.set(event_target_value(&ev)) }/>
                <label class="field" for="import-decided-on">"Datum van het besluit"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="import-decided-on" type="date"
                    on:input=move |ev| { changed(); decided_on.set(event_target_value(&ev)) }/>
            </fieldset>
            <p>
                <button class="utrecht-button utrecht-button--primary-action" type="submit" id="import-check"
                    disabled=move || check_status.busy() || document.get().is_none()>"Controleren"</button>
                {move || file_name.get().map(|n| view! { " "<span class="note">{n}</span> })}
            </p>
            <StepError status=check_status/>
        </form>
        {move || checked.get().map(|v| {
            let changes = v.groups.iter().filter(|g| g.action != GroupImportAction::UNCHANGED).count();
            view! {
                <section id="import-plan" aria-live="polite">
                    <h2 class="nl-heading nl-heading--level-2">"Wat er verandert"</h2>
                    <ImportOutcome outcome=v.clone()/>
                    {if changes > 0 || !v.added.is_empty() {
                        view! {
                            <p>
                                <button class="utrecht-button utrecht-button--secondary-action" type="button" id="import-confirm" on:click=confirm.clone()
                                    disabled=move || confirm_status.busy()>"Importeren"</button>
                                " Dit legt de wijzigingen hierboven vast."
                            </p>
                            <StepError status=confirm_status/>
                        }.into_any()
                    } else {
                        view! { <p id="import-nothing">"Het bestand verandert niets aan het register."</p> }.into_any()
                    }}
                </section>
            }
        })}
        {move || done.get().map(|v| {
            let from = effective_from.get_untracked();
            view! {
                <section id="import-done" role="status">
                    <h2 class="nl-heading nl-heading--level-2">"Geïmporteerd"</h2>
                    <ul class="import-links">
                        {v.groups.into_iter().filter(|g| g.action != GroupImportAction::UNCHANGED).map(|g| {
                            let href = if g.action == GroupImportAction::NEW_VERSION && !from.is_empty() {
                                format!("/groups/{}?asOf={from}", g.code)
                            } else {
                                format!("/groups/{}", g.code)
                            };
                            view! { <li><a class="nl-link" href=href data-group=g.code.clone()>{g.name}</a></li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// Per group what changes; what else is added; what is left alone.
#[component]
fn ImportOutcome(outcome: ImportView) -> impl IntoView {
    let unchanged = outcome
        .groups
        .iter()
        .filter(|g| g.action == GroupImportAction::UNCHANGED)
        .count();
    view! {
        {outcome.groups.into_iter().filter(|g| g.action != GroupImportAction::UNCHANGED).map(|g| {
            let what = if g.action == GroupImportAction::ADDED {
                format!("nieuwe functiegroep, met {} versie(s) uit het bestand", g.versions_added)
            } else {
                "nieuwe versie vanaf de ingangsdatum".to_owned()
            };
            let added = g.action == GroupImportAction::ADDED;
            let group = g.code.clone();
            view! {
                <section class="import-group" data-group=group data-action=code(&g.action)>
                    <h3 class="nl-heading nl-heading--level-3">{g.name}" "<code>{g.code}</code></h3>
                    <p class="import-action">{what}</p>
                    {if added {
                        view! {
                            <details><summary>"Inhoud van de laatste versie"</summary><DiffView changes=g.changes.into_iter().map(Into::into).collect()/></details>
                        }.into_any()
                    } else {
                        view! { <DiffView changes=g.changes.into_iter().map(Into::into).collect()/> }.into_any()
                    }}
                </section>
            }
        }).collect_view()}
        {(unchanged > 0).then(|| view! { <p id="import-unchanged">{format!("{unchanged} functiegroep(en) ongewijzigd.")}</p> })}
        {(!outcome.added.is_empty()).then(|| view! {
            <h3 class="nl-heading nl-heading--level-3">"Verder toegevoegd"</h3>
            <ul id="import-added">{outcome.added.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
        })}
        {(!outcome.remarks.is_empty()).then(|| view! {
            <h3 class="nl-heading nl-heading--level-3">"Niet gewijzigd (controleer)"</h3>
            <ul id="import-remarks">{outcome.remarks.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
        })}
    }
}
