"""Page starts read from a real WeasyPrint layout, checked against the PDF's own pages.

Small pages, long paragraphs and numbered words (`w17`) make pages begin inside
paragraphs and let each page's first word be compared exactly.
"""

from __future__ import annotations

import re

import pytest
from helpers import NS, pdftotext
from lxml import etree
from weasyprint import HTML

from encyclopress.ebook.page_markers import place_markers
from encyclopress.print_edition.print_pages import PageStart, page_starts

WORDS = iter(f"w{n}" for n in range(10_000))
PARAGRAPHS = [" ".join(next(WORDS) for _ in range(length)) for length in (140, 9, 260, 180)]
ITEMS = [" ".join(next(WORDS) for _ in range(6)) for _ in range(12)]
BODY = (
    '<h1 id="title">Title</h1>'
    '<div class="float">Float text that is no page start</div>'
    + "".join(f'<p id="line_{n}">{text}</p>' for n, text in enumerate(PARAGRAPHS, 3))
    + "<ul>" + "".join(f'<li id="line_9_{n}">{text}</li>' for n, text in enumerate(ITEMS, 1)) + "</ul>"
    + '<p id="print-only">w-print-only</p>'
)
STYLE = """
@page { size: 70mm 90mm; margin: 8mm; @bottom-center { content: counter(page) } }
body { font-size: 10pt; }
.float { float: right; width: 20mm; }
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    document = HTML(string=f"<html><head><style>{STYLE}</style></head><body>{BODY}</body></html>").render()
    pdf = tmp_path_factory.mktemp("layout") / "small.pdf"
    document.write_pdf(pdf)
    return document, pdf


def _xhtml() -> etree._Element:
    return etree.fromstring(f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{BODY}</body></html>')


def _ids(root: etree._Element) -> set[str]:
    return {i for i in root.xpath("//@id") if i != "print-only"}  # the e-book lacks the last paragraph


def _first_word(text: str) -> str:
    return re.search(r"\bw\d+\b", text)[0]


def test_one_start_per_page_in_order(layout):
    document, _ = layout
    starts, missing = page_starts(document, _ids(_xhtml()))
    assert len(document.pages) >= 5 and missing == []
    assert [s.page for s in starts] == [str(n) for n in range(1, len(document.pages) + 1)]
    assert starts[0] == PageStart("1", "title", "")
    assert any(s.before for s in starts), "some page should begin inside a paragraph"


def test_each_marker_is_followed_by_the_first_word_of_its_page(layout):
    document, pdf = layout
    root = _xhtml()
    starts, _ = page_starts(document, _ids(root))
    place_markers({"doc.xhtml": root}, starts)
    for start in starts[1:]:  # page 1 begins with the title
        (marker,) = root.xpath(f"//x:span[@id='page_{start.page}']", namespaces=NS)
        after = "".join(marker.xpath("following::text()"))
        assert _first_word(after) == _first_word(pdftotext(pdf, int(start.page), int(start.page))), start


def test_a_page_of_nothing_the_e_book_has_is_reported(layout):
    document, _ = layout
    starts, missing = page_starts(document, {"title"})
    assert [s.page for s in starts] == ["1"] and missing == [str(n) for n in range(2, len(document.pages) + 1)]
