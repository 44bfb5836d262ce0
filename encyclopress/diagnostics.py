"""The one error model: every problem a user can cause is a `path:line: severity: message` line."""

from __future__ import annotations

from dataclasses import dataclass
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
