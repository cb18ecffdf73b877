//! The checks a clause's code and fields pass before anything is written; the field check reads
//! the database to confirm the families and groups a rule names exist.

use fgr_entities::{function_group, job_family};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::ClauseFields;
use crate::domain::caller::{check_url, check_words};
use crate::domain::limits;
use crate::error::{DomainError, DomainResult};

pub(super) fn check_code(code: &str) -> DomainResult<()> {
    let ok = (2..=64).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::bad_input(
            "code",
            "een code bestaat uit 2–64 hoofdletters, cijfers en _, en begint met een letter",
        ))
    }
}

pub(super) async fn check_fields(db: &impl ConnectionTrait, f: &ClauseFields) -> DomainResult<()> {
    check_words("title", &f.title, limits::TITLE)?;
    check_words("textNl", &f.text_nl, limits::CLAUSE_TEXT)?;
    if let Some(en) = &f.text_en {
        check_words("textEn", en, limits::CLAUSE_TEXT)?;
    }
    check_words(
        "sourceReference",
        &f.source_reference,
        limits::SOURCE_REFERENCE,
    )?;
    check_url("sourceUrl", f.source_url.as_deref())?;
    if let Some(note) = f.change_note.as_deref().filter(|n| !n.trim().is_empty()) {
        check_words("changeNote", note, limits::TITLE)?;
    }
    if !(0..=1_000).contains(&f.section_order) {
        return Err(DomainError::bad_input(
            "sectionOrder",
            "ligt tussen 0 en 1000",
        ));
    }
    let a = &f.applicability;
    for (field, scale) in [("scaleMin", a.scale_min), ("scaleMax", a.scale_max)] {
        if scale.is_some_and(|s| !(1..=19).contains(&s)) {
            return Err(DomainError::bad_input(
                field,
                "schalen lopen van 1 tot en met 19",
            ));
        }
    }
    if let (Some(min), Some(max)) = (a.scale_min, a.scale_max) {
        if min > max {
            return Err(DomainError::bad_input(
                "scaleMax",
                "de hoogste schaal ligt onder de laagste",
            ));
        }
    }
    for code in &a.family_codes {
        let known = job_family::Entity::find()
            .filter(job_family::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .is_some();
        if !known {
            return Err(DomainError::bad_input(
                "familyCodes",
                format!("onbekende functiefamilie {code}"),
            ));
        }
    }
    for code in &a.group_codes {
        let known = function_group::Entity::find()
            .filter(function_group::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .is_some();
        if !known {
            return Err(DomainError::bad_input(
                "groupCodes",
                format!("onbekende functiegroep {code}"),
            ));
        }
    }
    Ok(())
}
