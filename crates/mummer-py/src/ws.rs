//! `WebSocket` and `WsTask`: an open mummer WebSocket for Python, and an operation on one in
//! flight (opening, sending, flushing, closing).
//!
//! Nothing here runs a task or a thread per message. Receiving polls the engine's inbox
//! directly: async callers poll with a std waker that writes the loop's token to its `Waker`
//! descriptor, so the reader task of the engine wakes exactly that coroutine and nothing else
//! runs in between. A send that finds room in the bounded send queue completes in the call;
//! only a full queue hands back a `WsTask` to wait on, polled the same way.
//!
//! A WebSocket of a sync `Session` runs on the opening thread's own current-thread runtime
//! ([`Driver::Local`]) with no tasks at all: its blocking calls read and write the connection
//! (without the GIL, from whichever thread makes them), so the thread the kernel wakes is the
//! one waiting and a message read is handed up in the same poll (decision 0006). Flags are libcurl's `CURLWS_*` bits,
//! as curl_cffi returns them.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake};
use std::thread::ThreadId;
use std::time::Duration;

use bytes::Bytes;
use mummer::ws::{DataKind, Fragment, Message};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::{self, ErrorInfo};
use crate::runtime::{self, ForkSafe, Held};
use crate::waker::{Waiter, Waker};

const TEXT: u32 = 1;
const BINARY: u32 = 1 << 1;
const CONT: u32 = 1 << 2;
const CLOSE: u32 = 1 << 3;
const PING: u32 = 1 << 4;
const PONG: u32 = 1 << 6;

/// A std waker that makes the event loop's descriptor readable with one token.
struct FdWake(Waiter);

impl Wake for FdWake {
    fn wake(self: Arc<Self>) {
        self.0.clone().wake();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.clone().wake();
    }
}

fn fd_waker(waker: &Waker, token: u64) -> std::task::Waker {
    std::task::Waker::from(Arc::new(FdWake(waker.waiter(token))))
}

/// Where a WebSocket's reader and writer tasks run, and so what drives them.
enum Driver {
    /// The shared runtime's threads: always running; the WebSocket may be used from any
    /// thread or event loop (`AsyncSession`).
    Shared,
    /// A sync `Session` thread's current-thread runtime (`runtime::local`), and no reader
    /// or writer task: the WebSocket is opened `driven_by_calls`, so its blocking calls read
    /// and write it, as libcurl drives a WebSocket only inside `curl_ws_recv`/`curl_ws_send`.
    /// A ping the server sends meanwhile is answered on the next call. Any thread may make
    /// the calls (one of them runs the connection at a time; see `mummer::ws`'s pump).
    Local(Held),
    /// An event loop thread's current-thread runtime (`runtime::looped`), which that
    /// loop turns whenever the runtime's descriptor is readable and on each call made on the
    /// WebSocket: a message goes from the socket to the coroutine, and from the coroutine to
    /// the socket, on the loop's own thread, with no other thread woken. Timers run only in
    /// turns, so a WebSocket with keepalive timers is not driven this way, and the Python
    /// side turns the runtime every few tens of milliseconds while an operation (an open, a
    /// close) with a timeout is in flight. Used only on that thread (the loop's).
    Loop(Held, ThreadId),
}

impl Driver {
    fn clone_of(&self) -> Driver {
        match self {
            Driver::Shared => Driver::Shared,
            Driver::Local(rt) => Driver::Local(Held::new(rt.get().clone())),
            Driver::Loop(rt, owner) => Driver::Loop(Held::new(rt.get().clone()), *owner),
        }
    }

    fn handle(&self) -> PyResult<tokio::runtime::Handle> {
        match self {
            Driver::Shared => runtime::handle(),
            Driver::Local(rt) | Driver::Loop(rt, _) => Ok(rt.get().handle().clone()),
        }
    }

    /// Runs `work` on this thread without the GIL until it ends or mummer's runtime stops
    /// (the interpreter is exiting: a `runtime` error).
    fn block<T: Send>(
        &self,
        py: Python<'_>,
        work: impl Future<Output = Result<T, ErrorInfo>> + Send,
    ) -> PyResult<Result<T, ErrorInfo>> {
        let blocking = runtime::blocking()?;
        let stopped = || {
            Err(ErrorInfo::new(
                "cut off: mummer's runtime shut down",
                "runtime",
                1,
            ))
        };
        Ok(py.detach(move || match self {
            Driver::Shared => blocking.block_on(work, stopped),
            Driver::Local(rt) | Driver::Loop(rt, _) => {
                blocking.block_on_local(rt.get(), work, stopped)
            }
        }))
    }

    /// A loop-driven WebSocket's calls are made on its loop's thread: only that loop turns
    /// its runtime.
    fn check_thread(&self) -> PyResult<()> {
        match self {
            Driver::Loop(_, owner) if *owner != std::thread::current().id() => {
                Err(errors::runtime(
                    "an AsyncSession's WebSocket is used on the thread of the event loop \
                     that opened it",
                ))
            }
            _ => Ok(()),
        }
    }

    /// Runs `f` in the runtime's context: for a loop-driven WebSocket inside a turn (so what
    /// `f` wakes runs now, on this thread, see [`Driver::Loop`]), else entered.
    fn run<R: Send>(&self, py: Python<'_>, f: impl FnOnce() -> R + Send) -> PyResult<R> {
        match self {
            Driver::Loop(rt, _) => {
                self.check_thread()?;
                let rt = rt.get();
                Ok(py.detach(|| runtime::turns::turn(rt, f)))
            }
            _ => {
                let handle = self.handle()?;
                Ok(py.detach(|| {
                    let _entered = handle.enter();
                    f()
                }))
            }
        }
    }
}

/// What a finished operation hands to Python.
enum Output {
    Socket(mummer::ws::WebSocket),
    Unit,
    /// The server's close frame (code, reason), if it had one.
    Closed(Option<(u16, String)>),
}

type Job = Pin<Box<dyn Future<Output = Result<Output, ErrorInfo>> + Send>>;

enum TaskState {
    Running(Job),
    Done(Result<Output, ErrorInfo>),
    Taken,
}

/// An operation on a WebSocket in flight. `poll(waker, token)` is `_wake.wait`'s register
/// function (False: finished, take `result()`); `wait(timeout)` blocks without the GIL.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct WsTask {
    state: ForkSafe<Mutex<TaskState>>,
    driver: ForkSafe<Driver>,
}

impl WsTask {
    fn new(job: Job, driver: Driver) -> WsTask {
        WsTask {
            state: ForkSafe::new(Mutex::new(TaskState::Running(job))),
            driver: ForkSafe::new(driver),
        }
    }

    fn lock(&self) -> PyResult<MutexGuard<'_, TaskState>> {
        Ok(self.state.get()?.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Polls once with `cx` (in the runtime's context: the job may spawn or start timers).
    fn poll_with(&self, py: Python<'_>, cx_waker: &std::task::Waker) -> PyResult<bool> {
        let driver = self.driver.get()?;
        let mut state = self.lock()?;
        let TaskState::Running(job) = &mut *state else {
            return Ok(true);
        };
        let polled = driver.run(py, || job.as_mut().poll(&mut Context::from_waker(cx_waker)))?;
        match polled {
            Poll::Ready(outcome) => {
                *state = TaskState::Done(outcome);
                Ok(true)
            }
            Poll::Pending => Ok(false),
        }
    }
}

fn output_to_py(py: Python<'_>, output: Output, driver: &Driver) -> PyResult<Py<PyAny>> {
    Ok(match output {
        Output::Socket(ws) => Py::new(py, WebSocket::new(ws, driver.clone_of()))?.into_any(),
        Output::Unit => py.None(),
        Output::Closed(frame) => frame.into_pyobject(py)?.into_any().unbind(),
    })
}

#[pymethods]
impl WsTask {
    /// Registers the loop's waker unless finished; False when finished (take `result()`).
    fn poll(&self, py: Python<'_>, waker: &Waker, token: u64) -> PyResult<bool> {
        Ok(!self.poll_with(py, &fd_waker(waker, token))?)
    }

    /// Whether an event loop drives it (see `ws::Driver::Loop`): waiting for it, the loop
    /// should turn the runtime now and then, for its timers.
    #[getter]
    fn looped(&self) -> PyResult<bool> {
        Ok(matches!(self.driver.get()?, Driver::Loop(..)))
    }

    /// Whether it finished.
    fn done(&self) -> PyResult<bool> {
        Ok(!matches!(&*self.lock()?, TaskState::Running(_)))
    }

    /// The outcome: the WebSocket for an open, the server's close frame `(code, reason)` (or
    /// None) for a close, None otherwise. Raises the failure.
    fn result(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let mut state = self.lock()?;
        match std::mem::replace(&mut *state, TaskState::Taken) {
            TaskState::Done(Ok(output)) => {
                drop(state);
                output_to_py(py, output, self.driver.get()?)
            }
            TaskState::Done(Err(e)) => Err(e.to_py()),
            TaskState::Running(job) => {
                *state = TaskState::Running(job);
                Err(errors::runtime(
                    "the WebSocket operation is still in flight",
                ))
            }
            TaskState::Taken => Err(errors::runtime("the result was already taken")),
        }
    }

    /// Runs it to its end on this thread, without the GIL; `timeout` in seconds (None: no
    /// limit of its own) gives a `timeout_total` error and drops the operation.
    #[pyo3(signature = (timeout = None))]
    fn wait(&self, py: Python<'_>, timeout: Option<f64>) -> PyResult<Py<PyAny>> {
        let job = {
            let mut state = self.lock()?;
            match std::mem::replace(&mut *state, TaskState::Taken) {
                TaskState::Running(job) => Some(job),
                other => {
                    *state = other;
                    None
                }
            }
        };
        if let Some(job) = job {
            let limit = timeout.map(|t| Duration::try_from_secs_f64(t.max(0.0)));
            let outcome = self.driver.get()?.block(py, async move {
                match limit {
                    Some(Ok(limit)) => match tokio::time::timeout(limit, job).await {
                        Ok(r) => r,
                        Err(_) => Err(ErrorInfo::new(
                            format!("the WebSocket operation took longer than {limit:?}"),
                            "timeout_total",
                            28,
                        )),
                    },
                    _ => job.await,
                }
            })?;
            *self.lock()? = TaskState::Done(outcome);
        }
        self.result(py)
    }

    /// Drops the operation (an open not finished is abandoned; a send not yet queued is not
    /// sent).
    fn cancel(&self) -> PyResult<()> {
        let mut state = self.lock()?;
        if matches!(&*state, TaskState::Running(_)) {
            *state = TaskState::Done(Err(ErrorInfo::new(
                "the WebSocket operation was cancelled",
                "aborted",
                42,
            )));
        }
        Ok(())
    }
}

/// A message or frame received, as Python takes it.
enum Received {
    /// (payload, flags, close frame when it is one)
    Frame(Bytes, u32, Option<(u16, String)>),
}

fn close_payload(frame: &Option<mummer::ws::CloseFrame>) -> (Bytes, Option<(u16, String)>) {
    match frame {
        Some(c) => {
            let mut raw = Vec::with_capacity(2 + c.reason.len());
            raw.extend_from_slice(&c.code.to_be_bytes());
            raw.extend_from_slice(c.reason.as_bytes());
            (Bytes::from(raw), Some((c.code, c.reason.clone())))
        }
        None => (Bytes::new(), None),
    }
}

fn from_message(message: Message) -> Received {
    match message {
        Message::Text(d) => Received::Frame(d, TEXT, None),
        Message::Binary(d) => Received::Frame(d, BINARY, None),
        Message::Ping(d) => Received::Frame(d, PING, None),
        Message::Pong(d) => Received::Frame(d, PONG, None),
        Message::Close(c) => {
            let (raw, frame) = close_payload(&c);
            Received::Frame(raw, CLOSE, frame)
        }
    }
}

fn from_fragment(fragment: Fragment) -> Received {
    match fragment {
        Fragment::Data {
            kind, data, last, ..
        } => {
            let mut flags = match kind {
                DataKind::Text => TEXT,
                DataKind::Binary => BINARY,
            };
            if !last {
                flags |= CONT;
            }
            Received::Frame(data, flags, None)
        }
        Fragment::Ping(d) => Received::Frame(d, PING, None),
        Fragment::Pong(d) => Received::Frame(d, PONG, None),
        Fragment::Close(c) => {
            let (raw, frame) = close_payload(&c);
            Received::Frame(raw, CLOSE, frame)
        }
    }
}

/// One poll of `ws`'s inbox, as Python takes it. Messages skip pings and pongs (answered by
/// the engine, as libcurl does); fragments include them.
fn poll_item(
    ws: &mummer::ws::WebSocket,
    cx: &mut Context<'_>,
    fragment: bool,
) -> Poll<Result<Received, ErrorInfo>> {
    loop {
        let polled = if fragment {
            ws.poll_recv_fragment(cx)
                .map(|r| r.map(from_fragment).map_err(ErrorInfo::from))
        } else {
            ws.poll_recv(cx)
                .map(|r| r.map(from_message).map_err(ErrorInfo::from))
        };
        match polled {
            Poll::Ready(Ok(Received::Frame(_, PING | PONG, _))) if !fragment => continue,
            other => return other,
        }
    }
}

type ReceivedTuple = (Py<PyBytes>, u32, Option<(u16, String)>);

fn received_to_py(py: Python<'_>, r: Received) -> ReceivedTuple {
    let Received::Frame(data, flags, close) = r;
    (PyBytes::new(py, &data).unbind(), flags, close)
}

/// What a poll found and kept for the next `try_recv`.
struct Stash {
    fragment: bool,
    item: Result<Received, ErrorInfo>,
}

/// An open WebSocket.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct WebSocket {
    ws: ForkSafe<Arc<mummer::ws::WebSocket>>,
    stash: Mutex<Option<Stash>>,
    driver: ForkSafe<Driver>,
}

impl WebSocket {
    fn new(ws: mummer::ws::WebSocket, driver: Driver) -> WebSocket {
        WebSocket {
            ws: ForkSafe::new(Arc::new(ws)),
            stash: Mutex::new(None),
            driver: ForkSafe::new(driver),
        }
    }

    /// Whether blocking calls drive it (a sync session's, see [`Driver::Local`]).
    fn local(&self) -> PyResult<bool> {
        Ok(matches!(self.driver.get()?, Driver::Local(_)))
    }

    fn stash(&self) -> MutexGuard<'_, Option<Stash>> {
        self.stash.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One poll of the inbox (`poll_item`), kept as a `Stash`.
    fn poll_once(&self, cx: &mut Context<'_>, fragment: bool) -> PyResult<Option<Stash>> {
        Ok(match poll_item(self.ws.get()?, cx, fragment) {
            Poll::Pending => None,
            Poll::Ready(item) => Some(Stash { fragment, item }),
        })
    }

    fn take_stash(&self, fragment: bool) -> PyResult<Option<Result<Received, ErrorInfo>>> {
        let mut stash = self.stash();
        match stash.take() {
            Some(s) if s.fragment == fragment => Ok(Some(s.item)),
            Some(s) => {
                *stash = Some(s);
                Err(errors::option(
                    "a message and a fragment receive are mixed on one WebSocket",
                ))
            }
            None => Ok(None),
        }
    }

    fn try_take(&self, fragment: bool) -> PyResult<Option<Result<Received, ErrorInfo>>> {
        if let Some(item) = self.take_stash(fragment)? {
            return Ok(Some(item));
        }
        let mut cx = Context::from_waker(std::task::Waker::noop());
        Ok(self.poll_once(&mut cx, fragment)?.map(|s| s.item))
    }

    fn job<F>(&self, f: impl FnOnce(Arc<mummer::ws::WebSocket>) -> F) -> PyResult<WsTask>
    where
        F: Future<Output = Result<Output, ErrorInfo>> + Send + 'static,
    {
        let ws = self.ws.get()?.clone();
        Ok(WsTask::new(Box::pin(f(ws)), self.driver.get()?.clone_of()))
    }
}

fn deliver(py: Python<'_>, item: Result<Received, ErrorInfo>) -> PyResult<ReceivedTuple> {
    match item {
        Ok(r) => Ok(received_to_py(py, r)),
        Err(e) => Err(e.to_py()),
    }
}

#[pymethods]
impl WebSocket {
    /// The next message (`fragment`: the next frame) if one is there: `(payload, flags,
    /// close)` where `close` is the server's `(code, reason)` on a close frame. None when
    /// nothing has arrived; raises the WebSocket's failure (repeated on every later call).
    #[pyo3(signature = (fragment = false))]
    fn try_recv(&self, py: Python<'_>, fragment: bool) -> PyResult<Option<ReceivedTuple>> {
        match self.try_take(fragment)? {
            Some(item) => deliver(py, item).map(Some),
            None => Ok(None),
        }
    }

    /// `_wake.wait`'s register function for a receive: False when something is there (take
    /// it with `try_recv`), True when the loop's token will be signalled on arrival.
    #[pyo3(signature = (waker, token, fragment = false))]
    fn recv_wait(&self, waker: &Waker, token: u64, fragment: bool) -> PyResult<bool> {
        self.driver.get()?.check_thread()?;
        {
            let stash = self.stash();
            if stash.is_some() {
                return Ok(false);
            }
        }
        let std_waker = fd_waker(waker, token);
        let mut cx = Context::from_waker(&std_waker);
        match self.poll_once(&mut cx, fragment)? {
            Some(found) => {
                *self.stash() = Some(found);
                Ok(false)
            }
            None => Ok(true),
        }
    }

    /// Blocks (without the GIL) for the next message or frame; `timeout` in seconds gives
    /// a `timeout_read` error (nothing is lost: the next call gets what arrives).
    #[pyo3(signature = (timeout = None, fragment = false))]
    fn recv(
        &self,
        py: Python<'_>,
        timeout: Option<f64>,
        fragment: bool,
    ) -> PyResult<ReceivedTuple> {
        if let Some(item) = self.try_take(fragment)? {
            return deliver(py, item);
        }
        let ws = self.ws.get()?.clone();
        let limit = timeout.and_then(|t| Duration::try_from_secs_f64(t.max(0.0)).ok());
        let outcome = self.driver.get()?.block(py, async move {
            let wait = std::future::poll_fn(|cx| poll_item(&ws, cx, fragment));
            match limit {
                Some(limit) => tokio::time::timeout(limit, wait).await.unwrap_or_else(|_| {
                    Err(ErrorInfo::new(
                        format!("no WebSocket message within {limit:?}"),
                        "timeout_read",
                        28,
                    ))
                }),
                None => wait.await,
            }
        })?;
        deliver(py, outcome)
    }

    /// Queues a data message, or one frame of a message sent in pieces: `kind` is
    /// "text"/"binary" to start one (None continues it), `last` ends it. Returns None when
    /// queued at once, else a `WsTask` that finishes when there was room. On a sync
    /// session's WebSocket (nothing drives it between calls) the task is always returned,
    /// and finishes when the message is written.
    #[pyo3(signature = (data, text, whole = true, start = true, last = true))]
    fn send(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        text: bool,
        whole: bool,
        start: bool,
        last: bool,
    ) -> PyResult<Option<WsTask>> {
        let data = bytes_of(data)?;
        let kind = if text {
            DataKind::Text
        } else {
            DataKind::Binary
        };
        let local = self.local()?;
        let task = self.job(move |ws| async move {
            let sent = if whole {
                ws.send(if text {
                    Message::Text(data)
                } else {
                    Message::Binary(data)
                })
                .await
            } else {
                ws.send_fragment(start.then_some(kind), data, last).await
            };
            let sent = match sent {
                Ok(()) if local => ws.flush().await,
                other => other,
            };
            sent.map(|()| Output::Unit).map_err(ErrorInfo::from)
        })?;
        if local {
            return Ok(Some(task));
        }
        // Room in the queue: done now, no waiting object.
        if task.poll_with(py, std::task::Waker::noop())? {
            task.result(py)?;
            return Ok(None);
        }
        Ok(Some(task))
    }

    /// Sends a ping (`pong`: an unsolicited pong), ahead of queued messages.
    /// On a sync session's WebSocket it is written before this returns.
    #[pyo3(signature = (data, pong = false))]
    fn ping(&self, py: Python<'_>, data: &Bound<'_, PyAny>, pong: bool) -> PyResult<()> {
        let data = bytes_of(data)?;
        let ws = self.ws.get()?;
        let driver = self.driver.get()?;
        // A loop-driven WebSocket writes it in this turn.
        let sent = driver.run(py, || if pong { ws.pong(data) } else { ws.ping(data) })?;
        sent.map_err(|e| ErrorInfo::from(e).to_py())?;
        if self.local()? {
            let ws = ws.clone();
            let driver = self.driver.get()?;
            driver
                .block(py, async move { ws.flush().await.map_err(ErrorInfo::from) })?
                .map_err(|e| e.to_py())?;
        }
        Ok(())
    }

    /// A `WsTask` that finishes when every queued message is written.
    fn flush(&self) -> PyResult<WsTask> {
        self.job(|ws| async move {
            ws.flush()
                .await
                .map(|()| Output::Unit)
                .map_err(ErrorInfo::from)
        })
    }

    /// A `WsTask` for the close handshake: finishes with the server's `(code, reason)`.
    fn close(&self, code: u16, reason: String) -> PyResult<WsTask> {
        self.job(move |ws| async move {
            ws.close(code, &reason)
                .await
                .map(|frame| Output::Closed(frame.map(|f| (f.code, f.reason))))
                .map_err(ErrorInfo::from)
        })
    }

    /// Ends the connection now, without a close handshake.
    fn terminate(&self, py: Python<'_>) -> PyResult<()> {
        let ws = self.ws.get()?;
        if let Ok(driver @ Driver::Loop(..)) = self.driver.get() {
            if driver.check_thread().is_ok() {
                // The reader and writer see it in this turn and drop the socket.
                return driver.run(py, || ws.terminate());
            }
            // Elsewhere (a collection on another thread): the wake reaches the loop's runtime
            // through its descriptor.
        }
        ws.terminate();
        if self.local()? {
            // Let the reader and writer see it and drop the socket now, not on the thread's
            // next call. Best effort: at interpreter exit the runtime is gone, and terminating
            // must not raise.
            if let Ok(driver) = self.driver.get() {
                let _ = driver.block(py, async {
                    tokio::task::yield_now().await;
                    Ok(())
                });
            }
        }
        Ok(())
    }

    /// Whether its loop drives it (see `ws::Driver::Loop`): that loop must watch its
    /// runtime (`_wake.loop_driver()`) while waiting on it.
    #[getter]
    fn looped(&self) -> PyResult<bool> {
        Ok(matches!(self.driver.get()?, Driver::Loop(..)))
    }

    /// Whether it has ended (closed or failed); what was queued may still be received.
    fn is_closed(&self) -> PyResult<bool> {
        Ok(self.ws.get()?.is_closed())
    }

    /// The subprotocol the server chose.
    fn protocol(&self) -> PyResult<Option<String>> {
        Ok(self.ws.get()?.protocol().map(str::to_string))
    }

    /// Whether permessage-deflate is on.
    fn compressed(&self) -> PyResult<bool> {
        Ok(self.ws.get()?.compression().is_some())
    }

    /// The URL.
    fn url(&self) -> PyResult<String> {
        Ok(self.ws.get()?.url().to_string())
    }

    /// The server's 101 answer's header fields, in order.
    fn response_headers(&self) -> PyResult<Vec<(String, Vec<u8>)>> {
        Ok(self
            .ws
            .get()?
            .response_headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec()))
            .collect())
    }

    /// The upgrade request's header fields, in the order and case sent.
    fn request_headers(&self) -> PyResult<Vec<(String, Vec<u8>)>> {
        Ok(self
            .ws
            .get()?
            .request_headers()
            .iter()
            .map(|(n, v)| (n.clone(), v.to_vec()))
            .collect())
    }
}

fn bytes_of(data: &Bound<'_, PyAny>) -> PyResult<Bytes> {
    // The Python layer turns str, bytearray and memoryview into bytes (no buffer protocol
    // under the stable ABI for Python 3.10).
    let b = data.cast::<PyBytes>()?;
    if b.as_bytes().len() < LEND_FROM {
        return Ok(Bytes::copy_from_slice(b.as_bytes()));
    }
    Ok(Bytes::from_owner(Lent::new(b)))
}

/// From this size on a payload is lent to the engine rather than copied: a copy of a large
/// message costs a pass over it and a fresh allocation's page faults; lending costs a
/// reference released later, off the GIL (pyo3 defers that decrement to the next holder).
const LEND_FROM: usize = 64 * 1024;

/// A Python `bytes` read by the engine in place: `bytes` objects are immutable and their
/// buffer never moves while they live, and this holds a reference.
struct Lent {
    _object: Py<PyBytes>,
    data: *const u8,
    len: usize,
}

impl Lent {
    fn new(b: &Bound<'_, PyBytes>) -> Lent {
        let data = b.as_bytes();
        Lent {
            data: data.as_ptr(),
            len: data.len(),
            _object: b.clone().unbind(),
        }
    }
}

// SAFETY: the buffer is immutable and owned by the referenced object, which any thread may
// hold; nothing here touches the object itself except pyo3's deferred decrement on drop.
#[allow(unsafe_code)]
unsafe impl Send for Lent {}

impl AsRef<[u8]> for Lent {
    #[allow(unsafe_code)]
    fn as_ref(&self) -> &[u8] {
        // SAFETY: `data`/`len` are the buffer of `_object`, alive and unchanged while `self`
        // holds it (see the type's note).
        unsafe { std::slice::from_raw_parts(self.data, self.len) }
    }
}

/// WebSocket settings from Python's dict: protocols, origin, compression, max_message_size,
/// max_frame_size, validate_utf8, ping_interval, idle_timeout, close_timeout, send_queue,
/// recv_queue.
pub(crate) fn configure(
    mut builder: mummer::ws::WebSocketBuilder,
    config: Option<&Bound<'_, PyDict>>,
) -> PyResult<mummer::ws::WebSocketBuilder> {
    let Some(config) = config else {
        return Ok(builder);
    };
    let secs = |v: f64| {
        Duration::try_from_secs_f64(v)
            .map_err(|_| errors::option(format!("bad duration {v} (seconds)")))
    };
    for (key, value) in config.iter() {
        let key: String = key.extract()?;
        if value.is_none() {
            continue;
        }
        builder = match key.as_str() {
            "protocols" => builder.protocols(value.extract::<Vec<String>>()?),
            "origin" => builder.origin(value.extract::<Option<String>>()?.as_deref()),
            "no_origin" => builder.origin(None),
            "compression" => builder.compression(value.extract()?),
            "max_message_size" => builder.max_message_size(value.extract()?),
            "max_frame_size" => builder.max_frame_size(value.extract()?),
            "validate_utf8" => builder.validate_utf8(value.extract()?),
            "ping_interval" => builder.ping_interval(secs(value.extract()?)?),
            "idle_timeout" => builder.idle_timeout(secs(value.extract()?)?),
            "close_timeout" => builder.close_timeout(secs(value.extract()?)?),
            "send_queue" => builder.send_queue(value.extract()?),
            "recv_queue" => builder.recv_queue(value.extract()?),
            other => {
                return Err(errors::option(format!(
                    "unknown WebSocket option {other:?}"
                )));
            }
        };
    }
    Ok(builder)
}

/// The open of a WebSocket, as a `WsTask` (its result is the `WebSocket`); `local`: the
/// runtime of the thread whose engine client `builder` comes from (see [`Driver::Local`]).
pub(crate) fn connecting(
    builder: mummer::ws::WebSocketBuilder,
    local: Option<(Arc<tokio::runtime::Runtime>, bool)>,
) -> WsTask {
    // A sync session's WebSocket has no tasks: its blocking calls run the connection, so a
    // message read reaches the waiting `recv` in the same poll (see `Driver::Local`).
    let builder = builder.driven_by_calls(matches!(local, Some((_, false))));
    WsTask::new(
        Box::pin(async move {
            builder
                .connect()
                .await
                .map(Output::Socket)
                .map_err(ErrorInfo::from)
        }),
        match local {
            None => Driver::Shared,
            Some((rt, false)) => Driver::Local(Held::new(rt)),
            Some((rt, true)) => Driver::Loop(Held::new(rt), std::thread::current().id()),
        },
    )
}
