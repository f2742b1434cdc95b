//! Error types of the protocol core.
//!
//! In scope: errors found while encoding a request head ([`ProtoError`] from
//! [`encode_request_head`](crate::encode_request_head)), while parsing a response head or deciding
//! its framing ([`ProtoError`]), and while decoding a body ([`BodyError`]).
//!
//! Out of scope: I/O errors, timeouts and TLS failures; those belong to the crate that owns the
//! socket. Every error here means "the bytes were wrong", so a connection that produced one must
//! not be reused.

/// The message head (request or response) or its framing headers were malformed or unsupported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtoError {
    /// The response head (status line and header section) did not complete within
    /// [`Limits::max_head_bytes`](crate::Limits::max_head_bytes).
    #[error("response head larger than {limit} bytes")]
    HeadTooLarge {
        /// The limit that was exceeded.
        limit: usize,
    },
    /// The response head carried more header fields than
    /// [`Limits::max_headers`](crate::Limits::max_headers).
    #[error("response head has more than {limit} header fields")]
    TooManyHeaders {
        /// The limit that was exceeded.
        limit: usize,
    },
    /// The status line is not `HTTP-version SP 3DIGIT [SP reason] CRLF`, the status code is
    /// outside 100..=599, or the head starts with an empty line.
    #[error("invalid status line")]
    InvalidStatusLine,
    /// A header field line is malformed (bad name, bad value byte, obsolete line folding).
    #[error("invalid header field")]
    InvalidHeader,
    /// The peer answered with a well-formed HTTP version other than 1.0 or 1.1.
    #[error("unsupported HTTP version")]
    UnsupportedVersion,
    /// Content-Length is not a decimal number that fits in `u64`, or repeated values differ.
    #[error("invalid Content-Length")]
    InvalidContentLength,
    /// Transfer-Encoding is syntactically invalid (empty, not a list of tokens) or applies
    /// `chunked` more than once.
    #[error("unsupported Transfer-Encoding")]
    UnsupportedTransferEncoding,
    /// A request header name is not a token, or its value contains CR, LF or NUL.
    #[error("invalid request header {name:?}")]
    InvalidRequestHeader {
        /// The offending header name, as given by the caller.
        name: String,
    },
    /// The request method is not a token.
    #[error("invalid request method")]
    InvalidMethod,
    /// The request target is empty or contains whitespace or control bytes.
    #[error("invalid request target")]
    InvalidTarget,
}

/// A message body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BodyError {
    /// The connection ended before Content-Length bytes arrived.
    #[error("body truncated: expected {expected} bytes, received {received}")]
    Truncated {
        /// The announced Content-Length.
        expected: u64,
        /// Body bytes delivered before the connection ended.
        received: u64,
    },
    /// The connection ended inside a chunked body, before the last chunk, its trailer section
    /// and the final CRLF were all received.
    #[error("chunked body ended without the last chunk after {received} bytes")]
    MissingFinalChunk {
        /// Body bytes delivered before the connection ended.
        received: u64,
    },
    /// A chunk size is empty, not hexadecimal, or overflows `u64`.
    #[error("invalid chunk size")]
    InvalidChunkSize,
    /// A chunk extension is malformed, or the chunk-size line is unreasonably long.
    #[error("invalid chunk extension")]
    InvalidChunkExtension,
    /// Chunk data was not followed by CRLF.
    #[error("chunk data not followed by CRLF")]
    InvalidChunkTerminator,
    /// The trailer section exceeded [`Limits::max_trailer_bytes`](crate::Limits::max_trailer_bytes).
    #[error("trailer section larger than {limit} bytes")]
    TrailersTooLarge {
        /// The limit that was exceeded.
        limit: usize,
    },
    /// A trailer field line is malformed.
    #[error("invalid trailer field")]
    InvalidTrailer,
}
