//! WebSocket handshakes of the live browsers: Debian's `chromium` and `firefox-esr` load the
//! capture server's `/page/websocket`, whose script opens a WebSocket on the same origin.
//! Recorded twice per browser: against a server that does not offer RFC 8441 (the upgrade
//! goes over HTTP/1.1, on a connection of its own) and against one whose HTTP/2 SETTINGS
//! carry ENABLE_CONNECT_PROTOCOL (the browser may open it as an extended CONNECT stream).
//!
//! With `MUMMER_RECORD_WS=1` the captures are written to `tests/data/ws-*.json`; otherwise
//! they are only printed. Skips (passing) when the browser is not installed.

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
