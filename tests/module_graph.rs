//! The modules of `src/` form no cycle: data flows one way (load → link → render → publish,
//! commands on top), so each module can be read knowing only the ones it uses.
//!
//! Every `crate::…`, `super::…` and `self::…` path in a module's code (its `use` items, brace
//! groups expanded, and paths written inline) is an edge to the deepest module that path
//! names. A parent that uses a child is an edge like any other; a child that uses something
//! its parent defines is an edge back, so shared types live in modules of their own. Unit
//! tests (`#[cfg(test)]` onwards) are left out: they may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "lib.rs" | "main.rs" | "mod.rs" => {}
        name => parts.push(name.trim_end_matches(".rs").to_string()),
    }
    parts
}

/// The code of a file without comments, string and char literals, and unit tests.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'r' if bytes.get(i + 1) == Some(&b'#') || bytes.get(i + 1) == Some(&b'"') => {
                // A raw string r"…" or r#"…"#: skip it whole.
                let mut j = i + 1;
                let mut hashes = 0;
                while bytes.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') || (i > 0 && is_ident(bytes[i - 1])) {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < bytes.len() && !bytes[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
                out.push_str("\"\"");
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push_str("\"\"");
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a): skip literals only.
                let rest = &text[i + 1..];
                let end = if rest.starts_with('\\') {
                    rest.find('\'').map(|e| e + 1)
                } else {
                    let mut chars = rest.char_indices();
                    chars.next();
                    match chars.next() {
                        Some((at, '\'')) => Some(at + 1),
                        _ => None,
                    }
                };
                match end {
                    Some(len) => {
                        i += 1 + len;
                        out.push_str("' '");
                    }
                    None => {
                        out.push('\'');
                        i += 1;
                    }
                }
            }
            _ => {
                let ch = text[i..].chars().next().unwrap();
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(|item| {
            expand(item)
                .into_iter()
                .map(move |p| format!("{prefix}{p}"))
        })
        .collect()
}

/// Every `crate::`/`super::`/`self::` path in `code`.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    // `use` items, brace groups expanded.
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let item = &rest[at + 3..];
        let end = item.find(';').unwrap_or(item.len());
        paths.extend(expand(&item[..end]));
        rest = &item[end..];
    }
    // Paths written inline: every `a::b…` not inside a longer path.
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(found) = code[from..].find("::") {
        let colons = from + found;
        let mut start = colons;
        while start > 0 && is_ident(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = colons;
        while end < bytes.len() && (is_ident(bytes[end]) || bytes[end] == b':') {
            end += 1;
        }
        from = end.max(colons + 2);
        // Not a path's start, or a `use` group's prefix (`super::{a, b}`: read above).
        if start == colons
            || (start > 0 && bytes[start - 1] == b':')
            || code[start..end].ends_with("::")
        {
            continue;
        }
        paths.push(code[start..end].to_string());
    }
    paths
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before = at == 0 || !is_ident(bytes[at - 1]);
        let after = bytes.get(at + word.len()).is_none_or(|&b| !is_ident(b));
        if before && after {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The deepest module of `modules` that `path` (as written in `from`) names.
fn resolve(path: &str, from: &Module, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let mut base: Module = match segments.next()? {
        "crate" => Vec::new(),
        "self" => from.clone(),
        "super" => {
            let mut parent = from.clone();
            parent.pop();
            parent
        }
        // A child module named relative to this one (`pages::page_jobs` in render/mod.rs).
        child if modules.contains(&[from.as_slice(), &[child.to_string()]].concat()) => {
            [from.as_slice(), &[child.to_string()]].concat()
        }
        _ => return None,
    };
    for segment in segments {
        if segment == "super" {
            base.pop();
            continue;
        }
        let mut deeper = base.clone();
        deeper.push(segment.to_string());
        if modules.contains(&deeper) {
            base = deeper;
        } else {
            break;
        }
    }
    Some(base)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

#[test]
fn src_has_no_module_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        .filter(|f| !f.ends_with("main.rs"))
        .collect();
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let from = module_of(&src, file);
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for path in paths_in(&code) {
            if let Some(to) = resolve(&path, &from, &modules)
                && to != from
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a back edge; report the cycle it closes.
    let mut state: BTreeMap<Module, u8> = BTreeMap::new(); // 1: on the stack, 2: done
    let mut cycles = Vec::new();
    fn visit(
        module: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(module.clone(), 1);
        stack.push(module.clone());
        for next in edges.get(module).into_iter().flatten() {
            match state.get(next) {
                Some(1) => {
                    let start = stack.iter().position(|m| m == next).unwrap();
                    let cycle: Vec<String> = stack[start..]
                        .iter()
                        .chain(std::iter::once(next))
                        .map(name)
                        .collect();
                    cycles.push(cycle.join(" → "));
                }
                Some(_) => {}
                None => visit(next, edges, state, stack, cycles),
            }
        }
        stack.pop();
        state.insert(module.clone(), 2);
    }
    for module in &modules {
        if !state.contains_key(module) {
            visit(module, &edges, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(
        cycles.is_empty(),
        "module cycles in src/:\n  {}",
        cycles.join("\n  ")
    );
}

#[test]
fn the_checker_finds_paths_in_use_items_and_code() {
    let code = code_of(
        "use super::{views::{obj, list}, Theme};\nuse crate::link::Dossier;\n// use crate::ignored;\nfn f() { crate::timings::stage(\"use crate::not_this\", || 1); }\n",
    );
    let paths = paths_in(&code);
    for wanted in [
        "super::views::obj",
        "super::views::list",
        "super::Theme",
        "crate::link::Dossier",
        "crate::timings::stage",
    ] {
        assert!(paths.iter().any(|p| p == wanted), "{wanted} in {paths:?}");
    }
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("ignored") || p.contains("not_this"))
    );
    let modules: BTreeSet<Module> = [
        vec![],
        vec!["render".into()],
        vec!["render".into(), "views".into()],
    ]
    .into_iter()
    .collect();
    let pages: Module = vec!["render".into(), "pages".into()];
    assert_eq!(
        resolve("super::views::obj", &pages, &modules),
        Some(vec!["render".to_string(), "views".to_string()])
    );
    assert_eq!(
        resolve("super::Theme", &pages, &modules),
        Some(vec!["render".to_string()])
    );
}
