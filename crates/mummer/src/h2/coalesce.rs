//! Requests started together go out in one write.
//!
//! On a multi-thread runtime a request task that opens a stream wakes the connection task,
//! which tokio runs next on the same thread (its "LIFO slot"): it writes that one HEADERS
//! frame, as its own TLS record and system call, before the next request task has run. With
//! 50 requests in flight from asyncio that was one `sendto` per request, and the server woken
//! for each. Here the connection task, woken with streams newly queued, first yields once (to
//! the back of the run queue), so the request tasks already runnable queue theirs too, and
//! then writes them all. It yields at most once in a row, so a steady stream of requests can
//! never hold its writes back, and never for socket readiness (only `send` marks a wake as a
//! request's).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

/// Set by a request that queued a stream; taken by the connection task's next poll.
#[derive(Default)]
pub(crate) struct Queued(AtomicBool);

impl Queued {
    pub(crate) fn mark(&self) {
        self.0.store(true, Ordering::Release);
    }
}

/// Runs a connection future, yielding once before a poll that a newly queued request caused.
pub(crate) struct Coalesce<F> {
    pub(crate) inner: F,
    pub(crate) queued: Arc<Queued>,
    pub(crate) yielded: bool,
}

impl<F: Future + Unpin> Future for Coalesce<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let queued = self.queued.0.swap(false, Ordering::AcqRel);
        if queued && !self.yielded {
            self.yielded = true;
            // A task that wakes itself while being polled is queued behind the runnable ones
            // (tokio's yield), not in the slot that runs next.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.yielded = false;
        Pin::new(&mut self.inner).poll(cx)
    }
}
