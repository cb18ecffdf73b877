//! The appraisal root query fields: the formats, the criteria for a post, version diffs,
//! rating scales and the manager formats' coverage.

use super::types::criterion;
use super::*;

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
        let all: Vec<AppraisalFormat> = register(ctx)
            .await?
            .formats()
            .iter()
            .map(|history| AppraisalFormat {
                history: history.clone(),
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
        Ok(register(ctx)
            .await?
            .format(&code)
            .map(|history| AppraisalFormat {
                history: history.clone(),
                as_of: day_or_today(as_of),
            }))
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
        let register = register(ctx).await?;
        let found =
            appraisal::criteria_for(&register, &group_code, scale, day_or_today(on)).gql()?;
        let sections = found
            .sections
            .iter()
            .map(|(code, list)| CriteriaSection {
                code: code.clone(),
                title: appraisal::section_label(code).to_owned(),
                criteria: list
                    .iter()
                    .map(|a| criterion(&a.criterion, &register, &a.format_code, a.format_version))
                    .collect(),
            })
            .collect();
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
    ) -> async_graphql::Result<Vec<crate::graphql::diff::FieldChange>> {
        Ok(crate::graphql::diff::to_graphql(
            appraisal::version_diff(&*register(ctx).await?, &code, from, to).gql()?,
        ))
    }

    /// Every rating scale.
    async fn rating_scales(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RatingScale>> {
        Ok(register(ctx)
            .await?
            .rating_scales()
            .iter()
            .map(|s| RatingScale::of(s))
            .collect())
    }

    /// For every manager format in effect on `asOf` (default today): whether each requirement
    /// required of managers is appraised by a criterion, or missing.
    async fn format_coverage(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<FormatCoverageReport> {
        let day = day_or_today(as_of);
        let register = register(ctx).await?;
        let (required, formats) = appraisal::format_coverage(&register, day);
        Ok(FormatCoverageReport {
            as_of: Date(day),
            required_codes: required.iter().map(|r| r.model.code.clone()).collect(),
            required_titles: required.iter().map(|r| r.model.title.clone()).collect(),
            formats: formats
                .into_iter()
                .map(|f| {
                    let rows: Vec<FormatRequirementCoverage> = f
                        .requirements
                        .into_iter()
                        .map(|(r, criteria)| FormatRequirementCoverage {
                            requirement_code: r.model.code.clone(),
                            requirement_title: r.model.title.clone(),
                            covered: !criteria.is_empty(),
                            criterion_texts: criteria.iter().map(|c| c.text.clone()).collect(),
                            criteria: criteria.iter().map(|c| c.code.clone()).collect(),
                        })
                        .collect();
                    ManagerFormatCoverage {
                        format_code: f.format.format.code.clone(),
                        format_version: f.format.version.version_no,
                        name: f.format.version.name.clone(),
                        missing: i32::try_from(rows.iter().filter(|r| !r.covered).count())
                            .unwrap_or(i32::MAX),
                        requirements: rows,
                    }
                })
                .collect(),
        })
    }
}
