//! Writes the seed corpora in `fuzz/seeds/TARGET/`, from the project's own test data and the
//! RFC examples its tests use, so each fuzzer starts from inputs that reach deep into its
//! parser. Run from the repository root after changing a harness's input layout:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds`.

use std::path::Path;

use compression_codecs::Encode;
use compression_codecs::core::util::PartialBuffer;

fn encode(mut encoder: impl Encode, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; data.len() + 4096];
    let mut input = PartialBuffer::new(data);
    let mut output = PartialBuffer::new(&mut out[..]);
    encoder.encode(&mut input, &mut output).expect("encode");
    while !encoder.finish(&mut output).expect("finish") {}
    let n = output.written_len();
    out.truncate(n);
    out
}

fn level() -> compression_codecs::core::Level {
    compression_codecs::core::Level::Default
}

fn gzip(data: &[u8]) -> Vec<u8> {
    encode(compression_codecs::GzipEncoder::new(level().into()), data)
}

fn zlib(data: &[u8]) -> Vec<u8> {
    encode(compression_codecs::ZlibEncoder::new(level().into()), data)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    encode(
        compression_codecs::DeflateEncoder::new(level().into()),
        data,
    )
}

fn br(data: &[u8]) -> Vec<u8> {
    encode(
        compression_codecs::BrotliEncoder::new(Default::default()),
        data,
    )
}

fn zstd(data: &[u8]) -> Vec<u8> {
    encode(compression_codecs::ZstdEncoder::new(3), data)
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("fuzz/seeds").join(target);
    std::fs::create_dir_all(&dir).expect("seed directory");
    std::fs::write(dir.join(name), bytes).expect("write seed");
}

fn with(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
    [prefix, rest].concat()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut out = vec![(len >> 16) as u8, (len >> 8) as u8, len as u8, kind, flags];
    out.extend_from_slice(&stream.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

fn main() {
    assert!(
        Path::new("fuzz/Cargo.toml").exists(),
        "run from the repository root"
    );
    let text: Vec<u8> = (0..20_000u32).map(|i| b"mummer "[i as usize % 7]).collect();

    // response_head: a flag byte (bit 0: small limits), then a head as the fault tests send.
    let heads: [&[u8]; 7] = [
        b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n",
        b"HTTP/1.0 404 Not Found\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
        b"HTTP/1.1 301 Moved\nLocation: /next\nSet-Cookie: a=1\n\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\nTransfer-Encoding: gzip, chunked\r\n\r\nhello",
        b"HTTP/1.1 204 No Content\r\nX-Folded: a\r\n b\r\n\r\n",
    ];
    for (i, head) in heads.iter().enumerate() {
        write("response_head", &format!("head-{i}"), &with(&[0], head));
        write("response_head", &format!("small-{i}"), &with(&[1], head));
    }

    // body_framing: a selector (kind), four read sizes, the body.
    let bodies: [(u8, &[u8]); 6] = [
        (0, b"5\r\nhello\r\n0\r\n\r\n"),
        (0, b"10\r\n0123456789abcdef\r\nzz\r\n"),
        (
            0,
            b"5;name=value;q=\"a \\\"b\"\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\nHTTP/1.1",
        ),
        (1, b"3e8\r\nabc"),
        (2, b"0123456789012345678901234567890123456789extra"),
        (3, b"close-delimited body"),
    ];
    for (i, (selector, body)) in bodies.iter().enumerate() {
        write(
            "body_framing",
            &format!("body-{i}"),
            &with(&[*selector, 3, 0, 7, 200], body),
        );
    }

    // content_decoders: a selector (coding stack, see the harness), two piece sizes, the body.
    let small = &text[..4096];
    let cases: [(u8, Vec<u8>); 10] = [
        (0, gzip(small)),
        (0, [gzip(b"first member "), gzip(b"second member")].concat()),
        (1, zlib(small)),
        (1, deflate(small)),
        (2, br(small)),
        (3, zstd(small)),
        (4, gzip(&br(small))),
        (5, deflate(&zstd(small))),
        (7, zstd(&deflate(&gzip(small)))),
        (0, gzip(&[0u8; 1 << 20])),
    ];
    for (i, (selector, encoded)) in cases.iter().enumerate() {
        write(
            "content_decoders",
            &format!("coded-{i}"),
            &with(&[*selector, 255, 31], encoded),
        );
    }
    let cut = gzip(&text);
    write(
        "content_decoders",
        "cut-gzip",
        &with(&[0, 64, 64], &cut[..cut.len() / 2]),
    );

    // client_hello: the captured ClientHellos of Chromium 156 and Firefox ESR 153.
    for name in ["chromium-156", "firefox-esr-153"] {
        let path = format!("crates/mummer-inspect/tests/data/{name}-captures.jsonl");
        let lines = std::fs::read_to_string(&path).expect("capture file");
        let first = lines.lines().next().expect("a capture");
        let start = first
            .find("\"client_hello_hex\": \"")
            .expect("a ClientHello")
            + 21;
        let end = start + first[start..].find('"').expect("end of hex");
        write("client_hello", name, &hex(&first[start..end]));
    }

    // hpack: selector 0 + header blocks (RFC 7541 C.3 and C.4, split by 0xff), 1 + Huffman
    // input, 2 + HTTP/2 frames.
    let c3 = [
        hex("828684410f7777772e6578616d706c652e636f6d"),
        hex("828684be58086e6f2d6361636865"),
        hex("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"),
    ];
    let c4 = [
        hex("828684418cf1e3c2e5f23a6ba0ab90f4ff"),
        hex("828684be5886a8eb10649cbf"),
        hex("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"),
    ];
    for (name, blocks) in [("rfc7541-c3", &c3), ("rfc7541-c4", &c4)] {
        write("hpack", name, &with(&[8], &blocks.join(&0xff)));
    }
    write(
        "hpack",
        "huffman",
        &with(&[1], b"custom-key: custom-value; www.example.com"),
    );
    let frames = [
        frame(
            0x4,
            0,
            0,
            &[0, 1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0, 0x60, 0, 0],
        ),
        frame(0x8, 0, 0, &15_663_105u32.to_be_bytes()),
        frame(0x1, 0x25, 1, &[&[0x80, 0, 0, 0, 0xff][..], &c4[0]].concat()),
    ]
    .concat();
    write("hpack", "frames", &with(&[2], &frames));

    // profile_toml: selector 0 + a shipped profile, 1 + overrides, 2 + JA3, 3 + Akamai.
    for name in ["chrome_145", "firefox_155"] {
        let path = format!("crates/mummer-profile/profiles/{name}.toml");
        let toml = std::fs::read(&path).expect("profile");
        write("profile_toml", name, &with(&[0], &toml));
    }
    write(
        "profile_toml",
        "overrides",
        b"\x01[tls]\nrecord_size_limit = 16385\n[http2]\nwindow_update = 0\n",
    );
    write(
        "profile_toml",
        "ja3",
        b"\x02771,4865-4866-4867-49195-49199,0-23-65281-10-11-35-16-5-13-18-51-45-43-27-17513,29-23-24,0",
    );
    write(
        "profile_toml",
        "akamai",
        b"\x031:65536;2:0;4:6291456;6:262144|15663105|0|m,a,s,p",
    );

    // cookies: base URL, Location, Set-Cookie values.
    write(
        "cookies",
        "redirect",
        b"https://www.example.com/a/b?c=d\n//sub.example.com/next/page#frag\n\
          sid=1; Path=/; Secure; HttpOnly; SameSite=Lax\n\
          pref=dark; Domain=example.com; Max-Age=3600\n\
          __Host-id=2; Path=/; Secure\n\
          gone=; Expires=Thu, 01 Jan 1970 00:00:00 GMT\n\
          tracker=x; Domain=com\n",
    );
    write(
        "cookies",
        "relative",
        b"http://127.0.0.1:8080/\n../../x?y\na=b\n",
    );
    // Found by the fuzzer: a default path with a `;` written to cookies.txt did not load again.
    write(
        "cookies",
        "default-path-semicolon",
        b"xt/page#frag\nsid=1; Path=/; Secure; HttpOnly; SameSite=Lax\npref=dark; Domain; Domaiure; HttpOnly; SameSite=Lax\npref=dark; Domain; Domain=com\n",
    );
    // Found by the fuzzer (a harness bug: two cookies stored, the second replacing the first).
    write(
        "cookies",
        "replaced-by-name",
        b"http://127.0.0.1:8080/\n../../x?/127.0.0.1:8080/\n../../x?y\na=by\na=b\n",
    );
    write(
        "cookie_file",
        "curl",
        b"# Netscape HTTP Cookie File\n\
          .example.com\tTRUE\t/\tFALSE\t0\tpref\tdark\n\
          #HttpOnly_www.example.com\tFALSE\t/a\tTRUE\t4102444800\tsid\t1\n",
    );

    // digest: a challenge line, then an Authentication-Info line.
    write(
        "digest",
        "rfc7616-3.9.1",
        b"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, \
          nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", \
          opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"\n\
          nextnonce=\"abc\", qop=auth, rspauth=\"00\", cnonce=\"0a4f113b\", nc=00000001",
    );
    write(
        "digest",
        "rfc7616-3.9.2",
        b"Basic realm=\"x\", Digest realm=\"api@example.org\", qop=\"auth\", \
          algorithm=SHA-512-256-sess, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", \
          charset=UTF-8, userhash=true, stale=TRUE",
    );
    write(
        "netrc",
        "curl",
        b"machine example.com login user password \"p a\\\"ss\"\n\
          default login anon password x\nmacdef init\ncd /\n\nmachine b.test\n",
    );

    // ws_receiver: a flag byte (bit 0: permessage-deflate, 1: server_no_context_takeover,
    // 2-4: server window bits - 8, 5: no UTF-8 check, 6: small limits), four read sizes, then
    // frames as a server sends them (unmasked).
    let plain: &[u8] = &[
        0x81, 0x05, b'h', b'e', b'l', b'l', b'o', // text "hello"
        0x02, 0x03, b'a', b'b', b'c', // binary, not final
        0x89, 0x01, b'p', // a ping in between
        0x80, 0x02, b'd', b'e', // the binary message's continuation, final
        0x8a, 0x00, // pong
        0x82, 0x7e, 0x00, 0x80, // binary, 128 bytes (16-bit length)
    ];
    let mut frames = plain.to_vec();
    frames.extend(std::iter::repeat_n(0x5a, 128));
    frames.extend_from_slice(&[0x88, 0x05, 0x03, 0xe8, b'b', b'y', b'e']); // close 1000 "bye"
    write("ws_receiver", "frames", &with(&[0, 3, 1, 7, 200], &frames));
    write(
        "ws_receiver",
        "frames-small",
        &with(&[0x40, 0, 0, 0, 0], &frames),
    );
    // RFC 7692 section 7.2.3.1: "Hello" compressed, then the same with the context kept
    // (section 7.2.3.2), then a fragmented compressed message.
    let compressed: &[u8] = &[
        0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, // "Hello"
        0xc1, 0x05, 0xf2, 0x00, 0x11, 0x00, 0x00, // "Hello" again, context taken over
        0x41, 0x03, 0xf2, 0x48, 0xcd, // first fragment
        0x80, 0x04, 0xc9, 0xc9, 0x07, 0x00, // continuation, final
        0x88, 0x02, 0x03, 0xe9, // close 1001
    ];
    write(
        "ws_receiver",
        "deflate",
        &with(&[0x1d, 2, 5, 0, 9], compressed),
    );
    write(
        "ws_receiver",
        "deflate-reset",
        &with(&[0x1f, 0, 0, 0, 0], &compressed[..9]),
    );
    write(
        "ws_receiver",
        "extensions-answer",
        &with(
            &[0, 0, 0, 0, 0],
            b"server_no_context_takeover; client_max_window_bits=10",
        ),
    );
    println!("fuzz/seeds written");
}
