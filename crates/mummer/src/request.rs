//! [`Request`] and its [`RequestBuilder`].

use std::fmt;
use std::time::Duration;

use http::{HeaderValue, Method};
use url::Url;

use crate::body::Body;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::pool::VersionPref;
use crate::response::Response;

/// A request ready to send. Header names keep the letter case they were given (HTTP/1.1 sends
/// them as they are; HTTP/2 lowercases them, as it must).
pub struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: Vec<(String, HeaderValue)>,
    pub(crate) body: Option<Body>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) version: Option<VersionPref>,
    pub(crate) max_redirects: Option<usize>,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Request {
        Request {
            method,
            url,
            headers: Vec::new(),
            body: None,
            timeout: None,
            version: None,
            max_redirects: None,
        }
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The headers in the order they will be sent (before the client's own are merged in).
    pub fn headers(&self) -> &[(String, HeaderValue)] {
        &self.headers
    }

    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &self.headers)
            .finish()
    }
}

/// Builds and sends a [`Request`]. Errors in the building (a bad URL, a bad header) are kept
/// and returned by [`send`](RequestBuilder::send).
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    client: Client,
    request: Result<Request>,
}

impl RequestBuilder {
    pub(crate) fn new(client: Client, method: Method, url: &str) -> RequestBuilder {
        let request = Url::parse(url)
            .map_err(|e| Error::builder(format!("invalid URL {url:?}: {e}")))
            .and_then(|u| match u.scheme() {
                "http" | "https" => Ok(Request::new(method, u)),
                other => Err(Error::builder(format!("unsupported URL scheme {other:?}"))),
            });
        RequestBuilder { client, request }
    }

    fn map(mut self, f: impl FnOnce(&mut Request) -> Result<()>) -> RequestBuilder {
        if let Ok(req) = &mut self.request {
            if let Err(e) = f(req) {
                self.request = Err(e);
            }
        }
        self
    }

    /// Adds a header. A second call with the same name adds another value.
    pub fn header(self, name: &str, value: &str) -> RequestBuilder {
        self.map(|req| {
            http::header::HeaderName::from_bytes(name.as_bytes()).map_err(Error::builder)?;
            let value = HeaderValue::from_str(value).map_err(Error::builder)?;
            req.headers.push((name.to_string(), value));
            Ok(())
        })
    }

    /// Sets a header, replacing any value of the same name.
    pub fn header_replace(self, name: &str, value: &str) -> RequestBuilder {
        self.map(|req| {
            req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            Ok(())
        })
        .header(name, value)
    }

    /// Adds query parameters, URL-encoded.
    pub fn query<T: serde::Serialize + ?Sized>(self, query: &T) -> RequestBuilder {
        self.map(|req| {
            let encoded = serde_urlencoded::to_string(query).map_err(Error::builder)?;
            if !encoded.is_empty() {
                let joined = match req.url.query() {
                    Some(q) if !q.is_empty() => format!("{q}&{encoded}"),
                    _ => encoded,
                };
                req.url.set_query(Some(&joined));
            }
            Ok(())
        })
    }

    /// The request body.
    pub fn body(self, body: impl Into<Body>) -> RequestBuilder {
        let body = body.into();
        self.map(|req| {
            req.body = Some(body);
            Ok(())
        })
    }

    /// A JSON body, with `Content-Type: application/json` unless one is set.
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> RequestBuilder {
        self.map(|req| {
            let bytes = serde_json::to_vec(value).map_err(Error::builder)?;
            if !req.has_header("content-type") {
                req.headers.push((
                    "Content-Type".into(),
                    HeaderValue::from_static("application/json"),
                ));
            }
            req.body = Some(bytes.into());
            Ok(())
        })
    }

    /// A URL-encoded form body, with its Content-Type unless one is set.
    pub fn form<T: serde::Serialize + ?Sized>(self, value: &T) -> RequestBuilder {
        self.map(|req| {
            let encoded = serde_urlencoded::to_string(value).map_err(Error::builder)?;
            if !req.has_header("content-type") {
                req.headers.push((
                    "Content-Type".into(),
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                ));
            }
            req.body = Some(encoded.into());
            Ok(())
        })
    }

    /// HTTP Basic authentication.
    pub fn basic_auth(self, user: &str, password: Option<&str>) -> RequestBuilder {
        let raw = format!("{user}:{}", password.unwrap_or(""));
        let value = format!("Basic {}", base64_encode(raw.as_bytes()));
        self.header_replace("Authorization", &value)
    }

    /// Bearer token authentication.
    pub fn bearer_auth(self, token: &str) -> RequestBuilder {
        self.header_replace("Authorization", &format!("Bearer {token}"))
    }

    /// A total time limit for this request, body included, instead of the client's.
    pub fn timeout(self, timeout: Duration) -> RequestBuilder {
        self.map(|req| {
            req.timeout = Some(timeout);
            Ok(())
        })
    }

    /// Speak only HTTP/1.1 for this request.
    pub fn http1_only(self) -> RequestBuilder {
        self.map(|req| {
            req.version = Some(VersionPref::Http1);
            Ok(())
        })
    }

    /// Speak only HTTP/2 for this request.
    pub fn http2_only(self) -> RequestBuilder {
        self.map(|req| {
            req.version = Some(VersionPref::Http2);
            Ok(())
        })
    }

    /// How many redirects to follow for this request (0: none).
    pub fn max_redirects(self, max: usize) -> RequestBuilder {
        self.map(|req| {
            req.max_redirects = Some(max);
            Ok(())
        })
    }

    /// The request, or the first error made while building it.
    pub fn build(self) -> Result<Request> {
        self.request
    }

    /// Sends the request; resolves once the response head has arrived.
    pub async fn send(self) -> Result<Response> {
        let request = self.request?;
        self.client.execute(request).await
    }
}

pub(crate) fn base64_encode(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for group in input.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64_encode;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), want);
        }
    }
}
