"""The text of a laid-out page, read from WeasyPrint's page boxes.

Internals touched: `Page._page_box`, WeasyPrint's (pinned) internal box tree, and the
boxes' `element_tag`, `element`, `children`, `text` and `is_in_normal_flow()`; the page
box's `page_type` (its `name` and `blank`). The public
`Page.anchors` says only which ids are on a page, not where inside a paragraph it begins,
which the e-book's print page list needs (print_edition/print_pages.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

TextBox = tuple[tuple[str, ...], str]  # (ids of the enclosing elements, outermost first; text)


def body_texts(page: Any, ids: Collection[str]) -> Iterator[TextBox]:
    """Each text box in the normal flow of the body of `page` (a weasyprint Page), in order.

    Margin boxes (page numbers, running heads), running elements, floats (the infobox)
    and generated content (list bullets) are skipped.
    """
    for root in page._page_box.children:
        if root.element_tag == "html":  # not the margin or footnote areas
            yield from _walk(root, (), ids)


def _walk(box: Any, owners: tuple[str, ...], ids: Collection[str]) -> Iterator[TextBox]:
    if "::" in (box.element_tag or "") or not box.is_in_normal_flow():
        return  # generated content is not in the e-book's text; floats are not where a page starts
    element_id = box.element.get("id") if box.element is not None else None
    if element_id in ids and (not owners or owners[-1] != element_id):
        owners = (*owners, element_id)
    if owners and hasattr(box, "text"):
        yield owners, box.text
    for child in getattr(box, "children", ()):
        yield from _walk(child, owners, ids)


def page_kind(page: Any) -> tuple[str, bool]:
    """The CSS page name of `page` (a weasyprint Page; "" for none), and whether a break left it blank."""
    kind = page._page_box.page_type
    return kind.name or "", bool(kind.blank)
