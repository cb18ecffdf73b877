//! The reference lists the console's forms offer, with their Dutch labels, served from the domain
//! that defines them, so no client codes them again.

use async_graphql::resolver_utils::EnumType;
use async_graphql::{Object, OutputType, SimpleObject};

use super::catalogue::profiles::TypingSectionKind;
use super::clauses::{ClauseCategory, VacancySection};
use crate::domain::appraisal;
use crate::domain::clauses::{Category, Language, Section};
use crate::domain::profiles::TypingSection;

/// A value of an enum with its Dutch label, in the order forms offer them.
#[derive(SimpleObject)]
#[graphql(concrete(name = "ClauseCategoryChoice", params(ClauseCategory)))]
#[graphql(concrete(name = "VacancySectionChoice", params(VacancySection)))]
#[graphql(concrete(name = "TypingSectionChoice", params(TypingSectionKind)))]
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

/// The reference lists of the register.
pub struct Vocabulary;

#[Object]
impl Vocabulary {
    /// The clause categories, in the library's order.
    async fn clause_categories(&self) -> Vec<Choice<ClauseCategory>> {
        ClauseCategory::items()
            .iter()
            .map(|item| Choice {
                value: item.value,
                label: Category::from(item.value).label(Language::Nl).to_owned(),
            })
            .collect()
    }

    /// The sections of a vacancy text, in the order of the text.
    async fn vacancy_sections(&self) -> Vec<Choice<VacancySection>> {
        VacancySection::items()
            .iter()
            .map(|item| Choice {
                value: item.value,
                label: Section::from(item.value).label(Language::Nl).to_owned(),
            })
            .collect()
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
