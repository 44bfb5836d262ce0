"""The one error model: every problem a user can cause is a `path:line: severity: message` line."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from encyclopress import __version__

PACKAGE = Path(__file__).resolve().parent.parent  # encyclopress/: frames inside it are ours


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: Path | str
    line: int | None
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.severity}: {self.message}"


class BuildError(Exception):
    """One or more problems that stop an article from building, reported together."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def fail(path: Path | str, line: int | None, message: str) -> BuildError:
    """A BuildError holding a single error, to `raise fail(...)` where the problem is found."""
    return BuildError([Diagnostic(path, line, message)])


def as_errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error, marked so the reader knows why."""
    return [
        replace(d, severity="error", message=f"{d.message} [--strict]") if d.severity == "warning" else d
        for d in diagnostics
    ]


def unexpected(path: Path | str, error: Exception) -> Diagnostic:
    """An error nobody planned for, as one line instead of a traceback: the system's own
    complaint (disk full, permission denied) for OS errors, else where the bug is, with the
    full traceback written to a log file that the line names (as Sphinx does)."""
    if isinstance(error, OSError) and error.strerror:
        return Diagnostic(error.filename or path, None, error.strerror)
    where = _where(traceback.extract_tb(error.__traceback__))
    said = " ".join(str(error).split())  # one line, whatever the exception wrote
    report = f"please report this bug{_log(error)}"
    return Diagnostic(path, None, f"internal error{where}: {type(error).__name__}: {said} ({report})")


def _where(frames: traceback.StackSummary) -> str:
    """` at encyclopress/reading/dates.py:31 (babel/core.py:1312)`: our innermost frame, which
    is where to look, then the innermost of all when a library raised."""
    if not frames:
        return ""
    ours = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(PACKAGE)]
    innermost = _frame_name(frames[-1])
    if not ours:
        return f" at {innermost}"
    own = _frame_name(ours[-1])
    return f" at {own}" if own == innermost else f" at {own} ({innermost})"


def _frame_name(frame: traceback.FrameSummary) -> str:
    """`encyclopress/reading/dates.py:31` for ours; a library's file with its folder (`babel/core.py:1312`)."""
    path = Path(frame.filename).resolve()
    name = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE) else Path(path.parent.name, path.name)
    return f"{name.as_posix()}:{frame.lineno}"


def _log(error: Exception) -> str:
    """`; traceback in /tmp/encyclopress-err-….log`, or "" when even that cannot be written:
    the one line still says what went wrong."""
    try:
        handle, name = tempfile.mkstemp(prefix="encyclopress-err-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(f"encyclopress {__version__}, Python {sys.version.split()[0]}\n\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        return ""
    return f"; traceback in {name}"
