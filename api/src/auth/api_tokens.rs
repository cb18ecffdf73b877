//! API tokens for machine clients in deployments without client credentials at the provider:
//! `fgr_<id>_<secret>`. The secret is shown once; only its SHA-256 is kept.

use std::collections::BTreeSet;

use chrono::{NaiveDateTime, Utc};
use fgr_entities::api_client;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::secrets;
use crate::domain::access::{Credential, Machine, Scope};
use crate::domain::audit::{self, Actor, Change};
use crate::domain::tx;
use crate::error::{DomainError, DomainResult};

/// The prefix of every API token (it helps secret scanners and log redaction).
pub const PREFIX: &str = "fgr_";
const ID_LEN: usize = 12;

/// A newly issued token.
#[derive(Debug)]
pub struct Issued {
    /// The stored client.
    pub client: api_client::Model,
    /// The token, to show once.
    pub token: String,
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Not of the form `fgr_<id>_<secret>`.
    Malformed,
    /// No client with that id, or the secret does not match.
    Unknown,
    /// The client was revoked.
    Revoked,
    /// The token has expired.
    Expired,
    /// The database could not be asked; the token may well be good (`UNAVAILABLE`, not `401`).
    Unavailable(DomainError),
}

impl Rejection {
    /// For `WWW-Authenticate`'s `error_description`.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Unavailable(_) => "the register is temporarily unavailable",
            Self::Malformed => "the token is malformed",
            Self::Unknown => "the token is not valid",
            Self::Revoked => "the token has been revoked",
            Self::Expired => "the token has expired",
        }
    }
}

/// Parses a scope list such as `criteria:read,clauses:read`.
///
/// # Errors
/// `BAD_USER_INPUT` for an unknown or empty scope list.
pub fn parse_scopes(list: &str) -> DomainResult<BTreeSet<Scope>> {
    let mut scopes = BTreeSet::new();
    for code in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let scope = Scope::from_code(code).ok_or_else(|| {
            let known: Vec<&str> = Scope::ALL.iter().map(|s| s.code()).collect();
            DomainError::bad_input(
                "scopes",
                format!("unknown scope '{code}' (known: {})", known.join(", ")),
            )
        })?;
        scopes.insert(scope);
    }
    if scopes.is_empty() {
        return Err(DomainError::bad_input("scopes", "give at least one scope"));
    }
    Ok(scopes)
}

/// The audit view of a client (never its secret or hash).
fn audited(client: &api_client::Model) -> serde_json::Value {
    json!({
        "id": client.public_id,
        "name": client.name,
        "scopes": client.scopes,
        "expiresAt": client.expires_at.map(|e| e.to_string()),
        "revokedAt": client.revoked_at.map(|e| e.to_string()),
        "trustedDocumentsOnly": client.trusted_documents_only,
    })
}

/// Issues a token for a new client, recording it in the audit trail.
///
/// # Errors
/// `BAD_USER_INPUT` for an empty name or a past expiry; `INTERNAL` when the database fails.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    name: &str,
    scopes: &BTreeSet<Scope>,
    expires_at: Option<NaiveDateTime>,
) -> DomainResult<Issued> {
    create_with(db, actor, request_id, name, scopes, expires_at, false).await
}

/// [`create`], and with `trusted_documents_only` a client that may only send persisted
/// operations (`{"documentId": "sha256:…"}`, registered with `fgr operations add`).
///
/// # Errors
/// As [`create`].
pub async fn create_with<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    name: &str,
    scopes: &BTreeSet<Scope>,
    expires_at: Option<NaiveDateTime>,
    trusted_documents_only: bool,
) -> DomainResult<Issued> {
    let name = name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(DomainError::bad_input(
            "name",
            "give a name of 1 to 200 characters",
        ));
    }
    if scopes.is_empty() {
        return Err(DomainError::bad_input("scopes", "give at least one scope"));
    }
    let now = Utc::now().naive_utc();
    if expires_at.is_some_and(|e| e <= now) {
        return Err(DomainError::bad_input(
            "expires",
            "the expiry lies in the past",
        ));
    }
    let public_id = secrets::random_id();
    let secret = secrets::random_token();
    let txn = db.begin().await?;
    let result = async {
        let client = api_client::ActiveModel {
            public_id: Set(public_id.clone()),
            name: Set(name.to_owned()),
            scopes: Set(scopes
                .iter()
                .map(|s| s.code())
                .collect::<Vec<_>>()
                .join(",")),
            secret_hash: Set(secrets::hash(&secret)),
            created_at: Set(now),
            expires_at: Set(expires_at),
            revoked_at: Set(None),
            last_used_at: Set(None),
            trusted_documents_only: Set(trusted_documents_only),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            request_id,
            Change {
                action: "api_client.create".into(),
                target_type: "api_client".into(),
                target_id: client.public_id.clone(),
                before: None,
                after: Some(audited(&client)),
            },
        )
        .await?;
        Ok(client)
    }
    .await;
    let client = tx::finish(txn, result).await?;
    Ok(Issued {
        client,
        token: format!("{PREFIX}{public_id}_{secret}"),
    })
}

/// Every client, newest first.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<api_client::Model>> {
    Ok(api_client::Entity::find()
        .order_by_desc(api_client::Column::Id)
        .all(db)
        .await?)
}

/// Revokes the client with this id; its token stops working at once.
///
/// # Errors
/// `NOT_FOUND` for an unknown id; `INTERNAL` when the database fails.
pub async fn revoke<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    public_id: &str,
) -> DomainResult<api_client::Model> {
    let txn = db.begin().await?;
    let result = async {
        let client = api_client::Entity::find()
            .filter(api_client::Column::PublicId.eq(public_id))
            .one(&txn)
            .await?
            .ok_or_else(|| DomainError::NotFound(format!("client {public_id}")))?;
        if client.revoked_at.is_some() {
            return Ok(client);
        }
        let before = audited(&client);
        let mut active = client.into_active_model();
        active.revoked_at = Set(Some(Utc::now().naive_utc()));
        let revoked = active.update(&txn).await?;
        audit::append(
            &txn,
            actor,
            request_id,
            Change {
                action: "api_client.revoke".into(),
                target_type: "api_client".into(),
                target_id: revoked.public_id.clone(),
                before: Some(before),
                after: Some(audited(&revoked)),
            },
        )
        .await?;
        Ok(revoked)
    }
    .await;
    tx::finish(txn, result).await
}

/// The machine a token belongs to.
///
/// # Errors
/// The [`Rejection`] for a bad token; `Err(Ok(DomainError))`-style failures of the database are
/// reported as `Unknown` after logging, so a broken database never lets a token through.
pub async fn authenticate(db: &impl ConnectionTrait, token: &str) -> Result<Machine, Rejection> {
    check(db, token).await.map(|(machine, _)| machine)
}

/// Like [`authenticate`], but believes a token that checked out less than
/// [`super::credential_cache::TTL`] ago without asking the database.
///
/// # Errors
/// See [`authenticate`].
pub async fn authenticate_cached(
    db: &impl ConnectionTrait,
    cache: &super::credential_cache::CredentialCache,
    token: &str,
) -> Result<Machine, Rejection> {
    if let Some(machine) = cache.get(token, Utc::now().naive_utc()) {
        return Ok(machine);
    }
    let (machine, expires_at) = check(db, token).await?;
    cache.put(token, &machine, expires_at);
    Ok(machine)
}

/// The machine `token` stands for and when it expires.
async fn check(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<(Machine, Option<chrono::NaiveDateTime>), Rejection> {
    let rest = token.strip_prefix(PREFIX).ok_or(Rejection::Malformed)?;
    if rest.len() < ID_LEN + 2 || rest.as_bytes()[ID_LEN] != b'_' {
        return Err(Rejection::Malformed);
    }
    let (public_id, secret) = (&rest[..ID_LEN], &rest[ID_LEN + 1..]);
    let client = match api_client::Entity::find()
        .filter(api_client::Column::PublicId.eq(public_id))
        .one(db)
        .await
    {
        Ok(Some(client)) => client,
        Ok(None) => return Err(Rejection::Unknown),
        Err(e) => match DomainError::from(e) {
            unavailable @ DomainError::Unavailable { .. } => {
                return Err(Rejection::Unavailable(unavailable))
            }
            _ => return Err(Rejection::Unknown),
        },
    };
    if !secrets::constant_time_eq(&secrets::hash(secret), &client.secret_hash) {
        return Err(Rejection::Unknown);
    }
    let now = Utc::now().naive_utc();
    if client.revoked_at.is_some() {
        return Err(Rejection::Revoked);
    }
    if client.expires_at.is_some_and(|e| e <= now) {
        return Err(Rejection::Expired);
    }
    let machine = Machine {
        client_id: client.public_id.clone(),
        name: client.name.clone(),
        scopes: client
            .scopes
            .split(',')
            .filter_map(Scope::from_code)
            .collect(),
        credential: Credential::ApiToken,
        trusted_documents_only: client.trusted_documents_only,
    };
    let expires_at = client.expires_at;
    if client
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        let mut active = client.into_active_model();
        active.last_used_at = Set(Some(now));
        if let Err(e) = active.update(db).await {
            tracing::warn!(error = %e, "could not record token use");
        }
    }
    Ok((machine, expires_at))
}
