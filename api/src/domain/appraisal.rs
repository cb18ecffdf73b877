//! Appraisal formats (the forms of the personeelsgesprek) and their criteria: which criteria apply
//! to an employee in a typing on a date, with their rating scales and what each appraises, and
//! whether the manager formats appraise every responsibility required of managers.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use fgr_entities::{appraisal_format, appraisal_format_version, rating_scale};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};

use super::posts::{self, Post};
use super::requirements;
use crate::error::{DomainError, DomainResult};
use crate::register::{FormatHistory, Register, Requirement};

/// The sections of a conversation, in order: the three parts of the personeelsgesprek
/// (Regeling personeelsgesprek sector Rijk, art. 2) and the themes the minister's letter names.
pub const SECTIONS: [(&str, &str); 7] = [
    ("PLANNEN", "Plannen"),
    ("REFLECTEREN_OP_FUNCTIONEREN", "Reflecteren op functioneren"),
    ("EVALUEREN_MET_CONCLUSIE", "Evalueren met conclusie"),
    ("INTEGRITEIT", "Integriteit"),
    ("SOCIALE_VEILIGHEID", "Sociale veiligheid"),
    ("DISCRIMINATIE_RACISME", "Discriminatie en racisme"),
    (
        "LEIDINGGEVEN",
        "Leidinggeven aan een veilige en inclusieve werkomgeving",
    ),
];

/// The result areas a criterion can appraise (the kernprofiel's four).
pub const RESULT_AREAS: [&str; 4] = [
    "OPDRACHTGEVER",
    "OMGEVING",
    "BEDRIJFSVOERING",
    "VERNIEUWEN_VERBETEREN",
];

/// What a criterion appraises.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appraises {
    /// A responsibility requirement, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_code: Option<String>,
    /// A result area of the core profile, by code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_area: Option<String>,
}

/// A criterion or question of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionContent {
    /// Code, unique within the format.
    pub code: String,
    /// The question or criterion.
    pub text: String,
    /// Guidance for the conversation.
    #[serde(default)]
    pub guidance: Option<String>,
    /// The rating scale, by code; none for an open question.
    #[serde(default)]
    pub rating_scale: Option<String>,
    /// Whether the conversation must cover it.
    pub mandatory: bool,
    /// What it appraises.
    #[serde(default)]
    pub appraises: Option<Appraises>,
    /// True when the wording is the register's, not an official source's.
    pub illustrative: bool,
    /// Where the wording comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A section of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionContent {
    /// One of [`SECTIONS`].
    pub code: String,
    /// Its criteria, in order.
    pub criteria: Vec<CriterionContent>,
}

/// A format version's sections and criteria.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatContent {
    /// Sections, in conversation order.
    pub sections: Vec<SectionContent>,
}

/// Who a format is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every employee.
    AllStaff,
    /// Employees in a group of the manager families.
    Managers,
    /// Employees in these families.
    Families(Vec<String>),
    /// Employees in these groups.
    Groups(Vec<String>),
}

impl Audience {
    /// The audience stored on a version.
    pub fn of(v: &appraisal_format_version::Model) -> Self {
        let codes = || -> Vec<String> {
            v.audience_codes
                .as_deref()
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        };
        match v.audience.as_str() {
            "MANAGERS" => Self::Managers,
            "FAMILIES" => Self::Families(codes()),
            "GROUPS" => Self::Groups(codes()),
            _ => Self::AllStaff,
        }
    }

    /// Whether an employee in `post` is in it.
    pub fn includes(&self, post: &Post) -> bool {
        match self {
            Self::AllStaff => true,
            Self::Managers => post.manager_family,
            Self::Families(codes) => codes.contains(&post.family_code),
            Self::Groups(codes) => codes.contains(&post.group_code),
        }
    }

    /// Whether it is for managers (only).
    pub fn is_managers(&self) -> bool {
        matches!(self, Self::Managers)
    }
}

/// A format with one of its versions and that version's content, borrowed from a snapshot.
#[derive(Debug, Clone, Copy)]
pub struct FormatVersion<'a> {
    /// The format.
    pub format: &'a appraisal_format::Model,
    /// The version.
    pub version: &'a appraisal_format_version::Model,
    /// Its sections and criteria.
    pub content: &'a FormatContent,
}

/// Reads a version's content.
///
/// # Errors
/// `INTERNAL` when the stored document cannot be read.
pub fn content_of(v: &appraisal_format_version::Model) -> DomainResult<FormatContent> {
    serde_json::from_str(&v.content_json)
        .map_err(|e| DomainError::internal(format!("format version {}: {e}", v.id)))
}

/// The formats in effect on `day`, by code.
pub fn in_effect(register: &Register, day: NaiveDate) -> Vec<FormatVersion<'_>> {
    register
        .formats()
        .iter()
        .filter_map(|h| {
            h.versions.in_effect(day).map(|v| FormatVersion {
                format: &h.format,
                version: &v.version,
                content: &v.content,
            })
        })
        .collect()
}

/// One format with every version, oldest first.
///
/// # Errors
/// `NOT_FOUND` for an unknown code.
pub fn history<'a>(register: &'a Register, code: &str) -> DomainResult<&'a Arc<FormatHistory>> {
    register
        .format(code)
        .ok_or_else(|| DomainError::NotFound(format!("format {code}")))
}

/// A level of a rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// Code, e.g. `PLUS_PLUS`.
    pub code: String,
    /// Label, e.g. `++`.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// The levels of a stored scale, highest first.
///
/// # Errors
/// `INTERNAL` when the stored document cannot be read.
pub fn levels_of(scale: &rating_scale::Model) -> DomainResult<Vec<Level>> {
    serde_json::from_str(&scale.levels_json)
        .map_err(|e| DomainError::internal(format!("rating scale {}: {e}", scale.code)))
}

/// A criterion as it applies to a post, with the format it comes from.
#[derive(Debug, Clone)]
pub struct AppliedCriterion {
    /// The criterion.
    pub criterion: CriterionContent,
    /// The format's code.
    pub format_code: String,
    /// The format version's number.
    pub format_version: i32,
}

/// The criteria for a post on a date, by section in conversation order.
#[derive(Debug, Clone)]
pub struct PostCriteria {
    /// The post.
    pub post: Post,
    /// The date.
    pub on: NaiveDate,
    /// The formats that apply (code, version).
    pub formats: Vec<(String, i32)>,
    /// Sections (code) with their criteria; sections without criteria are left out.
    pub sections: Vec<(String, Vec<AppliedCriterion>)>,
}

/// The criteria that apply to an employee in `group_code` at `scale` on `day`.
///
/// # Errors
/// `NOT_FOUND` for a group that does not exist then; `BAD_USER_INPUT` for a scale outside its
/// range.
pub fn criteria_for(
    register: &Register,
    group_code: &str,
    scale: i32,
    day: NaiveDate,
) -> DomainResult<PostCriteria> {
    let post = posts::post(register, group_code, scale, day)?;
    let applicable: Vec<FormatVersion> = in_effect(register, day)
        .into_iter()
        .filter(|f| Audience::of(f.version).includes(&post))
        .collect();
    let mut sections: Vec<(String, Vec<AppliedCriterion>)> = SECTIONS
        .iter()
        .map(|(code, _)| ((*code).to_owned(), Vec::new()))
        .collect();
    for f in &applicable {
        for s in &f.content.sections {
            if let Some((_, list)) = sections.iter_mut().find(|(code, _)| *code == s.code) {
                list.extend(s.criteria.iter().map(|c| AppliedCriterion {
                    criterion: c.clone(),
                    format_code: f.format.code.clone(),
                    format_version: f.version.version_no,
                }));
            }
        }
    }
    sections.retain(|(_, list)| !list.is_empty());
    Ok(PostCriteria {
        post,
        on: day,
        formats: applicable
            .iter()
            .map(|f| (f.format.code.clone(), f.version.version_no))
            .collect(),
        sections,
    })
}

/// Checks a format's content: known sections in order, unique criterion codes, existing rating
/// scales, requirements and result areas.
///
/// # Errors
/// `BAD_USER_INPUT` naming the first field that breaks a rule.
pub async fn validate(db: &impl ConnectionTrait, content: &FormatContent) -> DomainResult<()> {
    let scales: Vec<String> = rating_scale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let requirement_codes: Vec<String> = requirements::list(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let mut seen = Vec::new();
    let mut last_section = 0;
    for (i, s) in content.sections.iter().enumerate() {
        let field = format!("content.sections[{i}]");
        let Some(position) = SECTIONS.iter().position(|(code, _)| *code == s.code) else {
            return Err(DomainError::bad_input(
                format!("{field}.code"),
                format!("onbekende sectie {}", s.code),
            ));
        };
        if position < last_section {
            return Err(DomainError::bad_input(
                format!("{field}.code"),
                "secties staan in de volgorde van het gesprek",
            ));
        }
        last_section = position;
        for (j, c) in s.criteria.iter().enumerate() {
            let field = format!("{field}.criteria[{j}]");
            let code_ok = !c.code.is_empty()
                && c.code
                    .chars()
                    .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_');
            if !code_ok || seen.contains(&c.code) {
                return Err(DomainError::bad_input(
                    format!("{field}.code"),
                    format!("ontbrekende, ongeldige of dubbele code '{}'", c.code),
                ));
            }
            seen.push(c.code.clone());
            if c.text.trim().is_empty() {
                return Err(DomainError::bad_input(
                    format!("{field}.text"),
                    "mag niet leeg zijn",
                ));
            }
            if let Some(scale) = &c.rating_scale {
                if !scales.contains(scale) {
                    return Err(DomainError::bad_input(
                        format!("{field}.ratingScale"),
                        format!("onbekende beoordelingsschaal {scale}"),
                    ));
                }
            }
            if let Some(a) = &c.appraises {
                if let Some(r) = &a.requirement_code {
                    if !requirement_codes.contains(r) {
                        return Err(DomainError::bad_input(
                            format!("{field}.appraises.requirementCode"),
                            format!("onbekende verantwoordelijkheid {r}"),
                        ));
                    }
                }
                if let Some(area) = &a.result_area {
                    if !RESULT_AREAS.contains(&area.as_str()) {
                        return Err(DomainError::bad_input(
                            format!("{field}.appraises.resultArea"),
                            format!("onbekend resultaatgebied {area}"),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// For one manager format in effect: each responsibility required of managers, and the criteria
/// that appraise it (none: missing).
#[derive(Debug, Clone)]
pub struct FormatCoverage<'a> {
    /// The format and version.
    pub format: FormatVersion<'a>,
    /// Requirement → criterion codes.
    pub requirements: Vec<(Arc<Requirement>, Vec<String>)>,
}

/// Whether the manager formats in effect on `day` appraise every requirement required in the
/// manager families then.
pub fn format_coverage(
    register: &Register,
    day: NaiveDate,
) -> (Vec<Arc<Requirement>>, Vec<FormatCoverage<'_>>) {
    let required: Vec<Arc<Requirement>> = register
        .requirements()
        .iter()
        .filter(|r| r.applies_on(day))
        .filter(|r| {
            r.scopes.iter().any(|s| {
                s.family_id
                    .and_then(|f| register.family(f))
                    .is_some_and(|f| f.manager_family)
            })
        })
        .cloned()
        .collect();
    let mut out = Vec::new();
    for f in in_effect(register, day) {
        if !Audience::of(f.version).is_managers() {
            continue;
        }
        let rows = required
            .iter()
            .map(|r| {
                let by: Vec<String> = f
                    .content
                    .sections
                    .iter()
                    .flat_map(|s| s.criteria.iter())
                    .filter(|c| {
                        c.appraises
                            .as_ref()
                            .and_then(|a| a.requirement_code.as_ref())
                            == Some(&r.model.code)
                    })
                    .map(|c| c.code.clone())
                    .collect();
                (r.clone(), by)
            })
            .collect();
        out.push(FormatCoverage {
            format: f,
            requirements: rows,
        });
    }
    (required, out)
}

/// A format's content as labelled fields, one per criterion, for diffs.
fn diff_fields(content: &FormatContent) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for s in &content.sections {
        for c in &s.criteria {
            let mut text = c.text.clone();
            let mut facts = vec![if c.mandatory {
                "verplicht"
            } else {
                "optioneel"
            }
            .to_owned()];
            if let Some(scale) = &c.rating_scale {
                facts.push(format!("schaal {scale}"));
            }
            if let Some(r) = c
                .appraises
                .as_ref()
                .and_then(|a| a.requirement_code.as_ref())
            {
                facts.push(format!("beoordeelt {r}"));
            }
            text.push_str(&format!(" ({})", facts.join("; ")));
            if let Some(g) = &c.guidance {
                text.push_str(&format!(" Toelichting: {g}"));
            }
            fields.push((format!("{} › {}", section_label(&s.code), c.code), text));
        }
    }
    fields
}

/// What changed from `old` to `new`, criterion by criterion.
pub fn diff_contents(old: &FormatContent, new: &FormatContent) -> Vec<super::diff::FieldChange> {
    let (old, new) = (diff_fields(old), diff_fields(new));
    super::diff::between_fields(&borrowed(&old), &borrowed(&new))
}

/// Re-applies the change `base` → `mine` on `theirs`, criterion by criterion (by code); the
/// codes both sides changed differently are conflicts, never merged.
///
/// # Errors
/// The conflicting criteria, as `Section › CODE`.
pub fn merge(
    base: &FormatContent,
    mine: &FormatContent,
    theirs: &FormatContent,
) -> Result<FormatContent, Vec<String>> {
    fn index(c: &FormatContent) -> BTreeMap<String, (String, CriterionContent)> {
        c.sections
            .iter()
            .flat_map(|s| {
                s.criteria
                    .iter()
                    .map(|k| (k.code.clone(), (s.code.clone(), k.clone())))
            })
            .collect()
    }
    let (b, m, t) = (index(base), index(mine), index(theirs));
    let mut conflicts = Vec::new();
    let mut merged: BTreeMap<String, Option<(String, CriterionContent)>> = BTreeMap::new();
    let codes: std::collections::BTreeSet<&String> =
        b.keys().chain(m.keys()).chain(t.keys()).collect();
    for code in codes {
        let (bv, mv, tv) = (b.get(code), m.get(code), t.get(code));
        let pick = if mv == bv || mv == tv {
            tv
        } else if tv == bv {
            mv
        } else {
            let section = mv.or(tv).map_or("", |(s, _)| section_label(s));
            conflicts.push(format!("{section} › {code}"));
            mv
        };
        merged.insert(code.clone(), pick.cloned());
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    // Their order first, then what only the proposal adds, each in its section.
    let mut out = FormatContent::default();
    for (section, _) in SECTIONS {
        let mut criteria: Vec<CriterionContent> = Vec::new();
        let order = theirs
            .sections
            .iter()
            .chain(mine.sections.iter())
            .filter(|s| s.code == section)
            .flat_map(|s| s.criteria.iter().map(|c| c.code.clone()));
        for code in order {
            if criteria.iter().any(|c| c.code == code) {
                continue;
            }
            if let Some(Some((s, c))) = merged.get(&code) {
                if s == section {
                    criteria.push(c.clone());
                }
            }
        }
        if !criteria.is_empty() {
            out.sections.push(SectionContent {
                code: section.to_owned(),
                criteria,
            });
        }
    }
    Ok(out)
}

fn borrowed(fields: &[(String, String)]) -> Vec<(&str, String)> {
    fields
        .iter()
        .map(|(l, t)| (l.as_str(), t.clone()))
        .collect()
}

/// What changed between two versions of a format (by number), criterion by criterion.
///
/// # Errors
/// `NOT_FOUND` for an unknown format; `BAD_USER_INPUT` for an unknown version number.
pub fn version_diff(
    register: &Register,
    code: &str,
    from: i32,
    to: i32,
) -> DomainResult<Vec<super::diff::FieldChange>> {
    let versions = &history(register, code)?.versions;
    let find = |field: &str, n: i32| {
        versions
            .number(n)
            .ok_or_else(|| DomainError::bad_input(field, format!("{code} heeft geen versie {n}")))
    };
    let (old, new) = (find("from", from)?, find("to", to)?);
    let (old_content, new_content) = (&old.content, &new.content);
    let (old, new) = (&old.version, &new.version);
    let mut changes = super::diff::between_fields(
        &[
            ("Naam", old.name.clone()),
            ("Doelgroep", old.audience.clone()),
        ],
        &[
            ("Naam", new.name.clone()),
            ("Doelgroep", new.audience.clone()),
        ],
    );
    changes.extend(diff_contents(old_content, new_content));
    Ok(changes)
}

/// The label of a section code.
pub fn section_label(code: &str) -> &'static str {
    SECTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(manager: bool) -> Post {
        Post {
            group_code: "MANAGER".into(),
            family_code: "LIJNMANAGEMENT".into(),
            manager_family: manager,
            scale: 13,
        }
    }

    #[test]
    fn audiences_select_employees() {
        assert!(Audience::AllStaff.includes(&post(false)));
        assert!(Audience::Managers.includes(&post(true)));
        assert!(!Audience::Managers.includes(&post(false)));
        assert!(Audience::Families(vec!["LIJNMANAGEMENT".into()]).includes(&post(false)));
        assert!(!Audience::Groups(vec!["TOPMANAGER".into()]).includes(&post(true)));
    }
}
