//! TCP connect: every resolved address is tried, IPv6 and IPv4 interleaved, within one
//! deadline; `--resolve`-style overrides skip DNS.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::error::{Error, TimeoutKind};

/// Resolves `host:port` (unless `overrides` names it) and connects to the first address that
/// answers before `deadline`.
pub(crate) async fn connect(
    host: &str,
    port: u16,
    overrides: &[SocketAddr],
    deadline: Option<(Instant, Duration)>,
) -> Result<TcpStream, Error> {
    let addrs = interleave(resolve(host, port, overrides, deadline).await?);
    let mut last_err: Option<io::Error> = None;
    for addr in addrs {
        let attempt = TcpStream::connect(addr);
        let result = match deadline {
            Some((at, limit)) => match tokio::time::timeout_at(at, attempt).await {
                Ok(r) => r,
                Err(_) => return Err(Error::timeout(TimeoutKind::Connect, limit)),
            },
            None => attempt.await,
        };
        match result {
            Ok(stream) => return Ok(stream),
            Err(e) => last_err = Some(io::Error::new(e.kind(), format!("{addr}: {e}"))),
        }
    }
    Err(Error::connect(
        last_err.unwrap_or_else(|| io::Error::other("no address worked")),
    ))
}

/// The addresses for `host:port`: `overrides` if any, else DNS within `deadline`. Never empty.
pub(crate) async fn resolve(
    host: &str,
    port: u16,
    overrides: &[SocketAddr],
    deadline: Option<(Instant, Duration)>,
) -> Result<Vec<SocketAddr>, Error> {
    let addrs = if overrides.is_empty() {
        let lookup =
            tokio::net::lookup_host((host.trim_start_matches('[').trim_end_matches(']'), port));
        let found = match deadline {
            Some((at, limit)) => tokio::time::timeout_at(at, lookup)
                .await
                .map_err(|_| Error::timeout(TimeoutKind::Connect, limit))?,
            None => lookup.await,
        };
        found
            .map_err(|e| Error::connect(format!("could not resolve {host}: {e}")))?
            .collect::<Vec<_>>()
    } else {
        overrides.to_vec()
    };
    if addrs.is_empty() {
        return Err(Error::connect(format!("{host} resolved to no address")));
    }
    Ok(addrs)
}

/// Alternates address families, first family as resolved, so that a dead IPv6 route costs one
/// attempt rather than all of them.
fn interleave(addrs: Vec<SocketAddr>) -> Vec<SocketAddr> {
    let first_v6 = addrs.first().is_some_and(|a| a.is_ipv6());
    let (mut a, mut b): (Vec<_>, Vec<_>) = addrs.into_iter().partition(|x| x.is_ipv6() == first_v6);
    let mut out = Vec::with_capacity(a.len() + b.len());
    a.reverse();
    b.reverse();
    while !a.is_empty() || !b.is_empty() {
        out.extend(a.pop());
        out.extend(b.pop());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaves_families_starting_with_the_first() {
        let v6: SocketAddr = "[::1]:1".parse().expect("addr");
        let v4: SocketAddr = "127.0.0.1:1".parse().expect("addr");
        let v4b: SocketAddr = "127.0.0.2:1".parse().expect("addr");
        assert_eq!(interleave(vec![v6, v4, v4b]), vec![v6, v4, v4b]);
        assert_eq!(interleave(vec![v4, v4b, v6]), vec![v4, v6, v4b]);
    }
}
