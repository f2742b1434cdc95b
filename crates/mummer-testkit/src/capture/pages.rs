//! The `/page/...` routes of the capture server: HTML pages that make a browser send cookies,
//! a Referer and multipart bodies (see the route table in the [`super`] module docs).
//!
//! Sans-IO: a route is chosen from the request target alone and its reply is plain data; the
//! HTTP/1.1 and HTTP/2 code in [`super`] puts it on the wire.

use serde_json::Value;

/// Requests whose target starts with this are answered by [`reply`] and have their body kept.
pub(crate) const PREFIX: &str = "/page/";

/// Cookies set by `/page/cookies`, in `Set-Cookie` order. `{domain}` becomes the request's host
/// (the cookie is then sent to every subdomain, e.g. `cross.fp.test`); that one is left out
/// when the host is an IP address, where browsers refuse a Domain attribute.
pub(crate) const COOKIES: &[&str] = &[
    "root=1; Path=/",
    "page=2; Path=/page",
    "deep=3; Path=/page/next",
    "secret=4; Path=/; HttpOnly",
    "aged=5; Path=/; Max-Age=3600",
    "wide=6; Path=/; Domain={domain}",
];

/// The script on `/page/cookies`: one more cookie, set from JavaScript, then a script-initiated
/// same-origin navigation.
const COOKIES_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>cookies</title>
<p>Setting cookies, then going to /page/next.</p>
<script>
document.cookie = "js=7; Path=/";
location.href = "/page/next?from=cookies";
</script>
"#;

/// A form with text fields only (and an empty file input), submitted as
/// multipart/form-data by `form.submit()` once the page has loaded: a real form navigation.
const FORM_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>form</title>
<form id="form" method="post" enctype="multipart/form-data" action="/page/form-submit?from=next">
<input name="x" value="y">
<input name="quote&quot;name" value="caf&eacute; &amp; more">
<textarea name="text">one
two</textarea>
<input type="file" name="upload">
</form>
<script>
addEventListener("load", () => document.getElementById("form").submit());
</script>
"#;

/// After the form navigation: a `fetch()` POST of a `FormData` with a text field and a file,
/// then (whatever the fetch did) a navigation to the same path on `cross.` + this host, i.e.
/// same-site but cross-origin.
const FETCH_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>fetch</title>
<p>Posting a FormData with fetch(), then going to cross.HOST/page/cross.</p>
<script>
const body = new FormData();
body.append("field", "value");
body.append("file", new Blob(["hello from a.txt\n"], { type: "text/plain" }), "a.txt");
fetch("/page/fetch-submit?from=form-submit", { method: "POST", body })
  .then((response) => response.text())
  .catch(() => {})
  .finally(() => {
    location.href = location.protocol + "//cross." + location.host + "/page/cross?from=form-submit";
  });
</script>
"#;

/// Opens a WebSocket to `/ws-capture` carrying the page's query (so a test can label the
/// upgrade request), on this origin or on the host (and port) the query's `ws_host` names (a
/// host the browser has no TLS session for, so that Chromium's handshake is a full one rather
/// than a resumption of the page's session), and reports how it ended in the title. With
/// `cookie=NAME=VALUE` it first sets that cookie, with `protocols=a,b` it offers those
/// subprotocols. The capture server
/// answers the upgrade like any request (200 and JSON, or an HTTP/2 200 for an extended
/// CONNECT), so the browser's WebSocket fails once its handshake is recorded.
const WEBSOCKET_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>websocket</title>
<script>
const query = new URLSearchParams(location.search);
const scheme = location.protocol === "https:" ? "wss://" : "ws://";
const host = query.get("ws_host") || location.host;
// Optional: a cookie and subprotocols, to see where the browser puts Cookie and
// Sec-WebSocket-Protocol among the other fields.
if (query.has("cookie")) document.cookie = query.get("cookie") + "; path=/";
const protocols = query.has("protocols") ? query.get("protocols").split(",") : [];
const ws = new WebSocket(scheme + host + "/ws-capture" + location.search, protocols);
ws.onerror = ws.onclose = () => { document.title = "websocket done"; };
</script>
"#;

const DONE_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>done</title>
<p>Done.</p>
"#;

const NOT_FOUND_PAGE: &str = r#"<!doctype html>
<meta charset="utf-8">
<title>not found</title>
<p>No such page.</p>
"#;

/// One route's response.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    /// Header fields besides Content-Length, names in Title-Case (lowercased for HTTP/2).
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

/// Whether `target` (path and query) is a page route.
pub(crate) fn is_page(target: &str) -> bool {
    target.starts_with(PREFIX)
}

/// The reply to the page request for `target`, from a client that named `authority` (Host or
/// `:authority`, port included); `json` is the request's capture summary, the body of
/// `/page/fetch-submit`'s reply.
pub(crate) fn reply(target: &str, authority: Option<&str>, json: &Value) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let html = |body: &str| Reply {
        status: 200,
        headers: vec![
            ("Content-Type", "text/html; charset=utf-8".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
        ],
        body: body.as_bytes().to_vec(),
    };
    match path {
        "/page/cookies" => {
            let mut reply = html(COOKIES_PAGE);
            let host = authority.map(host_of).unwrap_or_default();
            for cookie in COOKIES {
                if cookie.contains("{domain}") {
                    if host.is_empty() || is_ip(host) {
                        continue;
                    }
                    reply
                        .headers
                        .push(("Set-Cookie", cookie.replace("{domain}", host)));
                } else {
                    reply.headers.push(("Set-Cookie", (*cookie).to_owned()));
                }
            }
            reply
        }
        "/page/next" => html(FORM_PAGE),
        "/page/form-submit" => html(FETCH_PAGE),
        "/page/fetch-submit" => Reply {
            status: 200,
            headers: vec![
                ("Content-Type", "application/json".to_owned()),
                ("Cache-Control", "no-store".to_owned()),
            ],
            body: json.to_string().into_bytes(),
        },
        "/page/cross" => html(DONE_PAGE),
        "/page/websocket" => html(WEBSOCKET_PAGE),
        _ => Reply {
            status: 404,
            ..html(NOT_FOUND_PAGE)
        },
    }
}

/// The host part of an authority (`fp.test:8443` -> `fp.test`, `[::1]:8443` -> `::1`).
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

fn is_ip(host: &str) -> bool {
    host.parse::<std::net::IpAddr>().is_ok()
}

/// The reason phrase for the statuses [`reply`] uses.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert!(is_page("/page/cookies?x=1"));
        assert!(!is_page("/pages"));
        assert!(!is_page("/"));
        let json = serde_json::json!({"k": 1});

        let r = reply("/page/cookies?run=1", Some("fp.test:8443"), &json);
        assert_eq!(r.status, 200);
        let cookies: Vec<&str> = r
            .headers
            .iter()
            .filter(|(n, _)| *n == "Set-Cookie")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(cookies.len(), COOKIES.len());
        assert_eq!(cookies[0], "root=1; Path=/");
        assert_eq!(cookies[5], "wide=6; Path=/; Domain=fp.test");

        let r = reply("/page/cookies", Some("127.0.0.1:8443"), &json);
        assert_eq!(
            r.headers.iter().filter(|(n, _)| *n == "Set-Cookie").count(),
            COOKIES.len() - 1
        );

        let r = reply("/page/fetch-submit", None, &json);
        assert_eq!(r.body, br#"{"k":1}"#);
        assert_eq!(r.headers[0].1, "application/json");

        assert_eq!(reply("/page/nope", None, &json).status, 404);
        assert!(
            String::from_utf8_lossy(&reply("/page/websocket?x=1", None, &json).body)
                .contains("new WebSocket")
        );
        assert!(
            String::from_utf8_lossy(&reply("/page/next", None, &json).body)
                .contains("multipart/form-data")
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("fp.test:1"), "fp.test");
        assert_eq!(host_of("fp.test"), "fp.test");
        assert_eq!(host_of("[::1]:1"), "::1");
        assert!(is_ip("127.0.0.1") && is_ip("::1") && !is_ip("fp.test"));
    }
}
