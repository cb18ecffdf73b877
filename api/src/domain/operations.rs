//! Persisted operations (trusted documents): GraphQL documents FGR beheer registers with
//! `fgr operations add FILE.graphql`, which machine clients then send as
//! `{"documentId": "sha256:…", "variables": …}` instead of their text. A document's id is the
//! SHA-256 of its exact text, so a registered document can never change under its id; an API
//! client created with `--trusted-documents-only` may send nothing else.

use chrono::Utc;
use fgr_entities::persisted_operation;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use crate::domain::audit::{self, Actor, Change};
use crate::domain::{text, tx};
use crate::error::{DomainError, DomainResult};

/// The largest document accepted (the request body limit is for everyone else's queries).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;

/// The id of `document`: `sha256:` and the lowercase hex SHA-256 of its exact bytes.
pub fn document_id(document: &str) -> String {
    format!("sha256:{}", text::sha256_hex(document))
}

/// Whether `id` has the shape of a document id (it says nothing of whether one is registered).
pub fn is_document_id(id: &str) -> bool {
    id.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Registers `document` (named `name`, e.g. its file); registering the same text again changes
/// nothing and answers the registered one. Recorded in the audit trail.
///
/// # Errors
/// `BAD_USER_INPUT` for a document that is not GraphQL, is empty or too large, or holds a
/// control character; `INTERNAL` when the database fails.
pub async fn add<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request_id: &str,
    name: Option<&str>,
    document: &str,
) -> DomainResult<(persisted_operation::Model, bool)> {
    if document.trim().is_empty() || document.len() > MAX_DOCUMENT_BYTES {
        return Err(DomainError::bad_input(
            "document",
            format!("a document holds 1 to {MAX_DOCUMENT_BYTES} bytes"),
        ));
    }
    if text::has_control_characters(document) {
        return Err(DomainError::bad_input(
            "document",
            "the document holds a control character",
        ));
    }
    if let Err(e) = async_graphql::parser::parse_query(document) {
        return Err(DomainError::bad_input(
            "document",
            format!("not a GraphQL document: {e}"),
        ));
    }
    let id = document_id(document);
    if let Some(known) = find(db, &id).await? {
        return Ok((known, false));
    }
    let txn = db.begin().await?;
    let result = async {
        let added = persisted_operation::ActiveModel {
            document_id: Set(id.clone()),
            name: Set(name.map(str::to_owned)),
            document: Set(document.to_owned()),
            added_at: Set(Utc::now().naive_utc()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::append(
            &txn,
            actor,
            request_id,
            Change {
                action: "operation.add".into(),
                target_type: "persisted_operation".into(),
                target_id: id.clone(),
                before: None,
                after: Some(json!({ "documentId": id, "name": name })),
            },
        )
        .await?;
        Ok(added)
    }
    .await;
    Ok((tx::finish(txn, result).await?, true))
}

/// The registered operation with this id, if any.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn find(
    db: &impl ConnectionTrait,
    document_id: &str,
) -> DomainResult<Option<persisted_operation::Model>> {
    Ok(persisted_operation::Entity::find()
        .filter(persisted_operation::Column::DocumentId.eq(document_id))
        .one(db)
        .await?)
}

/// Every registered operation, oldest first.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<persisted_operation::Model>> {
    Ok(persisted_operation::Entity::find()
        .order_by_asc(persisted_operation::Column::Id)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_id_is_the_sha256_of_the_exact_text() {
        let id = document_id("{ jobFamilies { code } }");
        assert!(is_document_id(&id), "{id}");
        assert_ne!(id, document_id("{ jobFamilies { code } } "));
        assert_eq!(
            document_id(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(!is_document_id("sha256:XYZ"));
        assert!(!is_document_id("md5:d41d8cd98f00b204e9800998ecf8427e"));
    }
}
