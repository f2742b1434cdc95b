//! Property-style round trips through the public API with a deterministic pseudo-random
//! generator (no extra dependencies): whatever is encoded and however it is split on arrival,
//! the decoder must hand back exactly the original data and leave the following bytes alone.

use mummer_proto::request::{LAST_CHUNK, encode_chunk};
use mummer_proto::{
    BodyDecoder, BodyError, BodyKind, Limits, ParseStatus, body_kind, parse_response_head,
};

/// xorshift64*: tiny, deterministic, good enough to vary sizes and split points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Feeds `wire` in random pieces like a socket would and drains the decoder after each piece.
/// Returns the body and the bytes left over once the body ended.
fn feed_randomly(
    decoder: &mut BodyDecoder,
    wire: &[u8],
    rng: &mut Rng,
    max_piece: usize,
) -> Result<(Vec<u8>, Vec<u8>), BodyError> {
    let mut buf = Vec::new();
    let mut body = Vec::new();
    let mut fed = 0;
    loop {
        loop {
            let d = decoder.decode(&buf)?;
            assert!(d.data.end <= d.consumed);
            body.extend_from_slice(&buf[d.data.clone()]);
            buf.drain(..d.consumed);
            if d.done || d.consumed == 0 {
                break;
            }
        }
        if decoder.is_done() || fed == wire.len() {
            break;
        }
        let n = (1 + rng.below(max_piece)).min(wire.len() - fed);
        buf.extend_from_slice(&wire[fed..fed + n]);
        fed += n;
    }
    buf.extend_from_slice(&wire[fed..]);
    Ok((body, buf))
}

const NEXT: &[u8] = b"HTTP/1.1 204 No Content\r\n\r\n";

#[test]
fn chunked_round_trip() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..500 {
        let len = rng.below(if case % 10 == 0 { 70_000 } else { 2_000 });
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();

        let mut wire = Vec::new();
        let mut at = 0;
        while at < data.len() {
            let n = (1 + rng.below(600)).min(data.len() - at);
            if rng.below(4) == 0 {
                // Hand-written framing with extensions and uppercase hex.
                wire.extend_from_slice(format!("{n:X};i={at};q=\"a;\\\"b\"\r\n").as_bytes());
                wire.extend_from_slice(&data[at..at + n]);
                wire.extend_from_slice(b"\r\n");
            } else {
                encode_chunk(&data[at..at + n], &mut wire);
            }
            at += n;
        }
        let with_trailers = rng.below(3) == 0;
        if with_trailers {
            wire.extend_from_slice(b"0\r\nX-Case: ");
            wire.extend_from_slice(case.to_string().as_bytes());
            wire.extend_from_slice(b"\r\n\r\n");
        } else {
            wire.extend_from_slice(LAST_CHUNK);
        }
        wire.extend_from_slice(NEXT);

        let mut decoder = BodyDecoder::new(BodyKind::Chunked, Limits::default());
        let max_piece = [1, 3, 17, 512, 8192][case % 5];
        let (body, rest) =
            feed_randomly(&mut decoder, &wire, &mut rng, max_piece).expect("valid chunked body");
        assert_eq!(body, data, "case {case}");
        assert_eq!(rest, NEXT, "case {case}");
        assert_eq!(decoder.received(), len as u64);
        assert_eq!(decoder.trailers().len(), usize::from(with_trailers));

        // Cutting the same body short anywhere before its end must be reported at EOF.
        let body_end = wire.len() - NEXT.len();
        let cut = rng.below(body_end);
        let mut decoder = BodyDecoder::new(BodyKind::Chunked, Limits::default());
        let (partial, _) =
            feed_randomly(&mut decoder, &wire[..cut], &mut rng, max_piece).expect("valid prefix");
        assert_eq!(partial, data[..partial.len()]);
        assert_eq!(
            decoder.finish_on_eof(),
            Err(BodyError::MissingFinalChunk {
                received: partial.len() as u64
            }),
            "case {case} cut {cut}"
        );
    }
}

#[test]
fn content_length_round_trip() {
    let mut rng = Rng(42);
    for case in 0..300 {
        let len = rng.below(5_000);
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let mut wire = format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\n\r\n").into_bytes();
        wire.extend_from_slice(&data);
        wire.extend_from_slice(NEXT);

        let limits = Limits::default();
        let ParseStatus::Complete { head, consumed } =
            parse_response_head(&wire, &limits).expect("valid head")
        else {
            panic!("head is complete");
        };
        let kind = body_kind("GET", &head).expect("valid framing");
        let mut decoder = BodyDecoder::new(kind, limits);
        let (body, rest) = feed_randomly(&mut decoder, &wire[consumed..], &mut rng, 1 + case % 700)
            .expect("never fails");
        assert_eq!(body, data);
        assert_eq!(rest, NEXT);
        assert!(decoder.is_done());
    }
}

#[test]
fn head_round_trip_in_random_pieces() {
    let mut rng = Rng(7);
    let wire = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Mixed-Case: A b\r\n\r\nbody";
    let head_len = wire.len() - 4;
    for _ in 0..200 {
        let mut have = 0;
        loop {
            have = (have + 1 + rng.below(9)).min(wire.len());
            match parse_response_head(&wire[..have], &Limits::default()).expect("valid") {
                ParseStatus::Partial => assert!(have < head_len),
                ParseStatus::Complete { head, consumed } => {
                    assert!(have >= head_len);
                    assert_eq!(consumed, head_len);
                    assert_eq!(head.headers[1].0, "X-Mixed-Case");
                    break;
                }
            }
        }
    }
}
