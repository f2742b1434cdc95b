//! The `.netrc` credentials file, read the way curl reads it.
//!
//! In scope: parsing the text of a `.netrc` ([`Netrc::parse`]) and choosing the login and
//! password for a host ([`Netrc::credentials`]). The format, as curl 7.84 and later accept it:
//! * tokens are separated by any whitespace, newlines included, so an entry may span lines;
//! * `machine NAME` starts an entry for one host (matched ASCII case-insensitively);
//!   `default` starts one that matches any host, used only when no `machine` entry matches;
//! * inside an entry, `login NAME`, `password SECRET` and `account VALUE` set its fields
//!   (keywords are case-insensitive); other words are ignored, as curl ignores them;
//! * `macdef NAME` defines an ftp macro: the rest of its line and every following line up to
//!   an empty line are skipped;
//! * a line whose first word starts with `#` is a comment;
//! * a token may be quoted, `"with spaces"`, with the escapes `\"`, `\\`, `\n`, `\r` and `\t`
//!   (any other escaped character stands for itself); a quoted token ends on its line.
//!
//! Out of scope: finding and reading the file (`$NETRC`, `~/.netrc`, `_netrc`), checking its
//! permissions, and deciding whether credentials in the URL or on the command line win; those
//! belong to the caller, which owns the file system and the options.
//!
//! ```
//! use mummer_proto::netrc::Netrc;
//!
//! let netrc = Netrc::parse(
//!     "machine example.com login daniel password qwerty\n\
//!      machine example.com login alice password \"two words\"\n\
//!      default login anonymous password user@domain\n",
//! )?;
//! assert_eq!(netrc.credentials("Example.COM", None), Some(("daniel", "qwerty")));
//! assert_eq!(netrc.credentials("example.com", Some("alice")), Some(("alice", "two words")));
//! assert_eq!(netrc.credentials("other.org", None), Some(("anonymous", "user@domain")));
//! # Ok::<(), mummer_proto::netrc::NetrcError>(())
//! ```

use std::fmt;

/// A `.netrc` file that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NetrcError {
    /// A quoted token was not closed before the end of its line.
    #[error("line {line}: quoted token is not closed")]
    UnterminatedQuote {
        /// 1-based line number.
        line: usize,
    },
    /// The file ended right after a keyword that takes a value.
    #[error("line {line}: {keyword} has no value")]
    MissingValue {
        /// The keyword: `machine`, `login`, `password` or `account`.
        keyword: &'static str,
        /// 1-based line number of the keyword.
        line: usize,
    },
}

/// One `machine` or `default` entry.
#[derive(Clone, PartialEq, Eq)]
pub struct NetrcEntry {
    machine: Option<String>,
    login: Option<String>,
    password: Option<String>,
    account: Option<String>,
}

impl NetrcEntry {
    /// The host name this entry is for; `None` for the `default` entry.
    pub fn machine(&self) -> Option<&str> {
        self.machine.as_deref()
    }

    /// The `login` value, if the entry has one.
    pub fn login(&self) -> Option<&str> {
        self.login.as_deref()
    }

    /// The `password` value, if the entry has one.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The `account` value (an ftp extra password), if the entry has one.
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    fn has_credentials(&self) -> bool {
        self.login.is_some() || self.password.is_some()
    }

    /// Whether this entry can serve `login`: it has that login, or none (a generic entry whose
    /// password goes with whatever login the caller has, as curl uses it).
    fn fits_login(&self, login: Option<&str>) -> bool {
        match (login, &self.login) {
            (Some(wanted), Some(own)) => wanted == own,
            _ => true,
        }
    }
}

/// Secrets stay out of logs.
impl fmt::Debug for NetrcEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| "<redacted>");
        f.debug_struct("NetrcEntry")
            .field("machine", &self.machine)
            .field("login", &self.login)
            .field("password", &redacted(&self.password))
            .field("account", &redacted(&self.account))
            .finish()
    }
}

/// The entries of a `.netrc` file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Netrc {
    entries: Vec<NetrcEntry>,
}

impl Netrc {
    /// Parses the text of a `.netrc` file.
    ///
    /// # Errors
    ///
    /// [`NetrcError::UnterminatedQuote`] and [`NetrcError::MissingValue`]. Words that are not
    /// keywords are skipped rather than refused, because curl skips them.
    pub fn parse(text: &str) -> Result<Netrc, NetrcError> {
        let mut parser = Parser::default();
        let mut in_macdef = false;
        for (index, line) in text.split('\n').enumerate() {
            let line_number = index + 1;
            if in_macdef {
                // A macro ends at an empty line ("consecutive new-line characters").
                in_macdef = !line.strip_suffix('\r').unwrap_or(line).is_empty();
                continue;
            }
            let tokens = tokenize(line, line_number)?;
            if tokens
                .first()
                .is_some_and(|t| !t.quoted && t.text.starts_with('#'))
            {
                continue;
            }
            for token in tokens {
                if parser.feed(token.text, line_number) == Fed::MacroStarted {
                    in_macdef = true;
                    break;
                }
            }
        }
        parser.finish()
    }

    /// Every entry in file order, `default` included.
    pub fn entries(&self) -> &[NetrcEntry] {
        &self.entries
    }

    /// The entry to use for `host`: the first `machine` entry for it, or else the first
    /// `default` entry, that has a login or a password. With `login` given, an entry with a
    /// different login is passed over; an entry without a login still fits (curl uses its
    /// password for the login from the URL).
    pub fn entry(&self, host: &str, login: Option<&str>) -> Option<&NetrcEntry> {
        let usable = |e: &&NetrcEntry| e.has_credentials() && e.fits_login(login);
        let for_host = self
            .entries
            .iter()
            .filter(|e| {
                e.machine
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(host))
            })
            .find(usable);
        for_host.or_else(|| {
            self.entries
                .iter()
                .filter(|e| e.machine.is_none())
                .find(usable)
        })
    }

    /// The login and password to use for `host`, as [`Netrc::entry`] chooses the entry.
    ///
    /// A part the entry lacks comes back empty: the password of an entry with only a login,
    /// or, without a `login` argument, the login of an entry with only a password. Use
    /// [`Netrc::entry`] to tell an empty value from a missing one (curl prompts for a missing
    /// password).
    pub fn credentials<'a>(
        &'a self,
        host: &str,
        login: Option<&'a str>,
    ) -> Option<(&'a str, &'a str)> {
        let entry = self.entry(host, login)?;
        let user = entry.login.as_deref().or(login).unwrap_or("");
        Some((user, entry.password.as_deref().unwrap_or("")))
    }
}

struct Token {
    text: String,
    quoted: bool,
}

/// Splits one line (without its `\n`) into tokens.
fn tokenize(line: &str, line_number: usize) -> Result<Vec<Token>, NetrcError> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(char::is_ascii_whitespace).is_some() {}
        let Some(first) = chars.next() else {
            return Ok(tokens);
        };
        if first == '"' {
            let mut text = String::new();
            loop {
                match chars.next() {
                    None => {
                        return Err(NetrcError::UnterminatedQuote { line: line_number });
                    }
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        None => {
                            return Err(NetrcError::UnterminatedQuote { line: line_number });
                        }
                        Some('n') => text.push('\n'),
                        Some('r') => text.push('\r'),
                        Some('t') => text.push('\t'),
                        Some(other) => text.push(other),
                    },
                    Some(c) => text.push(c),
                }
            }
            tokens.push(Token { text, quoted: true });
        } else {
            let mut text = String::from(first);
            while let Some(c) = chars.next_if(|c| !c.is_ascii_whitespace()) {
                text.push(c);
            }
            tokens.push(Token {
                text,
                quoted: false,
            });
        }
    }
}

/// What the next token means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Keyword,
    Value(Field),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Machine,
    Login,
    Password,
    Account,
}

impl Field {
    fn keyword(self) -> &'static str {
        match self {
            Field::Machine => "machine",
            Field::Login => "login",
            Field::Password => "password",
            Field::Account => "account",
        }
    }
}

#[derive(PartialEq, Eq)]
enum Fed {
    Continue,
    /// `macdef`: the caller skips the rest of the line and the macro body.
    MacroStarted,
}

struct Parser {
    entries: Vec<NetrcEntry>,
    /// The entry being filled; `None` before the first `machine` or `default`.
    current: Option<NetrcEntry>,
    expect: Expect,
    keyword_line: usize,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser {
            entries: Vec::new(),
            current: None,
            expect: Expect::Keyword,
            keyword_line: 0,
        }
    }
}

impl Parser {
    fn feed(&mut self, token: String, line_number: usize) -> Fed {
        match self.expect {
            Expect::Value(field) => {
                self.expect = Expect::Keyword;
                self.set(field, token);
            }
            Expect::Keyword => {
                let field = match token.to_ascii_lowercase().as_str() {
                    "machine" => Field::Machine,
                    "login" => Field::Login,
                    "password" => Field::Password,
                    "account" => Field::Account,
                    "default" => {
                        self.start_entry(None);
                        return Fed::Continue;
                    }
                    "macdef" => return Fed::MacroStarted,
                    _ => return Fed::Continue,
                };
                self.expect = Expect::Value(field);
                self.keyword_line = line_number;
            }
        }
        Fed::Continue
    }

    fn set(&mut self, field: Field, value: String) {
        if field == Field::Machine {
            self.start_entry(Some(value));
            return;
        }
        // Fields before the first machine or default belong to no host; curl ignores them.
        let Some(entry) = self.current.as_mut() else {
            return;
        };
        let slot = match field {
            Field::Login => &mut entry.login,
            Field::Password => &mut entry.password,
            Field::Account | Field::Machine => &mut entry.account,
        };
        *slot = Some(value);
    }

    fn start_entry(&mut self, machine: Option<String>) {
        self.entries.extend(self.current.take());
        self.current = Some(NetrcEntry {
            machine,
            login: None,
            password: None,
            account: None,
        });
    }

    fn finish(mut self) -> Result<Netrc, NetrcError> {
        if let Expect::Value(field) = self.expect {
            return Err(NetrcError::MissingValue {
                keyword: field.keyword(),
                line: self.keyword_line,
            });
        }
        self.entries.extend(self.current.take());
        Ok(Netrc {
            entries: self.entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Netrc {
        Netrc::parse(text).expect("parses")
    }

    #[test]
    fn one_line_and_many_lines_are_the_same() {
        let one = parse("machine example.com login daniel password qwerty");
        let many = parse("machine example.com\n  login daniel\r\n\tpassword\nqwerty\n");
        assert_eq!(one, many);
        assert_eq!(
            one.credentials("example.com", None),
            Some(("daniel", "qwerty"))
        );
        assert_eq!(one.entries().len(), 1);
        assert_eq!(one.entries()[0].machine(), Some("example.com"));
    }

    #[test]
    fn first_matching_machine_then_default() {
        let netrc = parse(
            "machine a.example login first password one\n\
             machine A.EXAMPLE login second password two\n\
             machine b.example login bob password b\n\
             default login anonymous password guest\n",
        );
        assert_eq!(netrc.credentials("a.example", None), Some(("first", "one")));
        assert_eq!(
            netrc.credentials("a.Example", Some("second")),
            Some(("second", "two"))
        );
        assert_eq!(netrc.credentials("b.example", None), Some(("bob", "b")));
        // A login that no machine entry has falls through to default, whose login differs.
        assert_eq!(netrc.credentials("b.example", Some("carol")), None);
        assert_eq!(
            netrc.credentials("c.example", None),
            Some(("anonymous", "guest"))
        );
        assert_eq!(
            netrc.credentials("c.example", Some("anonymous")),
            Some(("anonymous", "guest"))
        );
        // Logins are compared exactly.
        assert_eq!(netrc.credentials("a.example", Some("FIRST")), None);
        assert_eq!(
            parse("machine a login x password y").credentials("b", None),
            None
        );
    }

    #[test]
    fn default_is_used_only_when_no_machine_matches() {
        // curl documents default as last; placed first, it still loses to a matching machine.
        let netrc = parse("default login anon password a\nmachine h login u password p");
        assert_eq!(netrc.credentials("h", None), Some(("u", "p")));
        assert_eq!(netrc.credentials("other", None), Some(("anon", "a")));
        assert_eq!(netrc.entries()[0].machine(), None);
    }

    #[test]
    fn entries_without_a_login() {
        let netrc = parse(
            "machine h password generic\n\
             machine h login named password specific\n\
             machine only-login login lonely\n\
             machine empty\n\
             machine empty login e password e",
        );
        // A generic entry (no login) serves any login asked for, when it comes first.
        assert_eq!(
            netrc.credentials("h", Some("named")),
            Some(("named", "generic"))
        );
        assert_eq!(netrc.credentials("h", None), Some(("", "generic")));
        assert_eq!(netrc.credentials("only-login", None), Some(("lonely", "")));
        assert_eq!(
            netrc
                .entry("only-login", None)
                .and_then(NetrcEntry::password),
            None
        );
        // An entry with neither is skipped.
        assert_eq!(netrc.credentials("empty", None), Some(("e", "e")));
    }

    #[test]
    fn quoted_tokens() {
        let netrc = parse(
            r#"machine "h" login "user name" password "p\"a\\s\ts\n\r\x"
machine q login "" password """#,
        );
        assert_eq!(
            netrc.credentials("h", None),
            Some(("user name", "p\"a\\s\ts\n\rx"))
        );
        assert_eq!(netrc.credentials("q", None), Some(("", "")));
        // A quote inside an unquoted token is an ordinary character; a closing quote ends
        // the token.
        let netrc = parse(r#"machine h login ab"c password "x"y"#);
        assert_eq!(netrc.credentials("h", None), Some(("ab\"c", "x")));
    }

    #[test]
    fn macdef_blocks_are_skipped() {
        let netrc = parse(
            "machine h login u\n\
             macdef init\n\
             password wrong\n\
             machine evil login evil password evil\n\
             \x20\n\
             still macro\n\
             \r\n\
             password right\n",
        );
        // The whitespace-only line does not end the macro; the empty ("\r\n") one does, and
        // the entry goes on after it.
        assert_eq!(netrc.credentials("h", None), Some(("u", "right")));
        assert_eq!(netrc.credentials("evil", None), None);
        // A macro running to the end of the file is fine.
        let netrc = parse("machine h login u password p macdef m x y\ncd /\n");
        assert_eq!(netrc.credentials("h", None), Some(("u", "p")));
        // macdef as a value is just a value.
        let netrc = parse("machine h login macdef password p");
        assert_eq!(netrc.credentials("h", None), Some(("macdef", "p")));
    }

    #[test]
    fn comments_and_unknown_words() {
        let netrc = parse(
            "# personal\n\
             \t# indented comment machine x login x password x\n\
             machine h login u port 21 password #notacomment account acct\n\
             login stray\n",
        );
        assert_eq!(netrc.credentials("x", None), None);
        // "login stray" belongs to h, the entry still open.
        assert_eq!(
            netrc.credentials("h", None),
            Some(("stray", "#notacomment"))
        );
        assert_eq!(netrc.entries()[0].account(), Some("acct"));
        // Fields before any machine belong to none.
        let netrc = parse("login nobody password none\nmachine h login u password p");
        assert_eq!(netrc.entries().len(), 1);
        // Keywords are case-insensitive.
        let netrc = parse("MACHINE h LOGIN u PassWord p");
        assert_eq!(netrc.credentials("h", None), Some(("u", "p")));
    }

    #[test]
    fn empty_files() {
        assert_eq!(parse(""), Netrc::default());
        assert_eq!(parse("\n\n   \n# only a comment\n"), Netrc::default());
        assert_eq!(parse("").credentials("h", None), None);
    }

    #[test]
    fn errors() {
        assert_eq!(
            Netrc::parse("machine h\nlogin u password \"open\n\"closed\""),
            Err(NetrcError::UnterminatedQuote { line: 2 })
        );
        assert_eq!(
            Netrc::parse("machine h password \"ends with a backslash\\"),
            Err(NetrcError::UnterminatedQuote { line: 1 })
        );
        assert_eq!(
            Netrc::parse("machine h login u\npassword\n\n"),
            Err(NetrcError::MissingValue {
                keyword: "password",
                line: 2
            })
        );
        assert_eq!(
            Netrc::parse("machine"),
            Err(NetrcError::MissingValue {
                keyword: "machine",
                line: 1
            })
        );
    }

    #[test]
    fn debug_redacts_secrets() {
        let netrc = parse("machine h login u password hunter2 account acct42");
        let debug = format!("{netrc:?}");
        assert!(debug.contains("\"u\""), "{debug}");
        assert!(
            !debug.contains("hunter2") && !debug.contains("acct42"),
            "{debug}"
        );
    }
}
