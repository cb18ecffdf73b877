//! The reference lists the console's forms offer, with their Dutch labels, served from the domain
//! that defines them, so no client codes them again.

use async_graphql::resolver_utils::EnumType;
use async_graphql::{Object, OutputType, SimpleObject};

use super::amendments::{AdviceOutcome, DecisionOutcome, ProposalState};
use super::appraisal::FormatAudience;
use super::catalogue::profiles::TypingSectionKind;
use super::clauses::{ClauseCategory, ClauseStatus, VacancySection};
use crate::domain::amendments::{AdviceOutcome as DomainAdvice, State};
use crate::domain::appraisal::{self, Audience};
use crate::domain::clauses::{Category, Language, Section};
use crate::domain::profiles::TypingSection;
use crate::domain::temporal::Standing;
use crate::domain::{limits, vocabulary};

/// A value of an enum with its Dutch label, in the order forms offer them.
#[derive(SimpleObject)]
#[graphql(concrete(name = "ClauseCategoryChoice", params(ClauseCategory)))]
#[graphql(concrete(name = "VacancySectionChoice", params(VacancySection)))]
#[graphql(concrete(name = "TypingSectionChoice", params(TypingSectionKind)))]
#[graphql(concrete(name = "ProposalStateChoice", params(ProposalState)))]
#[graphql(concrete(name = "AdviceOutcomeChoice", params(AdviceOutcome)))]
#[graphql(concrete(name = "DecisionOutcomeChoice", params(DecisionOutcome)))]
#[graphql(concrete(name = "ClauseStatusChoice", params(ClauseStatus)))]
#[graphql(concrete(name = "FormatAudienceChoice", params(FormatAudience)))]
pub struct Choice<T: OutputType> {
    /// The value, as inputs and answers carry it.
    pub value: T,
    /// How the console shows it.
    pub label: String,
}

/// A section of the appraisal conversation: the `code` a `CriteriaSection` carries, and its title.
#[derive(SimpleObject)]
pub struct AppraisalSectionChoice {
    /// The section's code, e.g. `PLANNEN`.
    pub code: String,
    /// Its title, e.g. "Plannen".
    pub label: String,
}

/// A code that is text rather than an enum (an audit action or target kind), with its label.
#[derive(SimpleObject)]
pub struct CodeChoice {
    /// The code as answers carry it, e.g. `proposal.adopt`.
    pub code: String,
    /// How people read it, e.g. "voorstel vastgesteld".
    pub label: String,
}

fn code_choices(table: &[(&str, &str)]) -> Vec<CodeChoice> {
    table
        .iter()
        .map(|(code, label)| CodeChoice {
            code: (*code).to_owned(),
            label: (*label).to_owned(),
        })
        .collect()
}

/// How many characters the texts people type may have (`BAD_USER_INPUT` beyond), for forms to
/// show and enforce before anything is sent.
#[derive(SimpleObject)]
pub struct InputLimits {
    /// A proposal's or a clause's title, a decision's reference.
    pub title: i32,
    /// A proposal's rationale, the committee's advice and its conditions, a comment.
    pub rationale: i32,
    /// One text of a group's content (a bullet, a result, an indicator, a quote, a location).
    pub content_text: i32,
    /// A vacancy clause's text, in either language.
    pub clause_text: i32,
    /// A clause's cited source.
    pub source_reference: i32,
    /// A search.
    pub search_text: i32,
}

/// The reference lists of the register.
pub struct Vocabulary;

/// Every value of `E` with the label `label` gives it, in the schema's order.
fn choices<E: EnumType + OutputType>(label: impl Fn(E) -> &'static str) -> Vec<Choice<E>> {
    E::items()
        .iter()
        .map(|item| Choice {
            value: item.value,
            label: label(item.value).to_owned(),
        })
        .collect()
}

#[Object]
impl Vocabulary {
    /// The clause categories, in the library's order.
    async fn clause_categories(&self) -> Vec<Choice<ClauseCategory>> {
        choices(|c: ClauseCategory| Category::from(c).label(Language::Nl))
    }

    /// The sections of a vacancy text, in the order of the text.
    async fn vacancy_sections(&self) -> Vec<Choice<VacancySection>> {
        choices(|c: VacancySection| Section::from(c).label(Language::Nl))
    }

    /// The five sections of a typing, in printed order, headed as on the FGR site.
    async fn typing_sections(&self) -> Vec<Choice<TypingSectionKind>> {
        TypingSection::ALL
            .into_iter()
            .map(|s| Choice {
                value: s.into(),
                label: s.label().to_owned(),
            })
            .collect()
    }

    /// The states of a proposal, in the workflow's order.
    async fn proposal_states(&self) -> Vec<Choice<ProposalState>> {
        choices(|s: ProposalState| State::from(s).label())
    }

    /// The committee's possible advice, as the advice form offers it.
    async fn advice_outcomes(&self) -> Vec<Choice<AdviceOutcome>> {
        choices(|o: AdviceOutcome| DomainAdvice::from(o).label())
    }

    /// The owner's possible decisions, named by the state each leaves the proposal in.
    async fn decision_outcomes(&self) -> Vec<Choice<DecisionOutcome>> {
        choices(|o: DecisionOutcome| State::from(o).label())
    }

    /// Where a clause stands on the peildatum (`VacancyClause.status`, the library's filter).
    async fn clause_statuses(&self) -> Vec<Choice<ClauseStatus>> {
        choices(|s: ClauseStatus| Standing::from(s).label())
    }

    /// Whom a format can be for (`FormatVersion.audience`).
    async fn format_audiences(&self) -> Vec<Choice<FormatAudience>> {
        choices(|a: FormatAudience| {
            match a {
                FormatAudience::AllStaff => Audience::AllStaff,
                FormatAudience::Managers => Audience::Managers,
                FormatAudience::Families => Audience::Families(Vec::new()),
                FormatAudience::Groups => Audience::Groups(Vec::new()),
            }
            .label()
        })
    }

    /// How long the texts people type may be.
    async fn limits(&self) -> InputLimits {
        let n = |limit: usize| i32::try_from(limit).unwrap_or(i32::MAX);
        InputLimits {
            title: n(limits::TITLE),
            rationale: n(limits::RATIONALE),
            content_text: n(limits::CONTENT_TEXT),
            clause_text: n(limits::CLAUSE_TEXT),
            source_reference: n(limits::SOURCE_REFERENCE),
            search_text: n(limits::SEARCH_TEXT),
        }
    }

    /// The actions the audit trail records (`AuditEntry.action`), for the audit page's filter.
    async fn audit_actions(&self) -> Vec<CodeChoice> {
        code_choices(&vocabulary::AUDIT_ACTIONS)
    }

    /// The kinds of thing the audit trail records changes to (`AuditEntry.targetType`).
    async fn audit_target_types(&self) -> Vec<CodeChoice> {
        code_choices(&vocabulary::AUDIT_TARGETS)
    }

    /// The sections of the appraisal conversation, in order; a format's criteria sit in them.
    async fn appraisal_sections(&self) -> Vec<AppraisalSectionChoice> {
        appraisal::SECTIONS
            .iter()
            .map(|(code, label)| AppraisalSectionChoice {
                code: (*code).to_owned(),
                label: (*label).to_owned(),
            })
            .collect()
    }
}

/// The root field.
#[derive(Default)]
pub struct VocabularyQuery;

#[Object]
impl VocabularyQuery {
    /// The reference lists the forms of a client offer (categories, sections), with the labels
    /// to show. The same for every caller.
    async fn vocabulary(&self) -> Vocabulary {
        Vocabulary
    }
}
