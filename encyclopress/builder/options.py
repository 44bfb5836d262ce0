"""What a build is asked for, what it reports, and the one way a unit of work fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from encyclopress.builder.writers import DEFAULT_FORMATS
from encyclopress.core.diagnostics import BuildError, Diagnostic, unexpected


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asks for, beyond which articles and where to."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    locales: tuple[str, ...] = ()  # editions; () = the sidecar's
    paper: str | None = None  # overrides the sidecar's
    strict: bool = False  # any warning fails the article (reported as an error)
    date: datetime | None = None  # the build date, over SOURCE_DATE_EPOCH and file times


@dataclass
class Result:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False
    cached: bool = False  # up to date: nothing was rebuilt


@contextmanager
def attempt(result: Result) -> Iterator[None]:
    """Run one unit of work (an article, the catalog): its problems become `result`'s lines.
    A bug or the system (disk full) fails this unit, never the batch."""
    try:
        yield
    except BuildError as error:
        result.diagnostics += error.diagnostics
    except Exception as error:
        result.diagnostics.append(unexpected(result.source, error))
