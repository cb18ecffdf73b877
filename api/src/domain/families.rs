//! Job families (functiefamilies).

use std::collections::HashMap;

use fgr_entities::job_family;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::DomainResult;

/// All families in their official order.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<job_family::Model>> {
    Ok(job_family::Entity::find()
        .order_by_asc(job_family::Column::SortOrder)
        .order_by_asc(job_family::Column::Id)
        .all(db)
        .await?)
}

/// The family with this code, if any.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> DomainResult<Option<job_family::Model>> {
    Ok(job_family::Entity::find()
        .filter(job_family::Column::Code.eq(code))
        .one(db)
        .await?)
}

/// The families with these ids, by id, in one statement.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> DomainResult<HashMap<i32, job_family::Model>> {
    Ok(job_family::Entity::find()
        .filter(job_family::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}
