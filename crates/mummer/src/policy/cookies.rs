//! Cookies: the `Cookie` header for each hop, and what each response stores.
//!
//! [`CookieJar`] is a shared handle on one RFC 6265 jar (with the public suffix list), the
//! store itself living in `mummer_proto::cookie`. A client can hold one (every request reads
//! and fills it, redirect hops included) and a request can bring its own, or cookies of its
//! own that go to its first origin only.

use std::sync::{Arc, Mutex, MutexGuard};

use http::HeaderMap;
use url::Url;

pub use mummer_proto::cookie::{Cookie, SameSite};

/// A cookie jar shared by everything that holds a clone of it.
#[derive(Clone, Default)]
pub struct CookieJar {
    inner: Arc<Mutex<mummer_proto::cookie::Jar>>,
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values are secrets (sessions); only the count goes into logs.
        write!(f, "CookieJar({} cookies)", self.lock().len())
    }
}

impl CookieJar {
    /// An empty jar.
    pub fn new() -> CookieJar {
        CookieJar::default()
    }

    /// A jar loaded from a Netscape `cookies.txt` (as curl and Python's `MozillaCookieJar`
    /// write it).
    pub fn from_netscape(text: &str) -> Result<CookieJar, mummer_proto::cookie::CookieFileError> {
        let jar = mummer_proto::cookie::Jar::from_netscape(text)?;
        Ok(CookieJar {
            inner: Arc::new(Mutex::new(jar)),
        })
    }

    /// The jar in Netscape `cookies.txt` format.
    pub fn to_netscape(&self) -> String {
        self.lock().to_netscape()
    }

    /// Direct access to the store, for reading, setting and deleting cookies by name, domain
    /// and path. Hold the guard briefly: requests wait for it.
    pub fn lock(&self) -> MutexGuard<'_, mummer_proto::cookie::Jar> {
        // The jar's maps stay consistent if a holder panicked.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The `Cookie` header value for a request to `url`.
    pub fn header_for(&self, url: &Url) -> Option<String> {
        self.lock().cookie_header(url)
    }

    /// Stores the cookies a response from `url` sets; returns them.
    pub fn store(&self, url: &Url, headers: &HeaderMap) -> Vec<Cookie> {
        let mut values = headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .map(|v| v.as_bytes())
            .peekable();
        if values.peek().is_none() {
            return Vec::new();
        }
        self.lock().store_response_cookies(url, values)
    }
}

/// Cookies a request brings for its first origin only: `name=value` pairs joined into the
/// header after the jar's, a pair of the same name replacing the jar's.
pub(crate) fn merge(jar: Option<String>, own: &[(String, String)]) -> Option<String> {
    if own.is_empty() {
        return jar;
    }
    let mut pairs: Vec<(String, String)> = jar
        .as_deref()
        .unwrap_or("")
        .split("; ")
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => (String::new(), p.to_string()),
        })
        .filter(|(n, _)| !own.iter().any(|(o, _)| o == n))
        .collect();
    pairs.extend(own.iter().cloned());
    Some(
        pairs
            .iter()
            .map(|(n, v)| {
                if n.is_empty() {
                    v.clone()
                } else {
                    format!("{n}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn own_cookies_replace_the_jars_of_the_same_name() {
        let own = vec![("b".to_string(), "9".to_string()), ("c".into(), "3".into())];
        assert_eq!(
            merge(Some("a=1; b=2".into()), &own).as_deref(),
            Some("a=1; b=9; c=3")
        );
        assert_eq!(merge(None, &own).as_deref(), Some("b=9; c=3"));
        assert_eq!(merge(Some("a=1".into()), &[]).as_deref(), Some("a=1"));
    }
}
