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
                let held = HELD.with(|h| std::mem::replace(&mut *h.borrow_mut(), self.0.take()));
                for waker in held.into_iter().flatten() {
                    waker.wake();
                }
            }
        }
        // Restores whatever an enclosing poll held (none in practice), after waking ours.
        let _release = Release(HELD.with(|h| h.borrow_mut().replace(Vec::new())));
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
        let waker = HELD.with(|h| match h.borrow_mut().as_mut() {
            Some(held) => {
                held.push(waker);
                None
            }
            None => Some(waker),
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
