//! HTTP/2 connections that the server ends while a request goes out on them, as nginx does
//! with `keepalive_timeout` and `keepalive_requests`: which requests go again on a new
//! connection, without the caller seeing anything, and which fail with a typed error
//! (decision 0005, "Retries").
//!
//! The server here writes frames by hand (TLS, ALPN h2) so that a GOAWAY can name a last
//! stream id below a stream it has already read, and a close can come exactly after a request
//! arrived complete, which `http2::server` does not allow. Every test runs under a 10 s guard.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mummer::{Client, Kind, ProtocolError};
use mummer_testkit::TestCa;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

const DATA: u8 = 0x0;
const HEADERS: u8 = 0x1;
const SETTINGS: u8 = 0x4;
const PING: u8 = 0x6;
const GOAWAY: u8 = 0x7;
const END_STREAM: u8 = 0x1;
const ACK: u8 = 0x1;
const END_HEADERS: u8 = 0x4;
const ENHANCE_YOUR_CALM: u32 = 0xb;

async fn guard(test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(10), test)
        .await
        .expect("test did not finish within 10 s (hang?)");
}

/// What the server does once a request (HEADERS, and DATA up to END_STREAM) has arrived.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// `200` with the body `ok`.
    Ok,
    /// GOAWAY with this code and the last stream id answered on the connection (so below the
    /// request's), then a clean close.
    GoAway(u32),
    /// A close with no frame at all (TCP FIN without TLS close_notify).
    Close,
}

/// A request as the server read it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    connection: usize,
    stream: u32,
    body: Vec<u8>,
}

struct RawH2 {
    addr: SocketAddr,
    ca_pem: String,
    connections: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawH2 {
    /// Connection `i` answers its `j`th request with `plan[i][j]`; everything else is `Ok`.
    async fn start(plan: Vec<Vec<Answer>>) -> RawH2 {
        let ca = TestCa::new();
        let acceptor = Arc::new(mummer_testkit::tls::acceptor(
            &ca.issue(&["localhost"]),
            &[b"h2"],
        ));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (count, record) = (connections.clone(), seen.clone());
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let index = count.fetch_add(1, Ordering::SeqCst);
                let answers = plan.get(index).cloned().unwrap_or_default();
                let (acceptor, record) = (acceptor.clone(), record.clone());
                tokio::spawn(async move {
                    if let Ok(tls) = mummer_testkit::tls::accept(&acceptor, tcp).await {
                        let _ = serve(tls, index, answers, record).await;
                    }
                });
            }
        });
        RawH2 {
            addr,
            ca_pem: ca.ca_pem(),
            connections,
            seen,
        }
    }

    fn client(&self) -> Client {
        Client::builder()
            .use_bundled_roots(false)
            .add_root_certificate_pem(self.ca_pem.as_bytes())
            .resolve("localhost", self.addr.port(), self.addr)
            .build()
            .expect("client")
    }

    fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.addr.port())
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut out = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

async fn serve<S>(
    mut io: tokio_btls::SslStream<S>,
    connection: usize,
    answers: Vec<Answer>,
    seen: Arc<Mutex<Vec<Seen>>>,
) -> std::io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut preface = [0; 24];
    io.read_exact(&mut preface).await?;
    io.write_all(&frame(SETTINGS, 0, 0, &[])).await?;
    io.flush().await?;
    let mut bodies: Vec<(u32, Vec<u8>)> = Vec::new();
    let mut answered = 0u32;
    let mut requests = 0;
    loop {
        let mut header = [0; 9];
        io.read_exact(&mut header).await?;
        let len =
            usize::from(header[0]) << 16 | usize::from(header[1]) << 8 | usize::from(header[2]);
        let (kind, flags) = (header[3], header[4]);
        let stream = u32::from_be_bytes([header[5], header[6], header[7], header[8]]) & 0x7fff_ffff;
        let mut payload = vec![0; len];
        io.read_exact(&mut payload).await?;
        match kind {
            SETTINGS if flags & ACK == 0 => {
                io.write_all(&frame(SETTINGS, ACK, 0, &[])).await?;
                io.flush().await?;
            }
            PING if flags & ACK == 0 => {
                io.write_all(&frame(PING, ACK, 0, &payload)).await?;
                io.flush().await?;
            }
            // The client's header blocks are small: one HEADERS frame with END_HEADERS.
            HEADERS => bodies.push((stream, Vec::new())),
            DATA => {
                if let Some((_, body)) = bodies.iter_mut().find(|(s, _)| *s == stream) {
                    body.extend_from_slice(&payload);
                }
            }
            _ => {}
        }
        if !matches!(kind, HEADERS | DATA) || flags & END_STREAM == 0 {
            continue;
        }
        let Some(at) = bodies.iter().position(|(s, _)| *s == stream) else {
            continue;
        };
        let (stream, body) = bodies.remove(at);
        seen.lock().unwrap_or_else(|p| p.into_inner()).push(Seen {
            connection,
            stream,
            body,
        });
        let answer = answers.get(requests).copied().unwrap_or(Answer::Ok);
        requests += 1;
        match answer {
            Answer::Ok => {
                // 0x88: `:status: 200` from the HPACK static table.
                io.write_all(&frame(HEADERS, END_HEADERS, stream, &[0x88]))
                    .await?;
                io.write_all(&frame(DATA, END_STREAM, stream, b"ok"))
                    .await?;
                io.flush().await?;
                answered = stream;
            }
            Answer::GoAway(code) => {
                let mut goaway = answered.to_be_bytes().to_vec();
                goaway.extend_from_slice(&code.to_be_bytes());
                io.write_all(&frame(GOAWAY, 0, 0, &goaway)).await?;
                io.shutdown().await?;
                return linger(io).await;
            }
            Answer::Close => {
                io.get_mut().shutdown().await?;
                return linger(io).await;
            }
        }
    }
}

/// Reads what the client still sends until it closes, so that the close is a FIN and never a
/// reset that could discard frames the client has not read yet.
async fn linger<S: AsyncRead + Unpin>(mut io: S) -> std::io::Result<()> {
    let mut sink = [0; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        while io.read(&mut sink).await.is_ok_and(|n| n > 0) {}
    })
    .await;
    Ok(())
}

async fn first_request(server: &RawH2, client: &Client) {
    let first = client.get(&server.url("/1")).send().await.expect("first");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"ok");
}

fn seen(connection: usize, stream: u32, body: &[u8]) -> Seen {
    Seen {
        connection,
        stream,
        body: body.to_vec(),
    }
}

/// The server answers stream 1, then reads stream 3 and says GOAWAY with last stream id 1
/// before closing: stream 3 was not processed (RFC 9113 section 6.8), so it goes again on a
/// new connection whatever the method and whatever the GOAWAY's code, and the caller sees
/// only the answer.
#[tokio::test]
async fn a_stream_beyond_the_goaway_goes_again_on_a_new_connection() {
    guard(async {
        for (post, code) in [(false, 0), (true, 0), (true, ENHANCE_YOUR_CALM)] {
            let server = RawH2::start(vec![vec![Answer::Ok, Answer::GoAway(code)]]).await;
            let client = server.client();
            first_request(&server, &client).await;
            let second = match post {
                false => client.get(&server.url("/2")),
                true => client.post(&server.url("/2")).body("payload"),
            };
            let second = second.send().await.unwrap_or_else(|e| {
                panic!("post {post}, code {code}: sent again on a new connection: {e:?}")
            });
            assert_eq!(second.version(), http::Version::HTTP_2);
            assert_eq!(second.retries(), 0, "connection management, not a retry");
            assert_eq!(&second.bytes().await.expect("second body")[..], b"ok");
            assert_eq!(server.connections(), 2, "post {post}, code {code}");
            let body: &[u8] = if post { b"payload" } else { b"" };
            assert_eq!(
                server.seen(),
                [seen(0, 1, b""), seen(0, 3, body), seen(1, 1, body)],
                "post {post}, code {code}"
            );
        }
    })
    .await;
}

/// The soak's case: a connection that already answered closes with no GOAWAY (or one lost to
/// the close) after the next GET arrived. Nothing of the response came, so the GET goes again
/// on a new connection, as a stale HTTP/1.1 keep-alive does.
#[tokio::test]
async fn a_get_on_a_connection_closed_without_goaway_goes_again() {
    guard(async {
        let server = RawH2::start(vec![vec![Answer::Ok, Answer::Close]]).await;
        let client = server.client();
        first_request(&server, &client).await;
        let second = client
            .get(&server.url("/2"))
            .send()
            .await
            .expect("sent again on a new connection");
        assert_eq!(second.retries(), 0);
        assert_eq!(&second.bytes().await.expect("second body")[..], b"ok");
        assert_eq!(server.connections(), 2);
        assert_eq!(
            server.seen(),
            [seen(0, 1, b""), seen(0, 3, b""), seen(1, 1, b"")]
        );
    })
    .await;
}

/// The same close after a POST was read in full: the server may have acted on it and nothing
/// proves otherwise, so it is not sent again; the caller gets the typed error.
#[tokio::test]
async fn a_post_on_a_connection_closed_without_goaway_is_an_error() {
    guard(async {
        let server = RawH2::start(vec![vec![Answer::Ok, Answer::Close]]).await;
        let client = server.client();
        first_request(&server, &client).await;
        let err = client
            .post(&server.url("/submit"))
            .body("payload")
            .send()
            .await
            .expect_err("a POST the server may have processed must not go again silently");
        assert_eq!(
            err.kind(),
            &Kind::Protocol(ProtocolError::ClosedBeforeHead),
            "{err:?}"
        );
        assert_eq!(server.connections(), 1);
        assert_eq!(server.seen(), [seen(0, 1, b""), seen(0, 3, b"payload")]);
    })
    .await;
}

/// A new connection that closes before its first answer is not a connection retired for
/// idleness: the failure stands, even for a GET.
#[tokio::test]
async fn a_new_connection_closed_before_any_answer_is_an_error() {
    guard(async {
        let server = RawH2::start(vec![vec![Answer::Close]]).await;
        let err = server
            .client()
            .get(&server.url("/1"))
            .send()
            .await
            .expect_err("closed before its first answer");
        assert_eq!(
            err.kind(),
            &Kind::Protocol(ProtocolError::ClosedBeforeHead),
            "{err:?}"
        );
        assert_eq!(server.connections(), 1);
        assert_eq!(server.seen(), [seen(0, 1, b"")]);
    })
    .await;
}
