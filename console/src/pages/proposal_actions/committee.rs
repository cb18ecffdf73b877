//! The steps after submission: a committee member's comment, the secretary recording the
//! committee's advice, and FGR beheer recording the owner's decision.

use leptos::prelude::*;

use super::reload_after;
use crate::api::Api;
use crate::components::choices::options;
use crate::components::limit::Limit;
use crate::components::step::{StepError, StepStatus};
use crate::content::lines_of;
use crate::dates;
use crate::queries::amendments::{
    console_comment_on_proposal, console_record_advice, console_record_decision,
    ConsoleCommentOnProposal, ConsoleRecordAdvice, ConsoleRecordDecision, ProposalDetail,
};
use crate::queries::Labels;
use crate::queries::{value_of, AdviceOutcome, DecisionOutcome};

/// A committee comment on a submitted or advised proposal.
#[component]
pub fn CommentForm(
    /// The proposal's number.
    number: i64,
    /// The most characters a comment may have.
    max: i64,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let text = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let variables = console_comment_on_proposal::Variables {
            number,
            text: text.get_untracked(),
        };
        status
            .saying("Reactie geplaatst.")
            .run::<ConsoleCommentOnProposal>(api.clone(), variables, move |step| {
                text.set(String::new());
                reload_after(reload)(step);
            });
    };
    view! {
        <form class="comment-form" id="comment-form" on:submit=send>
            <label class="field" for="comment-text">"Commentaar"<Limit max/></label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="comment-text" rows="2" required maxlength=max.to_string() prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || status.busy()>"Plaatsen"</button></p>
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
    /// The outcomes to offer, first selected.
    outcomes: Labels,
    /// The most characters the rationale may have.
    max_rationale: i64,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let meeting = RwSignal::new(String::new());
    let first = outcomes
        .first()
        .map(|(code, _)| code.clone())
        .unwrap_or_default();
    let outcome = RwSignal::new(first.clone());
    let rationale = RwSignal::new(String::new());
    let conditions = RwSignal::new(String::new());
    let employers = RwSignal::new(String::new());
    let unions = RwSignal::new(String::new());
    let (number, version) = (proposal.number, proposal.version);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let conditions = conditions.get_untracked();
        let input = console_record_advice::RecordAdviceInput {
            number,
            expected_version: version,
            meeting_date: meeting.get_untracked(),
            outcome: value_of(&outcome.get_untracked()).unwrap_or(AdviceOutcome::POSITIVE),
            rationale: rationale.get_untracked(),
            conditions: (!conditions.trim().is_empty()).then_some(conditions),
            employer_members: lines_of(&employers.get_untracked()),
            union_members: lines_of(&unions.get_untracked()),
        };
        status
            .saying("Advies vastgelegd.")
            .run::<ConsoleRecordAdvice>(
                api.clone(),
                console_record_advice::Variables { input },
                reload_after(reload),
            );
    };
    view! {
        <form class="advice-form" id="advice-form" on:submit=record>
            <h2 class="nl-heading nl-heading--level-2">"Advies vastleggen"</h2>
            <label class="field" for="advice-date">"Vergaderdatum"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="advice-date" type="date" required on:input=move |ev| meeting.set(event_target_value(&ev))/>
            <label class="field" for="advice-outcome">"Advies"</label>
            <select class="utrecht-select utrecht-select--html-select" id="advice-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                {options(&outcomes, &first)}
            </select>
            <label class="field" for="advice-rationale">"Motivering"<Limit max=max_rationale/></label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="advice-rationale" rows="3" required maxlength=max_rationale.to_string() on:input=move |ev| rationale.set(event_target_value(&ev))></textarea>
            <label class="field" for="advice-conditions">"Voorwaarden"</label>
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="advice-conditions" rows="2" on:input=move |ev| conditions.set(event_target_value(&ev))></textarea>
            <div class="sides">
                <div>
                    <label class="field" for="advice-employers">"Aanwezig namens de werkgever (één per regel)"</label>
                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="advice-employers" rows="3" required on:input=move |ev| employers.set(event_target_value(&ev))></textarea>
                </div>
                <div>
                    <label class="field" for="advice-unions">"Aanwezig namens de vakbonden (één per regel)"</label>
                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="advice-unions" rows="3" required on:input=move |ev| unions.set(event_target_value(&ev))></textarea>
                </div>
            </div>
            <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || status.busy()>"Advies vastleggen"</button></p>
            <StepError status/>
        </form>
    }
}

/// FGR beheer records the owner's (DG DOO) decision; adoption creates the new version.
#[component]
pub fn DecisionForm(
    /// The proposal.
    proposal: ProposalDetail,
    /// The outcomes to offer, first selected.
    outcomes: Labels,
    /// The most characters the reference may have.
    max_reference: i64,
    /// Bumped to fetch the proposal again.
    reload: RwSignal<u32>,
) -> impl IntoView {
    let api = Api::from_context();
    let status = StepStatus::new();
    let first = outcomes
        .first()
        .map(|(code, _)| code.clone())
        .unwrap_or_default();
    let outcome = RwSignal::new(first.clone());
    let reference = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let (number, version) = (proposal.number, proposal.version);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = console_record_decision::RecordDecisionInput {
            number,
            expected_version: version,
            outcome: value_of(&outcome.get_untracked()).unwrap_or(DecisionOutcome::ADOPTED),
            reference: reference.get_untracked(),
            decision_date: date.get_untracked(),
        };
        status
            .saying("Besluit vastgelegd.")
            .run::<ConsoleRecordDecision>(
                api.clone(),
                console_record_decision::Variables { input },
                reload_after(reload),
            );
    };
    view! {
        <form class="decision-form" id="decision-form" on:submit=record>
            <h2 class="nl-heading nl-heading--level-2">"Besluit vastleggen"</h2>
            <p class="hint">{format!(
                "Bij vaststelling wordt de inhoud een nieuwe versie, geldig vanaf {}.",
                dates::date(&proposal.requested_effective_from)
            )}</p>
            <label class="field" for="decision-outcome">"Besluit"</label>
            <select class="utrecht-select utrecht-select--html-select" id="decision-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                {options(&outcomes, &first)}
            </select>
            <label class="field" for="decision-reference">"Kenmerk van het besluit"<Limit max=max_reference/></label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="decision-reference" required maxlength=max_reference.to_string() on:input=move |ev| reference.set(event_target_value(&ev))/>
            <label class="field" for="decision-date">"Datum van het besluit"</label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="decision-date" type="date" required on:input=move |ev| date.set(event_target_value(&ev))/>
            <p><button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=move || status.busy()>"Besluit vastleggen"</button></p>
            <StepError status/>
        </form>
    }
}
