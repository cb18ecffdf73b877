//! Loads the seed content ([`data`]) into a database. Idempotent: a record that exists (by code or
//! name) is left alone, so running it twice changes nothing and a newer seed only adds.

pub mod appraisal;
pub mod catalogue;
pub mod data;
pub mod synthetic;

use std::collections::HashMap;

use chrono::NaiveDate;
use fgr_entities::{
    abd_rule_version, competence, core_profile, core_profile_competence, decision_log,
    declared_total, function_group, group_version, job_family, requirement_coverage,
    requirement_scope, responsibility_requirement, result_area, source_document, typing,
    typing_item, vacancy_clause, vacancy_clause_version,
};
use fgr_entities::{appraisal_format, appraisal_format_version, rating_scale};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use crate::domain::fuwasys::{FuwasysScore, Published};
use crate::domain::search;
use crate::error::{DomainError, DomainResult};
use catalogue::{GroupSeed, SeedCatalogue, TypingSeed};

/// What one run of the seed inserted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    /// Families inserted.
    pub families: usize,
    /// Function groups inserted (each with its first version and core profile).
    pub groups: usize,
    /// Typings inserted.
    pub typings: usize,
    /// Competences inserted.
    pub competences: usize,
    /// Requirements inserted.
    pub requirements: usize,
    /// Historical decisions of the FGR version log inserted.
    pub decisions: usize,
    /// Standard vacancy clauses inserted.
    pub clauses: usize,
    /// Rating scales inserted.
    pub rating_scales: usize,
    /// Appraisal formats inserted (with their versions).
    pub formats: usize,
    /// Source documents inserted.
    pub sources: usize,
    /// Rules inserted (the ABD membership rule).
    pub rules: usize,
}

impl SeedReport {
    /// True when nothing was inserted (the database already held the seed).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn date(s: &str) -> DomainResult<NaiveDate> {
    s.parse()
        .map_err(|e| DomainError::internal(format!("bad seed date {s}: {e}")))
}

/// Loads the seed content in one transaction.
///
/// # Errors
/// `INTERNAL` when the database fails or the seed content breaks a rule (it is checked like any
/// other input).
pub async fn run<C: ConnectionTrait + TransactionTrait>(db: &C) -> DomainResult<SeedReport> {
    let txn = db.begin().await?;
    let mut report = SeedReport::default();

    let mut families: HashMap<&str, i32> = HashMap::new();
    for (i, f) in data::FAMILIES.iter().enumerate() {
        let existing = job_family::Entity::find()
            .filter(job_family::Column::Code.eq(f.code))
            .one(&txn)
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
                .insert(&txn)
                .await?
                .id
            }
        };
        families.insert(f.code, id);
    }

    let seed = catalogue::catalogue();
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
                .one(&txn)
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
                    .insert(&txn)
                    .await?
                    .id
                }
            };
            competences.insert(name, id);
        }
    }

    let mut sources: HashMap<&str, i32> = HashMap::new();
    for (code, title, reference, url, published) in data::SOURCES {
        let existing = source_document::Entity::find()
            .filter(source_document::Column::Code.eq(*code))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(row) => row.id,
            None => {
                report.sources += 1;
                source_document::ActiveModel {
                    code: Set((*code).to_owned()),
                    title: Set((*title).to_owned()),
                    reference: Set((*reference).to_owned()),
                    url: Set(Some((*url).to_owned())),
                    published_on: Set(published.map(date).transpose()?),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        sources.insert(code, id);
    }
    let mut requirements: HashMap<&str, i32> = HashMap::new();
    for (i, r) in data::REQUIREMENTS.iter().enumerate() {
        let existing = responsibility_requirement::Entity::find()
            .filter(responsibility_requirement::Column::Code.eq(r.code))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(row) => row.id,
            None => {
                report.requirements += 1;
                let row = responsibility_requirement::ActiveModel {
                    code: Set(r.code.to_owned()),
                    title: Set(r.title.to_owned()),
                    text: Set(r.text.to_owned()),
                    theme: Set(r.theme.to_owned()),
                    source_reference: Set(r.source_reference.to_owned()),
                    source_url: Set(r.source_url.map(str::to_owned)),
                    // Records from the minister's letter cite it as a source document too.
                    source_document_id: Set(
                        (r.source_reference == data::LETTER).then(|| sources[data::LETTER_CODE])
                    ),
                    required_from: Set(r.required_from.map(date).transpose()?),
                    illustrative: Set(r.illustrative),
                    sort_order: Set(i as i32 + 1),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                for family in r.families {
                    requirement_scope::ActiveModel {
                        requirement_id: Set(row.id),
                        family_id: Set(Some(families[family])),
                        group_id: Set(None),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
                row.id
            }
        };
        requirements.insert(r.code, id);
    }

    for (i, g) in seed.groups.iter().enumerate() {
        let exists = function_group::Entity::find()
            .filter(function_group::Column::Code.eq(g.code.as_str()))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.groups += 1;
        report.typings +=
            seed_group(&txn, seed, g, i, &families, &competences, &requirements).await?;
    }

    if declared_total::Entity::find().one(&txn).await?.is_none() {
        for (i, (count, source, quote, note)) in data::DECLARED_TOTALS.iter().enumerate() {
            declared_total::ActiveModel {
                group_count: Set(*count),
                source_document_id: Set(sources[source]),
                quote: Set(Some((*quote).to_owned())),
                note: Set(note.map(str::to_owned)),
                sort_order: Set(i as i32 + 1),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    if abd_rule_version::Entity::find().one(&txn).await?.is_none() {
        report.rules += 1;
        abd_rule_version::ActiveModel {
            version_no: Set(1),
            effective_from: Set(date(data::ABD_RULE_FROM)?),
            effective_to: Set(None),
            min_scale: Set(data::ABD_RULE_MIN_SCALE),
            source_document_id: Set(Some(sources[data::LETTER_CODE])),
            reference: Set(data::ABD_RULE_REFERENCE.to_owned()),
            url: Set(Some(data::SOURCES[0].3.to_owned())),
            decided_on: Set(None),
            illustrative: Set(true),
            note: Set(Some(data::ABD_RULE_NOTE.to_owned())),
            changed_by: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    for (day, decision, summary, groups) in data::DECISION_LOG {
        let day = date(day)?;
        let exists = decision_log::Entity::find()
            .filter(decision_log::Column::DecidedOn.eq(day))
            .filter(decision_log::Column::Summary.eq(*summary))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.decisions += 1;
        decision_log::ActiveModel {
            decided_on: Set(day),
            decision: Set((*decision).to_owned()),
            summary: Set((*summary).to_owned()),
            group_codes: Set((!groups.is_empty()).then(|| groups.join(","))),
            source_url: Set(data::VERSION_LOG.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    for c in data::CLAUSES {
        let exists = vacancy_clause::Entity::find()
            .filter(vacancy_clause::Column::Code.eq(c.code))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.clauses += 1;
        let now = chrono::Utc::now().naive_utc();
        let clause = vacancy_clause::ActiveModel {
            code: Set(c.code.to_owned()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        vacancy_clause_version::ActiveModel {
            clause_id: Set(clause.id),
            version_no: Set(1),
            effective_from: Set(date(c.effective_from)?),
            effective_to: Set(None),
            title: Set(c.title.to_owned()),
            category: Set(c.category.to_owned()),
            section: Set(c.section.to_owned()),
            section_order: Set(c.section_order),
            text_nl: Set(c.text_nl.to_owned()),
            text_en: Set(c.text_en.map(str::to_owned)),
            mandatory: Set(c.mandatory),
            scale_min: Set(c.scale_min),
            scale_max: Set(None),
            manager_only: Set(false),
            abd_only: Set(c.abd_only),
            family_codes: Set(None),
            group_codes: Set(None),
            source_reference: Set(c.source_reference.to_owned()),
            source_url: Set(c.source_url.map(str::to_owned)),
            illustrative: Set(c.illustrative),
            change_note: Set(Some(c.note.to_owned())),
            created_by: Set("seed".into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    for scale in appraisal::SCALES {
        let exists = rating_scale::Entity::find()
            .filter(rating_scale::Column::Code.eq(scale.code))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.rating_scales += 1;
        let levels: Vec<crate::domain::appraisal::Level> = scale
            .levels
            .iter()
            .map(
                |(code, label, description)| crate::domain::appraisal::Level {
                    code: (*code).to_owned(),
                    label: (*label).to_owned(),
                    description: (*description).to_owned(),
                },
            )
            .collect();
        rating_scale::ActiveModel {
            code: Set(scale.code.to_owned()),
            name: Set(scale.name.to_owned()),
            levels_json: Set(serde_json::to_string(&levels).map_err(DomainError::internal)?),
            source_reference: Set(scale.source_reference.to_owned()),
            source_url: Set(Some(scale.source_url.to_owned())),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    for f in appraisal::formats() {
        let exists = appraisal_format::Entity::find()
            .filter(appraisal_format::Column::Code.eq(f.code))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        report.formats += 1;
        let format = appraisal_format::ActiveModel {
            code: Set(f.code.to_owned()),
            created_at: Set(chrono::Utc::now().naive_utc()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (i, v) in f.versions.iter().enumerate() {
            // Seed content is checked like any other input.
            let content: crate::domain::appraisal::FormatContent =
                serde_json::from_value(v.content.clone()).map_err(DomainError::internal)?;
            crate::domain::appraisal::validate(&txn, &content)
                .await
                .map_err(|e| DomainError::internal(format!("seed format {}: {e}", f.code)))?;
            appraisal_format_version::ActiveModel {
                format_id: Set(format.id),
                version_no: Set(i32::try_from(i).unwrap_or(0) + 1),
                effective_from: Set(date(v.from)?),
                effective_to: Set(v.to.map(date).transpose()?),
                name: Set(v.name.to_owned()),
                audience: Set(f.audience.to_owned()),
                audience_codes: Set(None),
                content_json: Set(serde_json::to_string(&content).map_err(DomainError::internal)?),
                provenance_kind: Set("SEED".into()),
                provenance_reference: Set(Some(v.reference.to_owned())),
                illustrative: Set(v.illustrative),
                decided_on: Set(v.decided_on.map(date).transpose()?),
                note: Set(Some(v.note.to_owned())),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }

    if !report.is_empty() {
        crate::domain::audit::append(
            &txn,
            &crate::domain::audit::Actor {
                id: "system".into(),
                role: "seed".into(),
            },
            "seed",
            crate::domain::audit::Change {
                action: "seed.load".into(),
                target_type: "catalogue".into(),
                target_id: "seed".into(),
                before: None,
                after: Some(serde_json::json!({
                    "families": report.families,
                    "groups": report.groups,
                    "typings": report.typings,
                    "competences": report.competences,
                    "requirements": report.requirements,
                    "decisions": report.decisions,
                    "clauses": report.clauses,
                    "ratingScales": report.rating_scales,
                    "formats": report.formats,
                })),
            },
        )
        .await?;
    }
    // The change feed holds every seeded version (and, on a database seeded before the feed
    // existed, everything stored so far).
    crate::domain::changes::sync_all(&txn, "seed").await?;
    crate::domain::tx::finish(txn, Ok(())).await?;
    Ok(report)
}

/// Joins the remarks that apply, or `None` when there are none.
fn remarks<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let parts: Vec<&str> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Inserts one group with its versions (each with core profile and typings) and, on its current
/// version, the seeded requirement coverage. Returns the number of typings inserted.
async fn seed_group(
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

/// A competence's name as the competence dictionary spells it: with a capital first letter.
fn competence_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
