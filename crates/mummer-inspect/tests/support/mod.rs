//! Shared test helpers: loading the browser captures, and building TLS
//! records, HTTP/2 frames and HPACK blocks by hand.
#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::PathBuf;

use serde_json::Value;

pub(crate) fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// One JSON object per line.
pub(crate) fn load_jsonl(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(data_path(name)).expect("read capture file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("capture line is JSON"))
        .collect()
}

pub(crate) fn load_json(name: &str) -> Value {
    let text = std::fs::read_to_string(data_path(name)).expect("read stable file");
    serde_json::from_str(&text).expect("stable file is JSON")
}

pub(crate) fn unhex(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(clean).expect("valid hex")
}

pub(crate) fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_str().expect("string").to_owned())
        .collect()
}

pub(crate) fn u64_list(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("number"))
        .collect()
}

/// "0x1301" -> 0x1301.
pub(crate) fn parse_hex_u16(s: &str) -> u16 {
    u16::from_str_radix(s.trim_start_matches("0x"), 16).expect("hex u16")
}

// ---------------------------------------------------------------- TLS

pub(crate) fn vec8(body: &[u8]) -> Vec<u8> {
    let mut out = vec![u8::try_from(body.len()).expect("fits u8")];
    out.extend_from_slice(body);
    out
}

pub(crate) fn vec16(body: &[u8]) -> Vec<u8> {
    let mut out = u16::try_from(body.len())
        .expect("fits u16")
        .to_be_bytes()
        .to_vec();
    out.extend_from_slice(body);
    out
}

pub(crate) fn u16s(values: &[u16]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_be_bytes()).collect()
}

pub(crate) fn sni_ext(host: &str) -> Vec<u8> {
    let mut entry = vec![0u8];
    entry.extend(vec16(host.as_bytes()));
    vec16(&entry)
}

pub(crate) fn protocol_list_ext(protocols: &[&[u8]]) -> Vec<u8> {
    let list: Vec<u8> = protocols.iter().flat_map(|p| vec8(p)).collect();
    vec16(&list)
}

/// A ClientHello handshake message (4-byte header + body).
pub(crate) fn hello_message(
    legacy_version: u16,
    ciphers: &[u16],
    extensions: &[(u16, Vec<u8>)],
) -> Vec<u8> {
    let mut body = legacy_version.to_be_bytes().to_vec();
    body.extend([0x11; 32]);
    body.extend(vec8(&[0x22; 32]));
    body.extend(vec16(&u16s(ciphers)));
    body.extend(vec8(&[0]));
    let exts: Vec<u8> = extensions
        .iter()
        .flat_map(|(t, d)| {
            let mut e = t.to_be_bytes().to_vec();
            e.extend(vec16(d));
            e
        })
        .collect();
    body.extend(vec16(&exts));
    let len = u32::try_from(body.len()).expect("fits").to_be_bytes();
    let mut msg = vec![1, len[1], len[2], len[3]];
    msg.extend(body);
    msg
}

/// Wraps a handshake message in TLS records of at most `max_fragment` bytes.
pub(crate) fn records(message: &[u8], max_fragment: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in message.chunks(max_fragment) {
        out.extend([22, 3, 1]);
        out.extend(vec16(chunk));
    }
    out
}

// ---------------------------------------------------------------- HTTP/2

pub(crate) const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

pub(crate) fn frame(frame_type: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len()).expect("fits").to_be_bytes();
    let mut out = vec![len[1], len[2], len[3], frame_type, flags];
    out.extend(stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

pub(crate) fn settings_frame(settings: &[(u16, u32)]) -> Vec<u8> {
    let payload: Vec<u8> = settings
        .iter()
        .flat_map(|(id, v)| {
            let mut e = id.to_be_bytes().to_vec();
            e.extend(v.to_be_bytes());
            e
        })
        .collect();
    frame(4, 0, 0, &payload)
}

pub(crate) fn window_update_frame(stream: u32, increment: u32) -> Vec<u8> {
    frame(8, 0, stream, &increment.to_be_bytes())
}

/// The 5 priority bytes; `weight` is the 1..=256 form.
pub(crate) fn priority_fields(exclusive: bool, depends_on: u32, weight: u16) -> Vec<u8> {
    let dep = depends_on | if exclusive { 0x8000_0000 } else { 0 };
    let mut out = dep.to_be_bytes().to_vec();
    out.push(u8::try_from(weight - 1).expect("weight 1..=256"));
    out
}

/// HPACK integer with an `n`-bit prefix whose high bits are `first`.
pub(crate) fn hpack_int(first: u8, n: u8, value: usize) -> Vec<u8> {
    let max = (1usize << n) - 1;
    if value < max {
        return vec![first | u8::try_from(value).expect("fits")];
    }
    let mut out = vec![first | u8::try_from(max).expect("fits")];
    let mut rest = value - max;
    while rest >= 128 {
        out.push(u8::try_from(rest % 128).expect("fits") | 0x80);
        rest /= 128;
    }
    out.push(u8::try_from(rest).expect("fits"));
    out
}

pub(crate) fn hpack_string(s: &str, huffman: bool) -> Vec<u8> {
    let bytes = if huffman {
        mummer_inspect::hpack::huffman_encode(s.as_bytes())
    } else {
        s.as_bytes().to_vec()
    };
    let mut out = hpack_int(if huffman { 0x80 } else { 0 }, 7, bytes.len());
    out.extend(bytes);
    out
}

/// A test-side HPACK encoder that reproduces a *given* representation per
/// field (as a capture recorded it), mirroring the dynamic table so that
/// `indexed` and `name-idx` refer to real entries.
#[derive(Default)]
pub(crate) struct ReprEncoder {
    dynamic: Vec<(String, String)>,
}

impl ReprEncoder {
    fn find(&self, name: &str, value: Option<&str>) -> Option<usize> {
        let stat = mummer_inspect::hpack::STATIC_TABLE
            .iter()
            .position(|(n, v)| *n == name && value.is_none_or(|val| *v == val))
            .map(|i| i + 1);
        stat.or_else(|| {
            self.dynamic
                .iter()
                .position(|(n, v)| n == name && value.is_none_or(|val| v == val))
                .map(|i| i + 62)
        })
    }

    fn insert(&mut self, name: &str, value: &str) {
        self.dynamic.insert(0, (name.to_owned(), value.to_owned()));
        let size =
            |t: &[(String, String)]| t.iter().map(|(n, v)| n.len() + v.len() + 32).sum::<usize>();
        while size(&self.dynamic) > 4096 {
            self.dynamic.pop();
        }
    }

    /// `repr` is `indexed` or `<inc|noidx|never>:<name-idx|name-lit>:<huff|raw>`.
    pub(crate) fn encode(&mut self, name: &str, value: &str, repr: &str) -> Vec<u8> {
        if repr == "indexed" {
            let idx = self
                .find(name, Some(value))
                .unwrap_or_else(|| panic!("no table entry for {name}: {value}"));
            return hpack_int(0x80, 7, idx);
        }
        let parts: Vec<&str> = repr.split(':').collect();
        let (first, n) = match parts[0] {
            "inc" => (0x40, 6),
            "noidx" => (0x00, 4),
            "never" => (0x10, 4),
            other => panic!("unknown repr {other}"),
        };
        let huffman = parts[2] == "huff";
        let mut out = if parts[1] == "name-idx" {
            let idx = self
                .find(name, None)
                .unwrap_or_else(|| panic!("no table name {name}"));
            hpack_int(first, n, idx)
        } else {
            // Both browsers Huffman-code literal names (the capture's label
            // only records the value's coding); this reproduces their sizes.
            let mut o = vec![first];
            o.extend(hpack_string(name, true));
            o
        };
        out.extend(hpack_string(value, huffman));
        if parts[0] == "inc" {
            self.insert(name, value);
        }
        out
    }
}
