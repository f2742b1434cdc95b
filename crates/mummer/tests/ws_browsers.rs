//! WebSocket handshakes of the live browsers: Debian's `chromium` and `firefox-esr` load the
//! capture server's `/page/websocket`, whose script opens a WebSocket on the same origin.
//! Recorded twice per browser: against a server that does not offer RFC 8441 (the upgrade
//! goes over HTTP/1.1, on a connection of its own) and against one whose HTTP/2 SETTINGS
//! carry ENABLE_CONNECT_PROTOCOL (the browser may open it as an extended CONNECT stream).
//!
//! The live browsers run only with `MUMMER_RECORD_WS=1` (the captures are then written to
//! `tests/data/ws-*.json`) or `MUMMER_LIVE_WS=1` (only printed): six browser runs are too slow
//! for every test run. They skip (passing) when the browser is not installed. What always
//! runs is [`mummer_handshakes_equal_the_browser_captures`]: mummer's chrome and firefox
//! handshakes against the stored captures, field by field.

#[path = "support/browser.rs"]
mod browser;

use std::net::SocketAddr;
use std::path::Path;

use browser::{
    CERTUTIL, CHROMIUM, FIREFOX, TempDir, chromium_command, firefox_command, run_browser,
};
use mummer_testkit::{Capture, CaptureOptions, CaptureServer, TestCa};
use serde_json::{Value, json};

const LABEL: &str = "label=ws-live";

fn is_ws(c: &Capture) -> bool {
    c.target()
        .is_some_and(|t| t.starts_with("/ws-capture") && t.contains(LABEL))
}

fn browser_version(binary: &str) -> String {
    std::process::Command::new(binary)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn keep(name: &str, value: &Value) {
    eprintln!(
        "{name}: {}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
    if std::env::var_os("MUMMER_RECORD_WS").is_some() {
        let path = format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = serde_json::to_string_pretty(value).expect("json") + "\n";
        std::fs::write(&path, text).expect("write capture");
        eprintln!("wrote {path}");
    }
}

/// The three ways a browser's WebSocket is recorded.
#[derive(Clone, Copy)]
enum Run {
    /// The page's own origin, a server without RFC 8441: an HTTP/1.1 upgrade on a new
    /// connection (whose TLS handshake resumes the page's session).
    SameOrigin,
    /// `ws.fp.test`, a host the browser has no TLS session for: Chromium makes a full
    /// handshake, the kind mummer's WebSocket connections (which resume no session) are
    /// compared with. Firefox resumes the page's session even there (and from a plain-HTTP
    /// page too, tried: its only recorded WebSocket handshakes are resumptions).
    FirstTls,
    /// The page's origin on a server announcing ENABLE_CONNECT_PROTOCOL.
    Rfc8441,
}

impl Run {
    const ALL: [Run; 3] = [Run::SameOrigin, Run::FirstTls, Run::Rfc8441];

    fn key(self) -> &'static str {
        match self {
            Run::SameOrigin => "same_origin",
            Run::FirstTls => "first_tls",
            Run::Rfc8441 => "rfc8441",
        }
    }
}

/// Records every [`Run`] of one browser; `command` makes its command line for a URL.
async fn capture_all(
    browser: &str,
    binary: &str,
    command: impl Fn(&TempDir, &TestCa, &str) -> std::process::Command,
) {
    if std::env::var_os("MUMMER_RECORD_WS").is_none()
        && std::env::var_os("MUMMER_LIVE_WS").is_none()
    {
        eprintln!("set MUMMER_RECORD_WS=1 or MUMMER_LIVE_WS=1 to record {browser}'s WebSocket");
        return;
    }
    let ca = TestCa::new();
    let mut runs = serde_json::Map::new();
    for run in Run::ALL {
        let server = CaptureServer::start_with(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            ca.issue(&["fp.test", "ws.fp.test"]),
            CaptureOptions {
                enable_connect_protocol: matches!(run, Run::Rfc8441),
            },
        )
        .await
        .expect("capture server");
        let port = server.port();
        // A cookie and two subprotocols show where Cookie and Sec-WebSocket-Protocol go.
        let mut url = format!(
            "https://fp.test:{port}/page/websocket?{LABEL}&cookie=ws%3D1&protocols=chat,superchat"
        );
        if let Run::FirstTls = run {
            url.push_str(&format!("&ws_host=ws.fp.test:{port}"));
        }
        let dir = TempDir::new(&format!("{browser}-ws"));
        let live = run_browser(command(&dir, &ca, &url), &dir, &server, is_ws).await;
        runs.insert(
            run.key().to_string(),
            json!({ "alpn_selected": live.alpn, "summary": live.json }),
        );
    }
    let record = json!({
        "_about": "WebSocket handshakes of a live browser, recorded by tests/ws_browsers.rs \
                   (MUMMER_RECORD_WS=1): the page /page/websocket of mummer_testkit's capture \
                   server opens a WebSocket; same_origin: to the page's origin (TLS resumes the \
                   page's session); first_tls: to ws.fp.test, a host without a TLS session \
                   (Chromium: a full handshake; Firefox resumed even there); rfc8441: \
                   the server announced SETTINGS_ENABLE_CONNECT_PROTOCOL. Random values \
                   (GREASE, key shares, Sec-WebSocket-Key) are as they happened to be.",
        "browser": browser_version(binary),
        "runs": runs,
    });
    keep(&format!("ws-{browser}"), &record);
}

#[tokio::test]
async fn chromium_websocket_handshake() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("chromium not installed: skipping live WebSocket capture");
        return;
    }
    capture_all("chromium", CHROMIUM, |dir, _, url| {
        chromium_command(dir, url, &["--virtual-time-budget=5000"])
    })
    .await;
}

#[tokio::test]
async fn firefox_websocket_handshake() {
    if !Path::new(FIREFOX).exists() || !Path::new(CERTUTIL).exists() {
        eprintln!("firefox-esr or certutil not installed: skipping live WebSocket capture");
        return;
    }
    capture_all("firefox-esr", FIREFOX, firefox_command).await;
}

/// The header fields of an HTTP/1.1 capture, as (name, value) with the values that differ
/// by run made comparable: Host and Origin ports, the random key, HeadlessChrome.
fn comparable_fields(summary: &Value) -> Vec<(String, String)> {
    let fields = summary["http1"]["headers"]
        .as_array()
        .expect("http1 headers");
    fields
        .iter()
        .map(|f| {
            let name = f[0].as_str().expect("name").to_string();
            let value = f[1].as_str().expect("value");
            let value = match name.to_ascii_lowercase().as_str() {
                "host" => "fp.test:PORT".to_string(),
                "origin" => "https://fp.test:PORT".to_string(),
                "sec-websocket-key" => "KEY".to_string(),
                "user-agent" => value.replace("HeadlessChrome", "Chrome"),
                _ => value.to_string(),
            };
            (name, value)
        })
        .collect()
}

/// `ja4_r` split into its parts, the pre_shared_key extension (0029, which only a resumed
/// handshake offers) left out, so a fresh handshake compares with a resumed one.
fn ja4_parts(summary: &Value) -> Vec<String> {
    let ja4_r = summary["tls"]["ja4_r"].as_str().expect("ja4_r");
    let mut parts: Vec<String> = ja4_r.split('_').map(str::to_string).collect();
    let exts: Vec<&str> = parts[2].split(',').filter(|e| *e != "0029").collect();
    parts[2] = exts.join(",");
    // The counts in the first part follow the lists; the lists are what matters.
    parts[0] = parts[0][..4].to_string() + &parts[0][8..];
    parts
}

/// mummer's WebSocket handshake for `profile` as the capture server sees it, made like the
/// page's (a cookie `ws=1`, subprotocols `chat, superchat`, the page's own origin).
async fn mummer_handshake(profile: &str) -> Capture {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let port = server.port();
    let client = mummer::Client::builder()
        .impersonate(profile)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", port, SocketAddr::from(([127, 0, 0, 1], port)))
        .build()
        .expect("client");
    // The capture server answers the upgrade with a 200: the handshake fails once it is
    // recorded.
    let refused = client
        .websocket(&format!("wss://fp.test:{port}/ws-capture?{LABEL}"))
        .protocols(["chat", "superchat"])
        .request(|r| r.cookie("ws", "1"))
        .connect()
        .await
        .expect_err("a capture server does not upgrade");
    assert!(refused.websocket_error().is_some(), "{refused}");
    server
        .captures()
        .into_iter()
        .find(is_ws)
        .expect("the upgrade request was captured")
}

#[tokio::test]
async fn mummer_handshakes_equal_the_browser_captures() {
    // Where each browser's full ClientHello is: Chromium's WebSocket to a host without a TLS
    // session; Firefox resumed on every WebSocket recorded (pre_shared_key in,
    // compress_certificate and session_ticket out), so its lists come from the full handshake
    // of the page's own connection (the rfc8441 run), its ALPN from the WebSocket's.
    for (profile, file, tls_run) in [
        ("chrome", "ws-chromium", "first_tls"),
        ("firefox", "ws-firefox-esr", "rfc8441"),
    ] {
        let path = format!("{}/tests/data/{file}.json", env!("CARGO_MANIFEST_DIR"));
        let record: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("capture")).expect("json");
        let ours = mummer_handshake(profile).await;
        assert_eq!(
            ours.alpn.as_deref(),
            Some("http/1.1"),
            "{profile}: ALPN selected"
        );
        // The upgrade request: every field, in order, letter case and value.
        let browser = &record["runs"]["same_origin"]["summary"];
        assert_eq!(
            comparable_fields(&ours.json),
            comparable_fields(browser),
            "{profile}: upgrade request fields"
        );
        // The ClientHello of the connection opened for the WebSocket: JA4's lists.
        let browser_tls = &record["runs"][tls_run]["summary"];
        let ours_tls = ja4_parts(&ours.json);
        assert_eq!(
            ours_tls[1..],
            ja4_parts(browser_tls)[1..],
            "{profile}: ClientHello (JA4 lists: ciphers, extensions, signature algorithms)"
        );
        let ws_hello = ja4_parts(&record["runs"]["first_tls"]["summary"]);
        assert_eq!(
            ours_tls[0], ws_hello[0],
            "{profile}: TLS version, SNI, ALPN (h1)"
        );
        // Chromium's is a full handshake: JA4 itself matches.
        if profile == "chrome" {
            assert_eq!(
                ours.json["tls"]["ja4"], browser_tls["tls"]["ja4"],
                "{profile}: JA4"
            );
        }
    }
}
