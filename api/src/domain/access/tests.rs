//! Unit tests of the access rules: public reading, machine scopes, and role and scope names.

use super::{AccessPolicy, Credential, Machine, Operation, Principal, Role, Scope};

fn machine(scopes: &[Scope]) -> Principal {
    Principal::Machine(Machine {
        client_id: "tool".into(),
        name: "tool".into(),
        scopes: scopes.iter().copied().collect(),
        credential: Credential::ApiToken,
        trusted_documents_only: false,
    })
}

#[test]
fn the_catalogue_is_public_unless_configured_otherwise() {
    assert!(AccessPolicy { public_read: true }
        .authorize(&Principal::Anonymous, Operation::ReadCatalogue)
        .is_ok());
    let err = AccessPolicy { public_read: false }
        .authorize(&Principal::Anonymous, Operation::ReadCatalogue)
        .unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Unauthenticated);
}

#[test]
fn machines_need_the_matching_scope() {
    let policy = AccessPolicy::default();
    assert!(policy
        .authorize(&machine(&[Scope::CatalogueRead]), Operation::ReadCatalogue)
        .is_ok());
    let err = policy
        .authorize(&machine(&[Scope::ClausesRead]), Operation::ReadCatalogue)
        .unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Forbidden);
}

#[test]
fn role_and_scope_names_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_code(role.code()), Some(role));
    }
    for scope in Scope::ALL {
        assert_eq!(Scope::from_code(scope.code()), Some(scope));
    }
}
