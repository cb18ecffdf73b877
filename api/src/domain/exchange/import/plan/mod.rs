//! Checking the file against the register and working out what would change, without writing
//! anything: every problem is collected with its place, so one answer lists them all. Groups,
//! the largest part, are checked in [`groups`].

mod groups;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Options, Outcome};
use crate::domain::caller::{check_url, check_words};
use crate::domain::dates;
use crate::domain::exchange::Catalogue;
use crate::error::{DomainError, Problem};
use crate::register::Register;

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

/// Checks the file against the register and works out what would change, without writing.
/// `Err` lists every problem.
pub(super) fn plan(
    register: &Register,
    doc: &Catalogue,
    options: &Options,
) -> Result<Outcome, Vec<Problem>> {
    let mut problems = Problems::default();
    let mut outcome = Outcome::default();

    // Codes the document or the register knows.
    let family_codes = check_families(register, doc, &mut problems, &mut outcome);
    let source_codes = check_sources(register, doc, &mut problems, &mut outcome);
    let requirement_codes = check_requirements(
        register,
        doc,
        &family_codes,
        &source_codes,
        &mut problems,
        &mut outcome,
    );
    let needs_decision = groups::check_groups(
        register,
        doc,
        &family_codes,
        &requirement_codes,
        &mut problems,
        &mut outcome,
    );
    check_options(options, &needs_decision, &mut problems);
    check_totals_and_rule(register, doc, &source_codes, &mut problems, &mut outcome);
    if problems.0.is_empty() {
        Ok(outcome)
    } else {
        Err(problems.0)
    }
}

/// The file's families: their own fields, doubles, and what the register holds differently.
/// Returns the family codes the register or the file knows.
fn check_families<'a>(
    register: &'a Register,
    doc: &'a Catalogue,
    problems: &mut Problems,
    outcome: &mut Outcome,
) -> BTreeSet<&'a str> {
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
    family_codes
}

/// The file's source documents, like [`check_families`]. Returns the source codes the register
/// or the file knows.
fn check_sources<'a>(
    register: &'a Register,
    doc: &'a Catalogue,
    problems: &mut Problems,
    outcome: &mut Outcome,
) -> BTreeSet<&'a str> {
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
    source_codes
}

/// The file's requirements: their fields, and the families, groups and sources they name.
/// Returns the requirement codes the register or the file knows.
fn check_requirements<'a>(
    register: &'a Register,
    doc: &'a Catalogue,
    family_codes: &BTreeSet<&str>,
    source_codes: &BTreeSet<&str>,
    problems: &mut Problems,
    outcome: &mut Outcome,
) -> BTreeSet<&'a str> {
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
    requirement_codes
}

/// The options, when a held group gets a new version: `needs_decision` lists the place of each
/// such group with its latest version's start.
fn check_options(
    options: &Options,
    needs_decision: &[(String, Option<NaiveDate>)],
    problems: &mut Problems,
) {
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
                for (place, from) in needs_decision {
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
}

/// Declared totals and the ABD rule.
fn check_totals_and_rule(
    register: &Register,
    doc: &Catalogue,
    source_codes: &BTreeSet<&str>,
    problems: &mut Problems,
    outcome: &mut Outcome,
) {
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
}
