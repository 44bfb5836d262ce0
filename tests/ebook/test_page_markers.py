"""Page-break markers placed in XHTML from page starts."""

from __future__ import annotations

from helpers import NS
from lxml import etree

from encyclopress.ebook.page_markers import body_ids, place_markers, resume_at
from encyclopress.print_edition.print_pages import PageStart

DOC = (
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
    '<header id="title"><h1>Alash</h1></header>'
    '<p id="line_5">The Alash Autonomy, or <span lang="kk" xml:lang="kk">Алаш Орда</span>, was a proto-state.</p>'
    '<ul><li id="line_7_1">1994 film</li><li id="line_7_2">2009 film</li></ul>'
    "</body></html>"
)


def _marked(*starts: PageStart) -> etree._Element:
    root = etree.fromstring(DOC)
    targets = place_markers({"doc.xhtml": root}, list(starts))
    assert [(t.page, t.href) for t in targets] == [(s.page, f"doc.xhtml#page_{s.page}") for s in starts]
    return root


def _after(root: etree._Element, page: int) -> str:
    """The text that follows marker `page`, spaces collapsed."""
    (marker,) = root.xpath(f"//x:span[@id='page_{page}']", namespaces=NS)
    return " ".join("".join(marker.xpath("following::text()")).split())


def test_resume_at_skips_spaces_and_the_layouts_hyphen():
    text = "The Alash Autonomy was founded"
    assert resume_at(text, "") == 0
    assert resume_at(text, "The Alash") == 10  # "Autonomy"
    assert resume_at(text, "The  Alash\n") == 10
    assert resume_at(text, "The Alash Auto\u2010") == 19  # a broken word counts from the next one
    assert resume_at("Alash-Qala was", "Alash-") == 6  # a hyphen of the text is matched, not skipped
    assert resume_at(text, text) == len(text)


def test_a_page_starting_with_an_element_is_marked_before_it():
    root = _marked(PageStart("1", "title"), PageStart("2", "line_5"))
    (marker,) = root.xpath("//x:span[@id='page_2']", namespaces=NS)
    assert marker.getnext().get("id") == "line_5"
    assert marker.attrib == {
        "{http://www.idpf.org/2007/ops}type": "pagebreak", "role": "doc-pagebreak", "id": "page_2", "aria-label": "2"}
    assert _after(root, 1).startswith("AlashThe Alash Autonomy")  # no spaces between blocks in DOC


def test_a_list_item_gets_its_marker_inside():
    root = _marked(PageStart("3", "line_7_2"))
    (marker,) = root.xpath("//x:span[@id='page_3']", namespaces=NS)
    assert marker.getparent().get("id") == "line_7_2" and _after(root, 3) == "2009 film"


def test_a_page_starting_inside_a_paragraph_is_marked_at_its_first_word():
    root = _marked(PageStart("2", "line_5", "The Alash Auton\u2010"), PageStart("3", "line_5", "The Alash Autonomy, or Алаш"))
    assert _after(root, 2).startswith("or Алаш Орда, was")
    assert _after(root, 3).startswith("Орда, was")
    (marker,) = root.xpath("//x:span[@id='page_3']", namespaces=NS)
    assert marker.getparent().get("lang") == "kk"  # inside the Kazakh run, which keeps its text
    assert "".join(root.xpath("//x:p", namespaces=NS)[0].itertext()) == (
        "The Alash Autonomy, or Алаш Орда, was a proto-state.")


def test_markers_are_written_with_an_end_tag():
    root = _marked(PageStart("1", "title"))
    assert b'aria-label="1"></span>' in etree.tostring(root)


def test_body_ids():
    assert body_ids(etree.fromstring(DOC)) == {"title", "line_5", "line_7_1", "line_7_2"}
