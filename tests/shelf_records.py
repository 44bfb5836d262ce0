"""Dublin Core records written straight into an out/ folder, as the catalog writer leaves them."""

from __future__ import annotations

import os

from encyclopress.shelf.index import ShelfIndex

RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title xml:lang="{lang}">{title}</dc:title>
  <dc:title xml:lang="kk">Дала</dc:title>
  <dc:creator>A. Writer</dc:creator>
  <dc:description xml:lang="ru">Русское издание, язык текста: английский</dc:description>
  <dc:description xml:lang="{lang}">A steppe.</dc:description>
  <dc:publisher>Steppe Books</dc:publisher>
  <dc:date>{date}</dc:date>
  <dc:identifier>{identifier}</dc:identifier>
  <dc:identifier>urn:isbn:9780306406157</dc:identifier>
{relations}  <dc:language>{lang}</dc:language>
  <dc:language>kk</dc:language>
  <dc:rights>CC BY-SA 4.0</dc:rights>
</oai_dc:dc>
"""


def shelve(out, slug, files=("epub",), title="Steppe", lang="en", when="2024-01-02T03:04:05Z",
           identifier="urn:uuid:00000000-0000-5000-8000-000000000001", parts=()):
    """A publication's record and files, each written beside and renamed into place, as the build does.
    `parts`: a collection's, the identifiers of its articles (dc:relation)."""
    out.mkdir(exist_ok=True)
    relations = "".join(f"  <dc:relation>{part}</dc:relation>\n" for part in parts)
    record = RECORD.format(title=title, lang=lang, date=when, identifier=identifier, relations=relations)
    place(out / f"{slug}.dc.xml", record.encode())
    for suffix in files:
        place(out / f"{slug}.{suffix}", b"x" * 10)


def place(path, data):
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)


def read_back(out, warnings):
    """Every publication of `out` as the shelf index reads it back, by slug (the index hidden in out/)."""
    with ShelfIndex(out, warnings, out / ".index.sqlite") as index:
        index.refresh()
        return index.entries([slug for slug, _ in index.slugs()])
