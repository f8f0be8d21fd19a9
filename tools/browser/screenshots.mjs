// Screenshots of the main page kinds at 1280 px and 390 px, light and dark, for review.
// Usage: node screenshots.mjs <public dir> <base path> <out dir> [language prefix, e.g. fa/]
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serveStatic, chromiumArgs } from "./static-server.mjs";

const [root, basePath = "/", out = "screenshots", prefix = ""] = process.argv.slice(2);
const firstIn = (dir) => fs.readdirSync(path.join(root, prefix, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "page").map((e) => e.name).sort()[0];
const pages = {
  home: "",
  article: `articles/${firstIn("articles")}/`,
  quote: `quotes/${firstIn("quotes")}/`,
  speaker: `speakers/${firstIn("speakers")}/`,
  topic: `topics/${firstIn("topics")}/`,
  chronology: "chronology/",
};
fs.mkdirSync(out, { recursive: true });
const { server, origin } = await serveStatic(root, basePath);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: chromiumArgs });
try {
  for (const scheme of ["light", "dark"]) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [name, rel] of Object.entries(pages)) {
        await page.goto(origin + basePath + prefix + rel, { waitUntil: "load" });
        const file = path.join(out, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE !== "0" });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
