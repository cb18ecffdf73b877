//! GraphQL for what the catalogue rests on: source documents, the totals official sources
//! declare, and the ABD membership rule (dated, changed by FGR beheer).

use std::sync::Arc;

use async_graphql::{Context, InputObject, Object, SimpleObject};
use fgr_entities::{abd_rule_version, source_document};

use super::errors::GqlResultExt;
use super::scalars::{day_or_today, Date};
use super::{caller, changed, db, register};
use crate::domain::abd::{self, RuleChange};

/// A document records cite as their source.
#[derive(SimpleObject, Clone)]
pub struct SourceDocument {
    /// Stable code, e.g. `KAMERBRIEF_2025_04_14`.
    pub code: String,
    /// What it is.
    pub title: String,
    /// The official citation, e.g. "Kamerstukken II 2024/25, 30 950, nr. 451".
    pub reference: String,
    /// Where to read it.
    pub url: Option<String>,
    /// The date it bears.
    pub published_on: Option<Date>,
}

impl From<&source_document::Model> for SourceDocument {
    fn from(m: &source_document::Model) -> Self {
        Self {
            code: m.code.clone(),
            title: m.title.clone(),
            reference: m.reference.clone(),
            url: m.url.clone(),
            published_on: m.published_on.map(Date),
        }
    }
}

/// A total number of groups an official source declares for the FGR.
#[derive(SimpleObject)]
pub struct DeclaredTotal {
    /// The number of groups.
    pub count: i32,
    /// The source's words, verbatim.
    pub quote: Option<String>,
    /// When it held, as far as we know.
    pub note: Option<String>,
    /// The source.
    pub source: Option<SourceDocument>,
}

/// How much of the FGR the register holds, beside what official sources declare.
#[derive(SimpleObject)]
pub struct CatalogueTotals {
    /// Groups the register holds on the date asked for.
    pub held: i32,
    /// The totals official sources declare (they differ: 61 in the FAQ, 63 in the letter of 2025).
    pub declared: Vec<DeclaredTotal>,
}

/// A version of the ABD membership rule.
pub struct AbdRuleVersion(abd_rule_version::Model, Option<Arc<source_document::Model>>);

#[Object]
impl AbdRuleVersion {
    /// 1, 2, … in order.
    async fn number(&self) -> i32 {
        self.0.version_no
    }
    /// Posts from this scale up are ABD posts.
    async fn min_scale(&self) -> i32 {
        self.0.min_scale
    }
    /// First day in effect.
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }
    /// First day no longer in effect; null while open-ended.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }
    /// The decision or document it rests on.
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    /// Where to check it.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// The decision's date.
    async fn decided_on(&self) -> Option<Date> {
        self.0.decided_on.map(Date)
    }
    /// True when the period is our inference rather than a stated fact.
    async fn illustrative(&self) -> bool {
        self.0.illustrative
    }
    /// A remark.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// The source document, when the register holds it.
    async fn source(&self) -> Option<SourceDocument> {
        self.1.as_deref().map(SourceDocument::from)
    }
}

fn version(register: &crate::register::Register, v: &abd_rule_version::Model) -> AbdRuleVersion {
    AbdRuleVersion(
        v.clone(),
        v.source_document_id
            .and_then(|id| register.source(id).cloned()),
    )
}

/// Reads about sources and rules.
#[derive(Default)]
pub struct SourceQuery;

#[Object]
impl SourceQuery {
    /// The source documents the register's records cite.
    async fn source_documents(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<SourceDocument>> {
        Ok(register(ctx)
            .await?
            .sources()
            .iter()
            .map(|s| SourceDocument::from(&**s))
            .collect())
    }

    /// How many groups the register holds on the date (default today), beside the totals
    /// official sources declare.
    async fn catalogue_totals(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<CatalogueTotals> {
        let register = register(ctx).await?;
        let held = register.groups_in_effect(day_or_today(as_of)).len();
        Ok(CatalogueTotals {
            held: i32::try_from(held).unwrap_or(i32::MAX),
            declared: register
                .declared_totals()
                .iter()
                .map(|t| DeclaredTotal {
                    count: t.group_count,
                    quote: t.quote.clone(),
                    note: t.note.clone(),
                    source: register
                        .source(t.source_document_id)
                        .map(|s| SourceDocument::from(&**s)),
                })
                .collect(),
        })
    }

    /// The ABD membership rule in force on the date (default today): which posts are ABD posts,
    /// so which vacancy clauses for ABD posts apply. Null when no rule is in force then.
    async fn abd_rule(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<AbdRuleVersion>> {
        let register = register(ctx).await?;
        Ok(register
            .abd_rule()
            .in_effect(day_or_today(as_of))
            .map(|v| version(&register, v)))
    }

    /// Every version of the ABD membership rule, oldest first.
    async fn abd_rule_versions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<AbdRuleVersion>> {
        let register = register(ctx).await?;
        Ok(register
            .abd_rule()
            .all()
            .iter()
            .map(|v| version(&register, v))
            .collect())
    }
}

/// A change of the ABD membership rule.
#[derive(InputObject)]
pub struct ChangeAbdRuleInput {
    /// The latest version number you saw.
    pub expected_version: i32,
    /// Posts from this scale up are ABD posts (1–19).
    pub min_scale: i32,
    /// First day the new rule holds (today or later); the previous version ends there.
    pub effective_from: Date,
    /// The decision it rests on.
    pub reference: String,
    /// Where to check it.
    pub url: Option<String>,
    /// The decision's date.
    pub decided_on: Option<Date>,
    /// A remark.
    pub note: Option<String>,
}

/// Changes to sources and rules (FGR beheer).
#[derive(Default)]
pub struct SourceMutation;

#[Object]
impl SourceMutation {
    /// Records a change of the ABD membership rule from a date (FGR beheer; audited, in the
    /// change feed). Vacancy texts for dates from then on follow the new rule; `CONFLICT` when
    /// `expectedVersion` is stale.
    async fn change_abd_rule(
        &self,
        ctx: &Context<'_>,
        input: ChangeAbdRuleInput,
    ) -> async_graphql::Result<AbdRuleVersion> {
        let change = RuleChange {
            min_scale: input.min_scale,
            effective_from: input.effective_from.0,
            reference: input.reference,
            url: input.url,
            decided_on: input.decided_on.map(|d| d.0),
            note: input.note,
        };
        let saved = abd::change(db(ctx)?, &caller(ctx), input.expected_version, &change)
            .await
            .gql()?;
        changed(ctx).await?;
        let register = register(ctx).await?;
        Ok(version(&register, &saved))
    }
}
