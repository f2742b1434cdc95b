//! Streaming content-decoding (gzip, deflate, br, zstd).
//!
//! The decoder is fed raw body chunks and yields decoded bytes. The end of the raw body is not
//! the end of the content: only a compressed stream that reached its own end marker counts as
//! complete, so a body cut mid-stream (even with intact HTTP framing) is an error, never a
//! shorter result.

use bytes::{Bytes, BytesMut};
use compression_codecs::Decode;
use compression_codecs::core::util::PartialBuffer;

use crate::error::Error;

/// The codings this client decodes, in the order it advertises them.
pub(crate) const SUPPORTED: &str = "gzip, deflate, br, zstd";

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

/// A streaming decoder for one response body.
pub(crate) struct Decoder {
    codec: Option<Codec>,
    coding: &'static str,
    /// Set once the compressed stream's end marker has been decoded; more input after it starts
    /// a new member (gzip members and zstd frames may be concatenated).
    stream_ended: bool,
    saw_input: bool,
    out: BytesMut,
}

const OUT_CHUNK: usize = 64 * 1024;

impl Decoder {
    /// A decoder for the response's `Content-Encoding`, or `None` when the body is identity or
    /// uses a coding we leave alone (the caller then gets the raw bytes, as curl does).
    pub(crate) fn for_content_encoding(value: &str) -> Option<Decoder> {
        let coding = value.trim().to_ascii_lowercase();
        let (codec, name): (Option<Codec>, &'static str) = match coding.as_str() {
            "gzip" | "x-gzip" => (
                Some(Codec::Gzip(compression_codecs::GzipDecoder::new())),
                "gzip",
            ),
            // The zlib wrapper or raw deflate is chosen from the first byte.
            "deflate" => (None, "deflate"),
            "br" => (
                Some(Codec::Brotli(Box::new(
                    compression_codecs::BrotliDecoder::new(),
                ))),
                "br",
            ),
            "zstd" => (
                Some(Codec::Zstd(compression_codecs::ZstdDecoder::new())),
                "zstd",
            ),
            _ => return None,
        };
        Some(Decoder {
            codec,
            coding: name,
            stream_ended: false,
            saw_input: false,
            out: BytesMut::new(),
        })
    }

    /// Decodes one raw chunk; returns whatever decoded bytes it produced (possibly empty).
    pub(crate) fn feed(&mut self, raw: &[u8]) -> Result<Bytes, Error> {
        let mut input = PartialBuffer::new(raw);
        if raw.is_empty() {
            return Ok(Bytes::new());
        }
        self.saw_input = true;
        if self.codec.is_none() {
            // RFC 9110 says deflate means the zlib format, but servers send raw deflate too;
            // browsers accept both, told apart by the zlib header check.
            let first = raw[0];
            let zlib = first & 0x0f == 8
                && raw
                    .get(1)
                    .is_none_or(|&b| ((first as u16) << 8 | b as u16) % 31 == 0);
            self.codec = Some(if zlib {
                Codec::Zlib(compression_codecs::ZlibDecoder::new())
            } else {
                Codec::Deflate(compression_codecs::DeflateDecoder::new())
            });
        }
        let Some(codec) = self.codec.as_mut() else {
            return Ok(Bytes::new());
        };
        loop {
            if self.stream_ended {
                if input.unwritten().is_empty() {
                    break;
                }
                codec
                    .as_decode()
                    .reinit_codec()
                    .map_err(|e| Self::error(self.coding, e))?;
                self.stream_ended = false;
            }
            self.out.reserve(OUT_CHUNK);
            let start = self.out.len();
            let spare = self.out.capacity() - start;
            self.out.resize(start + spare, 0);
            let mut output = PartialBuffer::new(&mut self.out[start..]);
            let ended = codec.as_decode().decode_into(&mut input, &mut output);
            let written = output.written_len();
            self.out.truncate(start + written);
            if ended.map_err(|e| Self::error(self.coding, e))? {
                self.stream_ended = true;
                continue;
            }
            // Stop when the input is used up and the codec had room to spare (so it holds no
            // more output), or when it made no progress at all.
            let output_full = written == spare;
            if !output_full && (input.unwritten().is_empty() || written == 0) {
                break;
            }
        }
        Ok(self.out.split().freeze())
    }

    /// The raw body ended complete: flushes what the decoder still holds, and fails unless the
    /// compressed stream reached its end.
    pub(crate) fn finish(&mut self) -> Result<Bytes, Error> {
        if !self.saw_input {
            // An empty body with a Content-Encoding header (HEAD-like replies, 204s that lie) has
            // nothing to decode.
            return Ok(Bytes::new());
        }
        let Some(codec) = self.codec.as_mut() else {
            return Ok(Bytes::new());
        };
        // Drain what the codec still holds; only its own end marker makes the body complete.
        while !self.stream_ended {
            self.out.reserve(OUT_CHUNK);
            let start = self.out.len();
            let spare = self.out.capacity() - start;
            self.out.resize(start + spare, 0);
            let mut output = PartialBuffer::new(&mut self.out[start..]);
            let done = codec.as_decode().finish_into(&mut output);
            let written = output.written_len();
            self.out.truncate(start + written);
            match done {
                Ok(true) => self.stream_ended = true,
                Ok(false) if written > 0 => {}
                Ok(false) => {
                    return Err(Self::error(
                        self.coding,
                        std::io::Error::new(
                            std::io::ErrorKind::UnexpectedEof,
                            "compressed stream ended before its end marker",
                        ),
                    ));
                }
                Err(e) => return Err(Self::error(self.coding, e)),
            }
        }
        Ok(self.out.split().freeze())
    }

    fn error(coding: &str, e: std::io::Error) -> Error {
        Error::decode(format!("{coding}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        use compression_codecs::Encode;
        let mut enc =
            compression_codecs::GzipEncoder::new(compression_codecs::core::Level::Default.into());
        let mut out = vec![0u8; data.len() + 1024];
        let mut input = PartialBuffer::new(data);
        let mut output = PartialBuffer::new(&mut out[..]);
        enc.encode(&mut input, &mut output).expect("encode");
        while !enc.finish(&mut output).expect("finish") {}
        let n = output.written_len();
        out.truncate(n);
        out
    }

    #[test]
    fn gzip_round_trip_in_small_pieces() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let z = gzip(&data);
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let mut got = Vec::new();
        for piece in z.chunks(777) {
            got.extend_from_slice(&d.feed(piece).expect("feed"));
        }
        got.extend_from_slice(&d.finish().expect("finish"));
        assert_eq!(got, data);
    }

    #[test]
    fn gzip_cut_in_half_is_an_error() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
        let z = gzip(&data);
        let mut d = Decoder::for_content_encoding("gzip").expect("gzip");
        let _ = d.feed(&z[..z.len() / 2]).expect("feed");
        let err = d.finish().expect_err("cut gzip must fail");
        assert!(err.is_decode(), "{err}");
    }

    #[test]
    fn unknown_coding_is_left_alone() {
        assert!(Decoder::for_content_encoding("identity").is_none());
        assert!(Decoder::for_content_encoding("compress").is_none());
    }
}
