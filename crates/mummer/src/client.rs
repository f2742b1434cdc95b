//! The async [`Client`] and its [`ClientBuilder`]: options, the pool, the TLS connectors. The
//! exchange itself is the run loop's (`crate::run`).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{HeaderValue, Method};
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::error::{Error, Result};
use crate::h2::H2Settings;
use crate::options::{Options, ProfileEdit, ProfileRef, TlsEdit, TlsRef};
use crate::policy::auth::Auth;
use crate::policy::cookies::CookieJar;
use crate::policy::redirect::RedirectPolicy;
use crate::policy::retry::Retry;
use crate::pool::{Pool, PoolConfig, PoolStats, VersionPref};
use crate::request::{Request, RequestBuilder};
use crate::response::Response;
use crate::transport::proxy::{NoProxy, Proxy};
use crate::transport::tcp::LocalAddress;
use crate::transport::tls::{ClientIdentity, TlsConnector, TlsOptions};

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
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    /// Unique in the process: what per-request overrides laid over `options` are kept by.
    pub(crate) id: u64,
    pub(crate) options: Options,
    /// `--resolve` overrides: client-wide, like the pool they feed.
    pub(crate) resolve: HashMap<(String, u16), Vec<SocketAddr>>,
    pub(crate) h2: H2Settings,
    /// BoringSSL contexts by (profile, TLS options): one per shape in use, bounded.
    connectors: Mutex<Vec<(Shape, Arc<TlsConnector>)>>,
    pub(crate) pool: Arc<Pool>,
    /// Digest challenges answered, for the next request to the same origin.
    pub(crate) digest: crate::policy::auth::DigestCache,
    pub(crate) abort: CancellationToken,
    closed: AtomicBool,
    /// The URL last parsed for a request, as given and parsed: a program that sends to the
    /// same URL again and again gets a copy instead of a parse.
    last_url: Mutex<Option<(String, Url)>>,
}

impl ClientInner {
    /// `url` parsed, from `last_url` when it is the same text (parsing is deterministic).
    pub(crate) fn parse_url(&self, url: &str) -> std::result::Result<Url, url::ParseError> {
        // Another thread parsing at the same moment just parses for itself.
        if let Ok(last) = self.last_url.try_lock()
            && let Some((text, parsed)) = last.as_ref()
            && text == url
        {
            return Ok(parsed.clone());
        }
        let parsed = Url::parse(url)?;
        if let Ok(mut last) = self.last_url.try_lock() {
            match last.as_mut() {
                Some((text, kept)) => {
                    text.clear();
                    text.push_str(url);
                    kept.clone_from(&parsed);
                }
                None => *last = Some((url.to_string(), parsed.clone())),
            }
        }
        Ok(parsed)
    }
}

/// TLS contexts kept per client (each shape a program uses per request needs one).
const MAX_CONNECTORS: usize = 16;

/// What a TLS context depends on: the profile's identity and the TLS options' identity.
type Shape = (Option<u64>, u64);

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    options: Options,
    tls: TlsOptions,
    resolve: HashMap<(String, u16), Vec<SocketAddr>>,
    h2: H2Settings,
    pool: PoolConfig,
    proxy_auth: Option<(String, String)>,
    error: Option<Error>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            options: Options::default(),
            tls: TlsOptions::default(),
            resolve: HashMap::new(),
            h2: H2Settings::default(),
            pool: PoolConfig {
                idle_timeout: Duration::from_secs(90),
                max_idle_per_host: 32,
                max_idle_total: 512,
            },
            proxy_auth: None,
            error: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with the defaults: certificate verification on with the bundled Mozilla roots,
    /// HTTP/2 preferred over TLS, 30 s connect timeout, up to 10 redirects, decompression on,
    /// no cookie jar, no retry policy.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    fn fail(mut self, e: Error) -> ClientBuilder {
        if self.error.is_none() {
            self.error = Some(e);
        }
        self
    }

    /// A header sent with every request, in the order the calls are made. The name's letter
    /// case is kept on HTTP/1.1.
    pub fn default_header(mut self, name: &str, value: &str) -> ClientBuilder {
        if let Err(e) = http::header::HeaderName::from_bytes(name.as_bytes()) {
            return self.fail(Error::builder(e));
        }
        match HeaderValue::from_str(value) {
            Ok(v) => {
                let headers = &mut self.options.headers;
                match headers
                    .iter_mut()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    Some(slot) => slot.1 = v,
                    None => headers.push((name.to_string(), v)),
                }
                self
            }
            Err(e) => self.fail(Error::builder(e)),
        }
    }

    /// Time allowed for resolving, TCP connect, a proxy tunnel and the TLS handshake.
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.options.timeouts.connect = Some(timeout);
        self
    }

    /// Longest wait for the next byte of a response (head or body).
    pub fn read_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.options.timeouts.read = Some(timeout);
        self
    }

    /// Time allowed for a whole call: redirects, retries and the body included.
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.options.timeouts.total = Some(timeout);
        self
    }

    /// Sends connections for `host:port` to `addr` instead of resolving (curl's `--resolve`).
    /// Several calls for one host and port add addresses, tried in order.
    pub fn resolve(mut self, host: &str, port: u16, addr: SocketAddr) -> ClientBuilder {
        self.resolve
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
            Ok(p) => {
                self.options.proxy = Some(Arc::new(p));
                self
            }
            Err(e) => self.fail(e),
        }
    }

    /// Basic credentials for the proxy (replacing any in its URL).
    pub fn proxy_auth(mut self, user: &str, password: &str) -> ClientBuilder {
        self.proxy_auth = Some((user.to_string(), password.to_string()));
        self
    }

    /// Hosts reached directly despite [`proxy`](Self::proxy), in `NO_PROXY` syntax:
    /// comma-separated names (each also matching its subdomains), IP addresses, or `*`.
    pub fn no_proxy(mut self, hosts: &str) -> ClientBuilder {
        self.options.no_proxy = Arc::new(NoProxy::parse(hosts));
        self
    }

    /// Speak only HTTP/1.1.
    pub fn http1_only(mut self) -> ClientBuilder {
        self.options.version = VersionPref::Http1;
        self
    }

    /// Speak only HTTP/2 (over TLS by ALPN; on plain TCP with prior knowledge).
    pub fn http2_only(mut self) -> ClientBuilder {
        self.options.version = VersionPref::Http2;
        self
    }

    /// How many redirects to follow (0 turns following off).
    pub fn max_redirects(self, max: usize) -> ClientBuilder {
        self.redirect(RedirectPolicy::limited(max))
    }

    /// The redirect policy (see [`RedirectPolicy`]).
    pub fn redirect(mut self, policy: RedirectPolicy) -> ClientBuilder {
        self.options.redirect = policy;
        self
    }

    /// Send the previous hop's URL as Referer on redirects (curl's `--referer ';auto'`).
    pub fn auto_referer(mut self, on: bool) -> ClientBuilder {
        self.options.auto_referer = on;
        self
    }

    /// Largest response head (status line and headers) accepted, in bytes; 256 KiB by default.
    pub fn max_response_head_size(mut self, bytes: usize) -> ClientBuilder {
        self.options.limits.max_head_bytes = bytes;
        self
    }

    /// Fail a body with [`Kind::TooLarge`](crate::Kind::TooLarge) beyond this many decoded bytes.
    pub fn max_body_size(mut self, bytes: u64) -> ClientBuilder {
        self.options.max_body_size = Some(bytes);
        self
    }

    /// Whether to ask for compressed bodies and decode them (on by default).
    pub fn decompress(mut self, enabled: bool) -> ClientBuilder {
        self.options.decompress = enabled;
        self
    }

    /// How long an idle connection is kept.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.pool.idle_timeout = timeout;
        self
    }

    /// How many idle connections are kept per origin.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> ClientBuilder {
        self.pool.max_idle_per_host = max;
        self
    }

    /// How many idle HTTP/1.1 connections are kept in all (512 by default), and how many
    /// HTTP/2 connections; the least recently used goes first.
    pub fn pool_max_idle(mut self, max: usize) -> ClientBuilder {
        self.pool.max_idle_total = max;
        self
    }

    /// Turns certificate and host name verification off. Anyone on the path can then read and
    /// change the traffic: for tests only.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> ClientBuilder {
        TlsEdit::Verify(!accept).apply(&mut self.tls);
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
        TlsEdit::AddCaFile(path.into()).apply(&mut self.tls);
        self
    }

    /// Also trust these PEM CA certificates.
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> ClientBuilder {
        TlsEdit::AddCaPem(pem.to_vec()).apply(&mut self.tls);
        self
    }

    /// Presents this client certificate (PEM chain, leaf first) with its PEM private key.
    pub fn identity_pem(mut self, cert_chain_pem: &[u8], key_pem: &[u8]) -> ClientBuilder {
        TlsEdit::Identity(ClientIdentity {
            cert_chain_pem: cert_chain_pem.to_vec(),
            key_pem: key_pem.to_vec(),
        })
        .apply(&mut self.tls);
        self
    }

    /// Looks like this browser on the wire: TLS ClientHello, HTTP/2 preface and HEADERS,
    /// HTTP/1.1 header order and case, default headers. `name` is a profile name or alias
    /// (`chrome`, `firefox`, `chrome_156`, curl_cffi's `chrome131`...; see
    /// `mummer fingerprint list`).
    pub fn impersonate(mut self, name: &str) -> ClientBuilder {
        match ProfileRef::named(name) {
            Ok(p) => {
                self.options.profile = Some(p);
                self
            }
            Err(e) => self.fail(e),
        }
    }

    /// Looks like the browser this (possibly customised) profile describes.
    pub fn profile(mut self, profile: mummer_profile::Profile) -> ClientBuilder {
        match profile.validate() {
            Ok(()) => {
                self.options.profile = Some(ProfileRef::new(profile));
                self
            }
            Err(e) => self.fail(Error::builder(e)),
        }
    }

    /// Shapes the ClientHello by a JA3 string, on top of the profile set so far (Chrome's if
    /// none).
    pub fn ja3(self, ja3: &str) -> ClientBuilder {
        self.customise(ProfileEdit::Ja3(ja3.to_string()))
    }

    /// Shapes the HTTP/2 preface by an Akamai fingerprint string, on top of the profile set
    /// so far (Chrome's if none).
    pub fn akamai(self, akamai: &str) -> ClientBuilder {
        self.customise(ProfileEdit::Akamai(akamai.to_string()))
    }

    /// Replaces some fields of the profile set so far (Chrome's if none), given as a partial
    /// profile in TOML (see `mummer_profile::Profile::with_overrides`), e.g.
    /// `"[tls]\nrecord_size_limit = 16385"`. An unknown field or invalid value is a builder
    /// error that names it.
    pub fn fingerprint_overrides(self, toml: &str) -> ClientBuilder {
        self.customise(ProfileEdit::Overrides(toml.to_string()))
    }

    fn customise(mut self, edit: ProfileEdit) -> ClientBuilder {
        match edit.apply(self.options.profile.as_ref()) {
            Ok(p) => {
                self.options.profile = Some(p);
                self
            }
            Err(e) => self.fail(e),
        }
    }

    /// Credentials sent with every request (to the origin of each request only).
    pub fn auth(mut self, auth: Auth) -> ClientBuilder {
        self.options.auth = Some(auth);
        self
    }

    /// A cookie jar every request reads and fills, redirect hops included.
    pub fn cookie_jar(mut self, jar: CookieJar) -> ClientBuilder {
        self.options.cookies = Some(jar);
        self
    }

    /// Whether cookies responses set go into the jar (on by default; off: the jar is only
    /// read, curl_cffi's `discard_cookies`).
    pub fn store_cookies(mut self, store: bool) -> ClientBuilder {
        self.options.store_cookies = store;
        self
    }

    /// Whether the profile's default header values are sent (on by default; off keeps its
    /// header order, TLS and HTTP/2 shape, as curl_cffi's `default_headers=False`).
    pub fn default_headers(mut self, on: bool) -> ClientBuilder {
        self.options.profile_headers = on;
        self
    }

    /// A fresh cookie jar of the client's own (see [`Client::cookie_jar`]).
    pub fn cookie_store(self, enabled: bool) -> ClientBuilder {
        let mut this = self;
        this.options.cookies = enabled.then(CookieJar::new);
        this
    }

    /// A retry policy for every request (see [`Retry`]).
    pub fn retry(mut self, retry: Retry) -> ClientBuilder {
        self.options.retry = Some(Arc::new(retry));
        self
    }

    /// Transparent resume for every GET: up to `attempts` continuations of a body that fails
    /// mid-way (0: off).
    pub fn resume(mut self, attempts: u32) -> ClientBuilder {
        self.options.resume = attempts;
        self
    }

    /// Hand bodies to the reader at most this many bytes per second (0: no limit).
    pub fn max_recv_speed(mut self, bytes_per_second: u64) -> ClientBuilder {
        self.options.max_recv_speed = Some(bytes_per_second).filter(|&b| b > 0);
        self
    }

    /// Connect from this local address or interface.
    pub fn local_address(mut self, local: LocalAddress) -> ClientBuilder {
        self.options.local_address = Some(local);
        self
    }

    /// Builds the client.
    pub fn build(mut self) -> Result<Client> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if let (Some((user, password)), Some(proxy)) = (&self.proxy_auth, &self.options.proxy) {
            self.options.proxy = Some(Arc::new(proxy.with_auth(user, password)));
        }
        self.options.tls = TlsRef::new(self.tls);
        // The client's own TLS context is made now, so that a bad CA file or identity is a
        // build error rather than every request's.
        let connector = Arc::new(TlsConnector::new(
            &self.options.tls.options,
            self.options.profile.as_ref().map(|p| &p.profile.tls),
        )?);
        let shape = (
            self.options.profile.as_ref().map(|p| p.id),
            self.options.tls.id,
        );
        Ok(Client {
            inner: Arc::new(ClientInner {
                id: {
                    static NEXT: std::sync::atomic::AtomicU64 =
                        std::sync::atomic::AtomicU64::new(0);
                    NEXT.fetch_add(1, Ordering::Relaxed)
                },
                pool: Pool::new(self.pool),
                options: self.options,
                resolve: self.resolve,
                h2: self.h2,
                connectors: Mutex::new(vec![(shape, connector)]),
                digest: Default::default(),
                abort: CancellationToken::new(),
                closed: AtomicBool::new(false),
                last_url: Mutex::new(None),
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

    /// A request with the headers and options of `template` (see
    /// [`RequestBuilder::into_template`]); the builder can add more before sending.
    pub fn request_from(
        &self,
        template: &crate::RequestTemplate,
        method: Method,
        url: &str,
    ) -> RequestBuilder {
        RequestBuilder::from_template(self.clone(), template, method, url)
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

    /// The client's cookie jar, if it has one.
    pub fn cookie_jar(&self) -> Option<&CookieJar> {
        self.inner.options.cookies.as_ref()
    }

    /// Refuses new requests and closes idle connections. Responses already received keep
    /// their connections and can be read to the end.
    pub fn close(&self) {
        self.inner.closed.store(true, Ordering::Release);
        self.inner.pool.close();
    }

    /// Makes every in-flight exchange and every body still being read fail with an
    /// [`Kind::Aborted`](crate::Kind::Aborted) error, and closes the client.
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
        self.inner.pool.stats().idle
    }

    /// The pool's bookkeeping sizes (for tests and diagnostics).
    pub fn pool_stats(&self) -> PoolStats {
        self.inner.pool.stats()
    }

    /// Sends a request and returns the response once its head arrived.
    pub async fn execute(&self, request: Request) -> Result<Response> {
        crate::run::execute(self, request).await
    }

    /// The TLS context for the options' profile and TLS options, made on first use.
    pub(crate) fn tls_connector(&self, options: &Options) -> Result<Arc<TlsConnector>> {
        let shape = (options.profile.as_ref().map(|p| p.id), options.tls.id);
        let mut cache = self
            .inner
            .connectors
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((_, c)) = cache.iter().find(|(s, _)| *s == shape) {
            return Ok(c.clone());
        }
        let connector = Arc::new(TlsConnector::new(
            &options.tls.options,
            options.profile.as_ref().map(|p| &p.profile.tls),
        )?);
        if cache.len() >= MAX_CONNECTORS {
            // The client's own context (first) stays; the oldest per-request one goes.
            cache.remove(1);
        }
        cache.push((shape, connector.clone()));
        Ok(connector)
    }
}
