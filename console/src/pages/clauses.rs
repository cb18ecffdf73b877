//! The vacancy clause library: the list (filtered by category, scale and status, on the
//! peildatum), one clause with its versions and the diff between two of them, and — for FGR
//! beheer and the committee's secretary — forms to add, revise and retire clauses.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::Api;
use crate::components::as_of::use_as_of;
use crate::components::badges::{IllustrativeBadge, SourceLink};
use crate::components::choices::options;
use crate::components::load_error::LoadError;
use crate::components::step::{StepError, StepStatus};
use crate::components::version_compare::{chosen_diff, VersionCompare};
use crate::content::lines_of;
use crate::pages::not_found::NotFound;
use crate::queries::amendments::FieldChange;
use crate::queries::clauses::{
    console_clause, console_clause_version_diff, console_clauses, console_create_clause,
    console_retire_clause, console_revise_clause, ClauseChoices, ClauseDetail, ClauseVersionDetail,
    ConsoleClause, ConsoleClauseVersionDiff, ConsoleClauses, ConsoleCreateClause,
    ConsoleRetireClause, ConsoleReviseClause,
};
use crate::queries::{code, label_of, same_input, value_of, Labels, Operation};

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
        <h1>"Standaardclausules voor vacatureteksten"</h1>
        <p class="hint">
            "Teksten die in vacatures horen, met wanneer ze gelden. Stel een vacaturetekst samen in de "
            <a href="/vacancy-text">"samensteller"</a>"."
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
                                <select id="filter-category" name="category">
                                    <option value="">"alle"</option>
                                    {options(&choices.categories, &selected("category"))}
                                </select>
                                <label for="filter-scale">"Schaal"</label>
                                <input id="filter-scale" name="scale" type="number" min="1" max="19" value=selected("scale")/>
                                <label for="filter-status">"Status"</label>
                                <select id="filter-status" name="status">
                                    <option value="">"alle"</option>
                                    {options(&choices.statuses, &selected("status"))}
                                </select>
                                {as_of.get_untracked().map(|d| view! { <input type="hidden" name="asOf" value=d/> })}
                                <button type="submit">"Filter"</button>
                            </form>
                            <p id="clause-count">{format!("{} clausules", d.vacancy_clauses.total_count)}</p>
                            <table class="clauses" id="clauses">
                                <thead><tr>
                                    <th scope="col">"Clausule"</th><th scope="col">"Categorie"</th><th scope="col">"Sectie"</th>
                                    <th scope="col">"Geldt voor"</th><th scope="col">"Verplicht"</th><th scope="col">"Status"</th>
                                    <th scope="col">"Versie"</th>
                                </tr></thead>
                                <tbody>
                                    {d.vacancy_clauses.nodes.into_iter().map(|c| view! {
                                        <tr class=format!("status-{}", code(&c.status).to_lowercase())>
                                            <td>
                                                <a href=format!("/clauses/{}", c.code)>{c.version.title}</a>" "
                                                <IllustrativeBadge on=c.version.illustrative/>
                                                <br/><code>{c.code.clone()}</code>
                                            </td>
                                            <td>{c.version.category_label}</td>
                                            <td>{c.version.section_label}</td>
                                            <td>{c.version.applies_to}</td>
                                            <td>{if c.version.mandatory { "ja" } else { "nee" }}</td>
                                            <td class="status">{label_of(&choices.statuses, &c.status)}</td>
                                            <td>{format!("v{} sinds {}", c.version.number, c.version.effective_from)}
                                                {c.version.effective_to.map(|t| format!(" tot {t}"))}</td>
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

/// The fields of a clause version being edited, one signal each.
#[derive(Clone, Copy)]
struct ClauseForm {
    title: RwSignal<String>,
    category: RwSignal<String>,
    section: RwSignal<String>,
    section_order: RwSignal<String>,
    text_nl: RwSignal<String>,
    text_en: RwSignal<String>,
    mandatory: RwSignal<bool>,
    scale_min: RwSignal<String>,
    scale_max: RwSignal<String>,
    manager_only: RwSignal<bool>,
    abd_only: RwSignal<bool>,
    family_codes: RwSignal<String>,
    group_codes: RwSignal<String>,
    source_reference: RwSignal<String>,
    source_url: RwSignal<String>,
    illustrative: RwSignal<bool>,
    change_note: RwSignal<String>,
    effective_from: RwSignal<String>,
}

impl ClauseForm {
    fn new(v: Option<&ClauseVersionDetail>) -> Self {
        let text =
            |f: fn(&ClauseVersionDetail) -> String| RwSignal::new(v.map(f).unwrap_or_default());
        let a = v.map(|v| v.applicability.clone());
        let a = a.as_ref();
        let num = |n: Option<i64>| RwSignal::new(n.map(|n| n.to_string()).unwrap_or_default());
        Self {
            title: text(|v| v.title.clone()),
            category: RwSignal::new(
                v.map_or("SOCIAL_SAFETY_INCLUSION".into(), |v| code(&v.category)),
            ),
            section: RwSignal::new(v.map_or("PROFILE".into(), |v| code(&v.section))),
            section_order: RwSignal::new(v.map_or(100, |v| v.section_order).to_string()),
            text_nl: text(|v| v.text_nl.clone()),
            text_en: text(|v| v.text_en.clone().unwrap_or_default()),
            mandatory: RwSignal::new(v.is_some_and(|v| v.mandatory)),
            scale_min: num(a.and_then(|a| a.scale_min)),
            scale_max: num(a.and_then(|a| a.scale_max)),
            manager_only: RwSignal::new(a.is_some_and(|a| a.manager_only)),
            abd_only: RwSignal::new(a.is_some_and(|a| a.abd_only)),
            family_codes: RwSignal::new(a.map(|a| a.family_codes.join("\n")).unwrap_or_default()),
            group_codes: RwSignal::new(a.map(|a| a.group_codes.join("\n")).unwrap_or_default()),
            source_reference: text(|v| v.source_reference.clone()),
            source_url: text(|v| v.source_url.clone().unwrap_or_default()),
            illustrative: RwSignal::new(v.is_none_or(|v| v.illustrative)),
            change_note: RwSignal::new(String::new()),
            effective_from: RwSignal::new(String::new()),
        }
    }

    /// The `ClauseFieldsInput` of the form.
    fn fields(self) -> console_create_clause::ClauseFieldsInput {
        let optional = |s: RwSignal<String>| {
            let v = s.get_untracked();
            (!v.trim().is_empty()).then(|| v.trim().to_owned())
        };
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>().ok();
        console_create_clause::ClauseFieldsInput {
            title: self.title.get_untracked(),
            category: value_of(&self.category.get_untracked())
                .unwrap_or(crate::queries::ClauseCategory::SOCIAL_SAFETY_INCLUSION),
            section: value_of(&self.section.get_untracked())
                .unwrap_or(crate::queries::VacancySection::PROFILE),
            section_order: number(self.section_order).unwrap_or(100),
            text_nl: self.text_nl.get_untracked(),
            text_en: optional(self.text_en),
            mandatory: self.mandatory.get_untracked(),
            applicability: console_create_clause::ApplicabilityInput {
                scale_min: number(self.scale_min),
                scale_max: number(self.scale_max),
                manager_only: self.manager_only.get_untracked(),
                abd_only: self.abd_only.get_untracked(),
                family_codes: lines_of(&self.family_codes.get_untracked()),
                group_codes: lines_of(&self.group_codes.get_untracked()),
            },
            source_reference: self.source_reference.get_untracked(),
            source_url: optional(self.source_url),
            illustrative: self.illustrative.get_untracked(),
            change_note: optional(self.change_note),
        }
    }
}

/// The inputs of a [`ClauseForm`]; `prefix` keeps the ids of two forms on one page apart.
#[component]
fn ClauseFields(form: ClauseForm, prefix: &'static str, choices: ClauseChoices) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let text_input = move |name: &'static str, label: &'static str, signal: RwSignal<String>| {
        view! {
            <label class="field" for=id(name)>{label}</label>
            <input id=id(name) prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
        }
    };
    let text_area = move |name: &'static str, label: &'static str, signal: RwSignal<String>| {
        view! {
            <label class="field" for=id(name)>{label}</label>
            <textarea id=id(name) rows="3" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))></textarea>
        }
    };
    let check = move |name: &'static str, label: &'static str, signal: RwSignal<bool>| {
        view! {
            <label class="check"><input type="checkbox" id=id(name) prop:checked=move || signal.get()
                on:change=move |ev| signal.set(event_target_checked(&ev))/>" "{label}</label>
        }
    };
    view! {
        {text_input("title", "Titel", form.title)}
        <label class="field" for=id("category")>"Categorie"</label>
        <select id=id("category") on:change=move |ev| form.category.set(event_target_value(&ev))>
            {options(&choices.categories, &form.category.get_untracked())}
        </select>
        <label class="field" for=id("section")>"Sectie van de vacaturetekst"</label>
        <select id=id("section") on:change=move |ev| form.section.set(event_target_value(&ev))>
            {options(&choices.sections, &form.section.get_untracked())}
        </select>
        {text_input("order", "Volgorde in de sectie", form.section_order)}
        {text_area("text-nl", "Tekst (Nederlands, verplicht)", form.text_nl)}
        {text_area("text-en", "Tekst (Engels, optioneel)", form.text_en)}
        {check("mandatory", "Verplicht in elke vacaturetekst waarvoor de clausule geldt", form.mandatory)}
        <fieldset>
            <legend>"Geldt voor"</legend>
            {text_input("scale-min", "Vanaf schaal", form.scale_min)}
            {text_input("scale-max", "Tot en met schaal", form.scale_max)}
            {check("abd", "Alleen ABD-functies (schaal 15 en hoger)", form.abd_only)}
            {check("manager", "Alleen leidinggevende functiefamilies", form.manager_only)}
            {text_area("families", "Alleen deze functiefamilies (codes, één per regel)", form.family_codes)}
            {text_area("groups", "Alleen deze functiegroepen (codes, één per regel)", form.group_codes)}
        </fieldset>
        {text_input("source", "Bron van de formulering", form.source_reference)}
        {text_input("source-url", "Link naar de bron", form.source_url)}
        {check("illustrative", "Illustratief: de formulering of regel is van het register, niet van een officiële bron", form.illustrative)}
        {text_input("note", "Toelichting bij deze versie", form.change_note)}
        <label class="field" for=id("from")>"Geldig vanaf (vandaag of later)"</label>
        <input id=id("from") type="date" required prop:value=move || form.effective_from.get()
            on:input=move |ev| form.effective_from.set(event_target_value(&ev))/>
    }
}

/// "Nieuwe clausule" on the library page.
#[component]
fn NewClauseForm(choices: ClauseChoices) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let form = ClauseForm::new(None);
    let code = RwSignal::new(String::new());
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let input = console_create_clause::CreateVacancyClauseInput {
            code: code.get_untracked().trim().to_owned(),
            effective_from: form.effective_from.get_untracked(),
            fields: form.fields(),
        };
        status.run::<ConsoleCreateClause>(
            api.clone(),
            console_create_clause::Variables { input },
            move |done| {
                let code = done.create_vacancy_clause.code;
                navigate(&format!("/clauses/{code}"), Default::default());
            },
        );
    };
    view! {
        <details class="propose" id="new-clause">
            <summary>"Nieuwe clausule"</summary>
            <form on:submit=submit id="new-clause-form">
                <label class="field" for="new-code">"Code (hoofdletters, cijfers en _)"</label>
                <input id="new-code" required on:input=move |ev| code.set(event_target_value(&ev))/>
                <ClauseFields form prefix="new" choices/>
                <p><button type="submit" disabled=move || status.busy()>"Clausule toevoegen"</button></p>
                <StepError status/>
            </form>
        </details>
    }
}

/// One clause: `/clauses/:code?from=&to=`.
#[component]
pub fn ClausePage() -> impl IntoView {
    let api = Api::from_context();
    let params = use_params_map();
    let query = use_query_map();
    let as_of = use_as_of();
    let reload = RwSignal::new(0_u32);
    let number = move |name: &str| query.read().get(name).and_then(|n| n.parse::<i64>().ok());
    let data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                as_of.get(),
                number("from"),
                number("to"),
                reload.get(),
            )
        },
        move |(code, on, from, to, _)| {
            let api = api.clone();
            async move {
                let data = api
                    .run::<ConsoleClause>(console_clause::Variables {
                        code: code.clone(),
                        on,
                    })
                    .await?;
                let diff = chosen_diff::<ConsoleClauseVersionDiff, _>(
                    &api,
                    from,
                    to,
                    |from, to| console_clause_version_diff::Variables { code, from, to },
                    |d| d.clause_version_diff,
                )
                .await?;
                Ok::<_, crate::api::ApiError>((data, diff))
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p>"Laden…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((console_clause::ResponseData { vacancy_clause: Some(clause), me, vocabulary }, clause_version_diff)) => {
                        let may_edit = me.may(Operation::EDIT_CLAUSES);
                        let choices = ClauseChoices::from(vocabulary);
                        view! {
                            <ClauseView clause=clause.clone() statuses=choices.statuses.clone() diff=clause_version_diff from=number("from") to=number("to")/>
                            {may_edit.then(|| view! { <ClauseEditor clause reload choices/> })}
                        }.into_any()
                    }
                    Ok((console_clause::ResponseData { vacancy_clause: None, .. }, _)) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <LoadError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ClauseView(
    clause: ClauseDetail,
    statuses: Labels,
    diff: Option<Vec<FieldChange>>,
    from: Option<i64>,
    to: Option<i64>,
) -> impl IntoView {
    let v = clause.version;
    let numbers: Vec<i64> = clause.versions.iter().map(|v| v.number).collect();
    let code = clause.code.clone();
    view! {
        <nav class="crumbs"><a href="/clauses">"Standaardclausules"</a>" › "<code>{code.clone()}</code></nav>
        <h1>{v.title.clone()}" "<IllustrativeBadge on=v.illustrative/></h1>
        <dl class="facts">
            <dt>"Status"</dt><dd id="clause-status">{label_of(&statuses, &clause.status)}</dd>
            <dt>"Versie"</dt><dd>{format!("{} (sinds {})", v.number, v.effective_from)}{v.effective_to.clone().map(|t| format!(", tot {t}"))}</dd>
            <dt>"Categorie"</dt><dd>{v.category_label.clone()}</dd>
            <dt>"Sectie"</dt><dd>{format!("{} (volgorde {})", v.section_label, v.section_order)}</dd>
            <dt>"Geldt voor"</dt><dd>{v.applies_to.clone()}</dd>
            <dt>"Verplicht"</dt><dd>{if v.mandatory { "ja" } else { "nee" }}</dd>
            <dt>"Bron"</dt><dd>{v.source_reference.clone()}" "<SourceLink url=v.source_url.clone()/></dd>
        </dl>
        <h2>"Tekst"</h2>
        <blockquote lang="nl" id="clause-text-nl">{v.text_nl.clone()}</blockquote>
        {match v.text_en.clone() {
            Some(en) => view! { <blockquote lang="en" id="clause-text-en">{en}</blockquote> }.into_any(),
            None => view! { <p class="note">"Geen Engelse tekst: Engelstalige vacatureteksten tonen de Nederlandse."</p> }.into_any(),
        }}
        <h2>"Versies"</h2>
        <table class="history" id="clause-versions">
            <thead><tr>
                <th scope="col">"Versie"</th><th scope="col">"Geldig vanaf"</th><th scope="col">"Geldig tot"</th>
                <th scope="col">"Titel"</th><th scope="col">"Toelichting"</th><th scope="col">"Door"</th>
            </tr></thead>
            <tbody>
                {clause.versions.into_iter().map(|r| view! {
                    <tr class:current=r.number == v.number>
                        <td>{format!("v{}", r.number)}</td>
                        <td>{r.effective_from}</td>
                        <td>{r.effective_to.unwrap_or_else(|| "—".into())}</td>
                        <td>{r.title}" "<IllustrativeBadge on=r.illustrative/></td>
                        <td>{r.change_note.unwrap_or_default()}</td>
                        <td>{r.created_by}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <VersionCompare numbers from to diff id="clause-compare"/>
    }
}

/// Revise or retire, for FGR beheer and the committee's secretary.
#[component]
fn ClauseEditor(
    clause: ClauseDetail,
    reload: RwSignal<u32>,
    choices: ClauseChoices,
) -> impl IntoView {
    let api = Api::from_context();
    let latest = clause.versions.last().map_or(1, |v| v.number);
    let code = clause.code.clone();
    let form = ClauseForm::new(Some(&clause.version));
    let revise_status = StepStatus::new();
    let retire_status = StepStatus::new();
    let retire_on = RwSignal::new(String::new());
    let revise = {
        let api = api.clone();
        let code = code.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let input = console_revise_clause::ReviseVacancyClauseInput {
                code: code.clone(),
                expected_version: latest,
                effective_from: form.effective_from.get_untracked(),
                fields: same_input(form.fields()),
            };
            revise_status.run::<ConsoleReviseClause>(
                api.clone(),
                console_revise_clause::Variables { input },
                move |_| {
                    reload.update(|n| *n += 1);
                },
            );
        }
    };
    let retire = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let variables = console_retire_clause::Variables {
            code: code.clone(),
            expected_version: latest,
            on: retire_on.get_untracked(),
        };
        retire_status.run::<ConsoleRetireClause>(api.clone(), variables, move |_| {
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <details class="propose" id="revise-clause">
            <summary>"Nieuwe versie maken"</summary>
            <form on:submit=revise id="revise-clause-form">
                <p class="hint">{format!(
                    "De nieuwe versie vervangt versie {latest} vanaf de gekozen datum; wat daarvoor gold blijft ongewijzigd."
                )}</p>
                <ClauseFields form prefix="revise" choices/>
                <p><button type="submit" disabled=move || revise_status.busy()>"Versie opslaan"</button></p>
                <StepError status=revise_status/>
            </form>
        </details>
        <details class="propose" id="retire-clause">
            <summary>"Intrekken"</summary>
            <form on:submit=retire id="retire-clause-form">
                <label class="field" for="retire-on">"Ingetrokken per (vandaag of later)"</label>
                <input id="retire-on" type="date" required on:input=move |ev| retire_on.set(event_target_value(&ev))/>
                <p><button type="submit" disabled=move || retire_status.busy()>"Clausule intrekken"</button></p>
                <StepError status=retire_status/>
            </form>
        </details>
    }
}
