//! Reading the register from the database: all of it, or only what the change feed says changed
//! since a snapshot. Either way in one read-only transaction, so a snapshot never holds half a
//! change, and with a fixed number of statements per kind, whatever the size of the history.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use fgr_entities::{
    abd_rule_version, appraisal_format, appraisal_format_version, change_event, competence,
    decision_log, declared_total, function_group, group_version, job_family, rating_scale,
    requirement_scope, responsibility_requirement, source_document, vacancy_clause,
    vacancy_clause_version,
};
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IsolationLevel, QueryFilter, QueryOrder, QuerySelect,
    Statement, TransactionTrait,
};

use super::snapshot::{
    ClauseHistory, FormatHistory, FormatVersionEntry, GroupHistory, GroupVersionEntry, Parts,
    RatingScale, Register, Requirement,
};
use crate::domain::changes::{EntityType, Touched};
use crate::domain::temporal::Timeline;
use crate::domain::{appraisal, profiles, requirements, tx};
use crate::error::DomainResult;

/// More events than this since a snapshot: read everything again rather than patch.
const PATCH_LIMIT: usize = 200;

/// The statement that tells how far the register has come: the change feed's head position.
/// One indexed look-up (the feed's primary key), the only statement a hot read may cost.
const HEAD: &str = "SELECT MAX(seq) FROM change_event";

/// The feed's head position: 0 for an empty feed.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn head(db: &impl ConnectionTrait) -> DomainResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), HEAD))
        .await?;
    Ok(row
        .and_then(|r| r.try_get_by_index::<Option<i64>>(0).ok())
        .flatten()
        .unwrap_or(0))
}

/// A read-only transaction that sees one committed state for all its statements.
pub(crate) async fn consistent(db: &DatabaseConnection) -> DomainResult<DatabaseTransaction> {
    Ok(match db.get_database_backend() {
        // A deferred SQLite transaction reads one snapshot from its first statement on.
        DatabaseBackend::Sqlite => db.begin().await?,
        _ => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
    })
}

/// The whole register as it stands now.
///
/// # Errors
/// `INTERNAL` when the database fails or holds unreadable content.
pub async fn everything(db: &DatabaseConnection) -> DomainResult<Register> {
    let txn = consistent(db).await?;
    let result = everything_in(&txn).await;
    tx::finish_read(txn, result).await
}

/// The whole register as `db` (a connection or a transaction) sees it.
///
/// # Errors
/// `INTERNAL` when the database fails or holds unreadable content.
pub async fn everything_in(db: &impl ConnectionTrait) -> DomainResult<Register> {
    let revision = head(db).await?;
    let mut parts = reference_tables(db).await?;
    parts.groups = groups(db, None).await?;
    parts.clauses = clauses(db, None).await?;
    parts.formats = formats(db, None).await?;
    Ok(Register::new(parts, revision))
}

/// A register holding only the reference tables and the one thing a change touched, as `db` (the
/// change's transaction) sees it: what the change feed derives the change's events from.
///
/// # Errors
/// `INTERNAL` when the database fails or holds unreadable content.
pub async fn touched(db: &impl ConnectionTrait, touched: Touched<'_>) -> DomainResult<Register> {
    let mut parts = reference_tables(db).await?;
    let one = |code: &str| BTreeSet::from([code.to_owned()]);
    match touched {
        Touched::Group(code) => parts.groups = groups(db, Some(&one(code))).await?,
        Touched::Clause(code) => parts.clauses = clauses(db, Some(&one(code))).await?,
        Touched::Format(code) => parts.formats = formats(db, Some(&one(code))).await?,
        // The rule is among the reference tables.
        Touched::AbdRule => {}
    }
    Ok(Register::new(parts, 0))
}

/// The register after the changes committed since `current` was taken, or `None` when there are
/// none. Only the groups, clauses and formats the feed names are read again (and the small
/// reference tables), so the cost follows the change, not the history.
///
/// # Errors
/// `INTERNAL` when the database fails or holds unreadable content.
pub async fn after(db: &DatabaseConnection, current: &Register) -> DomainResult<Option<Register>> {
    let txn = consistent(db).await?;
    let result = async {
        let revision = head(&txn).await?;
        if revision == current.revision() {
            return Ok(None);
        }
        let events: Vec<(String, String)> = if revision > current.revision() {
            change_event::Entity::find()
                .select_only()
                .column(change_event::Column::EntityType)
                .column(change_event::Column::EntityId)
                .filter(change_event::Column::Seq.gt(current.revision()))
                .filter(change_event::Column::Seq.lte(revision))
                .limit(PATCH_LIMIT as u64 + 1)
                .into_tuple()
                .all(&txn)
                .await?
        } else {
            Vec::new()
        };
        // A feed that went backwards (a restored database) or a burst of changes: read it all.
        if revision < current.revision() || events.len() > PATCH_LIMIT {
            return everything_in(&txn).await.map(Some);
        }
        let mut changed_groups = BTreeSet::new();
        let mut changed_clauses = BTreeSet::new();
        let mut changed_formats = BTreeSet::new();
        for (entity_type, entity_id) in events {
            // Typings and criteria are named `OWNER/…`; their owner is what is read again.
            let owner = entity_id.split('/').next().unwrap_or_default().to_owned();
            match EntityType::from_code(&entity_type) {
                Some(EntityType::FunctionGroup | EntityType::Typing) => {
                    changed_groups.insert(owner);
                }
                Some(EntityType::VacancyClause) => {
                    changed_clauses.insert(owner);
                }
                Some(EntityType::AppraisalFormat | EntityType::Criterion) => {
                    changed_formats.insert(owner);
                }
                // Requirements and the ABD rule are among the reference tables, read every time.
                Some(EntityType::Requirement | EntityType::AbdRule) | None => {}
            }
        }
        let mut parts = reference_tables(&txn).await?;
        let old = current.parts();
        parts.clauses = replaced(
            &old.clauses,
            clauses(&txn, Some(&changed_clauses)).await?,
            |c| c.clause.id,
        );
        parts.formats = replaced(
            &old.formats,
            formats(&txn, Some(&changed_formats)).await?,
            |f| f.format.id,
        );
        if changed_groups.is_empty() {
            return Ok(Some(Register::with_groups_of(parts, revision, current)));
        }
        parts.groups = replaced(
            current.groups(),
            groups(&txn, Some(&changed_groups)).await?,
            |g| g.group.id,
        );
        Ok(Some(Register::new(parts, revision)))
    }
    .await;
    tx::finish_read(txn, result).await
}

/// `old` with the entries of `new` in place of those with the same id (or added).
fn replaced<T>(old: &[Arc<T>], new: Vec<Arc<T>>, id: impl Fn(&T) -> i32) -> Vec<Arc<T>> {
    let mut by_id: HashMap<i32, Arc<T>> = old.iter().map(|e| (id(e), e.clone())).collect();
    for e in new {
        by_id.insert(id(&e), e);
    }
    by_id.into_values().collect()
}

/// Families, requirements with scopes, competences, rating scales and the decision log: small
/// tables without a history of their own, read whole.
async fn reference_tables(db: &impl ConnectionTrait) -> DomainResult<Parts> {
    let families = job_family::Entity::find().all(db).await?;
    let requirement_rows = responsibility_requirement::Entity::find().all(db).await?;
    let mut scopes: HashMap<i32, Vec<requirement_scope::Model>> = HashMap::new();
    for s in requirement_scope::Entity::find()
        .order_by_asc(requirement_scope::Column::Id)
        .all(db)
        .await?
    {
        scopes.entry(s.requirement_id).or_default().push(s);
    }
    let rating_scales = rating_scale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|model| {
            Ok(Arc::new(RatingScale {
                levels: appraisal::levels_of(&model)?,
                model,
            }))
        })
        .collect::<DomainResult<_>>()?;
    Ok(Parts {
        families: families.into_iter().map(Arc::new).collect(),
        requirements: requirement_rows
            .into_iter()
            .map(|model| {
                Arc::new(Requirement {
                    scopes: scopes.remove(&model.id).unwrap_or_default(),
                    model,
                })
            })
            .collect(),
        competences: competence::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(Arc::new)
            .collect(),
        rating_scales,
        decisions: decision_log::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(Arc::new)
            .collect(),
        sources: source_document::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(Arc::new)
            .collect(),
        declared_totals: declared_total::Entity::find().all(db).await?,
        abd_rule: abd_rule_version::Entity::find().all(db).await?,
        ..Parts::default()
    })
}

/// Groups with every version and its content; all of them, or those with these codes.
async fn groups(
    db: &impl ConnectionTrait,
    codes: Option<&BTreeSet<String>>,
) -> DomainResult<Vec<Arc<GroupHistory>>> {
    if codes.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let mut query = function_group::Entity::find();
    if let Some(codes) = codes {
        query = query.filter(function_group::Column::Code.is_in(codes.iter().cloned()));
    }
    let groups = query.all(db).await?;
    let mut query = group_version::Entity::find();
    if codes.is_some() {
        query = query.filter(group_version::Column::GroupId.is_in(groups.iter().map(|g| g.id)));
    }
    let versions = query.all(db).await?;
    let version_ids: Vec<i32> = versions.iter().map(|v| v.id).collect();
    let these = if codes.is_some() {
        profiles::Versions::Only(&version_ids)
    } else {
        profiles::Versions::All
    };
    let mut typings = profiles::typings_for_versions(db, these).await?;
    let mut cores = profiles::core_profiles_for_versions(db, these).await?;
    let mut coverage = requirements::coverage_of_versions(db, these).await?;
    let mut by_group: HashMap<i32, Vec<Arc<GroupVersionEntry>>> = HashMap::new();
    for version in versions {
        let mut its_typings = typings.remove(&version.id).unwrap_or_default();
        its_typings.sort_by_key(|t| t.typing.scale);
        by_group
            .entry(version.group_id)
            .or_default()
            .push(Arc::new(GroupVersionEntry {
                typings: its_typings,
                core_profile: cores.remove(&version.id),
                coverage: coverage.remove(&version.id).unwrap_or_default(),
                version,
            }));
    }
    Ok(groups
        .into_iter()
        .map(|group| {
            Arc::new(GroupHistory {
                versions: Timeline::new(by_group.remove(&group.id).unwrap_or_default()),
                group,
            })
        })
        .collect())
}

/// Clauses with every version; all of them, or those with these codes.
async fn clauses(
    db: &impl ConnectionTrait,
    codes: Option<&BTreeSet<String>>,
) -> DomainResult<Vec<Arc<ClauseHistory>>> {
    if codes.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let mut query = vacancy_clause::Entity::find();
    if let Some(codes) = codes {
        query = query.filter(vacancy_clause::Column::Code.is_in(codes.iter().cloned()));
    }
    let clauses = query.all(db).await?;
    let mut query = vacancy_clause_version::Entity::find();
    if codes.is_some() {
        query = query
            .filter(vacancy_clause_version::Column::ClauseId.is_in(clauses.iter().map(|c| c.id)));
    }
    let mut by_clause: HashMap<i32, Vec<vacancy_clause_version::Model>> = HashMap::new();
    for v in query.all(db).await? {
        by_clause.entry(v.clause_id).or_default().push(v);
    }
    Ok(clauses
        .into_iter()
        .map(|clause| {
            Arc::new(ClauseHistory {
                versions: Timeline::new(by_clause.remove(&clause.id).unwrap_or_default()),
                clause,
            })
        })
        .collect())
}

/// Formats with every version and its content read; all of them, or those with these codes.
async fn formats(
    db: &impl ConnectionTrait,
    codes: Option<&BTreeSet<String>>,
) -> DomainResult<Vec<Arc<FormatHistory>>> {
    if codes.is_some_and(BTreeSet::is_empty) {
        return Ok(Vec::new());
    }
    let mut query = appraisal_format::Entity::find();
    if let Some(codes) = codes {
        query = query.filter(appraisal_format::Column::Code.is_in(codes.iter().cloned()));
    }
    let formats = query.all(db).await?;
    let mut query = appraisal_format_version::Entity::find();
    if codes.is_some() {
        query = query
            .filter(appraisal_format_version::Column::FormatId.is_in(formats.iter().map(|f| f.id)));
    }
    let mut by_format: HashMap<i32, Vec<FormatVersionEntry>> = HashMap::new();
    for version in query.all(db).await? {
        by_format
            .entry(version.format_id)
            .or_default()
            .push(FormatVersionEntry {
                content: appraisal::content_of(&version)?,
                version,
            });
    }
    Ok(formats
        .into_iter()
        .map(|format| {
            Arc::new(FormatHistory {
                versions: Timeline::new(by_format.remove(&format.id).unwrap_or_default()),
                format,
            })
        })
        .collect())
}
