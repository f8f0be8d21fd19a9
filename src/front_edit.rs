//! Adding keys to a content file's front matter in place, with `toml_edit`, which keeps
//! every other byte (comments, spacing, key order, string quoting) as written: `dossier fix
//! ids` adds `id = "…"` to quotes, `dossier archive` adds `archive_url` and `archived`
//! beside a `source_url`. An edit that would change any other line is refused rather than
//! written, and files are replaced atomically.

use std::path::Path;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use crate::diagnostics::Diagnostic;

/// Which table of a front matter a key goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The front matter's top level (an article's own keys).
    Top,
    /// The n-th quote: the n-th `[[quotes]]` table, or the n-th table of `quotes = [...]`.
    Quote(usize),
}

/// One key to add.
#[derive(Debug, Clone)]
pub struct NewKey {
    pub target: Target,
    pub key: String,
    pub value: Value,
    /// Put it right after this key when the table has it (else at the table's end).
    pub after: Option<String>,
    /// Add it only if the table's key (`source_url`) still holds this string: the file may
    /// have been edited since it was read.
    pub only_if: Option<(String, String)>,
}

impl NewKey {
    /// `key = value` in `target`, at the table's end.
    pub fn new(target: Target, key: &str, value: impl Into<Value>) -> Self {
        NewKey {
            target,
            key: key.to_string(),
            value: value.into(),
            after: None,
            only_if: None,
        }
    }

    /// The same, only if the table's `key` is still the string `value`.
    pub fn only_if(mut self, key: &str, value: &str) -> Self {
        self.only_if = Some((key.to_string(), value.to_string()));
        self
    }

    /// An error when the table's `only_if` key no longer holds its value.
    fn check_still(&self, found: Option<&str>) -> Result<(), String> {
        match &self.only_if {
            Some((key, value)) if found != Some(value.as_str()) => Err(format!(
                "its `{key}` is no longer \"{value}\" (was the file edited meanwhile?)"
            )),
            _ => Ok(()),
        }
    }

    fn guard_key(&self) -> &str {
        self.only_if.as_ref().map_or("", |(key, _)| key.as_str())
    }

    /// The same, right after `key` when the table has it.
    pub fn after(mut self, key: &str) -> Self {
        self.after = Some(key.to_string());
        self
    }

    /// The line it adds: `key = value`.
    fn line(&self) -> String {
        format!("{} = {}", self.key, self.value.to_string().trim())
    }
}

/// The number of quotes `front` has (`[[quotes]]` tables or `quotes = [...]` entries).
pub fn quote_count(front: &str) -> Result<usize, String> {
    let document = parse(front)?;
    Ok(match document.get("quotes") {
        None => 0,
        Some(Item::ArrayOfTables(tables)) => tables.len(),
        Some(Item::Value(Value::Array(array))) => array.len(),
        Some(_) => return Err(not_quotes()),
    })
}

/// `front` with `keys` added. An error, in words, when a table is not where it was found
/// when the file was read, a key is there already, or another line would change.
pub fn add_keys(front: &str, keys: &[NewKey]) -> Result<String, String> {
    let mut document = parse(front)?;
    for new in keys {
        match new.target {
            Target::Top => add_to_table(document.as_table_mut(), new)?,
            Target::Quote(n) => add_to_quote(&mut document, n, new)?,
        }
    }
    let edited = document.to_string();
    check_only_added(front, &edited, keys)?;
    Ok(edited)
}

fn parse(front: &str) -> Result<DocumentMut, String> {
    front
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("its front matter does not parse: {e}"))
}

fn not_quotes() -> String {
    "`quotes` is neither [[quotes]] tables nor a list of tables".into()
}

fn add_to_quote(document: &mut DocumentMut, n: usize, new: &NewKey) -> Result<(), String> {
    let missing = || format!("it has no quote {} any more", n + 1);
    match document.get_mut("quotes").ok_or_else(missing)? {
        Item::ArrayOfTables(tables) => add_to_table(tables.get_mut(n).ok_or_else(missing)?, new),
        Item::Value(Value::Array(array)) => match array.get_mut(n) {
            Some(Value::InlineTable(table)) => add_inline(table, new),
            _ => Err(missing()),
        },
        _ => Err(not_quotes()),
    }
}

fn add_to_table(table: &mut Table, new: &NewKey) -> Result<(), String> {
    new.check_still(table.get(new.guard_key()).and_then(Item::as_str))?;
    if table.contains_key(&new.key) {
        return Err(format!("it has a `{}` already", new.key));
    }
    // Where each key stands now, the new one just after `after` (stable sort: the others
    // keep their order).
    let order: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let rank = |key: &str| -> f64 {
        if key == new.key {
            let after = new
                .after
                .as_deref()
                .and_then(|a| order.iter().position(|k| k == a));
            return after.map_or(order.len() as f64, |i| i as f64 + 0.5);
        }
        order.iter().position(|k| k == key).unwrap_or(0) as f64
    };
    table.insert(&new.key, Item::Value(new.value.clone()));
    if new.after.is_some() {
        table.sort_values_by(|a, _, b, _| rank(a.get()).total_cmp(&rank(b.get())));
    }
    Ok(())
}

/// `{ …, key = value }`: the space before `}` moves after the new value, so the table reads
/// as if written so (`"A.", id = "a" }`, not `"A." , id = "a" }`). Inline tables are
/// written on one line: the new key goes last.
fn add_inline(table: &mut InlineTable, new: &NewKey) -> Result<(), String> {
    new.check_still(table.get(new.guard_key()).and_then(Value::as_str))?;
    if table.contains_key(&new.key) {
        return Err(format!("it has a `{}` already", new.key));
    }
    let mut closing = String::from(" ");
    if let Some((_, last)) = table.iter_mut().last() {
        if let Some(suffix) = last.decor().suffix().and_then(|s| s.as_str()) {
            closing = suffix.to_string();
        }
        last.decor_mut().set_suffix("");
    }
    table.insert(&new.key, new.value.clone().decorated(" ", closing));
    Ok(())
}

/// The edit added the new lines and nothing else: the old lines are all there, in order,
/// and what is left over is exactly the new lines (which may repeat a line already there,
/// such as another table's `archived = …`). An inline table gains the key inside its line,
/// which this also accepts.
fn check_only_added(before: &str, after: &str, keys: &[NewKey]) -> Result<(), String> {
    let added: Vec<String> = keys.iter().map(NewKey::line).collect();
    if lines_added(before, after, &added) || inline_only(before, after, &added) {
        return Ok(());
    }
    Err("toml_edit would have changed other lines".into())
}

fn lines_added(before: &str, after: &str, added: &[String]) -> bool {
    let mut old = before.lines().peekable();
    let mut extra: Vec<&str> = Vec::new();
    for line in after.lines() {
        if old.peek() == Some(&line) {
            old.next();
        } else {
            extra.push(line);
        }
    }
    let mut added: Vec<&str> = added.iter().map(String::as_str).collect();
    added.sort_unstable();
    extra.sort_unstable();
    old.next().is_none() && extra == added && before.ends_with('\n') == after.ends_with('\n')
}

/// For `quotes = [{…}, …]`: the only change is `, key = value` inside the tables.
fn inline_only(before: &str, after: &str, added: &[String]) -> bool {
    let mut stripped = after.to_string();
    for line in added {
        stripped = stripped.replacen(&format!(", {line}"), "", 1);
    }
    stripped == before
}

/// Why a file's front matter could not be edited.
#[derive(Debug)]
pub enum EditError {
    /// The file has no front matter to edit (as the load reports it).
    Split(Box<Diagnostic>),
    /// The edit was refused, in words (see [`add_keys`]).
    Refused(String),
}

/// The whole file `text` (at `shown`, as reported) with its front matter passed through
/// `edit`; the body and the fences are kept as they are.
pub fn edit_front(
    text: &str,
    shown: &Path,
    edit: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, EditError> {
    let split = crate::load::frontmatter::split(text, shown, &std::sync::Arc::from(text))
        .map_err(|d| EditError::Split(Box::new(d)))?;
    let (start, end) = (split.front_offset, split.front_offset + split.front.len());
    let edited = edit(split.front).map_err(EditError::Refused)?;
    Ok(format!("{}{edited}{}", &text[..start], &text[end..]))
}

/// Writes beside the file and renames over it, so an interrupted run leaves the file whole.
pub fn write_atomically(path: &Path, contents: impl AsRef<[u8]>) -> std::io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = path.with_file_name(format!(".{name}.dossier-edit"));
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Value {
        Value::from(text.parse::<toml_edit::Datetime>().unwrap())
    }

    #[test]
    fn keys_go_after_the_named_key_and_every_other_byte_stays() {
        let front = "title = \"T\"  # a comment\nsource_url = 'https://a.test/x'   # trailing\n\n# before topics\ntopics = [\"t\"]\n\n[[quotes]]\nspeaker = \"ada\"\ntext = \"A.\"\nsource_url = \"https://b.test/y\"\ncontext = \"c\"\n[quotes.original]\nlanguage = \"fa\"\ntext = \"ج\"\n";
        let keys = [
            NewKey::new(
                Target::Top,
                "archive_url",
                "https://web.archive.org/web/1/x",
            )
            .after("source_url"),
            NewKey::new(Target::Top, "archived", date("2025-03-14")).after("archive_url"),
            NewKey::new(Target::Quote(0), "archive_url", "https://archive.test/y")
                .after("source_url"),
        ];
        let edited = add_keys(front, &keys).unwrap();
        assert_eq!(
            edited,
            "title = \"T\"  # a comment\nsource_url = 'https://a.test/x'   # trailing\narchive_url = \"https://web.archive.org/web/1/x\"\narchived = 2025-03-14\n\n# before topics\ntopics = [\"t\"]\n\n[[quotes]]\nspeaker = \"ada\"\ntext = \"A.\"\nsource_url = \"https://b.test/y\"\narchive_url = \"https://archive.test/y\"\ncontext = \"c\"\n[quotes.original]\nlanguage = \"fa\"\ntext = \"ج\"\n"
        );
    }

    #[test]
    fn a_key_that_is_there_already_is_refused() {
        let front = "source_url = \"https://a.test/\"\narchive_url = \"https://b.test/\"\n";
        let error = add_keys(
            front,
            &[NewKey::new(Target::Top, "archive_url", "https://c.test/")],
        )
        .unwrap_err();
        assert_eq!(error, "it has a `archive_url` already");
        let moved = add_keys(
            "source_url = \"https://moved.test/\"\n",
            &[NewKey::new(Target::Top, "archive_url", "https://c.test/")
                .only_if("source_url", "https://a.test/")],
        )
        .unwrap_err();
        assert_eq!(
            moved,
            "its `source_url` is no longer \"https://a.test/\" (was the file edited meanwhile?)"
        );
    }

    #[test]
    fn an_inline_quote_gets_the_key_inside_its_table() {
        let front = "quotes = [\n  { speaker = \"ada\", text = \"A.\", source_url = \"https://a.test/\" },\n]\n";
        let keys = [NewKey::new(
            Target::Quote(0),
            "archive_url",
            "https://b.test/",
        )];
        assert_eq!(
            add_keys(front, &keys).unwrap(),
            "quotes = [\n  { speaker = \"ada\", text = \"A.\", source_url = \"https://a.test/\", archive_url = \"https://b.test/\" },\n]\n"
        );
        assert_eq!(quote_count(front), Ok(1));
    }

    #[test]
    fn a_new_line_may_repeat_one_already_there() {
        let front = "source_url = \"https://a.test/\"\n\n[[quotes]]\ntext = \"A.\"\nsource_url = \"https://b.test/\"\narchive_url = \"https://c.test/\"\narchived = 2025-03-13\n";
        let keys = [
            NewKey::new(Target::Top, "archive_url", "https://d.test/").after("source_url"),
            NewKey::new(Target::Top, "archived", date("2025-03-13")).after("archive_url"),
        ];
        let edited = add_keys(front, &keys).unwrap();
        assert!(edited.starts_with("source_url = \"https://a.test/\"\narchive_url = \"https://d.test/\"\narchived = 2025-03-13\n\n[[quotes]]"));
        assert!(
            !lines_added("a\nb\n", "b\na\nc\n", &["c".into()]),
            "reordered"
        );
        assert!(!lines_added("a\nb\n", "a\nc\n", &["c".into()]), "replaced");
    }
}
