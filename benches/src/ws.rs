//! `mummer-ws-bench`: the Rust rows of the WebSocket benchmark, measured as
//! `benches/python/ws_run.py` measures the Python clients: echo through `mummer-ws-echo` (a
//! separate process, plain `ws://` on loopback, no compression negotiated), one message in
//! flight, every echo compared with what was sent; round trips per second for 1 KiB, MB/s
//! (10^6 bytes, one direction) for 64 KiB and 16 MiB messages; the median of `--rounds`. Two
//! columns: the reader and writer as tasks (the default), and driven by the calls
//! (`WebSocketBuilder::driven_by_calls`, as the sync Python client runs it).
//!
//! ```sh
//! cargo build --release -p mummer-bench --bin mummer-ws-echo --bin mummer-ws-bench
//! target/release/mummer-ws-bench --rounds 5
//! ```

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mummer::Client;
use mummer::ws::{Message, WebSocket};

struct Row {
    name: &'static str,
    size: usize,
    count: usize,
    /// Report round trips per second (else MB/s).
    per_second: bool,
}

const ROWS: [Row; 3] = [
    Row {
        name: "1 KiB echo: round trips/s",
        size: 1 << 10,
        count: 5_000,
        per_second: true,
    },
    Row {
        name: "64 KiB echo: MB/s",
        size: 64 << 10,
        count: 2_000,
        per_second: false,
    },
    Row {
        name: "16 MiB echo: MB/s",
        size: 16 << 20,
        count: 12,
        per_second: false,
    },
];

fn main() {
    let mut rounds = 3;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(3),
            other => {
                eprintln!("unknown argument {other:?} (--rounds N)");
                std::process::exit(2);
            }
        }
    }
    let echo_bin = std::env::current_exe()
        .expect("own path")
        .with_file_name("mummer-ws-echo");
    let mut server = Command::new(&echo_bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (build it: see the module doc)", echo_bin.display()));
    let mut port = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut port)
        .expect("port line");
    let url = format!("ws://127.0.0.1:{}/", port.trim());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("| row | mummer (Rust, async, tasks) | mummer (Rust, driven by calls) |");
    println!("| --- | ---: | ---: |");
    runtime.block_on(async {
        let client = Client::new();
        for row in &ROWS {
            // Both ways in each round, the order alternating.
            let mut values = [Vec::new(), Vec::new()];
            for round in 0..rounds {
                for k in [round % 2, 1 - round % 2] {
                    let ws = client
                        .websocket(&url)
                        .max_message_size(64 << 20)
                        .send_queue(32 << 20)
                        .driven_by_calls(k == 1)
                        .connect()
                        .await
                        .expect("connect");
                    let elapsed = echo(&ws, row).await;
                    ws.close(1000, "").await.expect("close");
                    values[k].push(if row.per_second {
                        row.count as f64 / elapsed.as_secs_f64()
                    } else {
                        (row.size * row.count) as f64 / 1e6 / elapsed.as_secs_f64()
                    });
                }
            }
            let [tasks, driven] = values.map(|mut v| {
                v.sort_by(f64::total_cmp);
                v[v.len() / 2]
            });
            println!("| {} | {tasks:.0} | {driven:.0} |", row.name);
        }
    });
    drop(server.stdin.take());
    let _ = server.wait();
}

/// `row.count` sequential round trips; the time they took.
async fn echo(ws: &WebSocket, row: &Row) -> Duration {
    // The payload of ws_run.py: a 251-byte block repeated.
    let block: Vec<u8> = (0..251u32).map(|i| ((i * 31 + 7) % 251) as u8).collect();
    let payload = bytes::Bytes::from(block.repeat(row.size / 251 + 1)[..row.size].to_vec());
    let started = Instant::now();
    for _ in 0..row.count {
        ws.send_binary(payload.clone()).await.expect("send");
        match ws.recv().await.expect("recv") {
            Message::Binary(b) if b == payload => {}
            other => panic!("echo differs: {} bytes", other.data().len()),
        }
    }
    started.elapsed()
}
