//! `Waker`: one readable file descriptor per event loop. The engine's threads never touch a
//! Python object: to wake an async waiter they record its token and write one byte to a
//! socket pair (only when not already signalled); the event loop sees the descriptor readable
//! and drains the tokens.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;

/// The shared part, held by whatever will wake a waiter.
pub(crate) struct WakerInner {
    read: UnixStream,
    write: UnixStream,
    ready: Mutex<Vec<u64>>,
    signalled: AtomicBool,
}

impl WakerInner {
    /// Marks `token` ready and makes the descriptor readable.
    pub(crate) fn notify(&self, token: u64) {
        self.ready
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(token);
        if !self.signalled.swap(true, Ordering::AcqRel) {
            // A full socket buffer means a wake is pending already; nothing is lost.
            let _ = (&self.write).write(&[1]);
        }
    }

    /// Holds the descriptor back: notifies from now on only record their tokens (the caller
    /// takes them with [`WakerInner::release`]). Returns whether it was signalled already.
    fn hold(&self) -> bool {
        self.signalled.swap(true, Ordering::AcqRel)
    }

    /// Ends a [`WakerInner::hold`] and takes the tokens ready. The flag is cleared before the
    /// take, so a notify that came after the take writes its byte; when the descriptor was
    /// signalled before the hold, its byte is still there and the flag stays set (the loop's
    /// drain clears it).
    fn release(&self, signalled_before: bool) -> Vec<u64> {
        if !signalled_before {
            self.signalled.store(false, Ordering::Release);
        }
        std::mem::take(&mut *self.ready.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// A registered waiter: whom to wake, and with which token.
#[derive(Clone)]
pub(crate) struct Waiter {
    pub(crate) waker: Arc<WakerInner>,
    pub(crate) token: u64,
}

impl Waiter {
    pub(crate) fn wake(self) {
        self.waker.notify(self.token);
    }
}

/// One readable file descriptor per event loop.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Waker {
    pub(crate) inner: Arc<WakerInner>,
}

#[pymethods]
impl Waker {
    #[new]
    fn new() -> PyResult<Waker> {
        let (read, write) = UnixStream::pair()?;
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        Ok(Waker {
            inner: Arc::new(WakerInner {
                read,
                write,
                ready: Mutex::new(Vec::new()),
                signalled: AtomicBool::new(false),
            }),
        })
    }

    fn fileno(&self) -> i32 {
        self.inner.read.as_raw_fd()
    }

    /// The tokens made ready since the last call.
    fn drain(&self) -> Vec<u64> {
        // Empty the socket first, then clear the flag, then take the tokens. A notify before
        // the flag is cleared left its token for the take below; one after writes a new byte,
        // so the loop wakes again. (Clearing first would let a notify's byte be swallowed by
        // the read here while the flag stays set: every later notify would skip its write and
        // the loop would never wake again.)
        let mut sink = [0u8; 64];
        while let Ok(n) = (&self.inner.read).read(&mut sink) {
            if n < sink.len() {
                break;
            }
        }
        self.inner.signalled.store(false, Ordering::Release);
        std::mem::take(&mut *self.inner.ready.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Waker {
    pub(crate) fn waiter(&self, token: u64) -> Waiter {
        Waiter {
            waker: self.inner.clone(),
            token,
        }
    }
}

/// The calling thread's current-thread runtime, for an event loop on this thread to drive
/// (see `ws::Driver::Loop`): the loop watches `fileno()` (the runtime's epoll descriptor,
/// readable whenever a socket or timer of the runtime has an event, or another thread woke
/// one of its tasks) and calls `turn()` when it is.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct LoopDriver {
    runtime: crate::runtime::ForkSafe<crate::runtime::Held>,
    fd: i32,
}

/// This thread's `LoopDriver`, or None where its runtime's descriptor is unknown (WebSockets
/// then run on the shared runtime, as the other async work does).
#[pyfunction]
pub(crate) fn loop_driver() -> PyResult<Option<LoopDriver>> {
    Ok(crate::runtime::looped()?.map(|(runtime, fd)| LoopDriver {
        runtime: crate::runtime::ForkSafe::new(crate::runtime::Held::new(runtime)),
        fd,
    }))
}

/// A [`WakerInner::hold`] that is released even if the turn panics (the panic reaches Python
/// as an exception): a waker left held would never signal its loop again.
struct Hold<'a> {
    inner: &'a WakerInner,
    before: bool,
    released: bool,
}

impl Hold<'_> {
    fn release(mut self) -> Vec<u64> {
        self.released = true;
        self.inner.release(self.before)
    }
}

impl Drop for Hold<'_> {
    fn drop(&mut self) {
        if !self.released {
            // Unwinding: the tokens go back through the descriptor.
            for token in self.inner.release(self.before) {
                self.inner.notify(token);
            }
        }
    }
}

#[pymethods]
impl LoopDriver {
    fn fileno(&self) -> i32 {
        self.fd
    }

    /// Runs the runtime's ready work (socket events, due timers, woken tasks) until it is idle.
    /// Returns the tokens of `waker` (the loop's own, if given) made ready meanwhile, which are
    /// not signalled through its descriptor: the caller wakes those waiters itself, without
    /// one more round through the loop's selector.
    #[pyo3(signature = (waker = None))]
    fn turn(&self, py: Python<'_>, waker: Option<&Waker>) -> PyResult<Vec<u64>> {
        let runtime = self.runtime.get()?.get();
        let hold = waker.map(|w| Hold {
            inner: &w.inner,
            before: w.inner.hold(),
            released: false,
        });
        py.detach(|| crate::runtime::turns::turn(runtime, || ()));
        Ok(hold.map_or_else(Vec::new, Hold::release))
    }
}
