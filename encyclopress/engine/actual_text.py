"""What a laid-out line of text says where its glyphs say a hyphenated word in two pieces.

A word hyphenated at a line end is drawn as `disestab‐` and `lished`: extractors return
the two pieces and the hyphen, so copying breaks the word and search misses it. The line's
text box gets an /ActualText (engine/tagging.py writes it on the box's marked content):
the word whole where it starts, and nothing of it where it ends, on the next line.

Internals touched: WeasyPrint's box tree (`Page._page_box`, the boxes' `children`,
`element`, `element_tag`, `text` and `style`), as laid out before the PDF is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from encyclopress.engine.weasy import weasyprint

weasyprint()  # loaded the fast way (engine/weasy.py) before the submodule below
from weasyprint.formatting_structure import boxes  # noqa: E402


def actual_texts(pages: list[Any]) -> dict[Any, str]:
    """The text boxes of `pages` (weasyprint Pages) that need an /ActualText, with it."""
    lines = list(_text_boxes(pages))
    continued = _hyphenations(lines)  # hyphenated box → the word's end, on the next line
    continuations = {nxt: len(end) for nxt, end in continued.values()}
    texts: dict[Any, str] = {}
    for _, box in lines:
        text = box.text
        if box in continuations:
            text = text[continuations[box]:].lstrip()  # the word was read whole before
        if box in continued:
            text = text[: -len(box.style["hyphenate_character"])] + continued[box][1]
        if text != box.text:
            texts[box] = text
    return texts


def _text_boxes(pages: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(the block it is laid out in, text box) for each text box, in reading order."""
    for page in pages:
        for root in page._page_box.children:
            if root.element_tag == "html":  # not the margin boxes: running heads are not text
                yield from _walk(root, root)


def _walk(box: Any, block: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(box, boxes.TextBox):
        yield block, box
        return
    children = getattr(box, "children", ())
    if children and isinstance(children[0], boxes.LineBox):
        block = box  # the block whose lines these are
    for child in children:
        yield from _walk(child, block)


def _hyphenations(lines: list[tuple[Any, Any]]) -> dict[Any, tuple[Any, str]]:
    """Each text box ending in a hyphen the layout added → (the next box, the word's end in it).

    The next box is the next one of the same element's block, on this page or the next.
    A hyphen written in the article (`well‐known` broken after it) is not one: the word
    joined without it must be in the element's text, and with it must not.
    """
    last: dict[tuple[Any, str], Any] = {}  # the block's element → its latest text box
    found: dict[Any, tuple[Any, str]] = {}
    for block, box in lines:
        key = (block.element, block.element_tag)
        previous = last.get(key)
        last[key] = box
        if previous is None:
            continue
        hyphen = previous.style["hyphenate_character"]
        if not hyphen or not previous.text.endswith(hyphen):
            continue
        start = previous.text[: -len(hyphen)].rsplit(None, 1)[-1:]
        end = box.text.split(None, 1)[:1]
        if start and end and box.text.startswith(end[0]) and _added_hyphen(block.element, start[0], hyphen, end[0]):
            found[previous] = (box, end[0])
    return found


def _added_hyphen(element: Any, start: str, hyphen: str, end: str) -> bool:
    if element is None:
        return False
    source = " ".join("".join(element.itertext()).split())
    return start + end in source and start + hyphen + end not in source
