//! [`Request`] and its [`RequestBuilder`]: everything the client's options allow can be
//! overridden for one request, without a client (or a pool) of its own.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderValue, Method};
use url::Url;

use crate::body::Body;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::options::{ProfileEdit, ProfileRef, RequestOptions, TlsEdit};
use crate::policy::auth::Auth;
use crate::policy::cookies::CookieJar;
use crate::policy::redirect::RedirectPolicy;
use crate::policy::retry::Retry;
use crate::pool::VersionPref;
use crate::response::Response;
use crate::transport::proxy::{NoProxy, Proxy};
use crate::transport::tcp::LocalAddress;
use crate::transport::tls::ClientIdentity;

/// A request ready to send. Header names keep the letter case they were given (HTTP/1.1 sends
/// them as they are; HTTP/2 lowercases them, as it must).
pub struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: Vec<(String, HeaderValue)>,
    pub(crate) body: Option<Body>,
    /// Cookies of this request's own, sent to its first origin only.
    pub(crate) cookies: Vec<(String, String)>,
    /// The document the request comes from, for Referer (on every hop, by the browser's
    /// policy).
    pub(crate) referrer: Option<Url>,
    /// Header names not to send at all (a client default or a profile's default removed for
    /// this request).
    pub(crate) suppressed: Vec<String>,
    /// Overrides of the client's options; `None` when there are none (the common case costs
    /// no allocation). Shared with the [`RequestTemplate`] the request was made from, so the
    /// overrides laid over a client's options are worked out once for all its requests (see
    /// [`RequestOptions::overlay`]).
    pub(crate) options: Option<Arc<RequestOptions>>,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Request {
        Request {
            method,
            url,
            headers: Vec::new(),
            body: None,
            cookies: Vec::new(),
            referrer: None,
            suppressed: Vec::new(),
            options: None,
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

    /// The same request without its body (for a resume, which sends none).
    pub(crate) fn clone_without_body(&self) -> Request {
        Request {
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self.headers.clone(),
            body: None,
            cookies: self.cookies.clone(),
            referrer: self.referrer.clone(),
            suppressed: self.suppressed.clone(),
            options: None,
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<_> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), crate::response::mask(n, v.as_bytes())))
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &crate::run::without_userinfo(&self.url).as_str())
            .field("headers", &headers)
            .finish()
    }
}

/// Builds and sends a [`Request`]. Errors in the building (a bad URL, a bad header, a bad
/// option) are kept and returned by [`send`](RequestBuilder::send).
///
/// Every client option that shapes one exchange can be set here for this request alone
/// (profile, proxy, TLS, timeouts, redirects, cookies, auth, retries, resume, speed limit,
/// local address); connections are still shared with other requests whose pool key matches.
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    client: Client,
    request: Result<Request>,
}

impl RequestBuilder {
    pub(crate) fn new(client: Client, method: Method, url: &str) -> RequestBuilder {
        let request = client
            .inner
            .parse_url(url)
            .map_err(|e| {
                Error::builder(format!(
                    "invalid URL {:?}: {e}",
                    crate::transport::proxy::redact(url)
                ))
            })
            .and_then(|u| match u.scheme() {
                "http" | "https" => Ok(Request::new(method, u)),
                other => Err(Error::builder(format!("unsupported URL scheme {other:?}"))),
            });
        RequestBuilder { client, request }
    }

    fn map(mut self, f: impl FnOnce(&mut Request) -> Result<()>) -> RequestBuilder {
        if let Ok(req) = &mut self.request
            && let Err(e) = f(req)
        {
            self.request = Err(e);
        }
        self
    }

    fn option(self, f: impl FnOnce(&mut RequestOptions)) -> RequestBuilder {
        self.map(|req| {
            let options = Arc::make_mut(req.options.get_or_insert_with(Default::default));
            f(options);
            // What was laid over a client's options before this change no longer holds.
            options.forget_overlays();
            Ok(())
        })
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

    /// Sends no header of this name, not even the client's or the profile's default (curl's
    /// `-H 'Name:'`).
    pub fn without_header(self, name: &str) -> RequestBuilder {
        self.map(|req| {
            req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            req.suppressed.push(name.to_string());
            Ok(())
        })
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
            set_content_type(req, "application/json");
            req.body = Some(bytes.into());
            Ok(())
        })
    }

    /// A multipart/form-data body (fields and files streamed from disk), laid out with the
    /// boundary of the request's browser profile.
    pub fn multipart(self, form: crate::multipart::Form) -> RequestBuilder {
        self.map(|req| {
            req.body = Some(Body::form(form));
            Ok(())
        })
    }

    /// A URL-encoded form body, with its Content-Type unless one is set.
    pub fn form<T: serde::Serialize + ?Sized>(self, value: &T) -> RequestBuilder {
        self.map(|req| {
            let encoded = serde_urlencoded::to_string(value).map_err(Error::builder)?;
            set_content_type(req, "application/x-www-form-urlencoded");
            req.body = Some(encoded.into());
            Ok(())
        })
    }

    /// Credentials for this request (replacing the client's): Basic, Bearer or Digest.
    pub fn auth(self, auth: Auth) -> RequestBuilder {
        self.option(|o| o.auth = Some(Some(auth)))
    }

    /// HTTP Basic authentication.
    pub fn basic_auth(self, user: &str, password: Option<&str>) -> RequestBuilder {
        self.auth(Auth::basic(user, password.unwrap_or("")))
    }

    /// Bearer token authentication.
    pub fn bearer_auth(self, token: &str) -> RequestBuilder {
        self.auth(Auth::bearer(token))
    }

    /// HTTP Digest authentication (RFC 7616), answering the server's challenge.
    pub fn digest_auth(self, user: &str, password: &str) -> RequestBuilder {
        self.auth(Auth::digest(user, password))
    }

    /// A cookie of this request's own, sent (after the jar's, replacing one of the same name)
    /// to the request's first origin only, never to another a redirect leads to.
    pub fn cookie(self, name: &str, value: &str) -> RequestBuilder {
        self.map(|req| {
            req.cookies.retain(|(n, _)| n != name);
            req.cookies.push((name.to_string(), value.to_string()));
            Ok(())
        })
    }

    /// The cookie jar this request reads and fills (replacing the client's).
    pub fn cookie_jar(self, jar: CookieJar) -> RequestBuilder {
        self.option(|o| o.cookies = Some(Some(jar)))
    }

    /// Whether the cookies the responses set go into the jar (on by default; off: curl_cffi's
    /// `discard_cookies`).
    pub fn store_cookies(self, store: bool) -> RequestBuilder {
        self.option(|o| o.store_cookies = Some(store))
    }

    /// The page this request comes from: sent as Referer by the browser's default policy
    /// (strict-origin-when-cross-origin) on the first request and every redirect hop.
    pub fn referer(self, url: &str) -> RequestBuilder {
        self.map(|req| {
            let url = Url::parse(url)
                .map_err(|e| Error::builder(format!("invalid referer {url:?}: {e}")))?;
            req.referrer = Some(url);
            Ok(())
        })
    }

    /// A total time limit for this request, redirects, retries and body included.
    pub fn timeout(self, timeout: Duration) -> RequestBuilder {
        self.option(|o| o.total_timeout = Some(timeout))
    }

    /// Time allowed for resolving, connecting and the TLS handshake.
    pub fn connect_timeout(self, timeout: Duration) -> RequestBuilder {
        self.option(|o| o.connect_timeout = Some(timeout))
    }

    /// Longest wait for the next byte of the response.
    pub fn read_timeout(self, timeout: Duration) -> RequestBuilder {
        self.option(|o| o.read_timeout = Some(timeout))
    }

    /// Speak only HTTP/1.1 for this request.
    pub fn http1_only(self) -> RequestBuilder {
        self.option(|o| o.version = Some(VersionPref::Http1))
    }

    /// Speak only HTTP/2 for this request.
    pub fn http2_only(self) -> RequestBuilder {
        self.option(|o| o.version = Some(VersionPref::Http2))
    }

    /// Let ALPN choose (HTTP/2 preferred over TLS), whatever the client says.
    pub fn http_auto(self) -> RequestBuilder {
        self.option(|o| o.version = Some(VersionPref::Auto))
    }

    /// How many redirects to follow for this request (0: none).
    pub fn max_redirects(self, max: usize) -> RequestBuilder {
        self.redirect(RedirectPolicy::limited(max))
    }

    /// The redirect policy for this request.
    pub fn redirect(self, policy: RedirectPolicy) -> RequestBuilder {
        self.option(|o| o.redirect = Some(policy))
    }

    /// Send the previous hop's URL as Referer on redirects (curl's `--referer ';auto'`).
    pub fn auto_referer(self, on: bool) -> RequestBuilder {
        self.option(|o| o.auto_referer = Some(on))
    }

    /// Whether to ask for compressed bodies and decode them.
    pub fn decompress(self, on: bool) -> RequestBuilder {
        self.option(|o| o.decompress = Some(on))
    }

    /// Look like this browser for this request (see [`ClientBuilder::impersonate`](crate::ClientBuilder::impersonate)).
    pub fn impersonate(self, name: &str) -> RequestBuilder {
        match ProfileRef::named(name) {
            Ok(p) => self.option(|o| o.profile = Some(Some(p))),
            Err(e) => self.fail(e),
        }
    }

    /// Look like the browser this profile describes, for this request.
    pub fn profile(self, profile: mummer_profile::Profile) -> RequestBuilder {
        match profile.validate() {
            Ok(()) => self.option(|o| o.profile = Some(Some(ProfileRef::new(profile)))),
            Err(e) => self.fail(Error::builder(e)),
        }
    }

    /// Whether the profile's default header values are sent (on by default; off keeps its
    /// header order, TLS and HTTP/2 shape, as curl_cffi's `default_headers=False`).
    pub fn default_headers(self, on: bool) -> RequestBuilder {
        self.option(|o| o.profile_headers = Some(on))
    }

    /// No browser profile for this request, even if the client has one.
    pub fn no_impersonate(self) -> RequestBuilder {
        self.option(|o| o.profile = Some(None))
    }

    /// Shape the ClientHello by a JA3 string, on top of this request's profile.
    pub fn ja3(self, ja3: &str) -> RequestBuilder {
        self.option(|o| o.profile_edits.push(ProfileEdit::Ja3(ja3.to_string())))
    }

    /// Shape the HTTP/2 preface by an Akamai string, on top of this request's profile.
    pub fn akamai(self, akamai: &str) -> RequestBuilder {
        self.option(|o| {
            o.profile_edits
                .push(ProfileEdit::Akamai(akamai.to_string()))
        })
    }

    /// Replace profile fields for this request (partial profile TOML).
    pub fn fingerprint_overrides(self, toml: &str) -> RequestBuilder {
        self.option(|o| {
            o.profile_edits
                .push(ProfileEdit::Overrides(toml.to_string()))
        })
    }

    /// Send this request through this proxy (see [`ClientBuilder::proxy`](crate::ClientBuilder::proxy)).
    pub fn proxy(self, url: &str) -> RequestBuilder {
        match Proxy::parse(url) {
            Ok(p) => self.option(|o| o.proxy = Some(Some(Arc::new(p)))),
            Err(e) => self.fail(e),
        }
    }

    /// No proxy for this request, even if the client has one.
    pub fn no_proxy(self) -> RequestBuilder {
        self.option(|o| o.proxy = Some(None))
    }

    /// Hosts reached without the proxy, in `NO_PROXY` syntax.
    pub fn no_proxy_for(self, hosts: &str) -> RequestBuilder {
        self.option(|o| o.no_proxy = Some(Arc::new(NoProxy::parse(hosts))))
    }

    /// Basic credentials for the proxy (replacing any in its URL).
    pub fn proxy_auth(self, user: &str, password: &str) -> RequestBuilder {
        self.option(|o| o.proxy_auth = Some((user.to_string(), password.to_string())))
    }

    /// Turns certificate verification off for this request (tests only).
    pub fn danger_accept_invalid_certs(self, accept: bool) -> RequestBuilder {
        self.option(|o| o.tls.push(TlsEdit::Verify(!accept)))
    }

    /// Also trust the CA certificates in this PEM file, for this request.
    pub fn add_root_certificate_file(self, path: impl Into<PathBuf>) -> RequestBuilder {
        let path = path.into();
        self.option(|o| o.tls.push(TlsEdit::AddCaFile(path)))
    }

    /// Also trust these PEM CA certificates, for this request.
    pub fn add_root_certificate_pem(self, pem: &[u8]) -> RequestBuilder {
        let pem = pem.to_vec();
        self.option(|o| o.tls.push(TlsEdit::AddCaPem(pem)))
    }

    /// Whether the bundled Mozilla roots are trusted for this request (off: only the roots
    /// added, as curl's `--cacert` replaces its bundle).
    pub fn use_bundled_roots(self, enabled: bool) -> RequestBuilder {
        self.option(|o| o.tls.push(TlsEdit::BundledRoots(enabled)))
    }

    /// Present this client certificate (PEM chain, leaf first) with its PEM key.
    pub fn identity_pem(self, cert_chain_pem: &[u8], key_pem: &[u8]) -> RequestBuilder {
        let id = ClientIdentity {
            cert_chain_pem: cert_chain_pem.to_vec(),
            key_pem: key_pem.to_vec(),
        };
        self.option(|o| o.tls.push(TlsEdit::Identity(id)))
    }

    /// The retry policy for this request (replacing the client's).
    pub fn retry(self, retry: Retry) -> RequestBuilder {
        self.option(|o| o.retry = Some(Some(Arc::new(retry))))
    }

    /// No retries for this request.
    pub fn no_retry(self) -> RequestBuilder {
        self.option(|o| o.retry = Some(None))
    }

    /// Transparent resume: up to `attempts` times, a body that fails mid-way is continued
    /// from where it stopped when the server can prove it is the same entity (0: off).
    pub fn resume(self, attempts: u32) -> RequestBuilder {
        self.option(|o| o.resume = Some(attempts))
    }

    /// Hand the body to the reader at most this many bytes per second (0: no limit).
    pub fn max_recv_speed(self, bytes_per_second: u64) -> RequestBuilder {
        self.option(|o| o.max_recv_speed = Some(Some(bytes_per_second).filter(|&b| b > 0)))
    }

    /// Fail the body with [`Kind::TooLarge`](crate::Kind::TooLarge) beyond this many decoded
    /// bytes.
    pub fn max_body_size(self, bytes: u64) -> RequestBuilder {
        self.option(|o| o.max_body_size = Some(Some(bytes)))
    }

    /// Connect from this local address or interface.
    pub fn local_address(self, local: LocalAddress) -> RequestBuilder {
        self.option(|o| o.local_address = Some(Some(local)))
    }

    fn fail(mut self, e: Error) -> RequestBuilder {
        if self.request.is_ok() {
            self.request = Err(e);
        }
        self
    }

    /// The request, or the first error made while building it.
    pub fn build(self) -> Result<Request> {
        self.request
    }

    /// This request's headers, cookies, referer, removed headers and option overrides, as a
    /// template for many requests sent the same way ([`Client::request_from`]); its method,
    /// URL and body are not kept. Fails with the first error made while building.
    pub fn into_template(self) -> Result<RequestTemplate> {
        let request = self.request?;
        Ok(RequestTemplate {
            parts: Arc::new(TemplateParts {
                headers: request.headers,
                cookies: request.cookies,
                referrer: request.referrer,
                suppressed: request.suppressed,
                options: request.options,
            }),
        })
    }

    /// Sends the request; resolves once the response head has arrived.
    pub async fn send(self) -> Result<Response> {
        let request = self.request?;
        self.client.execute(request).await
    }
}

/// What [`RequestBuilder::into_template`] keeps of a request.
struct TemplateParts {
    headers: Vec<(String, HeaderValue)>,
    cookies: Vec<(String, String)>,
    referrer: Option<Url>,
    suppressed: Vec<String>,
    options: Option<Arc<RequestOptions>>,
}

/// A request's headers and options built once, for a caller that sends many requests the same
/// way (a language binding's session): each request made from it with
/// [`Client::request_from`] starts with them instead of applying every option again (profile
/// lookups, TLS options merged and hashed), and shares the overrides laid over the client's
/// options. Cheap to clone.
#[derive(Clone)]
pub struct RequestTemplate {
    parts: Arc<TemplateParts>,
}

impl fmt::Debug for RequestTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<_> = self
            .parts
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), crate::response::mask(n, v.as_bytes())))
            .collect();
        f.debug_struct("RequestTemplate")
            .field("headers", &headers)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    /// A request to `url` starting from `template` (see [`Client::request_from`]).
    pub(crate) fn from_template(
        client: Client,
        template: &RequestTemplate,
        method: Method,
        url: &str,
    ) -> RequestBuilder {
        let parts = &template.parts;
        RequestBuilder::new(client, method, url).map(|req| {
            req.headers.clone_from(&parts.headers);
            req.cookies.clone_from(&parts.cookies);
            req.referrer.clone_from(&parts.referrer);
            req.suppressed.clone_from(&parts.suppressed);
            req.options.clone_from(&parts.options);
            Ok(())
        })
    }
}

fn set_content_type(req: &mut Request, value: &'static str) {
    if !req.has_header("content-type") {
        req.headers
            .push(("Content-Type".into(), HeaderValue::from_static(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_gives_each_request_its_headers_and_shared_options() {
        let client = Client::new();
        let template = client
            .get("http://template.invalid/")
            .header("X-One", "1")
            .without_header("Accept")
            .cookie("a", "1")
            .timeout(Duration::from_secs(5))
            .into_template()
            .expect("template");
        let build = |url: &str| {
            client
                .request_from(&template, Method::POST, url)
                .build()
                .expect("request")
        };
        let (a, b) = (build("http://a.test/x"), build("http://b.test/y"));
        assert_eq!(a.method, Method::POST);
        assert_eq!(a.url.as_str(), "http://a.test/x");
        assert_eq!(b.url.as_str(), "http://b.test/y");
        for r in [&a, &b] {
            assert_eq!(r.headers.len(), 1);
            assert_eq!(r.suppressed, ["Accept"]);
            assert_eq!(r.cookies, [("a".to_string(), "1".to_string())]);
        }
        let (oa, ob) = (a.options.expect("a's"), b.options.expect("b's"));
        assert!(Arc::ptr_eq(&oa, &ob));
        assert_eq!(oa.total_timeout, Some(Duration::from_secs(5)));
        // A bad URL still fails as without a template.
        assert!(
            client
                .request_from(&template, Method::GET, "nope")
                .build()
                .is_err()
        );
    }
}
