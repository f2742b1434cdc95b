//! The `mummer` binary's cookie, credential, retry, form and Referer options, run as a user
//! would run them: `-b`/`-c` (cookies.txt read and written by Python's `MozillaCookieJar` too),
//! `-u` with `--digest` and `--netrc`, `--retry*`, `-F`, `-e`, `--limit-rate`, and `-v`
//! output that never shows a secret.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use mummer_testkit::{ContentOptions, ContentServer, ScriptServer, Step, response_with_length};

fn mummer(args: &[&str]) -> Output {
    mummer_env(args, &[])
}

fn mummer_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mummer"));
    for var in [
        "http_proxy",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd.args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run mummer")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mummer-clip-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn request_text(server: &ScriptServer, i: usize) -> String {
    text(&server.requests()[i])
}

fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn ok(body: &[u8], headers: &[(&str, &str)]) -> Step {
    Step::Write(response_with_length(200, body, headers))
}

fn python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn cookie_jar_written_by_c_is_read_back_by_b_and_by_python() {
    let server = ScriptServer::spawn_on_thread(vec![vec![
        Step::ReadRequest,
        Step::Write(response_with_length(
            302,
            b"",
            &[
                ("Location", "/next"),
                ("Set-Cookie", "sid=abc123; Path=/; HttpOnly"),
                ("Set-Cookie", "pref=dark; Path=/; Max-Age=3600"),
            ],
        )),
        Step::ReadRequest,
        ok(b"done", &[]),
        Step::ReadRequest,
        ok(b"again", &[]),
    ]]);
    let dir = scratch("jar");
    let jar = dir.join("cookies.txt");
    let jar_s = jar.to_str().expect("utf8");
    let url = format!("http://127.0.0.1:{}/start", server.port());
    let out = mummer(&["-s", "-L", "-c", jar_s, "-b", "extra=1", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "done");
    // The cookies set on the redirect went to the next hop, with -b's own pair.
    let hop = request_text(&server, 1);
    let cookie = header(&hop, "cookie").expect("cookie on the second hop");
    assert!(
        cookie.contains("sid=abc123") && cookie.contains("pref=dark") && cookie.contains("extra=1"),
        "{cookie}"
    );
    let saved = std::fs::read_to_string(&jar).expect("jar written");
    assert!(saved.starts_with("# Netscape HTTP Cookie File"), "{saved}");
    assert!(saved.contains("#HttpOnly_127.0.0.1"), "{saved}");
    assert!(
        !saved.contains("extra"),
        "a -b pair is not the server's cookie: {saved}"
    );

    // -b FILE sends them again.
    let url2 = format!("http://127.0.0.1:{}/again", server.port());
    let out = mummer(&["-s", "-b", jar_s, &url2]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = request_text(&server, 2);
    let cookie = header(&again, "cookie").expect("cookies from the file");
    assert!(
        cookie.contains("sid=abc123") && cookie.contains("pref=dark"),
        "{cookie}"
    );

    if !python() {
        eprintln!("python3 not found: skipping the MozillaCookieJar half");
        return;
    }
    // Python reads what mummer wrote...
    let script = format!(
        "import http.cookiejar,json\nj=http.cookiejar.MozillaCookieJar({jar_s:?})\nj.load(ignore_discard=True,ignore_expires=True)\nprint(json.dumps(sorted([c.name,c.value,c.domain,c.path] for c in j)))"
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("[\"pref\", \"dark\", \"127.0.0.1\", \"/\"]")
            && listed.contains("[\"sid\", \"abc123\", \"127.0.0.1\", \"/\"]"),
        "{listed}"
    );
    // ...and mummer reads what Python wrote.
    let py_jar = dir.join("python.txt");
    let script = format!(
        "import http.cookiejar,time\nj=http.cookiejar.MozillaCookieJar({:?})\nc=http.cookiejar.Cookie(0,'fromPython','yes',None,False,'127.0.0.1',False,False,'/',True,False,int(time.time())+3600,False,None,None,{{}})\nj.set_cookie(c)\nj.save()",
        py_jar.to_str().expect("utf8")
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let echo = ContentServer::spawn_on_thread(ContentOptions::plain());
    let out = mummer(&[
        "-s",
        "-b",
        py_jar.to_str().expect("utf8"),
        &format!("http://127.0.0.1:{}/echo", echo.port()),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("fromPython=yes"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn basic_digest_and_netrc_credentials() {
    let challenge = "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256";
    let server = ScriptServer::spawn_on_thread(vec![
        vec![Step::ReadRequest, ok(b"basic", &[])],
        vec![
            Step::ReadRequest,
            Step::Write(response_with_length(
                401,
                b"",
                &[("WWW-Authenticate", challenge)],
            )),
            Step::ReadRequest,
            ok(b"digest", &[]),
        ],
        vec![Step::ReadRequest, ok(b"netrc", &[])],
    ]);
    let url = format!("http://127.0.0.1:{}/", server.port());
    let out = mummer(&["-s", "-u", "alice:wonder", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        header(&request_text(&server, 0), "authorization"),
        Some("Basic YWxpY2U6d29uZGVy")
    );

    let out = mummer(&["-s", "--digest", "-u", "alice:wonder", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "digest");
    assert_eq!(header(&request_text(&server, 1), "authorization"), None);
    let answer = request_text(&server, 2);
    let auth = header(&answer, "authorization").expect("digest answer");
    assert!(
        auth.starts_with("Digest ")
            && auth.contains("username=\"alice\"")
            && auth.contains("algorithm=SHA-256")
            && auth.contains("nc=00000001"),
        "{auth}"
    );
    assert!(!auth.contains("wonder"), "{auth}");

    let dir = scratch("netrc");
    let netrc = dir.join("netrc");
    std::fs::write(
        &netrc,
        "machine other.test login x password y\nmachine 127.0.0.1 login bob password builder\n",
    )
    .expect("netrc");
    let out = mummer(&["-s", "--netrc-file", netrc.to_str().expect("utf8"), &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        header(&request_text(&server, 3), "authorization"),
        Some("Basic Ym9iOmJ1aWxkZXI=")
    );
    // --netrc with no file is curl's exit 26; -u without a password is a usage error.
    let missing = dir.join("missing");
    let out = mummer(&["-s", "--netrc-file", missing.to_str().expect("utf8"), &url]);
    assert_eq!(out.status.code(), Some(26), "{}", text(&out.stderr));
    let out = mummer(&["-s", "-u", "alice", &url]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn retry_waits_and_tries_again() {
    let server = ScriptServer::spawn_on_thread(vec![
        vec![
            Step::ReadRequest,
            Step::Write(response_with_length(
                503,
                b"busy",
                &[("Retry-After", "1"), ("Connection", "close")],
            )),
            Step::Close,
        ],
        vec![Step::ReadRequest, ok(b"ready", &[])],
    ]);
    let url = format!("http://127.0.0.1:{}/", server.port());
    let started = Instant::now();
    let out = mummer(&["-s", "--retry", "2", "--retry-delay", "0", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ready");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(server.requests().len(), 2);

    // Without --retry the 503 is the answer (exit 0, as curl; -f makes it 22).
    let busy = ScriptServer::spawn_on_thread(vec![vec![
        Step::ReadRequest,
        Step::Write(response_with_length(503, b"busy", &[])),
        Step::ReadRequest,
        Step::Write(response_with_length(503, b"busy", &[])),
        Step::ReadRequest,
        Step::Write(response_with_length(503, b"busy", &[])),
    ]]);
    let url = format!("http://127.0.0.1:{}/", busy.port());
    let out = mummer(&["-s", "-f", &url]);
    assert_eq!(out.status.code(), Some(22));
    // With retries that never succeed, the last answer stands: 2 retries, 3 requests.
    let out = mummer(&["-s", "-f", "--retry", "2", "--retry-delay", "0", &url]);
    assert_eq!(out.status.code(), Some(22));
    assert_eq!(busy.requests().len(), 4);
}

#[test]
fn form_fields_and_files() {
    let echo = ContentServer::spawn_on_thread(ContentOptions::plain());
    let dir = scratch("form");
    let file = dir.join("data.txt");
    std::fs::write(&file, b"file contents\r\n").expect("file");
    let url = format!("http://127.0.0.1:{}/echo", echo.port());
    let spec = format!(
        "up=@{};type=text/x-test;filename=renamed.txt",
        file.display()
    );
    let out = mummer(&[
        "-s",
        "-F",
        "name=value",
        "-F",
        &spec,
        "--impersonate",
        "chrome",
        &url,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let echoed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(echoed["method"], "POST");
    let content_type = echoed["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .find(|h| {
            h[0].as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case("content-type"))
        })
        .and_then(|h| h[1].as_str())
        .expect("content-type")
        .to_string();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=----WebKitFormBoundary")
        .expect("Chrome's boundary");
    assert_eq!(boundary.len(), 16);
    let full = format!("----WebKitFormBoundary{boundary}");
    let body = format!(
        "--{full}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nvalue\r\n\
         --{full}\r\nContent-Disposition: form-data; name=\"up\"; filename=\"renamed.txt\"\r\n\
         Content-Type: text/x-test\r\n\r\nfile contents\r\n\r\n--{full}--\r\n"
    );
    assert_eq!(echoed["body_len"], body.len());
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(body.as_bytes()))
    };
    assert_eq!(echoed["body_sha256"], sha);
    let out = mummer(&["-s", "-F", "f=@/nonexistent/file", &url]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn referer_and_auto_referer() {
    let server = ScriptServer::spawn_on_thread(vec![vec![
        Step::ReadRequest,
        Step::Write(response_with_length(302, b"", &[("Location", "/b?x=1")])),
        Step::ReadRequest,
        ok(b"", &[]),
    ]]);
    let base = format!("http://127.0.0.1:{}", server.port());
    let out = mummer(&[
        "-s",
        "-L",
        "-e",
        "http://other.test/page;auto",
        &format!("{base}/a"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Cross-origin referrer: origin only; then the previous hop, same origin: the full URL.
    assert_eq!(
        header(&request_text(&server, 0), "referer"),
        Some("http://other.test/")
    );
    assert_eq!(
        header(&request_text(&server, 1), "referer"),
        Some(format!("{base}/a").as_str())
    );
}

#[test]
fn limit_rate_slows_the_body() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let url = format!("http://127.0.0.1:{}/bytes/524288", server.port());
    let started = Instant::now();
    let out = mummer(&["-s", "--limit-rate", "256k", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout.len(), 524_288);
    // 512 KiB at 256 KiB/s: two seconds, less the first chunk's free start.
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn verbose_output_never_shows_a_secret() {
    let server = ScriptServer::spawn_on_thread(vec![vec![
        Step::ReadRequest,
        ok(b"ok", &[]),
        Step::ReadRequest,
        ok(b"ok", &[]),
        Step::ReadRequest,
        ok(b"ok", &[]),
    ]]);
    let port = server.port();
    for args in [
        vec![
            "-v".to_string(),
            "-i".to_string(),
            format!("http://user:URLSECRET@127.0.0.1:{port}/"),
        ],
        vec![
            "-v".to_string(),
            "-u".to_string(),
            "user:USERSECRET".to_string(),
            "-H".to_string(),
            "X-Api: fine".to_string(),
            format!("http://127.0.0.1:{port}/"),
        ],
        vec![
            "-v".to_string(),
            "-H".to_string(),
            "Authorization: Bearer TOKENSECRET".to_string(),
            "-b".to_string(),
            "sid=COOKIESECRET".to_string(),
            format!("http://127.0.0.1:{port}/"),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = mummer(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        for secret in ["URLSECRET", "USERSECRET", "TOKENSECRET", "COOKIESECRET"] {
            assert!(!all.contains(secret), "{secret} shown:\n{all}");
        }
        assert!(all.contains("> GET / HTTP/1.1"), "{all}");
    }
    let sent = request_text(&server, 2);
    assert!(sent.contains("Bearer TOKENSECRET") && sent.contains("sid=COOKIESECRET"));
    let masked = mummer(&[
        "-v",
        "-H",
        "Authorization: Bearer TOKENSECRET",
        &format!("http://127.0.0.1:{port}/"),
    ]);
    assert!(text(&masked.stderr).contains("Authorization: Bearer ***"));
}

#[test]
fn max_filesize_stops_a_body_with_exit_63() {
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    // 64 KiB of gzip that decodes to 16 MiB: the limit counts decoded bytes.
    let url = format!("http://127.0.0.1:{}/gzip/16777216", server.port());
    let out = mummer(&["-s", "--max-filesize", "1m", &url]);
    assert_eq!(out.status.code(), Some(63), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1048576"),
        "{}",
        text(&out.stderr)
    );
    let out = mummer(&["-s", "--max-filesize", "32m", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout.len(), 16 << 20);
}

#[test]
fn output_onto_devices_fifos_and_symlinks_keeps_the_node() {
    use std::os::unix::fs::FileTypeExt;
    let server = ContentServer::spawn_on_thread(ContentOptions::plain());
    let url = format!("http://127.0.0.1:{}/bytes/100000", server.port());
    let dir = scratch("nodes");
    // A character device of our own (the same numbers as /dev/null), never the system's.
    let null = dir.join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let out = mummer(&["-s", "-o", null.to_str().expect("utf8"), &url]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let kind = std::fs::metadata(&null).expect("node").file_type();
        assert!(kind.is_char_device(), "the device was replaced");
        assert!(!dir.join("null.part").exists());
    } else {
        eprintln!("mknod not permitted here: skipping the character-device case");
    }
    // A FIFO with a reader.
    let fifo = dir.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("read fifo"))
    };
    let out = mummer(&["-s", "-o", fifo.to_str().expect("utf8"), &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = reader.join().expect("reader");
    assert_eq!(got.len(), 100_000);
    assert!(mummer_testkit::pattern::verify(0, &got).is_ok());
    assert!(
        std::fs::metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
    // A symlink: written through, the link kept.
    let target = dir.join("target.bin");
    std::fs::write(&target, b"old").expect("target");
    let link = dir.join("link.bin");
    std::os::unix::fs::symlink("target.bin", &link).expect("symlink");
    let out = mummer(&["-s", "-o", link.to_str().expect("utf8"), &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&target).expect("target").len(), 100_000);
    // A cut body through the symlink leaves the target alone and the part file beside it.
    let cut = format!("http://127.0.0.1:{}/truncated/100000", server.port());
    let out = mummer(&["-s", "-o", link.to_str().expect("utf8"), &cut]);
    assert_eq!(out.status.code(), Some(18));
    assert_eq!(std::fs::read(&target).expect("target").len(), 100_000);
    assert!(dir.join("target.bin.part").exists());
}
