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
