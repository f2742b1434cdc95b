//! The blocking face of [`crate::ws`]: each call runs the async one on the facade's runtime.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tokio::runtime::Runtime;

use crate::error::{Error, Result, TimeoutKind};
use crate::ws::{CloseFrame, DataKind, Fragment, Message};

/// Builds a blocking [`WebSocket`]: [`Client::websocket`](super::Client::websocket).
#[must_use]
pub struct WebSocketBuilder {
    pub(super) inner: crate::ws::WebSocketBuilder,
    pub(super) runtime: Arc<Runtime>,
}

impl WebSocketBuilder {
    /// Sets any option of the async [`crate::ws::WebSocketBuilder`].
    ///
    /// ```no_run
    /// let client = mummer::blocking::Client::new()?;
    /// let ws = client
    ///     .websocket("wss://host/")
    ///     .configure(|b| b.protocols(["chat"]).request(|r| r.impersonate("chrome")))
    ///     .connect()?;
    /// ws.send_text("hi")?;
    /// # Ok::<(), mummer::Error>(())
    /// ```
    pub fn configure(
        mut self,
        f: impl FnOnce(crate::ws::WebSocketBuilder) -> crate::ws::WebSocketBuilder,
    ) -> Self {
        self.inner = f(self.inner);
        self
    }

    /// Connects and completes the handshake.
    pub fn connect(self) -> Result<WebSocket> {
        let inner = self.runtime.block_on(self.inner.connect())?;
        Ok(WebSocket {
            inner,
            runtime: self.runtime,
        })
    }
}

/// A blocking WebSocket; usable from several threads at once (one receiving, others
/// sending).
#[derive(Debug)]
pub struct WebSocket {
    inner: crate::ws::WebSocket,
    runtime: Arc<Runtime>,
}

impl WebSocket {
    /// The async WebSocket underneath.
    pub fn as_async(&self) -> &crate::ws::WebSocket {
        &self.inner
    }

    /// See [`crate::ws::WebSocket::recv`].
    pub fn recv(&self) -> Result<Message> {
        self.runtime.block_on(self.inner.recv())
    }

    /// [`Self::recv`], failing with a read timeout after `timeout` (the WebSocket stays
    /// usable: nothing was taken).
    pub fn recv_timeout(&self, timeout: Duration) -> Result<Message> {
        self.runtime.block_on(async {
            tokio::time::timeout(timeout, self.inner.recv())
                .await
                .map_err(|_| Error::timeout(TimeoutKind::Read, timeout))?
        })
    }

    /// See [`crate::ws::WebSocket::recv_fragment`].
    pub fn recv_fragment(&self) -> Result<Fragment> {
        self.runtime.block_on(self.inner.recv_fragment())
    }

    /// See [`crate::ws::WebSocket::try_recv`].
    pub fn try_recv(&self) -> Result<Option<Message>> {
        self.inner.try_recv()
    }

    /// See [`crate::ws::WebSocket::send`].
    pub fn send(&self, message: Message) -> Result<()> {
        self.runtime.block_on(self.inner.send(message))
    }

    /// Sends a text message.
    pub fn send_text(&self, text: &str) -> Result<()> {
        self.runtime.block_on(self.inner.send_text(text))
    }

    /// Sends a binary message.
    pub fn send_binary(&self, data: impl Into<Bytes>) -> Result<()> {
        self.runtime.block_on(self.inner.send_binary(data))
    }

    /// See [`crate::ws::WebSocket::send_fragment`].
    pub fn send_fragment(
        &self,
        kind: Option<DataKind>,
        data: impl Into<Bytes>,
        last: bool,
    ) -> Result<()> {
        self.runtime
            .block_on(self.inner.send_fragment(kind, data, last))
    }

    /// Sends a ping.
    pub fn ping(&self, data: impl Into<Bytes>) -> Result<()> {
        self.inner.ping(data)
    }

    /// Sends a pong.
    pub fn pong(&self, data: impl Into<Bytes>) -> Result<()> {
        self.inner.pong(data)
    }

    /// Waits until everything queued is written.
    pub fn flush(&self) -> Result<()> {
        self.runtime.block_on(self.inner.flush())
    }

    /// See [`crate::ws::WebSocket::close`].
    pub fn close(&self, code: u16, reason: &str) -> Result<Option<CloseFrame>> {
        self.runtime.block_on(self.inner.close(code, reason))
    }

    /// Ends the connection now, without a close handshake.
    pub fn terminate(&self) {
        self.inner.terminate();
    }

    /// The subprotocol the server chose.
    pub fn protocol(&self) -> Option<&str> {
        self.inner.protocol()
    }

    /// Whether the WebSocket has ended.
    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }
}
