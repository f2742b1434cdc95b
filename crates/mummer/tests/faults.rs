//! Fault injection against mummer's body contract: a response body ends complete, or with an
//! error that says why; never with a clean but short body.
//!
//! HTTP/1.1 faults come from `ScriptServer` (raw bytes, exact closes) and run over plain TCP and
//! TLS alike; HTTP/2 faults come from `H2ScriptServer` (TLS, ALPN h2). Every test runs under a
//! 10 s guard so a hang fails instead of stalling CI.

use std::future::Future;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use mummer::{BodyError, Client, ClientBuilder, Kind, ProtocolError, Response, TimeoutKind};
use mummer_proto::BodyError as Framing;
use mummer_proto::ProtoError;
use mummer_testkit::{
    ContentOptions, ContentServer, H2ScriptServer, H2Step, ScriptServer, Step, TestCa, chunked,
    pattern, response_with_length,
};

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Runs a test body under the 10 s guard.
async fn guard(test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(10), test)
        .await
        .expect("test did not finish within 10 s (hang?)");
}

/// Transport for HTTP/1.1 scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tr {
    Plain,
    Tls,
}

/// Where a test server listens, and how a client reaches and trusts it.
struct Origin {
    addr: SocketAddr,
    /// The test CA's PEM for TLS servers; `None` for plain TCP.
    ca_pem: Option<String>,
}

impl Origin {
    fn url(&self, path: &str) -> String {
        match self.ca_pem {
            None => format!("http://127.0.0.1:{}{path}", self.addr.port()),
            Some(_) => format!("https://localhost:{}{path}", self.addr.port()),
        }
    }

    /// A builder that reaches and trusts the server (no bundled roots: only the test CA).
    fn builder(&self) -> ClientBuilder {
        match &self.ca_pem {
            None => Client::builder(),
            Some(pem) => Client::builder()
                .use_bundled_roots(false)
                .add_root_certificate_pem(pem.as_bytes())
                .resolve("localhost", self.addr.port(), self.addr),
        }
    }

    fn client(&self) -> Client {
        self.builder().build().expect("build client")
    }
}

/// A scripted HTTP/1.1 server over `tr`.
async fn h1(tr: Tr, scripts: Vec<Vec<Step>>) -> (ScriptServer, Origin) {
    match tr {
        Tr::Plain => {
            let server = ScriptServer::start(scripts).await;
            let origin = Origin {
                addr: server.addr(),
                ca_pem: None,
            };
            (server, origin)
        }
        Tr::Tls => {
            let ca = TestCa::new();
            let server =
                ScriptServer::start_tls(scripts, ca.issue(&["localhost", "127.0.0.1"])).await;
            let origin = Origin {
                addr: server.addr(),
                ca_pem: Some(ca.ca_pem()),
            };
            (server, origin)
        }
    }
}

/// A scripted HTTP/2 server (TLS, ALPN h2) running `script` on every stream.
async fn h2(script: Vec<H2Step>) -> (H2ScriptServer, Origin) {
    let ca = TestCa::new();
    let server = H2ScriptServer::start(script, ca.issue(&["localhost", "127.0.0.1"])).await;
    let origin = Origin {
        addr: server.addr(),
        ca_pem: Some(ca.ca_pem()),
    };
    (server, origin)
}

/// Reads `response` until it ends, which must be with an error. Checks that a further read fails
/// again (same kind) instead of ending clean, and returns the bytes that arrived and the error.
async fn read_to_failure(response: &mut Response) -> (Vec<u8>, mummer::Error) {
    let mut got = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => got.extend_from_slice(&chunk),
            Ok(None) => panic!(
                "body ended clean after {} bytes where an error was expected",
                got.len()
            ),
            Err(err) => {
                for _ in 0..2 {
                    let again = response
                        .chunk()
                        .await
                        .expect_err("a failed body must fail again, never end clean");
                    assert_eq!(again.kind(), err.kind(), "{again:?} after {err:?}");
                }
                assert!(!response.is_body_complete());
                assert!(err.url().is_some(), "body error without URL: {err:?}");
                return (got, err);
            }
        }
    }
}

/// Reads `response` to its clean end.
async fn read_to_end(response: &mut Response) -> Vec<u8> {
    let mut got = Vec::new();
    while let Some(chunk) = response.chunk().await.expect("body must end complete") {
        got.extend_from_slice(&chunk);
    }
    assert!(response.is_body_complete());
    got
}

/// `got` is a prefix of the pattern (nothing shifted, duplicated or invented).
fn assert_pattern_prefix(got: &[u8]) {
    assert_eq!(
        pattern::verify(0, got),
        Ok(()),
        "bytes delivered before the failure are not the pattern"
    );
}

fn cl_head(len: usize) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\n\r\n").into_bytes()
}

const CHUNKED_HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

/// The 1000-byte Content-Length head plus 400 body bytes.
fn cl_1000_sent_400() -> Vec<u8> {
    [cl_head(1000), pattern::bytes(0, 400)].concat()
}

/// Raw compressed bytes of `n` pattern bytes (`coding` = gzip, br or zstd), fetched from the
/// content server without decoding.
async fn compressed(coding: &str, n: usize) -> Vec<u8> {
    let server = ContentServer::start(ContentOptions::plain()).await;
    let client = Client::builder()
        .decompress(false)
        .build()
        .expect("build client");
    let response = client
        .get(&format!("http://127.0.0.1:{}/{coding}/{n}", server.port()))
        .send()
        .await
        .expect("fetch compressed body");
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(coding.as_bytes())
    );
    let raw = response
        .bytes()
        .await
        .expect("raw compressed body")
        .to_vec();
    assert!(raw.len() > 64, "{coding} body suspiciously small: {raw:?}");
    raw
}

/// `#[tokio::test]`s `plain` and `tls` in a module named after each `async fn name(Tr)`.
macro_rules! h1_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn plain() {
                super::guard(super::$name(super::Tr::Plain)).await
            }
            #[tokio::test]
            async fn tls() {
                super::guard(super::$name(super::Tr::Tls)).await
            }
        }
    )*};
}

h1_both!(
    cl_short_then_close,
    cl_short_then_close_without_notify,
    cl_short_then_reset,
    chunked_cut_mid_chunk,
    chunked_missing_final_chunk,
    chunked_missing_final_crlf,
    chunked_invalid_size,
    closed_during_head,
    closed_during_head_on_reused_connection,
    drip_slower_than_read_timeout,
    drip_faster_than_read_timeout,
    gzip_cut,
    br_cut,
    zstd_cut,
    gzip_corrupted,
    head_too_large,
    head_over_configured_limit,
    invalid_status_line,
    close_delimited_with_close,
    close_delimited_without_close_notify,
    close_delimited_then_reset,
    keep_alive_reuse_after_full_read,
    keep_alive_dropped_unread_uses_new_connection,
    stale_idle_connection_detected,
    stale_connection_closed_after_request_get_retried,
    stale_connection_closed_after_request_post_not_retried,
    reason_content_length_short,
    reason_content_length_long,
    reason_chunked_cut,
    reason_chunked_bad_size,
);

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: Content-Length bodies cut short
// ---------------------------------------------------------------------------------------------

/// Test 1: Content-Length 1000, 400 bytes, clean close: exactly Truncated{1000, 400}.
async fn cl_short_then_close(tr: Tr) {
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(cl_1000_sent_400()),
            Step::Close,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/cl"))
        .send()
        .await
        .expect("the head is complete");
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(1000));
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, pattern::bytes(0, 400));
    let truncated = BodyError::Truncated {
        expected: Some(1000),
        received: 400,
    };
    assert_eq!(err.kind(), &Kind::Body(truncated.clone()), "{err:?}");
    assert_eq!(err.body_error(), Some(&truncated));
    assert!(err.is_body() && !err.is_timeout() && !err.is_decode());
}

/// Test 2a: The same cut, closed without TLS close_notify (plain TCP: a plain FIN).
async fn cl_short_then_close_without_notify(tr: Tr) {
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(cl_1000_sent_400()),
            Step::CloseWithoutNotify,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/cl"))
        .send()
        .await
        .expect("the head is complete");
    let (got, err) = read_to_failure(&mut response).await;
    assert_pattern_prefix(&got);
    assert!(
        matches!(
            err.kind(),
            Kind::Body(BodyError::Truncated {
                expected: Some(1000),
                received: 400
            }) | Kind::Body(BodyError::Io { received: 400 })
        ),
        "{err:?}"
    );
}

/// Test 2b: The same cut, ended by TCP RST.
async fn cl_short_then_reset(tr: Tr) {
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(cl_1000_sent_400()),
            // Let the head reach the client before the reset.
            Step::Sleep(Duration::from_millis(50)),
            Step::Reset,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/cl"))
        .send()
        .await
        .expect("the head arrived before the reset");
    let (got, err) = read_to_failure(&mut response).await;
    assert_pattern_prefix(&got);
    let received = got.len() as u64;
    assert!(received <= 400);
    assert!(
        matches!(
            err.kind(),
            Kind::Body(BodyError::Truncated { expected: Some(1000), received: r })
                | Kind::Body(BodyError::Io { received: r })
                if *r == received
        ),
        "{err:?} (client saw {received} bytes)"
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: chunked framing faults
// ---------------------------------------------------------------------------------------------

/// Test 3: Cut inside a chunk's data.
async fn chunked_cut_mid_chunk(tr: Tr) {
    let wire = [CHUNKED_HEAD, b"3e8\r\n", &pattern::bytes(0, 400)].concat();
    let (_server, origin) = h1(
        tr,
        vec![vec![Step::ReadRequest, Step::Write(wire), Step::Close]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/chunked"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, pattern::bytes(0, 400));
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Framing(Framing::MissingFinalChunk {
            received: 400
        })),
        "{err:?}"
    );
}

/// Test 4a: Every data chunk complete, the last chunk (`0\r\n\r\n`) never sent.
async fn chunked_missing_final_chunk(tr: Tr) {
    let data = pattern::bytes(0, 500);
    let mut body = chunked(&[&data[..300], &data[300..]]);
    body.truncate(body.len() - b"0\r\n\r\n".len());
    chunked_cut_after_all_data(tr, body, &data).await;
}

/// Test 4b: The last chunk arrives but the empty line ending the trailer section does not.
async fn chunked_missing_final_crlf(tr: Tr) {
    let data = pattern::bytes(0, 500);
    let mut body = chunked(&[&data]);
    body.truncate(body.len() - 2);
    chunked_cut_after_all_data(tr, body, &data).await;
}

/// Serves `body` (a chunked body cut after all of `data`), closes, and expects every data byte
/// then `MissingFinalChunk`.
async fn chunked_cut_after_all_data(tr: Tr, body: Vec<u8>, data: &[u8]) {
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write([CHUNKED_HEAD, &body].concat()),
            Step::Close,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/chunked"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, data);
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Framing(Framing::MissingFinalChunk {
            received: data.len() as u64
        })),
        "{err:?}"
    );
}

/// Test 5: a chunk-size line that is not hexadecimal, after one good chunk.
async fn chunked_invalid_size(tr: Tr) {
    let good = pattern::bytes(0, 16);
    let wire = [CHUNKED_HEAD, b"10\r\n", &good, b"\r\nzz\r\n"].concat();
    // No close: the framing error alone must end the body.
    let (_server, origin) = h1(tr, vec![vec![Step::ReadRequest, Step::Write(wire)]]).await;
    let mut response = origin
        .client()
        .get(&origin.url("/chunked"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, good);
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Framing(Framing::InvalidChunkSize)),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: what the reasons say, and that every byte that arrived went out first (the same
// sizes as the HTTP/2 tests 18d/18e: bodies larger than one 16 KiB frame or read)
// ---------------------------------------------------------------------------------------------

/// Content-Length 30000, 20000 bytes, close: all 20000, then "truncated: received 20000 of
/// 30000 bytes".
async fn reason_content_length_short(tr: Tr) {
    let wire = [cl_head(30000), pattern::bytes(0, 20000)].concat();
    let (_server, origin) = h1(
        tr,
        vec![vec![Step::ReadRequest, Step::Write(wire), Step::Close]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/short"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, pattern::bytes(0, 20000));
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Truncated {
            expected: Some(30000),
            received: 20000
        }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("incomplete body: truncated: received 20000 of 30000 bytes"),
        "{message}"
    );
    assert_eq!(err.curl_code(), 18);
}

/// Content-Length 20000 and 32768 bytes sent: HTTP/1.1 frames the body by its length, so the
/// body is the first 20000 bytes, complete; the rest cannot be a next response, so the
/// connection is not reused (the next request gets a new one).
async fn reason_content_length_long(tr: Tr) {
    let wire = [cl_head(20000), pattern::bytes(0, 32768)].concat();
    let answer = [cl_head(5), b"again".to_vec()].concat();
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(wire),
                Step::Sleep(Duration::from_millis(300)),
            ],
            vec![Step::ReadRequest, Step::Write(answer)],
        ],
    )
    .await;
    let client = origin.client();
    let mut response = client.get(&origin.url("/long")).send().await.expect("head");
    assert_eq!(read_to_end(&mut response).await, pattern::bytes(0, 20000));
    let again = client
        .get(&origin.url("/again"))
        .send()
        .await
        .expect("second request")
        .bytes()
        .await
        .expect("second body");
    assert_eq!(&again[..], b"again");
    assert_eq!(
        server.connections(),
        2,
        "the overlong connection was reused"
    );
}

/// A 30000-byte chunk of which 20000 bytes arrive, then close: all 20000, then "chunked body
/// ended without the last chunk after 20000 bytes".
async fn reason_chunked_cut(tr: Tr) {
    let wire = [CHUNKED_HEAD, b"7530\r\n", &pattern::bytes(0, 20000)].concat();
    let (_server, origin) = h1(
        tr,
        vec![vec![Step::ReadRequest, Step::Write(wire), Step::Close]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/chunked"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, pattern::bytes(0, 20000));
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Framing(Framing::MissingFinalChunk {
            received: 20000
        })),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("chunked body ended without the last chunk after 20000 bytes"),
        "{message}"
    );
    assert_eq!(err.curl_code(), 18);
}

/// A good 20000-byte chunk, then a chunk-size line that is not hexadecimal: the 20000 bytes,
/// then "invalid chunk size" with where it happened.
async fn reason_chunked_bad_size(tr: Tr) {
    let wire = [
        CHUNKED_HEAD,
        b"4e20\r\n",
        &pattern::bytes(0, 20000),
        b"\r\nzz\r\n",
    ]
    .concat();
    let (_server, origin) = h1(tr, vec![vec![Step::ReadRequest, Step::Write(wire)]]).await;
    let mut response = origin
        .client()
        .get(&origin.url("/chunked"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_eq!(got, pattern::bytes(0, 20000));
    assert_eq!(
        err.kind(),
        &Kind::Body(BodyError::Framing(Framing::InvalidChunkSize)),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("invalid chunk size") && message.contains("after 20000 body bytes"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: faults before the head is complete
// ---------------------------------------------------------------------------------------------

/// Test 6a: half a head, then close: ClosedBeforeHead, on one connection (no retry loop).
async fn closed_during_head(tr: Tr) {
    let (server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(b"HTTP/1.1 200 OK\r\nContent-Le".to_vec()),
            Step::Close,
        ]],
    )
    .await;
    let err = origin
        .client()
        .get(&origin.url("/half"))
        .send()
        .await
        .expect_err("a half head is no response");
    assert!(err.is_protocol(), "{err:?}");
    assert_eq!(
        err.kind(),
        &Kind::Protocol(ProtocolError::ClosedBeforeHead),
        "{err:?}"
    );
    assert!(err.url().is_some());
    assert_eq!(
        server.connections(),
        1,
        "a fresh connection must not be retried"
    );
    assert_eq!(server.requests().len(), 1);
}

/// Test 6b: half a head on a reused keep-alive connection: response bytes arrived, so the request is
/// not retried either.
async fn closed_during_head_on_reused_connection(tr: Tr) {
    let ok = response_with_length(200, b"first", &[]);
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(ok.clone()),
                Step::ReadRequest,
                Step::Write(b"HTTP/1.1 200 OK\r\nContent-Le".to_vec()),
                Step::Close,
            ],
            // Reached only if the client retried.
            vec![Step::ReadRequest, Step::Write(ok), Step::Close],
        ],
    )
    .await;
    let client = origin.client();
    let first = client
        .get(&origin.url("/1"))
        .send()
        .await
        .expect("first response");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"first");
    let err = client
        .get(&origin.url("/2"))
        .send()
        .await
        .expect_err("a half head is no response");
    assert_eq!(
        err.kind(),
        &Kind::Protocol(ProtocolError::ClosedBeforeHead),
        "{err:?}"
    );
    assert_eq!(
        server.connections(),
        1,
        "partial response must not be retried"
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: read timeout
// ---------------------------------------------------------------------------------------------

/// Test 7a: head, then 10 bytes every 500 ms against a 200 ms read timeout.
async fn drip_slower_than_read_timeout(tr: Tr) {
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(cl_head(1000)),
            Step::Drip {
                data: pattern::bytes(0, 1000),
                chunk: 10,
                interval: Duration::from_millis(500),
            },
        ]],
    )
    .await;
    let client = origin
        .builder()
        .read_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let started = Instant::now();
    let mut response = client.get(&origin.url("/drip")).send().await.expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    let elapsed = started.elapsed();
    assert_pattern_prefix(&got);
    assert!(got.len() < 1000);
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.timeout_kind(), Some(TimeoutKind::Read), "{err:?}");
    assert!(
        elapsed < Duration::from_millis(1500),
        "read timeout fired late: {elapsed:?}"
    );
}

/// Test 7b: 20 bytes every 50 ms (450 ms in all) under a 200 ms read timeout: the timeout is per read,
/// so the body completes.
async fn drip_faster_than_read_timeout(tr: Tr) {
    let data = pattern::bytes(0, 200);
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(cl_head(200)),
            Step::Drip {
                data: data.clone(),
                chunk: 20,
                interval: Duration::from_millis(50),
            },
        ]],
    )
    .await;
    let client = origin
        .builder()
        .read_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let started = Instant::now();
    let mut response = client.get(&origin.url("/drip")).send().await.expect("head");
    assert_eq!(read_to_end(&mut response).await, data);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "the drip must outlast the read timeout for this test to mean anything"
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: content-coding faults
// ---------------------------------------------------------------------------------------------

/// Test 8: a compressed body with complete HTTP framing (Content-Length = cut length) but a cut
/// compressed stream: the uncut body decodes, every cut one fails with a decode error.
async fn compressed_cut(tr: Tr, coding: &str) {
    const N: usize = 100_000;
    let raw = compressed(coding, N).await;
    let respond = |body: &[u8]| {
        vec![
            Step::ReadRequest,
            Step::Write(response_with_length(
                200,
                body,
                &[("Content-Encoding", coding), ("Connection", "close")],
            )),
            Step::Close,
        ]
    };
    let cuts = [raw.len() / 2, raw.len() - 1];
    let mut scripts = vec![respond(&raw)];
    scripts.extend(cuts.iter().map(|&cut| respond(&raw[..cut])));
    let (_server, origin) = h1(tr, scripts).await;
    let client = origin.client();

    let full = client
        .get(&origin.url("/full"))
        .send()
        .await
        .expect("full response");
    let decoded = full.bytes().await.expect("the uncut body decodes");
    assert_eq!(decoded.len(), N);
    assert_pattern_prefix(&decoded);

    for cut in cuts {
        let mut response = client
            .get(&origin.url(&format!("/cut/{cut}")))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert!(
            err.is_decode(),
            "{coding} cut at {cut} of {}: {err:?}",
            raw.len()
        );
        // A cut in gzip's footer still lets every data byte out; the end is an error anyway.
        assert!(got.len() <= N, "{coding} cut at {cut}: {} bytes", got.len());
        assert_pattern_prefix(&got);
    }
}

async fn gzip_cut(tr: Tr) {
    compressed_cut(tr, "gzip").await;
}

async fn br_cut(tr: Tr) {
    compressed_cut(tr, "br").await;
}

async fn zstd_cut(tr: Tr) {
    compressed_cut(tr, "zstd").await;
}

/// Test 9: bytes flipped in the middle of a gzip body (framing intact).
async fn gzip_corrupted(tr: Tr) {
    let mut raw = compressed("gzip", 100_000).await;
    let mid = raw.len() / 2;
    for b in &mut raw[mid..mid + 4] {
        *b ^= 0x5a;
    }
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(response_with_length(
                200,
                &raw,
                &[("Content-Encoding", "gzip")],
            )),
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/corrupt"))
        .send()
        .await
        .expect("head");
    let (_got, err) = read_to_failure(&mut response).await;
    assert!(err.is_decode(), "{err:?}");
    assert_eq!(err.kind(), &Kind::Decode);
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: malformed heads
// ---------------------------------------------------------------------------------------------

/// Test 10a: a 300 KiB header line against the default 256 KiB head limit.
async fn head_too_large(tr: Tr) {
    let mut wire = b"HTTP/1.1 200 OK\r\nX-Big: ".to_vec();
    wire.resize(wire.len() + 300 * 1024, b'a');
    wire.extend_from_slice(b"\r\nContent-Length: 0\r\n\r\n");
    let (_server, origin) = h1(tr, vec![vec![Step::ReadRequest, Step::Write(wire)]]).await;
    let err = origin
        .client()
        .get(&origin.url("/big"))
        .send()
        .await
        .expect_err("head over the limit");
    assert_eq!(
        err.kind(),
        &Kind::Protocol(ProtocolError::Http1(ProtoError::HeadTooLarge {
            limit: 256 * 1024
        })),
        "{err:?}"
    );
}

/// Test 10b: a ~2 KiB head: accepted by default, rejected by `max_response_head_size(1024)`.
async fn head_over_configured_limit(tr: Tr) {
    let mut head = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n".to_vec();
    for i in 0..20 {
        head.extend_from_slice(format!("X-Filler-{i:02}: {}\r\n", "v".repeat(90)).as_bytes());
    }
    head.extend_from_slice(b"\r\nok");
    assert!(head.len() > 2048);
    let (_server, origin) = h1(
        tr,
        vec![vec![Step::ReadRequest, Step::Write(head), Step::Close]],
    )
    .await;

    let response = origin
        .client()
        .get(&origin.url("/2k"))
        .send()
        .await
        .expect("2 KiB head is fine by default");
    assert_eq!(&response.bytes().await.expect("body")[..], b"ok");

    let strict = origin
        .builder()
        .max_response_head_size(1024)
        .build()
        .expect("client");
    let err = strict
        .get(&origin.url("/2k"))
        .send()
        .await
        .expect_err("head over 1024 bytes");
    assert_eq!(
        err.kind(),
        &Kind::Protocol(ProtocolError::Http1(ProtoError::HeadTooLarge {
            limit: 1024
        })),
        "{err:?}"
    );
}

/// Test 11: non-numeric status and plain garbage instead of a status line.
async fn invalid_status_line(tr: Tr) {
    let bad: [&[u8]; 2] = [b"HTTP/1.1 abc OK\r\n\r\n", b"FOO\r\n\r\n"];
    let scripts = bad
        .iter()
        .map(|wire| vec![Step::ReadRequest, Step::Write(wire.to_vec()), Step::Close])
        .collect();
    let (server, origin) = h1(tr, scripts).await;
    let client = origin.client();
    for wire in bad {
        let err = client
            .get(&origin.url("/bad"))
            .send()
            .await
            .expect_err("invalid status line");
        assert!(
            err.is_protocol(),
            "{:?}: {err:?}",
            String::from_utf8_lossy(wire)
        );
        assert_eq!(
            err.kind(),
            &Kind::Protocol(ProtocolError::Http1(ProtoError::InvalidStatusLine)),
            "{:?}",
            String::from_utf8_lossy(wire)
        );
    }
    assert_eq!(server.connections(), 2);
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: close-delimited bodies and close_notify
// ---------------------------------------------------------------------------------------------

fn close_delimited(data: &[u8]) -> Vec<u8> {
    [b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", data].concat()
}

/// Test 12a: Close-delimited body ended by a clean close (close_notify over TLS): complete, verified.
async fn close_delimited_with_close(tr: Tr) {
    let data = pattern::bytes(0, 3000);
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(close_delimited(&data)),
            Step::Close,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/close"))
        .send()
        .await
        .expect("head");
    assert_eq!(read_to_end(&mut response).await, data);
    assert!(!response.close_notify_missing());
}

/// Test 12c: A close-delimited body whose connection is reset after some data: an error, never
/// a complete body. The data and the reset arrive together, so the read that takes the data is
/// followed at once by one that sees the reset (Linux reports it once; the read after it sees
/// an end of stream, which for this body would look like its end).
async fn close_delimited_then_reset(tr: Tr) {
    let head = close_delimited(&[]);
    let data = pattern::bytes(0, 3000);
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(head),
            Step::Sleep(Duration::from_millis(50)),
            Step::Write(data),
            Step::Reset,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/close"))
        .send()
        .await
        .expect("head");
    let (got, err) = read_to_failure(&mut response).await;
    assert_pattern_prefix(&got);
    assert!(
        matches!(err.kind(), Kind::Body(BodyError::Io { received }) if *received == got.len() as u64),
        "{err:?} (client saw {} bytes)",
        got.len()
    );
}

/// Test 12b: Close-delimited body ended without close_notify: complete, but flagged over TLS (on
/// plain TCP there is nothing to verify, so it is not flagged).
async fn close_delimited_without_close_notify(tr: Tr) {
    let data = pattern::bytes(0, 3000);
    let (_server, origin) = h1(
        tr,
        vec![vec![
            Step::ReadRequest,
            Step::Write(close_delimited(&data)),
            Step::CloseWithoutNotify,
        ]],
    )
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/close"))
        .send()
        .await
        .expect("head");
    assert_eq!(read_to_end(&mut response).await, data);
    assert_eq!(response.close_notify_missing(), tr == Tr::Tls);
}

// ---------------------------------------------------------------------------------------------
// HTTP/1.1: keep-alive and retries
// ---------------------------------------------------------------------------------------------

/// Test 13a: Two requests over one connection once the first body was read to its end.
async fn keep_alive_reuse_after_full_read(tr: Tr) {
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"one", &[])),
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"two", &[])),
            ],
            // A second connection would be a failure to reuse.
            vec![Step::Close],
        ],
    )
    .await;
    let client = origin.client();
    let first = client.get(&origin.url("/1")).send().await.expect("first");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"one");
    assert_eq!(client.idle_connections(), 1);
    let second = client.get(&origin.url("/2")).send().await.expect("second");
    assert_eq!(&second.bytes().await.expect("second body")[..], b"two");
    assert_eq!(server.connections(), 1);
    assert_eq!(server.requests().len(), 2);
}

/// Test 13b: a response dropped unread takes its connection with it; the next request uses a new one.
async fn keep_alive_dropped_unread_uses_new_connection(tr: Tr) {
    let big = pattern::bytes(0, 1000);
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, &big, &[])),
                // Would answer a (wrong) reuse; the client would then read `big` as a head.
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"reused", &[])),
            ],
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"fresh", &[])),
            ],
        ],
    )
    .await;
    let client = origin.client();
    let first = client.get(&origin.url("/1")).send().await.expect("first");
    assert_eq!(first.status(), 200);
    drop(first);
    assert_eq!(client.idle_connections(), 0);
    let second = client.get(&origin.url("/2")).send().await.expect("second");
    assert_eq!(&second.bytes().await.expect("second body")[..], b"fresh");
    assert_eq!(server.connections(), 2);
}

/// Test 14a: The server closes an idle keep-alive connection; the next request notices and succeeds
/// on a new connection.
async fn stale_idle_connection_detected(tr: Tr) {
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"one", &[])),
                Step::Close,
            ],
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"two", &[])),
            ],
        ],
    )
    .await;
    let client = origin.client();
    let first = client.get(&origin.url("/1")).send().await.expect("first");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"one");
    // Let the close reach the client.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let second = client
        .get(&origin.url("/2"))
        .send()
        .await
        .expect("second request on a new connection");
    assert_eq!(&second.bytes().await.expect("second body")[..], b"two");
    assert_eq!(server.connections(), 2);
    // The dead connection got no request (it was detected before use).
    assert_eq!(server.requests().len(), 2);
}

/// Test 14b: The keep-alive connection looks alive but the server closes it after reading the next
/// request, sending nothing: a GET (idempotent, no response byte) is retried once on a new
/// connection.
async fn stale_connection_closed_after_request_get_retried(tr: Tr) {
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"one", &[])),
                Step::ReadRequest,
                Step::Close,
            ],
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"two", &[])),
            ],
        ],
    )
    .await;
    let client = origin.client();
    let first = client.get(&origin.url("/1")).send().await.expect("first");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"one");
    let second = client
        .get(&origin.url("/2"))
        .send()
        .await
        .expect("retried on a new connection");
    assert_eq!(&second.bytes().await.expect("second body")[..], b"two");
    assert_eq!(server.connections(), 2);
    let requests = server.requests();
    assert_eq!(
        requests.len(),
        3,
        "GET /2 sent twice: once lost, once answered"
    );
    assert!(requests[1].starts_with(b"GET /2 "));
    assert!(requests[2].starts_with(b"GET /2 "));
}

/// Test 14c: same fault with a POST: not idempotent, so it is not replayed. Observed: the error is
/// Protocol(ClosedBeforeHead), the server saw the POST exactly once, one connection in all.
async fn stale_connection_closed_after_request_post_not_retried(tr: Tr) {
    let (server, origin) = h1(
        tr,
        vec![
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"one", &[])),
                Step::ReadRequest,
                Step::Close,
            ],
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"replayed", &[])),
            ],
        ],
    )
    .await;
    let client = origin.client();
    let first = client.get(&origin.url("/1")).send().await.expect("first");
    assert_eq!(&first.bytes().await.expect("first body")[..], b"one");
    let err = client
        .post(&origin.url("/submit"))
        .body("payload")
        .send()
        .await
        .expect_err("a POST must not be replayed silently");
    assert_eq!(
        err.kind(),
        &Kind::Protocol(ProtocolError::ClosedBeforeHead),
        "{err:?}"
    );
    assert_eq!(server.connections(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].starts_with(b"POST /submit "));
    assert!(requests[1].ends_with(b"\r\n\r\npayload"));
}

/// A TCP reset while the head is incomplete fails the request as a protocol (or request) error
/// (the same fault over HTTP/2, an I/O error before the head, gives
/// Protocol(ClosedBeforeHead)), not as a body error: there is no response, so there is no body.
#[tokio::test]

async fn reset_during_head_is_not_a_body_error() {
    guard(async {
        for tr in [Tr::Plain, Tr::Tls] {
            let (server, origin) = h1(
                tr,
                vec![vec![
                    Step::ReadRequest,
                    Step::Write(b"HTTP/1.1 200 OK\r\nContent-Le".to_vec()),
                    Step::Sleep(Duration::from_millis(50)),
                    Step::Reset,
                ]],
            )
            .await;
            let err = origin
                .client()
                .get(&origin.url("/reset"))
                .send()
                .await
                .expect_err("no complete head");
            assert_eq!(server.connections(), 1);
            assert!(
                !err.is_body() && (err.is_protocol() || err.is_request()),
                "{tr:?}: a failure before the head is reported as a body error: {err:?}"
            );
        }
    })
    .await;
}

/// `raw_bytes_received()` counts what arrived; a body error must not reset it to 0.
#[tokio::test]

async fn raw_bytes_received_survives_body_error() {
    guard(async {
        let (_server, origin) = h1(
            Tr::Plain,
            vec![vec![
                Step::ReadRequest,
                Step::Write(cl_1000_sent_400()),
                Step::Close,
            ]],
        )
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/cl"))
            .send()
            .await
            .expect("head");
        let mut got = 0u64;
        let err = loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    got += chunk.len() as u64;
                    assert_eq!(response.raw_bytes_received(), got);
                }
                Ok(None) => panic!("clean end after {got} bytes"),
                Err(err) => break err,
            }
        };
        assert!(err.is_body(), "{err:?}");
        assert_eq!(got, 400);
        assert_eq!(
            response.raw_bytes_received(),
            400,
            "progress counter went backwards"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// HTTP/2
// ---------------------------------------------------------------------------------------------

fn h2_head(headers: &[(&str, &str)]) -> H2Step {
    H2Step::Headers {
        status: 200,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
    }
}

/// Headers with content-length 1000, 400 bytes of DATA, then `fault`.
async fn h2_cut_by(fault: H2Step) -> (H2ScriptServer, Vec<u8>, mummer::Error) {
    let (server, origin) = h2(vec![
        h2_head(&[("content-length", "1000")]),
        H2Step::Data(pattern::bytes(0, 400)),
        fault,
    ])
    .await;
    let mut response = origin
        .client()
        .get(&origin.url("/h2"))
        .send()
        .await
        .expect("head");
    assert_eq!(response.version(), mummer::Version::HTTP_2);
    assert_eq!(response.content_length(), Some(1000));
    let (got, err) = read_to_failure(&mut response).await;
    assert_pattern_prefix(&got);
    (server, got, err)
}

/// A content-length given as a list of equal values (`1000, 1000`) is that length, as over
/// HTTP/1.1: END_STREAM after 400 bytes is a cut, not a complete body.
#[tokio::test]
async fn h2_content_length_list_is_that_length() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "1000, 1000")]),
            H2Step::DataEnd(pattern::bytes(0, 400)),
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/h2"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert_eq!(got.len(), 400);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::Truncated {
                expected: Some(1000),
                received: 400
            }),
            "{err:?}"
        );
    })
    .await;
}

/// An invalid or disagreeing content-length makes the HTTP/2 response malformed (RFC 9113
/// 8.1.1): an error, never a body of unknown length.
#[tokio::test]
async fn h2_content_length_invalid_is_malformed() {
    guard(async {
        for value in ["1000, 999", "12a", "-5"] {
            let (_server, origin) = h2(vec![
                h2_head(&[("content-length", value)]),
                H2Step::DataEnd(pattern::bytes(0, 400)),
            ])
            .await;
            let err = origin
                .client()
                .get(&origin.url("/h2"))
                .send()
                .await
                .expect_err("malformed content-length");
            assert!(
                matches!(err.kind(), Kind::Protocol(ProtocolError::Http2(m)) if m.contains("content-length")),
                "{value}: {err:?}"
            );
        }
    })
    .await;
}

/// Test 15: RST_STREAM(INTERNAL_ERROR) after 400 of 1000 bytes.
#[tokio::test]
async fn h2_reset_mid_body() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::Reset(2)).await;
        assert_eq!(got.len(), 400);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::Reset {
                code: 2,
                received: 400
            }),
            "{err:?}"
        );
    })
    .await;
}

/// Test 16a: GOAWAY(INTERNAL_ERROR) mid-body, then the server closes: the GOAWAY is named with
/// its code and last stream id, after every byte that arrived.
#[tokio::test]
async fn h2_goaway_mid_body() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::GoAway(2)).await;
        assert_eq!(got.len(), 400);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::GoAway {
                code: 2,
                last_stream_id: 1,
                received: 400
            }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains(
                "connection ended by GOAWAY (code 2 INTERNAL_ERROR, last stream id 1) after 400 bytes"
            ),
            "{message}"
        );
        assert!(!message.contains("broken pipe"), "{message}");
        assert_eq!(err.curl_code(), 18);
    })
    .await;
}

/// Test 16b: GOAWAY(NO_ERROR) covering the stream mid-body, then the connection closes: still an
/// error, since the stream never ended, and it says GOAWAY rather than "broken pipe".
#[tokio::test]
async fn h2_goaway_no_error_mid_body() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::GoAwayAbrupt(0)).await;
        assert_eq!(got.len(), 400);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::GoAway {
                code: 0,
                last_stream_id: 1,
                received: 400
            }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains("GOAWAY (code 0 NO_ERROR, last stream id 1) after 400 bytes"),
            "{message}"
        );
        assert!(
            message.contains("the server closed the connection after its GOAWAY"),
            "{message}"
        );
    })
    .await;
}

/// Test 17: TCP connection dropped mid-body (no GOAWAY, no close_notify).
#[tokio::test]
async fn h2_connection_dropped_mid_body() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::CloseConnection).await;
        assert!(err.is_body(), "{err:?}");
        let received = err.body_error().map(|b| match b {
            BodyError::Truncated { received, .. }
            | BodyError::Reset { received, .. }
            | BodyError::GoAway { received, .. }
            | BodyError::Io { received } => *received,
            other => panic!("unexpected body error {other:?}"),
        });
        assert_eq!(received, Some(got.len() as u64), "{err:?}");
    })
    .await;
}

/// Test 18a: END_STREAM after 400 of a declared 1000 bytes: Truncated{1000, 400}.
#[tokio::test]

async fn h2_end_stream_short_of_content_length() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::End).await;
        assert_eq!(got.len(), 400);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::Truncated {
                expected: Some(1000),
                received: 400
            }),
            "{err:?}"
        );
    })
    .await;
}

/// Test 18b: END_STREAM after 400 of a declared 1000 bytes is at least never a clean end.
#[tokio::test]
async fn h2_end_stream_short_of_content_length_is_an_error() {
    guard(async {
        let (_server, got, err) = h2_cut_by(H2Step::End).await;
        assert!(err.is_body(), "{err:?}");
        assert!(got.len() <= 400);
    })
    .await;
}

/// Test 18c: more DATA than content-length declared: the declared 100 bytes, then `TooLong`
/// with what arrived; never a clean (or longer) body.
#[tokio::test]
async fn h2_more_data_than_content_length() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "100")]),
            H2Step::Data(pattern::bytes(0, 400)),
            H2Step::End,
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/long"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert_eq!(got, pattern::bytes(0, 100));
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::TooLong {
                expected: 100,
                received: 400
            }),
            "{err:?}"
        );
    })
    .await;
}

/// Test 18d: the issue's case: content-length 20000 and 32768 bytes of DATA (two full frames).
/// Every byte up to the declared length arrives, then the reason says the body was longer,
/// with both numbers.
#[tokio::test]
async fn h2_data_past_content_length_says_too_long() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "20000")]),
            H2Step::Data(pattern::bytes(0, 32768)),
            H2Step::End,
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/long"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert_eq!(got.len(), 20000);
        assert_pattern_prefix(&got);
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::TooLong {
                expected: 20000,
                received: 32768
            }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains(
                "body longer than its content-length: received 32768 bytes, more than the \
                 content-length of 20000"
            ),
            "{message}"
        );
        assert!(!message.contains("truncated"), "{message}");
        assert_eq!(err.curl_code(), 18);
    })
    .await;
}

/// Test 18e: content-length 30000, and the 20000 bytes sent end with END_STREAM on their last
/// DATA frame: all 20000 are delivered (http2 used to drop that frame, keeping 16384), then
/// `Truncated { 30000, 20000 }`.
#[tokio::test]
async fn h2_end_stream_on_data_short_of_content_length_delivers_it_all() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "30000")]),
            H2Step::DataEnd(pattern::bytes(0, 20000)),
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/short"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert_eq!(got, pattern::bytes(0, 20000));
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::Truncated {
                expected: Some(30000),
                received: 20000
            }),
            "{err:?}"
        );
        assert_eq!(response.raw_bytes_received(), 20000);
        let message = err.to_string();
        assert!(
            message.contains("truncated: received 20000 of 30000 bytes"),
            "{message}"
        );
        assert!(message.contains("END_STREAM"), "{message}");
    })
    .await;
}

/// Test 18f: content-length 500, then END_STREAM before any DATA: a truncation at 0, not a
/// clean empty body.
#[tokio::test]
async fn h2_end_stream_on_headers_with_content_length() {
    guard(async {
        let (_server, origin) = h2(vec![h2_head(&[("content-length", "500")]), H2Step::End]).await;
        let mut response = origin
            .client()
            .get(&origin.url("/empty"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert!(got.is_empty());
        assert_eq!(
            err.kind(),
            &Kind::Body(BodyError::Truncated {
                expected: Some(500),
                received: 0
            }),
            "{err:?}"
        );
    })
    .await;
}

/// Test 18g: DATA exactly to content-length with END_STREAM on the last frame: complete.
#[tokio::test]
async fn h2_end_stream_on_data_at_content_length_is_complete() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "40000")]),
            H2Step::DataEnd(pattern::bytes(0, 40000)),
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/exact"))
            .send()
            .await
            .expect("head");
        assert_eq!(read_to_end(&mut response).await, pattern::bytes(0, 40000));
    })
    .await;
}

/// Test 19a: DATA every 600 ms against a 200 ms read timeout.
#[tokio::test]
async fn h2_drip_slower_than_read_timeout() {
    guard(async {
        let (_server, origin) = h2(vec![
            h2_head(&[("content-length", "30")]),
            H2Step::Data(pattern::bytes(0, 10)),
            H2Step::Sleep(Duration::from_millis(600)),
            H2Step::Data(pattern::bytes(10, 10)),
            H2Step::Sleep(Duration::from_millis(600)),
            H2Step::Data(pattern::bytes(20, 10)),
            H2Step::End,
        ])
        .await;
        let client = origin
            .builder()
            .read_timeout(Duration::from_millis(200))
            .build()
            .expect("client");
        let started = Instant::now();
        let mut response = client.get(&origin.url("/drip")).send().await.expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert_eq!(got, pattern::bytes(0, 10));
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Read), "{err:?}");
        assert!(started.elapsed() < Duration::from_millis(1000));
    })
    .await;
}

/// Test 19b: DATA every 50 ms (450 ms in all) under a 200 ms read timeout completes.
#[tokio::test]
async fn h2_drip_faster_than_read_timeout() {
    guard(async {
        let mut script = vec![h2_head(&[("content-length", "200")])];
        for i in 0..10 {
            if i > 0 {
                script.push(H2Step::Sleep(Duration::from_millis(50)));
            }
            script.push(H2Step::Data(pattern::bytes(i * 20, 20)));
        }
        script.push(H2Step::End);
        let (_server, origin) = h2(script).await;
        let client = origin
            .builder()
            .read_timeout(Duration::from_millis(200))
            .build()
            .expect("client");
        let started = Instant::now();
        let mut response = client.get(&origin.url("/drip")).send().await.expect("head");
        assert_eq!(read_to_end(&mut response).await, pattern::bytes(0, 200));
        assert!(started.elapsed() >= Duration::from_millis(400));
    })
    .await;
}

/// Test 19c: The response head itself is slower than the read timeout ("longest wait for the next
/// byte of a response (head or body)"), as HTTP/1.1 already enforces.
#[tokio::test]

async fn h2_head_slower_than_read_timeout() {
    guard(async {
        let (_server, origin) = h2(vec![
            H2Step::Sleep(Duration::from_millis(1500)),
            h2_head(&[("content-length", "2")]),
            H2Step::Data(b"ok".to_vec()),
            H2Step::End,
        ])
        .await;
        let client = origin
            .builder()
            .read_timeout(Duration::from_millis(200))
            .build()
            .expect("client");
        let started = Instant::now();
        let result = client.get(&origin.url("/slow-head")).send().await;
        let elapsed = started.elapsed();
        let err = result.expect_err("no head within the read timeout");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Read), "{err:?}");
        assert!(elapsed < Duration::from_millis(1000), "{elapsed:?}");
    })
    .await;
}

/// The HTTP/1.1 counterpart of 19c passes: a head slower than the read timeout times out.
#[tokio::test]
async fn h1_head_slower_than_read_timeout() {
    guard(async {
        for tr in [Tr::Plain, Tr::Tls] {
            let (_server, origin) = h1(
                tr,
                vec![vec![
                    Step::ReadRequest,
                    Step::Sleep(Duration::from_millis(1500)),
                    Step::Write(response_with_length(200, b"ok", &[])),
                ]],
            )
            .await;
            let client = origin
                .builder()
                .read_timeout(Duration::from_millis(200))
                .build()
                .expect("client");
            let started = Instant::now();
            let err = client
                .get(&origin.url("/slow-head"))
                .send()
                .await
                .expect_err("no head within the read timeout");
            assert_eq!(
                err.timeout_kind(),
                Some(TimeoutKind::Read),
                "{tr:?} {err:?}"
            );
            assert!(started.elapsed() < Duration::from_millis(1000));
        }
    })
    .await;
}

/// Test 20: gzip cut mid-stream over HTTP/2 with a consistent content-length.
#[tokio::test]
async fn h2_gzip_cut() {
    guard(async {
        let raw = compressed("gzip", 100_000).await;
        let cut = &raw[..raw.len() / 2];
        let cut_len = cut.len().to_string();
        let (_server, origin) = h2(vec![
            h2_head(&[("content-encoding", "gzip"), ("content-length", &cut_len)]),
            H2Step::Data(cut.to_vec()),
            H2Step::End,
        ])
        .await;
        let mut response = origin
            .client()
            .get(&origin.url("/gzip"))
            .send()
            .await
            .expect("head");
        let (got, err) = read_to_failure(&mut response).await;
        assert!(err.is_decode(), "{err:?}");
        assert!(got.len() < 100_000);
        assert_pattern_prefix(&got);
    })
    .await;
}

/// Test 21a: Every stream refused (RST_STREAM REFUSED_STREAM before headers): retried on new
/// connections a bounded number of times, then Protocol(Reset(7)); no hang.
#[tokio::test]
async fn h2_refused_stream_retried_then_fails() {
    guard(async {
        let (server, origin) = h2(vec![H2Step::Reset(7)]).await;
        let err = origin
            .client()
            .get(&origin.url("/refused"))
            .send()
            .await
            .expect_err("every stream is refused");
        assert_eq!(
            err.kind(),
            &Kind::Protocol(ProtocolError::Reset(7)),
            "{err:?}"
        );
        let connections = server.connections();
        assert!(
            (2..=3).contains(&connections),
            "REFUSED_STREAM must be retried on a new connection, boundedly: {connections}"
        );
        assert_eq!(server.requests().len(), connections);
    })
    .await;
}

/// Test 21b: any other reset before headers (INTERNAL_ERROR) may have been processed: not retried.
#[tokio::test]
async fn h2_reset_before_head_not_retried() {
    guard(async {
        let (server, origin) = h2(vec![H2Step::Reset(2)]).await;
        let err = origin
            .client()
            .get(&origin.url("/reset"))
            .send()
            .await
            .expect_err("stream reset");
        assert_eq!(
            err.kind(),
            &Kind::Protocol(ProtocolError::Reset(2)),
            "{err:?}"
        );
        assert_eq!(server.connections(), 1);
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

/// A HEAD answered over HTTP/2 with the content-length of the GET body it does not send is
/// complete, not a truncated body.
#[tokio::test]
async fn h2_head_with_content_length_is_complete() {
    guard(async {
        let (_server, origin) = h2(vec![
            H2Step::Headers {
                status: 200,
                headers: vec![("content-length".into(), "12345".into())],
            },
            H2Step::End,
        ])
        .await;
        let mut response = origin
            .client()
            .head(&origin.url("/head"))
            .send()
            .await
            .expect("head");
        assert_eq!(response.chunk().await.expect("complete"), None);
        assert!(response.is_body_complete());
    })
    .await;
}
