//! `mummer ws` against the testkit's WebSocket server: lines in, messages out, and the exit
//! status for each way a WebSocket ends.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use mummer_testkit::{TestCa, WsServer, ws::server_frame};

/// Runs `mummer ws ARGS` with `input` on standard input, from a thread (the server runs on
/// the test's runtime meanwhile).
async fn mummer_ws(args: &[&str], input: &[u8]) -> Output {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let input = input.to_vec();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mummer"))
            .arg("ws")
            .args(&args)
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run mummer ws");
        let mut stdin = child.stdin.take().expect("stdin");
        // A server that closes first stops reading: a failed write is no failure here.
        let _ = stdin.write_all(&input);
        drop(stdin);
        child.wait_with_output().expect("mummer ws output")
    })
    .await
    .expect("join")
}

async fn server() -> WsServer {
    WsServer::start(&TestCa::new().issue(&["localhost"]))
        .await
        .expect("ws server")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_become_messages_and_replies_come_out() {
    let s = server().await;
    let url = format!("{}/echo", s.ws_url());
    let out = mummer_ws(&[&url], b"hello\nworld\n").await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello\nworld\n");
    let c = s
        .ended(std::time::Duration::from_secs(5))
        .await
        .expect("ended");
    let kinds: Vec<u8> = c.frames.iter().map(|f| f.opcode).collect();
    assert_eq!(kinds, [1, 1, 8], "two text messages, then the close");
    assert_eq!(c.frames[2].close(), Some((1000, String::new())));

    // --binary, a header and a subprotocol.
    let url = format!("{}/echo?protocol=chat", s.ws_url());
    let out = mummer_ws(
        &[
            "--binary",
            "-H",
            "X-Test: 1",
            "--protocol",
            "chat",
            "-v",
            &url,
        ],
        b"bin\n",
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, b"bin\n");
    assert!(stderr(&out).contains("> X-Test: 1"), "{}", stderr(&out));
    let c = s
        .ended(std::time::Duration::from_secs(5))
        .await
        .expect("ended");
    assert_eq!(c.frames[0].opcode, 2);
    assert!(c.headers.iter().any(|(n, v)| n == "X-Test" && v == "1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_status_says_how_it_ended() {
    let s = server().await;
    // The server closes with 1000 first: clean, exit 0, what came before it printed.
    let hex = format!(
        "{}{}",
        hex::encode(server_frame(0x1, b"first", false)),
        hex::encode(server_frame(0x8, &1000u16.to_be_bytes(), false))
    );
    let url = format!("{}/raw?deflate=0&hex={hex}", s.ws_url());
    let out = mummer_ws(&[&url], b"").await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, b"first\n");
    // Another code: exit 1 with the code and reason.
    let url = format!("{}/close?code=1011&reason=broken", s.ws_url());
    let out = mummer_ws(&[&url], b"").await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("1011") && stderr(&out).contains("broken"));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    // Cut without a close frame: 56, one line.
    let url = format!("{}/raw?hex=0103616263&then=cut", s.ws_url());
    let out = mummer_ws(&[&url], b"").await;
    assert_eq!(out.status.code(), Some(56), "{}", stderr(&out));
    assert!(stderr(&out).contains("1006"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    // A protocol violation by the server: 8, closed with 1002.
    let url = format!("{}/raw?deflate=0&hex=8300", s.ws_url());
    let out = mummer_ws(&[&url], b"").await;
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(stderr(&out).contains("1002"), "{}", stderr(&out));
    // A refused upgrade: 22.
    let url = format!("{}/status/403", s.ws_url());
    let out = mummer_ws(&[&url], b"").await;
    assert_eq!(out.status.code(), Some(22), "{}", stderr(&out));
    assert!(stderr(&out).contains("403"), "{}", stderr(&out));
    // Our close never answered: 28 after the close timeout.
    let url = format!("{}/raw?hex=&then=hold", s.ws_url());
    let out = mummer_ws(&["--close-timeout", "0.3", &url], b"").await;
    assert_eq!(out.status.code(), Some(28), "{}", stderr(&out));
}
