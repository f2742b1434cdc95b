//! HTTP/1.1 over one connection: the driver that moves bytes between the socket and the sans-IO
//! core in `mummer-proto`.
//!
//! A request is written with its header names exactly as given; the response head is read with
//! the size limit; the body is then pulled by the reader, one socket read per chunk, so a slow
//! reader slows the socket (backpressure) instead of filling a buffer. A connection goes back to
//! the pool only once its body was read to the end.

use std::time::Duration;

use bytes::{Buf, Bytes, BytesMut};
use mummer_proto::{BodyDecoder, BodyKind, Limits, ParseStatus, ResponseHead};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::body::RequestBody;
use crate::error::{BodyError, Error, ProtocolError, TimeoutKind};
use crate::pool::PoolReturn;
use crate::transport::{ConnInfo, Stream};

/// How much one body read may gather before handing a chunk up.
const READ_CHUNK: usize = 64 * 1024;

/// An HTTP/1.1 connection between exchanges.
pub(crate) struct H1Conn {
    pub(crate) io: Stream,
    /// Bytes read from the socket but not yet consumed.
    pub(crate) buf: BytesMut,
    pub(crate) info: ConnInfo,
    /// Whether this connection already carried an exchange (a failure before any response
    /// byte may then be a stale keep-alive, safe to retry for idempotent requests).
    pub(crate) reused: bool,
    /// The socket's read position when the last request went out: its response comes after.
    sent_at: u64,
}

/// How an exchange failed, with what the retry logic needs to know.
pub(crate) struct SendFailure {
    pub(crate) error: Error,
    /// No byte of a response arrived: the server cannot have answered.
    pub(crate) no_response: bool,
}

/// The request line and headers, ready to encode.
pub(crate) struct RequestHead<'a> {
    pub(crate) method: &'a str,
    pub(crate) target: &'a str,
    /// Name, value, and whether the field was checked already (a profile's own).
    pub(crate) headers: &'a [(&'a str, &'a [u8], bool)],
}

impl H1Conn {
    pub(crate) fn new(io: Stream, info: ConnInfo) -> H1Conn {
        H1Conn {
            io,
            buf: BytesMut::with_capacity(READ_CHUNK),
            info,
            reused: false,
            sent_at: 0,
        }
    }

    /// Writes the request and reads the response head (skipping interim 1xx responses);
    /// returns it with the bytes all heads took on the wire.
    pub(crate) async fn send(
        &mut self,
        head: &RequestHead<'_>,
        body: &mut RequestBody,
        limits: &Limits,
        read_timeout: Option<Duration>,
    ) -> Result<(ResponseHead, u64), SendFailure> {
        let fail = |error: Error| SendFailure {
            error,
            no_response: true,
        };
        let mut wire = Vec::with_capacity(512);
        mummer_proto::encode_request_head_checked(
            head.method,
            head.target,
            head.headers.iter().copied(),
            &mut wire,
        )
        .map_err(|e| fail(Error::builder(e)))?;
        let expect_continue = head.headers.iter().any(|(n, v, _)| {
            n.eq_ignore_ascii_case("expect") && v.eq_ignore_ascii_case(b"100-continue")
        }) && !body.is_empty();
        let chunked = head.headers.iter().any(|(n, v, _)| {
            n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case(b"chunked")
        });
        let mut head_size = 0u64;
        self.sent_at = self.io.bulk().position();

        if let (false, Some(bytes)) = (expect_continue, body.as_bytes()) {
            // One write for head and a small body: fewer packets, as browsers do.
            if chunked {
                mummer_proto::request::encode_chunk(bytes, &mut wire);
                wire.extend_from_slice(mummer_proto::request::LAST_CHUNK);
            } else {
                wire.extend_from_slice(bytes);
            }
            self.write_all(&wire).await.map_err(fail)?;
        } else {
            self.write_all(&wire).await.map_err(fail)?;
            if expect_continue {
                // Wait briefly for 100 Continue (or a final answer that makes the body moot).
                match tokio::time::timeout(
                    Duration::from_secs(1),
                    self.read_head(limits, read_timeout),
                )
                .await
                {
                    Ok(Ok((interim, size))) if interim.status == 100 => head_size += size,
                    Ok(Ok((final_head, size))) => return Ok((final_head, head_size + size)),
                    Ok(Err(e)) => return Err(e),
                    Err(_) => {}
                }
            }
            self.write_body(body, chunked).await.map_err(fail)?;
        }
        loop {
            let (head, size) = self.read_head(limits, read_timeout).await?;
            head_size += size;
            if head.status >= 100 && head.status < 200 && head.status != 101 {
                continue;
            }
            return Ok((head, head_size));
        }
    }

    async fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.io.write_all(bytes).await.map_err(Error::request)?;
        self.io.flush().await.map_err(Error::request)
    }

    async fn write_body(&mut self, body: &mut RequestBody, chunked: bool) -> Result<(), Error> {
        let mut framed = Vec::new();
        while let Some(piece) = body.next_chunk().await? {
            if chunked {
                framed.clear();
                mummer_proto::request::encode_chunk(&piece, &mut framed);
                self.io.write_all(&framed).await.map_err(Error::request)?;
            } else {
                self.io.write_all(&piece).await.map_err(Error::request)?;
            }
        }
        if chunked {
            self.io
                .write_all(mummer_proto::request::LAST_CHUNK)
                .await
                .map_err(Error::request)?;
        }
        self.io.flush().await.map_err(Error::request)
    }

    /// Reads one response head, interim or final, and its size.
    async fn read_head(
        &mut self,
        limits: &Limits,
        read_timeout: Option<Duration>,
    ) -> Result<(ResponseHead, u64), SendFailure> {
        loop {
            if !self.buf.is_empty() {
                match mummer_proto::parse_response_head(&self.buf, limits) {
                    Ok(ParseStatus::Complete { head, consumed }) => {
                        self.buf.advance(consumed);
                        return Ok((head, consumed as u64));
                    }
                    Ok(ParseStatus::Partial) => {}
                    Err(e) => {
                        return Err(SendFailure {
                            error: Error::protocol(ProtocolError::Http1(e)),
                            no_response: false,
                        });
                    }
                }
            }
            let had_bytes = !self.buf.is_empty();
            self.buf.reserve(8 * 1024);
            let n = read_with_timeout(&mut self.io, &mut self.buf, read_timeout)
                .await
                .map_err(|failure| SendFailure {
                    error: failure.before_head(),
                    no_response: !had_bytes,
                })?;
            if n == 0 {
                return Err(SendFailure {
                    error: Error::protocol(ProtocolError::ClosedBeforeHead),
                    no_response: !had_bytes,
                });
            }
        }
    }
}

/// One socket read; `Ok(0)` is the peer's end of stream. I/O errors come back raw so that each
/// caller can say what they interrupted (a head, or a body).
async fn read_with_timeout(
    io: &mut Stream,
    buf: &mut BytesMut,
    timeout: Option<Duration>,
) -> Result<usize, ReadFailure> {
    let read = io.read_buf(buf);
    match timeout {
        Some(t) => match tokio::time::timeout(t, read).await {
            Ok(r) => r.map_err(ReadFailure::Io),
            Err(_) => Err(ReadFailure::Timeout(t)),
        },
        None => read.await.map_err(ReadFailure::Io),
    }
}

enum ReadFailure {
    Timeout(Duration),
    Io(std::io::Error),
}

impl ReadFailure {
    fn before_head(self) -> Error {
        match self {
            ReadFailure::Timeout(t) => Error::timeout(TimeoutKind::Read, t),
            ReadFailure::Io(e) => Error::new(
                crate::error::Kind::Protocol(ProtocolError::ClosedBeforeHead),
                Some(e.into()),
            ),
        }
    }

    fn in_body(self, received: u64) -> Error {
        match self {
            ReadFailure::Timeout(t) => Error::timeout(TimeoutKind::Read, t),
            ReadFailure::Io(e) => Error::body(BodyError::Io { received }, Some(e.into())),
        }
    }
}

/// A response body being read from an HTTP/1.1 connection it owns.
pub(crate) struct H1Body {
    conn: Option<H1Conn>,
    decoder: BodyDecoder,
    keep_alive: bool,
    // Boxed: the pool key is the largest field, and a body's size is paid on every move.
    pool: Option<Box<PoolReturn>>,
    read_timeout: Option<Duration>,
    /// Set when a close-delimited TLS body ended without close_notify: the end cannot be told
    /// from a cut.
    unverified_end: bool,
    /// An error a gathering read met after data: returned once that data went up. Linux
    /// reports a reset once, and the read after it sees an end of stream, which for a
    /// close-delimited body would pass for its end.
    deferred: Option<std::io::Error>,
}

impl H1Body {
    pub(crate) fn new(
        conn: H1Conn,
        kind: BodyKind,
        keep_alive: bool,
        limits: Limits,
        pool: Option<Box<PoolReturn>>,
        read_timeout: Option<Duration>,
    ) -> H1Body {
        let bulk = conn.io.bulk();
        match kind {
            BodyKind::ContentLength(n) => bulk.expect_until(conn.sent_at.saturating_add(n)),
            BodyKind::Chunked | BodyKind::CloseDelimited => bulk.open(),
            BodyKind::Empty => {}
        }
        let mut body = H1Body {
            conn: Some(conn),
            decoder: BodyDecoder::new(kind, limits),
            keep_alive,
            pool,
            read_timeout,
            unverified_end: false,
            deferred: None,
        };
        if body.decoder.is_done() {
            body.release();
        }
        body
    }

    pub(crate) fn received(&self) -> u64 {
        self.decoder.received()
    }

    pub(crate) fn unverified_end(&self) -> bool {
        self.unverified_end
    }

    /// The next piece of body data; `None` once the body is complete.
    pub(crate) async fn next(&mut self) -> Result<Option<Bytes>, Error> {
        loop {
            match self.decode_buffered()? {
                Step::Data(data) => return Ok(Some(data)),
                Step::Done => return Ok(None),
                Step::Again => continue,
                Step::NeedMore => {}
            }
            let Some(conn) = self.conn.as_mut() else {
                return Ok(None);
            };
            let received = self.decoder.received();
            if let Some(e) = self.deferred.take() {
                return Err(ReadFailure::Io(e).in_body(received));
            }
            conn.buf.reserve(READ_CHUNK);
            let n = read_with_timeout(&mut conn.io, &mut conn.buf, self.read_timeout)
                .await
                .map_err(|failure| failure.in_body(received))?;
            if n == 0 {
                return self.on_eof();
            }
            // Gather whatever else is already readable, up to one chunk, without waiting: fewer,
            // larger chunks cost less per byte for every consumer above.
            while conn.buf.len() < READ_CHUNK {
                match conn.io.gather(&mut conn.buf) {
                    Some(Ok(n)) if n > 0 => {}
                    Some(Err(e)) => {
                        self.deferred = Some(e);
                        break;
                    }
                    _ => break,
                }
            }
        }
    }

    /// Runs the framing decoder over what is buffered.
    fn decode_buffered(&mut self) -> Result<Step, Error> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(Step::Done);
        };
        if conn.buf.is_empty() {
            return Ok(Step::NeedMore);
        }
        let received = self.decoder.received();
        let decoded = self.decoder.decode(&conn.buf).map_err(|e| {
            Error::body(
                BodyError::Framing(e),
                Some(format!("after {received} body bytes").into()),
            )
        })?;
        let mut frame = conn.buf.split_to(decoded.consumed);
        let data = if decoded.data.is_empty() {
            None
        } else {
            frame.advance(decoded.data.start);
            frame.truncate(decoded.data.len());
            Some(frame.freeze())
        };
        if decoded.done {
            self.release();
        }
        Ok(match data {
            Some(d) => Step::Data(d),
            None if decoded.done => Step::Done,
            None if decoded.consumed > 0 => Step::Again,
            None => Step::NeedMore,
        })
    }

    fn on_eof(&mut self) -> Result<Option<Bytes>, Error> {
        let expected = self.decoder.expected();
        let received = self.decoder.received();
        match self.decoder.finish_on_eof() {
            Ok(()) => {
                if let Some(conn) = self.conn.take() {
                    if conn.io.is_tls() && !conn.io.peer_sent_close_notify() {
                        self.unverified_end = true;
                    }
                }
                Ok(None)
            }
            Err(mummer_proto::BodyError::Truncated { expected, received }) => Err(Error::body(
                BodyError::Truncated {
                    expected: Some(expected),
                    received,
                },
                None,
            )),
            Err(other) => {
                let _ = (expected, received);
                Err(Error::body(BodyError::Framing(other), None))
            }
        }
    }

    /// The body is complete: the connection goes back to the pool if it may be reused.
    fn release(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        // A connection whose mark could not come down is not reused.
        let stopped = conn.io.bulk_stop().is_ok();
        if self.keep_alive && stopped && conn.buf.is_empty() {
            if let Some(pool) = self.pool.take() {
                conn.reused = true;
                pool.put(crate::conn::Conn::H1(conn));
            }
        }
    }
}

enum Step {
    Data(Bytes),
    Done,
    Again,
    NeedMore,
}
