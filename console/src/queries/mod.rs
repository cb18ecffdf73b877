//! The GraphQL operations the console sends: one file each under `console/queries/`, their
//! variables and answers generated from `schema.graphql` at compile time by `graphql_client`.
//!
//! A schema change that breaks an operation, or a field an operation no longer gets, fails
//! `cargo check -p fgr-console`. Each schema enum is generated once (by the operation named
//! beside it below) and shared by the others through `extern_enums`, so a `ProposalState` is the
//! same type on every page. Every operation is listed in [`READS`] or [`CHANGES`], so the server's test suite can
//! run each one against the API.

use graphql_client::GraphQLQuery;

pub mod amendments;
pub mod appraisal;
pub mod catalogue;
pub mod clauses;

// Tells cargo the console's build reads the schema: a change to it re-checks every operation.
const _: &str = include_str!("../../../schema.graphql");

/// The schema's `Date`: an ISO date, kept as the text the API sends.
pub type Date = String;
/// The schema's `JSON`: a content document (see [`crate::content`]).
#[allow(clippy::upper_case_acronyms)]
pub type JSON = serde_json::Value;

pub use amendments::console_preview_diff::{ChangeKind, WordTag};
pub use amendments::console_proposal::{
    AdviceOutcome, DecisionOutcome, ProposalState, ProposalStep, ProposalTarget,
};
pub use appraisal::console_format::FormatAudience;
pub use catalogue::console_group::{ProvenanceKind, TypingSectionKind};
pub use catalogue::console_me::{Operation, PrincipalKind, Role};
pub use clauses::console_create_clause::{ClauseCategory, ClauseStatus, VacancySection};

/// Derives one operation from its `.graphql` file; `shares` names the schema enums it takes from
/// the operations that generate them.
macro_rules! operation {
    ($(#[$doc:meta])* $name:ident, $file:tt) => {
        $(#[$doc])*
        #[derive(graphql_client::GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $file,
            response_derives = "Clone, Debug, PartialEq, Serialize",
            variables_derives = "Clone, Debug, Deserialize"
        )]
        pub struct $name;
        // Tells cargo the build reads the file (the derive alone does not).
        const _: &str = include_str!(concat!("../../", $file));
    };
    ($(#[$doc:meta])* $name:ident, $file:tt, shares($($enum:tt),+)) => {
        $(#[$doc])*
        #[derive(graphql_client::GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $file,
            response_derives = "Clone, Debug, PartialEq, Serialize",
            variables_derives = "Clone, Debug, Deserialize",
            extern_enums($($enum),+)
        )]
        pub struct $name;
        // Tells cargo the build reads the file (the derive alone does not).
        const _: &str = include_str!(concat!("../../", $file));
    };
}
pub(crate) use operation;

/// One operation as the test suite needs it: its name, its document, and a check that an
/// answer's `data` reads into the generated type.
#[derive(Clone, Copy)]
pub struct Listed {
    /// The operation's name, e.g. `ConsoleGroup`.
    pub name: &'static str,
    /// The document sent.
    pub document: &'static str,
    /// Reads `data` into the generated answer type.
    pub decode: fn(serde_json::Value) -> Result<(), String>,
}

fn decode<Q: GraphQLQuery>(data: serde_json::Value) -> Result<(), String> {
    serde_json::from_value::<Q::ResponseData>(data)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

macro_rules! listed {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$(Listed {
            name: $module::OPERATION_NAME,
            document: $module::QUERY,
            decode: decode::<$name>,
        }),*]
    };
}

/// The console's reads: each is valid with variables naming a group, clause or format, a
/// proposal number and two version numbers.
pub const READS: &[Listed] = {
    use amendments::*;
    use appraisal::*;
    use catalogue::*;
    use clauses::*;
    listed![
        console_me::ConsoleMe,
        console_families::ConsoleFamilies,
        console_family::ConsoleFamily,
        console_group::ConsoleGroup,
        console_history::ConsoleHistory,
        console_typing::ConsoleTyping,
        console_version_diff::ConsoleVersionDiff,
        console_coverage::ConsoleCoverage,
        console_search::ConsoleSearch,
        console_audit_log::ConsoleAuditLog,
        console_group_choices::ConsoleGroupChoices,
        console_proposals::ConsoleProposals,
        console_proposal::ConsoleProposal,
        console_adopted_proposals::ConsoleAdoptedProposals,
        console_clauses::ConsoleClauses,
        console_clause::ConsoleClause,
        console_clause_version_diff::ConsoleClauseVersionDiff,
        console_vacancy_text::ConsoleVacancyText,
        console_formats::ConsoleFormats,
        console_format::ConsoleFormat,
        console_format_version_diff::ConsoleFormatVersionDiff,
        console_appraisal_criteria::ConsoleAppraisalCriteria,
    ]
};

/// The console's changes, with the draft's live diff, in the order of the workflow.
pub const CHANGES: &[Listed] = {
    use amendments::*;
    use catalogue::*;
    use clauses::*;
    listed![
        console_create_proposal::ConsoleCreateProposal,
        console_preview_diff::ConsolePreviewDiff,
        console_update_proposal::ConsoleUpdateProposal,
        console_submit_proposal::ConsoleSubmitProposal,
        console_comment_on_proposal::ConsoleCommentOnProposal,
        console_record_advice::ConsoleRecordAdvice,
        console_record_decision::ConsoleRecordDecision,
        console_rebase_proposal::ConsoleRebaseProposal,
        console_withdraw_proposal::ConsoleWithdrawProposal,
        console_create_clause::ConsoleCreateClause,
        console_revise_clause::ConsoleReviseClause,
        console_retire_clause::ConsoleRetireClause,
        console_import_catalogue::ConsoleImportCatalogue,
    ]
};

/// Every operation of the console: the reads, then the changes.
pub fn all() -> impl Iterator<Item = &'static Listed> {
    READS.iter().chain(CHANGES)
}

/// The operation named `name`.
///
/// # Panics
/// When the console has no such operation (a test asking for one that was renamed).
pub fn listed(name: &str) -> Listed {
    *all()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("the console has no operation {name}"))
}

/// The schema's name of an enum value, e.g. `NEW_VERSION` (for `data-` attributes and classes).
pub fn code<E: serde::Serialize>(value: &E) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum value named `code` (from a `<select>`), if the schema has it.
pub fn value_of<E: serde::de::DeserializeOwned>(code: &str) -> Option<E> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// The same schema input type as generated for another operation: both are generated from one
/// input type of `schema.graphql`, so they read and write the same JSON.
///
/// # Panics
/// Never for two types generated from one input type.
pub fn same_input<A: serde::Serialize, B: serde::de::DeserializeOwned>(input: A) -> B {
    serde_json::to_value(input)
        .and_then(serde_json::from_value)
        .expect("one input type of the schema")
}

/// A reference list as the forms use it: (the value's code, its label), in the API's order.
pub type Labels = Vec<(String, String)>;

/// The label `labels` give `value`; its code when the list lacks it (a value newer than the
/// console's query), so nothing shows blank.
pub fn label_of<E: serde::Serialize>(labels: &Labels, value: &E) -> String {
    let code = code(value);
    labels
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label.clone())
}

/// Reads each listed `{ value label }` list of the `vocabulary` answers as [`Labels`].
macro_rules! labels_of {
    ($list:expr) => {
        $list
            .into_iter()
            .map(|c| ($crate::queries::code(&c.value), c.label))
            .collect::<$crate::queries::Labels>()
    };
}
pub(crate) use labels_of;

/// Gives each listed `scaleRange { min max }` answer `label()`: "schaal 12–15" or "schaal 19".
macro_rules! scale_ranges {
    ($($ty:path),* $(,)?) => {$(
        impl $ty {
            /// "schaal 12–15" or "schaal 19".
            pub fn label(&self) -> String {
                if self.min == self.max {
                    format!("schaal {}", self.min)
                } else {
                    format!("schaal {}–{}", self.min, self.max)
                }
            }
        }
    )*};
}
pub(crate) use scale_ranges;

/// Gives each listed `me` answer `may(operation)`.
macro_rules! viewer {
    ($($ty:path),* $(,)?) => {$(
        impl $ty {
            /// Whether the caller may perform `operation` (the API checks again).
            pub fn may(&self, operation: $crate::queries::Operation) -> bool {
                self.allowed_operations.contains(&operation)
            }
        }
    )*};
}
pub(crate) use viewer;

/// Reads each listed field-change type (the same `path kind before after words { tag text }`
/// selection in another operation) as the one [`amendments::FieldChange`] the diff view shows.
macro_rules! field_changes {
    ($($module:ident :: $ty:ident / $words:ident),* $(,)?) => {$(
        impl From<$module::$ty> for $crate::queries::amendments::FieldChange {
            fn from(c: $module::$ty) -> Self {
                Self {
                    path: c.path,
                    kind: c.kind,
                    before: c.before,
                    after: c.after,
                    words: c.words.into_iter().map(|w| {
                        let $module::$words { tag, text } = w;
                        $crate::queries::amendments::WordRun { tag, text }
                    }).collect(),
                }
            }
        }
    )*};
}
pub(crate) use field_changes;
