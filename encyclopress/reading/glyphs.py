"""Glyph coverage: characters no shipped font can draw, found before anything is rendered.

Without this, WeasyPrint prints such a character as an empty box ("tofu") and says
nothing. Each one becomes a warning naming the line it is on, so an editor can fix
the text or a font can be added.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.model import Article, plain
from encyclopress.reading.fonts import covered_by_any
from encyclopress.reading.publication import Publication


def uncovered_characters(article: Article, publication: Publication, fonts_dir: Path) -> list[Diagnostic]:
    """One warning per character no font in `fonts_dir` has, per line it appears on."""
    return uncovered_in(_printed_text(article, publication), fonts_dir)


def uncovered_in(texts: Iterable[tuple[Path, int | None, str]], fonts_dir: Path) -> list[Diagnostic]:
    """The same for any `(file, line, text)` printed (a collection's title page)."""
    covered = covered_by_any(fonts_dir)
    found: dict[tuple[Path, int | None, str], None] = {}  # ordered set: first report wins
    for path, line, text in texts:
        for char in text:
            if ord(char) not in covered and _drawn(char):
                found.setdefault((path, line, char), None)
    return [Diagnostic(path, line, _message(char), "warning") for path, line, char in found]


def _printed_text(article: Article, publication: Publication) -> Iterator[tuple[Path, int | None, str]]:
    for line, inline in article.located_inlines():
        yield article.source, line, plain(inline)
    sidecar = article.source.with_suffix(".toml")
    for (_, title), line in zip(publication.parallel_titles, publication.parallel_title_lines):
        yield sidecar, line, title


def _drawn(char: str) -> bool:
    """Spaces and invisible format characters need no glyph: Pango handles them."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def _message(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"no shipped font has U+{ord(char):04X} {name} ('{char}'): it will print as an empty box"
