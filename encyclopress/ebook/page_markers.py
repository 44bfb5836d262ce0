"""Print page-break markers in the e-book's documents, where print_pages says each page starts.

A marker is `<span epub:type="pagebreak" role="doc-pagebreak" id="page_N" aria-label="N">`
(EPUB 3.3 §7.4.3; `_` never occurs in section anchors). It goes before the element that
starts the page, or, when the page begins inside it, before the first word on the new page:
the element's text from earlier pages is matched character by character, spaces aside, and
characters the layout added (the hyphen of a word broken across pages) are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from encyclopress.print_edition.print_pages import PageStart

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{OPS}}}type"
_LIST_PARENTS = (f"{{{XHTML}}}ul", f"{{{XHTML}}}ol")  # a span may not stand between list items


@dataclass(frozen=True, slots=True)
class PageTarget:
    """Printed page `page` begins at `document#page_<page>`."""

    page: str  # as printed: "7", "iii"
    document: str

    @property
    def href(self) -> str:
        return f"{self.document}#{self.marker_id(self.page)}"

    @staticmethod
    def marker_id(page: str) -> str:
        return f"page_{page}"


def body_ids(root: etree._Element) -> set[str]:
    """Ids in a document's body: the places a marker can go."""
    return {element.get("id") for element in _with_ids(root)}


def _with_ids(root: etree._Element) -> Iterator[etree._Element]:
    return root.iterfind(f"{{{XHTML}}}body//*[@id]")


def place_markers(documents: Mapping[str, etree._Element], starts: list[PageStart]) -> list[PageTarget]:
    """Insert a marker for each start into the document holding its element, in place."""
    where = {element.get("id"): (name, element) for name, root in documents.items() for element in _with_ids(root)}
    targets = []
    for start in starts:
        name, element = where[start.id]
        _insert(element, start)
        targets.append(PageTarget(start.page, name))
    return targets


def _marker(page: str) -> etree._Element:
    marker = etree.Element(f"{{{XHTML}}}span", nsmap={"epub": OPS}, attrib={
        EPUB_TYPE: "pagebreak", "role": "doc-pagebreak", "id": PageTarget.marker_id(page), "aria-label": page,
    })
    marker.text = ""  # written <span …></span>: a reader parsing it as HTML must not see an open span
    return marker


def _insert(element: etree._Element, start: PageStart) -> None:
    marker = _marker(start.page)
    if start.before:
        owner, slot, offset = _locate(element, resume_at(_text(element), start.before))
    elif element.getparent() is not None and element.getparent().tag in _LIST_PARENTS:
        owner, slot, offset = element, "text", 0
    else:
        element.addprevious(marker)
        return
    text = getattr(owner, slot) or ""
    setattr(owner, slot, text[:offset])
    marker.tail = text[offset:]
    if slot == "text":
        owner.insert(0, marker)
    else:
        owner.addnext(marker)


def resume_at(text: str, before: str) -> int:
    """The index in `text` of the first word after `before`, its beginning laid out earlier.

    Spaces do not count (the layout collapses them); a character of `before` that `text`
    lacks was added by the layout, and when the last one was, a word was broken across
    the pages: the page then counts from the next word.
    """
    i, added = 0, False
    for c in before:
        if c.isspace():
            continue
        while i < len(text) and text[i].isspace():
            i += 1
        added = i >= len(text) or text[i] != c
        i += not added
    while added and i < len(text) and not text[i].isspace():
        i += 1
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _slots(element: etree._Element, top: bool = True) -> Iterator[tuple[etree._Element, str]]:
    """(element, "text" | "tail") for every stretch of text inside `element`, in reading order."""
    yield element, "text"
    for child in element:
        yield from _slots(child, top=False)
    if not top:
        yield element, "tail"


def _text(element: etree._Element) -> str:
    return "".join(getattr(owner, slot) or "" for owner, slot in _slots(element))


def _locate(element: etree._Element, index: int) -> tuple[etree._Element, str, int]:
    """The stretch of text holding character `index` of the element's text, and the offset in it."""
    for owner, slot in _slots(element):
        text = getattr(owner, slot) or ""
        if index < len(text):
            return owner, slot, index
        index -= len(text)
    return owner, slot, len(text)  # the very end
