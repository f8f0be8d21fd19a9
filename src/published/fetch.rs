//! The published list a check compares with: `data/urls.txt` of a folder (a previous
//! build, a checkout of the published branch) or of a live site, fetched over HTTP(S) with
//! `ureq` (blocking, rustls with webpki roots: no system TLS library, no async runtime for
//! one GET).

use std::path::Path;
use std::time::Duration;

use super::URLS_PATH;
use crate::diagnostics::Diagnostic;

/// The list is a few MB at 50,000 articles; more than this is not one.
const LIMIT: u64 = 256 * 1024 * 1024;

/// The published `data/urls.txt` of `previous` (`https://…` or a folder), and where it was
/// read, as the report names it.
pub fn previous_list(previous: &str) -> Result<(String, String), Diagnostic> {
    let lower = previous.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let url = list_url(previous);
        let text = get(&url)?;
        Ok((text, url))
    } else {
        let path = Path::new(previous).join(URLS_PATH);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Diagnostic::error(format!("cannot read {}: {error}", path.display()))
                .help("--previous takes the published site's folder (holding data/urls.txt, which every build since this version writes) or its https:// address")
        })?;
        Ok((text, path.display().to_string()))
    }
}

/// `<site>/data/urls.txt`: the site's address with its base path, a final `/` added.
fn list_url(site: &str) -> String {
    let site = site.split(['?', '#']).next().unwrap_or(site);
    format!("{}/{URLS_PATH}", site.trim_end_matches('/'))
}

fn get(url: &str) -> Result<String, Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .user_agent(concat!(
            "dossier/",
            env!("CARGO_PKG_VERSION"),
            " (check --previous)"
        ))
        .build()
        .into();
    let failed = |what: String| {
        Diagnostic::error(format!("cannot fetch {url}: {what}")).help(
            "check the address (the published site's base URL) and the network; a site published before this version of dossier has no data/urls.txt yet",
        )
    };
    let mut response = agent.get(url).call().map_err(|e| failed(e.to_string()))?;
    let status = response.status();
    if status == 404 {
        return Err(Diagnostic::error(format!("{url} does not exist (404)")).help(
            "the site has not been published with this version of dossier yet: there is nothing to compare on a first publication",
        ));
    }
    if !status.is_success() {
        return Err(failed(format!("the server answered {status}")));
    }
    response
        .body_mut()
        .with_config()
        .limit(LIMIT)
        .read_to_string()
        .map_err(|e| failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_under_the_base_path() {
        assert_eq!(
            list_url("https://user.github.io/repo"),
            "https://user.github.io/repo/data/urls.txt"
        );
        assert_eq!(
            list_url("https://example.org/"),
            "https://example.org/data/urls.txt"
        );
    }
}
