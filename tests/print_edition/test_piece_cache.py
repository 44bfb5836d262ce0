"""print_edition/piece_cache.py: a piece is taken back only under its own key."""

from __future__ import annotations

import os
import time
from pathlib import Path

from encyclopress.print_edition.piece_cache import UNUSED, Slot, tidy


def test_a_piece_is_taken_under_its_key_only(tmp_path):
    slot = Slot(tmp_path / "pieces" / "1.pickle", "tool")
    assert slot.kept("k1") is None  # nothing kept yet
    slot.keep("k1", {"pdf": b"%PDF"})
    assert slot.kept("k1") == {"pdf": b"%PDF"} and slot.kept("k2") is None
    slot.keep("k2", "another")  # laid out again: the file is overwritten
    assert slot.kept("k2") == "another" and slot.kept("k1") is None
    (tmp_path / "pieces" / "1.pickle").write_bytes(b"not a pickle")
    assert slot.kept("k2") is None


def test_the_key_holds_the_tool_and_the_html():
    keys = {Slot(Path("1.pickle"), tool).key(html) for tool in ("a", "b") for html in ("<p>x</p>", "<p>y</p>")}
    assert len(keys) == 4


def test_a_book_keeps_only_its_articles_pieces_and_unused_books_go(tmp_path):
    pieces = tmp_path / "pieces"
    for book, count in (("this", 4), ("recent", 1), ("deleted", 1)):
        for n in range(1, count + 1):
            Slot(pieces / book / f"{n}.pickle", "tool").keep("k", n)
    old = time.time() - UNUSED - 60
    os.utime(pieces / "deleted", (old, old))
    os.utime(pieces / "this", (old, old))  # not built lately either, but being built now
    tidy(pieces / "this", 2)  # the collection lost its last two articles
    assert sorted(p.name for p in (pieces / "this").iterdir()) == ["1.pickle", "2.pickle"]
    assert sorted(p.name for p in pieces.iterdir()) == ["recent", "this"]
    assert time.time() - (pieces / "this").stat().st_mtime < 60  # marked used
    assert Slot(pieces / "this" / "2.pickle", "tool").kept("k") == 2
