//! Proxies. HTTP proxies get a CONNECT tunnel for https targets (and HTTP/2 with prior
//! knowledge), and absolute-form requests for plain http ones, as curl does. SOCKS5 (RFC 1928,
//! user/password from RFC 1929) tunnels everything; `socks5h` lets the proxy resolve the name,
//! `socks5` resolves it here (honouring `resolve` overrides).
//!
//! Everything here runs on the raw TCP stream before TLS, under the connect deadline.

use std::net::{IpAddr, SocketAddr};

use mummer_proto::{Limits, ParseStatus};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use url::Url;

use crate::error::{Error, Kind};
use crate::transport::tcp;

/// What kind of proxy, and how names are resolved through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ProxyKind {
    Http,
    Socks5 { remote_dns: bool },
}

/// A parsed proxy URL. Equality covers everything that shapes a tunnel, so it can key the pool.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Proxy {
    pub(crate) kind: ProxyKind,
    pub(crate) host: String,
    pub(crate) port: u16,
    auth: Option<(String, String)>,
    /// `Basic ...` for `auth`, made once: forwarded requests each carry it.
    authorization: Option<String>,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password stays out of every log line.
        f.debug_struct("Proxy")
            .field("kind", &self.kind)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.auth.as_ref().map(|(user, _)| user))
            .finish()
    }
}

impl Proxy {
    /// Parses `http://[user:pass@]host[:port]`, `socks5://...` or `socks5h://...`; a URL
    /// without a scheme is an HTTP proxy, and without a port uses 1080, as curl does.
    pub(crate) fn parse(text: &str) -> Result<Proxy, Error> {
        let with_scheme = if text.contains("://") {
            text.to_string()
        } else {
            format!("http://{text}")
        };
        let url = Url::parse(&with_scheme)
            .map_err(|e| Error::builder(format!("proxy URL {:?}: {e}", redact(text))))?;
        let kind = match url.scheme() {
            "http" => ProxyKind::Http,
            "socks5" => ProxyKind::Socks5 { remote_dns: false },
            "socks5h" => ProxyKind::Socks5 { remote_dns: true },
            other => {
                return Err(Error::builder(format!(
                    "proxy scheme {other:?} is not supported (http, socks5, socks5h)"
                )));
            }
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(a)) => a.to_string(),
            Some(h) => h.to_string(),
            None => return Err(Error::builder("proxy URL has no host")),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| Error::builder("proxy credentials are not UTF-8"))
        };
        let auth = if url.username().is_empty() {
            None
        } else {
            Some((
                decode(url.username())?,
                decode(url.password().unwrap_or(""))?,
            ))
        };
        let authorization = auth
            .as_ref()
            .map(|(user, pass)| mummer_proto::auth::basic_authorization(user, pass));
        Ok(Proxy {
            kind,
            host,
            // `Url` drops a port equal to the scheme's default (80 for http): ask for it as written.
            port: explicit_port(&with_scheme).unwrap_or(1080),
            auth,
            authorization,
        })
    }

    /// Whether requests for a plain-http origin go to the proxy as absolute-form requests
    /// over HTTP/1.1 rather than through a tunnel.
    pub(crate) fn forwards_plain_http(&self) -> bool {
        self.kind == ProxyKind::Http
    }

    /// The `Proxy-Authorization` value for forwarded (absolute-form) requests and CONNECT.
    pub(crate) fn authorization(&self) -> Option<String> {
        self.authorization.clone()
    }

    /// The same proxy with these Basic credentials (replacing any from its URL).
    pub(crate) fn with_auth(&self, user: &str, password: &str) -> Proxy {
        Proxy {
            auth: Some((user.to_string(), password.to_string())),
            authorization: Some(mummer_proto::auth::basic_authorization(user, password)),
            ..self.clone()
        }
    }

    /// Opens the tunnel to `host:port` on `tcp`, already connected to the proxy.
    pub(crate) async fn tunnel(
        &self,
        tcp: &mut TcpStream,
        host: &str,
        port: u16,
        overrides: &[SocketAddr],
        user_agent: Option<&str>,
    ) -> Result<(), Error> {
        match self.kind {
            ProxyKind::Http => self.http_connect(tcp, host, port, user_agent).await,
            ProxyKind::Socks5 { remote_dns } => {
                let target = if remote_dns {
                    SocksTarget::Name(host)
                } else {
                    // The connect deadline bounds the whole tunnel setup, DNS included.
                    SocksTarget::Addr(
                        tcp::resolve(host, port, overrides, crate::deadline::Deadline::NONE)
                            .await?[0]
                            .ip(),
                    )
                };
                self.socks5_connect(tcp, target, port).await
            }
        }
    }

    async fn http_connect(
        &self,
        tcp: &mut TcpStream,
        host: &str,
        port: u16,
        user_agent: Option<&str>,
    ) -> Result<(), Error> {
        let authority = authority(host, port);
        let mut head = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
        if let Some(ua) = user_agent {
            head.push_str(&format!("User-Agent: {ua}\r\n"));
        }
        if let Some(auth) = self.authorization() {
            head.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
        }
        head.push_str("Proxy-Connection: Keep-Alive\r\n\r\n");
        tcp.write_all(head.as_bytes())
            .await
            .map_err(|e| self.failed(format!("sending CONNECT: {e}")))?;

        // A proxy's answer is a few hundred bytes; the default limits bound a hostile one.
        let limits = Limits::default();
        let mut buf = Vec::with_capacity(1024);
        let (head, consumed) = loop {
            let mut chunk = [0u8; 1024];
            let n = tcp
                .read(&mut chunk)
                .await
                .map_err(|e| self.failed(format!("reading the CONNECT response: {e}")))?;
            if n == 0 {
                return Err(self.failed("closed the connection in answer to CONNECT"));
            }
            buf.extend_from_slice(&chunk[..n]);
            match mummer_proto::parse_response_head(&buf, &limits) {
                Ok(ParseStatus::Complete { head, consumed }) if head.status >= 200 => {
                    break (head, consumed);
                }
                // An interim 1xx answer: drop it and read on.
                Ok(ParseStatus::Complete { consumed, .. }) => {
                    buf.drain(..consumed);
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(self.failed(format!("answered CONNECT with a bad head: {e}")));
                }
            }
        };
        let status = head.status;
        if !(200..300).contains(&status) {
            let reason = head.reason;
            return Err(Error::new(
                Kind::Proxy {
                    status: Some(status),
                },
                Some(
                    format!(
                        "proxy {}:{} refused CONNECT to {authority}: {status} {reason}",
                        self.host, self.port
                    )
                    .into(),
                ),
            ));
        }
        // A TLS or HTTP/2 client speaks first, so nothing of the tunnel's may already be here;
        // bytes that are would be lost or misread.
        if buf.len() > consumed {
            return Err(self.failed("sent data after its CONNECT response"));
        }
        Ok(())
    }

    async fn socks5_connect(
        &self,
        tcp: &mut TcpStream,
        target: SocksTarget<'_>,
        port: u16,
    ) -> Result<(), Error> {
        let io = |e: std::io::Error| self.failed(format!("SOCKS5: {e}"));
        let methods: &[u8] = if self.auth.is_some() {
            &[0x00, 0x02]
        } else {
            &[0x00]
        };
        let mut greeting = vec![0x05, methods.len() as u8];
        greeting.extend_from_slice(methods);
        tcp.write_all(&greeting).await.map_err(io)?;
        let mut choice = [0u8; 2];
        tcp.read_exact(&mut choice).await.map_err(io)?;
        match choice {
            [0x05, 0x00] => {}
            [0x05, 0x02] => {
                let (user, pass) = self
                    .auth
                    .as_ref()
                    .ok_or_else(|| self.failed("SOCKS5 proxy chose a method we did not offer"))?;
                if user.len() > 255 || pass.len() > 255 {
                    return Err(Error::builder(
                        "SOCKS5 user name and password: 255 bytes at most",
                    ));
                }
                let mut auth = vec![0x01, user.len() as u8];
                auth.extend_from_slice(user.as_bytes());
                auth.push(pass.len() as u8);
                auth.extend_from_slice(pass.as_bytes());
                tcp.write_all(&auth).await.map_err(io)?;
                let mut verdict = [0u8; 2];
                tcp.read_exact(&mut verdict).await.map_err(io)?;
                if verdict[1] != 0 {
                    return Err(self.refused("SOCKS5 proxy rejected the user name and password"));
                }
            }
            [0x05, 0xff] => {
                return Err(self.refused("SOCKS5 proxy accepts none of our authentication methods"));
            }
            _ => return Err(self.failed("answered the SOCKS5 greeting with something else")),
        }
        let mut request = vec![0x05, 0x01, 0x00];
        match target {
            SocksTarget::Addr(IpAddr::V4(a)) => {
                request.push(0x01);
                request.extend_from_slice(&a.octets());
            }
            SocksTarget::Addr(IpAddr::V6(a)) => {
                request.push(0x04);
                request.extend_from_slice(&a.octets());
            }
            SocksTarget::Name(name) => {
                let name = name.trim_start_matches('[').trim_end_matches(']');
                if name.len() > 255 {
                    return Err(Error::builder("host name over 255 bytes for SOCKS5"));
                }
                request.push(0x03);
                request.push(name.len() as u8);
                request.extend_from_slice(name.as_bytes());
            }
        }
        request.extend_from_slice(&port.to_be_bytes());
        tcp.write_all(&request).await.map_err(io)?;
        let mut reply = [0u8; 4];
        tcp.read_exact(&mut reply).await.map_err(io)?;
        if reply[0] != 0x05 {
            return Err(self.failed("answered the SOCKS5 request with something else"));
        }
        if reply[1] != 0x00 {
            return Err(self.refused(format!(
                "SOCKS5 proxy could not connect: {}",
                socks5_reply(reply[1])
            )));
        }
        // The bound address that follows is of no use to a client, but must be consumed.
        let skip = match reply[3] {
            0x01 => 4,
            0x04 => 16,
            0x03 => {
                let mut len = [0u8; 1];
                tcp.read_exact(&mut len).await.map_err(io)?;
                len[0] as usize
            }
            _ => return Err(self.failed("SOCKS5 reply with an unknown address type")),
        };
        let mut rest = vec![0u8; skip + 2];
        tcp.read_exact(&mut rest).await.map_err(io)?;
        Ok(())
    }

    /// The proxy broke the exchange (closed, spoke nonsense).
    fn failed(&self, what: impl std::fmt::Display) -> Error {
        Error::new(
            Kind::Proxy { status: None },
            Some(format!("proxy {}:{} {what}", self.host, self.port).into()),
        )
    }

    /// The proxy understood and said no.
    fn refused(&self, what: impl std::fmt::Display) -> Error {
        Error::new(
            Kind::Proxy { status: None },
            Some(format!("{what} (proxy {}:{})", self.host, self.port).into()),
        )
    }
}

enum SocksTarget<'a> {
    Name(&'a str),
    Addr(IpAddr),
}

fn socks5_reply(code: u8) -> &'static str {
    match code {
        0x01 => "general failure",
        0x02 => "connection not allowed by ruleset",
        0x03 => "network unreachable",
        0x04 => "host unreachable",
        0x05 => "connection refused",
        0x06 => "TTL expired",
        0x07 => "command not supported",
        0x08 => "address type not supported",
        _ => "unknown error",
    }
}

fn authority(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The port as written in `url`, even when it is the scheme's default.
fn explicit_port(url: &str) -> Option<u16> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let port = match host_port.rfind(']') {
        Some(close) => host_port[close + 1..].strip_prefix(':')?,
        None => host_port.rsplit_once(':')?.1,
    };
    port.parse().ok()
}

/// The proxy URL with any password replaced, for error messages.
pub(crate) fn redact(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://***@{}", &text[..scheme], &text[at + 1..])
        }
        (None, Some(at)) => format!("***@{}", &text[at + 1..]),
        _ => text.to_string(),
    }
}

/// Hosts that bypass the proxy: `NO_PROXY` syntax, comma-separated. `*` matches everything; a
/// name matches itself and its subdomains (a leading dot is optional); an IP matches itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct NoProxy {
    entries: Vec<String>,
}

impl NoProxy {
    pub(crate) fn parse(list: &str) -> NoProxy {
        NoProxy {
            entries: list
                .split(',')
                .map(|e| {
                    e.trim()
                        .trim_start_matches('.')
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .to_ascii_lowercase()
                })
                .filter(|e| !e.is_empty())
                .collect(),
        }
    }

    pub(crate) fn bypasses(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.entries.iter().any(|e| {
            e == "*"
                || host.eq_ignore_ascii_case(e)
                || (host.len() > e.len()
                    && host.to_ascii_lowercase().ends_with(e.as_str())
                    && host.as_bytes()[host.len() - e.len() - 1] == b'.')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_parse_like_curl() {
        let p = Proxy::parse("http://user:p%40ss@proxy.test:3128").expect("http");
        assert_eq!(
            (p.kind, p.host.as_str(), p.port),
            (ProxyKind::Http, "proxy.test", 3128)
        );
        assert_eq!(p.authorization().as_deref(), Some("Basic dXNlcjpwQHNz"));
        assert!(!format!("{p:?}").contains("p@ss"));
        assert_eq!(Proxy::parse("proxy.test").expect("bare").port, 1080);
        assert_eq!(Proxy::parse("http://proxy.test:80").expect("80").port, 80);
        let s = Proxy::parse("socks5h://[::1]:9050").expect("socks5h");
        assert_eq!(
            (s.kind, s.host.as_str()),
            (ProxyKind::Socks5 { remote_dns: true }, "::1")
        );
        let err = Proxy::parse("ftp://u:secret@x")
            .expect_err("scheme")
            .to_string();
        assert!(err.contains("ftp") && !err.contains("secret"), "{err}");
        let err = Proxy::parse("http://u:secret@[bad")
            .expect_err("url")
            .to_string();
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn no_proxy_matches_names_suffixes_and_star() {
        let n = NoProxy::parse("localhost, .internal.test,10.0.0.1,[::1]");
        assert!(n.bypasses("localhost") && n.bypasses("LOCALHOST"));
        assert!(n.bypasses("a.internal.test") && n.bypasses("internal.test"));
        assert!(!n.bypasses("xinternal.test") && !n.bypasses("example.com"));
        assert!(n.bypasses("10.0.0.1") && n.bypasses("[::1]"));
        assert!(NoProxy::parse("*").bypasses("anything"));
        assert!(!NoProxy::parse("").bypasses("anything"));
    }
}
