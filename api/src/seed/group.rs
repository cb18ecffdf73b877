//! Inserting one seed group with everything under it: its versions, each with core profile,
//! result areas, competences and a typing per scale (FUWASYS read where valid), and the seeded
//! requirement coverage on its current version.

use std::collections::HashMap;

use fgr_entities::{
    core_profile, core_profile_competence, function_group, group_version, requirement_coverage,
    result_area, typing, typing_item,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use super::catalogue::{GroupSeed, SeedCatalogue, TypingSeed};
use super::families::competence_name;
use super::{data, date};
use crate::domain::fuwasys::{FuwasysScore, Published};
use crate::domain::search;
use crate::error::{DomainError, DomainResult};

/// Joins the remarks that apply, or `None` when there are none.
fn remarks<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Inserts one group with its versions (each with core profile and typings) and, on its current
/// version, the seeded requirement coverage. Returns the number of typings inserted.
pub(super) async fn seed_group(
    txn: &impl ConnectionTrait,
    seed: &SeedCatalogue,
    g: &GroupSeed,
    position: usize,
    families: &HashMap<&str, i32>,
    competences: &HashMap<String, i32>,
    requirements: &HashMap<&str, i32>,
) -> DomainResult<usize> {
    let family = *families
        .get(g.family.as_str())
        .ok_or_else(|| DomainError::internal(format!("{}: unknown family {}", g.code, g.family)))?;
    let search_text = search::group_text(&g.name, &g.code, g.description.as_deref());
    let group = function_group::ActiveModel {
        family_id: Set(family),
        code: Set(g.code.clone()),
        name: Set(g.name.clone()),
        description: Set(g.description.clone()),
        scale_min: Set(g.scale_min),
        scale_max: Set(g.scale_max),
        work_levels: Set(g.work_levels.clone()),
        fgr_site_id: Set(g.fgr_site_id),
        added_on: Set(g.added_on.as_deref().map(date).transpose()?),
        search_text: Set(search_text),
        source_url: Set(Some(g.source_url.clone())),
        illustrative: Set(false),
        data_note: Set(g.data_note.clone()),
        sort_order: Set(position as i32 + 1),
        family_inferred: Set(g.family_inferred),
        scales_inferred: Set(g.scales_inferred),
        ..Default::default()
    }
    .insert(txn)
    .await?;

    let mut typings = 0;
    for (n, v) in g.versions.iter().enumerate() {
        let decision = seed.decision(&v.decision);
        let effective_to = g
            .versions
            .get(n + 1)
            .map(|next| date(&seed.decision(&next.decision).effective_from))
            .transpose()?;
        let version = group_version::ActiveModel {
            group_id: Set(group.id),
            version_no: Set(n as i32 + 1),
            effective_from: Set(date(&decision.effective_from)?),
            effective_to: Set(effective_to),
            provenance_kind: Set("SEED".to_owned()),
            provenance_reference: Set(Some(decision.reference.clone())),
            provenance_url: Set(Some(decision.url.clone())),
            decided_on: Set(decision.decided_on.as_deref().map(date).transpose()?),
            illustrative: Set(decision.illustrative),
            note: Set(remarks([
                Some("Overgenomen uit openbare bronnen; alleen bevestigde gegevens zijn ingevuld."),
                decision.note.as_deref(),
                v.note.as_deref(),
            ])),
            ..Default::default()
        }
        .insert(txn)
        .await?;

        let profile = core_profile::ActiveModel {
            group_version_id: Set(version.id),
            purpose: Set(None),
            source_url: Set(Some(data::KERNPROFIEL_ABC.to_owned())),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (n, (code, label)) in data::RESULT_AREAS.iter().enumerate() {
            result_area::ActiveModel {
                core_profile_id: Set(profile.id),
                code: Set((*code).to_owned()),
                label: Set((*label).to_owned()),
                sort_order: Set(n as i32 + 1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        for (n, name) in v.competences.iter().enumerate() {
            core_profile_competence::ActiveModel {
                core_profile_id: Set(profile.id),
                competence_id: Set(competences[&competence_name(name)]),
                sort_order: Set(n as i32 + 1),
            }
            .insert(txn)
            .await?;
        }

        for scale in g.scale_min..=g.scale_max {
            let published: Vec<&TypingSeed> =
                v.typings.iter().filter(|t| t.scale == scale).collect();
            if published.is_empty() {
                insert_typing(txn, version.id, scale, None, &g.source_url).await?;
                typings += 1;
            }
            for t in published {
                insert_typing(txn, version.id, scale, Some(t), &t.source_url).await?;
                typings += 1;
            }
        }

        if n + 1 < g.versions.len() {
            continue;
        }
        for c in data::COVERAGE.iter().filter(|c| c.group == g.code) {
            requirement_coverage::ActiveModel {
                group_version_id: Set(version.id),
                requirement_id: Set(requirements[c.requirement]),
                typing_scale: Set(c.typing_scale),
                location: Set(c.location.to_owned()),
                quote: Set(c.quote.to_owned()),
                illustrative: Set(true),
                note: Set(Some(c.note.to_owned())),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(typings)
}

/// Inserts the typing at `scale` as `published` (or an empty one): the FUWASYS string read as
/// a score where it is valid, else quoted in the note.
async fn insert_typing(
    txn: &impl ConnectionTrait,
    version_id: i32,
    scale: i32,
    published: Option<&TypingSeed>,
    source: &str,
) -> DomainResult<()> {
    let (score, invalid) = match published
        .and_then(|t| t.fuwasys.as_deref())
        .map(Published::read)
    {
        Some(Published::Valid(s)) => (Some(s), None),
        Some(Published::Invalid(note)) => (None, Some(note)),
        None => (None, None),
    };
    let row = typing::ActiveModel {
        group_version_id: Set(version_id),
        scale: Set(scale),
        variant_no: Set(published.and_then(|t| t.variant).unwrap_or(0)),
        variant_name: Set(published.and_then(|t| t.variant_name.clone())),
        fuwasys_scores: Set(score.as_ref().map(FuwasysScore::scores)),
        fuwasys_total: Set(score.as_ref().map(|s| s.total)),
        source_url: Set(Some(source.to_owned())),
        illustrative: Set(false),
        note: Set(remarks([
            published.and_then(|t| t.note.as_deref()),
            invalid.as_deref(),
        ])),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (n, (section, sub, text)) in published
        .map(|t| &t.items[..])
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        typing_item::ActiveModel {
            typing_id: Set(row.id),
            section: Set(section.clone()),
            sub_category: Set(sub.clone()),
            text: Set(text.clone()),
            sort_order: Set(n as i32 + 1),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
