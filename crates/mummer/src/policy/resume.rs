//! Transparent resume: a GET whose body fails mid-way (reset, cut, read timeout) continues
//! from where it stopped, in the same stream, so the reader sees one byte-exact body.
//!
//! Only when it is provably the same entity: the response had a strong validator (an ETag
//! that is not weak, else Last-Modified) and `Accept-Ranges: bytes`; the new request carries
//! `Range: bytes=N-` and `If-Range`; the answer must be a 206 whose `Content-Range` starts at
//! N, with the same total length, content coding and ETag. The offset counts raw (still
//! encoded) bytes, so a compressed body resumes into the same decoder. Anything else, and
//! the original error is what the reader gets.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

use crate::body::Source;
use crate::client::Client;
use crate::deadline::Deadline;
use crate::error::{Error, Kind, TimeoutKind};
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
        self.attempts_left > 0
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
                    return self
                        .continues_at(offset, &head.status, &head.headers)
                        .then_some(head.source);
                }
                // The server could not be reached (it may be restarting): wait a little and
                // try again while attempts last.
                Err(e) if (e.is_connect() || e.is_timeout()) && !deadline.expired() => {
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(2));
                }
                Err(_) => return None,
            }
        }
        None
    }

    /// Whether the answer is the rest of the same entity from `offset`.
    fn continues_at(&self, offset: u64, status: &StatusCode, headers: &HeaderMap) -> bool {
        if *status != StatusCode::PARTIAL_CONTENT {
            return false;
        }
        let header = |name: http::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        let Some((first, total)) = header(http::header::CONTENT_RANGE)
            .as_deref()
            .and_then(parse_content_range)
        else {
            return false;
        };
        first == offset
            && (self.total.is_none() || total.is_none() || total == self.total)
            && header(http::header::CONTENT_ENCODING) == self.content_encoding
            && (self.etag.is_none() || header(http::header::ETAG) == self.etag)
    }
}

/// `bytes first-last/total` (total may be `*`): the first byte and the total.
pub(crate) fn parse_content_range(value: &str) -> Option<(u64, Option<u64>)> {
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
    Some((first, total))
}

#[cfg(test)]
mod tests {
    use super::parse_content_range;

    #[test]
    fn content_ranges() {
        assert_eq!(
            parse_content_range("bytes 10-99/100"),
            Some((10, Some(100)))
        );
        assert_eq!(parse_content_range("bytes 10-99/*"), Some((10, None)));
        assert_eq!(parse_content_range("bytes */100"), None);
        assert_eq!(parse_content_range("bytes 9-1/100"), None);
        assert_eq!(parse_content_range("items 0-1/2"), None);
    }
}
