//! Ground truth from real browsers for the `Cookie` header, `Referer` and multipart/form-data
//! POSTs, over HTTP/2 and HTTP/1.1: Debian's `chromium` and `firefox-esr` run headless through
//! the capture server's `/page/` chain (see `mummer_testkit::capture`: `/page/cookies` sets
//! cookies and navigates to `/page/next`, whose form is submitted as multipart to
//! `/page/form-submit`, whose script POSTs a `FormData` to `/page/fetch-submit` with `fetch()`
//! and then navigates to `cross.fp.test/page/cross`).
//!
//! Each browser test runs the chain twice, over HTTP/2 and over HTTP/1.1 (Chromium
//! `--disable-http2`, Firefox `network.http.http2.enabled=false`), at most [`BROWSER_TIMEOUT`]
//! each, the browser's process group killed at the end; it prints "<browser> not installed:
//! skipping" and passes when the binary is missing. Browsers are started with a URL and no
//! `--dump-dom`/`--screenshot`: in those modes they stop at the first load event, before the
//! script-initiated navigations. So the first request is a command-line navigation
//! (`Sec-Fetch-Site: none`, `Sec-Fetch-User: ?1`), the rest are made by page scripts.
//!
//! The facts asserted (header order and case, cookie layout, Referer values, multipart
//! boundary and body layout) are in [`chromium_facts`] and [`firefox_facts`]. The same checks
//! run on the stored captures `crates/mummer/tests/data/live-*-pages.json`, with or without
//! browsers; `MUMMER_RECORD_PAGES=1` rewrites those files from the live run.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mummer_testkit::{Capture, CaptureServer, TestCa};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const FIREFOX: &str = "/usr/bin/firefox-esr";
const CERTUTIL: &str = "/usr/bin/certutil";
/// The longest one run of the chain may take; the browser is killed then, whatever happened.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(30);
const RECORD_ENV: &str = "MUMMER_RECORD_PAGES";
/// The page host, and the same-site, cross-origin host the chain ends on.
const HOST: &str = "fp.test";
const CROSS_HOST: &str = "cross.fp.test";

/// One browser at a time: two cores, and run times that stay well inside the timeout.
static BROWSER_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    H2,
    H1,
}

impl Protocol {
    fn key(self) -> &'static str {
        match self {
            Protocol::H2 => "h2",
            Protocol::H1 => "http/1.1",
        }
    }

    fn run_tag(self) -> &'static str {
        match self {
            Protocol::H2 => "h2",
            Protocol::H1 => "h1",
        }
    }
}

const PROTOCOLS: [Protocol; 2] = [Protocol::H2, Protocol::H1];

/// The requests of the chain, by what they are (the stored files' `"request"`).
const ENTRY: &str = "entry-navigation";
const NAVIGATION: &str = "navigation-cookies-referer";
const FORM: &str = "form-multipart-navigation";
const FETCH: &str = "fetch-multipart-post";
const CROSS: &str = "cross-origin-navigation";
const LABELS: [&str; 5] = [ENTRY, NAVIGATION, FORM, FETCH, CROSS];

fn label_of(target: &str) -> Option<&'static str> {
    let path = target.split('?').next().unwrap_or_default();
    Some(match path {
        "/page/cookies" => ENTRY,
        "/page/next" => NAVIGATION,
        "/page/form-submit" => FORM,
        "/page/fetch-submit" => FETCH,
        "/page/cross" => CROSS,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// The established facts

/// What one browser sends, as established from the live browsers.
struct Facts {
    name: &'static str,
    /// Boundary = this prefix + a random part that `boundary_random` accepts, described by
    /// `boundary_shape`.
    boundary_prefix: &'static str,
    boundary_random: fn(&str) -> bool,
    boundary_shape: &'static str,
    /// Header names in wire order and case per request; HTTP/2 includes the pseudo-headers,
    /// and its consecutive `cookie` crumbs count as one name here.
    orders: &'static [(
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    )],
    /// `Cache-Control` on the multipart form navigation.
    form_cache_control: Option<&'static str>,
    /// `priority` of navigations and of the fetch(), per protocol (`None`: not sent).
    priority: fn(Protocol, &str) -> Option<&'static str>,
}

#[rustfmt::skip]
fn chromium_facts() -> Facts {
    Facts {
        name: "chromium",
        boundary_prefix: "----WebKitFormBoundary",
        boundary_random: |s| s.len() == 16 && s.bytes().all(|b| b.is_ascii_alphanumeric()),
        boundary_shape: "16 of [A-Za-z0-9]",
        orders: &[
            (
                ENTRY,
                &[
                    ":method", ":authority", ":scheme", ":path",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "upgrade-insecure-requests", "user-agent", "accept",
                    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-user", "sec-fetch-dest",
                    "accept-encoding", "accept-language", "priority",
                ],
                &[
                    "Host", "Connection",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "Upgrade-Insecure-Requests", "User-Agent", "Accept",
                    "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-User", "Sec-Fetch-Dest",
                    "Accept-Encoding", "Accept-Language",
                ],
            ),
            (
                NAVIGATION,
                &[
                    ":method", ":authority", ":scheme", ":path",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "upgrade-insecure-requests", "user-agent", "accept",
                    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "referer",
                    "accept-encoding", "accept-language", "cookie", "priority",
                ],
                &[
                    "Host", "Connection",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "Upgrade-Insecure-Requests", "User-Agent", "Accept",
                    "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Referer",
                    "Accept-Encoding", "Accept-Language", "Cookie",
                ],
            ),
            (
                FORM,
                &[
                    ":method", ":authority", ":scheme", ":path",
                    "content-length", "cache-control",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "upgrade-insecure-requests", "content-type", "user-agent", "origin", "accept",
                    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "referer",
                    "accept-encoding", "accept-language", "cookie", "priority",
                ],
                &[
                    "Host", "Connection", "Content-Length", "Cache-Control",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "Upgrade-Insecure-Requests", "Content-Type", "User-Agent", "Origin", "Accept",
                    "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Referer",
                    "Accept-Encoding", "Accept-Language", "Cookie",
                ],
            ),
            (
                FETCH,
                &[
                    ":method", ":authority", ":scheme", ":path",
                    "content-length", "sec-ch-ua-platform", "user-agent", "sec-ch-ua",
                    "content-type", "sec-ch-ua-mobile", "accept", "origin",
                    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "referer",
                    "accept-encoding", "accept-language", "cookie", "priority",
                ],
                &[
                    "Host", "Connection", "Content-Length",
                    "sec-ch-ua-platform", "User-Agent", "sec-ch-ua",
                    "Content-Type", "sec-ch-ua-mobile", "Accept", "Origin",
                    "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Referer",
                    "Accept-Encoding", "Accept-Language", "Cookie",
                ],
            ),
            (
                CROSS,
                &[
                    ":method", ":authority", ":scheme", ":path",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "upgrade-insecure-requests", "user-agent", "accept",
                    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "referer",
                    "accept-encoding", "accept-language", "cookie", "priority",
                ],
                &[
                    "Host", "Connection",
                    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
                    "Upgrade-Insecure-Requests", "User-Agent", "Accept",
                    "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Referer",
                    "Accept-Encoding", "Accept-Language", "Cookie",
                ],
            ),
        ],
        form_cache_control: Some("max-age=0"),
        priority: |protocol, label| match (protocol, label) {
            (Protocol::H1, _) => None,
            (Protocol::H2, FETCH) => Some("u=1, i"),
            (Protocol::H2, _) => Some("u=0, i"),
        },
    }
}

#[rustfmt::skip]
fn firefox_facts() -> Facts {
    Facts {
        name: "firefox-esr",
        boundary_prefix: "----geckoformboundary",
        // Two 64-bit random numbers in hex without zero padding: 32 digits most of the time
        // (262 of 300 sampled), 31, 30 and 29 seen too, never a leading 0.
        boundary_random: |s| {
            (1..=32).contains(&s.len())
                && !s.starts_with('0')
                && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        },
        boundary_shape: "1..=32 of [0-9a-f], no leading 0",
        orders: &[
            (
                ENTRY,
                &[
                    ":method", ":path", ":authority", ":scheme",
                    "user-agent", "accept", "accept-language", "accept-encoding",
                    "upgrade-insecure-requests",
                    "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-user",
                    "priority", "te",
                ],
                &[
                    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding",
                    "Connection", "Upgrade-Insecure-Requests",
                    "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User",
                    "Priority",
                ],
            ),
            (
                NAVIGATION,
                &[
                    ":method", ":path", ":authority", ":scheme",
                    "user-agent", "accept", "accept-language", "accept-encoding",
                    "referer", "cookie", "upgrade-insecure-requests",
                    "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site",
                    "priority", "te",
                ],
                &[
                    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding",
                    "Connection", "Referer", "Cookie", "Upgrade-Insecure-Requests",
                    "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
                    "Priority",
                ],
            ),
            (
                FORM,
                &[
                    ":method", ":path", ":authority", ":scheme",
                    "user-agent", "accept", "accept-language", "accept-encoding",
                    "content-type", "content-length", "origin",
                    "referer", "cookie", "upgrade-insecure-requests",
                    "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site",
                    "priority", "te",
                ],
                &[
                    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding",
                    "Content-Type", "Content-Length", "Origin",
                    "Connection", "Referer", "Cookie", "Upgrade-Insecure-Requests",
                    "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
                    "Priority",
                ],
            ),
            (
                FETCH,
                &[
                    ":method", ":path", ":authority", ":scheme",
                    "user-agent", "accept", "accept-language", "accept-encoding",
                    "referer", "content-type", "content-length", "origin", "cookie",
                    "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site",
                    "priority", "te",
                ],
                &[
                    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding",
                    "Referer", "Content-Type", "Content-Length", "Origin",
                    "Connection", "Cookie",
                    "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
                    "Priority",
                ],
            ),
            (
                CROSS,
                &[
                    ":method", ":path", ":authority", ":scheme",
                    "user-agent", "accept", "accept-language", "accept-encoding",
                    "referer", "cookie", "upgrade-insecure-requests",
                    "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site",
                    "priority", "te",
                ],
                &[
                    "Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding",
                    "Connection", "Referer", "Cookie", "Upgrade-Insecure-Requests",
                    "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
                    "Priority",
                ],
            ),
        ],
        form_cache_control: None,
        priority: |_, label| match label {
            FETCH => Some("u=4"),
            _ => Some("u=0, i"),
        },
    }
}

/// Cookie pairs each request carries, in order: longest Path first, then creation order
/// (`Set-Cookie` order, then the one set by JavaScript) -- not by name. `deep` (Path
/// /page/next) only reaches /page/next; only `wide` (Domain=fp.test) reaches cross.fp.test.
fn expected_cookies(label: &str) -> &'static [&'static str] {
    match label {
        ENTRY => &[],
        NAVIGATION => &[
            "deep=3", "page=2", "root=1", "secret=4", "aged=5", "wide=6", "js=7",
        ],
        FORM | FETCH => &["page=2", "root=1", "secret=4", "aged=5", "wide=6", "js=7"],
        _ => &["wide=6"],
    }
}

/// The form of `/page/next`, as both browsers encode it: names quoted, `"` in a name as
/// `%22`, UTF-8 values raw, the textarea's LF as CRLF, the empty file input as `filename=""`
/// with `application/octet-stream` and no content.
fn expected_form_body(boundary: &str) -> String {
    format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"quote%22name\"\r\n\r\ncafé & more\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\none\r\ntwo\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n\r\n\
         --{b}--\r\n",
        b = boundary
    )
}

/// The `FormData` of `/page/form-submit`'s fetch(): the file's bytes as given (LF kept).
fn expected_fetch_body(boundary: &str) -> String {
    format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nhello from a.txt\n\r\n\
         --{b}--\r\n",
        b = boundary
    )
}

// ---------------------------------------------------------------------------------------------
// Requests as recorded

/// One request of the chain, from a live capture or from a stored file.
#[derive(Clone, Debug)]
struct Record {
    label: String,
    /// `GET /x HTTP/1.1` (HTTP/1.1 only).
    request_line: Option<String>,
    /// Over HTTP/2 the pseudo-headers too; names exactly as sent.
    headers: Vec<(String, String)>,
    /// HTTP/2 only: each field's HPACK representation.
    hpack: Vec<String>,
    /// HTTP/2 only: the HEADERS frame's stream id and flags.
    stream: Option<(u32, u8)>,
    body: Option<String>,
    /// HTTP/2 only: (length, flags) of each DATA frame of the body.
    data_frames: Vec<(u32, u8)>,
}

impl Record {
    fn from_capture(c: &Capture) -> Option<Record> {
        let label = label_of(c.target()?)?.to_owned();
        let body = c
            .request_body
            .as_ref()
            .filter(|b| b.len > 0)
            .map(|b| String::from_utf8(b.bytes.clone()).expect("multipart body is UTF-8"));
        let data_frames = c
            .request_body
            .iter()
            .flat_map(|b| &b.h2_data_frames)
            .map(|f| (f.length, f.flags))
            .collect();
        if let Some(r) = c.h2_request() {
            Some(Record {
                label,
                request_line: None,
                headers: r
                    .headers()
                    .into_iter()
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .collect(),
                hpack: r.hpack_reprs(),
                stream: Some((r.stream_id, r.flags)),
                body,
                data_frames,
            })
        } else {
            let h1 = c.h1.as_ref()?;
            Some(Record {
                label,
                request_line: Some(format!("{} {} {}", h1.method, h1.target, h1.version)),
                headers: h1.headers.clone(),
                hpack: Vec::new(),
                stream: None,
                body,
                data_frames,
            })
        }
    }

    fn json(&self) -> Value {
        let mut v = json!({
            "request": self.label,
            "headers": self.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            "body": self.body,
        });
        let map = v.as_object_mut().expect("object");
        if let Some(line) = &self.request_line {
            map.insert("request_line".into(), json!(line));
        }
        if let Some((id, flags)) = self.stream {
            map.insert("stream_id".into(), json!(id));
            map.insert("headers_flags".into(), json!(flags));
            map.insert("hpack".into(), json!(self.hpack));
            let frames: Vec<Value> = self
                .data_frames
                .iter()
                .map(|(length, flags)| json!({ "length": length, "flags": flags }))
                .collect();
            map.insert("data_frames".into(), json!(frames));
        }
        v
    }

    fn from_json(v: &Value) -> Record {
        let s = |key: &str| v[key].as_str().map(str::to_owned);
        Record {
            label: s("request").expect("request"),
            request_line: s("request_line"),
            headers: v["headers"]
                .as_array()
                .expect("headers")
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().expect("name").to_owned(),
                        pair[1].as_str().expect("value").to_owned(),
                    )
                })
                .collect(),
            hpack: v["hpack"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| x.as_str().unwrap_or_default().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            stream: v["stream_id"].as_u64().map(|id| {
                (
                    u32::try_from(id).expect("stream id"),
                    u8::try_from(v["headers_flags"].as_u64().unwrap_or_default()).expect("flags"),
                )
            }),
            body: s("body"),
            data_frames: v["data_frames"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|f| {
                            (
                                u32::try_from(f["length"].as_u64().unwrap_or_default())
                                    .expect("length"),
                                u8::try_from(f["flags"].as_u64().unwrap_or_default())
                                    .expect("flags"),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn names(&self) -> Vec<&str> {
        self.headers.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Every value of `name` (matched case-insensitively), in order.
    fn values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn value(&self, name: &str) -> Option<&str> {
        let values = self.values(name);
        assert!(values.len() <= 1, "{}: {name} sent {values:?}", self.label);
        values.first().copied()
    }
}

/// One run of the chain over one protocol.
#[derive(Debug)]
struct Run {
    protocol: Protocol,
    port: u16,
    alpn: Option<String>,
    records: Vec<Record>,
}

impl Run {
    fn record(&self, label: &str) -> &Record {
        self.records
            .iter()
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("{:?}: no {label} request", self.protocol))
    }
}

// ---------------------------------------------------------------------------------------------
// The checks

/// Collects every failed check, so one run names all of them.
struct Check {
    context: String,
    failures: Vec<String>,
}

impl Check {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.failures.push(format!(
                "{}: {what}:\n      got:  {got:?}\n      want: {want:?}",
                self.context
            ));
        }
    }

    fn ok(&mut self, what: &str, cond: bool) {
        if !cond {
            self.failures.push(format!("{}: {what}", self.context));
        }
    }
}

/// Header names with consecutive `cookie` fields counted once.
fn collapse_cookies<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &n in names {
        if n.eq_ignore_ascii_case("cookie") && out.last().is_some_and(|l| l.eq_ignore_ascii_case(n))
        {
            continue;
        }
        out.push(n);
    }
    out
}

fn check_run(facts: &Facts, run: &Run, failures: &mut Vec<String>) {
    let port = run.port;
    let origin = format!("https://{HOST}:{port}");
    for label in LABELS {
        let r = run.record(label);
        let mut c = Check {
            context: format!("{} {} {label}", facts.name, run.protocol.key()),
            failures: Vec::new(),
        };
        let (_, h2_order, h1_order) = facts
            .orders
            .iter()
            .find(|(l, _, _)| *l == label)
            .expect("order for every label");
        let names = r.names();
        match run.protocol {
            Protocol::H2 => {
                c.eq("header order", collapse_cookies(&names), h2_order.to_vec());
                c.ok(
                    "HTTP/2 names are lowercase",
                    names
                        .iter()
                        .all(|n| !n.bytes().any(|b| b.is_ascii_uppercase())),
                );
            }
            Protocol::H1 => c.eq("header order", names.clone(), h1_order.to_vec()),
        }

        // Cookie: one `cookie` field per pair on HTTP/2, one `Cookie: a; b` on HTTP/1.1.
        let cookies = expected_cookies(label);
        match run.protocol {
            Protocol::H2 => c.eq("cookie crumbs", r.values("cookie"), cookies.to_vec()),
            Protocol::H1 => c.eq(
                "Cookie",
                r.value("cookie").map(str::to_owned),
                (!cookies.is_empty()).then(|| cookies.join("; ")),
            ),
        }

        // Referer: the full URL (query included) same-origin, the origin and "/" cross-origin.
        let referer = match label {
            ENTRY => None,
            NAVIGATION => Some(format!(
                "{origin}/page/cookies?run={}",
                run.protocol.run_tag()
            )),
            FORM => Some(format!("{origin}/page/next?from=cookies")),
            FETCH => Some(format!("{origin}/page/form-submit?from=next")),
            _ => Some(format!("{origin}/")),
        };
        c.eq("Referer", r.value("referer").map(str::to_owned), referer);

        let (site, mode, dest, user) = match label {
            ENTRY => ("none", "navigate", "document", Some("?1")),
            FETCH => ("same-origin", "cors", "empty", None),
            CROSS => ("same-site", "navigate", "document", None),
            _ => ("same-origin", "navigate", "document", None),
        };
        c.eq("Sec-Fetch-Site", r.value("sec-fetch-site"), Some(site));
        c.eq("Sec-Fetch-Mode", r.value("sec-fetch-mode"), Some(mode));
        c.eq("Sec-Fetch-Dest", r.value("sec-fetch-dest"), Some(dest));
        c.eq("Sec-Fetch-User", r.value("sec-fetch-user"), user);
        c.eq(
            "Priority",
            r.value("priority"),
            (facts.priority)(run.protocol, label),
        );
        let host = r
            .value(if run.protocol == Protocol::H2 {
                ":authority"
            } else {
                "host"
            })
            .map(str::to_owned);
        let want_host = if label == CROSS { CROSS_HOST } else { HOST };
        c.eq("authority", host, Some(format!("{want_host}:{port}")));
        if label == FETCH {
            c.eq("Accept", r.value("accept"), Some("*/*"));
        }
        c.eq(
            "Upgrade-Insecure-Requests",
            r.value("upgrade-insecure-requests"),
            (label != FETCH).then_some("1"),
        );

        // The POSTs: Origin, Content-Type with the boundary, Content-Length, the body.
        let post = label == FORM || label == FETCH;
        c.eq(
            "method",
            match run.protocol {
                Protocol::H2 => r.value(":method").map(str::to_owned),
                Protocol::H1 => r
                    .request_line
                    .as_deref()
                    .and_then(|l| l.split(' ').next())
                    .map(str::to_owned),
            },
            Some(if post { "POST" } else { "GET" }.to_owned()),
        );
        c.eq(
            "Origin",
            r.value("origin").map(str::to_owned),
            post.then(|| origin.clone()),
        );
        c.eq(
            "Cache-Control",
            r.value("cache-control"),
            if label == FORM {
                facts.form_cache_control
            } else {
                None
            },
        );
        if let Some((_, flags)) = r.stream {
            // END_HEADERS | PRIORITY (Chromium) or END_HEADERS, plus END_STREAM without a body.
            c.eq("HEADERS END_STREAM", flags & 0x1 != 0, !post);
        }
        if post {
            let body = r.body.as_deref().unwrap_or_default();
            let content_type = r.value("content-type").unwrap_or_default();
            let boundary = content_type
                .strip_prefix("multipart/form-data; boundary=")
                .unwrap_or_default();
            let random = boundary.strip_prefix(facts.boundary_prefix);
            c.ok(
                &format!(
                    "boundary {boundary:?} is {:?} + {}",
                    facts.boundary_prefix, facts.boundary_shape
                ),
                random.is_some_and(facts.boundary_random),
            );
            let want = if label == FORM {
                expected_form_body(boundary)
            } else {
                expected_fetch_body(boundary)
            };
            c.eq("multipart body", body, want.as_str());
            c.eq(
                "Content-Length",
                r.value("content-length").map(str::to_owned),
                Some(body.len().to_string()),
            );
            if run.protocol == Protocol::H2 {
                let total: u32 = r.data_frames.iter().map(|(len, _)| len).sum();
                c.eq("DATA bytes", total as usize, body.len());
                c.ok(
                    "only the last DATA frame ends the stream",
                    r.data_frames
                        .iter()
                        .enumerate()
                        .all(|(i, (_, f))| (f & 0x1 != 0) == (i + 1 == r.data_frames.len())),
                );
            }
        } else {
            c.eq("body", r.body.as_deref(), None);
            c.eq("Content-Type", r.value("content-type"), None);
        }
        failures.extend(c.failures);
    }
}

fn check_runs(facts: &Facts, runs: &[Run]) {
    let mut failures = Vec::new();
    for run in runs {
        check_run(facts, run, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} sends something else than established ({} difference(s)) -- the browser changed; \
         update the facts here and re-record with {RECORD_ENV}=1:\n  {}",
        facts.name,
        failures.len(),
        failures.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------
// Stored captures

fn data_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../mummer/tests/data/{file}"))
}

const CHROMIUM_DATA: &str = "live-chromium-156-pages.json";
const FIREFOX_DATA: &str = "live-firefox-esr-153-pages.json";

fn runs_json(version: &str, runs: &[Run]) -> Value {
    let mut protocols = serde_json::Map::new();
    for run in runs {
        protocols.insert(
            run.protocol.key().to_owned(),
            json!({
                "port": run.port,
                "alpn": run.alpn,
                "requests": run.records.iter().map(Record::json).collect::<Vec<_>>(),
            }),
        );
    }
    json!({
        "browser": version,
        "recorded_by": format!(
            "crates/mummer-testkit/tests/live_browser_pages.rs with {RECORD_ENV}=1"
        ),
        "pages": "the /page/ chain of mummer_testkit::capture (module docs): entry-navigation \
                  (/page/cookies, started from the command line), navigation-cookies-referer \
                  (/page/next, location.href), form-multipart-navigation (/page/form-submit, \
                  form.submit()), fetch-multipart-post (/page/fetch-submit, fetch() with \
                  FormData), cross-origin-navigation (cross.fp.test/page/cross, same site)",
        "note": "header names and values exactly as sent, in wire order (HTTP/2: pseudo-headers \
                 included); values hold the server's random port (\"port\"); body is the \
                 request body as UTF-8 text",
        "protocols": protocols,
    })
}

fn stored_runs(file: &str) -> Option<Vec<Run>> {
    let text = std::fs::read_to_string(data_path(file)).ok()?;
    let v: Value = serde_json::from_str(&text).expect("stored captures are JSON");
    Some(
        PROTOCOLS
            .iter()
            .map(|&protocol| {
                let p = &v["protocols"][protocol.key()];
                Run {
                    protocol,
                    port: u16::try_from(p["port"].as_u64().expect("port")).expect("port"),
                    alpn: p["alpn"].as_str().map(str::to_owned),
                    records: p["requests"]
                        .as_array()
                        .expect("requests")
                        .iter()
                        .map(Record::from_json)
                        .collect(),
                }
            })
            .collect(),
    )
}

#[test]
fn stored_page_captures_hold_the_established_facts() {
    for (file, facts) in [
        (CHROMIUM_DATA, chromium_facts()),
        (FIREFOX_DATA, firefox_facts()),
    ] {
        let runs = stored_runs(file).unwrap_or_else(|| panic!("{file} missing"));
        check_runs(&facts, &runs);
    }
}

// ---------------------------------------------------------------------------------------------
// Live browsers

#[tokio::test]
async fn chromium_pages() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("chromium not installed: skipping");
        return;
    }
    live(Browser::Chromium, &chromium_facts(), CHROMIUM_DATA).await;
}

#[tokio::test]
async fn firefox_esr_pages() {
    if !Path::new(FIREFOX).exists() {
        eprintln!("firefox-esr not installed: skipping");
        return;
    }
    if !Path::new(CERTUTIL).exists() {
        eprintln!("certutil (libnss3-tools) not installed: skipping firefox-esr");
        return;
    }
    live(Browser::Firefox, &firefox_facts(), FIREFOX_DATA).await;
}

#[derive(Clone, Copy, Debug)]
enum Browser {
    Chromium,
    Firefox,
}

async fn live(browser: Browser, facts: &Facts, file: &str) {
    let _one_at_a_time = BROWSER_LOCK.lock().await;
    let version = browser_version(browser);
    eprintln!("{}: {version}", facts.name);
    let mut runs = Vec::new();
    for protocol in PROTOCOLS {
        runs.push(run_chain(browser, protocol).await);
    }
    let record = std::env::var_os(RECORD_ENV).is_some_and(|v| v == "1");
    if record {
        let path = data_path(file);
        let mut text = serde_json::to_string_pretty(&runs_json(&version, &runs)).expect("json");
        text.push('\n');
        // Written aside and renamed: the stored-captures test may be reading the file.
        let partial = path.with_extension("json.partial");
        std::fs::write(&partial, text).expect("write stored captures");
        std::fs::rename(&partial, &path).expect("rename stored captures");
        eprintln!("{}: wrote {}", facts.name, path.display());
    }
    check_runs(facts, &runs);
}

/// `--version` output, e.g. `Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)`.
fn browser_version(browser: Browser) -> String {
    let dir = TempDir::new("version");
    let program = match browser {
        Browser::Chromium => CHROMIUM,
        Browser::Firefox => FIREFOX,
    };
    let out = Command::new(program)
        .arg("--version")
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run --version");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Runs the page chain once, from `/page/cookies` to `/page/cross`, and returns the chain's
/// requests in the order the server completed them.
async fn run_chain(browser: Browser, protocol: Protocol) -> Run {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&[HOST, CROSS_HOST])).await;
    let url = format!(
        "https://{HOST}:{}/page/cookies?run={}",
        server.port(),
        protocol.run_tag()
    );
    let dir = TempDir::new(&format!("{browser:?}"));
    let mut cmd = match browser {
        Browser::Chromium => {
            let mut cmd = Command::new(CHROMIUM);
            cmd.args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--ignore-certificate-errors",
            ])
            .arg(format!(
                "--host-resolver-rules=MAP {HOST} 127.0.0.1, MAP {CROSS_HOST} 127.0.0.1"
            ))
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ));
            if protocol == Protocol::H1 {
                cmd.arg("--disable-http2");
            }
            cmd.arg(&url);
            cmd
        }
        Browser::Firefox => {
            let profile = dir.path().join("profile");
            firefox_profile(&profile, &ca, dir.path(), protocol);
            let mut cmd = Command::new(FIREFOX);
            cmd.arg("--headless")
                .arg("--profile")
                .arg(&profile)
                .arg("--no-remote")
                .arg(&url);
            cmd
        }
    };
    let log = dir.path().join("browser.log");
    let out = std::fs::File::create(&log).expect("create log");
    let err = out.try_clone().expect("clone log");
    cmd.env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0);
    let started = Instant::now();
    let mut child = ChildGuard(Some(cmd.spawn().expect("spawn browser")));
    let done = |c: &Capture| c.target().is_some_and(|t| t.starts_with("/page/cross"));
    let outcome = loop {
        if server.captures().iter().any(done) {
            break Ok(());
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            break Err("timed out");
        }
        if child.try_wait().is_some() {
            break Err("browser exited");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    drop(child);
    let captures = server.captures();
    if let Err(why) = outcome {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!(
            "{browser:?} {protocol:?}: page chain incomplete ({why}) after {:?}; requests: \
             {:?}; browser output:\n{}",
            started.elapsed(),
            captures.iter().map(Capture::target).collect::<Vec<_>>(),
            tail.join("\n")
        );
    }
    eprintln!(
        "{browser:?} {protocol:?}: chain done after {:?}",
        started.elapsed()
    );
    let records: Vec<Record> = captures.iter().filter_map(Record::from_capture).collect();
    let alpn = captures.first().and_then(|c| c.alpn.clone());
    assert!(
        captures.iter().all(|c| c.alpn == alpn),
        "{browser:?} {protocol:?}: mixed ALPN"
    );
    assert_eq!(
        alpn.as_deref(),
        Some(protocol.key()),
        "{browser:?} {protocol:?}: ALPN"
    );
    for label in LABELS {
        let n = records.iter().filter(|r| r.label == label).count();
        assert_eq!(
            n, 1,
            "{browser:?} {protocol:?}: {label} requested {n} times"
        );
    }
    Run {
        protocol,
        port: server.port(),
        alpn,
        records,
    }
}

/// A fresh Firefox profile trusting `ca` (via certutil), resolving every name to 127.0.0.1,
/// first-run and background traffic off; HTTP/2 off for [`Protocol::H1`].
fn firefox_profile(profile: &Path, ca: &TestCa, scratch: &Path, protocol: Protocol) {
    std::fs::create_dir_all(profile).expect("create profile dir");
    let db = format!("sql:{}", profile.display());
    let ca_file = scratch.join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).expect("write CA");
    certutil(&["-N", "-d", &db, "--empty-password"]);
    certutil(&[
        "-A",
        "-d",
        &db,
        "-n",
        "mummer test CA",
        "-t",
        "C,,",
        "-i",
        &ca_file.display().to_string(),
    ]);
    let mut prefs = vec![
        ("network.dns.forceResolve", "\"127.0.0.1\""),
        ("network.trr.mode", "5"),
        ("network.dns.disablePrefetch", "true"),
        ("network.captive-portal-service.enabled", "false"),
        ("network.connectivity-service.enabled", "false"),
        ("browser.shell.checkDefaultBrowser", "false"),
        ("browser.aboutwelcome.enabled", "false"),
        ("browser.startup.homepage_override.mstone", "\"ignore\""),
        ("datareporting.policy.dataSubmissionEnabled", "false"),
        ("datareporting.healthreport.uploadEnabled", "false"),
        ("toolkit.telemetry.reportingpolicy.firstRun", "false"),
        ("app.update.disabledForTesting", "true"),
        ("app.normandy.enabled", "false"),
        ("browser.safebrowsing.malware.enabled", "false"),
        ("browser.safebrowsing.phishing.enabled", "false"),
        ("browser.safebrowsing.downloads.enabled", "false"),
        ("extensions.update.enabled", "false"),
        ("services.settings.server", "\"https://127.0.0.1:9/\""),
    ];
    if protocol == Protocol::H1 {
        prefs.push(("network.http.http2.enabled", "false"));
    }
    let user_js: String = prefs
        .iter()
        .map(|(k, v)| format!("user_pref(\"{k}\", {v});\n"))
        .collect();
    std::fs::write(profile.join("user.js"), user_js).expect("write user.js");
}

fn certutil(args: &[&str]) {
    let out = Command::new(CERTUTIL)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run certutil");
    assert!(
        out.status.success(),
        "certutil {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path =
            std::env::temp_dir().join(format!("mummer-pages-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A process of the killed browser may still be closing files: retry briefly.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("could not remove {}", self.0.display());
    }
}

/// The browser process; on drop its whole process group is killed and the browser reaped.
struct ChildGuard(Option<Child>);

impl ChildGuard {
    fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.0.as_mut()?.try_wait().ok().flatten()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let Some(mut child) = self.0.take() else {
            return;
        };
        // The group was created with the browser (process_group(0)), so its id is the
        // browser's pid; it holds only processes the browser started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
    }
}
