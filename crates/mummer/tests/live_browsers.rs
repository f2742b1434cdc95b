//! Live browsers: Debian's `chromium` and `firefox-esr`, run headless against a capture server,
//! compared field by field with the shipped profile ("chrome" / "firefox") sending the same
//! request. This is drift detection: when Debian updates a browser, the test fails and names
//! every field that changed.
//!
//! Each test prints "<browser> not installed: skipping live comparison" and passes when the
//! binary is missing (`scripts/deps.sh --browsers` installs both, and `certutil`, which makes
//! Firefox trust the test CA).
//!
//! Compared: JA4, JA3N, cipher suites, extension set (Firefox: also the order, which it keeps
//! fixed), supported groups, key-share groups and key lengths, signature algorithms, ALPN,
//! ALPS, certificate compression, ECH GREASE shape (Firefox: payload length and the
//! ClientHello's exact length), the HTTP/2 Akamai string, the first HEADERS frame's priority
//! and stream id, pseudo-header order and header order. GREASE values are random per
//! connection, so they are left out of every list, except in signature_algorithms, where their
//! position is compared.

#[path = "support/browser.rs"]
mod browser;

use std::fmt::Debug;
use std::path::Path;
use std::time::Duration;

use browser::{
    CERTUTIL, CHROMIUM, FIREFOX, TempDir, chromium_command, firefox_command, run_browser,
};

use mummer::Client;
use mummer_inspect::client_hello::is_grease;
use mummer_testkit::{Capture, CaptureServer, TestCa};
use serde_json::Value;

const LABEL: &str = "label=live";

/// Stands for any GREASE value where its position matters.
const GREASE: u16 = 0x0a0a;

#[tokio::test]
async fn chromium_matches_chrome_profile() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("chromium not installed: skipping live comparison");
        return;
    }
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let url = format!("https://fp.test:{}/?{LABEL}", server.port());
    let dir = TempDir::new("chromium");
    let cmd = chromium_command(&dir, &url, &[]);
    let live = run_browser(cmd, &dir, &server, is_live).await;
    drop(dir);
    let ours = mummer_capture("chrome", &ca).await;
    compare("chromium", &live, &ours, true);
}

#[tokio::test]
async fn firefox_esr_matches_firefox_profile() {
    if !Path::new(FIREFOX).exists() {
        eprintln!("firefox-esr not installed: skipping live comparison");
        return;
    }
    if !Path::new(CERTUTIL).exists() {
        eprintln!("certutil (libnss3-tools) not installed: skipping live firefox-esr comparison");
        return;
    }
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let url = format!("https://fp.test:{}/?{LABEL}", server.port());
    let dir = TempDir::new("firefox");
    // Screenshot mode loads the page and exits, like the stored capture: a navigation without
    // user activation. Opened as a plain command-line URL instead, Firefox treats it as typed
    // by the user and adds `sec-fetch-user: ?1` after `sec-fetch-site`, which the profile (and
    // tests/data/firefox-esr-153.json) do not send.
    let cmd = firefox_command(&dir, &ca, &url);
    let live = run_browser(cmd, &dir, &server, is_live).await;
    drop(dir);
    let ours = mummer_capture("firefox", &ca).await;
    compare("firefox-esr", &live, &ours, false);
}

fn is_live(c: &Capture) -> bool {
    let path = match (c.h2_request(), &c.h1) {
        (Some(r), _) => r
            .headers()
            .iter()
            .find(|(n, _)| *n == ":path")
            .map(|(_, v)| v.to_string()),
        (None, Some(h1)) => Some(h1.target.clone()),
        _ => None,
    };
    path.is_some_and(|p| p.contains(LABEL))
}

/// The same request made by mummer with `profile`, on a fresh capture server.
async fn mummer_capture(profile: &str, ca: &TestCa) -> Capture {
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let client = Client::builder()
        .impersonate(profile)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let response = client
        .get(&format!("https://fp.test:{}/?{LABEL}", server.port()))
        .send()
        .await
        .expect("mummer request");
    assert_eq!(response.status(), 200);
    response.bytes().await.expect("body");
    server
        .captures()
        .into_iter()
        .find(is_live)
        .expect("mummer's capture")
}

/// Every field that differs, collected so one run names all of them.
struct Diffs {
    browser: &'static str,
    list: Vec<String>,
}

impl Diffs {
    fn check<T: PartialEq + Debug>(&mut self, field: &str, live: T, ours: T) {
        if live == ours {
            eprintln!("{}: {field}: same: {live:?}", self.browser);
        } else {
            self.list.push(format!(
                "{field}:\n    live:   {live:?}\n    mummer: {ours:?}"
            ));
        }
    }
}

fn no_grease(v: &[u16]) -> Vec<u16> {
    v.iter().copied().filter(|&x| !is_grease(x)).collect()
}

fn sorted(mut v: Vec<u16>) -> Vec<u16> {
    v.sort_unstable();
    v
}

fn stored_ja4(name: &str) -> String {
    let path = format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("capture file")).expect("json");
    truth["tls"]["ja4"].as_str().expect("ja4").to_string()
}

fn compare(browser: &'static str, live: &Capture, ours: &Capture, chromium: bool) {
    let mut d = Diffs {
        browser,
        list: Vec::new(),
    };
    let lh = live.client_hello.as_ref().expect("live ClientHello");
    let oh = ours.client_hello.as_ref().expect("mummer ClientHello");
    let lt = live.tls.as_ref().expect("live fingerprint");
    let ot = ours.tls.as_ref().expect("mummer fingerprint");
    d.check("ALPN selected", live.alpn.as_deref(), ours.alpn.as_deref());

    // TLS.
    d.check("JA4", &lt.ja4, &ot.ja4);
    if chromium {
        d.check(
            "JA4 (live vs stored tests/data/chromium-156.json)",
            lt.ja4.clone(),
            stored_ja4("chromium-156"),
        );
    }
    d.check("JA3N", &lt.ja3n, &ot.ja3n);
    d.check(
        "cipher suites",
        no_grease(&lh.cipher_suites),
        no_grease(&oh.cipher_suites),
    );
    d.check(
        "extension set",
        sorted(no_grease(&lh.extension_types())),
        sorted(no_grease(&oh.extension_types())),
    );
    if !chromium {
        // Firefox keeps one extension order (Chromium permutes it per connection).
        d.check(
            "extension order",
            lh.extension_types(),
            oh.extension_types(),
        );
    }
    let groups =
        |h: &mummer_inspect::ClientHello| no_grease(h.supported_groups.as_deref().unwrap_or(&[]));
    d.check("supported groups", groups(lh), groups(oh));
    let shares = |h: &mummer_inspect::ClientHello| -> Vec<(u16, usize)> {
        h.key_shares
            .iter()
            .flatten()
            .filter(|s| !is_grease(s.group))
            .map(|s| (s.group, s.key_len))
            .collect()
    };
    d.check(
        "key share groups (group, key length)",
        shares(lh),
        shares(oh),
    );
    let sigalgs = |h: &mummer_inspect::ClientHello| -> Vec<u16> {
        h.signature_algorithms
            .iter()
            .flatten()
            .map(|&x| if is_grease(x) { GREASE } else { x })
            .collect()
    };
    d.check("signature algorithms", sigalgs(lh), sigalgs(oh));
    let ech = |h: &mummer_inspect::ClientHello| h.ech.as_ref().map(|e| (e.kdf_id, e.enc_len));
    d.check("ECH GREASE (KDF, enc length)", ech(lh), ech(oh));
    if !chromium {
        // Firefox's ECH payload is always the same length, and so is its whole ClientHello.
        let payload = |h: &mummer_inspect::ClientHello| h.ech.as_ref().and_then(|e| e.payload_len);
        d.check("ECH GREASE payload length", payload(lh), payload(oh));
        d.check("ClientHello length", lh.handshake_len, oh.handshake_len);
    }
    d.check("ALPN", lh.alpn_strings(), oh.alpn_strings());
    d.check("ALPS", &lh.alps, &oh.alps);
    d.check(
        "certificate compression",
        &lh.compress_certificate,
        &oh.compress_certificate,
    );

    // HTTP/2.
    let lc = live.h2.as_ref().expect("live HTTP/2");
    let oc = ours.h2.as_ref().expect("mummer HTTP/2");
    d.check("Akamai", lc.akamai(), oc.akamai());
    let lr = live.h2_request().expect("live HEADERS");
    let or = ours.h2_request().expect("mummer HEADERS");
    d.check("HEADERS priority", lr.priority, or.priority);
    d.check("HEADERS stream id", lr.stream_id, or.stream_id);
    d.check(
        "pseudo-header order",
        lr.pseudo_header_order(),
        or.pseudo_header_order(),
    );
    d.check("header order", lr.header_order(), or.header_order());

    eprintln!("{browser}: live JA4 {} / mummer JA4 {}", lt.ja4, ot.ja4);
    assert!(
        d.list.is_empty(),
        "{browser} (live) and mummer differ in {} field(s) -- the browser changed, update the \
         profile and tests/data:\n  {}",
        d.list.len(),
        d.list.join("\n  ")
    );
}
