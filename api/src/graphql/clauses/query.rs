//! The clause read fields: the library on a date, one clause, the diff between two versions,
//! and the assembled vacancy text of a post, all answered from the register.

use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, InputObject, Object};

use super::types::{VacancyClause, VacancyText, VacancyTextClause, VacancyTextSection};
use super::{ClauseCategory, ClauseStatus, VacancyTextFormat};
use crate::domain::clauses::{
    self, ClauseVersion as DomainVersion, Language, LibraryFilter, TextFormat,
};
use crate::domain::posts;
use crate::graphql::catalogue::query::ConnectionTotals;
use crate::graphql::diff::{to_graphql, FieldChange};
use crate::graphql::errors::GqlResultExt;
use crate::graphql::paging::Window;
use crate::graphql::register;
use crate::graphql::scalars::{day_or_today, Date};

/// Filters of `vacancyClauses`.
#[derive(InputObject, Default)]
pub struct VacancyClauseFilter {
    /// Only clauses that apply to this group (with `scale`: to that post; active ones only).
    pub group_code: Option<String>,
    /// Only clauses that can apply at this scale.
    pub scale: Option<i32>,
    /// Only clauses that can apply in this family.
    pub family_code: Option<String>,
    /// Texts in this language (`nl` or `en`; default `nl`; per clause Dutch when it has no
    /// English).
    pub language: Option<String>,
    /// The date (default today).
    pub on: Option<Date>,
    /// Only this category.
    pub category: Option<ClauseCategory>,
    /// Only this status (default: all; with `groupCode`, active).
    pub status: Option<ClauseStatus>,
}

/// The clause queries.
#[derive(Default)]
pub struct ClauseQuery;

#[Object]
impl ClauseQuery {
    /// The clause library on a date, filtered, in vacancy-text order.
    async fn vacancy_clauses(
        &self,
        ctx: &Context<'_>,
        filter: Option<VacancyClauseFilter>,
        #[graphql(desc = "Page size, 0–100 (default 50).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the last item of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Connection<String, VacancyClause, ConnectionTotals, EmptyFields>>
    {
        let window = Window::of(first, after.as_deref()).gql()?;
        let filter = filter.unwrap_or_default();
        let day = day_or_today(filter.on);
        let language = Language::parse(filter.language.as_deref().unwrap_or("nl")).gql()?;
        let register = register(ctx).await?;
        // A group without a scale: what applies at any of its scales.
        let posts = match (&filter.group_code, filter.scale) {
            (Some(code), Some(scale)) => vec![clauses::post(&register, code, scale, day).gql()?],
            (Some(code), None) => posts::posts_of_group(&register, code, day).gql()?,
            (None, _) => Vec::new(),
        };
        let domain_filter = LibraryFilter {
            posts,
            scale: filter.scale,
            family_code: filter.family_code,
            category: filter.category.map(Into::into),
            status: filter.status.map(Into::into),
        };
        let entries = clauses::library(&register, &domain_filter, day);
        let total = entries.len() as u64;
        let rows = window
            .slice(entries)
            .into_iter()
            .map(|e| VacancyClause {
                current: e.current,
                status: e.status,
                language,
            })
            .collect();
        Ok(window.connection(rows, total))
    }

    /// One clause as it stands on a date (default today); null for an unknown code.
    async fn vacancy_clause(
        &self,
        ctx: &Context<'_>,
        code: String,
        on: Option<Date>,
        #[graphql(desc = "`nl` (default) or `en`.")] language: Option<String>,
    ) -> async_graphql::Result<Option<VacancyClause>> {
        let language = Language::parse(language.as_deref().unwrap_or("nl")).gql()?;
        let register = register(ctx).await?;
        let Some(history) = register.clause(&code) else {
            return Ok(None);
        };
        Ok(history
            .versions
            .standing(day_or_today(on))
            .map(|(v, status)| VacancyClause {
                current: DomainVersion {
                    clause: history.clause.clone(),
                    version: v.clone(),
                },
                status,
                language,
            }))
    }

    /// What changed between two versions of a clause (by version number), field by field.
    async fn clause_version_diff(
        &self,
        ctx: &Context<'_>,
        code: String,
        from: i32,
        to: i32,
    ) -> async_graphql::Result<Vec<FieldChange>> {
        Ok(to_graphql(
            clauses::version_diff(&*register(ctx).await?, &code, from, to).gql()?,
        ))
    }

    /// The standard clauses for a post (group and scale) on a date, assembled in section order,
    /// with the provenance of each (code and version) so what applied can be cited later.
    async fn vacancy_text(
        &self,
        ctx: &Context<'_>,
        group_code: String,
        scale: i32,
        #[graphql(desc = "`nl` (default) or `en`; English falls back to Dutch per clause.")]
        language: Option<String>,
        #[graphql(desc = "The date (default today).")] on: Option<Date>,
        #[graphql(desc = "`PLAIN` (default), `MARKDOWN` or `HTML`.")] format: Option<
            VacancyTextFormat,
        >,
    ) -> async_graphql::Result<VacancyText> {
        let language = Language::parse(language.as_deref().unwrap_or("nl")).gql()?;
        let format = match format.unwrap_or_default() {
            VacancyTextFormat::Plain => TextFormat::Plain,
            VacancyTextFormat::Markdown => TextFormat::Markdown,
            VacancyTextFormat::Html => TextFormat::Html,
        };
        let text = clauses::vacancy_text(
            &*register(ctx).await?,
            &group_code,
            scale,
            language,
            day_or_today(on),
            format,
        )
        .gql()?;
        let mut fallbacks = Vec::new();
        let sections = text
            .sections
            .into_iter()
            .map(|(section, list)| VacancyTextSection {
                section: section.code().to_owned(),
                heading: section.label(language).to_owned(),
                clauses: list
                    .into_iter()
                    .map(|c| {
                        if c.fell_back_to_dutch {
                            fallbacks.push(c.used.clause.code.clone());
                        }
                        VacancyTextClause {
                            code: c.used.clause.code,
                            version_number: c.used.version.version_no,
                            effective_from: Date(c.used.version.effective_from),
                            title: c.used.version.title,
                            language: if c.fell_back_to_dutch {
                                Language::Nl.code().to_owned()
                            } else {
                                language.code().to_owned()
                            },
                            text: c.text,
                            fell_back_to_dutch: c.fell_back_to_dutch,
                            mandatory: c.used.version.mandatory,
                            source_reference: c.used.version.source_reference,
                            illustrative: c.used.version.illustrative,
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(VacancyText {
            group_code: text.post.group_code,
            scale: text.post.scale,
            on: Date(text.on),
            language: language.code().to_owned(),
            sections,
            text: text.text,
            fallbacks,
        })
    }
}
