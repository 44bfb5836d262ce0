"""Read an article file into the document model.

The format: `= Title =` on line 1; an optional infobox (a header line, then `- Key: Value`
lines); paragraphs of one line; `- ` list items; `== Section ==` and `=== Subsection ===`.
Structural problems raise a BuildError naming the file and line; recoverable ones are
appended to `warnings`.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from encyclopress.core.diagnostics import Diagnostic, fail
from encyclopress.core.model import (
    Article,
    Block,
    Infobox,
    InfoField,
    ItemList,
    Paragraph,
    Section,
)
from encyclopress.reading.debris import clean_text
from encyclopress.reading.infobox import build_infobox
from encyclopress.reading.inline import parse_inline

# An encyclopedia article is tens or hundreds of kilobytes. 1.3 MiB of text already lays
# out as 505 printed pages in 78 s and 1.1 GB of memory (benchmarks/results.md), so 2 MiB
# leaves room for the longest real article while a stray dump or log file is refused.
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 3
RESERVED_IDS = frozenset({"title", "infobox", "lead", "contents", "attribution"})  # used by templates

_FIELD = re.compile(r"^- (?P<key>[^:]+?):(?: (?P<value>.*)|\s*)$")
# Characters XML 1.0 forbids (EPUB is XML); tab, newline and carriage return are allowed.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def read_article(path: Path, warnings: list[Diagnostic]) -> Article:
    """Read and parse one article file."""
    return parse_article(decode(article_bytes(path), path), path, warnings)


def article_bytes(path: Path) -> bytes:
    """The article file's content, refused when it is no regular file or too big."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block, a device never end
            raise fail(path, None, "cannot read file: not a regular file")
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise fail(path, None, f"file is {size:,} bytes; the limit for an article is {MAX_BYTES:,}")
            data = file.read(MAX_BYTES + 1)  # never more, even if the file grows meanwhile
    except OSError as error:
        raise fail(path, None, f"cannot read file: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise fail(path, None, f"file grew past the limit for an article, {MAX_BYTES:,} bytes")
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text, BOM removed; invalid bytes and binary files are errors."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise fail(path, line, "binary data (NUL byte): not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise fail(path, line, f"invalid UTF-8 at byte {error.start}") from None


def parse_article(text: str, source: Path, warnings: list[Diagnostic]) -> Article:
    """Parse article text (no BOM) into the model."""
    lines = _clean_lines(text, source, warnings)
    title = _parse_title(lines, source)
    infobox, start = _parse_infobox(lines, source, warnings)
    body = _Body(source)
    for number in range(start, len(lines) + 1):
        body.feed(number, lines[number - 1])
    lead, sections = body.finish()
    if not lead and not sections and infobox is None:
        raise fail(source, 1, "the article has a title but no text")
    return Article(parse_inline(title), infobox, lead, sections, source)


def _clean_lines(text: str, source: Path, warnings: list[Diagnostic]) -> list[str]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        found = _XML_FORBIDDEN.findall(line)
        if found:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            warnings.append(Diagnostic(source, number, f"removed control characters {codes}", "warning"))
            lines[number - 1] = _XML_FORBIDDEN.sub("", line)
    return lines


def _parse_title(lines: list[str], source: Path) -> str:
    if not any(line.strip() for line in lines):
        raise fail(source, 1, "empty file: expected a title line '= Title ='")
    heading = _split_heading(lines[0])
    if heading is None or len(heading[0]) != 1:
        raise fail(source, 1, "the first line must be the title, written '= Title ='")
    return _heading_text(heading, 1, source)


def _split_heading(line: str) -> tuple[str, str, str] | None:
    """`== Text ==` → ("==", "Text", "=="); None unless the line starts with "=".

    String methods, not a regular expression: a pattern with optional spaces on both
    sides of the text backtracks for hours on a long heading full of spaces."""
    if not line.startswith("="):
        return None
    rest = line.lstrip("=")
    opening = line[: len(line) - len(rest)]
    rest = rest.rstrip()
    text = rest.rstrip("=")
    return opening, text.strip(), rest[len(text):]


def _heading_text(heading: tuple[str, str, str], number: int, source: Path) -> str:
    opening, text, closing = heading
    if not closing:
        raise fail(source, number, f"unterminated heading: '{opening}' has no closing '{opening}'")
    if len(opening) != len(closing):
        raise fail(source, number, f"unbalanced heading markers '{opening}' and '{closing}'")
    text = clean_text(text)  # what is left of `( , )` once the debris of links is gone
    if not text:
        raise fail(source, number, "empty heading")
    return text


def _parse_infobox(
    lines: list[str], source: Path, warnings: list[Diagnostic]
) -> tuple[Infobox | None, int]:
    """The infobox after the title, if any, and the 1-based number of the first body line."""
    header_index = next((i for i in range(1, len(lines)) if lines[i].strip()), None)
    if header_index is None or not _is_infobox_header(lines, header_index):
        return None, 2
    fields: list[InfoField] = []
    index = header_index + 1
    while index < len(lines) and lines[index].startswith("- "):
        if index == len(lines) - 1:  # no line end after it: the file was cut inside the infobox
            fields.extend(_last_field(lines[index], index + 1, source, warnings))
        else:
            fields.append(_parse_field(lines[index], index + 1, source))
        index += 1
    infobox = build_infobox(lines[header_index].strip(), tuple(fields), header_index + 1, source, warnings)
    return infobox, index + 1


def _is_infobox_header(lines: list[str], index: int) -> bool:
    header = lines[index].strip()
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        not header.startswith(("- ", "="))
        and not header.endswith((":", ".", "!", "?"))
        and len(header) <= 80
        and bool(_FIELD.match(following))
    )


def _last_field(line: str, number: int, source: Path, warnings: list[Diagnostic]) -> list[InfoField]:
    """The file's last line, cut off where the file ends: real exports stop mid-word, mid-line,
    anywhere. What is there is kept; a line with no value yet (`- Title Deput`) has nothing to keep."""
    match = _FIELD.match(line)
    kept = "kept what is there" if match and match["value"] else "nothing of it to keep"
    message = f"the file ends inside the infobox: its last line may be cut off ({line[:60]!r}); {kept}"
    warnings.append(Diagnostic(source, number, message, "warning"))
    return [_parse_field(line, number, source)] if match and match["key"].strip() else []


def _parse_field(line: str, number: int, source: Path) -> InfoField:
    match = _FIELD.match(line)
    if not match or not match["key"].strip():  # "-  : y" has no key to label the value
        raise fail(source, number, f"infobox line is not '- Key: Value': {line[:60]!r}")
    return InfoField(match["key"].strip(), (match["value"] or "").strip(), number)


@dataclass
class _Open:
    """A section being read; frozen into a Section when the next heading closes it."""

    title: str
    level: int
    line: int
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


class _Body:
    """Feeds body lines one at a time into paragraphs, lists and a two-level section tree."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.lead: list[Block] = []
        self.sections: list[Section] = []
        self.open: list[_Open] = []
        self.items: list[tuple[str, int]] = []
        self.anchors: set[str] = set(RESERVED_IDS)

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if line.startswith("- ") or stripped == "-":
            if stripped != "-":
                self.items.append((line[2:].strip(), number))
            return
        self._close_list()
        if not stripped:
            return
        if stripped.startswith("="):
            self._heading(number, stripped)
        else:
            self._blocks().append(Paragraph(parse_inline(clean_text(stripped)), number))

    def finish(self) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
        self._close_list()
        self._close_to(1)
        return tuple(self.lead), tuple(self.sections)

    def _blocks(self) -> list[Block]:
        return self.open[-1].blocks if self.open else self.lead

    def _close_list(self) -> None:
        if self.items:
            items = tuple(parse_inline(clean_text(text)) for text, _ in self.items)
            lines = tuple(number for _, number in self.items)
            self._blocks().append(ItemList(items, lines))
            self.items = []

    def _heading(self, number: int, line: str) -> None:
        heading = _split_heading(line)
        assert heading  # the caller saw the "="
        level = len(heading[0])
        title = _heading_text(heading, number, self.source)
        if level == 1:
            raise fail(self.source, number, "a second title: sections are written '== Section =='")
        if level > MAX_DEPTH:
            raise fail(self.source, number, f"heading level {level} is deeper than {MAX_DEPTH} ('=== Subsection ===')")
        parent = self.open[-1].level if self.open else 1
        if level > parent + 1:
            raise fail(self.source, number, f"heading level jumps from {parent} to {level}")
        self._close_to(level)
        self.open.append(_Open(title, level, number, self._anchor(title)))

    def _close_to(self, level: int) -> None:
        """Close every open section at `level` or deeper; empty ones are dropped."""
        while self.open and self.open[-1].level >= level:
            done = self.open.pop()
            if not done.blocks and not done.children:
                continue
            section = Section(
                parse_inline(done.title), done.anchor, done.level,
                tuple(done.blocks), tuple(done.children), done.line,
            )
            (self.open[-1].children if self.open else self.sections).append(section)

    def _anchor(self, title: str) -> str:
        ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
        base = base if base[:1].isalpha() else f"section-{base}".rstrip("-")
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor
