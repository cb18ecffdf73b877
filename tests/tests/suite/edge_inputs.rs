//! Edges that refuse cleanly, the same on every database: dates only as `YYYY-MM-DD` within the
//! range all three store, cursors that are ours (no panic, no wrap), no control characters in any
//! argument, links only `http(s)`. Each is a typed `BAD_USER_INPUT` that changes nothing.

use fgr_api::domain::access::Role;
use fgr_entities::vacancy_clause;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::TestApp;

const GROUP_ON: &str = r#"query G($on: Date) { functionGroup(code: "MANAGER", asOf: $on) { code version { number } } }"#;

fn code_of(response: &Value) -> &str {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("none")
}

fn cursor(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

on_every_backend! {
    async fn loose_dates_forged_cursors_and_control_characters_are_bad_input(backend) {
        let app = TestApp::seeded(backend).await;
        for day in ["+10000-01-01", "-0001-01-01", "2025-1-1", "0999-12-31", "2025-02-30", "2025-01-01T00:00", " 2025-01-01"] {
            let response = app.graphql(GROUP_ON, json!({ "on": day })).await;
            assert_eq!(code_of(&response), "BAD_USER_INPUT", "{day}: {response}");
            assert!(response["errors"][0]["message"].as_str().unwrap().contains("JJJJ-MM-DD"), "{response}");
            let inline = app.graphql(&format!(r#"{{ functionGroup(code: "MANAGER", asOf: "{day}") {{ code }} }}"#), json!({})).await;
            assert_eq!(code_of(&inline), "BAD_USER_INPUT", "{day} inline: {inline}");
        }
        // The edges of the range are dates like any other.
        for day in ["1000-01-01", "9999-12-31"] {
            let response = app.graphql(GROUP_ON, json!({ "on": day })).await;
            assert!(response.get("errors").is_none(), "{day}: {response}");
        }
        let far = app.data(GROUP_ON, json!({ "on": "9999-12-31" })).await;
        assert_eq!(far["functionGroup"]["code"], "MANAGER");
        let bad_day = app.send(axum::http::Request::builder().uri("/api/catalogue.json?asOf=%2B10000-01-01").body(axum::body::Body::empty()).unwrap()).await;
        assert_eq!(bad_day.status, axum::http::StatusCode::BAD_REQUEST);

        for forged in [cursor("offset:9223372036854775807"), cursor("offset:18446744073709551615"), cursor("offset:-1"), "!!".to_owned()] {
            let response = app.graphql("query P($after: String) { functionGroups(first: 5, after: $after) { totalCount } }", json!({ "after": forged })).await;
            assert_eq!(code_of(&response), "BAD_USER_INPUT", "{forged}: {response}");
            assert_eq!(response["errors"][0]["extensions"]["field"], "after");
        }

        for text in ["MAN\u{0}AGER", "MAN\u{7}AGER", "MANAGER\u{1b}"] {
            let response = app.graphql(r#"query G($code: String!) { functionGroup(code: $code) { code } }"#, json!({ "code": text })).await;
            assert_eq!(code_of(&response), "BAD_USER_INPUT", "{text:?}: {response}");
            let search = app.graphql(r#"query S($q: String) { functionGroups(first: 5, filter: { search: $q }) { totalCount } }"#, json!({ "q": text })).await;
            assert_eq!(code_of(&search), "BAD_USER_INPUT", "{text:?}: {search}");
        }
        // Line breaks and tabs are text.
        let multi = app.graphql(r#"query S($q: String) { functionGroups(first: 5, filter: { search: $q }) { totalCount } }"#, json!({ "q": "man\tager\n" })).await;
        assert!(multi.get("errors").is_none(), "{multi}");
    }

    async fn only_http_links_are_stored(backend) {
        let app = TestApp::seeded(backend).await;
        let maintainer = app.person("mo", Role::Maintainer).await;
        let before = vacancy_clause::Entity::find().count(&app.db.conn).await.unwrap();
        let create = r#"mutation C($url: String) { createVacancyClause(input: { code: "PROEF_LINK", effectiveFrom: "2099-01-01", fields: {
            title: "t", category: LEADERSHIP, section: PROFILE, textNl: "t", mandatory: false, sourceReference: "s", sourceUrl: $url, illustrative: true } }) { code } }"#;
        for url in ["javascript:alert(4)", "JavaScript:alert(4)", "data:text/html,<script>1</script>", "//evil.example/x", "https://", "ftp://example.org/x", "https://voorbeeld.nl/a b"] {
            let response = app.graphql_with(create, json!({ "url": url }), &[("cookie", maintainer.as_str())]).await.json();
            assert_eq!(code_of(&response), "BAD_USER_INPUT", "{url}: {response}");
            assert_eq!(response["errors"][0]["extensions"]["field"], "sourceUrl", "{response}");
        }
        assert_eq!(vacancy_clause::Entity::find().count(&app.db.conn).await.unwrap(), before, "a refusal changes nothing");
        let ok = app.graphql_with(create, json!({ "url": "https://www.rijksoverheid.nl/documenten" }), &[("cookie", maintainer.as_str())]).await.json();
        assert!(ok.get("errors").is_none(), "{ok}");
    }
}

/// The limits `vocabulary.limits` announces are the ones the domain holds to: a title of exactly
/// the limit is taken, one character more is `BAD_USER_INPUT` on that field and makes nothing;
/// the proposal form says the limit and enforces it with `maxlength`.
#[tokio::test]
async fn the_announced_text_limits_are_the_ones_enforced_and_the_forms_show_them() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let limits = app
        .data("{ vocabulary { limits { title rationale contentText clauseText sourceReference searchText } } }", json!({}))
        .await["vocabulary"]["limits"]
        .clone();
    let title = limits["title"].as_u64().unwrap() as usize;
    assert!(title >= 100, "{limits}");
    let cookie = app.person("test:limits", Role::CommitteeMember).await;
    const CREATE: &str = r#"mutation C($title: String!) { createProposal(input: { groupCode: "MANAGER", title: $title, rationale: "r", requestedEffectiveFrom: "2099-01-01" }) { number } }"#;
    let create = |text: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.graphql_with(
                CREATE,
                json!({ "title": text }),
                &[("cookie", cookie.as_str())],
            )
            .await
            .json()
        }
    };
    let refused = create("é".repeat(title + 1)).await;
    assert_eq!(code_of(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "title");
    let proposals = || {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.graphql_with(
                "{ proposals { number } }",
                json!({}),
                &[("cookie", cookie.as_str())],
            )
            .await
            .json()["data"]["proposals"]
                .as_array()
                .map_or(0, Vec::len)
        }
    };
    assert_eq!(proposals().await, 0, "the refused proposal made nothing");
    let taken = create("é".repeat(title)).await;
    assert!(taken.get("errors").is_none(), "{taken}");
    assert_eq!(proposals().await, 1);

    let page = app.page("/groups/MANAGER", Some(&cookie)).await.body;
    assert!(
        page.contains(&format!(r#"maxlength="{title}""#)),
        "the form enforces the limit"
    );
    assert!(
        page.contains(&format!("ten hoogste {title} tekens")),
        "the form says the limit"
    );
    // The header's search box, on every page, takes no more than the search does.
    let search = &limits["searchText"];
    assert!(
        page.contains(&format!(r#"name="q" maxlength="{search}""#)),
        "the search box holds to searchText ({search})"
    );
}

/// The clause editor holds to the limits the API announces: its title, texts and source say
/// them and enforce them with `maxlength`; a change note longer than a title is `BAD_USER_INPUT`
/// on `changeNote` and adds no clause, one of exactly that length is taken.
#[tokio::test]
async fn the_clause_editor_shows_its_limits_and_a_change_note_is_bounded() {
    let app = TestApp::seeded(crate::support::Backend::Sqlite).await;
    let limits = app
        .data(
            "{ vocabulary { limits { title clauseText sourceReference } } }",
            json!({}),
        )
        .await["vocabulary"]["limits"]
        .clone();
    let maintainer = app.person("mo-limits", Role::Maintainer).await;
    let page = app.page("/clauses", Some(&maintainer)).await.body;
    for (field, limit) in [
        ("new-title", &limits["title"]),
        ("new-text-nl", &limits["clauseText"]),
        ("new-text-en", &limits["clauseText"]),
        ("new-source", &limits["sourceReference"]),
    ] {
        let at = page
            .find(&format!(r#"id="{field}""#))
            .unwrap_or_else(|| panic!("{field} is on the page"));
        let tag = &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()];
        assert!(
            tag.contains(&format!(r#"maxlength="{limit}""#)),
            "{field} enforces {limit}: {tag}"
        );
    }
    assert!(
        page.contains(" · ten hoogste 5.000 tekens"),
        "the text says its limit"
    );

    let title = limits["title"].as_u64().unwrap() as usize;
    let before = vacancy_clause::Entity::find()
        .count(&app.db.conn)
        .await
        .unwrap();
    let create = r#"mutation C($code: String!, $note: String) { createVacancyClause(input: { code: $code, effectiveFrom: "2099-01-01", fields: {
        title: "t", category: LEADERSHIP, section: PROFILE, textNl: "t", mandatory: false, sourceReference: "s", illustrative: true, changeNote: $note } }) { code } }"#;
    let refused = app
        .graphql_with(
            create,
            json!({ "code": "PROEF_NOTITIE", "note": "é".repeat(title + 1) }),
            &[("cookie", maintainer.as_str())],
        )
        .await
        .json();
    assert_eq!(code_of(&refused), "BAD_USER_INPUT", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["field"], "changeNote");
    assert_eq!(
        vacancy_clause::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        before,
        "a refusal changes nothing"
    );
    let taken = app
        .graphql_with(
            create,
            json!({ "code": "PROEF_NOTITIE", "note": "é".repeat(title) }),
            &[("cookie", maintainer.as_str())],
        )
        .await
        .json();
    assert!(taken.get("errors").is_none(), "{taken}");
}
