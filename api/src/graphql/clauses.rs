//! Standard vacancy clauses over GraphQL: the library, one clause with its versions and diffs,
//! the assembled vacancy text, and the changes FGR beheer and the secretary make. Thin: the rules
//! live in [`crate::domain::clauses`].

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use fgr_entities::vacancy_clause_version;

use super::catalogue::query::ConnectionTotals;
use super::diff::{to_graphql, FieldChange};
use super::errors::GqlResultExt;
use super::paging::Window;
use super::scalars::{day_or_today, Date};
use super::{caller, changed, db, register};
use crate::domain::clauses::{
    self, Applicability, ClauseFields, ClauseVersion as DomainVersion, Language, LibraryFilter,
    Status, TextFormat,
};
use crate::domain::posts;
use crate::domain::temporal::standing_of;

/// What a clause is about.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ClauseCategory {
    /// Social safety, diversity and inclusion.
    SocialSafetyInclusion,
    /// Leadership.
    Leadership,
    /// Integrity and screening.
    IntegrityScreening,
    /// Terms of employment.
    TermsOfEmployment,
}

impl From<ClauseCategory> for clauses::Category {
    fn from(c: ClauseCategory) -> Self {
        match c {
            ClauseCategory::SocialSafetyInclusion => Self::SocialSafetyInclusion,
            ClauseCategory::Leadership => Self::Leadership,
            ClauseCategory::IntegrityScreening => Self::IntegrityScreening,
            ClauseCategory::TermsOfEmployment => Self::TermsOfEmployment,
        }
    }
}

/// The sections of a vacancy text, in order.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum VacancySection {
    /// About the post ("De functie").
    Position,
    /// Who we are looking for ("Wie zoeken wij").
    Profile,
    /// What we offer ("Wat bieden wij").
    Offer,
    /// Procedure.
    Procedure,
}

impl From<VacancySection> for clauses::Section {
    fn from(s: VacancySection) -> Self {
        match s {
            VacancySection::Position => Self::Position,
            VacancySection::Profile => Self::Profile,
            VacancySection::Offer => Self::Offer,
            VacancySection::Procedure => Self::Procedure,
        }
    }
}

/// Where a clause stands on a date.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ClauseStatus {
    /// In effect.
    Active,
    /// Retired: every version has ended.
    Retired,
    /// Its first version starts later.
    Future,
}

impl From<Status> for ClauseStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Active => Self::Active,
            Status::Retired => Self::Retired,
            Status::Future => Self::Future,
        }
    }
}

impl From<ClauseStatus> for Status {
    fn from(s: ClauseStatus) -> Self {
        match s {
            ClauseStatus::Active => Self::Active,
            ClauseStatus::Retired => Self::Retired,
            ClauseStatus::Future => Self::Future,
        }
    }
}

/// How an assembled vacancy text is written.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum VacancyTextFormat {
    /// Plain text.
    #[default]
    Plain,
    /// Markdown.
    Markdown,
    /// HTML; clause texts are escaped.
    Html,
}

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
    /// Title.
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
    current: DomainVersion,
    status: Status,
    language: Language,
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

/// Filters of `vacancyClauses`.
#[derive(InputObject, Default)]
pub struct VacancyClauseFilter {
    /// Only clauses that apply to this group (with `scale`: to that post; active ones only).
    pub group_code: Option<String>,
    /// Only clauses that can apply at this scale.
    pub scale: Option<i32>,
    /// Only clauses that can apply in this family.
    pub family_code: Option<String>,
    /// Texts in this language (`nl` or `en`; default `nl`; per clause Dutch when it has no
    /// English).
    pub language: Option<String>,
    /// The date (default today).
    pub on: Option<Date>,
    /// Only this category.
    pub category: Option<ClauseCategory>,
    /// Only this status (default: all; with `groupCode`, active).
    pub status: Option<ClauseStatus>,
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
    /// Title.
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

/// The clause queries.
#[derive(Default)]
pub struct ClauseQuery;

#[Object]
impl ClauseQuery {
    /// The clause library on a date, filtered, in vacancy-text order.
    async fn vacancy_clauses(
        &self,
        ctx: &Context<'_>,
        filter: Option<VacancyClauseFilter>,
        #[graphql(desc = "Page size, 0–100 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, VacancyClause, ConnectionTotals, EmptyFields>>
    {
        let window = Window::of(first, after.as_deref()).gql()?;
        let filter = filter.unwrap_or_default();
        let day = day_or_today(filter.on);
        let language = Language::parse(filter.language.as_deref().unwrap_or("nl")).gql()?;
        let register = register(ctx).await?;
        // A group without a scale: what applies at any of its scales.
        let posts = match (&filter.group_code, filter.scale) {
            (Some(code), Some(scale)) => vec![clauses::post(&register, code, scale, day).gql()?],
            (Some(code), None) => posts::posts_of_group(&register, code, day).gql()?,
            (None, _) => Vec::new(),
        };
        let domain_filter = LibraryFilter {
            posts,
            scale: filter.scale,
            family_code: filter.family_code,
            category: filter.category.map(Into::into),
            status: filter.status.map(Into::into),
        };
        let entries = clauses::library(&register, &domain_filter, day);
        let total = entries.len() as u64;
        let rows = window
            .slice(entries)
            .into_iter()
            .map(|e| VacancyClause {
                current: e.current,
                status: e.status,
                language,
            })
            .collect();
        Ok(window.connection(rows, total))
    }

    /// One clause as it stands on a date (default today); null for an unknown code.
    async fn vacancy_clause(
        &self,
        ctx: &Context<'_>,
        code: String,
        on: Option<Date>,
        #[graphql(desc = "`nl` (default) or `en`.")] language: Option<String>,
    ) -> async_graphql::Result<Option<VacancyClause>> {
        let language = Language::parse(language.as_deref().unwrap_or("nl")).gql()?;
        let register = register(ctx).await?;
        let Some(history) = register.clause(&code) else {
            return Ok(None);
        };
        Ok(history
            .versions
            .standing(day_or_today(on))
            .map(|(v, status)| VacancyClause {
                current: DomainVersion {
                    clause: history.clause.clone(),
                    version: v.clone(),
                },
                status,
                language,
            }))
    }

    /// What changed between two versions of a clause (by version number), field by field.
    async fn clause_version_diff(
        &self,
        ctx: &Context<'_>,
        code: String,
        from: i32,
        to: i32,
    ) -> async_graphql::Result<Vec<FieldChange>> {
        Ok(to_graphql(
            clauses::version_diff(&*register(ctx).await?, &code, from, to).gql()?,
        ))
    }

    /// The standard clauses for a post (group and scale) on a date, assembled in section order,
    /// with the provenance of each (code and version) so what applied can be cited later.
    async fn vacancy_text(
        &self,
        ctx: &Context<'_>,
        group_code: String,
        scale: i32,
        #[graphql(desc = "`nl` (default) or `en`; English falls back to Dutch per clause.")]
        language: Option<String>,
        #[graphql(desc = "The date (default today).")] on: Option<Date>,
        #[graphql(desc = "`PLAIN` (default), `MARKDOWN` or `HTML`.")] format: Option<
            VacancyTextFormat,
        >,
    ) -> async_graphql::Result<VacancyText> {
        let language = Language::parse(language.as_deref().unwrap_or("nl")).gql()?;
        let format = match format.unwrap_or_default() {
            VacancyTextFormat::Plain => TextFormat::Plain,
            VacancyTextFormat::Markdown => TextFormat::Markdown,
            VacancyTextFormat::Html => TextFormat::Html,
        };
        let text = clauses::vacancy_text(
            &*register(ctx).await?,
            &group_code,
            scale,
            language,
            day_or_today(on),
            format,
        )
        .gql()?;
        let mut fallbacks = Vec::new();
        let sections = text
            .sections
            .into_iter()
            .map(|(section, list)| VacancyTextSection {
                section: section.code().to_owned(),
                heading: section.label(language).to_owned(),
                clauses: list
                    .into_iter()
                    .map(|c| {
                        if c.fell_back_to_dutch {
                            fallbacks.push(c.used.clause.code.clone());
                        }
                        VacancyTextClause {
                            code: c.used.clause.code,
                            version_number: c.used.version.version_no,
                            effective_from: Date(c.used.version.effective_from),
                            title: c.used.version.title,
                            language: if c.fell_back_to_dutch {
                                Language::Nl.code().to_owned()
                            } else {
                                language.code().to_owned()
                            },
                            text: c.text,
                            fell_back_to_dutch: c.fell_back_to_dutch,
                            mandatory: c.used.version.mandatory,
                            source_reference: c.used.version.source_reference,
                            illustrative: c.used.version.illustrative,
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(VacancyText {
            group_code: text.post.group_code,
            scale: text.post.scale,
            on: Date(text.on),
            language: language.code().to_owned(),
            sections,
            text: text.text,
            fallbacks,
        })
    }
}

/// The fields of a clause version.
#[derive(InputObject)]
pub struct ClauseFieldsInput {
    /// Title.
    pub title: String,
    /// Category.
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
