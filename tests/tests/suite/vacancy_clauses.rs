//! Standard vacancy clauses: which text applied to which post on which date, edits that never
//! change the past, retirement, the English fallback, escaping, and who may change the library.

use chrono::{Duration, NaiveDate, Utc};
use fgr_api::domain::access::Role;
use fgr_entities::{audit_event, vacancy_clause_version};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

/// The ABD sentence, verbatim from footnote 6 of the minister's letter.
const ABD_SENTENCE: &str = "Als leidinggevende heb je een cruciale rol in het waarborgen van sociale veiligheid, diversiteit en inclusie, een prettige werksfeer en een vitaal, goed functionerend team. Je laat zelf het goede voorbeeld zien, je bevordert een open en veilige gesprekscultuur, en (meldingen van) ongewenst gedrag pak je adequaat aan.";

const TEXT: &str = r#"query T($group: String!, $scale: Int!, $on: Date, $language: String, $format: VacancyTextFormat) {
  vacancyText(groupCode: $group, scale: $scale, on: $on, language: $language, format: $format) {
    on language text fallbacks
    sections { section heading clauses { code versionNumber text language fellBackToDutch mandatory illustrative } }
  }
}"#;

pub(crate) const REVISE: &str = r#"mutation R($code: String!, $v: Int!, $from: Date!, $text: String!) {
  reviseVacancyClause(input: { code: $code, expectedVersion: $v, effectiveFrom: $from, fields: {
    title: "Eed of belofte", category: INTEGRITY_SCREENING, section: PROCEDURE, sectionOrder: 10,
    textNl: $text, textEn: "You take the oath or affirmation.", mandatory: true,
    sourceReference: "P-Direkt (formulering van het register)", illustrative: true,
    changeNote: "Kortere zin" } }) {
    code status version { number effectiveFrom effectiveTo }
  }
}"#;

pub(crate) const RETIRE: &str = r#"mutation X($code: String!, $v: Int!, $on: Date!) {
  retireVacancyClause(code: $code, expectedVersion: $v, on: $on) { code version { number effectiveTo } }
}"#;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

fn codes(text: &Value) -> Vec<String> {
    text["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["clauses"].as_array().unwrap().iter())
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn vacancy_text(app: &TestApp, group: &str, scale: i64, on: &str) -> Value {
    app.data(TEXT, json!({ "group": group, "scale": scale, "on": on }))
        .await["vacancyText"]
        .clone()
}

on_every_backend! {
    async fn two_concurrent_revisions_of_one_clause_never_both_win(backend) {
        let app = TestApp::seeded(backend).await;
        let mo = app.person("mo", Role::Maintainer).await;
        let sam = app.person("sam", Role::CommitteeSecretary).await;
        let revise = |cookie: String, text: &'static str| {
            let app = &app;
            async move {
                app.graphql_with(REVISE, json!({ "code": "VOG", "v": 1, "from": day(3), "text": text }), &[("cookie", cookie.as_str())])
                    .await
                    .json()
            }
        };
        let (a, b) = tokio::join!(revise(mo, "Tekst A."), revise(sam, "Tekst B."));
        let won = [&a, &b].iter().filter(|r| r.get("errors").is_none()).count();
        assert_eq!(won, 1, "{a}\n{b}");
        let loser = if a.get("errors").is_some() { &a } else { &b };
        assert_eq!(loser["errors"][0]["extensions"]["code"], "CONFLICT", "{loser}");
        let versions = vacancy_clause_version::Entity::find()
            .filter(vacancy_clause_version::Column::ClauseId.eq(
                fgr_entities::vacancy_clause::Entity::find()
                    .filter(fgr_entities::vacancy_clause::Column::Code.eq("VOG"))
                    .one(&app.db.conn).await.unwrap().unwrap().id,
            ))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(versions, 2, "exactly one new version");
    }

    async fn the_abd_sentence_applies_to_every_post_from_scale_15_since_february_2025(backend) {
        let app = TestApp::seeded(backend).await;
        let groups = app
            .data("{ functionGroups(first: 100) { nodes { code scaleRange { min max } } } }", json!({}))
            .await;
        let mut checked = 0;
        let mut with_sentence = 0;
        for g in groups["functionGroups"]["nodes"].as_array().unwrap() {
            let code = g["code"].as_str().unwrap();
            let (min, max) = (g["scaleRange"]["min"].as_i64().unwrap(), g["scaleRange"]["max"].as_i64().unwrap());
            for scale in min..=max {
                for (on, in_force) in [("2025-01-31", false), ("2025-02-01", true), (day(0).as_str(), true)] {
                    let text = vacancy_text(&app, code, scale, on).await;
                    let expected = in_force && scale >= 15;
                    assert_eq!(
                        codes(&text).contains(&"ABD_SOCIALE_VEILIGHEID".to_owned()),
                        expected,
                        "{code} schaal {scale} op {on}: {text}"
                    );
                    assert_eq!(text["text"].as_str().unwrap().contains(ABD_SENTENCE), expected);
                    checked += 1;
                    with_sentence += usize::from(expected);
                }
            }
        }
        assert!(with_sentence > 0 && checked > with_sentence);
        eprintln!("{backend:?}: {checked} posts × dates checked, {with_sentence} carry the ABD sentence");
    }

    async fn an_edit_made_today_leaves_yesterday_alone_and_a_retired_clause_disappears_from_its_date(backend) {
        let app = TestApp::seeded(backend).await;
        let maintainer = app.person("mo", Role::Maintainer).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let yesterday = vacancy_text(&app, "MANAGER", 15, &day(-1)).await;

        let revised = app
            .graphql_with(REVISE, json!({ "code": "EED_OF_BELOFTE", "v": 1, "from": day(0), "text": "Je legt de eed of belofte af." }), &[("cookie", maintainer.as_str())])
            .await
            .json();
        assert_eq!(revised["data"]["reviseVacancyClause"]["version"]["number"], 2, "{revised}");

        // Yesterday's text is what it was; today's uses version 2.
        assert_eq!(vacancy_text(&app, "MANAGER", 15, &day(-1)).await, yesterday);
        let today = vacancy_text(&app, "MANAGER", 15, &day(0)).await;
        let oath = |t: &Value| {
            t["sections"].as_array().unwrap().iter()
                .flat_map(|s| s["clauses"].as_array().unwrap().clone())
                .find(|c| c["code"] == "EED_OF_BELOFTE")
                .unwrap()
        };
        assert_eq!(oath(&yesterday)["versionNumber"], 1);
        assert_eq!(oath(&today)["versionNumber"], 2);
        assert_eq!(oath(&today)["text"], "Je legt de eed of belofte af.");

        // Retired in ten days: there on the ninth, gone from the tenth; the library says so.
        let retired = app
            .graphql_with(RETIRE, json!({ "code": "VOG", "v": 1, "on": day(10) }), &[("cookie", secretary.as_str())])
            .await
            .json();
        assert_eq!(retired["data"]["retireVacancyClause"]["version"]["effectiveTo"], day(10), "{retired}");
        assert!(codes(&vacancy_text(&app, "MANAGER", 13, &day(9)).await).contains(&"VOG".to_owned()));
        assert!(!codes(&vacancy_text(&app, "MANAGER", 13, &day(10)).await).contains(&"VOG".to_owned()));
        let status = app
            .data(r#"query S($on: Date) { vacancyClause(code: "VOG", on: $on) { status } }"#, json!({ "on": day(10) }))
            .await;
        assert_eq!(status["vacancyClause"]["status"], "RETIRED");
        // Retiring again by then is out of order, and changes nothing.
        let again = app
            .graphql_with(RETIRE, json!({ "code": "VOG", "v": 1, "on": day(20) }), &[("cookie", secretary.as_str())])
            .await
            .json();
        assert_eq!(again["errors"][0]["extensions"]["code"], "INVALID_TRANSITION", "{again}");

        // Both changes are in the audit trail, with before and after.
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::TargetType.eq("vacancy_clause"))
            .all(&app.db.conn)
            .await
            .unwrap();
        let actions: Vec<&str> = audited.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["clause.revise", "clause.retire"]);
        assert!(audited.iter().all(|e| e.before_json.is_some() && e.after_json.is_some()));
        assert_eq!(audited[0].actor, "mo");
    }

    async fn english_falls_back_to_dutch_per_clause_and_says_so(backend) {
        let app = TestApp::seeded(backend).await;
        let text = app
            .data(TEXT, json!({ "group": "MANAGER", "scale": 15, "on": "2025-06-01", "language": "en" }))
            .await["vacancyText"]
            .clone();
        assert_eq!(text["language"], "en");
        assert_eq!(text["fallbacks"], json!(["ABD_SOCIALE_VEILIGHEID"]));
        let clauses: Vec<Value> = text["sections"].as_array().unwrap().iter()
            .flat_map(|s| s["clauses"].as_array().unwrap().clone())
            .collect();
        let abd = clauses.iter().find(|c| c["code"] == "ABD_SOCIALE_VEILIGHEID").unwrap();
        assert_eq!((abd["language"].as_str(), abd["fellBackToDutch"].as_bool()), (Some("nl"), Some(true)));
        assert_eq!(abd["text"], ABD_SENTENCE);
        let vog = clauses.iter().find(|c| c["code"] == "VOG").unwrap();
        assert_eq!((vog["language"].as_str(), vog["fellBackToDutch"].as_bool()), (Some("en"), Some(false)));
        assert!(text["text"].as_str().unwrap().starts_with("Who we are looking for\n\n"));
    }
}

#[tokio::test]
async fn bad_input_is_a_typed_error_and_changes_nothing() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let maintainer = app.person("mo", Role::Maintainer).await;
    for (variables, field) in [
        (
            json!({ "group": "MANAGER", "scale": 16, "on": null }),
            "scale",
        ),
        (
            json!({ "group": "MANAGER", "scale": 15, "language": "de" }),
            "language",
        ),
    ] {
        let response = app.graphql(TEXT, variables).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{response}"
        );
        assert_eq!(response["errors"][0]["extensions"]["field"], field);
    }
    assert_eq!(
        app.error_code(
            TEXT,
            json!({ "group": "MANAGER", "scale": 15, "on": "2025-02-30" })
        )
        .await,
        "BAD_USER_INPUT"
    );
    assert_eq!(
        app.error_code(TEXT, json!({ "group": "GEEN_GROEP", "scale": 15 }))
            .await,
        "NOT_FOUND"
    );

    let versions = || vacancy_clause_version::Entity::find().count(&app.db.conn);
    let before = versions().await.unwrap();
    for (variables, code) in [
        // In the past: what applied before stays as it was.
        (
            json!({ "code": "VOG", "v": 1, "from": day(-1), "text": "x" }),
            "BAD_USER_INPUT",
        ),
        // A stale version token.
        (
            json!({ "code": "VOG", "v": 7, "from": day(0), "text": "x" }),
            "CONFLICT",
        ),
        (
            json!({ "code": "GEEN", "v": 1, "from": day(0), "text": "x" }),
            "NOT_FOUND",
        ),
        (
            json!({ "code": "VOG", "v": 1, "from": day(0), "text": "  " }),
            "BAD_USER_INPUT",
        ),
    ] {
        let response = app
            .graphql_with(REVISE, variables, &[("cookie", maintainer.as_str())])
            .await
            .json();
        assert_eq!(
            response["errors"][0]["extensions"]["code"], code,
            "{response}"
        );
    }
    let create = r#"mutation { createVacancyClause(input: { code: "kleine letters", effectiveFrom: "2099-01-01", fields: {
        title: "t", category: LEADERSHIP, section: PROFILE, textNl: "t", mandatory: false, sourceReference: "s", illustrative: true } }) { code } }"#;
    let response = app
        .graphql_with(create, json!({}), &[("cookie", maintainer.as_str())])
        .await
        .json();
    assert_eq!(
        response["errors"][0]["extensions"]["field"], "code",
        "{response}"
    );
    assert_eq!(
        versions().await.unwrap(),
        before,
        "a refused change stored something"
    );
}

#[tokio::test]
async fn only_fgr_beheer_and_the_secretary_change_clauses() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for role in [
        Role::Viewer,
        Role::Recruiter,
        Role::CommitteeMember,
        Role::Admin,
    ] {
        let cookie = app.person("someone", role).await;
        let response = app
            .graphql_with(
                RETIRE,
                json!({ "code": "VOG", "v": 1, "on": day(5) }),
                &[("cookie", cookie.as_str())],
            )
            .await
            .json();
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{role:?}: {response}"
        );
    }
    let anonymous = app
        .graphql_with(RETIRE, json!({ "code": "VOG", "v": 1, "on": day(5) }), &[])
        .await;
    assert_eq!(anonymous.status.as_u16(), 401);
    assert_eq!(
        anonymous.json()["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
}

#[tokio::test]
async fn clause_texts_are_data_not_markup() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let maintainer = app.person("mo", Role::Maintainer).await;
    let create = r#"mutation C($from: Date!) { createVacancyClause(input: { code: "PROEF", effectiveFrom: $from, fields: {
        title: "Proef <b>", category: TERMS_OF_EMPLOYMENT, section: OFFER, textNl: "<script>alert('x')</script> & *meer*",
        mandatory: false, sourceReference: "test", illustrative: true } }) { code status version { number } } }"#;
    let created = app
        .graphql_with(
            create,
            json!({ "from": day(0) }),
            &[("cookie", maintainer.as_str())],
        )
        .await
        .json();
    assert_eq!(
        created["data"]["createVacancyClause"]["status"], "ACTIVE",
        "{created}"
    );
    let html = app
        .data(
            TEXT,
            json!({ "group": "MANAGER", "scale": 12, "format": "HTML" }),
        )
        .await["vacancyText"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        html.contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; *meer*</p>"),
        "{html}"
    );
    assert!(!html.contains("<script>"));
    let markdown = app
        .data(
            TEXT,
            json!({ "group": "MANAGER", "scale": 12, "format": "MARKDOWN" }),
        )
        .await["vacancyText"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        markdown.contains(r"\<script\>alert('x')\</script\> & \*meer\*"),
        "{markdown}"
    );
    // The console shows the text, escaped, in its composer.
    let page = app
        .send(
            axum::http::Request::builder()
                .uri("/vacancy-text?group=MANAGER&scale=12")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(page.body.contains("&lt;script&gt;alert"), "{}", page.body);
    assert!(!page.body.contains("<script>alert"));
}

#[tokio::test]
async fn the_library_filters_by_post_scale_category_and_status() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let list = |filter: Value| {
        let app = &app;
        async move {
            let data = app
                .data(
                    "query L($f: VacancyClauseFilter) { vacancyClauses(filter: $f) { totalCount nodes { code status } } }",
                    json!({ "f": filter }),
                )
                .await;
            data["vacancyClauses"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["code"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let on = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap().to_string();
    assert_eq!(
        list(json!({ "groupCode": "MANAGER", "scale": 15, "on": on })).await,
        [
            "ABD_SOCIALE_VEILIGHEID",
            "ABD_PUBLIEK_LEIDERSCHAP",
            "EED_OF_BELOFTE",
            "VOG"
        ]
    );
    assert_eq!(
        list(json!({ "groupCode": "MANAGER", "scale": 12, "on": on })).await,
        ["EED_OF_BELOFTE", "VOG"]
    );
    // A group without a scale: what applies at any of its scales (Manager reaches scale 15).
    assert_eq!(
        list(json!({ "groupCode": "MANAGER", "on": on })).await,
        [
            "ABD_SOCIALE_VEILIGHEID",
            "ABD_PUBLIEK_LEIDERSCHAP",
            "EED_OF_BELOFTE",
            "VOG"
        ]
    );
    assert_eq!(
        list(json!({ "groupCode": "OPERATIONEEL_MANAGER", "on": on })).await,
        ["EED_OF_BELOFTE", "VOG"]
    );
    assert_eq!(
        list(json!({ "category": "INTEGRITY_SCREENING" })).await,
        ["EED_OF_BELOFTE", "VOG"]
    );
    assert_eq!(
        list(json!({ "status": "FUTURE", "on": "2025-01-01" })).await,
        ["ABD_SOCIALE_VEILIGHEID", "ABD_PUBLIEK_LEIDERSCHAP"]
    );
}

#[tokio::test]
async fn the_console_offers_the_clause_editor_only_to_those_who_may_edit() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::seeded(Backend::Sqlite).await;
    for (role, may) in [
        (Role::Maintainer, true),
        (Role::CommitteeSecretary, true),
        (Role::Recruiter, false),
        (Role::CommitteeMember, false),
    ] {
        let cookie = app.person("someone", role).await;
        for (path, id) in [
            ("/clauses/VOG", "revise-clause"),
            ("/clauses", "new-clause"),
        ] {
            let page = app
                .send(
                    Request::builder()
                        .uri(path)
                        .header(header::COOKIE, &cookie)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(
                page.body.contains(&format!(r#"id="{id}""#)),
                may,
                "{role:?} on {path}"
            );
        }
    }
    // Anyone reads the library and a clause's history.
    let page = app
        .send(
            Request::builder()
                .uri("/clauses/ABD_SOCIALE_VEILIGHEID")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(page.body.contains(ABD_SENTENCE) && page.body.contains(r#"id="clause-versions""#));
}

#[tokio::test]
async fn the_vocabulary_labels_every_category_and_section_as_the_answers_show_them() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let data = app
        .data(
            r#"{ vocabulary { clauseCategories { value label } vacancySections { value label }
                 typingSections { value label } appraisalSections { code label } }
               vacancyClauses(first: 100) { nodes { version { category categoryLabel section sectionLabel } } }
               functionGroup(code: "MANAGER") { typings { sections { section label } } }
               appraisalFormat(code: "PERSONEELSGESPREK_RIJK") { version { sections { code title } } } }"#,
            json!({}),
        )
        .await;
    let pairs = |list: &Value, key: &str| -> Vec<(String, String)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c[key].as_str().unwrap().to_owned(),
                    c["label"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let v = &data["vocabulary"];
    let categories = pairs(&v["clauseCategories"], "value");
    let sections = pairs(&v["vacancySections"], "value");
    let typing = pairs(&v["typingSections"], "value");
    let appraisal = pairs(&v["appraisalSections"], "code");
    assert_eq!(
        (
            categories.len(),
            sections.len(),
            typing.len(),
            appraisal.len()
        ),
        (4, 4, 5, 7),
        "{v}"
    );
    let clauses = data["vacancyClauses"]["nodes"].as_array().unwrap();
    assert!(clauses.len() >= 4);
    for c in clauses {
        let version = &c["version"];
        let category = (
            version["category"].as_str().unwrap().to_owned(),
            version["categoryLabel"].as_str().unwrap().to_owned(),
        );
        let section = (
            version["section"].as_str().unwrap().to_owned(),
            version["sectionLabel"].as_str().unwrap().to_owned(),
        );
        assert!(
            categories.contains(&category),
            "{category:?} not in {categories:?}"
        );
        assert!(
            sections.contains(&section),
            "{section:?} not in {sections:?}"
        );
    }
    for t in data["functionGroup"]["typings"].as_array().unwrap() {
        for s in t["sections"].as_array().unwrap() {
            let pair = (
                s["section"].as_str().unwrap().to_owned(),
                s["label"].as_str().unwrap().to_owned(),
            );
            assert!(typing.contains(&pair), "{pair:?} not in {typing:?}");
        }
    }
    for s in data["appraisalFormat"]["version"]["sections"]
        .as_array()
        .unwrap()
    {
        let pair = (
            s["code"].as_str().unwrap().to_owned(),
            s["title"].as_str().unwrap().to_owned(),
        );
        assert!(appraisal.contains(&pair), "{pair:?} not in {appraisal:?}");
    }
}
