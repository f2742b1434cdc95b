//! The received side's bounded queue between the reader task and the caller.
//!
//! Bounded in bytes, not items: the reader waits for room once the queued data passes the
//! limit, but only while the queue holds at least one complete message, so a message larger
//! than the limit can still arrive whole (memory stays under the limit plus one message, itself
//! bounded by the maximum message size). Reading from the caller's side is poll-based, so an
//! async caller, the blocking facade and a waker-driven bridge share one path.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};

use bytes::{Bytes, BytesMut};
use tokio::sync::Notify;

use super::{DataKind, Fragment, Message};
use crate::error::{Error, Result, WebSocketError};

/// How the received side ended.
pub(crate) enum End {
    /// The close handshake completed (the close frame itself is in the queue).
    Closed,
    /// It failed; every later receive repeats this error.
    Failed(Error),
}

struct State {
    queue: VecDeque<Fragment>,
    /// Data bytes queued.
    bytes: usize,
    /// Queued fragments that complete something: control frames and last data fragments.
    complete: usize,
    end: Option<End>,
    waker: Option<Waker>,
}

pub(crate) struct Inbox {
    state: Mutex<State>,
    room: Notify,
    limit: usize,
    /// Set while [`WebSocket::close`](super::WebSocket::close) waits for the server's close
    /// frame: data that does not fit is then dropped instead of holding the reader back (the
    /// caller asked to close and is not taking it; without this, a full queue would keep the
    /// close frame from ever being read).
    discard_overflow: AtomicBool,
}

fn completes(f: &Fragment) -> bool {
    !matches!(f, Fragment::Data { last: false, .. })
}

fn data_len(f: &Fragment) -> usize {
    match f {
        Fragment::Data { data, .. } => data.len(),
        _ => 0,
    }
}

impl Inbox {
    pub(crate) fn new(limit: usize) -> Inbox {
        Inbox {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                bytes: 0,
                complete: 0,
                end: None,
                waker: None,
            }),
            room: Notify::new(),
            limit,
            discard_overflow: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until the reader may queue more: `true`. `false`: the queue is full and
    /// [`Self::discard_overflow`] says to drop what does not fit.
    pub(crate) async fn wait_room(&self) -> bool {
        loop {
            let notified = self.room.notified();
            {
                let s = self.lock();
                if s.bytes < self.limit || s.complete == 0 {
                    return true;
                }
                if self.discard_overflow.load(Ordering::Acquire) {
                    return false;
                }
            }
            notified.await;
        }
    }

    /// From now on, data that finds the queue full is dropped (a reader waiting for room is
    /// released).
    pub(crate) fn discard_overflow(&self) {
        self.discard_overflow.store(true, Ordering::Release);
        self.room.notify_waiters();
    }

    pub(crate) fn push(&self, fragment: Fragment) {
        let mut s = self.lock();
        s.bytes += data_len(&fragment);
        if completes(&fragment) {
            s.complete += 1;
        }
        s.queue.push_back(fragment);
        if let Some(w) = s.waker.take() {
            w.wake();
        }
    }

    /// Ends the received side (the first end wins).
    pub(crate) fn end(&self, end: End) {
        let mut s = self.lock();
        if s.end.is_none() {
            s.end = Some(end);
        }
        if let Some(w) = s.waker.take() {
            w.wake();
        }
        drop(s);
        self.room.notify_waiters();
    }

    /// Whether the received side has ended (it may still hold queued fragments).
    pub(crate) fn has_ended(&self) -> bool {
        self.lock().end.is_some()
    }

    /// The failure the inbox ended with (`None` while open or after a clean close).
    pub(crate) fn end_error(&self) -> Option<Error> {
        match &self.lock().end {
            Some(End::Failed(e)) => Some(e.repeat()),
            _ => None,
        }
    }

    /// The error a receive on an ended, empty inbox returns.
    fn ended(end: &End) -> Error {
        match end {
            End::Closed => Error::new(crate::Kind::WebSocket(WebSocketError::Closed), None),
            End::Failed(e) => e.repeat(),
        }
    }

    pub(crate) fn poll_fragment(&self, cx: &mut Context<'_>) -> Poll<Result<Fragment>> {
        let mut s = self.lock();
        if let Some(f) = s.queue.pop_front() {
            s.bytes -= data_len(&f);
            if completes(&f) {
                s.complete -= 1;
            }
            drop(s);
            self.room.notify_one();
            return Poll::Ready(Ok(f));
        }
        if let Some(end) = &s.end {
            return Poll::Ready(Err(Self::ended(end)));
        }
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    }

    /// The next complete item: a control frame, or a whole data message joined from its
    /// fragments. Fragments of a message that never completed are never handed out as one.
    pub(crate) fn poll_message(&self, cx: &mut Context<'_>) -> Poll<Result<Message>> {
        let mut s = self.lock();
        if s.complete == 0 {
            if let Some(end) = &s.end {
                return Poll::Ready(Err(Self::ended(end)));
            }
            s.waker = Some(cx.waker().clone());
            return Poll::Pending;
        }
        let Some(i) = s.queue.iter().position(completes) else {
            s.waker = Some(cx.waker().clone());
            return Poll::Pending;
        };
        s.complete -= 1;
        let message = if matches!(s.queue[i], Fragment::Data { .. }) {
            // Everything before it is an earlier fragment of the same message: control frames
            // complete on their own, so none can sit before the first complete item.
            let parts: Vec<Fragment> = s.queue.drain(..=i).collect();
            let kind = match &parts[0] {
                Fragment::Data { kind, .. } => *kind,
                _ => DataKind::Binary,
            };
            let total: usize = parts.iter().map(data_len).sum();
            s.bytes -= total;
            let data = join(parts, total);
            match kind {
                DataKind::Text => Message::Text(data),
                DataKind::Binary => Message::Binary(data),
            }
        } else {
            match s.queue.remove(i) {
                Some(Fragment::Ping(p)) => Message::Ping(p),
                Some(Fragment::Pong(p)) => Message::Pong(p),
                Some(Fragment::Close(c)) => Message::Close(c),
                // `i` is a complete non-data item by the test above.
                _ => Message::Close(None),
            }
        };
        drop(s);
        self.room.notify_one();
        Poll::Ready(Ok(message))
    }
}

/// The payloads of one message's fragments, copied only when there is more than one.
fn join(parts: Vec<Fragment>, total: usize) -> Bytes {
    let mut datas = parts.into_iter().filter_map(|f| match f {
        Fragment::Data { data, .. } => Some(data),
        _ => None,
    });
    let Some(first) = datas.next() else {
        return Bytes::new();
    };
    if first.len() == total {
        return first;
    }
    let mut all = BytesMut::with_capacity(total);
    all.extend_from_slice(&first);
    for d in datas {
        all.extend_from_slice(&d);
    }
    all.freeze()
}
