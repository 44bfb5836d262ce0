"""Where each printed page starts, read from the print layout (WeasyPrint's page boxes).

A page starts at the first line of text in the normal flow of its body: floats (the
infobox), running elements, margin boxes (page numbers, running heads) and generated
content (list bullets) are skipped. That line is named by the nearest element that has
an id the e-book shares (blocks get ids from their source line in templates/macros.j2),
with the text the element had on earlier pages when the page break falls inside it.

The page boxes are read by engine/page_boxes.py, the one module that knows their internals.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import count
from typing import Any

from encyclopress.engine.page_boxes import body_texts


@dataclass(frozen=True, slots=True)
class PageStart:
    """The page printed `page` ("7", or "iii" in a book's front matter) starts in element
    `id`, after its text `before`."""

    page: str
    id: str
    before: str = ""  # the element's text laid out on earlier pages ("" = starts with it)


# Where one page may start: the ids enclosing a run of its text (outermost first), each with
# its text on earlier pages. A page's candidates, in order; the first that has an id the
# e-book shares is where the page starts (so they can be read before the e-book's ids are known).
Candidate = tuple[tuple[str, str], ...]


class _AnyId:
    def __contains__(self, item: object) -> bool:
        return item is not None


def page_candidates(document: Any) -> list[list[Candidate]]:
    """For each page of `document` (a weasyprint Document), where it may start."""
    pages: list[list[Candidate]] = []
    earlier: dict[str, list[str]] = {}  # id → its text on the pages read so far
    for page in document.pages:
        candidates: list[Candidate] = []
        on_page: dict[str, list[str]] = {}
        for owners, text in body_texts(page, _AnyId()):
            if text.strip() and (not candidates or tuple(i for i, _ in candidates[-1]) != owners):
                candidates.append(tuple((owner, "".join(earlier.get(owner, ()))) for owner in owners))
            for owner in owners:
                on_page.setdefault(owner, []).append(text)
        pages.append(candidates)
        for owner, texts in on_page.items():
            earlier.setdefault(owner, []).extend(texts)
    return pages


def starts_of(candidates: list[list[Candidate]], ids: Collection[str],
              labels: Iterable[str]) -> tuple[list[PageStart], list[str]]:
    """The start of each page inside one of `ids` (the pages printed with `labels`), and the
    labels of pages with no such text (nothing there the e-book also has)."""
    starts: list[PageStart] = []
    missing: list[str] = []
    for label, page in zip(labels, candidates):
        found = next(([c for c in candidate if c[0] in ids] for candidate in page
                      if any(owner in ids for owner, _ in candidate)), None)
        if found:
            starts.append(PageStart(label, *found[-1]))
        else:
            missing.append(label)
    return starts, missing


def page_starts(document: Any, ids: Collection[str]) -> tuple[list[PageStart], list[str]]:
    """The start of every page of `document` (a weasyprint Document, numbered from 1) inside
    one of `ids`, and the numbers of pages with no such text."""
    return starts_of(page_candidates(document), ids, map(str, count(1)))
