//! The site's machine-readable outputs, read by the clients people use, on sites written by
//! code (`common::sites`, made-up names): citeproc-js (Zotero's and Mendeley's formatter)
//! renders the CSL-JSON downloads in APA 7 and Chicago notes; pybtex renders the BibTeX
//! downloads in BibTeX's classic `plain` style; PyLD, a JSON-LD processor, reads the
//! pages' JSON-LD as a crawler does (archived copies as `archivedAt`, corrections as
//! `CorrectionComment` with `dateModified`); TimelineJS lays out `data/timeline.json` of a
//! 40-topic dossier in headless Chromium. APA shows a source's archived copy as it prints
//! any archive (CSL `archive` and `archive_location`).
//!
//! The clients are installed, pinned, into `.ci/clients/` by `scripts/client-tools` (which
//! `.ci/run` runs); these tests are ignored by a plain `cargo test` and fail with that
//! instruction when the clients are missing: `scripts/client-tools && cargo test --test
//! clients -- --include-ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use common::sites::{self, ARTICLE_SLUG, COUNCIL_QUOTE_ID, QUOTE_ID, SOURCE, WU_QUOTE_ID};
use common::{Built, citation_download};
use serde_json::Value;

static SITE: LazyLock<Built> = LazyLock::new(|| {
    let root = common::scratch("citations");
    sites::citation_site(&root);
    Built::at(root, None, false)
});

/// `.ci/clients/<rel>`, which must exist.
fn client(rel: &str) -> PathBuf {
    let path = common::repo_root().join(".ci/clients").join(rel);
    assert!(
        path.exists(),
        "{} is missing: this test needs the clients that `scripts/client-tools` installs \
         (npm citeproc and @knight-lab/timelinejs, PyPI pybtex and PyLD, the CSL styles; \
         needs node, npm and python3 with pip). Run `scripts/client-tools`, or `cargo test` \
         without --include-ignored to skip these tests",
        path.display()
    );
    path
}

/// Runs `command`; its standard output, or a panic with its standard error.
fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e} (install node and python3)"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(SITE.public.join(rel).join("index.html")).unwrap()
}

fn article() -> String {
    format!("articles/{ARTICLE_SLUG}/")
}

fn quote(id: &str) -> String {
    format!("quotes/{id}/")
}

/// The CSL-JSON downloads of the article and of three quotes, as one array.
fn csl_items() -> Value {
    let items: Vec<Value> = [
        article(),
        quote(QUOTE_ID),
        quote(WU_QUOTE_ID),
        quote(COUNCIL_QUOTE_ID),
    ]
    .iter()
    .flat_map(|rel| {
        let items: Vec<Value> =
            serde_json::from_str(&citation_download(&page(rel), "json")).unwrap();
        items
    })
    .collect();
    Value::Array(items)
}

/// `(citations by id, bibliography)` of the page downloads' items in `style`, rendered by
/// citeproc-js.
fn citeproc(style: &str) -> (Value, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let items = dir.path().join("items.json");
    std::fs::write(&items, csl_items().to_string()).unwrap();
    citeproc_file(style, &items)
}

/// `(citations by id, bibliography)` of the CSL-JSON file `items` in `style`.
fn citeproc_file(style: &str, items: &Path) -> (Value, Vec<String>) {
    let out = run(Command::new("node")
        .env("NODE_PATH", client("node/node_modules"))
        .arg(common::repo_root().join("tests/clients/citeproc.js"))
        .arg(client(&format!("csl/{style}.csl")))
        .arg(client("csl/locales-en-US.xml"))
        .arg(items));
    let out: Value = serde_json::from_str(&out).unwrap();
    let bibliography = out["bibliography"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect();
    (out["citations"].clone(), bibliography)
}

#[test]
#[ignore = "needs node and the clients of scripts/client-tools (citeproc-js, CSL styles)"]
fn citeproc_js_renders_the_csl_json_in_apa_7() {
    let (citations, bibliography) = citeproc("apa");
    // In-text citations by family name, and the bibliography sorted by it.
    assert_eq!(citations[ARTICLE_SLUG], "(Dast Sample, 2025)");
    assert_eq!(citations[QUOTE_ID], "(Fictive, 2025)");
    assert_eq!(citations[WU_QUOTE_ID], "(Wu, 2025)");
    assert_eq!(citations[COUNCIL_QUOTE_ID], "(Council of Examples, 2025)");
    let starts: Vec<&str> = bibliography
        .iter()
        .map(|e| e.split(" (2025").next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "Council of Examples.",
            "Dast Sample, M.",
            "Fictive, N.",
            "Wu, T."
        ]
    );
    // Author, date, title (no doubled period) and container of the article.
    assert_eq!(
        bibliography[1],
        format!(
            "Dast Sample, M. (2025, March 12). Fictional talks resume in Exampleton. {SOURCE}. \
             https://news.example.test/talks"
        )
    );
    // The quote: its words as title, the newspaper as container, the original text.
    let norma = &bibliography[2];
    assert!(
        norma.starts_with(&format!(
            "Fictive, N. (2025, March 12). We will not let them stop us. In {SOURCE}."
        )),
        "{norma}"
    );
    assert!(
        norma.ends_with(&format!(
            "(Original work published as {})",
            sites::ORIGINAL_TEXT.trim_end_matches('.')
        )),
        "{norma}"
    );
}

#[test]
#[ignore = "needs node and the clients of scripts/client-tools (citeproc-js, CSL styles)"]
fn citeproc_js_renders_the_bulk_citations_as_the_page_downloads() {
    let (_, bulk) = citeproc_file("apa", &SITE.public.join("data/citations-1.json"));
    let (_, pages) = citeproc("apa");
    // The bulk file has every article and quote (two articles, three quotes); the four
    // the pages were asked for render the same.
    assert_eq!(bulk.len(), 5, "{bulk:#?}");
    for entry in &pages {
        assert!(
            bulk.contains(entry),
            "{entry} not in the bulk file's bibliography"
        );
    }
}

#[test]
#[ignore = "needs node and the clients of scripts/client-tools (citeproc-js, CSL styles)"]
fn citeproc_js_renders_the_csl_json_in_chicago_notes() {
    let (notes, bibliography) = citeproc("chicago-notes-bibliography-17th-edition");
    assert_eq!(
        notes[ARTICLE_SLUG],
        format!(
            "Mina Dast Sample, “Fictional Talks Resume in Exampleton,” {SOURCE}, March 12, 2025, \
             https://news.example.test/talks."
        )
    );
    // No "Us.,”": the title has no final period of its own.
    let note = notes[QUOTE_ID].as_str().unwrap();
    assert!(
        note.starts_with(&format!(
            "Norma Fictive, “We Will Not Let Them Stop Us,” in {SOURCE}, A made-up press conference, March 12, 2025"
        )),
        "{note}"
    );
    assert_eq!(
        notes[COUNCIL_QUOTE_ID],
        format!(
            "Council of Examples, “The Council Has Made up Its Mind,” in {SOURCE}, March 12, 2025, \
             https://example.test/quotes/council-statement/."
        )
    );
    // The bibliography inverts the name at the family name and sorts by it.
    let starts: Vec<&str> = bibliography
        .iter()
        .map(|e| e.split(". “").next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "Council of Examples",
            "Dast Sample, Mina",
            "Fictive, Norma",
            "Wu, Testmei"
        ]
    );
}

#[test]
#[ignore = "needs python3 and the clients of scripts/client-tools (pybtex)"]
fn pybtex_renders_the_bibtex_with_month_names_and_family_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cite.bib");
    let entries: Vec<String> = [quote(WU_QUOTE_ID), article(), quote(COUNCIL_QUOTE_ID)]
        .iter()
        .map(|rel| citation_download(&page(rel), "bib"))
        .collect();
    std::fs::write(&file, entries.join("\n")).unwrap();
    let out = run(Command::new("python3")
        .env("PYTHONPATH", client("python"))
        .arg(common::repo_root().join("tests/clients/pybtex_format.py"))
        .arg(&file));
    let lines: Vec<Vec<&str>> = out.lines().map(|line| line.split('\t').collect()).collect();
    let names: Vec<(&str, &str, &str)> = lines.iter().map(|l| (l[0], l[1], l[2])).collect();
    // pybtex reads the names as the CSL-JSON has them: family name first.
    assert_eq!(
        names,
        [
            (WU_QUOTE_ID, "Wu", "Testmei"),
            (ARTICLE_SLUG, "Dast Sample", "Mina"),
            (COUNCIL_QUOTE_ID, "{Council of Examples}", "")
        ]
    );
    // The month by name ("March 2025", never "3 2025"), and the access date.
    assert_eq!(
        lines[1][3],
        format!(
            "Mina Dast Sample. Fictional talks resume in Exampleton. {SOURCE}, March 2025. \
             In Fictional Dossier: https://example.test/articles/{ARTICLE_SLUG}/. \
             URL: https://news.example.test/talks (visited on 2025-03-14)."
        )
    );
    assert!(
        lines[2][3].starts_with(&format!(
            "Council of Examples. The council has made up its mind. {SOURCE}, March 2025."
        )),
        "{}",
        lines[2][3]
    );
}

/// The JSON-LD of `pages` (site paths), expanded by PyLD from the built HTML.
fn expanded(pages: &[&str]) -> Value {
    expanded_in(&SITE, pages)
}

/// The same, on `site`.
fn expanded_in(site: &Built, pages: &[&str]) -> Value {
    let out = run(Command::new("python3")
        .env("PYTHONPATH", client("python"))
        .arg(common::repo_root().join("tests/clients/jsonld_expand.py"))
        .arg(&site.public)
        .arg(&site.base_url)
        .args(pages));
    serde_json::from_str(&out).unwrap()
}

/// Every node of an expanded document, nested ones included.
fn nodes(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    match value {
        Value::Array(items) => items.iter().for_each(|v| out.extend(nodes(v))),
        Value::Object(map) => {
            if map.contains_key("@type") {
                out.push(value);
            }
            map.values().for_each(|v| out.extend(nodes(v)));
        }
        _ => {}
    }
    out
}

fn of_type<'a>(value: &'a Value, kind: &str) -> Vec<&'a Value> {
    let iri = format!("https://schema.org/{kind}");
    nodes(value)
        .into_iter()
        .filter(|n| n["@type"].as_array().unwrap().iter().any(|t| *t == iri))
        .collect()
}

/// The first value of a schema.org property: a node, or a literal's `@value`.
fn prop<'a>(node: &'a Value, name: &str) -> &'a Value {
    let value = &node[format!("https://schema.org/{name}")][0];
    value.get("@value").unwrap_or(value)
}

#[test]
#[ignore = "needs python3 and the clients of scripts/client-tools (PyLD)"]
fn pyld_reads_the_dossier_as_publisher_and_the_newspaper_as_the_source() {
    let article_page = article();
    let ld = expanded(&[&article_page]);
    let news = of_type(&ld[&article_page], "NewsArticle")
        .into_iter()
        .find(|n| n["@id"] == format!("{}{article_page}", SITE.base_url))
        .expect("the page's NewsArticle");
    let publisher = prop(news, "publisher");
    assert_eq!(publisher["@type"][0], "https://schema.org/Organization");
    assert_eq!(prop(publisher, "name"), sites::SITE_TITLE);
    assert_eq!(prop(publisher, "url"), SITE.base_url.as_str());
    let source = prop(news, "isBasedOn");
    assert_eq!(prop(source, "url"), "https://news.example.test/talks");
    assert_eq!(prop(prop(source, "publisher"), "name"), SOURCE);
    let image = prop(news, "image");
    assert_eq!(
        prop(image, "url"),
        format!("{}img/share.png", SITE.base_url).as_str()
    );
    assert_eq!(prop(image, "width"), sites::SHARE_SIZE.0);
}

#[test]
#[ignore = "needs python3 and the clients of scripts/client-tools (PyLD)"]
fn pyld_reads_collection_pages_and_their_breadcrumbs() {
    let pages = [
        "topics/talks/",
        "speakers/norma-fictive/quotes/",
        "chronology/",
        "quotes/",
    ];
    let ld = expanded(&pages);
    for page in pages {
        let doc = &ld[page];
        let collection = of_type(doc, "CollectionPage");
        assert_eq!(collection.len(), 1, "{page}: one CollectionPage");
        let crumbs_id = &prop(collection[0], "breadcrumb")["@id"];
        let crumbs = of_type(doc, "BreadcrumbList")
            .into_iter()
            .find(|n| n["@id"] == *crumbs_id)
            .unwrap_or_else(|| panic!("{page}: the breadcrumb {crumbs_id} is in the graph"));
        let items = crumbs["https://schema.org/itemListElement"]
            .as_array()
            .unwrap();
        let mut trail: Vec<(u64, String)> = items
            .iter()
            .map(|item| {
                (
                    prop(item, "position").as_u64().unwrap(),
                    prop(item, "item").as_str().unwrap().to_string(),
                )
            })
            .collect();
        trail.sort();
        assert_eq!(
            trail.first().unwrap(),
            &(1, SITE.base_url.clone()),
            "{page}"
        );
        assert_eq!(
            trail.last().unwrap(),
            &(items.len() as u64, format!("{}{page}", SITE.base_url)),
            "{page}: the trail ends at the page"
        );
    }
}

const ARTICLE_COPY: &str =
    "https://web.archive.org/web/20250314090000/https://news.example.test/talks";
const COUNCIL_SOURCE: &str = "https://council.example.test/statement";
const COUNCIL_COPY: &str = "https://archive.ph/FakeCopy";
const ARTICLE_CORRECTION: &str = "The venue of the talks was misnamed.";
const QUOTE_CORRECTION: &str =
    "The statement of the council was first attributed to the wrong day.";

/// The citation site with archived copies (the article's source, archived 14 March 2025;
/// the council's statement, with a source and a copy of its own) and two corrections, one
/// about the council's statement.
static ARCHIVED: LazyLock<Built> = LazyLock::new(|| {
    let root = common::scratch("citations-archived");
    sites::citation_site(&root);
    let path = root.join(format!("content/articles/2025-03-12-{ARTICLE_SLUG}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    let edits = [
        (
            "source_url = \"https://news.example.test/talks\"\n".to_string(),
            format!(
                "source_url = \"https://news.example.test/talks\"\narchive_url = \"{ARTICLE_COPY}\"\narchived = 2025-03-14\n"
            ),
        ),
        (
            format!("id = \"{COUNCIL_QUOTE_ID}\"\n"),
            format!(
                "id = \"{COUNCIL_QUOTE_ID}\"\nsource_url = \"{COUNCIL_SOURCE}\"\narchive_url = \"{COUNCIL_COPY}\"\n"
            ),
        ),
        (
            "+++\nA made-up body.".to_string(),
            format!(
                "\n[[corrections]]\ndate = 2025-03-15\ntext = \"{ARTICLE_CORRECTION}\"\n\n[[corrections]]\ndate = 2025-03-20\ntext = \"{QUOTE_CORRECTION}\"\nquote = \"{COUNCIL_QUOTE_ID}\"\n+++\nA made-up body."
            ),
        ),
    ];
    let mut text = text;
    for (from, to) in edits {
        assert!(text.contains(&from), "{from}");
        text = text.replacen(&from, &to, 1);
    }
    std::fs::write(&path, text).unwrap();
    Built::at(root, None, false)
});

fn archived_page(rel: &str) -> String {
    std::fs::read_to_string(ARCHIVED.public.join(rel).join("index.html")).unwrap()
}

#[test]
#[ignore = "needs node and the clients of scripts/client-tools (citeproc-js, CSL styles)"]
fn citeproc_js_shows_the_archived_copy_where_apa_prints_it() {
    let items: Vec<Value> = [article(), quote(COUNCIL_QUOTE_ID)]
        .iter()
        .flat_map(|rel| {
            let items: Vec<Value> =
                serde_json::from_str(&citation_download(&archived_page(rel), "json")).unwrap();
            items
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("items.json");
    std::fs::write(&file, Value::Array(items).to_string()).unwrap();
    let (_, bibliography) = citeproc_file("apa", &file);
    // APA 7 prints an archive and the place in it (CSL `archive`, `archive_location`) after
    // the source, as for any archived document (APA 9.30); the live URL stays last.
    assert_eq!(
        bibliography,
        [
            format!(
                "Council of Examples. (2025, March 12). The council has made up its mind. In {SOURCE}. archive.today ({COUNCIL_COPY}). https://example.test/quotes/{COUNCIL_QUOTE_ID}/"
            ),
            format!(
                "Dast Sample, M. (2025, March 12). Fictional talks resume in Exampleton. {SOURCE}. Internet Archive ({ARTICLE_COPY}). https://news.example.test/talks"
            ),
        ]
    );
}

#[test]
#[ignore = "needs python3 and the clients of scripts/client-tools (PyLD)"]
fn pyld_reads_the_archived_copy_and_the_corrections() {
    let (article_page, quote_page) = (article(), quote(COUNCIL_QUOTE_ID));
    let ld = expanded_in(&ARCHIVED, &[&article_page, &quote_page]);
    let news = of_type(&ld[&article_page], "NewsArticle")
        .into_iter()
        .find(|n| n["@id"] == format!("{}{article_page}", ARCHIVED.base_url))
        .expect("the page's NewsArticle");
    assert_eq!(prop(news, "archivedAt"), ARTICLE_COPY);
    assert_eq!(prop(news, "dateModified"), "2025-03-20");
    let corrections: Vec<(String, String)> = news["https://schema.org/correction"]
        .as_array()
        .expect("the article's corrections")
        .iter()
        .map(|c| {
            assert_eq!(c["@type"][0], "https://schema.org/CorrectionComment");
            (
                prop(c, "datePublished").as_str().unwrap().to_string(),
                prop(c, "text").as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        corrections,
        [
            ("2025-03-20".to_string(), QUOTE_CORRECTION.to_string()),
            ("2025-03-15".to_string(), ARTICLE_CORRECTION.to_string()),
        ]
    );
    let quotation = of_type(&ld[&quote_page], "Quotation")
        .into_iter()
        .find(|n| n["@id"] == format!("{}{quote_page}", ARCHIVED.base_url))
        .expect("the page's Quotation");
    // The quote's own source, cited, carries its archived copy.
    let cited = quotation["https://schema.org/citation"]
        .as_array()
        .expect("the quote's citations")
        .iter()
        .find(|c| prop(c, "url") == COUNCIL_SOURCE)
        .expect("the quote's own source among its citations");
    assert_eq!(cited["@type"][0], "https://schema.org/CreativeWork");
    assert_eq!(prop(cited, "archivedAt"), COUNCIL_COPY);
    assert_eq!(prop(quotation, "dateModified"), "2025-03-20");
    let correction = prop(quotation, "correction");
    assert_eq!(
        correction["@type"][0],
        "https://schema.org/CorrectionComment"
    );
    assert_eq!(prop(correction, "text"), QUOTE_CORRECTION);
    assert_eq!(prop(correction, "datePublished"), "2025-03-20");
}

/// Where TimelineJS put its parts, measured in the page: `{container, timenav, slider,
/// prev, next}` rectangles `{top, bottom, left, right}` and the viewport's `height`.
fn timeline_layout(timeline_json: &Path) -> Value {
    let dist = client("node/node_modules/@knight-lab/timelinejs/dist");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("timeline.html");
    let data = std::fs::read_to_string(timeline_json).unwrap();
    // The page as a site embeds it: a 650-pixel container, the data from timeline.json
    // (inlined: a file:// page cannot fetch it), opened at the second slide so both
    // arrows show. The measures land in #result once TimelineJS has laid out.
    std::fs::write(
        &page,
        format!(
            r##"<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://{dist}/css/timeline.css">
<script src="file://{dist}/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline" style="width:100%;height:650px"></div><pre id="result"></pre>
<script>
var timeline = new TL.Timeline("timeline", {data}, {{hash_bookmark: false, font: null, start_at_slide: 2}});
function rect(selector) {{
  var e = document.querySelector(selector);
  if (!e) return null;
  var r = e.getBoundingClientRect();
  return {{top: r.top, bottom: r.bottom, left: r.left, right: r.right}};
}}
setTimeout(function () {{
  document.getElementById("result").textContent = JSON.stringify({{
    container: rect("#timeline"), timenav: rect(".tl-timenav"), slider: rect(".tl-storyslider"),
    prev: rect(".tl-slidenav-previous"), next: rect(".tl-slidenav-next"), height: window.innerHeight
  }});
}}, 3000);
</script></body></html>"##,
            dist = dist.display()
        ),
    )
    .unwrap();
    let dom = run(Command::new(common::chromium()).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--window-size=1280,900",
        "--virtual-time-budget=10000",
        "--dump-dom",
        &format!("file://{}", page.display()),
    ]));
    let html = scraper::Html::parse_document(&dom);
    let result: String = html
        .select(&scraper::Selector::parse("#result").unwrap())
        .next()
        .expect("the page ran")
        .text()
        .collect();
    serde_json::from_str(&result)
        .unwrap_or_else(|e| panic!("TimelineJS did not lay out ({e}): {result:?}"))
}

#[test]
#[ignore = "needs Chromium and the clients of scripts/client-tools (TimelineJS)"]
fn timelinejs_keeps_its_navigation_and_arrows_on_screen_with_40_topics() {
    let root = common::scratch("many-topics");
    sites::many_topics_site(&root, 300);
    let built = Built::at(root, None, false);
    let layout = timeline_layout(&built.public.join("data/timeline.json"));
    let rect = |name: &str| {
        let r = &layout[name];
        assert!(!r.is_null(), "TimelineJS drew no {name}: {layout}");
        let side = |s: &str| r[s].as_f64().unwrap();
        (side("top"), side("bottom"), side("left"), side("right"))
    };
    let (top, bottom, left, right) = rect("container");
    let viewport = layout["height"].as_f64().unwrap();
    // Borders round to a pixel.
    let inside = |(t, b, l, r): (f64, f64, f64, f64)| {
        t >= top - 1.0 && b <= bottom + 1.0 && l >= left - 1.0 && r <= right + 1.0 && b <= viewport
    };
    assert!(
        inside(rect("timenav")),
        "the time navigation overflows the 650-pixel timeline: {layout}"
    );
    for arrow in ["prev", "next"] {
        let r = rect(arrow);
        assert!(r.1 > r.0, "the {arrow} arrow has no height: {layout}");
        assert!(inside(r), "the {arrow} arrow is off the timeline: {layout}");
    }
    let (slider_top, slider_bottom, _, _) = rect("slider");
    assert!(
        slider_bottom - slider_top >= (bottom - top) / 2.0,
        "the slides keep at least half of the timeline: {layout}"
    );
}
