//! Request head and chunked request body encoding.
//!
//! In scope: writing the request line, the header section exactly as the caller ordered and
//! spelled it, and chunked body framing ([`encode_chunk`], [`LAST_CHUNK`]).
//!
//! Out of scope: choosing headers. Nothing here adds `Host`, `Content-Length`,
//! `Transfer-Encoding` or anything else; impersonating a browser means the caller controls every
//! byte of the head, so this module only refuses input that would break message framing
//! (request smuggling via CR/LF, NUL, non-token names).

use crate::error::ProtoError;
use crate::syntax::is_token;

/// The last-chunk of a chunked body with an empty trailer section: `0\r\n\r\n`.
pub const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

/// Appends `METHOD SP target SP HTTP/1.1 CRLF (name: value CRLF)* CRLF` to `out`.
///
/// Header names are written byte for byte in the order and letter case given (browser
/// impersonation depends on it); nothing is added, removed or reordered. Validates the method
/// (RFC 9110 token), the target (non-empty, no whitespace or ASCII control bytes; non-ASCII bytes
/// are passed through because percent-encoding is the URL layer's job), header names (tokens) and
/// values (no CR, LF, NUL). On error `out` is left as it was.
///
/// Values are written as given, including any leading or trailing whitespace, after a single
/// `": "`.
///
/// ```
/// let mut out = Vec::new();
/// mummer_proto::encode_request_head(
///     "GET",
///     "/",
///     [("Host", &b"example.com"[..]), ("accept", &b"*/*"[..])],
///     &mut out,
/// )?;
/// assert_eq!(out, b"GET / HTTP/1.1\r\nHost: example.com\r\naccept: */*\r\n\r\n");
/// # Ok::<(), mummer_proto::ProtoError>(())
/// ```
pub fn encode_request_head<'a, I>(
    method: &str,
    target: &str,
    headers: I,
    out: &mut Vec<u8>,
) -> Result<(), ProtoError>
where
    I: IntoIterator<Item = (&'a str, &'a [u8])>,
{
    encode_request_head_checked(
        method,
        target,
        headers.into_iter().map(|(n, v)| (n, v, false)),
        out,
    )
}

/// As [`encode_request_head`], for a caller that checked some fields already, with
/// [`is_valid_field`], when it made them (a browser profile's own fields, checked once when
/// its header template is built rather than byte by byte on every request): a field whose
/// third member is `true` is written without checking it again; the others are checked.
///
/// `true` is the caller's promise that [`is_valid_field`] holds for that name and value: a
/// field passed as checked that is not would be written as it is (CR/LF included).
///
/// ```
/// let mut out = Vec::new();
/// let accept = ("accept", &b"*/*"[..]);
/// assert!(mummer_proto::request::is_valid_field(accept.0, accept.1));
/// mummer_proto::request::encode_request_head_checked(
///     "GET",
///     "/",
///     [("Host", &b"example.com"[..], false), (accept.0, accept.1, true)],
///     &mut out,
/// )?;
/// assert_eq!(out, b"GET / HTTP/1.1\r\nHost: example.com\r\naccept: */*\r\n\r\n");
/// # Ok::<(), mummer_proto::ProtoError>(())
/// ```
pub fn encode_request_head_checked<'a, I>(
    method: &str,
    target: &str,
    headers: I,
    out: &mut Vec<u8>,
) -> Result<(), ProtoError>
where
    I: IntoIterator<Item = (&'a str, &'a [u8], bool)>,
{
    let start = out.len();
    let result = write_head(method, target, headers, out);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Whether [`encode_request_head`] accepts this header field: the name a token, the value
/// without CR, LF or NUL.
pub fn is_valid_field(name: &str, value: &[u8]) -> bool {
    is_token(name.as_bytes()) && is_valid_field_value(value)
}

fn write_head<'a, I>(
    method: &str,
    target: &str,
    headers: I,
    out: &mut Vec<u8>,
) -> Result<(), ProtoError>
where
    I: IntoIterator<Item = (&'a str, &'a [u8], bool)>,
{
    if !is_token(method.as_bytes()) {
        return Err(ProtoError::InvalidMethod);
    }
    if !is_valid_target(target.as_bytes()) {
        return Err(ProtoError::InvalidTarget);
    }
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(target.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\n");
    for (name, value, checked) in headers {
        if !checked && !is_valid_field(name, value) {
            return Err(ProtoError::InvalidRequestHeader {
                name: name.to_owned(),
            });
        }
        out.reserve(name.len() + value.len() + 4);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Space would end the target early and controls (CR/LF above all) could inject lines.
fn is_valid_target(target: &[u8]) -> bool {
    !target.is_empty() && target.iter().all(|&b| b > b' ' && b != 0x7f)
}

/// CR and LF would split the field and allow header injection; NUL is rejected because
/// RFC 9110 5.5 lets recipients reject it and some do so by dropping the connection.
fn is_valid_field_value(value: &[u8]) -> bool {
    !value.iter().any(|&b| matches!(b, b'\r' | b'\n' | 0))
}

/// Appends one chunk of a chunked request body: `{len:x}\r\n{data}\r\n`.
///
/// Empty `data` appends nothing, because a zero-size chunk would end the body; use
/// [`LAST_CHUNK`] for that.
pub fn encode_chunk(data: &[u8], out: &mut Vec<u8>) {
    if data.is_empty() {
        return;
    }
    let mut digits = [0u8; 16];
    let hex = encode_hex(data.len() as u64, &mut digits);
    out.reserve(hex.len() + data.len() + 4);
    out.extend_from_slice(hex);
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

/// Lowercase hex without leading zeros; `format!` is avoided to keep this allocation-free.
fn encode_hex(mut n: u64, buf: &mut [u8; 16]) -> &[u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = HEX[(n & 0xf) as usize];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(
        method: &str,
        target: &str,
        headers: &[(&str, &[u8])],
    ) -> (Result<(), ProtoError>, Vec<u8>) {
        let mut out = b"prefix".to_vec();
        let r = encode_request_head(method, target, headers.iter().copied(), &mut out);
        (r, out)
    }

    #[test]
    fn checked_fields_are_written_the_same_and_the_others_still_checked() {
        let fields: &[(&str, &[u8])] = &[("Host", b"a.test"), ("User-Agent", b"Mozilla/5.0")];
        let (r, plain) = encode("GET", "/", fields);
        assert_eq!(r, Ok(()));
        let mut checked = b"prefix".to_vec();
        let r = encode_request_head_checked(
            "GET",
            "/",
            fields.iter().map(|&(n, v)| (n, v, is_valid_field(n, v))),
            &mut checked,
        );
        assert_eq!(r, Ok(()));
        assert_eq!(checked, plain);
        let mut out = b"prefix".to_vec();
        let r = encode_request_head_checked(
            "GET",
            "/",
            [
                ("Accept", &b"*/*"[..], true),
                ("X-Bad", &b"a\r\nb"[..], false),
            ],
            &mut out,
        );
        assert!(matches!(r, Err(ProtoError::InvalidRequestHeader { .. })));
        assert_eq!(out, b"prefix");
        assert!(!is_valid_field("Bad Name", b"v"));
        assert!(!is_valid_field("X", b"\0"));
    }

    #[test]
    fn exact_bytes_case_and_order_preserved() {
        let (r, out) = encode(
            "GET",
            "/path?q=1",
            &[
                ("Host", b"example.com"),
                ("sec-ch-ua", b"\"Chromium\";v=\"124\""),
                ("User-Agent", b"Mozilla/5.0"),
                ("accept-Encoding", b"gzip, br"),
                ("X-EMPTY", b""),
                ("host", b"dup-kept"),
            ],
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            out,
            b"prefixGET /path?q=1 HTTP/1.1\r\n\
              Host: example.com\r\n\
              sec-ch-ua: \"Chromium\";v=\"124\"\r\n\
              User-Agent: Mozilla/5.0\r\n\
              accept-Encoding: gzip, br\r\n\
              X-EMPTY: \r\n\
              host: dup-kept\r\n\
              \r\n"
        );
    }

    #[test]
    fn no_headers() {
        let (r, out) = encode("OPTIONS", "*", &[]);
        assert_eq!(r, Ok(()));
        assert_eq!(out, b"prefixOPTIONS * HTTP/1.1\r\n\r\n");
    }

    #[test]
    fn non_utf8_value_passes_through() {
        let (r, out) = encode("POST", "/", &[("X-Bin", b"\xff\x80\t ok")]);
        assert_eq!(r, Ok(()));
        assert_eq!(
            out,
            b"prefixPOST / HTTP/1.1\r\nX-Bin: \xff\x80\t ok\r\n\r\n"
        );
    }

    #[test]
    fn invalid_values_rejected_and_out_restored() {
        for bad in [&b"a\r\nX-Injected: 1"[..], b"a\rb", b"a\nb", b"a\0b"] {
            let (r, out) = encode("GET", "/", &[("Host", b"ok"), ("X-Bad", bad)]);
            assert_eq!(
                r,
                Err(ProtoError::InvalidRequestHeader {
                    name: "X-Bad".into()
                })
            );
            assert_eq!(out, b"prefix");
        }
    }

    #[test]
    fn invalid_names_rejected() {
        for bad in ["", "Bad Name", "Bad:Name", "Bad\r\nName", "Ünicode"] {
            let (r, out) = encode("GET", "/", &[(bad, b"v")]);
            assert_eq!(
                r,
                Err(ProtoError::InvalidRequestHeader { name: bad.into() })
            );
            assert_eq!(out, b"prefix");
        }
    }

    #[test]
    fn invalid_method_and_target() {
        for m in ["", "GE T", "GET\r\n", "G(ET"] {
            assert_eq!(
                encode(m, "/", &[]),
                (Err(ProtoError::InvalidMethod), b"prefix".to_vec())
            );
        }
        for t in ["", "/a b", "/a\r\nb", "/a\tb", "/a\0", "/\x7f"] {
            assert_eq!(
                encode("GET", t, &[]),
                (Err(ProtoError::InvalidTarget), b"prefix".to_vec())
            );
        }
        let (r, _) = encode("get", "http://h/é", &[]);
        assert_eq!(
            r,
            Ok(()),
            "methods are case-sensitive tokens; raw UTF-8 targets pass"
        );
    }

    #[test]
    fn chunks() {
        let mut out = Vec::new();
        encode_chunk(b"", &mut out);
        assert!(out.is_empty());
        encode_chunk(b"hello", &mut out);
        encode_chunk(&[b'x'; 26], &mut out);
        out.extend_from_slice(LAST_CHUNK);
        let mut expected = b"5\r\nhello\r\n1a\r\n".to_vec();
        expected.extend_from_slice(&[b'x'; 26]);
        expected.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(out, expected);
    }

    #[test]
    fn hex() {
        let mut buf = [0u8; 16];
        assert_eq!(encode_hex(0, &mut buf), b"0");
        assert_eq!(encode_hex(0x1000, &mut buf), b"1000");
        assert_eq!(encode_hex(u64::MAX, &mut buf), b"ffffffffffffffff");
    }
}
