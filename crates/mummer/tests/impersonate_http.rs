//! Impersonation, HTTP: the HTTP/2 preface and HEADERS, and the HTTP/1.1 header order, of each
//! shipped profile as a fingerprinting server records them, against real-browser captures.

use mummer::Client;
use mummer_testkit::{Capture, CaptureServer, TestCa};
use serde_json::Value;

fn truth(name: &str) -> Value {
    let path = format!("{}/tests/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("capture file")).expect("json")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

/// One request with `profile` (HTTP/1.1 only when `http1`) to a capture server; what it saw.
async fn capture(profile: &str, http1: bool) -> Capture {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let mut builder = Client::builder()
        .impersonate(profile)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr());
    if http1 {
        builder = builder.http1_only();
    }
    let client = builder.build().expect("client");
    let response = client
        .get(&format!("https://fp.test:{}/?label=test", server.port()))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    let json: Value = response.json().await.expect("capture JSON");
    assert!(json.is_object());
    let mut captures = server.captures();
    assert_eq!(captures.len(), 1);
    captures.remove(0)
}

/// Header (name, value) pairs of the capture's request, with values that reveal the Debian
/// headless build (brands, HeadlessChrome) dropped: the profile sends Google Chrome's values.
fn comparable(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(n, _)| {
            let n = n.to_ascii_lowercase();
            n != "sec-ch-ua" && n != "user-agent" && n != "host" && !n.starts_with(':')
        })
        .cloned()
        .collect()
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|p| {
            (
                p[0].as_str().expect("name").to_string(),
                p[1].as_str().expect("value").to_string(),
            )
        })
        .collect()
}

async fn check_h2(profile: &str, truth_name: &str) {
    let truth = truth(truth_name);
    let want = &truth["http2"];
    let capture = capture(profile, false).await;
    assert_eq!(capture.alpn.as_deref(), Some("h2"));
    let h2 = capture.h2.clone().expect("HTTP/2 seen");
    assert_eq!(h2.akamai(), want["akamai"].as_str().expect("akamai"));
    assert_eq!(
        h2.akamai_hash(),
        want["akamai_hash"].as_str().expect("hash")
    );
    assert!(h2.priority_frames.is_empty());
    let request = capture.h2_request().expect("request");
    assert_eq!(
        u64::from(request.stream_id),
        want["first_headers_stream_id"].as_u64().expect("id")
    );
    assert_eq!(
        u64::from(request.flags),
        want["headers_frame_flags"].as_u64().expect("flags")
    );
    let priority = request.priority.expect("HEADERS priority");
    let p = &want["headers_frame_priority"];
    assert_eq!(priority.exclusive, p["exclusive"].as_u64() == Some(1));
    assert_eq!(
        u64::from(priority.depends_on),
        p["depends_on"].as_u64().expect("dep")
    );
    assert_eq!(
        u64::from(priority.weight),
        p["weight"].as_u64().expect("weight")
    );
    assert_eq!(
        request.pseudo_header_order(),
        strings(&want["pseudo_header_order"])
    );
    assert_eq!(request.header_order(), strings(&want["header_order"]));
    let ours: Vec<(String, String)> = request
        .headers()
        .into_iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(
        comparable(&ours),
        comparable(&pairs(&want["headers_example"]))
    );
    let frames: Vec<&str> = h2
        .frames
        .iter()
        .map(|f| f.type_name())
        .take_while(|&t| t != "HEADERS")
        .collect();
    assert_eq!(frames[..2], ["SETTINGS", "WINDOW_UPDATE"]);
}

async fn check_h1(profile: &str, truth_name: &str) {
    let truth = truth(truth_name);
    let want = &truth["http1"];
    let capture = capture(profile, true).await;
    let h1 = capture.h1.clone().expect("HTTP/1.1 seen");
    assert_eq!(h1.header_names(), strings(&want["header_order"]));
    assert_eq!(
        comparable(&h1.headers),
        comparable(&pairs(&want["headers_example"]))
    );
    assert_eq!(
        h1.header("Host"),
        Some(format!("fp.test:{}", capture_port(&h1)).as_str())
    );
}

fn capture_port(h1: &mummer_inspect::h1::H1Request) -> String {
    h1.header("Host")
        .and_then(|h| h.rsplit(':').next())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn chrome_http2_matches_chromium_156() {
    check_h2("chrome", "chromium-156").await;
}

#[tokio::test]
async fn firefox_http2_matches_firefox_esr_153() {
    check_h2("firefox", "firefox-esr-153").await;
}

#[tokio::test]
async fn chrome_http1_header_order_and_case_match_chromium_156() {
    check_h1("chrome", "chromium-156").await;
}

#[tokio::test]
async fn firefox_http1_header_order_and_case_match_firefox_esr_153() {
    check_h1("firefox", "firefox-esr-153").await;
}

#[tokio::test]
async fn user_headers_take_the_browsers_places() {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let client = Client::builder()
        .impersonate("chrome")
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr())
        .http1_only()
        .build()
        .expect("client");
    client
        .get(&format!("https://fp.test:{}/", server.port()))
        .header("user-agent", "custom-agent")
        .header("X-Extra", "1")
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let h1 = server.captures()[0].h1.clone().expect("h1");
    let names = h1.header_names();
    let ua = names
        .iter()
        .position(|n| *n == "User-Agent")
        .expect("UA in Chrome's case");
    assert_eq!(names[ua - 1], "Upgrade-Insecure-Requests");
    assert_eq!(h1.header("User-Agent"), Some("custom-agent"));
    assert_eq!(names.last().copied(), Some("X-Extra"));
}

#[tokio::test]
async fn custom_akamai_round_trips() {
    let akamai = "1:65536;2:0;4:131072;5:16384|12517377|3:0:0:201,5:0:0:101|m,p,a,s";
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let client = Client::builder()
        .impersonate("chrome")
        .akamai(akamai)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr())
        .build()
        .expect("client");
    client
        .get(&format!("https://fp.test:{}/", server.port()))
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let h2 = server.captures()[0].h2.clone().expect("h2");
    assert_eq!(h2.akamai(), akamai);
}
