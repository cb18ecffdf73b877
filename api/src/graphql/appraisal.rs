//! Appraisal formats and criteria over GraphQL, for appraisal-tool integrations and the console.
//! Thin: the rules live in [`crate::domain::appraisal`].

use std::collections::BTreeMap;

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, Object, SimpleObject};
use fgr_entities::{appraisal_format, appraisal_format_version, rating_scale};

use super::catalogue::query::ConnectionTotals;
use super::db;
use super::errors::GqlResultExt;
use super::paging::Window;
use super::scalars::{day_or_today, Date};
use crate::domain::appraisal::{self, Audience, CriterionContent, FormatContent};
use crate::domain::dates;
use crate::error::DomainError;

/// Who a format is for.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum FormatAudience {
    /// Every employee.
    AllStaff,
    /// Employees in the manager families.
    Managers,
    /// Employees in the given families.
    Families,
    /// Employees in the given groups.
    Groups,
}

/// A level of a rating scale.
#[derive(SimpleObject, Clone)]
pub struct RatingLevel {
    /// Code, e.g. `PLUS_PLUS`.
    pub code: String,
    /// Label, e.g. `++`.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// A rating scale: ordered levels, highest first.
#[derive(SimpleObject, Clone)]
pub struct RatingScale {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Levels, highest first.
    pub levels: Vec<RatingLevel>,
    /// Where the levels come from.
    pub source_reference: String,
    /// Where that can be checked.
    pub source_url: Option<String>,
    /// True when the scale is the register's, not an official one.
    pub illustrative: bool,
}

impl RatingScale {
    fn of(s: &rating_scale::Model) -> async_graphql::Result<Self> {
        Ok(Self {
            code: s.code.clone(),
            name: s.name.clone(),
            levels: appraisal::levels_of(s)
                .gql()?
                .into_iter()
                .map(|l| RatingLevel {
                    code: l.code,
                    label: l.label,
                    description: l.description,
                })
                .collect(),
            source_reference: s.source_reference.clone(),
            source_url: s.source_url.clone(),
            illustrative: s.illustrative,
        })
    }
}

/// What a criterion appraises.
#[derive(SimpleObject, Clone)]
pub struct AppraisedElement {
    /// The responsibility requirement, by code.
    pub requirement_code: Option<String>,
    /// The core profile's result area, by code.
    pub result_area: Option<String>,
}

/// A criterion or question of a format.
#[derive(SimpleObject, Clone)]
pub struct Criterion {
    /// Code, unique within its format.
    pub code: String,
    /// The question or criterion.
    pub text: String,
    /// Guidance for the conversation.
    pub guidance: Option<String>,
    /// How it is rated; null for an open question.
    pub rating_scale: Option<RatingScale>,
    /// Whether the conversation must cover it.
    pub mandatory: bool,
    /// What it appraises.
    pub appraises: Option<AppraisedElement>,
    /// True when the wording is the register's, not an official source's.
    pub illustrative: bool,
    /// Where the wording comes from.
    pub source: Option<String>,
    /// The format it belongs to.
    pub format_code: String,
    /// That format's version.
    pub format_version: i32,
}

/// A section of a conversation with its criteria.
#[derive(SimpleObject, Clone)]
pub struct CriteriaSection {
    /// Code, e.g. `EVALUEREN_MET_CONCLUSIE`.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Criteria in order.
    pub criteria: Vec<Criterion>,
}

fn criterion(
    c: &CriterionContent,
    scales: &BTreeMap<String, rating_scale::Model>,
    format_code: &str,
    format_version: i32,
) -> async_graphql::Result<Criterion> {
    Ok(Criterion {
        code: c.code.clone(),
        text: c.text.clone(),
        guidance: c.guidance.clone(),
        rating_scale: c
            .rating_scale
            .as_ref()
            .and_then(|code| scales.get(code))
            .map(RatingScale::of)
            .transpose()?,
        mandatory: c.mandatory,
        appraises: c.appraises.as_ref().map(|a| AppraisedElement {
            requirement_code: a.requirement_code.clone(),
            result_area: a.result_area.clone(),
        }),
        illustrative: c.illustrative,
        source: c.source.clone(),
        format_code: format_code.to_owned(),
        format_version,
    })
}

/// A version of a format.
pub struct AppraisalFormatVersion {
    format_code: String,
    version: appraisal_format_version::Model,
    as_of: chrono::NaiveDate,
}

#[Object]
impl AppraisalFormatVersion {
    /// 1, 2, 3, ... per format.
    async fn number(&self) -> i32 {
        self.version.version_no
    }
    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.version.effective_from)
    }
    /// First day no longer in effect; null while open-ended.
    async fn effective_to(&self) -> Option<Date> {
        self.version.effective_to.map(Date)
    }
    /// Whether it is in effect on the date asked for.
    async fn in_effect(&self) -> bool {
        dates::in_effect(
            self.version.effective_from,
            self.version.effective_to,
            self.as_of,
        )
    }
    /// Name.
    async fn name(&self) -> &str {
        &self.version.name
    }
    /// Who it is for.
    async fn audience(&self) -> FormatAudience {
        match Audience::of(&self.version) {
            Audience::AllStaff => FormatAudience::AllStaff,
            Audience::Managers => FormatAudience::Managers,
            Audience::Families(_) => FormatAudience::Families,
            Audience::Groups(_) => FormatAudience::Groups,
        }
    }
    /// The families or groups, for `FAMILIES`/`GROUPS`.
    async fn audience_codes(&self) -> Vec<String> {
        match Audience::of(&self.version) {
            Audience::Families(c) | Audience::Groups(c) => c,
            _ => Vec::new(),
        }
    }
    /// `SEED` or `DECISION`.
    async fn provenance_kind(&self) -> &str {
        &self.version.provenance_kind
    }
    /// The decision or source.
    async fn provenance_reference(&self) -> Option<&str> {
        self.version.provenance_reference.as_deref()
    }
    /// True when the period, audience or wording is the register's inference.
    async fn illustrative(&self) -> bool {
        self.version.illustrative
    }
    /// Remarks.
    async fn note(&self) -> Option<&str> {
        self.version.note.as_deref()
    }
    /// Sections with their criteria, in conversation order.
    async fn sections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CriteriaSection>> {
        let scales = appraisal::rating_scales(db(ctx)?).await.gql()?;
        let content: FormatContent = appraisal::content_of(&self.version).gql()?;
        content
            .sections
            .iter()
            .map(|s| {
                Ok(CriteriaSection {
                    code: s.code.clone(),
                    title: appraisal::section_label(&s.code).to_owned(),
                    criteria: s
                        .criteria
                        .iter()
                        .map(|c| criterion(c, &scales, &self.format_code, self.version.version_no))
                        .collect::<async_graphql::Result<_>>()?,
                })
            })
            .collect()
    }
    /// The document of sections and criteria, as the amendment workflow edits it.
    async fn content(&self) -> async_graphql::Result<async_graphql::Json<FormatContent>> {
        Ok(async_graphql::Json(
            appraisal::content_of(&self.version).gql()?,
        ))
    }
}

/// An appraisal format (a form of the personeelsgesprek).
pub struct AppraisalFormat {
    format: appraisal_format::Model,
    versions: Vec<appraisal_format_version::Model>,
    as_of: chrono::NaiveDate,
}

impl AppraisalFormat {
    fn version_at(&self) -> Option<&appraisal_format_version::Model> {
        self.versions
            .iter()
            .find(|v| dates::in_effect(v.effective_from, v.effective_to, self.as_of))
    }

    fn wrap(&self, v: &appraisal_format_version::Model) -> AppraisalFormatVersion {
        AppraisalFormatVersion {
            format_code: self.format.code.clone(),
            version: v.clone(),
            as_of: self.as_of,
        }
    }
}

#[Object]
impl AppraisalFormat {
    /// Code.
    async fn code(&self) -> &str {
        &self.format.code
    }
    /// The version in effect on the date asked for; null when none is.
    async fn version(&self) -> Option<AppraisalFormatVersion> {
        self.version_at().map(|v| self.wrap(v))
    }
    /// Every version, oldest first.
    async fn versions(&self) -> Vec<AppraisalFormatVersion> {
        self.versions.iter().map(|v| self.wrap(v)).collect()
    }
}

/// The criteria for an employee in one typing on one date.
#[derive(SimpleObject)]
pub struct PostCriteria {
    /// The group.
    pub group_code: String,
    /// The scale.
    pub scale: i32,
    /// The date.
    pub on: Date,
    /// The formats that apply, as `CODE@version`.
    pub formats: Vec<String>,
    /// Sections in conversation order, with their criteria.
    pub sections: Vec<CriteriaSection>,
}

/// A requirement required of managers and the criteria of one manager format that appraise it.
#[derive(SimpleObject)]
pub struct FormatRequirementCoverage {
    /// The requirement's code.
    pub requirement_code: String,
    /// Its title.
    pub requirement_title: String,
    /// Criteria that appraise it; empty when missing.
    pub criteria: Vec<String>,
    /// Whether at least one criterion appraises it.
    pub covered: bool,
}

/// One manager format in effect and what it appraises.
#[derive(SimpleObject)]
pub struct ManagerFormatCoverage {
    /// The format.
    pub format_code: String,
    /// Its version.
    pub format_version: i32,
    /// Its name.
    pub name: String,
    /// Each requirement required of managers.
    pub requirements: Vec<FormatRequirementCoverage>,
    /// How many are missing.
    pub missing: i32,
}

/// Whether the manager formats in effect appraise the responsibilities required of managers.
#[derive(SimpleObject)]
pub struct FormatCoverageReport {
    /// The date.
    pub as_of: Date,
    /// The requirements required in the manager families on that date.
    pub required_codes: Vec<String>,
    /// Each manager format in effect; empty when none is (then every requirement is missing).
    pub formats: Vec<ManagerFormatCoverage>,
}

/// The appraisal queries.
#[derive(Default)]
pub struct AppraisalQuery;

#[Object]
impl AppraisalQuery {
    /// The appraisal formats, with the version in effect on `asOf` (default today).
    async fn appraisal_formats(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        #[graphql(desc = "Page size, 0–100 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, AppraisalFormat, ConnectionTotals, EmptyFields>>
    {
        let window = Window::of(first, after.as_deref()).gql()?;
        let as_of = day_or_today(as_of);
        let all: Vec<AppraisalFormat> = appraisal::all_versions(db(ctx)?)
            .await
            .gql()?
            .into_iter()
            .map(|(format, versions)| AppraisalFormat {
                format,
                versions,
                as_of,
            })
            .collect();
        let total = all.len() as u64;
        Ok(window.connection(window.slice(all), total))
    }

    /// One format, with the version in effect on `asOf` (default today); null for an unknown code.
    async fn appraisal_format(
        &self,
        ctx: &Context<'_>,
        code: String,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<AppraisalFormat>> {
        match appraisal::versions_of(db(ctx)?, &code).await {
            Ok((format, versions)) => Ok(Some(AppraisalFormat {
                format,
                versions,
                as_of: day_or_today(as_of),
            })),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }

    /// The criteria that apply to an employee in `groupCode` at `scale` on `on` (default today):
    /// every format in effect whose audience includes them, merged by section, with rating scales
    /// and what each criterion appraises.
    async fn appraisal_criteria(
        &self,
        ctx: &Context<'_>,
        group_code: String,
        scale: i32,
        on: Option<Date>,
    ) -> async_graphql::Result<PostCriteria> {
        let db = db(ctx)?;
        let found = appraisal::criteria_for(db, &group_code, scale, day_or_today(on))
            .await
            .gql()?;
        let scales = appraisal::rating_scales(db).await.gql()?;
        let sections = found
            .sections
            .iter()
            .map(|(code, list)| {
                Ok(CriteriaSection {
                    code: code.clone(),
                    title: appraisal::section_label(code).to_owned(),
                    criteria: list
                        .iter()
                        .map(|a| criterion(&a.criterion, &scales, &a.format_code, a.format_version))
                        .collect::<async_graphql::Result<_>>()?,
                })
            })
            .collect::<async_graphql::Result<_>>()?;
        Ok(PostCriteria {
            group_code: found.post.group_code,
            scale: found.post.scale,
            on: Date(found.on),
            formats: found
                .formats
                .iter()
                .map(|(code, v)| format!("{code}@{v}"))
                .collect(),
            sections,
        })
    }

    /// What changed between two versions of a format (by version number), criterion by criterion.
    async fn format_version_diff(
        &self,
        ctx: &Context<'_>,
        code: String,
        from: i32,
        to: i32,
    ) -> async_graphql::Result<Vec<super::diff::FieldChange>> {
        Ok(super::diff::to_graphql(
            appraisal::version_diff(db(ctx)?, &code, from, to)
                .await
                .gql()?,
        ))
    }

    /// Every rating scale.
    async fn rating_scales(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RatingScale>> {
        appraisal::rating_scales(db(ctx)?)
            .await
            .gql()?
            .values()
            .map(RatingScale::of)
            .collect()
    }

    /// For every manager format in effect on `asOf` (default today): whether each requirement
    /// required of managers is appraised by a criterion, or missing.
    async fn format_coverage(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<FormatCoverageReport> {
        let day = day_or_today(as_of);
        let (required, formats) = appraisal::format_coverage(db(ctx)?, day).await.gql()?;
        Ok(FormatCoverageReport {
            as_of: Date(day),
            required_codes: required.iter().map(|r| r.code.clone()).collect(),
            formats: formats
                .into_iter()
                .map(|f| {
                    let rows: Vec<FormatRequirementCoverage> = f
                        .requirements
                        .into_iter()
                        .map(|(r, criteria)| FormatRequirementCoverage {
                            requirement_code: r.code,
                            requirement_title: r.title,
                            covered: !criteria.is_empty(),
                            criteria,
                        })
                        .collect();
                    ManagerFormatCoverage {
                        format_code: f.format.format.code,
                        format_version: f.format.version.version_no,
                        name: f.format.version.name,
                        missing: i32::try_from(rows.iter().filter(|r| !r.covered).count())
                            .unwrap_or(i32::MAX),
                        requirements: rows,
                    }
                })
                .collect(),
        })
    }
}
