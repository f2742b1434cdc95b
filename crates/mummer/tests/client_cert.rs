//! Client certificates: a server that demands one gets the configured identity; without it the
//! handshake fails with a TLS error.

use btls::ssl::{SslAcceptor, SslMethod, SslVerifyMode};
use btls::x509::X509;
use btls::x509::store::X509StoreBuilder;
use mummer::Client;
use mummer_testkit::TestCa;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A one-shot HTTPS server requiring a client certificate issued by `client_ca`; answers with
/// the client certificate's common name.
async fn server(server_ca: &TestCa, client_ca: &TestCa) -> (u16, tokio::task::JoinHandle<()>) {
    let identity = server_ca.issue(&["localhost"]);
    let mut b = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).expect("acceptor");
    let cert = X509::from_pem(identity.cert_pem.as_bytes()).expect("cert");
    let key = btls::pkey::PKey::private_key_from_pem(identity.key_pem.as_bytes()).expect("key");
    b.set_certificate(&cert).expect("set cert");
    b.set_private_key(&key).expect("set key");
    let mut store = X509StoreBuilder::new().expect("store");
    store
        .add_cert(X509::from_pem(client_ca.ca_pem().as_bytes()).expect("client CA"))
        .expect("add CA");
    b.set_verify_cert_store(store.build())
        .expect("verify store");
    b.set_verify(SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT);
    let acceptor = b.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let task = tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let Ok(mut tls) = mummer_testkit::tls::accept(&acceptor, tcp).await else {
                continue;
            };
            let name = tls
                .ssl()
                .peer_certificate()
                .and_then(|c| {
                    c.subject_name()
                        .entries_by_nid(btls::nid::Nid::COMMONNAME)
                        .next()
                        .and_then(|e| e.data().as_utf8().ok().map(|s| s.to_string()))
                })
                .unwrap_or_default();
            let mut buf = [0u8; 4096];
            let _ = tls.read(&mut buf).await;
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{name}",
                name.len()
            );
            let _ = tls.write_all(reply.as_bytes()).await;
            let _ = tls.shutdown().await;
        }
    });
    (port, task)
}

#[tokio::test]
async fn client_certificate_is_presented_and_required() {
    let server_ca = TestCa::new();
    let client_ca = TestCa::new();
    let (port, _task) = server(&server_ca, &client_ca).await;
    let me = client_ca.issue(&["client.example"]);
    let url = format!("https://localhost:{port}/");
    let with_cert = Client::builder()
        .add_root_certificate_pem(server_ca.ca_pem().as_bytes())
        .identity_pem(me.cert_pem.as_bytes(), me.key_pem.as_bytes())
        .http1_only()
        .build()
        .expect("client");
    let body = with_cert
        .get(&url)
        .send()
        .await
        .expect("accepted with a certificate")
        .text()
        .await
        .expect("body");
    assert_eq!(body, "client.example");
    let without = Client::builder()
        .add_root_certificate_pem(server_ca.ca_pem().as_bytes())
        .http1_only()
        .build()
        .expect("client");
    let err = without
        .get(&url)
        .send()
        .await
        .expect_err("certificate required");
    assert!(
        err.is_tls() || err.is_protocol() || err.is_request(),
        "{err}"
    );
    // A key that does not match the certificate is refused when the client is built.
    let other = client_ca.issue(&["other"]);
    let mismatched = Client::builder()
        .identity_pem(me.cert_pem.as_bytes(), other.key_pem.as_bytes())
        .build();
    assert!(mismatched.err().expect("mismatch").is_builder());
}
