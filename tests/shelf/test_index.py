"""The shelf index: read once, found by any word of a title in any script."""

from __future__ import annotations

from shelf_records import shelve

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
