//! `mummer ws URL`: a WebSocket on the terminal, like websocat. Each line of standard input
//! is sent as one message (text, or binary with `--binary`); each message received is
//! written to standard output followed by a newline. At the end of input mummer sends a
//! close (1000) and prints what is still received until the server's close frame comes back.
//!
//! Exit status: 0 when the close handshake ends with 1000 or 1001 (from either side); 1 when
//! the server closes with another code, with the code and reason on standard error; curl's
//! number for every other failure (22 refused upgrade, 7 connect, 28 timeout, 35 TLS, 56
//! connection lost without a close frame, 8 a protocol violation by the server, 63 a message
//! over `--max-message-size`), each with a one-line reason.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use mummer::Client;
use mummer::ws::{CloseFrame, Message, WebSocket, close_code};
use tokio::io::AsyncBufReadExt;

use crate::fetch::Failure;

/// Options of `mummer ws`.
#[derive(Args, Debug)]
pub(crate) struct WsArgs {
    /// The WebSocket URL (`ws://` or `wss://`).
    url: String,
    /// Send each line as a binary message (default: text).
    #[arg(long = "binary")]
    binary: bool,
    /// Extra header of the upgrade request, `Name: value` (repeatable).
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    /// Look like this browser on the wire (see `mummer fingerprint list`).
    #[arg(long = "impersonate", value_name = "PROFILE")]
    impersonate: Option<String>,
    /// Offer this subprotocol (repeatable, in order of preference).
    #[arg(long = "protocol", value_name = "NAME")]
    protocols: Vec<String>,
    /// The Origin to send (default: the URL's own origin, as a page of that site would).
    #[arg(long = "origin", value_name = "ORIGIN")]
    origin: Option<String>,
    /// Do not offer permessage-deflate.
    #[arg(long = "no-compression")]
    no_compression: bool,
    /// Largest message accepted, in bytes (k, m suffixes); a larger one closes with 1009.
    #[arg(long = "max-message-size", value_name = "BYTES")]
    max_message_size: Option<String>,
    /// Send a ping every SECONDS; fail when one goes unanswered until the next.
    #[arg(long = "ping-interval", value_name = "SECONDS")]
    ping_interval: Option<f64>,
    /// Seconds to wait for the server's close frame after ours.
    #[arg(long = "close-timeout", value_name = "SECONDS", default_value_t = 5.0)]
    close_timeout: f64,
    /// Seconds allowed to connect.
    #[arg(long = "connect-timeout", value_name = "SECONDS")]
    connect_timeout: Option<f64>,
    /// Skip certificate verification (insecure).
    #[arg(short = 'k', long = "insecure")]
    insecure: bool,
    /// Trust the CA certificates in this PEM file.
    #[arg(long = "cacert", value_name = "FILE")]
    cacert: Vec<PathBuf>,
    /// Connect HOST:PORT to ADDR instead of resolving it (repeatable).
    #[arg(long = "resolve", value_name = "HOST:PORT:ADDR")]
    resolve: Vec<String>,
    /// Use this proxy (http://... tunnels with CONNECT, socks5://, socks5h://).
    #[arg(short = 'x', long = "proxy", value_name = "URL")]
    proxy: Option<String>,
    /// Show the upgrade request and the server's answer on standard error.
    #[arg(short = 'v', long = "verbose")]
    verbose: bool,
}

pub(crate) async fn run(args: WsArgs) -> ExitCode {
    match session(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("mummer: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn secs(v: f64, what: &str) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(v).map_err(|_| Failure::usage(format!("bad {what}: {v}")))
}

fn client(args: &WsArgs) -> Result<Client, Failure> {
    let mut b = Client::builder().danger_accept_invalid_certs(args.insecure);
    if let Some(p) = &args.impersonate {
        b = b.impersonate(p);
    }
    if let Some(p) = &args.proxy {
        b = b.proxy(p);
    }
    if let Some(t) = args.connect_timeout {
        b = b.connect_timeout(secs(t, "--connect-timeout")?);
    }
    for path in &args.cacert {
        b = b.add_root_certificate_file(path);
    }
    for entry in &args.resolve {
        let bad = || Failure::usage(format!("--resolve wants HOST:PORT:ADDR, got {entry:?}"));
        let (host, rest) = entry.split_once(':').ok_or_else(bad)?;
        let (port, addr) = rest.split_once(':').ok_or_else(bad)?;
        let port: u16 = port.parse().map_err(|_| bad())?;
        let ip: std::net::IpAddr = addr
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| bad())?;
        b = b.resolve(host, port, SocketAddr::new(ip, port));
    }
    b.build().map_err(|e| Failure::usage(e.to_string()))
}

fn size(text: &str) -> Result<usize, Failure> {
    let t = text.trim();
    let (digits, factor) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1usize << 10),
        Some('m' | 'M') => (&t[..t.len() - 1], 1 << 20),
        _ => (t, 1),
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| Failure::usage(format!("bad --max-message-size {text:?}")))
}

async fn connect(args: &WsArgs) -> Result<WebSocket, Failure> {
    let client = client(args)?;
    let mut b = client
        .websocket(&args.url)
        .close_timeout(secs(args.close_timeout, "--close-timeout")?);
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .ok_or_else(|| Failure::usage(format!("-H wants 'Name: value', got {h:?}")))?;
        b = b.header(name.trim(), value.trim());
    }
    if !args.protocols.is_empty() {
        b = b.protocols(args.protocols.iter().cloned());
    }
    if let Some(o) = &args.origin {
        b = b.origin(Some(o));
    }
    if args.no_compression {
        b = b.compression(false);
    }
    if let Some(m) = &args.max_message_size {
        b = b.max_message_size(size(m)?);
    }
    if let Some(p) = args.ping_interval {
        b = b.ping_interval(secs(p, "--ping-interval")?);
    }
    Ok(b.connect().await?)
}

async fn session(args: &WsArgs) -> Result<(), Failure> {
    let ws = connect(args).await?;
    if args.verbose {
        for (name, value) in ws.request_headers() {
            eprintln!("> {name}: {}", String::from_utf8_lossy(value));
        }
        for (name, value) in ws.response_headers() {
            eprintln!("< {name}: {}", String::from_utf8_lossy(value.as_bytes()));
        }
        if let Some(p) = ws.protocol() {
            eprintln!("* subprotocol {p}");
        }
        if let Some(d) = ws.compression() {
            eprintln!("* permessage-deflate {d:?}");
        }
    }
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let mut stdin_open = true;
    let close_timeout = secs(args.close_timeout, "--close-timeout")?;
    let mut close_deadline: Option<tokio::time::Instant> = None;
    let mut stdout = std::io::stdout().lock();
    let frame = loop {
        let until_close = async {
            match close_deadline {
                Some(d) => tokio::time::sleep_until(d).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            line = lines.next_line(), if stdin_open => match line {
                Ok(Some(line)) => {
                    let sent = if args.binary {
                        ws.send_binary(line.into_bytes()).await
                    } else {
                        ws.send_text(&line).await
                    };
                    sent?;
                }
                Ok(None) | Err(_) => {
                    stdin_open = false;
                    ws.send(Message::Close(Some(CloseFrame {
                        code: close_code::NORMAL,
                        reason: String::new(),
                    })))
                    .await?;
                    close_deadline = Some(tokio::time::Instant::now() + close_timeout);
                }
            },
            message = ws.recv() => match message? {
                Message::Text(data) | Message::Binary(data) => {
                    stdout
                        .write_all(&data)
                        .and_then(|()| stdout.write_all(b"\n"))
                        .and_then(|()| stdout.flush())
                        .map_err(|e| Failure {
                            message: format!("write failed: {e}"),
                            code: 23,
                        })?;
                }
                Message::Ping(_) | Message::Pong(_) => {}
                Message::Close(frame) => break frame,
            },
            () = until_close => {
                ws.terminate();
                return Err(Failure {
                    message: format!(
                        "the server did not answer the close frame within {close_timeout:?}"
                    ),
                    code: 28,
                });
            }
        }
    };
    match frame {
        None => Ok(()),
        Some(f) if f.code == close_code::NORMAL || f.code == close_code::GOING_AWAY => Ok(()),
        Some(f) => Err(Failure {
            message: format!(
                "the server closed the WebSocket with {}: {:?}",
                f.code, f.reason
            ),
            code: 1,
        }),
    }
}
