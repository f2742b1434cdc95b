//! TLS through BoringSSL (the `btls` bindings; see `docs/decisions/0001-tls-library.md`).
//!
//! Verification is on unless the caller opts out explicitly. Roots come from the bundled Mozilla
//! set, and optionally the system store and extra CA files. This is the one module that calls
//! BoringSSL's C API directly.
#![allow(unsafe_code)]

use std::path::PathBuf;
use std::pin::Pin;

use btls::ssl::{
    CertificateCompressionAlgorithm, CertificateCompressor, ExtensionType, KeyShare, SslConnector,
    SslConnectorBuilder, SslMethod, SslOptions, SslRef, SslVerifyMode, SslVersion,
};
use btls::x509::X509;
use btls::x509::store::X509StoreBuilder;
use foreign_types::ForeignTypeRef;
use tokio::net::TcpStream;

use crate::error::Error;
use crate::transport::read_ahead::ReadAheadTcp;

/// A client certificate and its private key, both PEM.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct ClientIdentity {
    pub(crate) cert_chain_pem: Vec<u8>,
    pub(crate) key_pem: Vec<u8>,
}

/// Everything about TLS that the caller chooses; part of the pool key (by its hash).
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct TlsOptions {
    pub(crate) verify: bool,
    pub(crate) bundled_roots: bool,
    pub(crate) system_roots: bool,
    pub(crate) ca_files: Vec<PathBuf>,
    pub(crate) ca_pems: Vec<Vec<u8>>,
    pub(crate) identity: Option<ClientIdentity>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify: true,
            bundled_roots: true,
            system_roots: false,
            ca_files: Vec::new(),
            ca_pems: Vec::new(),
            identity: None,
        }
    }
}

/// A configured BoringSSL context, built once per client.
#[derive(Clone)]
pub(crate) struct TlsConnector {
    inner: SslConnector,
    verify: bool,
    per_connection: PerConnection,
}

/// Profile settings BoringSSL takes per connection rather than per context.
#[derive(Clone, Default)]
struct PerConnection {
    /// ALPN in wire format when the profile fixes it.
    alpn: Option<Vec<u8>>,
    alps: Vec<Vec<u8>>,
    alps_new_codepoint: bool,
    ech_grease: bool,
    key_shares: Vec<KeyShare>,
    trust_anchor_ids: Option<Vec<u8>>,
}

/// Signature algorithms a profile offers that this engine cannot verify (ML-DSA, which Chrome
/// offers first): they are on the wire as the browser sends them, but a server that picks one
/// fails the handshake with a TLS error, because BoringSSL has no verifier for them yet.
pub fn unverifiable_signature_algorithms(tls: &mummer_profile::TlsProfile) -> Vec<String> {
    tls.signature_algorithms
        .iter()
        .filter(|n| {
            mummer_profile::names::signature_algorithm(n)
                .is_some_and(|c| !boringssl_verifies_sigalg(c))
        })
        .cloned()
        .collect()
}

fn boringssl_verifies_sigalg(code: u16) -> bool {
    matches!(
        code,
        0x0201
            | 0x0203
            | 0x0401
            | 0x0403
            | 0x0501
            | 0x0503
            | 0x0601
            | 0x0603
            | 0x0804
            | 0x0805
            | 0x0806
            | 0x0807
    )
}

fn key_share(code: u16) -> Option<KeyShare> {
    Some(match code {
        0x11ec => KeyShare::X25519_MLKEM768,
        0x6399 => KeyShare::X25519_KYBER768_DRAFT00,
        0x001d => KeyShare::X25519,
        0x0017 => KeyShare::P256,
        0x0018 => KeyShare::P384,
        0x0019 => KeyShare::P521,
        0x0100 => KeyShare::FFDHE2048,
        0x0101 => KeyShare::FFDHE3072,
        _ => return None,
    })
}

fn wire_list(protocols: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in protocols {
        out.push(p.len() as u8);
        out.extend_from_slice(p.as_bytes());
    }
    out
}

fn profile_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::builder(format!("browser profile: {what}: {e}"))
}

/// Shapes the context's ClientHello like the profile's browser.
fn apply_profile(
    builder: &mut SslConnectorBuilder,
    tls: &mummer_profile::TlsProfile,
) -> Result<PerConnection, Error> {
    use mummer_profile::names;
    let codes = |list: &[String], f: fn(&str) -> Option<u16>| -> Vec<u16> {
        list.iter().filter_map(|n| f(n)).collect()
    };
    let ciphers = codes(&tls.cipher_suites, names::cipher_suite);
    // Without the preserve patch BoringSSL fixes the TLS 1.3 suites itself and rejects their
    // names in the list; with it, the list's order is the wire order.
    builder.set_preserve_tls13_cipher_list(tls.preserve_tls13_cipher_order);
    let cipher_list = ciphers
        .iter()
        .filter(|&&c| tls.preserve_tls13_cipher_order || !(0x1301..=0x1305).contains(&c))
        .filter_map(|&c| names::cipher_suite_boringssl_name(c))
        .collect::<Vec<_>>()
        .join(":");
    builder
        .set_cipher_list(&cipher_list)
        .map_err(|e| profile_error("cipher suites", e))?;
    // AES first even on machines without AES instructions, as browsers on desktops do.
    builder.set_aes_hw_override(true);
    builder.set_grease_enabled(tls.grease);
    builder.set_permute_extensions(tls.permute_extensions);
    if !tls.extension_order.is_empty() {
        let order: Vec<ExtensionType> = codes(&tls.extension_order, names::extension)
            .into_iter()
            .map(ExtensionType::from)
            .collect();
        builder
            .set_extension_permutation(&order)
            .map_err(|e| profile_error("extension order", e))?;
    }
    let groups = codes(&tls.supported_groups, names::group)
        .into_iter()
        .filter_map(names::group_boringssl_name)
        .collect::<Vec<_>>()
        .join(":");
    builder
        .set_curves_list(&groups)
        .map_err(|e| profile_error("supported groups", e))?;
    advertise_signature_algorithms(
        builder,
        &codes(&tls.signature_algorithms, names::signature_algorithm),
    )?;
    set_browser_grease(builder, tls);
    if !tls.delegated_credentials.is_empty() {
        builder
            .set_delegated_credentials(&tls.delegated_credentials.join(":"))
            .map_err(|e| profile_error("delegated credentials", e))?;
    }
    if let Some(limit) = tls.record_size_limit {
        builder.set_record_size_limit(limit);
    }
    for name in &tls.cert_compression {
        match names::cert_compression(name) {
            Some(1) => builder.add_certificate_compression_algorithm(Zlib),
            Some(2) => builder.add_certificate_compression_algorithm(Brotli),
            Some(3) => builder.add_certificate_compression_algorithm(Zstd),
            _ => Ok(()),
        }
        .map_err(|e| profile_error("certificate compression", e))?;
    }
    if tls.ocsp_stapling {
        builder.enable_ocsp_stapling();
    }
    if tls.signed_cert_timestamps {
        builder.enable_signed_cert_timestamps();
    }
    if !tls.session_ticket {
        builder.set_options(SslOptions::NO_TICKET);
    }
    if !tls.psk_key_exchange_modes {
        // Leaves the extension out: no ticket can be resumed with TLS 1.3 then.
        builder.set_options(SslOptions::NO_PSK_DHE_KE);
    }
    // Validated by the profile crate. Old Safaris offer TLS 1.1 and 1.0 in supported_versions;
    // BoringSSL lists every version from the highest down to the lowest enabled.
    let version = |v: &str| match v {
        "TLS1.3" => SslVersion::TLS1_3,
        "TLS1.1" => SslVersion::TLS1_1,
        "TLS1.0" => SslVersion::TLS1,
        _ => SslVersion::TLS1_2,
    };
    builder
        .set_min_proto_version(Some(version(&tls.min_version)))
        .map_err(|e| profile_error("min version", e))?;
    builder
        .set_max_proto_version(Some(version(&tls.max_version)))
        .map_err(|e| profile_error("max version", e))?;
    Ok(PerConnection {
        alpn: Some(wire_list(&tls.alpn)),
        alps: tls.alps.iter().map(|p| p.as_bytes().to_vec()).collect(),
        alps_new_codepoint: tls.alps_new_codepoint,
        ech_grease: tls.ech_grease,
        key_shares: codes(&tls.key_shares, names::group)
            .into_iter()
            .filter_map(key_share)
            .collect(),
        trust_anchor_ids: tls
            .trust_anchor_ids
            .as_deref()
            .and_then(mummer_profile::decode_hex),
    })
}

/// Whether the wire-format ALPN list `alpn` offers `protocol`.
fn alpn_offers(alpn: &[u8], protocol: &[u8]) -> bool {
    let mut rest = alpn;
    while let Some((&len, tail)) = rest.split_first() {
        let Some(name) = tail.get(..len as usize) else {
            return false;
        };
        if name == protocol {
            return true;
        }
        rest = &tail[len as usize..];
    }
    false
}

/// Decompresses certificates the server compressed; browsers only ever decompress.
fn decompress_with(
    mut decoder: impl compression_codecs::Decode,
    input: &[u8],
    output: &mut impl std::io::Write,
) -> std::io::Result<()> {
    use compression_codecs::core::util::PartialBuffer;
    let mut input = PartialBuffer::new(input);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let mut out = PartialBuffer::new(&mut buf[..]);
        let done = decoder.decode(&mut input, &mut out)?;
        let n = out.written_len();
        output.write_all(&buf[..n])?;
        if done {
            return Ok(());
        }
        if n == 0 && input.unwritten().is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "compressed certificate cut short",
            ));
        }
    }
}

struct Zlib;
struct Brotli;
struct Zstd;

impl CertificateCompressor for Zlib {
    const ALGORITHM: CertificateCompressionAlgorithm = CertificateCompressionAlgorithm::ZLIB;
    const CAN_COMPRESS: bool = false;
    const CAN_DECOMPRESS: bool = true;
    fn decompress<W: std::io::Write>(&self, input: &[u8], output: &mut W) -> std::io::Result<()> {
        decompress_with(compression_codecs::ZlibDecoder::new(), input, output)
    }
}

impl CertificateCompressor for Brotli {
    const ALGORITHM: CertificateCompressionAlgorithm = CertificateCompressionAlgorithm::BROTLI;
    const CAN_COMPRESS: bool = false;
    const CAN_DECOMPRESS: bool = true;
    fn decompress<W: std::io::Write>(&self, input: &[u8], output: &mut W) -> std::io::Result<()> {
        decompress_with(compression_codecs::BrotliDecoder::new(), input, output)
    }
}

impl CertificateCompressor for Zstd {
    const ALGORITHM: CertificateCompressionAlgorithm = CertificateCompressionAlgorithm::ZSTD;
    const CAN_COMPRESS: bool = false;
    const CAN_DECOMPRESS: bool = true;
    fn decompress<W: std::io::Write>(&self, input: &[u8], output: &mut W) -> std::io::Result<()> {
        decompress_with(compression_codecs::ZstdDecoder::new(), input, output)
    }
}

impl TlsConnector {
    pub(crate) fn new(
        opts: &TlsOptions,
        profile: Option<&mummer_profile::TlsProfile>,
    ) -> Result<TlsConnector, Error> {
        let mut builder = SslConnector::bare_builder(SslMethod::tls()).map_err(Error::builder)?;
        builder
            .set_min_proto_version(Some(SslVersion::TLS1_2))
            .map_err(Error::builder)?;
        if opts.verify {
            let mut store = X509StoreBuilder::new().map_err(Error::builder)?;
            if opts.bundled_roots {
                for root in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
                    // A root BoringSSL cannot parse is skipped rather than failing every client.
                    if let Ok(cert) = X509::from_der(root.as_ref()) {
                        let _ = store.add_cert(cert);
                    }
                }
            }
            if opts.system_roots {
                store.set_default_paths().map_err(Error::builder)?;
            }
            for path in &opts.ca_files {
                let pem = std::fs::read(path).map_err(|e| {
                    Error::builder(format!("cannot read CA file {}: {e}", path.display()))
                })?;
                add_pem(&mut store, &pem)?;
            }
            for pem in &opts.ca_pems {
                add_pem(&mut store, pem)?;
            }
            builder
                .set_verify_cert_store(store.build())
                .map_err(Error::builder)?;
            builder.set_verify(SslVerifyMode::PEER);
        } else {
            builder.set_verify(SslVerifyMode::NONE);
        }
        if let Some(id) = &opts.identity {
            let chain = X509::stack_from_pem(&id.cert_chain_pem).map_err(Error::builder)?;
            let mut chain = chain.into_iter();
            let leaf = chain
                .next()
                .ok_or_else(|| Error::builder("client certificate PEM holds no certificate"))?;
            builder.set_certificate(&leaf).map_err(Error::builder)?;
            for extra in chain {
                builder
                    .add_extra_chain_cert(extra)
                    .map_err(Error::builder)?;
            }
            let key =
                btls::pkey::PKey::private_key_from_pem(&id.key_pem).map_err(Error::builder)?;
            builder.set_private_key(&key).map_err(Error::builder)?;
            builder.check_private_key().map_err(Error::builder)?;
        }
        let per_connection = match profile {
            Some(tls) => apply_profile(&mut builder, tls)?,
            None => PerConnection::default(),
        };
        Ok(TlsConnector {
            inner: builder.build(),
            verify: opts.verify,
            per_connection,
        })
    }

    /// Runs the handshake for `host`, offering `alpn` (wire format). Returns the stream and
    /// whether the server chose h2.
    pub(crate) async fn connect(
        &self,
        host: &str,
        tcp: TcpStream,
        alpn: &[u8],
    ) -> Result<(tokio_btls::SslStream<ReadAheadTcp>, bool), Error> {
        let mut config = self.inner.configure().map_err(Error::tls)?;
        config.set_verify_hostname(self.verify);
        let pc = &self.per_connection;
        // The profile's ALPN list is part of its fingerprint; only a forced protocol overrides it.
        let alpn = match &pc.alpn {
            Some(list) if alpn == b"\x02h2\x08http/1.1" => list.as_slice(),
            _ => alpn,
        };
        if !alpn.is_empty() {
            config.set_alpn_protos(alpn).map_err(Error::tls)?;
        }
        // ALPS carries settings for a protocol the ALPN offers: Chromium with HTTP/2 off (an
        // HTTP/1.1-only connection) sends none, so a forced HTTP/1.1 sends none either.
        let alps: Vec<&Vec<u8>> = pc.alps.iter().filter(|p| alpn_offers(alpn, p)).collect();
        for protocol in &alps {
            config
                .add_application_settings(protocol)
                .map_err(Error::tls)?;
        }
        if !alps.is_empty() {
            config.set_alps_use_new_codepoint(pc.alps_new_codepoint);
        }
        if pc.ech_grease {
            config.set_enable_ech_grease(true);
        }
        if !pc.key_shares.is_empty() {
            config
                .set_client_key_shares(&pc.key_shares)
                .map_err(Error::tls)?;
        }
        if let Some(ids) = &pc.trust_anchor_ids {
            request_trust_anchors(&mut config, ids)?;
        }
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let ssl = config.into_ssl(host).map_err(Error::tls)?;
        let mut stream =
            tokio_btls::SslStream::new(ssl, ReadAheadTcp::new(tcp)).map_err(Error::tls)?;
        if let Err(e) = Pin::new(&mut stream).connect().await {
            return Err(match stream.ssl().verify_result() {
                Err(verify) => Error::new(
                    crate::error::Kind::Certificate,
                    Some(
                        format!(
                            "certificate verify failed for {host}: {}",
                            verify.error_string()
                        )
                        .into(),
                    ),
                ),
                Ok(()) => Error::tls(e),
            });
        }
        let h2 = stream.ssl().selected_alpn_protocol() == Some(b"h2");
        Ok((stream, h2))
    }
}

fn add_pem(store: &mut X509StoreBuilder, pem: &[u8]) -> Result<(), Error> {
    let certs = X509::stack_from_pem(pem).map_err(Error::builder)?;
    if certs.is_empty() {
        return Err(Error::builder("CA PEM holds no certificate"));
    }
    for cert in certs {
        store.add_cert(cert).map_err(Error::builder)?;
    }
    Ok(())
}

/// Offers `sigalgs` in the ClientHello in this order, including codepoints BoringSSL cannot
/// verify (ML-DSA); the safe `set_verify_algorithm_prefs` refuses those. The function comes from
/// our BoringSSL patch (third_party/patches/mummer-browser-fields.patch).
fn advertise_signature_algorithms(
    builder: &mut SslConnectorBuilder,
    sigalgs: &[u16],
) -> Result<(), Error> {
    // SAFETY: the builder owns a live SSL_CTX; `sigalgs` is a valid slice for the call, and
    // BoringSSL copies it before returning.
    let ok = unsafe {
        btls_sys::SSL_CTX_set_advertised_verify_algorithm_prefs(
            builder.as_ptr(),
            sigalgs.as_ptr(),
            sigalgs.len(),
        )
    };
    if ok == 1 {
        Ok(())
    } else {
        Err(profile_error(
            "signature algorithms",
            "BoringSSL rejected the list (empty?)",
        ))
    }
}

/// The GREASE and ECH GREASE shapes stock BoringSSL cannot produce: a GREASE value first in
/// signature_algorithms (Chrome 152+), and NSS's fixed 239-byte ECH payload with an AEAD drawn
/// per connection (Firefox). Both setters come from our BoringSSL patch.
fn set_browser_grease(builder: &mut SslConnectorBuilder, tls: &mummer_profile::TlsProfile) {
    // SAFETY: the builder owns a live SSL_CTX; the setters only store plain values in it.
    unsafe {
        btls_sys::SSL_CTX_set_grease_signature_algorithms(
            builder.as_ptr(),
            i32::from(tls.grease_signature_algorithms),
        );
        btls_sys::SSL_CTX_set_ech_grease_shape(
            builder.as_ptr(),
            tls.ech_grease_payload_len.unwrap_or(0),
            i32::from(tls.ech_grease_random_aead),
        );
    }
}

/// Whether the peer's close_notify alert has arrived on this connection.
pub(crate) fn received_close_notify(ssl: &SslRef) -> bool {
    // SAFETY: `ssl` is a live SSL object borrowed for this call; SSL_get_shutdown only reads its
    // shutdown flags. The safe wrapper for it needs `&mut SslStream`, which tokio-btls hides.
    let bits = unsafe { btls_sys::SSL_get_shutdown(ssl.as_ptr()) };
    bits & btls_sys::SSL_RECEIVED_SHUTDOWN != 0
}

/// Sends the trust anchor identifiers extension (0xca34) naming `ids` (wire format: 8-bit
/// length-prefixed IDs), as Chrome does for its root store. btls has no safe wrapper for it.
fn request_trust_anchors(ssl: &mut SslRef, ids: &[u8]) -> Result<(), Error> {
    // SAFETY: `ssl` is a live SSL object we hold mutably; `ids` is a valid slice for the call,
    // and BoringSSL copies it before returning.
    let ok = unsafe {
        btls_sys::SSL_set1_requested_trust_anchors(ssl.as_ptr(), ids.as_ptr(), ids.len())
    };
    if ok == 1 {
        Ok(())
    } else {
        Err(Error::tls("BoringSSL rejected the trust anchor IDs"))
    }
}
