//! A browser profile from what the capture server saw: the TLS, HTTP/2 and HTTP/1.1 fields of
//! every request a client made, reduced to the model of `mummer_profile::Profile`.
//!
//! Each observed request has a role. [`Role::Entry`] requests are top-level navigations of one
//! kind (a URL given on the command line); they set the default header values and the header
//! order. [`Role::Subsequent`] requests (script and form navigations after a page set cookies)
//! only place the names an entry lacks (Cookie, Referer, Origin, Content-Type, Content-Length,
//! Cache-Control) among the entry's. A base profile, when given, places the request-dependent
//! names still unplaced and supplies what nothing showed (multipart boundary style, cookie
//! splitting). Fields that vary across connections are recognised as randomised: the extension
//! order (permuted), the ECH GREASE payload length and AEAD. Every field that varies where the
//! model has no randomness, or that the model cannot express, becomes a warning.

use std::collections::BTreeSet;

use mummer_profile::{Http1Profile, Http2Profile, Notes, Priority, PriorityFrame, Profile};
use mummer_profile::{TlsProfile, names};
use mummer_testkit::Capture;

/// What an observed request stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A top-level navigation of the kind the profile reproduces.
    Entry,
    /// A later navigation or form submission: places the names entries lack.
    Subsequent,
    /// Counted for TLS and HTTP/2 connection fields only (e.g. a `fetch()`).
    ConnectionOnly,
}

/// One request as the capture server recorded it.
pub(crate) struct Observed {
    pub(crate) capture: Capture,
    pub(crate) role: Role,
}

/// Descriptive fields of the profile to write.
pub(crate) struct Meta {
    pub(crate) name: String,
    pub(crate) browser: String,
    pub(crate) version: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) source: String,
    pub(crate) checked: String,
}

/// The derived profile, the comments that explain it, and what it could not reproduce.
pub(crate) struct Derived {
    pub(crate) profile: Profile,
    pub(crate) notes: Notes,
    pub(crate) warnings: Vec<String>,
}

/// Names whose presence depends on the request, not the browser's defaults: placed from later
/// requests or the base profile when no entry navigation sent them.
const REQUEST_DEPENDENT: [&str; 6] = [
    "content-length",
    "cache-control",
    "content-type",
    "origin",
    "referer",
    "cookie",
];

/// RFC 8701 GREASE codepoints (0x0a0a, 0x1a1a, ... 0xfafa).
fn is_grease(v: u16) -> bool {
    v & 0x0f0f == 0x0a0a && v >> 8 == v & 0xff
}

fn no_grease(v: &[u16]) -> Vec<u16> {
    v.iter().copied().filter(|&x| !is_grease(x)).collect()
}

fn named(table: impl Iterator<Item = (u16, &'static str)>, code: u16) -> String {
    let mut table = table;
    table
        .find(|e| e.0 == code)
        .map(|e| e.1.to_string())
        .unwrap_or_else(|| format!("{code:#06x}"))
}

fn cipher_name(c: u16) -> String {
    named(names::CIPHER_SUITES.iter().map(|e| (e.0, e.1)), c)
}

fn group_name(g: u16) -> String {
    named(names::GROUPS.iter().map(|e| (e.0, e.1)), g)
}

fn sigalg_name(s: u16) -> String {
    named(names::SIGNATURE_ALGORITHMS.iter().copied(), s)
}

fn extension_name(e: u16) -> String {
    named(names::EXTENSIONS.iter().copied(), e)
}

fn cert_compression_name(c: u16) -> String {
    named(names::CERT_COMPRESSION.iter().copied(), c)
}

fn version_name(v: u16) -> Option<&'static str> {
    match v {
        0x0304 => Some("TLS1.3"),
        0x0303 => Some("TLS1.2"),
        0x0302 => Some("TLS1.1"),
        0x0301 => Some("TLS1.0"),
        _ => None,
    }
}

/// Warns when a field that should be fixed took several values.
fn same(warnings: &mut Vec<String>, what: &str, values: Vec<String>) {
    if values.len() > 1 {
        warnings.push(format!(
            "{what} differs across connections (kept the first): {}",
            values.join(" / ")
        ));
    }
}

/// The distinct values of `f` over `items`, in first-seen order.
fn distinct<T: PartialEq + Clone, I>(items: &[I], f: impl Fn(&I) -> T) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for i in items {
        let v = f(i);
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Inserts the names of `src` missing from `order` next to their neighbours in `src`: after
/// the nearest earlier name already placed, else before the nearest later one, else at the end.
/// Names compare case-insensitively; `order` keeps its own spelling. Returns the names added.
fn place(order: &mut Vec<String>, src: &[String], only: impl Fn(&str) -> bool) -> Vec<String> {
    let mut added = Vec::new();
    let pos = |order: &[String], n: &str| order.iter().position(|x| x.eq_ignore_ascii_case(n));
    for (i, name) in src.iter().enumerate() {
        if pos(order, name).is_some() || !only(name) {
            continue;
        }
        let after = src[..i].iter().rev().find_map(|n| pos(order, n));
        let at = match after {
            Some(p) => p + 1,
            None => src[i + 1..]
                .iter()
                .find_map(|n| pos(order, n))
                .unwrap_or(order.len()),
        };
        order.insert(at, name.clone());
        added.push(name.clone());
    }
    added
}

/// Consecutive duplicates (HTTP/2 cookie crumbs) collapsed.
fn collapse(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if out.last().is_none_or(|l| !l.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

fn h2_names(c: &Capture) -> Option<Vec<String>> {
    let r = c.h2_request()?;
    Some(collapse(
        r.header_order().into_iter().map(str::to_string).collect(),
    ))
}

fn h1_names(c: &Capture) -> Option<Vec<String>> {
    let h = c.h1.as_ref()?;
    Some(collapse(
        h.header_names().into_iter().map(str::to_string).collect(),
    ))
}

fn is_h2(o: &Observed) -> bool {
    o.capture.h2_request().is_some()
}

fn is_h1(o: &Observed) -> bool {
    o.capture.h1.is_some() && o.capture.h2.is_none()
}

/// The multipart boundary style of a request's Content-Type, if it has one.
fn boundary_style(c: &Capture) -> Option<&'static str> {
    let content_type = match (c.h2_request(), &c.h1) {
        (Some(r), _) => r
            .headers()
            .into_iter()
            .find(|(n, _)| *n == "content-type")
            .map(|(_, v)| v.to_string()),
        (None, Some(h)) => h.header("content-type").map(str::to_string),
        _ => None,
    }?;
    let boundary = content_type.split("boundary=").nth(1)?;
    Some(if boundary.starts_with("----WebKitFormBoundary") {
        "webkit"
    } else if boundary.starts_with("----geckoformboundary") {
        "firefox"
    } else {
        "plain"
    })
}

pub(crate) fn derive(
    observed: &[Observed],
    meta: Meta,
    base: Option<&Profile>,
) -> Result<Derived, String> {
    let mut warnings = Vec::new();
    let mut notes = Notes::default();
    let tls = derive_tls(observed, &mut warnings, &mut notes)?;
    let http2 = derive_http2(observed, base, &mut warnings, &mut notes)?;
    let (http1, headers) = derive_http1_and_headers(observed, base, &mut warnings, &mut notes)?;
    let boundary = distinct(
        &observed
            .iter()
            .filter_map(|o| boundary_style(&o.capture))
            .collect::<Vec<_>>(),
        |s| *s,
    );
    let form_boundary = match (boundary.as_slice(), base) {
        ([one], _) => one.to_string(),
        ([], Some(b)) => {
            notes.note(
                "form_boundary",
                format!("No multipart request observed: as {}.", b.name),
            );
            b.form_boundary.clone()
        }
        ([], None) => "plain".to_string(),
        (many, _) => {
            warnings.push(format!("multipart boundary styles vary: {many:?}"));
            many[0].to_string()
        }
    };
    // The capture opens no WebSocket: the handshake comes from the base profile, else from
    // the shipped profile of the same name (the live browsers' WebSocket handshakes are checked
    // against those in crates/mummer/tests/ws_browsers.rs).
    let shipped = mummer_profile::get(&meta.name).ok();
    let source = base.or(shipped);
    let websocket = source.and_then(|b| b.websocket.clone());
    if let (Some(b), Some(_)) = (source, &websocket) {
        notes.note(
            "websocket",
            format!("No WebSocket observed: as {}.", b.name),
        );
    }
    let profile = Profile {
        name: meta.name,
        browser: meta.browser,
        version: meta.version,
        aliases: meta.aliases,
        source: meta.source,
        checked: Some(meta.checked),
        tls,
        http2,
        http1,
        headers,
        websocket,
        form_boundary,
    };
    profile.validate().map_err(|e| e.to_string())?;
    Ok(Derived {
        profile,
        notes,
        warnings,
    })
}

/// The ClientHellos of distinct full handshakes (resumptions offer a pre_shared_key and are
/// left out), over HTTP/2 when `h2` (ALPN offers h2) or over HTTP/1.1 only.
fn hellos(observed: &[Observed], h2: bool) -> Vec<&Capture> {
    let mut seen: Vec<[u8; 32]> = Vec::new();
    let mut out = Vec::new();
    for o in observed {
        let Some(h) = o.capture.client_hello.as_ref() else {
            continue;
        };
        if h.has_extension(41) || seen.contains(&h.random) {
            continue;
        }
        if h.alpn_strings().iter().any(|a| a == "h2") != h2 {
            continue;
        }
        seen.push(h.random);
        out.push(&o.capture);
    }
    out
}

fn derive_tls(
    observed: &[Observed],
    warnings: &mut Vec<String>,
    notes: &mut Notes,
) -> Result<TlsProfile, String> {
    let h2 = hellos(observed, true);
    let h1 = hellos(observed, false);
    let all: Vec<&Capture> = h2.iter().chain(&h1).copied().collect();
    let Some(first) = h2.first().or(h1.first()) else {
        return Err("no TLS ClientHello was captured".into());
    };
    let hello = |c: &&Capture| c.client_hello.clone().expect("filtered on a ClientHello");
    let n = all.len();
    let f = hello(first);
    same(
        warnings,
        "cipher suites",
        distinct(&all, |c| {
            format!("{:04x?}", no_grease(&hello(c).cipher_suites))
        }),
    );
    let cipher_codes = no_grease(&f.cipher_suites);
    let tls13: Vec<u16> = cipher_codes
        .iter()
        .copied()
        .filter(|c| (0x1301..=0x1305).contains(c))
        .collect();
    let preserve_tls13_cipher_order = tls13 != [0x1301, 0x1302, 0x1303];
    let grease = is_grease(f.cipher_suites.first().copied().unwrap_or(0));
    let sig_grease = distinct(&all, |c| {
        hello(c)
            .signature_algorithms
            .unwrap_or_default()
            .first()
            .is_some_and(|&s| is_grease(s))
    });
    same(
        warnings,
        "GREASE in signature_algorithms",
        sig_grease.iter().map(|b| b.to_string()).collect(),
    );
    // Extensions: the order without GREASE and padding (BoringSSL places both itself).
    let order_of = |c: &&Capture| -> Vec<u16> {
        no_grease(&hello(c).extension_types())
            .into_iter()
            .filter(|&e| e != 21)
            .collect()
    };
    let h2_orders = distinct(&h2, order_of);
    let h1_orders = distinct(&h1, order_of);
    let permute = h2_orders.len() > 1 || h1_orders.len() > 1;
    if permute {
        notes.note(
            "tls.permute_extensions",
            "Randomised: the extension order differs from connection to connection.",
        );
        let sets = distinct(&h2, |c| order_of(c).into_iter().collect::<BTreeSet<_>>());
        same(
            warnings,
            "extension set",
            sets.iter().map(|s| format!("{s:?}")).collect(),
        );
    } else if n < 2 {
        warnings.push("one connection only: a fixed extension order is assumed".into());
    }
    let mut extension_order = Vec::new();
    if !permute {
        // HTTP/1.1-only hellos lack ALPS; the HTTP/2 order has every extension.
        let order = h2_orders
            .first()
            .or(h1_orders.first())
            .cloned()
            .unwrap_or_default();
        extension_order = order.iter().map(|&e| extension_name(e)).collect();
        if grease {
            let types = f.extension_types();
            let last = types.iter().rposition(|&t| t != 21).unwrap_or(0);
            if !is_grease(types[0]) || !is_grease(types[last]) {
                warnings.push(format!(
                    "GREASE extensions not first and last ({types:?}): BoringSSL puts them there"
                ));
            }
        }
    }
    let unknown: Vec<u16> = all
        .iter()
        .flat_map(order_of)
        .filter(|&e| names::EXTENSIONS.iter().all(|x| x.0 != e))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !unknown.is_empty() {
        warnings.push(format!("extensions the model cannot send: {unknown:?}"));
    }
    let ext = |code: u16| f.has_extension(code);
    let tls13 = f
        .supported_versions
        .as_deref()
        .unwrap_or_default()
        .contains(&0x0304);
    if f.ec_point_formats
        .as_deref()
        .is_some_and(|formats| formats != [0])
    {
        warnings.push(format!(
            "ec_point_formats {:?}: only uncompressed (0) can be sent",
            f.ec_point_formats
        ));
    }
    same(
        warnings,
        "supported groups",
        distinct(&all, |c| {
            format!(
                "{:04x?}",
                no_grease(&hello(c).supported_groups.unwrap_or_default())
            )
        }),
    );
    same(
        warnings,
        "key shares",
        distinct(&all, |c| {
            let shares: Vec<u16> = hello(c)
                .key_shares
                .unwrap_or_default()
                .iter()
                .map(|k| k.group)
                .collect();
            format!("{:04x?}", no_grease(&shares))
        }),
    );
    same(
        warnings,
        "signature algorithms",
        distinct(&all, |c| {
            format!(
                "{:04x?}",
                no_grease(&hello(c).signature_algorithms.unwrap_or_default())
            )
        }),
    );
    let groups = no_grease(&f.supported_groups.clone().unwrap_or_default());
    let shares: Vec<u16> = no_grease(
        &f.key_shares
            .clone()
            .unwrap_or_default()
            .iter()
            .map(|k| k.group)
            .collect::<Vec<_>>(),
    );
    let sigalgs = no_grease(&f.signature_algorithms.clone().unwrap_or_default());
    let alpn = h2
        .first()
        .map(|c| hello(c).alpn_strings())
        .unwrap_or_else(|| f.alpn_strings());
    if h2.is_empty() {
        warnings.push("no HTTP/2 connection: ALPN is the HTTP/1.1 one".into());
    }
    // ALPS only appears when h2 is offered.
    let alps_hello = h2.first().map(hello);
    let (alps, alps_new_codepoint) = match alps_hello.as_ref().and_then(|h| h.alps.clone()) {
        Some(a) => (
            a.protocols
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect(),
            a.ext_type == 17613,
        ),
        None => (Vec::new(), false),
    };
    let cert_compression = f
        .compress_certificate
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|&c| cert_compression_name(c))
        .collect();
    // ECH GREASE: a fixed payload length, or BoringSSL's 144-240 (32 x 4..=7 + 16) drawn
    // per connection; the AEAD fixed (AES-128-GCM) or drawn between AES-128-GCM and ChaCha20.
    let ech: Vec<_> = all.iter().filter_map(|c| hello(c).ech).collect();
    let ech_grease = !ech.is_empty();
    if ech_grease && ech.len() != n {
        warnings.push(format!(
            "ECH GREASE on {} of {n} connections only",
            ech.len()
        ));
    }
    let lens: BTreeSet<usize> = ech.iter().filter_map(|e| e.payload_len).collect();
    let boring = |l: &usize| [144, 176, 208, 240].contains(l);
    let mut ech_grease_payload_len = None;
    if let [len] = lens.iter().copied().collect::<Vec<_>>()[..] {
        if !boring(&len) || ech.len() >= 8 {
            ech_grease_payload_len = Some(len as u16);
            notes.note(
                "tls.ech_grease_payload_len",
                format!("The same {len}-byte payload on every connection."),
            );
        } else {
            warnings.push(format!(
                "ECH GREASE payload {len} bytes on all {} connections: too few to tell a fixed \
                 length from BoringSSL's random one (assumed random)",
                ech.len()
            ));
        }
    } else if !lens.is_empty() {
        if !lens.iter().all(boring) {
            warnings.push(format!(
                "ECH GREASE payload lengths {lens:?}: neither fixed nor BoringSSL's"
            ));
        }
        notes.note(
            "tls.ech_grease",
            "Randomised: the ECH GREASE payload length is drawn per connection (144-240 bytes).",
        );
    }
    let aeads: BTreeSet<u16> = ech.iter().filter_map(|e| e.aead_id).collect();
    let ech_grease_random_aead = aeads.len() > 1;
    if ech_grease_random_aead {
        notes.note(
            "tls.ech_grease_random_aead",
            "Randomised: the ECH GREASE AEAD is drawn per connection (AES-128-GCM or ChaCha20).",
        );
    } else if aeads.iter().any(|&a| a != 1) {
        warnings.push(format!(
            "ECH GREASE AEAD {aeads:?}: only AES-128-GCM (1) or a random draw can be sent"
        ));
    }
    let trust_anchor_ids = f.extension(0xca34).map(|e| {
        e.data
            .get(2..)
            .unwrap_or_default()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    let anchor_lists = distinct(&all, |c| hello(c).trust_anchor_ids.unwrap_or_default());
    if anchor_lists.len() > 1 {
        let sets = distinct(&anchor_lists, |l| {
            l.iter().cloned().collect::<BTreeSet<_>>()
        });
        warnings.push(if sets.len() == 1 {
            format!(
                "trust anchor IDs: the same {} IDs in {} orders over {n} connections (kept the \
                 first order; the model sends one)",
                anchor_lists[0].len(),
                anchor_lists.len()
            )
        } else {
            format!(
                "trust anchor IDs differ across connections (kept the first): {anchor_lists:02x?}"
            )
        });
    }
    let versions = no_grease(&f.supported_versions.clone().unwrap_or_default());
    let named_versions: Vec<&str> = versions.iter().filter_map(|&v| version_name(v)).collect();
    if named_versions
        .iter()
        .any(|v| *v == "TLS1.1" || *v == "TLS1.0")
    {
        notes.note(
            "tls.min_version",
            "The client still offers TLS 1.1 and 1.0 in supported_versions.",
        );
    }
    let max_version = if versions.contains(&0x0304) {
        "TLS1.3"
    } else {
        "TLS1.2"
    };
    // supported_versions runs from the highest down to the lowest enabled version.
    let min_version = named_versions
        .iter()
        .copied()
        .min_by_key(|v| {
            ["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]
                .iter()
                .position(|x| x == v)
        })
        .filter(|_| !versions.is_empty())
        .unwrap_or("TLS1.2");
    Ok(TlsProfile {
        cipher_suites: cipher_codes.iter().map(|&c| cipher_name(c)).collect(),
        grease,
        grease_signature_algorithms: sig_grease.first().copied().unwrap_or(false),
        permute_extensions: permute,
        extension_order,
        supported_groups: groups.iter().map(|&g| group_name(g)).collect(),
        key_shares: shares.iter().map(|&g| group_name(g)).collect(),
        signature_algorithms: sigalgs.iter().map(|&s| sigalg_name(s)).collect(),
        delegated_credentials: f
            .delegated_credentials
            .clone()
            .unwrap_or_default()
            .iter()
            .map(|&s| sigalg_name(s))
            .collect(),
        alpn,
        alps,
        alps_new_codepoint,
        cert_compression,
        ech_grease,
        ech_grease_payload_len,
        ech_grease_random_aead,
        trust_anchor_ids,
        ocsp_stapling: ext(5),
        signed_cert_timestamps: ext(18),
        session_ticket: ext(35),
        psk_key_exchange_modes: ext(45) || !tls13,
        record_size_limit: f.record_size_limit,
        preserve_tls13_cipher_order,
        min_version: min_version.into(),
        max_version: max_version.into(),
    })
}

fn derive_http2(
    observed: &[Observed],
    base: Option<&Profile>,
    warnings: &mut Vec<String>,
    notes: &mut Notes,
) -> Result<Http2Profile, String> {
    let h2: Vec<&Observed> = observed.iter().filter(|o| is_h2(o)).collect();
    // The connection preface and the first request of each connection.
    let firsts: Vec<&Capture> = h2
        .iter()
        .map(|o| &o.capture)
        .filter(|c| c.h2_request_index == Some(0))
        .collect();
    let Some(first) = firsts.first() else {
        return Err("no HTTP/2 request was captured".into());
    };
    let conn = first.h2.as_ref().expect("an HTTP/2 capture");
    let preface = |c: &&Capture| {
        let h = c.h2.as_ref().expect("HTTP/2");
        let r = c.h2_request().expect("request");
        format!(
            "{} | first HEADERS on {} {:?}",
            h.akamai(),
            r.stream_id,
            r.priority
        )
    };
    let prefaces = distinct(&firsts, preface);
    if prefaces.len() > 1 {
        warnings.push(format!(
            "HTTP/2 preface differs across connections (kept the first): {}",
            prefaces.join(" / ")
        ));
    }
    let request = first.h2_request().expect("request");
    let entries: Vec<&Capture> = h2
        .iter()
        .filter(|o| o.role == Role::Entry)
        .map(|o| &o.capture)
        .collect();
    let Some(entry) = entries.first() else {
        return Err("no HTTP/2 entry navigation was captured".into());
    };
    let pseudo = entry
        .h2_request()
        .expect("request")
        .pseudo_header_order()
        .into_iter()
        .map(str::to_string)
        .collect();
    let orders = distinct(&entries, |c| h2_names(c).unwrap_or_default());
    if orders.len() > 1 {
        warnings.push(format!(
            "HTTP/2 header order differs across entry navigations (kept the first): {orders:?}"
        ));
    }
    let mut order = orders[0].clone();
    let mut placed_later = Vec::new();
    for o in h2.iter().filter(|o| o.role == Role::Subsequent) {
        let names = h2_names(&o.capture).unwrap_or_default();
        placed_later.extend(place(&mut order, &names, |n| !is_default_only(n)));
    }
    if !placed_later.is_empty() {
        notes.note(
            "http2.header_order",
            format!(
                "Placed from later navigations and form submissions: {}.",
                placed_later.join(", ")
            ),
        );
    }
    if let Some(b) = base {
        let from_base = place(&mut order, &b.http2.header_order, |n| {
            REQUEST_DEPENDENT.contains(&n.to_ascii_lowercase().as_str())
        });
        if !from_base.is_empty() {
            notes.note(
                "http2.header_order",
                format!(
                    "Not observed, placed as in {}: {}.",
                    b.name,
                    from_base.join(", ")
                ),
            );
        }
    }
    // Cookie crumbs: several `cookie` fields in one request.
    let cookie_fields: Vec<usize> = h2
        .iter()
        .filter_map(|o| o.capture.h2_request())
        .map(|r| r.header_order().iter().filter(|n| **n == "cookie").count())
        .filter(|&k| k > 0)
        .collect();
    let split_cookies = if cookie_fields.is_empty() {
        match base {
            Some(b) => {
                notes.note(
                    "http2.split_cookies",
                    format!("No cookie observed: as {}.", b.name),
                );
                b.http2.split_cookies
            }
            None => false,
        }
    } else {
        cookie_fields.iter().any(|&k| k > 1)
    };
    let priority_frames = conn
        .priority_frames
        .iter()
        .map(|f| PriorityFrame {
            stream_id: f.stream_id,
            priority: Priority {
                exclusive: f.priority.exclusive,
                depends_on: f.priority.depends_on,
                weight: f.priority.weight,
            },
        })
        .collect();
    Ok(Http2Profile {
        settings: conn.settings.iter().map(|s| (s.id, s.value)).collect(),
        window_update: conn.window_update.unwrap_or(0),
        priority_frames,
        headers_priority: request.priority.map(|p| Priority {
            exclusive: p.exclusive,
            depends_on: p.depends_on,
            weight: p.weight,
        }),
        initial_stream_id: request.stream_id,
        pseudo_header_order: pseudo,
        header_order: order,
        split_cookies,
    })
}

/// Names later requests may add without them being request-dependent: none are excluded but
/// the ones only an entry defines (a later request's `sec-fetch-user` is its own business).
fn is_default_only(name: &str) -> bool {
    name.eq_ignore_ascii_case("sec-fetch-user")
}

fn derive_http1_and_headers(
    observed: &[Observed],
    base: Option<&Profile>,
    warnings: &mut Vec<String>,
    notes: &mut Notes,
) -> Result<(Http1Profile, Vec<(String, String)>), String> {
    let h1: Vec<&Observed> = observed.iter().filter(|o| is_h1(o)).collect();
    let entries: Vec<&Capture> = h1
        .iter()
        .filter(|o| o.role == Role::Entry)
        .map(|o| &o.capture)
        .collect();
    let Some(entry) = entries.first() else {
        return Err("no HTTP/1.1 entry navigation was captured".into());
    };
    let orders = distinct(&entries, |c| h1_names(c).unwrap_or_default());
    if orders.len() > 1 {
        warnings.push(format!(
            "HTTP/1.1 header order differs across entry navigations (kept the first): {orders:?}"
        ));
    }
    let mut order = orders[0].clone();
    let mut placed_later = Vec::new();
    for o in h1.iter().filter(|o| o.role == Role::Subsequent) {
        let names = h1_names(&o.capture).unwrap_or_default();
        placed_later.extend(place(&mut order, &names, |n| !is_default_only(n)));
    }
    if !placed_later.is_empty() {
        notes.note(
            "http1.header_order",
            format!(
                "Placed from later navigations and form submissions: {}.",
                placed_later.join(", ")
            ),
        );
    }
    if let Some(b) = base {
        let from_base = place(&mut order, &b.http1.header_order, |n| {
            REQUEST_DEPENDENT.contains(&n.to_ascii_lowercase().as_str())
        });
        if !from_base.is_empty() {
            notes.note(
                "http1.header_order",
                format!(
                    "Not observed, placed as in {}: {}.",
                    b.name,
                    from_base.join(", ")
                ),
            );
        }
    }

    // Default values: the entry navigations', HTTP/2 first, then names HTTP/1.1 alone sends.
    let h2_entries: Vec<&Capture> = observed
        .iter()
        .filter(|o| is_h2(o) && o.role == Role::Entry)
        .map(|o| &o.capture)
        .collect();
    // What an entry navigation sends is its default, but for the fields that describe this one
    // request (its host, cookies and body length).
    let skip = |n: &str| {
        let n = n.to_ascii_lowercase();
        n.starts_with(':') || matches!(n.as_str(), "host" | "cookie" | "content-length")
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, values: Vec<String>, proto: &str, warnings: &mut Vec<String>| {
        if skip(name) {
            return;
        }
        let lower = name.to_ascii_lowercase();
        if values.len() > 1 {
            warnings.push(format!(
                "{proto} {lower} differs across entry navigations (kept the first): {values:?}"
            ));
        }
        match headers.iter().find(|(n, _)| *n == lower) {
            Some((_, v)) if *v != values[0] => warnings.push(format!(
                "{lower}: {v:?} over HTTP/2 but {:?} over HTTP/1.1 (kept the HTTP/2 value)",
                values[0]
            )),
            Some(_) => {}
            None => headers.push((lower, values[0].clone())),
        }
    };
    if let Some(e) = h2_entries.first() {
        for name in e.h2_request().expect("request").header_order() {
            let values = distinct(&h2_entries, |c| {
                c.h2_request()
                    .and_then(|r| {
                        r.headers()
                            .into_iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.to_string())
                    })
                    .unwrap_or_default()
            });
            add(name, values, "HTTP/2", warnings);
        }
    }
    for (name, _) in &entry.h1.as_ref().expect("h1").headers {
        let values = distinct(&entries, |c| {
            c.h1.as_ref()
                .and_then(|h| h.header(name))
                .unwrap_or_default()
                .to_string()
        });
        add(name, values, "HTTP/1.1", warnings);
    }
    Ok((
        Http1Profile {
            header_order: order,
        },
        headers,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn names_are_placed_next_to_their_neighbours() {
        let mut order = s(&["a", "b", "c"]);
        let added = place(&mut order, &s(&["x", "a", "y", "z", "c", "w"]), |_| true);
        assert_eq!(order, s(&["x", "a", "y", "z", "b", "c", "w"]));
        assert_eq!(added, s(&["x", "y", "z", "w"]));
        // Case-insensitive, and the filter decides what may be added.
        let mut order = s(&["Host", "Accept"]);
        place(&mut order, &s(&["host", "Cookie", "accept", "X"]), |n| {
            n == "Cookie"
        });
        assert_eq!(order, s(&["Host", "Cookie", "Accept"]));
    }

    #[test]
    fn crumbs_collapse_and_grease_is_recognised() {
        assert_eq!(
            collapse(s(&["a", "cookie", "cookie", "b"])),
            s(&["a", "cookie", "b"])
        );
        assert!(is_grease(0x0a0a) && is_grease(0xfafa) && !is_grease(0x0a1a));
    }
}
