//! The FGR Register: the domain of the Functiegebouw Rijk (families, function groups, versioned
//! profiles, responsibility requirements), its GraphQL API, the HTTP server that also serves the
//! console, and the `fgr` command.
//!
//! Layers, from the inside out: [`domain`] holds every rule and query and is what all adapters call;
//! [`graphql`] adapts it to the schema (check, call, convert); [`http`] puts GraphQL, the console and health checks on
//! one axum router; [`observe`] gives every request an id, a trace and metrics; [`cli`] is the
//! `fgr` command.

pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod console_bridge;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod observe;
pub mod push;
pub mod register;
pub mod seed;
pub mod serve;
