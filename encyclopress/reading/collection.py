"""A collection: `content/<name>.collection.toml`, many articles published as one book.

Read and checked like a sidecar (reading/publication.py): every problem at once, each with
its line. The articles are named by slug and found beside the collection file; one that
is missing is an error on the line that names it.

    title = "The Alash movement"
    subtitle = "A reader"                 # optional
    editors = ["A. Editor"]               # optional
    locales = ["en", "kk", "ru"]          # and any other key of an article's sidecar
    [[parts]]                             # or, without parts: articles = ["slug", …]
    title = "Autonomy"
    articles = ["alash-autonomy", "national-assembly"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from encyclopress.core.diagnostics import BuildError, Diagnostic
from encyclopress.reading.publication import (
    SCHEMA,
    Publication,
    check_table,
    line_of,
    publication_from,
    read_toml,
)

SUFFIX = ".collection.toml"

# An article's sidecar keys, but for who wrote it and where from: each article says that.
_METADATA = {key: rule for key, rule in SCHEMA.items() if key not in ("authors", "source_url")}
COLLECTION_SCHEMA: dict[str, tuple[type, str]] = {
    "title": (str, "a string"),
    "subtitle": (str, "a string"),
    "editors": (list, "a list of strings"),
    "articles": (list, "a list of article slugs"),
    "parts": (list, "an array of tables ([[parts]]) with a title and articles"),
    **_METADATA,
}
_PART_KEYS = ("title", "articles")


@dataclass(frozen=True, slots=True)
class Member:
    """One article of the collection: `<folder>/<slug>.txt`, named on `line` of the collection file."""

    slug: str
    path: Path
    line: int | None


@dataclass(frozen=True, slots=True)
class Part:
    title: str | None  # None for a collection without parts: one untitled part
    members: tuple[Member, ...]
    line: int | None


@dataclass(frozen=True, slots=True)
class Collection:
    source: Path  # the collection file
    title: str
    subtitle: str | None
    parts: tuple[Part, ...]
    publication: Publication  # the book's metadata: slug, identifier, locales, paper, licence, editors…

    @property
    def editors(self) -> tuple[str, ...]:
        return self.publication.editors

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(member for part in self.parts for member in part.members)

    @property
    def has_parts(self) -> bool:
        return any(part.title for part in self.parts)

    def located_texts(self) -> Iterator[tuple[Path, int | None, str]]:
        """What the book prints from the collection file itself, each with its line."""
        text = self.source.read_text(encoding="utf-8")
        yield self.source, line_of(text, "title"), self.title
        if self.subtitle:
            yield self.source, line_of(text, "subtitle"), self.subtitle
        for editor in self.editors:
            yield self.source, line_of(text, "editors"), editor
        for (_, title), line in zip(self.publication.parallel_titles, self.publication.parallel_title_lines):
            yield self.source, line, title
        for part in self.parts:
            if part.title:
                yield self.source, part.line, part.title


def is_collection(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def collection_slug(path: Path) -> str:
    """`alash-reader.collection.toml` → `alash-reader`: its outputs' names."""
    return path.name[: -len(SUFFIX)]


def load_collection(path: Path) -> Collection:
    """The collection file at `path`, checked; every problem in it raised together."""
    data, text = read_toml(path)
    problems = list(check_table({k: v for k, v in data.items() if k != "parts"}, text, path, COLLECTION_SCHEMA))
    problems += _shape_problems(data, text, path)
    parts = list(_parts(data, text, path, problems))
    if problems:
        raise BuildError(problems)
    slug = collection_slug(path)
    publication = publication_from(slug, data, text)
    publication = replace(publication, editors=tuple(data.get("editors", ())))
    return Collection(path, data["title"], data.get("subtitle"), tuple(parts), publication)


def _shape_problems(data: dict[str, Any], text: str, path: Path) -> Iterator[Diagnostic]:
    if "title" not in data:
        yield Diagnostic(path, None, "a collection needs a 'title'")
    if "articles" in data and "parts" in data:
        yield Diagnostic(path, line_of(text, "articles"), "give either 'articles' or [[parts]], not both")
    elif "articles" not in data and "parts" not in data:
        yield Diagnostic(path, None, "a collection needs 'articles' (or [[parts]], each with its articles)")
    if collection_slug(path) and path.with_name(collection_slug(path) + ".txt").exists():
        yield Diagnostic(path, None, f"an article '{collection_slug(path)}.txt' has the same name: "
                                     "their outputs would overwrite each other")


def _parts(data: dict[str, Any], text: str, path: Path, problems: list[Diagnostic]) -> Iterator[Part]:
    """The parts in order (one untitled part for a plain `articles` list), their problems noted."""
    slugs = _SlugLines(text)
    seen: set[str] = set()
    if isinstance(data.get("articles"), list) and "parts" not in data:
        yield Part(None, _members(data["articles"], slugs, path, seen, problems), None)
        return
    tables = data.get("parts")
    if not isinstance(tables, list):
        if "parts" in data:
            problems.append(Diagnostic(path, line_of(text, "parts"), f"'parts' must be {COLLECTION_SCHEMA['parts'][1]}"))
        return
    headers = [number for number, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*parts\s*\]\]", line)]
    for index, table in enumerate(tables):
        line = headers[index] if index < len(headers) else line_of(text, "parts")
        if not isinstance(table, dict):
            problems.append(Diagnostic(path, line, f"'parts' must be {COLLECTION_SCHEMA['parts'][1]}"))
            continue
        problems += _part_problems(table, path, line)
        articles = table.get("articles") if isinstance(table.get("articles"), list) else []
        title = table.get("title") if isinstance(table.get("title"), str) else None
        yield Part(title, _members(articles, slugs, path, seen, problems), line)


def _part_problems(table: dict[str, Any], path: Path, line: int | None) -> Iterator[Diagnostic]:
    for key in table:
        if key not in _PART_KEYS:
            yield Diagnostic(path, line, f"unknown key '{key}' in [[parts]] (known keys: {', '.join(_PART_KEYS)})")
    if not isinstance(table.get("title"), str) or not table["title"].strip():
        yield Diagnostic(path, line, "each of [[parts]] needs a 'title' (a string)")
    if not isinstance(table.get("articles"), list) or not table["articles"]:
        yield Diagnostic(path, line, "each of [[parts]] needs 'articles', a list of article slugs")


def _members(slugs: list[Any], lines: _SlugLines, path: Path, seen: set[str],
             problems: list[Diagnostic]) -> tuple[Member, ...]:
    members = []
    for slug in slugs:
        if not isinstance(slug, str) or not re.fullmatch(r"[^/\\\s.][^/\\\s]*", slug):
            problems.append(Diagnostic(path, None, f"an article slug must be a file name without '.txt', not {slug!r}"))
            continue
        line = lines.next_line(slug)
        article = path.with_name(f"{slug}.txt")
        if slug in seen:
            problems.append(Diagnostic(path, line, f"article '{slug}' is named twice"))
        elif not article.is_file():
            problems.append(Diagnostic(path, line, f"no article '{slug}' ({article.name} is not in {path.parent})"))
        else:
            members.append(Member(slug, article, line))
        seen.add(slug)
    return tuple(members)


class _SlugLines:
    """The line of each slug, in the order the file names them (TOML keeps arrays in order)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.cursor = 0

    def next_line(self, slug: str) -> int | None:
        quoted = re.compile(rf"""["']{re.escape(slug)}["']""")
        for index in range(self.cursor, len(self.lines)):
            if quoted.search(self.lines[index]):
                self.cursor = index
                return index + 1
        return None
