//! Diffs over GraphQL: a proposal against its base, and any two versions of a group.

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::errors::GqlResultExt;
use crate::domain::content;
use crate::domain::diff::{self, ChangeKind as DomainKind, WordTag as DomainTag};
use crate::error::DomainError;

/// What happened to a field.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new content.
    Added,
    /// Only in the old content.
    Removed,
    /// In both, with different text.
    Changed,
}

/// How a run of words changed.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum WordTag {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// A run of words in a text diff.
#[derive(SimpleObject, Clone)]
pub struct WordRun {
    /// Kept, inserted or deleted.
    pub tag: WordTag,
    /// The words, with their spacing.
    pub text: String,
}

/// One changed field.
#[derive(SimpleObject, Clone)]
pub struct FieldChange {
    /// Where, e.g. "Kernprofiel › Omgeving › resultaten".
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

/// Converts domain changes.
pub fn to_graphql(changes: Vec<diff::FieldChange>) -> Vec<FieldChange> {
    changes
        .into_iter()
        .map(|c| FieldChange {
            path: c.path,
            kind: match c.kind {
                DomainKind::Added => ChangeKind::Added,
                DomainKind::Removed => ChangeKind::Removed,
                DomainKind::Changed => ChangeKind::Changed,
            },
            before: c.before,
            after: c.after,
            words: c
                .words
                .into_iter()
                .map(|w| WordRun {
                    tag: match w.tag {
                        DomainTag::Equal => WordTag::Equal,
                        DomainTag::Insert => WordTag::Insert,
                        DomainTag::Delete => WordTag::Delete,
                    },
                    text: w.text,
                })
                .collect(),
        })
        .collect()
}

/// The diff query fields.
#[derive(Default)]
pub struct DiffQuery;

#[Object]
impl DiffQuery {
    /// What changed between two versions of a group (by version number), field by field.
    async fn version_diff(
        &self,
        ctx: &Context<'_>,
        group_code: String,
        from: i32,
        to: i32,
    ) -> async_graphql::Result<Vec<FieldChange>> {
        let register = super::register(ctx).await?;
        let history = register
            .group_by_code(&group_code)
            .ok_or_else(|| DomainError::NotFound(format!("functiegroep {group_code}")))
            .gql()?;
        let version = |field: &str, number: i32| {
            history
                .versions
                .number(number)
                .map(|v| content::of_entry(&register, v))
                .ok_or_else(|| {
                    DomainError::bad_input(
                        field,
                        format!("{} heeft geen versie {number}", history.group.name),
                    )
                })
                .gql()
        };
        let (old, new) = (version("from", from)?, version("to", to)?);
        Ok(to_graphql(diff::between(
            &old,
            &new,
            &diff::Names::of(&register),
        )))
    }
}
