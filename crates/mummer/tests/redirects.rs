//! Redirects through the client: the history a response keeps, how method and body change per
//! status, limits and bad Locations, Referer under strict-origin-when-cross-origin, safe mode
//! against private targets, credentials that stay with their origin, and draining a redirect's
//! body so that its HTTP/1.1 connection can be reused.
//!
//! Servers answer one request per connection (`Connection: close`) unless a test is about
//! connection reuse, so the i-th request a server records is its i-th hop. URLs use default
//! ports `.resolve`d to the test servers, so that a canned Location can name another host.

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use mummer::{
    Body, Client, ClientBuilder, Kind, Method, RedirectError, RedirectPolicy, StatusCode,
};
use mummer_testkit::{CaptureServer, ScriptServer, Step, TestCa, response_with_length};

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// A reply that closes its connection.
fn reply(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut all = vec![("Connection", "close")];
    all.extend_from_slice(headers);
    response_with_length(status, b"", &all)
}

fn redirect(status: u16, location: &str) -> Vec<u8> {
    reply(status, &[("Location", location)])
}

fn one_per_connection(replies: Vec<Vec<u8>>) -> Vec<Vec<Step>> {
    replies
        .into_iter()
        .map(|r| vec![Step::ReadRequest, Step::Write(r), Step::Close])
        .collect()
}

async fn serve(replies: Vec<Vec<u8>>) -> ScriptServer {
    ScriptServer::start(one_per_connection(replies)).await
}

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

/// The head of a raw request as text, and its body bytes.
fn split(raw: &[u8]) -> (String, &[u8]) {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head")
        + 4;
    (
        String::from_utf8_lossy(&raw[..end]).into_owned(),
        &raw[end..],
    )
}

fn request_line(raw: &[u8]) -> String {
    split(raw)
        .0
        .split("\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn header_values(raw: &[u8], name: &str) -> Vec<String> {
    split(raw)
        .0
        .split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

fn header(raw: &[u8], name: &str) -> Option<String> {
    let mut values = header_values(raw, name);
    assert!(values.len() <= 1, "more than one {name}: {values:?}");
    values.pop()
}

async fn guard<T>(test: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .expect("test did not finish within 20 s (hang?)")
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn history_lists_every_hop_with_its_url_status_and_headers() {
    guard(async {
        let server = serve(vec![
            reply(301, &[("Location", "/two?x=1"), ("X-Hop", "one")]),
            reply(
                302,
                &[("Location", "http://other.test/three"), ("X-Hop", "two")],
            ),
            redirect(307, "/four"),
            redirect(308, "http://hist.test/five#frag"),
            reply(200, &[("X-Hop", "final")]),
        ])
        .await;
        let client = resolving(
            Client::builder(),
            &["hist.test", "other.test"],
            80,
            server.addr(),
        )
        .build()
        .expect("client");
        let response = client
            .get("http://hist.test/one")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.redirect_count(), 4);
        assert_eq!(response.url().as_str(), "http://hist.test/five#frag");
        assert_eq!(response.headers()["x-hop"], "final");
        let hops: Vec<(String, u16, String)> = response
            .history()
            .iter()
            .map(|h| {
                (
                    h.url().to_string(),
                    h.status().as_u16(),
                    h.headers()["location"].to_str().expect("ascii").to_string(),
                )
            })
            .collect();
        assert_eq!(
            hops,
            [
                ("http://hist.test/one".into(), 301, "/two?x=1".into()),
                (
                    "http://hist.test/two?x=1".into(),
                    302,
                    "http://other.test/three".into()
                ),
                ("http://other.test/three".into(), 307, "/four".into()),
                (
                    "http://other.test/four".into(),
                    308,
                    "http://hist.test/five#frag".into()
                ),
            ]
        );
        let history = response.history();
        assert_eq!(history[0].headers()["x-hop"], "one");
        assert_eq!(history[1].headers()["x-hop"], "two");
        assert_eq!(history[0].reason(), "Moved Permanently");
        assert!(
            history
                .iter()
                .all(|h| h.version() == mummer::Version::HTTP_11)
        );
        // The fragment is the client's: never on the wire.
        let lines: Vec<String> = server.requests().iter().map(|r| request_line(r)).collect();
        assert_eq!(
            lines,
            [
                "GET /one HTTP/1.1",
                "GET /two?x=1 HTTP/1.1",
                "GET /three HTTP/1.1",
                "GET /four HTTP/1.1",
                "GET /five HTTP/1.1",
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn a_response_without_redirects_has_an_empty_history() {
    guard(async {
        let server = serve(vec![reply(200, &[])]).await;
        let url = format!("http://127.0.0.1:{}/only", server.port());
        let response = Client::new().get(&url).send().await.expect("send");
        assert_eq!(response.redirect_count(), 0);
        assert!(response.history().is_empty());
        assert_eq!(response.url().as_str(), url);
    })
    .await;
}

#[tokio::test]
async fn a_3xx_is_the_response_when_redirects_are_off() {
    guard(async {
        let server = serve(vec![redirect(302, "/elsewhere")]).await;
        let client = Client::builder().max_redirects(0).build().expect("client");
        let response = client
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(response.headers()["location"], "/elsewhere");
        assert_eq!(server.requests().len(), 1);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Method and body per status
// ---------------------------------------------------------------------------------------------

const PAYLOAD: &[u8] = b"payload\x00\xff\r\n\r\nbytes";

/// POSTs PAYLOAD to a server that answers `status`, and returns what the next hop received.
async fn after(method: Method, status: u16) -> Vec<u8> {
    let server = serve(vec![redirect(status, "/next"), reply(200, &[])]).await;
    let response = Client::new()
        .request(method, &format!("http://127.0.0.1:{}/first", server.port()))
        .header("Content-Type", "application/octet-stream")
        .body(Bytes::from_static(PAYLOAD))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let (_, body) = split(&requests[0]);
    assert_eq!(body, PAYLOAD, "the first request carries the body");
    requests[1].clone()
}

#[tokio::test]
async fn post_becomes_get_without_body_after_301_302_and_303() {
    guard(async {
        for status in [301, 302, 303] {
            let next = after(Method::POST, status).await;
            assert_eq!(request_line(&next), "GET /next HTTP/1.1", "after {status}");
            assert_eq!(header(&next, "content-length"), None, "after {status}");
            assert_eq!(header(&next, "content-type"), None, "after {status}");
            assert_eq!(header(&next, "transfer-encoding"), None, "after {status}");
            assert!(split(&next).1.is_empty(), "after {status}");
        }
    })
    .await;
}

#[tokio::test]
async fn see_other_turns_any_method_into_get_and_301_keeps_put() {
    guard(async {
        let next = after(Method::PUT, 303).await;
        assert_eq!(request_line(&next), "GET /next HTTP/1.1");
        assert!(split(&next).1.is_empty());
        // 301/302 change only POST, as browsers do.
        let next = after(Method::PUT, 301).await;
        assert_eq!(request_line(&next), "PUT /next HTTP/1.1");
        assert_eq!(split(&next).1, PAYLOAD);
    })
    .await;
}

#[tokio::test]
async fn temporary_and_permanent_redirects_send_method_and_body_again_byte_exact() {
    guard(async {
        for status in [307, 308] {
            let next = after(Method::POST, status).await;
            assert_eq!(request_line(&next), "POST /next HTTP/1.1", "after {status}");
            assert_eq!(
                header(&next, "content-length"),
                Some(PAYLOAD.len().to_string()),
                "after {status}"
            );
            assert_eq!(
                header(&next, "content-type").as_deref(),
                Some("application/octet-stream")
            );
            assert_eq!(split(&next).1, PAYLOAD, "after {status}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_streamed_body_cannot_follow_a_307() {
    guard(async {
        let server = serve(vec![redirect(307, "/next"), reply(200, &[])]).await;
        let pieces: Vec<std::io::Result<Bytes>> = vec![Ok(Bytes::from_static(b"once"))];
        let err = Client::new()
            .post(&format!("http://127.0.0.1:{}/", server.port()))
            .body(Body::wrap_stream(futures_util::stream::iter(pieces)))
            .send()
            .await
            .expect_err("a consumed stream cannot be sent again");
        assert_eq!(err.kind(), &Kind::NotReplayable, "{err:?}");
        assert_eq!(server.requests().len(), 1, "nothing was sent to /next");
        // A 303 needs no body, so the same stream is fine there.
        let server = serve(vec![redirect(303, "/next"), reply(200, &[])]).await;
        let pieces: Vec<std::io::Result<Bytes>> = vec![Ok(Bytes::from_static(b"once"))];
        let response = Client::new()
            .post(&format!("http://127.0.0.1:{}/", server.port()))
            .body(Body::wrap_stream(futures_util::stream::iter(pieces)))
            .send()
            .await
            .expect("303 drops the body");
        assert_eq!(response.status(), 200);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Limits and bad Locations
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_redirect_limit_is_followed_exactly() {
    guard(async {
        let chain = || {
            vec![
                redirect(302, "/1"),
                redirect(302, "/2"),
                redirect(302, "/3"),
                reply(200, &[]),
            ]
        };
        let server = serve(chain()).await;
        let url = format!("http://127.0.0.1:{}/0", server.port());
        let response = Client::builder()
            .max_redirects(3)
            .build()
            .expect("client")
            .get(&url)
            .send()
            .await
            .expect("three redirects are within a limit of three");
        assert_eq!(response.redirect_count(), 3);

        let server = serve(chain()).await;
        let url = format!("http://127.0.0.1:{}/0", server.port());
        let err = Client::builder()
            .max_redirects(2)
            .build()
            .expect("client")
            .get(&url)
            .send()
            .await
            .expect_err("a third redirect is one too many");
        assert_eq!(err.kind(), &Kind::TooManyRedirects { max: 2 }, "{err:?}");
        assert!(err.is_redirect());
        assert_eq!(
            server.requests().len(),
            3,
            "the third Location is not fetched"
        );
        // Per request too.
        let server = serve(chain()).await;
        let err = Client::new()
            .get(&format!("http://127.0.0.1:{}/0", server.port()))
            .max_redirects(1)
            .send()
            .await
            .expect_err("limit 1");
        assert_eq!(err.kind(), &Kind::TooManyRedirects { max: 1 });
    })
    .await;
}

#[tokio::test]
async fn a_redirect_loop_ends_at_the_limit() {
    guard(async {
        // Every connection gets the last script: an endless loop.
        let server = ScriptServer::start(one_per_connection(vec![redirect(302, "/loop")])).await;
        let err = Client::new()
            .get(&format!("http://127.0.0.1:{}/loop", server.port()))
            .send()
            .await
            .expect_err("loop");
        assert_eq!(err.kind(), &Kind::TooManyRedirects { max: 10 }, "{err:?}");
        assert_eq!(server.requests().len(), 11);
    })
    .await;
}

#[tokio::test]
async fn bad_and_unsupported_locations_are_redirect_errors() {
    guard(async {
        for (location, want) in [
            ("http://[::1", RedirectError::BadLocation),
            ("http://", RedirectError::BadLocation),
            ("ftp://files.test/x", RedirectError::UnsupportedScheme),
            ("file:///etc/passwd", RedirectError::UnsupportedScheme),
        ] {
            let server = serve(vec![redirect(302, location)]).await;
            let err = Client::new()
                .get(&format!("http://127.0.0.1:{}/", server.port()))
                .send()
                .await
                .expect_err(location);
            assert_eq!(err.kind(), &Kind::Redirect(want), "{location}: {err:?}");
            assert!(err.is_redirect());
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Referer
// ---------------------------------------------------------------------------------------------

/// Two TLS names (origin.test, other.test) on one scripted server and a plain one for
/// origin.test over http: replies for the TLS connections in order, and for the plain ones.
struct RefererSetup {
    tls: ScriptServer,
    plain: ScriptServer,
    client: Client,
}

async fn referer_setup(tls_replies: Vec<Vec<u8>>, plain_replies: Vec<Vec<u8>>) -> RefererSetup {
    let ca = TestCa::new();
    let tls = ScriptServer::start_tls(
        one_per_connection(tls_replies),
        ca.issue(&["origin.test", "other.test"]),
    )
    .await;
    let plain = serve(plain_replies).await;
    let builder = Client::builder()
        .use_bundled_roots(false)
        .add_root_certificate_pem(ca.ca_pem().as_bytes());
    let builder = resolving(builder, &["origin.test", "other.test"], 443, tls.addr());
    let client = resolving(builder, &["origin.test"], 80, plain.addr())
        .build()
        .expect("client");
    RefererSetup { tls, plain, client }
}

#[tokio::test]
async fn referer_follows_strict_origin_when_cross_origin_on_every_hop() {
    guard(async {
        let setup = referer_setup(
            vec![
                redirect(302, "https://other.test/cross"),
                redirect(302, "https://origin.test/again"),
                redirect(302, "http://origin.test/plain"),
            ],
            vec![reply(200, &[])],
        )
        .await;
        let response = setup
            .client
            .get("https://origin.test/first")
            .referer("https://user:pw@origin.test/page?q=1#top")
            .send()
            .await
            .expect("send");
        assert_eq!(response.redirect_count(), 3);
        let tls: Vec<Option<String>> = setup
            .tls
            .requests()
            .iter()
            .map(|r| header(r, "referer"))
            .collect();
        assert_eq!(
            tls,
            [
                // Same origin: the whole URL, without credentials and fragment.
                Some("https://origin.test/page?q=1".to_string()),
                // Cross origin: the origin only.
                Some("https://origin.test/".to_string()),
                Some("https://origin.test/page?q=1".to_string()),
            ]
        );
        // https to http: none.
        assert_eq!(header(&setup.plain.requests()[0], "referer"), None);
    })
    .await;
}

#[tokio::test]
async fn without_a_referer_none_is_sent_on_any_hop() {
    guard(async {
        let setup = referer_setup(
            vec![
                redirect(302, "/two"),
                redirect(302, "https://other.test/three"),
                reply(200, &[]),
            ],
            vec![],
        )
        .await;
        let response = setup
            .client
            .get("https://origin.test/one")
            .send()
            .await
            .expect("send");
        assert_eq!(response.redirect_count(), 2);
        let requests = setup.tls.requests();
        assert_eq!(requests.len(), 3);
        for r in &requests {
            assert_eq!(header(r, "referer"), None, "{}", request_line(r));
        }
    })
    .await;
}

#[tokio::test]
async fn auto_referer_sends_the_previous_hop_under_the_same_policy() {
    guard(async {
        let setup = referer_setup(
            vec![
                redirect(302, "/two?x=1"),
                redirect(302, "https://other.test/three"),
                redirect(302, "http://origin.test/four"),
            ],
            vec![reply(200, &[])],
        )
        .await;
        let response = setup
            .client
            .get("https://origin.test/one?q=1")
            .auto_referer(true)
            .send()
            .await
            .expect("send");
        assert_eq!(response.redirect_count(), 3);
        let tls: Vec<Option<String>> = setup
            .tls
            .requests()
            .iter()
            .map(|r| header(r, "referer"))
            .collect();
        assert_eq!(
            tls,
            [
                None,
                Some("https://origin.test/one?q=1".to_string()),
                Some("https://origin.test/".to_string()),
            ]
        );
        assert_eq!(header(&setup.plain.requests()[0], "referer"), None);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Safe mode
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn safe_mode_refuses_a_redirect_to_a_loopback_literal() {
    guard(async {
        let target = serve(vec![reply(200, &[])]).await;
        let location = format!("http://127.0.0.1:{}/", target.port());
        let first = serve(vec![redirect(302, &location)]).await;
        let client = Client::builder()
            .redirect(RedirectPolicy::safe(10))
            .build()
            .expect("client");
        let err = client
            .get(&format!("http://127.0.0.1:{}/", first.port()))
            .send()
            .await
            .expect_err("unsafe");
        assert_eq!(
            err.kind(),
            &Kind::Redirect(RedirectError::UnsafeTarget),
            "{err:?}"
        );
        assert_eq!(
            first.requests().len(),
            1,
            "the first request itself is allowed"
        );
        assert_eq!(target.connections(), 0, "nothing was sent to the target");
        // The same redirect without safe mode is followed: the refusal is safe mode's.
        let first = serve(vec![redirect(302, &location)]).await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", first.port()))
            .send()
            .await
            .expect("followed without safe mode");
        assert_eq!(response.status(), 200);
        assert_eq!(target.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn safe_mode_refuses_a_name_that_resolves_to_loopback() {
    guard(async {
        let target = serve(vec![reply(200, &[])]).await;
        let first = serve(vec![redirect(302, "http://rebind.test/")]).await;
        let client = Client::builder()
            .redirect(RedirectPolicy::safe(10))
            .resolve("rebind.test", 80, target.addr())
            .build()
            .expect("client");
        let err = client
            .get(&format!("http://127.0.0.1:{}/", first.port()))
            .send()
            .await
            .expect_err("unsafe");
        assert_eq!(
            err.kind(),
            &Kind::Redirect(RedirectError::UnsafeTarget),
            "{err:?}"
        );
        assert_eq!(target.connections(), 0);
        // A first request to that name is the caller's choice: allowed.
        let response = client
            .get("http://rebind.test/")
            .send()
            .await
            .expect("first request");
        assert_eq!(response.status(), 200);
        assert_eq!(target.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn safe_mode_refuses_even_a_pooled_connection_to_a_private_target() {
    guard(async {
        // One keep-alive connection: the first request leaves it in the pool, then a redirect
        // from elsewhere leads to the same origin.
        let target = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(response_with_length(200, b"ok", &[])),
            Step::ReadRequest,
            Step::Write(response_with_length(200, b"ok", &[])),
        ]])
        .await;
        let first = serve(vec![redirect(302, "http://rebind.test/")]).await;
        let client = Client::builder()
            .redirect(RedirectPolicy::safe(10))
            .resolve("rebind.test", 80, target.addr())
            .build()
            .expect("client");
        let body = client
            .get("http://rebind.test/")
            .send()
            .await
            .expect("first request")
            .bytes()
            .await
            .expect("body");
        assert_eq!(&body[..], b"ok");
        assert_eq!(client.idle_connections(), 1);
        let err = client
            .get(&format!("http://127.0.0.1:{}/", first.port()))
            .send()
            .await
            .expect_err("unsafe");
        assert_eq!(err.kind(), &Kind::Redirect(RedirectError::UnsafeTarget));
        assert_eq!(
            target.requests().len(),
            1,
            "the pooled connection carried nothing"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

const USER_PASS: &str = "Basic dXNlcjpwYXNz"; // user:pass
const USER_SECRET: &str = "Basic dXNlcjpzZWNyZXQ="; // user:secret

/// a.test/ -> a.test/same -> b.test/ : what Authorization each hop received.
async fn credentials_chain(url: &str, basic: Option<(&str, &str)>) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let a = serve(vec![
        redirect(302, "/same"),
        redirect(302, "http://b.test/"),
    ])
    .await;
    let b = serve(vec![reply(200, &[])]).await;
    let builder = resolving(Client::builder(), &["a.test"], 80, a.addr());
    let client = resolving(builder, &["b.test"], 80, b.addr())
        .build()
        .expect("client");
    let mut request = client.get(url);
    if let Some((user, password)) = basic {
        request = request.basic_auth(user, Some(password));
    }
    let response = request.send().await.expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(response.redirect_count(), 2);
    (a.requests(), b.requests())
}

#[tokio::test]
async fn basic_auth_goes_to_the_first_origin_only() {
    guard(async {
        let (a, b) = credentials_chain("http://a.test/", Some(("user", "pass"))).await;
        let auth: Vec<Option<String>> = a.iter().map(|r| header(r, "authorization")).collect();
        assert_eq!(
            auth,
            [Some(USER_PASS.to_string()), Some(USER_PASS.to_string())]
        );
        assert_eq!(header(&b[0], "authorization"), None);
    })
    .await;
}

#[tokio::test]
async fn url_credentials_become_basic_for_their_origin_only() {
    guard(async {
        let (a, b) = credentials_chain("http://user:secret@a.test/", None).await;
        let auth: Vec<Option<String>> = a.iter().map(|r| header(r, "authorization")).collect();
        assert_eq!(
            auth,
            [Some(USER_SECRET.to_string()), Some(USER_SECRET.to_string())]
        );
        for r in &a {
            assert_eq!(header(r, "host").as_deref(), Some("a.test"));
            assert!(!split(r).0.contains("secret"), "{}", split(r).0);
        }
        assert_eq!(header(&b[0], "authorization"), None);
    })
    .await;
}

#[tokio::test]
async fn a_caller_set_authorization_header_is_dropped_across_origins() {
    guard(async {
        let a = serve(vec![
            redirect(302, "/same"),
            redirect(302, "http://b.test/"),
        ])
        .await;
        let b = serve(vec![reply(200, &[])]).await;
        let builder = resolving(Client::builder(), &["a.test"], 80, a.addr());
        let client = resolving(builder, &["b.test"], 80, b.addr())
            .build()
            .expect("client");
        client
            .get("http://a.test/")
            .header("Authorization", "Bearer token")
            .send()
            .await
            .expect("send");
        let auth: Vec<Option<String>> = a
            .requests()
            .iter()
            .map(|r| header(r, "authorization"))
            .collect();
        assert_eq!(
            auth,
            [
                Some("Bearer token".to_string()),
                Some("Bearer token".to_string())
            ]
        );
        assert_eq!(header(&b.requests()[0], "authorization"), None);
    })
    .await;
}

/// http://a.test (plain) and https://a.test (TLS), both on their default ports.
async fn scheme_pair(
    plain_replies: Vec<Vec<u8>>,
    tls_replies: Vec<Vec<u8>>,
) -> (ScriptServer, ScriptServer, Client) {
    let ca = TestCa::new();
    let tls = ScriptServer::start_tls(one_per_connection(tls_replies), ca.issue(&["a.test"])).await;
    let plain = serve(plain_replies).await;
    let builder = Client::builder()
        .use_bundled_roots(false)
        .add_root_certificate_pem(ca.ca_pem().as_bytes());
    let builder = resolving(builder, &["a.test"], 443, tls.addr());
    let client = resolving(builder, &["a.test"], 80, plain.addr())
        .build()
        .expect("client");
    (plain, tls, client)
}

#[tokio::test]
async fn credentials_survive_an_upgrade_to_https_but_not_a_downgrade_to_http() {
    guard(async {
        let (plain, tls, client) = scheme_pair(
            vec![redirect(302, "https://a.test/secure"), reply(200, &[])],
            vec![reply(200, &[]), redirect(302, "http://a.test/plain")],
        )
        .await;
        // http://a.test -> https://a.test, same host and default ports: kept (as requests).
        let response = client
            .get("http://a.test/")
            .basic_auth("user", Some("pass"))
            .send()
            .await
            .expect("upgrade");
        assert_eq!(response.url().as_str(), "https://a.test/secure");
        assert_eq!(
            header(&plain.requests()[0], "authorization").as_deref(),
            Some(USER_PASS)
        );
        assert_eq!(
            header(&tls.requests()[0], "authorization").as_deref(),
            Some(USER_PASS)
        );
        // https://a.test -> http://a.test: the credentials would travel in clear text.
        let response = client
            .get("https://a.test/")
            .basic_auth("user", Some("pass"))
            .send()
            .await
            .expect("downgrade");
        assert_eq!(response.url().as_str(), "http://a.test/plain");
        assert_eq!(
            header(&tls.requests()[1], "authorization").as_deref(),
            Some(USER_PASS)
        );
        assert_eq!(header(&plain.requests()[1], "authorization"), None);
    })
    .await;
}

async fn capture_with_userinfo(http1: bool) -> mummer_testkit::Capture {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let mut builder = Client::builder().danger_accept_invalid_certs(true);
    if http1 {
        builder = builder.http1_only();
    }
    let response = builder
        .build()
        .expect("client")
        .get(&format!("https://user:secret@127.0.0.1:{}/", server.port()))
        .send()
        .await
        .expect("send");
    let want = if http1 {
        mummer::Version::HTTP_11
    } else {
        mummer::Version::HTTP_2
    };
    assert_eq!(response.version(), want);
    assert_eq!(
        response.url().as_str(),
        format!("https://127.0.0.1:{}/", server.port())
    );
    response.bytes().await.expect("body");
    let mut captures = server.captures();
    assert_eq!(captures.len(), 1);
    captures.remove(0)
}

#[tokio::test]
async fn http2_authority_has_no_userinfo_and_basic_is_sent() {
    guard(async {
        let capture = capture_with_userinfo(false).await;
        let request = capture.h2_request().expect("HTTP/2 request");
        let authority = request
            .fields
            .iter()
            .find(|f| f.name == ":authority")
            .map(|f| f.value.clone())
            .expect(":authority");
        assert!(authority.starts_with("127.0.0.1:"), "{authority}");
        assert!(
            !authority.contains('@') && !authority.contains("secret"),
            "{authority}"
        );
        assert!(
            request.fields.iter().all(|f| !f.value.contains("secret")),
            "the password appears only base64-encoded in Authorization"
        );
        let auth: Vec<&str> = request
            .headers()
            .into_iter()
            .filter(|(n, _)| *n == "authorization")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(auth, [USER_SECRET]);
        assert_eq!(capture.target(), Some("/"));
    })
    .await;
}

#[tokio::test]
async fn http1_host_has_no_userinfo_and_basic_is_sent() {
    guard(async {
        let capture = capture_with_userinfo(true).await;
        let h1 = capture.h1.expect("HTTP/1.1 request");
        let host = h1.header("Host").expect("Host");
        assert!(
            host.starts_with("127.0.0.1:") && !host.contains('@'),
            "{host}"
        );
        assert_eq!(h1.header("Authorization"), Some(USER_SECRET));
        assert_eq!(h1.target, "/");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Draining a redirect's body
// ---------------------------------------------------------------------------------------------

fn redirect_with_body(len: usize) -> Vec<u8> {
    response_with_length(302, &vec![b'r'; len], &[("Location", "/next")])
}

#[tokio::test]
async fn a_small_redirect_body_is_drained_and_the_connection_reused() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(redirect_with_body(1024)),
            Step::ReadRequest,
            Step::Write(response_with_length(200, b"done", &[])),
        ]])
        .await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(&response.bytes().await.expect("body")[..], b"done");
        assert_eq!(server.requests().len(), 2);
        assert_eq!(
            server.connections(),
            1,
            "the redirect's connection carried the next hop"
        );
    })
    .await;
}

#[tokio::test]
async fn a_large_redirect_body_is_not_drained_and_a_new_connection_is_made() {
    guard(async {
        let server = ScriptServer::start(vec![
            // The 1 MiB body is more than is worth reading: the client drops the connection,
            // which ends this write with an error and the script with it.
            vec![Step::ReadRequest, Step::Write(redirect_with_body(1 << 20))],
            vec![
                Step::ReadRequest,
                Step::Write(response_with_length(200, b"done", &[])),
            ],
        ])
        .await;
        let started = std::time::Instant::now();
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(&response.bytes().await.expect("body")[..], b"done");
        assert_eq!(server.connections(), 2);
        let lines: Vec<String> = server.requests().iter().map(|r| request_line(r)).collect();
        assert_eq!(lines, ["GET / HTTP/1.1", "GET /next HTTP/1.1"]);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn a_chunked_redirect_body_is_drained_too() {
    guard(async {
        let mut redirect =
            b"HTTP/1.1 302 Found\r\nLocation: /next\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        redirect.extend_from_slice(&mummer_testkit::chunked(&[&[b'r'; 700], &[b's'; 300]]));
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(redirect),
            Step::ReadRequest,
            Step::Write(response_with_length(200, b"done", &[])),
        ]])
        .await;
        let response = Client::new()
            .get(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(&response.bytes().await.expect("body")[..], b"done");
        assert_eq!(server.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_redirect_to_a_head_request_has_no_body_to_wait_for() {
    guard(async {
        // The Content-Length of a HEAD response describes a body that is never sent.
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            Step::Write(
                b"HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 1000\r\n\r\n".to_vec(),
            ),
            Step::ReadRequest,
            Step::Write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n".to_vec()),
        ]])
        .await;
        let started = std::time::Instant::now();
        let response = Client::new()
            .head(&format!("http://127.0.0.1:{}/", server.port()))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 200);
        assert!(response.bytes().await.expect("no body").is_empty());
        let lines: Vec<String> = server.requests().iter().map(|r| request_line(r)).collect();
        assert_eq!(lines, ["HEAD / HTTP/1.1", "HEAD /next HTTP/1.1"]);
        assert_eq!(server.connections(), 1);
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn credentials_in_a_location_apply_to_that_hop_only_when_none_were_given() {
    guard(async {
        let a = serve(vec![redirect(302, "http://user:secret@b.test/")]).await;
        let b = serve(vec![redirect(302, "/same"), reply(200, &[])]).await;
        let builder = resolving(Client::builder(), &["a.test"], 80, a.addr());
        let client = resolving(builder, &["b.test"], 80, b.addr())
            .build()
            .expect("client");
        let response = client.get("http://a.test/").send().await.expect("send");
        assert_eq!(response.url().as_str(), "http://b.test/same");
        assert_eq!(header(&a.requests()[0], "authorization"), None);
        let auth: Vec<Option<String>> = b
            .requests()
            .iter()
            .map(|r| header(r, "authorization"))
            .collect();
        assert_eq!(
            auth,
            [Some(USER_SECRET.to_string()), Some(USER_SECRET.to_string())]
        );
        for r in b.requests() {
            assert_eq!(header(&r, "host").as_deref(), Some("b.test"));
        }

        // With credentials of the caller's own, a Location's do not replace them, and the
        // caller's stay with their origin.
        let a = serve(vec![redirect(302, "http://user:secret@b.test/")]).await;
        let b = serve(vec![reply(200, &[])]).await;
        let builder = resolving(Client::builder(), &["a.test"], 80, a.addr());
        let client = resolving(builder, &["b.test"], 80, b.addr())
            .build()
            .expect("client");
        client
            .get("http://a.test/")
            .basic_auth("user", Some("pass"))
            .send()
            .await
            .expect("send");
        assert_eq!(
            header(&a.requests()[0], "authorization").as_deref(),
            Some(USER_PASS)
        );
        assert_eq!(header(&b.requests()[0], "authorization"), None);
    })
    .await;
}

#[tokio::test]
async fn http2_redirects_share_the_one_connection() {
    guard(async {
        let ca = TestCa::new();
        let server = mummer_testkit::ContentServer::start(mummer_testkit::ContentOptions::tls(
            ca.issue(&["localhost"]),
        ))
        .await;
        let client = Client::builder()
            .use_bundled_roots(false)
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("localhost", server.port(), server.addr())
            .build()
            .expect("client");
        let base = format!("https://localhost:{}", server.port());
        let response = client
            .get(&format!("{base}/redirect/3"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.version(), mummer::Version::HTTP_2);
        assert_eq!(response.redirect_count(), 3);
        assert_eq!(response.url().as_str(), format!("{base}/redirect/0"));
        for (i, hop) in response.history().iter().enumerate() {
            assert_eq!(hop.version(), mummer::Version::HTTP_2);
            assert_eq!(hop.status(), StatusCode::FOUND);
            assert_eq!(hop.reason(), "Found", "canonical over HTTP/2");
            assert_eq!(hop.url().as_str(), format!("{base}/redirect/{}", 3 - i));
        }
        assert_eq!(&response.bytes().await.expect("body")[..], b"done");
        assert_eq!(server.connections(), 1);
    })
    .await;
}
