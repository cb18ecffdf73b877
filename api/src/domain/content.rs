//! The editable content of a function-group version as one document: core profile, typings and
//! requirement coverage. Amendment proposals hold an edited copy of it; adoption writes it as a
//! new version. Reading a version and writing it back gives the same document.

use std::collections::{BTreeSet, HashMap};

use fgr_entities::{
    competence, core_profile, core_profile_competence, core_profile_item, function_group,
    group_version, requirement_coverage, responsibility_requirement, result_area, typing,
    typing_item,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::fuwasys::FuwasysScore;
use super::profiles::{self, TypingSection};
use super::requirements;
use crate::error::{DomainError, DomainResult};
use crate::register::{GroupVersionEntry, Register};

pub use fgr_content::{
    CoreProfileContent, CoverageContent, GroupContent, ResultAreaContent, TypingContent,
    TypingItemContent,
};

/// Puts typings in scale order and each typing's items in section order (stable within a
/// section), the order in which they are stored and read.
/// FUWASYS scores are put in their canonical 5-5-2-2 form where they parse.
pub fn normalize(content: &mut GroupContent) {
    content.typings.sort_by_key(|t| (t.scale, t.variant));
    for t in &mut content.typings {
        if let (Some(scores), Some(total)) = (&t.fuwasys_scores, t.fuwasys_total) {
            if let Ok(score) = FuwasysScore::parse(scores, total) {
                t.fuwasys_scores = Some(score.scores());
            }
        }
        t.items.sort_by_key(|i| {
            TypingSection::from_code(&i.section)
                .and_then(|s| TypingSection::ALL.iter().position(|x| *x == s))
                .unwrap_or(usize::MAX)
        });
    }
}

/// Reads the content of a version.
///
/// # Errors
/// `NOT_FOUND` for an unknown version; `INTERNAL` when the database fails.
pub async fn of_version(db: &impl ConnectionTrait, version_id: i32) -> DomainResult<GroupContent> {
    group_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("version {version_id}")))?;
    let core = profiles::core_profiles_for_versions(db, profiles::Versions::Only(&[version_id]))
        .await?
        .remove(&version_id);
    let typings = profiles::typings_for_versions(db, profiles::Versions::Only(&[version_id]))
        .await?
        .remove(&version_id)
        .unwrap_or_default();
    let links = requirements::coverage_of_versions(db, profiles::Versions::Only(&[version_id]))
        .await?
        .remove(&version_id)
        .unwrap_or_default();
    let codes: HashMap<i32, String> = responsibility_requirement::Entity::find()
        .filter(
            responsibility_requirement::Column::Id
                .is_in(links.iter().map(|l| l.requirement_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.code))
        .collect();
    Ok(document(core, typings, links, |id| {
        codes.get(&id).cloned().unwrap_or_default()
    }))
}

/// The content of a version held in a snapshot.
pub fn of_entry(register: &Register, entry: &GroupVersionEntry) -> GroupContent {
    document(
        entry.core_profile.clone(),
        entry.typings.clone(),
        entry.coverage.clone(),
        |id| {
            register
                .requirement(id)
                .map(|r| r.model.code.clone())
                .unwrap_or_default()
        },
    )
}

/// A version's rows as one document; `code_of` names a requirement by id.
fn document(
    core: Option<profiles::CoreProfileContent>,
    typings: Vec<profiles::TypingContent>,
    links: Vec<requirement_coverage::Model>,
    code_of: impl Fn(i32) -> String,
) -> GroupContent {
    GroupContent {
        core_profile: core
            .map(|c| CoreProfileContent {
                purpose: c.profile.purpose,
                result_areas: c
                    .areas
                    .into_iter()
                    .map(|a| ResultAreaContent {
                        code: a.area.code,
                        label: a.area.label,
                        results: a
                            .items
                            .iter()
                            .filter(|i| i.kind == "RESULT")
                            .map(|i| i.text.clone())
                            .collect(),
                        behaviour_indicators: a
                            .items
                            .iter()
                            .filter(|i| i.kind == "BEHAVIOUR_INDICATOR")
                            .map(|i| i.text.clone())
                            .collect(),
                    })
                    .collect(),
                competences: c.competences.into_iter().map(|c| c.name).collect(),
            })
            .unwrap_or_default(),
        typings: typings
            .into_iter()
            .map(|t| TypingContent {
                scale: t.typing.scale,
                variant: (t.typing.variant_no > 0).then_some(t.typing.variant_no),
                variant_name: t.typing.variant_name,
                fuwasys_scores: t.typing.fuwasys_scores,
                fuwasys_total: t.typing.fuwasys_total,
                note: t.typing.note,
                items: t
                    .items
                    .into_iter()
                    .map(|i| TypingItemContent {
                        section: i.section,
                        sub_category: i.sub_category,
                        text: i.text,
                    })
                    .collect(),
            })
            .collect(),
        coverage: links
            .into_iter()
            .map(|l| CoverageContent {
                requirement_code: code_of(l.requirement_id),
                typing_scale: l.typing_scale,
                location: l.location,
                quote: l.quote,
                note: l.note,
            })
            .collect(),
    }
}

const MAX_TEXT: usize = 4_000;

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

/// Writes `content` under the (already inserted) version `version_id`.
///
/// # Errors
/// `INTERNAL` when the database fails (call [`validate`] first for input errors).
pub async fn write(
    txn: &impl ConnectionTrait,
    version_id: i32,
    content: &GroupContent,
) -> DomainResult<()> {
    let profile = core_profile::ActiveModel {
        group_version_id: Set(version_id),
        purpose: Set(content.core_profile.purpose.clone()),
        source_url: Set(None),
        illustrative: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (n, area) in content.core_profile.result_areas.iter().enumerate() {
        let row = result_area::ActiveModel {
            core_profile_id: Set(profile.id),
            code: Set(area.code.clone()),
            label: Set(area.label.clone()),
            sort_order: Set(n as i32 + 1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let items = area.results.iter().map(|t| ("RESULT", t)).chain(
            area.behaviour_indicators
                .iter()
                .map(|t| ("BEHAVIOUR_INDICATOR", t)),
        );
        for (m, (kind, text)) in items.enumerate() {
            core_profile_item::ActiveModel {
                result_area_id: Set(row.id),
                kind: Set(kind.to_owned()),
                text: Set(text.clone()),
                sort_order: Set(m as i32 + 1),
                illustrative: Set(false),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    if !content.core_profile.competences.is_empty() {
        let ids: HashMap<String, i32> = competence::Entity::find()
            .filter(competence::Column::Name.is_in(content.core_profile.competences.clone()))
            .all(txn)
            .await?
            .into_iter()
            .map(|c| (c.name, c.id))
            .collect();
        for (n, name) in content.core_profile.competences.iter().enumerate() {
            let id = ids
                .get(name)
                .ok_or_else(|| DomainError::internal(format!("competence {name} vanished")))?;
            core_profile_competence::ActiveModel {
                core_profile_id: Set(profile.id),
                competence_id: Set(*id),
                sort_order: Set(n as i32 + 1),
            }
            .insert(txn)
            .await?;
        }
    }
    for t in &content.typings {
        let row = typing::ActiveModel {
            group_version_id: Set(version_id),
            scale: Set(t.scale),
            variant_no: Set(t.variant.unwrap_or(0)),
            variant_name: Set(t.variant_name.clone()),
            fuwasys_scores: Set(t.fuwasys_scores.clone()),
            fuwasys_total: Set(t.fuwasys_total),
            note: Set(t.note.clone()),
            source_url: Set(None),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (n, item) in t.items.iter().enumerate() {
            typing_item::ActiveModel {
                typing_id: Set(row.id),
                section: Set(item.section.clone()),
                sub_category: Set(item.sub_category.clone()),
                text: Set(item.text.clone()),
                sort_order: Set(n as i32 + 1),
                illustrative: Set(false),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    if !content.coverage.is_empty() {
        let ids: HashMap<String, i32> = responsibility_requirement::Entity::find()
            .all(txn)
            .await?
            .into_iter()
            .map(|r| (r.code, r.id))
            .collect();
        for c in &content.coverage {
            let id = ids.get(&c.requirement_code).ok_or_else(|| {
                DomainError::internal(format!("requirement {} vanished", c.requirement_code))
            })?;
            requirement_coverage::ActiveModel {
                group_version_id: Set(version_id),
                requirement_id: Set(*id),
                typing_scale: Set(c.typing_scale),
                location: Set(c.location.clone()),
                quote: Set(c.quote.clone()),
                illustrative: Set(false),
                note: Set(c.note.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
