//! Transparent resume (`.resume(n)`): a GET body that breaks mid-way continues from where it
//! stopped, byte-exact, when the server provably serves the same entity (strong validator,
//! `Accept-Ranges: bytes`, a 206 whose `Content-Range`, length, coding and ETag match), and the
//! original error surfaces otherwise. Never a clean short end, never a silent restart.
//!
//! The breaks come from the content server's `/flaky*` routes (planned cuts at absolute
//! entity offsets; see `mummer_testkit::content`), from a scripted server for malformed 206
//! answers, and from a cutting TCP proxy in front of Debian's nginx (skipped when nginx is not
//! installed). Cut offsets are drawn from a seeded generator: the seed is printed, and
//! `MUMMER_RESUME_SEED=<n>` replays a run.

#[path = "support/nginx.rs"]
mod nginx;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mummer::{BodyError, Client, ClientBuilder, Kind, Response, TimeoutKind, Version};
use mummer_testkit::content::FlakyHit;
use mummer_testkit::{ContentOptions, ContentServer, ScriptServer, Step, TestCa, pattern};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// Runs a test body under a time guard, so a hang fails instead of stalling the run.
async fn guard(secs: u64, test: impl Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(secs), test)
        .await
        .unwrap_or_else(|_| panic!("test did not finish within {secs} s (hang?)"));
}

/// The run's seed: fixed, unless `MUMMER_RESUME_SEED` says otherwise.
fn seed() -> u64 {
    std::env::var("MUMMER_RESUME_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0x6d75_6d6d_6572_0001)
}

/// splitmix64, seeded from the run's seed and a per-test label (printed, to replay a failure).
struct Rng(u64);

impl Rng {
    fn for_test(label: &str) -> Rng {
        let seed = seed();
        eprintln!("{label}: seed {seed} (replay with MUMMER_RESUME_SEED={seed})");
        // FNV-1a of the label keeps each test's offsets independent of the others.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(seed ^ h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `count` distinct offsets in `1..len`, ascending.
    fn cuts(&mut self, count: usize, len: u64) -> Vec<u64> {
        let mut cuts = Vec::with_capacity(count);
        while cuts.len() < count {
            let c = 1 + self.next() % (len - 1);
            if !cuts.contains(&c) {
                cuts.push(c);
            }
        }
        cuts.sort_unstable();
        cuts
    }
}

/// How a client reaches the content server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setup {
    H1Plain,
    /// HTTP/2 with prior knowledge on plain TCP.
    H2Plain,
    H1Tls,
    H2Tls,
}

impl Setup {
    fn version(self) -> Version {
        match self {
            Setup::H1Plain | Setup::H1Tls => Version::HTTP_11,
            Setup::H2Plain | Setup::H2Tls => Version::HTTP_2,
        }
    }
}

/// A content server (HTTP/1.1 and HTTP/2 on one port) and how to reach it.
struct Origin {
    server: ContentServer,
    setup: Setup,
    ca_pem: Option<String>,
}

impl Origin {
    async fn start(setup: Setup) -> Origin {
        match setup {
            Setup::H1Plain | Setup::H2Plain => Origin {
                server: ContentServer::start(ContentOptions {
                    tls: None,
                    h2: true,
                    h1: true,
                })
                .await,
                setup,
                ca_pem: None,
            },
            Setup::H1Tls | Setup::H2Tls => {
                let ca = TestCa::new();
                let server =
                    ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;
                Origin {
                    server,
                    setup,
                    ca_pem: Some(ca.ca_pem()),
                }
            }
        }
    }

    fn url(&self, path: &str) -> String {
        let port = self.server.port();
        match self.ca_pem {
            None => format!("http://127.0.0.1:{port}{path}"),
            Some(_) => format!("https://localhost:{port}{path}"),
        }
    }

    /// A builder that reaches and trusts the server and speaks the setup's protocol.
    fn builder(&self) -> ClientBuilder {
        let builder = match &self.ca_pem {
            None => Client::builder(),
            Some(pem) => Client::builder()
                .use_bundled_roots(false)
                .add_root_certificate_pem(pem.as_bytes())
                .resolve("localhost", self.server.port(), self.server.addr()),
        };
        match self.setup.version() {
            Version::HTTP_2 => builder.http2_only(),
            _ => builder.http1_only(),
        }
    }

    fn client(&self) -> Client {
        self.builder().build().expect("build client")
    }

    async fn get(&self, client: &Client, path: &str) -> Response {
        let response = client.get(&self.url(path)).send().await.expect("send");
        assert_eq!(response.version(), self.setup.version());
        response
    }
}

/// How a body read ended.
struct Outcome {
    /// Bytes delivered (all checked against the pattern from offset 0, when checked).
    delivered: u64,
    error: Option<mummer::Error>,
}

impl Outcome {
    /// The error, which there must be.
    fn error(&self) -> &mummer::Error {
        match &self.error {
            Some(e) => e,
            None => panic!(
                "body ended complete after {} bytes where an error was expected",
                self.delivered
            ),
        }
    }

    fn complete(&self) {
        if let Some(e) = &self.error {
            panic!("body failed after {} bytes: {e}", self.delivered);
        }
    }
}

/// Reads `response` to its end, checking every byte against the pattern (from offset 0). After
/// an error, checks that the body fails again rather than ending clean.
async fn read_pattern(response: &mut Response) -> Outcome {
    let mut delivered = 0u64;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(at) = pattern::verify(delivered, &chunk) {
                    panic!("wrong byte at offset {at} (chunk at {delivered})");
                }
                delivered += chunk.len() as u64;
            }
            Ok(None) => {
                assert!(response.is_body_complete());
                return Outcome {
                    delivered,
                    error: None,
                };
            }
            Err(error) => {
                let again = response
                    .chunk()
                    .await
                    .expect_err("a failed body must fail again, never end clean");
                assert_eq!(
                    again.kind(),
                    error.kind(),
                    "the repeated error keeps its kind"
                );
                assert!(!response.is_body_complete());
                assert_eq!(response.bytes_delivered(), delivered);
                return Outcome {
                    delivered,
                    error: Some(error),
                };
            }
        }
    }
}

/// The requests a `/flaky*` route saw, one line each, for failure messages.
fn describe(hits: &[FlakyHit]) -> String {
    hits.iter()
        .map(|h| {
            format!(
                "{} {} range={:?} if-range={:?} -> {} from {} cut {:?}",
                h.version, h.path, h.range, h.if_range, h.status, h.start, h.cut
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every request after the first asked for the rest from where the previous response broke
/// (at `cuts`, in order), conditional on the first response's validator.
fn assert_resumed_at_cuts(hits: &[FlakyHit], cuts: &[u64], validator: &str) {
    assert_resumed_from(hits, cuts, validator);
    let taken: Vec<u64> = hits.iter().filter_map(|h| h.cut).collect();
    assert_eq!(taken, cuts, "{}", describe(hits));
}

/// The requests after the first continued from `cuts`, in order.
fn assert_resumed_from(hits: &[FlakyHit], cuts: &[u64], validator: &str) {
    assert_eq!(hits.len(), cuts.len() + 1, "{}", describe(hits));
    assert_eq!(hits[0].range, None);
    for (i, hit) in hits.iter().enumerate().skip(1) {
        let from = cuts[i - 1];
        assert_eq!(
            hit.range.as_deref(),
            Some(&*format!("bytes={from}-")),
            "{}",
            describe(hits)
        );
        assert_eq!(hit.if_range.as_deref(), Some(validator));
        assert_eq!((hit.status, hit.start), (206, from));
    }
}

// ---------------------------------------------------------------------------------------------
// 1 GiB through random cuts
// ---------------------------------------------------------------------------------------------

/// Big downloads take turns: on two cores, two at once would only slow each other down.
static BIG: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn gib_through_cuts(setup: Setup) {
    let _turn = BIG.lock().await;
    let origin = Origin::start(setup).await;
    let cuts = Rng::for_test(&format!("gib {setup:?}")).cuts(5, GIB);
    eprintln!("{setup:?}: cuts at {cuts:?}");
    origin.server.plan_cuts(cuts.iter().copied());
    let client = origin.builder().resume(10).build().expect("client");
    let started = Instant::now();
    let mut response = origin.get(&client, &format!("/flaky/{GIB}")).await;
    assert_eq!(response.content_length(), Some(GIB));
    let outcome = read_pattern(&mut response).await;
    outcome.complete();
    assert_eq!(outcome.delivered, GIB);
    assert_eq!(response.resumes(), 5);
    assert_eq!(response.raw_bytes_received(), GIB);
    assert!(origin.server.cuts_left().is_empty());
    let hits = origin.server.flaky_hits();
    assert_resumed_at_cuts(&hits, &cuts, &format!("\"flaky-{GIB}\""));
    eprintln!(
        "{setup:?}: 1 GiB through 5 cuts in {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_resumes_through_cuts_h1_plain() {
    guard(120, gib_through_cuts(Setup::H1Plain)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_resumes_through_cuts_h2_plain() {
    guard(120, gib_through_cuts(Setup::H2Plain)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_resumes_through_cuts_h1_tls() {
    guard(120, gib_through_cuts(Setup::H1Tls)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gib_resumes_through_cuts_h2_tls() {
    guard(120, gib_through_cuts(Setup::H2Tls)).await;
}

/// A gzip body resumes into the same decoder: the offsets are encoded bytes, the reader sees
/// the decoded gibibyte.
async fn gzip_gib_through_cuts(setup: Setup) {
    let _turn = BIG.lock().await;
    let origin = Origin::start(setup).await;
    let client = origin.builder().resume(10).build().expect("client");
    let url = origin.url(&format!("/flaky-gzip/{GIB}"));
    let started = Instant::now();
    // HEAD learns the encoded length (and has the server encode the gibibyte once).
    let head = client.head(&url).send().await.expect("HEAD");
    // (`content_length()` is None for a coded body: read the header itself.)
    let encoded: u64 = head.headers()["content-length"]
        .to_str()
        .expect("content-length")
        .parse()
        .expect("encoded length");
    eprintln!(
        "{setup:?}: 1 GiB gzip-encoded is {encoded} bytes (encoded in {:.2} s)",
        started.elapsed().as_secs_f64()
    );
    let cuts = Rng::for_test(&format!("gzip gib {setup:?}")).cuts(5, encoded);
    eprintln!("{setup:?}: cuts at {cuts:?}");
    origin.server.plan_cuts(cuts.iter().copied());
    let started = Instant::now();
    let mut response = client.get(&url).send().await.expect("send");
    assert_eq!(response.version(), setup.version());
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let outcome = read_pattern(&mut response).await;
    outcome.complete();
    assert_eq!(outcome.delivered, GIB);
    assert_eq!(response.resumes(), 5);
    assert_eq!(response.raw_bytes_received(), encoded);
    let hits = origin.server.flaky_hits();
    // The HEAD is the first hit.
    assert_resumed_at_cuts(&hits[1..], &cuts, &format!("\"flaky-gzip-{GIB}\""));
    eprintln!(
        "{setup:?}: 1 GiB decoded through 5 cuts in {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gzip_gib_resumes_into_the_same_decoder_h1_plain() {
    guard(120, gzip_gib_through_cuts(Setup::H1Plain)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gzip_gib_resumes_into_the_same_decoder_h2_tls() {
    guard(120, gzip_gib_through_cuts(Setup::H2Tls)).await;
}

// ---------------------------------------------------------------------------------------------
// When resuming is off or impossible, the original error surfaces
// ---------------------------------------------------------------------------------------------

const SMALL: u64 = 8 * MIB;

/// Plans one cut, reads `path` with `builder`, and returns the outcome, the response's resume
/// count and the requests the server saw.
async fn one_cut(
    origin: &Origin,
    client: &Client,
    path: &str,
    cut: u64,
) -> (Outcome, u32, Vec<FlakyHit>) {
    origin.server.plan_cuts([cut]);
    let mut response = origin.get(client, path).await;
    let outcome = read_pattern(&mut response).await;
    (outcome, response.resumes(), origin.server.flaky_hits())
}

/// The error a cut gives on this setup's protocol when nothing resumes it.
fn assert_cut_error(setup: Setup, error: &mummer::Error) {
    assert!(error.is_body(), "{setup:?}: {error}");
    match (setup.version(), error.body_error()) {
        (Version::HTTP_11, Some(BodyError::Truncated { expected, .. })) => {
            assert!(expected.is_some());
        }
        (Version::HTTP_2, Some(BodyError::Reset { code: 2, .. })) => {}
        (_, other) => panic!("{setup:?}: unexpected body error {other:?}: {error}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_resume_the_first_cut_is_a_body_error() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let cut = Rng::for_test(&format!("off {setup:?}")).cuts(1, SMALL)[0];
            // The default is off; `.resume(0)` on a request turns a client's resume off.
            for client in [
                origin.client(),
                origin.builder().resume(5).build().expect("client"),
            ] {
                let path = format!("/flaky/{SMALL}");
                origin.server.plan_cuts([cut]);
                let mut response = client
                    .get(&origin.url(&path))
                    .resume(0)
                    .send()
                    .await
                    .expect("send");
                let outcome = read_pattern(&mut response).await;
                assert_eq!(outcome.delivered, cut, "{setup:?}");
                assert_cut_error(setup, outcome.error());
                assert_eq!(response.resumes(), 0);
            }
            // Exactly the two requests: nothing was resumed.
            let hits = origin.server.flaky_hits();
            assert_eq!(hits.len(), 2, "{}", describe(&hits));
            assert!(hits.iter().all(|h| h.range.is_none()));
        }
    })
    .await;
}

/// A resume attempt was made (`Range` + `If-Range` at the cut), was refused by the client,
/// and nothing else was asked: no silent restart.
fn assert_one_refused_attempt(hits: &[FlakyHit], cut: u64, validator: &str) {
    assert_eq!(hits.len(), 2, "{}", describe(hits));
    assert_eq!(hits[1].range.as_deref(), Some(&*format!("bytes={cut}-")));
    assert_eq!(hits[1].if_range.as_deref(), Some(validator));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_etag_surfaces_the_original_error() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(5).build().expect("client");
            let cut = Rng::for_test(&format!("etag {setup:?}")).cuts(1, SMALL)[0];
            let path = format!("/flaky-etag/{SMALL}");
            let (outcome, resumes, hits) = one_cut(&origin, &client, &path, cut).await;
            // The bytes before the cut arrived exactly; then the cut's own error.
            assert_eq!(outcome.delivered, cut);
            assert_cut_error(setup, outcome.error());
            assert_eq!(resumes, 0);
            assert_one_refused_attempt(&hits, cut, &format!("\"flaky-etag-{SMALL}-0\""));
            // The server answered the failed If-Range with the whole new entity, unused.
            assert_eq!((hits[1].status, hits[1].start), (200, 0));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_range_or_ignored_range_surfaces_the_original_error() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(5).build().expect("client");
            let mut rng = Rng::for_test(&format!("ranges {setup:?}"));
            for (route, status) in [
                // 206 starting one byte early.
                ("flaky-badrange", 206),
                // 206 starting right but ending half-way to the end of the entity.
                ("flaky-shortrange", 206),
                // 200 with everything: Range ignored.
                ("flaky-norange", 200),
            ] {
                let cut = rng.cuts(1, SMALL)[0];
                let before = origin.server.flaky_hits().len();
                let (outcome, resumes, hits) =
                    one_cut(&origin, &client, &format!("/{route}/{SMALL}"), cut).await;
                assert_eq!(outcome.delivered, cut, "{route} {setup:?}");
                assert_cut_error(setup, outcome.error());
                assert_eq!(resumes, 0, "{route}");
                let hits = &hits[before..];
                assert_one_refused_attempt(hits, cut, &format!("\"flaky-{SMALL}\""));
                assert_eq!(hits[1].status, status, "{route}");
            }
        }
    })
    .await;
}

/// A 206 whose own framing disagrees with its Content-Range would end "complete" short of the
/// entity: it must be refused, not appended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_206_shorter_than_its_content_range_is_refused() {
    guard(30, async {
        let total = 1000usize;
        let cut = 300usize;
        let first = {
            let mut r = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {total}\r\nAccept-Ranges: bytes\r\n\
                 ETag: \"e1\"\r\n\r\n"
            )
            .into_bytes();
            r.extend_from_slice(&pattern::bytes(0, cut));
            r
        };
        for (name, second) in [
            (
                "content-length shorter than the range",
                format!(
                    "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {cut}-{}/{total}\r\n\
                     Content-Length: 100\r\nETag: \"e1\"\r\n\r\n",
                    total - 1
                ),
            ),
            (
                "chunked",
                format!(
                    "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {cut}-{}/{total}\r\n\
                     Transfer-Encoding: chunked\r\nETag: \"e1\"\r\n\r\n",
                    total - 1
                ),
            ),
        ] {
            let mut second = second.into_bytes();
            if name == "chunked" {
                second.extend_from_slice(b"64\r\n");
                second.extend_from_slice(&pattern::bytes(cut as u64, 100));
                second.extend_from_slice(b"\r\n0\r\n\r\n");
            } else {
                second.extend_from_slice(&pattern::bytes(cut as u64, 100));
            }
            let server = ScriptServer::start(vec![
                vec![Step::ReadRequest, Step::Write(first.clone()), Step::Close],
                vec![Step::ReadRequest, Step::Write(second), Step::Close],
            ])
            .await;
            let client = Client::builder().resume(3).build().expect("client");
            let url = format!("http://127.0.0.1:{}/x", server.port());
            let mut response = client.get(&url).send().await.expect("send");
            let outcome = read_pattern(&mut response).await;
            assert_eq!(outcome.delivered, cut as u64, "{name}");
            let error = outcome.error();
            assert!(
                matches!(
                    error.body_error(),
                    Some(BodyError::Truncated {
                        expected: Some(1000),
                        received: 300
                    })
                ),
                "{name}: {error}"
            );
            assert_eq!(response.resumes(), 0, "{name}");
            let requests = server.requests();
            assert_eq!(requests.len(), 2, "{name}");
            let resume = String::from_utf8_lossy(&requests[1]).to_ascii_lowercase();
            assert!(resume.contains("range: bytes=300-\r\n"), "{resume}");
            assert!(resume.contains("if-range: \"e1\"\r\n"), "{resume}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exhausted_attempts_surface_the_error_after_the_last_resume() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(3).build().expect("client");
            let cuts = Rng::for_test(&format!("exhausted {setup:?}")).cuts(4, SMALL);
            origin.server.plan_cuts(cuts.iter().copied());
            let mut response = origin.get(&client, &format!("/flaky/{SMALL}")).await;
            let outcome = read_pattern(&mut response).await;
            // Three cuts were resumed; the fourth is what the reader gets.
            assert_eq!(outcome.delivered, cuts[3]);
            assert_cut_error(setup, outcome.error());
            assert_eq!(response.resumes(), 3);
            let hits = origin.server.flaky_hits();
            assert_resumed_from(&hits, &cuts[..3], &format!("\"flaky-{SMALL}\""));
            let taken: Vec<u64> = hits.iter().filter_map(|h| h.cut).collect();
            assert_eq!(taken, cuts, "{}", describe(&hits));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_strong_validator_or_accept_ranges_nothing_is_resumed() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(5).build().expect("client");
            let mut rng = Rng::for_test(&format!("unresumable {setup:?}"));
            for route in ["flaky-noetag", "flaky-weak", "flaky-noaccept"] {
                let cut = rng.cuts(1, SMALL)[0];
                let before = origin.server.flaky_hits().len();
                let (outcome, resumes, hits) =
                    one_cut(&origin, &client, &format!("/{route}/{SMALL}"), cut).await;
                assert_eq!(outcome.delivered, cut, "{route}");
                assert_cut_error(setup, outcome.error());
                assert_eq!(resumes, 0);
                // Not even attempted.
                assert_eq!(hits.len() - before, 1, "{route}: {}", describe(&hits));
            }
            // Last-Modified alone is a validator.
            let cut = rng.cuts(1, SMALL)[0];
            let path = format!("/flaky-lastmod/{SMALL}");
            let before = origin.server.flaky_hits().len();
            let (outcome, resumes, hits) = one_cut(&origin, &client, &path, cut).await;
            outcome.complete();
            assert_eq!(outcome.delivered, SMALL);
            assert_eq!(resumes, 1);
            let hits = &hits[before..];
            assert_eq!(hits.len(), 2);
            assert_eq!(
                hits[1].if_range.as_deref(),
                Some("Tue, 01 Dec 2026 10:00:00 GMT")
            );
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Read timeouts, closed and aborted clients
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_resumes_after_the_read_timeout() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let timeout = Duration::from_millis(400);
            let mut rng = Rng::for_test(&format!("stall {setup:?}"));
            let path = format!("/flaky-stall/{SMALL}");

            // Without resume, the read timeout is what the reader gets.
            let client = origin
                .builder()
                .read_timeout(timeout)
                .build()
                .expect("client");
            let cut = rng.cuts(1, SMALL)[0];
            let (outcome, _, _) = one_cut(&origin, &client, &path, cut).await;
            assert_eq!(outcome.delivered, cut);
            let error = outcome.error();
            assert_eq!(error.timeout_kind(), Some(TimeoutKind::Read), "{error}");
            assert!(error.is_body(), "{error}");

            // With it, the body continues from a new request (on HTTP/1.1 a new connection).
            let client = origin
                .builder()
                .read_timeout(timeout)
                .resume(2)
                .build()
                .expect("client");
            let connections = origin.server.connections();
            let cut = rng.cuts(1, SMALL)[0];
            let started = Instant::now();
            let (outcome, resumes, hits) = one_cut(&origin, &client, &path, cut).await;
            outcome.complete();
            assert_eq!(outcome.delivered, SMALL);
            assert_eq!(resumes, 1);
            assert!(started.elapsed() >= timeout);
            let last = &hits[hits.len() - 1];
            assert_eq!(last.range.as_deref(), Some(&*format!("bytes={cut}-")));
            if setup.version() == Version::HTTP_11 {
                assert_eq!(origin.server.connections(), connections + 2);
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_outlives_its_closed_client_and_still_resumes() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H2Tls] {
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(5).build().expect("client");
            let cuts = Rng::for_test(&format!("closed {setup:?}")).cuts(3, SMALL);
            origin.server.plan_cuts(cuts.iter().copied());
            let mut response = origin.get(&client, &format!("/flaky/{SMALL}")).await;
            client.close();
            drop(client);
            let outcome = read_pattern(&mut response).await;
            outcome.complete();
            assert_eq!(outcome.delivered, SMALL);
            assert_eq!(response.resumes(), 3);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abort_stops_a_resumable_body_with_aborted() {
    guard(30, async {
        for setup in [Setup::H1Plain, Setup::H1Tls, Setup::H2Tls] {
            // Mid-body.
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(5).build().expect("client");
            origin.server.plan_cuts([SMALL / 2]);
            let mut response = origin.get(&client, &format!("/flaky/{SMALL}")).await;
            let first = response.chunk().await.expect("chunk").expect("data");
            assert_eq!(pattern::verify(0, &first), Ok(()));
            client.abort();
            let error = response.chunk().await.expect_err("aborted");
            assert!(matches!(error.kind(), Kind::Aborted), "{error}");
            let again = response.chunk().await.expect_err("still aborted");
            assert!(matches!(again.kind(), Kind::Aborted), "{again}");

            // While a resume waits to reconnect to a server that went away. (HTTP/1.1 only: an
            // HTTP/2 resume goes out on the connection that is still open.)
            if setup.version() != Version::HTTP_11 {
                continue;
            }
            let origin = Origin::start(setup).await;
            let client = origin.builder().resume(10).build().expect("client");
            let cut = 2 * MIB;
            origin.server.plan_cuts([cut]);
            let mut response = origin.get(&client, &format!("/flaky/{SMALL}")).await;
            // Stop accepting: the open connection still serves up to the cut, every resume
            // attempt is refused and waits before the next.
            let Origin { server, .. } = origin;
            drop(server);
            let aborter = client.clone();
            let started = Instant::now();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(500)).await;
                aborter.abort();
            });
            let outcome = read_pattern(&mut response).await;
            assert_eq!(outcome.delivered, cut);
            let error = outcome.error();
            assert!(matches!(error.kind(), Kind::Aborted), "{setup:?}: {error}");
            assert!(started.elapsed() < Duration::from_secs(3));
            assert_eq!(response.resumes(), 0);
        }
    })
    .await;
}

/// Cuts of the whole connection (TCP closed mid-body, not one stream reset), on both
/// protocols: each resume needs a new connection.
async fn connection_cuts(setup: Setup) {
    let origin = Origin::start(setup).await;
    let len = 64 * MIB;
    let mut rng = Rng::for_test(&format!("connection cuts {setup:?}"));
    let limits: Vec<u64> = (0..3).map(|_| MIB + rng.next() % (16 * MIB)).collect();
    eprintln!("{setup:?}: connections cut after {limits:?} bytes");
    let proxy = CutProxy::start(origin.server.addr(), limits).await;
    let builder = match &origin.ca_pem {
        None => Client::builder(),
        Some(pem) => Client::builder()
            .use_bundled_roots(false)
            .add_root_certificate_pem(pem.as_bytes()),
    };
    let builder = match setup.version() {
        Version::HTTP_2 => builder.http2_only(),
        _ => builder.http1_only(),
    };
    let client = builder
        .resolve("localhost", proxy.addr.port(), proxy.addr)
        .resume(5)
        .build()
        .expect("client");
    let scheme = if origin.ca_pem.is_some() {
        "https"
    } else {
        "http"
    };
    let url = format!("{scheme}://localhost:{}/bytes/{len}", proxy.addr.port());
    let mut response = client.get(&url).send().await.expect("send");
    assert_eq!(response.version(), setup.version());
    let outcome = read_pattern(&mut response).await;
    outcome.complete();
    assert_eq!(outcome.delivered, len);
    assert_eq!(response.resumes(), 3);
    assert_eq!(proxy.connections.load(Ordering::SeqCst), 4);
    // The client is still usable afterwards (its dead connections are dropped from the pool).
    let small = client
        .get(&format!("{scheme}://localhost:{}/small", proxy.addr.port()))
        .send()
        .await
        .expect("send after the cuts");
    assert_eq!(small.text().await.expect("text"), "hello, world\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_connection_cuts_resume_h1_tls() {
    guard(60, connection_cuts(Setup::H1Tls)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whole_connection_cuts_resume_h2_tls() {
    guard(60, connection_cuts(Setup::H2Tls)).await;
}

// ---------------------------------------------------------------------------------------------
// Real nginx behind a cutting proxy
// ---------------------------------------------------------------------------------------------

/// A TCP relay that closes the `i`-th connection after `limits[i]` bytes from the server to the
/// client (later connections relay everything).
struct CutProxy {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for CutProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl CutProxy {
    async fn start(upstream: SocketAddr, limits: Vec<u64>) -> CutProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("proxy addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let index = counter.fetch_add(1, Ordering::SeqCst);
                let limit = limits.get(index).copied();
                tokio::spawn(relay(client, upstream, limit));
            }
        });
        CutProxy {
            addr,
            connections,
            task,
        }
    }
}

async fn relay(client: TcpStream, upstream: SocketAddr, limit: Option<u64>) {
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let up = async {
        let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
        let _ = server_write.shutdown().await;
    };
    let down = async {
        let mut buf = vec![0u8; 256 * 1024];
        let mut left = limit.unwrap_or(u64::MAX);
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let n = match server_read.read(&mut buf[..want]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if client_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
            left -= n as u64;
        }
        let _ = client_write.shutdown().await;
    };
    // The cut: once the server-to-client side is done, both sides go.
    tokio::select! {
        _ = down => {}
        _ = async { up.await; std::future::pending::<()>().await } => {}
    }
}

/// Path (under nginx's root) of a 256 MiB pattern file for these tests.
const NGINX_FILE: &str = "/resume-256m.bin";
const NGINX_LEN: u64 = 256 * MIB;

/// Writes [`NGINX_FILE`] into the root the nginx of this process serves (once).
fn nginx_file() {
    static MADE: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    MADE.get_or_init(|| {
        use std::io::Write;
        let path = nginx::content().root.join(&NGINX_FILE[1..]);
        let mut file = std::fs::File::create(&path).expect("create the 256 MiB file");
        let mut block = vec![0u8; MIB as usize];
        let mut offset = 0;
        while offset < NGINX_LEN {
            pattern::fill(offset, &mut block);
            file.write_all(&block).expect("write the 256 MiB file");
            offset += MIB;
        }
    });
}

/// nginx for these tests (the 256 MiB file made first), or `None` when it is not installed.
async fn start_nginx() -> Option<nginx::Nginx> {
    if !nginx::installed() {
        return None;
    }
    let server = tokio::task::spawn_blocking(|| {
        nginx_file();
        nginx::Nginx::start().expect("start nginx")
    })
    .await
    .expect("nginx start task");
    Some(server)
}

/// A client for `proxy`, trusting `server`'s CA.
fn nginx_client(server: &nginx::Nginx, proxy: &CutProxy) -> Client {
    Client::builder()
        .use_bundled_roots(false)
        .add_root_certificate_pem(server.ca_pem.as_bytes())
        .resolve("localhost", proxy.addr.port(), proxy.addr)
        .resume(10)
        .build()
        .expect("client")
}

/// The 256 MiB static file through four connection cuts (by TCP byte count of the TLS stream,
/// so anywhere: in TLS records, HTTP/2 frames, the body), with nginx's own Range, If-Range,
/// ETag and 206 handling.
async fn nginx_through_cuts(version: Version) {
    let Some(server) = start_nginx().await else {
        return;
    };
    let _turn = BIG.lock().await;
    let port = match version {
        Version::HTTP_2 => server.h2_port,
        _ => server.h1_port,
    };
    let mut rng = Rng::for_test(&format!("nginx {version:?}"));
    let limits: Vec<u64> = (0..4).map(|_| 8 * MIB + rng.next() % (48 * MIB)).collect();
    eprintln!("nginx {version:?}: connections cut after {limits:?} bytes");
    let proxy = CutProxy::start(server.addr(port), limits).await;
    let client = nginx_client(&server, &proxy);
    let url = format!("https://localhost:{}{NGINX_FILE}", proxy.addr.port());
    let started = Instant::now();
    let mut response = client.get(&url).send().await.expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), version);
    assert_eq!(response.content_length(), Some(NGINX_LEN));
    let etag = response.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.contains('-'),
        "nginx's static ETag is strong \"mtime-size\": {etag}"
    );
    assert!(response.headers().contains_key("last-modified"));
    assert_eq!(response.headers()["accept-ranges"], "bytes");
    let outcome = read_pattern(&mut response).await;
    outcome.complete();
    assert_eq!(outcome.delivered, NGINX_LEN);
    assert_eq!(response.resumes(), 4, "{version:?}");
    assert_eq!(proxy.connections.load(Ordering::SeqCst), 5);
    eprintln!(
        "nginx {version:?}: 256 MiB through 4 cuts in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let errors = server.error_log();
    assert!(
        !errors.contains("[crit]") && !errors.contains("[alert]"),
        "{errors}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_static_file_resumes_through_connection_cuts_h1() {
    guard(120, nginx_through_cuts(Version::HTTP_11)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_static_file_resumes_through_connection_cuts_h2() {
    guard(120, nginx_through_cuts(Version::HTTP_2)).await;
}

/// nginx's on-the-fly gzip has no byte ranges (no `Accept-Ranges`, a weak ETag): a cut is
/// the reader's error, and no resume is attempted. (HTTP/1.1: the HTTP/2 variant of a whole
/// connection cut waits for the h2.rs fix noted at `whole_connection_cuts_resume_h2_tls`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_dynamic_gzip_is_not_resumed() {
    guard(60, async {
        let Some(server) = start_nginx().await else {
            return;
        };
        let proxy = CutProxy::start(server.addr(server.h1_port), vec![2 * MIB]).await;
        let client = nginx_client(&server, &proxy);
        // The gibibyte, gzipped on the fly: the cut comes early in it.
        let url = format!(
            "https://localhost:{}{}{}",
            proxy.addr.port(),
            nginx::GZIP_PREFIX,
            nginx::BIG_PATH
        );
        let mut response = client.get(&url).send().await.expect("send");
        assert_eq!(response.version(), Version::HTTP_11);
        assert_eq!(response.headers()["content-encoding"], "gzip");
        assert!(!response.headers().contains_key("accept-ranges"));
        if let Some(etag) = response.headers().get("etag") {
            assert!(etag.as_bytes().starts_with(b"W/"), "{etag:?}");
        }
        let outcome = read_pattern(&mut response).await;
        let error = outcome.error();
        assert!(error.is_body(), "{error}");
        assert!(outcome.delivered > 0 && outcome.delivered < nginx::BIG_LEN);
        assert_eq!(response.resumes(), 0);
        assert_eq!(proxy.connections.load(Ordering::SeqCst), 1);
    })
    .await;
}

/// A read cancelled while it resumes (a timeout around `chunk()`, a `select!`) leaves the body
/// resumable: the next read resumes again and the body completes byte-exact. The cut here is
/// a reset close-delimited body, whose cut connection would read as a clean end if a later
/// read went back to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_cancelled_mid_resume_leaves_the_body_resumable() {
    guard(30, async {
        let total = 1000usize;
        let cut = 300usize;
        let mut first = b"HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nETag: \"e1\"\r\n\
                          Connection: close\r\n\r\n"
            .to_vec();
        first.extend_from_slice(&pattern::bytes(0, cut));
        let rest = || {
            let mut r = format!(
                "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {cut}-{}/{total}\r\n\
                 Content-Length: {}\r\nETag: \"e1\"\r\n\r\n",
                total - 1,
                total - cut
            )
            .into_bytes();
            r.extend_from_slice(&pattern::bytes(cut as u64, total - cut));
            r
        };
        let server = ScriptServer::start(vec![
            vec![
                Step::ReadRequest,
                Step::Write(first),
                Step::Sleep(Duration::from_millis(50)),
                Step::Reset,
            ],
            // The resume that the cancelled read started: it answers too late.
            vec![
                Step::ReadRequest,
                Step::Sleep(Duration::from_secs(3)),
                Step::Write(rest()),
                Step::Close,
            ],
            vec![Step::ReadRequest, Step::Write(rest()), Step::Close],
        ])
        .await;
        let client = Client::builder().resume(3).build().expect("client");
        let url = format!("http://127.0.0.1:{}/x", server.port());
        let mut response = client.get(&url).send().await.expect("send");
        let mut body = Vec::new();
        while body.len() < cut {
            let chunk = response
                .chunk()
                .await
                .expect("the first part")
                .expect("data");
            body.extend_from_slice(&chunk);
        }
        let cancelled = tokio::time::timeout(Duration::from_millis(500), response.chunk()).await;
        assert!(
            cancelled.is_err(),
            "the resume was still waiting: {cancelled:?}"
        );
        while let Some(chunk) = response.chunk().await.expect("the body completes") {
            body.extend_from_slice(&chunk);
        }
        assert_eq!(body, pattern::bytes(0, total));
        assert_eq!(response.resumes(), 1);
        assert_eq!(server.requests().len(), 3);
    })
    .await;
}
