//! Byte-exact tests of the codec: frames as RFC 6455 section 5.7 writes them, every
//! violation with its close code, UTF-8 split anywhere, deflate both ways with both
//! context-takeover modes and window sizes, and a bomb stopped at the limit.

// A test's unwrap is its failure report, with the line that failed.
#![allow(clippy::unwrap_used)]

use bytes::BytesMut;

use super::handshake::{self, Carrier, HandshakeError, Offer};
use super::*;

const MASK: [u8; 4] = [0x37, 0xfa, 0x21, 0x3d];

fn fixed_mask() -> impl FnMut() -> [u8; 4] {
    || MASK
}

/// Every event `bytes` make, or the violation that stops them.
fn events(
    config: &Config,
    deflate: Option<&DeflateParams>,
    bytes: &[u8],
) -> Result<Vec<Event>, Violation> {
    let mut r = Receiver::new(config, deflate);
    let mut input = BytesMut::from(bytes);
    let mut out = Vec::new();
    while let Some(e) = r.next_event(&mut input)? {
        out.push(e);
    }
    Ok(out)
}

fn data(kind: DataKind, payload: &[u8], first: bool, fin: bool) -> Event {
    Event::Data {
        kind,
        payload: bytes::Bytes::copy_from_slice(payload),
        first,
        fin,
    }
}

#[test]
fn rfc6455_examples() {
    let c = Config::default();
    // Section 5.7: a single-frame unmasked text message.
    assert_eq!(
        events(&c, None, &[0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]).unwrap(),
        [data(DataKind::Text, b"Hello", true, true)]
    );
    // A fragmented unmasked text message.
    assert_eq!(
        events(
            &c,
            None,
            &[0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f]
        )
        .unwrap(),
        [
            data(DataKind::Text, b"Hel", true, false),
            data(DataKind::Text, b"lo", false, true)
        ]
    );
    // Unmasked ping, then pong.
    assert_eq!(
        events(
            &c,
            None,
            &[0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x8a, 0x00]
        )
        .unwrap(),
        [Event::Ping("Hello".into()), Event::Pong("".into())]
    );
    // A masked "Hello" from the client: 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58.
    let mut s = Sender::new(&c, None);
    let mut out = Vec::new();
    s.message(DataKind::Text, b"Hello", &mut fixed_mask(), &mut out)
        .unwrap();
    assert_eq!(
        out,
        [
            0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58
        ]
    );
    // 256 bytes binary: 16-bit length; 64 KiB: 64-bit length.
    for (len, header) in [
        (125usize, vec![0x82, 0x80 | 125]),
        (126, vec![0x82, 0xfe, 0x00, 0x7e]),
        (65535, vec![0x82, 0xfe, 0xff, 0xff]),
        (65536, vec![0x82, 0xff, 0, 0, 0, 0, 0, 1, 0, 0]),
    ] {
        let mut out = Vec::new();
        s.message(
            DataKind::Binary,
            &vec![7u8; len],
            &mut fixed_mask(),
            &mut out,
        )
        .unwrap();
        assert_eq!(out[..header.len()], header[..], "{len}");
        assert_eq!(out[header.len()..header.len() + 4], MASK);
        assert_eq!(out.len(), header.len() + 4 + len);
    }
}

#[test]
fn masking_is_its_own_inverse_at_any_offset() {
    let original: Vec<u8> = (0..=255u8).cycle().take(1003).collect();
    for offset in 0..9 {
        let mut data = original.clone();
        apply_mask(&mut data, MASK, offset);
        for (i, (&m, &o)) in data.iter().zip(&original).enumerate() {
            assert_eq!(m, o ^ MASK[(i + offset) % 4]);
        }
        apply_mask(&mut data, MASK, offset);
        assert_eq!(data, original);
    }
}

#[test]
fn frames_arrive_in_any_split() {
    let c = Config::default();
    let mut wire = vec![0x89, 0x02, b'p', b'!'];
    wire.extend_from_slice(&[0x02, 0x7e, 0x01, 0x00]);
    wire.extend_from_slice(&[1u8; 256]);
    wire.extend_from_slice(&[0x80, 0x01, 9]);
    let whole = events(&c, None, &wire).unwrap();
    for cut in 0..wire.len() {
        let mut r = Receiver::new(&c, None);
        let mut input = BytesMut::from(&wire[..cut]);
        let mut got = Vec::new();
        while let Some(e) = r.next_event(&mut input).unwrap() {
            got.push(e);
        }
        input.extend_from_slice(&wire[cut..]);
        while let Some(e) = r.next_event(&mut input).unwrap() {
            got.push(e);
        }
        assert_eq!(got, whole, "cut at {cut}");
    }
}

#[test]
fn control_frames_between_fragments() {
    let c = Config::default();
    let wire = [
        0x01, 0x01, b'a', 0x89, 0x00, 0x00, 0x01, b'b', 0x8a, 0x01, b'x', 0x80, 0x01, b'c',
    ];
    assert_eq!(
        events(&c, None, &wire).unwrap(),
        [
            data(DataKind::Text, b"a", true, false),
            Event::Ping("".into()),
            data(DataKind::Text, b"b", false, false),
            Event::Pong("x".into()),
            data(DataKind::Text, b"c", false, true),
        ]
    );
}

#[test]
fn violations_and_their_close_codes() {
    let c = Config {
        max_frame_size: 1000,
        max_message_size: 1500,
        ..Config::default()
    };
    let cases: &[(&[u8], Violation, u16)] = &[
        (&[0xc1, 0x00], Violation::ReservedBits(4), 1002),
        (&[0xa1, 0x00], Violation::ReservedBits(2), 1002),
        (&[0x91, 0x00], Violation::ReservedBits(1), 1002),
        (&[0x83, 0x00], Violation::ReservedOpcode(3), 1002),
        (&[0x87, 0x00], Violation::ReservedOpcode(7), 1002),
        (&[0x8b, 0x00], Violation::ReservedOpcode(0xb), 1002),
        (&[0x8f, 0x00], Violation::ReservedOpcode(0xf), 1002),
        (&[0x09, 0x00], Violation::FragmentedControl, 1002),
        (
            &[0x89, 0x7e, 0x00, 0x7e],
            Violation::ControlTooLong(126),
            1002,
        ),
        (&[0x80, 0x00], Violation::UnexpectedContinuation, 1002),
        (
            &[0x01, 0x00, 0x01, 0x00],
            Violation::ExpectedContinuation,
            1002,
        ),
        (&[0x81, 0x80, 0, 0, 0, 0], Violation::MaskedFrame, 1002),
        (
            &[0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0],
            Violation::LengthOverflow,
            1002,
        ),
        (&[0x88, 0x01, 0x03], Violation::CloseTooShort, 1002),
        (
            &[0x88, 0x02, 0x03, 0xed],
            Violation::InvalidCloseCode(1005),
            1002,
        ),
        (
            &[0x88, 0x02, 0x03, 0xe7],
            Violation::InvalidCloseCode(999),
            1002,
        ),
        (
            &[0x88, 0x02, 0x13, 0x88],
            Violation::InvalidCloseCode(5000),
            1002,
        ),
        (
            &[0x88, 0x03, 0x03, 0xe8, 0xff],
            Violation::InvalidUtf8,
            1007,
        ),
        (&[0x81, 0x02, 0xc3, 0x28], Violation::InvalidUtf8, 1007),
        (&[0x81, 0x01, 0xc3], Violation::InvalidUtf8, 1007),
        (
            &[0x82, 0x7e, 0x03, 0xe9],
            Violation::FrameTooLarge {
                len: 1001,
                limit: 1000,
            },
            1009,
        ),
        (&[0x88, 0x00, 0x81, 0x00], Violation::DataAfterClose, 1002),
    ];
    for (wire, violation, code) in cases {
        let got = events(&c, None, wire).unwrap_err();
        assert_eq!(&got, violation, "{wire:02x?}");
        assert_eq!(got.close_code(), *code, "{wire:02x?}");
    }
    // A message over the limit in frames each under it, refused at the header that passes it.
    let mut wire = vec![0x02, 0x7e, 0x03, 0x20];
    wire.extend_from_slice(&[0u8; 800]);
    wire.extend_from_slice(&[0x80, 0x7e, 0x03, 0x20]);
    assert_eq!(
        events(&c, None, &wire).unwrap_err(),
        Violation::MessageTooLarge { limit: 1500 }
    );
    // Every registered sendable code is accepted, with a reason.
    for code in [
        1000u16, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999,
    ] {
        let mut wire = vec![0x88, 0x04];
        wire.extend_from_slice(&code.to_be_bytes());
        wire.extend_from_slice(b"ok");
        assert_eq!(
            events(&c, None, &wire).unwrap(),
            [Event::Close(Some(CloseFrame {
                code,
                reason: "ok".into()
            }))]
        );
    }
    assert_eq!(
        events(&c, None, &[0x88, 0x00]).unwrap(),
        [Event::Close(None)]
    );
}

#[test]
fn utf8_split_anywhere_and_fail_fast() {
    let c = Config::default();
    let text = "κόσμε € 𝄞 ok".as_bytes();
    for cut in 0..text.len() {
        let mut wire = vec![0x01, cut as u8];
        wire.extend_from_slice(&text[..cut]);
        wire.extend_from_slice(&[0x80, (text.len() - cut) as u8]);
        wire.extend_from_slice(&text[cut..]);
        let got = events(&c, None, &wire).unwrap();
        let joined: Vec<u8> = got
            .iter()
            .flat_map(|e| match e {
                Event::Data { payload, .. } => payload.to_vec(),
                _ => vec![],
            })
            .collect();
        assert_eq!(joined, text, "cut {cut}");
    }
    // An invalid sequence in the first fragment fails before the message ends.
    let mut r = Receiver::new(&c, None);
    let mut input = BytesMut::from(&[0x01, 0x03, b'a', 0xed, 0xa0][..]);
    assert_eq!(r.next_event(&mut input), Err(Violation::InvalidUtf8));
    // Validation off: bytes go through as they are.
    let off = Config {
        validate_utf8: false,
        ..c
    };
    assert_eq!(
        events(&off, None, &[0x81, 0x02, 0xc3, 0x28]).unwrap(),
        [data(DataKind::Text, &[0xc3, 0x28], true, true)]
    );
}

#[test]
fn sender_fragments_and_refuses_bad_input() {
    let c = Config {
        fragment_size: Some(2),
        ..Config::default()
    };
    let mut s = Sender::new(&c, None);
    let mut out = Vec::new();
    s.message(DataKind::Binary, b"abcde", &mut || [0; 4], &mut out)
        .unwrap();
    assert_eq!(
        out,
        [
            0x02, 0x82, 0, 0, 0, 0, b'a', b'b', 0x00, 0x82, 0, 0, 0, 0, b'c', b'd', 0x80, 0x81, 0,
            0, 0, 0, b'e'
        ]
    );
    let mut out = Vec::new();
    assert_eq!(
        s.ping(&[0; 126], MASK, &mut out),
        Err(SendError::ControlTooLong(126))
    );
    assert_eq!(
        s.close(Some((1005, "")), MASK, &mut out),
        Err(SendError::InvalidCloseCode(1005))
    );
    assert_eq!(
        s.fragment(None, b"x", true, &mut || MASK, &mut out),
        Err(SendError::FragmentOrder)
    );
    s.fragment(Some(DataKind::Text), b"a", false, &mut || [0; 4], &mut out)
        .unwrap();
    assert_eq!(
        s.message(DataKind::Text, b"x", &mut || MASK, &mut out),
        Err(SendError::FragmentOrder)
    );
    s.fragment(None, b"b", true, &mut || [0; 4], &mut out)
        .unwrap();
    assert_eq!(
        out,
        [0x01, 0x81, 0, 0, 0, 0, b'a', 0x80, 0x81, 0, 0, 0, 0, b'b']
    );
    let mut out = Vec::new();
    s.close(Some((1000, "bye")), [0; 4], &mut out).unwrap();
    assert_eq!(out, [0x88, 0x85, 0, 0, 0, 0, 0x03, 0xe8, b'b', b'y', b'e']);
}

/// A client's frames as a server reads them: unmasked, as server frames, so the receiver
/// (which refuses masked frames) can read them back.
fn unmask_all(mut wire: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < wire.len() {
        let (h, used) = FrameHeader::parse(&wire[pos..]).unwrap().unwrap();
        let start = pos + used;
        let end = start + h.len as usize;
        apply_mask(&mut wire[start..end], h.mask.unwrap(), 0);
        FrameHeader { mask: None, ..h }.encode(&mut out);
        out.extend_from_slice(&wire[start..end]);
        pos = end;
    }
    out
}

/// A server's deflate side, for the tests: the client's decoder pointed the other way.
fn round_trip(params: DeflateParams, messages: &[&[u8]], fragment: Option<usize>) {
    let c = Config {
        fragment_size: fragment,
        ..Config::default()
    };
    // The receiver inflates with the server's parameters; mirror them so the client's
    // compressor settings (client_*) become the receiver's (server_*).
    let mirrored = DeflateParams {
        server_no_context_takeover: params.client_no_context_takeover,
        client_no_context_takeover: params.server_no_context_takeover,
        server_max_window_bits: params.client_max_window_bits,
        client_max_window_bits: params.server_max_window_bits,
    };
    let mut s = Sender::new(&c, Some(&params));
    let mut r = Receiver::new(&c, Some(&mirrored));
    let mut wire = Vec::new();
    for m in messages {
        s.message(DataKind::Binary, m, &mut || MASK, &mut wire)
            .unwrap();
    }
    let mut input = BytesMut::from(&unmask_all(wire)[..]);
    let mut got: Vec<Vec<u8>> = vec![];
    let mut current = Vec::new();
    while let Some(e) = r.next_event(&mut input).unwrap() {
        if let Event::Data { payload, fin, .. } = e {
            current.extend_from_slice(&payload);
            if fin {
                got.push(std::mem::take(&mut current));
            }
        }
    }
    let want: Vec<Vec<u8>> = messages.iter().map(|m| m.to_vec()).collect();
    assert_eq!(got, want, "{params:?} fragment {fragment:?}");
}

#[test]
fn deflate_round_trips_in_every_mode() {
    let big: Vec<u8> = (0..200_000u32)
        .map(|i| (i % 251) as u8 ^ (i / 7) as u8)
        .collect();
    // Empty messages in a row: the second sync flush has nothing to write.
    let messages: &[&[u8]] = &[
        b"",
        b"",
        b"hello hello hello",
        &big,
        b"hello hello hello",
        &[0; 70_000],
        b"",
        b"",
        b"x",
    ];
    for no_ctx in [false, true] {
        for bits in [9u8, 10, 12, 15] {
            let params = DeflateParams {
                client_no_context_takeover: no_ctx,
                server_no_context_takeover: no_ctx,
                client_max_window_bits: bits,
                server_max_window_bits: bits,
            };
            round_trip(params, messages, None);
            round_trip(params, messages, Some(1000));
        }
    }
}

#[test]
fn deflate_context_takeover_shrinks_repeats() {
    let c = Config::default();
    let msg = b"a message long enough to be worth remembering between messages";
    let size = |no_ctx: bool| {
        let params = DeflateParams {
            client_no_context_takeover: no_ctx,
            ..DeflateParams::default()
        };
        let mut s = Sender::new(&c, Some(&params));
        let mut first = Vec::new();
        s.message(DataKind::Text, msg, &mut || MASK, &mut first)
            .unwrap();
        let mut second = Vec::new();
        s.message(DataKind::Text, msg, &mut || MASK, &mut second)
            .unwrap();
        (first.len(), second.len())
    };
    let (a, b) = size(false);
    assert!(b < a, "context takeover: second message {b} >= first {a}");
    let (a, b) = size(true);
    assert_eq!(a, b, "no context takeover: both messages compress alike");
    // An 8-bit client window cannot be produced by zlib: messages then go uncompressed.
    let eight = DeflateParams {
        client_max_window_bits: 8,
        ..DeflateParams::default()
    };
    let mut s = Sender::new(&c, Some(&eight));
    assert!(!s.compresses());
    let mut out = Vec::new();
    s.message(DataKind::Text, b"x", &mut || [0; 4], &mut out)
        .unwrap();
    assert_eq!(out, [0x81, 0x81, 0, 0, 0, 0, b'x']);
}

#[test]
fn deflate_bomb_is_a_1009_without_a_big_allocation() {
    let c = Config {
        max_message_size: 1 << 20,
        ..Config::default()
    };
    // 64 MiB of zeros compress 100-fold even at the fastest level.
    let params = DeflateParams::default();
    let mut s = Sender::new(&c, Some(&params));
    let mut wire = Vec::new();
    s.message(
        DataKind::Binary,
        &vec![0u8; 64 << 20],
        &mut || MASK,
        &mut wire,
    )
    .unwrap();
    assert!(wire.len() < 1 << 20, "{}", wire.len());
    let wire = unmask_all(wire);
    let got = events(&c, Some(&params), &wire).unwrap_err();
    assert_eq!(got, Violation::MessageTooLarge { limit: 1 << 20 });
    assert_eq!(got.close_code(), 1009);
    // Exactly at the limit is fine.
    let mut s = Sender::new(&c, Some(&params));
    let mut wire = Vec::new();
    s.message(
        DataKind::Binary,
        &vec![0u8; 1 << 20],
        &mut || MASK,
        &mut wire,
    )
    .unwrap();
    let got = events(&c, Some(&params), &unmask_all(wire)).unwrap();
    assert!(matches!(&got[..], [Event::Data { payload, .. }] if payload.len() == 1 << 20));
}

#[test]
fn deflate_rules_on_the_receiving_side() {
    let c = Config::default();
    let params = DeflateParams::default();
    // RSV1 on a continuation or a control frame is a violation even with deflate.
    assert_eq!(
        events(&c, Some(&params), &[0x41, 0x00, 0xc0, 0x00]).unwrap_err(),
        Violation::ReservedBits(4)
    );
    assert_eq!(
        events(&c, Some(&params), &[0xc9, 0x00]).unwrap_err(),
        Violation::ReservedBits(4)
    );
    // Garbage that does not inflate.
    assert_eq!(
        events(&c, Some(&params), &[0xc2, 0x03, 0xff, 0xff, 0xff]).unwrap_err(),
        Violation::BadDeflate
    );
    // An uncompressed message is fine with deflate agreed: "Hello" from RFC 7692 7.2.3.1.
    assert_eq!(
        events(
            &c,
            Some(&params),
            &[0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]
        )
        .unwrap(),
        [data(DataKind::Text, b"Hello", true, true)]
    );
    // RFC 7692 7.2.3.1's fragmented form of the same message.
    assert_eq!(
        events(
            &c,
            Some(&params),
            &[
                0x41, 0x03, 0xf2, 0x48, 0xcd, 0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00
            ]
        )
        .unwrap()
        .iter()
        .flat_map(|e| match e {
            Event::Data { payload, .. } => payload.to_vec(),
            _ => vec![],
        })
        .collect::<Vec<u8>>(),
        b"Hello"
    );
    assert_eq!(
        events(&c, Some(&params), &[0x81, 0x02, b'h', b'i']).unwrap(),
        [data(DataKind::Text, b"hi", true, true)]
    );
    // RFC 7692 7.2.3.2: the second "Hello" reuses the first one's window.
    assert_eq!(
        events(
            &c,
            Some(&params),
            &[
                0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0xc1, 0x05, 0xf2, 0x00, 0x11,
                0x00, 0x00
            ]
        )
        .unwrap(),
        [
            data(DataKind::Text, b"Hello", true, true),
            data(DataKind::Text, b"Hello", true, true)
        ]
    );
}

#[test]
fn deflate_offers_and_answers() {
    assert_eq!(
        DeflateOffer::CHROME.header_value(),
        "permessage-deflate; client_max_window_bits"
    );
    assert_eq!(
        DeflateOffer::parse("permessage-deflate; client_max_window_bits"),
        Some(DeflateOffer::CHROME)
    );
    assert_eq!(
        DeflateOffer::parse("permessage-deflate"),
        Some(DeflateOffer::default())
    );
    assert_eq!(DeflateOffer::parse("x-webkit-deflate-frame"), None);
    let chrome = DeflateOffer::CHROME;
    let firefox = DeflateOffer::default();
    assert_eq!(chrome.accept("").unwrap(), DeflateParams::default());
    assert_eq!(
        chrome
            .accept("server_no_context_takeover; client_max_window_bits=10; server_max_window_bits=\"12\"")
            .unwrap(),
        DeflateParams {
            server_no_context_takeover: true,
            client_no_context_takeover: false,
            server_max_window_bits: 12,
            client_max_window_bits: 10,
        }
    );
    assert!(firefox.accept("client_max_window_bits=10").is_err());
    assert!(chrome.accept("client_max_window_bits").is_err());
    assert!(chrome.accept("client_max_window_bits=16").is_err());
    assert!(chrome.accept("client_max_window_bits=7").is_err());
    assert!(chrome.accept("client_max_window_bits=010").is_err());
    assert!(
        chrome
            .accept("server_no_context_takeover; server_no_context_takeover")
            .is_err()
    );
    assert!(chrome.accept("unknown_param").is_err());
    assert!(chrome.accept("server_no_context_takeover=1").is_err());
    let asks = DeflateOffer {
        server_max_window_bits: Some(10),
        server_no_context_takeover: true,
        ..DeflateOffer::default()
    };
    assert!(
        asks.accept("server_max_window_bits=11; server_no_context_takeover")
            .is_err()
    );
    assert!(asks.accept("server_no_context_takeover").is_err());
    assert!(asks.accept("server_max_window_bits=10").is_err());
    assert!(
        asks.accept("server_max_window_bits=9; server_no_context_takeover")
            .is_ok()
    );
}

#[test]
fn handshake_checks() {
    assert_eq!(handshake::key(&[0u8; 16]), "AAAAAAAAAAAAAAAAAAAAAA==");
    assert_eq!(
        handshake::key(b"the sample nonce"),
        "dGhlIHNhbXBsZSBub25jZQ=="
    );
    let key = "dGhlIHNhbXBsZSBub25jZQ==";
    let protocols = vec!["chat".to_string(), "superchat".to_string()];
    let deflate = DeflateOffer::CHROME;
    let offer = Offer {
        key,
        subprotocols: &protocols,
        deflate: Some(&deflate),
    };
    let good: Vec<(&str, &[u8])> = vec![
        ("Upgrade", b"WebSocket"),
        ("Connection", b"keep-alive, Upgrade"),
        ("Sec-WebSocket-Accept", b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
        ("Sec-WebSocket-Protocol", b"chat"),
        (
            "Sec-WebSocket-Extensions",
            b"permessage-deflate; server_no_context_takeover",
        ),
    ];
    let ok = handshake::check_response(Carrier::Http1, 101, good.iter().copied(), &offer).unwrap();
    assert_eq!(ok.subprotocol.as_deref(), Some("chat"));
    assert!(ok.deflate.unwrap().server_no_context_takeover);
    let without = |name: &str| -> Vec<(&str, &[u8])> {
        good.iter().copied().filter(|(n, _)| *n != name).collect()
    };
    let with = |name: &'static str, value: &'static [u8]| -> Vec<(&'static str, &'static [u8])> {
        let mut v: Vec<(&str, &[u8])> = good.iter().copied().filter(|(n, _)| *n != name).collect();
        v.push((name, value));
        v
    };
    let check = |status, h: Vec<(&str, &[u8])>| {
        handshake::check_response(Carrier::Http1, status, h, &offer)
    };
    assert_eq!(check(200, good.clone()), Err(HandshakeError::Status(200)));
    assert_eq!(
        check(101, without("Upgrade")),
        Err(HandshakeError::NoUpgrade)
    );
    assert_eq!(
        check(101, without("Connection")),
        Err(HandshakeError::NoConnectionUpgrade)
    );
    assert_eq!(
        check(101, without("Sec-WebSocket-Accept")),
        Err(HandshakeError::BadAccept)
    );
    assert_eq!(
        check(
            101,
            with("Sec-WebSocket-Accept", b"AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        ),
        Err(HandshakeError::BadAccept)
    );
    assert!(matches!(
        check(101, with("Sec-WebSocket-Protocol", b"other")),
        Err(HandshakeError::Subprotocol(_))
    ));
    assert!(matches!(
        check(
            101,
            with("Sec-WebSocket-Extensions", b"x-webkit-deflate-frame")
        ),
        Err(HandshakeError::Extension(_))
    ));
    assert!(matches!(
        check(
            101,
            with(
                "Sec-WebSocket-Extensions",
                b"permessage-deflate, permessage-deflate"
            )
        ),
        Err(HandshakeError::Extension(_))
    ));
    assert_eq!(
        check(101, without("Sec-WebSocket-Extensions"))
            .unwrap()
            .deflate,
        None
    );
    // No subprotocol offered: any chosen is refused.
    let bare = Offer {
        key,
        subprotocols: &[],
        deflate: None,
    };
    assert!(handshake::check_response(Carrier::Http1, 101, good.iter().copied(), &bare).is_err());
    // RFC 8441: a 200 with no upgrade fields.
    let h2 =
        handshake::check_response(Carrier::Http2, 200, Vec::<(&str, &[u8])>::new(), &bare).unwrap();
    assert_eq!(h2, handshake::Accepted::default());
    assert_eq!(
        handshake::check_response(Carrier::Http2, 404, Vec::<(&str, &[u8])>::new(), &bare),
        Err(HandshakeError::Status(404))
    );
}

/// An xorshift stream: bytes deflate cannot shrink (or, `text`, printable ASCII it shrinks a
/// little), so compressed frames come out larger than a window and larger than the input.
fn noise(len: usize, text: bool) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            if text { b' ' + (x % 95) as u8 } else { x as u8 }
        })
        .collect()
}

#[test]
fn deflate_large_incompressible_messages() {
    let binary = noise(16 << 20, false);
    let text = noise(16 << 20, true);
    for bits in [12u8, 15] {
        let params = DeflateParams {
            client_max_window_bits: bits,
            server_max_window_bits: bits,
            ..DeflateParams::default()
        };
        round_trip(params, &[&text, &binary, b"after"], None);
    }
    // The same from a compressor that is not ours (zlib's default level, as servers use),
    // one frame per message.
    let c = Config {
        max_frame_size: 64 << 20,
        ..Config::default()
    };
    let mut r = Receiver::new(&c, Some(&DeflateParams::default()));
    let mut z = flate2::Compress::new(flate2::Compression::default(), false);
    let mut wire = Vec::new();
    for m in [&binary[..], &text[..], b"x"] {
        let mut out = Vec::with_capacity(m.len() + 1024);
        let start = z.total_in();
        loop {
            out.reserve(m.len() / 2 + 1024);
            let done = (z.total_in() - start) as usize;
            z.compress_vec(&m[done..], &mut out, flate2::FlushCompress::Sync)
                .unwrap();
            if (z.total_in() - start) as usize == m.len() && out.len() < out.capacity() {
                break;
            }
        }
        assert!(out.ends_with(&[0, 0, 0xff, 0xff]));
        out.truncate(out.len() - 4);
        FrameHeader {
            fin: true,
            rsv: 0b100,
            opcode: OpCode::Binary,
            mask: None,
            len: out.len() as u64,
        }
        .encode(&mut wire);
        wire.extend_from_slice(&out);
    }
    let mut input = BytesMut::from(&wire[..]);
    for m in [&binary[..], &text[..], b"x"] {
        match r.next_event(&mut input) {
            Ok(Some(Event::Data {
                payload, fin: true, ..
            })) => assert!(payload == m, "{} B", m.len()),
            other => panic!("{} B: {other:?}", m.len()),
        }
    }
}

#[test]
fn a_header_and_payload_masked_in_pieces_equal_the_whole_frame() {
    let c = Config::default();
    let payload: Vec<u8> = (0..300_001u32).map(|i| (i * 7 + i / 251) as u8).collect();
    let mut whole = Vec::new();
    Sender::new(&c, None)
        .message(DataKind::Binary, &payload, &mut || MASK, &mut whole)
        .unwrap();
    let mut pieces = Vec::new();
    assert!(
        Sender::new(&c, None)
            .message_header(DataKind::Binary, payload.len(), MASK, &mut pieces)
            .unwrap()
    );
    // Pieces of odd sizes, so the key's rotation by offset is exercised.
    let mut offset = 0;
    for piece in payload.chunks(65_537) {
        mask_payload(piece, MASK, offset, &mut pieces);
        offset += piece.len();
    }
    assert_eq!(pieces, whole);
    // A sender that would split or compress the message says no, and appends nothing.
    let split = Config {
        fragment_size: Some(1000),
        ..Config::default()
    };
    let mut out = Vec::new();
    assert!(
        !Sender::new(&split, None)
            .message_header(DataKind::Binary, 1001, MASK, &mut out)
            .unwrap()
    );
    assert!(out.is_empty());
}
