//! A short-lived cache of API tokens that checked out, so that an integration polling at HTTP
//! speed does not cost a database look-up per request.
//!
//! An entry lives [`TTL`] at most, so a token revoked (or expired) in the database is refused by
//! every replica within that time: each replica's entries age out on their own, nothing has to be
//! told. Only successful checks are cached, keyed by the SHA-256 of the whole token (never the
//! token itself); a failed check always goes to the database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::domain::access::Machine;

/// How long a checked token is believed without asking the database again.
pub const TTL: Duration = Duration::from_millis(500);

/// At most this many tokens are remembered; past it the cache starts afresh.
const CAPACITY: usize = 10_000;

/// Tokens checked in the last [`TTL`].
#[derive(Default)]
pub struct CredentialCache {
    entries: Mutex<HashMap<[u8; 32], Entry>>,
}

struct Entry {
    machine: Machine,
    expires_at: Option<NaiveDateTime>,
    checked: Instant,
}

impl CredentialCache {
    /// The machine `token` stood for, if it checked out less than [`TTL`] ago and has not
    /// expired since.
    pub fn get(&self, token: &str, now: NaiveDateTime) -> Option<Machine> {
        let key = super::secrets::hash_bytes(token);
        let entries = self.entries.lock().ok()?;
        let entry = entries.get(&key)?;
        let fresh = entry.checked.elapsed() < TTL && entry.expires_at.is_none_or(|e| now < e);
        fresh.then(|| entry.machine.clone())
    }

    /// Remembers that `token` checked out as `machine` (valid until `expires_at`).
    pub fn put(&self, token: &str, machine: &Machine, expires_at: Option<NaiveDateTime>) {
        let key = super::secrets::hash_bytes(token);
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.retain(|_, e| e.checked.elapsed() < TTL);
                if entries.len() >= CAPACITY {
                    entries.clear();
                }
            }
            entries.insert(
                key,
                Entry {
                    machine: machine.clone(),
                    expires_at,
                    checked: Instant::now(),
                },
            );
        }
    }
}
