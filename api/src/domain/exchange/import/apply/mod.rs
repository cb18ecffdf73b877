//! Writing a checked plan in the caller's transaction, one step per kind of record, in the order
//! the references need (families and sources first, groups before the requirements that name
//! them); the groups' own steps are in [`groups`].

mod groups;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fgr_entities::{
    abd_rule_version, competence, declared_total, job_family, requirement_scope,
    responsibility_requirement, source_document,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::json;

use super::{GroupAction, GroupOutcome, Options, Outcome};
use crate::domain::audit::{self, Change};
use crate::domain::caller::Caller;
use crate::domain::changes;
use crate::domain::exchange::{Catalogue, FORMAT};
use crate::error::DomainResult;
use crate::register::Register;

/// Writes the plan.
pub(super) async fn apply(
    txn: &impl ConnectionTrait,
    caller: &Caller<'_>,
    register: &Register,
    doc: &Catalogue,
    options: &Options,
    outcome: &Outcome,
) -> DomainResult<()> {
    let actor = caller.actor();
    let families = add_families(txn, register, doc).await?;
    let sources = add_sources(txn, register, doc).await?;
    add_competences(txn, register, doc).await?;
    let added: BTreeMap<&str, &GroupOutcome> = outcome
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g))
        .collect();
    // Groups before requirements: a requirement may name a group of the file.
    let (groups, new_groups) = groups::add_groups(txn, register, doc, &families, &added).await?;
    add_requirements(txn, register, doc, &families, &sources, &groups).await?;
    groups::write_added_versions(txn, caller, &actor, new_groups).await?;
    groups::write_new_versions(txn, caller, &actor, register, doc, options, &added).await?;
    add_declared_totals(txn, register, doc, &sources).await?;
    add_abd_rule(txn, register, doc, &sources).await?;

    audit::append(
        txn,
        &actor,
        caller.request_id,
        Change {
            action: "catalogue.import".into(),
            target_type: "catalogue".into(),
            target_id: FORMAT.into(),
            before: None,
            after: Some(json!({
                "decision": options.decision.as_deref().map(str::trim),
                "effectiveFrom": options.effective_from.map(|d| d.to_string()),
                "groupsAdded": outcome.groups.iter().filter(|g| g.action == GroupAction::Added).count(),
                "versionsAdded": outcome.groups.iter().filter(|g| g.action == GroupAction::NewVersion).count(),
                "added": outcome.added,
            })),
        },
    )
    .await?;
    // Every version added, with its typings, and new requirements and rule versions, in the
    // change feed in the same transaction.
    changes::sync_all(txn, caller.request_id).await?;
    Ok(())
}

/// The sort order after the highest of `orders`.
fn next_order(orders: impl Iterator<Item = i32>) -> i32 {
    orders.max().unwrap_or(0) + 1
}

/// Adds the file's families the register lacks. Returns every family's id by code.
async fn add_families(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
) -> DomainResult<HashMap<String, i32>> {
    let mut families: HashMap<String, i32> = register
        .families()
        .iter()
        .map(|f| (f.code.clone(), f.id))
        .collect();
    let mut order = next_order(register.families().iter().map(|f| f.sort_order));
    for f in &doc.families {
        if families.contains_key(&f.code) {
            continue;
        }
        let row = job_family::ActiveModel {
            code: Set(f.code.clone()),
            name: Set(f.name.clone()),
            definition: Set(f.definition.clone()),
            manager_family: Set(f.manager_family),
            sort_order: Set(order),
            source_url: Set(f.source_url.clone()),
            illustrative: Set(false),
            data_note: Set(f.data_note.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        order += 1;
        families.insert(f.code.clone(), row.id);
    }
    Ok(families)
}

/// Adds the file's source documents the register lacks. Returns every source's id by code.
async fn add_sources(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
) -> DomainResult<HashMap<String, i32>> {
    let mut sources: HashMap<String, i32> = register
        .sources()
        .iter()
        .map(|s| (s.code.clone(), s.id))
        .collect();
    for s in &doc.sources {
        if sources.contains_key(&s.code) {
            continue;
        }
        let row = source_document::ActiveModel {
            code: Set(s.code.clone()),
            title: Set(s.title.clone()),
            reference: Set(s.reference.clone()),
            url: Set(s.url.clone()),
            published_on: Set(s.published_on),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        sources.insert(s.code.clone(), row.id);
    }
    Ok(sources)
}

/// Adds the competences the file's versions name and the register lacks.
async fn add_competences(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
) -> DomainResult<()> {
    let held_competences: BTreeSet<&str> = register
        .competences()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let mut added_competences = BTreeSet::new();
    for name in doc
        .groups
        .iter()
        .flat_map(|g| &g.versions)
        .flat_map(|v| &v.content.core_profile.competences)
    {
        if held_competences.contains(name.as_str()) || !added_competences.insert(name.as_str()) {
            continue;
        }
        competence::ActiveModel {
            name: Set(name.clone()),
            description: Set(None),
            source_url: Set(None),
            illustrative: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Adds the file's requirements the register lacks, with their scopes.
async fn add_requirements(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
    families: &HashMap<String, i32>,
    sources: &HashMap<String, i32>,
    groups: &HashMap<String, i32>,
) -> DomainResult<()> {
    let held_requirements: BTreeSet<&str> = register
        .requirements()
        .iter()
        .map(|r| r.model.code.as_str())
        .collect();
    let mut order = next_order(register.requirements().iter().map(|r| r.model.sort_order));
    for r in &doc.requirements {
        if held_requirements.contains(r.code.as_str()) {
            continue;
        }
        let row = responsibility_requirement::ActiveModel {
            code: Set(r.code.clone()),
            title: Set(r.title.clone()),
            text: Set(r.text.clone()),
            theme: Set(r.theme.clone()),
            source_reference: Set(r.source_reference.clone()),
            source_url: Set(r.source_url.clone()),
            source_document_id: Set(r.source.as_ref().and_then(|s| sources.get(s).copied())),
            required_from: Set(r.required_from),
            illustrative: Set(r.illustrative),
            sort_order: Set(order),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        order += 1;
        let scopes = r
            .families
            .iter()
            .map(|f| (families.get(f).copied(), None))
            .chain(r.groups.iter().map(|g| (None, groups.get(g).copied())));
        for (family_id, group_id) in scopes {
            requirement_scope::ActiveModel {
                requirement_id: Set(row.id),
                family_id: Set(family_id),
                group_id: Set(group_id),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Adds the file's declared totals the register lacks.
async fn add_declared_totals(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
    sources: &HashMap<String, i32>,
) -> DomainResult<()> {
    for (i, t) in doc.declared_totals.iter().enumerate() {
        let Some(source) = sources.get(&t.source).copied() else {
            continue;
        };
        let held = register
            .declared_totals()
            .iter()
            .any(|h| h.group_count == t.count && h.source_document_id == source);
        if held {
            continue;
        }
        declared_total::ActiveModel {
            group_count: Set(t.count),
            source_document_id: Set(source),
            quote: Set(t.quote.clone()),
            note: Set(t.note.clone()),
            sort_order: Set(i32::try_from(register.declared_totals().len() + i).unwrap_or(0) + 1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Adds the file's ABD rule versions, on a register without the rule.
async fn add_abd_rule(
    txn: &impl ConnectionTrait,
    register: &Register,
    doc: &Catalogue,
    sources: &HashMap<String, i32>,
) -> DomainResult<()> {
    if register.abd_rule().all().is_empty() {
        for v in &doc.abd_rule {
            abd_rule_version::ActiveModel {
                version_no: Set(v.number),
                effective_from: Set(v.effective_from),
                effective_to: Set(v.effective_to),
                min_scale: Set(v.min_scale),
                source_document_id: Set(v.source.as_ref().and_then(|s| sources.get(s).copied())),
                reference: Set(v.reference.clone()),
                url: Set(v.url.clone()),
                decided_on: Set(v.decided_on),
                illustrative: Set(v.illustrative),
                note: Set(v.note.clone()),
                changed_by: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
