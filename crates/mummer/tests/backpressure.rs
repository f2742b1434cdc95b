//! Backpressure: a reader taking 1 GiB at 10 MB/s keeps the process's heap growth under
//! 32 MiB, over HTTP/2 and HTTP/1.1 at the same time. Heap is counted by a global allocator in
//! this test binary, so the in-process server's buffers count too: the bound is strict.
#![allow(unsafe_code)] // The counting allocator below is the only way to see live heap bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mummer::Client;
use mummer_testkit::{ContentOptions, ContentServer, TestCa};

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

const TOTAL: u64 = 1 << 30;
const RATE: f64 = 10_000_000.0;

async fn slow_read(client: Client, url: String) -> u64 {
    let mut response = client.get(&url).send().await.expect("send");
    let started = Instant::now();
    let mut received = 0u64;
    while let Some(chunk) = response.chunk().await.expect("body completes") {
        received += chunk.len() as u64;
        let due = Duration::from_secs_f64(received as f64 / RATE);
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    received
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_reader_keeps_memory_bounded() {
    let ca = TestCa::new();
    let server = ContentServer::start(ContentOptions::tls(ca.issue(&["localhost"]))).await;
    let build = |http1: bool| {
        let mut b = Client::builder()
            .add_root_certificate_pem(ca.ca_pem().as_bytes())
            .resolve("localhost", server.port(), server.addr());
        if http1 {
            b = b.http1_only();
        }
        b.build().expect("client")
    };
    let url = format!("https://localhost:{}/bytes/{TOTAL}", server.port());
    let (h1, h2) = (build(true), build(false));
    // Warm both connections so handshake buffers are in the baseline.
    for c in [&h1, &h2] {
        let r = c
            .get(&format!("https://localhost:{}/small", server.port()))
            .send()
            .await
            .expect("warm");
        r.bytes().await.expect("warm body");
    }
    let baseline = LIVE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let a = tokio::spawn(slow_read(h1, url.clone()));
    let b = tokio::spawn(slow_read(h2, url));
    assert_eq!(a.await.expect("h1 task"), TOTAL);
    assert_eq!(b.await.expect("h2 task"), TOTAL);
    let growth = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
    println!(
        "peak heap growth while two readers took 1 GiB each at 10 MB/s: {:.1} MiB",
        growth as f64 / 1048576.0
    );
    assert!(growth < 32 << 20, "heap grew by {growth} bytes");
}
