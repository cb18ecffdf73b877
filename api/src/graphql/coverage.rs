//! `profileCoverage`: the committee's question, for every group and typing of the chosen
//! families on a date.

use async_graphql::{Context, Enum, Object, SimpleObject};
use chrono::NaiveDate;

use super::catalogue::families::{FunctionGroup, JobFamily};
use super::catalogue::requirements::{Coverage, ResponsibilityRequirement};
use super::errors::GqlResultExt;
use super::scalars::{day_or_today, Date};
use crate::domain::coverage::{self, Status};

/// The coverage query fields.
#[derive(Default)]
pub struct CoverageQuery;

/// How well a group covers a requirement.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum CoverageStatus {
    /// Every typing covers it.
    Covered,
    /// Some typings cover it.
    Partial,
    /// Nothing covers it.
    Missing,
}

impl From<Status> for CoverageStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Covered => Self::Covered,
            Status::Partial => Self::Partial,
            Status::Missing => Self::Missing,
        }
    }
}

/// Whether one typing covers a requirement.
#[derive(SimpleObject, Clone)]
pub struct TypingCoverage {
    /// The typing's scale.
    pub scale: i32,
    /// Covered by its text or by the core profile.
    pub covered: bool,
}

/// One group × requirement cell.
#[derive(SimpleObject, Clone)]
pub struct RequirementCoverageCell {
    /// The requirement.
    pub requirement: ResponsibilityRequirement,
    /// Covered, partly or missing.
    pub status: CoverageStatus,
    /// Per typing.
    pub typings: Vec<TypingCoverage>,
    /// The texts that cover it.
    pub covered_by: Vec<Coverage>,
}

/// One group's row.
#[derive(SimpleObject, Clone)]
pub struct GroupCoverage {
    /// The group (as on the date judged).
    pub group: FunctionGroup,
    /// One cell per requirement required in the group.
    pub requirements: Vec<RequirementCoverageCell>,
}

/// Counts over a family.
#[derive(SimpleObject, Clone, Copy)]
pub struct CoverageTotals {
    /// Groups judged.
    pub groups: i32,
    /// Group × requirement cells.
    pub checks: i32,
    /// Cells fully covered.
    pub covered: i32,
    /// Cells partly covered.
    pub partial: i32,
    /// Cells not covered.
    pub missing: i32,
    /// Typing × requirement checks.
    pub typing_checks: i32,
    /// Of which covered.
    pub typings_covered: i32,
}

/// One family's part of the report.
#[derive(SimpleObject, Clone)]
pub struct FamilyCoverage {
    /// The family.
    pub family: JobFamily,
    /// Its groups.
    pub groups: Vec<GroupCoverage>,
    /// Its totals.
    pub totals: CoverageTotals,
}

/// The coverage report.
#[derive(SimpleObject, Clone)]
pub struct CoverageReport {
    /// The date judged.
    pub as_of: Date,
    /// Per family.
    pub families: Vec<FamilyCoverage>,
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn to_graphql(report: coverage::Report) -> CoverageReport {
    let as_of: NaiveDate = report.as_of;
    CoverageReport {
        as_of: Date(as_of),
        families: report
            .families
            .into_iter()
            .map(|f| FamilyCoverage {
                totals: CoverageTotals {
                    groups: count(f.totals.groups),
                    checks: count(f.totals.checks),
                    covered: count(f.totals.covered),
                    partial: count(f.totals.partial),
                    missing: count(f.totals.missing),
                    typing_checks: count(f.totals.typing_checks),
                    typings_covered: count(f.totals.typings_covered),
                },
                family: JobFamily {
                    model: f.family,
                    as_of,
                },
                groups: f
                    .groups
                    .into_iter()
                    .map(|g| GroupCoverage {
                        requirements: g
                            .cells
                            .into_iter()
                            .map(|c| RequirementCoverageCell {
                                requirement: ResponsibilityRequirement::new(c.requirement, as_of),
                                status: c.status.into(),
                                typings: c
                                    .typings
                                    .into_iter()
                                    .map(|(scale, covered)| TypingCoverage { scale, covered })
                                    .collect(),
                                covered_by: c.covered_by.into_iter().map(Coverage::from).collect(),
                            })
                            .collect(),
                        group: FunctionGroup::new(g.group, as_of),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[Object]
impl CoverageQuery {
    /// For every group and typing of the given families (default: the manager families) on the
    /// date asked for, and every requirement required there: covered, partly or missing, with
    /// what covers it and totals per family.
    async fn profile_coverage(
        &self,
        ctx: &Context<'_>,
        family_codes: Option<Vec<String>>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<CoverageReport> {
        let report = coverage::report(
            &*super::register(ctx).await?,
            family_codes.as_deref(),
            day_or_today(as_of),
        )
        .gql()?;
        Ok(to_graphql(report))
    }
}
