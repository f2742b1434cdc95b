//! The connection abstraction: one enum arm per protocol, each able to send a [`Plan`] and
//! hand back a response [`Head`] whose body source owns what it needs (the exclusive
//! connection, or a stream of the shared one). The run loop and the pool see only this.
//!
//! Adding a protocol (HTTP/3, a WebSocket upgrade) means one arm here and its driver module;
//! the pool asks [`Conn::share`] whether a connection multiplexes and knows nothing else.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode, Version};
use mummer_proto::Limits;

use crate::body::{RequestBody, Source};
use crate::error::{Error, ProtocolError};
use crate::h1::{H1Body, H1Conn, RequestHead};
use crate::h2::H2Conn;
use crate::pool::{Pool, PoolReturn};
use crate::prepare::{self, Plan};
use crate::transport::ConnInfo;

/// A connection that can carry a request.
pub(crate) enum Conn {
    /// Exclusive: one exchange at a time, back to the pool when its body is done.
    H1(H1Conn),
    /// Shared: each clone opens streams on the same connection.
    H2(H2Conn),
}

/// Whether a failed send may go again on a fresh connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replay {
    /// The server cannot have processed it (REFUSED_STREAM, GOAWAY past the stream, or the
    /// connection was gone before it was sent).
    Safe,
    /// A reused keep-alive connection closed before any response byte: safe when idempotent.
    IfIdempotent,
    /// The server may have acted on it.
    No,
}

/// A send that failed before a response head.
pub(crate) struct SendFailure {
    pub(crate) error: Error,
    pub(crate) replay: Replay,
}

/// A response head, with the source its body will come from.
pub(crate) struct Head {
    pub(crate) status: StatusCode,
    pub(crate) version: Version,
    /// The reason phrase as sent (HTTP/1.x only).
    pub(crate) reason: Option<String>,
    pub(crate) headers: HeaderMap,
    /// Header fields with their names as the server spelled them (HTTP/1.x only).
    pub(crate) wire_headers: Option<Vec<(String, Vec<u8>)>>,
    /// Bytes of the head (HTTP/2: as the equivalent HTTP/1.1 text, as curl counts them).
    pub(crate) head_size: u64,
    pub(crate) source: Source,
    pub(crate) info: ConnInfo,
    /// The request's header fields as sent.
    pub(crate) sent: crate::prepare::SentFields,
}

/// What a send needs besides the plan and body.
pub(crate) struct SendContext<'a> {
    pub(crate) limits: &'a Limits,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) pool: &'a Arc<Pool>,
}

impl Conn {
    /// A handle on the same connection when it multiplexes; `None` for exclusive ones.
    pub(crate) fn share(&self) -> Option<Conn> {
        match self {
            Conn::H1(_) => None,
            Conn::H2(c) => Some(Conn::H2(c.clone())),
        }
    }

    /// Whether new requests may still be sent on it.
    pub(crate) fn is_open(&self) -> bool {
        match self {
            Conn::H1(_) => true,
            Conn::H2(c) => c.is_open(),
        }
    }

    /// Checks, without blocking, that an idle connection is still usable.
    pub(crate) fn is_reusable(&mut self) -> bool {
        match self {
            Conn::H1(c) => c.io.is_reusable(),
            Conn::H2(c) => c.is_open(),
        }
    }

    pub(crate) fn info(&self) -> &ConnInfo {
        match self {
            Conn::H1(c) => &c.info,
            Conn::H2(c) => &c.info,
        }
    }

    /// Sends the request and waits for the response head.
    pub(crate) async fn send(
        self,
        plan: &Plan,
        body: &mut RequestBody,
        ctx: &SendContext<'_>,
    ) -> Result<Head, SendFailure> {
        match self {
            Conn::H1(conn) => send_h1(conn, plan, body, ctx).await,
            Conn::H2(conn) => {
                let (request, sent) = prepare::h2_request(plan).map_err(|error| SendFailure {
                    error,
                    replay: Replay::No,
                })?;
                let result = conn.send(request, body, ctx.read_timeout).await;
                match result {
                    Ok((parts, h2_body)) => {
                        let head_size = h2_head_size(parts.status, &parts.headers);
                        Ok(Head {
                            status: parts.status,
                            version: Version::HTTP_2,
                            reason: None,
                            headers: parts.headers,
                            wire_headers: None,
                            head_size,
                            source: Source::H2(h2_body),
                            info: conn.info.clone(),
                            sent,
                        })
                    }
                    Err(failure) => {
                        ctx.pool.remove_shared(&plan.key);
                        Err(failure)
                    }
                }
            }
        }
    }
}

async fn send_h1(
    mut conn: H1Conn,
    plan: &Plan,
    body: &mut RequestBody,
    ctx: &SendContext<'_>,
) -> Result<Head, SendFailure> {
    let reused = conn.reused;
    let headers: Vec<(&str, &[u8], bool)> = prepare::h1_headers(plan).collect();
    let head = RequestHead {
        method: plan.method.as_str(),
        target: &plan.target,
        headers: &headers,
    };
    let (head, head_size) = conn
        .send(&head, body, ctx.limits, ctx.read_timeout)
        .await
        .map_err(|f| SendFailure {
            error: f.error,
            replay: if reused && f.no_response {
                Replay::IfIdempotent
            } else {
                Replay::No
            },
        })?;
    let no_replay = |error| SendFailure {
        error,
        replay: Replay::No,
    };
    let status = StatusCode::from_u16(head.status).map_err(|_| {
        no_replay(Error::protocol(ProtocolError::Http1(
            mummer_proto::ProtoError::InvalidStatusLine,
        )))
    })?;
    let kind = mummer_proto::body_kind(plan.method.as_str(), &head)
        .map_err(|e| no_replay(Error::protocol(ProtocolError::Http1(e))))?;
    let keep_alive = mummer_proto::response_keeps_alive(&head, kind)
        && !mummer_proto::request_wants_close(headers.iter().map(|&(n, v, _)| (n, v)));
    let mut map = HeaderMap::with_capacity(head.headers.len());
    for (name, value) in &head.headers {
        if let (Ok(n), Ok(v)) = (
            http::header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value),
        ) {
            map.append(n, v);
        }
    }
    let version = match head.version {
        mummer_proto::HttpVersion::Http10 => Version::HTTP_10,
        mummer_proto::HttpVersion::Http11 => Version::HTTP_11,
    };
    let info = conn.info.clone();
    let pool = Box::new(PoolReturn {
        pool: Arc::downgrade(ctx.pool),
        key: plan.key.clone(),
    });
    let source = Source::H1(H1Body::new(
        conn,
        kind,
        keep_alive,
        *ctx.limits,
        Some(pool),
        ctx.read_timeout,
    ));
    Ok(Head {
        status,
        version,
        reason: Some(head.reason),
        headers: map,
        wire_headers: Some(head.headers),
        head_size,
        source,
        info,
        // Filled by the run loop, which moves the plan's fields in.
        sent: Vec::new(),
    })
}

/// The size of an HTTP/2 head written out as HTTP/1.1 text.
fn h2_head_size(status: StatusCode, headers: &HeaderMap) -> u64 {
    let mut size = "HTTP/2 200 \r\n".len() + status.canonical_reason().map_or(0, str::len) + 2;
    for (name, value) in headers {
        size += name.as_str().len() + 2 + value.len() + 2;
    }
    size as u64
}
