//! `UploadSink`: a streamed request body fed from Python (iterables, async iterables, file
//! objects). Python pushes chunks into a queue bounded in bytes; the request's body stream on
//! the runtime takes them. A full queue makes `push` wait without the GIL, or `try_push` say
//! so and `wait_writable` register the loop's `Waker`.

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use bytes::Bytes;
use pyo3::prelude::*;

use crate::errors;
use crate::runtime::ForkSafe;
use crate::waker::{Waiter, Waker};

/// Bytes queued ahead of the connection, at most (one large chunk always fits).
const CAPACITY: usize = 512 * 1024;

pub(crate) struct Shared {
    state: Mutex<State>,
    /// Python producers blocked in `push`.
    writable: Condvar,
    /// The body stream, waiting for data.
    data: tokio::sync::Notify,
}

struct State {
    chunks: VecDeque<Bytes>,
    queued: usize,
    /// `close()` (Ok) or `fail()` (Err) was called.
    end: Option<Result<(), String>>,
    /// The request is over (sent, or failed): pushes are pointless.
    gone: bool,
    waiter: Option<Waiter>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn has_room(state: &State) -> bool {
        state.queued < CAPACITY || state.gone
    }

    fn wake_writer(&self, state: &mut State) {
        if let Some(w) = state.waiter.take() {
            w.wake();
        }
        self.writable.notify_all();
    }

    /// The next chunk for the request body; `None` at the end.
    async fn next(&self) -> Option<io::Result<Bytes>> {
        loop {
            let notified = self.data.notified();
            {
                let mut state = self.lock();
                if let Some(chunk) = state.chunks.pop_front() {
                    state.queued -= chunk.len();
                    self.wake_writer(&mut state);
                    return Some(Ok(chunk));
                }
                match &state.end {
                    Some(Ok(())) => return None,
                    Some(Err(message)) => return Some(Err(io::Error::other(message.clone()))),
                    None => {}
                }
            }
            notified.await;
        }
    }

    /// The request no longer reads the body: release any producer.
    pub(crate) fn finish(&self) {
        let mut state = self.lock();
        state.gone = true;
        state.chunks.clear();
        state.queued = 0;
        self.wake_writer(&mut state);
    }
}

/// A body that reads from the sink (for `mummer::Body::wrap_stream`); dropping it (the request
/// is over) releases the producer.
pub(crate) fn body(shared: Arc<Shared>) -> mummer::Body {
    struct Finish(Arc<Shared>);
    impl Drop for Finish {
        fn drop(&mut self) {
            self.0.finish();
        }
    }
    let stream = futures_util::stream::unfold(Finish(shared), |finish| async move {
        let item = finish.0.next().await?;
        Some((item, finish))
    });
    mummer::Body::wrap_stream(stream)
}

/// A streamed request body fed from Python.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct UploadSink {
    pub(crate) shared: ForkSafe<Arc<Shared>>,
}

impl UploadSink {
    pub(crate) fn new() -> UploadSink {
        UploadSink {
            shared: ForkSafe::new(Arc::new(Shared {
                state: Mutex::new(State {
                    chunks: VecDeque::new(),
                    queued: 0,
                    end: None,
                    gone: false,
                    waiter: None,
                }),
                writable: Condvar::new(),
                data: tokio::sync::Notify::new(),
            })),
        }
    }
}

fn enqueue(shared: &Shared, state: &mut State, data: Bytes) -> PyResult<()> {
    if state.end.is_some() {
        return Err(errors::option("the upload was already closed"));
    }
    if !state.gone && !data.is_empty() {
        state.queued += data.len();
        state.chunks.push_back(data);
        shared.data.notify_one();
    }
    Ok(())
}

#[pymethods]
impl UploadSink {
    fn push(&self, py: Python<'_>, data: &[u8]) -> PyResult<()> {
        let shared = self.shared.get()?.clone();
        let data = Bytes::copy_from_slice(data);
        py.detach(move || {
            let mut state = shared.lock();
            while !Shared::has_room(&state) {
                state = shared
                    .writable
                    .wait(state)
                    .unwrap_or_else(|p| p.into_inner());
            }
            enqueue(&shared, &mut state, data)
        })
    }

    fn try_push(&self, data: &[u8]) -> PyResult<bool> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        if !Shared::has_room(&state) {
            return Ok(false);
        }
        enqueue(shared, &mut state, Bytes::copy_from_slice(data))?;
        Ok(true)
    }

    fn wait_writable(&self, waker: &Waker, token: u64) -> PyResult<bool> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        if Shared::has_room(&state) {
            return Ok(false);
        }
        state.waiter = Some(waker.waiter(token));
        Ok(true)
    }

    fn close(&self) -> PyResult<()> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        if state.end.is_none() {
            state.end = Some(Ok(()));
        }
        shared.data.notify_one();
        Ok(())
    }

    fn fail(&self, message: String) -> PyResult<()> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        state.end = Some(Err(message));
        shared.data.notify_one();
        Ok(())
    }
}

impl UploadSink {
    pub(crate) fn shared(&self) -> PyResult<Arc<Shared>> {
        Ok(self.shared.get()?.clone())
    }
}

impl Drop for UploadSink {
    fn drop(&mut self) {
        // A sink dropped without `close()` is an abandoned body, not a complete one.
        if let Ok(shared) = self.shared.get() {
            let mut state = shared.lock();
            if state.end.is_none() {
                state.end = Some(Err("the request body's producer went away".into()));
            }
            shared.data.notify_one();
        }
    }
}
