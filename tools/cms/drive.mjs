// Drives the admin page `dossier cms` wrote, in headless Chromium, for tests/cms_browser.rs.
//
//   node drive.mjs <scenario> <site>
//
// The page and its config.yml are served from <site>/static/admin/ on 127.0.0.1 (the served
// config points `local_backend` at the decap-server the test started, port DECAP_PORT);
// the CMS script's unpkg address is answered from the installed npm package, so the browser
// checks the page's integrity hash against the pinned package's bytes. No other request
// leaves the machine. Scenarios:
//
//   decap-create   log in to the local backend, create an article (title, date, two topics
//                  and a speaker through the relation widgets, two quotes, one with a
//                  Persian original, an event dated 2015-07) and publish it
//   decap-resave   open ARTICLE (an entry slug), type a slug and take it back, publish it
//   sveltia-create  create an article (title, date and time, source URL, summary, a
//                  topic, a quote) in Sveltia CMS, in the site's folder as its local
//                  repository
//   sveltia-load   open the page in Sveltia CMS and report what it shows
//   sveltia-translate  on a bilingual site, work with the site's folder as the "local
//                  repository" (its files copied into the page's origin-private file system,
//                  which the folder picker returns, and copied back after), translate the
//                  topic `weather` into Persian and save
//
// Prints one JSON line: { ok, errors, text } (text: what the page shows at the end), and
// what a scenario found besides (sveltia-translate: `rtl`, the Persian field's `dir`).
import { createServer } from "node:http";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const [scenario, site] = process.argv.slice(2);
const modules = join(dirname(fileURLToPath(import.meta.url)), "node_modules");
const decapPort = process.env.DECAP_PORT;

function serveAdmin() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://local").pathname;
    const file = join(site, "static", path.endsWith("/") ? path + "index.html" : path);
    try {
      let body = readFileSync(file, "utf8");
      if (file.endsWith("config.yml") && decapPort) {
        body = body.replace(
          "local_backend: true",
          `local_backend:\n  url: "http://127.0.0.1:${decapPort}/api/v1"`,
        );
      }
      res.writeHead(200, { "content-type": file.endsWith(".yml") ? "text/yaml" : "text/html" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// unpkg.com/<package>@<version>/<file> → the installed package's file.
function fromPackage(url) {
  const match = /^\/((?:@[^/]+\/)?[^@/]+)@[^/]+\/(.+)$/.exec(url.pathname);
  return match && readFileSync(join(modules, match[1], match[2]));
}

async function open(origin) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage();
  // The folder picker answers with the origin-private file system (sveltia-translate).
  await page.addInitScript(() => {
    window.showDirectoryPicker = async () => navigator.storage.getDirectory();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Requests this script refuses (web fonts, analytics) are not the page's errors.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
      errors.push("console: " + m.text());
    }
  });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    const body = url.hostname === "unpkg.com" && fromPackage(url);
    if (body) return route.fulfill({ body, contentType: "text/javascript" });
    return route.abort();
  });
  await page.goto(origin + "/admin/");
  return { browser, page, errors };
}

// A relation widget (react-select): type part of a name, pick the first match.
async function choose(page, input, text) {
  await input.click();
  await input.pressSequentially(text);
  await page.locator("[class*='option']").filter({ hasText: text }).first().waitFor();
  await input.press("Enter");
}

const field = (page, name) => page.locator(`[id^="${name}-field-"]`);

async function login(page) {
  await page.getByRole("button", { name: /login/i }).click();
  await page.getByText(/Articles/).first().waitFor();
}

async function publish(page) {
  await page.getByRole("button", { name: /^Publish$/ }).click();
  await page.getByText(/Publish now/).click();
  await page.getByText(/Entry saved/i).waitFor({ timeout: 30000 });
}

// The k-th quote (from 0): each has its text and its original's text, in that order, and
// its original's language after the article's own `language`.
async function addQuote(page, k, { speaker, text, context, original }) {
  await page.getByRole("button", { name: /Add quotes/ }).click();
  await choose(page, field(page, "speaker").nth(k), speaker);
  await field(page, "text").nth(2 * k).fill(text);
  await field(page, "context").nth(k).fill(context);
  if (original) {
    await field(page, "language").nth(k + 1).fill(original.language);
    await field(page, "text").nth(2 * k + 1).fill(original.text);
  }
}

async function decapCreate(page) {
  await login(page);
  await page.goto(page.url().replace(/#.*$/, "#/collections/articles/new"));
  await field(page, "title").first().fill("Talks resume in Oman");
  await field(page, "date").first().fill("2025-04-12");
  await field(page, "source_url").first().fill("https://news.example.org/talks-resume");
  await field(page, "summary").first().fill("Both sides met again, in Muscat.");
  await choose(page, field(page, "topics").first(), "Alpha");
  await choose(page, field(page, "topics").first(), "Beta");
  await choose(page, field(page, "speakers").first(), "Ada Example");
  await addQuote(page, 0, {
    speaker: "Ada Example",
    text: "We came to listen, and we listened.",
    context: "Press conference in Muscat",
  });
  await addQuote(page, 1, {
    speaker: "Bo Sample",
    text: "The door is open.",
    context: "State television",
    original: { language: "fa", text: "در باز است." },
  });
  await page.getByRole("button", { name: /Add events/ }).click();
  await field(page, "date").last().fill("2015-07");
  await field(page, "title").last().fill("The agreement is reached");
  await publish(page);
}

async function decapResave(page) {
  await login(page);
  const entry = process.env.ARTICLE;
  await page.goto(page.url().replace(/#.*$/, `#/collections/articles/entries/${entry}`));
  // Type a slug and take it back: the entry is changed (the CMS now holds `slug = ""`),
  // the front matter it saves must not be.
  const slug = field(page, "slug").first();
  await slug.waitFor();
  await page.getByText(/Changes saved/i).waitFor();
  await slug.fill("x");
  await slug.fill("");
  await page.getByText(/Unsaved changes/i).waitFor();
  await publish(page);
}

// The site's content files, by path.
function contentFiles(dir = join(site, "content")) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? contentFiles(path) : [[relative(site, path), readFileSync(path, "utf8")]];
  });
}

// Sveltia's "Work with Local Repository" opens a folder with the File System Access API:
// here the page's origin-private file system, holding a copy of the site's content.
async function openLocalRepository(page) {
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    await root.getDirectoryHandle(".git", { create: true });
    for (const [path, text] of files) {
      const parts = path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(text);
      await writable.close();
    }
  }, contentFiles());
  await page.getByText("Work with Local Repository").click();
  await page.getByText(/viewing the .*Articles.* collection/).waitFor();
}

// Copies the content files of the origin-private file system back into the site. A file
// the CMS replaces while they are read is read again.
async function saveLocalRepository(page) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await copyBack(page);
    } catch (error) {
      if (attempt === 5 || !String(error).includes("NotFoundError")) throw error;
      await page.waitForTimeout(300);
    }
  }
}

async function copyBack(page) {
  const files = await page.evaluate(async () => {
    const out = [];
    const walk = async (dir, prefix) => {
      for await (const [name, handle] of dir.entries()) {
        const path = prefix + name;
        if (handle.kind === "directory") await walk(handle, path + "/");
        else out.push([path, await (await handle.getFile()).text()]);
      }
    };
    const root = await navigator.storage.getDirectory();
    await walk(await root.getDirectoryHandle("content"), "content/");
    return out;
  });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), text);
  }
}

async function sveltiaTranslate(page) {
  await openLocalRepository(page);
  await page.getByText("Topics").first().click();
  await page.getByText("Weather").first().click();
  await page.getByText(/editing the .*Weather.* entry/).waitFor();
  await page.getByRole("button", { name: /Enable.*Persian/ }).click();
  // Persian is written right to left in its fields.
  extra.rtl = await page.locator('input[lang="fa"]').first().getAttribute("dir");
  await page.locator('input[lang="fa"]').first().fill("آب‌وهوا");
  await page.locator('textarea[lang="fa"]').first().fill("پیش‌بینی‌های ساختگی.");
  await page.getByRole("button", { name: /^Save$/ }).click();
  await page.getByText(/Entry saved/).waitFor();
  await page.waitForFunction(async () => {
    const root = await navigator.storage.getDirectory();
    const topics = await (await root.getDirectoryHandle("content")).getDirectoryHandle("topics");
    return topics.getFileHandle("weather.fa.md").then(() => true, () => false);
  }, null, { timeout: 30000 });
  await saveLocalRepository(page);
}

// Sveltia renders the fields below the fold as they are scrolled to: scrolls down until
// `locator` exists (the form grows as the content model gains fields).
async function scrolledTo(page, locator) {
  for (let i = 0; i < 30 && !(await locator.count()); i++) {
    await page.mouse.move(400, 400);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  return locator;
}

async function sveltiaCreate(page) {
  await openLocalRepository(page);
  await page.goto(page.url().replace(/#.*$/, "#/collections/articles/new"));
  await page.getByLabel("Title", { exact: true }).fill("Talks resume in Oman");
  await page.getByLabel("Date", { exact: true }).fill("2025-04-12T10:30");
  await page.getByLabel("Source URL", { exact: true }).fill("https://news.example.org/talks-resume");
  await page.getByLabel("Summary", { exact: true }).fill("Both sides met again, in Muscat.");
  await (await scrolledTo(page, page.getByRole("checkbox", { name: "Alpha" }).first())).click();
  await (await scrolledTo(page, page.getByRole("button", { name: /Add.*Quotes/ }))).click();
  await page.waitForTimeout(500);
  await page.getByRole("radio", { name: "Ada Example" }).first().click();
  await page.getByLabel("Text", { exact: true }).first().fill("We came to listen, and we listened.");
  await page.getByLabel("Context", { exact: true }).first().fill("Press conference in Muscat");
  await page.getByRole("button", { name: /^Save$/ }).click();
  await page.getByText(/Entry saved/).waitFor();
  await saveLocalRepository(page);
}

async function sveltiaLoad(page) {
  // Sveltia shows its sign-in page once the configuration is read and valid.
  await page.waitForFunction(
    () => /sign in|work with local|error|configuration/i.test(document.body.innerText),
    null,
    { timeout: 60000 },
  );
}

const server = await serveAdmin();
const origin = `http://127.0.0.1:${server.address().port}`;
const { browser, page, errors } = await open(origin);
let ok = true;
const extra = {};
try {
  const scenarios = {
    "decap-create": decapCreate,
    "decap-resave": decapResave,
    "sveltia-load": sveltiaLoad,
    "sveltia-translate": sveltiaTranslate,
    "sveltia-create": sveltiaCreate,
  };
  await scenarios[scenario](page);
} catch (error) {
  ok = false;
  errors.push(String(error));
}
const text = await page.evaluate(() => document.body.innerText).catch(() => "");
console.log(JSON.stringify({ ok: ok && errors.length === 0, errors, text, ...extra }));
await browser.close();
server.close();
