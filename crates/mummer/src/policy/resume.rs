//! Transparent resume: a GET whose body fails mid-way (reset, cut, read timeout) continues
//! from where it stopped, in the same stream, so the reader sees one byte-exact body.
//!
//! Only when it is provably the same entity: the response had a strong validator (an ETag
//! that is not weak, else Last-Modified) and `Accept-Ranges: bytes`; the new request carries
//! `Range: bytes=N-` and `If-Range`; the answer must be a 206 whose `Content-Range` runs from N
//! to the end of the entity (whose total length must be known and unchanged), whose
//! `Content-Length` frames exactly that range, with the same content coding and ETag. The
//! offset counts raw (still encoded) bytes, so a compressed body resumes into the same decoder.
//! Anything else, and the original error is what the reader gets.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

use crate::body::Source;
use crate::client::Client;
use crate::deadline::Deadline;
use crate::error::{BodyError, Error, Kind, TimeoutKind};
use crate::options::Options;
use crate::prepare::HopHeaders;
use crate::request::Request;
use crate::run::{self, BodyState};

/// What a body needs to fetch the rest of its entity.
pub(crate) struct Resumer {
    client: Client,
    options: Arc<Options>,
    request: Request,
    hop: HopHeaders,
    validator: String,
    etag: Option<String>,
    content_encoding: Option<String>,
    /// The entity's length in raw bytes, when known.
    total: Option<u64>,
    attempts_left: u32,
}

impl Resumer {
    /// A resumer for this response, when it can be resumed at all.
    pub(crate) fn for_response(
        client: &Client,
        options: &Options,
        request: &Request,
        hop: &HopHeaders,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Option<Resumer> {
        if options.resume == 0 || request.method != Method::GET || status != StatusCode::OK {
            return None;
        }
        let header = |name: http::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        let ranges = header(http::header::ACCEPT_RANGES)?;
        if !ranges
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case("bytes"))
        {
            return None;
        }
        let etag = header(http::header::ETAG).filter(|e| !e.starts_with("W/"));
        let validator = etag
            .clone()
            .or_else(|| header(http::header::LAST_MODIFIED))?;
        let total = header(http::header::CONTENT_LENGTH).and_then(|v| v.parse().ok());
        // The caller's own Range or If-Range would be overwritten: leave such requests alone.
        if request.has_header("range") || request.has_header("if-range") {
            return None;
        }
        Some(Resumer {
            client: client.clone(),
            options: Arc::new(options.clone()),
            request: request.clone_without_body(),
            hop: hop.clone(),
            validator,
            etag,
            content_encoding: header(http::header::CONTENT_ENCODING),
            total,
            attempts_left: options.resume,
        })
    }

    /// Whether a body failure of this kind is one a resume can get past.
    pub(crate) fn applies_to(&self, error: &Error) -> bool {
        // A body that ran past its content-length was not cut: the entity itself is suspect,
        // so there is no rest of it to fetch.
        self.attempts_left > 0
            && !matches!(error.kind(), Kind::Body(BodyError::TooLong { .. }))
            && matches!(
                error.kind(),
                Kind::Body(_) | Kind::Timeout(TimeoutKind::Read)
            )
    }

    /// The rest of the entity from raw byte `offset`, or `None` when it cannot be had (the
    /// caller then reports the original failure).
    pub(crate) async fn resume(&mut self, offset: u64, deadline: Deadline) -> Option<Source> {
        if self.total.is_some_and(|t| offset >= t) {
            return None;
        }
        let mut wait = Duration::from_millis(100);
        while self.attempts_left > 0 {
            self.attempts_left -= 1;
            let mut hop = self.hop.clone();
            hop.cookie = self
                .options
                .cookies
                .as_ref()
                .and_then(|jar| jar.header_for(&self.request.url))
                .or(hop.cookie);
            hop.range = Some((format!("bytes={offset}-"), self.validator.clone()));
            let mut no_body = BodyState::new(None);
            let sent = run::exchange(
                &self.client,
                &self.options,
                &self.request,
                &mut no_body,
                hop,
                false,
                deadline,
            );
            match deadline.run(sent).await {
                Ok(head) => {
                    let total = self.continues_at(offset, &head.status, &head.headers)?;
                    self.total = Some(total);
                    return Some(head.source);
                }
                // The server could not be reached (it may be restarting): wait a little and
                // try again while attempts last (and the total deadline allows).
                Err(e) if (e.is_connect() || e.is_timeout()) && !deadline.expired() => {
                    if deadline.remaining().is_some_and(|left| left <= wait) {
                        return None;
                    }
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(2));
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// Whether the answer is the rest of the same entity from `offset`: then the entity's
    /// total length.
    ///
    /// The answer must run to the end of the entity and frame exactly that: the new source ends
    /// "complete" where its own framing says, so a range stopping short (a server may send
    /// less than asked) or a Content-Length shorter than the range would otherwise end the
    /// body clean but short.
    fn continues_at(&self, offset: u64, status: &StatusCode, headers: &HeaderMap) -> Option<u64> {
        if *status != StatusCode::PARTIAL_CONTENT
            || headers.contains_key(http::header::TRANSFER_ENCODING)
        {
            return None;
        }
        let header = |name: http::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        let (first, last, total) = header(http::header::CONTENT_RANGE)
            .as_deref()
            .and_then(parse_content_range)?;
        let entity = match (self.total, total) {
            (Some(a), Some(b)) if a != b => return None,
            (a, b) => a.or(b)?,
        };
        let length: u64 = header(http::header::CONTENT_LENGTH)?.parse().ok()?;
        (first == offset
            && last.checked_add(1) == Some(entity)
            && length == last - first + 1
            && header(http::header::CONTENT_ENCODING) == self.content_encoding
            && (self.etag.is_none() || header(http::header::ETAG) == self.etag))
            .then_some(entity)
    }
}

/// `bytes first-last/total` (total may be `*`): the first and last byte, and the total.
pub(crate) fn parse_content_range(value: &str) -> Option<(u64, u64, Option<u64>)> {
    let spec = value.trim().strip_prefix("bytes ")?;
    let (range, total) = spec.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    let first: u64 = first.trim().parse().ok()?;
    let last: u64 = last.trim().parse().ok()?;
    if last < first {
        return None;
    }
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    Some((first, last, total))
}

#[cfg(test)]
mod tests {
    use super::parse_content_range;

    #[test]
    fn content_ranges() {
        assert_eq!(
            parse_content_range("bytes 10-99/100"),
            Some((10, 99, Some(100)))
        );
        assert_eq!(parse_content_range("bytes 10-99/*"), Some((10, 99, None)));
        assert_eq!(parse_content_range("bytes */100"), None);
        assert_eq!(parse_content_range("bytes 9-1/100"), None);
        assert_eq!(parse_content_range("items 0-1/2"), None);
    }
}
