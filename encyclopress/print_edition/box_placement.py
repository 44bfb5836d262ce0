"""Where the infobox goes on the printed page, decided from laid-out results.

Beside the lead, the infobox is a float, and WeasyPrint 70 cannot be trusted with a float
taller than what is left of the page: it continues on the next page only if the text
makes one, and at the end of the document the rest is dropped without a word (the
corpus's long former-country boxes lost their currency, deputies, predecessors). CSS
cannot say "(continued)" on continuation pages only, either. So the layout is tried:

1. beside the lead (under it on A5, where the column is too narrow to share): kept when
   the whole box is on the page it starts on;
2. else under the lead at full measure, a table that breaks between rows: kept when it
   fits on one page;
3. else in two tables, split where step 2 broke it: the rows of its first page under the
   caption, the rest under "<caption> (continued)", repeated on every further page.

Each step is one more layout, for long boxes only; a box under the lead is tried on its
article cut after the box (print_edition/layout.py `lay_out`), as nothing after it moves it. The table, its rows and an empty span
after its last value carry ids (templates/macros.j2), all starting "infobox", found
through WeasyPrint's public `Page.anchors`. A row's id is on its last line (a group's on
its last fact), so a row whose id is on a page is wholly there. In a collection each
article's ids start with its id prefix (`a2-infobox`): each box is placed on its own, in
the same layouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BOX_ID = "infobox"
END_ID = "infobox-end"  # an empty span after the last value: on the page only if nothing was cut
ROW_ID = "infobox-row-{}"  # 1-based


@dataclass(frozen=True, slots=True)
class BoxPlacement:
    """How templates/print.html.j2 sets the infobox."""

    beside: bool  # floated beside the lead; else under it, at full measure
    first_part: int | None = None  # rows before the "(continued)" table; None: one table

    @property
    def css_class(self) -> str:
        return "beside" if self.beside else "under"


def first_placement(paper: str) -> BoxPlacement:
    """The placement tried first: beside the lead, except on A5."""
    return BoxPlacement(beside=paper != "a5")


def revised(placement: BoxPlacement, pages: list[Any], prefix: str = "") -> BoxPlacement | None:
    """The next placement to try when the infobox whose ids start with `prefix` did not fit in
    `pages` (weasyprint Pages) laid out with `placement`; None when it did, or when it is split."""
    showing = [page for page in pages if any(_of_box(anchor, prefix) for anchor in page.anchors)]
    if placement.first_part is not None or _whole_on_one(showing, prefix):
        return None
    if placement.beside:
        return BoxPlacement(beside=False)
    return BoxPlacement(beside=False, first_part=max(1, _rows_on(showing[0], prefix) if showing else 0))


def _of_box(anchor: str, prefix: str) -> bool:
    return anchor == prefix + BOX_ID or anchor.startswith(f"{prefix}{BOX_ID}-")


def _whole_on_one(showing: list[Any], prefix: str) -> bool:
    """All of the box on one page: a float cut at the end of the document shows no end,
    one whose rows all went (one row taller than the page) shows nothing but its caption."""
    return len(showing) == 1 and prefix + END_ID in showing[0].anchors


def _rows_on(page: Any, prefix: str) -> int:
    """How many rows are on `page`, counted from the first (they are numbered in order)."""
    count = 0
    while prefix + ROW_ID.format(count + 1) in page.anchors:
        count += 1
    return count
