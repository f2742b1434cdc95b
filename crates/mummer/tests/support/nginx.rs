//! Runs Debian's nginx as a child process for the interop tests (`tests/nginx.rs`) and the
//! benchmark (`benches/`, which includes this file by path).
//!
//! Each [`Nginx`] gets its own directory under the system temp dir (config, certificate, pid
//! file, logs, temp paths), runs as the current user with `daemon off; master_process off;` so
//! the one child process is all there is, listens on 127.0.0.1 only, and is killed on drop.
//! Two TLS servers share one static root: [`Nginx::h2_port`] offers HTTP/2 and HTTP/1.1 by
//! ALPN, [`Nginx::h1_port`] HTTP/1.1 only.
//!
//! The files served ([`content`]) are made once per process: a deterministic 1 GiB
//! [`BIG_PATH`] written from `mummer_testkit::pattern` (its SHA-256 taken while writing), a
//! 13-byte [`SMALL_PATH`] and a text file for gzip. Directories left behind by processes that
//! no longer run are removed when the next process makes its content.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mummer_testkit::{TestCa, pattern};
use sha2::{Digest, Sha256};

/// Where Debian (and `scripts/deps.sh`) installs nginx.
pub(crate) const NGINX_BIN: &str = "/usr/sbin/nginx";

/// URL path of the 1 GiB pattern file.
pub(crate) const BIG_PATH: &str = "/big.bin";
/// Size of [`BIG_PATH`].
pub(crate) const BIG_LEN: u64 = 1 << 30;
/// URL path of the small file.
pub(crate) const SMALL_PATH: &str = "/small.txt";
/// Contents of [`SMALL_PATH`] (13 bytes).
pub(crate) const SMALL_BODY: &[u8] = b"Hello, world!";
/// URL path of the text file (served plainly; gzip-encoded under [`GZIP_PREFIX`]).
pub(crate) const TEXT_PATH: &str = "/text.txt";
/// Prefix under which the same files are served with `gzip on; gzip_types *;`.
pub(crate) const GZIP_PREFIX: &str = "/gz";
/// Prefix under which the same files are served with an access log that records nginx's
/// connection serial number (see [`Nginx::access_log`]).
pub(crate) const LOGGED_PREFIX: &str = "/logged";

/// Name prefix of every directory this module makes in the temp dir.
const DIR_PREFIX: &str = "mummer-nginx-";
const BLOCK: usize = 1 << 20;

/// Whether nginx is installed; when not, prints why the caller is skipping.
pub(crate) fn installed() -> bool {
    if Path::new(NGINX_BIN).is_file() {
        true
    } else {
        eprintln!("nginx not installed ({NGINX_BIN} missing): skipping");
        false
    }
}

/// The files every nginx of this process serves.
pub(crate) struct Content {
    /// The directory nginx serves as its root.
    pub(crate) root: PathBuf,
    /// SHA-256 of the 1 GiB file.
    pub(crate) big_sha256: [u8; 32],
    /// The text file's bytes.
    pub(crate) text: Vec<u8>,
}

/// The served files, made on first use (about 1 GiB written; a few seconds).
pub(crate) fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| make_content().expect("create the files nginx serves"))
}

fn make_content() -> io::Result<Content> {
    remove_stale_dirs();
    let root = std::env::temp_dir().join(format!("{DIR_PREFIX}{}-content", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;

    let started = Instant::now();
    let mut file = std::fs::File::create(root.join(&BIG_PATH[1..]))?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; BLOCK];
    let mut offset = 0u64;
    while offset < BIG_LEN {
        pattern::fill(offset, &mut block);
        hasher.update(&block);
        file.write_all(&block)?;
        offset += BLOCK as u64;
    }
    file.sync_data().ok();
    drop(file);
    let big_sha256: [u8; 32] = hasher.finalize().into();
    eprintln!(
        "nginx content: wrote {} MiB in {:.2} s",
        BIG_LEN >> 20,
        started.elapsed().as_secs_f64()
    );

    std::fs::write(root.join(&SMALL_PATH[1..]), SMALL_BODY)?;
    let mut text = String::new();
    for i in 0..4000u32 {
        let _ = writeln!(
            text,
            "line {i:05}: the quick brown fox jumps over the lazy dog, {} times.",
            i % 97
        );
    }
    std::fs::write(root.join(&TEXT_PATH[1..]), &text)?;
    Ok(Content {
        root,
        big_sha256,
        text: text.into_bytes(),
    })
}

/// Removes `mummer-nginx-{pid}-*` directories whose process is gone (a process that ended
/// cannot clean up after itself: its content lives in a static).
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(DIR_PREFIX)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// How to start an [`Nginx`].
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Names the server certificate is issued for.
    pub(crate) cert_names: Vec<String>,
    /// nginx's `keepalive_timeout`: an idle connection is closed after this long.
    pub(crate) keepalive_timeout: Duration,
    /// nginx's `keepalive_requests` (HTTP/1.1; for HTTP/2 the streams per connection, after
    /// which nginx sends GOAWAY).
    pub(crate) keepalive_requests: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            cert_names: vec!["localhost".into(), "127.0.0.1".into()],
            keepalive_timeout: Duration::from_secs(120),
            keepalive_requests: 100_000,
        }
    }
}

/// A running nginx; killed and its directory removed on drop.
pub(crate) struct Nginx {
    child: Child,
    dir: PathBuf,
    /// TLS port offering `h2` and `http/1.1` by ALPN.
    pub(crate) h2_port: u16,
    /// TLS port offering HTTP/1.1 only.
    pub(crate) h1_port: u16,
    /// The PEM certificate of the CA that issued the server certificate.
    pub(crate) ca_pem: String,
}

impl Nginx {
    /// Starts nginx with a certificate for `localhost` and `127.0.0.1`.
    pub(crate) fn start() -> io::Result<Nginx> {
        Nginx::start_with(&Options::default())
    }

    /// Starts nginx with `options`. Makes the served files first if this process has not yet.
    pub(crate) fn start_with(options: &Options) -> io::Result<Nginx> {
        let content = content();
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "{DIR_PREFIX}{}-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir)?;
        let ca = TestCa::new();
        let names: Vec<&str> = options.cert_names.iter().map(String::as_str).collect();
        ca.issue(&names).write_to(&dir, "server")?;
        let ca_pem = ca.ca_pem();

        // A free port can be taken between probing and nginx's bind: try again then.
        let mut last_error = None;
        for _ in 0..5 {
            let (h2_port, h1_port) = free_ports()?;
            std::fs::write(
                dir.join("nginx.conf"),
                config(&dir, &content.root, h2_port, h1_port, options),
            )?;
            let _ = std::fs::remove_file(dir.join("error.log"));
            let mut child = Command::new(NGINX_BIN)
                .arg("-p")
                .arg(&dir)
                .arg("-c")
                .arg(dir.join("nginx.conf"))
                .arg("-e")
                .arg(dir.join("error.log"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()?;
            match wait_ready(&mut child, &dir, h2_port, h1_port) {
                Ok(()) => {
                    return Ok(Nginx {
                        child,
                        dir,
                        h2_port,
                        h1_port,
                        ca_pem,
                    });
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_error = Some(e);
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        Err(last_error.unwrap_or_else(|| io::Error::other("nginx did not start")))
    }

    /// The address both servers listen on, for a client's `resolve`.
    pub(crate) fn addr(&self, port: u16) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, port))
    }

    /// `https://localhost:{port}{path}`.
    pub(crate) fn url(&self, port: u16, path: &str) -> String {
        format!("https://localhost:{port}{path}")
    }

    /// The access log of requests under [`LOGGED_PREFIX`]: one line per request,
    /// `$connection $connection_requests $request_uri`.
    pub(crate) fn access_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("access.log")).unwrap_or_default()
    }

    /// nginx's error log so far.
    pub(crate) fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits until nginx accepts connections on both ports; fails with its error log if it exits.
fn wait_ready(child: &mut Child, dir: &Path, h2_port: u16, h1_port: u16) -> io::Result<()> {
    let error_log = || std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
    let up = |port| {
        TcpStream::connect_timeout(
            &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            Duration::from_millis(200),
        )
        .is_ok()
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait()? {
            return Err(io::Error::other(format!(
                "nginx exited with {status}: {}",
                error_log()
            )));
        }
        if up(h2_port) && up(h1_port) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(io::Error::other(format!(
                "nginx not listening after 15 s: {}",
                error_log()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Two distinct ports the kernel considers free right now.
fn free_ports() -> io::Result<(u16, u16)> {
    let a = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let b = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok((a.local_addr()?.port(), b.local_addr()?.port()))
}

fn config(dir: &Path, root: &Path, h2_port: u16, h1_port: u16, options: &Options) -> String {
    let d = dir.display();
    let keepalive_requests = options.keepalive_requests;
    let keepalive_timeout = options.keepalive_timeout.as_millis();
    let r = root.display();
    // nginx 1.25.1 moved HTTP/2 to its own `http2 on;` directive; Debian 12 ships 1.22.
    let (h2_listen, h2_directive) = if modern_http2_syntax() {
        ("ssl", "http2 on;")
    } else {
        ("ssl http2", "")
    };
    let locations = format!(
        r#"
        root "{r}";
        location {GZIP_PREFIX}/ {{
            alias "{r}/";
            gzip on;
            gzip_types *;
            gzip_min_length 0;
            gzip_comp_level 1;
        }}
        location {LOGGED_PREFIX}/ {{
            alias "{r}/";
            access_log "{d}/access.log" conns;
        }}
"#
    );
    format!(
        r#"daemon off;
master_process off;
worker_processes 1;
pid "{d}/nginx.pid";
lock_file "{d}/nginx.lock";
error_log "{d}/error.log" warn;

events {{
    worker_connections 1024;
}}

http {{
    default_type application/octet-stream;
    types {{
        text/plain txt;
    }}
    client_body_temp_path "{d}/client_body";
    proxy_temp_path "{d}/proxy";
    fastcgi_temp_path "{d}/fastcgi";
    uwsgi_temp_path "{d}/uwsgi";
    scgi_temp_path "{d}/scgi";

    access_log off;
    log_format conns '$connection $connection_requests $request_uri';

    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests {keepalive_requests};
    keepalive_timeout {keepalive_timeout}ms;
    http2_max_concurrent_streams 256;
    http2_chunk_size 16k;

    ssl_certificate "{d}/server.pem";
    ssl_certificate_key "{d}/server.key";
    ssl_protocols TLSv1.2 TLSv1.3;

    server {{
        listen 127.0.0.1:{h2_port} {h2_listen};
        {h2_directive}
        server_name localhost;
        {locations}
    }}

    server {{
        listen 127.0.0.1:{h1_port} ssl;
        server_name localhost;
        {locations}
    }}
}}
"#
    )
}

/// Whether the installed nginx is 1.25.1 or newer (`nginx -v` prints to stderr).
fn modern_http2_syntax() -> bool {
    static MODERN: OnceLock<bool> = OnceLock::new();
    *MODERN.get_or_init(|| {
        let Ok(out) = Command::new(NGINX_BIN).arg("-v").output() else {
            return false;
        };
        let text = String::from_utf8_lossy(&out.stderr);
        let Some(version) = text.split("nginx/").nth(1) else {
            return false;
        };
        let parts: Vec<u32> = version
            .split_whitespace()
            .next()
            .unwrap_or("")
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        let v = (
            parts.first().copied().unwrap_or(0),
            parts.get(1).copied().unwrap_or(0),
            parts.get(2).copied().unwrap_or(0),
        );
        v >= (1, 25, 1)
    })
}
