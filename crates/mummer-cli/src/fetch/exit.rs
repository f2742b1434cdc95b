//! How a fetch fails: one line, and curl's exit code for that kind of failure.

use mummer::Error;

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
            // curl's numbering, chosen from the error's kind.
            code: u8::try_from(e.curl_code()).unwrap_or(1),
            message: e.to_string(),
        }
    }
}

pub(crate) fn write_failed(e: std::io::Error) -> Failure {
    Failure {
        message: format!("write failed: {e}"),
        code: 23,
    }
}
