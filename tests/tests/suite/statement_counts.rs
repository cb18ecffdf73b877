//! Hot reads come from memory: once the register is loaded, a read costs no SQL statement on
//! SQLite (one process owns the file) and exactly one on PostgreSQL and MariaDB (the change feed's
//! head, to know the snapshot is current), whatever the query and the size of the register; a
//! change costs a catch-up that reads only what changed.

use chrono::NaiveDate;
use fgr_entities::{
    competence, core_profile, core_profile_competence, core_profile_item, function_group,
    group_version, job_family, requirement_coverage, requirement_scope, responsibility_requirement,
    result_area, typing, typing_item,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use serde_json::json;

use crate::on_every_backend;
use crate::support::{Backend, TestApp, TestDb};

const NESTED_LISTING: &str = r#"{ functionGroups(first: 100) { totalCount edges { node {
  code
  family { name }
  version { number }
  versions { number }
  typings { scale fuwasys { total } sections { label items { subCategory text } } }
  coreProfile { purpose resultAreas { code results behaviourIndicators } competences { name } }
  requirements { covered requirement { code requiredInFamilies { code } } coverage { quote } }
} } } }"#;

/// Fills a migrated database with `n` groups, each with a version, a core profile with a result,
/// a competence, two typings with items, and a coverage link.
async fn synthetic_catalogue(conn: &DatabaseConnection, n: usize) {
    let txn = conn.begin().await.unwrap();
    let family = job_family::ActiveModel {
        code: Set("SYNTH".into()),
        name: Set("Synthetisch".into()),
        definition: Set(None),
        manager_family: Set(true),
        sort_order: Set(1),
        source_url: Set(None),
        illustrative: Set(true),
        data_note: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .unwrap();
    let requirement = responsibility_requirement::ActiveModel {
        code: Set("R".into()),
        title: Set("R".into()),
        text: Set("r".into()),
        theme: Set("SOCIAL_SAFETY".into()),
        source_reference: Set("test".into()),
        source_url: Set(None),
        required_from: Set(None),
        illustrative: Set(true),
        sort_order: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .unwrap();
    requirement_scope::ActiveModel {
        requirement_id: Set(requirement.id),
        family_id: Set(Some(family.id)),
        group_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .unwrap();
    let skill = competence::ActiveModel {
        name: Set("Reflecteren".into()),
        description: Set(None),
        source_url: Set(None),
        illustrative: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .unwrap();
    for i in 0..n {
        let group = function_group::ActiveModel {
            family_id: Set(family.id),
            code: Set(format!("G{i:03}")),
            name: Set(format!("Groep {i}")),
            description: Set(None),
            scale_min: Set(10),
            scale_max: Set(11),
            work_levels: Set(None),
            fgr_site_id: Set(None),
            added_on: Set(None),
            search_text: Set(format!("groep {i}")),
            source_url: Set(None),
            illustrative: Set(true),
            data_note: Set(None),
            sort_order: Set(i as i32),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        let version = group_version::ActiveModel {
            group_id: Set(group.id),
            version_no: Set(1),
            effective_from: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
            effective_to: Set(None),
            provenance_kind: Set("SEED".into()),
            provenance_reference: Set(None),
            provenance_url: Set(None),
            decided_on: Set(None),
            illustrative: Set(true),
            note: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        let profile = core_profile::ActiveModel {
            group_version_id: Set(version.id),
            purpose: Set(Some("doel".into())),
            source_url: Set(None),
            illustrative: Set(true),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        let area = result_area::ActiveModel {
            core_profile_id: Set(profile.id),
            code: Set("OMGEVING".into()),
            label: Set("Omgeving".into()),
            sort_order: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        core_profile_item::ActiveModel {
            result_area_id: Set(area.id),
            kind: Set("RESULT".into()),
            text: Set("resultaat".into()),
            sort_order: Set(1),
            illustrative: Set(true),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        core_profile_competence::ActiveModel {
            core_profile_id: Set(profile.id),
            competence_id: Set(skill.id),
            sort_order: Set(1),
        }
        .insert(&txn)
        .await
        .unwrap();
        for scale in 10..=11 {
            let t = typing::ActiveModel {
                group_version_id: Set(version.id),
                scale: Set(scale),
                fuwasys_scores: Set(None),
                fuwasys_total: Set(None),
                source_url: Set(None),
                illustrative: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .unwrap();
            typing_item::ActiveModel {
                typing_id: Set(t.id),
                section: Set("RESULTATEN".into()),
                sub_category: Set(Some("Aansturing".into())),
                text: Set("tekst".into()),
                sort_order: Set(1),
                illustrative: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .unwrap();
        }
        requirement_coverage::ActiveModel {
            group_version_id: Set(version.id),
            requirement_id: Set(requirement.id),
            typing_scale: Set(None),
            location: Set("x".into()),
            quote: Set("y".into()),
            illustrative: Set(true),
            note: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
}

/// Statements the nested listing costs over `n` synthetic groups on `backend`, once the register
/// is in memory.
async fn statements_for(backend: Backend, n: usize) -> Vec<String> {
    let db = TestDb::migrated(backend).await;
    synthetic_catalogue(&db.conn, n).await;
    // A hundred groups with everything in them costs more than the default allows (a client
    // pages it); here only the statements count.
    let limits = fgr_api::config::GraphqlLimits {
        max_cost: 10_000_000,
        ..fgr_api::config::GraphqlLimits::default()
    };
    let app = TestApp::over(db, limits);
    app.warm().await;
    app.db.reset_statements();
    let data = app.data(NESTED_LISTING, json!({})).await;
    let edges = data["functionGroups"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), n);
    assert!(edges
        .iter()
        .all(|e| e["node"]["typings"].as_array().unwrap().len() == 2
            && e["node"]["requirements"][0]["covered"] == true
            && e["node"]["coreProfile"]["competences"][0]["name"] == "Reflecteren"));
    app.db.statements()
}

/// What a hot read may cost: nothing on SQLite, the change feed's head elsewhere.
pub(crate) fn only_the_freshness_check(backend: Backend, statements: &[String]) -> bool {
    match backend {
        Backend::Sqlite => statements.is_empty(),
        _ => statements.len() == 1 && statements[0].contains("MAX(seq) FROM change_event"),
    }
}

/// The hot queries of the benchmark, as integrations and the console send them.
const HOT_QUERIES: [&str; 5] = [
    r#"{ functionGroups(first: 50) { edges { node { code name scaleRange { min max } family { code name } } } } }"#,
    r#"{ functionGroup(code: "MANAGER") { code name version { number } typings { scale fuwasys { display } sections { label items { subCategory text } } } coreProfile { purpose } requirements { covered } } }"#,
    r#"{ appraisalCriteria(groupCode: "MANAGER", scale: 13) { formats sections { code title criteria { code text mandatory ratingScale { levels { label description } } } } } }"#,
    r#"{ vacancyText(groupCode: "MANAGER", scale: 15, language: "nl") { text } }"#,
    r#"{ search(text: "coordinerend beleid") { kind code scale title } }"#,
];

on_every_backend! {
    async fn a_nested_listing_costs_one_statement_for_ten_groups_and_for_a_hundred(backend) {
        let ten = statements_for(backend, 10).await;
        let hundred = statements_for(backend, 100).await;
        eprintln!("nested listing on {backend:?}: {} statements for 10 groups, {} for 100", ten.len(), hundred.len());
        assert!(only_the_freshness_check(backend, &ten), "10 groups: {ten:?}");
        assert!(only_the_freshness_check(backend, &hundred), "100 groups: {hundred:?}");
    }

    async fn every_hot_query_costs_only_the_freshness_check_and_a_change_only_a_catch_up(backend) {
        let app = TestApp::seeded(backend).await;
        app.warm().await;
        for query in HOT_QUERIES {
            app.db.reset_statements();
            let data = app.data(query, json!({})).await;
            assert!(data.as_object().is_some_and(|o| !o.is_empty()), "{query}: {data}");
            assert!(only_the_freshness_check(backend, &app.db.statements()), "{query}: {:?}", app.db.statements());
        }
        // A change committed behind this process's back (as through another replica): the next
        // read catches up, reading only the changed clause and the small reference tables.
        let before = app.service.read_model().published().revision();
        let person = fgr_api::domain::access::Principal::Person(fgr_api::domain::access::Person {
            subject: "mo".into(),
            name: "Mo".into(),
            email: None,
            roles: [fgr_api::domain::access::Role::Maintainer].into(),
        });
        let caller = fgr_api::domain::caller::Caller {
            principal: &person,
            policy: fgr_api::domain::access::AccessPolicy::default(),
            request_id: "test",
        };
        let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
        fgr_api::domain::clauses::retire(&app.db.conn, &caller, "VOG", 1, tomorrow).await.expect("retired");
        app.db.reset_statements();
        let data = app.data(r#"{ vacancyClause(code: "VOG") { version { effectiveTo } } }"#, json!({})).await;
        assert_eq!(data["vacancyClause"]["version"]["effectiveTo"], tomorrow.to_string(), "the change is visible in the next read");
        let catch_up = app.db.statements();
        eprintln!("catch-up on {backend:?}: {} statements", catch_up.len());
        assert!(catch_up.len() <= 14, "a catch-up reads what changed, not the register: {catch_up:#?}");
        assert!(!catch_up.iter().any(|s| s.contains("FROM \"typing_item\"") || s.contains("FROM `typing_item`")), "no group content is read again: {catch_up:#?}");
        assert!(app.service.read_model().published().revision() > before);
        app.db.reset_statements();
        app.data(HOT_QUERIES[3], json!({})).await;
        assert!(only_the_freshness_check(backend, &app.db.statements()), "{:?}", app.db.statements());
    }
}
