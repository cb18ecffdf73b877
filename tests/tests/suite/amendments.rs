//! The committee's workflow, end to end and at every refusal: a gap in the coverage report →
//! proposal → submission → advice → decision → a new version from its date, and the gap closed
//! from that date on.

use chrono::{Duration, Utc};
use fgr_api::domain::access::Role;
use fgr_api::domain::audit;
use fgr_entities::{audit_event, group_version};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

pub(crate) async fn call(app: &TestApp, cookie: &str, query: &str, variables: Value) -> Value {
    app.graphql_with(query, variables, &[("cookie", cookie)])
        .await
        .json()
}

pub(crate) fn code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

pub(crate) const CREATE: &str = r#"mutation C($group: String!, $date: Date!) {
  createProposal(input: { groupCode: $group, title: "Motie Bamenga in het kernprofiel", rationale: "De motie vraagt het expliciet.", requestedEffectiveFrom: $date }) {
    number version state content
  }
}"#;
const UPDATE: &str = r#"mutation U($n: Int!, $v: Int!, $content: JSON) {
  updateProposal(input: { number: $n, expectedVersion: $v, content: $content }) { number version state }
}"#;
pub(crate) const SUBMIT: &str = "mutation S($n: Int!, $v: Int!) { submitProposal(number: $n, expectedVersion: $v) { version state } }";
const WITHDRAW: &str = "mutation W($n: Int!, $v: Int!) { withdrawProposal(number: $n, expectedVersion: $v) { version state } }";
pub(crate) const ADVISE: &str = r#"mutation A($n: Int!, $v: Int!, $employers: [String!]!, $unions: [String!]!) {
  recordAdvice(input: { number: $n, expectedVersion: $v, meetingDate: "2026-11-01", outcome: POSITIVE,
    rationale: "De tekst dekt de motie.", employerMembers: $employers, unionMembers: $unions }) { version state advice { outcome employerMembers unionMembers } }
}"#;
pub(crate) const DECIDE: &str = r#"mutation D($n: Int!, $v: Int!, $outcome: DecisionOutcome!) {
  recordDecision(input: { number: $n, expectedVersion: $v, outcome: $outcome, reference: "Besluit DGDOO 2026-0042", decisionDate: "2026-11-20" }) {
    version state adoptedVersion { number effectiveFrom provenance { kind reference decidedOn } }
  }
}"#;
const BAMENGA_CELL: &str = r#"query Q($asOf: Date) { profileCoverage(familyCodes: ["LIJNMANAGEMENT"], asOf: $asOf) {
  families { totals { covered missing } groups { group { code version { number } } requirements { status requirement { code } } } }
} }"#;

/// The status of MOTIE_BAMENGA for MANAGER on a date, and the Lijnmanagement totals.
async fn bamenga_status(app: &TestApp, as_of: &str) -> (String, Value) {
    let data = app.data(BAMENGA_CELL, json!({ "asOf": as_of })).await;
    let family = &data["profileCoverage"]["families"][0];
    let manager = family["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"]["code"] == "MANAGER")
        .unwrap();
    let cell = manager["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["requirement"]["code"] == "MOTIE_BAMENGA")
        .unwrap();
    (
        cell["status"].as_str().unwrap().to_owned(),
        family["totals"].clone(),
    )
}

/// The proposal's content with a Bamenga result and its coverage link added.
fn with_bamenga(mut content: Value) -> Value {
    let text = "actief zorg dragen voor een veilige en inclusieve werkomgeving vrij van racisme en discriminatie";
    content["coreProfile"]["resultAreas"][1]["results"]
        .as_array_mut()
        .unwrap()
        .push(json!(text));
    content["coverage"].as_array_mut().unwrap().push(json!({
        "requirementCode": "MOTIE_BAMENGA", "typingScale": null,
        "location": "Kernprofiel › Omgeving", "quote": text, "note": null
    }));
    content
}

/// How many group versions the seed holds.
fn seeded_versions() -> u64 {
    fgr_api::seed::catalogue::catalogue()
        .groups
        .iter()
        .map(|g| g.versions.len() as u64)
        .sum()
}

on_every_backend! {
    async fn a_gap_is_closed_by_an_adopted_amendment_from_its_date_on(backend) {
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let effective = (Utc::now().date_naive() + Duration::days(30)).to_string();
        let day_before = (Utc::now().date_naive() + Duration::days(29)).to_string();

        let (before, totals_before) = bamenga_status(&app, &effective).await;
        assert_eq!(before, "MISSING");

        let created = call(&app, &author, CREATE, json!({ "group": "MANAGER", "date": effective })).await;
        let p = &created["data"]["createProposal"];
        assert_eq!(p["state"], "DRAFT", "{created}");
        let n = p["number"].clone();
        let updated = call(&app, &author, UPDATE, json!({ "n": n, "v": p["version"], "content": with_bamenga(p["content"].clone()) })).await;
        let v = updated["data"]["updateProposal"]["version"].clone();
        assert_eq!(v, 2, "{updated}");
        let diff = call(&app, &author, "query P($n: Int!) { proposal(number: $n) { diff { path kind after words { tag text } } } }", json!({ "n": n })).await;
        let changes = diff["data"]["proposal"]["diff"].as_array().unwrap().clone();
        assert_eq!(changes.len(), 2, "{diff}");
        assert!(changes.iter().all(|c| c["kind"] == "ADDED"));
        assert!(changes.iter().any(|c| c["path"] == "Kernprofiel › Omgeving › resultaten"));
        // People read the requirement's title, not its code.
        let bamenga = fgr_api::seed::data::REQUIREMENTS.iter().find(|r| r.code == "MOTIE_BAMENGA").unwrap().title;
        assert!(changes.iter().any(|c| c["path"] == format!("Dekking › {bamenga} (alle typeringen)")), "{diff}");
        let submitted = call(&app, &author, SUBMIT, json!({ "n": n, "v": v })).await;
        assert_eq!(submitted["data"]["submitProposal"]["state"], "SUBMITTED", "{submitted}");
        let commented = call(&app, &secretary, "mutation C($n: Int!) { commentOnProposal(number: $n, text: \"Graag ook de PPM-groepen.\") { comments { authorName text } } }", json!({ "n": n })).await;
        assert_eq!(commented["data"]["commentOnProposal"]["comments"], json!([{ "authorName": "sam", "text": "Graag ook de PPM-groepen." }]), "{commented}");
        let advised = call(&app, &secretary, ADVISE, json!({ "n": n, "v": 3, "employers": ["Werkgever A"], "unions": ["Vakbond B"] })).await;
        assert_eq!(advised["data"]["recordAdvice"]["state"], "ADVISED", "{advised}");
        assert_eq!(advised["data"]["recordAdvice"]["advice"]["unionMembers"], json!(["Vakbond B"]));
        let decided = call(&app, &owner, DECIDE, json!({ "n": n, "v": 4, "outcome": "ADOPTED" })).await;
        let adopted = &decided["data"]["recordDecision"];
        assert_eq!(adopted["state"], "ADOPTED", "{decided}");
        assert_eq!(adopted["adoptedVersion"]["number"], 2);
        assert_eq!(adopted["adoptedVersion"]["effectiveFrom"], effective);
        assert_eq!(adopted["adoptedVersion"]["provenance"]["kind"], "DECISION");
        assert!(adopted["adoptedVersion"]["provenance"]["reference"].as_str().unwrap().starts_with("Besluit DGDOO 2026-0042"));

        // One rule for identities: the committee and FGR beheer see who did what (as in the
        // audit log); a viewer or recruiter sees the proposal and its history without names,
        // and no audit log at all.
        let who = "query P($n: Int!) { proposal(number: $n) { title author authorName comments { author authorName text } advice { recordedBy } decision { recordedBy } } }";
        let seen = call(&app, &secretary, who, json!({ "n": n })).await;
        assert_eq!(seen["data"]["proposal"]["authorName"], "alice", "{seen}");
        assert_eq!(seen["data"]["proposal"]["comments"][0]["authorName"], "sam");
        assert_eq!(seen["data"]["proposal"]["decision"]["recordedBy"], "mo");
        for role in [Role::Viewer, Role::Recruiter] {
            let reader = app.person("rita", role).await;
            let hidden = call(&app, &reader, who, json!({ "n": n })).await;
            let p = &hidden["data"]["proposal"];
            assert!(hidden["errors"].is_null(), "{hidden}");
            assert_eq!(p["title"], "Motie Bamenga in het kernprofiel");
            assert_eq!((&p["author"], &p["authorName"]), (&json!(null), &json!(null)), "{hidden}");
            assert_eq!(p["comments"], json!([{ "author": null, "authorName": null, "text": "Graag ook de PPM-groepen." }]));
            assert_eq!(p["advice"]["recordedBy"], json!(null));
            assert_eq!(p["decision"]["recordedBy"], json!(null));
            assert!(!hidden.to_string().contains("alice") && !hidden.to_string().contains("\"sam\""), "{hidden}");
            let audit = call(&app, &reader, "{ auditLog { nodes { actor } } }", json!({})).await;
            assert_eq!(code(&audit), Some("FORBIDDEN"), "{audit}");
        }

        // Old version until the day before; the new one from its date; nothing overwritten.
        let (on_the_eve, _) = bamenga_status(&app, &day_before).await;
        assert_eq!(on_the_eve, "MISSING");
        let (after, totals_after) = bamenga_status(&app, &effective).await;
        assert_eq!(after, "COVERED");
        assert_eq!(totals_after["covered"].as_i64().unwrap(), totals_before["covered"].as_i64().unwrap() + 1);
        let versions = group_version::Entity::find().count(&app.db.conn).await.unwrap();
        assert_eq!(versions, seeded_versions() + 1, "the seeded versions and the adopted one");
        let history = app.data(r#"{ versionDiff(groupCode: "MANAGER", from: 1, to: 2) { path kind } }"#, json!({})).await;
        assert_eq!(history["versionDiff"].as_array().unwrap().len(), 2, "{history}");
        let check = audit::verify(&app.db.conn).await.unwrap();
        assert_eq!(check.first_broken, None);
        let entries = audit_event::Entity::find().count(&app.db.conn).await.unwrap();
        eprintln!("journey on {backend:?}: {versions} versions, {entries} audit entries, MOTIE_BAMENGA for MANAGER {before} -> {after}, Lijnmanagement covered {} -> {}", totals_before["covered"], totals_after["covered"]);
        // seed, 3 sign-ins, create, update, submit, comment, advise, adopt (version + proposal),
        // and the viewer's and the recruiter's sign-ins.
        assert_eq!(entries, 13);
    }

    async fn steps_out_of_order_are_invalid_transitions_and_change_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let date = (Utc::now().date_naive() + Duration::days(10)).to_string();
        let created = call(&app, &author, CREATE, json!({ "group": "TOPMANAGER", "date": date })).await;
        let n = created["data"]["createProposal"]["number"].clone();
        // A draft cannot be advised or decided.
        assert_eq!(code(&call(&app, &secretary, ADVISE, json!({ "n": n, "v": 1, "employers": ["a"], "unions": ["b"] })).await), Some("INVALID_TRANSITION"));
        assert_eq!(code(&call(&app, &owner, DECIDE, json!({ "n": n, "v": 1, "outcome": "ADOPTED" })).await), Some("INVALID_TRANSITION"));
        call(&app, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
        // Submitted: frozen, not submittable again, not decidable before advice.
        assert_eq!(code(&call(&app, &author, UPDATE, json!({ "n": n, "v": 2, "content": null })).await), Some("INVALID_TRANSITION"));
        assert_eq!(code(&call(&app, &author, SUBMIT, json!({ "n": n, "v": 2 })).await), Some("INVALID_TRANSITION"));
        assert_eq!(code(&call(&app, &owner, DECIDE, json!({ "n": n, "v": 2, "outcome": "REJECTED" })).await), Some("INVALID_TRANSITION"));
        call(&app, &secretary, ADVISE, json!({ "n": n, "v": 2, "employers": ["a"], "unions": ["b"] })).await;
        let rejected = call(&app, &owner, DECIDE, json!({ "n": n, "v": 3, "outcome": "REJECTED" })).await;
        assert_eq!(rejected["data"]["recordDecision"]["state"], "REJECTED", "{rejected}");
        // Decided: final.
        assert_eq!(code(&call(&app, &author, WITHDRAW, json!({ "n": n, "v": 4 })).await), Some("INVALID_TRANSITION"));
        assert_eq!(code(&call(&app, &owner, DECIDE, json!({ "n": n, "v": 4, "outcome": "ADOPTED" })).await), Some("INVALID_TRANSITION"));
        let after = app.graphql_with("query P($n: Int!) { proposal(number: $n) { state version } }", json!({ "n": n }), &[("cookie", &author)]).await.json();
        assert_eq!(after["data"]["proposal"], json!({ "state": "REJECTED", "version": 4 }));
        assert_eq!(group_version::Entity::find().count(&app.db.conn).await.unwrap(), seeded_versions(), "a rejection writes no version");
    }
}

#[tokio::test]
async fn authorship_roles_and_stale_edits_are_enforced() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let colleague = app.person("bea", Role::CommitteeMember).await;
    let secretary = app.person("sam", Role::CommitteeSecretary).await;
    let recruiter = app.person("rik", Role::Recruiter).await;
    let date = (Utc::now().date_naive() + Duration::days(10)).to_string();
    assert_eq!(
        code(
            &call(
                &app,
                &recruiter,
                CREATE,
                json!({ "group": "MANAGER", "date": date })
            )
            .await
        ),
        Some("FORBIDDEN")
    );
    let created = call(
        &app,
        &author,
        CREATE,
        json!({ "group": "MANAGER", "date": date }),
    )
    .await;
    let p = created["data"]["createProposal"].clone();
    let n = p["number"].clone();
    // Only the author edits; a stale version is a conflict.
    assert_eq!(
        code(
            &call(
                &app,
                &colleague,
                UPDATE,
                json!({ "n": n, "v": 1, "content": p["content"] })
            )
            .await
        ),
        Some("FORBIDDEN")
    );
    assert_eq!(
        call(
            &app,
            &author,
            UPDATE,
            json!({ "n": n, "v": 1, "content": p["content"] })
        )
        .await["data"]["updateProposal"]["version"],
        2
    );
    assert_eq!(
        code(
            &call(
                &app,
                &author,
                UPDATE,
                json!({ "n": n, "v": 1, "content": p["content"] })
            )
            .await
        ),
        Some("CONFLICT")
    );
    // Bad content is refused with the field named, and changes nothing.
    let mut broken = p["content"].clone();
    broken["typings"][0]["scale"] = json!(42);
    let refused = call(
        &app,
        &author,
        UPDATE,
        json!({ "n": n, "v": 2, "content": broken }),
    )
    .await;
    assert_eq!(code(&refused), Some("BAD_USER_INPUT"));
    assert_eq!(
        refused["errors"][0]["extensions"]["field"],
        "content.typings[0].scale"
    );
    // The paritair committee needs both sides; nobody advises on their own proposal.
    call(&app, &author, SUBMIT, json!({ "n": n, "v": 2 })).await;
    let one_sided = call(
        &app,
        &secretary,
        ADVISE,
        json!({ "n": n, "v": 3, "employers": ["a"], "unions": [] }),
    )
    .await;
    assert_eq!(code(&one_sided), Some("BAD_USER_INPUT"));
    let own = call(
        &app,
        &secretary,
        CREATE,
        json!({ "group": "TOPMANAGER", "date": date }),
    )
    .await;
    let own_n = own["data"]["createProposal"]["number"].clone();
    call(&app, &secretary, SUBMIT, json!({ "n": own_n, "v": 1 })).await;
    assert_eq!(
        code(
            &call(
                &app,
                &secretary,
                ADVISE,
                json!({ "n": own_n, "v": 2, "employers": ["a"], "unions": ["b"] })
            )
            .await
        ),
        Some("FORBIDDEN")
    );
}

#[tokio::test]
async fn of_two_proposals_on_one_base_only_the_first_adoption_stands() {
    for backend in [Backend::Sqlite, Backend::Postgres, Backend::MariaDb] {
        if !backend.selected() {
            continue;
        }
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let mut numbers = Vec::new();
        for days in [20, 40] {
            let date = (Utc::now().date_naive() + Duration::days(days)).to_string();
            let created = call(
                &app,
                &author,
                CREATE,
                json!({ "group": "OPERATIONEEL_MANAGER", "date": date }),
            )
            .await;
            let n = created["data"]["createProposal"]["number"].clone();
            call(&app, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
            call(
                &app,
                &secretary,
                ADVISE,
                json!({ "n": n, "v": 2, "employers": ["a"], "unions": ["b"] }),
            )
            .await;
            numbers.push(n);
        }
        let (first, second) = futures::join!(
            call(
                &app,
                &owner,
                DECIDE,
                json!({ "n": numbers[0], "v": 3, "outcome": "ADOPTED" })
            ),
            call(
                &app,
                &owner,
                DECIDE,
                json!({ "n": numbers[1], "v": 3, "outcome": "ADOPTED" })
            ),
        );
        let outcomes: Vec<Option<&str>> = vec![code(&first), code(&second)];
        assert_eq!(
            outcomes.iter().filter(|c| c.is_none()).count(),
            1,
            "{backend:?}: {first} {second}"
        );
        assert!(
            outcomes.contains(&Some("CONFLICT")),
            "{backend:?}: {first} {second}"
        );
        assert_eq!(
            group_version::Entity::find()
                .count(&app.db.conn)
                .await
                .unwrap(),
            seeded_versions() + 1,
            "{backend:?}: the seeded versions and one adoption"
        );
        assert_eq!(
            audit::verify(&app.db.conn).await.unwrap().first_broken,
            None
        );
    }
}

/// Statements that make every new typing row fail (to break an adoption half-way), and the one
/// that repairs it.
fn sabotage(backend: Backend) -> (&'static [&'static str], &'static str) {
    match backend {
        Backend::Sqlite => (
            &["CREATE TRIGGER sabotage BEFORE INSERT ON typing BEGIN SELECT RAISE(ABORT, 'injected failure'); END"],
            "DROP TRIGGER sabotage",
        ),
        Backend::Postgres => (
            &[
                "CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$",
                "CREATE TRIGGER sabotage BEFORE INSERT ON typing FOR EACH ROW EXECUTE FUNCTION sabotage()",
            ],
            "DROP TRIGGER sabotage ON typing",
        ),
        Backend::MariaDb => (
            &["CREATE TRIGGER sabotage BEFORE INSERT ON typing FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'"],
            "DROP TRIGGER sabotage",
        ),
    }
}

on_every_backend! {
    async fn a_failure_in_the_middle_of_adoption_leaves_no_trace(backend) {
        use sea_orm::ConnectionTrait;
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let secretary = app.person("sam", Role::CommitteeSecretary).await;
        let owner = app.person("mo", Role::Maintainer).await;
        let date = (Utc::now().date_naive() + Duration::days(15)).to_string();
        let created = call(&app, &author, CREATE, json!({ "group": "MANAGER", "date": date })).await;
        let n = created["data"]["createProposal"]["number"].clone();
        call(&app, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
        call(&app, &secretary, ADVISE, json!({ "n": n, "v": 2, "employers": ["a"], "unions": ["b"] })).await;
        let entries_before = audit_event::Entity::find().count(&app.db.conn).await.unwrap();
        let versions_before = group_version::Entity::find().count(&app.db.conn).await.unwrap();
        let (break_it, repair) = sabotage(backend);
        for sql in break_it {
            app.db.owner.execute_unprepared(sql).await.unwrap();
        }
        let failed = call(&app, &owner, DECIDE, json!({ "n": n, "v": 3, "outcome": "ADOPTED" })).await;
        assert_eq!(code(&failed), Some("INTERNAL"), "{failed}");
        assert!(!failed.to_string().contains("injected"), "the cause leaked: {failed}");
        assert_eq!(group_version::Entity::find().count(&app.db.conn).await.unwrap(), versions_before, "a partial version was left");
        assert_eq!(audit_event::Entity::find().count(&app.db.conn).await.unwrap(), entries_before, "an audit entry was left");
        let manager = app.data(r#"{ functionGroup(code: "MANAGER") { version { number effectiveTo } } }"#, json!({})).await;
        assert_eq!(manager["functionGroup"]["version"], json!({ "number": 1, "effectiveTo": null }), "the old version was closed");
        let proposal = call(&app, &author, "query P($n: Int!) { proposal(number: $n) { state version decision { outcome } } }", json!({ "n": n })).await;
        assert_eq!(proposal["data"]["proposal"], json!({ "state": "ADVISED", "version": 3, "decision": null }));
        // Once the fault is gone the same decision goes through.
        app.db.owner.execute_unprepared(repair).await.unwrap();
        let retried = call(&app, &owner, DECIDE, json!({ "n": n, "v": 3, "outcome": "ADOPTED" })).await;
        assert_eq!(retried["data"]["recordDecision"]["state"], "ADOPTED", "{retried}");
    }
}

const REBASE: &str = "mutation R($n: Int!, $v: Int!) { rebaseProposal(number: $n, expectedVersion: $v) { version state baseVersion { number } content } }";

#[tokio::test]
async fn a_proposal_overtaken_by_a_newer_version_is_rebased_or_its_conflicts_reported() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let secretary = app.person("sam", Role::CommitteeSecretary).await;
    let owner = app.person("mo", Role::Maintainer).await;
    let date = |days| (Utc::now().date_naive() + Duration::days(days)).to_string();
    // Three drafts on the same base.
    let mut drafts = Vec::new();
    for days in [10, 20, 30] {
        let created = call(
            &app,
            &author,
            CREATE,
            json!({ "group": "MANAGER", "date": date(days) }),
        )
        .await;
        drafts.push(created["data"]["createProposal"].clone());
    }
    // #1 adds Bamenga coverage and is adopted.
    let first = &drafts[0];
    call(
        &app,
        &author,
        UPDATE,
        json!({ "n": first["number"], "v": 1, "content": with_bamenga(first["content"].clone()) }),
    )
    .await;
    call(
        &app,
        &author,
        SUBMIT,
        json!({ "n": first["number"], "v": 2 }),
    )
    .await;
    call(
        &app,
        &secretary,
        ADVISE,
        json!({ "n": first["number"], "v": 3, "employers": ["a"], "unions": ["b"] }),
    )
    .await;
    let adopted = call(
        &app,
        &owner,
        DECIDE,
        json!({ "n": first["number"], "v": 4, "outcome": "ADOPTED" }),
    )
    .await;
    assert_eq!(
        adopted["data"]["recordDecision"]["state"], "ADOPTED",
        "{adopted}"
    );
    // #2 changed only the purpose: it rebases cleanly and keeps both changes.
    let mut second_content = drafts[1]["content"].clone();
    second_content["coreProfile"]["purpose"] =
        json!("Leidinggeven aan een organisatieonderdeel (illustratief)");
    call(
        &app,
        &author,
        UPDATE,
        json!({ "n": drafts[1]["number"], "v": 1, "content": second_content }),
    )
    .await;
    call(
        &app,
        &author,
        SUBMIT,
        json!({ "n": drafts[1]["number"], "v": 2 }),
    )
    .await;
    call(
        &app,
        &secretary,
        ADVISE,
        json!({ "n": drafts[1]["number"], "v": 3, "employers": ["a"], "unions": ["b"] }),
    )
    .await;
    let stale = call(
        &app,
        &owner,
        DECIDE,
        json!({ "n": drafts[1]["number"], "v": 4, "outcome": "ADOPTED" }),
    )
    .await;
    assert_eq!(code(&stale), Some("CONFLICT"), "{stale}");
    let rebased = call(
        &app,
        &author,
        REBASE,
        json!({ "n": drafts[1]["number"], "v": 4 }),
    )
    .await;
    let r = &rebased["data"]["rebaseProposal"];
    assert_eq!(r["baseVersion"]["number"], 2, "{rebased}");
    assert_eq!(
        r["content"]["coreProfile"]["purpose"],
        "Leidinggeven aan een organisatieonderdeel (illustratief)"
    );
    assert_eq!(
        r["content"]["coverage"][0]["requirementCode"],
        "MOTIE_BAMENGA"
    );
    let adopted = call(
        &app,
        &owner,
        DECIDE,
        json!({ "n": drafts[1]["number"], "v": 5, "outcome": "ADOPTED" }),
    )
    .await;
    assert_eq!(
        adopted["data"]["recordDecision"]["adoptedVersion"]["number"], 3,
        "{adopted}"
    );
    // #3 changed the coverage differently: the conflict is reported and nothing changes.
    let mut third_content = drafts[2]["content"].clone();
    third_content["coverage"] = json!([{ "requirementCode": "GIR_OMGANG_MET_ANDEREN", "typingScale": null, "location": "x", "quote": "y", "note": null }]);
    call(
        &app,
        &author,
        UPDATE,
        json!({ "n": drafts[2]["number"], "v": 1, "content": third_content }),
    )
    .await;
    let conflict = call(
        &app,
        &author,
        REBASE,
        json!({ "n": drafts[2]["number"], "v": 2 }),
    )
    .await;
    assert_eq!(code(&conflict), Some("CONFLICT"));
    assert_eq!(
        conflict["errors"][0]["extensions"]["conflicts"],
        json!(["coverage"])
    );
    let unchanged = call(
        &app,
        &author,
        "query P($n: Int!) { proposal(number: $n) { version baseVersion { number } } }",
        json!({ "n": drafts[2]["number"] }),
    )
    .await;
    assert_eq!(
        unchanged["data"]["proposal"],
        json!({ "version": 2, "baseVersion": { "number": 1 } })
    );
}

#[tokio::test]
async fn the_console_shows_proposals_with_their_diff_to_people_who_signed_in() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let page = |path: &str, cookie: Option<&str>| {
        let mut request = Request::builder().uri(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    let anonymous = app.send(page("/proposals", None)).await;
    assert!(
        anonymous.body.contains(r#"id="sign-in-needed""#),
        "{}",
        anonymous.body
    );

    let date = (Utc::now().date_naive() + Duration::days(10)).to_string();
    let created = call(
        &app,
        &author,
        CREATE,
        json!({ "group": "MANAGER", "date": date }),
    )
    .await;
    let p = created["data"]["createProposal"].clone();
    call(
        &app,
        &author,
        UPDATE,
        json!({ "n": p["number"], "v": 1, "content": with_bamenga(p["content"].clone()) }),
    )
    .await;
    let list = app.send(page("/proposals", Some(&author))).await;
    assert!(
        list.body.contains("Motie Bamenga in het kernprofiel") && list.body.contains("concept"),
        "{}",
        list.body
    );
    let detail = app
        .send(page(&format!("/proposals/{}", p["number"]), Some(&author)))
        .await;
    assert!(detail.body.contains(r#"id="diff""#), "{}", detail.body);
    let bamenga = fgr_api::seed::data::REQUIREMENTS
        .iter()
        .find(|r| r.code == "MOTIE_BAMENGA")
        .unwrap()
        .title;
    assert!(detail
        .body
        .contains(&format!("Dekking › {bamenga} (alle typeringen)")));
    assert!(detail.body.contains("toegevoegd"));
}

#[tokio::test]
async fn the_console_offers_each_role_only_the_steps_it_may_take() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let colleague = app.person("bea", Role::CommitteeMember).await;
    let secretary = app.person("sam", Role::CommitteeSecretary).await;
    let owner = app.person("mo", Role::Maintainer).await;
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
    let shows = |body: &str, id: &str| body.contains(&format!(r#"id="{id}""#));

    // Only people who may propose get the form on a group page.
    assert!(shows(
        &html("/groups/MANAGER".into(), author.clone()).await,
        "propose"
    ));
    assert!(!shows(
        &html("/groups/MANAGER".into(), recruiter.clone()).await,
        "propose"
    ));

    let date = (Utc::now().date_naive() + Duration::days(5)).to_string();
    let created = call(
        &app,
        &author,
        CREATE,
        json!({ "group": "MANAGER", "date": date }),
    )
    .await;
    let n = created["data"]["createProposal"]["number"].clone();
    let path = format!("/proposals/{n}");
    // A draft: its author edits it; nobody else gets a form.
    let page = html(path.clone(), author.clone()).await;
    assert!(shows(&page, "draft-editor") && shows(&page, "withdraw-proposal"));
    for other in [&colleague, &secretary, &owner] {
        let page = html(path.clone(), other.clone()).await;
        assert!(
            !shows(&page, "draft-editor")
                && !shows(&page, "withdraw-proposal")
                && !shows(&page, "advice-form")
        );
    }
    call(&app, &author, SUBMIT, json!({ "n": n, "v": 1 })).await;
    // Submitted: the committee comments; only the secretary records advice; nobody decides yet.
    let page = html(path.clone(), author.clone()).await;
    assert!(
        !shows(&page, "draft-editor")
            && shows(&page, "comment-form")
            && !shows(&page, "advice-form")
    );
    let page = html(path.clone(), secretary.clone()).await;
    assert!(shows(&page, "advice-form") && !shows(&page, "decision-form"));
    let page = html(path.clone(), owner.clone()).await;
    assert!(!shows(&page, "advice-form") && !shows(&page, "decision-form"));
    call(
        &app,
        &secretary,
        ADVISE,
        json!({ "n": n, "v": 2, "employers": ["W"], "unions": ["V"] }),
    )
    .await;
    // Advised: only FGR beheer records the decision.
    assert!(shows(
        &html(path.clone(), owner.clone()).await,
        "decision-form"
    ));
    assert!(!shows(
        &html(path.clone(), secretary.clone()).await,
        "decision-form"
    ));

    // The audit log is for committee roles.
    assert!(shows(
        &html("/audit".into(), secretary.clone()).await,
        "audit-log"
    ));
    assert!(shows(
        &html("/audit".into(), recruiter.clone()).await,
        "not-allowed"
    ));
}

/// Each workflow step, as a probe that changes nothing when the step is allowed: the version
/// given is stale, so an allowed step ends in `CONFLICT` (the check after the step's own), and a
/// refused one in `FORBIDDEN`, `UNAUTHENTICATED` or `INVALID_TRANSITION`. A comment has no
/// version and is simply placed.
const PROBES: [(&str, &str); 7] = [
    (
        "EDIT",
        r#"mutation($n: Int!) { updateProposal(input: { number: $n, expectedVersion: 999, title: "Andere titel" }) { version } }"#,
    ),
    (
        "SUBMIT",
        "mutation($n: Int!) { submitProposal(number: $n, expectedVersion: 999) { version } }",
    ),
    (
        "WITHDRAW",
        "mutation($n: Int!) { withdrawProposal(number: $n, expectedVersion: 999) { version } }",
    ),
    (
        "REBASE",
        "mutation($n: Int!) { rebaseProposal(number: $n, expectedVersion: 999) { version } }",
    ),
    (
        "COMMENT",
        r#"mutation($n: Int!) { commentOnProposal(number: $n, text: "Een vraag van de commissie.") { version } }"#,
    ),
    (
        "RECORD_ADVICE",
        r#"mutation($n: Int!) { recordAdvice(input: { number: $n, expectedVersion: 999, meetingDate: "2026-11-01",
        outcome: POSITIVE, rationale: "De tekst dekt de motie.", employerMembers: ["W"], unionMembers: ["V"] }) { version } }"#,
    ),
    (
        "RECORD_DECISION",
        r#"mutation($n: Int!) { recordDecision(input: { number: $n, expectedVersion: 999, outcome: ADOPTED,
        reference: "Besluit DGDOO 2026-0042", decisionDate: "2026-11-20" }) { version } }"#,
    ),
];

#[tokio::test]
async fn available_steps_are_exactly_the_steps_the_api_accepts_for_each_role_and_state() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let author = app.person("alice", Role::CommitteeMember).await;
    let people = [
        ("author", author.clone()),
        ("colleague", app.person("bea", Role::CommitteeMember).await),
        (
            "secretary",
            app.person("sam", Role::CommitteeSecretary).await,
        ),
        ("owner", app.person("mo", Role::Maintainer).await),
        ("recruiter", app.person("rik", Role::Recruiter).await),
    ];
    let date = (Utc::now().date_naive() + Duration::days(5)).to_string();
    let created = call(
        &app,
        &author,
        CREATE,
        json!({ "group": "MANAGER", "date": date }),
    )
    .await;
    let n = created["data"]["createProposal"]["number"].clone();
    let read = "query($n: Int!) { proposal(number: $n) { version state availableSteps } }";
    let mut seen = Vec::new();
    for state in ["DRAFT", "SUBMITTED", "ADVISED", "ADOPTED"] {
        for (who, cookie) in &people {
            let proposal =
                call(&app, cookie, read, json!({ "n": n })).await["data"]["proposal"].clone();
            let offered: Vec<String> = match proposal["availableSteps"].as_array() {
                Some(steps) => steps
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect(),
                None => Vec::new(), // who may not read proposals is offered nothing
            };
            for (step, probe) in PROBES {
                let answer = call(&app, cookie, probe, json!({ "n": n })).await;
                let accepted = match code(&answer) {
                    None => true,
                    Some("CONFLICT") => true,
                    Some("FORBIDDEN" | "UNAUTHENTICATED" | "INVALID_TRANSITION") => false,
                    Some(other) => panic!("{state}, {who}, {step}: unexpected {other}: {answer}"),
                };
                assert_eq!(
                    offered.iter().any(|s| s == step),
                    accepted,
                    "{state}, {who}: {step} offered {offered:?} but the API said {answer}"
                );
            }
            seen.push((state, *who, offered));
        }
        let version = call(&app, &author, read, json!({ "n": n })).await["data"]["proposal"]
            ["version"]
            .clone();
        match state {
            "DRAFT" => {
                call(&app, &author, SUBMIT, json!({ "n": n, "v": version })).await;
            }
            "SUBMITTED" => {
                call(
                    &app,
                    &people[2].1,
                    ADVISE,
                    json!({ "n": n, "v": version, "employers": ["W"], "unions": ["V"] }),
                )
                .await;
            }
            "ADVISED" => {
                let adopted = call(
                    &app,
                    &people[3].1,
                    DECIDE,
                    json!({ "n": n, "v": version, "outcome": "ADOPTED" }),
                )
                .await;
                assert_eq!(
                    adopted["data"]["recordDecision"]["state"], "ADOPTED",
                    "{adopted}"
                );
            }
            _ => {}
        }
    }
    let offered = |state: &str, who: &str| {
        seen.iter()
            .find(|(s, w, _)| *s == state && *w == who)
            .map(|(_, _, o)| o.join(" "))
            .unwrap()
    };
    // The walk reached every state, and the table says what the workflow says.
    assert_eq!(offered("DRAFT", "author"), "EDIT SUBMIT WITHDRAW REBASE");
    assert_eq!(offered("DRAFT", "colleague"), "");
    assert!(offered("SUBMITTED", "secretary").contains("RECORD_ADVICE"));
    assert!(!offered("SUBMITTED", "author").contains("RECORD_ADVICE"));
    assert!(offered("ADVISED", "owner").contains("RECORD_DECISION"));
    assert_eq!(offered("ADOPTED", "author"), "");
    assert_eq!(offered("ADOPTED", "owner"), "");
}

const LISTING: &str = "{ proposals { number targetCode baseVersionNumber latestVersionNumber adoptedVersionNumber functionGroup { code } baseVersion { number } } }";

on_every_backend! {
    async fn listing_proposals_with_their_targets_costs_no_statement_per_proposal(backend) {
        let app = TestApp::seeded(backend).await;
        let author = app.person("alice", Role::CommitteeMember).await;
        let date = (Utc::now().date_naive() + Duration::days(5)).to_string();
        let mut counts = Vec::new();
        let mut last = Vec::new();
        for wanted in [1, 3] {
            while call(&app, &author, LISTING, json!({})).await["data"]["proposals"].as_array().unwrap().len() < wanted {
                call(&app, &author, CREATE, json!({ "group": "MANAGER", "date": date })).await;
            }
            // The register has caught up with the creations; only the listing counts.
            app.warm().await;
            app.db.reset_statements();
            let listed = call(&app, &author, LISTING, json!({})).await;
            let statements = app.db.statements();
            let proposals = listed["data"]["proposals"].as_array().unwrap();
            assert_eq!(proposals.len(), wanted, "{listed}");
            assert!(proposals.iter().all(|p| p["targetCode"] == "MANAGER"
                && p["functionGroup"]["code"] == "MANAGER"
                && p["baseVersionNumber"] == p["latestVersionNumber"]
                && p["baseVersion"]["number"] == p["baseVersionNumber"]
                && p["adoptedVersionNumber"].is_null()), "{listed}");
            counts.push(statements.len());
            last = statements;
        }
        eprintln!("proposal listing on {backend:?}: {counts:?} statements for 1 and 3 proposals");
        assert_eq!(counts[0], counts[1], "a statement per proposal: {last:?}");
    }
}
