//! A fingerprint capture server: records what each client sends and echoes it back as JSON.
//!
//! Every connection is read raw first. A TLS connection's ClientHello is parsed by
//! [`mummer_inspect`] from the bytes as they arrived, then the handshake runs on a stream that
//! replays those bytes (ALPN: the client's first choice among `h2` and `http/1.1`). Over HTTP/2
//! the server speaks just enough of the protocol itself (SETTINGS, SETTINGS ACK, PING ACK, flow
//! control) to answer every request, keeping every byte the client sent for
//! [`H2Connection::parse`]; over HTTP/1.1 each request head is parsed with [`H1Request::parse`]
//! and the connection is kept alive. A connection whose first byte is not a TLS handshake record
//! is plain HTTP/1.1 (or HTTP/2 with prior knowledge, if it starts with the client preface).
//!
//! Each request produces one [`Capture`]; the response body (`200`, `application/json`) is the
//! capture's [`Capture::json`], i.e. [`mummer_inspect::summary_json`].
//!
//! # Pages for browsers
//!
//! Requests whose path starts with `/page/` are the exception: they are answered with HTML
//! pages that make a real browser send cookies, a Referer and multipart/form-data bodies, and
//! their request body is kept (the first [`REQUEST_BODY_LIMIT`] bytes, in
//! [`Capture::request_body`] and under `"request_body"` in [`Capture::json`]). Over HTTP/2 such a
//! request is recorded and answered when its stream ends, not when its HEADERS arrive. Pages
//! answer `Cache-Control: no-store`. Loading `/page/cookies` starts a chain that runs by itself:
//!
//! | route | answer | then the browser |
//! |---|---|---|
//! | `/page/cookies` | HTML; `Set-Cookie` for `root=1; Path=/`, `page=2; Path=/page`, `deep=3; Path=/page/next`, `secret=4; Path=/; HttpOnly`, `aged=5; Path=/; Max-Age=3600`, `wide=6; Path=/; Domain=<host>` (not for an IP host) | sets `js=7` from JavaScript, navigates (`location.href`) to `/page/next?from=cookies`: a same-origin navigation carrying Cookie and Referer |
//! | `/page/next` | HTML with a `<form method=post enctype=multipart/form-data action=/page/form-submit?from=next>`: fields `x=y`, `quote"name=café & more`, a textarea `text` (`one` LF `two`), an empty `<input type=file name=upload>` | submits it with `form.submit()` on load: a multipart form navigation |
//! | `/page/form-submit` | HTML whose script POSTs a `FormData` (`field=value`, file `a.txt`, `text/plain`, `hello from a.txt` LF) with `fetch()` | POSTs `/page/fetch-submit?from=form-submit`, then navigates to `cross.<host>/page/cross?from=form-submit` (same site, cross origin) |
//! | `/page/fetch-submit` | `application/json`: the capture summary, request body included | |
//! | `/page/cross` | HTML: the end of the chain | |
//! | `/page/websocket` | HTML whose script opens a WebSocket to `/ws-capture` + the page's query (`wss://` on TLS) | sends the upgrade (HTTP/1.1 `Upgrade: websocket`, or an extended CONNECT on HTTP/2 when [`CaptureOptions::enable_connect_protocol`] is set), which is recorded and answered `200` like any request |
//! | any other `/page/...` | `404`, HTML | |
//!
//! Out of scope: anything a real server needs beyond that (no request bodies are kept outside
//! `/page/`, no server push, no prioritisation). DATA the client sends is acknowledged and
//! discarded; only its first [`RECORDED_DATA_LIMIT`] bytes per connection are kept in the
//! recorded frame sequence.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use btls::pkey::PKey;
use btls::ssl::{AlpnError, SslAcceptor, SslMethod, SslVersion};
use btls::x509::X509;
use mummer_inspect::h1::H1Error;
use mummer_inspect::h2::{FrameHeader, PREFACE, flags, frame_type};
use mummer_inspect::{
    ClientHello, H1Request, H2Connection, TlsFingerprint, Transport, summary_json,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

use crate::Identity;
use crate::core::BackgroundRuntime;

mod pages;

/// Most bytes read while waiting for a complete ClientHello.
const HELLO_LIMIT: usize = 64 * 1024;
/// Time allowed for the ClientHello to arrive, and again for the TLS handshake.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection with nothing to read for this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// Largest HTTP/1.1 request head or chunk-size line accepted.
const HEAD_LIMIT: usize = 64 * 1024;
/// DATA payload bytes per HTTP/2 connection kept in the recorded frame sequence; later DATA
/// frames are processed but left out of the record (and so of [`Capture::h2`]).
pub const RECORDED_DATA_LIMIT: usize = 1024 * 1024;
/// Request body bytes kept per request on the `/page/` routes ([`Capture::request_body`]).
pub const REQUEST_BODY_LIMIT: usize = 64 * 1024;
/// Captures buffered for each [`CaptureServer::subscribe`] receiver.
const EVENT_CAPACITY: usize = 1024;
const READ_CHUNK: usize = 16 * 1024;

/// What one client request looked like on the wire.
#[derive(Clone, Debug)]
pub struct Capture {
    /// The connection's ClientHello (`None` on plain HTTP, or if it did not parse).
    pub client_hello: Option<ClientHello>,
    /// JA3 / JA3N / JA4 of [`Self::client_hello`].
    pub tls: Option<TlsFingerprint>,
    /// The ALPN protocol the server selected, if any.
    pub alpn: Option<String>,
    /// The HTTP/2 connection as parsed up to and including this request's header block (so the
    /// preface SETTINGS, WINDOW_UPDATE and PRIORITY frames, and every earlier request).
    pub h2: Option<H2Connection>,
    /// Index into `h2.requests` of the request this capture is about.
    pub h2_request_index: Option<usize>,
    /// The HTTP/1.x request head.
    pub h1: Option<H1Request>,
    /// On the `/page/` routes only: the request body (its first [`REQUEST_BODY_LIMIT`] bytes).
    pub request_body: Option<RequestBody>,
    /// [`summary_json`] of the above, plus `"request_body"` (see [`RequestBody::json`]) on the
    /// `/page/` routes: the body the client received, except on the `/page/` HTML routes.
    pub json: serde_json::Value,
}

/// The start of a request body, as received (after HTTP/1.1 chunked decoding or HTTP/2 DATA
/// framing and padding).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestBody {
    /// The first [`REQUEST_BODY_LIMIT`] bytes.
    pub bytes: Vec<u8>,
    /// Every body byte received, kept or not.
    pub len: u64,
    /// Over HTTP/2, the header of each DATA frame that carried the body, in order (length
    /// includes padding; flags show END_STREAM and PADDED).
    pub h2_data_frames: Vec<FrameHeader>,
}

impl RequestBody {
    /// Appends `data`, keeping at most [`REQUEST_BODY_LIMIT`] bytes in all.
    fn extend(&mut self, data: &[u8]) {
        let room = REQUEST_BODY_LIMIT.saturating_sub(self.bytes.len());
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
        self.len += data.len() as u64;
    }

    /// Whether bytes were left out.
    pub fn truncated(&self) -> bool {
        self.len > self.bytes.len() as u64
    }

    /// `{"len", "truncated", "text" (kept bytes as lossy UTF-8), "hex" (kept bytes),
    /// "h2_data_frames": [{"length", "flags"}]}`.
    pub fn json(&self) -> serde_json::Value {
        let frames: Vec<serde_json::Value> = self
            .h2_data_frames
            .iter()
            .map(|f| serde_json::json!({ "length": f.length, "flags": f.flags }))
            .collect();
        serde_json::json!({
            "len": self.len,
            "truncated": self.truncated(),
            "text": String::from_utf8_lossy(&self.bytes),
            "hex": hex::encode(&self.bytes),
            "h2_data_frames": frames,
        })
    }
}

impl Capture {
    /// The HTTP/2 request this capture is about.
    pub fn h2_request(&self) -> Option<&mummer_inspect::h2::H2Request> {
        self.h2.as_ref()?.requests.get(self.h2_request_index?)
    }

    /// The request target: `:path` over HTTP/2, the request-line target over HTTP/1.x.
    pub fn target(&self) -> Option<&str> {
        match (self.h2_request(), &self.h1) {
            (Some(r), _) => r
                .fields
                .iter()
                .find(|f| f.name == ":path")
                .map(|f| f.value.as_str()),
            (None, Some(h1)) => Some(&h1.target),
            (None, None) => None,
        }
    }

    /// `:authority` (or, failing that, `host`) over HTTP/2, `Host` over HTTP/1.x.
    fn authority(&self) -> Option<&str> {
        match (self.h2_request(), &self.h1) {
            (Some(r), _) => r
                .fields
                .iter()
                .find(|f| f.name == ":authority")
                .or_else(|| r.fields.iter().find(|f| f.name == "host"))
                .map(|f| f.value.as_str()),
            (None, Some(h1)) => h1.header("host"),
            (None, None) => None,
        }
    }

    /// Attaches the request body (page routes), in the struct and in the JSON.
    fn set_request_body(&mut self, body: RequestBody) {
        if let Some(map) = self.json.as_object_mut() {
            map.insert("request_body".to_owned(), body.json());
        }
        self.request_body = Some(body);
    }

    /// Whether this request is for a `/page/` route.
    fn is_page(&self) -> bool {
        self.target().is_some_and(pages::is_page)
    }
}

/// How a [`CaptureServer`] presents itself, beyond its certificate.
#[derive(Clone, Copy, Debug, Default)]
pub struct CaptureOptions {
    /// Send `SETTINGS_ENABLE_CONNECT_PROTOCOL = 1` in the HTTP/2 server preface (RFC 8441),
    /// inviting browsers to open WebSockets as extended CONNECT streams on the connection.
    pub enable_connect_protocol: bool,
}

struct Shared {
    options: CaptureOptions,
    captures: Mutex<Vec<Capture>>,
    events: broadcast::Sender<Capture>,
}

impl Shared {
    fn push(&self, capture: Capture) {
        // Send errors only mean nobody subscribed.
        let _ = self.events.send(capture.clone());
        self.captures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(capture);
    }
}

/// What the connection told us before any request: TLS details, shared by its captures.
struct ConnInfo {
    client_hello: Option<ClientHello>,
    tls: Option<TlsFingerprint>,
    alpn: Option<String>,
}

impl ConnInfo {
    fn capture(
        &self,
        h2: Option<H2Connection>,
        h2_request_index: Option<usize>,
        h1: Option<H1Request>,
    ) -> Capture {
        let json = summary_json(self.client_hello.as_ref(), h2.as_ref(), h1.as_ref());
        Capture {
            client_hello: self.client_hello.clone(),
            tls: self.tls.clone(),
            alpn: self.alpn.clone(),
            h2,
            h2_request_index,
            h1,
            request_body: None,
            json,
        }
    }
}

/// A running capture server. Dropping it stops accepting connections; connections already
/// accepted run until the client closes them (or, for [`Self::spawn_on_thread`], until the
/// private runtime shuts down with the handle).
pub struct CaptureServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
    // Declared last so the accept task is aborted before its runtime goes away.
    runtime: Option<BackgroundRuntime>,
}

impl CaptureServer {
    /// Starts a server on `127.0.0.1`, port 0, presenting `identity`, on the caller's runtime.
    ///
    /// # Panics
    /// If the identity's PEM does not parse or binding fails.
    pub async fn start(identity: Identity) -> CaptureServer {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), identity)
            .await
            .expect("mummer-testkit: start capture server")
    }

    /// Starts a server on `addr` (port 0 picks a free port), presenting `identity` (the
    /// certificate PEM may hold a chain, leaf first), on the caller's runtime.
    pub async fn start_on(addr: SocketAddr, identity: Identity) -> io::Result<CaptureServer> {
        Self::start_with(addr, identity, CaptureOptions::default()).await
    }

    /// Like [`Self::start_on`], with `options`.
    pub async fn start_with(
        addr: SocketAddr,
        identity: Identity,
        options: CaptureOptions,
    ) -> io::Result<CaptureServer> {
        let acceptor = Arc::new(build_acceptor(&identity)?);
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (events, _) = broadcast::channel(EVENT_CAPACITY);
        let shared = Arc::new(Shared {
            options,
            captures: Mutex::new(Vec::new()),
            events,
        });
        let accept = tokio::spawn(accept_loop(listener, acceptor, shared.clone()));
        Ok(CaptureServer {
            addr,
            shared,
            accept,
            runtime: None,
        })
    }

    /// Like [`Self::start`], on a private multi-thread runtime owned by the handle, so
    /// synchronous code can use it too.
    ///
    /// # Panics
    /// As [`Self::start`], or if the runtime cannot be built.
    pub fn spawn_on_thread(identity: Identity) -> CaptureServer {
        let (mut server, rt) = std::thread::Builder::new()
            .name("mummer-testkit-start".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("mummer-testkit")
                    .enable_all()
                    .build()
                    .expect("mummer-testkit: build runtime");
                let server = rt.block_on(Self::start(identity));
                (server, rt)
            })
            .expect("mummer-testkit: spawn thread")
            .join()
            .expect("mummer-testkit: capture server start panicked");
        server.runtime = Some(BackgroundRuntime(Some(rt)));
        server
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The listening port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every capture so far, in the order the requests completed.
    pub fn captures(&self) -> Vec<Capture> {
        self.shared
            .captures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Forgets the captures kept so far (a long-running server that reads them through
    /// [`Self::subscribe`] calls this to bound its memory).
    pub fn clear(&self) {
        self.shared
            .captures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// A receiver of every capture made from now on, delivered before the client gets its
    /// response. A receiver more than 1024 captures behind skips the oldest ones
    /// ([`broadcast::error::RecvError::Lagged`]).
    pub fn subscribe(&self) -> broadcast::Receiver<Capture> {
        self.shared.events.subscribe()
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Server TLS for `identity`, TLS 1.2 and 1.3, selecting the client's first ALPN protocol among
/// `h2` and `http/1.1` (none if it offers neither).
fn build_acceptor(identity: &Identity) -> io::Result<SslAcceptor> {
    let bad = |what: &str, e: btls::error::ErrorStack| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("{what}: {e}"))
    };
    let mut chain = X509::stack_from_pem(identity.cert_pem.as_bytes())
        .map_err(|e| bad("certificate PEM", e))?
        .into_iter();
    let leaf = chain
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no certificate in the PEM"))?;
    let key = PKey::private_key_from_pem(identity.key_pem.as_bytes())
        .map_err(|e| bad("private key PEM", e))?;
    let mut b = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).map_err(io::Error::other)?;
    b.set_min_proto_version(Some(SslVersion::TLS1_2))
        .map_err(io::Error::other)?;
    b.set_max_proto_version(Some(SslVersion::TLS1_3))
        .map_err(io::Error::other)?;
    b.set_certificate(&leaf)
        .map_err(|e| bad("certificate", e))?;
    for cert in chain {
        b.add_extra_chain_cert(cert)
            .map_err(|e| bad("certificate chain", e))?;
    }
    b.set_private_key(&key).map_err(|e| bad("private key", e))?;
    b.check_private_key()
        .map_err(|e| bad("key does not match certificate", e))?;
    b.set_alpn_select_callback(|_, client| {
        let mut rest = client;
        // The client list is length-prefixed protocol names (RFC 7301 wire format).
        while let Some((&len, tail)) = rest.split_first() {
            let Some((proto, next)) = tail.split_at_checked(usize::from(len)) else {
                break;
            };
            if proto == b"h2" || proto == b"http/1.1" {
                return Ok(proto);
            }
            rest = next;
        }
        Err(AlpnError::NOACK)
    });
    Ok(b.build())
}

async fn accept_loop(listener: TcpListener, acceptor: Arc<SslAcceptor>, shared: Arc<Shared>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Transient errors (e.g. EMFILE) must not kill the server.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            // A connection error only ends that connection.
            let _ = serve_connection(stream, &acceptor, &shared).await;
        });
    }
}

fn timed_out() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "client too slow")
}

/// Reads more bytes into `buf` (at most [`READ_CHUNK`]), waiting at most `limit`; 0 at EOF.
async fn read_more<S: AsyncRead + Unpin>(
    io: &mut S,
    buf: &mut Vec<u8>,
    limit: Duration,
) -> io::Result<usize> {
    let mut chunk = [0u8; READ_CHUNK];
    let n = tokio::time::timeout(limit, io.read(&mut chunk))
        .await
        .map_err(|_| timed_out())??;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

/// How a connection starts.
enum Start {
    /// Not a TLS handshake record.
    Plain,
    /// A TLS connection; the ClientHello if it parsed.
    Tls(Option<Box<ClientHello>>),
}

/// Reads until the first byte tells TLS from plain and, for TLS, until the ClientHello is
/// complete (or clearly not parseable). Every byte read stays in `buf`.
async fn read_start(tcp: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<Start> {
    let deadline = tokio::time::Instant::now() + HELLO_TIMEOUT;
    loop {
        match buf.first() {
            None => {}
            Some(&first) if first != 0x16 => return Ok(Start::Plain),
            Some(_) => match ClientHello::parse(buf) {
                Ok(hello) => return Ok(Start::Tls(Some(Box::new(hello)))),
                // Let the TLS library decide what to make of it.
                Err(e) if e != mummer_inspect::client_hello::ParseError::Incomplete => {
                    return Ok(Start::Tls(None));
                }
                Err(_) if buf.len() >= HELLO_LIMIT => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "ClientHello larger than 64 KiB",
                    ));
                }
                Err(_) => {}
            },
        }
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if read_more(tcp, buf, left).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
}

async fn serve_connection(
    mut tcp: TcpStream,
    acceptor: &SslAcceptor,
    shared: &Shared,
) -> io::Result<()> {
    let mut first = Vec::new();
    match read_start(&mut tcp, &mut first).await? {
        Start::Plain => {
            // HTTP/2 with prior knowledge if the bytes so far are the start of the preface.
            let deadline = tokio::time::Instant::now() + HELLO_TIMEOUT;
            let h2 = loop {
                let n = first.len().min(PREFACE.len());
                if first[..n] != PREFACE[..n] {
                    break false;
                }
                if n == PREFACE.len() {
                    break true;
                }
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                if read_more(&mut tcp, &mut first, left).await? == 0 {
                    return Ok(());
                }
            };
            let info = ConnInfo {
                client_hello: None,
                tls: None,
                alpn: None,
            };
            if h2 {
                serve_h2(tcp, first, &info, shared).await
            } else {
                serve_h1(tcp, first, &info, shared).await
            }
        }
        Start::Tls(client_hello) => {
            let tls = client_hello
                .as_ref()
                .map(|hello| TlsFingerprint::compute(hello, Transport::Tcp));
            let stream = Prefixed {
                prefix: first,
                pos: 0,
                inner: tcp,
            };
            let stream = tokio::time::timeout(HELLO_TIMEOUT, crate::tls::accept(acceptor, stream))
                .await
                .map_err(|_| timed_out())??;
            let alpn = stream
                .ssl()
                .selected_alpn_protocol()
                .map(|p| String::from_utf8_lossy(p).into_owned());
            let is_h2 = alpn.as_deref() == Some("h2");
            let info = ConnInfo {
                client_hello: client_hello.map(|hello| *hello),
                tls,
                alpn,
            };
            if is_h2 {
                serve_h2(stream, Vec::new(), &info, shared).await
            } else {
                serve_h1(stream, Vec::new(), &info, shared).await
            }
        }
    }
}

/// A stream that first yields `prefix` (bytes already read from `inner`), then reads `inner`;
/// writes go straight to `inner`.
struct Prefixed<S> {
    prefix: Vec<u8>,
    pos: usize,
    inner: S,
}

impl<S: AsyncRead + Unpin> AsyncRead for Prefixed<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.pos < this.prefix.len() && buf.remaining() > 0 {
            let rest = &this.prefix[this.pos..];
            let n = rest.len().min(buf.remaining());
            buf.put_slice(&rest[..n]);
            this.pos += n;
            if this.pos == this.prefix.len() {
                this.prefix = Vec::new();
                this.pos = 0;
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Prefixed<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1

/// How a request body is delimited.
enum Body {
    Length(u64),
    Chunked,
}

fn body_framing(req: &H1Request) -> Result<Body, &'static str> {
    let mut length = None;
    let mut chunked = false;
    for (name, value) in &req.headers {
        if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value
                .rsplit(',')
                .next()
                .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
        } else if name.eq_ignore_ascii_case("content-length") {
            let n: u64 = value.trim().parse().map_err(|_| "bad Content-Length")?;
            if length.is_some_and(|l| l != n) {
                return Err("conflicting Content-Length");
            }
            length = Some(n);
        }
    }
    Ok(if chunked {
        Body::Chunked
    } else {
        Body::Length(length.unwrap_or(0))
    })
}

/// Whether the connection closes after this request.
fn wants_close(req: &H1Request) -> bool {
    let has_token = |token: &str| {
        req.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("connection")
                && v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token))
        })
    };
    if req.version == "HTTP/1.1" {
        has_token("close")
    } else {
        !has_token("keep-alive")
    }
}

/// Consumes `n` body bytes, handing them to `keep` if there is one.
async fn skip_exact<S: AsyncRead + Unpin>(
    io: &mut S,
    buf: &mut Vec<u8>,
    mut n: u64,
    keep: &mut Option<RequestBody>,
) -> io::Result<()> {
    loop {
        let take = usize::try_from(n).unwrap_or(usize::MAX).min(buf.len());
        if let Some(body) = keep {
            body.extend(&buf[..take]);
        }
        buf.drain(..take);
        n -= take as u64;
        if n == 0 {
            return Ok(());
        }
        if read_more(io, buf, IDLE_TIMEOUT).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
}

/// Removes and returns one line (without its line ending).
async fn read_line<S: AsyncRead + Unpin>(io: &mut S, buf: &mut Vec<u8>) -> io::Result<Vec<u8>> {
    loop {
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            let mut line: Vec<u8> = buf.drain(..=i).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(line);
        }
        if buf.len() > HEAD_LIMIT {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
        }
        if read_more(io, buf, IDLE_TIMEOUT).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
}

/// Consumes a chunked body, handing its data to `keep` if there is one.
async fn skip_chunked<S: AsyncRead + Unpin>(
    io: &mut S,
    buf: &mut Vec<u8>,
    keep: &mut Option<RequestBody>,
) -> io::Result<()> {
    loop {
        let line = read_line(io, buf).await?;
        let text = String::from_utf8_lossy(&line);
        let hex = text.split(';').next().unwrap_or_default().trim();
        let size = u64::from_str_radix(hex, 16)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
        if size == 0 {
            // Trailer fields up to an empty line.
            while !read_line(io, buf).await?.is_empty() {}
            return Ok(());
        }
        skip_exact(io, buf, size, keep).await?;
        read_line(io, buf).await?;
    }
}

async fn serve_h1<S: AsyncRead + AsyncWrite + Unpin>(
    mut io: S,
    mut buf: Vec<u8>,
    info: &ConnInfo,
    shared: &Shared,
) -> io::Result<()> {
    loop {
        let req = loop {
            match H1Request::parse(&buf) {
                Ok(req) => break req,
                Err(H1Error::Incomplete) if buf.len() > HEAD_LIMIT => {
                    return bad_request(&mut io, "request head too large").await;
                }
                Err(H1Error::Incomplete) => {
                    if read_more(&mut io, &mut buf, IDLE_TIMEOUT).await? == 0 {
                        let _ = io.shutdown().await;
                        return Ok(());
                    }
                }
                Err(e) => return bad_request(&mut io, &e.to_string()).await,
            }
        };
        buf.drain(..req.head_len.min(buf.len()));
        let framing = match body_framing(&req) {
            Ok(f) => f,
            Err(reason) => return bad_request(&mut io, reason).await,
        };
        let has_body = !matches!(framing, Body::Length(0));
        if has_body
            && req
                .header("expect")
                .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
        {
            io.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await?;
            io.flush().await?;
        }
        let mut keep = pages::is_page(&req.target).then(RequestBody::default);
        match framing {
            Body::Length(n) => skip_exact(&mut io, &mut buf, n, &mut keep).await?,
            Body::Chunked => skip_chunked(&mut io, &mut buf, &mut keep).await?,
        }
        let close = wants_close(&req);
        let head_only = req.method == "HEAD";
        let mut capture = info.capture(None, None, Some(req));
        let (status, headers, body) = match keep {
            Some(request_body) => {
                capture.set_request_body(request_body);
                let reply = pages::reply(
                    capture.target().unwrap_or_default(),
                    capture.authority(),
                    &capture.json,
                );
                (reply.status, reply.headers, reply.body)
            }
            None => (
                200,
                vec![("Content-Type", "application/json".to_owned())],
                capture.json.to_string().into_bytes(),
            ),
        };
        shared.push(capture);
        let mut head = format!("HTTP/1.1 {status} {}\r\n", pages::reason(status));
        for (name, value) in &headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        if !head_only {
            out.extend_from_slice(&body);
        }
        io.write_all(&out).await?;
        io.flush().await?;
        if close {
            let _ = io.shutdown().await;
            return Ok(());
        }
    }
}

async fn bad_request<S: AsyncWrite + Unpin>(io: &mut S, reason: &str) -> io::Result<()> {
    let body = format!("{reason}\n");
    let response = format!(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    io.write_all(response.as_bytes()).await?;
    io.flush().await?;
    let _ = io.shutdown().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTTP/2

const SETTINGS_INITIAL_WINDOW_SIZE: u16 = 0x4;
const SETTINGS_MAX_FRAME_SIZE: u16 = 0x5;
/// RFC 8441 section 3.
const SETTINGS_ENABLE_CONNECT_PROTOCOL: u16 = 0x8;
const DEFAULT_WINDOW: i64 = 65_535;
const DEFAULT_MAX_FRAME: usize = 16_384;
const PROTOCOL_ERROR: u32 = 0x1;
const FLOW_CONTROL_ERROR: u32 = 0x3;
const FRAME_SIZE_ERROR: u32 = 0x6;
const COMPRESSION_ERROR: u32 = 0x9;

/// Appends one frame to `out`.
fn put_frame(out: &mut Vec<u8>, kind: u8, flags: u8, stream_id: u32, payload: &[u8]) {
    let len = payload.len() as u32;
    out.extend_from_slice(&len.to_be_bytes()[1..]);
    out.push(kind);
    out.push(flags);
    out.extend_from_slice(&(stream_id & 0x7fff_ffff).to_be_bytes());
    out.extend_from_slice(payload);
}

/// HPACK integer with an `prefix_bits`-bit prefix, `first` holding the representation bits.
fn hpack_int(out: &mut Vec<u8>, first: u8, prefix_bits: u8, mut value: usize) {
    let max = (1usize << prefix_bits) - 1;
    if value < max {
        out.push(first | value as u8);
        return;
    }
    out.push(first | max as u8);
    value -= max;
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A header field as "literal without indexing, new name", strings without Huffman coding.
fn hpack_literal(out: &mut Vec<u8>, name: &str, value: &str) {
    out.push(0x00);
    for s in [name, value] {
        hpack_int(out, 0x00, 7, s.len());
        out.extend_from_slice(s.as_bytes());
    }
}

/// A response body waiting for flow-control window.
struct Outgoing {
    stream_id: u32,
    window: i64,
    body: Vec<u8>,
    sent: usize,
}

/// A `/page/` request whose body is still arriving.
struct PendingPage {
    stream_id: u32,
    capture: Capture,
    body: RequestBody,
}

/// The server side of one HTTP/2 connection.
struct H2Server<'a> {
    info: &'a ConnInfo,
    shared: &'a Shared,
    /// The preface and every frame the client sent (DATA beyond the limit left out).
    record: Vec<u8>,
    recorded_data: usize,
    max_frame: usize,
    initial_window: i64,
    conn_window: i64,
    outgoing: Vec<Outgoing>,
    /// Highest stream id answered (later header blocks on it are trailers).
    last_answered: u32,
    /// Stream whose header block awaits CONTINUATION frames.
    open_block: Option<u32>,
    /// Whether that block's HEADERS frame carried END_STREAM.
    open_block_ends_stream: bool,
    /// Page requests waiting for the end of their body.
    pending: Vec<PendingPage>,
    out: Vec<u8>,
}

/// Why the server ends a connection with GOAWAY.
struct H2Fault(u32);

impl H2Server<'_> {
    fn goaway(&mut self, code: u32) {
        let mut payload = self.last_answered.to_be_bytes().to_vec();
        payload.extend_from_slice(&code.to_be_bytes());
        put_frame(&mut self.out, frame_type::GOAWAY, 0, 0, &payload);
    }

    /// Handles one complete frame.
    fn frame(&mut self, kind: u8, fl: u8, stream_id: u32, raw: &[u8]) -> Result<(), H2Fault> {
        let payload = &raw[9..];
        if kind == frame_type::DATA {
            if self.recorded_data + payload.len() <= RECORDED_DATA_LIMIT {
                self.recorded_data += payload.len();
                self.record.extend_from_slice(raw);
            }
        } else {
            self.record.extend_from_slice(raw);
        }
        if let Some(open) = self.open_block
            && (kind != frame_type::CONTINUATION || stream_id != open)
        {
            return Err(H2Fault(PROTOCOL_ERROR));
        }
        if kind == frame_type::DATA {
            self.page_data(fl, stream_id, payload)?;
        }
        match kind {
            frame_type::SETTINGS if fl & flags::ACK == 0 => {
                if payload.len() % 6 != 0 {
                    return Err(H2Fault(FRAME_SIZE_ERROR));
                }
                for s in payload.chunks_exact(6) {
                    let id = u16::from_be_bytes([s[0], s[1]]);
                    let value = u32::from_be_bytes([s[2], s[3], s[4], s[5]]);
                    match id {
                        SETTINGS_INITIAL_WINDOW_SIZE => {
                            if value > 0x7fff_ffff {
                                return Err(H2Fault(FLOW_CONTROL_ERROR));
                            }
                            let delta = i64::from(value) - self.initial_window;
                            self.initial_window = i64::from(value);
                            for o in &mut self.outgoing {
                                o.window += delta;
                            }
                        }
                        SETTINGS_MAX_FRAME_SIZE => {
                            if !(16_384..=16_777_215).contains(&value) {
                                return Err(H2Fault(PROTOCOL_ERROR));
                            }
                            self.max_frame = value as usize;
                        }
                        _ => {}
                    }
                }
                put_frame(&mut self.out, frame_type::SETTINGS, flags::ACK, 0, &[]);
            }
            frame_type::PING if fl & flags::ACK == 0 => {
                if payload.len() != 8 {
                    return Err(H2Fault(FRAME_SIZE_ERROR));
                }
                put_frame(&mut self.out, frame_type::PING, flags::ACK, 0, payload);
            }
            frame_type::WINDOW_UPDATE => {
                let [a, b, c, d] = payload else {
                    return Err(H2Fault(FRAME_SIZE_ERROR));
                };
                let increment = i64::from(u32::from_be_bytes([*a, *b, *c, *d]) & 0x7fff_ffff);
                if stream_id == 0 {
                    self.conn_window += increment;
                } else if let Some(o) = self.outgoing.iter_mut().find(|o| o.stream_id == stream_id)
                {
                    o.window += increment;
                }
            }
            frame_type::RST_STREAM => {
                self.outgoing.retain(|o| o.stream_id != stream_id);
                self.pending.retain(|p| p.stream_id != stream_id);
            }
            frame_type::DATA if !payload.is_empty() => {
                // Give the window straight back: the body is not kept.
                let increment = (payload.len() as u32).to_be_bytes();
                put_frame(&mut self.out, frame_type::WINDOW_UPDATE, 0, 0, &increment);
                if fl & flags::END_STREAM == 0 {
                    put_frame(
                        &mut self.out,
                        frame_type::WINDOW_UPDATE,
                        0,
                        stream_id,
                        &increment,
                    );
                }
            }
            frame_type::HEADERS => {
                let ends_stream = fl & flags::END_STREAM != 0;
                if fl & flags::END_HEADERS != 0 {
                    self.request(stream_id, ends_stream)?;
                } else {
                    self.open_block = Some(stream_id);
                    self.open_block_ends_stream = ends_stream;
                }
            }
            frame_type::CONTINUATION => {
                if self.open_block != Some(stream_id) {
                    return Err(H2Fault(PROTOCOL_ERROR));
                }
                if fl & flags::END_HEADERS != 0 {
                    self.open_block = None;
                    self.request(stream_id, self.open_block_ends_stream)?;
                }
            }
            // GOAWAY: answer what is in flight and wait for the client to close. PRIORITY,
            // PUSH_PROMISE, SETTINGS and PING ACKs and unknown frames need nothing.
            _ => {}
        }
        self.pump();
        Ok(())
    }

    /// DATA on `stream_id`: kept if it belongs to a pending page request, which is answered
    /// when the stream ends.
    fn page_data(&mut self, fl: u8, stream_id: u32, payload: &[u8]) -> Result<(), H2Fault> {
        let Some(i) = self.pending.iter().position(|p| p.stream_id == stream_id) else {
            return Ok(());
        };
        let data = if fl & flags::PADDED != 0 {
            let (&pad, rest) = payload.split_first().ok_or(H2Fault(PROTOCOL_ERROR))?;
            let end = rest
                .len()
                .checked_sub(usize::from(pad))
                .ok_or(H2Fault(PROTOCOL_ERROR))?;
            &rest[..end]
        } else {
            payload
        };
        let body = &mut self.pending[i].body;
        body.extend(data);
        body.h2_data_frames.push(FrameHeader {
            frame_type: frame_type::DATA,
            flags: fl,
            stream_id,
            length: payload.len() as u32,
        });
        if fl & flags::END_STREAM != 0 {
            let page = self.pending.remove(i);
            self.answer_page(page.stream_id, page.capture, page.body);
        }
        Ok(())
    }

    /// A header block on `stream_id` is complete: record it and answer it (a page request
    /// with a body: once the body has arrived).
    fn request(&mut self, stream_id: u32, ends_stream: bool) -> Result<(), H2Fault> {
        if stream_id == 0 || stream_id % 2 == 0 {
            return Err(H2Fault(PROTOCOL_ERROR));
        }
        if stream_id <= self.last_answered {
            // Trailers of a request already answered, or ending a page request's body.
            if ends_stream
                && let Some(i) = self.pending.iter().position(|p| p.stream_id == stream_id)
            {
                let page = self.pending.remove(i);
                self.answer_page(page.stream_id, page.capture, page.body);
            }
            return Ok(());
        }
        self.last_answered = stream_id;
        let conn = H2Connection::parse(&self.record).map_err(|e| {
            H2Fault(match e {
                mummer_inspect::h2::H2Error::Hpack(_) => COMPRESSION_ERROR,
                _ => PROTOCOL_ERROR,
            })
        })?;
        let index = conn.requests.iter().rposition(|r| r.stream_id == stream_id);
        let capture = self.info.capture(Some(conn), index, None);
        if capture.is_page() {
            if ends_stream {
                self.answer_page(stream_id, capture, RequestBody::default());
            } else {
                self.pending.push(PendingPage {
                    stream_id,
                    capture,
                    body: RequestBody::default(),
                });
            }
            return Ok(());
        }
        let body = capture.json.to_string().into_bytes();
        self.shared.push(capture);
        self.respond(
            stream_id,
            200,
            &[("content-type".to_owned(), "application/json".to_owned())],
            body,
        );
        Ok(())
    }

    /// Records a page request with its body and answers it with its page.
    fn answer_page(&mut self, stream_id: u32, mut capture: Capture, body: RequestBody) {
        capture.set_request_body(body);
        let reply = pages::reply(
            capture.target().unwrap_or_default(),
            capture.authority(),
            &capture.json,
        );
        self.shared.push(capture);
        let headers: Vec<(String, String)> = reply
            .headers
            .into_iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v))
            .collect();
        self.respond(stream_id, reply.status, &headers, reply.body);
    }

    /// Queues a response: HEADERS (`:status`, `headers`, content-length), then `body` as DATA
    /// as flow control allows.
    fn respond(
        &mut self,
        stream_id: u32,
        status: u16,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) {
        let mut block = Vec::new();
        hpack_literal(&mut block, ":status", &status.to_string());
        for (name, value) in headers {
            hpack_literal(&mut block, name, value);
        }
        hpack_literal(&mut block, "content-length", &body.len().to_string());
        let end = if body.is_empty() {
            flags::END_STREAM
        } else {
            0
        };
        put_frame(
            &mut self.out,
            frame_type::HEADERS,
            flags::END_HEADERS | end,
            stream_id,
            &block,
        );
        if !body.is_empty() {
            self.outgoing.push(Outgoing {
                stream_id,
                window: self.initial_window,
                body,
                sent: 0,
            });
        }
    }

    /// Queues as much response DATA as the client's windows and frame size allow.
    fn pump(&mut self) {
        for o in &mut self.outgoing {
            while o.sent < o.body.len() && self.conn_window > 0 && o.window > 0 {
                let allowed = self.conn_window.min(o.window);
                let n = (o.body.len() - o.sent)
                    .min(self.max_frame)
                    .min(usize::try_from(allowed).unwrap_or(usize::MAX));
                let last = o.sent + n == o.body.len();
                put_frame(
                    &mut self.out,
                    frame_type::DATA,
                    if last { flags::END_STREAM } else { 0 },
                    o.stream_id,
                    &o.body[o.sent..o.sent + n],
                );
                o.sent += n;
                o.window -= n as i64;
                self.conn_window -= n as i64;
            }
        }
        self.outgoing.retain(|o| o.sent < o.body.len());
    }
}

async fn serve_h2<S: AsyncRead + AsyncWrite + Unpin>(
    mut io: S,
    mut input: Vec<u8>,
    info: &ConnInfo,
    shared: &Shared,
) -> io::Result<()> {
    let mut server = H2Server {
        info,
        shared,
        record: Vec::new(),
        recorded_data: 0,
        max_frame: DEFAULT_MAX_FRAME,
        initial_window: DEFAULT_WINDOW,
        conn_window: DEFAULT_WINDOW,
        outgoing: Vec::new(),
        last_answered: 0,
        open_block: None,
        open_block_ends_stream: false,
        pending: Vec::new(),
        out: Vec::new(),
    };
    // The server preface, sent before reading: SETTINGS with every default, plus the RFC 8441
    // invitation when asked.
    let mut settings = Vec::new();
    if shared.options.enable_connect_protocol {
        settings.extend_from_slice(&SETTINGS_ENABLE_CONNECT_PROTOCOL.to_be_bytes());
        settings.extend_from_slice(&1u32.to_be_bytes());
    }
    put_frame(&mut server.out, frame_type::SETTINGS, 0, 0, &settings);
    io.write_all(&server.out).await?;
    io.flush().await?;
    server.out.clear();

    while input.len() < PREFACE.len() {
        if read_more(&mut io, &mut input, IDLE_TIMEOUT).await? == 0 {
            return Ok(());
        }
    }
    if !input.starts_with(PREFACE) {
        server.goaway(PROTOCOL_ERROR);
        io.write_all(&server.out).await?;
        let _ = io.shutdown().await;
        return Ok(());
    }
    server.record.extend_from_slice(PREFACE);
    let mut pos = PREFACE.len();
    loop {
        // Every complete frame in the buffer.
        let mut fault = None;
        while let Some(header) = input.get(pos..pos + 9) {
            let len = u32::from_be_bytes([0, header[0], header[1], header[2]]) as usize;
            let Some(raw) = input.get(pos..pos + 9 + len) else {
                break;
            };
            let stream_id =
                u32::from_be_bytes([header[5], header[6], header[7], header[8]]) & 0x7fff_ffff;
            if let Err(f) = server.frame(header[3], header[4], stream_id, raw) {
                fault = Some(f);
                break;
            }
            pos += 9 + len;
        }
        input.drain(..pos);
        pos = 0;
        if let Some(H2Fault(code)) = fault {
            server.goaway(code);
        }
        if !server.out.is_empty() {
            io.write_all(&server.out).await?;
            io.flush().await?;
            server.out.clear();
        }
        if fault.is_some() || read_more(&mut io, &mut input, IDLE_TIMEOUT).await? == 0 {
            let _ = io.shutdown().await;
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TestCa;
    use crate::tls::{connect, connector};

    async fn read_h1_response<S: AsyncRead + Unpin>(io: &mut S) -> (String, Vec<u8>) {
        let mut buf = Vec::new();
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            assert!(
                read_more(io, &mut buf, Duration::from_secs(10))
                    .await
                    .expect("read")
                    > 0,
                "EOF in head"
            );
        };
        let head = String::from_utf8(buf[..head_end].to_vec()).expect("utf8 head");
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .expect("content-length")
            .parse()
            .expect("number");
        while buf.len() < head_end + len {
            assert!(
                read_more(io, &mut buf, Duration::from_secs(10))
                    .await
                    .expect("read")
                    > 0,
                "EOF in body"
            );
        }
        (head, buf[head_end..head_end + len].to_vec())
    }

    #[tokio::test]
    async fn tls_http1_captures_client_hello_and_keeps_alive() {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["localhost"])).await;
        let c = connector(&ca.ca_pem(), &[b"http/1.1"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let mut tls = connect(&c, "localhost", tcp).await.expect("tls");
        assert_eq!(tls.ssl().selected_alpn_protocol(), Some(&b"http/1.1"[..]));

        tls.write_all(
            b"POST /a HTTP/1.1\r\nHost: localhost\r\nX-Zeta: 1\r\nContent-Length: 5\r\n\r\nhello",
        )
        .await
        .expect("write");
        let (head, body) = read_h1_response(&mut tls).await;
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("Content-Type: application/json\r\n"),
            "{head}"
        );
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");

        // Keep-alive: a second request, chunked this time, on the same connection.
        tls.write_all(
            b"POST /b HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        )
        .await
        .expect("write");
        let (_, body2) = read_h1_response(&mut tls).await;
        let json2: serde_json::Value = serde_json::from_slice(&body2).expect("json");

        let captures = server.captures();
        assert_eq!(captures.len(), 2);
        let cap = &captures[0];
        let hello = cap.client_hello.as_ref().expect("ClientHello");
        assert_eq!(hello.server_name.as_deref(), Some("localhost"));
        let fp = cap.tls.as_ref().expect("fingerprint");
        assert!(fp.ja4.starts_with("t13d"), "{}", fp.ja4);
        assert_eq!(json["tls"]["ja4"], fp.ja4.as_str());
        assert_eq!(cap.json, json);
        assert_eq!(cap.alpn.as_deref(), Some("http/1.1"));
        assert!(cap.h2.is_none());
        let h1 = cap.h1.as_ref().expect("h1");
        assert_eq!(h1.target, "/a");
        assert_eq!(h1.header_names(), ["Host", "X-Zeta", "Content-Length"]);
        // Bodies are kept on the /page/ routes only.
        assert_eq!(cap.request_body, None);
        assert!(cap.json.get("request_body").is_none());
        assert_eq!(captures[1].h1.as_ref().expect("h1").target, "/b");
        assert_eq!(captures[1].json, json2);
        assert_eq!(captures[1].tls, captures[0].tls);
    }

    #[tokio::test]
    async fn h2_answers_with_akamai_and_header_order() {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["localhost"])).await;
        let mut events = server.subscribe();
        let c = connector(&ca.ca_pem(), &[b"h2", b"http/1.1"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let tls = connect(&c, "localhost", tcp).await.expect("tls");
        assert_eq!(tls.ssl().selected_alpn_protocol(), Some(&b"h2"[..]));
        let (client, mut conn) = http2::client::handshake(tls).await.expect("h2 handshake");
        let mut ping = conn.ping_pong().expect("ping_pong");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");

        async fn fetch(
            client: &mut http2::client::SendRequest<bytes::Bytes>,
            req: http::Request<()>,
        ) -> serde_json::Value {
            let (resp, _) = client.send_request(req, true).expect("send");
            let resp = resp.await.expect("response");
            assert_eq!(resp.status(), 200);
            assert_eq!(resp.headers()["content-type"], "application/json");
            let mut body = resp.into_body();
            let mut got = Vec::new();
            while let Some(data) = body.data().await {
                let data = data.expect("data");
                let _ = body.flow_control().release_capacity(data.len());
                got.extend_from_slice(&data);
            }
            serde_json::from_slice(&got).expect("json")
        }

        let req = http::Request::get("https://localhost/first")
            .header("x-one", "1")
            .header("accept", "*/*")
            .header("x-two", "2")
            .body(())
            .expect("request");
        let json = fetch(&mut client, req).await;
        let cap = events.recv().await.expect("capture");
        let h2 = cap.h2.as_ref().expect("h2");
        assert_eq!(json["http2"]["akamai"], h2.akamai().as_str());
        assert_eq!(cap.json, json);
        assert_eq!(cap.h2_request_index, Some(0));
        let request = cap.h2_request().expect("request");
        assert_eq!(request.header_order(), ["x-one", "accept", "x-two"]);
        assert_eq!(
            request.pseudo_header_order().len(),
            4,
            "{:?}",
            request.headers()
        );
        assert_eq!(
            cap.client_hello
                .as_ref()
                .and_then(|h| h.server_name.as_deref()),
            Some("localhost")
        );
        assert_eq!(cap.alpn.as_deref(), Some("h2"));

        ping.ping(http2::Ping::opaque()).await.expect("pong");

        // A header block larger than a frame (CONTINUATION) and a response larger than the
        // client's 64 KiB stream window (flow control, several DATA frames).
        let big = "v".repeat(100_000);
        let req = http::Request::get("https://localhost/second")
            .header("x-big", big.as_str())
            .body(())
            .expect("request");
        let json2 = fetch(&mut client, req).await;
        let cap2 = events.recv().await.expect("capture");
        assert_eq!(cap2.json, json2);
        assert_eq!(cap2.h2_request_index, Some(1));
        let request = cap2.h2_request().expect("request");
        assert!(request.continuation_frames > 0);
        assert_eq!(request.headers().last(), Some(&("x-big", big.as_str())));
        // The connection-level view is unchanged by later requests.
        assert_eq!(json2["http2"]["akamai"], json["http2"]["akamai"]);
        assert_eq!(server.captures().len(), 2);
    }

    #[tokio::test]
    async fn plain_http1_and_h2_prior_knowledge() {
        let server = CaptureServer::start(TestCa::new().issue(&["localhost"])).await;
        let mut tcp = TcpStream::connect(server.addr()).await.expect("connect");
        tcp.write_all(b"GET /plain HTTP/1.1\r\nHost: x\r\nUser-Agent: raw\r\nAccept: */*\r\n\r\n")
            .await
            .expect("write");
        let (head, body) = read_h1_response(&mut tcp).await;
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert!(json["tls"].is_null());
        assert_eq!(json["http1"]["target"], "/plain");

        let cap = &server.captures()[0];
        assert!(cap.client_hello.is_none() && cap.tls.is_none() && cap.alpn.is_none());
        let h1 = cap.h1.as_ref().expect("h1");
        assert_eq!(h1.header_names(), ["Host", "User-Agent", "Accept"]);
        assert_eq!(h1.header("user-agent"), Some("raw"));

        // HTTP/1.0 closes after the response.
        let mut tcp = TcpStream::connect(server.addr()).await.expect("connect");
        tcp.write_all(b"GET /old HTTP/1.0\r\n\r\n")
            .await
            .expect("write");
        let mut all = Vec::new();
        tcp.read_to_end(&mut all).await.expect("read to EOF");
        assert!(all.starts_with(b"HTTP/1.1 200 OK\r\n"));

        // A garbage request line gets a 400.
        let mut tcp = TcpStream::connect(server.addr()).await.expect("connect");
        tcp.write_all(b"NONSENSE\r\n\r\n").await.expect("write");
        let mut all = Vec::new();
        tcp.read_to_end(&mut all).await.expect("read to EOF");
        assert!(all.starts_with(b"HTTP/1.1 400 "));

        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let (client, conn) = http2::client::handshake(tcp).await.expect("h2 handshake");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");
        let req = http::Request::get("http://localhost/h2c")
            .body(())
            .expect("request");
        let (resp, _) = client.send_request(req, true).expect("send");
        let resp = resp.await.expect("response");
        assert_eq!(resp.status(), 200);
        let cap = server.captures().pop().expect("capture");
        assert!(cap.tls.is_none());
        let request = cap.h2_request().expect("h2 request");
        assert!(request.headers().contains(&(":path", "/h2c")));
    }

    #[tokio::test]
    async fn http1_pages_keep_bodies_and_answer_html() {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["localhost"])).await;
        let c = connector(&ca.ca_pem(), &[b"http/1.1"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let mut tls = connect(&c, "localhost", tcp).await.expect("tls");

        tls.write_all(b"GET /page/cookies?x=1 HTTP/1.1\r\nHost: localhost:1\r\n\r\n")
            .await
            .expect("write");
        let (head, body) = read_h1_response(&mut tls).await;
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("Content-Type: text/html; charset=utf-8\r\n"),
            "{head}"
        );
        assert!(head.contains("Cache-Control: no-store\r\n"), "{head}");
        assert!(head.contains("Set-Cookie: root=1; Path=/\r\n"), "{head}");
        assert!(
            head.contains("Set-Cookie: wide=6; Path=/; Domain=localhost\r\n"),
            "{head}"
        );
        assert!(String::from_utf8_lossy(&body).contains("/page/next"));

        tls.write_all(
            b"POST /page/fetch-submit HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\n\r\n--b\r\nxy\r\n--",
        )
        .await
        .expect("write");
        let (head, body) = read_h1_response(&mut tls).await;
        assert!(
            head.contains("Content-Type: application/json\r\n"),
            "{head}"
        );
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["request_body"]["text"], "--b\r\nxy\r\n--");
        assert_eq!(json["request_body"]["len"], 11);

        // Chunked, and larger than what is kept.
        let big = vec![b'z'; REQUEST_BODY_LIMIT + 10];
        let mut req =
            b"POST /page/form-submit HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                .to_vec();
        req.extend_from_slice(format!("{:x}\r\n", big.len()).as_bytes());
        req.extend_from_slice(&big);
        req.extend_from_slice(b"\r\n3\r\nend\r\n0\r\n\r\n");
        tls.write_all(&req).await.expect("write");
        let (head, _) = read_h1_response(&mut tls).await;
        assert!(head.contains("Content-Type: text/html"), "{head}");

        tls.write_all(b"GET /page/nothing HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .expect("write");
        let (head, _) = read_h1_response(&mut tls).await;
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");

        let captures = server.captures();
        assert_eq!(captures.len(), 4);
        assert_eq!(captures[0].request_body, Some(RequestBody::default()));
        let fetch = captures[1].request_body.as_ref().expect("body");
        assert_eq!(fetch.bytes, b"--b\r\nxy\r\n--");
        assert!(!fetch.truncated());
        let form = captures[2].request_body.as_ref().expect("body");
        assert_eq!(form.len, big.len() as u64 + 3);
        assert_eq!(form.bytes, &big[..REQUEST_BODY_LIMIT]);
        assert!(form.truncated());
        assert_eq!(captures[2].json["request_body"]["truncated"], true);
        assert_eq!(captures[2].target(), Some("/page/form-submit"));
    }

    #[tokio::test]
    async fn h2_pages_answer_when_the_body_has_arrived() {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["localhost"])).await;
        let c = connector(&ca.ca_pem(), &[b"h2"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let tls = connect(&c, "localhost", tcp).await.expect("tls");
        let (client, conn) = http2::client::handshake(tls).await.expect("h2 handshake");
        tokio::spawn(conn);
        let mut client = client.ready().await.expect("ready");

        let req = http::Request::get("https://fp.test:1/page/cookies")
            .body(())
            .expect("request");
        let (resp, _) = client.send_request(req, true).expect("send");
        let resp = resp.await.expect("response");
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
        let cookies: Vec<&str> = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("ascii"))
            .collect();
        assert_eq!(cookies.len(), 6, "{cookies:?}");
        assert_eq!(cookies[5], "wide=6; Path=/; Domain=fp.test");

        let req = http::Request::post("https://fp.test:1/page/fetch-submit?q")
            .body(())
            .expect("request");
        let (resp, mut send) = client.send_request(req, false).expect("send");
        send.send_data(bytes::Bytes::from_static(b"first "), false)
            .expect("data");
        send.send_data(bytes::Bytes::from_static(b"second"), false)
            .expect("data");
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(server.captures().len(), 1, "recorded before its body ended");
        send.send_data(bytes::Bytes::new(), true).expect("end");
        let resp = resp.await.expect("response");
        assert_eq!(resp.headers()["content-type"], "application/json");
        let mut body = resp.into_body();
        let mut got = Vec::new();
        while let Some(data) = body.data().await {
            got.extend_from_slice(&data.expect("data"));
        }
        let json: serde_json::Value = serde_json::from_slice(&got).expect("json");
        assert_eq!(json["request_body"]["text"], "first second");

        let captures = server.captures();
        assert_eq!(captures.len(), 2);
        let cap = &captures[1];
        assert_eq!(cap.target(), Some("/page/fetch-submit?q"));
        let body = cap.request_body.as_ref().expect("body");
        assert_eq!(body.bytes, b"first second");
        let frames: Vec<(u32, bool)> = body
            .h2_data_frames
            .iter()
            .map(|f| (f.length, f.flags & flags::END_STREAM != 0))
            .collect();
        assert_eq!(frames.last(), Some(&(0, true)), "{frames:?}");
        assert_eq!(frames.iter().map(|f| f.0).sum::<u32>(), 12);
        assert_eq!(cap.json["request_body"]["len"], 12);
    }

    #[test]
    fn spawn_on_thread_from_sync_code() {
        let server = CaptureServer::spawn_on_thread(TestCa::new().issue(&["localhost"]));
        let mut tcp = std::net::TcpStream::connect(server.addr()).expect("connect");
        std::io::Write::write_all(&mut tcp, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut tcp, &mut all).expect("read");
        assert!(all.starts_with(b"HTTP/1.1 200 OK\r\n"));
        assert_eq!(server.captures().len(), 1);
    }

    #[test]
    fn bad_identity_is_an_error() {
        let identity = Identity {
            cert_pem: "not a certificate".into(),
            key_pem: String::new(),
        };
        assert!(build_acceptor(&identity).is_err());
    }

    #[test]
    fn hpack_integers() {
        let mut out = Vec::new();
        hpack_int(&mut out, 0, 5, 10);
        hpack_int(&mut out, 0, 5, 1337);
        assert_eq!(out, [10, 31, 154, 10]);
    }
}
