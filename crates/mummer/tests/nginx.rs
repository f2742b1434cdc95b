//! Interop with a real server: Debian's nginx over TLS, HTTP/1.1 and HTTP/2.
//!
//! 1 GiB downloads checked by SHA-256 on each protocol, 200 concurrent requests sharing one
//! HTTP/2 connection (checked in nginx's own access log), certificate failures, and gzip.
//! Every test prints "nginx not installed: skipping" and passes when `/usr/sbin/nginx` is
//! missing; `scripts/deps.sh` installs it.

#[path = "support/nginx.rs"]
mod nginx;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use mummer::{Client, ClientBuilder, Version};
use nginx::{
    BIG_LEN, BIG_PATH, GZIP_PREFIX, LOGGED_PREFIX, Nginx, Options, SMALL_BODY, SMALL_PATH,
    TEXT_PATH,
};
use sha2::{Digest, Sha256};

/// The two 1 GiB downloads take turns, so each one's throughput is its own.
static BIG_DOWNLOADS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// nginx with the default certificate, or `None` (after saying so) when nginx is missing.
fn start() -> Option<Nginx> {
    if !nginx::installed() {
        return None;
    }
    Some(Nginx::start().expect("start nginx"))
}

/// A builder trusting `server`'s CA, with `localhost` on both ports sent to 127.0.0.1.
fn builder(server: &Nginx) -> ClientBuilder {
    Client::builder()
        .add_root_certificate_pem(server.ca_pem.as_bytes())
        .resolve("localhost", server.h2_port, server.addr(server.h2_port))
        .resolve("localhost", server.h1_port, server.addr(server.h1_port))
}

/// Streams the 1 GiB file from `port` and checks its length and SHA-256.
async fn download_big(client: &Client, server: &Nginx, port: u16, want: Version) {
    let _turn = BIG_DOWNLOADS.lock().await;
    let content = nginx::content();
    let started = Instant::now();
    let mut response = client
        .get(&server.url(port, BIG_PATH))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), want);
    assert_eq!(response.content_length(), Some(BIG_LEN));
    let mut hasher = Sha256::new();
    let mut received = 0u64;
    while let Some(chunk) = response.chunk().await.expect("body chunk") {
        received += chunk.len() as u64;
        hasher.update(&chunk);
    }
    let elapsed = started.elapsed();
    assert_eq!(received, BIG_LEN);
    assert!(response.is_body_complete());
    let got: [u8; 32] = hasher.finalize().into();
    assert_eq!(
        hex::encode(got),
        hex::encode(content.big_sha256),
        "SHA-256 of the body"
    );
    eprintln!(
        "{want:?}: 1 GiB in {:.2} s ({:.0} MB/s)",
        elapsed.as_secs_f64(),
        BIG_LEN as f64 / 1e6 / elapsed.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_download_http1() {
    let Some(server) = start() else { return };
    let client = builder(&server).http1_only().build().expect("client");
    download_big(&client, &server, server.h1_port, Version::HTTP_11).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_download_http2() {
    let Some(server) = start() else { return };
    let client = builder(&server).http2_only().build().expect("client");
    download_big(&client, &server, server.h2_port, Version::HTTP_2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_requests_share_one_http2_connection() {
    const N: usize = 200;
    let Some(server) = start() else { return };
    let client = builder(&server).http2_only().build().expect("client");
    let url = server.url(server.h2_port, &format!("{LOGGED_PREFIX}{SMALL_PATH}"));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..N {
        let client = client.clone();
        let url = url.clone();
        set.spawn(async move {
            let response = client.get(&url).send().await?;
            let version = response.version();
            let status = response.status();
            Ok::<_, mummer::Error>((status, version, response.bytes().await?))
        });
    }
    let mut ok = 0;
    while let Some(joined) = set.join_next().await {
        let (status, version, body) = joined.expect("task").expect("request");
        assert_eq!(status, 200);
        assert_eq!(version, Version::HTTP_2);
        assert_eq!(&body[..], SMALL_BODY);
        ok += 1;
    }
    assert_eq!(ok, N);

    // nginx writes a request's log line as the request finishes, which can be a moment after
    // the client has the whole body.
    let deadline = Instant::now() + Duration::from_secs(10);
    let log = loop {
        let log = server.access_log();
        if log.lines().count() >= N || Instant::now() > deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(log.lines().count(), N, "access log:\n{log}");
    let connections: HashSet<&str> = log
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(
        connections.len(),
        1,
        "requests spread over connections {connections:?}"
    );
}

#[tokio::test]
async fn untrusted_certificate_and_wrong_host_name_fail_tls() {
    if !nginx::installed() {
        return;
    }
    let server = Nginx::start_with(&Options {
        cert_names: vec!["localhost".into()],
        ..Options::default()
    })
    .expect("start nginx");
    for port in [server.h2_port, server.h1_port] {
        // The same server is fine for a client that trusts the CA, under the certificate's name.
        let trusting = builder(&server).build().expect("client");
        let body = trusting
            .get(&server.url(port, SMALL_PATH))
            .send()
            .await
            .expect("trusted request")
            .bytes()
            .await
            .expect("body");
        assert_eq!(&body[..], SMALL_BODY);

        let untrusting = Client::builder()
            .resolve("localhost", port, server.addr(port))
            .build()
            .expect("client");
        let err = untrusting
            .get(&server.url(port, SMALL_PATH))
            .send()
            .await
            .expect_err("a certificate from an unknown CA must be refused");
        assert!(err.is_tls(), "not a TLS error: {err:?}");
        assert!(err.is_connect(), "not a connect error: {err:?}");

        let err = trusting
            .get(&format!("https://127.0.0.1:{port}{SMALL_PATH}"))
            .send()
            .await
            .expect_err("a certificate for another name must be refused");
        assert!(err.is_tls(), "not a TLS error: {err:?}");
    }
}

#[tokio::test]
async fn gzip_body_is_decoded() {
    let Some(server) = start() else { return };
    let text = &nginx::content().text;
    for (port, version) in [
        (server.h1_port, Version::HTTP_11),
        (server.h2_port, Version::HTTP_2),
    ] {
        let client = builder(&server).build().expect("client");
        let url = server.url(port, &format!("{GZIP_PREFIX}{TEXT_PATH}"));
        let mut response = client.get(&url).send().await.expect("send");
        assert_eq!(response.status(), 200);
        assert_eq!(response.version(), version);
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .map(|v| v.as_bytes()),
            Some(&b"gzip"[..]),
            "nginx did not compress"
        );
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.expect("body chunk") {
            body.extend_from_slice(&chunk);
        }
        assert!(body == *text, "decoded body differs from the file");
        let raw = response.raw_bytes_received();
        assert!(
            raw > 0 && raw < text.len() as u64 / 2,
            "{raw} raw bytes for {} decoded",
            text.len()
        );
    }
}
