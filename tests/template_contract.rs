//! The theme's contract (`docs/templates.md`) is what templates really get: every page of a
//! fixture site (and every card) is built, and its context must have exactly the documented
//! names, each of the documented type, recursively: a documented field that is missing, or
//! a field nobody documented, fails. The reference itself must be current.
//!
//! `DOSSIER_BLESS=1 cargo test --test template_contract` rewrites docs/templates.md.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::pipeline::{self, BuildOptions, Site};
use dossier::render::template_docs::{
    self, CARD_PARTIALS, EVERY_PAGE, PAGE_TEMPLATES, UNIONS, ViewInfo, strip,
};
use dossier::render::{head, pages};
use tera::{Context, Value};

/// Checks `value` against the documented type `ty`; problems go to `errors` with `path`.
fn check(value: &Value, ty: &str, path: &str, views: &[ViewInfo], errors: &mut Vec<String>) {
    let ty = ty.replace(' ', "");
    if let Some(inner) = strip(&ty, "Option<") {
        if !value.is_none() {
            check(value, inner, path, views, errors);
        }
        return;
    }
    if let Some(inner) = strip(&ty, "List<").or_else(|| strip(&ty, "Vec<")) {
        match value.as_array() {
            Some(items) => {
                for (n, item) in items.iter().enumerate() {
                    check(item, inner, &format!("{path}[{n}]"), views, errors);
                }
            }
            None => errors.push(format!(
                "{path}: documented as a list, is a {}",
                value.name()
            )),
        }
        return;
    }
    if let Some(inner) = strip(&ty, "Ref<") {
        return check(value, inner, path, views, errors);
    }
    if let Some((_, options)) = UNIONS.iter().find(|(name, _)| *name == ty) {
        let fits = options.iter().any(|option| {
            let mut attempt = Vec::new();
            check(value, option, path, views, &mut attempt);
            attempt.is_empty()
        });
        if !fits {
            errors.push(format!("{path}: is none of {}", options.join(", ")));
        }
        return;
    }
    let fits = match ty.as_str() {
        "String" => value.is_string(),
        "usize" | "u32" | "i32" => value.is_number(),
        "bool" => value.is_bool(),
        "Html" => value.is_string() && value.is_safe(),
        "Extra" => value.is_map(),
        "InterfaceStrings" => value.as_map().is_some_and(|tables| {
            tables.values().all(|t| {
                t.as_map()
                    .is_some_and(|names| names.values().all(|v| v.is_string() && v.is_safe()))
            })
        }),
        view => {
            let Some(info) = views.iter().find(|v| v.name == view) else {
                errors.push(format!("{path}: type {view} is not in the reference"));
                return;
            };
            let Some(map) = value.as_map() else {
                errors.push(format!(
                    "{path}: documented as {view}, is a {}",
                    value.name()
                ));
                return;
            };
            let present: BTreeSet<String> = map.keys().map(|k| k.to_string()).collect();
            let documented: BTreeSet<String> =
                info.fields.iter().map(|f| f.name.to_string()).collect();
            for missing in documented.difference(&present) {
                errors.push(format!("{path}.{missing}: documented in {view}, missing"));
            }
            for extra in present.difference(&documented) {
                errors.push(format!("{path}.{extra}: not documented in {view}"));
            }
            for field in &info.fields {
                if let Some(value) = map.get(&tera::value::Key::Str(field.name)) {
                    check(
                        value,
                        field.ty,
                        &format!("{path}.{}", field.name),
                        views,
                        errors,
                    );
                }
            }
            true
        }
    };
    if !fits {
        errors.push(format!("{path}: documented as {ty}, is a {}", value.name()));
    }
}

/// Checks a page context's top-level names against the template's entry in the reference.
fn check_context(
    template: &str,
    mut context: Context,
    views: &[ViewInfo],
    errors: &mut Vec<String>,
) {
    let own = PAGE_TEMPLATES
        .iter()
        .find(|(name, _)| *name == template)
        .unwrap_or_else(|| panic!("{template} is not in the reference"))
        .1;
    let mut names: Vec<(String, String)> = EVERY_PAGE
        .iter()
        .filter(|(name, _)| *name != "head")
        .map(|(name, ty)| (name.to_string(), ty.to_string()))
        .collect();
    if let Some(own) = own {
        let info = views
            .iter()
            .find(|v| v.name == own)
            .expect("in the reference");
        names.extend(
            info.fields
                .iter()
                .map(|f| (f.name.to_string(), f.ty.to_string())),
        );
    }
    for (name, ty) in names {
        match context.remove(&name) {
            Some(value) => check(&value, &ty, &format!("{template}: {name}"), views, errors),
            None => errors.push(format!("{template}: {name} is documented, missing")),
        }
    }
    if context != Context::new() {
        errors.push(format!("{template}: names nobody documented: {context:?}"));
    }
}

fn linked_fixture(name: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let options = BuildOptions {
        root,
        drafts: true,
        ..Default::default()
    };
    let (sources, warnings) = pipeline::load(&options).expect("the fixture loads");
    Site::link(&sources, options.drafts, warnings).expect("the fixture links")
}

#[test]
fn every_page_and_card_gets_exactly_the_documented_context() {
    let views = template_docs::view_types();
    let site = linked_fixture("basic");
    let mut errors = Vec::new();
    let mut templates_seen = BTreeSet::new();
    for job in pages::page_jobs(&site.dossier, &site.views) {
        let spec = job.build(&site.dossier, &site.views);
        templates_seen.insert(spec.template);
        let head = head::for_context(&site.dossier, spec.kind, &spec.context).into_value();
        check(
            &head,
            "HeadView",
            &format!("{}: head", spec.template),
            &views,
            &mut errors,
        );
        check_context(spec.template, spec.context, &views, &mut errors);
    }
    for quote in &site.views.quotes {
        check(
            quote.value(),
            "QuoteCard",
            "quote card",
            &views,
            &mut errors,
        );
    }
    for article in &site.views.articles {
        check(
            article.value(),
            "ArticleCard",
            "article card",
            &views,
            &mut errors,
        );
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let documented: BTreeSet<&str> = PAGE_TEMPLATES.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        templates_seen, documented,
        "every page template is built and documented"
    );
    assert!(CARD_PARTIALS.len() == 2);
}

#[test]
fn the_checker_finds_a_missing_and_an_undocumented_field() {
    let views = template_docs::view_types();
    let site = linked_fixture("basic");
    let mut card: tera::Map = site.views.topics[0]
        .value()
        .as_map()
        .unwrap()
        .iter()
        .filter(|(key, _)| key.as_str() != Some("slug"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    card.insert(tera::value::Key::Str("surprise"), Value::from(1));
    let mut errors = Vec::new();
    check(&Value::from(card), "TopicCard", "t", &views, &mut errors);
    assert_eq!(
        errors,
        vec![
            "t.slug: documented in TopicCard, missing".to_string(),
            "t.surprise: not documented in TopicCard".to_string()
        ]
    );
}

#[test]
fn the_template_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md");
    let generated = template_docs::reference();
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/templates.md is stale: run `DOSSIER_BLESS=1 cargo test --test template_contract`"
    );
}
