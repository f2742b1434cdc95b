//! multipart/form-data uploads, parsed back by an independent parser (the `multer` crate) in a
//! small server of this test's own: fields and files byte for byte, the boundary of each
//! profile's browser, Content-Length when every size is known and chunked otherwise, a form
//! sent again on a 307, and a 1 GiB file uploaded with the heap measured.
#![allow(unsafe_code)] // The counting allocator below is the only way to see live heap bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::{Bytes, BytesMut};
use mummer::multipart::{Form, Part};
use mummer::{Client, Kind};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to the system allocator unchanged; the counters are side data.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One field as the server parsed it.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    len: u64,
    sha256: String,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Upload {
    head: Vec<(String, String)>,
    boundary: String,
    fields: Vec<Field>,
}

impl Upload {
    fn header(&self, name: &str) -> Option<&str> {
        self.head
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A server that parses each HTTP/1.1 request body with `multer` as it streams in, keeping only
/// each field's length and hash. `redirect_first` answers the first request with a 307 to
/// the same path.
struct MulterServer {
    addr: SocketAddr,
    uploads: Arc<Mutex<Vec<Upload>>>,
}

impl MulterServer {
    async fn start(redirect_first: bool) -> MulterServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let uploads = Arc::new(Mutex::new(Vec::new()));
        let seen = uploads.clone();
        tokio::spawn(async move {
            let mut count = 0usize;
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen.clone();
                let redirect = redirect_first && count == 0;
                count += 1;
                tokio::spawn(async move {
                    if let Some(upload) = serve(tcp, redirect).await {
                        seen.lock().expect("lock").push(upload);
                    }
                });
            }
        });
        MulterServer { addr, uploads }
    }

    fn url(&self) -> String {
        format!("http://{}/upload", self.addr)
    }

    fn uploads(&self) -> Vec<Upload> {
        self.uploads.lock().expect("lock").clone()
    }
}

async fn serve(mut tcp: TcpStream, redirect: bool) -> Option<Upload> {
    let mut buf = BytesMut::with_capacity(16 * 1024);
    let (head, consumed) = loop {
        if tcp.read_buf(&mut buf).await.ok()? == 0 {
            return None;
        }
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        if let httparse::Status::Complete(n) = req.parse(&buf).ok()? {
            let head: Vec<(String, String)> = req
                .headers
                .iter()
                .map(|h| {
                    (
                        h.name.to_string(),
                        String::from_utf8_lossy(h.value).into_owned(),
                    )
                })
                .collect();
            break (head, n);
        }
    };
    let _ = buf.split_to(consumed);
    let value = |name: &str| {
        head.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let boundary = multer::parse_boundary(value("content-type")?).ok()?;
    let kind = match value("content-length") {
        Some(len) => mummer_proto::BodyKind::ContentLength(len.parse().ok()?),
        None => mummer_proto::BodyKind::Chunked,
    };
    // De-frame (Content-Length or chunked) with the project's own decoder; parse the multipart
    // body with multer, which knows nothing of mummer.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let reader = tokio::spawn(async move {
        let mut decoder = mummer_proto::BodyDecoder::new(kind, mummer_proto::Limits::default());
        loop {
            while !buf.is_empty() {
                let Ok(d) = decoder.decode(&buf) else {
                    return Some(tcp);
                };
                let data = Bytes::copy_from_slice(&buf[d.data.clone()]);
                let _ = buf.split_to(d.consumed);
                if !data.is_empty() && tx.send(Ok(data)).await.is_err() {
                    return Some(tcp);
                }
                if d.done {
                    return Some(tcp);
                }
                if d.consumed == 0 {
                    break;
                }
            }
            buf.reserve(64 * 1024);
            match tcp.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut multipart = multer::Multipart::new(stream, boundary.clone());
    let mut fields = Vec::new();
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(|m| m.to_string());
        let mut hash = Sha256::new();
        let mut len = 0u64;
        while let Ok(Some(chunk)) = field.chunk().await {
            len += chunk.len() as u64;
            hash.update(&chunk);
        }
        fields.push(Field {
            name,
            filename,
            content_type,
            len,
            sha256: hex::encode(hash.finalize()),
        });
    }
    drop(multipart);
    let mut tcp = reader.await.ok()??;
    let answer: &[u8] = if redirect {
        b"HTTP/1.1 307 Temporary Redirect\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"
    } else {
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    };
    tcp.write_all(answer).await.ok()?;
    Some(Upload {
        head,
        boundary,
        fields,
    })
}

fn sha(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn temp_file(name: &str, data: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mummer-multipart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write");
    path
}

fn binary() -> Vec<u8> {
    // CR, LF, dashes and every byte value: what a naive parser would trip over.
    let mut v: Vec<u8> = (0..=255u8).collect();
    v.extend_from_slice(b"\r\n--\r\n------WebKitFormBoundary\r\n");
    v.repeat(300)
}

fn form_with_everything(path: &std::path::Path) -> Form {
    Form::new()
        .text("comment", "caf\u{e9} & \"quotes\"")
        .text("empty", "")
        .part(
            "blob",
            Part::bytes(binary())
                .file_name("blob.bin")
                .mime_str("application/x-test"),
        )
        .file("upload", path)
        .expect("file part")
}

fn assert_fields(upload: &Upload, file: &[u8]) {
    let got: Vec<_> = upload.fields.clone();
    let want = vec![
        Field {
            name: "comment".into(),
            filename: None,
            content_type: None,
            len: "caf\u{e9} & \"quotes\"".len() as u64,
            sha256: sha("caf\u{e9} & \"quotes\"".as_bytes()),
        },
        Field {
            name: "empty".into(),
            filename: None,
            content_type: None,
            len: 0,
            sha256: sha(b""),
        },
        Field {
            name: "blob".into(),
            filename: Some("blob.bin".into()),
            content_type: Some("application/x-test".into()),
            len: binary().len() as u64,
            sha256: sha(&binary()),
        },
        Field {
            name: "upload".into(),
            filename: Some("notes.txt".into()),
            content_type: Some("text/plain".into()),
            len: file.len() as u64,
            sha256: sha(file),
        },
    ];
    assert_eq!(got, want);
}

#[tokio::test]
async fn fields_and_files_parse_back_byte_for_byte_with_each_browsers_boundary() {
    let file = b"line one\r\nline two\n--not a boundary\r\n".repeat(1000);
    let path = temp_file("notes.txt", &file);
    let server = MulterServer::start(false).await;
    for (profile, prefix, random) in [
        (None, "----MummerFormBoundary", 32),
        (Some("chrome"), "----WebKitFormBoundary", 16),
        (Some("firefox"), "----geckoformboundary", 0),
    ] {
        let mut builder = Client::builder();
        if let Some(p) = profile {
            builder = builder.impersonate(p);
        }
        let client = builder.build().expect("client");
        let response = client
            .post(&server.url())
            .multipart(form_with_everything(&path))
            .send()
            .await
            .expect("upload");
        assert_eq!(response.status(), 200);
        let upload = server.uploads().pop().expect("upload seen");
        assert_fields(&upload, &file);
        let suffix = upload
            .boundary
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{profile:?}: boundary {}", upload.boundary));
        match random {
            // Firefox: two 64-bit numbers in hex without leading zeros.
            0 => assert!(
                (2..=32).contains(&suffix.len())
                    && suffix
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
                "{suffix}"
            ),
            n => assert!(
                suffix.len() == n && suffix.bytes().all(|b| b.is_ascii_alphanumeric()),
                "{suffix}"
            ),
        }
        assert_eq!(
            upload.header("content-type"),
            Some(format!("multipart/form-data; boundary={}", upload.boundary).as_str())
        );
        assert!(
            upload.header("content-length").is_some(),
            "every size known"
        );
        assert!(upload.header("transfer-encoding").is_none());
    }
}

#[tokio::test]
async fn a_stream_part_makes_the_body_chunked_and_one_shot() {
    let server = MulterServer::start(false).await;
    let client = Client::new();
    let chunks: Vec<std::io::Result<Bytes>> = vec![
        Ok(Bytes::from_static(b"abc")),
        Ok(Bytes::from_static(b"def")),
    ];
    let form = Form::new().text("a", "1").part(
        "s",
        Part::stream(futures_util::stream::iter(chunks), None).file_name("s.txt"),
    );
    client
        .post(&server.url())
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let upload = server.uploads().pop().expect("seen");
    assert_eq!(upload.header("transfer-encoding"), Some("chunked"));
    assert_eq!(upload.fields[1].sha256, sha(b"abcdef"));

    // The same kind of form meeting a 307 cannot be sent again.
    let redirecting = MulterServer::start(true).await;
    let chunks: Vec<std::io::Result<Bytes>> = vec![Ok(Bytes::from_static(b"abc"))];
    let form = Form::new().part(
        "s",
        Part::stream(futures_util::stream::iter(chunks), Some(3)),
    );
    let err = client
        .post(&redirecting.url())
        .multipart(form)
        .send()
        .await
        .expect_err("not replayable");
    assert_eq!(err.kind(), &Kind::NotReplayable, "{err}");
}

#[tokio::test]
async fn a_form_of_files_is_sent_again_on_307() {
    let file = b"x".repeat(100_000);
    let path = temp_file("again.txt", &file);
    let server = MulterServer::start(true).await;
    let form = Form::new().text("k", "v").file("f", &path).expect("file");
    let response = Client::new()
        .post(&server.url())
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 200);
    assert_eq!(response.redirect_count(), 1);
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 2, "sent twice");
    assert_eq!(uploads[0].fields, uploads[1].fields);
    assert_eq!(uploads[1].fields[1].sha256, sha(&file));
    assert_ne!(uploads[0].boundary, "", "boundary kept across the resend");
}

#[tokio::test]
async fn a_file_that_shrinks_fails_the_request() {
    let path = temp_file("shrinks.txt", &b"y".repeat(10_000));
    let server = MulterServer::start(false).await;
    let form = Form::new().file("f", &path).expect("file");
    std::fs::write(&path, b"short").expect("truncate");
    let err = Client::new()
        .post(&server.url())
        .multipart(form)
        .send()
        .await
        .expect_err("a lying Content-Length is never sent");
    assert!(err.is_request(), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_1_gib_file_uploads_with_flat_memory() {
    const SIZE: u64 = 1 << 30;
    let dir = std::env::temp_dir().join(format!("mummer-multipart-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("big.bin");
    {
        // Pattern bytes, written in 1 MiB pieces: a sparse file of zeros would not catch a
        // part sent out of order.
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        let mut hash = Sha256::new();
        let mut piece = vec![0u8; 1 << 20];
        for i in 0..(SIZE >> 20) {
            for (j, b) in piece.iter_mut().enumerate() {
                *b = (i as usize).wrapping_mul(31).wrapping_add(j) as u8;
            }
            hash.update(&piece);
            f.write_all(&piece).expect("write");
        }
        f.flush().expect("flush");
        std::fs::write(dir.join("big.sha256"), hex::encode(hash.finalize())).expect("hash");
    }
    let want = std::fs::read_to_string(dir.join("big.sha256")).expect("hash");
    let server = MulterServer::start(false).await;
    let client = Client::new();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let form = Form::new()
        .text("name", "big")
        .file("data", &path)
        .expect("file");
    let response = client
        .post(&server.url())
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 200);
    let growth = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let _ = std::fs::remove_dir_all(&dir);
    let upload = server.uploads().pop().expect("seen");
    assert_eq!(upload.fields[1].len, SIZE);
    assert_eq!(upload.fields[1].sha256, want);
    assert!(
        upload.header("content-length").is_some(),
        "a file's size is known"
    );
    eprintln!(
        "1 GiB multipart upload: peak heap growth {} KiB",
        growth / 1024
    );
    assert!(growth < 32 << 20, "heap grew by {growth} bytes");
}
