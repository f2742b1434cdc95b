//! `multipart/form-data` request bodies (RFC 7578), framed byte for byte as browsers frame them.
//!
//! In scope:
//! * boundaries shaped like Chrome's, Firefox's or our own ([`BoundaryStyle`]), generated from
//!   random bytes the caller supplies, so tests are deterministic and this crate needs no RNG;
//! * describing the parts of a form ([`Part`], [`Source`], [`Form`]), with field names and
//!   filenames escaped in `Content-Disposition` as the HTML standard says (`"` as `%22`, CR as
//!   `%0D`, LF as `%0A`, everything else, non-ASCII included, as raw UTF-8);
//! * encoding a form into an ordered list of [`Segment`]s: framing and in-memory values as
//!   bytes, and placeholders for external data (files) that the caller streams itself, with the
//!   total `Content-Length` when every part's size is known ([`Form::encode`], [`Encoded`]);
//! * guessing a part's media type from a filename extension ([`mime_for_filename`]).
//!
//! Out of scope: opening or reading files, streaming the body, and checking that an external
//! source delivers exactly its declared length (the client does that, and must fail the
//! request if it does not); newline normalization of text values (values are bytes, sent
//! unchanged); legacy charsets (everything is UTF-8, as browsers use for UTF-8 pages);
//! `multipart/mixed` and other multipart subtypes; parsing multipart bodies.
//!
//! The layout, identical in Chromium and Firefox:
//!
//! ```text
//! --BOUNDARY\r\n
//! Content-Disposition: form-data; name="field"\r\n
//! \r\n
//! value\r\n
//! --BOUNDARY\r\n
//! Content-Disposition: form-data; name="upload"; filename="a.txt"\r\n
//! Content-Type: text/plain\r\n
//! \r\n
//! <file bytes>\r\n
//! --BOUNDARY--\r\n
//! ```
//!
//! An empty form is the closing delimiter alone, `--BOUNDARY--\r\n`, as both browsers send it.
//!
//! ```
//! use mummer_proto::multipart::{BoundaryStyle, Form, Part, Segment, Source};
//!
//! // Real callers pass 16 bytes from a CSPRNG.
//! let boundary = BoundaryStyle::WebKit.generate(&[7; BoundaryStyle::RANDOM_LEN]);
//! assert_eq!(boundary, "----WebKitFormBoundaryHHHHHHHHHHHHHHHH");
//!
//! let form = Form::new()
//!     .part(Part::text("comment", "hello"))
//!     .part(
//!         Part::file("upload", "notes.txt", Source::External { len: Some(3), id: 0 })
//!             .with_content_type("text/plain"),
//!     );
//! let encoded = form.encode(&boundary)?;
//! assert_eq!(
//!     encoded.content_type(),
//!     "multipart/form-data; boundary=----WebKitFormBoundaryHHHHHHHHHHHHHHHH"
//! );
//!
//! // The client writes the bytes segments and streams file 0 in its place.
//! let mut body = Vec::new();
//! for segment in encoded.segments() {
//!     match segment {
//!         Segment::Bytes(bytes) => body.extend_from_slice(bytes),
//!         Segment::External { id: 0, len: Some(3) } => body.extend_from_slice(b"abc"),
//!         other => panic!("unexpected {other:?}"),
//!     }
//! }
//! assert_eq!(encoded.content_length(), Some(body.len() as u64));
//! let text = String::from_utf8(body)?;
//! assert!(text.starts_with(
//!     "------WebKitFormBoundaryHHHHHHHHHHHHHHHH\r\n\
//!      Content-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n"
//! ));
//! assert!(text.ends_with("abc\r\n------WebKitFormBoundaryHHHHHHHHHHHHHHHH--\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use bytes::{BufMut, Bytes, BytesMut};

/// The media type of a file part whose type is not given, as both browsers send it.
pub const DEFAULT_FILE_CONTENT_TYPE: &str = "application/octet-stream";

/// In-memory values up to this size are copied next to their framing, so a form of small text
/// fields becomes one segment; larger ones stay separate segments that share the caller's
/// buffer.
const INLINE_VALUE_MAX: usize = 8 * 1024;

/// Which browser's boundary shape to generate.
///
/// Every style takes [`BoundaryStyle::RANDOM_LEN`] random bytes. The formats:
///
/// | style | boundary |
/// |---|---|
/// | [`WebKit`](Self::WebKit) | `----WebKitFormBoundary` + 16 characters of `[A-Za-z0-9]` |
/// | [`Firefox`](Self::Firefox) | `----geckoformboundary` + 2 to 32 lowercase hex digits |
/// | [`Plain`](Self::Plain) | `----MummerFormBoundary` + 32 lowercase hex digits |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BoundaryStyle {
    /// Chromium (Chrome, Edge) and Safari: `----WebKitFormBoundary` followed by 16 characters,
    /// each the low six bits of one random byte looked up in `A-Z a-z 0-9 A B` (64 entries,
    /// so `A` and `B` are twice as likely as the others, as in Blink's
    /// `FormDataEncoder::GenerateUniqueBoundaryString`).
    WebKit,
    /// Firefox (since `geckoformboundary` replaced the run of dashes and decimal digits):
    /// `----geckoformboundary` followed by two random 64-bit numbers, each written in
    /// lowercase hexadecimal without leading zeros, as `FSMultipartFormData` does. The
    /// boundary is therefore 23 to 53 characters long; random bytes 0..8 and 8..16 are the
    /// two numbers, big-endian.
    Firefox,
    /// Ours, for requests without a browser profile: `----MummerFormBoundary` followed by the
    /// 16 random bytes as 32 lowercase hex digits (54 characters in all). It names the
    /// client honestly instead of copying curl's or a browser's shape.
    #[default]
    Plain,
}

impl BoundaryStyle {
    /// How many random bytes [`generate`](Self::generate) takes, for every style.
    pub const RANDOM_LEN: usize = 16;

    /// The fixed text every boundary of this style starts with.
    pub fn prefix(&self) -> &'static str {
        match self {
            Self::WebKit => "----WebKitFormBoundary",
            Self::Firefox => "----geckoformboundary",
            Self::Plain => "----MummerFormBoundary",
        }
    }

    /// Builds a boundary of this style from `random`, which should come from a cryptographically
    /// secure generator: a boundary a server or an attacker can predict lets file contents
    /// forge parts. The same bytes always give the same boundary.
    pub fn generate(&self, random: &[u8; Self::RANDOM_LEN]) -> String {
        let mut boundary = String::with_capacity(self.prefix().len() + 32);
        boundary.push_str(self.prefix());
        match self {
            Self::WebKit => {
                // 64 entries so that six bits index it; Blink repeats A and B to fill it.
                const ALPHABET: &[u8; 64] =
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789AB";
                boundary.extend(
                    random
                        .iter()
                        .map(|byte| char::from(ALPHABET[usize::from(byte & 0x3f)])),
                );
            }
            Self::Firefox => {
                let (high, low) = random.split_at(8);
                for half in [high, low] {
                    let mut number = [0; 8];
                    number.copy_from_slice(half);
                    boundary.push_str(&format!("{:x}", u64::from_be_bytes(number)));
                }
            }
            Self::Plain => {
                for byte in random {
                    boundary.push_str(&format!("{byte:02x}"));
                }
            }
        }
        boundary
    }
}

/// Where a part's data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Data held in memory, sent as it is.
    Bytes(Bytes),
    /// Data the caller streams itself (typically a file), named by an `id` of the caller's
    /// choosing that comes back in [`Segment::External`]. With `len: None` the size is
    /// unknown, and so is the form's [`Encoded::content_length`].
    External {
        /// The exact number of bytes the caller will send, if known.
        len: Option<u64>,
        /// The caller's name for this data.
        id: usize,
    },
}

impl Source {
    /// The size of the data, if known.
    pub fn known_len(&self) -> Option<u64> {
        match self {
            Self::Bytes(bytes) => Some(bytes.len() as u64),
            Self::External { len, .. } => *len,
        }
    }
}

impl From<Bytes> for Source {
    fn from(bytes: Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

impl From<Vec<u8>> for Source {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Bytes(bytes.into())
    }
}

impl From<&'static [u8]> for Source {
    fn from(bytes: &'static [u8]) -> Self {
        Self::Bytes(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for Source {
    fn from(text: &'static str) -> Self {
        Self::Bytes(Bytes::from_static(text.as_bytes()))
    }
}

impl From<String> for Source {
    fn from(text: String) -> Self {
        Self::Bytes(text.into())
    }
}

/// One entry of a form: a field name, an optional filename and media type, and the data.
///
/// A part with a filename is a file part: its header always carries a `Content-Type`
/// ([`DEFAULT_FILE_CONTENT_TYPE`] unless one is given), as browsers send file inputs and
/// blobs. A part without one is a text field and, as in browsers, has no `Content-Type` line
/// unless one is set explicitly with [`with_content_type`](Self::with_content_type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    source: Source,
}

impl Part {
    /// A text field: `name` and its value, with no filename and no `Content-Type` line.
    pub fn text(name: impl Into<String>, value: impl Into<Source>) -> Self {
        Self {
            name: name.into(),
            filename: None,
            content_type: None,
            source: value.into(),
        }
    }

    /// A file part. Its media type is [`DEFAULT_FILE_CONTENT_TYPE`] unless set with
    /// [`with_content_type`](Self::with_content_type) ([`mime_for_filename`] can guess one).
    /// An empty `filename` is sent as `filename=""`, as browsers send a file input with
    /// nothing chosen.
    pub fn file(
        name: impl Into<String>,
        filename: impl Into<String>,
        source: impl Into<Source>,
    ) -> Self {
        Self {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: None,
            source: source.into(),
        }
    }

    /// Sets or replaces the filename, which makes this a file part.
    pub fn with_filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the media type sent in the part's `Content-Type` line. It must be printable ASCII
    /// (tab allowed); [`Form::encode`] rejects anything else rather than alter it.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The field name, unescaped.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The filename, unescaped, if this is a file part.
    pub fn filename(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The media type that [`Form::encode`] writes, if any: the one set, or
    /// [`DEFAULT_FILE_CONTENT_TYPE`] for a file part without one.
    pub fn content_type(&self) -> Option<&str> {
        match (&self.content_type, &self.filename) {
            (Some(content_type), _) => Some(content_type),
            (None, Some(_)) => Some(DEFAULT_FILE_CONTENT_TYPE),
            (None, None) => None,
        }
    }

    /// Where the data comes from.
    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// The parts of a form, in the order they are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    parts: Vec<Part>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a part (builder style).
    pub fn part(mut self, part: Part) -> Self {
        self.parts.push(part);
        self
    }

    /// Appends a part.
    pub fn push(&mut self, part: Part) {
        self.parts.push(part);
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Frames the form with `boundary` (usually from [`BoundaryStyle::generate`]).
    ///
    /// In-memory values are shared, not copied, unless small. Fails, rather than send a body a
    /// server would split differently, when the boundary is not a valid RFC 2046 boundary,
    /// when a media type is not printable ASCII, or when an in-memory value contains the
    /// delimiter `--BOUNDARY` at its start or after a CRLF. External data cannot be checked
    /// here; a random boundary from [`BoundaryStyle::generate`] makes a collision as unlikely
    /// as guessing it.
    pub fn encode(&self, boundary: &str) -> Result<Encoded, MultipartError> {
        validate_boundary(boundary)?;
        let dash_boundary = format!("--{boundary}");
        let mut builder = SegmentsBuilder::default();
        for (index, part) in self.parts.iter().enumerate() {
            let content_type = part.content_type();
            if let Some(content_type) = content_type {
                if !content_type
                    .bytes()
                    .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
                {
                    return Err(MultipartError::InvalidContentType { part: index });
                }
            }

            let head = builder.framing();
            head.put_slice(dash_boundary.as_bytes());
            head.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            put_escaped(head, &part.name);
            head.put_u8(b'"');
            if let Some(filename) = &part.filename {
                head.put_slice(b"; filename=\"");
                put_escaped(head, filename);
                head.put_u8(b'"');
            }
            if let Some(content_type) = content_type {
                head.put_slice(b"\r\nContent-Type: ");
                head.put_slice(content_type.as_bytes());
            }
            head.put_slice(b"\r\n\r\n");

            match &part.source {
                Source::Bytes(value) => {
                    if contains_delimiter(value, dash_boundary.as_bytes()) {
                        return Err(MultipartError::BoundaryInValue { part: index });
                    }
                    builder.value(value);
                }
                Source::External { len, id } => builder.external(*id, *len),
            }
            builder.framing().put_slice(b"\r\n");
        }
        let tail = builder.framing();
        tail.put_slice(dash_boundary.as_bytes());
        tail.put_slice(b"--\r\n");

        let (segments, content_length) = builder.finish();
        Ok(Encoded {
            boundary: boundary.to_owned(),
            segments,
            content_length,
        })
    }
}

impl FromIterator<Part> for Form {
    fn from_iter<I: IntoIterator<Item = Part>>(parts: I) -> Self {
        Self {
            parts: parts.into_iter().collect(),
        }
    }
}

impl Extend<Part> for Form {
    fn extend<I: IntoIterator<Item = Part>>(&mut self, parts: I) {
        self.parts.extend(parts);
    }
}

/// A piece of an encoded form body, in sending order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Bytes to send as they are: framing, headers, and in-memory values.
    Bytes(Bytes),
    /// The data of the [`Source::External`] with this `id`. When `len` is `Some`, the
    /// [`Encoded::content_length`] counts exactly that many bytes, so sending more or fewer
    /// must fail the request instead of sending a body that disagrees with its length.
    External {
        /// The caller's name for the data, from [`Source::External`].
        id: usize,
        /// The size declared in [`Source::External`].
        len: Option<u64>,
    },
}

/// A form framed for sending: its segments, its length if known, and its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    boundary: String,
    segments: Vec<Segment>,
    content_length: Option<u64>,
}

impl Encoded {
    /// The body, in order. Adjacent bytes are merged, so the number of segments is not
    /// meaningful; no [`Segment::Bytes`] is empty.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The body's segments, taken out.
    pub fn into_segments(self) -> Vec<Segment> {
        self.segments
    }

    /// The body's total size, when every external source declared its length (and the sum
    /// fits in `u64`); `None` means the client must frame the body some other way (chunked
    /// on HTTP/1.1).
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// The request's `Content-Type` value: `multipart/form-data; boundary=...`, with the
    /// boundary quoted only when it has characters a token cannot hold (never for the
    /// boundaries [`BoundaryStyle::generate`] makes, and never in browsers).
    pub fn content_type(&self) -> String {
        if self.boundary.bytes().all(is_token_byte) {
            format!("multipart/form-data; boundary={}", self.boundary)
        } else {
            format!("multipart/form-data; boundary=\"{}\"", self.boundary)
        }
    }

    /// The boundary the body was framed with.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }
}

/// Why a form could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MultipartError {
    /// The boundary is not 1 to 70 characters of RFC 2046 `bchars` (letters, digits and
    /// `'()+_,-./:=?` and space), or it ends with a space.
    #[error("invalid multipart boundary")]
    InvalidBoundary,
    /// The media type of the part at this index (counting from 0) has a byte that is not
    /// printable ASCII or tab, which could end the header line early.
    #[error("part {part} has an invalid Content-Type")]
    InvalidContentType {
        /// Index of the part in the form.
        part: usize,
    },
    /// The in-memory value of the part at this index contains the boundary delimiter, so a
    /// server would end the part early.
    #[error("part {part} contains the multipart boundary")]
    BoundaryInValue {
        /// Index of the part in the form.
        part: usize,
    },
}

/// The media type browsers typically report for a file with this name, from a small table of
/// common extensions (matched without regard to case); `None` for anything else, for which
/// [`DEFAULT_FILE_CONTENT_TYPE`] is the browser's choice.
pub fn mime_for_filename(filename: &str) -> Option<&'static str> {
    let (_, extension) = filename.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    let media_type = match extension.as_str() {
        "txt" | "text" => "text/plain",
        "htm" | "html" => "text/html",
        "css" => "text/css",
        "csv" => "text/csv",
        "js" | "mjs" => "text/javascript",
        "md" | "markdown" => "text/markdown",
        "xml" => "text/xml",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "tar" => "application/x-tar",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => return None,
    };
    Some(media_type)
}

/// Collects segments, merging adjacent bytes and summing the length as it goes.
#[derive(Default)]
struct SegmentsBuilder {
    segments: Vec<Segment>,
    pending: BytesMut,
    length: u64,
    /// Set once any part's length is unknown or the sum overflows.
    length_unknown: bool,
}

impl SegmentsBuilder {
    /// The buffer that framing is written to; it becomes a segment before the next large
    /// value or external source.
    fn framing(&mut self) -> &mut BytesMut {
        &mut self.pending
    }

    fn value(&mut self, value: &Bytes) {
        if value.len() <= INLINE_VALUE_MAX {
            self.pending.put_slice(value);
        } else {
            self.flush();
            self.add_length(Some(value.len() as u64));
            self.segments.push(Segment::Bytes(value.clone()));
        }
    }

    fn external(&mut self, id: usize, len: Option<u64>) {
        self.flush();
        self.add_length(len);
        self.segments.push(Segment::External { id, len });
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let bytes = self.pending.split().freeze();
            self.add_length(Some(bytes.len() as u64));
            self.segments.push(Segment::Bytes(bytes));
        }
    }

    fn add_length(&mut self, len: Option<u64>) {
        match len.and_then(|len| self.length.checked_add(len)) {
            Some(sum) => self.length = sum,
            None => self.length_unknown = true,
        }
    }

    fn finish(mut self) -> (Vec<Segment>, Option<u64>) {
        self.flush();
        let length = (!self.length_unknown).then_some(self.length);
        (self.segments, length)
    }
}

/// Writes a field name or filename for a quoted `Content-Disposition` parameter, escaping the
/// three bytes that would end it, as the HTML standard's multipart/form-data encoding does.
/// Newlines are escaped, not normalized first (Chromium's behavior; Firefox turns a lone CR
/// or LF in a field name into CRLF before escaping).
fn put_escaped(out: &mut BytesMut, text: &str) {
    for &byte in text.as_bytes() {
        match byte {
            b'"' => out.put_slice(b"%22"),
            b'\r' => out.put_slice(b"%0D"),
            b'\n' => out.put_slice(b"%0A"),
            _ => out.put_u8(byte),
        }
    }
}

/// RFC 2046 section 5.1.1: 1 to 70 `bchars`, the last not a space.
fn validate_boundary(boundary: &str) -> Result<(), MultipartError> {
    let bytes = boundary.as_bytes();
    let valid = (1..=70).contains(&bytes.len())
        && bytes.last() != Some(&b' ')
        && bytes
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&byte));
    if valid {
        Ok(())
    } else {
        Err(MultipartError::InvalidBoundary)
    }
}

/// Whether `value`, placed right after a CRLF, holds `dash_boundary` right after a CRLF, which
/// a parser would take for a delimiter. A boundary has no CR, so only whole occurrences count.
fn contains_delimiter(value: &[u8], dash_boundary: &[u8]) -> bool {
    if value.starts_with(dash_boundary) {
        return true;
    }
    let needle_len = dash_boundary.len() + 2;
    value
        .windows(needle_len)
        .any(|window| window[0] == b'\r' && window[1] == b'\n' && &window[2..] == dash_boundary)
}

/// RFC 9110 `tchar`.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDARY: &str = "----WebKitFormBoundaryABCDEFGHIJKLMNOP";

    /// Concatenates the segments, with each external source's data from `externals[id]`.
    fn body(encoded: &Encoded, externals: &[&[u8]]) -> Vec<u8> {
        let mut body = Vec::new();
        for segment in encoded.segments() {
            match segment {
                Segment::Bytes(bytes) => {
                    assert!(!bytes.is_empty(), "empty segment");
                    body.extend_from_slice(bytes);
                }
                Segment::External { id, .. } => body.extend_from_slice(externals[*id]),
            }
        }
        body
    }

    fn is_lower_hex(text: &str) -> bool {
        text.bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    }

    #[test]
    fn small_form_exact_bytes() {
        let form = Form::new()
            .part(Part::text("f", "value"))
            .part(Part::file("upload", "a.txt", "hello\n").with_content_type("text/plain"))
            .part(Part::file(
                "blob",
                "data.bin",
                Source::External {
                    len: Some(4),
                    id: 0,
                },
            ));
        let encoded = form.encode(BOUNDARY).expect("encodes");
        let expected = "------WebKitFormBoundaryABCDEFGHIJKLMNOP\r\n\
            Content-Disposition: form-data; name=\"f\"\r\n\
            \r\n\
            value\r\n\
            ------WebKitFormBoundaryABCDEFGHIJKLMNOP\r\n\
            Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n\
            Content-Type: text/plain\r\n\
            \r\n\
            hello\n\r\n\
            ------WebKitFormBoundaryABCDEFGHIJKLMNOP\r\n\
            Content-Disposition: form-data; name=\"blob\"; filename=\"data.bin\"\r\n\
            Content-Type: application/octet-stream\r\n\
            \r\n\
            \x00\x01\x02\x03\r\n\
            ------WebKitFormBoundaryABCDEFGHIJKLMNOP--\r\n";
        let body = body(&encoded, &[&[0, 1, 2, 3]]);
        assert_eq!(String::from_utf8_lossy(&body), expected);
        assert_eq!(encoded.content_length(), Some(expected.len() as u64));
        assert_eq!(
            encoded.content_type(),
            "multipart/form-data; boundary=----WebKitFormBoundaryABCDEFGHIJKLMNOP"
        );
        assert_eq!(encoded.segments().len(), 3, "framing, file, framing");
        assert_eq!(
            encoded.segments()[1],
            Segment::External {
                id: 0,
                len: Some(4)
            }
        );
    }

    #[test]
    fn content_length_is_the_concatenated_length() {
        let large = Bytes::from(vec![b'x'; INLINE_VALUE_MAX + 1]);
        let form = Form::new()
            .part(Part::text("a", ""))
            .part(Part::file("big", "big.txt", large.clone()))
            .part(Part::file(
                "ext",
                "",
                Source::External {
                    len: Some(10),
                    id: 0,
                },
            ))
            .part(Part::file(
                "empty",
                "e",
                Source::External {
                    len: Some(0),
                    id: 1,
                },
            ))
            .part(Part::text("z", "last"));
        let encoded = form.encode(BOUNDARY).expect("encodes");
        let body = body(&encoded, &[b"0123456789", b""]);
        assert_eq!(encoded.content_length(), Some(body.len() as u64));
        // The large value is shared with the caller, not copied.
        assert!(
            encoded
                .segments()
                .iter()
                .any(|s| matches!(s, Segment::Bytes(b) if b.as_ptr() == large.as_ptr()))
        );
    }

    #[test]
    fn names_and_filenames_are_escaped_like_browsers() {
        let form = Form::new()
            .part(Part::text("a\"b\r\nc", "v"))
            .part(Part::file("f", "x\"y\rz\n.txt", "d"))
            .part(Part::file("ü", "naïve 文件.txt", "d"));
        let encoded = form.encode(BOUNDARY).expect("encodes");
        let text = String::from_utf8(body(&encoded, &[])).expect("utf-8");
        assert!(text.contains("name=\"a%22b%0D%0Ac\"\r\n"));
        assert!(text.contains("name=\"f\"; filename=\"x%22y%0Dz%0A.txt\"\r\n"));
        assert!(text.contains("name=\"ü\"; filename=\"naïve 文件.txt\"\r\n"));
    }

    #[test]
    fn text_fields_have_no_content_type_but_files_do() {
        assert_eq!(Part::text("a", "b").content_type(), None);
        assert_eq!(
            Part::file("a", "b", "c").content_type(),
            Some(DEFAULT_FILE_CONTENT_TYPE)
        );
        assert_eq!(
            Part::text("a", "{}")
                .with_content_type("application/json")
                .content_type(),
            Some("application/json")
        );
        let encoded = Form::new()
            .part(Part::text("a", "{}").with_content_type("application/json"))
            .encode(BOUNDARY)
            .expect("encodes");
        let text = String::from_utf8(body(&encoded, &[])).expect("utf-8");
        assert!(text.contains("name=\"a\"\r\nContent-Type: application/json\r\n\r\n{}\r\n"));
    }

    #[test]
    fn webkit_boundary_shape() {
        let random: [u8; 16] = std::array::from_fn(|i| (i as u8).wrapping_mul(37));
        let boundary = BoundaryStyle::WebKit.generate(&random);
        let suffix = boundary
            .strip_prefix("----WebKitFormBoundary")
            .expect("prefix");
        assert_eq!(suffix.len(), 16);
        assert!(suffix.bytes().all(|b| b.is_ascii_alphanumeric()));
        // Only the low six bits count, and 62 and 63 map to A and B again.
        assert_eq!(
            BoundaryStyle::WebKit
                .generate(&[0, 25, 26, 51, 52, 61, 62, 63, 64, 0xff, 0, 0, 0, 0, 0, 0]),
            "----WebKitFormBoundaryAZaz09ABABAAAAAA"
        );
        assert_eq!(boundary, BoundaryStyle::WebKit.generate(&random));
        assert!(validate_boundary(&boundary).is_ok());
    }

    #[test]
    fn firefox_boundary_shape() {
        let random: [u8; 16] = std::array::from_fn(|i| 0xf0 | i as u8);
        let boundary = BoundaryStyle::Firefox.generate(&random);
        let suffix = boundary
            .strip_prefix("----geckoformboundary")
            .expect("prefix");
        assert_eq!(suffix, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        assert!(is_lower_hex(suffix));
        // No leading zeros, as Firefox writes each 64-bit number.
        let mut random = [0; 16];
        random[7] = 0x0a;
        random[15] = 0x01;
        assert_eq!(
            BoundaryStyle::Firefox.generate(&random),
            "----geckoformboundarya1"
        );
        assert_eq!(
            BoundaryStyle::Firefox.generate(&[0; 16]),
            "----geckoformboundary00"
        );
        assert!(validate_boundary(&boundary).is_ok());
    }

    #[test]
    fn plain_boundary_shape() {
        assert_eq!(BoundaryStyle::default(), BoundaryStyle::Plain);
        let random: [u8; 16] = std::array::from_fn(|i| i as u8);
        let boundary = BoundaryStyle::Plain.generate(&random);
        assert_eq!(
            boundary,
            "----MummerFormBoundary000102030405060708090a0b0c0d0e0f"
        );
        let suffix = boundary
            .strip_prefix(BoundaryStyle::Plain.prefix())
            .expect("prefix");
        assert_eq!(suffix.len(), 32);
        assert!(is_lower_hex(suffix));
        assert!(validate_boundary(&boundary).is_ok());
    }

    #[test]
    fn unknown_external_length_makes_the_total_unknown() {
        let form = Form::new()
            .part(Part::text("a", "b"))
            .part(Part::file("f", "f", Source::External { len: None, id: 3 }))
            .part(Part::file(
                "g",
                "g",
                Source::External {
                    len: Some(5),
                    id: 4,
                },
            ));
        let encoded = form.encode(BOUNDARY).expect("encodes");
        assert_eq!(encoded.content_length(), None);
        assert!(
            encoded
                .segments()
                .contains(&Segment::External { id: 3, len: None })
        );
        assert_eq!(Source::External { len: None, id: 3 }.known_len(), None);
    }

    #[test]
    fn empty_form_is_the_closing_delimiter() {
        let encoded = Form::new().encode(BOUNDARY).expect("encodes");
        let expected = b"------WebKitFormBoundaryABCDEFGHIJKLMNOP--\r\n";
        assert_eq!(
            encoded.segments(),
            &[Segment::Bytes(Bytes::from_static(expected))]
        );
        assert_eq!(encoded.content_length(), Some(expected.len() as u64));
    }

    #[test]
    fn invalid_boundaries_are_rejected() {
        let form = Form::new().part(Part::text("a", "b"));
        for boundary in [
            "",
            "ends with space ",
            "has\"quote",
            "crlf\r\n",
            "ü",
            &"x".repeat(71),
        ] {
            assert_eq!(
                form.encode(boundary),
                Err(MultipartError::InvalidBoundary),
                "{boundary:?}"
            );
        }
        assert!(form.encode(&"x".repeat(70)).is_ok());
        let encoded = form.encode("a b:c").expect("bchars with space");
        assert_eq!(
            encoded.content_type(),
            "multipart/form-data; boundary=\"a b:c\""
        );
    }

    #[test]
    fn content_type_with_control_bytes_is_rejected() {
        let form = Form::new()
            .part(Part::text("ok", "1"))
            .part(Part::file("f", "f", "d").with_content_type("text/plain\r\nX-Evil: 1"));
        assert_eq!(
            form.encode(BOUNDARY),
            Err(MultipartError::InvalidContentType { part: 1 })
        );
    }

    #[test]
    fn value_holding_the_delimiter_is_rejected() {
        let dash = format!("--{BOUNDARY}");
        for value in [
            format!("{dash}--"),
            format!("a\r\n{dash}"),
            format!("a\r\n{dash}\r\nContent-Disposition: form-data; name=\"x\""),
        ] {
            let form = Form::new()
                .part(Part::text("a", "b"))
                .part(Part::text("v", value));
            assert_eq!(
                form.encode(BOUNDARY),
                Err(MultipartError::BoundaryInValue { part: 1 })
            );
        }
        // Near misses are data like any other.
        for value in [
            format!("a{dash}"),
            format!("\r{dash}"),
            format!("\n{dash}"),
            format!("\r\n{}", &dash[..dash.len() - 1]),
            "--".to_owned(),
            "\r\n--".to_owned(),
        ] {
            let form = Form::new().part(Part::text("v", value));
            assert!(form.encode(BOUNDARY).is_ok());
        }
    }

    #[test]
    fn mime_guesses() {
        assert_eq!(mime_for_filename("a.txt"), Some("text/plain"));
        assert_eq!(mime_for_filename("photo.JPG"), Some("image/jpeg"));
        assert_eq!(
            mime_for_filename("archive.tar.gz"),
            Some("application/gzip")
        );
        assert_eq!(mime_for_filename("dir.d/README"), None);
        assert_eq!(mime_for_filename("noextension"), None);
        assert_eq!(mime_for_filename("trailing."), None);
        assert_eq!(mime_for_filename("x.unknown"), None);
    }

    /// A field as `multer` saw it.
    #[derive(Debug, PartialEq)]
    struct Parsed {
        name: Option<String>,
        filename: Option<String>,
        content_type: Option<String>,
        data: Vec<u8>,
    }

    impl Parsed {
        fn text(name: &str, data: impl Into<Vec<u8>>) -> Self {
            Self {
                name: Some(name.to_owned()),
                filename: None,
                content_type: None,
                data: data.into(),
            }
        }

        fn file(name: &str, filename: &str, content_type: &str, data: impl Into<Vec<u8>>) -> Self {
            Self {
                name: Some(name.to_owned()),
                filename: Some(filename.to_owned()),
                content_type: Some(content_type.to_owned()),
                data: data.into(),
            }
        }
    }

    /// Parses an encoded body with `multer`, an independent implementation, and returns each
    /// field's name, filename, media type and data.
    async fn parse_with_multer(
        encoded: &Encoded,
        externals: &[&[u8]],
        piece_len: usize,
    ) -> Vec<Parsed> {
        let body = body(encoded, externals);
        let boundary = multer::parse_boundary(encoded.content_type()).expect("boundary parses");
        assert_eq!(boundary, encoded.boundary());
        // Split into small pieces so delimiters straddle reads, as they would on a socket.
        let pieces: Vec<Result<Bytes, std::io::Error>> = body
            .chunks(piece_len)
            .map(|piece| Ok(Bytes::copy_from_slice(piece)))
            .collect();
        let mut multipart = multer::Multipart::new(futures_util::stream::iter(pieces), boundary);
        let mut fields = Vec::new();
        while let Some(field) = multipart.next_field().await.expect("well-formed part") {
            let name = field.name().map(str::to_owned);
            let filename = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(|mime| mime.to_string());
            let data = field.bytes().await.expect("part data");
            fields.push(Parsed {
                name,
                filename,
                content_type,
                data: data.to_vec(),
            });
        }
        fields
    }

    #[tokio::test]
    async fn parses_back_with_an_independent_parser() {
        let binary: Vec<u8> = (0..=255u8)
            .chain(*b"\r\n\r\n--\r\n-\r\r\n\n")
            .chain((0..=255u8).rev())
            .collect();
        let boundary = BoundaryStyle::Firefox.generate(&[0x5a; 16]);
        // Near misses of the delimiter: cut one character short, or not after a CRLF.
        let near = &boundary[..boundary.len() - 1];
        let tricky = format!("--\r\n--{near}\r\nx--{boundary}--\r\n--\r\n");
        let file: Vec<u8> = b"line one\r\n--\r\nline two\r\n".repeat(1000);
        let form = Form::new()
            .part(Part::text("title", "Hello, world"))
            .part(Part::text("empty", ""))
            .part(Part::text("tricky", tricky.clone()))
            .part(Part::text("ünïcode", "värde ✓"))
            .part(Part::file("bin", "data.bin", binary.clone()))
            .part(
                Part::file(
                    "doc",
                    "notes.txt",
                    Source::External {
                        len: Some(file.len() as u64),
                        id: 0,
                    },
                )
                .with_content_type("text/plain"),
            )
            .part(
                Part::file(
                    "photo",
                    "photo.png",
                    Bytes::from(vec![0x89; INLINE_VALUE_MAX * 2]),
                )
                .with_content_type(mime_for_filename("photo.png").unwrap_or_default()),
            )
            .part(Part::file(
                "none",
                "",
                Source::External {
                    len: Some(0),
                    id: 1,
                },
            ));
        let encoded = form.encode(&boundary).expect("encodes");
        let expected = vec![
            Parsed::text("title", "Hello, world"),
            Parsed::text("empty", ""),
            Parsed::text("tricky", tricky),
            Parsed::text("ünïcode", "värde ✓"),
            Parsed::file("bin", "data.bin", "application/octet-stream", binary),
            Parsed::file("doc", "notes.txt", "text/plain", file.clone()),
            Parsed::file(
                "photo",
                "photo.png",
                "image/png",
                vec![0x89; INLINE_VALUE_MAX * 2],
            ),
            Parsed::file("none", "", "application/octet-stream", ""),
        ];
        for piece_len in [1, 7, 4096, usize::MAX] {
            let fields = parse_with_multer(&encoded, &[&file, b""], piece_len).await;
            assert_eq!(fields, expected, "pieces of {piece_len} bytes");
        }
    }

    #[tokio::test]
    async fn escaped_names_parse_back_as_escaped() {
        // Servers see the escapes, as they do from browsers: percent-decoding is theirs to do.
        let form = Form::new().part(Part::file("a\"b", "c\r\nd.txt", "x"));
        let encoded = form.encode(BOUNDARY).expect("encodes");
        let fields = parse_with_multer(&encoded, &[], usize::MAX).await;
        assert_eq!(
            fields,
            [Parsed::file(
                "a%22b",
                "c%0D%0Ad.txt",
                DEFAULT_FILE_CONTENT_TYPE,
                "x"
            )]
        );
    }
}
