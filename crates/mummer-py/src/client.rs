//! `Client`: one engine client (options, pool, cookie jar), shared by every thread of a
//! session. `start` turns Python's request into a task on the runtime and returns at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::thread::ThreadId;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::config::{Opts, apply_common};
use crate::cookies::CookieJar;
use crate::errors::{self, ErrorInfo};
use crate::form::Form;
use crate::pending::{Outcome, Pending, Slot, SlotGuard};
use crate::response::{BodyData, Head};
use crate::runtime::{self, ForkSafe};
use crate::stream::{DEFAULT_CAPACITY, Reader, Shared};
use crate::upload::{self, UploadSink};

struct State {
    client: ForkSafe<mummer::Client>,
    /// Kept to make the client again in a forked child, and per thread.
    config: Opts,
    /// The engine client of each thread that sends whole-body requests, on that thread's own
    /// runtime (`runtime::local`): same options and cookie jar, its own connections (they are
    /// registered with that runtime's reactor, which runs only on that thread).
    /// Keyed by thread and whether it is the thread's event loop runtime (`runtime::looped`,
    /// for an `AsyncSession`'s WebSockets).
    locals: HashMap<(ThreadId, bool), (Weak<tokio::runtime::Runtime>, ForkSafe<mummer::Client>)>,
}

/// A client, safe to share between threads.
#[pyclass(module = "mummer._native", frozen)]
pub(crate) struct Client {
    state: Mutex<State>,
    jar: Option<mummer::CookieJar>,
}

fn build(config: &Opts, runtime: &tokio::runtime::Handle) -> Result<mummer::Client, ErrorInfo> {
    let builder = mummer::Client::builder();
    let builder = apply_common!(builder, config, |b, name, value| b
        .default_header(name, value))
    .map_err(|m| ErrorInfo::new(m, "builder", 3))?;
    let mut builder = builder;
    if let Some(hosts) = &config.no_proxy {
        builder = builder.no_proxy(hosts);
    }
    for (host, port, addr) in config
        .resolve_overrides()
        .map_err(|m| ErrorInfo::new(m, "builder", 3))?
    {
        builder = builder.resolve(&host, port, addr);
    }
    if let Some(n) = config.pool_max_idle_per_host {
        builder = builder.pool_max_idle_per_host(n);
    }
    if let Some(jar) = &config.cookie_jar {
        builder = builder.cookie_jar(jar.clone());
    }
    // The runtime's context: anything the client spawns lands on it.
    let _entered = runtime.enter();
    builder.build().map_err(ErrorInfo::from)
}

/// What a request sends as its body.
enum BodyArg {
    None,
    Bytes(Vec<u8>),
    Form(mummer::multipart::Form),
    Sink(Arc<upload::Shared>),
}

impl BodyArg {
    fn extract(body: &Bound<'_, PyAny>) -> PyResult<BodyArg> {
        if body.is_none() {
            return Ok(BodyArg::None);
        }
        if let Ok(form) = body.cast::<Form>() {
            return form
                .get()
                .build()
                .map(BodyArg::Form)
                .map_err(|e| ErrorInfo::from(e).to_py());
        }
        if let Ok(sink) = body.cast::<UploadSink>() {
            return Ok(BodyArg::Sink(sink.get().shared()?));
        }
        Ok(BodyArg::Bytes(body.extract()?))
    }
}

#[pymethods]
impl Client {
    #[new]
    fn new(config: &Bound<'_, PyDict>) -> PyResult<Client> {
        let config = Opts::from_dict(Some(config))?;
        let client = build(&config, &runtime::handle()?).map_err(|e| e.to_py())?;
        Ok(Client {
            jar: config.cookie_jar.clone(),
            state: Mutex::new(State {
                client: ForkSafe::new(client),
                config,
                locals: HashMap::new(),
            }),
        })
    }

    #[pyo3(signature = (method, url, opts, body, stream))]
    fn start(
        &self,
        method: &str,
        url: &str,
        opts: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        stream: bool,
    ) -> PyResult<Pending> {
        let opts = crate::config::request_opts(opts)?;
        let body = BodyArg::extract(body)?;
        let client = self.client()?;
        let method = mummer::Method::from_bytes(method.as_bytes())
            .map_err(|_| errors::option(format!("bad method {method:?}")))?;
        let request = request(&client, method, url, &opts, body).map_err(errors::option)?;
        let slot = Slot::new();
        let guard = SlotGuard(slot.clone());
        let task = runtime::handle()?.spawn(async move {
            let outcome = run(request, stream, None).await;
            guard.0.complete(outcome);
            drop(guard);
        });
        slot.set_task(task.abort_handle());
        Ok(Pending {
            slot: ForkSafe::new(slot),
        })
    }

    /// Opens a WebSocket to `url` with this call's request options (`opts`, as `start` takes
    /// them) and WebSocket settings (`config`, see `ws::configure`): a `WsTask` whose result
    /// is the `WebSocket`. `driver` says what runs its reader and writer (see `ws::Driver`):
    /// "shared", the shared runtime, so the socket can be used from any thread or event loop;
    /// "local" (a sync session's), this thread's runtime and engine client, driven by the
    /// blocking calls made on it; "loop" (an `AsyncSession`'s, on its event loop's thread,
    /// where `loop_driver()` found the descriptor), the same runtime and client, driven by
    /// that loop's turns.
    #[pyo3(signature = (url, opts, config = None, driver = "shared"))]
    fn ws_connect(
        &self,
        url: &str,
        opts: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyDict>>,
        driver: &str,
    ) -> PyResult<crate::ws::WsTask> {
        let opts = crate::config::request_opts(opts)?;
        let (runtime, client) = match driver {
            "shared" => (None, self.client()?),
            "local" => {
                let (runtime, client) = self.local()?;
                (Some((runtime, false)), client)
            }
            "loop" => match runtime::looped()? {
                Some((runtime, _)) => {
                    let (runtime, client) = self.client_on(runtime, true)?;
                    (Some((runtime, true)), client)
                }
                // No descriptor to watch: the shared runtime then.
                None => (None, self.client()?),
            },
            other => {
                return Err(errors::option(format!(
                    "unknown WebSocket driver {other:?} (shared, local or loop)"
                )));
            }
        };
        let mut failed = None;
        let builder = client
            .websocket(url)
            .request(|request| match prepare(request, &opts) {
                Ok(request) => request,
                Err(e) => {
                    failed = Some(e);
                    client.get(url)
                }
            });
        if let Some(e) = failed {
            return Err(errors::option(e));
        }
        let builder = crate::ws::configure(builder, config)?;
        Ok(crate::ws::connecting(builder, runtime))
    }

    /// Sends the request and waits for it on the calling thread, without the GIL: the
    /// exchange runs right here (no hand-off to a runtime thread and back), woken by the
    /// runtime's reactor. `body` must not be an `UploadSink` (its producer is this thread).
    #[pyo3(signature = (method, url, opts, body, stream))]
    fn send(
        &self,
        py: Python<'_>,
        method: &str,
        url: &str,
        opts: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        stream: bool,
    ) -> PyResult<crate::response::Response> {
        let opts = crate::config::request_opts(opts)?;
        let body = BodyArg::extract(body)?;
        if matches!(body, BodyArg::Sink(_)) {
            return Err(errors::option("an upload sink needs start(), not send()"));
        }
        let method = mummer::Method::from_bytes(method.as_bytes())
            .map_err(|_| errors::option(format!("bad method {method:?}")))?;
        // On this thread's runtime, woken by the kernel directly. A stream's pump and
        // connection stay there, driven by the blocking reads (from whichever thread makes
        // them), so the thread waiting for data is the one the kernel wakes and it decrypts and
        // copies itself (decision 0006); the stream holds that runtime, so it outlives the
        // thread and the session.
        let (local, client) = self.local()?;
        let request = request(&client, method, url, &opts, body).map_err(errors::option)?;
        let outcome = if stream {
            let blocking = runtime::blocking()?;
            py.detach(move || {
                blocking.block_on_local(&local.clone(), run(request, true, Some(local)), || {
                    Err(ErrorInfo::new(
                        "the request was cut off: mummer's runtime shut down",
                        "runtime",
                        1,
                    ))
                })
            })
        } else {
            py.detach(move || local.block_on(run(request, false, None)))
        };
        match outcome {
            Ok((head, body)) => crate::response::Response::new(py, head, body),
            Err(e) => Err(e.to_py()),
        }
    }

    fn upload_sink(&self) -> UploadSink {
        UploadSink::new()
    }

    fn close(&self) -> PyResult<()> {
        if let Ok(client) = self.client() {
            client.close();
        }
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for (_, local) in state.locals.values() {
            if let Ok(client) = local.get() {
                client.close();
            }
        }
        Ok(())
    }

    #[getter]
    fn closed(&self) -> PyResult<bool> {
        Ok(self.client()?.is_closed())
    }

    #[getter]
    fn cookie_jar(&self) -> Option<CookieJar> {
        self.jar.clone().map(|jar| CookieJar { jar })
    }
}

impl Client {
    /// The engine client; in a forked child, a new one made from the same options (the
    /// parent's connections are not the child's to use).
    fn client(&self) -> PyResult<mummer::Client> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Ok(c) = state.client.get() {
            return Ok(c.clone());
        }
        let fresh = build(&state.config, &runtime::handle()?).map_err(|e| e.to_py())?;
        state.client = ForkSafe::new(fresh.clone());
        Ok(fresh)
    }

    /// This thread's runtime and this client's engine client on it (see `State::locals`).
    fn local(&self) -> PyResult<(Arc<tokio::runtime::Runtime>, mummer::Client)> {
        self.client_on(runtime::local()?, false)
    }

    /// This client's engine client on `runtime`, this thread's own (`looped`: its event
    /// loop's, see `runtime::looped`).
    fn client_on(
        &self,
        runtime: Arc<tokio::runtime::Runtime>,
        looped: bool,
    ) -> PyResult<(Arc<tokio::runtime::Runtime>, mummer::Client)> {
        let id = (std::thread::current().id(), looped);
        // First: it remakes the shared client in a forked child, and says whether it is closed.
        let main = self.client()?;
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((made_on, client)) = state.locals.get(&id) {
            if std::ptr::eq(made_on.as_ptr(), Arc::as_ptr(&runtime)) {
                if let Ok(client) = client.get() {
                    return Ok((runtime, client.clone()));
                }
            }
        }
        let client = build(&state.config, runtime.handle()).map_err(|e| e.to_py())?;
        if main.is_closed() {
            client.close();
        }
        // Threads that ended took their runtimes with them: forget their clients.
        state
            .locals
            .retain(|_, (made_on, _)| made_on.strong_count() > 0);
        state.locals.insert(
            id,
            (Arc::downgrade(&runtime), ForkSafe::new(client.clone())),
        );
        Ok((runtime, client))
    }
}

/// A request to `url` with these options and body. The options are applied once, into a
/// template kept with them (an `Options` object lives for many requests): building it again
/// per request cost a profile lookup, a TLS options merge and ~20 allocations.
fn request(
    client: &mummer::Client,
    method: mummer::Method,
    url: &str,
    opts: &Opts,
    body: BodyArg,
) -> Result<mummer::RequestBuilder, String> {
    if !opts.shared {
        // Options read for this request alone: a template would not be used again.
        return Ok(with_body(prepare(client.request(method, url), opts)?, body));
    }
    let template = opts.template.get_or_init(|| {
        // Applying options depends neither on the URL nor on the client: any will do.
        let scratch = client.request(mummer::Method::GET, "http://template.invalid/");
        prepare(scratch, opts).ok()?.into_template().ok()
    });
    let request = match template {
        Some(t) => client.request_from(t, method, url),
        // The options do not apply: this request reports why, as it would without a template.
        None => prepare(client.request(method, url), opts)?,
    };
    Ok(with_body(request, body))
}

/// The request with these options.
fn prepare(request: mummer::RequestBuilder, opts: &Opts) -> Result<mummer::RequestBuilder, String> {
    let mut request = apply_common!(request, opts, |b, name, value| b.header(name, value))?;
    if let Some(None) = &opts.impersonate {
        request = request.no_impersonate();
    }
    if let Some(None) = &opts.proxy {
        request = request.no_proxy();
    }
    if let Some(hosts) = &opts.no_proxy {
        request = request.no_proxy_for(hosts);
    }
    if let Some("auto") = opts.http_version.as_deref() {
        request = request.http_auto();
    }
    for (name, value) in &opts.cookies {
        request = request.cookie(name, value);
    }
    for name in &opts.remove_headers {
        request = request.without_header(name);
    }
    if let Some(referer) = &opts.referer {
        request = request.referer(referer);
    }
    Ok(request)
}

/// The request with this body.
fn with_body(request: mummer::RequestBuilder, body: BodyArg) -> mummer::RequestBuilder {
    match body {
        BodyArg::None => request,
        BodyArg::Bytes(b) => request.body(b),
        BodyArg::Form(f) => request.multipart(f),
        BodyArg::Sink(s) => request.body(upload::body(s)),
    }
}

/// Sends `request` and takes its body whole, or (`stream`) starts its pump; `local`: the
/// current-thread runtime this runs on, which then drives the stream (see `Reader`).
async fn run(
    request: mummer::RequestBuilder,
    stream: bool,
    local: Option<Arc<tokio::runtime::Runtime>>,
) -> Outcome {
    let mut response = request.send().await.map_err(ErrorInfo::from)?;
    let head = Head::of(&mut response);
    if stream {
        let shared = Shared::new(DEFAULT_CAPACITY);
        tokio::spawn(shared.clone().pump(response));
        return Ok((head, BodyData::Stream(Reader::new(shared, local))));
    }
    let mut chunks = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ErrorInfo::from)? {
        chunks.push(chunk);
    }
    Ok((
        head,
        BodyData::Whole {
            chunks,
            raw_bytes: response.raw_bytes_received(),
            resumes: response.resumes(),
            close_notify_missing: response.close_notify_missing(),
        },
    ))
}
