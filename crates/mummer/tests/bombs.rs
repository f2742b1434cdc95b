//! Decompression bombs: 2 GiB of zeros sent as a few kilobytes or megabytes of gzip, deflate,
//! br and zstd (and a gzip-inside-br stack) are read to the end with the heap growing less
//! than 32 MiB, because the decoder hands out bounded pieces only as the reader asks; with a
//! body limit set, the same bodies stop with `Kind::TooLarge` naming the limit.
#![allow(unsafe_code)] // The counting allocator below is the only way to see live heap bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use compression_codecs::Encode;
use compression_codecs::core::util::PartialBuffer;
use mummer::{Client, Kind};
use mummer_testkit::{ScriptServer, Step, response_with_length};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to the system allocator unchanged; the counters are side data.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const DECODED: u64 = 2 << 30;

/// `DECODED` zeros through `enc`, fed 1 MiB at a time.
fn bomb(mut enc: impl Encode) -> Vec<u8> {
    let zeros = vec![0u8; 1 << 20];
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..(DECODED >> 20) {
        let mut input = PartialBuffer::new(&zeros[..]);
        while !input.unwritten().is_empty() {
            let mut output = PartialBuffer::new(&mut buf[..]);
            enc.encode(&mut input, &mut output).expect("encode");
            let n = output.written_len();
            out.extend_from_slice(&buf[..n]);
        }
    }
    loop {
        let mut output = PartialBuffer::new(&mut buf[..]);
        let done = enc.finish(&mut output).expect("finish");
        let n = output.written_len();
        out.extend_from_slice(&buf[..n]);
        if done {
            return out;
        }
    }
}

fn fastest() -> compression_codecs::core::Level {
    compression_codecs::core::Level::Fastest
}

fn encoded(coding: &str) -> Vec<u8> {
    match coding {
        "gzip" => bomb(compression_codecs::GzipEncoder::new(fastest().into())),
        "deflate" => bomb(compression_codecs::ZlibEncoder::new(fastest().into())),
        "br" => bomb(compression_codecs::BrotliEncoder::new(
            compression_codecs::brotli::params::EncoderParams::default().quality(fastest()),
        )),
        "zstd" => bomb(compression_codecs::ZstdEncoder::new(1)),
        other => panic!("no encoder for {other}"),
    }
}

fn serve(coding: &str, body: Vec<u8>) -> ScriptServer {
    ScriptServer::spawn_on_thread(vec![vec![
        Step::ReadRequest,
        Step::Write(response_with_length(
            200,
            &body,
            &[("Content-Encoding", coding)],
        )),
    ]])
}

async fn read_all(url: &str, limit: Option<u64>) -> Result<u64, mummer::Error> {
    let mut builder = Client::builder();
    if let Some(l) = limit {
        builder = builder.max_body_size(l);
    }
    let client = builder.build().expect("client");
    let mut response = client.get(url).send().await?;
    let mut n = 0u64;
    while let Some(chunk) = response.chunk().await? {
        assert!(chunk.iter().all(|&b| b == 0));
        n += chunk.len() as u64;
    }
    Ok(n)
}

async fn check(coding: &str, body: Vec<u8>) {
    let wire = body.len();
    let server = serve(coding, body);
    let url = format!("http://127.0.0.1:{}/", server.port());
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let n = read_all(&url, None)
        .await
        .expect("the bomb decodes to the end");
    let growth = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    eprintln!(
        "{coding}: {wire} bytes on the wire, {n} decoded, peak heap growth {} KiB",
        growth / 1024
    );
    assert_eq!(n, DECODED);
    // The server holds the encoded body itself (it counts too): subtract it.
    assert!(
        growth.saturating_sub(wire) < 32 << 20,
        "{coding}: heap grew by {growth} bytes"
    );
    let limit = 100 << 20;
    let err = read_all(&url, Some(limit)).await.expect_err("limited");
    assert_eq!(err.kind(), &Kind::TooLarge { limit }, "{err}");
    assert!(err.to_string().contains(&limit.to_string()), "{err}");
}

// One test for all codings: the counting allocator is process-wide, so they run in turn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bombs_decode_with_flat_memory_and_stop_at_the_limit() {
    for coding in ["gzip", "deflate", "br", "zstd"] {
        check(coding, encoded(coding)).await;
    }
    // A stack: gzip, then br around it.
    let inner = encoded("gzip");
    let mut enc = compression_codecs::BrotliEncoder::new(
        compression_codecs::brotli::params::EncoderParams::default().quality(fastest()),
    );
    let mut out = vec![0u8; inner.len() + 4096];
    let mut input = PartialBuffer::new(&inner[..]);
    let mut output = PartialBuffer::new(&mut out[..]);
    enc.encode(&mut input, &mut output).expect("encode");
    while !enc.finish(&mut output).expect("finish") {}
    let n = output.written_len();
    out.truncate(n);
    check("gzip, br", out).await;
}
