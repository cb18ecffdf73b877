//! Access control for every root field, decided by the domain's table
//! ([`crate::domain::access::ROOT_FIELDS`]). A root field without a rule is refused: deny by
//! default, enforced in one place rather than on each resolver.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo,
};
use async_graphql::{PathSegment, Pos, ServerResult, Value};

use super::errors::to_gql;
use async_graphql::ErrorExtensions;

use crate::domain::access::{operation_of_root_field, scope_needed, AccessPolicy, Principal};
use crate::error::DomainError;

/// The extension that checks each root field against the access table.
pub struct AccessControl;

impl ExtensionFactory for AccessControl {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(AccessControlExtension)
    }
}

struct AccessControlExtension;

#[async_graphql::async_trait::async_trait]
impl Extension for AccessControlExtension {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let is_root = info.path_node.parent.is_none();
        if is_root && !info.is_for_introspection && !info.name.starts_with("__") {
            let anonymous = Principal::Anonymous;
            let principal = ctx.data_opt::<Principal>().unwrap_or(&anonymous);
            // Without a configured policy nothing but identity reads is allowed.
            let policy = ctx
                .data_opt::<AccessPolicy>()
                .copied()
                .unwrap_or(AccessPolicy { public_read: false });
            let operation = operation_of_root_field(info.name);
            let decision = match operation {
                None => Err(DomainError::Forbidden(format!(
                    "{} has no access rule and is refused",
                    info.name
                ))),
                Some(operation) => policy.authorize(principal, operation),
            };
            if let Err(e) = decision {
                let mut gql = to_gql(e);
                if let (Principal::Machine(_), Some(scope)) =
                    (principal, operation.and_then(scope_needed))
                {
                    gql = gql.extend_with(|_, ext| ext.set("requiredScope", scope.code()));
                }
                let mut error = gql.into_server_error(Pos::default());
                error.locations.clear();
                error.path = info
                    .path_node
                    .to_string_vec()
                    .into_iter()
                    .map(PathSegment::Field)
                    .collect();
                return Err(error);
            }
        }
        next.run(ctx, info).await
    }
}
