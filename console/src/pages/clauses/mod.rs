//! The vacancy clause library: the list (filtered by category, scale and status, on the
//! peildatum), one clause with its versions and the diff between two of them, and — for FGR
//! beheer and the committee's secretary — forms to add, revise and retire clauses.

mod clause;
mod editor;
mod list;

pub use clause::ClausePage;
pub use list::ClausesPage;
