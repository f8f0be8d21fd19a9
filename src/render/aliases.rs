//! `aliases`: a small redirect page at each old URL of an article or old id of a quote
//! (meta refresh, canonical link and a plain link for people). An alias is a site path, so it lands under the base
//! path; `link` already refused `..` and hidden parts, and `publish` refuses any path that
//! would leave the output folder.

use std::collections::BTreeMap;

use super::output::OutputFile;
use super::xml::escape;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::model::Dossier;
use crate::strings::Strings;
use crate::urls;

/// Output path of an alias: `/old/url/` and `/old/url` → `old/url/index.html`;
/// `/old/page.html` stays a file.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim_start_matches('/');
    if trimmed.is_empty()
        || trimmed.ends_with('/')
        || trimmed.ends_with(".html")
        || trimmed.ends_with(".htm")
    {
        urls::output_path(trimmed)
    } else {
        // A folder URL written without its final slash.
        urls::output_path(&format!("{trimmed}/"))
    }
}

/// The paths of every generated file but the aliases.
pub type Taken<'a> = std::collections::HashSet<std::borrow::Cow<'a, str>>;

/// The generated file an alias's page would replace: the same path, or a file where the
/// alias needs a folder (`/atom.xml` → `atom.xml/index.html`).
fn clash<'a>(path: &'a str, taken: &Taken) -> Option<&'a str> {
    if taken.contains(path) {
        return Some(path);
    }
    let mut folder = path;
    while let Some((parent, _)) = folder.rsplit_once('/') {
        if taken.contains(parent) {
            return Some(parent);
        }
        folder = parent;
    }
    None
}

/// The redirect page to `permalink`, worded from `strings`.
pub fn redirect_page(strings: &Strings, language: &str, title: &str, permalink: &str) -> String {
    let url = escape(permalink);
    let title = escape(title);
    let heading = strings.fill("redirect.title", &[("title", &title)]);
    let link = format!("<a href=\"{url}\">{title}</a>");
    let body = strings.fill("redirect.body", &[("link", &link)]);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{heading}</title>\n<link rel=\"canonical\" href=\"{url}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>{body}</p>\n</body>\n</html>\n",
        lang = escape(language),
    )
}

/// An old URL and the page it now redirects to.
struct Redirect<'a> {
    /// As written: a site path (an article's alias) or an old quote id.
    alias: &'a str,
    /// Its output path.
    path: String,
    /// The content file that declares it, for diagnostics.
    owner: &'a std::path::Path,
    title: String,
    permalink: String,
    language: &'a str,
}

/// Every article's aliases, then every quote's (old ids: `/quotes/<old>/`).
fn redirects(dossier: &Dossier) -> Vec<Redirect<'_>> {
    let mut out = Vec::new();
    for article in &dossier.articles {
        for alias in &article.aliases {
            out.push(Redirect {
                alias,
                path: alias_path(alias),
                owner: &article.source_path,
                title: article.title.clone(),
                permalink: dossier.permalink(&article.url),
                language: article
                    .language
                    .as_deref()
                    .unwrap_or(&dossier.config.language),
            });
        }
    }
    for quote in dossier.quotes.iter().filter(|q| !q.aliases.is_empty()) {
        let article = &dossier.articles[quote.article];
        let title = dossier.strings.fill(
            "title.quote",
            &[
                ("speaker", &dossier.speakers[quote.speaker].name),
                ("words", &super::values::short(&quote.text, 60)),
            ],
        );
        for alias in &quote.aliases {
            let url = dossier.url(&format!("quotes/{alias}/"));
            out.push(Redirect {
                alias,
                path: urls::output_path_of_url(&dossier.base_path, &url),
                owner: &article.source_path,
                title: title.clone(),
                permalink: dossier.permalink(&quote.url),
                language: &dossier.config.language,
            });
        }
    }
    out
}

/// Whether the dossier declares any alias (most have none: no work then).
pub fn any(dossier: &Dossier) -> bool {
    dossier.articles.iter().any(|a| !a.aliases.is_empty())
        || dossier.quotes.iter().any(|q| !q.aliases.is_empty())
}

/// A redirect page for every alias of an article or quote. `taken` holds the paths of
/// every other output file: an alias never replaces a real page, and two aliases cannot
/// claim the same path.
pub fn aliases(dossier: &Dossier, taken: &Taken) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut claimed: BTreeMap<String, (&std::path::Path, String)> = BTreeMap::new();
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    for redirect in redirects(dossier) {
        let Redirect {
            alias, path, owner, ..
        } = &redirect;
        if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_control) {
            diagnostics.push(
                Diagnostic::error(format!("alias `{alias}` cannot be a file on a static host"))
                    .in_file(owner.to_path_buf())
                    .help("an alias is a plain site path such as \"/old/url/\", without `?`, `#` or `\\`"),
            );
            continue;
        }
        if let Some(file) = clash(path, taken) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "alias `{alias}` would replace the generated file `{file}`"
                ))
                .in_file(owner.to_path_buf())
                .help("an alias is an old URL that no longer has a page of its own; remove it or choose another"),
            );
            continue;
        }
        if let Some((other, target)) = claimed.get(path) {
            if *target != redirect.permalink {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "alias `{alias}` is also claimed by {}",
                        other.display()
                    ))
                    .in_file(owner.to_path_buf())
                    .help("an old URL can redirect to one page only"),
                );
            }
            continue;
        }
        claimed.insert(path.clone(), (owner, redirect.permalink.clone()));
        files.push(OutputFile {
            path: path.clone(),
            bytes: redirect_page(
                &dossier.strings,
                redirect.language,
                &redirect.title,
                &redirect.permalink,
            )
            .into_bytes()
            .into(),
        });
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_are_pretty_urls() {
        assert_eq!(alias_path("/old/url/"), "old/url/index.html");
        assert_eq!(alias_path("/old/url"), "old/url/index.html");
        assert_eq!(alias_path("/old/page.html"), "old/page.html");
        assert_eq!(alias_path("/"), "index.html");
    }
}
