//! The groups of a snapshot in official order with their indexes (by code, id, family and typing
//! id, and the listing in effect on a day), and the lookups over them. They live apart because
//! one snapshot shares them with the next when a change leaves every group as it was.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{GroupHistory, GroupVersionEntry, Register};

/// Every group in official order, with the indexes into that order.
#[derive(Debug, Default)]
pub(super) struct GroupIndex {
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
    pub(super) fn new(
        mut groups: Vec<Arc<GroupHistory>>,
        family_by_id: &HashMap<i32, usize>,
    ) -> Self {
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
}
