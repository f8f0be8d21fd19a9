//! Adding `id = "…"` to quote tables of a front matter with `toml_edit`, which keeps every
//! other byte (comments, spacing, key order, string quoting) as written.

use toml_edit::{DocumentMut, Item, Value};

/// `front` with `id = "<ids[n]>"` added to the n-th quote (`[[quotes]]` or an inline table
/// of `quotes = [...]`) wherever `ids[n]` is given. An error, in words, when the quotes are
/// not where the link found them or when another line would change.
pub fn add_ids(front: &str, ids: &[Option<&str>]) -> Result<String, String> {
    let mut document: DocumentMut = front
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("its front matter does not parse: {e}"))?;
    let quotes = document
        .get_mut("quotes")
        .ok_or("it has no `quotes` any more")?;
    let count = match quotes {
        Item::ArrayOfTables(tables) => {
            for (table, id) in tables.iter_mut().zip(ids) {
                if let Some(id) = id {
                    table.insert("id", toml_edit::value(*id));
                }
            }
            tables.len()
        }
        Item::Value(Value::Array(array)) => {
            for (value, id) in array.iter_mut().zip(ids) {
                if let (Value::InlineTable(table), Some(id)) = (value, id) {
                    add_inline(table, id);
                }
            }
            array.len()
        }
        _ => return Err("`quotes` is neither [[quotes]] tables nor a list of tables".into()),
    };
    if count != ids.len() {
        return Err(format!(
            "it has {} now, {} when it was read",
            crate::diagnostics::count(count, "quote"),
            ids.len()
        ));
    }
    let edited = document.to_string();
    check_only_added(front, &edited, ids)?;
    Ok(edited)
}

/// `{ …, id = "…" }`: the space before `}` moves after the new value, so the table reads
/// as if written so (`"A.", id = "a" }`, not `"A." , id = "a" }`).
fn add_inline(table: &mut toml_edit::InlineTable, id: &str) {
    let mut closing = String::from(" ");
    if let Some((_, last)) = table.iter_mut().last() {
        if let Some(suffix) = last.decor().suffix().and_then(|s| s.as_str()) {
            closing = suffix.to_string();
        }
        last.decor_mut().set_suffix("");
    }
    table.insert("id", Value::from(id).decorated(" ", closing));
}

/// The edit added the id lines and nothing else: removing them gives the old text back.
/// (An inline table gains the id inside its line, which this also accepts.)
fn check_only_added(before: &str, after: &str, ids: &[Option<&str>]) -> Result<(), String> {
    let added: Vec<String> = ids
        .iter()
        .flatten()
        .map(|id| format!("id = \"{id}\""))
        .collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut removed = 0;
    for line in after.lines() {
        if removed < added.len()
            && added.iter().any(|a| a == line)
            && !before.lines().any(|b| b == line)
        {
            removed += 1;
        } else {
            kept.push(line);
        }
    }
    let same = kept.iter().copied().eq(before.lines());
    if same || inline_only(before, after, &added) {
        return Ok(());
    }
    Err("toml_edit would have changed other lines".into())
}

/// For `quotes = [{…}, …]`: the only change is `, id = "…"` inside the tables.
fn inline_only(before: &str, after: &str, added: &[String]) -> bool {
    let mut stripped = after.to_string();
    for id in added {
        stripped = stripped.replacen(&format!(", {id}"), "", 1);
    }
    stripped == before
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
