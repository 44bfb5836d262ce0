"""The one error model: every problem a user can cause is a `path:line: severity: message` line."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace
from pathlib import Path


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
    complaint (disk full, permission denied) for OS errors, else where the bug is."""
    if isinstance(error, OSError) and error.strerror:
        return Diagnostic(error.filename or path, None, error.strerror)
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    said = " ".join(str(error).split())  # one line, whatever the exception wrote
    return Diagnostic(path, None, f"internal error{where}: {type(error).__name__}: {said} (please report this bug)")
