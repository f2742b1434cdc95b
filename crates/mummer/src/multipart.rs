//! `multipart/form-data` request bodies: fields and files, streamed from disk.
//!
//! A [`Form`] is laid out with the boundary of the request's browser profile (Chrome's
//! `----WebKitFormBoundary…`, Firefox's `----geckoformboundary…`, or mummer's own without a
//! profile), chosen when the request is sent. Files are opened and read in 64 KiB pieces as the
//! body goes out, so a 1 GiB upload takes no more memory than a small one; because a file can
//! be opened again, a form of files and fields can be sent again (retries, 307/308, Digest
//! challenges). A part read from a stream cannot, and makes the form a one-shot body.
//! Content-Length is sent when every part's size is known, else the body is chunked.
//!
//! ```no_run
//! # async fn run() -> mummer::Result<()> {
//! use mummer::multipart::{Form, Part};
//! let form = Form::new()
//!     .text("comment", "hello")
//!     .part("upload", Part::file("notes.txt")?.mime_str("text/plain"));
//! let client = mummer::Client::new();
//! client.post("https://example.com/upload").multipart(form).send().await?;
//! # Ok(())
//! # }
//! ```
//!
//! The framing itself is `mummer_proto::multipart`'s.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use mummer_proto::multipart::{self as proto, BoundaryStyle, Segment, Source};
use tokio::io::AsyncReadExt;

use crate::error::{Error, Result};

/// How much of a file one read takes.
const FILE_CHUNK: usize = 64 * 1024;

type ReaderStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// A multipart form.
#[derive(Default)]
pub struct Form {
    parts: Vec<(String, Part)>,
}

/// One part of a form: a value, a file, or a stream.
pub struct Part {
    data: Data,
    filename: Option<String>,
    content_type: Option<String>,
}

enum Data {
    Bytes(Bytes),
    File {
        path: PathBuf,
        len: u64,
    },
    /// Taken by the first send.
    Stream {
        stream: Arc<Mutex<Option<sync_wrapper::SyncWrapper<ReaderStream>>>>,
        len: Option<u64>,
    },
}

impl Form {
    /// An empty form.
    pub fn new() -> Form {
        Form::default()
    }

    /// Adds a text field.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Form {
        self.part(name, Part::text(value))
    }

    /// Adds a part.
    pub fn part(mut self, name: impl Into<String>, part: Part) -> Form {
        self.parts.push((name.into(), part));
        self
    }

    /// Adds a file part read from `path` (file name and media type from the path).
    pub fn file(self, name: impl Into<String>, path: impl AsRef<Path>) -> Result<Form> {
        Ok(self.part(name, Part::file(path)?))
    }

    /// Lays the form out with a boundary of `style`: the body, and its Content-Type.
    pub(crate) fn encode(self, style: BoundaryStyle) -> Result<(crate::Body, String)> {
        let mut random = [0u8; BoundaryStyle::RANDOM_LEN];
        crate::policy::random_bytes(&mut random);
        let boundary = style.generate(&random);
        let mut form = proto::Form::new();
        let mut sources = Vec::new();
        for (name, part) in self.parts {
            let source = match part.data {
                Data::Bytes(b) => Source::Bytes(b),
                Data::File { path, len } => {
                    sources.push(External::File { path, len });
                    Source::External {
                        len: Some(len),
                        id: sources.len() - 1,
                    }
                }
                Data::Stream { stream, len } => {
                    sources.push(External::Stream { stream, len });
                    Source::External {
                        len,
                        id: sources.len() - 1,
                    }
                }
            };
            let mut p = match part.filename {
                Some(f) => proto::Part::file(name, f, source),
                None => proto::Part::text(name, source),
            };
            if let Some(ct) = part.content_type {
                p = p.with_content_type(ct);
            }
            form.push(p);
        }
        let encoded = form
            .encode(&boundary)
            .map_err(|e| Error::builder(format!("multipart form: {e}")))?;
        let content_type = encoded.content_type();
        let len = encoded.content_length();
        let replayable = sources.iter().all(|s| matches!(s, External::File { .. }));
        let layout = Arc::new(Layout {
            segments: encoded.into_segments(),
            sources,
        });
        Ok((
            crate::Body::multipart(layout, len, replayable),
            content_type,
        ))
    }
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.parts.iter().map(|(n, p)| (n, p)))
            .finish()
    }
}

impl Part {
    /// A text value.
    pub fn text(value: impl Into<String>) -> Part {
        Part::bytes(Bytes::from(value.into()))
    }

    /// A value of raw bytes.
    pub fn bytes(value: impl Into<Bytes>) -> Part {
        Part {
            data: Data::Bytes(value.into()),
            filename: None,
            content_type: None,
        }
    }

    /// A file, read as the body is sent (and again if the request is sent again). Its name
    /// becomes the part's file name and its extension picks the media type; both can be
    /// changed. Fails if the file cannot be read now.
    pub fn file(path: impl AsRef<Path>) -> Result<Part> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::builder(format!("cannot read {}: {e}", path.display())))?;
        if !meta.is_file() {
            return Err(Error::builder(format!("{} is not a file", path.display())));
        }
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let content_type = proto::mime_for_filename(&filename).map(str::to_string);
        Ok(Part {
            data: Data::File {
                path: path.to_path_buf(),
                len: meta.len(),
            },
            filename: Some(filename),
            content_type,
        })
    }

    /// A part read from a stream of chunks as the body is sent; `len`, when known, lets the
    /// form carry a Content-Length (the stream must then yield exactly that much). A form with
    /// such a part can be sent only once.
    pub fn stream<S>(stream: S, len: Option<u64>) -> Part
    where
        S: Stream<Item = io::Result<Bytes>> + Send + 'static,
    {
        Part {
            data: Data::Stream {
                stream: Arc::new(Mutex::new(Some(sync_wrapper::SyncWrapper::new(Box::pin(
                    stream,
                ))))),
                len,
            },
            filename: None,
            content_type: None,
        }
    }

    /// The file name sent in Content-Disposition.
    pub fn file_name(mut self, name: impl Into<String>) -> Part {
        self.filename = Some(name.into());
        self
    }

    /// The part's media type (a file part without one is `application/octet-stream`).
    pub fn mime_str(mut self, content_type: impl Into<String>) -> Part {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = match &self.data {
            Data::Bytes(b) => format!("{} bytes", b.len()),
            Data::File { path, len } => format!("file {} ({len} bytes)", path.display()),
            Data::Stream { len, .. } => format!("stream ({len:?} bytes)"),
        };
        f.debug_struct("Part")
            .field("data", &data)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// An encoded form: its segments, and where external ones come from.
pub(crate) struct Layout {
    segments: Vec<Segment>,
    sources: Vec<External>,
}

enum External {
    File {
        path: PathBuf,
        len: u64,
    },
    Stream {
        stream: Arc<Mutex<Option<sync_wrapper::SyncWrapper<ReaderStream>>>>,
        len: Option<u64>,
    },
}

/// One pass of sending a form: segment by segment, files opened as they come.
pub(crate) struct FormReader {
    layout: Arc<Layout>,
    next: usize,
    current: Option<Open>,
}

enum Open {
    File {
        file: tokio::fs::File,
        left: u64,
        path: PathBuf,
    },
    Stream {
        stream: sync_wrapper::SyncWrapper<ReaderStream>,
        left: Option<u64>,
    },
}

impl FormReader {
    pub(crate) fn new(layout: Arc<Layout>) -> FormReader {
        FormReader {
            layout,
            next: 0,
            current: None,
        }
    }

    /// The next piece of the body; `None` at the end.
    pub(crate) async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        loop {
            if let Some(open) = &mut self.current {
                match read_external(open).await? {
                    Some(chunk) => return Ok(Some(chunk)),
                    None => self.current = None,
                }
            }
            let Some(segment) = self.layout.segments.get(self.next) else {
                return Ok(None);
            };
            self.next += 1;
            match segment {
                Segment::Bytes(b) => return Ok(Some(b.clone())),
                Segment::External { id, .. } => {
                    self.current = Some(open_external(&self.layout.sources[*id]).await?);
                }
            }
        }
    }
}

async fn open_external(source: &External) -> Result<Open> {
    match source {
        External::File { path, len } => {
            let file = tokio::fs::File::open(path).await.map_err(|e| {
                Error::request(format!("multipart: cannot open {}: {e}", path.display()))
            })?;
            Ok(Open::File {
                file,
                left: *len,
                path: path.clone(),
            })
        }
        External::Stream { stream, len } => {
            let taken = stream.lock().unwrap_or_else(|p| p.into_inner()).take();
            let stream = taken.ok_or_else(|| {
                Error::new(
                    crate::Kind::NotReplayable,
                    Some("a multipart stream part was already sent".into()),
                )
            })?;
            Ok(Open::Stream { stream, left: *len })
        }
    }
}

/// The next piece of an external part; a file or stream that delivers other than its declared
/// length fails the request (its Content-Length would be a lie).
async fn read_external(open: &mut Open) -> Result<Option<Bytes>> {
    match open {
        Open::File { file, left, path } => {
            if *left == 0 {
                return Ok(None);
            }
            let want = (*left).min(FILE_CHUNK as u64) as usize;
            let mut buf = vec![0u8; want];
            let n = file.read(&mut buf).await.map_err(|e| {
                Error::request(format!("multipart: reading {}: {e}", path.display()))
            })?;
            if n == 0 {
                return Err(Error::request(format!(
                    "multipart: {} ended {left} bytes short of its size when the request began",
                    path.display()
                )));
            }
            buf.truncate(n);
            *left -= n as u64;
            Ok(Some(Bytes::from(buf)))
        }
        Open::Stream { stream, left } => match stream.get_mut().next().await {
            Some(Ok(chunk)) => {
                if let Some(left) = left {
                    if chunk.len() as u64 > *left {
                        return Err(Error::request(
                            "multipart: a stream part yielded more than its declared length",
                        ));
                    }
                    *left -= chunk.len() as u64;
                }
                Ok(Some(chunk))
            }
            Some(Err(e)) => Err(Error::request(e)),
            None => match left {
                Some(l) if *l > 0 => Err(Error::request(format!(
                    "multipart: a stream part ended {l} bytes short of its declared length"
                ))),
                _ => Ok(None),
            },
        },
    }
}

/// The boundary style a profile's browser uses.
pub(crate) fn style_for(profile: Option<&mummer_profile::Profile>) -> BoundaryStyle {
    match profile.map(|p| p.form_boundary.as_str()) {
        Some("webkit") => BoundaryStyle::WebKit,
        Some("firefox") => BoundaryStyle::Firefox,
        _ => BoundaryStyle::Plain,
    }
}
