//! The whole library, every clause with every version, as JSON or CSV for `fgr clauses export`;
//! the rules are described with the ABD rule in force today.

use serde_json::json;

use super::{applicability_of, audited};
use crate::domain::{abd, dates};
use crate::register::Register;

/// The whole library, every clause with every version, as JSON (for archiving and for sites
/// that mirror it).
///
pub fn export_json(register: &Register) -> serde_json::Value {
    let abd_min = abd::min_scale_on(register, dates::today());
    let clauses: Vec<serde_json::Value> = register
        .clauses()
        .iter()
        .map(|h| {
            json!({
                "code": h.clause.code,
                "versions": h.versions.all().iter().map(|v| {
                    let mut row = audited(v);
                    row["appliesTo"] = json!(applicability_of(v).describe(abd_min));
                    row["createdBy"] = json!(v.created_by);
                    row
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "exportedOn": dates::today().to_string(), "clauses": clauses })
}

/// The whole library as CSV, one line per version.
///
pub fn export_csv(register: &Register) -> String {
    use crate::domain::csv::record;
    let mut out = record(&[
        "code",
        "version",
        "effective_from",
        "effective_to",
        "title",
        "category",
        "section",
        "section_order",
        "mandatory",
        "applies_to",
        "scale_min",
        "scale_max",
        "manager_only",
        "abd_only",
        "family_codes",
        "group_codes",
        "text_nl",
        "text_en",
        "source_reference",
        "source_url",
        "illustrative",
        "created_by",
    ]);
    let opt = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    let abd_min = abd::min_scale_on(register, dates::today());
    for h in register.clauses() {
        let clause = &h.clause;
        for v in h.versions.all() {
            out.push_str(&record(&[
                clause.code.clone(),
                v.version_no.to_string(),
                v.effective_from.to_string(),
                v.effective_to.map(|d| d.to_string()).unwrap_or_default(),
                v.title.clone(),
                v.category.clone(),
                v.section.clone(),
                v.section_order.to_string(),
                v.mandatory.to_string(),
                applicability_of(v).describe(abd_min),
                opt(v.scale_min),
                opt(v.scale_max),
                v.manager_only.to_string(),
                v.abd_only.to_string(),
                v.family_codes.clone().unwrap_or_default(),
                v.group_codes.clone().unwrap_or_default(),
                v.text_nl.clone(),
                v.text_en.clone().unwrap_or_default(),
                v.source_reference.clone(),
                v.source_url.clone().unwrap_or_default(),
                v.illustrative.to_string(),
                v.created_by.clone(),
            ]));
        }
    }
    out
}
