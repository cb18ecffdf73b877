//! The read model: the whole versioned register in memory as one immutable snapshot, swapped on
//! every committed change and kept coherent across replicas through the change feed.
//!
//! - [`snapshot`]: the [`Register`] and its indexes (what a read looks things up in);
//! - [`load`]: reading it from the database, whole or only what changed;
//! - [`publish`]: the [`ReadModel`] that serves the current snapshot and the freshness rule.
//!
//! Every domain read (GraphQL, the console's server rendering, the CLI's coverage and exports)
//! takes a `&Register`; which version is in effect on a date is decided in one place,
//! [`crate::domain::temporal`].

pub mod load;
pub mod publish;
pub mod snapshot;

pub use publish::ReadModel;
pub use snapshot::{
    ClauseHistory, FormatHistory, FormatVersionEntry, GroupHistory, GroupVersionEntry, Parts,
    RatingScale, Register, Requirement,
};
