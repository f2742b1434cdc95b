//! One HTTP/2 stream as a byte stream: what a WebSocket opened by an extended CONNECT
//! (RFC 8441) runs over. Reads hand out DATA as it arrives and give its flow-control capacity
//! back only once the reader has taken it (a slow reader holds the server back by the
//! stream's window, as for a response body); writes wait for window and send at most what it
//! allows; shutting down sends END_STREAM.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::{Buf, Bytes};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::{Closed, H2Conn, H2Failure};
use crate::error::{Error, TimeoutKind};

/// At most this much window is asked for at once by one write.
const WRITE_RESERVE: usize = 256 * 1024;

impl H2Conn {
    /// Whether the server's SETTINGS allowed extended CONNECT
    /// (SETTINGS_ENABLE_CONNECT_PROTOCOL = 1).
    pub(crate) fn connect_protocol_enabled(&self) -> bool {
        self.is_open() && self.send.is_extended_connect_protocol_enabled()
    }

    /// Sends an extended CONNECT (`request` carries its `:protocol` as an
    /// `http2::ext::Protocol` extension) and resolves with the answer's head and the stream.
    pub(crate) async fn extended_connect(
        &self,
        request: http::Request<()>,
        read_timeout: Option<Duration>,
    ) -> Result<(http::response::Parts, Tunnel), H2Failure> {
        let mut send = self
            .send
            .clone()
            .ready()
            .await
            .map_err(|e| H2Failure::from_h2(e, true))?;
        let (response, stream) = send
            .send_request(request, false)
            .map_err(|e| H2Failure::from_h2(e, true))?;
        let response = match read_timeout {
            Some(t) => tokio::time::timeout(t, response)
                .await
                .map_err(|_| H2Failure {
                    error: Error::timeout(TimeoutKind::Read, t),
                    retryable: false,
                })?,
            None => response.await,
        }
        .map_err(|e| H2Failure::from_h2(e, false))?;
        let (parts, recv) = response.into_parts();
        Ok((
            parts,
            Tunnel {
                send: stream,
                recv,
                pending: Bytes::new(),
                conn: self.closed.clone(),
                shut: false,
            },
        ))
    }
}

/// Both halves of one HTTP/2 stream, as [`AsyncRead`] + [`AsyncWrite`].
pub(crate) struct Tunnel {
    send: http2::SendStream<Bytes>,
    recv: http2::RecvStream,
    /// DATA received and not yet read.
    pending: Bytes,
    /// Whether the connection is gone: capacity is then not released (see `H2Conn::handshake`).
    conn: Arc<Closed>,
    shut: bool,
}

fn io_error(e: http2::Error) -> io::Error {
    if e.is_io() {
        e.into_io()
            .unwrap_or_else(|| io::ErrorKind::BrokenPipe.into())
    } else {
        io::Error::other(e)
    }
}

impl AsyncRead for Tunnel {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        while this.pending.is_empty() {
            match ready!(this.recv.poll_data(cx)) {
                Some(Ok(data)) => this.pending = data,
                Some(Err(e)) => return Poll::Ready(Err(io_error(e))),
                // END_STREAM: the end of the bytes.
                None => return Poll::Ready(Ok(())),
            }
        }
        let n = this.pending.len().min(buf.remaining());
        buf.put_slice(&this.pending[..n]);
        this.pending.advance(n);
        let gone = this.conn.lock();
        if !*gone {
            let _ = this.recv.flow_control().release_capacity(n);
        }
        drop(gone);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Tunnel {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        if this.shut {
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        loop {
            let room = this.send.capacity();
            if room > 0 {
                let n = room.min(buf.len());
                this.send
                    .send_data(Bytes::copy_from_slice(&buf[..n]), false)
                    .map_err(io_error)?;
                return Poll::Ready(Ok(n));
            }
            this.send.reserve_capacity(buf.len().min(WRITE_RESERVE));
            if this.send.capacity() > 0 {
                continue;
            }
            match ready!(this.send.poll_capacity(cx)) {
                Some(Ok(_)) => {}
                Some(Err(e)) => return Poll::Ready(Err(io_error(e))),
                None => return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into())),
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        // The connection task writes what the streams queued.
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.shut {
            this.shut = true;
            this.send.send_data(Bytes::new(), true).map_err(io_error)?;
        }
        Poll::Ready(Ok(()))
    }
}
