//! `Stream`: a response body read from Python. A task pumps the body into a queue bounded in
//! bytes (so a slow reader holds the HTTP/2 window and TCP back, never memory); a read takes
//! everything queued at once, coalesced into one `bytes` (one copy), and waits only when the
//! queue is empty (sync: on a condition variable without the GIL; async: through the loop's
//! `Waker`). A sync session's stream is pumped on its thread's runtime, which the blocking
//! reads drive (see [`Reader`]); an `AsyncSession`'s on the shared runtime.
//!
//! The body contract carries through: the queue ends only with the body's own end, or with
//! its error, repeated on every later read; a pump that disappears (runtime shut down) ends
//! the stream with an error, never with a clean end.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::Poll;

use bytes::Bytes;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::ErrorInfo;
use crate::runtime::{ForkSafe, Held};
use crate::waker::{Waiter, Waker};

/// The most a stream queues ahead of its reader.
pub(crate) const DEFAULT_CAPACITY: usize = 1 << 20;

/// Queued bytes that wake a waiting reader even while more data is at hand (see `pump`).
const WAKE_BATCH: usize = 256 * 1024;

/// The most the pump gathers from the connection before queueing it (see `pump`).
const GATHER: usize = 64 * 1024;

pub(crate) struct Shared {
    state: Mutex<State>,
    /// Python readers blocked in `read_blocking`.
    readable: Condvar,
    /// The pump, waiting for room.
    room: tokio::sync::Notify,
    /// The pump, told the reader is gone (while it waits for the network).
    closing: tokio::sync::Notify,
    /// Readers of a stream on a thread's runtime, waiting inside that runtime (see
    /// [`Reader::local`]).
    data: tokio::sync::Notify,
}

struct State {
    chunks: VecDeque<Bytes>,
    queued: usize,
    capacity: usize,
    end: Option<Result<(), ErrorInfo>>,
    /// The reader closed the stream: the pump stops.
    closed: bool,
    waiter: Option<(Waiter, usize)>,
    /// Python readers blocked in `read_blocking`, and the least any of them waits for: the
    /// condition variable is notified only for them (each notify is a system call).
    sync_waiting: usize,
    sync_min: usize,
    /// Readers waiting on `data` (see [`Shared::take_when_ready`]).
    local_waiting: usize,
    raw_bytes: u64,
    delivered: u64,
    resumes: u32,
    /// Set at the end: the body ended with a TLS connection closed without close_notify.
    close_notify_missing: bool,
}

impl Shared {
    pub(crate) fn new(capacity: usize) -> Arc<Shared> {
        Arc::new(Shared {
            state: Mutex::new(State {
                chunks: VecDeque::new(),
                queued: 0,
                capacity: capacity.max(64 * 1024),
                end: None,
                closed: false,
                waiter: None,
                sync_waiting: 0,
                sync_min: usize::MAX,
                local_waiting: 0,
                raw_bytes: 0,
                delivered: 0,
                resumes: 0,
                close_notify_missing: false,
            }),
            readable: Condvar::new(),
            room: tokio::sync::Notify::new(),
            closing: tokio::sync::Notify::new(),
            data: tokio::sync::Notify::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wakes the reader if it waits for what is now there.
    fn wake_reader(&self, state: &mut State) {
        let ready = state.end.is_some();
        if let Some((_, min)) = &state.waiter
            && (ready || state.queued >= *min)
            && let Some((waiter, _)) = state.waiter.take()
        {
            waiter.wake();
        }
        if state.sync_waiting > 0 && (ready || state.queued >= state.sync_min) {
            self.readable.notify_all();
        }
        if state.local_waiting > 0 {
            // The waiters are inside the stream's runtime; each checks what it waits for.
            self.data.notify_waiters();
        }
    }

    /// Waits for `notified` as one of the readers counted in `local_waiting` (uncounted again
    /// even if the wait is dropped: the runtime stopped, say).
    async fn wait_local(&self, notified: tokio::sync::futures::Notified<'_>) {
        struct Counted<'a>(&'a Shared);
        impl Drop for Counted<'_> {
            fn drop(&mut self) {
                self.0.lock().local_waiting -= 1;
            }
        }
        let _counted = Counted(self);
        notified.await;
    }

    /// Waits, inside the stream's runtime, until `take(max, min)` has an answer, and gives it.
    /// Once `min` bytes are there it goes on running the runtime while that brings more, up
    /// to `max`: nothing runs the pump between reads, so taking only what the first wake
    /// brought (one TLS record, one chunk) would make every read a small one.
    async fn take_when_ready(&self, max: usize, min: usize) -> Result<Vec<Bytes>, ErrorInfo> {
        loop {
            // Made before the check: `notify_waiters` reaches it from its creation on.
            let notified = self.data.notified();
            let queued = {
                let mut state = self.lock();
                if state.queued >= min && state.queued < max && state.end.is_none() {
                    Some(state.queued)
                } else if let Some(taken) = self.take(&mut state, max, min).transpose() {
                    return taken;
                } else {
                    state.local_waiting += 1;
                    None
                }
            };
            match queued {
                Some(before) => {
                    // Two yields: the first lets the runtime poll its sockets (which queues
                    // the connection's task), the second lets that task and the pump run.
                    tokio::task::yield_now().await;
                    tokio::task::yield_now().await;
                    let mut state = self.lock();
                    if state.queued == before
                        && let Some(taken) = self.take(&mut state, max, min).transpose()
                    {
                        return taken;
                    }
                }
                None => self.wait_local(notified).await,
            }
        }
    }

    /// Runs, inside the stream's runtime, until the queue is full (at least `min`), the body
    /// ended, or the reader is gone: an async reader's borrowed thread fills the queue for
    /// the reads after this one too.
    async fn fill(&self, min: usize) {
        loop {
            let notified = self.data.notified();
            {
                let mut state = self.lock();
                if state.end.is_some() || state.queued >= min.max(state.capacity) || state.closed {
                    return;
                }
                state.local_waiting += 1;
            }
            self.wait_local(notified).await;
        }
    }

    /// The pump: reads the body into the queue until it ends, fails, or the reader closes.
    pub(crate) async fn pump(self: Arc<Self>, mut response: mummer::Response) {
        // Ends the stream with an error if this task is dropped before the body ended (the
        // runtime shut down): a reader must never mistake that for the end of the body.
        let mut guard = EndGuard(Some(self.clone()));
        // The reader is woken once per burst of data, not per chunk: a chunk is one HTTP/2
        // DATA frame (8 KiB from nginx) and a wake-up costs the reader more than that chunk's
        // copy. So the wake is owed until the next chunk is not there yet, the queue is full,
        // or `WAKE_BATCH` bytes wait.
        let mut wake_owed = false;
        let mut batch: Vec<Bytes> = Vec::new();
        loop {
            // Wait for room.
            let room = loop {
                let notified = self.room.notified();
                {
                    let mut state = self.lock();
                    if state.closed {
                        guard.disarm();
                        return;
                    }
                    if state.queued < state.capacity {
                        break state.capacity - state.queued;
                    }
                    if std::mem::take(&mut wake_owed) {
                        self.wake_reader(&mut state);
                    }
                }
                notified.await;
            };
            // Gather what the connection has ready (up to `GATHER` bytes, and the room) before
            // taking the lock the reader also takes: once per DATA frame, the two threads
            // contended for it (2.5% of a 1 GiB stream's CPU in `perf`).
            let limit = room.min(GATHER);
            let mut gathered = 0usize;
            let mut end: Option<Result<(), ErrorInfo>> = None;
            loop {
                // Set when the batch went up while a read was pending: that read's chunk then
                // ends this round.
                let mut handed_up = false;
                // What the batch so far came with, for a hand-up while the next read holds the
                // response.
                let (raw_bytes, resumes) = (response.raw_bytes_received(), response.resumes());
                let next = {
                    let chunk = response.chunk();
                    tokio::pin!(chunk);
                    match std::future::poll_fn(|cx| Poll::Ready(chunk.as_mut().poll(cx))).await {
                        Poll::Ready(next) => next,
                        Poll::Pending => {
                            // The pending read is kept, not dropped: a read can be in the
                            // middle of resuming a cut body, and dropping it would drop the
                            // error it holds (the next read would then see the cut
                            // connection's end of stream as the body's end).
                            if !batch.is_empty() || wake_owed {
                                let mut state = self.lock();
                                if state.closed {
                                    guard.disarm();
                                    return;
                                }
                                if !batch.is_empty() {
                                    state.raw_bytes = raw_bytes;
                                    state.resumes = resumes;
                                    state.queued += gathered;
                                    state.chunks.extend(batch.drain(..));
                                    gathered = 0;
                                    handed_up = true;
                                }
                                wake_owed = false;
                                self.wake_reader(&mut state);
                            }
                            tokio::select! {
                                biased;
                                _ = self.closing.notified() => {
                                    guard.disarm();
                                    return;
                                }
                                next = &mut chunk => next,
                            }
                        }
                    }
                };
                match next {
                    Ok(Some(chunk)) => {
                        gathered += chunk.len();
                        batch.push(chunk);
                        if gathered >= limit || handed_up {
                            break;
                        }
                    }
                    Ok(None) => {
                        end = Some(Ok(()));
                        break;
                    }
                    Err(e) => {
                        end = Some(Err(ErrorInfo::from(&e)));
                        break;
                    }
                }
            }
            let mut state = self.lock();
            if state.closed {
                // `close()` ended the stream with its own error and emptied the queue: nothing
                // goes in after it, and its end stays.
                guard.disarm();
                return;
            }
            state.raw_bytes = response.raw_bytes_received();
            state.resumes = response.resumes();
            if matches!(end, Some(Ok(()))) {
                state.close_notify_missing = response.close_notify_missing();
            }
            state.queued += gathered;
            state.chunks.extend(batch.drain(..));
            if end.is_some() && state.end.is_none() {
                state.end = end;
            }
            let done = state.end.is_some();
            wake_owed = true;
            if done || state.queued >= WAKE_BATCH {
                wake_owed = false;
                self.wake_reader(&mut state);
            }
            if done {
                guard.disarm();
                return;
            }
        }
    }

    /// Takes up to `max` bytes once `min` are queued or the body ended. `Ok(None)`: not yet.
    fn take(
        &self,
        state: &mut State,
        max: usize,
        min: usize,
    ) -> Result<Option<Vec<Bytes>>, ErrorInfo> {
        // A reader that asks for more than the queue holds gets a queue that large: it asked
        // for that much memory itself, and otherwise neither side could move.
        if min > state.capacity {
            state.capacity = min;
            self.room.notify_one();
        }
        if state.queued == 0 || (state.queued < min && state.end.is_none()) {
            return match &state.end {
                Some(Ok(())) if state.queued == 0 => Ok(Some(Vec::new())),
                Some(Err(e)) if state.queued == 0 => Err(e.clone()),
                _ => Ok(None),
            };
        }
        let mut out = Vec::new();
        let mut taken = 0usize;
        while taken < max {
            let Some(front) = state.chunks.front_mut() else {
                break;
            };
            let want = max - taken;
            if front.len() <= want {
                let chunk = state.chunks.pop_front().unwrap_or_default();
                taken += chunk.len();
                out.push(chunk);
            } else {
                out.push(front.split_to(want));
                taken += want;
            }
        }
        state.queued -= taken;
        state.delivered += taken as u64;
        self.room.notify_one();
        Ok(Some(out))
    }
}

/// See [`Shared::pump`].
struct EndGuard(Option<Arc<Shared>>);

impl EndGuard {
    fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for EndGuard {
    fn drop(&mut self) {
        if let Some(shared) = self.0.take() {
            let mut state = shared.lock();
            if state.end.is_none() {
                state.end = Some(Err(ErrorInfo::new(
                    "the body was cut off: mummer's runtime shut down while it was being received",
                    "runtime",
                    18,
                )));
            }
            shared.wake_reader(&mut state);
        }
    }
}

/// Joins taken chunks into one `bytes`: the one copy.
pub(crate) fn to_bytes<'py>(py: Python<'py>, chunks: &[Bytes]) -> PyResult<Bound<'py, PyBytes>> {
    if let [one] = chunks {
        return Ok(PyBytes::new(py, one));
    }
    let len: usize = chunks.iter().map(Bytes::len).sum();
    // Not `PyBytes::new_with`: it zeroes the buffer before the closure fills it, a second
    // pass over every byte of a body (1.4% of a 1 GiB stream's CPU in `perf`).
    let size = pyo3::ffi::Py_ssize_t::try_from(len)
        .map_err(|_| crate::errors::runtime("a body chunk too large for a bytes object"))?;
    // SAFETY: `PyBytes_FromStringAndSize(NULL, n)` returns a new, unshared bytes object of n
    // bytes whose buffer (`PyBytes_AsString`) is writable until the object is handed out; every
    // byte of it is written below before it is (the chunks' lengths sum to `len`).
    #[allow(unsafe_code)]
    unsafe {
        let object = pyo3::ffi::PyBytes_FromStringAndSize(std::ptr::null(), size);
        let bytes = Bound::from_owned_ptr_or_err(py, object)?.cast_into_unchecked::<PyBytes>();
        let mut at = pyo3::ffi::PyBytes_AsString(object).cast::<u8>();
        for c in chunks {
            std::ptr::copy_nonoverlapping(c.as_ptr(), at, c.len());
            at = at.add(c.len());
        }
        Ok(bytes)
    }
}

/// The reading end of a stream: when it goes (taken into a `Stream` and collected, or never
/// taken at all), the pump stops and the connection goes with it.
pub(crate) struct Reader {
    shared: Arc<Shared>,
    /// The current-thread runtime the pump runs on, for a sync session's stream: nothing
    /// else drives it, so the blocking reads run it (`block_on`, without the GIL, from
    /// whichever thread reads), and an async read borrows a thread to. None: the shared
    /// runtime, always running.
    local: Option<Held>,
}

impl Reader {
    pub(crate) fn new(shared: Arc<Shared>, local: Option<Arc<tokio::runtime::Runtime>>) -> Reader {
        Reader {
            shared,
            local: local.map(Held::new),
        }
    }

    fn local(&self) -> Option<&Arc<tokio::runtime::Runtime>> {
        self.local.as_ref().map(Held::get)
    }

    /// Lets a thread's runtime run its ready tasks (the pump sees a close now, and drops its
    /// connection) without waiting for anything. With another thread driving it, this only
    /// polls a ready future and returns.
    fn nudge(&self) {
        if let Some(rt) = self.local() {
            rt.block_on(tokio::task::yield_now());
        }
    }
}

impl std::ops::Deref for Reader {
    type Target = Arc<Shared>;
    fn deref(&self) -> &Arc<Shared> {
        &self.shared
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        // Whether the pump may still be running: not after the body ended, nor after
        // `close()` (which ran it already).
        let pumping = {
            let mut state = self.shared.lock();
            let pumping = !state.closed && state.end.is_none();
            state.closed = true;
            pumping
        };
        self.shared.room.notify_one();
        self.shared.closing.notify_one();
        if pumping && self.local.is_some() {
            // A borrowed thread filling the queue for an async read ends too.
            self.shared.data.notify_waiters();
            // The pump sees the close the next time its runtime runs: run it now, so the
            // connection goes at once, not on the thread's next call (or never, for an idle
            // thread). Nothing on that runtime needs the GIL this drop may hold. Not from
            // inside a runtime (tokio forbids nesting; nothing of ours drops a stream there).
            if tokio::runtime::Handle::try_current().is_err() {
                self.nudge();
            }
        }
    }
}

/// A response body being received.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Stream {
    pub(crate) shared: ForkSafe<Reader>,
}

#[pymethods]
impl Stream {
    #[pyo3(signature = (max_bytes, min_bytes = 1))]
    fn read<'py>(
        &self,
        py: Python<'py>,
        max_bytes: usize,
        min_bytes: usize,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let shared = self.shared.get()?;
        let taken = {
            let mut state = shared.lock();
            shared.take(
                &mut state,
                max_bytes.max(1),
                min_bytes.clamp(1, max_bytes.max(1)),
            )
        };
        match taken {
            Ok(Some(chunks)) => Ok(Some(to_bytes(py, &chunks)?)),
            Ok(None) => Ok(None),
            Err(e) => Err(e.to_py()),
        }
    }

    #[pyo3(signature = (max_bytes, min_bytes = 1))]
    fn read_blocking<'py>(
        &self,
        py: Python<'py>,
        max_bytes: usize,
        min_bytes: usize,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let reader = self.shared.get()?;
        let shared = Arc::clone(&reader.shared);
        let max = max_bytes.max(1);
        let min = min_bytes.clamp(1, max);
        if let Some(rt) = reader.local() {
            let blocking = crate::runtime::blocking()?;
            let taken = py.detach(|| {
                blocking.block_on_local(rt, shared.take_when_ready(max, min), || {
                    Err(ErrorInfo::new(
                        "the body was cut off: mummer's runtime shut down",
                        "runtime",
                        18,
                    ))
                })
            });
            return match taken {
                Ok(chunks) => to_bytes(py, &chunks),
                Err(e) => Err(e.to_py()),
            };
        }
        let taken = py.detach(move || {
            let mut state = shared.lock();
            loop {
                match shared.take(&mut state, max, min) {
                    Ok(Some(chunks)) => return Ok(chunks),
                    Ok(None) => {
                        state.sync_waiting += 1;
                        state.sync_min = state.sync_min.min(min);
                        state = shared
                            .readable
                            .wait(state)
                            .unwrap_or_else(|p| p.into_inner());
                        state.sync_waiting -= 1;
                        if state.sync_waiting == 0 {
                            state.sync_min = usize::MAX;
                        }
                    }
                    Err(e) => return Err(e),
                }
            }
        });
        match taken {
            Ok(chunks) => to_bytes(py, &chunks),
            Err(e) => Err(e.to_py()),
        }
    }

    #[pyo3(signature = (waker, token, min_bytes = 1))]
    fn wait(&self, waker: &Waker, token: u64, min_bytes: usize) -> PyResult<bool> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        let min = min_bytes.max(1);
        if state.end.is_some() || state.queued >= min {
            return Ok(false);
        }
        if min > state.capacity {
            state.capacity = min;
            shared.room.notify_one();
        }
        state.waiter = Some((waker.waiter(token), min));
        drop(state);
        if let Some(rt) = shared.local() {
            // A sync session's stream read from async code: its runtime runs only inside
            // blocking calls, so a thread makes one until the data is there (the pump then
            // wakes this waiter). Rare, so a thread per wait.
            let (rt, shared) = (Held::new(rt.clone()), Arc::clone(&shared.shared));
            std::thread::Builder::new()
                .name("mummer-stream".into())
                .spawn(move || rt.get().block_on(shared.fill(min)))
                .map_err(|e| crate::errors::runtime(format!("cannot start a thread: {e}")))?;
        }
        Ok(true)
    }

    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let shared = self.shared.get()?;
        let mut state = shared.lock();
        state.closed = true;
        // Reading a closed response raises, whatever was left.
        state.end = Some(Err(ErrorInfo::new(
            "the response is closed: its body can no longer be read",
            "closed",
            1,
        )));
        state.chunks.clear();
        state.queued = 0;
        shared.room.notify_one();
        shared.closing.notify_one();
        shared.wake_reader(&mut state);
        drop(state);
        // A local stream's pump drops its connection now, not on the thread's next call.
        py.detach(|| shared.nudge());
        Ok(())
    }

    #[getter]
    fn closed(&self) -> PyResult<bool> {
        Ok(self.shared.get()?.lock().closed)
    }

    #[getter]
    fn raw_bytes(&self) -> PyResult<u64> {
        Ok(self.shared.get()?.lock().raw_bytes)
    }

    #[getter]
    fn delivered(&self) -> PyResult<u64> {
        Ok(self.shared.get()?.lock().delivered)
    }

    #[getter]
    fn resumes(&self) -> PyResult<u32> {
        Ok(self.shared.get()?.lock().resumes)
    }

    /// Set once the body ended: the server closed TLS without close_notify, so the end of
    /// this close-delimited body cannot be told from a cut.
    #[getter]
    fn close_notify_missing(&self) -> PyResult<bool> {
        Ok(self.shared.get()?.lock().close_notify_missing)
    }
}
