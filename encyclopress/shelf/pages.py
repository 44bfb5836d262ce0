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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from encyclopress.core.i18n import N_
from encyclopress.core.identifiers import default_identifier
from encyclopress.shelf.index import ShelfIndex
from encyclopress.shelf.shelf import scan

PER_PAGE = 50  # entries on a page of a feed or the catalog page
NEW_COUNT = 200  # the "new" feed lists this many newest publications: what a reader looks for
SUBJECT_FACETS = 20  # subjects offered as facets: the most frequent ones
SIZES = [PER_PAGE, NEW_COUNT, SUBJECT_FACETS]  # a plan made with other sizes is not patched
GROUP_SIZE = 10  # a collection's first articles (of its feed's first page) in its group of the root feed
FOLDER = "catalog"  # every page but the first of everything
ROOT = f"{FOLDER}/root"  # the navigation feed
FIRST = {"xml": "catalog.xml", "json": "catalog.json", "html": "index.html"}
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
OPDS2 = "application/opds+json"
LANGUAGE, SUBJECT = N_("Language"), N_("Subject")
COLLECTION = "collection"  # the group of a collection's shelf: its articles, in its order


Rows = list[tuple[str, int]]  # (slug, version) of publications, in a shelf's order


@dataclass(frozen=True, slots=True)
class Shelf:
    """One list of publications the catalog pages through."""

    key: str  # "all", "new", "language-kk", "subject-<hash>", "collection-<slug>": names its pages
    count: int  # publications on it
    group: str = ""  # its facet group (LANGUAGE, SUBJECT), or COLLECTION; "" for all and new
    value: str = ""  # the language tag or subject it holds, or the collection's title
    source: str = ""  # a collection's slug
    version: int = 0  # a collection's version: its title and order are its record's
    # "all": where a publication is in it (0 for the first), for links to its entry on the catalog page
    place: Callable[[str], int] | None = field(default=None, compare=False, repr=False)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // PER_PAGE))

    def page_of(self, slug: str) -> int:
        """The page a publication is on, of a shelf in slug order ("all")."""
        assert self.place is not None
        return page_at(self.place(slug))

    def to_list(self) -> list[object]:
        return [self.key, self.count, self.group, self.value, self.source, self.version]


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
    def start(self) -> int:
        """Where its first publication is in its shelf (0 for the first)."""
        return first_on(self.number)

    @property
    def end(self) -> int:
        """Where the next page starts."""
        return first_on(self.number + 1)

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
    rows: Callable[[Shelf, int], Rows]  # the publications on page n of a shelf
    digests: dict[str, str] = field(default_factory=dict)  # page name → digest of what it shows
    stale: list[Page] = field(default_factory=list)  # to write
    stale_roots: list[str] = field(default_factory=list)  # formats of the root feed to write
    removed: list[str] = field(default_factory=list)  # pages no longer in the catalog
    state: str = ""  # what the digests were made under, for the next run (`_state`)
    settled: bool = False  # nothing to write, remove or remember

    def pages(self) -> Iterator[Page]:
        for shelf in self.shelves:
            for fmt in formats(shelf):
                for number in range(1, shelf.pages + 1):
                    yield Page(shelf, number, fmt)

    def slugs(self, page: Page) -> list[str]:
        return [slug for slug, _ in self.rows(page.shelf, page.number)]

    @property
    def every(self) -> Shelf:
        return self.shelves[0]

    @property
    def collections(self) -> list[Shelf]:
        return [shelf for shelf in self.shelves if shelf.group == COLLECTION]


def formats(shelf: Shelf) -> tuple[str, ...]:
    """The formats of a shelf's pages: the catalog page is of every publication only."""
    return ("xml", "json", "html") if shelf.key == "all" else ("xml", "json")


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


def shelf_key(table: str, value: str) -> str:
    """The key of the shelf of the publications in one language or of one subject (`table`)."""
    return f"language-{value}" if table == "language" else subject_key(value)


def subject_key(subject: str) -> str:
    """A file name for a subject in any script: a short hash, stable from run to run."""
    return "subject-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


def plan(index: ShelfIndex, out_dir: Path, salt: str) -> Plan:
    """Every page of the catalog; those whose content or file changed are `stale`.

    When every publication read since the pages were last planned was only read again (its
    shelves and what all pages share are as they were: index.dirty), only the pages showing
    one of them are digested again, the rest keep the digest remembered for them; else
    (publications added or removed, another tool) every page is digested."""
    written = index.written_pages()
    dirty = index.dirty()
    result = None
    if not any(dirty.values()):
        result = _patched(index, salt, dirty, written)
    result = result or _full(index, salt)
    inodes = {name: str(index.files[name]) for name in FIRST.values() if name in index.files}  # out/ as just listed
    inodes |= files_in(out_dir / FOLDER, f"{FOLDER}/")
    for page in result.pages():
        if written.get(page.name) != (result.digests[page.name], inodes.get(page.name, "")):
            result.stale.append(page)
    root = _root_digest(index, result)
    for fmt in ("xml", "json"):
        name = f"{ROOT}.{fmt}"
        result.digests[name] = root
        if written.get(name) != (root, inodes.get(name, "")):
            result.stale_roots.append(fmt)
    result.removed = sorted(set(written) - set(result.digests))
    result.settled = not (result.stale or result.stale_roots or result.removed or dirty) and \
        index.planned() == result.state
    return result


def _state(salt: str, common: str, shelves: list[Shelf]) -> str:
    """What a plan's digests depend on besides the publications: the next run patches them
    only if it is the same (the same tool, page size, shelves and what every page shows)."""
    return json.dumps({"salt": salt, "sizes": SIZES, "common": common,
                       "shelves": [shelf.to_list() for shelf in shelves]}, ensure_ascii=False)


def _full(index: ShelfIndex, salt: str) -> Plan:
    """Every page digested, from every shelf read whole."""
    shelves, facets, rows = _shelves(index)
    common = json.dumps([salt, [(f.group, f.value) for f in facets], _signature(index)], ensure_ascii=False)
    result = Plan(shelves, facets, lambda shelf, number: _page_rows(rows[shelf.key], number),
                  state=_state(salt, common, shelves))
    relatives = index.relatives()
    for shelf in shelves:
        digest = None
        for number in range(1, shelf.pages + 1):
            page = _page_rows(rows[shelf.key], number)
            digest = _digest(common, shelf, number, page, _shown(page, relatives, result.every))
            result.digests.update((page_name(shelf.key, number, fmt), digest) for fmt in formats(shelf))
    return result


def _patched(index: ShelfIndex, salt: str, dirty: dict[str, bool], written: dict[str, tuple[str, str]]) -> Plan | None:
    """The last plan with the pages showing a publication of `dirty` digested again (and
    the newest and the collections', which are short); None if it cannot be patched."""
    if not (state := index.planned()):
        return None
    last = json.loads(state)
    if last["salt"] != salt or last["sizes"] != SIZES:
        return None
    collections, rows = _collection_shelves(index)
    kept = [Shelf(*fields) for fields in last["shelves"] if fields[2] != COLLECTION]
    shelves = [replace(kept[0], place=lambda slug: index.rank(None, "", slug)), *kept[1:], *collections]
    rows["new"] = index.slugs(newest=NEW_COUNT)
    cached: dict[tuple[str, int], Rows] = {}

    def page_rows(shelf: Shelf, number: int) -> Rows:
        if shelf.key in rows:
            return _page_rows(rows[shelf.key], number)
        if (shelf.key, number) not in cached:
            table = {LANGUAGE: "language", SUBJECT: "subject"}.get(shelf.group)
            cached[shelf.key, number] = index.members(table, shelf.value, first_on(number), PER_PAGE)
        return cached[shelf.key, number]

    result = Plan(shelves, _facets_of(shelves), page_rows, state=_state(salt, last["common"], shelves))
    for page in result.pages():
        if page.fmt == "xml" and page.name in written:
            result.digests.update((page_name(page.shelf.key, page.number, fmt), written[page.name][0])
                                  for fmt in formats(page.shelf))
    relatives = index.relatives()
    showing = set(dirty) | {other for slug in dirty for other, _ in relatives.get(slug, ())}
    for shelf, number in [*_short(shelves), *_showing(index, shelves, showing, cached)]:
        page = page_rows(shelf, number)
        digest = _digest(last["common"], shelf, number, page, _shown(page, relatives, result.every))
        result.digests.update((page_name(shelf.key, number, fmt), digest) for fmt in formats(shelf))
    if any(page.name not in result.digests for page in result.pages()):
        return None  # a page the last plan did not have: a shelf changed after all
    return result


def _short(shelves: list[Shelf]) -> Iterator[tuple[Shelf, int]]:
    """Every page of the newest and of the collections: short shelves, digested whole."""
    for shelf in shelves:
        if shelf.key == "new" or shelf.group == COLLECTION:
            yield from ((shelf, number) for number in range(1, shelf.pages + 1))


def _showing(index: ShelfIndex, shelves: list[Shelf], slugs: set[str],
             found: dict[tuple[str, int], Rows]) -> list[tuple[Shelf, int]]:
    """(shelf, page number) of every page of a shelf by slug that lists one of `slugs`, its
    publications put in `found`: read around the slug (a count and two short reads of an
    index), not from the shelf's start."""
    by_key = {shelf.key: shelf for shelf in shelves}
    pages = set()
    for slug in sorted(slugs):
        for table, value in [(None, ""), *index.shelves_of(slug)]:
            key = "all" if table is None else shelf_key(table, value)
            if key in by_key:
                rank = index.rank(table, value, slug)
                number = page_at(rank)
                pages.add((key, number))
                if (key, number) not in found:
                    found[key, number] = index.around(table, value, slug, rank % PER_PAGE, PER_PAGE)
    return [(by_key[key], number) for key, number in sorted(pages)]


def _page_rows(rows: Rows, number: int) -> Rows:
    return rows[first_on(number):first_on(number + 1)]


def first_on(number: int) -> int:
    """Where the first publication of page `number` is in its shelf (0 for the first)."""
    return (number - 1) * PER_PAGE


def page_at(place: int) -> int:
    """The number of the page showing a shelf's publication at `place` (0 for the first)."""
    return place // PER_PAGE + 1


def _shelves(index: ShelfIndex) -> tuple[list[Shelf], list[Facet], dict[str, Rows]]:
    every = index.slugs()
    rows = {"all": every, "new": index.slugs(newest=NEW_COUNT)}
    shelves = [Shelf("all", len(every), place=lambda slug: bisect_left(every, (slug,))),
               Shelf("new", len(rows["new"]))]
    for group, table, most in ((LANGUAGE, "language", None), (SUBJECT, "subject", SUBJECT_FACETS)):
        for value, members in sorted(index.groups(table, most).items()):
            key = shelf_key(table, value)
            rows[key] = members
            shelves.append(Shelf(key, len(members), group, value))
    collections, contents = _collection_shelves(index)
    return shelves + collections, _facets_of(shelves), rows | contents


def _facets_of(shelves: list[Shelf]) -> list[Facet]:
    return [Facet(shelf.group, shelf.value, shelf.key) for shelf in shelves if shelf.group in (LANGUAGE, SUBJECT)]


def _collection_shelves(index: ShelfIndex) -> tuple[list[Shelf], dict[str, Rows]]:
    """A shelf for each collection with articles in out/: they, in the collection's order."""
    shelves, rows = [], {}
    for slug, version, title in index.collections():
        if contents := index.contents(version):
            shelves.append(Shelf(f"{COLLECTION}-{slug}", len(contents), COLLECTION, title, slug, version))
            rows[shelves[-1].key] = contents
    return shelves, rows


def _signature(index: ShelfIndex) -> list[object]:
    """What every page shows of the catalog as a whole: its language and publishers."""
    return [index.distinct("language"), index.distinct("publisher")]


def _shown(page: Rows, relatives: dict[str, list[tuple[str, int]]], every: Shelf) -> list[int]:
    """The version and catalog page of each publication the page's entries name (few have any)."""
    return [number for slug, _ in page for other, version in relatives.get(slug, ())
            for number in (version, every.page_of(other))]


def _digest(common: str, shelf: Shelf, number: int, page: Rows, relatives: list[int]) -> str:
    """What a page shows: its place, its shelf's size (and a collection's title), its
    publications' versions (a row id names a slug's version, so the ids alone say it), their
    relatives', and what all pages share."""
    digest = hashlib.sha256(common.encode())
    digest.update(f"\0{shelf.key}\0{number}\0{shelf.count}\0{shelf.version}\0".encode())
    digest.update(array("q", [version for _, version in page] + relatives).tobytes())
    return digest.hexdigest()


def _root_digest(index: ShelfIndex, layout: Plan) -> str:
    """What the root feeds show: the shelves and their sizes, the newest date, and each
    collection's first page (its group)."""
    shown = [layout.state, index.newest(), [layout.digests[page_name(shelf.key, 1, "xml")]
                                            for shelf in layout.collections]]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()


def files_in(folder: Path, prefix: str = "") -> dict[str, str]:
    """name (with `prefix`) → inode (as text, as the index keeps it) of the files in `folder`."""
    if not folder.is_dir():
        return {}
    return {prefix + name: str(inode) for name, inode in scan(folder).items()}
