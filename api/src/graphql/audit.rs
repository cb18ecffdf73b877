//! `auditLog`: the audit trail, newest first, for the committee and FGR beheer.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, InputObject, Object, SimpleObject};
use fgr_entities::audit_event;

use super::catalogue::query::{ConnectionTotals, MAX_PAGE_SIZE};
use super::errors::GqlResultExt;
use super::ids;
use crate::domain::audit::{self, AuditFilter};
use crate::domain::vocabulary;
use crate::error::DomainError;

/// The audit query fields.
#[derive(Default)]
pub struct AuditQuery;

/// Filters for `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    /// Only this action, e.g. `api_client.create`.
    pub action: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Only this kind of target.
    pub target_type: Option<String>,
    /// Only this target.
    pub target_id: Option<String>,
}

/// An entry of the audit trail.
#[derive(SimpleObject, Clone)]
pub struct AuditEntry {
    /// Position in the chain.
    pub seq: i64,
    /// When (UTC, ISO 8601).
    pub occurred_at: String,
    /// Who made the change: a person's subject, a machine's client id, `cli` for the command
    /// line, or `system` for the seed.
    pub actor: String,
    /// Their roles or scopes at the time.
    pub actor_role: String,
    /// What was done, as `<kind>.<verb>`, e.g. `api_client.create` or `proposal.advise`.
    pub action: String,
    /// The kind of thing changed.
    pub target_type: String,
    /// Its id as text: a row id, a code or a subject, depending on `targetType`.
    pub target_id: String,
    /// `actor` as people read it: "opdrachtregel", "alice-auteur (proefaccount)", or the id.
    pub actor_label: String,
    /// The action in Dutch, e.g. "voorstel vastgesteld" (`vocabulary.auditActions`).
    pub action_label: String,
    /// The target in Dutch with its id, e.g. "groepsversie 15".
    pub target_label: String,
    /// `actorRole` in Dutch, e.g. "Raadpleger, FGR-beheer"; "—" when there were none.
    pub actor_role_label: String,
    /// The state before (JSON), if any.
    pub before: Option<String>,
    /// The state after (JSON), if any.
    pub after: Option<String>,
    /// The request that made the change.
    pub request_id: String,
    /// This entry's hash.
    pub hash: String,
    /// The previous entry's hash.
    pub prev_hash: String,
}

impl From<audit_event::Model> for AuditEntry {
    fn from(e: audit_event::Model) -> Self {
        Self {
            actor_label: vocabulary::audit_actor_label(&e.actor),
            action_label: vocabulary::audit_action_label(&e.action).to_owned(),
            target_label: vocabulary::audit_target_label(&e.target_type, &e.target_id),
            actor_role_label: vocabulary::audit_roles_label(&e.actor_role),
            seq: e.seq,
            occurred_at: e.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            actor: e.actor,
            actor_role: e.actor_role,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            before: e.before_json,
            after: e.after_json,
            request_id: e.request_id,
            hash: e.hash,
            prev_hash: e.prev_hash,
        }
    }
}

#[Object]
impl AuditQuery {
    /// The audit trail, newest first.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        #[graphql(desc = "Page size, 0–100 (default 50).")] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, AuditEntry, ConnectionTotals, EmptyFields>> {
        let first = first.unwrap_or(50);
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(DomainError::bad_input(
                "first",
                format!("first moet tussen 0 en {MAX_PAGE_SIZE} liggen, niet {first}"),
            ))
            .gql();
        }
        let offset = match after {
            None => 0,
            Some(c) => ids::parse_cursor(&c)
                .map(|n| n + 1)
                .ok_or_else(|| DomainError::bad_input("after", "ongeldige cursor"))
                .gql()?,
        };
        let filter = filter.unwrap_or_default();
        let (rows, total) = audit::page(
            ctx.data::<sea_orm::DatabaseConnection>()?,
            &AuditFilter {
                action: filter.action,
                actor: filter.actor,
                target_type: filter.target_type,
                target_id: filter.target_id,
            },
            offset,
            first as u64,
        )
        .await
        .gql()?;
        let end = offset + rows.len() as u64;
        let mut connection = Connection::with_additional_fields(
            offset > 0,
            end < total,
            ConnectionTotals { total_count: total },
        );
        connection.edges.extend(
            rows.into_iter()
                .enumerate()
                .map(|(i, e)| Edge::new(ids::cursor(offset + i as u64), AuditEntry::from(e))),
        );
        Ok(connection)
    }
}
