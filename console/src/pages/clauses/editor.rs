//! The forms that change the library: the shared clause-version fields ([`ClauseForm`]), and the
//! forms to add a clause and to revise or retire one.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::Api;
use crate::components::choices::options;
use crate::components::limit::Limit;
use crate::components::step::{StepError, StepStatus};
use crate::content::lines_of;
use crate::queries::clauses::{
    console_create_clause, console_retire_clause, console_revise_clause, ClauseChoices,
    ClauseDetail, ClauseVersionDetail, ConsoleCreateClause, ConsoleRetireClause,
    ConsoleReviseClause,
};
use crate::queries::{code, same_input, value_of};

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
    let limits = choices.limits;
    // A field with a limit says it in its label and refuses more (`maxlength`).
    let limit = |max: Option<i64>| max.map(|max| view! { <Limit max/> });
    let text_input = move |name: &'static str,
                           label: &'static str,
                           signal: RwSignal<String>,
                           max: Option<i64>| {
        view! {
            <label class="field" for=id(name)>{label}{limit(max)}</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id=id(name) maxlength=max prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
        }
    };
    let text_area = move |name: &'static str,
                          label: &'static str,
                          signal: RwSignal<String>,
                          max: Option<i64>| {
        view! {
            <label class="field" for=id(name)>{label}{limit(max)}</label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=id(name) rows="3" maxlength=max prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))></textarea>
        }
    };
    let check = move |name: &'static str, label: &'static str, signal: RwSignal<bool>| {
        view! {
            <label class="check"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=id(name) prop:checked=move || signal.get()
                on:change=move |ev| signal.set(event_target_checked(&ev))/>" "{label}</label>
        }
    };
    view! {
        {text_input("title", "Titel", form.title, Some(limits.title))}
        <label class="field" for=id("category")>"Categorie"</label>
        <select class="utrecht-select utrecht-select--html-select" id=id("category") on:change=move |ev| form.category.set(event_target_value(&ev))>
            {options(&choices.categories, &form.category.get_untracked())}
        </select>
        <label class="field" for=id("section")>"Sectie van de vacaturetekst"</label>
        <select class="utrecht-select utrecht-select--html-select" id=id("section") on:change=move |ev| form.section.set(event_target_value(&ev))>
            {options(&choices.sections, &form.section.get_untracked())}
        </select>
        {text_input("order", "Volgorde in de sectie", form.section_order, None)}
        {text_area("text-nl", "Tekst (Nederlands, verplicht)", form.text_nl, Some(limits.text))}
        {text_area("text-en", "Tekst (Engels, optioneel)", form.text_en, Some(limits.text))}
        {check("mandatory", "Verplicht in elke vacaturetekst waarvoor de clausule geldt", form.mandatory)}
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend>"Geldt voor"</legend>
            {text_input("scale-min", "Vanaf schaal", form.scale_min, None)}
            {text_input("scale-max", "Tot en met schaal", form.scale_max, None)}
            {check("abd", "Alleen ABD-functies (schaal 15 en hoger)", form.abd_only)}
            {check("manager", "Alleen leidinggevende functiefamilies", form.manager_only)}
            {text_area("families", "Alleen deze functiefamilies (codes, één per regel)", form.family_codes, None)}
            {text_area("groups", "Alleen deze functiegroepen (codes, één per regel)", form.group_codes, None)}
        </fieldset>
        {text_input("source", "Bron van de formulering", form.source_reference, Some(limits.source_reference))}
        {text_input("source-url", "Link naar de bron", form.source_url, None)}
        {check("illustrative", "Illustratief: de formulering of regel is van het register, niet van een officiële bron", form.illustrative)}
        {text_input("note", "Toelichting bij deze versie", form.change_note, Some(limits.title))}
        <label class="field" for=id("from")>"Geldig vanaf (vandaag of later)"</label>
        <input class="utrecht-textbox utrecht-textbox--html-input" id=id("from") type="date" required prop:value=move || form.effective_from.get()
            on:input=move |ev| form.effective_from.set(event_target_value(&ev))/>
    }
}

/// "Nieuwe clausule" on the library page.
#[component]
pub(super) fn NewClauseForm(choices: ClauseChoices) -> impl IntoView {
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
                <input class="utrecht-textbox utrecht-textbox--html-input" id="new-code" required on:input=move |ev| code.set(event_target_value(&ev))/>
                <ClauseFields form prefix="new" choices/>
                <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || status.busy()>"Clausule toevoegen"</button></p>
                <StepError status/>
            </form>
        </details>
    }
}

/// Revise or retire, for FGR beheer and the committee's secretary.
#[component]
pub(super) fn ClauseEditor(
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
                <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || revise_status.busy()>"Versie opslaan"</button></p>
                <StepError status=revise_status/>
            </form>
        </details>
        <details class="propose" id="retire-clause">
            <summary>"Intrekken"</summary>
            <form on:submit=retire id="retire-clause-form">
                <label class="field" for="retire-on">"Ingetrokken per (vandaag of later)"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="retire-on" type="date" required on:input=move |ev| retire_on.set(event_target_value(&ev))/>
                <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || retire_status.busy()>"Clausule intrekken"</button></p>
                <StepError status=retire_status/>
            </form>
        </details>
    }
}
