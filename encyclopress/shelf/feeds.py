"""The catalog of the whole out/: paged OPDS 1.2 and 2.0 feeds, a root navigation feed, index.html.

Runs after the articles are built and covers every publication out/ holds (the shelf
index, index.py), so the feeds list earlier runs' publications too. Which pages there are
and which must be written again is pages.py's; this module renders them (OPDS 1.2 and
the HTML page through templates, OPDS 2.0 as data), all of a run's pages published
together. Links are relative: the feeds and the page are published with the files they list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.units import format_unit
from jinja2 import Environment
from stdnum import isbn

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import PublishedFile
from encyclopress.core.i18n import DEFAULT_LOCALE, N_, babel_locale, language_name, translations
from encyclopress.rendering.context import Project
from encyclopress.rendering.output import staged
from encyclopress.rendering.templating import make_env, render
from encyclopress.shelf import pages
from encyclopress.shelf.index import ShelfIndex, open_index
from encyclopress.shelf.pages import ACQUISITION, NAVIGATION, OPDS2, ROOT, Page, Plan
from encyclopress.shelf.search import update_search_index
from encyclopress.shelf.shelf import Entry

TEMPLATES = {"xml": "catalog/opds.xml.j2", "html": "catalog/index.html.j2", "root": "catalog/opds-root.xml.j2"}
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
ALTERNATIVE = "http://purl.org/dc/terms/alternative"
FACET = "http://opds-spec.org/facet"
SORT_NEW = "http://opds-spec.org/sort/new"
STYLESHEET = "catalog.css"
# Shelf titles: "All publications" names the whole in the root feed, whose own feed is the "Catalogue"
ALL, NEW, SEARCH_RESULTS = N_("All publications"), N_("New publications"), N_("Search results")
TITLES = {"all": N_("Catalogue"), "new": NEW}


@dataclass(frozen=True, slots=True)
class Catalog:
    identifier: str  # fixed (UUID 5 of "catalog" in our namespace): the feed of an out/ folder
    language: str  # of what the feeds and the page add (headings, labels): the one all share, or English
    locale: str  # how they write it (dates, sizes)
    updated: str  # the newest publication's timestamp, never "now"
    publisher: str
    count: int  # publications in all


@dataclass(frozen=True, slots=True)
class Written:
    """What a run of the catalog left in out/."""

    outputs: list[Path]  # every page of the catalog, written this time or before
    warnings: list[Diagnostic]


def write_catalog(out_dir: Path, project: Project, salt: str = "") -> Written:
    """Bring the catalog of `out_dir` up to date: the pages whose content changed, published
    together; pages no longer needed removed; the search index remade when a page of
    index.html changed. `salt` names the tool's version: another rewrites every page."""
    warnings: list[Diagnostic] = []
    with open_index(out_dir, warnings) as index:
        if not index.count():
            return Written([], warnings)
        layout = pages.plan(index, out_dir, salt)
        _write(out_dir, project, index, layout)
    html = layout.every.pages
    update_search_index(out_dir, html, {page.number for page in layout.stale if page.fmt == "html"})
    return Written([out_dir / name for name in layout.digests], warnings)


def _write(out_dir: Path, project: Project, index: ShelfIndex, layout: Plan) -> None:
    if layout.settled:
        return
    if layout.stale or layout.stale_roots:
        _render(out_dir, project, index, layout)
    for name in layout.removed:
        (out_dir / name).unlink(missing_ok=True)
    names = [page.name for page in layout.stale] + [f"{ROOT}.{fmt}" for fmt in layout.stale_roots]
    inodes = {name: str((out_dir / name).stat().st_ino) for name in names}
    index.remember_pages({name: (layout.digests[name], inodes[name]) for name in names}, layout.removed, layout.state)


def _render(out_dir: Path, project: Project, index: ShelfIndex, layout: Plan) -> None:
    """The stale pages, published together."""
    renderer = Renderer(project, catalog_of(index))
    loaded: dict[tuple[str, int], list[Entry]] = {}  # a page's entries, shared by its three formats
    with staged(out_dir) as stage:
        for page in layout.stale:
            key = (page.shelf.key, page.number)
            if key not in loaded:
                loaded[key] = index.entries(layout.slugs(page))
            entries = loaded[key]
            stage.path(page.name).write_text(renderer.page(page, entries, layout.facets), encoding="utf-8")
        groups = _groups(index, layout) if layout.stale_roots else []
        for fmt in layout.stale_roots:
            stage.path(f"{ROOT}.{fmt}").write_text(renderer.root(layout.shelves, groups, fmt), encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Group:
    """A collection as a group of the root feed: its record, and its first articles in its order."""

    shelf: pages.Shelf
    collection: Entry
    entries: list[Entry]


def _groups(index: ShelfIndex, layout: Plan) -> list[Group]:
    collections = index.entries([shelf.source for shelf in layout.collections])
    return [Group(shelf, collection, index.entries(layout.slugs(Page(shelf, 1, "json"))[:pages.GROUP_SIZE]))
            for shelf, collection in zip(layout.collections, collections)]


class Renderer:
    """Pages of the catalog as text, in the catalog's language."""

    def __init__(self, project: Project, catalog: Catalog) -> None:
        self.catalog = catalog
        self.env = _env(project, catalog)
        self.gettext = translations(catalog.locale).gettext
        self.css = (project.styles / STYLESHEET).read_text(encoding="utf-8")

    def title(self, shelf: pages.Shelf) -> str:
        return _title(shelf, self.gettext, self.catalog.locale)

    def page(self, page: Page, entries: list[Entry], facets: list[pages.Facet]) -> str:
        view = {"catalog": self.catalog, "page": page, "entries": entries, "facets": facets, "pages": pages}
        if page.fmt == "json":
            return _json(opds2_page(self.catalog, view, self.gettext))
        return render(self.env, TEMPLATES[page.fmt], css=self.css, title=self.title, **view)

    def root(self, shelves: list[pages.Shelf], groups: list[Group], fmt: str) -> str:
        root = {"catalog": self.catalog, "shelves": shelves, "groups": groups, "pages": pages,
                "collections": {group.shelf.key: group.collection for group in groups}}
        if fmt == "json":
            return _json(opds2_root(self.catalog, root, self.gettext))
        return render(self.env, TEMPLATES["root"], title=self.title, **root)


def _json(data: dict[str, Any]) -> str:
    """A feed as JSON, one publication (or navigation link, or group) a line: readable in a diff, and
    written by json's C encoder (an indented dump is ten times slower, on 100,000 publications)."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()
             if key not in ("publications", "navigation", "groups")]
    for key in ("navigation", "groups", "publications"):
        if key in data:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in data[key])
            lines.append(f'  "{key}": [\n{items}\n  ]')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def catalog_of(index: ShelfIndex) -> Catalog:
    languages = index.distinct("language")
    language = languages[0] if len(languages) == 1 else "en"
    return Catalog(
        identifier=pages.feed_id(pages.FIRST["xml"]),
        language=language,
        locale=DEFAULT_LOCALE if language == "en" else babel_locale(language),
        updated=index.newest() or "",
        publisher=", ".join(index.distinct("publisher")),
        count=index.count(),
    )


def _env(project: Project, catalog: Catalog) -> Environment:
    env = make_env(project.templates, catalog.locale).overlay()  # the shared one stays as it is
    locale = Locale.parse(catalog.locale)
    env.filters = {
        **env.filters,
        "language_name": lambda tag: language_name(tag, locale),
        "file_size": lambda size: file_size(size, locale),
        "isbn": isbn.format,  # hyphenated as printed on books
    }
    return env


def _title(shelf: pages.Shelf, gettext: Callable[[str], str], locale: str) -> str:
    """A shelf's title: all, new, a language's name in the catalog's language, a subject."""
    if shelf.group == pages.LANGUAGE:
        return language_name(shelf.value, Locale.parse(locale))
    return shelf.value or gettext(TITLES.get(shelf.key, SEARCH_RESULTS))


def file_size(size: int, locale: Locale) -> str:
    """`31 kB`, `1.7 MB`, in the page's language."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)


def page_updated(entries: list[Entry]) -> str:
    """A page's timestamp: its newest publication's, so a page changes only with its own."""
    return max(entry.updated for entry in entries)


# --- OPDS 2.0, built as data ---------------------------------------------------------


def opds2_page(catalog: Catalog, view: dict[str, Any], gettext: Callable[[str], str]) -> dict[str, Any]:
    """One page of an OPDS 2.0 acquisition feed (drafts.opds.io/opds-2.0), with paging and facets."""
    page: Page = view["page"]
    entries: list[Entry] = view["entries"]
    shelf = page.shelf
    links = [
        {"rel": "self", "href": page.link(page.number), "type": OPDS2},
        {"rel": "start", "href": page.href(f"{ROOT}.json"), "type": OPDS2},
        *({"rel": rel, "href": page.link(number), "type": OPDS2} for rel, number in page.paging),
        {"rel": "alternate", "href": page.twin("xml"), "type": ACQUISITION},
        *([{"rel": "alternate", "href": page.twin("html"), "type": "text/html"}] if shelf.key == "all" else []),
        {"rel": SORT_NEW, "href": page.href(pages.page_name("new", 1, "json")), "type": OPDS2,
         "title": gettext(NEW)},
    ]
    feed: dict[str, Any] = {
        "metadata": {"title": _title(shelf, gettext, catalog.locale), "modified": page_updated(entries),
                     "numberOfItems": shelf.count, "itemsPerPage": pages.PER_PAGE, "currentPage": page.number},
        "links": links,
    }
    if view["facets"]:  # none on search results
        feed["facets"] = _facets2(page, view["facets"], gettext, catalog.locale)
    feed["publications"] = [_publication(entry, page, gettext) for entry in entries]
    return feed


def _facets2(page: Page, facets: list[pages.Facet], gettext: Callable[[str], str], locale: str) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for facet in facets:
        title = language_name(facet.value, Locale.parse(locale)) if facet.group == pages.LANGUAGE else facet.value
        link = {"href": page.href(pages.page_name(facet.key, 1, "json")), "type": OPDS2, "title": title}
        if facet.key == page.shelf.key:
            link["rel"] = "self"  # OPDS 2's mark of the active facet
        groups.setdefault(facet.group, []).append(link)
    return [{"metadata": {"title": gettext(group)}, "links": links} for group, links in groups.items()]


def opds2_root(catalog: Catalog, root: dict[str, Any], gettext: Callable[[str], str]) -> dict[str, Any]:
    """The OPDS 2.0 navigation feed: everything, the newest, each language and frequent subject,
    each collection; and each collection as a group with its first articles."""
    start = f"{ROOT}.json"
    navigation = []
    for shelf in root["shelves"]:
        rel = SORT_NEW if shelf.key == "new" else "subsection"
        title = gettext(ALL) if shelf.key == "all" else _title(shelf, gettext, catalog.locale)
        navigation.append({"href": pages.relative(start, pages.page_name(shelf.key, 1, "json")), "type": OPDS2,
                           "rel": rel, "title": title, "properties": {"numberOfItems": shelf.count}})
    feed = {
        "metadata": {"title": gettext("Catalogue"), "modified": catalog.updated, "numberOfItems": catalog.count},
        "links": [{"rel": "self", "href": pages.relative(start, start), "type": OPDS2},
                  {"rel": "start", "href": pages.relative(start, start), "type": OPDS2},
                  {"rel": "alternate", "href": pages.relative(start, f"{ROOT}.xml"), "type": NAVIGATION}],
        "navigation": navigation,
    }
    if root["groups"]:
        feed["groups"] = [_group(group, gettext) for group in root["groups"]]
    return feed


def _group(group: Group, gettext: Callable[[str], str]) -> dict[str, Any]:
    """A collection as an OPDS 2.0 group: its metadata, its first articles in its order, and a
    `self` link to its feed (every article: a reader's "more"). The root is in catalog/ as the
    collection's feed is: the articles' links are as on that feed's first page."""
    page = Page(group.shelf, 1, "json")
    collection = group.collection
    metadata: dict[str, Any] = {"title": collection.title}
    if collection.edition:
        metadata["subtitle"] = collection.edition  # tells a collection's editions apart
    metadata |= {"identifier": collection.identifier, "numberOfItems": group.shelf.count}
    return {"metadata": metadata,
            "links": [{"rel": "self", "href": page.link(1), "type": OPDS2, "title": collection.title}],
            "publications": [_publication(entry, page, gettext) for entry in group.entries]}


def _publication(entry: Entry, page: Page, gettext: Callable[[str], str]) -> dict[str, Any]:
    metadata: dict[str, Any] = {"@type": "http://schema.org/Book", "identifier": entry.identifier}
    if entry.isbn:
        metadata["altIdentifier"] = [f"urn:isbn:{entry.isbn}"]
    metadata |= {
        "title": entry.title,  # one string: a language map would show one title under another's name
        "author": list(entry.authors),
        **({"editor": list(entry.editors)} if entry.editors else {}),
        "publisher": entry.publisher,
        "language": list(entry.languages),
        "published": entry.issued.isoformat(),
        "modified": entry.updated,
        "subject": list(entry.subjects),
        "description": entry.summary_line,
    }
    if entry.parallel_titles:
        # The schema has no alternate title; an IRI key is JSON-LD's way to borrow a term,
        # the same dcterms:alternative as in the OPDS 1.2 feed, each value with its language.
        metadata[ALTERNATIVE] = [{"@value": title, "@language": lang} for lang, title in entry.parallel_titles]
    if entry.collections:  # the collections in out/ that include it (webpub manifest `belongsTo`)
        metadata["belongsTo"] = {"collection": [{"name": other.title, "identifier": other.identifier}
                                                for other in entry.collections]}
    links = [
        *(_link(OPEN_ACCESS, file, page, gettext) for file in entry.editions),
        *(_link("describedby", file, page, gettext) for file in entry.records),
    ]
    if page.shelf.key == "all":  # where it is on the catalog page: the same page of it
        links.append({"rel": "alternate", "href": f"{page.twin('html')}#{entry.slug}", "type": "text/html"})
    publication = {"metadata": metadata, "links": links}
    if entry.cover:
        publication["images"] = [{"href": page.href(entry.cover.name), "type": entry.cover.kind.media_type}]
    return publication


def _link(rel: str, file: PublishedFile, page: Page, gettext: Callable[[str], str]) -> dict[str, Any]:
    return {"rel": rel, "href": page.href(file.name), "type": file.kind.media_type, "title": gettext(file.kind.label),
            "size": file.size}
