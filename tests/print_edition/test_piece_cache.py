"""print_edition/piece_cache.py: a piece is taken back only under its own key."""

from __future__ import annotations

from pathlib import Path

from encyclopress.print_edition.piece_cache import Slot


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
