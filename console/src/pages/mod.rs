//! One module per route.

pub mod audit;
pub mod catalogue_import;
pub mod clauses;
pub mod coverage;
pub mod family;
pub mod formats;
pub mod group;
pub mod history;
pub mod home;
pub mod not_found;
pub mod proposal_actions;
pub mod proposals;
pub mod search;
pub mod typing;
pub mod vacancy_text;
