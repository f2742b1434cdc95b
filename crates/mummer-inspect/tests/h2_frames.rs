//! HPACK against the RFC 7541 Appendix C examples, and the HTTP/2 frame
//! parser on hand-built connections (PRIORITY frames, padding,
//! CONTINUATION, truncation, malformed frames).

mod support;

use mummer_inspect::h2::{H2Connection, H2Error};
use mummer_inspect::hpack::{Decoder, HpackError, Representation};
use support::{PREFACE, frame, priority_fields, settings_frame, unhex, window_update_frame};

fn decode(d: &mut Decoder, hex: &str) -> Vec<(String, String)> {
    d.decode(&unhex(hex))
        .expect("RFC example decodes")
        .fields
        .into_iter()
        .map(|f| (f.name, f.value))
        .collect()
}

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

const REQ1: [(&str, &str); 4] = [
    (":method", "GET"),
    (":scheme", "http"),
    (":path", "/"),
    (":authority", "www.example.com"),
];
const REQ2: [(&str, &str); 5] = [
    (":method", "GET"),
    (":scheme", "http"),
    (":path", "/"),
    (":authority", "www.example.com"),
    ("cache-control", "no-cache"),
];
const REQ3: [(&str, &str); 5] = [
    (":method", "GET"),
    (":scheme", "https"),
    (":path", "/index.html"),
    (":authority", "www.example.com"),
    ("custom-key", "custom-value"),
];

/// RFC 7541 C.3 (raw) and C.4 (Huffman): three requests on one decoder.
#[test]
fn rfc7541_c3_c4_requests() {
    for blocks in [
        [
            "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        ],
        [
            "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
            "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
        ],
    ] {
        let mut d = Decoder::default();
        assert_eq!(decode(&mut d, blocks[0]), owned(&REQ1));
        assert_eq!(d.table_size(), 57);
        assert_eq!(decode(&mut d, blocks[1]), owned(&REQ2));
        assert_eq!(d.table_size(), 110);
        assert_eq!(decode(&mut d, blocks[2]), owned(&REQ3));
        assert_eq!(d.table_size(), 164);
    }
    // Representation details of C.4.1.
    let mut d = Decoder::default();
    let block = d
        .decode(&unhex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"))
        .expect("decode");
    let reprs: Vec<String> = block.fields.iter().map(|f| f.repr()).collect();
    assert_eq!(
        reprs,
        ["indexed", "indexed", "indexed", "inc:name-idx:huff"]
    );
    assert_eq!(block.fields[3].representation, Representation::Incremental);
}

/// RFC 7541 C.5 (raw) and C.6 (Huffman): three responses on a decoder
/// with a 256-byte table, so entries get evicted.
#[test]
fn rfc7541_c5_c6_responses_with_eviction() {
    let date1 = "Mon, 21 Oct 2013 20:13:21 GMT";
    let date2 = "Mon, 21 Oct 2013 20:13:22 GMT";
    let loc = "https://www.example.com";
    let cookie = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
    let resp1 = [
        (":status", "302"),
        ("cache-control", "private"),
        ("date", date1),
        ("location", loc),
    ];
    let resp2 = [
        (":status", "307"),
        ("cache-control", "private"),
        ("date", date1),
        ("location", loc),
    ];
    let resp3 = [
        (":status", "200"),
        ("cache-control", "private"),
        ("date", date2),
        ("location", loc),
        ("content-encoding", "gzip"),
        ("set-cookie", cookie),
    ];
    for blocks in [
        [
            "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "4803 3330 37c1 c0bf",
            "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
        ],
        [
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
        ],
    ] {
        let mut d = Decoder::new(256);
        assert_eq!(decode(&mut d, blocks[0]), owned(&resp1));
        assert_eq!(d.table_size(), 222);
        assert_eq!(decode(&mut d, blocks[1]), owned(&resp2));
        assert_eq!(d.table_size(), 222);
        assert_eq!(decode(&mut d, blocks[2]), owned(&resp3));
        assert_eq!(d.table_size(), 215);
    }
}

#[test]
fn hpack_errors_and_size_updates() {
    let mut d = Decoder::default();
    assert_eq!(d.decode(&[0x80]), Err(HpackError::InvalidIndex(0)));
    assert_eq!(d.decode(&[0xbe]), Err(HpackError::InvalidIndex(62)));
    assert_eq!(d.decode(&[0x41, 0x85, 0xff]), Err(HpackError::Truncated));
    // A size update to 0 empties the table, then one back up to 4096.
    let mut d = Decoder::default();
    decode(&mut d, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d");
    let block = d.decode(&unhex("20 3fe1 1f 82")).expect("size updates");
    assert_eq!(block.size_updates, [0, 4096]);
    assert_eq!(d.table_size(), 0);
    // Above the ceiling, or after a field, is an error.
    assert_eq!(
        d.decode(&unhex("3fe2 1f")),
        Err(HpackError::InvalidSizeUpdate(4097))
    );
    assert_eq!(
        d.decode(&unhex("82 20")),
        Err(HpackError::InvalidSizeUpdate(0))
    );
    // Never-indexed and without-indexing literals are labelled and not stored.
    let mut d = Decoder::default();
    let block = d
        .decode(&unhex("1003 6b65 7903 7661 6c 0f01 839b d9ab"))
        .expect("literals");
    assert_eq!(block.fields[0].repr(), "never:name-lit:raw");
    assert_eq!(
        (
            block.fields[0].name.as_str(),
            block.fields[0].value.as_str()
        ),
        ("key", "val")
    );
    assert_eq!(block.fields[1].repr(), "noidx:name-idx:huff");
    assert_eq!(
        (
            block.fields[1].name.as_str(),
            block.fields[1].value.as_str()
        ),
        ("accept-encoding", "gzip")
    );
    assert_eq!(d.table_size(), 0);
}

/// An older-Firefox-style connection: PRIORITY frames for its dependency
/// tree before the first HEADERS, which is padded, carries priority, and is
/// continued in a CONTINUATION frame.
#[test]
fn priority_frames_padding_and_continuation() {
    let mut wire = PREFACE.to_vec();
    wire.extend(settings_frame(&[(1, 65536), (4, 131072), (5, 16384)]));
    wire.extend(window_update_frame(0, 12517377));
    for (stream, excl, dep, weight) in [
        (3, false, 0, 201),
        (5, false, 0, 101),
        (7, false, 0, 1),
        (9, false, 7, 1),
        (11, false, 3, 1),
        (13, true, 0, 241),
    ] {
        wire.extend(frame(2, 0, stream, &priority_fields(excl, dep, weight)));
    }
    // C.4.1's block split in two, padded by 3, with priority (dep 13, w 42).
    let block = unhex("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff");
    let mut payload = vec![3];
    payload.extend(priority_fields(false, 13, 42));
    payload.extend(&block[..5]);
    payload.extend([0, 0, 0]);
    wire.extend(frame(1, 0x01 | 0x08 | 0x20, 15, &payload));
    wire.extend(frame(9, 0x04, 15, &block[5..]));
    // After the first HEADERS: none of these change the fingerprint.
    wire.extend(window_update_frame(0, 1));
    wire.extend(frame(2, 0, 17, &priority_fields(false, 0, 16)));
    wire.extend(settings_frame(&[(4, 1)]));
    wire.extend(frame(6, 0, 0, &[0; 8]));

    let conn = H2Connection::parse(&wire).expect("parse");
    assert_eq!(
        conn.akamai(),
        "1:65536;4:131072;5:16384|12517377|3:0:0:201,5:0:0:101,7:0:0:1,9:0:7:1,11:0:3:1,13:1:0:241|m,s,p,a"
    );
    assert_eq!(conn.akamai_hash().len(), 32);
    let req = conn.first_request().expect("request");
    assert_eq!(req.stream_id, 15);
    assert_eq!(req.continuation_frames, 1);
    assert!(req.end_stream());
    let p = req.priority.expect("priority");
    assert_eq!((p.exclusive, p.depends_on, p.weight), (false, 13, 42));
    assert_eq!(
        req.headers(),
        [
            (":method", "GET"),
            (":scheme", "http"),
            (":path", "/"),
            (":authority", "www.example.com")
        ]
    );
    assert_eq!(conn.frames.len(), 14);
    assert!(!conn.truncated);
}

#[test]
fn truncated_and_malformed_input() {
    let mut wire = PREFACE.to_vec();
    wire.extend(settings_frame(&[(2, 0), (4, 6291456)]));
    wire.extend(window_update_frame(0, 15663105));
    let headers = frame(
        1,
        0x04,
        1,
        &unhex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"),
    );
    // A peek that ends inside the HEADERS frame still gives what came before.
    for cut in [1, 8, 12] {
        let mut w = wire.clone();
        w.extend(&headers[..cut]);
        let conn = H2Connection::parse(&w).expect("partial parse");
        assert!(conn.truncated);
        assert_eq!(conn.akamai(), "2:0;4:6291456|15663105|0|");
    }
    // A HEADERS without END_HEADERS and no CONTINUATION yet.
    let mut w = wire.clone();
    w.extend(frame(1, 0, 1, &[0x82]));
    let conn = H2Connection::parse(&w).expect("partial block");
    assert!(conn.truncated && conn.requests.is_empty());

    // WINDOW_UPDATE on a stream is not the connection's.
    let mut w = PREFACE.to_vec();
    w.extend(window_update_frame(1, 99));
    assert_eq!(H2Connection::parse(&w).expect("parse").window_update, None);

    let bad_settings = [PREFACE, &frame(4, 0, 0, &[0; 5])].concat();
    assert!(matches!(
        H2Connection::parse(&bad_settings),
        Err(H2Error::MalformedFrame {
            frame: "SETTINGS",
            ..
        })
    ));
    let interrupted = [PREFACE, &frame(1, 0, 1, &[0x82]), &frame(4, 1, 0, &[])].concat();
    assert!(matches!(
        H2Connection::parse(&interrupted),
        Err(H2Error::MalformedFrame {
            frame: "CONTINUATION",
            ..
        })
    ));
    let overpadded = [PREFACE, &frame(1, 0x0c, 1, &[9, 0x82])].concat();
    assert!(matches!(
        H2Connection::parse(&overpadded),
        Err(H2Error::MalformedFrame {
            frame: "HEADERS",
            ..
        })
    ));
    let bad_hpack = [PREFACE, &frame(1, 0x04, 1, &[0x80])].concat();
    assert_eq!(
        H2Connection::parse(&bad_hpack),
        Err(H2Error::Hpack(HpackError::InvalidIndex(0)))
    );
    // Frames without the preface.
    let bare = H2Connection::parse_frames(&settings_frame(&[(3, 100)]), 4096).expect("bare");
    assert_eq!(bare.akamai(), "3:100|00|0|");
}
