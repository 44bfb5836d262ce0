"""Per-article metadata from the optional sidecar `content/<slug>.toml`, checked in one pass.

Every problem in a sidecar is reported together, each with its line where one can be found.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from encyclopress.core.diagnostics import BuildError, Diagnostic, fail
from encyclopress.core.i18n import DEFAULT_LOCALE, babel_locale, is_known_locale
from encyclopress.core.identifiers import default_identifier
from encyclopress.core.paper import DEFAULT as DEFAULT_PAPER
from encyclopress.core.paper import PAPERS


@dataclass(frozen=True, slots=True)
class Publication:
    slug: str
    identifier: str
    language: str = "en"
    locale: str = DEFAULT_LOCALE  # as Babel writes it (`en_GB`), whichever form the sidecar used
    parallel_titles: tuple[tuple[str, str], ...] = ()  # (language, title)
    parallel_title_lines: tuple[int | None, ...] = ()  # the sidecar line of each, for messages
    source_url: str | None = None
    # No sidecar, no claim: the tool cannot know who wrote an article or under what
    # terms, so it names no author and no licence rather than invent them.
    license: str | None = None
    license_url: str | None = None
    isbn: str | None = None  # digits only, check digit verified
    base_url: str | None = None  # where out/ is published, for catalog records' links; ends in "/"
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()  # a collection's (its file's `editors`): they edited it, not wrote it
    publisher: str = "Encyclopress"
    subjects: tuple[str, ...] = ()
    description: str | None = None
    locales: tuple[str, ...] = ()  # editions to build; the first edition is `locale`'s
    paper: str = DEFAULT_PAPER  # styles/paper-<paper>.css sets up the print edition


# key → (expected TOML type, description for messages)
SCHEMA: dict[str, tuple[type, str]] = {
    "identifier": (str, "a string (urn:uuid:…, urn:isbn:…)"),
    "language": (str, "a language tag such as 'en'"),
    "locale": (str, "a locale such as 'en-GB' or 'en_GB'"),
    "parallel_titles": (dict, "a table of language = title"),
    "source_url": (str, "an http(s) URL"),
    "license": (str, "a string"),
    "license_url": (str, "an http(s) URL"),
    "isbn": (str, "an ISBN-13 or ISBN-10 string"),
    "base_url": (str, "an http(s) URL"),
    "authors": (list, "a list of strings"),
    "publisher": (str, "a string"),
    "subjects": (list, "a list of strings"),
    "description": (str, "a string"),
    "locales": (list, "a list of locales such as [\"en\", \"kk\", \"ru\"]"),
    "paper": (str, f"one of {', '.join(PAPERS)}"),
}


def load_publication(article_path: Path) -> Publication:
    """The sidecar beside `article_path`, or defaults when there is none."""
    slug = article_path.stem
    sidecar = article_path.with_suffix(".toml")
    if not sidecar.exists():
        return Publication(slug, default_identifier(slug))
    data, text = read_toml(sidecar)
    problems = list(check_table(data, text, sidecar, SCHEMA))
    if problems:
        raise BuildError(problems)
    return publication_from(slug, data, text)


def licence_warnings(article_path: Path, publication: Publication) -> list[Diagnostic]:
    """One warning when no licence is given: the outputs then claim none, and a reader
    cannot tell whether they may share the article."""
    if publication.license:
        return []
    sidecar = article_path.with_suffix(".toml")
    if sidecar.exists():
        return [Diagnostic(sidecar, None, "no 'license' given: the outputs claim no licence", "warning")]
    message = f"no licence given (no {sidecar.name} beside it): the outputs claim no licence and name no author"
    return [Diagnostic(article_path, None, message, "warning")]


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's table and its text (for lines in messages); unreadable, one error with its line."""
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError as error:
        raise fail(path, None, f"invalid UTF-8 at byte {error.start}") from None
    except OSError as error:
        raise fail(path, None, f"cannot read file: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"at line (\d+)", str(error))
        number = int(line[1]) if line else text.count("\n") if "end of document" in str(error) else None
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(error))
        raise fail(path, number, f"TOML syntax: {message}") from None


def check_table(data: dict[str, Any], text: str, sidecar: Path,
                schema: dict[str, tuple[type, str]]) -> Iterator[Diagnostic]:
    """Every key of `data` checked against `schema` (and SCHEMA's value rules): one line each."""
    for key, value in data.items():
        line = line_of(text, key)
        if key not in schema:
            known = ", ".join(sorted(schema))
            yield Diagnostic(sidecar, line, f"unknown key '{key}' (known keys: {known})")
            continue
        expected, description = schema[key]
        if not isinstance(value, expected) or not _items_ok(value):
            yield Diagnostic(sidecar, line, f"'{key}' must be {description}")
            continue
        problem = _value_problem(key, value)
        if problem:
            yield Diagnostic(sidecar, line, problem)


def _items_ok(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    if isinstance(value, dict):
        return all(isinstance(item, str) for item in value.values())
    return True


def _value_problem(key: str, value: Any) -> str | None:
    if key in ("source_url", "license_url", "base_url") and not re.match(r"https?://\S+$", value):
        return f"'{key}' must be an http(s) URL, not {value!r}"
    if key == "isbn":
        return _isbn_problem(value)
    if key == "identifier" and not re.match(r"(urn:[a-z0-9-]+:|https?://)\S+$", value, re.I):
        return f"'identifier' must be a URN or URL, not {value!r}"
    if key == "paper" and value not in PAPERS:
        return f"'paper' must be one of {', '.join(PAPERS)}, not {value!r}"
    tags = [value] if key in ("language", "locale") else list(value) if key in ("parallel_titles", "locales") else []
    for tag in tags:
        if not is_known_locale(tag):
            return f"'{key}': unknown language or locale {tag!r}"
    return None


def _isbn_problem(value: str) -> str | None:
    from stdnum import (
        isbn as isbn_number,  # here: most sidecars have no ISBN, and stdnum loads ssl
    )
    from stdnum.exceptions import ValidationError

    try:
        isbn_number.validate(value)
    except ValidationError as error:
        return f"'isbn': {value!r} is not a valid ISBN ({error.message[:1].lower()}{error.message[1:-1]})"
    return None


def line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=|^[ \t]*\[{re.escape(key)}\]", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _title_lines(text: str, languages: list[str]) -> tuple[int | None, ...]:
    """The line of each `language = "title"` in the [parallel_titles] table (of the table
    itself when it is written inline)."""
    header = line_of(text, "parallel_titles")
    if header is None:
        return tuple(None for _ in languages)
    table = "\n".join(text.splitlines()[header - 1 :])
    return tuple(header - 1 + (line_of(table, language) or 1) for language in languages)


def publication_from(slug: str, data: dict[str, Any], text: str) -> Publication:
    """The Publication of checked sidecar keys (others in `data` are left to the caller)."""
    values = {key: value for key, value in data.items() if key in SCHEMA}
    values.setdefault("identifier", default_identifier(slug))
    if "locale" in values:
        values["locale"] = babel_locale(values["locale"])  # checked above; `en-GB` → `en_GB`
    if "parallel_titles" in values:
        values["parallel_titles"] = tuple(values["parallel_titles"].items())
        values["parallel_title_lines"] = _title_lines(text, list(data["parallel_titles"]))
    for key in ("authors", "subjects", "locales"):
        if key in values:
            values[key] = tuple(values[key])
    if "isbn" in values:
        from stdnum import isbn as isbn_number

        values["isbn"] = isbn_number.compact(values["isbn"])
    if "base_url" in values:
        values["base_url"] = values["base_url"].rstrip("/") + "/"
    return Publication(slug=slug, **values)
