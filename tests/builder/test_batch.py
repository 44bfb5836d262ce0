"""builder/batch.py `Pooled`: a map on worker processes forked for it, which end with it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from encyclopress.builder.batch import Pooled


def children() -> set[int]:
    """This thread's living child processes (forked by it)."""
    listed = Path(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/children").read_text()
    return {int(pid) for pid in listed.split()}


def pid_of(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def fails(n: int) -> int:
    raise ValueError(f"no {n}")


def test_the_results_are_map_s_in_order_and_the_workers_end_once_they_are_read():
    before = children()
    results = Pooled(2, pid_of, [3, 1, 2, 5])
    assert len(children() - before) == 2  # at most `jobs` workers, forked at the call
    squares, pids = zip(*results)
    assert squares == (9, 1, 4, 25) and os.getpid() not in pids
    assert children() == before


def test_no_more_workers_than_items():
    before = children()
    results = Pooled(4, pid_of, [7])
    assert len(children() - before) == 1
    assert [square for square, _ in results] == [49]
    assert children() == before


def test_a_failure_in_a_worker_is_raised_here_and_leaves_no_worker():
    before = children()
    with pytest.raises(ValueError, match="no 3"):
        list(Pooled(2, fails, [3, 4]))
    assert children() == before


def test_closing_stops_the_workers_not_waited_for():
    before = children()
    results = Pooled(2, time.sleep, [60, 60])
    results.close()
    assert children() == before
