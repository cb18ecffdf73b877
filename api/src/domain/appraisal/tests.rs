//! Unit tests of the rules that need no database.

use super::Audience;
use crate::domain::posts::Post;

fn post(manager: bool) -> Post {
    Post {
        group_code: "MANAGER".into(),
        family_code: "LIJNMANAGEMENT".into(),
        manager_family: manager,
        scale: 13,
    }
}

#[test]
fn audiences_select_employees() {
    assert!(Audience::AllStaff.includes(&post(false)));
    assert!(Audience::Managers.includes(&post(true)));
    assert!(!Audience::Managers.includes(&post(false)));
    assert!(Audience::Families(vec!["LIJNMANAGEMENT".into()]).includes(&post(false)));
    assert!(!Audience::Groups(vec!["TOPMANAGER".into()]).includes(&post(true)));
}
