//! The one public error type, and the internal detail behind it.
//!
//! Callers see an opaque [`Error`] that answers questions (`is_timeout()`, `is_body()`, ...) and
//! carries the URL with its credentials stripped. The precise cause sits in [`BodyError`] and
//! friends, which derive `PartialEq` so tests can assert exactly what went wrong.

use std::fmt;
use std::time::Duration;

use url::Url;

pub(crate) use crate::ws::WebSocketError;

/// A boxed error source.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a request or its response body.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: Kind,
    url: Option<Url>,
    source: Option<BoxError>,
    /// Set when the error ended a response body the caller was reading (a read timeout then
    /// counts as a body error too).
    in_body: bool,
}

/// Which phase of the exchange failed, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// The request could not be built: bad URL, bad header, bad option.
    Builder,
    /// The host name could not be resolved.
    Resolve,
    /// No TCP connection could be made (refused, unreachable).
    Connect,
    /// The TLS handshake failed (protocol error, no common parameters, alert).
    Tls,
    /// The server's certificate did not verify (untrusted, expired, wrong host name).
    Certificate,
    /// The proxy would not open a tunnel: its HTTP status when it answered CONNECT (407 asks
    /// for credentials), none when a SOCKS5 proxy refused or the proxy broke the exchange.
    Proxy {
        /// The status of the proxy's answer to CONNECT.
        status: Option<u16>,
    },
    /// A time limit ran out.
    Timeout(TimeoutKind),
    /// Sending the request failed (the connection broke while we wrote).
    Request,
    /// The peer broke the HTTP protocol before a response head was complete.
    Protocol(ProtocolError),
    /// The response body did not end complete.
    Body(BodyError),
    /// The body's content-coding (gzip, br, zstd, deflate) was corrupt or cut short.
    Decode,
    /// More redirects than allowed.
    TooManyRedirects {
        /// The limit that was reached.
        max: usize,
    },
    /// A redirect that may not be followed.
    Redirect(RedirectError),
    /// The request had to be sent again (retry, authentication, 307/308 redirect) but its body
    /// was a stream that has already been consumed.
    NotReplayable,
    /// The client was closed before this request started.
    ClientClosed,
    /// The client was aborted while this exchange was in flight.
    Aborted,
    /// The body was larger than the limit the caller set.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// An HTTP error status, raised only by [`Response::error_for_status`](crate::Response::error_for_status).
    Status(u16),
    /// A WebSocket failed: its handshake, the peer's frames, or the connection under it
    /// (see [`WebSocketError`]; [`Error::close_code`] tells the close code involved).
    WebSocket(WebSocketError),
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectError {
    /// The `Location` header is not a URL (even relative to the request's).
    BadLocation,
    /// The `Location` names a scheme other than http or https.
    UnsupportedScheme,
    /// Safe mode: the redirect leads to a loopback, private, link-local or unique-local
    /// address (checked on the address actually connected).
    UnsafeTarget,
}

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Establishing TCP and TLS.
    Connect,
    /// Waiting for the next byte (idle time between reads).
    Read,
    /// The whole exchange, body included.
    Total,
    /// A WebSocket's close handshake: the peer did not answer our close frame in time.
    Close,
}

/// How a response head or connection violated HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The connection closed before a complete response head arrived.
    ClosedBeforeHead,
    /// HTTP/1.1 framing or head syntax: the detail from the protocol core.
    Http1(mummer_proto::ProtoError),
    /// HTTP/2 stream reset before a response head, with the RST_STREAM error code.
    Reset(u32),
    /// HTTP/2 GOAWAY before a response head, with its error code.
    GoAway(u32),
    /// Another HTTP/2 protocol failure.
    Http2(String),
}

/// Why a response body did not end complete.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyError {
    /// The connection ended before the declared length arrived.
    Truncated {
        /// Content-Length, when the response declared one.
        expected: Option<u64>,
        /// Body bytes that did arrive.
        received: u64,
    },
    /// HTTP/1.1 chunked framing was malformed or cut short.
    Framing(mummer_proto::BodyError),
    /// HTTP/2 RST_STREAM arrived mid-body, with its error code.
    Reset {
        /// RST_STREAM error code (RFC 9113 section 7).
        code: u32,
        /// Body bytes received before the reset.
        received: u64,
    },
    /// HTTP/2 GOAWAY ended the connection mid-body: either it failed the stream (an error
    /// code, or a last stream id below this stream's), or the server closed the connection
    /// after it without finishing the stream.
    GoAway {
        /// GOAWAY error code (RFC 9113 section 7; 0 is NO_ERROR).
        code: u32,
        /// The last stream id the server said it would process.
        last_stream_id: u32,
        /// Body bytes received before the connection ended.
        received: u64,
    },
    /// More body bytes arrived than the declared content-length (an HTTP/2 response whose DATA
    /// ran past its content-length, RFC 9113 section 8.1.1). The first `expected` bytes were
    /// delivered; the rest were not.
    TooLong {
        /// The declared content-length.
        expected: u64,
        /// Body bytes that arrived by the time the overrun was seen.
        received: u64,
    },
    /// The connection failed with an I/O error mid-body.
    Io {
        /// Body bytes received before the failure.
        received: u64,
    },
}

impl Error {
    pub(crate) fn new(kind: Kind, source: Option<BoxError>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                url: None,
                source,
                in_body: false,
            }),
        }
    }

    pub(crate) fn builder<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Builder, Some(e.into()))
    }

    pub(crate) fn connect<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Connect, Some(e.into()))
    }

    pub(crate) fn resolve<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Resolve, Some(e.into()))
    }

    pub(crate) fn redirect<E: Into<BoxError>>(e: RedirectError, detail: E) -> Error {
        Error::new(Kind::Redirect(e), Some(detail.into()))
    }

    pub(crate) fn tls<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Tls, Some(e.into()))
    }

    pub(crate) fn timeout(kind: TimeoutKind, after: Duration) -> Error {
        Error::new(
            Kind::Timeout(kind),
            Some(
                match kind {
                    TimeoutKind::Connect => format!("not connected within {after:?}"),
                    TimeoutKind::Read => format!("nothing received for {after:?}"),
                    TimeoutKind::Total => {
                        format!("the whole exchange took longer than {after:?}")
                    }
                    TimeoutKind::Close => {
                        format!("the peer did not answer the close frame within {after:?}")
                    }
                }
                .into(),
            ),
        )
    }

    pub(crate) fn request<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Request, Some(e.into()))
    }

    pub(crate) fn protocol(e: ProtocolError) -> Error {
        Error::new(Kind::Protocol(e), None)
    }

    pub(crate) fn body(e: BodyError, source: Option<BoxError>) -> Error {
        Error::new(Kind::Body(e), source)
    }

    pub(crate) fn decode<E: Into<BoxError>>(e: E) -> Error {
        Error::new(Kind::Decode, Some(e.into()))
    }

    /// Attaches the request URL, without user name and password.
    pub(crate) fn with_url(mut self, url: &Url) -> Error {
        let mut url = url.clone();
        // Credentials must never reach logs or tracebacks through an error message.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        self.inner.url = Some(url);
        self
    }

    pub(crate) fn has_url(&self) -> bool {
        self.inner.url.is_some()
    }

    /// Marks the error as having ended a response body.
    pub(crate) fn in_body(mut self) -> Error {
        self.inner.in_body = true;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &Kind {
        &self.inner.kind
    }

    /// The URL of the request that failed, credentials removed.
    pub fn url(&self) -> Option<&Url> {
        self.inner.url.as_ref()
    }

    /// A time limit ran out (connect, read or total).
    pub fn is_timeout(&self) -> bool {
        matches!(self.inner.kind, Kind::Timeout(_))
    }

    /// Which time limit ran out, if one did.
    pub fn timeout_kind(&self) -> Option<TimeoutKind> {
        match self.inner.kind {
            Kind::Timeout(k) => Some(k),
            _ => None,
        }
    }

    /// No connection could be made (name resolution, TCP, TLS, proxy), or the connect timeout
    /// ran out.
    pub fn is_connect(&self) -> bool {
        matches!(
            self.inner.kind,
            Kind::Resolve
                | Kind::Connect
                | Kind::Tls
                | Kind::Certificate
                | Kind::Proxy { .. }
                | Kind::Timeout(TimeoutKind::Connect)
        )
    }

    /// The proxy refused or broke the tunnel (see [`Kind::Proxy`]).
    pub fn is_proxy(&self) -> bool {
        matches!(self.inner.kind, Kind::Proxy { .. })
    }

    /// The TLS handshake failed, certificate verification included.
    pub fn is_tls(&self) -> bool {
        matches!(self.inner.kind, Kind::Tls | Kind::Certificate)
    }

    /// The request could not be built.
    pub fn is_builder(&self) -> bool {
        matches!(self.inner.kind, Kind::Builder)
    }

    /// Sending the request failed.
    pub fn is_request(&self) -> bool {
        matches!(self.inner.kind, Kind::Request)
    }

    /// The peer broke the protocol before the response head was complete.
    pub fn is_protocol(&self) -> bool {
        matches!(self.inner.kind, Kind::Protocol(_))
    }

    /// The response body did not end complete (truncated, reset, framing, I/O), or timed out
    /// while it was being read.
    pub fn is_body(&self) -> bool {
        self.inner.in_body || matches!(self.inner.kind, Kind::Body(_) | Kind::TooLarge { .. })
    }

    /// The body's content-coding was corrupt or cut short.
    pub fn is_decode(&self) -> bool {
        matches!(self.inner.kind, Kind::Decode)
    }

    /// Redirect handling failed (too many, or one that may not be followed).
    pub fn is_redirect(&self) -> bool {
        matches!(
            self.inner.kind,
            Kind::Redirect(_) | Kind::TooManyRedirects { .. }
        )
    }

    /// The client was aborted while this exchange was in flight.
    pub fn is_aborted(&self) -> bool {
        matches!(self.inner.kind, Kind::Aborted)
    }

    /// The client was closed before this request started.
    pub fn is_closed(&self) -> bool {
        matches!(self.inner.kind, Kind::ClientClosed)
    }

    /// The HTTP status, for errors made by `error_for_status`.
    pub fn status(&self) -> Option<u16> {
        match self.inner.kind {
            Kind::Status(s) => Some(s),
            _ => None,
        }
    }

    /// curl's error number for this kind of failure (the number `curl` and the `mummer` CLI
    /// exit with, and curl_cffi's `.code`): 6 resolve, 7 connect, 18 partial body, 28
    /// timeout, 35 TLS, 47 too many redirects, 56 proxy refused, 60 certificate, 61 bad
    /// content coding, 63 too large, 65 body cannot be sent again, ...
    pub fn curl_code(&self) -> u32 {
        match &self.inner.kind {
            Kind::Builder => 3,
            Kind::Resolve => 6,
            Kind::Connect => 7,
            Kind::Tls => 35,
            Kind::Certificate => 60,
            // 56 for a CONNECT answered with an error status, 97 for other proxy failures.
            Kind::Proxy { status: Some(_) } => 56,
            Kind::Proxy { status: None } => 97,
            Kind::Timeout(_) => 28,
            Kind::Request => 55,
            Kind::Protocol(_) => 8,
            Kind::Body(_) => 18,
            Kind::Decode => 61,
            Kind::TooManyRedirects { .. } => 47,
            Kind::Redirect(RedirectError::UnsupportedScheme) => 1,
            Kind::Redirect(_) => 3,
            // "send failed: rewind of the body was needed but failed".
            Kind::NotReplayable => 65,
            Kind::TooLarge { .. } => 63,
            Kind::Status(_) => 22,
            Kind::Aborted => 42,
            Kind::ClientClosed => 1,
            Kind::WebSocket(w) => w.curl_code(),
        }
    }

    /// The WebSocket failure detail, if this is a WebSocket error.
    pub fn websocket_error(&self) -> Option<&WebSocketError> {
        match &self.inner.kind {
            Kind::WebSocket(w) => Some(w),
            _ => None,
        }
    }

    /// The WebSocket close code this error stands for: the one mummer closed with after a
    /// protocol violation (1002, 1007, 1009), 1006 when the connection ended without a close
    /// frame. `None` for errors of other kinds.
    pub fn close_code(&self) -> Option<u16> {
        match &self.inner.kind {
            Kind::WebSocket(w) => w.close_code(),
            _ => None,
        }
    }

    /// A new error with the same kind, URL and message, for a failure that every later call
    /// repeats (a WebSocket that failed keeps failing the same way).
    pub(crate) fn repeat(&self) -> Error {
        let mut e = Error::new(
            self.inner.kind.clone(),
            self.inner
                .source
                .as_ref()
                .map(|s| BoxError::from(s.to_string())),
        );
        e.inner.url = self.inner.url.clone();
        e.inner.in_body = self.inner.in_body;
        e
    }

    /// The body failure detail, if this is a body error.
    pub fn body_error(&self) -> Option<&BodyError> {
        match &self.inner.kind {
            Kind::Body(b) => Some(b),
            _ => None,
        }
    }

    /// Converts into an `io::Error` that [`Error::from_io`] turns back into this error; used where
    /// a body feeds `std::io::Read` or `AsyncRead`.
    pub fn into_io(self) -> std::io::Error {
        let kind = match self.inner.kind {
            Kind::Timeout(_) => std::io::ErrorKind::TimedOut,
            Kind::Body(_) => std::io::ErrorKind::UnexpectedEof,
            Kind::Decode => std::io::ErrorKind::InvalidData,
            _ => std::io::ErrorKind::Other,
        };
        std::io::Error::new(kind, self)
    }

    /// Recovers a mummer error carried inside an `io::Error`, if there is one.
    pub fn from_io(e: std::io::Error) -> std::result::Result<Error, std::io::Error> {
        if e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
            match e.into_inner().map(|b| b.downcast::<Error>()) {
                Some(Ok(err)) => Ok(*err),
                Some(Err(other)) => Err(std::io::Error::other(other)),
                None => Err(std::io::Error::other("empty io error")),
            }
        } else {
            Err(e)
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Builder => f.write_str("invalid request"),
            Kind::Resolve => f.write_str("could not resolve host"),
            Kind::Connect => f.write_str("connection failed"),
            Kind::Tls => f.write_str("TLS handshake failed"),
            Kind::Certificate => f.write_str("certificate verification failed"),
            Kind::Proxy { .. } => f.write_str("proxy tunnel failed"),
            Kind::Timeout(TimeoutKind::Connect) => f.write_str("connect timeout"),
            Kind::Timeout(TimeoutKind::Read) => f.write_str("read timeout"),
            Kind::Timeout(TimeoutKind::Total) => f.write_str("total timeout"),
            Kind::Timeout(TimeoutKind::Close) => f.write_str("WebSocket close timeout"),
            Kind::WebSocket(w) => write!(f, "WebSocket: {w}"),
            Kind::Request => f.write_str("sending the request failed"),
            Kind::Protocol(p) => write!(f, "protocol error: {p}"),
            Kind::Body(b @ BodyError::TooLong { .. }) => {
                write!(f, "body longer than its content-length: {b}")
            }
            Kind::Body(b) => write!(f, "incomplete body: {b}"),
            Kind::Decode => f.write_str("content decoding failed"),
            Kind::TooManyRedirects { max } => write!(f, "more than {max} redirects"),
            Kind::Redirect(RedirectError::BadLocation) => f.write_str("bad redirect Location"),
            Kind::Redirect(RedirectError::UnsupportedScheme) => {
                f.write_str("redirect to an unsupported scheme")
            }
            Kind::Redirect(RedirectError::UnsafeTarget) => {
                f.write_str("redirect to a private address refused (safe mode)")
            }
            Kind::NotReplayable => {
                f.write_str("the request must be sent again but its streamed body cannot be")
            }
            Kind::ClientClosed => f.write_str("client is closed"),
            Kind::Aborted => f.write_str("client aborted the transfer"),
            Kind::TooLarge { limit } => write!(f, "body exceeds the {limit}-byte limit"),
            Kind::Status(s) => write!(f, "HTTP status {s}"),
        }
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::ClosedBeforeHead => {
                f.write_str("connection closed before the response head was complete")
            }
            ProtocolError::Http1(e) => write!(f, "{e}"),
            ProtocolError::Reset(code) => write!(f, "stream reset ({})", Http2Code(*code)),
            ProtocolError::GoAway(code) => write!(f, "GOAWAY ({})", Http2Code(*code)),
            ProtocolError::Http2(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::Truncated {
                expected: Some(e),
                received,
            } => write!(f, "truncated: received {received} of {e} bytes"),
            BodyError::Truncated {
                expected: None,
                received,
            } => write!(f, "truncated after {received} bytes"),
            BodyError::Framing(e) => write!(f, "{e}"),
            BodyError::Reset { code, received } => write!(
                f,
                "stream reset (RST_STREAM {}) after {received} bytes",
                Http2Code(*code)
            ),
            BodyError::GoAway {
                code,
                last_stream_id,
                received,
            } => write!(
                f,
                "connection ended by GOAWAY ({}, last stream id {last_stream_id}) after \
                 {received} bytes",
                Http2Code(*code)
            ),
            BodyError::TooLong { expected, received } => write!(
                f,
                "received {received} bytes, more than the content-length of {expected}"
            ),
            BodyError::Io { received } => write!(f, "connection failed after {received} bytes"),
        }
    }
}

/// An HTTP/2 error code with its RFC 9113 name, for messages: `code 2 INTERNAL_ERROR`.
struct Http2Code(u32);

impl fmt::Display for Http2Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [&str; 14] = [
            "NO_ERROR",
            "PROTOCOL_ERROR",
            "INTERNAL_ERROR",
            "FLOW_CONTROL_ERROR",
            "SETTINGS_TIMEOUT",
            "STREAM_CLOSED",
            "FRAME_SIZE_ERROR",
            "REFUSED_STREAM",
            "CANCEL",
            "COMPRESSION_ERROR",
            "CONNECT_ERROR",
            "ENHANCE_YOUR_CALM",
            "INADEQUATE_SECURITY",
            "HTTP_1_1_REQUIRED",
        ];
        match usize::try_from(self.0).ok().and_then(|i| NAMES.get(i)) {
            Some(name) => write!(f, "code {} {name}", self.0),
            None => write!(f, "code {}", self.0),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("mummer::Error");
        d.field("kind", &self.inner.kind);
        if let Some(url) = &self.inner.url {
            d.field("url", &url.as_str());
        }
        if let Some(source) = &self.inner.source {
            d.field("source", source);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner.kind)?;
        if let Some(url) = &self.inner.url {
            write!(f, " ({url})")?;
        }
        if let Some(source) = &self.inner.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|e| &**e as &(dyn std::error::Error + 'static))
    }
}
