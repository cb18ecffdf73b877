//! The FGR's published version log: the owner's historical decisions.

use std::sync::Arc;

use fgr_entities::decision_log;

use crate::register::Register;

/// The decisions, oldest first; only those concerning `group_code` when given.
pub fn list<'a>(
    register: &'a Register,
    group_code: Option<&'a str>,
) -> impl Iterator<Item = &'a Arc<decision_log::Model>> + 'a {
    register
        .decisions()
        .iter()
        .filter(move |d| match group_code {
            None => true,
            Some(code) => d
                .group_codes
                .as_deref()
                .is_some_and(|codes| codes.split(',').any(|c| c == code)),
        })
}
