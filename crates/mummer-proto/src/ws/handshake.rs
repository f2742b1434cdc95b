//! The opening handshake's values (RFC 6455 section 4.1) and the check of the server's answer,
//! over HTTP/1.1 (a `101 Switching Protocols` upgrade) or HTTP/2 (RFC 8441: a `200` to an
//! extended CONNECT).
//!
//! ```
//! use mummer_proto::ws::handshake;
//!
//! // RFC 6455 section 1.3's example.
//! assert_eq!(
//!     handshake::accept("dGhlIHNhbXBsZSBub25jZQ=="),
//!     "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
//! );
//! ```

use std::fmt;

use sha1::{Digest, Sha1};

use super::deflate::{DeflateOffer, DeflateParams};

/// The GUID RFC 6455 appends to the key.
const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// `Sec-WebSocket-Key` from 16 random bytes.
pub fn key(random: &[u8; 16]) -> String {
    base64(random)
}

/// The `Sec-WebSocket-Accept` a server must answer `key` with.
pub fn accept(key: &str) -> String {
    let mut sha = Sha1::new();
    sha.update(key.as_bytes());
    sha.update(GUID.as_bytes());
    base64(&sha.finalize())
}

/// Standard base64 with padding (RFC 4648 section 4).
fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Which HTTP carried the handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// An HTTP/1.1 upgrade: `101`, `Upgrade`, `Connection`, `Sec-WebSocket-Accept`.
    Http1,
    /// An RFC 8441 extended CONNECT: a `2xx`, and none of the HTTP/1.1 upgrade fields.
    Http2,
}

/// What the client asked for.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    /// The `Sec-WebSocket-Key` sent (HTTP/1.1 only).
    pub key: &'a str,
    /// The subprotocols offered, in order.
    pub subprotocols: &'a [String],
    /// The permessage-deflate offer, if one was made.
    pub deflate: Option<&'a DeflateOffer>,
}

/// What the server agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Accepted {
    /// The subprotocol the server chose, one of those offered.
    pub subprotocol: Option<String>,
    /// The permessage-deflate parameters, when the server accepted the extension.
    pub deflate: Option<DeflateParams>,
}

/// Why the server's answer does not open a WebSocket.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HandshakeError {
    /// A status other than 101 (HTTP/1.1) or 2xx (HTTP/2).
    Status(u16),
    /// `Upgrade: websocket` missing.
    NoUpgrade,
    /// `Connection: Upgrade` missing.
    NoConnectionUpgrade,
    /// `Sec-WebSocket-Accept` missing or not the one the key asks for.
    BadAccept,
    /// A subprotocol that was not offered (or one when none was).
    Subprotocol(String),
    /// An extension that was not offered, or permessage-deflate parameters that break
    /// RFC 7692.
    Extension(String),
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandshakeError::Status(s) => write!(f, "the server answered {s}, not an upgrade"),
            HandshakeError::NoUpgrade => f.write_str("no `Upgrade: websocket` in the answer"),
            HandshakeError::NoConnectionUpgrade => {
                f.write_str("no `Connection: Upgrade` in the answer")
            }
            HandshakeError::BadAccept => f.write_str("Sec-WebSocket-Accept missing or wrong"),
            HandshakeError::Subprotocol(p) => {
                write!(
                    f,
                    "the server chose subprotocol {p:?}, which was not offered"
                )
            }
            HandshakeError::Extension(e) => write!(f, "extension answer refused: {e}"),
        }
    }
}

impl std::error::Error for HandshakeError {}

/// Checks the server's answer (`status` and header fields) to `offer`.
pub fn check_response<'h>(
    carrier: Carrier,
    status: u16,
    headers: impl IntoIterator<Item = (&'h str, &'h [u8])> + Clone,
    offer: &Offer<'_>,
) -> Result<Accepted, HandshakeError> {
    let values = |name: &'static str| {
        headers
            .clone()
            .into_iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    };
    match carrier {
        Carrier::Http1 => {
            if status != 101 {
                return Err(HandshakeError::Status(status));
            }
            let has_token = |name, token: &str| {
                values(name).any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
            };
            if !has_token("upgrade", "websocket") {
                return Err(HandshakeError::NoUpgrade);
            }
            if !has_token("connection", "upgrade") {
                return Err(HandshakeError::NoConnectionUpgrade);
            }
            let expected = accept(offer.key);
            let accepts: Vec<String> = values("sec-websocket-accept").collect();
            if accepts.len() != 1 || accepts[0].trim() != expected {
                return Err(HandshakeError::BadAccept);
            }
        }
        Carrier::Http2 => {
            if !(200..300).contains(&status) {
                return Err(HandshakeError::Status(status));
            }
        }
    }
    let mut accepted = Accepted::default();
    let protocols: Vec<String> = values("sec-websocket-protocol")
        .flat_map(|v| {
            v.split(',')
                .map(|p| p.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    match protocols.as_slice() {
        [] => {}
        [one] if offer.subprotocols.iter().any(|p| p == one) => {
            accepted.subprotocol = Some(one.clone());
        }
        _ => return Err(HandshakeError::Subprotocol(protocols.join(", "))),
    }
    for value in values("sec-websocket-extensions") {
        for ext in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, params) = ext.split_once(';').unwrap_or((ext, ""));
            let name = name.trim();
            let Some(deflate) = offer.deflate.filter(|_| name == "permessage-deflate") else {
                return Err(HandshakeError::Extension(format!("{name} was not offered")));
            };
            if accepted.deflate.is_some() {
                return Err(HandshakeError::Extension(
                    "permessage-deflate accepted twice".into(),
                ));
            }
            accepted.deflate = Some(deflate.accept(params).map_err(HandshakeError::Extension)?);
        }
    }
    Ok(accepted)
}
