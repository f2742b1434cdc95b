//! permessage-deflate (RFC 7692): the offer, the server's answer, and the two codecs.
//!
//! Inflation is bounded: a frame's payload is inflated in steps and the output may never pass
//! the message's remaining budget, so a small compressed "bomb" is a 1009 close after at most
//! [`Config::max_message_size`](super::Config::max_message_size) bytes of output, never an
//! allocation the size the bomb claims.

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use super::{SendError, Violation};

/// The empty stored block a sync flush ends with; RFC 7692 section 7.2.1 strips it from each
/// message and the receiver puts it back.
const TAIL: [u8; 4] = [0x00, 0x00, 0xff, 0xff];
/// Output grows by at most this much per inflate step.
const INFLATE_STEP: usize = 64 * 1024;

/// What the client offers in `Sec-WebSocket-Extensions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeflateOffer {
    /// Offer `client_max_window_bits`: `Some(None)` without a value (the server may then pick
    /// any window for the client, as Chrome offers it), `Some(Some(n))` with a value.
    pub client_max_window_bits: Option<Option<u8>>,
    /// Ask the server to use at most this window (8-15).
    pub server_max_window_bits: Option<u8>,
    /// Offer to reset the client's compression context after each message.
    pub client_no_context_takeover: bool,
    /// Ask the server to reset its context after each message.
    pub server_no_context_takeover: bool,
}

impl DeflateOffer {
    /// Chrome's offer: `permessage-deflate; client_max_window_bits`.
    pub const CHROME: DeflateOffer = DeflateOffer {
        client_max_window_bits: Some(None),
        server_max_window_bits: None,
        client_no_context_takeover: false,
        server_no_context_takeover: false,
    };

    /// The extension as the header value lists it.
    pub fn header_value(&self) -> String {
        let mut v = String::from("permessage-deflate");
        if self.client_no_context_takeover {
            v.push_str("; client_no_context_takeover");
        }
        if self.server_no_context_takeover {
            v.push_str("; server_no_context_takeover");
        }
        if let Some(bits) = self.server_max_window_bits {
            v.push_str(&format!("; server_max_window_bits={bits}"));
        }
        match self.client_max_window_bits {
            Some(Some(bits)) => v.push_str(&format!("; client_max_window_bits={bits}")),
            Some(None) => v.push_str("; client_max_window_bits"),
            None => {}
        }
        v
    }

    /// Parses an offer written as [`Self::header_value`] writes it (a profile's value).
    pub fn parse(value: &str) -> Option<DeflateOffer> {
        let mut parts = value.split(';').map(str::trim);
        if parts.next()? != "permessage-deflate" {
            return None;
        }
        let mut offer = DeflateOffer::default();
        for p in parts {
            let (name, val) = match p.split_once('=') {
                Some((n, v)) => (n.trim(), Some(window_bits(v)?)),
                None => (p, None),
            };
            match (name, val) {
                ("client_no_context_takeover", None) => offer.client_no_context_takeover = true,
                ("server_no_context_takeover", None) => offer.server_no_context_takeover = true,
                ("server_max_window_bits", Some(b)) => offer.server_max_window_bits = Some(b),
                ("client_max_window_bits", v) => offer.client_max_window_bits = Some(v),
                _ => return None,
            }
        }
        Some(offer)
    }

    /// Checks the parameters of the server's `permessage-deflate` answer against this offer
    /// (RFC 7692 section 7.1): each at most once, known, with values 8-15 where they take one,
    /// `client_max_window_bits` only if offered and never above the offered value,
    /// `server_max_window_bits` never above what was asked.
    pub fn accept(&self, params: &str) -> Result<DeflateParams, String> {
        let mut out = DeflateParams::default();
        let mut seen: Vec<&str> = Vec::new();
        for p in params.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = match p.split_once('=') {
                Some((n, v)) => (n.trim(), Some(v.trim())),
                None => (p, None),
            };
            if seen.contains(&name) {
                return Err(format!("parameter {name} given twice"));
            }
            seen.push(name);
            let bits = |v: Option<&str>| {
                v.and_then(window_bits)
                    .ok_or_else(|| format!("{name} needs a value from 8 to 15"))
            };
            match name {
                "server_no_context_takeover" if value.is_none() => {
                    out.server_no_context_takeover = true;
                }
                "client_no_context_takeover" if value.is_none() => {
                    out.client_no_context_takeover = true;
                }
                "server_max_window_bits" => {
                    let b = bits(value)?;
                    if self.server_max_window_bits.is_some_and(|asked| b > asked) {
                        return Err(format!("server_max_window_bits={b} above the {b} asked"));
                    }
                    out.server_max_window_bits = b;
                }
                "client_max_window_bits" => {
                    let b = bits(value)?;
                    match self.client_max_window_bits {
                        None => return Err("client_max_window_bits was not offered".into()),
                        Some(Some(offered)) if b > offered => {
                            return Err(format!(
                                "client_max_window_bits={b} above the {offered} offered"
                            ));
                        }
                        _ => {}
                    }
                    out.client_max_window_bits = b;
                }
                other => return Err(format!("unknown or malformed parameter {other:?}")),
            }
        }
        if let Some(asked) = self.server_max_window_bits
            && !seen.contains(&"server_max_window_bits")
        {
            // RFC 7692 section 7.1.2.1: a server that accepts the limit must echo it.
            return Err(format!(
                "server_max_window_bits={asked} asked and not answered"
            ));
        }
        if self.server_no_context_takeover && !out.server_no_context_takeover {
            return Err("server_no_context_takeover asked and not answered".into());
        }
        out.client_no_context_takeover |= self.client_no_context_takeover;
        Ok(out)
    }
}

/// A window-bits value: 8-15, optionally quoted, no leading zero.
fn window_bits(v: &str) -> Option<u8> {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v);
    if v.starts_with('0') || v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok().filter(|b| (8..=15).contains(b))
}

/// The parameters both sides agreed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeflateParams {
    /// The server resets its compression context after each message.
    pub server_no_context_takeover: bool,
    /// The client resets its compression context after each message.
    pub client_no_context_takeover: bool,
    /// The server compresses with at most this window.
    pub server_max_window_bits: u8,
    /// The client compresses with at most this window.
    pub client_max_window_bits: u8,
}

impl Default for DeflateParams {
    fn default() -> Self {
        DeflateParams {
            server_no_context_takeover: false,
            client_no_context_takeover: false,
            server_max_window_bits: 15,
            client_max_window_bits: 15,
        }
    }
}

/// The client's compressor.
pub(crate) struct Deflater {
    compress: Compress,
    no_context_takeover: bool,
}

impl Deflater {
    /// `None` when the agreed window is 8 bits, which zlib cannot produce for raw deflate:
    /// messages then go uncompressed, which RFC 7692 section 6 allows at any time.
    pub(crate) fn new(params: &DeflateParams) -> Option<Deflater> {
        let bits = params.client_max_window_bits;
        if !(9..=15).contains(&bits) {
            return None;
        }
        Some(Deflater {
            // The fastest level: messages are small and latency-bound, and at 16 MiB the
            // default level costs several times the CPU for a few percent of size.
            compress: Compress::new_with_window_bits(Compression::fast(), false, bits),
            no_context_takeover: params.client_no_context_takeover,
        })
    }

    /// Starts a new compression context (the window of earlier messages dropped).
    pub(crate) fn forget(&mut self) {
        self.compress.reset();
    }

    /// Appends `input` compressed (a sync flush, so it stands as a fragment of its own) to
    /// `out`; on the message's last fragment the flush's empty block is taken off again.
    pub(crate) fn compress(
        &mut self,
        input: &[u8],
        fin: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), SendError> {
        let start = out.len();
        let before_in = self.compress.total_in();
        loop {
            out.reserve(input.len() / 2 + 64);
            let consumed = (self.compress.total_in() - before_in) as usize;
            let before_out = self.compress.total_out();
            self.compress
                .compress_vec(&input[consumed..], out, FlushCompress::Sync)
                .map_err(|_| SendError::Deflate)?;
            let now = (self.compress.total_in() - before_in) as usize;
            // The flush is complete once all input is in and the output had room to spare.
            if now == input.len() && out.len() < out.capacity() {
                break;
            }
            if now == consumed && self.compress.total_out() == before_out {
                return Err(SendError::Deflate);
            }
        }
        if fin {
            if out[start..].ends_with(&TAIL) {
                out.truncate(out.len() - TAIL.len());
            }
            if out.len() == start {
                // A sync flush with nothing new to flush writes nothing (zlib's Z_BUF_ERROR
                // case: an empty message right after another); the receiver would append the
                // tail to nothing and read a broken stored block. RFC 7692 section 7.2.3.6: an
                // empty message is the single byte 0x00 (an empty stored block, tail removed).
                out.push(0x00);
            } else if out.len() == start {
                // A sync flush with nothing new since the last one writes nothing (zlib), and
                // an empty payload would have the peer append TAIL to no block header: its
                // inflater would take TAIL for a stored block's header and lengths, and fail
                // on the next message. One zero byte is the header of the empty stored block
                // TAIL completes (RFC 7692 section 7.2.3.6).
                out.push(0x00);
            }
            if self.no_context_takeover {
                self.compress.reset();
            }
        }
        Ok(())
    }
}

/// The client's decompressor.
pub(crate) struct Inflater {
    decompress: Decompress,
    no_context_takeover: bool,
}

impl Inflater {
    pub(crate) fn new(params: &DeflateParams) -> Inflater {
        // A 15-bit window reads any smaller one.
        Inflater {
            decompress: Decompress::new(false),
            no_context_takeover: params.server_no_context_takeover,
        }
    }

    /// Inflates one frame's `input` into `out`, which may grow by at most `budget` bytes;
    /// `fin` puts the stripped tail back and ends the message.
    pub(crate) fn inflate(
        &mut self,
        input: &[u8],
        fin: bool,
        budget: usize,
        limit: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), Violation> {
        let start = out.len();
        self.run(input, budget, limit, start, out)?;
        if fin {
            self.run(&TAIL, budget, limit, start, out)?;
            if self.no_context_takeover {
                self.decompress.reset(false);
            }
        }
        Ok(())
    }

    /// Inflates all of `input`, growing `out` in steps, never past `start + budget` (one
    /// byte beyond is room to see that the message would be larger).
    fn run(
        &mut self,
        input: &[u8],
        budget: usize,
        limit: usize,
        start: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), Violation> {
        let mut pos = 0;
        loop {
            let produced = out.len() - start;
            let room = budget.saturating_sub(produced).min(INFLATE_STEP) + 1;
            let len = out.len();
            out.resize(len + room, 0);
            let (before_in, before_out) = (self.decompress.total_in(), self.decompress.total_out());
            let status =
                self.decompress
                    .decompress(&input[pos..], &mut out[len..], FlushDecompress::Sync);
            let read = (self.decompress.total_in() - before_in) as usize;
            let wrote = (self.decompress.total_out() - before_out) as usize;
            out.truncate(len + wrote);
            let status = status.map_err(|_| Violation::BadDeflate)?;
            pos += read;
            if out.len() - start > budget {
                return Err(Violation::MessageTooLarge { limit });
            }
            if status == Status::StreamEnd {
                // A block with BFINAL set ends the deflate stream; what follows (at least the
                // restored tail) starts a new one, with the window lost as it is anyway.
                self.decompress.reset(false);
            }
            if pos == input.len() && wrote < room {
                return Ok(());
            }
            if read == 0 && wrote == 0 && status != Status::StreamEnd {
                return Err(Violation::BadDeflate);
            }
        }
    }
}
