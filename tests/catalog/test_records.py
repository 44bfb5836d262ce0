"""The catalog writer: Dublin Core content, links to the editions that exist, warnings, reproducibility."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
from helpers import EPOCH, ROOT, SEED, loads_weasyprint, read_marc
from lxml import etree

from encyclopress.builder.batch import build_all
from encyclopress.builder.options import BuildOptions
from encyclopress.cli import main

DC = {"dc": "http://purl.org/dc/elements/1.1/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SMALL = "= Small =\n\nA small article.\n"


def dc(path, element):
    return etree.parse(str(path)).getroot().findall(f"dc:{element}", DC)


def test_dublin_core_of_the_seed(built):
    record = built / "alash-autonomy.dc.xml"
    assert [(t.get(XML_LANG), t.text) for t in dc(record, "title")] == [
        ("en", "Alash Autonomy"), ("kk", "Алаш автономиясы"), ("ru", "Алашская автономия")]
    assert [e.text for e in dc(record, "language")] == ["en"]  # the text's and the apparatus's
    assert [e.text for e in dc(record, "format")] == ["application/pdf", "application/epub+zip"]
    assert [e.text for e in dc(record, "date")] == ["2023-11-14T22:13:20Z"]
    assert dc(record, "identifier")[0].text.startswith("urn:uuid:")
    assert [e.text for e in dc(record, "rights")] == ["CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"]
    assert [(e.text, e.get(XML_LANG)) for e in dc(record, "description")][0] == ("English edition", "en")
    assert dc(record, "description")[1].text.startswith("The Alash Autonomy, also known as Alash Orda")
    assert dc(record, "source")[0].text == "https://en.wikipedia.org/wiki/Alash_Autonomy"


def test_the_kazakh_editions_record_lists_the_texts_language_first(built):
    record = built / "alash-autonomy.kk.dc.xml"
    assert [e.text for e in dc(record, "language")] == ["en", "kk"]
    assert [(e.text, e.get(XML_LANG)) for e in dc(record, "description")][0] == (
        "Қазақша басылым, мәтін тілі: ағылшын тілі", "kk")
    assert [e.text for e in dc(record, "identifier") if e.text.startswith("urn:isbn:")] == []


def test_without_a_sidecar_no_creator_and_no_rights(built):
    record = built / "many-scripts.dc.xml"
    assert dc(record, "creator") == [] and dc(record, "rights") == []
    assert "Wikipedia" not in record.read_text(encoding="utf-8")


def test_isbn_is_an_identifier(built):
    identifiers = [e.text for e in dc(built / "the-steppe-press.dc.xml", "identifier")]
    assert identifiers[1:] == ["urn:isbn:9780306406157"]


def test_records_link_only_the_editions_built_whatever_the_order(write, tmp_path):
    """`catalog,epub`: the writers still run catalog last, and there is no PDF to link."""
    article = write("small.txt", SMALL)
    out = tmp_path / "out"
    assert main([str(article), "--out", str(out), "--formats", "catalog,epub"], root=ROOT) == 0
    record = read_marc(out / "small.mrc")
    assert [f["u"] for f in record.get_fields("856")] == ["small.epub"]
    assert [e.text for e in dc(out / "small.dc.xml", "format")] == ["application/epub+zip"]
    assert record.get_fields("041")[0].get_subfields("a") == ["eng"] and record.get_fields("246") == []


def test_records_asked_for_before_the_pdf_still_link_count_and_travel_in_it(write, tmp_path, project):
    """build_all itself orders the formats: the record comes after the PDF it describes."""
    article = write("small.txt", SMALL)
    out = tmp_path / "out"
    [result] = build_all([article], out, BuildOptions(("catalog", "pdf")), project, report=lambda result: None)
    assert result.ok, result.diagnostics
    record = read_marc(out / "small.mrc")
    assert [f["u"] for f in record.get_fields("856")] == ["small.pdf"]
    assert record["300"]["a"] == "1 online resource (1 page)"
    with pikepdf.open(out / "small.pdf") as pdf:
        assert "small.marcxml" in pdf.attachments


def test_records_without_the_pdf_count_no_pages_and_never_load_weasyprint(write, tmp_path):
    """MARC 300 counts the pages of the PDF built with the record; none is laid out just to count."""
    article = write("small.txt", SMALL)
    assert not loads_weasyprint(article, tmp_path / "out", ("epub", "catalog"))
    assert read_marc(tmp_path / "out" / "small.mrc")["300"]["a"] == "1 online resource"


def test_a_language_without_marc_code_is_a_warning(write, tmp_path, capsys):
    article = write("swahili.txt", "= Swahili =\n\nMakala fupi.\n")
    write("swahili.toml", 'language = "sw"\nlocale = "sw"\n')
    out = tmp_path / "out"
    assert main([str(article), "--out", str(out), "--formats", "catalog"], root=ROOT) == 0
    assert f"{article}: warning: catalog: no MARC language code for 'sw'; it is left out of 008 and 041" \
        in capsys.readouterr().err
    record = read_marc(out / "swahili.mrc")
    assert record["008"].data[35:38] == "und" and record.get_fields("041") == []


def test_same_input_same_records(built, tmp_path, monkeypatch):
    """Rebuilt with the PDF (which they count) beside the same editions, the records and feeds are byte-identical."""
    out = tmp_path / "out"
    out.mkdir()
    for suffix in ("pdf", "booklet.pdf", "epub"):  # the editions the records link
        shutil.copy(built / f"{SEED.stem}.{suffix}", out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main([str(SEED), "--out", str(out), "--formats", "catalog,pdf"], root=ROOT) == 0
    def files(out: Path) -> dict[str, bytes]:  # the catalog's pages and search index in their folders too
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    first = files(out)
    for suffix in ("mrc", "marcxml", "dc.xml"):
        assert first[f"{SEED.stem}.{suffix}"] == (built / f"{SEED.stem}.{suffix}").read_bytes()
    assert main([str(SEED), "--out", str(out), "--formats", "catalog,pdf"], root=ROOT) == 0
    assert files(out) == first and "catalog.json" in first and "catalog/root.xml" in first
