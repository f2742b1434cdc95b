//! The async [`Client`], its [`ClientBuilder`], and the exchange loop: pick or make a
//! connection, send, follow redirects, hand back a [`Response`] that owns its connection.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, StatusCode, Version};
use mummer_proto::Limits;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::body::{Body, ResponseBody, Source};
use crate::decode::{self, Decoder};
use crate::error::{Error, Kind, ProtocolError, Result, TimeoutKind};
use crate::h1::{H1Body, H1Conn, RequestHead, Timeouts};
use crate::h2::{H2Conn, H2Settings};
use crate::pool::{Pool, PoolConfig, PoolKey, PoolReturn, VersionPref};
use crate::request::{Request, RequestBuilder};
use crate::response::Response;
use crate::transport::proxy::{NoProxy, Proxy};
use crate::transport::tls::{ClientIdentity, TlsConnector, TlsOptions};
use crate::transport::{ConnInfo, Stream, tcp};

/// The User-Agent sent when neither the caller nor a profile sets one.
const DEFAULT_USER_AGENT: &str = concat!("mummer/", env!("CARGO_PKG_VERSION"));

/// An async HTTP client with a connection pool. Cheap to clone (clones share the pool).
///
/// ```no_run
/// # async fn run() -> mummer::Result<()> {
/// let client = mummer::Client::new();
/// let mut response = client.get("https://example.com/").send().await?;
/// while let Some(chunk) = response.chunk().await? {
///     println!("{} bytes", chunk.len());
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    config: Config,
    tls: TlsConnector,
    pool: Arc<Pool>,
    abort: CancellationToken,
    closed: AtomicBool,
    shape: u64,
}

#[derive(Clone)]
struct Config {
    headers: Vec<(String, HeaderValue)>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    resolve: HashMap<(String, u16), Vec<SocketAddr>>,
    version: VersionPref,
    max_redirects: usize,
    limits: Limits,
    h2: H2Settings,
    decompress: bool,
    pool: PoolConfig,
    profile: Option<Arc<mummer_profile::Profile>>,
    proxy: Option<Arc<Proxy>>,
    no_proxy: NoProxy,
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    config: Config,
    tls: TlsOptions,
    error: Option<Error>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            config: Config {
                headers: Vec::new(),
                connect_timeout: Some(Duration::from_secs(30)),
                read_timeout: None,
                total_timeout: None,
                resolve: HashMap::new(),
                version: VersionPref::Auto,
                max_redirects: 10,
                limits: Limits::default(),
                h2: H2Settings::default(),
                decompress: true,
                pool: PoolConfig {
                    idle_timeout: Duration::from_secs(90),
                    max_idle_per_host: 32,
                },
                profile: None,
                proxy: None,
                no_proxy: NoProxy::default(),
            },
            tls: TlsOptions::default(),
            error: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with the defaults: certificate verification on with the bundled Mozilla roots,
    /// HTTP/2 preferred over TLS, 30 s connect timeout, up to 10 redirects, decompression on.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A header sent with every request, in the order the calls are made. The name's letter
    /// case is kept on HTTP/1.1.
    pub fn default_header(mut self, name: &str, value: &str) -> ClientBuilder {
        match HeaderValue::from_str(value) {
            Ok(v) => {
                if let Some(slot) = self
                    .config
                    .headers
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    slot.1 = v;
                } else {
                    self.config.headers.push((name.to_string(), v));
                }
            }
            Err(e) => self.error = Some(Error::builder(e)),
        }
        self
    }

    /// Time allowed for resolving, TCP connect and the TLS handshake.
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.config.connect_timeout = Some(timeout);
        self
    }

    /// Longest wait for the next byte of a response (head or body).
    pub fn read_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.config.read_timeout = Some(timeout);
        self
    }

    /// Time allowed for a whole exchange, body included.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.config.total_timeout = Some(timeout);
        self
    }

    /// Sends connections for `host:port` to `addr` instead of resolving (curl's `--resolve`).
    /// Several calls for one host and port add addresses, tried in order.
    pub fn resolve(mut self, host: &str, port: u16, addr: SocketAddr) -> ClientBuilder {
        self.config
            .resolve
            .entry((host.to_ascii_lowercase(), port))
            .or_default()
            .push(addr);
        self
    }

    /// Sends every request through this proxy: `http://[user:pass@]host[:port]` (CONNECT
    /// tunnels for https, absolute-form requests for plain http), `socks5://...` (names
    /// resolved here) or `socks5h://...` (names resolved by the proxy). Without a scheme it is
    /// an HTTP proxy; without a port, port 1080. Connections through a proxy are never shared
    /// with direct ones.
    pub fn proxy(mut self, url: &str) -> ClientBuilder {
        match Proxy::parse(url) {
            Ok(p) => self.config.proxy = Some(Arc::new(p)),
            Err(e) => self.error = Some(e),
        }
        self
    }

    /// Hosts reached directly despite [`proxy`](Self::proxy), in `NO_PROXY` syntax:
    /// comma-separated names (each also matching its subdomains), IP addresses, or `*`.
    pub fn no_proxy(mut self, hosts: &str) -> ClientBuilder {
        self.config.no_proxy = NoProxy::parse(hosts);
        self
    }

    /// Speak only HTTP/1.1.
    pub fn http1_only(mut self) -> ClientBuilder {
        self.config.version = VersionPref::Http1;
        self
    }

    /// Speak only HTTP/2 (over TLS by ALPN; on plain TCP with prior knowledge).
    pub fn http2_only(mut self) -> ClientBuilder {
        self.config.version = VersionPref::Http2;
        self
    }

    /// How many redirects to follow (0 turns following off).
    pub fn max_redirects(mut self, max: usize) -> ClientBuilder {
        self.config.max_redirects = max;
        self
    }

    /// Largest response head (status line and headers) accepted, in bytes; 256 KiB by default.
    pub fn max_response_head_size(mut self, bytes: usize) -> ClientBuilder {
        self.config.limits.max_head_bytes = bytes;
        self
    }

    /// Whether to ask for compressed bodies and decode them (on by default).
    pub fn decompress(mut self, enabled: bool) -> ClientBuilder {
        self.config.decompress = enabled;
        self
    }

    /// How long an idle connection is kept.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.config.pool.idle_timeout = timeout;
        self
    }

    /// How many idle connections are kept per origin.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> ClientBuilder {
        self.config.pool.max_idle_per_host = max;
        self
    }

    /// Turns certificate and host name verification off. Anyone on the path can then read and
    /// change the traffic: for tests only.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> ClientBuilder {
        self.tls.verify = !accept;
        self
    }

    /// Also trust the system's certificate store.
    pub fn use_system_roots(mut self, enabled: bool) -> ClientBuilder {
        self.tls.system_roots = enabled;
        self
    }

    /// Whether to trust the bundled Mozilla roots (on by default).
    pub fn use_bundled_roots(mut self, enabled: bool) -> ClientBuilder {
        self.tls.bundled_roots = enabled;
        self
    }

    /// Also trust the CA certificates in this PEM file.
    pub fn add_root_certificate_file(mut self, path: impl Into<PathBuf>) -> ClientBuilder {
        self.tls.ca_files.push(path.into());
        self
    }

    /// Also trust these PEM CA certificates.
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> ClientBuilder {
        self.tls.ca_pems.push(pem.to_vec());
        self
    }

    /// Presents this client certificate (PEM chain, leaf first) with its PEM private key.
    pub fn identity_pem(mut self, cert_chain_pem: &[u8], key_pem: &[u8]) -> ClientBuilder {
        self.tls.identity = Some(ClientIdentity {
            cert_chain_pem: cert_chain_pem.to_vec(),
            key_pem: key_pem.to_vec(),
        });
        self
    }

    /// Looks like this browser on the wire: TLS ClientHello, HTTP/2 preface and HEADERS,
    /// HTTP/1.1 header order and case, default headers. `name` is a profile name or alias
    /// (`chrome`, `firefox`, `chrome_156`, curl_cffi's `chrome131`...; see
    /// `mummer fingerprint list`).
    pub fn impersonate(mut self, name: &str) -> ClientBuilder {
        match mummer_profile::get(name) {
            Ok(p) => self.config.profile = Some(Arc::new(p.clone())),
            Err(e) => self.error = Some(Error::builder(e)),
        }
        self
    }

    /// Looks like the browser this (possibly customised) profile describes.
    pub fn profile(mut self, profile: mummer_profile::Profile) -> ClientBuilder {
        match profile.validate() {
            Ok(()) => self.config.profile = Some(Arc::new(profile)),
            Err(e) => self.error = Some(Error::builder(e)),
        }
        self
    }

    /// Shapes the ClientHello by a JA3 string, on top of the profile set so far (Chrome's if
    /// none).
    pub fn ja3(self, ja3: &str) -> ClientBuilder {
        self.customise(|p| p.with_ja3(ja3))
    }

    /// Shapes the HTTP/2 preface by an Akamai fingerprint string, on top of the profile set
    /// so far (Chrome's if none).
    pub fn akamai(self, akamai: &str) -> ClientBuilder {
        self.customise(|p| p.with_akamai(akamai))
    }

    /// Replaces some fields of the profile set so far (Chrome's if none), given as a partial
    /// profile in TOML (see `mummer_profile::Profile::with_overrides`), e.g.
    /// `"[tls]\nrecord_size_limit = 16385"`. An unknown field or invalid value is a builder
    /// error that names it.
    pub fn fingerprint_overrides(self, toml: &str) -> ClientBuilder {
        self.customise(|p| p.with_overrides(toml))
    }

    fn customise(
        mut self,
        f: impl FnOnce(
            &mummer_profile::Profile,
        )
            -> std::result::Result<mummer_profile::Profile, mummer_profile::ProfileError>,
    ) -> ClientBuilder {
        let base = match &self.config.profile {
            Some(p) => Ok(p.as_ref().clone()),
            None => mummer_profile::get("chrome").cloned(),
        };
        match base.and_then(|b| f(&b)) {
            Ok(p) => self.config.profile = Some(Arc::new(p)),
            Err(e) => self.error = Some(Error::builder(e)),
        }
        self
    }

    /// Builds the client.
    pub fn build(mut self) -> Result<Client> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if let Some(profile) = &self.config.profile {
            self.config.h2.profile = Some(Arc::new(profile.http2.clone()));
        }
        let tls = TlsConnector::new(&self.tls, self.config.profile.as_ref().map(|p| &p.tls))?;
        // A fresh identity per client: two clients never share connections, so their shapes
        // (TLS options, profile, overrides) need no finer comparison.
        static NEXT_SHAPE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let shape = NEXT_SHAPE.fetch_add(1, Ordering::Relaxed);
        Ok(Client {
            inner: Arc::new(ClientInner {
                pool: Pool::new(self.config.pool),
                config: self.config,
                tls,
                abort: CancellationToken::new(),
                closed: AtomicBool::new(false),
                shape,
            }),
        })
    }
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl Client {
    /// A client with the default configuration.
    ///
    /// # Panics
    /// If BoringSSL cannot be initialised, which only happens when the process is out of
    /// memory; use [`Client::builder`] to get that as an error.
    pub fn new() -> Client {
        match ClientBuilder::new().build() {
            Ok(c) => c,
            Err(e) => panic!("default client: {e}"),
        }
    }

    /// A builder for a configured client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A request with any method.
    pub fn request(&self, method: Method, url: &str) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, url)
    }

    /// A GET request.
    pub fn get(&self, url: &str) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    /// A POST request.
    pub fn post(&self, url: &str) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    /// A PUT request.
    pub fn put(&self, url: &str) -> RequestBuilder {
        self.request(Method::PUT, url)
    }

    /// A DELETE request.
    pub fn delete(&self, url: &str) -> RequestBuilder {
        self.request(Method::DELETE, url)
    }

    /// A HEAD request.
    pub fn head(&self, url: &str) -> RequestBuilder {
        self.request(Method::HEAD, url)
    }

    /// A PATCH request.
    pub fn patch(&self, url: &str) -> RequestBuilder {
        self.request(Method::PATCH, url)
    }

    /// Refuses new requests and closes idle connections. Responses already received keep
    /// their connections and can be read to the end.
    pub fn close(&self) {
        self.inner.closed.store(true, Ordering::Release);
        self.inner.pool.close();
    }

    /// Makes every in-flight exchange and every body still being read fail with an
    /// [`Kind::Aborted`] error, and closes the client.
    pub fn abort(&self) {
        self.inner.abort.cancel();
        self.close();
    }

    /// Whether [`close`](Client::close) or [`abort`](Client::abort) was called.
    pub fn is_closed(&self) -> bool {
        self.inner.closed.load(Ordering::Acquire)
    }

    /// Idle HTTP/1.1 connections in the pool.
    pub fn idle_connections(&self) -> usize {
        self.inner.pool.idle_count()
    }

    /// Sends a request and returns the response once its head arrived.
    pub async fn execute(&self, request: Request) -> Result<Response> {
        let url = request.url.clone();
        self.execute_inner(request)
            .await
            .map_err(|e| if e.has_url() { e } else { e.with_url(&url) })
    }

    async fn execute_inner(&self, mut request: Request) -> Result<Response> {
        let total = request.timeout.or(self.inner.config.total_timeout);
        let deadline = total.map(|t| (Instant::now() + t, t));
        let mut redirects = 0usize;
        loop {
            if self.is_closed() {
                return Err(Error::new(Kind::ClientClosed, None));
            }
            let replay = request.body.as_ref().and_then(Body::try_clone);
            let exchange = self.send_once(&mut request, deadline);
            let response = match deadline {
                Some((at, limit)) => tokio::select! {
                    r = exchange => r?,
                    _ = tokio::time::sleep_until(at) => {
                        return Err(Error::timeout(TimeoutKind::Total, limit));
                    }
                },
                None => exchange.await?,
            };
            let Some(next) = self.redirect_target(&request, &response, redirects)? else {
                return Ok(response);
            };
            redirects += 1;
            request = self.redirected(request, &response, next, replay)?;
        }
    }

    fn redirect_target(
        &self,
        request: &Request,
        response: &Response,
        redirects: usize,
    ) -> Result<Option<Url>> {
        let max = request
            .max_redirects
            .unwrap_or(self.inner.config.max_redirects);
        if max == 0
            || !matches!(
                response.status,
                StatusCode::MOVED_PERMANENTLY
                    | StatusCode::FOUND
                    | StatusCode::SEE_OTHER
                    | StatusCode::TEMPORARY_REDIRECT
                    | StatusCode::PERMANENT_REDIRECT
            )
        {
            return Ok(None);
        }
        let Some(location) = response.headers.get(http::header::LOCATION) else {
            return Ok(None);
        };
        if redirects >= max {
            return Err(Error::new(
                Kind::Redirect,
                Some(format!("more than {max} redirects").into()),
            ));
        }
        let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
        let next = request.url.join(&location).map_err(|e| {
            Error::new(
                Kind::Redirect,
                Some(format!("bad Location {location:?}: {e}").into()),
            )
        })?;
        if !matches!(next.scheme(), "http" | "https") {
            return Err(Error::new(
                Kind::Redirect,
                Some(format!("refusing to follow a redirect to {}", next.scheme()).into()),
            ));
        }
        Ok(Some(next))
    }

    fn redirected(
        &self,
        mut request: Request,
        response: &Response,
        next: Url,
        replay: Option<Body>,
    ) -> Result<Request> {
        let status = response.status;
        let keep_method = matches!(
            status,
            StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
        );
        if keep_method {
            if request.body.is_some() && replay.is_none() {
                return Err(Error::new(
                    Kind::Redirect,
                    Some("a streamed body cannot be sent again to follow a 307/308".into()),
                ));
            }
            request.body = replay;
        } else {
            // As browsers do: 303 always, and 301/302 after POST, become a GET without a body.
            if status == StatusCode::SEE_OTHER || request.method == Method::POST {
                if request.method != Method::HEAD {
                    request.method = Method::GET;
                }
                request.body = None;
                request.headers.retain(|(n, _)| {
                    !n.eq_ignore_ascii_case("content-type")
                        && !n.eq_ignore_ascii_case("content-length")
                        && !n.eq_ignore_ascii_case("transfer-encoding")
                });
            } else {
                request.body = replay;
            }
        }
        let same_origin = next.scheme() == request.url.scheme()
            && next.host_str() == request.url.host_str()
            && next.port_or_known_default() == request.url.port_or_known_default();
        if !same_origin {
            // Credentials are for the origin they were given to.
            request.headers.retain(|(n, _)| {
                !n.eq_ignore_ascii_case("authorization")
                    && !n.eq_ignore_ascii_case("cookie")
                    && !n.eq_ignore_ascii_case("proxy-authorization")
            });
        }
        request.url = next;
        Ok(request)
    }

    fn pool_key(&self, url: &Url, version: VersionPref) -> Result<PoolKey> {
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            other => {
                return Err(Error::builder(format!("unsupported URL scheme {other:?}")));
            }
        };
        let host = url
            .host_str()
            .ok_or_else(|| Error::builder("URL has no host"))?
            .to_ascii_lowercase();
        let port = url
            .port_or_known_default()
            .ok_or_else(|| Error::builder("URL has no port"))?;
        let config = &self.inner.config;
        let proxy = config
            .proxy
            .clone()
            .filter(|_| !config.no_proxy.bypasses(&host));
        Ok(PoolKey {
            https,
            host,
            port,
            version,
            proxy,
            shape: self.inner.shape,
        })
    }

    /// One exchange, without redirects; retries on a fresh connection only when the request
    /// cannot have been processed and can be sent again.
    async fn send_once(
        &self,
        request: &mut Request,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<Response> {
        let version = request.version.unwrap_or(self.inner.config.version);
        let key = self.pool_key(&request.url, version)?;
        let replayable = request.body.as_ref().is_none_or(|b| !b.is_stream());
        let idempotent = matches!(
            request.method,
            Method::GET
                | Method::HEAD
                | Method::OPTIONS
                | Method::TRACE
                | Method::PUT
                | Method::DELETE
        );
        let mut attempts = 0;
        loop {
            attempts += 1;
            let may_retry = attempts < 3 && replayable;
            let mut body = match &request.body {
                Some(b) => match b.try_clone() {
                    Some(clone) => clone,
                    None => request.body.take().unwrap_or_default(),
                },
                None => Body::empty(),
            };
            match self.connection(&key, deadline).await? {
                Conn::H2(conn) => {
                    let h2_request = self.h2_request(request, &body)?;
                    match conn
                        .send(h2_request, &mut body, self.inner.config.read_timeout)
                        .await
                    {
                        Ok((parts, h2_body)) => {
                            let url = request.url.clone();
                            return Ok(self.response(
                                parts.status,
                                Version::HTTP_2,
                                parts.headers,
                                url,
                                conn.info.remote_addr,
                                Source::H2(h2_body),
                                &request.method,
                                deadline,
                            ));
                        }
                        Err(failure) => {
                            self.inner.pool.remove_h2(&key);
                            if failure.retryable && may_retry {
                                continue;
                            }
                            return Err(failure.error);
                        }
                    }
                }
                Conn::H1(mut conn) => {
                    let reused = conn.reused;
                    let forward = forwarding_proxy(&key);
                    let target = match forward {
                        Some(_) => absolute_form(&request.url),
                        None => origin_form(&request.url),
                    };
                    let mut headers = self.h1_headers(request, &body)?;
                    if let Some(auth) = forward.and_then(|p| p.authorization())
                        && !request.has_header("proxy-authorization")
                    {
                        headers.push((
                            "Proxy-Authorization".into(),
                            Bytes::copy_from_slice(auth.as_bytes()),
                        ));
                    }
                    let head = RequestHead {
                        method: request.method.as_str(),
                        target: &target,
                        headers: &headers,
                    };
                    let timeouts = Timeouts {
                        read: self.inner.config.read_timeout,
                    };
                    match conn
                        .send(&head, &mut body, &self.inner.config.limits, &timeouts)
                        .await
                    {
                        Ok(head) => {
                            return self.h1_response(conn, head, request, &headers, key, deadline);
                        }
                        Err(failure) => {
                            if reused && failure.no_response && idempotent && may_retry {
                                continue;
                            }
                            return Err(failure.error);
                        }
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn response(
        &self,
        status: StatusCode,
        version: Version,
        headers: HeaderMap,
        url: Url,
        remote_addr: Option<SocketAddr>,
        source: Source,
        method: &Method,
        deadline: Option<(Instant, Duration)>,
    ) -> Response {
        let decoder = if self.inner.config.decompress && *method != Method::HEAD {
            headers
                .get(http::header::CONTENT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .and_then(Decoder::for_content_encoding)
        } else {
            None
        };
        let body = ResponseBody::new(
            source,
            decoder,
            deadline,
            self.inner.config.read_timeout,
            self.inner.abort.clone(),
            url.clone(),
        );
        Response {
            status,
            version,
            headers,
            url,
            remote_addr,
            body,
        }
    }

    fn h1_response(
        &self,
        conn: H1Conn,
        head: mummer_proto::ResponseHead,
        request: &Request,
        request_headers: &[(String, Bytes)],
        key: PoolKey,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<Response> {
        let status = StatusCode::from_u16(head.status).map_err(|_| {
            Error::protocol(ProtocolError::Http1(
                mummer_proto::ProtoError::InvalidStatusLine,
            ))
        })?;
        let kind = mummer_proto::body_kind(request.method.as_str(), &head)
            .map_err(|e| Error::protocol(ProtocolError::Http1(e)))?;
        let keep_alive = mummer_proto::response_keeps_alive(&head, kind)
            && !mummer_proto::request_wants_close(
                request_headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_ref())),
            );
        let mut headers = HeaderMap::with_capacity(head.headers.len());
        for (name, value) in &head.headers {
            if let (Ok(n), Ok(v)) = (
                http::header::HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(value),
            ) {
                headers.append(n, v);
            }
        }
        let version = match head.version {
            mummer_proto::HttpVersion::Http10 => Version::HTTP_10,
            mummer_proto::HttpVersion::Http11 => Version::HTTP_11,
        };
        let remote_addr = conn.info.remote_addr;
        let pool = Box::new(PoolReturn {
            pool: Arc::downgrade(&self.inner.pool),
            key,
        });
        let body = H1Body::new(
            conn,
            kind,
            keep_alive,
            self.inner.config.limits,
            Some(pool),
            self.inner.config.read_timeout,
        );
        Ok(self.response(
            status,
            version,
            headers,
            request.url.clone(),
            remote_addr,
            Source::H1(body),
            &request.method,
            deadline,
        ))
    }

    /// The header list for HTTP/1.1: Host first, then the client's defaults with the request's
    /// own headers merged into their places, then what the body needs.
    fn h1_headers(&self, request: &Request, body: &Body) -> Result<Vec<(String, Bytes)>> {
        let mut out: Vec<(String, Bytes)> = Vec::with_capacity(16);
        match &self.inner.config.profile {
            Some(profile) => {
                let host = (!request.has_header("host")).then(|| host_header(&request.url));
                self.profile_headers(
                    &profile.http1.header_order,
                    profile,
                    request,
                    host,
                    &mut out,
                );
            }
            None => {
                if !request.has_header("host") {
                    out.push(("Host".to_string(), Bytes::from(host_header(&request.url))));
                }
                self.merged_headers(request, &mut out);
            }
        }
        if !body_forbidden(&request.method) || request.body.is_some() {
            let has_cl = request.has_header("content-length");
            let has_te = request.has_header("transfer-encoding");
            if !has_cl && !has_te {
                match body.content_length() {
                    Some(0) if !method_expects_body(&request.method) => {}
                    Some(len) => out.push(("Content-Length".into(), Bytes::from(len.to_string()))),
                    None => out.push(("Transfer-Encoding".into(), Bytes::from_static(b"chunked"))),
                }
            }
        }
        Ok(out)
    }

    fn merged_headers(&self, request: &Request, out: &mut Vec<(String, Bytes)>) {
        let config = &self.inner.config;
        let mut used = vec![false; request.headers.len()];
        for (name, value) in &config.headers {
            // A request header replaces the default of the same name in the default's place.
            let own = request
                .headers
                .iter()
                .enumerate()
                .filter(|(_, (n, _))| n.eq_ignore_ascii_case(name))
                .map(|(i, (n, v))| (i, n, v))
                .collect::<Vec<_>>();
            if own.is_empty() {
                out.push((name.clone(), Bytes::copy_from_slice(value.as_bytes())));
            } else {
                for (i, n, v) in own {
                    used[i] = true;
                    out.push((n.clone(), Bytes::copy_from_slice(v.as_bytes())));
                }
            }
        }
        let has = |name: &str, out: &Vec<(String, Bytes)>, request: &Request| {
            out.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) || request.has_header(name)
        };
        if !has("user-agent", out, request) {
            out.push((
                "User-Agent".into(),
                Bytes::from_static(DEFAULT_USER_AGENT.as_bytes()),
            ));
        }
        if !has("accept", out, request) {
            out.push(("Accept".into(), Bytes::from_static(b"*/*")));
        }
        for (i, (name, value)) in request.headers.iter().enumerate() {
            if !used[i] {
                out.push((name.clone(), Bytes::copy_from_slice(value.as_bytes())));
            }
        }
        if config.decompress && !has("accept-encoding", out, request) {
            out.push((
                "Accept-Encoding".into(),
                Bytes::from_static(decode::SUPPORTED.as_bytes()),
            ));
        }
    }

    /// Headers in a browser's order: each name the profile's order lists takes its place with
    /// the profile's letter case, valued by the request, the client's defaults, or the
    /// browser's default, in that precedence; other request headers follow in their own order.
    fn profile_headers(
        &self,
        order: &[String],
        profile: &mummer_profile::Profile,
        request: &Request,
        host: Option<String>,
        out: &mut Vec<(String, Bytes)>,
    ) {
        let config = &self.inner.config;
        for name in order {
            if name.eq_ignore_ascii_case("host") {
                if let Some(h) = &host {
                    out.push((name.clone(), Bytes::from(h.clone())));
                    continue;
                }
            }
            let own: Vec<_> = request
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .collect();
            if !own.is_empty() {
                for (_, v) in own {
                    out.push((name.clone(), Bytes::copy_from_slice(v.as_bytes())));
                }
                continue;
            }
            if let Some((_, v)) = config
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                out.push((name.clone(), Bytes::copy_from_slice(v.as_bytes())));
                continue;
            }
            if name.eq_ignore_ascii_case("accept-encoding") && !config.decompress {
                continue;
            }
            if let Some(v) = profile.header(name) {
                out.push((name.clone(), Bytes::copy_from_slice(v.as_bytes())));
            }
        }
        let listed = |n: &str| order.iter().any(|o| o.eq_ignore_ascii_case(n));
        for (name, value) in &config.headers {
            if !listed(name) && !request.has_header(name) {
                out.push((name.clone(), Bytes::copy_from_slice(value.as_bytes())));
            }
        }
        for (name, value) in &request.headers {
            if !listed(name) {
                out.push((name.clone(), Bytes::copy_from_slice(value.as_bytes())));
            }
        }
    }

    fn h2_request(&self, request: &Request, body: &Body) -> Result<http::Request<()>> {
        let mut merged = Vec::with_capacity(16);
        match &self.inner.config.profile {
            Some(profile) => self.profile_headers(
                &profile.http2.header_order,
                profile,
                request,
                None,
                &mut merged,
            ),
            None => self.merged_headers(request, &mut merged),
        }
        let mut builder = http::Request::builder()
            .method(request.method.clone())
            .uri(request.url.as_str())
            .version(Version::HTTP_2);
        let headers = builder
            .headers_mut()
            .ok_or_else(|| Error::builder("invalid request"))?;
        for (name, value) in merged {
            let lower = name.to_ascii_lowercase();
            // Connection-specific fields are forbidden in HTTP/2 (RFC 9113 section 8.2.2).
            if matches!(
                lower.as_str(),
                "host"
                    | "connection"
                    | "keep-alive"
                    | "proxy-connection"
                    | "transfer-encoding"
                    | "upgrade"
            ) {
                continue;
            }
            let name =
                http::header::HeaderName::from_bytes(lower.as_bytes()).map_err(Error::builder)?;
            let value = HeaderValue::from_maybe_shared(value).map_err(Error::builder)?;
            headers.append(name, value);
        }
        if !headers.contains_key(http::header::CONTENT_LENGTH) {
            if let Some(len) = body.content_length() {
                if len > 0 || method_expects_body(&request.method) {
                    headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(len));
                }
            }
        }
        builder.body(()).map_err(Error::builder)
    }

    /// The User-Agent this client sends by default (its own, the profile's, or mummer's), which
    /// a browser also sends with CONNECT.
    fn user_agent(&self) -> Option<&str> {
        let config = &self.inner.config;
        let own = config
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
            .and_then(|(_, v)| v.to_str().ok());
        let profile = || {
            config.profile.as_ref().and_then(|p| {
                p.headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
                    .map(|(_, v)| v.as_str())
            })
        };
        own.or_else(profile).or(Some(DEFAULT_USER_AGENT))
    }

    /// A connection for `key`: the shared HTTP/2 one, an idle HTTP/1.1 one, or a new one.
    async fn connection(
        &self,
        key: &PoolKey,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<Conn> {
        let pool = &self.inner.pool;
        if let Some(h2) = pool.h2(key) {
            return Ok(Conn::H2(h2));
        }
        if let Some(h1) = pool.take_h1(key) {
            return Ok(Conn::H1(h1));
        }
        let may_be_h2 = match key.version {
            VersionPref::Http1 => false,
            VersionPref::Http2 => true,
            VersionPref::Auto => key.https && !pool.is_h1_only(key),
        };
        if !may_be_h2 {
            return self.connect(key, deadline).await;
        }
        // Concurrent first requests wait for one connection attempt, then share its HTTP/2
        // connection instead of each opening one.
        let lock = pool.connect_lock(key);
        let _guard = lock.lock().await;
        if let Some(h2) = pool.h2(key) {
            return Ok(Conn::H2(h2));
        }
        if let Some(h1) = pool.take_h1(key) {
            return Ok(Conn::H1(h1));
        }
        let conn = self.connect(key, deadline).await?;
        match &conn {
            Conn::H2(h2) => pool.insert_h2(key.clone(), h2.clone()),
            Conn::H1(_) => pool.mark_h1_only(key),
        }
        Ok(conn)
    }

    async fn connect(&self, key: &PoolKey, deadline: Option<(Instant, Duration)>) -> Result<Conn> {
        if self.inner.abort.is_cancelled() {
            return Err(Error::new(Kind::Aborted, None));
        }
        let config = &self.inner.config;
        let connect_deadline = match (config.connect_timeout, deadline) {
            (Some(t), Some((at, limit))) => {
                let own = Instant::now() + t;
                Some(if own < at { (own, t) } else { (at, limit) })
            }
            (Some(t), None) => Some((Instant::now() + t, t)),
            (None, d) => d,
        };
        let overrides_for = |host: &str, port: u16| {
            config
                .resolve
                .get(&(host.to_string(), port))
                .map(Vec::as_slice)
                .unwrap_or(&[])
        };
        let overrides = overrides_for(&key.host, key.port);
        let work = async {
            let tcp = match &key.proxy {
                None => tcp::connect(&key.host, key.port, overrides, connect_deadline).await?,
                Some(proxy) => {
                    let mut tcp = tcp::connect(
                        &proxy.host,
                        proxy.port,
                        overrides_for(&proxy.host, proxy.port),
                        connect_deadline,
                    )
                    .await
                    .map_err(|e| Error::connect(format!("to proxy: {e}")))?;
                    if forwarding_proxy(key).is_none() {
                        let user_agent = self.user_agent();
                        proxy
                            .tunnel(&mut tcp, &key.host, key.port, overrides, user_agent)
                            .await?;
                    }
                    tcp
                }
            };
            let remote_addr = tcp.peer_addr().ok();
            // Nagle would hold back small requests behind an unacknowledged segment.
            let _ = tcp.set_nodelay(true);
            if key.https {
                let alpn: &[u8] = match key.version {
                    VersionPref::Auto => b"\x02h2\x08http/1.1",
                    VersionPref::Http1 => b"\x08http/1.1",
                    VersionPref::Http2 => b"\x02h2",
                };
                let (tls, h2) = self.inner.tls.connect(&key.host, tcp, alpn).await?;
                let info = ConnInfo { remote_addr };
                let io = Stream::Tls(Box::new(tls));
                if h2 {
                    Ok(Conn::H2(H2Conn::handshake(io, info, &config.h2).await?))
                } else if key.version == VersionPref::Http2 {
                    Err(Error::connect("server did not agree to HTTP/2"))
                } else {
                    Ok(Conn::H1(H1Conn::new(io, info)))
                }
            } else {
                let info = ConnInfo { remote_addr };
                let io = Stream::Plain(tcp);
                if key.version == VersionPref::Http2 {
                    Ok(Conn::H2(H2Conn::handshake(io, info, &config.h2).await?))
                } else {
                    Ok(Conn::H1(H1Conn::new(io, info)))
                }
            }
        };
        let aborted = self.inner.abort.cancelled();
        let result = match connect_deadline {
            Some((at, limit)) => tokio::select! {
                _ = aborted => Err(Error::new(Kind::Aborted, None)),
                r = tokio::time::timeout_at(at, work) => r.unwrap_or_else(|_| Err(Error::timeout(TimeoutKind::Connect, limit))),
            },
            None => tokio::select! {
                _ = aborted => Err(Error::new(Kind::Aborted, None)),
                r = work => r,
            },
        };
        if let Ok(Conn::H1(c)) = &result {
            c.io.set_nodelay();
        }
        result
    }
}

enum Conn {
    H1(H1Conn),
    H2(H2Conn),
}

/// The HTTP proxy that plain-http requests for `key` go to in absolute form, if any: the rest
/// (https, HTTP/2 with prior knowledge, SOCKS) is tunnelled.
fn forwarding_proxy(key: &PoolKey) -> Option<&Proxy> {
    key.proxy
        .as_deref()
        .filter(|p| p.forwards_plain_http() && !key.https && key.version != VersionPref::Http2)
}

/// The whole URL for a request line to a forwarding proxy, without credentials or fragment.
fn absolute_form(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    url.into()
}

/// `path?query` for the request line.
fn origin_form(url: &Url) -> String {
    let mut target = url.path().to_string();
    if target.is_empty() {
        target.push('/');
    }
    if let Some(q) = url.query() {
        target.push('?');
        target.push_str(q);
    }
    target
}

fn host_header(url: &Url) -> String {
    let host = match url.host() {
        Some(url::Host::Ipv6(a)) => format!("[{a}]"),
        Some(h) => h.to_string(),
        None => String::new(),
    };
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn body_forbidden(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET
            | Method::HEAD
            | Method::OPTIONS
            | Method::TRACE
            | Method::DELETE
            | Method::CONNECT
    )
}

fn method_expects_body(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH)
}
