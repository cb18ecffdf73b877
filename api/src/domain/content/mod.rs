//! The editable content of a function-group version as one document: core profile, typings and
//! requirement coverage. Amendment proposals hold an edited copy of it; adoption writes it as a
//! new version. Reading a version and writing it back gives the same document.

mod validation;
mod write;

use std::collections::HashMap;

use fgr_entities::{group_version, requirement_coverage, responsibility_requirement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::fuwasys::FuwasysScore;
use super::profiles::{self, TypingSection};
use super::requirements;
use crate::error::{DomainError, DomainResult};
use crate::register::{GroupVersionEntry, Register};

pub use fgr_content::{
    CoreProfileContent, CoverageContent, GroupContent, ResultAreaContent, TypingContent,
    TypingItemContent,
};
pub use validation::{problems, validate, Scope};
pub use write::write;

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
