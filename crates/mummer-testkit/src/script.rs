//! A scripted HTTP/1.1 fault server: each connection runs a list of [`Step`]s that read raw
//! requests and write raw bytes, with exact control over timing and how the connection ends
//! (clean close, TLS close without close_notify, TCP reset).
//!
//! After the last step the server keeps the connection open, reading and discarding whatever
//! arrives until the peer closes, so the end of a script never injects an unscripted close. End a
//! script with [`Step::Close`] (or another closing step) when the close is part of the test.

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::Identity;
use crate::conn::{BufConn, Framing, Transport, close, framing, raw_headers};
use crate::core::{Core, HasCore};

/// One action of a connection script.
#[derive(Clone, Debug)]
pub enum Step {
    /// Read one request head (up to and including CRLFCRLF) and its body (Content-Length, or
    /// chunked through the last chunk and trailers) and record the raw bytes. If the peer closes
    /// first, the script stops.
    ReadRequest,
    /// Read only a request head and record it, leaving the body unread (e.g. to answer
    /// `Expect: 100-continue` with a `Write` before the client sends the body).
    ReadHead,
    /// Read the body belonging to the head read by the latest [`Step::ReadHead`] and append it
    /// to that recorded request.
    ReadBody,
    /// Write these bytes and flush.
    Write(Vec<u8>),
    /// Write `data` in pieces of `chunk` bytes with `interval` sleeps between them (slow drip).
    Drip {
        /// The bytes to write.
        data: Vec<u8>,
        /// Piece size in bytes (0 is treated as 1).
        chunk: usize,
        /// Pause between pieces.
        interval: Duration,
    },
    /// Do nothing for this long.
    Sleep(Duration),
    /// Clean close: for TLS send close_notify, then send TCP FIN. Incoming bytes are then
    /// discarded until the peer closes (at most 1 s) so the kernel never turns the close into
    /// RST because of unread data; the script ends.
    Close,
    /// TLS: send TCP FIN without close_notify (then discard input as for [`Step::Close`]).
    /// Plain TCP: same as [`Step::Close`].
    CloseWithoutNotify,
    /// Abortive close: TCP RST (SO_LINGER 0) then drop.
    Reset,
}

/// A running scripted HTTP/1.1 server. Dropping it stops accepting connections.
pub struct ScriptServer {
    core: Core,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl HasCore for ScriptServer {
    fn core_mut(&mut self) -> &mut Core {
        &mut self.core
    }
}

impl ScriptServer {
    /// Starts a plain-TCP server. `scripts[i]` runs on the i-th accepted connection; later
    /// connections reuse the last script (an empty list closes every connection at once).
    pub async fn start(scripts: Vec<Vec<Step>>) -> ScriptServer {
        Self::start_inner(scripts, None).await
    }

    /// Starts a TLS server presenting `identity`; ALPN selects `http/1.1` if the client offers
    /// it and nothing otherwise.
    pub async fn start_tls(scripts: Vec<Vec<Step>>, identity: Identity) -> ScriptServer {
        Self::start_inner(scripts, Some(identity)).await
    }

    /// [`ScriptServer::start`] on a private runtime, for synchronous callers.
    pub fn spawn_on_thread(scripts: Vec<Vec<Step>>) -> ScriptServer {
        crate::core::spawn_on_thread(move || Self::start(scripts))
    }

    /// [`ScriptServer::start_tls`] on a private runtime, for synchronous callers.
    pub fn spawn_tls_on_thread(scripts: Vec<Vec<Step>>, identity: Identity) -> ScriptServer {
        crate::core::spawn_on_thread(move || Self::start_tls(scripts, identity))
    }

    async fn start_inner(scripts: Vec<Vec<Step>>, identity: Option<Identity>) -> ScriptServer {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let scripts = Arc::new(scripts);
        let acceptor = identity.map(|id| Arc::new(crate::tls::acceptor(&id, &[b"http/1.1"])));
        let recorded = requests.clone();
        let core = Core::start(move |tcp, index| {
            let scripts = scripts.clone();
            let acceptor = acceptor.clone();
            let recorded = recorded.clone();
            async move {
                let Some(script) = scripts.get(index.min(scripts.len().saturating_sub(1))) else {
                    return;
                };
                let script = script.clone();
                match acceptor {
                    None => run(tcp, &script, &recorded).await,
                    Some(acceptor) => {
                        if let Ok(tls) = crate::tls::accept(&acceptor, tcp).await {
                            run(tls, &script, &recorded).await;
                        }
                    }
                }
            }
        })
        .await;
        ScriptServer { core, requests }
    }

    /// The listening address (127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.core.addr()
    }

    /// The listening port.
    pub fn port(&self) -> u16 {
        self.core.addr().port()
    }

    /// Raw bytes (head and body as received) of every request read so far by `ReadRequest`
    /// (or `ReadHead`/`ReadBody`) steps, in the order they completed.
    pub fn requests(&self) -> Vec<Vec<u8>> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Number of TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.core.connections()
    }
}

async fn run<S: Transport>(io: S, script: &[Step], recorded: &Mutex<Vec<Vec<u8>>>) {
    let mut conn = BufConn::new(io);
    // Index into `recorded` and framing of the latest ReadHead, for ReadBody.
    let mut pending_body: Option<(usize, Framing)> = None;
    for step in script {
        let result: io::Result<bool> = async {
            match step {
                Step::ReadRequest | Step::ReadHead => {
                    let Some(head) = conn.read_head(1024 * 1024).await? else {
                        return Ok(false);
                    };
                    let framing = framing(raw_headers(&head));
                    let mut raw = head;
                    if matches!(step, Step::ReadRequest) {
                        conn.read_body(framing, &mut |b, _| raw.extend_from_slice(b))
                            .await?;
                    }
                    let mut list = recorded.lock().unwrap_or_else(|e| e.into_inner());
                    list.push(raw);
                    pending_body = Some((list.len() - 1, framing));
                }
                Step::ReadBody => {
                    if let Some((index, framing)) = pending_body.take() {
                        let mut raw = Vec::new();
                        conn.read_body(framing, &mut |b, _| raw.extend_from_slice(b))
                            .await?;
                        let mut list = recorded.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(req) = list.get_mut(index) {
                            req.extend_from_slice(&raw);
                        }
                    }
                }
                Step::Write(data) => {
                    conn.io.write_all(data).await?;
                    conn.io.flush().await?;
                }
                Step::Drip {
                    data,
                    chunk,
                    interval,
                } => {
                    for (i, piece) in data.chunks((*chunk).max(1)).enumerate() {
                        if i > 0 {
                            tokio::time::sleep(*interval).await;
                        }
                        conn.io.write_all(piece).await?;
                        conn.io.flush().await?;
                    }
                }
                Step::Sleep(d) => tokio::time::sleep(*d).await,
                Step::Close => {
                    close(&mut conn.io, true).await;
                    return Ok(false);
                }
                Step::CloseWithoutNotify => {
                    close(&mut conn.io, false).await;
                    return Ok(false);
                }
                Step::Reset => {
                    let _ = conn.io.tcp().set_zero_linger();
                    return Ok(false);
                }
            }
            Ok(true)
        }
        .await;
        match result {
            Ok(true) => {}
            // Closing steps, peer EOF and I/O errors all end the connection by dropping it.
            Ok(false) | Err(_) => return,
        }
    }
    // Hold the connection open until the peer goes away (see module docs).
    let mut sink = [0u8; 16 * 1024];
    while let Ok(n) = conn.io.read(&mut sink).await {
        if n == 0 {
            break;
        }
    }
}

/// Builds raw response bytes: status line, `Content-Length`, `extra_headers`, then `body`.
pub fn response_with_length(status: u16, body: &[u8], extra_headers: &[(&str, &str)]) -> Vec<u8> {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    for (name, value) in extra_headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// Encodes `pieces` as HTTP/1.1 chunks followed by the last chunk (`0\r\n\r\n`). Empty pieces
/// are skipped because a zero-size chunk would end the body.
pub fn chunked(pieces: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpStream;

    #[tokio::test]
    async fn plain_round_trip() {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(response_with_length(200, b"hi", &[("X-Test", "1")])),
            Step::ReadRequest,
            Step::Write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec()),
            Step::Drip {
                data: chunked(&[b"ab", b"", b"cde"]),
                chunk: 3,
                interval: Duration::from_millis(1),
            },
            Step::Close,
        ]])
        .await;
        let mut s = TcpStream::connect(server.addr()).await.expect("connect");
        s.write_all(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .expect("write");
        let mut buf = vec![0u8; 1024];
        let mut got = Vec::new();
        while !got.ends_with(b"hi") {
            let n = s.read(&mut buf).await.expect("read");
            assert!(n > 0);
            got.extend_from_slice(&buf[..n]);
        }
        assert!(got.starts_with(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Test: 1\r\n\r\n"));
        s.write_all(b"POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n")
            .await
            .expect("write");
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).await.expect("read to end");
        assert_eq!(
            rest,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n"
        );
        let reqs = server.requests();
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0], b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(reqs[1].ends_with(b"3\r\nxyz\r\n0\r\n\r\n"));
        assert_eq!(server.connections(), 1);
    }

    #[tokio::test]
    async fn reset_and_script_reuse() {
        let server = ScriptServer::start(vec![vec![Step::ReadRequest, Step::Reset]]).await;
        for _ in 0..2 {
            let mut s = TcpStream::connect(server.addr()).await.expect("connect");
            s.write_all(b"GET / HTTP/1.1\r\nContent-Length: 2\r\n\r\nok")
                .await
                .expect("write");
            let mut buf = [0u8; 16];
            let r = s.read(&mut buf).await;
            assert!(
                matches!(r, Err(ref e) if e.kind() == io::ErrorKind::ConnectionReset),
                "{r:?}"
            );
        }
        assert_eq!(server.connections(), 2);
        assert_eq!(server.requests().len(), 2);
    }

    #[test]
    fn spawn_on_thread_works_from_sync_code() {
        let server = ScriptServer::spawn_on_thread(vec![vec![
            Step::ReadRequest,
            Step::Write(response_with_length(204, b"", &[])),
            Step::Close,
        ]]);
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(server.addr()).expect("connect");
        s.write_all(b"GET / HTTP/1.1\r\n\r\n").expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        assert!(out.starts_with("HTTP/1.1 204 No Content\r\n"));
    }

    #[tokio::test]
    async fn tls_close_with_and_without_notify() {
        let ca = crate::TestCa::new();
        let server = ScriptServer::start_tls(
            vec![
                vec![Step::Write(b"one".to_vec()), Step::Close],
                vec![Step::Write(b"two".to_vec()), Step::CloseWithoutNotify],
            ],
            ca.issue(&["localhost"]),
        )
        .await;
        let connector = crate::tls::connector(&ca.ca_pem(), &[b"h2", b"http/1.1"]);
        let addr = server.addr();
        // btls reports EOF without close_notify as a clean EOF, so check the shutdown state
        // with a blocking stream, which exposes it.
        let results = tokio::task::spawn_blocking(move || {
            use std::io::Read;
            (0..2)
                .map(|_| {
                    let tcp = std::net::TcpStream::connect(addr).expect("connect");
                    let mut tls = connector.connect("localhost", tcp).expect("tls");
                    assert_eq!(tls.ssl().selected_alpn_protocol(), Some(&b"http/1.1"[..]));
                    let mut out = Vec::new();
                    let _ = tls.read_to_end(&mut out);
                    let notified = tls
                        .get_shutdown()
                        .contains(btls::ssl::ShutdownState::RECEIVED);
                    (out, notified)
                })
                .collect::<Vec<_>>()
        })
        .await
        .expect("client thread");
        assert_eq!(results[0], (b"one".to_vec(), true));
        assert_eq!(results[1], (b"two".to_vec(), false));
    }
}
