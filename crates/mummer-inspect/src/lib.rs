//! Sans-IO fingerprint inspector: given the raw bytes a client sent, compute
//! what a fingerprinting server sees.
//!
//! mummer impersonates browsers; this crate is the other side of the mirror,
//! used to check that mummer's bytes fingerprint exactly like the browser it
//! claims to be (and usable by a test server that echoes fingerprints back).
//!
//! * [`client_hello`] — parse the TLS ClientHello (across records) into every
//!   field fingerprinters read, GREASE kept in place.
//! * [`ja`] — JA3, JA3N and JA4 (with `_r`, `_o`, `_ro` variants).
//! * [`h2`] + [`hpack`] — the HTTP/2 preface, SETTINGS / WINDOW_UPDATE /
//!   PRIORITY / HEADERS frames, HPACK decoding, the Akamai fingerprint.
//! * [`h1`] — HTTP/1.1 request heads with exact header case and order.
//! * [`names`] — human-readable names for TLS code points.
//!
//! Everything works on byte slices: no sockets, no async runtime, no clock.
//! A server peeks bytes from its connection, hands them here, and reads more
//! on [`client_hello::ParseError::Incomplete`] / [`h1::H1Error::Incomplete`]
//! (HTTP/2 parsing instead reports a partial last frame via
//! [`h2::H2Connection::truncated`]).
//!
//! ```
//! use mummer_inspect::{client_hello::ClientHello, ja::{TlsFingerprint, Transport}};
//! # fn demo(bytes: &[u8]) -> Result<(), mummer_inspect::client_hello::ParseError> {
//! let hello = ClientHello::parse(bytes)?;
//! let fp = TlsFingerprint::compute(&hello, Transport::Tcp);
//! println!("{} {}", fp.ja4, fp.ja3_hash);
//! # Ok(()) }
//! ```

pub mod client_hello;
pub mod h1;
pub mod h2;
pub mod hpack;
pub mod ja;
pub mod names;

mod reader;
mod ser;

pub use client_hello::{ClientHello, is_grease};
pub use h1::H1Request;
pub use h2::H2Connection;
pub use ja::{TlsFingerprint, Transport};

use serde::Serialize;

/// The TLS part of a [`Summary`].
#[derive(Debug, Clone, Serialize)]
pub struct TlsSummary<'a> {
    /// JA3 / JA3N / JA4 strings and hashes.
    #[serde(flatten)]
    pub fingerprint: TlsFingerprint,
    /// The parsed ClientHello.
    pub client_hello: &'a ClientHello,
}

/// The HTTP/2 part of a [`Summary`].
#[derive(Debug, Clone, Serialize)]
pub struct H2Summary<'a> {
    /// Akamai fingerprint string.
    pub akamai: String,
    /// Its MD5.
    pub akamai_hash: String,
    /// The parsed frames and header blocks.
    pub connection: &'a H2Connection,
}

/// Everything known about one client, ready to serialise as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// TLS fingerprints, if a ClientHello was seen.
    pub tls: Option<TlsSummary<'a>>,
    /// HTTP/2 fingerprint, if the client spoke HTTP/2.
    pub http2: Option<H2Summary<'a>>,
    /// HTTP/1.1 request head, if the client spoke HTTP/1.1.
    pub http1: Option<&'a H1Request>,
}

impl<'a> Summary<'a> {
    /// Computes the fingerprints of whatever parts were observed. The
    /// ClientHello is taken to have come over TCP (`t` in JA4).
    pub fn new(
        client_hello: Option<&'a ClientHello>,
        h2: Option<&'a H2Connection>,
        h1: Option<&'a H1Request>,
    ) -> Self {
        Self {
            tls: client_hello.map(|ch| TlsSummary {
                fingerprint: TlsFingerprint::compute(ch, Transport::Tcp),
                client_hello: ch,
            }),
            http2: h2.map(|c| H2Summary {
                akamai: c.akamai(),
                akamai_hash: c.akamai_hash(),
                connection: c,
            }),
            http1: h1,
        }
    }
}

/// The fingerprint of a client as a JSON value, for a server to return:
/// `{"tls": {"ja3": .., "ja4": .., "client_hello": {..}}, "http2":
/// {"akamai": .., "connection": {..}}, "http1": {..}}` (absent parts are
/// `null`).
pub fn summary_json(
    client_hello: Option<&ClientHello>,
    h2: Option<&H2Connection>,
    h1: Option<&H1Request>,
) -> serde_json::Value {
    // These types only contain strings, numbers, sequences and structs, so
    // serialisation cannot fail; report rather than panic if that changes.
    serde_json::to_value(Summary::new(client_hello, h2, h1))
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
}
