// A tiny static file server on 127.0.0.1 for browser checks of a built site, and helpers
// shared by the browser scripts.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png" };

export const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic"];

/** Serves `root` under `basePath`; resolves to { server, origin }. */
export async function serveStatic(root, basePath = "/") {
  const absRoot = path.resolve(root);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!urlPath.startsWith(basePath)) { res.writeHead(404); return res.end(); }
    let file = path.resolve(absRoot, urlPath.slice(basePath.length));
    if (!file.startsWith(absRoot)) { res.writeHead(404); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Every .html file under `dir`, relative, sorted. */
export function htmlPages(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return htmlPages(path.join(dir, entry.name), rel + "/");
    return entry.name.endsWith(".html") ? [rel] : [];
  }).sort();
}
