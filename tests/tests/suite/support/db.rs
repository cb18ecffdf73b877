//! A fresh, uniquely named database per test, dropped afterwards (also when the test panics).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use fgr_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// A database engine the register runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file per test.
    Sqlite,
    /// PostgreSQL (`FGR_TEST_POSTGRES_URL`, default the local server).
    Postgres,
    /// MariaDB (`FGR_TEST_MARIADB_URL`, default the local server).
    MariaDb,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
            Self::MariaDb => "mariadb",
        }
    }

    /// Whether this run tests the backend: all three unless `FGR_TEST_BACKENDS` lists fewer.
    pub fn selected(self) -> bool {
        let selected = std::env::var("FGR_TEST_BACKENDS")
            .map(|v| v.split(',').any(|b| b.trim() == self.name()))
            .unwrap_or(true);
        if !selected {
            eprintln!(
                "NOT RUN on {}: FGR_TEST_BACKENDS leaves it out",
                self.name()
            );
        }
        selected
    }

    fn admin_url(self) -> String {
        match self {
            Self::Sqlite => String::new(),
            Self::Postgres => std::env::var("FGR_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into()),
            Self::MariaDb => std::env::var("FGR_TEST_MARIADB_URL")
                .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into()),
        }
    }
}

/// `url` pointing at database `name` instead.
fn with_database(url: &str, name: &str) -> String {
    let base = url.split('?').next().unwrap_or(url);
    let cut = base
        .rfind('/')
        .filter(|i| *i > base.find("://").map_or(0, |s| s + 2));
    match cut {
        Some(i) => format!("{}/{name}", &base[..i]),
        None => format!("{base}/{name}"),
    }
}

/// `url` with `user` (and no password) instead of its user.
pub fn with_user(url: &str, user: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let host = rest.split_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{user}@{host}")
}

fn unique_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "fgr_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// A pool on `url`, with the options `fgr serve` uses, that records the SQL of every statement
/// it runs.
async fn counted_pool(url: &str) -> (DatabaseConnection, Arc<Mutex<Vec<String>>>) {
    let mut conn = fgr_api::db::connect(url)
        .await
        .expect("connect to test database");
    let statements = Arc::new(Mutex::new(Vec::new()));
    let log = statements.clone();
    conn.set_metric_callback(move |info| {
        if let Ok(mut log) = log.lock() {
            log.push(info.statement.sql.clone());
        }
    });
    (conn, statements)
}

/// The role the application connects as on PostgreSQL in the tests, as the README's operations
/// notes advise for production: it reads and writes rows but owns nothing, so it can neither
/// change the schema nor drop the audit trail's triggers.
pub const APP_ROLE: &str = "fgr_app";

/// A database made for one test.
pub struct TestDb {
    /// The connection pool the application uses; counts every statement it runs. On PostgreSQL,
    /// once migrated, it connects as [`APP_ROLE`] (no DDL rights).
    pub conn: DatabaseConnection,
    /// A pool as the database's owner: for what only the owner may do (migrations, a test's
    /// injected triggers, tampering with the audit trail as an attacker with the owner's rights).
    pub owner: DatabaseConnection,
    /// The application's URL.
    pub url: String,
    /// Its engine.
    pub backend: Backend,
    name: String,
    statements: Arc<Mutex<Vec<String>>>,
    /// Whether dropping this drops the database (only the pool that made it does).
    owned: bool,
}

impl TestDb {
    /// An empty database.
    pub async fn empty(backend: Backend) -> Self {
        let name = unique_name();
        let url = match backend {
            Backend::Sqlite => format!(
                "sqlite://{}?mode=rwc",
                std::env::temp_dir().join(format!("{name}.db")).display()
            ),
            Backend::Postgres | Backend::MariaDb => {
                let admin_url = backend.admin_url();
                let admin = Database::connect(admin_url.as_str()).await.unwrap_or_else(|e| {
                    panic!(
                        "{} is not reachable at {admin_url} ({e}); start it, or leave it out with FGR_TEST_BACKENDS",
                        backend.name()
                    )
                });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                with_database(&admin_url, &name)
            }
        };
        let (conn, statements) = counted_pool(&url).await;
        Self {
            owner: conn.clone(),
            conn,
            url,
            backend,
            name,
            statements,
            owned: true,
        }
    }

    /// On PostgreSQL: the application's pool becomes one as [`APP_ROLE`], with rights on rows
    /// only (the grants the README documents); elsewhere nothing changes.
    async fn into_app_role(mut self) -> Self {
        if self.backend != Backend::Postgres {
            return self;
        }
        // The role is the cluster's, shared by every test: created once, by whichever comes first.
        self.owner
            .execute_unprepared(&format!(
                "DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            ))
            .await
            .expect("create the app role");
        for grant in [
            format!("GRANT CONNECT ON DATABASE {} TO {APP_ROLE}", self.name),
            format!("REVOKE CREATE ON SCHEMA public FROM PUBLIC, {APP_ROLE}"),
            format!("GRANT USAGE ON SCHEMA public TO {APP_ROLE}"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
            ),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}"),
        ] {
            self.owner
                .execute_unprepared(&grant)
                .await
                .expect("grant the app role");
        }
        self.url = with_user(&self.url, APP_ROLE);
        let (conn, statements) = counted_pool(&self.url).await;
        self.conn = conn;
        self.statements = statements;
        self
    }

    /// A pool of its own on the same database, as another process would have (a replica); the
    /// database stays until the original is dropped.
    pub async fn another_pool(&self) -> Self {
        let (conn, statements) = counted_pool(&self.url).await;
        Self {
            owner: self.owner.clone(),
            conn,
            url: self.url.clone(),
            backend: self.backend,
            name: self.name.clone(),
            statements,
            owned: false,
        }
    }

    /// The database at `url`, made and dropped by someone else (a cluster a test started).
    pub async fn existing(backend: Backend, url: &str) -> Self {
        let (conn, statements) = counted_pool(url).await;
        Self {
            owner: conn.clone(),
            conn,
            url: url.to_owned(),
            backend,
            name: String::new(),
            statements,
            owned: false,
        }
    }

    /// A database with every migration applied.
    pub async fn migrated(backend: Backend) -> Self {
        let db = Self::empty(backend).await;
        Migrator::up(&db.owner, None)
            .await
            .expect("migrations apply");
        db.into_app_role().await
    }

    /// A migrated database holding the seed data.
    pub async fn seeded(backend: Backend) -> Self {
        let db = Self::migrated(backend).await;
        fgr_api::seed::run(&db.conn).await.expect("seed loads");
        db
    }

    /// The SQL of every statement run since the last [`TestDb::reset_statements`].
    pub fn statements(&self) -> Vec<String> {
        self.statements
            .lock()
            .map(|l| l.clone())
            .unwrap_or_default()
    }

    /// Starts recording statements afresh.
    pub fn reset_statements(&self) {
        if let Ok(mut log) = self.statements.lock() {
            log.clear();
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if !self.owned {
            return;
        }
        let (backend, name, url) = (self.backend, self.name.clone(), self.url.clone());
        // Drop runs outside any async context we may block, so clean up on a thread of its own.
        let cleanup = std::thread::spawn(move || match backend {
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc")
                    .to_owned();
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            Backend::Postgres | Backend::MariaDb => {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(backend.admin_url().as_str()).await {
                        let sql = if backend == Backend::Postgres {
                            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                        } else {
                            // Like PostgreSQL's FORCE: end the test's own connections first, and
                            // never wait long for a lock.
                            let _ = admin.execute_unprepared("SET SESSION lock_wait_timeout = 10").await;
                            let ids = admin
                                .query_all_raw(sea_orm::Statement::from_string(
                                    sea_orm::DatabaseBackend::MySql,
                                    format!("SELECT id FROM information_schema.processlist WHERE db = '{name}'"),
                                ))
                                .await
                                .unwrap_or_default();
                            for row in ids {
                                if let Ok(id) = row.try_get_by_index::<u64>(0) {
                                    let _ = admin.execute_unprepared(&format!("KILL {id}")).await;
                                }
                            }
                            format!("DROP DATABASE IF EXISTS {name}")
                        };
                        let _ = admin.execute_unprepared(&sql).await;
                        let _ = admin.close().await;
                    }
                });
            }
        });
        let _ = cleanup.join();
    }
}

#[test]
fn database_urls_are_rewritten_to_the_app_role() {
    assert_eq!(
        with_user("postgres://postgres:pw@127.0.0.1:5432/x", "fgr_app"),
        "postgres://fgr_app@127.0.0.1:5432/x"
    );
}

#[test]
fn database_urls_are_rewritten_to_the_test_database() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("mysql://root@127.0.0.1:3306/test?ssl=false", "y"),
        "mysql://root@127.0.0.1:3306/y"
    );
}
