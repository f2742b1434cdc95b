//! Wire-exact HTTP/1.1: the bytes mummer writes for a request, and how it reads canned replies.

use std::time::Duration;

use bytes::Bytes;
use mummer::{Body, Client, Method};
use mummer_testkit::{ScriptServer, Step, chunked, response_with_length};

const ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";
const UA: &str = concat!("mummer/", env!("CARGO_PKG_VERSION"));

fn ok_reply() -> Step {
    Step::Write(response_with_length(200, b"ok", &[]))
}

async fn one_exchange(steps: Vec<Step>) -> ScriptServer {
    ScriptServer::start(vec![steps]).await
}

fn text(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

#[tokio::test]
async fn get_request_bytes_are_exact_and_keep_header_case_and_order() {
    let server = one_exchange(vec![Step::ReadRequest, ok_reply()]).await;
    let port = server.port();
    let client = Client::new();
    let body = client
        .get(&format!("http://127.0.0.1:{port}/path/x?q=1&r=%20"))
        .header("X-Mixed-CASE", "one")
        .header("x-lower", "two")
        .header("X-Mixed-CASE", "three")
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    assert_eq!(&body[..], b"ok");
    let want = format!(
        "GET /path/x?q=1&r=%20 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {UA}\r\nAccept: */*\r\nX-Mixed-CASE: one\r\nx-lower: two\r\nX-Mixed-CASE: three\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n\r\n"
    );
    assert_eq!(text(&server.requests()[0]), want);
}

#[tokio::test]
async fn caller_headers_replace_defaults_in_place_and_keep_their_case() {
    let server = one_exchange(vec![Step::ReadRequest, ok_reply()]).await;
    let port = server.port();
    let client = Client::builder()
        .default_header("user-agent", "default-agent")
        .default_header("X-Default", "d")
        .build()
        .expect("client");
    client
        .get(&format!("http://127.0.0.1:{port}/"))
        .header("USER-AGENT", "mine")
        .header("accept", "text/html")
        .header("accept-encoding", "identity")
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let want = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUSER-AGENT: mine\r\nX-Default: d\r\naccept: text/html\r\naccept-encoding: identity\r\n\r\n"
    );
    assert_eq!(text(&server.requests()[0]), want);
}

#[tokio::test]
async fn post_body_gets_content_length() {
    let server = one_exchange(vec![Step::ReadRequest, ok_reply()]).await;
    let port = server.port();
    Client::new()
        .post(&format!("http://127.0.0.1:{port}/submit"))
        .header("Content-Type", "text/plain")
        .body("hello body")
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let want = format!(
        "POST /submit HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {UA}\r\nAccept: */*\r\nContent-Type: text/plain\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\nContent-Length: 10\r\n\r\nhello body"
    );
    assert_eq!(text(&server.requests()[0]), want);
}

#[tokio::test]
async fn streamed_body_of_unknown_length_is_chunked() {
    let server = one_exchange(vec![Step::ReadRequest, ok_reply()]).await;
    let port = server.port();
    let pieces: Vec<std::io::Result<Bytes>> = vec![
        Ok(Bytes::from_static(b"abc")),
        Ok(Bytes::from_static(b"")),
        Ok(Bytes::from_static(b"0123456789abcdefg")),
    ];
    Client::new()
        .put(&format!("http://127.0.0.1:{port}/up"))
        .body(Body::wrap_stream(futures_util::stream::iter(pieces)))
        .send()
        .await
        .expect("send")
        .bytes()
        .await
        .expect("body");
    let want = format!(
        "PUT /up HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {UA}\r\nAccept: */*\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n11\r\n0123456789abcdefg\r\n0\r\n\r\n"
    );
    assert_eq!(text(&server.requests()[0]), want);
}

#[tokio::test]
async fn expect_continue_waits_for_100_then_sends_the_body() {
    let server = one_exchange(vec![
        Step::ReadHead,
        Step::Write(b"HTTP/1.1 100 Continue\r\n\r\n".to_vec()),
        Step::ReadBody,
        ok_reply(),
    ])
    .await;
    let port = server.port();
    let response = Client::new()
        .post(&format!("http://127.0.0.1:{port}/"))
        .header("Expect", "100-continue")
        .body(vec![b'x'; 5000])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(&response.bytes().await.expect("body")[..], b"ok");
    let raw = server.requests()[0].clone();
    assert!(raw.ends_with(&[b'x'; 5000]), "body sent after 100 Continue");
}

#[tokio::test]
async fn expect_continue_final_answer_skips_the_body() {
    let server = one_exchange(vec![
        Step::ReadHead,
        Step::Write(response_with_length(417, b"no", &[("Connection", "close")])),
        Step::Close,
    ])
    .await;
    let port = server.port();
    let response = Client::new()
        .post(&format!("http://127.0.0.1:{port}/"))
        .header("Expect", "100-continue")
        .body(vec![b'x'; 5000])
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 417);
    assert_eq!(&response.bytes().await.expect("body")[..], b"no");
}

#[tokio::test]
async fn interim_responses_are_skipped() {
    let mut reply = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n".to_vec();
    reply.extend(response_with_length(200, b"final", &[]));
    let server = one_exchange(vec![Step::ReadRequest, Step::Write(reply)]).await;
    let response = Client::new()
        .get(&format!("http://127.0.0.1:{}/", server.port()))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(&response.bytes().await.expect("body")[..], b"final");
}

#[tokio::test]
async fn no_body_for_head_204_and_304_and_the_connection_is_reused() {
    let mut last_chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    last_chunked.extend(chunked(&[b"last"]));
    // Each reply declares a length (or none) that must not be read as a body; if the client
    // read one, the next exchange on this single connection would see garbage.
    let server = one_exchange(vec![
        Step::ReadRequest,
        Step::Write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".to_vec()),
        Step::ReadRequest,
        Step::Write(b"HTTP/1.1 204 No Content\r\n\r\n".to_vec()),
        Step::ReadRequest,
        Step::Write(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n".to_vec()),
        Step::ReadRequest,
        Step::Write(last_chunked),
    ])
    .await;
    let base = format!("http://127.0.0.1:{}/", server.port());
    let client = Client::new();
    let head = client.head(&base).send().await.expect("head");
    assert_eq!(head.content_length(), Some(1000));
    assert!(head.bytes().await.expect("empty").is_empty());
    for status in [204, 304] {
        let r = client.get(&base).send().await.expect("send");
        assert_eq!(r.status(), status);
        assert!(r.bytes().await.expect("empty").is_empty());
    }
    let last = client.get(&base).send().await.expect("send");
    assert_eq!(&last.bytes().await.expect("body")[..], b"last");
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn repeated_headers_trailers_and_unsolicited_bytes() {
    let mut reply = b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    reply.extend(b"5;ext=\"q;v\"\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n");
    reply.extend(response_with_length(200, b"second", &[]));
    let server = one_exchange(vec![
        Step::ReadRequest,
        Step::Write(reply),
        Step::ReadRequest,
    ])
    .await;
    let base = format!("http://127.0.0.1:{}/", server.port());
    let client = Client::new();
    let r = client.get(&base).send().await.expect("send");
    let cookies: Vec<_> = r.headers().get_all("set-cookie").iter().collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert_eq!(&r.bytes().await.expect("body")[..], b"hello");
    // Bytes the server sent before being asked make the connection untrustworthy: the next
    // request goes out on a new one (the script replays, so it reads "hello" again).
    let second = client.get(&base).send().await.expect("second");
    assert_eq!(&second.bytes().await.expect("body")[..], b"hello");
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn redirects_follow_303_as_get_and_307_with_body() {
    let server = ScriptServer::start(vec![vec![
        Step::ReadRequest,
        Step::Write(response_with_length(
            303,
            b"",
            &[("Location", "/see-other")],
        )),
        Step::ReadRequest,
        Step::Write(response_with_length(307, b"", &[("Location", "/temp")])),
        Step::ReadRequest,
        ok_reply(),
    ]])
    .await;
    let port = server.port();
    let client = Client::new();
    // 303 turns the POST into a GET; the GET to /see-other then gets a 307, kept as GET.
    let r = client
        .request(Method::POST, &format!("http://127.0.0.1:{port}/form"))
        .body("a=1")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert_eq!(r.url().path(), "/temp");
    let requests = server.requests();
    assert!(text(&requests[0]).starts_with("POST /form HTTP/1.1\r\n"));
    assert!(text(&requests[1]).starts_with("GET /see-other HTTP/1.1\r\n"));
    assert!(!text(&requests[1]).contains("Content-Length"));
    assert!(text(&requests[2]).starts_with("GET /temp HTTP/1.1\r\n"));
}

#[tokio::test]
async fn too_many_redirects_is_a_redirect_error() {
    let loop_reply = Step::Write(response_with_length(302, b"", &[("Location", "/again")]));
    let server = ScriptServer::start(vec![vec![
        Step::ReadRequest,
        loop_reply.clone(),
        Step::ReadRequest,
        loop_reply.clone(),
        Step::ReadRequest,
        loop_reply,
    ]])
    .await;
    let client = Client::builder().max_redirects(2).build().expect("client");
    let err = client
        .get(&format!("http://127.0.0.1:{}/", server.port()))
        .send()
        .await
        .expect_err("redirect loop");
    assert!(err.is_redirect(), "{err}");
}

#[tokio::test]
async fn bad_input_is_a_builder_error_not_a_panic() {
    let client = Client::new();
    for url in ["not a url", "ftp://example.com/", "http://"] {
        let err = client.get(url).send().await.expect_err(url);
        assert!(err.is_builder(), "{url}: {err}");
    }
    let err = client
        .get("http://127.0.0.1:9/")
        .header("bad header", "x")
        .send()
        .await
        .expect_err("bad header name");
    assert!(err.is_builder());
    let err = client
        .get("http://127.0.0.1:9/")
        .header("X-Ok", "line\r\nbreak")
        .send()
        .await
        .expect_err("CRLF in value");
    assert!(err.is_builder());
}

#[tokio::test]
async fn refused_connection_is_a_connect_error_with_the_url_without_credentials() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let err = Client::builder()
        .connect_timeout(Duration::from_secs(2))
        .build()
        .expect("client")
        .get(&format!("http://user:secret@127.0.0.1:{port}/x"))
        .send()
        .await
        .expect_err("nothing listens");
    assert!(err.is_connect(), "{err}");
    let shown = err.to_string();
    assert!(
        !shown.contains("secret") && !shown.contains("user"),
        "{shown}"
    );
    assert_eq!(err.url().map(|u| u.path()), Some("/x"));
}
