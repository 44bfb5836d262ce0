"""What out/ holds: every publication with a Dublin Core record, read back, and its files.

The feeds and the catalog page cover publications built by earlier runs too, so they learn
each one's metadata from the `<slug>.dc.xml` the catalog writer left, never from the
article text, and link only the files that are really there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import DUBLIN_CORE, KINDS, PublishedFile

DC_SUFFIX = f".{DUBLIN_CORE.suffix}"  # each publication is found by its Dublin Core record
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REQUIRED = ("title", "identifier", "date", "language")
SUFFIXES = tuple(f".{kind.suffix}" for kind in KINDS)


@dataclass(frozen=True, slots=True)
class Related:
    """A publication another one names: a collection's article, an article's collection."""

    slug: str
    identifier: str
    title: str
    language: str  # of the title
    edition: str  # its edition statement: tells a collection's editions apart
    edition_language: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One publication of the catalog."""

    slug: str
    identifier: str
    isbn: str | None
    title: str
    language: str  # of the title and the text
    parallel_titles: tuple[tuple[str, str], ...]  # (language, title)
    languages: tuple[str, ...]  # every language of the text, the main one first
    authors: tuple[str, ...]
    editors: tuple[str, ...]  # a collection's (dc:contributor)
    publisher: str
    subjects: tuple[str, ...]
    edition: str  # the edition statement ("Русское издание, язык текста: английский")
    edition_language: str  # of the statement: the edition's, as against the text's
    summary: str
    updated: str  # W3CDTF timestamp of the build
    license: str
    editions: tuple[PublishedFile, ...]
    records: tuple[PublishedFile, ...]
    cover: PublishedFile | None
    parts: tuple[str, ...] = ()  # a collection's: the identifiers of its articles (dc:relation), in order
    # Filled from the shelf index (index.py) when the feeds read an entry, never stored:
    contents: tuple[Related, ...] = ()  # a collection's articles that out/ holds, in its order
    collections: tuple[Related, ...] = ()  # the collections in out/ that include this publication

    @property
    def issued(self) -> date:
        return date.fromisoformat(self.updated[:10])

    @property
    def summary_line(self) -> str:
        """The edition statement, then the summary: for the feeds' one plain-text summary."""
        return ". ".join(part for part in (self.edition, self.summary) if part)


def scan(folder: Path) -> dict[str, int]:
    """Every file of `folder` (not hidden, not in a subfolder) with its inode number, from the
    listing alone. The build replaces a file by renaming a new one over it, so a file written
    again has a new inode: a listing tells what changed without a stat of each of 100,000s
    of files (which takes seconds)."""
    with os.scandir(folder) as listing:
        return {item.name: item.inode() for item in listing if not item.name.startswith(".") and item.is_file()}


def publications_of(touched: Iterable[str], *listings: Mapping[str, int]) -> list[str]:
    """The slugs whose files include one of `touched`, with a record in one of `listings`
    (a name may end in several suffixes: `x.booklet.pdf` is `x`'s booklet or `x.booklet`'s PDF)."""
    candidates = {name[: -len(suffix)] for name in touched for suffix in SUFFIXES if name.endswith(suffix)}
    return sorted(slug for slug in candidates if any(slug + DC_SUFFIX in listing for listing in listings))


def files_of(slug: str, files: Mapping[str, int]) -> list[str]:
    """The names of the publication `slug`'s files among `files`."""
    return [slug + suffix for suffix in SUFFIXES if slug + suffix in files]


def read_entry(out_dir: Path, slug: str, files: Iterable[str], warnings: list[Diagnostic]) -> Entry | None:
    """The publication `slug` from its record, with `files` (its files in out/); None, with a warning, if unfit."""
    record = out_dir / f"{slug}{DC_SUFFIX}"
    sizes = {}
    for name in files:
        try:
            sizes[name] = (out_dir / name).stat().st_size
        except OSError:  # removed since the listing
            continue
    entry = _entry(record, sizes, warnings)
    if entry is not None and not entry.editions:
        warnings.append(Diagnostic(record, None, "no PDF or EPUB beside this record: left out of the catalog", "warning"))
        return None
    return entry


def _entry(record: Path, sizes: Mapping[str, int], warnings: list[Diagnostic]) -> Entry | None:
    try:
        root = etree.parse(record).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        warnings.append(Diagnostic(record, None, f"unreadable catalog record, left out: {error}", "warning"))
        return None
    values = {name: _all(root, name) for name in
              ("title", "identifier", "date", "language", "creator", "contributor", "publisher", "subject",
               "description", "rights", "relation")}
    missing = [name for name in REQUIRED if not values[name]]
    if missing:
        message = f"catalog record without dc:{', dc:'.join(missing)}, left out"
        warnings.append(Diagnostic(record, None, message, "warning"))
        return None
    if not _is_timestamp(values["date"][0]):
        message = f"dc:date {values['date'][0]!r} is not a UTC timestamp (YYYY-MM-DDThh:mm:ssZ), left out"
        warnings.append(Diagnostic(record, None, message, "warning"))
        return None
    return _make_entry(record, root, values, sizes)


def _make_entry(record: Path, root: etree._Element, values: dict[str, list[str]], sizes: Mapping[str, int]) -> Entry:
    slug = record.name[: -len(DC_SUFFIX)]

    def of_role(role: str) -> tuple[PublishedFile, ...]:
        return tuple(PublishedFile(kind, name, sizes[name]) for kind in KINDS
                     if kind.role == role and (name := f"{slug}.{kind.suffix}") in sizes)

    titles = [(el.get(XML_LANG, values["language"][0]), (el.text or "").strip()) for el in root.iter(f"{DC}title")]
    # the first dc:description is the edition statement (rendering/dublin_core.py), the rest the summary
    statement = next(root.iter(f"{DC}description"), None)
    isbns = [i.removeprefix("urn:isbn:") for i in values["identifier"] if i.startswith("urn:isbn:")]
    covers = of_role("cover")
    return Entry(
        slug=slug,
        identifier=values["identifier"][0],
        isbn=isbns[0] if isbns else None,
        title=titles[0][1],
        language=titles[0][0],
        parallel_titles=tuple(titles[1:]),
        languages=tuple(values["language"]),
        authors=tuple(values["creator"]),
        editors=tuple(values["contributor"]),
        publisher=", ".join(values["publisher"]),
        subjects=tuple(values["subject"]),
        edition=values["description"][0] if values["description"] else "",
        edition_language=statement.get(XML_LANG, titles[0][0]) if statement is not None else titles[0][0],
        summary=" ".join(values["description"][1:]),
        updated=values["date"][0],
        license=values["rights"][0] if values["rights"] else "",
        editions=of_role("edition"),
        records=of_role("record"),
        cover=covers[0] if covers else None,
        parts=tuple(values["relation"]),
    )


def _is_timestamp(value: str) -> bool:
    try:
        return bool(datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return False


def _all(root: etree._Element, name: str) -> list[str]:
    return [text for el in root.iter(f"{DC}{name}") if (text := (el.text or "").strip())]
