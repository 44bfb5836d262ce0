"""Handouts on the built seed: the booklet and the 2-up sheets, read back half by half."""

from __future__ import annotations

import re

import pikepdf
import pytest
from helpers import page_count, pdftotext_area

from encyclopress.core.paper import SIZES

SHEET = (SIZES["a4"][1], SIZES["a4"][0])  # landscape


def halves(pdf) -> list[tuple[int | None, int | None]]:
    """Per side, the page number in the "Page N of M" footer of each half (None: blank)."""
    width, height = SHEET
    with pikepdf.open(pdf) as doc:
        assert all([float(v) for v in p.MediaBox] == pytest.approx([0, 0, width, height], abs=0.01) for p in doc.pages)
        count = len(doc.pages)
    sides = []
    for side in range(1, count + 1):
        numbers = []
        for x in (0, width / 2):
            found = re.findall(r"Page (\d+) of \d+", pdftotext_area(pdf, side, x, 0, width / 2, height))
            numbers.append(int(found[0]) if found else None)
        sides.append(tuple(numbers))
    return sides


def test_booklet_sheets_in_saddle_stitch_order(built, print_variants):
    sides = halves(built / "alash-autonomy.booklet.pdf")
    pages = page_count(print_variants["a5"] / "alash-autonomy.pdf")  # the A5 edition
    assert pages >= 4 and (2 * len(sides)) % 4 == 0
    total = 2 * len(sides)
    expected = []
    for sheet in range(total // 4):
        expected += [(total - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, total - 2 * sheet - 1)]
    assert sides == [tuple(n if n <= pages else None for n in side) for side in expected]


def test_two_up_in_reading_order(print_variants):
    sides = halves(print_variants["a5"] / "alash-autonomy.2up.pdf")
    pages = page_count(print_variants["a5"] / "alash-autonomy.pdf")
    assert [n for side in sides for n in side] == [*range(1, pages + 1), *[None] * (pages % 2)]


def test_a_one_page_article_is_padded_to_a_four_page_booklet(built):
    assert halves(built / "no-infobox.booklet.pdf") == [(None, 1), (None, None)]
