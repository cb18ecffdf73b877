//! Database migrations of the FGR register.
//!
//! The same migrations run on SQLite, PostgreSQL and MariaDB, up and down. They never import the
//! `entities` crate: a migration is frozen in time, entities move on.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_catalogue;
mod m20261126_000002_access;
mod m20261126_000003_audit;
mod m20261126_000004_amendments;
mod m20261126_000005_decision_log;
mod m20261126_000006_vacancy_clauses;
mod m20261126_000007_appraisal_formats;
mod m20261126_000008_change_feed;
mod m20261201_000009_change_feed_index;
mod m20261202_000010_catalogue_provenance;
mod m20261202_000011_sources_and_abd_rule;
mod m20261203_000012_persisted_operations;
mod m20261203_000013_change_notify;
mod m20261203_000014_webhooks;

/// Every migration of the register, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_catalogue::Migration),
            Box::new(m20261126_000002_access::Migration),
            Box::new(m20261126_000003_audit::Migration),
            Box::new(m20261126_000004_amendments::Migration),
            Box::new(m20261126_000005_decision_log::Migration),
            Box::new(m20261126_000006_vacancy_clauses::Migration),
            Box::new(m20261126_000007_appraisal_formats::Migration),
            Box::new(m20261126_000008_change_feed::Migration),
            Box::new(m20261201_000009_change_feed_index::Migration),
            Box::new(m20261202_000010_catalogue_provenance::Migration),
            Box::new(m20261202_000011_sources_and_abd_rule::Migration),
            Box::new(m20261203_000012_persisted_operations::Migration),
            Box::new(m20261203_000013_change_notify::Migration),
            Box::new(m20261203_000014_webhooks::Migration),
        ]
    }
}
