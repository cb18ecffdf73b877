//! Standard vacancy clauses: a versioned library with applicability rules, and the vacancy text
//! assembled from the clauses that apply to a post (group and scale) on a date.
//!
//! Versions are never rewritten except to close them: an edit makes a new version from a date
//! (today or later) and closes the previous one there; retiring closes the last one. So the text
//! served for any past date stays what it was.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use fgr_entities::{function_group, job_family, vacancy_clause, vacancy_clause_version};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::access::Operation;
use super::audit::{self, Change};
use super::caller::{check_url, check_words, Caller};
pub use super::posts::{post, Post};
use super::{dates, diff, tx};
use crate::error::{DomainError, DomainResult};
use crate::register::{ClauseHistory, Register};

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal, $nl:literal, $en:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];
            /// The stored code.
            pub fn code(self) -> &'static str { match self { $(Self::$variant => $code,)+ } }
            /// The value stored as `code`.
            pub fn from_code(code: &str) -> Option<Self> { Self::ALL.iter().copied().find(|v| v.code() == code) }
            /// The label in `language`.
            pub fn label(self, language: Language) -> &'static str {
                match (self, language) { $((Self::$variant, Language::Nl) => $nl, (Self::$variant, Language::En) => $en,)+ }
            }
        }
    };
}

code_enum! {
    /// What a clause is about.
    Category {
        /// Social safety, diversity and inclusion.
        SocialSafetyInclusion = "SOCIAL_SAFETY_INCLUSION", "Sociale veiligheid en inclusie", "Social safety and inclusion";
        /// Leadership.
        Leadership = "LEADERSHIP", "Leiderschap", "Leadership";
        /// Integrity and screening.
        IntegrityScreening = "INTEGRITY_SCREENING", "Integriteit en screening", "Integrity and screening";
        /// Terms of employment.
        TermsOfEmployment = "TERMS_OF_EMPLOYMENT", "Arbeidsvoorwaarden", "Terms of employment";
    }
}

code_enum! {
    /// The sections of a vacancy text, in order. (The register's own structure: the headings of
    /// ABD vacancy pages after "De opgave" are not confirmed.)
    Section {
        /// About the post.
        Position = "POSITION", "De functie", "The position";
        /// Who we are looking for.
        Profile = "PROFILE", "Wie zoeken wij", "Who we are looking for";
        /// What we offer.
        Offer = "OFFER", "Wat bieden wij", "What we offer";
        /// Procedure.
        Procedure = "PROCEDURE", "Procedure", "Procedure";
    }
}

/// A language of clause texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Dutch (every clause has it).
    Nl,
    /// English (where a clause has it; otherwise Dutch).
    En,
}

impl Language {
    /// The language named `code` (`nl` or `en`).
    ///
    /// # Errors
    /// `BAD_USER_INPUT` for any other code.
    pub fn parse(code: &str) -> DomainResult<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Self::Nl),
            "en" => Ok(Self::En),
            other => Err(DomainError::bad_input(
                "language",
                format!("onbekende taal '{other}'; kies nl of en"),
            )),
        }
    }

    /// `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }
}

/// How an assembled text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text.
    Plain,
    /// Markdown.
    Markdown,
    /// HTML, every clause text escaped.
    Html,
}

/// When a clause applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applicability {
    /// Lowest scale.
    pub scale_min: Option<i32>,
    /// Highest scale.
    pub scale_max: Option<i32>,
    /// Only groups of the manager families.
    pub manager_only: bool,
    /// Only ABD posts (from the scale the ABD rule in force names; see [`super::abd`]).
    pub abd_only: bool,
    /// Only these families (empty: all).
    pub family_codes: Vec<String>,
    /// Only these groups (empty: all).
    pub group_codes: Vec<String>,
}

impl Applicability {
    /// Whether the clause applies to `post`, when posts from `abd_min` up are ABD posts (`None`:
    /// no ABD rule in force, no ABD posts).
    pub fn applies_to(&self, post: &Post, abd_min: Option<i32>) -> bool {
        self.scale_min.is_none_or(|min| post.scale >= min)
            && self.scale_max.is_none_or(|max| post.scale <= max)
            && (!self.abd_only || abd_min.is_some_and(|m| post.scale >= m))
            && (!self.manager_only || post.manager_family)
            && (self.family_codes.is_empty() || self.family_codes.contains(&post.family_code))
            && (self.group_codes.is_empty() || self.group_codes.contains(&post.group_code))
    }

    /// Whether the clause can apply at `scale` at all (for filtering the library by scale).
    pub fn allows_scale(&self, scale: i32, abd_min: Option<i32>) -> bool {
        self.scale_min.is_none_or(|min| scale >= min)
            && self.scale_max.is_none_or(|max| scale <= max)
            && (!self.abd_only || abd_min.is_some_and(|m| scale >= m))
    }

    /// The rule in words (Dutch), for people; `abd_min` is the ABD rule in force on the date the
    /// text is for.
    pub fn describe(&self, abd_min: Option<i32>) -> String {
        let mut parts = Vec::new();
        match (self.scale_min, self.scale_max) {
            (Some(a), Some(b)) => parts.push(format!("schaal {a} t/m {b}")),
            (Some(a), None) => parts.push(format!("schaal {a} en hoger")),
            (None, Some(b)) => parts.push(format!("tot en met schaal {b}")),
            (None, None) => {}
        }
        if self.abd_only {
            parts.push(match abd_min {
                Some(m) => format!("ABD-functies (schaal {m} en hoger)"),
                None => "ABD-functies".to_owned(),
            });
        }
        if self.manager_only {
            parts.push("leidinggevende functiefamilies".into());
        }
        if !self.family_codes.is_empty() {
            parts.push(format!("families {}", self.family_codes.join(", ")));
        }
        if !self.group_codes.is_empty() {
            parts.push(format!("functiegroepen {}", self.group_codes.join(", ")));
        }
        if parts.is_empty() {
            "alle functies".into()
        } else {
            parts.join("; ")
        }
    }
}

/// The editable fields of a clause version.
#[derive(Debug, Clone)]
pub struct ClauseFields {
    /// Title.
    pub title: String,
    /// Category.
    pub category: Category,
    /// Section of the vacancy text.
    pub section: Section,
    /// Order within the section.
    pub section_order: i32,
    /// Dutch text.
    pub text_nl: String,
    /// English text.
    pub text_en: Option<String>,
    /// Mandatory where it applies.
    pub mandatory: bool,
    /// When it applies.
    pub applicability: Applicability,
    /// Where the wording comes from.
    pub source_reference: String,
    /// Where that can be checked.
    pub source_url: Option<String>,
    /// Wording or rule is ours, not an official source's.
    pub illustrative: bool,
    /// Why this version.
    pub change_note: Option<String>,
}

/// A clause with one of its versions.
#[derive(Debug, Clone)]
pub struct ClauseVersion {
    /// The clause.
    pub clause: vacancy_clause::Model,
    /// The version.
    pub version: vacancy_clause_version::Model,
}

/// Where a clause stands on a date (the rule is [`super::temporal`]'s, as for every versioned thing).
pub use super::temporal::Standing as Status;

/// The rule of a stored version.
pub fn applicability_of(v: &vacancy_clause_version::Model) -> Applicability {
    let codes = |s: &Option<String>| -> Vec<String> {
        s.as_deref()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    Applicability {
        scale_min: v.scale_min,
        scale_max: v.scale_max,
        manager_only: v.manager_only,
        abd_only: v.abd_only,
        family_codes: codes(&v.family_codes),
        group_codes: codes(&v.group_codes),
    }
}

/// The text of a version in `language`, and whether it fell back to Dutch.
pub fn text_in(v: &vacancy_clause_version::Model, language: Language) -> (&str, bool) {
    match (language, v.text_en.as_deref()) {
        (Language::En, Some(en)) => (en, false),
        (Language::En, None) => (&v.text_nl, true),
        (Language::Nl, _) => (&v.text_nl, false),
    }
}

/// Filters of the library.
#[derive(Debug, Clone, Default)]
pub struct LibraryFilter {
    /// Only clauses that apply to at least one of these posts (implies `Active`); all when empty.
    pub posts: Vec<Post>,
    /// Only clauses that can apply at this scale.
    pub scale: Option<i32>,
    /// Only clauses that can apply in this family.
    pub family_code: Option<String>,
    /// Only this category.
    pub category: Option<Category>,
    /// Only this status.
    pub status: Option<Status>,
}

/// One entry of the library on a date.
#[derive(Debug, Clone)]
pub struct LibraryEntry {
    /// The clause and the version that stands on the date.
    pub current: ClauseVersion,
    /// Its status on the date.
    pub status: Status,
}

/// The library on `day`, filtered, in vacancy-text order (section, order, code).
pub fn library(register: &Register, filter: &LibraryFilter, day: NaiveDate) -> Vec<LibraryEntry> {
    let status_wanted = filter
        .status
        .or((!filter.posts.is_empty()).then_some(Status::Active));
    let abd_min = super::abd::min_scale_on(register, day);
    let mut entries: Vec<LibraryEntry> = register
        .clauses()
        .iter()
        .filter_map(|history| {
            let (version, status) = history.versions.standing(day)?;
            let clause = &history.clause;
            Some(LibraryEntry {
                current: ClauseVersion {
                    clause: clause.clone(),
                    version: version.clone(),
                },
                status,
            })
        })
        .filter(|e| {
            let v = &e.current.version;
            let rule = applicability_of(v);
            status_wanted.is_none_or(|s| s == e.status)
                && filter.category.is_none_or(|c| c.code() == v.category)
                && filter.scale.is_none_or(|s| rule.allows_scale(s, abd_min))
                && filter
                    .family_code
                    .as_ref()
                    .is_none_or(|f| rule.family_codes.is_empty() || rule.family_codes.contains(f))
                && (filter.posts.is_empty()
                    || filter.posts.iter().any(|p| rule.applies_to(p, abd_min)))
        })
        .collect();
    entries.sort_by_key(|e| order_key(&e.current));
    entries
}

fn order_key(c: &ClauseVersion) -> (usize, i32, String) {
    let section = Section::ALL
        .iter()
        .position(|s| s.code() == c.version.section)
        .unwrap_or(usize::MAX);
    (section, c.version.section_order, c.clause.code.clone())
}

/// A clause in an assembled text.
#[derive(Debug, Clone)]
pub struct AssembledClause {
    /// The clause and the version used: its provenance.
    pub used: ClauseVersion,
    /// The text used.
    pub text: String,
    /// True when English was asked for and the clause has only Dutch.
    pub fell_back_to_dutch: bool,
}

/// The vacancy text of a post on a date.
#[derive(Debug, Clone)]
pub struct VacancyText {
    /// The post.
    pub post: Post,
    /// The date.
    pub on: NaiveDate,
    /// The language asked for.
    pub language: Language,
    /// Sections with their clauses, in order; empty sections are left out.
    pub sections: Vec<(Section, Vec<AssembledClause>)>,
    /// The whole text in the format asked for.
    pub text: String,
}

/// Assembles the vacancy text for `group_code` at `scale` on `day`.
///
/// # Errors
/// See [`post`].
pub fn vacancy_text(
    register: &Register,
    group_code: &str,
    scale: i32,
    language: Language,
    day: NaiveDate,
    format: TextFormat,
) -> DomainResult<VacancyText> {
    let post = post(register, group_code, scale, day)?;
    let entries = library(
        register,
        &LibraryFilter {
            posts: vec![post.clone()],
            ..LibraryFilter::default()
        },
        day,
    );
    let mut sections: Vec<(Section, Vec<AssembledClause>)> = Vec::new();
    for e in entries {
        let section = Section::from_code(&e.current.version.section).unwrap_or(Section::Position);
        let (text, fell_back) = text_in(&e.current.version, language);
        let clause = AssembledClause {
            text: text.to_owned(),
            fell_back_to_dutch: fell_back,
            used: e.current,
        };
        match sections.last_mut() {
            Some((s, list)) if *s == section => list.push(clause),
            _ => sections.push((section, vec![clause])),
        }
    }
    let text = render(&sections, language, format);
    Ok(VacancyText {
        post,
        on: day,
        language,
        sections,
        text,
    })
}

/// Writes the sections as one text.
pub fn render(
    sections: &[(Section, Vec<AssembledClause>)],
    language: Language,
    format: TextFormat,
) -> String {
    let mut out = String::new();
    for (section, clauses) in sections {
        let heading = section.label(language);
        match format {
            TextFormat::Plain => {
                out.push_str(heading);
                out.push_str("\n\n");
                for c in clauses {
                    out.push_str(c.text.trim());
                    out.push_str("\n\n");
                }
            }
            TextFormat::Markdown => {
                out.push_str("## ");
                out.push_str(heading);
                out.push_str("\n\n");
                for c in clauses {
                    out.push_str(&markdown_escape(c.text.trim()));
                    out.push_str("\n\n");
                }
            }
            TextFormat::Html => {
                out.push_str("<section>\n<h2>");
                out.push_str(&html_escape(heading));
                out.push_str("</h2>\n");
                for c in clauses {
                    out.push_str("<p>");
                    out.push_str(&html_escape(c.text.trim()));
                    out.push_str("</p>\n");
                }
                out.push_str("</section>\n");
            }
        }
    }
    out.trim_end().to_owned() + "\n"
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes the characters that would turn clause text into Markdown markup or raw HTML.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

// ---- Changes ------------------------------------------------------------------------------

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

fn check_code(code: &str) -> DomainResult<()> {
    let ok = (2..=64).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(DomainError::bad_input(
            "code",
            "een code bestaat uit 2–64 hoofdletters, cijfers en _, en begint met een letter",
        ))
    }
}

async fn check_fields(db: &impl ConnectionTrait, f: &ClauseFields) -> DomainResult<()> {
    check_words("title", &f.title, 300)?;
    check_words("textNl", &f.text_nl, 5_000)?;
    if let Some(en) = &f.text_en {
        check_words("textEn", en, 5_000)?;
    }
    check_words("sourceReference", &f.source_reference, 1_000)?;
    check_url("sourceUrl", f.source_url.as_deref())?;
    if !(0..=1_000).contains(&f.section_order) {
        return Err(DomainError::bad_input(
            "sectionOrder",
            "ligt tussen 0 en 1000",
        ));
    }
    let a = &f.applicability;
    for (field, scale) in [("scaleMin", a.scale_min), ("scaleMax", a.scale_max)] {
        if scale.is_some_and(|s| !(1..=19).contains(&s)) {
            return Err(DomainError::bad_input(
                field,
                "schalen lopen van 1 tot en met 19",
            ));
        }
    }
    if let (Some(min), Some(max)) = (a.scale_min, a.scale_max) {
        if min > max {
            return Err(DomainError::bad_input(
                "scaleMax",
                "de hoogste schaal ligt onder de laagste",
            ));
        }
    }
    for code in &a.family_codes {
        let known = job_family::Entity::find()
            .filter(job_family::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .is_some();
        if !known {
            return Err(DomainError::bad_input(
                "familyCodes",
                format!("onbekende functiefamilie {code}"),
            ));
        }
    }
    for code in &a.group_codes {
        let known = function_group::Entity::find()
            .filter(function_group::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .is_some();
        if !known {
            return Err(DomainError::bad_input(
                "groupCodes",
                format!("onbekende functiegroep {code}"),
            ));
        }
    }
    Ok(())
}

fn joined(codes: &[String]) -> Option<String> {
    (!codes.is_empty()).then(|| codes.join(","))
}

/// A new version row from `fields`.
fn version_row(
    clause_id: i32,
    version_no: i32,
    from: NaiveDate,
    to: Option<NaiveDate>,
    f: &ClauseFields,
    created_by: &str,
) -> vacancy_clause_version::ActiveModel {
    let a = &f.applicability;
    vacancy_clause_version::ActiveModel {
        clause_id: Set(clause_id),
        version_no: Set(version_no),
        effective_from: Set(from),
        effective_to: Set(to),
        title: Set(f.title.trim().to_owned()),
        category: Set(f.category.code().to_owned()),
        section: Set(f.section.code().to_owned()),
        section_order: Set(f.section_order),
        text_nl: Set(f.text_nl.trim().to_owned()),
        text_en: Set(f.text_en.as_deref().map(str::trim).map(str::to_owned)),
        mandatory: Set(f.mandatory),
        scale_min: Set(a.scale_min),
        scale_max: Set(a.scale_max),
        manager_only: Set(a.manager_only),
        abd_only: Set(a.abd_only),
        family_codes: Set(joined(&a.family_codes)),
        group_codes: Set(joined(&a.group_codes)),
        source_reference: Set(f.source_reference.trim().to_owned()),
        source_url: Set(f.source_url.clone().filter(|u| !u.trim().is_empty())),
        illustrative: Set(f.illustrative),
        change_note: Set(f.change_note.clone().filter(|n| !n.trim().is_empty())),
        created_by: Set(created_by.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
}

/// A version as the audit trail records it.
pub fn audited(v: &vacancy_clause_version::Model) -> serde_json::Value {
    json!({
        "version": v.version_no,
        "effectiveFrom": v.effective_from.to_string(),
        "effectiveTo": v.effective_to.map(|d| d.to_string()),
        "title": v.title,
        "category": v.category,
        "section": v.section,
        "sectionOrder": v.section_order,
        "textNl": v.text_nl,
        "textEn": v.text_en,
        "mandatory": v.mandatory,
        "scaleMin": v.scale_min,
        "scaleMax": v.scale_max,
        "managerOnly": v.manager_only,
        "abdOnly": v.abd_only,
        "familyCodes": v.family_codes,
        "groupCodes": v.group_codes,
        "sourceReference": v.source_reference,
        "sourceUrl": v.source_url,
        "illustrative": v.illustrative,
        "changeNote": v.change_note,
    })
}

async fn clause_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> DomainResult<vacancy_clause::Model> {
    vacancy_clause::Entity::find()
        .filter(vacancy_clause::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("clausule {code}")))
}

async fn latest(
    db: &impl ConnectionTrait,
    clause_id: i32,
) -> DomainResult<vacancy_clause_version::Model> {
    vacancy_clause_version::Entity::find()
        .filter(vacancy_clause_version::Column::ClauseId.eq(clause_id))
        .order_by_desc(vacancy_clause_version::Column::VersionNo)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::internal(format!("clause {clause_id} has no versions")))
}

fn check_expected(latest: &vacancy_clause_version::Model, expected: i32) -> DomainResult<()> {
    if latest.version_no != expected {
        return Err(DomainError::Conflict(format!(
            "de clausule heeft inmiddels versie {}; u bewerkte versie {expected}",
            latest.version_no
        )));
    }
    Ok(())
}

/// One clause with every version, oldest first.
///
/// # Errors
/// `NOT_FOUND` for an unknown code.
pub fn history<'a>(register: &'a Register, code: &str) -> DomainResult<&'a Arc<ClauseHistory>> {
    register
        .clause(code)
        .ok_or_else(|| DomainError::NotFound(format!("clausule {code}")))
}

/// Adds a clause, in effect from `from`.
///
/// # Errors
/// `UNAUTHENTICATED`/`FORBIDDEN` unless FGR beheer or the committee's secretary;
/// `BAD_USER_INPUT` for invalid fields, a taken code or a past date.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    from: NaiveDate,
    fields: &ClauseFields,
) -> DomainResult<ClauseVersion> {
    let person = caller.person(Operation::EditClauses)?.clone();
    let code = code.trim();
    check_code(code)?;
    check_fields(db, fields).await?;
    dates::check_not_past("effectiveFrom", from)?;
    if vacancy_clause::Entity::find()
        .filter(vacancy_clause::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::bad_input(
            "code",
            format!("er is al een clausule {code}"),
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        let clause = vacancy_clause::ActiveModel {
            code: Set(code.to_owned()),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| DomainError::Conflict(format!("clausule {code} bestaat al ({e})")))?;
        let version = version_row(clause.id, 1, from, None, fields, &person.subject)
            .insert(&txn)
            .await?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.create".into(),
                target_type: "vacancy_clause".into(),
                target_id: code.to_owned(),
                before: None,
                after: Some(audited(&version)),
            },
        )
        .await?;
        super::changes::record(
            &txn,
            super::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion { clause, version })
    }
    .await;
    tx::finish(txn, result).await
}

/// Replaces the clause's text or rule from `from` on: a new version; the previous one ends
/// there. A retirement planned after `from` carries over to the new version.
///
/// # Errors
/// `CONFLICT` for a stale `expected_version` or a concurrent edit; `BAD_USER_INPUT` for invalid
/// fields or a date in the past or before the latest version starts; see [`create`] for roles.
pub async fn revise<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    expected_version: i32,
    from: NaiveDate,
    fields: &ClauseFields,
) -> DomainResult<ClauseVersion> {
    let person = caller.person(Operation::EditClauses)?.clone();
    let clause = clause_by_code(db, code).await?;
    check_fields(db, fields).await?;
    dates::check_not_past("effectiveFrom", from)?;
    let before = latest(db, clause.id).await?;
    check_expected(&before, expected_version)?;
    if from < before.effective_from {
        return Err(DomainError::bad_input(
            "effectiveFrom",
            format!(
                "versie {} begint pas op {}; een nieuwe versie kan niet eerder beginnen",
                before.version_no, before.effective_from
            ),
        ));
    }
    // Still running on `from` (or retiring later): close it at `from`, and keep a planned end.
    let (close_at, carried_end) = match before.effective_to {
        Some(end) if end <= from => (None, None),
        end => (Some(from), end),
    };
    let txn = db.begin().await?;
    let result = async {
        if let Some(day) = close_at {
            close(&txn, &before, day).await?;
        }
        let version = version_row(
            clause.id,
            before.version_no + 1,
            from,
            carried_end,
            fields,
            &person.subject,
        )
        .insert(&txn)
        .await
        .map_err(|_| {
            DomainError::Conflict("iemand anders wijzigde deze clausule tegelijk".into())
        })?;
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.revise".into(),
                target_type: "vacancy_clause".into(),
                target_id: clause.code.clone(),
                before: Some(audited(&before)),
                after: Some(audited(&version)),
            },
        )
        .await?;
        super::changes::record(
            &txn,
            super::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion {
            clause: clause.clone(),
            version,
        })
    }
    .await;
    tx::finish(txn, result).await
}

/// Retires the clause from `on`: its latest version ends there, so it stops appearing from that
/// date; what it said before stays.
///
/// # Errors
/// `INVALID_TRANSITION` when it is already retired by then; `CONFLICT` for a stale
/// `expected_version`; `BAD_USER_INPUT` for a past date or one before the version starts.
pub async fn retire<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &Caller<'_>,
    code: &str,
    expected_version: i32,
    on: NaiveDate,
) -> DomainResult<ClauseVersion> {
    caller.person(Operation::EditClauses)?;
    let clause = clause_by_code(db, code).await?;
    dates::check_not_past("on", on)?;
    let before = latest(db, clause.id).await?;
    check_expected(&before, expected_version)?;
    if let Some(end) = before.effective_to {
        if end <= on {
            return Err(DomainError::InvalidTransition(format!(
                "clausule {code} is al ingetrokken per {end}"
            )));
        }
    }
    if on < before.effective_from {
        return Err(DomainError::bad_input(
            "on",
            format!(
                "versie {} begint pas op {}",
                before.version_no, before.effective_from
            ),
        ));
    }
    let txn = db.begin().await?;
    let result = async {
        close(&txn, &before, on).await?;
        let after = vacancy_clause_version::Model {
            effective_to: Some(on),
            ..before.clone()
        };
        audit::append(
            &txn,
            &caller.actor(),
            caller.request_id,
            Change {
                action: "clause.retire".into(),
                target_type: "vacancy_clause".into(),
                target_id: clause.code.clone(),
                before: Some(audited(&before)),
                after: Some(audited(&after)),
            },
        )
        .await?;
        super::changes::record(
            &txn,
            super::changes::Touched::Clause(&clause.code),
            caller.request_id,
        )
        .await?;
        Ok(ClauseVersion {
            clause: clause.clone(),
            version: after,
        })
    }
    .await;
    tx::finish(txn, result).await
}

/// Ends `version` on `day`, if nobody changed its end meanwhile (a compare-and-swap).
async fn close(
    txn: &impl ConnectionTrait,
    version: &vacancy_clause_version::Model,
    day: NaiveDate,
) -> DomainResult<()> {
    let closed = vacancy_clause_version::Entity::update_many()
        .col_expr(
            vacancy_clause_version::Column::EffectiveTo,
            Expr::value(day),
        )
        .filter(vacancy_clause_version::Column::Id.eq(version.id))
        .filter(match version.effective_to {
            Some(end) => vacancy_clause_version::Column::EffectiveTo.eq(end),
            None => vacancy_clause_version::Column::EffectiveTo.is_null(),
        })
        .exec(txn)
        .await?;
    if closed.rows_affected == 1 {
        Ok(())
    } else {
        Err(DomainError::Conflict(
            "iemand anders wijzigde deze clausule tegelijk".into(),
        ))
    }
}

/// A version as labelled fields, for diffs.
fn diff_fields(v: &vacancy_clause_version::Model) -> Vec<(&'static str, String)> {
    let category = Category::from_code(&v.category)
        .map_or(v.category.clone(), |c| c.label(Language::Nl).to_owned());
    let section = Section::from_code(&v.section)
        .map_or(v.section.clone(), |s| s.label(Language::Nl).to_owned());
    let mut fields = vec![
        ("Titel", v.title.clone()),
        ("Categorie", category),
        (
            "Sectie",
            format!("{section} (volgorde {})", v.section_order),
        ),
        ("Tekst (nl)", v.text_nl.clone()),
        (
            "Verplicht",
            if v.mandatory { "ja" } else { "nee" }.to_owned(),
        ),
        // Neutral about the ABD rule, which is versioned on its own.
        ("Geldt voor", applicability_of(v).describe(None)),
        ("Bron", v.source_reference.clone()),
        (
            "Illustratief",
            if v.illustrative { "ja" } else { "nee" }.to_owned(),
        ),
    ];
    if let Some(en) = &v.text_en {
        fields.push(("Tekst (en)", en.clone()));
    }
    fields
}

/// What changed between two versions of a clause.
///
/// # Errors
/// `NOT_FOUND` for an unknown clause; `BAD_USER_INPUT` for an unknown version number.
pub fn version_diff(
    register: &Register,
    code: &str,
    from: i32,
    to: i32,
) -> DomainResult<Vec<diff::FieldChange>> {
    let versions = &history(register, code)?.versions;
    let find = |field: &str, n: i32| {
        versions
            .number(n)
            .ok_or_else(|| DomainError::bad_input(field, format!("{code} heeft geen versie {n}")))
    };
    let (old, new) = (find("from", from)?, find("to", to)?);
    Ok(diff::between_fields(&diff_fields(old), &diff_fields(new)))
}

// ---- Export -------------------------------------------------------------------------------

/// The whole library, every clause with every version, as JSON (for archiving and for sites
/// that mirror it).
///
pub fn export_json(register: &Register) -> serde_json::Value {
    let abd_min = super::abd::min_scale_on(register, dates::today());
    let clauses: Vec<serde_json::Value> = register
        .clauses()
        .iter()
        .map(|h| {
            json!({
                "code": h.clause.code,
                "versions": h.versions.all().iter().map(|v| {
                    let mut row = audited(v);
                    row["appliesTo"] = json!(applicability_of(v).describe(abd_min));
                    row["createdBy"] = json!(v.created_by);
                    row
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "exportedOn": dates::today().to_string(), "clauses": clauses })
}

/// The whole library as CSV, one line per version.
///
pub fn export_csv(register: &Register) -> String {
    use super::csv::record;
    let mut out = record(&[
        "code",
        "version",
        "effective_from",
        "effective_to",
        "title",
        "category",
        "section",
        "section_order",
        "mandatory",
        "applies_to",
        "scale_min",
        "scale_max",
        "manager_only",
        "abd_only",
        "family_codes",
        "group_codes",
        "text_nl",
        "text_en",
        "source_reference",
        "source_url",
        "illustrative",
        "created_by",
    ]);
    let opt = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    let abd_min = super::abd::min_scale_on(register, dates::today());
    for h in register.clauses() {
        let clause = &h.clause;
        for v in h.versions.all() {
            out.push_str(&record(&[
                clause.code.clone(),
                v.version_no.to_string(),
                v.effective_from.to_string(),
                v.effective_to.map(|d| d.to_string()).unwrap_or_default(),
                v.title.clone(),
                v.category.clone(),
                v.section.clone(),
                v.section_order.to_string(),
                v.mandatory.to_string(),
                applicability_of(v).describe(abd_min),
                opt(v.scale_min),
                opt(v.scale_max),
                v.manager_only.to_string(),
                v.abd_only.to_string(),
                v.family_codes.clone().unwrap_or_default(),
                v.group_codes.clone().unwrap_or_default(),
                v.text_nl.clone(),
                v.text_en.clone().unwrap_or_default(),
                v.source_reference.clone(),
                v.source_url.clone().unwrap_or_default(),
                v.illustrative.to_string(),
                v.created_by.clone(),
            ]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(scale: i32, manager: bool) -> Post {
        Post {
            group_code: "MANAGER".into(),
            family_code: "LIJNMANAGEMENT".into(),
            manager_family: manager,
            scale,
        }
    }

    #[test]
    fn abd_clauses_apply_from_the_scale_the_rule_names() {
        let abd = Applicability {
            abd_only: true,
            ..Applicability::default()
        };
        assert!(!abd.applies_to(&post(14, true), Some(15)));
        assert!(abd.applies_to(&post(15, true), Some(15)));
        assert!(abd.applies_to(&post(19, false), Some(15)));
        assert!(abd.applies_to(&post(14, true), Some(14)));
        assert!(
            !abd.applies_to(&post(19, true), None),
            "no rule in force: no ABD posts"
        );
        assert_eq!(abd.describe(Some(15)), "ABD-functies (schaal 15 en hoger)");
    }

    #[test]
    fn rules_combine() {
        let rule = Applicability {
            scale_min: Some(12),
            manager_only: true,
            family_codes: vec!["LIJNMANAGEMENT".into()],
            ..Applicability::default()
        };
        assert!(rule.applies_to(&post(12, true), Some(15)));
        assert!(!rule.applies_to(&post(11, true), Some(15)));
        assert!(!rule.applies_to(&post(12, false), Some(15)));
    }

    #[test]
    fn html_and_markdown_output_escape_clause_text() {
        assert_eq!(
            html_escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(markdown_escape("*vet* <b>"), r"\*vet\* \<b\>");
    }

    #[test]
    fn languages_are_nl_or_en() {
        assert_eq!(Language::parse("EN").unwrap(), Language::En);
        assert_eq!(
            Language::parse("de").unwrap_err().code(),
            crate::error::ErrorCode::BadUserInput
        );
    }
}
