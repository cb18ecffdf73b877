//! Changing the library: creating a clause, revising it into a new version and retiring it, each
//! in one transaction with its audit entry and change-feed record. Versions are only ever added
//! or closed (a compare-and-swap on their end), never rewritten.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use fgr_entities::{vacancy_clause, vacancy_clause_version};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::validation::{check_code, check_fields};
use super::{ClauseFields, ClauseVersion};
use crate::domain::access::Operation;
use crate::domain::audit::{self, Change};
use crate::domain::caller::Caller;
use crate::domain::{dates, tx};
use crate::error::{DomainError, DomainResult};

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn joined(codes: &[String]) -> Option<String> {
    (!codes.is_empty()).then(|| codes.join(","))
}

/// A new version row from `fields`.
fn version_row(
    clause_id: i32,
    version_no: i32,
    from: NaiveDate,
    to: Option<NaiveDate>,
    f: &ClauseFields,
    created_by: &str,
) -> vacancy_clause_version::ActiveModel {
    let a = &f.applicability;
    vacancy_clause_version::ActiveModel {
        clause_id: Set(clause_id),
        version_no: Set(version_no),
        effective_from: Set(from),
        effective_to: Set(to),
        title: Set(f.title.trim().to_owned()),
        category: Set(f.category.code().to_owned()),
        section: Set(f.section.code().to_owned()),
        section_order: Set(f.section_order),
        text_nl: Set(f.text_nl.trim().to_owned()),
        text_en: Set(f.text_en.as_deref().map(str::trim).map(str::to_owned)),
        mandatory: Set(f.mandatory),
        scale_min: Set(a.scale_min),
        scale_max: Set(a.scale_max),
        manager_only: Set(a.manager_only),
        abd_only: Set(a.abd_only),
        family_codes: Set(joined(&a.family_codes)),
        group_codes: Set(joined(&a.group_codes)),
        source_reference: Set(f.source_reference.trim().to_owned()),
        source_url: Set(f.source_url.clone().filter(|u| !u.trim().is_empty())),
        illustrative: Set(f.illustrative),
        change_note: Set(f.change_note.clone().filter(|n| !n.trim().is_empty())),
        created_by: Set(created_by.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// A version as the audit trail records it.
pub fn audited(v: &vacancy_clause_version::Model) -> serde_json::Value {
    json!({
        "version": v.version_no,
        "effectiveFrom": v.effective_from.to_string(),
        "effectiveTo": v.effective_to.map(|d| d.to_string()),
        "title": v.title,
        "category": v.category,
        "section": v.section,
        "sectionOrder": v.section_order,
        "textNl": v.text_nl,
        "textEn": v.text_en,
        "mandatory": v.mandatory,
        "scaleMin": v.scale_min,
        "scaleMax": v.scale_max,
        "managerOnly": v.manager_only,
        "abdOnly": v.abd_only,
        "familyCodes": v.family_codes,
        "groupCodes": v.group_codes,
        "sourceReference": v.source_reference,
        "sourceUrl": v.source_url,
        "illustrative": v.illustrative,
        "changeNote": v.change_note,
    })
}

async fn clause_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> DomainResult<vacancy_clause::Model> {
    vacancy_clause::Entity::find()
        .filter(vacancy_clause::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("clausule {code}")))
}

async fn latest(
    db: &impl ConnectionTrait,
    clause_id: i32,
) -> DomainResult<vacancy_clause_version::Model> {
    vacancy_clause_version::Entity::find()
        .filter(vacancy_clause_version::Column::ClauseId.eq(clause_id))
        .order_by_desc(vacancy_clause_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::internal(format!("clause {clause_id} has no versions")))
}

fn check_expected(latest: &vacancy_clause_version::Model, expected: i32) -> DomainResult<()> {
    if latest.version_no != expected {
        return Err(DomainError::Conflict(format!(
            "de clausule heeft inmiddels versie {}; u bewerkte versie {expected}",
            latest.version_no
        )));
    }
    Ok(())
}

/// Adds a clause, in effect from `from`.
///
/// # Errors
/// `UNAUTHENTICATED`/`FORBIDDEN` unless FGR beheer or the committee's secretary;
/// `BAD_USER_INPUT` for invalid fields, a taken code or a past date.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    from: NaiveDate,
    fields: &ClauseFields,
) -> DomainResult<ClauseVersion> {
    let person = caller.person(Operation::EditClauses)?.clone();
    let code = code.trim();
    check_code(code)?;
    check_fields(db, fields).await?;
    dates::check_not_past("effectiveFrom", from)?;
    if vacancy_clause::Entity::find()
        .filter(vacancy_clause::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::bad_input(
            "code",
            format!("er is al een clausule {code}"),
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        let clause = vacancy_clause::ActiveModel {
            code: Set(code.to_owned()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| DomainError::Conflict(format!("clausule {code} bestaat al ({e})")))?;
        let version = version_row(clause.id, 1, from, None, fields, &person.subject)
            .insert(&txn)
            .await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.create".into(),
                target_type: "vacancy_clause".into(),
                target_id: code.to_owned(),
                before: None,
                after: Some(audited(&version)),
            },
        )
        .await?;
        crate::domain::changes::record(
            &txn,
            crate::domain::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion { clause, version })
    }
    .await;
    tx::finish(txn, result).await
}

/// Replaces the clause's text or rule from `from` on: a new version; the previous one ends
/// there. A retirement planned after `from` carries over to the new version.
///
/// # Errors
/// `CONFLICT` for a stale `expected_version` or a concurrent edit; `BAD_USER_INPUT` for invalid
/// fields or a date in the past or before the latest version starts; see [`create`] for roles.
pub async fn revise<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    expected_version: i32,
    from: NaiveDate,
    fields: &ClauseFields,
) -> DomainResult<ClauseVersion> {
    let person = caller.person(Operation::EditClauses)?.clone();
    let clause = clause_by_code(db, code).await?;
    check_fields(db, fields).await?;
    dates::check_not_past("effectiveFrom", from)?;
    let before = latest(db, clause.id).await?;
    check_expected(&before, expected_version)?;
    if from < before.effective_from {
        return Err(DomainError::bad_input(
            "effectiveFrom",
            format!(
                "versie {} begint pas op {}; een nieuwe versie kan niet eerder beginnen",
                before.version_no, before.effective_from
            ),
        ));
    }
    // Still running on `from` (or retiring later): close it at `from`, and keep a planned end.
    let (close_at, carried_end) = match before.effective_to {
        Some(end) if end <= from => (None, None),
        end => (Some(from), end),
    };
    let txn = db.begin().await?;
    let result = async {
        if let Some(day) = close_at {
            close(&txn, &before, day).await?;
        }
        let version = version_row(
            clause.id,
            before.version_no + 1,
            from,
            carried_end,
            fields,
            &person.subject,
        )
        .insert(&txn)
        .await
        .map_err(|_| {
            DomainError::Conflict("iemand anders wijzigde deze clausule tegelijk".into())
        })?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.revise".into(),
                target_type: "vacancy_clause".into(),
                target_id: clause.code.clone(),
                before: Some(audited(&before)),
                after: Some(audited(&version)),
            },
        )
        .await?;
        crate::domain::changes::record(
            &txn,
            crate::domain::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion {
            clause: clause.clone(),
            version,
        })
    }
    .await;
    tx::finish(txn, result).await
}

/// Retires the clause from `on`: its latest version ends there, so it stops appearing from that
/// date; what it said before stays.
///
/// # Errors
/// `INVALID_TRANSITION` when it is already retired by then; `CONFLICT` for a stale
/// `expected_version`; `BAD_USER_INPUT` for a past date or one before the version starts.
pub async fn retire<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    expected_version: i32,
    on: NaiveDate,
) -> DomainResult<ClauseVersion> {
    caller.person(Operation::EditClauses)?;
    let clause = clause_by_code(db, code).await?;
    dates::check_not_past("on", on)?;
    let before = latest(db, clause.id).await?;
    check_expected(&before, expected_version)?;
    if let Some(end) = before.effective_to {
        if end <= on {
            return Err(DomainError::InvalidTransition(format!(
                "clausule {code} is al ingetrokken per {end}"
            )));
        }
    }
    if on < before.effective_from {
        return Err(DomainError::bad_input(
            "on",
            format!(
                "versie {} begint pas op {}",
                before.version_no, before.effective_from
            ),
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        close(&txn, &before, on).await?;
        let after = vacancy_clause_version::Model {
            effective_to: Some(on),
            ..before.clone()
        };
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.retire".into(),
                target_type: "vacancy_clause".into(),
                target_id: clause.code.clone(),
                before: Some(audited(&before)),
                after: Some(audited(&after)),
            },
        )
        .await?;
        crate::domain::changes::record(
            &txn,
            crate::domain::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion {
            clause: clause.clone(),
            version: after,
        })
    }
    .await;
    tx::finish(txn, result).await
}

/// Ends `version` on `day`, if nobody changed its end meanwhile (a compare-and-swap).
async fn close(
    txn: &impl ConnectionTrait,
    version: &vacancy_clause_version::Model,
    day: NaiveDate,
) -> DomainResult<()> {
    let closed = vacancy_clause_version::Entity::update_many()
        .col_expr(
            vacancy_clause_version::Column::EffectiveTo,
            Expr::value(day),
        )
        .filter(vacancy_clause_version::Column::Id.eq(version.id))
        .filter(match version.effective_to {
            Some(end) => vacancy_clause_version::Column::EffectiveTo.eq(end),
            None => vacancy_clause_version::Column::EffectiveTo.is_null(),
        })
        .exec(txn)
        .await?;
    if closed.rows_affected == 1 {
        Ok(())
    } else {
        Err(DomainError::Conflict(
            "iemand anders wijzigde deze clausule tegelijk".into(),
        ))
    }
}
