"""Give infobox fields their meaning by the families table (infobox_families.toml):
groups, dates, numbers, images, captions, labels.

Keys are open-ended, so unknown keys keep a readable label made from the key itself:
when in doubt, a field is shown. Labels are English message ids; templates translate them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from pathlib import Path

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.i18n import N_
from encyclopress.core.model import (
    Fact,
    FieldGroup,
    ImageRef,
    Infobox,
    InfoField,
    InfoRow,
    PartialDate,
    Value,
)
from encyclopress.reading.dates import parse_date
from encyclopress.reading.debris import clean_value
from encyclopress.reading.families import (
    Family,
    FamilyTable,
    GroupSpec,
    Slot,
    family_table,
    first_match,
    normalize_key,
)
from encyclopress.reading.inline import parse_inline

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp")
_GROUPED = re.compile(r"\d{1,3}(?:([,\u00a0\u202f ])\d{3})(?:\1\d{3})*")  # one separator throughout
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def label_for(key: str) -> str:
    """A readable label made from the key itself: `Stat Pop2` → `Stat pop 2`, `GDP PPP` stays."""
    words = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", key).split()
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words]
    return " ".join(words).capitalize() if words[0].islower() else " ".join(words)


def build_infobox(
    header: str, fields: tuple[InfoField, ...], line: int, source: Path, warnings: list[Diagnostic]
) -> Infobox:
    fields = tuple(InfoField(f.key, clean_value(f.value), f.line) for f in fields)
    _warn_duplicates(fields, source, warnings)
    reader = _Reader(tuple(f for f in fields if f.value), family_table())
    rows = reader.rows()
    title = None if header.lower() == "infobox" else parse_inline(clean_value(header))
    return Infobox(title, rows, tuple(reader.images), line, _span(rows))


@dataclass(frozen=True, slots=True)
class _Member:
    slot: Slot
    field: InfoField


class _Reader:
    """Claims each field for one row: a group, a statistic with its year, a caption, a plain
    fact; or for no row (presentation, images, a language tag). Rows come in the order of
    their first field."""

    def __init__(self, fields: tuple[InfoField, ...], table: FamilyTable) -> None:
        self.fields = fields
        self.keys = [normalize_key(f.key) for f in fields]
        self.table = table
        self.family: Family | None = table.family_of(self.keys)
        self.images: list[ImageRef] = []
        self.langs = self._languages()
        self.members: dict[Hashable, list[_Member]] = {}
        self.measured = self._measured()

    def rows(self) -> tuple[InfoRow, ...]:
        claims = [self._claim(i) for i in range(len(self.fields))]
        rows: list[InfoRow] = []
        done: set[Hashable] = set()
        for index, claim in enumerate(claims):
            if claim is None or claim in done:
                continue
            done.add(claim)
            if claim == ("field", index):
                rows.append(self._fact(index))
            else:
                rows.extend(self._group_rows(claim))
        return tuple(rows)

    def _claim(self, index: int) -> Hashable | None:
        """What row field `index` belongs to: ("field", index) for a row of its own, a group id, or None."""
        key, f = self.keys[index], self.fields[index]
        if key in self.table.language_of:
            return None
        if first_match(self.table.captions, key):
            return ("field", index)
        if f.value.lower().endswith(IMAGE_SUFFIXES):
            self.images.append(ImageRef(f.key, f.value, f.line))
            return None
        group = self._group_of(index)
        if group is not None:
            return group
        if self.table.is_presentation(key, self.family):
            return None
        if first_match(self.table.images, key):
            self.images.append(ImageRef(f.key, f.value, f.line))
            return None
        return self._measure_of(index) or ("field", index)

    def _group_of(self, index: int) -> Hashable | None:
        key = self.keys[index]
        for number, spec in enumerate(self.table.groups):
            if not spec.applies_to(self.family):
                continue
            slot = self._slot(spec, key)
            if slot is None:
                continue
            group = _GROUP_IDS[spec.kind](number, spec, slot)
            if spec.kind == "office" and slot.n not in self._office_numbers(spec):
                continue  # a `Predecessor` with no office of its number is a fact of its own
            self.members.setdefault(group, []).append(_Member(slot, self.fields[index]))
            return group
        return None

    def _slot(self, spec: GroupSpec, key: str) -> Slot | None:
        if spec.lead and (slot := spec.lead.match(key)):
            return Slot("lead", None, slot.n)
        if spec.first and key == spec.first and not any(spec.match(k) for k in self.keys if k.endswith("1")):
            return Slot("first", None, "0")
        return spec.match(key)

    def _office_numbers(self, spec: GroupSpec) -> set[str]:
        assert spec.lead
        return {slot.n for key in self.keys if (slot := spec.lead.match(key))}

    def _measured(self) -> dict[str, tuple[str, str]]:
        """Keys that belong to a statistic: `Hdi Year` → ("hdi", "year"), `Hdi` → ("hdi", "value").
        `Population As Of` dates `Population Total`."""
        parts = {"year": self.table.year_suffixes, "rank": self.table.rank_suffixes}
        found: dict[str, tuple[str, str]] = {}
        for key in self.keys:
            for part, suffixes in parts.items():
                for suffix in suffixes:
                    stem = key.removesuffix(" " + suffix)
                    stem = next((s for s in (stem, stem + " total") if s != key and s in self.keys), None)
                    if stem:
                        found[key] = (stem, part)
                        found.setdefault(stem, (stem, "value"))
        return found

    def _measure_of(self, index: int) -> Hashable | None:
        """`Hdi Year` and `Gdp Nominal Rank` join `Hdi` and `Gdp Nominal` in one row."""
        if self.keys[index] not in self.measured:
            return None
        stem, part = self.measured[self.keys[index]]
        self.members.setdefault(("measure", stem), []).append(_Member(Slot(part, None, ""), self.fields[index]))
        return ("measure", stem)

    def _languages(self) -> dict[int, str]:
        """Fields tagged by `Native Name Lang: kk` and the like: the field's line → language."""
        tagged: dict[int, str] = {}
        for key, f in zip(self.keys, self.fields):
            if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", f.value):
                continue
            for target in self.table.language_of.get(key, ()):
                tagged.update({other.line: f.value for k, other in zip(self.keys, self.fields) if target.match(k)})
        return tagged

    def label(self, key: str, original: str) -> str:
        return self.table.label(normalize_key(key), self.family) or label_for(original)

    def value(self, f: InfoField, dated: bool = False) -> Value:
        """The field's value: its text, and a date (when `dated`, its key says so, or it is ISO) or a number."""
        key = normalize_key(f.key)
        text = parse_inline(f.value)
        lang = self.langs.get(f.line)
        if lang:
            text = tuple(replace(run, lang=lang) for run in text)
        date = parse_date(f.value) if dated or "date" in key or _ISO_DATE.fullmatch(f.value) else None
        number = None if _is_code(key) else plain_number(f.value)
        return Value(text, date, number)

    def _fact(self, index: int) -> Fact:
        f, key = self.fields[index], self.keys[index]
        if first_match(self.table.captions, key):
            subject = re.sub(r"(?i)\b(image|caption|type)\b", "", f.key).strip()
            label = self.label(subject, subject) if subject else N_("Image")
            return Fact(label, (Value(parse_inline(f.value)),), f.line, kind="caption")
        return Fact(self.label(f.key, f.key), (self.value(f),), f.line)

    def _group_rows(self, group: Hashable) -> list[InfoRow]:
        members = self.members[group]
        if group[0] == "measure":
            return [_measure(self, group[1], members)]
        spec = self.table.groups[group[0]]
        return _BUILDERS[spec.kind](self, spec, members)


def _inline(member: _Member | None):
    return parse_inline(member.field.value) if member else None


def _find(members: list[_Member], name: str) -> _Member | None:
    return next((m for m in members if m.slot.name == name), None)


def _line(members: list[_Member]) -> int:
    return min(m.field.line for m in members)


def _list(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`P1`, `P2` → one "Preceded by" row; `Commander1`, `Commander2` → the commanders of each side."""
    ordered = sorted(members, key=lambda m: int(m.slot.n or 0))
    role = ordered[0].slot.role
    label = spec.roles[role] if role else spec.label
    assert label
    return [Fact(label, tuple(reader.value(m.field) for m in ordered), _line(members))]


def _office(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`Office1`, `Term Start1`, `Term End1`, `Predecessor1`… → the office with its term and neighbours."""
    facts: list[Fact] = []
    start, end = _find(members, "term start"), _find(members, "term end")
    if start or end:
        term = tuple(reader.value(m.field, dated=True) if m else Value(()) for m in (start, end))
        facts.append(Fact(spec.roles["term"], term, min(m.field.line for m in (start, end) if m), kind="range"))
    for role, label in spec.roles.items():
        facts.extend(Fact(label, (reader.value(m.field),), m.field.line) for m in members if m.slot.role == role)
    assert spec.label
    return [FieldGroup("office", spec.label, tuple(facts), _line(members), _inline(_find(members, "lead")))]


def _history(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`Event1` + `Date Event1`, `Event Start` + `Date Start` + `Year Start`… → events in date order."""
    entries: dict[str, list[_Member]] = {}
    for m in members:
        entries.setdefault(m.slot.n, []).append(m)
    order = [*[e for e in ("pre", "start") if e in entries],
             *sorted((n for n in entries if n.isdigit()), key=int),
             *[e for e in ("end", "post") if e in entries]]
    facts = [_event(spec, n, entries[n]) for n in order]
    return [FieldGroup("history", spec.label or "", tuple(_by_date(facts)), _line(members))]


def _event(spec: GroupSpec, n: str, members: list[_Member]) -> Fact:
    event = _find(members, "event")
    when = " ".join(m.field.value for m in (_find(members, "date event") or _find(members, "date"),
                                           _find(members, "year event") or _find(members, "year")) if m)
    values = (Value(parse_inline(when), parse_date(when)),) if when else ()
    return Fact(spec.edges.get(n, ""), values, _line(members), title=_inline(event))


def _by_date(facts: list[Fact]) -> list[Fact]:
    """Stable sort by date; an event without a date keeps its place after the one before it."""
    keys: list[tuple[int, int, int]] = []
    last = (-10_000, 0, 0)
    for fact in facts:
        date = fact.values[0].date if fact.values else None
        last = (date.year, date.month or 0, date.day or 0) if date else last
        keys.append(last)
    return [fact for _, fact in sorted(zip(keys, facts), key=lambda pair: pair[0])]


def _holders(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`Title Deputy: Ataliq` + `Deputy1` + `Year Deputy1` → the deputies under their title, with their years."""
    role = members[0].slot.role
    assert role
    numbers = sorted({m.slot.n for m in members if m.slot.n}, key=int)
    facts = []
    for n in numbers:
        holder = next((m for m in members if m.slot.n == n and m.slot.name == role), None)
        years = next((m for m in members if m.slot.n == n and m.slot.name == f"year {role}"), None)
        values = (reader.value(holder.field),) if holder else ()
        facts.append(Fact("", values, _line([m for m in (holder, years) if m]), title=_inline(years)))
    title = _find(members, f"title {role}")
    return [FieldGroup("holders", spec.roles[role], tuple(facts), _line(members), _inline(title))]


def _titled(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`Leader Title1: Chairman` + `Leader Name1: Name` → "Chairman: Name"; `Subdivision Type` + `Name` alike."""
    facts = []
    for n in sorted({m.slot.n for m in members}, key=lambda n: int(n or 0)):
        pair = [m for m in members if m.slot.n == n]
        title = next((m for m in pair if re.search(r"\b(title|type)\b", m.slot.name)), None)
        names = [m for m in pair if m is not title]
        label = reader.label(names[0].field.key, names[0].field.key) if names else ""
        values = tuple(reader.value(m.field) for m in names)
        facts.append(Fact(label, values, _line(pair), title=_inline(title)))
    if spec.label is None:
        return list(facts)
    return [FieldGroup("titled", spec.label, tuple(facts), _line(members))]


def _yearly(reader: _Reader, spec: GroupSpec, members: list[_Member]) -> list[InfoRow]:
    """`Stat Year1: 1902` + `Stat Pop1` + `Stat Area1` → "Population (1902)", "Area (1902)"."""
    year = next((m for m in members if m.slot.role is None), None)
    measured = [m for m in members if m.slot.role]
    if not measured:  # a year with nothing measured in it
        return [Fact(reader.label(year.field.key, year.field.key), (reader.value(year.field),), year.field.line)] if year else []
    return [Fact(spec.roles[m.slot.role], (reader.value(m.field),), m.field.line, note=_inline(year))
            for m in measured if m.slot.role]


def _measure(reader: _Reader, stem: str, members: list[_Member]) -> Fact:
    """`Hdi` + `Hdi Year` (+ `Hdi Rank`) → "HDI (2022): 0.725"."""
    value, year, rank = (_find(members, part) for part in ("value", "year", "rank"))
    assert value
    values = (reader.value(value.field),) + ((Value(parse_inline(rank.field.value)),) if rank else ())
    return Fact(reader.label(value.field.key, value.field.key), values, _line(members),
                kind="ranked" if rank else "fact", note=_inline(year))


_GROUP_IDS: dict[str, Callable[[int, GroupSpec, Slot], Hashable]] = {
    "list": lambda number, spec, slot: (number, slot.role),
    "office": lambda number, spec, slot: (number, slot.n),
    "history": lambda number, spec, slot: (number,),
    "holders": lambda number, spec, slot: (number, slot.role),
    "titled": lambda number, spec, slot: (number,) if spec.label else (number, slot.n),
    "yearly": lambda number, spec, slot: (number, slot.n),
}
_BUILDERS: dict[str, Callable[[_Reader, GroupSpec, list[_Member]], list[InfoRow]]] = {
    "list": _list, "office": _office, "history": _history, "holders": _holders,
    "titled": _titled, "yearly": _yearly,
}


def _span(rows: tuple[InfoRow, ...]) -> tuple[PartialDate, PartialDate] | None:
    """Established – dissolved, from the history's first and last edges, when both are dates."""
    history = next((r for r in rows if isinstance(r, FieldGroup) and r.kind == "history"), None)
    if history is None:
        return None
    dates = {f.label: f.values[0].date for f in history.facts if f.values and f.values[0].date and f.label}
    edges = list(dates.values())
    return (edges[0], edges[-1]) if len(dates) == 2 else None


def plain_number(value: str) -> int | None:
    """`4,221,860`, `3 943 100` or `12345` as a number to format per locale; a year or a code is not one."""
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"\D", "", value))
    return int(value) if value.isdigit() and len(value) >= 5 else None


def _is_code(key: str) -> bool:
    return any(word in key for word in ("code", "iso", "cctld", "calling", "postal", "zip", "phone", "year", "glotto"))


def _warn_duplicates(fields: tuple[InfoField, ...], source: Path, warnings: list[Diagnostic]) -> None:
    first: dict[str, int] = {}
    for f in fields:
        key = f.key.lower()
        if key in first:
            message = f"duplicate infobox key '{f.key}' (first on line {first[key]}); both are kept"
            warnings.append(Diagnostic(source, f.line, message, "warning"))
        else:
            first[key] = f.line
