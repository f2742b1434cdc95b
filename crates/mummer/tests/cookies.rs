//! Cookies through the client: what each hop of a redirect chain stores and sends (RFC 6265
//! domain and path matching, §5.4 order), the public suffix list, expiry, `Secure` over http
//! and https, the attributes a response reports, per-request cookies and `Cookie` headers that
//! stay with their origin, `store_cookies(false)`, and the HTTP/2 `cookie` fields a browser
//! profile sends.
//!
//! Every HTTP/1.1 server here answers one request per connection (`Connection: close`), so the
//! i-th request the server records is the i-th hop, whatever the pool does. URLs use default
//! ports, `.resolve`d to the test server, so that a canned Location can name another host.

use std::net::SocketAddr;
use std::time::Duration;

use mummer::{Client, ClientBuilder, CookieJar};
use mummer_proto::cookie::SameSite;
use mummer_testkit::{CaptureServer, ScriptServer, Step, TestCa, response_with_length};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// A reply that closes its connection, with these headers (Set-Cookie, Location ...).
fn reply(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut all = vec![("Connection", "close")];
    all.extend_from_slice(headers);
    response_with_length(status, b"", &all)
}

/// Scripts answering the i-th connection with `replies[i]`, one request each.
fn one_per_connection(replies: Vec<Vec<u8>>) -> Vec<Vec<Step>> {
    replies
        .into_iter()
        .map(|r| vec![Step::ReadRequest, Step::Write(r), Step::Close])
        .collect()
}

async fn serve(replies: Vec<Vec<u8>>) -> ScriptServer {
    ScriptServer::start(one_per_connection(replies)).await
}

/// The values of header `name` (any case) in a raw HTTP/1.1 request.
fn header_values(raw: &[u8], name: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    head.split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// The one Cookie header of a raw request, `None` when there is none (two is a failure).
fn cookie_of(raw: &[u8]) -> Option<String> {
    let mut values = header_values(raw, "cookie");
    assert!(values.len() <= 1, "more than one Cookie header: {values:?}");
    values.pop()
}

fn request_line(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    text.split("\r\n").next().unwrap_or_default().to_string()
}

/// `builder` sending every name in `names`, at the URL's default port `url_port` (80 or
/// 443), to `addr`. URLs then need no port, so scripted Locations can name other hosts.
fn resolving(
    mut builder: ClientBuilder,
    names: &[&str],
    url_port: u16,
    addr: SocketAddr,
) -> ClientBuilder {
    for name in names {
        builder = builder.resolve(name, url_port, addr);
    }
    builder
}

fn names(cookies: &[mummer::Cookie]) -> Vec<&str> {
    cookies.iter().map(|c| c.name.as_str()).collect()
}

async fn guard<T>(test: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("test did not finish within 20 s (hang?)")
}

// ---------------------------------------------------------------------------------------------
// Redirect chains
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Redirect chains
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_hop_stores_and_sends_by_domain_and_path_in_rfc_order() {
    guard(async {
        // a.site.test/start -> a.site.test/a/deep/page -> b.site.test/b/x -> a.site.test/a/deep/end
        let server = serve(vec![
            reply(
                302,
                &[
                    ("Location", "/a/deep/page"),
                    ("Set-Cookie", "root=1; Path=/"),
                    ("Set-Cookie", "apath=2; Path=/a"),
                    ("Set-Cookie", "shared=3; Domain=site.test; Path=/"),
                ],
            ),
            reply(
                302,
                &[
                    ("Location", "http://b.site.test/b/x"),
                    ("Set-Cookie", "deep=4; Path=/a/deep"),
                    // a.site.test may not set cookies for its sibling: refused.
                    ("Set-Cookie", "bonly=5; Domain=b.site.test"),
                ],
            ),
            reply(
                302,
                &[
                    ("Location", "http://a.site.test/a/deep/end"),
                    ("Set-Cookie", "b=6; Path=/"),
                ],
            ),
            reply(200, &[]),
        ])
        .await;
        let client = resolving(
            Client::builder().cookie_store(true),
            &["a.site.test", "b.site.test"],
            80,
            server.addr(),
        )
        .build()
        .expect("client");
        let response = client
            .get("http://a.site.test/start")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.redirect_count(), 3);
        let requests = server.requests();
        let lines: Vec<String> = requests.iter().map(|r| request_line(r)).collect();
        assert_eq!(
            lines,
            [
                "GET /start HTTP/1.1",
                "GET /a/deep/page HTTP/1.1",
                "GET /b/x HTTP/1.1",
                "GET /a/deep/end HTTP/1.1",
            ]
        );
        let hosts: Vec<String> = requests
            .iter()
            .map(|r| header_values(r, "host").join(","))
            .collect();
        assert_eq!(
            hosts,
            ["a.site.test", "a.site.test", "b.site.test", "a.site.test"]
        );
        let cookies: Vec<Option<String>> = requests.iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            cookies,
            [
                None,
                // /a before /; then root (created first) before shared.
                Some("apath=2; root=1; shared=3".to_string()),
                // Only the Domain=site.test cookie goes to the sibling host.
                Some("shared=3".to_string()),
                // Longest path first: deep (/a/deep, created last) before apath (/a); b=6 is
                // b.site.test's alone.
                Some("deep=4; apath=2; root=1; shared=3".to_string()),
            ]
        );
        let jar = client.cookie_jar().expect("jar").lock();
        assert!(jar.get("bonly", None, None).is_none());
        let b = jar.get("b", None, None).expect("b stored");
        assert_eq!((b.domain.as_str(), b.host_only), ("b.site.test", true));
        let shared = jar.get("shared", None, None).expect("shared stored");
        assert_eq!(
            (shared.domain.as_str(), shared.host_only),
            ("site.test", false)
        );
        let root = jar.get("root", None, None).expect("root stored");
        assert_eq!(
            (root.domain.as_str(), root.host_only),
            ("a.site.test", true)
        );
        assert_eq!(jar.len(), 5, "root, apath, shared, deep, b");
    })
    .await;
}

#[tokio::test]
async fn public_suffixes_are_refused_and_registrable_domains_work() {
    guard(async {
        let server = serve(vec![
            reply(
                200,
                &[
                    ("Set-Cookie", "bad=1; Domain=co.uk"),
                    ("Set-Cookie", "good=2; Domain=example.co.uk"),
                ],
            ),
            reply(200, &[]),
            reply(
                200,
                &[
                    ("Set-Cookie", "gh=1; Domain=github.io"),
                    ("Set-Cookie", "mine=2"),
                ],
            ),
            reply(200, &[]),
            reply(200, &[]),
        ])
        .await;
        let client = resolving(
            Client::builder().cookie_store(true),
            &[
                "www.example.co.uk",
                "shop.example.co.uk",
                "a.github.io",
                "b.github.io",
            ],
            80,
            server.addr(),
        )
        .build()
        .expect("client");
        let first = client
            .get("http://www.example.co.uk/")
            .send()
            .await
            .expect("send");
        assert_eq!(names(first.cookies()), ["good"], "co.uk is a public suffix");
        for url in [
            "http://shop.example.co.uk/",
            "http://a.github.io/",
            "http://b.github.io/",
            "http://a.github.io/again",
        ] {
            let response = client.get(url).send().await.expect("send");
            if url == "http://a.github.io/" {
                assert_eq!(names(response.cookies()), ["mine"], "github.io is public");
            }
        }
        let cookies: Vec<Option<String>> = server.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            cookies,
            [
                None,
                Some("good=2".to_string()),
                None,
                // Nothing from a.github.io reaches its sibling.
                None,
                Some("mine=2".to_string()),
            ]
        );
        let jar = client.cookie_jar().expect("jar").lock();
        assert!(jar.get("bad", None, None).is_none());
        assert!(jar.get("gh", None, None).is_none());
        assert_eq!(
            jar.get("good", None, None).map(|c| c.domain),
            Some("example.co.uk".to_string())
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Expiry
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn max_age_and_expires_end_cookies() {
    guard(async {
        let server = serve(vec![
            reply(
                200,
                &[
                    ("Set-Cookie", "short=1; Max-Age=1"),
                    ("Set-Cookie", "keep=2"),
                    ("Set-Cookie", "gone=3; Max-Age=3600"),
                    ("Set-Cookie", "old=4"),
                ],
            ),
            reply(200, &[]),
            reply(
                200,
                &[
                    ("Set-Cookie", "gone=x; Max-Age=0"),
                    ("Set-Cookie", "old=x; Expires=Thu, 01 Jan 1970 00:00:01 GMT"),
                ],
            ),
            reply(200, &[]),
            reply(200, &[]),
        ])
        .await;
        let client = Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let url = |path: &str| format!("http://127.0.0.1:{}{path}", server.port());
        client.get(&url("/set")).send().await.expect("set");
        client.get(&url("/check1")).send().await.expect("check1");
        let deleted = client.get(&url("/delete")).send().await.expect("delete");
        assert!(
            deleted.cookies().is_empty(),
            "deleting cookies stores nothing: {:?}",
            names(deleted.cookies())
        );
        client.get(&url("/check2")).send().await.expect("check2");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        client.get(&url("/check3")).send().await.expect("check3");
        let requests = server.requests();
        assert_eq!(
            cookie_of(&requests[1]).as_deref(),
            Some("short=1; keep=2; gone=3; old=4")
        );
        let check2 = cookie_of(&requests[3]).unwrap_or_default();
        assert!(
            !check2.contains("gone=") && !check2.contains("old="),
            "Max-Age=0 and a past Expires delete: {check2}"
        );
        assert!(check2.contains("keep=2"), "{check2}");
        assert_eq!(
            cookie_of(&requests[4]).as_deref(),
            Some("keep=2"),
            "Max-Age=1 is over after 1.5 s"
        );
        let jar = client.cookie_jar().expect("jar").lock();
        assert_eq!(jar.iter().map(|c| c.name).collect::<Vec<_>>(), ["keep"]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Secure
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn secure_cookies_come_only_from_https_and_go_only_there() {
    guard(async {
        let ca = TestCa::new();
        let tls = ScriptServer::start_tls(
            one_per_connection(vec![
                reply(
                    200,
                    &[
                        ("Set-Cookie", "sec=1; Secure; Path=/"),
                        ("Set-Cookie", "both=2; Path=/"),
                    ],
                ),
                reply(200, &[]),
            ]),
            ca.issue(&["secure.test"]),
        )
        .await;
        let plain = serve(vec![
            reply(
                200,
                &[
                    // From http a Secure cookie is refused (RFC 6265bis).
                    ("Set-Cookie", "plainsec=1; Secure"),
                    ("Set-Cookie", "plain=2"),
                ],
            ),
            reply(200, &[]),
        ])
        .await;
        let builder = Client::builder()
            .cookie_store(true)
            .use_bundled_roots(false)
            .add_root_certificate_pem(ca.ca_pem().as_bytes());
        let builder = resolving(builder, &["secure.test"], 443, tls.addr());
        let client = resolving(builder, &["secure.test"], 80, plain.addr())
            .build()
            .expect("client");

        let from_http = client
            .get("http://secure.test/")
            .send()
            .await
            .expect("http");
        assert_eq!(names(from_http.cookies()), ["plain"]);
        assert!(
            client
                .cookie_jar()
                .expect("jar")
                .lock()
                .get("plainsec", None, None)
                .is_none()
        );
        let from_https = client
            .get("https://secure.test/")
            .send()
            .await
            .expect("https");
        assert_eq!(names(from_https.cookies()), ["sec", "both"]);
        assert!(from_https.cookies()[0].secure);
        client
            .get("http://secure.test/again")
            .send()
            .await
            .expect("http again");
        client
            .get("https://secure.test/again")
            .send()
            .await
            .expect("https again");

        let plain_cookies: Vec<Option<String>> =
            plain.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            plain_cookies,
            [None, Some("plain=2; both=2".to_string())],
            "the Secure cookie stays off http"
        );
        let tls_cookies: Vec<Option<String>> =
            tls.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            tls_cookies,
            [
                Some("plain=2".to_string()),
                Some("plain=2; sec=1; both=2".to_string())
            ]
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Attributes and what a response reports
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn attributes_are_stored_and_each_hop_reports_its_own_cookies() {
    guard(async {
        let server = serve(vec![
            reply(
                302,
                &[
                    ("Location", "/next"),
                    ("Set-Cookie", "h=1; HttpOnly; SameSite=Strict"),
                ],
            ),
            reply(
                302,
                &[
                    ("Location", "/last"),
                    ("Set-Cookie", "l=2; SameSite=Lax; Path=/"),
                    ("Set-Cookie", "n=3; SameSite=None"),
                ],
            ),
            reply(
                200,
                &[
                    ("Set-Cookie", "f=4; Max-Age=600"),
                    ("Set-Cookie", "g=5; Path=/x; HttpOnly"),
                ],
            ),
        ])
        .await;
        let client = Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let response = client
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(names(response.cookies()), ["f", "g"]);
        let history = response.history();
        assert_eq!(history.len(), 2);
        assert_eq!(names(history[0].cookies()), ["h"]);
        assert_eq!(names(history[1].cookies()), ["l", "n"]);

        let h = &history[0].cookies()[0];
        assert!(h.http_only);
        assert_eq!(h.same_site, Some(SameSite::Strict));
        assert_eq!(history[1].cookies()[0].same_site, Some(SameSite::Lax));
        assert_eq!(history[1].cookies()[1].same_site, Some(SameSite::None));
        let f = &response.cookies()[0];
        assert!(f.expires.is_some() && !f.http_only && f.same_site.is_none());
        assert_eq!(response.cookies()[1].path, "/x");

        let jar = client.cookie_jar().expect("jar").lock();
        let stored = jar.get("h", Some("127.0.0.1"), None).expect("h stored");
        assert!(stored.http_only && stored.host_only);
        assert_eq!(stored.same_site, Some(SameSite::Strict));
        assert_eq!(
            jar.get("l", None, None).and_then(|c| c.same_site),
            Some(SameSite::Lax)
        );
        assert!(jar.get("g", None, Some("/x")).expect("g").http_only);
        drop(jar);
        // HttpOnly cookies are for HTTP: they are sent.
        let requests = server.requests();
        assert_eq!(cookie_of(&requests[1]).as_deref(), Some("h=1"));
        assert_eq!(cookie_of(&requests[2]).as_deref(), Some("h=1; l=2; n=3"));
    })
    .await;
}

#[tokio::test]
async fn a_response_reports_its_cookies_even_without_a_jar() {
    guard(async {
        let server = serve(vec![reply(200, &[("Set-Cookie", "x=1; HttpOnly")])]).await;
        let client = Client::new();
        assert!(client.cookie_jar().is_none());
        let response = client
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(names(response.cookies()), ["x"]);
        assert!(response.cookies()[0].http_only);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Cookies that belong to one origin
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn request_cookies_and_the_first_origins_jar_cookies_stay_on_that_origin() {
    guard(async {
        let a = serve(vec![
            reply(302, &[("Location", "/again"), ("Set-Cookie", "fromA=1")]),
            reply(302, &[("Location", "http://b.test/")]),
            reply(200, &[]),
        ])
        .await;
        let b = serve(vec![reply(302, &[("Location", "http://a.test/back")])]).await;
        let builder = resolving(
            Client::builder().cookie_store(true),
            &["a.test"],
            80,
            a.addr(),
        );
        let client = resolving(builder, &["b.test"], 80, b.addr())
            .build()
            .expect("client");
        let response = client
            .get("http://a.test/")
            .cookie("own", "v")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.url().as_str(), "http://a.test/back");
        let a_cookies: Vec<Option<String>> = a.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            a_cookies,
            [
                Some("own=v".to_string()),
                // The jar's first, then the request's own.
                Some("fromA=1; own=v".to_string()),
                Some("fromA=1; own=v".to_string()),
            ]
        );
        let b_requests = b.requests();
        assert_eq!(b_requests.len(), 1);
        assert_eq!(
            cookie_of(&b_requests[0]),
            None,
            "nothing of a.test's goes to b.test"
        );
        // The request's own cookie never entered the jar.
        let jar = client.cookie_jar().expect("jar").lock();
        assert!(jar.get("own", None, None).is_none());
    })
    .await;
}

#[tokio::test]
async fn a_cookie_header_set_by_the_caller_is_dropped_across_origins() {
    guard(async {
        let a = serve(vec![
            reply(302, &[("Location", "/same"), ("Set-Cookie", "jar=1")]),
            reply(302, &[("Location", "http://b.test/")]),
        ])
        .await;
        let b = serve(vec![reply(200, &[])]).await;
        let builder = resolving(
            Client::builder().cookie_store(true),
            &["a.test"],
            80,
            a.addr(),
        );
        let client = resolving(builder, &["b.test"], 80, b.addr())
            .build()
            .expect("client");
        let response = client
            .get("http://a.test/")
            .header("Cookie", "mine=1")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        let a_cookies: Vec<Option<String>> = a.requests().iter().map(|r| cookie_of(r)).collect();
        // The caller's header wins over the jar on its own origin.
        assert_eq!(
            a_cookies,
            [Some("mine=1".to_string()), Some("mine=1".to_string())]
        );
        assert_eq!(cookie_of(&b.requests()[0]), None);
    })
    .await;
}

#[tokio::test]
async fn store_cookies_false_reads_the_jar_but_leaves_it_untouched() {
    guard(async {
        let server = serve(vec![
            reply(302, &[("Location", "/next"), ("Set-Cookie", "hop=1")]),
            reply(200, &[("Set-Cookie", "last=2")]),
            reply(200, &[("Set-Cookie", "stored=3")]),
        ])
        .await;
        let jar = CookieJar::new();
        jar.lock()
            .insert("pre", "0", "127.0.0.1", "/", false)
            .expect("insert");
        let client = Client::builder()
            .cookie_jar(jar.clone())
            .build()
            .expect("client");
        let url = format!("http://127.0.0.1:{}/", server.port());
        let response = client
            .get(&url)
            .store_cookies(false)
            .send()
            .await
            .expect("send");
        // Reported, not stored.
        assert_eq!(names(response.cookies()), ["last"]);
        assert_eq!(names(response.history()[0].cookies()), ["hop"]);
        assert_eq!(
            jar.lock().iter().map(|c| c.name).collect::<Vec<_>>(),
            ["pre"]
        );
        // Storing is back on for the next request.
        client.get(&url).send().await.expect("send");
        assert_eq!(
            jar.lock().iter().map(|c| c.name).collect::<Vec<_>>(),
            ["pre", "stored"]
        );
        let cookies: Vec<Option<String>> = server.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(
            cookies,
            [
                Some("pre=0".to_string()),
                // hop=1 was not stored, so the next hop does not send it.
                Some("pre=0".to_string()),
                Some("pre=0".to_string()),
            ]
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// HTTP/2 cookie fields, as browsers lay them out
// ---------------------------------------------------------------------------------------------

/// The header names of the live browser's navigation request that carried cookies
/// (`navigation-cookies-referer`), in wire order, pseudo-headers left out.
fn live_navigation_names(file: &str) -> Vec<String> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("capture file")).expect("json");
    let request = truth["protocols"]["h2"]["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .find(|r| r["request"] == "navigation-cookies-referer")
        .expect("the navigation with cookies");
    request["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| h[0].as_str().expect("name").to_string())
        .filter(|n| !n.starts_with(':'))
        .collect()
}

/// The names right before and after the run of `cookie` fields in `names`.
fn cookie_neighbours(names: &[String]) -> (Option<String>, Option<String>) {
    let first = names
        .iter()
        .position(|n| n == "cookie")
        .expect("a cookie field");
    let last = names
        .iter()
        .rposition(|n| n == "cookie")
        .expect("a cookie field");
    assert!(
        names[first..=last].iter().all(|n| n == "cookie"),
        "cookie fields are not together: {names:?}"
    );
    (
        first.checked_sub(1).map(|i| names[i].clone()),
        names.get(last + 1).cloned(),
    )
}

async fn check_h2_cookie_layout(profile: &str, live: &str) {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let jar = CookieJar::new();
    {
        let mut jar = jar.lock();
        jar.insert("root", "1", "fp.test", "/", false)
            .expect("insert");
        jar.insert("deep", "2", "fp.test", "/page", false)
            .expect("insert");
    }
    let client = Client::builder()
        .impersonate(profile)
        .cookie_jar(jar)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr())
        .build()
        .expect("client");
    let response = client
        .get(&format!("https://fp.test:{}/page/x", server.port()))
        // A navigation from a page, as the live capture's: Referer is the cookies' neighbour
        // in Firefox's order.
        .referer(&format!("https://fp.test:{}/page/cookies", server.port()))
        .send()
        .await
        .expect("send");
    assert_eq!(response.version(), mummer::Version::HTTP_2);
    response.bytes().await.expect("body");
    let captures = server.captures();
    let request = captures[0].h2_request().expect("an HTTP/2 request");
    let cookies: Vec<&str> = request
        .headers()
        .into_iter()
        .filter(|(n, _)| *n == "cookie")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(
        cookies,
        ["deep=2", "root=1"],
        "one field per pair, longer path first"
    );
    let ours: Vec<String> = request
        .header_order()
        .into_iter()
        .map(str::to_string)
        .filter(|n| !n.starts_with(':'))
        .collect();
    let live: Vec<String> = live_navigation_names(live)
        .into_iter()
        .filter(|n| ours.contains(n))
        .collect();
    assert_eq!(
        cookie_neighbours(&ours),
        cookie_neighbours(&live),
        "cookie fields where the browser puts them\n ours: {ours:?}\n live: {live:?}"
    );
}

#[tokio::test]
async fn chrome_sends_one_cookie_field_per_pair_where_chromium_does() {
    guard(check_h2_cookie_layout(
        "chrome",
        "live-chromium-156-pages.json",
    ))
    .await;
}

#[tokio::test]
async fn firefox_sends_one_cookie_field_per_pair_where_firefox_does() {
    guard(check_h2_cookie_layout(
        "firefox",
        "live-firefox-esr-153-pages.json",
    ))
    .await;
}

#[tokio::test]
async fn a_cookie_set_by_a_retried_response_goes_with_the_retry() {
    guard(async {
        let server = serve(vec![
            reply(503, &[("Set-Cookie", "challenge=passed")]),
            reply(200, &[]),
        ])
        .await;
        let client = Client::builder()
            .cookie_store(true)
            .retry(mummer::Retry::new(1).delay(Duration::from_millis(10)))
            .build()
            .expect("client");
        let response = client
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!((response.status().as_u16(), response.retries()), (200, 1));
        let cookies: Vec<Option<String>> = server.requests().iter().map(|r| cookie_of(r)).collect();
        assert_eq!(cookies, [None, Some("challenge=passed".to_string())]);
    })
    .await;
}

#[tokio::test]
async fn http2_responses_store_every_set_cookie() {
    guard(async {
        let ca = TestCa::new();
        let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
        let client = Client::builder()
            .cookie_store(true)
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("fp.test", server.port(), server.addr())
            .build()
            .expect("client");
        // The capture server's cookie page sets six cookies (see mummer_testkit::capture).
        let response = client
            .get(&format!("https://fp.test:{}/page/cookies", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.version(), mummer::Version::HTTP_2);
        assert_eq!(
            names(response.cookies()),
            ["root", "page", "deep", "secret", "aged", "wide"]
        );
        response.bytes().await.expect("body");
        client
            .get(&format!("https://fp.test:{}/page/next/x", server.port()))
            .send()
            .await
            .expect("send")
            .bytes()
            .await
            .expect("body");
        let captures = server.captures();
        let request = captures[1].h2_request().expect("HTTP/2");
        let cookie: Vec<&str> = request
            .headers()
            .into_iter()
            .filter(|(n, _)| *n == "cookie")
            .map(|(_, v)| v)
            .collect();
        // Without a profile one field, in RFC 6265 order: as the live browsers' pairs.
        assert_eq!(cookie, ["deep=3; page=2; root=1; secret=4; aged=5; wide=6"]);
    })
    .await;
}
