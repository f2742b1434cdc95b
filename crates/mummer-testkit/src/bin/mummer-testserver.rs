//! `mummer-testserver`: every test server the Python test suite needs, in one process started
//! once per test session.
//!
//! ```text
//! mummer-testserver [--dir DIR] [--no-stdin]
//! ```
//!
//! On start it makes a throwaway CA ([`mummer_testkit::TestCa`]), writes its certificate to
//! `DIR/ca.pem` (`DIR` is a fresh directory under the system temp dir unless `--dir` names one;
//! a fresh one is removed again at exit), starts the servers below on `127.0.0.1` with
//! OS-chosen ports, and prints **one JSON line** on stdout once all of them accept
//! connections. Nothing else is ever written to stdout (diagnostics go to stderr).
//!
//! It serves until its **stdin reaches EOF** (so a crashed test run never leaves it behind:
//! start it with a pipe on stdin and keep the pipe open; closing it stops the server), or it
//! gets SIGTERM, SIGINT or SIGHUP. Either way it removes the directory it created and exits
//! with status 0 within milliseconds, whatever the connections are doing. `--no-stdin` ignores
//! stdin (for starting it by hand in the background); then only a signal stops it.
//!
//! # The JSON line
//!
//! ```json
//! {"mummer_testserver": 1, "pid": 4242, "host": "127.0.0.1",
//!  "dir": "/tmp/mummer-testserver-4242-18c…", "ca_file": "/tmp/mummer-testserver-4242-18c…/ca.pem",
//!  "ports": {"http": 40001, "h2c": 40002, "https": 40003, "https_h1": 40004, "capture": 40005,
//!            "proxy_http": 40006, "proxy_socks5": 40007,
//!            "proxy_http_auth": 40008, "proxy_socks5_auth": 40009},
//!  "urls": {"http": "http://127.0.0.1:40001", "h2c": "http://127.0.0.1:40002",
//!           "https": "https://localhost:40003", "https_h1": "https://localhost:40004",
//!           "capture": "https://localhost:40005",
//!           "proxy_http": "http://127.0.0.1:40006", "proxy_socks5": "socks5://127.0.0.1:40007",
//!           "proxy_http_auth": "http://user:pass@127.0.0.1:40008",
//!           "proxy_socks5_auth": "socks5://user:pass@127.0.0.1:40009"},
//!  "tls_hostnames": {"https": ["localhost", "127.0.0.1", "origin.test"],
//!                    "https_h1": ["localhost", "127.0.0.1", "origin.test"],
//!                    "capture": ["fp.test", "localhost", "127.0.0.1"]},
//!  "aliases": {"origin.test": "127.0.0.1", "fp.test": "127.0.0.1"},
//!  "resolve": ["fp.test:40005:127.0.0.1", "origin.test:40003:127.0.0.1",
//!              "origin.test:40004:127.0.0.1", "origin.test:40001:127.0.0.1",
//!              "origin.test:40002:127.0.0.1"],
//!  "proxy_auth": {"user": "user", "password": "pass",
//!                 "proxy_authorization": "Basic dXNlcjpwYXNz"}}
//! ```
//!
//! - `mummer_testserver`: the format version (1); fields are only ever added.
//! - `pid`: this process. `host`: the address every server listens on (always `127.0.0.1`).
//! - `dir`, `ca_file`: the directory and the CA certificate (PEM) to trust for every TLS port.
//! - `ports` / `urls` (the same servers, as base URLs without a trailing slash):
//!   - `http`: [`ContentServer`], plain HTTP/1.1.
//!   - `h2c`: the content server, plain-TCP HTTP/2 with prior knowledge only (an HTTP/1.1
//!     request there fails).
//!   - `https`: the content server over TLS, ALPN `h2` (preferred) and `http/1.1`.
//!   - `https_h1`: the content server over TLS, ALPN `http/1.1` only (a client offering only
//!     `h2` gets no ALPN answer and then speaks HTTP/1.1 or fails).
//!   - `capture`: [`CaptureServer`] over TLS (`h2` or
//!     `http/1.1`, the client's first choice): every request is answered with the JSON summary
//!     of the fingerprint it showed (JA3/JA4, Akamai, header order, ...).
//!   - `proxy_http`: [`ProxyServer`], HTTP `CONNECT` and
//!     absolute-form forwarding; `proxy_socks5`: SOCKS5 (no authentication, CONNECT).
//!   - `proxy_http_auth`, `proxy_socks5_auth`: the same, demanding the credentials of
//!     `proxy_auth` (HTTP: 407 unless `Proxy-Authorization` is exactly
//!     `proxy_auth.proxy_authorization`; SOCKS5: user/password authentication).
//!
//!   Every proxy resolves `localhost`, `origin.test` and `fp.test` to 127.0.0.1 (any port) and
//!   connects to IP literals as given; other names fail (HTTP 502, SOCKS5 "host unreachable").
//! - `tls_hostnames`: the names on each TLS server's certificate (IP SAN for `127.0.0.1`).
//! - `aliases`: extra names on the certificates that do not resolve by DNS: map them to the
//!   address yourself (a `--resolve`-style override), or reach them through a proxy (which
//!   resolves them). `resolve`: the same as curl-style `HOST:PORT:ADDR` entries, for the
//!   capture server (`fp.test`) and the content servers (`origin.test`).
//!
//! The routes of the content servers are in the module docs of `mummer_testkit::content`.
#![allow(unsafe_code)] // Only `signals`: blocking SIGTERM/SIGINT/SIGHUP and waiting for them.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use mummer_testkit::{
    CaptureServer, ContentOptions, ContentServer, ProxyOptions, ProxyProtocol, ProxyServer, TestCa,
};

const USAGE: &str = "usage: mummer-testserver [--dir DIR] [--no-stdin]\n\
    Starts mummer's test servers on 127.0.0.1, prints one JSON line (ports, CA file, names),\n\
    and serves until stdin reaches EOF or a SIGTERM/SIGINT/SIGHUP arrives.\n";

const PROXY_USER: &str = "user";
const PROXY_PASSWORD: &str = "pass";
/// `Basic` + base64 of `user:pass`.
const PROXY_AUTHORIZATION: &str = "Basic dXNlcjpwYXNz";
/// Names the proxies resolve to 127.0.0.1.
const PROXY_NAMES: [&str; 3] = ["localhost", "origin.test", "fp.test"];
const CONTENT_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "origin.test"];
const CAPTURE_NAMES: [&str; 3] = ["fp.test", "localhost", "127.0.0.1"];
/// How often logs the servers keep for in-process tests are dropped.
const CLEAR_EVERY: Duration = Duration::from_secs(2);

struct Args {
    dir: Option<PathBuf>,
    watch_stdin: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dir: None,
        watch_stdin: true,
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("--dir") => {
                args.dir = Some(it.next().ok_or("--dir needs a directory")?.into());
            }
            Some("--no-stdin") => args.watch_stdin = false,
            Some("-h" | "--help") => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(args)
}

fn main() {
    // Before any other thread exists, so every thread inherits the mask and only `sigwait`
    // below sees these signals.
    let signals = signals::block();
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprint!("mummer-testserver: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let (dir, owned) = match args.dir {
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(&dir) {
                fail(&format!("create {}: {e}", dir.display()));
            }
            (dir, false)
        }
        None => match fresh_dir() {
            Ok(dir) => (dir, true),
            Err(e) => fail(&format!("create a temp dir: {e}")),
        },
    };
    let created = owned.then(|| dir.clone());
    let cleanup = move || {
        if let Some(dir) = &created {
            let _ = std::fs::remove_dir_all(dir);
        }
    };

    let (stop_tx, stop_rx) = mpsc::channel::<String>();
    {
        let tx = stop_tx.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                let sig = signals::wait(&signals);
                let _ = tx.send(format!("signal {sig}"));
            })
            .unwrap_or_else(|e| fail(&format!("spawn: {e}")));
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mummer-testserver")
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(&format!("runtime: {e}")));
    let ca = TestCa::new();
    let ca_file = ca
        .write_ca_pem(&dir)
        .unwrap_or_else(|e| fail(&format!("write ca.pem: {e}")));
    let servers = runtime.block_on(start(&ca));
    let line = servers.json(&dir, &ca_file);
    {
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            cleanup();
            std::process::exit(1);
        }
    }

    if args.watch_stdin {
        let tx = stop_tx.clone();
        std::thread::Builder::new()
            .name("stdin".into())
            .spawn(move || {
                let mut stdin = std::io::stdin().lock();
                let mut buf = [0u8; 4096];
                loop {
                    match stdin.read(&mut buf) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send("stdin closed".into());
            })
            .unwrap_or_else(|e| fail(&format!("spawn: {e}")));
    }

    // Servers keep logs for in-process tests (captures, proxy lines, /flaky hits); nobody reads
    // them here, so drop them now and then to keep memory flat over a long session.
    let housekeeping = servers.clone();
    runtime.spawn(async move {
        let mut tick = tokio::time::interval(CLEAR_EVERY);
        loop {
            tick.tick().await;
            housekeeping.clear_logs();
        }
    });

    let why = stop_rx
        .recv()
        .unwrap_or_else(|_| "stop channel closed".into());
    cleanup();
    eprintln!("mummer-testserver: stopping ({why})");
    // Exit at once: connections in the middle of a stall or a slow drip must not hold us up,
    // and the OS closes every socket.
    std::process::exit(0);
}

fn fail(msg: &str) -> ! {
    eprintln!("mummer-testserver: {msg}");
    std::process::exit(1);
}

/// A new directory under the temp dir, named after the pid and the time.
fn fresh_dir() -> std::io::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "mummer-testserver-{}-{nanos:x}",
        std::process::id()
    ));
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

struct Servers {
    http: ContentServer,
    h2c: ContentServer,
    https: ContentServer,
    https_h1: ContentServer,
    capture: CaptureServer,
    proxy_http: ProxyServer,
    proxy_socks5: ProxyServer,
    proxy_http_auth: ProxyServer,
    proxy_socks5_auth: ProxyServer,
}

async fn start(ca: &TestCa) -> Arc<Servers> {
    let content_id = ca.issue(&CONTENT_NAMES);
    let proxy = |protocol, credentials: Option<&str>| {
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        let mut opts = ProxyOptions::new(protocol, PROXY_NAMES[0], loopback);
        for name in &PROXY_NAMES[1..] {
            opts.hosts.insert((*name).to_string(), loopback);
        }
        opts.credentials = credentials.map(str::to_string);
        ProxyServer::start(opts)
    };
    let socks_credentials = format!("{PROXY_USER}:{PROXY_PASSWORD}");
    Arc::new(Servers {
        http: ContentServer::start(ContentOptions::plain()).await,
        h2c: ContentServer::start(ContentOptions {
            tls: None,
            h2: true,
            h1: false,
        })
        .await,
        https: ContentServer::start(ContentOptions::tls(content_id.clone())).await,
        https_h1: ContentServer::start(ContentOptions {
            tls: Some(content_id),
            h2: false,
            h1: true,
        })
        .await,
        capture: CaptureServer::start(ca.issue(&CAPTURE_NAMES)).await,
        proxy_http: proxy(ProxyProtocol::Http, None).await,
        proxy_socks5: proxy(ProxyProtocol::Socks5, None).await,
        proxy_http_auth: proxy(ProxyProtocol::Http, Some(PROXY_AUTHORIZATION)).await,
        proxy_socks5_auth: proxy(ProxyProtocol::Socks5, Some(&socks_credentials)).await,
    })
}

impl Servers {
    fn clear_logs(&self) {
        for content in [&self.http, &self.h2c, &self.https, &self.https_h1] {
            content.clear_flaky_hits();
        }
        self.capture.clear();
        for proxy in [
            &self.proxy_http,
            &self.proxy_socks5,
            &self.proxy_http_auth,
            &self.proxy_socks5_auth,
        ] {
            proxy.clear_log();
        }
    }

    fn json(&self, dir: &std::path::Path, ca_file: &std::path::Path) -> serde_json::Value {
        let p = |port: u16| serde_json::Value::from(port);
        let (http, h2c, https, https_h1, capture) = (
            self.http.port(),
            self.h2c.port(),
            self.https.port(),
            self.https_h1.port(),
            self.capture.port(),
        );
        let (ph, ps, pha, psa) = (
            self.proxy_http.addr().port(),
            self.proxy_socks5.addr().port(),
            self.proxy_http_auth.addr().port(),
            self.proxy_socks5_auth.addr().port(),
        );
        let auth = format!("{PROXY_USER}:{PROXY_PASSWORD}@");
        serde_json::json!({
            "mummer_testserver": 1,
            "pid": std::process::id(),
            "host": "127.0.0.1",
            "dir": dir.display().to_string(),
            "ca_file": ca_file.display().to_string(),
            "ports": {
                "http": p(http), "h2c": p(h2c), "https": p(https), "https_h1": p(https_h1),
                "capture": p(capture),
                "proxy_http": p(ph), "proxy_socks5": p(ps),
                "proxy_http_auth": p(pha), "proxy_socks5_auth": p(psa),
            },
            "urls": {
                "http": format!("http://127.0.0.1:{http}"),
                "h2c": format!("http://127.0.0.1:{h2c}"),
                "https": format!("https://localhost:{https}"),
                "https_h1": format!("https://localhost:{https_h1}"),
                "capture": format!("https://localhost:{capture}"),
                "proxy_http": format!("http://127.0.0.1:{ph}"),
                "proxy_socks5": format!("socks5://127.0.0.1:{ps}"),
                "proxy_http_auth": format!("http://{auth}127.0.0.1:{pha}"),
                "proxy_socks5_auth": format!("socks5://{auth}127.0.0.1:{psa}"),
            },
            "tls_hostnames": {
                "https": CONTENT_NAMES,
                "https_h1": CONTENT_NAMES,
                "capture": CAPTURE_NAMES,
            },
            "aliases": { "origin.test": "127.0.0.1", "fp.test": "127.0.0.1" },
            "resolve": [
                format!("fp.test:{capture}:127.0.0.1"),
                format!("origin.test:{https}:127.0.0.1"),
                format!("origin.test:{https_h1}:127.0.0.1"),
                format!("origin.test:{http}:127.0.0.1"),
                format!("origin.test:{h2c}:127.0.0.1"),
            ],
            "proxy_auth": {
                "user": PROXY_USER,
                "password": PROXY_PASSWORD,
                "proxy_authorization": PROXY_AUTHORIZATION,
            },
        })
    }
}

/// Termination signals, taken synchronously: blocked in every thread, awaited by one.
mod signals {
    pub(crate) type Set = libc::sigset_t;

    /// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (and the threads it starts).
    pub(crate) fn block() -> Set {
        // SAFETY: sigemptyset/sigaddset initialise the zeroed set they are given;
        // pthread_sigmask only reads it. Nothing here touches memory Rust owns otherwise.
        unsafe {
            let mut set: Set = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
                libc::sigaddset(&mut set, sig);
            }
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            set
        }
    }

    /// Waits for one of the signals of `set` and returns its number.
    pub(crate) fn wait(set: &Set) -> i32 {
        let mut sig = 0;
        loop {
            // SAFETY: `set` was initialised by `block`; `sig` is a valid out pointer.
            if unsafe { libc::sigwait(set, &mut sig) } == 0 {
                return sig;
            }
        }
    }
}
