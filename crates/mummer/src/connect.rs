//! Making a new [`Conn`] for a pool key: TCP (or a proxy tunnel), TLS with the key's profile
//! and options, ALPN, and the protocol handshake. Everything runs under one deadline (the
//! connect timeout, or the total one if that comes first) and stops when the client aborts.

use std::collections::HashMap;
use std::net::SocketAddr;

use tokio_util::sync::CancellationToken;

use crate::conn::Conn;
use crate::deadline::Deadline;
use crate::error::{Error, Kind, Result};
use crate::h1::H1Conn;
use crate::h2::{H2Conn, H2Settings};
use crate::pool::{PoolKey, VersionPref};
use crate::transport::tcp::{self, TcpOptions};
use crate::transport::tls::TlsConnector;
use crate::transport::{ConnInfo, Stream};

/// What a connect needs besides the key.
pub(crate) struct Connector<'a> {
    pub(crate) tls: &'a TlsConnector,
    pub(crate) resolve: &'a HashMap<(String, u16), Vec<SocketAddr>>,
    pub(crate) h2: &'a H2Settings,
    pub(crate) profile: Option<&'a mummer_profile::Profile>,
    /// Sent with CONNECT, as browsers do.
    pub(crate) user_agent: Option<&'a str>,
    /// Refuse non-public target addresses (redirect safe mode).
    pub(crate) public_only: bool,
    pub(crate) abort: &'a CancellationToken,
}

impl Connector<'_> {
    fn overrides(&self, host: &str, port: u16) -> &[SocketAddr] {
        self.resolve
            .get(&(host.to_string(), port))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// A new connection for `key`, within `deadline`.
    pub(crate) async fn connect(&self, key: &PoolKey, deadline: Deadline) -> Result<Conn> {
        if self.abort.is_cancelled() {
            return Err(Error::new(Kind::Aborted, None));
        }
        let work = deadline.run(self.connect_inner(key, deadline));
        let result = tokio::select! {
            _ = self.abort.cancelled() => Err(Error::new(Kind::Aborted, None)),
            r = work => r,
        };
        if let Ok(Conn::H1(c)) = &result {
            c.io.set_nodelay();
        }
        result
    }

    async fn connect_inner(&self, key: &PoolKey, deadline: Deadline) -> Result<Conn> {
        let overrides = self.overrides(&key.host, key.port);
        let target = TcpOptions {
            overrides,
            local: key.local_address.as_ref(),
            public_only: self.public_only,
        };
        let tcp = match &key.proxy {
            None => tcp::connect(&key.host, key.port, target, deadline).await?,
            Some(proxy) => {
                let to_proxy = TcpOptions {
                    overrides: self.overrides(&proxy.host, proxy.port),
                    local: key.local_address.as_ref(),
                    public_only: false,
                };
                let mut tcp = tcp::connect(&proxy.host, proxy.port, to_proxy, deadline)
                    .await
                    .map_err(|e| {
                        let kind = e.kind().clone();
                        Error::new(kind, Some(format!("to proxy: {e}").into()))
                    })?;
                if key.forwarding_proxy().is_none() {
                    proxy
                        .tunnel(&mut tcp, &key.host, key.port, overrides, self.user_agent)
                        .await?;
                }
                tcp
            }
        };
        let info = ConnInfo {
            remote_addr: tcp.peer_addr().ok(),
            local_addr: tcp.local_addr().ok(),
        };
        // Nagle would hold back small requests behind an unacknowledged segment.
        let _ = tcp.set_nodelay(true);
        let h2_profile = self.profile.map(|p| &p.http2);
        if key.https {
            let alpn: &[u8] = match key.version {
                VersionPref::Auto => b"\x02h2\x08http/1.1",
                VersionPref::Http1 => b"\x08http/1.1",
                VersionPref::Http2 => b"\x02h2",
            };
            let (tls, h2) = self.tls.connect(&key.host, tcp, alpn).await?;
            let io = Stream::Tls(Box::new(tls));
            if h2 {
                Ok(Conn::H2(
                    H2Conn::handshake(io, info, self.h2, h2_profile).await?,
                ))
            } else if key.version == VersionPref::Http2 {
                Err(Error::connect("server did not agree to HTTP/2"))
            } else {
                Ok(Conn::H1(H1Conn::new(io, info)))
            }
        } else {
            let io = Stream::Plain(Box::new(crate::transport::bulk::BulkTcp::new(tcp)));
            if key.version == VersionPref::Http2 {
                Ok(Conn::H2(
                    H2Conn::handshake(io, info, self.h2, h2_profile).await?,
                ))
            } else {
                Ok(Conn::H1(H1Conn::new(io, info)))
            }
        }
    }
}
