//! mummer-bench: mummer against reqwest (rustls, ring) on the same local nginx over TLS.
//!
//! Rows: sequential small GETs (a 13-byte file) over one kept-alive connection, and a 1 GiB
//! body streamed chunk by chunk (length counted, not hashed, so only the client's work is
//! timed), each on HTTP/1.1 and on HTTP/2. Each measurement is the best of `--repeat` runs
//! after a warm-up on the same connection (the TLS handshake is not timed). CPU time is this
//! process's user + system time (`getrusage(RUSAGE_SELF)`); nginx runs as a separate process.
//!
//! ```text
//! cargo run --release -p mummer-bench -- [--requests 10000] [--repeat 3]
//! ```

#[path = "../../crates/mummer/tests/support/nginx.rs"]
mod nginx;

use std::error::Error;
use std::time::{Duration, Instant};

use nginx::{BIG_LEN, BIG_PATH, Nginx, SMALL_BODY, SMALL_PATH};

type BoxResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

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
            "mummer" => {
                let builder = mummer::Client::builder()
                    .add_root_certificate_pem(server.ca_pem.as_bytes())
                    .resolve("localhost", port, server.addr(port));
                let builder = match proto {
                    Proto::H1 => builder.http1_only(),
                    Proto::H2 => builder.http2_only(),
                };
                Subject::Mummer(builder.build()?)
            }
            _ => {
                let ca = reqwest::Certificate::from_pem(server.ca_pem.as_bytes())?;
                let builder = reqwest::Client::builder()
                    .tls_certs_only([ca])
                    .resolve("localhost", server.addr(port))
                    .no_proxy();
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
async fn best_of<F, Fut>(repeat: usize, mut work: F) -> BoxResult<Run>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = BoxResult<()>>,
{
    let mut best: Option<Run> = None;
    for _ in 0..repeat.max(1) {
        let cpu0 = cpu_time();
        let t0 = Instant::now();
        work().await?;
        let run = Run {
            wall: t0.elapsed(),
            cpu: cpu_time().saturating_sub(cpu0),
        };
        if best.is_none_or(|b| run.wall < b.wall) {
            best = Some(run);
        }
    }
    best.ok_or_else(|| "no run".into())
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
    mummer: f64,
    reqwest: f64,
    decimals: usize,
}

fn parse_args() -> BoxResult<(usize, usize)> {
    let mut requests = 10_000usize;
    let mut repeat = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || -> BoxResult<usize> {
            Ok(args
                .next()
                .ok_or_else(|| format!("{arg} needs a value"))?
                .parse()?)
        };
        match arg.as_str() {
            "--requests" => requests = value()?,
            "--repeat" => repeat = value()?,
            "-h" | "--help" => {
                println!("usage: mummer-bench [--requests N (10000)] [--repeat N (3)]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok((requests.max(1), repeat.max(1)))
}

#[tokio::main]
async fn main() -> BoxResult<()> {
    let (requests, repeat) = parse_args()?;
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
        let mut small = Vec::new();
        let mut big = Vec::new();
        for library in ["mummer", "reqwest"] {
            let subject = Subject::new(library, proto, &server)?;
            // Warm-up: connect, handshake and fill the pool outside the timed runs.
            small_gets(&subject, &small_url, 100, want).await?;
            let run = best_of(repeat, || small_gets(&subject, &small_url, requests, want)).await?;
            eprintln!(
                "{library:8} {label:8} {requests} GETs: {:.3} s wall, {:.3} s CPU",
                run.wall.as_secs_f64(),
                run.cpu.as_secs_f64()
            );
            small.push(run);
            let run = best_of(repeat, || async {
                let n = subject.stream(&big_url).await?;
                if n != BIG_LEN {
                    return Err(format!("1 GiB stream: got {n} bytes").into());
                }
                Ok(())
            })
            .await?;
            eprintln!(
                "{library:8} {label:8} 1 GiB: {:.3} s wall, {:.3} s CPU",
                run.wall.as_secs_f64(),
                run.cpu.as_secs_f64()
            );
            big.push(run);
        }
        let per_10k = 10_000.0 / requests as f64;
        rows.push(Row {
            name: format!("{label} small GET: requests/s"),
            mummer: requests as f64 / small[0].wall.as_secs_f64(),
            reqwest: requests as f64 / small[1].wall.as_secs_f64(),
            decimals: 0,
        });
        rows.push(Row {
            name: format!("{label} small GET: CPU s per 10k requests"),
            mummer: small[0].cpu.as_secs_f64() * per_10k,
            reqwest: small[1].cpu.as_secs_f64() * per_10k,
            decimals: 3,
        });
        rows.push(Row {
            name: format!("{label} 1 GiB stream: MB/s"),
            mummer: BIG_LEN as f64 / 1e6 / big[0].wall.as_secs_f64(),
            reqwest: BIG_LEN as f64 / 1e6 / big[1].wall.as_secs_f64(),
            decimals: 0,
        });
        rows.push(Row {
            name: format!("{label} 1 GiB stream: CPU s per GiB"),
            mummer: big[0].cpu.as_secs_f64(),
            reqwest: big[1].cpu.as_secs_f64(),
            decimals: 3,
        });
    }

    println!("| row | mummer | reqwest | ratio (mummer/reqwest) |");
    println!("| --- | ---: | ---: | ---: |");
    for row in &rows {
        let d = row.decimals;
        println!(
            "| {} | {:.d$} | {:.d$} | {:.2} |",
            row.name,
            row.mummer,
            row.reqwest,
            row.mummer / row.reqwest
        );
    }
    Ok(())
}
