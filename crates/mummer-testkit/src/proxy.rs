//! A forward proxy for tests: HTTP (CONNECT tunnels and absolute-form requests) or SOCKS5
//! (no authentication or user/password), with an optional credential check, a mode that
//! refuses every tunnel, and a name table so targets like `origin.test` reach a local server.
//!
//! Every request the proxy sees is logged as one line: `CONNECT origin.test:443 HTTP/1.1`,
//! `GET http://origin.test:80/x HTTP/1.1`, `SOCKS5 origin.test:443` (a name) or
//! `SOCKS5 127.0.0.1:443` (an address). After the first request of a connection the proxy
//! only relays bytes, so later requests on a kept-alive forwarding connection are not logged.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::core::{Core, HasCore};

/// Which protocol the proxy speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyProtocol {
    /// HTTP: CONNECT, or absolute-form requests forwarded to the origin.
    Http,
    /// SOCKS5 (RFC 1928), CONNECT command only.
    Socks5,
}

/// How the proxy behaves.
#[derive(Debug, Clone)]
pub struct ProxyOptions {
    /// HTTP or SOCKS5.
    pub protocol: ProxyProtocol,
    /// HTTP: the exact `Proxy-Authorization` value required (407 otherwise). SOCKS5: the user
    /// name and password required, joined by `:`.
    pub credentials: Option<String>,
    /// Refuse every tunnel (HTTP 403, SOCKS5 "not allowed by ruleset").
    pub refuse: bool,
    /// Host names the proxy resolves, and to what.
    pub hosts: HashMap<String, SocketAddr>,
}

impl ProxyOptions {
    /// A proxy of this protocol that lets everything through, resolving `name` to `addr`.
    pub fn new(protocol: ProxyProtocol, name: &str, addr: SocketAddr) -> ProxyOptions {
        ProxyOptions {
            protocol,
            credentials: None,
            refuse: false,
            hosts: HashMap::from([(name.to_string(), addr)]),
        }
    }
}

/// A running proxy; dropping it stops accepting.
pub struct ProxyServer {
    core: Core,
    log: Arc<Mutex<Vec<String>>>,
}

impl HasCore for ProxyServer {
    fn core_mut(&mut self) -> &mut Core {
        &mut self.core
    }
}

impl ProxyServer {
    /// [`ProxyServer::start`] on a private runtime, for synchronous callers.
    pub fn spawn_on_thread(opts: ProxyOptions) -> ProxyServer {
        crate::core::spawn_on_thread(move || Self::start(opts))
    }

    /// Starts the proxy on the caller's runtime.
    pub async fn start(opts: ProxyOptions) -> ProxyServer {
        let log = Arc::new(Mutex::new(Vec::new()));
        let opts = Arc::new(opts);
        let shared = log.clone();
        let core = Core::start(move |tcp, _| {
            let opts = opts.clone();
            let log = shared.clone();
            async move {
                let _ = match opts.protocol {
                    ProxyProtocol::Http => serve_http(tcp, &opts, &log).await,
                    ProxyProtocol::Socks5 => serve_socks5(tcp, &opts, &log).await,
                };
            }
        })
        .await;
        ProxyServer { core, log }
    }

    /// The listening address (127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.core.addr()
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.core.connections()
    }

    /// The requests seen so far, one line each (see the module docs).
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("proxy log").clone()
    }

    /// Forgets the requests logged so far (a long-running proxy calls this to bound its memory).
    pub fn clear_log(&self) {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

fn resolve(opts: &ProxyOptions, host: &str, port: u16) -> Option<SocketAddr> {
    if let Some(addr) = opts.hosts.get(host) {
        return Some(SocketAddr::new(addr.ip(), port));
    }
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
        .map(|ip| SocketAddr::new(ip, port))
}

fn split_authority(authority: &str) -> Option<(String, u16)> {
    let (host, port) = authority.rsplit_once(':')?;
    Some((host.to_string(), port.parse().ok()?))
}

async fn serve_http(
    mut client: TcpStream,
    opts: &ProxyOptions,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_len = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    if !matches!(
        request.parse(&buf[..head_len]),
        Ok(httparse::Status::Complete(_))
    ) {
        return client.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
    }
    let method = request.method.unwrap_or("").to_string();
    let target = request.path.unwrap_or("").to_string();
    log.lock()
        .expect("proxy log")
        .push(format!("{method} {target} HTTP/1.1"));
    let authorization = request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("proxy-authorization"))
        .map(|h| String::from_utf8_lossy(h.value).into_owned());
    if let Some(required) = &opts.credentials
        && authorization.as_deref() != Some(required.as_str())
    {
        return client
            .write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                  Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n",
            )
            .await;
    }
    if opts.refuse {
        return client
            .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            .await;
    }
    let authority = if method == "CONNECT" {
        target.clone()
    } else {
        let Some(rest) = target.strip_prefix("http://") else {
            return client
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
        };
        let authority = rest.split('/').next().unwrap_or("");
        if authority.contains(':') {
            authority.to_string()
        } else {
            format!("{authority}:80")
        }
    };
    let Some(addr) = split_authority(&authority).and_then(|(h, p)| resolve(opts, &h, p)) else {
        return client
            .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            .await;
    };
    let mut origin = match TcpStream::connect(addr).await {
        Ok(origin) => origin,
        Err(_) => {
            return client
                .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                .await;
        }
    };
    if method == "CONNECT" {
        client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await?;
        origin.write_all(&buf[head_len..]).await?;
    } else {
        // The origin gets the request as sent; the content server accepts absolute form.
        origin.write_all(&buf).await?;
    }
    tokio::io::copy_bidirectional(&mut client, &mut origin).await?;
    Ok(())
}

async fn serve_socks5(
    mut client: TcpStream,
    opts: &ProxyOptions,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut head = [0u8; 2];
    client.read_exact(&mut head).await?;
    let mut methods = vec![0u8; head[1] as usize];
    client.read_exact(&mut methods).await?;
    match &opts.credentials {
        None if methods.contains(&0x00) => client.write_all(&[0x05, 0x00]).await?,
        Some(required) if methods.contains(&0x02) => {
            client.write_all(&[0x05, 0x02]).await?;
            let mut version_len = [0u8; 2];
            client.read_exact(&mut version_len).await?;
            let mut user = vec![0u8; version_len[1] as usize];
            client.read_exact(&mut user).await?;
            let mut len = [0u8; 1];
            client.read_exact(&mut len).await?;
            let mut pass = vec![0u8; len[0] as usize];
            client.read_exact(&mut pass).await?;
            let given = format!(
                "{}:{}",
                String::from_utf8_lossy(&user),
                String::from_utf8_lossy(&pass)
            );
            if &given != required {
                return client.write_all(&[0x01, 0x01]).await;
            }
            client.write_all(&[0x01, 0x00]).await?;
        }
        _ => return client.write_all(&[0x05, 0xff]).await,
    }
    let mut request = [0u8; 4];
    client.read_exact(&mut request).await?;
    let host = match request[3] {
        0x01 => {
            let mut a = [0u8; 4];
            client.read_exact(&mut a).await?;
            std::net::Ipv4Addr::from(a).to_string()
        }
        0x04 => {
            let mut a = [0u8; 16];
            client.read_exact(&mut a).await?;
            format!("[{}]", std::net::Ipv6Addr::from(a))
        }
        0x03 => {
            let mut len = [0u8; 1];
            client.read_exact(&mut len).await?;
            let mut name = vec![0u8; len[0] as usize];
            client.read_exact(&mut name).await?;
            String::from_utf8_lossy(&name).into_owned()
        }
        _ => {
            return client
                .write_all(&[0x05, 0x08, 0, 1, 0, 0, 0, 0, 0, 0])
                .await;
        }
    };
    let mut port = [0u8; 2];
    client.read_exact(&mut port).await?;
    let port = u16::from_be_bytes(port);
    log.lock()
        .expect("proxy log")
        .push(format!("SOCKS5 {host}:{port}"));
    let reply = |code: u8| [0x05, code, 0, 1, 0, 0, 0, 0, 0, 0];
    if opts.refuse {
        return client.write_all(&reply(0x02)).await;
    }
    let Some(addr) = resolve(opts, &host, port) else {
        return client.write_all(&reply(0x04)).await;
    };
    let Ok(mut origin) = TcpStream::connect(addr).await else {
        return client.write_all(&reply(0x05)).await;
    };
    client.write_all(&reply(0x00)).await?;
    tokio::io::copy_bidirectional(&mut client, &mut origin).await?;
    Ok(())
}
