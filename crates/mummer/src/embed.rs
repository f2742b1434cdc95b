//! Running mummer on a current-thread runtime that another event loop turns (Python's asyncio,
//! say): the loop watches the runtime's descriptor and calls a short `block_on` whenever it is
//! readable, so the socket's events wake the loop's own thread and no other.
//!
//! Such a turn has to end once the runtime is idle, and tokio cannot say when that is: its
//! `block_on` polls the driver one last time before it returns, and a task that poll wakes
//! (data arrived on a WebSocket, say) is queued but not run, with the descriptor's event
//! consumed, so nothing would turn the runtime again for it. [`Wakes`] is how the embedder
//! learns of that: while one is installed on a thread ([`Wakes::scope`]), the tasks mummer
//! spawns there raise it whenever they are woken, and a turn goes on until an idle moment
//! passes with the flag down.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// A flag raised whenever a task spawned under [`Wakes::scope`] is woken.
#[derive(Clone, Debug, Default)]
pub struct Wakes(Arc<AtomicBool>);

thread_local! {
    static INSTALLED: RefCell<Option<Wakes>> = const { RefCell::new(None) };
}

impl Wakes {
    /// A lowered flag.
    pub fn new() -> Wakes {
        Wakes::default()
    }

    /// Runs `f` with this flag installed on the calling thread: the tasks mummer spawns in
    /// `f` raise it for the rest of their lives, whenever they are woken.
    pub fn scope<R>(&self, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<Wakes>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                INSTALLED.with(|slot| *slot.borrow_mut() = previous);
            }
        }
        let previous = INSTALLED.with(|slot| slot.borrow_mut().replace(self.clone()));
        let _restore = Restore(previous);
        f()
    }

    /// Whether a task was woken since the last call; lowers the flag.
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::AcqRel)
    }
}

/// Spawns `future` on the current runtime, raising the installed [`Wakes`] (if any) on every
/// wake of it.
pub(crate) fn spawn<F>(future: F) -> tokio::task::JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    match INSTALLED.with(|slot| slot.borrow().clone()) {
        None => tokio::spawn(future),
        Some(wakes) => tokio::spawn(Flagged {
            future: Box::pin(future),
            wakes,
            waker: None,
        }),
    }
}

/// A future whose wakes also raise a flag.
struct Flagged<F> {
    future: Pin<Box<F>>,
    wakes: Wakes,
    /// The waker handed to `future` last, and the task's waker it wraps: the same task waker
    /// (the usual case) reuses it instead of allocating one per poll.
    waker: Option<(Waker, Waker)>,
}

struct FlagWaker {
    flag: Arc<AtomicBool>,
    task: Waker,
}

impl Wake for FlagWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.flag.store(true, Ordering::Release);
        self.task.wake_by_ref();
    }
}

impl<F: Future> Future for Flagged<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Flagged` is `Unpin` (the future is boxed).
        let this = self.get_mut();
        let reuse = matches!(&this.waker, Some((task, _)) if task.will_wake(cx.waker()));
        if !reuse {
            let flagged = Waker::from(Arc::new(FlagWaker {
                flag: this.wakes.0.clone(),
                task: cx.waker().clone(),
            }));
            this.waker = Some((cx.waker().clone(), flagged));
        }
        let Some((_, flagged)) = &this.waker else {
            unreachable!("set just above")
        };
        this.future.as_mut().poll(&mut Context::from_waker(flagged))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_task_spawned_in_scope_raises_the_flag_when_woken() {
        let wakes = Wakes::new();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = wakes.scope(|| spawn(async move { rx.await.is_ok() }));
        tokio::task::yield_now().await; // let it reach the await
        assert!(!wakes.take(), "nothing woke it yet");
        tx.send(()).expect("the task waits");
        assert!(wakes.take(), "the send woke it");
        assert!(task.await.expect("the task ends"));
    }

    #[tokio::test]
    async fn a_task_spawned_outside_any_scope_is_not_flagged() {
        let wakes = Wakes::new();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = spawn(async move { rx.await.is_ok() });
        tokio::task::yield_now().await;
        tx.send(()).expect("the task waits");
        assert!(task.await.expect("the task ends"));
        assert!(!wakes.take());
    }
}
