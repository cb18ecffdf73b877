//! The edit form over an appraisal format's document: per section its criteria (question,
//! guidance, mandatory, rating scale, what it appraises), criteria added or removed. Every field
//! has a signal of its own; [`FormatDraft::document`] assembles the JSON the API takes.

use leptos::prelude::*;
use serde_json::{json, Value};

use crate::queries::amendments::RequirementRef;
use crate::queries::Labels;

/// One criterion being edited; fields the form does not show are kept as they were.
#[derive(Clone)]
struct CriterionFields {
    id: u32,
    code: String,
    text: RwSignal<String>,
    guidance: RwSignal<String>,
    mandatory: RwSignal<bool>,
    rating_scale: RwSignal<String>,
    requirement: RwSignal<String>,
    kept: Value,
}

impl CriterionFields {
    fn new(id: u32, c: &Value) -> Self {
        let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
        Self {
            id,
            code: text("code"),
            text: RwSignal::new(text("text")),
            guidance: RwSignal::new(text("guidance")),
            mandatory: RwSignal::new(c["mandatory"].as_bool().unwrap_or(true)),
            rating_scale: RwSignal::new(text("ratingScale")),
            requirement: RwSignal::new(
                c["appraises"]["requirementCode"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            ),
            kept: c.clone(),
        }
    }

    fn document(&self) -> Value {
        let mut c = self.kept.clone();
        let optional = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        c["code"] = json!(self.code);
        c["text"] = json!(self.text.get().trim());
        c["guidance"] = json!(optional(self.guidance.get()));
        c["mandatory"] = json!(self.mandatory.get());
        c["ratingScale"] = json!(optional(self.rating_scale.get()));
        let requirement = optional(self.requirement.get());
        let result_area = self.kept["appraises"]["resultArea"]
            .as_str()
            .map(str::to_owned);
        c["appraises"] = match (requirement, result_area) {
            (None, None) => Value::Null,
            (r, a) => json!({ "requirementCode": r, "resultArea": a }),
        };
        if c.get("illustrative").is_none() {
            c["illustrative"] = json!(true);
        }
        c
    }
}

/// A section and its criteria.
#[derive(Clone)]
struct SectionFields {
    code: String,
    title: String,
    criteria: RwSignal<Vec<CriterionFields>>,
}

/// A format document being edited.
#[derive(Clone)]
pub struct FormatDraft {
    sections: Vec<SectionFields>,
    next_id: RwSignal<u32>,
}

impl FormatDraft {
    /// Fields holding `document` (a format's `{ sections: [...] }`); every section of a
    /// conversation (`sections`, from the API's vocabulary) is offered, so criteria can be added
    /// to an empty one.
    pub fn new(document: &Value, sections: &Labels) -> Self {
        let mut id = 0;
        let sections = sections
            .iter()
            .map(|(code, title)| {
                let criteria = document["sections"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|s| s["code"] == *code)
                    .flat_map(|s| s["criteria"].as_array().cloned().unwrap_or_default())
                    .map(|c| {
                        id += 1;
                        CriterionFields::new(id, &c)
                    })
                    .collect();
                SectionFields {
                    code: code.clone(),
                    title: title.clone(),
                    criteria: RwSignal::new(criteria),
                }
            })
            .collect();
        Self {
            sections,
            next_id: RwSignal::new(id + 1),
        }
    }

    /// The document as it now stands (reading every field, so an effect re-runs on any edit).
    pub fn document(&self) -> Value {
        let sections: Vec<Value> = self
            .sections
            .iter()
            .filter_map(|s| {
                let criteria: Vec<Value> = s
                    .criteria
                    .get()
                    .iter()
                    .map(CriterionFields::document)
                    .collect();
                (!criteria.is_empty()).then(|| json!({ "code": s.code, "criteria": criteria }))
            })
            .collect();
        json!({ "sections": sections })
    }
}

/// The edit form.
#[component]
pub fn FormatEditor(
    /// What is being edited.
    draft: FormatDraft,
    /// Requirements a criterion can appraise.
    requirements: Vec<RequirementRef>,
    /// Rating scale codes.
    scales: Vec<String>,
) -> impl IntoView {
    let next_id = draft.next_id;
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset editor" id="format-editor">
            <legend>"Secties en criteria"</legend>
            {draft.sections.into_iter().map(|s| {
                let criteria = s.criteria;
                let requirements = requirements.clone();
                let scales = scales.clone();
                let new_code = RwSignal::new(String::new());
                let section_code = s.code.clone();
                view! {
                    <section class="format-section" data-section=section_code.clone()>
                        <h3 class="nl-heading nl-heading--level-3">{s.title}</h3>
                        <For each=move || criteria.get() key=|c| c.id let(c)>
                            {
                                let requirements = requirements.clone();
                                let scales = scales.clone();
                                let id = c.id;
                                view! {
                                    <div class="criterion-editor" data-criterion=c.code.clone()>
                                        <p><code>{c.code.clone()}</code>" "
                                            <button type="button" class="utrecht-button utrecht-button--secondary-action criterion-remove"
                                                on:click=move |_| criteria.update(|list| list.retain(|x| x.id != id))>"Verwijderen"</button></p>
                                        <label class="field">"Vraag of criterium"
                                            <textarea class="utrecht-textarea utrecht-textarea--html-textarea criterion-text" rows="2" prop:value=move || c.text.get()
                                                on:input=move |ev| c.text.set(event_target_value(&ev))></textarea></label>
                                        <label class="field">"Toelichting voor het gesprek"
                                            <textarea class="utrecht-textarea utrecht-textarea--html-textarea criterion-guidance" rows="2" prop:value=move || c.guidance.get()
                                                on:input=move |ev| c.guidance.set(event_target_value(&ev))></textarea></label>
                                        <label class="check"><input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input criterion-mandatory" prop:checked=move || c.mandatory.get()
                                            on:change=move |ev| c.mandatory.set(event_target_checked(&ev))/>" verplicht"</label>
                                        <label class="field">"Beoordelingsschaal"
                                            <select class="utrecht-select utrecht-select--html-select criterion-scale" on:change=move |ev| c.rating_scale.set(event_target_value(&ev))>
                                                <option value="" selected=c.rating_scale.get_untracked().is_empty()>"geen (open vraag)"</option>
                                                {scales.into_iter().map(|code| {
                                                    let selected = code == c.rating_scale.get_untracked();
                                                    view! { <option value=code.clone() selected=selected>{code.clone()}</option> }
                                                }).collect_view()}
                                            </select></label>
                                        <label class="field">"Beoordeelt de verantwoordelijkheid"
                                            <select class="utrecht-select utrecht-select--html-select criterion-requirement" on:change=move |ev| c.requirement.set(event_target_value(&ev))>
                                                <option value="" selected=c.requirement.get_untracked().is_empty()>"geen"</option>
                                                {requirements.into_iter().map(|r| {
                                                    let selected = r.code == c.requirement.get_untracked();
                                                    view! { <option value=r.code.clone() selected=selected>{r.title}</option> }
                                                }).collect_view()}
                                            </select></label>
                                    </div>
                                }
                            }
                        </For>
                        <p class="add-criterion">
                            <input class="utrecht-textbox utrecht-textbox--html-input new-criterion-code" placeholder="CODE_VAN_HET_CRITERIUM" aria-label="Code van het nieuwe criterium"
                                prop:value=move || new_code.get() on:input=move |ev| new_code.set(event_target_value(&ev))/>
                            <button type="button" class="utrecht-button utrecht-button--secondary-action criterion-add" on:click=move |_| {
                                let code = new_code.get_untracked().trim().to_uppercase();
                                if code.is_empty() { return; }
                                let id = next_id.get_untracked();
                                next_id.set(id + 1);
                                let fresh = CriterionFields::new(id, &json!({ "code": code, "text": "", "mandatory": true, "illustrative": true }));
                                criteria.update(|list| list.push(fresh));
                                new_code.set(String::new());
                            }>"Criterium toevoegen"</button>
                        </p>
                    </section>
                }
            }).collect_view()}
        </fieldset>
    }
}
