//! Loads the seed content ([`data`]) into a database. Idempotent: a record that exists (by code or
//! name) is left alone, so running it twice changes nothing and a newer seed only adds.

pub mod appraisal;
pub mod catalogue;
pub mod data;
pub mod synthetic;

mod clauses;
mod families;
mod formats;
mod group;
mod sources;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::error::{DomainError, DomainResult};

/// What one run of the seed inserted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// Families inserted.
    pub families: usize,
    /// Function groups inserted (each with its first version and core profile).
    pub groups: usize,
    /// Typings inserted.
    pub typings: usize,
    /// Competences inserted.
    pub competences: usize,
    /// Requirements inserted.
    pub requirements: usize,
    /// Historical decisions of the FGR version log inserted.
    pub decisions: usize,
    /// Standard vacancy clauses inserted.
    pub clauses: usize,
    /// Rating scales inserted.
    pub rating_scales: usize,
    /// Appraisal formats inserted (with their versions).
    pub formats: usize,
    /// Source documents inserted.
    pub sources: usize,
    /// Rules inserted (the ABD membership rule).
    pub rules: usize,
}

impl SeedReport {
    /// True when nothing was inserted (the database already held the seed).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn date(s: &str) -> DomainResult<NaiveDate> {
    s.parse()
        .map_err(|e| DomainError::internal(format!("bad seed date {s}: {e}")))
}

/// Loads the seed content in one transaction.
///
/// # Errors
/// `INTERNAL` when the database fails or the seed content breaks a rule (it is checked like any
/// other input).
pub async fn run<C: ConnectionTrait + TransactionTrait>(db: &C) -> DomainResult<SeedReport> {
    let txn = db.begin().await?;
    let mut report = SeedReport::default();

    let families = families::insert_families(&txn, &mut report).await?;
    let seed = catalogue::catalogue();
    let competences = families::insert_competences(&txn, seed, &mut report).await?;
    let sources = sources::insert_sources(&txn, &mut report).await?;
    let requirements = sources::insert_requirements(&txn, &families, &sources, &mut report).await?;
    families::insert_groups(
        &txn,
        seed,
        &families,
        &competences,
        &requirements,
        &mut report,
    )
    .await?;
    sources::insert_declared_totals(&txn, &sources).await?;
    sources::insert_abd_rule(&txn, &sources, &mut report).await?;
    sources::insert_decision_log(&txn, &mut report).await?;
    clauses::insert_clauses(&txn, &mut report).await?;
    formats::insert_rating_scales(&txn, &mut report).await?;
    formats::insert_formats(&txn, &mut report).await?;

    if !report.is_empty() {
        crate::domain::audit::append(
            &txn,
            &crate::domain::audit::Actor {
                id: "system".into(),
                role: "seed".into(),
            },
            "seed",
            crate::domain::audit::Change {
                action: "seed.load".into(),
                target_type: "catalogue".into(),
                target_id: "seed".into(),
                before: None,
                after: Some(serde_json::json!({
                    "families": report.families,
                    "groups": report.groups,
                    "typings": report.typings,
                    "competences": report.competences,
                    "requirements": report.requirements,
                    "decisions": report.decisions,
                    "clauses": report.clauses,
                    "ratingScales": report.rating_scales,
                    "formats": report.formats,
                })),
            },
        )
        .await?;
    }
    // The change feed holds every seeded version (and, on a database seeded before the feed
    // existed, everything stored so far).
    crate::domain::changes::sync_all(&txn, "seed").await?;
    crate::domain::tx::finish(txn, Ok(())).await?;
    Ok(report)
}
