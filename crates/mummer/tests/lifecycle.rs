//! Lifecycle: a response outlives its client, close refuses only new requests, abort fails
//! every in-flight body.

use std::io::Read;

use mummer::Client;
use mummer_testkit::{ContentOptions, ContentServer, TestCa, pattern};

const BODY: u64 = 20 * 1024 * 1024;

struct Tls {
    ca: TestCa,
    server: ContentServer,
}

async fn tls_server() -> Tls {
    let ca = TestCa::new();
    let server = ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;
    Tls { ca, server }
}

fn client(tls: &Tls, http1: bool) -> Client {
    let mut b = Client::builder()
        .add_root_certificate_pem(tls.ca.ca_pem().as_bytes())
        .resolve("localhost", tls.server.port(), tls.server.addr());
    if http1 {
        b = b.http1_only();
    }
    b.build().expect("client")
}

fn url(tls: &Tls, path: &str) -> String {
    format!("https://localhost:{}{path}", tls.server.port())
}

/// Reads to the end, checking every byte against the server's pattern.
async fn read_all_verified(response: &mut mummer::Response) -> u64 {
    read_all_verified_from(response, 0).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn response_is_read_to_the_end_after_its_client_is_dropped() {
    let tls = tls_server().await;
    for http1 in [true, false] {
        let client = client(&tls, http1);
        let mut response = client
            .get(&url(&tls, &format!("/bytes/{BODY}")))
            .send()
            .await
            .expect("send");
        let first = response.chunk().await.expect("chunk").expect("data");
        drop(client);
        let rest = read_all_verified_from(&mut response, first.len() as u64).await;
        assert_eq!(first.len() as u64 + rest, BODY, "http1={http1}");
    }
}

async fn read_all_verified_from(response: &mut mummer::Response, mut offset: u64) -> u64 {
    let start = offset;
    while let Some(chunk) = response.chunk().await.expect("body must complete") {
        assert!(
            pattern::verify(offset, &chunk).is_ok(),
            "wrong bytes at {offset}"
        );
        offset += chunk.len() as u64;
    }
    offset - start
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_lets_in_flight_bodies_finish_and_refuses_new_requests() {
    let tls = tls_server().await;
    for http1 in [true, false] {
        let client = client(&tls, http1);
        let mut response = client
            .get(&url(&tls, &format!("/bytes/{BODY}")))
            .send()
            .await
            .expect("send");
        client.close();
        let err = client
            .get(&url(&tls, "/small"))
            .send()
            .await
            .expect_err("closed client refuses new requests");
        assert!(err.is_closed(), "{err}");
        assert_eq!(
            read_all_verified(&mut response).await,
            BODY,
            "http1={http1}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abort_fails_every_in_flight_body() {
    let tls = tls_server().await;
    for http1 in [true, false] {
        let client = client(&tls, http1);
        let mut a = client
            .get(&url(&tls, &format!("/bytes/{BODY}")))
            .send()
            .await
            .expect("send a");
        let mut b = client
            .get(&url(&tls, &format!("/bytes/{BODY}")))
            .send()
            .await
            .expect("send b");
        a.chunk().await.expect("a starts").expect("data");
        client.abort();
        for response in [&mut a, &mut b] {
            let err = loop {
                match response.chunk().await {
                    Ok(Some(_)) => continue,
                    Ok(None) => panic!("an aborted body must not end cleanly (http1={http1})"),
                    Err(e) => break e,
                }
            };
            assert!(err.is_aborted(), "{err}");
            // And it stays failed.
            assert!(response.chunk().await.is_err());
        }
    }
}

#[test]
fn blocking_response_is_read_to_the_end_after_its_client_is_dropped() {
    let ca = TestCa::new();
    let server = ContentServer::spawn_on_thread(ContentOptions::tls(ca.issue(&["localhost"])));
    for http1 in [true, false] {
        let mut builder = Client::builder()
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("localhost", server.port(), server.addr());
        if http1 {
            builder = builder.http1_only();
        }
        let client = mummer::blocking::Client::from_builder(builder).expect("client");
        let mut response = client
            .get(&format!("https://localhost:{}/bytes/{BODY}", server.port()))
            .send()
            .expect("send");
        drop(client);
        let mut body = Vec::new();
        response.read_to_end(&mut body).expect("complete body");
        assert_eq!(body.len() as u64, BODY);
        assert!(pattern::verify(0, &body).is_ok());
    }
}

#[test]
fn blocking_read_reports_a_truncated_body_as_an_error() {
    let ca = TestCa::new();
    let server = ContentServer::spawn_on_thread(ContentOptions::tls(ca.issue(&["localhost"])));
    let builder = Client::builder()
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("localhost", server.port(), server.addr())
        .http1_only();
    let client = mummer::blocking::Client::from_builder(builder).expect("client");
    let mut response = client
        .get(&format!(
            "https://localhost:{}/truncated/100000",
            server.port()
        ))
        .send()
        .expect("send");
    let mut body = Vec::new();
    let err = response.read_to_end(&mut body).expect_err("truncated");
    assert_eq!(err.kind(), std::io::ErrorKind::UnexpectedEof);
    let err = mummer::Error::from_io(err).expect("a mummer error inside");
    assert_eq!(
        err.body_error(),
        Some(&mummer::BodyError::Truncated {
            expected: Some(100_000),
            received: 50_000
        })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_connections_are_reused_and_unfinished_ones_are_not() {
    let tls = tls_server().await;
    let client = client(&tls, true);
    for _ in 0..5 {
        let r = client.get(&url(&tls, "/small")).send().await.expect("send");
        assert_eq!(&r.bytes().await.expect("body")[..], b"hello, world\n");
    }
    assert_eq!(tls.server.connections(), 1);
    // A body dropped half-read closes its connection rather than poisoning the pool.
    let mut r = client
        .get(&url(&tls, &format!("/bytes/{BODY}")))
        .send()
        .await
        .expect("send");
    r.chunk().await.expect("chunk");
    drop(r);
    let r = client.get(&url(&tls, "/small")).send().await.expect("send");
    assert_eq!(&r.bytes().await.expect("body")[..], b"hello, world\n");
    assert_eq!(tls.server.connections(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusted_certificate_and_wrong_host_fail_by_default() {
    let tls = tls_server().await;
    // No CA: the throwaway CA is not among the bundled roots.
    let stranger = Client::builder()
        .resolve("localhost", tls.server.port(), tls.server.addr())
        .build()
        .expect("client");
    let err = stranger
        .get(&url(&tls, "/small"))
        .send()
        .await
        .expect_err("untrusted");
    assert!(err.is_tls() && err.is_connect(), "{err}");
    // Trusted CA, but the certificate names localhost and we ask for 127.0.0.1.
    let trusting = client(&tls, false);
    let err = trusting
        .get(&format!("https://127.0.0.1:{}/small", tls.server.port()))
        .send()
        .await
        .expect_err("wrong host");
    assert!(err.is_tls(), "{err}");
    // The explicit opt-out works.
    let insecure = Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .expect("client");
    let r = insecure
        .get(&format!("https://127.0.0.1:{}/small", tls.server.port()))
        .send()
        .await
        .expect("insecure opt-out");
    assert_eq!(r.status(), 200);
}
