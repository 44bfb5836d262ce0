"""One build at a time per output folder: two runs into the same out/ (two terminals, two CI
jobs) would interleave their cache writes and their catalog feeds.

The lock is `fcntl.flock` on a file beside the folder's build cache, in the user's cache
folder, so out/ holds only publications. The kernel releases it when its holder ends,
however it ends (a crash, `kill -9`): a lock is never left stale.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from encyclopress.builder.cache import cache_file


class Busy(Exception):
    """Another run holds the output folder's lock (and we were not asked to wait)."""

    def __init__(self, out_dir: Path, holder: str) -> None:
        super().__init__(f"encyclopress: {out_dir} is being built by another run ({holder}); "
                         "run again when it ends, or add --wait to wait for it")


@contextmanager
def output_lock(out_dir: Path, wait: bool, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold `out_dir`'s lock for the block. Held by another run: raise Busy, or with `wait`
    say so through `waiting` (naming the holder) and block until it is released."""
    path = cache_file(out_dir).with_suffix(".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise Busy(out_dir, _holder(fd)) from None
            waiting(_holder(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)  # only to name the holder to whoever waits
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _holder(fd: int) -> str:
    return os.pread(fd, 64, 0).decode(errors="replace").strip() or "pid unknown"
