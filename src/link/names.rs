//! People's names as citations need them: family name and given names, or the name whole.
//! Reference managers and CSL styles sort and abbreviate by the family name ("Zarfam, S."),
//! so a speaker's or author's name is split once here. The simple split takes the last
//! word as the family name; `family_name` in the front matter says which part it is when
//! that is wrong (Chinese names, Persian compound names, particles), or, set to the whole
//! name, that the name must not be split (an organisation).

use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// `name` as citations write it: split at `family` (the front matter's `family_name` or
/// `author_family_name`, named `field`) when given, else the simple way. A `family` that
/// is not a part of `name` is an error at its place; the simple split stands in for it.
pub fn person_name(
    name: &str,
    family: Option<&Spanned<String>>,
    field: &str,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) -> PersonName {
    let Some(family) = family else {
        return PersonName::simple(name);
    };
    PersonName::with_family(name, family.get_ref()).unwrap_or_else(|| {
        errors.push(
            Diagnostic::error(format!(
                "`{field}` \"{}\" is not a part of the name \"{name}\"",
                family.get_ref()
            ))
            .at(file.front_location(family.span()))
            .help(format!(
                "write the family name's words exactly as in the name, e.g. {field} = \"{}\"; \
                 for an organisation, the whole name",
                name.split_whitespace().next().unwrap_or("Family")
            )),
        );
        PersonName::simple(name)
    })
}

/// How citations write a person's (or an organisation's) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonName {
    /// Written whole, never split: a single name, an organisation, several people.
    Literal(String),
    /// A family name and the given names (both non-empty).
    Split { family: String, given: String },
}

impl PersonName {
    /// The name split the simple way: the last word is the family name. A single word, a
    /// name with a comma, or several names joined by "and" stay whole.
    pub fn simple(name: &str) -> PersonName {
        let words: Vec<&str> = name.split_whitespace().collect();
        let several = words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("and") || *w == "&");
        match words.split_last() {
            Some((family, given)) if !given.is_empty() && !name.contains(',') && !several => {
                PersonName::Split {
                    family: family.to_string(),
                    given: given.join(" "),
                }
            }
            _ => PersonName::Literal(words.join(" ")),
        }
    }

    /// The name split at `family`, which must be one or more whole words of `name`, in
    /// order: the given names are the other words. `family` equal to the whole name keeps
    /// it whole. `None` when `family` is not a part of `name`.
    pub fn with_family(name: &str, family: &str) -> Option<PersonName> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let family_words: Vec<&str> = family.split_whitespace().collect();
        if family_words.is_empty() {
            return None;
        }
        let start = words
            .windows(family_words.len())
            .position(|window| window == family_words.as_slice())?;
        let given: Vec<&str> = words[..start]
            .iter()
            .chain(&words[start + family_words.len()..])
            .copied()
            .collect();
        Some(if given.is_empty() {
            PersonName::Literal(words.join(" "))
        } else {
            PersonName::Split {
                family: family_words.join(" "),
                given: given.join(" "),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(family: &str, given: &str) -> PersonName {
        PersonName::Split {
            family: family.into(),
            given: given.into(),
        }
    }

    #[test]
    fn the_simple_split_takes_the_last_word_as_family_name() {
        assert_eq!(
            PersonName::simple("Soheila Zarfam"),
            split("Zarfam", "Soheila")
        );
        assert_eq!(
            PersonName::simple("  Jan  Piet Modaal "),
            split("Modaal", "Jan Piet")
        );
        assert_eq!(
            PersonName::simple("Staff"),
            PersonName::Literal("Staff".into())
        );
        assert_eq!(
            PersonName::simple("Doe, Jane"),
            PersonName::Literal("Doe, Jane".into())
        );
        assert_eq!(
            PersonName::simple("Jane Doe and Ann Roe"),
            PersonName::Literal("Jane Doe and Ann Roe".into())
        );
    }

    #[test]
    fn a_stated_family_name_is_any_run_of_whole_words() {
        assert_eq!(
            PersonName::with_family("Lin Meiwen", "Lin"),
            Some(split("Lin", "Meiwen"))
        );
        assert_eq!(
            PersonName::with_family("Parvin Dast Gheyb", "Dast Gheyb"),
            Some(split("Dast Gheyb", "Parvin"))
        );
        assert_eq!(
            PersonName::with_family(
                "Council of Fictional Affairs",
                "Council of Fictional Affairs"
            ),
            Some(PersonName::Literal("Council of Fictional Affairs".into()))
        );
        assert_eq!(PersonName::with_family("Lin Meiwen", "Mei"), None);
        assert_eq!(PersonName::with_family("Lin Meiwen", "Meiwen Lin"), None);
        assert_eq!(PersonName::with_family("Lin Meiwen", " "), None);
    }
}
