"""Atomic outputs: everything an article produces is written to temporary files in the
target folder and renamed into place together, or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Stage:
    """Temporary paths for one article's outputs, published together by `staged`."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.pending: dict[Path, Path] = {}  # final path → temporary path

    def path(self, name: str) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.out_dir)
        os.close(fd)
        final = self.out_dir / name
        self.pending[final] = Path(tmp)
        return Path(tmp)

    def discard(self) -> None:
        for tmp in self.pending.values():
            tmp.unlink(missing_ok=True)

    def publish(self) -> list[Path]:
        for final, tmp in self.pending.items():
            os.chmod(tmp, 0o644)  # mkstemp makes files only the owner can read
            os.replace(tmp, final)
        return list(self.pending)


@contextmanager
def staged(out_dir: Path) -> Iterator[Stage]:
    """Yield a Stage; on success rename every file into place, on any failure remove them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Stage(out_dir)
    try:
        yield stage
    except BaseException:  # KeyboardInterrupt and SystemExit too: never leave a part file
        stage.discard()
        raise
    stage.publish()
