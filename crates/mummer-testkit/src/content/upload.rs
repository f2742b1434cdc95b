//! Request bodies as the content server sees them: length and SHA-256 (for `/echo` and
//! `/upload`), and for `/upload` a streaming multipart/form-data parser that reports each part's
//! name, filename, content type, length and SHA-256 without keeping any part in memory.

use sha2::{Digest, Sha256};

use super::Request;

/// Part heads larger than this are a parse error.
const PART_HEAD_LIMIT: usize = 16 * 1024;
/// Parts reported per request; later parts are only counted.
const PART_LIMIT: usize = 1000;

/// Consumes a request body piece by piece.
pub(super) struct BodySink {
    len: u64,
    hasher: Option<Sha256>,
    multipart: Option<Multipart>,
}

impl BodySink {
    /// A sink for a request to `target` with this `Content-Type`.
    pub(super) fn new(target: &str, content_type: Option<&str>) -> BodySink {
        let path = target.split('?').next().unwrap_or("");
        let upload = path == "/upload";
        BodySink {
            len: 0,
            hasher: (upload || path == "/echo").then(Sha256::new),
            multipart: if upload {
                content_type.and_then(boundary).map(Multipart::new)
            } else {
                None
            },
        }
    }

    pub(super) fn feed(&mut self, data: &[u8]) {
        self.len += data.len() as u64;
        if let Some(h) = &mut self.hasher {
            h.update(data);
        }
        if let Some(m) = &mut self.multipart {
            m.feed(data);
        }
    }

    /// Stores what was seen in `req`.
    pub(super) fn finish_into(self, req: &mut Request) {
        req.body_len = self.len;
        req.body_sha256 = self.hasher.unwrap_or_default().finalize().into();
        req.multipart = self.multipart.map(Multipart::finish);
    }
}

/// The `boundary` parameter of a `multipart/*` content type.
fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let media = params.next()?.trim();
    if !media.to_ascii_lowercase().starts_with("multipart/") {
        return None;
    }
    let b = split_params(&content_type[content_type.find(';')?..])
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("boundary"))?
        .1;
    (!b.is_empty() && b.len() <= 200).then_some(b)
}

/// `; key=value; key="quoted \" value"` parameters, keys as given.
fn split_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        // Skip separators.
        while chars.peek().is_some_and(|c| *c == ';' || c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return out;
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ';' {
                break;
            }
            key.push(c);
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                value.push(n);
                            }
                        }
                        c => value.push(c),
                    }
                }
                // Anything up to the next ';' after the closing quote is ignored.
                while chars.peek().is_some_and(|c| *c != ';') {
                    chars.next();
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ';' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                value = value.trim_end().to_string();
            }
        }
        out.push((key.trim().to_string(), value));
    }
}

/// What `/upload` reports of a multipart body.
#[derive(Debug, Default)]
pub(super) struct MultipartSummary {
    pub(super) boundary: String,
    pub(super) parts: Vec<Part>,
    /// Parts beyond [`PART_LIMIT`], counted but not reported.
    pub(super) parts_dropped: u64,
    /// Why the body is not well-formed multipart, if it is not.
    pub(super) error: Option<String>,
}

/// One multipart part.
#[derive(Debug, Default)]
pub(super) struct Part {
    pub(super) headers: Vec<(String, String)>,
    pub(super) name: Option<String>,
    pub(super) filename: Option<String>,
    pub(super) content_type: Option<String>,
    pub(super) len: u64,
    pub(super) sha256: [u8; 32],
}

impl MultipartSummary {
    pub(super) fn json(&self) -> serde_json::Value {
        let parts: Vec<serde_json::Value> = self
            .parts
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.name,
                    "filename": p.filename,
                    "content_type": p.content_type,
                    "length": p.len,
                    "sha256": hex::encode(p.sha256),
                    "headers": p.headers.iter().map(|(n, v)| [n, v]).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::Value::Array(parts)
    }
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    /// Before the first delimiter.
    Preamble,
    /// Right after a delimiter: `--` (the close delimiter) or CRLF follows.
    AfterDelimiter,
    /// In a part's header section.
    Head,
    /// In a part's body.
    Body,
    /// After the close delimiter (epilogue ignored), or after an error.
    Done,
}

struct Multipart {
    /// `CRLF--boundary`.
    delimiter: Vec<u8>,
    state: State,
    /// Unprocessed bytes: at most a piece plus a delimiter's length.
    buf: Vec<u8>,
    current: Option<(Part, Sha256)>,
    summary: MultipartSummary,
}

impl Multipart {
    fn new(boundary: String) -> Multipart {
        let mut delimiter = b"\r\n--".to_vec();
        delimiter.extend_from_slice(boundary.as_bytes());
        Multipart {
            delimiter,
            state: State::Preamble,
            // A virtual CRLF, so a body starting with `--boundary` finds its first delimiter.
            buf: b"\r\n".to_vec(),
            current: None,
            summary: MultipartSummary {
                boundary,
                ..Default::default()
            },
        }
    }

    fn fail(&mut self, why: &str) {
        self.summary.error = Some(why.to_string());
        self.state = State::Done;
        self.buf = Vec::new();
    }

    fn feed(&mut self, data: &[u8]) {
        if self.state == State::Done {
            return;
        }
        self.buf.extend_from_slice(data);
        loop {
            let used = match self.state {
                State::Done => {
                    self.buf.clear();
                    return;
                }
                State::Preamble | State::Body => match find(&self.buf, &self.delimiter) {
                    Some(i) => {
                        self.part_data(i);
                        self.finish_part();
                        self.state = State::AfterDelimiter;
                        i + self.delimiter.len()
                    }
                    None => {
                        // Keep what could be the start of a delimiter.
                        let safe = self.buf.len().saturating_sub(self.delimiter.len() - 1);
                        self.part_data(safe);
                        self.buf.drain(..safe);
                        return;
                    }
                },
                State::AfterDelimiter => {
                    if self.buf.starts_with(b"--") {
                        self.state = State::Done;
                        continue;
                    }
                    match find(&self.buf, b"\r\n") {
                        Some(i) if self.buf[..i].iter().all(|b| *b == b' ' || *b == b'\t') => {
                            self.state = State::Head;
                            i + 2
                        }
                        Some(_) => return self.fail("garbage after a boundary delimiter"),
                        None if self.buf.len() > 256 => {
                            return self.fail("garbage after a boundary delimiter");
                        }
                        None => return,
                    }
                }
                State::Head => {
                    let end = if self.buf.starts_with(b"\r\n") {
                        Some(0)
                    } else {
                        find(&self.buf, b"\r\n\r\n").map(|i| i + 2)
                    };
                    match end {
                        Some(end) => {
                            let head = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                            self.start_part(&head);
                            self.state = State::Body;
                            end + 2
                        }
                        None if self.buf.len() > PART_HEAD_LIMIT => {
                            return self.fail("part head too large");
                        }
                        None => return,
                    }
                }
            };
            self.buf.drain(..used);
        }
    }

    /// Hands `buf[..n]` to the current part (nothing in the preamble).
    fn part_data(&mut self, n: usize) {
        if let Some((part, hasher)) = &mut self.current {
            part.len += n as u64;
            hasher.update(&self.buf[..n]);
        }
    }

    fn start_part(&mut self, head: &str) {
        let mut part = Part::default();
        for line in head.split("\r\n").filter(|l| !l.is_empty()) {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-disposition") {
                let params = split_params(value.split_once(';').map_or("", |(_, p)| p));
                let get = |key: &str| {
                    params
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(key))
                        .map(|(_, v)| v.clone())
                };
                part.name = get("name");
                part.filename = get("filename").or_else(|| {
                    get("filename*").map(|v| {
                        let encoded = v.rsplit('\'').next().unwrap_or("");
                        super::extra::percent_decode(encoded, false)
                    })
                });
            } else if name.eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.to_string());
            }
            part.headers.push((name.to_string(), value.to_string()));
        }
        self.current = Some((part, Sha256::new()));
    }

    fn finish_part(&mut self) {
        if let Some((mut part, hasher)) = self.current.take() {
            part.sha256 = hasher.finalize().into();
            if self.summary.parts.len() < PART_LIMIT {
                self.summary.parts.push(part);
            } else {
                self.summary.parts_dropped += 1;
            }
        }
    }

    fn finish(mut self) -> MultipartSummary {
        if self.state != State::Done {
            let why = match self.state {
                State::Preamble => "no boundary delimiter in the body",
                _ => "body ended before the close delimiter",
            };
            self.summary.error = Some(why.to_string());
        }
        self.summary
    }
}

/// The first position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = hay[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if hay.len() - at < needle.len() {
            return None;
        }
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(data: &[u8]) -> [u8; 32] {
        Sha256::digest(data).into()
    }

    fn parse(body: &[u8], content_type: &str, piece: usize) -> MultipartSummary {
        let mut m = Multipart::new(boundary(content_type).expect("boundary"));
        for chunk in body.chunks(piece.max(1)) {
            m.feed(chunk);
        }
        m.finish()
    }

    #[test]
    fn parses_parts_in_any_piece_size() {
        let big = crate::pattern::bytes(0, 100_000);
        let mut body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
        body.extend_from_slice(&big);
        body.extend_from_slice(b"\r\n--XyZ\r\n\r\nno head\r\n--XyZ--\r\nepilogue --XyZ");
        for piece in [1, 2, 3, 7, 64, 1000, 65_536, body.len()] {
            let s = parse(&body, "multipart/form-data; boundary=\"XyZ\"", piece);
            assert_eq!(s.error, None, "piece {piece}");
            assert_eq!(s.parts.len(), 3, "piece {piece}");
            assert_eq!(s.parts[0].name.as_deref(), Some("field"));
            assert_eq!(s.parts[0].len, 5);
            assert_eq!(s.parts[0].sha256, sha(b"value"));
            assert_eq!(s.parts[0].filename, None);
            assert_eq!(s.parts[1].name.as_deref(), Some("file"));
            assert_eq!(s.parts[1].filename.as_deref(), Some("a \"b\".bin"));
            assert_eq!(
                s.parts[1].content_type.as_deref(),
                Some("application/octet-stream")
            );
            assert_eq!(s.parts[1].len, 100_000);
            assert_eq!(s.parts[1].sha256, sha(&big));
            assert_eq!(s.parts[2].name, None);
            assert_eq!(s.parts[2].sha256, sha(b"no head"));
        }
    }

    #[test]
    fn reports_broken_bodies() {
        let ct = "multipart/form-data; boundary=b";
        let s = parse(
            b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nabc",
            ct,
            2,
        );
        assert_eq!(
            s.error.as_deref(),
            Some("body ended before the close delimiter")
        );
        assert!(s.parts.is_empty());
        let s = parse(b"just bytes", ct, 3);
        assert_eq!(
            s.error.as_deref(),
            Some("no boundary delimiter in the body")
        );
        let s = parse(b"--bxx\r\n", ct, 3);
        assert_eq!(
            s.error.as_deref(),
            Some("garbage after a boundary delimiter")
        );
        let s = parse(
            b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''caf%C3%A9.txt\r\n\r\n\r\n--b--",
            ct,
            5,
        );
        assert_eq!(s.error, None);
        assert_eq!(s.parts[0].filename.as_deref(), Some("café.txt"));
        assert_eq!(s.parts[0].len, 0);
        assert_eq!(boundary("text/plain; boundary=x"), None);
        assert_eq!(boundary("multipart/mixed"), None);
    }
}
