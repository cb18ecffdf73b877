//! The edit form over a group version's content: the core profile, the typings' bullets (one
//! per line) and the requirement coverage links. Every text field has a signal of its own, so
//! typing in one re-renders nothing else; [`ContentDraft::content`] assembles the document.

use leptos::prelude::*;

use super::limit::Limit;

use crate::content::{
    blocks_of, items_of, lines_of, CoreProfileContent, CoverageContent, GroupContent,
    ResultAreaContent, TypingContent,
};
use crate::queries::amendments::RequirementRef;
use crate::queries::Labels;

#[derive(Clone)]
struct AreaFields {
    code: String,
    label: String,
    results: RwSignal<String>,
    indicators: RwSignal<String>,
}

#[derive(Clone)]
struct BlockFields {
    section: String,
    sub_category: Option<String>,
    text: RwSignal<String>,
}

#[derive(Clone)]
struct TypingFields {
    scale: i32,
    variant: Option<i32>,
    variant_name: Option<String>,
    fuwasys_scores: Option<String>,
    fuwasys_total: Option<i32>,
    note: Option<String>,
    blocks: Vec<BlockFields>,
}

/// One coverage link being edited.
#[derive(Clone, Copy)]
struct CoverageFields {
    id: u32,
    requirement_code: RwSignal<String>,
    typing_scale: RwSignal<String>,
    location: RwSignal<String>,
    quote: RwSignal<String>,
    note: RwSignal<String>,
}

impl CoverageFields {
    fn new(id: u32, c: &CoverageContent) -> Self {
        Self {
            id,
            requirement_code: RwSignal::new(c.requirement_code.clone()),
            typing_scale: RwSignal::new(c.typing_scale.map(|s| s.to_string()).unwrap_or_default()),
            location: RwSignal::new(c.location.clone()),
            quote: RwSignal::new(c.quote.clone()),
            note: RwSignal::new(c.note.clone().unwrap_or_default()),
        }
    }

    fn content(&self) -> CoverageContent {
        let note = self.note.get();
        CoverageContent {
            requirement_code: self.requirement_code.get().trim().to_owned(),
            typing_scale: self.typing_scale.get().trim().parse().ok(),
            location: self.location.get().trim().to_owned(),
            quote: self.quote.get().trim().to_owned(),
            note: (!note.trim().is_empty()).then(|| note.trim().to_owned()),
        }
    }
}

/// The content being edited.
#[derive(Clone)]
pub struct ContentDraft {
    purpose: RwSignal<String>,
    areas: Vec<AreaFields>,
    competences: RwSignal<String>,
    typings: Vec<TypingFields>,
    coverage: RwSignal<Vec<CoverageFields>>,
    next_row: RwSignal<u32>,
}

impl ContentDraft {
    /// Fields holding `content`.
    pub fn new(content: &GroupContent) -> Self {
        let core = &content.core_profile;
        let coverage: Vec<CoverageFields> = content
            .coverage
            .iter()
            .zip(0..)
            .map(|(c, id)| CoverageFields::new(id, c))
            .collect();
        Self {
            purpose: RwSignal::new(core.purpose.clone().unwrap_or_default()),
            areas: core
                .result_areas
                .iter()
                .map(|a| AreaFields {
                    code: a.code.clone(),
                    label: a.label.clone(),
                    results: RwSignal::new(a.results.join("\n")),
                    indicators: RwSignal::new(a.behaviour_indicators.join("\n")),
                })
                .collect(),
            competences: RwSignal::new(core.competences.join("\n")),
            typings: content
                .typings
                .iter()
                .map(|t| TypingFields {
                    scale: t.scale,
                    variant: t.variant,
                    variant_name: t.variant_name.clone(),
                    fuwasys_scores: t.fuwasys_scores.clone(),
                    fuwasys_total: t.fuwasys_total,
                    note: t.note.clone(),
                    blocks: blocks_of(&t.items)
                        .into_iter()
                        .map(|b| BlockFields {
                            section: b.section,
                            sub_category: b.sub_category,
                            text: RwSignal::new(b.text),
                        })
                        .collect(),
                })
                .collect(),
            next_row: RwSignal::new(u32::try_from(coverage.len()).unwrap_or(u32::MAX)),
            coverage: RwSignal::new(coverage),
        }
    }

    /// The document as it now stands (reading every field, so an effect re-runs on any edit).
    pub fn content(&self) -> GroupContent {
        let purpose = self.purpose.get();
        GroupContent {
            core_profile: CoreProfileContent {
                purpose: (!purpose.trim().is_empty()).then(|| purpose.trim().to_owned()),
                result_areas: self
                    .areas
                    .iter()
                    .map(|a| ResultAreaContent {
                        code: a.code.clone(),
                        label: a.label.clone(),
                        results: lines_of(&a.results.get()),
                        behaviour_indicators: lines_of(&a.indicators.get()),
                    })
                    .collect(),
                competences: lines_of(&self.competences.get()),
            },
            typings: self
                .typings
                .iter()
                .map(|t| TypingContent {
                    scale: t.scale,
                    variant: t.variant,
                    variant_name: t.variant_name.clone(),
                    fuwasys_scores: t.fuwasys_scores.clone(),
                    fuwasys_total: t.fuwasys_total,
                    note: t.note.clone(),
                    items: t
                        .blocks
                        .iter()
                        .flat_map(|b| {
                            items_of(&b.section, b.sub_category.as_deref(), &b.text.get())
                        })
                        .collect(),
                })
                .collect(),
            coverage: self
                .coverage
                .get()
                .iter()
                .map(CoverageFields::content)
                .collect(),
        }
    }

    fn add_link(&self, requirement_code: String) {
        let id = self.next_row.get_untracked();
        self.next_row.set(id + 1);
        let row = CoverageFields::new(
            id,
            &CoverageContent {
                requirement_code,
                ..CoverageContent::default()
            },
        );
        self.coverage.update(|rows| rows.push(row));
    }

    fn remove_link(&self, id: u32) {
        self.coverage.update(|rows| rows.retain(|r| r.id != id));
    }
}

/// A labelled text area bound to `value`, a line per item.
#[component]
fn LinesField(
    /// The text of the area's `<label>` (Dutch), e.g. "Doel van de functie".
    label: String,
    /// Element id (for labels and tests).
    id: String,
    /// The text.
    value: RwSignal<String>,
    /// The most characters one line may have (`vocabulary.limits.contentText`).
    max_line: i64,
) -> impl IntoView {
    let rows = move || value.with(|v| v.lines().count().clamp(2, 12)).to_string();
    view! {
        <label class="field" for=id.clone()>{label}<Limit max=max_line per_line=true/></label>
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=id rows=rows prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))></textarea>
    }
}

/// The edit form.
#[component]
pub fn ContentEditor(
    /// What is being edited.
    draft: ContentDraft,
    /// The requirements a link can name.
    requirements: Vec<RequirementRef>,
    /// The typing sections' labels, by code (from the API's vocabulary).
    sections: Labels,
    /// The most characters one text (a line, a quote, a location, a note) may have.
    max_text: i64,
) -> impl IntoView {
    let section_label = move |code: &str| {
        sections
            .iter()
            .find(|(c, _)| c == code)
            .map_or_else(|| code.to_owned(), |(_, label)| label.clone())
    };
    let mut scales: Vec<i32> = draft.typings.iter().map(|t| t.scale).collect();
    scales.dedup();
    let first_requirement = requirements
        .first()
        .map(|r| r.code.clone())
        .unwrap_or_default();
    let add_draft = draft.clone();
    let rows_draft = draft.clone();
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset editor" id="content-editor">
            <legend>"Inhoud"</legend>
            <h3 class="nl-heading nl-heading--level-3">"Kernprofiel"</h3>
            <LinesField label="Doel van de functie".into() id="edit-purpose".into() value=draft.purpose max_line=max_text/>
            {draft.areas.iter().map(|a| view! {
                <div class="area">
                    <h4>{a.label.clone()}</h4>
                    <LinesField label="Resultaten (één per regel)".into()
                        id=format!("edit-{}-results", a.code.to_lowercase()) value=a.results max_line=max_text/>
                    <LinesField label="Gedragsindicatoren (één per regel)".into()
                        id=format!("edit-{}-indicators", a.code.to_lowercase()) value=a.indicators max_line=max_text/>
                </div>
            }).collect_view()}
            <LinesField label="Competenties (één per regel)".into() id="edit-competences".into() value=draft.competences max_line=max_text/>
            <h3 class="nl-heading nl-heading--level-3">"Functietyperingen"</h3>
            {draft.typings.iter().map(|t| {
                let (title, key) = match t.variant {
                    None => (format!("Schaal {}", t.scale), t.scale.to_string()),
                    Some(v) => (
                        format!("Schaal {} · variant {v}: {}", t.scale, t.variant_name.clone().unwrap_or_default()),
                        format!("{}v{v}", t.scale),
                    ),
                };
                view! {
                    <details class="typing-editor">
                        <summary>{title}</summary>
                        {t.blocks.iter().enumerate().map(|(i, b)| {
                            let label = match &b.sub_category {
                                Some(sub) => format!("{} › {sub}", section_label(&b.section)),
                                None => section_label(&b.section),
                            };
                            view! { <LinesField label id=format!("edit-typing-{key}-{i}") value=b.text max_line=max_text/> }
                        }).collect_view()}
                    </details>
                }
            }).collect_view()}
            <h3 class="nl-heading nl-heading--level-3">"Dekking van verantwoordelijkheden"</h3>
            <table class="utrecht-table utrecht-table--html-table links" id="edit-coverage">
                <thead class="sr-only"><tr>
                    <th scope="col">"Verantwoordelijkheid"</th><th scope="col">"Typering"</th>
                    <th scope="col">"Vindplaats"</th><th scope="col">"Citaat"</th>
                    <th scope="col">"Opmerking"</th><th scope="col"><span class="sr-only">"Acties"</span></th>
                </tr></thead>
                <tbody>
                    <For each=move || rows_draft.coverage.get() key=|r| r.id let(row)>
                        {
                            let remove_draft = draft.clone();
                            let requirements = requirements.clone();
                            let scales = scales.clone();
                            view! {
                                <tr class="link">
                                    <td data-label="Verantwoordelijkheid">
                                        <select aria-label="Verantwoordelijkheid" class="utrecht-select utrecht-select--html-select link-requirement"
                                            on:change=move |ev| row.requirement_code.set(event_target_value(&ev))>
                                            {requirements.into_iter().map(|r| {
                                                let selected = r.code == row.requirement_code.get_untracked();
                                                view! { <option value=r.code.clone() selected=selected>{r.title}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td data-label="Typering">
                                        <select aria-label="Typering" class="utrecht-select utrecht-select--html-select link-scale"
                                            on:change=move |ev| row.typing_scale.set(event_target_value(&ev))>
                                            <option value="" selected=row.typing_scale.get_untracked().is_empty()>"Kernprofiel"</option>
                                            {scales.into_iter().map(|s| {
                                                let selected = row.typing_scale.get_untracked() == s.to_string();
                                                view! { <option value=s.to_string() selected=selected>{format!("Schaal {s}")}</option> }
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td data-label="Vindplaats"><input aria-label="Vindplaats" class="utrecht-textbox utrecht-textbox--html-input link-location" maxlength=max_text prop:value=move || row.location.get()
                                        on:input=move |ev| row.location.set(event_target_value(&ev))/></td>
                                    <td data-label="Citaat"><textarea aria-label="Citaat" class="utrecht-textarea utrecht-textarea--html-textarea link-quote" rows="2" maxlength=max_text prop:value=move || row.quote.get()
                                        on:input=move |ev| row.quote.set(event_target_value(&ev))></textarea></td>
                                    <td data-label="Opmerking"><input aria-label="Opmerking" class="utrecht-textbox utrecht-textbox--html-input link-note" maxlength=max_text prop:value=move || row.note.get()
                                        on:input=move |ev| row.note.set(event_target_value(&ev))/></td>
                                    <td class="link-actions"><button type="button" class="utrecht-button utrecht-button--secondary-action link-remove" on:click=move |_| remove_draft.remove_link(row.id)>"Verwijderen"</button></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" id="add-link" on:click=move |_| add_draft.add_link(first_requirement.clone())>
                "Vindplaats toevoegen"
            </button>
        </fieldset>
    }
}
