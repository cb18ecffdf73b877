//! Reading proposals.

use super::*;

/// The amendment query fields.
#[derive(Default)]
pub struct AmendmentQuery;

#[Object]
impl AmendmentQuery {
    /// The proposal with this number; null if there is none.
    async fn proposal(
        &self,
        ctx: &Context<'_>,
        number: i32,
    ) -> async_graphql::Result<Option<Proposal>> {
        match amendments::get(db(ctx)?, number).await {
            Ok(p) => Ok(Some(Proposal(p))),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }

    /// Proposals, newest first, optionally of one group or format, or in one state.
    async fn proposals(
        &self,
        ctx: &Context<'_>,
        group_code: Option<String>,
        format_code: Option<String>,
        state: Option<ProposalState>,
    ) -> async_graphql::Result<Vec<Proposal>> {
        let db = db(ctx)?;
        let target = match (group_code, format_code) {
            (Some(code), _) => Target::group(db, &code).await,
            (None, Some(code)) => Target::format(db, &code).await,
            (None, None) => Err(DomainError::NotFound(String::new())),
        };
        let target = match target {
            Ok(t) => Some(t),
            Err(DomainError::NotFound(what)) if what.is_empty() => None,
            Err(DomainError::NotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e).gql(),
        };
        Ok(
            amendments::list(db, target.as_ref(), state.map(State::from))
                .await
                .gql()?
                .into_iter()
                .map(Proposal)
                .collect(),
        )
    }

    /// What the draft would change with `content` instead of its stored content (its author
    /// only; nothing is stored): the live diff while editing.
    async fn preview_proposal_diff(
        &self,
        ctx: &Context<'_>,
        number: i32,
        content: Json<serde_json::Value>,
    ) -> async_graphql::Result<Vec<crate::graphql::diff::FieldChange>> {
        let register = register(ctx).await?;
        let names = Names::of(&register);
        let changes = amendments::preview_diff(db(ctx)?, &caller(ctx), number, content.0, &names)
            .await
            .gql()?;
        Ok(crate::graphql::diff::to_graphql(changes))
    }
}
