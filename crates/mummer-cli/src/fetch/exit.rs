//! How a fetch fails: one line, and curl's exit code for that kind of failure.

use mummer::{Error, Kind, RedirectError};

/// A failure the CLI reports: one line, one exit code (curl's numbering where it has one).
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) code: u8,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure {
            code: exit_code(e.kind()),
            message: e.to_string(),
        }
    }
}

/// curl's exit code for a failure of this kind.
pub(crate) fn exit_code(kind: &Kind) -> u8 {
    match kind {
        Kind::Builder => 3,
        Kind::Resolve => 6,
        Kind::Connect => 7,
        Kind::Tls => 35,
        Kind::Certificate => 60,
        // curl: 56 for a CONNECT answered with an error status, 97 for other proxy failures.
        Kind::Proxy { status: Some(_) } => 56,
        Kind::Proxy { status: None } => 97,
        Kind::Timeout(_) => 28,
        Kind::Request => 55,
        Kind::Protocol(_) => 8,
        Kind::Body(_) => 18,
        Kind::Decode => 61,
        Kind::TooManyRedirects { .. } => 47,
        Kind::Redirect(RedirectError::UnsupportedScheme) => 1,
        Kind::Redirect(_) => 3,
        // curl: "send failed: rewind of the body was needed but failed".
        Kind::NotReplayable => 65,
        Kind::TooLarge { .. } => 63,
        Kind::Status(_) => 22,
        Kind::Aborted => 42,
        _ => 1,
    }
}

pub(crate) fn write_failed(e: std::io::Error) -> Failure {
    Failure {
        message: format!("write failed: {e}"),
        code: 23,
    }
}
