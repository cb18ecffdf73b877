//! The workflow's forms: start a draft from a group, edit it with a live diff, submit or withdraw
//! it, rebase it, comment, record the committee's advice and the owner's decision. A form is only
//! shown to someone whose `me.allowedOperations` allows it, in a state that allows it; the API
//! checks everything again.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde_json::json;

use crate::api::{Api, ApiError};
use crate::components::content_editor::{ContentDraft, ContentEditor};
use crate::components::format_editor::{FormatDraft, FormatEditor};
use crate::components::step::{StepError, StepStatus};
use crate::content::lines_of;
use crate::mutations::{
    PreviewData, ProposalStep, COMMENT_ON_PROPOSAL, CREATE_PROPOSAL, PREVIEW_DIFF, REBASE_PROPOSAL,
    RECORD_ADVICE, RECORD_DECISION, SUBMIT_PROPOSAL, UPDATE_PROPOSAL, WITHDRAW_PROPOSAL,
};
use crate::pages::proposals::DiffView;
use crate::queries::{ProposalDetail, RequirementRef, Viewer};

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

/// Bumps `reload`, so the page fetches the proposal again.
fn reload_after(reload: RwSignal<u32>) -> impl FnOnce(ProposalStep) + 'static {
    move |_| reload.update(|n| *n += 1)
}

/// "Wijziging voorstellen" on a group or format page: title, rationale and date start a draft
/// (a copy of the current content), which opens for editing.
#[component]
pub fn ProposeForm(
    /// `groupCode` or `formatCode`.
    target_field: &'static str,
    /// The group or format to amend.
    target_code: String,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let title = RwSignal::new(String::new());
    let rationale = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let navigate = use_navigate();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let variables = json!({ "input": {
            target_field: target_code,
            "title": title.get_untracked(),
            "rationale": rationale.get_untracked(),
            "requestedEffectiveFrom": date.get_untracked(),
        }});
        status.run(
            api.clone(),
            CREATE_PROPOSAL,
            variables,
            move |step: ProposalStep| {
                navigate(&format!("/proposals/{}", step.number), Default::default());
            },
        );
    };
    view! {
        <details class="propose" id="propose">
            <summary>"Wijziging voorstellen"</summary>
            <form id="propose-form" on:submit=start>
                <p class="hint">"Een concept begint als kopie van de huidige inhoud; daarna bewerkt u het en dient u het in bij de Standaardisatiecommissie."</p>
                <label class="field" for="propose-title">"Titel"</label>
                <input id="propose-title" required maxlength="300"
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label class="field" for="propose-rationale">"Toelichting"</label>
                <textarea id="propose-rationale" required rows="3"
                    on:input=move |ev| rationale.set(event_target_value(&ev))></textarea>
                <label class="field" for="propose-date">"Gewenste ingangsdatum"</label>
                <input id="propose-date" type="date" required
                    on:input=move |ev| date.set(event_target_value(&ev))/>
                <p><button type="submit" disabled=move || status.busy()>"Concept starten"</button></p>
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
    let draft = if proposal.target_type == "APPRAISAL_FORMAT" {
        Doc::Format(FormatDraft::new(&proposal.content))
    } else {
        Doc::Group(ContentDraft::new(
            &serde_json::from_value(proposal.content.clone()).unwrap_or_default(),
        ))
    };
    let preview = RwSignal::new(proposal.diff.clone());
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
                    if generation.get_value() != this {
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let answer = api
                            .query::<PreviewData>(
                                PREVIEW_DIFF,
                                json!({ "number": number, "content": content }),
                            )
                            .await;
                        if generation.get_value() != this {
                            return;
                        }
                        match answer {
                            Ok(d) => {
                                preview.set(d.preview_proposal_diff);
                                preview_error.set(None);
                            }
                            Err(e) => preview_error.set(Some(e)),
                        }
                    });
                },
                Duration::from_millis(300),
            );
        });
    }

    let save_variables = {
        let draft = draft.clone();
        move || {
            json!({ "input": {
                "number": number,
                "expectedVersion": version,
                "title": title.get_untracked(),
                "rationale": rationale.get_untracked(),
                "requestedEffectiveFrom": date.get_untracked(),
                "content": draft.document(),
            }})
        }
    };
    let save = {
        let api = api.clone();
        let save_variables = save_variables.clone();
        move |_| {
            status.run(
                api.clone(),
                UPDATE_PROPOSAL,
                save_variables(),
                reload_after(reload),
            )
        }
    };
    let save_and_submit = {
        let api = api.clone();
        move |_| {
            let next = api.clone();
            status.run(
                api.clone(),
                UPDATE_PROPOSAL,
                save_variables(),
                move |saved: ProposalStep| {
                    status.run(
                        next,
                        SUBMIT_PROPOSAL,
                        json!({ "number": number, "expectedVersion": saved.version }),
                        reload_after(reload),
                    );
                },
            );
        }
    };
    view! {
        <section class="draft" id="draft-editor">
            <h2>"Concept bewerken"</h2>
            <label class="field" for="draft-title">"Titel"</label>
            <input id="draft-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            <label class="field" for="draft-rationale">"Toelichting"</label>
            <textarea id="draft-rationale" rows="3" prop:value=move || rationale.get()
                on:input=move |ev| rationale.set(event_target_value(&ev))></textarea>
            <label class="field" for="draft-date">"Gewenste ingangsdatum"</label>
            <input id="draft-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
            <div class="editor-and-diff">
                {match draft {
                    Doc::Group(draft) => view! { <ContentEditor draft requirements/> }.into_any(),
                    Doc::Format(draft) => view! { <FormatEditor draft requirements scales/> }.into_any(),
                }}
                <section class="live-diff" aria-live="polite">
                    <h3>"Wijzigingen ten opzichte van versie "{proposal.base_version_number}</h3>
                    {move || preview_error.get().map(|e| view! { <p class="error" role="alert">{e.message}</p> })}
                    {move || view! { <DiffView changes=preview.get()/> }}
                </section>
            </div>
            <p class="actions">
                <button type="button" id="save-draft" on:click=save disabled=move || status.busy()>"Opslaan"</button>
                <button type="button" id="submit-proposal" on:click=save_and_submit disabled=move || status.busy()>
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
    let variables = json!({ "number": number, "expectedVersion": version });
    let withdraw = {
        let api = api.clone();
        let variables = variables.clone();
        move |_| {
            status.run(
                api.clone(),
                WITHDRAW_PROPOSAL,
                variables.clone(),
                reload_after(reload),
            )
        }
    };
    let rebase = move |_| {
        status.run(
            api.clone(),
            REBASE_PROPOSAL,
            variables.clone(),
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
                    " "<button type="button" id="rebase-proposal" on:click=rebase.clone()>"Opnieuw baseren"</button>
                </p>
            })}
            <p><button type="button" id="withdraw-proposal" on:click=withdraw disabled=move || status.busy()>"Voorstel intrekken"</button></p>
            <StepError status/>
        </section>
    }
}

/// A committee comment on a submitted or advised proposal.
#[component]
pub fn CommentForm(
    /// The proposal's number.
    number: i32,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let text = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let variables = json!({ "number": number, "text": text.get_untracked() });
        status.run(
            api.clone(),
            COMMENT_ON_PROPOSAL,
            variables,
            move |step: ProposalStep| {
                text.set(String::new());
                reload_after(reload)(step);
            },
        );
    };
    view! {
        <form class="comment-form" id="comment-form" on:submit=send>
            <label class="field" for="comment-text">"Commentaar"</label>
            <textarea id="comment-text" rows="2" required prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p><button type="submit" disabled=move || status.busy()>"Plaatsen"</button></p>
            <StepError status/>
        </form>
    }
}

/// The secretary records the committee's advice; the committee is paritair, so both sides must
/// be present.
#[component]
pub fn AdviceForm(
    /// The proposal.
    proposal: ProposalDetail,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let meeting = RwSignal::new(String::new());
    let outcome = RwSignal::new("POSITIVE".to_owned());
    let rationale = RwSignal::new(String::new());
    let conditions = RwSignal::new(String::new());
    let employers = RwSignal::new(String::new());
    let unions = RwSignal::new(String::new());
    let (number, version) = (proposal.number, proposal.version);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let conditions = conditions.get_untracked();
        let variables = json!({ "input": {
            "number": number,
            "expectedVersion": version,
            "meetingDate": meeting.get_untracked(),
            "outcome": outcome.get_untracked(),
            "rationale": rationale.get_untracked(),
            "conditions": (!conditions.trim().is_empty()).then_some(conditions),
            "employerMembers": lines_of(&employers.get_untracked()),
            "unionMembers": lines_of(&unions.get_untracked()),
        }});
        status.run(api.clone(), RECORD_ADVICE, variables, reload_after(reload));
    };
    view! {
        <form class="advice-form" id="advice-form" on:submit=record>
            <h2>"Advies vastleggen"</h2>
            <label class="field" for="advice-date">"Vergaderdatum"</label>
            <input id="advice-date" type="date" required on:input=move |ev| meeting.set(event_target_value(&ev))/>
            <label class="field" for="advice-outcome">"Advies"</label>
            <select id="advice-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                <option value="POSITIVE" selected>"Positief"</option>
                <option value="POSITIVE_WITH_CONDITIONS">"Positief, onder voorwaarden"</option>
                <option value="NEGATIVE">"Negatief"</option>
            </select>
            <label class="field" for="advice-rationale">"Motivering"</label>
            <textarea id="advice-rationale" rows="3" required on:input=move |ev| rationale.set(event_target_value(&ev))></textarea>
            <label class="field" for="advice-conditions">"Voorwaarden"</label>
            <textarea id="advice-conditions" rows="2" on:input=move |ev| conditions.set(event_target_value(&ev))></textarea>
            <div class="sides">
                <div>
                    <label class="field" for="advice-employers">"Aanwezig namens de werkgever (één per regel)"</label>
                    <textarea id="advice-employers" rows="3" required on:input=move |ev| employers.set(event_target_value(&ev))></textarea>
                </div>
                <div>
                    <label class="field" for="advice-unions">"Aanwezig namens de vakbonden (één per regel)"</label>
                    <textarea id="advice-unions" rows="3" required on:input=move |ev| unions.set(event_target_value(&ev))></textarea>
                </div>
            </div>
            <p><button type="submit" disabled=move || status.busy()>"Advies vastleggen"</button></p>
            <StepError status/>
        </form>
    }
}

/// FGR beheer records the owner's (DG DOO) decision; adoption creates the new version.
#[component]
pub fn DecisionForm(
    /// The proposal.
    proposal: ProposalDetail,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let outcome = RwSignal::new("ADOPTED".to_owned());
    let reference = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let (number, version) = (proposal.number, proposal.version);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let variables = json!({ "input": {
            "number": number,
            "expectedVersion": version,
            "outcome": outcome.get_untracked(),
            "reference": reference.get_untracked(),
            "decisionDate": date.get_untracked(),
        }});
        status.run(
            api.clone(),
            RECORD_DECISION,
            variables,
            reload_after(reload),
        );
    };
    view! {
        <form class="decision-form" id="decision-form" on:submit=record>
            <h2>"Besluit vastleggen"</h2>
            <p class="hint">{format!(
                "Bij vaststelling wordt de inhoud een nieuwe versie, geldig vanaf {}.",
                proposal.requested_effective_from
            )}</p>
            <label class="field" for="decision-outcome">"Besluit"</label>
            <select id="decision-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                <option value="ADOPTED" selected>"Vaststellen"</option>
                <option value="REJECTED">"Afwijzen"</option>
            </select>
            <label class="field" for="decision-reference">"Kenmerk van het besluit"</label>
            <input id="decision-reference" required maxlength="300" on:input=move |ev| reference.set(event_target_value(&ev))/>
            <label class="field" for="decision-date">"Datum van het besluit"</label>
            <input id="decision-date" type="date" required on:input=move |ev| date.set(event_target_value(&ev))/>
            <p><button type="submit" disabled=move || status.busy()>"Besluit vastleggen"</button></p>
            <StepError status/>
        </form>
    }
}

/// The forms for `viewer` on `proposal`, by state and role.
pub fn actions_for(
    proposal: &ProposalDetail,
    viewer: &Viewer,
    requirements: Vec<RequirementRef>,
    scales: Vec<String>,
    reload: RwSignal<u32>,
) -> AnyView {
    let state = proposal.state.as_deref().unwrap_or_default();
    let is_author = viewer.id.is_some() && viewer.id == proposal.author;
    let may_propose = viewer.may("PROPOSE_AMENDMENT");
    let open = matches!(state, "DRAFT" | "SUBMITTED" | "ADVISED");
    let p = proposal.clone();
    view! {
        {(is_author && may_propose && state == "DRAFT").then(|| view! {
            <DraftEditor proposal=p.clone() requirements scales reload/>
        })}
        {(is_author && may_propose && open).then(|| view! { <AuthorActions proposal=p.clone() reload/> })}
        {(may_propose && matches!(state, "SUBMITTED" | "ADVISED")).then(|| view! {
            <CommentForm number=p.number reload/>
        })}
        {(!is_author && viewer.may("RECORD_ADVICE") && state == "SUBMITTED").then(|| view! {
            <AdviceForm proposal=p.clone() reload/>
        })}
        {(!is_author && viewer.may("RECORD_DECISION") && state == "ADVISED").then(|| view! {
            <DecisionForm proposal=p.clone() reload/>
        })}
    }
    .into_any()
}
