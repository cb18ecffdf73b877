//! Differences between two versions of a group's content, field by field, with a word-level
//! diff for changed texts. Lists (results, typing bullets, coverage) are aligned, so inserting
//! one bullet shows as one addition, not as every later bullet changed.

use std::collections::BTreeMap;

use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffTag, TextDiff};

use super::content::GroupContent;
use super::profiles::TypingSection;
use crate::register::Register;

/// What a diff's paths call things: a responsibility requirement by its title in the register,
/// a typing section by its printed heading, as people read them. Without a register (or for a
/// code it does not know) a requirement keeps its code.
#[derive(Debug, Clone, Copy, Default)]
pub struct Names<'a> {
    register: Option<&'a Register>,
}

impl<'a> Names<'a> {
    /// The requirements' titles in `register`.
    pub fn of(register: &'a Register) -> Self {
        Self {
            register: Some(register),
        }
    }

    fn requirement<'c>(&self, code: &'c str) -> &'c str
    where
        'a: 'c,
    {
        self.register
            .and_then(|r| r.requirements().iter().find(|q| q.model.code == code))
            .map_or(code, |q| q.model.title.as_str())
    }
}

fn section(code: &str) -> &str {
    match TypingSection::from_code(code) {
        Some(section) => section.label(),
        None => code,
    }
}

/// What happened to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Present only in the new content.
    Added,
    /// Present only in the old content.
    Removed,
    /// Present in both, with different text.
    Changed,
}

/// A run of words in a text diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordRun {
    /// Kept, inserted or deleted.
    pub tag: WordTag,
    /// The words (with their spacing).
    pub text: String,
}

/// How a run of words changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordTag {
    /// In both.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Where, e.g. `coreProfile › Omgeving › resultaten`.
    pub path: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The old text.
    pub before: Option<String>,
    /// The new text.
    pub after: Option<String>,
    /// For a changed text: the word-level diff.
    pub words: Vec<WordRun>,
}

/// The content as lists of texts per field path, in a stable order.
fn flatten(content: &GroupContent, names: &Names<'_>) -> BTreeMap<String, Vec<String>> {
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut put = |path: String, text: String| fields.entry(path).or_default().push(text);
    if let Some(purpose) = &content.core_profile.purpose {
        put("Kernprofiel › doel van de functie".into(), purpose.clone());
    }
    for area in &content.core_profile.result_areas {
        for r in &area.results {
            put(
                format!("Kernprofiel › {} › resultaten", area.label),
                r.clone(),
            );
        }
        for b in &area.behaviour_indicators {
            put(
                format!("Kernprofiel › {} › gedragsindicatoren", area.label),
                b.clone(),
            );
        }
    }
    for c in &content.core_profile.competences {
        put("Kernprofiel › competenties".into(), c.clone());
    }
    for t in &content.typings {
        let scale = match t.variant {
            None => format!("Typering schaal {:02}", t.scale),
            Some(v) => format!(
                "Typering schaal {:02} variant {v} ({})",
                t.scale,
                t.variant_name.as_deref().unwrap_or_default()
            ),
        };
        match (&t.fuwasys_scores, t.fuwasys_total) {
            (Some(s), Some(total)) => put(format!("{scale} › FUWASYS"), format!("{s} ({total})")),
            _ => put(format!("{scale} › FUWASYS"), "niet bekend".into()),
        }
        if let Some(note) = &t.note {
            put(format!("{scale} › opmerking"), note.clone());
        }
        for item in &t.items {
            let text = match (&item.sub_category, item.text.is_empty()) {
                (Some(sub), true) => sub.clone(),
                (Some(sub), false) => format!("{sub}: {}", item.text),
                (None, _) => item.text.clone(),
            };
            put(format!("{scale} › {}", section(&item.section)), text);
        }
    }
    for c in &content.coverage {
        let scope = c
            .typing_scale
            .map_or_else(|| "alle typeringen".to_owned(), |s| format!("schaal {s}"));
        put(
            format!(
                "Dekking › {} ({scope})",
                names.requirement(&c.requirement_code)
            ),
            format!("{}: {}", c.location, c.quote),
        );
    }
    fields
}

fn words(before: &str, after: &str) -> Vec<WordRun> {
    let diff = TextDiff::from_words(before, after);
    let mut runs: Vec<WordRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => WordTag::Equal,
            ChangeTag::Insert => WordTag::Insert,
            ChangeTag::Delete => WordTag::Delete,
        };
        let text = change.value().to_string();
        match runs.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(&text),
            _ => runs.push(WordRun { tag, text }),
        }
    }
    runs
}

fn change(path: &str, before: Option<&String>, after: Option<&String>) -> FieldChange {
    let kind = match (before, after) {
        (None, Some(_)) => ChangeKind::Added,
        (Some(_), None) => ChangeKind::Removed,
        _ => ChangeKind::Changed,
    };
    let runs = match (before, after) {
        (Some(b), Some(a)) => words(b, a),
        _ => Vec::new(),
    };
    FieldChange {
        path: path.to_owned(),
        kind,
        before: before.cloned(),
        after: after.cloned(),
        words: runs,
    }
}

/// The changes from `old` to `new`, their paths in `names`.
pub fn between(old: &GroupContent, new: &GroupContent, names: &Names<'_>) -> Vec<FieldChange> {
    let old = flatten(old, names);
    let new = flatten(new, names);
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    let empty = Vec::new();
    let mut out = Vec::new();
    for path in paths {
        let before = old.get(path).unwrap_or(&empty);
        let after = new.get(path).unwrap_or(&empty);
        for op in capture_diff_slices(Algorithm::Myers, before, after) {
            let (tag, o, n) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {}
                DiffTag::Delete => {
                    out.extend(before[o].iter().map(|b| change(path, Some(b), None)))
                }
                DiffTag::Insert => out.extend(after[n].iter().map(|a| change(path, None, Some(a)))),
                DiffTag::Replace => {
                    let (olds, news) = (&before[o], &after[n]);
                    for i in 0..olds.len().max(news.len()) {
                        out.push(change(path, olds.get(i), news.get(i)));
                    }
                }
            }
        }
    }
    out
}

/// The changes between two records of single-valued fields (label → text, in display order), as
/// clause versions and similar flat records have; a field missing on one side is added or
/// removed.
pub fn between_fields(old: &[(&str, String)], new: &[(&str, String)]) -> Vec<FieldChange> {
    let mut labels: Vec<&str> = old.iter().map(|(l, _)| *l).collect();
    labels.extend(
        new.iter()
            .map(|(l, _)| *l)
            .filter(|l| !old.iter().any(|(o, _)| o == l)),
    );
    labels
        .into_iter()
        .filter_map(|label| {
            let before = old.iter().find(|(l, _)| *l == label).map(|(_, t)| t);
            let after = new.iter().find(|(l, _)| *l == label).map(|(_, t)| t);
            (before != after).then(|| change(label, before, after))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::{
        CoverageContent, ResultAreaContent, TypingContent, TypingItemContent,
    };

    fn content(results: &[&str], fuwasys: Option<(&str, i32)>) -> GroupContent {
        let mut c = GroupContent::default();
        c.core_profile.result_areas.push(ResultAreaContent {
            code: "OMGEVING".into(),
            label: "Omgeving".into(),
            results: results.iter().map(|s| (*s).to_owned()).collect(),
            behaviour_indicators: vec![],
        });
        c.typings.push(TypingContent {
            scale: 12,
            variant: None,
            variant_name: None,
            fuwasys_scores: fuwasys.map(|(s, _)| s.to_owned()),
            fuwasys_total: fuwasys.map(|(_, t)| t),
            note: None,
            items: vec![],
        });
        c
    }

    #[test]
    fn an_inserted_result_is_one_addition_and_a_reworded_one_a_word_diff() {
        let old = content(
            &["een veilig werkklimaat", "goede planning"],
            Some(("44443 44434 43 43", 52)),
        );
        let new = content(
            &[
                "een veilig en inclusief werkklimaat",
                "aanpak van racisme",
                "goede planning",
            ],
            Some(("44443 44434 43 43", 52)),
        );
        let changes = between(&old, &new, &Names::default());
        assert_eq!(changes.len(), 2, "{changes:#?}");
        let changed = changes
            .iter()
            .find(|c| c.kind == ChangeKind::Changed)
            .unwrap();
        assert_eq!(changed.path, "Kernprofiel › Omgeving › resultaten");
        let inserted: String = changed
            .words
            .iter()
            .filter(|w| w.tag == WordTag::Insert)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(inserted.trim(), "en inclusief");
        let added = changes
            .iter()
            .find(|c| c.kind == ChangeKind::Added)
            .unwrap();
        assert_eq!(added.after.as_deref(), Some("aanpak van racisme"));
    }

    /// A requirement's title comes from the register (`tests/suite/amendments.rs` checks it on a
    /// proposal's diff); here, without one, its code stays, and a section reads as printed.
    #[test]
    fn sections_read_as_printed_and_a_requirement_without_a_register_keeps_its_code() {
        let old = content(&[], None);
        let mut new = old.clone();
        new.typings[0].items.push(TypingItemContent {
            section: "RESULTATEN".into(),
            sub_category: None,
            text: "leidt het team".into(),
        });
        new.coverage.push(CoverageContent {
            requirement_code: "MOTIE_BAMENGA".into(),
            typing_scale: Some(12),
            location: "Resultaten".into(),
            quote: "leidt het team".into(),
            note: None,
        });
        let paths: Vec<String> = between(&old, &new, &Names::default())
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert_eq!(
            paths,
            [
                "Dekking › MOTIE_BAMENGA (schaal 12)",
                "Typering schaal 12 › Resultaten"
            ]
        );
    }

    #[test]
    fn identical_content_has_no_changes() {
        let c = content(&["a"], None);
        assert!(between(&c, &c, &Names::default()).is_empty());
    }
}
