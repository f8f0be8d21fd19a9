//! `dossier check`: every validation of a build, plus link checking: every internal
//! `href`/`src` of every rendered page must name a generated file, and every `#anchor` an
//! element id on that page. Runs on the pages in memory; nothing is written.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::output_folder;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::page_links::{PageLinks, scan};
use crate::pipeline::{self, BuildOptions, Site};
use crate::render::output::OutputFile;

/// What `dossier check` found when nothing failed.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    pub warnings: Diagnostics,
}

/// `dossier check`: load → link → render in memory (templates included, not the search
/// index: no page links into it), then the link checker. Writes nothing.
pub fn check(options: &BuildOptions) -> Result<CheckReport, Diagnostics> {
    check_against(options, None)
}

/// [`check`], and with `previous` (a published site's folder or URL) a warning for each
/// URL it published that this build would no longer answer.
pub fn check_against(
    options: &BuildOptions,
    previous: Option<&str>,
) -> Result<CheckReport, Diagnostics> {
    let previous = previous
        .map(crate::published::fetch::previous_list)
        .transpose()?;
    let mut report = check_site(options, previous.as_ref())?;
    report.warnings = report.warnings.sorted();
    Ok(report)
}

fn check_site(
    options: &BuildOptions,
    previous: Option<&(String, String)>,
) -> Result<CheckReport, Diagnostics> {
    let (sources, warnings) = pipeline::load(options)?;
    output_folder(options, &sources)?;
    let site = Site::link(&sources, options.drafts, warnings)?;
    let files = site.render_all().map_err(|errors| site.failed(errors))?;
    let replaced = crate::load::file_names::replaced_static(
        &sources.static_files,
        files.iter().map(|f| f.path.as_str()),
    );
    if !replaced.is_empty() {
        return Err(site.failed(Diagnostics { items: replaced }));
    }
    let link_errors = check_links(
        &files,
        &pipeline::static_files(&sources),
        &site.dossier.base_url,
        &site.dossier.base_path,
    );
    if !link_errors.is_empty() {
        return Err(site.failed(Diagnostics { items: link_errors }));
    }
    let mut warnings = site.warnings.clone();
    if let Some((list, from)) = previous {
        let current = (files.iter())
            .find(|f| f.path == crate::published::URLS_PATH)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        warnings
            .items
            .extend(crate::published::compare(list, &current, from));
    }
    Ok(CheckReport {
        pages: {
            let not_pages = site.not_pages();
            files
                .iter()
                .filter(|f| f.path.ends_with(".html") && !not_pages.contains(&f.path))
                .count()
        },
        warnings,
    })
}

/// Checks internal links and anchors across `files`; one error per broken link.
pub fn check_links(
    files: &[OutputFile],
    static_files: &[(String, Arc<[u8]>)],
    base_url: &str,
    base_path: &str,
) -> Vec<Diagnostic> {
    let mut existing: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    existing.extend(static_files.iter().map(|(path, _)| path.as_str()));
    let pages: HashMap<&str, PageLinks> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), scan(&f.bytes)))
        .collect();
    let mut paths: Vec<&&str> = pages.keys().collect();
    paths.sort();
    let mut errors = Vec::new();
    for page in paths {
        for link in &pages[*page].links {
            if let Some(problem) = check_one(page, link, base_url, base_path, &existing, &pages) {
                errors.push(
                    Diagnostic::error(format!("broken link `{link}` in the generated page {page}: {problem}"))
                        .in_file(format!("<output>/{page}"))
                        .help("fix the `@/` link or `#anchor` in the content file, or the template that writes this link"),
                );
            }
        }
    }
    errors
}

/// `None` when the link is fine (or external), else what is wrong.
fn check_one(
    page: &str,
    link: &str,
    base_url: &str,
    base_path: &str,
    existing: &HashSet<&str>,
    pages: &HashMap<&str, PageLinks>,
) -> Option<String> {
    let link = match link.strip_prefix(base_url.trim_end_matches('/')) {
        Some(rest) => format!("{}{}", base_path.trim_end_matches('/'), rest),
        None => link.to_string(),
    };
    if link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
        || link.starts_with("tel:")
    {
        return None;
    }
    let (path, anchor) = match link.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (link.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(site_path) = path.strip_prefix(base_path) {
        crate::urls::output_path(site_path)
    } else if path.starts_with('/') {
        return Some(format!("it is outside the site's base path {base_path}"));
    } else {
        let dir = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        crate::urls::output_path(&normalize(&format!("{dir}/{path}")))
    };
    if !existing.contains(target.as_str()) {
        return Some(format!("no generated file {target}"));
    }
    match (anchor, pages.get(target.as_str())) {
        (Some(anchor), Some(links)) if !anchor.is_empty() && !links.ids.contains(anchor) => {
            Some(format!("no element with id `{anchor}` in {target}"))
        }
        _ => None,
    }
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let trailing = if path.ends_with('/') { "/" } else { "" };
    format!("{}{trailing}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: Arc::from(html.as_bytes()),
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            file(
                "index.html",
                r##"<a href="/sub/a/">a</a><a href="/sub/a/#here">ok</a><a href="/sub/a/#gone">x</a><a href="/sub/missing/">y</a><a href="https://elsewhere.test/">ext</a><a href="#top">self</a><p id="top"></p>"##,
            ),
            file(
                "a/index.html",
                r#"<h2 id="here">Here</h2><a href="../">up</a>"#,
            ),
        ];
        let errors = check_links(&files, &[], "https://example.org/sub/", "/sub/");
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("#gone"));
        assert!(messages[1].contains("/sub/missing/"));
    }
}
