//! Checking the file's groups: their own fields, each version as the file has it, its content
//! against the rules any edit meets, and what it changes against the register's latest version.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Problems;
use crate::domain::caller::{check_url, check_words};
use crate::domain::content::{self, GroupContent, Scope};
use crate::domain::diff;
use crate::domain::exchange::import::{last_content, GroupAction, GroupOutcome, Outcome};
use crate::domain::exchange::{group_of, Catalogue, Group, GroupVersion};
use crate::domain::groups::validate_scale;
use crate::register::{GroupHistory, Register};

/// Where group `i` is in the file, for messages: `groups[3] MANAGER`.
fn group_place(i: usize, g: &Group) -> String {
    format!("groups[{i}] {}", g.code)
}

/// A group's own fields (not versioned), as label → text for a diff and for remarks.
fn group_fields(g: &Group) -> Vec<(&'static str, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("naam", g.name.clone()),
        ("familie", g.family.clone()),
        ("familie afgeleid", g.family_inferred.to_string()),
        ("omschrijving", opt(&g.description)),
        ("schalen", format!("{}–{}", g.scale_min, g.scale_max)),
        ("schalen afgeleid", g.scales_inferred.to_string()),
        ("werk- en denkniveau", g.work_levels.join(",")),
        (
            "id op de FGR-site",
            g.fgr_site_id.map(|n| n.to_string()).unwrap_or_default(),
        ),
        (
            "toegevoegd op",
            g.added_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("bron", opt(&g.source_url)),
        ("illustratief", g.illustrative.to_string()),
        ("datanotitie", opt(&g.data_note)),
    ]
}

/// The file's groups, in the file's order. Returns the place of each held group that gets a new
/// version, with its latest version's start (for checking the options).
pub(super) fn check_groups(
    register: &Register,
    doc: &Catalogue,
    family_codes: &BTreeSet<&str>,
    requirement_codes: &BTreeSet<&str>,
    problems: &mut Problems,
    outcome: &mut Outcome,
) -> Vec<(String, Option<NaiveDate>)> {
    let mut new_competences = BTreeSet::new();
    let held_competences: BTreeSet<&str> = register
        .competences()
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    let mut needs_decision = Vec::new();
    for (i, g) in doc.groups.iter().enumerate() {
        let place = group_place(i, g);
        check_group_fields(problems, &place, g, &mut seen, family_codes);
        let held = register.group_by_code(&g.code);
        // Content is checked against the range the group will have: the register's for a group
        // it holds (that range is not changed by an import).
        let (scale_min, scale_max) = held.map_or((g.scale_min, g.scale_max), |h| {
            (h.group.scale_min, h.group.scale_max)
        });
        let scope = Scope {
            name: &g.name,
            scale_min,
            scale_max,
        };
        for (j, v) in g.versions.iter().enumerate() {
            let vplace = format!("{place}.versions[{j}]");
            check_version(problems, &vplace, j, v, g.versions.get(j + 1));
            for e in content::problems(
                &scope,
                &v.content,
                |name| !name.trim().is_empty(),
                |code| requirement_codes.contains(code),
            ) {
                problems.add_error(&vplace, e);
            }
            for name in &v.content.core_profile.competences {
                if !held_competences.contains(name.as_str()) {
                    new_competences.insert(name.clone());
                }
            }
        }
        compare(register, g, held, &place, outcome, &mut needs_decision);
    }
    for name in new_competences {
        outcome.added.push(format!("competentie {name}"));
    }
    let held_count = doc
        .groups
        .iter()
        .filter(|g| register.group_by_code(&g.code).is_some())
        .count();
    let absent = register.groups().len() - held_count;
    if absent > 0 {
        outcome.remarks.push(format!(
            "{absent} functiegroep(en) van het register staan niet in het bestand; niet gewijzigd"
        ));
    }
    needs_decision
}

/// A group's own fields: text, twice in the file (`seen` holds the codes so far), family,
/// scales, and that it has a version.
fn check_group_fields<'a>(
    problems: &mut Problems,
    place: &str,
    g: &'a Group,
    seen: &mut BTreeSet<&'a str>,
    family_codes: &BTreeSet<&str>,
) {
    if let Err(e) = check_words("code", &g.code, 60)
        .and(check_words("name", &g.name, 200))
        .and(check_url("sourceUrl", g.source_url.as_deref()))
    {
        problems.add_error(place, e);
    }
    if !seen.insert(g.code.as_str()) {
        problems.add(place, "deze functiegroep staat twee keer in het bestand");
    }
    if !family_codes.contains(g.family.as_str()) {
        problems.add(
            format!("{place}.family"),
            format!("onbekende familie '{}'", g.family),
        );
    }
    for (field, scale) in [("scaleMin", g.scale_min), ("scaleMax", g.scale_max)] {
        if let Err(e) = validate_scale(field, scale) {
            problems.add_error(place, e);
        }
    }
    if g.scale_min > g.scale_max {
        problems.add(
            format!("{place}.scaleMax"),
            "de hoogste schaal ligt onder de laagste",
        );
    }
    if g.versions.is_empty() {
        problems.add(
            format!("{place}.versions"),
            "een functiegroep heeft een versie",
        );
    }
}

/// What the file's group `g` does to the register: added, a new version (noted in
/// `needs_decision`), or unchanged; with a remark for each own field the register holds
/// differently.
fn compare(
    register: &Register,
    g: &Group,
    held: Option<&Arc<GroupHistory>>,
    place: &str,
    outcome: &mut Outcome,
    needs_decision: &mut Vec<(String, Option<NaiveDate>)>,
) {
    let Some(new) = last_content(g) else {
        return;
    };
    match held {
        None => outcome.groups.push(GroupOutcome {
            code: g.code.clone(),
            name: g.name.clone(),
            action: GroupAction::Added,
            versions_added: g.versions.len(),
            changes: diff::between(&GroupContent::default(), &new, &diff::Names::of(register)),
        }),
        Some(h) => {
            let latest = h
                .versions
                .all()
                .last()
                .map(|v| content::of_entry(register, v))
                .unwrap_or_default();
            let changes = diff::between(&latest, &new, &diff::Names::of(register));
            let held_fields = group_fields(&group_of(register, h));
            let file_fields = group_fields(g);
            for c in diff::between_fields(&held_fields, &file_fields) {
                outcome.remarks.push(format!(
                    "{}: {} is in het register '{}' en in het bestand '{}'; niet gewijzigd",
                    g.code,
                    c.path,
                    c.before.unwrap_or_default(),
                    c.after.unwrap_or_default()
                ));
            }
            if latest == new {
                outcome.groups.push(GroupOutcome {
                    code: g.code.clone(),
                    name: g.name.clone(),
                    action: GroupAction::Unchanged,
                    versions_added: 0,
                    changes: Vec::new(),
                });
            } else {
                let from = h.versions.all().last().map(|v| v.version.effective_from);
                needs_decision.push((place.to_owned(), from));
                outcome.groups.push(GroupOutcome {
                    code: g.code.clone(),
                    name: g.name.clone(),
                    action: GroupAction::NewVersion,
                    versions_added: 1,
                    changes,
                });
            }
        }
    }
}

/// The rules for the versions of a group the file adds as they are: numbered 1, 2, … with
/// periods that follow each other.
fn check_version(
    problems: &mut Problems,
    place: &str,
    index: usize,
    v: &GroupVersion,
    next: Option<&GroupVersion>,
) {
    if v.number != i32::try_from(index).unwrap_or(0) + 1 {
        problems.add(
            format!("{place}.number"),
            format!("verwacht versie {}", index + 1),
        );
    }
    if let Err(e) = check_url("provenanceUrl", v.provenance_url.as_deref()) {
        problems.add_error(place, e);
    }
    if !matches!(v.provenance_kind.as_str(), "SEED" | "DECISION") {
        problems.add(
            format!("{place}.provenanceKind"),
            format!("'{}' is geen SEED of DECISION", v.provenance_kind),
        );
    }
    if let Some(end) = v.effective_to.filter(|end| *end <= v.effective_from) {
        problems.add(
            format!("{place}.effectiveTo"),
            format!("{end} ligt niet na het begin {}", v.effective_from),
        );
    }
    if let Some(next) = next {
        if v.effective_to != Some(next.effective_from) {
            problems.add(
                format!("{place}.effectiveTo"),
                format!(
                    "eindigt niet waar versie {} begint ({})",
                    next.number, next.effective_from
                ),
            );
        }
    }
}
