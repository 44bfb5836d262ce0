"""print_edition/book.py's numbering: where each piece of a collection's body starts."""

from __future__ import annotations

from encyclopress.print_edition.book import openings


def test_every_piece_opens_on_a_right_hand_page_and_the_body_on_page_1():
    # 3 pages (1-3), a blank 4; 2 pages (5-6); 1 page (7), a blank 8; the sources from 9
    assert openings([3, 2, 1]) == [1, 5, 7, 9]
    assert openings([]) == [1]
