//! The `mummer` binary, run as a user would run it.

use std::path::PathBuf;
use std::process::{Command, Output};

use mummer_testkit::{
    ContentOptions, ContentServer, H2ScriptServer, H2Step, ProxyOptions, ProxyProtocol,
    ProxyServer, ScriptServer, Step, TestCa, pattern,
};

const PROXY_VARS: [&str; 7] = [
    "http_proxy",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// `mummer` with `args`, in an environment without proxy variables (the CLI honours them).
fn mummer(args: &[&str]) -> Output {
    mummer_env(args, &[])
}

fn mummer_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mummer"));
    for var in PROXY_VARS {
        cmd.env_remove(var);
    }
    cmd.args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run mummer")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mummer-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_runs_every_check() {
    let out = mummer(&["demo", "--download-mib", "16"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", stderr(&out));
    assert!(stdout.contains("all checks passed"), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn download_to_file_is_complete_and_leaves_no_part_file() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let dir = scratch("ok");
    let file = dir.join("out.bin");
    let url = format!("http://127.0.0.1:{}/bytes/300000", server.port());
    let out = mummer(&["-s", "-o", file.to_str().expect("utf8 path"), &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    let body = std::fs::read(&file).expect("file written");
    assert_eq!(body.len(), 300_000);
    assert!(pattern::verify(0, &body).is_ok());
    assert!(!dir.join("out.bin.part").exists());
}

#[test]
fn truncated_download_exits_18_with_one_line_and_never_looks_complete() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let dir = scratch("cut");
    let file = dir.join("out.bin");
    let url = format!("http://127.0.0.1:{}/truncated/100000", server.port());
    let out = mummer(&["-s", "-o", file.to_str().expect("utf8 path"), &url]);
    assert_eq!(out.status.code(), Some(18), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("received 50000 of 100000 bytes"), "{err}");
    assert!(
        !file.exists(),
        "a partial download must not take the final name"
    );
    assert_eq!(
        std::fs::metadata(dir.join("out.bin.part"))
            .expect("part file")
            .len(),
        50_000
    );
}

#[test]
fn truncated_body_to_stdout_exits_non_zero() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let url = format!("http://127.0.0.1:{}/truncated/10000", server.port());
    let out = mummer(&["-s", &url]);
    assert_eq!(out.status.code(), Some(18), "{}", stderr(&out));
    assert_eq!(out.stdout.len(), 5000);
}

#[test]
fn headers_json_include_and_tls_options() {
    let ca = TestCa::new();
    let dir = scratch("tls");
    let ca_file = ca.write_ca_pem(&dir).expect("ca file");
    let server = ContentServer::spawn_on_thread(ContentOptions::tls(ca.issue(&["localhost"])));
    let port = server.port();
    let resolve = format!("localhost:{port}:127.0.0.1");
    let url = format!("https://localhost:{port}/echo");
    let out = mummer(&[
        "-s",
        "-i",
        "--http1.1",
        "--cacert",
        ca_file.to_str().expect("utf8"),
        "--resolve",
        &resolve,
        "-H",
        "X-Custom: yes",
        "--json",
        "{\"a\":1}",
        &url,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("HTTP/1.1 200 OK\r\n"), "{stdout}");
    assert!(stdout.contains("\"POST\""), "{stdout}");
    assert!(stdout.contains("X-Custom"), "{stdout}");
    assert!(stdout.contains("application/json"), "{stdout}");
    // Without the CA the same request fails verification: curl's exit code 60.
    let out = mummer(&["-s", "--resolve", &resolve, &url]);
    assert_eq!(out.status.code(), Some(60), "{}", stderr(&out));
    // -k opts out.
    let out = mummer(&["-s", "-k", "--resolve", &resolve, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn usage_and_connection_errors_have_distinct_exit_codes() {
    let out = mummer(&[]);
    assert_eq!(out.status.code(), Some(2));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let out = mummer(&["-s", &format!("http://127.0.0.1:{port}/")]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let out = mummer(&["-s", "--resolve", "bad", "http://x/"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A misspelt fingerprint override is named, before any connection is tried.
    let out = mummer(&[
        "-s",
        "--impersonate",
        "chrome",
        "--fp-override",
        "[tls]\nrecord_size_limt = 4097",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("record_size_limt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn interrupted_download_resumes_with_continue_at() {
    let dir = scratch("resume");
    let file = dir.join("big.bin");
    let out_arg = file.to_str().expect("utf8 path");
    let part = dir.join("big.bin.part");
    let note = dir.join("big.bin.part.resume");

    // The first attempt is cut after 100,000 of 300,000 bytes.
    let mut cut =
        b"HTTP/1.1 200 OK\r\nContent-Length: 300000\r\nETag: \"pattern-300000\"\r\n\r\n".to_vec();
    cut.extend(pattern::bytes(0, 100_000));
    let flaky =
        ScriptServer::spawn_on_thread(vec![vec![Step::ReadRequest, Step::Write(cut), Step::Close]]);
    let url = format!("http://127.0.0.1:{}/bytes/300000", flaky.port());
    let out = mummer(&["-s", "-o", out_arg, &url]);
    assert_eq!(out.status.code(), Some(18), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&part).expect("part kept").len(), 100_000);
    assert!(!file.exists());

    // The resumed transfer is cut too: exit 18 again, and the part keeps what did arrive.
    let mut cut = b"HTTP/1.1 206 Partial Content\r\nContent-Length: 200000\r\n\
        Content-Range: bytes 100000-299999/300000\r\nETag: \"pattern-300000\"\r\n\r\n"
        .to_vec();
    cut.extend(pattern::bytes(100_000, 50_000));
    let flaky =
        ScriptServer::spawn_on_thread(vec![vec![Step::ReadRequest, Step::Write(cut), Step::Close]]);
    let url = format!("http://127.0.0.1:{}/bytes/300000", flaky.port());
    let out = mummer(&["-C", "-", "-o", out_arg, &url]);
    assert_eq!(out.status.code(), Some(18), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&part).expect("part kept").len(), 150_000);
    assert!(note.exists() && !file.exists());

    // Resumed against a server with the same entity: only the rest is asked for and appended.
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let url = format!("http://127.0.0.1:{}/bytes/300000", server.port());
    let out = mummer(&["-C", "-", "-o", out_arg, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("starting over"), "{}", stderr(&out));
    let body = std::fs::read(&file).expect("file");
    assert_eq!(body.len(), 300_000);
    assert!(pattern::verify(0, &body).is_ok());
    assert!(!part.exists() && !note.exists());

    // A part file of another entity (validator mismatch): the server sends it whole.
    std::fs::write(&part, vec![0u8; 5000]).expect("part");
    std::fs::write(&note, "validator \"pattern-999\"\n").expect("note");
    let out = mummer(&["-C", "-", "-o", out_arg, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("starting over"), "{}", stderr(&out));
    let body = std::fs::read(&file).expect("file");
    assert!(body.len() == 300_000 && pattern::verify(0, &body).is_ok());

    // A part file that is already whole: 416 with the same length completes it.
    std::fs::write(&part, pattern::bytes(0, 300_000)).expect("part");
    std::fs::write(&note, "validator \"pattern-300000\"\n").expect("note");
    std::fs::remove_file(&file).expect("rm");
    let out = mummer(&["-s", "-C", "-", "-o", out_arg, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("starting over"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).expect("file").len(), 300_000);

    // Only `-C -`, and only with -o.
    assert_eq!(
        mummer(&["-C", "100", "-o", out_arg, &url]).status.code(),
        Some(2)
    );
    assert_eq!(mummer(&["-C", "-", &url]).status.code(), Some(2));
}

#[test]
fn proxy_from_option_or_environment() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let mut opts = ProxyOptions::new(ProxyProtocol::Http, "origin.test", server.addr());
    // base64("user:pass")
    opts.credentials = Some("Basic dXNlcjpwYXNz".into());
    let proxy = ProxyServer::spawn_on_thread(opts);
    let url = format!("http://origin.test:{}/bytes/2000", server.port());
    let with_auth = format!("http://user:pass@{}", proxy.addr());
    let out = mummer(&["-s", "-x", &with_auth, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pattern::verify(0, &out.stdout).is_ok() && out.stdout.len() == 2000);
    let out = mummer_env(&["-s", &url], &[("http_proxy", &with_auth)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout.len(), 2000);
    // NO_PROXY sends it direct, where origin.test does not resolve.
    let out = mummer_env(
        &["-s", &url],
        &[("http_proxy", &with_auth), ("NO_PROXY", "origin.test")],
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    // An https tunnel the proxy refuses for want of credentials: curl's exit code 56.
    let https = format!("https://origin.test:{}/", server.port());
    let out = mummer(&["-s", "-x", &format!("http://{}", proxy.addr()), &https]);
    assert_eq!(out.status.code(), Some(56), "{}", stderr(&out));
    assert!(stderr(&out).contains("407"), "{}", stderr(&out));
    assert_eq!(proxy.log().len(), 3);
}

#[test]
fn fingerprint_list_shows_every_profile() {
    let out = mummer(&["fingerprint", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"chrome_156"), "{stdout}");
    assert!(names.contains(&"firefox_esr_153"), "{stdout}");
    assert!(stdout.contains("aliases: "), "{stdout}");
}

/// `mummer fingerprint serve --port 0`, stopped (killed) on drop; its stdout arrives line by line.
struct Serve {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Serve {
    fn start() -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mummer"))
            .args(["fingerprint", "serve", "--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start mummer fingerprint serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Serve { child, lines }
    }

    /// The next stdout line containing `needle` (10 s at most).
    fn line_with(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no line containing {needle:?}: {e}"));
            if line.contains(needle) {
                return line;
            }
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn fingerprint_serve_prints_one_line_per_request() {
    use std::io::{Read, Write};

    let serve = Serve::start();
    let first = serve.line_with("listening on https://localhost:");
    let port: u16 = first
        .split("https://localhost:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    let ca_line = serve.line_with("throwaway CA certificate: ");
    let ca_file = ca_line
        .split("throwaway CA certificate: ")
        .nth(1)
        .expect("CA path")
        .to_owned();
    let hint = serve.line_with("curl --cacert");
    assert!(hint.contains(&ca_file), "{hint}");

    // Plain HTTP/1.1 on the same port.
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    tcp.write_all(
        b"GET /plain HTTP/1.1\r\nHost: localhost\r\nUser-Agent: cli-raw/1\r\nConnection: close\r\n\r\n",
    )
    .expect("write");
    let mut response = Vec::new();
    tcp.read_to_end(&mut response).expect("read");
    let response = String::from_utf8(response).expect("utf8");
    let (head, body) = response.split_once("\r\n\r\n").expect("head");
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    let json: serde_json::Value = serde_json::from_str(body).expect("json body");
    assert_eq!(json["http1"]["target"], "/plain");
    let line = serve.line_with("cli-raw/1");
    assert!(
        line.contains("GET /plain") && line.contains("Host,User-Agent,Connection"),
        "{line}"
    );

    // HTTPS with the printed CA, using mummer itself as the client.
    let url = format!("https://localhost:{port}/tls");
    let resolve = format!("localhost:{port}:127.0.0.1");
    let out = mummer(&["-s", "--cacert", &ca_file, "--resolve", &resolve, &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json body");
    let ja4 = json["tls"]["ja4"].as_str().expect("ja4").to_owned();
    let line = serve.line_with("/tls");
    assert!(line.contains(&format!("JA4 {ja4}")), "{line}");
    assert!(line.contains("JA3N "), "{line}");
}

/// HTTP/2 bodies that end wrong: exit 18 with a one-line reason that says what happened, and
/// the part file holds exactly the bytes that arrived before the error (what a resume builds
/// on).
#[test]
fn http2_body_errors_exit_18_with_the_reason_and_keep_every_byte() {
    let ca = TestCa::new();
    let dir = scratch("h2-reasons");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).expect("write CA");
    let head = |length: &str| H2Step::Headers {
        status: 200,
        headers: vec![("content-length".into(), length.into())],
    };
    let cases = [
        (
            vec![
                head("20000"),
                H2Step::Data(pattern::bytes(0, 32768)),
                H2Step::End,
            ],
            20000,
            "body longer than its content-length: received 32768 bytes, more than the \
             content-length of 20000",
        ),
        (
            vec![head("30000"), H2Step::DataEnd(pattern::bytes(0, 20000))],
            20000,
            "truncated: received 20000 of 30000 bytes",
        ),
        (
            vec![
                head("1000"),
                H2Step::Data(pattern::bytes(0, 400)),
                H2Step::GoAwayAbrupt(0),
            ],
            400,
            "connection ended by GOAWAY (code 0 NO_ERROR, last stream id 1) after 400 bytes",
        ),
    ];
    for (i, (script, delivered, reason)) in cases.into_iter().enumerate() {
        let server = H2ScriptServer::spawn_on_thread(script, ca.issue(&["localhost"]));
        let file = dir.join(format!("out{i}.bin"));
        let url = format!("https://localhost:{}/h2", server.port());
        let resolve = format!("localhost:{}:127.0.0.1", server.port());
        let out = mummer(&[
            "-s",
            "--cacert",
            ca_file.to_str().expect("utf8"),
            "--resolve",
            &resolve,
            "-o",
            file.to_str().expect("utf8"),
            &url,
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(18), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(reason), "case {i}: {err}");
        assert!(!err.contains("broken pipe"), "case {i}: {err}");
        let part = std::fs::read(dir.join(format!("out{i}.bin.part"))).expect("part file kept");
        assert_eq!(part, pattern::bytes(0, delivered), "case {i}");
        assert!(!file.exists(), "case {i}: a failed download looks complete");
    }
}

/// `-m` on a server that keeps dripping bytes: exit 28 saying the whole exchange ran out of
/// time (not that nothing arrived), with every byte that came before it in the part file;
/// `--read-timeout` on a server that stops says nothing was received.
#[test]
fn total_and_read_timeouts_say_which_limit_ran_out() {
    use std::time::Duration;
    let head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".to_vec();
    let server = ScriptServer::spawn_on_thread(vec![
        vec![
            Step::ReadRequest,
            Step::Write(head.clone()),
            Step::Drip {
                data: pattern::bytes(0, 100_000),
                chunk: 100,
                interval: Duration::from_millis(20),
            },
        ],
        vec![
            Step::ReadRequest,
            Step::Write([head, pattern::bytes(0, 500)].concat()),
            Step::Sleep(Duration::from_secs(5)),
        ],
    ]);
    let dir = scratch("timeouts");
    let url = format!("http://127.0.0.1:{}/drip", server.port());
    let file = dir.join("drip.bin");
    let out = mummer(&["-s", "-m", "1", "-o", file.to_str().expect("utf8"), &url]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(28), "{err}");
    assert!(
        err.contains("total timeout") && err.contains("the whole exchange took longer than 1s"),
        "{err}"
    );
    assert!(!err.contains("nothing received"), "{err}");
    let part = std::fs::read(dir.join("drip.bin.part")).expect("part file kept");
    assert!(part.len() >= 1000, "only {} bytes kept", part.len());
    assert_eq!(part, pattern::bytes(0, part.len()));

    let file = dir.join("stall.bin");
    let out = mummer(&[
        "-s",
        "--read-timeout",
        "1",
        "-o",
        file.to_str().expect("utf8"),
        &url,
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(28), "{err}");
    assert!(
        err.contains("read timeout") && err.contains("nothing received for 1s"),
        "{err}"
    );
    let part = std::fs::read(dir.join("stall.bin.part")).expect("part file kept");
    assert_eq!(part, pattern::bytes(0, 500));
}
