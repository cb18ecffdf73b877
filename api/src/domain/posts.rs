//! A post: a function group at one scale, on a date; what vacancy clauses and appraisal
//! criteria are chosen for.

use chrono::NaiveDate;
use fgr_entities::{function_group, job_family};

use crate::error::{DomainError, DomainResult};
use crate::register::Register;

/// A post: a group at a scale.
#[derive(Debug, Clone)]
pub struct Post {
    /// Group code.
    pub group_code: String,
    /// Its family's code.
    pub family_code: String,
    /// Whether the family is a manager family.
    pub manager_family: bool,
    /// The salary scale, within the group's range (checked by [`post`]).
    pub scale: i32,
}

/// The post `group_code` at `scale` on `day`.
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist on that day; `BAD_USER_INPUT` for a scale outside
/// its range.
pub fn post(
    register: &Register,
    group_code: &str,
    scale: i32,
    day: NaiveDate,
) -> DomainResult<Post> {
    let (group, family) = group_and_family(register, group_code, day)?;
    if !(group.scale_min..=group.scale_max).contains(&scale) {
        return Err(DomainError::bad_input(
            "scale",
            format!(
                "{} kent schaal {} t/m {}, niet {scale}",
                group.name, group.scale_min, group.scale_max
            ),
        ));
    }
    Ok(Post {
        group_code: group.code.clone(),
        family_code: family.code.clone(),
        manager_family: family.manager_family,
        scale,
    })
}

/// Every post of `group_code` on `day`: one per scale of its range.
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist on that day.
pub fn posts_of_group(
    register: &Register,
    group_code: &str,
    day: NaiveDate,
) -> DomainResult<Vec<Post>> {
    let (group, family) = group_and_family(register, group_code, day)?;
    Ok((group.scale_min..=group.scale_max)
        .map(|scale| Post {
            group_code: group.code.clone(),
            family_code: family.code.clone(),
            manager_family: family.manager_family,
            scale,
        })
        .collect())
}

fn group_and_family<'a>(
    register: &'a Register,
    group_code: &str,
    day: NaiveDate,
) -> DomainResult<(&'a function_group::Model, &'a job_family::Model)> {
    let history = register
        .group_by_code(group_code)
        .filter(|h| h.versions.in_effect(day).is_some())
        .ok_or_else(|| DomainError::NotFound(format!("functiegroep {group_code} op {day}")))?;
    let family = register
        .family(history.group.family_id)
        .ok_or_else(|| DomainError::internal("group without family"))?;
    Ok((&history.group, family))
}
