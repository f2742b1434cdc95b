//! The `mummer` binary, run as a user would run it.

use std::path::PathBuf;
use std::process::{Command, Output};

use mummer_testkit::{ContentOptions, ContentServer, TestCa, pattern};

fn mummer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mummer"))
        .args(args)
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
}
