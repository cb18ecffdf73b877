//! ABD membership as a dated rule: from which scale a post is an ABD post (Algemene
//! Bestuursdienst) on a date, with the source it rests on. The vacancy clauses for ABD posts follow
//! the rule in force on the date a text is asked for, so a change of the rule shows from its
//! effective date and not the day before.
//!
//! Like every versioned thing here, a change never rewrites what held: it adds a version from a
//! date (today or later) and closes the previous one there.

use chrono::NaiveDate;
use fgr_entities::abd_rule_version;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::access::Operation;
use super::audit::{self, Change};
use super::caller::{check_url, check_words, Caller};
use super::changes::{self, Touched};
use super::{dates, tx};
use crate::error::{DomainError, DomainResult};
use crate::register::Register;

/// The rule's id in the audit trail and the change feed.
pub const ENTITY_ID: &str = "ABD";

/// The lowest scale of an ABD post on `day`; `None` when no rule is in force then (no post is an
/// ABD post).
pub fn min_scale_on(register: &Register, day: NaiveDate) -> Option<i32> {
    register.abd_rule().in_effect(day).map(|v| v.min_scale)
}

/// A change of the rule, as FGR-beheer records it.
#[derive(Debug, Clone)]
pub struct RuleChange {
    /// Posts from this scale up are ABD posts.
    pub min_scale: i32,
    /// First day the new rule holds (today or later).
    pub effective_from: NaiveDate,
    /// The decision it rests on.
    pub reference: String,
    /// Where to check it.
    pub url: Option<String>,
    /// The decision's date.
    pub decided_on: Option<NaiveDate>,
    /// A remark.
    pub note: Option<String>,
}

fn audited(v: &abd_rule_version::Model) -> serde_json::Value {
    json!({
        "version": v.version_no, "minScale": v.min_scale,
        "effectiveFrom": v.effective_from.to_string(),
        "effectiveTo": v.effective_to.map(|d| d.to_string()),
        "reference": v.reference, "url": v.url,
        "decidedOn": v.decided_on.map(|d| d.to_string()),
    })
}

/// Records a change of the rule from `change.effective_from`: the latest version closes there
/// and a new one begins, with an audit entry and a change-feed event in the same transaction.
///
/// # Errors
/// `FORBIDDEN`/`UNAUTHENTICATED` for callers who may not edit clauses; `BAD_USER_INPUT` for a
/// scale outside 1–19, a past date, a date before the latest version starts, or an empty
/// reference; `CONFLICT` when `expected_version` is not the latest version (someone changed it
/// meanwhile).
pub async fn change<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    expected_version: i32,
    change: &RuleChange,
) -> DomainResult<abd_rule_version::Model> {
    let person = caller.person(Operation::EditClauses)?.clone();
    if !(1..=19).contains(&change.min_scale) {
        return Err(DomainError::bad_input("minScale", "kies schaal 1 t/m 19"));
    }
    check_words("reference", &change.reference, 500)?;
    check_url("url", change.url.as_deref())?;
    dates::check_not_past("effectiveFrom", change.effective_from)?;
    let before = abd_rule_version::Entity::find()
        .order_by_desc(abd_rule_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::internal("the ABD rule has no version"))?;
    if before.version_no != expected_version {
        return Err(DomainError::Conflict(format!(
            "de ABD-regel heeft inmiddels versie {}; u bewerkte versie {expected_version}",
            before.version_no
        )));
    }
    if change.effective_from <= before.effective_from {
        return Err(DomainError::bad_input(
            "effectiveFrom",
            format!(
                "versie {} begint op {}; een wijziging begint later",
                before.version_no, before.effective_from
            ),
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        // Close the latest version where the new one begins (only if nobody moved it meanwhile).
        let closed = abd_rule_version::Entity::update_many()
            .col_expr(
                abd_rule_version::Column::EffectiveTo,
                Expr::value(change.effective_from),
            )
            .filter(abd_rule_version::Column::Id.eq(before.id))
            .filter(match before.effective_to {
                Some(end) => abd_rule_version::Column::EffectiveTo.eq(end),
                None => abd_rule_version::Column::EffectiveTo.is_null(),
            })
            .exec(&txn)
            .await?;
        if closed.rows_affected != 1 {
            return Err(DomainError::Conflict(
                "iemand anders wijzigde de ABD-regel tegelijk".into(),
            ));
        }
        let carried_end = before
            .effective_to
            .filter(|end| *end > change.effective_from);
        let version = abd_rule_version::ActiveModel {
            version_no: Set(before.version_no + 1),
            effective_from: Set(change.effective_from),
            effective_to: Set(carried_end),
            min_scale: Set(change.min_scale),
            source_document_id: Set(None),
            reference: Set(change.reference.trim().to_owned()),
            url: Set(change.url.clone()),
            decided_on: Set(change.decided_on),
            illustrative: Set(false),
            note: Set(change.note.clone()),
            changed_by: Set(Some(person.subject.clone())),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|_| {
            DomainError::Conflict("iemand anders wijzigde de ABD-regel tegelijk".into())
        })?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "abd_rule.change".into(),
                target_type: "abd_rule".into(),
                target_id: ENTITY_ID.into(),
                before: Some(audited(&before)),
                after: Some(audited(&version)),
            },
        )
        .await?;
        changes::record(&txn, Touched::AbdRule, caller.request_id).await?;
        Ok(version)
    }
    .await;
    tx::finish(txn, result).await
}
