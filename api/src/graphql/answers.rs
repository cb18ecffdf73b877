//! Finished answers of repeated reads, kept per snapshot of the register.
//!
//! An appraisal tool asks the same few questions over and over (`appraisalCriteria` for a group
//! and scale, `vacancyText`, a page of `functionGroups`), and while the register does not change
//! the answer is the same bytes every time. So an answer that came out of the snapshot alone is
//! kept, serialized, and the next identical request gets those bytes without parsing, validating,
//! resolving or serializing anything. The freshness rule of the read model still runs first: an
//! answer is only reused for the very snapshot it was computed from, so a change (through this
//! replica or another) is seen by the next read exactly as without the cache.
//!
//! What may be kept, and under which key:
//! - only answers without errors, computed by a request that read nothing but the snapshot (a
//!   resolver that asks the database or looks at the caller marks its request, see
//!   [`super::RequestRegister`]);
//! - only for anonymous callers and machine clients, keyed by their scopes (what they may read);
//!   people's answers are never kept (they depend on who they are);
//! - keyed by the whole request text (document, operation name, variables) and today's date
//!   (answers without an explicit `on` depend on it).
//!
//! Bounded: at most [`MAX_ENTRIES`] answers and [`MAX_BYTES`] in all for the current snapshot;
//! answers of an older snapshot are dropped as soon as an answer of a newer one is kept.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, Weak};

use axum::body::Bytes;
use chrono::NaiveDate;

use crate::domain::access::Principal;
use crate::register::Register;

/// How many answers are kept for one snapshot.
pub const MAX_ENTRIES: usize = 2048;
/// How many bytes of answers are kept for one snapshot.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Larger answers are not kept: they are rare, and would crowd out the hot ones.
pub const MAX_ANSWER_BYTES: usize = 512 * 1024;

/// What identifies one question: who may read what, the day, and the request's text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// The key of `request` asked by `principal` on `day`, or `None` when its answer must not be
    /// kept (a person's request).
    pub fn of(
        principal: &Principal,
        day: NaiveDate,
        request: &async_graphql::Request,
    ) -> Option<Self> {
        let mut key = String::with_capacity(request.query.len() + 64);
        match principal {
            Principal::Person(_) => return None,
            Principal::Anonymous => key.push('a'),
            Principal::Machine(machine) => {
                key.push('m');
                for scope in &machine.scopes {
                    key.push_str(scope.code());
                    key.push(',');
                }
            }
        }
        // Requests carrying protocol extensions (persisted queries, tracing) are not kept.
        if !request.extensions.is_empty() {
            return None;
        }
        let _ = write!(key, "\u{0}{day}\u{0}");
        key.push_str(request.operation_name.as_deref().unwrap_or(""));
        key.push('\u{0}');
        key.push_str(&request.query);
        key.push('\u{0}');
        if !request.variables.is_empty() {
            key.push_str(&serde_json::to_string(&request.variables).ok()?);
        }
        Some(Self(key))
    }
}

/// The answers kept for one snapshot.
struct Generation {
    /// The snapshot they were computed from (weak: the cache never keeps a snapshot alive, and
    /// the allocation it points to cannot be reused for another one while this is held).
    snapshot: Weak<Register>,
    day: NaiveDate,
    entries: HashMap<Key, Bytes>,
    bytes: usize,
}

/// The kept answers (see the module's documentation).
pub struct Answers {
    current: Mutex<Generation>,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            current: Mutex::new(Generation {
                snapshot: Weak::new(),
                day: NaiveDate::MIN,
                entries: HashMap::new(),
                bytes: 0,
            }),
        }
    }
}

impl Answers {
    /// The answer kept for `key` computed from `snapshot`, if any.
    pub fn get(&self, snapshot: &Arc<Register>, key: &Key) -> Option<Bytes> {
        let current = self.current.lock().expect("answers lock");
        if current.snapshot.as_ptr() != Arc::as_ptr(snapshot) {
            return None;
        }
        current.entries.get(key).cloned()
    }

    /// Keeps `answer` to `key`, computed from `snapshot` on `day`. An answer of a snapshot older
    /// than the kept ones is not kept; one of a newer snapshot (or day) replaces them all.
    pub fn keep(&self, snapshot: &Arc<Register>, day: NaiveDate, key: Key, answer: Bytes) {
        if answer.len() > MAX_ANSWER_BYTES {
            return;
        }
        let mut current = self.current.lock().expect("answers lock");
        if current.snapshot.as_ptr() != Arc::as_ptr(snapshot) || current.day != day {
            let kept_is_newer = current
                .snapshot
                .upgrade()
                .is_some_and(|kept| kept.revision() > snapshot.revision() || current.day > day);
            if kept_is_newer {
                return;
            }
            *current = Generation {
                snapshot: Arc::downgrade(snapshot),
                day,
                entries: HashMap::new(),
                bytes: 0,
            };
        }
        if current.entries.len() >= MAX_ENTRIES || current.bytes + answer.len() > MAX_BYTES {
            return;
        }
        current.bytes += answer.len();
        if let Some(previous) = current.entries.insert(key, answer) {
            current.bytes -= previous.len();
        }
    }

    /// How many answers are kept (for tests and metrics).
    pub fn len(&self) -> usize {
        self.current.lock().expect("answers lock").entries.len()
    }

    /// Whether no answer is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
