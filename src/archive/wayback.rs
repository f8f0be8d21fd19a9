//! The Internet Archive's two APIs, as documented:
//!
//! - the Wayback Availability JSON API (<https://archive.org/help/wayback_api.php>):
//!   `GET {wayback}/wayback/available?url=…&timestamp=YYYYMMDD` answers
//!   `{"archived_snapshots":{"closest":{"available":true,"url":…,"timestamp":…,"status":"200"}}}`,
//!   or `{"archived_snapshots":{}}` when there is no snapshot;
//! - Save Page Now 2 ("SPN2 public API docs", Vangelis Banos, 2022): with the account's S3
//!   keys in `Authorization: LOW <access>:<secret>` and `Accept: application/json`,
//!   `POST {save}/save` with the form `url=…` answers `{"url":…,"job_id":…}`;
//!   `GET {save}/save/status/{job_id}` answers `{"status":"pending",…}` until
//!   `{"status":"success","timestamp":…,"original_url":…}` or
//!   `{"status":"error","status_ext":…,"message":…}`. The capture is then at
//!   `{save}/web/{timestamp}/{original_url}`.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::web::{self, hosts::Hosts, retry};

/// The account's S3-like keys (<https://archive.org/account/s3.php>).
#[derive(Clone)]
pub struct Keys {
    pub access: String,
    pub secret: String,
}

impl std::fmt::Debug for Keys {
    // The secret never reaches a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keys {{ access: {:?}, secret: … }}", self.access)
    }
}

/// A snapshot in the Wayback Machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub url: String,
    /// `YYYYMMDDhhmmss`.
    pub timestamp: String,
}

/// How the APIs are reached.
pub struct Client<'a> {
    pub agent: ureq::Agent,
    pub hosts: &'a Hosts,
    pub retry: retry::Retry,
    pub timeout: Duration,
    /// `https://archive.org`: the availability API's base.
    pub wayback: String,
    /// `https://web.archive.org`: Save Page Now's base, and the snapshots'.
    pub save: String,
    pub keys: Option<Keys>,
    /// How often a capture's status is asked, and for how long in all.
    pub poll_every: Duration,
    pub poll_limit: Duration,
}

impl Client<'_> {
    /// The snapshot closest to `timestamp` (`YYYYMMDD`) that answered 2xx, if any.
    pub fn closest(&self, url: &str, timestamp: &str) -> Result<Option<Snapshot>, String> {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("url", url);
        if !timestamp.is_empty() {
            query.append_pair("timestamp", timestamp);
        }
        let api = format!(
            "{}/wayback/available?{}",
            base(&self.wayback),
            query.finish()
        );
        let json = self.json("the availability API", &api, || self.agent.get(&api).call())?;
        let closest = &json["archived_snapshots"]["closest"];
        let available = closest["available"].as_bool().unwrap_or(false);
        let ok = (closest["status"].as_str()).is_some_and(|s| s.starts_with('2'));
        match (
            available && ok,
            closest["url"].as_str(),
            closest["timestamp"].as_str(),
        ) {
            (true, Some(found), Some(timestamp)) => Ok(Some(Snapshot {
                url: secure(found),
                timestamp: timestamp.to_string(),
            })),
            _ => Ok(None),
        }
    }

    /// Asks Save Page Now for a new capture of `url` and waits for it.
    pub fn capture(&self, url: &str) -> Result<Snapshot, String> {
        let keys = self.keys.as_ref().ok_or("no archive.org keys")?;
        let authorization = format!("LOW {}:{}", keys.access, keys.secret);
        let save = format!("{}/save", base(&self.save));
        let job = self.json("Save Page Now", &save, || {
            (self.agent.post(&save))
                .header("Accept", "application/json")
                .header("Authorization", &authorization)
                .send_form([("url", url)])
        })?;
        refused(&job)?;
        let id = job["job_id"]
            .as_str()
            .ok_or_else(|| format!("Save Page Now gave no job_id: {job}"))?;
        let status = format!("{}/save/status/{id}", base(&self.save));
        let started = Instant::now();
        loop {
            let answer = self.json("Save Page Now's status", &status, || {
                (self.agent.get(&status))
                    .header("Accept", "application/json")
                    .header("Authorization", &authorization)
                    .call()
            })?;
            match answer["status"].as_str() {
                Some("success") => return self.captured(&answer, url),
                Some("error") => return Err(refusal(&answer)),
                _ if started.elapsed() >= self.poll_limit => {
                    return Err(format!(
                        "Save Page Now had not finished job {id} after {}; run `dossier archive` again later: it finds the capture once it is made",
                        web::duration::format(self.poll_limit)
                    ));
                }
                _ => std::thread::sleep(self.poll_every),
            }
        }
    }

    fn captured(&self, answer: &Value, url: &str) -> Result<Snapshot, String> {
        let timestamp = answer["timestamp"]
            .as_str()
            .ok_or_else(|| format!("Save Page Now's success has no timestamp: {answer}"))?;
        let original = answer["original_url"].as_str().unwrap_or(url);
        Ok(Snapshot {
            url: format!("{}/web/{timestamp}/{original}", base(&self.save)),
            timestamp: timestamp.to_string(),
        })
    }

    /// The JSON answer of `send` (through the host's gate, with retries).
    fn json(
        &self,
        what: &str,
        url: &str,
        send: impl FnMut() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Value, String> {
        let host = web::host_of(url).ok_or_else(|| format!("{what}: `{url}` is not a URL"))?;
        let mut response = retry::send(self.hosts, &host, &self.retry, send)
            .map_err(|e| format!("{what}: {}", web::describe_error(&e, self.timeout)))?;
        let status = response.status().as_u16();
        let body = (response.body_mut().with_config().limit(4 * 1024 * 1024))
            .read_to_string()
            .unwrap_or_default();
        let json: Option<Value> = serde_json::from_str(&body).ok();
        match (status, json) {
            (401 | 403, _) => Err(format!(
                "{what} answered {status}: the archive.org keys (ARCHIVE_ORG_ACCESS_KEY, ARCHIVE_ORG_SECRET_KEY) were refused"
            )),
            // SPN2 answers some refusals as JSON with an error status.
            (_, Some(json)) if json["status"] == "error" => Err(refusal(&json)),
            (200..=299, Some(json)) => Ok(json),
            (200..=299, None) => Err(format!(
                "{what} answered something else than JSON: {}",
                shorten(&body)
            )),
            (status, _) => Err(format!("{what} answered {status}: {}", shorten(&body))),
        }
    }
}

/// A capture request's answer that is an error.
fn refused(job: &Value) -> Result<(), String> {
    if job["status"] == "error" || job.get("job_id").is_none() && job.get("message").is_some() {
        return Err(refusal(job));
    }
    Ok(())
}

fn refusal(answer: &Value) -> String {
    let code = answer["status_ext"].as_str().unwrap_or("error");
    match answer["message"].as_str() {
        Some(message) => format!("Save Page Now: {code}: {message}"),
        None => format!("Save Page Now: {code}"),
    }
}

fn base(url: &str) -> &str {
    url.trim_end_matches('/')
}

/// The availability API gives `http://web.archive.org/…`; the same snapshot is served
/// over https, which is what a page should link.
fn secure(url: &str) -> String {
    match url.strip_prefix("http://web.archive.org/") {
        Some(rest) => format!("https://web.archive.org/{rest}"),
        None => url.to_string(),
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_are_linked_over_https() {
        assert_eq!(
            secure("http://web.archive.org/web/20130919044612/http://example.com/"),
            "https://web.archive.org/web/20130919044612/http://example.com/"
        );
        assert_eq!(
            secure("http://127.0.0.1:9/web/1/x"),
            "http://127.0.0.1:9/web/1/x"
        );
    }

    #[test]
    fn refusals_say_what_save_page_now_said() {
        let answer: Value = serde_json::from_str(
            r#"{"status":"error","status_ext":"error:invalid-host-resolution","message":"Couldn't resolve host for http://example5123.com."}"#,
        )
        .unwrap();
        assert_eq!(
            refusal(&answer),
            "Save Page Now: error:invalid-host-resolution: Couldn't resolve host for http://example5123.com."
        );
        assert!(refused(&serde_json::json!({"url": "u", "job_id": "j"})).is_ok());
        assert!(
            refused(&serde_json::json!({"message": "You have already reached the limit"})).is_err()
        );
    }
}
