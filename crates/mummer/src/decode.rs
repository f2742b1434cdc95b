//! Streaming content-decoding (gzip, deflate, br, zstd, and stacks of them such as
//! `Content-Encoding: gzip, br`), bounded and pulled.
//!
//! The decoder holds at most the raw chunk it was given and produces output in pieces of at
//! most [`OUT_CHUNK`] bytes, only when the reader asks for the next one. So memory stays flat
//! whatever the compression ratio: a few kilobytes that expand to gigabytes (a decompression
//! bomb) are decoded 64 KiB at a time, as fast as the reader takes them, and the reader's
//! body limit stops them. zstd windows are capped at 8 MiB (RFC 9659), as browsers cap them.
//!
//! The end of the raw body is not the end of the content: only a compressed stream that
//! reached its own end marker counts as complete, so a body cut mid-stream (even with intact
//! HTTP framing) is an error, never a shorter result.

use bytes::{Bytes, BytesMut};
use compression_codecs::Decode;
use compression_codecs::core::util::PartialBuffer;

use crate::error::Error;

/// The codings this client decodes, in the order it advertises them.
pub(crate) const SUPPORTED: &str = "gzip, deflate, br, zstd";

/// The largest piece of output one pull produces.
pub(crate) const OUT_CHUNK: usize = 64 * 1024;

/// The largest zstd window accepted: 8 MiB, the limit RFC 9659 sets for HTTP.
const ZSTD_WINDOW_LOG_MAX: u32 = 23;

enum Codec {
    Gzip(compression_codecs::GzipDecoder),
    Zlib(compression_codecs::ZlibDecoder),
    Deflate(compression_codecs::DeflateDecoder),
    Brotli(Box<compression_codecs::BrotliDecoder>),
    Zstd(compression_codecs::ZstdDecoder),
}

impl Codec {
    fn as_decode(&mut self) -> &mut dyn DecodeDyn {
        match self {
            Codec::Gzip(d) => d,
            Codec::Zlib(d) => d,
            Codec::Deflate(d) => d,
            Codec::Brotli(d) => &mut **d,
            Codec::Zstd(d) => d,
        }
    }
}

/// Object-safe slice of `Decode` for the concrete buffers used here.
trait DecodeDyn {
    fn decode_into(
        &mut self,
        input: &mut PartialBuffer<&[u8]>,
        output: &mut PartialBuffer<&mut [u8]>,
    ) -> std::io::Result<bool>;
    fn finish_into(&mut self, output: &mut PartialBuffer<&mut [u8]>) -> std::io::Result<bool>;
    fn reinit_codec(&mut self) -> std::io::Result<()>;
}

impl<T: Decode> DecodeDyn for T {
    fn decode_into(
        &mut self,
        input: &mut PartialBuffer<&[u8]>,
        output: &mut PartialBuffer<&mut [u8]>,
    ) -> std::io::Result<bool> {
        self.decode(input, output)
    }
    fn finish_into(&mut self, output: &mut PartialBuffer<&mut [u8]>) -> std::io::Result<bool> {
        self.finish(output)
    }
    fn reinit_codec(&mut self) -> std::io::Result<()> {
        self.reinit()
    }
}

/// What a pull produced.
#[derive(Debug, PartialEq)]
pub(crate) enum Pull {
    /// Decoded bytes (never empty), at most [`OUT_CHUNK`].
    Data(Bytes),
    /// The decoder needs the next raw chunk (or to be told the raw body ended).
    NeedInput,
    /// The content is complete: every stream reached its end marker.
    Done,
}

/// One coding of a stack.
struct Stage {
    /// `None` until the first byte for `deflate`, which picks zlib or raw deflate from it.
    codec: Option<Codec>,
    coding: &'static str,
    input: Bytes,
    /// The current stream reached its end marker; more input starts a new member (gzip
    /// members and zstd frames may be concatenated).
    stream_ended: bool,
    saw_input: bool,
    /// Everything upstream ended and this stage flushed its last output.
    finished: bool,
}

impl Stage {
    fn new(coding: &str) -> Option<Stage> {
        let (codec, name): (Option<Codec>, &'static str) = match coding {
            "gzip" | "x-gzip" => (
                Some(Codec::Gzip(compression_codecs::GzipDecoder::new())),
                "gzip",
            ),
            "deflate" => (None, "deflate"),
            "br" => (
                Some(Codec::Brotli(Box::new(
                    compression_codecs::BrotliDecoder::new(),
                ))),
                "br",
            ),
            "zstd" => (
                Some(Codec::Zstd(
                    compression_codecs::ZstdDecoder::new_with_params(&[
                        compression_codecs::zstd::params::DParameter::window_log_max(
                            ZSTD_WINDOW_LOG_MAX,
                        ),
                    ]),
                )),
                "zstd",
            ),
            _ => return None,
        };
        Some(Stage {
            codec,
            coding: name,
            input: Bytes::new(),
            stream_ended: false,
            saw_input: false,
            finished: false,
        })
    }

    fn error(&self, e: std::io::Error) -> Error {
        Error::decode(format!("{}: {e}", self.coding))
    }

    /// Decodes from the pending input into at most one output piece (possibly empty, when the
    /// input held only headers or the end of a member).
    fn decode_some(&mut self) -> Result<Bytes, Error> {
        if self.codec.is_none() {
            // RFC 9110 says deflate means the zlib format, but servers send raw deflate too;
            // browsers accept both, told apart by the zlib header check.
            let first = self.input[0];
            let zlib = first & 0x0f == 8
                && self
                    .input
                    .get(1)
                    .is_none_or(|&b| ((first as u16) << 8 | b as u16) % 31 == 0);
            self.codec = Some(if zlib {
                Codec::Zlib(compression_codecs::ZlibDecoder::new())
            } else {
                Codec::Deflate(compression_codecs::DeflateDecoder::new())
            });
        }
        self.saw_input = true;
        let coding = self.coding;
        let Some(codec) = self.codec.as_mut() else {
            return Ok(Bytes::new());
        };
        if self.stream_ended {
            codec
                .as_decode()
                .reinit_codec()
                .map_err(|e| Error::decode(format!("{coding}: {e}")))?;
            self.stream_ended = false;
        }
        let mut out = BytesMut::zeroed(OUT_CHUNK);
        let mut input = PartialBuffer::new(&self.input[..]);
        let mut output = PartialBuffer::new(&mut out[..]);
        let ended = codec.as_decode().decode_into(&mut input, &mut output);
        let consumed = input.written_len();
        let written = output.written_len();
        let ended = ended.map_err(|e| Error::decode(format!("{coding}: {e}")))?;
        let _ = self.input.split_to(consumed);
        self.stream_ended = ended;
        if consumed == 0 && written == 0 && !ended {
            return Err(self.error(std::io::Error::other("the decoder made no progress")));
        }
        out.truncate(written);
        Ok(out.freeze())
    }

    /// Upstream ended and the input is used up: flushes what the codec still holds, at most
    /// one piece per call; fails unless the stream reached its end marker.
    fn finish_some(&mut self) -> Result<Option<Bytes>, Error> {
        if !self.saw_input || self.stream_ended {
            // Nothing was encoded (an empty body with a Content-Encoding header, as HEAD-like
            // replies and lying 204s have), or the last member ended with the input.
            self.finished = true;
            return Ok(None);
        }
        let coding = self.coding;
        let Some(codec) = self.codec.as_mut() else {
            self.finished = true;
            return Ok(None);
        };
        let mut out = BytesMut::zeroed(OUT_CHUNK);
        let mut output = PartialBuffer::new(&mut out[..]);
        let done = codec
            .as_decode()
            .finish_into(&mut output)
            .map_err(|e| Error::decode(format!("{coding}: {e}")))?;
        let written = output.written_len();
        if done {
            self.stream_ended = true;
        } else if written == 0 {
            return Err(self.error(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "compressed stream ended before its end marker",
            )));
        }
        out.truncate(written);
        Ok((written > 0).then(|| out.freeze()))
    }
}

/// A streaming decoder for one response body.
pub(crate) struct Decoder {
    /// In decoding order: the last coding applied comes first.
    stages: Vec<Stage>,
    raw_done: bool,
}

impl Decoder {
    /// A decoder for the response's `Content-Encoding` (a comma-separated list, codings in
    /// the order they were applied), or `None` when the body is identity or uses a coding we
    /// leave alone (the caller then gets the raw bytes, as curl does).
    pub(crate) fn for_content_encoding(value: &str) -> Option<Decoder> {
        let mut stages = Vec::new();
        for coding in value.split(',').rev() {
            let coding = coding.trim().to_ascii_lowercase();
            if coding.is_empty() || coding == "identity" {
                continue;
            }
            stages.push(Stage::new(&coding)?);
        }
        // More stacked codings than any real server applies is an attack on our CPU.
        if stages.is_empty() || stages.len() > 4 {
            return None;
        }
        Some(Decoder {
            stages,
            raw_done: false,
        })
    }

    /// The next raw chunk; only valid after [`Pull::NeedInput`].
    pub(crate) fn push(&mut self, raw: Bytes) {
        if let Some(first) = self.stages.first_mut() {
            first.input = raw;
        }
    }

    /// The raw body ended complete.
    pub(crate) fn end_of_input(&mut self) {
        self.raw_done = true;
    }

    /// The next piece of decoded content.
    pub(crate) fn pull(&mut self) -> Result<Pull, Error> {
        let last = self.stages.len() - 1;
        self.pull_stage(last)
    }

    fn pull_stage(&mut self, k: usize) -> Result<Pull, Error> {
        loop {
            if self.stages[k].finished {
                return Ok(Pull::Done);
            }
            if !self.stages[k].input.is_empty() {
                let out = self.stages[k].decode_some()?;
                if !out.is_empty() {
                    return Ok(Pull::Data(out));
                }
                continue;
            }
            let upstream_done = if k == 0 {
                if !self.raw_done {
                    return Ok(Pull::NeedInput);
                }
                true
            } else {
                match self.pull_stage(k - 1)? {
                    Pull::Data(piece) => {
                        self.stages[k].input = piece;
                        continue;
                    }
                    Pull::NeedInput => return Ok(Pull::NeedInput),
                    Pull::Done => true,
                }
            };
            if upstream_done {
                if let Some(out) = self.stages[k].finish_some()? {
                    return Ok(Pull::Data(out));
                }
                if self.stages[k].finished || self.stages[k].stream_ended {
                    self.stages[k].finished = true;
                    return Ok(Pull::Done);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use compression_codecs::Encode;

    fn encode(mut enc: impl Encode, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; data.len() + 1024];
        let mut input = PartialBuffer::new(data);
        let mut output = PartialBuffer::new(&mut out[..]);
        enc.encode(&mut input, &mut output).expect("encode");
        while !enc.finish(&mut output).expect("finish") {}
        let n = output.written_len();
        out.truncate(n);
        out
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        encode(
            compression_codecs::GzipEncoder::new(compression_codecs::core::Level::Default.into()),
            data,
        )
    }

    /// Feeds `encoded` in `piece`-sized chunks; returns the output and the largest piece.
    fn decode_all(
        d: &mut Decoder,
        encoded: &[u8],
        piece: usize,
    ) -> Result<(Vec<u8>, usize), Error> {
        let mut chunks = encoded.chunks(piece);
        let mut out = Vec::new();
        let mut largest = 0;
        loop {
            match d.pull()? {
                Pull::Data(b) => {
                    largest = largest.max(b.len());
                    out.extend_from_slice(&b);
                }
                Pull::NeedInput => match chunks.next() {
                    Some(c) => d.push(Bytes::copy_from_slice(c)),
                    None => d.end_of_input(),
                },
                Pull::Done => return Ok((out, largest)),
            }
        }
    }

    #[test]
    fn gzip_round_trip_in_small_pieces() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let z = gzip(&data);
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let (got, _) = decode_all(&mut d, &z, 777).expect("decodes");
        assert_eq!(got, data);
    }

    #[test]
    fn gzip_cut_in_half_is_an_error() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
        let z = gzip(&data);
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let err = decode_all(&mut d, &z[..z.len() / 2], 4096).expect_err("cut gzip must fail");
        assert!(err.is_decode(), "{err}");
    }

    #[test]
    fn a_bomb_comes_out_in_bounded_pieces() {
        // 64 MiB of zeros is about 64 KiB of gzip; one 16 KiB input piece must not turn into
        // one huge output buffer.
        let zeros = vec![0u8; 64 << 20];
        let z = gzip(&zeros);
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let (got, largest) = decode_all(&mut d, &z, 16 * 1024).expect("decodes");
        assert_eq!(got.len(), zeros.len());
        assert!(largest <= OUT_CHUNK, "{largest}");
    }

    #[test]
    fn stacked_codings_decode_in_reverse_order() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 97) as u8).collect();
        let inner = gzip(&data);
        let outer = encode(
            compression_codecs::BrotliEncoder::new(Default::default()),
            &inner,
        );
        let mut d = Decoder::for_content_encoding("gzip, br").expect("stack");
        let (got, _) = decode_all(&mut d, &outer, 1000).expect("decodes");
        assert_eq!(got, data);
        // Identity in the list changes nothing; an unknown coding leaves the body raw.
        assert!(Decoder::for_content_encoding("identity, gzip").is_some());
        assert!(Decoder::for_content_encoding("gzip, compress").is_none());
        assert!(Decoder::for_content_encoding("gzip,gzip,gzip,gzip,gzip").is_none());
    }

    #[test]
    fn concatenated_gzip_members_are_one_body() {
        let mut z = gzip(b"hello ");
        z.extend(gzip(b"world"));
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let (got, _) = decode_all(&mut d, &z, 5).expect("decodes");
        assert_eq!(got, b"hello world");
    }

    #[test]
    fn empty_body_with_an_encoding_is_empty() {
        let mut d = Decoder::for_content_encoding("br").expect("br");
        let (got, _) = decode_all(&mut d, b"", 10).expect("empty is fine");
        assert!(got.is_empty());
    }

    #[test]
    fn unknown_coding_is_left_alone() {
        assert!(Decoder::for_content_encoding("identity").is_none());
        assert!(Decoder::for_content_encoding("compress").is_none());
    }
}
