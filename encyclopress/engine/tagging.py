"""The tagged PDF's structure tree made to read right aloud (issues 14 and 15).

WeasyPrint 70 builds the structure tree page by page, from the boxes of each page, and
leaves three things for us to do before the file is written:

- an element cut by a page break is two structure elements (`estab‐` | `lished`), and so
  is an inline element cut by a line break: adjacent siblings made from one HTML element
  are merged into the first, their marked content listed on it (/MCR with its page where
  it comes from another) and /ParentTree pointed at it;
- no element carries /Lang, only the catalog (the `<html lang>`, the text's language):
  each element whose box's `lang` differs from its parent's gets its own;
- text boxes holding a hyphenated word get their /ActualText (engine/actual_text.py) on
  their marked content in the page's stream, which text extractors read, and on their
  structure element, which tag-tree readers read;
- right-to-left runs are drawn in logical order (engine/glyph_order.py).

Internals touched: `weasyprint.pdf.tags._build_box_tree`, wrapped while a PDF is written to
learn which box each structure element and each marked-content id stands for; pydyf's
objects (`PDF.objects`, `Dictionary`, the page streams' `stream` list holding each BDC's
property list) edited in WeasyPrint's `finisher` hook, before anything is serialized.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from encyclopress.engine.actual_text import actual_texts
from encyclopress.engine.glyph_order import draw_in_logical_order, is_right_to_left_run
from encyclopress.engine.weasy import weasyprint

weasyprint()  # loaded the fast way (engine/weasy.py) before the submodules below
import pydyf  # noqa: E402
from weasyprint.formatting_structure import boxes  # noqa: E402
from weasyprint.layout.absolute import AbsolutePlaceholder  # noqa: E402
from weasyprint.pdf import tags  # noqa: E402

Finisher = Callable[[Any, Any], None]  # (weasyprint.Document, pydyf.PDF)


@dataclass
class _Trace:
    """What WeasyPrint's tagging saw: the box of each structure element, the MCIDs of each page."""

    owners: dict[int, Any] = field(default_factory=dict)  # element's object number → its box
    marks: list[dict[Any, int]] = field(default_factory=list)  # per page: box → its MCID


@contextmanager
def structure_corrections(*others: Finisher) -> Iterator[Finisher]:
    """A finisher correcting the structure tree of the PDF written inside this block,
    after running `others`."""
    trace = _Trace()
    build = tags._build_box_tree

    def traced(box: Any, parent: Any, pdf: Any, page: int, nums: Any, annotations: Any, marks: Any) -> Iterator[Any]:
        if isinstance(box, boxes.PageBox):  # the first call for a page: every MCID still listed
            trace.marks.append({marked: mark["mcid"] for marked, mark in marks.items()})
        owner = box._box if isinstance(box, AbsolutePlaceholder) else box
        for element in build(box, parent, pdf, page, nums, annotations, marks):
            trace.owners.setdefault(element.number, owner)  # a child's own box came first
            yield element

    def correct(document: Any, pdf: Any) -> None:
        for finisher in others:
            finisher(document, pdf)
        if "StructTreeRoot" not in pdf.catalog:  # an untagged variant
            return
        _write_actual_texts(pdf, trace, actual_texts(document.pages))
        _redraw_right_to_left(pdf, trace, {font.hash.encode(): font for font in document.fonts.values()})
        root = _object(pdf, pdf.catalog["StructTreeRoot"])
        top = _object(pdf, root["K"][0])  # WeasyPrint's one /Document element
        moved = _merge_split(pdf, top, trace.owners)
        _repoint_parent_tree(_object(pdf, root["ParentTree"]), moved)
        _mark_languages(pdf, top, trace.owners, pdf.catalog["Lang"].string)

    tags._build_box_tree = traced  # the recursion inside WeasyPrint calls it by this name too
    try:
        yield correct
    finally:
        tags._build_box_tree = build


def _object(pdf: Any, reference: bytes) -> Any:
    return pdf.objects[int(reference.split()[0])]


def _is_element(pdf: Any, kid: object) -> bool:
    return isinstance(kid, bytes) and _object(pdf, kid).get("Type") == "/StructElem"


def _write_actual_texts(pdf: Any, trace: _Trace, texts: dict[Any, str]) -> None:
    """Each text box's /ActualText on its BDC property list and on its structure element."""
    parent_tree = _object(pdf, _object(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    for number, marks in enumerate(trace.marks):
        wanted = {mcid: texts[box] for box, mcid in marks.items() if box in texts}
        if not wanted:
            continue
        for item in _page_stream(pdf, number).stream:
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in wanted:
                item["ActualText"] = pydyf.String(wanted[item["MCID"]])
        elements = parent_tree[2 * number + 1]  # page number, then its MCID → element array
        for mcid, text in wanted.items():
            element = _object(pdf, elements[mcid])
            if element["K"] == [mcid]:  # the box's own element, not a link holding several
                element["ActualText"] = pydyf.String(text)


def _redraw_right_to_left(pdf: Any, trace: _Trace, fonts: dict[bytes, Any]) -> None:
    """Draw each right-to-left text box's glyphs in reading order."""
    for number, marks in enumerate(trace.marks):
        runs = {mcid for box, mcid in marks.items() if isinstance(box, boxes.TextBox) and is_right_to_left_run(box.text)}
        items = _page_stream(pdf, number).stream
        starts = [i for i, item in enumerate(items) if isinstance(item, pydyf.Dictionary) and item.get("MCID") in runs]
        for start in reversed(starts):  # from the end: redrawing one changes the indexes after it
            draw_in_logical_order(items, start, _end_of_marked_content(items, start), fonts)


def _page_stream(pdf: Any, number: int) -> Any:
    return _object(pdf, _object(pdf, pdf.page_references[number])["Contents"])


def _end_of_marked_content(items: list[Any], start: int) -> int:
    """The index of the EMC closing the marked content whose BDC follows `items[start]`."""
    depth = 0
    for index in range(start + 1, len(items)):
        if items[index] in (b"BDC", b"BMC"):
            depth += 1
        elif items[index] == b"EMC":
            if depth == 1:
                return index
            depth -= 1
    return len(items)


def _owner_key(pdf: Any, kid: bytes, owners: dict[int, Any]) -> tuple[Any, ...] | None:
    box = owners.get(int(kid.split()[0]))
    if box is None or box.element is None:
        return None  # a text box's own element, or an anonymous one: never split
    return box.element, box.element_tag, _object(pdf, kid)["S"]


def _merge_split(pdf: Any, element: Any, owners: dict[int, Any]) -> dict[bytes, bytes]:
    """Merge adjacent kids made from one HTML element, all the way down; merged → kept."""
    moved: dict[bytes, bytes] = {}
    kept: list[object] = []
    for kid in element["K"]:
        previous = kept[-1] if kept else None
        if (
            isinstance(previous, bytes) and _is_element(pdf, kid) and _is_element(pdf, previous)
            and _owner_key(pdf, kid, owners) is not None
            and _owner_key(pdf, kid, owners) == _owner_key(pdf, previous, owners)
        ):
            _absorb(pdf, _object(pdf, previous), _object(pdf, kid))
            moved[kid] = previous
        else:
            kept.append(kid)
    element["K"][:] = kept
    for kid in kept:
        if _is_element(pdf, kid):
            moved.update(_merge_split(pdf, _object(pdf, kid), owners))
    return moved


def _absorb(pdf: Any, kept: Any, merged: Any) -> None:
    """Move `merged`'s content to the end of `kept`'s, and empty it (nothing refers to it)."""
    for kid in merged["K"]:
        if isinstance(kid, int) and merged["Pg"] != kept["Pg"]:  # an MCID of another page
            kid = pydyf.Dictionary({"Type": "/MCR", "Pg": merged["Pg"], "MCID": kid})
        elif _is_element(pdf, kid):
            _object(pdf, kid)["P"] = kept.reference
        kept["K"].append(kid)
    merged.clear()  # pydyf cannot free an object: it stays, an empty unreferenced dictionary


def _repoint_parent_tree(parent_tree: Any, moved: dict[bytes, bytes]) -> None:
    """Marked content and annotations of a merged element now belong to the one kept."""
    nums = parent_tree["Nums"]
    for index in range(1, len(nums), 2):
        value = nums[index]
        if isinstance(value, bytes):  # an annotation's element
            nums[index] = moved.get(value, value)
        else:  # a page's MCID → element array
            value[:] = [moved.get(reference, reference) for reference in value]


def _mark_languages(pdf: Any, element: Any, owners: dict[int, Any], inherited: str) -> None:
    """/Lang on each element whose box's language differs from its parent's."""
    box = owners.get(element.number)
    lang = (box.style["lang"] if box is not None else None) or inherited
    if lang != inherited:
        element["Lang"] = pydyf.String(lang)
    for kid in element["K"]:
        if _is_element(pdf, kid):
            _mark_languages(pdf, _object(pdf, kid), owners, lang)
