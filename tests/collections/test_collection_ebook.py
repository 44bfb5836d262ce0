"""The collection's EPUB: one book that EPUBCheck and DAISY Ace pass, nested navigation
(part → article → section), and a print page list matching the collection's PDF."""

from __future__ import annotations

import re
import zipfile

import pikepdf
import pytest
from helpers import NS, ace_violations, epub_xml, epubcheck_many, pdftotext

EPUBS = ["alash-reader.epub", "alash-reader.kk.epub", "alash-reader.ru.epub"]


def test_epubcheck_is_silent_on_every_edition(collection_out):
    assert epubcheck_many([collection_out / name for name in EPUBS]) == {}


def test_ace_is_silent(collection_out, tmp_path):
    assert ace_violations(collection_out / "alash-reader.epub", tmp_path) == []


def test_navigation_nests_parts_articles_and_sections(collection_out):
    nav = epub_xml(collection_out / "alash-reader.epub", "EPUB/text/nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']/x:ol", NS)
    top = [" ".join("".join(li.find("x:a", NS).itertext()).split()) for li in toc.findall("x:li", NS)]
    assert top == ["The Alash Movement", "The Autonomy", "Press and Scripts", "Sources and licences"]
    part = toc.findall("x:li", NS)[1]
    articles = ["".join(li.find("x:a", NS).itertext()) for li in part.findall("x:ol/x:li", NS)]
    assert articles == ["Alash Autonomy", "Kurultai of the Alash", "Üş Jüz"]
    sections = part.findall("x:ol/x:li", NS)[1].findall("x:ol/x:li/x:a", NS)
    assert [a.get("href") for a in sections] == ["a2-s01-history.xhtml", "a2-s02-members.xhtml"]


@pytest.mark.parametrize("suffix", ["", ".kk"])
def test_each_listed_page_starts_where_the_pdf_page_does(collection_out, suffix):
    """The page list names pages as the PDF labels them (the front matter's in roman), and each
    target's first words are on that page of the PDF."""
    epub, pdf = collection_out / f"alash-reader{suffix}.epub", collection_out / f"alash-reader{suffix}.pdf"
    nav = epub_xml(epub, "EPUB/text/nav.xhtml")
    targets = [(a.text, a.get("href")) for a in nav.findall(".//x:nav[@epub:type='page-list']//x:a", NS)]
    with pikepdf.open(pdf) as book:
        pages = {page.label: number for number, page in enumerate(book.pages, 1)}
    with zipfile.ZipFile(epub) as z:
        assert len(targets) >= 11 and targets[0][0] == "i" and "1" in dict(targets)
        for label, href in targets:
            document, marker = href.split("#")
            root = epub_xml(epub, f"EPUB/text/{document}")
            (span,) = root.xpath(f"//*[@id='{marker}']")
            words = " ".join("".join(span.xpath("following::text()")).split()[:3])
            assert words in pdftotext(pdf, pages[label], pages[label]), (label, words)
        assert "EPUB/text/nav.xhtml" in z.namelist()


def test_every_font_is_in_the_book_once_and_subset(collection_out):
    with zipfile.ZipFile(collection_out / "alash-reader.epub") as z:
        fonts = [name for name in z.namelist() if name.endswith(".ttf")]
        assert len(fonts) == len(set(fonts)) and fonts
        assert sum(z.getinfo(name).file_size for name in fonts) < 600_000  # the shipped faces: 7.6 MB
    opf = epub_xml(collection_out / "alash-reader.epub", "EPUB/content.opf")
    assert opf.xpath("//opf:meta[@property='schema:accessMode']", namespaces=NS)
    assert re.match(r"urn:uuid:", opf.xpath("//dc:identifier/text()", namespaces=NS)[0])


def test_the_editors_are_contributors_with_the_editor_role(collection_out):
    """Not dc:creator (calibre and catalogs would take them for its authors): dc:contributor,
    each refined with the MARC relator `edt`."""
    opf = epub_xml(collection_out / "alash-reader.epub", "EPUB/content.opf")
    assert opf.findall(".//dc:creator", NS) == []
    editors = opf.findall(".//dc:contributor", NS)
    assert [e.text for e in editors] == ["Aigerim Seitkali", "John Smith"]
    for editor in editors:
        (role,) = opf.xpath(f"//opf:meta[@refines='#{editor.get('id')}'][@property='role']", namespaces=NS)
        assert role.text == "edt" and role.get("scheme") == "marc:relators"
