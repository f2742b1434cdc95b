//! RFC 9110 11 challenge and auth-param syntax.
//!
//! ```text
//! WWW-Authenticate = #challenge
//! challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//! auth-param       = token BWS "=" BWS ( token / quoted-string )
//! token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! ```
//!
//! Commas separate both challenges and the parameters of one challenge. After a comma, the
//! next element is a parameter of the current challenge if it reads `token BWS "="`, and the
//! start of a new challenge otherwise: a scheme is always followed by a space, a comma or the
//! end, never by `=`.

use super::AuthError;
use crate::syntax::is_tchar;

/// One challenge from a `WWW-Authenticate` or `Proxy-Authenticate` field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    scheme: String,
    token68: Option<String>,
    /// Names lowercased (they are case-insensitive), values unquoted, in the server's order.
    params: Vec<(String, String)>,
}

impl Challenge {
    /// The auth-scheme as the server spelled it, e.g. `"Digest"`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Whether this challenge is of `scheme`, compared ASCII case-insensitively
    /// (RFC 9110 11.1).
    pub fn is_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The token68 form of the challenge data (`Negotiate abc==`), if the server used it
    /// instead of parameters.
    pub fn token68(&self) -> Option<&str> {
        self.token68.as_deref()
    }

    /// The value of parameter `name` (matched ASCII case-insensitively), unquoted and
    /// unescaped.
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    /// Every parameter in the server's order, names lowercased, values unquoted.
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The `realm` parameter, which every RFC 9110 scheme may carry.
    pub fn realm(&self) -> Option<&str> {
        self.param("realm")
    }
}

/// Parses one `WWW-Authenticate` or `Proxy-Authenticate` field value into its challenges, in
/// the server's order.
///
/// A response may carry several such fields; parse each and concatenate the results, which is
/// what RFC 9110 5.3 combining them with commas would give. Unknown schemes are kept: the
/// caller picks the one it can answer.
///
/// # Errors
///
/// Any departure from the RFC 9110 11 grammar, a parameter named twice in one challenge, a
/// value that is not UTF-8, or a value with no challenge in it; see [`AuthError`].
pub fn parse_challenges(value: &[u8]) -> Result<Vec<Challenge>, AuthError> {
    let text = std::str::from_utf8(value).map_err(|_| AuthError::NotUtf8)?;
    let mut cursor = Cursor { text, pos: 0 };
    let mut challenges = Vec::new();
    loop {
        cursor.skip_list_separators();
        if cursor.at_end() {
            break;
        }
        let offset = cursor.pos;
        let scheme = cursor.token().ok_or(AuthError::ExpectedToken { offset })?;
        let mut challenge = Challenge {
            scheme: scheme.to_owned(),
            token68: None,
            params: Vec::new(),
        };
        let spaces = cursor.skip_ows();
        match cursor.peek() {
            None => {}
            Some(b',') => {
                // "Scheme, name=value": an empty list element may open the parameter list.
                let comma = cursor.pos;
                cursor.skip_list_separators();
                if cursor.looks_like_param() {
                    parse_challenge_params(&mut cursor, &mut challenge.params)?;
                } else {
                    cursor.pos = comma;
                }
            }
            Some(_) if spaces == 0 => {
                return Err(AuthError::UnexpectedCharacter { offset: cursor.pos });
            }
            Some(_) => {
                if let Some(token68) = cursor.token68() {
                    challenge.token68 = Some(token68.to_owned());
                } else {
                    parse_challenge_params(&mut cursor, &mut challenge.params)?;
                }
            }
        }
        challenges.push(challenge);
    }
    if challenges.is_empty() {
        return Err(AuthError::Empty);
    }
    Ok(challenges)
}

/// Parses auth-params from the cursor up to the end of the value or to the comma before the
/// next challenge, leaving the cursor there.
fn parse_challenge_params(
    cursor: &mut Cursor<'_>,
    params: &mut Vec<(String, String)>,
) -> Result<(), AuthError> {
    loop {
        let (name, value) = cursor.param()?;
        push_param(params, name, value)?;
        cursor.skip_ows();
        match cursor.peek() {
            None => return Ok(()),
            Some(b',') => {}
            Some(_) => return Err(AuthError::UnexpectedCharacter { offset: cursor.pos }),
        }
        let comma = cursor.pos;
        cursor.skip_list_separators();
        if cursor.at_end() {
            return Ok(());
        }
        if !cursor.looks_like_param() {
            cursor.pos = comma;
            return Ok(());
        }
    }
}

fn push_param(
    params: &mut Vec<(String, String)>,
    name: &str,
    value: String,
) -> Result<(), AuthError> {
    let name = name.to_ascii_lowercase();
    if params.iter().any(|(n, _)| *n == name) {
        return Err(AuthError::DuplicateParameter { name });
    }
    params.push((name, value));
    Ok(())
}

fn find_param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The parameters of an `Authentication-Info` or `Proxy-Authentication-Info` field
/// (RFC 9110 11.6.3 and 11.7.3), sent by a server after a successful authentication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthenticationInfo {
    params: Vec<(String, String)>,
}

impl AuthenticationInfo {
    /// Parses the field value, `#auth-param`.
    ///
    /// # Errors
    ///
    /// The same syntax errors as [`parse_challenges`]; an empty value is not an error.
    pub fn parse(value: &[u8]) -> Result<AuthenticationInfo, AuthError> {
        let text = std::str::from_utf8(value).map_err(|_| AuthError::NotUtf8)?;
        let mut cursor = Cursor { text, pos: 0 };
        let mut params = Vec::new();
        loop {
            cursor.skip_list_separators();
            if cursor.at_end() {
                break;
            }
            let (name, value) = cursor.param()?;
            push_param(&mut params, name, value)?;
            cursor.skip_ows();
            match cursor.peek() {
                None | Some(b',') => {}
                Some(_) => return Err(AuthError::UnexpectedCharacter { offset: cursor.pos }),
            }
        }
        Ok(AuthenticationInfo { params })
    }

    /// The value of parameter `name` (matched ASCII case-insensitively), unquoted.
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    /// Digest's `nextnonce` (RFC 7616 3.5): the nonce the server wants on the next request.
    pub fn next_nonce(&self) -> Option<&str> {
        self.param("nextnonce")
    }
}

/// A position in a field value. Offsets in errors are byte offsets into that value.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// Skips SP and HTAB; returns how many were skipped.
    fn skip_ows(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Skips whitespace and commas: RFC 9110 5.6.1 has recipients ignore empty list elements.
    fn skip_list_separators(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.pos += 1;
        }
    }

    /// `1*tchar`. Tokens are ASCII, so the slice always falls on character boundaries.
    fn token(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(is_tchar) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// A token68 that makes up the rest of the challenge: followed only by OWS and then a
    /// comma or the end. Otherwise nothing is consumed.
    fn token68(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut end = start;
        while bytes.get(end).is_some_and(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        }) {
            end += 1;
        }
        if end == start {
            return None;
        }
        while bytes.get(end) == Some(&b'=') {
            end += 1;
        }
        let mut after = end;
        while matches!(bytes.get(after), Some(b' ' | b'\t')) {
            after += 1;
        }
        if matches!(bytes.get(after), None | Some(b',')) {
            self.pos = end;
            Some(&self.text[start..end])
        } else {
            None
        }
    }

    /// Whether an auth-param (`token BWS "="`) starts here, without consuming anything.
    fn looks_like_param(&self) -> bool {
        let mut probe = Cursor {
            text: self.text,
            pos: self.pos,
        };
        if probe.token().is_none() {
            return false;
        }
        probe.skip_ows();
        probe.peek() == Some(b'=')
    }

    /// `token BWS "=" BWS ( token / quoted-string )`, the value unquoted.
    fn param(&mut self) -> Result<(&'a str, String), AuthError> {
        let offset = self.pos;
        let name = self.token().ok_or(AuthError::ExpectedToken { offset })?;
        self.skip_ows();
        if self.peek() != Some(b'=') {
            return Err(AuthError::ExpectedEquals { offset: self.pos });
        }
        self.pos += 1;
        self.skip_ows();
        let value = if self.peek() == Some(b'"') {
            self.quoted_string()?
        } else {
            let offset = self.pos;
            self.token()
                .ok_or(AuthError::ExpectedValue { offset })?
                .to_owned()
        };
        Ok((name, value))
    }

    /// RFC 9110 5.6.4 quoted-string, starting at its opening quote; returns the content with
    /// quoted-pairs resolved.
    fn quoted_string(&mut self) -> Result<String, AuthError> {
        let open = self.pos;
        let bytes = self.text.as_bytes();
        let mut content = Vec::new();
        let mut i = open + 1;
        loop {
            match bytes.get(i) {
                None => return Err(AuthError::UnterminatedQuotedString { offset: open }),
                Some(b'"') => break,
                Some(b'\\') => match bytes.get(i + 1) {
                    None => return Err(AuthError::UnterminatedQuotedString { offset: open }),
                    Some(&b) if is_control(b) => {
                        return Err(AuthError::InvalidQuotedString { offset: i + 1 });
                    }
                    Some(&b) => {
                        content.push(b);
                        i += 2;
                    }
                },
                Some(&b) if is_control(b) => {
                    return Err(AuthError::InvalidQuotedString { offset: i });
                }
                Some(&b) => {
                    content.push(b);
                    i += 1;
                }
            }
        }
        self.pos = i + 1;
        // Only ASCII backslashes were dropped from valid UTF-8, so this cannot fail; the error
        // path stays typed rather than a panic all the same.
        String::from_utf8(content).map_err(|_| AuthError::NotUtf8)
    }
}

/// CTLs other than HTAB, which quoted-string allows (RFC 9110 5.6.4 qdtext).
pub(super) fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str) -> Result<Vec<Challenge>, AuthError> {
        parse_challenges(value.as_bytes())
    }

    fn params(c: &Challenge) -> Vec<(&str, &str)> {
        c.params().collect()
    }

    #[test]
    fn several_challenges_in_one_value() {
        let cs = parse(r#"Digest realm="a", nonce="b", Basic realm="c""#).expect("parses");
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].scheme(), "Digest");
        assert_eq!(params(&cs[0]), [("realm", "a"), ("nonce", "b")]);
        assert_eq!(cs[1].scheme(), "Basic");
        assert_eq!(cs[1].realm(), Some("c"));
    }

    #[test]
    fn rfc9110_example() {
        // RFC 9110 11.6.1: two challenges, one with a token value and a comma inside quotes.
        let cs = parse(
            r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#,
        )
        .expect("parses");
        assert_eq!(cs.len(), 2);
        assert_eq!(params(&cs[0]), [("realm", "simple")]);
        assert_eq!(
            params(&cs[1]),
            [
                ("realm", "apps"),
                ("type", "1"),
                ("title", r#"Login to "apps""#)
            ]
        );
    }

    #[test]
    fn case_whitespace_and_empty_elements() {
        let cs =
            parse(" ,  dIgEsT  REALM = \"x\" ,, Nonce=abc , ,BASIC\tRealm=y ,").expect("parses");
        assert_eq!(cs.len(), 2);
        assert!(cs[0].is_scheme("digest"));
        assert_eq!(cs[0].scheme(), "dIgEsT");
        assert_eq!(cs[0].param("Realm"), Some("x"));
        assert_eq!(cs[0].param("NONCE"), Some("abc"));
        assert!(cs[1].is_scheme("Basic"));
        assert_eq!(cs[1].realm(), Some("y"));
    }

    #[test]
    fn token68_and_bare_schemes() {
        let cs = parse("Negotiate, Bearer abc/DEF+g==, NTLM TlRMTVNTUAACAAAA, Basic realm=\"r\"")
            .expect("parses");
        assert_eq!(cs.len(), 4);
        assert!(cs[0].is_scheme("negotiate"));
        assert_eq!(cs[0].token68(), None);
        assert_eq!(cs[0].params().count(), 0);
        assert_eq!(cs[1].token68(), Some("abc/DEF+g=="));
        assert_eq!(cs[2].token68(), Some("TlRMTVNTUAACAAAA"));
        assert_eq!(cs[3].realm(), Some("r"));
        // token68 at the very end, and a scheme whose parameters follow an empty element.
        let cs = parse("Custom x=").expect("parses");
        assert_eq!(cs[0].token68(), Some("x="));
        let cs = parse("Basic, realm=\"r\"").expect("parses");
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].realm(), Some("r"));
    }

    #[test]
    fn quoted_strings() {
        let cs = parse(r#"X a="", b="\\\"", c="é, ü", d="tab	in""#).expect("parses");
        assert_eq!(
            params(&cs[0]),
            [("a", ""), ("b", "\\\""), ("c", "é, ü"), ("d", "tab\tin")]
        );
    }

    #[test]
    fn malformed_values_are_errors() {
        use AuthError::*;
        assert_eq!(parse(""), Err(Empty));
        assert_eq!(parse(" , ,"), Err(Empty));
        assert_eq!(parse("=x"), Err(ExpectedToken { offset: 0 }));
        assert_eq!(parse("Basic\"x\""), Err(UnexpectedCharacter { offset: 5 }));
        assert_eq!(
            parse("Digest realm=\"a"),
            Err(UnterminatedQuotedString { offset: 13 })
        );
        assert_eq!(
            parse("Digest realm=\"a\\"),
            Err(UnterminatedQuotedString { offset: 13 })
        );
        assert_eq!(
            parse("Digest realm=\"a\nb\""),
            Err(InvalidQuotedString { offset: 15 })
        );
        assert_eq!(
            parse("Digest realm=\"a\", nonce=, x=y"),
            Err(ExpectedValue { offset: 24 })
        );
        // "realm=" reads as a token68, so "nonce=x" is then a scheme glued to '='.
        assert_eq!(
            parse("Digest realm=, nonce=x"),
            Err(UnexpectedCharacter { offset: 20 })
        );
        assert_eq!(
            parse("Digest realm=\"a\" nonce=\"b\""),
            Err(UnexpectedCharacter { offset: 17 })
        );
        assert_eq!(
            parse("Digest realm=\"a\", realm=\"b\""),
            Err(DuplicateParameter {
                name: "realm".into()
            })
        );
        assert_eq!(
            parse("Digest REALM=a, realm=b"),
            Err(DuplicateParameter {
                name: "realm".into()
            })
        );
        assert_eq!(
            parse("Digest realm=\"a\"x"),
            Err(UnexpectedCharacter { offset: 16 })
        );
        assert_eq!(
            parse("Digest a=b c"),
            Err(UnexpectedCharacter { offset: 11 })
        );
        assert_eq!(
            parse("Basic realm=\"a\", =x"),
            Err(ExpectedToken { offset: 17 })
        );
        assert_eq!(parse_challenges(b"Basic realm=\"\xff\""), Err(NotUtf8));
        // Never a panic, whatever the bytes.
        for value in [
            "\"",
            "\\",
            "a \"",
            "a b=\"\\",
            "a b =",
            "a b = ",
            "a ,=",
            "a b=c,",
            "a ===",
            "a b=\"c\",d",
        ] {
            let _ = parse(value);
        }
    }

    #[test]
    fn authentication_info() {
        let info = AuthenticationInfo::parse(
            br#"qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001, NextNonce="n2""#,
        )
        .expect("parses");
        assert_eq!(info.next_nonce(), Some("n2"));
        assert_eq!(info.param("qop"), Some("auth"));
        assert_eq!(info.param("nc"), Some("00000001"));
        assert_eq!(
            AuthenticationInfo::parse(b""),
            Ok(AuthenticationInfo::default())
        );
        assert_eq!(
            AuthenticationInfo::parse(b"nextnonce=\"a\" x=y"),
            Err(AuthError::UnexpectedCharacter { offset: 14 })
        );
    }
}
