"""Give infobox fields their meaning: dates, succession, office holders, images, labels.

Keys are open-ended, so unknown keys keep a readable label made from the key itself.
Labels are English message ids; templates translate them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.i18n import N_
from encyclopress.core.model import (
    Fact,
    ImageRef,
    Infobox,
    InfoField,
    PartialDate,
    Value,
)
from encyclopress.reading.dates import parse_date
from encyclopress.reading.debris import clean_value
from encyclopress.reading.inline import parse_inline

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp")
# Fields that only describe an image we do not draw.
IMAGE_DETAIL_KEYS = frozenset({"symbol type", "image map size", "image size", "flag type", "alt"})
LABELS = {
    "conventional long name": N_("Official name"),
    "common name": N_("Common name"),
    "native name": N_("Native name"),
    "national motto": N_("Motto"),
    "national anthem": N_("Anthem"),
    "capital": N_("Capital"),
    "largest city": N_("Largest city"),
    "official languages": N_("Official languages"),
    "common languages": N_("Common languages"),
    "religion": N_("Religion"),
    "government type": N_("Government"),
    "legislature": N_("Legislature"),
    "era": N_("Historical era"),
    "status": N_("Status"),
    "currency": N_("Currency"),
    "demonym": N_("Demonym"),
    "today": N_("Today part of"),
    "life span": N_("Life span"),
    "birth date": N_("Born"),
    "death date": N_("Died"),
    "birth place": N_("Place of birth"),
    "death place": N_("Place of death"),
    "start": N_("Established"),
    "end": N_("Dissolved"),
    "leader": N_("Leader"),
    "deputy": N_("Deputy"),
    "representative": N_("Representative"),
    "flag": N_("Flag"),
    "map": N_("Map"),
    "coat": N_("Coat of arms"),
    # common values of `Title Leader`, which becomes the row's label
    "prime minister": N_("Prime Minister"),
    "president": N_("President"),
    "chairman": N_("Chairman"),
}
_SUCCESSION = {"P": N_("Preceded by"), "S": N_("Succeeded by")}
_GROUPED = re.compile(r"\d{1,3}(?:([,\u00a0\u202f ])\d{3})(?:\1\d{3})*")  # one separator throughout
_NUMBERED = re.compile(r"^(?P<role>[A-Za-z]+?)(?P<n>\d+)$")


def label_for(key: str) -> str:
    """A readable label: the known one, else the key in sentence case (`Stat Pop2` → `Stat pop 2`)."""
    known = LABELS.get(key.lower())
    if known:
        return known
    words = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", key).split()
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in words]
    return " ".join(words).capitalize() if words[0].islower() else " ".join(words)


def build_infobox(
    header: str, fields: tuple[InfoField, ...], line: int, source: Path, warnings: list[Diagnostic]
) -> Infobox:
    fields = tuple(InfoField(f.key, clean_value(f.value), f.line) for f in fields)
    _warn_duplicates(fields, source, warnings)
    lookup = _Lookup(fields)
    facts: list[Fact] = []
    images: list[ImageRef] = []
    for f in fields:
        if lookup.is_used(f) or not f.value:
            continue
        if f.value.lower().endswith(IMAGE_SUFFIXES):
            images.append(ImageRef(f.key, f.value, f.line))
            lookup.use(f)
        elif f.key.lower() in IMAGE_DETAIL_KEYS:
            lookup.use(f)
        else:
            facts.append(_fact(f, lookup))
    title = None if header.lower() == "infobox" else parse_inline(clean_value(header))
    return Infobox(title, tuple(facts), tuple(images), line, _span(facts))


def _span(facts: list[Fact]) -> tuple[PartialDate, PartialDate] | None:
    dates = {f.label: f.values[0].date for f in facts if f.values and f.values[0].date}
    start, end = dates.get(LABELS["start"]), dates.get(LABELS["end"])
    return (start, end) if start and end else None


class _Lookup:
    """First field for each key, and which fields have been turned into facts."""

    def __init__(self, fields: tuple[InfoField, ...]) -> None:
        self.first: dict[str, InfoField] = {}
        for f in fields:
            self.first.setdefault(f.key.lower(), f)
        self.used: set[int] = set()

    def take(self, key: str) -> InfoField | None:
        found = self.first.get(key.lower())
        if found is not None and found.line not in self.used:
            self.used.add(found.line)
            return found
        return None

    def use(self, f: InfoField) -> None:
        self.used.add(f.line)

    def is_used(self, f: InfoField) -> bool:
        return f.line in self.used

    def numbered(self, role: str) -> Iterator[tuple[int, InfoField]]:
        """`role1`, `role2`… in order, stopping at the first gap."""
        n = 1
        while (f := self.take(f"{role}{n}")) is not None:
            yield n, f
            n += 1


def _fact(f: InfoField, lookup: _Lookup) -> Fact:
    key = f.key.lower()
    for matches, make in _RULES:
        if matches(key, lookup):
            return make(f, lookup)
    lookup.use(f)
    date = parse_date(f.value) if "date" in key else None
    number = None if _is_code(key) else plain_number(f.value)
    return Fact(label_for(f.key), (Value(parse_inline(f.value), date, number),), f.line)


def plain_number(value: str) -> int | None:
    """`4,221,860`, `3 943 100` or `12345` as a number to format per locale; a year or a code is not one."""
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"\D", "", value))
    return int(value) if value.isdigit() and len(value) >= 5 else None


def _is_code(key: str) -> bool:
    return any(word in key for word in ("code", "iso", "cctld", "calling", "postal", "zip", "phone", "year"))


def _date_pair(f: InfoField, lookup: _Lookup) -> Fact:
    """`Date Start: 13 December` + `Year Start: 1917` → one dated fact."""
    suffix = f.key.split(" ", 1)[1]
    day_month, year = lookup.take(f"Date {suffix}"), lookup.take(f"Year {suffix}")
    words = [x.value for x in (day_month, year) if x and x.value]
    text = " ".join(words)
    date = parse_date(text)
    return Fact(label_for(suffix), (Value(parse_inline(text), date),), f.line)


def _succession(f: InfoField, lookup: _Lookup) -> Fact:
    role = f.key[0].upper()
    values = tuple(Value(parse_inline(x.value)) for _, x in lookup.numbered(role) if x.value)
    return Fact(_SUCCESSION[role], values, f.line)


def _office(f: InfoField, lookup: _Lookup) -> Fact:
    """`Leader1` + `Year Leader1` (+ `Title Leader`) → "Prime Minister: Name (1917–1920)"."""
    role = _office_role(f.key.lower(), lookup)
    assert role
    title = lookup.take(f"Title {role}")
    values = []
    for n, holder in lookup.numbered(role):
        years = lookup.take(f"Year {role}{n}")
        text = f"{holder.value} ({years.value})" if years and years.value else holder.value
        values.append(Value(parse_inline(text)))
    return Fact(label_for(title.value if title and title.value else role), tuple(values), f.line)


def _caption(f: InfoField, lookup: _Lookup) -> Fact:
    lookup.use(f)
    subject = re.sub(r"(?i)\b(image|caption)\b", "", f.key).strip() or N_("Image")
    return Fact(label_for(subject), (Value(parse_inline(f.value)),), f.line, kind="caption")


def _is_date_pair(key: str, lookup: _Lookup) -> bool:
    head, _, suffix = key.partition(" ")
    other = {"date": "year", "year": "date"}.get(head)
    known = suffix in ("start", "end") or f"{other} {suffix}" in lookup.first
    return bool(suffix) and other is not None and (known or head == "date")


def _is_succession(key: str, lookup: _Lookup) -> bool:
    return bool(re.fullmatch(r"[ps]\d+", key))


def _office_role(key: str, lookup: _Lookup) -> str | None:
    """The role of `Leader1`, `Year Leader1` or `Title Leader` when a holder is named."""
    role = key.removeprefix("title ").removeprefix("year ")
    match = _NUMBERED.match(role)
    role = match["role"] if match else role
    if role in ("p", "s") or not re.fullmatch(r"[a-z]+", role):
        return None
    return role if f"{role}1" in lookup.first else None


def _is_office(key: str, lookup: _Lookup) -> bool:
    return _office_role(key, lookup) is not None


_RULES: tuple[tuple[Callable[[str, _Lookup], bool], Callable[[InfoField, _Lookup], Fact]], ...] = (
    (lambda key, _: "caption" in key, _caption),
    (_is_date_pair, _date_pair),
    (_is_succession, _succession),
    (_is_office, _office),
)


def _warn_duplicates(fields: tuple[InfoField, ...], source: Path, warnings: list[Diagnostic]) -> None:
    first: dict[str, int] = {}
    for f in fields:
        key = f.key.lower()
        if key in first:
            message = f"duplicate infobox key '{f.key}' (first on line {first[key]}); both are kept"
            warnings.append(Diagnostic(source, f.line, message, "warning"))
        else:
            first[key] = f.line
