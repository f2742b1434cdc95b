//! `Pending`: a request in flight on the runtime. Sync callers wait on a condition variable
//! without the GIL; async callers register the loop's `Waker` and take the result when their
//! token comes back. Either way there is no thread and no asyncio future per request on the
//! engine's side, and nothing on the runtime touches a Python object.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use pyo3::prelude::*;

use crate::errors::ErrorInfo;
use crate::response::{BodyData, Head, Response};
use crate::runtime::ForkSafe;
use crate::waker::{Waiter, Waker};

pub(crate) type Outcome = Result<(Head, BodyData), ErrorInfo>;

pub(crate) struct Slot {
    state: Mutex<State>,
    done: Condvar,
}

struct State {
    result: Option<Outcome>,
    taken: bool,
    waiter: Option<Waiter>,
    task: Option<tokio::task::AbortHandle>,
    /// Whether a sync caller waits on `done`: only then is it notified (std's condition
    /// variable makes a futex call on every notify, waiter or not: one per async request).
    sync_waiting: bool,
}

impl Slot {
    pub(crate) fn new() -> Arc<Slot> {
        Arc::new(Slot {
            state: Mutex::new(State {
                result: None,
                taken: false,
                waiter: None,
                task: None,
                sync_waiting: false,
            }),
            done: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn set_task(&self, task: tokio::task::AbortHandle) {
        self.lock().task = Some(task);
    }

    /// The first outcome wins (a cancellation may race the task's own end).
    pub(crate) fn complete(&self, outcome: Outcome) {
        let mut state = self.lock();
        if state.result.is_some() || state.taken {
            return;
        }
        state.result = Some(outcome);
        if let Some(w) = state.waiter.take() {
            w.wake();
        }
        if state.sync_waiting {
            self.done.notify_all();
        }
    }
}

/// Completes the slot with an error if the task goes away without an outcome: the runtime
/// shut down, or the task panicked.
pub(crate) struct SlotGuard(pub(crate) Arc<Slot>);

impl Drop for SlotGuard {
    fn drop(&mut self) {
        let (message, kind) = if std::thread::panicking() {
            (
                "mummer panicked while handling the request (a bug: please report it)",
                "panic",
            )
        } else {
            (
                "the request was cut off: mummer's runtime shut down",
                "runtime",
            )
        };
        self.0.complete(Err(ErrorInfo::new(message, kind, 1)));
    }
}

fn take(state: &mut State) -> PyResult<Outcome> {
    if state.taken {
        return Err(crate::errors::runtime("the result was already taken"));
    }
    match state.result.take() {
        Some(r) => {
            state.taken = true;
            Ok(r)
        }
        None => Err(crate::errors::runtime("the request is still in flight")),
    }
}

fn into_py(py: Python<'_>, outcome: Outcome) -> PyResult<Response> {
    match outcome {
        Ok((head, body)) => Response::new(py, head, body),
        Err(e) => Err(e.to_py()),
    }
}

/// A request in flight.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Pending {
    pub(crate) slot: ForkSafe<Arc<Slot>>,
}

#[pymethods]
impl Pending {
    fn wait(&self, py: Python<'_>) -> PyResult<Response> {
        let slot = self.slot.get()?.clone();
        let outcome = py.detach(move || {
            let mut state = slot.lock();
            while state.result.is_none() && !state.taken {
                state.sync_waiting = true;
                state = slot.done.wait(state).unwrap_or_else(|p| p.into_inner());
            }
            take(&mut state)
        })?;
        into_py(py, outcome)
    }

    fn set_waker(&self, waker: &Waker, token: u64) -> PyResult<bool> {
        let slot = self.slot.get()?;
        let mut state = slot.lock();
        if state.result.is_some() {
            return Ok(false);
        }
        state.waiter = Some(waker.waiter(token));
        Ok(true)
    }

    fn result(&self, py: Python<'_>) -> PyResult<Response> {
        let outcome = take(&mut self.slot.get()?.lock())?;
        into_py(py, outcome)
    }

    fn done(&self) -> PyResult<bool> {
        Ok(self.slot.get()?.lock().result.is_some())
    }

    fn cancel(&self) -> PyResult<()> {
        let slot = self.slot.get()?;
        // The outcome first: the aborted task's guard must not get to say "runtime shut down".
        slot.complete(Err(ErrorInfo::new(
            "the request was cancelled",
            "aborted",
            42,
        )));
        let task = slot.lock().task.take();
        if let Some(task) = task {
            task.abort();
        }
        Ok(())
    }
}
