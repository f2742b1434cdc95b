//! Bodies: [`Body`] for what a request sends, and the response body behind
//! [`Response`](crate::Response), which ends in exactly one way: complete, or an error that
//! says why.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::deadline::Deadline;
use crate::decode::{Decoder, Pull};
use crate::error::{BodyError, Error, Kind, TimeoutKind};
use crate::h1::H1Body;
use crate::h2::H2Body;
use crate::multipart::{FormReader, Layout};
use crate::policy::resume::Resumer;

/// A request body stream. Wrapped so that `Body` (and so `&Request`) is `Sync` without asking
/// callers for `Sync` streams: the stream is only ever reached through `&mut`.
type BoxStream = sync_wrapper::SyncWrapper<Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>>;

/// A request body: bytes held in memory (which can be sent again, on a retry or a 307), a
/// multipart form (sent again by reopening its files), or a stream read once.
pub struct Body {
    inner: BodyInner,
}

enum BodyInner {
    Bytes(Bytes),
    /// `sent` counts what went out, to hold the stream to its declared length.
    Stream {
        stream: BoxStream,
        len: Option<u64>,
        sent: u64,
    },
    /// A form whose boundary waits for the request's profile.
    Form(crate::multipart::Form),
    Multipart {
        layout: Arc<Layout>,
        reader: FormReader,
        len: Option<u64>,
        replayable: bool,
    },
}

impl Body {
    /// An empty body.
    pub fn empty() -> Body {
        Body {
            inner: BodyInner::Bytes(Bytes::new()),
        }
    }

    /// A body read from a stream of chunks. An `Err` item aborts the request.
    pub fn wrap_stream<S>(stream: S) -> Body
    where
        S: Stream<Item = io::Result<Bytes>> + Send + 'static,
    {
        Body {
            inner: BodyInner::Stream {
                stream: sync_wrapper::SyncWrapper::new(Box::pin(stream)),
                len: None,
                sent: 0,
            },
        }
    }

    /// A body read from a stream of chunks whose total length is known (sent as
    /// Content-Length; the stream must then yield exactly that many bytes).
    pub fn from_stream_with_length<S>(stream: S, len: Option<u64>) -> Body
    where
        S: Stream<Item = io::Result<Bytes>> + Send + 'static,
    {
        Body {
            inner: BodyInner::Stream {
                stream: sync_wrapper::SyncWrapper::new(Box::pin(stream)),
                len,
                sent: 0,
            },
        }
    }

    /// A body read from an async reader; `len`, when known, is sent as Content-Length (the
    /// reader must then yield exactly that many bytes), otherwise the body is chunked.
    pub fn from_reader<R>(reader: R, len: Option<u64>) -> Body
    where
        R: tokio::io::AsyncRead + Send + 'static,
    {
        let stream = tokio_util::io::ReaderStream::with_capacity(reader, 64 * 1024);
        Body {
            inner: BodyInner::Stream {
                stream: sync_wrapper::SyncWrapper::new(Box::pin(stream)),
                len,
                sent: 0,
            },
        }
    }

    pub(crate) fn form(form: crate::multipart::Form) -> Body {
        Body {
            inner: BodyInner::Form(form),
        }
    }

    pub(crate) fn multipart(layout: Arc<Layout>, len: Option<u64>, replayable: bool) -> Body {
        Body {
            inner: BodyInner::Multipart {
                reader: FormReader::new(layout.clone()),
                layout,
                len,
                replayable,
            },
        }
    }

    /// Lays out a form body with the boundary style of `profile`'s browser, returning the body
    /// to send and the Content-Type it needs; any other body comes back as it is.
    pub(crate) fn lay_out(
        self,
        profile: Option<&mummer_profile::Profile>,
    ) -> Result<(Body, Option<String>), Error> {
        match self.inner {
            BodyInner::Form(form) => {
                let (body, content_type) = form.encode(crate::multipart::style_for(profile))?;
                Ok((body, Some(content_type)))
            }
            inner => Ok((Body { inner }, None)),
        }
    }

    /// The length, when it is known in advance.
    pub fn content_length(&self) -> Option<u64> {
        match &self.inner {
            BodyInner::Bytes(b) => Some(b.len() as u64),
            BodyInner::Stream { len, .. } | BodyInner::Multipart { len, .. } => *len,
            BodyInner::Form(_) => None,
        }
    }

    /// The bytes, when the body is held in memory.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            BodyInner::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// A copy that can be sent again: bodies held in memory, and forms of fields and files.
    pub fn try_clone(&self) -> Option<Body> {
        match &self.inner {
            BodyInner::Bytes(b) => Some(Body {
                inner: BodyInner::Bytes(b.clone()),
            }),
            BodyInner::Multipart {
                layout,
                len,
                replayable: true,
                ..
            } => Some(Body::multipart(layout.clone(), *len, true)),
            _ => None,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        matches!(&self.inner, BodyInner::Bytes(b) if b.is_empty())
    }

    /// The next piece to send; `None` at the end.
    pub(crate) async fn next_chunk(&mut self) -> Result<Option<Bytes>, Error> {
        match &mut self.inner {
            BodyInner::Bytes(b) => {
                if b.is_empty() {
                    Ok(None)
                } else {
                    Ok(Some(std::mem::take(b)))
                }
            }
            BodyInner::Stream { stream, len, sent } => match stream.get_mut().next().await {
                Some(Ok(b)) => {
                    *sent += b.len() as u64;
                    if len.is_some_and(|l| *sent > l) {
                        return Err(Error::request(format!(
                            "the body stream yielded more than its declared {} bytes",
                            len.unwrap_or_default()
                        )));
                    }
                    Ok(Some(b))
                }
                Some(Err(e)) => Err(Error::request(e)),
                None => match len {
                    Some(l) if *sent != *l => Err(Error::request(format!(
                        "the body stream ended after {sent} of its declared {l} bytes"
                    ))),
                    _ => Ok(None),
                },
            },
            BodyInner::Multipart { reader, .. } => reader.next_chunk().await,
            BodyInner::Form(_) => Err(Error::builder("a form body was not laid out")),
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            BodyInner::Bytes(b) => f.debug_tuple("Body").field(&b.len()).finish(),
            BodyInner::Stream { len, .. } => {
                f.debug_struct("Body").field("stream_len", len).finish()
            }
            BodyInner::Form(form) => f.debug_tuple("Body").field(form).finish(),
            BodyInner::Multipart { len, .. } => {
                f.debug_struct("Body").field("multipart_len", len).finish()
            }
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl From<Bytes> for Body {
    fn from(b: Bytes) -> Body {
        Body {
            inner: BodyInner::Bytes(b),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(v: Vec<u8>) -> Body {
        Bytes::from(v).into()
    }
}

impl From<String> for Body {
    fn from(s: String) -> Body {
        Bytes::from(s).into()
    }
}

impl From<&'static str> for Body {
    fn from(s: &'static str) -> Body {
        Bytes::from_static(s.as_bytes()).into()
    }
}

impl From<&'static [u8]> for Body {
    fn from(s: &'static [u8]) -> Body {
        Bytes::from_static(s).into()
    }
}

/// The internal name used by the protocol drivers.
pub(crate) type RequestBody = Body;

/// Where response bytes come from.
pub(crate) enum Source {
    Empty,
    H1(H1Body),
    H2(H2Body),
}

impl Source {
    async fn next(&mut self) -> Result<Option<Bytes>, Error> {
        match self {
            Source::Empty => Ok(None),
            Source::H1(b) => b.next().await,
            Source::H2(b) => b.next().await,
        }
    }

    fn received(&self) -> u64 {
        match self {
            Source::Empty => 0,
            Source::H1(b) => b.received(),
            Source::H2(b) => b.received(),
        }
    }
}

enum State {
    Reading,
    Complete,
    /// The body failed; every later read repeats why, so no caller can mistake the failure for
    /// an end.
    Failed(Kind, String),
}

/// How a body is read: limits and the total deadline, fixed when the head arrives.
pub(crate) struct BodyOptions {
    pub(crate) deadline: Deadline,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) max_size: Option<u64>,
    /// Most decoded bytes per second handed to the reader.
    pub(crate) max_recv_speed: Option<u64>,
}

/// A response body being received.
pub(crate) struct ResponseBody {
    source: Source,
    decoder: Option<Decoder>,
    state: State,
    deadline: Deadline,
    /// Applied here while the source is HTTP/2 only: HTTP/1.1 times each socket read itself.
    /// (Kept for every source: a resume may continue an HTTP/1.1 body over HTTP/2.)
    read_timeout: Option<Duration>,
    abort: CancellationToken,
    url: Url,
    limit: Option<u64>,
    max_recv_speed: Option<u64>,
    started: Instant,
    delivered: u64,
    /// Raw bytes of sources already finished (before a resume) or dropped (after a failure).
    raw_base: u64,
    resume: Option<Box<Resumer>>,
    resumes: u32,
    /// The error of a cut source while its resume runs. A read cancelled mid-resume (a
    /// `select!`, a timeout, a pump that moves on) leaves it here, and the next read resumes
    /// again or fails with it: never reads on as if the cut were the body's end.
    cut: Option<Error>,
}

impl ResponseBody {
    pub(crate) fn new(
        source: Source,
        decoder: Option<Decoder>,
        options: BodyOptions,
        abort: CancellationToken,
        url: Url,
    ) -> ResponseBody {
        ResponseBody {
            source,
            decoder,
            state: State::Reading,
            deadline: options.deadline,
            read_timeout: options.read_timeout,
            abort,
            url,
            limit: options.max_size,
            max_recv_speed: options.max_recv_speed.filter(|&r| r > 0),
            started: Instant::now(),
            delivered: 0,
            raw_base: 0,
            resume: None,
            resumes: 0,
            cut: None,
        }
    }

    /// Lets a failure mid-way continue from where it stopped (see `policy::resume`).
    pub(crate) fn set_resume(&mut self, resume: Resumer) {
        self.resume = Some(Box::new(resume));
    }

    pub(crate) fn set_limit(&mut self, limit: Option<u64>) {
        self.limit = limit;
    }

    /// Raw (still encoded) bytes received so far.
    pub(crate) fn raw_received(&self) -> u64 {
        self.raw_base + self.source.received()
    }

    /// Decoded bytes handed to the reader so far.
    pub(crate) fn delivered(&self) -> u64 {
        self.delivered
    }

    /// How many times the body was resumed after a failure.
    pub(crate) fn resumes(&self) -> u32 {
        self.resumes
    }

    /// Whether a close-delimited body over TLS ended without close_notify.
    pub(crate) fn unverified_end(&self) -> bool {
        match &self.source {
            Source::H1(b) => b.unverified_end(),
            _ => false,
        }
    }

    pub(crate) fn is_complete(&self) -> bool {
        matches!(self.state, State::Complete)
    }

    /// The next chunk of decoded body; `Ok(None)` exactly once the body is complete.
    pub(crate) async fn next(&mut self) -> Result<Option<Bytes>, Error> {
        match &self.state {
            State::Complete => return Ok(None),
            State::Failed(kind, message) => {
                return Err(Error::new(
                    kind.clone(),
                    Some(format!("body already failed: {message}").into()),
                )
                .with_url(&self.url)
                .in_body());
            }
            State::Reading => {}
        }
        let paced = Self::pace(
            self.max_recv_speed,
            self.started,
            self.delivered,
            self.deadline,
            &self.abort,
        );
        if let Err(e) = paced.await {
            return Err(self.fail(e));
        }
        match self.next_inner().await {
            Ok(Some(chunk)) => {
                self.delivered += chunk.len() as u64;
                if let Some(limit) = self.limit
                    && self.delivered > limit
                {
                    return Err(self.fail(Error::new(Kind::TooLarge { limit }, None)));
                }
                Ok(Some(chunk))
            }
            Ok(None) => {
                self.state = State::Complete;
                Ok(None)
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    /// Holds the reader back to `max_recv_speed`: waits until the bytes delivered so far are
    /// due. (Takes the fields it needs, not `&self`: the body is `Send` but not `Sync`.)
    async fn pace(
        rate: Option<u64>,
        started: Instant,
        delivered: u64,
        deadline: Deadline,
        abort: &CancellationToken,
    ) -> Result<(), Error> {
        let Some(rate) = rate else {
            return Ok(());
        };
        let due = started + Duration::from_secs_f64(delivered as f64 / rate as f64);
        if due <= Instant::now() {
            return Ok(());
        }
        tokio::select! {
            biased;
            _ = abort.cancelled() => Err(Error::new(Kind::Aborted, None)),
            e = deadline.elapsed() => Err(e),
            _ = tokio::time::sleep_until(due) => Ok(()),
        }
    }

    fn fail(&mut self, e: Error) -> Error {
        let e = if e.has_url() {
            e
        } else {
            e.with_url(&self.url)
        };
        let e = e.in_body();
        self.state = State::Failed(e.kind().clone(), e.to_string());
        self.raw_base += self.source.received();
        // Dropping the source closes the connection (HTTP/1.1) or resets the stream (HTTP/2):
        // a failed body never goes back to the pool.
        self.source = Source::Empty;
        e
    }

    async fn next_inner(&mut self) -> Result<Option<Bytes>, Error> {
        if let Some(error) = self.cut.take() {
            // The read before this one was cancelled while it resumed. An abort since then
            // is the reader's error, as it is anywhere else in the body.
            if self.abort.is_cancelled() {
                return Err(Error::new(Kind::Aborted, None));
            }
            self.try_resume(error).await?;
        }
        loop {
            let Some(decoder) = self.decoder.as_mut() else {
                return match self.next_raw().await {
                    Ok(raw) => Ok(raw),
                    Err(e) => {
                        self.try_resume(e).await?;
                        continue;
                    }
                };
            };
            // The decoder gives at most one bounded piece per call and asks for raw input only
            // when it has used up what it holds: memory stays flat whatever the ratio.
            match decoder.pull()? {
                Pull::Data(out) => return Ok(Some(out)),
                Pull::Done => {
                    self.decoder = None;
                    return Ok(None);
                }
                Pull::NeedInput => {}
            }
            match self.next_raw().await {
                Ok(Some(raw)) => {
                    if let Some(d) = self.decoder.as_mut() {
                        d.push(raw);
                    }
                }
                Ok(None) => {
                    if let Some(d) = self.decoder.as_mut() {
                        d.end_of_input();
                    }
                }
                Err(e) => self.try_resume(e).await?,
            }
        }
    }

    /// After the source failed with `error`: continues from a new source when the resume
    /// policy can get the rest of the same entity, else gives `error` back.
    async fn try_resume(&mut self, error: Error) -> Result<(), Error> {
        let Some(resume) = self.resume.as_mut() else {
            return Err(error);
        };
        if !resume.applies_to(&error) {
            return Err(error);
        }
        let offset = self.raw_base + self.source.received();
        // The cut source goes now (it closes its connection), and the error waits in `cut`
        // until the resume has an answer.
        self.raw_base = offset;
        self.source = Source::Empty;
        self.cut = Some(error);
        let attempt = resume.resume(offset, self.deadline);
        // An abort while resuming is the reader's error, as it is anywhere else in the body.
        let next = tokio::select! {
            biased;
            _ = self.abort.cancelled() => {
                self.cut = None;
                return Err(Error::new(Kind::Aborted, None));
            }
            r = attempt => r,
        };
        let error = self.cut.take();
        match (next, error) {
            (Some(source), _) => {
                self.source = source;
                self.resumes += 1;
                Ok(())
            }
            (None, Some(error)) => Err(error),
            (None, None) => Err(Error::new(
                Kind::Body(BodyError::Io {
                    received: self.raw_base,
                }),
                Some("the resume lost its cause".into()),
            )),
        }
    }

    async fn next_raw(&mut self) -> Result<Option<Bytes>, Error> {
        let read_timeout = match self.source {
            Source::H2(_) => self.read_timeout,
            _ => None,
        };
        let deadline = self.deadline;
        let abort = &self.abort;
        if abort.is_cancelled() {
            return Err(Error::new(Kind::Aborted, None));
        }
        if deadline.expired() {
            return Err(deadline.error());
        }
        let mut read = std::pin::pin!(self.source.next());
        // Fast path: when data is already buffered, skip arming the abort waiter and the timers;
        // on a multi-gigabyte stream that setup would otherwise run for every chunk.
        if let Some(result) = futures_util::FutureExt::now_or_never(read.as_mut()) {
            return result;
        }
        let read = async {
            match read_timeout {
                Some(t) => tokio::time::timeout(t, read)
                    .await
                    .map_err(|_| Error::timeout(TimeoutKind::Read, t))?,
                None => read.await,
            }
        };
        tokio::select! {
            biased;
            _ = abort.cancelled() => Err(Error::new(Kind::Aborted, None)),
            r = read => r,
            e = deadline.elapsed() => Err(e),
        }
    }
}
