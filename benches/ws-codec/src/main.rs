//! The measurement of decision 0010: framing throughput of mummer-proto's ws codec
//! against tungstenite 0.30, both in memory (no sockets), release build.
use std::io::{Cursor, Read, Write};
use std::time::Instant;

use bytes::BytesMut;
use mummer_proto::ws::{Config, DataKind, Event, Receiver, Sender};
use tungstenite::protocol::{Role, WebSocket, WebSocketConfig};

/// An in-memory duplex: reads from `input`, writes are counted and dropped.
struct Mem {
    input: Cursor<Vec<u8>>,
    written: usize,
}
impl Read for Mem {
    fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
        self.input.read(b)
    }
}
impl Write for Mem {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.written += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn server_frames(size: usize, count: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let payload = vec![0x5au8; size];
    for _ in 0..count {
        out.push(0x82);
        if size < 126 {
            out.push(size as u8);
        } else if size < 65536 {
            out.push(126);
            out.extend_from_slice(&(size as u16).to_be_bytes());
        } else {
            out.push(127);
            out.extend_from_slice(&(size as u64).to_be_bytes());
        }
        out.extend_from_slice(&payload);
    }
    out
}

fn main() {
    for (size, count) in [(1024usize, 400_000usize), (65536, 8192), (16 << 20, 32)] {
        let wire = server_frames(size, count);
        let mb = (size * count) as f64 / 1e6;
        // Receive, ours: fed 64 KiB at a time, as a socket would.
        let t = Instant::now();
        let config = Config {
            max_frame_size: 64 << 20,
            max_message_size: 64 << 20,
            ..Config::default()
        };
        let mut r = Receiver::new(&config, None);
        let mut buf = BytesMut::with_capacity(1 << 20);
        let mut n = 0;
        let mut got = 0usize;
        for chunk in wire.chunks(65536) {
            buf.extend_from_slice(chunk);
            while let Some(e) = r.next_event(&mut buf).expect("ok") {
                if let Event::Data { payload, .. } = e {
                    got += payload.len();
                    n += 1;
                }
            }
        }
        assert_eq!((n, got), (count, size * count));
        let ours_rx = mb / t.elapsed().as_secs_f64();
        // Receive, tungstenite.
        let t = Instant::now();
        let cfg = WebSocketConfig::default()
            .max_frame_size(Some(64 << 20))
            .max_message_size(Some(64 << 20));
        let mut ws = WebSocket::from_raw_socket(
            Mem {
                input: Cursor::new(wire.clone()),
                written: 0,
            },
            Role::Client,
            Some(cfg),
        );
        let mut n = 0;
        while n < count {
            let m = ws.read().expect("read");
            assert_eq!(m.len(), size);
            n += 1;
        }
        let tung_rx = mb / t.elapsed().as_secs_f64();
        // Send, ours (masking included; mask from a counter, the cost of randomness is the driver's).
        let t = Instant::now();
        let mut s = Sender::new(&config, None);
        let payload = vec![0x5au8; size];
        let mut out = Vec::with_capacity(size + 16);
        let mut sink = 0usize;
        let mut k = 0u32;
        for _ in 0..count {
            out.clear();
            s.message(
                DataKind::Binary,
                &payload,
                &mut || {
                    k = k.wrapping_add(1);
                    k.to_ne_bytes()
                },
                &mut out,
            )
            .expect("ok");
            sink += out.len();
        }
        let ours_tx = mb / t.elapsed().as_secs_f64();
        // Send, tungstenite.
        let t = Instant::now();
        let mut ws = WebSocket::from_raw_socket(
            Mem {
                input: Cursor::new(Vec::new()),
                written: 0,
            },
            Role::Client,
            Some(cfg),
        );
        for _ in 0..count {
            ws.send(tungstenite::Message::binary(payload.clone()))
                .expect("send");
        }
        let tung_tx = mb / t.elapsed().as_secs_f64();
        assert!(sink > 0 && ws.get_ref().written > 0);
        println!(
            "{size:>9} B x {count:>6}: receive MB/s ours {ours_rx:>8.0} tungstenite {tung_rx:>8.0} | send (masked) MB/s ours {ours_tx:>8.0} tungstenite {tung_tx:>8.0}"
        );
    }
}
