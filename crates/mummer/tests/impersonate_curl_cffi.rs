//! mummer against curl_cffi 0.17 itself, on the wire: every curl_cffi target name, deprecated
//! spelling and alias is requested by curl_cffi and by mummer (`impersonate(name)`) from the
//! same capture server, over HTTP/2 and over HTTP/1.1, and the two are compared field by field:
//! JA4, JA4_r and JA3N, ciphers, the extension set and its order rule (fixed, with GREASE
//! positions, or permuted), GREASE positions everywhere else, groups and key shares (with key
//! lengths), signature algorithms, versions, ALPN and ALPS, certificate compression, ECH GREASE
//! shape, record size limit, delegated credentials, trust anchors, the ClientHello's length
//! (less the random-length ECH payload), the Akamai string and the frames before the first
//! HEADERS, HEADERS flags, priority and stream id, pseudo-header and header order (with letter
//! case on HTTP/1.1) and every default header value. The padding extension, whose presence
//! follows the randomly drawn ECH payload length, is left out of the other fields and compared
//! as a rule.
//!
//! A difference fails the test unless [`EXPECTED`] lists it with its reason: the places where
//! mummer deliberately follows the real browser rather than curl_cffi (docs/decisions/0007).
//! An [`EXPECTED`] entry that no longer
//! matches anything fails the test too, so the list stays true.
//!
//! curl_cffi comes from PyPI, installed once into a venv under `target/tmp` (or the Python given
//! by `MUMMER_CURL_CFFI_PYTHON`). Without `python3 -m venv` or pip the test prints why and
//! passes without comparing; `MUMMER_REQUIRE_CURL_CFFI=1` makes that a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mummer::Client;
use mummer_inspect::client_hello::{ClientHello, is_grease};
use mummer_inspect::ja::{TlsFingerprint, Transport};
use mummer_testkit::{Capture, CaptureServer, TestCa};
use tokio::io::AsyncReadExt;

const CURL_CFFI_VERSION: &str = "0.17.0";

/// curl_cffi 0.17's 47 native targets (`curl_cffi.fingerprints.NATIVE_IMPERSONATE_TARGETS`).
const TARGETS: &[&str] = &[
    "chrome99",
    "chrome100",
    "chrome101",
    "chrome104",
    "chrome107",
    "chrome110",
    "chrome116",
    "chrome119",
    "chrome120",
    "chrome123",
    "chrome124",
    "chrome131",
    "chrome133a",
    "chrome136",
    "chrome142",
    "chrome145",
    "chrome146",
    "chrome150",
    "chrome151",
    "chrome151_macos",
    "chrome152",
    "chrome152_macos",
    "chrome99_android",
    "chrome131_android",
    "edge99",
    "edge101",
    "safari153",
    "safari155",
    "safari170",
    "safari172_ios",
    "safari180",
    "safari180_ios",
    "safari184",
    "safari184_ios",
    "safari260",
    "safari2601",
    "safari260_ios",
    "safari270",
    "safari270_ios",
    "firefox133",
    "firefox135",
    "firefox144",
    "firefox147",
    "firefox153",
    "firefox154",
    "firefox155",
    "tor145",
];

/// Deprecated spellings curl_cffi still accepts, and the target each stands for.
const DEPRECATED: &[(&str, &str)] = &[
    ("safari15_3", "safari153"),
    ("safari15_5", "safari155"),
    ("safari17_0", "safari170"),
    ("safari17_2_ios", "safari172_ios"),
    ("safari18_0", "safari180"),
    ("safari18_0_ios", "safari180_ios"),
];

/// curl_cffi's aliases (`REAL_TARGET_MAP`), the target curl_cffi maps each to, and mummer's
/// profile for it. mummer's bare family names point at the newest profile (and `firefox` at the
/// captured ESR 153); where that is not curl_cffi's target, the alias is compared with its
/// curl_cffi target instead of field by field (see 0007).
const ALIASES: &[(&str, &str, &str)] = &[
    ("chrome", "chrome152", "chrome_156"),
    ("edge", "edge101", "edge_156"),
    ("safari", "safari270", "safari_27_0"),
    ("safari_ios", "safari270_ios", "safari_ios_27_0"),
    ("safari_beta", "safari270", "safari_27_0"),
    ("safari_ios_beta", "safari270_ios", "safari_ios_27_0"),
    ("chrome_android", "chrome131_android", "chrome_android_156"),
    ("firefox", "firefox155", "firefox_esr_153"),
    ("tor", "tor145", "tor_14_5"),
];

/// A difference kept on purpose: the profiles and fields it applies to (a name, a prefix ending
/// in `*`, or several of those separated by `|`), why, and a check that the difference is
/// exactly the one described (given curl_cffi's value and mummer's).
struct Expected {
    profiles: &'static str,
    fields: &'static str,
    why: &'static str,
    check: fn(&str, &str) -> bool,
}

const FIREFOXES: &str = "firefox_*|tor_*";

const EXPECTED: &[Expected] = &[
    // Following the real browser (captures of Chromium 156 and Firefox ESR 153), not curl.
    Expected {
        profiles: "chrome_*|edge_*|firefox_*|tor_*",
        fields: "h1.header.connection",
        why: "browsers send Connection: keep-alive over HTTP/1.1 (both captures); curl omits it",
        check: |cffi, ours| cffi == "(absent)" && ours == "keep-alive",
    },
    Expected {
        profiles: FIREFOXES,
        fields: "h1.header.te",
        why: "Firefox sends TE: trailers over HTTP/2 only (ESR 153 capture); curl_cffi over HTTP/1.1 too",
        check: |cffi, ours| cffi == "trailers" && ours == "(absent)",
    },
    Expected {
        profiles: "chrome_*|edge_*|firefox_*|tor_*",
        fields: "h1.header_order",
        why: "the browser's HTTP/1.1 order (captures): Connection added; Chrome 151+/Firefox 154+: \
              Host first and Title-Case where curl_cffi sends lowercase with Host last; Firefox: no TE",
        check: same_h1_order_but_browser_fixes,
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "h1.header.cache-control|h2.header.cache-control",
        why: "Chrome sends cache-control: max-age=0 on reloads and form posts, not on a navigation \
              (Chromium 156 capture); curl_cffi chrome152 always does",
        check: |cffi, ours| cffi == "max-age=0" && ours == "(absent)",
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "h2.header_order",
        why: "no cache-control on a navigation (above)",
        check: |cffi, ours| cffi.strip_suffix(",cache-control") == Some(ours),
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "tls.signature_algorithms",
        why: "Chrome 152+ puts GREASE first in signature_algorithms (Chromium 156 capture); curl_cffi does not",
        check: |cffi, ours| ours.strip_prefix("GREASE,") == Some(cffi),
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "tls.length_without_ech_payload.h2",
        why: "the 2-byte signature_algorithms GREASE (above)",
        check: longer_by::<2>,
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "tls.length_without_ech_payload.h1",
        why: "the 2-byte signature_algorithms GREASE (above)",
        check: longer_by::<2>,
    },
    Expected {
        profiles: "chrome_152|chrome_macos_152",
        fields: "tls.trust_anchors.order",
        why: "Chrome sends its trust anchor IDs in one order (Chromium 156 capture, 48 connections); \
              curl_cffi chrome152 shuffles the same 28 IDs per connection",
        check: |cffi, ours| cffi.starts_with("VARIES") && !ours.starts_with("VARIES"),
    },
    Expected {
        profiles: "firefox_154|firefox_155|firefox_esr_153",
        fields: "h2.headers_frame",
        why: "Firefox opens its first request on stream 3 (ESR 153 capture); curl_cffi on stream 1",
        check: |cffi, ours| {
            ours == cffi.replacen("stream 1 ", "stream 3 ", 1)
                // firefox153 is the captured navigation (weight 42), curl_cffi's a fetch (22).
                || ours == cffi.replacen("stream 1 ", "stream 3 ", 1).replace("weight: 22", "weight: 42")
        },
    },
    Expected {
        profiles: "firefox_154|firefox_155|firefox_esr_153",
        fields: "tls.ech.payload_len",
        why: "NSS's ECH GREASE payload is always 239 bytes (ESR 153 capture); curl_cffi draws BoringSSL's",
        check: |cffi, ours| cffi == "drawn from 144/176/208/240" && ours == "{239}",
    },
    Expected {
        profiles: "firefox_154|firefox_155|firefox_esr_153",
        fields: "tls.ech.aead",
        why: "NSS draws the ECH GREASE AEAD per connection (ESR 153 capture); curl_cffi always AES-128-GCM",
        check: |cffi, ours| cffi == "{1}" && ours == "{1, 3}",
    },
    // firefox153 is the captured Firefox ESR 153 (Linux, a navigation); curl_cffi's firefox153
    // is Firefox 153 on Windows making a fetch() (sec-fetch-mode cors, priority u=4).
    Expected {
        profiles: "firefox_esr_153",
        fields: "h1.header.*|h2.header.*|h2.header_order|h1.header_order",
        why: "firefox153 is the captured ESR 153 navigation; curl_cffi's is a Windows fetch()",
        check: |_, _| true,
    },
];

/// mummer's number is `N` more than curl_cffi's.
fn longer_by<const N: i64>(cffi: &str, ours: &str) -> bool {
    match (cffi.parse::<i64>(), ours.parse::<i64>()) {
        (Ok(a), Ok(b)) => b - a == N,
        _ => false,
    }
}

/// The same HTTP/1.1 names in the same order, but for the browser's fixes: letter case, the
/// place of Host, Connection added, TE left out (and Cache-Control, compared on its own).
fn same_h1_order_but_browser_fixes(cffi: &str, ours: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        s.split(',')
            .map(str::to_ascii_lowercase)
            .filter(|n| !matches!(n.as_str(), "host" | "connection" | "te" | "cache-control"))
            .collect()
    };
    norm(cffi) == norm(ours) && ours.split(',').any(|n| n == "Connection")
}

/// Connections per protocol and client for each name.
const ROUNDS: usize = 2;

#[tokio::test]
async fn every_curl_cffi_name_matches_curl_cffi_on_the_wire() {
    let started = Instant::now();
    let python = match curl_cffi_python() {
        Ok(p) => p,
        Err(why) => {
            let required = std::env::var_os("MUMMER_REQUIRE_CURL_CFFI").is_some_and(|v| v == "1");
            assert!(
                !required,
                "curl_cffi {CURL_CFFI_VERSION} unavailable: {why}"
            );
            eprintln!(
                "curl_cffi {CURL_CFFI_VERSION} unavailable, SKIPPING the comparison with \
                 curl_cffi: {why}"
            );
            return;
        }
    };
    eprintln!(
        "curl_cffi ready after {:.1?}: {}",
        started.elapsed(),
        python.display()
    );
    let mut names: Vec<&str> = TARGETS.to_vec();
    names.extend(DEPRECATED.iter().map(|d| d.0));
    names.extend(ALIASES.iter().map(|a| a.0));

    // Every name resolves, in one profile.
    for name in &names {
        mummer_profile::get(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    let ca = TestCa::new();
    let server = CaptureServer::start(ca.issue(&["localhost"])).await;
    let dir = std::env::temp_dir().join(format!("mummer-curl-cffi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca.ca_pem()).expect("write CA");
    let script = dir.join("requests.py");
    std::fs::write(&script, SCRIPT).expect("write script");

    // curl_cffi: one process makes every request.
    let t = Instant::now();
    let port = server.port().to_string();
    let out = tokio::task::spawn_blocking({
        let python = python.clone();
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let (script, ca_file) = (script.clone(), ca_file.clone());
        move || {
            Command::new(python)
                .arg(script)
                .arg(port)
                .arg(ca_file)
                .arg(ROUNDS.to_string())
                .args(names)
                .stdin(Stdio::null())
                .output()
                .expect("run curl_cffi")
        }
    })
    .await
    .expect("join");
    assert!(
        out.status.success(),
        "curl_cffi requests failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!(
        "curl_cffi: {} requests in {:.1?}",
        names.len() * ROUNDS * 2,
        t.elapsed()
    );
    let cffi = by_label(server.captures());
    server.clear();

    // mummer: the same requests.
    let t = Instant::now();
    for name in &names {
        for proto in ["h2", "h1"] {
            for round in 0..ROUNDS {
                mummer_request(name, proto, round, &server, &ca).await;
            }
        }
    }
    eprintln!(
        "mummer: {} requests in {:.1?}",
        names.len() * ROUNDS * 2,
        t.elapsed()
    );
    let ours = by_label(server.captures());
    let _ = std::fs::remove_dir_all(&dir);

    let mut unexpected = Vec::new();
    let mut used = vec![false; EXPECTED.len()];
    // Per EXPECTED entry: how many differences it explained, and in which profiles.
    let mut explained: Vec<(usize, BTreeSet<String>)> = vec![(0, BTreeSet::new()); EXPECTED.len()];
    let aliased: BTreeMap<&str, &str> = ALIASES
        .iter()
        .filter(|a| mummer_profile::get(a.1).map(|p| p.name.as_str()) != Ok(a.2))
        .map(|a| (a.0, a.1))
        .collect();
    for name in &names {
        let profile = mummer_profile::get(name).expect("resolved above");
        let theirs = fields(&cffi, name, &format!("curl_cffi {name}"));
        if let Some(target) = aliased.get(name) {
            // curl_cffi still maps the alias to the target recorded here.
            let target_fields = fields(&cffi, target, &format!("curl_cffi {target}"));
            let d = diff(&theirs, &target_fields);
            assert!(
                d.is_empty(),
                "curl_cffi's {name} is no longer its {target}: {d:#?}"
            );
            let expected = ALIASES.iter().find(|a| a.0 == *name).expect("alias").2;
            assert_eq!(profile.name, expected, "mummer's {name}");
            eprintln!(
                "{name}: curl_cffi {target}, mummer {} (newest; not compared field by field)",
                profile.name
            );
            continue;
        }
        let mut mine = fields(&ours, name, &format!("mummer {name}"));
        // Randomised per connection: sample until the draw shows both AEADs.
        if profile.tls.ech_grease_random_aead {
            mine.insert("tls.ech.aead".into(), sample_ech_aeads(name).await);
        }
        for (field, cffi_value, our_value) in diff(&theirs, &mine) {
            let hit = EXPECTED.iter().position(|e| {
                matches(e.profiles, &profile.name)
                    && matches(e.fields, &field)
                    && (e.check)(&cffi_value, &our_value)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    explained[i].0 += 1;
                    explained[i].1.insert(profile.name.clone());
                }
                None => unexpected.push(format!(
                    "{name} ({}): {field}\n      curl_cffi: {cffi_value}\n      mummer:    {our_value}",
                    profile.name
                )),
            }
        }
    }
    eprintln!(
        "{} differences, each explained:",
        explained.iter().map(|e| e.0).sum::<usize>()
    );
    for (e, (n, profiles)) in EXPECTED.iter().zip(&explained) {
        let profiles: Vec<&str> = profiles.iter().map(String::as_str).collect();
        eprintln!(
            "  {n} x {}: {}\n      in {}",
            e.fields,
            e.why,
            profiles.join(", ")
        );
    }
    let stale: Vec<String> = EXPECTED
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| format!("{} / {}: {}", e.profiles, e.fields, e.why))
        .collect();
    eprintln!(
        "compared {} names in {:.1?}",
        names.len(),
        started.elapsed()
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} unexplained difference(s) from curl_cffi:\n  {}\n{} EXPECTED entr(ies) matching nothing:\n  {}",
        unexpected.len(),
        unexpected.join("\n  "),
        stale.len(),
        stale.join("\n  ")
    );
}

/// `pattern` (`a|b*|c`) matches `text`: one alternative equal to it, or a prefix of it when
/// the alternative ends in `*`.
fn matches(pattern: &str, text: &str) -> bool {
    pattern.split('|').any(|p| match p.strip_suffix('*') {
        Some(prefix) => text.starts_with(prefix),
        None => p == text,
    })
}

/// The requests curl_cffi makes: `requests.py PORT CA ROUNDS NAME...`, each name over HTTP/2
/// and HTTP/1.1, ROUNDS times each, every request a fresh session (and so connection).
const SCRIPT: &str = r#"
import sys
from curl_cffi import requests

port, ca, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name in sys.argv[4:]:
    for proto, version in (("h2", "v2"), ("h1", "v1")):
        for i in range(rounds):
            url = f"https://localhost:{port}/?label={name}.{proto}.{i}"
            r = requests.get(url, impersonate=name, verify=ca, http_version=version, timeout=20)
            r.raise_for_status()
"#;

async fn mummer_request(
    name: &str,
    proto: &str,
    round: usize,
    server: &CaptureServer,
    ca: &TestCa,
) {
    let mut builder = Client::builder()
        .impersonate(name)
        .add_root_certificate_pem(ca.ca_pem().as_bytes())
        .timeout(Duration::from_secs(20));
    if proto == "h1" {
        builder = builder.http1_only();
    }
    let client = builder.build().unwrap_or_else(|e| panic!("{name}: {e}"));
    let response = client
        .get(&format!(
            "https://localhost:{}/?label={name}.{proto}.{round}",
            server.port()
        ))
        .send()
        .await
        .unwrap_or_else(|e| panic!("mummer {name} {proto}: {e}"));
    assert_eq!(response.status(), 200);
    response.bytes().await.expect("body");
}

/// Captures by their `label` query value (`name.proto.round`).
fn by_label(captures: Vec<Capture>) -> BTreeMap<String, Capture> {
    captures
        .into_iter()
        .filter_map(|c| {
            let label = c.target()?.split("label=").nth(1)?.to_string();
            Some((label, c))
        })
        .collect()
}

/// Stands for any GREASE value where its position matters.
fn g(v: u16) -> String {
    if is_grease(v) {
        "GREASE".into()
    } else {
        format!("{v:04x}")
    }
}

fn gs(v: &[u16]) -> String {
    v.iter().map(|&x| g(x)).collect::<Vec<_>>().join(",")
}

/// One value for all `items`, or how much it varied (a per-connection draw: its values are not
/// themselves comparable).
fn one(items: Vec<String>) -> String {
    let set: BTreeSet<&String> = items.iter().collect();
    if set.len() == 1 {
        items[0].clone()
    } else {
        format!("VARIES ({} distinct over {})", set.len(), items.len())
    }
}

/// Every compared field of one client's requests for `name`, as text.
fn fields(all: &BTreeMap<String, Capture>, name: &str, who: &str) -> BTreeMap<String, String> {
    let get = |proto: &str| -> Vec<&Capture> {
        (0..ROUNDS)
            .map(|i| {
                all.get(&format!("{name}.{proto}.{i}"))
                    .unwrap_or_else(|| panic!("{who}: no {proto} request {i} captured"))
            })
            .collect()
    };
    let (h2, h1) = (get("h2"), get("h1"));
    let mut out = BTreeMap::new();
    let hello = |c: &Capture| without_padding(c.client_hello.clone().expect("TLS"));
    let h2_hellos: Vec<ClientHello> = h2.iter().map(|c| hello(c)).collect();
    let h1_hellos: Vec<ClientHello> = h1.iter().map(|c| hello(c)).collect();
    for (proto, hellos) in [("h2", &h2_hellos), ("h1", &h1_hellos)] {
        let key = |f: &str| format!("tls.{f}.{proto}");
        let each = |f: &dyn Fn(&ClientHello) -> String| one(hellos.iter().map(f).collect());
        let fp = |h: &ClientHello| TlsFingerprint::compute(h, Transport::Tcp);
        out.insert(key("ja4"), each(&|h| fp(h).ja4));
        out.insert(key("ja4_r"), each(&|h| fp(h).ja4_r));
        out.insert(key("ja3n"), each(&|h| fp(h).ja3n));
        out.insert(key("alpn"), each(&|h| h.alpn_strings().join(",")));
        out.insert(
            key("alps"),
            each(&|h| {
                h.alps.as_ref().map_or("none".into(), |a| {
                    let p: Vec<String> = a
                        .protocols
                        .iter()
                        .map(|p| String::from_utf8_lossy(p).into_owned())
                        .collect();
                    format!("{} {}", a.ext_type, p.join(","))
                })
            }),
        );
        // The ClientHello's length but for the ECH payload, whose length is drawn (and the
        // padding, above).
        out.insert(
            key("length_without_ech_payload"),
            each(&|h| {
                let ech = h.ech.as_ref().and_then(|e| e.payload_len).unwrap_or(0);
                (h.handshake_len - ech).to_string()
            }),
        );
    }
    // Padding, whose presence follows the drawn ECH payload length, as a rule: BoringSSL's
    // (pad a 256-511 byte ClientHello to 512 bytes) or not.
    let rule = |c: &&Capture| {
        let h = c.client_hello.as_ref().expect("TLS");
        let unpadded = without_padding(h.clone()).handshake_len;
        let padded = h.padding_len.is_some();
        padded == (256..512).contains(&unpadded) && (!padded || h.handshake_len == 512)
    };
    out.insert(
        "tls.padding".into(),
        if h2.iter().chain(&h1).all(rule) {
            "BoringSSL's: to 512 bytes when 256-511".into()
        } else {
            "other".into()
        },
    );
    let all_hellos: Vec<&ClientHello> = h2_hellos.iter().chain(&h1_hellos).collect();
    let each = |f: &dyn Fn(&ClientHello) -> String| one(all_hellos.iter().map(|h| f(h)).collect());
    out.insert("tls.cipher_suites".into(), each(&|h| gs(&h.cipher_suites)));
    // Extension order rule: one fixed order (GREASE positions included), or permuted.
    let orders: BTreeSet<Vec<String>> = all_hellos
        .iter()
        .map(|h| {
            h.extension_types()
                .into_iter()
                .filter(|&t| t != 17513 && t != 17613)
                .map(g)
                .collect()
        })
        .collect();
    out.insert(
        "tls.extension_order".into(),
        if orders.len() == 1 {
            format!("fixed {}", orders.iter().next().expect("one").join(","))
        } else {
            "permuted".into()
        },
    );
    out.insert(
        "tls.extension_set".into(),
        each(&|h| {
            let mut v: Vec<u16> = h
                .extension_types()
                .into_iter()
                .filter(|&t| !is_grease(t) && t != 21 && t != 17513 && t != 17613)
                .collect();
            v.sort_unstable();
            format!("{v:?}")
        }),
    );
    out.insert(
        "tls.extension_grease".into(),
        each(&|h| {
            let t = h.extension_types();
            let body: Vec<u16> = t.iter().copied().filter(|&x| x != 21).collect();
            format!(
                "{}, first {}, last {}",
                t.iter().filter(|&&x| is_grease(x)).count(),
                body.first().is_some_and(|&x| is_grease(x)),
                body.last().is_some_and(|&x| is_grease(x))
            )
        }),
    );
    out.insert(
        "tls.supported_groups".into(),
        each(&|h| gs(h.supported_groups.as_deref().unwrap_or(&[]))),
    );
    out.insert(
        "tls.key_shares".into(),
        each(&|h| {
            h.key_shares
                .iter()
                .flatten()
                .map(|k| format!("{}:{}", g(k.group), k.key_len))
                .collect::<Vec<_>>()
                .join(",")
        }),
    );
    out.insert(
        "tls.signature_algorithms".into(),
        each(&|h| gs(h.signature_algorithms.as_deref().unwrap_or(&[]))),
    );
    out.insert(
        "tls.supported_versions".into(),
        each(&|h| gs(h.supported_versions.as_deref().unwrap_or(&[]))),
    );
    out.insert(
        "tls.cert_compression".into(),
        each(&|h| format!("{:?}", h.compress_certificate)),
    );
    out.insert(
        "tls.record_size_limit".into(),
        each(&|h| format!("{:?}", h.record_size_limit)),
    );
    out.insert(
        "tls.delegated_credentials".into(),
        each(&|h| format!("{:04x?}", h.delegated_credentials)),
    );
    // Trust anchor IDs: the set, and the order they are sent in.
    out.insert(
        "tls.trust_anchors".into(),
        each(&|h| {
            h.trust_anchor_ids.as_ref().map_or("none".into(), |ids| {
                let mut v: Vec<String> = ids.iter().map(hex::encode).collect();
                v.sort();
                format!("{} IDs: {}", v.len(), v.join(","))
            })
        }),
    );
    out.insert(
        "tls.trust_anchors.order".into(),
        each(&|h| {
            h.trust_anchor_ids.as_ref().map_or("none".into(), |ids| {
                ids.iter().map(hex::encode).collect::<Vec<_>>().join(",")
            })
        }),
    );
    out.insert(
        "tls.misc".into(),
        each(&|h| {
            format!(
                "legacy {:04x}, session id {}, compression {:?}, point formats {:?}, psk modes \
                 {:?}, status_request {:?}, sct {}, session_ticket {:?}",
                h.legacy_version,
                h.session_id_len,
                h.compression_methods,
                h.ec_point_formats,
                h.psk_key_exchange_modes,
                h.status_request,
                h.signed_certificate_timestamp,
                h.session_ticket
            )
        }),
    );
    out.insert(
        "tls.ech".into(),
        each(&|h| {
            h.ech.as_ref().map_or("none".into(), |e| {
                format!("kind {} kdf {:?} enc {:?}", e.kind, e.kdf_id, e.enc_len)
            })
        }),
    );
    // The payload length: fixed, or drawn from BoringSSL's 144/176/208/240.
    let lens: BTreeSet<usize> = all_hellos
        .iter()
        .filter_map(|h| h.ech.as_ref()?.payload_len)
        .collect();
    out.insert(
        "tls.ech.payload_len".into(),
        if lens.is_empty() {
            "none".into()
        } else if lens.iter().all(|l| [144, 176, 208, 240].contains(l)) {
            "drawn from 144/176/208/240".into()
        } else {
            format!("{lens:?}")
        },
    );
    out.insert(
        "tls.ech.aead".into(),
        format!(
            "{:?}",
            all_hellos
                .iter()
                .filter_map(|h| h.ech.as_ref()?.aead_id)
                .collect::<BTreeSet<_>>()
        ),
    );

    // HTTP/2: the connection preface and the request.
    let each2 = |f: &dyn Fn(&Capture) -> String| one(h2.iter().map(|c| f(c)).collect());
    out.insert(
        "h2.alpn_selected".into(),
        each2(&|c| format!("{:?}", c.alpn)),
    );
    out.insert(
        "h2.akamai".into(),
        each2(&|c| c.h2.as_ref().map_or("none".into(), |h| h.akamai())),
    );
    out.insert(
        "h2.frames_before_headers".into(),
        each2(&|c| {
            let Some(h) = c.h2.as_ref() else {
                return "none".into();
            };
            // SETTINGS acknowledgements are left out: whether one precedes the first HEADERS
            // depends on when the server's SETTINGS arrive.
            h.frames
                .iter()
                .take_while(|f| f.frame_type != 1)
                .filter(|f| !(f.frame_type == 4 && f.flags & 1 == 1))
                .map(|f| format!("{}:{}:{}", f.type_name(), f.flags, f.stream_id))
                .collect::<Vec<_>>()
                .join(",")
        }),
    );
    out.insert(
        "h2.headers_frame".into(),
        each2(&|c| {
            c.h2_request().map_or("none".into(), |r| {
                format!(
                    "stream {} flags {:#04x} priority {:?}",
                    r.stream_id, r.flags, r.priority
                )
            })
        }),
    );
    out.insert(
        "h2.pseudo_header_order".into(),
        each2(&|c| {
            c.h2_request()
                .map_or("none".into(), |r| r.pseudo_header_order().join(","))
        }),
    );
    out.insert(
        "h2.header_order".into(),
        each2(&|c| {
            c.h2_request()
                .map_or("none".into(), |r| r.header_order().join(","))
        }),
    );
    let h2_names: BTreeSet<String> = h2
        .iter()
        .filter_map(|c| c.h2_request())
        .flat_map(|r| r.header_order().into_iter().map(str::to_string))
        .collect();
    for n in h2_names {
        out.insert(
            format!("h2.header.{n}"),
            each2(&|c| {
                c.h2_request()
                    .and_then(|r| {
                        r.headers()
                            .into_iter()
                            .find(|(k, _)| *k == n)
                            .map(|(_, v)| v.to_string())
                    })
                    .unwrap_or_else(|| "(absent)".into())
            }),
        );
    }
    // HTTP/1.1.
    let each1 = |f: &dyn Fn(&Capture) -> String| one(h1.iter().map(|c| f(c)).collect());
    out.insert(
        "h1.alpn_selected".into(),
        each1(&|c| format!("{:?}", c.alpn)),
    );
    out.insert(
        "h1.request_line".into(),
        each1(&|c| {
            c.h1.as_ref()
                .map_or("none".into(), |h| format!("{} {}", h.method, h.version))
        }),
    );
    out.insert(
        "h1.header_order".into(),
        each1(&|c| {
            c.h1.as_ref()
                .map_or("none".into(), |h| h.header_names().join(","))
        }),
    );
    let h1_names: BTreeSet<String> = h1
        .iter()
        .filter_map(|c| c.h1.as_ref())
        .flat_map(|h| h.headers.iter().map(|(n, _)| n.to_ascii_lowercase()))
        .filter(|n| n != "host")
        .collect();
    for n in h1_names {
        out.insert(
            format!("h1.header.{n}"),
            each1(&|c| {
                c.h1.as_ref()
                    .and_then(|h| h.header(&n))
                    .unwrap_or("(absent)")
                    .to_string()
            }),
        );
    }
    out
}

/// The ClientHello as if it had no padding extension (its presence is the padding rule's).
fn without_padding(mut h: ClientHello) -> ClientHello {
    if let Some(i) = h.extensions.iter().position(|e| e.ext_type == 21) {
        let e = h.extensions.remove(i);
        h.handshake_len -= 4 + e.data.len();
        h.padding_len = None;
    }
    h
}

/// (field, curl_cffi, mummer) for every field that differs.
fn diff(
    theirs: &BTreeMap<String, String>,
    ours: &BTreeMap<String, String>,
) -> Vec<(String, String, String)> {
    let keys: BTreeSet<&String> = theirs.keys().chain(ours.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let a = theirs.get(k).cloned().unwrap_or_else(|| "(absent)".into());
            let b = ours.get(k).cloned().unwrap_or_else(|| "(absent)".into());
            (a != b).then(|| (k.clone(), a, b))
        })
        .collect()
}

/// The ECH GREASE AEADs mummer draws for `name` over up to 24 ClientHellos, stopping once
/// both have been seen (2 x 0.5^24 odds of seeing only one).
async fn sample_ech_aeads(name: &str) -> String {
    let mut seen = BTreeSet::new();
    for _ in 0..24 {
        let hello = client_hello(name).await;
        if let Some(a) = hello.ech.and_then(|e| e.aead_id) {
            seen.insert(a);
        }
        if seen.len() > 1 {
            break;
        }
    }
    format!("{seen:?}")
}

/// The ClientHello of one mummer request to a bare listener (the handshake is abandoned).
async fn client_hello(name: &str) -> ClientHello {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let client = Client::builder()
        .impersonate(name)
        .resolve("localhost", addr.port(), addr)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let request = tokio::spawn(async move {
        let _ = client
            .get(&format!("https://localhost:{}/", addr.port()))
            .send()
            .await;
    });
    let (mut socket, _) = listener.accept().await.expect("accept");
    let mut bytes = Vec::new();
    let hello = loop {
        let mut buf = [0u8; 8192];
        let n = socket.read(&mut buf).await.expect("read");
        assert!(n > 0, "client closed before a full ClientHello");
        bytes.extend_from_slice(&buf[..n]);
        if let Ok(hello) = ClientHello::parse(&bytes) {
            break hello;
        }
    };
    drop(socket);
    let _ = request.await;
    hello
}

/// A Python with curl_cffi 0.17.0: `MUMMER_CURL_CFFI_PYTHON`, or a venv under `target/tmp`,
/// created and filled from PyPI on first use.
fn curl_cffi_python() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MUMMER_CURL_CFFI_PYTHON") {
        let p = PathBuf::from(p);
        check_curl_cffi(&p)?;
        return Ok(p);
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let venv = root.join(format!("curl_cffi-{CURL_CFFI_VERSION}-venv"));
    let python = venv.join("bin/python");
    if check_curl_cffi(&python).is_ok() {
        return Ok(python);
    }
    // Built aside and renamed, so an interrupted install is never taken for a good one.
    let partial = root.join(format!(
        "curl_cffi-{CURL_CFFI_VERSION}-venv.partial-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&partial);
    run(Command::new("python3").args(["-m", "venv"]).arg(&partial))
        .map_err(|e| format!("python3 -m venv: {e}"))?;
    let partial_python = partial.join("bin/python");
    run(Command::new(&partial_python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        &format!("curl_cffi=={CURL_CFFI_VERSION}"),
    ]))
    .map_err(|e| format!("pip install curl_cffi=={CURL_CFFI_VERSION}: {e}"))?;
    let _ = std::fs::remove_dir_all(&venv);
    std::fs::rename(&partial, &venv).map_err(|e| format!("rename the venv: {e}"))?;
    check_curl_cffi(&python)?;
    Ok(python)
}

fn check_curl_cffi(python: &Path) -> Result<(), String> {
    let code =
        format!("import curl_cffi, sys; sys.exit(curl_cffi.__version__ != {CURL_CFFI_VERSION:?})");
    run(Command::new(python).args(["-c", &code]))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
