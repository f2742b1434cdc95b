//! Proxies: HTTP CONNECT tunnels (HTTP/1.1 and HTTP/2 over TLS), absolute-form forwarding for
//! plain http, SOCKS5 with the name resolved here or at the proxy, credentials, refusals as
//! typed errors, NO_PROXY bypass, and pooling through the proxy. The origin is only reachable
//! through the proxy under its name `origin.test`: the client has no address for it.

use mummer::{Client, Kind};
use mummer_testkit::{
    ContentOptions, ContentServer, ProxyOptions, ProxyProtocol, ProxyServer, TestCa, pattern,
};
use sha2::{Digest, Sha256};

const ORIGIN: &str = "origin.test";

struct Setup {
    ca: TestCa,
    tls: ContentServer,
    plain: ContentServer,
}

async fn setup() -> Setup {
    let ca = TestCa::new();
    let tls = ContentServer::start(ContentOptions::tls(ca.issue(&[ORIGIN]))).await;
    let plain = ContentServer::start(ContentOptions::plain()).await;
    Setup { ca, tls, plain }
}

async fn proxy(protocol: ProxyProtocol, origin: &ContentServer) -> ProxyServer {
    ProxyServer::start(ProxyOptions::new(protocol, ORIGIN, origin.addr())).await
}

fn via(s: &Setup, proxy_url: &str) -> mummer::ClientBuilder {
    Client::builder()
        .add_root_certificate_pem(s.ca.ca_pem().as_bytes())
        .proxy(proxy_url)
}

async fn fetch_verified(client: &Client, url: &str, len: usize) -> mummer::Response {
    let response = client.get(url).send().await.expect("response");
    assert_eq!(response.status(), 200);
    let version = response.version();
    let body = response.bytes().await.expect("complete body");
    assert_eq!(body.len(), len);
    pattern::verify(0, &body).expect("the bytes the origin sent");
    // A second request proves the connection (or tunnel) is usable again.
    let again = client.get(url).send().await.expect("second response");
    assert_eq!(again.version(), version);
    again
}

#[tokio::test]
async fn https_through_an_http_proxy_tunnels_h1_and_h2() {
    let s = setup().await;
    for http1 in [false, true] {
        let proxy = proxy(ProxyProtocol::Http, &s.tls).await;
        let mut builder = via(&s, &format!("http://{}", proxy.addr()));
        if http1 {
            builder = builder.http1_only();
        }
        let client = builder.build().expect("client");
        let url = format!("https://{ORIGIN}:{}/bytes/300000", s.tls.port());
        let again = fetch_verified(&client, &url, 300_000).await;
        let want = if http1 {
            http::Version::HTTP_11
        } else {
            http::Version::HTTP_2
        };
        assert_eq!(again.version(), want);
        let digest = Sha256::digest(again.bytes().await.expect("body"));
        assert_eq!(digest, Sha256::digest(pattern::bytes(0, 300_000)));
        // One tunnel, named by host and port, carried both requests.
        assert_eq!(
            proxy.log(),
            [format!("CONNECT {ORIGIN}:{} HTTP/1.1", s.tls.port())]
        );
        assert_eq!(proxy.connections(), 1);
    }
}

#[tokio::test]
async fn plain_http_goes_to_an_http_proxy_in_absolute_form_with_credentials() {
    let s = setup().await;
    let mut opts = ProxyOptions::new(ProxyProtocol::Http, ORIGIN, s.plain.addr());
    // base64("user:p@ss")
    opts.credentials = Some("Basic dXNlcjpwQHNz".into());
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("http://user:p%40ss@{}", proxy.addr()))
        .build()
        .expect("client");
    let url = format!("http://{ORIGIN}:{}/bytes/1000?x=1#frag", s.plain.port());
    fetch_verified(&client, &url, 1000)
        .await
        .bytes()
        .await
        .expect("body");
    assert_eq!(
        proxy.log(),
        [format!(
            "GET http://{ORIGIN}:{}/bytes/1000?x=1 HTTP/1.1",
            s.plain.port()
        )]
    );
    assert_eq!(proxy.connections(), 1, "kept alive through the proxy");
}

#[tokio::test]
async fn proxy_refusals_are_typed_errors() {
    let s = setup().await;
    let url = format!("https://{ORIGIN}:{}/small", s.tls.port());

    // Credentials missing: the proxy's 407 comes back as the status of a proxy error.
    let mut opts = ProxyOptions::new(ProxyProtocol::Http, ORIGIN, s.tls.addr());
    opts.credentials = Some("Basic dXNlcjpwYXNz".into());
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("http://{}", proxy.addr()))
        .build()
        .expect("client");
    let err = client.get(&url).send().await.expect_err("407");
    assert_eq!(err.kind(), &Kind::Proxy { status: Some(407) }, "{err}");
    assert!(err.is_connect() && err.is_proxy(), "{err}");
    assert!(err.to_string().contains("407"), "{err}");

    // Plain http through a refusing forwarding proxy: its 403 is the response, as from curl.
    let mut opts = ProxyOptions::new(ProxyProtocol::Http, ORIGIN, s.plain.addr());
    opts.refuse = true;
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("http://{}", proxy.addr()))
        .build()
        .expect("client");
    let plain_url = format!("http://{ORIGIN}:{}/small", s.plain.port());
    let response = client.get(&plain_url).send().await.expect("response");
    assert_eq!(response.status(), 403);

    // SOCKS5: wrong password, and a refused CONNECT.
    let mut opts = ProxyOptions::new(ProxyProtocol::Socks5, ORIGIN, s.tls.addr());
    opts.credentials = Some("user:right".into());
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("socks5h://user:wrong@{}", proxy.addr()))
        .build()
        .expect("client");
    let err = client.get(&url).send().await.expect_err("bad password");
    assert_eq!(err.kind(), &Kind::Proxy { status: None }, "{err}");
    assert!(err.to_string().contains("user name and password"), "{err}");
    assert!(!err.to_string().contains("wrong"), "password in {err}");

    let mut opts = ProxyOptions::new(ProxyProtocol::Socks5, ORIGIN, s.tls.addr());
    opts.refuse = true;
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("socks5h://{}", proxy.addr()))
        .build()
        .expect("client");
    let err = client.get(&url).send().await.expect_err("refused");
    assert!(err.is_proxy(), "{err}");
    assert!(err.to_string().contains("not allowed"), "{err}");

    // A proxy that is not there is a connect error naming the proxy.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_addr = dead.local_addr().expect("addr");
    drop(dead);
    let client = via(&s, &format!("http://{dead_addr}"))
        .build()
        .expect("client");
    let err = client.get(&url).send().await.expect_err("no proxy");
    assert_eq!(err.kind(), &Kind::Connect, "{err}");
    assert!(err.to_string().contains("proxy"), "{err}");

    // Bad proxy URLs are builder errors.
    for bad in ["ftp://proxy:21", "http://[broken"] {
        let err = Client::builder().proxy(bad).build().err().expect(bad);
        assert!(err.is_builder(), "{err}");
    }
}

#[tokio::test]
async fn socks5_resolves_here_or_at_the_proxy() {
    let s = setup().await;
    let url = format!("https://{ORIGIN}:{}/bytes/70000", s.tls.port());

    // socks5h: the name goes to the proxy.
    let proxy = proxy(ProxyProtocol::Socks5, &s.tls).await;
    let client = via(&s, &format!("socks5h://{}", proxy.addr()))
        .build()
        .expect("client");
    fetch_verified(&client, &url, 70_000).await;
    assert_eq!(proxy.log(), [format!("SOCKS5 {ORIGIN}:{}", s.tls.port())]);

    // socks5: the client resolves (here through its resolve override) and sends the address;
    // the certificate is still checked against the name.
    let mut opts = ProxyOptions::new(ProxyProtocol::Socks5, "unused.test", s.tls.addr());
    opts.credentials = Some("user:pass".into());
    let proxy = ProxyServer::start(opts).await;
    let client = via(&s, &format!("socks5://user:pass@{}", proxy.addr()))
        .resolve(ORIGIN, s.tls.port(), s.tls.addr())
        .build()
        .expect("client");
    fetch_verified(&client, &url, 70_000).await;
    assert_eq!(proxy.log(), [format!("SOCKS5 127.0.0.1:{}", s.tls.port())]);
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let s = setup().await;
    let proxy = proxy(ProxyProtocol::Http, &s.tls).await;
    let client = via(&s, &format!("http://{}", proxy.addr()))
        .no_proxy("localhost, .example.invalid")
        .resolve("localhost", s.plain.port(), s.plain.addr())
        .build()
        .expect("client");
    let url = format!("http://localhost:{}/bytes/500", s.plain.port());
    fetch_verified(&client, &url, 500).await;
    assert_eq!(proxy.connections(), 0);
    // The same client still uses the proxy for other hosts.
    let url = format!("https://{ORIGIN}:{}/small", s.tls.port());
    let response = client.get(&url).send().await.expect("through the proxy");
    assert_eq!(response.status(), 200);
    assert_eq!(proxy.connections(), 1);
}

#[tokio::test]
async fn a_body_cut_behind_a_tunnel_is_still_an_error() {
    let s = setup().await;
    let tunnel = proxy(ProxyProtocol::Http, &s.tls).await;
    let client = via(&s, &format!("http://{}", tunnel.addr()))
        .http1_only()
        .build()
        .expect("client");
    let url = format!("https://{ORIGIN}:{}/truncated/100000", s.tls.port());
    let response = client.get(&url).send().await.expect("head");
    let err = response.bytes().await.expect_err("cut body");
    assert!(err.is_body(), "{err}");

    // The same through a forwarding proxy (plain http, absolute form).
    let forwarding = proxy(ProxyProtocol::Http, &s.plain).await;
    let client = via(&s, &format!("http://{}", forwarding.addr()))
        .build()
        .expect("client");
    let url = format!("http://{ORIGIN}:{}/truncated/100000", s.plain.port());
    let response = client.get(&url).send().await.expect("head");
    let err = response.bytes().await.expect_err("cut body");
    assert!(err.is_body(), "{err}");
    assert!(err.to_string().contains("50000"), "{err}");
}
