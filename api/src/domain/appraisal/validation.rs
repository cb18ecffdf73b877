//! The rules a format's content must meet before it is stored; the only part of this area that
//! reads the database (the known rating scales and requirements).

use fgr_entities::rating_scale;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{FormatContent, RESULT_AREAS, SECTIONS};
use crate::domain::requirements;
use crate::error::{DomainError, DomainResult};

/// Checks a format's content: known sections in order, unique criterion codes, existing rating
/// scales, requirements and result areas.
///
/// # Errors
/// `BAD_USER_INPUT` naming the first field that breaks a rule.
pub async fn validate(db: &impl ConnectionTrait, content: &FormatContent) -> DomainResult<()> {
    let scales: Vec<String> = rating_scale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let requirement_codes: Vec<String> = requirements::list(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let mut seen = Vec::new();
    let mut last_section = 0;
    for (i, s) in content.sections.iter().enumerate() {
        let field = format!("content.sections[{i}]");
        let Some(position) = SECTIONS.iter().position(|(code, _)| *code == s.code) else {
            return Err(DomainError::bad_input(
                format!("{field}.code"),
                format!("onbekende sectie {}", s.code),
            ));
        };
        if position < last_section {
            return Err(DomainError::bad_input(
                format!("{field}.code"),
                "secties staan in de volgorde van het gesprek",
            ));
        }
        last_section = position;
        for (j, c) in s.criteria.iter().enumerate() {
            let field = format!("{field}.criteria[{j}]");
            let code_ok = !c.code.is_empty()
                && c.code
                    .chars()
                    .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_');
            if !code_ok || seen.contains(&c.code) {
                return Err(DomainError::bad_input(
                    format!("{field}.code"),
                    format!("ontbrekende, ongeldige of dubbele code '{}'", c.code),
                ));
            }
            seen.push(c.code.clone());
            if c.text.trim().is_empty() {
                return Err(DomainError::bad_input(
                    format!("{field}.text"),
                    "mag niet leeg zijn",
                ));
            }
            if let Some(scale) = &c.rating_scale {
                if !scales.contains(scale) {
                    return Err(DomainError::bad_input(
                        format!("{field}.ratingScale"),
                        format!("onbekende beoordelingsschaal {scale}"),
                    ));
                }
            }
            if let Some(a) = &c.appraises {
                if let Some(r) = &a.requirement_code {
                    if !requirement_codes.contains(r) {
                        return Err(DomainError::bad_input(
                            format!("{field}.appraises.requirementCode"),
                            format!("onbekende verantwoordelijkheid {r}"),
                        ));
                    }
                }
                if let Some(area) = &a.result_area {
                    if !RESULT_AREAS.contains(&area.as_str()) {
                        return Err(DomainError::bad_input(
                            format!("{field}.appraises.resultArea"),
                            format!("onbekend resultaatgebied {area}"),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}
