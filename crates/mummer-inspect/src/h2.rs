//! HTTP/2 client connection preface and frames, as a fingerprinting server
//! sees them, and the Akamai HTTP/2 fingerprint.
//!
//! Scope: the bytes a client sends after the TLS handshake — the preface,
//! its SETTINGS, WINDOW_UPDATE and PRIORITY frames, and HEADERS (+
//! CONTINUATION) blocks, decoded with [`crate::hpack`]. DATA and other frame
//! payloads are skipped; only their headers are recorded.
//!
//! The Akamai fingerprint (Shuster, Black Hat EU 2017) is
//! `SETTINGS|WINDOW_UPDATE|PRIORITY|PSEUDO_HEADER_ORDER`:
//! * SETTINGS: the first non-ACK SETTINGS frame, `id:value` joined by `;`;
//! * WINDOW_UPDATE: increment of the first connection-level WINDOW_UPDATE
//!   sent before the first HEADERS, or `00` if none;
//! * PRIORITY: PRIORITY frames sent before the first HEADERS as
//!   `stream:exclusive:depends_on:weight` joined by `,` (weight 1..=256), or
//!   `0` if none;
//! * pseudo-header order of the first HEADERS block: `m,a,s,p` etc.

use serde::Serialize;

use crate::hpack::{self, HeaderField, HpackError};
use crate::reader::Reader;

/// The client connection preface (RFC 9113 §3.4).
pub const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// Frame type codes (RFC 9113 §6).
pub mod frame_type {
    /// DATA.
    pub const DATA: u8 = 0x0;
    /// HEADERS.
    pub const HEADERS: u8 = 0x1;
    /// PRIORITY.
    pub const PRIORITY: u8 = 0x2;
    /// RST_STREAM.
    pub const RST_STREAM: u8 = 0x3;
    /// SETTINGS.
    pub const SETTINGS: u8 = 0x4;
    /// PUSH_PROMISE.
    pub const PUSH_PROMISE: u8 = 0x5;
    /// PING.
    pub const PING: u8 = 0x6;
    /// GOAWAY.
    pub const GOAWAY: u8 = 0x7;
    /// WINDOW_UPDATE.
    pub const WINDOW_UPDATE: u8 = 0x8;
    /// CONTINUATION.
    pub const CONTINUATION: u8 = 0x9;
}

/// Frame flag bits this module interprets.
pub mod flags {
    /// ACK on SETTINGS and PING.
    pub const ACK: u8 = 0x1;
    /// END_STREAM on HEADERS and DATA.
    pub const END_STREAM: u8 = 0x1;
    /// END_HEADERS on HEADERS and CONTINUATION.
    pub const END_HEADERS: u8 = 0x4;
    /// PADDED on HEADERS and DATA.
    pub const PADDED: u8 = 0x8;
    /// PRIORITY on HEADERS.
    pub const PRIORITY: u8 = 0x20;
}

/// Why the client's HTTP/2 bytes could not be interpreted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum H2Error {
    /// The input does not start with the client connection preface.
    #[error("missing HTTP/2 client connection preface")]
    MissingPreface,
    /// A frame's payload contradicts its type (e.g. SETTINGS length not a
    /// multiple of 6, padding longer than the payload).
    #[error("malformed {frame} frame: {reason}")]
    MalformedFrame {
        /// Frame type name.
        frame: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// A header block could not be decoded.
    #[error("HPACK: {0}")]
    Hpack(#[from] HpackError),
}

/// The 9-byte header of one frame, in the order received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FrameHeader {
    /// Frame type code.
    #[serde(rename = "type")]
    pub frame_type: u8,
    /// Flags byte.
    pub flags: u8,
    /// Stream identifier (reserved bit cleared).
    pub stream_id: u32,
    /// Payload length.
    pub length: u32,
}

impl FrameHeader {
    /// Name of the frame type, `"UNKNOWN"` for extension frames.
    pub fn type_name(&self) -> &'static str {
        match self.frame_type {
            frame_type::DATA => "DATA",
            frame_type::HEADERS => "HEADERS",
            frame_type::PRIORITY => "PRIORITY",
            frame_type::RST_STREAM => "RST_STREAM",
            frame_type::SETTINGS => "SETTINGS",
            frame_type::PUSH_PROMISE => "PUSH_PROMISE",
            frame_type::PING => "PING",
            frame_type::GOAWAY => "GOAWAY",
            frame_type::WINDOW_UPDATE => "WINDOW_UPDATE",
            frame_type::CONTINUATION => "CONTINUATION",
            _ => "UNKNOWN",
        }
    }
}

/// One SETTINGS parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Setting {
    /// Identifier (1 = HEADER_TABLE_SIZE, 2 = ENABLE_PUSH, ...).
    pub id: u16,
    /// Value.
    pub value: u32,
}

/// Stream dependency and weight, from a PRIORITY frame or a HEADERS frame
/// with the PRIORITY flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Priority {
    /// Exclusive flag.
    pub exclusive: bool,
    /// Stream this one depends on.
    pub depends_on: u32,
    /// Weight as fingerprinters print it: the wire byte + 1, so 1..=256.
    pub weight: u16,
}

/// A PRIORITY frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PriorityFrame {
    /// Stream the frame is about.
    pub stream_id: u32,
    /// Its priority.
    pub priority: Priority,
}

/// One request head: a HEADERS frame plus any CONTINUATION frames.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct H2Request {
    /// Stream id of the HEADERS frame.
    pub stream_id: u32,
    /// Flags of the HEADERS frame (e.g. 0x25 = END_STREAM|END_HEADERS|PRIORITY).
    pub flags: u8,
    /// Priority fields of the HEADERS frame, if it had the PRIORITY flag.
    pub priority: Option<Priority>,
    /// Number of CONTINUATION frames that followed.
    pub continuation_frames: usize,
    /// Dynamic table size updates at the start of the block.
    pub size_updates: Vec<usize>,
    /// Decoded fields in order, with their HPACK representation.
    pub fields: Vec<HeaderField>,
}

impl H2Request {
    /// Whether the HEADERS frame ended the stream (a request without body).
    pub fn end_stream(&self) -> bool {
        self.flags & flags::END_STREAM != 0
    }

    /// `(name, value)` pairs in order, pseudo-headers included.
    pub fn headers(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect()
    }

    /// Pseudo-header names in order (`:method`, `:authority`, ...).
    pub fn pseudo_header_order(&self) -> Vec<&str> {
        self.fields
            .iter()
            .map(|f| f.name.as_str())
            .filter(|n| n.starts_with(':'))
            .collect()
    }

    /// Regular header names in order.
    pub fn header_order(&self) -> Vec<&str> {
        self.fields
            .iter()
            .map(|f| f.name.as_str())
            .filter(|n| !n.starts_with(':'))
            .collect()
    }

    /// HPACK representation labels in field order (see [`HeaderField::repr`]).
    pub fn hpack_reprs(&self) -> Vec<String> {
        self.fields.iter().map(HeaderField::repr).collect()
    }
}

/// Everything parsed from the client side of an HTTP/2 connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct H2Connection {
    /// Parameters of the first non-ACK SETTINGS frame, in wire order.
    pub settings: Vec<Setting>,
    /// Increment of the first connection-level WINDOW_UPDATE before the
    /// first HEADERS.
    pub window_update: Option<u32>,
    /// PRIORITY frames before the first HEADERS, in order.
    pub priority_frames: Vec<PriorityFrame>,
    /// Every frame header, in order.
    pub frames: Vec<FrameHeader>,
    /// Every complete header block, in order.
    pub requests: Vec<H2Request>,
    /// True if the input ended inside a frame or header block (the normal
    /// case for a server that only peeked part of the stream).
    pub truncated: bool,
}

impl H2Connection {
    /// Parses client bytes that start with the connection preface, assuming
    /// the server kept the default 4096-byte HPACK table.
    pub fn parse(input: &[u8]) -> Result<Self, H2Error> {
        Self::parse_with_table_size(input, hpack::DEFAULT_TABLE_SIZE)
    }

    /// Like [`Self::parse`], for a server that advertised a different
    /// SETTINGS_HEADER_TABLE_SIZE (the client's encoder is bound by the
    /// server's setting, which the client bytes do not show).
    pub fn parse_with_table_size(input: &[u8], table_size: usize) -> Result<Self, H2Error> {
        let frames = input.strip_prefix(PREFACE).ok_or(H2Error::MissingPreface)?;
        Self::parse_frames(frames, table_size)
    }

    /// Parses a frame sequence without the preface.
    pub fn parse_frames(input: &[u8], table_size: usize) -> Result<Self, H2Error> {
        let mut conn = Self {
            settings: Vec::new(),
            window_update: None,
            priority_frames: Vec::new(),
            frames: Vec::new(),
            requests: Vec::new(),
            truncated: false,
        };
        let mut decoder = hpack::Decoder::new(table_size);
        let mut have_settings = false;
        // A HEADERS block waiting for CONTINUATION frames.
        let mut pending: Option<(H2Request, Vec<u8>)> = None;
        let mut r = Reader::new(input);
        while !r.is_empty() {
            let Some(header) = read_frame_header(&mut r) else {
                conn.truncated = true;
                break;
            };
            let Some(payload) = r.bytes(header.length as usize) else {
                conn.truncated = true;
                break;
            };
            conn.frames.push(header);
            let before_headers = conn.requests.is_empty() && pending.is_none();

            if let Some((mut req, mut block)) = pending.take() {
                // RFC 9113 §6.10: only CONTINUATION on the same stream may
                // follow a HEADERS without END_HEADERS.
                if header.frame_type != frame_type::CONTINUATION
                    || header.stream_id != req.stream_id
                {
                    return Err(H2Error::MalformedFrame {
                        frame: "CONTINUATION",
                        reason: "header block interrupted by another frame",
                    });
                }
                block.extend_from_slice(payload);
                req.continuation_frames += 1;
                if header.flags & flags::END_HEADERS != 0 {
                    conn.finish_request(&mut decoder, req, &block)?;
                } else {
                    pending = Some((req, block));
                }
                continue;
            }

            match header.frame_type {
                frame_type::SETTINGS => {
                    let settings = parse_settings(header, payload)?;
                    // Only the first non-ACK SETTINGS frame is the preface's;
                    // later ones are mid-connection changes.
                    if header.flags & flags::ACK == 0 && !have_settings {
                        have_settings = true;
                        conn.settings = settings;
                    }
                }
                frame_type::WINDOW_UPDATE => {
                    let increment = parse_window_update(payload)?;
                    if header.stream_id == 0 && before_headers && conn.window_update.is_none() {
                        conn.window_update = Some(increment);
                    }
                }
                frame_type::PRIORITY => {
                    let priority = (payload.len() == 5)
                        .then(|| parse_priority_fields(payload))
                        .flatten()
                        .ok_or(H2Error::MalformedFrame {
                            frame: "PRIORITY",
                            reason: "payload is not 5 bytes",
                        })?;
                    if before_headers {
                        conn.priority_frames.push(PriorityFrame {
                            stream_id: header.stream_id,
                            priority,
                        });
                    }
                }
                frame_type::HEADERS => {
                    let (priority, fragment) = parse_headers_payload(header, payload)?;
                    let req = H2Request {
                        stream_id: header.stream_id,
                        flags: header.flags,
                        priority,
                        continuation_frames: 0,
                        size_updates: Vec::new(),
                        fields: Vec::new(),
                    };
                    if header.flags & flags::END_HEADERS != 0 {
                        conn.finish_request(&mut decoder, req, fragment)?;
                    } else {
                        pending = Some((req, fragment.to_vec()));
                    }
                }
                frame_type::CONTINUATION => {
                    return Err(H2Error::MalformedFrame {
                        frame: "CONTINUATION",
                        reason: "no header block to continue",
                    });
                }
                // DATA, PING, RST_STREAM, GOAWAY and unknown frames carry
                // nothing the fingerprint uses; their headers are recorded.
                _ => {}
            }
        }
        if pending.is_some() {
            conn.truncated = true;
        }
        Ok(conn)
    }

    fn finish_request(
        &mut self,
        decoder: &mut hpack::Decoder,
        mut req: H2Request,
        block: &[u8],
    ) -> Result<(), H2Error> {
        let decoded = decoder.decode(block)?;
        req.size_updates = decoded.size_updates;
        req.fields = decoded.fields;
        self.requests.push(req);
        Ok(())
    }

    /// The first request head on the connection (what the Akamai
    /// fingerprint's pseudo-header order comes from).
    pub fn first_request(&self) -> Option<&H2Request> {
        self.requests.first()
    }

    /// The Akamai HTTP/2 fingerprint string.
    pub fn akamai(&self) -> String {
        let settings = self
            .settings
            .iter()
            .map(|s| format!("{}:{}", s.id, s.value))
            .collect::<Vec<_>>()
            .join(";");
        let window = self
            .window_update
            .map_or_else(|| "00".to_owned(), |w| w.to_string());
        let priority = if self.priority_frames.is_empty() {
            "0".to_owned()
        } else {
            self.priority_frames
                .iter()
                .map(|p| {
                    format!(
                        "{}:{}:{}:{}",
                        p.stream_id,
                        u8::from(p.priority.exclusive),
                        p.priority.depends_on,
                        p.priority.weight
                    )
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let pseudo = self
            .first_request()
            .map(|r| {
                r.pseudo_header_order()
                    .iter()
                    .map(|n| pseudo_letter(n))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        format!("{settings}|{window}|{priority}|{pseudo}")
    }

    /// MD5 of [`Self::akamai`], lowercase hex.
    pub fn akamai_hash(&self) -> String {
        crate::ja::md5_hex(&self.akamai())
    }
}

/// `:method` → `m` etc.: the first letter after the colon, which is what
/// fingerprinters print (all four standard pseudo-headers differ in it).
fn pseudo_letter(name: &str) -> String {
    name.chars().nth(1).map(String::from).unwrap_or_default()
}

fn read_frame_header(r: &mut Reader<'_>) -> Option<FrameHeader> {
    if r.remaining() < 9 {
        return None;
    }
    let length = r.u24()?;
    let frame_type = r.u8()?;
    let flags = r.u8()?;
    let stream_id = r.u32()? & 0x7fff_ffff;
    Some(FrameHeader {
        frame_type,
        flags,
        stream_id,
        length,
    })
}

fn parse_settings(header: FrameHeader, payload: &[u8]) -> Result<Vec<Setting>, H2Error> {
    if payload.len() % 6 != 0 || (header.flags & flags::ACK != 0 && !payload.is_empty()) {
        return Err(H2Error::MalformedFrame {
            frame: "SETTINGS",
            reason: "bad payload length",
        });
    }
    Ok(payload
        .chunks_exact(6)
        .map(|c| Setting {
            id: u16::from_be_bytes([c[0], c[1]]),
            value: u32::from_be_bytes([c[2], c[3], c[4], c[5]]),
        })
        .collect())
}

fn parse_window_update(payload: &[u8]) -> Result<u32, H2Error> {
    match payload {
        [a, b, c, d] => Ok(u32::from_be_bytes([*a, *b, *c, *d]) & 0x7fff_ffff),
        _ => Err(H2Error::MalformedFrame {
            frame: "WINDOW_UPDATE",
            reason: "payload is not 4 bytes",
        }),
    }
}

/// The 5-byte dependency/weight block shared by PRIORITY and HEADERS.
fn parse_priority_fields(bytes: &[u8]) -> Option<Priority> {
    let mut r = Reader::new(bytes);
    let dep = r.u32()?;
    let weight = r.u8()?;
    Some(Priority {
        exclusive: dep & 0x8000_0000 != 0,
        depends_on: dep & 0x7fff_ffff,
        weight: u16::from(weight) + 1,
    })
}

/// Splits a HEADERS payload into its priority fields and the header block
/// fragment, removing padding.
fn parse_headers_payload(
    header: FrameHeader,
    payload: &[u8],
) -> Result<(Option<Priority>, &[u8]), H2Error> {
    let malformed = |reason| H2Error::MalformedFrame {
        frame: "HEADERS",
        reason,
    };
    let mut r = Reader::new(payload);
    let pad = if header.flags & flags::PADDED != 0 {
        usize::from(r.u8().ok_or(malformed("missing pad length"))?)
    } else {
        0
    };
    let priority = if header.flags & flags::PRIORITY != 0 {
        let fields = r.bytes(5).ok_or(malformed("missing priority fields"))?;
        parse_priority_fields(fields)
    } else {
        None
    };
    let rest = r.rest();
    let fragment_len = rest
        .len()
        .checked_sub(pad)
        .ok_or(malformed("padding exceeds payload"))?;
    Ok((priority, &rest[..fragment_len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_preface() {
        assert_eq!(
            H2Connection::parse(b"GET / HTTP/1.1\r\n\r\n"),
            Err(H2Error::MissingPreface)
        );
    }

    #[test]
    fn empty_after_preface() {
        let c = H2Connection::parse(PREFACE).expect("parse");
        assert_eq!(c.akamai(), "|00|0|");
        assert!(!c.truncated);
    }
}
