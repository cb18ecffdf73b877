//! How long the texts people type may be, by kind of field: the one place the domain's checks
//! read, and that `vocabulary.limits` serves so that forms can say so before anything is sent.
//! In characters (Unicode scalar values), not bytes.

/// A proposal's or a clause's title; a decision's reference; a clause version's change note.
pub const TITLE: usize = 300;
/// A proposal's rationale, the committee's advice, a comment.
pub const RATIONALE: usize = 10_000;
/// One text of a group's content: a typing bullet, a result, an indicator, a quote, a location.
pub const CONTENT_TEXT: usize = 4_000;
/// A vacancy clause's text, in either language.
pub const CLAUSE_TEXT: usize = 5_000;
/// Where a clause comes from, as cited.
pub const SOURCE_REFERENCE: usize = 1_000;
/// What the search is asked.
pub const SEARCH_TEXT: usize = 100;
