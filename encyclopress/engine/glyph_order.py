"""Right-to-left runs drawn in logical order, so that every extractor reads them right.

Pango lays a right-to-left run out in visual order and WeasyPrint draws its glyphs in that
order. mupdf, Ghostscript and the structure tree (poppler's `pdfinfo -struct-text`) read
glyphs in the order they are drawn, and return `גרוזינים` as `םיניזורג`; pdftotext sorts
them by position and guesses the direction. An /ActualText in logical order does not
help: Debian 12's mupdf (1.21) and poppler (22.12) structure text ignore it, and
pdftotext reverses it as if it were glyphs in visual order. So the glyphs of a text box
of right-to-left letters are drawn last first, each moved back to where it was: the page
looks the same, and the stream holds the run in reading order.

Internals touched: the page stream's operators as pydyf holds them before writing (the
`stream` list: `/F… size Tf`, `rise Ts`, `[<glyphs> kerning …] TJ`, as WeasyPrint's
draw/text.py emits them) and WeasyPrint's fonts (`Font.hash`, `Font.widths`, `Font.bitmap`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Hebrew, Arabic letters
_KEEPS_ITS_ORDER = frozenset({"L", "EN", "AN"})  # Latin words and digits stay left to right inside a run
_TJ_PART = re.compile(rb"<([0-9a-fA-F]*)>|(-?[0-9.]+)")


@dataclass(frozen=True, slots=True)
class _Glyph:
    code: bytes  # the glyph id as written, in hex
    x: float  # where it starts on the line, in text space units
    font: bytes  # the Tf operator in force
    size: float
    rise: bytes  # the Ts operator in force


def is_right_to_left_run(text: str) -> bool:
    """Right-to-left letters only (with spaces, punctuation, marks): drawn in reverse, read right."""
    classes = {unicodedata.bidirectional(char) for char in text}
    return bool(classes & _RIGHT_TO_LEFT) and not classes & _KEEPS_ITS_ORDER


def draw_in_logical_order(items: list[Any], start: int, end: int, fonts: dict[bytes, Any]) -> None:
    """Redraw the glyphs shown between `items[start:end]` (one text box) last glyph first.

    `fonts` are WeasyPrint's fonts by resource name. The font and rise in force before and
    after the box are kept, as WeasyPrint omits a Tf it thinks already set.
    """
    font, size = _font_before(items, start)
    shown = [i for i in range(start, end) if _operator(items[i]) in (b"Tf", b"Ts", b"TJ")]
    if not shown or size is None:
        return
    glyphs, font, size = _glyphs(items, shown, font, size, fonts)
    ops = _reversed_ops(glyphs, fonts)
    if glyphs and (glyphs[0].font, glyphs[0].size) != (font, size):
        ops.append(font)  # the font the original ended with, as the next box expects it
    items[shown[0]: shown[-1] + 1] = [*ops, *(items[i] for i in range(shown[0], shown[-1] + 1) if i not in shown)]


def _operator(item: Any) -> bytes:
    return item.rsplit(b" ", 1)[-1] if isinstance(item, bytes) else b""


def _font_before(items: list[Any], start: int) -> tuple[bytes, float | None]:
    for item in reversed(items[:start]):
        if _operator(item) == b"Tf":
            return item, float(item.split()[1])
    return b"", None


def _glyphs(items: list[Any], shown: list[int], font: bytes, size: float,
            fonts: dict[bytes, Any]) -> tuple[list[_Glyph], bytes, float]:
    """The glyphs shown, in drawing order, each with its position and state."""
    glyphs: list[_Glyph] = []
    x, rise = 0.0, b"0 Ts"
    for index in shown:
        item = items[index]
        if _operator(item) == b"Tf":
            font, size = item, float(item.split()[1])
        elif _operator(item) == b"Ts":
            rise = item
        else:
            pdf_font = fonts[font.split()[0][1:]]
            width = 2 if pdf_font.bitmap else 4
            for code, number in _TJ_PART.findall(item[1: item.rindex(b"]")]):
                if number:
                    x -= float(number) / 1000 * size
                for at in range(0, len(code), width):
                    glyph = code[at: at + width]
                    glyphs.append(_Glyph(glyph, x, font, size, rise))
                    x += pdf_font.widths[int(glyph, 16)] / 1000 * size
    return glyphs, font, size


def _reversed_ops(glyphs: list[_Glyph], fonts: dict[bytes, Any]) -> list[bytes]:
    """Operators drawing `glyphs` last first, each at its own position."""
    ops: list[bytes] = []
    x, font, rise = 0.0, b"", b"0 Ts"
    for glyph in reversed(glyphs):
        if glyph.font != font:
            ops.append(glyph.font)
        if glyph.rise != rise:
            ops.append(glyph.rise)
        move = -(glyph.x - x) * 1000 / glyph.size
        ops.append(b"[" + f"{move:.3f}".encode() + b"<" + glyph.code + b">] TJ")
        font, rise = glyph.font, glyph.rise
        x = glyph.x + fonts[glyph.font.split()[0][1:]].widths[int(glyph.code, 16)] / 1000 * glyph.size
    if rise != b"0 Ts":
        ops.append(b"0 Ts")
    return ops
