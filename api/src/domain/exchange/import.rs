//! Taking a catalogue document in (FGR beheer): the `fgr-catalogue/1` file an export wrote, or
//! one FGR beheer edited from the full source texts.
//!
//! The whole file is checked first; every problem is reported with its place in the file and
//! nothing is written while there is one. What would change is shown per group as the same diff
//! the committee sees on a proposal. Then, on confirmation, in one transaction:
//!
//! - a group the register does not hold is added **with its versions as the file has them**
//!   (their own dates and provenance): that is how a register is restored or moved;
//! - a group the register holds gets a **new version** when the file's last version says
//!   something else than the group's latest version: from `effective_from` (today or later,
//!   after the latest version's start), with the decision as its provenance, closing the latest
//!   version there, exactly as an adoption does;
//! - families, source documents, requirements, competences, declared totals and (on a register
//!   without one) the ABD rule that the register lacks are added.
//!
//! What the register already holds differently outside a group's content (a group's name or
//! scale range, a family's name, an ABD rule version) is not rewritten: those records are not
//! versioned, and earlier answers must stay as they were. The outcome lists each as a remark.
//! Importing the same file twice changes nothing the second time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use fgr_entities::{
    abd_rule_version, competence, declared_total, function_group, group_version, job_family,
    requirement_scope, responsibility_requirement, source_document,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::{Catalogue, Group, GroupVersion, FORMAT};
use crate::domain::access::Operation;
use crate::domain::audit::{self, Change};
use crate::domain::caller::{check_url, check_words, Caller};
use crate::domain::content::{self, GroupContent, Scope};
use crate::domain::diff::{self, FieldChange};
use crate::domain::groups::validate_scale;
use crate::domain::{changes, dates, search, tx};
use crate::error::{DomainError, DomainResult, Problem};
use crate::register::Register;

/// How the file's content for groups the register holds is adopted.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The decision the new versions rest on (their provenance); required when a group the
    /// register holds changes.
    pub decision: Option<String>,
    /// First day of the new versions (today or later); required with `decision`.
    pub effective_from: Option<NaiveDate>,
    /// The decision's date; default the effective date.
    pub decided_on: Option<NaiveDate>,
    /// Check and show what would change, write nothing.
    pub dry_run: bool,
}

/// What the import does to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    /// The register does not hold it: added with the file's versions.
    Added,
    /// Its content differs from its latest version: a new version from the effective date.
    NewVersion,
    /// Its content is the same as its latest version.
    Unchanged,
}

/// One group's part of the import.
#[derive(Debug, Clone)]
pub struct GroupOutcome {
    /// The group's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub action: GroupAction,
    /// Versions added (all of the file's for an added group, 1 for a new version, else 0).
    pub versions_added: usize,
    /// The change of its content: against the latest version, or against nothing for an added
    /// group (its last version in the file).
    pub changes: Vec<FieldChange>,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Whether anything was written (false for a dry run, and when nothing changes).
    pub applied: bool,
    /// Every group of the file, in the file's order.
    pub groups: Vec<GroupOutcome>,
    /// Records added beside groups, e.g. `family LIJNMANAGEMENT`, `competence Samenwerken`.
    pub added: Vec<String>,
    /// What the register holds differently and the import leaves alone, for people to check.
    pub remarks: Vec<String>,
}

impl Outcome {
    /// Whether the import changes anything.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty()
            || self
                .groups
                .iter()
                .any(|g| g.action != GroupAction::Unchanged)
    }
}

/// Reads `text` as a catalogue document.
///
/// # Errors
/// `BAD_USER_INPUT` ([`DomainError::Invalid`]) with the line, column and path of the first place
/// the file is not a document of the format.
pub fn parse(text: &str) -> DomainResult<Catalogue> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let catalogue: Catalogue = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let inner = e.inner();
        let path = e.path().to_string();
        // serde_json appends the position to its message; we name it in the place instead.
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        DomainError::Invalid(vec![Problem {
            place: if path == "." {
                format!("regel {}, kolom {}", inner.line(), inner.column())
            } else {
                format!("regel {}, kolom {} ({path})", inner.line(), inner.column())
            },
            message: format!("geen geldig {FORMAT}-document: {message}"),
        }])
    })?;
    // Valid JSON may still carry control characters as escapes (`\u0000`); the register's text
    // never does, whichever way it comes in.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let places = crate::domain::text::control_characters_in(&value);
        if !places.is_empty() {
            return Err(DomainError::Invalid(
                places
                    .into_iter()
                    .map(|place| Problem {
                        place,
                        message: crate::domain::text::CONTROL_CHARACTER.into(),
                    })
                    .collect(),
            ));
        }
    }
    if catalogue.format != FORMAT {
        return Err(DomainError::Invalid(vec![Problem {
            place: "format".into(),
            message: format!(
                "het formaat is '{}'; deze versie leest {FORMAT}",
                catalogue.format
            ),
        }]));
    }
    Ok(catalogue)
}

/// Collects problems with their places.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            place: place.into(),
            message: message.into(),
        });
    }

    /// Adds a domain error under `prefix` (its field appended).
    fn add_error(&mut self, prefix: &str, e: DomainError) {
        match e {
            DomainError::BadInput { field, message } => {
                self.add(format!("{prefix}.{field}"), message)
            }
            other => self.add(prefix, other.to_string()),
        }
    }
}

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

/// The file's content of a group: its last version's, in stored order.
fn last_content(g: &Group) -> Option<GroupContent> {
    g.versions.last().map(|v| {
        let mut c = v.content.clone();
        c.normalize();
        c
    })
}

/// Checks the file against the register and works out what would change, without writing.
/// `Err` lists every problem.
fn plan(register: &Register, doc: &Catalogue, options: &Options) -> Result<Outcome, Vec<Problem>> {
    let mut problems = Problems::default();
    let mut outcome = Outcome::default();

    // Codes the document or the register knows.
    let mut family_codes: BTreeSet<&str> = register
        .families()
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    for (i, f) in doc.families.iter().enumerate() {
        let place = format!("families[{i}] {}", f.code);
        if let Err(e) = check_words("code", &f.code, 60)
            .and(check_words("name", &f.name, 200))
            .and(check_url("sourceUrl", f.source_url.as_deref()))
        {
            problems.add_error(&place, e);
        }
        if !seen.insert(f.code.as_str()) {
            problems.add(&place, "deze familie staat twee keer in het bestand");
        }
        match register.family_by_code(&f.code) {
            None => outcome.added.push(format!("familie {}", f.code)),
            Some(held) if held.name != f.name || held.definition != f.definition => {
                outcome.remarks.push(format!(
                    "familie {}: het register heeft een andere naam of definitie; niet gewijzigd",
                    f.code
                ))
            }
            Some(_) => {}
        }
        family_codes.insert(&f.code);
    }
    let mut source_codes: BTreeSet<&str> =
        register.sources().iter().map(|s| s.code.as_str()).collect();
    let mut seen = BTreeSet::new();
    for (i, s) in doc.sources.iter().enumerate() {
        let place = format!("sources[{i}] {}", s.code);
        if let Err(e) = check_words("code", &s.code, 60)
            .and(check_words("title", &s.title, 300))
            .and(check_words("reference", &s.reference, 300))
            .and(check_url("url", s.url.as_deref()))
        {
            problems.add_error(&place, e);
        }
        if !seen.insert(s.code.as_str()) {
            problems.add(&place, "deze bron staat twee keer in het bestand");
        }
        match register.sources().iter().find(|h| h.code == s.code) {
            None => outcome.added.push(format!("bron {}", s.code)),
            Some(held) if held.reference != s.reference || held.url != s.url => {
                outcome.remarks.push(format!(
                    "bron {}: het register heeft een andere verwijzing; niet gewijzigd",
                    s.code
                ))
            }
            Some(_) => {}
        }
        source_codes.insert(&s.code);
    }
    let group_codes: BTreeSet<&str> = register
        .groups()
        .iter()
        .map(|g| g.group.code.as_str())
        .chain(doc.groups.iter().map(|g| g.code.as_str()))
        .collect();
    let mut requirement_codes: BTreeSet<&str> = register
        .requirements()
        .iter()
        .map(|r| r.model.code.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    for (i, r) in doc.requirements.iter().enumerate() {
        let place = format!("requirements[{i}] {}", r.code);
        if let Err(e) = check_words("code", &r.code, 80)
            .and(check_words("title", &r.title, 300))
            .and(check_words("text", &r.text, 4_000))
            .and(check_words("theme", &r.theme, 80))
            .and(check_words("sourceReference", &r.source_reference, 300))
            .and(check_url("sourceUrl", r.source_url.as_deref()))
        {
            problems.add_error(&place, e);
        }
        if !seen.insert(r.code.as_str()) {
            problems.add(
                &place,
                "deze verantwoordelijkheid staat twee keer in het bestand",
            );
        }
        for (j, f) in r.families.iter().enumerate() {
            if !family_codes.contains(f.as_str()) {
                problems.add(
                    format!("{place}.families[{j}]"),
                    format!("onbekende familie '{f}'"),
                );
            }
        }
        for (j, g) in r.groups.iter().enumerate() {
            if !group_codes.contains(g.as_str()) {
                problems.add(
                    format!("{place}.groups[{j}]"),
                    format!("onbekende functiegroep '{g}'"),
                );
            }
        }
        if let Some(s) = &r.source {
            if !source_codes.contains(s.as_str()) {
                problems.add(format!("{place}.source"), format!("onbekende bron '{s}'"));
            }
        }
        match register
            .requirements()
            .iter()
            .find(|h| h.model.code == r.code)
        {
            None => outcome
                .added
                .push(format!("verantwoordelijkheid {}", r.code)),
            Some(held) if held.model.text != r.text || held.model.title != r.title => {
                outcome.remarks.push(format!(
                    "verantwoordelijkheid {}: het register heeft een andere tekst; niet gewijzigd",
                    r.code
                ))
            }
            Some(_) => {}
        }
        requirement_codes.insert(&r.code);
    }

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
        if let Err(e) = check_words("code", &g.code, 60)
            .and(check_words("name", &g.name, 200))
            .and(check_url("sourceUrl", g.source_url.as_deref()))
        {
            problems.add_error(&place, e);
        }
        if !seen.insert(g.code.as_str()) {
            problems.add(&place, "deze functiegroep staat twee keer in het bestand");
        }
        if !family_codes.contains(g.family.as_str()) {
            problems.add(
                format!("{place}.family"),
                format!("onbekende familie '{}'", g.family),
            );
        }
        for (field, scale) in [("scaleMin", g.scale_min), ("scaleMax", g.scale_max)] {
            if let Err(e) = validate_scale(field, scale) {
                problems.add_error(&place, e);
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
            check_version(&mut problems, &vplace, j, v, g.versions.get(j + 1));
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
        let Some(new) = last_content(g) else { continue };
        match held {
            None => outcome.groups.push(GroupOutcome {
                code: g.code.clone(),
                name: g.name.clone(),
                action: GroupAction::Added,
                versions_added: g.versions.len(),
                changes: diff::between(&GroupContent::default(), &new),
            }),
            Some(h) => {
                let latest = h
                    .versions
                    .all()
                    .last()
                    .map(|v| content::of_entry(register, v))
                    .unwrap_or_default();
                let changes = diff::between(&latest, &new);
                let held_fields = group_fields(&super::group_of(register, h));
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
                    needs_decision.push((place.clone(), from));
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

    // The options, when a held group gets a new version.
    if !needs_decision.is_empty() {
        match &options.decision {
            None => problems.add(
                "decision",
                format!(
                    "{} functiegroep(en) krijgen een nieuwe versie (de eerste: {}); geef het besluit waarop die rust",
                    needs_decision.len(),
                    needs_decision[0].0
                ),
            ),
            Some(d) => {
                if let Err(e) = check_words("decision", d, 300) {
                    problems.add_error("opties", e);
                }
            }
        }
        match options.effective_from {
            None => problems.add(
                "effectiveFrom",
                "geef de ingangsdatum van de nieuwe versies",
            ),
            Some(day) => {
                if let Err(e) = dates::check_not_past("effectiveFrom", day) {
                    problems.add_error("opties", e);
                }
                for (place, from) in &needs_decision {
                    if let Some(from) = from.filter(|from| day <= *from) {
                        problems.add(
                            "effectiveFrom",
                            format!(
                                "{place}: de huidige versie begint op {from}; de nieuwe begint later"
                            ),
                        );
                    }
                }
            }
        }
    }

    // Declared totals and the ABD rule.
    for (i, t) in doc.declared_totals.iter().enumerate() {
        if !source_codes.contains(t.source.as_str()) {
            problems.add(
                format!("declaredTotals[{i}].source"),
                format!("onbekende bron '{}'", t.source),
            );
        }
        let held = register.declared_totals().iter().any(|h| {
            h.group_count == t.count
                && register
                    .source(h.source_document_id)
                    .is_some_and(|s| s.code == t.source)
        });
        if !held {
            outcome
                .added
                .push(format!("opgegeven totaal {} ({})", t.count, t.source));
        }
    }
    for (i, v) in doc.abd_rule.iter().enumerate() {
        let place = format!("abdRule[{i}]");
        if !(1..=19).contains(&v.min_scale) {
            problems.add(format!("{place}.minScale"), "kies schaal 1 t/m 19");
        }
        if let Some(s) = &v.source {
            if !source_codes.contains(s.as_str()) {
                problems.add(format!("{place}.source"), format!("onbekende bron '{s}'"));
            }
        }
        if let Err(e) =
            check_words("reference", &v.reference, 500).and(check_url("url", v.url.as_deref()))
        {
            problems.add_error(&place, e);
        }
        if v.number != i32::try_from(i).unwrap_or(0) + 1 {
            problems.add(
                format!("{place}.number"),
                format!("verwacht versie {}", i + 1),
            );
        }
        if let Some(next) = doc.abd_rule.get(i + 1) {
            if v.effective_to != Some(next.effective_from) {
                problems.add(
                    format!("{place}.effectiveTo"),
                    format!("eindigt niet waar versie {} begint", next.number),
                );
            }
        }
    }
    if !doc.abd_rule.is_empty() {
        let held: Vec<(i32, NaiveDate, i32)> = register
            .abd_rule()
            .all()
            .iter()
            .map(|v| (v.version_no, v.effective_from, v.min_scale))
            .collect();
        let file: Vec<(i32, NaiveDate, i32)> = doc
            .abd_rule
            .iter()
            .map(|v| (v.number, v.effective_from, v.min_scale))
            .collect();
        if held.is_empty() {
            outcome
                .added
                .push(format!("ABD-regel ({} versie(s))", doc.abd_rule.len()));
        } else if held != file {
            outcome.remarks.push(
                "de ABD-regel van het register verschilt van die in het bestand; niet gewijzigd (wijzig hem met changeAbdRule)"
                    .into(),
            );
        }
    }
    if problems.0.is_empty() {
        Ok(outcome)
    } else {
        Err(problems.0)
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

/// Imports `text` (FGR beheer): checks everything, and unless `options.dry_run` writes what
/// changes in one transaction, with audit entries and change-feed events.
///
/// # Errors
/// `BAD_USER_INPUT` ([`DomainError::Invalid`]) listing every problem with its place (nothing is
/// written); `FORBIDDEN`/`UNAUTHENTICATED` for anyone but FGR beheer; `CONFLICT` when the
/// register changed meanwhile (nothing is written; check again).
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    register: &Register,
    text: &str,
    options: &Options,
) -> DomainResult<Outcome> {
    caller.person(Operation::ImportCatalogue)?;
    let doc = parse(text)?;
    let mut outcome = plan(register, &doc, options).map_err(DomainError::Invalid)?;
    if options.dry_run || !outcome.changes_anything() {
        return Ok(outcome);
    }
    let txn = db.begin().await?;
    let result = apply(&txn, caller, register, &doc, options, &outcome).await;
    tx::finish(txn, result).await?;
    outcome.applied = true;
    Ok(outcome)
}

/// Writes the plan.
async fn apply(
    txn: &impl ConnectionTrait,
    caller: &Caller<'_>,
    register: &Register,
    doc: &Catalogue,
    options: &Options,
    outcome: &Outcome,
) -> DomainResult<()> {
    let actor = caller.actor();
    let next_order = |orders: &mut dyn Iterator<Item = i32>| orders.max().unwrap_or(0) + 1;

    let mut families: HashMap<String, i32> = register
        .families()
        .iter()
        .map(|f| (f.code.clone(), f.id))
        .collect();
    let mut order = next_order(&mut register.families().iter().map(|f| f.sort_order));
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

    // Groups before requirements: a requirement may name a group of the file.
    let mut groups: HashMap<String, i32> = register
        .groups()
        .iter()
        .map(|g| (g.group.code.clone(), g.group.id))
        .collect();
    let mut order = next_order(&mut register.groups().iter().map(|g| g.group.sort_order));
    let added: BTreeMap<&str, &GroupOutcome> = outcome
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g))
        .collect();
    let mut new_groups = Vec::new();
    for g in &doc.groups {
        if added.get(g.code.as_str()).map(|o| o.action) != Some(GroupAction::Added) {
            continue;
        }
        let family = *families
            .get(&g.family)
            .ok_or_else(|| DomainError::internal(format!("family {} vanished", g.family)))?;
        let row = function_group::ActiveModel {
            family_id: Set(family),
            code: Set(g.code.clone()),
            name: Set(g.name.clone()),
            description: Set(g.description.clone()),
            scale_min: Set(g.scale_min),
            scale_max: Set(g.scale_max),
            work_levels: Set((!g.work_levels.is_empty()).then(|| g.work_levels.join(","))),
            fgr_site_id: Set(g.fgr_site_id),
            added_on: Set(g.added_on),
            search_text: Set(search::group_text(
                &g.name,
                &g.code,
                g.description.as_deref(),
            )),
            source_url: Set(g.source_url.clone()),
            illustrative: Set(g.illustrative),
            data_note: Set(g.data_note.clone()),
            sort_order: Set(order),
            family_inferred: Set(g.family_inferred),
            scales_inferred: Set(g.scales_inferred),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(|e| conflict_on_duplicate(e, &g.code))?;
        order += 1;
        groups.insert(g.code.clone(), row.id);
        new_groups.push((g, row.id));
    }

    let held_requirements: BTreeSet<&str> = register
        .requirements()
        .iter()
        .map(|r| r.model.code.as_str())
        .collect();
    let mut order = next_order(&mut register.requirements().iter().map(|r| r.model.sort_order));
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

    // Added groups, with their versions as the file has them.
    for (g, group_id) in new_groups {
        for v in &g.versions {
            let row = group_version::ActiveModel {
                group_id: Set(group_id),
                version_no: Set(v.number),
                effective_from: Set(v.effective_from),
                effective_to: Set(v.effective_to),
                provenance_kind: Set(v.provenance_kind.clone()),
                provenance_reference: Set(v.provenance_reference.clone()),
                provenance_url: Set(v.provenance_url.clone()),
                decided_on: Set(v.decided_on),
                illustrative: Set(v.illustrative),
                note: Set(v.note.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let mut content = v.content.clone();
            content.normalize();
            content::write(txn, row.id, &content).await?;
        }
        audit::append(
            txn,
            &actor,
            caller.request_id,
            Change {
                action: "function_group.import".into(),
                target_type: "function_group".into(),
                target_id: g.code.clone(),
                before: None,
                after: Some(json!({
                    "name": g.name, "family": g.family,
                    "versions": g.versions.len(),
                })),
            },
        )
        .await?;
    }

    // New versions of held groups, as an adoption writes them.
    for g in &doc.groups {
        if added.get(g.code.as_str()).map(|o| o.action) != Some(GroupAction::NewVersion) {
            continue;
        }
        let (Some(decision), Some(effective)) = (&options.decision, options.effective_from) else {
            return Err(DomainError::internal("a new version without a decision"));
        };
        let held = register
            .group_by_code(&g.code)
            .and_then(|h| {
                h.versions
                    .all()
                    .last()
                    .map(|v| (h.group.id, v.version.clone()))
            })
            .ok_or_else(|| DomainError::internal(format!("group {} vanished", g.code)))?;
        let (group_id, latest) = held;
        // The latest version the check saw must still be the latest, and open.
        let closed = group_version::Entity::update_many()
            .col_expr(group_version::Column::EffectiveTo, Expr::value(effective))
            .filter(group_version::Column::Id.eq(latest.id))
            .filter(group_version::Column::EffectiveTo.is_null())
            .exec(txn)
            .await?;
        let newest = group_version::Entity::find()
            .filter(group_version::Column::GroupId.eq(group_id))
            .order_by_desc(group_version::Column::VersionNo)
            .one(txn)
            .await?;
        if closed.rows_affected != 1 || newest.map(|v| v.id) != Some(latest.id) {
            return Err(DomainError::Conflict(format!(
                "{} kreeg een nieuwe versie tijdens de import; controleer het bestand opnieuw",
                g.code
            )));
        }
        let row = group_version::ActiveModel {
            group_id: Set(group_id),
            version_no: Set(latest.version_no + 1),
            effective_from: Set(effective),
            effective_to: Set(None),
            provenance_kind: Set("DECISION".into()),
            provenance_reference: Set(Some(format!("{} (catalogusimport)", decision.trim()))),
            provenance_url: Set(None),
            decided_on: Set(Some(options.decided_on.unwrap_or(effective))),
            illustrative: Set(false),
            note: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let content = last_content(g).unwrap_or_default();
        content::write(txn, row.id, &content).await?;
        audit::append(
            txn,
            &actor,
            caller.request_id,
            Change {
                action: "group_version.import".into(),
                target_type: "group_version".into(),
                target_id: row.id.to_string(),
                before: Some(
                    json!({ "target": g.code, "version": latest.version_no, "effectiveTo": null }),
                ),
                after: Some(json!({
                    "version": latest.version_no + 1,
                    "effectiveFrom": effective.to_string(),
                    "previousClosedAt": effective.to_string(),
                    "decision": decision.trim(),
                })),
            },
        )
        .await?;
    }

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

/// A unique-key failure on a group's code means someone added it meanwhile.
fn conflict_on_duplicate(e: sea_orm::DbErr, code: &str) -> DomainError {
    let text = e.to_string().to_lowercase();
    if text.contains("unique") || text.contains("duplicate") {
        DomainError::Conflict(format!(
            "{code} werd tijdens de import toegevoegd; controleer het bestand opnieuw"
        ))
    } else {
        e.into()
    }
}
