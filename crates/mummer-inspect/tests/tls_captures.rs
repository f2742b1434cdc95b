//! Ground truth: every ClientHello captured from real Chromium 156 and
//! Firefox ESR 153 must fingerprint exactly as the capture server computed
//! (JA3, JA3N, JA4 and its raw/original variants), and must show the fields
//! the stable per-browser JSON says never changed.

mod support;

use mummer_inspect::client_hello::{ClientHello, ext};
use mummer_inspect::ja::{TlsFingerprint, Transport};
use mummer_inspect::{is_grease, names};
use serde_json::Value;
use support::{load_json, load_jsonl, parse_hex_u16, str_list, u64_list, unhex};

const BROWSERS: [(&str, &str); 2] = [
    ("chromium-156-captures.jsonl", "chromium-156.json"),
    ("firefox-esr-153-captures.jsonl", "firefox-esr-153.json"),
];

fn parse_capture(capture: &Value) -> (Vec<u8>, ClientHello) {
    let raw = unhex(capture["client_hello_hex"].as_str().expect("hex"));
    let hello = ClientHello::parse(&raw).expect("capture parses");
    (raw, hello)
}

fn names_of(values: &[u16], name: fn(u16) -> Option<&'static str>) -> Vec<String> {
    values
        .iter()
        .map(|v| {
            name(*v)
                .unwrap_or_else(|| panic!("no name for {v:#06x}"))
                .to_owned()
        })
        .collect()
}

#[test]
fn every_capture_matches_the_capture_servers_fingerprints() {
    let mut checked = 0;
    for (captures, _) in BROWSERS {
        for capture in load_jsonl(captures) {
            let (raw, hello) = parse_capture(&capture);
            let fp = TlsFingerprint::compute(&hello, Transport::Tcp);
            let want = &capture["tls_fp"];
            let label = capture["conn_label"].as_str().expect("label");
            for (field, got) in [
                ("ja3", &fp.ja3),
                ("ja3_hash", &fp.ja3_hash),
                ("ja3n", &fp.ja3n),
                ("ja3n_hash", &fp.ja3n_hash),
                ("ja4", &fp.ja4),
                ("ja4_r", &fp.ja4_r),
                ("ja4_o", &fp.ja4_o),
                ("ja4_ro", &fp.ja4_ro),
            ] {
                assert_eq!(got, want[field].as_str().expect("field"), "{label} {field}");
            }
            // The serialised form carries the same names the capture server uses.
            let json = serde_json::to_value(&fp).expect("serialise");
            assert_eq!(json["ja4"], want["ja4"]);

            // The capture is one record holding exactly the ClientHello.
            assert_eq!(hello.record_count, 1, "{label}");
            assert_eq!(hello.record_bytes_len, raw.len(), "{label}");
            assert_eq!(hello.handshake_len, raw.len() - 5, "{label}");
            assert!(hello.malformed_extensions.is_empty(), "{label}");
            checked += 1;
        }
    }
    assert_eq!(checked, 50);
}

/// Checks one capture against the fields its browser's stable JSON lists.
fn check_stable(stable: &Value, hello: &ClientHello, label: &str) {
    let tls = &stable["tls"];
    assert_eq!(
        Some(parse_hex_u16(tls["record_version"].as_str().expect("rv"))),
        hello.record_version
    );
    assert_eq!(
        parse_hex_u16(tls["handshake_version"].as_str().expect("hv")),
        hello.legacy_version
    );
    assert_eq!(
        tls["session_id_len"].as_u64(),
        Some(hello.session_id_len as u64)
    );

    // Ciphers: hex list without GREASE, names with GREASE in place.
    let no_grease: Vec<u16> = hello
        .cipher_suites
        .iter()
        .copied()
        .filter(|c| !is_grease(*c))
        .collect();
    let want_hex: Vec<u16> = str_list(&tls["cipher_suites_hex"])
        .iter()
        .map(|s| parse_hex_u16(s))
        .collect();
    assert_eq!(no_grease, want_hex, "{label} ciphers");
    assert_eq!(
        names_of(&hello.cipher_suites, names::cipher_suite),
        str_list(&tls["cipher_suites"]),
        "{label}"
    );

    // Extension set; the no-SNI variant lacks only server_name.
    let has_sni = hello.has_extension(ext::SERVER_NAME);
    let mut want_set: Vec<u64> = u64_list(&tls["extension_set_sorted_no_grease"]);
    if !has_sni {
        want_set.retain(|e| *e != 0);
    }
    let mut got_set: Vec<u64> = hello
        .extension_types()
        .into_iter()
        .filter(|e| !is_grease(*e))
        .map(u64::from)
        .collect();
    got_set.sort_unstable();
    assert_eq!(got_set, want_set, "{label} extension set");

    let types = hello.extension_types();
    let layout = &tls["grease_layout"];
    assert_eq!(
        layout["cipher_first"].as_bool(),
        Some(is_grease(hello.cipher_suites[0])),
        "{label}"
    );
    assert_eq!(
        layout["ext_first"].as_bool(),
        Some(is_grease(types[0])),
        "{label}"
    );
    assert_eq!(
        layout["ext_last"].as_bool(),
        Some(is_grease(types[types.len() - 1])),
        "{label}"
    );
    assert_eq!(
        layout["n_grease_ext"].as_u64(),
        Some(types.iter().filter(|t| is_grease(**t)).count() as u64),
        "{label}"
    );
    if let Some(order) = tls["extension_order_if_fixed"].as_array() {
        let want: Vec<u64> = order.iter().map(|v| v.as_u64().expect("n")).collect();
        let got: Vec<u64> = types.iter().map(|t| u64::from(*t)).collect();
        assert_eq!(got, want, "{label} fixed extension order");
    }

    let groups = hello.supported_groups.as_deref().expect("groups");
    assert_eq!(
        names_of(groups, names::named_group),
        str_list(&tls["supported_groups"]),
        "{label}"
    );
    let shares = hello.key_shares.as_deref().expect("key_share");
    let share_groups: Vec<u16> = shares.iter().map(|s| s.group).collect();
    assert_eq!(
        names_of(&share_groups, names::named_group),
        str_list(&tls["key_share_groups"]),
        "{label}"
    );
    let share_lens: Vec<u64> = shares.iter().map(|s| s.key_len as u64).collect();
    assert_eq!(share_lens, u64_list(&tls["key_share_key_lens"]), "{label}");
    let formats: Vec<u64> = hello
        .ec_point_formats
        .iter()
        .flatten()
        .map(|f| u64::from(*f))
        .collect();
    assert_eq!(formats, u64_list(&tls["ec_point_formats"]), "{label}");

    let sigalgs = hello.signature_algorithms.as_deref().expect("sigalgs");
    assert_eq!(
        names_of(sigalgs, names::signature_scheme),
        str_list(&tls["signature_algorithms"]),
        "{label} sigalgs (GREASE position included)"
    );
    assert_eq!(hello.alpn_strings(), str_list(&tls["alpn"]), "{label}");
    let versions = hello.supported_versions.as_deref().expect("versions");
    assert_eq!(
        names_of(versions, names::tls_version),
        str_list(&tls["supported_versions"]),
        "{label}"
    );
    let psk: Vec<String> = hello
        .psk_key_exchange_modes
        .iter()
        .flatten()
        .map(|m| names::psk_key_exchange_mode(*m).expect("mode").to_owned())
        .collect();
    assert_eq!(psk, str_list(&tls["psk_key_exchange_modes"]), "{label}");
    let compress = hello
        .compress_certificate
        .as_deref()
        .expect("compress_certificate");
    assert_eq!(
        names_of(compress, names::cert_compression),
        str_list(&tls["compress_certificate"]),
        "{label}"
    );

    // ALPS: code point and protocols, or absent.
    match tls["alps"].as_object() {
        Some(map) => {
            let alps = hello.alps.as_ref().expect("ALPS present");
            let (code, protos) = map.iter().next().expect("one ALPS entry");
            assert_eq!(alps.ext_type.to_string(), *code, "{label} ALPS code point");
            let got: Vec<String> = alps
                .protocols
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            assert_eq!(got, str_list(protos), "{label} ALPS payload");
        }
        None => assert_eq!(hello.alps, None, "{label}"),
    }

    // GREASE ECH: present, payload length and HPKE suite among those seen.
    let ech = hello.ech.as_ref().expect("ECH");
    assert_eq!(tls["ech_grease_present"].as_bool(), Some(true));
    assert_eq!(ech.kind, 0, "{label} outer ECH");
    let payload = ech.payload_len.expect("payload") as u64;
    assert!(
        u64_list(&tls["ech_grease_payload_lens_seen"]).contains(&payload),
        "{label} ECH payload {payload}"
    );
    let suite = format!(
        "{:#06x}/{:#06x}",
        ech.kdf_id.expect("kdf"),
        ech.aead_id.expect("aead")
    );
    assert!(
        str_list(&tls["ech_grease_kdf_aead_seen"]).contains(&suite),
        "{label} ECH suite {suite}"
    );

    assert_eq!(
        tls["record_size_limit"].as_u64(),
        hello.record_size_limit.map(u64::from),
        "{label}"
    );
    match tls["delegated_credentials"].as_array() {
        Some(_) => {
            let dc = hello
                .delegated_credentials
                .as_deref()
                .expect("delegated_credentials");
            assert_eq!(
                names_of(dc, names::signature_scheme),
                str_list(&tls["delegated_credentials"]),
                "{label}"
            );
        }
        None => assert_eq!(hello.delegated_credentials, None, "{label}"),
    }
}

#[test]
fn chromium_stable_fields() {
    let stable = load_json("chromium-156.json");
    let tls = &stable["tls"];
    let mut ech_lens = std::collections::BTreeSet::new();
    for capture in load_jsonl("chromium-156-captures.jsonl") {
        let label = capture["conn_label"].as_str().expect("label").to_owned();
        let (_, hello) = parse_capture(&capture);
        check_stable(&stable, &hello, &label);
        let fp = TlsFingerprint::compute(&hello, Transport::Tcp);
        if hello.has_extension(ext::SERVER_NAME) {
            assert_eq!(hello.server_name.as_deref(), Some("fp.test"));
            assert_eq!(fp.ja4, tls["ja4"].as_str().expect("ja4"));
            assert_eq!(fp.ja4_r, tls["ja4_r"].as_str().expect("ja4_r"));
        } else {
            assert_eq!(
                fp.ja4,
                tls["ja4_no_sni_variant"].as_str().expect("no-SNI ja4")
            );
        }
        if hello.has_extension(ext::SERVER_NAME) {
            assert_eq!(fp.ja3n, tls["ja3n"].as_str().expect("ja3n"));
            assert_eq!(fp.ja3n_hash, tls["ja3n_hash"].as_str().expect("ja3n_hash"));
        }
        // README: 1910-2006 bytes, driven by the GREASE ECH payload size.
        assert!(
            (1910..=2006).contains(&hello.handshake_len),
            "{label} {}",
            hello.handshake_len
        );
        let ech = hello.ech.as_ref().expect("ECH");
        assert!([144, 176, 208, 240].contains(&ech.payload_len.expect("len")));
        ech_lens.insert(ech.payload_len.expect("len"));
        // Chromium 156 specifics from the README.
        assert!(hello.trust_anchor_ids.is_some(), "{label} sends 0xca34");
        assert_eq!(hello.alps.as_ref().map(|a| a.ext_type), Some(ext::ALPS));
        assert_eq!(hello.session_ticket, Some(0));
        assert_eq!(hello.status_request, Some(1));
        assert!(hello.signed_certificate_timestamp);
        assert_eq!(hello.padding_len, None);
        assert_eq!(hello.pre_shared_key_identities, None);
        assert_eq!(hello.compression_methods, vec![0]);
        let sv = hello.supported_versions.as_deref().expect("sv");
        assert!(is_grease(sv[0]));
    }
    // Over 41 connections more than one of the four sizes shows up.
    assert!(ech_lens.len() > 1, "{ech_lens:?}");
}

#[test]
fn firefox_stable_fields() {
    let stable = load_json("firefox-esr-153.json");
    let tls = &stable["tls"];
    for capture in load_jsonl("firefox-esr-153-captures.jsonl") {
        let label = capture["conn_label"].as_str().expect("label").to_owned();
        let (raw, hello) = parse_capture(&capture);
        check_stable(&stable, &hello, &label);
        let fp = TlsFingerprint::compute(&hello, Transport::Tcp);
        assert_eq!(fp.ja4, "t13d1617h2_86a278354501_3cbfd9057e0d");
        assert_eq!(fp.ja4, tls["ja4"].as_str().expect("ja4"));
        assert_eq!(fp.ja4_r, tls["ja4_r"].as_str().expect("ja4_r"));
        assert_eq!(fp.ja3n_hash, tls["ja3n_hash"].as_str().expect("ja3n_hash"));
        // "its ClientHello is always 1885 bytes" (the record payload).
        assert_eq!(hello.handshake_len, 1885, "{label}");
        assert_eq!(raw.len(), 1890);
        assert_eq!(hello.record_size_limit, Some(16385));
        assert_eq!(hello.trust_anchor_ids, None);
        assert!(hello.cipher_suites.iter().all(|c| !is_grease(*c)));
    }
}

#[test]
fn chromium_example_capture_in_detail() {
    let capture = &load_jsonl("chromium-156-captures.jsonl")[0];
    let (_, hello) = parse_capture(capture);
    assert_eq!(hello.record_version, Some(0x0301));
    assert_eq!(hello.legacy_version, 0x0303);
    assert_eq!(hello.handshake_len, 0x07b2 + 4);
    assert_eq!(hello.random[..4], [0xfe, 0x37, 0x05, 0x62]);
    assert_eq!(hello.cipher_suites.len(), 16);
    assert_eq!(hello.cipher_suites[0], 0x6a6a);
    let shares = hello.key_shares.as_deref().expect("key_share");
    assert_eq!(shares[1].group, 0x11ec);
    assert_eq!(shares[1].key_len, 1216);
    // The JSON summary is complete and uses hex for bytes.
    let json = mummer_inspect::summary_json(Some(&hello), None, None);
    assert_eq!(json["tls"]["ja4"], "t13d1517h2_8daaf6152771_cb7bf5808d99");
    assert_eq!(json["tls"]["client_hello"]["session_id_len"], 32);
    assert_eq!(json["tls"]["client_hello"]["alpn"][0], "h2");
    assert_eq!(
        json["tls"]["client_hello"]["random"].as_str().map(str::len),
        Some(64)
    );
    assert!(json["http2"].is_null() && json["http1"].is_null());
}

/// A ClientHello split over several records (as large post-quantum hellos
/// can be) parses to the same fields and fingerprints.
#[test]
fn split_across_records_and_incomplete() {
    for (captures, _) in BROWSERS {
        let capture = &load_jsonl(captures)[0];
        let (raw, whole) = parse_capture(capture);
        let message = &raw[5..];
        for fragment in [1, 7, 500, 1024] {
            let mut split = support::records(message, fragment);
            let expected_len = split.len();
            // Trailing bytes (the next flight) are ignored.
            split.extend([23, 3, 3, 0, 1, 0]);
            let hello = ClientHello::parse(&split).expect("split parses");
            assert_eq!(hello.record_count, message.len().div_ceil(fragment));
            assert_eq!(hello.record_bytes_len, expected_len);
            let mut same = hello.clone();
            same.record_count = 1;
            same.record_bytes_len = raw.len();
            assert_eq!(same, whole);
            assert_eq!(
                TlsFingerprint::compute(&hello, Transport::Tcp),
                TlsFingerprint::compute(&whole, Transport::Tcp)
            );
            // Any strict prefix asks for more bytes.
            for cut in [0, 3, 5, 6, expected_len / 2, expected_len - 1] {
                assert_eq!(
                    ClientHello::parse(&split[..cut]),
                    Err(mummer_inspect::client_hello::ParseError::Incomplete),
                    "fragment {fragment} cut {cut}"
                );
            }
        }
        // A bare handshake message (e.g. from QUIC CRYPTO frames).
        let bare = ClientHello::parse_handshake(message).expect("bare");
        assert_eq!(bare.record_version, None);
        assert_eq!(bare.cipher_suites, whole.cipher_suites);
        let q = TlsFingerprint::compute(&bare, Transport::Quic);
        assert!(q.ja4.starts_with('q'));
        assert_eq!(q.ja4[1..], whole_ja4(&whole)[1..]);
    }
}

fn whole_ja4(hello: &ClientHello) -> String {
    TlsFingerprint::compute(hello, Transport::Tcp).ja4
}
