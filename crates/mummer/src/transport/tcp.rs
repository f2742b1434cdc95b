//! TCP connect: every resolved address is tried, IPv6 and IPv4 interleaved, within one
//! deadline; `--resolve`-style overrides skip DNS.

use std::io;
use std::net::{IpAddr, SocketAddr};

use tokio::net::{TcpSocket, TcpStream};

use crate::deadline::Deadline;
use crate::error::{Error, Kind, RedirectError};

/// Where outgoing connections come from: a local IP address, or (Linux) a network interface by
/// name, as curl's `--interface`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LocalAddress {
    /// Bind to this address (port chosen by the kernel).
    Ip(IpAddr),
    /// Bind to this interface (`SO_BINDTODEVICE`; needs privileges on most systems).
    Interface(String),
}

/// How to connect: address overrides, a local address, and which addresses are acceptable.
#[derive(Default, Clone, Copy)]
pub(crate) struct TcpOptions<'a> {
    /// Addresses to use instead of DNS (curl's `--resolve`).
    pub(crate) overrides: &'a [SocketAddr],
    pub(crate) local: Option<&'a LocalAddress>,
    /// Refuse private, loopback and link-local addresses (redirect safe mode).
    pub(crate) public_only: bool,
}

/// Resolves `host:port` (unless `overrides` names it) and connects to the first address that
/// answers before `deadline`.
pub(crate) async fn connect(
    host: &str,
    port: u16,
    opts: TcpOptions<'_>,
    deadline: Deadline,
) -> Result<TcpStream, Error> {
    let mut addrs = interleave(resolve(host, port, opts.overrides, deadline).await?);
    if opts.public_only {
        addrs.retain(|a| is_public(a.ip()));
        if addrs.is_empty() {
            return Err(Error::redirect(
                RedirectError::UnsafeTarget,
                format!("{host} resolves only to private or loopback addresses"),
            ));
        }
    }
    if let Some(LocalAddress::Ip(local)) = opts.local {
        addrs.retain(|a| a.is_ipv4() == local.is_ipv4());
        if addrs.is_empty() {
            return Err(Error::connect(format!(
                "{host} has no address of the local address's family ({local})"
            )));
        }
    }
    let mut last_err: Option<io::Error> = None;
    for addr in addrs {
        let attempt = async { Ok(connect_one(addr, opts.local).await) };
        match deadline.run(attempt).await? {
            Ok(stream) => return Ok(stream),
            Err(e) => last_err = Some(io::Error::new(e.kind(), format!("{addr}: {e}"))),
        }
    }
    Err(Error::connect(
        last_err.unwrap_or_else(|| io::Error::other("no address worked")),
    ))
}

async fn connect_one(addr: SocketAddr, local: Option<&LocalAddress>) -> io::Result<TcpStream> {
    let Some(local) = local else {
        return TcpStream::connect(addr).await;
    };
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    }?;
    let annotate =
        |what: String| move |e: io::Error| io::Error::new(e.kind(), format!("{what}: {e}"));
    match local {
        LocalAddress::Ip(ip) => socket
            .bind(SocketAddr::new(*ip, 0))
            .map_err(annotate(format!("cannot bind to {ip}")))?,
        #[cfg(any(target_os = "linux", target_os = "android"))]
        LocalAddress::Interface(name) => socket
            .bind_device(Some(name.as_bytes()))
            .map_err(annotate(format!("cannot bind to interface {name}")))?,
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        LocalAddress::Interface(name) => {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("binding to interface {name} is supported on Linux only"),
            ));
        }
    }
    socket.connect(addr).await
}

/// Whether `ip` is a public address: not loopback, private (RFC 1918), link-local, unique-local
/// (fc00::/7), unspecified, shared (100.64/10), or an IPv4-mapped form of those.
pub(crate) fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// The addresses for `host:port`: `overrides` if any, else DNS within `deadline`. Never empty.
pub(crate) async fn resolve(
    host: &str,
    port: u16,
    overrides: &[SocketAddr],
    deadline: Deadline,
) -> Result<Vec<SocketAddr>, Error> {
    let addrs = if overrides.is_empty() {
        let name = host.trim_start_matches('[').trim_end_matches(']');
        let lookup = async {
            tokio::net::lookup_host((name, port))
                .await
                .map_err(|e| Error::resolve(format!("could not resolve {host}: {e}")))
        };
        deadline.run(lookup).await?.collect::<Vec<_>>()
    } else {
        overrides.to_vec()
    };
    if addrs.is_empty() {
        return Err(Error::new(
            Kind::Resolve,
            Some(format!("{host} resolved to no address").into()),
        ));
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
    fn public_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::",
        ] {
            assert!(!is_public(private.parse().expect("ip")), "{private}");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(public.parse().expect("ip")), "{public}");
        }
    }

    #[test]
    fn interleaves_families_starting_with_the_first() {
        let v6: SocketAddr = "[::1]:1".parse().expect("addr");
        let v4: SocketAddr = "127.0.0.1:1".parse().expect("addr");
        let v4b: SocketAddr = "127.0.0.2:1".parse().expect("addr");
        assert_eq!(interleave(vec![v6, v4, v4b]), vec![v6, v4, v4b]);
        assert_eq!(interleave(vec![v4, v4b, v6]), vec![v4, v6, v4b]);
    }
}
