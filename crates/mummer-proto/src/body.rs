//! Response body framing: deciding it ([`body_kind`]), decoding it ([`BodyDecoder`]) and
//! deciding whether the connection survives it ([`response_keeps_alive`]).
//!
//! In scope: RFC 9112 section 6.3 message-length rules, Content-Length bodies, the chunked
//! transfer coding (chunk extensions are validated and ignored, trailers are kept), and
//! close-delimited bodies.
//!
//! Out of scope: content codings and non-chunked transfer codings (gzip, br, ...; the caller
//! decodes those from the data ranges), and anything that touches a socket. The decoder never
//! copies body data: it returns ranges into the caller's buffer.
//!
//! Choices worth knowing:
//! * A Transfer-Encoding whose final coding is not `chunked` makes a close-delimited body, as
//!   RFC 9112 6.3 item 4 says for responses. Only syntactically invalid Transfer-Encoding values
//!   (empty, not tokens) and `chunked` applied twice are errors, because those make the framing
//!   ambiguous.
//! * Chunked framing requires CRLF line ends; a bare LF is an error. Lenient chunk parsing is a
//!   classic source of framing disagreements between hops, and well-behaved servers send CRLF.
//! * Chunk sizes may have leading zeros; the value must fit in `u64`.

use std::ops::Range;

use crate::error::{BodyError, ProtoError};
use crate::response::{HttpVersion, Limits, ResponseHead};
use crate::syntax::{is_tchar, is_token, list_contains_token, list_elements, trim_ows};

/// How a response body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No body at all (HEAD, 1xx, 204, 304, 2xx to CONNECT, or a Content-Length of 0).
    Empty,
    /// Exactly this many bytes follow the head; never 0 (that is [`BodyKind::Empty`]).
    ContentLength(u64),
    /// The chunked transfer coding.
    Chunked,
    /// The body runs until the server closes the connection.
    CloseDelimited,
}

/// Decides how the body of `head` is delimited (RFC 9112 section 6.3).
///
/// `request_method` is the method of the request this response answers, e.g. `"HEAD"`; methods
/// are case-sensitive. There is no body for HEAD, 1xx, 204, 304 and 2xx to CONNECT. A present
/// Transfer-Encoding wins over Content-Length (and such a message must not be reused: see
/// [`response_keeps_alive`]): `chunked` as the final coding gives [`BodyKind::Chunked`], any
/// other final coding gives [`BodyKind::CloseDelimited`]. Multiple Content-Length values (comma
/// lists or repeated headers) that are all equal are accepted; differing ones are
/// [`ProtoError::InvalidContentLength`]. A length of 0 is returned as [`BodyKind::Empty`].
/// Without either header the body is close-delimited.
pub fn body_kind(request_method: &str, head: &ResponseHead) -> Result<BodyKind, ProtoError> {
    let status = head.status;
    if request_method == "HEAD" || (100..200).contains(&status) || status == 204 || status == 304 {
        return Ok(BodyKind::Empty);
    }
    // A successful CONNECT turns the connection into a tunnel; what follows is not a body.
    if request_method == "CONNECT" && (200..300).contains(&status) {
        return Ok(BodyKind::Empty);
    }
    if let Some(chunked_is_final) = chunked_is_final(head)? {
        return Ok(if chunked_is_final {
            BodyKind::Chunked
        } else {
            BodyKind::CloseDelimited
        });
    }
    Ok(match content_length(head)? {
        Some(0) => BodyKind::Empty,
        Some(n) => BodyKind::ContentLength(n),
        None => BodyKind::CloseDelimited,
    })
}

/// `None` without Transfer-Encoding; otherwise whether `chunked` is the final coding.
fn chunked_is_final(head: &ResponseHead) -> Result<Option<bool>, ProtoError> {
    let mut present = false;
    let mut codings = 0usize;
    let mut chunked_seen = false;
    let mut last_is_chunked = false;
    for value in head.headers_named("transfer-encoding") {
        present = true;
        for element in list_elements(value) {
            // transfer-coding = token *( OWS ";" OWS transfer-parameter ); parameters are
            // irrelevant to framing.
            let name_end = element
                .iter()
                .position(|&b| b == b';')
                .unwrap_or(element.len());
            let name = trim_ows(&element[..name_end]);
            if !is_token(name) {
                return Err(ProtoError::UnsupportedTransferEncoding);
            }
            last_is_chunked = name.eq_ignore_ascii_case(b"chunked");
            if last_is_chunked {
                if chunked_seen {
                    return Err(ProtoError::UnsupportedTransferEncoding);
                }
                chunked_seen = true;
            }
            codings += 1;
        }
    }
    match (present, codings) {
        (false, _) => Ok(None),
        (true, 0) => Err(ProtoError::UnsupportedTransferEncoding),
        (true, _) => Ok(Some(last_is_chunked)),
    }
}

/// All Content-Length values, which must agree (RFC 9110 8.6).
fn content_length(head: &ResponseHead) -> Result<Option<u64>, ProtoError> {
    content_length_of(head.headers_named("content-length"))
}

/// The length that Content-Length field values declare: each value a list of decimals
/// (`1000, 1000` is a length of 1000), all of which must agree (RFC 9110 8.6). `None` when
/// there is no value. HTTP/2's response heads are checked with it too.
pub fn content_length_of<'a>(
    values: impl IntoIterator<Item = &'a [u8]>,
) -> Result<Option<u64>, ProtoError> {
    let mut found: Option<u64> = None;
    for value in values {
        for element in value.split(|&b| b == b',') {
            let n = parse_decimal(trim_ows(element)).ok_or(ProtoError::InvalidContentLength)?;
            match found {
                Some(previous) if previous != n => return Err(ProtoError::InvalidContentLength),
                _ => found = Some(n),
            }
        }
    }
    Ok(found)
}

/// `1*DIGIT` into u64; `str::parse` is avoided because it accepts a leading `+`.
fn parse_decimal(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Whether the connection may be reused after this response's body is complete.
///
/// False for HTTP/1.0 without `Connection: keep-alive`, for `Connection: close` (token list,
/// case-insensitive), for close-delimited bodies, for 101 Switching Protocols (the connection now
/// speaks another protocol), for responses that carried both Transfer-Encoding and
/// Content-Length (RFC 9112 6.3 item 3: possible smuggling), and for HTTP/1.0 responses carrying
/// Transfer-Encoding (RFC 9112 6.1: framing is suspect).
///
/// Only the response is looked at; the caller must also honour its own request's
/// `Connection: close` (see [`request_wants_close`]). A 2xx to CONNECT is a tunnel, which the
/// caller recognises from its method.
pub fn response_keeps_alive(head: &ResponseHead, kind: BodyKind) -> bool {
    if kind == BodyKind::CloseDelimited || head.status == 101 {
        return false;
    }
    let has_transfer_encoding = head.header("transfer-encoding").is_some();
    if has_transfer_encoding
        && (head.header("content-length").is_some() || head.version == HttpVersion::Http10)
    {
        return false;
    }
    if head
        .headers_named("connection")
        .any(|v| list_contains_token(v, "close"))
    {
        return false;
    }
    match head.version {
        HttpVersion::Http11 => true,
        HttpVersion::Http10 => head
            .headers_named("connection")
            .any(|v| list_contains_token(v, "keep-alive")),
    }
}

/// Whether the request headers asked to close (a `close` token in any `Connection` header,
/// names and tokens compared case-insensitively).
pub fn request_wants_close<'a, I: IntoIterator<Item = (&'a str, &'a [u8])>>(headers: I) -> bool {
    headers.into_iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("connection") && list_contains_token(value, "close")
    })
}

/// What one [`BodyDecoder::decode`] call produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Bytes of the input consumed (framing and data). The caller drops these from its buffer.
    pub consumed: usize,
    /// Body data, as a range into the input slice given to `decode` (zero-copy: the caller splits
    /// it off its own buffer). Empty range = no data this call.
    pub data: Range<usize>,
    /// True once the body is complete (Content-Length reached, or last chunk + trailers + final
    /// CRLF parsed).
    pub done: bool,
}

/// Longest chunk-size line (size plus extensions) accepted. Extensions are ignored, so a peer
/// streaming an endless one would only make the caller buffer and rescan without progress.
const MAX_CHUNK_LINE: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Length { remaining: u64 },
    Close,
    ChunkSize,
    ChunkData { remaining: u64 },
    ChunkDataEnd,
    Trailers,
    Done,
}

/// Incremental, zero-copy decoder for one response body.
///
/// ```
/// use mummer_proto::{BodyDecoder, BodyKind, Limits};
///
/// let mut decoder = BodyDecoder::new(BodyKind::Chunked, Limits::default());
/// let mut buf = b"5\r\nhello\r\n0\r\n\r\nHTTP/1.1 ...".to_vec();
/// let mut body = Vec::new();
/// loop {
///     let d = decoder.decode(&buf)?;
///     body.extend_from_slice(&buf[d.data.clone()]);
///     buf.drain(..d.consumed);
///     if d.done || d.consumed == 0 {
///         break;
///     }
/// }
/// assert!(decoder.is_done());
/// assert_eq!(body, b"hello");
/// assert_eq!(buf, b"HTTP/1.1 ...");
/// # Ok::<(), mummer_proto::BodyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct BodyDecoder {
    state: State,
    expected: Option<u64>,
    received: u64,
    max_trailer_bytes: usize,
    trailer_bytes: usize,
    trailers: Vec<(String, Vec<u8>)>,
}

impl BodyDecoder {
    /// A decoder for a body delimited as `kind`; only `limits.max_trailer_bytes` is used.
    pub fn new(kind: BodyKind, limits: Limits) -> Self {
        let (state, expected) = match kind {
            BodyKind::Empty | BodyKind::ContentLength(0) => (State::Done, Some(0)),
            BodyKind::ContentLength(n) => (State::Length { remaining: n }, Some(n)),
            BodyKind::Chunked => (State::ChunkSize, None),
            BodyKind::CloseDelimited => (State::Close, None),
        };
        BodyDecoder {
            state,
            expected,
            received: 0,
            max_trailer_bytes: limits.max_trailer_bytes,
            trailer_bytes: 0,
            trailers: Vec::new(),
        }
    }

    /// Decodes from `input` (the bytes the caller has buffered, starting where the last call's
    /// `consumed` ended).
    ///
    /// Returns at most one contiguous data range per call; the caller calls again while
    /// `consumed > 0` and not `done`. When the input holds only a partial chunk-size line (or
    /// partial chunk terminator or trailer line), consumes nothing more and returns an empty
    /// range, so the caller reads more. Chunk data may be returned partially. A Content-Length
    /// body never yields more than its length: bytes after the end are left unconsumed (they
    /// belong to the next response); the same holds after a chunked body's final CRLF. For
    /// close-delimited bodies all input is data. For an empty body, done immediately with
    /// `consumed` 0.
    ///
    /// After an error the decoder's state is unspecified and the connection must be dropped.
    pub fn decode(&mut self, input: &[u8]) -> Result<Decoded, BodyError> {
        let mut pos = 0;
        loop {
            match self.state {
                State::Done => return Ok(self.progress(pos, pos..pos)),
                State::Close => {
                    self.deliver(input.len());
                    return Ok(self.progress(input.len(), 0..input.len()));
                }
                State::Length { remaining } => {
                    let n = take(remaining, input.len());
                    self.deliver(n);
                    self.state = match remaining - n as u64 {
                        0 => State::Done,
                        remaining => State::Length { remaining },
                    };
                    return Ok(self.progress(n, 0..n));
                }
                State::ChunkSize => {
                    let rest = &input[pos..];
                    let line = match crlf_line(rest) {
                        Line::Complete(line) => line,
                        Line::Partial if rest.len() > MAX_CHUNK_LINE => {
                            return Err(line_too_long(rest));
                        }
                        Line::Partial => return Ok(self.progress(pos, pos..pos)),
                        Line::BareLineEnd => return Err(BodyError::InvalidChunkSize),
                    };
                    if line.len() > MAX_CHUNK_LINE {
                        return Err(line_too_long(line));
                    }
                    let chunk_size = parse_chunk_line(line)?;
                    pos += line.len() + 2;
                    self.state = match chunk_size {
                        0 => State::Trailers,
                        remaining => State::ChunkData { remaining },
                    };
                }
                State::ChunkData { remaining } => {
                    let n = take(remaining, input.len() - pos);
                    if n == 0 {
                        return Ok(self.progress(pos, pos..pos));
                    }
                    self.deliver(n);
                    self.state = match remaining - n as u64 {
                        0 => State::ChunkDataEnd,
                        remaining => State::ChunkData { remaining },
                    };
                    // Framing that follows is left for the next call, so that data already
                    // received is handed out even if that framing turns out to be broken.
                    return Ok(self.progress(pos + n, pos..pos + n));
                }
                State::ChunkDataEnd => match &input[pos..] {
                    [b'\r', b'\n', ..] => {
                        pos += 2;
                        self.state = State::ChunkSize;
                    }
                    [] | [b'\r'] => return Ok(self.progress(pos, pos..pos)),
                    _ => return Err(BodyError::InvalidChunkTerminator),
                },
                State::Trailers => {
                    let rest = &input[pos..];
                    // trailer_bytes never exceeds the limit, so this cannot underflow.
                    let budget = self.max_trailer_bytes - self.trailer_bytes;
                    let too_large = BodyError::TrailersTooLarge {
                        limit: self.max_trailer_bytes,
                    };
                    let line = match crlf_line(rest) {
                        Line::Complete(line) => line,
                        Line::Partial if rest.len() > budget => return Err(too_large),
                        Line::Partial => return Ok(self.progress(pos, pos..pos)),
                        Line::BareLineEnd => return Err(BodyError::InvalidTrailer),
                    };
                    let line_len = line.len() + 2;
                    if line_len > budget {
                        return Err(too_large);
                    }
                    if line.is_empty() {
                        self.state = State::Done;
                    } else {
                        self.trailers.push(parse_trailer_line(line)?);
                    }
                    self.trailer_bytes += line_len;
                    pos += line_len;
                }
            }
        }
    }

    /// The peer closed the connection (EOF).
    ///
    /// `Ok(())` if the body is complete by that end (close-delimited, or already done);
    /// otherwise [`BodyError::Truncated`] for Content-Length or
    /// [`BodyError::MissingFinalChunk`] for chunked bodies. Bytes still buffered by the caller
    /// are not seen here, so decode them before calling this.
    pub fn finish_on_eof(&mut self) -> Result<(), BodyError> {
        match self.state {
            State::Done => Ok(()),
            State::Close => {
                self.state = State::Done;
                Ok(())
            }
            State::Length { remaining } => Err(BodyError::Truncated {
                expected: self.received + remaining,
                received: self.received,
            }),
            State::ChunkSize | State::ChunkData { .. } | State::ChunkDataEnd | State::Trailers => {
                Err(BodyError::MissingFinalChunk {
                    received: self.received,
                })
            }
        }
    }

    /// Whether the whole body has been decoded.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Body bytes delivered so far (data only, not framing).
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The body length if the framing fixes it in advance: the Content-Length, or `Some(0)` for
    /// an empty body; `None` for chunked and close-delimited bodies.
    pub fn expected(&self) -> Option<u64> {
        self.expected
    }

    /// Trailers received after the last chunk, names as on the wire, values with surrounding
    /// whitespace removed.
    pub fn trailers(&self) -> &[(String, Vec<u8>)] {
        &self.trailers
    }

    fn deliver(&mut self, n: usize) {
        self.received = self.received.saturating_add(n as u64);
    }

    fn progress(&self, consumed: usize, data: Range<usize>) -> Decoded {
        Decoded {
            consumed,
            data,
            done: self.state == State::Done,
        }
    }
}

/// Where the first line of some input stands, by RFC 9112 2.2 rules with no bare-LF leniency.
enum Line<'a> {
    /// The line without its CRLF.
    Complete(&'a [u8]),
    /// No line end yet (possibly a trailing CR whose LF has not arrived).
    Partial,
    /// A CR or LF that is not part of a CRLF pair.
    BareLineEnd,
}

/// Finds the first line, failing early on a stray CR or LF so that a broken line is reported
/// at once instead of after the caller buffered up to a limit.
fn crlf_line(input: &[u8]) -> Line<'_> {
    match input.iter().position(|&b| b == b'\r' || b == b'\n') {
        None => Line::Partial,
        Some(end) => match &input[end..] {
            [b'\r', b'\n', ..] => Line::Complete(&input[..end]),
            [b'\r'] => Line::Partial,
            _ => Line::BareLineEnd,
        },
    }
}

/// `min(remaining, available)` without truncating a u64 on 32-bit targets.
fn take(remaining: u64, available: usize) -> usize {
    usize::try_from(remaining).map_or(available, |r| r.min(available))
}

fn line_too_long(line: &[u8]) -> BodyError {
    if line.contains(&b';') {
        BodyError::InvalidChunkExtension
    } else {
        BodyError::InvalidChunkSize
    }
}

/// `chunk-size [ chunk-ext ]` (RFC 9112 7.1), CRLF already stripped. Returns the size.
fn parse_chunk_line(line: &[u8]) -> Result<u64, BodyError> {
    let digits = line.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if digits == 0 {
        return Err(BodyError::InvalidChunkSize);
    }
    let chunk_size = line[..digits]
        .iter()
        .try_fold(0u64, |n, &b| {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                _ => b - b'A' + 10,
            };
            n.checked_mul(16)?.checked_add(u64::from(digit))
        })
        .ok_or(BodyError::InvalidChunkSize)?;
    let rest = skip_bws(&line[digits..]);
    match rest.first() {
        None => Ok(chunk_size),
        Some(b';') => {
            validate_chunk_ext(rest).ok_or(BodyError::InvalidChunkExtension)?;
            Ok(chunk_size)
        }
        Some(_) => Err(BodyError::InvalidChunkSize),
    }
}

/// `*( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )`, validated so that a
/// malformed line is not silently taken as a size; the extensions themselves are ignored.
fn validate_chunk_ext(mut s: &[u8]) -> Option<()> {
    loop {
        s = skip_bws(s);
        if s.is_empty() {
            return Some(());
        }
        s = skip_bws(s.strip_prefix(b";")?);
        s = skip_token(s)?;
        let after_name = skip_bws(s);
        if let Some(value) = after_name.strip_prefix(b"=") {
            let value = skip_bws(value);
            s = if value.first() == Some(&b'"') {
                skip_quoted_string(value)?
            } else {
                skip_token(value)?
            };
        }
    }
}

fn skip_bws(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    &s[n..]
}

/// Skips a non-empty token, or `None` if there is none.
fn skip_token(s: &[u8]) -> Option<&[u8]> {
    let n = s.iter().take_while(|&&b| is_tchar(b)).count();
    (n > 0).then(|| &s[n..])
}

/// Skips an RFC 9110 5.6.4 quoted-string starting at `s[0] == b'"'`.
fn skip_quoted_string(s: &[u8]) -> Option<&[u8]> {
    let mut i = 1;
    while let Some(&b) = s.get(i) {
        match b {
            b'"' => return Some(&s[i + 1..]),
            b'\\' => {
                let escaped = *s.get(i + 1)?;
                if !(escaped == b'\t' || escaped >= b' ') || escaped == 0x7f {
                    return None;
                }
                i += 2;
            }
            b'\t' | b' '..=0x7e | 0x80..=0xff => i += 1,
            _ => return None,
        }
    }
    None
}

/// `field-name ":" OWS field-value OWS`; obs-fold and whitespace before the colon are invalid.
fn parse_trailer_line(line: &[u8]) -> Result<(String, Vec<u8>), BodyError> {
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or(BodyError::InvalidTrailer)?;
    let name = &line[..colon];
    let value = trim_ows(&line[colon + 1..]);
    let valid_value = value
        .iter()
        .all(|&b| b == b'\t' || (b >= b' ' && b != 0x7f));
    if !is_token(name) || !valid_value {
        return Err(BodyError::InvalidTrailer);
    }
    // A token is ASCII, so this never replaces anything.
    let name = String::from_utf8_lossy(name).into_owned();
    Ok((name, value.to_vec()))
}

#[cfg(test)]
mod tests;
