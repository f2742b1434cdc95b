//! Bulk reads: while a large body arrives fast, the kernel wakes the reader once per
//! [`LOWAT`] bytes (`SO_RCVLOWAT`) instead of once per segment the server wrote.
//!
//! Why: on a fast link a reader that keeps up sleeps between the server's writes, and every
//! write then pays for waking it, in the server's CPU time (the wake-up runs in the writer's
//! system call) and in ours. Measured against nginx on loopback, 1 GiB chunked over HTTP/1.1
//! to a raw reader with a 256 KiB mark: nginx spent 0.49-0.56 s instead of 0.66-0.85 s, the
//! reader half its CPU (docs/decisions/0011-bulk-reads.md has mummer's own numbers).
//!
//! The risk is a reader left asleep while bytes wait below the mark. Three rules keep that
//! from ever costing more than a millisecond or two, and from costing anything at the end of a
//! body whose length is known:
//! - The mark is raised only while the HTTP layer has said how many more bytes the peer must
//!   still send ([`Bulk::expect_until`], from a Content-Length), and never above that; a body
//!   of unknown length ([`Bulk::open`], chunked) may use it only once 16 MiB of it came fast.
//! - Only once reads show the bytes coming at [`RATE`] or faster, so the mark fills in well
//!   under a millisecond; a slow link never raises it.
//! - While the mark is up, every wait is bounded by [`FALLBACK`]: when it passes, the mark goes
//!   back to one byte (which wakes the reader at once if anything is queued) and stays down
//!   until the rate shows again.
//!
//! Only HTTP bodies raise it, so tunnels and WebSockets over HTTP/1.1 never wait on it, and an
//! HTTP/1.1 connection puts it down before it goes back to the pool. It is raised only on
//! Linux 4.18 and later, whose `tcp_set_rcvlowat` re-checks readiness (the fallback needs it).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// The wake-up mark while bulk reading: four 64 KiB reads' worth.
pub(crate) const LOWAT: u64 = 256 * 1024;

/// The longest a read waits for the mark before it settles for what is queued.
pub(crate) const FALLBACK: Duration = Duration::from_millis(1);

/// Bytes per microsecond the peer must be seen sending (256 MB/s) for the mark to go up: the
/// mark then fills in about a millisecond at worst.
const RATE: u64 = 256;

/// Bytes of fast reads that make a connection eligible.
const EVIDENCE: u64 = 1 << 20;

/// Bytes of a body of unknown length that must have arrived before it may use the mark: its
/// end (below the mark) then waits for [`FALLBACK`] once, a small part of its time.
const OPEN_AFTER: u64 = 16 << 20;

/// `until` value of a body of unknown length.
const OPEN: u64 = u64::MAX;

/// What the HTTP layer knows about the bytes still to come, shared with the reading side (an
/// HTTP/2 connection's task reads, its streams tell).
#[derive(Debug, Default)]
pub(crate) struct Bulk {
    /// Bytes read from the socket so far.
    pos: AtomicU64,
    /// The read position the peer must still reach (0: nothing known, [`OPEN`]: a body of
    /// unknown length).
    until: AtomicU64,
    /// Where the [`OPEN`] body began.
    open_from: AtomicU64,
}

impl Bulk {
    /// Bytes read from the socket so far. Taken before a request is written, it is a point
    /// before every byte of its response.
    pub(crate) fn position(&self) -> u64 {
        self.pos.load(Ordering::Acquire)
    }

    /// The peer must still send bytes up to read position `until` (several bounds: the
    /// furthest holds).
    pub(crate) fn expect_until(&self, until: u64) {
        if self.until.load(Ordering::Relaxed) != OPEN {
            self.until.fetch_max(until.min(OPEN - 1), Ordering::AcqRel);
        }
    }

    /// A body of unknown length starts here.
    pub(crate) fn open(&self) {
        self.open_from.store(self.position(), Ordering::Relaxed);
        self.until.store(OPEN, Ordering::Release);
    }

    /// Nothing more is known (a body ended or was abandoned): the mark goes down at the next
    /// read. One HTTP/2 stream let go early withdraws the others' bounds too: that costs only
    /// the optimisation until the next response.
    pub(crate) fn forget(&self) {
        self.until.store(0, Ordering::Release);
    }
}

/// A TCP stream whose reads raise and lower `SO_RCVLOWAT` as [`Bulk`] allows; writes pass
/// straight through.
#[derive(Debug)]
pub(crate) struct BulkTcp {
    tcp: TcpStream,
    bulk: Arc<Bulk>,
    pos: u64,
    /// The mark currently set (1: the kernel's default).
    mark: u64,
    /// Whether recent reads came at [`RATE`].
    fast: bool,
    /// Start and position of the current rate measurement.
    since: Option<(Instant, u64)>,
    /// The wait bound while the mark is up; kept to be reset rather than reallocated.
    timer: Option<Pin<Box<Sleep>>>,
    timer_armed: bool,
    /// Set around a read that is polled once and dropped (`Stream::gather`): its `Pending`
    /// is no wait, so it arms no bound.
    pub(crate) quiet: bool,
}

impl BulkTcp {
    pub(crate) fn new(tcp: TcpStream) -> BulkTcp {
        BulkTcp {
            tcp,
            bulk: Arc::default(),
            pos: 0,
            mark: 1,
            fast: false,
            since: None,
            timer: None,
            timer_armed: false,
            quiet: false,
        }
    }

    pub(crate) fn get_ref(&self) -> &TcpStream {
        &self.tcp
    }

    pub(crate) fn bulk(&self) -> &Arc<Bulk> {
        &self.bulk
    }

    /// Puts the mark down now (before the connection idles in the pool or is handed over); the
    /// next exchange measures the rate afresh. An error means the mark may still be up: the
    /// connection must not be used again.
    pub(crate) fn stop(&mut self) -> io::Result<()> {
        self.bulk.forget();
        self.fast = false;
        self.since = None;
        self.timer_armed = false;
        self.set_mark(1)
    }

    /// The mark this read should wait for.
    fn wanted(&self) -> u64 {
        // Elsewhere kqueue honours the mark too, but whether setting it re-checks readiness
        // (what the fallback relies on) is not known: the mark stays down.
        if !self.fast || !kernel_rechecks_readiness() {
            return 1;
        }
        let until = self.bulk.until.load(Ordering::Acquire);
        let left = match until {
            0 => return 1,
            OPEN => {
                if self.pos - self.bulk.open_from.load(Ordering::Relaxed) < OPEN_AFTER {
                    return 1;
                }
                return LOWAT;
            }
            until => until.saturating_sub(self.pos),
        };
        // Near the end the mark would only save a wake-up or two; down it goes, so the last
        // bytes are read the moment they arrive.
        if left >= 2 * LOWAT { LOWAT } else { 1 }
    }

    /// Sets the mark. Raising it may fail harmlessly (it stays down); lowering it must not, or
    /// a wait could outlast its bound: that error fails the read.
    fn set_mark(&mut self, mark: u64) -> io::Result<()> {
        if mark == self.mark {
            return Ok(());
        }
        match set_rcvlowat(&self.tcp, mark) {
            Ok(()) => {
                self.mark = mark;
                Ok(())
            }
            Err(_) if mark > self.mark => Ok(()),
            Err(e) => Err(io::Error::new(
                e.kind(),
                format!("could not lower the socket's SO_RCVLOWAT: {e}"),
            )),
        }
    }

    fn note_read(&mut self, n: usize) {
        self.pos += n as u64;
        self.bulk.pos.store(self.pos, Ordering::Release);
        if self.fast {
            return;
        }
        match self.since {
            None => self.since = Some((Instant::now(), self.pos)),
            Some((start, from)) if self.pos - from >= EVIDENCE => {
                let now = Instant::now();
                let micros = now.duration_since(start).as_micros().max(1) as u64;
                self.fast = (self.pos - from) / micros >= RATE;
                self.since = Some((now, self.pos));
            }
            Some(_) => {}
        }
    }

    /// The mark did not fill in time: down it goes until the rate shows again.
    fn fall_back(&mut self) -> io::Result<()> {
        self.fast = false;
        self.since = None;
        self.set_mark(1)
    }
}

/// Whether setting `SO_RCVLOWAT` makes the kernel re-check readiness, waking a reader whose
/// queued bytes are now above the mark; the fallback relies on it. Linux does since 4.18
/// (`tcp_set_rcvlowat`); older kernels, and other systems (whose kqueue honours the mark too,
/// with no such promise), never get the mark raised.
fn kernel_rechecks_readiness() -> bool {
    static RECHECKS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *RECHECKS.get_or_init(|| {
        cfg!(any(target_os = "linux", target_os = "android"))
            && linux_release().is_some_and(|(major, minor)| (major, minor) >= (4, 18))
    })
}

/// The running kernel's major and minor version, from `uname`.
#[allow(unsafe_code)]
fn linux_release() -> Option<(u32, u32)> {
    // SAFETY: `utsname` is plain bytes, valid zeroed; `uname` fills it and NUL-terminates its
    // fields.
    let release = unsafe {
        let mut name: libc::utsname = std::mem::zeroed();
        if libc::uname(&raw mut name) != 0 {
            return None;
        }
        std::ffi::CStr::from_ptr(name.release.as_ptr())
            .to_string_lossy()
            .into_owned()
    };
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Sets `SO_RCVLOWAT`. Linux (4.18 and later) re-checks readiness as it does, so a reader
/// already waiting on bytes now above the new mark is woken.
#[allow(unsafe_code)]
fn set_rcvlowat(tcp: &TcpStream, mark: u64) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let value = libc::c_int::try_from(mark).unwrap_or(libc::c_int::MAX);
    // SAFETY: the descriptor is the stream's own and open for its lifetime; the option value
    // is a c_int that outlives the call, and its size is passed with it.
    let rc = unsafe {
        libc::setsockopt(
            tcp.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVLOWAT,
            (&raw const value).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl AsyncRead for BulkTcp {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let wanted = this.wanted();
        this.set_mark(wanted)?;
        loop {
            let before = buf.filled().len();
            match Pin::new(&mut this.tcp).poll_read(cx, buf) {
                Poll::Ready(result) => {
                    this.timer_armed = false;
                    if result.is_ok() {
                        this.note_read(buf.filled().len() - before);
                    }
                    return Poll::Ready(result);
                }
                Poll::Pending if this.mark <= 1 || this.quiet => return Poll::Pending,
                Poll::Pending => {
                    let deadline = Instant::now() + FALLBACK;
                    let timer = this
                        .timer
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                    if !this.timer_armed {
                        timer.as_mut().reset(deadline);
                        this.timer_armed = true;
                    }
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    this.timer_armed = false;
                    this.fall_back()?;
                    // Read again: what is queued below the old mark is ready now.
                }
            }
        }
    }
}

impl AsyncWrite for BulkTcp {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

// The mark is raised on Linux only (see `kernel_rechecks_readiness`).
#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
mod tests {
    use super::*;
    use std::io::Write;
    use tokio::io::AsyncReadExt;

    /// A connected pair: our side as a `BulkTcp`, the peer as a blocking std socket.
    async fn pair() -> (BulkTcp, std::net::TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let ours = TcpStream::connect(addr).await.expect("connect");
        let (peer, _) = listener.accept().expect("accept");
        (BulkTcp::new(ours), peer)
    }

    #[allow(unsafe_code)]
    fn rcvlowat(tcp: &TcpStream) -> i32 {
        use std::os::fd::AsRawFd;
        let mut value: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: reads one c_int option of the stream's own open descriptor into `value`.
        let rc = unsafe {
            libc::getsockopt(
                tcp.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVLOWAT,
                (&raw mut value).cast(),
                &raw mut len,
            )
        };
        assert_eq!(rc, 0, "getsockopt: {}", io::Error::last_os_error());
        value
    }

    #[tokio::test]
    async fn bytes_waiting_below_the_mark_are_read_after_the_fallback() {
        let (mut ours, peer) = pair().await;
        let mut peer = peer;
        ours.fast = true;
        ours.bulk.expect_until(64 << 20);
        assert_eq!(ours.wanted(), LOWAT);
        // 100 KiB while the read waits, then the peer goes quiet with the connection open:
        // without the fallback the read would wait for bytes that are not coming.
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            peer.write_all(&[7u8; 100 * 1024]).expect("write");
            peer
        });
        let mut buf = vec![0u8; 256 * 1024];
        let mut got = 0;
        while got < 100 * 1024 {
            let read = tokio::time::timeout(Duration::from_secs(5), ours.read(&mut buf[got..]));
            let n = read.await.expect("not stuck below the mark").expect("read");
            assert!(n > 0);
            got += n;
        }
        assert_eq!(got, 100 * 1024);
        assert!(!ours.fast, "the mark stays down until the rate shows again");
        assert_eq!(rcvlowat(ours.get_ref()), 1);
        drop(writer.join().expect("writer"));
    }

    #[tokio::test]
    async fn the_mark_goes_up_only_with_a_bound_and_down_near_it() {
        let (mut ours, _peer) = pair().await;
        ours.fast = true;
        assert_eq!(ours.wanted(), 1, "nothing known about the bytes to come");
        ours.bulk.expect_until(2 * LOWAT - 1);
        assert_eq!(ours.wanted(), 1, "too close to the body's end");
        ours.bulk.expect_until(8 * LOWAT);
        assert_eq!(ours.wanted(), LOWAT);
        ours.pos = 7 * LOWAT;
        assert_eq!(ours.wanted(), 1, "the last bytes are read as they come");
        ours.bulk.forget();
        ours.pos = 0;
        assert_eq!(ours.wanted(), 1);
        ours.fast = false;
        ours.bulk.expect_until(8 * LOWAT);
        assert_eq!(ours.wanted(), 1, "not before the rate shows");
    }

    #[tokio::test]
    async fn a_body_of_unknown_length_waits_for_16_mib_first() {
        let (mut ours, _peer) = pair().await;
        ours.fast = true;
        ours.pos = 5;
        ours.bulk.pos.store(5, Ordering::Release);
        ours.bulk.open();
        assert_eq!(ours.wanted(), 1);
        ours.pos = 5 + OPEN_AFTER;
        assert_eq!(ours.wanted(), LOWAT);
        ours.stop().expect("mark down");
        assert_eq!(ours.wanted(), 1);
        assert_eq!(rcvlowat(ours.get_ref()), 1);
    }

    #[tokio::test]
    async fn fast_reads_raise_the_mark_and_slow_ones_do_not() {
        let (mut ours, mut peer) = pair().await;
        ours.bulk.expect_until(u64::MAX - 1);
        // Slow: 64 KiB every 5 ms is 13 MB/s.
        let slow = std::thread::spawn(move || {
            for _ in 0..24 {
                peer.write_all(&[1u8; 64 * 1024]).expect("write");
                std::thread::sleep(Duration::from_millis(5));
            }
            peer
        });
        let mut buf = vec![0u8; 64 * 1024];
        let mut got = 0;
        while got < 24 * 64 * 1024 {
            got += ours.read(&mut buf).await.expect("read");
        }
        assert!(!ours.fast, "a slow peer never raises the mark");
        assert_eq!(rcvlowat(ours.get_ref()), 1);
        let mut peer = slow.join().expect("writer");
        // Fast: 64 MiB as quickly as loopback takes it.
        let fast = std::thread::spawn(move || {
            let block = vec![2u8; 1 << 20];
            for _ in 0..64 {
                peer.write_all(&block).expect("write");
            }
            peer
        });
        let mut got = 0;
        let mut raised = false;
        while got < 64 << 20 {
            got += ours.read(&mut buf).await.expect("read");
            raised |= rcvlowat(ours.get_ref()) == LOWAT as i32;
        }
        assert!(raised, "64 MiB over loopback raised the mark");
        drop(fast.join().expect("writer"));
    }
}
