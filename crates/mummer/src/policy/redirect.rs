//! Redirects: whether to follow, where to, and how the next request differs (method, body,
//! credentials, Referer).
//!
//! The decisions are pure functions of the request and the response head; the run loop does
//! the I/O (draining the redirect's body, connecting to the next hop).

use http::{HeaderMap, Method, StatusCode, Version};
use url::Url;

use crate::error::{Error, Kind, RedirectError, Result};
use crate::policy::cookies::Cookie;
use crate::request::Request;

/// How redirects are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedirectPolicy {
    max: usize,
    safe: bool,
}

impl RedirectPolicy {
    /// Redirects are not followed: a 3xx is the response.
    pub fn none() -> RedirectPolicy {
        RedirectPolicy {
            max: 0,
            safe: false,
        }
    }

    /// Up to `max` redirects are followed; one more is a
    /// [`Kind::TooManyRedirects`] error.
    pub fn limited(max: usize) -> RedirectPolicy {
        RedirectPolicy { max, safe: false }
    }

    /// Like [`limited`](Self::limited), but a redirect that leads to a loopback, private,
    /// link-local or unique-local address is refused with
    /// [`RedirectError::UnsafeTarget`]. The check is made on the address actually connected,
    /// so a name that resolves to such an address (DNS rebinding) is refused too. The first
    /// request is not checked: its URL is the caller's own choice.
    pub fn safe(max: usize) -> RedirectPolicy {
        RedirectPolicy { max, safe: true }
    }

    /// The most redirects followed.
    pub fn max(&self) -> usize {
        self.max
    }

    /// Whether redirects to private addresses are refused.
    pub fn is_safe(&self) -> bool {
        self.safe
    }
}

/// One redirect that was followed: the response that asked for it.
#[derive(Debug, Clone)]
pub struct Hop {
    pub(crate) url: Url,
    pub(crate) status: StatusCode,
    pub(crate) reason: String,
    pub(crate) version: Version,
    pub(crate) headers: HeaderMap,
    pub(crate) cookies: Vec<Cookie>,
}

impl Hop {
    /// The URL that answered with the redirect.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Its status (301, 302, 303, 307 or 308).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Its reason phrase (the canonical one over HTTP/2, which has none).
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Its HTTP version.
    pub fn version(&self) -> Version {
        self.version
    }

    /// Its headers (`Location` among them).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The cookies it set.
    pub fn cookies(&self) -> &[Cookie] {
        &self.cookies
    }
}

/// Where a response redirects to, if the policy follows it.
pub(crate) fn target(
    policy: &RedirectPolicy,
    followed: usize,
    url: &Url,
    status: StatusCode,
    headers: &HeaderMap,
) -> Result<Option<Url>> {
    if policy.max == 0 || !is_redirect(status) {
        return Ok(None);
    }
    let Some(location) = headers.get(http::header::LOCATION) else {
        return Ok(None);
    };
    if followed >= policy.max {
        return Err(Error::new(Kind::TooManyRedirects { max: policy.max }, None));
    }
    let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
    let mut next = url.join(location.trim()).map_err(|e| {
        Error::redirect(
            RedirectError::BadLocation,
            format!("Location {location:?}: {e}"),
        )
    })?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(Error::redirect(
            RedirectError::UnsupportedScheme,
            format!("Location leads to {}:", next.scheme()),
        ));
    }
    if next.host_str().is_none_or(str::is_empty) {
        return Err(Error::redirect(
            RedirectError::BadLocation,
            format!("Location {location:?} has no host"),
        ));
    }
    // A fragment is the client's business; the Location's own wins over the original's
    // (RFC 9110 section 10.2.2), which `join` already does, and neither goes on the wire.
    if next.fragment().is_none() {
        next.set_fragment(url.fragment());
    }
    Ok(Some(next))
}

/// Whether the status is one that redirects.
pub(crate) fn is_redirect(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::MOVED_PERMANENTLY
            | StatusCode::FOUND
            | StatusCode::SEE_OTHER
            | StatusCode::TEMPORARY_REDIRECT
            | StatusCode::PERMANENT_REDIRECT
    )
}

/// Turns `request` into the request for the next hop: the method as browsers change it,
/// headers that belong to the old origin dropped. Returns whether the body goes along (307 and
/// 308 keep it; 303, and 301/302 after POST, become a GET without one).
pub(crate) fn follow(request: &mut Request, status: StatusCode, next: Url) -> bool {
    let keeps_method = matches!(
        status,
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
    );
    let to_get =
        !keeps_method && (status == StatusCode::SEE_OTHER || request.method == Method::POST);
    if to_get {
        if request.method != Method::HEAD {
            request.method = Method::GET;
        }
        request.headers.retain(|(n, _)| {
            ![
                "content-type",
                "content-length",
                "transfer-encoding",
                "content-encoding",
            ]
            .iter()
            .any(|h| n.eq_ignore_ascii_case(h))
        });
    }
    if !same_origin(&request.url, &next) {
        // Credentials given for one origin never reach another.
        request.headers.retain(|(n, _)| {
            !["authorization", "cookie", "proxy-authorization"]
                .iter()
                .any(|h| n.eq_ignore_ascii_case(h))
        });
    }
    request.url = next;
    !to_get
}

/// Scheme, host and port equal.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The Referer a browser sends to `target` for a document at `referrer` under its default
/// policy, strict-origin-when-cross-origin: the whole URL (without credentials and fragment)
/// within an origin, only the origin across origins, nothing from https to http.
pub(crate) fn referer(referrer: &Url, target: &Url) -> Option<String> {
    if !matches!(referrer.scheme(), "http" | "https") {
        return None;
    }
    if referrer.scheme() == "https" && target.scheme() == "http" {
        return None;
    }
    let mut url = referrer.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    if !same_origin(referrer, target) {
        url.set_path("/");
        url.set_query(None);
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn referer_follows_strict_origin_when_cross_origin() {
        let from = url("https://u:p@a.test/page?q=1#frag");
        assert_eq!(
            referer(&from, &url("https://a.test/next")).as_deref(),
            Some("https://a.test/page?q=1")
        );
        assert_eq!(
            referer(&from, &url("https://b.test/")).as_deref(),
            Some("https://a.test/")
        );
        assert_eq!(referer(&from, &url("http://a.test/")), None);
        assert_eq!(
            referer(&url("http://a.test/x"), &url("https://a.test/y")).as_deref(),
            Some("http://a.test/")
        );
    }

    #[test]
    fn targets_and_limits() {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::LOCATION, "/b#f".parse().expect("value"));
        let from = url("https://a.test/a#orig");
        let policy = RedirectPolicy::limited(2);
        let next = target(&policy, 0, &from, StatusCode::FOUND, &headers)
            .expect("ok")
            .expect("follows");
        assert_eq!(next.as_str(), "https://a.test/b#f");
        headers.insert(http::header::LOCATION, "/c".parse().expect("value"));
        let next = target(&policy, 1, &from, StatusCode::FOUND, &headers)
            .expect("ok")
            .expect("follows");
        assert_eq!(next.as_str(), "https://a.test/c#orig");
        let err = target(&policy, 2, &from, StatusCode::FOUND, &headers).expect_err("limit");
        assert_eq!(err.kind(), &Kind::TooManyRedirects { max: 2 });
        assert!(
            target(
                &RedirectPolicy::none(),
                0,
                &from,
                StatusCode::FOUND,
                &headers
            )
            .expect("ok")
            .is_none()
        );
        assert!(
            target(&policy, 0, &from, StatusCode::OK, &headers)
                .expect("ok")
                .is_none()
        );
        headers.insert(http::header::LOCATION, "ftp://x/".parse().expect("value"));
        let err = target(&policy, 0, &from, StatusCode::FOUND, &headers).expect_err("scheme");
        assert_eq!(
            err.kind(),
            &Kind::Redirect(RedirectError::UnsupportedScheme)
        );
        headers.insert(
            http::header::LOCATION,
            "http://[::1".parse().expect("value"),
        );
        let err = target(&policy, 0, &from, StatusCode::FOUND, &headers).expect_err("bad");
        assert_eq!(err.kind(), &Kind::Redirect(RedirectError::BadLocation));
    }
}
