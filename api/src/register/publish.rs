//! Publishing snapshots: the current [`Register`] behind an `ArcSwap`, replaced whole after every
//! committed change, and the freshness rule that keeps several replicas coherent.
//!
//! **The guarantee.** A read that starts after a change was committed (through this process or
//! any other on the same database) sees that change. Before answering from memory, a read makes
//! sure a check of the change feed's head (`SELECT MAX(seq) FROM change_event`) has *started*
//! after the read arrived; if the head moved past the snapshot, the snapshot catches up first
//! (reading only what the new events name). Checks are shared: a check serves every read that
//! arrived before it started (they are woken together when it ends). A read that finds only
//! checks running that started before it arrived starts its own at once, up to
//! [`CHECKS_IN_FLIGHT`] side by side, so a read waits for about one round trip to the database,
//! not two; under load a check costs a fraction of a statement per read.
//!
//! **SQLite** is owned by one process, so there the database is asked only after this process
//! committed something (counted by [`crate::domain::tx::committed`]): a read of a current
//! snapshot costs no statement at all. A change made to the file by another process (say
//! `fgr seed` while the server runs) is seen after the server's next own change or a restart.
//!
//! Readers never wait for writers and never see half a change: a writer's transaction is
//! invisible until it commits, a snapshot is read in one consistent transaction, and the switch
//! to the next snapshot is a single pointer swap.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwap;
use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::{watch, Mutex};

use super::load;
use super::snapshot::Register;
use crate::domain::tx;
use crate::error::DomainResult;

/// How many freshness checks may run side by side. More than one, so that a read arriving while
/// a check runs need not wait for it to end before its own can start; few, because every check
/// holds a pooled connection.
pub const CHECKS_IN_FLIGHT: usize = 3;

/// The bookkeeping of the shared freshness checks.
#[derive(Default)]
struct Checks {
    /// Reads that asked for a check so far: a read's ticket is its number.
    arrived: u64,
    /// Running checks, each by the last ticket it covers (those arrived before it started).
    running: Vec<u64>,
    /// Every read numbered up to this has been served by a check that started after it arrived.
    served: u64,
}

/// What a read does next.
enum Next {
    Answer,
    Wait,
    Check(u64),
}

/// Marks the end of a freshness check, also when it failed or its request was dropped, and wakes
/// the reads waiting for it.
struct Running<'a> {
    model: &'a ReadModel,
    covers: u64,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        {
            let mut checks = self.model.checks.lock().expect("checks lock");
            if let Some(at) = checks.running.iter().position(|&c| c == self.covers) {
                checks.running.swap_remove(at);
            }
        }
        self.model
            .check_ended
            .send_modify(|n| *n = n.wrapping_add(1));
    }
}

/// The register in memory, kept current with the database.
pub struct ReadModel {
    db: DatabaseConnection,
    current: ArcSwap<Register>,
    /// Held while the snapshot is caught up or read again: one at a time.
    catching_up: Mutex<()>,
    /// The shared freshness checks (held only for a few instructions, never across an await).
    checks: std::sync::Mutex<Checks>,
    /// Bumped whenever a check ends: waiting reads look again.
    check_ended: watch::Sender<u64>,
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
            catching_up: Mutex::new(()),
            checks: std::sync::Mutex::new(Checks::default()),
            check_ended: watch::Sender::new(0),
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
        let mut ended = self.check_ended.subscribe();
        let ticket = {
            let mut checks = self.checks.lock().expect("checks lock");
            checks.arrived += 1;
            checks.arrived
        };
        loop {
            // Seen before deciding, so a check ending after the decision wakes the wait below.
            ended.borrow_and_update();
            let next = {
                let mut checks = self.checks.lock().expect("checks lock");
                if checks.served >= ticket {
                    Next::Answer
                } else if checks.running.iter().any(|&covers| covers >= ticket) {
                    // A check that started after this read arrived is running.
                    Next::Wait
                } else if checks.running.len() < CHECKS_IN_FLIGHT {
                    let covers = checks.arrived;
                    checks.running.push(covers);
                    Next::Check(covers)
                } else {
                    Next::Wait
                }
            };
            match next {
                Next::Answer => return Ok(self.current.load_full()),
                Next::Wait => {
                    if ended.changed().await.is_err() {
                        return Ok(self.current.load_full());
                    }
                }
                Next::Check(covers) => {
                    let _running = Running {
                        model: self,
                        covers,
                    };
                    self.check().await?;
                    let mut checks = self.checks.lock().expect("checks lock");
                    checks.served = checks.served.max(covers);
                }
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
        let _one_at_a_time = self.catching_up.lock().await;
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
        let _one_at_a_time = self.catching_up.lock().await;
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
        let _one_at_a_time = self.catching_up.lock().await;
        let commits = tx::committed();
        let register = Arc::new(load::everything(&self.db).await?);
        self.commits_checked.store(commits, Ordering::SeqCst);
        self.current.store(register.clone());
        Ok(register)
    }

    /// Asks the database how far the feed has come and catches up if it moved past the snapshot.
    /// Checks run side by side; only catching up is one at a time.
    async fn check(&self) -> DomainResult<()> {
        let head = load::head(&self.db).await?;
        if head == self.current.load().revision() {
            return Ok(());
        }
        let _one_at_a_time = self.catching_up.lock().await;
        let current = self.current.load_full();
        // Another check may have caught up meanwhile, to this head or past it: then `after`
        // finds the database's head equal to the snapshot's and changes nothing.
        if head != current.revision() {
            self.catch_up_locked(&current).await?;
        }
        Ok(())
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
