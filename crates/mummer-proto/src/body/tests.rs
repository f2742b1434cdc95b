use super::*;
use crate::response::HttpVersion;

fn head(version: HttpVersion, status: u16, headers: &[(&str, &str)]) -> ResponseHead {
    ResponseHead {
        version,
        status,
        reason: String::new(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.as_bytes().to_vec()))
            .collect(),
    }
}

fn h11(status: u16, headers: &[(&str, &str)]) -> ResponseHead {
    head(HttpVersion::Http11, status, headers)
}

fn kind(method: &str, status: u16, headers: &[(&str, &str)]) -> Result<BodyKind, ProtoError> {
    body_kind(method, &h11(status, headers))
}

#[test]
fn body_kind_no_body_cases() {
    use BodyKind::*;
    let cl = [("Content-Length", "10")];
    let te = [("Transfer-Encoding", "chunked")];
    assert_eq!(kind("HEAD", 200, &cl), Ok(Empty));
    assert_eq!(kind("HEAD", 200, &te), Ok(Empty));
    assert_eq!(kind("HEAD", 200, &[]), Ok(Empty));
    assert_eq!(kind("GET", 204, &cl), Ok(Empty));
    assert_eq!(kind("GET", 304, &cl), Ok(Empty));
    assert_eq!(kind("GET", 304, &te), Ok(Empty));
    for s in [100, 101, 103, 199] {
        assert_eq!(kind("GET", s, &cl), Ok(Empty), "{s}");
    }
    assert_eq!(kind("CONNECT", 200, &[]), Ok(Empty));
    assert_eq!(kind("CONNECT", 299, &cl), Ok(Empty));
    // A refused CONNECT has an ordinary body.
    assert_eq!(kind("CONNECT", 407, &cl), Ok(ContentLength(10)));
    // Methods are case-sensitive: "head" is not HEAD.
    assert_eq!(kind("head", 200, &cl), Ok(ContentLength(10)));
    // Invalid framing headers do not matter when there is no body.
    assert_eq!(kind("HEAD", 200, &[("Content-Length", "x")]), Ok(Empty));
}

#[test]
fn body_kind_content_length() {
    use BodyKind::*;
    assert_eq!(
        kind("GET", 200, &[("Content-Length", "10")]),
        Ok(ContentLength(10))
    );
    assert_eq!(
        kind("GET", 200, &[("content-length", " 42 ")]),
        Ok(ContentLength(42))
    );
    assert_eq!(kind("GET", 200, &[("Content-Length", "0")]), Ok(Empty));
    assert_eq!(kind("GET", 200, &[("Content-Length", "000")]), Ok(Empty));
    assert_eq!(
        kind("GET", 200, &[("Content-Length", "18446744073709551615")]),
        Ok(ContentLength(u64::MAX))
    );
    assert_eq!(
        kind("POST", 201, &[("Content-Length", "5, 5")]),
        Ok(ContentLength(5))
    );
    assert_eq!(
        kind(
            "GET",
            200,
            &[("Content-Length", "5"), ("CONTENT-LENGTH", "5,5")]
        ),
        Ok(ContentLength(5))
    );
    for bad in [
        &[("Content-Length", "5"), ("Content-Length", "6")][..],
        &[("Content-Length", "5, 6")],
        &[("Content-Length", "abc")],
        &[("Content-Length", "-1")],
        &[("Content-Length", "+5")],
        &[("Content-Length", "0x10")],
        &[("Content-Length", "5 5")],
        &[("Content-Length", "")],
        &[("Content-Length", "5,")],
        &[("Content-Length", "18446744073709551616")],
        &[("Content-Length", "99999999999999999999999")],
    ] {
        assert_eq!(
            kind("GET", 200, bad),
            Err(ProtoError::InvalidContentLength),
            "{bad:?}"
        );
    }
}

#[test]
fn body_kind_transfer_encoding() {
    use BodyKind::*;
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "chunked")]),
        Ok(Chunked)
    );
    assert_eq!(
        kind("GET", 200, &[("transfer-encoding", "Chunked")]),
        Ok(Chunked)
    );
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "gzip, chunked")]),
        Ok(Chunked)
    );
    assert_eq!(
        kind(
            "GET",
            200,
            &[
                ("Transfer-Encoding", "gzip"),
                ("Transfer-Encoding", "chunked")
            ]
        ),
        Ok(Chunked)
    );
    // TE wins over CL, even over an invalid CL.
    assert_eq!(
        kind(
            "GET",
            200,
            &[("Content-Length", "10"), ("Transfer-Encoding", "chunked")]
        ),
        Ok(Chunked)
    );
    assert_eq!(
        kind(
            "GET",
            200,
            &[("Transfer-Encoding", "chunked"), ("Content-Length", "nope")]
        ),
        Ok(Chunked)
    );
    // Final coding not chunked: the body ends when the connection does (RFC 9112 6.3 item 4).
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "gzip")]),
        Ok(CloseDelimited)
    );
    assert_eq!(
        kind(
            "GET",
            200,
            &[("Transfer-Encoding", "gzip"), ("Content-Length", "3")]
        ),
        Ok(CloseDelimited)
    );
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "chunked, gzip")]),
        Ok(CloseDelimited)
    );
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "identity")]),
        Ok(CloseDelimited)
    );
    assert_eq!(
        kind("GET", 200, &[("Transfer-Encoding", "gzip;q=1 , chunked")]),
        Ok(Chunked)
    );
    for bad in [
        &[("Transfer-Encoding", "")][..],
        &[("Transfer-Encoding", " , ")],
        &[("Transfer-Encoding", "chunked, chunked")],
        &[
            ("Transfer-Encoding", "chunked"),
            ("Transfer-Encoding", "chunked"),
        ],
        &[("Transfer-Encoding", "chun ked")],
        &[("Transfer-Encoding", "\"chunked\"")],
        &[("Transfer-Encoding", ";chunked")],
    ] {
        assert_eq!(
            kind("GET", 200, bad),
            Err(ProtoError::UnsupportedTransferEncoding),
            "{bad:?}"
        );
    }
}

#[test]
fn body_kind_no_framing_is_close_delimited() {
    assert_eq!(kind("GET", 200, &[]), Ok(BodyKind::CloseDelimited));
    assert_eq!(
        body_kind("GET", &head(HttpVersion::Http10, 200, &[("Server", "x")])),
        Ok(BodyKind::CloseDelimited)
    );
}

#[test]
fn keep_alive_decisions() {
    use BodyKind::*;
    let v10 = HttpVersion::Http10;
    let cl = ContentLength(5);
    assert!(response_keeps_alive(&h11(200, &[]), cl));
    assert!(response_keeps_alive(&h11(204, &[]), Empty));
    assert!(response_keeps_alive(
        &h11(200, &[("Transfer-Encoding", "chunked")]),
        Chunked
    ));
    assert!(response_keeps_alive(
        &h11(200, &[("Connection", "keep-alive")]),
        cl
    ));
    assert!(!response_keeps_alive(&h11(200, &[]), CloseDelimited));
    assert!(!response_keeps_alive(
        &h11(200, &[("Connection", "close")]),
        cl
    ));
    assert!(!response_keeps_alive(
        &h11(200, &[("connection", "Upgrade, CLOSE")]),
        cl
    ));
    assert!(!response_keeps_alive(
        &h11(
            200,
            &[("Connection", "keep-alive"), ("Connection", "close")]
        ),
        cl
    ));
    assert!(response_keeps_alive(
        &h11(200, &[("Connection", "closed")]),
        cl
    ));
    assert!(!response_keeps_alive(
        &h11(
            200,
            &[("Transfer-Encoding", "chunked"), ("Content-Length", "5")]
        ),
        Chunked
    ));
    assert!(!response_keeps_alive(
        &h11(101, &[("Upgrade", "websocket")]),
        Empty
    ));
    assert!(!response_keeps_alive(&head(v10, 200, &[]), cl));
    assert!(response_keeps_alive(
        &head(v10, 200, &[("Connection", "Keep-Alive")]),
        cl
    ));
    assert!(!response_keeps_alive(
        &head(v10, 200, &[("Connection", "keep-alive")]),
        CloseDelimited
    ));
    assert!(!response_keeps_alive(
        &head(
            v10,
            200,
            &[
                ("Connection", "keep-alive"),
                ("Transfer-Encoding", "chunked")
            ]
        ),
        Chunked
    ));
    assert!(!response_keeps_alive(
        &head(v10, 200, &[("Connection", "keep-alive, close")]),
        cl
    ));
}

#[test]
fn request_close() {
    assert!(!request_wants_close([]));
    assert!(!request_wants_close([
        ("Host", &b"x"[..]),
        ("Connection", b"keep-alive")
    ]));
    assert!(request_wants_close([("connection", &b"close"[..])]));
    assert!(request_wants_close([("CONNECTION", &b"TE, Close"[..])]));
    assert!(!request_wants_close([("X-Connection", &b"close"[..])]));
    assert!(!request_wants_close([("Connection", &b"closer"[..])]));
}

// ---- decoding -------------------------------------------------------------------------------

/// Plays the caller: feeds `wire` in pieces of the given sizes (cycled), drains the decoder after
/// every feed, and returns the body plus whatever was left unconsumed once the body ended.
fn drive(
    decoder: &mut BodyDecoder,
    wire: &[u8],
    splits: &[usize],
) -> Result<(Vec<u8>, Vec<u8>), BodyError> {
    let mut buf = Vec::new();
    let mut body = Vec::new();
    let mut fed = 0;
    let mut split = splits.iter().cycle();
    loop {
        loop {
            let d = decoder.decode(&buf)?;
            assert!(
                d.data.start <= d.data.end && d.data.end <= d.consumed,
                "{d:?}"
            );
            assert!(d.consumed <= buf.len());
            assert_eq!(d.done, decoder.is_done());
            body.extend_from_slice(&buf[d.data.clone()]);
            buf.drain(..d.consumed);
            if d.done || d.consumed == 0 {
                break;
            }
        }
        if decoder.is_done() || fed == wire.len() {
            break;
        }
        let n = split
            .next()
            .copied()
            .unwrap_or(1)
            .clamp(1, wire.len() - fed);
        buf.extend_from_slice(&wire[fed..fed + n]);
        fed += n;
    }
    buf.extend_from_slice(&wire[fed..]);
    Ok((body, buf))
}

fn chunked() -> BodyDecoder {
    BodyDecoder::new(BodyKind::Chunked, Limits::default())
}

fn decode_chunked(wire: &[u8], splits: &[usize]) -> Result<(Vec<u8>, Vec<u8>), BodyError> {
    drive(&mut chunked(), wire, splits)
}

const NEXT: &[u8] = b"HTTP/1.1 200 OK\r\n";

fn sample_chunked() -> (Vec<u8>, Vec<u8>) {
    let data: Vec<u8> = (0..300u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut wire = Vec::new();
    crate::request::encode_chunk(&data[..1], &mut wire);
    crate::request::encode_chunk(&data[1..17], &mut wire);
    wire.extend_from_slice(b"A;ext=1;q=\"a;b\\\"c\"\r\n");
    wire.extend_from_slice(&data[17..27]);
    wire.extend_from_slice(b"\r\n");
    crate::request::encode_chunk(&data[27..], &mut wire);
    wire.extend_from_slice(b"0\r\nX-Trailer: yes\r\n\r\n");
    wire.extend_from_slice(NEXT);
    (data, wire)
}

#[test]
fn chunked_whole() {
    let (data, wire) = sample_chunked();
    let mut decoder = chunked();
    let (body, rest) = drive(&mut decoder, &wire, &[wire.len()]).expect("decodes");
    assert_eq!(body, data);
    assert_eq!(rest, NEXT);
    assert_eq!(decoder.received(), 300);
    assert_eq!(decoder.expected(), None);
    assert_eq!(
        decoder.trailers(),
        &[("X-Trailer".to_owned(), b"yes".to_vec())]
    );
    assert_eq!(decoder.finish_on_eof(), Ok(()));
}

#[test]
fn chunked_byte_by_byte() {
    let (data, wire) = sample_chunked();
    let (body, rest) = decode_chunked(&wire, &[1]).expect("decodes");
    assert_eq!(body, data);
    assert_eq!(rest, NEXT);
}

#[test]
fn chunked_every_two_way_split() {
    let (data, wire) = sample_chunked();
    for cut in 0..=wire.len() {
        let (body, rest) = decode_chunked(&wire, &[cut.max(1), wire.len()]).expect("decodes");
        assert_eq!(body, data, "cut {cut}");
        assert_eq!(rest, NEXT, "cut {cut}");
    }
}

#[test]
fn chunked_assorted_splits() {
    let (data, wire) = sample_chunked();
    for splits in [&[2][..], &[3], &[5, 1], &[7, 2, 1, 13], &[64], &[1, 100, 2]] {
        let (body, rest) = decode_chunked(&wire, splits).expect("decodes");
        assert_eq!(body, data, "{splits:?}");
        assert_eq!(rest, NEXT);
    }
}

#[test]
fn partial_size_line_consumes_nothing() {
    let mut decoder = chunked();
    for partial in [&b""[..], b"1", b"1a", b"1a;x=\"y", b"1a\r"] {
        let d = decoder.decode(partial).expect("partial is fine");
        assert_eq!(
            d,
            Decoded {
                consumed: 0,
                data: 0..0,
                done: false
            },
            "{partial:?}"
        );
    }
    let d = decoder.decode(b"3\r\nab").expect("data");
    assert_eq!(
        d,
        Decoded {
            consumed: 5,
            data: 3..5,
            done: false
        }
    );
    let d = decoder.decode(b"c\r").expect("data");
    assert_eq!(
        d,
        Decoded {
            consumed: 1,
            data: 0..1,
            done: false
        }
    );
    let d = decoder.decode(b"\r").expect("partial terminator");
    assert_eq!(
        d,
        Decoded {
            consumed: 0,
            data: 0..0,
            done: false
        }
    );
    let d = decoder.decode(b"\r\n0\r\n\r\nnext").expect("end");
    assert_eq!(
        d,
        Decoded {
            consumed: 7,
            data: 7..7,
            done: true
        }
    );
    assert_eq!(decoder.received(), 3);
    // Done stays done and never eats the next response.
    assert_eq!(
        decoder.decode(b"next").expect("done"),
        Decoded {
            consumed: 0,
            data: 0..0,
            done: true
        }
    );
}

#[test]
fn chunk_extensions_accepted_and_ignored() {
    let wire = b"5;name=value\r\nhello\r\n\
                 6 ; a = b ;flag;q=\"quoted ;\\\"str\\\\\" ;x=\"\"\r\n world\r\n\
                 1;\t t\t\r\n!\r\n\
                 0;last=\"\xc3\xa9\"\r\n\r\n";
    let (body, rest) = decode_chunked(wire, &[1]).expect("decodes");
    assert_eq!(body, b"hello world!");
    assert!(rest.is_empty());
}

#[test]
fn invalid_chunk_extensions() {
    for bad in [
        &b"5;\r\nhello\r\n0\r\n\r\n"[..],
        b"5;=v\r\nhello\r\n0\r\n\r\n",
        b"5;a=\r\nhello\r\n0\r\n\r\n",
        b"5;a=\"open\r\nhello\r\n0\r\n\r\n",
        b"5;a=b c\r\nhello\r\n0\r\n\r\n",
        b"5;a b\r\nhello\r\n0\r\n\r\n",
        b"5;a=\"x\"y\r\nhello\r\n0\r\n\r\n",
        b"5;a=\"x\x01\"\r\nhello\r\n0\r\n\r\n",
    ] {
        assert_eq!(
            decode_chunked(bad, &[bad.len()]),
            Err(BodyError::InvalidChunkExtension),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn invalid_chunk_sizes() {
    for bad in [
        &b"zz\r\n"[..],
        b"\r\n",
        b"-1\r\n",
        b" 5\r\n",
        b"0x5\r\n",
        b"5z\r\n",
        b"fffffffffffffffff1\r\n",
        b"10000000000000000\r\n",
        b"5\n",
        b"5\rhello",
        b"\n",
    ] {
        assert_eq!(
            decode_chunked(bad, &[1]),
            Err(BodyError::InvalidChunkSize),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn chunk_size_edge_values() {
    let mut decoder = chunked();
    let d = decoder
        .decode(b"ffffffffffffffff\r\nab")
        .expect("max size is valid");
    assert_eq!(
        d,
        Decoded {
            consumed: 20,
            data: 18..20,
            done: false
        }
    );
    assert_eq!(
        decoder.finish_on_eof(),
        Err(BodyError::MissingFinalChunk { received: 2 })
    );

    let (body, _) =
        decode_chunked(b"00000000000000000003\r\nabc\r\n00\r\n\r\n", &[1]).expect("leading zeros");
    assert_eq!(body, b"abc");
    let (body, _) = decode_chunked(b"A\r\n0123456789\r\n0\r\n\r\n", &[4]).expect("uppercase hex");
    assert_eq!(body, b"0123456789");
    let (body, _) = decode_chunked(b"3 \t\r\nabc\r\n0\r\n\r\n", &[4]).expect("trailing BWS");
    assert_eq!(body, b"abc");
}

#[test]
fn overlong_size_line_rejected() {
    let mut line = b"1".to_vec();
    line.resize(MAX_CHUNK_LINE + 1, b'0');
    assert_eq!(chunked().decode(&line), Err(BodyError::InvalidChunkSize));
    let mut line = b"1;a=".to_vec();
    line.resize(MAX_CHUNK_LINE + 1, b'b');
    assert_eq!(
        chunked().decode(&line),
        Err(BodyError::InvalidChunkExtension)
    );
    line.truncate(MAX_CHUNK_LINE);
    assert_eq!(
        chunked().decode(&line).map(|d| d.consumed),
        Ok(0),
        "at the limit it is still only partial"
    );
}

#[test]
fn missing_crlf_after_chunk_data() {
    for bad in [
        &b"5\r\nhelloX\r\n0\r\n\r\n"[..],
        b"5\r\nhello\n0\r\n\r\n",
        b"5\r\nhello\rX",
        b"5\r\nhello0\r\n\r\n",
    ] {
        // The data before the broken terminator is still delivered first.
        let mut decoder = chunked();
        let d = decoder.decode(bad).expect("data first");
        assert_eq!(&bad[d.data.clone()], b"hello");
        assert_eq!(
            decoder.decode(&bad[d.consumed..]),
            Err(BodyError::InvalidChunkTerminator),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
        assert_eq!(
            decode_chunked(bad, &[1]),
            Err(BodyError::InvalidChunkTerminator)
        );
    }
}

/// Feeds everything, then reports EOF.
fn eof_after(wire: &[u8]) -> (BodyDecoder, Result<(), BodyError>) {
    let mut decoder = chunked();
    let (_, rest) = drive(&mut decoder, wire, &[1]).expect("valid so far");
    assert!(rest.len() <= 2, "only a partial line may remain: {rest:?}");
    let r = decoder.finish_on_eof();
    (decoder, r)
}

#[test]
fn eof_inside_chunked_body() {
    for (wire, received) in [
        (&b""[..], 0),
        (b"a", 0),
        (b"a\r\n", 0),
        (b"a\r\nhello", 5),
        (b"a\r\nhello12345", 10),
        (b"a\r\nhello12345\r", 10),
        (b"a\r\nhello12345\r\n", 10),
        (b"a\r\nhello12345\r\n0", 10),
        (b"a\r\nhello12345\r\n0\r\n", 10),
        (b"a\r\nhello12345\r\n0\r\n\r", 10),
        (b"a\r\nhello12345\r\n0\r\nX-T: 1\r\n", 10),
        (b"a\r\nhello12345\r\n0\r\nX-T: 1\r\n\r", 10),
    ] {
        let (decoder, r) = eof_after(wire);
        assert_eq!(
            r,
            Err(BodyError::MissingFinalChunk { received }),
            "{:?}",
            String::from_utf8_lossy(wire)
        );
        assert!(!decoder.is_done());
    }
    let (decoder, r) = eof_after(b"a\r\nhello12345\r\n0\r\n\r\n");
    assert_eq!(r, Ok(()));
    assert!(decoder.is_done());
}

#[test]
fn trailers_kept_in_order_with_original_case() {
    let wire = b"3\r\nabc\r\n0\r\nExpires: never\r\nx-checksum:\tdeadbeef \r\nX-Empty:\r\n\r\nrest";
    let mut decoder = chunked();
    let (body, rest) = drive(&mut decoder, wire, &[1]).expect("decodes");
    assert_eq!(body, b"abc");
    assert_eq!(rest, b"rest");
    assert_eq!(
        decoder.trailers(),
        &[
            ("Expires".to_owned(), b"never".to_vec()),
            ("x-checksum".to_owned(), b"deadbeef".to_vec()),
            ("X-Empty".to_owned(), Vec::new()),
        ]
    );
}

#[test]
fn invalid_trailers() {
    for bad in [
        &b"0\r\nNoColon\r\n\r\n"[..],
        b"0\r\nBad Name: v\r\n\r\n",
        b"0\r\nName : v\r\n\r\n",
        b"0\r\n: v\r\n\r\n",
        b"0\r\nA: b\r\n folded\r\n\r\n",
        b"0\r\nA: b\rc\r\n\r\n",
        b"0\r\nA: b\x00\r\n\r\n",
        b"0\r\nA: b\n\r\n",
        b"0\r\n\n",
    ] {
        assert_eq!(
            decode_chunked(bad, &[1]),
            Err(BodyError::InvalidTrailer),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn trailers_too_large() {
    let limits = Limits {
        max_trailer_bytes: 20,
        ..Limits::default()
    };
    // "A: 0123456789abcd\r\n" (19) + "\r\n" (2) = 21 bytes > 20.
    let wire = b"0\r\nA: 0123456789abcd\r\n\r\n";
    let err = Err(BodyError::TrailersTooLarge { limit: 20 });
    assert_eq!(
        drive(&mut BodyDecoder::new(BodyKind::Chunked, limits), wire, &[1]),
        err
    );
    assert_eq!(
        drive(
            &mut BodyDecoder::new(BodyKind::Chunked, limits),
            wire,
            &[100]
        ),
        err
    );
    // Exactly at the limit is fine: 18 + 2 = 20.
    let wire = b"0\r\nA: 0123456789abc\r\n\r\n";
    let mut decoder = BodyDecoder::new(BodyKind::Chunked, limits);
    drive(&mut decoder, wire, &[1]).expect("at limit");
    assert!(decoder.is_done());
    // An endless trailer line without LF is cut off too.
    let mut decoder = BodyDecoder::new(BodyKind::Chunked, limits);
    assert_eq!(
        decoder
            .decode(b"0\r\nA: 0123456789abcdefg")
            .map(|d| d.consumed),
        Ok(3)
    );
    assert_eq!(
        decoder.decode(b"A: 0123456789abcdefgh"),
        Err(BodyError::TrailersTooLarge { limit: 20 })
    );
}

// ---- Content-Length, close-delimited, empty ---------------------------------------------------

#[test]
fn content_length_leaves_excess_unconsumed() {
    let mut decoder = BodyDecoder::new(BodyKind::ContentLength(5), Limits::default());
    assert_eq!(decoder.expected(), Some(5));
    let d = decoder.decode(b"helloHTTP/1.1").expect("ok");
    assert_eq!(
        d,
        Decoded {
            consumed: 5,
            data: 0..5,
            done: true
        }
    );
    assert_eq!(decoder.received(), 5);
    assert_eq!(
        decoder.decode(b"HTTP/1.1").expect("ok"),
        Decoded {
            consumed: 0,
            data: 0..0,
            done: true
        }
    );
    assert_eq!(decoder.finish_on_eof(), Ok(()));
}

#[test]
fn content_length_in_pieces() {
    let data: Vec<u8> = (0..=255).collect();
    let mut wire = data.clone();
    wire.extend_from_slice(NEXT);
    for splits in [&[1][..], &[3, 7], &[255], &[256], &[1000]] {
        let mut decoder = BodyDecoder::new(BodyKind::ContentLength(256), Limits::default());
        let (body, rest) = drive(&mut decoder, &wire, splits).expect("ok");
        assert_eq!(body, data);
        assert_eq!(rest, NEXT);
        assert!(decoder.is_done());
    }
}

#[test]
fn content_length_eof_short_is_truncated() {
    let mut decoder = BodyDecoder::new(BodyKind::ContentLength(10), Limits::default());
    assert_eq!(decoder.decode(b"abc").map(|d| d.data), Ok(0..3));
    assert_eq!(decoder.decode(b"").map(|d| d.consumed), Ok(0));
    assert_eq!(
        decoder.finish_on_eof(),
        Err(BodyError::Truncated {
            expected: 10,
            received: 3
        })
    );
    let mut decoder = BodyDecoder::new(BodyKind::ContentLength(7), Limits::default());
    assert_eq!(
        decoder.finish_on_eof(),
        Err(BodyError::Truncated {
            expected: 7,
            received: 0
        })
    );
}

#[test]
fn content_length_beyond_usize_range_is_fine() {
    let mut decoder = BodyDecoder::new(BodyKind::ContentLength(u64::MAX), Limits::default());
    assert_eq!(decoder.decode(b"xyz").map(|d| d.data), Ok(0..3));
    assert_eq!(
        decoder.finish_on_eof(),
        Err(BodyError::Truncated {
            expected: u64::MAX,
            received: 3
        })
    );
}

#[test]
fn close_delimited_takes_everything() {
    let mut decoder = BodyDecoder::new(BodyKind::CloseDelimited, Limits::default());
    assert_eq!(decoder.expected(), None);
    assert_eq!(
        decoder.decode(b"all of it").expect("ok"),
        Decoded {
            consumed: 9,
            data: 0..9,
            done: false
        }
    );
    assert_eq!(
        decoder.decode(b"").expect("ok"),
        Decoded {
            consumed: 0,
            data: 0..0,
            done: false
        }
    );
    assert_eq!(decoder.decode(b"\r\n0\r\n\r\n").map(|d| d.data), Ok(0..7));
    assert_eq!(decoder.received(), 16);
    assert!(!decoder.is_done());
    assert_eq!(decoder.finish_on_eof(), Ok(()));
    assert!(decoder.is_done());
}

#[test]
fn empty_is_done_immediately() {
    for k in [BodyKind::Empty, BodyKind::ContentLength(0)] {
        let mut decoder = BodyDecoder::new(k, Limits::default());
        assert!(decoder.is_done());
        assert_eq!(decoder.expected(), Some(0));
        assert_eq!(
            decoder.decode(b"HTTP/1.1 200 OK").expect("ok"),
            Decoded {
                consumed: 0,
                data: 0..0,
                done: true
            }
        );
        assert_eq!(decoder.finish_on_eof(), Ok(()));
        assert_eq!(decoder.received(), 0);
    }
}

#[test]
fn decimal_parsing() {
    assert_eq!(parse_decimal(b"0"), Some(0));
    assert_eq!(parse_decimal(b"18446744073709551615"), Some(u64::MAX));
    assert_eq!(parse_decimal(b"18446744073709551616"), None);
    assert_eq!(parse_decimal(b""), None);
    assert_eq!(parse_decimal(b"+1"), None);
}
