"""E-reader edition, checked with EPUBCheck and XPath on the built files."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from conftest import ARTICLES, EPOCH
from encyclopress.publication import default_identifier
from helpers import NS, epub_xml, epubcheck_many, opf, spine_documents

NAMES = ["alash-autonomy", *(a.stem for a in ARTICLES)]


@pytest.fixture(scope="module")
def epubcheck_failures(built) -> dict[str, str]:
    """EPUBCheck on every built EPUB in one Java run (a run per file costs seconds each)."""
    return epubcheck_many([built / f"{name}.epub" for name in NAMES])


@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_reports_nothing(built, epubcheck_failures, name):
    assert epubcheck_failures.get(str(built / f"{name}.epub")) is None


@pytest.mark.parametrize("name", NAMES)
def test_every_spine_document_has_body_text(built, name):
    epub = built / f"{name}.epub"
    for document in spine_documents(epub):
        body = epub_xml(epub, document).find("x:body", NS)
        assert "".join(body.itertext()).strip(), document


def test_package_metadata(built):
    package = opf(built / "alash-autonomy.epub")
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    identifier = package.xpath("//dc:identifier[@id=/opf:package/@unique-identifier]/text()", namespaces=NS)
    assert identifier == [default_identifier("alash-autonomy")]
    assert package.xpath("//dc:language/text()", namespaces=NS) == ["en", "kk", "ru"]
    assert package.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS) == ["2023-11-14T22:13:20Z"]
    titles = package.xpath("//dc:title", namespaces=NS)
    assert [(t.text, t.get("{http://www.w3.org/XML/1998/namespace}lang")) for t in titles] == [
        ("Alash Autonomy", None), ("Алаш автономиясы", "kk"), ("Алашская автономия", "ru")]


def test_split_by_top_level_section_with_nav_and_ncx(built):
    epub = built / "alash-autonomy.epub"
    assert [d.rsplit("/", 1)[1] for d in spine_documents(epub)] == [
        "title.xhtml", "nav.xhtml", "s01-ethnonym.xhtml", "s02-history.xhtml", "s03-government.xhtml",
        "s04-films.xhtml", "s05-see-also.xhtml", "colophon.xhtml"]
    ncx = epub_xml(epub, "EPUB/toc.ncx")
    labels = ncx.xpath("//n:navPoint/n:navLabel/n:text/text()", namespaces={"n": "http://www.daisy.org/z3986/2005/ncx/"})
    assert labels[:3] == ["Alash Autonomy", "Ethnonym", "History"]


def test_zip_is_ocf_mimetype_first_and_stored(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/epub+zip"
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert int(EPOCH) == 1700000000


def test_shipped_fonts_are_embedded(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        fonts = sorted(n for n in z.namelist() if n.endswith(".ttf"))
    assert "EPUB/fonts/NotoSerif-Regular.ttf" in fonts and "EPUB/fonts/NotoSans-Bold.ttf" in fonts
    with zipfile.ZipFile(built / "many-scripts.epub") as z:
        assert "EPUB/fonts/NotoNaskhArabic-Regular.ttf" in z.namelist()


def test_kazakh_and_russian_runs_carry_lang_and_xml_lang(built):
    title = epub_xml(built / "alash-autonomy.epub", "EPUB/text/title.xhtml")
    spans = title.xpath("//x:span[@lang]", namespaces=NS)
    assert spans and all(s.get("lang") == s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in spans)
    assert ("kk", "Оян, Қазақ") in [(s.get("lang"), s.text) for s in spans]
    films = epub_xml(built / "alash-autonomy.epub", "EPUB/text/s04-films.xhtml")
    assert films.xpath("//x:span[@lang='kk']/text()", namespaces=NS)[0] == "Алаш туралы сөз"


def test_right_to_left_runs_are_isolated(built):
    title = epub_xml(built / "many-scripts.epub", "EPUB/text/title.xhtml")
    assert title.xpath("//x:bdi[@dir='rtl']/text()", namespaces=NS)[:2] == ["طريق الحرير", "طريق الحرير"]


def test_infobox_rows_have_row_headers(built):
    title = epub_xml(built / "alash-autonomy.epub", "EPUB/text/title.xhtml")
    headers = title.xpath("//x:table[@class='infobox']//x:th[@scope='row']/text()", namespaces=NS)
    assert headers[:3] == ["Official name", "Preceded by", "Succeeded by"]
    assert title.xpath("//x:time/@datetime", namespaces=NS) == ["1917-12-13", "1920-08-26"]


def test_stylesheets_fit_e_readers(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        css = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
    assert "@page" not in css and not re.search(r"(?<![-\w])size\s*:", css)
