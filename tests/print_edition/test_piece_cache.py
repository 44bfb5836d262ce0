"""print_edition/piece_cache.py: a piece is taken back only under its own key."""

from __future__ import annotations

from encyclopress.print_edition.piece_cache import keep, kept


def test_a_piece_is_taken_under_its_key_only(tmp_path):
    path = tmp_path / "pieces" / "1.pickle"
    assert kept(path, "k1") is None  # nothing kept yet
    keep(path, "k1", {"pdf": b"%PDF"})
    assert kept(path, "k1") == {"pdf": b"%PDF"} and kept(path, "k2") is None
    keep(path, "k2", "another")  # laid out again: the file is overwritten
    assert kept(path, "k2") == "another" and kept(path, "k1") is None
    path.write_bytes(b"not a pickle")
    assert kept(path, "k2") is None
