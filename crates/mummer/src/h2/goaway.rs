//! Watches the frames a server sends for GOAWAY, so that a body cut by the close that follows
//! one can name it. `http2` fails a stream that its GOAWAY still covers with a plain "broken
//! pipe" once the connection closes, and keeps the GOAWAY's last stream id to itself.
//!
//! Only frame headers are read (9 bytes each, RFC 9113 section 4.1) and the first 8 payload
//! bytes of a GOAWAY (last stream id, error code; section 6.8); every other payload is skipped
//! by its length, so the cost is a few operations per frame. `http2` still parses and checks
//! every frame itself: this only remembers what it saw.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

const FRAME_HEADER: usize = 9;
const GOAWAY: u8 = 0x7;
/// Last stream id and error code: the fixed part of a GOAWAY payload.
const GOAWAY_FIXED: usize = 8;

/// What a GOAWAY said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GoAway {
    pub(crate) last_stream_id: u32,
    pub(crate) code: u32,
}

/// Splits a server's byte stream into frames, fed in pieces of any size.
#[derive(Debug, Default)]
pub(crate) struct FrameScanner {
    header: [u8; FRAME_HEADER],
    header_len: usize,
    /// Payload bytes of the current frame still to come (0 while reading a header).
    remaining: usize,
    /// The fixed part of a GOAWAY being read, and how much of it arrived.
    goaway: Option<([u8; GOAWAY_FIXED], usize)>,
}

impl FrameScanner {
    /// Takes the next bytes; returns the last GOAWAY completed in them.
    pub(crate) fn feed(&mut self, mut bytes: &[u8]) -> Option<GoAway> {
        let mut seen = None;
        while !bytes.is_empty() {
            if self.remaining == 0 {
                let n = (FRAME_HEADER - self.header_len).min(bytes.len());
                self.header[self.header_len..self.header_len + n].copy_from_slice(&bytes[..n]);
                self.header_len += n;
                bytes = &bytes[n..];
                if self.header_len < FRAME_HEADER {
                    break;
                }
                self.header_len = 0;
                let [l0, l1, l2, kind, ..] = self.header;
                self.remaining = usize::from(l0) << 16 | usize::from(l1) << 8 | usize::from(l2);
                // A GOAWAY shorter than its fixed part is http2's to reject; nothing to record.
                self.goaway = (kind == GOAWAY && self.remaining >= GOAWAY_FIXED)
                    .then_some(([0; GOAWAY_FIXED], 0));
                continue;
            }
            let n = self.remaining.min(bytes.len());
            if let Some((fixed, have)) = self.goaway.as_mut() {
                let take = (GOAWAY_FIXED - *have).min(n);
                fixed[*have..*have + take].copy_from_slice(&bytes[..take]);
                *have += take;
                if *have == GOAWAY_FIXED {
                    let [a, b, c, d, e, f, g, h] = *fixed;
                    seen = Some(GoAway {
                        // The top bit is reserved (section 6.8).
                        last_stream_id: u32::from_be_bytes([a, b, c, d]) & 0x7fff_ffff,
                        code: u32::from_be_bytes([e, f, g, h]),
                    });
                    self.goaway = None;
                }
            }
            self.remaining -= n;
            bytes = &bytes[n..];
        }
        seen
    }
}

/// The connection's transport, with the server's frames watched on the way in.
pub(crate) struct Watched<S> {
    io: S,
    scanner: FrameScanner,
    seen: Arc<Mutex<Option<GoAway>>>,
}

impl<S> Watched<S> {
    /// Watches `io`; the latest GOAWAY lands in `seen`.
    pub(crate) fn new(io: S, seen: Arc<Mutex<Option<GoAway>>>) -> Watched<S> {
        Watched {
            io,
            scanner: FrameScanner::default(),
            seen,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        ready!(Pin::new(&mut this.io).poll_read(cx, buf))?;
        if let Some(goaway) = this.scanner.feed(&buf.filled()[before..]) {
            *this.seen.lock().unwrap_or_else(|p| p.into_inner()) = Some(goaway);
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(kind: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
        let len = payload.len() as u32;
        let mut out = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, 0];
        out.extend_from_slice(&stream.to_be_bytes());
        out.extend_from_slice(payload);
        out
    }

    fn goaway(last: u32, code: u32, debug: &[u8]) -> Vec<u8> {
        let mut payload = last.to_be_bytes().to_vec();
        payload.extend_from_slice(&code.to_be_bytes());
        payload.extend_from_slice(debug);
        frame(GOAWAY, 0, &payload)
    }

    #[test]
    fn finds_a_goaway_after_other_frames_in_any_split() {
        let wire = [
            frame(0x4, 0, &[0; 12]),
            frame(0x0, 1, &[7; 20_000]),
            goaway(0x8000_0003, 2, b"bye"),
            frame(0x0, 3, &[1; 5]),
        ]
        .concat();
        let want = GoAway {
            last_stream_id: 3,
            code: 2,
        };
        for step in [1, 2, 8, 9, 10, 17, 4096, wire.len()] {
            let mut scanner = FrameScanner::default();
            let seen = wire.chunks(step).filter_map(|c| scanner.feed(c)).last();
            assert_eq!(seen, Some(want), "pieces of {step}");
        }
    }

    #[test]
    fn the_latest_goaway_wins_and_short_ones_are_ignored() {
        let mut scanner = FrameScanner::default();
        let wire = [goaway(u32::MAX >> 1, 0, b""), goaway(1, 0, b"")].concat();
        assert_eq!(
            scanner.feed(&wire),
            Some(GoAway {
                last_stream_id: 1,
                code: 0
            })
        );
        let mut scanner = FrameScanner::default();
        assert_eq!(scanner.feed(&frame(GOAWAY, 0, &[0; 4])), None);
        assert_eq!(scanner.feed(&goaway(5, 11, b"")).map(|g| g.code), Some(11));
    }
}
