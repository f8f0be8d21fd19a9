//! What `dossier archive` and `dossier check --external` share to talk to other sites
//! politely: a blocking HTTP client (`ureq`, rustls: no system TLS library, no async
//! runtime), a gate that limits requests per host and spaces them out ([`hosts`]), retries
//! with backoff that honour `Retry-After` ([`retry`]), a small pool of worker threads
//! ([`pool`]) and durations as written on the command line (`7d`, `500ms`; [`duration`]).

pub mod duration;
pub mod hosts;
pub mod pool;
pub mod retry;

use std::time::Duration;

/// The `User-Agent` of every request: who is asking, so a site's operator can tell.
pub fn user_agent(purpose: &str) -> String {
    format!(
        "dossier/{} ({purpose}; +{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// An agent that returns every status as a response (a 404 is an answer, not an error),
/// gives up on a request after `timeout`, and follows no redirect when `follow` is false
/// (so a permanent one can be reported).
pub fn agent(timeout: Duration, follow: bool, purpose: &str) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(if follow { 10 } else { 0 })
        .user_agent(user_agent(purpose))
        .build();
    config.into()
}

/// `host:port` of `url`: what the gate counts requests by. `None` for what is no URL.
pub fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    Some(match parsed.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

/// Why a request failed without an answer, in words.
pub fn describe_error(error: &ureq::Error, timeout: Duration) -> String {
    match error {
        ureq::Error::HostNotFound => "its host was not found (DNS)".into(),
        ureq::Error::Timeout(_) => format!("no answer within {}", duration::format(timeout)),
        ureq::Error::ConnectionFailed => "the connection was refused".into(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the connection was refused".into()
        }
        ureq::Error::Io(e) => format!("the connection failed: {e}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_counted_with_their_port() {
        assert_eq!(
            host_of("https://news.example.test/a?b").as_deref(),
            Some("news.example.test:443")
        );
        assert_eq!(
            host_of("http://127.0.0.1:8080/x").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
