"""Which pages the catalog has, what each shows, and which of them must be written again.

The shelf is cut into lists ("shelves"): every publication by slug, the newest ones, one
per language and one per frequent subject. Each is paged (at most `per_page` entries a
page). A page is written again only when what it shows has changed: its digest covers its
publications' versions, those of the publications they name (a collection's articles, an
article's collections) and the page each is on, its links and the catalog's own words, and the index remembers the
digest and the written file's inode of every page (a page replaced or removed by hand is
written again). So one changed article rewrites its
few pages, not the thousands of a library's catalog.

Page 1 of every publication keeps the names of the unpaged catalog (`catalog.xml`,
`catalog.json`, `index.html`), so links to it keep working; every other page is in
`catalog/` beside them.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from encyclopress.core.i18n import N_
from encyclopress.core.identifiers import default_identifier
from encyclopress.shelf.index import ShelfIndex
from encyclopress.shelf.shelf import scan

PER_PAGE = 50  # entries on a page of a feed or the catalog page
NEW_COUNT = 200  # the "new" feed lists this many newest publications: what a reader looks for
SUBJECT_FACETS = 20  # subjects offered as facets: the most frequent ones
FOLDER = "catalog"  # every page but the first of everything
ROOT = f"{FOLDER}/root"  # the navigation feed
FIRST = {"xml": "catalog.xml", "json": "catalog.json", "html": "index.html"}
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
OPDS2 = "application/opds+json"
LANGUAGE, SUBJECT = N_("Language"), N_("Subject")


@dataclass(frozen=True, slots=True)
class Shelf:
    """One list of publications the catalog pages through."""

    key: str  # "all", "new", "language-kk", "subject-<hash>": names its pages
    slugs: tuple[tuple[str, int], ...]  # (slug, version) in the shelf's order
    group: str = ""  # its facet group (LANGUAGE, SUBJECT); "" for all and new
    value: str = ""  # the language tag or subject it holds

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.slugs) // PER_PAGE))

    def page_of(self, slug: str) -> int:
        """The page a publication is on, of a shelf in slug order ("all")."""
        return bisect_left(self.slugs, (slug,)) // PER_PAGE + 1


@dataclass(frozen=True, slots=True)
class Facet:
    group: str  # message id of its group
    value: str  # a language tag or a subject
    key: str  # of its shelf


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a shelf, in one format ("xml", "json", "html")."""

    shelf: Shelf
    number: int
    fmt: str

    @property
    def name(self) -> str:
        return page_name(self.shelf.key, self.number, self.fmt)

    @property
    def slugs(self) -> list[str]:
        start = (self.number - 1) * PER_PAGE
        return [slug for slug, _ in self.shelf.slugs[start:start + PER_PAGE]]

    def href(self, name: str) -> str:
        """`name` (relative to out/) as a link from this page."""
        return relative(self.name, name)

    @property
    def base(self) -> str:
        """What a file of out/ is prefixed with to be linked from this page: "" or "../"."""
        return "../" if posixpath.dirname(self.name) else ""

    def link(self, number: int) -> str:
        """Page `number` of this shelf in this format, as a link from here."""
        return self.href(page_name(self.shelf.key, number, self.fmt))

    def entry_link(self, slug: str) -> str:
        """A publication's entry on the catalog page (this page's shelf is "all"), as a link from here."""
        number = self.shelf.page_of(slug)
        return f"#{slug}" if number == self.number else f"{self.link(number)}#{slug}"

    def twin(self, fmt: str) -> str:
        """This page in another format, as a link from here."""
        return self.href(page_name(self.shelf.key, self.number, fmt))

    @property
    def paging(self) -> list[tuple[str, int]]:
        """(rel, page number) of first, previous, next, last: those that differ from this page."""
        rels = [("first", 1), ("previous", self.number - 1), ("next", self.number + 1), ("last", self.shelf.pages)]
        return [(rel, n) for rel, n in rels if 1 <= n <= self.shelf.pages and n != self.number]


@dataclass
class Plan:
    """The catalog: every page it has, the facets, and what to write or remove."""

    shelves: list[Shelf]
    facets: list[Facet]
    digests: dict[str, str] = field(default_factory=dict)  # page name → digest of what it shows
    stale: list[Page] = field(default_factory=list)  # to write
    stale_roots: list[str] = field(default_factory=list)  # formats of the root feed to write
    removed: list[str] = field(default_factory=list)  # pages no longer in the catalog

    def pages(self) -> Iterator[Page]:
        for shelf in self.shelves:
            for fmt in ("xml", "json", "html") if shelf.key == "all" else ("xml", "json"):
                for number in range(1, shelf.pages + 1):
                    yield Page(shelf, number, fmt)


def page_name(key: str, number: int, fmt: str) -> str:
    if key == "all" and number == 1:
        return FIRST[fmt]
    return f"{FOLDER}/{key}-{number}.{fmt}"


def feed_id(name: str) -> str:
    """A page's Atom id: the first page keeps the unpaged feed's (UUID 5 of "catalog")."""
    return default_identifier("catalog" if name == FIRST["xml"] else f"catalog/{name}")


def relative(start: str, name: str) -> str:
    """The link to `name` from the page `start`, both relative to out/ (and at most one folder
    deep: out/ or catalog/). Called for every link of every page: no path arithmetic."""
    folder = posixpath.dirname(start)
    if not folder:
        return name
    return name[len(folder) + 1:] if name.startswith(f"{folder}/") else f"../{name}"


def subject_key(subject: str) -> str:
    """A file name for a subject in any script: a short hash, stable from run to run."""
    return "subject-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


def plan(index: ShelfIndex, out_dir: Path, salt: str) -> Plan:
    """Every page of the catalog; those whose content or file changed are `stale`."""
    shelves, facets = _shelves(index)
    result = Plan(shelves, facets)
    common = json.dumps([salt, [(f.group, f.value) for f in facets], _signature(index)], ensure_ascii=False)
    written = index.written_pages()
    relatives = index.relatives()
    inodes = {name: str(index.files[name]) for name in FIRST.values() if name in index.files}  # out/ as just listed
    inodes |= files_in(out_dir / FOLDER, f"{FOLDER}/")
    digests: dict[tuple[str, int], str] = {}  # a page's three formats show the same
    for page in result.pages():
        key = (page.shelf.key, page.number)
        digest = digests.get(key) or digests.setdefault(key, _digest(common, page, _shown(page, relatives, shelves[0])))
        result.digests[page.name] = digest
        if written.get(page.name) != (digest, inodes.get(page.name, "")):
            result.stale.append(page)
    shelves_digest = hashlib.sha256(json.dumps([common, index.newest(), [(shelf.key, len(shelf.slugs))
                                                                          for shelf in shelves]]).encode()).hexdigest()
    for fmt in ("xml", "json"):
        name = f"{ROOT}.{fmt}"
        result.digests[name] = shelves_digest
        if written.get(name) != (shelves_digest, inodes.get(name, "")):
            result.stale_roots.append(fmt)
    result.removed = sorted(set(written) - set(result.digests))
    return result


def _shelves(index: ShelfIndex) -> tuple[list[Shelf], list[Facet]]:
    shelves = [Shelf("all", tuple(index.slugs())), Shelf("new", tuple(index.slugs(newest=NEW_COUNT)))]
    facets = []
    for group, table, most in ((LANGUAGE, "language", None), (SUBJECT, "subject", SUBJECT_FACETS)):
        for value, members in sorted(index.groups(table, most).items()):
            key = f"language-{value}" if group == LANGUAGE else subject_key(value)
            facets.append(Facet(group, value, key))
            shelves.append(Shelf(key, tuple(members), group, value))
    return shelves, facets


def _signature(index: ShelfIndex) -> list[object]:
    """What every page shows of the catalog as a whole: its language and publishers."""
    return [index.distinct("language"), index.distinct("publisher")]


def _shown(page: Page, relatives: dict[str, list[tuple[str, int]]], every: Shelf) -> list[int]:
    """The version and catalog page of each publication the page's entries name (few have any)."""
    return [number for slug in page.slugs for other, version in relatives.get(slug, ())
            for number in (version, every.page_of(other))]


def _digest(common: str, page: Page, relatives: list[int]) -> str:
    """What a page shows: its place, its shelf's size, its publications' versions (a row id
    names a slug's version, so the ids alone say it), their relatives', and what all pages share."""
    digest = hashlib.sha256(common.encode())
    digest.update(f"\0{page.shelf.key}\0{page.number}\0{len(page.shelf.slugs)}\0".encode())
    start = (page.number - 1) * PER_PAGE
    digest.update(array("q", [version for _, version in page.shelf.slugs[start:start + PER_PAGE]] + relatives).tobytes())
    return digest.hexdigest()


def files_in(folder: Path, prefix: str = "") -> dict[str, str]:
    """name (with `prefix`) → inode (as text, as the index keeps it) of the files in `folder`."""
    if not folder.is_dir():
        return {}
    return {prefix + name: str(inode) for name, inode in scan(folder).items()}
