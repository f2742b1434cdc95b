//! Plumbing shared by every server: binding, the accept loop, connection counting, and the
//! optional private runtime behind `spawn_on_thread`.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

/// The running parts of a server; dropping it stops the accept loop.
pub(crate) struct Core {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    accept: JoinHandle<()>,
    // Declared last so the accept task is aborted before its runtime goes away.
    runtime: Option<BackgroundRuntime>,
}

impl Core {
    /// Binds 127.0.0.1:0 and spawns an accept loop calling `handle(stream, index)` on its own task
    /// for each connection, where `index` counts accepted connections from 0.
    pub(crate) async fn start<H, F>(handle: H) -> Core
    where
        H: Fn(TcpStream, usize) -> F + Send + 'static,
        F: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("mummer-testkit: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("mummer-testkit: local_addr");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        let accept = tokio::spawn(async move {
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Transient errors (e.g. EMFILE under a benchmark) must not kill the server.
                    Err(_) => {
                        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                        continue;
                    }
                };
                // Small writes (response heads, drip chunks) must leave immediately; Nagle plus
                // delayed ACKs would add 40 ms stalls to sequential keep-alive requests.
                let _ = stream.set_nodelay(true);
                let index = counter.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(handle(stream, index));
            }
        });
        Core {
            addr,
            connections,
            accept,
            runtime: None,
        }
    }

    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// A multi-thread runtime owned by a server handle.
pub(crate) struct BackgroundRuntime(pub(crate) Option<Runtime>);

impl Drop for BackgroundRuntime {
    fn drop(&mut self) {
        // A plain drop of a Runtime panics inside async code; shutdown_background never does.
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

/// Types whose handle owns a [`Core`], so `spawn_on_thread` can attach the runtime to it.
pub(crate) trait HasCore {
    fn core_mut(&mut self) -> &mut Core;
}

/// Runs `start` on a fresh multi-thread runtime and ties that runtime's lifetime to the returned
/// server handle.
///
/// The runtime is built and entered on a new OS thread so this works from sync code and from
/// inside another runtime alike (`block_on` would panic on a thread already running one).
pub(crate) fn spawn_on_thread<S, F, Fut>(start: F) -> S
where
    S: HasCore + Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = S>,
{
    let (mut server, rt) = std::thread::Builder::new()
        .name("mummer-testkit-start".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("mummer-testkit")
                .enable_all()
                .build()
                .expect("mummer-testkit: build runtime");
            let server = rt.block_on(start());
            (server, rt)
        })
        .expect("mummer-testkit: spawn thread")
        .join()
        .expect("mummer-testkit: server start panicked");
    server.core_mut().runtime = Some(BackgroundRuntime(Some(rt)));
    server
}
