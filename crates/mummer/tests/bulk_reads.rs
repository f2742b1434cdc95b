//! Bulk reads (`SO_RCVLOWAT` while a large body arrives fast) never hold back bytes that
//! arrived: after a fast burst, a server that sends a little and then waits for the client to
//! have it gets it delivered, and a chunked body's end that comes after a pause is seen
//! although it is smaller than the mark. Each server waits for the client's word (with a 20 s limit that fails the test), so a
//! client sitting on arrived bytes shows up as a failure, not as slowness.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use mummer::Client;

const BURST: usize = 48 << 20;
const TAIL: usize = 100 * 1024;

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8 ^ seed).collect()
}

/// Reads the request head off `stream`.
fn read_head(stream: &mut std::net::TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).expect("read request"), 1);
        head.push(byte[0]);
    }
}

/// A server for one response: `head` and `first` at full speed; then it waits for the
/// client's word before it sends `second`, and keeps the connection open until the test ends.
fn serve(head: Vec<u8>, first: Vec<u8>, second: Vec<u8>, heard: mpsc::Receiver<()>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        read_head(&mut stream);
        stream.write_all(&head).expect("head");
        stream.write_all(&first).expect("first part");
        // Without the client's word in time, the test fails on its own side.
        if heard.recv_timeout(Duration::from_secs(20)).is_ok() {
            let _ = stream.write_all(&second);
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bytes_sent_before_a_pause_arrive_during_it() {
    let burst = pattern(BURST, 0);
    let tail = pattern(TAIL, 1);
    let rest = pattern(4 << 20, 2);
    let total = burst.len() + tail.len() + rest.len();
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n").into_bytes();
    let (tell, heard) = mpsc::channel();
    let expected: Vec<u8> = [burst.clone(), tail.clone(), rest.clone()].concat();
    let url = serve(head, [burst, tail].concat(), rest, heard);

    let client = Client::builder().build().expect("client");
    let mut response = client.get(&url).send().await.expect("send");
    let mut body = Vec::with_capacity(total);
    let mut told = false;
    let read = async {
        while let Some(chunk) = response.chunk().await.expect("body") {
            body.extend_from_slice(&chunk);
            if !told && body.len() >= BURST + TAIL {
                told = true;
                tell.send(()).expect("server waits");
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), read)
        .await
        .expect("the bytes sent before the pause were delivered during it");
    assert_eq!(body.len(), expected.len());
    assert!(body == expected, "body differs from what was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_body_ends_although_its_end_is_below_the_mark() {
    let data = pattern(BURST, 3);
    let mut chunked = Vec::with_capacity(BURST + 4096);
    for piece in data.chunks(64 * 1024) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    let tail = b"b\r\nhello world\r\n0\r\n\r\n".to_vec();
    let head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let (tell, heard) = mpsc::channel();
    // The terminator comes once the client has the rest, so it finds the client waiting; the
    // connection then stays open: only the terminator says the body ended.
    let url = serve(head, chunked, tail, heard);

    let client = Client::builder().build().expect("client");
    let mut response = client.get(&url).send().await.expect("send");
    let mut body = Vec::with_capacity(BURST + 11);
    let mut told = false;
    let read = async {
        while let Some(chunk) = response.chunk().await.expect("body") {
            body.extend_from_slice(&chunk);
            if !told && body.len() >= BURST {
                told = true;
                tell.send(()).expect("server waits");
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), read)
        .await
        .expect("the chunked body's end was seen");
    assert_eq!(body.len(), BURST + 11);
    assert!(body[..BURST] == data[..], "body differs from what was sent");
    assert_eq!(&body[BURST..], b"hello world");
}
