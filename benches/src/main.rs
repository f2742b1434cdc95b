//! mummer-bench: mummer against reqwest (rustls, ring) on the same local nginx over TLS.
//!
//! Rows: sequential small GETs (a 13-byte file) over one kept-alive connection, and a 1 GiB
//! body streamed chunk by chunk (length counted, not hashed, so only the client's work is
//! timed), each on HTTP/1.1 and on HTTP/2. Each measurement is the best of `--repeat` rounds,
//! the clients alternating round by round,
//! after a warm-up on the same connection (the TLS handshake is not timed). CPU time is this
//! process's user + system time (`getrusage(RUSAGE_SELF)`); nginx runs as a separate process.
//!
//! ```text
//! cargo run --release -p mummer-bench -- [--requests 10000] [--repeat 3] [--only SUBSTRING]
//!     [--client mummer|reqwest]
//! ```
//!
//! `--only` runs just the measurements whose row name contains the substring (for example
//! `"HTTP/2 1 GiB"`, `impersonation`, `policies`), and `--client` just one of the two clients,
//! to profile one row. The last two tables compare mummer with itself: impersonating Chrome,
//! and with a cookie jar and a retry policy (beside reqwest with its cookie store on).

#[path = "../../crates/mummer/tests/support/nginx.rs"]
mod nginx;

use std::error::Error;
use std::time::{Duration, Instant};

use nginx::{BIG_LEN, BIG_PATH, Nginx, SMALL_BODY, SMALL_PATH};

type BoxResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// The session cookie the policy rows carry: the size of a typical session id.
const SESSION: &str = "3f8c2a9b7e6d5c4b3a291807f6e5d4c3b2a19087";

/// One of the two clients under test, set up for one protocol.
enum Subject {
    Mummer(mummer::Client),
    Reqwest(reqwest::Client),
}

#[derive(Clone, Copy, PartialEq)]
enum Proto {
    H1,
    H2,
}

impl Subject {
    fn new(library: &str, proto: Proto, server: &Nginx) -> BoxResult<Subject> {
        let port = port(server, proto);
        Ok(match library {
            "mummer" | "mummer-chrome" | "mummer-policies" => {
                let builder = mummer::Client::builder()
                    .add_root_certificate_pem(server.ca_pem.as_bytes())
                    .resolve("localhost", port, server.addr(port));
                let builder = match proto {
                    Proto::H1 => builder.http1_only(),
                    Proto::H2 => builder.http2_only(),
                };
                let builder = match library {
                    "mummer-chrome" => builder.impersonate("chrome"),
                    "mummer-policies" => {
                        // A jar with a session cookie (read, matched and sent on every
                        // request, Set-Cookie looked for on every response) and a retry
                        // policy consulted after every response.
                        let jar = mummer::CookieJar::new();
                        jar.lock()
                            .insert("session", SESSION, "localhost", "/", false)?;
                        builder.cookie_jar(jar).retry(mummer::Retry::new(2))
                    }
                    _ => builder,
                };
                Subject::Mummer(builder.build()?)
            }
            _ => {
                let ca = reqwest::Certificate::from_pem(server.ca_pem.as_bytes())?;
                let mut builder = reqwest::Client::builder()
                    .tls_certs_only([ca])
                    .resolve("localhost", server.addr(port))
                    .no_proxy();
                if library == "reqwest-cookies" {
                    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
                    let url = format!("https://localhost:{port}/").parse()?;
                    jar.add_cookie_str(&format!("session={SESSION}; Path=/"), &url);
                    builder = builder.cookie_provider(jar);
                }
                // Over TLS, HTTP/2 comes from ALPN (reqwest offers h2 and http/1.1).
                let builder = match proto {
                    Proto::H1 => builder.http1_only(),
                    Proto::H2 => builder,
                };
                Subject::Reqwest(builder.build()?)
            }
        })
    }

    /// GETs `url` and returns the body's length and the version used.
    async fn get_small(&self, url: &str) -> BoxResult<(usize, http_version::V)> {
        Ok(match self {
            Subject::Mummer(c) => {
                let r = c.get(url).send().await?;
                let v = http_version::from_mummer(r.version());
                (r.bytes().await?.len(), v)
            }
            Subject::Reqwest(c) => {
                let r = c.get(url).send().await?;
                let v = http_version::from_reqwest(r.version());
                (r.bytes().await?.len(), v)
            }
        })
    }

    /// GETs `url` and reads the body chunk by chunk; returns the byte count.
    async fn stream(&self, url: &str) -> BoxResult<u64> {
        let mut n = 0u64;
        match self {
            Subject::Mummer(c) => {
                let mut r = c.get(url).send().await?;
                while let Some(chunk) = r.chunk().await? {
                    n += chunk.len() as u64;
                }
            }
            Subject::Reqwest(c) => {
                let mut r = c.get(url).send().await?.error_for_status()?;
                while let Some(chunk) = r.chunk().await? {
                    n += chunk.len() as u64;
                }
            }
        }
        Ok(n)
    }
}

/// The two libraries' versions compared without caring which `http` crate each re-exports.
mod http_version {
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub(crate) enum V {
        H1,
        H2,
        Other,
    }
    pub(crate) fn from_mummer(v: mummer::Version) -> V {
        match v {
            mummer::Version::HTTP_11 => V::H1,
            mummer::Version::HTTP_2 => V::H2,
            _ => V::Other,
        }
    }
    pub(crate) fn from_reqwest(v: reqwest::Version) -> V {
        match v {
            reqwest::Version::HTTP_11 => V::H1,
            reqwest::Version::HTTP_2 => V::H2,
            _ => V::Other,
        }
    }
}

fn port(server: &Nginx, proto: Proto) -> u16 {
    match proto {
        Proto::H1 => server.h1_port,
        Proto::H2 => server.h2_port,
    }
}

/// User + system CPU time of this whole process (all threads).
#[allow(unsafe_code)]
fn cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a complete rusage into the pointer it is given; the struct is
    // zero-initialised, a valid bit pattern for it, so it may be read even if the call failed.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
}

/// Times `work` `repeat` times; keeps the fastest run.
/// One timed run of `work`: wall time and this process's CPU time.
async fn timed<F, Fut>(work: F) -> BoxResult<Run>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = BoxResult<()>>,
{
    let cpu0 = cpu_time();
    let t0 = Instant::now();
    work().await?;
    Ok(Run {
        wall: t0.elapsed(),
        cpu: cpu_time().saturating_sub(cpu0),
    })
}

/// Keeps the faster of two runs (by wall time; its CPU time goes with it).
fn keep_best(best: &mut Option<Run>, run: Run) {
    if best.is_none_or(|b| run.wall < b.wall) {
        *best = Some(run);
    }
}

async fn small_gets(
    subject: &Subject,
    url: &str,
    requests: usize,
    want: http_version::V,
) -> BoxResult<()> {
    for _ in 0..requests {
        let (len, version) = subject.get_small(url).await?;
        if len != SMALL_BODY.len() || version != want {
            return Err(format!("small GET: {len} bytes over {version:?}, want {want:?}").into());
        }
    }
    Ok(())
}

struct Row {
    name: String,
    /// mummer's and reqwest's values; None for a client that was not run.
    values: [Option<f64>; 2],
    decimals: usize,
}

struct Args {
    requests: usize,
    repeat: usize,
    only: Option<String>,
    client: Option<String>,
}

fn parse_args() -> BoxResult<Args> {
    let mut requests = 10_000usize;
    let mut repeat = 3usize;
    let mut only = None;
    let mut client = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut text = || -> BoxResult<String> {
            Ok(args.next().ok_or_else(|| format!("{arg} needs a value"))?)
        };
        match arg.as_str() {
            "--requests" => requests = text()?.parse()?,
            "--repeat" => repeat = text()?.parse()?,
            "--only" => only = Some(text()?),
            "--client" => client = Some(text()?),
            "-h" | "--help" => {
                println!(
                    "usage: mummer-bench [--requests N (10000)] [--repeat N (3)] [--only SUBSTRING] [--client mummer|reqwest]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok(Args {
        requests: requests.max(1),
        repeat: repeat.max(1),
        only,
        client,
    })
}

#[tokio::main]
async fn main() -> BoxResult<()> {
    let Args {
        requests,
        repeat,
        only,
        client,
    } = parse_args()?;
    let wanted = |row: &str| only.as_deref().is_none_or(|o| row.contains(o));
    if !nginx::installed() {
        return Ok(());
    }
    // reqwest is built without a default crypto provider; ring needs no cmake.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = Nginx::start()?;
    eprintln!(
        "nginx on 127.0.0.1:{} (h2+h1) and :{} (h1); {requests} small GETs per run, best of {repeat}",
        server.h2_port, server.h1_port
    );

    let mut rows = Vec::new();
    for proto in [Proto::H1, Proto::H2] {
        let label = match proto {
            Proto::H1 => "HTTP/1.1",
            Proto::H2 => "HTTP/2",
        };
        let want = match proto {
            Proto::H1 => http_version::V::H1,
            Proto::H2 => http_version::V::H2,
        };
        let small_url = server.url(port(&server, proto), SMALL_PATH);
        let big_url = server.url(port(&server, proto), BIG_PATH);
        let small_name = format!("{label} small GET");
        let big_name = format!("{label} 1 GiB stream");
        let (run_small, run_big) = (wanted(&small_name), wanted(&big_name));
        if !run_small && !run_big {
            continue;
        }
        // Per library: (small GETs, 1 GiB stream); None where skipped.
        let mut small: [Option<Run>; 2] = [None, None];
        let mut big: [Option<Run>; 2] = [None, None];
        let mut subjects = Vec::new();
        for (i, library) in ["mummer", "reqwest"].into_iter().enumerate() {
            if client.as_deref().is_some_and(|c| c != library) {
                continue;
            }
            let subject = Subject::new(library, proto, &server)?;
            // Warm-up: connect, handshake and fill the pool outside the timed runs.
            small_gets(&subject, &small_url, 100, want).await?;
            subjects.push((i, library, subject));
        }
        // Rounds alternate the clients, so a slow spell of this shared machine falls on both
        // rather than on whichever happened to run then; each keeps its best round.
        for _ in 0..repeat.max(1) {
            for (i, _, subject) in &subjects {
                if run_small {
                    let run = timed(|| small_gets(subject, &small_url, requests, want)).await?;
                    keep_best(&mut small[*i], run);
                }
                if run_big {
                    let run = timed(|| async {
                        let n = subject.stream(&big_url).await?;
                        if n != BIG_LEN {
                            return Err(format!("1 GiB stream: got {n} bytes").into());
                        }
                        Ok(())
                    })
                    .await?;
                    keep_best(&mut big[*i], run);
                }
            }
        }
        for (i, library, _) in &subjects {
            if let Some(run) = small[*i] {
                eprintln!(
                    "{library:8} {label:8} {requests} GETs: {:.3} s wall, {:.3} s CPU",
                    run.wall.as_secs_f64(),
                    run.cpu.as_secs_f64()
                );
            }
            if let Some(run) = big[*i] {
                eprintln!(
                    "{library:8} {label:8} 1 GiB: {:.3} s wall, {:.3} s CPU",
                    run.wall.as_secs_f64(),
                    run.cpu.as_secs_f64()
                );
            }
        }
        let per_10k = 10_000.0 / requests as f64;
        let each = |runs: &[Option<Run>; 2], f: &dyn Fn(Run) -> f64| runs.map(|r| r.map(f));
        if run_small {
            rows.push(Row {
                name: format!("{small_name}: requests/s"),
                values: each(&small, &|r| requests as f64 / r.wall.as_secs_f64()),
                decimals: 0,
            });
            rows.push(Row {
                name: format!("{small_name}: CPU s per 10k requests"),
                values: each(&small, &|r| r.cpu.as_secs_f64() * per_10k),
                decimals: 3,
            });
        }
        if run_big {
            rows.push(Row {
                name: format!("{big_name}: MB/s"),
                values: each(&big, &|r| BIG_LEN as f64 / 1e6 / r.wall.as_secs_f64()),
                decimals: 0,
            });
            rows.push(Row {
                name: format!("{big_name}: CPU s per GiB"),
                values: each(&big, &|r| r.cpu.as_secs_f64()),
                decimals: 3,
            });
        }
    }

    println!("| row | mummer | reqwest | ratio (mummer/reqwest) |");
    println!("| --- | ---: | ---: | ---: |");
    for row in &rows {
        let d = row.decimals;
        let cell = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.d$}"));
        let ratio = match row.values {
            [Some(m), Some(r)] => format!("{:.2}", m / r),
            _ => "-".to_string(),
        };
        println!(
            "| {} | {} | {} | {ratio} |",
            row.name,
            cell(row.values[0]),
            cell(row.values[1]),
        );
    }

    // What impersonation costs: the same small GETs, plain mummer against mummer shaped as
    // Chrome 156 (profile headers, ClientHello, HTTP/2 preface).
    if wanted("impersonation") && client.is_none() {
        println!("\n| impersonation cost | mummer | mummer --impersonate chrome | ratio |");
        println!("| --- | ---: | ---: | ---: |");
        for proto in [Proto::H1, Proto::H2] {
            let (label, want) = match proto {
                Proto::H1 => ("HTTP/1.1", http_version::V::H1),
                Proto::H2 => ("HTTP/2", http_version::V::H2),
            };
            let url = server.url(port(&server, proto), SMALL_PATH);
            let mut subjects = Vec::new();
            for library in ["mummer", "mummer-chrome"] {
                let subject = Subject::new(library, proto, &server)?;
                small_gets(&subject, &url, 100, want).await?;
                subjects.push(subject);
            }
            let mut best: [Option<Run>; 2] = [None, None];
            for _ in 0..repeat.max(1) {
                for (i, subject) in subjects.iter().enumerate() {
                    let run = timed(|| small_gets(subject, &url, requests, want)).await?;
                    keep_best(&mut best[i], run);
                }
            }
            let rate = best.map(|r| r.map_or(0.0, |r| requests as f64 / r.wall.as_secs_f64()));
            println!(
                "| {label} small GET: requests/s | {:.0} | {:.0} | {:.2} |",
                rate[0],
                rate[1],
                rate[1] / rate[0]
            );
        }
    }
    // What the policies cost: a cookie jar with a session cookie and a retry policy, against
    // the same client without them; and against reqwest with its cookie store on.
    if wanted("policies") && client.is_none() {
        println!(
            "\n| policies (jar + retry) | mummer | mummer + jar + retry | ratio | reqwest + cookies | mummer+policies / reqwest+cookies |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: |");
        for proto in [Proto::H1, Proto::H2] {
            let (label, want) = match proto {
                Proto::H1 => ("HTTP/1.1", http_version::V::H1),
                Proto::H2 => ("HTTP/2", http_version::V::H2),
            };
            let url = server.url(port(&server, proto), SMALL_PATH);
            let mut subjects = Vec::new();
            for library in ["mummer", "mummer-policies", "reqwest-cookies"] {
                let subject = Subject::new(library, proto, &server)?;
                small_gets(&subject, &url, 100, want).await?;
                subjects.push(subject);
            }
            let mut best: [Option<Run>; 3] = [None, None, None];
            for round in 0..repeat.max(1) {
                // The order rotates each round: whoever runs right after another client's
                // burst (its server-side state, the CPU's frequency) is not always the same.
                for k in 0..subjects.len() {
                    let i = (k + round) % subjects.len();
                    let run = timed(|| small_gets(&subjects[i], &url, requests, want)).await?;
                    keep_best(&mut best[i], run);
                }
            }
            let rate = best.map(|r| r.map_or(0.0, |r| requests as f64 / r.wall.as_secs_f64()));
            println!(
                "| {label} small GET: requests/s | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} |",
                rate[0],
                rate[1],
                rate[1] / rate[0],
                rate[2],
                rate[1] / rate[2]
            );
        }
    }
    Ok(())
}
