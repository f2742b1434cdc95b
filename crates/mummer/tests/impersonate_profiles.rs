//! Every shipped profile: what a fingerprinting server captures equals what its TOML declares,
//! field by field, over HTTP/2 and HTTP/1.1.

use std::collections::BTreeSet;

use mummer::{Client, Profile};
use mummer_inspect::client_hello::is_grease;
use mummer_profile::names;
use mummer_testkit::{Capture, CaptureServer, TestCa};

fn codes(list: &[String], f: fn(&str) -> Option<u16>) -> Vec<u16> {
    list.iter().map(|n| f(n).expect("validated name")).collect()
}

fn no_grease(v: &[u16]) -> Vec<u16> {
    v.iter().copied().filter(|&x| !is_grease(x)).collect()
}

async fn capture(profile: &Profile, http1: bool) -> Capture {
    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["fp.test"])).await;
    let mut builder = Client::builder()
        .profile(profile.clone())
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .resolve("fp.test", server.port(), server.addr());
    if http1 {
        builder = builder.http1_only();
    }
    let client = builder.build().expect("client");
    let response = client
        .get(&format!("https://fp.test:{}/", server.port()))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", profile.name));
    response.bytes().await.expect("body");
    server.captures().pop().expect("captured")
}

/// The extensions a profile's features imply (GREASE and padding aside).
fn expected_extensions(p: &Profile) -> BTreeSet<u16> {
    let t = &p.tls;
    let mut set: BTreeSet<u16> = [0, 10, 11, 13, 16, 23, 43, 45, 51, 65281].into();
    let mut add = |on: bool, code: u16| {
        if on {
            set.insert(code);
        }
    };
    add(t.ocsp_stapling, 5);
    add(t.signed_cert_timestamps, 18);
    add(t.session_ticket, 35);
    add(!t.cert_compression.is_empty(), 27);
    add(
        !t.alps.is_empty(),
        if t.alps_new_codepoint { 17613 } else { 17513 },
    );
    add(t.ech_grease, 65037);
    add(t.trust_anchor_ids.is_some(), 51764);
    add(t.record_size_limit.is_some(), 28);
    add(!t.delegated_credentials.is_empty(), 34);
    set
}

fn check_tls(p: &Profile, c: &Capture) {
    let name = &p.name;
    let hello = c.client_hello.as_ref().expect("ClientHello");
    let t = &p.tls;
    assert_eq!(
        no_grease(&hello.cipher_suites),
        codes(&t.cipher_suites, names::cipher_suite),
        "{name} ciphers"
    );
    assert_eq!(
        is_grease(hello.cipher_suites[0]),
        t.grease,
        "{name} cipher GREASE"
    );
    let types: Vec<u16> = no_grease(&hello.extension_types())
        .into_iter()
        .filter(|&e| e != 21)
        .collect();
    if t.extension_order.is_empty() {
        assert_eq!(
            types.iter().copied().collect::<BTreeSet<_>>(),
            expected_extensions(p),
            "{name} extension set"
        );
    } else {
        assert_eq!(
            types,
            codes(&t.extension_order, names::extension),
            "{name} extension order"
        );
    }
    let groups = hello.supported_groups.clone().unwrap_or_default();
    assert_eq!(
        no_grease(&groups),
        codes(&t.supported_groups, names::group),
        "{name} groups"
    );
    let shares: Vec<u16> = hello
        .key_shares
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|k| k.group)
        .collect();
    assert_eq!(
        no_grease(&shares),
        codes(&t.key_shares, names::group),
        "{name} key shares"
    );
    let sigalgs = hello.signature_algorithms.clone().unwrap_or_default();
    assert_eq!(
        sigalgs.first().is_some_and(|&s| is_grease(s)),
        t.grease_signature_algorithms,
        "{name} signature algorithm GREASE"
    );
    assert_eq!(
        no_grease(&sigalgs),
        codes(&t.signature_algorithms, names::signature_algorithm),
        "{name} signature algorithms"
    );
    assert_eq!(hello.alpn_strings(), t.alpn, "{name} ALPN");
    match &hello.alps {
        Some(alps) => {
            let protocols: Vec<String> = alps
                .protocols
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            assert_eq!(protocols, t.alps, "{name} ALPS");
            assert_eq!(
                alps.ext_type == 17613,
                t.alps_new_codepoint,
                "{name} ALPS codepoint"
            );
        }
        None => assert!(t.alps.is_empty(), "{name} ALPS missing"),
    }
    assert_eq!(
        hello.compress_certificate.clone().unwrap_or_default(),
        codes(&t.cert_compression, names::cert_compression),
        "{name} certificate compression"
    );
    assert_eq!(
        hello.record_size_limit, t.record_size_limit,
        "{name} record_size_limit"
    );
    assert_eq!(
        hello.delegated_credentials.clone().unwrap_or_default(),
        codes(&t.delegated_credentials, names::signature_algorithm),
        "{name} delegated credentials"
    );
    assert_eq!(hello.ech.is_some(), t.ech_grease, "{name} ECH GREASE");
    if let (Some(ech), Some(len)) = (&hello.ech, t.ech_grease_payload_len) {
        assert_eq!(ech.payload_len, Some(len as usize), "{name} ECH payload");
    }
}

fn akamai_of(p: &Profile) -> String {
    let h = &p.http2;
    let settings: Vec<String> = h
        .settings
        .iter()
        .map(|(id, v)| format!("{id}:{v}"))
        .collect();
    let priorities = if h.priority_frames.is_empty() {
        "0".to_string()
    } else {
        h.priority_frames
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{}:{}",
                    f.stream_id,
                    u8::from(f.priority.exclusive),
                    f.priority.depends_on,
                    f.priority.weight
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let pseudo: Vec<&str> = h.pseudo_header_order.iter().map(|n| &n[1..2]).collect();
    format!(
        "{}|{}|{}|{}",
        settings.join(";"),
        if h.window_update == 0 {
            "00".to_string()
        } else {
            h.window_update.to_string()
        },
        priorities,
        pseudo.join(",")
    )
}

fn check_h2(p: &Profile, c: &Capture) {
    let name = &p.name;
    let h2 = c.h2.as_ref().expect("HTTP/2");
    assert_eq!(h2.akamai(), akamai_of(p), "{name} Akamai");
    let request = c.h2_request().expect("request");
    assert_eq!(
        request.stream_id, p.http2.initial_stream_id,
        "{name} first stream id"
    );
    match (&request.priority, &p.http2.headers_priority) {
        (Some(got), Some(want)) => {
            assert_eq!(
                (got.exclusive, got.depends_on, got.weight),
                (want.exclusive, want.depends_on, want.weight),
                "{name} HEADERS priority"
            );
        }
        (None, None) => {}
        (got, want) => panic!("{name} HEADERS priority: got {got:?}, want {want:?}"),
    }
    assert_eq!(
        request.pseudo_header_order(),
        p.http2.pseudo_header_order,
        "{name} pseudo order"
    );
    let want: Vec<&str> = p
        .http2
        .header_order
        .iter()
        .filter(|n| p.header(n).is_some())
        .map(String::as_str)
        .collect();
    assert_eq!(request.header_order(), want, "{name} HTTP/2 header order");
}

fn check_h1(p: &Profile, c: &Capture) {
    let h1 = c.h1.as_ref().expect("HTTP/1.1");
    let want: Vec<&str> = p
        .http1
        .header_order
        .iter()
        .filter(|n| n.eq_ignore_ascii_case("host") || p.header(n).is_some())
        .map(String::as_str)
        .collect();
    assert_eq!(
        h1.header_names(),
        want,
        "{} HTTP/1.1 header order and case",
        p.name
    );
}

#[tokio::test]
async fn every_shipped_profile_is_what_its_toml_declares() {
    let profiles = mummer_profile::all().expect("profiles");
    for profile in profiles {
        if profile.tls.alpn.iter().any(|a| a == "h2") {
            let c = capture(profile, false).await;
            check_tls(profile, &c);
            check_h2(profile, &c);
        }
        let c = capture(profile, true).await;
        check_h1(profile, &c);
    }
}
