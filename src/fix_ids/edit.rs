//! Adding `id = "…"` to quote tables of a front matter, every other byte kept
//! ([`crate::front_edit`]).

use crate::front_edit::{self, NewKey, Target};

/// `front` with `id = "<ids[n]>"` added to the n-th quote (`[[quotes]]` or an inline table
/// of `quotes = [...]`) wherever `ids[n]` is given. An error, in words, when the quotes are
/// not where the link found them or when another line would change.
pub fn add_ids(front: &str, ids: &[Option<&str>]) -> Result<String, String> {
    let count = front_edit::quote_count(front)?;
    if count == 0 {
        return Err("it has no `quotes` any more".into());
    }
    if count != ids.len() {
        return Err(format!(
            "it has {} now, {} when it was read",
            crate::diagnostics::count(count, "quote"),
            ids.len()
        ));
    }
    let keys: Vec<NewKey> = (ids.iter().enumerate())
        .filter_map(|(n, id)| id.map(|id| NewKey::new(Target::Quote(n), "id", id)))
        .collect();
    front_edit::add_keys(front, &keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_an_id_line_to_each_quote_without_one_and_keeps_every_other_byte() {
        let front = "title = \"T\"   # spaced comment\ndate = 2024-01-10\n\n[[quotes]]\nspeaker = 'ada'\ntext = \"\"\"\nTwo\nlines\"\"\"\n\n# the second\n[[quotes]]\nid = \"kept\"\nspeaker = \"bo\"\ntext = \"B.\"\n\n[[quotes]]\nspeaker   =   \"ada\"\ntext = \"C.\"\n[quotes.original]\nlanguage = \"fa\"\ntext = \"ج\"\n";
        let edited = add_ids(front, &[Some("ada-one"), None, Some("ada-three")]).unwrap();
        assert_eq!(
            edited,
            "title = \"T\"   # spaced comment\ndate = 2024-01-10\n\n[[quotes]]\nspeaker = 'ada'\ntext = \"\"\"\nTwo\nlines\"\"\"\nid = \"ada-one\"\n\n# the second\n[[quotes]]\nid = \"kept\"\nspeaker = \"bo\"\ntext = \"B.\"\n\n[[quotes]]\nspeaker   =   \"ada\"\ntext = \"C.\"\nid = \"ada-three\"\n[quotes.original]\nlanguage = \"fa\"\ntext = \"ج\"\n"
        );
    }

    #[test]
    fn an_inline_list_of_quotes_gets_its_ids_inside_the_tables() {
        let front = "quotes = [\n  { speaker = \"ada\", text = \"A.\" },\n  { speaker = \"bo\", text = \"B.\", id = \"b\" },\n]\n";
        let edited = add_ids(front, &[Some("ada-a"), None]).unwrap();
        assert_eq!(
            edited,
            "quotes = [\n  { speaker = \"ada\", text = \"A.\", id = \"ada-a\" },\n  { speaker = \"bo\", text = \"B.\", id = \"b\" },\n]\n"
        );
    }

    #[test]
    fn a_changed_quote_count_is_refused() {
        let front = "[[quotes]]\ntext = \"A.\"\n";
        let error = add_ids(front, &[Some("a"), Some("b")]).unwrap_err();
        assert_eq!(error, "it has 1 quote now, 2 when it was read");
    }
}
