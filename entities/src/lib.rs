//! SeaORM entities of the FGR register: one module per table, nothing else.
//!
//! Behaviour (validation, versioning rules, queries) lives in the `api` crate's domain layer.

pub mod abd_rule_version;
pub mod amendment_proposal;
pub mod api_client;
pub mod appraisal_format;
pub mod appraisal_format_version;
pub mod audit_event;
pub mod audit_head;
pub mod change_event;
pub mod committee_advice;
pub mod competence;
pub mod core_profile;
pub mod core_profile_competence;
pub mod core_profile_item;
pub mod decision_log;
pub mod declared_total;
pub mod function_group;
pub mod group_version;
pub mod job_family;
pub mod login_attempt;
pub mod owner_decision;
pub mod persisted_operation;
pub mod proposal_comment;
pub mod rating_scale;
pub mod requirement_coverage;
pub mod requirement_scope;
pub mod responsibility_requirement;
pub mod result_area;
pub mod session;
pub mod source_document;
pub mod typing;
pub mod typing_item;
pub mod vacancy_clause;
pub mod vacancy_clause_version;
pub mod webhook;
pub mod webhook_delivery;
