//! The domain layer: rules, validation and queries, shared by every adapter (GraphQL, console,
//! CLI). Functions take `&impl ConnectionTrait` so they run on a pool or in a transaction alike.

pub mod abd;
pub mod access;
pub mod amendment_targets;
pub mod amendments;
pub mod appraisal;
pub mod audit;
pub mod caller;
pub mod changes;
pub mod checkpoints;
pub mod clauses;
pub mod content;
pub mod coverage;
pub mod csv;
pub mod dates;
pub mod decisions;
pub mod diff;
pub mod exchange;
pub mod fuwasys;
pub mod groups;
pub mod limits;
pub mod operations;
pub mod posts;
pub mod printing;
pub mod profiles;
pub mod rebase;
pub mod requirements;
pub mod search;
pub mod temporal;
pub mod text;
pub mod tx;
pub mod vocabulary;
