//! `prepare`: from options, a request and what the policies add for this hop, to a [`Plan`]:
//! the pool key, the request target and authority, and ONE ordered, case-preserving header
//! list that both HTTP/1.1 and HTTP/2 send (each field scoped to the protocols it belongs to).
//!
//! A pure function: no I/O, no clock, so every header layout is testable without a socket.

use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;
use http::{HeaderValue, Method};
use url::Url;

use crate::error::{Error, Result};
use crate::options::{Options, ProfileRef};
use crate::pool::{PoolKey, VersionPref};
use crate::request::Request;

/// The User-Agent sent when neither the caller nor a profile sets one.
pub(crate) const DEFAULT_USER_AGENT: &str = concat!("mummer/", env!("CARGO_PKG_VERSION"));

/// Which protocols a header field is sent on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Both,
    Http1,
    Http2,
}

/// One header field as it goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    /// The name as HTTP/1.1 sends it (HTTP/2 lowercases it); shared with the profile's
    /// template, so a plan copies no name the profile lists.
    pub(crate) name: Arc<str>,
    pub(crate) value: Bytes,
    pub(crate) scope: Scope,
    /// The place in the plan's template of a name the profile lists, whose HTTP/2 name is
    /// made there once; `None`: made from `name` when sent. An index, not a copy: a copy's
    /// reference counts cost more than the plan's HTTP/1.1 requests save.
    pub(crate) slot: Option<usize>,
    /// Name and value are the slot's own default, checked when the template was made (both
    /// for HTTP/1.1's encoder and as an HTTP/2 `HeaderValue`): not checked again per request.
    /// Anything else (the caller's, the policies', the URL's) is checked as it is sent.
    pub(crate) checked: bool,
}

impl Header {
    fn new(name: Arc<str>, value: Bytes, scope: Scope) -> Header {
        Header {
            name,
            value,
            scope,
            slot: None,
            checked: false,
        }
    }
}

/// A header name as HTTP/2 sends it: lowercase, as text (for the fields as sent) and as the
/// `HeaderName` the HTTP/2 encoder takes (lowercasing and checking a name cost ~200
/// instructions and an allocation, for each of a profile's ~15 names on every request).
#[derive(Debug)]
struct H2Name {
    lower: Arc<str>,
    name: http::HeaderName,
}

impl H2Name {
    /// `None` for a name HTTP/2 cannot send: it fails when sent, as any other.
    fn of(name: &str) -> Option<H2Name> {
        let lower = name.to_ascii_lowercase();
        let header = http::HeaderName::from_bytes(lower.as_bytes()).ok()?;
        Some(H2Name {
            lower: Arc::from(lower),
            name: header,
        })
    }
}

/// Headers the policies add for one hop; a header the caller set on the request wins.
#[derive(Debug, Default, Clone)]
pub(crate) struct HopHeaders {
    pub(crate) authorization: Option<String>,
    pub(crate) cookie: Option<String>,
    pub(crate) referer: Option<String>,
    pub(crate) range: Option<(String, String)>,
}

/// Everything needed to send one request on one connection.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) key: PoolKey,
    pub(crate) method: Method,
    /// `https` or `http`.
    pub(crate) scheme: &'static str,
    /// `host[:port]`, never with userinfo (RFC 9113 section 8.3.1).
    pub(crate) authority: String,
    /// The HTTP/1.1 request-target: origin-form, or absolute-form to a forwarding proxy.
    pub(crate) target: String,
    /// Path and query, for HTTP/2's `:path`.
    pub(crate) path: String,
    pub(crate) headers: Vec<Header>,
    /// Send each cookie pair as its own `cookie` field on HTTP/2 (RFC 9113 section 8.2.3), as
    /// the profile's browser does.
    pub(crate) split_cookies: bool,
    /// The profile's template the headers' `slot`s point into.
    template: Option<Arc<Vec<Slot>>>,
}

/// Makes the plan for sending `request` with `options` and `hop`'s headers. `body_len` is the
/// request body's length when known (`None`: chunked), `has_body` whether there is one.
pub(crate) fn prepare(
    options: &Options,
    request: &Request,
    hop: HopHeaders,
    body_len: Option<u64>,
    has_body: bool,
) -> Result<Plan> {
    let url = &request.url;
    let key = pool_key(options, url, options.version)?;
    let authority = authority(url);
    let path = origin_form(url);
    let forwarding = key.forwarding_proxy().is_some();
    let target = if forwarding {
        absolute_form(url)
    } else {
        path.clone()
    };
    let mut supplied: Vec<(&str, Bytes)> = Vec::new();
    let own = |name: &str| request.has_header(name);
    let mut add = |name: &'static str, value: Option<String>| {
        if let Some(v) = value
            && !own(name)
        {
            supplied.push((name, Bytes::from(v)));
        }
    };
    add("Authorization", hop.authorization);
    add("Cookie", hop.cookie);
    add("Referer", hop.referer);
    if let Some((range, if_range)) = hop.range {
        add("Range", Some(range));
        add("If-Range", Some(if_range));
    }
    if (!body_forbidden(&request.method) || has_body)
        && !own("content-length")
        && !own("transfer-encoding")
    {
        match body_len {
            Some(0) if !method_expects_body(&request.method) => {}
            Some(len) => supplied.push(("Content-Length", Bytes::from(len.to_string()))),
            None => supplied.push(("Transfer-Encoding", Bytes::from_static(b"chunked"))),
        }
    }
    let mut headers = Vec::with_capacity(request.headers.len() + options.headers.len() + 16);
    let host = Bytes::from(authority.clone());
    let template = options.profile.as_ref().map(template);
    match &template {
        Some(template) => {
            profile_headers(template, options, request, &supplied, host, &mut headers)
        }
        None => plain_headers(options, request, &supplied, host, &mut headers),
    }
    if forwarding
        && let Some(auth) = key.proxy.as_deref().and_then(|p| p.authorization())
        && !own("proxy-authorization")
    {
        headers.push(Header::new(
            Arc::from("Proxy-Authorization"),
            Bytes::from(auth),
            Scope::Http1,
        ));
    }
    if !request.suppressed.is_empty() {
        headers.retain(|h| {
            !request
                .suppressed
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&h.name))
        });
    }
    let split_cookies = options
        .profile
        .as_ref()
        .is_some_and(|p| p.profile.http2.split_cookies);
    Ok(Plan {
        key,
        method: request.method.clone(),
        scheme: if url.scheme() == "https" {
            "https"
        } else {
            "http"
        },
        authority,
        target,
        path,
        headers,
        split_cookies,
        template,
    })
}

/// The pool key: everything that shapes the connection this request may use.
pub(crate) fn pool_key(options: &Options, url: &Url, version: VersionPref) -> Result<PoolKey> {
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        other => return Err(Error::builder(format!("unsupported URL scheme {other:?}"))),
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| Error::builder("URL has no host"))?
        .to_ascii_lowercase();
    let port = url
        .port_or_known_default()
        .ok_or_else(|| Error::builder("URL has no port"))?;
    let proxy = options
        .proxy
        .clone()
        .filter(|_| !options.no_proxy.bypasses(&host));
    Ok(PoolKey {
        https,
        host,
        port,
        version,
        proxy,
        profile: options.profile.as_ref().map(|p| p.id),
        tls: options.tls.id,
        local_address: options.local_address.clone(),
    })
}

/// Headers without a profile: Host, the client's defaults with the request's own headers in
/// their places, User-Agent and Accept unless given, the request's other headers, what the
/// policies add, Accept-Encoding, and the body's framing last.
fn plain_headers(
    options: &Options,
    request: &Request,
    supplied: &[(&str, Bytes)],
    host: Bytes,
    out: &mut Vec<Header>,
) {
    let push = |out: &mut Vec<Header>, name: &str, value: Bytes, scope: Scope| {
        out.push(Header::new(Arc::from(name), value, scope));
    };
    if !request.has_header("host") {
        push(out, "Host", host, Scope::Http1);
    }
    let mut used = vec![false; request.headers.len()];
    for (name, value) in &options.headers {
        let mut own = false;
        for (i, (n, v)) in request.headers.iter().enumerate() {
            if n.eq_ignore_ascii_case(name) {
                own = true;
                used[i] = true;
                push(out, n, value_bytes(v), Scope::Both);
            }
        }
        if !own {
            push(out, name, value_bytes(value), Scope::Both);
        }
    }
    let present = |out: &Vec<Header>, name: &str| {
        out.iter().any(|h| h.name.eq_ignore_ascii_case(name)) || request.has_header(name)
    };
    if !present(out, "user-agent") {
        push(
            out,
            "User-Agent",
            Bytes::from_static(DEFAULT_USER_AGENT.as_bytes()),
            Scope::Both,
        );
    }
    if !present(out, "accept") {
        push(out, "Accept", Bytes::from_static(b"*/*"), Scope::Both);
    }
    for (i, (name, value)) in request.headers.iter().enumerate() {
        if !used[i] {
            push(out, name, value_bytes(value), Scope::Both);
        }
    }
    let (framing, rest): (Vec<_>, Vec<_>) = supplied.iter().partition(|(n, _)| is_framing(n));
    for (name, value) in rest {
        push(out, name, value.clone(), Scope::Both);
    }
    if options.decompress && !present(out, "accept-encoding") {
        push(
            out,
            "Accept-Encoding",
            Bytes::from_static(crate::decode::SUPPORTED.as_bytes()),
            Scope::Both,
        );
    }
    for (name, value) in framing {
        push(out, name, value.clone(), framing_scope(name));
    }
}

/// Headers in the browser's order: each name the profile lists takes its place with the
/// profile's letter case, valued by the request, the client's defaults, the policies, or the
/// browser's default, in that precedence; other headers follow in their own order.
fn profile_headers(
    template: &[Slot],
    options: &Options,
    request: &Request,
    supplied: &[(&str, Bytes)],
    host: Bytes,
    out: &mut Vec<Header>,
) {
    for (at, slot) in template.iter().enumerate() {
        let name: &str = &slot.name;
        if name.eq_ignore_ascii_case("host") && !request.has_header("host") {
            out.push(Header {
                scope: Scope::Http1,
                ..slot.header(at, host.clone())
            });
            continue;
        }
        let mut found = false;
        for (n, v) in &request.headers {
            if n.eq_ignore_ascii_case(name) {
                found = true;
                out.push(slot.header(at, value_bytes(v)));
            }
        }
        if found {
            continue;
        }
        if let Some((_, v)) = options
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            out.push(slot.header(at, value_bytes(v)));
            continue;
        }
        if let Some((n, v)) = supplied.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            let scope = if is_framing(n) {
                framing_scope(n)
            } else {
                slot.scope
            };
            out.push(Header {
                scope,
                ..slot.header(at, v.clone())
            });
            continue;
        }
        if name.eq_ignore_ascii_case("accept-encoding") && !options.decompress {
            continue;
        }
        if !options.profile_headers {
            continue;
        }
        if let Some(default) = slot.default_header(at) {
            out.push(default);
        }
    }
    let listed = |n: &str| template.iter().any(|s| s.name.eq_ignore_ascii_case(n));
    for (name, value) in &options.headers {
        if !listed(name) && !request.has_header(name) {
            out.push(Header::new(
                Arc::from(name.as_str()),
                value_bytes(value),
                Scope::Both,
            ));
        }
    }
    for (name, value) in &request.headers {
        if !listed(name) {
            out.push(Header::new(
                Arc::from(name.as_str()),
                value_bytes(value),
                Scope::Both,
            ));
        }
    }
    for (name, value) in supplied {
        if !listed(name) {
            let scope = if is_framing(name) {
                framing_scope(name)
            } else {
                Scope::Both
            };
            out.push(Header::new(Arc::from(*name), value.clone(), scope));
        }
    }
}

/// One place in a profile's header order.
#[derive(Debug)]
struct Slot {
    name: Arc<str>,
    h2_name: Option<H2Name>,
    scope: Scope,
    default: Option<Bytes>,
    /// `default` as HTTP/2 sends it, when it is a valid field with `name` on both protocols
    /// (checked once here, so sending it checks nothing).
    checked_default: Option<HeaderValue>,
}

impl Slot {
    /// A field of this name valued `value`; `at`: this slot's place in its template.
    fn header(&self, at: usize, value: Bytes) -> Header {
        Header {
            name: self.name.clone(),
            value,
            scope: self.scope,
            slot: Some(at),
            checked: false,
        }
    }

    /// The field with the profile's default value, if it has one.
    fn default_header(&self, at: usize) -> Option<Header> {
        let value = self.default.clone()?;
        Some(Header {
            checked: self.checked_default.is_some(),
            ..self.header(at, value)
        })
    }
}

/// The profile's HTTP/1.1 and HTTP/2 orders merged into one, computed once per profile: a name
/// both list is sent on both (with HTTP/1.1's case), the others on their own protocol.
fn template(profile: &ProfileRef) -> Arc<Vec<Slot>> {
    type Template = Arc<Vec<Slot>>;
    static CACHE: OnceLock<Mutex<Vec<(u64, Template)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, t)) = cache.iter().find(|(id, _)| *id == profile.id) {
        return t.clone();
    }
    let t = Arc::new(merge_orders(&profile.profile));
    // Profiles are few (shipped ones, and the customisations a program makes); keep the
    // newest, bounded.
    if cache.len() >= 64 {
        cache.remove(0);
    }
    cache.push((profile.id, t.clone()));
    t
}

fn merge_orders(profile: &mummer_profile::Profile) -> Vec<Slot> {
    let h1 = &profile.http1.header_order;
    let h2 = &profile.http2.header_order;
    let in_list = |list: &[String], n: &str| list.iter().any(|x| x.eq_ignore_ascii_case(n));
    let default = |n: &str| {
        profile
            .header(n)
            .map(|v| Bytes::copy_from_slice(v.as_bytes()))
    };
    let slot = |name: &str, scope| {
        let default = default(name);
        let checked_default = default
            .as_ref()
            .filter(|v| mummer_proto::request::is_valid_field(name, v))
            .and_then(|v| HeaderValue::from_maybe_shared(v.clone()).ok());
        Slot {
            name: Arc::from(name),
            h2_name: H2Name::of(name),
            scope,
            default,
            checked_default,
        }
    };
    let mut out = Vec::with_capacity(h1.len() + h2.len());
    let (mut i, mut j) = (0, 0);
    while i < h1.len() || j < h2.len() {
        if i < h1.len() && !in_list(h2, &h1[i]) {
            out.push(slot(&h1[i], Scope::Http1));
            i += 1;
        } else if j < h2.len() && !in_list(h1, &h2[j]) {
            out.push(slot(&h2[j], Scope::Http2));
            j += 1;
        } else if i < h1.len() && j < h2.len() && h1[i].eq_ignore_ascii_case(&h2[j]) {
            out.push(slot(&h1[i], Scope::Both));
            i += 1;
            j += 1;
        } else {
            // The two orders disagree on the names they share: keep each exactly, scoped to its
            // own protocol.
            let mut out: Vec<Slot> = h1.iter().map(|n| slot(n, Scope::Http1)).collect();
            out.extend(h2.iter().map(|n| slot(n, Scope::Http2)));
            return out;
        }
    }
    out
}

fn is_framing(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("transfer-encoding")
}

fn framing_scope(name: &str) -> Scope {
    // HTTP/2 frames bodies itself; Transfer-Encoding is forbidden there.
    if name.eq_ignore_ascii_case("transfer-encoding") {
        Scope::Http1
    } else {
        Scope::Both
    }
}

fn value_bytes(v: &HeaderValue) -> Bytes {
    Bytes::copy_from_slice(v.as_bytes())
}

/// A plan's header fields as HTTP/2 sends them: lowercase names, connection-specific fields
/// dropped (RFC 9113 section 8.2.2), cookies split into crumbs when the browser does. Each
/// with its `HeaderName`, and `HeaderValue`, when the profile's template made them.
#[allow(clippy::type_complexity)]
fn h2_fields(
    plan: &Plan,
) -> Vec<(
    Arc<str>,
    Option<&http::HeaderName>,
    Bytes,
    Option<&HeaderValue>,
)> {
    let mut out = Vec::with_capacity(plan.headers.len() + 4);
    for h in &plan.headers {
        if h.scope == Scope::Http1 {
            continue;
        }
        let slot = h.slot.and_then(|at| plan.template.as_ref()?.get(at));
        let (lower, name) = match slot.and_then(|s| s.h2_name.as_ref()) {
            Some(n) => (n.lower.clone(), Some(&n.name)),
            None => (Arc::from(h.name.to_ascii_lowercase()), None),
        };
        let value = slot
            .filter(|_| h.checked)
            .and_then(|s| s.checked_default.as_ref());
        if is_connection_specific(&lower) {
            continue;
        }
        if plan.split_cookies && &*lower == "cookie" {
            for crumb in h.value.split(|&b| b == b';') {
                let crumb = crumb.trim_ascii();
                if !crumb.is_empty() {
                    out.push((lower.clone(), name, h.value.slice_ref(crumb), None));
                }
            }
            continue;
        }
        out.push((lower, name, h.value.clone(), value));
    }
    out
}

/// Header fields as sent: names as on the wire, raw values.
pub(crate) type SentFields = Vec<(Arc<str>, Bytes)>;

/// The HTTP/2 request for a plan, and its fields as sent.
pub(crate) fn h2_request(plan: &Plan) -> Result<(http::Request<()>, SentFields)> {
    let uri = http::Uri::builder()
        .scheme(plan.scheme)
        .authority(plan.authority.as_str())
        .path_and_query(plan.path.as_str())
        .build()
        .map_err(Error::builder)?;
    let mut builder = http::Request::builder()
        .method(plan.method.clone())
        .uri(uri)
        .version(http::Version::HTTP_2);
    let headers = builder
        .headers_mut()
        .ok_or_else(|| Error::builder("invalid request"))?;
    let fields = h2_fields(plan);
    // Sized once: growing the map as fields come rehashes it several times.
    headers.reserve(fields.len());
    let mut sent = Vec::with_capacity(fields.len());
    for (lower, name, value, checked) in fields {
        let name = match name {
            Some(n) => n.clone(),
            None => {
                http::header::HeaderName::from_bytes(lower.as_bytes()).map_err(Error::builder)?
            }
        };
        let header_value = match checked {
            Some(v) => v.clone(),
            None => HeaderValue::from_maybe_shared(value.clone()).map_err(Error::builder)?,
        };
        headers.append(name, header_value);
        sent.push((lower, value));
    }
    Ok((builder.body(()).map_err(Error::builder)?, sent))
}

/// Fields HTTP/2 forbids (RFC 9113 section 8.2.2).
fn is_connection_specific(lower: &str) -> bool {
    matches!(
        lower,
        "host" | "connection" | "keep-alive" | "proxy-connection" | "transfer-encoding" | "upgrade"
    )
}

/// A plan's HTTP/1.1 fields, moved out of it.
pub(crate) fn into_h1_fields(plan: Plan) -> SentFields {
    plan.headers
        .into_iter()
        .filter(|h| h.scope != Scope::Http2)
        .map(|h| (h.name, h.value))
        .collect()
}

/// The HTTP/1.1 fields of a plan, in order, each with whether it was checked already (see
/// `Header::checked`).
pub(crate) fn h1_headers(plan: &Plan) -> impl Iterator<Item = (&str, &[u8], bool)> {
    plan.headers
        .iter()
        .filter(|h| h.scope != Scope::Http2)
        .map(|h| (&*h.name, h.value.as_ref(), h.checked))
}

/// The User-Agent the request goes out with by default (the client's own, the profile's, or
/// mummer's), which a browser also sends with CONNECT.
pub(crate) fn user_agent(options: &Options) -> &str {
    let own = options
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
        .and_then(|(_, v)| v.to_str().ok());
    let profile = || {
        options
            .profile
            .as_ref()
            .and_then(|p| p.profile.header("user-agent"))
    };
    own.or_else(profile).unwrap_or(DEFAULT_USER_AGENT)
}

/// `host[:port]` as the URL has it (IPv6 in brackets), without userinfo.
pub(crate) fn authority(url: &Url) -> String {
    // A name or IPv4 address is serialised in the URL exactly as its `Display` writes it (and
    // the port only when not the default): a copy, not formatting. IPv6 differs (the URL
    // never writes the IPv4-mapped form `Display` does).
    if let Some(url::Host::Domain(_) | url::Host::Ipv4(_)) = url.host() {
        return url[url::Position::BeforeHost..url::Position::AfterPort].to_string();
    }
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

/// `path?query` for the request line.
pub(crate) fn origin_form(url: &Url) -> String {
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

/// The whole URL for a request line to a forwarding proxy, without credentials or fragment.
fn absolute_form(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    url.into()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(url: &str) -> Request {
        Request::new(Method::GET, Url::parse(url).expect("url"))
    }

    fn names(plan: &Plan, scope: Scope) -> Vec<String> {
        plan.headers
            .iter()
            .filter(|h| h.scope != scope)
            .map(|h| h.name.to_string())
            .collect()
    }

    #[test]
    fn userinfo_never_reaches_the_authority() {
        let opts = Options::default();
        let mut req = request("https://user:secret@Example.test:8443/a?b#c");
        req.url = crate::run::without_userinfo(&req.url);
        let plan = prepare(&opts, &req, HopHeaders::default(), Some(0), false).expect("plan");
        assert_eq!(plan.authority, "example.test:8443");
        assert_eq!(plan.target, "/a?b");
        let (h2, _) = h2_request(&plan).expect("h2");
        assert_eq!(
            h2.uri().authority().map(|a| a.as_str()),
            Some("example.test:8443")
        );
        assert!(!format!("{:?}", plan.headers).contains("secret"));
    }

    #[test]
    fn plain_order_puts_policies_before_framing() {
        let opts = Options::default();
        let mut req = request("http://a.test/");
        req.method = Method::POST;
        req.headers
            .push(("X-One".into(), HeaderValue::from_static("1")));
        let hop = HopHeaders {
            cookie: Some("a=1; b=2".into()),
            ..HopHeaders::default()
        };
        let plan = prepare(&opts, &req, hop, None, true).expect("plan");
        assert_eq!(
            names(&plan, Scope::Http2),
            [
                "Host",
                "User-Agent",
                "Accept",
                "X-One",
                "Cookie",
                "Accept-Encoding",
                "Transfer-Encoding"
            ]
        );
        let (h2, _) = h2_request(&plan).expect("h2");
        let h2_names: Vec<_> = h2.headers().keys().map(|k| k.as_str()).collect();
        assert_eq!(
            h2_names,
            ["user-agent", "accept", "x-one", "cookie", "accept-encoding"]
        );
    }

    #[test]
    fn a_header_the_caller_set_wins_over_a_policy() {
        let opts = Options::default();
        let mut req = request("http://a.test/");
        req.headers
            .push(("cookie".into(), HeaderValue::from_static("mine=1")));
        let hop = HopHeaders {
            cookie: Some("jar=1".into()),
            ..HopHeaders::default()
        };
        let plan = prepare(&opts, &req, hop, Some(0), false).expect("plan");
        let cookies: Vec<_> = plan
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("cookie"))
            .map(|h| h.value.clone())
            .collect();
        assert_eq!(cookies, [Bytes::from_static(b"mine=1")]);
    }

    #[test]
    fn profile_orders_merge_with_scopes() {
        let chrome = ProfileRef::named("chrome").expect("chrome");
        let slots = merge_orders(&chrome.profile);
        let host = slots.iter().find(|s| &*s.name == "Host").expect("host");
        assert_eq!(host.scope, Scope::Http1);
        let priority = slots
            .iter()
            .find(|s| &*s.name == "priority")
            .expect("priority");
        assert_eq!(priority.scope, Scope::Http2);
        let ua = slots.iter().find(|s| &*s.name == "User-Agent").expect("ua");
        assert_eq!(ua.scope, Scope::Both);
        let h1: Vec<_> = slots
            .iter()
            .filter(|s| s.scope != Scope::Http2)
            .map(|s| s.name.to_string())
            .collect();
        assert_eq!(h1, chrome.profile.http1.header_order);
        let h2: Vec<_> = slots
            .iter()
            .filter(|s| s.scope != Scope::Http1)
            .map(|s| s.name.to_ascii_lowercase())
            .collect();
        assert_eq!(h2, chrome.profile.http2.header_order);
    }

    #[test]
    fn only_the_profiles_own_fields_skip_the_checks() {
        let opts = Options {
            profile: Some(ProfileRef::named("chrome").expect("chrome")),
            ..Options::default()
        };
        let mut req = request("https://a.test/");
        req.headers
            .push(("User-Agent".into(), HeaderValue::from_static("mine")));
        let plan = prepare(&opts, &req, HopHeaders::default(), Some(0), false).expect("plan");
        let checked: Vec<_> = plan.headers.iter().filter(|h| h.checked).collect();
        assert!(!checked.is_empty());
        for h in &checked {
            assert!(mummer_proto::request::is_valid_field(&h.name, &h.value));
        }
        for name in ["User-Agent", "Host"] {
            let h = plan.headers.iter().find(|h| &*h.name == name).expect(name);
            assert!(!h.checked, "{name}");
        }
        let (h2, sent) = h2_request(&plan).expect("h2");
        assert_eq!(h2.headers()["user-agent"], "mine");
        assert_eq!(sent.len(), h2.headers().len());
    }

    #[test]
    fn cookies_split_into_crumbs_when_the_profile_says_so() {
        let mut opts = Options::default();
        let mut profile = mummer_profile::get("chrome").expect("chrome").clone();
        profile.http2.split_cookies = true;
        opts.profile = Some(ProfileRef::new(profile));
        let req = request("https://a.test/");
        let hop = HopHeaders {
            cookie: Some("a=1; b=2;c=3".into()),
            ..HopHeaders::default()
        };
        let plan = prepare(&opts, &req, hop, Some(0), false).expect("plan");
        let (h2, _) = h2_request(&plan).expect("h2");
        let crumbs: Vec<_> = h2
            .headers()
            .get_all("cookie")
            .iter()
            .map(|v| v.to_str().expect("ascii").to_string())
            .collect();
        assert_eq!(crumbs, ["a=1", "b=2", "c=3"]);
        let h1: Vec<_> = h1_headers(&plan)
            .filter(|(n, _, _)| n.eq_ignore_ascii_case("cookie"))
            .map(|(_, v, _)| v.to_vec())
            .collect();
        assert_eq!(h1, [b"a=1; b=2;c=3".to_vec()]);
    }
}
