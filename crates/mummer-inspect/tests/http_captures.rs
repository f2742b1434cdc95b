//! HTTP/2 and HTTP/1.1 against the browser captures.
//!
//! The captures hold the capture server's *parsed* view of each request
//! (frames, settings, HPACK representation of every field, headers), not
//! the raw bytes. So each connection is rebuilt on the wire — same frames,
//! same flags and priorities, every field encoded with the representation
//! the browser used — and the parser must recover exactly what the capture
//! server saw, including the Akamai string and hash.

mod support;

use std::collections::BTreeMap;

use mummer_inspect::{H1Request, H2Connection};
use serde_json::Value;
use support::{
    PREFACE, ReprEncoder, frame, load_json, load_jsonl, priority_fields, settings_frame, str_list,
    window_update_frame,
};

const BROWSERS: [(&str, &str); 2] = [
    ("chromium-156-captures.jsonl", "chromium-156.json"),
    ("firefox-esr-153-captures.jsonl", "firefox-esr-153.json"),
];

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|p| {
            let p = p.as_array().expect("pair");
            (
                p[0].as_str().expect("name").to_owned(),
                p[1].as_str().expect("value").to_owned(),
            )
        })
        .collect()
}

fn as_u8(v: &Value) -> u8 {
    u8::try_from(v.as_u64().expect("number")).expect("u8")
}

fn as_u32(v: &Value) -> u32 {
    u32::try_from(v.as_u64().expect("number")).expect("u32")
}

/// A HEADERS frame for one captured request, fields encoded as captured.
fn headers_frame(http: &Value, enc: &mut ReprEncoder) -> (Vec<u8>, usize) {
    let info = &http["headers_frame"];
    let flags = as_u8(&info["flags"]);
    let mut payload = Vec::new();
    if flags & 0x20 != 0 {
        let p = &info["priority"];
        payload.extend(priority_fields(
            p["exclusive"].as_u64() == Some(1),
            as_u32(&p["depends_on"]),
            u16::try_from(p["weight"].as_u64().expect("weight")).expect("u16"),
        ));
    }
    let headers = pairs(&http["headers"]);
    let reprs = str_list(&http["hpack"]["repr"]);
    assert_eq!(headers.len(), reprs.len());
    for ((name, value), repr) in headers.iter().zip(&reprs) {
        payload.extend(enc.encode(name, value, repr));
    }
    let len = payload.len();
    (frame(1, flags, as_u32(&info["stream"]), &payload), len)
}

/// HTTP/2 captures grouped by connection, requests in order.
fn h2_connections(captures: &str) -> BTreeMap<String, Vec<Value>> {
    let mut conns: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for c in load_jsonl(captures) {
        if c["http"]["version"] == "HTTP/2" {
            let label = c["conn_label"].as_str().expect("label").to_owned();
            conns.entry(label).or_default().push(c);
        }
    }
    for reqs in conns.values_mut() {
        reqs.sort_by_key(|r| r["request_index"].as_u64());
    }
    conns
}

/// Rebuilds one connection's client bytes; returns them and the payload
/// length (priority fields + header block) of each HEADERS frame.
fn rebuild(requests: &[Value]) -> (Vec<u8>, Vec<usize>) {
    let mut enc = ReprEncoder::default();
    let mut wire = PREFACE.to_vec();
    let mut lens = Vec::new();
    for f in requests[0]["http"]["frames_before_first_headers"]
        .as_array()
        .expect("frames")
    {
        match f["type"].as_str().expect("type") {
            "SETTINGS" if f["flags"] == 1 => wire.extend(frame(4, 1, 0, &[])),
            "SETTINGS" => {
                let s: Vec<(u16, u32)> = f["settings"]
                    .as_array()
                    .expect("settings")
                    .iter()
                    .map(|p| {
                        (
                            u16::try_from(p[0].as_u64().expect("id")).expect("u16"),
                            as_u32(&p[1]),
                        )
                    })
                    .collect();
                wire.extend(settings_frame(&s));
            }
            "WINDOW_UPDATE" => wire.extend(window_update_frame(
                as_u32(&f["stream"]),
                as_u32(&f["increment"]),
            )),
            "HEADERS" => {} // built from the request below
            other => panic!("unexpected frame {other}"),
        }
    }
    for r in requests {
        let (bytes, len) = headers_frame(&r["http"], &mut enc);
        wire.extend(bytes);
        lens.push(len);
    }
    (wire, lens)
}

#[test]
fn rebuilt_h2_connections_give_the_captured_fingerprint() {
    let mut checked = 0;
    for (captures, stable) in BROWSERS {
        let stable = load_json(stable);
        for (label, requests) in h2_connections(captures) {
            let (wire, _) = rebuild(&requests);
            let conn = H2Connection::parse(&wire).expect("rebuilt connection parses");
            assert!(!conn.truncated);
            assert_eq!(conn.requests.len(), requests.len(), "{label}");
            let first = &requests[0]["http"];

            assert_eq!(
                conn.akamai(),
                first["akamai"].as_str().expect("akamai"),
                "{label}"
            );
            assert_eq!(
                conn.akamai_hash(),
                first["akamai_hash"].as_str().expect("hash"),
                "{label}"
            );
            assert_eq!(
                conn.akamai(),
                stable["http2"]["akamai"].as_str().expect("akamai")
            );
            assert_eq!(
                conn.akamai_hash(),
                stable["http2"]["akamai_hash"].as_str().expect("hash")
            );
            let settings: Vec<(u64, u64)> = conn
                .settings
                .iter()
                .map(|s| (u64::from(s.id), u64::from(s.value)))
                .collect();
            let want: Vec<(u64, u64)> = stable["http2"]["settings"]
                .as_array()
                .expect("settings")
                .iter()
                .map(|p| (p[0].as_u64().expect("id"), p[1].as_u64().expect("v")))
                .collect();
            assert_eq!(settings, want, "{label}");
            assert_eq!(
                conn.window_update.map(u64::from),
                first["window_update"].as_u64()
            );
            assert!(conn.priority_frames.is_empty());

            let before: Vec<&str> = conn
                .frames
                .iter()
                .take_while(|f| f.frame_type != 1)
                .map(|f| f.type_name())
                .chain(["HEADERS"])
                .collect();
            let want_before: Vec<String> = first["frames_before_first_headers"]
                .as_array()
                .expect("frames")
                .iter()
                .map(|f| f["type"].as_str().expect("type").to_owned())
                .collect();
            assert_eq!(before, want_before, "{label}");

            for (req, capture) in conn.requests.iter().zip(&requests) {
                let http = &capture["http"];
                let info = &http["headers_frame"];
                assert_eq!(
                    u64::from(req.stream_id),
                    info["stream"].as_u64().expect("stream")
                );
                assert_eq!(u64::from(req.flags), info["flags"].as_u64().expect("flags"));
                assert_eq!(req.end_stream(), info["end_stream"].as_bool().expect("es"));
                let p = req.priority.expect("HEADERS carries priority");
                assert_eq!(
                    u64::from(p.exclusive),
                    info["priority"]["exclusive"].as_u64().expect("e")
                );
                assert_eq!(
                    u64::from(p.depends_on),
                    info["priority"]["depends_on"].as_u64().expect("d")
                );
                assert_eq!(
                    u64::from(p.weight),
                    info["priority"]["weight"].as_u64().expect("w")
                );
                let got: Vec<(String, String)> = req
                    .headers()
                    .into_iter()
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .collect();
                assert_eq!(got, pairs(&http["headers"]), "{label}");
                assert_eq!(
                    req.pseudo_header_order(),
                    str_list(&http["pseudo_header_order"])
                );
                assert_eq!(req.header_order(), str_list(&http["header_names"]));
                assert_eq!(
                    req.hpack_reprs(),
                    str_list(&http["hpack"]["repr"]),
                    "{label}"
                );
                assert!(req.size_updates.is_empty());
                checked += 1;
            }

            // The first request matches the browser's stable description.
            let h2 = &stable["http2"];
            let r0 = conn.first_request().expect("first request");
            assert_eq!(
                u64::from(r0.stream_id),
                h2["first_headers_stream_id"].as_u64().expect("id")
            );
            assert_eq!(
                u64::from(r0.flags),
                h2["headers_frame_flags"].as_u64().expect("flags")
            );
            let p = r0.priority.expect("priority");
            assert_eq!(
                u64::from(p.weight),
                h2["headers_frame_priority"]["weight"].as_u64().expect("w")
            );
            assert_eq!(
                r0.pseudo_header_order(),
                str_list(&h2["pseudo_header_order"])
            );
            assert_eq!(r0.header_order(), str_list(&h2["header_order"]));
            assert_eq!(r0.hpack_reprs(), str_list(&h2["hpack_repr"]));

            let json = mummer_inspect::summary_json(None, Some(&conn), None);
            assert_eq!(json["http2"]["akamai"], stable["http2"]["akamai"]);
            assert_eq!(json["http2"]["connection"]["settings"][0]["id"], 1);
        }
    }
    // 27 Chromium + 6 Firefox HTTP/2 requests.
    assert_eq!(checked, 33);
}

/// The rebuilt HEADERS payloads come out exactly the size the capture
/// server recorded, so the rebuilt representations (indexing choices,
/// Huffman coding of names and values) match the browser's in size.
#[test]
fn rebuilt_headers_frames_have_the_captured_length() {
    let mut report = Vec::new();
    for (captures, _) in BROWSERS {
        for (label, requests) in h2_connections(captures) {
            let (_, lens) = rebuild(&requests);
            for (len, r) in lens.iter().zip(&requests) {
                let info = &r["http"]["headers_frame"];
                let want = info["len"].as_u64().expect("len");
                if *len as u64 != want {
                    report.push(format!("{label}#{} {len} != {want}", r["request_index"]));
                }
            }
        }
    }
    assert!(report.is_empty(), "{report:#?}");
}

#[test]
fn http1_heads_keep_case_and_order() {
    let mut checked = 0;
    let mut navigations = 0;
    for (captures, stable) in BROWSERS {
        let stable = load_json(stable);
        for c in load_jsonl(captures) {
            let http = &c["http"];
            if http["version"] != "HTTP/1.1" {
                continue;
            }
            let mut head = format!("{}\r\n", http["request_line"].as_str().expect("line"));
            for (n, v) in pairs(&http["headers"]) {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let req = H1Request::parse(head.as_bytes()).expect("head parses");
            assert_eq!(req.method, http["method"].as_str().expect("method"));
            assert_eq!(req.target, http["path"].as_str().expect("path"));
            assert_eq!(req.version, "HTTP/1.1");
            assert_eq!(req.header_names(), str_list(&http["header_names"]));
            // The stable order is that of a navigation (not e.g. /favicon.ico).
            if c["label"].is_string() {
                assert_eq!(
                    req.header_names(),
                    str_list(&stable["http1"]["header_order"])
                );
                navigations += 1;
            }
            let got: Vec<(String, String)> = req.headers.clone();
            assert_eq!(got, pairs(&http["headers"]));
            assert_eq!(req.head_len, head.len());
            let json = mummer_inspect::summary_json(None, None, Some(&req));
            assert_eq!(json["http1"]["headers"][0][0], "Host");
            checked += 1;
        }
    }
    assert_eq!(checked, 14 + 3);
    assert_eq!(navigations, 12);
}
