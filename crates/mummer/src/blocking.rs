//! A blocking facade over the async [`Client`](crate::Client), with no logic of its own: each
//! call runs the async one to completion on a small runtime the facade owns. A response keeps
//! that runtime alive, so it stays readable after its client is dropped.
//!
//! ```no_run
//! use std::io::Read;
//! let client = mummer::blocking::Client::new()?;
//! let mut response = client.get("https://example.com/").send()?;
//! let mut body = Vec::new();
//! response.read_to_end(&mut body)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Read};
use std::sync::Arc;
use std::time::Duration;

use bytes::{Buf, Bytes};
use http::{HeaderMap, Method, StatusCode, Version};
use tokio::runtime::Runtime;
use url::Url;

use crate::error::{Error, Result};

mod ws;
pub use ws::{WebSocket, WebSocketBuilder};

/// A blocking client. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<Runtime>,
}

fn runtime() -> Result<Arc<Runtime>> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("mummer-blocking")
        .enable_all()
        .build()
        .map(Arc::new)
        .map_err(Error::builder)
}

impl Client {
    /// A client with the default configuration.
    pub fn new() -> Result<Client> {
        Client::from_builder(crate::Client::builder())
    }

    /// A client configured with the async builder.
    pub fn from_builder(builder: crate::ClientBuilder) -> Result<Client> {
        let runtime = runtime()?;
        // Built inside the runtime so that anything the client spawns lands there.
        let inner = runtime.block_on(async { builder.build() })?;
        Ok(Client { inner, runtime })
    }

    /// A request with any method.
    pub fn request(&self, method: Method, url: &str) -> RequestBuilder {
        RequestBuilder {
            inner: self.inner.request(method, url),
            runtime: self.runtime.clone(),
        }
    }

    /// A WebSocket to `url`, opened with this client's options (see [`crate::ws`]).
    pub fn websocket(&self, url: &str) -> WebSocketBuilder {
        WebSocketBuilder {
            inner: self.inner.websocket(url),
            runtime: self.runtime.clone(),
        }
    }

    /// A GET request.
    pub fn get(&self, url: &str) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    /// A POST request.
    pub fn post(&self, url: &str) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    /// A HEAD request.
    pub fn head(&self, url: &str) -> RequestBuilder {
        self.request(Method::HEAD, url)
    }

    /// See [`crate::Client::close`].
    pub fn close(&self) {
        self.inner.close();
    }

    /// See [`crate::Client::abort`].
    pub fn abort(&self) {
        self.inner.abort();
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }
}

/// Builds and sends a request; see [`crate::RequestBuilder`].
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    inner: crate::RequestBuilder,
    runtime: Arc<Runtime>,
}

impl RequestBuilder {
    /// Applies any async-builder method: `rb.with(|b| b.bearer_auth("t"))`.
    pub fn with(self, f: impl FnOnce(crate::RequestBuilder) -> crate::RequestBuilder) -> Self {
        RequestBuilder {
            inner: f(self.inner),
            runtime: self.runtime,
        }
    }

    /// Adds a header.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.with(|b| b.header(name, value))
    }

    /// The request body.
    pub fn body(self, body: impl Into<crate::Body>) -> Self {
        let body = body.into();
        self.with(|b| b.body(body))
    }

    /// A body read from `reader` on a helper thread as it is sent; `len`, when known, becomes
    /// the Content-Length.
    pub fn body_reader<R: Read + Send + 'static>(self, reader: R, len: Option<u64>) -> Self {
        let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Bytes>>(4);
        std::thread::spawn(move || {
            let mut reader = reader;
            loop {
                let mut buf = vec![0u8; 64 * 1024];
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        buf.truncate(n);
                        if tx.blocking_send(Ok(Bytes::from(buf))).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = tx.blocking_send(Err(e));
                        break;
                    }
                }
            }
        });
        let stream = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        });
        let body = crate::Body::from_stream_with_length(stream, len);
        self.with(|b| b.body(body))
    }

    /// A JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> Self {
        self.with(|b| b.json(value))
    }

    /// A total time limit for this request.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.with(|b| b.timeout(timeout))
    }

    /// Sends the request and waits for the response head.
    pub fn send(self) -> Result<Response> {
        let inner = self.runtime.block_on(self.inner.send())?;
        Ok(Response {
            inner,
            runtime: self.runtime,
            pending: Bytes::new(),
        })
    }
}

/// A response whose body is read by blocking calls, or through [`Read`].
pub struct Response {
    inner: crate::Response,
    runtime: Arc<Runtime>,
    /// The part of the last chunk that a `read` call had no room for.
    pending: Bytes,
}

impl Response {
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.inner.status()
    }

    /// The HTTP version.
    pub fn version(&self) -> Version {
        self.inner.version()
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The final URL.
    pub fn url(&self) -> &Url {
        self.inner.url()
    }

    /// The async response underneath.
    pub fn as_async(&self) -> &crate::Response {
        &self.inner
    }

    /// The next chunk of the body; `None` once it is complete.
    pub fn chunk(&mut self) -> Result<Option<Bytes>> {
        if !self.pending.is_empty() {
            return Ok(Some(std::mem::take(&mut self.pending)));
        }
        self.runtime.block_on(self.inner.chunk())
    }

    /// The whole body.
    pub fn bytes(mut self) -> Result<Bytes> {
        let pending = std::mem::take(&mut self.pending);
        let rest = self.runtime.block_on(self.inner.bytes())?;
        if pending.is_empty() {
            return Ok(rest);
        }
        let mut all = pending.to_vec();
        all.extend_from_slice(&rest);
        Ok(all.into())
    }

    /// The whole body as text.
    pub fn text(self) -> Result<String> {
        let bytes = self.bytes()?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The whole body as JSON.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<T> {
        let url = self.inner.url().clone();
        let bytes = self.bytes()?;
        serde_json::from_slice(&bytes).map_err(|e| Error::decode(e).with_url(&url))
    }

    /// Copies the whole body into `writer`; returns the byte count.
    pub fn copy_to<W: io::Write>(&mut self, writer: &mut W) -> Result<u64> {
        let mut total = 0u64;
        while let Some(chunk) = self.chunk()? {
            writer
                .write_all(&chunk)
                .map_err(|e| Error::new(crate::Kind::Request, Some(e.into())))?;
            total += chunk.len() as u64;
        }
        Ok(total)
    }
}

impl Read for Response {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.pending.is_empty() {
            match self.runtime.block_on(self.inner.chunk()) {
                Ok(Some(chunk)) => self.pending = chunk,
                Ok(None) => return Ok(0),
                Err(e) => return Err(e.into_io()),
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.advance(n);
        Ok(n)
    }
}
