//! The two tasks of an open WebSocket and the [`Link`] the caller's handle talks to them by.
//!
//! ```text
//!  socket ──► reader ──► Receiver (sans-IO) ──► Inbox (bounded) ──► recv / poll_recv
//!               │ ping: pong to send, close: echo, violation: close 1002/1007/1009
//!               ▼
//!           control slot ──┐
//!  send ──► commands (bounded in bytes) ──► writer ──► Sender (sans-IO) ──► socket
//! ```
//!
//! The "socket" is any byte stream ([`Io`]): our transport after a `101`, or an HTTP/2 stream
//! opened by an extended CONNECT. The reader reads only when the inbox has room, so a slow
//! caller slows the server through TCP (or the HTTP/2 stream's window). The writer takes control frames (pongs, pings, a close the reader asks for) before
//! queued messages. Both stop on [`Link::terminate`] (the handle dropped), on the client's
//! abort, and once the close handshake is over.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use mummer_proto::ws::{
    Config, DeflateParams, Event, Receiver, SendError, Sender, close_code, mask_payload,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot, watch};
use tokio_util::sync::CancellationToken;
use url::Url;

use super::inbox::{End, Inbox};
use super::pump::Pump;
use super::{CloseFrame, DataKind, Fragment, WsOptions};
use crate::error::{Error, Kind, Result, TimeoutKind, WebSocketError};

/// A control frame the caller sends ahead of queued messages.
pub(crate) enum Control {
    Ping(Bytes),
    Pong(Bytes),
}

/// Pings waiting to be written, at most; a caller pinging faster than the socket drains
/// gets an error rather than an ever longer queue.
const MAX_PENDING_PINGS: usize = 64;
/// The writer gathers queued frames up to this size into one write.
const WRITE_BATCH: usize = 256 * 1024;
/// A whole message from this size on is masked and written [`TAIL_BATCH`] at a time (see
/// [`Tail`]), not masked whole into the write buffer first: its first bytes reach the server
/// while the rest is still being masked (a 16 MiB message: ~4 ms sooner), and the buffer stays
/// one batch large.
const STREAM_FROM: usize = 1024 * 1024;
/// Measured on the 16 MiB echo: 64 KiB writes were 25% slower than 256 KiB, and those ~5%
/// slower than 1-4 MiB.
const TAIL_BATCH: usize = 1024 * 1024;

/// The payload of a frame whose header is in the write buffer: masked and written after it.
struct Tail {
    data: Bytes,
    mask: [u8; 4],
}
/// Read size when the frame at hand needs no more.
const READ_CHUNK: usize = 64 * 1024;
/// The most one read takes: a chunk and a frame header's worth, so that a message of exactly
/// one chunk, a common size, comes in one read.
const READ_ROOM: usize = READ_CHUNK + 16;
/// At most this many bytes of a close reason (a close payload is at most 125 bytes).
const MAX_REASON: usize = 123;

enum Command {
    Data {
        kind: Option<DataKind>,
        data: Bytes,
        fin: bool,
        whole: bool,
        permit: Option<OwnedSemaphorePermit>,
    },
    Close(Option<(u16, String)>),
    Flush(oneshot::Sender<()>),
}

#[derive(Default)]
struct ControlSlot {
    pings: VecDeque<Bytes>,
    pongs: VecDeque<Bytes>,
    /// The latest ping's payload to answer (RFC 6455 section 5.5.3: answering only the most
    /// recent ping is enough).
    reply: Option<Bytes>,
    /// A close the reader needs sent now (an echo, or after a violation).
    close: Option<Option<(u16, String)>>,
}

/// How the close handshake (or the connection) ended, for [`Link::wait_closed`].
#[derive(Clone)]
enum Done {
    Clean(Option<CloseFrame>),
    Failed,
}

/// Shared between the caller's handle and the two tasks.
pub(crate) struct Link {
    pub(crate) inbox: Inbox,
    commands: mpsc::UnboundedSender<Command>,
    budget: Arc<Semaphore>,
    budget_max: usize,
    control: Mutex<ControlSlot>,
    control_ready: tokio::sync::Notify,
    /// The caller started the close handshake: nothing more may be sent (data that arrives
    /// is still delivered; pings and pongs no longer are).
    closing: AtomicBool,
    /// Our close frame is on the wire.
    close_sent: AtomicBool,
    /// Whether a fragmented message is being sent (checked here so the caller gets the error).
    sending_fragments: Mutex<bool>,
    pongs: AtomicU64,
    done: watch::Sender<Option<Done>>,
    stop: CancellationToken,
    close_timeout: Duration,
    url: Url,
}

impl Link {
    fn lock_control(&self) -> std::sync::MutexGuard<'_, ControlSlot> {
        self.control.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The error a send gets once nothing more can be sent: the failure that ended the
    /// WebSocket, or "closed".
    fn send_closed(&self) -> Error {
        self.inbox
            .end_error()
            .unwrap_or_else(|| super::closed().with_url(&self.url))
    }

    fn can_send(&self) -> Result<()> {
        if self.closing.load(Ordering::Acquire) || self.done.borrow().is_some() {
            return Err(self.send_closed());
        }
        Ok(())
    }

    pub(crate) async fn send_data(
        &self,
        kind: Option<DataKind>,
        data: Bytes,
        fin: bool,
        whole: bool,
    ) -> Result<()> {
        self.can_send()?;
        // A message larger than the whole budget waits for all of it: the queue then holds
        // that one message.
        let want = data.len().clamp(1, self.budget_max);
        let permit = self
            .budget
            .clone()
            .acquire_many_owned(u32::try_from(want).unwrap_or(u32::MAX))
            .await
            .map_err(|_| self.send_closed())?;
        // Order is checked and the command queued under one lock: two senders racing could
        // otherwise queue in the other order than they were checked in, and the writer would
        // meet fragments out of order.
        let mut mid = self
            .sending_fragments
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let in_order = match (whole, kind) {
            (true, _) | (false, Some(_)) => !*mid,
            (false, None) => *mid,
        };
        if !in_order {
            return Err(send_error(SendError::FragmentOrder).with_url(&self.url));
        }
        self.commands
            .send(Command::Data {
                kind,
                data,
                fin,
                whole,
                permit: Some(permit),
            })
            .map_err(|_| self.send_closed())?;
        if !whole {
            *mid = !fin;
        }
        Ok(())
    }

    pub(crate) fn control(&self, control: Control) -> Result<()> {
        let (Control::Ping(d) | Control::Pong(d)) = &control;
        if d.len() > 125 {
            return Err(send_error(SendError::ControlTooLong(d.len())).with_url(&self.url));
        }
        self.can_send()?;
        let mut slot = self.lock_control();
        let queue = match control {
            Control::Ping(d) => {
                slot.pings.push_back(d);
                slot.pings.len()
            }
            Control::Pong(d) => {
                slot.pongs.push_back(d);
                slot.pongs.len()
            }
        };
        if queue > MAX_PENDING_PINGS {
            slot.pings.clear();
            slot.pongs.clear();
            return Err(Error::new(
                Kind::WebSocket(WebSocketError::Closed),
                Some("too many control frames waiting to be written".into()),
            )
            .with_url(&self.url));
        }
        drop(slot);
        self.control_ready.notify_one();
        Ok(())
    }

    pub(crate) async fn start_close(&self, close: Option<(u16, String)>) -> Result<()> {
        if let Some((code, reason)) = &close {
            if !close_code::is_sendable(*code) {
                return Err(send_error(SendError::InvalidCloseCode(*code)).with_url(&self.url));
            }
            if reason.len() > MAX_REASON {
                return Err(
                    send_error(SendError::ControlTooLong(reason.len() + 2)).with_url(&self.url)
                );
            }
        }
        if self.closing.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        // After the messages already queued; a writer that is gone has ended the connection,
        // which wait_closed reports.
        let _ = self.commands.send(Command::Close(close));
        Ok(())
    }

    pub(crate) async fn wait_closed(&self) -> Result<Option<CloseFrame>> {
        self.inbox.discard_overflow();
        let mut done = self.done.subscribe();
        let waited = tokio::time::timeout(self.close_timeout, done.wait_for(Option::is_some)).await;
        let outcome = match waited {
            Ok(Ok(d)) => d.clone(),
            Ok(Err(_)) => Some(Done::Failed),
            Err(_) => {
                self.terminate();
                return Err(
                    Error::timeout(TimeoutKind::Close, self.close_timeout).with_url(&self.url)
                );
            }
        };
        match outcome {
            Some(Done::Clean(frame)) => Ok(frame),
            _ => Err(self.send_closed()),
        }
    }

    pub(crate) async fn flush(&self) -> Result<()> {
        let (tx, rx) = oneshot::channel();
        if self.commands.send(Command::Flush(tx)).is_err() {
            return Err(self.send_closed());
        }
        rx.await.map_err(|_| self.send_closed())
    }

    pub(crate) fn terminate(&self) {
        self.stop.cancel();
        self.inbox.end(End::Closed);
        self.budget.close();
        self.done.send_if_modified(|d| {
            if d.is_none() {
                *d = Some(Done::Failed);
                true
            } else {
                false
            }
        });
    }

    /// `stop` fired: it is a child of the client's abort token, so when that was the cause the
    /// WebSocket fails as aborted (otherwise `terminate` or the close already ended it).
    fn stopped(&self, abort: &CancellationToken) {
        if abort.is_cancelled() {
            self.fail(Error::new(Kind::Aborted, None));
        }
    }

    /// Ends everything with `error`.
    fn fail(&self, error: Error) {
        self.inbox.end(End::Failed(error.with_url(&self.url)));
        self.budget.close();
        self.done.send_if_modified(|d| {
            if d.is_none() {
                *d = Some(Done::Failed);
                true
            } else {
                false
            }
        });
    }

    /// The close handshake is over.
    fn closed_cleanly(&self, frame: Option<CloseFrame>) {
        self.inbox.end(End::Closed);
        self.budget.close();
        self.done.send_if_modified(|d| {
            if d.is_none() {
                *d = Some(Done::Clean(frame));
                true
            } else {
                false
            }
        });
    }

    /// Asks the writer to send a close frame now.
    fn close_now(&self, close: Option<(u16, String)>) {
        self.lock_control().close.get_or_insert(close);
        self.control_ready.notify_one();
    }
}

fn send_error(e: SendError) -> Error {
    Error::new(Kind::WebSocket(WebSocketError::Send(e)), None)
}

/// Any byte stream the WebSocket runs over: our socket (HTTP/1.1 upgrade), or an HTTP/2
/// stream opened by an extended CONNECT (RFC 8441).
pub(crate) trait Io: AsyncRead + AsyncWrite + Send + 'static {}

impl<T: AsyncRead + AsyncWrite + Send + 'static> Io for T {}

/// Starts the reader and writer on `io`; `buffered` holds bytes read past the `101` head. As
/// two tasks, or (`ws.driven_by_calls`) in the returned [`Pump`], which the handle's calls turn.
pub(crate) fn start<S: Io>(
    io: S,
    buffered: BytesMut,
    ws: &WsOptions,
    deflate: Option<&DeflateParams>,
    abort: CancellationToken,
    url: Url,
) -> (Arc<Link>, Option<Arc<Pump>>) {
    let (read, write) = tokio::io::split(io);
    let (commands, rx) = mpsc::unbounded_channel();
    let stop = abort.child_token();
    let link = Arc::new(Link {
        inbox: Inbox::new(ws.recv_queue),
        commands,
        budget: Arc::new(Semaphore::new(ws.send_queue.min(Semaphore::MAX_PERMITS))),
        budget_max: ws.send_queue.min(Semaphore::MAX_PERMITS),
        control: Mutex::new(ControlSlot::default()),
        control_ready: tokio::sync::Notify::new(),
        closing: AtomicBool::new(false),
        close_sent: AtomicBool::new(false),
        sending_fragments: Mutex::new(false),
        pongs: AtomicU64::new(0),
        done: watch::Sender::new(None),
        stop,
        close_timeout: ws.close_timeout,
        url,
    });
    let codec: Config = ws.codec;
    let receiver = Receiver::new(&codec, deflate);
    let sender = Sender::new(&codec, deflate);
    let reader = reader(
        read,
        buffered,
        link.clone(),
        receiver,
        ws.idle_timeout,
        abort.clone(),
    );
    let writer = writer(write, link.clone(), rx, sender, ws.ping_interval, abort);
    if ws.driven_by_calls {
        // Weak: the parts hold the link, and the handle holds both.
        let lost = Arc::downgrade(&link);
        let pump = Pump::new(reader, writer, move || {
            if let Some(link) = lost.upgrade() {
                link.fail(Error::new(
                    Kind::WebSocket(WebSocketError::Abnormal { in_message: false }),
                    Some("the WebSocket's reader or writer panicked".into()),
                ));
            }
        });
        return (link, Some(Arc::new(pump)));
    }
    crate::embed::spawn(reader);
    crate::embed::spawn(writer);
    (link, None)
}

/// Masking keys from the cryptographic generator, fetched 64 at a time.
struct Masks {
    pool: [u8; 256],
    used: usize,
}

impl Masks {
    fn new() -> Masks {
        Masks {
            pool: [0; 256],
            used: 256,
        }
    }

    fn next(&mut self) -> [u8; 4] {
        if self.used == self.pool.len() {
            crate::policy::random_bytes(&mut self.pool);
            self.used = 0;
        }
        let k = &self.pool[self.used..self.used + 4];
        self.used += 4;
        [k[0], k[1], k[2], k[3]]
    }
}

async fn reader<S: Io>(
    mut io: ReadHalf<S>,
    mut buf: BytesMut,
    link: Arc<Link>,
    mut receiver: Receiver,
    idle: Option<Duration>,
    abort: CancellationToken,
) {
    // Dropping the message in progress (see `Inbox::discard_overflow`).
    let mut dropping = false;
    loop {
        loop {
            let event = match receiver.next_event(&mut buf) {
                Ok(Some(e)) => e,
                Ok(None) => break,
                Err(violation) => {
                    let mut reason = violation.to_string();
                    truncate_utf8(&mut reason, MAX_REASON);
                    link.close_now(Some((violation.close_code(), reason)));
                    link.fail(Error::new(
                        Kind::WebSocket(WebSocketError::Protocol(violation)),
                        None,
                    ));
                    linger(&mut io, &link).await;
                    return;
                }
            };
            let closing = link.closing.load(Ordering::Acquire);
            match event {
                Event::Data {
                    kind,
                    payload,
                    first,
                    fin,
                } => {
                    // Data the server sends before its close frame is still delivered after
                    // ours went out (RFC 6455 section 1.4); only `close()` waiting drops what
                    // does not fit.
                    let room = tokio::select! {
                        biased;
                        _ = link.stop.cancelled() => {
                            link.stopped(&abort);
                            return;
                        }
                        room = link.inbox.wait_room() => room,
                    };
                    if !room {
                        dropping = true;
                    }
                    if dropping {
                        // The rest of a message whose start was dropped goes too: a message is
                        // delivered whole or not at all.
                        dropping = !fin;
                        continue;
                    }
                    link.inbox.push(Fragment::Data {
                        kind,
                        data: payload,
                        first,
                        last: fin,
                    });
                }
                Event::Ping(payload) => {
                    link.lock_control().reply = Some(payload.clone());
                    link.control_ready.notify_one();
                    if !closing {
                        link.inbox.push(Fragment::Ping(payload));
                    }
                }
                Event::Pong(payload) => {
                    link.pongs.fetch_add(1, Ordering::AcqRel);
                    if !closing {
                        link.inbox.push(Fragment::Pong(payload));
                    }
                }
                Event::Close(frame) => {
                    link.inbox.push(Fragment::Close(frame.clone()));
                    if !link.close_sent.load(Ordering::Acquire) {
                        // RFC 6455 section 5.5.1: echo the status code received.
                        link.close_now(frame.as_ref().map(|f| (f.code, String::new())));
                    }
                    link.closed_cleanly(frame);
                    linger(&mut io, &link).await;
                    return;
                }
            }
        }
        let missing = receiver.wanted().saturating_sub(buf.len());
        // A frame larger than a read gets room for all of it and one read more: the frame is
        // split off as the message (no copy), and the reads after it land in that slack, so
        // the buffer is never reallocated while the message is out; once the message is
        // dropped, the next large frame reuses the whole allocation (`reserve` reclaims a
        // buffer no one else holds) instead of a fresh one and its page faults.
        let want = if missing > READ_CHUNK {
            missing + READ_CHUNK
        } else {
            READ_ROOM
        };
        buf.reserve(want);
        // At most one chunk a read, even into a large frame's room: the kernel then opens the
        // TCP window as each chunk is taken, and the server keeps sending, where a read of
        // everything there (megabytes, on loopback) left it stalled for the copy's length
        // (16 MiB echo: ~12% slower).
        let mut room = bytes::BufMut::limit(&mut buf, READ_ROOM);
        let read = io.read_buf(&mut room);
        let result = tokio::select! {
            biased;
            _ = link.stop.cancelled() => {
                link.stopped(&abort);
                return;
            }
            r = with_timeout(idle, read) => r,
        };
        match result {
            Some(Ok(n)) if n > 0 => {}
            Some(Ok(_)) | Some(Err(_)) => {
                let in_message = receiver.in_message() || !buf.is_empty();
                let source = match result {
                    Some(Err(e)) => Some(e.to_string().into()),
                    _ => None,
                };
                link.fail(Error::new(
                    Kind::WebSocket(WebSocketError::Abnormal { in_message }),
                    source,
                ));
                return;
            }
            None => {
                let after = idle.unwrap_or_default();
                link.fail(Error::timeout(TimeoutKind::Read, after));
                link.stop.cancel();
                return;
            }
        }
    }
}

/// `read` within `limit` (`None`: it ran out).
async fn with_timeout<T>(limit: Option<Duration>, read: impl Future<Output = T>) -> Option<T> {
    match limit {
        Some(d) => tokio::time::timeout(d, read).await.ok(),
        None => Some(read.await),
    }
}

/// After the close frames: lets the server close TCP first (RFC 6455 section 7.1.1), reading
/// and dropping whatever still comes, for at most the close timeout.
async fn linger<S: Io>(io: &mut ReadHalf<S>, link: &Link) {
    let mut sink = vec![0u8; 16 * 1024];
    let drain = async {
        while let Ok(n) = io.read(&mut sink).await {
            if n == 0 {
                break;
            }
        }
    };
    tokio::select! {
        _ = link.stop.cancelled() => {}
        _ = tokio::time::timeout(link.close_timeout, drain) => {}
    }
    link.stop.cancel();
}

fn truncate_utf8(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

async fn writer<S: Io>(
    mut io: WriteHalf<S>,
    link: Arc<Link>,
    mut rx: mpsc::UnboundedReceiver<Command>,
    mut sender: Sender,
    ping_interval: Option<Duration>,
    abort: CancellationToken,
) {
    let mut masks = Masks::new();
    let mut out: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut permits: Vec<OwnedSemaphorePermit> = Vec::new();
    let mut flushes: Vec<oneshot::Sender<()>> = Vec::new();
    let mut tail: Option<Tail> = None;
    let mut ticker = ping_interval.map(|d| {
        let mut t = tokio::time::interval_at(tokio::time::Instant::now() + d, d);
        t.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        t
    });
    // The pong count when the last keepalive ping went out, while it is unanswered.
    let mut awaiting_pong: Option<u64> = None;
    let mut close_written = false;
    // A failure found by the writer itself (an unanswered keepalive), reported once the close
    // frame it sends is written.
    let mut failure: Option<Error> = None;
    loop {
        let mut sent_close = take_control(&link, &mut sender, &mut masks, &mut out);
        if out.is_empty() && !sent_close {
            let tick = async {
                match &mut ticker {
                    Some(t) => {
                        t.tick().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                biased;
                _ = link.stop.cancelled() => {
                    link.stopped(&abort);
                    return;
                }
                _ = link.control_ready.notified() => continue,
                command = rx.recv() => match command {
                    None => return,
                    Some(c) => match handle(c, &mut sender, &mut masks, &mut out, &mut tail, &mut permits, &mut flushes) {
                    Ok(close) => sent_close |= close,
                    Err(e) => {
                        // Nothing of the message went out: the connection ends with 1011
                        // and the error, rather than the send passing for done.
                        link.close_now(Some((close_code::INTERNAL_ERROR, "message encoding failed".into())));
                        failure = Some(send_error(e));
                        sent_close = take_control(&link, &mut sender, &mut masks, &mut out);
                    }
                },
                },
                _ = tick => {
                    let pongs = link.pongs.load(Ordering::Acquire);
                    if awaiting_pong.is_some_and(|at| at == pongs) {
                        // The 1011 close goes out first; the caller hears of the failure once
                        // it is written (a caller dropping the handle at once must not cut it).
                        link.close_now(Some((close_code::INTERNAL_ERROR, "keepalive timeout".into())));
                        failure = Some(Error::new(Kind::WebSocket(WebSocketError::KeepaliveTimeout), None));
                        sent_close = take_control(&link, &mut sender, &mut masks, &mut out);
                    } else {
                        awaiting_pong = Some(pongs);
                        let _ = sender.ping(b"", masks.next(), &mut out);
                    }
                }
            }
        }
        while !sent_close && tail.is_none() && out.len() < WRITE_BATCH {
            match rx.try_recv() {
                Ok(c) => match handle(
                    c,
                    &mut sender,
                    &mut masks,
                    &mut out,
                    &mut tail,
                    &mut permits,
                    &mut flushes,
                ) {
                    Ok(close) => sent_close |= close,
                    Err(e) => {
                        link.close_now(Some((
                            close_code::INTERNAL_ERROR,
                            "message encoding failed".into(),
                        )));
                        failure = Some(send_error(e));
                        sent_close = take_control(&link, &mut sender, &mut masks, &mut out);
                    }
                },
                Err(_) => break,
            }
        }
        if !out.is_empty() && !close_written {
            let write = async {
                io.write_all(&out).await?;
                if let Some(Tail { data, mask }) = tail.take() {
                    for (i, piece) in data.chunks(TAIL_BATCH).enumerate() {
                        out.clear();
                        mask_payload(piece, mask, i * TAIL_BATCH, &mut out);
                        io.write_all(&out).await?;
                    }
                }
                io.flush().await
            };
            let result = tokio::select! {
                biased;
                _ = link.stop.cancelled() => {
                    link.stopped(&abort);
                    return;
                }
                r = write => r,
            };
            if let Err(e) = result {
                link.fail(Error::new(
                    Kind::WebSocket(WebSocketError::Abnormal { in_message: false }),
                    Some(e.to_string().into()),
                ));
                return;
            }
        }
        out.clear();
        permits.clear();
        for f in flushes.drain(..) {
            let _ = f.send(());
        }
        if sent_close && !close_written {
            close_written = true;
            link.close_sent.store(true, Ordering::Release);
        }
        if let Some(e) = failure.take() {
            link.fail(e);
            link.stop.cancel();
            return;
        }
        if close_written {
            // Nothing more goes out; flushes still get their answer, messages are dropped.
            tokio::select! {
                _ = link.stop.cancelled() => return,
                command = rx.recv() => match command {
                    None => return,
                    Some(Command::Flush(f)) => { let _ = f.send(()); }
                    Some(_) => {}
                },
            }
        }
    }
}

/// Encodes the control frames waiting in the slot; true when one was a close.
fn take_control(link: &Link, sender: &mut Sender, masks: &mut Masks, out: &mut Vec<u8>) -> bool {
    let mut slot = link.lock_control();
    if let Some(payload) = slot.reply.take() {
        let _ = sender.pong(&payload, masks.next(), out);
    }
    for payload in slot.pings.drain(..) {
        let _ = sender.ping(&payload, masks.next(), out);
    }
    for payload in slot.pongs.drain(..) {
        let _ = sender.pong(&payload, masks.next(), out);
    }
    match slot.close.take() {
        Some(close) => {
            let close = close.as_ref().map(|(c, r)| (*c, r.as_str()));
            // Codes were checked before they reached the slot; a bad one sends an empty close.
            if sender.close(close, masks.next(), out).is_err() {
                let _ = sender.close(None, masks.next(), out);
            }
            true
        }
        None => false,
    }
}

/// Encodes one command: `Ok(true)` when it was a close; an error when a message could not be
/// encoded (then nothing of it was appended).
fn handle(
    command: Command,
    sender: &mut Sender,
    masks: &mut Masks,
    out: &mut Vec<u8>,
    tail: &mut Option<Tail>,
    permits: &mut Vec<OwnedSemaphorePermit>,
    flushes: &mut Vec<oneshot::Sender<()>>,
) -> Result<bool, SendError> {
    match command {
        Command::Data {
            kind: Some(kind),
            data,
            whole: true,
            permit,
            ..
        } if data.len() >= STREAM_FROM => {
            let mask = masks.next();
            permits.extend(permit);
            if sender.message_header(kind, data.len(), mask, out)? {
                *tail = Some(Tail { data, mask });
            } else {
                // Compressed or split: whole into the buffer.
                let mut mask = || masks.next();
                sender.message(kind, &data, &mut mask, out)?;
            }
            Ok(false)
        }
        Command::Data {
            kind,
            data,
            fin,
            whole,
            permit,
        } => {
            let mut mask = || masks.next();
            permits.extend(permit);
            // Order and kinds were checked when the command was queued; what is left is the
            // compressor failing.
            match (whole, kind) {
                (true, Some(k)) => sender.message(k, &data, &mut mask, out)?,
                _ => sender.fragment(kind, &data, fin, &mut mask, out)?,
            }
            Ok(false)
        }
        Command::Close(close) => {
            let close = close.as_ref().map(|(c, r)| (*c, r.as_str()));
            // Codes were checked when queued; a bad one sends an empty close.
            if sender.close(close, masks.next(), out).is_err() {
                let _ = sender.close(None, masks.next(), out);
            }
            Ok(true)
        }
        Command::Flush(f) => {
            flushes.push(f);
            Ok(false)
        }
    }
}
