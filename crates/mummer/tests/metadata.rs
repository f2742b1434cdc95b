//! What a response tells about its exchange (timing, addresses, version, reason phrase, header
//! case and order, head size, raw and decoded byte counts, retries), and the per-request
//! options that shape one exchange without a client of its own (profile, TLS verification,
//! HTTP version, timeouts, speed limit, local address).

use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use mummer::{Client, Kind, LocalAddress, Retry, TimeoutKind, Version};
use mummer_testkit::{
    CaptureServer, ContentOptions, ContentServer, ScriptServer, Step, TestCa, pattern,
    response_with_length, untrusted_identity,
};
use serde_json::Value;

const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

async fn guard<T>(test: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("test did not finish within 30 s (hang?)")
}

fn ok_close() -> Vec<u8> {
    response_with_length(200, b"ok", &[("Connection", "close")])
}

/// A TLS content server (HTTP/2 and HTTP/1.1 by ALPN) for `localhost`, and a client trusting it.
async fn tls_content() -> (ContentServer, Client, String) {
    let ca = TestCa::new();
    let server = ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;
    let client = Client::builder()
        .use_bundled_roots(false)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("localhost", server.port(), server.addr())
        .build()
        .expect("client");
    let base = format!("https://localhost:{}", server.port());
    (server, client, base)
}

// ---------------------------------------------------------------------------------------------
// Response metadata
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn elapsed_runs_to_the_head_not_to_the_end_of_the_body() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Sleep(Duration::from_millis(300)),
            Step::Write(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab".to_vec()),
            Step::Sleep(Duration::from_millis(700)),
            Step::Write(b"cd".to_vec()),
        ]])
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        let elapsed = response.elapsed();
        assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(1000), "{elapsed:?}");
        assert_eq!(&response.bytes().await.expect("body")[..], b"abcd");
        assert!(started.elapsed() >= Duration::from_millis(1000));
    })
    .await;
}

#[tokio::test]
async fn addresses_are_the_sockets_ends() {
    guard(async {
        let server =
            ScriptServer::start(vec![vec![Step::ReadRequest, Step::Write(ok_close())]]).await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.remote_addr(), Some(server.addr()));
        let local = response.local_addr().expect("local address");
        assert_eq!(local.ip(), LOCALHOST);
        assert_ne!(local.port(), 0);
        assert_ne!(local.port(), server.port());
    })
    .await;
}

#[tokio::test]
async fn http2_addresses_and_version() {
    guard(async {
        let (server, client, base) = tls_content().await;
        let response = client
            .get(&format!("{base}/small"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.version(), Version::HTTP_2);
        assert_eq!(response.remote_addr(), Some(server.addr()));
        let local = response.local_addr().expect("local address");
        assert_eq!(local.ip(), LOCALHOST);
        assert_ne!(local.port(), 0);
    })
    .await;
}

/// A head with an odd reason phrase and header names in the server's own case and order.
const ODD_HEAD: &[u8] = b"HTTP/1.1 200 Very Fine\r\nX-MiXeD-Case: 1\r\ncontent-length: 2\r\nSet-Cookie: a=1\r\nx-mixed-case: 2\r\nSERVER: odd\r\n\r\n";

#[tokio::test]
async fn http1_reason_header_case_order_and_head_size_are_as_received() {
    guard(async {
        let mut reply = ODD_HEAD.to_vec();
        reply.extend_from_slice(b"ok");
        let server = ScriptServer::start(vec![vec![Step::ReadRequest, Step::Write(reply)]]).await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.version(), Version::HTTP_11);
        assert_eq!(response.reason(), "Very Fine");
        let received: Vec<(String, String)> = response
            .headers_as_received()
            .into_iter()
            .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v).into_owned()))
            .collect();
        let want: Vec<(String, String)> = [
            ("X-MiXeD-Case", "1"),
            ("content-length", "2"),
            ("Set-Cookie", "a=1"),
            ("x-mixed-case", "2"),
            ("SERVER", "odd"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        assert_eq!(received, want);
        // The map is still case-insensitive, values grouped by name.
        let values: Vec<_> = response.headers().get_all("x-mixed-case").iter().collect();
        assert_eq!(values, ["1", "2"]);
        assert_eq!(response.header_size(), ODD_HEAD.len() as u64);
        assert_eq!(&response.bytes().await.expect("body")[..], b"ok");
    })
    .await;
}

#[tokio::test]
async fn reason_phrases_as_sent_even_unusual_ones() {
    guard(async {
        for (line, want) in [
            ("HTTP/1.1 404 Nope Not Here", "Nope Not Here"),
            ("HTTP/1.1 200 ", ""),
            ("HTTP/1.1 201 Created", "Created"),
        ] {
            let reply = format!("{line}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let server = ScriptServer::start(vec![vec![
                Step::ReadRequest,
                Step::Write(reply.into_bytes()),
            ]])
            .await;
            let response = Client::new()
                .get(&format!("http://127.0.0.1:{}/", server.port()))
                .send()
                .await
                .expect(line);
            assert_eq!(response.reason(), want, "{line}");
        }
    })
    .await;
}

#[tokio::test]
async fn header_size_counts_interim_heads_too() {
    guard(async {
        let interim = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
        let head = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
        let mut reply = interim.to_vec();
        reply.extend_from_slice(head);
        reply.extend_from_slice(b"ok");
        let server = ScriptServer::start(vec![vec![Step::ReadRequest, Step::Write(reply)]]).await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.reason(), "OK");
        assert!(
            response.headers().get("link").is_none(),
            "interim headers are not the response's"
        );
        assert_eq!(response.header_size(), (interim.len() + head.len()) as u64);
    })
    .await;
}

#[tokio::test]
async fn http2_reason_is_canonical_and_names_are_lowercase() {
    guard(async {
        let (_server, client, base) = tls_content().await;
        let response = client
            .get(&format!("{base}/status/418"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.version(), Version::HTTP_2);
        assert_eq!(response.status(), 418);
        assert_eq!(response.reason(), "I'm a teapot");
        let received = response.headers_as_received();
        assert!(!received.is_empty());
        assert!(
            received
                .iter()
                .all(|(n, _)| n.bytes().all(|b| !b.is_ascii_uppercase())),
            "{received:?}"
        );
        assert!(response.header_size() > 0);
    })
    .await;
}

#[tokio::test]
async fn raw_bytes_count_the_gzip_stream_and_delivered_bytes_the_decoded_body() {
    guard(async {
        let server = ContentServer::start(ContentOptions::plain()).await;
        let base = format!("http://127.0.0.1:{}", server.port());
        check_gzip_counts(&Client::new(), &base, Version::HTTP_11).await;
        let (_tls, client, base) = tls_content().await;
        check_gzip_counts(&client, &base, Version::HTTP_2).await;
    })
    .await;
}

async fn check_gzip_counts(client: &Client, base: &str, version: Version) {
    {
        const N: usize = 200_000;
        let url = format!("{base}/gzip/{N}");
        let mut response = client.get(&url).send().await.expect("send");
        assert_eq!(response.version(), version);
        assert_eq!(response.headers()["content-encoding"], "gzip");
        assert_eq!(
            response.content_length(),
            None,
            "a decoded body has no known length"
        );
        assert_eq!(
            (response.raw_bytes_received(), response.bytes_delivered()),
            (0, 0)
        );
        let mut body = Vec::with_capacity(N);
        while let Some(chunk) = response.chunk().await.expect("chunk") {
            body.extend_from_slice(&chunk);
        }
        assert_eq!(pattern::verify(0, &body), Ok(()));
        assert_eq!(body.len(), N);
        assert_eq!(response.bytes_delivered(), N as u64);
        // The same body undecoded is exactly what was counted raw.
        let compressed = client
            .get(&url)
            .decompress(false)
            .header("Accept-Encoding", "gzip")
            .send()
            .await
            .expect("send")
            .bytes()
            .await
            .expect("body");
        assert_eq!(response.raw_bytes_received(), compressed.len() as u64);
        assert!(compressed.len() < N / 2, "{} bytes", compressed.len());
    }
}

#[tokio::test]
async fn retries_counts_the_policys_attempts() {
    guard(async {
        let unavailable = response_with_length(503, b"", &[("Connection", "close")]);
        let scripts = vec![
            vec![
                Step::ReadRequest,
                Step::Write(unavailable.clone()),
                Step::Close,
            ],
            vec![Step::ReadRequest, Step::Write(unavailable), Step::Close],
            vec![Step::ReadRequest, Step::Write(ok_close()), Step::Close],
        ];
        let server = ScriptServer::start(scripts.clone()).await;
        let client = Client::builder()
            .retry(Retry::new(3).delay(Duration::from_millis(10)))
            .build()
            .expect("client");
        let response = client
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.retries(), 2);
        assert_eq!(server.requests().len(), 3);
        // Without a policy the 503 is the answer.
        let server = ScriptServer::start(scripts).await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!((response.status().as_u16(), response.retries()), (503, 0));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Per-request options
// ---------------------------------------------------------------------------------------------

fn truth(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("capture file")).expect("json")
}

#[tokio::test]
async fn per_request_profiles_get_their_own_connections_and_fingerprints() {
    guard(async {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
        let client = Client::builder()
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("fp.test", server.port(), server.addr())
            .build()
            .expect("client");
        let url = format!("https://fp.test:{}/", server.port());
        let order = [
            Some("firefox"),
            Some("chrome"),
            None,
            Some("firefox"),
            Some("chrome"),
            None,
        ];
        for profile in order {
            let mut request = client.get(&url);
            if let Some(p) = profile {
                request = request.impersonate(p);
            }
            let response = request.send().await.expect("send");
            assert_eq!(response.version(), Version::HTTP_2, "{profile:?}");
            response.bytes().await.expect("body");
        }
        let captures = server.captures();
        assert_eq!(captures.len(), 6);
        let chrome = truth("chromium-156");
        let firefox = truth("firefox-esr-153");
        let want = |t: &Value| {
            (
                t["tls"]["ja4"].as_str().expect("ja4").to_string(),
                t["http2"]["akamai"].as_str().expect("akamai").to_string(),
            )
        };
        let seen: Vec<(String, String)> = captures
            .iter()
            .map(|c| {
                (
                    c.tls.as_ref().expect("TLS").ja4.clone(),
                    c.h2.as_ref().expect("HTTP/2").akamai(),
                )
            })
            .collect();
        for (i, profile) in order.iter().enumerate() {
            match profile {
                Some("firefox") => assert_eq!(seen[i], want(&firefox), "request {i}"),
                Some("chrome") => assert_eq!(seen[i], want(&chrome), "request {i}"),
                _ => {
                    assert_ne!(seen[i].0, want(&chrome).0, "request {i}");
                    assert_ne!(seen[i].0, want(&firefox).0, "request {i}");
                }
            }
        }
        assert_eq!(seen[2], seen[5], "the client's own shape twice");
        // Stream index on its connection: three connections, each used twice.
        let index: Vec<Option<usize>> = captures.iter().map(|c| c.h2_request_index).collect();
        assert_eq!(
            index,
            [Some(0), Some(0), Some(0), Some(1), Some(1), Some(1)],
            "a connection is shared only by requests of one profile"
        );
        // Each request's own header order went out too.
        let ua = |i: usize| {
            captures[i]
                .h2_request()
                .expect("request")
                .headers()
                .into_iter()
                .find(|(n, _)| *n == "user-agent")
                .map(|(_, v)| v.to_string())
                .expect("user-agent")
        };
        assert!(ua(0).contains("Firefox/153"), "{}", ua(0));
        assert!(ua(1).contains("Chrome/156"), "{}", ua(1));
        assert!(ua(2).starts_with("mummer/"), "{}", ua(2));
    })
    .await;
}

#[tokio::test]
async fn per_request_danger_accept_invalid_certs_leaves_the_client_verifying() {
    guard(async {
        let server =
            ContentServer::start(ContentOptions::tls(untrusted_identity(&["localhost"]))).await;
        let client = Client::builder()
            .resolve("localhost", server.port(), server.addr())
            .build()
            .expect("client");
        let url = format!("https://localhost:{}/small", server.port());
        let err = client.get(&url).send().await.expect_err("untrusted");
        assert_eq!(err.kind(), &Kind::Certificate, "{err:?}");
        let body = client
            .get(&url)
            .danger_accept_invalid_certs(true)
            .send()
            .await
            .expect("accepted for this request")
            .bytes()
            .await
            .expect("body");
        assert_eq!(&body[..], b"hello, world\n");
        // Neither the option nor its connection leaks into the client's next request.
        let err = client.get(&url).send().await.expect_err("still verifying");
        assert_eq!(err.kind(), &Kind::Certificate, "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn per_request_http1_only_on_an_http2_client() {
    guard(async {
        let (server, client, base) = tls_content().await;
        let url = format!("{base}/small");
        let first = client.get(&url).send().await.expect("send");
        assert_eq!(first.version(), Version::HTTP_2);
        first.bytes().await.expect("body");
        let h1 = client.get(&url).http1_only().send().await.expect("send");
        assert_eq!(h1.version(), Version::HTTP_11);
        h1.bytes().await.expect("body");
        let again = client.get(&url).send().await.expect("send");
        assert_eq!(again.version(), Version::HTTP_2);
        again.bytes().await.expect("body");
        assert_eq!(server.connections(), 2, "the HTTP/2 connection was reused");
    })
    .await;
}

#[tokio::test]
async fn per_request_total_timeout() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Sleep(Duration::from_secs(3)),
            Step::Write(ok_close()),
        ]])
        .await;
        let started = Instant::now();
        let err = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .timeout(Duration::from_millis(300))
            .send()
            .await
            .expect_err("timeout");
        assert_eq!(err.kind(), &Kind::Timeout(TimeoutKind::Total), "{err:?}");
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(300) && took < Duration::from_secs(2),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn per_request_total_timeout_covers_the_body() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab".to_vec()),
            Step::Sleep(Duration::from_secs(3)),
            Step::Write(b"cd".to_vec()),
        ]])
        .await;
        let started = Instant::now();
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .timeout(Duration::from_millis(400))
            .send()
            .await
            .expect("head in time");
        let err = response.bytes().await.expect_err("the body is late");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Total), "{err:?}");
        assert!(err.is_body(), "{err:?}");
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(400) && took < Duration::from_secs(2),
            "{took:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn per_request_read_timeout_on_the_head_and_on_the_body() {
    guard(async {
        let server = ScriptServer::start(vec![
            vec![
                Step::ReadRequest,
                Step::Sleep(Duration::from_secs(3)),
                Step::Write(ok_close()),
            ],
            vec![
                Step::ReadRequest,
                Step::Write(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab".to_vec()),
                Step::Sleep(Duration::from_secs(3)),
                Step::Write(b"cd".to_vec()),
            ],
        ])
        .await;
        let url = format!("http://127.0.0.1:{}/", server.port());
        let client = Client::new();
        let started = Instant::now();
        let err = client
            .get(&url)
            .read_timeout(Duration::from_millis(300))
            .send()
            .await
            .expect_err("head timeout");
        assert_eq!(err.kind(), &Kind::Timeout(TimeoutKind::Read), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        let response = client
            .get(&url)
            .read_timeout(Duration::from_millis(300))
            .send()
            .await
            .expect("head in time");
        let started = Instant::now();
        let err = response.bytes().await.expect_err("body timeout");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Read), "{err:?}");
        assert!(err.is_body(), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
    })
    .await;
}

#[tokio::test]
async fn per_request_speed_limit() {
    guard(async {
        const N: usize = 1 << 20;
        let server = ContentServer::start(ContentOptions::plain()).await;
        let url = format!("http://127.0.0.1:{}/bytes/{N}", server.port());
        let client = Client::new();
        let started = Instant::now();
        let body = client
            .get(&url)
            .max_recv_speed(512 * 1024)
            .send()
            .await
            .expect("send")
            .bytes()
            .await
            .expect("body");
        let took = started.elapsed();
        assert_eq!(body.len(), N);
        assert_eq!(pattern::verify(0, &body), Ok(()));
        assert!(
            took >= Duration::from_millis(1500),
            "1 MiB at 512 KiB/s in {took:?}"
        );
        assert!(took < Duration::from_secs(10), "{took:?}");
        // The client itself has no limit.
        let started = Instant::now();
        client
            .get(&url)
            .send()
            .await
            .expect("send")
            .bytes()
            .await
            .expect("body");
        assert!(
            started.elapsed() < Duration::from_millis(1500),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn per_request_local_address() {
    guard(async {
        let server = ContentServer::start(ContentOptions::plain()).await;
        let url = format!("http://127.0.0.1:{}/small", server.port());
        let client = Client::new();
        for ip in [Ipv4Addr::new(127, 0, 0, 1), Ipv4Addr::new(127, 0, 0, 2)] {
            let response = client
                .get(&url)
                .local_address(LocalAddress::Ip(IpAddr::V4(ip)))
                .send()
                .await
                .expect("send");
            assert_eq!(response.local_addr().map(|a| a.ip()), Some(IpAddr::V4(ip)));
            response.bytes().await.expect("body");
        }
        // An address of the other family cannot reach an IPv4 server.
        let err = client
            .get(&url)
            .local_address(LocalAddress::Ip("::1".parse().expect("ip")))
            .send()
            .await
            .expect_err("no IPv4 from ::1");
        assert_eq!(err.kind(), &Kind::Connect, "{err:?}");
    })
    .await;
}
