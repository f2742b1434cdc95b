//! The names profiles use for TLS values, and their codepoints (IANA registry facts).
//!
//! Profiles name things as the captures and the IANA registries do (`TLS_AES_128_GCM_SHA256`,
//! `x25519`, `rsa_pss_rsae_sha256`); the engine needs codepoints and BoringSSL's own names.

/// A cipher suite: IANA codepoint, IANA name, BoringSSL name.
pub const CIPHER_SUITES: &[(u16, &str, &str)] = &[
    (0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
    (0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
    (
        0x1303,
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
    ),
    (
        0xc02b,
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "ECDHE-ECDSA-AES128-GCM-SHA256",
    ),
    (
        0xc02f,
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",
    ),
    (
        0xc02c,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
    ),
    (
        0xc030,
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",
    ),
    (
        0xcca9,
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
    ),
    (
        0xcca8,
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-RSA-CHACHA20-POLY1305",
    ),
    (
        0xc009,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "ECDHE-ECDSA-AES128-SHA",
    ),
    (
        0xc00a,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "ECDHE-ECDSA-AES256-SHA",
    ),
    (
        0xc013,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "ECDHE-RSA-AES128-SHA",
    ),
    (
        0xc014,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "ECDHE-RSA-AES256-SHA",
    ),
    (
        0x009c,
        "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "AES128-GCM-SHA256",
    ),
    (
        0x009d,
        "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "AES256-GCM-SHA384",
    ),
    (0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
    (0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
    (0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "DES-CBC3-SHA"),
    (
        0xc008,
        "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
        "ECDHE-ECDSA-DES-CBC3-SHA",
    ),
    (
        0xc012,
        "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "ECDHE-RSA-DES-CBC3-SHA",
    ),
    (
        0xc023,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "ECDHE-ECDSA-AES128-SHA256",
    ),
    (
        0xc024,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        "ECDHE-ECDSA-AES256-SHA384",
    ),
    (
        0xc027,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        "ECDHE-RSA-AES128-SHA256",
    ),
    (
        0xc028,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "ECDHE-RSA-AES256-SHA384",
    ),
    (0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
    (0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
];

/// A named group: codepoint, profile name, BoringSSL curves-list name.
pub const GROUPS: &[(u16, &str, &str)] = &[
    (0x11ec, "X25519MLKEM768", "X25519MLKEM768"),
    (0x6399, "X25519Kyber768Draft00", "X25519Kyber768Draft00"),
    (0x001d, "x25519", "X25519"),
    (0x0017, "secp256r1", "P-256"),
    (0x0018, "secp384r1", "P-384"),
    (0x0019, "secp521r1", "P-521"),
    (0x0100, "ffdhe2048", "ffdhe2048"),
    (0x0101, "ffdhe3072", "ffdhe3072"),
];

/// A signature scheme: codepoint and name.
pub const SIGNATURE_ALGORITHMS: &[(u16, &str)] = &[
    (0x0904, "mldsa44"),
    (0x0905, "mldsa65"),
    (0x0906, "mldsa87"),
    (0x0403, "ecdsa_secp256r1_sha256"),
    (0x0503, "ecdsa_secp384r1_sha384"),
    (0x0603, "ecdsa_secp521r1_sha512"),
    (0x0804, "rsa_pss_rsae_sha256"),
    (0x0805, "rsa_pss_rsae_sha384"),
    (0x0806, "rsa_pss_rsae_sha512"),
    (0x0401, "rsa_pkcs1_sha256"),
    (0x0501, "rsa_pkcs1_sha384"),
    (0x0601, "rsa_pkcs1_sha512"),
    (0x0203, "ecdsa_sha1"),
    (0x0201, "rsa_pkcs1_sha1"),
    (0x0807, "ed25519"),
    (0x0809, "rsa_pss_pss_sha256"),
];

/// A ClientHello extension: codepoint and name.
pub const EXTENSIONS: &[(u16, &str)] = &[
    (0, "server_name"),
    (5, "status_request"),
    (10, "supported_groups"),
    (11, "ec_point_formats"),
    (13, "signature_algorithms"),
    (16, "application_layer_protocol_negotiation"),
    (18, "signed_certificate_timestamp"),
    (21, "padding"),
    (23, "extended_master_secret"),
    (27, "compress_certificate"),
    (28, "record_size_limit"),
    (34, "delegated_credentials"),
    (35, "session_ticket"),
    (41, "pre_shared_key"),
    (43, "supported_versions"),
    (45, "psk_key_exchange_modes"),
    (51, "key_share"),
    (17513, "application_settings_old"),
    (17613, "application_settings"),
    (51764, "trust_anchors"),
    (65037, "encrypted_client_hello"),
    (65281, "renegotiation_info"),
];

/// Certificate compression algorithms (RFC 8879).
pub const CERT_COMPRESSION: &[(u16, &str)] = &[(1, "zlib"), (2, "brotli"), (3, "zstd")];

/// A codepoint written as a number: `0x1301` or `4865`. Lets profiles and custom strings
/// carry values this table has no name for.
pub fn numeric(name: &str) -> Option<u16> {
    match name.strip_prefix("0x").or_else(|| name.strip_prefix("0X")) {
        Some(hex) => u16::from_str_radix(hex, 16).ok(),
        None => name.parse().ok(),
    }
}

fn by_name<T: Copy>(table: &[(u16, &str, T)], name: &str) -> Option<u16> {
    table
        .iter()
        .find(|e| e.1.eq_ignore_ascii_case(name))
        .map(|e| e.0)
        .or_else(|| numeric(name))
}

fn by_name2(table: &[(u16, &str)], name: &str) -> Option<u16> {
    table
        .iter()
        .find(|e| e.1.eq_ignore_ascii_case(name))
        .map(|e| e.0)
        .or_else(|| numeric(name))
}

/// Codepoint of a cipher suite name.
pub fn cipher_suite(name: &str) -> Option<u16> {
    by_name(CIPHER_SUITES, name)
}

/// BoringSSL's name for a cipher suite codepoint.
pub fn cipher_suite_boringssl_name(code: u16) -> Option<&'static str> {
    CIPHER_SUITES.iter().find(|e| e.0 == code).map(|e| e.2)
}

/// Codepoint of a group name.
pub fn group(name: &str) -> Option<u16> {
    by_name(GROUPS, name)
}

/// BoringSSL's curves-list name for a group codepoint.
pub fn group_boringssl_name(code: u16) -> Option<&'static str> {
    GROUPS.iter().find(|e| e.0 == code).map(|e| e.2)
}

/// Codepoint of a signature scheme name.
pub fn signature_algorithm(name: &str) -> Option<u16> {
    by_name2(SIGNATURE_ALGORITHMS, name)
}

/// Codepoint of an extension name (or a decimal number).
pub fn extension(name: &str) -> Option<u16> {
    by_name2(EXTENSIONS, name)
}

/// Codepoint of a certificate compression algorithm name.
pub fn cert_compression(name: &str) -> Option<u16> {
    by_name2(CERT_COMPRESSION, name)
}
