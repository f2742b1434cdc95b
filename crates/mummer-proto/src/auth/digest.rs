//! The Digest scheme, RFC 7616, with the RFC 2617 and RFC 2069 forms servers still send.
//!
//! ```text
//! A1       = username ":" realm ":" password            (H(A1) is the user's secret)
//!          | H(A1) ":" nonce ":" cnonce                 (-sess algorithms)
//! A2       = method ":" request-uri                     (qop=auth, or no qop)
//!          | method ":" request-uri ":" H(entity-body)  (qop=auth-int)
//! response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2))   (with qop)
//!          | KD(H(A1), nonce ":" H(A2))                               (RFC 2069, no qop)
//! KD(secret, data) = H(secret ":" data)
//! ```
//!
//! Choices where the RFCs leave room:
//! * `auth` is chosen over `auth-int` when both are offered: it needs no body, so streamed
//!   bodies work, and a server that offers both has said it accepts either.
//! * The `-sess` session key is computed with the `cnonce` of the request at hand (RFC 2617
//!   3.2.2.2 computes it once per session, but servers recompute it from each request's
//!   `cnonce`, and common clients send it that way).
//! * Credentials are always hashed as UTF-8. `charset=UTF-8` (RFC 7616 4) changes only how a
//!   non-ASCII username is sent when `userhash` is off: as `username*` (RFC 8187) instead of raw
//!   UTF-8 inside the quoted `username`, which is what servers without the parameter expect.
//! * `algorithm` is always sent, even when the challenge omitted it (MD5 is then implied);
//!   RFC 2617 servers accept it.

use std::fmt;

use md5::Md5;
use sha2::{Sha256, Sha512_256};

use super::challenge::is_control;
use super::{AuthError, AuthenticationInfo, Challenge};
use crate::syntax::is_token;

/// A Digest hash algorithm (RFC 7616 3.2 and its IANA registry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// `MD5`, the default when a challenge names none.
    Md5,
    /// `MD5-sess`.
    Md5Sess,
    /// `SHA-256`.
    Sha256,
    /// `SHA-256-sess`.
    Sha256Sess,
    /// `SHA-512-256`: SHA-512/256 from FIPS 180-4, with its own initial values; not SHA-512
    /// cut in half.
    Sha512_256,
    /// `SHA-512-256-sess`.
    Sha512_256Sess,
}

impl Algorithm {
    /// The algorithm for a challenge's `algorithm` value, matched ASCII case-insensitively;
    /// `None` for names this crate does not implement.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        [
            Algorithm::Md5,
            Algorithm::Md5Sess,
            Algorithm::Sha256,
            Algorithm::Sha256Sess,
            Algorithm::Sha512_256,
            Algorithm::Sha512_256Sess,
        ]
        .into_iter()
        .find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The name as RFC 7616 spells it, e.g. `"SHA-512-256-sess"`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Md5Sess => "MD5-sess",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha256Sess => "SHA-256-sess",
            Algorithm::Sha512_256 => "SHA-512-256",
            Algorithm::Sha512_256Sess => "SHA-512-256-sess",
        }
    }

    /// Whether this is a `-sess` variant, whose H(A1) also covers the nonce and cnonce.
    pub fn is_session(self) -> bool {
        matches!(
            self,
            Algorithm::Md5Sess | Algorithm::Sha256Sess | Algorithm::Sha512_256Sess
        )
    }

    /// Lowercase hex of the hash of `fields` joined with `:`, the H() of RFC 7616 3.4.
    fn hash(self, fields: &[&[u8]]) -> String {
        match self {
            Algorithm::Md5 | Algorithm::Md5Sess => hash_fields::<Md5>(fields),
            Algorithm::Sha256 | Algorithm::Sha256Sess => hash_fields::<Sha256>(fields),
            Algorithm::Sha512_256 | Algorithm::Sha512_256Sess => hash_fields::<Sha512_256>(fields),
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn hash_fields<D: sha2::Digest>(fields: &[&[u8]]) -> String {
    let mut hasher = D::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            hasher.update(b":");
        }
        hasher.update(field);
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// A Digest quality of protection (RFC 7616 3.3, `qop`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qop {
    /// `auth`: authenticates the method and request target.
    Auth,
    /// `auth-int`: also covers the hash of the request body.
    AuthInt,
}

impl Qop {
    /// The value as sent, `"auth"` or `"auth-int"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Qop::Auth => "auth",
            Qop::AuthInt => "auth-int",
        }
    }
}

/// A `cnonce` from random bytes the caller drew (16 or more is plenty): their lowercase hex,
/// which needs no escaping in the quoted parameter.
pub fn cnonce_from_random(random: &[u8]) -> String {
    hex(random)
}

/// What a client remembers of one Digest challenge: realm, nonce and options, and how many
/// requests it has answered with this nonce.
///
/// Built from the server's challenge; each [`DigestState::authorization`] call counts one
/// request (`nc`). When the server answers a request with a new challenge, build a new state
/// from it: if that challenge [`is_stale`](DigestState::is_stale), the credentials were right
/// and only the nonce expired, so retry once with the same credentials; otherwise the
/// credentials were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestState {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    algorithm: Algorithm,
    qop: Option<Qop>,
    userhash: bool,
    charset_utf8: bool,
    stale: bool,
    nonce_count: u32,
}

impl DigestState {
    /// Reads a Digest challenge.
    ///
    /// # Errors
    ///
    /// [`AuthError::NotDigest`] for another scheme, [`AuthError::MissingParameter`] without
    /// `realm` or `nonce`, [`AuthError::UnsupportedAlgorithm`],
    /// [`AuthError::UnsupportedQop`] when `qop` offers neither `auth` nor `auth-int`, and
    /// [`AuthError::SessionAlgorithmWithoutQop`].
    pub fn from_challenge(challenge: &Challenge) -> Result<DigestState, AuthError> {
        if !challenge.is_scheme("Digest") {
            return Err(AuthError::NotDigest {
                scheme: challenge.scheme().to_owned(),
            });
        }
        let realm = challenge
            .param("realm")
            .ok_or(AuthError::MissingParameter { name: "realm" })?;
        let nonce = challenge
            .param("nonce")
            .ok_or(AuthError::MissingParameter { name: "nonce" })?;
        let algorithm = match challenge.param("algorithm") {
            None => Algorithm::Md5,
            Some(name) => {
                Algorithm::from_name(name).ok_or_else(|| AuthError::UnsupportedAlgorithm {
                    algorithm: name.to_owned(),
                })?
            }
        };
        let qop = match challenge.param("qop") {
            None => None,
            Some(offered) => Some(choose_qop(offered)?),
        };
        if qop.is_none() && algorithm.is_session() {
            return Err(AuthError::SessionAlgorithmWithoutQop { algorithm });
        }
        let is_true = |name| {
            challenge
                .param(name)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        };
        Ok(DigestState {
            realm: realm.to_owned(),
            nonce: nonce.to_owned(),
            opaque: challenge.param("opaque").map(str::to_owned),
            algorithm,
            qop,
            userhash: is_true("userhash"),
            charset_utf8: challenge
                .param("charset")
                .is_some_and(|v| v.eq_ignore_ascii_case("UTF-8")),
            stale: is_true("stale"),
            nonce_count: 0,
        })
    }

    /// Reads the first Digest challenge this crate can answer, in the server's order of
    /// preference (RFC 7616 3.7: a server may offer one challenge per algorithm).
    ///
    /// # Errors
    ///
    /// [`AuthError::NotDigest`] (with an empty scheme) if no challenge is Digest; otherwise the
    /// error of the first Digest challenge, when none can be answered.
    pub fn from_challenges(challenges: &[Challenge]) -> Result<DigestState, AuthError> {
        let mut first_error = None;
        for challenge in challenges.iter().filter(|c| c.is_scheme("Digest")) {
            match DigestState::from_challenge(challenge) {
                Ok(state) => return Ok(state),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or(AuthError::NotDigest {
            scheme: String::new(),
        }))
    }

    /// The `Authorization` (or `Proxy-Authorization`) value for one request, and one more
    /// request counted against the nonce.
    ///
    /// `uri` is the request-target exactly as sent on the request line (origin form, or the
    /// authority for CONNECT). `body` is the request content as sent, needed only when the
    /// server offers nothing but `qop=auth-int`. `cnonce` is fresh client randomness (see
    /// [`cnonce_from_random`]); it is ignored when the server sent no `qop`.
    ///
    /// # Errors
    ///
    /// [`AuthError::AuthIntWithoutBody`], [`AuthError::InvalidInput`] for a method that is not a
    /// token, an empty or control-laden `uri` or `cnonce`, or a username with control
    /// characters that cannot be sent as `username*`; [`AuthError::NonceCountExhausted`]. On
    /// error nothing is counted.
    pub fn authorization(
        &mut self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        body: Option<&[u8]>,
        cnonce: &str,
    ) -> Result<String, AuthError> {
        if !is_token(method.as_bytes()) {
            return Err(AuthError::InvalidInput { field: "method" });
        }
        if uri.is_empty() || uri.bytes().any(is_control) {
            return Err(AuthError::InvalidInput { field: "uri" });
        }
        if self.qop.is_some() && (cnonce.is_empty() || cnonce.bytes().any(is_control)) {
            return Err(AuthError::InvalidInput { field: "cnonce" });
        }
        let username = self.username_param(user)?;
        let body_hash = match (self.qop, body) {
            (Some(Qop::AuthInt), None) => return Err(AuthError::AuthIntWithoutBody),
            (Some(Qop::AuthInt), Some(body)) => Some(self.algorithm.hash(&[body])),
            _ => None,
        };
        let nonce_count = self
            .nonce_count
            .checked_add(1)
            .ok_or(AuthError::NonceCountExhausted)?;
        let nc = format!("{nonce_count:08x}");

        let h = |fields: &[&str]| {
            let bytes: Vec<&[u8]> = fields.iter().map(|f| f.as_bytes()).collect();
            self.algorithm.hash(&bytes)
        };
        let mut ha1 = h(&[user, &self.realm, password]);
        if self.algorithm.is_session() {
            ha1 = h(&[&ha1, &self.nonce, cnonce]);
        }
        let ha2 = match &body_hash {
            Some(body_hash) => h(&[method, uri, body_hash]),
            None => h(&[method, uri]),
        };
        let response = match self.qop {
            Some(qop) => h(&[&ha1, &self.nonce, &nc, cnonce, qop.as_str(), &ha2]),
            None => h(&[&ha1, &self.nonce, &ha2]),
        };

        let mut header = String::from("Digest ");
        header.push_str(&username);
        push_quoted(&mut header, "realm", &self.realm);
        push_quoted(&mut header, "nonce", &self.nonce);
        push_quoted(&mut header, "uri", uri);
        push_token(&mut header, "algorithm", self.algorithm.name());
        push_quoted(&mut header, "response", &response);
        if let Some(qop) = self.qop {
            push_token(&mut header, "qop", qop.as_str());
            push_token(&mut header, "nc", &nc);
            push_quoted(&mut header, "cnonce", cnonce);
        }
        if let Some(opaque) = &self.opaque {
            push_quoted(&mut header, "opaque", opaque);
        }
        if self.userhash {
            push_token(&mut header, "userhash", "true");
        }
        self.nonce_count = nonce_count;
        Ok(header)
    }

    /// `username="..."`, the hashed form with `userhash`, or `username*` (RFC 7616 3.4.4).
    fn username_param(&self, user: &str) -> Result<String, AuthError> {
        let mut out = String::new();
        if self.userhash {
            let hashed = self
                .algorithm
                .hash(&[user.as_bytes(), self.realm.as_bytes()]);
            push_quoted(&mut out, "username", &hashed);
        } else if self.charset_utf8 && user.bytes().any(|b| !b.is_ascii() || is_control(b)) {
            out.push_str(", username*=UTF-8''");
            percent_encode_ext_value(user, &mut out);
        } else if user.bytes().any(is_control) {
            return Err(AuthError::InvalidInput { field: "username" });
        } else {
            push_quoted(&mut out, "username", user);
        }
        // Every parameter is pushed with a leading ", "; the first one goes without.
        Ok(out.split_off(2))
    }

    /// Takes the `nextnonce` of an `Authentication-Info` field, if it names a new nonce, so the
    /// next request uses it (RFC 7616 3.5); the nonce count starts again. Returns whether the
    /// nonce changed.
    pub fn accept_authentication_info(&mut self, info: &AuthenticationInfo) -> bool {
        match info.next_nonce() {
            Some(next) if next != self.nonce => {
                next.clone_into(&mut self.nonce);
                self.nonce_count = 0;
                self.stale = false;
                true
            }
            _ => false,
        }
    }

    /// Whether the challenge said `stale=true`: the previous request's credentials were
    /// right and only its nonce had expired, so one retry with the new nonce needs no new
    /// credentials.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// The protection space's realm.
    pub fn realm(&self) -> &str {
        &self.realm
    }

    /// The nonce the next request will use.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The algorithm in use.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The chosen quality of protection; `None` for RFC 2069 servers that offer none.
    pub fn qop(&self) -> Option<Qop> {
        self.qop
    }

    /// Whether the username is sent hashed (`userhash=true`).
    pub fn userhash(&self) -> bool {
        self.userhash
    }

    /// How many requests have been answered with the current nonce (the last `nc` sent).
    pub fn nonce_count(&self) -> u32 {
        self.nonce_count
    }
}

/// `auth` if offered, else `auth-int`; other values in the list are extensions and skipped.
fn choose_qop(offered: &str) -> Result<Qop, AuthError> {
    let mut auth_int = false;
    for value in offered.split(',').map(|v| v.trim_matches([' ', '\t'])) {
        if value.eq_ignore_ascii_case("auth") {
            return Ok(Qop::Auth);
        }
        auth_int |= value.eq_ignore_ascii_case("auth-int");
    }
    if auth_int {
        Ok(Qop::AuthInt)
    } else {
        Err(AuthError::UnsupportedQop {
            qop: offered.to_owned(),
        })
    }
}

/// `, name="value"` with `"` and `\` escaped as quoted-pairs (RFC 9110 5.6.4).
fn push_quoted(out: &mut String, name: &str, value: &str) {
    out.push_str(", ");
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// `, name=value` for the parameters RFC 7616 3.4 sends unquoted.
fn push_token(out: &mut String, name: &str, value: &str) {
    out.push_str(", ");
    out.push_str(name);
    out.push('=');
    out.push_str(value);
}

/// RFC 8187 3.2.1 value-chars: attr-char as is, every other byte as `%XX`.
fn percent_encode_ext_value(value: &str, out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        let attr_char = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        if attr_char {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0xf)]));
        }
    }
}

#[cfg(test)]
mod tests;
