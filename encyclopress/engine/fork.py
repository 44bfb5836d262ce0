"""`map` on child processes forked for the purpose: the items' work done beside this process's.

A single article on two cores has no pool (builder/batch.py), yet its A4 edition and the
A5 layout of its booklet are two layouts of about the same length: the A5 one is laid
out in a child while this process lays out the A4 one. Forked, the child starts with what
this process has loaded (WeasyPrint) and with the item as it is here: only its result is
pickled, back through a pipe. Outputs are never written by the child, so a failure there
leaves nothing half-written; the parent makes that item's call again itself, so the error
is raised here, traceback and all, as `map` would have raised it.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, BinaryIO, NoReturn, TypeVar

from encyclopress.engine.exit import leave_worker

T = TypeVar("T")
R = TypeVar("R")

_STOPS = {signal.SIGINT, signal.SIGTERM}  # Ctrl-C reaches the whole process group; the parent sends SIGTERM


@dataclass(frozen=True, slots=True)
class _Child:
    pid: int
    pipe: BinaryIO  # the read end: the pickled result, or nothing if the call failed
    item: Any


def forked(function: Callable[[T], R], items: Iterable[T]) -> Forked[R]:
    """`map(function, items)`, each call started at once in a child process of its own."""
    return Forked(function, [_fork(function, item) for item in items])


class Forked(Iterator[R]):
    """The children's results, in order. `close` stops those not waited for (this build
    failed or was interrupted first): no process is left behind."""

    def __init__(self, function: Callable[[Any], R], children: list[_Child]) -> None:
        self._function = function
        self._waiting = children

    def __next__(self) -> R:
        if not self._waiting:
            raise StopIteration
        data = _outcome(self._waiting[0])  # interrupted meanwhile, the child is left for `close`
        child = self._waiting.pop(0)
        if data is None:  # it failed (or was killed): the call again here, to raise its error here
            return self._function(child.item)
        return pickle.loads(data)

    def close(self) -> None:
        while self._waiting:
            _stop(self._waiting.pop())


def _fork(function: Callable[[T], R], item: T) -> _Child:
    read, write = os.pipe()
    # Held back over the fork: the child must not run the parent's handlers, which unwind
    # the parent's frames (and remove its staged files) in the child.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(function, item, write, previous)
    signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    os.close(write)
    return _Child(pid, open(read, "rb"), item)


def _child(function: Callable[[T], R], item: T, pipe: int, mask: Iterable[int]) -> NoReturn:
    """Make the call and send its result; leave by os._exit whatever happens (exit.leave_worker)."""
    code = 1
    try:
        for signum in _STOPS:
            signal.signal(signum, _leave)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        result = pickle.dumps(function(item), protocol=pickle.HIGHEST_PROTOCOL)
        with open(pipe, "wb") as out:
            out.write(result)
        code = 0
    except BaseException:  # noqa: BLE001 - any failure: the parent makes the call again, and reports it
        pass
    finally:
        leave_worker(code)


def _leave(signum: int, frame: object) -> NoReturn:
    leave_worker(128 + signum)


def _outcome(child: _Child) -> bytes | None:
    """The child's pickled result, None if it failed; it has ended either way."""
    data = child.pipe.read()
    child.pipe.close()
    _, status = os.waitpid(child.pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None


def _stop(child: _Child) -> None:
    child.pipe.close()
    with suppress(ProcessLookupError, ChildProcessError):  # it had ended: reaped by _outcome
        os.kill(child.pid, signal.SIGTERM)
        os.waitpid(child.pid, 0)
