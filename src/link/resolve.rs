//! Name lookups with did-you-mean: speakers, topics and quote ids named in front matter.

use std::collections::HashMap;

use toml::Spanned;

use crate::diagnostics::{Diagnostic, unknown_name_help};
use crate::load::SourceFile;

/// A table from slug to index, with the names people might type instead of the slug.
pub struct Names {
    /// `speaker` or `topic`: used in messages.
    pub kind: &'static str,
    pub by_slug: HashMap<String, usize>,
    /// Slug of each index.
    pub slugs: Vec<String>,
    /// Slugged aliases and names, to suggest `ali-khamenei` for `khamenei`.
    pub by_alias: HashMap<String, String>,
    /// Slugs of files that failed to load (already reported): naming one is no second error.
    pub broken: std::collections::HashSet<String>,
}

impl Names {
    pub fn new(kind: &'static str) -> Self {
        Names {
            kind,
            by_slug: HashMap::new(),
            slugs: Vec::new(),
            by_alias: HashMap::new(),
            broken: Default::default(),
        }
    }

    /// Resolves each name; unknown names become errors pointing at them.
    pub fn resolve_all(
        &self,
        names: &[Spanned<String>],
        file: &SourceFile,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            if let Some(index) = self.resolve(name, file, errors)
                && !out.contains(&index)
            {
                out.push(index);
            }
        }
        out
    }

    pub fn resolve(
        &self,
        name: &Spanned<String>,
        file: &SourceFile,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let wanted = name.get_ref();
        if let Some(index) = self.by_slug.get(wanted.as_str()) {
            return Some(*index);
        }
        if self.broken.contains(wanted.as_str()) {
            return None;
        }
        errors.push(self.unknown(wanted, file, name.span()));
        None
    }

    fn sorted_slugs(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> = self.by_slug.keys().map(String::as_str).collect();
        slugs.sort_unstable();
        slugs
    }

    fn unknown(&self, wanted: &str, file: &SourceFile, span: std::ops::Range<usize>) -> Diagnostic {
        let kind = self.kind;
        let alias_hit = self.by_alias.get(&crate::link::slugs::slugify(wanted));
        let command = crate::link::slugs::new_command(kind, wanted);
        let new = format!("for a new {kind}: `{command}`");
        let help = match alias_hit {
            Some(slug) => Some(format!("did you mean `{slug}`? ({new})")),
            None => unknown_name_help(wanted, self.sorted_slugs(), None)
                .map(|help| {
                    if help.starts_with("did you mean") {
                        format!("{help} ({new})")
                    } else {
                        format!(
                            "{help}; or create content/{kind}s/{}.md (`{command}`)",
                            crate::link::slugs::slugify(wanted)
                        )
                    }
                })
                .or_else(|| {
                    Some(format!(
                        "create content/{kind}s/{}.md with `{command}`",
                        crate::link::slugs::slugify(wanted)
                    ))
                }),
        };
        Diagnostic::error(format!("unknown {kind} `{wanted}`{}", invisible_in(wanted)))
            .at(file.front_location(span))
            .label(format!("no file content/{kind}s/{wanted}.md"))
            .help_opt(help)
    }
}

/// What an id that is no slug hides, for its message: the joiners and marks a front matter
/// may hold (for Persian and Arabic text) are invisible, so `ali\u{200C}-khamenei` prints like
/// `ali-khamenei`.
fn invisible_in(wanted: &str) -> String {
    let hidden: Vec<String> = wanted
        .chars()
        .filter(|c| {
            matches!(
                c,
                '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{00AD}'
            )
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    if hidden.is_empty() {
        return String::new();
    }
    format!(" (it holds the invisible {})", hidden.join(", "))
}
