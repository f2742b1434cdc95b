//! The upgrade request's header fields: in the profile's WebSocket order and case, valued by
//! the request, the client's defaults, the handshake itself, then the browser's defaults, in
//! that precedence (as `prepare` does for HTTP requests, with the WebSocket table's order).

use bytes::Bytes;
use url::Url;

use crate::options::Options;
use crate::request::Request;

/// What the handshake itself decides.
pub(crate) struct Handshake<'a> {
    pub(crate) authority: &'a str,
    pub(crate) key: &'a str,
    pub(crate) extensions: Option<String>,
    pub(crate) protocols: &'a [String],
    pub(crate) origin: Option<String>,
    pub(crate) cookie: Option<String>,
    pub(crate) authorization: Option<String>,
    /// An extended CONNECT on HTTP/2 (RFC 8441): no Host (`:authority` says it), no key, no
    /// Upgrade or Connection, the profile's HTTP/2 order.
    pub(crate) http2: bool,
}

/// The order without a profile (or with one that has no WebSocket table): the fields RFC 6455
/// requires first, then what the caller and client add.
const PLAIN_ORDER: &[&str] = &[
    "Host",
    "Connection",
    "Upgrade",
    "Sec-WebSocket-Key",
    "Sec-WebSocket-Version",
    "Sec-WebSocket-Extensions",
    "Sec-WebSocket-Protocol",
    "Origin",
    "User-Agent",
];

impl Handshake<'_> {
    /// The value the handshake gives `name`, if it decides it.
    fn value(&self, name: &str, options: &Options) -> Option<String> {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if self.http2
            && (is("host") || is("connection") || is("upgrade") || is("sec-websocket-key"))
        {
            None
        } else if is("host") {
            Some(self.authority.to_string())
        } else if is("connection") {
            Some("Upgrade".into())
        } else if is("upgrade") {
            Some("websocket".into())
        } else if is("sec-websocket-key") {
            Some(self.key.to_string())
        } else if is("sec-websocket-version") {
            Some("13".into())
        } else if is("sec-websocket-extensions") {
            self.extensions.clone()
        } else if is("sec-websocket-protocol") {
            (!self.protocols.is_empty()).then(|| self.protocols.join(", "))
        } else if is("origin") {
            self.origin.clone()
        } else if is("cookie") {
            self.cookie.clone()
        } else if is("authorization") {
            self.authorization.clone()
        } else if is("user-agent") {
            Some(crate::prepare::user_agent(options).to_string())
        } else {
            None
        }
    }
}

/// Names the handshake fills whatever the order says, appended when the order lacks them.
const ALWAYS: &[&str] = &[
    "Host",
    "Connection",
    "Upgrade",
    "Sec-WebSocket-Key",
    "Sec-WebSocket-Version",
    "Sec-WebSocket-Extensions",
    "Sec-WebSocket-Protocol",
    "Origin",
    "Cookie",
    "Authorization",
];

/// The header fields, in order.
pub(crate) fn upgrade_headers(
    options: &Options,
    request: &Request,
    hs: &Handshake<'_>,
) -> Vec<(String, Bytes)> {
    let profile = options.profile.as_ref().map(|p| p.profile.as_ref());
    let ws = profile.and_then(|p| p.websocket.as_ref());
    let order: Vec<&str> = match ws {
        Some(ws) if hs.http2 => ws
            .http2_header_order
            .iter()
            .map(String::as_str)
            .filter(|n| !n.starts_with(':'))
            .collect(),
        Some(ws) => ws.header_order.iter().map(String::as_str).collect(),
        None => PLAIN_ORDER.to_vec(),
    };
    let listed = |n: &str| order.iter().any(|o| o.eq_ignore_ascii_case(n));
    let mut out: Vec<(String, Bytes)> = Vec::with_capacity(order.len() + request.headers.len());
    let push = |name: &str, value: Bytes, out: &mut Vec<(String, Bytes)>| {
        if !request
            .suppressed
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name))
        {
            out.push((name.to_string(), value));
        }
    };
    for &name in &order {
        let own: Vec<Bytes> = request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| Bytes::copy_from_slice(v.as_bytes()))
            .collect();
        if !own.is_empty() {
            for v in own {
                push(name, v, &mut out);
            }
            continue;
        }
        if let Some((_, v)) = options
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            push(name, Bytes::copy_from_slice(v.as_bytes()), &mut out);
            continue;
        }
        if let Some(v) = hs.value(name, options) {
            push(name, Bytes::from(v), &mut out);
            continue;
        }
        if !options.profile_headers {
            continue;
        }
        if name.eq_ignore_ascii_case("accept-encoding") && !options.decompress {
            continue;
        }
        let default = match (ws, profile) {
            (Some(ws), Some(p)) => ws.header(p, name),
            (None, Some(p)) => p.header(name),
            _ => None,
        };
        if let Some(v) = default {
            push(name, Bytes::copy_from_slice(v.as_bytes()), &mut out);
        }
    }
    for (name, value) in &options.headers {
        if !listed(name) && !request.has_header(name) {
            push(name, Bytes::copy_from_slice(value.as_bytes()), &mut out);
        }
    }
    for (name, value) in &request.headers {
        if !listed(name) {
            push(name, Bytes::copy_from_slice(value.as_bytes()), &mut out);
        }
    }
    for &name in ALWAYS {
        if !listed(name)
            && !request.has_header(name)
            && let Some(v) = hs.value(name, options)
        {
            push(name, Bytes::from(v), &mut out);
        }
    }
    if hs.http2 {
        return http2_fields(out, profile.is_some_and(|p| p.http2.split_cookies));
    }
    out
}

/// Fields as HTTP/2 sends them: lowercase names, none of the connection-specific ones
/// (RFC 9113 section 8.2.2), cookies in crumbs when the browser splits them.
fn http2_fields(fields: Vec<(String, Bytes)>, split_cookies: bool) -> Vec<(String, Bytes)> {
    let mut out = Vec::with_capacity(fields.len());
    for (name, value) in fields {
        let name = name.to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "host"
                | "connection"
                | "keep-alive"
                | "proxy-connection"
                | "transfer-encoding"
                | "upgrade"
        ) {
            continue;
        }
        if split_cookies && name == "cookie" {
            for crumb in value.split(|&b| b == b';') {
                let crumb = crumb.trim_ascii();
                if !crumb.is_empty() {
                    out.push((name.clone(), value.slice_ref(crumb)));
                }
            }
            continue;
        }
        out.push((name, value));
    }
    out
}

/// The Origin a page of the target's own site would send: `https://host[:port]` for
/// `wss://`, `http://...` for `ws://` (`url` is already in its http form).
pub(crate) fn default_origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}
