//! Options from Python: a dict of primitives (the keys are documented in `_native.pyi`), read
//! once while the GIL is held into [`Opts`], then applied to the engine's builders without it.
//! The same keys configure a client and a single request; the engine's builders have the
//! same method for each, so one macro applies them to either.

use std::net::SocketAddr;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::cookies::CookieJar;
use crate::errors;

/// Options read from a dict once, for a caller that sends many requests with the same options
/// (a session's settings): passing this instead of the dict skips reading it again.
#[pyclass(module = "mummer._native", frozen, name = "Options")]
pub(crate) struct OptionsObject {
    pub(crate) opts: std::sync::Arc<Opts>,
}

#[pymethods]
impl OptionsObject {
    #[new]
    fn new(opts: &Bound<'_, PyDict>) -> PyResult<OptionsObject> {
        let mut opts = Opts::from_dict(Some(opts))?;
        opts.shared = true;
        Ok(OptionsObject {
            opts: std::sync::Arc::new(opts),
        })
    }
}

/// Per-request options as Python passes them: a dict, an `Options`, or none.
pub(crate) fn request_opts(opts: &Bound<'_, PyAny>) -> PyResult<std::sync::Arc<Opts>> {
    if opts.is_none() {
        return Ok(std::sync::Arc::new(Opts::default()));
    }
    if let Ok(o) = opts.cast::<OptionsObject>() {
        return Ok(o.get().opts.clone());
    }
    let dict = opts
        .cast::<PyDict>()
        .map_err(|_| errors::option("options must be a dict or an Options"))?;
    Ok(std::sync::Arc::new(Opts::from_dict(Some(dict))?))
}

/// Options read from a dict; `None` means "not given".
#[derive(Default, Clone)]
pub(crate) struct Opts {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) cookies: Vec<(String, String)>,
    pub(crate) auth: Option<(String, String, String)>,
    pub(crate) connect_timeout: Option<f64>,
    pub(crate) read_timeout: Option<f64>,
    pub(crate) total_timeout: Option<f64>,
    pub(crate) max_redirects: Option<usize>,
    pub(crate) safe_redirects: Option<bool>,
    pub(crate) auto_referer: Option<bool>,
    pub(crate) referer: Option<String>,
    pub(crate) proxy: Option<Option<String>>,
    pub(crate) proxy_auth: Option<(String, String)>,
    pub(crate) no_proxy: Option<String>,
    pub(crate) verify: Option<bool>,
    pub(crate) bundled_roots: Option<bool>,
    pub(crate) remove_headers: Vec<String>,
    pub(crate) ca_file: Option<String>,
    pub(crate) ca_pem: Option<Vec<u8>>,
    pub(crate) cert: Option<(String, Option<String>)>,
    pub(crate) impersonate: Option<Option<String>>,
    pub(crate) ja3: Option<String>,
    pub(crate) akamai: Option<String>,
    pub(crate) fp_overrides: Option<String>,
    pub(crate) default_headers: Option<bool>,
    pub(crate) http_version: Option<String>,
    pub(crate) interface: Option<String>,
    pub(crate) max_recv_speed: Option<u64>,
    pub(crate) max_body_size: Option<u64>,
    pub(crate) retry: Option<RetryOpts>,
    pub(crate) resume: Option<u32>,
    pub(crate) store_cookies: Option<bool>,
    pub(crate) decompress: Option<bool>,
    // Client only.
    pub(crate) resolve: Vec<(String, u16, String)>,
    pub(crate) pool_max_idle_per_host: Option<usize>,
    pub(crate) cookie_jar: Option<mummer::CookieJar>,
    /// Read into an `Options` object, to be used for many requests: worth a `template`.
    pub(crate) shared: bool,
    /// These options applied to a request once (see `client::request`), made on first use:
    /// `None` inside when applying them fails, so each request fails the same way it would
    /// without a template.
    pub(crate) template: std::sync::OnceLock<Option<mummer::RequestTemplate>>,
}

#[derive(Clone)]
pub(crate) struct RetryOpts {
    count: u32,
    delay: f64,
    jitter: f64,
    backoff: String,
    statuses: Option<Vec<u16>>,
    all_methods: bool,
    all_errors: bool,
    retry_after_cap: Option<f64>,
}

fn get<'py, T: FromPyObjectOwned<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<Option<T>> {
    match d.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => v
            .extract()
            .map(Some)
            .map_err(|e| errors::option(format!("option {key}: {}", Into::<PyErr>::into(e)))),
    }
}

const KEYS: &[&str] = &[
    "headers",
    "cookies",
    "auth",
    "connect_timeout",
    "read_timeout",
    "total_timeout",
    "max_redirects",
    "safe_redirects",
    "auto_referer",
    "referer",
    "proxy",
    "proxy_auth",
    "no_proxy",
    "verify",
    "bundled_roots",
    "remove_headers",
    "ca_file",
    "ca_pem",
    "cert",
    "impersonate",
    "ja3",
    "akamai",
    "fp_overrides",
    "default_headers",
    "http_version",
    "interface",
    "max_recv_speed",
    "max_body_size",
    "retry",
    "resume",
    "store_cookies",
    "decompress",
    "resolve",
    "pool_max_idle_per_host",
    "cookie_jar",
];

impl Opts {
    pub(crate) fn from_dict(d: Option<&Bound<'_, PyDict>>) -> PyResult<Opts> {
        let Some(d) = d else {
            return Ok(Opts::default());
        };
        for key in d.keys() {
            let key: String = key.extract()?;
            if !KEYS.contains(&key.as_str()) {
                return Err(errors::option(format!("unknown option {key:?}")));
            }
        }
        let retry = match d.get_item("retry")? {
            Some(r) if !r.is_none() => {
                let r = r
                    .cast::<PyDict>()
                    .map_err(|_| errors::option("option retry: a dict"))?;
                Some(RetryOpts {
                    count: get(r, "count")?.unwrap_or(0),
                    delay: get(r, "delay")?.unwrap_or(0.0),
                    jitter: get(r, "jitter")?.unwrap_or(0.0),
                    backoff: get(r, "backoff")?.unwrap_or_else(|| "linear".to_string()),
                    statuses: get(r, "statuses")?,
                    all_methods: get(r, "all_methods")?.unwrap_or(false),
                    all_errors: get(r, "all_errors")?.unwrap_or(false),
                    retry_after_cap: get(r, "retry_after_cap")?,
                })
            }
            _ => None,
        };
        let cookie_jar = match d.get_item("cookie_jar")? {
            Some(j) if !j.is_none() => Some(
                j.cast::<CookieJar>()
                    .map_err(|_| errors::option("option cookie_jar: a CookieJar"))?
                    .get()
                    .jar
                    .clone(),
            ),
            _ => None,
        };
        Ok(Opts {
            headers: get(d, "headers")?.unwrap_or_default(),
            cookies: get(d, "cookies")?.unwrap_or_default(),
            auth: get(d, "auth")?,
            connect_timeout: get(d, "connect_timeout")?,
            read_timeout: get(d, "read_timeout")?,
            total_timeout: get(d, "total_timeout")?,
            max_redirects: get(d, "max_redirects")?,
            safe_redirects: get(d, "safe_redirects")?,
            auto_referer: get(d, "auto_referer")?,
            referer: get(d, "referer")?,
            // `proxy: None` means "no proxy", which differs from not giving the key.
            proxy: match d.get_item("proxy")? {
                None => None,
                Some(v) if v.is_none() => Some(None),
                Some(v) => Some(Some(v.extract()?)),
            },
            proxy_auth: get(d, "proxy_auth")?,
            no_proxy: get(d, "no_proxy")?,
            verify: get(d, "verify")?,
            bundled_roots: get(d, "bundled_roots")?,
            remove_headers: get(d, "remove_headers")?.unwrap_or_default(),
            ca_file: get(d, "ca_file")?,
            ca_pem: get(d, "ca_pem")?,
            cert: get(d, "cert")?,
            impersonate: match d.get_item("impersonate")? {
                None => None,
                Some(v) if v.is_none() => Some(None),
                Some(v) => Some(Some(v.extract()?)),
            },
            ja3: get(d, "ja3")?,
            akamai: get(d, "akamai")?,
            fp_overrides: get(d, "fp_overrides")?,
            default_headers: get(d, "default_headers")?,
            http_version: get(d, "http_version")?,
            interface: get(d, "interface")?,
            max_recv_speed: get(d, "max_recv_speed")?,
            max_body_size: get(d, "max_body_size")?,
            retry,
            resume: get(d, "resume")?,
            store_cookies: get(d, "store_cookies")?,
            decompress: get(d, "decompress")?,
            resolve: get(d, "resolve")?.unwrap_or_default(),
            pool_max_idle_per_host: get(d, "pool_max_idle_per_host")?,
            cookie_jar,
            shared: false,
            template: std::sync::OnceLock::new(),
        })
    }

    pub(crate) fn retry(&self) -> Result<Option<mummer::Retry>, String> {
        let Some(r) = &self.retry else {
            return Ok(None);
        };
        let backoff = match r.backoff.as_str() {
            "linear" => mummer::Backoff::Linear,
            "exponential" => mummer::Backoff::Exponential,
            "constant" => mummer::Backoff::Constant,
            other => {
                return Err(format!(
                    "retry backoff {other:?}: linear, exponential or constant"
                ));
            }
        };
        let mut retry = mummer::Retry::new(r.count)
            .delay(secs(r.delay)?)
            .jitter(secs(r.jitter)?)
            .backoff(backoff)
            .all_methods(r.all_methods)
            .all_errors(r.all_errors);
        if let Some(s) = &r.statuses {
            retry = retry.statuses(s);
        }
        if let Some(cap) = r.retry_after_cap {
            retry = retry.retry_after_cap(secs(cap)?);
        }
        Ok(Some(retry))
    }

    pub(crate) fn auth(&self) -> Result<Option<mummer::Auth>, String> {
        Ok(match &self.auth {
            None => None,
            Some((kind, a, b)) => Some(match kind.as_str() {
                "basic" => mummer::Auth::basic(a, b),
                "digest" => mummer::Auth::digest(a, b),
                "bearer" => mummer::Auth::bearer(a),
                other => return Err(format!("auth scheme {other:?}: basic, digest or bearer")),
            }),
        })
    }

    /// The client certificate chain and key, both PEM, read from their files.
    pub(crate) fn identity(&self) -> Result<Option<Identity>, String> {
        let Some((cert, key)) = &self.cert else {
            return Ok(None);
        };
        let read = |p: &str| std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"));
        let cert_pem = read(cert)?;
        let key_pem = match key {
            Some(k) => read(k)?,
            None => cert_pem.clone(),
        };
        Ok(Some((cert_pem, key_pem)))
    }

    pub(crate) fn local_address(&self) -> Option<mummer::LocalAddress> {
        self.interface.as_ref().map(|i| match i.parse() {
            Ok(ip) => mummer::LocalAddress::Ip(ip),
            Err(_) => mummer::LocalAddress::Interface(i.clone()),
        })
    }

    pub(crate) fn resolve_overrides(&self) -> Result<Vec<(String, u16, SocketAddr)>, String> {
        self.resolve
            .iter()
            .map(|(host, port, ip)| {
                let ip: std::net::IpAddr = ip
                    .parse()
                    .map_err(|_| format!("resolve: bad address {ip:?}"))?;
                Ok((host.clone(), *port, SocketAddr::new(ip, *port)))
            })
            .collect()
    }
}

/// A certificate chain and its key, PEM.
pub(crate) type Identity = (Vec<u8>, Vec<u8>);

fn secs(v: f64) -> Result<Duration, String> {
    Duration::try_from_secs_f64(v).map_err(|_| format!("bad duration {v}"))
}

/// Applies the options both builders understand, by the same method names, to `$builder`;
/// the closure-like part says how the builder adds a header. Evaluates to
/// `Result<Builder, String>`.
macro_rules! apply_common {
    ($builder:expr, $opts:expr, |$b:ident, $name:ident, $value:ident| $header:expr) => {{
        let o: &$crate::config::Opts = $opts;
        let mut $b = $builder;
        (move || -> Result<_, String> {
            for ($name, $value) in &o.headers {
                $b = $header;
            }
            if let Some(t) = $crate::config::secs_opt(o.connect_timeout)? {
                $b = $b.connect_timeout(t);
            }
            if let Some(t) = $crate::config::secs_opt(o.read_timeout)? {
                $b = $b.read_timeout(t);
            }
            if let Some(t) = $crate::config::secs_opt(o.total_timeout)? {
                $b = $b.timeout(t);
            }
            if let Some(policy) = o.redirect_policy() {
                $b = $b.redirect(policy);
            }
            if let Some(on) = o.auto_referer {
                $b = $b.auto_referer(on);
            }
            if let Some(Some(url)) = &o.proxy {
                $b = $b.proxy(url);
            }
            if let Some((user, pass)) = &o.proxy_auth {
                $b = $b.proxy_auth(user, pass);
            }
            if o.verify == Some(false) {
                $b = $b.danger_accept_invalid_certs(true);
            }
            if let Some(on) = o.bundled_roots {
                $b = $b.use_bundled_roots(on);
            }
            if let Some(path) = &o.ca_file {
                $b = $b.add_root_certificate_file(path);
            }
            if let Some(pem) = &o.ca_pem {
                $b = $b.add_root_certificate_pem(pem);
            }
            if let Some((cert, key)) = o.identity()? {
                $b = $b.identity_pem(&cert, &key);
            }
            if let Some(Some(name)) = &o.impersonate {
                $b = $b.impersonate(name);
            }
            if let Some(ja3) = &o.ja3 {
                $b = $b.ja3(ja3);
            }
            if let Some(akamai) = &o.akamai {
                $b = $b.akamai(akamai);
            }
            if let Some(toml) = &o.fp_overrides {
                $b = $b.fingerprint_overrides(toml);
            }
            if let Some(on) = o.default_headers {
                $b = $b.default_headers(on);
            }
            match o.http_version.as_deref() {
                Some("1.1") => $b = $b.http1_only(),
                Some("2") => $b = $b.http2_only(),
                Some("auto") | None => {}
                Some(other) => return Err(format!("http_version {other:?}: 1.1, 2 or auto")),
            }
            if let Some(local) = o.local_address() {
                $b = $b.local_address(local);
            }
            if let Some(rate) = o.max_recv_speed {
                $b = $b.max_recv_speed(rate);
            }
            if let Some(max) = o.max_body_size {
                $b = $b.max_body_size(max);
            }
            if let Some(auth) = o.auth()? {
                $b = $b.auth(auth);
            }
            if let Some(retry) = o.retry()? {
                $b = $b.retry(retry);
            }
            if let Some(n) = o.resume {
                $b = $b.resume(n);
            }
            if let Some(on) = o.store_cookies {
                $b = $b.store_cookies(on);
            }
            if let Some(on) = o.decompress {
                $b = $b.decompress(on);
            }
            Ok($b)
        })()
    }};
}
pub(crate) use apply_common;

pub(crate) fn secs_opt(v: Option<f64>) -> Result<Option<Duration>, String> {
    v.map(secs).transpose()
}

impl Opts {
    pub(crate) fn redirect_policy(&self) -> Option<mummer::RedirectPolicy> {
        if self.max_redirects.is_none() && self.safe_redirects.is_none() {
            return None;
        }
        let max = self.max_redirects.unwrap_or(30);
        Some(if self.safe_redirects.unwrap_or(false) {
            mummer::RedirectPolicy::safe(max)
        } else {
            mummer::RedirectPolicy::limited(max)
        })
    }
}
