//! The pool's bookkeeping stays bounded under a crawler's pattern: 3,000 distinct host names,
//! each fetched once, over plain HTTP/1.1, over TLS with HTTP/2 by ALPN, and over TLS to
//! origins that answer only HTTP/1.1, with `pool_max_idle(64)`.
//!
//! Besides the pool's own counts, the tests count the sockets the process holds (client and
//! server live in it alike), so a connection the pool forgot but left open is caught too. The
//! bound on shared HTTP/2 connections is `pool_max_idle`: an HTTP/2 connection with no stream
//! in flight is as idle as a pooled HTTP/1.1 one, and without a bound a crawler keeps one
//! open connection per host it has ever seen.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use mummer::{Client, ClientBuilder, PoolStats, Version};
use mummer_testkit::{ContentOptions, ContentServer, TestCa};

const HOSTS: usize = 3000;
const MAX_IDLE: usize = 64;
/// Requests in flight at once: a crawler's fan-out, and what makes a few thousand handshakes
/// fit the time budget on two cores.
const CONCURRENCY: usize = 16;

/// The tests count this process's sockets, so they run one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn host(i: usize) -> String {
    format!("h{i}.pool.test")
}

fn resolving(mut builder: ClientBuilder, port: u16, server: &ContentServer) -> ClientBuilder {
    for i in 0..HOSTS {
        builder = builder.resolve(&host(i), port, server.addr());
    }
    builder
}

async fn crawl(client: &Client, scheme: &str, port: u16, want: Version) -> Duration {
    let started = Instant::now();
    let results: Vec<_> = futures_util::stream::iter(0..HOSTS)
        .map(|i| {
            let url = format!("{scheme}://{}:{port}/small", host(i));
            async move {
                let response = client.get(&url).send().await?;
                let version = response.version();
                let body = response.bytes().await?;
                Ok::<_, mummer::Error>((version, body))
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    for r in results {
        let (version, body) = r.expect("fetch");
        assert_eq!(version, want);
        assert_eq!(&body[..], b"hello, world\n");
    }
    started.elapsed()
}

/// Sockets this process holds open (client and server ends alike: both live here).
fn open_sockets() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .expect("/proc/self/fd")
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

/// Waits up to 2 s for the open sockets to fall to `at_most`; returns the last count.
async fn sockets_settle(at_most: usize) -> usize {
    let until = Instant::now() + Duration::from_secs(2);
    loop {
        let open = open_sockets();
        if open <= at_most || Instant::now() >= until {
            return open;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn check_common(stats: PoolStats) {
    assert!(stats.idle <= MAX_IDLE, "{stats:?}");
    assert!(stats.idle_keys <= MAX_IDLE, "{stats:?}");
    assert_eq!(stats.connecting, 0, "{stats:?}");
    assert!(stats.h1_only <= 1024, "{stats:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_http1_crawl_keeps_at_most_pool_max_idle() {
    let _serial = SERIAL.lock().await;
    let server = ContentServer::start(ContentOptions::plain()).await;
    let client = resolving(
        Client::builder().pool_max_idle(MAX_IDLE),
        server.port(),
        &server,
    )
    .build()
    .expect("client");
    let took = crawl(&client, "http", server.port(), Version::HTTP_11).await;
    let stats = client.pool_stats();
    eprintln!("plain crawl of {HOSTS} hosts: {took:?}, {stats:?}");
    check_common(stats);
    assert_eq!(
        stats.idle, MAX_IDLE,
        "the newest idle connections are kept: {stats:?}"
    );
    assert_eq!(stats.shared, 0);
    // Plain http never waits for a possible HTTP/2 connection: no notes needed.
    assert_eq!(stats.h1_only, 0, "{stats:?}");
    assert_eq!(server.connections(), HOSTS);
    let open = sockets_settle(2 * stats.idle + 8).await;
    assert!(
        open <= 2 * stats.idle + 8,
        "{open} sockets open for {stats:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tls_http2_crawl_keeps_bounded_bookkeeping() {
    let _serial = SERIAL.lock().await;
    let ca = TestCa::new();
    let server = ContentServer::start(ContentOptions::tls(ca.issue(&["*.pool.test"]))).await;
    let builder = Client::builder()
        .pool_max_idle(MAX_IDLE)
        .use_bundled_roots(false)
        .add_root_certificate_pem(ca.ca_pem().as_bytes());
    let client = resolving(builder, server.port(), &server)
        .build()
        .expect("client");
    let before = open_sockets();
    let took = crawl(&client, "https", server.port(), Version::HTTP_2).await;
    let stats = client.pool_stats();
    eprintln!(
        "TLS crawl of {HOSTS} hosts: {took:?}, {stats:?}, sockets {before} -> {}",
        open_sockets()
    );
    check_common(stats);
    assert_eq!(
        stats.idle, 0,
        "HTTP/2 connections are shared, never idle-listed: {stats:?}"
    );
    assert_eq!(stats.h1_only, 0, "every origin answered h2: {stats:?}");
    assert_eq!(server.connections(), HOSTS);
    assert!(stats.shared <= MAX_IDLE, "{stats:?}");
    // What the pool forgot is closed: each kept connection holds two sockets here (client
    // and server end), plus the listener and a few of the runtime's.
    let open = sockets_settle(2 * stats.shared + 8).await;
    assert!(
        open <= 2 * stats.shared + 8,
        "{open} sockets open for {stats:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tls_crawl_of_http1_only_origins_caps_its_notes() {
    let _serial = SERIAL.lock().await;
    let ca = TestCa::new();
    let options = ContentOptions {
        h2: false,
        ..ContentOptions::tls(ca.issue(&["*.pool.test"]))
    };
    let server = ContentServer::start(options).await;
    let builder = Client::builder()
        .pool_max_idle(MAX_IDLE)
        .use_bundled_roots(false)
        .add_root_certificate_pem(ca.ca_pem().as_bytes());
    let client = resolving(builder, server.port(), &server)
        .build()
        .expect("client");
    let took = crawl(&client, "https", server.port(), Version::HTTP_11).await;
    let stats = client.pool_stats();
    eprintln!("TLS HTTP/1.1 crawl of {HOSTS} hosts: {took:?}, {stats:?}");
    check_common(stats);
    // Every origin answered http/1.1 by ALPN, more origins than notes are kept.
    assert_eq!(stats.h1_only, 1024, "{stats:?}");
    assert_eq!(stats.shared, 0);
    assert_eq!(stats.idle, MAX_IDLE, "{stats:?}");
    let open = sockets_settle(2 * stats.idle + 8).await;
    assert!(
        open <= 2 * stats.idle + 8,
        "{open} sockets open for {stats:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_connections_beyond_the_limit_go_least_recently_used_first() {
    let _serial = SERIAL.lock().await;
    let ca = TestCa::new();
    let server = ContentServer::start(ContentOptions::tls(ca.issue(&["*.pool.test"]))).await;
    let client = resolving(
        Client::builder()
            .pool_max_idle(2)
            .use_bundled_roots(false)
            .add_root_certificate_pem(ca.ca_pem().as_bytes()),
        server.port(),
        &server,
    )
    .build()
    .expect("client");
    let get = |i: usize| {
        let client = client.clone();
        let url = format!("https://{}:{}/small", host(i), server.port());
        async move {
            let response = client.get(&url).send().await.expect("send");
            assert_eq!(response.version(), Version::HTTP_2);
            response.bytes().await.expect("body");
        }
    };
    get(0).await;
    get(1).await;
    get(0).await; // h0 is now the most recently used
    assert_eq!(server.connections(), 2);
    get(2).await; // one too many: h1 goes
    assert_eq!(server.connections(), 3);
    assert_eq!(client.pool_stats().shared, 2);
    get(0).await;
    get(2).await;
    assert_eq!(server.connections(), 3, "h0 and h2 were kept and reused");
    get(1).await;
    assert_eq!(server.connections(), 4, "h1 needed a new connection");
    assert_eq!(client.pool_stats().shared, 2);
}
