//! [`Deadline`]: the one representation of "this must be done by then", carrying which limit
//! it stands for so that the error says which one ran out.
//!
//! The run loop makes one for the whole exchange (`total`), the connect step narrows it with the
//! connect timeout, and the body keeps the total one. Nothing else computes instants.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result, TimeoutKind};

/// An instant by which work must finish, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Deadline {
    at: Option<Limit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Limit {
    at: Instant,
    /// The configured duration, for the error message.
    after: Duration,
    kind: TimeoutKind,
}

impl Deadline {
    /// No deadline: work may take as long as it takes.
    pub(crate) const NONE: Deadline = Deadline { at: None };

    /// A deadline `after` from now (none when `after` is `None`).
    pub(crate) fn after(after: Option<Duration>, kind: TimeoutKind) -> Deadline {
        Deadline {
            at: after.map(|after| Limit {
                // A limit too large to represent is no limit.
                at: Instant::now().checked_add(after).unwrap_or_else(far_future),
                after,
                kind,
            }),
        }
    }

    /// Whichever of the two comes first.
    pub(crate) fn min(self, other: Deadline) -> Deadline {
        match (self.at, other.at) {
            (Some(a), Some(b)) => Deadline {
                at: Some(if b.at < a.at { b } else { a }),
            },
            (Some(_), None) => self,
            (None, _) => other,
        }
    }

    /// Whether the deadline has passed.
    pub(crate) fn expired(&self) -> bool {
        self.at.is_some_and(|l| Instant::now() >= l.at)
    }

    /// Time left, `None` when there is no deadline.
    pub(crate) fn remaining(&self) -> Option<Duration> {
        self.at
            .map(|l| l.at.saturating_duration_since(Instant::now()))
    }

    /// The error for this deadline having run out.
    pub(crate) fn error(&self) -> Error {
        match self.at {
            Some(l) => Error::timeout(l.kind, l.after),
            None => Error::timeout(TimeoutKind::Total, Duration::MAX),
        }
    }

    /// Runs `work` to completion unless the deadline passes first.
    pub(crate) async fn run<T>(self, work: impl Future<Output = Result<T>>) -> Result<T> {
        match self.at {
            None => work.await,
            Some(l) => match tokio::time::timeout_at(l.at, work).await {
                Ok(r) => r,
                Err(_) => Err(self.error()),
            },
        }
    }

    /// Waits until the deadline; never returns when there is none.
    pub(crate) async fn elapsed(self) -> Error {
        match self.at {
            None => std::future::pending().await,
            Some(l) => {
                tokio::time::sleep_until(l.at).await;
                self.error()
            }
        }
    }
}

fn far_future() -> Instant {
    // About 30 years: what tokio itself uses for "never".
    Instant::now() + Duration::from_secs(86400 * 365 * 30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_keeps_the_earlier_limit_and_its_kind() {
        let connect = Deadline::after(Some(Duration::from_secs(1)), TimeoutKind::Connect);
        let total = Deadline::after(Some(Duration::from_secs(60)), TimeoutKind::Total);
        assert_eq!(connect.min(total), connect);
        assert_eq!(total.min(connect), connect);
        assert_eq!(Deadline::NONE.min(total), total);
        assert_eq!(total.min(Deadline::NONE), total);
        assert!(!total.expired());
        assert_eq!(
            connect.min(total).error().timeout_kind(),
            Some(TimeoutKind::Connect)
        );
    }

    #[test]
    fn huge_limits_do_not_overflow() {
        let d = Deadline::after(Some(Duration::MAX), TimeoutKind::Total);
        assert!(!d.expired());
    }

    #[tokio::test]
    async fn run_reports_the_deadline_that_ran_out() {
        let d = Deadline::after(Some(Duration::from_millis(10)), TimeoutKind::Read);
        let err = d
            .run(async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                Ok(())
            })
            .await
            .expect_err("times out");
        assert_eq!(err.timeout_kind(), Some(TimeoutKind::Read));
    }
}
