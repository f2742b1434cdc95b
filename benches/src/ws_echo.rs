//! `mummer-ws-echo`: the WebSocket echo server of the WebSocket benchmarks
//! (`benches/python/ws_run.py`). It must not be what is measured, so it does as little as a
//! server can: it answers the upgrade without extensions (every client then sends the same
//! uncompressed frames), and echoes each frame as it comes, opcode and FIN bit kept, unmasked,
//! without joining fragments or checking UTF-8; it answers pings and echoes a close, then
//! closes. Reading and writing run apart (a queue between them): a client that sends a whole
//! 16 MiB message before it reads the echo must not find the server stuck on a full socket
//! buffer. Nothing is recorded, so memory stays flat however long a run is.
//!
//! ```text
//! mummer-ws-echo            # prints the port on its first line, serves until stdin closes
//! ```

use std::io::{self, Read};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, TcpStream};

const BUFFER: usize = 256 * 1024;

fn main() -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        println!("{}", listener.local_addr()?.port());
        // Serve until stdin closes (the benchmark holds a pipe to it).
        let (stop_tx, mut stop_rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let mut sink = [0u8; 64];
            while matches!(io::stdin().read(&mut sink), Ok(n) if n > 0) {}
            let _ = stop_tx.send(());
        });
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let (stream, _) = accepted?;
                    stream.set_nodelay(true)?;
                    tokio::spawn(async move {
                        let _ = serve(stream).await;
                    });
                }
                _ = &mut stop_rx => return Ok(()),
            }
        }
    })
}

async fn serve(stream: TcpStream) -> io::Result<()> {
    let (read, write) = stream.into_split();
    let mut reader = BufReader::with_capacity(BUFFER, read);
    let mut writer = BufWriter::with_capacity(BUFFER, write);
    let mut key = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("sec-websocket-key") {
                key = Some(value.trim().to_string());
            }
        }
    }
    let Some(key) = key else {
        writer
            .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
            .await?;
        return writer.flush().await;
    };
    let accept = mummer_proto::ws::handshake::accept(&key);
    writer
        .write_all(
            format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\
                 Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    writer.flush().await?;
    // Frames echoed, ready to write (the reader never waits for the writer).
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let writing = tokio::spawn(async move {
        while let Some(frame) = rx.recv().await {
            writer.write_all(&frame).await?;
            if rx.is_empty() {
                writer.flush().await?;
            }
        }
        writer.flush().await
    });
    loop {
        let mut head = [0u8; 2];
        if reader.read_exact(&mut head).await.is_err() {
            break;
        }
        let (fin_opcode, masked, short) = (head[0], head[1] & 0x80 != 0, head[1] & 0x7f);
        let len = match short {
            126 => u64::from(reader.read_u16().await?),
            127 => reader.read_u64().await?,
            n => u64::from(n),
        };
        let mut mask = [0u8; 4];
        if masked {
            reader.read_exact(&mut mask).await?;
        }
        let len = usize::try_from(len).map_err(|_| io::Error::other("frame too large"))?;
        let opcode = fin_opcode & 0x0f;
        // A ping is answered with a pong; everything else goes back as it came.
        let mut frame = Vec::with_capacity(len + 10);
        frame.push(if opcode == 0x9 {
            0x80 | 0xA
        } else {
            fin_opcode
        });
        match len {
            0..=125 => frame.push(len as u8),
            126..=0xffff => {
                frame.push(126);
                frame.extend_from_slice(&(len as u16).to_be_bytes());
            }
            _ => {
                frame.push(127);
                frame.extend_from_slice(&(len as u64).to_be_bytes());
            }
        }
        let at = frame.len();
        frame.resize(at + len, 0);
        reader.read_exact(&mut frame[at..]).await?;
        if masked {
            for (i, b) in frame[at..].iter_mut().enumerate() {
                *b ^= mask[i & 3];
            }
        }
        if tx.send(frame).is_err() || opcode == 0x8 {
            break;
        }
    }
    drop(tx);
    writing.await.map_err(io::Error::other)?
}
