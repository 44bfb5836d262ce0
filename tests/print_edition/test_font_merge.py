"""Merging subsets of one font (print_edition/font_merge.py): the union draws every glyph of
each, and the widths and text maps it is written with survive a round trip."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from helpers import ROOT

from encyclopress.print_edition.font_merge import (
    _cmap,
    _drawn,
    _to_unicode,
    _union_program,
    _width_array,
    _widths,
)

SERIF = ROOT / "fonts" / "NotoSerif-Regular.ttf"


def _subset(path, text: str) -> bytes:
    """`text`'s glyphs of the font at `path`, glyph ids kept, as WeasyPrint subsets."""
    options = Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True)
    subsetter = Subsetter(options)
    subsetter.populate(text=text)
    font = TTFont(path)
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _ids(path, text: str) -> set[int]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    return {font.getGlyphID(cmap[ord(char)]) for char in text}


def test_the_union_of_two_subsets_draws_the_glyphs_of_both_with_their_outlines():
    parts = [_subset(SERIF, "Қазақ"), _subset(SERIF, "Алаш 1917 Ё")]
    merged = TTFont(BytesIO(_union_program(parts)))
    whole = TTFont(SERIF)
    wanted = _ids(SERIF, "ҚазақАлаш1917Ё")
    assert wanted <= _drawn(merged)
    names, whole_names = merged.getGlyphOrder(), whole.getGlyphOrder()
    for gid in wanted:  # the same outline and advance as the font the subsets came from
        ours, theirs = merged["glyf"][names[gid]], whole["glyf"][whole_names[gid]]
        assert ours.getCoordinates(merged["glyf"])[0] == theirs.getCoordinates(whole["glyf"])[0]
        assert merged["hmtx"][names[gid]][0] == whole["hmtx"][whole_names[gid]][0]
    assert _drawn(merged) == _drawn(TTFont(BytesIO(parts[0]))) | _drawn(TTFont(BytesIO(parts[1])))


def test_subsets_of_different_fonts_are_not_merged():
    sans = ROOT / "fonts" / "NotoSans-Regular.ttf"
    assert _union_program([_subset(SERIF, "Алаш"), _subset(sans, "Алаш")]) is None


def test_width_arrays_round_trip_in_both_forms():
    widths = _widths(pikepdf.Array([3, [500, 250.5], 10, 12, 600]))
    assert widths == {3: 500, 4: 250.5, 10: 600, 11: 600, 12: 600}
    assert _widths(_width_array(widths)) == widths
    assert list(_width_array({1: 5, 2: 6, 9: 7})) == [1, pikepdf.Array([5, 6]), 9, pikepdf.Array([7])]


def test_to_unicode_maps_round_trip_with_ligatures_and_beyond_the_basic_plane():
    text = {1: "Қ", 2: "ﬁ", 3: "fi", 0x1F4: "𐰀"}
    assert _to_unicode(_cmap(text)) == text
    many = {gid: chr(0x410 + gid % 32) for gid in range(250)}  # blocks of 100, as WeasyPrint writes
    assert _cmap(many).count(b"beginbfchar") == 3 and _to_unicode(_cmap(many)) == many
