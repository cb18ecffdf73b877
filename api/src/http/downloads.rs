//! Downloads outside GraphQL: the coverage report as CSV, the catalogue in the exchange format,
//! and a typing as PDF.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::access::{Operation, Principal};
use crate::domain::printing;
use crate::error::DomainError;
use crate::graphql::GraphqlService;

use super::refuse;

/// Parameters of the coverage export.
#[derive(Deserialize)]
pub(super) struct CoverageParams {
    families: Option<String>,
    #[serde(rename = "asOf")]
    as_of: Option<String>,
}

/// The caller may read the catalogue, and the `asOf` they gave is a date (default today); else
/// the refusal to send.
pub(super) fn readable_day(
    service: &GraphqlService,
    principal: &Principal,
    as_of: Option<&str>,
) -> Result<chrono::NaiveDate, Box<Response>> {
    service
        .policy()
        .authorize(principal, Operation::ReadCatalogue)
        .map_err(|e| Box::new(e.into_response()))?;
    match as_of.map(crate::domain::dates::parse_day) {
        None => Ok(crate::domain::dates::today()),
        Some(Some(day)) => Ok(day),
        Some(None) => Err(Box::new(
            DomainError::bad_input("asOf", "asOf is geen datum (JJJJ-MM-DD)").into_response(),
        )),
    }
}

/// A download: its type, its file name and its body.
pub(super) fn download(
    content_type: &str,
    file_name: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}

/// The coverage report as CSV, for spreadsheets: the same rules as `profileCoverage`.
pub(super) async fn coverage_csv(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: Result<Query<CoverageParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "de parameters in het adres zijn onleesbaar",
        );
    };
    let day = match readable_day(&service, &principal, params.as_of.as_deref()) {
        Ok(day) => day,
        Err(refusal) => return *refusal,
    };
    let codes: Option<Vec<String>> = params.families.map(|f| {
        f.split(',')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect()
    });
    let register = match service.read_model().fresh().await {
        Ok(register) => register,
        Err(e) => return e.into_response(),
    };
    match crate::domain::coverage::report(&register, codes.as_deref(), day) {
        Ok(report) => download(
            "text/csv; charset=utf-8",
            &format!("fgr-dekking-{day}.csv"),
            crate::domain::coverage::to_csv(&report),
        ),
        Err(e) => e.into_response(),
    }
}

#[derive(serde::Deserialize)]
pub(super) struct ExportParams {
    #[serde(rename = "asOf")]
    as_of: Option<String>,
}

pub(super) type ExportQuery = Result<Query<ExportParams>, axum::extract::rejection::QueryRejection>;

/// `GET /api/catalogue.json`.
pub(super) async fn catalogue_json(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: ExportQuery,
) -> Response {
    catalogue_export(service, principal, params, false).await
}

/// `GET /api/catalogue.csv`.
pub(super) async fn catalogue_csv(
    State(service): State<GraphqlService>,
    principal: Principal,
    params: ExportQuery,
) -> Response {
    catalogue_export(service, principal, params, true).await
}

/// The whole catalogue in the exchange format (`fgr-catalogue/1`): every version, or with
/// `?asOf=` only what was in effect then. `as_csv` gives the flat CSV of typings instead.
pub(super) async fn catalogue_export(
    service: GraphqlService,
    principal: Principal,
    params: ExportQuery,
    as_csv: bool,
) -> Response {
    let Ok(Query(params)) = params else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "de parameters in het adres zijn onleesbaar",
        );
    };
    let as_of = match readable_day(&service, &principal, params.as_of.as_deref()) {
        Ok(day) => params.as_of.is_some().then_some(day),
        Err(refusal) => return *refusal,
    };
    let register = match service.read_model().fresh().await {
        Ok(register) => register,
        Err(e) => return e.into_response(),
    };
    let catalogue = crate::domain::exchange::export(&register, as_of);
    let stem = as_of.map_or_else(
        || "fgr-catalogus".to_owned(),
        |d| format!("fgr-catalogus-{d}"),
    );
    if as_csv {
        download(
            "text/csv; charset=utf-8",
            &format!("{stem}.csv"),
            crate::domain::exchange::typings_csv(&catalogue),
        )
    } else {
        match serde_json::to_string_pretty(&catalogue) {
            Ok(json) => download("application/json", &format!("{stem}.json"), json + "\n"),
            Err(e) => DomainError::internal(e).into_response(),
        }
    }
}

#[derive(Deserialize)]
pub(super) struct TypingParams {
    #[serde(rename = "asOf")]
    as_of: Option<String>,
    variant: Option<i32>,
}

/// `GET /api/groups/{code}/typings/{scale}.pdf`: the typing as a printable PDF document (the
/// same content as `typing(groupCode, scale, variant, asOf)`), `?asOf=` and `?variant=` as
/// there. `NOT_FOUND` when the group or the typing does not exist on that day.
pub(super) async fn typing_pdf(
    State(service): State<GraphqlService>,
    principal: Principal,
    Path((code, file)): Path<(String, String)>,
    params: Result<Query<TypingParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return DomainError::bad_input(
            "asOf",
            "ongeldige parameters (asOf=JJJJ-MM-DD, variant=1, 2, …)",
        )
        .into_response();
    };
    let Some(scale) = file
        .strip_suffix(".pdf")
        .and_then(|s| s.parse::<i32>().ok())
    else {
        return DomainError::NotFound(format!("{file} is geen typering (verwacht: <schaal>.pdf)"))
            .into_response();
    };
    let day = match readable_day(&service, &principal, params.as_of.as_deref()) {
        Ok(day) => day,
        Err(refusal) => return *refusal,
    };
    let register = match service.read_model().fresh().await {
        Ok(register) => register,
        Err(e) => return e.into_response(),
    };
    let document = match printing::typing_document(&register, &code, scale, params.variant, day) {
        Ok(document) => document,
        Err(e) => return e.into_response(),
    };
    // Layout writes a temporary file: off the async threads.
    match tokio::task::spawn_blocking(move || fgr_print::render(&document)).await {
        Ok(Ok(pdf)) => download(
            "application/pdf",
            &format!("typering-{code}-schaal-{scale}.pdf"),
            pdf,
        ),
        Ok(Err(e)) => DomainError::internal(e).into_response(),
        Err(e) => DomainError::internal(e).into_response(),
    }
}
