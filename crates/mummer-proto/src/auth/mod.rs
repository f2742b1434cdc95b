//! HTTP authentication decisions: reading challenges and writing credentials.
//!
//! In scope:
//! * parsing `WWW-Authenticate` and `Proxy-Authenticate` field values into [`Challenge`]s
//!   (RFC 9110 11.6.1 and 11.7.1: several challenges per field value, auth-params with token
//!   or quoted-string values, token68, case-insensitive scheme and parameter names);
//! * parsing `Authentication-Info` / `Proxy-Authentication-Info` ([`AuthenticationInfo`],
//!   RFC 9110 11.6.3), used for Digest's `nextnonce`;
//! * the `Basic` credentials ([`basic_authorization`], RFC 7617);
//! * the `Digest` scheme ([`DigestState`], RFC 7616, and RFC 2617/2069 servers that send no
//!   `qop`): MD5, SHA-256 and SHA-512/256 with their `-sess` variants, `qop=auth` and
//!   `auth-int`, nonce counting, `opaque`, `userhash`, `charset=UTF-8` and `stale`.
//!
//! Out of scope: choosing between schemes and deciding when to retry (the caller's policy, with
//! [`DigestState::is_stale`] as its input), where credentials come from (see
//! [`crate::netrc`]), random numbers (the caller supplies the Digest `cnonce`), verifying the
//! server's `rspauth`, and schemes needing a handshake of their own (NTLM, Negotiate), whose
//! challenges are parsed but not answered. Every function is pure: the same input gives the
//! same header, so the exact bytes are testable against the RFC examples.
//!
//! ```
//! use mummer_proto::auth::{DigestState, basic_authorization, parse_challenges};
//!
//! // One WWW-Authenticate field value holding two challenges (RFC 7616 3.9.1, then Basic).
//! let value = concat!(
//!     r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, "#,
//!     r#"nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "#,
//!     r#"opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Basic realm="fallback""#,
//! );
//! let challenges = parse_challenges(value.as_bytes())?;
//! assert_eq!(challenges.len(), 2);
//! assert!(challenges[1].is_scheme("basic"));
//!
//! let mut digest = DigestState::from_challenges(&challenges)?;
//! let header = digest.authorization(
//!     "Mufasa",
//!     "Circle of Life",
//!     "GET",
//!     "/dir/index.html",
//!     None,
//!     "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
//! )?;
//! assert!(header.starts_with(r#"Digest username="Mufasa", realm="http-auth@example.org""#));
//! assert!(header.contains(
//!     r#"response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1""#
//! ));
//! assert!(header.contains("qop=auth, nc=00000001"));
//!
//! assert_eq!(basic_authorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
//! # Ok::<(), mummer_proto::auth::AuthError>(())
//! ```

mod challenge;
mod digest;

pub use challenge::{AuthenticationInfo, Challenge, parse_challenges};
pub use digest::{Algorithm, DigestState, Qop, cnonce_from_random};

/// A challenge could not be parsed, or could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The field value is not UTF-8. Parameter values are hashed as text, so bytes that are not
    /// text cannot be used faithfully.
    #[error("authentication field value is not UTF-8")]
    NotUtf8,
    /// The field value holds no challenge at all (empty, or only commas and whitespace).
    #[error("no challenge in authentication field value")]
    Empty,
    /// An auth-scheme or parameter name (a token) was expected.
    #[error("expected a token at byte {offset}")]
    ExpectedToken {
        /// Byte offset in the field value.
        offset: usize,
    },
    /// A parameter name was followed by something other than `=`.
    #[error("expected '=' after a parameter name at byte {offset}")]
    ExpectedEquals {
        /// Byte offset in the field value.
        offset: usize,
    },
    /// A parameter's `=` was not followed by a token or a quoted-string.
    #[error("expected a token or quoted-string at byte {offset}")]
    ExpectedValue {
        /// Byte offset in the field value.
        offset: usize,
    },
    /// A quoted-string has no closing `"`.
    #[error("quoted-string opened at byte {offset} is not closed")]
    UnterminatedQuotedString {
        /// Byte offset of the opening quote.
        offset: usize,
    },
    /// A quoted-string holds a control character, which RFC 9110 5.6.4 does not allow.
    #[error("control character in quoted-string at byte {offset}")]
    InvalidQuotedString {
        /// Byte offset of the offending byte.
        offset: usize,
    },
    /// A complete challenge or parameter was followed by something other than a comma.
    #[error("unexpected character at byte {offset}")]
    UnexpectedCharacter {
        /// Byte offset in the field value.
        offset: usize,
    },
    /// A parameter occurs twice in one challenge. RFC 9110 11.2 allows each name once, and
    /// two realms or nonces leave no right answer.
    #[error("parameter {name:?} occurs more than once")]
    DuplicateParameter {
        /// The parameter name, lowercased.
        name: String,
    },
    /// A Digest state was asked for, but the challenge is of another scheme (or no challenge
    /// in the list is `Digest`).
    #[error("challenge scheme {scheme:?} is not Digest")]
    NotDigest {
        /// The scheme that was found, as the server spelled it (empty if there was none).
        scheme: String,
    },
    /// A Digest challenge lacks a parameter it must carry (`realm` or `nonce`).
    #[error("Digest challenge has no {name} parameter")]
    MissingParameter {
        /// The missing parameter's name.
        name: &'static str,
    },
    /// The Digest `algorithm` is not one this crate implements.
    #[error("unsupported Digest algorithm {algorithm:?}")]
    UnsupportedAlgorithm {
        /// The algorithm as the server named it.
        algorithm: String,
    },
    /// The Digest `qop` list offers neither `auth` nor `auth-int`.
    #[error("unsupported Digest qop {qop:?}")]
    UnsupportedQop {
        /// The `qop` parameter as the server sent it.
        qop: String,
    },
    /// A `-sess` algorithm came without `qop`; the session key needs a `cnonce`, which RFC 2617
    /// forbids sending without `qop`, so no correct answer exists.
    #[error("Digest algorithm {algorithm} requires qop, but the challenge has none")]
    SessionAlgorithmWithoutQop {
        /// The session algorithm the server asked for.
        algorithm: Algorithm,
    },
    /// The server offers only `qop=auth-int`, which hashes the request body, and the caller had
    /// no body bytes to give (a streamed body, for instance).
    #[error("Digest qop=auth-int needs the request body, and none was given")]
    AuthIntWithoutBody,
    /// A value given by the caller cannot be sent: the method is not a token, or the username,
    /// request target or cnonce is empty where it must not be or holds control characters.
    #[error("{field} cannot be sent in an Authorization header")]
    InvalidInput {
        /// Which argument was rejected: `"method"`, `"uri"`, `"cnonce"` or `"username"`.
        field: &'static str,
    },
    /// 2^32 - 1 requests were made with one nonce; the 8-hex-digit nonce count cannot go on.
    #[error("Digest nonce count exhausted")]
    NonceCountExhausted,
}

/// The `Authorization` (or `Proxy-Authorization`) value for the Basic scheme:
/// `Basic ` followed by the base64 of `user:password` in UTF-8 (RFC 7617 2 and 2.1).
///
/// A `user` that contains `:` cannot be represented, because the server splits at the first
/// colon; RFC 7617 forbids such user-ids, and the caller should refuse them before calling.
pub fn basic_authorization(user: &str, password: &str) -> String {
    let mut credentials = Vec::with_capacity(user.len() + 1 + password.len());
    credentials.extend_from_slice(user.as_bytes());
    credentials.push(b':');
    credentials.extend_from_slice(password.as_bytes());
    let mut out = String::with_capacity(6 + credentials.len().div_ceil(3) * 4);
    out.push_str("Basic ");
    base64_encode(&credentials, &mut out);
    out
}

/// RFC 4648 4 base64 with padding.
fn base64_encode(input: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |index: u32| char::from(ALPHABET[(index & 0x3f) as usize]);
    for group in input.chunks(3) {
        let b0 = u32::from(group[0]);
        let b1 = group.get(1).map_or(0, |&b| u32::from(b));
        let b2 = group.get(2).map_or(0, |&b| u32::from(b));
        let bits = (b0 << 16) | (b1 << 8) | b2;
        out.push(symbol(bits >> 18));
        out.push(symbol(bits >> 12));
        out.push(if group.len() > 1 {
            symbol(bits >> 6)
        } else {
            '='
        });
        out.push(if group.len() > 2 { symbol(bits) } else { '=' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rfc4648_vectors() {
        // RFC 4648 10.
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64_encode(input.as_bytes(), &mut out);
            assert_eq!(out, expected, "base64 of {input:?}");
        }
    }

    #[test]
    fn basic_credentials() {
        // RFC 7617 2.
        assert_eq!(
            basic_authorization("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        // RFC 7617 2.1: user-id and password in UTF-8 ("test" / "123£").
        assert_eq!(
            basic_authorization("test", "123\u{a3}"),
            "Basic dGVzdDoxMjPCow=="
        );
        assert_eq!(basic_authorization("", ""), "Basic Og==");
    }
}
