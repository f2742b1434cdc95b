//! The TCP socket under TLS, read ahead: BoringSSL reads each record with two exact-size reads
//! (its 5-byte header, then its body) and has no read-ahead of its own, so without this every
//! 16 KiB record cost two `recv` calls. Here one `recv` takes whatever the kernel holds, up to
//! [`READ_AHEAD`], and TLS's small reads are served from that.
//!
//! Only bytes already received are held: what is buffered here is what the kernel's socket
//! buffer would otherwise hold, so flow control and backpressure are unchanged.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::bulk::BulkTcp;

/// Bytes taken from the kernel per `recv` at most: four full TLS records.
pub(crate) const READ_AHEAD: usize = 64 * 1024;

/// A TCP stream whose reads go through a read-ahead buffer; writes pass straight through.
#[derive(Debug)]
pub(crate) struct ReadAheadTcp {
    tcp: BulkTcp,
    /// Allocated on the first read that needs it.
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl ReadAheadTcp {
    pub(crate) fn new(tcp: TcpStream) -> ReadAheadTcp {
        ReadAheadTcp {
            tcp: BulkTcp::new(tcp),
            buf: Vec::new(),
            start: 0,
            end: 0,
        }
    }

    pub(crate) fn get_ref(&self) -> &TcpStream {
        self.tcp.get_ref()
    }

    pub(crate) fn bulk_tcp(&mut self) -> &mut BulkTcp {
        &mut self.tcp
    }

    pub(crate) fn bulk_tcp_ref(&self) -> &BulkTcp {
        &self.tcp
    }

    /// Bytes received from the socket that the reader above has not taken yet.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.start
    }
}

impl AsyncRead for ReadAheadTcp {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let size = READ_AHEAD;
        if this.start == this.end {
            if out.remaining() >= size {
                // A read this large gains nothing from the buffer.
                return Pin::new(&mut this.tcp).poll_read(cx, out);
            }
            if this.buf.is_empty() {
                this.buf = vec![0; size];
            }
            let mut fill = ReadBuf::new(&mut this.buf);
            ready!(Pin::new(&mut this.tcp).poll_read(cx, &mut fill))?;
            this.start = 0;
            this.end = fill.filled().len();
            if this.end == 0 {
                // End of stream.
                return Poll::Ready(Ok(()));
            }
        }
        let n = out.remaining().min(this.end - this.start);
        out.put_slice(&this.buf[this.start..this.start + n]);
        this.start += n;
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for ReadAheadTcp {
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
