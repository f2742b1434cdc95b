//! The package's own tokio runtime: made on first use, shut down within a bounded time at
//! interpreter exit, and replaced in a child after `fork()`.
//!
//! After `fork()` only the forking thread exists in the child, and the parent's reactor
//! (its epoll instance) is shared with the child: dropping anything registered with it from
//! the child would deregister the parent's sockets. So in a child nothing of the parent's is
//! dropped: the old runtime, and every client, response and stream made before the fork, are
//! leaked there ([`ForkSafe`]), and a fresh runtime is made on next use.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::PyResult;

use crate::errors;

struct Current {
    runtime: Arc<tokio::runtime::Runtime>,
    pid: u32,
    stopping: Arc<Stopping>,
}

/// How blocking calls (`Client.send`, which run on the caller's thread) learn that the runtime
/// is about to stop: they finish with an error first, instead of polling timers of a runtime
/// that is shutting down (which tokio answers with a panic).
#[derive(Default)]
pub(crate) struct Stopping {
    flag: AtomicBool,
    notify: tokio::sync::Notify,
    inflight: AtomicUsize,
}

impl Stopping {
    async fn stopped(&self) {
        loop {
            let notified = self.notify.notified();
            if self.flag.load(Ordering::Acquire) {
                return;
            }
            notified.await;
        }
    }
}

/// A blocking call in progress on the runtime (see [`Stopping`]).
pub(crate) struct Blocking {
    handle: tokio::runtime::Handle,
    stopping: Arc<Stopping>,
}

impl Blocking {
    /// Runs `work` on this thread, or gives up with `stopped` when the runtime stops.
    pub(crate) fn block_on<T>(
        &self,
        work: impl std::future::Future<Output = T>,
        stopped: impl FnOnce() -> T,
    ) -> T {
        let stopping = self.stopping.clone();
        let outcome = self.handle.block_on(async move {
            tokio::select! {
                biased;
                _ = stopping.stopped() => None,
                r = work => Some(r),
            }
        });
        outcome.unwrap_or_else(stopped)
    }

    /// As [`Blocking::block_on`], on `runtime`, a current-thread runtime (see [`local`]):
    /// only its own `Runtime::block_on` drives its sockets and timers, its handle's cannot.
    pub(crate) fn block_on_local<T>(
        &self,
        runtime: &tokio::runtime::Runtime,
        work: impl std::future::Future<Output = T>,
        stopped: impl FnOnce() -> T,
    ) -> T {
        let stopping = self.stopping.clone();
        let outcome = runtime.block_on(async move {
            tokio::select! {
                biased;
                _ = stopping.stopped() => None,
                r = work => Some(r),
            }
        });
        outcome.unwrap_or_else(stopped)
    }
}

impl Drop for Blocking {
    fn drop(&mut self) {
        self.stopping.inflight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Enters a blocking call (see [`Stopping`]).
pub(crate) fn blocking() -> PyResult<Blocking> {
    let handle = handle()?;
    let state = lock();
    let State::Running(current) = &*state else {
        return Err(errors::runtime(
            "mummer's runtime was shut down (the interpreter is exiting)",
        ));
    };
    current.stopping.inflight.fetch_add(1, Ordering::AcqRel);
    Ok(Blocking {
        handle,
        stopping: current.stopping.clone(),
    })
}

enum State {
    Unstarted,
    Running(Current),
    /// `shutdown()` ran (the interpreter is exiting): no new work.
    Stopped,
}

static STATE: Mutex<State> = Mutex::new(State::Unstarted);

fn lock() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

/// The runtime to spawn on (made now if needed; a fresh one in a forked child).
pub(crate) fn handle() -> PyResult<tokio::runtime::Handle> {
    let mut state = lock();
    let pid = pid();
    if let State::Running(current) = &*state {
        if current.pid == pid {
            return Ok(current.runtime.handle().clone());
        }
    }
    if matches!(&*state, State::Stopped) {
        return Err(errors::runtime(
            "mummer's runtime was shut down (the interpreter is exiting)",
        ));
    }
    if let State::Running(old) = std::mem::replace(&mut *state, State::Unstarted) {
        // A child of a fork: the parent's runtime has no threads here, and dropping it would
        // touch the shared reactor.
        std::mem::forget(old);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("mummer-io")
        .on_thread_start(batch_policy)
        .enable_all()
        .build()
        .map_err(|e| errors::runtime(format!("cannot start mummer's runtime: {e}")))?;
    let runtime = Arc::new(runtime);
    let handle = runtime.handle().clone();
    *state = State::Running(Current {
        runtime,
        pid,
        stopping: Arc::new(Stopping::default()),
    });
    Ok(handle)
}

/// This thread's own runtime for blocking sends of whole bodies (see [`local`]), or the one
/// its event loop drives (see [`looped`]).
struct Local {
    runtime: Option<Arc<tokio::runtime::Runtime>>,
    pid: u32,
    /// Its epoll descriptor (a loop's runtime only).
    epoll: Option<i32>,
}

impl Drop for Local {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            if self.pid != pid() {
                std::mem::forget(runtime);
            } else if let Some(runtime) = Arc::into_inner(runtime) {
                // The thread is ending: nothing of its runtime must hold it up (a DNS lookup on
                // the blocking pool would).
                runtime.shutdown_background();
            }
        }
    }
}

thread_local! {
    static LOCAL: std::cell::RefCell<Option<Local>> = const { std::cell::RefCell::new(None) };
    static LOOP: std::cell::RefCell<Option<Local>> = const { std::cell::RefCell::new(None) };
}

/// This thread's current-thread runtime, made on first use (a fresh one in a forked child).
///
/// A blocking send of a whole body runs on it, so that the thread waiting for the server is
/// the one the kernel wakes: with the shared runtime a reactor thread wakes from epoll and
/// then wakes the caller, and on loopback those two wake-ups cost more than the rest of a
/// small request (decision 0006). Its connections (the engine client per thread that goes
/// with it, `Client::local`) are driven only while a call on this thread's runtime runs, as
/// libcurl's are: a send, or a blocking read of a stream it started (from any thread).
pub(crate) fn local() -> PyResult<Arc<tokio::runtime::Runtime>> {
    Ok(thread_runtime(&LOCAL, false)?.0)
}

/// This thread's runtime for its event loop to drive (see [`turns`]), made on first use,
/// and its epoll descriptor, which is readable whenever the runtime has something to do.
/// None when the descriptor could not be found. It is not [`local`]'s: a sync call blocked
/// on that one from another thread would hold up the loop's turns.
pub(crate) fn looped() -> PyResult<Option<(Arc<tokio::runtime::Runtime>, i32)>> {
    let (runtime, epoll) = thread_runtime(&LOOP, true)?;
    Ok(epoll.map(|fd| (runtime, fd)))
}

type Slot = std::thread::LocalKey<std::cell::RefCell<Option<Local>>>;

fn thread_runtime(
    key: &'static Slot,
    looped: bool,
) -> PyResult<(Arc<tokio::runtime::Runtime>, Option<i32>)> {
    if matches!(&*lock(), State::Stopped) {
        return Err(errors::runtime(
            "mummer's runtime was shut down (the interpreter is exiting)",
        ));
    }
    key.with(|cell| {
        let mut slot = cell.borrow_mut();
        let pid = pid();
        if let Some(Local {
            runtime: Some(runtime),
            pid: made_in,
            epoll,
        }) = &*slot
        {
            if *made_in == pid {
                return Ok((runtime.clone(), *epoll));
            }
        }
        let mut builder = tokio::runtime::Builder::new_current_thread();
        builder.enable_all();
        let before = if looped {
            builder.on_thread_park(turns::before_park);
            turns::epoll_fds()
        } else {
            Vec::new()
        };
        let runtime = builder
            .build()
            .map_err(|e| errors::runtime(format!("cannot start mummer's runtime: {e}")))?;
        let epoll = looped.then(|| turns::new_epoll_fd(before)).flatten();
        let runtime = Arc::new(runtime);
        // A forked child's copy of the parent's is dropped by `Local`'s rule: leaked.
        *slot = Some(Local {
            runtime: Some(runtime.clone()),
            pid,
            epoll,
        });
        Ok((runtime, epoll))
    })
}

/// A thread's runtime held by something that may outlive the thread (a WebSocket, a loop's
/// driver): the last holder to drop it shuts it down in the background, as [`Local`] does,
/// so that nothing of it (a DNS lookup on its blocking pool) holds the dropping thread up.
pub(crate) struct Held(Option<Arc<tokio::runtime::Runtime>>);

impl Held {
    pub(crate) fn new(runtime: Arc<tokio::runtime::Runtime>) -> Held {
        Held(Some(runtime))
    }

    pub(crate) fn get(&self) -> &Arc<tokio::runtime::Runtime> {
        // Only `drop` takes it.
        self.0
            .as_ref()
            .expect("a held runtime is there until dropped")
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // `into_inner`: of two last holders dropping at once exactly one gets the runtime
        // (with `try_unwrap` both could fail, and the final drop then waits for it).
        if let Some(Some(rt)) = self.0.take().map(Arc::into_inner) {
            rt.shutdown_background();
        }
    }
}

/// Driving a thread's current-thread runtime from an event loop on that thread, in short
/// turns (see `mummer::embed`): a turn runs until the runtime is idle and its last look at
/// the driver woke nothing.
pub(crate) mod turns {
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};

    use mummer::embed::Wakes;

    struct Turn {
        /// A turn is running on this thread (the park hook acts only then).
        running: Cell<bool>,
        /// The runtime ran out of work since the turn's future was last polled.
        idle: Cell<bool>,
        /// The turn's future, to wake when the runtime is idle.
        main: RefCell<Option<Waker>>,
        /// Raised by every wake of a task spawned during a turn or a poll under [`scope`].
        wakes: Wakes,
    }

    thread_local! {
        static TURN: Turn = Turn {
            running: Cell::new(false),
            idle: Cell::new(false),
            main: RefCell::new(None),
            wakes: Wakes::new(),
        };
    }

    /// The runtime's `on_thread_park` hook: it has no task left to run. tokio then polls the
    /// driver once more (without blocking, as the turn's future is woken) before it polls the
    /// turn's future; whatever that poll wakes raises the flag lowered here.
    pub(super) fn before_park() {
        // `try_with`: a runtime dropped during the thread's teardown may park once more.
        let _ = TURN.try_with(|t| {
            if t.running.get() {
                t.wakes.take();
                t.idle.set(true);
                if let Some(main) = t.main.borrow_mut().take() {
                    main.wake();
                }
            }
        });
    }

    /// The future a turn blocks on: ready (true) once an idle moment woke nothing, or
    /// (false) after [`MAX_ROUNDS`] rounds of work.
    struct UntilIdle {
        rounds: u32,
    }

    /// How many times a turn lets the runtime run out of work and finds more (a server
    /// flooding pings could otherwise keep one turn, and so the loop, busy for good): the
    /// loop then runs its other callbacks before the next turn.
    const MAX_ROUNDS: u32 = 256;

    impl Future for UntilIdle {
        type Output = bool;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
            TURN.with(|t| {
                if t.idle.replace(false) {
                    if !t.wakes.take() {
                        return Poll::Ready(true);
                    }
                    self.rounds += 1;
                    if self.rounds >= MAX_ROUNDS {
                        return Poll::Ready(false);
                    }
                }
                *t.main.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            })
        }
    }

    /// Runs `first` in `runtime`'s context (what it wakes or spawns goes on this thread's
    /// queue), then the runtime until it is idle. `runtime` must be this thread's loop runtime
    /// (see [`super::looped`]), not running here already.
    pub(crate) fn turn<R>(runtime: &tokio::runtime::Runtime, first: impl FnOnce() -> R) -> R {
        struct Done;
        impl Drop for Done {
            fn drop(&mut self) {
                TURN.with(|t| {
                    t.running.set(false);
                    t.idle.set(false);
                    t.main.borrow_mut().take();
                });
            }
        }
        let wakes = TURN.with(|t| {
            t.running.set(true);
            t.idle.set(false);
            t.wakes.clone()
        });
        let _done = Done;
        let (out, idle) = wakes.scope(|| {
            let (out, mut idle) = runtime.block_on(async {
                let out = first();
                (out, UntilIdle { rounds: 0 }.await)
            });
            // A task another thread woke between the runtime's last look at its queues and
            // its last driver poll is queued, its wake-up event consumed by that poll; it
            // raised no flag this thread saw in time, so look for it here.
            for _ in 0..4 {
                if !idle || runtime.metrics().global_queue_depth() == 0 {
                    break;
                }
                idle = runtime.block_on(UntilIdle { rounds: 0 });
            }
            (out, idle && runtime.metrics().global_queue_depth() == 0)
        });
        if !idle {
            // Work is left: a task spawned from outside the runtime goes through its remote
            // queue, which makes the descriptor readable, so the loop turns again after its
            // other callbacks.
            drop(runtime.spawn(async {}));
        }
        out
    }

    /// The process's epoll descriptors (Linux; empty elsewhere).
    pub(super) fn epoll_fds() -> Vec<i32> {
        let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
            return Vec::new();
        };
        dir.filter_map(|e| {
            let e = e.ok()?;
            let fd: i32 = e.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(e.path()).ok()?;
            (target.as_os_str() == "anon_inode:[eventpoll]").then_some(fd)
        })
        .collect()
    }

    /// The epoll instance made since `before` was listed: the runtime's (tokio does not expose
    /// it). mio holds it twice (its registry is a duplicate), so the new descriptors must all
    /// watch the same descriptors (`/proc/self/fdinfo`'s `tfd` lines). None otherwise (another
    /// thread made one meanwhile): the runtime then stays unwatchable, and its users drive it
    /// as before.
    pub(super) fn new_epoll_fd(before: Vec<i32>) -> Option<i32> {
        let watched = |fd: i32| -> Option<Vec<String>> {
            let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
            Some(
                info.lines()
                    .filter(|l| l.starts_with("tfd:"))
                    .map(str::to_string)
                    .collect(),
            )
        };
        let new: Vec<i32> = epoll_fds()
            .into_iter()
            .filter(|fd| !before.contains(fd))
            .collect();
        let first = *new.iter().min()?;
        let target = watched(first)?;
        if target.is_empty() {
            return None;
        }
        new.iter()
            .all(|&fd| watched(fd).as_ref() == Some(&target))
            .then_some(first)
    }
}

/// Stops the runtime: pending tasks are dropped (each tells its waiter), threads are joined
/// for at most `timeout`.
pub(crate) fn shutdown(timeout: Duration) {
    let old = std::mem::replace(&mut *lock(), State::Stopped);
    if let State::Running(current) = old {
        if current.pid != pid() {
            std::mem::forget(current);
            return;
        }
        // Blocking calls on other threads finish first, with an error.
        current.stopping.flag.store(true, Ordering::Release);
        current.stopping.notify.notify_waiters();
        let started = std::time::Instant::now();
        while current.stopping.inflight.load(Ordering::Acquire) > 0
            && started.elapsed() < timeout / 2
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        match Arc::try_unwrap(current.runtime) {
            Ok(runtime) => runtime.shutdown_timeout(timeout),
            // A thread still holds a clone: it goes when that thread is done.
            Err(shared) => drop(shared),
        }
    }
}

/// In a child after `fork()`: the next use makes a fresh runtime.
pub(crate) fn after_fork() {
    forget_pid();
    let mut state = lock();
    if let State::Running(current) = std::mem::replace(&mut *state, State::Unstarted) {
        std::mem::forget(current);
    }
}

/// A value tied to the process (and so the runtime) that made it: dropped normally there,
/// leaked in a forked child, where dropping it could disturb the parent.
pub(crate) struct ForkSafe<T> {
    value: Option<T>,
    pid: u32,
}

impl<T> ForkSafe<T> {
    pub(crate) fn new(value: T) -> ForkSafe<T> {
        ForkSafe {
            value: Some(value),
            pid: pid(),
        }
    }

    /// The value, unless this is a forked child of the process that made it.
    pub(crate) fn get(&self) -> PyResult<&T> {
        match &self.value {
            Some(v) if self.pid == pid() => Ok(v),
            _ => Err(errors::runtime(
                "this object was made before os.fork(); make a new one in the child",
            )),
        }
    }
}

impl<T> Drop for ForkSafe<T> {
    fn drop(&mut self) {
        let value = self.value.take();
        if self.pid != pid() {
            std::mem::forget(value);
        }
    }
}

/// This process's id, learned once per process: `std::process::id()` is a system call (glibc
/// keeps no cache), and [`ForkSafe::get`] runs several for every request or message.
static PID: AtomicU32 = AtomicU32::new(0);

/// This process's id (see [`PID`]).
#[allow(unsafe_code)] // Only `pthread_atfork`, which has no safe wrapper.
pub(crate) fn pid() -> u32 {
    match PID.load(Ordering::Relaxed) {
        0 => {
            static HOOK: std::sync::Once = std::sync::Once::new();
            // Registered before the first store, so no child can inherit a parent's id.
            HOOK.call_once(|| {
                // SAFETY: the handler only stores to an atomic, which is async-signal-safe as a
                // child handler must be; it runs in the child of every fork(), including those
                // made outside Python (the `os.register_at_fork` hook covers only os.fork).
                unsafe {
                    libc::pthread_atfork(None, None, Some(forget_pid_in_child));
                }
            });
            let pid = std::process::id();
            PID.store(pid, Ordering::Relaxed);
            pid
        }
        pid => pid,
    }
}

extern "C" fn forget_pid_in_child() {
    forget_pid();
}

fn forget_pid() {
    PID.store(0, Ordering::Relaxed);
}

/// Marks a runtime thread `SCHED_BATCH` (Linux; `MUMMER_SCHED_BATCH=0` leaves the normal
/// policy). The runtime's threads are woken for every request and every body read, and with
/// the normal policy each such wake-up preempts the thread that caused it, usually the Python
/// thread that just handed over work: measured on 2 cores, 20-30% more CPU per request
/// (asyncio, 50 concurrent HTTP/2 GETs) and up to 2x less streaming throughput, from those
/// context switches. Batch threads take their turn instead; their priority is unchanged.
#[allow(unsafe_code)] // Only `sched_setscheduler`, which has no safe wrapper.
fn batch_policy() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MUMMER_SCHED_BATCH").is_none_or(|v| v != "0") {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: a plain system call on the calling thread (pid 0), with a valid parameter;
        // failing (a seccomp sandbox, say) only leaves the normal policy.
        unsafe {
            libc::sched_setscheduler(0, libc::SCHED_BATCH, &param);
        }
    }
}
