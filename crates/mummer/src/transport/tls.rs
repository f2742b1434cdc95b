//! TLS through BoringSSL (the `btls` bindings; see `docs/decisions/0001-tls-library.md`).
//!
//! Verification is on unless the caller opts out explicitly. Roots come from the bundled Mozilla
//! set, and optionally the system store and extra CA files. This is the one module that calls
//! BoringSSL's C API directly.
#![allow(unsafe_code)]

use std::path::PathBuf;
use std::pin::Pin;

use btls::ssl::{SslConnector, SslMethod, SslRef, SslVerifyMode, SslVersion};
use btls::x509::X509;
use btls::x509::store::X509StoreBuilder;
use foreign_types::ForeignTypeRef;
use tokio::net::TcpStream;

use crate::error::Error;

/// A client certificate and its private key, both PEM.
#[derive(Clone)]
pub(crate) struct ClientIdentity {
    pub(crate) cert_chain_pem: Vec<u8>,
    pub(crate) key_pem: Vec<u8>,
}

/// Everything about TLS that the caller chooses; part of the pool key through the client.
#[derive(Clone)]
pub(crate) struct TlsOptions {
    pub(crate) verify: bool,
    pub(crate) bundled_roots: bool,
    pub(crate) system_roots: bool,
    pub(crate) ca_files: Vec<PathBuf>,
    pub(crate) ca_pems: Vec<Vec<u8>>,
    pub(crate) identity: Option<ClientIdentity>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify: true,
            bundled_roots: true,
            system_roots: false,
            ca_files: Vec::new(),
            ca_pems: Vec::new(),
            identity: None,
        }
    }
}

/// A configured BoringSSL context, built once per client.
#[derive(Clone)]
pub(crate) struct TlsConnector {
    inner: SslConnector,
    verify: bool,
}

impl TlsConnector {
    pub(crate) fn new(opts: &TlsOptions) -> Result<TlsConnector, Error> {
        let mut builder = SslConnector::bare_builder(SslMethod::tls()).map_err(Error::builder)?;
        builder
            .set_min_proto_version(Some(SslVersion::TLS1_2))
            .map_err(Error::builder)?;
        if opts.verify {
            let mut store = X509StoreBuilder::new().map_err(Error::builder)?;
            if opts.bundled_roots {
                for root in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
                    // A root BoringSSL cannot parse is skipped rather than failing every client.
                    if let Ok(cert) = X509::from_der(root.as_ref()) {
                        let _ = store.add_cert(cert);
                    }
                }
            }
            if opts.system_roots {
                store.set_default_paths().map_err(Error::builder)?;
            }
            for path in &opts.ca_files {
                let pem = std::fs::read(path).map_err(|e| {
                    Error::builder(format!("cannot read CA file {}: {e}", path.display()))
                })?;
                add_pem(&mut store, &pem)?;
            }
            for pem in &opts.ca_pems {
                add_pem(&mut store, pem)?;
            }
            builder
                .set_verify_cert_store(store.build())
                .map_err(Error::builder)?;
            builder.set_verify(SslVerifyMode::PEER);
        } else {
            builder.set_verify(SslVerifyMode::NONE);
        }
        if let Some(id) = &opts.identity {
            let chain = X509::stack_from_pem(&id.cert_chain_pem).map_err(Error::builder)?;
            let mut chain = chain.into_iter();
            let leaf = chain
                .next()
                .ok_or_else(|| Error::builder("client certificate PEM holds no certificate"))?;
            builder.set_certificate(&leaf).map_err(Error::builder)?;
            for extra in chain {
                builder
                    .add_extra_chain_cert(extra)
                    .map_err(Error::builder)?;
            }
            let key =
                btls::pkey::PKey::private_key_from_pem(&id.key_pem).map_err(Error::builder)?;
            builder.set_private_key(&key).map_err(Error::builder)?;
            builder.check_private_key().map_err(Error::builder)?;
        }
        Ok(TlsConnector {
            inner: builder.build(),
            verify: opts.verify,
        })
    }

    /// Runs the handshake for `host`, offering `alpn` (wire format). Returns the stream and
    /// whether the server chose h2.
    pub(crate) async fn connect(
        &self,
        host: &str,
        tcp: TcpStream,
        alpn: &[u8],
    ) -> Result<(tokio_btls::SslStream<TcpStream>, bool), Error> {
        let mut config = self.inner.configure().map_err(Error::tls)?;
        config.set_verify_hostname(self.verify);
        if !alpn.is_empty() {
            config.set_alpn_protos(alpn).map_err(Error::tls)?;
        }
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let ssl = config.into_ssl(host).map_err(Error::tls)?;
        let mut stream = tokio_btls::SslStream::new(ssl, tcp).map_err(Error::tls)?;
        if let Err(e) = Pin::new(&mut stream).connect().await {
            return Err(match stream.ssl().verify_result() {
                Err(verify) => Error::tls(format!(
                    "certificate verify failed for {host}: {}",
                    verify.error_string()
                )),
                Ok(()) => Error::tls(e),
            });
        }
        let h2 = stream.ssl().selected_alpn_protocol() == Some(b"h2");
        Ok((stream, h2))
    }
}

fn add_pem(store: &mut X509StoreBuilder, pem: &[u8]) -> Result<(), Error> {
    let certs = X509::stack_from_pem(pem).map_err(Error::builder)?;
    if certs.is_empty() {
        return Err(Error::builder("CA PEM holds no certificate"));
    }
    for cert in certs {
        store.add_cert(cert).map_err(Error::builder)?;
    }
    Ok(())
}

/// Whether the peer's close_notify alert has arrived on this connection.
pub(crate) fn received_close_notify(ssl: &SslRef) -> bool {
    // SAFETY: `ssl` is a live SSL object borrowed for this call; SSL_get_shutdown only reads its
    // shutdown flags. The safe wrapper for it needs `&mut SslStream`, which tokio-btls hides.
    let bits = unsafe { btls_sys::SSL_get_shutdown(ssl.as_ptr()) };
    bits & btls_sys::SSL_RECEIVED_SHUTDOWN != 0
}
