//! The Netscape `cookies.txt` format, as curl writes it and `http.cookiejar.MozillaCookieJar`
//! reads and writes it.
//!
//! One cookie a line, seven TAB-separated fields: domain (a leading dot for a domain cookie),
//! `TRUE`/`FALSE` include-subdomains, path, `TRUE`/`FALSE` secure, expiry in seconds since
//! 1970 (`0` for a session cookie), name, value. `#HttpOnly_` before the domain marks an
//! HttpOnly cookie; other lines starting with `#`, and blank lines, are skipped.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Cookie, InvalidCookie, Jar, LATEST_UNIX_SECONDS, from_public};

/// The first line curl and `MozillaCookieJar` write (`MozillaCookieJar` refuses a file
/// without it).
const HEADER: &str = "# Netscape HTTP Cookie File";
const HTTP_ONLY_PREFIX: &str = "#HttpOnly_";

/// A line of a `cookies.txt` file that [`Jar::load_netscape`] could not read. Lines count
/// from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CookieFileError {
    /// The line does not have 7 TAB-separated fields (6 are accepted: an empty value).
    #[error("line {line}: expected 7 TAB-separated fields, found {found}")]
    FieldCount {
        /// The line number.
        line: usize,
        /// How many fields it had.
        found: usize,
    },
    /// The include-subdomains or secure field is neither `TRUE` nor `FALSE`.
    #[error("line {line}: the {field} field must be TRUE or FALSE")]
    Flag {
        /// The line number.
        line: usize,
        /// `"include-subdomains"` or `"secure"`.
        field: &'static str,
    },
    /// The expiry field is not a whole number of seconds (or empty).
    #[error("line {line}: the expiry is not a number of seconds")]
    Expiry {
        /// The line number.
        line: usize,
    },
    /// The fields parse but do not make a cookie the jar can hold.
    #[error("line {line}: {reason}")]
    Cookie {
        /// The line number.
        line: usize,
        /// What is wrong with it.
        reason: InvalidCookie,
    },
}

impl Jar {
    /// The jar in Netscape `cookies.txt` format: the header line, then one line per unexpired
    /// cookie, oldest first.
    ///
    /// Session cookies get expiry `0`, as curl writes them; `MozillaCookieJar` reads them back
    /// with `load(ignore_discard=True, ignore_expires=True)`. A cookie for every host (domain
    /// `""`) is written with an empty domain field, which `MozillaCookieJar` and this jar read
    /// back but curl may not.
    pub fn to_netscape(&self) -> String {
        let mut text = String::from(HEADER);
        text.push('\n');
        for cookie in self.iter() {
            if cookie.http_only {
                text.push_str(HTTP_ONLY_PREFIX);
            }
            let include_subdomains = !cookie.host_only && !cookie.domain.is_empty();
            if include_subdomains {
                text.push('.');
            }
            let expiry = cookie.expires.map_or(0, |at| {
                // A cookie that expires within 1970's first second would read back as a
                // session cookie: round it up.
                at.duration_since(UNIX_EPOCH)
                    .map_or(1, |since| since.as_secs().max(1))
            });
            let fields = [
                cookie.domain.as_str(),
                flag(include_subdomains),
                cookie.path.as_str(),
                flag(cookie.secure),
                &expiry.to_string(),
                cookie.name.as_str(),
                cookie.value.as_str(),
            ];
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        text
    }

    /// Adds the cookies of a Netscape `cookies.txt` file to the jar and returns how many were
    /// added. All or nothing: on an error the jar is unchanged.
    ///
    /// The header line is not required. Lines may end in CRLF. Expiry `0` or an empty field
    /// (`MozillaCookieJar`'s spelling) makes a session cookie; an expiry in the past skips the
    /// line. The include-subdomains field decides host-only versus domain cookie; the leading
    /// dot on the domain is dropped either way. Cookies are stored as by [`Jar::set`], without
    /// the response rules (the file is trusted as the jar's own).
    pub fn load_netscape(&mut self, text: &str) -> Result<usize, CookieFileError> {
        let now = SystemTime::now();
        let mut parsed = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            if let Some(cookie) = parse_line(line, number)? {
                let stored = from_public(&cookie).map_err(|reason| CookieFileError::Cookie {
                    line: number,
                    reason,
                })?;
                if cookie.expires.is_none_or(|at| at > now) {
                    parsed.push(stored);
                }
            }
        }
        let added = parsed.len();
        for stored in parsed {
            self.put(stored);
        }
        Ok(added)
    }

    /// A new jar holding the cookies of a Netscape `cookies.txt` file (see
    /// [`Jar::load_netscape`]).
    pub fn from_netscape(text: &str) -> Result<Jar, CookieFileError> {
        let mut jar = Jar::new();
        jar.load_netscape(text)?;
        Ok(jar)
    }
}

fn flag(value: bool) -> &'static str {
    if value { "TRUE" } else { "FALSE" }
}

/// One line: `Ok(None)` for a comment or blank line.
fn parse_line(line: &str, number: usize) -> Result<Option<Cookie>, CookieFileError> {
    let (line, http_only) = match line.strip_prefix(HTTP_ONLY_PREFIX) {
        Some(rest) => (rest, true),
        None => (line, false),
    };
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Ok(None);
    }
    let fields: Vec<&str> = line.split('\t').collect();
    if !(6..=7).contains(&fields.len()) {
        return Err(CookieFileError::FieldCount {
            line: number,
            found: fields.len(),
        });
    }
    let parse_flag = |value: &str, field: &'static str| {
        if value.eq_ignore_ascii_case("TRUE") {
            Ok(true)
        } else if value.eq_ignore_ascii_case("FALSE") {
            Ok(false)
        } else {
            Err(CookieFileError::Flag {
                line: number,
                field,
            })
        }
    };
    let include_subdomains = parse_flag(fields[1], "include-subdomains")?;
    let secure = parse_flag(fields[3], "secure")?;
    let expires = match fields[4] {
        "" | "0" => None,
        seconds => {
            let seconds: i64 = seconds
                .parse()
                .map_err(|_| CookieFileError::Expiry { line: number })?;
            // Negative: long expired. Past year 9999: as far as the jar represents.
            let seconds = seconds.clamp(0, LATEST_UNIX_SECONDS).unsigned_abs();
            Some(UNIX_EPOCH + Duration::from_secs(seconds))
        }
    };
    let domain = fields[0].strip_prefix('.').unwrap_or(fields[0]);
    let mut cookie = Cookie::new(fields[5], fields.get(6).copied().unwrap_or(""));
    cookie.domain = domain.to_owned();
    cookie.host_only = !include_subdomains;
    cookie.path = fields[2].to_owned();
    cookie.secure = secure;
    cookie.http_only = http_only;
    cookie.expires = expires;
    Ok(Some(cookie))
}
