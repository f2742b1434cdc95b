//! Where the body goes: standard output, or a file written as `FILE.part` and renamed when
//! complete, resumable with `-C -`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use mummer::Response;
use tokio::io::AsyncWriteExt;

use super::Failure;
use super::exit::write_failed;

/// Copies the body to `out`; returns the bytes written.
pub(crate) async fn copy_body<W: tokio::io::AsyncWrite + Unpin>(
    response: &mut Response,
    out: &mut W,
    progress: Option<&ProgressBar>,
    offset: u64,
) -> Result<u64, Failure> {
    let mut total = 0u64;
    while let Some(chunk) = response.chunk().await? {
        out.write_all(&chunk).await.map_err(|e| Failure {
            message: format!("write failed: {e}"),
            code: 23,
        })?;
        total += chunk.len() as u64;
        if let Some(p) = progress {
            p.set_position(offset + response.raw_bytes_received());
        }
    }
    Ok(total)
}

fn part_path(path: &Path, suffix: &str) -> PathBuf {
    let mut part = path.as_os_str().to_owned();
    part.push(suffix);
    PathBuf::from(part)
}

/// What `-C -` resumes: the bytes already in `FILE.part`, and the validator of the file they
/// came from, saved beside it in `FILE.part.resume`.
pub(crate) struct Partial {
    pub(crate) offset: u64,
    pub(crate) validator: String,
}

impl Partial {
    /// The partial download of `path`, if there is one that can be resumed safely.
    pub(crate) fn load(path: &Path) -> Option<Partial> {
        let offset = std::fs::metadata(part_path(path, ".part")).ok()?.len();
        let saved = std::fs::read_to_string(part_path(path, ".part.resume")).ok();
        let validator = saved.as_deref().and_then(|s| s.strip_prefix("validator "));
        match validator.map(str::trim) {
            Some(v) if offset > 0 && !v.is_empty() => Some(Partial {
                offset,
                validator: v.to_string(),
            }),
            _ => {
                if offset > 0 {
                    eprintln!(
                        "mummer: {} has no saved ETag or Last-Modified to resume against; \
                         downloading from the start",
                        part_path(path, ".part").display()
                    );
                }
                None
            }
        }
    }
}

/// The validator a later `-C -` can send in If-Range: a strong ETag, else Last-Modified.
fn validator(response: &Response) -> Option<String> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    header("etag")
        .filter(|e| !e.starts_with("W/"))
        .or_else(|| header("last-modified"))
}

/// `bytes first-last/total` (total may be `*`), or `bytes */total` for 416.
fn content_range(response: &Response) -> Option<(Option<u64>, Option<u64>)> {
    let value = response.headers().get("content-range")?.to_str().ok()?;
    let spec = value.strip_prefix("bytes ")?;
    let (range, total) = spec.split_once('/')?;
    let total = total.trim().parse().ok();
    let first = range
        .split_once('-')
        .and_then(|(a, _)| a.trim().parse().ok());
    Some((first, total))
}

/// Writes to `FILE.part` and renames it only once the body is complete, so a partial download
/// never looks like a finished one. With `resume`, a 206 answer is appended to the part file
/// after checking it starts where the file ends.
/// Where `-o PATH` writes.
pub(crate) enum Destination {
    /// Standard output (`-o -`).
    Stdout,
    /// Written in place: a character or block device, a FIFO, a socket (`/dev/null`, a pipe).
    /// Renaming a part file onto such a node would replace it (as root, `/dev/null` itself).
    Direct(PathBuf),
    /// A regular file (or one to create): written as `PATH.part` and renamed when complete. A
    /// symlink is followed, so the rename lands on its target and the link stays.
    Regular(PathBuf),
}

impl Destination {
    pub(crate) fn of(path: &Path) -> Destination {
        use std::os::unix::fs::FileTypeExt;
        if path.as_os_str() == "-" {
            return Destination::Stdout;
        }
        // Through every symlink to the node itself; a dangling link names the file to create.
        let mut real = path.to_path_buf();
        for _ in 0..40 {
            match std::fs::symlink_metadata(&real) {
                Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&real) {
                    Ok(target) => {
                        real = match real.parent() {
                            Some(dir) if target.is_relative() => dir.join(target),
                            _ => target,
                        };
                    }
                    Err(_) => break,
                },
                _ => break,
            }
        }
        match std::fs::metadata(&real) {
            Ok(m) => {
                let t = m.file_type();
                if t.is_char_device() || t.is_block_device() || t.is_fifo() || t.is_socket() {
                    Destination::Direct(real)
                } else {
                    Destination::Regular(real)
                }
            }
            Err(_) => Destination::Regular(real),
        }
    }
}

/// Writes the body to a node that must not be replaced (a device, a FIFO) as it arrives.
pub(crate) async fn write_direct(response: &mut Response, path: &Path) -> Result<(), Failure> {
    let file = tokio::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .await
        .map_err(|e| Failure {
            message: format!("cannot open {}: {e}", path.display()),
            code: 23,
        })?;
    let mut out = tokio::io::BufWriter::with_capacity(256 * 1024, file);
    let result = copy_body(response, &mut out, None, 0).await;
    let flushed = out.flush().await;
    result?;
    flushed.map_err(write_failed)
}

pub(crate) async fn download(
    response: &mut Response,
    path: &Path,
    progress: bool,
    resume: Option<&Partial>,
    decoded: bool,
) -> Result<(), Failure> {
    let part = part_path(path, ".part");
    let meta = part_path(path, ".part.resume");
    let cannot_resume = |message: String| Failure { message, code: 33 };
    let status = response.status().as_u16();
    let mut offset = 0;
    let mut total = response.content_length();
    match resume {
        Some(partial) if status == 206 => {
            let (first, whole) = content_range(response)
                .ok_or_else(|| cannot_resume("206 answer without a usable Content-Range".into()))?;
            if first != Some(partial.offset) {
                return Err(cannot_resume(format!(
                    "asked to resume at byte {}, the server answered from byte {}",
                    partial.offset,
                    first.map_or("?".into(), |f| f.to_string())
                )));
            }
            if decoded {
                return Err(cannot_resume(
                    "the resumed part is content-encoded; run again without -C".into(),
                ));
            }
            offset = partial.offset;
            total = whole;
        }
        Some(partial) if status == 416 => {
            // Nothing left to send: complete only if the file is exactly as long as the entity.
            return match content_range(response) {
                Some((_, Some(whole))) if whole == partial.offset => {
                    finish(&part, &meta, path, partial.offset, progress).await
                }
                _ => Err(cannot_resume(format!(
                    "the server cannot send bytes from {} on (416)",
                    partial.offset
                ))),
            };
        }
        Some(_) => eprintln!(
            "mummer: the server sent the whole file ({status}: changed, or no range support); \
             starting over"
        ),
        None => {}
    }
    let file = if offset > 0 {
        tokio::fs::OpenOptions::new().append(true).open(&part).await
    } else {
        tokio::fs::File::create(&part).await
    }
    .map_err(|e| Failure {
        message: format!("cannot open {}: {e}", part.display()),
        code: 23,
    })?;
    // Saved before the body, so an interruption leaves what `-C -` needs; not for a decoded body,
    // whose bytes do not line up with the server's byte ranges.
    match validator(response).filter(|_| !decoded && status / 100 == 2) {
        Some(v) if offset == 0 => tokio::fs::write(&meta, format!("validator {v}\n"))
            .await
            .map_err(write_failed)?,
        Some(_) => {}
        None => {
            let _ = tokio::fs::remove_file(&meta).await;
        }
    }
    let mut out = tokio::io::BufWriter::with_capacity(256 * 1024, file);
    let bar = (progress && std::io::stderr().is_terminal()).then(|| {
        let bar = match total {
            Some(len) => ProgressBar::new(len),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let result = copy_body(response, &mut out, bar.as_ref(), offset).await;
    let flushed = out.flush().await;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let written = result?;
    flushed.map_err(write_failed)?;
    let size = offset + written;
    if offset > 0
        && let Some(whole) = total
        && size != whole
    {
        return Err(Failure {
            message: format!("resumed file is {size} bytes, the server's is {whole}"),
            code: 18,
        });
    }
    finish(&part, &meta, path, size, progress).await
}

/// Renames the complete part file into place and drops its resume note.
async fn finish(
    part: &Path,
    meta: &Path,
    path: &Path,
    size: u64,
    progress: bool,
) -> Result<(), Failure> {
    tokio::fs::rename(part, path).await.map_err(|e| Failure {
        message: format!(
            "cannot rename {} to {}: {e}",
            part.display(),
            path.display()
        ),
        code: 23,
    })?;
    let _ = tokio::fs::remove_file(meta).await;
    if progress && !std::io::stderr().is_terminal() {
        // No bar to show it; one line says what was saved.
        eprintln!("mummer: saved {size} bytes to {}", path.display());
    }
    Ok(())
}
