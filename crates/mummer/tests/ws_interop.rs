//! WebSocket interop with real servers: Python's `websockets` (an echo server, with and
//! without permessage-deflate) and Debian's nginx proxying WebSockets over TLS to the
//! testkit's echo. Messages of 0 B, 125 B, 126 B, 64 KiB and 16 MiB, text and binary, must
//! come back byte for byte and of the same kind.
//!
//! `websockets` comes from PyPI, installed once into a venv under `target/tmp` (or the Python
//! given by `MUMMER_WEBSOCKETS_PYTHON`); nginx from `scripts/deps.sh`. Without either the test
//! concerned prints why and passes.

use std::io::{BufRead, BufReader, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use mummer::Client;
use mummer::ws::{Message, WebSocket};
use mummer_testkit::{TestCa, WsServer};

const WEBSOCKETS_VERSION: &str = "17.1";
const NGINX: &str = "/usr/sbin/nginx";
const SIZES: [usize; 5] = [0, 125, 126, 64 << 10, 16 << 20];

/// Bytes that deflate cannot shrink to nothing (an xorshift stream), as text: printable ASCII.
fn payload(len: usize, text: bool) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9 ^ len as u32;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if text { b' ' + (x % 95) as u8 } else { x as u8 }
        })
        .collect()
}

/// Every size, text and binary, one after another, each checked on its way back.
async fn round_trips(ws: &WebSocket, what: &str) {
    for len in SIZES {
        for text in [true, false] {
            let data = payload(len, text);
            let sent = if text {
                Message::Text(Bytes::from(data.clone()))
            } else {
                Message::Binary(Bytes::from(data.clone()))
            };
            let case = format!("{what}: {len} B {}", if text { "text" } else { "binary" });
            ws.send(sent.clone())
                .await
                .unwrap_or_else(|e| panic!("{case}: send: {e}"));
            let got = tokio::time::timeout(Duration::from_secs(60), ws.recv())
                .await
                .unwrap_or_else(|_| panic!("{case}: no echo within 60 s"))
                .unwrap_or_else(|e| panic!("{case}: recv: {e}"));
            assert!(
                got == sent,
                "{case} came back as {} {} B",
                match got {
                    Message::Text(_) => "text",
                    Message::Binary(_) => "binary",
                    _ => "control",
                },
                got.data().len()
            );
        }
    }
    let close = ws.close(1000, "bye").await.expect("close handshake");
    assert_eq!(close.map(|f| f.code), Some(1000), "{what}");
}

/// A `websockets` echo server in a child process; stops when its stdin closes.
struct PyServer {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
}

impl Drop for PyServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ECHO_SERVER: &str = r#"
import asyncio, sys
from websockets.asyncio.server import serve

async def echo(ws):
    async for message in ws:
        await ws.send(message)

async def main():
    compression = "deflate" if sys.argv[1] == "deflate" else None
    async with serve(echo, "127.0.0.1", 0, compression=compression, max_size=None) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)

asyncio.run(main())
"#;

fn py_server(python: &Path, compression: &str) -> PyServer {
    let mut child = Command::new(python)
        .args(["-c", ECHO_SERVER, compression])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the websockets server");
    let stdin = child.stdin.take();
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("port line");
    let port = line.trim().parse().expect("a port number");
    PyServer { child, stdin, port }
}

#[tokio::test]
async fn python_websockets_echo_with_and_without_deflate() {
    let python = match websockets_python() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("websockets {WEBSOCKETS_VERSION} not available ({e}): skipping");
            return;
        }
    };
    for (mode, compressed) in [("deflate", true), ("none", false)] {
        let server = py_server(&python, mode);
        let ws = Client::new()
            .websocket(&format!("ws://127.0.0.1:{}/", server.port))
            .connect()
            .await
            .expect("connect");
        // websockets answers Chrome's offer with 12-bit windows both ways.
        assert_eq!(ws.compression().is_some(), compressed, "{mode}");
        if let Some(d) = ws.compression() {
            eprintln!("websockets agreed to {d:?}");
        }
        round_trips(&ws, &format!("websockets, {mode}")).await;
    }
}

#[tokio::test]
async fn nginx_proxies_websockets_over_tls() {
    if !Path::new(NGINX).exists() {
        eprintln!("nginx not installed: skipping");
        return;
    }
    let ca = TestCa::new();
    let upstream = WsServer::start(&ca.issue(&["localhost"]))
        .await
        .expect("ws server");
    let nginx = NginxProxy::start(&ca, upstream.plain_addr());
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, nginx.port));
    for (profile, deflate) in [("chrome", "1"), ("firefox", "0")] {
        let client = Client::builder()
            .impersonate(profile)
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("localhost", nginx.port, addr)
            .build()
            .expect("client");
        let url = format!(
            "wss://localhost:{}/echo?log=0&deflate={deflate}",
            nginx.port
        );
        let ws = client.websocket(&url).connect().await.expect("connect");
        assert_eq!(ws.compression().is_some(), deflate == "1", "{profile}");
        round_trips(&ws, &format!("nginx, {profile}")).await;
    }
    // nginx passed the upgrade on: the upstream saw WebSocket handshakes, not plain requests.
    let seen = upstream.connections();
    assert_eq!(seen.len(), 2, "{}", nginx.error_log());
    assert!(seen.iter().all(|c| c.target.starts_with("/echo")));
}

/// nginx terminating TLS and proxying `/` to a plain WebSocket upstream.
struct NginxProxy {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl NginxProxy {
    fn start(ca: &TestCa, upstream: SocketAddr) -> NginxProxy {
        let dir = std::env::temp_dir().join(format!(
            "mummer-ws-nginx-{}-{}",
            std::process::id(),
            upstream.port()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("nginx dir");
        ca.issue(&["localhost"])
            .write_to(&dir, "server")
            .expect("certificate");
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let d = dir.display();
        let config = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid "{d}/nginx.pid";
lock_file "{d}/nginx.lock";
error_log "{d}/error.log" warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path "{d}/client_body";
    proxy_temp_path "{d}/proxy";
    fastcgi_temp_path "{d}/fastcgi";
    uwsgi_temp_path "{d}/uwsgi";
    scgi_temp_path "{d}/scgi";
    access_log off;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate "{d}/server.pem";
        ssl_certificate_key "{d}/server.key";
        location / {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 60s;
        }}
    }}
}}
"#
        );
        std::fs::write(dir.join("nginx.conf"), config).expect("nginx.conf");
        let mut child = Command::new(NGINX)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "nginx exited with {status}: {}",
                    std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "nginx not listening after 15 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        NginxProxy { child, dir, port }
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for NginxProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A Python with websockets: `MUMMER_WEBSOCKETS_PYTHON`, or a venv under `target/tmp`,
/// created and filled from PyPI on first use.
fn websockets_python() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MUMMER_WEBSOCKETS_PYTHON") {
        let p = PathBuf::from(p);
        check(&p)?;
        return Ok(p);
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let venv = root.join(format!("websockets-{WEBSOCKETS_VERSION}-venv"));
    let python = venv.join("bin/python");
    if check(&python).is_ok() {
        return Ok(python);
    }
    // Built aside and renamed, so an interrupted install is never taken for a good one.
    let partial = root.join(format!(
        "websockets-{WEBSOCKETS_VERSION}-venv.partial-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&partial);
    run(Command::new("python3").args(["-m", "venv"]).arg(&partial))
        .map_err(|e| format!("python3 -m venv: {e}"))?;
    run(Command::new(partial.join("bin/python")).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        &format!("websockets=={WEBSOCKETS_VERSION}"),
    ]))
    .map_err(|e| format!("pip install websockets=={WEBSOCKETS_VERSION}: {e}"))?;
    let _ = std::fs::remove_dir_all(&venv);
    std::fs::rename(&partial, &venv).map_err(|e| format!("rename the venv: {e}"))?;
    check(&python)?;
    Ok(python)
}

fn check(python: &Path) -> Result<(), String> {
    let code = format!(
        "import websockets, sys; sys.exit(websockets.__version__ != {WEBSOCKETS_VERSION:?})"
    );
    run(Command::new(python).args(["-c", &code]))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        let mut err = std::io::stderr();
        let _ = err.write_all(&out.stderr);
        Err(format!(
            "{}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
