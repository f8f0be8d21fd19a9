// The search page (/search/): runs Pagefind's search (pagefind/pagefind.js, built with the
// site) from the search form, and keeps the form's state in the URL so every search can be
// linked: ?q=words&kind=quote&speaker=<slug>&topic=<slug>&sort=newest|oldest.
// Facet options carry their Pagefind filter value in data-filter (a speaker's name, a
// topic's title); the URL may name either the slug or that value.
const form = document.getElementById("search-form");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const FACETS = ["kind", "speaker", "topic"];
const PAGE_SIZE = 10;
const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };
// What the page says, in the site's language: the form's data-* attributes (search.html,
// from the interface strings). Counts pick their plural form for <html lang>.
const LANG = document.documentElement.lang || "en";
const PLURALS = new Intl.PluralRules(LANG);
const number = (n) => n.toLocaleString(LANG);
function message(name, values = {}) {
  const text = form.dataset[name] || "";
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}
function resultCount(total, words) {
  const form_ = PLURALS.select(total);
  const key = (words ? "resultsFor" : "results") + form_[0].toUpperCase() + form_.slice(1);
  const fallback = words ? "resultsForOther" : "resultsOther";
  const text = form.dataset[key] !== undefined ? key : fallback;
  return message(text, { count: number(total), words });
}

let pagefindModule = null;
let runId = 0;
let pending = [];

async function pagefind() {
  if (!pagefindModule) {
    const module = await import(`${form.dataset.bundle}pagefind.js`);
    await module.options({ basePath: form.dataset.bundle, baseUrl: form.dataset.base });
    await module.init();
    pagefindModule = module;
  }
  return pagefindModule;
}

function selectOption(select, wanted) {
  const value = (wanted || "").trim().toLowerCase();
  const match = [...select.options].find(
    (o) => o.value.toLowerCase() === value || (o.dataset.filter || "").toLowerCase() === value,
  );
  select.value = match ? match.value : "";
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of [...FACETS, "sort"]) selectOption(form.elements[name], params.get(name));
}

function writeUrl(push) {
  const params = new URLSearchParams();
  const q = form.elements.q.value.trim();
  if (q) params.set("q", q);
  for (const name of [...FACETS, "sort"]) {
    if (form.elements[name].value) params.set(name, form.elements[name].value);
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

function activeFilters() {
  const filters = {};
  for (const name of FACETS) {
    const option = form.elements[name].selectedOptions[0];
    if (option && option.value) filters[name] = option.dataset.filter || option.value;
  }
  return filters;
}

// Facet labels show how many results each value would leave.
function showCounts(counts) {
  for (const name of FACETS) {
    const select = form.elements[name];
    for (const option of select.options) {
      if (!option.value) continue;
      const count = counts?.[name]?.[option.dataset.filter];
      const showCount = count !== undefined && (!select.value || option.selected);
      option.textContent = showCount
        ? `${option.dataset.label} (${number(count)})`
        : option.dataset.label;
    }
  }
}

// On a Persian or Arabic site the index holds each word in one spelling (dossier's patch of
// Pagefind, vendor/pagefind/src/fossick/arabic_script.rs): the query is folded the same way,
// so ي/ی, ك/ک, ة/ۀ/ه, Persian, Arabic-Indic and Latin digits, vowel signs and the zero-width
// non-joiner (نقل‌قول = نقل قول) all find the same pages. Other languages are left alone.
const FOLD_LANGUAGE = LANG.split("-")[0].toLowerCase();
function foldQuery(q) {
  const persian = FOLD_LANGUAGE === "fa";
  if (!persian && FOLD_LANGUAGE !== "ar") return q;
  let out = "";
  for (const c of q) {
    const code = c.codePointAt(0);
    if ((code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640) continue;
    if (code === 0x200c) out += " ";
    else if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else if (persian && (c === "ي" || c === "ى")) out += "ی";
    else if (persian && c === "ك") out += "ک";
    else if (persian && (c === "ة" || c === "ۀ")) out += "ه";
    else if (!persian && c === "ی") out += "ي";
    else if (!persian && c === "ک") out += "ك";
    else out += c;
  }
  return out;
}

// Pagefind marks matches with <mark>; everything else in an excerpt is text. A match is a
// word as Pagefind splits them, punctuation included ("constructive,"): the highlight
// covers the word, the punctuation around it stays plain. `trailing` (a quote's speaker,
// whose name closes its page's indexed text) is left out when the excerpt ends with it:
// the result shows it already.
const PUNCTUATION = /^([\p{P}\p{S}]*)(.*?)([\p{P}\p{S}]*)$/su;
function excerpt(html, trailing) {
  const parts = html.split(/(<mark>.*?<\/mark>)/).filter(Boolean).map((part) => {
    const marked = part.match(/^<mark>(.*)<\/mark>$/s);
    return marked ? { text: marked[1], marked: true } : { text: part, marked: false };
  });
  if (trailing) {
    const text = parts.map((p) => p.text).join("").trimEnd();
    if (text.endsWith(trailing) && text.length > trailing.length) {
      let cut = trailing.length + (parts.map((p) => p.text).join("").length - text.length);
      while (cut > 0 && parts.length) {
        const last = parts[parts.length - 1];
        if (last.text.length <= cut) {
          cut -= last.text.length;
          parts.pop();
        } else {
          last.text = last.text.slice(0, last.text.length - cut);
          cut = 0;
        }
      }
    }
  }
  const element = document.createElement("p");
  element.className = "search-excerpt";
  for (const part of parts) {
    if (!part.marked) {
      element.append(part.text);
      continue;
    }
    const [, before, word, after] = part.text.match(PUNCTUATION);
    if (before) element.append(before);
    if (word) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      element.append(mark);
    }
    if (after) element.append(after);
  }
  element.normalize();
  return element;
}

function kindLabel(kind) {
  const option = [...form.elements.kind.options].find((o) => o.value === kind);
  return option ? option.dataset.kicker : kind;
}

function render(data) {
  const kind = data.filters?.kind?.[0] || "";
  const item = document.createElement("li");
  item.className = `search-result search-kind-${kind}`;
  item.dataset.kind = kind;
  item.dataset.speakers = (data.filters?.speaker || []).join("|");
  item.dataset.topics = (data.filters?.topic || []).join("|");
  const kicker = document.createElement("p");
  kicker.className = "kicker";
  kicker.textContent = kindLabel(kind);
  const title = document.createElement("h2");
  title.className = "search-result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  // A title or name may run in the other direction than the page: isolated (dir=auto), or
  // in the language the text is written in (an English quote on a Persian site).
  link.dir = "auto";
  title.append(link);
  const speaker = kind === "quote" ? data.meta?.speaker : undefined;
  const words = excerpt(data.excerpt || "", speaker);
  if (data.meta?.language) {
    for (const element of [link, words]) {
      element.lang = data.meta.language;
      element.dir = data.meta.dir || "auto";
    }
  }
  item.append(kicker, title, words);
  const facts = [data.meta?.date].filter(Boolean);
  if (kind === "quote" && data.meta?.speaker) facts.unshift(data.meta.speaker);
  if (kind === "quote" && data.meta?.context) facts.push(data.meta.context);
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "meta";
    // Each fact (a name, a date, a context) is its own isolate, so a Latin name beside a
    // Persian date keeps its place.
    facts.forEach((fact, i) => {
      const isolate = document.createElement("bdi");
      isolate.textContent = fact;
      meta.append(...(i > 0 ? [" · ", isolate] : [isolate]));
    });
    item.append(meta);
  }
  const sections = (data.sub_results || []).filter((s) => s.url.includes("#")).slice(0, 3);
  if (sections.length) {
    const sub = document.createElement("ul");
    sub.className = "search-subresults";
    for (const section of sections) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = section.url;
      a.textContent = section.title;
      a.dir = "auto";
      li.append(a, excerpt(section.excerpt || ""));
      sub.append(li);
    }
    item.append(sub);
  }
  return item;
}

async function showMore(id) {
  const batch = pending.splice(0, PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (id !== runId) return;
  for (const d of data) list.append(render(d));
  more.hidden = pending.length === 0;
}

async function run() {
  const id = ++runId;
  const q = form.elements.q.value.trim();
  const filters = activeFilters();
  const sort = SORTS[form.elements.sort.value];
  if (!q && Object.keys(filters).length === 0) {
    list.replaceChildren();
    more.hidden = true;
    pending = [];
    showCounts(null);
    statusLine.textContent = message("idle");
    list.dataset.state = "idle";
    return;
  }
  statusLine.textContent = message("searching");
  list.dataset.state = "searching";
  let search;
  try {
    const pf = await pagefind();
    search = await pf.search(q ? foldQuery(q) : null, { filters, sort });
  } catch (error) {
    if (id === runId) {
      statusLine.textContent = message("failed", { error: error.message || error });
      list.dataset.state = "error";
    }
    return;
  }
  if (id !== runId || !search) return;
  list.replaceChildren();
  pending = [...search.results];
  const total = search.results.length;
  if (total === 0) {
    statusLine.textContent = q ? message("noResultsFor", { words: q }) : message("noResults");
  } else {
    statusLine.textContent = resultCount(total, q);
  }
  showCounts(search.filters);
  await showMore(id);
  if (id === runId) list.dataset.state = "done";
}

let typing;
form.elements.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    writeUrl(false);
    run();
  }, 250);
});
for (const name of [...FACETS, "sort"]) {
  form.elements[name].addEventListener("change", () => {
    writeUrl(true);
    run();
  });
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  writeUrl(true);
  run();
});
more.addEventListener("click", () => showMore(runId));
window.addEventListener("popstate", () => {
  readUrl();
  run();
});

readUrl();
run();
