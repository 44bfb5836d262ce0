"""Atomic outputs: all of an article's files appear together, or none do."""

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from encyclopress.rendering.output import staged


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


@pytest.fixture(params=[False, True], ids=["one thread", "another thread running"])
def threads(request) -> Iterator[None]:
    """Maybe a second thread, idle: the kernel gives a process's signal to a thread not blocking it."""
    if not request.param:
        yield
        return
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    yield
    done.set()
    other.join()


def test_an_interrupt_while_publishing_waits_until_every_file_is_in_place(tmp_path, monkeypatch, threads):
    """Ctrl-C between two renames would leave a new PDF beside an old EPUB: it is held back."""
    (tmp_path / "a.epub").write_bytes(b"previous")
    real_replace = os.replace

    def replace_then_interrupt(src, dst):
        real_replace(src, dst)
        os.kill(os.getpid(), signal.SIGINT)  # arrives after the first rename
        time.sleep(0.1)  # time for another thread to take it: Python would raise it here

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        with staged(tmp_path) as stage:
            stage.path("a.pdf").write_bytes(b"new pdf")
            stage.path("a.epub").write_bytes(b"new epub")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.epub", "a.pdf"]
    assert (tmp_path / "a.epub").read_bytes() == b"new epub"


def test_a_failed_rename_removes_the_files_not_yet_published(tmp_path, monkeypatch):
    def disk_trouble(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", disk_trouble)
    with pytest.raises(OSError):
        with staged(tmp_path) as stage:
            stage.path("a.pdf").write_bytes(b"pdf")
    assert list(tmp_path.iterdir()) == []
