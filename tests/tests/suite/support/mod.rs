//! Test support: fresh databases on every backend, the application over HTTP, and a macro that
//! runs one test body on SQLite, PostgreSQL and MariaDB.

pub mod app;
pub mod cluster;
pub mod db;
pub mod op;
pub mod served;

pub use app::{Answer, TestApp};
pub use db::{Backend, TestDb};

/// Defines each test once and runs it on every backend, as `name::sqlite`, `name::postgres` and
/// `name::mariadb`. PostgreSQL and MariaDB tests fail (never skip) when their server is missing,
/// unless `FGR_TEST_BACKENDS` explicitly leaves that backend out.
#[macro_export]
macro_rules! on_every_backend {
    ($($(#[$meta:meta])* async fn $name:ident($backend:ident) $body:block)*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($backend: $crate::support::Backend) $body

            #[tokio::test]
            async fn sqlite() {
                body($crate::support::Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                if $crate::support::Backend::Postgres.selected() {
                    body($crate::support::Backend::Postgres).await
                }
            }

            #[tokio::test]
            async fn mariadb() {
                if $crate::support::Backend::MariaDb.selected() {
                    body($crate::support::Backend::MariaDb).await
                }
            }
        }
    )*};
}
