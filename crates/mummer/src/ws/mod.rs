//! WebSockets (RFC 6455, permessage-deflate RFC 7692) opened from a [`Client`]: the same pool
//! key shape, browser profile, proxy, TLS options, cookies, credentials and timeouts as its
//! HTTP requests.
//!
//! The handshake looks like the profile's browser: a new connection whose ClientHello offers
//! only `http/1.1` in ALPN (as Chromium and Firefox do for a WebSocket), and the upgrade
//! request's header fields in the browser's order, case and values (the profile's
//! `[websocket]` table, checked against captures of the live browsers). Where the browser
//! uses RFC 8441 (WebSockets over HTTP/2) and the client already has an HTTP/2 connection to
//! the origin whose server allows extended CONNECT, it is a stream on that connection instead,
//! shaped like the browser's (the profile's HTTP/2 field order and stream priority);
//! [`WebSocket::version`] tells which. Framing is the sans-IO codec in [`mummer_proto::ws`];
//! this module moves its bytes.
//!
//! Two tasks run each connection: a reader that parses frames, answers pings and queues what
//! arrives in a queue bounded in bytes (when it is full the reader stops reading, so TCP slows
//! the server), and a writer that sends what the caller queued (also bounded in bytes: a
//! send waits for room). Receiving is poll-based ([`WebSocket::poll_recv`],
//! [`WebSocket::try_recv`]) as well as async, so a waker-driven bridge needs no task of its
//! own. A message is handed out whole or not at all: a connection cut mid-message is an
//! error ([`WebSocketError::Abnormal`]), never a short message.
//!
//! Out of scope: redirects (browsers fail a WebSocket on one too) and Digest authentication
//! (Basic and Bearer credentials are sent).
//!
//! ```no_run
//! # async fn run() -> mummer::Result<()> {
//! use mummer::ws::Message;
//!
//! let client = mummer::Client::builder().impersonate("chrome").build()?;
//! let ws = client.websocket("wss://echo.example/").connect().await?;
//! ws.send_text("hello").await?;
//! if let Message::Text(reply) = ws.recv().await? {
//!     println!("{}", String::from_utf8_lossy(&reply));
//! }
//! ws.close(1000, "done").await?;
//! # Ok(())
//! # }
//! ```

mod connect;
mod driver;
mod error;
mod headers;
mod inbox;
mod pump;

pub use error::{HandshakeError, SendError, Violation, WebSocketError};
pub use mummer_proto::ws::{CloseFrame, DataKind, DeflateParams, close_code};

use std::future::poll_fn;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::HeaderMap;
use url::Url;

use crate::client::Client;
use crate::error::{Error, Kind, Result};
use crate::request::RequestBuilder;

/// A received message: data joined from all its frames, or a control frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A text message: UTF-8 (checked unless [`WebSocketBuilder::validate_utf8`] turned it
    /// off), as bytes so that nothing is copied.
    Text(Bytes),
    /// A binary message.
    Binary(Bytes),
    /// A ping (already answered with a pong).
    Ping(Bytes),
    /// A pong.
    Pong(Bytes),
    /// The server's close frame (`None`: it had no status code). The close handshake is
    /// answered; nothing more will arrive.
    Close(Option<CloseFrame>),
}

impl Message {
    /// The text of a text message (`None` for other messages or text that is not UTF-8).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Message::Text(t) => std::str::from_utf8(t).ok(),
            _ => None,
        }
    }

    /// The payload (empty for a close).
    pub fn data(&self) -> &Bytes {
        static EMPTY: Bytes = Bytes::new();
        match self {
            Message::Text(b) | Message::Binary(b) | Message::Ping(b) | Message::Pong(b) => b,
            Message::Close(_) => &EMPTY,
        }
    }
}

/// One received frame: a piece of a data message, or a control frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fragment {
    /// A data frame's payload (inflated, when compressed).
    Data {
        /// Text or binary: the message's kind, on every one of its fragments.
        kind: DataKind,
        /// The payload.
        data: Bytes,
        /// The message's first frame.
        first: bool,
        /// The message's last frame.
        last: bool,
    },
    /// A ping (already answered).
    Ping(Bytes),
    /// A pong.
    Pong(Bytes),
    /// The server's close frame.
    Close(Option<CloseFrame>),
}

/// Options of one WebSocket, besides those of its request.
#[derive(Debug, Clone)]
pub(crate) struct WsOptions {
    pub(crate) protocols: Vec<String>,
    /// `None`: derived from the URL; `Some(None)`: no Origin.
    pub(crate) origin: Option<Option<String>>,
    /// Offer permessage-deflate (`None`: as the profile's browser does, on by default).
    pub(crate) compression: Option<bool>,
    pub(crate) codec: mummer_proto::ws::Config,
    pub(crate) ping_interval: Option<Duration>,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) close_timeout: Duration,
    pub(crate) send_queue: usize,
    pub(crate) recv_queue: usize,
    /// No tasks: the handle's calls run the reader and writer ([`pump`]).
    pub(crate) driven_by_calls: bool,
}

impl Default for WsOptions {
    fn default() -> Self {
        WsOptions {
            protocols: Vec::new(),
            origin: None,
            compression: None,
            codec: mummer_proto::ws::Config::default(),
            ping_interval: None,
            idle_timeout: None,
            close_timeout: Duration::from_secs(5),
            send_queue: 1 << 20,
            recv_queue: 4 << 20,
            driven_by_calls: false,
        }
    }
}

/// Builds and opens a [`WebSocket`]: [`Client::websocket`].
#[must_use]
pub struct WebSocketBuilder {
    client: Client,
    request: RequestBuilder,
    url: std::result::Result<Url, Error>,
    options: WsOptions,
}

impl WebSocketBuilder {
    pub(crate) fn new(client: &Client, url: &str) -> WebSocketBuilder {
        let parsed = connect::http_url(url);
        let http = parsed
            .as_ref()
            .map(|u| u.as_str().to_string())
            .unwrap_or_default();
        WebSocketBuilder {
            client: client.clone(),
            request: client.get(&http),
            url: parsed.map(|_| ()).and_then(|()| {
                Url::parse(url).map_err(|e| Error::builder(format!("{url:?}: {e}")))
            }),
            options: WsOptions::default(),
        }
    }

    /// Sets options of the upgrade request as on any request: `impersonate`, `header`,
    /// `auth`, `cookie`, `proxy`, TLS options, `timeout` (for the handshake),
    /// `connect_timeout`...
    ///
    /// ```no_run
    /// # async fn run(client: mummer::Client) -> mummer::Result<()> {
    /// let ws = client
    ///     .websocket("wss://host/chat")
    ///     .request(|r| r.impersonate("firefox").bearer_auth("token"))
    ///     .connect()
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn request(mut self, f: impl FnOnce(RequestBuilder) -> RequestBuilder) -> Self {
        self.request = f(self.request);
        self
    }

    /// A header field of the upgrade request (in the profile's place for it, if it has one).
    pub fn header(self, name: &str, value: &str) -> Self {
        self.request(|r| r.header(name, value))
    }

    /// Offers these subprotocols (`Sec-WebSocket-Protocol`), in order; the server may pick
    /// one ([`WebSocket::protocol`]) and may pick none.
    pub fn protocols<I, S>(mut self, protocols: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.protocols = protocols.into_iter().map(Into::into).collect();
        self
    }

    /// The `Origin` sent (default: the origin of the URL itself, `https://host` for
    /// `wss://host`, as a page of that site would send it); `None` sends none.
    pub fn origin(mut self, origin: Option<&str>) -> Self {
        self.options.origin = Some(origin.map(str::to_string));
        self
    }

    /// Offer permessage-deflate (default: on, with the profile's browser's offer; without a
    /// profile, Chrome's).
    pub fn compression(mut self, on: bool) -> Self {
        self.options.compression = Some(on);
        self
    }

    /// Largest frame accepted (default 64 MiB); a larger one closes with 1009.
    pub fn max_frame_size(mut self, bytes: usize) -> Self {
        self.options.codec.max_frame_size = bytes;
        self
    }

    /// Largest message accepted after inflation (default 64 MiB); a larger one closes with
    /// 1009.
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.options.codec.max_message_size = bytes;
        self
    }

    /// Check that text messages are UTF-8, closing with 1007 when not (default: on).
    pub fn validate_utf8(mut self, on: bool) -> Self {
        self.options.codec.validate_utf8 = on;
        self
    }

    /// Split sent messages into frames of at most this many bytes (default: one frame per
    /// message, as browsers send them).
    pub fn fragment_size(mut self, bytes: usize) -> Self {
        self.options.codec.fragment_size = Some(bytes);
        self
    }

    /// Send a ping this often; when no pong has come back by the next one, the WebSocket
    /// fails with [`WebSocketError::KeepaliveTimeout`] (default: no pings).
    pub fn ping_interval(mut self, every: Duration) -> Self {
        self.options.ping_interval = Some(every);
        self
    }

    /// Fail with a read timeout when nothing at all arrives for this long (default: wait
    /// forever).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.options.idle_timeout = Some(timeout);
        self
    }

    /// How long [`WebSocket::close`] waits for the server's close frame (default 5 s).
    pub fn close_timeout(mut self, timeout: Duration) -> Self {
        self.options.close_timeout = timeout;
        self
    }

    /// Bytes of sent messages that may wait to be written before a send waits (default
    /// 1 MiB; a larger message waits for the queue to empty).
    pub fn send_queue(mut self, bytes: usize) -> Self {
        self.options.send_queue = bytes.max(1);
        self
    }

    /// Bytes of received messages kept for the caller before reading pauses (default 4 MiB,
    /// plus at most one message being received).
    pub fn recv_queue(mut self, bytes: usize) -> Self {
        self.options.recv_queue = bytes.max(1);
        self
    }

    /// Run the connection inside this WebSocket's own calls instead of on two tasks of the
    /// runtime (default: tasks). Reading and writing then happen only while a call waits:
    /// [`WebSocket::recv`], [`WebSocket::send`], [`WebSocket::flush`], [`WebSocket::close`]
    /// or a `poll_*`/`try_*` receive, as libcurl's `curl_ws_recv` and `curl_ws_send` do.
    ///
    /// For a thread that makes one blocking call at a time (mummer's sync Python client):
    /// a message read reaches the waiting `recv` in the same poll, with no task switch, and a
    /// send writes what the socket takes before it returns. Between calls nothing is read or answered: a
    /// server's ping gets its pong on the next call, [`WebSocket::ping`] and
    /// [`WebSocket::pong`] go out on the next call (or [`WebSocket::flush`]), and keepalive
    /// pings and the idle timeout are checked only while a call waits (the idle timeout runs
    /// from the last read, so a call after a long silence can fail at once), and
    /// [`WebSocket::close`] ends the connection when it returns. Several threads may call at
    /// once; one of them runs the connection at a time. The calls must be made on the runtime
    /// that opened the WebSocket.
    pub fn driven_by_calls(mut self, on: bool) -> Self {
        self.options.driven_by_calls = on;
        self
    }

    /// Connects, sends the upgrade and checks the answer. Errors carry the URL.
    pub async fn connect(self) -> Result<WebSocket> {
        let url = self.url?;
        let request = self.request.build().map_err(|e| e.with_url(&url))?;
        connect::open(&self.client, request, &url, self.options)
            .await
            .map_err(|e| if e.has_url() { e } else { e.with_url(&url) })
    }
}

/// An open WebSocket. Methods take `&self`: one task may send while another receives. Dropping
/// it ends the connection at once, without a close handshake (as [`WebSocket::terminate`]).
pub struct WebSocket {
    pub(crate) link: Arc<driver::Link>,
    /// The reader and writer, when the calls run them ([`WebSocketBuilder::driven_by_calls`]).
    pub(crate) pump: Option<Arc<pump::Pump>>,
    pub(crate) info: Arc<Info>,
}

/// What the handshake established.
#[derive(Debug)]
pub(crate) struct Info {
    pub(crate) url: Url,
    pub(crate) protocol: Option<String>,
    pub(crate) deflate: Option<DeflateParams>,
    pub(crate) headers: HeaderMap,
    pub(crate) request_headers: Vec<(String, Bytes)>,
    pub(crate) remote_addr: Option<SocketAddr>,
    /// HTTP/1.1 (an upgrade on a connection of its own) or HTTP/2 (an extended CONNECT
    /// stream on the client's connection to the origin, RFC 8441).
    pub(crate) version: http::Version,
}

impl std::fmt::Debug for WebSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebSocket")
            .field("url", &self.info.url.as_str())
            .field("protocol", &self.info.protocol)
            .field("deflate", &self.info.deflate)
            .finish()
    }
}

impl WebSocket {
    /// The URL it was opened with.
    pub fn url(&self) -> &Url {
        &self.info.url
    }

    /// The subprotocol the server chose.
    pub fn protocol(&self) -> Option<&str> {
        self.info.protocol.as_deref()
    }

    /// The permessage-deflate parameters, when the server accepted compression.
    pub fn compression(&self) -> Option<&DeflateParams> {
        self.info.deflate.as_ref()
    }

    /// How the WebSocket is carried: `HTTP_11` (an upgrade on a connection of its own) or
    /// `HTTP_2` (an extended CONNECT stream, RFC 8441, on the HTTP/2 connection the client
    /// already had to the origin, when the profile's browser does that and the server allows
    /// it).
    pub fn version(&self) -> http::Version {
        self.info.version
    }

    /// The header fields of the server's answer (`101`, or the `2xx` to an extended CONNECT).
    pub fn response_headers(&self) -> &HeaderMap {
        &self.info.headers
    }

    /// The upgrade request's header fields, in the order and case sent (on HTTP/2: the
    /// extended CONNECT's fields after its pseudo-headers).
    pub fn request_headers(&self) -> &[(String, Bytes)] {
        &self.info.request_headers
    }

    /// The server's address.
    pub fn remote_addr(&self) -> Option<SocketAddr> {
        self.info.remote_addr
    }

    /// The next message: a whole data message, or a control frame. After the server's close
    /// frame (returned as [`Message::Close`]) every call fails with
    /// [`WebSocketError::Closed`]; after a failure, with that failure again.
    pub async fn recv(&self) -> Result<Message> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// The next frame, data messages not joined (a message larger than memory can be taken
    /// piece by piece). A connection cut mid-message hands out the fragments that arrived
    /// (none with `last`) and then the error.
    pub async fn recv_fragment(&self) -> Result<Fragment> {
        poll_fn(|cx| self.poll_recv_fragment(cx)).await
    }

    /// [`Self::recv`] as a poll: `Pending` registers `cx`'s waker, woken when a message is
    /// complete or the WebSocket ends. One waiting receiver at a time.
    pub fn poll_recv(&self, cx: &mut Context<'_>) -> Poll<Result<Message>> {
        self.poll_driven(cx, |inbox, cx| inbox.poll_message(cx))
    }

    /// [`Self::recv_fragment`] as a poll.
    pub fn poll_recv_fragment(&self, cx: &mut Context<'_>) -> Poll<Result<Fragment>> {
        self.poll_driven(cx, |inbox, cx| inbox.poll_fragment(cx))
    }

    /// `poll` of the inbox; when the calls run the connection, a turn of it in between. The
    /// first look registers no waker: a message the turn then delivers must not wake this
    /// very call (on tokio's current-thread runtime, a wake costs a write to its `eventfd`).
    fn poll_driven<T>(
        &self,
        cx: &mut Context<'_>,
        poll: impl Fn(&inbox::Inbox, &mut Context<'_>) -> Poll<T>,
    ) -> Poll<T> {
        if let Some(pump) = &self.pump {
            let mut quiet = Context::from_waker(std::task::Waker::noop());
            if let Poll::Ready(v) = poll(&self.link.inbox, &mut quiet) {
                return Poll::Ready(v);
            }
            pump.turn(cx);
        }
        poll(&self.link.inbox, cx)
    }

    /// `work`, turning the connection while it waits when the calls run it.
    async fn driven<F: std::future::Future>(&self, work: F) -> F::Output {
        pump::driven(self.pump.as_deref(), work).await
    }

    /// A message if one is complete already, without waiting (driven by calls, it first
    /// reads what has arrived, inside a runtime).
    pub fn try_recv(&self) -> Result<Option<Message>> {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match self.poll_recv(&mut cx) {
            Poll::Ready(r) => r.map(Some),
            Poll::Pending => Ok(None),
        }
    }

    /// A fragment if one has arrived, without waiting.
    pub fn try_recv_fragment(&self) -> Result<Option<Fragment>> {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match self.poll_recv_fragment(&mut cx) {
            Poll::Ready(r) => r.map(Some),
            Poll::Pending => Ok(None),
        }
    }

    /// Queues a message (a data message, a ping or pong, or a close as
    /// [`Self::close`] would send it, without waiting for the answer). Waits only for room in
    /// the send queue; [`Self::flush`] waits until it is written.
    pub async fn send(&self, message: Message) -> Result<()> {
        self.driven(self.send_now(message)).await?;
        self.write_queued().await;
        Ok(())
    }

    /// Driven by calls, a send that found room returns without waiting; one turn then writes
    /// what the socket takes now, as `curl_ws_send` does, rather than at the next call.
    async fn write_queued(&self) {
        if let Some(pump) = &self.pump {
            poll_fn(|cx| {
                pump.turn(cx);
                Poll::Ready(())
            })
            .await;
        }
    }

    async fn send_now(&self, message: Message) -> Result<()> {
        match message {
            Message::Text(d) => {
                self.link
                    .send_data(Some(DataKind::Text), d, true, true)
                    .await
            }
            Message::Binary(d) => {
                self.link
                    .send_data(Some(DataKind::Binary), d, true, true)
                    .await
            }
            Message::Ping(d) => self.link.control(driver::Control::Ping(d)),
            Message::Pong(d) => self.link.control(driver::Control::Pong(d)),
            Message::Close(c) => self.link.start_close(c.map(|c| (c.code, c.reason))).await,
        }
    }

    /// Queues a text message.
    pub async fn send_text(&self, text: &str) -> Result<()> {
        self.send(Message::Text(Bytes::copy_from_slice(text.as_bytes())))
            .await
    }

    /// Queues a binary message.
    pub async fn send_binary(&self, data: impl Into<Bytes>) -> Result<()> {
        self.send(Message::Binary(data.into())).await
    }

    /// Queues one frame of a message sent in pieces: `Some(kind)` starts a message, `None`
    /// continues it, `last` ends it (a continuation without a started message, or a new
    /// message before the last one ended, is [`SendError::FragmentOrder`]).
    pub async fn send_fragment(
        &self,
        kind: Option<DataKind>,
        data: impl Into<Bytes>,
        last: bool,
    ) -> Result<()> {
        self.driven(self.link.send_data(kind, data.into(), last, false))
            .await?;
        self.write_queued().await;
        Ok(())
    }

    /// Sends a ping (at most 125 bytes), ahead of queued messages.
    pub fn ping(&self, data: impl Into<Bytes>) -> Result<()> {
        self.link.control(driver::Control::Ping(data.into()))
    }

    /// Sends an unsolicited pong (at most 125 bytes).
    pub fn pong(&self, data: impl Into<Bytes>) -> Result<()> {
        self.link.control(driver::Control::Pong(data.into()))
    }

    /// Waits until every queued message has been written to the connection.
    pub async fn flush(&self) -> Result<()> {
        self.driven(self.link.flush()).await?;
        if self.pump.is_some() && self.info.version == http::Version::HTTP_2 {
            // Over HTTP/2 "written" is handed to the connection's task, which runs only once
            // this call waits: without a task hop of its own the call would return first (a
            // current-thread `block_on` ends as soon as its future is ready).
            tokio::task::yield_now().await;
        }
        Ok(())
    }

    /// The close handshake: sends a close frame with `code` and `reason` (at most 123 bytes)
    /// after the queued messages, then waits for the server's close frame. Messages that
    /// arrive meanwhile stay receivable while the receive queue has room; what does not fit
    /// is dropped, so a full queue cannot hold the close frame back. (To receive everything up
    /// to the server's close, send [`Message::Close`] and keep receiving until
    /// [`Message::Close`] comes back.) Returns the server's close frame; fails with
    /// [`TimeoutKind::Close`](crate::TimeoutKind::Close) when it does not come within the
    /// close timeout (the connection is then dropped).
    pub async fn close(&self, code: u16, reason: &str) -> Result<Option<CloseFrame>> {
        self.link
            .start_close(Some((code, reason.to_string())))
            .await?;
        let closed = self.driven(self.link.wait_closed()).await;
        if let Some(pump) = &self.pump {
            // Nothing drives the connection after this call: rather than lingering until the
            // handle drops, it ends now (the close frames have been exchanged, or the wait
            // for them has failed).
            pump.stop();
        }
        closed
    }

    /// Ends the connection now, without a close handshake.
    pub fn terminate(&self) {
        self.link.terminate();
        if let Some(pump) = &self.pump {
            pump.stop();
        }
    }

    /// Whether the WebSocket has ended (closed or failed); queued messages may still be
    /// received.
    pub fn is_closed(&self) -> bool {
        self.link.inbox.has_ended()
    }
}

impl Drop for WebSocket {
    fn drop(&mut self) {
        self.terminate();
    }
}

impl Client {
    /// A WebSocket to `url` (`ws://` or `wss://`; `http`/`https` are taken as the same),
    /// opened with this client's options: [`WebSocketBuilder`].
    pub fn websocket(&self, url: &str) -> WebSocketBuilder {
        WebSocketBuilder::new(self, url)
    }
}

/// The error for a WebSocket that is closed.
pub(crate) fn closed() -> Error {
    Error::new(Kind::WebSocket(WebSocketError::Closed), None)
}
