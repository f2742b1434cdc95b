//! A scripted HTTP/2 fault server over TLS (ALPN `h2`), built on `http2::server`.
//!
//! Every request stream, on any connection, runs the same list of [`H2Step`]s. Request bodies
//! are read and discarded in the background (flow-control capacity released) so uploads never
//! stall the script. Request heads are recorded for [`H2ScriptServer::requests`].
//!
//! Frame ordering caveat: http2 drops a stream's not-yet-written DATA when the stream is reset
//! and a connection's when it is closed, so [`H2Step::Reset`], [`H2Step::GoAway`],
//! [`H2Step::GoAwayAbrupt`] and [`H2Step::CloseConnection`] first wait 50 ms, letting frames
//! already queued by earlier steps reach the socket. That makes "partial body, then failure"
//! scripts deterministic on loopback.
//!
//! If the script ends with the stream still open (no `End`/`Reset`), the stream is held open until
//! the client resets it or the connection ends, so the end of a script never injects an
//! unscripted RST_STREAM.

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http2::server::SendResponse;
use http2::{Reason, RecvStream, SendStream};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;

use crate::Identity;
use crate::content::send_bytes;
use crate::core::{Core, HasCore};

/// How long closing steps wait for queued frames to be written (see module docs).
const FLUSH_GRACE: Duration = Duration::from_millis(50);

/// One action on a request stream.
#[derive(Clone, Debug)]
pub enum H2Step {
    /// Send response headers (status + headers), not ending the stream. Ignored if headers were
    /// already sent.
    Headers {
        /// Response status code.
        status: u16,
        /// Response header fields (lower-case names, as HTTP/2 requires).
        headers: Vec<(String, String)>,
    },
    /// Send DATA without END_STREAM, waiting for flow-control capacity like a real server. Sends
    /// a bare `200` head first if no `Headers` step ran yet.
    Data(Vec<u8>),
    /// Send DATA whose last frame carries END_STREAM, ending the stream with data (as servers
    /// do when they know the body is done), not with a separate empty frame.
    DataEnd(Vec<u8>),
    /// Send trailers, ending the stream (a bare `200` head first if needed).
    Trailers(Vec<(String, String)>),
    /// End the stream: empty DATA with END_STREAM, or a `200` head with END_STREAM if nothing
    /// was sent yet.
    End,
    /// RST_STREAM with this error code (e.g. 2 = INTERNAL_ERROR, 7 = REFUSED_STREAM,
    /// 8 = CANCEL).
    Reset(u32),
    /// GOAWAY with this error code.
    ///
    /// - `0` (NO_ERROR): http2's graceful shutdown: GOAWAY(2^31-1), a PING round trip, then
    ///   GOAWAY(last stream id). Open streams (including this one) keep going; the connection
    ///   closes once they finish, so continue the script (`Data`, `End`) to end it.
    /// - any other code: http2's abrupt shutdown: GOAWAY(last processed stream id, code), every
    ///   open stream fails and the connection closes at once.
    GoAway(u32),
    /// Abrupt GOAWAY with any code, including 0: the client gets GOAWAY covering this stream
    /// while it is mid-body, then the connection closes.
    GoAwayAbrupt(u32),
    /// Do nothing for this long.
    Sleep(Duration),
    /// Drop the whole TCP connection abruptly (no GOAWAY, no TLS close_notify).
    CloseConnection,
}

/// A recorded request head: (method, path with query, headers without pseudo-headers).
pub type H2Request = (String, String, Vec<(String, String)>);

/// A running scripted HTTP/2 server. Dropping it stops accepting connections.
pub struct H2ScriptServer {
    core: Core,
    requests: Arc<Mutex<Vec<H2Request>>>,
}

impl HasCore for H2ScriptServer {
    fn core_mut(&mut self) -> &mut Core {
        &mut self.core
    }
}

enum ConnCmd {
    Graceful,
    Abrupt(Reason),
    Close,
}

impl H2ScriptServer {
    /// Starts the server: TLS with `identity`, ALPN `h2` only; every stream runs `script`.
    pub async fn start(script: Vec<H2Step>, identity: Identity) -> H2ScriptServer {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let acceptor = Arc::new(crate::tls::acceptor(&identity, &[b"h2"]));
        let script = Arc::new(script);
        let recorded = requests.clone();
        let core = Core::start(move |tcp, _| {
            let acceptor = acceptor.clone();
            let script = script.clone();
            let recorded = recorded.clone();
            async move {
                if let Ok(tls) = crate::tls::accept(&acceptor, tcp).await {
                    serve(tls, script, recorded).await;
                }
            }
        })
        .await;
        H2ScriptServer { core, requests }
    }

    /// [`H2ScriptServer::start`] on a private runtime, for synchronous callers.
    pub fn spawn_on_thread(script: Vec<H2Step>, identity: Identity) -> H2ScriptServer {
        crate::core::spawn_on_thread(move || Self::start(script, identity))
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

    /// Request head of each stream so far: (method, path with query, headers). Headers are in
    /// `HeaderMap` order (first-appearance order of names, repeated names grouped), pseudo-headers
    /// excluded.
    pub fn requests(&self) -> Vec<H2Request> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

async fn serve<S>(io: S, script: Arc<Vec<H2Step>>, recorded: Arc<Mutex<Vec<H2Request>>>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let handshake = http2::server::Builder::new()
        .initial_connection_window_size(16 * 1024 * 1024)
        .initial_window_size(4 * 1024 * 1024)
        .max_concurrent_streams(1000)
        .handshake::<_, Bytes>(io)
        .await;
    let Ok(mut conn) = handshake else {
        return;
    };
    // Stream tasks cannot reach the connection, which this task must keep polling; they ask
    // for connection-level actions through this channel.
    let (tx, mut rx) = mpsc::unbounded_channel::<ConnCmd>();
    loop {
        tokio::select! {
            next = conn.accept() => match next {
                Some(Ok((req, respond))) => {
                    let (parts, body) = req.into_parts();
                    let path = parts
                        .uri
                        .path_and_query()
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_default();
                    let headers = parts
                        .headers
                        .iter()
                        .map(|(n, v)| {
                            (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())
                        })
                        .collect();
                    recorded
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((parts.method.as_str().to_string(), path, headers));
                    tokio::spawn(drain(body));
                    let script = script.clone();
                    let tx = tx.clone();
                    tokio::spawn(async move {
                        let _ = run_stream(&script, respond, &tx).await;
                    });
                }
                _ => return,
            },
            Some(cmd) = rx.recv() => match cmd {
                ConnCmd::Graceful => conn.graceful_shutdown(),
                ConnCmd::Abrupt(reason) => conn.abrupt_shutdown(reason),
                // Dropping the connection drops the TLS stream and its socket.
                ConnCmd::Close => return,
            },
        }
    }
}

/// Reads and discards a request body, releasing flow-control capacity as it goes.
async fn drain(mut body: RecvStream) {
    while let Some(Ok(data)) = body.data().await {
        let _ = body.flow_control().release_capacity(data.len());
    }
}

fn response(status: u16, headers: &[(String, String)]) -> io::Result<http::Response<()>> {
    let mut b = http::Response::builder().status(status);
    for (name, value) in headers {
        b = b.header(name.as_str(), value.as_str());
    }
    b.body(()).map_err(io::Error::other)
}

async fn run_stream(
    script: &[H2Step],
    mut respond: SendResponse<Bytes>,
    tx: &mpsc::UnboundedSender<ConnCmd>,
) -> io::Result<()> {
    let mut send: Option<SendStream<Bytes>> = None;
    let mut ended = false;
    for step in script {
        match step {
            H2Step::Headers { status, headers } => {
                if send.is_none() && !ended {
                    let head = response(*status, headers)?;
                    send = Some(
                        respond
                            .send_response(head, false)
                            .map_err(io::Error::other)?,
                    );
                }
            }
            H2Step::Data(data) => {
                let s = open(&mut send, &mut respond)?;
                send_bytes(s, Bytes::from(data.clone()), false).await?;
            }
            H2Step::DataEnd(data) => {
                let s = open(&mut send, &mut respond)?;
                send_bytes(s, Bytes::from(data.clone()), true).await?;
                ended = true;
            }
            H2Step::Trailers(fields) => {
                let s = open(&mut send, &mut respond)?;
                let mut map = http::HeaderMap::new();
                for (name, value) in fields {
                    let name =
                        http::HeaderName::from_bytes(name.as_bytes()).map_err(io::Error::other)?;
                    let value = http::HeaderValue::from_str(value).map_err(io::Error::other)?;
                    map.append(name, value);
                }
                s.send_trailers(map).map_err(io::Error::other)?;
                ended = true;
            }
            H2Step::End => {
                match send.as_mut() {
                    Some(s) => s.send_data(Bytes::new(), true).map_err(io::Error::other)?,
                    None => {
                        respond
                            .send_response(response(200, &[])?, true)
                            .map_err(io::Error::other)?;
                    }
                }
                ended = true;
            }
            H2Step::Reset(code) => {
                tokio::time::sleep(FLUSH_GRACE).await;
                match send.as_mut() {
                    Some(s) => s.send_reset(Reason::from(*code)),
                    None => respond.send_reset(Reason::from(*code)),
                }
                ended = true;
            }
            H2Step::GoAway(code) => {
                tokio::time::sleep(FLUSH_GRACE).await;
                let cmd = match *code {
                    0 => ConnCmd::Graceful,
                    c => ConnCmd::Abrupt(Reason::from(c)),
                };
                let _ = tx.send(cmd);
            }
            H2Step::GoAwayAbrupt(code) => {
                tokio::time::sleep(FLUSH_GRACE).await;
                let _ = tx.send(ConnCmd::Abrupt(Reason::from(*code)));
            }
            H2Step::Sleep(d) => tokio::time::sleep(*d).await,
            H2Step::CloseConnection => {
                tokio::time::sleep(FLUSH_GRACE).await;
                let _ = tx.send(ConnCmd::Close);
                return Ok(());
            }
        }
    }
    if !ended {
        // Hold the stream open (see module docs): resolves when the peer resets the stream or
        // the connection goes away.
        let _ = match send.as_mut() {
            Some(s) => poll_fn(|cx| s.poll_reset(cx)).await,
            None => poll_fn(|cx| respond.poll_reset(cx)).await,
        };
    }
    Ok(())
}

/// The stream's send half, sending a bare `200` head first if no headers went out yet.
fn open<'a>(
    send: &'a mut Option<SendStream<Bytes>>,
    respond: &mut SendResponse<Bytes>,
) -> io::Result<&'a mut SendStream<Bytes>> {
    if send.is_none() {
        *send = Some(
            respond
                .send_response(response(200, &[])?, false)
                .map_err(io::Error::other)?,
        );
    }
    send.as_mut()
        .ok_or_else(|| io::Error::other("no send stream"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TestCa;
    use tokio::net::TcpStream;

    #[tokio::test]
    async fn scripted_stream_then_reset() {
        let ca = TestCa::new();
        let server = H2ScriptServer::start(
            vec![
                H2Step::Headers {
                    status: 200,
                    headers: vec![("x-test".into(), "1".into())],
                },
                H2Step::Data(b"partial".to_vec()),
                H2Step::Reset(2),
            ],
            ca.issue(&["localhost"]),
        )
        .await;
        let connector = crate::tls::connector(&ca.ca_pem(), &[b"h2"]);
        let tcp = TcpStream::connect(server.addr()).await.expect("connect");
        let tls = crate::tls::connect(&connector, "localhost", tcp)
            .await
            .expect("tls");
        let (mut client, conn) = http2::client::handshake(tls).await.expect("h2 handshake");
        tokio::spawn(conn);
        let req = http::Request::builder()
            .uri("https://localhost/p?q=1")
            .header("x-req", "a")
            .body(())
            .expect("request");
        let (resp, _) = client.send_request(req, true).expect("send");
        let resp = resp.await.expect("response");
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["x-test"], "1");
        let mut body = resp.into_body();
        let first = body.data().await.expect("data").expect("ok");
        assert_eq!(&first[..], b"partial");
        let err = body.data().await.expect("error").expect_err("reset");
        assert_eq!(err.reason(), Some(Reason::INTERNAL_ERROR));
        let reqs = server.requests();
        assert_eq!(reqs[0].0, "GET");
        assert_eq!(reqs[0].1, "/p?q=1");
        assert_eq!(reqs[0].2, vec![("x-req".to_string(), "a".to_string())]);
        assert_eq!(server.connections(), 1);
    }
}
