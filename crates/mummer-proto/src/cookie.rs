//! A cookie jar: which `Set-Cookie` values to keep and which cookies to send back (RFC 6265).
//!
//! In scope:
//! * storing the `Set-Cookie` values of a response ([`Jar::store_response_cookies`]) under the
//!   RFC 6265 §5.3 storage model, with the public suffix list (compiled in by the `psl` crate),
//!   and the RFC 6265bis rules browsers follow: `Secure` only from `https`, an `http` response
//!   cannot shadow a `Secure` cookie, and the `__Secure-` / `__Host-` name prefixes;
//! * the `Cookie` request header for a URL, in RFC 6265 §5.4 order ([`Jar::cookie_header`],
//!   [`Jar::cookies_for`]);
//! * managing cookies by hand, as a Python `Cookies` object does ([`Jar::get`],
//!   [`Jar::get_all`], [`Jar::set`], [`Jar::insert`], [`Jar::remove`], [`Jar::clear`],
//!   [`Jar::iter`]);
//! * the Netscape `cookies.txt` format of curl and `http.cookiejar.MozillaCookieJar`
//!   ([`Jar::to_netscape`], [`Jar::load_netscape`]).
//!
//! Out of scope: reading or writing files (the caller owns the I/O and passes text), locking
//! (one jar per client; the caller puts it behind a `Mutex`), `SameSite` enforcement (the jar
//! keeps the attribute but does not know the site of the request), cookie partitioning (CHIPS),
//! limits on the number or size of cookies per domain, and nameless cookies (`Set-Cookie: foo`).
//!
//! Parsing, default paths, domain and path matching come from the `cookie_store` crate's
//! `Cookie`; the jar keeps them in a map of its own so that it can remember each cookie's
//! creation order (which §5.4 sorts by and `cookie_store`'s own store does not keep) and hold
//! cookies set by hand for every host.
//!
//! ```
//! use mummer_proto::cookie::Jar;
//! use url::Url;
//!
//! let mut jar = Jar::new();
//! let login = Url::parse("https://www.example.co.uk/account/login")?;
//! let stored = jar.store_response_cookies(
//!     &login,
//!     [
//!         &b"session=abc; Path=/; Secure; HttpOnly"[..],
//!         b"theme=dark; Domain=example.co.uk; Path=/",
//!         b"tracker=1; Domain=co.uk", // a public suffix: refused
//!     ],
//! );
//! assert_eq!(stored.len(), 2);
//!
//! let shop = Url::parse("https://shop.example.co.uk/")?;
//! assert_eq!(jar.cookie_header(&shop).as_deref(), Some("theme=dark"));
//! assert_eq!(jar.cookie_header(&login).as_deref(), Some("session=abc; theme=dark"));
//! // Secure cookies never travel over plain http.
//! let plain = Url::parse("http://www.example.co.uk/")?;
//! assert_eq!(jar.cookie_header(&plain).as_deref(), Some("theme=dark"));
//!
//! let file = jar.to_netscape();
//! assert!(file.starts_with("# Netscape HTTP Cookie File\n"));
//! assert_eq!(Jar::from_netscape(&file)?.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::net::Ipv6Addr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ::cookie::time::OffsetDateTime;
use cookie_store::{CookieDomain, CookieExpiration, RawCookie};
use psl::Psl;
use url::{Host, Url};

mod netscape;

pub use netscape::CookieFileError;

/// The `SameSite` attribute of a cookie. The jar stores it; the caller decides what it means
/// for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=Lax`.
    Lax,
    /// `SameSite=None`.
    None,
}

/// One cookie, owned, as the jar stores it.
///
/// Build one with [`Cookie::new`] and set the fields you need; the defaults are a session
/// cookie for every host on path `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Cookie {
    /// The cookie name, compared case-sensitively.
    pub name: String,
    /// The cookie value, exactly as the server sent it (quotes included, no percent-decoding).
    pub value: String,
    /// The domain in lower case ASCII (IDNA A-labels) without a leading dot; an IPv6 address
    /// is written in brackets. The empty string means "every host": such a cookie comes only
    /// from [`Jar::set`] or [`Jar::insert`], never from a response, and is sent to every host
    /// its path and `secure` flag allow (requests' and curl_cffi's `set` without a domain).
    pub domain: String,
    /// `true`: sent only to `domain` itself (the response had no `Domain` attribute, or the
    /// host is an IP address). `false`: sent to `domain` and its subdomains.
    pub host_only: bool,
    /// The path; the cookie goes to this path and the paths below it (RFC 6265 §5.1.4).
    pub path: String,
    /// Sent only over `https` (and `wss`).
    pub secure: bool,
    /// The `HttpOnly` attribute: not for scripts. Kept as a flag; it is sent over HTTP.
    pub http_only: bool,
    /// The `SameSite` attribute, if the server sent one the jar understood.
    pub same_site: Option<SameSite>,
    /// When the cookie expires (`Max-Age` wins over `Expires`); `None` for a session cookie.
    pub expires: Option<SystemTime>,
}

impl Cookie {
    /// A session cookie `name=value` for every host (domain `""`), path `/`, not secure.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Cookie {
        Cookie {
            name: name.into(),
            value: value.into(),
            domain: String::new(),
            host_only: false,
            path: "/".to_owned(),
            secure: false,
            http_only: false,
            same_site: None,
            expires: None,
        }
    }
}

/// Why [`Jar::set`] refused a cookie.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidCookie {
    /// The name is empty or has a control character, whitespace, `=` or `;`.
    #[error("invalid cookie name")]
    Name,
    /// The value has a control character (TAB included) or `;`.
    #[error("invalid cookie value")]
    Value,
    /// The domain is not a host name or an IP address (it has a port, a path, a space ...).
    #[error("invalid cookie domain")]
    Domain,
    /// The path does not start with `/`, or has a control character.
    #[error("invalid cookie path")]
    Path,
}

/// A cookie as stored: `cookie_store`'s cookie plus its creation order (RFC 6265 §5.3 keeps a
/// creation time, which survives replacement and orders the `Cookie` header).
#[derive(Clone)]
struct Stored {
    cookie: cookie_store::Cookie<'static>,
    creation: u64,
}

/// Cookies kept per domain, at most.
pub const MAX_PER_DOMAIN: usize = 180;
/// Cookies kept in all, at most.
pub const MAX_TOTAL: usize = 3000;

/// (domain, path, name): the identity of a cookie in RFC 6265 §5.3 step 11. The host-only flag
/// is not part of it, so a domain cookie replaces a host-only cookie of the same name and path.
type Key = (String, String, String);

/// A cookie jar: RFC 6265 storage with the public suffix list.
///
/// One jar per client; it is `Send + Sync`, and a caller that shares it across threads puts it
/// behind a `Mutex`. Expired cookies are never returned and are dropped on the next change.
#[derive(Clone, Default)]
pub struct Jar {
    cookies: BTreeMap<Key, Stored>,
    next_creation: u64,
}

impl fmt::Debug for Jar {
    // Cookie values are credentials: a logged jar shows how many it holds, not what.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jar").field("len", &self.len()).finish()
    }
}

impl Jar {
    /// An empty jar. The public suffix list is compiled in, so every jar refuses cookies for a
    /// public suffix such as `co.uk` or `github.io`.
    pub fn new() -> Jar {
        Jar::default()
    }

    /// Stores the `Set-Cookie` values of one response to `url` and returns the cookies that
    /// were stored, in the order given.
    ///
    /// A value is skipped (and not returned) when it does not parse (not UTF-8, no `=`, empty
    /// name, control characters), when its `Domain` does not domain-match the host or is a
    /// public suffix other than the host itself, when it is `Secure` but `url` is not `https`,
    /// when it breaks the `__Secure-` / `__Host-` prefix rules, or when it would replace or
    /// shadow a `Secure` cookie from a plain `http` response. An already expired cookie
    /// deletes the stored cookie of the same name, domain and path and is not returned either.
    pub fn store_response_cookies<'a>(
        &mut self,
        url: &Url,
        set_cookie_values: impl IntoIterator<Item = &'a [u8]>,
    ) -> Vec<Cookie> {
        self.purge_expired();
        set_cookie_values
            .into_iter()
            .filter_map(|value| {
                let cookie = self.accept(url, value)?;
                self.put(cookie)
            })
            .collect()
    }

    /// The value of the `Cookie` header for a request to `url` (`"a=1; b=2"`), or `None` when
    /// no cookie matches. Same cookies and order as [`Jar::cookies_for`].
    pub fn cookie_header(&self, url: &Url) -> Option<String> {
        let matching = self.matching(url);
        if matching.is_empty() {
            return None;
        }
        let pairs: Vec<String> = matching
            .iter()
            .map(|stored| format!("{}={}", stored.cookie.name(), stored.cookie.value()))
            .collect();
        Some(pairs.join("; "))
    }

    /// The cookies to send with a request to `url`, in RFC 6265 §5.4 order: longer paths
    /// first, then earlier created first.
    ///
    /// A cookie matches when it has not expired, its domain domain-matches the host (exactly,
    /// for a host-only cookie or an IP address), its path path-matches the request path, and,
    /// if `Secure`, the scheme is `https` or `wss`. `http://localhost` and `http://127.0.0.1`
    /// are not secure here (as in curl), whatever browsers do. `HttpOnly` cookies go only to
    /// `http`, `https`, `ws` and `wss` URLs.
    pub fn cookies_for(&self, url: &Url) -> Vec<Cookie> {
        self.matching(url)
            .into_iter()
            .map(|stored| public(&stored.cookie))
            .collect()
    }

    /// The cookie named `name`, or `None`. When several match (same name on other domains or
    /// paths), the most recently created one is returned; [`Jar::get_all`] shows them all,
    /// which is how a caller detects the conflict that curl_cffi raises `CookieConflict` for.
    ///
    /// `domain` and `path` narrow the search: see [`Jar::get_all`].
    pub fn get(&self, name: &str, domain: Option<&str>, path: Option<&str>) -> Option<Cookie> {
        self.get_all(name, domain, path).pop()
    }

    /// Every unexpired cookie named `name`, oldest first.
    ///
    /// `domain`, when given, is compared case-insensitively with the cookie's domain after one
    /// leading dot is removed: `"example.com"` finds both the host-only and the domain cookies
    /// of `example.com`, `".example.com"` only its domain cookies, and `""` only the cookies
    /// for every host. `path`, when given, must equal the cookie's path.
    pub fn get_all(&self, name: &str, domain: Option<&str>, path: Option<&str>) -> Vec<Cookie> {
        let filter = Filter::new(Some(name), domain, path);
        self.unexpired_by_creation()
            .into_iter()
            .filter(|stored| filter.matches(&stored.cookie))
            .map(|stored| public(&stored.cookie))
            .collect()
    }

    /// Stores a cookie by hand, replacing the one with the same name, domain and path.
    ///
    /// No response rules apply: the public suffix list, `Secure` origin and name prefixes are
    /// the caller's business here. A leading dot on `domain` makes a domain cookie whatever
    /// `host_only` says; a domain that is an IP address makes a host-only cookie. An `expires`
    /// in the past deletes the stored cookie, like an expired `Set-Cookie`.
    pub fn set(&mut self, cookie: Cookie) -> Result<(), InvalidCookie> {
        let stored = from_public(&cookie)?;
        self.purge_expired();
        self.put(stored);
        Ok(())
    }

    /// Stores a session cookie by hand, with the arguments of curl_cffi's `Cookies.set`.
    ///
    /// `domain` follows curl's reading: `""` makes a cookie for every host, `".example.com"` a
    /// cookie for `example.com` and its subdomains, `"example.com"` a cookie for that host
    /// only. For `http_only`, `same_site` or `expires`, build a [`Cookie`] and use
    /// [`Jar::set`].
    pub fn insert(
        &mut self,
        name: &str,
        value: &str,
        domain: &str,
        path: &str,
        secure: bool,
    ) -> Result<(), InvalidCookie> {
        let mut cookie = Cookie::new(name, value);
        cookie.domain = domain.to_owned();
        cookie.host_only = !domain.is_empty();
        cookie.path = path.to_owned();
        cookie.secure = secure;
        self.set(cookie)
    }

    /// Removes the cookies named `name` that match `domain` and `path` (as in
    /// [`Jar::get_all`]) and returns how many were removed.
    pub fn remove(&mut self, name: &str, domain: Option<&str>, path: Option<&str>) -> usize {
        self.purge_expired();
        let filter = Filter::new(Some(name), domain, path);
        let before = self.cookies.len();
        self.cookies
            .retain(|_, stored| !filter.matches(&stored.cookie));
        before - self.cookies.len()
    }

    /// Removes every cookie that matches `domain` and `path` (as in [`Jar::get_all`]);
    /// `clear(None, None)` empties the jar.
    pub fn clear(&mut self, domain: Option<&str>, path: Option<&str>) {
        let filter = Filter::new(None, domain, path);
        self.cookies
            .retain(|_, stored| !filter.matches(&stored.cookie));
    }

    /// Every unexpired cookie, oldest first. The iterator owns its cookies, so the jar can
    /// change while it is in use.
    pub fn iter(&self) -> impl Iterator<Item = Cookie> + use<> {
        let cookies: Vec<Cookie> = self
            .unexpired_by_creation()
            .into_iter()
            .map(|stored| public(&stored.cookie))
            .collect();
        cookies.into_iter()
    }

    /// How many unexpired cookies the jar holds.
    pub fn len(&self) -> usize {
        let now = OffsetDateTime::now_utc();
        self.cookies
            .values()
            .filter(|stored| !stored.cookie.expires_by(&now))
            .count()
    }

    /// Whether the jar holds no unexpired cookie.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies the storage rules to one `Set-Cookie` value; `None` means "ignore the cookie".
    fn accept(&self, url: &Url, value: &[u8]) -> Option<cookie_store::Cookie<'static>> {
        let text = std::str::from_utf8(value).ok()?;
        let raw = RawCookie::parse(without_empty_max_age(text)).ok()?;
        if !valid_name(raw.name()) || !valid_value(raw.value()) {
            return None;
        }
        if raw.path().is_some_and(|path| !valid_value(path)) {
            return None;
        }
        let from_secure = is_secure_scheme(url);
        let secure = raw.secure() == Some(true);
        // RFC 6265bis storage model: a Secure cookie from an insecure origin is ignored.
        if secure && !from_secure {
            return None;
        }
        // Domain-match, host-only flag, default path, Max-Age over Expires (§5.2, §5.3).
        let mut cookie = cookie_store::Cookie::try_from_raw_cookie(&raw, url)
            .ok()?
            .into_owned();
        if let CookieDomain::Suffix(domain) = &cookie.domain {
            if is_public_suffix(domain) {
                // §5.3 step 5: a public suffix is allowed only as the request host itself,
                // and then the cookie is host-only.
                if url.host_str() != Some(domain.as_str()) {
                    return None;
                }
                cookie.domain = CookieDomain::HostOnly(domain.clone());
            } else if is_ip_address(domain) {
                // Domain=<the IP> matches that address only: say so.
                cookie.domain = CookieDomain::HostOnly(domain.clone());
            }
        }
        if !prefix_rules_hold(&cookie, raw.path(), from_secure) {
            return None;
        }
        if !secure && !from_secure && self.shadows_secure_cookie(&cookie) {
            return None;
        }
        Some(cookie)
    }

    /// RFC 6265bis storage model, "leave Secure cookies alone": an insecure response may not
    /// set a cookie whose name, domain and path would overlap a stored Secure cookie.
    fn shadows_secure_cookie(&self, new: &cookie_store::Cookie<'static>) -> bool {
        let new_domain = String::from(&new.domain);
        self.cookies.values().any(|stored| {
            let old = &stored.cookie;
            let old_domain = String::from(&old.domain);
            old.secure() == Some(true)
                && old.name() == new.name()
                && (old_domain.is_empty()
                    || domain_matches(&old_domain, &new_domain)
                    || domain_matches(&new_domain, &old_domain))
                && path_matches(&new.path, &old.path)
        })
    }

    /// Stores `cookie` (or, when it has expired, deletes the cookie it names) and returns it.
    fn put(&mut self, cookie: cookie_store::Cookie<'static>) -> Option<Cookie> {
        let key = (
            String::from(&cookie.domain),
            String::from(&cookie.path),
            cookie.name().to_owned(),
        );
        if cookie.is_expired() {
            self.cookies.remove(&key);
            return None;
        }
        // §5.3 step 11.3: a replacement keeps the creation time of the cookie it replaces.
        let creation = match self.cookies.get(&key) {
            Some(old) => old.creation,
            None => {
                self.next_creation += 1;
                self.next_creation
            }
        };
        let public = public(&cookie);
        let domain = key.0.clone();
        self.cookies.insert(key, Stored { cookie, creation });
        self.enforce_limits(&domain);
        Some(public)
    }

    /// Keeps the jar within browsers' limits (RFC 6265 §6.1 asks for at least 50 per domain
    /// and 3000 in all; Chrome keeps 180 and 3300): a hostile server cannot grow it without
    /// bound. The oldest cookies go first.
    fn enforce_limits(&mut self, domain: &str) {
        let oldest = |cookies: &BTreeMap<Key, Stored>, only: Option<&str>| {
            cookies
                .iter()
                .filter(|(k, _)| only.is_none_or(|d| k.0 == d))
                .min_by_key(|(_, s)| s.creation)
                .map(|(k, _)| k.clone())
        };
        while self.cookies.keys().filter(|k| k.0 == domain).count() > MAX_PER_DOMAIN {
            match oldest(&self.cookies, Some(domain)) {
                Some(k) => self.cookies.remove(&k),
                None => break,
            };
        }
        while self.cookies.len() > MAX_TOTAL {
            match oldest(&self.cookies, None) {
                Some(k) => self.cookies.remove(&k),
                None => break,
            };
        }
    }

    fn purge_expired(&mut self) {
        let now = OffsetDateTime::now_utc();
        self.cookies
            .retain(|_, stored| !stored.cookie.expires_by(&now));
    }

    fn unexpired_by_creation(&self) -> Vec<&Stored> {
        let now = OffsetDateTime::now_utc();
        let mut cookies: Vec<&Stored> = self
            .cookies
            .values()
            .filter(|stored| !stored.cookie.expires_by(&now))
            .collect();
        cookies.sort_by_key(|stored| stored.creation);
        cookies
    }

    fn matching(&self, url: &Url) -> Vec<&Stored> {
        let now = OffsetDateTime::now_utc();
        let secure = is_secure_scheme(url);
        let http = matches!(url.scheme(), "http" | "https" | "ws" | "wss");
        let mut cookies: Vec<&Stored> = self
            .cookies
            .values()
            .filter(|stored| {
                let cookie = &stored.cookie;
                let domain_ok = match cookie.domain {
                    CookieDomain::Empty | CookieDomain::NotPresent => url.host().is_some(),
                    _ => cookie.domain.matches(url),
                };
                domain_ok
                    && cookie.path.matches(url)
                    && !cookie.expires_by(&now)
                    && (secure || cookie.secure() != Some(true))
                    && (http || cookie.http_only() != Some(true))
            })
            .collect();
        // §5.4 step 2: longer paths first, then earlier creation times first.
        cookies.sort_by(|a, b| {
            b.cookie
                .path
                .len()
                .cmp(&a.cookie.path.len())
                .then(a.creation.cmp(&b.creation))
        });
        cookies
    }
}

/// The `domain`/`path`/`name` selection of [`Jar::get_all`], [`Jar::remove`], [`Jar::clear`].
struct Filter<'a> {
    name: Option<&'a str>,
    /// The wanted domain (canonical) and whether only domain cookies qualify.
    domain: Option<(String, bool)>,
    path: Option<&'a str>,
}

impl<'a> Filter<'a> {
    fn new(name: Option<&'a str>, domain: Option<&str>, path: Option<&'a str>) -> Filter<'a> {
        let domain = domain.map(|domain| {
            let (bare, only_domain_cookies) = match domain.strip_prefix('.') {
                Some(rest) => (rest, true),
                None => (domain, false),
            };
            let canonical = match canonical_host(bare) {
                Some(host) => host.to_string(),
                None => bare.to_ascii_lowercase(),
            };
            (canonical, only_domain_cookies)
        });
        Filter { name, domain, path }
    }

    fn matches(&self, cookie: &cookie_store::Cookie<'static>) -> bool {
        let name_ok = self.name.is_none_or(|name| cookie.name() == name);
        let path_ok = self.path.is_none_or(|path| &*cookie.path == path);
        let domain_ok = match &self.domain {
            None => true,
            Some((wanted, only_domain_cookies)) => {
                String::from(&cookie.domain) == *wanted
                    && !(*only_domain_cookies && matches!(cookie.domain, CookieDomain::HostOnly(_)))
            }
        };
        name_ok && path_ok && domain_ok
    }
}

/// Our cookie from `cookie_store`'s.
fn public(cookie: &cookie_store::Cookie<'static>) -> Cookie {
    let (domain, host_only) = match &cookie.domain {
        CookieDomain::HostOnly(domain) => (domain.clone(), true),
        CookieDomain::Suffix(domain) => (domain.clone(), false),
        CookieDomain::Empty | CookieDomain::NotPresent => (String::new(), false),
    };
    Cookie {
        name: cookie.name().to_owned(),
        value: cookie.value().to_owned(),
        domain,
        host_only,
        path: String::from(&cookie.path),
        secure: cookie.secure() == Some(true),
        http_only: cookie.http_only() == Some(true),
        same_site: cookie.same_site().map(|same_site| match same_site {
            ::cookie::SameSite::Strict => SameSite::Strict,
            ::cookie::SameSite::Lax => SameSite::Lax,
            ::cookie::SameSite::None => SameSite::None,
        }),
        expires: match cookie.expires {
            CookieExpiration::AtUtc(at) => Some(system_time(at)),
            CookieExpiration::SessionEnd => None,
        },
    }
}

/// `cookie_store`'s cookie from ours, checking what a hand-made cookie could get wrong.
fn from_public(cookie: &Cookie) -> Result<cookie_store::Cookie<'static>, InvalidCookie> {
    if !valid_name(&cookie.name) {
        return Err(InvalidCookie::Name);
    }
    if !valid_value(&cookie.value) {
        return Err(InvalidCookie::Value);
    }
    let path = if cookie.path.is_empty() {
        "/"
    } else {
        cookie.path.as_str()
    };
    // A `;` cannot come from a Path attribute, but it can from a default path (RFC 6265
    // §5.1.4: the request URL's directory, as in `/a;v=1/`), so a cookie the jar stored from
    // a response, written to cookies.txt, must load again with it.
    if !path.starts_with('/') || path.chars().any(char::is_control) {
        return Err(InvalidCookie::Path);
    }
    let (domain, host_only) = match cookie.domain.strip_prefix('.') {
        Some(rest) => (rest, false),
        None => (cookie.domain.as_str(), cookie.host_only),
    };
    // An empty label (`.`, `..x`, `a..b`) names no host. (`.` once stood for the every-host
    // domain `""`, and read back from cookies.txt as `""`, merging two cookies into one.)
    if cookie.domain == "." || domain.starts_with('.') || domain.contains("..") {
        return Err(InvalidCookie::Domain);
    }
    let host = if domain.is_empty() {
        None
    } else {
        Some(canonical_host(domain).ok_or(InvalidCookie::Domain)?)
    };

    let mut raw = RawCookie::new(cookie.name.clone(), cookie.value.clone());
    raw.set_path(path.to_owned());
    if cookie.secure {
        raw.set_secure(true);
    }
    if cookie.http_only {
        raw.set_http_only(true);
    }
    raw.set_same_site(cookie.same_site.map(|same_site| match same_site {
        SameSite::Strict => ::cookie::SameSite::Strict,
        SameSite::Lax => ::cookie::SameSite::Lax,
        SameSite::None => ::cookie::SameSite::None,
    }));
    if let Some(expires) = cookie.expires {
        raw.set_expires(offset_date_time(expires));
    }
    // `cookie_store` derives the host-only domain from a URL; give it one for the host.
    // A cookie for every host gets a placeholder that is replaced below.
    let origin = match &host {
        Some(host) => {
            if !host_only && matches!(host, Host::Domain(_)) {
                raw.set_domain(host.to_string());
            }
            format!("https://{host}/")
        }
        None => "https://every-host.invalid/".to_owned(),
    };
    let origin = Url::parse(&origin).map_err(|_| InvalidCookie::Domain)?;
    let mut stored = cookie_store::Cookie::try_from_raw_cookie(&raw, &origin)
        .map_err(|_| InvalidCookie::Domain)?
        .into_owned();
    if host.is_none() {
        // `Empty` never domain-matches inside `cookie_store`; the jar reads it as "every host".
        stored.domain = CookieDomain::Empty;
    }
    Ok(stored)
}

/// `Set-Cookie` text without its empty `Max-Age` attributes. The `cookie` crate reads
/// `Max-Age=` as the longest lifetime it can; RFC 6265 §5.2.2 ignores an attribute value that
/// does not start with a digit or `-`.
fn without_empty_max_age(text: &str) -> Cow<'_, str> {
    let empty_max_age = |attribute: &&str| {
        attribute.split_once('=').is_some_and(|(key, value)| {
            key.trim().eq_ignore_ascii_case("max-age") && value.trim().is_empty()
        })
    };
    let mut parts = text.split(';');
    let name_value = parts.next().unwrap_or_default();
    if !parts.clone().any(|attribute| empty_max_age(&attribute)) {
        return Cow::Borrowed(text);
    }
    let kept: Vec<&str> = std::iter::once(name_value)
        .chain(parts.filter(|attribute| !empty_max_age(attribute)))
        .collect();
    Cow::Owned(kept.join(";"))
}

/// `__Secure-` and `__Host-` (RFC 6265bis §4.1.3), matched case-insensitively as browsers do.
fn prefix_rules_hold(
    cookie: &cookie_store::Cookie<'static>,
    path_attribute: Option<&str>,
    from_secure: bool,
) -> bool {
    let has_prefix = |prefix: &str| {
        cookie
            .name()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let secure = cookie.secure() == Some(true) && from_secure;
    if has_prefix("__Secure-") {
        return secure;
    }
    if has_prefix("__Host-") {
        return secure
            && matches!(cookie.domain, CookieDomain::HostOnly(_))
            && path_attribute == Some("/");
    }
    true
}

/// A token-ish name: no control characters, whitespace, `=` or `;` (which would split it).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '=' || c == ';')
}

/// No control character (TAB included, which would break a cookies.txt line) and no `;`
/// (which would end the pair in a `Cookie` header).
fn valid_value(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() || c == ';')
}

fn is_secure_scheme(url: &Url) -> bool {
    matches!(url.scheme(), "https" | "wss")
}

fn is_ip_address(host: &str) -> bool {
    matches!(Host::parse(host), Ok(Host::Ipv4(_)) | Ok(Host::Ipv6(_)))
}

/// A host as URLs spell it: lower case, IDNA A-labels, IPv6 in brackets. `None` for anything
/// that is not a host (a port, a path, a space ...).
fn canonical_host(domain: &str) -> Option<Host<String>> {
    if let Ok(address) = domain.parse::<Ipv6Addr>() {
        return Some(Host::Ipv6(address));
    }
    Host::parse(domain).ok()
}

/// Whether `domain` (lower case ASCII) is itself listed in the public suffix list. Only listed
/// suffixes count, not the implicit `*` rule, so unlisted names such as `localhost` are not.
fn is_public_suffix(domain: &str) -> bool {
    let listed = |name: &str| {
        psl::List
            .suffix(name.as_bytes())
            .is_some_and(|suffix| suffix.is_known() && suffix.as_bytes().len() == name.len())
    };
    if listed(domain) {
        return true;
    }
    // The compiled list spells internationalised suffixes in Unicode; domains here are
    // A-labels (`xn--...`).
    let (unicode, errors) = idna::domain_to_unicode(domain);
    errors.is_ok() && unicode != domain && listed(&unicode)
}

/// RFC 6265 §5.1.3 between two domain strings: `host` is `domain` or a subdomain of it.
fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && !is_ip_address(host))
}

/// RFC 6265 §5.1.4: `request_path` is `cookie_path` or below it.
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/')
                || request_path.as_bytes().get(cookie_path.len()) == Some(&b'/')))
}

/// The latest time `cookie_store` represents (its cap for Max-Age and Expires).
const LATEST_UNIX_SECONDS: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

fn system_time(at: OffsetDateTime) -> SystemTime {
    let seconds = at.unix_timestamp();
    let time = if seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::new(seconds.unsigned_abs(), at.nanosecond()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))
    };
    time.unwrap_or(UNIX_EPOCH)
}

/// Clamped into what `time` and `cookie_store` represent, so no caller input can panic.
fn offset_date_time(at: SystemTime) -> OffsetDateTime {
    let (seconds, nanoseconds) = match at.duration_since(UNIX_EPOCH) {
        Ok(since) => (
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            since.subsec_nanos(),
        ),
        // Before 1970: expired either way.
        Err(_) => (0, 0),
    };
    if seconds >= LATEST_UNIX_SECONDS {
        return OffsetDateTime::from_unix_timestamp(LATEST_UNIX_SECONDS)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    }
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|at| at.replace_nanosecond(nanoseconds).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests;
