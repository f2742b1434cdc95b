//! Connection pool: idle HTTP/1.1 connections and one shared HTTP/2 connection per key.
//!
//! The key names everything that shapes a connection, so a connection made for one shape (a
//! TLS configuration, a browser profile, a protocol choice) never carries a request of another.
//! Responses hold only a weak reference: when the client is gone, a finished connection is
//! simply closed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::h1::H1Conn;
use crate::h2::H2Conn;

/// Which HTTP versions a connection may speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum VersionPref {
    /// ALPN decides (h2 preferred) over TLS; HTTP/1.1 on plain TCP.
    Auto,
    /// HTTP/1.1 only.
    Http1,
    /// HTTP/2 only (ALPN offers only h2; prior knowledge on plain TCP).
    Http2,
}

/// Everything that shapes a connection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PoolKey {
    pub(crate) https: bool,
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) version: VersionPref,
    /// The proxy the connection goes through, if any.
    pub(crate) proxy: Option<Arc<crate::transport::proxy::Proxy>>,
    /// Identifies the client's TLS options, profile and resolve overrides: connections are
    /// never shared across clients with different shapes, and a client has one shape.
    pub(crate) shape: u64,
}

/// Limits on what the pool keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PoolConfig {
    pub(crate) idle_timeout: Duration,
    pub(crate) max_idle_per_host: usize,
}

#[derive(Default)]
struct State {
    idle: HashMap<PoolKey, Vec<(H1Conn, Instant)>>,
    h2: HashMap<PoolKey, H2Conn>,
    /// Origins known to answer HTTP/1.1 over ALPN: new connections to them need not wait for a
    /// possible shared HTTP/2 connection.
    h1_only: HashMap<PoolKey, ()>,
    connecting: HashMap<PoolKey, Arc<tokio::sync::Mutex<()>>>,
    closed: bool,
}

pub(crate) struct Pool {
    state: Mutex<State>,
    config: PoolConfig,
}

impl Pool {
    pub(crate) fn new(config: PoolConfig) -> Arc<Pool> {
        Arc::new(Pool {
            state: Mutex::new(State::default()),
            config,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain maps behind, still consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A live shared HTTP/2 connection for `key`, if there is one.
    pub(crate) fn h2(&self, key: &PoolKey) -> Option<H2Conn> {
        let mut state = self.lock();
        match state.h2.get(key) {
            Some(conn) if conn.is_open() => Some(conn.clone()),
            Some(_) => {
                state.h2.remove(key);
                None
            }
            None => None,
        }
    }

    pub(crate) fn insert_h2(&self, key: PoolKey, conn: H2Conn) {
        let mut state = self.lock();
        if !state.closed {
            state.h2.insert(key, conn);
        }
    }

    /// Forgets an HTTP/2 connection that failed.
    pub(crate) fn remove_h2(&self, key: &PoolKey) {
        self.lock().h2.remove(key);
    }

    /// An idle HTTP/1.1 connection that still looks alive, newest first.
    pub(crate) fn take_h1(&self, key: &PoolKey) -> Option<H1Conn> {
        let mut state = self.lock();
        let list = state.idle.get_mut(key)?;
        while let Some((mut conn, since)) = list.pop() {
            if since.elapsed() < self.config.idle_timeout && conn.io.is_reusable() {
                return Some(conn);
            }
        }
        None
    }

    pub(crate) fn put_h1(&self, key: PoolKey, conn: H1Conn) {
        let mut state = self.lock();
        if state.closed {
            return;
        }
        let timeout = self.config.idle_timeout;
        let max = self.config.max_idle_per_host;
        let list = state.idle.entry(key).or_default();
        list.retain(|(_, since)| since.elapsed() < timeout);
        if list.len() >= max {
            // The oldest goes: it is the likeliest to have been closed by the server.
            list.remove(0);
        }
        if max > 0 {
            list.push((conn, Instant::now()));
        }
    }

    pub(crate) fn mark_h1_only(&self, key: &PoolKey) {
        self.lock().h1_only.insert(key.clone(), ());
    }

    pub(crate) fn is_h1_only(&self, key: &PoolKey) -> bool {
        self.lock().h1_only.contains_key(key)
    }

    /// The lock that makes concurrent first requests to an origin share one connection attempt
    /// (and so one HTTP/2 connection) instead of racing.
    pub(crate) fn connect_lock(&self, key: &PoolKey) -> Arc<tokio::sync::Mutex<()>> {
        self.lock()
            .connecting
            .entry(key.clone())
            .or_default()
            .clone()
    }

    /// Closes every idle connection and refuses new ones; connections in use finish their
    /// exchanges and are then closed.
    pub(crate) fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.idle.clear();
        state.h2.clear();
    }

    /// Idle HTTP/1.1 connections held, for tests and diagnostics.
    pub(crate) fn idle_count(&self) -> usize {
        self.lock().idle.values().map(Vec::len).sum()
    }
}

/// Where a finished HTTP/1.1 connection goes back to.
pub(crate) struct PoolReturn {
    pub(crate) pool: Weak<Pool>,
    pub(crate) key: PoolKey,
}

impl PoolReturn {
    pub(crate) fn put_h1(self, conn: H1Conn) {
        if let Some(pool) = self.pool.upgrade() {
            pool.put_h1(self.key, conn);
        }
    }
}
