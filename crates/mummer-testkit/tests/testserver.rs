//! The `mummer-testserver` binary: its JSON line, that every server it lists answers, and that
//! it stops quickly (and cleans up) on stdin EOF and on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn start(args: &[&str]) -> (Child, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mummer-testserver"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn mummer-testserver");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the JSON line");
    let info: Value = serde_json::from_str(&line).expect("one JSON line");
    (child, info)
}

fn port(info: &Value, name: &str) -> u16 {
    info["ports"][name]
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
        .unwrap_or_else(|| panic!("ports.{name} in {info}"))
}

/// Waits up to `limit` for the child to exit; its exit status, or `None` (it is then killed).
fn wait_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// An HTTP/1.1 GET with `Connection: close` over `stream`; the whole response.
fn get<S: Read + Write>(mut stream: S, path: &str) -> String {
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .expect("write");
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    s
}

/// The ALPN protocol a TLS server picks for `host` when offered h2 and http/1.1, after the
/// certificate verified against the CA file.
fn alpn(ca_file: &Path, port: u16, host: &str) -> Option<Vec<u8>> {
    let ca = std::fs::read_to_string(ca_file).expect("read CA");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let connector = mummer_testkit::tls::connector(&ca, &[b"h2", b"http/1.1"]);
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let tls = mummer_testkit::tls::connect(&connector, host, tcp)
            .await
            .expect("TLS handshake verifying the CA");
        tls.ssl().selected_alpn_protocol().map(<[u8]>::to_vec)
    })
}

#[test]
fn serves_everything_it_lists_and_stops_on_stdin_eof() {
    let (mut child, info) = start(&[]);
    assert_eq!(info["mummer_testserver"], 1);
    assert_eq!(info["host"], "127.0.0.1");
    let dir = PathBuf::from(info["dir"].as_str().expect("dir"));
    let ca_file = PathBuf::from(info["ca_file"].as_str().expect("ca_file"));
    assert!(ca_file.starts_with(&dir));
    let pem = std::fs::read_to_string(&ca_file).expect("CA file");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
    for name in ["http", "https", "h2c", "capture", "proxy_http"] {
        let url = info["urls"][name].as_str().expect("url");
        assert!(url.ends_with(&format!(":{}", port(&info, name))), "{url}");
    }

    let resp = get(connect(port(&info, "http")), "/small");
    assert!(resp.ends_with("\r\n\r\nhello, world\n"), "{resp}");
    // h2c speaks only HTTP/2: an HTTP/1.1 request gets no HTTP/1.1 answer.
    let resp = get(connect(port(&info, "h2c")), "/small");
    assert!(!resp.starts_with("HTTP/1.1"), "{resp}");

    assert_eq!(
        alpn(&ca_file, port(&info, "https"), "localhost").as_deref(),
        Some(&b"h2"[..])
    );
    assert_eq!(
        alpn(&ca_file, port(&info, "https"), "127.0.0.1").as_deref(),
        Some(&b"h2"[..])
    );
    assert_eq!(
        alpn(&ca_file, port(&info, "https_h1"), "origin.test").as_deref(),
        Some(&b"http/1.1"[..])
    );
    assert!(alpn(&ca_file, port(&info, "capture"), "fp.test").is_some());

    // HTTP proxy: CONNECT to a name only the proxy resolves.
    let mut s = connect(port(&info, "proxy_http"));
    let http = port(&info, "http");
    s.write_all(format!("CONNECT origin.test:{http} HTTP/1.1\r\n\r\n").as_bytes())
        .expect("write");
    let expected = b"HTTP/1.1 200 Connection established\r\n\r\n";
    let mut established = vec![0u8; expected.len()];
    s.read_exact(&mut established).expect("CONNECT answer");
    assert_eq!(established, expected);
    assert!(get(s, "/small").ends_with("hello, world\n"));
    // The authenticating one wants the credentials of `proxy_auth`.
    let mut s = connect(port(&info, "proxy_http_auth"));
    s.write_all(format!("GET http://origin.test:{http}/small HTTP/1.1\r\n\r\n").as_bytes())
        .expect("write");
    let mut answer = [0u8; 12];
    s.read_exact(&mut answer).expect("407");
    assert_eq!(&answer, b"HTTP/1.1 407");
    let auth = info["proxy_auth"]["proxy_authorization"]
        .as_str()
        .expect("auth");
    let mut s = connect(port(&info, "proxy_http_auth"));
    s.write_all(
        format!(
            "GET http://origin.test:{http}/small HTTP/1.1\r\nProxy-Authorization: {auth}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )
    .expect("write");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    assert!(out.ends_with("hello, world\n"), "{out}");

    // SOCKS5 with a domain name.
    let mut s = connect(port(&info, "proxy_socks5"));
    s.write_all(&[5, 1, 0]).expect("greeting");
    let mut reply = [0u8; 2];
    s.read_exact(&mut reply).expect("method");
    assert_eq!(reply, [5, 0]);
    let name = b"localhost";
    let mut req = vec![5, 1, 0, 3, name.len() as u8];
    req.extend_from_slice(name);
    req.extend_from_slice(&http.to_be_bytes());
    s.write_all(&req).expect("connect request");
    let mut reply = [0u8; 10];
    s.read_exact(&mut reply).expect("connect reply");
    assert_eq!(reply[1], 0);
    assert!(get(s, "/small").ends_with("hello, world\n"));

    // A stall in progress must not delay the exit.
    let mut stalled = connect(http);
    stalled
        .write_all(b"GET /stall/100?at=1&secs=600 HTTP/1.1\r\n\r\n")
        .expect("write");
    let mut head = [0u8; 16];
    stalled.read_exact(&mut head).expect("stall head");

    drop(child.stdin.take());
    let start = Instant::now();
    let status = wait_exit(&mut child, Duration::from_secs(5)).expect("exits on stdin EOF");
    assert!(status.success(), "{status:?}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(!dir.exists(), "its temp dir is removed");
    assert!(TcpStream::connect(("127.0.0.1", http)).is_err());
}

#[test]
fn stops_on_sigterm_and_keeps_a_given_dir() {
    let dir = std::env::temp_dir().join(format!("mummer-testserver-test-{}", std::process::id()));
    let (mut child, info) = start(&["--dir", dir.to_str().expect("utf-8"), "--no-stdin"]);
    assert_eq!(
        PathBuf::from(info["ca_file"].as_str().expect("ca_file")),
        dir.join("ca.pem")
    );
    assert_eq!(info["pid"], child.id());
    // Closing stdin does nothing with --no-stdin.
    drop(child.stdin.take());
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().expect("try_wait").is_none());
    let resp = get(connect(port(&info, "http")), "/small");
    assert!(resp.ends_with("hello, world\n"));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = wait_exit(&mut child, Duration::from_secs(5)).expect("exits on SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(dir.join("ca.pem").exists(), "a given dir is left alone");
    let _ = std::fs::remove_dir_all(&dir);

    let out = Command::new(env!("CARGO_BIN_EXE_mummer-testserver"))
        .arg("--bogus")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
