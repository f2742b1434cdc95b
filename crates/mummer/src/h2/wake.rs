//! Batched wake-ups from the connection task to the body readers.
//!
//! `http2` wakes a stream's reader as soon as each DATA frame is queued. A reader that keeps
//! up (the usual case: taking a frame costs far less than decrypting it) has drained the
//! stream and parked by then, so every 8-16 KiB frame cost a thread wake-up, and the woken
//! reader then contended for the `http2` lock that the connection task still held while
//! decoding the next frame. Here a reader's wake-up that fires while the connection task is
//! being polled on this thread is held back until that poll returns: the reader is woken at
//! most once per poll, finds every frame the poll queued, and takes them without parking or
//! contending. One poll reads what the socket holds and stops when it would block (tokio's
//! cooperative budget bounds it too), so this delays a reader by one poll at most, and what
//! is buffered meanwhile is still bounded by the flow-control windows.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures_util::task::AtomicWaker;

thread_local! {
    /// Wakers held back by the connection poll running on this thread; `None` outside one.
    static HELD: RefCell<Option<Vec<Waker>>> = const { RefCell::new(None) };
}

/// Runs a connection future, releasing the reader wake-ups it triggered when each poll ends.
pub(crate) struct Batched<F>(pub(crate) F);

impl<F: Future + Unpin> Future for Batched<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        /// Wakes what was held back even if the poll panics, so no reader is left parked.
        struct Release(Option<Vec<Waker>>);
        impl Drop for Release {
            fn drop(&mut self) {
                let previous = self.0.take();
                let held = HELD
                    .try_with(|h| std::mem::replace(&mut *h.borrow_mut(), previous))
                    .ok()
                    .flatten();
                for waker in held.into_iter().flatten() {
                    waker.wake();
                }
            }
        }
        // Restores whatever an enclosing poll held (none in practice), after waking ours. A
        // thread being torn down has no thread-local left: its wake-ups then go out at once.
        let _release = HELD
            .try_with(|h| Release(h.borrow_mut().replace(Vec::new())))
            .ok();
        Pin::new(&mut self.0).poll(cx)
    }
}

/// The waker a body reader hands to `http2`: it forwards to the reader's own waker, held back
/// while a [`Batched`] poll runs on the waking thread.
pub(crate) struct ReaderWaker {
    shared: Arc<Shared>,
    /// `shared` as a `Waker`, made once so each poll clones an `Arc` rather than allocating.
    waker: Waker,
}

struct Shared {
    reader: AtomicWaker,
}

impl Wake for Shared {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let Some(waker) = self.reader.take() else {
            return;
        };
        // Held while a connection poll runs on this thread; otherwise (or while the thread is
        // being torn down and has no thread-local left) woken at once.
        let mut waker = Some(waker);
        let _ = HELD.try_with(|h| {
            if let Some(held) = h.borrow_mut().as_mut() {
                held.extend(waker.take());
            }
        });
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl ReaderWaker {
    pub(crate) fn new() -> ReaderWaker {
        let shared = Arc::new(Shared {
            reader: AtomicWaker::new(),
        });
        let waker = Waker::from(shared.clone());
        ReaderWaker { shared, waker }
    }

    /// Polls `f` with a context whose wake-ups reach `cx`'s task, batched as above.
    pub(crate) fn poll<T>(
        &self,
        cx: &mut Context<'_>,
        f: impl FnOnce(&mut Context<'_>) -> Poll<T>,
    ) -> Poll<T> {
        // Registered before polling: a wake-up between `f` queuing our waker and this
        // registration would otherwise find no reader to wake.
        self.shared.reader.register(cx.waker());
        f(&mut Context::from_waker(&self.waker))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Counts how often the reader's task was woken.
    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn parked_reader() -> (ReaderWaker, Arc<Counter>, Waker) {
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        let task = Waker::from(counter.clone());
        let reader = ReaderWaker::new();
        // What http2 keeps: the waker of the context the reader polled it with.
        let mut given = None;
        let poll = reader.poll(&mut Context::from_waker(&task), |cx| {
            given = Some(cx.waker().clone());
            Poll::<()>::Pending
        });
        assert!(poll.is_pending());
        let given = given.expect("polled");
        (reader, counter, given)
    }

    #[test]
    fn wake_inside_a_connection_poll_waits_for_the_poll_to_end() {
        let (_reader, counter, given) = parked_reader();
        let mut connection = Batched(std::future::poll_fn(|_| {
            given.wake_by_ref();
            assert_eq!(counter.0.load(Ordering::SeqCst), 0, "woken mid-poll");
            Poll::<()>::Pending
        }));
        let noop = Waker::noop();
        assert!(
            Pin::new(&mut connection)
                .poll(&mut Context::from_waker(noop))
                .is_pending()
        );
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn wake_outside_a_connection_poll_is_immediate() {
        let (_reader, counter, given) = parked_reader();
        given.wake_by_ref();
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        // One wake per registration, as http2 takes its stored waker when it wakes it.
        given.wake_by_ref();
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_panicking_connection_poll_still_wakes_the_reader() {
        let (_reader, counter, given) = parked_reader();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut connection = Batched(std::future::poll_fn(|_| -> Poll<()> {
                given.wake_by_ref();
                panic!("connection poll failed");
            }));
            let _ = Pin::new(&mut connection).poll(&mut Context::from_waker(Waker::noop()));
        }));
        assert!(result.is_err());
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
    }
}
