//! A throwaway certificate authority and the leaf identities it issues.
//!
//! In scope: EC P-256 keys, SHA-256 signatures, certificates valid for one day starting one hour
//! in the past (so small clock skew between test machines never matters), PEM/DER export and
//! writing files for CLI tests. Nothing here is meant to be secure.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use btls::asn1::{Asn1Integer, Asn1Time};
use btls::bn::{BigNum, MsbOption};
use btls::ec::{EcGroup, EcKey};
use btls::hash::MessageDigest;
use btls::nid::Nid;
use btls::pkey::{PKey, Private};
use btls::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
    SubjectKeyIdentifier,
};
use btls::x509::{X509, X509Builder, X509Name, X509NameBuilder};

/// A throwaway certificate authority made with btls (EC P-256 keys, SHA-256 signatures, 1-day
/// validity starting 1 hour in the past).
pub struct TestCa {
    cert: X509,
    key: PKey<Private>,
}

/// A certificate (PEM) and its private key (PKCS#8 PEM), as a server or client presents them.
#[derive(Clone, Debug)]
pub struct Identity {
    /// The leaf certificate in PEM form.
    pub cert_pem: String,
    /// The leaf's private key in PKCS#8 PEM form.
    pub key_pem: String,
}

impl Identity {
    /// Writes `{stem}.pem` (certificate) and `{stem}.key` (key) into `dir`; returns their paths
    /// as `(cert, key)`.
    pub fn write_to(&self, dir: &Path, stem: &str) -> std::io::Result<(PathBuf, PathBuf)> {
        let cert = dir.join(format!("{stem}.pem"));
        let key = dir.join(format!("{stem}.key"));
        std::fs::write(&cert, &self.cert_pem)?;
        std::fs::write(&key, &self.key_pem)?;
        Ok((cert, key))
    }
}

/// An identity for `names` issued by a fresh CA that nobody trusts, for "untrusted certificate"
/// tests.
pub fn untrusted_identity(names: &[&str]) -> Identity {
    TestCa::new().issue(names)
}

impl Default for TestCa {
    fn default() -> Self {
        Self::new()
    }
}

impl TestCa {
    /// Creates a new CA with a fresh key.
    ///
    /// # Panics
    /// If BoringSSL fails, which only happens on allocation failure.
    pub fn new() -> TestCa {
        let key = new_key();
        let name = name(&format!("mummer test CA {}", hex_serial()));
        let mut b = builder(&name, &name, &key);
        b.append_extension(
            &BasicConstraints::new()
                .critical()
                .ca()
                .build()
                .expect("basicConstraints"),
        )
        .expect("append");
        b.append_extension(
            &KeyUsage::new()
                .critical()
                .key_cert_sign()
                .crl_sign()
                .digital_signature()
                .build()
                .expect("keyUsage"),
        )
        .expect("append");
        let ski = SubjectKeyIdentifier::new()
            .build(&b.x509v3_context(None, None))
            .expect("subjectKeyIdentifier");
        b.append_extension(&ski).expect("append");
        b.sign(&key, MessageDigest::sha256()).expect("sign CA");
        TestCa {
            cert: b.build(),
            key,
        }
    }

    /// The CA certificate in PEM form.
    pub fn ca_pem(&self) -> String {
        String::from_utf8(self.cert.to_pem().expect("CA to PEM")).expect("PEM is ASCII")
    }

    /// The CA certificate in DER form.
    pub fn ca_der(&self) -> Vec<u8> {
        self.cert.to_der().expect("CA to DER")
    }

    /// The CA certificate as a btls object (for building trust stores directly).
    pub fn ca_cert(&self) -> &X509 {
        &self.cert
    }

    /// Issues a leaf certificate for `names`.
    ///
    /// Each name that parses as an IP address becomes an IP SAN, every other one a DNS SAN; the
    /// subject CN is the first name. Extensions: basicConstraints CA:FALSE, keyUsage
    /// digitalSignature, extendedKeyUsage serverAuth + clientAuth, subject and authority key
    /// identifiers. Usable as a server or a client certificate.
    pub fn issue(&self, names: &[&str]) -> Identity {
        let key = new_key();
        let subject = name(names.first().copied().unwrap_or("mummer test leaf"));
        let mut b = builder(self.cert.subject_name(), &subject, &key);
        b.append_extension(&BasicConstraints::new().build().expect("basicConstraints"))
            .expect("append");
        b.append_extension(
            &KeyUsage::new()
                .critical()
                .digital_signature()
                .build()
                .expect("keyUsage"),
        )
        .expect("append");
        b.append_extension(
            &ExtendedKeyUsage::new()
                .server_auth()
                .client_auth()
                .build()
                .expect("extendedKeyUsage"),
        )
        .expect("append");
        if !names.is_empty() {
            let mut san = SubjectAlternativeName::new();
            for n in names {
                if n.parse::<IpAddr>().is_ok() {
                    san.ip(n);
                } else {
                    san.dns(n);
                }
            }
            let ext = san
                .build(&b.x509v3_context(Some(&self.cert), None))
                .expect("subjectAltName");
            b.append_extension(&ext).expect("append");
        }
        let ski = SubjectKeyIdentifier::new()
            .build(&b.x509v3_context(Some(&self.cert), None))
            .expect("subjectKeyIdentifier");
        b.append_extension(&ski).expect("append");
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&b.x509v3_context(Some(&self.cert), None))
            .expect("authorityKeyIdentifier");
        b.append_extension(&aki).expect("append");
        b.sign(&self.key, MessageDigest::sha256())
            .expect("sign leaf");
        let cert = b.build();
        Identity {
            cert_pem: String::from_utf8(cert.to_pem().expect("leaf to PEM")).expect("ASCII"),
            key_pem: String::from_utf8(key.private_key_to_pem_pkcs8().expect("key to PEM"))
                .expect("ASCII"),
        }
    }

    /// Writes `ca.pem` into `dir` and returns its path.
    pub fn write_ca_pem(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join("ca.pem");
        std::fs::write(&path, self.ca_pem())?;
        Ok(path)
    }
}

fn new_key() -> PKey<Private> {
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("P-256 group");
    let ec = EcKey::generate(&group).expect("generate EC key");
    PKey::from_ec_key(ec).expect("wrap EC key")
}

fn name(cn: &str) -> X509Name {
    let mut b = X509NameBuilder::new().expect("name builder");
    b.append_entry_by_nid(Nid::ORGANIZATIONNAME, "mummer-testkit")
        .expect("O");
    b.append_entry_by_nid(Nid::COMMONNAME, cn).expect("CN");
    b.build()
}

fn random_serial() -> BigNum {
    // 127 random bits: positive, unique per certificate, within the 20-octet RFC 5280 limit.
    let mut bn = BigNum::new().expect("bignum");
    bn.rand(127, MsbOption::MAYBE_ZERO, false)
        .expect("random serial");
    bn
}

fn hex_serial() -> String {
    random_serial()
        .to_hex_str()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn builder(
    issuer: &btls::x509::X509NameRef,
    subject: &btls::x509::X509NameRef,
    key: &PKey<Private>,
) -> X509Builder {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut b = X509::builder().expect("x509 builder");
    b.set_version(2).expect("v3");
    let serial = Asn1Integer::from_bn(&random_serial()).expect("serial");
    b.set_serial_number(&serial).expect("serial");
    b.set_issuer_name(issuer).expect("issuer");
    b.set_subject_name(subject).expect("subject");
    b.set_pubkey(key).expect("pubkey");
    let not_before = Asn1Time::from_unix(now - 3600).expect("notBefore");
    let not_after = Asn1Time::from_unix(now - 3600 + 86_400).expect("notAfter");
    b.set_not_before(&not_before).expect("notBefore");
    b.set_not_after(&not_after).expect("notAfter");
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use btls::ssl::{SslConnector, SslMethod, SslVerifyMode};
    use std::net::TcpListener;

    /// Handshakes a blocking btls client trusting `ca` against a server presenting `id`.
    fn handshake(ca: &TestCa, id: &Identity, host: &str) -> bool {
        let acceptor = crate::tls::acceptor(id, &[b"http/1.1"]);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = std::thread::spawn(move || {
            let (s, _) = listener.accept().expect("accept");
            // The handshake fails on the server side too when the client rejects the cert.
            let _ = acceptor.accept(s);
        });
        let mut b = SslConnector::builder(SslMethod::tls()).expect("connector");
        b.cert_store_mut()
            .add_cert(ca.ca_cert().clone())
            .expect("trust CA");
        b.set_verify(SslVerifyMode::PEER);
        let connector = b.build();
        let tcp = std::net::TcpStream::connect(addr).expect("connect");
        let ok = connector.connect(host, tcp).is_ok();
        server.join().expect("server thread");
        ok
    }

    #[test]
    fn issued_cert_verifies_for_its_names_only() {
        let ca = TestCa::new();
        let id = ca.issue(&["localhost", "127.0.0.1"]);
        assert!(handshake(&ca, &id, "localhost"));
        assert!(handshake(&ca, &id, "127.0.0.1"));
        assert!(!handshake(&ca, &id, "example.com"));
        // A cert from another CA is not trusted.
        assert!(!handshake(
            &ca,
            &untrusted_identity(&["localhost"]),
            "localhost"
        ));
        let cert = X509::from_pem(id.cert_pem.as_bytes()).expect("parse");
        assert!(cert.check_host("localhost").expect("check_host"));
        assert!(ca.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(!ca.ca_der().is_empty());
    }
}
