//! The catalogue read API: families, function groups, their versioned content, competences and
//! responsibility requirements.

pub mod families;
pub mod prefetch;
pub mod profiles;
pub mod query;
pub mod requirements;

use async_graphql::Context;

use super::loaders::Loaders;

/// The request's DataLoaders.
fn loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Loaders> {
    ctx.data::<Loaders>()
}
