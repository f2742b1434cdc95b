//! The client a fetch's options describe: proxy (and curl's environment variables), TLS,
//! timeouts, profile, `--resolve`, cookies, credentials, retries; and the per-request parts
//! (cookies for the first host, Referer).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use mummer::{
    Auth, Backoff, Client, ClientBuilder, CookieJar, LocalAddress, Method, RedirectPolicy,
    RequestBuilder, Retry,
};

use super::body::{data_value, read_file};
use super::{Failure, FetchArgs};

/// The client, and what each request of the fetch carries.
pub(crate) struct Setup {
    client: Client,
    jar: Option<CookieJar>,
    jar_file: Option<PathBuf>,
    /// `-b name=value` pairs: the first host's only.
    cookies: Vec<(String, String)>,
    referer: Option<String>,
}

impl Setup {
    pub(crate) fn new(args: &FetchArgs, url: &str) -> Result<Setup, Failure> {
        let mut builder = builder(args, url)?;
        let mut cookies = Vec::new();
        let mut jar = None;
        for arg in &args.cookies {
            let jar = jar.get_or_insert_with(CookieJar::new);
            if arg.contains('=') {
                cookies.extend(cookie_pairs(arg));
            } else {
                load_cookie_file(jar, Path::new(arg))?;
            }
        }
        if args.cookie_jar.is_some() && jar.is_none() {
            jar = Some(CookieJar::new());
        }
        if let Some(jar) = &jar {
            builder = builder.cookie_jar(jar.clone());
        }
        if let Some(auth) = credentials(args, url)? {
            builder = builder.auth(auth);
        }
        let referer = match args.referer.as_deref() {
            Some(r) => {
                let (url, auto) = match r.strip_suffix(";auto") {
                    Some(rest) => (rest, true),
                    None => (r, false),
                };
                builder = builder.auto_referer(auto);
                Some(url.to_string()).filter(|u| !u.is_empty())
            }
            None => None,
        };
        // Everything the builder rejects came from an option value (a profile name, a JA3
        // string, an override): a usage error, as curl reports a bad option argument.
        let client = builder.build().map_err(|e| Failure::usage(e.to_string()))?;
        Ok(Setup {
            client,
            jar,
            jar_file: args.cookie_jar.clone(),
            cookies,
            referer,
        })
    }

    /// The request for `url`, with the fetch's own cookies and Referer.
    pub(crate) fn request(&self, method: Method, url: &str) -> RequestBuilder {
        let mut request = self.client.request(method, url);
        for (name, value) in &self.cookies {
            request = request.cookie(name, value);
        }
        if let Some(referer) = &self.referer {
            request = request.referer(referer);
        }
        request
    }

    /// Writes the jar to `-c FILE` (`-`: standard output), if asked.
    pub(crate) fn save_cookies(&self) -> Result<(), Failure> {
        let (Some(jar), Some(path)) = (&self.jar, &self.jar_file) else {
            return Ok(());
        };
        let text = jar.to_netscape();
        if path.as_os_str() == "-" {
            print!("{text}");
            return Ok(());
        }
        std::fs::write(path, text).map_err(|e| Failure {
            message: format!("cannot write the cookie jar {}: {e}", path.display()),
            code: 23,
        })
    }
}

/// `a=1; b=2` into pairs.
fn cookie_pairs(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.split(';').filter_map(|pair| {
        let (n, v) = pair.trim().split_once('=')?;
        Some((n.trim().to_string(), v.trim().to_string()))
    })
}

/// Reads a Netscape cookies.txt into the jar; a file that does not exist is an empty jar, as
/// curl treats it.
fn load_cookie_file(jar: &CookieJar, path: &Path) -> Result<(), Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Failure {
                message: format!("cannot read the cookie file {}: {e}", path.display()),
                code: 26,
            });
        }
    };
    jar.lock()
        .load_netscape(&text)
        .map_err(|e| Failure::usage(format!("cookie file {}: {e}", path.display())))?;
    Ok(())
}

/// `-u`, else `.netrc` when asked; Digest with `--digest`.
fn credentials(args: &FetchArgs, url: &str) -> Result<Option<Auth>, Failure> {
    let make = |user: &str, pass: &str| {
        if args.digest {
            Auth::digest(user, pass)
        } else {
            Auth::basic(user, pass)
        }
    };
    if let Some(user) = &args.user {
        let (u, p) = user.split_once(':').ok_or_else(|| {
            Failure::usage("-u wants USER:PASSWORD (mummer does not prompt for a password)")
        })?;
        return Ok(Some(make(u, p)));
    }
    if !(args.netrc || args.netrc_optional || args.netrc_file.is_some()) {
        return Ok(None);
    }
    let path = match &args.netrc_file {
        Some(p) => p.clone(),
        None => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".netrc"),
            None => return Ok(None),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) if args.netrc_optional => return Ok(None),
        Err(e) => {
            return Err(Failure {
                message: format!("cannot read {}: {e}", path.display()),
                code: 26,
            });
        }
    };
    let netrc = mummer_proto::netrc::Netrc::parse(&text)
        .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let parsed = mummer::Url::parse(url).map_err(|e| Failure::usage(format!("bad URL: {e}")))?;
    let host = parsed.host_str().unwrap_or_default();
    let login = Some(parsed.username()).filter(|u| !u.is_empty());
    Ok(netrc
        .credentials(host, login)
        .map(|(user, pass)| make(user, pass)))
}

/// curl's retry: transient failures (timeouts, connection failures, 408, 429, 500, 502, 503,
/// 504), 1 s doubling to 10 minutes unless `--retry-delay`, for any method as curl does.
fn retry_policy(args: &FetchArgs) -> Result<Retry, Failure> {
    let mut retry = Retry::new(args.retry)
        .statuses(&[408, 429, 500, 502, 503, 504])
        .all_methods(true)
        .all_errors(args.retry_all_errors)
        .retry_after_cap(Duration::from_secs(600));
    retry = match args.retry_delay {
        Some(d) => retry
            .delay(secs(d, "--retry-delay")?)
            .backoff(Backoff::Constant),
        None => retry
            .delay(Duration::from_secs(1))
            .backoff(Backoff::Exponential)
            .max_delay(Duration::from_secs(600)),
    };
    if let Some(t) = args.retry_max_time {
        retry = retry.max_time(secs(t, "--retry-max-time")?);
    }
    Ok(retry)
}

/// `100`, `100k`, `2M`, `1g` (1024-based, as curl).
fn parse_rate(text: &str, option: &str) -> Result<u64, Failure> {
    let bad = || Failure::usage(format!("bad {option} {text:?}"));
    let t = text.trim();
    let (digits, factor) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1024),
        Some('m' | 'M') => (&t[..t.len() - 1], 1024 * 1024),
        Some('g' | 'G') => (&t[..t.len() - 1], 1024 * 1024 * 1024),
        _ => (t, 1),
    };
    let n: f64 = digits.parse().map_err(|_| bad())?;
    if !(n.is_finite() && n > 0.0) {
        return Err(bad());
    }
    Ok((n * factor as f64) as u64)
}

fn secs(v: f64, what: &str) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(v).map_err(|_| Failure::usage(format!("bad {what}: {v}")))
}

/// The proxy for `url`: `-x`, else curl's environment variables (`http_proxy` is honoured only
/// in lower case, since `HTTP_PROXY` can be set by a CGI request header).
fn proxy_for(args: &FetchArgs, url: &str) -> Option<String> {
    if let Some(p) = &args.proxy {
        return Some(p.clone()).filter(|p| !p.is_empty());
    }
    let env = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
    };
    let scheme = if url.starts_with("https://") {
        env(&["https_proxy", "HTTPS_PROXY"])
    } else {
        env(&["http_proxy"])
    };
    scheme.or_else(|| env(&["all_proxy", "ALL_PROXY"]))
}

fn builder(args: &FetchArgs, url: &str) -> Result<ClientBuilder, Failure> {
    let mut builder = Client::builder();
    if let Some(proxy) = proxy_for(args, url) {
        builder = builder.proxy(&proxy);
    }
    let no_proxy = args.noproxy.clone().or_else(|| {
        ["no_proxy", "NO_PROXY"]
            .iter()
            .find_map(|n| std::env::var(n).ok())
    });
    if let Some(hosts) = no_proxy {
        builder = builder.no_proxy(&hosts);
    }
    if let Some(name) = &args.impersonate {
        builder = builder.impersonate(name);
    }
    if let Some(ja3) = &args.ja3 {
        builder = builder.ja3(ja3);
    }
    if let Some(akamai) = &args.akamai {
        builder = builder.akamai(akamai);
    }
    if let Some(overrides) = &args.fp_override {
        let toml = String::from_utf8(data_value(overrides)?)
            .map_err(|_| Failure::usage("--fp-override is not UTF-8"))?;
        builder = builder.fingerprint_overrides(&toml);
    }
    let mut builder = builder
        .max_redirects(if args.follow { args.max_redirs } else { 0 })
        .danger_accept_invalid_certs(args.insecure)
        .decompress(!args.raw);
    if let Some(t) = args.connect_timeout {
        builder = builder.connect_timeout(secs(t, "--connect-timeout")?);
    }
    if let Some(t) = args.max_time {
        builder = builder.timeout(secs(t, "--max-time")?);
    }
    if let Some(t) = args.read_timeout {
        builder = builder.read_timeout(secs(t, "--read-timeout")?);
    }
    if args.http1 {
        builder = builder.http1_only();
    }
    if args.http2 {
        builder = builder.http2_only();
    }
    for path in &args.cacert {
        builder = builder.add_root_certificate_file(path);
    }
    if let Some(cert) = &args.cert {
        let cert_pem = read_file(cert)?;
        let key_pem = match &args.key {
            Some(k) => read_file(k)?,
            None => cert_pem.clone(),
        };
        builder = builder.identity_pem(&cert_pem, &key_pem);
    }
    for entry in &args.resolve {
        let (host, port, addr) = parse_resolve(entry)?;
        builder = builder.resolve(&host, port, addr);
    }
    if let Some(user) = &args.proxy_user {
        let (u, p) = user.split_once(':').unwrap_or((user, ""));
        builder = builder.proxy_auth(u, p);
    }
    if args.location_safe {
        let max = if args.follow { args.max_redirs } else { 0 };
        builder = builder.redirect(RedirectPolicy::safe(max));
    }
    if let Some(rate) = &args.limit_rate {
        builder = builder.max_recv_speed(parse_rate(rate, "--limit-rate")?);
    }
    if let Some(max) = &args.max_filesize {
        builder = builder.max_body_size(parse_rate(max, "--max-filesize")?);
    }
    if let Some(interface) = &args.interface {
        builder = builder.local_address(match interface.parse() {
            Ok(ip) => LocalAddress::Ip(ip),
            Err(_) => LocalAddress::Interface(interface.clone()),
        });
    }
    if args.retry > 0 {
        builder = builder.retry(retry_policy(args)?);
    }
    Ok(builder)
}

/// `host:port:addr`, where addr may be a bracketed IPv6 address.
fn parse_resolve(entry: &str) -> Result<(String, u16, SocketAddr), Failure> {
    let bad = || Failure::usage(format!("--resolve wants HOST:PORT:ADDR, got {entry:?}"));
    let (host, rest) = entry.split_once(':').ok_or_else(bad)?;
    let (port, addr) = rest.split_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let ip: std::net::IpAddr = addr
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| bad())?;
    Ok((host.to_string(), port, SocketAddr::new(ip, port)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_entries_parse_like_curl() {
        let (h, p, a) = parse_resolve("example.com:443:127.0.0.1")
            .ok()
            .expect("parses");
        assert_eq!(
            (h.as_str(), p, a.to_string().as_str()),
            ("example.com", 443, "127.0.0.1:443")
        );
        let (_, _, a) = parse_resolve("x:80:[::1]").ok().expect("parses");
        assert_eq!(a.to_string(), "[::1]:80");
        assert!(parse_resolve("x:notaport:127.0.0.1").is_err());
        assert!(parse_resolve("x:80").is_err());
    }
}
