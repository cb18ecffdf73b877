//! The GraphQL adapter: a thin layer over [`crate::domain`]. The schema is built once at start-up;
//! each request gets its own DataLoaders. Every error leaves with an `extensions.code`.

pub mod access;
pub mod amendments;
pub mod appraisal;
pub mod audit;
pub mod catalogue;
pub mod changes;
pub mod clauses;
pub mod coverage;
pub mod diff;
pub mod errors;
pub mod identity;
pub mod ids;
pub mod loaders;
pub mod paging;
pub mod scalars;

use async_graphql::{Context, EmptySubscription, MergedObject, Schema};
use sea_orm::DatabaseConnection;

use crate::auth::middleware::RequestId;
use crate::config::GraphqlLimits;
use crate::domain::access::{AccessPolicy, Principal};
use crate::domain::caller::Caller;

/// The root query: one object per domain area, merged.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    amendments::AmendmentQuery,
    appraisal::AppraisalQuery,
    audit::AuditQuery,
    catalogue::query::CatalogueQuery,
    changes::ChangeQuery,
    clauses::ClauseQuery,
    coverage::CoverageQuery,
    diff::DiffQuery,
    identity::IdentityQuery,
);

/// The root mutation: one object per domain area, merged.
#[derive(MergedObject, Default)]
pub struct MutationRoot(amendments::AmendmentMutation, clauses::ClauseMutation);

/// The request's database connection.
pub(crate) fn db<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>()
}

/// Who calls, under which policy and request id, for the domain's changes.
pub(crate) fn caller<'a>(ctx: &Context<'a>) -> Caller<'a> {
    static ANONYMOUS: Principal = Principal::Anonymous;
    Caller {
        principal: ctx.data_opt::<Principal>().unwrap_or(&ANONYMOUS),
        policy: ctx.data_opt::<AccessPolicy>().copied().unwrap_or_default(),
        request_id: ctx
            .data_opt::<RequestId>()
            .map_or("graphql", |r| r.0.as_str()),
    }
}

/// The schema type.
pub type FgrSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema with its limits and access policy; the principal and DataLoaders are added per
/// request by [`GraphqlService`].
pub fn build_schema(limits: &GraphqlLimits, policy: AccessPolicy) -> FgrSchema {
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .data(policy)
    .extension(access::AccessControl)
    .limit_depth(limits.max_depth)
    .limit_complexity(limits.max_complexity)
    .limit_recursive_depth(32)
    .limit_directives(8);
    if !limits.introspection {
        builder = builder.disable_introspection().disable_suggestions();
    }
    builder.finish()
}

/// The SDL of the schema, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    build_schema(&GraphqlLimits::default(), AccessPolicy::default()).sdl()
}

/// Executes GraphQL requests against the database: the one entry point for HTTP and for the
/// console's server-side rendering, so both go through the same rules.
#[derive(Clone)]
pub struct GraphqlService {
    schema: FgrSchema,
    db: DatabaseConnection,
    policy: AccessPolicy,
}

impl GraphqlService {
    /// A service over `db` with the given limits and access policy.
    pub fn new(db: DatabaseConnection, limits: &GraphqlLimits, policy: AccessPolicy) -> Self {
        Self {
            schema: build_schema(limits, policy),
            db,
            policy,
        }
    }

    /// The access policy requests are judged by.
    pub fn policy(&self) -> AccessPolicy {
        self.policy
    }

    /// The database this service reads.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Runs one request as `principal` with fresh DataLoaders; errors without a code get one,
    /// and internal details are masked.
    pub async fn execute(
        &self,
        request: async_graphql::Request,
        principal: Principal,
    ) -> async_graphql::Response {
        let request = request
            .data(principal)
            .data(self.db.clone())
            .data(loaders::CatalogueLoader::new_loader(self.db.clone()));
        let mut response = self.schema.execute(request).await;
        errors::classify(&mut response.errors);
        response
    }
}
