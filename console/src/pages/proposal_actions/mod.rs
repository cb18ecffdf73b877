//! The workflow's forms: start a draft from a group, edit it with a live diff, submit or withdraw
//! it, rebase it, comment, record the committee's advice and the owner's decision. A form is shown
//! only for a step the API offers in `Proposal.availableSteps` (by role, authorship and state: the
//! same rule it checks again when the step is taken).

mod committee;
mod draft;

pub use committee::{AdviceForm, CommentForm, DecisionForm};
pub use draft::{AuthorActions, DraftEditor, ProposeForm};

use leptos::prelude::*;

use crate::queries::amendments::{
    ProposalDetail, ProposalVocabulary, RequirementRef, WorkflowLabels,
};
use crate::queries::ProposalStep;

/// Bumps `reload`, so the page fetches the proposal again.
fn reload_after<T>(reload: RwSignal<u32>) -> impl FnOnce(T) + 'static {
    move |_| reload.update(|n| *n += 1)
}

/// The forms of the steps the API offers the caller on `proposal` (`availableSteps`).
pub fn actions_for(
    proposal: &ProposalDetail,
    requirements: Vec<RequirementRef>,
    scales: Vec<String>,
    vocabulary: ProposalVocabulary,
    reload: RwSignal<u32>,
) -> AnyView {
    let labels = WorkflowLabels::from(&vocabulary);
    let (max_title, max_rationale) = (vocabulary.limits.title, vocabulary.limits.rationale);
    let offers = |step: ProposalStep| proposal.available_steps.contains(&step);
    let p = proposal.clone();
    view! {
        {offers(ProposalStep::EDIT).then(|| view! {
            <DraftEditor proposal=p.clone() requirements scales vocabulary reload/>
        })}
        {(offers(ProposalStep::WITHDRAW) || offers(ProposalStep::REBASE)).then(|| view! {
            <AuthorActions proposal=p.clone() reload/>
        })}
        {offers(ProposalStep::COMMENT).then(|| view! { <CommentForm number=p.number max=max_rationale reload/> })}
        {offers(ProposalStep::RECORD_ADVICE).then(|| view! { <AdviceForm proposal=p.clone() outcomes=labels.advice.clone() max_rationale reload/> })}
        {offers(ProposalStep::RECORD_DECISION).then(|| view! { <DecisionForm proposal=p.clone() outcomes=labels.decisions.clone() max_reference=max_title reload/> })}
    }
    .into_any()
}
