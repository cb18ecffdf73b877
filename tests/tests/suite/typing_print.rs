//! A typing prints as the document people exchange: a PDF from the API and a printable console
//! page with the same facts.

use axum::body::Body;
use axum::http::Request;

use crate::support::{Backend, TestApp};

async fn get(app: &TestApp, path: &str) -> crate::support::Answer {
    app.send(Request::builder().uri(path).body(Body::empty()).unwrap())
        .await
}

#[tokio::test]
async fn a_typing_downloads_as_a_pdf_with_its_facts_and_every_section() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let answer = get(&app, "/api/groups/MANAGER/typings/12.pdf").await;
    assert_eq!(answer.status.as_u16(), 200, "{}", answer.body);
    assert_eq!(answer.headers["content-type"], "application/pdf");
    assert_eq!(
        answer.headers["content-disposition"],
        "attachment; filename=\"typering-MANAGER-schaal-12.pdf\""
    );
    assert!(answer.body.starts_with("%PDF-"), "{}", &answer.body[..20]);
    // The base fonts' text is in the page streams as `(text) Tj`.
    for text in [
        "(Manager) Tj",
        "(Functietypering schaal 12 \u{b7} Lijnmanagement) Tj",
        "(44443 44434 43 43 \\(52\\)) Tj",
        "(Algemene omschrijving) Tj",
        "(Resultaten) Tj",
        "(Speelruimte / Kaders) Tj",
        "(Kennis & Vaardigheden) Tj",
        "(Contacten) Tj",
        "(Besluit DGOO, 18-12-2017",
        "(pagina 1 van ",
    ] {
        let encoded: String = text.replace('\u{b7}', "\u{fffd}");
        assert!(
            answer.body.contains(&encoded),
            "{text} missing from the PDF"
        );
    }
}

#[tokio::test]
async fn a_typing_that_does_not_exist_is_refused_with_the_json_error() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    for (path, status, code) in [
        ("/api/groups/GEEN_GROEP/typings/12.pdf", 404, "NOT_FOUND"),
        ("/api/groups/MANAGER/typings/3.pdf", 400, "BAD_USER_INPUT"),
        ("/api/groups/MANAGER/typings/twaalf.pdf", 404, "NOT_FOUND"),
        (
            "/api/groups/MANAGER/typings/12.pdf?asOf=2010-01-01",
            404,
            "NOT_FOUND",
        ),
        ("/api/groups/MANAGER/typings/25.pdf", 400, "BAD_USER_INPUT"),
        (
            "/api/groups/MANAGER/typings/12.pdf?asOf=gisteren",
            400,
            "BAD_USER_INPUT",
        ),
    ] {
        let answer = get(&app, path).await;
        assert_eq!(answer.status.as_u16(), status, "{path}: {}", answer.body);
        assert_eq!(
            answer.json()["errors"][0]["extensions"]["code"],
            code,
            "{path}"
        );
        assert!(
            answer.json()["errors"][0]["message"]
                .as_str()
                .unwrap()
                .len()
                > 10,
            "{path}: a message people can read"
        );
    }
}

#[tokio::test]
async fn the_printable_page_shows_the_typing_document_and_links_its_pdf() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let answer = get(&app, "/groups/MANAGER/typings/12?asOf=2026-12-01").await;
    assert_eq!(answer.status.as_u16(), 200);
    let html = answer.body;
    for text in [
        r#"id="typing-document""#,
        "Functietypering schaal 12 · Lijnmanagement",
        "44443 44434 43 43 (52)",
        "Speelruimte / Kaders",
        "Besluit DGOO, 18-12-2017",
        "1 december 2026",
        r#"href="/api/groups/MANAGER/typings/12.pdf?asOf=2026-12-01""#,
    ] {
        assert!(
            html.contains(text),
            "{text} missing from the printable page"
        );
    }
    let group = get(&app, "/groups/MANAGER").await.body;
    assert!(
        group.contains(r#"href="/groups/MANAGER/typings/12""#),
        "the group page links each typing's printable page"
    );
    let missing = get(&app, "/groups/MANAGER/typings/3").await;
    assert_eq!(
        missing.status.as_u16(),
        404,
        "a scale the group does not have"
    );
    assert!(
        missing.body.contains("Pagina niet gevonden"),
        "{}",
        missing.body
    );
}
