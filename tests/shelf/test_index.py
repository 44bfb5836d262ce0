"""The shelf index: read once, found by any word of a title in any script."""

from __future__ import annotations

from shelf_records import place, shelve

from encyclopress.shelf.index import ShelfIndex, fts_query


def index_of(out, tmp_path):
    return ShelfIndex(out, [], tmp_path / "index.sqlite")


def test_records_are_read_once_until_changed(tmp_path):
    out = tmp_path / "out"
    for slug in ("a", "b", "c"):
        shelve(out, slug, title=slug.upper())
    index = index_of(out, tmp_path)
    assert (index.refresh().read, index.refresh().read) == (3, 0)
    shelve(out, "b", title="B, revised")
    (out / "c.dc.xml").unlink()
    change = index.refresh()
    assert (change.read, change.removed) == (1, 1)
    assert [e.title for e in index.entries([s for s, _ in index.slugs()])] == ["A", "B, revised"]


def test_titles_in_every_script_are_found(tmp_path):
    out = tmp_path / "out"
    titles = {"alash": "Alash Autonomy", "kk": "Алаш автономиясы", "zh": "絲綢之路", "ar": "طريق الحرير",
              "ja": "シルクロード"}
    for slug, title in titles.items():
        shelve(out, slug, title=title)
    index = index_of(out, tmp_path)
    index.refresh()
    assert index.search("Алаш", 10) == ["kk"]
    assert index.search("алаш", 10) == ["kk"]  # any case
    assert index.search("Ала", 10) == ["kk"]  # a word's start is enough
    assert index.search("alash autonomy", 10) == ["alash"]
    assert index.search("絲綢", 10) == ["zh"] and index.search("之路", 10) == ["zh"]  # any part of a CJK run
    assert index.search("الحرير", 10) == ["ar"]
    assert index.search("ロード", 10) == ["ja"]
    assert sorted(index.search("Дала", 10)) == sorted(titles)  # every record's parallel title
    assert index.search("nothing-like-it", 10) == []


def test_query_syntax_is_never_fts5_syntax(tmp_path):
    out = tmp_path / "out"
    shelve(out, "a", title="Alash")
    index = index_of(out, tmp_path)
    index.refresh()
    assert fts_query('NEAR("x" AND) title: *') == '"NEAR"* AND "x"* AND "AND"* AND "title"*'
    for query in ('"', "title:Alash", "Alash OR", "*", "(", "-Alash", "^Alash"):
        assert index.search(query, 10) in ([], ["a"])
    assert index.search("title:Alash", 10) == []  # "title" is a word like any other here


def test_a_file_replaced_alone_reads_its_publication_again(tmp_path):
    """A PDF rebuilt with --formats pdf changes the entry (its size), not its record."""
    out = tmp_path / "out"
    shelve(out, "a", files=("epub", "pdf"))
    shelve(out, "a.booklet", files=("epub",))  # `a.booklet.pdf` would be a's booklet, or this one's PDF
    index = index_of(out, tmp_path)
    index.refresh()
    place(out / "a.pdf", b"x" * 500)
    assert index.refresh().read == 1
    assert [f.size for f in index.entries(["a"])[0].editions if f.name == "a.pdf"] == [500]
    place(out / "a.booklet.pdf", b"x" * 20)
    assert (index.refresh().read, index.refresh().read) == (2, 0)
    (out / "a.epub").unlink()
    assert index.refresh().read == 1


def test_an_unreadable_record_is_warned_of_on_every_run(tmp_path):
    out = tmp_path / "out"
    shelve(out, "good")
    place(out / "bad.dc.xml", b"<not a record")
    warnings = []
    index = ShelfIndex(out, warnings, tmp_path / "index.sqlite")
    assert index.refresh().read == 2
    assert index.refresh().read == 1  # the bad one only, until it is fixed
    assert [w.path.name for w in warnings] == ["bad.dc.xml", "bad.dc.xml"]
    shelve(out, "bad")
    assert (index.refresh().read, index.refresh().read) == (1, 0)
