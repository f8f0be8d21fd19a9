//! What one URL answers: `HEAD`, then `GET` where `HEAD` is refused (405, 501, and other
//! servers that answer `HEAD` wrongly: any error status), redirects followed by hand so a
//! permanent one (301, 308) can be reported with where it leads.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::Body;
use ureq::http::Response;

use crate::web::{self, hosts::Hosts, retry};

/// The longest redirect chain followed.
const MAX_REDIRECTS: usize = 10;

/// What a URL answered, as kept in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LinkStatus {
    /// A 2xx answer, through temporary redirects only.
    Ok,
    /// Moved permanently (`status` 301 or 308) to `to`, which answers.
    Moved { status: u16, to: String },
    /// Gone: 404, 410 (or another client error), no such host, no answer, refused.
    Dead { reason: String },
    /// A server error that lasted through the retries.
    Failing { reason: String },
    /// The site refused an automated request (401, 403, 429): not known to be dead.
    Refused { status: u16 },
}

impl LinkStatus {
    /// Worth checking again before `max_age`: a server error may be over soon.
    pub fn is_lasting(&self) -> bool {
        !matches!(self, LinkStatus::Failing { .. })
    }
}

pub struct Prober<'a> {
    pub agent: ureq::Agent,
    pub hosts: &'a Hosts,
    pub retry: retry::Retry,
    pub timeout: Duration,
}

impl Prober<'_> {
    pub fn probe(&self, url: &str) -> LinkStatus {
        let mut current = url.to_string();
        let mut permanent = None;
        for hop in 0..=MAX_REDIRECTS {
            let response = match self.hop(&current) {
                Ok(response) => response,
                Err(error) => {
                    return LinkStatus::Dead {
                        reason: redirected(
                            web::describe_error(&error, self.timeout),
                            url,
                            &current,
                        ),
                    };
                }
            };
            let status = response.status().as_u16();
            let location = (response.headers().get("location"))
                .and_then(|l| l.to_str().ok())
                .and_then(|l| url::Url::parse(&current).ok()?.join(l).ok());
            match (status, location) {
                (300..=399, Some(next)) => {
                    if hop == 0 && matches!(status, 301 | 308) {
                        permanent = Some(status);
                    }
                    current = next.to_string();
                }
                (200..=299, _) => {
                    return match permanent {
                        Some(status) => LinkStatus::Moved {
                            status,
                            to: current,
                        },
                        None => LinkStatus::Ok,
                    };
                }
                (401 | 403 | 429, _) => return LinkStatus::Refused { status },
                (500..=599, _) => {
                    return LinkStatus::Failing {
                        reason: redirected(status_text(status), url, &current),
                    };
                }
                _ => {
                    return LinkStatus::Dead {
                        reason: redirected(status_text(status), url, &current),
                    };
                }
            }
        }
        LinkStatus::Dead {
            reason: format!("more than {MAX_REDIRECTS} redirects"),
        }
    }

    /// One request: `HEAD`, and `GET` when the server refuses `HEAD` or answers it with
    /// an error (the `GET` answer stands). The body is never read.
    fn hop(&self, url: &str) -> Result<Response<Body>, ureq::Error> {
        let host = web::host_of(url).unwrap_or_default();
        let send = |head: bool| {
            retry::send(self.hosts, &host, &self.retry, || {
                if head {
                    self.agent.head(url).call()
                } else {
                    self.agent.get(url).call()
                }
            })
        };
        match send(true) {
            Ok(response) if response.status().as_u16() < 400 => Ok(response),
            Ok(response) if response.status().as_u16() == 429 => Ok(response),
            Err(error @ (ureq::Error::HostNotFound | ureq::Error::Timeout(_))) => Err(error),
            _ => send(false),
        }
    }
}

/// `404 Not Found`.
fn status_text(status: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => format!("answered {status}"),
    }
}

/// `why`, saying where the redirects led when they did.
fn redirected(why: String, from: &str, at: &str) -> String {
    if from == at {
        why
    } else {
        format!("{why}, at {at} where it redirects")
    }
}
