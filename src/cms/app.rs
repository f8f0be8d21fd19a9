//! The CMSs `dossier cms` can write an admin page for.

/// A CMS the page can load; both read the same `config.yml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// Decap CMS (formerly Netlify CMS).
    Decap,
    /// Sveltia CMS, Decap's drop-in successor.
    Sveltia,
}

impl App {
    /// The pinned script and its SHA-384 (the npm package's file, which the CDN serves).
    pub fn script(self) -> (&'static str, &'static str) {
        match self {
            App::Decap => (
                "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js",
                "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p",
            ),
            App::Sveltia => (
                "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js",
                "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6",
            ),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            App::Decap => "Decap CMS",
            App::Sveltia => "Sveltia CMS",
        }
    }
}
