//! The catalogue exchange format: the whole catalogue as one versioned JSON document (families,
//! groups with every version and its content, the ABD rule, the declared totals and their
//! sources), documented by `schema/catalogue-v1.schema.json`, and a flat CSV of typings for
//! spreadsheets. FGR beheer exports it to archive or to move a register; the same document is
//! what an import will take.
//!
//! The document is deterministic: the same register gives the same bytes (no export time in it),
//! so two exports can be compared with `diff`.
//!
//! [`import`] takes the same document in.

pub mod import;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::content::{self, GroupContent};
use super::csv;
use super::temporal::Period;
use crate::register::Register;

/// The format's name and version; a reader refuses documents of another major version.
pub const FORMAT: &str = "fgr-catalogue/1";

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalogue {
    /// Always [`FORMAT`].
    pub format: String,
    /// With a date: only what was in effect then (one version per group). Without: everything.
    pub as_of: Option<NaiveDate>,
    /// The families, in official order.
    pub families: Vec<Family>,
    /// The responsibility requirements group content covers (`content.coverage`), in order.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// The groups, in official order.
    pub groups: Vec<Group>,
    /// The ABD membership rule's versions.
    pub abd_rule: Vec<AbdRuleVersion>,
    /// The totals official sources declare.
    pub declared_totals: Vec<DeclaredTotal>,
    /// The source documents those cite.
    pub sources: Vec<Source>,
}

/// A family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Family {
    /// Code, e.g. `LIJNMANAGEMENT`.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Official definition.
    pub definition: Option<String>,
    /// A manager family?
    pub manager_family: bool,
    /// The page the record rests on, e.g. the family's page on the FGR site.
    pub source_url: Option<String>,
    /// What is missing.
    pub data_note: Option<String>,
}

/// A responsibility requirement (from the minister's letter or another source).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    /// Code, e.g. `SOCIALE_VEILIGHEID_LEIDINGGEVENDEN`.
    pub code: String,
    /// Short title.
    pub title: String,
    /// The requirement's text.
    pub text: String,
    /// Theme, e.g. `SOCIAL_SAFETY`.
    pub theme: String,
    /// The source's citation.
    pub source_reference: String,
    /// Where to read it.
    pub source_url: Option<String>,
    /// The source document's code, when the register holds it.
    pub source: Option<String>,
    /// First day it is required.
    pub required_from: Option<NaiveDate>,
    /// Not confirmed by an official source.
    pub illustrative: bool,
    /// The families it applies to (codes).
    pub families: Vec<String>,
    /// The groups it applies to beside those families (codes).
    pub groups: Vec<String>,
}

/// A function group with its versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    /// Stable code, e.g. `MANAGER`; other records in the file name the group by it.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Its family's code.
    pub family: String,
    /// No official page states the family.
    pub family_inferred: bool,
    /// Official one-line description.
    pub description: Option<String>,
    /// Lowest scale.
    pub scale_min: i32,
    /// Highest scale.
    pub scale_max: i32,
    /// The range is not stated in full on an official page.
    pub scales_inferred: bool,
    /// Werk- en denkniveau codes.
    pub work_levels: Vec<String>,
    /// Id on the FGR site.
    pub fgr_site_id: Option<i32>,
    /// Date added to the FGR.
    pub added_on: Option<NaiveDate>,
    /// The main page the record rests on, e.g. the group's page on the FGR site.
    pub source_url: Option<String>,
    /// Not confirmed by an official source.
    pub illustrative: bool,
    /// What is missing, uncertain or inferred.
    pub data_note: Option<String>,
    /// Versions, oldest first.
    pub versions: Vec<GroupVersion>,
}

/// A version of a group with its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupVersion {
    /// 1, 2, …
    pub number: i32,
    /// First day in effect.
    pub effective_from: NaiveDate,
    /// First day no longer in effect.
    pub effective_to: Option<NaiveDate>,
    /// `SEED` or `DECISION`.
    pub provenance_kind: String,
    /// The decision.
    pub provenance_reference: Option<String>,
    /// Where to check it.
    pub provenance_url: Option<String>,
    /// The decision's date.
    pub decided_on: Option<NaiveDate>,
    /// The period is our inference.
    pub illustrative: bool,
    /// A remark.
    pub note: Option<String>,
    /// Core profile, typings (with variants and notes) and requirement coverage.
    pub content: GroupContent,
}

/// A version of the ABD rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AbdRuleVersion {
    /// 1, 2, …
    pub number: i32,
    /// First day in effect.
    pub effective_from: NaiveDate,
    /// First day no longer in effect.
    pub effective_to: Option<NaiveDate>,
    /// Posts from this scale up are ABD posts.
    pub min_scale: i32,
    /// The source document's code.
    pub source: Option<String>,
    /// The decision or document.
    pub reference: String,
    /// Where to check it.
    pub url: Option<String>,
    /// The decision's date.
    pub decided_on: Option<NaiveDate>,
    /// The period is our inference.
    pub illustrative: bool,
    /// A remark.
    pub note: Option<String>,
}

/// A declared total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeclaredTotal {
    /// Number of groups.
    pub count: i32,
    /// The source document's code.
    pub source: String,
    /// The source's words.
    pub quote: Option<String>,
    /// When it held.
    pub note: Option<String>,
}

/// A source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// Stable code, e.g. `KAMERBRIEF_2025_04_14`; `source` fields name the document by it.
    pub code: String,
    /// What it is.
    pub title: String,
    /// The official citation.
    pub reference: String,
    /// Where to read it.
    pub url: Option<String>,
    /// Its date.
    pub published_on: Option<NaiveDate>,
}

/// The JSON Schema of the format, as checked in at `schema/catalogue-v1.schema.json`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Catalogue)).unwrap_or_default()
}

/// The catalogue as the register holds it: everything, or with `as_of` only what was in effect
/// on that day.
pub fn export(register: &Register, as_of: Option<NaiveDate>) -> Catalogue {
    let source_code = |id: i32| register.source(id).map(|s| s.code.clone());
    let groups = register
        .groups()
        .iter()
        .filter_map(|h| {
            let versions: Vec<GroupVersion> = h
                .versions
                .all()
                .iter()
                .filter(|v| as_of.is_none_or(|day| v.in_effect_on(day)))
                .map(|v| GroupVersion {
                    number: v.version.version_no,
                    effective_from: v.version.effective_from,
                    effective_to: v.version.effective_to,
                    provenance_kind: v.version.provenance_kind.clone(),
                    provenance_reference: v.version.provenance_reference.clone(),
                    provenance_url: v.version.provenance_url.clone(),
                    decided_on: v.version.decided_on,
                    illustrative: v.version.illustrative,
                    note: v.version.note.clone(),
                    content: content::of_entry(register, v),
                })
                .collect();
            if versions.is_empty() {
                return None;
            }
            Some(Group {
                versions,
                ..group_of(register, h)
            })
        })
        .collect();
    Catalogue {
        format: FORMAT.to_owned(),
        as_of,
        families: register
            .families()
            .iter()
            .map(|f| Family {
                code: f.code.clone(),
                name: f.name.clone(),
                definition: f.definition.clone(),
                manager_family: f.manager_family,
                source_url: f.source_url.clone(),
                data_note: f.data_note.clone(),
            })
            .collect(),
        requirements: register
            .requirements()
            .iter()
            .map(|r| {
                let m = &r.model;
                Requirement {
                    code: m.code.clone(),
                    title: m.title.clone(),
                    text: m.text.clone(),
                    theme: m.theme.clone(),
                    source_reference: m.source_reference.clone(),
                    source_url: m.source_url.clone(),
                    source: m.source_document_id.and_then(source_code),
                    required_from: m.required_from,
                    illustrative: m.illustrative,
                    families: r
                        .scopes
                        .iter()
                        .filter_map(|s| s.family_id)
                        .filter_map(|id| register.family(id).map(|f| f.code.clone()))
                        .collect(),
                    groups: r
                        .scopes
                        .iter()
                        .filter_map(|s| s.group_id)
                        .filter_map(|id| register.group(id).map(|g| g.group.code.clone()))
                        .collect(),
                }
            })
            .collect(),
        groups,
        abd_rule: register
            .abd_rule()
            .all()
            .iter()
            .filter(|v| as_of.is_none_or(|day| v.in_effect_on(day)))
            .map(|v| AbdRuleVersion {
                number: v.version_no,
                effective_from: v.effective_from,
                effective_to: v.effective_to,
                min_scale: v.min_scale,
                source: v.source_document_id.and_then(source_code),
                reference: v.reference.clone(),
                url: v.url.clone(),
                decided_on: v.decided_on,
                illustrative: v.illustrative,
                note: v.note.clone(),
            })
            .collect(),
        declared_totals: register
            .declared_totals()
            .iter()
            .map(|t| DeclaredTotal {
                count: t.group_count,
                source: source_code(t.source_document_id).unwrap_or_default(),
                quote: t.quote.clone(),
                note: t.note.clone(),
            })
            .collect(),
        sources: register
            .sources()
            .iter()
            .map(|s| Source {
                code: s.code.clone(),
                title: s.title.clone(),
                reference: s.reference.clone(),
                url: s.url.clone(),
                published_on: s.published_on,
            })
            .collect(),
    }
}

/// A group's own fields (not versioned) as the format writes them, without versions.
pub(crate) fn group_of(register: &Register, h: &crate::register::GroupHistory) -> Group {
    let g = &h.group;
    Group {
        code: g.code.clone(),
        name: g.name.clone(),
        family: register
            .family(g.family_id)
            .map(|f| f.code.clone())
            .unwrap_or_default(),
        family_inferred: g.family_inferred,
        description: g.description.clone(),
        scale_min: g.scale_min,
        scale_max: g.scale_max,
        scales_inferred: g.scales_inferred,
        work_levels: work_levels(g),
        fgr_site_id: g.fgr_site_id,
        added_on: g.added_on,
        source_url: g.source_url.clone(),
        illustrative: g.illustrative,
        data_note: g.data_note.clone(),
        versions: Vec::new(),
    }
}

/// A group's werk- en denkniveau codes (stored comma-separated).
fn work_levels(g: &fgr_entities::function_group::Model) -> Vec<String> {
    g.work_levels
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The columns of [`typings_csv`].
pub const CSV_COLUMNS: [&str; 14] = [
    "family",
    "group_code",
    "group_name",
    "version",
    "effective_from",
    "effective_to",
    "scale",
    "variant",
    "variant_name",
    "fuwasys_scores",
    "fuwasys_total",
    "note",
    "family_inferred",
    "scales_inferred",
];

/// Every typing of the document, one line each (RFC 4180, CRLF), for spreadsheets.
pub fn typings_csv(catalogue: &Catalogue) -> String {
    let mut out = csv::record(&CSV_COLUMNS);
    let opt = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    for g in &catalogue.groups {
        for v in &g.versions {
            for t in &v.content.typings {
                out.push_str(&csv::record(&[
                    g.family.clone(),
                    g.code.clone(),
                    g.name.clone(),
                    v.number.to_string(),
                    v.effective_from.to_string(),
                    v.effective_to.map(|d| d.to_string()).unwrap_or_default(),
                    t.scale.to_string(),
                    opt(t.variant),
                    t.variant_name.clone().unwrap_or_default(),
                    t.fuwasys_scores.clone().unwrap_or_default(),
                    opt(t.fuwasys_total),
                    t.note.clone().unwrap_or_default(),
                    g.family_inferred.to_string(),
                    g.scales_inferred.to_string(),
                ]));
            }
        }
    }
    out
}
