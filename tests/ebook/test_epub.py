"""E-reader edition, checked with EPUBCheck and XPath on the built files."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from helpers import (
    ARTICLES,
    MANY_SCRIPTS_FONTS,
    NS,
    ROOT,
    epub_xml,
    epubcheck_many,
    loads_weasyprint,
    opf,
    pdftotext,
    spine_documents,
)
from lxml import etree

from encyclopress.cli import main
from encyclopress.core.identifiers import default_identifier

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
        alt = body.xpath(".//x:img/@alt", namespaces=NS)  # the cover page is its image
        assert "".join(body.itertext()).strip() or "".join(alt).strip(), document


def test_package_metadata(built):
    package = opf(built / "alash-autonomy.epub")
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    identifier = package.xpath("//dc:identifier[@id=/opf:package/@unique-identifier]/text()", namespaces=NS)
    assert identifier == [default_identifier("alash-autonomy")]
    assert package.xpath("//dc:language/text()", namespaces=NS) == ["en"]  # Kazakh and Russian words are marked in place
    assert package.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS) == ["2023-11-14T22:13:20Z"]
    titles = package.xpath("//dc:title", namespaces=NS)
    assert [(t.text, t.get("{http://www.w3.org/XML/1998/namespace}lang")) for t in titles] == [
        ("Alash Autonomy", "en"), ("Алаш автономиясы", "kk"), ("Алашская автономия", "ru")]


def _dc_elements(root: etree._Element) -> list[tuple[str, str, str | None]]:
    return [(etree.QName(el).localname, el.text, el.get("{http://www.w3.org/XML/1998/namespace}lang"))
            for el in root.iter("{%s}*" % NS["dc"])]


@pytest.mark.parametrize("name", ["alash-autonomy", "alash-autonomy.kk", "the-steppe-press"])
def test_package_dublin_core_is_the_records(built, name):
    """One mapping (rendering/dublin_core.py): the OPF says what `.dc.xml` says, except
    dc:format, the media types of the editions the record links to."""
    package = _dc_elements(opf(built / f"{name}.epub"))
    record = [e for e in _dc_elements(etree.parse(built / f"{name}.dc.xml").getroot()) if e[0] != "format"]
    assert package == record
    assert ("date", "2023-11-14T22:13:20Z", None) in package


def test_split_by_top_level_section_with_nav_and_ncx(built):
    epub = built / "alash-autonomy.epub"
    assert [d.rsplit("/", 1)[1] for d in spine_documents(epub)] == [
        "cover.xhtml", "title.xhtml", "nav.xhtml", "s01-ethnonym.xhtml", "s02-history.xhtml", "s03-government.xhtml",
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


def test_shipped_fonts_are_embedded(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        fonts = sorted(n for n in z.namelist() if n.endswith(".ttf"))
    assert "EPUB/fonts/NotoSerif-Regular.ttf" in fonts and "EPUB/fonts/NotoSans-Bold.ttf" in fonts
    with zipfile.ZipFile(built / "many-scripts.epub") as z:
        assert "EPUB/fonts/NotoNaskhArabic-Regular.ttf" in z.namelist()


def test_runes_and_arrows_travel_with_their_fonts(built):
    """The fallbacks are subset like the rest, to the characters the book uses (many-scripts
    has Old Turkic runes and an arrow)."""
    with zipfile.ZipFile(built / "many-scripts.epub") as z:
        for font, chars in [("NotoSansOldTurkic-Regular.ttf", "𐰇𐰜𐰼𐱅"), ("NotoSansSymbols-Regular.ttf", "→")]:
            cmap = TTFont(io.BytesIO(z.read(f"EPUB/fonts/{font}"))).getBestCmap()
            assert {ord(c) for c in chars} <= set(cmap), font


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


def test_arabic_script_kazakh_carries_its_language_as_well_as_its_direction(built):
    title = epub_xml(built / "many-scripts.epub", "EPUB/text/title.xhtml")
    kazakh = title.xpath("//x:bdi[@dir='rtl'][@lang='kk-Arab']", namespaces=NS)
    assert [(b.text, b.get("{http://www.w3.org/XML/1998/namespace}lang")) for b in kazakh] == [("جىبەك جولى", "kk-Arab")]
    assert title.xpath("//x:bdi[text()='طريق الحرير']/@lang", namespaces=NS) == []  # Arabic: not guessed


EDITIONS = {"": ("en", "English edition"), ".kk": ("kk", "Қазақша басылым, мәтін тілі: ағылшын тілі"),
            ".ru": ("ru", "Русское издание, язык текста: английский")}


@pytest.mark.parametrize("edition", EDITIONS)
def test_an_editions_first_language_is_the_texts_and_its_statement_says_which_edition(built, edition):
    """The article is English in every edition; the edition's language (its apparatus) follows,
    and the first dc:description is the edition statement in that language."""
    language, statement = EDITIONS[edition]
    package = opf(built / f"alash-autonomy{edition}.epub")
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert package.xpath("//dc:language/text()", namespaces=NS) == list(dict.fromkeys(["en", language]))
    (first, summary) = package.xpath("//dc:description", namespaces=NS)
    assert (first.text, first.get("{http://www.w3.org/XML/1998/namespace}lang")) == (statement, language)
    assert summary.text.startswith("The Alash Autonomy") and summary.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    title = epub_xml(built / f"alash-autonomy{edition}.epub", "EPUB/text/title.xhtml")
    (line,) = title.xpath("//x:header/x:p[@class='edition']", namespaces=NS)
    assert (line.text, line.get("lang"), line.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        statement, language, language)


def test_an_english_edition_of_a_russian_text_lists_russian_first(write, tmp_path):
    article = write("dom.txt", "= Дом =\n\nДом стоит у реки.\n")
    write("dom.toml", 'language = "ru"\nlocale = "en_GB"\nlicense = "CC0 1.0"\n')
    out = tmp_path / "out"
    assert main([str(article), "--out", str(out), "--formats", "epub"], root=ROOT) == 0
    package = opf(out / "dom.epub")
    assert package.xpath("//dc:language/text()", namespaces=NS) == ["ru", "en"]
    assert package.xpath("//dc:description/text()", namespaces=NS)[0] == "English edition, language of the text: Russian"


def test_the_sidecar_isbn_is_the_main_editions_second_identifier(built):
    """The unique identifier stays the UUID; the ISBN follows as `urn:isbn:`. Only the main
    edition has it: an ISBN names one edition."""
    package = opf(built / "the-steppe-press.epub")
    identifiers = package.xpath("//dc:identifier", namespaces=NS)
    assert [(i.text[:9], i.get("id")) for i in identifiers] == [("urn:uuid:", "id"), ("urn:isbn:", None)]
    assert identifiers[1].text == "urn:isbn:9780306406157"
    for edition in ("", ".kk", ".ru"):
        found = opf(built / f"alash-autonomy{edition}.epub").xpath("//dc:identifier/text()", namespaces=NS)
        assert [i for i in found if i.startswith("urn:isbn:")] == []


def test_the_nav_is_in_the_spine_but_not_the_reading_order(built):
    """Readers list the contents from the nav (properties="nav"); converters reading the
    spine in order no longer print its hidden landmarks and page list as text."""
    package = opf(built / "alash-autonomy.epub")
    (nav,) = package.xpath("//opf:item[@properties='nav']/@id", namespaces=NS)
    refs = [(i.get("idref"), i.get("linear")) for i in package.xpath("//opf:spine/opf:itemref", namespaces=NS)]
    assert (nav, "no") in refs and all(linear is None for idref, linear in refs if idref != nav)
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        css = z.read("EPUB/styles/epub.css").decode()
    assert "nav[hidden] { display: none; }" in css  # calibre's converter reads CSS, not the attribute


def test_infobox_rows_have_row_headers(built):
    title = epub_xml(built / "alash-autonomy.epub", "EPUB/text/title.xhtml")
    headers = title.xpath("//x:table[@class='infobox']//x:th[@scope='row']/text()", namespaces=NS)
    assert headers[:3] == ["Official name", "Preceded by", "Succeeded by"]
    assert title.xpath("//x:time/@datetime", namespaces=NS) == ["1917-12-13", "1920-08-26"]
    # the history group: its heading row names the rows under it, as in print
    (history,) = title.xpath("//x:tbody[@class='group history']", namespaces=NS)
    assert history.xpath("x:tr[1]/x:th[@scope='rowgroup']/text()", namespaces=NS) == ["History"]
    assert history.xpath("x:tr/x:th[@scope='row']/text()", namespaces=NS) == ["Established", "Dissolved"]


def test_stylesheets_fit_e_readers(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        css = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".css"))
    assert "@page" not in css and not re.search(r"(?<![-\w])size\s*:", css)
    assert "var(" not in css  # the print palette's custom properties stay out: older readers lack them


def test_colophon_names_the_embedded_fonts_with_their_licences(built):
    colophon = epub_xml(built / "many-scripts.epub", "EPUB/text/colophon.xhtml")
    text = " ".join("".join(colophon.itertext()).split())
    assert MANY_SCRIPTS_FONTS in text


NCX = {"n": "http://www.daisy.org/z3986/2005/ncx/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _documents(epub):
    with zipfile.ZipFile(epub) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}


def _nav(epub, kind):
    return epub_xml(epub, "EPUB/text/nav.xhtml").xpath(f"//x:nav[@epub:type='{kind}']", namespaces=NS)[0]


@pytest.mark.parametrize("name", NAMES)
def test_page_list_has_every_printed_page_where_the_pdf_has_it(built, name):
    epub, pdf = built / f"{name}.epub", built / f"{name}.pdf"
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    links = _nav(epub, "page-list").xpath(".//x:a", namespaces=NS)
    assert [a.text for a in links] == [str(n) for n in range(1, pages + 1)]
    for n, link in enumerate(links, 1):
        document, fragment = link.get("href").split("#")
        (marker,) = epub_xml(epub, f"EPUB/text/{document}").xpath(f"//*[@id='{fragment}']")
        assert (marker.get(EPUB_TYPE), marker.get("role"), marker.get("aria-label")) == ("pagebreak", "doc-pagebreak", str(n))
        words = _first_words(marker)
        assert words and words in pdftotext(pdf, n, n), (n, words)


def _first_words(marker: etree._Element) -> str:
    """The first words of the block the marker opens (not the floated infobox after the title)."""
    block = marker.getnext()
    if block is not None and not (marker.tail or "").strip():
        text = "".join(block.itertext())
    else:
        text = (marker.tail or "") + "".join("".join(s.itertext()) + (s.tail or "") for s in marker.itersiblings())
    return " ".join(text.split()[:4])


def test_page_list_names_the_print_edition(built):
    (source,) = opf(built / "alash-autonomy.epub").xpath("//opf:meta[@property='pageBreakSource']/text()", namespaces=NS)
    assert source == default_identifier("alash-autonomy.pdf")


@pytest.mark.parametrize("name", NAMES)
def test_only_page_breaks_have_both_epub_type_and_id(built, name):
    for document, root in _documents(built / f"{name}.epub").items():
        for element in root.xpath("//*[@epub:type and @id]", namespaces=NS):
            assert element.get(EPUB_TYPE) == "pagebreak", (document, element.attrib)


@pytest.mark.parametrize("name", NAMES)
def test_nav_and_ncx_list_the_same_targets(built, name):
    epub = built / f"{name}.epub"
    nav = [(a.xpath("string()"), f"text/{a.get('href')}")
           for a in _nav(epub, "toc").xpath(".//x:a", namespaces=NS)]
    ncx = [(point.findtext("n:navLabel/n:text", namespaces=NCX), point.find("n:content", NCX).get("src"))
           for point in epub_xml(epub, "EPUB/toc.ncx").iterfind(".//n:navPoint", NCX)]
    assert nav == ncx and len(nav) >= 2


@pytest.mark.parametrize("name", NAMES)
def test_every_link_target_exists(built, name):
    epub = built / f"{name}.epub"
    documents = _documents(epub)
    hrefs = [("EPUB/text/nav.xhtml", a.get("href")) for a in documents["EPUB/text/nav.xhtml"].iterfind(".//x:a", NS)]
    hrefs += [("EPUB/toc.ncx", c.get("src")) for c in epub_xml(epub, "EPUB/toc.ncx").iterfind(".//n:content", NCX)]
    for base, href in hrefs:
        path, _, fragment = href.partition("#")
        target = str(PurePosixPath(base).parent / path)
        assert target in documents, href
        assert not fragment or documents[target].xpath(f"//*[@id='{fragment}']"), href


def test_landmarks_and_cover(built):
    epub = built / "alash-autonomy.epub"
    landmarks = [(a.get(EPUB_TYPE), a.get("href")) for a in _nav(epub, "landmarks").iterfind(".//x:a", NS)]
    assert landmarks == [("cover", "cover.xhtml"), ("toc", "nav.xhtml"), ("bodymatter", "title.xhtml")]
    package = opf(epub)
    assert package.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["images/cover.png"]
    assert package.xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == ["cover-img"]  # Kindle's way
    (img,) = epub_xml(epub, "EPUB/text/cover.xhtml").iterfind(".//x:img", NS)
    assert (img.get("src"), img.get("role")) == ("../images/cover.png", "doc-cover")
    assert img.get("alt") == "Alash Autonomy · Алаш автономиясы · Алашская автономия · English edition"


@pytest.mark.parametrize("name", NAMES)
def test_utf_8_declared_everywhere(built, name):
    with zipfile.ZipFile(built / f"{name}.epub") as z:
        for entry in z.namelist():
            data = z.read(entry)
            if entry.endswith((".xhtml", ".opf", ".ncx")):
                assert re.match(rb"<\?xml version=.1\.0. encoding=.utf-8.\?>", data), entry
            if entry.endswith(".xhtml"):
                assert re.search(rb'<meta charset="utf-8" ?/>', data), entry
            if entry.endswith(".css"):
                assert data.isascii() or data.startswith(b'@charset "utf-8";'), entry


def test_fonts_are_subsets_and_the_book_is_smaller_for_it(built):
    epub = built / "alash-autonomy.epub"
    full = io.BytesIO()
    with zipfile.ZipFile(epub) as z, zipfile.ZipFile(full, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in z.infolist():
            name = PurePosixPath(info.filename).name
            whole = info.filename.endswith(".ttf") and (ROOT / "fonts" / name).read_bytes()
            assert not whole or info.file_size < len(whole) / 10, name
            copy.writestr(info, whole or z.read(info))
    assert epub.stat().st_size < len(full.getvalue()) / 5


def test_epub_alone_builds_without_weasyprint_and_lists_no_pages(tmp_path):
    """No print edition, no page list: nothing claims one, and WeasyPrint is never loaded."""
    assert not loads_weasyprint(ROOT / "content" / "alash-autonomy.txt", tmp_path, ("epub",))
    epubs = sorted(tmp_path.glob("*.epub"))  # the seed's three editions
    assert len(epubs) == 3 and epubcheck_many(epubs) == {}
    for epub in epubs:
        nav = epub_xml(epub, "EPUB/text/nav.xhtml")
        assert nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
        assert not nav.xpath("//x:nav[@epub:type='page-list'] | //*[@epub:type='pagebreak']", namespaces=NS)
        package = opf(epub)
        assert not package.xpath("//opf:meta[@property='pageBreakSource']", namespaces=NS)
        features = package.xpath("//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
        assert "tableOfContents" in features and "pageNavigation" not in features
    (summary,) = opf(epubs[0]).xpath("//opf:meta[@property='schema:accessibilitySummary']/text()", namespaces=NS)
    assert summary.startswith("Text with headings and a table of contents;")
