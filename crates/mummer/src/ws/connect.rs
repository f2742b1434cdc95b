//! Opening a WebSocket. When the profile's browser uses RFC 8441 and the client already has an
//! HTTP/2 connection to the origin whose server sent SETTINGS_ENABLE_CONNECT_PROTOCOL, an
//! extended CONNECT stream on it (`:protocol websocket`, the profile's HTTP/2 field order and
//! stream priority), a `2xx` answer opening it. Otherwise a new connection for the request's
//! pool key (HTTP/1.1 only, so TLS offers `http/1.1` alone, as browsers do for a WebSocket),
//! the upgrade request and the check of the `101`. Either way the driver then runs on the
//! stream or socket (with any bytes read past the `101` head).

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, Method};
use mummer_proto::ws::DeflateOffer;
use mummer_proto::ws::handshake::{self, Carrier, Offer};
use url::Url;

use super::headers::{self, Handshake};
use super::{Info, WebSocket, WsOptions, driver};
use crate::body::Body;
use crate::client::Client;
use crate::conn::Conn;
use crate::connect::Connector;
use crate::deadline::Deadline;
use crate::error::{Error, Kind, Result, TimeoutKind, WebSocketError};
use crate::h1::RequestHead;
use crate::h2::{H2Conn, H2Failure, Tunnel};
use crate::options::Options;
use crate::policy::auth::{self, AuthState};
use crate::policy::cookies;
use crate::pool::VersionPref;
use crate::prepare;
use crate::request::Request;

/// `url` with `ws`/`wss` as `http`/`https` (the pool key, the cookie jar and the TLS code
/// know only those), without a fragment (RFC 6455 section 3 forbids one).
pub(crate) fn http_url(url: &str) -> Result<Url> {
    let mut parsed = Url::parse(url).map_err(|e| Error::builder(format!("{url:?}: {e}")))?;
    let scheme = match parsed.scheme() {
        "ws" | "http" => "http",
        "wss" | "https" => "https",
        other => {
            return Err(Error::builder(format!(
                "unsupported WebSocket URL scheme {other:?} (ws or wss)"
            )));
        }
    };
    // Both are special schemes, so the change is always allowed.
    let _ = parsed.set_scheme(scheme);
    parsed.set_fragment(None);
    Ok(parsed)
}

/// What permessage-deflate offer to make: the caller's choice, else the profile's browser's
/// (none if it offers none), else Chrome's.
fn deflate_offer(options: &Options, ws: &WsOptions) -> Option<DeflateOffer> {
    let browser = options
        .profile
        .as_ref()
        .and_then(|p| p.profile.websocket.as_ref())
        .map(|w| DeflateOffer::parse(&w.extensions));
    match (ws.compression, browser) {
        (Some(false), _) => None,
        (Some(true), Some(Some(offer))) => Some(offer),
        (Some(true), _) => Some(DeflateOffer::CHROME),
        (None, Some(offer)) => offer,
        (None, None) => Some(DeflateOffer::CHROME),
    }
}

pub(crate) async fn open(
    client: &Client,
    mut request: Request,
    url: &Url,
    ws: WsOptions,
) -> Result<WebSocket> {
    if client.is_closed() {
        return Err(Error::new(Kind::ClientClosed, None));
    }
    let inner = &client.inner;
    let options = crate::options::effective(request.options.as_deref(), inner.id, &inner.options)?;
    let total = Deadline::after(options.timeouts.total, TimeoutKind::Total);
    let credentials = auth::url_credentials(&request.url);
    request.url = crate::run::without_userinfo(&request.url);
    let key = prepare::pool_key(&options, &request.url, VersionPref::Http1)?;
    if key.forwarding_proxy().is_some() {
        return Err(Error::builder(
            "a ws:// WebSocket cannot go through an HTTP proxy that forwards plain requests; \
             use wss:// (tunnelled with CONNECT) or a SOCKS proxy",
        ));
    }
    let mut random = [0u8; 16];
    crate::policy::random_bytes(&mut random);
    let ws_key = handshake::key(&random);
    let offer = deflate_offer(&options, &ws);
    let profile = options.profile.as_ref().map(|p| p.profile.as_ref());
    let lists_origin = profile.and_then(|p| p.websocket.as_ref()).is_some_and(|w| {
        w.header_order
            .iter()
            .any(|n| n.eq_ignore_ascii_case("origin"))
    });
    let origin = match &ws.origin {
        Some(chosen) => chosen.clone(),
        None => lists_origin.then(|| headers::default_origin(&request.url)),
    };
    let jar = options
        .cookies
        .as_ref()
        .and_then(|jar| jar.header_for(&request.url));
    let cookie = if request.cookies.is_empty() {
        jar
    } else {
        cookies::merge(jar, &request.cookies)
    };
    let mut auth = AuthState::new(options.auth.clone(), &request.url, credentials);
    let authorization = auth.authorization(&Method::GET, &request.url, Some(&[]));
    let authority = prepare::authority(&request.url);
    let offered = Offer {
        key: &ws_key,
        subprotocols: &ws.protocols,
        deflate: offer.as_ref(),
    };
    let mut handshake = Handshake {
        authority: &authority,
        key: &ws_key,
        extensions: offer.as_ref().map(DeflateOffer::header_value),
        protocols: &ws.protocols,
        origin,
        cookie,
        authorization,
        http2: false,
    };
    // RFC 8441, as the browser does it: on an HTTP/2 connection the client already has to the
    // origin, when its server allowed extended CONNECT; else (or when that connection turns
    // out gone before the stream was sent) a connection of its own over HTTP/1.1.
    if let Some(h2) = http2_carrier(client, &options, &request.url)? {
        handshake.http2 = true;
        let fields = headers::upgrade_headers(&options, &request, &handshake);
        match open_h2(&h2, &options, &request.url, &fields, total).await {
            Ok((parts, tunnel)) => {
                let answer: Vec<(&str, &[u8])> = parts
                    .headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_bytes()))
                    .collect();
                let accepted = handshake::check_response(
                    Carrier::Http2,
                    parts.status.as_u16(),
                    answer.iter().copied(),
                    &offered,
                )
                .map_err(|e| {
                    Error::new(
                        Kind::WebSocket(WebSocketError::Handshake(e)),
                        Some(format!("HTTP/2 {}", parts.status).into()),
                    )
                })?;
                if let Some(jar) = &options.cookies
                    && options.store_cookies
                {
                    jar.store(&request.url, &parts.headers);
                }
                let info = Arc::new(Info {
                    url: url.clone(),
                    protocol: accepted.subprotocol,
                    deflate: accepted.deflate,
                    headers: parts.headers,
                    request_headers: fields,
                    remote_addr: h2.info.remote_addr,
                    version: http::Version::HTTP_2,
                });
                let (link, pump) = driver::start(
                    tunnel,
                    BytesMut::new(),
                    &ws,
                    accepted.deflate.as_ref(),
                    inner.abort.clone(),
                    url.clone(),
                );
                return Ok(WebSocket { link, pump, info });
            }
            Err(failure) if failure.retryable => handshake.http2 = false,
            Err(failure) => return Err(failure.error),
        }
    }
    let fields = headers::upgrade_headers(&options, &request, &handshake);

    let tls = client.tls_connector(&options)?;
    let connector = Connector {
        tls: &tls,
        resolve: &inner.resolve,
        h2: &inner.h2,
        profile,
        user_agent: Some(prepare::user_agent(&options)),
        public_only: false,
        abort: &inner.abort,
    };
    let connect_deadline = total.min(Deadline::after(
        options.timeouts.connect,
        TimeoutKind::Connect,
    ));
    let Conn::H1(mut conn) = connector.connect(&key, connect_deadline).await? else {
        return Err(Error::connect("HTTP/1.1 was asked for, HTTP/2 was set up"));
    };
    let refs: Vec<(&str, &[u8], bool)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), &v[..], false))
        .collect();
    let target = prepare::origin_form(&request.url);
    let head = RequestHead {
        method: "GET",
        target: &target,
        headers: &refs,
    };
    let limits = options.limits;
    let read_timeout = options.timeouts.read;
    let (response, _) = total
        .run(async {
            conn.send(&head, &mut Body::empty(), &limits, read_timeout)
                .await
                .map_err(|f| f.error)
        })
        .await?;
    let accepted = handshake::check_response(
        Carrier::Http1,
        response.status,
        response
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_slice())),
        &offered,
    )
    .map_err(|e| {
        Error::new(
            Kind::WebSocket(WebSocketError::Handshake(e)),
            Some(format!("HTTP {} {}", response.status, response.reason).into()),
        )
    })?;
    let mut map = HeaderMap::with_capacity(response.headers.len());
    for (name, value) in &response.headers {
        if let (Ok(n), Ok(v)) = (
            http::header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) {
            map.append(n, v);
        }
    }
    if let Some(jar) = &options.cookies
        && options.store_cookies
    {
        jar.store(&request.url, &map);
    }
    let info = Arc::new(Info {
        url: url.clone(),
        protocol: accepted.subprotocol,
        deflate: accepted.deflate,
        headers: map,
        request_headers: fields,
        remote_addr: conn.info.remote_addr,
        version: http::Version::HTTP_11,
    });
    let (link, pump) = driver::start(
        conn.io,
        conn.buf,
        &ws,
        accepted.deflate.as_ref(),
        inner.abort.clone(),
        url.clone(),
    );
    Ok(WebSocket { link, pump, info })
}

/// The shared HTTP/2 connection an extended CONNECT goes on: only when the profile's browser
/// uses RFC 8441, the client already has an HTTP/2 connection for the origin's HTTP requests,
/// and that connection's server sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1.
fn http2_carrier(client: &Client, options: &Options, url: &Url) -> Result<Option<H2Conn>> {
    let rfc8441 = options
        .profile
        .as_ref()
        .and_then(|p| p.profile.websocket.as_ref())
        .is_some_and(|w| w.rfc8441);
    if !rfc8441 || options.version == VersionPref::Http1 {
        return Ok(None);
    }
    let key = prepare::pool_key(options, url, options.version)?;
    Ok(match client.inner.pool.shared(&key) {
        Some(Conn::H2(h2)) if h2.connect_protocol_enabled() => Some(h2),
        _ => None,
    })
}

/// Sends the extended CONNECT (`:method CONNECT`, `:protocol websocket`, `:scheme`, `:path`,
/// `:authority` in the connection's pseudo-header order, then `fields`) with the profile's
/// WebSocket stream priority, and waits for the answer's head.
async fn open_h2(
    h2: &H2Conn,
    options: &Options,
    url: &Url,
    fields: &[(String, Bytes)],
    total: Deadline,
) -> std::result::Result<(http::response::Parts, Tunnel), H2Failure> {
    let built = (|| -> Result<http::Request<()>> {
        let uri = http::Uri::builder()
            .scheme(url.scheme())
            .authority(prepare::authority(url).as_str())
            .path_and_query(prepare::origin_form(url).as_str())
            .build()
            .map_err(Error::builder)?;
        let mut builder = http::Request::builder()
            .method(Method::CONNECT)
            .uri(uri)
            .version(http::Version::HTTP_2);
        let headers = builder
            .headers_mut()
            .ok_or_else(|| Error::builder("invalid request"))?;
        for (name, value) in fields {
            headers.append(
                http::header::HeaderName::from_bytes(name.as_bytes()).map_err(Error::builder)?,
                HeaderValue::from_maybe_shared(value.clone()).map_err(Error::builder)?,
            );
        }
        let mut request = builder.body(()).map_err(Error::builder)?;
        request
            .extensions_mut()
            .insert(http2::ext::Protocol::from_static("websocket"));
        let priority = options
            .profile
            .as_ref()
            .and_then(|p| p.profile.websocket.as_ref())
            .and_then(|w| w.http2_priority.as_ref());
        if let Some(p) = priority {
            request
                .extensions_mut()
                .insert(http2::frame::StreamDependency::new(
                    http2::frame::StreamId::from(p.depends_on),
                    (p.weight.clamp(1, 256) - 1) as u8,
                    p.exclusive,
                ));
        }
        Ok(request)
    })();
    let request = built.map_err(|error| H2Failure {
        error,
        retryable: false,
    })?;
    let work = h2.extended_connect(request, options.timeouts.read);
    match total.remaining() {
        None => work.await,
        Some(left) => tokio::time::timeout(left, work)
            .await
            .map_err(|_| H2Failure {
                error: total.error(),
                retryable: false,
            })?,
    }
}
