//! One module per route.

pub mod coverage;
pub mod family;
pub mod group;
pub mod home;
pub mod not_found;
pub mod proposals;
