//! What a query may cost is decided before it runs: lists multiply by their length, aliases and
//! root fields are capped. Every query the console sends fits; the security probe's query (a
//! 22 KB document that answered 50 MB) and its variants are refused with a typed error, without
//! touching the database.

use fgr_api::config::GraphqlLimits;
use fgr_api::graphql::cost::{CostLimits, CostModel};
use fgr_console::queries;
use serde_json::json;

use crate::support::{Backend, TestApp};

fn limits() -> CostLimits {
    let d = GraphqlLimits::default();
    CostLimits {
        max_cost: d.max_cost,
        max_aliases: d.max_aliases,
        max_root_fields: d.max_root_fields,
    }
}

#[test]
fn every_console_operation_fits_the_default_cost_with_room_to_spare() {
    let model = CostModel::of_sdl(&fgr_api::graphql::sdl());
    let unlimited = CostLimits {
        max_cost: u64::MAX,
        ..limits()
    };
    let mut costs = Vec::new();
    for operation in queries::all() {
        let (name, query) = (&operation.name, operation.document);
        let cost = model
            .check_text(query, &Default::default(), &unlimited)
            .unwrap();
        assert!(cost > 0, "{name} parses");
        costs.push((cost, *name));
    }
    costs.sort();
    eprintln!("{costs:?}");
    let (highest, name) = costs.last().copied().unwrap();
    assert!(
        highest * 2 <= limits().max_cost,
        "{name} costs {highest}, more than half the default limit"
    );
}

/// The probe's query: a family's groups' family's groups … twelve deep, ending in `n` aliased
/// codes.
fn nested(depth: usize, aliases: usize) -> String {
    let leaf: String = (0..aliases).map(|i| format!("a{i}: code ")).collect();
    let mut inner = leaf;
    for level in (0..depth).rev() {
        inner = if level % 2 == 0 {
            format!("functionGroups {{ {inner} }}")
        } else {
            format!("family {{ {inner} }}")
        };
    }
    format!(r#"{{ jobFamily(code: "LIJNMANAGEMENT") {{ {inner} }} }}"#)
}

#[tokio::test]
async fn the_probes_queries_are_refused_before_they_touch_the_database() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    app.warm().await;
    let cases = [
        (nested(11, 1980), "TOO_MANY_ALIASES"),
        (nested(11, 20), "QUERY_TOO_COSTLY"),
        (format!("{{ {} }}", (0..1000).map(|i| format!("f{i}: jobFamilies {{ name }}")).collect::<String>()), "TOO_MANY_ROOT_FIELDS"),
        (format!("{{ jobFamilies {{ {} }} }}", (0..1000).map(|i| format!("f{i}: name ")).collect::<String>()), "TOO_MANY_ALIASES"),
        (format!("{{ {} }}", (0..25).map(|i| format!("f{i}: jobFamilies {{ name }}")).collect::<String>()), "TOO_MANY_ROOT_FIELDS"),
        ("{ functionGroups(first: 100) { edges { node { typings { sections { items { text subCategory } } } } } } }".to_owned(), "QUERY_TOO_COSTLY"),
        // Fragments do not hide the cost.
        ("query { jobFamilies { ...G } } fragment G on JobFamily { functionGroups { family { functionGroups { family { functionGroups { typings { sections { items { text } } } } } } } } }".to_owned(), "QUERY_TOO_COSTLY"),
    ];
    for (query, code) in cases {
        app.db.reset_statements();
        let started = std::time::Instant::now();
        let response = app.graphql(&query, json!({})).await;
        let took = started.elapsed();
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            code,
            "{}",
            &response.to_string()[..300.min(response.to_string().len())]
        );
        assert!(response["data"].is_null(), "nothing is answered");
        assert!(
            app.db.statements().is_empty(),
            "refused before any SQL: {:?}",
            app.db.statements()
        );
        eprintln!("{code} for a {} byte query in {took:?}", query.len());
    }
    // The same shapes within bounds are answered.
    let fine = app.data(&nested(3, 5), json!({})).await;
    assert!(fine["jobFamily"]["functionGroups"]
        .as_array()
        .is_some_and(|g| !g.is_empty()));
    let page = app.data("{ functionGroups(first: 5) { edges { node { typings { sections { items { text } } } } } } }", json!({})).await;
    assert_eq!(page["functionGroups"]["edges"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn the_limits_are_configurable() {
    let strict = GraphqlLimits {
        max_cost: 100,
        max_aliases: 2,
        max_root_fields: 2,
        ..GraphqlLimits::default()
    };
    let app = TestApp::over(
        crate::support::TestDb::seeded(Backend::Sqlite).await,
        strict,
    );
    let costly = app
        .graphql(
            "{ functionGroups(first: 50) { edges { node { code name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        costly["errors"][0]["extensions"]["code"], "QUERY_TOO_COSTLY",
        "{costly}"
    );
    let cheap = app
        .graphql(
            "{ functionGroups(first: 5) { edges { node { code name } } } }",
            json!({}),
        )
        .await;
    assert!(cheap.get("errors").is_none(), "{cheap}");
    let aliases = app
        .graphql("{ jobFamilies { a: code b: code c: code } }", json!({}))
        .await;
    assert_eq!(
        aliases["errors"][0]["extensions"]["code"],
        "TOO_MANY_ALIASES"
    );
    let roots = app
        .graphql(
            "{ a: jobFamilies { code } b: jobFamilies { code } c: jobFamilies { code } }",
            json!({}),
        )
        .await;
    assert_eq!(
        roots["errors"][0]["extensions"]["code"],
        "TOO_MANY_ROOT_FIELDS"
    );
    // A variable page size counts as the literal would.
    let by_variable = app
        .graphql(
            "query P($n: Int) { functionGroups(first: $n) { edges { node { code name } } } }",
            json!({ "n": 50 }),
        )
        .await;
    assert_eq!(
        by_variable["errors"][0]["extensions"]["code"],
        "QUERY_TOO_COSTLY"
    );
}
