"""Imposition orders: saddle stitch (booklets) and plain 2-up."""

from __future__ import annotations

import pytest

from encyclopress.print_edition.imposition import in_order, saddle_stitch


@pytest.mark.parametrize("count", range(1, 14))
def test_saddle_stitch_places_every_page_once_padded_to_a_multiple_of_4(count):
    sides = saddle_stitch(count)
    placed = [p for side in sides for p in side]
    assert len(placed) % 4 == 0 and len(placed) - count < 4
    assert sorted(p for p in placed if p is not None) == list(range(count))


@pytest.mark.parametrize("count", [4, 8, 12])
def test_folded_sheets_read_in_order(count):
    """Each side's two pages face across the fold: their numbers add up to the last page's."""
    sides = saddle_stitch(count)
    assert all(left + right == count - 1 for left, right in sides)
    assert sides[0] == (count - 1, 0) and sides[1] == (1, count - 2)  # outside, then inside, of sheet 1


def test_booklet_of_8():
    assert [(a + 1, b + 1) for a, b in saddle_stitch(8)] == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_blanks_go_to_the_back():
    assert saddle_stitch(5) == [(None, 0), (1, None), (None, 2), (3, 4)]


def test_two_up_in_reading_order():
    assert in_order(5) == [(0, 1), (2, 3), (4, None)]
