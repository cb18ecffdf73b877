//! The content of a group version: typings (one per scale, or its named variants) with their sections, and the core
//! profile (kernprofiel) with result areas, results, behaviour indicators and competences.

use std::collections::HashMap;

use fgr_entities::{
    competence, core_profile, core_profile_competence, core_profile_item, result_area, typing,
    typing_item,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::error::DomainResult;

/// The five official sections of a typing, in their printed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypingSection {
    /// Algemene omschrijving.
    AlgemeneOmschrijving,
    /// Resultaten, grouped in sub-categories.
    Resultaten,
    /// Speelruimte / Kaders.
    SpeelruimteKaders,
    /// Kennis & Vaardigheden.
    KennisVaardigheden,
    /// Contacten, the last section as printed; stored as `CONTACTEN`.
    Contacten,
}

impl TypingSection {
    /// All sections in printed order.
    pub const ALL: [Self; 5] = [
        Self::AlgemeneOmschrijving,
        Self::Resultaten,
        Self::SpeelruimteKaders,
        Self::KennisVaardigheden,
        Self::Contacten,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::AlgemeneOmschrijving => "ALGEMENE_OMSCHRIJVING",
            Self::Resultaten => "RESULTATEN",
            Self::SpeelruimteKaders => "SPEELRUIMTE_KADERS",
            Self::KennisVaardigheden => "KENNIS_VAARDIGHEDEN",
            Self::Contacten => "CONTACTEN",
        }
    }

    /// The heading as printed on the FGR site.
    pub fn label(self) -> &'static str {
        match self {
            Self::AlgemeneOmschrijving => "Algemene omschrijving",
            Self::Resultaten => "Resultaten",
            Self::SpeelruimteKaders => "Speelruimte / Kaders",
            Self::KennisVaardigheden => "Kennis & Vaardigheden",
            Self::Contacten => "Contacten",
        }
    }

    /// The section stored under `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A typing with its section items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypingContent {
    /// The typing row.
    pub typing: typing::Model,
    /// Its items, in section and printed order.
    pub items: Vec<typing_item::Model>,
}

/// Which group versions a read is for: every one (loading the whole register, without `IN`
/// lists thousands of ids long, which cost SQLite memory and time to parse), or these.
#[derive(Debug, Clone, Copy)]
pub enum Versions<'a> {
    /// All versions of all groups.
    All,
    /// Only these versions (by id).
    Only(&'a [i32]),
}

impl Versions<'_> {
    /// Whether only some versions are asked for.
    pub fn is_some(self) -> bool {
        matches!(self, Self::Only(_))
    }
}

/// A result area with its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultAreaContent {
    /// The area.
    pub area: result_area::Model,
    /// Its results and behaviour indicators, in printed order.
    pub items: Vec<core_profile_item::Model>,
}

/// A core profile with everything in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreProfileContent {
    /// The profile row.
    pub profile: core_profile::Model,
    /// Its result areas in printed order.
    pub areas: Vec<ResultAreaContent>,
    /// Its competences in printed order.
    pub competences: Vec<competence::Model>,
}

/// The typings of each version, by scale, with their items (two statements).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn typings_for_versions(
    db: &impl ConnectionTrait,
    versions: Versions<'_>,
) -> DomainResult<HashMap<i32, Vec<TypingContent>>> {
    let mut query = typing::Entity::find();
    if let Versions::Only(ids) = versions {
        query = query.filter(typing::Column::GroupVersionId.is_in(ids.iter().copied()));
    }
    let typings = query
        .order_by_asc(typing::Column::Scale)
        .order_by_asc(typing::Column::VariantNo)
        .all(db)
        .await?;
    let mut items: HashMap<i32, Vec<typing_item::Model>> = HashMap::new();
    if !typings.is_empty() {
        let mut query = typing_item::Entity::find();
        if versions.is_some() {
            query = query.filter(typing_item::Column::TypingId.is_in(typings.iter().map(|t| t.id)));
        }
        for item in query
            .order_by_asc(typing_item::Column::SortOrder)
            .order_by_asc(typing_item::Column::Id)
            .all(db)
            .await?
        {
            items.entry(item.typing_id).or_default().push(item);
        }
    }
    let mut by_version: HashMap<i32, Vec<TypingContent>> = HashMap::new();
    for typing in typings {
        let mut its = items.remove(&typing.id).unwrap_or_default();
        // Printed order: by section, then the stored order within it.
        its.sort_by_key(|i| {
            TypingSection::from_code(&i.section)
                .and_then(|s| TypingSection::ALL.iter().position(|x| *x == s))
                .unwrap_or(usize::MAX)
        });
        by_version
            .entry(typing.group_version_id)
            .or_default()
            .push(TypingContent { typing, items: its });
    }
    Ok(by_version)
}

/// The core profile of each version that has one (five statements, whatever the number).
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn core_profiles_for_versions(
    db: &impl ConnectionTrait,
    versions: Versions<'_>,
) -> DomainResult<HashMap<i32, CoreProfileContent>> {
    let mut query = core_profile::Entity::find();
    if let Versions::Only(ids) = versions {
        query = query.filter(core_profile::Column::GroupVersionId.is_in(ids.iter().copied()));
    }
    let profiles = query.all(db).await?;
    if profiles.is_empty() {
        return Ok(HashMap::new());
    }
    let some = versions.is_some();
    let profile_ids: Vec<i32> = profiles.iter().map(|p| p.id).collect();
    let mut query = result_area::Entity::find();
    if some {
        query = query.filter(result_area::Column::CoreProfileId.is_in(profile_ids.iter().copied()));
    }
    let areas = query
        .order_by_asc(result_area::Column::SortOrder)
        .all(db)
        .await?;
    let mut items: HashMap<i32, Vec<core_profile_item::Model>> = HashMap::new();
    if !areas.is_empty() {
        let mut query = core_profile_item::Entity::find();
        if some {
            query = query
                .filter(core_profile_item::Column::ResultAreaId.is_in(areas.iter().map(|a| a.id)));
        }
        for item in query
            .order_by_asc(core_profile_item::Column::SortOrder)
            .order_by_asc(core_profile_item::Column::Id)
            .all(db)
            .await?
        {
            items.entry(item.result_area_id).or_default().push(item);
        }
    }
    let mut query = core_profile_competence::Entity::find();
    if some {
        query = query.filter(
            core_profile_competence::Column::CoreProfileId.is_in(profile_ids.iter().copied()),
        );
    }
    let links = query
        .order_by_asc(core_profile_competence::Column::SortOrder)
        .all(db)
        .await?;
    let competences: HashMap<i32, competence::Model> = if links.is_empty() {
        HashMap::new()
    } else {
        let mut query = competence::Entity::find();
        if some {
            query =
                query.filter(competence::Column::Id.is_in(links.iter().map(|l| l.competence_id)));
        }
        query
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };

    let mut areas_by_profile: HashMap<i32, Vec<ResultAreaContent>> = HashMap::new();
    for area in areas {
        let its = items.remove(&area.id).unwrap_or_default();
        areas_by_profile
            .entry(area.core_profile_id)
            .or_default()
            .push(ResultAreaContent { area, items: its });
    }
    let mut competences_by_profile: HashMap<i32, Vec<competence::Model>> = HashMap::new();
    for link in links {
        if let Some(c) = competences.get(&link.competence_id) {
            competences_by_profile
                .entry(link.core_profile_id)
                .or_default()
                .push(c.clone());
        }
    }
    Ok(profiles
        .into_iter()
        .map(|profile| {
            let areas = areas_by_profile.remove(&profile.id).unwrap_or_default();
            let competences = competences_by_profile
                .remove(&profile.id)
                .unwrap_or_default();
            (
                profile.group_version_id,
                CoreProfileContent {
                    profile,
                    areas,
                    competences,
                },
            )
        })
        .collect())
}
