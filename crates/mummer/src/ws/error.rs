//! How a WebSocket fails, as the public [`WebSocketError`] behind
//! [`Kind::WebSocket`](crate::Kind::WebSocket).

use std::fmt;

use mummer_proto::ws::close_code;
pub use mummer_proto::ws::handshake::HandshakeError;
pub use mummer_proto::ws::{SendError, Violation};

/// Why a WebSocket failed. Each variant says which close code went on (or would have gone
/// on) the wire ([`WebSocketError::close_code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebSocketError {
    /// The server's answer to the upgrade did not open a WebSocket (a status other than
    /// 101, a wrong `Sec-WebSocket-Accept`, an extension or subprotocol not offered...).
    Handshake(HandshakeError),
    /// The server broke RFC 6455/7692 or went past a limit; mummer closed with
    /// [`Violation::close_code`] (1002, 1007 or 1009).
    Protocol(Violation),
    /// The connection ended without a close handshake (close code 1006). `in_message`: a
    /// data message had started and not ended, and was not delivered.
    Abnormal {
        /// A message was cut short.
        in_message: bool,
    },
    /// The WebSocket is closed (the close handshake finished, or it failed earlier); nothing
    /// more can be sent or received.
    Closed,
    /// A frame mummer was asked to send is not valid (a control payload over 125 bytes, a
    /// close code that may not be sent, fragments out of order).
    Send(SendError),
    /// A ping sent for keepalive was not answered with a pong in time (closed with 1011,
    /// as browsers and curl do for a peer that stopped answering).
    KeepaliveTimeout,
}

impl WebSocketError {
    /// The close code involved: the one mummer sent after a violation, 1006 for a connection
    /// that ended without a close frame, `None` where no close is implied.
    pub fn close_code(&self) -> Option<u16> {
        match self {
            WebSocketError::Protocol(v) => Some(v.close_code()),
            WebSocketError::Abnormal { .. } => Some(close_code::ABNORMAL),
            WebSocketError::KeepaliveTimeout => Some(close_code::INTERNAL_ERROR),
            WebSocketError::Handshake(_) | WebSocketError::Closed | WebSocketError::Send(_) => None,
        }
    }

    /// curl's error number: 22 for a refused upgrade (as `-f` for an HTTP error), 8 for an
    /// answer that is not a WebSocket or frames that break the protocol, 63 for a message over
    /// the size limit, 56 for a connection lost mid-way ("failure receiving data"), 55 for
    /// a send on a closed WebSocket, 43 for a frame that cannot be sent, 28 for an unanswered
    /// keepalive.
    pub(crate) fn curl_code(&self) -> u32 {
        match self {
            WebSocketError::Handshake(HandshakeError::Status(_)) => 22,
            WebSocketError::Handshake(_) => 8,
            WebSocketError::Protocol(v) if v.close_code() == close_code::MESSAGE_TOO_BIG => 63,
            WebSocketError::Protocol(_) => 8,
            WebSocketError::Abnormal { .. } => 56,
            WebSocketError::Closed => 55,
            WebSocketError::Send(_) => 43,
            WebSocketError::KeepaliveTimeout => 28,
        }
    }
}

impl fmt::Display for WebSocketError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebSocketError::Handshake(h) => write!(f, "handshake failed: {h}"),
            WebSocketError::Protocol(v) => {
                write!(f, "{v} (closed with {})", v.close_code())
            }
            WebSocketError::Abnormal { in_message: true } => f.write_str(
                "connection lost in the middle of a message, without a close frame (1006)",
            ),
            WebSocketError::Abnormal { in_message: false } => {
                f.write_str("connection lost without a close frame (1006)")
            }
            WebSocketError::Closed => f.write_str("the WebSocket is closed"),
            WebSocketError::Send(e) => write!(f, "cannot send: {e}"),
            WebSocketError::KeepaliveTimeout => {
                f.write_str("no pong came back for the keepalive ping (closed with 1011)")
            }
        }
    }
}
