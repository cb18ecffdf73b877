//! The console renders complete pages on the server (readable without JavaScript), with data it
//! got through the GraphQL API.

use axum::http::StatusCode;

use crate::support::{Backend, TestApp};

async fn page(app: &TestApp, path: &str) -> (StatusCode, String) {
    let answer = app.page(path, None).await;
    (answer.status, answer.body)
}

#[tokio::test]
async fn the_home_page_lists_the_families_with_their_groups() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let (status, html) = page(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    for family in [
        "Uitvoering",
        "Lijnmanagement",
        "Project-/Programmamanagement",
        "Beleid",
    ] {
        assert!(html.contains(family), "{family} missing");
    }
    assert!(html.contains(r#"href="/groups/TOPMANAGER_GENERAAL""#));
    let held = fgr_api::seed::catalogue::catalogue().groups.len();
    assert!(
        html.contains(&format!("{held} van de 61–63 functiegroepen")),
        "the home page says how many of the declared groups it holds"
    );
}

#[tokio::test]
async fn a_group_page_holds_its_typings_core_profile_and_requirements() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let (status, html) = page(&app, "/groups/MANAGER").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"id="typings""#));
    for text in [
        "Schaal 12",
        "Schaal 15",
        "44443 44434 43 43 (52)",
        "45445 45545 44 45 (62)",
        "Vernieuwen en verbeteren",
        "Motie Bamenga, Kamerstukken II 2024/25, 30 950, nr. 415",
        "Besluit DGOO, 18-12-2017",
    ] {
        assert!(html.contains(text), "{text} missing from the group page");
    }
    assert!(
        !html.contains("Laden…"),
        "the page was sent before its data"
    );
}

#[tokio::test]
async fn the_peildatum_in_the_address_selects_the_version() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let (status, html) = page(&app, "/groups/TOPMANAGER_GENERAAL?asOf=2015-01-01").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("bestond niet op de gekozen peildatum"));
    let (status, html) = page(&app, "/families/LIJNMANAGEMENT?asOf=2016-06-01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Topmanager-generaal")
            && !html.contains(r#"href="/groups/MANAGER?asOf=2016-06-01""#)
    );
}

#[tokio::test]
async fn unknown_pages_are_404() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    assert_eq!(
        page(&app, "/groups/GEEN_GROEP").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(page(&app, "/bestaat/niet").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_family_page_lists_every_seeded_group_and_marks_what_is_inferred() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let (status, html) = page(&app, "/families/UITVOERING").await;
    assert_eq!(status, StatusCode::OK);
    let seeded: Vec<_> = fgr_api::seed::catalogue::catalogue()
        .groups
        .iter()
        .filter(|g| g.family == "UITVOERING")
        .collect();
    for g in &seeded {
        assert!(
            html.contains(&format!(r#"href="/groups/{}""#, g.code)),
            "{} missing",
            g.code
        );
    }
    let inferred = seeded.iter().filter(|g| g.family_inferred).count();
    assert!(inferred > 0);
    assert_eq!(html.matches("familie afgeleid").count(), inferred);
    assert!(html.contains("schalen afgeleid"));
}

#[tokio::test]
async fn a_group_page_shows_the_named_variants_and_a_quoted_invalid_score() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let (_, html) = page(&app, "/groups/INRICHTINGSBEVEILIGER").await;
    for text in [
        "Variant 1: Seniorschap woonbeveiliging",
        "Variant 2: Inkomsten, transport en/of detentietoezicht",
        "22222 22222 22 22 (28)",
        "32222 23222 22 22 (30)",
    ] {
        assert!(html.contains(text), "{text} missing from the group page");
    }
    let (_, html) = page(
        &app,
        "/groups/MEDEWERKER_BEGELEIDING_AANLEG_BEHEER_EN_ONDERHOUD",
    )
    .await;
    // The invalid official string is quoted in the typing's note, not shown as a score.
    assert!(
        html.contains("322333222 22 22 (32)"),
        "the published string is not quoted"
    );
    assert!(!html.contains("322333222 22 22 (30)"));
}
