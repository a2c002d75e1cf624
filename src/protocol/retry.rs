//! When a failed request is tried again, and after how long: network failures and 429/500/502/503/504
//! only, with backoff that honours the provider's `RetryInfo.retryDelay` or `Retry-After`.

use super::error::{Error, RetryHint};
use std::time::Duration;

/// Retries after a failure unless the user picks another number.
pub const DEFAULT_RETRIES: u8 = 2;
/// The most retries the form offers.
pub const MAX_RETRIES: u8 = 5;
/// Seconds a request may take before it is ended, unless the user picks another number.
pub const DEFAULT_TIMEOUT_S: u32 = 300;

/// The first backoff, doubled after each failure, and its ceiling.
const BASE: Duration = Duration::from_secs(2);
const CEILING: Duration = Duration::from_secs(60);
/// A provider asking for a longer wait than this is not waited for: its message says when to retry.
const LONGEST_WAIT: Duration = Duration::from_secs(300);

/// How long to wait before trying again after `error`, the `failures`-th failure in a row (1 for the
/// first), when at most `retries` retries are allowed; `None` when it must not be retried. `jitter`
/// (0 to 1) spreads parallel requests so they do not come back at the same moment.
pub fn next_delay(error: &Error, failures: u8, retries: u8, jitter: f64) -> Option<Duration> {
    if failures == 0 || failures > retries {
        return None;
    }
    match error.retry_hint() {
        RetryHint::Never => None,
        RetryHint::After(wait) => (wait <= LONGEST_WAIT).then_some(wait),
        RetryHint::Backoff => {
            let doubled = BASE
                .saturating_mul(1 << (failures - 1).min(16))
                .min(CEILING);
            Some(doubled.mul_f64(0.75 + 0.5 * jitter.clamp(0.0, 1.0)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::error::tests::http;

    #[test]
    fn retries_only_passing_failures_and_only_as_many_as_allowed() {
        for status in [429, 500, 502, 503, 504] {
            assert!(
                next_delay(&http(status, None), 1, 2, 0.5).is_some(),
                "{status}"
            );
        }
        for status in [400, 401, 402, 403, 404, 413] {
            assert_eq!(next_delay(&http(status, None), 1, 2, 0.5), None, "{status}");
        }
        let net = Error::Network { host: "h".into() };
        assert!(next_delay(&net, 2, 2, 0.5).is_some());
        assert_eq!(next_delay(&net, 3, 2, 0.5), None, "two retries, then stop");
        assert_eq!(next_delay(&net, 1, 0, 0.5), None, "retries off");
        let blocked = Error::Blocked {
            reason: "SAFETY".into(),
        };
        assert_eq!(
            next_delay(&blocked, 1, 5, 0.5),
            None,
            "never a safety block"
        );
        let hung = Error::Timeout {
            host: "h".into(),
            seconds: 300,
        };
        assert_eq!(
            next_delay(&hung, 1, 5, 0.5),
            None,
            "a hung request is not sent again"
        );
    }

    #[test]
    fn honours_the_providers_delay_and_backs_off_otherwise() {
        let asked = Duration::from_millis(57_200);
        assert_eq!(next_delay(&http(429, Some(asked)), 1, 2, 0.0), Some(asked));
        assert_eq!(
            next_delay(&http(503, Some(Duration::from_secs(3))), 2, 2, 0.9),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            next_delay(&http(429, Some(Duration::from_secs(3600))), 1, 2, 0.5),
            None,
            "an hour is not waited for"
        );
        let net = Error::Network { host: "h".into() };
        let first = next_delay(&net, 1, 5, 0.5).unwrap();
        let second = next_delay(&net, 2, 5, 0.5).unwrap();
        assert_eq!(
            (first, second),
            (Duration::from_secs(2), Duration::from_secs(4))
        );
        assert_eq!(
            next_delay(&net, 5, 5, 0.5),
            Some(CEILING.min(Duration::from_secs(32)))
        );
        let low = next_delay(&net, 1, 5, 0.0).unwrap();
        let high = next_delay(&net, 1, 5, 1.0).unwrap();
        assert!(low < first && first < high, "jitter spreads the wait");
    }

    #[test]
    fn reasons_are_short() {
        let reason = |e: &Error| e.retry_cause().to_string();
        assert_eq!(reason(&http(429, None)), "Rate limited (429)");
        assert_eq!(reason(&http(503, None)), "Server error (503)");
        assert_eq!(
            reason(&Error::Network { host: "h".into() }),
            "Network failure"
        );
    }
}
