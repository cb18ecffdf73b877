//! Function groups (functiegroepen) and the version of their content in effect on a date.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::{function_group, group_version};

use super::search;
use crate::error::{DomainError, DomainResult};
use crate::register::{GroupHistory, GroupVersionEntry, Register};

/// The lowest salary scale in the FGR.
pub const MIN_SCALE: i32 = 1;
/// The highest salary scale in the FGR (Topmanager-generaal, niveau 19).
pub const MAX_SCALE: i32 = 19;

/// A group together with the version of its content that is in effect on the date asked for;
/// both shared with the snapshot they come from.
#[derive(Debug, Clone)]
pub struct VersionedGroup {
    /// The group with its whole history.
    pub history: Arc<GroupHistory>,
    /// The version in effect, with its content.
    pub at: Arc<GroupVersionEntry>,
}

impl VersionedGroup {
    /// `history` as it stands on `day`; `None` when no version is in effect then.
    pub fn on(history: &Arc<GroupHistory>, day: NaiveDate) -> Option<Self> {
        history.versions.in_effect(day).map(|at| Self {
            history: history.clone(),
            at: at.clone(),
        })
    }

    /// The group's identity and scale range.
    pub fn group(&self) -> &function_group::Model {
        &self.history.group
    }

    /// The version in effect.
    pub fn version(&self) -> &group_version::Model {
        &self.at.version
    }
}

/// Which groups to list.
#[derive(Debug, Clone, Default)]
pub struct GroupFilter {
    /// Only groups of the family with this code.
    pub family_code: Option<String>,
    /// Only groups whose scale range contains this scale.
    pub scale: Option<i32>,
    /// Only groups in the manager families.
    pub manager_families_only: bool,
    /// Only groups whose name, code or description contains this text (case and accents ignored).
    pub search: Option<String>,
}

/// What to sort groups by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupOrderField {
    /// Family order, then the group's order within its family (the official listing).
    #[default]
    Family,
    /// The name, on letters and digits only, case and accents ignored (`search::collate`).
    Name,
    /// The code, in plain character order (no case or accent folding).
    Code,
    /// Lowest scale, then highest.
    Scale,
}

/// A sort order for groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupOrder {
    /// The field.
    pub field: GroupOrderField,
    /// Descending instead of ascending.
    pub descending: bool,
}

/// Checks that `scale` is an FGR salary scale.
///
/// # Errors
/// `BAD_USER_INPUT` outside 1–19.
pub fn validate_scale(field: &str, scale: i32) -> DomainResult<()> {
    if (MIN_SCALE..=MAX_SCALE).contains(&scale) {
        Ok(())
    } else {
        Err(DomainError::bad_input(
            field,
            format!("schaal {scale} bestaat niet in het FGR (toegestaan: {MIN_SCALE}–{MAX_SCALE})"),
        ))
    }
}

/// `BAD_USER_INPUT` when `scale` is outside the group's range.
pub fn check_scale_in_range(row: &VersionedGroup, scale: i32) -> DomainResult<()> {
    let g = row.group();
    if (g.scale_min..=g.scale_max).contains(&scale) {
        Ok(())
    } else {
        Err(DomainError::bad_input(
            "scale",
            format!(
                "functiegroep {} kent schalen {}–{}, niet {scale}",
                g.name, g.scale_min, g.scale_max
            ),
        ))
    }
}

/// Checks the filter once, before any group is looked at.
fn check_filter(filter: &GroupFilter) -> DomainResult<Option<String>> {
    if let Some(scale) = filter.scale {
        validate_scale("filter.scale", scale)?;
    }
    let Some(text) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    if text.chars().count() > 200 {
        return Err(DomainError::bad_input(
            "filter.search",
            "zoektekst is langer dan 200 tekens",
        ));
    }
    Ok(Some(search::fold(text)))
}

/// One page of groups matching `filter` that exist on `day`, with the total count.
///
/// # Errors
/// `BAD_USER_INPUT` for a bad filter.
pub fn page(
    register: &Register,
    filter: &GroupFilter,
    order: GroupOrder,
    day: NaiveDate,
    offset: u64,
    limit: u64,
) -> DomainResult<(Vec<VersionedGroup>, u64)> {
    let folded = check_filter(filter)?;
    let family_id = match &filter.family_code {
        Some(code) => match register.family_by_code(code) {
            Some(f) => Some(f.id),
            None => return Ok((Vec::new(), 0)),
        },
        None => None,
    };
    let listed = register.groups_in_effect(day);
    let window = |len: usize| {
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(len);
        let end = start
            .saturating_add(usize::try_from(limit).unwrap_or(usize::MAX))
            .min(len);
        start..end
    };
    let unfiltered = family_id.is_none()
        && !filter.manager_families_only
        && filter.scale.is_none()
        && folded.is_none();
    if unfiltered && order.field == GroupOrderField::Family && !order.descending {
        // The official listing as it is: the page is a slice of it.
        let page = listed[window(listed.len())]
            .iter()
            .map(|(history, at)| VersionedGroup {
                history: history.clone(),
                at: at.clone(),
            })
            .collect();
        return Ok((page, listed.len() as u64));
    }
    // References first; only the page asked for is cloned out of the snapshot.
    let mut rows: Vec<(&Arc<GroupHistory>, &Arc<GroupVersionEntry>)> = listed
        .iter()
        .filter(|(h, _)| {
            let g = &h.group;
            family_id.is_none_or(|id| g.family_id == id)
                && (!filter.manager_families_only
                    || register
                        .family(g.family_id)
                        .is_some_and(|f| f.manager_family))
                && filter
                    .scale
                    .is_none_or(|s| (g.scale_min..=g.scale_max).contains(&s))
                && folded
                    .as_deref()
                    .is_none_or(|text| g.search_text.contains(text))
        })
        .map(|(h, v)| (h, v))
        .collect();
    // The snapshot lists groups in official (family) order already.
    let compare = |a: &(&Arc<GroupHistory>, _), b: &(&Arc<GroupHistory>, _)| -> Ordering {
        let (a, b) = (&a.0.group, &b.0.group);
        match order.field {
            GroupOrderField::Family => Ordering::Equal,
            GroupOrderField::Name => search::collate(&a.name, &b.name).then(a.id.cmp(&b.id)),
            GroupOrderField::Code => a.code.cmp(&b.code).then(a.id.cmp(&b.id)),
            GroupOrderField::Scale => {
                (a.scale_min, a.scale_max, a.id).cmp(&(b.scale_min, b.scale_max, b.id))
            }
        }
    };
    if order.field != GroupOrderField::Family {
        rows.sort_by(compare);
    }
    if order.descending {
        rows.reverse();
    }
    let total = rows.len() as u64;
    let page = rows[window(rows.len())]
        .iter()
        .map(|(history, at)| VersionedGroup {
            history: (*history).clone(),
            at: (*at).clone(),
        })
        .collect();
    Ok((page, total))
}

/// The group with this code as it stands on `day`; `None` when it does not exist then.
pub fn by_code_at(register: &Register, code: &str, day: NaiveDate) -> Option<VersionedGroup> {
    register
        .group_by_code(code)
        .and_then(|h| VersionedGroup::on(h, day))
}

/// The group with this id as it stands on `day`.
pub fn by_id_at(register: &Register, id: i32, day: NaiveDate) -> Option<VersionedGroup> {
    register.group(id).and_then(|h| VersionedGroup::on(h, day))
}

/// The groups of a family that exist on `day`, in official order.
pub fn in_family_at(register: &Register, family_id: i32, day: NaiveDate) -> Vec<VersionedGroup> {
    register
        .groups_of_family(family_id)
        .filter_map(|h| VersionedGroup::on(h, day))
        .collect()
}
