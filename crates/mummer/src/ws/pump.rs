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
    /// `stop` was called: the parts are dropped by whoever holds them next.
    stopped: AtomicBool,
    /// Called when the parts are lost to a panic: ends the WebSocket, so that no call waits
    /// for what they would have done.
    on_lost: Box<dyn Fn() + Send + Sync>,
}

/// The wakers of the calls waiting for the connection to make progress.
#[derive(Default)]
struct FanOut {
    waiting: Mutex<Vec<Waker>>,
    /// A part was woken since the parts were last polled. The thread turning them goes round
    /// again (a wake that lands during a turn must get its poll: the calls it woke may have
    /// found the parts taken and gone back to waiting), and checks once more after letting
    /// go of them.
    woken: AtomicBool,
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
        self.woken.store(true, Ordering::SeqCst);
        // Taken out first: nothing is woken with the list locked.
        let waiting = std::mem::take(&mut *self.lock());
        for w in waiting {
            w.wake();
        }
    }
}

/// Rounds one turn makes while the parts keep waking themselves, before it leaves the rest
/// to the calls it wakes (so a turn ends even if the parts never settle).
const MAX_ROUNDS: usize = 16;

impl Pump {
    /// `on_lost` ends the WebSocket if a part panics (see [`Pump::on_lost`]).
    pub(crate) fn new(
        reader: impl Future<Output = ()> + Send + 'static,
        writer: impl Future<Output = ()> + Send + 'static,
        on_lost: impl Fn() + Send + Sync + 'static,
    ) -> Pump {
        let fan = Arc::new(FanOut::default());
        Pump {
            parts: Mutex::new([Some(Box::pin(reader)), Some(Box::pin(writer))]),
            waker: Waker::from(fan.clone()),
            fan,
            stopped: AtomicBool::new(false),
            on_lost: Box::new(on_lost),
        }
    }

    /// Lets the reader and writer run as far as they can now, and registers `cx` to be woken
    /// when they can go further. When another thread is running them, this one only waits to
    /// be woken (that thread sees the wakes of its turn, see [`FanOut::woken`]).
    pub(crate) fn turn(&self, cx: &Context<'_>) {
        self.register(cx.waker());
        // Outside a runtime the parts cannot run (their timers need one): the next call made
        // inside it will.
        if tokio::runtime::Handle::try_current().is_err() {
            return;
        }
        loop {
            let Some(mut parts) = self.take_parts() else {
                return;
            };
            let mut rounds = 0;
            let mut inner = Context::from_waker(&self.waker);
            while self.fan.woken.swap(false, Ordering::SeqCst) || rounds == 0 {
                if rounds == MAX_ROUNDS {
                    // Still busy: the calls woken (this one among them) come back for more.
                    drop(parts);
                    self.waker.wake_by_ref();
                    return;
                }
                rounds += 1;
                for slot in parts.iter_mut() {
                    if let Some(part) = slot {
                        if part.as_mut().poll(&mut inner).is_ready() {
                            *slot = None;
                        }
                    }
                }
                if self.stopped.load(Ordering::SeqCst) {
                    *parts = [None, None];
                }
            }
            drop(parts);
            // A wake or a stop between the last look and letting go: no one else may have
            // seen it (their `try_lock` failed), so this thread takes another turn.
            let stopped = self.stopped.load(Ordering::SeqCst);
            if (stopped && self.is_empty()) || (!stopped && !self.fan.woken.load(Ordering::SeqCst))
            {
                return;
            }
        }
    }

    fn register(&self, waker: &Waker) {
        let overflow = {
            let mut waiting = self.fan.lock();
            if waiting.iter().any(|w| w.will_wake(waker)) {
                None
            } else {
                // Callers whose wakers differ on every poll must not grow the list without
                // bound: past a few dozen, those waiting are woken (to poll again) and dropped.
                let overflow =
                    (waiting.len() >= MAX_WAITING).then(|| std::mem::take(&mut *waiting));
                waiting.push(waker.clone());
                overflow
            }
        };
        for w in overflow.into_iter().flatten() {
            w.wake();
        }
    }

    /// The parts, unless another thread holds them. A part that panicked poisoned them:
    /// they are dropped and the WebSocket ended, since polling them again would panic again.
    fn take_parts(&self) -> Option<MutexGuard<'_, [Option<Part>; 2]>> {
        match self.parts.try_lock() {
            Ok(parts) => Some(parts),
            Err(TryLockError::WouldBlock) => None,
            Err(TryLockError::Poisoned(p)) => {
                let mut parts = p.into_inner();
                *parts = [None, None];
                drop(parts);
                self.parts.clear_poison();
                (self.on_lost)();
                None
            }
        }
    }

    fn is_empty(&self) -> bool {
        match self.parts.try_lock() {
            Ok(parts) => parts.iter().all(Option::is_none),
            Err(_) => false,
        }
    }

    /// Drops the reader and writer (and with them the connection) now, or at the end of the
    /// turn another thread is taking.
    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        if let Some(mut parts) = self.take_parts() {
            *parts = [None, None];
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn in_runtime(f: impl FnOnce()) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let _entered = rt.enter();
        f();
    }

    fn noop() -> Context<'static> {
        Context::from_waker(Waker::noop())
    }

    #[test]
    fn a_wake_during_the_turn_gets_its_poll_before_the_turn_ends() {
        // Part one waits for data; part two brings it and wakes part one, as a read readiness
        // delivered while another thread turns. The calls it woke may have found the parts
        // taken, so this turn must poll part one again before it ends.
        let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        let data = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (slot, data, done) = (slot.clone(), data.clone(), done.clone());
            std::future::poll_fn(move |cx| {
                if data.load(Ordering::SeqCst) {
                    done.store(true, Ordering::SeqCst);
                    return Poll::Ready(());
                }
                *slot.lock().expect("slot") = Some(cx.waker().clone());
                Poll::Pending
            })
        };
        let writer = std::future::poll_fn(move |_| {
            if !data.swap(true, Ordering::SeqCst) {
                if let Some(w) = slot.lock().expect("slot").take() {
                    w.wake();
                }
            }
            Poll::<()>::Pending
        });
        let pump = Pump::new(reader, writer, || {});
        in_runtime(|| pump.turn(&noop()));
        assert!(
            done.load(Ordering::SeqCst),
            "part one was not polled after its wake"
        );
    }

    #[test]
    fn a_stop_during_the_turn_drops_the_parts_when_it_ends() {
        struct Dropped(Arc<AtomicBool>);
        impl Drop for Dropped {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(AtomicBool::new(false));
        let guard = Dropped(dropped.clone());
        let reader = std::future::poll_fn(move |_| {
            let _held = &guard;
            Poll::<()>::Pending
        });
        let me: Arc<Mutex<Option<std::sync::Weak<Pump>>>> = Arc::default();
        let writer = {
            let me = me.clone();
            std::future::poll_fn(move |_| {
                // Another thread's terminate, while this turn holds the parts.
                if let Some(p) = me.lock().expect("me").as_ref().and_then(|w| w.upgrade()) {
                    p.stop();
                }
                Poll::<()>::Pending
            })
        };
        let pump = Arc::new(Pump::new(reader, writer, || {}));
        *me.lock().expect("me") = Some(Arc::downgrade(&pump));
        in_runtime(|| pump.turn(&noop()));
        assert!(
            dropped.load(Ordering::SeqCst),
            "the parts outlived the stop"
        );
    }

    #[test]
    fn a_part_that_panics_ends_the_websocket_instead_of_panicking_again() {
        let polls = Arc::new(AtomicUsize::new(0));
        let lost = Arc::new(AtomicBool::new(false));
        let reader = {
            let polls = polls.clone();
            std::future::poll_fn(move |_| -> Poll<()> {
                polls.fetch_add(1, Ordering::SeqCst);
                panic!("a bug in the reader");
            })
        };
        let pump = {
            let lost = lost.clone();
            Pump::new(reader, std::future::pending(), move || {
                lost.store(true, Ordering::SeqCst)
            })
        };
        in_runtime(|| {
            let first = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                pump.turn(&noop());
            }));
            assert!(first.is_err(), "the panic reaches the call that hit it");
            pump.turn(&noop());
            pump.turn(&noop());
        });
        assert_eq!(
            polls.load(Ordering::SeqCst),
            1,
            "the panicked part was polled again"
        );
        assert!(lost.load(Ordering::SeqCst), "the WebSocket was not ended");
    }

    #[test]
    fn outside_a_runtime_a_turn_only_registers() {
        let polls = Arc::new(AtomicUsize::new(0));
        let reader = {
            let polls = polls.clone();
            std::future::poll_fn(move |_| {
                polls.fetch_add(1, Ordering::SeqCst);
                Poll::<()>::Pending
            })
        };
        let pump = Pump::new(reader, std::future::pending(), || {});
        pump.turn(&noop());
        assert_eq!(polls.load(Ordering::SeqCst), 0);
        in_runtime(|| pump.turn(&noop()));
        assert_eq!(polls.load(Ordering::SeqCst), 1);
    }
}
