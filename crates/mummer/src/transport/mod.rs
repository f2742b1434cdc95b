//! Getting bytes to and from a server: TCP (with address overrides and a connect deadline) and
//! TLS through BoringSSL. Nothing here knows HTTP; the one exception is ALPN, which TLS
//! negotiates on HTTP's behalf.

pub(crate) mod bulk;
pub(crate) mod proxy;
pub(crate) mod read_ahead;
pub(crate) mod tcp;
pub(crate) mod tls;

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// A connected byte stream: plain TCP or TLS over TCP.
#[derive(Debug)]
pub(crate) enum Stream {
    Plain(Box<bulk::BulkTcp>),
    Tls(Box<tokio_btls::SslStream<read_ahead::ReadAheadTcp>>),
}

/// What the connection turned out to be, fixed at connect time.
#[derive(Debug, Clone)]
pub(crate) struct ConnInfo {
    pub(crate) remote_addr: Option<SocketAddr>,
    pub(crate) local_addr: Option<SocketAddr>,
}

impl Stream {
    pub(crate) fn is_tls(&self) -> bool {
        matches!(self, Stream::Tls(_))
    }

    /// Whether the peer ended TLS with close_notify. Plain TCP has no such signal, so it answers
    /// true: there is nothing more to verify.
    pub(crate) fn peer_sent_close_notify(&self) -> bool {
        match self {
            Stream::Plain(_) => true,
            Stream::Tls(s) => tls::received_close_notify(s.ssl()),
        }
    }

    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s.get_ref(),
            Stream::Tls(s) => s.get_ref().get_ref(),
        }
    }

    /// What the HTTP layer tells the socket about bytes to come (see [`bulk`]).
    pub(crate) fn bulk(&self) -> &std::sync::Arc<bulk::Bulk> {
        match self {
            Stream::Plain(s) => s.bulk(),
            Stream::Tls(s) => s.get_ref().bulk_tcp_ref().bulk(),
        }
    }

    /// Reads what is ready into `buf` without waiting (`None`: nothing is). Unlike a read
    /// future polled once and dropped, it leaves no bulk-read wait bound behind.
    pub(crate) fn gather(&mut self, buf: &mut bytes::BytesMut) -> Option<io::Result<usize>> {
        use futures_util::FutureExt;
        use tokio::io::AsyncReadExt;
        self.bulk_tcp_mut().quiet = true;
        let read = self.read_buf(buf).now_or_never();
        self.bulk_tcp_mut().quiet = false;
        read
    }

    fn bulk_tcp_mut(&mut self) -> &mut bulk::BulkTcp {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => s.get_mut().bulk_tcp(),
        }
    }

    /// Ends bulk reading now: before the connection idles or is handed to another protocol.
    pub(crate) fn bulk_stop(&mut self) -> io::Result<()> {
        self.bulk_tcp_mut().stop()
    }

    /// Checks, without blocking, whether an idle connection is still usable: the peer has not
    /// closed it and has sent nothing unsolicited.
    pub(crate) fn is_reusable(&mut self) -> bool {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut probe = [0u8; 1];
        let mut buf = ReadBuf::new(&mut probe);
        match self {
            Stream::Plain(s) => matches!(s.get_ref().poll_peek(&mut cx, &mut buf), Poll::Pending),
            Stream::Tls(s) => {
                // TLS 1.3 servers send session tickets after the handshake, so pending bytes are
                // not proof of death: let TLS consume them and see whether application data or
                // an end of stream comes out.
                let mut peek = [0u8; 1];
                let mut peek_buf = ReadBuf::new(&mut peek);
                let socket = s.get_ref();
                let peeked = if socket.buffered() > 0 {
                    Poll::Ready(Ok(socket.buffered()))
                } else {
                    socket.get_ref().poll_peek(&mut cx, &mut peek_buf)
                };
                match peeked {
                    Poll::Pending => true,
                    Poll::Ready(Ok(0)) | Poll::Ready(Err(_)) => false,
                    Poll::Ready(Ok(_)) => {
                        matches!(
                            Pin::new(&mut **s).poll_read(&mut cx, &mut buf),
                            Poll::Pending
                        )
                    }
                }
            }
        }
    }

    pub(crate) fn set_nodelay(&self) {
        // Small requests must not wait for Nagle; a failure here only costs latency.
        let _ = self.tcp().set_nodelay(true);
    }
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(&mut **s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(&mut **s).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(&mut **s).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(&mut **s).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(&mut **s).poll_shutdown(cx),
        }
    }
}
