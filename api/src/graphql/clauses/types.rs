//! What a clause looks like over GraphQL: its rule, a version, the clause as it stands on a date
//! (in the language asked for), and the parts of an assembled vacancy text.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use fgr_entities::vacancy_clause_version;

use super::ClauseStatus;
use crate::domain::clauses::{
    self, Applicability, ClauseVersion as DomainVersion, Language, Status,
};
use crate::graphql::errors::GqlResultExt;
use crate::graphql::register;
use crate::graphql::scalars::Date;

/// When a clause applies.
#[derive(SimpleObject, InputObject, Clone, Default)]
#[graphql(input_name = "ApplicabilityInput")]
pub struct ClauseApplicability {
    /// Lowest scale.
    pub scale_min: Option<i32>,
    /// Highest scale.
    pub scale_max: Option<i32>,
    /// Only groups of the manager families.
    #[graphql(default)]
    pub manager_only: bool,
    /// Only ABD posts (scale 15 and up).
    #[graphql(default)]
    pub abd_only: bool,
    /// Only these families (codes; empty: all).
    #[graphql(default)]
    pub family_codes: Vec<String>,
    /// Only these groups (codes; empty: all).
    #[graphql(default)]
    pub group_codes: Vec<String>,
}

impl From<ClauseApplicability> for Applicability {
    fn from(a: ClauseApplicability) -> Self {
        Self {
            scale_min: a.scale_min,
            scale_max: a.scale_max,
            manager_only: a.manager_only,
            abd_only: a.abd_only,
            family_codes: a.family_codes,
            group_codes: a.group_codes,
        }
    }
}

/// A version of a clause.
pub struct ClauseVersion(vacancy_clause_version::Model);

#[Object]
impl ClauseVersion {
    /// 1, 2, 3, ... per clause.
    async fn number(&self) -> i32 {
        self.0.version_no
    }
    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }
    /// First day no longer in effect (replaced or retired); null while open-ended.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }
    /// The version's title, e.g. "Eed of belofte"; not printed in the assembled vacancy text.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Category code, e.g. `SOCIAL_SAFETY_INCLUSION`.
    async fn category(&self) -> &str {
        &self.0.category
    }
    /// The category in Dutch.
    async fn category_label(&self) -> &str {
        clauses::Category::from_code(&self.0.category).map_or("", |c| c.label(Language::Nl))
    }
    /// The section of a vacancy text it belongs in, e.g. `PROFILE`.
    async fn section(&self) -> &str {
        &self.0.section
    }
    /// The section's heading in Dutch.
    async fn section_label(&self) -> &str {
        clauses::Section::from_code(&self.0.section).map_or("", |s| s.label(Language::Nl))
    }
    /// Order within the section.
    async fn section_order(&self) -> i32 {
        self.0.section_order
    }
    /// Dutch text.
    async fn text_nl(&self) -> &str {
        &self.0.text_nl
    }
    /// English text, if any.
    async fn text_en(&self) -> Option<&str> {
        self.0.text_en.as_deref()
    }
    /// Whether every vacancy text it applies to must carry it.
    async fn mandatory(&self) -> bool {
        self.0.mandatory
    }
    /// When it applies.
    async fn applicability(&self) -> ClauseApplicability {
        let a = clauses::applicability_of(&self.0);
        ClauseApplicability {
            scale_min: a.scale_min,
            scale_max: a.scale_max,
            manager_only: a.manager_only,
            abd_only: a.abd_only,
            family_codes: a.family_codes,
            group_codes: a.group_codes,
        }
    }
    /// When it applies, in words (Dutch), with the ABD rule in force today.
    async fn applies_to(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let abd_min =
            crate::domain::abd::min_scale_on(&*register(ctx).await?, crate::domain::dates::today());
        Ok(clauses::applicability_of(&self.0).describe(abd_min))
    }
    /// Where the wording comes from.
    async fn source_reference(&self) -> &str {
        &self.0.source_reference
    }
    /// Where that can be checked.
    async fn source_url(&self) -> Option<&str> {
        self.0.source_url.as_deref()
    }
    /// True when the wording or rule is the register's, not an official source's.
    async fn illustrative(&self) -> bool {
        self.0.illustrative
    }
    /// Why this version was made.
    async fn change_note(&self) -> Option<&str> {
        self.0.change_note.as_deref()
    }
    /// Who made it.
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
}

/// A standard vacancy clause, as it stands on the date asked for.
pub struct VacancyClause {
    pub(super) current: DomainVersion,
    pub(super) status: Status,
    pub(super) language: Language,
}

#[Object]
impl VacancyClause {
    /// Stable code, e.g. `ABD_SOCIALE_VEILIGHEID`.
    async fn code(&self) -> &str {
        &self.current.clause.code
    }
    /// Active, retired or future on the date asked for.
    async fn status(&self) -> ClauseStatus {
        self.status.into()
    }
    /// The version in effect on the date (for a retired clause its last, for a future one its
    /// first).
    async fn version(&self) -> ClauseVersion {
        ClauseVersion(self.current.version.clone())
    }
    /// The text in the language asked for (Dutch when the clause has no English).
    async fn text(&self) -> &str {
        clauses::text_in(&self.current.version, self.language).0
    }
    /// The language of `text`: `nl` or `en`.
    async fn language(&self) -> &str {
        match clauses::text_in(&self.current.version, self.language) {
            (_, true) => Language::Nl.code(),
            _ => self.language.code(),
        }
    }
    /// True when English was asked for and the clause has only Dutch.
    async fn fell_back_to_dutch(&self) -> bool {
        clauses::text_in(&self.current.version, self.language).1
    }
    /// Every version, oldest first.
    async fn versions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ClauseVersion>> {
        let register = register(ctx).await?;
        let history = clauses::history(&register, &self.current.clause.code).gql()?;
        Ok(history
            .versions
            .all()
            .iter()
            .cloned()
            .map(ClauseVersion)
            .collect())
    }
}

/// A clause in an assembled vacancy text, with its provenance.
#[derive(SimpleObject)]
pub struct VacancyTextClause {
    /// The clause's code.
    pub code: String,
    /// The version used.
    pub version_number: i32,
    /// That version's first day.
    pub effective_from: Date,
    /// The version's title, for provenance; `VacancyText.text` does not include it.
    pub title: String,
    /// The text used.
    pub text: String,
    /// The language of `text`.
    pub language: String,
    /// True when English was asked for and the clause has only Dutch.
    pub fell_back_to_dutch: bool,
    /// Mandatory where it applies.
    pub mandatory: bool,
    /// Where the wording comes from.
    pub source_reference: String,
    /// True when the wording is the register's, not an official source's.
    pub illustrative: bool,
}

/// A section of an assembled vacancy text.
#[derive(SimpleObject)]
pub struct VacancyTextSection {
    /// Section code, e.g. `PROFILE`.
    pub section: String,
    /// Its heading in the language asked for.
    pub heading: String,
    /// Its clauses, in order.
    pub clauses: Vec<VacancyTextClause>,
}

/// The standard clauses of a vacancy text for one post on one date.
#[derive(SimpleObject)]
pub struct VacancyText {
    /// The group.
    pub group_code: String,
    /// The scale.
    pub scale: i32,
    /// The date the clauses are in effect on.
    pub on: Date,
    /// The language asked for.
    pub language: String,
    /// Sections in order, with the applicable clauses and their provenance.
    pub sections: Vec<VacancyTextSection>,
    /// The whole text in the format asked for, ready to paste.
    pub text: String,
    /// Codes of the clauses shown in Dutch because they have no English text.
    pub fallbacks: Vec<String>,
}
