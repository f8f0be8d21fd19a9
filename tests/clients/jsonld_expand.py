"""Reads the JSON-LD of built pages with PyLD, a JSON-LD 1.1 processor, as a search engine's
crawler would: PyLD loads each page's HTML, extracts its `application/ld+json` scripts and
expands them. A property the processor would drop (not a term of the vocabulary), an
invalid `@id`, `@type` or value is an error.

Usage: python3 jsonld_expand.py PUBLIC_DIR BASE_URL PAGE_PATH...
Prints a JSON object: page path -> expanded JSON-LD (a list of nodes).

Nothing is downloaded: pages are read from PUBLIC_DIR, and the schema.org context
(`"@context": "https://schema.org"`) resolves to a local stand-in that maps every term
into the https://schema.org/ vocabulary (what the published context does for the terms
dossier uses; its `@type: @id` coercions only matter for string values of URL terms).
"""
import json
import os
import sys

from pyld import jsonld

public, base_url, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None,
                "documentUrl": url, "document": SCHEMA_CONTEXT}
    if not url.startswith(base_url):
        raise jsonld.JsonLdError(f"no network: {url}", "loading document failed")
    path = os.path.join(public, url[len(base_url):])
    if path.endswith("/"):
        path += "index.html"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return {"contentType": "text/html", "contextUrl": None, "documentUrl": url, "document": text}


def dropped(what, *args, **kwargs):
    raise SystemExit(f"PyLD dropped {what!r} {args!r}: not JSON-LD of the vocabulary")


out = {}
for page in pages:
    out[page] = jsonld.expand(
        base_url + page,
        {"documentLoader": loader, "extractAllScripts": True},
        on_property_dropped=dropped,
    )
print(json.dumps(out))
