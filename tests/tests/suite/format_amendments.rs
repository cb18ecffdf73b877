//! Appraisal formats change through the same workflow as profiles: proposal → advice → decision
//! → a new format version from its date, visible in the criteria and in the change feed.

use chrono::{Duration, Utc};
use fgr_api::domain::access::Role;
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const FORMAT: &str = "PERSONEELSGESPREK_LEIDINGGEVENDEN";

async fn call(app: &TestApp, cookie: &str, query: &str, variables: Value) -> Value {
    app.graphql_with(query, variables, &[("cookie", cookie)])
        .await
        .json()
}

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

const CREATE: &str = r#"mutation C($date: Date!) { createProposal(input: { formatCode: "PERSONEELSGESPREK_LEIDINGGEVENDEN", title: "Opvolging van meldingen", rationale: "De brief vraagt om steviger optreden.", requestedEffectiveFrom: $date }) { number version targetType targetCode baseVersionNumber content } }"#;
const UPDATE: &str = r#"mutation U($n: Int!, $v: Int!, $c: JSON) { updateProposal(input: { number: $n, expectedVersion: $v, content: $c }) { version diff { path kind } } }"#;
const SUBMIT: &str = "mutation S($n: Int!, $v: Int!) { submitProposal(number: $n, expectedVersion: $v) { version } }";
const ADVISE: &str = r#"mutation A($n: Int!, $v: Int!) { recordAdvice(input: { number: $n, expectedVersion: $v, meetingDate: "2026-11-01", outcome: POSITIVE, rationale: "Goed.", employerMembers: ["w"], unionMembers: ["v"] }) { version } }"#;
const DECIDE: &str = r#"mutation D($n: Int!, $v: Int!) { recordDecision(input: { number: $n, expectedVersion: $v, outcome: ADOPTED, reference: "Besluit DGDOO 2026-0101", decisionDate: "2026-11-20" }) { state adoptedVersionNumber } }"#;
const CRITERIA: &str = r#"query Q($on: Date) { appraisalCriteria(groupCode: "MANAGER", scale: 13, on: $on) { formats sections { criteria { code } } } }"#;

fn with_criterion(mut content: Value, code: &str, text: &str) -> Value {
    content["sections"][0]["criteria"].as_array_mut().unwrap().push(json!({
        "code": code, "text": text, "guidance": null, "ratingScale": "CONCLUSIE_PERSONEELSGESPREK",
        "mandatory": true, "appraises": { "requirementCode": "ONGEWENST_GEDRAG_LEIDINGGEVENDEN" },
        "illustrative": true, "source": "test",
    }));
    content
}

fn codes(data: &Value) -> Vec<String> {
    data["appraisalCriteria"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["criteria"].as_array().unwrap().iter())
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Creates, edits, submits and advises a proposal adding `code`; its number and version.
async fn advised_proposal(
    app: &TestApp,
    author: &str,
    secretary: &str,
    code: &str,
    date: &str,
) -> (Value, Value) {
    let created = call(app, author, CREATE, json!({ "date": date })).await;
    let p = &created["data"]["createProposal"];
    assert_eq!(
        (p["targetType"].as_str(), p["targetCode"].as_str()),
        (Some("APPRAISAL_FORMAT"), Some(FORMAT)),
        "{created}"
    );
    let updated = call(app, author, UPDATE, json!({ "n": p["number"], "v": p["version"], "c": with_criterion(p["content"].clone(), code, "Meldingen van ongewenst gedrag zorgvuldig opvolgen") })).await;
    let diff = &updated["data"]["updateProposal"]["diff"];
    assert_eq!(
        diff,
        &json!([{ "path": format!("Leidinggeven aan een veilige en inclusieve werkomgeving › {code}"), "kind": "ADDED" }]),
        "{updated}"
    );
    let submitted = call(
        app,
        author,
        SUBMIT,
        json!({ "n": p["number"], "v": updated["data"]["updateProposal"]["version"] }),
    )
    .await;
    let advised = call(
        app,
        secretary,
        ADVISE,
        json!({ "n": p["number"], "v": submitted["data"]["submitProposal"]["version"] }),
    )
    .await;
    (
        p["number"].clone(),
        advised["data"]["recordAdvice"]["version"].clone(),
    )
}

/// The cursor after the last event of the feed now.
async fn end_of_feed(app: &TestApp) -> Value {
    let mut after = Value::Null;
    loop {
        let page = app.data(
            "query F($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } } }",
            json!({ "after": after }),
        ).await;
        let info = &page["changes"]["pageInfo"];
        if !info["endCursor"].is_null() {
            after = info["endCursor"].clone();
        }
        if info["hasNextPage"] != true {
            return after;
        }
    }
}

on_every_backend! {
    async fn an_adopted_format_change_applies_from_its_date_and_reaches_the_feed(backend) {
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let effective = day(20);

        // Two proposals on version 1; the first is adopted.
        let (first, first_v) = advised_proposal(&app, &author, &secretary, "MELDINGEN_OPVOLGEN", &effective).await;
        let (second, second_v) = advised_proposal(&app, &author, &secretary, "TEAMGESPREK_VEILIGHEID", &day(40)).await;
        let feed_end = end_of_feed(&app).await;
        let decided = call(&app, &owner, DECIDE, json!({ "n": first, "v": first_v })).await;
        assert_eq!(decided["data"]["recordDecision"]["adoptedVersionNumber"], 2, "{decided}");

        // The criteria change from the effective date, not before.
        let eve = app.data(CRITERIA, json!({ "on": day(19) })).await;
        assert!(!codes(&eve).contains(&"MELDINGEN_OPVOLGEN".to_owned()));
        let from = app.data(CRITERIA, json!({ "on": effective })).await;
        assert!(codes(&from).contains(&"MELDINGEN_OPVOLGEN".to_owned()));
        assert!(from["appraisalCriteria"]["formats"].as_array().unwrap().contains(&json!(format!("{FORMAT}@2"))));

        // The feed has the new format version and the new criterion.
        let feed = app.data(
            "query F($after: String) { changes(first: 100, after: $after) { nodes { entityType entityId version kind effectiveFrom } } }",
            json!({ "after": feed_end }),
        ).await;
        let events = feed["changes"]["nodes"].as_array().unwrap();
        assert!(events.contains(&json!({ "entityType": "APPRAISAL_FORMAT", "entityId": FORMAT, "version": 2, "kind": "CHANGED", "effectiveFrom": effective })), "{feed}");
        assert!(events.contains(&json!({ "entityType": "CRITERION", "entityId": format!("{FORMAT}/MELDINGEN_OPVOLGEN"), "version": 2, "kind": "CREATED", "effectiveFrom": effective })), "{feed}");

        // The second proposal is based on version 1: adoption waits for a rebase, which keeps
        // both criteria (they do not touch the same one).
        let refused = call(&app, &owner, DECIDE, json!({ "n": second, "v": second_v })).await;
        assert_eq!(refused["errors"][0]["extensions"]["code"], "CONFLICT", "{refused}");
        let rebased = call(&app, &author, "mutation R($n: Int!, $v: Int!) { rebaseProposal(number: $n, expectedVersion: $v) { version baseVersionNumber content } }", json!({ "n": second, "v": second_v })).await;
        let r = &rebased["data"]["rebaseProposal"];
        assert_eq!(r["baseVersionNumber"], 2, "{rebased}");
        let merged: Vec<&str> = r["content"]["sections"][0]["criteria"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
        assert!(merged.contains(&"MELDINGEN_OPVOLGEN") && merged.contains(&"TEAMGESPREK_VEILIGHEID"), "{merged:?}");
        let adopted = call(&app, &owner, DECIDE, json!({ "n": second, "v": r["version"] })).await;
        assert_eq!(adopted["data"]["recordDecision"]["adoptedVersionNumber"], 3, "{adopted}");
        let diff = app.data(r#"{ formatVersionDiff(code: "PERSONEELSGESPREK_LEIDINGGEVENDEN", from: 2, to: 3) { path kind } }"#, json!({})).await;
        assert_eq!(diff["formatVersionDiff"], json!([{ "path": "Leidinggeven aan een veilige en inclusieve werkomgeving › TEAMGESPREK_VEILIGHEID", "kind": "ADDED" }]));
    }
}

#[tokio::test]
async fn an_invalid_format_document_is_refused_and_changes_nothing() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let created = call(&app, &author, CREATE, json!({ "date": day(5) })).await;
    let p = &created["data"]["createProposal"];
    let mut bad = p["content"].clone();
    bad["sections"][0]["code"] = json!("ONBEKEND");
    let answer = call(
        &app,
        &author,
        UPDATE,
        json!({ "n": p["number"], "v": p["version"], "c": bad }),
    )
    .await;
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{answer}"
    );
    assert_eq!(
        answer["errors"][0]["extensions"]["field"],
        "content.sections[0].code"
    );
    let both = call(&app, &author, r#"mutation { createProposal(input: { groupCode: "MANAGER", formatCode: "PERSONEELSGESPREK_RIJK", title: "t", rationale: "r", requestedEffectiveFrom: "2099-01-01" }) { number } }"#, json!({})).await;
    assert_eq!(both["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let still = call(
        &app,
        &author,
        "query P($n: Int!) { proposal(number: $n) { version diff { path } } }",
        json!({ "n": p["number"] }),
    )
    .await;
    assert_eq!(
        still["data"]["proposal"],
        json!({ "version": 1, "diff": [] })
    );
}

#[tokio::test]
async fn the_console_offers_format_proposals_and_edits_a_format_draft() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let recruiter = app.person("rik", Role::Recruiter).await;
    let html = |path: String, cookie: String| {
        let app = &app;
        async move {
            app.send(
                Request::builder()
                    .uri(path)
                    .header(header::COOKIE, cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .body
        }
    };
    let path = format!("/formats/{FORMAT}");
    assert!(html(path.clone(), author.clone())
        .await
        .contains(r#"id="propose""#));
    assert!(!html(path, recruiter).await.contains(r#"id="propose""#));
    let created = call(&app, &author, CREATE, json!({ "date": day(5) })).await;
    let n = &created["data"]["createProposal"]["number"];
    let page = html(format!("/proposals/{n}"), author).await;
    assert!(page.contains(r#"id="format-editor""#), "{page}");
    assert!(page.contains(r#"data-criterion="VEILIGE_INCLUSIEVE_WERKOMGEVING""#));
    assert!(!page.contains(r#"id="content-editor""#));
}
