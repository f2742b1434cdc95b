//! `mummer._native`: the mummer engine for Python. This crate only bridges: registration here,
//! the runtime (`runtime`), the wake mechanism (`waker`), option conversion (`config`), and the
//! objects Python holds (`client`, `pending`, `response`, `stream`, `upload`, `form`,
//! `cookies`, `ws`). The API users see is Python, in `python/mummer`.
//!
//! Rules every module keeps: blocking work happens with the GIL released; no thread of the
//! runtime ever touches a Python object (they wake async waiters by writing to a `Waker`'s
//! socket); a body ends complete or with its error, on every path (a task that disappears
//! says so); nothing made before a `fork()` is used or dropped in the child.

// Rust's allocations on mimalloc rather than glibc's malloc: each request and message moves
// buffers between threads (built on a runtime thread, freed on Python's), where glibc's
// arenas contend on their locks (futex calls per request) and consolidate; measured in
// decision 0006. Python's own objects stay on Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod client;
mod config;
mod cookies;
mod errors;
mod form;
mod pending;
mod response;
mod runtime;
mod stream;
mod upload;
mod waker;
mod ws;

use std::time::Duration;

use pyo3::prelude::*;

/// A profile as Python sees it: (name, aliases, browser, version).
type ProfileInfo = (String, Vec<String>, String, String);

/// Every shipped profile.
#[pyfunction]
fn profiles() -> PyResult<Vec<ProfileInfo>> {
    let all = mummer_profile::all().map_err(|e| errors::runtime(e.to_string()))?;
    Ok(all
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.aliases.clone(),
                p.browser.clone(),
                p.version.clone(),
            )
        })
        .collect())
}

/// The canonical profile name for a name or alias; None when unknown.
#[pyfunction]
fn resolve_profile(name: &str) -> Option<String> {
    mummer_profile::get(name).ok().map(|p| p.name.clone())
}

/// Stops the runtime (at interpreter exit) within `timeout` seconds.
#[pyfunction]
#[pyo3(signature = (timeout = 1.0))]
fn shutdown(py: Python<'_>, timeout: f64) {
    let timeout = Duration::try_from_secs_f64(timeout).unwrap_or(Duration::from_secs(1));
    py.detach(|| runtime::shutdown(timeout));
}

/// In a child after `os.fork()`: forgets the parent's runtime.
#[pyfunction]
fn after_fork() {
    runtime::after_fork();
}

/// The User-Agent sent without a profile.
#[pyfunction]
fn default_user_agent() -> String {
    concat!("mummer/", env!("CARGO_PKG_VERSION")).to_string()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_KINDS", errors::KINDS.to_vec())?;
    m.add("NativeError", m.py().get_type::<errors::NativeError>())?;
    errors::decorate(m.py())?;
    m.add_class::<waker::Waker>()?;
    m.add_class::<waker::LoopDriver>()?;
    m.add_function(wrap_pyfunction!(waker::loop_driver, m)?)?;
    m.add_class::<cookies::CookieJar>()?;
    m.add_class::<upload::UploadSink>()?;
    m.add_class::<stream::Stream>()?;
    m.add_class::<response::Response>()?;
    m.add_class::<pending::Pending>()?;
    m.add_class::<form::Form>()?;
    m.add_class::<client::Client>()?;
    m.add_class::<ws::WebSocket>()?;
    m.add_class::<ws::WsTask>()?;
    m.add_class::<config::OptionsObject>()?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_profile, m)?)?;
    m.add_function(wrap_pyfunction!(shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(after_fork, m)?)?;
    m.add_function(wrap_pyfunction!(default_user_agent, m)?)?;
    Ok(())
}
