// Formats CSL-JSON items with citeproc-js (npm `citeproc`), as Zotero and Mendeley do.
// Usage: node citeproc.js STYLE.csl LOCALE.xml ITEMS.json
// Prints JSON: {"citations": {id: text of a citation of that item alone},
//               "bibliography": [entries, in the style's order]}, all as plain text.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [styleFile, localeFile, itemsFile] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const engine = new CSL.Engine(
  {
    retrieveLocale: () => fs.readFileSync(localeFile, "utf8"),
    retrieveItem: (id) => byId[id],
  },
  fs.readFileSync(styleFile, "utf8"),
  "en-US",
);
engine.setOutputFormat("text");
const citations = {};
for (const item of items) {
  engine.updateItems([item.id]);
  citations[item.id] = engine.makeCitationCluster([{ id: item.id }]);
}
engine.updateItems(items.map((item) => item.id));
const [, bibliography] = engine.makeBibliography();
process.stdout.write(JSON.stringify({ citations, bibliography: bibliography.map((e) => e.trim()) }));
