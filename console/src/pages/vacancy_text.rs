//! The vacancy-text composer: pick a group, a scale, a language, a date and a format; see the
//! standard clauses that apply, assembled, with the provenance of each; copy the text with one
//! click. The choice lives in the address (a GET form), so a composed text can be linked.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::Api;
use crate::components::badges::IllustrativeBadge;
use crate::components::load_error::LoadError;
use crate::dates;
use crate::queries::catalogue::{console_group_choices, ConsoleGroupChoices, GroupChoice};
use crate::queries::clauses::{console_vacancy_text, ConsoleVacancyText, VacancyTextView};
use crate::queries::value_of;

/// What the address asks to compose.
#[derive(Clone, PartialEq, Eq)]
struct Choice {
    group: String,
    scale: Option<i64>,
    language: String,
    on: Option<String>,
    format: String,
}

/// The composer page.
#[component]
pub fn VacancyTextPage() -> impl IntoView {
    let api = Api::from_context();
    let query = use_query_map();
    let choice = Memo::new(move |_| {
        let q = query.read();
        let get = |name: &str| q.get(name).filter(|v| !v.trim().is_empty());
        Choice {
            group: get("group").unwrap_or_default(),
            scale: get("scale").and_then(|s| s.parse().ok()),
            language: get("language").unwrap_or_else(|| "nl".into()),
            on: get("on"),
            format: get("format").unwrap_or_else(|| "PLAIN".into()),
        }
    });
    let data = Resource::new(
        move || choice.get(),
        move |c| {
            let api = api.clone();
            async move {
                // The choices even when composing fails, so the form stays usable.
                let groups = api
                    .run::<ConsoleGroupChoices>(console_group_choices::Variables)
                    .await
                    .map(|d| d.function_groups.nodes);
                let text = match c.scale {
                    Some(scale) if !c.group.is_empty() => api
                        .run::<ConsoleVacancyText>(console_vacancy_text::Variables {
                            group: c.group.clone(),
                            scale,
                            language: Some(c.language),
                            on: c.on,
                            format: value_of(&c.format),
                        })
                        .await
                        .map(|d| Some(d.vacancy_text)),
                    _ => Ok(None),
                };
                (groups, text)
            }
        },
    );
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Vacaturetekst samenstellen"</h1>
        <p class="hint">"De standaardclausules die op de gekozen datum gelden voor een functie, in de volgorde van een vacaturetekst, met per clausule de versie waarop u zich kunt beroepen."</p>
        <Suspense fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                let c = choice.get_untracked();
                let (groups, text) = data.await;
                let (groups, text) = match groups {
                    Ok(groups) => (groups, text),
                    Err(error) => (Vec::new(), Err(error)),
                };
                match text {
                    Ok(text) => view! {
                        <ComposerForm groups choice=c/>
                        {text.map(|text| view! { <Composed text/> })}
                    }.into_any(),
                    Err(error) => view! {
                        <ComposerForm groups choice=c/>
                        <LoadError error/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ComposerForm(groups: Vec<GroupChoice>, choice: Choice) -> impl IntoView {
    let selected_group = groups.iter().find(|g| g.code == choice.group).cloned();
    let scale_hint = selected_group
        .as_ref()
        .map(|g| format!("schaal {} t/m {}", g.scale_range.min, g.scale_range.max));
    let option = |value: &'static str, label: &'static str, current: &str| {
        view! { <option value=value selected=value == current>{label}</option> }
    };
    view! {
        <form method="get" class="filters composer" id="composer-form">
            <label for="composer-group">"Functiegroep"</label>
            <select class="utrecht-select utrecht-select--html-select" id="composer-group" name="group" required>
                <option value="">"kies…"</option>
                {groups.iter().map(|g| view! {
                    <option value=g.code.clone() selected=g.code == choice.group>
                        {format!("{} ({}–{})", g.name, g.scale_range.min, g.scale_range.max)}
                    </option>
                }).collect_view()}
            </select>
            <label for="composer-scale">"Schaal"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="composer-scale" name="scale" type="number" min="1" max="19" required
                value=choice.scale.map(|s| s.to_string()).unwrap_or_default()
                title=scale_hint.unwrap_or_default()/>
            <label for="composer-language">"Taal"</label>
            <select class="utrecht-select utrecht-select--html-select" id="composer-language" name="language">
                {option("nl", "Nederlands", &choice.language)}
                {option("en", "Engels", &choice.language)}
            </select>
            <label for="composer-on">"Datum"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="composer-on" name="on" type="date" value=choice.on.clone().unwrap_or_default()/>
            <label for="composer-format">"Opmaak"</label>
            <select class="utrecht-select utrecht-select--html-select" id="composer-format" name="format">
                {option("PLAIN", "platte tekst", &choice.format)}
                {option("MARKDOWN", "Markdown", &choice.format)}
                {option("HTML", "HTML", &choice.format)}
            </select>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">"Samenstellen"</button>
        </form>
    }
}

#[component]
fn Composed(text: VacancyTextView) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let to_copy = text.text.clone();
    let copy = move |_| {
        let to_copy = to_copy.clone();
        leptos::task::spawn_local(async move {
            copied.set(Some(copy_to_clipboard(&to_copy).await));
        });
    };
    let empty = text.sections.is_empty();
    view! {
        <section class="composed" id="composed">
            <h2 class="nl-heading nl-heading--level-2">{format!("Op {} ({})", text.on, if text.language == "en" { "Engels" } else { "Nederlands" })}</h2>
            {(!text.fallbacks.is_empty()).then(|| view! {
                <p class="note" id="fallbacks">
                    "Zonder Engelse tekst, daarom in het Nederlands: "{text.fallbacks.join(", ")}
                </p>
            })}
            {if empty {
                view! { <p class="empty">"Voor deze functie gelden op deze datum geen standaardclausules."</p> }.into_any()
            } else {
                view! {
                    <p>
                        <button class="utrecht-button utrecht-button--secondary-action" type="button" id="copy-text" on:click=copy>"Kopieer tekst"</button>" "
                        <span id="copy-status" role="status">{move || match copied.get() {
                            Some(true) => "Gekopieerd naar het klembord.",
                            Some(false) => "Kopiëren lukte niet; selecteer de tekst en kopieer zelf.",
                            None => "",
                        }}</span>
                    </p>
                    <pre id="vacancy-text-output">{text.text.clone()}</pre>
                }.into_any()
            }}
            <h3 class="nl-heading nl-heading--level-3">"Herkomst"</h3>
            <table class="utrecht-table utrecht-table--html-table provenance" id="vacancy-provenance">
                <thead><tr>
                    <th scope="col">"Sectie"</th><th scope="col">"Clausule"</th><th scope="col">"Versie"</th>
                    <th scope="col">"Verplicht"</th><th scope="col">"Bron"</th>
                </tr></thead>
                <tbody>
                    {text.sections.into_iter().flat_map(|s| {
                        let heading = s.heading.clone();
                        s.clauses.into_iter().map(move |c| view! {
                            <tr>
                                <td>{heading.clone()}</td>
                                <td>
                                    <a class="nl-link" href=format!("/clauses/{}", c.code)><code>{c.code.clone()}</code></a>" "{c.title}" "
                                    <IllustrativeBadge on=c.illustrative/>
                                    {c.fell_back_to_dutch.then(|| view! { <span class="badge">"nl"</span> })}
                                </td>
                                <td>{format!("v{} sinds {}", c.version_number, dates::date(&c.effective_from))}</td>
                                <td>{if c.mandatory { "ja" } else { "nee" }}</td>
                                <td class="cite">{c.source_reference}</td>
                            </tr>
                        })
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Writes `text` to the clipboard; false when the browser refuses.
#[cfg(feature = "hydrate")]
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// On the server nothing is copied (the button only works in the browser).
#[cfg(not(feature = "hydrate"))]
#[allow(clippy::unused_async)]
async fn copy_to_clipboard(_text: &str) -> bool {
    false
}
