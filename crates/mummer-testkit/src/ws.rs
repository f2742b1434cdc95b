//! A WebSocket server for tests, plain and TLS on `127.0.0.1`, with its own server-side
//! framing (written apart from the client's codec, so the client is not checked against
//! itself): an echo route and scripted routes that send exact bytes and record exactly what
//! the client sent (every frame: FIN, RSV bits, opcode, mask, payload) and how it closed.
//!
//! Routes (the path; options in the query):
//!
//! | path | behaviour |
//! |---|---|
//! | `/echo` | echoes every data message (joined from its fragments, same kind), answers pings, echoes the close code and closes TCP |
//! | `/raw?hex=H1,H2&pause=MS&then=T` | sends the raw bytes `H1`, waits `MS` ms, sends `H2`, ...; then `T`: `echo` (default: as `/echo`), `cut` (closes TCP at once), `hold` (reads and ignores everything, never answers a close, never closes) |
//! | `/close?code=N&reason=R` | sends a close frame with `N` and `R` at once, then waits for the client's |
//! | `/bomb?size=N` | sends one compressed binary message of `N` zero bytes (needs permessage-deflate), then as `/echo` |
//! | `/status/N` | refuses the upgrade with HTTP status `N` |
//! | `/no-accept` | answers 101 with a wrong `Sec-WebSocket-Accept` |
//!
//! On every route: `deflate=0` refuses permessage-deflate (accepted by default when offered),
//! `server_no_context_takeover`, `client_no_context_takeover`, `server_max_window_bits=N`,
//! `client_max_window_bits=N` (only if the client offered it) are added to the answer,
//! `protocol=P` selects subprotocol `P` (default: none), `log=0` records the handshake but no
//! frames (for benchmarks and large messages).
//!
//! [`WsServer::start_h2`] makes its TLS listener offer `h2` too: an HTTP/2 connection answers
//! every plain request `200 ok` and opens the same routes for an extended CONNECT with
//! `:protocol websocket` (RFC 8441: `/status/N` refuses with `N`, a `2xx` opens), when the
//! server was told to send SETTINGS_ENABLE_CONNECT_PROTOCOL; each such stream is one entry of
//! [`WsServer::connections`], and [`WsServer::tcp_connections`] counts the TCP connections.
//!
//! Out of scope: serving anything but WebSockets (and those `200 ok`s), being fast.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use btls::ssl::SslAcceptor;
use bytes::Bytes;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};
use sha1::{Digest, Sha1};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::Identity;

/// One frame as the client sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientFrame {
    /// FIN.
    pub fin: bool,
    /// RSV1-3 as bits 2, 1, 0.
    pub rsv: u8,
    /// The opcode.
    pub opcode: u8,
    /// Whether the MASK bit was set (a client must always set it).
    pub masked: bool,
    /// The payload, unmasked (still compressed when RSV1 is set).
    pub payload: Vec<u8>,
}

impl ClientFrame {
    /// The close code and reason of a close frame.
    pub fn close(&self) -> Option<(u16, String)> {
        if self.opcode != 0x8 || self.payload.len() < 2 {
            return None;
        }
        let code = u16::from_be_bytes([self.payload[0], self.payload[1]]);
        Some((
            code,
            String::from_utf8_lossy(&self.payload[2..]).into_owned(),
        ))
    }
}

/// What one connection saw.
#[derive(Debug, Clone, Default)]
pub struct WsConnection {
    /// The request target.
    pub target: String,
    /// The upgrade request's header fields, names as sent.
    pub headers: Vec<(String, String)>,
    /// Every frame the client sent, in order.
    pub frames: Vec<ClientFrame>,
    /// The client closed TCP (or the connection failed) after these frames.
    pub ended: bool,
}

type Log = Arc<Mutex<Vec<Arc<Mutex<WsConnection>>>>>;

/// A running server; dropping it stops accepting.
pub struct WsServer {
    plain: SocketAddr,
    tls: SocketAddr,
    log: Log,
    tcp: Arc<AtomicUsize>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for WsServer {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl WsServer {
    /// Starts both listeners on `127.0.0.1` (ports chosen by the OS), TLS with `identity`.
    pub async fn start(identity: &Identity) -> io::Result<WsServer> {
        Self::start_on(identity, 0, 0).await
    }

    /// Like [`Self::start`] on the given ports (0: any).
    pub async fn start_on(identity: &Identity, plain: u16, tls: u16) -> io::Result<WsServer> {
        Self::start_with(identity, plain, tls, None).await
    }

    /// Like [`Self::start`], the TLS listener offering `h2` before `http/1.1` (see the module
    /// docs); `enable_connect_protocol`: its HTTP/2 SETTINGS allow extended CONNECT.
    pub async fn start_h2(
        identity: &Identity,
        enable_connect_protocol: bool,
    ) -> io::Result<WsServer> {
        Self::start_with(identity, 0, 0, Some(enable_connect_protocol)).await
    }

    async fn start_with(
        identity: &Identity,
        plain: u16,
        tls: u16,
        h2: Option<bool>,
    ) -> io::Result<WsServer> {
        let alpn: &[&[u8]] = match h2 {
            Some(_) => &[b"h2", b"http/1.1"],
            None => &[b"http/1.1"],
        };
        let acceptor = Arc::new(crate::tls::acceptor(identity, alpn));
        let plain_l = TcpListener::bind(("127.0.0.1", plain)).await?;
        let tls_l = TcpListener::bind(("127.0.0.1", tls)).await?;
        let log: Log = Arc::default();
        let tcp = Arc::new(AtomicUsize::new(0));
        let (plain, tls) = (plain_l.local_addr()?, tls_l.local_addr()?);
        let tasks = vec![
            tokio::spawn(accept(plain_l, None, log.clone(), tcp.clone())),
            tokio::spawn(accept_tls(tls_l, acceptor, h2, log.clone(), tcp.clone())),
        ];
        Ok(WsServer {
            plain,
            tls,
            log,
            tcp,
            tasks,
        })
    }

    /// TCP connections accepted so far, on both listeners.
    pub fn tcp_connections(&self) -> usize {
        self.tcp.load(Ordering::SeqCst)
    }

    /// The plain (`ws://`) address.
    pub fn plain_addr(&self) -> SocketAddr {
        self.plain
    }

    /// The TLS (`wss://`) address.
    pub fn tls_addr(&self) -> SocketAddr {
        self.tls
    }

    /// `ws://127.0.0.1:PORT`.
    pub fn ws_url(&self) -> String {
        format!("ws://{}", self.plain)
    }

    /// Every connection so far, as seen now.
    pub fn connections(&self) -> Vec<WsConnection> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .map(|c| c.lock().unwrap_or_else(PoisonError::into_inner).clone())
            .collect()
    }

    /// Waits (at most `limit`) until the latest connection has ended, and returns it.
    pub async fn ended(&self, limit: Duration) -> Option<WsConnection> {
        let until = tokio::time::Instant::now() + limit;
        loop {
            if let Some(c) = self.connections().pop()
                && c.ended
            {
                return Some(c);
            }
            if tokio::time::Instant::now() > until {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

fn new_entry(log: &Log) -> Arc<Mutex<WsConnection>> {
    let conn = Arc::new(Mutex::new(WsConnection::default()));
    log.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(conn.clone());
    conn
}

fn mark_ended(conn: &Mutex<WsConnection>) {
    conn.lock().unwrap_or_else(PoisonError::into_inner).ended = true;
}

async fn accept(
    listener: TcpListener,
    tls: Option<Arc<SslAcceptor>>,
    log: Log,
    tcp: Arc<AtomicUsize>,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        tcp.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        let conn = new_entry(&log);
        let tls = tls.clone();
        tokio::spawn(async move {
            let _ = match tls {
                Some(a) => match crate::tls::accept(&a, stream).await {
                    Ok(s) => serve(s, &conn).await,
                    Err(e) => Err(e),
                },
                None => serve(stream, &conn).await,
            };
            mark_ended(&conn);
        });
    }
}

/// The TLS listener; with `h2` set, connections that chose `h2` in ALPN are HTTP/2.
async fn accept_tls(
    listener: TcpListener,
    acceptor: Arc<SslAcceptor>,
    h2: Option<bool>,
    log: Log,
    tcp: Arc<AtomicUsize>,
) {
    let Some(connect_protocol) = h2 else {
        return accept(listener, Some(acceptor), log, tcp).await;
    };
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        tcp.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        let (acceptor, log) = (acceptor.clone(), log.clone());
        tokio::spawn(async move {
            let Ok(tls) = crate::tls::accept(&acceptor, stream).await else {
                return;
            };
            if tls.ssl().selected_alpn_protocol() == Some(b"h2") {
                serve_h2(tls, connect_protocol, log).await;
            } else {
                let conn = new_entry(&log);
                let _ = serve(tls, &conn).await;
                mark_ended(&conn);
            }
        });
    }
}

/// One HTTP/2 connection: `200 ok` for plain requests, the WebSocket routes for an extended
/// CONNECT (each on a stream of its own).
async fn serve_h2<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    io: S,
    connect_protocol: bool,
    log: Log,
) {
    let mut builder = http2::server::Builder::new();
    if connect_protocol {
        builder.enable_connect_protocol();
    }
    let Ok(mut h2) = builder.handshake::<_, Bytes>(io).await else {
        return;
    };
    while let Some(Ok((request, respond))) = h2.accept().await {
        let log = log.clone();
        tokio::spawn(h2_stream(request, respond, log));
    }
}

async fn h2_stream(
    request: http::Request<http2::RecvStream>,
    mut respond: http2::server::SendResponse<Bytes>,
    log: Log,
) {
    let websocket = request.method() == http::Method::CONNECT
        && request
            .extensions()
            .get::<http2::ext::Protocol>()
            .is_some_and(|p| p.as_str() == "websocket");
    let answer = |status: u16| {
        http::Response::builder()
            .status(status)
            .body(())
            .expect("response")
    };
    if !websocket {
        if let Ok(mut send) = respond.send_response(answer(200), false) {
            let _ = send.send_data(Bytes::from_static(b"ok"), true);
        }
        return;
    }
    let conn = new_entry(&log);
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    {
        let mut c = conn.lock().unwrap_or_else(PoisonError::into_inner);
        c.target = target.clone();
        c.headers = headers.clone();
    }
    let path = target.split('?').next().unwrap_or("/");
    if let Some(status) = path.strip_prefix("/status/") {
        let _ = respond.send_response(answer(status.parse().unwrap_or(400)), true);
        mark_ended(&conn);
        return;
    }
    let offered = headers
        .iter()
        .find(|(n, _)| n == "sec-websocket-extensions")
        .map_or("", |(_, v)| v.as_str());
    let (fields, deflate) = negotiate(&target, offered);
    let mut response = http::Response::builder().status(200);
    for (name, value) in fields {
        response = response.header(name, value);
    }
    let Ok(send) = respond.send_response(response.body(()).expect("response"), false) else {
        mark_ended(&conn);
        return;
    };
    let (ours, theirs) = tokio::io::duplex(256 * 1024);
    let (from, to) = tokio::io::split(theirs);
    tokio::spawn(pump_in(request.into_body(), to));
    let out = tokio::spawn(pump_out(from, send));
    let _ = route(ours, Vec::new(), &target, &conn, deflate).await;
    // The route's end closed its side: the pump sends END_STREAM.
    let _ = out.await;
    mark_ended(&conn);
}

/// DATA from the client into the route, window given back as the route takes it.
async fn pump_in(
    mut recv: http2::RecvStream,
    mut to: tokio::io::WriteHalf<tokio::io::DuplexStream>,
) {
    while let Some(Ok(data)) = recv.data().await {
        let n = data.len();
        if to.write_all(&data).await.is_err() {
            return;
        }
        let _ = recv.flow_control().release_capacity(n);
    }
    let _ = to.shutdown().await;
}

/// What the route writes, as DATA within the client's window; END_STREAM at its end.
async fn pump_out(
    mut from: tokio::io::ReadHalf<tokio::io::DuplexStream>,
    mut send: http2::SendStream<Bytes>,
) {
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match from.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                let _ = send.send_data(Bytes::new(), true);
                return;
            }
            Ok(n) => n,
        };
        let mut data = Bytes::copy_from_slice(&chunk[..n]);
        while !data.is_empty() {
            if send.capacity() == 0 {
                send.reserve_capacity(data.len());
                if send.capacity() == 0 {
                    match std::future::poll_fn(|cx| send.poll_capacity(cx)).await {
                        Some(Ok(_)) => continue,
                        _ => return,
                    }
                }
            }
            let part = data.split_to(send.capacity().min(data.len()));
            if send.send_data(part, false).is_err() {
                return;
            }
        }
    }
}

fn query<'a>(target: &'a str, key: &str) -> Option<&'a str> {
    let q = target.split_once('?')?.1;
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == key).then_some(v)
    })
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The server's side of permessage-deflate.
struct Deflate {
    compress: Compress,
    decompress: Decompress,
    server_reset: bool,
    client_reset: bool,
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut io: S,
    conn: &Mutex<WsConnection>,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = io.read(&mut chunk).await?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    buf.drain(..head_end);
    let mut lines = head.split("\r\n");
    let target = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_string(), v.trim().to_string()))
        .collect();
    {
        let mut c = conn.lock().unwrap_or_else(PoisonError::into_inner);
        c.target = target.clone();
        c.headers = headers.clone();
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let path = target.split('?').next().unwrap_or("/");
    if let Some(status) = path.strip_prefix("/status/") {
        let reply =
            format!("HTTP/1.1 {status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        io.write_all(reply.as_bytes()).await?;
        return Ok(());
    }
    let key = header("sec-websocket-key").unwrap_or_default();
    let mut sha = Sha1::new();
    sha.update(key.as_bytes());
    sha.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    let mut accept = base64(&sha.finalize());
    if path == "/no-accept" {
        accept = base64(&[0u8; 20]);
    }
    let offered = header("sec-websocket-extensions").unwrap_or_default();
    let mut reply = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n"
    );
    let (fields, deflate) = negotiate(&target, offered);
    for (name, value) in fields {
        reply.push_str(&format!("{name}: {value}\r\n"));
    }
    reply.push_str("\r\n");
    io.write_all(reply.as_bytes()).await?;
    io.flush().await?;
    route(io, buf, &target, conn, deflate).await
}

/// The answer's extension and subprotocol fields for `target` and the client's offer, and the
/// compression state when permessage-deflate was accepted.
fn negotiate(target: &str, offered: &str) -> (Vec<(&'static str, String)>, Option<Deflate>) {
    let mut fields = Vec::new();
    let mut deflate = None;
    if offered.contains("permessage-deflate") && query(target, "deflate") != Some("0") {
        let mut params = vec!["permessage-deflate".to_string()];
        let server_reset = query(target, "server_no_context_takeover").is_some();
        let client_reset = query(target, "client_no_context_takeover").is_some();
        let mut server_bits = 15;
        if server_reset {
            params.push("server_no_context_takeover".into());
        }
        if client_reset {
            params.push("client_no_context_takeover".into());
        }
        if let Some(b) = query(target, "server_max_window_bits") {
            server_bits = b.parse().unwrap_or(15);
            params.push(format!("server_max_window_bits={server_bits}"));
        }
        if let Some(b) = query(target, "client_max_window_bits")
            && offered.contains("client_max_window_bits")
        {
            params.push(format!("client_max_window_bits={b}"));
        }
        fields.push(("Sec-WebSocket-Extensions", params.join("; ")));
        deflate = Some(Deflate {
            compress: Compress::new_with_window_bits(
                Compression::default(),
                false,
                server_bits.clamp(9, 15),
            ),
            decompress: Decompress::new(false),
            server_reset,
            client_reset,
        });
    }
    if let Some(p) = query(target, "protocol") {
        fields.push(("Sec-WebSocket-Protocol", p.to_string()));
    }
    (fields, deflate)
}

/// What a route does once the WebSocket is open.
async fn route<S: AsyncRead + AsyncWrite + Unpin>(
    mut io: S,
    mut buf: Vec<u8>,
    target: &str,
    conn: &Mutex<WsConnection>,
    mut deflate: Option<Deflate>,
) -> io::Result<()> {
    let path = target.split('?').next().unwrap_or("/");

    let log = query(target, "log") != Some("0");
    let mut then = "echo";
    match path {
        "/raw" => {
            let pause = query(target, "pause")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            for (i, part) in query(target, "hex")
                .unwrap_or_default()
                .split(',')
                .enumerate()
            {
                if i > 0 && pause > 0 {
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
                io.write_all(&unhex(part)).await?;
                io.flush().await?;
            }
            then = query(target, "then").unwrap_or("echo");
        }
        "/close" => {
            let code: u16 = query(target, "code")
                .and_then(|c| c.parse().ok())
                .unwrap_or(1000);
            let mut payload = code.to_be_bytes().to_vec();
            payload.extend_from_slice(
                percent_decode(query(target, "reason").unwrap_or_default()).as_bytes(),
            );
            io.write_all(&server_frame(0x8, &payload, false)).await?;
            io.flush().await?;
        }
        "/bomb" => {
            let size: usize = query(target, "size")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1 << 20);
            if let Some(d) = &mut deflate {
                let data = compress(d, &vec![0u8; size]);
                io.write_all(&server_frame(0x2, &data, true)).await?;
                io.flush().await?;
            }
        }
        _ => {}
    }
    match then {
        "cut" => Ok(()),
        "hold" => loop {
            let mut chunk = [0u8; 4096];
            let n = io.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            record_frames(&mut buf, &chunk[..n], conn, log);
        },
        _ => echo(io, buf, conn, deflate, log).await,
    }
}

/// Parses every complete client frame in `buf` after adding `more`, recording each.
fn record_frames(
    buf: &mut Vec<u8>,
    more: &[u8],
    conn: &Mutex<WsConnection>,
    log: bool,
) -> Vec<ClientFrame> {
    buf.extend_from_slice(more);
    let mut out = Vec::new();
    let mut used_all = 0;
    while let Some((frame, used)) = parse_client_frame(&buf[used_all..]) {
        used_all += used;
        if log {
            conn.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .frames
                .push(frame.clone());
        }
        out.push(frame);
    }
    buf.drain(..used_all);
    out
}

fn parse_client_frame(b: &[u8]) -> Option<(ClientFrame, usize)> {
    if b.len() < 2 {
        return None;
    }
    let masked = b[1] & 0x80 != 0;
    let (len, mut pos) = match b[1] & 0x7f {
        126 => (u16::from_be_bytes([*b.get(2)?, *b.get(3)?]) as usize, 4),
        127 => {
            let mut be = [0u8; 8];
            be.copy_from_slice(b.get(2..10)?);
            (u64::from_be_bytes(be) as usize, 10)
        }
        n => (n as usize, 2),
    };
    let key = if masked {
        let k = b.get(pos..pos + 4)?;
        pos += 4;
        [k[0], k[1], k[2], k[3]]
    } else {
        [0; 4]
    };
    let mut payload = b.get(pos..pos + len)?.to_vec();
    let mut words = payload.chunks_exact_mut(4);
    for w in &mut words {
        for (x, k) in w.iter_mut().zip(key) {
            *x ^= k;
        }
    }
    for (x, k) in words.into_remainder().iter_mut().zip(key) {
        *x ^= k;
    }
    Some((
        ClientFrame {
            fin: b[0] & 0x80 != 0,
            rsv: (b[0] >> 4) & 7,
            opcode: b[0] & 0xf,
            masked,
            payload,
        },
        pos + len,
    ))
}

/// An unmasked server frame.
pub fn server_frame(opcode: u8, payload: &[u8], rsv1: bool) -> Vec<u8> {
    let mut out = vec![0x80 | if rsv1 { 0x40 } else { 0 } | opcode];
    match payload.len() {
        n @ 0..=125 => out.push(n as u8),
        n @ 126..=0xffff => {
            out.push(126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(payload);
    out
}

fn compress(d: &mut Deflate, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    let start_in = d.compress.total_in();
    loop {
        out.reserve(data.len() / 2 + 1024);
        let done = (d.compress.total_in() - start_in) as usize;
        let _ = d
            .compress
            .compress_vec(&data[done..], &mut out, FlushCompress::Sync);
        if (d.compress.total_in() - start_in) as usize == data.len() && out.len() < out.capacity() {
            break;
        }
    }
    if out.ends_with(&[0, 0, 0xff, 0xff]) {
        out.truncate(out.len() - 4);
    }
    if out.is_empty() {
        // Nothing new to flush (an empty message after another): RFC 7692 section 7.2.3.6's
        // empty stored block.
        out.push(0x00);
    }
    if d.server_reset {
        d.compress.reset();
    }
    out
}

fn inflate(d: &mut Deflate, data: &[u8]) -> Vec<u8> {
    let mut input = data.to_vec();
    input.extend_from_slice(&[0, 0, 0xff, 0xff]);
    let mut out = Vec::with_capacity(data.len() * 4 + 1024);
    let start_in = d.decompress.total_in();
    loop {
        out.reserve(64 * 1024);
        let done = (d.decompress.total_in() - start_in) as usize;
        let before = out.len();
        if d.decompress
            .decompress_vec(&input[done..], &mut out, FlushDecompress::Sync)
            .is_err()
        {
            break;
        }
        if (d.decompress.total_in() - start_in) as usize == input.len()
            && out.len() < out.capacity()
            || out.len() == before && done == (d.decompress.total_in() - start_in) as usize
        {
            break;
        }
    }
    if d.client_reset {
        d.decompress.reset(false);
    }
    out
}

async fn echo<S: AsyncRead + AsyncWrite + Unpin>(
    mut io: S,
    mut buf: Vec<u8>,
    conn: &Mutex<WsConnection>,
    mut deflate: Option<Deflate>,
    log: bool,
) -> io::Result<()> {
    let mut message: Option<(u8, bool, Vec<u8>)> = None;
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 256 * 1024];
    let mut first = true;
    loop {
        let n = if first && !buf.is_empty() {
            0
        } else {
            let n = io.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            n
        };
        first = false;
        for frame in record_frames(&mut buf, &chunk[..n], conn, log) {
            match frame.opcode {
                0x8 => {
                    // The echoes of what came before the close go first.
                    let payload = frame.payload.get(..2).unwrap_or_default().to_vec();
                    pending.extend(server_frame(0x8, &payload, false));
                    io.write_all(&pending).await?;
                    io.flush().await?;
                    return Ok(());
                }
                0x9 => pending.extend(server_frame(0xa, &frame.payload, false)),
                0xa => {}
                op => {
                    let (kind, compressed, mut data) = match (op, message.take()) {
                        (0, Some(m)) => m,
                        (0, None) => (0x2, false, Vec::new()),
                        (k, _) => (k, frame.rsv & 4 != 0, Vec::new()),
                    };
                    data.extend_from_slice(&frame.payload);
                    if !frame.fin {
                        message = Some((kind, compressed, data));
                        continue;
                    }
                    let data = match (&mut deflate, compressed) {
                        (Some(d), true) => inflate(d, &data),
                        _ => data,
                    };
                    let reply = match &mut deflate {
                        Some(d) => server_frame(kind, &compress(d, &data), true),
                        None => server_frame(kind, &data, false),
                    };
                    pending.extend(reply);
                }
            }
        }
        if !pending.is_empty() {
            io.write_all(&pending).await?;
            io.flush().await?;
            pending.clear();
        }
    }
}

fn base64(input: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in input.chunks(3) {
        let n = u32::from(c[0]) << 16
            | u32::from(*c.get(1).unwrap_or(&0)) << 8
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() {
                char::from(A[(n >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}
