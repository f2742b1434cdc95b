//! Authentication: the `Authorization` header for each hop, and answering challenges.
//!
//! Basic and Bearer go on the first request. Digest (RFC 7616) waits for the server's 401
//! challenge, answers it once, and answers once more when the server says the nonce was
//! `stale`. Credentials belong to the origin of the request they were given for: a redirect to
//! another origin carries none (an upgrade from http to https on the same host keeps them,
//! as requests does). The protocol arithmetic lives in `mummer_proto::auth`.

use std::fmt;

use http::{HeaderMap, Method, StatusCode};
use url::Url;

use mummer_proto::auth::{DigestState, parse_challenges};

/// Credentials for a request.
#[derive(Clone, PartialEq, Eq)]
pub struct Auth {
    inner: Scheme,
}

#[derive(Clone, PartialEq, Eq)]
enum Scheme {
    Basic { user: String, password: String },
    Bearer(String),
    Digest { user: String, password: String },
}

impl Auth {
    /// HTTP Basic (RFC 7617), sent with the first request.
    pub fn basic(user: &str, password: &str) -> Auth {
        Auth {
            inner: Scheme::Basic {
                user: user.to_string(),
                password: password.to_string(),
            },
        }
    }

    /// A bearer token (RFC 6750), sent with the first request.
    pub fn bearer(token: &str) -> Auth {
        Auth {
            inner: Scheme::Bearer(token.to_string()),
        }
    }

    /// HTTP Digest (RFC 7616: MD5, MD5-sess, SHA-256, SHA-512-256; qop auth and auth-int),
    /// sent in answer to the server's challenge.
    pub fn digest(user: &str, password: &str) -> Auth {
        Auth {
            inner: Scheme::Digest {
                user: user.to_string(),
                password: password.to_string(),
            },
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secrets never reach a log line.
        match &self.inner {
            Scheme::Basic { user, .. } => write!(f, "Auth::Basic({user:?}, ***)"),
            Scheme::Bearer(_) => f.write_str("Auth::Bearer(***)"),
            Scheme::Digest { user, .. } => write!(f, "Auth::Digest({user:?}, ***)"),
        }
    }
}

/// Authentication bookkeeping for one call (all its hops and attempts).
pub(crate) struct AuthState {
    auth: Option<Auth>,
    /// The URL the credentials were given for.
    origin: Option<Url>,
    digest: Option<DigestState>,
    /// Challenges answered so far (at most two: the first, and one `stale` renewal).
    answered: u8,
}

impl AuthState {
    /// `auth` is the caller's; without it, credentials in the URL become Basic (as curl).
    pub(crate) fn new(auth: Option<Auth>, url: &Url, from_url: Option<(String, String)>) -> Self {
        let auth = auth.or_else(|| from_url.map(|(u, p)| Auth::basic(&u, &p)));
        AuthState {
            origin: auth.as_ref().map(|_| url.clone()),
            auth,
            digest: None,
            answered: 0,
        }
    }

    /// Credentials found in a redirect's URL apply to that hop only when none were given.
    pub(crate) fn hop_credentials(&mut self, url: &Url, from_url: Option<(String, String)>) {
        if self.auth.is_none()
            && let Some((u, p)) = from_url
        {
            self.auth = Some(Auth::basic(&u, &p));
            self.origin = Some(url.clone());
        }
    }

    fn applies_to(&self, url: &Url) -> bool {
        let Some(origin) = &self.origin else {
            return false;
        };
        if crate::policy::redirect::same_origin(origin, url) {
            return true;
        }
        // http -> https on the same host, default ports: the upgrade keeps the credentials.
        origin.scheme() == "http"
            && url.scheme() == "https"
            && origin.host_str() == url.host_str()
            && origin.port().is_none()
            && url.port().is_none()
    }

    /// The `Authorization` value for a request to `url`, if any.
    pub(crate) fn authorization(
        &mut self,
        method: &Method,
        url: &Url,
        body: Option<&[u8]>,
    ) -> Option<String> {
        if !self.applies_to(url) {
            return None;
        }
        match &self.auth.as_ref()?.inner {
            Scheme::Basic { user, password } => {
                Some(mummer_proto::auth::basic_authorization(user, password))
            }
            Scheme::Bearer(token) => Some(format!("Bearer {token}")),
            Scheme::Digest { user, password } => {
                let digest = self.digest.as_mut()?;
                let mut random = [0u8; 16];
                crate::policy::random_bytes(&mut random);
                let cnonce = mummer_proto::auth::cnonce_from_random(&random);
                digest
                    .authorization(
                        user,
                        password,
                        method.as_str(),
                        &request_uri(url),
                        body,
                        &cnonce,
                    )
                    .ok()
            }
        }
    }

    /// After a response: whether to send the request again with (new) credentials.
    pub(crate) fn answer_challenge(
        &mut self,
        status: StatusCode,
        headers: &HeaderMap,
        url: &Url,
    ) -> bool {
        if status != StatusCode::UNAUTHORIZED || !self.applies_to(url) || self.answered >= 2 {
            return false;
        }
        let Some(Scheme::Digest { .. }) = self.auth.as_ref().map(|a| &a.inner) else {
            return false;
        };
        let challenges: Vec<_> = headers
            .get_all(http::header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| parse_challenges(v.as_bytes()).ok())
            .flatten()
            .filter(|c| c.is_scheme("digest"))
            .collect();
        let Ok(state) = DigestState::from_challenges(&challenges) else {
            return false;
        };
        // A second 401 is worth answering only when the server says our nonce went stale;
        // otherwise the credentials are wrong and the 401 is the answer. (A 401 to a
        // pre-emptive answer from the cache counts as a first one.)
        if self.answered == 1 && !state.is_stale() {
            return false;
        }
        self.answered += 1;
        self.digest = Some(state);
        true
    }
}

/// The request-target Digest hashes: path and query, as on the request line.
fn request_uri(url: &Url) -> String {
    let mut uri = url.path().to_string();
    if let Some(q) = url.query() {
        uri.push('?');
        uri.push_str(q);
    }
    uri
}

/// Digest challenges answered before, by origin and user, so that later requests to the
/// same origin answer pre-emptively (with the next nonce count) instead of paying a 401 round
/// trip each, as browsers and requests do. Bounded: the oldest entry goes first.
#[derive(Default)]
pub(crate) struct DigestCache {
    entries: std::sync::Mutex<Vec<(String, DigestState)>>,
}

/// Origins whose Digest state is kept per client.
const DIGEST_CACHE: usize = 64;

impl DigestCache {
    fn key(url: &Url, user: &str) -> String {
        format!("{}\n{user}", url.origin().ascii_serialization())
    }

    fn take(&self, url: &Url, user: &str) -> Option<DigestState> {
        let key = Self::key(url, user);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let i = entries.iter().position(|(k, _)| *k == key)?;
        Some(entries.remove(i).1)
    }

    fn put(&self, url: &Url, user: &str, state: DigestState) {
        let key = Self::key(url, user);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(k, _)| *k != key);
        if entries.len() >= DIGEST_CACHE {
            entries.remove(0);
        }
        entries.push((key, state));
    }
}

impl AuthState {
    /// Starts from a Digest state an earlier call to this origin left in `cache`.
    pub(crate) fn resume_digest(&mut self, cache: &DigestCache) {
        if let (Some(Scheme::Digest { user, .. }), Some(origin)) =
            (self.auth.as_ref().map(|a| &a.inner), &self.origin)
        {
            self.digest = cache.take(origin, user);
        }
    }

    /// Leaves the Digest state in `cache` for the next call (after a call that got past the
    /// challenge).
    pub(crate) fn keep_digest(self, cache: &DigestCache, status: StatusCode) {
        if status == StatusCode::UNAUTHORIZED {
            return;
        }
        if let (Some(Scheme::Digest { user, .. }), Some(origin), Some(state)) = (
            self.auth.as_ref().map(|a| &a.inner),
            &self.origin,
            self.digest,
        ) {
            cache.put(origin, user, state);
        }
    }
}

/// `user:password` from a URL's userinfo, percent-decoded.
pub(crate) fn url_credentials(url: &Url) -> Option<(String, String)> {
    if url.username().is_empty() && url.password().is_none() {
        return None;
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    Some((decode(url.username()), decode(url.password().unwrap_or(""))))
}
