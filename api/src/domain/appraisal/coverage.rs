//! Whether the manager formats in effect appraise every responsibility required of managers,
//! format by format, for the coverage report.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{in_effect, Audience, CriterionContent, FormatVersion};
use crate::register::{Register, Requirement};

/// For one manager format in effect: each responsibility required of managers, and the criteria
/// that appraise it (none: missing).
#[derive(Debug, Clone)]
pub struct FormatCoverage<'a> {
    /// The format and version.
    pub format: FormatVersion<'a>,
    /// Requirement → the criteria that appraise it.
    pub requirements: Vec<(Arc<Requirement>, Vec<&'a CriterionContent>)>,
}

/// Whether the manager formats in effect on `day` appraise every requirement required in the
/// manager families then.
pub fn format_coverage(
    register: &Register,
    day: NaiveDate,
) -> (Vec<Arc<Requirement>>, Vec<FormatCoverage<'_>>) {
    let required: Vec<Arc<Requirement>> = register
        .requirements()
        .iter()
        .filter(|r| r.applies_on(day))
        .filter(|r| {
            r.scopes.iter().any(|s| {
                s.family_id
                    .and_then(|f| register.family(f))
                    .is_some_and(|f| f.manager_family)
            })
        })
        .cloned()
        .collect();
    let mut out = Vec::new();
    for f in in_effect(register, day) {
        if !Audience::of(f.version).is_managers() {
            continue;
        }
        let rows = required
            .iter()
            .map(|r| {
                let by: Vec<&CriterionContent> = f
                    .content
                    .sections
                    .iter()
                    .flat_map(|s| s.criteria.iter())
                    .filter(|c| {
                        c.appraises
                            .as_ref()
                            .and_then(|a| a.requirement_code.as_ref())
                            == Some(&r.model.code)
                    })
                    .collect();
                (r.clone(), by)
            })
            .collect();
        out.push(FormatCoverage {
            format: f,
            requirements: rows,
        });
    }
    (required, out)
}
