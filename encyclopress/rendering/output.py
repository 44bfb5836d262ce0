"""Atomic outputs: everything an article produces is written to temporary files in the
target folder and renamed into place together, or not at all."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Ctrl-C and `kill` are held back while the stage's own bookkeeping runs, so an interrupt
# cannot leave a temporary file unrecorded, nor publish half of an article's outputs.
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done; they are delivered right after.

    Python runs signal handlers in the main thread, whichever thread the kernel gave the
    signal to (any that does not block it: a Dask client's, the cover's), so a mask alone
    does not hold them back there: the main thread swaps the handlers for ones that only
    note the signal. Another thread is never interrupted by Python; its mask holds back
    the kernel's default action (SIGTERM ending the process)."""
    if threading.current_thread() is not threading.main_thread():
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return
    held: list[int] = []
    handlers = {signum: signal.signal(signum, lambda number, _frame: held.append(number)) for signum in _INTERRUPTS}
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)


class Stage:
    """Temporary paths for one article's outputs, published together by `staged`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.pending: dict[Path, Path] = {}  # final path → temporary path

    def path(self, name: str) -> Path:
        """A temporary file for `name` (relative to out/, maybe in a subfolder), beside where it goes."""
        final = self.out_dir / name
        final.parent.mkdir(parents=True, exist_ok=True)
        with _uninterrupted():
            fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
            os.close(fd)
            self.pending[final] = Path(tmp)
        return Path(tmp)

    def discard(self) -> None:
        with _uninterrupted():
            for tmp in self.pending.values():
                tmp.unlink(missing_ok=True)

    def publish(self) -> None:
        with _uninterrupted():
            for final, tmp in self.pending.items():
                os.chmod(tmp, 0o644)  # mkstemp makes files only the owner can read
                os.replace(tmp, final)


@contextmanager
def staged(out_dir: Path) -> Iterator[Stage]:
    """Yield a Stage; on success rename every file into place, on any failure remove them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Stage(out_dir)
    try:
        yield stage
        stage.publish()
    except BaseException:  # KeyboardInterrupt and SystemExit too: never leave a part file
        stage.discard()
        raise
