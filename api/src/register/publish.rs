//! Publishing snapshots: the current [`Register`] behind an `ArcSwap`, replaced whole after every
//! committed change, and the freshness rule that keeps several replicas coherent.
//!
//! **The guarantee.** A read that starts after a change was committed (through this process or
//! any other on the same database) sees that change. Before answering from memory, a read makes
//! sure a check of the change feed's head (`SELECT MAX(seq) FROM change_event`) has *started*
//! after the read arrived; if the head moved past the snapshot, the snapshot catches up first
//! (reading only what the new events name). Checks are coalesced: one runs at a time, it serves
//! every read that arrived before it started (they are woken together when it ends), and the
//! next one starts as soon as it ends, so under load a check costs a fraction of a statement per
//! read, and on its own a read costs one small indexed statement.
//!
//! **SQLite** is owned by one process, so there the database is asked only after this process
//! committed something (counted by [`crate::domain::tx::committed`]): a read of a current
//! snapshot costs no statement at all. A change made to the file by another process (say
//! `fgr seed` while the server runs) is seen after the server's next own change or a restart.
//!
//! Readers never wait for writers and never see half a change: a writer's transaction is
//! invisible until it commits, a snapshot is read in one consistent transaction, and the switch
//! to the next snapshot is a single pointer swap.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwap;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::{watch, Mutex};

use super::load;
use super::snapshot::Register;
use crate::domain::tx;
use crate::error::DomainResult;

/// Marks the end of a freshness check, also when it failed or its request was dropped, and wakes
/// the reads waiting for it.
struct Leading<'a>(&'a ReadModel);

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        self.0.leading.store(false, Ordering::SeqCst);
        self.0.served.send_modify(|_| {});
    }
}

/// The register in memory, kept current with the database.
pub struct ReadModel {
    db: DatabaseConnection,
    current: ArcSwap<Register>,
    /// Held while the snapshot is caught up or read again: one at a time.
    checking: Mutex<()>,
    /// Reads that asked for a check so far, numbered.
    tickets: AtomicU64,
    /// Every read numbered up to this has been served by a check that started after it arrived;
    /// waiting reads are woken together when it moves.
    served: watch::Sender<u64>,
    /// Whether a freshness check is running (one at a time; its runner is the "leader").
    leading: AtomicBool,
    /// On SQLite: this process's commit count when the last check started (`u64::MAX`: never).
    commits_checked: AtomicU64,
    /// Whether the database is owned by this process alone (SQLite).
    single_process: bool,
}

impl ReadModel {
    /// A read model over `db`; the register is read on first use (or by [`ReadModel::fresh`]
    /// at start-up, to find a broken database before the first request does).
    pub fn new(db: DatabaseConnection) -> Arc<Self> {
        Arc::new(Self {
            single_process: db.get_database_backend() == DatabaseBackend::Sqlite,
            commits_checked: AtomicU64::new(u64::MAX),
            db,
            current: ArcSwap::from_pointee(Register::unloaded()),
            checking: Mutex::new(()),
            tickets: AtomicU64::new(0),
            served: watch::Sender::new(0),
            leading: AtomicBool::new(false),
        })
    }

    /// The database behind it.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The snapshot as published, without asking the database: for callers that just caught up,
    /// and for a single process that knows nobody else writes.
    pub fn published(&self) -> Arc<Register> {
        self.current.load_full()
    }

    /// The snapshot, current as of this call: every change committed before the call is in it.
    ///
    /// # Errors
    /// `INTERNAL` when the database cannot be asked.
    pub async fn fresh(&self) -> DomainResult<Arc<Register>> {
        if self.single_process {
            return self.fresh_single_process().await;
        }
        let ticket = self.tickets.fetch_add(1, Ordering::SeqCst) + 1;
        let mut served = self.served.subscribe();
        loop {
            if *served.borrow_and_update() >= ticket {
                // A check that started after this read arrived has finished.
                return Ok(self.current.load_full());
            }
            if self
                .leading
                .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                let _leading = Leading(self);
                // Every read numbered up to `covered` arrived before the check below starts.
                let covered = self.tickets.load(Ordering::SeqCst);
                self.check().await?;
                self.served.send_modify(|s| *s = (*s).max(covered));
                continue;
            }
            // The check running now may have started before this read arrived: wait for it to
            // end, then look again (and perhaps run the next one).
            if served.changed().await.is_err() {
                return Ok(self.current.load_full());
            }
        }
    }

    /// [`ReadModel::fresh`] for a database only this process writes: nothing committed since
    /// the last check means nothing changed.
    async fn fresh_single_process(&self) -> DomainResult<Arc<Register>> {
        let commits = tx::committed();
        if self.commits_checked.load(Ordering::SeqCst) == commits {
            return Ok(self.current.load_full());
        }
        let _one_at_a_time = self.checking.lock().await;
        // Counted before the check, so a commit during it is checked again next time.
        let commits = tx::committed();
        if self.commits_checked.load(Ordering::SeqCst) != commits {
            self.check_locked().await?;
            self.commits_checked.store(commits, Ordering::SeqCst);
        }
        Ok(self.current.load_full())
    }

    /// Brings the snapshot up to the database after a change this process committed, so that
    /// the caller's next read (and everyone's) sees it without waiting for a check.
    ///
    /// # Errors
    /// `INTERNAL` when the database cannot be read.
    pub async fn catch_up(&self) -> DomainResult<Arc<Register>> {
        let _one_at_a_time = self.checking.lock().await;
        let current = self.current.load_full();
        self.catch_up_locked(&current).await?;
        Ok(self.current.load_full())
    }

    /// Reads the whole register again (after changes made behind the feed's back, e.g. by hand
    /// in the database).
    ///
    /// # Errors
    /// `INTERNAL` when the database cannot be read.
    pub async fn reload(&self) -> DomainResult<Arc<Register>> {
        let _one_at_a_time = self.checking.lock().await;
        let commits = tx::committed();
        let register = Arc::new(load::everything(&self.db).await?);
        self.commits_checked.store(commits, Ordering::SeqCst);
        self.current.store(register.clone());
        Ok(register)
    }

    /// Asks the database how far the feed has come and catches up if it moved past the snapshot.
    async fn check(&self) -> DomainResult<()> {
        let _one_at_a_time = self.checking.lock().await;
        self.check_locked().await
    }

    async fn check_locked(&self) -> DomainResult<()> {
        let current = self.current.load_full();
        if load::head(&self.db).await? != current.revision() {
            self.catch_up_locked(&current).await?;
        }
        Ok(())
    }

    async fn catch_up_locked(&self, current: &Register) -> DomainResult<()> {
        if current.revision() == Register::UNLOADED {
            let register = load::everything(&self.db).await?;
            tracing::info!(
                revision = register.revision(),
                groups = register.groups().len(),
                "register read into memory"
            );
            self.current.store(Arc::new(register));
            return Ok(());
        }
        if let Some(next) = load::after(&self.db, current).await? {
            tracing::debug!(
                from = current.revision(),
                to = next.revision(),
                "register snapshot caught up"
            );
            self.current.store(Arc::new(next));
        }
        Ok(())
    }
}
