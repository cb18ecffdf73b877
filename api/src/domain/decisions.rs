//! The FGR's published version log: the owner's historical decisions.

use fgr_entities::decision_log;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::error::DomainResult;

/// The decisions, oldest first; only those concerning `group_code` when given.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(
    db: &impl ConnectionTrait,
    group_code: Option<&str>,
) -> DomainResult<Vec<decision_log::Model>> {
    let all = decision_log::Entity::find()
        .order_by_asc(decision_log::Column::DecidedOn)
        .order_by_asc(decision_log::Column::Id)
        .all(db)
        .await?;
    Ok(match group_code {
        None => all,
        Some(code) => all
            .into_iter()
            .filter(|d| {
                d.group_codes
                    .as_deref()
                    .is_some_and(|codes| codes.split(',').any(|c| c == code))
            })
            .collect(),
    })
}
