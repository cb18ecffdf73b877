//! Reading the library from the read model: the clauses standing on a date, filtered and in
//! vacancy-text order; one clause's history; and the field diff between two of its versions.

use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::vacancy_clause_version;

use super::{applicability_of, Category, ClauseVersion, Language, Post, Section, Status};
use crate::domain::{abd, diff};
use crate::error::{DomainError, DomainResult};
use crate::register::{ClauseHistory, Register};

/// Filters of the library.
#[derive(Debug, Clone, Default)]
pub struct LibraryFilter {
    /// Only clauses that apply to at least one of these posts (implies `Active`); all when empty.
    pub posts: Vec<Post>,
    /// Only clauses that can apply at this scale.
    pub scale: Option<i32>,
    /// Only clauses that can apply in this family.
    pub family_code: Option<String>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this status.
    pub status: Option<Status>,
}

/// One entry of the library on a date.
#[derive(Debug, Clone)]
pub struct LibraryEntry {
    /// The clause and the version that stands on the date.
    pub current: ClauseVersion,
    /// Its status on the date.
    pub status: Status,
}

/// The library on `day`, filtered, in vacancy-text order (section, order, code).
pub fn library(register: &Register, filter: &LibraryFilter, day: NaiveDate) -> Vec<LibraryEntry> {
    let status_wanted = filter
        .status
        .or((!filter.posts.is_empty()).then_some(Status::Active));
    let abd_min = abd::min_scale_on(register, day);
    let mut entries: Vec<LibraryEntry> = register
        .clauses()
        .iter()
        .filter_map(|history| {
            let (version, status) = history.versions.standing(day)?;
            let clause = &history.clause;
            Some(LibraryEntry {
                current: ClauseVersion {
                    clause: clause.clone(),
                    version: version.clone(),
                },
                status,
            })
        })
        .filter(|e| {
            let v = &e.current.version;
            let rule = applicability_of(v);
            status_wanted.is_none_or(|s| s == e.status)
                && filter.category.is_none_or(|c| c.code() == v.category)
                && filter.scale.is_none_or(|s| rule.allows_scale(s, abd_min))
                && filter
                    .family_code
                    .as_ref()
                    .is_none_or(|f| rule.family_codes.is_empty() || rule.family_codes.contains(f))
                && (filter.posts.is_empty()
                    || filter.posts.iter().any(|p| rule.applies_to(p, abd_min)))
        })
        .collect();
    entries.sort_by_key(|e| order_key(&e.current));
    entries
}

fn order_key(c: &ClauseVersion) -> (usize, i32, String) {
    let section = Section::ALL
        .iter()
        .position(|s| s.code() == c.version.section)
        .unwrap_or(usize::MAX);
    (section, c.version.section_order, c.clause.code.clone())
}

/// One clause with every version, oldest first.
///
/// # Errors
/// `NOT_FOUND` for an unknown code.
pub fn history<'a>(register: &'a Register, code: &str) -> DomainResult<&'a Arc<ClauseHistory>> {
    register
        .clause(code)
        .ok_or_else(|| DomainError::NotFound(format!("clausule {code}")))
}

/// A version as labelled fields, for diffs.
fn diff_fields(v: &vacancy_clause_version::Model) -> Vec<(&'static str, String)> {
    let category = Category::from_code(&v.category)
        .map_or(v.category.clone(), |c| c.label(Language::Nl).to_owned());
    let section = Section::from_code(&v.section)
        .map_or(v.section.clone(), |s| s.label(Language::Nl).to_owned());
    let mut fields = vec![
        ("Titel", v.title.clone()),
        ("Categorie", category),
        (
            "Sectie",
            format!("{section} (volgorde {})", v.section_order),
        ),
        ("Tekst (nl)", v.text_nl.clone()),
        (
            "Verplicht",
            if v.mandatory { "ja" } else { "nee" }.to_owned(),
        ),
        // Neutral about the ABD rule, which is versioned on its own.
        ("Geldt voor", applicability_of(v).describe(None)),
        ("Bron", v.source_reference.clone()),
        (
            "Illustratief",
            if v.illustrative { "ja" } else { "nee" }.to_owned(),
        ),
    ];
    if let Some(en) = &v.text_en {
        fields.push(("Tekst (en)", en.clone()));
    }
    fields
}

/// What changed between two versions of a clause.
///
/// # Errors
/// `NOT_FOUND` for an unknown clause; `BAD_USER_INPUT` for an unknown version number.
pub fn version_diff(
    register: &Register,
    code: &str,
    from: i32,
    to: i32,
) -> DomainResult<Vec<diff::FieldChange>> {
    let versions = &history(register, code)?.versions;
    let find = |field: &str, n: i32| {
        versions
            .number(n)
            .ok_or_else(|| DomainError::bad_input(field, format!("{code} heeft geen versie {n}")))
    };
    let (old, new) = (find("from", from)?, find("to", to)?);
    Ok(diff::between_fields(&diff_fields(old), &diff_fields(new)))
}
