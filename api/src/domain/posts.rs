//! A post: a function group at one scale, on a date; what vacancy clauses and appraisal
//! criteria are chosen for.

use chrono::NaiveDate;
use fgr_entities::{function_group, job_family};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::groups;
use crate::error::{DomainError, DomainResult};

/// A post: a group at a scale.
#[derive(Debug, Clone)]
pub struct Post {
    /// Group code.
    pub group_code: String,
    /// Its family's code.
    pub family_code: String,
    /// Whether the family is a manager family.
    pub manager_family: bool,
    /// Scale.
    pub scale: i32,
}

/// The post `group_code` at `scale` on `day`.
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist on that day; `BAD_USER_INPUT` for a scale outside
/// its range.
pub async fn post(
    db: &impl ConnectionTrait,
    group_code: &str,
    scale: i32,
    day: NaiveDate,
) -> DomainResult<Post> {
    let (group, family) = group_and_family(db, group_code, day).await?;
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
        group_code: group.code,
        family_code: family.code,
        manager_family: family.manager_family,
        scale,
    })
}

/// Every post of `group_code` on `day`: one per scale of its range (two statements).
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist on that day.
pub async fn posts_of_group(
    db: &impl ConnectionTrait,
    group_code: &str,
    day: NaiveDate,
) -> DomainResult<Vec<Post>> {
    let (group, family) = group_and_family(db, group_code, day).await?;
    Ok((group.scale_min..=group.scale_max)
        .map(|scale| Post {
            group_code: group.code.clone(),
            family_code: family.code.clone(),
            manager_family: family.manager_family,
            scale,
        })
        .collect())
}

async fn group_and_family(
    db: &impl ConnectionTrait,
    group_code: &str,
    day: NaiveDate,
) -> DomainResult<(function_group::Model, job_family::Model)> {
    let group = groups::by_code_at(db, group_code, day)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("functiegroep {group_code} op {day}")))?
        .group;
    let family = job_family::Entity::find_by_id(group.family_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::internal("group without family"))?;
    Ok((group, family))
}
