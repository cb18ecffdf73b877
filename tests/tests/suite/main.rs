//! The black-box test suite of the FGR register: one binary, one `support` module.
//!
//! Tests that touch the database run on SQLite, PostgreSQL and MariaDB (`name::sqlite`,
//! `name::postgres`, `name::mariadb`), each on a fresh database.

mod support;

mod abd_rule;
mod access_matrix;
mod amendments;
mod api_errors;
mod appraisal_criteria;
mod audit_trail;
mod backup_restore;
mod catalogue_api;
mod catalogue_export;
mod catalogue_import;
mod change_feed;
mod concurrent_writes;
mod console_pages;
mod contract;
mod coverage_report;
mod edge_inputs;
mod format_amendments;
mod group_content;
mod kept_answers;
mod machine_tokens;
mod migrations;
mod observability;
mod oidc_login;
mod outage;
mod persisted_operations;
mod provider_tokens;
mod query_cost;
mod rate_limits;
mod read_model;
mod replicas;
mod search;
mod seed_facts;
mod sessions;
mod snapshots;
mod statement_counts;
mod subscriptions;
mod transport;
mod typing_print;
mod typing_variants;
mod vacancy_clauses;
mod webhooks;
