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
//! loaded. Out of scope: applying a profile to a connection (the `mummer` crate does that).
//!
//! ```
//! let chrome = mummer_profile::get("chrome").expect("shipped profile");
//! assert!(chrome.tls.grease);
//! assert_eq!(chrome.http2.pseudo_header_order, [":method", ":authority", ":scheme", ":path"]);
//! ```
#![deny(missing_docs)]

pub mod custom;
pub mod names;

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
    /// The TLS ClientHello.
    pub tls: TlsProfile,
    /// The HTTP/2 connection.
    pub http2: Http2Profile,
    /// HTTP/1.1 specifics.
    pub http1: Http1Profile,
    /// Default header values, by name (letter case and order come from the protocol's order).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
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
    /// signature_algorithms in order.
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
        let check = |what: &str, list: &[String], f: fn(&str) -> Option<u16>| {
            let mut seen = Vec::new();
            for name in list {
                let code =
                    f(name).ok_or_else(|| self.invalid(format!("unknown {what} {name:?}")))?;
                if seen.contains(&code) {
                    return Err(self.invalid(format!("{what} {name:?} listed twice")));
                }
                seen.push(code);
            }
            Ok(seen)
        };
        if tls.cipher_suites.is_empty() {
            return Err(self.invalid("no cipher suites"));
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
        check(
            "signature algorithm",
            &tls.signature_algorithms,
            names::signature_algorithm,
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
        for v in [&tls.min_version, &tls.max_version] {
            if !matches!(v.as_str(), "TLS1.2" | "TLS1.3") {
                return Err(self.invalid(format!("TLS version {v:?} (want TLS1.2 or TLS1.3)")));
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
    // Every name and alias must select exactly one profile.
    let mut taken: Vec<(String, String)> = Vec::new();
    for p in &profiles {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            let key = n.to_ascii_lowercase();
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
    let want = name.trim().to_ascii_lowercase().replace('-', "_");
    all()?
        .iter()
        .find(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|n| n.to_ascii_lowercase().replace('-', "_") == want)
        })
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
        let mut bad = chrome;
        bad.http2.initial_stream_id = 2;
        assert!(bad.validate().is_err());
        let err = Profile::from_toml("x", "name = 1").expect_err("syntax");
        assert!(matches!(err, ProfileError::Syntax { .. }));
    }
}
