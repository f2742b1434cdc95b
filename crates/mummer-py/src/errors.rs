//! `NativeError`: every engine failure as one exception type carrying what failed (`kind`) and
//! curl's number for it (`code`). The Python layer maps it into the requests-compatible tree
//! (`mummer.requests.exceptions`), in one function.

use mummer::ws::WebSocketError;
use mummer::{BodyError, Kind, RedirectError, TimeoutKind};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

/// Every `kind` a `NativeError` can have.
pub(crate) const KINDS: &[&str] = &[
    "builder",
    "resolve",
    "connect",
    "tls",
    "certificate",
    "proxy",
    "proxy_status",
    "timeout_connect",
    "timeout_read",
    "timeout_total",
    "request",
    "protocol",
    "body_truncated",
    "body_framing",
    "body_reset",
    "body_goaway",
    "body_io",
    "decode",
    "too_many_redirects",
    "redirect_bad_location",
    "redirect_scheme",
    "redirect_unsafe",
    "not_replayable",
    "closed",
    "aborted",
    "too_large",
    "status",
    "ws_close_timeout",
    "ws_handshake",
    "ws_protocol",
    "ws_abnormal",
    "ws_cut",
    "ws_closed",
    "ws_send",
    "ws_keepalive",
    "runtime",
    "panic",
];

pyo3::create_exception!(
    _native,
    NativeError,
    PyException,
    "A failure of the engine. `args` is (message, kind, code); `kind`, `code` and `message` read them."
);

/// Gives `NativeError` its `kind`, `code` and `message` properties and a `str()` that is the
/// message (abi3 before Python 3.12 cannot subclass exceptions from Rust, so they are added to
/// the class once, at import).
pub(crate) fn decorate(py: Python<'_>) -> PyResult<()> {
    let ty = py.get_type::<NativeError>();
    let make = py.eval(
        c"(lambda i: property(lambda self: self.args[i] if len(self.args) > i else None))",
        None,
        None,
    )?;
    ty.setattr("message", make.call1((0,))?)?;
    ty.setattr("kind", make.call1((1,))?)?;
    ty.setattr("code", make.call1((2,))?)?;
    let text = py.eval(
        c"(lambda self: str(self.args[0]) if self.args else '')",
        None,
        None,
    )?;
    ty.setattr("__str__", text)?;
    Ok(())
}

/// What a failure was, kept on the Rust side (a body's error repeats on every read).
#[derive(Debug, Clone)]
pub(crate) struct ErrorInfo {
    pub(crate) message: String,
    pub(crate) kind: &'static str,
    pub(crate) code: u32,
}

impl ErrorInfo {
    pub(crate) fn new(message: impl Into<String>, kind: &'static str, code: u32) -> ErrorInfo {
        ErrorInfo {
            message: message.into(),
            kind,
            code,
        }
    }

    /// The exception to raise for it.
    pub(crate) fn to_py(&self) -> PyErr {
        NativeError::new_err((self.message.clone(), self.kind, self.code))
    }
}

impl From<&mummer::Error> for ErrorInfo {
    fn from(e: &mummer::Error) -> ErrorInfo {
        // A WebSocket failure that stands for a close code carries that code, as curl_cffi's
        // WebSocketError does (1002, 1006, 1007, 1009, 1011).
        let code = e.close_code().map_or(e.curl_code(), u32::from);
        let kind = match e.kind() {
            // A connection that failed (an I/O error) or ended in the middle of a message, not
            // one that ended between messages: iterating a WebSocket raises for this one
            // only, as curl_cffi's does (it stops at a plain end of stream).
            Kind::WebSocket(WebSocketError::Abnormal { in_message })
                if *in_message || std::error::Error::source(e).is_some() =>
            {
                "ws_cut"
            }
            kind => kind_name(kind),
        };
        ErrorInfo::new(e.to_string(), kind, code)
    }
}

impl From<mummer::Error> for ErrorInfo {
    fn from(e: mummer::Error) -> ErrorInfo {
        ErrorInfo::from(&e)
    }
}

/// The Python-side name of a kind of failure.
fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Builder => "builder",
        Kind::Resolve => "resolve",
        Kind::Connect => "connect",
        Kind::Tls => "tls",
        Kind::Certificate => "certificate",
        Kind::Proxy { status: Some(_) } => "proxy_status",
        Kind::Proxy { status: None } => "proxy",
        Kind::Timeout(TimeoutKind::Connect) => "timeout_connect",
        Kind::Timeout(TimeoutKind::Read) => "timeout_read",
        Kind::Timeout(TimeoutKind::Close) => "ws_close_timeout",
        Kind::Timeout(_) => "timeout_total",
        Kind::Request => "request",
        Kind::Protocol(_) => "protocol",
        Kind::Body(BodyError::Truncated { .. }) => "body_truncated",
        Kind::Body(BodyError::Framing(_)) => "body_framing",
        Kind::Body(BodyError::Reset { .. }) => "body_reset",
        Kind::Body(BodyError::GoAway { .. }) => "body_goaway",
        Kind::Body(_) => "body_io",
        Kind::Decode => "decode",
        Kind::TooManyRedirects { .. } => "too_many_redirects",
        Kind::Redirect(RedirectError::BadLocation) => "redirect_bad_location",
        Kind::Redirect(RedirectError::UnsupportedScheme) => "redirect_scheme",
        Kind::Redirect(_) => "redirect_unsafe",
        Kind::NotReplayable => "not_replayable",
        Kind::ClientClosed => "closed",
        Kind::Aborted => "aborted",
        Kind::TooLarge { .. } => "too_large",
        Kind::Status(_) => "status",
        Kind::WebSocket(w) => match w {
            WebSocketError::Handshake(_) => "ws_handshake",
            WebSocketError::Protocol(_) => "ws_protocol",
            WebSocketError::Abnormal { .. } => "ws_abnormal",
            WebSocketError::Closed => "ws_closed",
            WebSocketError::Send(_) => "ws_send",
            WebSocketError::KeepaliveTimeout => "ws_keepalive",
            _ => "ws_protocol",
        },
        _ => "request",
    }
}

/// A failure of the bridge itself (runtime gone, object from before a fork).
pub(crate) fn runtime(message: impl Into<String>) -> PyErr {
    ErrorInfo::new(message, "runtime", 1).to_py()
}

/// A bad option value: the Python layer validated it, so this is an internal contract error.
pub(crate) fn option(message: impl Into<String>) -> PyErr {
    ErrorInfo::new(message, "builder", 3).to_py()
}
