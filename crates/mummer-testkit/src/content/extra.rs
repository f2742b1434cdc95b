//! The content server's routes for client-behaviour tests (cookies, redirects, pacing, broken
//! bodies, exact response headers, retries, authentication, uploads); documented in the route
//! table of [`super`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use md5::Md5;
use sha2::{Digest, Sha256};

use super::{Body, Cut, CutEnd, Faults, MAX_COMPRESSED_INPUT, Request, Response};

/// `/flaky-status` keys kept before the table is reset (memory stays bounded).
const FLAKY_STATUS_KEYS: usize = 100_000;
/// The realm of `/auth/*`.
const REALM: &str = "mummer";
/// The opaque value of `/auth/digest` challenges.
const OPAQUE: &str = "6d756d6d65722d6f7061717565";
/// Longest silence `/stall` and `/delay` accept, in seconds.
const MAX_SECS: f64 = 3600.0;
/// `/drip`'s rate when none is given, in bytes per second.
const DEFAULT_DRIP_RATE: u64 = 1024 * 1024;

/// Server-wide state of these routes.
pub(super) struct State {
    flaky_status: Mutex<HashMap<String, u64>>,
    /// Key of the Digest nonces: a nonce is a counter and its keyed hash, so any nonce this
    /// server issued verifies without a table.
    nonce_key: [u8; 32],
    nonces: AtomicU64,
}

impl Default for State {
    fn default() -> Self {
        let mut nonce_key = [0u8; 32];
        if btls::rand::rand_bytes(&mut nonce_key).is_err() {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            nonce_key = Sha256::digest(now.to_le_bytes()).into();
        }
        State {
            flaky_status: Mutex::new(HashMap::new()),
            nonce_key,
            nonces: AtomicU64::new(0),
        }
    }
}

impl State {
    fn nonce_tag(&self, counter: u64) -> String {
        let mut h = Sha256::new();
        h.update(self.nonce_key);
        h.update(counter.to_be_bytes());
        hex::encode(&h.finalize()[..12])
    }

    fn new_nonce(&self) -> String {
        let counter = self.nonces.fetch_add(1, Ordering::Relaxed);
        format!("{counter:016x}{}", self.nonce_tag(counter))
    }

    fn nonce_ok(&self, nonce: &str) -> bool {
        nonce.len() == 40
            && nonce.is_char_boundary(16)
            && u64::from_str_radix(&nonce[..16], 16)
                .is_ok_and(|counter| nonce[16..] == self.nonce_tag(counter))
    }
}

/// Answers the routes of this module; `None` for any other path.
pub(super) async fn route(
    req: &Request,
    first: &str,
    arg: Option<&str>,
    num: Option<u64>,
    faults: &Faults,
) -> Option<Response> {
    let q = query(&req.target);
    Some(match (first, arg, num) {
        ("set-cookie", None, _) => set_cookie(&q, false),
        ("set-cookie-redirect", None, _) => set_cookie(&q, true),
        ("redirect-to", None, _) => redirect_to(&q),
        ("headers", None, _) => headers(req, &q),
        ("upload", None, _) => upload(req),
        ("drip", _, Some(n)) => {
            let rate = get(&q, "rate")
                .and_then(|r| r.parse().ok())
                .unwrap_or(DEFAULT_DRIP_RATE)
                .max(1);
            octets(Response::new(
                200,
                Body::Drip {
                    len: n,
                    rate,
                    chunked: flag(&q, "chunked"),
                },
            ))
        }
        ("cut" | "cut-chunked" | "goaway" | "stall", _, Some(n)) => {
            let at = get(&q, "at")
                .and_then(|a| a.parse::<u64>().ok())
                .unwrap_or(n / 2)
                .min(n);
            let end = match first {
                "goaway" => CutEnd::GoAway,
                "stall" => CutEnd::Stall(secs(get(&q, "secs"), 30.0)),
                _ => match get(&q, "mode") {
                    None | Some("close") => CutEnd::Close,
                    Some("reset") => CutEnd::Reset,
                    Some("drop") => CutEnd::Drop,
                    Some(_) => return Some(Response::text(400, "mode: close, reset or drop\n")),
                },
            };
            let default_code = if first == "goaway" { 0 } else { 2 };
            octets(Response::new(
                200,
                Body::Cut(Cut {
                    len: n,
                    at,
                    chunked: first == "cut-chunked",
                    end,
                    code: get(&q, "code")
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(default_code),
                }),
            ))
        }
        ("bad-chunk", None, _) => octets(Response::new(200, Body::BadChunk)),
        ("gzip-cut", _, Some(n)) if n <= MAX_COMPRESSED_INPUT => {
            let encoding = get(&q, "encoding").unwrap_or("gzip");
            if !matches!(encoding, "gzip" | "br" | "zstd" | "deflate") {
                return Some(Response::text(400, "encoding: gzip, br, zstd or deflate\n"));
            }
            match super::compressed(encoding, n).await {
                Ok(data) => {
                    let half = data.slice(..data.len() / 2);
                    let mut r = octets(Response::new(200, Body::Full(half)));
                    r.headers.push(("content-encoding", encoding.to_string()));
                    r
                }
                Err(_) => Response::text(500, "compression failed\n"),
            }
        }
        ("delay", Some(s), _) => {
            let d = secs(Some(s), 0.0);
            tokio::time::sleep(d).await;
            Response::text(200, "ok")
        }
        ("flaky-status", Some(key), _) => flaky_status(key, &q, &faults.extra),
        ("auth", Some(rest), _) => {
            let mut it = rest.splitn(3, '/');
            let (scheme, user, pass) = match (it.next(), it.next(), it.next()) {
                (Some(s), Some(u), Some(p)) => {
                    (s, percent_decode(u, false), percent_decode(p, false))
                }
                _ => return Some(Response::text(404, "not found\n")),
            };
            match scheme {
                "basic" => basic(req, &user, &pass),
                "digest" => digest(req, &q, &user, &pass, &faults.extra),
                _ => Response::text(404, "not found\n"),
            }
        }
        _ => return None,
    })
}

fn octets(mut r: Response) -> Response {
    r.headers
        .push(("content-type", "application/octet-stream".into()));
    r
}

fn json(status: u16, value: serde_json::Value) -> Response {
    let mut r = Response::new(status, Body::Full(Bytes::from(value.to_string())));
    r.headers.push(("content-type", "application/json".into()));
    r
}

/// Seconds from a query value (fractions allowed), at most [`MAX_SECS`].
fn secs(value: Option<&str>, default: f64) -> Duration {
    let s = value
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(default);
    Duration::from_secs_f64(s.min(MAX_SECS))
}

fn get<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn flag(q: &[(String, String)], key: &str) -> bool {
    get(q, key).is_some_and(|v| !matches!(v, "" | "0" | "false" | "no"))
}

/// The decoded `key=value` pairs of a target's query, in order (`+` is a space).
pub(super) fn query(target: &str) -> Vec<(String, String)> {
    let Some((_, q)) = target.split_once('?') else {
        return Vec::new();
    };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// The first decoded value of `key` in a target's query.
pub(super) fn query_value(target: &str, key: &str) -> Option<String> {
    query(target)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// Percent-decodes `s` (and `+` to space if `plus`); invalid escapes stay as they are, invalid
/// UTF-8 is replaced.
pub(super) fn percent_decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `v` can be sent as a header value (no CR, LF or other controls but tab).
pub(super) fn value_ok(v: &str) -> bool {
    v.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f))
}

/// Whether `n` is a header name (an RFC 9110 token).
fn name_ok(n: &str) -> bool {
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

const COOKIE_ATTRIBUTES: &[&str] = &[
    "path", "domain", "max_age", "expires", "secure", "httponly", "samesite",
];

/// `/set-cookie` and `/set-cookie-redirect`.
fn set_cookie(q: &[(String, String)], redirect: bool) -> Response {
    let mut attrs = String::new();
    for (k, v) in q {
        match k.as_str() {
            "path" => attrs.push_str(&format!("; Path={v}")),
            "domain" => attrs.push_str(&format!("; Domain={v}")),
            "max_age" => attrs.push_str(&format!("; Max-Age={v}")),
            "expires" => attrs.push_str(&format!("; Expires={v}")),
            "secure" if flag(q, "secure") => attrs.push_str("; Secure"),
            "httponly" if flag(q, "httponly") => attrs.push_str("; HttpOnly"),
            "samesite" => attrs.push_str(&format!("; SameSite={v}")),
            _ => {}
        }
    }
    let cookies: Vec<String> = q
        .iter()
        .filter(|(k, _)| {
            !COOKIE_ATTRIBUTES.contains(&k.as_str()) && !(redirect && (k == "to" || k == "status"))
        })
        .map(|(k, v)| format!("{k}={v}{attrs}"))
        .collect();
    if !cookies.iter().all(|c| value_ok(c)) {
        return Response::text(400, "control characters in a cookie\n");
    }
    let mut r = if redirect {
        let to = get(q, "to").unwrap_or("/echo");
        if !value_ok(to) {
            return Response::text(400, "control characters in `to`\n");
        }
        let status = get(q, "status")
            .and_then(|s| s.parse::<u16>().ok())
            .filter(|s| (300..=399).contains(s))
            .unwrap_or(302);
        let mut r = Response::new(status, Body::Empty);
        r.raw_headers.push(("location".into(), to.to_string()));
        r
    } else {
        json(200, serde_json::json!({ "set_cookie": cookies }))
    };
    for c in cookies {
        r.raw_headers.push(("set-cookie".into(), c));
    }
    r
}

/// `/redirect-to?url=...&status=302`.
fn redirect_to(q: &[(String, String)]) -> Response {
    let Some(url) = get(q, "url").filter(|u| value_ok(u)) else {
        return Response::text(400, "url= is required\n");
    };
    let status = get(q, "status")
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|s| (200..=999).contains(s))
        .unwrap_or(302);
    let mut r = Response::new(status, Body::Empty);
    r.raw_headers.push(("location".into(), url.to_string()));
    r
}

/// `/headers?Name=value&...`: exactly these response headers (plus the body's framing).
fn headers(req: &Request, q: &[(String, String)]) -> Response {
    let h2 = req.version == "HTTP/2";
    let mut r = Response::new(200, Body::Full(Bytes::from_static(b"ok")));
    for (name, value) in q {
        if !name_ok(name) || !value_ok(value) {
            return Response::text(400, "bad header name or value\n");
        }
        let lower = name.to_ascii_lowercase();
        // The server frames the body itself; HTTP/2 forbids connection-specific fields.
        let framing = matches!(lower.as_str(), "content-length" | "transfer-encoding");
        let connection_specific = matches!(
            lower.as_str(),
            "connection" | "keep-alive" | "proxy-connection" | "upgrade" | "te"
        );
        if framing || (h2 && connection_specific) {
            continue;
        }
        r.raw_headers.push((name.clone(), value.clone()));
    }
    r
}

/// `/flaky-status/{key}?fail=N&status=503&retry_after=S`.
fn flaky_status(key: &str, q: &[(String, String)], state: &State) -> Response {
    let fail: u64 = get(q, "fail").and_then(|f| f.parse().ok()).unwrap_or(1);
    let fail_status = get(q, "status")
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|s| (200..=999).contains(s))
        .unwrap_or(503);
    let attempt = {
        let mut table = state.flaky_status.lock().unwrap_or_else(|e| e.into_inner());
        if table.len() >= FLAKY_STATUS_KEYS && !table.contains_key(key) {
            table.clear();
        }
        let n = table.entry(key.to_string()).or_insert(0);
        *n += 1;
        *n
    };
    let status = if attempt <= fail { fail_status } else { 200 };
    let mut r = json(
        status,
        serde_json::json!({ "key": key, "attempt": attempt, "status": status }),
    );
    if status != 200
        && let Some(v) = get(q, "retry_after").filter(|v| value_ok(v))
    {
        r.raw_headers.push(("retry-after".into(), v.to_string()));
    }
    r
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn authorized(user: &str) -> Response {
    json(
        200,
        serde_json::json!({ "authenticated": true, "user": user }),
    )
}

/// `/auth/basic/{user}/{pass}`.
fn basic(req: &Request, user: &str, pass: &str) -> Response {
    let expected = base64(format!("{user}:{pass}").as_bytes());
    let ok = req
        .header("authorization")
        .and_then(|v| v.trim().split_once(' '))
        .is_some_and(|(scheme, token)| {
            scheme.eq_ignore_ascii_case("basic") && token.trim() == expected
        });
    if ok {
        return authorized(user);
    }
    let mut r = Response::text(401, "unauthorized\n");
    r.raw_headers.push((
        "www-authenticate".into(),
        format!("Basic realm=\"{REALM}\""),
    ));
    r
}

#[derive(Clone, Copy)]
enum DigestAlgorithm {
    Md5,
    Sha256,
}

impl DigestAlgorithm {
    fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Md5 => "MD5",
            DigestAlgorithm::Sha256 => "SHA-256",
        }
    }

    fn hash(self, data: &str) -> String {
        match self {
            DigestAlgorithm::Md5 => hex::encode(Md5::digest(data.as_bytes())),
            DigestAlgorithm::Sha256 => hex::encode(Sha256::digest(data.as_bytes())),
        }
    }
}

/// `/auth/digest/{user}/{pass}[?algorithm=SHA-256]`: RFC 7616 with `qop=auth`.
fn digest(
    req: &Request,
    q: &[(String, String)],
    user: &str,
    pass: &str,
    state: &State,
) -> Response {
    let algorithm = match get(q, "algorithm") {
        None => DigestAlgorithm::Md5,
        Some(a) if a.eq_ignore_ascii_case("md5") => DigestAlgorithm::Md5,
        Some(a) if a.eq_ignore_ascii_case("sha-256") => DigestAlgorithm::Sha256,
        Some(_) => return Response::text(400, "algorithm: MD5 or SHA-256\n"),
    };
    if let Some(params) = req
        .header("authorization")
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("digest"))
        .map(|(_, rest)| digest_params(rest))
        && digest_ok(req, &params, algorithm, user, pass, state)
    {
        return authorized(user);
    }
    let mut r = Response::text(401, "unauthorized\n");
    r.raw_headers.push((
        "www-authenticate".into(),
        format!(
            "Digest realm=\"{REALM}\", qop=\"auth\", algorithm={}, nonce=\"{}\", opaque=\"{OPAQUE}\"",
            algorithm.name(),
            state.new_nonce()
        ),
    ));
    r
}

fn digest_ok(
    req: &Request,
    params: &HashMap<String, String>,
    algorithm: DigestAlgorithm,
    user: &str,
    pass: &str,
    state: &State,
) -> bool {
    let p = |k: &str| params.get(k).map(String::as_str);
    let (Some(username), Some(realm), Some(nonce), Some(uri), Some(response)) = (
        p("username"),
        p("realm"),
        p("nonce"),
        p("uri"),
        p("response"),
    ) else {
        return false;
    };
    let (Some(qop), Some(nc), Some(cnonce)) = (p("qop"), p("nc"), p("cnonce")) else {
        return false;
    };
    // The digest URI is the request target; through a forwarding proxy it may be absolute.
    let uri_ok = uri == req.target || super::origin_form(uri) == req.target;
    username == user
        && realm == REALM
        && uri_ok
        && qop == "auth"
        && state.nonce_ok(nonce)
        && p("opaque").is_none_or(|o| o == OPAQUE)
        && p("algorithm").is_none_or(|a| a.eq_ignore_ascii_case(algorithm.name()))
        && {
            let ha1 = algorithm.hash(&format!("{user}:{REALM}:{pass}"));
            let ha2 = algorithm.hash(&format!("{}:{uri}", req.method));
            let expected = algorithm.hash(&format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"));
            response.eq_ignore_ascii_case(&expected)
        }
}

/// The `key=value, key="value"` list of a Digest `Authorization`, keys lower-cased.
fn digest_params(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' {
                break;
            }
            key.push(c);
            chars.next();
        }
        if key.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => value.extend(chars.next()),
                        c => value.push(c),
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ',' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
            }
        }
        out.insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
    }
}

/// `/upload`: what the body was, part by part for multipart.
fn upload(req: &Request) -> Response {
    let (parts, error, dropped, boundary) = match &req.multipart {
        Some(m) => (
            m.json(),
            m.error.clone().into(),
            m.parts_dropped,
            m.boundary.clone().into(),
        ),
        None => (
            serde_json::Value::Null,
            serde_json::Value::Null,
            0,
            serde_json::Value::Null,
        ),
    };
    json(
        200,
        serde_json::json!({
            "method": req.method,
            "version": req.version,
            "content_type": req.header("content-type"),
            "content_length": req.header("content-length"),
            "transfer_encoding": req.header("transfer-encoding"),
            "body_len": req.body_len,
            "body_sha256": hex::encode(req.body_sha256),
            "boundary": boundary,
            "parts": parts,
            "parts_dropped": dropped,
            "multipart_error": error,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern;
    use crate::{ContentOptions, ContentServer};
    use std::net::SocketAddr;
    use std::time::Instant;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// A server speaking HTTP/1.1 and (prior-knowledge) HTTP/2 on one plain port.
    async fn server() -> ContentServer {
        ContentServer::start(ContentOptions {
            tls: None,
            h2: true,
            h1: true,
        })
        .await
    }

    /// Sends raw bytes, reads until EOF; an error (e.g. a reset) ends the read too.
    async fn h1_raw(addr: SocketAddr, req: &[u8]) -> (Vec<u8>, Option<std::io::Error>) {
        let mut s = TcpStream::connect(addr).await.expect("connect");
        s.write_all(req).await.expect("write");
        let mut out = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match s.read(&mut buf).await {
                Ok(0) => return (out, None),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => return (out, Some(e)),
            }
        }
    }

    async fn h1(addr: SocketAddr, target: &str, extra: &str) -> (String, Vec<u8>) {
        let req = format!("GET {target} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n");
        let (resp, err) = h1_raw(addr, req.as_bytes()).await;
        assert!(err.is_none(), "{err:?}");
        let (head, body) = split(&resp);
        (head, body.to_vec())
    }

    fn split(resp: &[u8]) -> (String, &[u8]) {
        let i = resp
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("head end");
        (
            String::from_utf8_lossy(&resp[..i]).into_owned(),
            &resp[i + 4..],
        )
    }

    fn hdrs<'a>(head: &'a str, name: &str) -> Vec<&'a str> {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect()
    }

    fn hdr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        hdrs(head, name).into_iter().next()
    }

    type H2 = http2::client::SendRequest<Bytes>;

    async fn h2_client(addr: SocketAddr) -> H2 {
        let tcp = TcpStream::connect(addr).await.expect("connect");
        let (client, conn) = http2::client::handshake(tcp).await.expect("h2 handshake");
        tokio::spawn(conn);
        client.ready().await.expect("ready")
    }

    struct H2Resp {
        head: http::response::Parts,
        body: Vec<u8>,
        error: Option<http2::Error>,
    }

    async fn h2(
        client: &mut H2,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> H2Resp {
        let mut req = http::Request::builder()
            .method(method)
            .uri(format!("http://localhost{path}"));
        for (n, v) in headers {
            req = req.header(*n, *v);
        }
        let req = req.body(()).expect("request");
        let (resp, mut send) = client.send_request(req, body.is_none()).expect("send");
        if let Some(body) = body {
            send.send_data(Bytes::from(body), true).expect("upload");
        }
        let (head, mut stream) = resp.await.expect("response").into_parts();
        let mut got = Vec::new();
        let mut error = None;
        while let Some(data) = stream.data().await {
            match data {
                Ok(data) => {
                    let _ = stream.flow_control().release_capacity(data.len());
                    got.extend_from_slice(&data);
                }
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        H2Resp {
            head,
            body: got,
            error,
        }
    }

    fn json_of(body: &[u8]) -> serde_json::Value {
        serde_json::from_slice(body).expect("json body")
    }

    #[tokio::test]
    async fn set_cookie_and_redirects() {
        let server = server().await;
        let (head, body) = h1(
            server.addr(),
            "/set-cookie?a=1&b=x%20y&path=/p&domain=localhost&max_age=10&secure=1&httponly=1&samesite=Lax",
            "",
        )
        .await;
        assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
        let attrs = "; Path=/p; Domain=localhost; Max-Age=10; Secure; HttpOnly; SameSite=Lax";
        assert_eq!(
            hdrs(&head, "set-cookie"),
            vec![format!("a=1{attrs}"), format!("b=x y{attrs}")]
        );
        assert_eq!(json_of(&body)["set_cookie"][1], format!("b=x y{attrs}"));

        let (head, _) = h1(
            server.addr(),
            "/set-cookie-redirect?to=/echo%3Fx%3D1&c=3&status=303",
            "",
        )
        .await;
        assert!(head.starts_with("HTTP/1.1 303 "), "{head}");
        assert_eq!(hdr(&head, "location"), Some("/echo?x=1"));
        assert_eq!(hdrs(&head, "set-cookie"), vec!["c=3"]);
        let (head, _) = h1(server.addr(), "/set-cookie-redirect?d=4", "").await;
        assert!(head.starts_with("HTTP/1.1 302 "), "{head}");
        assert_eq!(hdr(&head, "location"), Some("/echo"));

        let (head, _) = h1(
            server.addr(),
            "/redirect-to?url=https%3A%2F%2Forigin.test%3A1%2Fecho&status=307",
            "",
        )
        .await;
        assert!(head.starts_with("HTTP/1.1 307 "), "{head}");
        assert_eq!(hdr(&head, "location"), Some("https://origin.test:1/echo"));
        assert_eq!(hdr(&head, "content-length"), Some("0"));
        let (head, _) = h1(server.addr(), "/redirect-to?url=../small", "").await;
        assert!(head.starts_with("HTTP/1.1 302 "), "{head}");
        assert_eq!(hdr(&head, "location"), Some("../small"));
        let (head, _) = h1(server.addr(), "/redirect-to?status=301", "").await;
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
        let (head, _) = h1(server.addr(), "/redirect-to?url=/x%0D%0AX-Evil:%201", "").await;
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");

        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/set-cookie?a=1&b=2&path=/", &[], None).await;
        let cookies: Vec<_> = r.head.headers.get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["a=1; Path=/", "b=2; Path=/"]);
        let r = h2(&mut c, "GET", "/redirect-to?url=/small", &[], None).await;
        assert_eq!(r.head.status, 302);
        assert_eq!(r.head.headers["location"], "/small");
    }

    #[tokio::test]
    async fn headers_exact_and_in_order() {
        let server = server().await;
        let (head, body) = h1(
            server.addr(),
            "/headers?X-Odd-CASE=1&set-cookie=a%3D1&Set-Cookie=b=2&Content-Length=99&Connection=keep-alive",
            "",
        )
        .await;
        let lines: Vec<&str> = head.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "X-Odd-CASE: 1",
                "set-cookie: a=1",
                "Set-Cookie: b=2",
                "Connection: keep-alive",
                "content-length: 2",
                "connection: close",
            ]
        );
        assert_eq!(body, b"ok");
        let (head, _) = h1(server.addr(), "/headers?Bad%20Name=1", "").await;
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");
        let (head, _) = h1(server.addr(), "/headers?X=a%0Ab", "").await;
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");

        let mut c = h2_client(server.addr()).await;
        let r = h2(
            &mut c,
            "GET",
            "/headers?X-Odd-CASE=1&Connection=close&x-b=%C3%A9",
            &[],
            None,
        )
        .await;
        assert_eq!(r.head.status, 200);
        let names: Vec<&str> = r.head.headers.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, ["x-odd-case", "x-b", "content-length"]);
        assert_eq!(r.head.headers["x-b"].as_bytes(), "é".as_bytes());
        assert_eq!(r.body, b"ok");
    }

    #[tokio::test]
    async fn retry_after_and_flaky_status() {
        let server = server().await;
        let (head, _) = h1(server.addr(), "/status/503?retry_after=1", "").await;
        assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
        assert_eq!(hdr(&head, "retry-after"), Some("1"));
        let (head, _) = h1(server.addr(), "/status/503", "").await;
        assert_eq!(hdr(&head, "retry-after"), None);

        for key in ["k1", "7"] {
            for attempt in 1..=3 {
                let (head, body) = h1(
                    server.addr(),
                    &format!("/flaky-status/{key}?fail=2&retry_after=0"),
                    "",
                )
                .await;
                let j = json_of(&body);
                assert_eq!(j["attempt"], attempt);
                if attempt <= 2 {
                    assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
                    assert_eq!(hdr(&head, "retry-after"), Some("0"));
                } else {
                    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
                    assert_eq!(hdr(&head, "retry-after"), None);
                }
            }
        }
        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/flaky-status/h2?status=429", &[], None).await;
        assert_eq!(r.head.status, 429);
        let r = h2(&mut c, "GET", "/flaky-status/h2?status=429", &[], None).await;
        assert_eq!(r.head.status, 200);
        assert_eq!(json_of(&r.body)["attempt"], 2);
    }

    #[tokio::test]
    async fn drip_paces_the_body() {
        let server = server().await;
        let start = Instant::now();
        let (head, body) = h1(server.addr(), "/drip/60000?rate=100000", "").await;
        let took = start.elapsed();
        assert_eq!(hdr(&head, "content-length"), Some("60000"));
        assert_eq!(body, pattern::bytes(0, 60_000));
        assert!(took >= Duration::from_millis(500), "{took:?}");

        let (head, body) = h1(server.addr(), "/drip/30000?rate=100000&chunked=1", "").await;
        assert_eq!(hdr(&head, "transfer-encoding"), Some("chunked"));
        assert!(body.starts_with(b"1388\r\n"), "5000-byte chunks");
        assert!(body.ends_with(b"\r\n0\r\n\r\n"));

        let mut c = h2_client(server.addr()).await;
        let start = Instant::now();
        let r = h2(
            &mut c,
            "GET",
            "/drip/60000?rate=100000&chunked=1",
            &[],
            None,
        )
        .await;
        let took = start.elapsed();
        assert!(r.error.is_none());
        assert!(!r.head.headers.contains_key("content-length"));
        assert_eq!(r.body, pattern::bytes(0, 60_000));
        assert!(took >= Duration::from_millis(500), "{took:?}");
        let r = h2(&mut c, "GET", "/drip/1000?rate=1000000", &[], None).await;
        assert_eq!(r.head.headers["content-length"], "1000");
        assert_eq!(r.body.len(), 1000);
    }

    #[tokio::test]
    async fn cuts_over_h1() {
        let server = server().await;
        let get = |t: &str| format!("GET {t} HTTP/1.1\r\n\r\n").into_bytes();
        let (resp, err) = h1_raw(server.addr(), &get("/cut/1000?at=300")).await;
        assert!(err.is_none(), "{err:?}");
        let (head, body) = split(&resp);
        assert_eq!(hdr(&head, "content-length"), Some("1000"));
        assert_eq!(body, pattern::bytes(0, 300));
        let (resp, _) = h1_raw(server.addr(), &get("/cut/1000")).await;
        assert_eq!(split(&resp).1.len(), 500);
        let (resp, err) = h1_raw(server.addr(), &get("/cut/1000?at=300&mode=reset")).await;
        assert_eq!(
            err.map(|e| e.kind()),
            Some(std::io::ErrorKind::ConnectionReset)
        );
        // A peer may drop unread bytes when the RST arrives: at most the 300 sent.
        assert!(resp.len() <= 300 + 200, "{}", resp.len());
        let (resp, err) = h1_raw(server.addr(), &get("/goaway/1000?at=10")).await;
        assert!(err.is_none());
        assert_eq!(split(&resp).1, &pattern::bytes(0, 10)[..]);
        let (head, _) = h1(server.addr(), "/cut/10?mode=bogus", "").await;
        assert!(head.starts_with("HTTP/1.1 400 "), "{head}");

        // Chunked: cut inside a chunk, and right after a chunk-size line.
        let (resp, err) = h1_raw(server.addr(), &get("/cut-chunked/200000?at=70000")).await;
        assert!(err.is_none());
        let (head, body) = split(&resp);
        assert_eq!(hdr(&head, "transfer-encoding"), Some("chunked"));
        let mut expect = b"10000\r\n".to_vec();
        expect.extend_from_slice(&pattern::bytes(0, 65_536));
        expect.extend_from_slice(b"\r\n10000\r\n");
        expect.extend_from_slice(&pattern::bytes(65_536, 70_000 - 65_536));
        assert_eq!(body, expect);
        let (resp, _) = h1_raw(server.addr(), &get("/cut-chunked/100000?at=65536")).await;
        assert!(split(&resp).1.ends_with(b"\r\n86a0\r\n"));

        let (resp, _) = h1_raw(server.addr(), &get("/bad-chunk")).await;
        let (head, body) = split(&resp);
        assert_eq!(hdr(&head, "transfer-encoding"), Some("chunked"));
        assert_eq!(body, super::super::BAD_CHUNK);
    }

    #[tokio::test]
    async fn stall_goes_silent_then_closes() {
        let server = server().await;
        let mut s = TcpStream::connect(server.addr()).await.expect("connect");
        s.write_all(b"GET /stall/1000?at=100&secs=0.6 HTTP/1.1\r\n\r\n")
            .await
            .expect("write");
        let start = Instant::now();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !split_ok(&got, 100) {
            let n = s.read(&mut buf).await.expect("read");
            assert!(n > 0, "EOF too early");
            got.extend_from_slice(&buf[..n]);
        }
        let quiet = tokio::time::timeout(Duration::from_millis(300), s.read(&mut buf)).await;
        assert!(quiet.is_err(), "the server must be silent");
        let n = s.read(&mut buf).await.expect("read");
        assert_eq!(n, 0);
        assert!(start.elapsed() >= Duration::from_millis(550));
        let (head, body) = split(&got);
        assert_eq!(hdr(&head, "content-length"), Some("1000"));
        assert_eq!(body, pattern::bytes(0, 100));

        let mut c = h2_client(server.addr()).await;
        let start = Instant::now();
        let r = h2(&mut c, "GET", "/stall/1000?at=100&secs=0.5", &[], None).await;
        assert!(start.elapsed() >= Duration::from_millis(450));
        assert_eq!(r.body, pattern::bytes(0, 100));
        assert_eq!(
            r.error.and_then(|e| e.reason()),
            Some(http2::Reason::INTERNAL_ERROR)
        );
    }

    fn split_ok(resp: &[u8], body_len: usize) -> bool {
        resp.windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|i| resp.len() - i - 4 >= body_len)
    }

    #[tokio::test]
    async fn cuts_over_h2() {
        let server = server().await;
        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/cut/100000?at=30000", &[], None).await;
        assert_eq!(r.head.headers["content-length"], "100000");
        assert_eq!(r.body, pattern::bytes(0, 30_000));
        assert_eq!(
            r.error.and_then(|e| e.reason()),
            Some(http2::Reason::INTERNAL_ERROR)
        );
        let r = h2(&mut c, "GET", "/cut/100?at=10&mode=reset&code=8", &[], None).await;
        assert_eq!(
            r.error.and_then(|e| e.reason()),
            Some(http2::Reason::CANCEL)
        );
        let r = h2(&mut c, "GET", "/cut-chunked/100000?at=10", &[], None).await;
        assert!(!r.head.headers.contains_key("content-length"));
        assert_eq!(r.body.len(), 10);
        assert!(r.error.is_some());
        let r = h2(&mut c, "GET", "/bad-chunk", &[], None).await;
        assert_eq!(r.body, b"hello");
        assert_eq!(
            r.error.and_then(|e| e.reason()),
            Some(http2::Reason::PROTOCOL_ERROR)
        );
        // The connection is still fine after stream resets.
        let r = h2(&mut c, "GET", "/small", &[], None).await;
        assert_eq!(r.body, b"hello, world\n");

        // GOAWAY covering the stream mid-body, then the connection closes.
        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/goaway/100000?at=20000", &[], None).await;
        assert_eq!(r.body, pattern::bytes(0, 20_000));
        let e = r.error.expect("an error after GOAWAY");
        assert!(e.is_go_away() || e.is_io(), "{e:?}");
        assert!(h2_ready_fails(&mut c).await);

        // mode=drop: the connection goes away without GOAWAY.
        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/cut/100000?at=20000&mode=drop", &[], None).await;
        assert_eq!(r.body, pattern::bytes(0, 20_000));
        let e = r.error.expect("an error after the drop");
        assert!(!e.is_go_away() && !e.is_reset(), "{e:?}");
    }

    async fn h2_ready_fails(c: &mut H2) -> bool {
        let req = http::Request::get("http://localhost/small")
            .body(())
            .expect("req");
        match c.send_request(req, true) {
            Err(_) => true,
            Ok((resp, _)) => resp.await.is_err(),
        }
    }

    #[tokio::test]
    async fn gzip_cut_is_framed_but_truncated() {
        use async_compression::tokio::write::GzipDecoder;
        let server = server().await;
        let (_, full) = h1(server.addr(), "/gzip/100000", "").await;
        let (head, body) = h1(server.addr(), "/gzip-cut/100000", "").await;
        assert_eq!(hdr(&head, "content-encoding"), Some("gzip"));
        assert_eq!(hdr(&head, "content-length"), Some(&*body.len().to_string()));
        assert_eq!(body, full[..full.len() / 2]);
        let mut d = GzipDecoder::new(Vec::new());
        let decoded = async {
            d.write_all(&body).await?;
            d.shutdown().await
        }
        .await;
        assert!(decoded.is_err(), "the decoder must notice");
        let (head, _) = h1(server.addr(), "/gzip-cut/1000?encoding=zstd", "").await;
        assert_eq!(hdr(&head, "content-encoding"), Some("zstd"));
        let mut c = h2_client(server.addr()).await;
        let r = h2(&mut c, "GET", "/gzip-cut/100000", &[], None).await;
        assert!(r.error.is_none());
        assert_eq!(r.body, body);
    }

    fn digest_answer(
        challenge: &str,
        method: &str,
        uri: &str,
        user: &str,
        pass: &str,
        sha256: bool,
    ) -> String {
        let p = digest_params(challenge.trim_start_matches("Digest "));
        let alg = if sha256 {
            DigestAlgorithm::Sha256
        } else {
            DigestAlgorithm::Md5
        };
        let ha1 = alg.hash(&format!("{user}:{}:{pass}", p["realm"]));
        let ha2 = alg.hash(&format!("{method}:{uri}"));
        let response = alg.hash(&format!("{ha1}:{}:00000001:abcdef:auth:{ha2}", p["nonce"]));
        format!(
            "Digest username=\"{user}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\", algorithm={}, response=\"{response}\", qop=auth, nc=00000001, cnonce=\"abcdef\", opaque=\"{}\"",
            p["realm"],
            p["nonce"],
            alg.name(),
            p["opaque"]
        )
    }

    #[tokio::test]
    async fn basic_and_digest_auth() {
        let server = server().await;
        let (head, _) = h1(server.addr(), "/auth/basic/user/p%40ss", "").await;
        assert!(head.starts_with("HTTP/1.1 401 "), "{head}");
        assert_eq!(
            hdr(&head, "www-authenticate"),
            Some("Basic realm=\"mummer\"")
        );
        let good = format!("Authorization: Basic {}\r\n", base64(b"user:p@ss"));
        let (head, body) = h1(server.addr(), "/auth/basic/user/p%40ss", &good).await;
        assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
        assert_eq!(json_of(&body)["user"], "user");
        let bad = format!("Authorization: Basic {}\r\n", base64(b"user:wrong"));
        let (head, _) = h1(server.addr(), "/auth/basic/user/p%40ss", &bad).await;
        assert!(head.starts_with("HTTP/1.1 401 "), "{head}");

        for (target, sha256) in [
            ("/auth/digest/u/pw", false),
            ("/auth/digest/u/pw?algorithm=SHA-256", true),
        ] {
            let (head, _) = h1(server.addr(), target, "").await;
            assert!(head.starts_with("HTTP/1.1 401 "), "{head}");
            let challenge = hdr(&head, "www-authenticate")
                .expect("challenge")
                .to_string();
            assert!(challenge.contains("qop=\"auth\""), "{challenge}");
            let answer = digest_answer(&challenge, "GET", target, "u", "pw", sha256);
            let (head, body) = h1(
                server.addr(),
                target,
                &format!("Authorization: {answer}\r\n"),
            )
            .await;
            assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
            assert_eq!(json_of(&body)["authenticated"], true);
            // Wrong password, wrong method, forged nonce.
            for answer in [
                digest_answer(&challenge, "GET", target, "u", "nope", sha256),
                digest_answer(&challenge, "POST", target, "u", "pw", sha256),
                digest_answer(
                    &challenge.replace("nonce=\"0", "nonce=\"1"),
                    "GET",
                    target,
                    "u",
                    "pw",
                    sha256,
                ),
            ] {
                let (head, _) = h1(
                    server.addr(),
                    target,
                    &format!("Authorization: {answer}\r\n"),
                )
                .await;
                assert!(head.starts_with("HTTP/1.1 401 "), "{head}");
            }
        }

        let mut c = h2_client(server.addr()).await;
        let target = "/auth/digest/u/pw";
        let r = h2(&mut c, "POST", target, &[], Some(b"x".to_vec())).await;
        assert_eq!(r.head.status, 401);
        let challenge = r.head.headers["www-authenticate"]
            .to_str()
            .expect("ascii")
            .to_string();
        let answer = digest_answer(&challenge, "POST", target, "u", "pw", false);
        let r = h2(
            &mut c,
            "POST",
            target,
            &[("authorization", &answer)],
            Some(b"x".to_vec()),
        )
        .await;
        assert_eq!(r.head.status, 200);
    }

    fn multipart_body(boundary: &str, big: &[u8]) -> Vec<u8> {
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(big);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        body
    }

    fn check_upload(j: &serde_json::Value, body: &[u8], big: &[u8]) {
        assert_eq!(j["body_len"], body.len());
        assert_eq!(j["body_sha256"], hex::encode(Sha256::digest(body)));
        assert_eq!(j["multipart_error"], serde_json::Value::Null);
        let parts = j["parts"].as_array().expect("parts");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0]["name"], "field");
        assert_eq!(parts[0]["filename"], serde_json::Value::Null);
        assert_eq!(parts[0]["length"], 5);
        assert_eq!(parts[0]["sha256"], hex::encode(Sha256::digest(b"value")));
        assert_eq!(parts[1]["name"], "file");
        assert_eq!(parts[1]["filename"], "a.bin");
        assert_eq!(parts[1]["content_type"], "application/octet-stream");
        assert_eq!(parts[1]["length"], big.len());
        assert_eq!(parts[1]["sha256"], hex::encode(Sha256::digest(big)));
    }

    #[tokio::test]
    async fn upload_reports_body_and_parts() {
        let server = server().await;
        let big = pattern::bytes(7, 3_000_000);
        let boundary = "----mummerBoundary1234";
        let body = multipart_body(boundary, &big);
        let ct = format!("multipart/form-data; boundary={boundary}");

        // Content-Length.
        let mut req = format!(
            "POST /upload HTTP/1.1\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(&body);
        let (resp, _) = h1_raw(server.addr(), &req).await;
        check_upload(&json_of(split(&resp).1), &body, &big);

        // Chunked, in odd pieces.
        let mut req = format!(
            "PUT /upload HTTP/1.1\r\nContent-Type: {ct}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        .into_bytes();
        for piece in body.chunks(77_777) {
            req.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            req.extend_from_slice(piece);
            req.extend_from_slice(b"\r\n");
        }
        req.extend_from_slice(b"0\r\n\r\n");
        let (resp, _) = h1_raw(server.addr(), &req).await;
        let j = json_of(split(&resp).1);
        check_upload(&j, &body, &big);
        assert_eq!(j["method"], "PUT");
        assert_eq!(j["transfer_encoding"], "chunked");

        // HTTP/2.
        let mut c = h2_client(server.addr()).await;
        let r = h2(
            &mut c,
            "POST",
            "/upload",
            &[("content-type", &ct)],
            Some(body.clone()),
        )
        .await;
        let j = json_of(&r.body);
        check_upload(&j, &body, &big);
        assert_eq!(j["version"], "HTTP/2");

        // Not multipart; and broken multipart.
        let r = h2(
            &mut c,
            "POST",
            "/upload",
            &[("content-type", "text/plain")],
            Some(b"abc".to_vec()),
        )
        .await;
        let j = json_of(&r.body);
        assert_eq!(j["body_len"], 3);
        assert_eq!(j["parts"], serde_json::Value::Null);
        let r = h2(
            &mut c,
            "POST",
            "/upload",
            &[("content-type", &ct)],
            Some(body[..1000].to_vec()),
        )
        .await;
        let j = json_of(&r.body);
        assert_eq!(
            j["multipart_error"],
            "body ended before the close delimiter"
        );
        assert_eq!(j["parts"].as_array().map(Vec::len), Some(1));
    }

    #[tokio::test]
    async fn delay_waits_before_the_head() {
        let server = server().await;
        let start = Instant::now();
        let (head, body) = h1(server.addr(), "/delay/0.3", "").await;
        assert!(start.elapsed() >= Duration::from_millis(300));
        assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
        assert_eq!(body, b"ok");
    }

    #[test]
    fn helpers() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
        assert_eq!(percent_decode("a%20b+c%2", true), "a b c%2");
        assert_eq!(percent_decode("a+b%zz%41", false), "a+b%zzA");
        assert_eq!(percent_decode("%C3%A9", false), "é");
        assert_eq!(
            query("/x?a=1&b=%2Fp+q&c&=d"),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "/p q".to_string()),
                ("c".to_string(), String::new()),
                (String::new(), "d".to_string()),
            ]
        );
        let state = State::default();
        let n = state.new_nonce();
        assert!(state.nonce_ok(&n));
        assert!(!state.nonce_ok(&n.replace(&n[39..], "x")));
        assert!(!State::default().nonce_ok(&n));
        let p = digest_params(r#"username="a\"b", realm="r", nc=00000001, qop=auth"#);
        assert_eq!(p["username"], "a\"b");
        assert_eq!(p["nc"], "00000001");
        assert_eq!(p["qop"], "auth");
    }
}
