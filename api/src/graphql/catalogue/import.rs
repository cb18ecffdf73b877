//! The catalogue import over GraphQL (FGR beheer): the console's upload sends the file's text.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};

use super::super::diff::{to_graphql, FieldChange};
use super::super::errors::GqlResultExt;
use super::super::scalars::Date;
use super::super::{caller, changed, db, register};
use crate::domain::exchange::import::{self, GroupAction, Options};

/// An import of a catalogue file.
#[derive(InputObject)]
pub struct ImportCatalogueInput {
    /// The file's text: a document in the `fgr-catalogue/1` format (`schema/catalogue-v1.schema.json`),
    /// as `fgr catalogue export` or `GET /api/catalogue.json` writes it.
    pub document: String,
    /// The decision new versions of groups the register holds rest on; required when one changes.
    pub decision: Option<String>,
    /// First day of those new versions (today or later); required with `decision`.
    pub effective_from: Option<Date>,
    /// The decision's date; default `effectiveFrom`.
    pub decided_on: Option<Date>,
    /// Check and show what would change, write nothing (default true: confirming is explicit).
    #[graphql(default = true)]
    pub dry_run: bool,
}

/// What an import does to a group.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum GroupImportAction {
    /// Not in the register: added with the file's versions.
    Added,
    /// Its content differs from its latest version: a new version from the effective date.
    NewVersion,
    /// Same content as its latest version.
    Unchanged,
}

/// One group of the file.
#[derive(SimpleObject)]
pub struct GroupImport {
    /// The group's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub action: GroupImportAction,
    /// Versions added.
    pub versions_added: i32,
    /// The change of its content, as on a proposal: against its latest version, or (added) the
    /// content of its last version.
    pub changes: Vec<FieldChange>,
}

/// What an import did or (dry run) would do.
#[derive(SimpleObject)]
pub struct CatalogueImport {
    /// Whether anything was written.
    pub applied: bool,
    /// Every group of the file, in its order.
    pub groups: Vec<GroupImport>,
    /// Other records added, e.g. "familie LIJNMANAGEMENT".
    pub added: Vec<String>,
    /// What the register holds differently and the import leaves alone.
    pub remarks: Vec<String>,
}

/// The import (FGR beheer).
#[derive(Default)]
pub struct ImportMutation;

#[Object]
impl ImportMutation {
    /// Checks a catalogue file and (with `dryRun: false`) takes it in: groups the register lacks
    /// are added with their versions, groups whose content differs get a new version from
    /// `effectiveFrom` resting on `decision`, audited and in the change feed. Every problem is
    /// reported at once (`BAD_USER_INPUT`, `extensions.problems` with each `place`), and nothing
    /// is written while there is one. Importing the same file again changes nothing.
    async fn import_catalogue(
        &self,
        ctx: &Context<'_>,
        input: ImportCatalogueInput,
    ) -> async_graphql::Result<CatalogueImport> {
        let options = Options {
            decision: input.decision,
            effective_from: input.effective_from.map(|d| d.0),
            decided_on: input.decided_on.map(|d| d.0),
            dry_run: input.dry_run,
        };
        let snapshot = register(ctx).await?;
        let outcome = import::run(db(ctx)?, &caller(ctx), &snapshot, &input.document, &options)
            .await
            .gql()?;
        if outcome.applied {
            changed(ctx).await?;
        }
        Ok(CatalogueImport {
            applied: outcome.applied,
            groups: outcome
                .groups
                .into_iter()
                .map(|g| GroupImport {
                    code: g.code,
                    name: g.name,
                    action: match g.action {
                        GroupAction::Added => GroupImportAction::Added,
                        GroupAction::NewVersion => GroupImportAction::NewVersion,
                        GroupAction::Unchanged => GroupImportAction::Unchanged,
                    },
                    versions_added: i32::try_from(g.versions_added).unwrap_or(i32::MAX),
                    changes: to_graphql(g.changes),
                })
                .collect(),
            added: outcome.added,
            remarks: outcome.remarks,
        })
    }
}
