//! The change feed: a client that replays it from the start, or resumes from its last cursor,
//! ends up with the register's current state; positions have no gaps.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Utc};
use fgr_api::auth::api_tokens;
use fgr_api::domain::access::{Role, Scope};
use fgr_api::domain::audit::Actor;
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const FEED: &str = r#"query F($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { position entityType entityId version kind effectiveFrom data }
  }
}"#;

/// What a client keeps: per entity its version, whether it is retired, and its data.
type State = BTreeMap<(String, String), (i64, bool, Value)>;

/// Reads the feed from `after` to the end as a machine client; the new cursor and positions.
async fn replay(
    app: &TestApp,
    token: &str,
    mut after: Option<String>,
    state: &mut State,
) -> (Option<String>, Vec<i64>) {
    let auth = format!("Bearer {token}");
    let mut positions = Vec::new();
    loop {
        let answer = app
            .graphql_with(
                FEED,
                json!({ "after": after, "first": 37 }),
                &[("authorization", auth.as_str())],
            )
            .await
            .json();
        assert!(answer.get("errors").is_none(), "{answer}");
        let page = &answer["data"]["changes"];
        for e in page["nodes"].as_array().unwrap() {
            positions.push(e["position"].as_i64().unwrap());
            let key = (
                e["entityType"].as_str().unwrap().to_owned(),
                e["entityId"].as_str().unwrap().to_owned(),
            );
            let retired = e["kind"] == "RETIRED";
            let data = if retired {
                state.get(&key).map(|s| s.2.clone()).unwrap_or_default()
            } else {
                e["data"].clone()
            };
            state.insert(key, (e["version"].as_i64().unwrap(), retired, data));
        }
        if let Some(end) = page["pageInfo"]["endCursor"].as_str() {
            after = Some(end.to_owned());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return (after, positions);
        }
    }
}

/// The register's current state, read through the ordinary queries (latest version of
/// everything: far in the future every open-ended version is in effect).
async fn current_state(app: &TestApp) -> BTreeMap<(String, String), (i64, bool)> {
    let far = "2100-01-01";
    let mut state = BTreeMap::new();
    let groups = app
        .data(
            r#"query G($on: Date) { functionGroups(first: 100, asOf: $on) { nodes { code versions { number } typings { scale variant { number } } } } }"#,
            json!({ "on": far }),
        )
        .await;
    for g in groups["functionGroups"]["nodes"].as_array().unwrap() {
        let code = g["code"].as_str().unwrap();
        let latest = g["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["number"].as_i64().unwrap())
            .max()
            .unwrap();
        state.insert(("FUNCTION_GROUP".into(), code.into()), (latest, false));
        for t in g["typings"].as_array().unwrap() {
            // A named variant is its own entity in the feed: `GROUP/scale/variant`.
            let id = match t["variant"]["number"].as_i64() {
                None => format!("{code}/{}", t["scale"]),
                Some(v) => format!("{code}/{}/{v}", t["scale"]),
            };
            state.insert(("TYPING".into(), id), (latest, false));
        }
    }
    let reqs = app
        .data("{ responsibilityRequirements { code } }", json!({}))
        .await;
    for r in reqs["responsibilityRequirements"].as_array().unwrap() {
        state.insert(
            ("REQUIREMENT".into(), r["code"].as_str().unwrap().into()),
            (1, false),
        );
    }
    let rule = app.data("{ abdRuleVersions { number } }", json!({})).await;
    if let Some(latest) = rule["abdRuleVersions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["number"].as_i64())
        .max()
    {
        state.insert(("ABD_RULE".into(), "ABD".into()), (latest, false));
    }
    let clauses = app
        .data(
            r#"query C($on: Date) { vacancyClauses(filter: { on: $on }) { nodes { code status versions { number } } } }"#,
            json!({ "on": far }),
        )
        .await;
    for c in clauses["vacancyClauses"]["nodes"].as_array().unwrap() {
        let latest = c["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["number"].as_i64().unwrap())
            .max()
            .unwrap();
        state.insert(
            ("VACANCY_CLAUSE".into(), c["code"].as_str().unwrap().into()),
            (latest, c["status"] == "RETIRED"),
        );
    }
    let formats = app
        .data(
            r#"query A($on: Date) { appraisalFormats(asOf: $on) { nodes { code version { number sections { criteria { code } } } } } }"#,
            json!({ "on": far }),
        )
        .await;
    for f in formats["appraisalFormats"]["nodes"].as_array().unwrap() {
        let code = f["code"].as_str().unwrap();
        let latest = f["version"]["number"].as_i64().unwrap();
        state.insert(("APPRAISAL_FORMAT".into(), code.into()), (latest, false));
        for s in f["version"]["sections"].as_array().unwrap() {
            for c in s["criteria"].as_array().unwrap() {
                state.insert(
                    (
                        "CRITERION".into(),
                        format!("{code}/{}", c["code"].as_str().unwrap()),
                    ),
                    (latest, false),
                );
            }
        }
    }
    state
}

/// What the client holds, without retired typings and criteria (they are gone from the
/// current state), for comparing.
fn live(state: &State) -> BTreeMap<(String, String), (i64, bool)> {
    state
        .iter()
        .filter(|((kind, _), (_, retired, _))| {
            !(*retired && (kind == "TYPING" || kind == "CRITERION"))
        })
        .map(|(k, (v, r, _))| (k.clone(), (*v, *r)))
        .collect()
}

async fn adopt_an_amendment(app: &TestApp, effective: &str) {
    let author = app.person("alice", Role::CommitteeMember).await;
    let secretary = app.person("sam", Role::CommitteeSecretary).await;
    let owner = app.person("mo", Role::Maintainer).await;
    let call = |cookie: String, query: &'static str, variables: Value| async move {
        let answer = app
            .graphql_with(query, variables, &[("cookie", cookie.as_str())])
            .await
            .json();
        assert!(answer.get("errors").is_none(), "{answer}");
        answer["data"].clone()
    };
    let created = call(author.clone(), r#"mutation C($d: Date!) { createProposal(input: { groupCode: "TOPMANAGER", title: "t", rationale: "r", requestedEffectiveFrom: $d }) { number version content } }"#, json!({ "d": effective })).await;
    let p = &created["createProposal"];
    let mut content = p["content"].clone();
    content["typings"][0]["items"].as_array_mut().unwrap().push(json!({
        "section": "RESULTATEN", "subCategory": null, "text": "Zorgt voor een sociaal veilige werkomgeving."
    }));
    let updated = call(author.clone(), r#"mutation U($n: Int!, $v: Int!, $c: JSON) { updateProposal(input: { number: $n, expectedVersion: $v, content: $c }) { version } }"#, json!({ "n": p["number"], "v": p["version"], "c": content })).await;
    let submitted = call(author, "mutation S($n: Int!, $v: Int!) { submitProposal(number: $n, expectedVersion: $v) { version } }", json!({ "n": p["number"], "v": updated["updateProposal"]["version"] })).await;
    let advised = call(secretary, r#"mutation A($n: Int!, $v: Int!) { recordAdvice(input: { number: $n, expectedVersion: $v, meetingDate: "2026-11-01", outcome: POSITIVE, rationale: "r", employerMembers: ["w"], unionMembers: ["v"] }) { version } }"#, json!({ "n": p["number"], "v": submitted["submitProposal"]["version"] })).await;
    call(owner, r#"mutation D($n: Int!, $v: Int!) { recordDecision(input: { number: $n, expectedVersion: $v, outcome: ADOPTED, reference: "Besluit 1", decisionDate: "2026-11-20" }) { state } }"#, json!({ "n": p["number"], "v": advised["recordAdvice"]["version"] })).await;
}

on_every_backend! {
    async fn replaying_the_feed_from_the_start_or_the_last_cursor_gives_the_current_state(backend) {
        let app = TestApp::seeded(backend).await;
        let token = api_tokens::create(&app.db.conn, &Actor::cli(), "test", "sync-tool", &BTreeSet::from([Scope::ChangesRead]), None)
            .await
            .unwrap()
            .token;

        // A client syncs the seeded register.
        let mut resumed = State::new();
        let (cursor, first_positions) = replay(&app, &token, None, &mut resumed).await;
        assert_eq!(live(&resumed), current_state(&app).await, "after the first sync");
        let seeded = first_positions.len();

        // The register changes: an adopted amendment, a revised clause, a retired clause.
        let today = Utc::now().date_naive();
        adopt_an_amendment(&app, &(today + Duration::days(30)).to_string()).await;
        let maintainer = app.person("mo", Role::Maintainer).await;
        let revise = r#"mutation R($from: Date!) { reviseVacancyClause(input: { code: "VOG", expectedVersion: 1, effectiveFrom: $from, fields: {
            title: "VOG", category: INTEGRITY_SCREENING, section: PROCEDURE, sectionOrder: 20,
            textNl: "Je hebt een verklaring omtrent het gedrag (VOG) nodig.", mandatory: true,
            sourceReference: "P-Direkt (formulering van het register)", illustrative: true } }) { code } }"#;
        let revised = app.graphql_with(revise, json!({ "from": (today + Duration::days(3)).to_string() }), &[("cookie", maintainer.as_str())]).await.json();
        assert!(revised.get("errors").is_none(), "{revised}");
        let retire = r#"mutation X($on: Date!) { retireVacancyClause(code: "ABD_PUBLIEK_LEIDERSCHAP", expectedVersion: 1, on: $on) { code } }"#;
        let retired = app.graphql_with(retire, json!({ "on": (today + Duration::days(10)).to_string() }), &[("cookie", maintainer.as_str())]).await.json();
        assert!(retired.get("errors").is_none(), "{retired}");

        // Resuming from the last cursor and replaying from the start agree with the register.
        let (_, later_positions) = replay(&app, &token, cursor, &mut resumed).await;
        let mut from_scratch = State::new();
        let (_, all_positions) = replay(&app, &token, None, &mut from_scratch).await;
        let now = current_state(&app).await;
        assert_eq!(live(&resumed), now, "resumed from the last cursor");
        assert_eq!(live(&from_scratch), now, "replayed from the start");
        assert_eq!(resumed, from_scratch);

        // Positions 1, 2, 3, ... without gaps, and nothing delivered twice.
        let expected: Vec<i64> = (1..=i64::try_from(all_positions.len()).unwrap()).collect();
        assert_eq!(all_positions, expected);
        assert_eq!([first_positions, later_positions.clone()].concat(), expected);

        // The events carry the new data: the group's typings at version 2, the revised text.
        let topmanager = &resumed[&("FUNCTION_GROUP".to_owned(), "TOPMANAGER".to_owned())];
        assert_eq!(topmanager.0, 2);
        let vog = &resumed[&("VACANCY_CLAUSE".to_owned(), "VOG".to_owned())];
        assert_eq!((vog.0, vog.1), (2, false));
        assert_eq!(vog.2["textNl"], "Je hebt een verklaring omtrent het gedrag (VOG) nodig.");
        assert!(resumed[&("VACANCY_CLAUSE".to_owned(), "ABD_PUBLIEK_LEIDERSCHAP".to_owned())].1);
        eprintln!("{backend:?}: {seeded} events after the seed, {} after the changes", later_positions.len());
    }
}

#[tokio::test]
async fn the_feed_needs_its_scope_and_a_valid_cursor() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let token = api_tokens::create(
        &app.db.conn,
        &Actor::cli(),
        "test",
        "criteria-tool",
        &BTreeSet::from([Scope::CriteriaRead]),
        None,
    )
    .await
    .unwrap()
    .token;
    let answer = app
        .graphql_with(
            FEED,
            json!({}),
            &[("authorization", format!("Bearer {token}").as_str())],
        )
        .await;
    assert_eq!(answer.status.as_u16(), 403);
    assert_eq!(
        app.error_code(FEED, json!({ "after": "bm9wZQ" })).await,
        "BAD_USER_INPUT"
    );
}
