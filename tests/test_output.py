"""Atomic outputs: all of an article's files appear together, or none do."""

import pytest

from encyclopress.output import staged


def test_files_are_published_together(tmp_path):
    with staged(tmp_path) as stage:
        stage.path("a.pdf").write_bytes(b"pdf")
        stage.path("a.epub").write_bytes(b"epub")
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.epub", "a.pdf"]


@pytest.mark.parametrize("exception", [RuntimeError, KeyboardInterrupt])
def test_failure_leaves_nothing_and_keeps_the_previous_output(tmp_path, exception):
    (tmp_path / "a.pdf").write_bytes(b"previous good output")
    with pytest.raises(exception):
        with staged(tmp_path) as stage:
            stage.path("a.pdf").write_bytes(b"half")
            raise exception()
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"previous good output"
