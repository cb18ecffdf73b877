//! The author's side: start a draft from a group or format page, edit it with a live diff
//! against its base and submit it, and withdraw or rebase it afterwards.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::reload_after;
use crate::api::{Api, ApiError};
use crate::components::content_editor::{ContentDraft, ContentEditor};
use crate::components::format_editor::{FormatDraft, FormatEditor};
use crate::components::limit::Limit;
use crate::components::step::{StepError, StepStatus};
use crate::pages::proposals::DiffView;
use crate::queries::amendments::{
    console_create_proposal, console_preview_diff, console_rebase_proposal,
    console_submit_proposal, console_update_proposal, console_withdraw_proposal,
    ConsoleCreateProposal, ConsolePreviewDiff, ConsoleRebaseProposal, ConsoleSubmitProposal,
    ConsoleUpdateProposal, ConsoleWithdrawProposal,
};
use crate::queries::amendments::{FieldChange, ProposalDetail, ProposalVocabulary, RequirementRef};
use crate::queries::ProposalTarget;
use crate::queries::{labels_of, Labels};

/// The document a draft edits.
#[derive(Clone)]
enum Doc {
    /// A group's content.
    Group(ContentDraft),
    /// A format's sections and criteria.
    Format(FormatDraft),
}

impl Doc {
    fn document(&self) -> serde_json::Value {
        match self {
            Self::Group(d) => serde_json::to_value(d.content()).unwrap_or_default(),
            Self::Format(d) => d.document(),
        }
    }
}

/// "Wijziging voorstellen" on a group or format page: title, rationale and date start a draft
/// (a copy of the current content), which opens for editing.
#[component]
pub fn ProposeForm(
    /// A group or a format.
    target_type: ProposalTarget,
    /// The group or format to amend.
    target_code: String,
    /// A coverage gap to close (the requirement's title, the group's name): the form opens
    /// filled in for it.
    #[prop(default = None)]
    gap: Option<(String, String)>,
    /// The most characters the title and the rationale may have (`vocabulary.limits`).
    limits: (i64, i64),
) -> impl IntoView {
    let (max_title, max_rationale) = limits;
    let api = Api::from_context();
    let status = StepStatus::new();
    let open = gap.is_some();
    let (title, rationale) = gap.map_or_else(Default::default, |(requirement, group)| {
        (
            format!("Dekking van \u{201c}{requirement}\u{201d} in {group}"),
            format!(
                "De vereiste verantwoordelijkheid \u{201c}{requirement}\u{201d} is in {group} nog niet \
                 (volledig) gedekt: het profiel of een typering moet haar noemen."
            ),
        )
    });
    let title = RwSignal::new(title);
    let rationale = RwSignal::new(rationale);
    let date = RwSignal::new(String::new());
    let navigate = use_navigate();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let target = Some(target_code.clone());
        let (group_code, format_code) = match target_type {
            ProposalTarget::APPRAISAL_FORMAT => (None, target),
            _ => (target, None),
        };
        let input = console_create_proposal::CreateProposalInput {
            group_code,
            format_code,
            title: title.get_untracked(),
            rationale: rationale.get_untracked(),
            requested_effective_from: date.get_untracked(),
            content: None,
        };
        status.run::<ConsoleCreateProposal>(
            api.clone(),
            console_create_proposal::Variables { input },
            move |created| {
                let number = created.create_proposal.number;
                navigate(&format!("/proposals/{number}"), Default::default());
            },
        );
    };
    view! {
        <details class="propose" id="propose" open=open>
            <summary>"Wijziging voorstellen"</summary>
            <form id="propose-form" on:submit=start>
                <p class="hint">"Een concept begint als kopie van de huidige inhoud; daarna bewerkt u het en dient u het in bij de Standaardisatiecommissie."</p>
                <label class="field" for="propose-title">"Titel"<Limit max=max_title/></label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="propose-title" required maxlength=max_title.to_string() value=title.get_untracked()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label class="field" for="propose-rationale">"Toelichting"<Limit max=max_rationale/></label>
                <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="propose-rationale" required rows="3" maxlength=max_rationale.to_string()
                    on:input=move |ev| rationale.set(event_target_value(&ev))>{rationale.get_untracked()}</textarea>
                <label class="field" for="propose-date">"Gewenste ingangsdatum"</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" id="propose-date" type="date" required
                    on:input=move |ev| date.set(event_target_value(&ev))/>
                <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || status.busy()>"Concept starten"</button></p>
                <StepError status/>
            </form>
        </details>
    }
}

/// The author's draft: its fields, the content editor with a live diff against the base, and
/// save, submit and withdraw.
#[component]
pub fn DraftEditor(
    /// The draft.
    proposal: ProposalDetail,
    /// The requirements a coverage link or criterion can name.
    requirements: Vec<RequirementRef>,
    /// The rating scales a criterion can use.
    scales: Vec<String>,
    /// The sections the editors offer, with their labels.
    vocabulary: ProposalVocabulary,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let number = proposal.number;
    let version = proposal.version;
    let title = RwSignal::new(proposal.title.clone());
    let rationale = RwSignal::new(proposal.rationale.clone());
    let date = RwSignal::new(proposal.requested_effective_from.clone());
    let appraisal_sections: Labels = vocabulary
        .appraisal_sections
        .into_iter()
        .map(|s| (s.code, s.label))
        .collect();
    let typing_sections: Labels = labels_of!(vocabulary.typing_sections);
    let (max_title, max_rationale) = (vocabulary.limits.title, vocabulary.limits.rationale);
    let max_text = vocabulary.limits.content_text;
    let draft = if proposal.target_type == ProposalTarget::APPRAISAL_FORMAT {
        Doc::Format(FormatDraft::new(&proposal.content, &appraisal_sections))
    } else {
        Doc::Group(ContentDraft::new(
            &serde_json::from_value(proposal.content.clone()).unwrap_or_default(),
        ))
    };
    let preview = RwSignal::new(
        proposal
            .diff
            .iter()
            .cloned()
            .map(FieldChange::from)
            .collect::<Vec<_>>(),
    );
    let preview_error = RwSignal::new(None::<ApiError>);

    // The live diff: asked for 300 ms after the last edit; answers to older edits are dropped.
    let generation = StoredValue::new(0_u32);
    {
        let draft = draft.clone();
        let api = api.clone();
        Effect::new(move |_| {
            let content = draft.document();
            let this = generation.get_value() + 1;
            generation.set_value(this);
            let api = api.clone();
            set_timeout(
                move || {
                    // The editor may be gone by now (the draft was submitted): then nothing to do.
                    if generation.try_get_value() != Some(this) {
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let answer = api
                            .run::<ConsolePreviewDiff>(console_preview_diff::Variables {
                                number,
                                content,
                            })
                            .await;
                        if generation.try_get_value() != Some(this) {
                            return;
                        }
                        match answer {
                            Ok(d) => {
                                preview.try_set(d.preview_proposal_diff);
                                preview_error.try_set(None);
                            }
                            Err(e) => {
                                preview_error.try_set(Some(e));
                            }
                        }
                    });
                },
                Duration::from_millis(300),
            );
        });
    }

    let save_variables = {
        let draft = draft.clone();
        move || console_update_proposal::Variables {
            input: console_update_proposal::UpdateProposalInput {
                number,
                expected_version: version,
                title: Some(title.get_untracked()),
                rationale: Some(rationale.get_untracked()),
                requested_effective_from: Some(date.get_untracked()),
                content: Some(draft.document()),
            },
        }
    };
    let save = {
        let api = api.clone();
        let save_variables = save_variables.clone();
        move |_| {
            status
                .saying("Voorstel opgeslagen.")
                .run::<ConsoleUpdateProposal>(api.clone(), save_variables(), reload_after(reload))
        }
    };
    let save_and_submit = {
        let api = api.clone();
        move |_| {
            let next = api.clone();
            status.run::<ConsoleUpdateProposal>(api.clone(), save_variables(), move |saved| {
                status
                    .saying("Voorstel opgeslagen en ingediend.")
                    .run::<ConsoleSubmitProposal>(
                        next,
                        console_submit_proposal::Variables {
                            number,
                            expected_version: saved.update_proposal.version,
                        },
                        reload_after(reload),
                    );
            });
        }
    };
    view! {
        <section class="draft" id="draft-editor">
            <h2 class="nl-heading nl-heading--level-2">"Concept bewerken"</h2>
            <label class="field" for="draft-title">"Titel"<Limit max=max_title/></label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="draft-title" maxlength=max_title.to_string() prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <label class="field" for="draft-rationale">"Toelichting"<Limit max=max_rationale/></label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="draft-rationale" rows="3" maxlength=max_rationale.to_string() prop:value=move || rationale.get()
                on:input=move |ev| rationale.set(event_target_value(&ev))></textarea>
            <label class="field" for="draft-date">"Gewenste ingangsdatum"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="draft-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
            <div class="editor-and-diff">
                {match draft {
                    Doc::Group(draft) => view! { <ContentEditor draft requirements sections=typing_sections.clone() max_text/> }.into_any(),
                    Doc::Format(draft) => view! { <FormatEditor draft requirements scales/> }.into_any(),
                }}
                <section class="live-diff" aria-live="polite">
                    <h3 class="nl-heading nl-heading--level-3">"Wijzigingen ten opzichte van versie "{proposal.base_version_number}</h3>
                    {move || preview_error.get().map(|e| view! { <p class="error" role="alert">{e.message}</p> })}
                    {move || view! { <DiffView changes=preview.get()/> }}
                </section>
            </div>
            <p class="actions">
                <button class="utrecht-button utrecht-button--secondary-action" type="button" id="save-draft" on:click=save disabled=move || status.busy()>"Opslaan"</button>
                <button class="utrecht-button utrecht-button--secondary-action" type="button" id="submit-proposal" on:click=save_and_submit disabled=move || status.busy()>
                    "Opslaan en indienen"
                </button>
            </p>
            <StepError status/>
        </section>
    }
}

/// The author's steps outside editing: withdraw (before a decision) and rebase (when the group
/// got a newer version than the proposal's base).
#[component]
pub fn AuthorActions(
    /// The proposal.
    proposal: ProposalDetail,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let number = proposal.number;
    let version = proposal.version;
    let (latest, base) = (proposal.latest_version_number, proposal.base_version_number);
    let outdated = proposal.base_version_number < proposal.latest_version_number;
    let withdraw = {
        let api = api.clone();
        move |_| {
            status
                .saying("Voorstel ingetrokken.")
                .run::<ConsoleWithdrawProposal>(
                    api.clone(),
                    console_withdraw_proposal::Variables {
                        number,
                        expected_version: version,
                    },
                    reload_after(reload),
                )
        }
    };
    let rebase = move |_| {
        status
            .saying("Voorstel bijgewerkt naar de nieuwste versie.")
            .run::<ConsoleRebaseProposal>(
                api.clone(),
                console_rebase_proposal::Variables {
                    number,
                    expected_version: version,
                },
                reload_after(reload),
            )
    };
    view! {
        <section class="author-actions" id="author-actions">
            {outdated.then(|| view! {
                <p class="note" id="rebase-needed">
                    {format!(
                        "{} heeft inmiddels versie {}; dit voorstel bouwt op versie {}. Baseer het opnieuw voordat het kan worden vastgesteld.",
                        proposal.target_code,
                        latest, base
                    )}
                    " "<button class="utrecht-button utrecht-button--secondary-action" type="button" id="rebase-proposal" on:click=rebase.clone()>"Opnieuw baseren"</button>
                </p>
            })}
            <p><button class="utrecht-button utrecht-button--secondary-action" type="button" id="withdraw-proposal" on:click=withdraw disabled=move || status.busy()>"Voorstel intrekken"</button></p>
            <StepError status/>
        </section>
    }
}
