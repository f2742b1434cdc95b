//! The harnesses behind mummer's fuzz targets: each `fuzz_targets/NAME.rs` calls the function
//! of the same name here with libFuzzer's input. Every parser a peer or a user's file can reach
//! is fed arbitrary bytes: it must return a value or a typed error, never panic, never loop,
//! and never hold more memory than its limits allow. Where an answer can be checked against
//! another way of getting it (the same bytes split differently, a value written out and read
//! back), the harness checks it, so the fuzzer finds wrong answers as well as crashes.
//!
//! Out of scope: anything with sockets or TLS (the fault tests in `crates/mummer/tests` drive
//! those). Run the targets with `scripts/fuzz.sh`.

#![forbid(unsafe_code)]

use bytes::Bytes;
use url::Url;

/// The client's own content decoder (`crates/mummer/src/decode.rs`), compiled here as it is:
/// the client crate itself would bring BoringSSL into every fuzz build, and this module needs
/// nothing of it but the error constructor below.
#[path = "../../crates/mummer/src/decode.rs"]
#[allow(dead_code, unreachable_pub)]
mod decode;

/// What `decode.rs` needs of the client's error type.
mod error {
    /// A content-decoding failure, with its message.
    #[derive(Debug)]
    pub(crate) struct Error(#[allow(dead_code)] pub(crate) String);

    impl Error {
        pub(crate) fn decode(message: impl Into<String>) -> Error {
            Error(message.into())
        }
    }
}

/// Splits `data` into pieces whose sizes come from `sizes` (cycled, each 1..=256), the way
/// reads from a socket split a stream.
fn pieces<'a>(data: &'a [u8], sizes: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = data;
    let mut i = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let size = sizes
            .get(i % sizes.len().max(1))
            .map_or(rest.len(), |&s| usize::from(s) + 1);
        i += 1;
        let (piece, tail) = rest.split_at(size.min(rest.len()));
        rest = tail;
        Some(piece)
    })
}

/// The HTTP/1.1 response head parser (`mummer_proto::parse_response_head`) and the framing
/// decisions made from a head. A complete head parses the same from exactly its own bytes,
/// and every shorter prefix of it is `Partial` (a head split across reads never fails).
pub fn response_head(data: &[u8]) {
    let (small, data) = match data.split_first() {
        Some((&flag, rest)) => (flag & 1 == 1, rest),
        None => return,
    };
    let limits = if small {
        mummer_proto::Limits {
            max_head_bytes: 512,
            max_headers: 8,
            max_trailer_bytes: 64,
        }
    } else {
        mummer_proto::Limits::default()
    };
    let Ok(mummer_proto::ParseStatus::Complete { head, consumed }) =
        mummer_proto::parse_response_head(data, &limits)
    else {
        return;
    };
    assert!(consumed <= data.len() && consumed <= limits.max_head_bytes);
    assert!((100..=599).contains(&head.status));
    assert!(head.headers.len() <= limits.max_headers);
    match mummer_proto::parse_response_head(&data[..consumed], &limits) {
        Ok(mummer_proto::ParseStatus::Complete {
            head: again,
            consumed: n,
        }) => {
            assert_eq!(n, consumed);
            assert_eq!(again.headers, head.headers);
        }
        other => panic!("a complete head's own bytes gave {other:?}"),
    }
    for cut in [1, consumed / 2, consumed.saturating_sub(1)] {
        if cut == 0 || cut >= consumed {
            continue;
        }
        let prefix = mummer_proto::parse_response_head(&data[..cut], &limits);
        assert!(
            matches!(prefix, Ok(mummer_proto::ParseStatus::Partial)),
            "{cut} of {consumed} head bytes gave {prefix:?}"
        );
    }
    for method in ["GET", "HEAD", "CONNECT"] {
        if let Ok(kind) = mummer_proto::body_kind(method, &head) {
            let _ = mummer_proto::response_keeps_alive(&head, kind);
        }
    }
}

/// What decoding a body produced: the data, whether it completed, whether it failed.
#[derive(Debug, PartialEq)]
struct Framed {
    data: Vec<u8>,
    done: bool,
    failed: bool,
}

/// Decodes `input` as a body of `kind`, handing it over in `sizes`-shaped pieces as the client's
/// read loop does, and checks each result's ranges.
fn frame(kind: mummer_proto::BodyKind, input: &[u8], sizes: &[u8]) -> Framed {
    let limits = mummer_proto::Limits {
        max_trailer_bytes: 256,
        ..mummer_proto::Limits::default()
    };
    let mut decoder = mummer_proto::BodyDecoder::new(kind, limits);
    let mut buffer = Vec::new();
    let mut data = Vec::new();
    let mut failed = false;
    'feed: for piece in pieces(input, sizes) {
        buffer.extend_from_slice(piece);
        while !decoder.is_done() {
            match decoder.decode(&buffer) {
                Ok(d) => {
                    assert!(d.consumed <= buffer.len(), "{d:?}");
                    assert!(
                        d.data.start <= d.data.end && d.data.end <= d.consumed,
                        "{d:?}"
                    );
                    data.extend_from_slice(&buffer[d.data.clone()]);
                    buffer.drain(..d.consumed);
                    assert_eq!(d.done, decoder.is_done());
                    if d.consumed == 0 {
                        break;
                    }
                }
                Err(_) => {
                    failed = true;
                    break 'feed;
                }
            }
        }
    }
    assert_eq!(decoder.received(), data.len() as u64);
    if !failed && !decoder.is_done() {
        // The connection closes here: only a close-delimited body ends complete.
        let end = decoder.finish_on_eof();
        assert_eq!(
            end.is_ok(),
            kind == mummer_proto::BodyKind::CloseDelimited,
            "{end:?}"
        );
        failed = end.is_err();
    }
    Framed {
        data,
        done: decoder.is_done(),
        failed,
    }
}

/// The HTTP/1.1 body framing decoder (`mummer_proto::BodyDecoder`): chunked, Content-Length
/// and close-delimited bodies. However the bytes are split into reads, the same data comes out
/// and the body ends the same way.
pub fn body_framing(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (sizes, body) = rest.split_at(rest.len().min(4));
    let kind = match selector % 4 {
        0 | 1 => mummer_proto::BodyKind::Chunked,
        2 => mummer_proto::BodyKind::ContentLength(u64::from(selector) * 37 + 1),
        _ => mummer_proto::BodyKind::CloseDelimited,
    };
    let split = frame(kind, body, sizes);
    let whole = frame(kind, body, &[]);
    assert_eq!(
        split, whole,
        "the same body split into reads decoded differently"
    );
}

/// The content decoders (gzip, deflate in both its forms, br, zstd, and stacks of them) fed
/// arbitrary bytes in arbitrary pieces: every pull gives at most one bounded piece, input is
/// asked for only while it lasts, and the stream ends in `Done` or an error, never a loop.
pub fn content_decoders(data: &[u8]) {
    const CODINGS: [&str; 8] = [
        "gzip",
        "deflate",
        "br",
        "zstd",
        "gzip, br",
        "deflate, zstd",
        "br, gzip",
        "zstd, deflate, gzip",
    ];
    /// Output past this is a bomb doing what bombs do; the bound per pull is what matters.
    const ENOUGH: usize = 16 * 1024 * 1024;
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (sizes, encoded) = rest.split_at(rest.len().min(2));
    let coding = CODINGS[usize::from(selector) % CODINGS.len()];
    let mut decoder = decode::Decoder::for_content_encoding(coding).expect("a supported coding");
    let mut input = pieces(encoded, sizes);
    let mut ended = false;
    let mut out = 0usize;
    loop {
        match decoder.pull() {
            Ok(decode::Pull::Data(piece)) => {
                assert!(!piece.is_empty() && piece.len() <= decode::OUT_CHUNK);
                out += piece.len();
                if out > ENOUGH {
                    return;
                }
            }
            Ok(decode::Pull::NeedInput) => {
                assert!(!ended, "input asked for after its end");
                match input.next() {
                    Some(raw) => decoder.push(Bytes::copy_from_slice(raw)),
                    None => {
                        decoder.end_of_input();
                        ended = true;
                    }
                }
            }
            Ok(decode::Pull::Done) => {
                // Done is final.
                assert!(matches!(decoder.pull(), Ok(decode::Pull::Done)));
                return;
            }
            Err(_) => return,
        }
    }
}

/// The ClientHello parser and the JA3/JA3N/JA4 computed from what it returns
/// (`mummer-inspect`).
pub fn client_hello(data: &[u8]) {
    let Ok(hello) = mummer_inspect::ClientHello::parse(data) else {
        return;
    };
    let _ = mummer_inspect::TlsFingerprint::compute(&hello, mummer_inspect::Transport::Tcp);
    let _ = mummer_inspect::TlsFingerprint::compute(&hello, mummer_inspect::Transport::Quic);
    let _ = hello.alpn_strings();
    let _ = mummer_inspect::summary_json(Some(&hello), None, None);
}

/// The HPACK decoder, Huffman coding and HTTP/2 frame parser of `mummer-inspect`: header
/// blocks decoded one after another against one dynamic table, Huffman round trips, and whole
/// frame sequences with the Akamai string made from them.
pub fn hpack(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 3 {
        0 => {
            let table = [0, 64, 4096, 65536][usize::from(selector >> 2) % 4];
            let mut decoder = mummer_inspect::hpack::Decoder::new(table);
            for block in rest.split(|&b| b == 0xff) {
                if decoder.decode(block).is_err() {
                    break;
                }
                assert!(decoder.table_size() <= table, "table grew past its limit");
            }
        }
        1 => {
            let encoded = mummer_inspect::hpack::huffman_encode(rest);
            assert_eq!(
                mummer_inspect::hpack::huffman_decode(&encoded).as_deref(),
                Ok(rest),
                "Huffman round trip"
            );
            let _ = mummer_inspect::hpack::huffman_decode(rest);
        }
        _ => {
            if let Ok(connection) = mummer_inspect::H2Connection::parse_frames(rest, 4096) {
                let _ = connection.akamai();
                let _ = mummer_inspect::summary_json(None, Some(&connection), None);
            }
            let _ = mummer_inspect::H1Request::parse(rest);
        }
    }
}

/// Profile TOML (`mummer-profile`): whole profiles, per-field overrides, and JA3 and Akamai
/// strings laid over a shipped profile. A profile that loads is valid, and writing it out and
/// reading it back changes nothing that reaches the wire.
pub fn profile_toml(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let profile = match selector % 4 {
        0 => mummer_profile::Profile::from_toml("fuzz.toml", &text),
        other => {
            let Ok(base) = mummer_profile::get("chrome") else {
                panic!("the shipped chrome profile must load");
            };
            match other {
                1 => base.with_overrides(&text),
                2 => base.with_ja3(&text),
                _ => base.with_akamai(&text),
            }
        }
    };
    let Ok(profile) = profile else {
        return;
    };
    assert!(profile.validate().is_ok(), "a loaded profile must be valid");
    let written = profile.to_toml();
    let again = mummer_profile::Profile::from_toml("again.toml", &written)
        .unwrap_or_else(|e| panic!("a written profile must load again: {e}\n{written}"));
    let differences = mummer_profile::wire_differences(&profile, &again);
    assert!(differences.is_empty(), "{differences:?}");
}

/// The RFC 6265 cookie jar with the public suffix list, against a redirect's Location: a base
/// URL, a Location resolved against it as the client resolves one, and `Set-Cookie` values
/// stored for the result; then the `Cookie` header for it and a `cookies.txt` round trip.
/// Lines of the input: base URL, Location, then one `Set-Cookie` value per line.
pub fn cookies(data: &[u8]) {
    let mut lines = data.split(|&b| b == b'\n');
    let base = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let location = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let base = Url::parse(base.trim())
        .unwrap_or_else(|_| Url::parse("https://www.example.com/a/b?c").expect("a fixed URL"));
    // As `policy::redirect::target` does: join, then only http(s) with a host is followed.
    let Ok(url) = base.join(location.trim()) else {
        return;
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return;
    }
    // A host with an empty label (`.60.1om`) resolves nowhere, so no response comes from it;
    // cookies.txt reads a leading dot as "and subdomains", so its cookies would not round-trip.
    if url
        .host_str()
        .is_some_and(|h| h.split('.').any(str::is_empty))
    {
        return;
    }
    let mut jar = mummer_proto::cookie::Jar::new();
    let stored = jar.store_response_cookies(&url, lines.take(64));
    // The jar started empty, so it holds at most one cookie per identity stored. Not more
    // than that: a later cookie of the same name, domain and path replaces an earlier one
    // (both returned as stored), and a later expired one deletes it (both found by this
    // fuzzer, as an assertion of `stored.len() <= jar.len()`).
    let distinct: std::collections::HashSet<_> = stored
        .iter()
        .map(|c| (&c.name, &c.domain, &c.path))
        .collect();
    assert!(jar.len() <= distinct.len(), "{stored:?}");
    let _ = jar.cookie_header(&url);
    let _ = jar.cookie_header(&base);
    let text = jar.to_netscape();
    let again = mummer_proto::cookie::Jar::from_netscape(&text)
        .unwrap_or_else(|e| panic!("our own cookies.txt must load: {e}\n{text}"));
    assert_eq!(again.len(), jar.len(), "{text}");
    assert_eq!(again.cookie_header(&url), jar.cookie_header(&url), "{text}");
}

/// A cookies.txt file, as `-b FILE` reads one, then written back out and read again.
pub fn cookie_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(jar) = mummer_proto::cookie::Jar::from_netscape(&text) else {
        return;
    };
    let written = jar.to_netscape();
    let again = mummer_proto::cookie::Jar::from_netscape(&written)
        .unwrap_or_else(|e| panic!("our own cookies.txt must load: {e}\n{written}"));
    assert_eq!(again.len(), jar.len(), "{written}");
}

/// `WWW-Authenticate` challenges, the Digest state made from them and its `Authorization`
/// answers (RFC 7616), and `Authentication-Info`. Input lines: the challenge header value,
/// then optionally an `Authentication-Info` value.
pub fn digest(data: &[u8]) {
    let mut lines = data.splitn(2, |&b| b == b'\n');
    let challenge = lines.next().unwrap_or_default();
    let Ok(challenges) = mummer_proto::auth::parse_challenges(challenge) else {
        return;
    };
    for c in &challenges {
        let _ = (c.scheme(), c.realm(), c.token68(), c.params().count());
    }
    let Ok(mut state) = mummer_proto::auth::DigestState::from_challenges(&challenges) else {
        return;
    };
    for (user, body) in [("user", None), ("ü ser", Some(&b"body"[..]))] {
        let _ = state.authorization(user, "pass", "GET", "/dir/index.html", body, "0a4f113b");
    }
    if let Some(info) = lines.next()
        && let Ok(info) = mummer_proto::auth::AuthenticationInfo::parse(info)
    {
        let _ = state.accept_authentication_info(&info);
        let _ = state.authorization("user", "pass", "GET", "/", None, "0a4f113b");
    }
}

/// `.netrc` files, as `--netrc-file` reads one.
pub fn netrc(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(netrc) = mummer_proto::netrc::Netrc::parse(&text) {
        for entry in netrc.entries() {
            let _ = (entry.machine(), entry.login(), entry.password());
        }
        let _ = netrc.entry("example.com", None);
    }
}

/// What a WebSocket receiver made of a stream: its events in order, then the violation that
/// ended it (if one did).
type WsOutcome = (
    Vec<mummer_proto::ws::Event>,
    Option<mummer_proto::ws::Violation>,
);

fn ws_receive(
    config: &mummer_proto::ws::Config,
    deflate: Option<&mummer_proto::ws::DeflateParams>,
    input: &[u8],
    sizes: &[u8],
) -> WsOutcome {
    use mummer_proto::ws::{Event, Receiver};
    let mut receiver = Receiver::new(config, deflate);
    let mut buf = bytes::BytesMut::new();
    let mut events = Vec::new();
    for piece in pieces(input, sizes) {
        buf.extend_from_slice(piece);
        loop {
            match receiver.next_event(&mut buf) {
                Ok(Some(event)) => {
                    let closed = matches!(event, Event::Close(_));
                    events.push(event);
                    if closed {
                        // Nothing is read after the server's close frame.
                        return (events, None);
                    }
                }
                Ok(None) => {
                    // More input is needed: the receiver says how much the frame wants.
                    assert!(
                        receiver.wanted() > buf.len(),
                        "the receiver asked for no more than it holds"
                    );
                    break;
                }
                Err(violation) => return (events, Some(violation)),
            }
        }
    }
    (events, None)
}

/// The WebSocket receiver (`mummer_proto::ws::Receiver`): frames as a server sends them,
/// with and without permessage-deflate, in arbitrary pieces. However the bytes are split into
/// reads, the same events and the same violation come out; no message is larger than the
/// limit (inflation included: a compressed bomb is a violation, not a memory spike); a
/// validated text message is UTF-8; a close frame's code is one a peer may send. The
/// server's `permessage-deflate` answer is checked against Chrome's offer too.
pub fn ws_receiver(data: &[u8]) {
    use mummer_proto::ws::{Config, DataKind, DeflateOffer, DeflateParams, Event, close_code};
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (sizes, input) = rest.split_at(rest.len().min(4));
    let small = flags & 0x40 != 0;
    let config = Config {
        max_frame_size: if small { 4096 } else { 1 << 20 },
        max_message_size: if small { 8192 } else { 1 << 20 },
        validate_utf8: flags & 0x20 == 0,
        fragment_size: None,
    };
    let deflate = (flags & 1 == 1).then(|| DeflateParams {
        server_no_context_takeover: flags & 2 != 0,
        client_no_context_takeover: false,
        server_max_window_bits: 8 + ((flags >> 2) & 7),
        client_max_window_bits: 15,
    });
    let split = ws_receive(&config, deflate.as_ref(), input, sizes);
    let whole = ws_receive(&config, deflate.as_ref(), input, &[]);
    assert_eq!(
        split, whole,
        "the same frames split into reads were received differently"
    );
    let (events, _) = whole;
    let mut message: Option<(DataKind, Vec<u8>)> = None;
    for event in events {
        match event {
            Event::Data {
                kind,
                payload,
                first,
                fin,
            } => {
                assert_eq!(
                    first,
                    message.is_none(),
                    "a message started twice or not at all"
                );
                let (k, body) = message.get_or_insert_with(|| (kind, Vec::new()));
                assert_eq!(*k, kind, "a message changed kind");
                body.extend_from_slice(&payload);
                assert!(
                    body.len() <= config.max_message_size,
                    "a message of {} bytes passed the {}-byte limit",
                    body.len(),
                    config.max_message_size
                );
                if fin {
                    let (kind, body) = message.take().expect("a message in progress");
                    if kind == DataKind::Text && config.validate_utf8 {
                        assert!(std::str::from_utf8(&body).is_ok(), "text that is not UTF-8");
                    }
                }
            }
            Event::Ping(p) | Event::Pong(p) => {
                assert!(p.len() <= 125, "a control frame of {} bytes", p.len());
            }
            Event::Close(frame) => {
                if let Some(frame) = frame {
                    assert!(
                        close_code::is_sendable(frame.code),
                        "close code {} cannot come from a peer",
                        frame.code
                    );
                    assert!(
                        frame.reason.len() <= 123,
                        "a close reason of {} bytes",
                        frame.reason.len()
                    );
                }
            }
        }
    }
    if let Ok(answer) = std::str::from_utf8(input) {
        let offer = DeflateOffer::parse("permessage-deflate; client_max_window_bits")
            .expect("Chrome's offer parses");
        if let Ok(params) = offer.accept(answer) {
            assert!((8..=15).contains(&params.server_max_window_bits));
            assert!((8..=15).contains(&params.client_max_window_bits));
        }
    }
}
