//! `search`: the console header's search over groups, typings, requirements and clauses, answered
//! from the snapshot by [`crate::domain::search::find`].

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::errors::GqlResultExt;
use super::scalars::{day_or_today, Date};
use super::{caller, register};
use crate::domain::access::Operation;
use crate::domain::search::{self, Hit, HitKind};

/// What a search hit is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum SearchHitKind {
    /// A function group (`code` is its code).
    FunctionGroup,
    /// A typing (`code` is its group's code, `scale` its scale).
    Typing,
    /// A responsibility requirement (`code` is its code).
    Requirement,
    /// A vacancy clause in effect (`code` is its code).
    VacancyClause,
}

/// One thing the search found.
#[derive(SimpleObject)]
pub struct SearchHit {
    /// What it is; with `code` and `scale`, where to find it.
    pub kind: SearchHitKind,
    /// The group's, requirement's or clause's code.
    pub code: String,
    /// A typing's scale; null for the other kinds.
    pub scale: Option<i32>,
    /// Its name as people know it, e.g. "Manager, schaal 13".
    pub title: String,
    /// Where it sits, in Dutch, e.g. "functiegroep in Lijnmanagement".
    pub context: String,
}

impl From<Hit> for SearchHit {
    fn from(hit: Hit) -> Self {
        Self {
            kind: match hit.kind {
                HitKind::Group => SearchHitKind::FunctionGroup,
                HitKind::Typing => SearchHitKind::Typing,
                HitKind::Requirement => SearchHitKind::Requirement,
                HitKind::Clause => SearchHitKind::VacancyClause,
            },
            code: hit.code,
            scale: hit.scale,
            title: hit.title,
            context: hit.context,
        }
    }
}

/// The search root field.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// What `text` names on `asOf` (default today), best first: groups (by name, code,
    /// description or FGR site id), typings (a group's name with a scale: "manager 13"),
    /// requirements and, for callers who may read them, clauses. Case and accents are ignored.
    /// `BAD_USER_INPUT` for an empty text or one over 100 characters, or `first` outside 1–50
    /// (null, or left out, is 20).
    async fn search(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default_with = "Some(search::DEFAULT_HITS as i32)")] first: Option<i32>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<SearchHit>> {
        let caller = caller(ctx);
        let with_clauses = caller
            .policy
            .authorize(caller.principal, Operation::ReadClauses)
            .is_ok();
        let first = first.map_or(search::DEFAULT_HITS, |n| usize::try_from(n).unwrap_or(0));
        let hits = search::find(
            &*register(ctx).await?,
            day_or_today(as_of),
            &text,
            first,
            with_clauses,
        )
        .gql()?;
        Ok(hits.into_iter().map(SearchHit::from).collect())
    }
}
