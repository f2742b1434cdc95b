//! Frames in, events out: every check RFC 6455 and RFC 7692 ask of a client receiving.

use bytes::{Bytes, BytesMut};

use super::deflate::{DeflateParams, Inflater};
use super::frame::{FrameHeader, OpCode};
use super::utf8::Utf8Validator;
use super::{CloseFrame, Config, DataKind, Violation, close_code};

/// What one received frame means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A piece of a data message: one frame's payload (inflated when the message is
    /// compressed). `first` starts a message, `fin` ends it; text pieces of a validated
    /// message are UTF-8 once joined (a piece may end inside a code point).
    Data {
        /// Text or binary, from the message's first frame.
        kind: DataKind,
        /// The payload.
        payload: Bytes,
        /// The message's first frame.
        first: bool,
        /// The message's last frame.
        fin: bool,
    },
    /// A ping; the client must answer with a pong carrying the same payload.
    Ping(Bytes),
    /// A pong.
    Pong(Bytes),
    /// The server's close frame (`None`: it carried no status code). Nothing is read after it.
    Close(Option<CloseFrame>),
}

/// A message being received.
#[derive(Debug, Clone, Copy)]
struct InProgress {
    kind: DataKind,
    compressed: bool,
    received: usize,
}

/// The receiving half of a client connection: feed it the bytes the server sent.
pub struct Receiver {
    config: Config,
    inflater: Option<Inflater>,
    message: Option<InProgress>,
    utf8: Utf8Validator,
    /// Bytes the frame at the front of the input needs in all (header included), once its
    /// header has been seen.
    wanted: usize,
    closed: bool,
}

impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver")
            .field("config", &self.config)
            .field("deflate", &self.inflater.is_some())
            .field("in_message", &self.message.is_some())
            .field("closed", &self.closed)
            .finish()
    }
}

impl Receiver {
    /// A receiver with `config`'s limits, inflating compressed messages when permessage-deflate
    /// was agreed with `deflate`.
    pub fn new(config: &Config, deflate: Option<&DeflateParams>) -> Receiver {
        Receiver {
            config: *config,
            inflater: deflate.map(Inflater::new),
            message: None,
            utf8: Utf8Validator::default(),
            wanted: 2,
            closed: false,
        }
    }

    /// How many bytes the input must hold before [`Self::next_event`] can make progress: the
    /// whole frame at its front once its header is known (a reader can size its buffer by it).
    pub fn wanted(&self) -> usize {
        self.wanted
    }

    /// Whether a fragmented data message has started and not yet ended.
    pub fn in_message(&self) -> bool {
        self.message.is_some()
    }

    /// Takes the next whole frame off the front of `input` and returns what it means, or
    /// `Ok(None)` when `input` does not yet hold a whole frame. A violation is final: the
    /// connection must be closed with [`Violation::close_code`].
    pub fn next_event(&mut self, input: &mut BytesMut) -> Result<Option<Event>, Violation> {
        let Some((header, header_len)) = FrameHeader::parse(input)? else {
            self.wanted = input.len().max(2) + 1;
            return Ok(None);
        };
        self.check(&header)?;
        // Checked against the limit above, so it fits in memory's address space.
        let len = header.len as usize;
        self.wanted = header_len + len;
        if input.len() < header_len + len {
            return Ok(None);
        }
        let _ = input.split_to(header_len);
        let payload = input.split_to(len).freeze();
        self.wanted = 2;
        self.frame(header, payload).map(Some)
    }

    /// Everything the header alone shows to be wrong.
    fn check(&self, h: &FrameHeader) -> Result<(), Violation> {
        if self.closed {
            return Err(Violation::DataAfterClose);
        }
        if h.mask.is_some() {
            return Err(Violation::MaskedFrame);
        }
        let rsv1_allowed = self.inflater.is_some()
            && matches!(h.opcode, OpCode::Text | OpCode::Binary)
            && self.message.is_none();
        let reserved = if rsv1_allowed { h.rsv & 0b011 } else { h.rsv };
        if reserved != 0 {
            return Err(Violation::ReservedBits(h.rsv));
        }
        match (h.opcode, &self.message) {
            (OpCode::Continuation, None) => return Err(Violation::UnexpectedContinuation),
            (OpCode::Text | OpCode::Binary, Some(_)) => {
                return Err(Violation::ExpectedContinuation);
            }
            _ => {}
        }
        let limit = self.config.max_frame_size;
        if h.len > limit as u64 {
            return Err(Violation::FrameTooLarge { len: h.len, limit });
        }
        let uncompressed = match (h.opcode, &self.message) {
            (OpCode::Continuation, Some(m)) => !m.compressed,
            (OpCode::Text | OpCode::Binary, _) => h.rsv & 0b100 == 0,
            _ => false,
        };
        let received = self.message.map_or(0, |m| m.received);
        if uncompressed && received as u64 + h.len > self.config.max_message_size as u64 {
            return Err(Violation::MessageTooLarge {
                limit: self.config.max_message_size,
            });
        }
        Ok(())
    }

    fn frame(&mut self, h: FrameHeader, payload: Bytes) -> Result<Event, Violation> {
        match h.opcode {
            OpCode::Ping => Ok(Event::Ping(payload)),
            OpCode::Pong => Ok(Event::Pong(payload)),
            OpCode::Close => {
                self.closed = true;
                close_frame(&payload).map(Event::Close)
            }
            OpCode::Text | OpCode::Binary | OpCode::Continuation => {
                let first = h.opcode != OpCode::Continuation;
                let mut message = match self.message {
                    Some(m) => m,
                    None => InProgress {
                        kind: if h.opcode == OpCode::Text {
                            DataKind::Text
                        } else {
                            DataKind::Binary
                        },
                        compressed: h.rsv & 0b100 != 0,
                        received: 0,
                    },
                };
                let payload = match (&mut self.inflater, message.compressed) {
                    (Some(inflater), true) => {
                        let limit = self.config.max_message_size;
                        let mut out = Vec::new();
                        inflater.inflate(
                            &payload,
                            h.fin,
                            limit - message.received,
                            limit,
                            &mut out,
                        )?;
                        Bytes::from(out)
                    }
                    _ => payload,
                };
                message.received += payload.len();
                if message.kind == DataKind::Text && self.config.validate_utf8 {
                    if !self.utf8.feed(&payload) {
                        return Err(Violation::InvalidUtf8);
                    }
                    if h.fin && !self.utf8.finish() {
                        return Err(Violation::InvalidUtf8);
                    }
                }
                self.message = if h.fin { None } else { Some(message) };
                Ok(Event::Data {
                    kind: message.kind,
                    payload,
                    first,
                    fin: h.fin,
                })
            }
        }
    }
}

/// A close frame's payload: nothing, or a sendable code and a UTF-8 reason.
fn close_frame(payload: &[u8]) -> Result<Option<CloseFrame>, Violation> {
    match payload {
        [] => Ok(None),
        [_] => Err(Violation::CloseTooShort),
        [hi, lo, reason @ ..] => {
            let code = u16::from_be_bytes([*hi, *lo]);
            if !close_code::is_sendable(code) {
                return Err(Violation::InvalidCloseCode(code));
            }
            let reason = std::str::from_utf8(reason).map_err(|_| Violation::InvalidUtf8)?;
            Ok(Some(CloseFrame {
                code,
                reason: reason.to_string(),
            }))
        }
    }
}
