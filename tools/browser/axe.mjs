// Runs axe-core (WCAG 2 A and AA rules) on every HTML page of a built site in headless
// Chromium, served from a local HTTP server on 127.0.0.1. Exits 1 on any violation.
// Usage: node axe.mjs <public dir> <base path, e.g. /iran-us/>
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveStatic, htmlPages, chromiumArgs } from "./static-server.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [root, basePath = "/"] = process.argv.slice(2);
if (!root) {
  console.error("usage: node axe.mjs <public dir> [base path]");
  process.exit(2);
}

const { server, origin } = await serveStatic(root, basePath);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: chromiumArgs,
});
let violations = 0;
const pages = htmlPages(root);
try {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const rel of pages) {
      const url = origin + basePath + rel.replace(/index\.html$/, "");
      await page.goto(url, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
      );
      for (const v of result.violations) {
        violations += v.nodes.length;
        console.log(`${rel} (${scheme}): ${v.id} (${v.impact}): ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")}: ${node.failureSummary.split("\n").join(" ")}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`axe: ${pages.length} pages × 2 colour schemes, ${violations} violation(s)`);
process.exit(violations > 0 ? 1 : 0);
