//! Retries: which failures and statuses are worth another attempt, and how long to wait.
//!
//! Two kinds of second attempt exist and only one is configurable. A request that the server
//! provably never processed (a stale keep-alive connection that closed before any response
//! byte, HTTP/2 REFUSED_STREAM or GOAWAY beyond its stream) is sent again on a fresh
//! connection at once, always: that is connection management, not a retry
//! ([`replay_on_fresh_connection`]). A [`Retry`] policy adds retries after failures the server
//! may have seen (connect errors, timeouts, resets) and after statuses such as 503, with
//! backoff and `Retry-After`, for idempotent methods unless told otherwise.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

use crate::error::{Error, Kind, ProtocolError, TimeoutKind};

/// How the wait grows between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backoff {
    /// The same delay every time.
    Constant,
    /// `delay`, `2 * delay`, `3 * delay`, ... (curl_cffi's default).
    Linear,
    /// `delay`, `2 * delay`, `4 * delay`, ...
    Exponential,
}

/// A retry policy.
///
/// ```
/// use std::time::Duration;
/// let retry = mummer::Retry::new(3)
///     .delay(Duration::from_millis(200))
///     .backoff(mummer::Backoff::Exponential)
///     .statuses(&[429, 503]);
/// # let _ = retry;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    count: u32,
    delay: Duration,
    backoff: Backoff,
    jitter: Duration,
    max_delay: Duration,
    statuses: Vec<u16>,
    on_connect: bool,
    on_timeout: bool,
    on_reset: bool,
    all_errors: bool,
    all_methods: bool,
    retry_after_cap: Duration,
    max_time: Option<Duration>,
}

impl Retry {
    /// Up to `count` retries (so `count + 1` attempts) after connect errors, timeouts, resets
    /// and the statuses 429, 502, 503 and 504, for idempotent methods; 1 s delay, linear
    /// backoff, no jitter, `Retry-After` honoured up to 60 s.
    pub fn new(count: u32) -> Retry {
        Retry {
            count,
            delay: Duration::from_secs(1),
            backoff: Backoff::Linear,
            jitter: Duration::ZERO,
            max_delay: Duration::from_secs(600),
            statuses: vec![429, 502, 503, 504],
            on_connect: true,
            on_timeout: true,
            on_reset: true,
            all_errors: false,
            all_methods: false,
            retry_after_cap: Duration::from_secs(60),
            max_time: None,
        }
    }

    /// The wait before the first retry.
    pub fn delay(mut self, delay: Duration) -> Retry {
        self.delay = delay;
        self
    }

    /// How the wait grows.
    pub fn backoff(mut self, backoff: Backoff) -> Retry {
        self.backoff = backoff;
        self
    }

    /// A random extra wait of up to this much, so that many clients do not retry in step.
    pub fn jitter(mut self, jitter: Duration) -> Retry {
        self.jitter = jitter;
        self
    }

    /// The longest single wait the backoff may grow to (10 minutes by default, as curl).
    pub fn max_delay(mut self, max: Duration) -> Retry {
        self.max_delay = max;
        self
    }

    /// The statuses that are retried (replacing the default 429, 502, 503, 504).
    pub fn statuses(mut self, statuses: &[u16]) -> Retry {
        self.statuses = statuses.to_vec();
        self
    }

    /// Which failures are retried: connect errors (resolve, refused, TLS), timeouts, and
    /// connections reset or closed before the response head.
    pub fn on_errors(mut self, connect: bool, timeout: bool, reset: bool) -> Retry {
        self.on_connect = connect;
        self.on_timeout = timeout;
        self.on_reset = reset;
        self
    }

    /// Retry after any failure, as curl's `--retry-all-errors`.
    pub fn all_errors(mut self, all: bool) -> Retry {
        self.all_errors = all;
        self
    }

    /// Retry non-idempotent methods (POST, PATCH) too. Only safe when the server deduplicates.
    pub fn all_methods(mut self, all: bool) -> Retry {
        self.all_methods = all;
        self
    }

    /// The longest `Retry-After` obeyed: a server asking for a longer wait gets its response
    /// (or error) returned instead of a retry.
    pub fn retry_after_cap(mut self, cap: Duration) -> Retry {
        self.retry_after_cap = cap;
        self
    }

    /// No retry starts later than this after the first attempt (curl's `--retry-max-time`).
    pub fn max_time(mut self, max: Duration) -> Retry {
        self.max_time = Some(max);
        self
    }

    /// How many retries at most.
    pub fn count(&self) -> u32 {
        self.count
    }

    fn method_allowed(&self, method: &Method) -> bool {
        self.all_methods || is_idempotent(method)
    }

    fn error_allowed(&self, e: &Error) -> bool {
        if self.all_errors {
            return !matches!(
                e.kind(),
                Kind::Builder | Kind::ClientClosed | Kind::Aborted | Kind::NotReplayable
            );
        }
        match e.kind() {
            Kind::Resolve | Kind::Connect | Kind::Tls | Kind::Proxy { .. } => self.on_connect,
            Kind::Timeout(TimeoutKind::Total) => false,
            Kind::Timeout(_) => self.on_timeout,
            Kind::Request
            | Kind::Protocol(ProtocolError::ClosedBeforeHead)
            | Kind::Protocol(ProtocolError::Reset(_))
            | Kind::Protocol(ProtocolError::GoAway(_)) => self.on_reset,
            _ => false,
        }
    }

    /// The wait before retry number `attempt` (1-based), without jitter.
    fn wait(&self, attempt: u32) -> Duration {
        let factor = match self.backoff {
            Backoff::Constant => 1,
            Backoff::Linear => attempt,
            Backoff::Exponential => 1u32
                .checked_shl(attempt.saturating_sub(1))
                .unwrap_or(u32::MAX),
        };
        self.delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// What to do after an attempt.
#[derive(Debug, PartialEq)]
pub(crate) enum Verdict {
    /// Return what the attempt produced.
    Stop,
    /// Wait this long, then send again.
    Wait(Duration),
    /// A retry was due but the body cannot be sent again.
    NotReplayable,
}

/// Retry bookkeeping for one call.
pub(crate) struct RetryState {
    retries: u32,
    started: tokio::time::Instant,
}

impl RetryState {
    pub(crate) fn new() -> RetryState {
        RetryState {
            retries: 0,
            started: tokio::time::Instant::now(),
        }
    }

    /// Retries made so far.
    pub(crate) fn retries(&self) -> u32 {
        self.retries
    }

    /// After an attempt that failed with `error`.
    pub(crate) fn after_error(
        &mut self,
        policy: &Retry,
        error: &Error,
        method: &Method,
        replayable: bool,
    ) -> Verdict {
        if !policy.error_allowed(error) {
            return Verdict::Stop;
        }
        self.decide(policy, method, replayable, None)
    }

    /// After an attempt that got a response head with `status`.
    pub(crate) fn after_status(
        &mut self,
        policy: &Retry,
        status: StatusCode,
        headers: &HeaderMap,
        method: &Method,
        replayable: bool,
    ) -> Verdict {
        if !policy.statuses.contains(&status.as_u16()) {
            return Verdict::Stop;
        }
        let asked = retry_after(headers, SystemTime::now());
        if asked.is_some_and(|a| a > policy.retry_after_cap) {
            return Verdict::Stop;
        }
        self.decide(policy, method, replayable, asked)
    }

    fn decide(
        &mut self,
        policy: &Retry,
        method: &Method,
        replayable: bool,
        asked: Option<Duration>,
    ) -> Verdict {
        if self.retries >= policy.count || !policy.method_allowed(method) {
            return Verdict::Stop;
        }
        let mut wait = policy.wait(self.retries + 1);
        if let Some(asked) = asked {
            wait = wait.max(asked);
        }
        if !policy.jitter.is_zero() {
            wait += policy.jitter.mul_f64(random_fraction());
        }
        // The retry would start after the wait: not later than `max_time`.
        if let Some(max) = policy.max_time {
            let elapsed = self.started.elapsed();
            if elapsed >= max || elapsed.saturating_add(wait) > max {
                return Verdict::Stop;
            }
        }
        if !replayable {
            return Verdict::NotReplayable;
        }
        self.retries += 1;
        Verdict::Wait(wait)
    }
}

/// GET, HEAD, OPTIONS, TRACE, PUT, DELETE (RFC 9110 section 9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    )
}

/// Whether a request that failed on a connection the server was ending goes again on a fresh
/// connection (at most twice per attempt): always when the server cannot have processed it
/// (HTTP/2 REFUSED_STREAM, a GOAWAY below the stream, a connection gone before the send), for
/// idempotent methods when a connection that had already answered, HTTP/1.1 or HTTP/2, closed
/// before any byte of this response (decision 0005, "Retries").
pub(crate) fn replay_on_fresh_connection(
    replay: crate::conn::Replay,
    method: &Method,
    replayable: bool,
) -> bool {
    replayable
        && match replay {
            crate::conn::Replay::Safe => true,
            crate::conn::Replay::IfIdempotent => is_idempotent(method),
            crate::conn::Replay::No => false,
        }
}

/// `Retry-After` as a wait from `now`: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = crate::policy::http_date::parse(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A fraction in [0, 1) from the OS's randomness (jitter needs no more than that).
fn random_fraction() -> f64 {
    let mut b = [0u8; 8];
    crate::policy::random_bytes(&mut b);
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_by_backoff_and_cap() {
        let p = Retry::new(5).delay(Duration::from_secs(1));
        assert_eq!(p.wait(3), Duration::from_secs(3));
        let p = p
            .backoff(Backoff::Exponential)
            .max_delay(Duration::from_secs(5));
        assert_eq!(p.wait(1), Duration::from_secs(1));
        assert_eq!(p.wait(3), Duration::from_secs(4));
        assert_eq!(p.wait(4), Duration::from_secs(5));
        assert_eq!(p.wait(60), Duration::from_secs(5));
        let p = p.backoff(Backoff::Constant);
        assert_eq!(p.wait(4), Duration::from_secs(1));
    }

    #[test]
    fn statuses_methods_and_counts() {
        let p = Retry::new(1).delay(Duration::ZERO);
        let mut s = RetryState::new();
        let h = HeaderMap::new();
        assert_eq!(
            s.after_status(&p, StatusCode::OK, &h, &Method::GET, true),
            Verdict::Stop
        );
        assert_eq!(
            s.after_status(&p, StatusCode::SERVICE_UNAVAILABLE, &h, &Method::POST, true),
            Verdict::Stop
        );
        assert_eq!(
            s.after_status(&p, StatusCode::SERVICE_UNAVAILABLE, &h, &Method::PUT, false),
            Verdict::NotReplayable
        );
        assert_eq!(
            s.after_status(&p, StatusCode::SERVICE_UNAVAILABLE, &h, &Method::GET, true),
            Verdict::Wait(Duration::ZERO)
        );
        assert_eq!(
            s.after_status(&p, StatusCode::SERVICE_UNAVAILABLE, &h, &Method::GET, true),
            Verdict::Stop,
            "count reached"
        );
        let p = Retry::new(1).all_methods(true).delay(Duration::ZERO);
        let mut s = RetryState::new();
        assert_eq!(
            s.after_status(&p, StatusCode::BAD_GATEWAY, &h, &Method::POST, true),
            Verdict::Wait(Duration::ZERO)
        );
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = Retry::new(2).delay(Duration::from_millis(10));
        let mut h = HeaderMap::new();
        h.insert(http::header::RETRY_AFTER, "2".parse().expect("value"));
        let mut s = RetryState::new();
        assert_eq!(
            s.after_status(&p, StatusCode::TOO_MANY_REQUESTS, &h, &Method::GET, true),
            Verdict::Wait(Duration::from_secs(2))
        );
        h.insert(http::header::RETRY_AFTER, "3600".parse().expect("value"));
        assert_eq!(
            s.after_status(&p, StatusCode::TOO_MANY_REQUESTS, &h, &Method::GET, true),
            Verdict::Stop
        );
    }

    #[test]
    fn retry_after_http_date() {
        let mut h = HeaderMap::new();
        h.insert(
            http::header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:49:37 GMT".parse().expect("value"),
        );
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(784111777);
        assert_eq!(
            retry_after(&h, at - Duration::from_secs(30)),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after(&h, at + Duration::from_secs(30)),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn errors_by_kind() {
        let p = Retry::new(3);
        assert!(p.error_allowed(&Error::connect("refused")));
        assert!(p.error_allowed(&Error::timeout(TimeoutKind::Read, Duration::from_secs(1))));
        assert!(!p.error_allowed(&Error::timeout(TimeoutKind::Total, Duration::from_secs(1))));
        assert!(p.error_allowed(&Error::protocol(ProtocolError::ClosedBeforeHead)));
        assert!(!p.error_allowed(&Error::builder("bad")));
        assert!(!p.error_allowed(&Error::protocol(ProtocolError::Http2("x".into()))));
        assert!(
            p.clone()
                .all_errors(true)
                .error_allowed(&Error::protocol(ProtocolError::Http2("x".into())))
        );
        assert!(
            !p.on_errors(false, true, true)
                .error_allowed(&Error::connect("refused"))
        );
    }
}
