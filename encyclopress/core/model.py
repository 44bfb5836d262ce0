"""The document model: small frozen dataclasses that every renderer reads.

Text is kept as `Inline` (a tuple of `Run`s) so that the script and language of each
stretch is decided once, by the reader, and templates only print it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one script. `lang` is set where it differs from the document's."""

    text: str
    lang: str | None = None
    rtl: bool = False
    time: str | None = None  # ISO (Gregorian) date when the run is a date the reader recognized


Inline = tuple[Run, ...]


def plain(inline: Inline) -> str:
    return "".join(run.text for run in inline)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Inline
    line: int


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[Inline, ...]
    item_lines: tuple[int, ...]  # the line of each item

    @property
    def line(self) -> int:
        return self.item_lines[0]


Block = Paragraph | ItemList


@dataclass(frozen=True, slots=True)
class Section:
    title: Inline
    anchor: str
    level: int
    blocks: tuple[Block, ...]
    children: tuple[Section, ...]
    line: int


@dataclass(frozen=True, slots=True)
class InfoField:
    """One `- Key: Value` line of the infobox, its value cleaned of link debris."""

    key: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day (Gregorian as written)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a fact: text, or a date or number that the templates format per locale."""

    text: Inline
    date: PartialDate | None = None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One row of the infobox table. `label` is an English message id, translated by templates;
    `title` is a label the article itself gives (an office, a leader's title), shown instead."""

    label: str
    values: tuple[Value, ...]
    line: int
    kind: str = "fact"  # "fact"; "caption" (of an image not shipped); "range" (start, end); "ranked" (value, rank)
    title: Inline | None = None
    note: Inline | None = None  # after the label, in brackets: the year of a statistic

    def inlines(self) -> Iterator[Inline]:
        for inline in (self.title, self.note, *(v.text for v in self.values)):
            if inline:
                yield inline


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """Infobox rows that belong together, drawn as one block under one heading: an office with
    its term and neighbours, the history of a state, the holders of a title.
    `kind` is the group kind of the families table (reading/infobox_families.toml)."""

    kind: str
    label: str  # message id of the heading, unless the article gives `title`
    facts: tuple[Fact, ...]
    line: int
    title: Inline | None = None

    def inlines(self) -> Iterator[Inline]:
        if self.title:
            yield self.title
        for fact in self.facts:
            yield from fact.inlines()


InfoRow = Fact | FieldGroup


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image the article names but does not ship: kept for records, never drawn."""

    key: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Infobox:
    header: Inline | None  # None where the header is the generic word "Infobox"
    rows: tuple[InfoRow, ...]
    images: tuple[ImageRef, ...]
    line: int
    span: tuple[PartialDate, PartialDate] | None = None  # established – dissolved, when both are dates

    def blocks(self, start: int = 0, stop: int | None = None) -> tuple[FieldGroup, ...]:
        """Rows `start` to `stop` as drawn: each group, and each run of plain rows as a group of
        kind "" (no heading). The print edition splits a long box between top-level rows, so a
        group is never split."""
        blocks: list[FieldGroup] = []
        for row in self.rows[start:stop]:
            if isinstance(row, FieldGroup):
                blocks.append(row)
            elif blocks and not blocks[-1].kind:
                blocks[-1] = FieldGroup("", "", (*blocks[-1].facts, row), blocks[-1].line)
            else:
                blocks.append(FieldGroup("", "", (row,), row.line))
        return tuple(blocks)


@dataclass(frozen=True, slots=True)
class Article:
    title: Inline
    infobox: Infobox | None
    lead: tuple[Block, ...]
    sections: tuple[Section, ...]
    source: Path

    @property
    def plain_title(self) -> str:
        return plain(self.title)

    def summary(self, limit: int = 300) -> str:
        """The lead's first sentences, up to `limit` characters, for metadata."""
        lead = next((plain(b.text) for b in self.lead if isinstance(b, Paragraph)), "")
        if len(lead) <= limit:
            return lead
        cut = lead.rfind(". ", 0, limit)
        return lead[: cut + 1] if cut > 0 else lead[: limit - 1].rstrip() + "…"

    def languages(self) -> tuple[str, ...]:
        """Languages tagged anywhere in the text, in order of first appearance."""
        seen: dict[str, None] = {}
        for _, inline in self.located_inlines():
            for run in inline:
                if run.lang:
                    seen.setdefault(run.lang, None)
        return tuple(seen)

    def text(self) -> str:
        """All the text of the article, for coverage checks and summaries."""
        return "\n".join(plain(inline) for _, inline in self.located_inlines())

    def located_inlines(self) -> Iterator[tuple[int, Inline]]:
        """Every stretch of text the editions print, with the line of the source it came from."""
        yield 1, self.title
        if self.infobox:
            if self.infobox.header:
                yield self.infobox.line, self.infobox.header
            for row in self.infobox.rows:
                for inline in row.inlines():
                    yield row.line, inline
        yield from _block_inlines(self.lead)
        for section in self.sections:
            yield from _section_inlines(section)


def _block_inlines(blocks: tuple[Block, ...]) -> Iterator[tuple[int, Inline]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.line, block.text
        else:
            yield from zip(block.item_lines, block.items)


def _section_inlines(section: Section) -> Iterator[tuple[int, Inline]]:
    yield section.line, section.title
    yield from _block_inlines(section.blocks)
    for child in section.children:
        yield from _section_inlines(child)
