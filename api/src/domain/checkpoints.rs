//! Signed checkpoints of the audit chain, kept outside the database.
//!
//! The chain's hashes are unkeyed: someone who can write the database (and drop its triggers)
//! can rewrite entries and recompute every hash, and `verify` alone would call that intact. A
//! checkpoint records the head (sequence number and hash) at a moment, signed with HMAC-SHA256
//! under a key that is *not* in the database (`FGR_AUDIT_KEY_FILE`). The operator appends one to a
//! file elsewhere now and then (`fgr audit checkpoint >> checkpoints.jsonl`); `fgr audit verify
//! --checkpoints FILE` then checks that each checkpoint is genuine and that the entry it names
//! still has the hash it had. A rewrite of anything before the last checkpoint changes that hash,
//! and a forged checkpoint needs the key.

use fgr_entities::{audit_event, audit_head};
use hmac::{Hmac, Mac};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::error::{DomainError, DomainResult};

/// The shortest key accepted, in bytes.
pub const MIN_KEY_BYTES: usize = 32;

/// A signed record of the chain's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    /// The last entry's sequence number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
    /// When the checkpoint was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// HMAC-SHA256 over the fields above, hex.
    pub mac: String,
}

/// A key read from a file: its bytes, surrounding white space removed.
///
/// # Errors
/// A message when the file cannot be read or is shorter than [`MIN_KEY_BYTES`].
pub fn key_from_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let key = text.trim().as_bytes().to_vec();
    if key.len() < MIN_KEY_BYTES {
        return Err(format!(
            "the key file {} holds {} bytes; use at least {MIN_KEY_BYTES} random ones (e.g. `openssl rand -hex 32`)",
            path.display(),
            key.len()
        ));
    }
    Ok(key)
}

/// The MAC over a checkpoint's fields, ready to finish or verify.
fn signer(key: &[u8], seq: i64, hash: &str, taken_at: &str) -> Hmac<Sha256> {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(format!("fgr-audit-checkpoint/1\n{seq}\n{hash}\n{taken_at}").as_bytes());
    mac
}

fn mac_of(key: &[u8], seq: i64, hash: &str, taken_at: &str) -> String {
    signer(key, seq, hash, taken_at)
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Checkpoint {
    /// One line of a checkpoints file.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether `key` signed it.
    pub fn is_genuine(&self, key: &[u8]) -> bool {
        // Compared in constant time by the MAC library.
        let Ok(expected) = (0..self.mac.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(self.mac.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<Vec<u8>, _>>()
        else {
            return false;
        };
        signer(key, self.seq, &self.hash, &self.taken_at)
            .verify_slice(&expected)
            .is_ok()
    }
}

/// A checkpoint of the chain's head now, signed with `key`.
///
/// # Errors
/// `INTERNAL` when the database fails or has no head.
pub async fn take(db: &impl ConnectionTrait, key: &[u8]) -> DomainResult<Checkpoint> {
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::internal("audit_head row missing"))?;
    let taken_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    Ok(Checkpoint {
        mac: mac_of(key, head.last_seq, &head.last_hash, &taken_at),
        seq: head.last_seq,
        hash: head.last_hash,
        taken_at,
    })
}

/// Reads a checkpoints file: one JSON object per line, blank lines skipped.
///
/// # Errors
/// A message naming the first line that is not a checkpoint.
pub fn parse(text: &str) -> Result<Vec<Checkpoint>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("line {}: not a checkpoint ({e})", n + 1))
        })
        .collect()
}

/// Checks the chain against `checkpoints`: each must be signed with `key`, and the entry it names
/// must still carry its hash. The first that fails, with why; `None` when all hold.
///
/// # Errors
/// `INTERNAL` when the database fails.
pub async fn check(
    db: &impl ConnectionTrait,
    key: &[u8],
    checkpoints: &[Checkpoint],
) -> DomainResult<Option<(i64, String)>> {
    for c in checkpoints {
        if !c.is_genuine(key) {
            return Ok(Some((
                c.seq,
                format!(
                    "the checkpoint of {} is not signed with this key (forged or another key)",
                    c.taken_at
                ),
            )));
        }
        if c.seq == 0 {
            continue;
        }
        let entry = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.eq(c.seq))
            .one(db)
            .await?;
        match entry {
            None => return Ok(Some((c.seq, format!("entry #{} of the checkpoint of {} is gone", c.seq, c.taken_at)))),
            Some(e) if e.hash != c.hash => {
                return Ok(Some((
                    c.seq,
                    format!(
                        "entry #{} no longer has the hash the checkpoint of {} recorded: the chain up to it was rewritten",
                        c.seq, c.taken_at
                    ),
                )))
            }
            Some(_) => {}
        }
    }
    Ok(None)
}
