//! Messages in, masked frames out.

use super::deflate::{DeflateParams, Deflater};
use super::frame::{FrameHeader, OpCode, apply_mask};
use super::{Config, DataKind, SendError, close_code};

/// The sending half of a client connection. Every frame is masked with a key the caller's
/// `mask` function supplies (RFC 6455 section 5.3 asks for a fresh, unpredictable one each
/// frame, so it should come from a cryptographic generator).
pub struct Sender {
    deflater: Option<Deflater>,
    fragment_size: Option<usize>,
    /// A fragmented message in progress: whether it is compressed.
    in_message: Option<bool>,
}

impl std::fmt::Debug for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender")
            .field("deflate", &self.deflater.is_some())
            .field("fragment_size", &self.fragment_size)
            .field("in_message", &self.in_message)
            .finish()
    }
}

impl Sender {
    /// A sender splitting messages as `config` says, compressing when permessage-deflate was
    /// agreed with `deflate` (except with an 8-bit client window, which zlib cannot honour:
    /// then messages go uncompressed, as RFC 7692 allows).
    pub fn new(config: &Config, deflate: Option<&DeflateParams>) -> Sender {
        Sender {
            deflater: deflate.and_then(Deflater::new),
            fragment_size: config.fragment_size.filter(|&n| n > 0),
            in_message: None,
        }
    }

    /// Whether messages are compressed.
    pub fn compresses(&self) -> bool {
        self.deflater.is_some()
    }

    /// Appends a whole message as frames to `out`: one frame, or frames of
    /// [`Config::fragment_size`], compressed when agreed.
    pub fn message(
        &mut self,
        kind: DataKind,
        payload: &[u8],
        mask: &mut impl FnMut() -> [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        if self.in_message.is_some() {
            return Err(SendError::FragmentOrder);
        }
        let compressed_buf;
        let (body, rsv) = match &mut self.deflater {
            Some(d) => {
                let mut c = Vec::with_capacity(payload.len() / 2 + 16);
                d.compress(payload, true, &mut c)?;
                if c.len() < payload.len() {
                    compressed_buf = c;
                    (&compressed_buf[..], 0b100)
                } else {
                    // Incompressible: the message goes as it is (RSV1 clear, RFC 7692 section
                    // 6), and the compressor forgets what it saw, since the server's
                    // decompressor never will (a fresh context refers to nothing before it).
                    d.forget();
                    (payload, 0)
                }
            }
            None => (payload, 0),
        };
        let opcode = data_opcode(kind);
        match self.fragment_size {
            Some(size) if body.len() > size => {
                let mut pieces = body.chunks(size).peekable();
                let mut first = true;
                while let Some(piece) = pieces.next() {
                    let op = if first { opcode } else { OpCode::Continuation };
                    let fin = pieces.peek().is_none();
                    frame(op, fin, if first { rsv } else { 0 }, piece, mask(), out);
                    first = false;
                }
            }
            _ => frame(opcode, true, rsv, body, mask(), out),
        }
        Ok(())
    }

    /// Appends the header of a whole message of `len` bytes sent as one frame whose payload
    /// the caller appends itself, a piece at a time ([`mask_payload`] with the same `mask`),
    /// when this sender would send it that way: neither compressed nor split. Returns false,
    /// appending nothing, otherwise (then [`Sender::message`] it). A large message's first
    /// bytes can so go out before the last ones are masked.
    pub fn message_header(
        &mut self,
        kind: DataKind,
        len: usize,
        mask: [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<bool, SendError> {
        if self.in_message.is_some() {
            return Err(SendError::FragmentOrder);
        }
        if self.deflater.is_some() || self.fragment_size.is_some_and(|size| len > size) {
            return Ok(false);
        }
        FrameHeader {
            fin: true,
            rsv: 0,
            opcode: data_opcode(kind),
            mask: Some(mask),
            len: len as u64,
        }
        .encode(out);
        Ok(true)
    }

    /// Appends one frame of a message sent in pieces: `kind` starts a message, `None`
    /// continues the one started; `fin` ends it. Compressed pieces are sync-flushed, so each
    /// stands on its own.
    pub fn fragment(
        &mut self,
        kind: Option<DataKind>,
        payload: &[u8],
        fin: bool,
        mask: &mut impl FnMut() -> [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        let (opcode, compressed, first) = match (kind, self.in_message) {
            (Some(k), None) => (data_opcode(k), self.deflater.is_some(), true),
            (None, Some(c)) => (OpCode::Continuation, c, false),
            _ => return Err(SendError::FragmentOrder),
        };
        let rsv = if compressed && first { 0b100 } else { 0 };
        match (&mut self.deflater, compressed) {
            (Some(d), true) => {
                let mut c = Vec::with_capacity(payload.len() / 2 + 16);
                d.compress(payload, fin, &mut c)?;
                frame(opcode, fin, rsv, &c, mask(), out);
            }
            _ => frame(opcode, fin, rsv, payload, mask(), out),
        }
        self.in_message = if fin { None } else { Some(compressed) };
        Ok(())
    }

    /// Appends a ping.
    pub fn ping(
        &mut self,
        payload: &[u8],
        mask: [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        control(OpCode::Ping, payload, mask, out)
    }

    /// Appends a pong.
    pub fn pong(
        &mut self,
        payload: &[u8],
        mask: [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        control(OpCode::Pong, payload, mask, out)
    }

    /// Appends a close frame: with a status code and reason, or empty (`None`).
    pub fn close(
        &mut self,
        close: Option<(u16, &str)>,
        mask: [u8; 4],
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        let mut payload = Vec::new();
        if let Some((code, reason)) = close {
            if !close_code::is_sendable(code) {
                return Err(SendError::InvalidCloseCode(code));
            }
            payload.extend_from_slice(&code.to_be_bytes());
            payload.extend_from_slice(reason.as_bytes());
        }
        control(OpCode::Close, &payload, mask, out)
    }
}

fn data_opcode(kind: DataKind) -> OpCode {
    match kind {
        DataKind::Text => OpCode::Text,
        DataKind::Binary => OpCode::Binary,
    }
}

fn control(
    opcode: OpCode,
    payload: &[u8],
    mask: [u8; 4],
    out: &mut Vec<u8>,
) -> Result<(), SendError> {
    if payload.len() > 125 {
        return Err(SendError::ControlTooLong(payload.len()));
    }
    frame(opcode, true, 0, payload, mask, out);
    Ok(())
}

/// Appends one masked frame.
fn frame(opcode: OpCode, fin: bool, rsv: u8, payload: &[u8], mask: [u8; 4], out: &mut Vec<u8>) {
    FrameHeader {
        fin,
        rsv,
        opcode,
        mask: Some(mask),
        len: payload.len() as u64,
    }
    .encode(out);
    mask_payload(payload, mask, 0, out);
}

/// Appends `piece` masked with `mask`, as the bytes at `offset` of a frame's payload (see
/// [`Sender::message_header`]).
pub fn mask_payload(piece: &[u8], mask: [u8; 4], offset: usize, out: &mut Vec<u8>) {
    out.reserve(piece.len());
    // Copied and masked a slice at a time, while the slice is still in the cache: one pass
    // over a large payload instead of two.
    const SLICE: usize = 16 * 1024;
    for (i, slice) in piece.chunks(SLICE).enumerate() {
        let start = out.len();
        out.extend_from_slice(slice);
        apply_mask(&mut out[start..], mask, offset + i * SLICE);
    }
}
