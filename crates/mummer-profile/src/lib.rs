//! Browser profiles: everything a server can see of a browser on the wire, as data.
//!
//! A [`Profile`] describes the TLS ClientHello (cipher suites, extensions and their order,
//! GREASE, groups, key shares, signature algorithms, ALPN, ALPS, certificate compression, ECH
//! GREASE, ...), the HTTP/2 connection (SETTINGS and their order, WINDOW_UPDATE, PRIORITY
//! frames, HEADERS priority, first stream id, pseudo-header and header order) and HTTP/1.1
//! (header order and letter case), plus the browser's default headers.
//!
//! Profiles live in `profiles/*.toml`, one file each, embedded at build time: that directory is
//! the single list of names for Rust, the CLI and Python. Every profile is validated when
//! loaded. [`Profile::to_toml`] writes one back in that layout (`mummer fingerprint capture`
//! uses it), and [`wire_differences`] compares two on what reaches the wire. Out of scope:
//! applying a profile to a connection (the `mummer` crate does that).
//!
//! ```
//! let chrome = mummer_profile::get("chrome").expect("shipped profile");
//! assert!(chrome.tls.grease);
//! assert_eq!(chrome.http2.pseudo_header_order, [":method", ":authority", ":scheme", ":path"]);
//! ```
#![deny(missing_docs)]

pub mod custom;
pub mod names;
mod write;

pub use write::{Notes, wire_differences};

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Why a profile could not be loaded or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// No profile or alias has this name.
    #[error("unknown browser profile {0:?} (see `mummer fingerprint list`)")]
    Unknown(String),
    /// The TOML did not parse into the model.
    #[error("profile {file}: {message}")]
    Syntax {
        /// The file (or source) name.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The profile parsed but says something impossible.
    #[error("profile {profile}: {message}")]
    Invalid {
        /// The profile name.
        profile: String,
        /// What is wrong.
        message: String,
    },
    /// A custom fingerprint string (JA3, Akamai) is malformed.
    #[error("{kind} string: {message}")]
    Custom {
        /// "JA3" or "Akamai".
        kind: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// One browser, as seen on the wire.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Canonical name, e.g. `chrome_156`.
    pub name: String,
    /// Browser family: chrome, edge, firefox, safari, ...
    pub browser: String,
    /// Browser version.
    pub version: String,
    /// Other names that select this profile (family aliases like `chrome`, curl_cffi's target
    /// names like `chrome131`). Unique across all profiles.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the values come from (a capture, published values).
    #[serde(default)]
    pub source: String,
    /// When the values were last checked against their source on the wire, as `YYYY-MM-DD`.
    #[serde(default)]
    pub checked: Option<String>,
    /// The TLS ClientHello.
    pub tls: TlsProfile,
    /// The HTTP/2 connection.
    pub http2: Http2Profile,
    /// HTTP/1.1 specifics.
    pub http1: Http1Profile,
    /// Default header values, by name (letter case and order come from the protocol's order).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The WebSocket handshake (`None`: the profile has no WebSocket values; mummer then sends
    /// the HTTP/1.1 order with the upgrade fields after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub websocket: Option<WebSocketProfile>,
    /// How the browser makes multipart/form-data boundaries: `webkit` (Chrome, Edge, Safari:
    /// `----WebKitFormBoundary` and 16 characters), `firefox` (`----geckoformboundary` and hex),
    /// or `plain` (mummer's own).
    #[serde(default = "plain")]
    pub form_boundary: String,
}

fn plain() -> String {
    "plain".into()
}

fn yes() -> bool {
    true
}

fn tls12() -> String {
    "TLS1.2".into()
}

fn tls13() -> String {
    "TLS1.3".into()
}

fn one() -> u32 {
    1
}

/// The ClientHello a browser sends.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TlsProfile {
    /// Cipher suites in order (GREASE excluded; see `grease`).
    pub cipher_suites: Vec<String>,
    /// GREASE values where BoringSSL puts them (ciphers, extensions first and last, groups,
    /// key shares, versions), as Chrome does.
    pub grease: bool,
    /// A GREASE value first in signature_algorithms too (Chrome 156; needs `grease`).
    #[serde(default)]
    pub grease_signature_algorithms: bool,
    /// A fresh extension order on every connection (Chrome).
    pub permute_extensions: bool,
    /// A fixed extension order (Firefox, Safari); empty to keep the library's order.
    #[serde(default)]
    pub extension_order: Vec<String>,
    /// supported_groups in order.
    pub supported_groups: Vec<String>,
    /// Groups that get a key share, in order.
    pub key_shares: Vec<String>,
    /// signature_algorithms in order. A scheme may be listed twice (Safari sends
    /// rsa_pss_rsae_sha384 twice).
    pub signature_algorithms: Vec<String>,
    /// delegated_credentials signature algorithms (Firefox); empty for none.
    #[serde(default)]
    pub delegated_credentials: Vec<String>,
    /// ALPN protocols in order.
    pub alpn: Vec<String>,
    /// ALPS (application_settings) protocols; empty for none.
    #[serde(default)]
    pub alps: Vec<String>,
    /// ALPS on codepoint 17613 (new) instead of 17513.
    #[serde(default)]
    pub alps_new_codepoint: bool,
    /// compress_certificate algorithms in order.
    #[serde(default)]
    pub cert_compression: Vec<String>,
    /// Send an ECH GREASE extension.
    #[serde(default)]
    pub ech_grease: bool,
    /// A fixed ECH GREASE payload length in bytes (Firefox: 239); absent, the length is
    /// 32 x 4..=7 plus the AEAD tag, drawn per connection (144-240, as Chrome).
    #[serde(default)]
    pub ech_grease_payload_len: Option<u16>,
    /// Draw the ECH GREASE AEAD per connection from AES-128-GCM and ChaCha20-Poly1305
    /// (Firefox) instead of always AES-128-GCM (Chrome, on machines with AES instructions).
    #[serde(default)]
    pub ech_grease_random_aead: bool,
    /// The trust anchor identifiers extension (0xca34): the requested IDs in wire format
    /// (8-bit length-prefixed, concatenated), as hex; `""` sends the extension empty, absent
    /// sends none.
    #[serde(default)]
    pub trust_anchor_ids: Option<String>,
    /// Ask for OCSP stapling (status_request).
    #[serde(default = "yes")]
    pub ocsp_stapling: bool,
    /// Ask for signed certificate timestamps.
    #[serde(default = "yes")]
    pub signed_cert_timestamps: bool,
    /// Send session_ticket.
    #[serde(default = "yes")]
    pub session_ticket: bool,
    /// Send psk_key_exchange_modes with TLS 1.3 (Tor Browser, which never resumes, sends none).
    #[serde(default = "yes")]
    pub psk_key_exchange_modes: bool,
    /// record_size_limit value (Firefox); none when absent.
    #[serde(default)]
    pub record_size_limit: Option<u16>,
    /// Keep the TLS 1.3 cipher order as listed (BoringSSL otherwise fixes it).
    #[serde(default)]
    pub preserve_tls13_cipher_order: bool,
    /// Lowest TLS version offered.
    #[serde(default = "tls12")]
    pub min_version: String,
    /// Highest TLS version offered.
    #[serde(default = "tls13")]
    pub max_version: String,
}

/// The HTTP/2 connection preface and request HEADERS.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Http2Profile {
    /// SETTINGS (id, value) in the order sent.
    pub settings: Vec<(u16, u32)>,
    /// Connection-level WINDOW_UPDATE increment sent after SETTINGS (0 for none).
    pub window_update: u32,
    /// PRIORITY frames sent before the first request.
    #[serde(default)]
    pub priority_frames: Vec<PriorityFrame>,
    /// Priority fields on request HEADERS; none when the browser sets no PRIORITY flag.
    #[serde(default)]
    pub headers_priority: Option<Priority>,
    /// Stream id of the first request (1 for Chrome, 3 for Firefox).
    #[serde(default = "one")]
    pub initial_stream_id: u32,
    /// Pseudo-header order.
    pub pseudo_header_order: Vec<String>,
    /// Regular header order (lowercase names).
    pub header_order: Vec<String>,
    /// Send each cookie pair as its own `cookie` field (RFC 9113 section 8.2.3 "crumbs"), as
    /// browsers' HPACK encoders do, instead of one `cookie: a=1; b=2` field.
    #[serde(default)]
    pub split_cookies: bool,
}

/// A PRIORITY frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityFrame {
    /// The stream the frame is about.
    pub stream_id: u32,
    /// Its priority.
    #[serde(flatten)]
    pub priority: Priority,
}

/// Stream priority fields (RFC 7540 section 5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// Exclusive flag.
    pub exclusive: bool,
    /// Stream dependency.
    pub depends_on: u32,
    /// Weight as browsers and fingerprints state it: 1 to 256 (the wire carries weight - 1).
    pub weight: u16,
}

/// HTTP/1.1 specifics.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Http1Profile {
    /// Header names in the order and letter case sent.
    pub header_order: Vec<String>,
}

/// How the browser opens a WebSocket.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WebSocketProfile {
    /// ALPN offered on the connection opened for a WebSocket (Chromium and Firefox: only
    /// `http/1.1`; ALPS follows, so it is absent when `h2` is not offered).
    pub alpn: Vec<String>,
    /// The HTTP/1.1 upgrade request's header names, in order and letter case.
    pub header_order: Vec<String>,
    /// Values for the upgrade request that differ from (or are missing in) the profile's
    /// `headers`: `Pragma`, `Cache-Control`, `Accept`, `Sec-Fetch-*`, ...
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// `Sec-WebSocket-Extensions` as offered (`permessage-deflate; client_max_window_bits`).
    #[serde(default)]
    pub extensions: String,
    /// Whether the browser opens a WebSocket as an RFC 8441 extended CONNECT stream on an
    /// HTTP/2 connection whose server sent SETTINGS_ENABLE_CONNECT_PROTOCOL.
    #[serde(default)]
    pub rfc8441: bool,
    /// The extended CONNECT's header names in order (pseudo-headers, `:protocol` included,
    /// then the rest), lowercase.
    #[serde(default)]
    pub http2_header_order: Vec<String>,
    /// The extended CONNECT HEADERS frame's priority.
    #[serde(default)]
    pub http2_priority: Option<Priority>,
}

impl WebSocketProfile {
    /// The value the upgrade request sends for `name`: the WebSocket table's own, else the
    /// profile's default.
    pub fn header<'a>(&'a self, profile: &'a Profile, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .or_else(|| profile.header(name))
    }
}

const PSEUDO: [&str; 4] = [":method", ":authority", ":scheme", ":path"];

impl Profile {
    /// Parses and validates one profile from TOML.
    pub fn from_toml(file: &str, text: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = toml::from_str(text).map_err(|e| ProfileError::Syntax {
            file: file.to_string(),
            message: e.message().to_string(),
        })?;
        profile.validate()?;
        Ok(profile)
    }

    fn invalid(&self, message: impl Into<String>) -> ProfileError {
        ProfileError::Invalid {
            profile: self.name.clone(),
            message: message.into(),
        }
    }

    /// Checks that every name resolves and every combination is possible.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let tls = &self.tls;
        let resolve = |what: &str, list: &[String], f: fn(&str) -> Option<u16>, once: bool| {
            let mut seen = Vec::new();
            for name in list {
                let code =
                    f(name).ok_or_else(|| self.invalid(format!("unknown {what} {name:?}")))?;
                if once && seen.contains(&code) {
                    return Err(self.invalid(format!("{what} {name:?} listed twice")));
                }
                seen.push(code);
            }
            Ok(seen)
        };
        let check =
            |what: &str, list: &[String], f: fn(&str) -> Option<u16>| resolve(what, list, f, true);
        if tls.cipher_suites.is_empty() {
            return Err(self.invalid("no cipher suites"));
        }
        if let Some(date) = &self.checked
            && !is_date(date)
        {
            return Err(self.invalid(format!("checked {date:?} is not a YYYY-MM-DD date")));
        }
        if !matches!(self.form_boundary.as_str(), "webkit" | "firefox" | "plain") {
            return Err(self.invalid(format!(
                "form_boundary {:?} is not webkit, firefox or plain",
                self.form_boundary
            )));
        }
        check("cipher suite", &tls.cipher_suites, names::cipher_suite)?;
        let groups = check("group", &tls.supported_groups, names::group)?;
        let shares = check("key share group", &tls.key_shares, names::group)?;
        if let Some(g) = shares.iter().find(|g| !groups.contains(g)) {
            return Err(self.invalid(format!(
                "key share for group {g:#06x} not in supported_groups"
            )));
        }
        // Safari lists one scheme twice; BoringSSL (as btls patches it) sends the list as given.
        resolve(
            "signature algorithm",
            &tls.signature_algorithms,
            names::signature_algorithm,
            false,
        )?;
        check(
            "signature algorithm",
            &tls.delegated_credentials,
            names::signature_algorithm,
        )?;
        check("extension", &tls.extension_order, names::extension)?;
        check(
            "certificate compression",
            &tls.cert_compression,
            names::cert_compression,
        )?;
        if tls.grease_signature_algorithms && !tls.grease {
            return Err(self.invalid("grease_signature_algorithms needs grease"));
        }
        if (tls.ech_grease_payload_len.is_some() || tls.ech_grease_random_aead) && !tls.ech_grease {
            return Err(self.invalid("ECH GREASE payload length or AEAD without ech_grease"));
        }
        if let Some(len) = tls.ech_grease_payload_len
            && !(17..=1024).contains(&len)
        {
            // At least the AEAD tag plus one byte; far above any browser's choice is a typo.
            return Err(self.invalid(format!("ech_grease_payload_len {len} is not 17-1024")));
        }
        if tls.permute_extensions && !tls.extension_order.is_empty() {
            return Err(self.invalid("extension order is both permuted and fixed"));
        }
        if tls.alpn.is_empty() || tls.alpn.iter().any(|p| p.is_empty() || p.len() > 255) {
            return Err(self.invalid("ALPN needs at least one protocol of 1-255 bytes"));
        }
        if let Some(p) = tls.alps.iter().find(|p| !tls.alpn.contains(p)) {
            return Err(self.invalid(format!("ALPS protocol {p:?} is not offered in ALPN")));
        }
        if let Some(ids) = &tls.trust_anchor_ids {
            let bytes =
                decode_hex(ids).ok_or_else(|| self.invalid("trust_anchor_ids is not hex"))?;
            let mut rest = bytes.as_slice();
            while let Some((&len, tail)) = rest.split_first() {
                if len == 0 || tail.len() < len as usize {
                    return Err(
                        self.invalid("trust_anchor_ids is not a list of length-prefixed IDs")
                    );
                }
                rest = &tail[len as usize..];
            }
        }
        let rank = |v: &str| {
            ["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]
                .iter()
                .position(|x| *x == v)
        };
        match (rank(&tls.min_version), rank(&tls.max_version)) {
            (Some(min), Some(max)) if min <= max && max >= 2 => {}
            (Some(_), Some(_)) => {
                return Err(self.invalid(format!(
                    "TLS versions {:?} to {:?} (the lowest must not exceed the highest, which must be TLS1.2 or TLS1.3)",
                    tls.min_version, tls.max_version
                )))
            }
            _ => {
                let bad = if rank(&tls.min_version).is_none() { &tls.min_version } else { &tls.max_version };
                return Err(self.invalid(format!(
                    "TLS version {bad:?} (want TLS1.0, TLS1.1, TLS1.2 or TLS1.3)"
                )));
            }
        }
        let h2 = &self.http2;
        let mut ids = Vec::new();
        for (id, _) in &h2.settings {
            if *id == 0 || ids.contains(id) {
                return Err(self.invalid(format!("SETTINGS id {id} is zero or repeated")));
            }
            ids.push(*id);
        }
        let mut pseudo = h2.pseudo_header_order.clone();
        pseudo.sort();
        let mut want = PSEUDO.map(String::from).to_vec();
        want.sort();
        if pseudo != want {
            return Err(self.invalid(
                "pseudo_header_order must list :method :authority :scheme :path once each",
            ));
        }
        if h2.initial_stream_id % 2 == 0 {
            return Err(self.invalid("initial_stream_id must be odd (client streams)"));
        }
        if let Some(f) = h2
            .priority_frames
            .iter()
            .find(|f| f.stream_id == 0 || f.stream_id >= h2.initial_stream_id)
        {
            return Err(self.invalid(format!(
                "PRIORITY frame for stream {} must name a stream below initial_stream_id {}",
                f.stream_id, h2.initial_stream_id
            )));
        }
        let priorities = h2
            .priority_frames
            .iter()
            .map(|f| &f.priority)
            .chain(h2.headers_priority.iter());
        for p in priorities {
            if !(1..=256).contains(&p.weight) {
                return Err(self.invalid(format!("priority weight {} outside 1-256", p.weight)));
            }
        }
        for order in [&h2.header_order, &self.http1.header_order] {
            for (i, name) in order.iter().enumerate() {
                if order[..i].iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    return Err(self.invalid(format!("header {name:?} listed twice")));
                }
            }
        }
        if let Some(n) = h2
            .header_order
            .iter()
            .find(|n| n.bytes().any(|b| b.is_ascii_uppercase()))
        {
            return Err(self.invalid(format!("HTTP/2 header {n:?} must be lowercase")));
        }
        for (name, _) in &self.headers {
            let listed = h2
                .header_order
                .iter()
                .chain(&self.http1.header_order)
                .any(|n| n.eq_ignore_ascii_case(name));
            if !listed {
                return Err(self.invalid(format!("default header {name:?} is in no header order")));
            }
        }
        if let Some(ws) = &self.websocket {
            if ws.alpn.is_empty() || ws.alpn.iter().any(|p| !tls.alpn.contains(p)) {
                return Err(self
                    .invalid("websocket.alpn must be a non-empty subset of tls.alpn".to_string()));
            }
            for required in [
                "Host",
                "Upgrade",
                "Connection",
                "Sec-WebSocket-Key",
                "Sec-WebSocket-Version",
            ] {
                if !ws
                    .header_order
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(required))
                {
                    return Err(self.invalid(format!("websocket.header_order lacks {required}")));
                }
            }
            if !ws.extensions.is_empty() && !ws.extensions.starts_with("permessage-deflate") {
                return Err(self.invalid(format!(
                    "websocket.extensions {:?} is not a permessage-deflate offer",
                    ws.extensions
                )));
            }
            if ws.rfc8441 && !ws.http2_header_order.iter().any(|n| n == ":protocol") {
                return Err(self.invalid("websocket.http2_header_order lacks :protocol"));
            }
        }
        Ok(())
    }

    /// The default value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return false;
    }
    if !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month: u8 = text[5..7].parse().unwrap_or(0);
    let day: u8 = text[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// The form names are compared in: case-insensitive, `-` and `_` alike.
fn name_key(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('-', "_")
}

/// Bytes from a hex string (whitespace ignored).
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

fn load() -> Result<Vec<Profile>, ProfileError> {
    let mut profiles = Vec::new();
    for (file, text) in embedded::EMBEDDED {
        let profile = Profile::from_toml(file, text)?;
        if profile.name != *file {
            return Err(profile.invalid(format!("name differs from its file name {file}.toml")));
        }
        profiles.push(profile);
    }
    // Every name and alias must select exactly one profile, compared as `get` compares them.
    let mut taken: Vec<(String, String)> = Vec::new();
    for p in &profiles {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            let key = name_key(n);
            if let Some((_, owner)) = taken.iter().find(|(k, _)| *k == key) {
                return Err(p.invalid(format!("name {n:?} is already taken by {owner}")));
            }
            taken.push((key, p.name.clone()));
        }
    }
    Ok(profiles)
}

static PROFILES: OnceLock<Result<Vec<Profile>, ProfileError>> = OnceLock::new();

/// Every shipped profile, validated.
pub fn all() -> Result<&'static [Profile], ProfileError> {
    match PROFILES.get_or_init(load) {
        Ok(p) => Ok(p),
        Err(e) => Err(e.clone()),
    }
}

/// The profile with this name or alias (case-insensitive; `-` and `_` interchangeable).
pub fn get(name: &str) -> Result<&'static Profile, ProfileError> {
    // An index by compared form: this runs for every request that names a profile.
    static INDEX: OnceLock<std::collections::HashMap<String, usize>> = OnceLock::new();
    let all = all()?;
    let index = INDEX.get_or_init(|| {
        let mut index = std::collections::HashMap::new();
        for (i, p) in all.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                index.insert(name_key(n), i);
            }
        }
        index
    });
    let found = match index.get(name) {
        Some(&i) => Some(i),
        None => index.get(&name_key(name)).copied(),
    };
    found
        .map(|i| &all[i])
        .ok_or_else(|| ProfileError::Unknown(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_profile_loads_and_aliases_resolve() {
        let all = all().expect("profiles valid");
        assert!(all.len() >= 2);
        for p in all {
            assert_eq!(get(&p.name).expect("by name").name, p.name);
            for a in &p.aliases {
                assert_eq!(get(a).expect("by alias").name, p.name, "alias {a}");
            }
        }
        assert!(matches!(get("netscape4"), Err(ProfileError::Unknown(_))));
    }

    #[test]
    fn every_curl_cffi_name_resolves() {
        // curl_cffi 0.17's 47 targets, its deprecated spellings and its aliases, and the profile
        // each selects here (the bare family names: the newest profile, Firefox's the captured
        // ESR 153; see docs/decisions/0007-curl-cffi-targets.md).
        #[rustfmt::skip]
        let names = [
            ("chrome99", "chrome_99"),
            ("chrome100", "chrome_100"),
            ("chrome101", "chrome_101"),
            ("chrome104", "chrome_104"),
            ("chrome107", "chrome_107"),
            ("chrome110", "chrome_110"),
            ("chrome116", "chrome_116"),
            ("chrome119", "chrome_119"),
            ("chrome120", "chrome_120"),
            ("chrome123", "chrome_123"),
            ("chrome124", "chrome_124"),
            ("chrome131", "chrome_131"),
            ("chrome133a", "chrome_133a"),
            ("chrome136", "chrome_136"),
            ("chrome142", "chrome_142"),
            ("chrome145", "chrome_145"),
            ("chrome146", "chrome_146"),
            ("chrome150", "chrome_150"),
            ("chrome151", "chrome_151"),
            ("chrome151_macos", "chrome_macos_151"),
            ("chrome152", "chrome_152"),
            ("chrome152_macos", "chrome_macos_152"),
            ("chrome99_android", "chrome_android_99"),
            ("chrome131_android", "chrome_android_131"),
            ("edge99", "edge_99"),
            ("edge101", "edge_101"),
            ("safari153", "safari_15_3"),
            ("safari155", "safari_15_5"),
            ("safari170", "safari_17_0"),
            ("safari172_ios", "safari_ios_17_2"),
            ("safari180", "safari_18_0"),
            ("safari180_ios", "safari_ios_18_0"),
            ("safari184", "safari_18_4"),
            ("safari184_ios", "safari_ios_18_4"),
            ("safari260", "safari_26_0"),
            ("safari2601", "safari_26_0_1"),
            ("safari260_ios", "safari_ios_26_0"),
            ("safari270", "safari_27_0"),
            ("safari270_ios", "safari_ios_27_0"),
            ("firefox133", "firefox_133"),
            ("firefox135", "firefox_135"),
            ("firefox144", "firefox_144"),
            ("firefox147", "firefox_147"),
            ("firefox153", "firefox_esr_153"),
            ("firefox154", "firefox_154"),
            ("firefox155", "firefox_155"),
            ("tor145", "tor_14_5"),
            ("safari15_3", "safari_15_3"),
            ("safari15_5", "safari_15_5"),
            ("safari17_0", "safari_17_0"),
            ("safari17_2_ios", "safari_ios_17_2"),
            ("safari18_0", "safari_18_0"),
            ("safari18_0_ios", "safari_ios_18_0"),
            ("chrome", "chrome_156"),
            ("edge", "edge_156"),
            ("safari", "safari_27_0"),
            ("safari_ios", "safari_ios_27_0"),
            ("safari_beta", "safari_27_0"),
            ("safari_ios_beta", "safari_ios_27_0"),
            ("chrome_android", "chrome_android_156"),
            ("firefox", "firefox_esr_153"),
            ("tor", "tor_14_5"),
        ];
        assert_eq!(names.len(), 47 + 6 + 9);
        for (name, profile) in names {
            assert_eq!(get(name).expect(name).name, profile, "{name}");
        }
    }

    #[test]
    fn validation_names_the_problem() {
        let chrome = get("chrome").expect("chrome").clone();
        let mut bad = chrome.clone();
        bad.tls.key_shares.push("secp521r1".into());
        assert!(
            bad.validate()
                .expect_err("share outside groups")
                .to_string()
                .contains("key share")
        );
        let mut bad = chrome.clone();
        bad.http2.pseudo_header_order.pop();
        assert!(bad.validate().is_err());
        let mut bad = chrome.clone();
        bad.tls.cipher_suites.push("TLS_MADE_UP".into());
        assert!(
            bad.validate()
                .expect_err("unknown cipher")
                .to_string()
                .contains("TLS_MADE_UP")
        );
        let mut bad = chrome.clone();
        bad.tls.grease = false;
        assert!(
            bad.validate()
                .expect_err("sigalg GREASE without GREASE")
                .to_string()
                .contains("grease_signature_algorithms")
        );
        let mut bad = chrome.clone();
        bad.tls.ech_grease_payload_len = Some(16);
        assert!(
            bad.validate()
                .expect_err("payload shorter than the AEAD tag")
                .to_string()
                .contains("ech_grease_payload_len 16")
        );
        let mut bad = chrome.clone();
        bad.tls.ech_grease = false;
        bad.tls.ech_grease_random_aead = true;
        assert!(bad.validate().is_err());
        let mut bad = chrome.clone();
        bad.http2.initial_stream_id = 2;
        assert!(bad.validate().is_err());
        let mut bad = chrome.clone();
        bad.checked = Some("2026-13-01".into());
        assert!(
            bad.validate()
                .expect_err("month 13")
                .to_string()
                .contains("checked")
        );
        bad.checked = Some("2026-12-01".into());
        bad.validate().expect("a date");
        // A signature scheme may repeat (Safari); a cipher suite may not.
        let mut twice = chrome.clone();
        twice
            .tls
            .signature_algorithms
            .push("rsa_pss_rsae_sha384".into());
        twice.validate().expect("repeated signature algorithm");
        twice
            .tls
            .cipher_suites
            .push("TLS_AES_128_GCM_SHA256".into());
        assert!(twice.validate().is_err());
        let err = Profile::from_toml("x", "name = 1").expect_err("syntax");
        assert!(matches!(err, ProfileError::Syntax { .. }));
    }
}
