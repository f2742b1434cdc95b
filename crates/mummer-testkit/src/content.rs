//! A well-behaved content server for happy paths, `mummer demo` and benchmarks, speaking
//! HTTP/1.1 (keep-alive, pipelining, chunked uploads, `Expect: 100-continue`) and HTTP/2, over
//! plain TCP or TLS.
//!
//! Routes (any method is accepted; `HEAD` gets the headers without a body):
//!
//! | route | response |
//! |---|---|
//! | `/bytes/{n}` | `n` [`pattern`] bytes from offset 0 with `Content-Length`; honours one `Range: bytes=a-`, `bytes=a-b` or `bytes=-k` with 206 + `Content-Range` (416 when unsatisfiable); sends `Accept-Ranges: bytes` and `ETag: "pattern-{n}"`, and a mismatching `If-Range` gets the full body |
//! | `/chunked/{n}` | the same bytes with HTTP/1.1 chunked encoding (64 KiB chunks); on HTTP/2 without `content-length` |
//! | `/gzip/{n}`, `/br/{n}`, `/zstd/{n}`, `/deflate/{n}` | `n` pattern bytes compressed, with `Content-Encoding` (`deflate` is zlib-wrapped, as HTTP means it); compressed once per `n` and cached; `n` at most 64 MiB |
//! | `/truncated/{n}` | `Content-Length: n` but only `n/2` bytes, then the connection closes (HTTP/1.1) or the stream is reset with INTERNAL_ERROR (HTTP/2) |
//! | `/status/{code}` | empty body with that status (200..=999); `?retry_after=V` adds `Retry-After: V` |
//! | `/echo` | JSON: `{"method","path","version","headers":[[name,value],..],"body_len","body_sha256"}`; headers in wire order on HTTP/1.1, in `HeaderMap` order on HTTP/2 (pseudo-headers excluded; repeated names grouped) |
//! | `/redirect/{n}` | 302 to `/redirect/{n-1}`; `/redirect/0` is 200 `done` |
//! | `/small` | `hello, world\n` |
//! | `/flaky/{n}` | like `/bytes/{n}` (`Content-Length`, `Accept-Ranges: bytes`, strong `ETag: "flaky-{n}"`, one `Range` with `If-Range` → 206 + `Content-Range`, a mismatching `If-Range` → 200 with everything), but each response breaks at the next [planned cut](ContentServer::plan_cuts) inside the bytes it covers: HTTP/1.1 writes up to the cut and closes the connection, HTTP/2 sends DATA up to the cut and then RST_STREAM (INTERNAL_ERROR) |
//! | `/flaky-gzip/{n}` | the same with `Content-Encoding: gzip`: the entity is the gzip encoding of `n` pattern bytes (compressed once per `n` and cached; any `n`, 1 GiB encodes to about 1 MiB); `Range`, `Content-Length` and cuts count the encoded bytes, as for a pre-compressed file |
//! | `/flaky-etag/{n}` | `/flaky` whose strong ETag (`"flaky-etag-{n}-{g}"`) changes with every cut, so a resume's `If-Range` no longer matches and gets 200 with the whole new entity |
//! | `/flaky-badrange/{n}` | `/flaky` whose 206 answers start one byte before the requested offset (`Content-Range` and bytes agree with each other, not with the request) |
//! | `/flaky-shortrange/{n}` | `/flaky` whose 206 answers start right but stop half-way to the end (`Content-Range: bytes a-m/n` with `m < n - 1`) |
//! | `/flaky-norange/{n}` | `/flaky` that advertises `Accept-Ranges: bytes` but ignores `Range`: always 200 with the whole entity |
//! | `/flaky-noetag/{n}` | `/flaky` without any validator (no `ETag`, no `Last-Modified`); `Range` is still honoured |
//! | `/flaky-weak/{n}` | `/flaky` with only a weak `ETag: W/"flaky-{n}"` (which `If-Range` never matches) |
//! | `/flaky-lastmod/{n}` | `/flaky` with `Last-Modified` (fixed date) instead of an ETag; `If-Range` with that exact date matches |
//! | `/flaky-noaccept/{n}` | `/flaky` without `Accept-Ranges` (`Range` still honoured) |
//! | `/flaky-stall/{n}` | `/flaky` that at a cut goes silent instead of breaking: the connection (or stream) stays open without sending anything for 30 s, then breaks |
//!
//! Routes for client-behaviour tests (cookies, redirects, pacing, broken bodies, retries,
//! authentication, uploads). Query values are percent-decoded (`+` is a space); a route that
//! breaks its body on HTTP/1.1 closes the connection afterwards:
//!
//! | route | response |
//! |---|---|
//! | `/set-cookie?name=value&...` | 200 JSON `{"set_cookie":[..]}` with one `Set-Cookie: name=value` per other pair, in order, each with the attributes of the reserved keys: `path`, `domain`, `max_age`, `expires`, `samesite` (values as given) and `secure=1`, `httponly=1` |
//! | `/set-cookie-redirect?to=/echo&name=value&...` | the same cookies on an empty redirect to `to` (default `/echo`) with `status` (300..=399, default 302); `to` and `status` are reserved too |
//! | `/redirect-to?url=U&status=S` | `S` (200..=999, default 302) with `Location: U` exactly as given (absolute or relative), empty body; 400 without `url` |
//! | `/drip/{n}?rate=R&chunked=1` | `n` pattern bytes at `R` bytes per second (default 1 MiB/s), the head at once, then about 20 writes a second (each at most 256 KiB); `Content-Length` unless `chunked=1`: then chunked on HTTP/1.1 (a chunk per write) and without `content-length` on HTTP/2 |
//! | `/cut/{n}?at=K&mode=M&code=C` | `Content-Length: n`, pattern bytes `0..K` (default `n/2`, at most `n`), then the body breaks. HTTP/1.1: `mode=close` (default) closes (TLS close_notify, then FIN), `mode=reset` sends TCP RST 100 ms after the bytes (a client may still lose bytes it had not read), `mode=drop` sends FIN without close_notify. HTTP/2: RST_STREAM with error code `C` (default 2, INTERNAL_ERROR) 100 ms after the DATA; with `mode=drop` the connection is dropped instead (no GOAWAY) |
//! | `/cut-chunked/{n}?at=K&mode=M&code=C` | the same, chunked (64 KiB chunks): HTTP/1.1 stops `K` body bytes in, inside a chunk (right after its size line when `K` is on a chunk boundary), never sending the last chunk; HTTP/2 as `/cut` without `content-length` |
//! | `/bad-chunk` | HTTP/1.1: chunked `5` `hello`, then the chunk-size line `zz`, then close; HTTP/2: DATA `hello`, then RST_STREAM(PROTOCOL_ERROR) |
//! | `/gzip-cut/{n}?encoding=E` | the first half of `/{E}/{n}`'s body (`E`: `gzip` (default), `br`, `zstd`, `deflate`) with that `Content-Encoding` and a matching `Content-Length`: the framing is complete, the compressed stream is not |
//! | `/goaway/{n}?at=K&code=C` | HTTP/2: `content-length: n`, DATA `0..K`, then GOAWAY (code `C`, default 0 = NO_ERROR; its last stream id covers this stream) and the connection closes; HTTP/1.1: as `/cut` |
//! | `/stall/{n}?at=K&secs=S` | `Content-Length: n`, bytes `0..K` (default `n/2`), then silence for `S` seconds (fractions allowed, default 30, at most 3600), then the connection closes (HTTP/1.1) or RST_STREAM(`code`, default INTERNAL_ERROR) (HTTP/2) |
//! | `/delay/{secs}` | waits `secs` seconds (fractions allowed, at most 3600) before the head, then 200 `ok` |
//! | `/headers?Name=value&...` | 200 `ok` whose headers are exactly the given pairs, in order, repeats kept, names as given on HTTP/1.1 (lower-cased on HTTP/2), then only `content-length: 2` (and `connection: close` when closing); `Content-Length` and `Transfer-Encoding` pairs are dropped, and on HTTP/2 connection-specific ones (`Connection`, `Keep-Alive`, `Proxy-Connection`, `Upgrade`, `TE`); 400 for a name that is not a token or a value with control characters |
//! | `/flaky-status/{key}?fail=N&status=S&retry_after=V` | a server-wide counter per `key`: the first `N` requests (default 1) answer `S` (default 503; with `Retry-After: V` if given), later ones 200; JSON `{"key","attempt","status"}` |
//! | `/auth/basic/{user}/{pass}` | 401 + `WWW-Authenticate: Basic realm="mummer"` unless `Authorization: Basic` carries `user:pass` (path segments percent-decoded); then 200 JSON `{"authenticated":true,"user"}` |
//! | `/auth/digest/{user}/{pass}?algorithm=A` | RFC 7616 Digest with `qop=auth`, `A` = `MD5` (default) or `SHA-256`: 401 + `WWW-Authenticate: Digest realm="mummer", qop="auth", algorithm=A, nonce="<fresh>", opaque="<fixed>"` unless `Authorization` answers a nonce this server issued (nonces never go stale) with the right username, realm, uri (the request target), qop and response; then 200 as for Basic |
//! | `/upload` | any method and body, streamed (never held): JSON `{"method","version","content_type","content_length","transfer_encoding","body_len","body_sha256","boundary","parts","parts_dropped","multipart_error"}`. For a `multipart/*` body with a boundary, `parts` lists the complete parts (the first 1000) as `{"name","filename","content_type","length","sha256","headers":[[name,value],..]}` and `multipart_error` says why the body is malformed (`null` if it is not); otherwise `boundary`, `parts` and `multipart_error` are `null` |
//!
//! Anything else is 404. Query strings are ignored for routing.
//!
//! Cuts are absolute offsets in the entity (the encoded bytes for `/flaky-gzip`), planned on
//! the server with [`ContentServer::plan_cuts`] and shared by every `/flaky*` route and every
//! connection. A response covering entity bytes `start..end` takes the smallest planned cut `c`
//! with `start <= c < end` and removes it from the plan, so each cut breaks one response (a cut
//! at `start` breaks it after the head, before any body byte). `HEAD` takes no cut. Every
//! `/flaky*` request but `/flaky-status` is logged ([`ContentServer::flaky_hits`]).

use std::collections::HashMap;
use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use btls::ssl::SslAcceptor;
use bytes::Bytes;
use http2::server::SendResponse;
use http2::{RecvStream, SendStream};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use crate::Identity;
use crate::conn::{BufConn, Transport, close, framing};
use crate::core::{Core, HasCore};
use crate::pattern;

mod extra;
mod upload;

/// How a [`ContentServer`] listens.
#[derive(Clone, Debug)]
pub struct ContentOptions {
    /// Serve TLS with this identity; plain TCP when `None`.
    pub tls: Option<Identity>,
    /// Serve HTTP/2: via ALPN `h2` with TLS, or prior knowledge on plain TCP (detected from the
    /// connection preface when `h1` is also on).
    pub h2: bool,
    /// Serve HTTP/1.1 (ALPN `http/1.1` with TLS). If both `h1` and `h2` are off, HTTP/1.1 is
    /// served anyway.
    pub h1: bool,
}

impl Default for ContentOptions {
    /// Plain TCP, HTTP/1.1 only.
    fn default() -> Self {
        ContentOptions {
            tls: None,
            h2: false,
            h1: true,
        }
    }
}

impl ContentOptions {
    /// Plain TCP, HTTP/1.1 only.
    pub fn plain() -> Self {
        Self::default()
    }

    /// TLS with `identity`, offering both `h2` and `http/1.1`.
    pub fn tls(identity: Identity) -> Self {
        ContentOptions {
            tls: Some(identity),
            h2: true,
            h1: true,
        }
    }
}

/// A running content server. Dropping it stops accepting connections.
pub struct ContentServer {
    core: Core,
    faults: Arc<Faults>,
}

/// One request to a `/flaky*` route, as [`ContentServer::flaky_hits`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlakyHit {
    /// The request path (query excluded).
    pub path: String,
    /// `HTTP/1.1` or `HTTP/2` (`HTTP/1.0` for such requests).
    pub version: &'static str,
    /// The request's `Range` header.
    pub range: Option<String>,
    /// The request's `If-Range` header.
    pub if_range: Option<String>,
    /// The status answered (200, 206 or 416).
    pub status: u16,
    /// The first entity byte the response carries.
    pub start: u64,
    /// The cut this response took, if any (an absolute entity offset).
    pub cut: Option<u64>,
}

/// Server-wide state of the `/flaky*` routes.
#[derive(Default)]
struct Faults {
    state: Mutex<FaultState>,
    /// State of the routes in [`extra`]: `/flaky-status` counters, Digest nonces.
    extra: extra::State,
}

#[derive(Default)]
struct FaultState {
    /// Planned cuts not used yet.
    cuts: Vec<u64>,
    /// Bumped by every cut of a `/flaky-etag` response: part of its ETag.
    etag_generation: u64,
    hits: Vec<FlakyHit>,
}

impl Faults {
    fn lock(&self) -> std::sync::MutexGuard<'_, FaultState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl HasCore for ContentServer {
    fn core_mut(&mut self) -> &mut Core {
        &mut self.core
    }
}

#[derive(Clone, Copy)]
struct Protocols {
    h1: bool,
    h2: bool,
}

impl ContentServer {
    /// Starts the server on the caller's runtime.
    pub async fn start(opts: ContentOptions) -> ContentServer {
        let protocols = Protocols {
            h1: opts.h1 || !opts.h2,
            h2: opts.h2,
        };
        let acceptor = opts.tls.as_ref().map(|id| {
            let mut alpn: Vec<&[u8]> = Vec::new();
            if protocols.h2 {
                alpn.push(b"h2");
            }
            if protocols.h1 {
                alpn.push(b"http/1.1");
            }
            Arc::new(crate::tls::acceptor(id, &alpn))
        });
        let faults = Arc::new(Faults::default());
        let shared = faults.clone();
        let core =
            Core::start(move |tcp, _| serve(tcp, acceptor.clone(), protocols, shared.clone()))
                .await;
        ContentServer { core, faults }
    }

    /// Plans cuts for the `/flaky*` routes: absolute entity offsets, each breaking one response
    /// (see the module docs). Adds to cuts planned earlier and not used yet; the same offset may
    /// be planned more than once.
    pub fn plan_cuts(&self, cuts: impl IntoIterator<Item = u64>) {
        self.faults.lock().cuts.extend(cuts);
    }

    /// Planned cuts not used yet, in ascending order.
    pub fn cuts_left(&self) -> Vec<u64> {
        let mut cuts = self.faults.lock().cuts.clone();
        cuts.sort_unstable();
        cuts
    }

    /// Every `/flaky*` request so far, in the order they were answered.
    pub fn flaky_hits(&self) -> Vec<FlakyHit> {
        self.faults.lock().hits.clone()
    }

    /// Forgets the `/flaky*` requests logged so far (a long-running server calls this to bound
    /// its memory).
    pub fn clear_flaky_hits(&self) {
        self.faults.lock().hits.clear();
    }

    /// [`ContentServer::start`] on a private runtime, for synchronous callers.
    pub fn spawn_on_thread(opts: ContentOptions) -> ContentServer {
        crate::core::spawn_on_thread(move || Self::start(opts))
    }

    /// The listening address (127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.core.addr()
    }

    /// The listening port.
    pub fn port(&self) -> u16 {
        self.core.addr().port()
    }

    /// Number of TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.core.connections()
    }
}

async fn serve(
    tcp: TcpStream,
    acceptor: Option<Arc<SslAcceptor>>,
    p: Protocols,
    faults: Arc<Faults>,
) {
    match acceptor {
        Some(acceptor) => {
            let Ok(tls) = crate::tls::accept(&acceptor, tcp).await else {
                return;
            };
            let h2 = match tls.ssl().selected_alpn_protocol() {
                Some(b"h2") => true,
                Some(_) => false,
                None => !p.h1,
            };
            if h2 {
                serve_h2(tls, faults).await;
            } else {
                serve_h1(tls, faults).await;
            }
        }
        None => {
            let h2 = match (p.h1, p.h2) {
                (true, true) => starts_with_preface(&tcp).await,
                (_, h2) => h2,
            };
            if h2 {
                serve_h2(tcp, faults).await;
            } else {
                serve_h1(tcp, faults).await;
            }
        }
    }
}

/// Whether a plain connection begins with the HTTP/2 preface (`PRI * HTTP/2.0...`).
async fn starts_with_preface(tcp: &TcpStream) -> bool {
    let mut buf = [0u8; 4];
    for _ in 0..2000 {
        match tcp.peek(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) if n >= 4 => return &buf == b"PRI ",
            // peek returns at once while any byte is buffered, so wait for the rest.
            Ok(_) => tokio::time::sleep(Duration::from_millis(1)).await,
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Routing, shared by both protocols.

struct Request {
    method: String,
    target: String,
    version: &'static str,
    headers: Vec<(String, String)>,
    body_len: u64,
    body_sha256: [u8; 32],
    /// What `/upload` found in a multipart request body.
    multipart: Option<upload::MultipartSummary>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Body {
    Empty,
    Full(Bytes),
    /// Pattern bytes `offset..offset + len` with a known length.
    Pattern {
        offset: u64,
        len: u64,
    },
    /// Pattern bytes `0..len` without a declared length (chunked on HTTP/1.1).
    Chunked {
        len: u64,
    },
    /// Declares `len` bytes, sends half, then breaks the connection or stream.
    Truncated {
        len: u64,
    },
    /// Entity bytes `start..end`, broken at `cut` when there is one.
    Flaky(Flaky),
    /// Pattern bytes `0..len` sent at `rate` bytes per second (chunked on HTTP/1.1 if
    /// `chunked`, and then without `content-length` on HTTP/2).
    Drip {
        len: u64,
        rate: u64,
        chunked: bool,
    },
    /// A body broken on purpose after some bytes (`/cut`, `/cut-chunked`, `/goaway`, `/stall`).
    Cut(Cut),
    /// HTTP/1.1: a chunked body whose second chunk-size line is not hex. HTTP/2: DATA, then
    /// RST_STREAM(PROTOCOL_ERROR).
    BadChunk,
}

/// A body broken on purpose: pattern bytes `0..at` of `len`, then [`CutEnd`].
struct Cut {
    len: u64,
    at: u64,
    /// Chunked on HTTP/1.1 (cut mid-chunk, no last chunk), no `content-length` on HTTP/2.
    chunked: bool,
    end: CutEnd,
    /// The HTTP/2 error code of the RST_STREAM or GOAWAY.
    code: u32,
}

/// How a [`Cut`] body breaks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CutEnd {
    /// HTTP/1.1: close (TLS close_notify, then FIN). HTTP/2: RST_STREAM.
    Close,
    /// HTTP/1.1: TCP RST. HTTP/2: RST_STREAM.
    Reset,
    /// HTTP/1.1: FIN without TLS close_notify. HTTP/2: the connection is dropped (no GOAWAY).
    Drop,
    /// HTTP/1.1: as `Close`. HTTP/2: GOAWAY covering the stream, then the connection closes.
    GoAway,
    /// Silence for this long, then as `Close` (HTTP/1.1) or RST_STREAM (HTTP/2).
    Stall(Duration),
}

/// A `/flaky*` response body.
struct Flaky {
    entity: Entity,
    start: u64,
    end: u64,
    cut: Option<u64>,
    /// At the cut, go silent for [`FLAKY_STALL`] before breaking.
    stall: bool,
}

impl Flaky {
    /// Where sending stops: the cut, or the end.
    fn stop(&self) -> u64 {
        self.cut.unwrap_or(self.end)
    }
}

/// The bytes a `/flaky*` route serves.
enum Entity {
    Pattern,
    Data(Bytes),
}

/// How long `/flaky-stall` stays silent at a cut.
const FLAKY_STALL: Duration = Duration::from_secs(30);
/// How long HTTP/2 waits between a cut's last DATA and its RST_STREAM: http2 discards a
/// stream's queued DATA on reset, and the bytes before the cut must reach the client.
const FLAKY_RESET_DELAY: Duration = Duration::from_millis(100);
/// The fixed `Last-Modified` of `/flaky-lastmod`.
const FLAKY_LAST_MODIFIED: &str = "Tue, 01 Dec 2026 10:00:00 GMT";

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    /// Headers with arbitrary names, sent after `headers` (in this order, names as given on
    /// HTTP/1.1).
    raw_headers: Vec<(String, String)>,
    body: Body,
}

impl Response {
    fn new(status: u16, body: Body) -> Self {
        Response {
            status,
            headers: Vec::new(),
            raw_headers: Vec::new(),
            body,
        }
    }

    fn text(status: u16, text: &'static str) -> Self {
        let mut r = Response::new(status, Body::Full(Bytes::from_static(text.as_bytes())));
        r.headers.push(("content-type", "text/plain".into()));
        r
    }

    /// The declared body length, or `None` when the body is chunked / unsized.
    fn content_length(&self) -> Option<u64> {
        match &self.body {
            Body::Empty => Some(0),
            Body::Full(b) => Some(b.len() as u64),
            Body::Pattern { len, .. } | Body::Truncated { len } => Some(*len),
            Body::Chunked { .. } | Body::BadChunk => None,
            Body::Flaky(f) => Some(f.end - f.start),
            Body::Drip { len, chunked, .. } => (!chunked).then_some(*len),
            Body::Cut(c) => (!c.chunked).then_some(c.len),
        }
    }
}

/// Bodies that must not carry a Content-Length header or any content.
fn bodiless_status(status: u16) -> bool {
    status < 200 || status == 204 || status == 304
}

const MAX_COMPRESSED_INPUT: u64 = 64 * 1024 * 1024;

async fn route(req: &Request, faults: &Faults) -> Response {
    let path = req.target.split('?').next().unwrap_or("");
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let first = parts.next().unwrap_or("");
    let arg = parts.next();
    let num = arg.and_then(|a| a.parse::<u64>().ok());
    if let Some(r) = extra::route(req, first, arg, num, faults).await {
        return r;
    }
    match (first, arg, num) {
        ("small", None, _) => Response::text(200, "hello, world\n"),
        ("echo", None, _) => echo(req),
        ("bytes", _, Some(n)) => bytes_route(req, n),
        (name, _, Some(n)) if name.starts_with("flaky") => match FlakyMode::parse(name) {
            Some(mode) => flaky_route(req, path, mode, n, faults).await,
            None => Response::text(404, "not found\n"),
        },
        ("chunked", _, Some(n)) => Response::new(200, Body::Chunked { len: n }),
        ("truncated", _, Some(n)) => Response::new(200, Body::Truncated { len: n }),
        ("status", _, Some(code)) if (200..=999).contains(&code) => {
            let mut r = Response::new(code as u16, Body::Empty);
            if let Some(v) =
                extra::query_value(&req.target, "retry_after").filter(|v| extra::value_ok(v))
            {
                r.raw_headers.push(("retry-after".into(), v));
            }
            r
        }
        ("redirect", _, Some(0)) => Response::text(200, "done"),
        ("redirect", _, Some(n)) => {
            let mut r = Response::new(302, Body::Empty);
            r.headers.push(("location", format!("/redirect/{}", n - 1)));
            r
        }
        ("gzip" | "br" | "zstd" | "deflate", _, Some(n)) if n <= MAX_COMPRESSED_INPUT => {
            match compressed(first, n).await {
                Ok(data) => {
                    let mut r = Response::new(200, Body::Full(data));
                    r.headers.push(("content-encoding", first.to_string()));
                    r.headers
                        .push(("content-type", "application/octet-stream".into()));
                    r
                }
                Err(_) => Response::text(500, "compression failed\n"),
            }
        }
        _ => Response::text(404, "not found\n"),
    }
}

fn bytes_route(req: &Request, n: u64) -> Response {
    let etag = format!("\"pattern-{n}\"");
    let if_range_ok = req.header("if-range").is_none_or(|v| v.trim() == etag);
    let range = req
        .header("range")
        .filter(|_| if_range_ok)
        .and_then(parse_range);
    let mut r = match range {
        None => Response::new(200, Body::Pattern { offset: 0, len: n }),
        Some(spec) => match spec.resolve(n) {
            Some((a, b)) => {
                let mut r = Response::new(
                    206,
                    Body::Pattern {
                        offset: a,
                        len: b - a + 1,
                    },
                );
                r.headers
                    .push(("content-range", format!("bytes {a}-{b}/{n}")));
                r
            }
            None => {
                let mut r = Response::new(416, Body::Empty);
                r.headers.push(("content-range", format!("bytes */{n}")));
                r
            }
        },
    };
    r.headers.push(("accept-ranges", "bytes".into()));
    r.headers.push(("etag", etag));
    r.headers
        .push(("content-type", "application/octet-stream".into()));
    r
}

/// What a `/flaky*` route does besides breaking at cuts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlakyMode {
    Plain,
    Gzip,
    Etag,
    BadRange,
    ShortRange,
    NoRange,
    NoEtag,
    Weak,
    LastMod,
    NoAccept,
    Stall,
}

impl FlakyMode {
    fn parse(route: &str) -> Option<FlakyMode> {
        Some(match route {
            "flaky" => FlakyMode::Plain,
            "flaky-gzip" => FlakyMode::Gzip,
            "flaky-etag" => FlakyMode::Etag,
            "flaky-badrange" => FlakyMode::BadRange,
            "flaky-shortrange" => FlakyMode::ShortRange,
            "flaky-norange" => FlakyMode::NoRange,
            "flaky-noetag" => FlakyMode::NoEtag,
            "flaky-weak" => FlakyMode::Weak,
            "flaky-lastmod" => FlakyMode::LastMod,
            "flaky-noaccept" => FlakyMode::NoAccept,
            "flaky-stall" => FlakyMode::Stall,
            _ => return None,
        })
    }
}

async fn flaky_route(
    req: &Request,
    path: &str,
    mode: FlakyMode,
    n: u64,
    faults: &Faults,
) -> Response {
    let (entity, len) = match mode {
        FlakyMode::Gzip => match flaky_gzip(n).await {
            Ok(data) => {
                let len = data.len() as u64;
                (Entity::Data(data), len)
            }
            Err(_) => return Response::text(500, "compression failed\n"),
        },
        _ => (Entity::Pattern, n),
    };
    let etag = match mode {
        FlakyMode::NoEtag | FlakyMode::LastMod => None,
        FlakyMode::Weak => Some(format!("W/\"flaky-{n}\"")),
        FlakyMode::Gzip => Some(format!("\"flaky-gzip-{n}\"")),
        FlakyMode::Etag => Some(format!(
            "\"flaky-etag-{n}-{}\"",
            faults.lock().etag_generation
        )),
        _ => Some(format!("\"flaky-{n}\"")),
    };
    let last_modified = (mode == FlakyMode::LastMod).then_some(FLAKY_LAST_MODIFIED);
    // If-Range compares strongly (RFC 9110 section 13.1.5): a weak ETag never matches.
    let if_range_ok = req.header("if-range").is_none_or(|v| {
        let v = v.trim();
        etag.as_deref()
            .is_some_and(|e| !e.starts_with("W/") && v == e)
            || last_modified.is_some_and(|lm| v == lm)
    });
    let range = req
        .header("range")
        .filter(|_| if_range_ok && mode != FlakyMode::NoRange)
        .and_then(parse_range);
    let (status, start, end) = match range.map(|spec| spec.resolve(len)) {
        None => (200, 0, len),
        Some(None) => {
            let mut r = Response::new(416, Body::Empty);
            r.headers.push(("content-range", format!("bytes */{len}")));
            log_flaky(faults, req, path, 416, 0, None);
            return r;
        }
        Some(Some((a, b))) => match mode {
            FlakyMode::BadRange => (206, a.saturating_sub(1), b + 1),
            FlakyMode::ShortRange => (206, a, (a + (b + 1 - a).div_ceil(2)).min(b + 1)),
            _ => (206, a, b + 1),
        },
    };
    let cut = if req.method.eq_ignore_ascii_case("HEAD") {
        None
    } else {
        let mut state = faults.lock();
        let best = state
            .cuts
            .iter()
            .enumerate()
            .filter(|(_, c)| (start..end).contains(*c))
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        let cut = best.map(|i| state.cuts.swap_remove(i));
        if cut.is_some() && mode == FlakyMode::Etag {
            state.etag_generation += 1;
        }
        cut
    };
    log_flaky(faults, req, path, status, start, cut);
    let mut r = Response::new(
        status,
        Body::Flaky(Flaky {
            entity,
            start,
            end,
            cut,
            stall: mode == FlakyMode::Stall,
        }),
    );
    if status == 206 {
        r.headers.push((
            "content-range",
            format!("bytes {start}-{}/{len}", end.saturating_sub(1)),
        ));
    }
    if mode != FlakyMode::NoAccept {
        r.headers.push(("accept-ranges", "bytes".into()));
    }
    if let Some(etag) = etag {
        r.headers.push(("etag", etag));
    }
    if let Some(lm) = last_modified {
        r.headers.push(("last-modified", lm.into()));
    }
    if mode == FlakyMode::Gzip {
        r.headers.push(("content-encoding", "gzip".into()));
    }
    r.headers
        .push(("content-type", "application/octet-stream".into()));
    r
}

fn log_flaky(
    faults: &Faults,
    req: &Request,
    path: &str,
    status: u16,
    start: u64,
    cut: Option<u64>,
) {
    faults.lock().hits.push(FlakyHit {
        path: path.to_string(),
        version: req.version,
        range: req.header("range").map(str::to_string),
        if_range: req.header("if-range").map(str::to_string),
        status,
        start,
        cut,
    });
}

/// The gzip encoding of the first `n` pattern bytes, computed once per `n` and process. The
/// input is streamed, so `n` may be far larger than memory would hold decoded.
async fn flaky_gzip(n: u64) -> io::Result<Bytes> {
    use async_compression::tokio::write::GzipEncoder;

    // Held while compressing: concurrent first requests wait for one encoding.
    static CACHE: LazyLock<tokio::sync::Mutex<HashMap<u64, Bytes>>> =
        LazyLock::new(Default::default);
    let mut cache = CACHE.lock().await;
    if let Some(hit) = cache.get(&n) {
        return Ok(hit.clone());
    }
    let mut encoder = GzipEncoder::new(Vec::new());
    let mut offset = 0u64;
    while offset < n {
        let piece = pattern::chunk(offset, (n - offset).min(pattern::MAX_CHUNK as u64) as usize);
        encoder.write_all(&piece).await?;
        offset += piece.len() as u64;
    }
    encoder.shutdown().await?;
    let out = Bytes::from(encoder.into_vec());
    cache.insert(n, out.clone());
    Ok(out)
}

enum RangeSpec {
    From(u64, Option<u64>),
    Suffix(u64),
}

impl RangeSpec {
    /// Inclusive byte positions within a body of `n` bytes, or `None` if unsatisfiable.
    fn resolve(&self, n: u64) -> Option<(u64, u64)> {
        match *self {
            RangeSpec::From(a, _) if a >= n => None,
            RangeSpec::From(a, b) => Some((a, b.map_or(n - 1, |b| b.min(n - 1)))),
            RangeSpec::Suffix(0) => None,
            RangeSpec::Suffix(_) if n == 0 => None,
            RangeSpec::Suffix(k) => Some((n.saturating_sub(k), n - 1)),
        }
    }
}

/// Parses a single byte range; anything else (multiple ranges, other units) is ignored.
fn parse_range(value: &str) -> Option<RangeSpec> {
    let spec = value.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        return Some(RangeSpec::Suffix(b.parse().ok()?));
    }
    let a: u64 = a.parse().ok()?;
    if b.is_empty() {
        return Some(RangeSpec::From(a, None));
    }
    let b: u64 = b.parse().ok()?;
    (b >= a).then_some(RangeSpec::From(a, Some(b)))
}

fn echo(req: &Request) -> Response {
    let mut json = String::with_capacity(256);
    json.push_str("{\"method\":");
    json_str(&mut json, &req.method);
    json.push_str(",\"path\":");
    json_str(&mut json, &req.target);
    json.push_str(",\"version\":");
    json_str(&mut json, req.version);
    json.push_str(",\"headers\":[");
    for (i, (name, value)) in req.headers.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('[');
        json_str(&mut json, name);
        json.push(',');
        json_str(&mut json, value);
        json.push(']');
    }
    json.push_str(&format!(
        "],\"body_len\":{},\"body_sha256\":\"{}\"}}",
        req.body_len,
        hex::encode(req.body_sha256)
    ));
    let mut r = Response::new(200, Body::Full(Bytes::from(json)));
    r.headers.push(("content-type", "application/json".into()));
    r
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

type CompressionCache = Mutex<HashMap<(String, u64), Bytes>>;
static COMPRESSED: LazyLock<CompressionCache> = LazyLock::new(Default::default);

/// The first `n` pattern bytes compressed with `encoding`, computed once per process.
async fn compressed(encoding: &str, n: u64) -> io::Result<Bytes> {
    use async_compression::Level;
    use async_compression::tokio::write::{BrotliEncoder, GzipEncoder, ZlibEncoder, ZstdEncoder};

    let key = (encoding.to_string(), n);
    if let Some(hit) = COMPRESSED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
    {
        return Ok(hit.clone());
    }
    // Concurrent first requests may both compress; the results are identical, so that's fine.
    let input = pattern::bytes(0, n as usize);
    let out = match encoding {
        "gzip" => encode(GzipEncoder::new(Vec::new()), &input).await?,
        // HTTP's "deflate" is the zlib format (RFC 9110 section 8.4.1.2), not raw deflate.
        "deflate" => encode(ZlibEncoder::new(Vec::new()), &input).await?,
        "zstd" => encode(ZstdEncoder::new(Vec::new()), &input).await?,
        // Brotli's default quality (11) is far too slow for multi-MB test bodies.
        _ => {
            encode(
                BrotliEncoder::with_quality(Vec::new(), Level::Precise(5)),
                &input,
            )
            .await?
        }
    };
    let out = Bytes::from(out);
    COMPRESSED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, out.clone());
    Ok(out)
}

trait IntoVec {
    fn into_vec(self) -> Vec<u8>;
}

macro_rules! into_vec {
    ($($t:ident),*) => {$(
        impl IntoVec for async_compression::tokio::write::$t<Vec<u8>> {
            fn into_vec(self) -> Vec<u8> {
                self.into_inner()
            }
        }
    )*};
}
into_vec!(GzipEncoder, ZlibEncoder, ZstdEncoder, BrotliEncoder);

async fn encode<E>(mut encoder: E, input: &[u8]) -> io::Result<Vec<u8>>
where
    E: AsyncWrite + Unpin + IntoVec,
{
    encoder.write_all(input).await?;
    encoder.shutdown().await?;
    Ok(encoder.into_vec())
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1

/// Large Content-Length bodies go out in writes of this size.
const H1_WRITE: usize = pattern::MAX_CHUNK;
/// Chunk size for `/chunked`.
const CHUNK: usize = 64 * 1024;
/// Bodies up to this size are sent in the same write as the head.
const COALESCE: usize = 64 * 1024;

async fn serve_h1<S: Transport>(io: S, faults: Arc<Faults>) {
    let mut conn = BufConn::new(io);
    let mut scratch = Vec::with_capacity(CHUNK + 64);
    loop {
        let head = match conn.read_head(64 * 1024).await {
            Ok(Some(head)) => head,
            _ => return,
        };
        let mut header_buf = [httparse::EMPTY_HEADER; 128];
        let mut parsed = httparse::Request::new(&mut header_buf);
        if !matches!(parsed.parse(&head), Ok(httparse::Status::Complete(_))) {
            let _ = conn
                .io
                .write_all(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .await;
            close(&mut conn.io, true).await;
            return;
        }
        let http10 = parsed.version == Some(0);
        let headers: Vec<(String, String)> = parsed
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_string(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect();
        let mut req = Request {
            method: parsed.method.unwrap_or("GET").to_string(),
            target: origin_form(parsed.path.unwrap_or("/")),
            version: if http10 { "HTTP/1.0" } else { "HTTP/1.1" },
            headers,
            body_len: 0,
            body_sha256: [0; 32],
            multipart: None,
        };
        let connection = req.header("connection").unwrap_or("").to_ascii_lowercase();
        let keep_alive = if http10 {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        };
        let body_framing = framing(req.headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes())));
        if req
            .header("expect")
            .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
            && conn
                .io
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .await
                .is_err()
        {
            return;
        }
        // Hash only for /echo and /upload: uploads to other routes should cost nothing but the
        // read.
        let mut sink = upload::BodySink::new(&req.target, req.header("content-type"));
        let read = conn
            .read_body(body_framing, &mut |data, payload| {
                if payload {
                    sink.feed(data);
                }
            })
            .await;
        if read.is_err() {
            return;
        }
        sink.finish_into(&mut req);
        let resp = route(&req, &faults).await;
        let head_only = req.method.eq_ignore_ascii_case("HEAD");
        match write_h1(&mut conn.io, &resp, head_only, keep_alive, &mut scratch).await {
            Ok(After::KeepAlive) if keep_alive => {}
            Ok(After::KeepAlive | After::Close) => {
                close(&mut conn.io, true).await;
                return;
            }
            Ok(After::CloseWithoutNotify) => {
                close(&mut conn.io, false).await;
                return;
            }
            Ok(After::Reset) => {
                // Give the bytes before the cut time to reach the peer: a peer receiving RST may
                // drop whatever it has not read yet.
                tokio::time::sleep(FLAKY_RESET_DELAY).await;
                let _ = conn.io.tcp().set_zero_linger();
                return;
            }
            Err(_) => return,
        }
    }
}

/// What happens to an HTTP/1.1 connection after a response.
#[derive(Debug, PartialEq, Eq)]
enum After {
    /// Keep it open (if the request allows).
    KeepAlive,
    /// Close it: TLS close_notify, then FIN.
    Close,
    /// FIN without TLS close_notify.
    CloseWithoutNotify,
    /// TCP RST.
    Reset,
}

/// Writes one response and says how the connection goes on.
async fn write_h1<S: AsyncWrite + Unpin>(
    io: &mut S,
    resp: &Response,
    head_only: bool,
    keep_alive: bool,
    scratch: &mut Vec<u8>,
) -> io::Result<After> {
    let reason = http::StatusCode::from_u16(resp.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    let mut head = Vec::with_capacity(256);
    head.extend_from_slice(format!("HTTP/1.1 {} {reason}\r\n", resp.status).as_bytes());
    for (name, value) in &resp.headers {
        head.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    for (name, value) in &resp.raw_headers {
        head.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    if !bodiless_status(resp.status) {
        match resp.content_length() {
            Some(n) => head.extend_from_slice(format!("content-length: {n}\r\n").as_bytes()),
            None => head.extend_from_slice(b"transfer-encoding: chunked\r\n"),
        }
    }
    if !keep_alive {
        head.extend_from_slice(b"connection: close\r\n");
    }
    head.extend_from_slice(b"\r\n");
    if head_only || bodiless_status(resp.status) {
        io.write_all(&head).await?;
        io.flush().await?;
        return Ok(After::KeepAlive);
    }
    match &resp.body {
        Body::Empty => io.write_all(&head).await?,
        Body::Full(b) => {
            if b.len() <= COALESCE {
                head.extend_from_slice(b);
                io.write_all(&head).await?;
            } else {
                io.write_all(&head).await?;
                io.write_all(b).await?;
            }
        }
        Body::Pattern { offset, len } => {
            if *len <= COALESCE as u64 {
                head.extend_from_slice(&pattern::chunk(*offset, *len as usize));
                io.write_all(&head).await?;
            } else {
                io.write_all(&head).await?;
                write_pattern(io, *offset, *len).await?;
            }
        }
        Body::Chunked { len } => {
            io.write_all(&head).await?;
            let mut off = 0u64;
            while off < *len {
                let n = (*len - off).min(CHUNK as u64) as usize;
                // One write per chunk keeps TLS records and syscalls few; the copy is cheap.
                scratch.clear();
                scratch.extend_from_slice(format!("{n:x}\r\n").as_bytes());
                scratch.extend_from_slice(&pattern::chunk(off, n));
                scratch.extend_from_slice(b"\r\n");
                io.write_all(scratch).await?;
                off += n as u64;
            }
            io.write_all(b"0\r\n\r\n").await?;
        }
        Body::Truncated { len } => {
            io.write_all(&head).await?;
            write_pattern(io, 0, len / 2).await?;
            io.flush().await?;
            return Ok(After::Close);
        }
        Body::Flaky(f) => {
            io.write_all(&head).await?;
            let stop = f.stop();
            match &f.entity {
                Entity::Pattern => write_pattern(io, f.start, stop - f.start).await?,
                Entity::Data(data) => io.write_all(&data[f.start as usize..stop as usize]).await?,
            }
            if f.cut.is_some() {
                io.flush().await?;
                if f.stall {
                    tokio::time::sleep(FLAKY_STALL).await;
                }
                return Ok(After::Close);
            }
        }
        Body::Drip { len, rate, chunked } => {
            io.write_all(&head).await?;
            io.flush().await?;
            write_drip(io, *len, *rate, *chunked).await?;
        }
        Body::Cut(c) => {
            io.write_all(&head).await?;
            return write_cut(io, c).await;
        }
        Body::BadChunk => {
            head.extend_from_slice(BAD_CHUNK);
            io.write_all(&head).await?;
            io.flush().await?;
            return Ok(After::Close);
        }
    }
    io.flush().await?;
    Ok(After::KeepAlive)
}

/// The `/bad-chunk` body: one good chunk, then a chunk-size line that is not hex.
const BAD_CHUNK: &[u8] = b"5\r\nhello\r\nzz\r\nhello\r\n0\r\n\r\n";

/// The piece size for a drip at `rate` bytes per second: about 20 pieces a second.
fn drip_piece(rate: u64) -> u64 {
    (rate / 20).clamp(1, pattern::MAX_CHUNK as u64)
}

/// Waits until `sent` bytes are due at `rate` bytes per second from `start`.
async fn drip_wait(start: tokio::time::Instant, sent: u64, rate: u64) {
    let due = Duration::from_secs_f64(sent as f64 / rate.max(1) as f64);
    tokio::time::sleep_until(start + due).await;
}

async fn write_drip<S: AsyncWrite + Unpin>(
    io: &mut S,
    len: u64,
    rate: u64,
    chunked: bool,
) -> io::Result<()> {
    let piece = drip_piece(rate);
    let start = tokio::time::Instant::now();
    let mut off = 0u64;
    while off < len {
        drip_wait(start, off, rate).await;
        let n = (len - off).min(piece) as usize;
        let data = pattern::chunk(off, n);
        if chunked {
            let mut out = Vec::with_capacity(n + 16);
            out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
            out.extend_from_slice(&data);
            out.extend_from_slice(b"\r\n");
            io.write_all(&out).await?;
        } else {
            io.write_all(&data).await?;
        }
        io.flush().await?;
        off += n as u64;
    }
    if chunked {
        io.write_all(b"0\r\n\r\n").await?;
    }
    Ok(())
}

/// Writes a [`Cut`] body after its head, breaking it as planned.
async fn write_cut<S: AsyncWrite + Unpin>(io: &mut S, c: &Cut) -> io::Result<After> {
    if c.chunked {
        let mut off = 0u64;
        while off < c.len {
            let size = (c.len - off).min(CHUNK as u64);
            io.write_all(format!("{size:x}\r\n").as_bytes()).await?;
            let send = size.min(c.at - off);
            write_pattern(io, off, send).await?;
            off += send;
            if send < size {
                // Mid-chunk (possibly right after its size line).
                break;
            }
            io.write_all(b"\r\n").await?;
        }
    } else {
        write_pattern(io, 0, c.at).await?;
    }
    io.flush().await?;
    Ok(match c.end {
        CutEnd::Close | CutEnd::GoAway => After::Close,
        CutEnd::Reset => After::Reset,
        CutEnd::Drop => After::CloseWithoutNotify,
        CutEnd::Stall(d) => {
            tokio::time::sleep(d).await;
            After::Close
        }
    })
}

async fn write_pattern<S: AsyncWrite + Unpin>(io: &mut S, offset: u64, len: u64) -> io::Result<()> {
    let mut sent = 0u64;
    while sent < len {
        let piece = pattern::chunk(offset + sent, (len - sent).min(H1_WRITE as u64) as usize);
        io.write_all(&piece).await?;
        sent += piece.len() as u64;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTTP/2

async fn serve_h2<S>(io: S, faults: Arc<Faults>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let handshake = http2::server::Builder::new()
        .initial_connection_window_size(16 * 1024 * 1024)
        .initial_window_size(8 * 1024 * 1024)
        .max_concurrent_streams(1000)
        // A bigger send buffer lets one stream keep more DATA queued, for throughput.
        .max_send_buffer_size(1024 * 1024)
        .handshake::<_, Bytes>(io)
        .await;
    let Ok(mut conn) = handshake else {
        return;
    };
    // Stream tasks cannot reach the connection, which this task must keep polling; they ask
    // for connection-level actions (`/goaway`, `/cut?mode=drop`) through this channel.
    let (tx, mut rx) = mpsc::unbounded_channel::<ConnCmd>();
    loop {
        tokio::select! {
            next = conn.accept() => match next {
                Some(Ok((req, respond))) => {
                    let faults = faults.clone();
                    let tx = tx.clone();
                    tokio::spawn(async move {
                        let _ = handle_h2(req, respond, &faults, &tx).await;
                    });
                }
                _ => return,
            },
            Some(cmd) = rx.recv() => match cmd {
                ConnCmd::Abrupt(reason) => conn.abrupt_shutdown(reason),
                // Dropping the connection drops the (TLS) stream and its socket.
                ConnCmd::Close => return,
            },
        }
    }
}

/// A connection-level action asked for by a stream task.
enum ConnCmd {
    /// GOAWAY with this code covering every stream so far, then close.
    Abrupt(http2::Reason),
    /// Drop the connection without GOAWAY.
    Close,
}

async fn handle_h2(
    req: http::Request<RecvStream>,
    mut respond: SendResponse<Bytes>,
    faults: &Faults,
    tx: &mpsc::UnboundedSender<ConnCmd>,
) -> io::Result<()> {
    let (parts, mut body) = req.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let mut sink = upload::BodySink::new(
        &target,
        parts
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
    );
    while let Some(data) = body.data().await {
        let data = data.map_err(io::Error::other)?;
        sink.feed(&data);
        let _ = body.flow_control().release_capacity(data.len());
    }
    let mut req = Request {
        method: parts.method.as_str().to_string(),
        target,
        version: "HTTP/2",
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body_len: 0,
        body_sha256: [0; 32],
        multipart: None,
    };
    sink.finish_into(&mut req);
    let resp = route(&req, faults).await;
    let head_only = parts.method == http::Method::HEAD;
    let mut builder = http::Response::builder().status(resp.status);
    for (name, value) in &resp.headers {
        builder = builder.header(*name, value.as_str());
    }
    for (name, value) in &resp.raw_headers {
        builder = builder.header(
            name.as_str(),
            http::HeaderValue::from_bytes(value.as_bytes()).map_err(io::Error::other)?,
        );
    }
    if !bodiless_status(resp.status) {
        if let Some(n) = resp.content_length() {
            builder = builder.header("content-length", n);
        }
    }
    let head = builder.body(()).map_err(io::Error::other)?;
    let no_body = head_only
        || bodiless_status(resp.status)
        || matches!(resp.body, Body::Empty)
        || resp.content_length() == Some(0);
    let mut send = respond
        .send_response(head, no_body)
        .map_err(io::Error::other)?;
    if no_body {
        return Ok(());
    }
    match resp.body {
        Body::Empty => {}
        Body::Full(b) => send_bytes(&mut send, b, true).await?,
        Body::Pattern { offset, len } => send_pattern(&mut send, offset, len, true).await?,
        Body::Chunked { len } => send_pattern(&mut send, 0, len, true).await?,
        Body::Truncated { len } => {
            send_pattern(&mut send, 0, len / 2, false).await?;
            // http2 discards a stream's queued DATA on reset; give the connection task time to
            // write what was sent so the client really sees a partial body first.
            tokio::time::sleep(Duration::from_millis(50)).await;
            send.send_reset(http2::Reason::INTERNAL_ERROR);
        }
        Body::Flaky(f) => {
            let stop = f.stop();
            let end = f.cut.is_none();
            match &f.entity {
                Entity::Pattern => send_pattern(&mut send, f.start, stop - f.start, end).await?,
                Entity::Data(data) => {
                    send_bytes(&mut send, data.slice(f.start as usize..stop as usize), end).await?
                }
            }
            if !end {
                let d = if f.stall {
                    FLAKY_STALL
                } else {
                    FLAKY_RESET_DELAY
                };
                if pause(&mut send, d).await {
                    send.send_reset(http2::Reason::INTERNAL_ERROR);
                }
            }
        }
        Body::Drip { len, rate, .. } => {
            let piece = drip_piece(rate);
            let start = tokio::time::Instant::now();
            let mut off = 0u64;
            while off < len {
                drip_wait(start, off, rate).await;
                let n = (len - off).min(piece);
                send_pattern(&mut send, off, n, off + n == len).await?;
                off += n;
            }
        }
        Body::Cut(c) => {
            send_pattern(&mut send, 0, c.at, false).await?;
            let reason = http2::Reason::from(c.code);
            match c.end {
                CutEnd::Close | CutEnd::Reset => {
                    if pause(&mut send, FLAKY_RESET_DELAY).await {
                        send.send_reset(reason);
                    }
                }
                CutEnd::Stall(d) => {
                    if pause(&mut send, d).await {
                        send.send_reset(reason);
                    }
                }
                CutEnd::GoAway => {
                    if pause(&mut send, FLAKY_RESET_DELAY).await {
                        let _ = tx.send(ConnCmd::Abrupt(reason));
                        hold_open(&mut send).await;
                    }
                }
                CutEnd::Drop => {
                    if pause(&mut send, FLAKY_RESET_DELAY).await {
                        let _ = tx.send(ConnCmd::Close);
                        hold_open(&mut send).await;
                    }
                }
            }
        }
        Body::BadChunk => {
            send_bytes(&mut send, Bytes::from_static(b"hello"), false).await?;
            if pause(&mut send, FLAKY_RESET_DELAY).await {
                send.send_reset(http2::Reason::PROTOCOL_ERROR);
            }
        }
    }
    Ok(())
}

/// Waits `d` on an open stream: `false` if the stream ended first (reset by the peer, or its
/// connection gone). Resetting such a stream afterwards would be pointless, and would leave
/// http2 a stream it can no longer release (a debug assertion when the connection's state is
/// dropped).
async fn pause(send: &mut SendStream<Bytes>, d: Duration) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(d) => true,
        _ = poll_fn(|cx| send.poll_reset(cx)) => false,
    }
}

/// Keeps a stream's send half alive (no END_STREAM, no RST_STREAM) until the peer resets the
/// stream or the connection goes away: dropping it would make http2 reset the stream.
async fn hold_open(send: &mut SendStream<Bytes>) {
    let _ = tokio::time::timeout(Duration::from_secs(60), poll_fn(|cx| send.poll_reset(cx))).await;
}

/// Waits until flow control grants some capacity (up to `want` bytes) on `send`.
pub(crate) async fn capacity(send: &mut SendStream<Bytes>, want: usize) -> io::Result<usize> {
    send.reserve_capacity(want);
    loop {
        match poll_fn(|cx| send.poll_capacity(cx)).await {
            Some(Ok(0)) => continue,
            Some(Ok(n)) => return Ok(n.min(want)),
            Some(Err(e)) => return Err(io::Error::other(e)),
            None => return Err(io::Error::other("stream closed while waiting for capacity")),
        }
    }
}

/// Sends `data` respecting flow control; `end` ends the stream with the last piece.
pub(crate) async fn send_bytes(
    send: &mut SendStream<Bytes>,
    mut data: Bytes,
    end: bool,
) -> io::Result<()> {
    if data.is_empty() {
        if end {
            send.send_data(data, true).map_err(io::Error::other)?;
        }
        return Ok(());
    }
    while !data.is_empty() {
        let n = capacity(send, data.len()).await?;
        let piece = data.split_to(n.min(data.len()));
        send.send_data(piece, end && data.is_empty())
            .map_err(io::Error::other)?;
    }
    Ok(())
}

async fn send_pattern(
    send: &mut SendStream<Bytes>,
    offset: u64,
    len: u64,
    end: bool,
) -> io::Result<()> {
    let mut sent = 0u64;
    if len == 0 && end {
        return send.send_data(Bytes::new(), true).map_err(io::Error::other);
    }
    while sent < len {
        let want = (len - sent).min(pattern::MAX_CHUNK as u64) as usize;
        let n = capacity(send, want).await?;
        let piece = pattern::chunk(offset + sent, n);
        sent += piece.len() as u64;
        send.send_data(piece, end && sent == len)
            .map_err(io::Error::other)?;
    }
    Ok(())
}

/// A request target in origin form: servers must accept absolute form too (RFC 9112 section
/// 3.2.2), which is what clients send through a forwarding proxy.
fn origin_form(target: &str) -> String {
    match target.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(slash) => rest[slash..].to_string(),
            None => "/".to_string(),
        },
        None => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    async fn get(addr: SocketAddr, req: &[u8]) -> Vec<u8> {
        let mut s = TcpStream::connect(addr).await.expect("connect");
        s.write_all(req).await.expect("write");
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.expect("read");
        out
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

    #[tokio::test]
    async fn bytes_over_plain_h1() {
        let server = ContentServer::start(ContentOptions::default()).await;
        let resp = get(
            server.addr(),
            b"GET /bytes/1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("content-length: 1000"), "{head}");
        assert_eq!(body, pattern::bytes(0, 1000));
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn keep_alive_range_chunked_echo() {
        let server = ContentServer::start(ContentOptions::default()).await;
        let mut reqs = Vec::new();
        for _ in 0..200 {
            reqs.extend_from_slice(b"GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        reqs.extend_from_slice(b"GET /bytes/1000 HTTP/1.1\r\nRange: bytes=10-19\r\n\r\n");
        reqs.extend_from_slice(b"GET /chunked/70000 HTTP/1.1\r\n\r\n");
        reqs.extend_from_slice(
            b"POST /echo HTTP/1.1\r\nX-A: 1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
        );
        let resp = get(server.addr(), &reqs).await;
        let text = String::from_utf8_lossy(&resp);
        assert_eq!(text.matches("hello, world\n").count(), 200);
        assert!(text.contains("content-range: bytes 10-19/1000"));
        assert!(text.contains("transfer-encoding: chunked\r\n\r\n10000\r\n"));
        assert!(text.contains(
            "\"body_len\":3,\"body_sha256\":\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""
        ));
        assert!(text.contains("[\"X-A\",\"1\"]"));
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn compressed_and_truncated() {
        let server = ContentServer::start(ContentOptions::default()).await;
        let resp = get(
            server.addr(),
            b"GET /gzip/100000 HTTP/1.1\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.contains("content-encoding: gzip"));
        assert_eq!(&body[..2], &[0x1f, 0x8b]);
        let resp = get(server.addr(), b"GET /truncated/1000 HTTP/1.1\r\n\r\n").await;
        let (head, body) = split(&resp);
        assert!(head.contains("content-length: 1000"));
        assert_eq!(body.len(), 500);
    }

    #[tokio::test]
    async fn h2_and_h1_over_tls() {
        let ca = crate::TestCa::new();
        let server = ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;

        // HTTP/2 via ALPN.
        let connector = crate::tls::connector(&ca.ca_pem(), &[b"h2", b"http/1.1"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let tls = crate::tls::connect(&connector, "localhost", tcp)
            .await
            .expect("tls");
        assert_eq!(tls.ssl().selected_alpn_protocol(), Some(&b"h2"[..]));
        let (client, conn) = http2::client::handshake(tls).await.expect("h2 handshake");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");
        let req = http::Request::get("https://localhost/bytes/3000000")
            .body(())
            .expect("request");
        let (resp, _) = client.send_request(req, true).expect("send");
        let resp = resp.await.expect("response");
        assert_eq!(resp.headers()["content-length"], "3000000");
        let mut body = resp.into_body();
        let mut got = Vec::new();
        while let Some(data) = body.data().await {
            let data = data.expect("data");
            let _ = body.flow_control().release_capacity(data.len());
            got.extend_from_slice(&data);
        }
        assert_eq!(got.len(), 3_000_000);
        assert_eq!(pattern::verify(0, &got), Ok(()));

        let req = http::Request::post("https://localhost/echo")
            .header("x-one", "1")
            .body(())
            .expect("request");
        let (resp, mut upload) = client.send_request(req, false).expect("send");
        upload
            .send_data(Bytes::from_static(b"abc"), true)
            .expect("upload");
        let mut body = resp.await.expect("response").into_body();
        let mut got = Vec::new();
        while let Some(data) = body.data().await {
            got.extend_from_slice(&data.expect("data"));
        }
        let text = String::from_utf8(got).expect("utf8");
        assert!(text.contains("\"version\":\"HTTP/2\""), "{text}");
        assert!(text.contains("[\"x-one\",\"1\"]"), "{text}");
        assert!(text.contains("\"body_len\":3"), "{text}");

        // HTTP/1.1 via ALPN.
        let connector = crate::tls::connector(&ca.ca_pem(), &[b"http/1.1"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let mut tls = crate::tls::connect(&connector, "localhost", tcp)
            .await
            .expect("tls");
        tls.write_all(b"GET /small HTTP/1.1\r\nConnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut out = Vec::new();
        let _ = tls.read_to_end(&mut out).await;
        assert!(out.ends_with(b"\r\n\r\nhello, world\n"));
        assert_eq!(server.connections(), 2);
    }

    #[tokio::test]
    async fn plain_h2_prior_knowledge_and_h1_share_a_port() {
        let server = ContentServer::start(ContentOptions {
            tls: None,
            h2: true,
            h1: true,
        })
        .await;
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let (client, conn) = http2::client::handshake(tcp).await.expect("h2 handshake");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");
        let req = http::Request::get("http://localhost/redirect/2")
            .body(())
            .expect("request");
        let (resp, _) = client.send_request(req, true).expect("send");
        let resp = resp.await.expect("response");
        assert_eq!(resp.status(), 302);
        assert_eq!(resp.headers()["location"], "/redirect/1");
        let resp = get(
            server.addr(),
            b"GET /status/503 HTTP/1.1\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(resp.starts_with(b"HTTP/1.1 503 Service Unavailable\r\n"));
    }

    fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        head.lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }

    #[tokio::test]
    async fn flaky_cuts_once_each_and_resumes_by_range() {
        let server = ContentServer::start(ContentOptions::default()).await;
        server.plan_cuts([5000, 1000]);
        let resp = get(server.addr(), b"GET /flaky/10000 HTTP/1.1\r\n\r\n").await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(header(&head, "content-length"), Some("10000"));
        assert_eq!(header(&head, "accept-ranges"), Some("bytes"));
        assert_eq!(header(&head, "etag"), Some("\"flaky-10000\""));
        assert_eq!(body, pattern::bytes(0, 1000));
        assert_eq!(server.cuts_left(), vec![5000]);

        let resp = get(
            server.addr(),
            b"GET /flaky/10000 HTTP/1.1\r\nRange: bytes=1000-\r\nIf-Range: \"flaky-10000\"\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(
            head.starts_with("HTTP/1.1 206 Partial Content\r\n"),
            "{head}"
        );
        assert_eq!(
            header(&head, "content-range"),
            Some("bytes 1000-9999/10000")
        );
        assert_eq!(header(&head, "content-length"), Some("9000"));
        assert_eq!(body, pattern::bytes(1000, 4000));
        assert!(server.cuts_left().is_empty());

        // No cuts left: complete, and the connection stays usable.
        let resp = get(
            server.addr(),
            b"GET /flaky/10000 HTTP/1.1\r\nRange: bytes=5000-\r\n\r\nGET /flaky/10 HTTP/1.1\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (_, rest) = split(&resp);
        assert_eq!(&rest[..5000], &pattern::bytes(5000, 5000)[..]);
        assert!(rest.ends_with(&pattern::bytes(0, 10)));

        // A cut at the very start of a response breaks it right after the head.
        server.plan_cuts([0]);
        let resp = get(server.addr(), b"GET /flaky/100 HTTP/1.1\r\n\r\n").await;
        let (head, body) = split(&resp);
        assert_eq!(header(&head, "content-length"), Some("100"));
        assert!(body.is_empty());

        let hits = server.flaky_hits();
        assert_eq!(hits.len(), 5);
        assert_eq!(hits[0].cut, Some(1000));
        assert_eq!(hits[1].range.as_deref(), Some("bytes=1000-"));
        assert_eq!(hits[1].if_range.as_deref(), Some("\"flaky-10000\""));
        assert_eq!(
            (hits[1].status, hits[1].start, hits[1].cut),
            (206, 1000, Some(5000))
        );
        assert_eq!((hits[2].status, hits[2].cut), (206, None));
        assert_eq!(hits[4].cut, Some(0));
    }

    #[tokio::test]
    async fn flaky_modes() {
        let server = ContentServer::start(ContentOptions::default()).await;
        let req = |path: &str, extra: &str| {
            format!("GET {path} HTTP/1.1\r\n{extra}Connection: close\r\n\r\n").into_bytes()
        };

        // The ETag changes with each cut: the old one no longer matches If-Range.
        server.plan_cuts([100]);
        let resp = get(server.addr(), &req("/flaky-etag/1000", "")).await;
        let (head, body) = split(&resp);
        assert_eq!(header(&head, "etag"), Some("\"flaky-etag-1000-0\""));
        assert_eq!(body.len(), 100);
        let resp = get(
            server.addr(),
            &req(
                "/flaky-etag/1000",
                "Range: bytes=100-\r\nIf-Range: \"flaky-etag-1000-0\"\r\n",
            ),
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(header(&head, "etag"), Some("\"flaky-etag-1000-1\""));
        assert_eq!(body, pattern::bytes(0, 1000));

        let resp = get(
            server.addr(),
            &req("/flaky-badrange/1000", "Range: bytes=10-\r\n"),
        )
        .await;
        let (head, body) = split(&resp);
        assert_eq!(header(&head, "content-range"), Some("bytes 9-999/1000"));
        assert_eq!(body, pattern::bytes(9, 991));

        let resp = get(
            server.addr(),
            &req("/flaky-shortrange/1000", "Range: bytes=10-\r\n"),
        )
        .await;
        let (head, body) = split(&resp);
        assert_eq!(header(&head, "content-range"), Some("bytes 10-504/1000"));
        assert_eq!(body, pattern::bytes(10, 495));

        let resp = get(
            server.addr(),
            &req("/flaky-norange/1000", "Range: bytes=10-\r\n"),
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(header(&head, "accept-ranges"), Some("bytes"));
        assert_eq!(body.len(), 1000);

        let resp = get(
            server.addr(),
            &req("/flaky-noetag/1000", "Range: bytes=10-\r\n"),
        )
        .await;
        let (head, _) = split(&resp);
        assert_eq!(header(&head, "etag"), None);
        assert_eq!(header(&head, "last-modified"), None);
        assert_eq!(header(&head, "content-range"), Some("bytes 10-999/1000"));

        let resp = get(
            server.addr(),
            &req(
                "/flaky-weak/1000",
                "Range: bytes=10-\r\nIf-Range: W/\"flaky-1000\"\r\n",
            ),
        )
        .await;
        let (head, _) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert_eq!(header(&head, "etag"), Some("W/\"flaky-1000\""));

        let if_range = format!("Range: bytes=10-\r\nIf-Range: {FLAKY_LAST_MODIFIED}\r\n");
        let resp = get(server.addr(), &req("/flaky-lastmod/1000", &if_range)).await;
        let (head, _) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 206 "), "{head}");
        assert_eq!(header(&head, "last-modified"), Some(FLAKY_LAST_MODIFIED));
        assert_eq!(header(&head, "etag"), None);

        let resp = get(
            server.addr(),
            &req("/flaky-noaccept/1000", "Range: bytes=10-\r\n"),
        )
        .await;
        let (head, _) = split(&resp);
        assert_eq!(header(&head, "accept-ranges"), None);
        assert_eq!(header(&head, "content-range"), Some("bytes 10-999/1000"));

        let resp = get(server.addr(), &req("/flaky-nonsense/1000", "")).await;
        assert!(resp.starts_with(b"HTTP/1.1 404 "));
    }

    #[tokio::test]
    async fn flaky_gzip_ranges_count_encoded_bytes() {
        use async_compression::tokio::write::GzipDecoder;

        let server = ContentServer::start(ContentOptions::default()).await;
        let n = 3_000_000u64;
        let resp = get(
            server.addr(),
            format!("GET /flaky-gzip/{n} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await;
        let (head, whole) = split(&resp);
        let whole = whole.to_vec();
        assert_eq!(header(&head, "content-encoding"), Some("gzip"));
        assert_eq!(header(&head, "etag"), Some(&*format!("\"flaky-gzip-{n}\"")));
        assert_eq!(
            header(&head, "content-length"),
            Some(&*whole.len().to_string())
        );
        let mut decoder = GzipDecoder::new(Vec::new());
        decoder.write_all(&whole).await.expect("decode");
        decoder.shutdown().await.expect("decode end");
        let decoded = decoder.into_inner();
        assert_eq!(decoded.len() as u64, n);
        assert_eq!(pattern::verify(0, &decoded), Ok(()));

        let at = whole.len() as u64 / 3;
        server.plan_cuts([at + 7]);
        let resp = get(
            server.addr(),
            format!("GET /flaky-gzip/{n} HTTP/1.1\r\nRange: bytes={at}-\r\n\r\n").as_bytes(),
        )
        .await;
        let (head, part) = split(&resp);
        assert_eq!(
            header(&head, "content-range"),
            Some(&*format!("bytes {at}-{}/{}", whole.len() - 1, whole.len()))
        );
        assert_eq!(part, &whole[at as usize..at as usize + 7]);
    }

    #[tokio::test]
    async fn flaky_h2_resets_after_the_cut() {
        let ca = crate::TestCa::new();
        let server = ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;
        server.plan_cuts([1_234_567]);
        let connector = crate::tls::connector(&ca.ca_pem(), &[b"h2"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let tls = crate::tls::connect(&connector, "localhost", tcp)
            .await
            .expect("tls");
        let (client, conn) = http2::client::handshake(tls).await.expect("h2 handshake");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");
        for range in [None, Some("bytes=1234567-")] {
            let mut req = http::Request::get("https://localhost/flaky/3000000");
            if let Some(range) = range {
                req = req.header("range", range);
            }
            let (resp, _) = client
                .send_request(req.body(()).expect("request"), true)
                .expect("send");
            let resp = resp.await.expect("response");
            let start = if range.is_some() { 1_234_567 } else { 0 };
            let mut body = resp.into_body();
            let mut got = Vec::new();
            let mut error = None;
            while let Some(data) = body.data().await {
                match data {
                    Ok(data) => {
                        let _ = body.flow_control().release_capacity(data.len());
                        got.extend_from_slice(&data);
                    }
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                }
            }
            assert_eq!(pattern::verify(start, &got), Ok(()));
            match range {
                None => {
                    assert_eq!(got.len(), 1_234_567);
                    let error = error.expect("a reset after the cut");
                    assert_eq!(error.reason(), Some(http2::Reason::INTERNAL_ERROR));
                }
                Some(_) => {
                    assert!(error.is_none());
                    assert_eq!(got.len(), 3_000_000 - 1_234_567);
                }
            }
        }
        assert_eq!(server.flaky_hits()[1].version, "HTTP/2");
    }

    /// Rough throughput check; run with `--ignored --nocapture` in release mode.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore]
    async fn throughput_h1_plain() {
        let server = ContentServer::start(ContentOptions::default()).await;
        let n: u64 = 4 << 30;
        let mut s = TcpStream::connect(server.addr()).await.expect("connect");
        s.write_all(format!("GET /bytes/{n} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes())
            .await
            .expect("write");
        let start = std::time::Instant::now();
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            let got = s.read(&mut buf).await.expect("read");
            if got == 0 {
                break;
            }
            total += got as u64;
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{total} bytes in {secs:.2}s = {:.2} GB/s",
            total as f64 / secs / 1e9
        );
    }
}
