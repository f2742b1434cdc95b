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
//! request's), and never for a request alone on its connection (sequential requests: the
//! yield measured 5-7% more CPU per request there, for nothing).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};

/// Set by a request that queued a stream while others were in flight; taken by the
/// connection task's next poll. A lone request (one after another, the usual sequential use)
/// never marks: it has nothing to wait for, and the yield would only cost it a poll.
#[derive(Default)]
pub(crate) struct Queued {
    flag: AtomicBool,
    in_flight: AtomicUsize,
}

impl Queued {
    /// Counts a request in flight until the returned guard drops; marks the connection when
    /// another one is in flight too.
    pub(crate) fn enter(self: &Arc<Self>) -> InFlight {
        if self.in_flight.fetch_add(1, Ordering::AcqRel) > 0 {
            self.flag.store(true, Ordering::Release);
        }
        InFlight(self.clone())
    }
}

/// A request in flight on the connection (see [`Queued::enter`]).
pub(crate) struct InFlight(Arc<Queued>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
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
        let queued = self.queued.flag.swap(false, Ordering::AcqRel);
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
