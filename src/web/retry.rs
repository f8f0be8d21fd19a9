//! Retries with exponential backoff: a `429 Too Many Requests` or a 5xx answer (and, where
//! asked, a timeout or a dropped connection) is tried again after the wait the server gave
//! in `Retry-After` (seconds or an HTTP date), else after `base`, `2 × base`, `4 × base`…
//! A server asking for longer than `max_wait` is not waited for: the answer stands.

use std::time::Duration;

use ureq::Body;
use ureq::http::Response;

use super::hosts::Hosts;

#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Tries in all (1: no retry).
    pub attempts: u32,
    /// The first wait without `Retry-After`; doubled at each try.
    pub base: Duration,
    /// The longest wait honoured.
    pub max_wait: Duration,
    /// Also retry timeouts and failed connections (an API known to be up), not only
    /// answers that ask for it.
    pub transport: bool,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 4,
            base: Duration::from_secs(2),
            max_wait: Duration::from_secs(300),
            transport: true,
        }
    }
}

/// The answer of `send` (one request), sent through the gate of `host` and tried again
/// as `policy` says; the last answer or error when every try failed.
pub fn send(
    hosts: &Hosts,
    host: &str,
    policy: &Retry,
    mut send: impl FnMut() -> Result<Response<Body>, ureq::Error>,
) -> Result<Response<Body>, ureq::Error> {
    let mut attempt = 1;
    loop {
        let result = {
            let _permit = hosts.acquire(host);
            send()
        };
        let wait = match &result {
            Ok(response) if is_retryable(response.status().as_u16()) => {
                retry_after(response).unwrap_or_else(|| backoff(policy, attempt))
            }
            Err(error) if policy.transport && is_transient(error) => backoff(policy, attempt),
            _ => return result,
        };
        if attempt >= policy.attempts || wait > policy.max_wait {
            return result;
        }
        // Every worker leaves the host alone for that long, not only this one.
        hosts.hold_off(host, wait);
        attempt += 1;
    }
}

fn is_retryable(status: u16) -> bool {
    status == 429 || matches!(status, 500 | 502 | 503 | 504)
}

fn is_transient(error: &ureq::Error) -> bool {
    matches!(
        error,
        ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed | ureq::Error::Io(_)
    )
}

fn backoff(policy: &Retry, attempt: u32) -> Duration {
    policy.base.saturating_mul(1 << (attempt - 1).min(16))
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` (RFC 9110, 10.2.3).
pub fn retry_after(response: &Response<Body>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    parse_retry_after(value, chrono::Utc::now())
}

fn parse_retry_after(value: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some((date.to_utc() - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date() {
        let now = chrono::DateTime::parse_from_rfc3339("2015-10-21T07:27:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn the_wait_doubles() {
        let policy = Retry {
            base: Duration::from_millis(100),
            ..Retry::default()
        };
        let waits: Vec<u128> = (1..=4).map(|n| backoff(&policy, n).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800]);
    }
}
