//! The clause changes (create, revise, retire) and their inputs: check the caller, call the
//! domain, and answer with the clause as it stands today once the register has caught up.

use async_graphql::{Context, InputObject, Object};

use super::types::{ClauseApplicability, VacancyClause};
use super::{ClauseCategory, VacancySection};
use crate::domain::clauses::{self, ClauseFields, ClauseVersion as DomainVersion, Language};
use crate::domain::temporal::standing_of;
use crate::graphql::errors::GqlResultExt;
use crate::graphql::scalars::Date;
use crate::graphql::{caller, changed, db};

/// The fields of a clause version.
#[derive(InputObject)]
pub struct ClauseFieldsInput {
    /// Required, at most 300 characters; one title for both languages, not in the vacancy text.
    pub title: String,
    /// What the clause is about; `vacancyClauses` can filter by it.
    pub category: ClauseCategory,
    /// Section of the vacancy text.
    pub section: VacancySection,
    /// Order within the section (0–1000).
    #[graphql(default = 100)]
    pub section_order: i32,
    /// Dutch text (required).
    pub text_nl: String,
    /// English text.
    pub text_en: Option<String>,
    /// Mandatory where it applies.
    pub mandatory: bool,
    /// When it applies.
    #[graphql(default)]
    pub applicability: ClauseApplicability,
    /// Where the wording comes from.
    pub source_reference: String,
    /// Where that can be checked.
    pub source_url: Option<String>,
    /// True when the wording or rule is yours, not an official source's.
    pub illustrative: bool,
    /// Why this version.
    pub change_note: Option<String>,
}

impl From<ClauseFieldsInput> for ClauseFields {
    fn from(f: ClauseFieldsInput) -> Self {
        Self {
            title: f.title,
            category: f.category.into(),
            section: f.section.into(),
            section_order: f.section_order,
            text_nl: f.text_nl,
            text_en: f.text_en.filter(|t| !t.trim().is_empty()),
            mandatory: f.mandatory,
            applicability: f.applicability.into(),
            source_reference: f.source_reference,
            source_url: f.source_url,
            illustrative: f.illustrative,
            change_note: f.change_note,
        }
    }
}

/// A new clause.
#[derive(InputObject)]
pub struct CreateVacancyClauseInput {
    /// Code: capitals, digits and `_`.
    pub code: String,
    /// First day in effect (today or later).
    pub effective_from: Date,
    /// Its fields.
    pub fields: ClauseFieldsInput,
}

/// A new version of a clause.
#[derive(InputObject)]
pub struct ReviseVacancyClauseInput {
    /// The clause.
    pub code: String,
    /// The latest version number you saw.
    pub expected_version: i32,
    /// First day of the new version (today or later); the previous version ends there.
    pub effective_from: Date,
    /// The new version's fields (all of them).
    pub fields: ClauseFieldsInput,
}

/// The clause mutations (FGR beheer and the committee's secretary).
#[derive(Default)]
pub struct ClauseMutation;

/// The clause a change returns, as its new version stands today; the register catches up first,
/// so the caller's next read sees the change.
async fn changed_clause(
    ctx: &Context<'_>,
    result: crate::error::DomainResult<DomainVersion>,
) -> async_graphql::Result<VacancyClause> {
    let c = result.gql()?;
    changed(ctx).await?;
    Ok(VacancyClause {
        status: standing_of(&c.version, crate::domain::dates::today()),
        current: c,
        language: Language::Nl,
    })
}

#[Object]
impl ClauseMutation {
    /// Adds a clause to the library.
    async fn create_vacancy_clause(
        &self,
        ctx: &Context<'_>,
        input: CreateVacancyClauseInput,
    ) -> async_graphql::Result<VacancyClause> {
        let result = clauses::create(
            db(ctx)?,
            &caller(ctx),
            &input.code,
            input.effective_from.0,
            &input.fields.into(),
        )
        .await;
        changed_clause(ctx, result).await
    }

    /// Makes a new version of a clause from a date; `CONFLICT` when `expectedVersion` is stale.
    async fn revise_vacancy_clause(
        &self,
        ctx: &Context<'_>,
        input: ReviseVacancyClauseInput,
    ) -> async_graphql::Result<VacancyClause> {
        let result = clauses::revise(
            db(ctx)?,
            &caller(ctx),
            &input.code,
            input.expected_version,
            input.effective_from.0,
            &input.fields.into(),
        )
        .await;
        changed_clause(ctx, result).await
    }

    /// Retires a clause from a date (today or later): it stops appearing from then on.
    async fn retire_vacancy_clause(
        &self,
        ctx: &Context<'_>,
        code: String,
        expected_version: i32,
        on: Date,
    ) -> async_graphql::Result<VacancyClause> {
        let result = clauses::retire(db(ctx)?, &caller(ctx), &code, expected_version, on.0).await;
        changed_clause(ctx, result).await
    }
}
