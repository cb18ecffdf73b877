//! Access control for every root field, decided by the domain's table
//! ([`crate::domain::access::ROOT_FIELDS`]). A root field without a rule is refused: deny by
//! default, enforced in one place rather than on each resolver.
//!
//! Two steps, one table: before execution [`all_root_fields_allowed`] looks at the operation's
//! root fields; when the caller may read every one of them the request runs on a schema without
//! extensions (async-graphql then skips its per-field extension machinery, which costs more than
//! the rest of a hot read). Otherwise it runs on the schema with [`AccessControl`], which refuses
//! exactly the fields the caller may not use, with their paths, and answers the rest.

use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo,
};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, Selection, SelectionSet,
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

/// The operation a request runs: the only one, or the one named.
pub(crate) fn operation<'a>(
    doc: &'a ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), None) => Some(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => ops
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, op)| &op.node),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            ops.values().next().map(|op| &op.node)
        }
        _ => None,
    }
}

/// Whether `principal` may use every root field of the operation `operation_name` selects in
/// `doc` (introspection aside). `false` when the operation cannot be found: the guarded schema
/// then reports that.
pub fn all_root_fields_allowed(
    doc: &ExecutableDocument,
    operation_name: Option<&str>,
    principal: &Principal,
    policy: AccessPolicy,
) -> bool {
    let Some(operation) = operation(doc, operation_name) else {
        return false;
    };
    let mut allowed = true;
    // Fragments at the root are followed (at most as deep as the document is long).
    let mut budget = 1_000usize;
    visit_root_fields(
        doc,
        &operation.selection_set.node,
        &mut budget,
        &mut |name| {
            if !name.starts_with("__") {
                allowed &= operation_of_root_field(name)
                    .is_some_and(|op| policy.authorize(principal, op).is_ok());
            }
        },
    );
    allowed && budget > 0
}

fn visit_root_fields(
    doc: &ExecutableDocument,
    set: &SelectionSet,
    budget: &mut usize,
    seen: &mut impl FnMut(&str),
) {
    for item in &set.items {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        match &item.node {
            Selection::Field(field) => seen(field.node.name.node.as_str()),
            Selection::InlineFragment(fragment) => {
                visit_root_fields(doc, &fragment.node.selection_set.node, budget, seen);
            }
            Selection::FragmentSpread(spread) => {
                match doc.fragments.get(&spread.node.fragment_name.node) {
                    Some(fragment) => {
                        visit_root_fields(doc, &fragment.node.selection_set.node, budget, seen);
                    }
                    // An unknown fragment: let the guarded schema report it.
                    None => seen(""),
                }
            }
        }
    }
}
