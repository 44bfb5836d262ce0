"""engine/fork.py: `map` on forked children, the same results and errors, no process left behind."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from encyclopress.engine.fork import forked


def children() -> set[int]:
    """This thread's living child processes (forked by it)."""
    listed = Path(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/children").read_text()
    return {int(pid) for pid in listed.split()}


def square(n: int) -> int:
    return n * n


def test_the_results_are_map_s_in_order_and_every_child_is_reaped():
    before = children()
    assert list(forked(square, [3, 1, 2])) == [9, 1, 4]
    assert children() == before


def test_a_call_that_fails_in_its_child_is_made_again_here_and_raises_here():
    made_here = []

    def fails(n: int) -> int:
        made_here.append(os.getpid())  # in the child, appended to the child's copy only
        raise ValueError(f"no {n}")

    with pytest.raises(ValueError, match="no 7") as raised:
        next(forked(fails, [7]))
    assert made_here == [os.getpid()]
    assert raised.traceback[-1].name == "fails"  # the traceback is this process's


def test_closing_stops_the_children_not_waited_for():
    before = children()
    results = forked(time.sleep, [60, 60])
    assert len(children() - before) == 2
    results.close()
    assert children() == before
