//! Search in a real browser: the frozen bundled dossier (`tests/fixtures/bundled`) is built,
//! served over HTTP on 127.0.0.1 by a small static server inside the test, and opened in
//! headless Chromium (driven over the DevTools protocol), which runs the search page's
//! script and Pagefind (worker and WebAssembly included); the DOM after the search finished
//! is checked with CSS selectors.
//!
//! These tests need Chromium (`chromium`, `chromium-browser` or `google-chrome` on the PATH,
//! or the `CHROMIUM` variable), so they are ignored by a plain `cargo test`; run them with
//! `cargo test -- --include-ignored` (as `.ci/run` does). Run without a browser, they fail.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{LazyLock, mpsc};
use std::time::{Duration, Instant};

use scraper::{ElementRef, Html, Selector};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The one word of the bundled dossier that only one quote has.
const ONLY_IN_ONE_QUOTE: &str = "negligence";
const THAT_QUOTE: &str =
    "quotes/ali-khamenei-2025-03-12-sanctions-aren-t-completely-ineffective-but-it-s/";

/// A built copy of the frozen bundled dossier, served under `mount` (`/` or `/sub/`).
struct Served {
    origin: String,
    mount: String,
    /// The built site's files.
    public: PathBuf,
}

/// Each mount point's site, built and served once for all the tests of this file.
static AT_ROOT: LazyLock<Served> =
    LazyLock::new(|| Served::start("root", &common::fixture("bundled"), "/"));
static UNDER_SUB: LazyLock<Served> =
    LazyLock::new(|| Served::start("sub", &common::fixture("bundled"), "/sub/"));
/// The English + Persian fixture (`tests/fixtures/bilingual`), Persian under `fa/`.
static BILINGUAL: LazyLock<Served> =
    LazyLock::new(|| Served::start("bilingual", &common::fixture("bilingual"), "/dossier/"));
/// The Persian fixture (`tests/fixtures/persian`), indexed as `fa`.
static PERSIAN: LazyLock<Served> =
    LazyLock::new(|| Served::start("persian", &common::fixture("persian"), "/"));

impl Served {
    /// Builds a copy of the site at `source` for `mount` and serves it.
    fn start(name: &str, source: &Path, mount: &str) -> Served {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let base_url = format!("{origin}{mount}");
        let built = common::Built::new(name, source, Some(&base_url));
        let public = built.public;
        let served_public = public.clone();
        let mount_owned = mount.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let public = public.clone();
                let mount = mount_owned.clone();
                std::thread::spawn(move || respond(stream, &public, &mount));
            }
        });
        Served {
            origin,
            mount: mount.to_string(),
            public: served_public,
        }
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("{}{}{}", self.origin, self.mount, path_and_query)
    }
}

/// Answers one GET from the files under `public`, mounted at `mount`.
fn respond(stream: TcpStream, public: &Path, mount: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = path
        .strip_prefix(mount)
        .filter(|rel| !rel.split('/').any(|part| part == ".."))
        .map(|rel| {
            if rel.is_empty() || rel.ends_with('/') {
                public.join(rel).join("index.html")
            } else {
                public.join(rel)
            }
        });
    let mut stream = &stream;
    match file.and_then(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))) {
        Some((file, bytes)) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                bytes.len()
            );
            let _ = stream.write_all(&bytes);
        }
        None => {
            let _ = write!(
                stream,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    }
    let _ = stream.flush();
}

/// Headless Chromium driven over the DevTools protocol: it loads a page, waits in real
/// time until the search page's script says it is done, and hands back the live DOM.
/// (`--dump-dom` with a virtual time budget does not wait for Pagefind's worker.)
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-crash-reporter",
                "--disable-breakpad",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        // Chromium prints where its DevTools endpoint listens; keep draining its stderr.
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let Ok(browser_url) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            panic!("chromium did not open its DevTools endpoint within 60 s");
        };
        let host = browser_url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let targets: serde_json::Value =
            serde_json::from_str(&http_get(&host, "/json/list")).expect("DevTools target list");
        let page = targets
            .as_array()
            .and_then(|list| list.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_string();
        let (socket, _) = tungstenite::connect(page.as_str()).expect("connect to the page");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .unwrap();
        }
        Browser {
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends one DevTools command and returns its result, skipping events.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = serde_json::json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to chromium");
        loop {
            let reply = self.socket.read().expect("read from chromium");
            let Message::Text(text) = reply else { continue };
            let value: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            if value["id"] == id {
                assert!(value.get("error").is_none(), "{method} failed: {value}");
                return value["result"].clone();
            }
        }
    }

    fn evaluate(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Loads `url`, waits until the page has loaded and a search page has finished
    /// searching, and returns the DOM.
    fn open(&mut self, url: &str) -> Html {
        self.call("Page.navigate", serde_json::json!({ "url": url }));
        let ready = format!(
            "(location.href === {url:?} && document.readyState === 'complete') \
             ? (document.getElementById('search-results')?.dataset.state ?? 'no search') \
             : 'loading'"
        );
        let started = Instant::now();
        loop {
            let state = self.evaluate(&ready);
            let state = state.as_str().unwrap_or("");
            if !matches!(state, "loading" | "searching" | "") {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                panic!("{url} did not finish searching within 60 s (state {state:?})");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let html = self.evaluate("document.documentElement.outerHTML");
        Html::parse_document(html.as_str().expect("the page's HTML"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP GET on 127.0.0.1 (the DevTools target list). Chromium keeps the connection
/// open, so the body is read by its Content-Length.
fn http_get(host: &str, path: &str) -> String {
    let stream = TcpStream::connect(host).expect("connect to DevTools");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(&stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(&stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("DevTools response");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(&mut reader, &mut body).expect("DevTools response body");
    String::from_utf8_lossy(&body).into_owned()
}

/// The search results the page shows, once its script reports that it is done.
struct Results {
    items: Vec<Item>,
    status: String,
}

struct Item {
    href: String,
    title: String,
    kind: String,
    speakers: Vec<String>,
    topics: Vec<String>,
}

fn results(html: &Html, url: &str) -> Results {
    let list = Selector::parse("#search-results").unwrap();
    let list = html
        .select(&list)
        .next()
        .expect("the search page has a result list");
    let status = text(html, "#search-status");
    assert_eq!(
        list.value().attr("data-state"),
        Some("done"),
        "search did not finish for {url}; status: {status:?}"
    );
    let item = Selector::parse("li.search-result").unwrap();
    let link = Selector::parse(".search-result-title a").unwrap();
    let items = list
        .select(&item)
        .map(|li: ElementRef| {
            let a = li
                .select(&link)
                .next()
                .expect("each result has a title link");
            Item {
                href: a.value().attr("href").unwrap_or("").to_string(),
                title: a.text().collect(),
                kind: li.value().attr("data-kind").unwrap_or("").to_string(),
                speakers: split(li.value().attr("data-speakers")),
                topics: split(li.value().attr("data-topics")),
            }
        })
        .collect();
    Results { items, status }
}

fn split(list: Option<&str>) -> Vec<String> {
    list.unwrap_or("")
        .split('|')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn text(html: &Html, selector: &str) -> String {
    common::texts(html, selector).join(" ")
}

fn search(browser: &mut Browser, served: &Served, query: &str) -> Results {
    let url = served.url(&format!("search/?{query}"));
    results(&browser.open(&url), &url)
}

/// Every behaviour, at one mount point (the site root or a sub-path).
fn search_works_under(chromium: &Path, served: &Served) {
    let mut browser = Browser::launch(chromium);
    let mount = served.mount.as_str();

    // A word only one quote has: that quote comes first, and its link respects the base path.
    let found = search(&mut browser, served, &format!("q={ONLY_IN_ONE_QUOTE}"));
    assert!(!found.items.is_empty(), "no results: {}", found.status);
    assert_eq!(found.items[0].href, format!("{mount}{THAT_QUOTE}"));
    assert_eq!(found.items[0].kind, "quote");
    assert!(
        found.items[0].title.starts_with("Ali Khamenei: “"),
        "a quote's result names who said it: {:?}",
        found.items[0].title
    );
    assert!(found.status.contains("result"), "{}", found.status);

    // A `?q=` link opens with results, and a speaker filter narrows them to that speaker.
    let all = search(&mut browser, served, "q=negotiations");
    assert!(all.items.len() >= 3, "{}", all.status);
    for (slug, name) in [
        ("ali-khamenei", "Ali Khamenei"),
        ("donald-trump", "Donald Trump"),
    ] {
        let narrowed = search(
            &mut browser,
            served,
            &format!("q=negotiations&speaker={slug}"),
        );
        assert!(!narrowed.items.is_empty(), "{name}: {}", narrowed.status);
        for item in &narrowed.items {
            assert!(
                item.speakers.iter().any(|s| s == name),
                "{} is not about {name}: {:?}",
                item.href,
                item.speakers
            );
        }
        let quotes = narrowed.items.iter().filter(|i| i.kind == "quote");
        for quote in quotes {
            assert!(
                quote.title.starts_with(&format!("{name}: ")),
                "{}",
                quote.title
            );
        }
    }
    let trump = search(&mut browser, served, "q=negotiations&speaker=donald-trump");
    assert!(
        trump.items.len() < all.items.len(),
        "the speaker filter narrows: {} of {}",
        trump.items.len(),
        all.items.len()
    );

    // Kind and sort from the URL: only quotes, newest first by date said.
    let quotes = search(&mut browser, served, "q=sanctions&kind=quote&sort=newest");
    assert!(!quotes.items.is_empty(), "{}", quotes.status);
    assert!(quotes.items.iter().all(|i| i.kind == "quote"));

    // A quote is found by its context too, which its result shows.
    let context = search(&mut browser, served, "q=university+students&kind=quote");
    assert!(!context.items.is_empty(), "{}", context.status);

    // Every result link is on this site, under its base path.
    for item in found.items.iter().chain(&all.items) {
        assert!(
            item.href.starts_with(mount),
            "{} is outside {mount}",
            item.href
        );
    }
}

#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn search_finds_filters_and_links_at_the_site_root() {
    let chromium = common::chromium();
    search_works_under(&chromium, &AT_ROOT);
}

#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn search_works_under_a_sub_path() {
    let chromium = common::chromium();
    search_works_under(&chromium, &UNDER_SUB);
}

/// The header's search box leads to the search page, which fills its form from the URL.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn the_header_search_box_leads_to_a_filled_search_page() {
    let chromium = common::chromium();
    let served = &*UNDER_SUB;
    let mut browser = Browser::launch(&chromium);
    let home = browser.open(&served.url(""));
    let action = Selector::parse("header form.site-search").unwrap();
    let form = home
        .select(&action)
        .next()
        .expect("a search box in the header");
    assert_eq!(form.value().attr("action"), Some("/sub/search/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    let input = Selector::parse("header form.site-search input[name=q]").unwrap();
    assert!(home.select(&input).next().is_some());

    let url = served.url("search/?q=sanctions&topic=jcpoa");
    let found = results(&browser.open(&url), &url);
    assert!(!found.items.is_empty(), "{}", found.status);
    for item in &found.items {
        assert!(
            item.topics.iter().any(|t| t == "JCPOA"),
            "{} is not on the JCPOA topic: {:?}",
            item.href,
            item.topics
        );
    }
}

/// A word that only one quote has is found on that quote's page, alone among quotes, with
/// each filter the search page offers (kind, the quote's speaker, each of its topics, and
/// both sort orders), and not with another speaker or topic.
fn a_word_only_one_quote_has_is_found_with_each_filter(
    browser: &mut Browser,
    served: &Served,
    word: &str,
    quote_path: &str,
) {
    let page = std::fs::read_to_string(served.public.join(quote_path).join("index.html"))
        .expect("the quote's page");
    let page = Html::parse_document(&page);
    // The names as the page shows them (the filters hold the same).
    let shown = |selector: &str| {
        let selector = Selector::parse(selector).unwrap();
        page.select(&selector)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect::<Vec<_>>()
    };
    let speaker = shown(".quote-page figure.quote-large .quote-speaker")
        .pop()
        .expect("a quote page names its speaker");
    let topics = shown(".quote-page .facts .chips a");
    assert!(!topics.is_empty(), "{quote_path} has no topic");
    let quote_url = format!("{}{quote_path}", served.mount);
    let encode = |value: &str| value.replace(' ', "+");

    let mut queries = vec![
        format!("q={word}"),
        format!("q={word}&kind=quote"),
        format!("q={word}&speaker={}", encode(&speaker)),
        format!("q={word}&sort=newest"),
        format!("q={word}&sort=oldest"),
    ];
    queries.extend(
        topics
            .iter()
            .map(|t| format!("q={word}&topic={}", encode(t))),
    );
    queries.push(format!(
        "q={word}&kind=quote&speaker={}&topic={}&sort=newest",
        encode(&speaker),
        encode(&topics[0])
    ));
    for query in &queries {
        let found = search(browser, served, query);
        let quotes: Vec<&Item> = found.items.iter().filter(|i| i.kind == "quote").collect();
        assert_eq!(
            quotes.iter().map(|i| i.href.as_str()).collect::<Vec<_>>(),
            [quote_url.as_str()],
            "{query}: the one quote with {word:?}, alone among quotes; status {:?}",
            found.status
        );
    }

    // Another speaker's quotes, or another topic's, do not include it.
    let other_speaker = listed_names(served, "speakers")
        .into_iter()
        .find(|name| *name != speaker)
        .expect("the site lists another speaker");
    let other_topic = listed_names(served, "topics")
        .into_iter()
        .find(|title| !topics.contains(title))
        .expect("the site lists another topic");
    for query in [
        format!("q={word}&speaker={}", encode(&other_speaker)),
        format!("q={word}&topic={}", encode(&other_topic)),
    ] {
        let found = search(browser, served, &query);
        assert!(
            found.items.iter().all(|i| i.href != quote_url),
            "{query} found {quote_url}"
        );
    }
}

/// The names the list page `speakers/` or `topics/` links to, as their pages title them.
fn listed_names(served: &Served, list: &str) -> Vec<String> {
    let html = std::fs::read_to_string(served.public.join(list).join("index.html"))
        .expect("the list page");
    let html = Html::parse_document(&html);
    let link = Selector::parse(&format!("main a[href*=\"/{list}/\"]")).unwrap();
    let names: Vec<String> = html
        .select(&link)
        .map(|a| a.text().collect::<String>().trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    assert!(names.len() >= 2, "{list}/ lists {names:?}");
    names
}

#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn a_word_only_one_quote_has_is_found_with_each_filter_on_the_bundled_dossier() {
    let chromium = common::chromium();
    let mut browser = Browser::launch(&chromium);
    a_word_only_one_quote_has_is_found_with_each_filter(
        &mut browser,
        &AT_ROOT,
        ONLY_IN_ONE_QUOTE,
        THAT_QUOTE,
    );
}

use common::corpus;

/// A word no generated text has (the generator's words are made of its syllables).
const PLANTED_WORD: &str = "xyzzyplover";

/// A generated 1,000-article dossier (3,000 quotes, 40 topics, 80 speakers) with search on,
/// where one quote, in the middle, has `PLANTED_WORD`.
static GENERATED: LazyLock<Served> = LazyLock::new(|| {
    let mut dossier = corpus::generate(1000);
    let quote = &mut dossier.articles[500].quotes[1];
    quote.text = format!("{} {PLANTED_WORD} {}", quote.text, "indeed");
    let source = common::scratch("generated-source");
    corpus::write_dossier(&dossier, &source).expect("write the generated dossier");
    let site_toml = source.join("site.toml");
    let config = std::fs::read_to_string(&site_toml).unwrap();
    let config = config.replace("enabled = false", "enabled = true");
    assert!(config.contains("enabled = true"), "search is turned on");
    std::fs::write(&site_toml, config).unwrap();
    Served::start("generated", &source, "/")
});

#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn a_word_only_one_quote_has_is_found_with_each_filter_on_a_generated_dossier() {
    let chromium = common::chromium();
    let served = &*GENERATED;
    // The quote's page: the one page under quotes/ whose quote has the word.
    let quotes = served.public.join("quotes");
    let its_quote = Selector::parse(".quote-page > figure > blockquote[cite]").unwrap();
    let with_word: Vec<String> = std::fs::read_dir(&quotes)
        .unwrap()
        .flatten()
        .filter(|entry| {
            let Ok(html) = std::fs::read_to_string(entry.path().join("index.html")) else {
                return false;
            };
            html.contains(PLANTED_WORD)
                && Html::parse_document(&html)
                    .select(&its_quote)
                    .any(|q| q.text().collect::<String>().contains(PLANTED_WORD))
        })
        .map(|entry| format!("quotes/{}/", entry.file_name().to_string_lossy()))
        .collect();
    assert_eq!(with_word.len(), 1, "{with_word:?}");
    let mut browser = Browser::launch(&chromium);
    a_word_only_one_quote_has_is_found_with_each_filter(
        &mut browser,
        served,
        PLANTED_WORD,
        &with_word[0],
    );
}

/// A Persian word finds the one quote that has it (Pagefind indexes the site as `fa`), and
/// the page says so in Persian, with the count in Persian digits.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn search_finds_a_persian_word_on_a_persian_site() {
    let chromium = common::chromium();
    let served = &*PERSIAN;
    let mut browser = Browser::launch(&chromium);
    let found = search(
        &mut browser,
        served,
        "q=%D8%B2%D8%B9%D9%81%D8%B1%D8%A7%D9%86%DB%8C%D9%87",
    );
    assert_eq!(found.items.len(), 1, "{}", found.status);
    assert!(
        found.items[0]
            .href
            .starts_with("/quotes/nemoone-zade-2025-03-10-"),
        "{}",
        found.items[0].href
    );
    assert_eq!(found.items[0].kind, "quote");
    assert_eq!(found.status, "۱ نتیجه برای «زعفرانیه».");
    let kicker = text(
        &browser.open(&served.url("search/?q=%D8%B2%D8%B9%D9%81%D8%B1%D8%A7%D9%86%DB%8C%D9%87")),
        "li.search-result .kicker",
    );
    assert_eq!(kicker, "نقل‌قول");
    // A word in no page: the Persian "no results" message.
    let none = search(&mut browser, served, "q=zqxjv");
    assert!(none.items.is_empty(), "{}", none.status);
    assert_eq!(none.status, "برای «zqxjv» نتیجه‌ای پیدا نشد.");
}

/// A site in English and Persian: each language's search page searches its own index
/// (Pagefind picks it by the page's `<html lang>`), in the one bundle at the root.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn each_language_of_a_bilingual_site_searches_its_own_pages() {
    let chromium = common::chromium();
    let served = &*BILINGUAL;
    let mut browser = Browser::launch(&chromium);
    let open = |browser: &mut Browser, path: &str| {
        let url = served.url(path);
        results(&browser.open(&url), &url)
    };
    // "ناوگان" (fleet): only the Persian translation of the buses article has it.
    let found = open(
        &mut browser,
        "fa/search/?q=%D9%86%D8%A7%D9%88%DA%AF%D8%A7%D9%86",
    );
    let hrefs: Vec<&str> = found.items.iter().map(|i| i.href.as_str()).collect();
    assert_eq!(hrefs, ["/dossier/fa/articles/buses/"], "{}", found.status);
    assert_eq!(found.items[0].kind, "article");
    // Its English word is in the English index only.
    let english = open(&mut browser, "search/?q=fleet");
    let hrefs: Vec<&str> = english.items.iter().map(|i| i.href.as_str()).collect();
    assert_eq!(hrefs, ["/dossier/articles/buses/"], "{}", english.status);
    let none = open(&mut browser, "fa/search/?q=fleet");
    assert!(none.items.is_empty(), "{}", none.status);
}

/// The main content starts below the header with space between them, in both directions
/// (a `.wrap { padding: 0 1rem }` on `<main>` once outweighed its `padding-top`, and the
/// pages' kicker touched the header's border).
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn the_content_keeps_its_space_below_the_header() {
    let chromium = common::chromium();
    let mut browser = Browser::launch(&chromium);
    for (served, page) in [(&*UNDER_SUB, ""), (&*BILINGUAL, "fa/")] {
        browser.open(&served.url(page));
        let gap = browser.evaluate(
            "document.querySelector('main').getBoundingClientRect().top + parseFloat(getComputedStyle(document.querySelector('main')).paddingTop) - document.querySelector('header.site-header').getBoundingClientRect().bottom",
        );
        let gap = gap.as_f64().expect("a number of pixels");
        assert!(
            gap >= 16.0,
            "{page}: {gap}px between the header and the content"
        );
    }
}

/// `q=` for `words`, percent-encoded.
fn query(words: &str) -> String {
    format!(
        "q={}",
        percent_encoding::utf8_percent_encode(words, percent_encoding::NON_ALPHANUMERIC)
    )
}

/// Persian is typed with Arabic or Persian forms of the same letters, with or without the
/// zero-width non-joiner, in Persian or Latin digits: the page whose text has `نقل‌قول`,
/// `کتاب` and `۱۳۹۹` is found by each spelling of each.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn persian_search_finds_each_spelling_of_a_word() {
    let chromium = common::chromium();
    let served = &*PERSIAN;
    let mut browser = Browser::launch(&chromium);
    for words in [
        "نقل قول",
        "نقل\u{200C}قول",
        "كتاب",
        "کتاب",
        "1399",
        "۱۳۹۹",
        "١٣٩٩",
        "كتاب 1399",
    ] {
        let found = search(&mut browser, served, &query(words));
        let hrefs: Vec<&str> = found.items.iter().map(|i| i.href.as_str()).collect();
        assert!(
            hrefs.contains(&"/articles/ketab/"),
            "{words:?} found {hrefs:?} ({})",
            found.status
        );
    }
    // The excerpt shows the words as written, not the folded spelling.
    let html = browser.open(&served.url(&format!("search/?{}", query("كتاب"))));
    let excerpts = text(&html, "li.search-result .search-excerpt");
    assert!(excerpts.contains("کتاب"), "{excerpts}");
    assert!(excerpts.contains("نقل\u{200C}قول"), "{excerpts}");
    // An English quote on the Persian site: its result is marked as English.
    let html = browser.open(&served.url("search/?q=fictional"));
    let english =
        Selector::parse("li.search-result .search-result-title a[lang=en][dir=ltr]").unwrap();
    assert!(
        html.select(&english).next().is_some(),
        "{}",
        text(&html, "#search-results")
    );
}

/// The byline of the issue, laid out by Chromium on the Persian site: the date on the right,
/// then the Latin outlet, then the count on the left, none pulled into another's run.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn a_persian_byline_with_a_latin_outlet_keeps_its_visual_order() {
    let chromium = common::chromium();
    let served = &*PERSIAN;
    let mut browser = Browser::launch(&chromium);
    browser.open(&served.url("articles/"));
    // The box of each part's text (a Range over the text node that holds it).
    let rects = browser.evaluate(
        r#"(() => {
          const line = [...document.querySelectorAll("article.card p.meta")]
            .find((p) => p.textContent.includes("Sample Wire"));
          const box = (words) => {
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const at = node.data.indexOf(words);
              if (at < 0) continue;
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              const rects = [...range.getClientRects()];
              return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
            }
            return null;
          };
          return { date: box("۲۴ فروردین ۱۴۰۴"), outlet: box("Sample Wire"), count: box("۲ نقل‌قول") };
        })()"#,
    );
    let edge = |part: &str, side: &str| {
        rects[part][side]
            .as_f64()
            .unwrap_or_else(|| panic!("{rects}"))
    };
    assert!(
        edge("date", "left") > edge("outlet", "right"),
        "date right of outlet: {rects}"
    );
    assert!(
        edge("outlet", "left") > edge("count", "right"),
        "outlet right of count: {rects}"
    );
}

/// A result's excerpt is the page's own words, not its title and facts again (the result
/// shows those), and a highlight covers the word without the punctuation after it.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn an_excerpt_is_body_text_and_highlights_cover_words_only() {
    let chromium = common::chromium();
    let source = common::scratch("excerpt-source");
    common::copy_recursively(&common::fixture("basic"), &source);
    std::fs::write(
        source.join("content/articles/2024-04-12-positive.md"),
        "+++\ntitle = \"A meeting in the fixture talks\"\ndate = 2024-04-12\nsource = \"Sample Wire\"\n\
         source_url = \"https://wire.example.test/positive\"\ntopics = [\"alpha\"]\n\n[[quotes]]\n\
         speaker = \"ada-example\"\nid = \"ada-positive\"\n\
         text = \"This is a very positive, constructive meeting; we agreed to meet again.\"\n+++\n\
         The talks went on.\n",
    )
    .unwrap();
    let served = Served::start("excerpt", &source, "/");
    let mut browser = Browser::launch(&chromium);
    let url = served.url("search/?q=constructive");
    let page = browser.open(&url);
    let found = results(&page, &url);
    assert_eq!(found.items.len(), 1, "{}", found.status);
    assert_eq!(found.items[0].href, "/quotes/ada-positive/");
    let excerpt = text(&page, ".search-result .search-excerpt");
    assert!(
        excerpt.starts_with("This is a very positive"),
        "{excerpt:?}"
    );
    assert!(excerpt.contains("meet again"), "{excerpt:?}");
    for repeated in ["Ada Example", "April", "2024", "“This"] {
        assert!(
            !excerpt.contains(repeated),
            "{repeated:?} repeated: {excerpt:?}"
        );
    }
    // The facts are shown once, beside the excerpt.
    let meta = text(&page, ".search-result .meta");
    assert!(meta.contains("Ada Example"), "{meta:?}");
    assert_eq!(
        common::texts(&page, ".search-result .search-excerpt mark"),
        ["constructive"]
    );
    assert!(excerpt.contains("constructive meeting"), "{excerpt:?}");
    let positive = browser.open(&served.url("search/?q=positive"));
    assert_eq!(
        common::texts(&positive, ".search-result .search-excerpt mark"),
        ["positive"],
        "“positive,” is highlighted without its comma"
    );
}

/// The header's main navigation: each link's left, top and right edges, in CSS pixels.
const NAV_LINKS: &str = "JSON.stringify([...document.querySelectorAll('header .site-nav:not(.language-switcher) a')].map((a) => { const r = a.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.right)]; }))";

/// At 390 px (a phone) the navigation is one row, every link inside the page (it wrapped,
/// "Chronology" alone on a second row), and at 390 and 1280 px it stands where it stands
/// on the home page on `/search/` too (the search page has no header search box, and it
/// moved), in English and in Persian (right to left).
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn the_navigation_is_one_row_on_a_phone_and_does_not_move_on_the_search_page() {
    let chromium = common::chromium();
    let mut browser = Browser::launch(&chromium);
    for width in [390, 1280] {
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": false }),
        );
        for (served, pages) in [
            (&*AT_ROOT, ["", "search/"]),
            (&*BILINGUAL, ["fa/", "fa/search/"]),
        ] {
            let mut rows: Vec<Vec<[i64; 3]>> = Vec::new();
            for page in pages {
                browser.open(&served.url(page));
                let links = browser.evaluate(NAV_LINKS);
                let links: Vec<[i64; 3]> = serde_json::from_str(links.as_str().unwrap()).unwrap();
                assert_eq!(links.len(), 5, "{page}: {links:?}");
                let inside = browser.evaluate("document.documentElement.clientWidth");
                let inside = inside.as_i64().unwrap();
                for [left, top, right] in &links {
                    assert_eq!(*top, links[0][1], "{width}px {page}: one row: {links:?}");
                    assert!(
                        *left >= 0 && *right <= inside,
                        "{width}px {page}: a link outside the page ({inside}px): {links:?}"
                    );
                }
                rows.push(links);
            }
            assert_eq!(
                rows[0], rows[1],
                "{width}px: the navigation moves between {} and {}",
                pages[0], pages[1]
            );
        }
    }
}

/// `selector`'s first element: its computed text-decoration line, outline style and width,
/// and its centre, as JSON.
fn link_style(selector: &str) -> String {
    format!(
        "(() => {{ const e = document.querySelector({selector:?}); if (!e) return 'missing'; \
         const s = getComputedStyle(e); const r = e.getBoundingClientRect(); \
         return JSON.stringify([s.textDecorationLine, s.outlineStyle, s.outlineWidth, \
         Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)]); }})()"
    )
}

/// Titles (the home page's lead and list titles, chronology entries, bylines' names) are not
/// underlined until the pointer is over them; the keyboard's focus draws a clear outline;
/// links in running text stay underlined; a chronology entry that links is set apart from
/// one that does not by its weight.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn titles_are_underlined_only_under_the_pointer_and_focus_is_outlined() {
    let chromium = common::chromium();
    let mut browser = Browser::launch(&chromium);
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": 1280, "height": 2400, "deviceScaleFactor": 1, "mobile": false }),
    );
    let served = &*AT_ROOT;
    for (page, selector) in [
        ("", ".lead-title a"),
        ("", ".timeline-title"),
        ("", ".front-quotes .quote-speaker"),
        ("articles/", ".card-title a"),
        ("speakers/", ".index-list a"),
    ] {
        let state = |browser: &mut Browser| -> (String, String, String, f64, f64) {
            let value = browser.evaluate(&link_style(selector));
            let text = value.as_str().unwrap_or("missing").to_string();
            assert_ne!(text, "missing", "{page}: no {selector}");
            serde_json::from_str(&text).unwrap()
        };
        browser.open(&served.url(page));
        let (line, _, _, x, y) = state(&mut browser);
        assert_eq!(line, "none", "{page} {selector}: underlined before hover");
        browser.call(
            "Input.dispatchMouseEvent",
            serde_json::json!({ "type": "mouseMoved", "x": x, "y": y }),
        );
        let (line, ..) = state(&mut browser);
        assert_eq!(line, "underline", "{page} {selector}: under the pointer");
        browser.call(
            "Input.dispatchMouseEvent",
            serde_json::json!({ "type": "mouseMoved", "x": 1, "y": 2000 }),
        );
        // Focus as the keyboard gives it: Tab until the element has it.
        let focused = format!("document.activeElement === document.querySelector({selector:?})");
        let mut tabs = 0;
        while browser.evaluate(&focused) != serde_json::Value::Bool(true) {
            browser.call(
                "Input.dispatchKeyEvent",
                serde_json::json!({ "type": "keyDown", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9 }),
            );
            browser.call(
                "Input.dispatchKeyEvent",
                serde_json::json!({ "type": "keyUp", "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9 }),
            );
            tabs += 1;
            assert!(tabs < 200, "{page} {selector}: never focused by Tab");
        }
        let (line, outline, width, ..) = state(&mut browser);
        assert_eq!(
            (outline.as_str(), width.as_str()),
            ("solid", "3px"),
            "{page} {selector}: focus outline"
        );
        assert_eq!(line, "underline", "{page} {selector}: focused");
    }
    // On the chronology, where events are plain text, an entry that is a link is bolder.
    browser.open(&served.url("chronology/"));
    let weights = browser.evaluate(
        "JSON.stringify(['a.timeline-title', 'span.timeline-title'].map((s) => getComputedStyle(document.querySelector(s)).fontWeight))",
    );
    assert_eq!(
        weights.as_str(),
        Some(r#"["600","400"]"#),
        "linked and plain entries"
    );
    // A link inside a paragraph keeps its underline.
    let article = std::fs::read_dir(served.public.join("articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name != "index.html" && name != "page")
        .unwrap();
    browser.open(&served.url(&format!("articles/{article}/")));
    let value = browser.evaluate(&link_style(".prose p a"));
    let (line, ..): (String, String, String, f64, f64) =
        serde_json::from_str(value.as_str().unwrap()).unwrap();
    assert_eq!(line, "underline", "a link in running text");
}

/// `selector`'s first element's computed font size and line height (px), letter-spacing,
/// font style and weight and first font family, as JSON; `prepare` runs first (it may add
/// an element).
fn text_style(selector: &str, prepare: &str) -> String {
    format!(
        "(() => {{ {prepare}; const e = document.querySelector({selector:?}); if (!e) return 'missing'; \
         const s = getComputedStyle(e); \
         return JSON.stringify([parseFloat(s.fontSize), parseFloat(s.lineHeight), s.letterSpacing, \
         s.fontStyle, s.fontWeight, s.fontFamily.split(',')[0].trim().replace(/\"/g, '')]); }})()"
    )
}

type TextStyle = (f64, f64, String, String, String, String);

fn style_of(browser: &mut Browser, url: &str, selector: &str, prepare: &str) -> TextStyle {
    browser.open(url);
    let value = browser.evaluate(&text_style(selector, prepare));
    let text = value.as_str().unwrap_or("missing");
    assert_ne!(text, "missing", "{url}: no {selector}");
    serde_json::from_str(text).unwrap()
}

/// Persian text is set as Persian news sites set it, next to English text of the same
/// theme: a larger size and looser lines (line height ≥ 1.8 × the size, against 1.6), no
/// letter-spacing even where English has it (the kicker: spacing breaks the joining), no
/// italics (an emphasis is bold), a font stack that starts with a Persian font; and a
/// Persian original on an English page gets the same.
#[test]
#[ignore = "needs Chromium (apt install chromium); run with --include-ignored"]
fn persian_text_has_its_own_size_line_height_and_no_spacing_or_italics() {
    let chromium = common::chromium();
    let mut browser = Browser::launch(&chromium);
    let add_em = "const p = document.querySelector('.prose p'); \
                  const em = document.createElement('em'); em.id = 'added-em'; \
                  em.textContent = 'x'; p.append(em)";
    let english = AT_ROOT.url("articles/khamenei-rejects-talks-after-trump-letter/");
    let persian = PERSIAN.url("articles/budje/");
    let (en_size, en_line, ..) = style_of(&mut browser, &english, ".prose p", "");
    let (fa_size, fa_line, _, _, _, fa_font) = style_of(&mut browser, &persian, ".prose p", "");
    assert!(
        fa_size > en_size,
        "Persian {fa_size}px, English {en_size}px"
    );
    assert!(
        (en_line / en_size - 1.6).abs() < 0.05,
        "English line height {en_line}/{en_size}"
    );
    assert!(
        fa_line / fa_size >= 1.8,
        "Persian line height {fa_line}/{fa_size}"
    );
    assert_eq!(fa_font, "Vazirmatn");
    let (.., en_spacing, _, _, _) = style_of(&mut browser, &english, ".kicker", "");
    let (.., fa_spacing, _, _, _) = style_of(&mut browser, &persian, ".kicker", "");
    assert_ne!(en_spacing, "normal", "the English kicker is spaced");
    assert!(
        matches!(fa_spacing.as_str(), "normal" | "0px"),
        "Persian kicker: {fa_spacing}"
    );
    let (.., en_style, _, _) = style_of(&mut browser, &english, "#added-em", add_em);
    let (.., fa_style, fa_weight, _) = style_of(&mut browser, &persian, "#added-em", add_em);
    assert_eq!(en_style, "italic");
    assert_eq!(fa_style, "normal", "no italics in Persian");
    assert!(
        fa_weight.parse::<u32>().unwrap() >= 600,
        "Persian emphasis is bold: {fa_weight}"
    );
    // A Persian original on an English page.
    let (size, line, spacing, _, _, font) = style_of(
        &mut browser,
        &BILINGUAL.url(""),
        "blockquote.quote-original[lang=fa] p",
        "",
    );
    assert!(line / size >= 1.8, "original: {line}/{size}");
    assert!(matches!(spacing.as_str(), "normal" | "0px"));
    assert_eq!(font, "Vazirmatn");
}
