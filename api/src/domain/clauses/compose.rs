//! Composing a vacancy text: the clauses that apply to a post on a date, grouped by section, and
//! written out as plain text, Markdown or HTML with every clause text escaped for the format.

use chrono::NaiveDate;

use super::{
    library, post, text_in, ClauseVersion, Language, LibraryFilter, Post, Section, TextFormat,
};
use crate::error::DomainResult;
use crate::register::Register;

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
pub(super) fn markdown_escape(text: &str) -> String {
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
