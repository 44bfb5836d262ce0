"""`map` on child processes forked for the purpose: the items' work done beside this process's.

Two uses. A single article on two cores has no pool (builder/batch.py), yet its A4 edition
and the A5 layout of its booklet are two layouts of about the same length: the A5 one is
laid out in a child while this process lays out the A4 one (`forked(f, items)`, one child
per item). A batch's articles and a collection's pieces go to `jobs` children taking the
items in turn (`forked(f, items, jobs)`), which end when the map does: they hold no memory
after it.

Forked, a child starts with what this process has loaded (WeasyPrint) and with the items
as they are here: only an item's number goes to it and its result comes back pickled.
Each child has a pipe of its own and shares no lock with another, unlike
multiprocessing.Pool, whose `terminate` waits forever for a worker that a stop signal
reached just before it blocked on the pool's shared queue (seen in CI). Here a child
waiting for work also stops when its pipe closes, and one that outlives `_GRACE` is killed.

A call that fails in a child is made again here, so its error is raised here, traceback
and all, as `map` would have raised it. Outputs a child writes are staged
(rendering/output.py): a stop signal during a call unwinds it, and they are removed.
"""

from __future__ import annotations

import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any, NoReturn, TypeVar

from encyclopress.engine.exit import leave_worker

T = TypeVar("T")
R = TypeVar("R")

_STOPS = {signal.SIGINT, signal.SIGTERM}  # Ctrl-C reaches the whole process group; the parent sends SIGTERM
_GRACE = 10.0  # seconds a stopped child has to unwind its call before it is killed
_OPEN: set[Connection] = set()  # this process's ends of its children's pipes: no other child may hold them


@dataclass(slots=True)
class _Child:
    pid: int
    pipe: Connection  # an item's number goes out, its pickled result (or b"": it failed) comes back
    item: int = -1  # the number of the item it is working on


def forked(function: Callable[[T], R], items: Iterable[T], jobs: int | None = None) -> Forked[R]:
    """`map(function, items)` on child processes: one per item, all started at once, or
    at most `jobs` of them, each taking the next item when it is done with one."""
    work = list(items)
    if jobs is None:
        return Forked(function, work, len(work), once=True)
    return Forked(function, work, min(max(jobs, 1), len(work)), once=False)


class Forked(Iterator[R]):
    """The results, in order. `close` stops the children still working (this build failed
    or was interrupted first); they end anyway once every result is read."""

    def __init__(self, function: Callable[[Any], R], work: Sequence[Any], children: int, once: bool) -> None:
        self._function, self._work, self._once = function, work, once
        self._waiting = deque(range(len(work)))  # items not yet given to a child
        self._results: dict[int, bytes] = {}
        self._next = 0
        self._children: list[_Child] = []
        try:
            for _ in range(children):
                self._give(_start(function, work, once))
        except BaseException:  # interrupted between two forks
            self.close()
            raise

    def __next__(self) -> R:
        if self._next == len(self._work):
            raise StopIteration
        try:
            while self._next not in self._results:
                self._collect()
            index, self._next = self._next, self._next + 1
            data = self._results.pop(index)
            return pickle.loads(data) if data else self._function(self._work[index])
        except BaseException:  # a call failed here, or an interrupt: no child is left behind
            self.close()
            raise

    def close(self) -> None:
        children, self._children = self._children, []
        for child in children:  # each mid-call (idle ones are let go at once): all stopped, then reaped
            _let_go(child)
            with suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGTERM)
        for child in children:
            _reap(child.pid)

    def _give(self, child: _Child) -> None:
        """Give `child` the next item, or let it go if none is left."""
        if self._waiting:
            child.item = self._waiting.popleft()
            child.pipe.send(child.item)
            self._children.append(child)
        else:
            _end(child)

    def _collect(self) -> None:
        """Wait for children to be done with their items, and give them the next ones."""
        working = {child.pipe: child for child in self._children}
        for pipe in wait(list(working)):
            child = working[pipe]
            self._children.remove(child)
            try:
                data = pipe.recv_bytes()
            except (EOFError, OSError):  # it was killed: its call is made again here, a new child takes the rest
                self._results[child.item] = b""
                _end(child)
                if self._waiting:
                    self._give(_start(self._function, self._work, self._once))
            else:
                self._results[child.item] = data
                self._give(child)


def _start(function: Callable[[Any], Any], work: Sequence[Any], once: bool) -> _Child:
    ours, theirs = Pipe()
    # Held back over the fork: the child must not run this process's handlers, which unwind
    # this process's frames (and remove its staged files) in the child.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    pid = os.fork()
    if pid == 0:
        for pipe in (ours, *_OPEN):  # a sibling's pipe held here would never tell it to stop
            pipe.close()
        _OPEN.clear()
        _serve(function, work, theirs, previous, once)
    signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    theirs.close()
    _OPEN.add(ours)
    return _Child(pid, ours)


_calling = False  # in a child: is a call under way?


def _serve(function: Callable[[Any], Any], work: Sequence[Any], pipe: Connection, mask: Iterable[int],
           once: bool) -> NoReturn:
    """Make the calls asked for until the pipe closes, or just one if `once` (it ends as
    soon as its result is sent); leave by os._exit whatever happens (exit.leave_worker)."""
    global _calling
    code = 0
    try:
        for signum in _STOPS:
            signal.signal(signum, _stopped)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        while True:
            try:
                item = pipe.recv()
            except EOFError:  # no more work
                break
            _calling = True
            try:
                data = pickle.dumps(function(work[item]), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - the parent makes the call again, and reports it
                data = b""
            _calling = False
            pipe.send_bytes(data)
            if once:
                break
    except BaseException:  # noqa: BLE001 - stopped mid-call (unwound), or the parent left
        code = 1
    finally:
        leave_worker(code)


def _stopped(signum: int, frame: object) -> None:
    """Mid-call, unwind it, so its staged files are removed; idle, just leave."""
    if _calling:
        raise KeyboardInterrupt(signum)
    leave_worker(128 + signum)


def _let_go(child: _Child) -> None:
    """Close the child's pipe: one waiting for work ends (a one-item child is ending already)."""
    _OPEN.discard(child.pipe)
    child.pipe.close()


def _end(child: _Child) -> None:
    """Let the child go and reap it: it is done with its item."""
    _let_go(child)
    _reap(child.pid)


def _reap(pid: int) -> None:
    """Wait for the child to end, killing it if it has not within _GRACE. Polled: a pidfd
    would need Linux 5.3 and a container that allows it."""
    deadline, pause = time.monotonic() + _GRACE, 0.001
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(pause)
        pause = min(pause * 2, 0.05)
