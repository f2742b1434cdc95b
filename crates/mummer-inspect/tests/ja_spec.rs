//! JA4 and JA3 on hand-built ClientHellos: FoxIO's worked example from the
//! JA4 technical details (with its published hashes), the spec's special
//! cases, and the JA3 README example.

mod support;

use mummer_inspect::ClientHello;
use mummer_inspect::ja::{self, TlsFingerprint, Transport};
use support::{hello_message, protocol_list_ext, records, sni_ext, u16s, vec8, vec16};

const SPEC_CIPHERS: [u16; 15] = [
    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
    0x009d, 0x002f, 0x0035,
];
const SPEC_EXT_ORDER: [u16; 16] = [
    0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023, 0x0012, 0x002b,
    0xff01, 0x000b, 0x000a, 0x0015,
];
const SPEC_SIGALGS: [u16; 8] = [
    0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
];

/// A plausible body for each extension type the spec example uses.
fn body(ext_type: u16, sigalgs: &[u16], alpn: &[&[u8]]) -> Vec<u8> {
    match ext_type {
        0x0000 => sni_ext("example.com"),
        0x0010 => protocol_list_ext(alpn),
        0x4469 => protocol_list_ext(&[b"h2"]),
        0x000d => vec16(&u16s(sigalgs)),
        0x000a => vec16(&u16s(&[0x001d, 0x0017])),
        0x000b => vec8(&[0]),
        0x002b => vec8(&u16s(&[0x0304, 0x0303])),
        0x002d => vec8(&[1]),
        0x0033 => {
            let mut share = u16s(&[0x001d]);
            share.extend(vec16(&[7; 32]));
            vec16(&share)
        }
        0x001b => vec8(&u16s(&[2])),
        0x0005 => vec![1, 0, 0, 0, 0],
        0x0015 => vec![0; 10],
        0xff01 => vec![0],
        _ => Vec::new(),
    }
}

fn build(
    legacy: u16,
    ciphers: &[u16],
    ext_order: &[u16],
    sigalgs: &[u16],
    alpn: &[&[u8]],
) -> ClientHello {
    let exts: Vec<(u16, Vec<u8>)> = ext_order
        .iter()
        .map(|t| (*t, body(*t, sigalgs, alpn)))
        .collect();
    let raw = records(&hello_message(legacy, ciphers, &exts), 16384);
    ClientHello::parse(&raw).expect("hand-built hello parses")
}

fn spec_hello() -> ClientHello {
    build(
        0x0303,
        &SPEC_CIPHERS,
        &SPEC_EXT_ORDER,
        &SPEC_SIGALGS,
        &[b"h2", b"http/1.1"],
    )
}

#[test]
fn foxio_worked_example() {
    let fp = TlsFingerprint::compute(&spec_hello(), Transport::Tcp);
    assert_eq!(fp.ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1");
    assert_eq!(
        fp.ja4_r,
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601"
    );
    assert_eq!(
        fp.ja4_ro,
        "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_0403,0804,0401,0503,0805,0501,0806,0601"
    );
    assert_eq!(fp.ja4_o, "t13d1516h2_acb858a92679_18f69afefd3d");
}

#[test]
fn grease_anywhere_is_ignored() {
    let mut ciphers = vec![0x8a8a];
    ciphers.extend(SPEC_CIPHERS);
    let mut exts = vec![0x2a2a];
    exts.extend(SPEC_EXT_ORDER);
    exts.push(0xfafa);
    let mut sigalgs = vec![0x1a1a];
    sigalgs.extend(SPEC_SIGALGS);
    let hello = build(0x0303, &ciphers, &exts, &sigalgs, &[b"h2"]);
    let plain = TlsFingerprint::compute(&spec_hello(), Transport::Tcp);
    let fp = TlsFingerprint::compute(&hello, Transport::Tcp);
    assert_eq!(fp.ja4, plain.ja4);
    assert_eq!(fp.ja4_o, plain.ja4_o);
    assert_eq!(fp.ja3, plain.ja3);
    assert_eq!(
        fp.ja3,
        "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23,0"
    );
    assert_eq!(
        fp.ja3n,
        "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,0-5-10-11-13-16-18-21-23-27-35-43-45-51-17513-65281,29-23,0"
    );
}

#[test]
fn spec_special_cases() {
    let sigalgs = &SPEC_SIGALGS;
    let alpn: &[&[u8]] = &[b"h2"];

    // No SNI: 'i', one extension fewer, same c hash (SNI is excluded there).
    let no_sni: Vec<u16> = SPEC_EXT_ORDER.iter().copied().filter(|e| *e != 0).collect();
    let fp = ja::ja4(
        &build(0x0303, &SPEC_CIPHERS, &no_sni, sigalgs, alpn),
        Transport::Tcp,
    );
    assert_eq!(fp, "t13i1515h2_8daaf6152771_e5627efa2ab1");

    // No ALPN extension: "00".
    let no_alpn: Vec<u16> = SPEC_EXT_ORDER
        .iter()
        .copied()
        .filter(|e| *e != 0x10)
        .collect();
    let fp = ja::ja4(
        &build(0x0303, &SPEC_CIPHERS, &no_alpn, sigalgs, alpn),
        Transport::Tcp,
    );
    assert_eq!(fp, "t13d151500_8daaf6152771_e5627efa2ab1");

    // ALPN whose ends are not alphanumeric: first/last hex digit.
    let fp = ja::ja4(
        &build(
            0x0303,
            &SPEC_CIPHERS,
            &SPEC_EXT_ORDER,
            sigalgs,
            &[&[0xab, 0x01, 0xcd]],
        ),
        Transport::Tcp,
    );
    assert!(fp.starts_with("t13d1516ad_"), "{fp}");

    // No ciphers: count 00 and twelve zeros.
    let fp = ja::ja4(
        &build(0x0303, &[], &SPEC_EXT_ORDER, sigalgs, alpn),
        Transport::Tcp,
    );
    assert_eq!(fp, "t13d0016h2_000000000000_e5627efa2ab1");

    // An empty signature_algorithms list: the hashed string has no '_'.
    let fp = ja::ja4(
        &build(0x0303, &SPEC_CIPHERS, &SPEC_EXT_ORDER, &[], alpn),
        Transport::Tcp,
    );
    assert_eq!(fp, "t13d1516h2_8daaf6152771_6d807ffa2a79");

    // Only SNI and ALPN: nothing left for c.
    let fp = ja::ja4(
        &build(0x0303, &SPEC_CIPHERS, &[0x0000, 0x0010], &[], alpn),
        Transport::Tcp,
    );
    assert_eq!(fp, "t12d1502h2_8daaf6152771_000000000000");

    // No supported_versions: legacy_version decides.
    let no_sv: Vec<u16> = SPEC_EXT_ORDER
        .iter()
        .copied()
        .filter(|e| *e != 0x2b)
        .collect();
    let fp = ja::ja4(
        &build(0x0301, &SPEC_CIPHERS, &no_sv, sigalgs, alpn),
        Transport::Tcp,
    );
    assert!(fp.starts_with("t10d1515h2_"), "{fp}");

    // More than 99 ciphers prints 99.
    let many: Vec<u16> = (0x0100..0x0100 + 120).collect();
    let fp = ja::ja4(
        &build(0x0303, &many, &SPEC_EXT_ORDER, sigalgs, alpn),
        Transport::Tcp,
    );
    assert!(fp.starts_with("t13d9916h2_"), "{fp}");

    // QUIC and DTLS prefixes.
    assert!(ja::ja4(&spec_hello(), Transport::Quic).starts_with("q13d"));
    assert!(ja::ja4(&spec_hello(), Transport::Dtls).starts_with("d13d"));
}

/// The example from the JA3 README (Salesforce).
#[test]
fn ja3_readme_example() {
    let ciphers = [47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4];
    let exts = vec![
        (0x0000, sni_ext("example.com")),
        (0x000a, vec16(&u16s(&[23, 24, 25]))),
        (0x000b, vec8(&[0])),
    ];
    let raw = records(&hello_message(769, &ciphers, &exts), 16384);
    let hello = ClientHello::parse(&raw).expect("parse");
    assert_eq!(
        ja::ja3_string(&hello),
        "769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0"
    );
    assert_eq!(ja::ja3_hash(&hello), "ada70206e40642a3e4461f35503241d5");
}

#[test]
fn hello_without_extensions() {
    // An SSL3/TLS1.0-era hello: nothing after compression_methods.
    let mut body = 0x0301u16.to_be_bytes().to_vec();
    body.extend([0; 32]);
    body.push(0);
    body.extend(vec16(&u16s(&[0x002f, 0x0035])));
    body.extend(vec8(&[0]));
    let mut msg = vec![1, 0, 0, u8::try_from(body.len()).expect("fits")];
    msg.extend(body);
    let hello = ClientHello::parse(&records(&msg, 16384)).expect("parse");
    assert!(hello.extensions.is_empty());
    assert_eq!(ja::ja3_string(&hello), "769,47-53,,,");
    assert_eq!(
        ja::ja4(&hello, Transport::Tcp),
        "t10i020000_f54dd463d39b_000000000000"
    );
}

#[test]
fn decoded_extension_fields() {
    let exts = vec![
        (0x0000, sni_ext("a.example")),
        (0x001c, 0x4001u16.to_be_bytes().to_vec()),
        (0x0022, vec16(&u16s(&[0x0403, 0x0503]))),
        (0x0015, vec![0; 17]),
        (0x0023, vec![9; 40]),
        (0x44cd, protocol_list_ext(&[b"h2"])),
        (0xca34, vec16(&[vec8(&[1, 2, 3]), vec8(&[4])].concat())),
        // Outer ECH: kdf 1, aead 3, config 7, 32-byte enc, 239-byte payload.
        (0xfe0d, {
            let mut e = vec![0, 0, 1, 0, 3, 7];
            e.extend(vec16(&[0; 32]));
            e.extend(vec16(&[0; 239]));
            e
        }),
        // A malformed supported_groups (odd length) is kept raw and flagged.
        (0x000a, vec![0, 3, 0, 29, 0]),
    ];
    let raw = records(&hello_message(0x0303, &[0x1301], &exts), 16384);
    let h = ClientHello::parse(&raw).expect("parse");
    assert_eq!(h.server_name.as_deref(), Some("a.example"));
    assert_eq!(h.record_size_limit, Some(0x4001));
    assert_eq!(h.delegated_credentials, Some(vec![0x0403, 0x0503]));
    assert_eq!(h.padding_len, Some(17));
    assert_eq!(h.session_ticket, Some(40));
    assert_eq!(
        h.alps.as_ref().map(|a| (a.ext_type, a.protocols.clone())),
        Some((17613, vec![b"h2".to_vec()]))
    );
    assert_eq!(h.trust_anchor_ids, Some(vec![vec![1, 2, 3], vec![4]]));
    let ech = h.ech.as_ref().expect("ech");
    assert_eq!(
        (
            ech.kdf_id,
            ech.aead_id,
            ech.config_id,
            ech.enc_len,
            ech.payload_len
        ),
        (Some(1), Some(3), Some(7), Some(32), Some(239))
    );
    assert_eq!(h.supported_groups, None);
    assert_eq!(h.malformed_extensions, vec![0x000a]);
    assert_eq!(h.extension(0x000a).map(|e| e.data.len()), Some(5));
}
