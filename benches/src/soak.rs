//! mummer-soak: a million requests against Debian's nginx over TLS, watching this process's
//! resident memory and open file descriptors.
//!
//! Four phases of `--requests / 4` small GETs each, `--concurrency` at a time on one client
//! (one per phase):
//!
//! 1. HTTP/1.1 against an nginx that keeps connections (keepalive_timeout 120s);
//! 2. HTTP/2 against the same;
//! 3. HTTP/1.1 against an nginx with `keepalive_timeout 1s` and `keepalive_requests 100`,
//!    with the requests in bursts of `--burst` separated by idle periods of 0.9 to 1.5 s, so
//!    connections are closed under the pool's feet (at the end of their 100 requests, and by the
//!    idle timeout, some exactly as the next request goes out);
//! 4. HTTP/2 against the same (nginx ends each connection with GOAWAY after 100 streams).
//!
//! Every response must be a 200 with the 13-byte body: any error surfaced to the caller is
//! counted and printed (a request that was never sent must be sent again by the client, not
//! reported). RSS (`VmRSS`) and the number of open fds are sampled after every 10,000
//! requests. The run fails (exit 1) on any error, on RSS growth beyond 10 MiB after warm-up
//! (the first 50,000 requests of each phase), or when the fds of a finished phase's client are
//! not all closed.
//!
//! ```text
//! cargo run --release -p mummer-bench --bin mummer-soak -- [--requests 1000000]
//!     [--concurrency 8] [--burst 2000] [--phase N]...
//! ```
//!
//! `--phase N` (1 to 4, repeatable) runs only those phases, `--requests` then split among them.

#[path = "../../crates/mummer/tests/support/nginx.rs"]
mod nginx;

use std::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use nginx::{Nginx, Options, SMALL_BODY, SMALL_PATH};

type BoxResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

const SAMPLE_EVERY: u64 = 10_000;
const WARM_UP: u64 = 50_000;
const MAX_GROWTH_KIB: u64 = 10 * 1024;
/// Idle periods between bursts, around nginx's 1 s keepalive_timeout.
const IDLE: [Duration; 4] = [
    Duration::from_millis(900),
    Duration::from_millis(1000),
    Duration::from_millis(1100),
    Duration::from_millis(1500),
];

#[derive(Clone, Copy, PartialEq)]
enum Proto {
    H1,
    H2,
}

struct Phase {
    name: &'static str,
    proto: Proto,
    closing: bool,
}

struct Args {
    requests: u64,
    concurrency: usize,
    burst: u64,
    /// The phases to run (1-based); all when empty.
    phases: Vec<usize>,
}

fn parse_args() -> BoxResult<Args> {
    let mut parsed = Args {
        requests: 1_000_000,
        concurrency: 8,
        burst: 2_000,
        phases: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || -> BoxResult<u64> {
            Ok(args
                .next()
                .ok_or_else(|| format!("{arg} needs a value"))?
                .parse()?)
        };
        match arg.as_str() {
            "--requests" => parsed.requests = value()?,
            "--concurrency" => parsed.concurrency = usize::try_from(value()?)?.max(1),
            "--burst" => parsed.burst = value()?.max(1),
            "--phase" => match usize::try_from(value()?)? {
                n @ 1..=4 => parsed.phases.push(n),
                n => return Err(format!("--phase {n}: phases are 1 to 4").into()),
            },
            "-h" | "--help" => {
                println!(
                    "usage: mummer-soak [--requests N (1000000)] [--concurrency N (8)] [--burst N (2000)] [--phase 1-4]..."
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok(parsed)
}

/// This process's resident set size in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// Open file descriptors of this process.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

/// What one phase measured.
struct Outcome {
    requests: u64,
    errors: u64,
    first_errors: Vec<String>,
    wall: Duration,
    idle: Duration,
    rss_warm_kib: u64,
    rss_max_kib: u64,
    rss_end_kib: u64,
    fds_max: usize,
    fds_after: usize,
}

async fn run_phase(
    phase: &Phase,
    server: &Nginx,
    requests: u64,
    args: &Args,
) -> BoxResult<Outcome> {
    let port = match phase.proto {
        Proto::H1 => server.h1_port,
        Proto::H2 => server.h2_port,
    };
    let builder = mummer::Client::builder()
        .add_root_certificate_pem(server.ca_pem.as_bytes())
        .resolve("localhost", port, server.addr(port));
    let client = match phase.proto {
        Proto::H1 => builder.http1_only(),
        Proto::H2 => builder.http2_only(),
    }
    .build()?;
    let url = Arc::new(server.url(port, SMALL_PATH));
    let want = match phase.proto {
        Proto::H1 => mummer::Version::HTTP_11,
        Proto::H2 => mummer::Version::HTTP_2,
    };
    let burst = if phase.closing {
        args.burst
    } else {
        SAMPLE_EVERY
    };
    let errors = Arc::new(std::sync::Mutex::new((0u64, Vec::new())));
    let mut outcome = Outcome {
        requests,
        errors: 0,
        first_errors: Vec::new(),
        wall: Duration::ZERO,
        idle: Duration::ZERO,
        rss_warm_kib: 0,
        rss_max_kib: 0,
        rss_end_kib: 0,
        fds_max: 0,
        fds_after: 0,
    };
    let started = Instant::now();
    let mut done = 0u64;
    let mut next_sample = SAMPLE_EVERY;
    let mut bursts = 0usize;
    while done < requests {
        let n = burst.min(requests - done);
        let counter = Arc::new(AtomicU64::new(0));
        let mut tasks = Vec::new();
        for _ in 0..args.concurrency {
            let (client, url, counter, errors) =
                (client.clone(), url.clone(), counter.clone(), errors.clone());
            tasks.push(tokio::spawn(async move {
                while counter.fetch_add(1, Ordering::Relaxed) < n {
                    let result = async {
                        let response = client.get(url.as_str()).send().await?;
                        let (status, version) = (response.status(), response.version());
                        let body = response.bytes().await?;
                        if status != 200 || version != want || body.as_ref() != SMALL_BODY {
                            return Err(format!(
                                "{status} over {version:?} with {} bytes",
                                body.len()
                            )
                            .into());
                        }
                        Ok::<_, Box<dyn Error + Send + Sync>>(())
                    }
                    .await;
                    if let Err(e) = result {
                        let mut errors = errors.lock().unwrap_or_else(|p| p.into_inner());
                        errors.0 += 1;
                        if errors.1.len() < 5 {
                            errors.1.push(format!("{e:?}"));
                        }
                    }
                }
            }));
        }
        for task in tasks {
            task.await?;
        }
        done += n;
        outcome.fds_max = outcome.fds_max.max(open_fds());
        if done >= next_sample || done == requests {
            next_sample += SAMPLE_EVERY;
            let rss = rss_kib();
            if done <= WARM_UP {
                outcome.rss_warm_kib = rss;
            } else {
                outcome.rss_max_kib = outcome.rss_max_kib.max(rss);
            }
            eprintln!(
                "  {done:>8} requests  RSS {:>6.1} MiB  fds {:>3}",
                rss as f64 / 1024.0,
                open_fds()
            );
        }
        if phase.closing && done < requests {
            let idle = IDLE[bursts % IDLE.len()];
            bursts += 1;
            tokio::time::sleep(idle).await;
            outcome.idle += idle;
        }
    }
    outcome.wall = started.elapsed();
    outcome.rss_end_kib = rss_kib();
    drop(client);
    // Connections close as their tasks see the client gone.
    tokio::time::sleep(Duration::from_millis(500)).await;
    outcome.fds_after = open_fds();
    let errors = errors.lock().unwrap_or_else(|p| p.into_inner());
    outcome.errors = errors.0;
    outcome.first_errors = errors.1.clone();
    Ok(outcome)
}

#[tokio::main]
async fn main() -> BoxResult<()> {
    let args = parse_args()?;
    if !nginx::installed() {
        return Ok(());
    }
    let steady = Nginx::start()?;
    let closing = Nginx::start_with(&Options {
        keepalive_timeout: Duration::from_secs(1),
        keepalive_requests: 100,
        ..Options::default()
    })?;
    let phases = [
        Phase {
            name: "HTTP/1.1, keepalive_timeout 120s",
            proto: Proto::H1,
            closing: false,
        },
        Phase {
            name: "HTTP/2, keepalive_timeout 120s",
            proto: Proto::H2,
            closing: false,
        },
        Phase {
            name: "HTTP/1.1, keepalive_timeout 1s, keepalive_requests 100, idle gaps",
            proto: Proto::H1,
            closing: true,
        },
        Phase {
            name: "HTTP/2, keepalive_timeout 1s, keepalive_requests 100, idle gaps",
            proto: Proto::H2,
            closing: true,
        },
    ];
    let phases: Vec<&Phase> = phases
        .iter()
        .enumerate()
        .filter(|(i, _)| args.phases.is_empty() || args.phases.contains(&(i + 1)))
        .map(|(_, phase)| phase)
        .collect();
    let per_phase = args.requests / phases.len() as u64;
    let fds_before = open_fds();
    eprintln!(
        "{} requests ({per_phase} per phase), {} at a time; {fds_before} fds open at start",
        per_phase * phases.len() as u64,
        args.concurrency
    );
    let mut failed = false;
    let mut rows = Vec::new();
    for phase in phases {
        eprintln!("{}:", phase.name);
        let server = if phase.closing { &closing } else { &steady };
        let o = run_phase(phase, server, per_phase, &args).await?;
        let growth = o.rss_max_kib.saturating_sub(o.rss_warm_kib);
        let busy = o.wall.saturating_sub(o.idle);
        let rate = o.requests as f64 / busy.as_secs_f64().max(1e-9);
        if o.errors > 0 {
            failed = true;
            eprintln!("  {} errors, first: {:#?}", o.errors, o.first_errors);
        }
        if growth > MAX_GROWTH_KIB {
            failed = true;
            eprintln!("  RSS grew {growth} KiB after warm-up");
        }
        if o.fds_after > fds_before {
            failed = true;
            eprintln!(
                "  {} fds open after the phase, {fds_before} before",
                o.fds_after
            );
        }
        rows.push(format!(
            "| {} | {} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {:+.1} | {} | {} |",
            phase.name,
            o.requests,
            o.errors,
            rate,
            o.wall.as_secs_f64(),
            o.rss_warm_kib as f64 / 1024.0,
            o.rss_max_kib.max(o.rss_end_kib) as f64 / 1024.0,
            growth as f64 / 1024.0,
            o.fds_max,
            o.fds_after,
        ));
    }
    println!(
        "| phase | requests | errors | requests/s (busy) | wall s | RSS after warm-up MiB | RSS max MiB | growth MiB | fds max | fds after |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in rows {
        println!("{row}");
    }
    println!(
        "fds open at start: {fds_before}, at the end: {}",
        open_fds()
    );
    if failed {
        std::process::exit(1);
    }
    Ok(())
}
