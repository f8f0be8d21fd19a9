//! Slugs and quote ids: `[a-z0-9]+(-[a-z0-9]+)*`, transliterated from any script.

/// Whether `text` is a valid slug: lowercase ASCII words joined by single hyphens.
pub fn is_valid(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The longest file or folder name, in bytes, that every file system a site is built or
/// copied on takes: ext4 and APFS count 255 bytes of UTF-8, NTFS 255 UTF-16 units (never
/// more than the bytes). A longer id cannot become its page's folder.
pub const MAX_NAME_BYTES: usize = 255;

/// The error for `value` (a quote id, a slug, an alias's part), which names a folder of the
/// output and is longer than [`MAX_NAME_BYTES`]; `None` when it fits.
pub fn length_error(
    what: &str,
    value: &str,
    location: crate::diagnostics::Location,
) -> Option<crate::diagnostics::Diagnostic> {
    if value.len() <= MAX_NAME_BYTES {
        return None;
    }
    Some(
        crate::diagnostics::Diagnostic::error(format!(
            "{what} is {} bytes long: no file system takes a folder name over {MAX_NAME_BYTES}",
            value.len()
        ))
        .at(location)
        .label("this becomes a folder of the published site")
        .help("shorten it to a few words: it is part of a URL readers cite"),
    )
}

/// Transliterates and slugs any text ("Ali Khamenei" → `ali-khamenei`, "Évian" → `evian`).
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// The default slug of an article file: its name without a leading `YYYY-MM-DD-`.
pub fn article_slug_from_stem(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b' ' | b'_');
    slugify(if dated { &stem[11..] } else { stem })
}

/// `<speaker>-<YYYY-MM-DD>-<first six words, slugged>`.
pub fn quote_id(speaker: &str, said_iso: &str, text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(slugify)
        .filter(|word| !word.is_empty())
        .take(6)
        .collect();
    let mut id = format!("{speaker}-{said_iso}");
    if !words.is_empty() {
        id.push('-');
        id.push_str(&words.join("-"));
    }
    // Six very long "words" (a pasted URL) would make a folder name no file system takes:
    // cut at a hyphen. Ids short enough to have ever been written stay as they were.
    while id.len() > MAX_NAME_BYTES {
        match id.rfind('-') {
            Some(cut) => id.truncate(cut),
            None => id.truncate(MAX_NAME_BYTES),
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_slugs() {
        assert!(is_valid("ali-khamenei"));
        assert!(is_valid("jcpoa2015"));
        for bad in ["", "-a", "a-", "a--b", "A", "../x", ".hidden", "a/b", "é"] {
            assert!(!is_valid(bad), "{bad} accepted");
        }
    }

    #[test]
    fn a_derived_quote_id_fits_in_a_folder_name() {
        let long = format!("{} second {}", "x".repeat(200), "y".repeat(200));
        let id = quote_id("ada-example", "2024-01-01", &long);
        assert_eq!(
            id,
            format!("ada-example-2024-01-01-{}-second", "x".repeat(200))
        );
        let one = quote_id("ada-example", "2024-01-01", &"z".repeat(400));
        assert_eq!(one, "ada-example-2024-01-01");
    }

    #[test]
    fn strips_the_date_prefix_of_article_files() {
        assert_eq!(
            article_slug_from_stem("2025-03-12-khamenei-talks"),
            "khamenei-talks"
        );
        assert_eq!(
            article_slug_from_stem("Ein Artikel über Öl"),
            "ein-artikel-uber-ol"
        );
    }

    #[test]
    fn derives_quote_ids_from_the_first_six_words() {
        assert_eq!(
            quote_id(
                "ali-khamenei",
                "2025-03-12",
                "We spent years negotiating, and then this same person"
            ),
            "ali-khamenei-2025-03-12-we-spent-years-negotiating-and-then"
        );
    }
}

/// The `dossier new <kind> "…"` command that creates the file `slug` names, with a name
/// guessed from it (`ali-khamenei` → `"Ali Khamenei"`, a topic's `nuclear-talks` →
/// `"Nuclear talks"`) when that name gives the same slug back, `"…"` otherwise.
pub fn new_command(kind: &str, slug: &str) -> String {
    let words = slug.split('-').filter(|w| !w.is_empty());
    let name: Vec<String> = words
        .enumerate()
        .map(|(i, word)| {
            if kind == "speaker" || i == 0 {
                capitalised(word)
            } else {
                word.to_string()
            }
        })
        .collect();
    let name = name.join(" ");
    let name = if !name.is_empty() && slugify(&name) == slug {
        name
    } else {
        "…".to_string()
    };
    format!("dossier new {kind} \"{name}\"")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod new_command_tests {
    use super::new_command;

    #[test]
    fn guesses_a_name_that_gives_the_slug_back() {
        assert_eq!(
            new_command("speaker", "ali-khamenei"),
            "dossier new speaker \"Ali Khamenei\""
        );
        assert_eq!(
            new_command("topic", "nuclear-talks"),
            "dossier new topic \"Nuclear talks\""
        );
        assert_eq!(new_command("topic", "--"), "dossier new topic \"…\"");
    }
}
