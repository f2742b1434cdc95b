//! Response head parsing.
//!
//! In scope: the status line and header section of an HTTP/1.0 or HTTP/1.1 response, parsed
//! with `httparse` into an owned [`ResponseHead`] under size limits ([`Limits`]).
//!
//! Out of scope: deciding how the body is framed (see [`crate::body`]), skipping 1xx interim
//! responses (the caller loops, because only it knows whether it sent `Expect: 100-continue` or
//! `Upgrade`), and any interpretation of header values.
//!
//! Strictness choices:
//! * A head that starts with an empty line is rejected as [`ProtoError::InvalidStatusLine`].
//!   RFC 9112 2.2 only asks servers to tolerate that in requests; on a client connection stray
//!   CRLFs usually mean the previous body was framed wrongly, so continuing would be guessing.
//! * Obsolete line folding is rejected as [`ProtoError::InvalidHeader`].
//! * Bare LF line endings are accepted (RFC 9112 2.2 allows recipients to), as `httparse` does.
//! * Status codes outside 100..=599 are rejected (RFC 9110 15).

use crate::error::ProtoError;

/// HTTP versions this crate speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpVersion {
    /// `HTTP/1.0`
    Http10,
    /// `HTTP/1.1`
    Http11,
}

impl HttpVersion {
    /// The version as written on the wire, e.g. `"HTTP/1.1"`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpVersion::Http10 => "HTTP/1.0",
            HttpVersion::Http11 => "HTTP/1.1",
        }
    }
}

/// Size limits that bound memory use against hostile or broken peers.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum bytes of a response head (status line, header section and its final empty line).
    /// Default 256 KiB.
    pub max_head_bytes: usize,
    /// Maximum number of header fields in a response head. Default 256.
    pub max_headers: usize,
    /// Maximum bytes of a chunked body's trailer section, including its final empty line.
    /// Default 64 KiB.
    pub max_trailer_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_head_bytes: 256 * 1024,
            max_headers: 256,
            max_trailer_bytes: 64 * 1024,
        }
    }
}

/// A parsed response head, owned so the caller can drop its read buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    /// The HTTP version of the status line.
    pub version: HttpVersion,
    /// The three-digit status code, in 100..=599.
    pub status: u16,
    /// The reason phrase, decoded as lossy UTF-8 (it carries no meaning; kept for display).
    pub reason: String,
    /// Header fields in wire order, names exactly as received (original case), values raw with
    /// surrounding whitespace removed.
    pub headers: Vec<(String, Vec<u8>)>,
}

impl ResponseHead {
    /// The value of the first header field named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The values of all header fields named `name` (ASCII case-insensitive), in wire order.
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// Whether the status is 1xx, i.e. an interim response followed by another head.
    ///
    /// This includes 101 Switching Protocols, which is interim for HTTP but final for this
    /// connection: after it the bytes belong to the new protocol, so a caller that sent `Upgrade`
    /// must stop parsing HTTP/1.1 instead of waiting for another head (see
    /// [`is_switching_protocols`](Self::is_switching_protocols)).
    pub fn is_informational(&self) -> bool {
        (100..200).contains(&self.status)
    }

    /// Whether the status is 101 Switching Protocols.
    pub fn is_switching_protocols(&self) -> bool {
        self.status == 101
    }
}

/// Outcome of [`parse_response_head`].
#[derive(Debug, PartialEq, Eq)]
pub enum ParseStatus {
    /// A full head was parsed.
    Complete {
        /// The parsed head.
        head: ResponseHead,
        /// Bytes of the buffer taken by the head; the body (if any) starts there.
        consumed: usize,
    },
    /// The buffer holds only the beginning of a head; read more and call again with the whole
    /// buffer.
    Partial,
}

/// Header slots on the stack; more are heap-allocated only if `max_headers` asks for it.
const STACK_HEADERS: usize = 256;

/// Parses a response head at the start of `buf` using `httparse`.
///
/// `Partial` means more bytes are needed. Once `buf.len()` exceeds `limits.max_head_bytes` with
/// no complete head, returns [`ProtoError::HeadTooLarge`]; a head of exactly `max_head_bytes`
/// bytes is accepted. Only HTTP/1.0 and HTTP/1.1 are accepted. Leading empty lines and obsolete
/// line folding are rejected (see the module docs).
///
/// Each call parses from the start of `buf`, so a caller should call again only after new bytes
/// arrived.
pub fn parse_response_head(buf: &[u8], limits: &Limits) -> Result<ParseStatus, ProtoError> {
    if matches!(buf.first(), Some(b'\r' | b'\n')) {
        return Err(ProtoError::InvalidStatusLine);
    }
    // Bytes past the limit can never be part of an acceptable head, so they are not parsed.
    let window = &buf[..buf.len().min(limits.max_head_bytes)];
    if limits.max_headers <= STACK_HEADERS {
        let mut slots = [httparse::EMPTY_HEADER; STACK_HEADERS];
        parse_window(window, buf.len(), limits, &mut slots[..limits.max_headers])
    } else {
        let mut slots = vec![httparse::EMPTY_HEADER; limits.max_headers];
        parse_window(window, buf.len(), limits, &mut slots)
    }
}

fn parse_window<'b>(
    window: &'b [u8],
    buf_len: usize,
    limits: &Limits,
    slots: &mut [httparse::Header<'b>],
) -> Result<ParseStatus, ProtoError> {
    let mut response = httparse::Response::new(slots);
    let consumed = match response.parse(window) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return if buf_len > limits.max_head_bytes {
                Err(ProtoError::HeadTooLarge {
                    limit: limits.max_head_bytes,
                })
            } else {
                Ok(ParseStatus::Partial)
            };
        }
        Err(httparse::Error::Version) => return Err(classify_version_error(window)),
        Err(httparse::Error::Status) => return Err(ProtoError::InvalidStatusLine),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(ProtoError::TooManyHeaders {
                limit: limits.max_headers,
            });
        }
        Err(_) => return Err(ProtoError::InvalidHeader),
    };
    let version = match response.version {
        Some(0) => HttpVersion::Http10,
        Some(1) => HttpVersion::Http11,
        _ => return Err(ProtoError::UnsupportedVersion),
    };
    let status = response.code.ok_or(ProtoError::InvalidStatusLine)?;
    if !(100..=599).contains(&status) {
        return Err(ProtoError::InvalidStatusLine);
    }
    let headers = response
        .headers
        .iter()
        .map(|h| (h.name.to_owned(), h.value.to_vec()))
        .collect();
    Ok(ParseStatus::Complete {
        head: ResponseHead {
            version,
            status,
            reason: raw_reason(window),
            headers,
        },
        consumed,
    })
}

/// httparse replaces a reason containing obs-text with "", but the contract is lossy UTF-8 of
/// the phrase, so it is cut from the raw status line (already validated by httparse).
fn raw_reason(head: &[u8]) -> String {
    let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let line = &head[..line_end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // "HTTP/1.x NNN " is 13 bytes; httparse checked it is exactly that shape.
    let reason = line.get(13..).unwrap_or_default();
    String::from_utf8_lossy(reason).into_owned()
}

/// httparse reports every non-1.x version and plain garbage alike. A line that starts like
/// `HTTP/<digits>[.<digits>]` followed by SP (or by the end of what has arrived) is a real but
/// unsupported version, e.g. an HTTP/2 or HTTP/0.9-claiming peer; anything else is garbage.
fn classify_version_error(buf: &[u8]) -> ProtoError {
    let Some(rest) = buf.strip_prefix(b"HTTP/") else {
        return ProtoError::InvalidStatusLine;
    };
    let major = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if major == 0 {
        return ProtoError::InvalidStatusLine;
    }
    let mut rest = &rest[major..];
    if let Some(after_dot) = rest.strip_prefix(b".") {
        let minor = after_dot.iter().take_while(|b| b.is_ascii_digit()).count();
        if minor == 0 && !after_dot.is_empty() {
            return ProtoError::InvalidStatusLine;
        }
        rest = &after_dot[minor..];
    }
    match rest.first() {
        None | Some(b' ') => ProtoError::UnsupportedVersion,
        Some(_) => ProtoError::InvalidStatusLine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(buf: &[u8]) -> Result<ParseStatus, ProtoError> {
        parse_response_head(buf, &Limits::default())
    }

    fn complete(buf: &[u8]) -> (ResponseHead, usize) {
        match parse(buf) {
            Ok(ParseStatus::Complete { head, consumed }) => (head, consumed),
            other => panic!("expected complete head, got {other:?}"),
        }
    }

    #[test]
    fn status_200_with_reason_and_headers() {
        let buf = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nx-LOWER:  spaced \r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\nBODY";
        let (head, consumed) = complete(buf);
        assert_eq!(consumed, buf.len() - 4);
        assert_eq!(head.version, HttpVersion::Http11);
        assert_eq!(head.status, 200);
        assert_eq!(head.reason, "OK");
        assert_eq!(
            head.headers,
            vec![
                ("Content-Type".to_owned(), b"text/plain".to_vec()),
                ("x-LOWER".to_owned(), b"spaced".to_vec()),
                ("Set-Cookie".to_owned(), b"a=1".to_vec()),
                ("set-cookie".to_owned(), b"b=2".to_vec()),
            ]
        );
        assert_eq!(head.header("content-type"), Some(&b"text/plain"[..]));
        assert_eq!(head.header("X-Lower"), Some(&b"spaced"[..]));
        assert_eq!(head.header("missing"), None);
        let cookies: Vec<&[u8]> = head.headers_named("SET-COOKIE").collect();
        assert_eq!(cookies, vec![&b"a=1"[..], b"b=2"]);
        assert!(!head.is_informational());
    }

    #[test]
    fn status_without_reason() {
        let (head, consumed) = complete(b"HTTP/1.1 204\r\n\r\n");
        assert_eq!((head.status, head.reason.as_str(), consumed), (204, "", 16));
        let (head, _) = complete(b"HTTP/1.1 404 \r\n\r\n");
        assert_eq!((head.status, head.reason.as_str()), (404, ""));
    }

    #[test]
    fn reason_with_spaces_and_obs_text_is_lossy() {
        let (head, _) = complete(b"HTTP/1.1 500 Internal  Server\tError\r\n\r\n");
        assert_eq!(head.reason, "Internal  Server\tError");
        let (head, _) = complete(b"HTTP/1.1 200 Caf\xc3\xa9 \xff\r\n\r\n");
        assert_eq!(head.reason, "Café \u{fffd}");
    }

    #[test]
    fn http_10() {
        let (head, consumed) = complete(b"HTTP/1.0 301 Moved\r\nLocation: /x\r\n\r\n");
        assert_eq!(head.version, HttpVersion::Http10);
        assert_eq!(head.status, 301);
        assert_eq!(consumed, 36);
        assert_eq!(HttpVersion::Http10.as_str(), "HTTP/1.0");
    }

    #[test]
    fn bare_lf_accepted() {
        let (head, consumed) = complete(b"HTTP/1.1 200 OK\nA: b\n\nrest");
        assert_eq!(head.headers, vec![("A".to_owned(), b"b".to_vec())]);
        assert_eq!(consumed, 22);
    }

    #[test]
    fn informational() {
        let (head, _) = complete(b"HTTP/1.1 100 Continue\r\n\r\n");
        assert!(head.is_informational());
        assert!(!head.is_switching_protocols());
        let (head, _) = complete(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assert!(head.is_informational());
        assert!(head.is_switching_protocols());
    }

    #[test]
    fn invalid_status_lines() {
        for bad in [
            &b"HTTP/1.1 abc OK\r\n\r\n"[..],
            b"FOO 200 OK\r\n\r\n",
            b"garbage\r\n\r\n",
            b"HTTP/1.1 20 OK\r\n\r\n",
            b"HTTP/1.1 2000 OK\r\n\r\n",
            b"HTTP/1.1 200OK\r\n\r\n",
            b"HTTP/1.1  200 OK\r\n\r\n",
            b"HTTP/1.1 099 Low\r\n\r\n",
            b"HTTP/1.1 600 High\r\n\r\n",
            b"HTTP/1.1 000\r\n\r\n",
            b"HTTP/1.1 200 OK\rX\r\n\r\n",
            b"HTTP/1.1 200 Bad\x01Reason\r\n\r\n",
            b" HTTP/1.1 200 OK\r\n\r\n",
            b"\r\nHTTP/1.1 200 OK\r\n\r\n",
            b"\nHTTP/1.1 200 OK\r\n\r\n",
            b"HTTP/1.1x 200 OK\r\n\r\n",
            b"HTTP/ 200 OK\r\n\r\n",
            b"HTTP/1. 200 OK\r\n\r\n",
            b"http/1.1 200 OK\r\n\r\n",
        ] {
            assert_eq!(
                parse(bad),
                Err(ProtoError::InvalidStatusLine),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        // Both boundary codes are fine.
        assert_eq!(complete(b"HTTP/1.1 100\r\n\r\n").0.status, 100);
        assert_eq!(complete(b"HTTP/1.1 599\r\n\r\n").0.status, 599);
    }

    #[test]
    fn unsupported_versions() {
        for bad in [
            &b"HTTP/2.0 200 OK\r\n\r\n"[..],
            b"HTTP/2 200\r\n\r\n",
            b"HTTP/0.9 200 OK\r\n\r\n",
            b"HTTP/1.2 200 OK\r\n\r\n",
            b"HTTP/3.0 200 OK\r\n\r\n",
            b"HTTP/2.0",
            b"HTTP/2",
        ] {
            assert_eq!(
                parse(bad),
                Err(ProtoError::UnsupportedVersion),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn invalid_headers() {
        for bad in [
            &b"HTTP/1.1 200 OK\r\nFolded: a\r\n b\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nA: b\r\n\tfolded\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nBad Name: v\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n: v\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nA: b\rc\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nA: b\0c\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n\rX",
        ] {
            assert_eq!(
                parse(bad),
                Err(ProtoError::InvalidHeader),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn partial_byte_by_byte() {
        let buf = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello";
        let head_len = buf.len() - 5;
        for end in 0..head_len {
            assert_eq!(parse(&buf[..end]), Ok(ParseStatus::Partial), "prefix {end}");
        }
        for end in head_len..=buf.len() {
            let (head, consumed) = complete(&buf[..end]);
            assert_eq!(consumed, head_len);
            assert_eq!(head.header("content-length"), Some(&b"5"[..]));
        }
    }

    #[test]
    fn partial_http10_and_bare_lf_prefixes() {
        let buf = b"HTTP/1.0 200 OK\nA: b\n\n";
        for end in 0..buf.len() {
            assert_eq!(parse(&buf[..end]), Ok(ParseStatus::Partial), "prefix {end}");
        }
        assert_eq!(complete(buf).1, buf.len());
    }

    /// A head of exactly `len` bytes: status line, one padded header, final CRLF.
    fn head_of_len(len: usize) -> Vec<u8> {
        let mut buf = b"HTTP/1.1 200 OK\r\nX-Pad: ".to_vec();
        let pad = len - buf.len() - 4;
        buf.resize(buf.len() + pad, b'a');
        buf.extend_from_slice(b"\r\n\r\n");
        assert_eq!(buf.len(), len);
        buf
    }

    #[test]
    fn head_exactly_at_limit_is_accepted() {
        let limit = Limits::default().max_head_bytes;
        assert_eq!(limit, 256 * 1024);
        let mut buf = head_of_len(limit);
        buf.extend_from_slice(b"body bytes after the head");
        let (head, consumed) = complete(&buf);
        assert_eq!(consumed, limit);
        assert_eq!(head.header("x-pad").map(<[u8]>::len), Some(limit - 28));
    }

    #[test]
    fn head_above_limit_is_rejected() {
        let limit = Limits::default().max_head_bytes;
        let too_large = Err(ProtoError::HeadTooLarge { limit });
        let buf = head_of_len(limit + 1);
        assert_eq!(parse(&buf), too_large);
        // Incomplete: Partial up to the limit, an error one byte past it.
        assert_eq!(parse(&buf[..limit]), Ok(ParseStatus::Partial));
        assert_eq!(parse(&buf[..limit + 1]), too_large);
        assert_eq!(parse(&head_of_len(limit + 1000)), too_large);
    }

    #[test]
    fn custom_small_limit() {
        let limits = Limits {
            max_head_bytes: 20,
            ..Limits::default()
        };
        assert_eq!(
            parse_response_head(b"HTTP/1.1 200 OK\r\n\r\n", &limits).map(|_| ()),
            Ok(())
        );
        assert_eq!(
            parse_response_head(b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n", &limits),
            Err(ProtoError::HeadTooLarge { limit: 20 })
        );
    }

    fn head_with_headers(n: usize) -> Vec<u8> {
        let mut buf = b"HTTP/1.1 200 OK\r\n".to_vec();
        for i in 0..n {
            buf.extend_from_slice(format!("H{i}: v\r\n").as_bytes());
        }
        buf.extend_from_slice(b"\r\n");
        buf
    }

    #[test]
    fn too_many_headers() {
        let (head, _) = complete(&head_with_headers(256));
        assert_eq!(head.headers.len(), 256);
        assert_eq!(
            parse(&head_with_headers(257)),
            Err(ProtoError::TooManyHeaders { limit: 256 })
        );
        let limits = Limits {
            max_headers: 2,
            ..Limits::default()
        };
        assert_eq!(
            parse_response_head(&head_with_headers(3), &limits),
            Err(ProtoError::TooManyHeaders { limit: 2 })
        );
    }

    #[test]
    fn more_headers_than_stack_slots() {
        let limits = Limits {
            max_headers: 1000,
            ..Limits::default()
        };
        match parse_response_head(&head_with_headers(600), &limits) {
            Ok(ParseStatus::Complete { head, .. }) => assert_eq!(head.headers.len(), 600),
            other => panic!("{other:?}"),
        }
    }
}
