//! [`Response`]: status, headers, and a body that owns its connection.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use http::{HeaderMap, StatusCode, Version};
use url::Url;

use crate::body::ResponseBody;
use crate::error::{Error, Kind, Result};
use crate::policy::cookies::Cookie;
use crate::policy::redirect::Hop;

/// What the run loop learned on the way to a response.
pub(crate) struct ResponseInfo {
    /// From the call to the final response head.
    pub(crate) elapsed: Duration,
    pub(crate) history: Vec<Hop>,
    /// Cookies the final response set.
    pub(crate) cookies: Vec<Cookie>,
    pub(crate) retries: u32,
}

/// A response's reason phrase and header fields, moved out by [`Response::take_head`].
#[derive(Debug, Default)]
pub struct HeadFields {
    /// As [`Response::reason`].
    pub reason: String,
    /// As [`Response::headers_as_received`].
    pub received: ReceivedFields,
    /// As [`Response::request_headers`].
    pub sent: Vec<(std::sync::Arc<str>, Bytes)>,
}

/// The header fields of a response as received: HTTP/1.x keeps the server's spelling of the
/// names, HTTP/2 (lowercase on the wire) only has the map.
#[derive(Debug)]
pub enum ReceivedFields {
    /// Names as the server spelled them, raw values, in order.
    Spelled(Vec<(String, Vec<u8>)>),
    /// The header map, in the order received.
    Map(HeaderMap),
}

impl Default for ReceivedFields {
    fn default() -> ReceivedFields {
        ReceivedFields::Map(HeaderMap::new())
    }
}

/// An HTTP response. Its body is read through [`chunk`](Response::chunk),
/// [`bytes_stream`](Response::bytes_stream) or the whole-body helpers; whichever is used, the
/// body ends complete or with an error that says why. The response owns its connection, so it
/// stays readable after the [`Client`](crate::Client) that made it is dropped.
pub struct Response {
    pub(crate) status: StatusCode,
    pub(crate) version: Version,
    pub(crate) reason: String,
    pub(crate) headers: HeaderMap,
    /// HTTP/1.x header fields with the server's spelling of their names.
    pub(crate) wire_headers: Option<Vec<(String, Vec<u8>)>>,
    pub(crate) head_size: u64,
    pub(crate) url: Url,
    /// The final request's method and header fields as sent.
    pub(crate) method: http::Method,
    pub(crate) sent: Vec<(std::sync::Arc<str>, Bytes)>,
    pub(crate) remote_addr: Option<SocketAddr>,
    pub(crate) local_addr: Option<SocketAddr>,
    pub(crate) info: ResponseInfo,
    pub(crate) body: ResponseBody,
}

impl Response {
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The HTTP version the exchange used.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The reason phrase as the server sent it on HTTP/1.x (possibly empty); on HTTP/2, which
    /// has none, the status's canonical phrase.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The header fields in the order received, names spelled as the server sent them
    /// (HTTP/1.x; HTTP/2 names are lowercase on the wire). Values are raw bytes.
    pub fn headers_as_received(&self) -> Vec<(&str, &[u8])> {
        match &self.wire_headers {
            Some(fields) => fields
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_slice()))
                .collect(),
            None => self
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes()))
                .collect(),
        }
    }

    /// Bytes of the response head (status line and headers; for HTTP/2, as the equivalent
    /// HTTP/1.1 text), interim 1xx heads included.
    pub fn header_size(&self) -> u64 {
        self.head_size
    }

    /// The method of the request that got this response (after redirects: a 303 makes it GET).
    pub fn request_method(&self) -> &http::Method {
        &self.method
    }

    /// The head's text fields moved out, for a caller that converts them itself (a language
    /// bridge) and would otherwise copy each one: the reason phrase, the fields received and
    /// the request's fields as sent. The body and the other metadata stay; afterwards
    /// [`reason`](Self::reason), [`headers_as_received`](Self::headers_as_received) and
    /// [`request_headers`](Self::request_headers) are empty, and so is
    /// [`headers`](Self::headers) when the received fields were taken from it (HTTP/2).
    pub fn take_head(&mut self) -> HeadFields {
        let received = match self.wire_headers.take() {
            Some(spelled) => ReceivedFields::Spelled(spelled),
            None => ReceivedFields::Map(std::mem::take(&mut self.headers)),
        };
        HeadFields {
            reason: std::mem::take(&mut self.reason),
            received,
            sent: std::mem::take(&mut self.sent),
        }
    }

    /// The header fields of the request that got this response, exactly as sent, in order:
    /// the client's and profile's defaults, the policies' (Cookie, Authorization, Referer),
    /// the body's framing; on HTTP/2 lowercase, with cookie crumbs split as sent.
    pub fn request_headers(&self) -> &[(std::sync::Arc<str>, Bytes)] {
        &self.sent
    }

    /// The redirects followed on the way here, oldest first.
    pub fn history(&self) -> &[crate::Hop] {
        &self.info.history
    }

    /// How many redirects were followed.
    pub fn redirect_count(&self) -> usize {
        self.info.history.len()
    }

    /// The cookies this response (the final one; see [`history`](Self::history) for the
    /// hops') set, whether or not a jar stored them.
    pub fn cookies(&self) -> &[Cookie] {
        &self.info.cookies
    }

    /// From the start of the call to the final response head.
    pub fn elapsed(&self) -> Duration {
        self.info.elapsed
    }

    /// Retries the retry policy made before this response.
    pub fn retries(&self) -> u32 {
        self.info.retries
    }

    /// The local address the connection was made from.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local_addr
    }

    /// Times the body was transparently resumed after failing mid-way.
    pub fn resumes(&self) -> u32 {
        self.body.resumes()
    }

    /// Decoded body bytes handed to the reader so far.
    pub fn bytes_delivered(&self) -> u64 {
        self.body.delivered()
    }

    /// The final URL (after redirects).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The server's address.
    pub fn remote_addr(&self) -> Option<SocketAddr> {
        self.remote_addr
    }

    /// The declared Content-Length, when the body is not content-decoded.
    pub fn content_length(&self) -> Option<u64> {
        if self.headers.contains_key(http::header::CONTENT_ENCODING) {
            return None;
        }
        self.headers
            .get(http::header::CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Fails the body with [`Kind::TooLarge`](crate::Kind::TooLarge) once more than `limit`
    /// decoded bytes arrive.
    pub fn set_body_limit(&mut self, limit: Option<u64>) {
        self.body.set_limit(limit);
    }

    /// Raw body bytes received so far, before content-decoding (for progress displays), all
    /// resumed parts included.
    pub fn raw_bytes_received(&self) -> u64 {
        self.body.raw_received()
    }

    /// True when the body was delimited by the connection closing, over TLS, and the server
    /// closed without TLS close_notify: the end of such a body cannot be told from a cut
    /// (curl warns the same way). Meaningful once the body has been read to its end.
    pub fn close_notify_missing(&self) -> bool {
        self.body.unverified_end()
    }

    /// Whether the body has been read to its end, complete.
    pub fn is_body_complete(&self) -> bool {
        self.body.is_complete()
    }

    /// The next chunk of the (decoded) body; `Ok(None)` once it is complete. After an error
    /// every further call fails again: an error is never followed by a clean end.
    ///
    /// Cancel-safe: a call dropped before it completes (in a `select!`, under a timeout) loses
    /// no byte and no error; a resume it had started is started again by the next call.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        self.body.next().await
    }

    /// The whole body.
    pub async fn bytes(mut self) -> Result<Bytes> {
        let mut first: Option<Bytes> = None;
        let mut rest = BytesMut::new();
        while let Some(chunk) = self.chunk().await? {
            match &first {
                None if rest.is_empty() => first = Some(chunk),
                _ => {
                    if let Some(f) = first.take() {
                        rest.reserve(f.len() + chunk.len());
                        rest.extend_from_slice(&f);
                    }
                    rest.extend_from_slice(&chunk);
                }
            }
        }
        Ok(match first {
            Some(only) => only,
            None => rest.freeze(),
        })
    }

    /// The whole body as text, decoded with the charset the Content-Type names (UTF-8 unless
    /// it says otherwise), invalid sequences replaced.
    pub async fn text(self) -> Result<String> {
        let charset = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| {
                ct.split(';')
                    .filter_map(|p| p.trim().strip_prefix("charset="))
                    .next()
                    .map(|c| c.trim_matches('"').to_ascii_lowercase())
            });
        let bytes = self.bytes().await?;
        Ok(match charset.as_deref() {
            Some("iso-8859-1") | Some("latin1") | Some("us-ascii") => {
                bytes.iter().map(|&b| b as char).collect()
            }
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// The whole body parsed as JSON.
    pub async fn json<T: serde::de::DeserializeOwned>(self) -> Result<T> {
        let url = self.url.clone();
        let bytes = self.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| Error::decode(e).with_url(&url))
    }

    /// The body as a stream of chunks.
    pub fn bytes_stream(self) -> impl Stream<Item = Result<Bytes>> + Send {
        futures_util::stream::unfold(Some(self), |state| async move {
            let mut response = state?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        })
    }

    /// Turns a 4xx or 5xx status into an error.
    pub fn error_for_status(self) -> Result<Response> {
        if self.status.is_client_error() || self.status.is_server_error() {
            Err(Error::new(Kind::Status(self.status.as_u16()), None).with_url(&self.url))
        } else {
            Ok(self)
        }
    }
}

/// A header value as logs may show it: credentials and cookies masked.
pub(crate) fn mask<'a>(name: &str, value: &'a [u8]) -> std::borrow::Cow<'a, str> {
    const SECRET: [&str; 5] = [
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
    ];
    if SECRET.iter().any(|s| name.eq_ignore_ascii_case(s)) {
        // Keep the scheme ("Basic", "Bearer"), as curl's traces do.
        let text = String::from_utf8_lossy(value);
        let scheme = text
            .split_once(' ')
            .filter(|_| name.to_ascii_lowercase().ends_with("authorization"))
            .map(|(s, _)| s);
        return match scheme {
            Some(s) => format!("{s} ***").into(),
            None => "***".into(),
        };
    }
    String::from_utf8_lossy(value)
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("url", &self.url.as_str())
            .field("status", &self.status)
            .field("version", &self.version)
            .field("headers", &self.headers)
            .finish()
    }
}
