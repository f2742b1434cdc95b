//! Buffered HTTP/1.1 connection reading shared by the script and content servers: request heads,
//! Content-Length and chunked bodies, over plain TCP or TLS.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_btls::SslStream;

/// A byte stream that also exposes its TCP socket (for RST closes).
pub(crate) trait Transport: AsyncRead + AsyncWrite + Unpin + Send {
    fn tcp(&self) -> &TcpStream;
    fn tcp_mut(&mut self) -> &mut TcpStream;
}

impl Transport for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
    fn tcp_mut(&mut self) -> &mut TcpStream {
        self
    }
}

impl Transport for SslStream<TcpStream> {
    fn tcp(&self) -> &TcpStream {
        self.get_ref()
    }
    fn tcp_mut(&mut self) -> &mut TcpStream {
        self.get_mut()
    }
}

/// Closes a connection with FIN: `notify` sends TLS close_notify first (no-op on plain TCP).
///
/// Afterwards incoming bytes are read and discarded until the peer closes (at most 1 s): closing
/// a socket with unread received data makes the kernel send RST instead of FIN, which would turn
/// an intended clean close into a reset depending on timing.
pub(crate) async fn close<S: Transport>(io: &mut S, notify: bool) {
    if notify {
        let _ = io.shutdown().await;
    }
    let tcp = io.tcp_mut();
    let _ = tcp.shutdown().await;
    let drain = async {
        let mut sink = [0u8; 16 * 1024];
        while let Ok(n) = tcp.read(&mut sink).await {
            if n == 0 {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), drain).await;
}

/// How a request body is delimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Framing {
    Length(u64),
    Chunked,
}

/// A stream plus its read buffer; bytes read past one request stay buffered for the next.
pub(crate) struct BufConn<S> {
    pub(crate) io: S,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
}

const READ_SIZE: usize = 64 * 1024;

impl<S: AsyncRead + Unpin> BufConn<S> {
    pub(crate) fn new(io: S) -> Self {
        BufConn {
            io,
            buf: vec![0; READ_SIZE],
            pos: 0,
            end: 0,
        }
    }

    fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        }
    }

    /// Reads more bytes into the buffer; returns how many (0 at EOF).
    async fn fill(&mut self) -> io::Result<usize> {
        if self.end == self.buf.len() {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            } else {
                let len = self.buf.len();
                self.buf.resize(len * 2, 0);
            }
        }
        let n = self.io.read(&mut self.buf[self.end..]).await?;
        self.end += n;
        Ok(n)
    }

    /// Reads through the first CRLFCRLF. `Ok(None)` means EOF before any byte arrived.
    pub(crate) async fn read_head(&mut self, max: usize) -> io::Result<Option<Vec<u8>>> {
        let mut scanned = 0usize;
        loop {
            let avail = self.buffered();
            let from = scanned.saturating_sub(3);
            if let Some(i) = avail[from..].windows(4).position(|w| w == b"\r\n\r\n") {
                let len = from + i + 4;
                let head = avail[..len].to_vec();
                self.consume(len);
                return Ok(Some(head));
            }
            scanned = avail.len();
            if scanned > max {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "head too large"));
            }
            if self.fill().await? == 0 {
                if scanned == 0 {
                    return Ok(None);
                }
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// Reads exactly `n` bytes, handing them to `sink` piecewise.
    async fn read_exact_to(
        &mut self,
        mut n: u64,
        sink: &mut (dyn FnMut(&[u8], bool) + Send),
    ) -> io::Result<()> {
        while n > 0 {
            if self.buffered().is_empty() && self.fill().await? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let take = (self.buffered().len() as u64).min(n) as usize;
            sink(&self.buffered()[..take], true);
            self.consume(take);
            n -= take as u64;
        }
        Ok(())
    }

    /// Reads one line including its CRLF (or LF).
    async fn read_line(&mut self) -> io::Result<Vec<u8>> {
        loop {
            if let Some(i) = self.buffered().iter().position(|&b| b == b'\n') {
                let line = self.buffered()[..=i].to_vec();
                self.consume(i + 1);
                return Ok(line);
            }
            if self.buffered().len() > 64 * 1024 {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            if self.fill().await? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// Reads a body. `sink(bytes, is_payload)` sees every raw byte in order; chunk-size lines,
    /// chunk CRLFs and trailers are passed with `is_payload == false`.
    pub(crate) async fn read_body(
        &mut self,
        framing: Framing,
        sink: &mut (dyn FnMut(&[u8], bool) + Send),
    ) -> io::Result<()> {
        match framing {
            Framing::Length(n) => self.read_exact_to(n, sink).await,
            Framing::Chunked => loop {
                let line = self.read_line().await?;
                sink(&line, false);
                let text = std::str::from_utf8(&line)
                    .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk size"))?;
                let hex = text.split(';').next().unwrap_or("").trim();
                let size = u64::from_str_radix(hex, 16)
                    .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk size"))?;
                if size == 0 {
                    // Trailer section: header lines up to an empty line.
                    loop {
                        let line = self.read_line().await?;
                        sink(&line, false);
                        if line == b"\r\n" || line == b"\n" {
                            return Ok(());
                        }
                    }
                }
                self.read_exact_to(size, sink).await?;
                let crlf = self.read_line().await?;
                sink(&crlf, false);
            },
        }
    }
}

/// Body framing from a request's headers: chunked if Transfer-Encoding ends in chunked, else
/// Content-Length, else no body.
pub(crate) fn framing<'a>(headers: impl Iterator<Item = (&'a str, &'a [u8])>) -> Framing {
    let mut length = 0u64;
    let mut chunked = false;
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value);
        if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value
                .rsplit(',')
                .next()
                .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
        } else if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    if chunked {
        Framing::Chunked
    } else {
        Framing::Length(length)
    }
}

/// Splits a raw head into (name, value) header pairs, skipping the request line.
pub(crate) fn raw_headers(head: &[u8]) -> impl Iterator<Item = (&str, &[u8])> {
    head.split(|&b| b == b'\n').skip(1).filter_map(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let colon = line.iter().position(|&b| b == b':')?;
        let name = std::str::from_utf8(&line[..colon]).ok()?.trim();
        let value = line[colon + 1..].trim_ascii();
        Some((name, value))
    })
}
