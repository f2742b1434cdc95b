//! Retries end to end against scripted servers: which statuses and failures a [`Retry`]
//! policy retries, for which methods and bodies, how long it waits (backoff, jitter,
//! `Retry-After`, `max_time`, the total timeout), and the replay on a fresh connection that
//! happens without any policy when a reused keep-alive connection turns out dead.
//!
//! Timing assertions are lower bounds (a wait must have happened) plus generous upper bounds
//! (delay sum + jitter sum + 2 s), never exact intervals.

use std::future::Future;
use std::time::{Duration, Instant};

use bytes::Bytes;
use mummer::{Backoff, Body, Client, Kind, Retry, StatusCode, TimeoutKind};
use mummer_testkit::{ScriptServer, Step, response_with_length};

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Runs a test body under a 30 s guard so a hang fails instead of stalling CI.
async fn guard(test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("test did not finish within 30 s (hang?)");
}

/// A keep-alive response.
fn reply(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    response_with_length(status, body, headers)
}

/// A scripted response: status, extra headers, body.
type Canned<'a> = (u16, &'a [(&'a str, &'a str)], &'a [u8]);

/// One connection per response: read a request, answer with `Connection: close`, close.
/// Connections beyond the list reuse the last script (see `ScriptServer::start`).
fn one_per_connection(responses: &[Canned<'_>]) -> Vec<Vec<Step>> {
    responses
        .iter()
        .map(|(status, headers, body)| {
            let mut headers = headers.to_vec();
            headers.push(("Connection", "close"));
            vec![
                Step::ReadRequest,
                Step::Write(reply(*status, &headers, body)),
                Step::Close,
            ]
        })
        .collect()
}

fn url(server: &ScriptServer, path: &str) -> String {
    format!("http://127.0.0.1:{}{path}", server.port())
}

/// The body of a raw request (everything after the head).
fn body_of(raw: &[u8]) -> &[u8] {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete head");
    &raw[end + 4..]
}

fn fast(count: u32) -> Retry {
    Retry::new(count).delay(Duration::from_millis(10))
}

fn stream_body() -> Body {
    let chunks: Vec<std::io::Result<Bytes>> = vec![
        Ok(Bytes::from_static(b"streamed ")),
        Ok(Bytes::from_static(b"once")),
    ];
    Body::wrap_stream(futures_util::stream::iter(chunks))
}

// ---------------------------------------------------------------------------------------------
// Statuses and Retry-After
// ---------------------------------------------------------------------------------------------

/// 503 with `Retry-After: 1`, then 200: the 10 ms delay gives way to the server's second, the
/// 503's body is drained and the same keep-alive connection carries the retry.
#[tokio::test]
async fn retry_after_is_honoured() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(reply(503, &[("Retry-After", "1")], b"busy, come back")),
            Step::ReadRequest,
            Step::Write(reply(200, &[], b"done")),
        ]])
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&url(&server, "/r"))
            .retry(Retry::new(2).delay(Duration::from_millis(10)))
            .send()
            .await
            .expect("send");
        let took = started.elapsed();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);
        assert_eq!(&response.bytes().await.expect("body")[..], b"done");
        assert!(
            took >= Duration::from_secs(1),
            "Retry-After ignored: {took:?}"
        );
        assert!(took < Duration::from_secs(3), "{took:?}");
        assert_eq!(server.requests().len(), 2);
        assert_eq!(
            server.connections(),
            1,
            "the drained 503's connection was reused"
        );
    })
    .await;
}

/// `Retry-After: 120` is beyond the default 60 s cap: the 503 is returned at once.
#[tokio::test]
async fn retry_after_beyond_the_cap_returns_the_503_at_once() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(reply(503, &[("Retry-After", "120")], b"maintenance")),
            Step::ReadRequest,
            Step::Write(reply(200, &[], b"must not be reached")),
        ]])
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&url(&server, "/r"))
            .retry(fast(2))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 0);
        assert_eq!(
            response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()),
            Some("120")
        );
        assert_eq!(&response.bytes().await.expect("body")[..], b"maintenance");
        assert!(started.elapsed() < Duration::from_secs(1));
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

/// 429, 502 and 504 are retried by default (503 above), on a fresh connection each time the
/// server closes.
#[tokio::test]
async fn default_statuses_are_retried() {
    guard(async {
        for status in [429u16, 502, 503, 504] {
            let server = ScriptServer::start(one_per_connection(&[
                (status, &[], b"nope"),
                (200, &[], b"ok"),
            ]))
            .await;
            let response = Client::new()
                .get(&url(&server, "/s"))
                .retry(fast(1))
                .send()
                .await
                .expect("send");
            assert_eq!(response.status(), StatusCode::OK, "after {status}");
            assert_eq!(response.retries(), 1, "after {status}");
            assert_eq!(&response.bytes().await.expect("body")[..], b"ok");
            assert_eq!(server.requests().len(), 2, "after {status}");
            assert_eq!(server.connections(), 2, "after {status}");
        }
    })
    .await;
}

/// 500 is not retried by default; `.statuses(&[500])` retries it, and replaces the default
/// list (503 is then returned as is).
#[tokio::test]
async fn status_500_only_when_listed() {
    guard(async {
        let scripts = || one_per_connection(&[(500, &[], b"oops"), (200, &[], b"ok")]);
        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .get(&url(&server, "/s"))
            .retry(fast(3))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.retries(), 0);
        assert_eq!(server.requests().len(), 1);

        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .get(&url(&server, "/s"))
            .retry(fast(3).statuses(&[500]))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);
        assert_eq!(server.requests().len(), 2);

        let server = ScriptServer::start(one_per_connection(&[
            (503, &[], b"busy"),
            (200, &[], b"ok"),
        ]))
        .await;
        let response = Client::new()
            .get(&url(&server, "/s"))
            .retry(fast(3).statuses(&[500]))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

/// Without a policy a 503 is the response; a client-wide policy applies to every request, and
/// `.no_retry()` turns it off for one.
#[tokio::test]
async fn no_policy_returns_the_503_and_client_policy_applies() {
    guard(async {
        let scripts = || one_per_connection(&[(503, &[], b"busy"), (200, &[], b"ok")]);
        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .get(&url(&server, "/s"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 0);
        assert_eq!(&response.bytes().await.expect("body")[..], b"busy");
        assert_eq!(server.requests().len(), 1);

        let client = Client::builder().retry(fast(2)).build().expect("client");
        let server = ScriptServer::start(scripts()).await;
        let response = client.get(&url(&server, "/s")).send().await.expect("send");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);

        let server = ScriptServer::start(scripts()).await;
        let response = client
            .get(&url(&server, "/s"))
            .no_retry()
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Methods and bodies
// ---------------------------------------------------------------------------------------------

/// POST is not retried by default; with `.all_methods(true)` it is, and the body is sent again
/// byte for byte.
#[tokio::test]
async fn post_retried_only_with_all_methods_and_body_resent_exactly() {
    guard(async {
        let payload: Vec<u8> = (0..20_000u32).map(|i| (i * 31 % 256) as u8).collect();
        let scripts = || one_per_connection(&[(503, &[], b"busy"), (200, &[], b"stored")]);

        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .post(&url(&server, "/submit"))
            .retry(fast(2))
            .body(payload.clone())
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 0);
        assert_eq!(server.requests().len(), 1);

        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .post(&url(&server, "/submit"))
            .retry(fast(2).all_methods(true))
            .header("Content-Type", "application/octet-stream")
            .body(payload.clone())
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        for raw in &requests {
            assert!(raw.starts_with(b"POST /submit HTTP/1.1\r\n"));
            assert_eq!(body_of(raw), &payload[..], "body sent again byte-exact");
        }
        // The whole request, head included, is the same both times.
        assert_eq!(requests[0], requests[1]);
    })
    .await;
}

/// A streamed body cannot be sent twice: a retry that is due gives `Kind::NotReplayable`
/// (after one request); a POST stream, not retryable anyway, gets its 503.
#[tokio::test]
async fn streamed_body_needing_a_retry_is_not_replayable() {
    guard(async {
        let scripts = || one_per_connection(&[(503, &[], b"busy"), (200, &[], b"ok")]);
        let server = ScriptServer::start(scripts()).await;
        let err = Client::new()
            .put(&url(&server, "/upload"))
            .retry(fast(2))
            .body(stream_body())
            .send()
            .await
            .expect_err("the stream was used up by the first attempt");
        assert_eq!(err.kind(), &Kind::NotReplayable, "{err:?}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        assert!(body_of(&requests[0]).ends_with(b"0\r\n\r\n"));

        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .post(&url(&server, "/upload"))
            .retry(fast(2))
            .body(stream_body())
            .send()
            .await
            .expect("a POST is not retried, so the stream is no problem");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Failures
// ---------------------------------------------------------------------------------------------

/// Connection refused, then the server appears on that port during the wait: the connect
/// error is retried. Without connect retries (or without a policy) the error is immediate.
#[tokio::test]
async fn connect_refused_is_retried_until_the_server_appears() {
    guard(async {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let target = format!("http://127.0.0.1:{port}/late");

        let err = Client::new()
            .get(&target)
            .send()
            .await
            .expect_err("nothing listens");
        assert!(err.is_connect(), "{err:?}");
        let started = Instant::now();
        let err = Client::new()
            .get(&target)
            .retry(Retry::new(3).on_errors(false, true, true))
            .send()
            .await
            .expect_err("connect errors not retried");
        assert!(err.is_connect(), "{err:?}");
        assert!(started.elapsed() < Duration::from_millis(900));

        // The listener comes up 300 ms from now; the retry waits 800 ms.
        let server = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                .await
                .expect("bind the freed port");
            let (mut tcp, _) = listener.accept().await.expect("accept");
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = tcp.read(&mut buf).await.expect("read");
                assert!(n > 0, "client went away");
                head.extend_from_slice(&buf[..n]);
            }
            tcp.write_all(&reply(200, &[("Connection", "close")], b"late but here"))
                .await
                .expect("write");
            tcp.shutdown().await.ok();
            head
        });
        let response = Client::new()
            .get(&target)
            .retry(Retry::new(3).delay(Duration::from_millis(800)))
            .send()
            .await
            .expect("retried until the server listened");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);
        assert_eq!(&response.bytes().await.expect("body")[..], b"late but here");
        let head = server.await.expect("server task");
        assert!(head.starts_with(b"GET /late HTTP/1.1\r\n"));
    })
    .await;
}

/// A fresh connection reset before any response byte: retried for GET with a policy (the
/// server may have seen the request, so only a policy may send it again); without one the
/// failure is the result.
#[tokio::test]
async fn reset_before_the_response_is_retried_with_a_policy() {
    guard(async {
        let scripts = || {
            vec![
                vec![Step::Reset],
                vec![Step::ReadRequest, Step::Write(reply(200, &[], b"second"))],
            ]
        };
        let server = ScriptServer::start(scripts()).await;
        let err = Client::new()
            .get(&url(&server, "/r"))
            .send()
            .await
            .expect_err("reset, no policy");
        assert!(
            matches!(
                err.kind(),
                Kind::Request
                    | Kind::Protocol(mummer::ProtocolError::ClosedBeforeHead)
                    | Kind::Protocol(mummer::ProtocolError::Reset(_))
            ),
            "{err:?}"
        );
        assert_eq!(
            server.connections(),
            1,
            "a fresh connection is not replayed"
        );

        let server = ScriptServer::start(scripts()).await;
        let response = Client::new()
            .get(&url(&server, "/r"))
            .retry(fast(2))
            .send()
            .await
            .expect("retried after the reset");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 1);
        assert_eq!(&response.bytes().await.expect("body")[..], b"second");
        assert_eq!(server.connections(), 2);

        // With reset retries off the failure stands.
        let server = ScriptServer::start(scripts()).await;
        let err = Client::new()
            .get(&url(&server, "/r"))
            .retry(fast(2).on_errors(true, true, false))
            .send()
            .await
            .expect_err("reset retries off");
        assert!(!err.is_connect(), "{err:?}");
        assert_eq!(server.connections(), 1);
    })
    .await;
}

/// Without a policy, a reused keep-alive connection that the server closes after reading the
/// next request (no response byte) is replayed on a fresh connection for GET: connection
/// management, not a retry (`retries() == 0`, with or without a policy).
#[tokio::test]
async fn stale_keep_alive_is_replayed_without_a_policy() {
    guard(async {
        for policy in [None, Some(fast(3))] {
            let server = ScriptServer::start(vec![
                vec![
                    Step::ReadRequest,
                    Step::Write(reply(200, &[], b"one")),
                    Step::ReadRequest,
                    Step::Close,
                ],
                vec![Step::ReadRequest, Step::Write(reply(200, &[], b"two"))],
            ])
            .await;
            let client = Client::new();
            let first = client.get(&url(&server, "/1")).send().await.expect("first");
            assert_eq!(&first.bytes().await.expect("body")[..], b"one");
            assert_eq!(
                client.idle_connections(),
                1,
                "the connection went to the pool"
            );
            let mut second = client.get(&url(&server, "/2"));
            if let Some(p) = policy.clone() {
                second = second.retry(p);
            }
            let second = second.send().await.expect("replayed on a fresh connection");
            assert_eq!(second.status(), StatusCode::OK);
            assert_eq!(second.retries(), 0, "policy {policy:?}");
            assert_eq!(&second.bytes().await.expect("body")[..], b"two");
            assert_eq!(server.connections(), 2);
            let requests = server.requests();
            assert_eq!(requests.len(), 3);
            assert!(requests[1].starts_with(b"GET /2 "));
            assert!(requests[2].starts_with(b"GET /2 "));
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Waiting: backoff, max_time, jitter, the total timeout
// ---------------------------------------------------------------------------------------------

/// Exponential backoff from 100 ms: three 503s then 200 wait 100 + 200 + 400 ms at least.
#[tokio::test]
async fn exponential_backoff_waits_grow() {
    guard(async {
        let server = ScriptServer::start(one_per_connection(&[
            (503, &[], b"1"),
            (503, &[], b"2"),
            (503, &[], b"3"),
            (200, &[], b"ok"),
        ]))
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&url(&server, "/b"))
            .retry(
                Retry::new(3)
                    .delay(Duration::from_millis(100))
                    .backoff(Backoff::Exponential),
            )
            .send()
            .await
            .expect("send");
        let took = started.elapsed();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.retries(), 3);
        assert!(took >= Duration::from_millis(700), "{took:?}");
        assert!(took < Duration::from_millis(700 + 2000), "{took:?}");
        assert_eq!(server.connections(), 4);

        // The count is a limit: one retry fewer than needed returns the last 503.
        let server = ScriptServer::start(one_per_connection(&[
            (503, &[], b"1"),
            (503, &[], b"2"),
            (503, &[], b"3"),
            (200, &[], b"ok"),
        ]))
        .await;
        let response = Client::new()
            .get(&url(&server, "/b"))
            .retry(
                Retry::new(2)
                    .delay(Duration::from_millis(10))
                    .backoff(Backoff::Exponential),
            )
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 2);
        assert_eq!(&response.bytes().await.expect("body")[..], b"3");
    })
    .await;
}

/// `.max_time(..)`: no retry starts later than that after the first attempt. With 300 ms waits
/// and 450 ms, the retry due at ~300 ms happens; the next one would start at ~600 ms, past the
/// limit, so the second 503 is returned then (not after a third attempt). With zero, nothing
/// is retried.
#[tokio::test]
async fn max_time_stops_retrying() {
    guard(async {
        let server = ScriptServer::start(one_per_connection(&[(503, &[], b"busy")])).await;
        let started = Instant::now();
        let response = Client::new()
            .get(&url(&server, "/m"))
            .retry(
                Retry::new(10)
                    .delay(Duration::from_millis(300))
                    .backoff(Backoff::Constant)
                    .max_time(Duration::from_millis(450)),
            )
            .send()
            .await
            .expect("send");
        let took = started.elapsed();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 1, "took {took:?}");
        assert_eq!(server.requests().len(), 2);
        assert!(took >= Duration::from_millis(300), "{took:?}");
        assert!(
            took < Duration::from_millis(550),
            "no attempt after max_time: {took:?}"
        );

        // A Retry-After that would end past max_time is not waited for either.
        let server = ScriptServer::start(one_per_connection(&[
            (503, &[("Retry-After", "2")], b"busy"),
            (200, &[], b"ok"),
        ]))
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&url(&server, "/m"))
            .retry(fast(3).max_time(Duration::from_secs(1)))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 0);
        assert!(started.elapsed() < Duration::from_millis(900));

        let server = ScriptServer::start(one_per_connection(&[(503, &[], b"busy")])).await;
        let response = Client::new()
            .get(&url(&server, "/m"))
            .retry(fast(10).max_time(Duration::ZERO))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.retries(), 0);
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

/// Jitter adds up to its amount to each wait: two 100 ms constant waits with 300 ms jitter take
/// at least 200 ms and well under 200 + 600 ms + 2 s.
#[tokio::test]
async fn jitter_stays_within_bounds() {
    guard(async {
        for _ in 0..3 {
            let server = ScriptServer::start(one_per_connection(&[
                (503, &[], b"1"),
                (503, &[], b"2"),
                (200, &[], b"ok"),
            ]))
            .await;
            let started = Instant::now();
            let response = Client::new()
                .get(&url(&server, "/j"))
                .retry(
                    Retry::new(2)
                        .delay(Duration::from_millis(100))
                        .backoff(Backoff::Constant)
                        .jitter(Duration::from_millis(300)),
                )
                .send()
                .await
                .expect("send");
            let took = started.elapsed();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.retries(), 2);
            assert!(took >= Duration::from_millis(200), "{took:?}");
            assert!(took < Duration::from_millis(200 + 600 + 2000), "{took:?}");
        }
    })
    .await;
}

/// The total timeout bounds retries too: when the wait `Retry-After` asks for would outlast
/// the deadline, the call fails with the total timeout at once instead of sleeping first.
#[tokio::test]
async fn total_timeout_stops_retries() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(reply(503, &[("Retry-After", "1")], b"busy")),
            Step::ReadRequest,
            Step::Write(reply(200, &[], b"too late")),
        ]])
        .await;
        let started = Instant::now();
        let err = Client::new()
            .get(&url(&server, "/t"))
            .timeout(Duration::from_millis(500))
            .retry(fast(3))
            .send()
            .await
            .expect_err("the retry cannot happen within 500 ms");
        let took = started.elapsed();
        assert_eq!(err.kind(), &Kind::Timeout(TimeoutKind::Total), "{err:?}");
        assert!(err.is_timeout());
        assert!(
            took < Duration::from_millis(450),
            "failed at once, not after waiting: {took:?}"
        );
        assert_eq!(server.requests().len(), 1);

        // Short waits go on until the next one would pass the deadline.
        let server = ScriptServer::start(one_per_connection(&[(503, &[], b"busy")])).await;
        let started = Instant::now();
        let err = Client::new()
            .get(&url(&server, "/t"))
            .timeout(Duration::from_millis(500))
            .retry(
                Retry::new(100)
                    .delay(Duration::from_millis(150))
                    .backoff(Backoff::Constant),
            )
            .send()
            .await
            .expect_err("the deadline comes first");
        let took = started.elapsed();
        assert_eq!(err.kind(), &Kind::Timeout(TimeoutKind::Total), "{err:?}");
        assert!(took < Duration::from_millis(700), "{took:?}");
        let attempts = server.requests().len();
        assert!((2..=4).contains(&attempts), "attempts {attempts}");
    })
    .await;
}
