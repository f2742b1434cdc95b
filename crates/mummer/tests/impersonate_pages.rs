//! Impersonation beyond the first request: cookies, Referer and a multipart form POST laid out
//! as live Chromium 156 and Firefox ESR 153 lay them out, over HTTP/2 and HTTP/1.1.
//!
//! The ground truth is `tests/data/live-*-pages.json`, recorded from the real browsers by
//! `mummer-testkit/tests/live_browser_pages.rs` walking the capture server's `/page/` chain.
//! mummer, with the same cookies in its jar, the same referrer and the same form, sends the
//! same requests to the same server: header names (and case on HTTP/1.1) in the same order,
//! cookie crumbs in the same order, Referer with the same value, and a multipart body that is
//! byte-identical but for its random boundary.
//!
//! What only a page can know is supplied the way a program would: `Origin` (and Chrome's
//! `Cache-Control: max-age=0` on a form navigation) as headers. `Sec-Fetch-User` is left out of
//! the comparison: a script navigation has none, while mummer's requests are, like a typed
//! URL, user-initiated.

use mummer::multipart::{Form, Part};
use mummer::{Client, CookieJar};
use mummer_testkit::{Capture, CaptureServer, TestCa};
use serde_json::Value;

fn truth(browser: &str) -> Value {
    let path = format!(
        "{}/tests/data/live-{browser}-pages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("capture file")).expect("json")
}

/// The recorded request `label` over `protocol` ("h2" or "http/1.1"), its headers with the
/// recording's port replaced by `port`, and its body.
fn recorded(
    truth: &Value,
    protocol: &str,
    label: &str,
    port: u16,
) -> (Vec<(String, String)>, String) {
    let p = &truth["protocols"][protocol];
    let old = p["port"].as_u64().expect("port").to_string();
    let request = p["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .find(|r| r["request"] == label)
        .unwrap_or_else(|| panic!("no {label} over {protocol}"));
    let headers = request["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| {
            (
                h[0].as_str().expect("name").to_string(),
                h[1].as_str()
                    .expect("value")
                    .replace(&old, &port.to_string()),
            )
        })
        .collect();
    let body = request["body"].as_str().unwrap_or("").to_string();
    (headers, body)
}

/// The cookies the page chain left in the browser, in the order they were set (so RFC 6265's
/// order, longer paths first and then creation, comes out as the browser's).
fn jar() -> CookieJar {
    let jar = CookieJar::new();
    {
        let mut j = jar.lock();
        for (name, value, path) in [
            ("root", "1", "/"),
            ("page", "2", "/page"),
            ("deep", "3", "/page/next"),
            ("secret", "4", "/"),
            ("aged", "5", "/"),
            ("wide", "6", "/"),
            ("js", "7", "/"),
        ] {
            j.insert(name, value, "fp.test", path, false)
                .expect("cookie");
        }
    }
    jar
}

struct Server {
    _server: CaptureServer,
    client: Client,
    port: u16,
}

async fn server(profile: &str, http1: bool) -> Server {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let mut builder = Client::builder()
        .impersonate(profile)
        .cookie_jar(jar())
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr());
    if http1 {
        builder = builder.http1_only();
    }
    let port = server.port();
    Server {
        _server: server,
        client: builder.build().expect("client"),
        port,
    }
}

/// Header pairs as a capture recorded them (HTTP/2 pseudo-headers included).
fn sent(capture: &Capture) -> Vec<(String, String)> {
    match (capture.h2_request(), &capture.h1) {
        (Some(h2), _) => h2
            .headers()
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        (None, Some(h1)) => h1.headers.clone(),
        (None, None) => panic!("nothing captured"),
    }
}

/// Names and values to compare: the user-initiation flag left out (see the module docs), and
/// the values a headless Debian build or a page's context decide (brands, HeadlessChrome,
/// sec-fetch-site, the boundary) blanked while their names stay in place.
fn comparable(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("sec-fetch-user"))
        .map(|(n, v)| {
            let lower = n.to_ascii_lowercase();
            let blank = matches!(
                lower.as_str(),
                "sec-ch-ua" | "user-agent" | "sec-fetch-site" | "content-type" | "content-length"
            );
            (n.clone(), if blank { String::new() } else { v.clone() })
        })
        .collect()
}

fn value<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} recorded"))
}

fn boundary_of(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .and_then(|(_, v)| v.split("boundary=").nth(1))
        .expect("multipart content-type")
        .to_string()
}

async fn navigation(browser: &str, profile: &str, protocol: &str) {
    let truth = truth(browser);
    let s = server(profile, protocol != "h2").await;
    let (want, _) = recorded(&truth, protocol, "navigation-cookies-referer", s.port);
    let response = s
        .client
        .get(&format!(
            "https://fp.test:{}/page/next?from=cookies",
            s.port
        ))
        .referer(value(&want, "referer"))
        .send()
        .await
        .expect("navigation");
    assert_eq!(response.status(), 200);
    let captures = s._server.captures();
    let got = sent(captures.last().expect("captured"));
    assert_eq!(
        comparable(&got),
        comparable(&want),
        "{profile} {protocol}: navigation with cookies and referer"
    );
}

async fn form(browser: &str, profile: &str, protocol: &str) {
    let truth = truth(browser);
    let s = server(profile, protocol != "h2").await;
    let (want, want_body) = recorded(&truth, protocol, "form-multipart-navigation", s.port);
    let form = Form::new()
        .text("x", "y")
        .text("quote\"name", "caf\u{e9} & more")
        .text("text", "one\r\ntwo")
        .part("upload", Part::bytes(Vec::new()).file_name(""));
    let mut request = s
        .client
        .post(&format!(
            "https://fp.test:{}/page/form-submit?from=next",
            s.port
        ))
        .referer(value(&want, "referer"))
        .header("Origin", value(&want, "origin"))
        .multipart(form);
    if browser.starts_with("chromium") {
        request = request.header("Cache-Control", "max-age=0");
    }
    let response = request.send().await.expect("form");
    assert_eq!(response.status(), 200);
    let captures = s._server.captures();
    let capture = captures.last().expect("captured");
    let got = sent(capture);
    assert_eq!(
        comparable(&got),
        comparable(&want),
        "{profile} {protocol}: multipart form navigation"
    );
    let body = capture.request_body.as_ref().expect("body kept");
    let ours = String::from_utf8(body.bytes.clone()).expect("utf-8 body");
    assert_eq!(
        ours.replace(&boundary_of(&got), "BOUNDARY"),
        want_body.replace(&boundary_of(&want), "BOUNDARY"),
        "{profile} {protocol}: multipart body"
    );
}

#[tokio::test]
async fn chrome_navigation_with_cookies_and_referer_h2() {
    navigation("chromium-156", "chrome", "h2").await;
}

#[tokio::test]
async fn chrome_navigation_with_cookies_and_referer_h1() {
    navigation("chromium-156", "chrome", "http/1.1").await;
}

#[tokio::test]
async fn firefox_navigation_with_cookies_and_referer_h2() {
    navigation("firefox-esr-153", "firefox", "h2").await;
}

#[tokio::test]
async fn firefox_navigation_with_cookies_and_referer_h1() {
    navigation("firefox-esr-153", "firefox", "http/1.1").await;
}

#[tokio::test]
async fn chrome_multipart_form_h2() {
    form("chromium-156", "chrome", "h2").await;
}

#[tokio::test]
async fn chrome_multipart_form_h1() {
    form("chromium-156", "chrome", "http/1.1").await;
}

#[tokio::test]
async fn firefox_multipart_form_h2() {
    form("firefox-esr-153", "firefox", "h2").await;
}

#[tokio::test]
async fn firefox_multipart_form_h1() {
    form("firefox-esr-153", "firefox", "http/1.1").await;
}
