"""Reads BibTeX entries with pybtex and formats them in its `plain` style (BibTeX's
classic plain.bst, in Python), as plain text.

Usage: python3 pybtex_format.py FILE.bib
Prints one line per entry, in the file's order: key, the first author's family name
("last" and "von" parts) and given names as pybtex splits them, and the formatted entry,
separated by tabs.
"""
import sys

from pybtex.database import parse_file
from pybtex.plugin import find_plugin

bibliography = parse_file(sys.argv[1], "bibtex")
style = find_plugin("pybtex.style.formatting", "plain")(
    sorting_style=find_plugin("pybtex.style.sorting", "none")
)
backend = find_plugin("pybtex.backends", "text")()
for entry in style.format_bibliography(bibliography):
    person = bibliography.entries[entry.key].persons["author"][0]
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    print("\t".join([entry.key, family, given, entry.text.render(backend)]))
