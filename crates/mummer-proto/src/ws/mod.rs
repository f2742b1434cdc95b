//! Sans-IO WebSocket (RFC 6455) with permessage-deflate (RFC 7692), client side.
//!
//! In scope: the opening handshake's values and checks ([`handshake`]: the key, the expected
//! `Sec-WebSocket-Accept`, the extension offer and the validation of the server's answer),
//! frame encoding with masking ([`Sender`]), and frame decoding into events with every check
//! RFC 6455 asks of a client ([`Receiver`]): reserved bits and opcodes, control frames
//! (at most 125 bytes, never fragmented), continuation order, unmasked server frames, close
//! codes, incremental UTF-8 validation of text and close reasons, frame and message size
//! limits, and bounded inflation of compressed messages. Each violation is a [`Violation`]
//! that names the close code the client must send (1002, 1007 or 1009).
//!
//! Out of scope: sockets, timers (ping intervals, idle and close timeouts), randomness (the
//! caller supplies the key's 16 bytes and every frame's masking key), and writing the HTTP
//! request itself. Keeping I/O out means every frame rule is tested byte for byte here, and
//! the same core serves HTTP/1.1 upgrades and RFC 8441 streams alike.
//!
//! ```
//! use bytes::BytesMut;
//! use mummer_proto::ws::{Config, DataKind, Event, Receiver, Sender};
//!
//! let config = Config::default();
//! let mut sender = Sender::new(&config, None);
//! let mut wire = Vec::new();
//! sender.message(DataKind::Text, b"hi", &mut || [1, 2, 3, 4], &mut wire)?;
//! assert_eq!(wire, [0x81, 0x82, 1, 2, 3, 4, b'h' ^ 1, b'i' ^ 2]);
//!
//! // A server's frames are not masked.
//! let mut receiver = Receiver::new(&config, None);
//! let mut input = BytesMut::from(&[0x81, 0x02, b'o', b'k'][..]);
//! let Some(Event::Data { kind, payload, fin, .. }) = receiver.next_event(&mut input)? else {
//!     panic!("a whole frame was given");
//! };
//! assert_eq!((kind, &payload[..], fin), (DataKind::Text, &b"ok"[..], true));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod deflate;
mod frame;
pub mod handshake;
mod receiver;
mod sender;
mod utf8;

#[cfg(test)]
mod tests;

pub use deflate::{DeflateOffer, DeflateParams};
pub use frame::{FrameHeader, OpCode, apply_mask};
pub use receiver::{Event, Receiver};
pub use sender::{Sender, mask_payload};

use std::fmt;

/// Limits and choices of one WebSocket connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Largest payload one received frame may declare (compressed, when it is); a larger one
    /// closes with 1009.
    pub max_frame_size: usize,
    /// Largest received message (after inflation); a larger one closes with 1009.
    pub max_message_size: usize,
    /// Check that text messages and close reasons are UTF-8 (1007 when not). Off, text is
    /// handed over as bytes, unchecked.
    pub validate_utf8: bool,
    /// Outgoing messages longer than this are split into frames of this size (`None`: one
    /// frame per message, as browsers send them).
    pub fragment_size: Option<usize>,
}

impl Default for Config {
    /// 64 MiB frames and messages (a compressed frame of incompressible data is a little
    /// larger than the message it carries), UTF-8 checked, one frame per message.
    fn default() -> Self {
        Config {
            max_frame_size: 64 << 20,
            max_message_size: 64 << 20,
            validate_utf8: true,
            fragment_size: None,
        }
    }
}

/// The two kinds of data message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// Opcode 0x1: UTF-8 text.
    Text,
    /// Opcode 0x2: bytes.
    Binary,
}

/// Close status codes (RFC 6455 section 7.4.1, and the IANA registry).
pub mod close_code {
    /// Normal closure.
    pub const NORMAL: u16 = 1000;
    /// The endpoint is going away.
    pub const GOING_AWAY: u16 = 1001;
    /// The peer broke the protocol.
    pub const PROTOCOL_ERROR: u16 = 1002;
    /// A data type the endpoint cannot accept.
    pub const UNSUPPORTED_DATA: u16 = 1003;
    /// No status code was present (never sent on the wire).
    pub const NO_STATUS: u16 = 1005;
    /// The connection ended without a close frame (never sent on the wire).
    pub const ABNORMAL: u16 = 1006;
    /// Data inconsistent with the message type (text that is not UTF-8).
    pub const INVALID_PAYLOAD: u16 = 1007;
    /// A message that violates the endpoint's policy.
    pub const POLICY_VIOLATION: u16 = 1008;
    /// A message too big to process.
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    /// The client expected an extension the server did not negotiate.
    pub const MANDATORY_EXTENSION: u16 = 1010;
    /// The server met an unexpected condition.
    pub const INTERNAL_ERROR: u16 = 1011;
    /// The server is restarting.
    pub const SERVICE_RESTART: u16 = 1012;
    /// Try again later.
    pub const TRY_AGAIN_LATER: u16 = 1013;
    /// A gateway got an invalid response upstream.
    pub const BAD_GATEWAY: u16 = 1014;
    /// The TLS handshake failed (never sent on the wire).
    pub const TLS_HANDSHAKE: u16 = 1015;

    /// Whether a close frame may carry `code` (RFC 6455 section 7.4: the registered codes
    /// meant for the wire, and 3000-4999 for libraries and applications).
    pub fn is_sendable(code: u16) -> bool {
        matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999)
    }
}

/// A close frame's status code and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseFrame {
    /// The status code.
    pub code: u16,
    /// The reason, at most 123 bytes of UTF-8.
    pub reason: String,
}

/// How the peer broke RFC 6455 or RFC 7692, or went past a limit: the connection must be
/// failed with [`Violation::close_code`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// A reserved bit (RSV1-3) set that no extension defines (RSV1 without
    /// permessage-deflate, or on a control or continuation frame).
    ReservedBits(u8),
    /// A reserved opcode (0x3-0x7, 0xB-0xF).
    ReservedOpcode(u8),
    /// A control frame with FIN clear.
    FragmentedControl,
    /// A control frame with more than 125 bytes of payload.
    ControlTooLong(u64),
    /// A continuation frame with no message in progress.
    UnexpectedContinuation,
    /// A new data frame while a fragmented message is in progress.
    ExpectedContinuation,
    /// A server frame with the MASK bit set (RFC 6455 section 5.1).
    MaskedFrame,
    /// A 64-bit payload length with its most significant bit set.
    LengthOverflow,
    /// A close frame with a one-byte payload.
    CloseTooShort,
    /// A close frame whose status code may not be sent (e.g. 1005, 1006, 999).
    InvalidCloseCode(u16),
    /// Text, or a close reason, that is not UTF-8.
    InvalidUtf8,
    /// A compressed message that does not inflate.
    BadDeflate,
    /// A frame longer than [`Config::max_frame_size`].
    FrameTooLarge {
        /// The payload length the frame declared.
        len: u64,
        /// The limit.
        limit: usize,
    },
    /// A message (inflated) longer than [`Config::max_message_size`].
    MessageTooLarge {
        /// The limit.
        limit: usize,
    },
    /// A frame after the peer's close frame.
    DataAfterClose,
}

impl Violation {
    /// The close code that answers this violation: 1007 for bad UTF-8, 1009 for a size
    /// limit, 1002 for the rest.
    pub fn close_code(&self) -> u16 {
        match self {
            Violation::InvalidUtf8 => close_code::INVALID_PAYLOAD,
            Violation::FrameTooLarge { .. } | Violation::MessageTooLarge { .. } => {
                close_code::MESSAGE_TOO_BIG
            }
            _ => close_code::PROTOCOL_ERROR,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::ReservedBits(b) => write!(f, "reserved bits {b:#05b} set"),
            Violation::ReservedOpcode(op) => write!(f, "reserved opcode {op:#x}"),
            Violation::FragmentedControl => f.write_str("fragmented control frame"),
            Violation::ControlTooLong(n) => write!(f, "control frame of {n} bytes (max 125)"),
            Violation::UnexpectedContinuation => {
                f.write_str("continuation frame without a message in progress")
            }
            Violation::ExpectedContinuation => {
                f.write_str("new data frame inside a fragmented message")
            }
            Violation::MaskedFrame => f.write_str("masked frame from the server"),
            Violation::LengthOverflow => f.write_str("64-bit payload length with the top bit set"),
            Violation::CloseTooShort => f.write_str("close frame with a 1-byte payload"),
            Violation::InvalidCloseCode(c) => write!(f, "invalid close code {c}"),
            Violation::InvalidUtf8 => {
                f.write_str("invalid UTF-8 in a text message or close reason")
            }
            Violation::BadDeflate => f.write_str("compressed message does not inflate"),
            Violation::FrameTooLarge { len, limit } => {
                write!(f, "frame of {len} bytes exceeds the {limit}-byte limit")
            }
            Violation::MessageTooLarge { limit } => {
                write!(f, "message exceeds the {limit}-byte limit")
            }
            Violation::DataAfterClose => f.write_str("frame after the close frame"),
        }
    }
}

impl std::error::Error for Violation {}

/// Why an outgoing frame could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SendError {
    /// A ping, pong or close payload over 125 bytes.
    ControlTooLong(usize),
    /// A close code that may not be sent ([`close_code::is_sendable`]).
    InvalidCloseCode(u16),
    /// A continuation with no fragmented message started, or a new message while one is.
    FragmentOrder,
    /// Compression failed (an internal error of the compressor).
    Deflate,
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::ControlTooLong(n) => {
                write!(f, "control frame payload of {n} bytes (max 125)")
            }
            SendError::InvalidCloseCode(c) => write!(f, "close code {c} may not be sent"),
            SendError::FragmentOrder => f.write_str(
                "fragments out of order: a continuation needs a started message, a new message \
                 needs the previous one finished",
            ),
            SendError::Deflate => f.write_str("compression failed"),
        }
    }
}

impl std::error::Error for SendError {}
