//! Serde helpers shared by the result structs.
//!
//! Raw bytes are rendered as lowercase hex (a JSON array of numbers would be
//! unreadable for keys and randoms), and protocol names such as ALPN ids are
//! rendered as text because every registered one is ASCII; lossy conversion
//! keeps a hostile non-UTF-8 value from failing the whole summary.

use serde::Serializer;
use serde::ser::SerializeSeq;

pub(crate) fn hex_bytes<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(bytes))
}

pub(crate) fn opt_hex_list<S: Serializer>(
    list: &Option<Vec<Vec<u8>>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match list {
        None => s.serialize_none(),
        Some(items) => {
            let mut seq = s.serialize_seq(Some(items.len()))?;
            for item in items {
                seq.serialize_element(&hex::encode(item))?;
            }
            seq.end()
        }
    }
}

pub(crate) fn text_list<S: Serializer>(list: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(list.len()))?;
    for item in list {
        seq.serialize_element(&String::from_utf8_lossy(item))?;
    }
    seq.end()
}

pub(crate) fn opt_text_list<S: Serializer>(
    list: &Option<Vec<Vec<u8>>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match list {
        None => s.serialize_none(),
        Some(items) => text_list(items, s),
    }
}
