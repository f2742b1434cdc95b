//! Server-side TLS for the test servers: acceptors built from an [`Identity`] with ALPN
//! selection, a helper to run the handshake on a tokio stream, and a client connector trusting
//! a given CA (handy in tests that talk to the servers without the real client).

use std::pin::Pin;

use btls::pkey::PKey;
use btls::ssl::{AlpnError, Ssl, SslAcceptor, SslConnector, SslMethod, SslVerifyMode, SslVersion};
use btls::x509::X509;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_btls::SslStream;

use crate::Identity;

/// Server TLS acceptor for `identity`, TLS 1.2 and 1.3, selecting ALPN among `alpn` (e.g.
/// `b"h2"`, `b"http/1.1"`) in the server's order of preference.
///
/// A client offering none of `alpn` gets no ALPN extension back rather than an alert, so tests
/// can observe how the client copes; a client offering no ALPN at all is accepted as usual.
///
/// # Panics
/// If the identity's PEM does not parse or the key does not match the certificate.
pub fn acceptor(identity: &Identity, alpn: &[&[u8]]) -> SslAcceptor {
    let cert = X509::from_pem(identity.cert_pem.as_bytes()).expect("identity certificate PEM");
    let key = PKey::private_key_from_pem(identity.key_pem.as_bytes()).expect("identity key PEM");
    let mut b = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).expect("acceptor builder");
    b.set_min_proto_version(Some(SslVersion::TLS1_2))
        .expect("min version");
    b.set_max_proto_version(Some(SslVersion::TLS1_3))
        .expect("max version");
    b.set_certificate(&cert).expect("set certificate");
    b.set_private_key(&key).expect("set private key");
    b.check_private_key().expect("key matches certificate");
    let server: Vec<Vec<u8>> = alpn.iter().map(|p| p.to_vec()).collect();
    b.set_alpn_select_callback(move |_, client| {
        for want in &server {
            let mut rest = client;
            // The client list is length-prefixed protocol names (RFC 7301 wire format).
            while let Some((&len, tail)) = rest.split_first() {
                let len = len as usize;
                if tail.len() < len {
                    break;
                }
                let (proto, next) = tail.split_at(len);
                if proto == &want[..] {
                    return Ok(proto);
                }
                rest = next;
            }
        }
        Err(AlpnError::NOACK)
    });
    b.build()
}

/// Runs the server side of a TLS handshake on `stream`.
pub async fn accept<S>(acceptor: &SslAcceptor, stream: S) -> std::io::Result<SslStream<S>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let ssl = Ssl::new(acceptor.context()).map_err(std::io::Error::other)?;
    let mut tls = SslStream::new(ssl, stream).map_err(std::io::Error::other)?;
    Pin::new(&mut tls)
        .accept()
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(tls)
}

/// A client connector trusting only the CA certificate in `ca_pem`, offering `alpn`.
///
/// # Panics
/// If `ca_pem` does not parse.
pub fn connector(ca_pem: &str, alpn: &[&[u8]]) -> SslConnector {
    let mut b = SslConnector::builder(SslMethod::tls()).expect("connector builder");
    for cert in X509::stack_from_pem(ca_pem.as_bytes()).expect("CA PEM") {
        b.cert_store_mut().add_cert(cert).expect("trust CA");
    }
    b.set_verify(SslVerifyMode::PEER);
    if !alpn.is_empty() {
        let mut wire = Vec::new();
        for p in alpn {
            wire.push(p.len() as u8);
            wire.extend_from_slice(p);
        }
        b.set_alpn_protos(&wire).expect("ALPN");
    }
    b.build()
}

/// Runs the client side of a TLS handshake for `domain` on `stream`.
pub async fn connect<S>(
    connector: &SslConnector,
    domain: &str,
    stream: S,
) -> std::io::Result<SslStream<S>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let ssl = connector
        .configure()
        .and_then(|c| c.into_ssl(domain))
        .map_err(std::io::Error::other)?;
    let mut tls = SslStream::new(ssl, stream).map_err(std::io::Error::other)?;
    Pin::new(&mut tls)
        .connect()
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(tls)
}
