//! Taking a catalogue document in (FGR beheer): the `fgr-catalogue/1` file an export wrote, or
//! one FGR beheer edited from the full source texts.
//!
//! The whole file is checked first; every problem is reported with its place in the file and
//! nothing is written while there is one. What would change is shown per group as the same diff
//! the committee sees on a proposal. Then, on confirmation, in one transaction:
//!
//! - a group the register does not hold is added **with its versions as the file has them**
//!   (their own dates and provenance): that is how a register is restored or moved;
//! - a group the register holds gets a **new version** when the file's last version says
//!   something else than the group's latest version: from `effective_from` (today or later,
//!   after the latest version's start), with the decision as its provenance, closing the latest
//!   version there, exactly as an adoption does;
//! - families, source documents, requirements, competences, declared totals and (on a register
//!   without one) the ABD rule that the register lacks are added.
//!
//! What the register already holds differently outside a group's content (a group's name or
//! scale range, a family's name, an ABD rule version) is not rewritten: those records are not
//! versioned, and earlier answers must stay as they were. The outcome lists each as a remark.
//! Importing the same file twice changes nothing the second time.

mod apply;
mod document;
mod plan;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::Group;
use crate::domain::access::Operation;
use crate::domain::caller::Caller;
use crate::domain::content::GroupContent;
use crate::domain::diff::FieldChange;
use crate::domain::tx;
use crate::error::{DomainError, DomainResult};
use crate::register::Register;
pub use document::parse;

/// How the file's content for groups the register holds is adopted.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The decision the new versions rest on (their provenance); required when a group the
    /// register holds changes.
    pub decision: Option<String>,
    /// First day of the new versions (today or later); required with `decision`.
    pub effective_from: Option<NaiveDate>,
    /// The decision's date; default the effective date.
    pub decided_on: Option<NaiveDate>,
    /// Check and show what would change, write nothing.
    pub dry_run: bool,
}

/// What the import does to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    /// The register does not hold it: added with the file's versions.
    Added,
    /// Its content differs from its latest version: a new version from the effective date.
    NewVersion,
    /// Its content is the same as its latest version.
    Unchanged,
}

/// One group's part of the import.
#[derive(Debug, Clone)]
pub struct GroupOutcome {
    /// The group's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub action: GroupAction,
    /// Versions added (all of the file's for an added group, 1 for a new version, else 0).
    pub versions_added: usize,
    /// The change of its content: against the latest version, or against nothing for an added
    /// group (its last version in the file).
    pub changes: Vec<FieldChange>,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Whether anything was written (false for a dry run, and when nothing changes).
    pub applied: bool,
    /// Every group of the file, in the file's order.
    pub groups: Vec<GroupOutcome>,
    /// Records added beside groups, e.g. `family LIJNMANAGEMENT`, `competence Samenwerken`.
    pub added: Vec<String>,
    /// What the register holds differently and the import leaves alone, for people to check.
    pub remarks: Vec<String>,
}

impl Outcome {
    /// Whether the import changes anything.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty()
            || self
                .groups
                .iter()
                .any(|g| g.action != GroupAction::Unchanged)
    }
}

/// Imports `text` (FGR beheer): checks everything, and unless `options.dry_run` writes what
/// changes in one transaction, with audit entries and change-feed events.
///
/// # Errors
/// `BAD_USER_INPUT` ([`DomainError::Invalid`]) listing every problem with its place (nothing is
/// written); `FORBIDDEN`/`UNAUTHENTICATED` for anyone but FGR beheer; `CONFLICT` when the
/// register changed meanwhile (nothing is written; check again).
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    register: &Register,
    text: &str,
    options: &Options,
) -> DomainResult<Outcome> {
    caller.person(Operation::ImportCatalogue)?;
    let doc = parse(text)?;
    let mut outcome = plan::plan(register, &doc, options).map_err(DomainError::Invalid)?;
    if options.dry_run || !outcome.changes_anything() {
        return Ok(outcome);
    }
    let txn = db.begin().await?;
    let result = apply::apply(&txn, caller, register, &doc, options, &outcome).await;
    tx::finish(txn, result).await?;
    outcome.applied = true;
    Ok(outcome)
}

/// The file's content of a group: its last version's, in stored order.
fn last_content(g: &Group) -> Option<GroupContent> {
    g.versions.last().map(|v| {
        let mut c = v.content.clone();
        crate::domain::content::normalize(&mut c);
        c
    })
}
