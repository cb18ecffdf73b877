//! The seed catalogue: every function group the public sources confirm, read from
//! `seed/groups.json` (data, not code; `seed/SOURCES.md` says what each record rests on).
//!
//! The file keeps official data as published: FUWASYS strings verbatim (double spaces, odd
//! grouping and all), named variants of a typing, and what is our inference (`familyInferred`,
//! `scalesInferred`, `illustrative` decisions) beside a `dataNote` saying why.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The seed catalogue file.
const FILE: &str = include_str!("../../../seed/groups.json");

/// The parsed file; a file that does not parse is a build-time mistake, caught by every test
/// that seeds.
static CATALOGUE: LazyLock<SeedCatalogue> = LazyLock::new(|| {
    serde_json::from_str(FILE).unwrap_or_else(|e| panic!("seed/groups.json: {e}"))
});

/// The seed catalogue.
pub fn catalogue() -> &'static SeedCatalogue {
    &CATALOGUE
}

/// `seed/groups.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedCatalogue {
    /// What the file is.
    pub about: String,
    /// The decisions versions rest on, by key.
    pub decisions: BTreeMap<String, DecisionSeed>,
    /// The groups, in catalogue order (family, then lowest scale).
    pub groups: Vec<GroupSeed>,
}

impl SeedCatalogue {
    /// The decision `key` names.
    ///
    /// # Panics
    /// When the file names a decision it does not define (a test seeds every group).
    pub fn decision(&self, key: &str) -> &DecisionSeed {
        self.decisions
            .get(key)
            .unwrap_or_else(|| panic!("seed/groups.json: unknown decision {key}"))
    }
}

/// A decision a version rests on, with its period.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionSeed {
    /// The decision, as the version log or the news names it.
    pub reference: String,
    /// Where to check it.
    pub url: String,
    /// The date of the decision, where known.
    pub decided_on: Option<String>,
    /// The first day the version it dates is in effect (may differ from `decided_on`).
    pub effective_from: String,
    /// True when the period is our inference rather than a stated fact.
    pub illustrative: bool,
    /// What about the period is inferred or unknown.
    pub note: Option<String>,
}

/// A function group to seed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupSeed {
    /// Stable code.
    pub code: String,
    /// Official name, as published.
    pub name: String,
    /// The family's code.
    pub family: String,
    /// True when no official page states the family.
    pub family_inferred: bool,
    /// Official one-line description.
    pub description: Option<String>,
    /// Lowest scale.
    pub scale_min: i32,
    /// Highest scale.
    pub scale_max: i32,
    /// True when the range is not stated in full on an official page.
    pub scales_inferred: bool,
    /// Werk- en denkniveau, comma-separated codes.
    pub work_levels: Option<String>,
    /// Id on the FGR site.
    pub fgr_site_id: Option<i32>,
    /// Date added to the FGR, where known.
    pub added_on: Option<String>,
    /// The main source page.
    pub source_url: String,
    /// Every page the record rests on.
    pub sources: Vec<String>,
    /// What is missing, uncertain or inferred.
    pub data_note: Option<String>,
    /// Its versions, oldest first.
    pub versions: Vec<VersionSeed>,
}

/// A version of a group.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VersionSeed {
    /// The key of its decision in [`SeedCatalogue::decisions`].
    pub decision: String,
    /// A remark on this version.
    pub note: Option<String>,
    /// Competence names of the core profile.
    pub competences: Vec<String>,
    /// Where the competence names are published.
    pub competence_source: Option<String>,
    /// Typings with published content; scales of the range without one get an empty typing.
    pub typings: Vec<TypingSeed>,
}

/// A typing (or one named variant of a typing) as published.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TypingSeed {
    /// The salary scale the typing describes (1–19), within the group's range.
    pub scale: i32,
    /// The variant's number ("Variant 1" is 1), when the scale has several typings.
    pub variant: Option<i32>,
    /// The variant's name as published.
    pub variant_name: Option<String>,
    /// The FUWASYS string verbatim as published, total included: `44443 44434 43 43 (52)`.
    pub fuwasys: Option<String>,
    /// Where it is published.
    pub source_url: String,
    /// A remark on this typing.
    pub note: Option<String>,
    /// Confirmed fragments of the typing text: section code, sub-category, text.
    pub items: Vec<(String, Option<String>, String)>,
}
