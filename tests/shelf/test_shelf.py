"""Reading out/ back: Dublin Core records into catalog entries, with the files beside them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from shelf_records import read_back, shelve


def test_entries_in_slug_order_with_their_files(tmp_path):
    shelve(tmp_path, "b-steppe", files=("pdf", "epub", "mrc", "cover.png"), title="B")
    shelve(tmp_path, "a-steppe", files=("booklet.pdf",), title="A")
    warnings = []
    a, b = read_back(tmp_path, warnings)
    assert warnings == []
    assert (a.slug, a.title, [f.name for f in a.editions], a.cover) == ("a-steppe", "A", ["a-steppe.booklet.pdf"], None)
    assert [f.name for f in b.editions] == ["b-steppe.pdf", "b-steppe.epub"]
    assert [f.name for f in b.records] == ["b-steppe.mrc", "b-steppe.dc.xml"]
    assert b.cover.name == "b-steppe.cover.png" and b.cover.size == 10
    assert b.parallel_titles == (("kk", "Дала"),)
    # the first dc:description is the edition statement, in the edition's language
    assert (b.edition, b.edition_language, b.summary) == ("Русское издание, язык текста: английский", "ru", "A steppe.")
    assert b.summary_line == "Русское издание, язык текста: английский. A steppe."
    summary_only = replace(b, edition="")  # a record of an earlier run, before edition statements
    assert (summary_only.summary_line, replace(b, summary="").summary_line) == (
        "A steppe.", "Русское издание, язык текста: английский")
    assert b.languages == ("en", "kk") and b.isbn == "9780306406157"
    assert b.identifier == "urn:uuid:00000000-0000-5000-8000-000000000001"
    assert b.issued == date(2024, 1, 2) and b.authors == ("A. Writer",) and b.license == "CC BY-SA 4.0"


def test_records_that_cannot_be_listed_are_warnings(tmp_path):
    shelve(tmp_path, "good")
    shelve(tmp_path, "no-files", files=())
    shelve(tmp_path, "no-date", when="")
    shelve(tmp_path, "bad-date", when="2024-01-02")
    (tmp_path / "broken.dc.xml").write_text("<oai_dc:dc", encoding="utf-8")
    (tmp_path / "broken.epub").write_bytes(b"x")
    warnings = []
    assert [entry.slug for entry in read_back(tmp_path, warnings)] == ["good"]
    messages = {d.path.name: d.message for d in warnings}
    assert all(d.severity == "warning" for d in warnings) and len(warnings) == 4
    assert messages["no-files.dc.xml"] == "no PDF or EPUB beside this record: left out of the catalog"
    assert messages["no-date.dc.xml"] == "catalog record without dc:date, left out"
    assert messages["bad-date.dc.xml"].startswith("dc:date '2024-01-02' is not a UTC timestamp")
    assert messages["broken.dc.xml"].startswith("unreadable catalog record, left out:")
