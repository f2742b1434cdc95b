//! The run loop: the one place that owns the deadline and applies the policies.
//!
//! ```text
//!            ┌──────────────────────────── retry (wait) ─────────────────────┐
//!            │  ┌─────────────────────── auth challenge ───────────────────┐ │
//!            │  │  ┌──────────────────── redirect (next hop) ────────────┐ │ │
//!            ▼  ▼  ▼                                                     │ │ │
//!  request ─► prepare ─► pool / connect ─► send ─► head ─► cookies ─► policies ─► Response
//!  (options,   (plan: key,       │ stale keep-alive:                            (body with
//!   policies'   target, one      │ fresh connection                              resume)
//!   headers)    header list)     └──────────────┘
//! ```
//!
//! Each pass makes a [`Plan`](crate::prepare::Plan) from the options and what the policies add
//! (Authorization, Cookie, Referer), gets a connection for its pool key, sends, and hands the
//! response head to the policies in turn: cookies are stored, a Digest challenge is answered,
//! a retryable status waits and goes again, a redirect becomes the next hop. What remains is
//! the response. Every wait runs under the one total [`Deadline`] and stops on abort.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use tokio::time::Instant;
use url::Url;

use crate::body::{Body, BodyOptions, ResponseBody, Source};
use crate::client::Client;
use crate::conn::{Head, SendContext};
use crate::connect::Connector;
use crate::deadline::Deadline;
use crate::decode::Decoder;
use crate::error::{Error, Kind, RedirectError, Result, TimeoutKind};
use crate::options::Options;
use crate::policy::auth::{self, AuthState};
use crate::policy::cookies::{self, Cookie};
use crate::policy::redirect::{self, Hop};
use crate::policy::resume::Resumer;
use crate::policy::retry::{self, RetryState, Verdict};
use crate::prepare::{self, HopHeaders};
use crate::request::Request;
use crate::response::{Response, ResponseInfo};

/// A redirect's (or a 401's, or a retried 503's) unread body is read up to this much so that
/// an HTTP/1.1 connection can be reused; a longer one is dropped with its connection.
const DRAIN_LIMIT: u64 = 64 * 1024;
/// The longest draining may take.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// Sends `request` through every policy; errors carry the request's URL.
pub(crate) async fn execute(client: &Client, request: Request) -> Result<Response> {
    let url = without_userinfo(&request.url);
    let aborted = client.inner.abort.clone();
    // On the heap: the exchange's state is kilobytes, and `select!` and every caller's
    // future would copy it by value when moved (~13k instructions of memcpy per request).
    let run = Box::pin(run(client, request));
    let result = tokio::select! {
        _ = aborted.cancelled() => Err(Error::new(Kind::Aborted, None)),
        r = run => r,
    };
    result.map_err(|e| if e.has_url() { e } else { e.with_url(&url) })
}

/// The request body across attempts: bytes are sent again as often as needed, a stream once.
pub(crate) struct BodyState {
    body: Option<Body>,
    consumed: bool,
}

impl BodyState {
    pub(crate) fn new(body: Option<Body>) -> BodyState {
        BodyState {
            body,
            consumed: false,
        }
    }

    /// The body for the next attempt.
    fn take(&mut self) -> Result<Body> {
        match &self.body {
            None if self.consumed => Err(Error::new(
                Kind::NotReplayable,
                Some("the streamed request body was already sent once".into()),
            )),
            None => Ok(Body::empty()),
            Some(b) => match b.try_clone() {
                Some(copy) => Ok(copy),
                None => {
                    self.consumed = true;
                    Ok(self.body.take().unwrap_or_default())
                }
            },
        }
    }

    /// Whether another attempt could send the body again.
    fn replayable(&self) -> bool {
        !self.consumed
    }

    fn len(&self) -> Option<u64> {
        self.body.as_ref().map_or(Some(0), Body::content_length)
    }

    fn bytes(&self) -> Option<&[u8]> {
        match &self.body {
            Some(b) => b.as_bytes(),
            None => Some(&[]),
        }
    }
}

async fn run(client: &Client, mut request: Request) -> Result<Response> {
    let started = Instant::now();
    let inner = &client.inner;
    let options = crate::options::effective(request.options.as_deref(), inner.id, &inner.options)?;
    let total = Deadline::after(options.timeouts.total, TimeoutKind::Total);
    let credentials = auth::url_credentials(&request.url);
    // Only a URL with userinfo has any to strip (a copy of the URL saved per request).
    if credentials.is_some() {
        request.url = without_userinfo(&request.url);
    }
    let first_url = request.url.clone();
    let mut body = BodyState::new(lay_out(&mut request, &options)?);
    let mut auth = AuthState::new(options.auth.clone(), &request.url, credentials);
    auth.resume_digest(&inner.digest);
    let mut retry = RetryState::new();
    let mut history: Vec<Hop> = Vec::new();
    let mut referrer = request.referrer.clone();
    loop {
        if client.is_closed() {
            return Err(Error::new(Kind::ClientClosed, None));
        }
        let hop = HopHeaders {
            authorization: auth.authorization(&request.method, &request.url, body.bytes()),
            cookie: cookie_header(&options, &request, &first_url),
            referer: referrer
                .as_ref()
                .and_then(|r| redirect::referer(r, &request.url)),
            range: None,
        };
        let public_only = options.redirect.is_safe() && !history.is_empty();
        let resume_hop = (options.resume > 0).then(|| hop.clone());
        let sent = exchange(
            client,
            &options,
            &request,
            &mut body,
            hop,
            public_only,
            total,
        );
        let head = match total.run(sent).await {
            Ok(head) => head,
            Err(error) => {
                if let Some(policy) = &options.retry {
                    match retry.after_error(policy, &error, &request.method, body.replayable()) {
                        Verdict::Wait(wait) => {
                            sleep(wait, total).await?;
                            continue;
                        }
                        Verdict::NotReplayable => return Err(not_replayable(error)),
                        Verdict::Stop => {}
                    }
                }
                return Err(error);
            }
        };
        let set_cookies = store_cookies(&options, &request.url, &head.headers);
        if auth.answer_challenge(head.status, &head.headers, &request.url) {
            if !body.replayable() {
                return Err(not_replayable("answering the authentication challenge"));
            }
            drain(head.source, total).await;
            continue;
        }
        if let Some(policy) = &options.retry {
            match retry.after_status(
                policy,
                head.status,
                &head.headers,
                &request.method,
                body.replayable(),
            ) {
                Verdict::Wait(wait) => {
                    drain(head.source, total).await;
                    sleep(wait, total).await?;
                    continue;
                }
                Verdict::NotReplayable => {
                    return Err(not_replayable(format!("retrying after {}", head.status)));
                }
                Verdict::Stop => {}
            }
        }
        let next = redirect::target(
            &options.redirect,
            history.len(),
            &request.url,
            head.status,
            &head.headers,
        )?;
        let Some(next) = next else {
            auth.keep_digest(&inner.digest, head.status);
            let info = ResponseInfo {
                elapsed: started.elapsed(),
                history,
                cookies: set_cookies,
                retries: retry.retries(),
            };
            return Ok(response(
                client, &options, &request, resume_hop, head, info, total,
            ));
        };
        let from = request.url.clone();
        history.push(Hop {
            url: from.clone(),
            status: head.status,
            reason: reason(head.status, head.reason.as_deref()),
            version: head.version,
            headers: head.headers.clone(),
            cookies: set_cookies,
        });
        drain(head.source, total).await;
        let hop_credentials = auth::url_credentials(&next);
        let keeps_body = redirect::follow(&mut request, head.status, without_userinfo(&next));
        if keeps_body {
            if !body.replayable() {
                return Err(Error::new(
                    Kind::NotReplayable,
                    Some(
                        format!("following a {} means sending the body again", head.status).into(),
                    ),
                ));
            }
        } else {
            body = BodyState::new(None);
        }
        auth.hop_credentials(&request.url, hop_credentials);
        if options.auto_referer {
            referrer = Some(from);
        }
    }
}

/// One request on one connection: the plan, a connection for its key (pooled or new), the
/// send. A request the server provably never processed goes again on another connection.
pub(crate) async fn exchange(
    client: &Client,
    options: &Options,
    request: &Request,
    body: &mut BodyState,
    hop: HopHeaders,
    public_only: bool,
    total: Deadline,
) -> Result<Head> {
    let inner = &client.inner;
    let has_body = body.body.is_some();
    let plan = prepare::prepare(options, request, hop, body.len(), has_body)?;
    if public_only
        && let Ok(ip) = plan.key.host.trim_matches(['[', ']']).parse()
        && !crate::transport::tcp::is_public(ip)
    {
        return Err(Error::redirect(
            RedirectError::UnsafeTarget,
            format!("{} is not a public address", plan.key.host),
        ));
    }
    let tls = client.tls_connector(options)?;
    let connector = Connector {
        tls: &tls,
        resolve: &inner.resolve,
        h2: &inner.h2,
        profile: options.profile.as_ref().map(|p| p.profile.as_ref()),
        user_agent: Some(prepare::user_agent(options)),
        public_only,
        abort: &inner.abort,
    };
    let connect_deadline = total.min(Deadline::after(
        options.timeouts.connect,
        TimeoutKind::Connect,
    ));
    let ctx = SendContext {
        limits: &options.limits,
        read_timeout: options.timeouts.read,
        pool: &inner.pool,
    };
    let mut replays = 0;
    loop {
        let conn = inner
            .pool
            // Boxed: a new connection's state (resolve, TCP, proxy, TLS) is most of the
            // exchange's size, and only a request that connects needs room for it.
            .connection(&plan.key, || {
                Box::pin(connector.connect(&plan.key, connect_deadline))
            })
            .await?;
        if public_only
            && plan.key.proxy.is_none()
            && let Some(addr) = conn.info().remote_addr
            && !crate::transport::tcp::is_public(addr.ip())
        {
            return Err(Error::redirect(
                RedirectError::UnsafeTarget,
                format!("{} is connected to {}", plan.key.host, addr.ip()),
            ));
        }
        let mut attempt = body.take()?;
        match conn.send(&plan, &mut attempt, &ctx).await {
            Ok(mut head) => {
                if head.version != http::Version::HTTP_2 {
                    // HTTP/1.1 sent the plan's fields as they are; they move into the response.
                    head.sent = prepare::into_h1_fields(plan);
                }
                return Ok(head);
            }
            Err(failure) => {
                if replays < 2
                    && retry::replay_on_fresh_connection(
                        failure.replay,
                        &request.method,
                        body.replayable(),
                    )
                {
                    replays += 1;
                    continue;
                }
                return Err(failure.error);
            }
        }
    }
}

/// The request's body ready to send: a multipart form gets the boundary of the request's
/// browser, and its Content-Type unless the caller set one.
fn lay_out(request: &mut Request, options: &Options) -> Result<Option<Body>> {
    let Some(body) = request.body.take() else {
        return Ok(None);
    };
    let (body, content_type) =
        body.lay_out(options.profile.as_ref().map(|p| p.profile.as_ref()))?;
    if let Some(ct) = content_type
        && !request.has_header("content-type")
    {
        let value = http::HeaderValue::from_str(&ct).map_err(Error::builder)?;
        request.headers.push(("Content-Type".into(), value));
    }
    Ok(Some(body))
}

/// The Cookie header for this hop: the jar's, and the request's own cookies while the hop
/// stays on the request's first origin.
fn cookie_header(options: &Options, request: &Request, first_url: &Url) -> Option<String> {
    let jar = options
        .cookies
        .as_ref()
        .and_then(|jar| jar.header_for(&request.url));
    if request.cookies.is_empty() || !redirect::same_origin(first_url, &request.url) {
        return jar;
    }
    cookies::merge(jar, &request.cookies)
}

fn store_cookies(options: &Options, url: &Url, headers: &HeaderMap) -> Vec<Cookie> {
    if !headers.contains_key(http::header::SET_COOKIE) {
        return Vec::new();
    }
    match &options.cookies {
        Some(jar) if options.store_cookies => jar.store(url, headers),
        // Without a jar (or with storing off) the response's cookies are still reported.
        _ => cookies::CookieJar::new().store(url, headers),
    }
}

fn response(
    client: &Client,
    options: &Options,
    request: &Request,
    resume_hop: Option<HopHeaders>,
    head: Head,
    info: ResponseInfo,
    total: Deadline,
) -> Response {
    let decoder = if options.decompress && request.method != Method::HEAD {
        head.headers
            .get(http::header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .and_then(Decoder::for_content_encoding)
    } else {
        None
    };
    let mut body = ResponseBody::new(
        head.source,
        decoder,
        BodyOptions {
            deadline: total,
            read_timeout: options.timeouts.read,
            max_size: options.max_body_size,
            max_recv_speed: options.max_recv_speed,
        },
        client.inner.abort.clone(),
        request.url.clone(),
    );
    if let Some(hop) = &resume_hop
        && let Some(resumer) =
            Resumer::for_response(client, options, request, hop, head.status, &head.headers)
    {
        body.set_resume(resumer);
    }
    Response {
        status: head.status,
        version: head.version,
        reason: reason(head.status, head.reason.as_deref()),
        headers: head.headers,
        wire_headers: head.wire_headers,
        head_size: head.head_size,
        url: request.url.clone(),
        method: request.method.clone(),
        sent: head.sent,
        remote_addr: head.info.remote_addr,
        local_addr: head.info.local_addr,
        info,
        body,
    }
}

/// The reason phrase as sent, or the canonical one (HTTP/2 has none on the wire).
fn reason(status: StatusCode, sent: Option<&str>) -> String {
    match sent {
        Some(r) => r.to_string(),
        None => status.canonical_reason().unwrap_or("").to_string(),
    }
}

/// Reads a small unread body to its end so an HTTP/1.1 connection can go back to the pool;
/// anything larger or slower is dropped with its connection. HTTP/2 streams are simply reset.
async fn drain(source: Source, total: Deadline) {
    let Source::H1(mut body) = source else {
        return;
    };
    let deadline = total.min(Deadline::after(Some(DRAIN_TIME), TimeoutKind::Read));
    let _ = deadline
        .run(async {
            while let Some(chunk) = body.next().await? {
                if body.received() > DRAIN_LIMIT || chunk.is_empty() {
                    break;
                }
            }
            Ok(())
        })
        .await;
}

/// Waits between attempts, unless the total deadline would pass first: then the deadline's
/// error comes now rather than after a pointless wait.
async fn sleep(wait: Duration, total: Deadline) -> Result<()> {
    if total.remaining().is_some_and(|left| left <= wait) {
        return Err(total.error());
    }
    tokio::time::sleep(wait).await;
    Ok(())
}

fn not_replayable(cause: impl std::fmt::Display) -> Error {
    Error::new(
        Kind::NotReplayable,
        Some(format!("{cause}: the streamed request body cannot be sent again").into()),
    )
}

/// The URL without user name and password (they become credentials, never part of a target).
pub(crate) fn without_userinfo(url: &Url) -> Url {
    if url.username().is_empty() && url.password().is_none() {
        return url.clone();
    }
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}
