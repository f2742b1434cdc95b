//! Sans-IO HTTP/1.1 core of mummer: bytes in, bytes and events out.
//!
//! In scope:
//! * encoding a request head exactly as the caller spells it ([`encode_request_head`]) and
//!   chunked request bodies ([`request::encode_chunk`], [`request::LAST_CHUNK`]);
//! * parsing a response head under size limits ([`parse_response_head`]);
//! * deciding response body framing ([`body_kind`]) and connection reuse
//!   ([`response_keeps_alive`], [`request_wants_close`]);
//! * decoding Content-Length, chunked and close-delimited bodies without copying
//!   ([`BodyDecoder`]);
//! * answering HTTP authentication challenges: Basic and Digest ([`auth`]);
//! * reading `.netrc` credentials as curl does ([`netrc::Netrc`]);
//! * keeping cookies under RFC 6265 with the public suffix list, and the `Cookie` header they
//!   make ([`cookie::Jar`]);
//! * framing `multipart/form-data` request bodies with browser-shaped boundaries
//!   ([`multipart`]);
//! * WebSocket framing, the opening handshake's checks and permessage-deflate ([`ws`]).
//!
//! Out of scope: sockets, async runtimes, TLS, timeouts, connection pools, content codings
//! of HTTP bodies (gzip, br, ...), HTTP/2, and choosing which headers to send. Keeping I/O
//! out means every framing rule can be tested byte for byte, and the same core serves any
//! transport.
//!
//! ```
//! use mummer_proto::{
//!     body_kind, encode_request_head, parse_response_head, response_keeps_alive, BodyDecoder,
//!     BodyKind, Limits, ParseStatus,
//! };
//!
//! let mut request = Vec::new();
//! encode_request_head("GET", "/", [("Host", &b"example.com"[..])], &mut request)?;
//! assert_eq!(request, b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
//!
//! let limits = Limits::default();
//! let wire = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
//! let ParseStatus::Complete { head, consumed } = parse_response_head(wire, &limits)? else {
//!     panic!("a complete head was given");
//! };
//! let kind = body_kind("GET", &head)?;
//! assert_eq!(kind, BodyKind::ContentLength(5));
//!
//! let mut decoder = BodyDecoder::new(kind, limits);
//! let body = &wire[consumed..];
//! let decoded = decoder.decode(body)?;
//! assert_eq!(&body[decoded.data], b"hello");
//! assert!(decoded.done);
//! assert!(response_keeps_alive(&head, kind));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod auth;
pub mod body;
pub mod cookie;
pub mod error;
pub mod multipart;
pub mod netrc;
pub mod request;
pub mod response;
mod syntax;
pub mod ws;

pub use body::{
    BodyDecoder, BodyKind, Decoded, body_kind, content_length_of, request_wants_close,
    response_keeps_alive,
};
pub use error::{BodyError, ProtoError};
pub use request::{encode_request_head, encode_request_head_checked};
pub use response::{HttpVersion, Limits, ParseStatus, ResponseHead, parse_response_head};
