//! The register in memory answers as the database does: for every versioned thing and a spread of
//! dates (before its first version, on every first and last day, the day before each, far in the
//! future) the snapshot's version in effect is the one a direct query finds; after a change it
//! follows; and a change that fails leaves the published snapshot as it was.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, Utc};
use fgr_api::domain::access::{AccessPolicy, Person, Principal, Role};
use fgr_api::domain::caller::Caller;
use fgr_api::domain::temporal::Period;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use serde_json::json;

use crate::on_every_backend;
use crate::support::{Backend, TestApp};

/// The dates worth asking about for a history: before it, every first and last day and the day
/// before each, today, and far in the future.
fn spread<V: Period>(versions: &[V]) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::from([
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2999, 12, 31).unwrap(),
        Utc::now().date_naive(),
    ]);
    for v in versions {
        for d in [Some(v.effective_from()), v.effective_to()]
            .into_iter()
            .flatten()
        {
            days.insert(d);
            days.insert(d - Duration::days(1));
        }
    }
    days
}

/// The id of the row of `table` (owned through `owner` = `id`) in effect on `day`, by SQL.
async fn in_effect_by_sql(
    db: &DatabaseConnection,
    table: &str,
    owner: &str,
    id: i32,
    day: NaiveDate,
) -> Option<i32> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT id FROM {table} WHERE {owner} = {} AND effective_from <= {} AND (effective_to IS NULL OR effective_to > {})",
        param(backend, 1),
        param(backend, 2),
        param(backend, 3)
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(id), Value::from(day), Value::from(day)],
        ))
        .await
        .unwrap();
    assert!(
        rows.len() <= 1,
        "{table} {id}: overlapping versions on {day}"
    );
    rows.first().map(|r| r.try_get_by_index::<i32>(0).unwrap())
}

fn param(backend: sea_orm::DatabaseBackend, n: usize) -> String {
    match backend {
        sea_orm::DatabaseBackend::Postgres => format!("${n}"),
        _ => "?".into(),
    }
}

fn maintainer() -> Principal {
    Principal::Person(Person {
        subject: "mo".into(),
        name: "Mo".into(),
        email: None,
        roles: [Role::Maintainer].into(),
    })
}

/// Compares the published snapshot with the database for every group, clause and format.
async fn snapshot_agrees_with_the_database(app: &TestApp) -> usize {
    let register = app.service.read_model().fresh().await.unwrap();
    let db = &app.db.conn;
    let mut checks = 0;
    for g in register.groups() {
        let days = spread(g.versions.all());
        for day in days {
            let memory = g.versions.in_effect(day).map(|v| v.version.id);
            let sql = in_effect_by_sql(db, "group_version", "group_id", g.group.id, day).await;
            assert_eq!(memory, sql, "group {} on {day}", g.group.code);
            checks += 1;
        }
    }
    for c in register.clauses() {
        let days = spread(c.versions.all());
        for day in days {
            let memory = c.versions.in_effect(day).map(|v| v.id);
            let sql =
                in_effect_by_sql(db, "vacancy_clause_version", "clause_id", c.clause.id, day).await;
            assert_eq!(memory, sql, "clause {} on {day}", c.clause.code);
            checks += 1;
        }
    }
    for f in register.formats() {
        let days = spread(f.versions.all());
        for day in days {
            let memory = f.versions.in_effect(day).map(|v| v.version.id);
            let sql = in_effect_by_sql(
                db,
                "appraisal_format_version",
                "format_id",
                f.format.id,
                day,
            )
            .await;
            assert_eq!(memory, sql, "format {} on {day}", f.format.code);
            checks += 1;
        }
    }
    // And the whole snapshot equals one read afresh from the database.
    let afresh = fgr_api::register::load::everything(db).await.unwrap();
    assert_eq!(afresh.revision(), register.revision());
    assert_eq!(afresh.groups().len(), register.groups().len());
    assert_eq!(afresh.clauses().len(), register.clauses().len());
    assert_eq!(afresh.formats().len(), register.formats().len());
    for g in afresh.groups() {
        let mine = register
            .group_by_code(&g.group.code)
            .expect("group in memory");
        assert_eq!(mine.group, g.group);
        let (a, b): (Vec<_>, Vec<_>) = (
            g.versions
                .all()
                .iter()
                .map(|v| (&v.version, &v.typings, &v.core_profile, &v.coverage))
                .collect(),
            mine.versions
                .all()
                .iter()
                .map(|v| (&v.version, &v.typings, &v.core_profile, &v.coverage))
                .collect(),
        );
        assert_eq!(a, b, "group {}", g.group.code);
    }
    for c in afresh.clauses() {
        let mine = register.clause(&c.clause.code).expect("clause in memory");
        assert_eq!(
            mine.versions.all(),
            c.versions.all(),
            "clause {}",
            c.clause.code
        );
    }
    for f in afresh.formats() {
        let mine = register.format(&f.format.code).expect("format in memory");
        let versions = |h: &fgr_api::register::FormatHistory| -> Vec<_> {
            h.versions
                .all()
                .iter()
                .map(|v| (v.version.clone(), v.content.clone()))
                .collect()
        };
        assert_eq!(versions(mine), versions(f), "format {}", f.format.code);
    }
    checks
}

on_every_backend! {
    async fn the_snapshot_answers_as_the_database_before_and_after_changes(backend) {
        let app = TestApp::seeded(backend).await;
        let before = snapshot_agrees_with_the_database(&app).await;
        // Changes made behind the process's back (as through another replica): a clause revised
        // from next month, another retired from next week.
        let person = maintainer();
        let caller = Caller { principal: &person, policy: AccessPolicy::default(), request_id: "test" };
        let in_days = |n| Utc::now().date_naive() + Duration::days(n);
        let vog = app.service.read_model().published().clause("VOG").expect("VOG").versions.latest().unwrap().clone();
        let mut fields = clause_fields(&vog);
        fields.text_nl = "Voor deze functie vraag je een VOG aan (nieuwe tekst).".into();
        fgr_api::domain::clauses::revise(&app.db.conn, &caller, "VOG", vog.version_no, in_days(30), &fields).await.unwrap();
        fgr_api::domain::clauses::retire(&app.db.conn, &caller, "EED_OF_BELOFTE", 1, in_days(7)).await.unwrap();
        let after = snapshot_agrees_with_the_database(&app).await;
        eprintln!("{backend:?}: {before} checks before, {after} after the changes");
        assert!(after > before);
        let next_month = in_days(30).to_string();
        let vog_then = app.data(r#"query V($on: Date) { vacancyClause(code: "VOG", on: $on) { status version { number textNl } } }"#, json!({ "on": next_month })).await;
        assert_eq!(vog_then["vacancyClause"]["version"]["number"], vog.version_no + 1);
        assert_eq!(vog_then["vacancyClause"]["status"], "ACTIVE");
    }

    async fn a_clause_change_shares_the_groups_with_the_next_snapshot(backend) {
        let app = TestApp::seeded(backend).await;
        app.warm().await;
        let today = Utc::now().date_naive();
        let before = app.service.read_model().published();
        let listed = before.groups_in_effect(today);
        let person = maintainer();
        let caller = Caller { principal: &person, policy: AccessPolicy::default(), request_id: "test" };
        fgr_api::domain::clauses::retire(&app.db.conn, &caller, "EED_OF_BELOFTE", 1, today + Duration::days(7)).await.unwrap();
        let after = app.service.read_model().fresh().await.unwrap();
        assert!(after.revision() > before.revision());
        // The same groups, indexes and in-effect listing (not a copy): nothing was re-indexed.
        assert!(std::sync::Arc::ptr_eq(&listed, &after.groups_in_effect(today)));
        assert_eq!(after.groups().len(), before.groups().len());
        assert!(after.group_by_code("MANAGER").is_some());
        assert_eq!(after.clause("EED_OF_BELOFTE").unwrap().versions.latest().unwrap().effective_to, Some(today + Duration::days(7)));
        // The snapshot still agrees with the database everywhere.
        snapshot_agrees_with_the_database(&app).await;
    }

    async fn a_failed_change_leaves_the_published_snapshot_unchanged(backend) {
        let app = TestApp::seeded(backend).await;
        app.warm().await;
        let before = app.service.read_model().published();
        let person = maintainer();
        let caller = Caller { principal: &person, policy: AccessPolicy::default(), request_id: "test" };
        let vog = before.clause("VOG").unwrap().versions.latest().unwrap().clone();
        // A stale version number: refused, nothing stored.
        let stale = fgr_api::domain::clauses::revise(&app.db.conn, &caller, "VOG", vog.version_no + 5, Utc::now().date_naive(), &clause_fields(&vog)).await;
        assert_eq!(stale.unwrap_err().code().as_str(), "CONFLICT");
        // A failure in the middle of the transaction: the feed cannot be written.
        let sabotage = match backend {
            Backend::Postgres => "ALTER TABLE change_event ADD CONSTRAINT ck_injected CHECK (seq < 0) NOT VALID",
            Backend::MariaDb => "ALTER TABLE change_event ADD CONSTRAINT ck_injected CHECK (seq < 0)",
            Backend::Sqlite => "CREATE TRIGGER injected BEFORE INSERT ON change_event BEGIN SELECT RAISE(ABORT, 'injected'); END",
        };
        if backend == Backend::MariaDb {
            // MariaDB checks existing rows when adding a constraint: use a trigger there too.
            app.db.owner.execute_unprepared("CREATE TRIGGER injected BEFORE INSERT ON change_event FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected'").await.unwrap();
        } else {
            app.db.owner.execute_unprepared(sabotage).await.unwrap();
        }
        let failed = fgr_api::domain::clauses::retire(&app.db.conn, &caller, "VOG", vog.version_no, Utc::now().date_naive() + Duration::days(3)).await;
        assert_eq!(failed.unwrap_err().code().as_str(), "INTERNAL");
        let after = app.service.read_model().fresh().await.unwrap();
        assert_eq!(after.revision(), before.revision(), "the feed did not move");
        assert!(std::sync::Arc::ptr_eq(&after, &before), "the same snapshot is published");
        assert_eq!(after.clause("VOG").unwrap().versions.latest().unwrap().effective_to, None);
        let data = app.data(r#"{ vacancyClause(code: "VOG") { version { effectiveTo } } }"#, json!({})).await;
        assert_eq!(data["vacancyClause"]["version"]["effectiveTo"], serde_json::Value::Null);
    }
}

fn clause_fields(
    v: &fgr_entities::vacancy_clause_version::Model,
) -> fgr_api::domain::clauses::ClauseFields {
    use fgr_api::domain::clauses::{applicability_of, Category, ClauseFields, Section};
    ClauseFields {
        title: v.title.clone(),
        category: Category::from_code(&v.category).unwrap(),
        section: Section::from_code(&v.section).unwrap(),
        section_order: v.section_order,
        text_nl: v.text_nl.clone(),
        text_en: v.text_en.clone(),
        mandatory: v.mandatory,
        applicability: applicability_of(v),
        source_reference: v.source_reference.clone(),
        source_url: v.source_url.clone(),
        illustrative: v.illustrative,
        change_note: Some("test".into()),
    }
}
