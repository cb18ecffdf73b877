//! One immutable snapshot of the whole versioned register: every version of every group (with its
//! typings, core profile and coverage), requirements with their scopes, competences, vacancy
//! clauses, appraisal formats with their parsed content, rating scales with their levels, and the
//! published decision log. Readers hold an `Arc<Register>` for a whole request, so one request
//! sees one state of the register.
//!
//! Lookups and why these structures (the content is small and read-mostly; a change replaces
//! whole entries):
//! - by code (groups, families, clauses, formats): `HashMap<String, usize>` into a `Vec` kept in
//!   listing order, so a listing is a walk of the `Vec` and a lookup is one hash;
//! - by family: a `Vec` of group positions per family, in official order;
//! - by date: each history is a [`Timeline`] (versions by number plus an index by start date):
//!   a binary search, whatever the length of the history;
//! - by (group, scale): a version's typings are sorted by scale: a binary search;
//! - by id (global ids of `node`): `HashMap<i32, …>`.
//!
//! Entries are `Arc`s, so the next snapshot after a change shares every entry the change did not
//! touch: patching costs a re-index of pointers, not a copy of the content.

mod entries;
mod groups;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use fgr_entities::{
    abd_rule_version, competence, decision_log, declared_total, job_family, source_document,
};

use crate::domain::temporal::Timeline;
pub use entries::{
    ClauseHistory, FormatHistory, FormatVersionEntry, GroupHistory, GroupVersionEntry, Parts,
    RatingScale, Requirement,
};
use groups::GroupIndex;
pub use groups::InEffect;

/// The register as it stood at one position of the change feed.
#[derive(Debug, Default)]
pub struct Register {
    revision: i64,
    parts: Parts,
    family_by_id: HashMap<i32, usize>,
    family_by_code: HashMap<String, usize>,
    /// The groups and their indexes: shared with the next snapshot when a change leaves every
    /// group as it was (a clause revision at ×100 then re-indexes nothing of 4,400 groups).
    groups: Arc<GroupIndex>,
    requirement_by_id: HashMap<i32, usize>,
    competence_by_id: HashMap<i32, usize>,
    clause_by_code: HashMap<String, usize>,
    format_by_code: HashMap<String, usize>,
    scale_by_code: BTreeMap<String, usize>,
    abd_rule: Timeline<abd_rule_version::Model>,
}

impl Register {
    /// The revision of a register not read yet: no feed position is ever negative.
    pub const UNLOADED: i64 = -1;

    /// A register not read from the database yet.
    pub fn unloaded() -> Self {
        Self {
            revision: Self::UNLOADED,
            ..Self::default()
        }
    }

    /// Indexes `parts` as the register at feed position `revision`; sorts every list into its
    /// listing order.
    pub fn new(parts: Parts, revision: i64) -> Self {
        Self::build(parts, revision, None)
    }

    /// Like [`Register::new`] for a change that left every group as it is in `previous`
    /// (`parts.groups` is not read): the groups, their indexes and the in-effect listing are
    /// shared with `previous` when the families' order is the same too, else indexed afresh.
    pub fn with_groups_of(parts: Parts, revision: i64, previous: &Register) -> Self {
        Self::build(parts, revision, Some(previous))
    }

    fn build(mut parts: Parts, revision: i64, previous: Option<&Register>) -> Self {
        parts.families.sort_by_key(|f| (f.sort_order, f.id));
        parts.declared_totals.sort_by_key(|t| (t.sort_order, t.id));
        parts.sources.sort_by(|a, b| a.code.cmp(&b.code));
        let abd_rule = Timeline::new(parts.abd_rule.clone());
        let family_by_id: HashMap<i32, usize> = parts
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id, i))
            .collect();
        let same_families = |previous: &Register| {
            previous.parts.families.len() == parts.families.len()
                && previous
                    .parts
                    .families
                    .iter()
                    .zip(&parts.families)
                    .all(|(a, b)| a.id == b.id)
        };
        let groups = match previous {
            Some(previous) if same_families(previous) => previous.groups.clone(),
            Some(previous) => Arc::new(GroupIndex::new(previous.groups().to_vec(), &family_by_id)),
            None => Arc::new(GroupIndex::new(
                std::mem::take(&mut parts.groups),
                &family_by_id,
            )),
        };
        parts.groups = Vec::new();
        parts
            .requirements
            .sort_by_key(|r| (r.model.sort_order, r.model.id));
        parts
            .competences
            .sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        parts
            .clauses
            .sort_by(|a, b| a.clause.code.cmp(&b.clause.code));
        parts
            .formats
            .sort_by(|a, b| a.format.code.cmp(&b.format.code));
        parts
            .rating_scales
            .sort_by(|a, b| a.model.code.cmp(&b.model.code));
        parts.decisions.sort_by_key(|d| (d.decided_on, d.id));

        Self {
            revision,
            family_by_code: parts
                .families
                .iter()
                .enumerate()
                .map(|(i, f)| (f.code.clone(), i))
                .collect(),
            family_by_id,
            groups,
            requirement_by_id: parts
                .requirements
                .iter()
                .enumerate()
                .map(|(i, r)| (r.model.id, i))
                .collect(),
            competence_by_id: parts
                .competences
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i))
                .collect(),
            clause_by_code: parts
                .clauses
                .iter()
                .enumerate()
                .map(|(i, c)| (c.clause.code.clone(), i))
                .collect(),
            format_by_code: parts
                .formats
                .iter()
                .enumerate()
                .map(|(i, f)| (f.format.code.clone(), i))
                .collect(),
            abd_rule,
            scale_by_code: parts
                .rating_scales
                .iter()
                .enumerate()
                .map(|(i, s)| (s.model.code.clone(), i))
                .collect(),
            parts,
        }
    }

    /// The change-feed position this snapshot reflects: every event up to it, none after.
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// What this snapshot is made of besides its groups ([`Register::groups`]), for building
    /// the next one.
    pub fn parts(&self) -> &Parts {
        &self.parts
    }

    /// Families in official order.
    pub fn families(&self) -> &[Arc<job_family::Model>] {
        &self.parts.families
    }

    /// The family with this id.
    pub fn family(&self, id: i32) -> Option<&Arc<job_family::Model>> {
        self.family_by_id.get(&id).map(|i| &self.parts.families[*i])
    }

    /// The family with this code.
    pub fn family_by_code(&self, code: &str) -> Option<&Arc<job_family::Model>> {
        self.family_by_code
            .get(code)
            .map(|i| &self.parts.families[*i])
    }

    /// Requirements in listing order.
    pub fn requirements(&self) -> &[Arc<Requirement>] {
        &self.parts.requirements
    }

    /// The requirement with this id.
    pub fn requirement(&self, id: i32) -> Option<&Arc<Requirement>> {
        self.requirement_by_id
            .get(&id)
            .map(|i| &self.parts.requirements[*i])
    }

    /// Competences by name.
    pub fn competences(&self) -> &[Arc<competence::Model>] {
        &self.parts.competences
    }

    /// The competence with this id.
    pub fn competence(&self, id: i32) -> Option<&Arc<competence::Model>> {
        self.competence_by_id
            .get(&id)
            .map(|i| &self.parts.competences[*i])
    }

    /// Clauses by code.
    pub fn clauses(&self) -> &[Arc<ClauseHistory>] {
        &self.parts.clauses
    }

    /// The clause with this code.
    pub fn clause(&self, code: &str) -> Option<&Arc<ClauseHistory>> {
        self.clause_by_code
            .get(code)
            .map(|i| &self.parts.clauses[*i])
    }

    /// Formats by code.
    pub fn formats(&self) -> &[Arc<FormatHistory>] {
        &self.parts.formats
    }

    /// The format with this code.
    pub fn format(&self, code: &str) -> Option<&Arc<FormatHistory>> {
        self.format_by_code
            .get(code)
            .map(|i| &self.parts.formats[*i])
    }

    /// Rating scales by code.
    pub fn rating_scales(&self) -> &[Arc<RatingScale>] {
        &self.parts.rating_scales
    }

    /// The rating scale with this code.
    pub fn rating_scale(&self, code: &str) -> Option<&Arc<RatingScale>> {
        self.scale_by_code
            .get(code)
            .map(|i| &self.parts.rating_scales[*i])
    }

    /// The published decision log, oldest first.
    pub fn decisions(&self) -> &[Arc<decision_log::Model>] {
        &self.parts.decisions
    }

    /// Source documents, by code.
    pub fn sources(&self) -> &[Arc<source_document::Model>] {
        &self.parts.sources
    }

    /// The source document with this id.
    pub fn source(&self, id: i32) -> Option<&Arc<source_document::Model>> {
        self.parts.sources.iter().find(|s| s.id == id)
    }

    /// The catalogue's declared totals, in listing order.
    pub fn declared_totals(&self) -> &[declared_total::Model] {
        &self.parts.declared_totals
    }

    /// The versions of the ABD membership rule.
    pub fn abd_rule(&self) -> &Timeline<abd_rule_version::Model> {
        &self.abd_rule
    }
}
