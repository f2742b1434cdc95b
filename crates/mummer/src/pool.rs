//! Connection pool: idle exclusive connections (HTTP/1.1) and one shared multiplexed
//! connection (HTTP/2) per key, and the coalescing of concurrent first connects.
//!
//! The key names everything that shapes a connection, so a connection made for one shape (a
//! TLS configuration, a browser profile, a proxy, a protocol choice) never carries a request of
//! another. The pool deals in [`Conn`]s and asks them whether they multiplex; it knows no
//! protocol. Its bookkeeping is bounded: entries go when their connections do, and the
//! per-origin notes it keeps are capped, so a crawler's pool does not grow with the number of
//! hosts it has seen. Responses hold only a weak reference: when the client is gone, a
//! finished connection is simply closed.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::conn::Conn;
use crate::error::Result;
use crate::transport::tcp::LocalAddress;

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
    /// The browser profile's identity (TLS ClientHello and HTTP/2 preface).
    pub(crate) profile: Option<u64>,
    /// The TLS options' identity (verification, roots, client certificate).
    pub(crate) tls: u64,
    pub(crate) local_address: Option<LocalAddress>,
}

impl PoolKey {
    /// The HTTP proxy that plain-http requests for this key go to in absolute form, if any: the
    /// rest (https, HTTP/2 with prior knowledge, SOCKS) is tunnelled.
    pub(crate) fn forwarding_proxy(&self) -> Option<&crate::transport::proxy::Proxy> {
        self.proxy.as_deref().filter(|p| {
            p.forwards_plain_http() && !self.https && self.version != VersionPref::Http2
        })
    }

    /// Whether a connection for this key might turn out to be multiplexed, so concurrent first
    /// requests should wait for one connect instead of each making one.
    fn may_multiplex(&self) -> bool {
        match self.version {
            VersionPref::Http1 => false,
            VersionPref::Http2 => true,
            VersionPref::Auto => self.https,
        }
    }
}

/// Limits on what the pool keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PoolConfig {
    pub(crate) idle_timeout: Duration,
    pub(crate) max_idle_per_host: usize,
    /// Idle connections kept across all keys; the oldest goes first. Shared connections are
    /// kept up to the same number, the least recently used going first.
    pub(crate) max_idle_total: usize,
}

/// Origins remembered as answering HTTP/1.1 over ALPN, at most.
const MAX_H1_ONLY: usize = 1024;

#[derive(Default)]
struct State {
    idle: HashMap<PoolKey, Vec<(Conn, Instant)>>,
    idle_total: usize,
    /// Shared connections, each with when it was last handed out. At most `max_idle_total`:
    /// a crawler's HTTP/2 connections would otherwise stay open, one per host ever seen.
    shared: HashMap<PoolKey, (Conn, Instant)>,
    /// Origins known to answer HTTP/1.1 over ALPN: new connections to them need not wait for a
    /// possible shared connection. Bounded; forgetting one costs only a little waiting.
    h1_only: HashMap<PoolKey, Instant>,
    /// Connect attempts in progress that others may wait for; an entry lives only as long as
    /// someone holds its lock.
    connecting: HashMap<PoolKey, Weak<tokio::sync::Mutex<()>>>,
    closed: bool,
}

/// Bookkeeping sizes, for tests and diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Idle exclusive (HTTP/1.1) connections.
    pub idle: usize,
    /// Keys with an idle list.
    pub idle_keys: usize,
    /// Shared (HTTP/2) connections.
    pub shared: usize,
    /// Origins remembered as HTTP/1.1-only.
    pub h1_only: usize,
    /// Connect attempts others may wait for.
    pub connecting: usize,
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

    /// A connection for `key`: the shared one, an idle one, or a new one made by `connect`.
    /// Concurrent first requests for a key that may multiplex wait for one connect and share
    /// its connection.
    pub(crate) async fn connection<F, Fut>(&self, key: &PoolKey, connect: F) -> Result<Conn>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Conn>>,
    {
        if let Some(conn) = self.checkout(key) {
            return Ok(conn);
        }
        if !key.may_multiplex() || self.lock().h1_only.contains_key(key) {
            return connect().await;
        }
        let lock = self.connect_lock(key);
        let guard = lock.lock().await;
        if let Some(conn) = self.checkout(key) {
            return Ok(conn);
        }
        if self.lock().h1_only.contains_key(key) {
            // The attempt waited for turned out exclusive: no point queueing behind each other.
            drop(guard);
            return connect().await;
        }
        let conn = connect().await?;
        let mut state = self.lock();
        match conn.share() {
            Some(shared) if !state.closed => {
                state.shared.retain(|_, (c, _)| c.is_open());
                if state.shared.len() >= self.config.max_idle_total.max(1) {
                    // The least recently used goes; its streams in flight keep it open until
                    // they end, and then it closes.
                    state.evict_least_recent_shared();
                }
                state.shared.insert(key.clone(), (shared, Instant::now()));
            }
            Some(_) => {}
            None => {
                if state.h1_only.len() >= MAX_H1_ONLY {
                    // Forget the oldest note.
                    if let Some(oldest) = state
                        .h1_only
                        .iter()
                        .min_by_key(|(_, at)| **at)
                        .map(|(k, _)| k.clone())
                    {
                        state.h1_only.remove(&oldest);
                    }
                }
                state.h1_only.insert(key.clone(), Instant::now());
            }
        }
        Ok(conn)
    }

    /// A live shared connection for `key`, or an idle one that still looks alive, newest first.
    fn checkout(&self, key: &PoolKey) -> Option<Conn> {
        let mut state = self.lock();
        match state.shared.get_mut(key) {
            Some((conn, used)) if conn.is_open() => {
                *used = Instant::now();
                return conn.share();
            }
            Some(_) => {
                state.shared.remove(key);
            }
            None => {}
        }
        let timeout = self.config.idle_timeout;
        let list = state.idle.get_mut(key)?;
        let mut taken = 0;
        let mut found = None;
        while let Some((mut conn, since)) = list.pop() {
            taken += 1;
            if since.elapsed() < timeout && conn.is_reusable() {
                found = Some(conn);
                break;
            }
        }
        if list.is_empty() {
            state.idle.remove(key);
        }
        state.idle_total -= taken;
        found
    }

    fn connect_lock(&self, key: &PoolKey) -> Arc<tokio::sync::Mutex<()>> {
        let mut state = self.lock();
        if let Some(lock) = state.connecting.get(key).and_then(Weak::upgrade) {
            return lock;
        }
        // Drop the entries nobody holds any more before adding one.
        state.connecting.retain(|_, w| w.strong_count() > 0);
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        state.connecting.insert(key.clone(), Arc::downgrade(&lock));
        lock
    }

    /// The live shared connection for `key`, if there is one; never connects (a WebSocket
    /// goes over HTTP/2 only on a connection the client already has, as browsers do).
    pub(crate) fn shared(&self, key: &PoolKey) -> Option<Conn> {
        let mut state = self.lock();
        let (conn, used) = state.shared.get_mut(key)?;
        if !conn.is_open() {
            return None;
        }
        *used = Instant::now();
        conn.share()
    }

    /// Forgets the shared connection for `key` (it failed).
    pub(crate) fn remove_shared(&self, key: &PoolKey) {
        self.lock().shared.remove(key);
    }

    /// Takes back an exclusive connection whose exchange ended cleanly.
    pub(crate) fn put_idle(&self, key: PoolKey, conn: Conn) {
        let mut state = self.lock();
        if state.closed || self.config.max_idle_per_host == 0 {
            return;
        }
        let timeout = self.config.idle_timeout;
        let mut dropped = 0;
        let list = state.idle.entry(key).or_default();
        let before = list.len();
        list.retain(|(_, since)| since.elapsed() < timeout);
        dropped += before - list.len();
        if list.len() >= self.config.max_idle_per_host {
            // The oldest goes: it is the likeliest to have been closed by the server.
            list.remove(0);
            dropped += 1;
        }
        list.push((conn, Instant::now()));
        state.idle_total = state.idle_total + 1 - dropped;
        if state.idle_total > self.config.max_idle_total {
            state.evict_oldest_idle();
        }
        state.shared.retain(|_, (c, _)| c.is_open());
    }

    /// Closes every idle connection and refuses new ones; connections in use finish their
    /// exchanges and are then closed.
    pub(crate) fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        state.idle.clear();
        state.idle_total = 0;
        state.shared.clear();
    }

    pub(crate) fn stats(&self) -> PoolStats {
        let state = self.lock();
        PoolStats {
            idle: state.idle_total,
            idle_keys: state.idle.len(),
            shared: state.shared.len(),
            h1_only: state.h1_only.len(),
            connecting: state
                .connecting
                .values()
                .filter(|w| w.strong_count() > 0)
                .count(),
        }
    }
}

impl State {
    fn evict_least_recent_shared(&mut self) {
        let oldest = self
            .shared
            .iter()
            .min_by_key(|(_, (_, used))| *used)
            .map(|(k, _)| k.clone());
        if let Some(key) = oldest {
            self.shared.remove(&key);
        }
    }

    fn evict_oldest_idle(&mut self) {
        let oldest = self
            .idle
            .iter()
            .filter_map(|(k, list)| list.first().map(|(_, at)| (k.clone(), *at)))
            .min_by_key(|(_, at)| *at)
            .map(|(k, _)| k);
        if let Some(key) = oldest
            && let Some(list) = self.idle.get_mut(&key)
        {
            list.remove(0);
            self.idle_total -= 1;
            if list.is_empty() {
                self.idle.remove(&key);
            }
        }
    }
}

/// Where a finished exclusive connection goes back to.
pub(crate) struct PoolReturn {
    pub(crate) pool: Weak<Pool>,
    pub(crate) key: PoolKey,
}

impl PoolReturn {
    pub(crate) fn put(self, conn: Conn) {
        if let Some(pool) = self.pool.upgrade() {
            pool.put_idle(self.key, conn);
        }
    }
}
