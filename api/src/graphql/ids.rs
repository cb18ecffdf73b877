//! Global object ids for Relay's `node(id:)`: an opaque base64 of `Type:number`.

use async_graphql::ID;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The global id of object `kind` with key `id`.
pub fn encode(kind: &str, id: i32) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

/// The type and key in a global id; `None` when it is not one of ours.
pub fn decode(id: &ID) -> Option<(String, i32)> {
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, key) = text.split_once(':')?;
    Some((kind.to_owned(), key.parse().ok()?))
}

/// An opaque pagination cursor for position `offset`.
pub fn cursor(offset: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

/// The position in a cursor made by [`cursor`].
pub fn parse_cursor(cursor: &str) -> Option<u64> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let offset: u64 = String::from_utf8(bytes)
        .ok()?
        .strip_prefix("offset:")?
        .parse()
        .ok()?;
    // No list of the register comes near this; larger values are forged (and would overflow).
    (offset <= MAX_OFFSET).then_some(offset)
}

/// The largest offset a cursor may carry.
pub const MAX_OFFSET: u64 = i32::MAX as u64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_cursors_round_trip() {
        assert_eq!(
            decode(&encode("FunctionGroup", 12)),
            Some(("FunctionGroup".into(), 12))
        );
        assert_eq!(parse_cursor(&cursor(41)), Some(41));
        assert_eq!(decode(&ID("not-an-id".into())), None);
        assert_eq!(parse_cursor("garbage"), None);
    }
}
