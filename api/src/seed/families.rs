//! Loading the seed's families, the competences its versions name, and its function groups
//! (each inserted whole by [`super::group`]); the groups step needs the ids the earlier steps
//! return.

use std::collections::HashMap;

use fgr_entities::{competence, function_group, job_family};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::catalogue::SeedCatalogue;
use super::{data, group, SeedReport};
use crate::error::DomainResult;

/// Inserts the families the database lacks. Returns every family's id by code.
pub(super) async fn insert_families(
    txn: &impl ConnectionTrait,
    report: &mut SeedReport,
) -> DomainResult<HashMap<&'static str, i32>> {
    let mut families: HashMap<&str, i32> = HashMap::new();
    for (i, f) in data::FAMILIES.iter().enumerate() {
        let existing = job_family::Entity::find()
            .filter(job_family::Column::Code.eq(f.code))
            .one(txn)
            .await?;
        let id = match existing {
            Some(row) => row.id,
            None => {
                report.families += 1;
                job_family::ActiveModel {
                    code: Set(f.code.to_owned()),
                    name: Set(f.name.to_owned()),
                    definition: Set(f.definition.map(str::to_owned)),
                    manager_family: Set(f.manager),
                    sort_order: Set(i as i32 + 1),
                    source_url: Set(Some(f.source_url.to_owned())),
                    illustrative: Set(false),
                    data_note: Set(f.data_note.map(str::to_owned)),
                    ..Default::default()
                }
                .insert(txn)
                .await?
                .id
            }
        };
        families.insert(f.code, id);
    }
    Ok(families)
}

/// Inserts the competences the seed's versions name and the database lacks. Returns every
/// competence's id by its dictionary name.
pub(super) async fn insert_competences(
    txn: &impl ConnectionTrait,
    seed: &SeedCatalogue,
    report: &mut SeedReport,
) -> DomainResult<HashMap<String, i32>> {
    // By their dictionary spelling: the sources write some with a small letter, and MariaDB's
    // collation would take "samenwerken" for "Samenwerken" where the others would not.
    let mut competences: HashMap<String, i32> = HashMap::new();
    for v in seed.groups.iter().flat_map(|g| &g.versions) {
        for name in v.competences.iter().map(|n| competence_name(n)) {
            if competences.contains_key(&name) {
                continue;
            }
            let existing = competence::Entity::find()
                .filter(competence::Column::Name.eq(name.as_str()))
                .one(txn)
                .await?;
            let id = match existing {
                Some(row) => row.id,
                None => {
                    report.competences += 1;
                    competence::ActiveModel {
                        name: Set(name.clone()),
                        description: Set(None),
                        source_url: Set(v.competence_source.clone()),
                        illustrative: Set(false),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                    .id
                }
            };
            competences.insert(name, id);
        }
    }
    Ok(competences)
}

/// Inserts each seed group the database lacks, with its versions and their content.
pub(super) async fn insert_groups(
    txn: &impl ConnectionTrait,
    seed: &SeedCatalogue,
    families: &HashMap<&str, i32>,
    competences: &HashMap<String, i32>,
    requirements: &HashMap<&str, i32>,
    report: &mut SeedReport,
) -> DomainResult<()> {
    for (i, g) in seed.groups.iter().enumerate() {
        let exists = function_group::Entity::find()
            .filter(function_group::Column::Code.eq(g.code.as_str()))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.groups += 1;
        report.typings +=
            group::seed_group(txn, seed, g, i, families, competences, requirements).await?;
    }
    Ok(())
}

/// A competence's name as the competence dictionary spells it: with a capital first letter.
pub(super) fn competence_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
