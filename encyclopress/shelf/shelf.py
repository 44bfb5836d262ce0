"""What out/ holds: every publication with a Dublin Core record, read back, and its files.

The feeds and the catalog page cover publications built by earlier runs too, so they learn
each one's metadata from the `<slug>.dc.xml` the catalog writer left, never from the
article text, and link only the files that are really there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import DUBLIN_CORE, FileKind, PublishedFile, files_of

DC_SUFFIX = f".{DUBLIN_CORE.suffix}"  # each publication is found by its Dublin Core record
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REQUIRED = ("title", "identifier", "date", "language")


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
    publisher: str
    subjects: tuple[str, ...]
    summary: str
    updated: str  # W3CDTF timestamp of the build
    license: str
    editions: tuple[PublishedFile, ...]
    records: tuple[PublishedFile, ...]
    cover: PublishedFile | None
    parts: tuple[str, ...] = ()  # identifiers of the publications a collection is made of (dc:relation)
    contents: tuple[Entry, ...] = ()  # a collection's articles that out/ holds, in its order
    collections: tuple[Entry, ...] = ()  # the collections in out/ that include this publication

    @property
    def issued(self) -> date:
        return date.fromisoformat(self.updated[:10])

    @property
    def titles(self) -> dict[str, str]:
        """Every title by language, for language maps (OPDS 2.0)."""
        return {self.language: self.title, **dict(self.parallel_titles)}


def read_shelf(out_dir: Path, warnings: list[Diagnostic]) -> list[Entry]:
    """Every publication in `out_dir` with a readable record and a file to read, by slug."""
    entries = []
    for record in sorted(out_dir.glob(f"*{DC_SUFFIX}")):
        entry = _entry(record, warnings)
        if entry is None:
            continue
        if not entry.editions:
            warnings.append(Diagnostic(record, None, "no PDF or EPUB beside this record: left out of the catalog", "warning"))
            continue
        entries.append(entry)
    return _related(entries)


def _related(entries: list[Entry]) -> list[Entry]:
    """Each collection with the articles of out/ it includes, each article with its collections."""
    by_identifier = {entry.identifier: entry for entry in entries}
    return [replace(entry, contents=tuple(by_identifier[i] for i in entry.parts if i in by_identifier),
                    collections=tuple(other for other in entries if entry.identifier in other.parts))
            for entry in entries]


def _entry(record: Path, warnings: list[Diagnostic]) -> Entry | None:
    try:
        root = etree.parse(record).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        warnings.append(Diagnostic(record, None, f"unreadable catalog record, left out: {error}", "warning"))
        return None
    values = {name: _all(root, name) for name in
              ("title", "identifier", "date", "language", "creator", "publisher", "subject", "description", "rights",
               "relation")}
    missing = [name for name in REQUIRED if not values[name]]
    if missing:
        message = f"catalog record without dc:{', dc:'.join(missing)}, left out"
        warnings.append(Diagnostic(record, None, message, "warning"))
        return None
    if not _is_timestamp(values["date"][0]):
        message = f"dc:date {values['date'][0]!r} is not a UTC timestamp (YYYY-MM-DDThh:mm:ssZ), left out"
        warnings.append(Diagnostic(record, None, message, "warning"))
        return None
    return _make_entry(record, root, values)


def _make_entry(record: Path, root: etree._Element, values: dict[str, list[str]]) -> Entry:
    slug = record.name[: -len(DC_SUFFIX)]
    out_dir = record.parent

    def name_of(kind: FileKind) -> str:
        return f"{slug}.{kind.suffix}"

    titles = [(el.get(XML_LANG, values["language"][0]), (el.text or "").strip()) for el in root.iter(f"{DC}title")]
    isbns = [i.removeprefix("urn:isbn:") for i in values["identifier"] if i.startswith("urn:isbn:")]
    covers = files_of(name_of, out_dir, "cover")
    return Entry(
        slug=slug,
        identifier=values["identifier"][0],
        isbn=isbns[0] if isbns else None,
        title=titles[0][1],
        language=titles[0][0],
        parallel_titles=tuple(titles[1:]),
        languages=tuple(values["language"]),
        authors=tuple(values["creator"]),
        publisher=", ".join(values["publisher"]),
        subjects=tuple(values["subject"]),
        summary=" ".join(values["description"]),
        updated=values["date"][0],
        license=values["rights"][0] if values["rights"] else "",
        editions=tuple(files_of(name_of, out_dir, "edition")),
        records=tuple(files_of(name_of, out_dir, "record")),
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
