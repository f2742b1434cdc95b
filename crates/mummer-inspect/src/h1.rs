//! HTTP/1.1 request heads as a fingerprinting server sees them.
//!
//! Scope: the request line and header fields up to the blank line, with
//! header names in their exact wire case and order — browsers differ in both
//! (Chromium sends `Host` then `Connection` and lowercase `sec-ch-ua*`), and
//! general-purpose parsers that normalise case erase exactly that signal.
//! Bodies are out of scope.

use serde::Serialize;

/// Why a request head could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum H1Error {
    /// No blank line yet: read more bytes and try again.
    #[error("request head is incomplete")]
    Incomplete,
    /// The request line is not `METHOD SP TARGET SP VERSION`.
    #[error("malformed request line")]
    BadRequestLine,
    /// A header line has no colon or an empty or invalid name.
    #[error("malformed header line {0}")]
    BadHeader(usize),
}

/// A parsed HTTP/1.x request head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct H1Request {
    /// Method, e.g. `GET`.
    pub method: String,
    /// Request target, e.g. `/?q=1`.
    pub target: String,
    /// Version token, e.g. `HTTP/1.1`.
    pub version: String,
    /// Header fields in order, names in wire case, values trimmed of
    /// surrounding whitespace.
    pub headers: Vec<(String, String)>,
    /// Bytes up to and including the blank line.
    pub head_len: usize,
    /// Whether any line ended in a bare LF instead of CRLF (real browsers
    /// never do; some scripted clients do).
    pub bare_lf: bool,
}

impl H1Request {
    /// Parses the head at the start of `input`; bytes after it are ignored.
    pub fn parse(input: &[u8]) -> Result<Self, H1Error> {
        let mut lines = Vec::new();
        let mut bare_lf = false;
        let mut start = 0;
        let head_len = loop {
            let Some(nl) = input[start..].iter().position(|b| *b == b'\n') else {
                return Err(H1Error::Incomplete);
            };
            let end = start + nl;
            let line = match input[start..end].strip_suffix(b"\r") {
                Some(l) => l,
                None => {
                    bare_lf = true;
                    &input[start..end]
                }
            };
            start = end + 1;
            // Tolerate empty lines before the request line (RFC 9112 §2.2).
            if line.is_empty() && !lines.is_empty() {
                break start;
            }
            if !line.is_empty() {
                lines.push(line);
            }
        };

        let (request_line, header_lines) = lines.split_first().ok_or(H1Error::BadRequestLine)?;
        let request_line = String::from_utf8_lossy(request_line);
        let mut parts = request_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(H1Error::BadRequestLine);
        };
        if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/") {
            return Err(H1Error::BadRequestLine);
        }

        let mut headers = Vec::with_capacity(header_lines.len());
        for (i, line) in header_lines.iter().enumerate() {
            let colon = line
                .iter()
                .position(|b| *b == b':')
                .ok_or(H1Error::BadHeader(i))?;
            let name = &line[..colon];
            // A token: no whitespace (which would also reject obs-fold
            // continuation lines, obsolete since RFC 7230).
            if name.is_empty() || !name.iter().all(|b| b.is_ascii_graphic()) {
                return Err(H1Error::BadHeader(i));
            }
            let value = String::from_utf8_lossy(&line[colon + 1..]);
            headers.push((
                String::from_utf8_lossy(name).into_owned(),
                value.trim_matches([' ', '\t']).to_owned(),
            ));
        }
        Ok(Self {
            method: method.to_owned(),
            target: target.to_owned(),
            version: version.to_owned(),
            headers,
            head_len,
            bare_lf,
        })
    }

    /// Header names in order, exact case.
    pub fn header_names(&self) -> Vec<&str> {
        self.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// First value of a header, matched case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_head_and_keeps_case() {
        let raw = b"GET /x HTTP/1.1\r\nHost: a\r\nsec-ch-ua: \"x\"\r\nUser-Agent:  ua \r\n\r\nBODY";
        let req = H1Request::parse(raw).expect("parse");
        assert_eq!(req.method, "GET");
        assert_eq!(req.target, "/x");
        assert_eq!(req.version, "HTTP/1.1");
        assert_eq!(req.header_names(), ["Host", "sec-ch-ua", "User-Agent"]);
        assert_eq!(req.header("user-agent"), Some("ua"));
        assert_eq!(req.head_len, raw.len() - 4);
        assert!(!req.bare_lf);
    }

    #[test]
    fn incomplete_and_errors() {
        assert_eq!(
            H1Request::parse(b"GET / HTTP/1.1\r\nHost: a\r\n"),
            Err(H1Error::Incomplete)
        );
        assert_eq!(
            H1Request::parse(b"GET /\r\n\r\n"),
            Err(H1Error::BadRequestLine)
        );
        assert_eq!(
            H1Request::parse(b"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"),
            Err(H1Error::BadHeader(0))
        );
        let lf = H1Request::parse(b"GET / HTTP/1.1\nHost: a\n\n").expect("bare LF");
        assert!(lf.bare_lf);
    }
}
