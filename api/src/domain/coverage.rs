//! The committee's question: do the manager profiles cover each required responsibility? For
//! every group (and each of its typings) in the chosen families, on a date, and every requirement
//! required there: covered, partly covered (some typings) or missing — with totals per family.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::{job_family, requirement_coverage};

use super::groups::{self, VersionedGroup};
use crate::error::{DomainError, DomainResult};
use crate::register::{Register, Requirement};

/// How well one group version covers one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every typing of the group covers it (or the core profile does).
    Covered,
    /// Some typings cover it, others do not.
    Partial,
    /// Nothing in the group's profile covers it.
    Missing,
}

impl Status {
    /// The code used in exports.
    pub fn code(self) -> &'static str {
        match self {
            Self::Covered => "COVERED",
            Self::Partial => "PARTIAL",
            Self::Missing => "MISSING",
        }
    }
}

/// One group × requirement cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The requirement.
    pub requirement: Arc<Requirement>,
    /// Covered, partly or not.
    pub status: Status,
    /// Each typing's scale and whether it covers the requirement.
    pub typings: Vec<(i32, bool)>,
    /// The coverage links that count.
    pub covered_by: Vec<requirement_coverage::Model>,
}

/// One group's row.
#[derive(Debug, Clone)]
pub struct GroupRow {
    /// The group and the version judged.
    pub group: VersionedGroup,
    /// A cell per requirement required in the group.
    pub cells: Vec<Cell>,
}

/// Counts over a family.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Groups judged.
    pub groups: usize,
    /// Group × requirement cells.
    pub checks: usize,
    /// Cells fully covered.
    pub covered: usize,
    /// Cells partly covered.
    pub partial: usize,
    /// Cells not covered.
    pub missing: usize,
    /// Typing × requirement checks.
    pub typing_checks: usize,
    /// Of which covered.
    pub typings_covered: usize,
}

/// One family's part of the report.
#[derive(Debug, Clone)]
pub struct FamilyRows {
    /// The family.
    pub family: Arc<job_family::Model>,
    /// Its groups in official order.
    pub groups: Vec<GroupRow>,
    /// Its totals.
    pub totals: Totals,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The date judged.
    pub as_of: NaiveDate,
    /// Per family.
    pub families: Vec<FamilyRows>,
}

/// Judges one group version (its typings' `scales` and coverage `links`) against the
/// requirements required in it.
pub fn judge(
    scales: &[i32],
    required: &[Arc<Requirement>],
    links: &[requirement_coverage::Model],
) -> Vec<Cell> {
    required
        .iter()
        .map(|requirement| {
            let covered_by: Vec<requirement_coverage::Model> = links
                .iter()
                .filter(|l| l.requirement_id == requirement.model.id)
                .cloned()
                .collect();
            let whole = covered_by.iter().any(|l| l.typing_scale.is_none());
            let by_scale: BTreeSet<i32> =
                covered_by.iter().filter_map(|l| l.typing_scale).collect();
            let typings: Vec<(i32, bool)> = scales
                .iter()
                .map(|s| (*s, whole || by_scale.contains(s)))
                .collect();
            let covered_count = typings.iter().filter(|(_, c)| *c).count();
            let status = if whole || (!typings.is_empty() && covered_count == typings.len()) {
                Status::Covered
            } else if covered_count > 0 || !covered_by.is_empty() {
                Status::Partial
            } else {
                Status::Missing
            };
            Cell {
                requirement: requirement.clone(),
                status,
                typings,
                covered_by,
            }
        })
        .collect()
}

/// The coverage report for the families with these codes (the manager families when `None`)
/// on `day`.
///
/// # Errors
/// `BAD_USER_INPUT` for an unknown family code.
pub fn report(
    register: &Register,
    family_codes: Option<&[String]>,
    day: NaiveDate,
) -> DomainResult<Report> {
    let all = register.families();
    let chosen: Vec<&Arc<job_family::Model>> = match family_codes {
        None => all.iter().filter(|f| f.manager_family).collect(),
        Some(codes) => {
            for code in codes {
                if register.family_by_code(code).is_none() {
                    return Err(DomainError::bad_input(
                        "familyCodes",
                        format!("onbekende functiefamilie '{code}'"),
                    ));
                }
            }
            all.iter().filter(|f| codes.contains(&f.code)).collect()
        }
    };
    let mut families_out = Vec::new();
    for family in chosen {
        let mut totals = Totals::default();
        let mut group_rows = Vec::new();
        for group in groups::in_family_at(register, family.id, day) {
            let mut scales: Vec<i32> = group.at.typings.iter().map(|t| t.typing.scale).collect();
            // Named variants share their scale: coverage is judged per scale.
            scales.dedup();
            let reqs: Vec<Arc<Requirement>> = register
                .requirements()
                .iter()
                .filter(|r| r.required_in(group.group()) && r.applies_on(day))
                .cloned()
                .collect();
            let cells = judge(&scales, &reqs, &group.at.coverage);
            totals.groups += 1;
            for cell in &cells {
                totals.checks += 1;
                match cell.status {
                    Status::Covered => totals.covered += 1,
                    Status::Partial => totals.partial += 1,
                    Status::Missing => totals.missing += 1,
                }
                totals.typing_checks += cell.typings.len();
                totals.typings_covered += cell.typings.iter().filter(|(_, c)| *c).count();
            }
            group_rows.push(GroupRow { group, cells });
        }
        families_out.push(FamilyRows {
            family: family.clone(),
            groups: group_rows,
            totals,
        });
    }
    Ok(Report {
        as_of: day,
        families: families_out,
    })
}

/// The report as CSV (RFC 4180), one line per group × requirement.
pub fn to_csv(report: &Report) -> String {
    use super::csv::field;
    let mut out = String::from(
        "as_of,family,group_code,group_name,version,requirement_code,status,typings_covered,typings_missing,covered_by\r\n",
    );
    for family in &report.families {
        for row in &family.groups {
            for cell in &row.cells {
                let list = |want: bool| {
                    cell.typings
                        .iter()
                        .filter(|(_, c)| *c == want)
                        .map(|(s, _)| s.to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let covered_by = cell
                    .covered_by
                    .iter()
                    .map(|l| l.location.clone())
                    .collect::<Vec<_>>()
                    .join(" | ");
                let line = [
                    report.as_of.to_string(),
                    family.family.name.clone(),
                    row.group.group().code.clone(),
                    row.group.group().name.clone(),
                    row.group.version().version_no.to_string(),
                    cell.requirement.model.code.clone(),
                    cell.status.code().to_owned(),
                    list(true),
                    list(false),
                    covered_by,
                ]
                .iter()
                .map(|f| field(f))
                .collect::<Vec<_>>()
                .join(",");
                out.push_str(&line);
                out.push_str("\r\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requirement(id: i32) -> Arc<Requirement> {
        Arc::new(Requirement {
            scopes: Vec::new(),
            model: fgr_entities::responsibility_requirement::Model {
                id,
                code: format!("R{id}"),
                title: "t".into(),
                text: "t".into(),
                theme: "SOCIAL_SAFETY".into(),
                source_reference: "s".into(),
                source_url: None,
                source_document_id: None,
                required_from: None,
                illustrative: false,
                sort_order: id,
            },
        })
    }

    fn link(requirement_id: i32, typing_scale: Option<i32>) -> requirement_coverage::Model {
        requirement_coverage::Model {
            id: 1,
            group_version_id: 1,
            requirement_id,
            typing_scale,
            location: "Typering, schaal 12, Resultaten".into(),
            quote: "q".into(),
            illustrative: true,
            note: None,
        }
    }

    #[test]
    fn a_core_profile_link_covers_every_typing_and_a_typing_link_only_its_own() {
        let reqs = [requirement(1), requirement(2), requirement(3)];
        let cells = judge(&[12, 13], &reqs, &[link(1, None), link(2, Some(12))]);
        assert_eq!(cells[0].status, Status::Covered);
        assert_eq!(cells[0].typings, [(12, true), (13, true)]);
        assert_eq!(cells[1].status, Status::Partial);
        assert_eq!(cells[1].typings, [(12, true), (13, false)]);
        assert_eq!(cells[2].status, Status::Missing);
    }

    #[test]
    fn csv_fields_with_commas_and_quotes_are_quoted() {
        let report = Report {
            as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            families: Vec::new(),
        };
        assert_eq!(
            to_csv(&report),
            "as_of,family,group_code,group_name,version,requirement_code,status,typings_covered,typings_missing,covered_by\r\n"
        );
    }
}
