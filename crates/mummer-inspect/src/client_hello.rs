//! TLS ClientHello parsing: the fields a fingerprinting server reads.
//!
//! Scope: the first bytes a client sends on a TLS-over-TCP connection (one or
//! more TLS records of content type 22 carrying a ClientHello), or a bare
//! handshake message (as carried in QUIC CRYPTO frames). Everything else about
//! TLS — the rest of the handshake, encryption, ServerHello — is out of scope.
//!
//! The parser is deliberately lenient about extension *contents*: a real
//! fingerprinting server still computes JA3/JA4 for a client whose, say,
//! ALPS extension it does not understand, so a malformed known extension is
//! kept raw and listed in [`ClientHello::malformed_extensions`] rather than
//! failing the parse. The outer structure (records, handshake header, cipher
//! and extension vectors) must be well formed, because without it there is
//! nothing to fingerprint.

use serde::Serialize;

use crate::reader::Reader;

/// Extension type code points this module decodes (IANA "TLS ExtensionType
/// Values" plus the drafts browsers ship).
pub mod ext {
    /// server_name (SNI), RFC 6066.
    pub const SERVER_NAME: u16 = 0x0000;
    /// status_request (OCSP stapling), RFC 6066.
    pub const STATUS_REQUEST: u16 = 0x0005;
    /// supported_groups, RFC 8422 / RFC 8446.
    pub const SUPPORTED_GROUPS: u16 = 0x000a;
    /// ec_point_formats, RFC 8422.
    pub const EC_POINT_FORMATS: u16 = 0x000b;
    /// signature_algorithms, RFC 8446.
    pub const SIGNATURE_ALGORITHMS: u16 = 0x000d;
    /// application_layer_protocol_negotiation (ALPN), RFC 7301.
    pub const ALPN: u16 = 0x0010;
    /// signed_certificate_timestamp (SCT), RFC 6962.
    pub const SCT: u16 = 0x0012;
    /// padding, RFC 7685.
    pub const PADDING: u16 = 0x0015;
    /// extended_master_secret, RFC 7627.
    pub const EXTENDED_MASTER_SECRET: u16 = 0x0017;
    /// compress_certificate, RFC 8879.
    pub const COMPRESS_CERTIFICATE: u16 = 0x001b;
    /// record_size_limit, RFC 8449.
    pub const RECORD_SIZE_LIMIT: u16 = 0x001c;
    /// delegated_credentials, RFC 9345.
    pub const DELEGATED_CREDENTIALS: u16 = 0x0022;
    /// session_ticket, RFC 5077.
    pub const SESSION_TICKET: u16 = 0x0023;
    /// pre_shared_key, RFC 8446.
    pub const PRE_SHARED_KEY: u16 = 0x0029;
    /// early_data, RFC 8446.
    pub const EARLY_DATA: u16 = 0x002a;
    /// supported_versions, RFC 8446.
    pub const SUPPORTED_VERSIONS: u16 = 0x002b;
    /// psk_key_exchange_modes, RFC 8446.
    pub const PSK_KEY_EXCHANGE_MODES: u16 = 0x002d;
    /// key_share, RFC 8446.
    pub const KEY_SHARE: u16 = 0x0033;
    /// application_settings (ALPS), the original code point.
    pub const ALPS_OLD: u16 = 17513;
    /// application_settings (ALPS), the code point Chrome moved to.
    pub const ALPS: u16 = 17613;
    /// TLS trust anchor identifiers (draft-ietf-tls-trust-anchor-ids).
    pub const TRUST_ANCHORS: u16 = 0xca34;
    /// encrypted_client_hello (ECH), draft-ietf-tls-esni.
    pub const ECH: u16 = 0xfe0d;
    /// renegotiation_info, RFC 5746.
    pub const RENEGOTIATION_INFO: u16 = 0xff01;
}

/// TLS record content type for handshake messages.
const CONTENT_TYPE_HANDSHAKE: u8 = 22;
/// Handshake message type of ClientHello.
const HANDSHAKE_CLIENT_HELLO: u8 = 1;

/// True for a GREASE value (RFC 8701): both bytes equal and of the form 0x?A.
///
/// The same 16-bit test covers cipher suites, extension types, groups,
/// versions and signature algorithms, which all reserve the same values.
pub fn is_grease(v: u16) -> bool {
    (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff)
}

/// Why a ClientHello could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The input stops before the ClientHello does; a server peeking at a
    /// socket should read more and try again.
    #[error("input ends before the ClientHello is complete")]
    Incomplete,
    /// The first record is not a handshake record (e.g. plain HTTP).
    #[error("TLS record content type {0} is not handshake (22)")]
    NotHandshake(u8),
    /// The first handshake message is not a ClientHello.
    #[error("handshake message type {0} is not ClientHello (1)")]
    NotClientHello(u8),
    /// A length or vector in the ClientHello structure is inconsistent.
    #[error("malformed ClientHello: {0}")]
    Malformed(&'static str),
}

/// One extension as it appeared on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    /// Extension type code point.
    #[serde(rename = "type")]
    pub ext_type: u16,
    /// Extension body, without the type and length prefix.
    #[serde(serialize_with = "crate::ser::hex_bytes")]
    pub data: Vec<u8>,
}

/// One key_share entry; the key itself is random per connection, so only its
/// length (which identifies the group's encoding) is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyShareEntry {
    /// Named group of the share.
    pub group: u16,
    /// Length of the key exchange bytes.
    pub key_len: usize,
}

/// The application_settings (ALPS) extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alps {
    /// Which code point carried it (17513 or 17613); browsers differ.
    pub ext_type: u16,
    /// Protocols the client offers settings for.
    #[serde(serialize_with = "crate::ser::text_list")]
    pub protocols: Vec<Vec<u8>>,
}

/// The encrypted_client_hello extension as sent in the outer ClientHello.
///
/// Browsers send "GREASE ECH" when they have no ECH config; its payload
/// length is chosen from a small set, which is itself a fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ech {
    /// ECHClientHelloType: 0 = outer, 1 = inner.
    pub kind: u8,
    /// HPKE KDF id (outer only).
    pub kdf_id: Option<u16>,
    /// HPKE AEAD id (outer only).
    pub aead_id: Option<u16>,
    /// ECHConfig id (outer only).
    pub config_id: Option<u8>,
    /// Length of the HPKE encapsulated key `enc` (outer only).
    pub enc_len: Option<usize>,
    /// Length of the encrypted inner ClientHello `payload` (outer only).
    pub payload_len: Option<usize>,
}

/// Everything a fingerprinting server reads from a ClientHello.
///
/// List-valued decoded fields are `Option`: `None` means the extension was
/// absent, `Some(vec![])` means it was present and empty — the two differ on
/// the wire, so they differ here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientHello {
    /// Version field of the first TLS record header (`None` when parsed from
    /// a bare handshake message).
    pub record_version: Option<u16>,
    /// How many TLS records carried the ClientHello.
    pub record_count: usize,
    /// Bytes of TLS records consumed, headers included (0 for a bare message).
    pub record_bytes_len: usize,
    /// Length of the handshake message: body length + 4-byte header.
    pub handshake_len: usize,
    /// `legacy_version` of the ClientHello (0x0303 for TLS 1.2 and 1.3).
    pub legacy_version: u16,
    /// The 32-byte client random.
    #[serde(serialize_with = "crate::ser::hex_bytes")]
    pub random: [u8; 32],
    /// Length of `legacy_session_id`.
    pub session_id_len: usize,
    /// `legacy_session_id` itself.
    #[serde(serialize_with = "crate::ser::hex_bytes")]
    pub session_id: Vec<u8>,
    /// Cipher suites in wire order, GREASE included.
    pub cipher_suites: Vec<u16>,
    /// Compression methods in wire order.
    pub compression_methods: Vec<u8>,
    /// Extensions in wire order, GREASE included.
    pub extensions: Vec<Extension>,
    /// Extension types whose body did not match the expected layout.
    pub malformed_extensions: Vec<u16>,
    /// First host_name in server_name (SNI).
    pub server_name: Option<String>,
    /// ALPN protocol ids in order.
    #[serde(serialize_with = "crate::ser::opt_text_list")]
    pub alpn: Option<Vec<Vec<u8>>>,
    /// supported_groups in order.
    pub supported_groups: Option<Vec<u16>>,
    /// key_share entries in order.
    pub key_shares: Option<Vec<KeyShareEntry>>,
    /// supported_versions in order.
    pub supported_versions: Option<Vec<u16>>,
    /// signature_algorithms in order.
    pub signature_algorithms: Option<Vec<u16>>,
    /// ec_point_formats in order.
    pub ec_point_formats: Option<Vec<u8>>,
    /// psk_key_exchange_modes in order.
    pub psk_key_exchange_modes: Option<Vec<u8>>,
    /// compress_certificate algorithms in order.
    pub compress_certificate: Option<Vec<u16>>,
    /// application_settings (ALPS), either code point.
    pub alps: Option<Alps>,
    /// encrypted_client_hello.
    pub ech: Option<Ech>,
    /// record_size_limit value.
    pub record_size_limit: Option<u16>,
    /// delegated_credentials signature algorithms in order.
    pub delegated_credentials: Option<Vec<u16>>,
    /// Trust anchor identifiers (0xca34); `Some` whenever the extension is
    /// present, with the ids it lists.
    #[serde(serialize_with = "crate::ser::opt_hex_list")]
    pub trust_anchor_ids: Option<Vec<Vec<u8>>>,
    /// Length of the padding extension body.
    pub padding_len: Option<usize>,
    /// status_request `status_type` (1 = OCSP).
    pub status_request: Option<u8>,
    /// Whether signed_certificate_timestamp was offered.
    pub signed_certificate_timestamp: bool,
    /// session_ticket: `Some(0)` for an empty ticket (the usual first visit),
    /// otherwise the ticket length.
    pub session_ticket: Option<usize>,
    /// pre_shared_key: number of offered identities (resumption).
    pub pre_shared_key_identities: Option<usize>,
}

impl ClientHello {
    /// Parses the start of a TLS connection: one or more handshake records
    /// whose concatenated fragments begin with a ClientHello.
    ///
    /// Bytes after the ClientHello are ignored, so a server can pass
    /// whatever it has peeked. A ClientHello split across records (large
    /// post-quantum key shares make this common) is reassembled.
    pub fn parse(input: &[u8]) -> Result<Self, ParseError> {
        let mut r = Reader::new(input);
        let mut message = Vec::new();
        let mut record_version = None;
        let mut record_count = 0;
        loop {
            let content_type = r.u8().ok_or(ParseError::Incomplete)?;
            if content_type != CONTENT_TYPE_HANDSHAKE {
                return Err(ParseError::NotHandshake(content_type));
            }
            let version = r.u16().ok_or(ParseError::Incomplete)?;
            let fragment = r.vec16().ok_or(ParseError::Incomplete)?;
            record_version.get_or_insert(version);
            record_count += 1;
            message.extend_from_slice(fragment);
            // Reject early so a non-ClientHello stream fails fast instead of
            // asking for more bytes forever.
            if let Some(&msg_type) = message.first()
                && msg_type != HANDSHAKE_CLIENT_HELLO
            {
                return Err(ParseError::NotClientHello(msg_type));
            }
            if let Some(total) = handshake_total_len(&message)
                && message.len() >= total
            {
                message.truncate(total);
                break;
            }
        }
        let record_bytes_len = input.len() - r.remaining();
        let mut hello = Self::parse_handshake(&message)?;
        hello.record_version = record_version;
        hello.record_count = record_count;
        hello.record_bytes_len = record_bytes_len;
        Ok(hello)
    }

    /// Parses a bare handshake message (4-byte header + ClientHello body),
    /// e.g. reassembled from QUIC CRYPTO frames. Trailing bytes are ignored.
    pub fn parse_handshake(message: &[u8]) -> Result<Self, ParseError> {
        let msg_type = *message.first().ok_or(ParseError::Incomplete)?;
        if msg_type != HANDSHAKE_CLIENT_HELLO {
            return Err(ParseError::NotClientHello(msg_type));
        }
        let total = handshake_total_len(message).ok_or(ParseError::Incomplete)?;
        let body = message.get(4..total).ok_or(ParseError::Incomplete)?;
        let mut hello = parse_body(body)?;
        hello.handshake_len = total;
        Ok(hello)
    }

    /// The first extension of the given type, if present.
    pub fn extension(&self, ext_type: u16) -> Option<&Extension> {
        self.extensions.iter().find(|e| e.ext_type == ext_type)
    }

    /// Whether an extension of the given type is present.
    pub fn has_extension(&self, ext_type: u16) -> bool {
        self.extension(ext_type).is_some()
    }

    /// Extension types in wire order, GREASE included.
    pub fn extension_types(&self) -> Vec<u16> {
        self.extensions.iter().map(|e| e.ext_type).collect()
    }

    /// ALPN ids as text (lossy for non-UTF-8 bytes); empty if absent.
    pub fn alpn_strings(&self) -> Vec<String> {
        self.alpn
            .iter()
            .flatten()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect()
    }
}

/// Total length (header + body) of the handshake message at the start of
/// `message`, once its 4-byte header is available.
fn handshake_total_len(message: &[u8]) -> Option<usize> {
    let h = message.get(..4)?;
    let body = u32::from_be_bytes([0, h[1], h[2], h[3]]);
    usize::try_from(body).ok()?.checked_add(4)
}

fn parse_body(body: &[u8]) -> Result<ClientHello, ParseError> {
    use ParseError::Malformed;
    let mut r = Reader::new(body);
    let legacy_version = r.u16().ok_or(Malformed("legacy_version"))?;
    let random_bytes = r.bytes(32).ok_or(Malformed("random"))?;
    let mut random = [0u8; 32];
    random.copy_from_slice(random_bytes);
    let session_id = r.vec8().ok_or(Malformed("session_id"))?.to_vec();
    let suites = r.vec16().ok_or(Malformed("cipher_suites"))?;
    let cipher_suites = u16_list(suites).ok_or(Malformed("cipher_suites length is odd"))?;
    let compression_methods = r.vec8().ok_or(Malformed("compression_methods"))?.to_vec();

    let mut extensions = Vec::new();
    // A hello with nothing after compression_methods is legal (pre-TLS 1.2
    // clients); an extensions block, once started, must be well formed.
    if !r.is_empty() {
        let block = r.vec16().ok_or(Malformed("extensions length"))?;
        let mut er = Reader::new(block);
        while !er.is_empty() {
            let ext_type = er.u16().ok_or(Malformed("extension header"))?;
            let data = er.vec16().ok_or(Malformed("extension length"))?;
            extensions.push(Extension {
                ext_type,
                data: data.to_vec(),
            });
        }
    }

    let mut hello = ClientHello {
        record_version: None,
        record_count: 0,
        record_bytes_len: 0,
        handshake_len: body.len() + 4,
        legacy_version,
        random,
        session_id_len: session_id.len(),
        session_id,
        cipher_suites,
        compression_methods,
        extensions: Vec::new(),
        malformed_extensions: Vec::new(),
        server_name: None,
        alpn: None,
        supported_groups: None,
        key_shares: None,
        supported_versions: None,
        signature_algorithms: None,
        ec_point_formats: None,
        psk_key_exchange_modes: None,
        compress_certificate: None,
        alps: None,
        ech: None,
        record_size_limit: None,
        delegated_credentials: None,
        trust_anchor_ids: None,
        padding_len: None,
        status_request: None,
        signed_certificate_timestamp: false,
        session_ticket: None,
        pre_shared_key_identities: None,
    };
    for e in &extensions {
        if !decode_extension(&mut hello, e.ext_type, &e.data) {
            hello.malformed_extensions.push(e.ext_type);
        }
    }
    hello.extensions = extensions;
    Ok(hello)
}

/// Fills the decoded field for one extension; returns false if its body is
/// malformed. Only the first occurrence of a type is decoded, matching what a
/// TLS stack would act on (duplicates are a protocol error anyway).
fn decode_extension(h: &mut ClientHello, ext_type: u16, data: &[u8]) -> bool {
    fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
        match value {
            Some(v) => {
                if slot.is_none() {
                    *slot = Some(v);
                }
                true
            }
            None => false,
        }
    }
    match ext_type {
        ext::SERVER_NAME => set(&mut h.server_name, decode_sni(data)),
        ext::ALPN => set(&mut h.alpn, decode_protocol_list(data)),
        ext::SUPPORTED_GROUPS => set(
            &mut h.supported_groups,
            exact(data, |r| r.vec16().and_then(u16_list)),
        ),
        ext::KEY_SHARE => set(&mut h.key_shares, decode_key_share(data)),
        ext::SUPPORTED_VERSIONS => set(
            &mut h.supported_versions,
            exact(data, |r| r.vec8().and_then(u16_list)),
        ),
        ext::SIGNATURE_ALGORITHMS => set(
            &mut h.signature_algorithms,
            exact(data, |r| r.vec16().and_then(u16_list)),
        ),
        ext::EC_POINT_FORMATS => set(
            &mut h.ec_point_formats,
            exact(data, |r| r.vec8().map(<[u8]>::to_vec)),
        ),
        ext::PSK_KEY_EXCHANGE_MODES => set(
            &mut h.psk_key_exchange_modes,
            exact(data, |r| r.vec8().map(<[u8]>::to_vec)),
        ),
        ext::COMPRESS_CERTIFICATE => set(
            &mut h.compress_certificate,
            exact(data, |r| r.vec8().and_then(u16_list)),
        ),
        ext::ALPS | ext::ALPS_OLD => {
            let alps = decode_protocol_list(data).map(|protocols| Alps {
                ext_type,
                protocols,
            });
            set(&mut h.alps, alps)
        }
        ext::ECH => set(&mut h.ech, decode_ech(data)),
        ext::RECORD_SIZE_LIMIT => set(&mut h.record_size_limit, exact(data, Reader::u16)),
        ext::DELEGATED_CREDENTIALS => set(
            &mut h.delegated_credentials,
            exact(data, |r| r.vec16().and_then(u16_list)),
        ),
        ext::TRUST_ANCHORS => {
            let ids = decode_trust_anchors(data);
            let ok = ids.is_some();
            // Presence alone is the fingerprint signal, so record it even if
            // the draft's list layout changes under us.
            if h.trust_anchor_ids.is_none() {
                h.trust_anchor_ids = Some(ids.unwrap_or_default());
            }
            ok
        }
        ext::PADDING => {
            h.padding_len.get_or_insert(data.len());
            true
        }
        ext::STATUS_REQUEST => set(&mut h.status_request, data.first().copied()),
        ext::SCT => {
            h.signed_certificate_timestamp = true;
            data.is_empty()
        }
        ext::SESSION_TICKET => {
            h.session_ticket.get_or_insert(data.len());
            true
        }
        ext::PRE_SHARED_KEY => set(&mut h.pre_shared_key_identities, decode_psk(data)),
        _ => true,
    }
}

/// Runs `f` over `data` and succeeds only if it consumed every byte, so a
/// body with trailing junk counts as malformed.
fn exact<'a, T>(data: &'a [u8], f: impl FnOnce(&mut Reader<'a>) -> Option<T>) -> Option<T> {
    let mut r = Reader::new(data);
    let v = f(&mut r)?;
    r.is_empty().then_some(v)
}

fn u16_list(bytes: &[u8]) -> Option<Vec<u16>> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect(),
    )
}

fn decode_sni(data: &[u8]) -> Option<String> {
    exact(data, |r| {
        let mut list = Reader::new(r.vec16()?);
        let mut host = None;
        while !list.is_empty() {
            let name_type = list.u8()?;
            let name = list.vec16()?;
            if name_type == 0 && host.is_none() {
                host = Some(String::from_utf8_lossy(name).into_owned());
            }
        }
        // A list with no host_name entry still "has SNI" for JA4 (which
        // looks at the extension), so report it as an empty name.
        Some(host.unwrap_or_default())
    })
}

/// ALPN and ALPS share the `ProtocolName protocol_name_list<2..2^16-1>` layout.
fn decode_protocol_list(data: &[u8]) -> Option<Vec<Vec<u8>>> {
    exact(data, |r| {
        let mut list = Reader::new(r.vec16()?);
        let mut out = Vec::new();
        while !list.is_empty() {
            out.push(list.vec8()?.to_vec());
        }
        Some(out)
    })
}

fn decode_key_share(data: &[u8]) -> Option<Vec<KeyShareEntry>> {
    exact(data, |r| {
        let mut list = Reader::new(r.vec16()?);
        let mut out = Vec::new();
        while !list.is_empty() {
            let group = list.u16()?;
            let key_len = list.vec16()?.len();
            out.push(KeyShareEntry { group, key_len });
        }
        Some(out)
    })
}

fn decode_ech(data: &[u8]) -> Option<Ech> {
    exact(data, |r| {
        let kind = r.u8()?;
        if kind != 0 {
            // Inner (1) carries nothing else; unknown kinds are opaque.
            r.rest();
            return Some(Ech {
                kind,
                kdf_id: None,
                aead_id: None,
                config_id: None,
                enc_len: None,
                payload_len: None,
            });
        }
        let kdf_id = r.u16()?;
        let aead_id = r.u16()?;
        let config_id = r.u8()?;
        let enc_len = r.vec16()?.len();
        let payload_len = r.vec16()?.len();
        Some(Ech {
            kind,
            kdf_id: Some(kdf_id),
            aead_id: Some(aead_id),
            config_id: Some(config_id),
            enc_len: Some(enc_len),
            payload_len: Some(payload_len),
        })
    })
}

fn decode_trust_anchors(data: &[u8]) -> Option<Vec<Vec<u8>>> {
    exact(data, |r| {
        let mut list = Reader::new(r.vec16()?);
        let mut out = Vec::new();
        while !list.is_empty() {
            out.push(list.vec8()?.to_vec());
        }
        Some(out)
    })
}

fn decode_psk(data: &[u8]) -> Option<usize> {
    exact(data, |r| {
        let mut ids = Reader::new(r.vec16()?);
        let mut count = 0;
        while !ids.is_empty() {
            ids.vec16()?;
            ids.u32()?; // obfuscated_ticket_age
            count += 1;
        }
        r.vec16()?; // binders
        Some(count)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grease_values() {
        let grease: Vec<u16> = (0..16u16).map(|i| (i << 12) | 0x0a0a | (i << 4)).collect();
        assert_eq!(grease.len(), 16);
        for g in &grease {
            assert!(is_grease(*g), "{g:#06x}");
        }
        let count = (0..=u16::MAX).filter(|v| is_grease(*v)).count();
        assert_eq!(count, 16);
        assert!(!is_grease(0x0a1a));
        assert!(!is_grease(0x1301));
    }

    #[test]
    fn rejects_non_handshake_and_non_hello() {
        assert_eq!(
            ClientHello::parse(b"GET / HTTP/1.1\r\n"),
            Err(ParseError::NotHandshake(b'G'))
        );
        assert_eq!(
            ClientHello::parse(&[22, 3, 1, 0, 4, 2, 0, 0, 0]),
            Err(ParseError::NotClientHello(2))
        );
        assert_eq!(ClientHello::parse(&[22, 3, 1]), Err(ParseError::Incomplete));
    }
}
