//! Running a WebSocket's reader and writer inside its own calls instead of as two tasks
//! ([`WebSocketBuilder::driven_by_calls`](super::WebSocketBuilder::driven_by_calls)).
//!
//! The two futures of [`driver`](super::driver) are the same either way; here they are kept
//! in a [`Pump`] and polled by whichever call on the WebSocket is waiting, as libcurl reads
//! and writes a WebSocket only inside `curl_ws_recv` and `curl_ws_send`. A received frame then
//! reaches a blocked `recv` in the same poll that read it, where a reader task would wake the
//! caller through the scheduler (a second pass, and on tokio's current-thread runtime an
//! `eventfd` write and an `epoll_wait` of its own), and a send is written in the caller's
//! poll instead of a writer task's.
//!
//! Several threads may call at once. One of them polls the futures at a time; each wake of
//! the futures wakes every call waiting (a [`FanOut`]), so whichever of them runs next takes
//! the turn, and a call that ended never leaves the futures registered with a waker no one
//! polls for.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::task::{Context, Poll, Wake, Waker};

type Part = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Wakers kept for the calls waiting, at most (see [`Pump::turn`]).
const MAX_WAITING: usize = 32;

/// The reader and writer of one WebSocket, driven by its calls.
pub(crate) struct Pump {
    parts: Mutex<[Option<Part>; 2]>,
    fan: Arc<FanOut>,
    /// The waker the parts are polled with: wakes every waiting call.
    waker: Waker,
    /// `stop` was called while another thread held the parts: dropped after its turn.
    stopped: AtomicBool,
}

/// The wakers of the calls waiting for the connection to make progress.
#[derive(Default)]
struct FanOut {
    waiting: Mutex<Vec<Waker>>,
}

impl FanOut {
    fn lock(&self) -> MutexGuard<'_, Vec<Waker>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Wake for FanOut {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Taken out first: a waker may be woken while the list is locked by nobody.
        let waiting = std::mem::take(&mut *self.lock());
        for w in waiting {
            w.wake();
        }
    }
}

impl Pump {
    pub(crate) fn new(
        reader: impl Future<Output = ()> + Send + 'static,
        writer: impl Future<Output = ()> + Send + 'static,
    ) -> Pump {
        let fan = Arc::new(FanOut::default());
        Pump {
            parts: Mutex::new([Some(Box::pin(reader)), Some(Box::pin(writer))]),
            waker: Waker::from(fan.clone()),
            fan,
            stopped: AtomicBool::new(false),
        }
    }

    /// Lets the reader and writer run as far as they can now, and registers `cx` to be woken
    /// when they can go further. When another thread is running them, this one only waits to
    /// be woken.
    pub(crate) fn turn(&self, cx: &Context<'_>) {
        let overflow = {
            let mut waiting = self.fan.lock();
            if waiting.iter().any(|w| w.will_wake(cx.waker())) {
                None
            } else {
                // Callers whose wakers differ on every poll must not grow the list without
                // bound: past a few dozen, those waiting are woken (to poll again) and dropped.
                let overflow =
                    (waiting.len() >= MAX_WAITING).then(|| std::mem::take(&mut *waiting));
                waiting.push(cx.waker().clone());
                overflow
            }
        };
        for w in overflow.into_iter().flatten() {
            w.wake();
        }
        // Outside a runtime the parts cannot run (their timers need one): the next call made
        // inside it will.
        if tokio::runtime::Handle::try_current().is_err() {
            return;
        }
        let mut parts = match self.parts.try_lock() {
            Ok(parts) => parts,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        let mut inner = Context::from_waker(&self.waker);
        for slot in parts.iter_mut() {
            if let Some(part) = slot {
                if part.as_mut().poll(&mut inner).is_ready() {
                    *slot = None;
                }
            }
        }
        if self.stopped.load(Ordering::Acquire) {
            *parts = [None, None];
        }
    }

    /// Drops the reader and writer (and with them the connection) now, or after the turn
    /// another thread is taking.
    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        match self.parts.try_lock() {
            Ok(mut parts) => *parts = [None, None],
            Err(TryLockError::Poisoned(p)) => *p.into_inner() = [None, None],
            Err(TryLockError::WouldBlock) => {}
        }
    }
}

/// `work`, with `pump` (when there is one) turned whenever `work` waits.
pub(crate) async fn driven<F: Future>(pump: Option<&Pump>, work: F) -> F::Output {
    let Some(pump) = pump else {
        return work.await;
    };
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = work.as_mut().poll(cx) {
            return Poll::Ready(v);
        }
        pump.turn(cx);
        work.as_mut().poll(cx)
    })
    .await
}
