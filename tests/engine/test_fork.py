"""engine/fork.py: `map` on forked children, the same results and errors, no process left behind."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from encyclopress.engine import fork
from encyclopress.engine.fork import forked


def children() -> set[int]:
    """This thread's living child processes (forked by it)."""
    listed = Path(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/children").read_text()
    return {int(pid) for pid in listed.split()}


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def slowly(n: int) -> tuple[int, int]:
    time.sleep(0.2)
    return square_and_pid(n)


def deaf(job: tuple[Path, float]) -> float:
    """Ignore the stop signal from now on, as a child does that it reached just before it
    blocked waiting for work; say so in a file; then sleep."""
    ready, seconds = job
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ready.touch()
    time.sleep(seconds)
    return seconds


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"no {path.name}"
        time.sleep(0.01)


def test_one_child_per_item_the_results_in_order_and_every_child_is_reaped():
    before = children()
    results = forked(square_and_pid, [3, 1, 2])
    assert len(children() - before) == 3
    squares, pids = zip(*results)
    assert squares == (9, 1, 4) and len(set(pids)) == 3 and os.getpid() not in pids
    assert children() == before


def test_with_jobs_at_most_that_many_children_take_the_items_in_turn():
    before = children()
    results = forked(square_and_pid, [3, 1, 2, 5, 4], jobs=2)
    assert len(children() - before) == 2
    squares, pids = zip(*results)
    assert squares == (9, 1, 4, 25, 16) and len(set(pids)) == 2 and os.getpid() not in pids
    assert children() == before


def test_no_more_children_than_items():
    before = children()
    results = forked(square_and_pid, [7], jobs=4)
    assert len(children() - before) == 1
    assert [square for square, _ in results] == [49]
    assert children() == before


@pytest.mark.parametrize("jobs", [None, 2])
def test_a_call_that_fails_in_its_child_is_made_again_here_and_raises_here(jobs):
    made_here = []

    def fails(n: int) -> int:
        made_here.append(os.getpid())  # in a child, appended to the child's copy only
        raise ValueError(f"no {n}")

    before = children()
    with pytest.raises(ValueError, match="no 7") as raised:
        list(forked(fails, [7, 8, 9], jobs))
    assert made_here == [os.getpid()]
    assert raised.traceback[-1].name == "fails"  # the traceback is this process's
    assert children() == before


def test_closing_stops_the_children_not_waited_for():
    before = children()
    results = forked(time.sleep, [60, 60])
    assert len(children() - before) == 2
    started = time.monotonic()
    results.close()
    assert children() == before and time.monotonic() - started < 5


def test_a_child_that_missed_the_stop_signal_while_waiting_for_work_still_ends(monkeypatch, tmp_path):
    """What hung CI with multiprocessing.Pool: the signal came just before the child blocked.
    Here its pipe closes too, and the child, told there is no more work, ends at once."""
    monkeypatch.setattr(fork, "_GRACE", 60.0)
    before = children()
    results = forked(deaf, [(tmp_path / "first", 0), (tmp_path / "second", 0)], jobs=1)
    wait_for(tmp_path / "first")  # then it sends its result and waits for the next item
    time.sleep(0.2)
    started = time.monotonic()
    results.close()
    assert children() == before and time.monotonic() - started < 5


def test_a_child_that_does_not_stop_mid_call_is_killed_after_the_grace_period(monkeypatch, tmp_path):
    monkeypatch.setattr(fork, "_GRACE", 0.5)
    before = children()
    results = forked(deaf, [(tmp_path / "ready", 60)])
    wait_for(tmp_path / "ready")
    started = time.monotonic()
    results.close()
    assert children() == before and 0.4 < time.monotonic() - started < 5


def test_a_child_killed_from_outside_has_its_call_made_here_and_another_takes_the_rest():
    before = children()
    results = forked(slowly, [2, 3, 4], jobs=1)
    os.kill(next(iter(children() - before)), signal.SIGKILL)  # mid-call
    squares, pids = zip(*results)
    assert squares == (4, 9, 16) and pids[0] == os.getpid() and os.getpid() not in pids[1:]
    assert children() == before
