//! The tables a backup holds, in an order in which each row's references come before it, and
//! the generic reading and writing of one table through its SeaORM entity.
//!
//! Left out on purpose: `session` and `login_attempt` (secrets and throttling state of people
//! signed in; nobody should carry them to another database) and `seaql_migrations` (the target
//! migrates itself).

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, EntityTrait, IntoActiveModel, Iterable,
    PrimaryKeyToColumn, PrimaryKeyTrait, QueryOrder, Statement,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{DomainError, DomainResult};

/// Rows written per statement.
const CHUNK: usize = 200;

/// Every row of `E`'s table, by primary key.
async fn read<E>(db: &impl ConnectionTrait) -> DomainResult<Vec<Value>>
where
    E: EntityTrait,
    E::Model: Serialize,
{
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    query
        .all(db)
        .await?
        .iter()
        .map(|row| serde_json::to_value(row).map_err(DomainError::internal))
        .collect()
}

/// Writes `rows` into `E`'s table as they are (primary keys included).
async fn write<E>(db: &impl ConnectionTrait, rows: &[Value]) -> DomainResult<()>
where
    E: EntityTrait,
    E::Model: DeserializeOwned + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let table = E::default().table_name().to_owned();
    for chunk in rows.chunks(CHUNK) {
        let models = chunk
            .iter()
            .map(|row| {
                let model: E::Model = serde_json::from_value(row.clone()).map_err(|e| {
                    DomainError::bad_input("file", format!("a row of {table} is not readable: {e}"))
                })?;
                Ok(model.into_active_model().reset_all())
            })
            .collect::<DomainResult<Vec<_>>>()?;
        E::insert_many(models).exec_without_returning(db).await?;
    }
    // PostgreSQL's sequences do not follow explicit keys: the next row would collide.
    if db.get_database_backend() == DatabaseBackend::Postgres && !rows.is_empty() {
        if let (true, Some(key)) = (
            <E::PrimaryKey as PrimaryKeyTrait>::auto_increment(),
            E::PrimaryKey::iter().next(),
        ) {
            let column = sea_orm::IdenStatic::as_str(&key.into_column()).to_owned();
            db.execute_raw(Statement::from_string(
                DatabaseBackend::Postgres,
                format!(
                    "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), (SELECT MAX(\"{column}\") FROM \"{table}\"))"
                ),
            ))
            .await?;
        }
    }
    Ok(())
}

macro_rules! tables {
    ($($module:ident),* $(,)?) => {
        /// The tables in backup order.
        pub const NAMES: &[&str] = &[$(stringify!($module)),*];

        /// Reads every table.
        ///
        /// # Errors
        /// When the database fails.
        pub async fn read_all(db: &impl ConnectionTrait) -> DomainResult<Vec<(&'static str, Vec<Value>)>> {
            Ok(vec![$((stringify!($module), read::<fgr_entities::$module::Entity>(db).await?)),*])
        }

        /// Writes table `name`'s rows.
        ///
        /// # Errors
        /// `BAD_USER_INPUT` for an unknown table or an unreadable row; when the database fails.
        pub async fn write_one(db: &impl ConnectionTrait, name: &str, rows: &[Value]) -> DomainResult<()> {
            match name {
                $(stringify!($module) => write::<fgr_entities::$module::Entity>(db, rows).await,)*
                other => Err(DomainError::bad_input("file", format!("unknown table {other}"))),
            }
        }
    };
}

tables!(
    job_family,
    function_group,
    group_version,
    core_profile,
    result_area,
    core_profile_item,
    competence,
    core_profile_competence,
    typing,
    typing_item,
    responsibility_requirement,
    requirement_scope,
    requirement_coverage,
    api_client,
    audit_event,
    audit_head,
    amendment_proposal,
    committee_advice,
    owner_decision,
    proposal_comment,
    decision_log,
    vacancy_clause,
    vacancy_clause_version,
    rating_scale,
    appraisal_format,
    appraisal_format_version,
    change_event,
    source_document,
    declared_total,
    abd_rule_version,
    persisted_operation,
    webhook,
    webhook_delivery,
);
