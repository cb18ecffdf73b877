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
    (
        "responsibilityRequirements",
        "{ responsibilityRequirements { code } }",
    ),
    ("node", r#"{ node(id: "Sm9iRmFtaWx5OjE") { id } }"#),
    ("me", "{ me { kind allowedOperations } }"),
    ("profileCoverage", "{ profileCoverage { asOf } }"),
    ("auditLog", "{ auditLog(first: 1) { totalCount } }"),
];

/// The root fields of the schema (queries and mutations), read by introspection.
async fn root_fields() -> Vec<String> {
    let schema = fgr_api::graphql::build_schema(&Default::default(), AccessPolicy::default());
    let response = schema
        .execute("{ __schema { queryType { fields { name } } mutationType { fields { name } } } }")
        .await;
    let data = response.data.into_json().unwrap();
    let mut fields = Vec::new();
    for kind in ["queryType", "mutationType"] {
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
        assert!(
            EXAMPLES.iter().any(|(f, _)| f == field),
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

/// A kind of caller, with what it should get for each kind of operation.
struct Caller {
    label: String,
    headers: Vec<(String, String)>,
    /// `None` when catalogue reads are allowed, else the expected error code.
    catalogue: Option<&'static str>,
    /// `None` when reading the audit trail is allowed, else the expected error code.
    audit: Option<&'static str>,
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
        let mut callers = vec![Caller {
            label: format!("anonymous (public read {public_read})"),
            headers: Vec::new(),
            catalogue: (!public_read).then_some("UNAUTHENTICATED"),
            audit: Some("UNAUTHENTICATED"),
        }];
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
            callers.push(Caller {
                label: format!("person with role {}", role.code()),
                headers: vec![("cookie".into(), format!("fgr_session={token}"))],
                catalogue: None,
                audit: match role {
                    Role::CommitteeMember
                    | Role::CommitteeSecretary
                    | Role::Maintainer
                    | Role::Admin => None,
                    Role::Viewer | Role::Recruiter => Some("FORBIDDEN"),
                },
            });
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
            callers.push(Caller {
                label: format!("machine with scope {}", scope.code()),
                headers: vec![("authorization".into(), format!("Bearer {}", issued.token))],
                catalogue: (scope != Scope::CatalogueRead).then_some("FORBIDDEN"),
                audit: Some("FORBIDDEN"),
            });
        }
        let app = TestApp::configured(db, config);
        for caller in &callers {
            let headers: Vec<(&str, &str)> = caller
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            for (field, query) in EXAMPLES {
                let expected = match *field {
                    "me" => None,
                    "auditLog" => caller.audit,
                    _ => caller.catalogue,
                };
                let answer = app.graphql_with(query, json!({}), &headers).await;
                let body = answer.json();
                let code = body["errors"][0]["extensions"]["code"].as_str();
                // RFC 6750 statuses for bearer and anonymous callers; a signed-in person gets the
                // GraphQL error in a 200.
                let is_machine = caller.label.starts_with("machine");
                let status = match code {
                    Some("UNAUTHENTICATED") => 401,
                    Some("FORBIDDEN") if is_machine => 403,
                    _ => 200,
                };
                assert_eq!(
                    answer.status.as_u16(),
                    status,
                    "{field} as {}",
                    caller.label
                );
                if status != 200 {
                    assert!(
                        answer.headers.contains_key("www-authenticate"),
                        "{field} as {}",
                        caller.label
                    );
                }
                assert_eq!(code, expected, "{field} as {}: {body}", caller.label);
                if expected.is_none() {
                    assert!(
                        !body["data"][*field].is_null() || *field == "node",
                        "{field} as {}: {body}",
                        caller.label
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
