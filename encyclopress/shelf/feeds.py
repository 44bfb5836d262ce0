"""The catalog of the whole out/: OPDS 1.2 (`catalog.xml`), OPDS 2.0 (`catalog.json`), `index.html`.

Runs after the articles are built and covers every publication out/ holds (shelf.py), so
the feeds list earlier runs' publications too. Links are relative: the feeds and the page
are published in the same folder as the files they list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.units import format_unit
from stdnum import isbn

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import PublishedFile
from encyclopress.core.i18n import (
    DEFAULT_LOCALE,
    babel_locale,
    language_name,
    translations,
)
from encyclopress.core.identifiers import default_identifier
from encyclopress.rendering.context import Project
from encyclopress.rendering.output import Stage
from encyclopress.rendering.templating import make_env, render
from encyclopress.shelf.shelf import Entry, read_shelf

# output name → template; the OPDS 2 feed is JSON, built as data (`opds2`)
PAGES = {
    "catalog.xml": "catalog/opds.xml.j2",
    "index.html": "catalog/index.html.j2",
}
OPDS2 = "catalog.json"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
STYLESHEET = "catalog.css"


@dataclass(frozen=True, slots=True)
class Catalog:
    identifier: str  # fixed (UUID 5 of "catalog" in our namespace): the feed of an out/ folder
    language: str  # of what the feeds and the page add (headings, labels): the one all share, or English
    locale: str  # how they write it (dates, sizes)
    updated: str  # the newest publication's timestamp, never "now"
    publisher: str


def write_feeds(out_dir: Path, project: Project, stage: Stage) -> list[Diagnostic]:
    """Stage the feeds and the page; nothing when out/ holds no publication."""
    warnings: list[Diagnostic] = []
    entries = read_shelf(out_dir, warnings)
    if not entries:
        return warnings
    catalog = _catalog(entries)
    env = make_env(project.templates, catalog.locale).overlay()  # the shared one stays as it is
    locale = Locale.parse(catalog.locale)
    env.filters = {
        **env.filters,
        "language_name": lambda tag: language_name(tag, locale),
        "file_size": lambda size: file_size(size, locale),
        "isbn": isbn.format,  # hyphenated as printed on books
    }
    css = (project.styles / STYLESHEET).read_text(encoding="utf-8")
    for name, template in PAGES.items():
        stage.path(name).write_text(render(env, template, catalog=catalog, entries=entries, css=css), encoding="utf-8")
    feed = opds2(catalog, entries, translations(catalog.locale).gettext)
    stage.path(OPDS2).write_text(json.dumps(feed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return warnings


def _catalog(entries: list[Entry]) -> Catalog:
    languages = {entry.language for entry in entries}
    language = languages.pop() if len(languages) == 1 else "en"
    return Catalog(
        identifier=default_identifier("catalog"),
        language=language,
        locale=DEFAULT_LOCALE if language == "en" else babel_locale(language),
        updated=max(entry.updated for entry in entries),
        publisher=", ".join(dict.fromkeys(entry.publisher for entry in entries)),
    )


def file_size(size: int, locale: Locale) -> str:
    """`31 kB`, `1.7 MB`, in the page's language."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)


def opds2(catalog: Catalog, entries: list[Entry], gettext: Callable[[str], str]) -> dict[str, Any]:
    """The OPDS 2.0 feed (drafts.opds.io/opds-2.0): every publication in out/, open access."""
    return {
        "metadata": {"title": gettext("Catalogue"), "modified": catalog.updated, "numberOfItems": len(entries)},
        "links": [
            {"rel": "self", "href": OPDS2, "type": "application/opds+json"},
            {"rel": "alternate", "href": "catalog.xml", "type": "application/atom+xml;profile=opds-catalog;kind=acquisition"},
            {"rel": "alternate", "href": "index.html", "type": "text/html"},
        ],
        "publications": [_publication(entry, gettext) for entry in entries],
    }


def _publication(entry: Entry, gettext: Callable[[str], str]) -> dict[str, Any]:
    metadata: dict[str, Any] = {"@type": "http://schema.org/Book", "identifier": entry.identifier}
    if entry.isbn:
        metadata["altIdentifier"] = [f"urn:isbn:{entry.isbn}"]
    metadata |= {
        "title": entry.titles,
        "author": list(entry.authors),
        "publisher": entry.publisher,
        "language": list(entry.languages),
        "published": entry.issued.isoformat(),
        "modified": entry.updated,
        "subject": list(entry.subjects),
        "description": entry.summary,
    }
    if entry.collections:  # the collections in the feed that include it (webpub manifest `belongsTo`)
        metadata["belongsTo"] = {"collection": [{"name": other.title, "identifier": other.identifier}
                                                for other in entry.collections]}
    links = [
        *(_link(OPEN_ACCESS, file, gettext) for file in entry.editions),
        *(_link("describedby", file, gettext) for file in entry.records),
        {"rel": "alternate", "href": f"index.html#{entry.slug}", "type": "text/html"},
    ]
    publication = {"metadata": metadata, "links": links}
    if entry.cover:
        publication["images"] = [{"href": entry.cover.name, "type": entry.cover.kind.media_type}]
    return publication


def _link(rel: str, file: PublishedFile, gettext: Callable[[str], str]) -> dict[str, Any]:
    return {"rel": rel, "href": file.name, "type": file.kind.media_type, "title": gettext(file.kind.label), "size": file.size}
