"""Font subsets: the characters asked for, the licence records kept, the same bytes each time."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from helpers import ROOT

from encyclopress.ebook.font_subset import READER_ADDS, subset_font

SERIF = ROOT / "fonts" / "NotoSerif-Regular.ttf"
TEXT = "Алаш автономиясы, Alash Orda 1917"


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_keeps_the_characters_used_and_drops_the_rest():
    cmap = set(_font(subset_font(SERIF, TEXT)).getBestCmap())
    has = set(TTFont(SERIF).getBestCmap())
    assert {ord(c) for c in TEXT + READER_ADDS if not c.isspace()} & has <= cmap
    assert {ord(c) for c in TEXT} <= cmap and ord("\u2010") in cmap
    assert not {ord(c) for c in "ZzЖжΩ"} & cmap


def test_keeps_copyright_and_licence_records():
    original, subset = TTFont(SERIF), _font(subset_font(SERIF, TEXT))
    for name_id in (0, 13, 14):  # copyright, licence description, licence URL
        assert subset["name"].getDebugName(name_id) == original["name"].getDebugName(name_id)
    assert "Open Font License" in subset["name"].getDebugName(13)


def test_small_and_reproducible():
    data = subset_font(SERIF, TEXT)
    assert len(data) < SERIF.stat().st_size / 10
    assert data == subset_font(SERIF, TEXT)
    assert _font(data)["head"].modified == TTFont(SERIF)["head"].modified
