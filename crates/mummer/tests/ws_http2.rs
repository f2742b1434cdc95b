//! WebSockets over HTTP/2 (RFC 8441): with a profile whose browser does it (chrome, firefox),
//! a WebSocket to an origin the client already has an HTTP/2 connection to, whose server sent
//! SETTINGS_ENABLE_CONNECT_PROTOCOL, is an extended CONNECT stream on that connection; every
//! other case is the HTTP/1.1 upgrade on a connection of its own. The extended CONNECT's
//! fields are compared with the Chromium and Firefox captures (`tests/data/ws-*.json`, their
//! `rfc8441` runs).

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use mummer::Client;
use mummer::ws::{Message, WebSocket};
use mummer_testkit::{CaptureOptions, CaptureServer, TestCa, WsServer};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(30);
const SIZES: [usize; 8] = [0, 1, 125, 126, 65_535, 65_536, 300_000, 1 << 20];

fn payload(len: usize, text: bool) -> Vec<u8> {
    let mut x: u32 = 0x2545_f491 ^ len as u32;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if text { b' ' + (x % 95) as u8 } else { x as u8 }
        })
        .collect()
}

struct Setup {
    server: WsServer,
    client: Client,
    base: String,
}

async fn setup(profile: &str, connect_protocol: bool) -> Setup {
    let ca = TestCa::new();
    let server = WsServer::start_h2(&ca.issue(&["localhost"]), connect_protocol)
        .await
        .expect("server");
    let port = server.tls_addr().port();
    let client = Client::builder()
        .impersonate(profile)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .build()
        .expect("client");
    Setup {
        server,
        client,
        base: format!("localhost:{port}"),
    }
}

/// A page load first: the HTTP/2 connection the WebSocket may then use.
async fn page(s: &Setup) {
    let response = s
        .client
        .get(&format!("https://{}/", s.base))
        .send()
        .await
        .expect("page");
    assert_eq!(response.version(), mummer::Version::HTTP_2);
    assert_eq!(response.text().await.expect("body"), "ok");
}

fn has_field(ws: &WebSocket, name: &str) -> bool {
    ws.request_headers()
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(name))
}

async fn round_trips(ws: &WebSocket, what: &str) {
    for len in SIZES {
        for text in [true, false] {
            let data = Bytes::from(payload(len, text));
            let sent = if text {
                Message::Text(data)
            } else {
                Message::Binary(data)
            };
            let case = format!("{what}: {len} B {}", if text { "text" } else { "binary" });
            ws.send(sent.clone())
                .await
                .unwrap_or_else(|e| panic!("{case}: send: {e}"));
            let got = tokio::time::timeout(WAIT, ws.recv())
                .await
                .unwrap_or_else(|_| panic!("{case}: no echo"))
                .unwrap_or_else(|e| panic!("{case}: recv: {e}"));
            assert!(
                got == sent,
                "{case}: came back different ({} B)",
                got.data().len()
            );
        }
    }
}

#[tokio::test]
async fn chrome_websocket_goes_on_the_pages_http2_connection() {
    for compression in [true, false] {
        let s = setup("chrome", true).await;
        page(&s).await;
        let ws = s
            .client
            .websocket(&format!("wss://{}/echo", s.base))
            .compression(compression)
            .connect()
            .await
            .expect("connect");
        let what = format!("compression {compression}");
        assert_eq!(ws.version(), mummer::Version::HTTP_2, "{what}");
        assert_eq!(ws.compression().is_some(), compression, "{what}");
        for name in ["host", "connection", "upgrade", "sec-websocket-key"] {
            assert!(!has_field(&ws, name), "{what}: {name} sent on HTTP/2");
        }
        assert!(
            ws.request_headers()
                .iter()
                .all(|(n, _)| *n == n.to_ascii_lowercase()),
            "{what}: HTTP/2 names are lowercase"
        );
        round_trips(&ws, &what).await;
        // Messages and the page's requests share the connection.
        page(&s).await;
        let close = ws.close(1000, "bye").await.expect("close handshake");
        assert_eq!(close.map(|f| f.code), Some(1000), "{what}");
        let seen = s.server.ended(WAIT).await.expect("the stream ended");
        assert_eq!(seen.target, "/echo", "{what}");
        assert!(
            seen.frames
                .last()
                .and_then(|f| f.close())
                .is_some_and(|(code, reason)| code == 1000 && reason == "bye"),
            "{what}: the client's close frame"
        );
        // The connection outlives the WebSocket's stream.
        page(&s).await;
        assert_eq!(s.server.tcp_connections(), 1, "{what}: one TCP connection");
    }
}

#[tokio::test]
async fn firefox_websocket_goes_on_the_pages_http2_connection() {
    let s = setup("firefox", true).await;
    page(&s).await;
    let ws = s
        .client
        .websocket(&format!("wss://{}/echo?protocol=chat", s.base))
        .protocols(["chat", "superchat"])
        .connect()
        .await
        .expect("connect");
    assert_eq!(ws.version(), mummer::Version::HTTP_2);
    assert_eq!(ws.protocol(), Some("chat"));
    ws.send_text("hello").await.expect("send");
    assert_eq!(
        ws.recv().await.expect("echo"),
        Message::Text(Bytes::from_static(b"hello"))
    );
    let close = ws.close(1000, "").await.expect("close");
    assert_eq!(close.map(|f| f.code), Some(1000));
    assert_eq!(s.server.tcp_connections(), 1);
}

#[tokio::test]
async fn a_refused_extended_connect_is_a_handshake_error() {
    let s = setup("chrome", true).await;
    page(&s).await;
    let e = s
        .client
        .websocket(&format!("wss://{}/status/403", s.base))
        .connect()
        .await
        .expect_err("refused");
    assert!(e.websocket_error().is_some(), "{e}");
    assert!(e.to_string().contains("403"), "{e}");
    // The connection stays usable.
    page(&s).await;
    assert_eq!(s.server.tcp_connections(), 1);
}

#[tokio::test]
async fn without_enable_connect_protocol_the_websocket_is_an_http1_upgrade() {
    let s = setup("chrome", false).await;
    page(&s).await;
    let ws = s
        .client
        .websocket(&format!("wss://{}/echo", s.base))
        .connect()
        .await
        .expect("connect");
    assert_eq!(ws.version(), mummer::Version::HTTP_11);
    assert!(has_field(&ws, "Sec-WebSocket-Key"));
    round_trips(&ws, "HTTP/1.1").await;
    ws.close(1000, "").await.expect("close");
    assert_eq!(s.server.tcp_connections(), 2);
}

#[tokio::test]
async fn without_an_http2_connection_the_websocket_is_an_http1_upgrade() {
    // As the browsers do: an extended CONNECT only on a connection they already have.
    let s = setup("chrome", true).await;
    let ws = s
        .client
        .websocket(&format!("wss://{}/echo", s.base))
        .connect()
        .await
        .expect("connect");
    assert_eq!(ws.version(), mummer::Version::HTTP_11);
    ws.close(1000, "").await.expect("close");
    assert_eq!(s.server.tcp_connections(), 1);
}

#[tokio::test]
async fn without_a_profile_the_websocket_is_an_http1_upgrade() {
    let ca = TestCa::new();
    let server = WsServer::start_h2(&ca.issue(&["localhost"]), true)
        .await
        .expect("server");
    let client = Client::builder()
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .build()
        .expect("client");
    let base = format!("localhost:{}", server.tls_addr().port());
    let r = client
        .get(&format!("https://{base}/"))
        .send()
        .await
        .expect("page");
    assert_eq!(r.version(), mummer::Version::HTTP_2);
    let ws = client
        .websocket(&format!("wss://{base}/echo"))
        .connect()
        .await
        .expect("connect");
    assert_eq!(ws.version(), mummer::Version::HTTP_11);
}

/// The fields of a capture's HTTP/2 request, values that differ by run made comparable.
fn comparable(fields: &[(String, String)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(n, v)| {
            let v = match n.as_str() {
                ":authority" => "fp.test:PORT".to_string(),
                "origin" => "https://fp.test:PORT".to_string(),
                "user-agent" => v.replace("HeadlessChrome", "Chrome"),
                _ => v.clone(),
            };
            (n.clone(), v)
        })
        .collect()
}

#[tokio::test]
async fn extended_connect_equals_the_browser_captures() {
    for (profile, file) in [("chrome", "ws-chromium"), ("firefox", "ws-firefox-esr")] {
        let path = format!("{}/tests/data/{file}.json", env!("CARGO_MANIFEST_DIR"));
        let record: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("capture")).expect("json");
        let requests = record["runs"]["rfc8441"]["summary"]["http2"]["connection"]["requests"]
            .as_array()
            .expect("requests");
        let browser = requests
            .iter()
            .find(|r| r["fields"][0]["value"] == "CONNECT")
            .expect("the browser's extended CONNECT");
        let browser_fields: Vec<(String, String)> = browser["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| {
                (
                    f["name"].as_str().expect("name").to_string(),
                    f["value"].as_str().expect("value").to_string(),
                )
            })
            .collect();

        let ca = TestCa::new();
        let server = CaptureServer::start_with(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            ca.issue(&["fp.test"]),
            CaptureOptions {
                enable_connect_protocol: true,
            },
        )
        .await
        .expect("capture server");
        let port = server.port();
        let client = Client::builder()
            .impersonate(profile)
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("fp.test", port, SocketAddr::from(([127, 0, 0, 1], port)))
            .build()
            .expect("client");
        client
            .get(&format!("https://fp.test:{port}/"))
            .send()
            .await
            .expect("page");
        // The page's query as the browsers' script sent it; the capture server answers 200,
        // which opens the WebSocket.
        let target = "/ws-capture?label=ws-live&cookie=ws%3D1&protocols=chat,superchat";
        let ws = client
            .websocket(&format!("wss://fp.test:{port}{target}"))
            .protocols(["chat", "superchat"])
            .request(|r| r.cookie("ws", "1"))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{profile}: {e}"));
        assert_eq!(ws.version(), mummer::Version::HTTP_2, "{profile}");
        ws.terminate();
        let capture = server
            .captures()
            .into_iter()
            .find(|c| c.target().is_some_and(|t| t.starts_with("/ws-capture")))
            .expect("the extended CONNECT was captured");
        let request = capture.h2_request().expect("an HTTP/2 request");
        let ours: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        // Every field, in order and value, as the browser sent it.
        assert_eq!(
            comparable(&ours),
            comparable(&browser_fields),
            "{profile}: extended CONNECT fields"
        );
        // And the order is the profile's.
        let order: Vec<String> = mummer_profile::get(profile)
            .expect("profile")
            .websocket
            .as_ref()
            .expect("websocket table")
            .http2_header_order
            .clone();
        let names: Vec<&str> = ours.iter().map(|(n, _)| n.as_str()).collect();
        let expected: Vec<&str> = order
            .iter()
            .map(String::as_str)
            .filter(|n| names.contains(n))
            .collect();
        assert_eq!(
            names, expected,
            "{profile}: the profile's http2_header_order"
        );
        // The stream's priority.
        let p = request.priority.as_ref().expect("HEADERS with PRIORITY");
        assert_eq!(p.weight, browser["priority"]["weight"], "{profile}: weight");
        assert_eq!(
            p.exclusive, browser["priority"]["exclusive"],
            "{profile}: exclusive"
        );
        assert_eq!(
            p.depends_on, browser["priority"]["depends_on"],
            "{profile}: depends_on"
        );
        assert!(!request.end_stream(), "{profile}: the stream stays open");
    }
}

#[test]
fn driven_by_calls_a_flushed_message_has_left_when_flush_returns() {
    // The sync Python client's way: a current-thread runtime driven only by the calls. Over
    // HTTP/2 the stream's data is written by the connection's task, which must run before
    // `flush` returns: after it nothing runs on this runtime again.
    let server_rt = tokio::runtime::Runtime::new().expect("runtime");
    let s = server_rt.block_on(setup("chrome", true));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(page(&s));
    let ws = rt
        .block_on(
            s.client
                .websocket(&format!("wss://{}/echo", s.base))
                .compression(false)
                .driven_by_calls(true)
                .connect(),
        )
        .expect("connect");
    assert_eq!(ws.version(), mummer::Version::HTTP_2);
    rt.block_on(async {
        ws.send_text("sync").await?;
        ws.flush().await
    })
    .expect("send");
    // The runtime and the connection go away without another turn.
    std::thread::sleep(Duration::from_millis(200));
    drop(ws);
    drop(rt);
    let seen = server_rt
        .block_on(s.server.ended(WAIT))
        .expect("the stream ended");
    assert!(
        seen.frames
            .iter()
            .any(|f| f.opcode == 0x1 && f.payload == b"sync"),
        "the message never reached the server: {:?}",
        seen.frames
    );
}
