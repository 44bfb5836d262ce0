"""The catalog paged: first/previous/next/last, facets by language and subject, the newest
first, a root navigation feed; each page valid; only the pages that changed are written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import jing_errors, opds2_validator
from lxml import etree
from shelf_records import shelve

from encyclopress.builder.batch import make_shelf
from encyclopress.shelf import pages
from encyclopress.shelf.index import index_file

ATOM = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/", "opds": "http://opds-spec.org/2010/catalog"}
FACET = "http://opds-spec.org/facet"
PER_PAGE = 2


@pytest.fixture(scope="module")
def paged(built: Path, tmp_path_factory: pytest.TempPathFactory, project) -> Path:
    """The session's out/, its catalog cut into pages of two."""
    out = tmp_path_factory.mktemp("paged")
    shutil.copytree(built, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("catalog*", "index.html", "pagefind"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "PER_PAGE", PER_PAGE)
        result = make_shelf(out, project)
    assert result.ok and result.diagnostics == []
    return out


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def links(root: etree._Element) -> dict[str, str]:
    return {link.get("rel"): link.get("href") for link in root.findall("a:link", ATOM)}


def slugs(out: Path) -> list[str]:
    return sorted(p.name[: -len(".dc.xml")] for p in out.glob("*.dc.xml"))


def test_every_page_is_valid(paged):
    xml_pages = [paged / "catalog.xml", *sorted((paged / "catalog").glob("*.xml"))]
    assert len(xml_pages) > 15 and jing_errors(xml_pages) == ""
    validator = opds2_validator()
    for page in [paged / "catalog.json", *sorted((paged / "catalog").glob("*.json"))]:
        data = json.loads(page.read_text(encoding="utf-8"))
        assert [error.message for error in validator.iter_errors(data)] == [], page.name


def test_next_links_walk_every_publication_once(paged):
    """OPDS 1.2 from catalog.xml by `next`; OPDS 2.0 from catalog.json the same way."""
    expected = len(slugs(paged))
    page, seen, names = paged / "catalog.xml", [], []
    while True:
        root = xml(page)
        entries = root.findall("a:entry", ATOM)
        assert 1 <= len(entries) <= PER_PAGE
        seen += [e.findtext("a:id", namespaces=ATOM) for e in entries]
        names.append(page.relative_to(paged).as_posix())
        rels = links(root)
        assert rels["first"] if page.name != "catalog.xml" else "first" not in rels
        if "next" not in rels:
            break
        page = (page.parent / rels["next"]).resolve()
    assert len(seen) == len(set(seen)) == expected
    assert names == ["catalog.xml", *(f"catalog/all-{n}.xml" for n in range(2, len(names) + 1))]
    last = xml(paged / "catalog/all-2.xml")
    assert links(last)["previous"] == "../catalog.xml" and links(last)["first"] == "../catalog.xml"
    assert links(xml(paged / "catalog.xml"))["last"] == f"catalog/all-{len(names)}.xml"
    data, found = json.loads((paged / "catalog.json").read_text(encoding="utf-8")), []
    while True:
        found += [p["metadata"]["identifier"] for p in data["publications"]]
        assert data["metadata"]["itemsPerPage"] == PER_PAGE and data["metadata"]["numberOfItems"] == expected
        nxt = [link["href"] for link in data["links"] if link["rel"] == "next"]
        if not nxt:
            break
        data = json.loads((paged / "catalog" / Path(nxt[0]).name).read_text(encoding="utf-8"))
    assert found == seen


def test_entries_link_their_files_from_a_page_in_the_folder(paged):
    entry = xml(paged / "catalog/all-2.xml").find("a:entry", ATOM)
    hrefs = [link.get("href") for link in entry.findall("a:link", ATOM)]
    assert all(href.startswith("../") or href.startswith("all-2.html#") for href in hrefs)
    assert all((paged / "catalog" / href.split("#")[0]).resolve().is_file() for href in hrefs)


def test_language_facet_lists_its_publications_and_is_active_there(paged):
    english = xml(paged / "catalog/language-en-1.xml")
    facets = [link for link in english.findall(f"a:link[@rel='{FACET}']", ATOM)]
    groups = {link.get(f"{{{ATOM['opds']}}}facetGroup") for link in facets}
    assert groups == {"Language", "Subject"}
    active = [link for link in facets if link.get(f"{{{ATOM['opds']}}}activeFacet") == "true"]
    assert [(link.get("title"), link.get("href")) for link in active] == [("English", "language-en-1.xml")]
    walked, page = [], english
    while True:
        walked += page.findall("a:entry", ATOM)
        if "next" not in links(page):
            break
        page = xml(paged / "catalog" / links(page)["next"])
    with_en = [s for s in slugs(paged) if "<dc:language>en</dc:language>" in (paged / f"{s}.dc.xml").read_text()]
    assert len(walked) == len(with_en) > 2 * PER_PAGE  # over more than two pages
    assert all("en" in [e.text for e in entry.findall("dc:language", ATOM)] for entry in walked)
    data = json.loads((paged / "catalog/language-en-1.json").read_text(encoding="utf-8"))
    language = next(f for f in data["facets"] if f["metadata"]["title"] == "Language")
    assert [link["title"] for link in language["links"] if link.get("rel") == "self"] == ["English"]


def test_subject_facet(paged):
    root = xml(paged / "catalog.xml")
    subject = next(link for link in root.findall(f"a:link[@rel='{FACET}']", ATOM) if link.get("title") == "Alash Orda")
    page = xml(paged / subject.get("href"))
    assert page.findtext("a:title", namespaces=ATOM) == "Alash Orda"
    assert all("Alash Orda" in [c.get("term") for c in e.findall("a:category", ATOM)] for e in page.findall("a:entry", ATOM))


def test_new_feed_is_newest_first(paged, project, tmp_path):
    out = tmp_path / "out"
    for day, slug in enumerate(["b", "a", "c"], start=1):
        shelve(out, slug, title=slug.upper(), when=f"2024-01-0{day}T00:00:00Z")
    assert make_shelf(out, project).ok
    new = xml(out / "catalog/new-1.xml")
    assert [e.findtext("a:title", namespaces=ATOM) for e in new.findall("a:entry", ATOM)] == ["C", "A", "B"]
    assert links(xml(out / "catalog.xml"))["http://opds-spec.org/sort/new"] == "catalog/new-1.xml"


def test_root_navigation_feed(paged):
    root = xml(paged / "catalog/root.xml")
    entries = {e.findtext("a:title", namespaces=ATOM): e.find("a:link", ATOM) for e in root.findall("a:entry", ATOM)}
    assert entries["All publications"].get("href") == "../catalog.xml"
    assert entries["New publications"].get("rel") == "http://opds-spec.org/sort/new"
    assert entries["Kazakh"].get("href") == "language-kk-1.xml" and "Alash Orda" in entries
    assert all(link.get("type").endswith("kind=acquisition") for link in entries.values())
    assert links(root)["self"] == "root.xml" and links(xml(paged / "catalog.xml"))["start"] == "catalog/root.xml"
    data = json.loads((paged / "catalog/root.json").read_text(encoding="utf-8"))
    assert {n["title"]: n["href"] for n in data["navigation"]}["All publications"] == "../catalog.json"


def _stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns
            for p in [out / "catalog.xml", out / "catalog.json", out / "index.html", *(out / "catalog").iterdir()]}


def test_one_changed_record_rewrites_only_its_pages(project, tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", PER_PAGE)
    out = tmp_path / "out"
    for n in range(7):
        shelve(out, f"p{n}", title=f"P{n}", when=f"2024-01-0{n + 1}T00:00:00Z")
    assert make_shelf(out, project).ok
    before = _stamps(out)
    assert make_shelf(out, project).ok and _stamps(out) == before  # nothing changed: nothing written
    shelve(out, "p4", title="P4 revised", when="2024-01-05T00:00:00Z")  # the same date: stays in its place
    assert make_shelf(out, project).ok
    after = _stamps(out)
    rewritten = sorted(name for name in after if after[name] != before[name])
    # p4 is on page 3 of everything and of each language, and on page 2 of the newest (7, 6, 5, 4 …);
    # the root feeds list only the shelves and their sizes: unchanged
    assert rewritten == ["catalog/all-3.html", "catalog/all-3.json", "catalog/all-3.xml",
                         "catalog/language-en-3.json", "catalog/language-en-3.xml",
                         "catalog/language-kk-3.json", "catalog/language-kk-3.xml",
                         "catalog/new-2.json", "catalog/new-2.xml"]
    assert "P4 revised" in (out / "catalog/all-3.xml").read_text(encoding="utf-8")


def test_index_deleted_or_damaged_is_rebuilt(project, tmp_path):
    out = tmp_path / "out"
    for n in range(3):
        shelve(out, f"p{n}", title=f"P{n}")
    assert make_shelf(out, project).diagnostics == []
    feed = (out / "catalog.xml").read_bytes()
    index_file(out).unlink()
    assert make_shelf(out, project).diagnostics == [] and (out / "catalog.xml").read_bytes() == feed
    index_file(out).write_bytes(b"this is not SQLite" * 100)
    result = make_shelf(out, project)
    assert result.ok and [d.severity for d in result.diagnostics] == ["warning"]
    assert "the shelf index was damaged" in result.diagnostics[0].message
    assert (out / "catalog.xml").read_bytes() == feed
    assert make_shelf(out, project).diagnostics == []


def test_removed_publication_leaves_the_catalog_and_its_pages_go(project, tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", PER_PAGE)
    out = tmp_path / "out"
    for n in range(3):
        shelve(out, f"p{n}", title=f"P{n}")
    assert make_shelf(out, project).ok and (out / "catalog/all-2.xml").exists()
    for path in out.glob("p2.*"):
        path.unlink()
    assert make_shelf(out, project).ok
    assert not (out / "catalog/all-2.xml").exists() and not (out / "catalog/all-2.html").exists()
    assert [e.findtext("a:title", namespaces=ATOM) for e in xml(out / "catalog.xml").findall("a:entry", ATOM)] == ["P0", "P1"]


def test_a_changed_collection_rewrites_the_pages_of_its_articles_too(project, tmp_path, monkeypatch):
    """A collection's entry lists its articles and theirs name it, wherever each is in the
    catalog: a page is written again when a publication it names changes, and no other."""
    monkeypatch.setattr(pages, "PER_PAGE", PER_PAGE)
    out = tmp_path / "out"
    for n in range(4):
        shelve(out, f"a{n}", title=f"A{n}", identifier=f"urn:uuid:00000000-0000-5000-8000-00000000000{n}")
    shelve(out, "z-book", title="Book", identifier="urn:uuid:00000000-0000-5000-8000-0000000000b0",
           parts=("urn:uuid:00000000-0000-5000-8000-000000000000", "urn:uuid:00000000-0000-5000-8000-0000000000ff"))
    assert make_shelf(out, project).ok
    first = etree.parse(str(out / "index.html"), etree.HTMLParser())
    assert first.xpath("//ul[@class='collections']/li/a/@href") == ["catalog/all-3.html#z-book"]  # on page 3
    book = etree.parse(str(out / "catalog/all-3.html"), etree.HTMLParser())
    assert [(a.get("href"), a.text) for a in book.xpath("//ol[@class='contents']/li/a")] == [("../index.html#a0", "A0")]
    before = _stamps(out)
    shelve(out, "z-book", title="The Book", identifier="urn:uuid:00000000-0000-5000-8000-0000000000b0",
           parts=("urn:uuid:00000000-0000-5000-8000-000000000000",))
    assert make_shelf(out, project).ok
    after = _stamps(out)
    rewritten = {name for name in after if after[name] != before[name]}
    assert {"index.html", "catalog.xml", "catalog/all-3.html"} <= rewritten  # a0's page names the book
    assert not any(name.startswith("catalog/all-2") for name in rewritten)  # a2, a3: nothing of the book
    assert "The Book" in (out / "index.html").read_text(encoding="utf-8")
    isn = xml(out / "catalog.xml").xpath("//a:entry[a:title='A0']/dc:isPartOf/text()", namespaces=ATOM)
    assert isn == ["urn:uuid:00000000-0000-5000-8000-0000000000b0"]


def _catalog_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in [out / "catalog.xml", out / "catalog.json", out / "index.html", *(out / "catalog").iterdir()]}


def test_pages_patched_after_a_change_are_those_a_fresh_index_writes(project, tmp_path, monkeypatch):
    """A publication only read again patches the last plan (no shelf read whole); whatever the
    change, the catalog is byte for byte the one an index built from nothing writes."""
    monkeypatch.setattr(pages, "PER_PAGE", PER_PAGE)
    full = []
    plan_whole = pages._full
    monkeypatch.setattr(pages, "_full", lambda *args: full.append(1) or plan_whole(*args))
    out = tmp_path / "out"
    ids = [f"urn:uuid:00000000-0000-5000-8000-00000000000{n}" for n in range(6)]
    for n in range(6):
        shelve(out, f"a{n}", title=f"A{n}", identifier=ids[n], lang=("en", "kk")[n % 2], when=f"2024-01-0{n + 1}T00:00:00Z")
    shelve(out, "book", title="Book", identifier="urn:uuid:00000000-0000-5000-8000-0000000000b0", parts=(ids[4], ids[1]))
    changes = [
        ("a3 read again", False, lambda: shelve(out, "a3", title="A3 revised", identifier=ids[3], lang="kk",
                                                when="2024-01-04T00:00:00Z")),
        ("a collection's article", False, lambda: shelve(out, "a1", title="A1 revised", identifier=ids[1], lang="kk",
                                                         when="2024-01-02T00:00:00Z")),
        ("the collection", False, lambda: shelve(out, "book", title="The Book", parts=(ids[4], ids[1]),
                                                 identifier="urn:uuid:00000000-0000-5000-8000-0000000000b0")),
        ("nothing", False, lambda: None),
        ("a new date", False, lambda: shelve(out, "a0", title="A0", identifier=ids[0], when="2024-02-01T00:00:00Z")),
        ("another language", True, lambda: shelve(out, "a2", title="A2", identifier=ids[2], lang="kk")),
        ("a new article", True, lambda: shelve(out, "a25", title="A25", identifier="urn:uuid:00000000-0000-5000-8000-0000000000aa")),
        ("the collection's order", True, lambda: shelve(out, "book", title="The Book", parts=(ids[1], ids[4], ids[5]),
                                                        identifier="urn:uuid:00000000-0000-5000-8000-0000000000b0")),
        ("one removed", True, lambda: [path.unlink() for path in out.glob("a5.*")]),
    ]
    assert make_shelf(out, project).ok
    for what, whole, change in changes:
        full.clear()
        change()
        assert make_shelf(out, project).ok, what
        assert bool(full) == whole, what
        fresh = tmp_path / what.replace(" ", "-").replace("'", "")
        shutil.copytree(out, fresh, ignore=shutil.ignore_patterns("catalog*", "index.html", "pagefind"))
        assert make_shelf(fresh, project).ok
        assert _catalog_files(out) == _catalog_files(fresh), what


def test_collections_are_groups_of_the_root_feeds_with_their_articles_in_order(project, tmp_path, monkeypatch):
    """OPDS 2.0: a group per collection (its metadata, its articles in its order, a link to
    its feed); OPDS 1.2: a navigation entry leading to that feed, whose entries are grouped
    by rel="collection". Every page still valid."""
    monkeypatch.setattr(pages, "PER_PAGE", PER_PAGE)
    out = tmp_path / "out"
    ids = [f"urn:uuid:00000000-0000-5000-8000-00000000000{n}" for n in range(4)]
    for n in range(4):
        shelve(out, f"a{n}", title=f"A{n}", identifier=ids[n])
    book = "urn:uuid:00000000-0000-5000-8000-0000000000b0"
    missing = "urn:uuid:00000000-0000-5000-8000-0000000000ff"  # an article out/ does not hold
    shelve(out, "book", title="Book", identifier=book, parts=(ids[3], missing, ids[1], ids[0]))
    assert make_shelf(out, project).ok
    root = json.loads((out / "catalog/root.json").read_text(encoding="utf-8"))
    [group] = root["groups"]
    assert group["metadata"]["title"] == "Book" and group["metadata"]["identifier"] == book
    assert group["metadata"]["numberOfItems"] == 3  # the group shows its feed's first page (of two here)
    assert [p["metadata"]["title"] for p in group["publications"]] == ["A3", "A1"]
    assert group["links"] == [{"rel": "self", "href": "collection-book-1.json", "type": pages.OPDS2, "title": "Book"}]
    assert group["publications"][0]["links"][0]["href"] == "../a3.epub"
    navigation = xml(out / "catalog/root.xml")
    entry = navigation.xpath("a:entry[a:title='Book']", namespaces=ATOM)[0]
    assert entry.find("a:link", ATOM).get("href") == "collection-book-1.xml"
    walked, page = [], xml(out / "catalog/collection-book-1.xml")
    while True:
        for item in page.findall("a:entry", ATOM):
            walked.append(item.findtext("a:title", namespaces=ATOM))
            grouped = item.find("a:link[@rel='collection']", ATOM)
            assert (grouped.get("href").startswith("collection-book-1.xml"), grouped.get("title")) == (True, "Book")
        if "next" not in links(page):
            break
        page = xml(out / "catalog" / links(page)["next"])
    assert walked == ["A3", "A1", "A0"]  # over two pages, in the collection's order
    xml_pages = [out / "catalog.xml", *sorted((out / "catalog").glob("*.xml"))]
    assert jing_errors(xml_pages) == ""
    validator = opds2_validator()
    for path in [out / "catalog.json", *sorted((out / "catalog").glob("*.json"))]:
        assert [e.message for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))] == [], path.name
    shelve(out, "book", title="Book", identifier=book, parts=(ids[1], ids[3]))  # reordered: the groups follow
    assert make_shelf(out, project).ok
    [group] = json.loads((out / "catalog/root.json").read_text(encoding="utf-8"))["groups"]
    assert [p["metadata"]["title"] for p in group["publications"]] == ["A1", "A3"]
    assert not (out / "catalog/collection-book-2.xml").exists()
