//! JA3, JA3N and JA4 fingerprints of a parsed [`ClientHello`].
//!
//! Scope: the TLS client fingerprints, computed the way fingerprinting
//! servers compute them, so a client can be checked against a real browser
//! without a network round trip.
//!
//! * **JA3** (Salesforce): `TLSVersion,Ciphers,Extensions,EllipticCurves,
//!   EllipticCurvePointFormats`, decimal values joined by `-`, GREASE removed,
//!   then MD5. Extensions keep wire order, so it changes on every connection
//!   of a client that permutes extensions (Chrome since 110).
//! * **JA3N**: JA3 with the extension list sorted ascending, which undoes
//!   that permutation.
//! * **JA4** (FoxIO, `technical_details/JA4.md`): `a_b_c` where `a` is
//!   transport, version, SNI, counts and ALPN; `b` hashes the sorted ciphers;
//!   `c` hashes the sorted extensions (minus SNI and ALPN) plus the signature
//!   algorithms in wire order. `ja4_r` is the unhashed form, `ja4_o`/`ja4_ro`
//!   keep original order (and SNI/ALPN).

use md5::{Digest as _, Md5};
use serde::Serialize;
use sha2::Sha256;

use crate::client_hello::{ClientHello, ext, is_grease};

/// What carried the ClientHello; the first character of JA4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Transport {
    /// TLS over TCP (`t`).
    #[default]
    Tcp,
    /// QUIC (`q`).
    Quic,
    /// DTLS (`d`).
    Dtls,
}

impl Transport {
    fn letter(self) -> char {
        match self {
            Self::Tcp => 't',
            Self::Quic => 'q',
            Self::Dtls => 'd',
        }
    }
}

/// All TLS fingerprints of one ClientHello. Field names match what common
/// fingerprinting servers return, so the JSON can be compared directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlsFingerprint {
    /// JA3 string.
    pub ja3: String,
    /// MD5 of [`Self::ja3`], lowercase hex.
    pub ja3_hash: String,
    /// JA3 with extensions sorted.
    pub ja3n: String,
    /// MD5 of [`Self::ja3n`].
    pub ja3n_hash: String,
    /// JA4.
    pub ja4: String,
    /// JA4, raw (unhashed) sorted lists.
    pub ja4_r: String,
    /// JA4 over original order (hashed).
    pub ja4_o: String,
    /// JA4 over original order, raw.
    pub ja4_ro: String,
}

impl TlsFingerprint {
    /// Computes every fingerprint for a ClientHello seen over `transport`.
    pub fn compute(hello: &ClientHello, transport: Transport) -> Self {
        let ja3 = ja3_string(hello);
        let ja3n = ja3n_string(hello);
        let ja4 = Ja4Parts::new(hello, transport);
        Self {
            ja3_hash: md5_hex(&ja3),
            ja3,
            ja3n_hash: md5_hex(&ja3n),
            ja3n,
            ja4: ja4.hashed(false),
            ja4_r: ja4.raw(false),
            ja4_o: ja4.hashed(true),
            ja4_ro: ja4.raw(true),
        }
    }
}

/// Lowercase hex MD5 of a string (JA3 and Akamai hashes).
pub fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

/// The JA3 string (extensions in wire order).
pub fn ja3_string(hello: &ClientHello) -> String {
    ja3_with(hello, false)
}

/// The JA3N string (extensions sorted ascending).
pub fn ja3n_string(hello: &ClientHello) -> String {
    ja3_with(hello, true)
}

/// JA3 hash.
pub fn ja3_hash(hello: &ClientHello) -> String {
    md5_hex(&ja3_string(hello))
}

/// JA4 (hashed, sorted) for a ClientHello seen over `transport`.
pub fn ja4(hello: &ClientHello, transport: Transport) -> String {
    Ja4Parts::new(hello, transport).hashed(false)
}

fn ja3_with(hello: &ClientHello, sort_extensions: bool) -> String {
    fn join<T: ToString>(values: impl Iterator<Item = T>) -> String {
        values.map(|v| v.to_string()).collect::<Vec<_>>().join("-")
    }
    let ciphers = join(hello.cipher_suites.iter().filter(|v| !is_grease(**v)));
    let mut exts: Vec<u16> = hello
        .extensions
        .iter()
        .map(|e| e.ext_type)
        .filter(|v| !is_grease(*v))
        .collect();
    if sort_extensions {
        exts.sort_unstable();
    }
    let groups = join(
        hello
            .supported_groups
            .iter()
            .flatten()
            .filter(|v| !is_grease(**v)),
    );
    let formats = join(hello.ec_point_formats.iter().flatten());
    format!(
        "{},{},{},{},{}",
        hello.legacy_version,
        ciphers,
        join(exts.iter()),
        groups,
        formats
    )
}

/// The pieces JA4 variants are assembled from, GREASE already removed.
struct Ja4Parts {
    prefix: String,
    ciphers: Vec<u16>,
    extensions: Vec<u16>,
    sigalgs: Vec<u16>,
}

impl Ja4Parts {
    fn new(hello: &ClientHello, transport: Transport) -> Self {
        let ciphers: Vec<u16> = hello
            .cipher_suites
            .iter()
            .copied()
            .filter(|v| !is_grease(*v))
            .collect();
        let extensions: Vec<u16> = hello
            .extensions
            .iter()
            .map(|e| e.ext_type)
            .filter(|v| !is_grease(*v))
            .collect();
        let sigalgs: Vec<u16> = hello
            .signature_algorithms
            .iter()
            .flatten()
            .copied()
            .filter(|v| !is_grease(*v))
            .collect();
        // The version comes from supported_versions when present (TLS 1.3
        // clients put 0x0303 in legacy_version); the record version is
        // ignored per the spec.
        let version = hello
            .supported_versions
            .iter()
            .flatten()
            .copied()
            .filter(|v| !is_grease(*v))
            .max()
            .unwrap_or(hello.legacy_version);
        // The spec keys on extension presence, not on a parsable name.
        let sni = if hello.has_extension(ext::SERVER_NAME) {
            'd'
        } else {
            'i'
        };
        let prefix = format!(
            "{}{}{}{:02}{:02}{}",
            transport.letter(),
            version_code(version),
            sni,
            ciphers.len().min(99),
            extensions.len().min(99),
            alpn_code(hello.alpn.as_deref().and_then(<[Vec<u8>]>::first))
        );
        Self {
            prefix,
            ciphers,
            extensions,
            sigalgs,
        }
    }

    /// `(cipher list, extension list + sigalgs)` as the strings that get
    /// hashed; `original` keeps wire order and SNI/ALPN.
    fn lists(&self, original: bool) -> (String, String) {
        let mut ciphers = self.ciphers.clone();
        let mut exts = self.extensions.clone();
        if !original {
            ciphers.sort_unstable();
            // SNI and ALPN are already in the `a` part; dropping them keeps
            // `c` equal for the same client whether it dials a name or an IP.
            exts.retain(|e| *e != ext::SERVER_NAME && *e != ext::ALPN);
            exts.sort_unstable();
        }
        let mut ext_part = hex_list(&exts);
        // With no signature algorithms the string ends without '_'.
        if !self.sigalgs.is_empty() {
            ext_part.push('_');
            ext_part.push_str(&hex_list(&self.sigalgs));
        }
        (hex_list(&ciphers), ext_part)
    }

    fn hashed(&self, original: bool) -> String {
        let (ciphers, exts) = self.lists(original);
        // Empty lists hash to twelve zeros rather than sha256(""), so "no
        // ciphers" is recognisable at a glance.
        let b = if ciphers.is_empty() {
            "000000000000".to_owned()
        } else {
            sha256_12(&ciphers)
        };
        let c = if exts.is_empty() || exts.starts_with('_') {
            "000000000000".to_owned()
        } else {
            sha256_12(&exts)
        };
        format!("{}_{}_{}", self.prefix, b, c)
    }

    fn raw(&self, original: bool) -> String {
        let (ciphers, exts) = self.lists(original);
        format!("{}_{}_{}", self.prefix, ciphers, exts)
    }
}

fn version_code(v: u16) -> &'static str {
    match v {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0200 => "s2",
        0x0100 => "s1",
        0xfeff => "d1",
        0xfefd => "d2",
        0xfefc => "d3",
        _ => "00",
    }
}

/// First and last character of the first ALPN id; "00" when there is none.
/// Non-alphanumeric ends fall back to the first and last hex digit of the
/// id's bytes, so a binary id cannot inject `_` or non-ASCII into JA4.
fn alpn_code(first: Option<&Vec<u8>>) -> String {
    let Some((&head, &tail)) = first.and_then(|p| Some((p.first()?, p.last()?))) else {
        return "00".to_owned();
    };
    if head.is_ascii_alphanumeric() && tail.is_ascii_alphanumeric() {
        format!("{}{}", char::from(head), char::from(tail))
    } else {
        let h = format!("{head:02x}");
        let t = format!("{tail:02x}");
        format!("{}{}", &h[..1], &t[1..])
    }
}

fn hex_list(values: &[u16]) -> String {
    values
        .iter()
        .map(|v| format!("{v:04x}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn sha256_12(s: &str) -> String {
    let mut out = hex::encode(Sha256::digest(s.as_bytes()));
    out.truncate(12);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Published in FoxIO's JA4 technical details.
    #[test]
    fn spec_hash_vectors() {
        assert_eq!(
            sha256_12("002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9"),
            "8daaf6152771"
        );
        assert_eq!(
            sha256_12(
                "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601"
            ),
            "e5627efa2ab1"
        );
        assert_eq!(
            sha256_12("0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"),
            "6d807ffa2a79"
        );
    }

    #[test]
    fn alpn_codes() {
        assert_eq!(alpn_code(None), "00");
        assert_eq!(alpn_code(Some(&b"".to_vec())), "00");
        assert_eq!(alpn_code(Some(&b"h2".to_vec())), "h2");
        assert_eq!(alpn_code(Some(&b"http/1.1".to_vec())), "h1");
        assert_eq!(alpn_code(Some(&b"h".to_vec())), "hh");
        assert_eq!(alpn_code(Some(&vec![0xab, 0xcd])), "ad");
        assert_eq!(alpn_code(Some(&b"h2/".to_vec())), "6f");
    }

    #[test]
    fn version_codes() {
        assert_eq!(version_code(0x0304), "13");
        assert_eq!(version_code(0x0300), "s3");
        assert_eq!(version_code(0x7f1c), "00");
    }
}
