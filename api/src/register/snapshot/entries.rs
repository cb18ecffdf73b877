//! The entries a snapshot holds (a group's history and its versions, requirements, clauses,
//! formats, rating scales) and the [`Parts`] it is built from: the data the loader fills in,
//! apart from the indexes [`Register`](super::Register) keeps over it.

use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::{
    abd_rule_version, appraisal_format, appraisal_format_version, competence, decision_log,
    declared_total, function_group, group_version, job_family, rating_scale, requirement_coverage,
    requirement_scope, responsibility_requirement, source_document, vacancy_clause,
    vacancy_clause_version,
};

use crate::domain::appraisal::{FormatContent, Level};
use crate::domain::profiles::{CoreProfileContent, TypingContent};
use crate::domain::temporal::{Period, Timeline};

/// One version of a group with everything in it.
#[derive(Debug, Clone)]
pub struct GroupVersionEntry {
    /// The version row.
    pub version: group_version::Model,
    /// Its typings, sorted by scale and, within a scale, by variant.
    pub typings: Vec<TypingContent>,
    /// Its core profile, if it has one.
    pub core_profile: Option<CoreProfileContent>,
    /// Where its content covers requirements.
    pub coverage: Vec<requirement_coverage::Model>,
}

impl GroupVersionEntry {
    /// The positions of the typings at `scale` in [`Self::typings`]: its only typing, or its
    /// named variants in order.
    pub fn typings_at(&self, scale: i32) -> std::ops::Range<usize> {
        let start = self.typings.partition_point(|t| t.typing.scale < scale);
        let end = self.typings.partition_point(|t| t.typing.scale <= scale);
        start..end
    }

    /// The position of the typing at `scale`: `variant` picks one of its named variants;
    /// without it, the scale's only typing or, when it has variants, the first.
    pub fn typing_index(&self, scale: i32, variant: Option<i32>) -> Option<usize> {
        let mut at = self.typings_at(scale);
        match variant {
            None => at.next(),
            Some(v) => at.find(|i| self.typings[*i].typing.variant_no == v),
        }
    }
}

/// An entry is in effect when its version row is.
macro_rules! period_of_entry {
    ($($entry:ty),+) => {$(
        impl Period for $entry {
            fn effective_from(&self) -> NaiveDate { self.version.effective_from() }
            fn effective_to(&self) -> Option<NaiveDate> { self.version.effective_to() }
            fn number(&self) -> i32 { self.version.number() }
        }
    )+};
}
period_of_entry!(Arc<GroupVersionEntry>, FormatVersionEntry);

/// A group and all its versions.
#[derive(Debug, Clone)]
pub struct GroupHistory {
    /// The group row.
    pub group: function_group::Model,
    /// Its versions.
    pub versions: Timeline<Arc<GroupVersionEntry>>,
}

/// A requirement and where it is required.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// The requirement row.
    pub model: responsibility_requirement::Model,
    /// The families and groups where it is required.
    pub scopes: Vec<requirement_scope::Model>,
}

impl Requirement {
    /// Whether it is required in `group` (through the group's family or the group itself).
    pub fn required_in(&self, group: &function_group::Model) -> bool {
        self.scopes
            .iter()
            .any(|s| s.family_id == Some(group.family_id) || s.group_id == Some(group.id))
    }

    /// Whether it applies on `day` (a requirement without a date always applies).
    pub fn applies_on(&self, day: NaiveDate) -> bool {
        crate::domain::requirements::applies_on(&self.model, day)
    }
}

/// A vacancy clause and all its versions.
#[derive(Debug, Clone)]
pub struct ClauseHistory {
    /// The clause row.
    pub clause: vacancy_clause::Model,
    /// Its versions.
    pub versions: Timeline<vacancy_clause_version::Model>,
}

/// A version of an appraisal format with its content read.
#[derive(Debug, Clone)]
pub struct FormatVersionEntry {
    /// The version row.
    pub version: appraisal_format_version::Model,
    /// Its sections and criteria.
    pub content: FormatContent,
}

/// An appraisal format and all its versions.
#[derive(Debug, Clone)]
pub struct FormatHistory {
    /// The format row.
    pub format: appraisal_format::Model,
    /// Its versions.
    pub versions: Timeline<FormatVersionEntry>,
}

/// A rating scale with its levels read.
#[derive(Debug, Clone)]
pub struct RatingScale {
    /// The scale row.
    pub model: rating_scale::Model,
    /// Its levels, highest first.
    pub levels: Vec<Level>,
}

/// Everything a snapshot is made of, before indexing.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Families (any order).
    pub families: Vec<Arc<job_family::Model>>,
    /// Groups with their histories (any order).
    pub groups: Vec<Arc<GroupHistory>>,
    /// Requirements (any order).
    pub requirements: Vec<Arc<Requirement>>,
    /// Competences (any order).
    pub competences: Vec<Arc<competence::Model>>,
    /// Clauses (any order).
    pub clauses: Vec<Arc<ClauseHistory>>,
    /// Formats (any order).
    pub formats: Vec<Arc<FormatHistory>>,
    /// Rating scales.
    pub rating_scales: Vec<Arc<RatingScale>>,
    /// The published decision log (any order).
    pub decisions: Vec<Arc<decision_log::Model>>,
    /// Source documents (any order).
    pub sources: Vec<Arc<source_document::Model>>,
    /// The catalogue's declared totals (any order).
    pub declared_totals: Vec<declared_total::Model>,
    /// The versions of the ABD membership rule (any order).
    pub abd_rule: Vec<abd_rule_version::Model>,
}
