//! The policies the run loop applies between attempts, each with one small interface:
//! [`redirect`] (follow or not, and how the next request differs), [`retry`] (wait and send
//! again, or stop), [`auth`] (the Authorization for a hop, and whether a challenge is worth
//! answering), [`cookies`] (the Cookie for a hop, and what a response stores), and [`resume`]
//! (continue a body that failed mid-way from where it stopped).
//!
//! None of them performs I/O; the run loop (`crate::run`) does, in one place.

pub(crate) mod auth;
pub(crate) mod cookies;
pub(crate) mod redirect;
pub(crate) mod resume;
pub(crate) mod retry;

/// Fills `out` from BoringSSL's CSPRNG (nonces, boundaries, jitter).
pub(crate) fn random_bytes(out: &mut [u8]) {
    // BoringSSL's RAND_bytes cannot fail (it aborts the process instead); the Result is a
    // binding artefact.
    let _ = btls::rand::rand_bytes(out);
}

/// HTTP-dates (RFC 9110 section 5.6.7), for Retry-After and Last-Modified.
pub(crate) mod http_date {
    use std::time::SystemTime;

    /// Parses IMF-fixdate and the two obsolete formats.
    pub(crate) fn parse(value: &str) -> Option<SystemTime> {
        httpdate::parse_http_date(value.trim()).ok()
    }
}
