//! Opening a WebSocket: a new connection for the request's pool key (HTTP/1.1 only, so TLS
//! offers `http/1.1` alone, as browsers do for a WebSocket), the upgrade request, the check of
//! the `101`, and the driver started on the socket with any bytes read past the head.

use std::borrow::Cow;
use std::sync::Arc;

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
    let options: Cow<'_, Options> = match &request.options {
        Some(own) => Cow::Owned(own.overlay(&inner.options)?),
        None => Cow::Borrowed(&inner.options),
    };
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
    let fields = headers::upgrade_headers(
        &options,
        &request,
        &Handshake {
            authority: &authority,
            key: &ws_key,
            extensions: offer.as_ref().map(DeflateOffer::header_value),
            protocols: &ws.protocols,
            origin,
            cookie,
            authorization,
        },
    );

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
    let refs: Vec<(&str, &[u8])> = fields.iter().map(|(n, v)| (n.as_str(), &v[..])).collect();
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
        &Offer {
            key: &ws_key,
            subprotocols: &ws.protocols,
            deflate: offer.as_ref(),
        },
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
    });
    let link = driver::start(
        conn.io,
        conn.buf,
        &ws,
        accepted.deflate.as_ref(),
        inner.abort.clone(),
        url.clone(),
    );
    Ok(WebSocket { link, info })
}
