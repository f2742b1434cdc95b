//! Authentication end to end: Digest and Basic against a real Apache httpd (mod_auth_digest,
//! mod_auth_basic), Digest algorithms Apache does not offer (SHA-256, SHA-512-256, the `-sess`
//! variants, `qop=auth-int`) and the `stale` renewal against a scripted server whose recorded
//! `Authorization` is verified by recomputing the response here, and secrets kept out of Debug
//! and error text.
//!
//! The Apache tests print "apache2 not installed ...: skipping" and pass when
//! `/usr/sbin/apache2` is missing; `scripts/deps.sh` installs it.

#[path = "support/apache.rs"]
mod apache;

use std::collections::HashMap;
use std::future::Future;
use std::time::Duration;

use apache::{Apache, FILE_NAME, PASSWORD, USER, file_body};
use bytes::Bytes;
use mummer::{Auth, Body, Client, Kind, StatusCode};
use mummer_testkit::{ScriptServer, Step, response_with_length};
use sha2::{Digest as _, Sha256, Sha512_256};

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Runs a test body under a 30 s guard so a hang fails instead of stalling CI.
async fn guard(test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("test did not finish within 30 s (hang?)");
}

/// Apache, or `None` (after saying so) when it is not installed.
fn start_apache() -> Option<Apache> {
    if !apache::installed() {
        return None;
    }
    Some(Apache::start().expect("start apache2"))
}

fn file_path(location: &str) -> String {
    format!("/{location}/{FILE_NAME}")
}

/// An access-log line split into method, path, status and client port.
fn log_entry(line: &str) -> (String, String, u16, String) {
    let parts: Vec<&str> = line.split(' ').collect();
    assert_eq!(parts.len(), 4, "access log line {line:?}");
    (
        parts[0].to_string(),
        parts[1].to_string(),
        parts[2].parse().expect("status"),
        parts[3].to_string(),
    )
}

/// The `(method, path, status)` of every logged request.
fn log_requests(lines: &[String]) -> Vec<(String, String, u16)> {
    lines
        .iter()
        .map(|l| {
            let (m, p, s, _) = log_entry(l);
            (m, p, s)
        })
        .collect()
}

fn entry(method: &str, path: &str, status: u16) -> (String, String, u16) {
    (method.to_string(), path.to_string(), status)
}

/// The head of a raw request, as text.
fn head_of(raw: &[u8]) -> String {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete head");
    String::from_utf8_lossy(&raw[..end]).into_owned()
}

/// The body of a raw request (everything after the head).
fn body_of(raw: &[u8]) -> &[u8] {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete head");
    &raw[end + 4..]
}

/// The value of header `name` in a raw request, if present (first occurrence).
fn header(raw: &[u8], name: &str) -> Option<String> {
    head_of(raw).split("\r\n").skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// The request line of a raw request.
fn request_line(raw: &[u8]) -> String {
    head_of(raw)
        .split("\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Parses `Digest k=v, k="v", ...` (quoted-pairs unescaped) into its parameters, names
/// lowercased. Panics if the scheme is not Digest or a parameter repeats.
fn digest_params(value: &str) -> HashMap<String, String> {
    let rest = value
        .strip_prefix("Digest ")
        .unwrap_or_else(|| panic!("not a Digest Authorization: {value:?}"));
    let mut params = HashMap::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == ',') {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' {
                break;
            }
            name.push(c);
            chars.next();
        }
        assert_eq!(chars.next(), Some('='), "parameter {name:?} without '='");
        let mut val = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('\\') => val.push(chars.next().expect("escaped char")),
                    Some('"') => break,
                    Some(c) => val.push(c),
                    None => panic!("unterminated quoted value in {value:?}"),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                val.push(c);
                chars.next();
            }
        }
        let name = name.trim().to_ascii_lowercase();
        assert!(
            params.insert(name.clone(), val).is_none(),
            "parameter {name} sent twice in {value:?}"
        );
    }
    params
}

/// H() of RFC 7616 for `algorithm` (with or without `-sess`): lowercase hex of the hash of
/// `fields` joined by `:`.
fn h(algorithm: &str, fields: &[&[u8]]) -> String {
    let joined = fields.join(&b':');
    match algorithm.trim_end_matches("-sess") {
        "MD5" => apache::md5_hex(&joined),
        "SHA-256" => hex::encode(Sha256::digest(&joined)),
        "SHA-512-256" => hex::encode(Sha512_256::digest(&joined)),
        other => panic!("no hash for {other}"),
    }
}

/// What the client should have answered, recomputed from the recorded request's own
/// `cnonce`, `nc` and `qop` (RFC 7616 3.4.1-3.4.3).
fn expected_response(
    p: &HashMap<String, String>,
    password: &str,
    method: &str,
    body: &[u8],
) -> String {
    let algorithm = p["algorithm"].as_str();
    let (user, realm, nonce, uri) = (&p["username"], &p["realm"], &p["nonce"], &p["uri"]);
    let mut ha1 = h(
        algorithm,
        &[user.as_bytes(), realm.as_bytes(), password.as_bytes()],
    );
    if algorithm.ends_with("-sess") {
        ha1 = h(
            algorithm,
            &[ha1.as_bytes(), nonce.as_bytes(), p["cnonce"].as_bytes()],
        );
    }
    let qop = p["qop"].as_str();
    let ha2 = if qop == "auth-int" {
        let body_hash = h(algorithm, &[body]);
        h(
            algorithm,
            &[method.as_bytes(), uri.as_bytes(), body_hash.as_bytes()],
        )
    } else {
        h(algorithm, &[method.as_bytes(), uri.as_bytes()])
    };
    h(
        algorithm,
        &[
            ha1.as_bytes(),
            nonce.as_bytes(),
            p["nc"].as_bytes(),
            p["cnonce"].as_bytes(),
            qop.as_bytes(),
            ha2.as_bytes(),
        ],
    )
}

/// Checks a recorded request's Digest `Authorization` field by field and by recomputation;
/// returns its parameters.
fn verify_digest(
    raw: &[u8],
    password: &str,
    want: &[(&str, &str)],
    method: &str,
) -> HashMap<String, String> {
    let value = header(raw, "authorization").expect("Authorization header");
    let p = digest_params(&value);
    for (name, v) in want {
        assert_eq!(
            p.get(*name).map(String::as_str),
            Some(*v),
            "{name} in {value}"
        );
    }
    let cnonce = &p["cnonce"];
    assert!(
        cnonce.len() >= 16 && cnonce.bytes().all(|b| b.is_ascii_alphanumeric()),
        "cnonce {cnonce:?}"
    );
    assert_eq!(p["nc"].len(), 8, "nc is 8 hex digits: {value}");
    assert_eq!(
        p["response"],
        expected_response(&p, password, method, body_of(raw)),
        "response in {value}"
    );
    p
}

fn digest_challenge(params: &str) -> Step {
    let body = b"<html>401 Unauthorized</html>";
    Step::Write(response_with_length(
        401,
        body,
        &[("WWW-Authenticate", params), ("Content-Type", "text/html")],
    ))
}

fn ok(body: &[u8]) -> Step {
    Step::Write(response_with_length(200, body, &[]))
}

fn url(server: &ScriptServer, path: &str) -> String {
    format!("http://127.0.0.1:{}{path}", server.port())
}

// ---------------------------------------------------------------------------------------------
// Digest and Basic against Apache
// ---------------------------------------------------------------------------------------------

/// Digest GET: one 401 challenge, one authenticated request on the same connection (the 401's
/// body was drained), 200 with the file's exact bytes.
#[tokio::test]
async fn apache_digest_get_returns_the_exact_file() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let path = file_path("digest");
        let response = Client::new()
            .get(&apache.url(&path))
            .auth(Auth::digest(USER, PASSWORD))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        assert_eq!(response.retries(), 0, "a challenge answered is not a retry");
        let body = response.bytes().await.expect("body");
        assert_eq!(&body[..], &file_body("digest")[..]);
        let log = apache.access_log_settled(2);
        assert_eq!(
            log_requests(&log),
            vec![entry("GET", &path, 401), entry("GET", &path, 200)]
        );
        assert_eq!(
            log_entry(&log[0]).3,
            log_entry(&log[1]).3,
            "the answer reused the challenge's connection: {log:?}"
        );
    })
    .await;
}

/// A wrong password: Apache's second 401 is the response (not an error), after exactly two
/// requests; the error made of it by `error_for_status` names the status, not the password.
#[tokio::test]
async fn apache_digest_wrong_password_returns_the_401() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let path = file_path("digest");
        let response = Client::new()
            .get(&apache.url(&path))
            .auth(Auth::digest(USER, "wrong-password-42"))
            .send()
            .await
            .expect("a 401 is a response, not an error");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(
            response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("Digest ")),
            "the challenge is handed to the caller"
        );
        let err = response.error_for_status().expect_err("401");
        assert_eq!(err.status(), Some(401));
        let text = format!("{err} {err:?}");
        assert!(!text.contains("wrong-password-42"), "{text}");
        let log = apache.access_log_settled(2);
        assert_eq!(
            log_requests(&log),
            vec![entry("GET", &path, 401), entry("GET", &path, 401)],
            "exactly one challenge and one answer"
        );
        assert!(
            apache.error_log().contains("password mismatch"),
            "Apache checked (and refused) the answer: {}",
            apache.error_log()
        );
    })
    .await;
}

/// Digest POST with a body (Apache 2.4 offers `qop="auth"`, which covers the method): the body
/// goes with the challenge request and again with the answer; Apache serves the file to POST.
#[tokio::test]
async fn apache_digest_post_with_body() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let path = file_path("digest");
        let payload: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let response = Client::new()
            .post(&apache.url(&path))
            .auth(Auth::digest(USER, PASSWORD))
            .header("Content-Type", "application/octet-stream")
            .body(payload)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        assert_eq!(
            &response.bytes().await.expect("body")[..],
            &file_body("digest")[..]
        );
        let log = apache.access_log_settled(2);
        assert_eq!(
            log_requests(&log),
            vec![entry("POST", &path, 401), entry("POST", &path, 200)]
        );
    })
    .await;
}

/// `qop=auth-int` (the body's hash is part of the response) against Apache, when its
/// mod_auth_digest accepts `AuthDigestQop auth-int`; Debian's 2.4 refuses the directive
/// ("only 'auth' is supported"), so this prints why and checks nothing more. auth-int is
/// covered against the scripted server below.
#[tokio::test]
async fn apache_digest_auth_int_post() {
    let Some(apache) = start_apache() else { return };
    if !apache.auth_int {
        eprintln!(
            "apache2 refuses AuthDigestQop auth-int: skipping the Apache auth-int POST \
             (covered by scripted_sha256_auth_int_post_body_is_hashed)"
        );
        return;
    }
    guard(async {
        let path = file_path("digest-int");
        let response = Client::new()
            .post(&apache.url(&path))
            .auth(Auth::digest(USER, PASSWORD))
            .body("integrity-protected body")
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        let log = apache.access_log_settled(2);
        assert_eq!(
            log_requests(&log),
            vec![entry("POST", &path, 401), entry("POST", &path, 200)]
        );
    })
    .await;
}

/// MD5-sess against Apache, when its mod_auth_digest accepts `AuthDigestAlgorithm MD5-sess`
/// (Debian's 2.4 does not: "Unsupported algorithm"); MD5-sess is covered against the scripted
/// server below.
#[tokio::test]
async fn apache_digest_md5_sess() {
    let Some(apache) = start_apache() else { return };
    if !apache.md5_sess {
        eprintln!(
            "apache2 refuses AuthDigestAlgorithm MD5-sess: skipping the Apache MD5-sess GET \
             (covered by scripted_md5_sess_verifies)"
        );
        return;
    }
    guard(async {
        let path = file_path("digest-sess");
        let response = Client::new()
            .get(&apache.url(&path))
            .auth(Auth::digest(USER, PASSWORD))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        assert_eq!(
            &response.bytes().await.expect("body")[..],
            &file_body("digest-sess")[..]
        );
    })
    .await;
}

/// Several requests in a row on one client with Digest set on the client: only the first is
/// challenged; the later ones answer pre-emptively with the cached nonce and the next nonce
/// count (Apache checks both), a query string is part of the hashed `uri` (Apache compares it
/// with the request line), and every exchange shares one keep-alive connection.
#[tokio::test]
async fn apache_digest_several_requests_on_one_client() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let client = Client::builder()
            .auth(Auth::digest(USER, PASSWORD))
            .build()
            .expect("client");
        let plain = file_path("digest");
        let with_query = format!("{plain}?a=1&b=two%20words");
        for path in [&plain, &with_query, &plain] {
            let response = client.get(&apache.url(path)).send().await.expect("send");
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "{path}: {}",
                apache.error_log()
            );
            assert_eq!(
                &response.bytes().await.expect("body")[..],
                &file_body("digest")[..]
            );
        }
        let log = apache.access_log_settled(4);
        // %U logs the path without the query.
        let want = vec![
            entry("GET", &plain, 401),
            entry("GET", &plain, 200),
            entry("GET", &plain, 200),
            entry("GET", &plain, 200),
        ];
        assert_eq!(log_requests(&log), want);
        let ports: std::collections::HashSet<String> = log.iter().map(|l| log_entry(l).3).collect();
        assert_eq!(ports.len(), 1, "one connection for all four: {log:?}");
        assert_eq!(client.idle_connections(), 1);
    })
    .await;
}

/// Basic against Apache: the right credentials give the file at the first request, wrong or
/// missing ones the 401 (a Basic challenge is never answered again).
#[tokio::test]
async fn apache_basic() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let path = file_path("basic");
        let client = Client::new();
        let response = client
            .get(&apache.url(&path))
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        assert_eq!(
            &response.bytes().await.expect("body")[..],
            &file_body("basic")[..]
        );
        let response = client
            .get(&apache.url(&path))
            .basic_auth(USER, Some("not-it"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = client.get(&apache.url(&path)).send().await.expect("send");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        // Digest credentials meeting a Basic-only challenge: nothing to answer, the 401 comes
        // back after one request.
        let response = client
            .get(&apache.url(&path))
            .auth(Auth::digest(USER, PASSWORD))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let log = apache.access_log_settled(4);
        assert_eq!(
            log_requests(&log),
            vec![
                entry("GET", &path, 200),
                entry("GET", &path, 401),
                entry("GET", &path, 401),
                entry("GET", &path, 401),
            ]
        );
    })
    .await;
}

/// Credentials in the URL's userinfo become Basic (as curl), and are not part of the
/// response's URL.
#[tokio::test]
async fn apache_basic_from_url_userinfo() {
    let Some(apache) = start_apache() else { return };
    guard(async {
        let path = file_path("basic");
        let url = format!("http://{USER}:{PASSWORD}@127.0.0.1:{}{path}", apache.port);
        let response = Client::new().get(&url).send().await.expect("send");
        assert_eq!(response.status(), StatusCode::OK, "{}", apache.error_log());
        assert_eq!(response.url().as_str(), apache.url(&path));
        assert!(!format!("{response:?}").contains(PASSWORD));
        assert_eq!(
            &response.bytes().await.expect("body")[..],
            &file_body("basic")[..]
        );
        // The same credentials percent-encoded in the URL decode to the same user and password.
        let encoded = format!(
            "http://{}:{}@127.0.0.1:{}{path}",
            USER.replace('-', "%2D"),
            PASSWORD.replace('-', "%2d"),
            apache.port
        );
        let response = Client::new().get(&encoded).send().await.expect("send");
        assert_eq!(response.status(), StatusCode::OK);
        let log = apache.access_log_settled(2);
        assert_eq!(
            log_requests(&log),
            vec![entry("GET", &path, 200), entry("GET", &path, 200)]
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Digest against a scripted server: algorithms, auth-int, stale
// ---------------------------------------------------------------------------------------------

/// One challenge with `challenge`, then 200; returns the server once the client got the 200.
async fn answered_once(
    challenge: &str,
    method: mummer::Method,
    path: &str,
    body: Option<&'static [u8]>,
) -> ScriptServer {
    let server = ScriptServer::start(vec![vec![
        Step::ReadRequest,
        digest_challenge(challenge),
        Step::ReadRequest,
        ok(b"granted"),
    ]])
    .await;
    let mut request = Client::new()
        .request(method, &url(&server, path))
        .auth(Auth::digest("Mufasa", "Circle of Life"));
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request.send().await.expect("send");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(&response.bytes().await.expect("body")[..], b"granted");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        header(&requests[0], "authorization"),
        None,
        "Digest waits for the challenge"
    );
    assert_eq!(server.connections(), 1);
    server
}

#[tokio::test]
async fn scripted_sha256_verifies() {
    guard(async {
        let server = answered_once(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
            mummer::Method::GET,
            "/dir/index.html?x=1&y=%20",
            None,
        )
        .await;
        let raw = &server.requests()[1];
        assert!(request_line(raw).starts_with("GET /dir/index.html?x=1&y=%20 "));
        verify_digest(
            raw,
            "Circle of Life",
            &[
                ("username", "Mufasa"),
                ("realm", "http-auth@example.org"),
                ("nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"),
                ("uri", "/dir/index.html?x=1&y=%20"),
                ("algorithm", "SHA-256"),
                ("qop", "auth"),
                ("nc", "00000001"),
                ("opaque", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"),
            ],
            "GET",
        );
    })
    .await;
}

#[tokio::test]
async fn scripted_sha512_256_verifies() {
    guard(async {
        let server = answered_once(
            r#"Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256, nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8"#,
            mummer::Method::GET,
            "/doe.json",
            None,
        )
        .await;
        let p = verify_digest(
            &server.requests()[1],
            "Circle of Life",
            &[
                ("username", "Mufasa"),
                ("realm", "api@example.org"),
                ("uri", "/doe.json"),
                ("algorithm", "SHA-512-256"),
                ("qop", "auth"),
                ("nc", "00000001"),
            ],
            "GET",
        );
        // SHA-512/256: a 256-bit digest, 64 hex digits.
        assert_eq!(p["response"].len(), 64);
    })
    .await;
}

/// Only `auth-int` offered: the body's hash goes into H(A2), recomputed here from the body the
/// server received.
#[tokio::test]
async fn scripted_sha256_auth_int_post_body_is_hashed() {
    guard(async {
        let server = answered_once(
            r#"Digest realm="int@example.org", qop="auth-int", algorithm=SHA-256, nonce="bm9uY2UtaW50""#,
            mummer::Method::POST,
            "/submit",
            Some(b"name=value&binary=\x00\x01\xff"),
        )
        .await;
        let requests = server.requests();
        for raw in &requests {
            assert_eq!(body_of(raw), b"name=value&binary=\x00\x01\xff");
        }
        verify_digest(
            &requests[1],
            "Circle of Life",
            &[("qop", "auth-int"), ("algorithm", "SHA-256"), ("uri", "/submit")],
            "POST",
        );
    })
    .await;
}

#[tokio::test]
async fn scripted_md5_sess_verifies() {
    guard(async {
        let server = answered_once(
            r#"Digest realm="sess@example.org", qop="auth", algorithm=MD5-sess, nonce="c2Vzcy1ub25jZQ==""#,
            mummer::Method::GET,
            "/s",
            None,
        )
        .await;
        verify_digest(
            &server.requests()[1],
            "Circle of Life",
            &[("algorithm", "MD5-sess"), ("qop", "auth")],
            "GET",
        );
    })
    .await;
}

#[tokio::test]
async fn scripted_sha512_256_sess_auth_int_verifies() {
    guard(async {
        let server = answered_once(
            r#"Digest realm="r", qop="auth-int", algorithm=SHA-512-256-sess, nonce="n-5""#,
            mummer::Method::PUT,
            "/put",
            Some(b"put body"),
        )
        .await;
        verify_digest(
            &server.requests()[1],
            "Circle of Life",
            &[("algorithm", "SHA-512-256-sess"), ("qop", "auth-int")],
            "PUT",
        );
    })
    .await;
}

/// `stale=true` on the second 401: the client answers once more with the new nonce (the
/// nonce count starts again), then gets the 200.
#[tokio::test]
async fn scripted_stale_nonce_is_answered_once_more() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", algorithm=SHA-256, nonce="first""#),
            Step::ReadRequest,
            digest_challenge(
                r#"Digest realm="r", qop="auth", algorithm=SHA-256, nonce="second", stale=true"#,
            ),
            Step::ReadRequest,
            ok(b"after stale"),
        ]])
        .await;
        let response = Client::new()
            .get(&url(&server, "/p"))
            .auth(Auth::digest("Mufasa", "Circle of Life"))
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(&response.bytes().await.expect("body")[..], b"after stale");
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        let first = verify_digest(
            &requests[1],
            "Circle of Life",
            &[("nonce", "first"), ("nc", "00000001")],
            "GET",
        );
        let second = verify_digest(
            &requests[2],
            "Circle of Life",
            &[("nonce", "second"), ("nc", "00000001")],
            "GET",
        );
        assert_ne!(
            first["cnonce"], second["cnonce"],
            "a fresh cnonce each time"
        );
    })
    .await;
}

/// A second 401 without `stale`: the credentials were refused, and that 401 is the response
/// (no third request). Two `stale` renewals in a row are not answered either: at most two
/// answers per call.
#[tokio::test]
async fn scripted_second_401_is_the_response() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="a""#),
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="b""#),
            Step::ReadRequest,
            ok(b"must not be reached"),
        ]])
        .await;
        let response = Client::new()
            .get(&url(&server, "/p"))
            .auth(Auth::digest("Mufasa", "wrong"))
            .send()
            .await
            .expect("a 401 is a response");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            &response.bytes().await.expect("body")[..],
            b"<html>401 Unauthorized</html>"
        );
        assert_eq!(server.requests().len(), 2);

        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="a""#),
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="b", stale=true"#),
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="c", stale=true"#),
            Step::ReadRequest,
            ok(b"must not be reached"),
        ]])
        .await;
        let response = Client::new()
            .get(&url(&server, "/p"))
            .auth(Auth::digest("Mufasa", "Circle of Life"))
            .send()
            .await
            .expect("a 401 is a response");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            server.requests().len(),
            3,
            "challenge, answer, one stale renewal"
        );
    })
    .await;
}

/// A streamed body was sent with the first request; answering the Digest challenge would mean
/// sending it again, which a stream cannot: `Kind::NotReplayable`, after one request.
#[tokio::test]
async fn scripted_streamed_body_meeting_a_digest_challenge_is_not_replayable() {
    guard(async {
        let server = ScriptServer::start(vec![vec![
            Step::ReadRequest,
            digest_challenge(r#"Digest realm="r", qop="auth", nonce="a""#),
            Step::ReadRequest,
            ok(b"must not be reached"),
        ]])
        .await;
        let chunks: Vec<std::io::Result<Bytes>> = vec![
            Ok(Bytes::from_static(b"streamed ")),
            Ok(Bytes::from_static(b"body")),
        ];
        let err = Client::new()
            .post(&url(&server, "/upload"))
            .auth(Auth::digest("Mufasa", "Circle of Life"))
            .body(Body::wrap_stream(futures_util::stream::iter(chunks)))
            .send()
            .await
            .expect_err("the stream cannot be sent twice");
        assert_eq!(err.kind(), &Kind::NotReplayable, "{err:?}");
        assert!(!format!("{err} {err:?}").contains("Circle of Life"));
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        assert!(
            body_of(&requests[0]).ends_with(b"0\r\n\r\n"),
            "sent chunked"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

#[test]
fn auth_debug_masks_secrets() {
    for (auth, user) in [
        (Auth::basic("alice", "pw-basic-secret"), Some("alice")),
        (Auth::digest("bob", "pw-digest-secret"), Some("bob")),
        (Auth::bearer("tok-bearer-secret"), None),
    ] {
        let text = format!("{auth:?} {auth:#?}");
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("***"), "{text}");
        if let Some(user) = user {
            assert!(text.contains(user), "the user name is shown: {text}");
        }
    }
}

#[tokio::test]
async fn request_debug_and_errors_never_show_passwords() {
    guard(async {
        let client = Client::new();
        let request = client
            .get("http://url-user:url-pass-secret@127.0.0.1:9/path?q=1")
            .basic_auth("alice", Some("basic-pass-secret"))
            .header("Authorization", "Basic aGVhZGVyLXNlY3JldA==")
            .header("Proxy-Authorization", "Bearer proxy-token-secret")
            .build()
            .expect("request");
        let text = format!("{request:?} {request:#?}");
        for secret in [
            "url-pass-secret",
            "basic-pass-secret",
            "aGVhZGVyLXNlY3JldA",
            "proxy-token-secret",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("/path?q=1"), "{text}");
        let request = client
            .get("http://127.0.0.1:9/")
            .auth(Auth::digest("alice", "digest-pass-secret"))
            .build()
            .expect("request");
        assert!(!format!("{request:?}").contains("digest-pass-secret"));

        // A connect error (nothing listens on a port just freed) for a URL with userinfo.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let err = client
            .get(&format!(
                "http://url-user:url-pass-secret@127.0.0.1:{port}/x"
            ))
            .auth(Auth::digest("alice", "digest-pass-secret"))
            .send()
            .await
            .expect_err("refused");
        assert!(err.is_connect(), "{err:?}");
        let text = format!("{err} {err:?}");
        assert!(!text.contains("url-pass-secret"), "{text}");
        assert!(!text.contains("digest-pass-secret"), "{text}");
        assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");

        // A bad URL holding a password: the builder error redacts it.
        let err = client
            .get("http://url-user:url-pass-secret@exa mple.com/")
            .send()
            .await
            .expect_err("invalid URL");
        assert!(err.is_builder(), "{err:?}");
        let text = format!("{err} {err:?}");
        assert!(!text.contains("url-pass-secret"), "{text}");
    })
    .await;
}
