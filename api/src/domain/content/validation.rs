//! The rules content must keep before it is stored: scales within the group's range, variants,
//! FUWASYS scores, known sections, competences and requirements, and non-empty bounded texts.

use std::collections::BTreeSet;

use fgr_entities::{competence, function_group, responsibility_requirement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{GroupContent, TypingContent};
use crate::domain::fuwasys::FuwasysScore;
use crate::domain::profiles::TypingSection;
use crate::error::{DomainError, DomainResult};

const MAX_TEXT: usize = crate::domain::limits::CONTENT_TEXT;

/// The variant rules: a variant is numbered from 1 and named, and a scale has either one
/// typing without a variant or variants only.
fn check_variant(field: &str, t: &TypingContent, all: &[TypingContent]) -> DomainResult<()> {
    match t.variant {
        None => {
            if t.variant_name.is_some() {
                return Err(DomainError::bad_input(
                    format!("{field}.variantName"),
                    "een naam hoort bij een variant: geef ook het variantnummer",
                ));
            }
            if all
                .iter()
                .any(|o| o.scale == t.scale && o.variant.is_some())
            {
                return Err(DomainError::bad_input(
                    format!("{field}.variant"),
                    format!(
                        "schaal {} heeft varianten: geef elke typering van die schaal een variantnummer",
                        t.scale
                    ),
                ));
            }
        }
        Some(v) => {
            if !(1..=9).contains(&v) {
                return Err(DomainError::bad_input(
                    format!("{field}.variant"),
                    "een variant is genummerd 1 t/m 9",
                ));
            }
            match &t.variant_name {
                Some(name) => check_text(&format!("{field}.variantName"), name)?,
                None => {
                    return Err(DomainError::bad_input(
                        format!("{field}.variantName"),
                        "een variant heeft een naam",
                    ))
                }
            }
        }
    }
    Ok(())
}

fn check_text(field: &str, text: &str) -> DomainResult<()> {
    if text.trim().is_empty() {
        return Err(DomainError::bad_input(field, "tekst mag niet leeg zijn"));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(DomainError::bad_input(
            field,
            format!("tekst is langer dan {MAX_TEXT} tekens"),
        ));
    }
    Ok(())
}

/// Checks content against the rules, for `group`.
///
/// # Errors
/// `BAD_USER_INPUT` naming the first field that breaks a rule; `INTERNAL` when the database
/// fails.
pub async fn validate(
    db: &impl ConnectionTrait,
    group: &function_group::Model,
    content: &GroupContent,
) -> DomainResult<()> {
    let competences: BTreeSet<String> = if content.core_profile.competences.is_empty() {
        BTreeSet::new()
    } else {
        competence::Entity::find()
            .filter(competence::Column::Name.is_in(content.core_profile.competences.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    let codes: Vec<String> = content
        .coverage
        .iter()
        .map(|c| c.requirement_code.clone())
        .collect();
    let requirements: BTreeSet<String> = if codes.is_empty() {
        BTreeSet::new()
    } else {
        responsibility_requirement::Entity::find()
            .filter(responsibility_requirement::Column::Code.is_in(codes))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.code)
            .collect()
    };
    let scope = Scope {
        name: &group.name,
        scale_min: group.scale_min,
        scale_max: group.scale_max,
    };
    match problems(
        &scope,
        content,
        |c| competences.contains(c),
        |r| requirements.contains(r),
    )
    .into_iter()
    .next()
    {
        Some(first) => Err(first),
        None => Ok(()),
    }
}

/// What content is checked against: the group's name (for messages) and scale range.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The group's name.
    pub name: &'a str,
    /// Lowest scale.
    pub scale_min: i32,
    /// Highest scale.
    pub scale_max: i32,
}

/// Every place where `content` breaks a rule, each as a `BAD_USER_INPUT` naming its field
/// (`content.typings[2].fuwasys`), in document order. `competence_known` and
/// `requirement_known` say which names and codes exist. Empty when the content is valid.
pub fn problems(
    group: &Scope<'_>,
    content: &GroupContent,
    competence_known: impl Fn(&str) -> bool,
    requirement_known: impl Fn(&str) -> bool,
) -> Vec<DomainError> {
    let mut found = Vec::new();
    let mut check = |result: DomainResult<()>| {
        if let Err(e) = result {
            found.push(e);
        }
    };
    let mut scales = BTreeSet::new();
    for (i, t) in content.typings.iter().enumerate() {
        let field = format!("content.typings[{i}]");
        if !(group.scale_min..=group.scale_max).contains(&t.scale) {
            check(Err(DomainError::bad_input(
                format!("{field}.scale"),
                format!(
                    "schaal {} valt buiten de range {}–{} van {}",
                    t.scale, group.scale_min, group.scale_max, group.name
                ),
            )));
        }
        check(check_variant(&field, t, &content.typings));
        if !scales.insert((t.scale, t.variant)) {
            check(Err(DomainError::bad_input(
                format!("{field}.scale"),
                match t.variant {
                    None => format!("schaal {} komt twee keer voor", t.scale),
                    Some(v) => format!("variant {v} van schaal {} komt twee keer voor", t.scale),
                },
            )));
        }
        match (&t.fuwasys_scores, t.fuwasys_total) {
            (Some(scores), Some(total)) => {
                check(
                    FuwasysScore::parse(scores, total)
                        .map(|_| ())
                        .map_err(|e| match e {
                            DomainError::BadInput { message, .. } => {
                                DomainError::bad_input(format!("{field}.fuwasys"), message)
                            }
                            other => other,
                        }),
                );
            }
            (None, None) => {}
            _ => check(Err(DomainError::bad_input(
                format!("{field}.fuwasys"),
                "FUWASYS-scores en -totaal horen samen",
            ))),
        }
        for (j, item) in t.items.iter().enumerate() {
            if TypingSection::from_code(&item.section).is_none() {
                check(Err(DomainError::bad_input(
                    format!("{field}.items[{j}].section"),
                    format!("onbekend onderdeel '{}'", item.section),
                )));
            }
            if item.sub_category.is_none() || !item.text.is_empty() {
                check(check_text(&format!("{field}.items[{j}].text"), &item.text));
            }
        }
    }
    for (i, area) in content.core_profile.result_areas.iter().enumerate() {
        for (j, text) in area
            .results
            .iter()
            .chain(&area.behaviour_indicators)
            .enumerate()
        {
            check(check_text(
                &format!("content.coreProfile.resultAreas[{i}].items[{j}]"),
                text,
            ));
        }
    }
    for name in &content.core_profile.competences {
        if !competence_known(name) {
            check(Err(DomainError::bad_input(
                "content.coreProfile.competences",
                format!("onbekende competentie '{name}'"),
            )));
        }
    }
    for (i, c) in content.coverage.iter().enumerate() {
        let field = format!("content.coverage[{i}]");
        if !requirement_known(&c.requirement_code) {
            check(Err(DomainError::bad_input(
                format!("{field}.requirementCode"),
                format!("onbekende verantwoordelijkheid '{}'", c.requirement_code),
            )));
        }
        if let Some(scale) = c.typing_scale {
            if !scales.iter().any(|(s, _)| *s == scale) {
                check(Err(DomainError::bad_input(
                    format!("{field}.typingScale"),
                    format!("er is geen typering voor schaal {scale}"),
                )));
            }
        }
        check(check_text(&format!("{field}.location"), &c.location));
        check(check_text(&format!("{field}.quote"), &c.quote));
    }
    found
}
