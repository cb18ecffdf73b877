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

use std::collections::{BTreeMap, HashMap};
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

/// Every group in official order, with the indexes into that order.
#[derive(Debug, Default)]
struct GroupIndex {
    groups: Vec<Arc<GroupHistory>>,
    by_code: HashMap<String, usize>,
    by_id: HashMap<i32, usize>,
    of_family: HashMap<i32, Vec<usize>>,
    /// Typing id → (group, version number, position in the version's typings).
    typing_by_id: HashMap<i32, (usize, i32, usize)>,
    /// The groups in effect on the last day a listing asked for (almost always today), so that
    /// listing them does not look up every group's timeline on every request.
    in_effect: std::sync::Mutex<Option<(NaiveDate, InEffect)>>,
}

impl GroupIndex {
    /// Sorts `groups` into the official listing (family order, then the group's order within
    /// its family) and indexes them.
    fn new(mut groups: Vec<Arc<GroupHistory>>, family_by_id: &HashMap<i32, usize>) -> Self {
        let family_rank = |id: i32| family_by_id.get(&id).copied().unwrap_or(usize::MAX);
        groups.sort_by_key(|g| {
            (
                family_rank(g.group.family_id),
                g.group.sort_order,
                g.group.id,
            )
        });
        let mut of_family: HashMap<i32, Vec<usize>> = HashMap::new();
        let mut typing_by_id = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            of_family.entry(g.group.family_id).or_default().push(i);
            for v in g.versions.all() {
                for (n, t) in v.typings.iter().enumerate() {
                    typing_by_id.insert(t.typing.id, (i, v.version.version_no, n));
                }
            }
        }
        Self {
            by_code: groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.group.code.clone(), i))
                .collect(),
            by_id: groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.group.id, i))
                .collect(),
            of_family,
            typing_by_id,
            groups,
            in_effect: std::sync::Mutex::default(),
        }
    }
}

/// Groups as they stand on one day, in official order: each with the version then in effect.
pub type InEffect = Arc<[(Arc<GroupHistory>, Arc<GroupVersionEntry>)]>;

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

    /// Every group with its history, in official order.
    pub fn groups(&self) -> &[Arc<GroupHistory>] {
        &self.groups.groups
    }

    /// The groups that exist on `day`, in official order, each with the version then in effect.
    pub fn groups_in_effect(&self, day: NaiveDate) -> InEffect {
        let mut cached = self.groups.in_effect.lock().expect("in-effect cache lock");
        if let Some((on, groups)) = cached.as_ref() {
            if *on == day {
                return groups.clone();
            }
        }
        let groups: InEffect = self
            .groups
            .groups
            .iter()
            .filter_map(|h| h.versions.in_effect(day).map(|v| (h.clone(), v.clone())))
            .collect();
        *cached = Some((day, groups.clone()));
        groups
    }

    /// The group with this code.
    pub fn group_by_code(&self, code: &str) -> Option<&Arc<GroupHistory>> {
        self.groups
            .by_code
            .get(code)
            .map(|i| &self.groups.groups[*i])
    }

    /// The group with this id.
    pub fn group(&self, id: i32) -> Option<&Arc<GroupHistory>> {
        self.groups.by_id.get(&id).map(|i| &self.groups.groups[*i])
    }

    /// The groups of a family, in official order.
    pub fn groups_of_family(&self, family_id: i32) -> impl Iterator<Item = &Arc<GroupHistory>> {
        self.groups
            .of_family
            .get(&family_id)
            .into_iter()
            .flatten()
            .map(|i| &self.groups.groups[*i])
    }

    /// The typing with this id: its group, the version it belongs to, and its position in
    /// the version's typings.
    pub fn typing(&self, id: i32) -> Option<(&Arc<GroupHistory>, &Arc<GroupVersionEntry>, usize)> {
        let (group, number, index) = self.groups.typing_by_id.get(&id)?;
        let history = &self.groups.groups[*group];
        Some((history, history.versions.number(*number)?, *index))
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
