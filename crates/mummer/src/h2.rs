//! HTTP/2 through the `http2` crate: one connection carries many concurrent streams.
//!
//! The connection task runs on the runtime until the server closes it or every handle (the
//! pool's and each live response's) is gone, so a response outlives the client that made it.
//! Flow-control capacity is released only as the reader takes data: a slow reader holds the
//! server back by the window size, no more.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use http2::client::SendRequest;

use crate::body::RequestBody;
use crate::conn::{Replay, SendFailure};
use crate::error::{BodyError, Error, ProtocolError};
use crate::transport::{ConnInfo, Stream};

mod coalesce;
mod goaway;
mod tunnel;
mod wake;

pub(crate) use tunnel::Tunnel;

/// HTTP/2 connection settings this client sends.
#[derive(Debug, Clone)]
pub(crate) struct H2Settings {
    pub(crate) initial_window_size: u32,
    pub(crate) initial_connection_window_size: u32,
    pub(crate) max_header_list_size: Option<u32>,
    pub(crate) header_table_size: Option<u32>,
}

impl Default for H2Settings {
    fn default() -> Self {
        // hyper's (so reqwest's) windows, 2 MiB per stream and 5 MiB per connection: the bound
        // on what a slow reader can leave buffered. Chrome's 6 MiB / 15 MiB come with its
        // profile. Larger windows let a reader that falls behind pile up more 16 KiB frames,
        // and when it catches up glibc hands the freed arena back to the kernel, only to fault
        // it in again: on a 1 GiB loopback stream, 6 MiB windows cost ~100k page faults per
        // GiB and 5-15% more client CPU than these.
        H2Settings {
            initial_window_size: 2 * 1024 * 1024,
            initial_connection_window_size: 5 * 1024 * 1024,
            max_header_list_size: Some(256 * 1024),
            header_table_size: Some(65536),
        }
    }
}

/// A shareable handle on one HTTP/2 connection.
#[derive(Clone)]
pub(crate) struct H2Conn {
    send: SendRequest<Bytes>,
    closed: Arc<Closed>,
    /// Told of each stream queued, on a multi-thread runtime (see `coalesce`); `None` on a
    /// current-thread one, where the connection task runs only after the caller's own task
    /// yields anyway.
    queued: Option<Arc<coalesce::Queued>>,
    /// The socket's bulk reading (see `transport::bulk`), when the windows allow it.
    bulk: Option<Arc<crate::transport::bulk::Bulk>>,
    pub(crate) info: ConnInfo,
}

impl H2Conn {
    /// Opens the connection: the preface is the profile's browser's when there is a profile
    /// (which then replaces `settings`), else `settings`.
    pub(crate) async fn handshake(
        io: Stream,
        info: ConnInfo,
        settings: &H2Settings,
        profile: Option<&mummer_profile::Http2Profile>,
    ) -> Result<H2Conn, Error> {
        let mut builder = http2::client::Builder::new();
        builder.max_concurrent_reset_streams(1000);
        let windows = match profile {
            Some(profile) => {
                let stream = profile
                    .settings
                    .iter()
                    .find(|&&(id, _)| id == 4)
                    .map_or(65_535, |&(_, v)| v);
                (stream, 65_535u32.saturating_add(profile.window_update))
            }
            None => (
                settings.initial_window_size,
                settings.initial_connection_window_size,
            ),
        };
        // The server may send only what the windows allow: with windows not far above the
        // mark, it would stall below it and every wait would end at the fallback.
        let bulk = (u64::from(windows.0.min(windows.1)) >= 4 * crate::transport::bulk::LOWAT)
            .then(|| io.bulk().clone());
        match profile {
            Some(profile) => apply_profile(&mut builder, profile),
            None => {
                builder
                    .initial_window_size(settings.initial_window_size)
                    .initial_connection_window_size(settings.initial_connection_window_size)
                    .enable_push(false);
                if let Some(size) = settings.max_header_list_size {
                    builder.max_header_list_size(size);
                }
                if let Some(size) = settings.header_table_size {
                    builder.header_table_size(size);
                }
            }
        }
        let closed = Arc::new(Closed::default());
        let io = goaway::Watched::new(io, closed.goaway.clone());
        let (send, connection) = builder
            .handshake::<_, Bytes>(io)
            .await
            .map_err(|e| Error::connect(format!("HTTP/2 handshake: {e}")))?;
        let flag = closed.clone();
        let queued = (tokio::runtime::Handle::current().runtime_flavor()
            != tokio::runtime::RuntimeFlavor::CurrentThread)
            .then(Arc::<coalesce::Queued>::default);
        let coalesce = queued.clone().unwrap_or_default();
        crate::embed::spawn(async move {
            // The result matters to the streams, which each see it; here it only marks the
            // connection unusable for new requests.
            let mut connection = Box::pin(coalesce::Coalesce {
                inner: wake::Batched(connection),
                queued: coalesce,
                yielded: false,
            });
            let _ = connection.as_mut().await;
            // Dropping the connection clears the WINDOW_UPDATEs queued so far; a capacity
            // release after the drop would stay queued for good, leaving its stream in
            // `http2`'s store (which its debug assertions reject with a panic). So the mark and
            // the drop happen under the lock that every release takes.
            let mut gone = flag.lock();
            *gone = true;
            drop(connection);
            drop(gone);
            flag.open.store(false, Ordering::Release);
        });
        Ok(H2Conn {
            send,
            closed,
            queued,
            bulk,
            info,
        })
    }

    /// Whether new streams may still be opened on this connection.
    pub(crate) fn is_open(&self) -> bool {
        self.closed.open.load(Ordering::Acquire)
    }

    /// Sends a request; resolves when the response head arrived.
    pub(crate) async fn send(
        &self,
        request: http::Request<()>,
        body: &mut RequestBody,
        read_timeout: Option<std::time::Duration>,
    ) -> Result<(http::response::Parts, H2Body), SendFailure> {
        // A HEAD response's content-length describes the GET body it did not send.
        let head = request.method() == http::Method::HEAD;
        // Read before this stream opens: whether the connection had already answered a request.
        let served = self.closed.served.load(Ordering::Acquire);
        // Until `send_request` takes the request, nothing of it can have reached the server.
        let not_sent = |e: http2::Error| {
            let failure = H2Failure::from_h2(e, true);
            SendFailure {
                error: failure.error,
                replay: if failure.retryable {
                    Replay::Safe
                } else {
                    Replay::No
                },
            }
        };
        let mut send = self.send.clone().ready().await.map_err(not_sent)?;
        // Before the request goes out: every byte of its response comes after this point.
        let start = self.bulk.as_ref().map(|b| b.position());
        let end_of_stream = body.is_empty();
        // In flight until the head arrives (or this fails): what a concurrent request's
        // stream may be written together with.
        let _in_flight = self.queued.as_ref().map(coalesce::Queued::enter);
        let (response, mut stream) = send
            .send_request(request, end_of_stream)
            .map_err(not_sent)?;
        let stream_id = u32::from(response.stream_id());
        if !end_of_stream {
            send_body(&mut stream, body)
                .await
                .map_err(|error| SendFailure {
                    replay: self.replay_body_failure(stream_id),
                    error,
                })?;
        }
        let response = match read_timeout {
            Some(t) => tokio::time::timeout(t, response)
                .await
                .map_err(|_| SendFailure {
                    error: Error::timeout(crate::error::TimeoutKind::Read, t),
                    replay: Replay::No,
                })?,
            None => response.await,
        }
        .map_err(|e| SendFailure {
            replay: self.replay_after_send(&e, stream_id, served),
            error: h2_error(&e),
        })?;
        self.closed.served.store(true, Ordering::Release);
        let (parts, recv) = response.into_parts();
        let bodiless = head
            || parts.status == http::StatusCode::NO_CONTENT
            || parts.status == http::StatusCode::NOT_MODIFIED;
        // Parsed as HTTP/1.1's is: a list of equal values is that length; an invalid or
        // disagreeing one is a malformed response (RFC 9113 8.1.1), never "no length" (which
        // would let a cut body pass as complete).
        let content_length = if bodiless {
            None
        } else {
            mummer_proto::content_length_of(
                parts
                    .headers
                    .get_all(http::header::CONTENT_LENGTH)
                    .iter()
                    .map(http::HeaderValue::as_bytes),
            )
            .map_err(|e| SendFailure {
                error: Error::protocol(ProtocolError::Http2(format!(
                    "malformed response: {e} in content-length"
                ))),
                replay: Replay::No,
            })?
        };
        let bulk = match (&self.bulk, start, content_length) {
            (Some(bulk), Some(start), Some(length))
                if length >= 2 * crate::transport::bulk::LOWAT =>
            {
                bulk.expect_until(start.saturating_add(length));
                Some(bulk.clone())
            }
            _ => None,
        };
        Ok((
            parts,
            H2Body {
                recv,
                received: 0,
                overrun: None,
                content_length,
                wake: wake::ReaderWaker::new(),
                _send: stream,
                conn: self.closed.clone(),
                bulk,
            },
        ))
    }
}

/// Shapes the connection preface and request HEADERS like the profile's browser.
fn apply_profile(builder: &mut http2::client::Builder, profile: &mummer_profile::Http2Profile) {
    use http2::frame::{
        PseudoId, PseudoOrder, SettingId, SettingsOrder, StreamDependency, StreamId,
    };
    let mut order = SettingsOrder::builder();
    for &(id, value) in &profile.settings {
        let setting = match id {
            1 => {
                builder.header_table_size(value);
                SettingId::HeaderTableSize
            }
            2 => {
                builder.enable_push(value != 0);
                SettingId::EnablePush
            }
            3 => {
                builder.max_concurrent_streams(value);
                SettingId::MaxConcurrentStreams
            }
            4 => {
                builder.initial_window_size(value);
                SettingId::InitialWindowSize
            }
            5 => {
                builder.max_frame_size(value);
                SettingId::MaxFrameSize
            }
            6 => {
                builder.max_header_list_size(value);
                SettingId::MaxHeaderListSize
            }
            8 => {
                builder.enable_connect_protocol(value != 0);
                SettingId::EnableConnectProtocol
            }
            9 => {
                builder.no_rfc7540_priorities(value != 0);
                SettingId::NoRfc7540Priorities
            }
            // Profiles are validated; ids beyond these cannot be sent through http2.
            _ => continue,
        };
        order = order.push(setting);
    }
    builder.settings_order(order.build());
    // The connection window starts at 65,535; the browser's WINDOW_UPDATE adds its increment.
    builder.initial_connection_window_size(65_535 + profile.window_update);
    let mut pseudo = PseudoOrder::builder();
    for name in &profile.pseudo_header_order {
        pseudo = pseudo.push(match name.as_str() {
            ":method" => PseudoId::Method,
            ":authority" => PseudoId::Authority,
            ":scheme" => PseudoId::Scheme,
            _ => PseudoId::Path,
        });
    }
    builder.headers_pseudo_order(pseudo.build());
    let dependency = |p: &mummer_profile::Priority| {
        StreamDependency::new(
            StreamId::from(p.depends_on),
            (p.weight.clamp(1, 256) - 1) as u8,
            p.exclusive,
        )
    };
    if let Some(p) = &profile.headers_priority {
        builder.headers_stream_dependency(dependency(p));
    }
    if !profile.priority_frames.is_empty() {
        let mut frames = http2::frame::Priorities::builder();
        for f in &profile.priority_frames {
            frames = frames.push(http2::frame::Priority::new(
                StreamId::from(f.stream_id),
                dependency(&f.priority),
            ));
        }
        builder.priorities(frames.build());
    }
    builder.initial_stream_id(profile.initial_stream_id);
}

async fn send_body(
    stream: &mut http2::SendStream<Bytes>,
    body: &mut RequestBody,
) -> Result<(), Error> {
    while let Some(mut piece) = body.next_chunk().await? {
        while !piece.is_empty() {
            stream.reserve_capacity(piece.len());
            let granted = std::future::poll_fn(|cx| stream.poll_capacity(cx))
                .await
                .ok_or_else(|| Error::request("stream closed while sending the body"))?
                .map_err(Error::request)?;
            let part = piece.split_to(granted.min(piece.len()));
            stream.send_data(part, false).map_err(Error::request)?;
        }
    }
    stream.send_data(Bytes::new(), true).map_err(Error::request)
}

/// An HTTP/2 exchange that failed before its response head.
pub(crate) struct H2Failure {
    pub(crate) error: Error,
    /// The server did not process the request (GOAWAY beyond its last stream, REFUSED_STREAM,
    /// or the connection was already gone): safe to send again on a new connection.
    pub(crate) retryable: bool,
}

impl H2Failure {
    fn from_h2(e: http2::Error, before_send: bool) -> H2Failure {
        let code = e.reason().map(u32::from);
        let refused = code == Some(7);
        let retryable =
            refused || (e.is_go_away() && code == Some(0)) || (before_send && !e.is_reset());
        H2Failure {
            error: h2_error(&e),
            retryable,
        }
    }
}

impl H2Conn {
    /// What a stream that failed before its response head, after it was handed to `http2`,
    /// tells about the request. Streams above a GOAWAY's last stream id were not processed
    /// (RFC 9113 section 6.8), whatever its code, and neither was a refused one (section 8.7):
    /// they go again whatever the method. A connection that had answered before and now closes
    /// (or says GOAWAY covering the stream, then closes) with nothing of this response is the
    /// server ending a connection it took for idle or used up, the same case as a stale
    /// HTTP/1.1 keep-alive: safe for idempotent requests only, since the server may have
    /// read this one.
    fn replay_after_send(&self, e: &http2::Error, stream_id: u32, served: bool) -> Replay {
        if e.reason() == Some(http2::Reason::REFUSED_STREAM) || self.beyond_goaway(stream_id) {
            Replay::Safe
        } else if served && (e.is_io() || (e.is_go_away() && e.is_remote())) {
            Replay::IfIdempotent
        } else {
            Replay::No
        }
    }

    /// Sending the request body failed: the stream may have been refused by a GOAWAY.
    fn replay_body_failure(&self, stream_id: u32) -> Replay {
        if self.beyond_goaway(stream_id) {
            Replay::Safe
        } else {
            Replay::No
        }
    }

    /// Whether the server's GOAWAY (watched on the way in, so seen before `http2` acts on it)
    /// leaves the stream out.
    fn beyond_goaway(&self, stream_id: u32) -> bool {
        self.closed
            .goaway()
            .is_some_and(|goaway| goaway.last_stream_id < stream_id)
    }
}

/// The error for a stream that failed before its response head.
fn h2_error(e: &http2::Error) -> Error {
    let code = e.reason().map_or(0, u32::from);
    if e.is_go_away() {
        Error::protocol(ProtocolError::GoAway(code))
    } else if e.is_reset() {
        Error::protocol(ProtocolError::Reset(code))
    } else if e.is_io() {
        Error::protocol(ProtocolError::ClosedBeforeHead)
    } else {
        Error::protocol(ProtocolError::Http2(e.to_string()))
    }
}

/// A response body arriving on one HTTP/2 stream.
pub(crate) struct H2Body {
    recv: http2::RecvStream,
    /// DATA bytes that arrived, whether delivered or not.
    received: u64,
    /// Set once DATA ran past content-length: the error the next read returns, after the bytes
    /// up to the declared length went out.
    overrun: Option<Error>,
    /// Checked here, not by `http2`, which would drop the DATA frame that broke it (our patch,
    /// docs/decisions/0008-http2-content-length.md).
    content_length: Option<u64>,
    wake: wake::ReaderWaker,
    // Holding the send half keeps the stream open on our side until the body is done.
    _send: http2::SendStream<Bytes>,
    /// Whether the connection is gone: capacity is then not released (see `handshake`).
    conn: Arc<Closed>,
    /// Told when this body is let go before its end: the bytes it promised will not come.
    bulk: Option<Arc<crate::transport::bulk::Bulk>>,
}

impl Drop for H2Body {
    fn drop(&mut self) {
        if let Some(bulk) = &self.bulk
            && self.content_length.is_some_and(|n| self.received < n)
        {
            bulk.forget();
        }
    }
}

/// Whether a connection's task has ended. `open` is read lock-free for pool checks; `gone`
/// orders capacity releases against the connection's drop.
struct Closed {
    open: AtomicBool,
    /// Whether a response head arrived on any stream: a close after that, before a later
    /// stream's head, can be the server retiring an idle or used-up connection.
    served: AtomicBool,
    gone: std::sync::Mutex<bool>,
    /// The latest GOAWAY the server sent on this connection.
    goaway: Arc<std::sync::Mutex<Option<goaway::GoAway>>>,
}

impl Default for Closed {
    fn default() -> Self {
        Closed {
            open: AtomicBool::new(true),
            served: AtomicBool::new(false),
            gone: std::sync::Mutex::new(false),
            goaway: Arc::default(),
        }
    }
}

impl Closed {
    fn lock(&self) -> std::sync::MutexGuard<'_, bool> {
        self.gone.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn goaway(&self) -> Option<goaway::GoAway> {
        *self.goaway.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl H2Body {
    pub(crate) fn received(&self) -> u64 {
        self.received
    }

    pub(crate) async fn next(&mut self) -> Result<Option<Bytes>, Error> {
        if let Some(e) = self.overrun.take() {
            return Err(e);
        }
        let data = loop {
            let data =
                std::future::poll_fn(|cx| self.wake.poll(cx, |cx| self.recv.poll_data(cx))).await;
            // An empty DATA frame (often the one carrying END_STREAM) is no chunk.
            match &data {
                Some(Ok(d)) if d.is_empty() => continue,
                _ => break data,
            }
        };
        match data {
            Some(Ok(mut data)) => {
                let len = data.len();
                let before = self.received;
                self.received += len as u64;
                // Capacity goes back to the server only now that the reader has taken the data.
                let gone = self.conn.lock();
                if !*gone {
                    let _ = self.recv.flow_control().release_capacity(len);
                }
                drop(gone);
                if let Some(expected) = self.content_length
                    && self.received > expected
                {
                    // A malformed response (RFC 9113 8.1.1): the bytes up to the declared
                    // length go out first, then the error says by how much it ran over.
                    let overrun = Error::body(
                        BodyError::TooLong {
                            expected,
                            received: self.received,
                        },
                        None,
                    );
                    let keep = expected.saturating_sub(before);
                    if keep == 0 {
                        return Err(overrun);
                    }
                    data.truncate(keep as usize);
                    self.overrun = Some(overrun);
                }
                Ok(Some(data))
            }
            Some(Err(e)) => Err(self.body_error(e)),
            None => {
                if !self.recv.is_end_stream() {
                    return Err(Error::body(
                        BodyError::Io {
                            received: self.received,
                        },
                        Some("stream ended without END_STREAM".into()),
                    ));
                }
                match self.content_length {
                    Some(expected) if expected != self.received => Err(Error::body(
                        BodyError::Truncated {
                            expected: Some(expected),
                            received: self.received,
                        },
                        Some("END_STREAM before content-length was reached".into()),
                    )),
                    _ => Ok(None),
                }
            }
        }
    }

    fn body_error(&self, e: http2::Error) -> Error {
        let code = e.reason().map(u32::from).unwrap_or(0);
        let received = self.received;
        // A GOAWAY fails the streams it does not cover with its own code; the ones it covers
        // fail only when the connection then closes, which http2 calls a broken pipe. Either way
        // the GOAWAY is why, so it is named with what it said.
        let remote_goaway = e.is_go_away() && e.is_remote();
        if remote_goaway || e.is_io() {
            if let Some(goaway) = self.conn.goaway() {
                // http2's own words for the close ("broken pipe") would only mislead.
                let detail: crate::error::BoxError = if e.is_io() {
                    "the server closed the connection after its GOAWAY".into()
                } else {
                    e.into()
                };
                return Error::body(
                    BodyError::GoAway {
                        code: goaway.code,
                        last_stream_id: goaway.last_stream_id,
                        received,
                    },
                    Some(detail),
                );
            }
        }
        if e.is_reset() {
            Error::body(BodyError::Reset { code, received }, Some(e.into()))
        } else {
            // An I/O failure, or a protocol violation http2 answered with its own GOAWAY.
            Error::body(BodyError::Io { received }, Some(e.into()))
        }
    }
}
