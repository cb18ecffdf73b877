//! Function groups (functiegroepen) and the version of their content in effect on a date.

use std::collections::HashMap;

use chrono::NaiveDate;
use fgr_entities::{function_group, group_version, job_family};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::search;
use crate::error::{DomainError, DomainResult};

/// The lowest salary scale in the FGR.
pub const MIN_SCALE: i32 = 1;
/// The highest salary scale in the FGR (Topmanager-generaal, niveau 19).
pub const MAX_SCALE: i32 = 19;

/// A group together with the version of its content that is in effect on the date asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionedGroup {
    /// The group's identity and scale range.
    pub group: function_group::Model,
    /// The version in effect.
    pub version: group_version::Model,
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
    /// Name.
    Name,
    /// Code.
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

/// The condition "this version is in effect on `day`".
fn version_in_effect(day: NaiveDate) -> Condition {
    Condition::all()
        .add(group_version::Column::EffectiveFrom.lte(day))
        .add(
            Condition::any()
                .add(group_version::Column::EffectiveTo.is_null())
                .add(group_version::Column::EffectiveTo.gt(day)),
        )
}

/// `function_group.id IN (groups with a version in effect on day)`.
fn has_version_on(day: NaiveDate) -> SimpleExpr {
    function_group::Column::Id.in_subquery(
        Query::select()
            .column(group_version::Column::GroupId)
            .from(group_version::Entity)
            .cond_where(version_in_effect(day))
            .to_owned(),
    )
}

/// `function_group.family_id IN (families matching cond)`.
fn family_matches(cond: SimpleExpr) -> SimpleExpr {
    function_group::Column::FamilyId.in_subquery(
        Query::select()
            .column(job_family::Column::Id)
            .from(job_family::Entity)
            .and_where(cond)
            .to_owned(),
    )
}

fn filter_condition(filter: &GroupFilter, day: NaiveDate) -> DomainResult<Condition> {
    let mut cond = Condition::all().add(has_version_on(day));
    if let Some(code) = &filter.family_code {
        cond = cond.add(family_matches(job_family::Column::Code.eq(code.as_str())));
    }
    if filter.manager_families_only {
        cond = cond.add(family_matches(job_family::Column::ManagerFamily.eq(true)));
    }
    if let Some(scale) = filter.scale {
        validate_scale("filter.scale", scale)?;
        cond = cond
            .add(function_group::Column::ScaleMin.lte(scale))
            .add(function_group::Column::ScaleMax.gte(scale));
    }
    if let Some(text) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if text.chars().count() > 200 {
            return Err(DomainError::bad_input(
                "filter.search",
                "zoektekst is langer dan 200 tekens",
            ));
        }
        cond = cond.add(
            Expr::col((function_group::Entity, function_group::Column::SearchText))
                .like(LikeExpr::new(search::like_pattern(text)).escape(search::LIKE_ESCAPE)),
        );
    }
    Ok(cond)
}

/// One page of groups matching `filter` that exist on `day`, with the total count.
///
/// # Errors
/// `BAD_USER_INPUT` for a bad filter; `INTERNAL` when the database fails.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &GroupFilter,
    order: GroupOrder,
    day: NaiveDate,
    offset: u64,
    limit: u64,
) -> DomainResult<(Vec<VersionedGroup>, u64)> {
    let cond = filter_condition(filter, day)?;
    let total = function_group::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let direction = if order.descending {
        sea_orm::Order::Desc
    } else {
        sea_orm::Order::Asc
    };
    let mut query = function_group::Entity::find().filter(cond);
    query = match order.field {
        GroupOrderField::Family => query
            .order_by(
                Expr::cust("(SELECT sort_order FROM job_family WHERE job_family.id = function_group.family_id)"),
                direction.clone(),
            )
            .order_by(function_group::Column::SortOrder, direction.clone()),
        GroupOrderField::Name => query.order_by(function_group::Column::Name, direction.clone()),
        GroupOrderField::Code => query.order_by(function_group::Column::Code, direction.clone()),
        GroupOrderField::Scale => query
            .order_by(function_group::Column::ScaleMin, direction.clone())
            .order_by(function_group::Column::ScaleMax, direction.clone()),
    };
    let groups = query
        .order_by(function_group::Column::Id, direction)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    let rows = attach_versions(db, groups, day).await?;
    Ok((rows, total))
}

/// Pairs each group with its version in effect on `day` (one statement); groups without one are
/// dropped.
async fn attach_versions(
    db: &impl ConnectionTrait,
    groups: Vec<function_group::Model>,
    day: NaiveDate,
) -> DomainResult<Vec<VersionedGroup>> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let mut versions: HashMap<i32, group_version::Model> = group_version::Entity::find()
        .filter(group_version::Column::GroupId.is_in(groups.iter().map(|g| g.id)))
        .filter(version_in_effect(day))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.group_id, v))
        .collect();
    Ok(groups
        .into_iter()
        .filter_map(|group| {
            versions
                .remove(&group.id)
                .map(|version| VersionedGroup { group, version })
        })
        .collect())
}

/// The group with this code as it stands on `day`; `None` when it does not exist then.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn by_code_at(
    db: &impl ConnectionTrait,
    code: &str,
    day: NaiveDate,
) -> DomainResult<Option<VersionedGroup>> {
    let group = function_group::Entity::find()
        .filter(function_group::Column::Code.eq(code))
        .all(db)
        .await?;
    Ok(attach_versions(db, group, day).await?.pop())
}

/// The group with this id as it stands on `day`.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn by_id_at(
    db: &impl ConnectionTrait,
    id: i32,
    day: NaiveDate,
) -> DomainResult<Option<VersionedGroup>> {
    let group = function_group::Entity::find_by_id(id).all(db).await?;
    Ok(attach_versions(db, group, day).await?.pop())
}

/// The groups of each family that exist on `day`, in official order (two statements).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn in_families_at(
    db: &impl ConnectionTrait,
    family_ids: &[i32],
    day: NaiveDate,
) -> DomainResult<HashMap<i32, Vec<VersionedGroup>>> {
    let groups = function_group::Entity::find()
        .filter(function_group::Column::FamilyId.is_in(family_ids.iter().copied()))
        .filter(has_version_on(day))
        .order_by_asc(function_group::Column::SortOrder)
        .order_by_asc(function_group::Column::Id)
        .all(db)
        .await?;
    let mut by_family: HashMap<i32, Vec<VersionedGroup>> = HashMap::new();
    for row in attach_versions(db, groups, day).await? {
        by_family.entry(row.group.family_id).or_default().push(row);
    }
    Ok(by_family)
}

/// Every version of each group, oldest first (one statement).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn versions_of(
    db: &impl ConnectionTrait,
    group_ids: &[i32],
) -> DomainResult<HashMap<i32, Vec<group_version::Model>>> {
    let mut by_group: HashMap<i32, Vec<group_version::Model>> = HashMap::new();
    for v in group_version::Entity::find()
        .filter(group_version::Column::GroupId.is_in(group_ids.iter().copied()))
        .order_by_asc(group_version::Column::VersionNo)
        .all(db)
        .await?
    {
        by_group.entry(v.group_id).or_default().push(v);
    }
    Ok(by_group)
}

/// The groups with these ids (one statement), regardless of date.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> DomainResult<HashMap<i32, function_group::Model>> {
    Ok(function_group::Entity::find()
        .filter(function_group::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect())
}
