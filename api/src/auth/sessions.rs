//! Server-side sessions in the database, so several server instances can share them and
//! signing out ends them everywhere.

use chrono::{NaiveDateTime, Utc};
use fgr_entities::session;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait,
};
use serde_json::json;

use super::{secrets, AuthConfig};
use crate::domain::access::{Person, Principal, Role};
use crate::domain::audit::{self, Actor, Change};
use crate::domain::tx;
use crate::error::DomainResult;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Starts a session for `person` who signed in `via` (`oidc`, `dev-login`), recording the
/// sign-in in the audit trail; the new cookie value (a fresh random id every sign-in).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn start<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    config: &AuthConfig,
    person: &Person,
    id_token: Option<String>,
    via: &str,
    request_id: &str,
) -> DomainResult<String> {
    let token = secrets::random_token();
    let now = now();
    let max = chrono::Duration::from_std(config.session_max).unwrap_or(chrono::Duration::hours(12));
    let txn = db.begin().await?;
    let result = async {
        session::ActiveModel {
            id: Set(secrets::hash(&token)),
            subject: Set(person.subject.clone()),
            display_name: Set(person.name.clone()),
            email: Set(person.email.clone()),
            roles: Set(person
                .roles
                .iter()
                .map(|r| r.code())
                .collect::<Vec<_>>()
                .join(",")),
            id_token: Set(id_token),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(now + max),
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            &Actor::of(&Principal::Person(person.clone())),
            request_id,
            Change {
                action: "session.start".into(),
                target_type: "person".into(),
                target_id: person.subject.clone(),
                before: None,
                after: Some(json!({
                    "via": via,
                    "roles": person.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
        Ok(())
    }
    .await;
    tx::finish(txn, result).await?;
    Ok(token)
}

/// The person whose session cookie this is, if the session is alive; ended sessions are deleted.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn resume(
    db: &impl ConnectionTrait,
    config: &AuthConfig,
    token: &str,
) -> DomainResult<Option<Person>> {
    let Some(row) = session::Entity::find_by_id(secrets::hash(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = now();
    let idle =
        chrono::Duration::from_std(config.session_idle).unwrap_or(chrono::Duration::minutes(30));
    if now >= row.expires_at || now >= row.last_seen_at + idle {
        session::Entity::delete_by_id(row.id).exec(db).await?;
        return Ok(None);
    }
    let person = Person {
        subject: row.subject.clone(),
        name: row.display_name.clone(),
        email: row.email.clone(),
        roles: row.roles.split(',').filter_map(Role::from_code).collect(),
    };
    // Touch at most once a minute, and at least four times per idle period, so a session in use
    // never ends for want of a touch (with a one-minute idle timeout: every 15 s).
    let grain = std::cmp::min(chrono::Duration::minutes(1), idle / 4);
    if now - row.last_seen_at > grain {
        let mut active = row.into_active_model();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    Ok(Some(person))
}

/// Deletes every session that has ended (past its maximum, or idle too long); how many. Run
/// periodically by `fgr serve`, so sessions nobody resumes do not stay in the database.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn sweep(db: &impl ConnectionTrait, config: &AuthConfig) -> DomainResult<u64> {
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let now = now();
    let idle =
        chrono::Duration::from_std(config.session_idle).unwrap_or(chrono::Duration::minutes(30));
    let gone = session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(now - idle)),
        )
        .exec(db)
        .await?;
    Ok(gone.rows_affected)
}

/// Ends the session with this cookie value, recording the sign-out; the ID token it held (for
/// the provider's logout).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn end<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    request_id: &str,
) -> DomainResult<Option<String>> {
    let id = secrets::hash(token);
    let txn = db.begin().await?;
    let result = async {
        let Some(row) = session::Entity::find_by_id(id.clone()).one(&txn).await? else {
            return Ok(None);
        };
        session::Entity::delete_by_id(id).exec(&txn).await?;
        audit::append(
            &txn,
            &Actor {
                id: row.subject.clone(),
                role: row.roles.clone(),
            },
            request_id,
            Change {
                action: "session.end".into(),
                target_type: "person".into(),
                target_id: row.subject.clone(),
                before: None,
                after: None,
            },
        )
        .await?;
        Ok(row.id_token)
    }
    .await;
    tx::finish(txn, result).await
}
