//! The catalogue read API: families, function groups, their versioned content, competences and
//! responsibility requirements.

pub mod families;
pub mod import;
pub mod profiles;
pub mod query;
pub mod requirements;
