"""Where each printed page starts, read from the print layout (WeasyPrint's page boxes).

A page starts at the first line of text in the normal flow of its body: floats (the
infobox), running elements, margin boxes (page numbers, running heads) and generated
content (list bullets) are skipped. That line is named by the nearest element that has
an id the e-book shares (blocks get ids from their source line in templates/macros.j2),
with the text the element had on earlier pages when the page break falls inside it.

The page boxes are read by engine/page_boxes.py, the one module that knows their internals.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from encyclopress.engine.page_boxes import body_texts


@dataclass(frozen=True, slots=True)
class PageStart:
    """Printed page `page` (1-based) starts in element `id`, after its text `before`."""

    page: int
    id: str
    before: str = ""  # the element's text laid out on earlier pages ("" = starts with it)


def page_starts(document: Any, ids: Collection[str]) -> tuple[list[PageStart], list[int]]:
    """The start of every page of `document` (a weasyprint Document) inside one of `ids`,
    and the numbers of pages with no such text (nothing there the e-book also has)."""
    starts: list[PageStart] = []
    missing: list[int] = []
    earlier: dict[str, list[str]] = {}  # id → its text on the pages read so far
    for number, page in enumerate(document.pages, 1):
        first = None
        on_page: dict[str, list[str]] = {}
        for owners, text in body_texts(page, ids):
            if first is None and text.strip():
                first = PageStart(number, owners[-1], "".join(earlier.get(owners[-1], ())))
            for owner in owners:
                on_page.setdefault(owner, []).append(text)
        if first is None:
            missing.append(number)
        else:
            starts.append(first)
        for owner, texts in on_page.items():
            earlier.setdefault(owner, []).extend(texts)
    return starts, missing


