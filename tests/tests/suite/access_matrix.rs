//! Deny by default: every root field of the schema has an access rule, and the rule holds for
//! every kind of caller (anonymous, each role, each machine scope), over HTTP.

use std::collections::BTreeSet;

use fgr_api::auth::{api_tokens, sessions, AuthConfig};
use fgr_api::config::ServerConfig;
use fgr_api::domain::access::{AccessPolicy, Person, Role, Scope, ROOT_FIELDS};
use fgr_api::domain::audit::Actor;
use serde_json::json;

use crate::support::{Backend, TestApp, TestDb};

/// One small invocation of every root field.
const EXAMPLES: &[(&str, &str)] = &[
    ("jobFamilies", "{ jobFamilies { code } }"),
    ("jobFamily", r#"{ jobFamily(code: "BELEID") { code } }"#),
    (
        "functionGroups",
        "{ functionGroups(first: 1) { totalCount } }",
    ),
    (
        "functionGroup",
        r#"{ functionGroup(code: "MANAGER") { code } }"#,
    ),
    (
        "typing",
        r#"{ typing(groupCode: "MANAGER", scale: 12) { scale } }"#,
    ),
    ("competences", "{ competences { name } }"),
    ("search", r#"{ search(text: "manager") { code } }"#),
    (
        "responsibilityRequirements",
        "{ responsibilityRequirements { code } }",
    ),
    ("node", r#"{ node(id: "Sm9iRmFtaWx5OjE") { id } }"#),
    ("me", "{ me { kind allowedOperations } }"),
    ("profileCoverage", "{ profileCoverage { asOf } }"),
    ("decisionLog", "{ decisionLog { summary } }"),
    (
        "versionDiff",
        r#"{ versionDiff(groupCode: "MANAGER", from: 1, to: 1) { path } }"#,
    ),
    ("auditLog", "{ auditLog(first: 1) { totalCount } }"),
    ("proposal", "{ proposal(number: 1) { number } }"),
    ("proposals", "{ proposals { number } }"),
    (
        "previewProposalDiff",
        r#"{ previewProposalDiff(number: 999999, content: { coreProfile: { resultAreas: [], competences: [] }, typings: [], coverage: [] }) { path } }"#,
    ),
    (
        "createProposal",
        r#"mutation { createProposal(input: { groupCode: "MANAGER", title: "t", rationale: "r", requestedEffectiveFrom: "2099-01-01" }) { number } }"#,
    ),
    (
        "updateProposal",
        r#"mutation { updateProposal(input: { number: 999999, expectedVersion: 1, title: "x" }) { number } }"#,
    ),
    (
        "submitProposal",
        "mutation { submitProposal(number: 999999, expectedVersion: 1) { number } }",
    ),
    (
        "commentOnProposal",
        r#"mutation { commentOnProposal(number: 999999, text: "x") { number } }"#,
    ),
    (
        "rebaseProposal",
        "mutation { rebaseProposal(number: 999999, expectedVersion: 1) { number } }",
    ),
    (
        "withdrawProposal",
        "mutation { withdrawProposal(number: 999999, expectedVersion: 1) { number } }",
    ),
    (
        "recordAdvice",
        r#"mutation { recordAdvice(input: { number: 999999, expectedVersion: 1, meetingDate: "2026-01-01", outcome: POSITIVE, rationale: "r", employerMembers: ["a"], unionMembers: ["b"] }) { number } }"#,
    ),
    ("vacancyClauses", "{ vacancyClauses { totalCount } }"),
    ("appraisalFormats", "{ appraisalFormats { totalCount } }"),
    (
        "appraisalFormat",
        r#"{ appraisalFormat(code: "PERSONEELSGESPREK_RIJK") { code } }"#,
    ),
    (
        "appraisalCriteria",
        r#"{ appraisalCriteria(groupCode: "MANAGER", scale: 13) { formats } }"#,
    ),
    ("ratingScales", "{ ratingScales { code } }"),
    ("formatCoverage", "{ formatCoverage { requiredCodes } }"),
    ("changes", "{ changes(first: 1) { edges { cursor } } }"),
    (
        "formatVersionDiff",
        r#"{ formatVersionDiff(code: "PERSONEELSGESPREK_RIJK", from: 1, to: 2) { path } }"#,
    ),
    (
        "vacancyClause",
        r#"{ vacancyClause(code: "VOG") { code } }"#,
    ),
    (
        "clauseVersionDiff",
        r#"{ clauseVersionDiff(code: "VOG", from: 1, to: 1) { path } }"#,
    ),
    (
        "vacancyText",
        r#"{ vacancyText(groupCode: "MANAGER", scale: 15) { text } }"#,
    ),
    (
        "createVacancyClause",
        r#"mutation { createVacancyClause(input: { code: "x", effectiveFrom: "2099-01-01", fields: { title: "t", category: LEADERSHIP, section: PROFILE, textNl: "t", mandatory: false, sourceReference: "s", illustrative: true } }) { code } }"#,
    ),
    (
        "reviseVacancyClause",
        r#"mutation { reviseVacancyClause(input: { code: "GEEN", expectedVersion: 1, effectiveFrom: "2099-01-01", fields: { title: "t", category: LEADERSHIP, section: PROFILE, textNl: "t", mandatory: false, sourceReference: "s", illustrative: true } }) { code } }"#,
    ),
    (
        "retireVacancyClause",
        r#"mutation { retireVacancyClause(code: "GEEN", expectedVersion: 1, on: "2099-01-01") { code } }"#,
    ),
    (
        "recordDecision",
        r#"mutation { recordDecision(input: { number: 999999, expectedVersion: 1, outcome: ADOPTED, reference: "b", decisionDate: "2026-01-01" }) { number } }"#,
    ),
    ("sourceDocuments", "{ sourceDocuments { code } }"),
    ("catalogueTotals", "{ catalogueTotals { held } }"),
    (
        "vocabulary",
        "{ vocabulary { clauseCategories { value label } } }",
    ),
    ("abdRule", "{ abdRule { minScale } }"),
    ("abdRuleVersions", "{ abdRuleVersions { number } }"),
    (
        "changeAbdRule",
        // A stale version: refused after the access check, so it changes nothing.
        r#"mutation { changeAbdRule(input: { expectedVersion: 99, minScale: 15, effectiveFrom: "2099-01-01", reference: "r" }) { number } }"#,
    ),
    (
        "importCatalogue",
        // Not a catalogue: refused after the access check, so it changes nothing.
        r#"mutation { importCatalogue(input: { document: "{}", dryRun: false }) { applied } }"#,
    ),
];

/// The root fields of the schema (queries and mutations), read by introspection.
async fn root_fields() -> Vec<String> {
    let schema = fgr_api::graphql::build_schema(&Default::default(), AccessPolicy::default());
    let response = schema
        .execute("{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }")
        .await;
    let data = response.data.into_json().unwrap();
    let mut fields = Vec::new();
    for kind in ["queryType", "mutationType", "subscriptionType"] {
        if let Some(list) = data["__schema"][kind]["fields"].as_array() {
            fields.extend(list.iter().map(|f| f["name"].as_str().unwrap().to_owned()));
        }
    }
    fields
}

#[tokio::test]
async fn every_query_and_mutation_has_an_access_rule_and_an_example() {
    let fields = root_fields().await;
    assert!(
        fields.len() >= 9,
        "could not read the root fields: {fields:?}"
    );
    for field in &fields {
        assert!(
            ROOT_FIELDS.iter().any(|(f, _)| f == field),
            "{field} has no access rule in ROOT_FIELDS"
        );
        // Subscriptions travel over WebSocket; `subscriptions.rs` checks their access.
        assert!(
            field == "changeEvents" || EXAMPLES.iter().any(|(f, _)| f == field),
            "{field} has no example in the access matrix test"
        );
    }
    for (field, _) in ROOT_FIELDS {
        assert!(
            fields.iter().any(|f| f == field),
            "ROOT_FIELDS lists {field}, which the schema does not have"
        );
    }
}

/// Who calls.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous { public_read: bool },
    Person(Role),
    Machine(Scope),
}

/// For one operation: the refusal for anonymous callers, which roles may, and the refusal for
/// machines.
type Rule = (Option<&'static str>, fn(Role) -> bool, Option<&'static str>);

/// Committee members, its secretary, FGR beheer and admins.
fn committee(r: Role) -> bool {
    matches!(
        r,
        Role::CommitteeMember | Role::CommitteeSecretary | Role::Maintainer | Role::Admin
    )
}

/// The matrix, written out: the refusal code each caller gets for each root field, or `None`
/// when it is allowed.
fn expected(field: &str, who: Who) -> Option<&'static str> {
    let (anonymous, person, machine): Rule = match field {
        "me" => return None,
        "auditLog" => (Some("UNAUTHENTICATED"), committee, Some("FORBIDDEN")),
        "proposal" | "proposals" => (Some("UNAUTHENTICATED"), |_| true, Some("FORBIDDEN")),
        "createProposal"
        | "updateProposal"
        | "submitProposal"
        | "withdrawProposal"
        | "rebaseProposal"
        | "commentOnProposal"
        | "previewProposalDiff" => (Some("UNAUTHENTICATED"), committee, Some("FORBIDDEN")),
        "recordAdvice" => (
            Some("UNAUTHENTICATED"),
            |r| r == Role::CommitteeSecretary,
            Some("FORBIDDEN"),
        ),
        "recordDecision" | "importCatalogue" => (
            Some("UNAUTHENTICATED"),
            |r| r == Role::Maintainer,
            Some("FORBIDDEN"),
        ),
        "createVacancyClause" | "reviseVacancyClause" | "retireVacancyClause" | "changeAbdRule" => {
            (
                Some("UNAUTHENTICATED"),
                |r| matches!(r, Role::Maintainer | Role::CommitteeSecretary),
                Some("FORBIDDEN"),
            )
        }
        // Vacancy clauses are public like the catalogue, with a scope of their own.
        "vacancyClauses" | "vacancyClause" | "clauseVersionDiff" | "vacancyText" | "abdRule"
        | "abdRuleVersions" => {
            return match who {
                Who::Anonymous { public_read } => (!public_read).then_some("UNAUTHENTICATED"),
                Who::Person(_) => None,
                Who::Machine(scope) => (scope != Scope::ClausesRead).then_some("FORBIDDEN"),
            }
        }
        // Appraisal formats and criteria too, with their own scope.
        "appraisalFormats" | "appraisalFormat" | "appraisalCriteria" | "ratingScales"
        | "formatCoverage" | "formatVersionDiff" => {
            return match who {
                Who::Anonymous { public_read } => (!public_read).then_some("UNAUTHENTICATED"),
                Who::Person(_) => None,
                Who::Machine(scope) => (scope != Scope::CriteriaRead).then_some("FORBIDDEN"),
            }
        }
        "changes" => {
            return match who {
                Who::Anonymous { public_read } => (!public_read).then_some("UNAUTHENTICATED"),
                Who::Person(_) => None,
                Who::Machine(scope) => (scope != Scope::ChangesRead).then_some("FORBIDDEN"),
            }
        }
        // Everything else reads the published catalogue.
        _ => {
            return match who {
                Who::Anonymous { public_read } => (!public_read).then_some("UNAUTHENTICATED"),
                Who::Person(_) => None,
                Who::Machine(scope) => (scope != Scope::CatalogueRead).then_some("FORBIDDEN"),
            }
        }
    };
    match who {
        Who::Anonymous { .. } => anonymous,
        Who::Person(role) => (!person(role)).then_some("FORBIDDEN"),
        Who::Machine(_) => machine,
    }
}

#[tokio::test]
async fn the_access_matrix_holds_for_every_operation_and_every_caller() {
    let mut checked = 0;
    for public_read in [true, false] {
        let db = TestDb::seeded(Backend::Sqlite).await;
        let config = ServerConfig {
            auth: AuthConfig {
                access: AccessPolicy { public_read },
                ..AuthConfig::default()
            },
            ..ServerConfig::default()
        };
        let mut callers: Vec<(Who, Vec<(String, String)>)> =
            vec![(Who::Anonymous { public_read }, Vec::new())];
        for role in Role::ALL {
            let person = Person {
                subject: format!("test:{}", role.code()),
                name: role.label().into(),
                email: None,
                roles: BTreeSet::from([Role::Viewer, role]),
            };
            let token = sessions::start(&db.conn, &config.auth, &person, None, "test", "test")
                .await
                .unwrap();
            callers.push((
                Who::Person(role),
                vec![("cookie".into(), format!("fgr_session={token}"))],
            ));
        }
        for scope in Scope::ALL {
            let issued = api_tokens::create(
                &db.conn,
                &Actor::cli(),
                "test",
                scope.code(),
                &BTreeSet::from([scope]),
                None,
            )
            .await
            .unwrap();
            callers.push((
                Who::Machine(scope),
                vec![("authorization".into(), format!("Bearer {}", issued.token))],
            ));
        }
        let app = TestApp::configured(db, config);
        for (who, headers) in &callers {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            for (field, query) in EXAMPLES {
                let want = expected(field, *who);
                let answer = app.graphql_with(query, json!({}), &headers).await;
                let body = answer.json();
                let code = body["errors"][0]["extensions"]["code"].as_str();
                // Allowed calls may still fail for other reasons (an unknown proposal number);
                // what matters here is whether access was refused.
                let refusal = code.filter(|c| matches!(*c, "UNAUTHENTICATED" | "FORBIDDEN"));
                let label = match who {
                    Who::Anonymous { public_read } => {
                        format!("anonymous (public read {public_read})")
                    }
                    Who::Person(role) => format!("person with role {}", role.code()),
                    Who::Machine(scope) => format!("machine with scope {}", scope.code()),
                };
                assert_eq!(refusal, want, "{field} as {label}: {body}");
                // RFC 6750 statuses for bearer and anonymous callers; a signed-in person gets the
                // refusal as a GraphQL error in a 200.
                let status = match (refusal, who) {
                    (Some("UNAUTHENTICATED"), _) => 401,
                    (Some("FORBIDDEN"), Who::Machine(_)) => 403,
                    _ => 200,
                };
                assert_eq!(answer.status.as_u16(), status, "{field} as {label}");
                if status != 200 {
                    assert!(
                        answer.headers.contains_key("www-authenticate"),
                        "{field} as {label}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked,
        2 * EXAMPLES.len() * (1 + Role::ALL.len() + Scope::ALL.len())
    );
}

/// Requests are checked before execution and again field by field: one that mixes an allowed
/// and a refused root field, hides a refused one in a fragment or renames it with an alias, is
/// refused on exactly that field, and the allowed fields are answered.
#[tokio::test]
async fn refused_fields_are_refused_however_the_request_is_written() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let cases = [
        ("{ jobFamilies { code } auditLog(first: 1) { totalCount } }", "auditLog"),
        ("{ jobFamilies { code } ...F } fragment F on QueryRoot { auditLog(first: 1) { totalCount } }", "auditLog"),
        ("{ jobFamilies { code } ... on QueryRoot { auditLog(first: 1) { totalCount } } }", "auditLog"),
        ("query Q { jobFamilies { code } families: auditLog(first: 1) { totalCount } }", "families"),
    ];
    for (query, key) in cases {
        let answer = app.graphql_with(query, json!({}), &[]).await;
        let body = answer.json();
        assert_eq!(answer.status.as_u16(), 401, "{query}: {body}");
        assert_eq!(
            body["errors"].as_array().map(Vec::len),
            Some(1),
            "{query}: {body}"
        );
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{query}: {body}"
        );
        assert_eq!(body["errors"][0]["path"], json!([key]), "{query}: {body}");
        assert!(
            body["data"][key].is_null(),
            "nothing of the audit log leaks: {body}"
        );
        assert_eq!(
            body["data"]["jobFamilies"].as_array().map(Vec::len),
            Some(8),
            "the allowed field is answered: {body}"
        );
    }
    // All allowed, through fragments too: answered in full.
    let body = app
        .graphql_with(
            "{ ...F __typename } fragment F on QueryRoot { jobFamilies { code } me { kind } }",
            json!({}),
            &[],
        )
        .await
        .json();
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["me"]["kind"], "ANONYMOUS");
    assert_eq!(
        body["data"]["jobFamilies"].as_array().map(Vec::len),
        Some(8)
    );
}
