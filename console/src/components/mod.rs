//! Widgets shared by pages.

pub mod as_of;
pub mod badges;
pub mod choices;
pub mod content_editor;
pub mod format_editor;
pub mod header;
pub mod limit;
pub mod load_error;
pub mod page_data;
pub mod session;
pub mod step;
pub mod version_compare;
