"""The infobox families table (infobox_families.toml), read once into typed rules.

The table says what Wikipedia's infobox templates mean by their keys; this module only
compiles it: key patterns into regular expressions, families, labels and groups.
It is also a Babel extractor, so the table's labels are gettext messages like any other.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

TABLE = Path(__file__).with_name("infobox_families.toml")


def normalize_key(key: str) -> str:
    """`Term Start1`, `term_start 1` → "term start1": the form the table's patterns match."""
    words = " ".join(key.replace("_", " ").lower().split())
    return re.sub(r" (?=\d)", "", words)


@dataclass(frozen=True, slots=True)
class Slot:
    """What a key pattern matched: its words with the placeholders taken out, and their values."""

    name: str  # "term start", "date event", "leader"…
    role: str | None
    n: str  # the number ("" when the pattern allows none), or the edge ("start", "end")


@dataclass(frozen=True, slots=True)
class KeyPattern:
    regex: re.Pattern[str]
    name: str

    def match(self, key: str) -> Slot | None:
        found = self.regex.fullmatch(key)
        if found is None:
            return None
        parts = found.groupdict()
        role = parts.get("role")
        n = parts.get("n") or parts.get("edge") or ""
        name = self.name.replace("{role}", role or "").strip() if role else self.name
        return Slot(" ".join(name.split()), role, n)


def compile_pattern(text: str, roles: Iterable[str] = (), edges: Iterable[str] = ()) -> KeyPattern:
    """`term start{n}`, `{role}{N}`, `event {edge}`, `image *` as a full-match regex."""
    alternatives = {
        "{n}": r"(?P<n>\d*)",
        "{N}": r"(?P<n>\d+)",
        "{role}": "(?P<role>" + "|".join(map(re.escape, sorted(roles, key=len, reverse=True))) + ")",
        "{edge}": "(?P<edge>" + "|".join(map(re.escape, edges)) + ")",
        "*": ".+",
    }
    pieces = re.split(r"(\{n\}|\{N\}|\{role\}|\{edge\}|\*)", text)
    regex = "".join(alternatives.get(piece, re.escape(piece)) for piece in pieces)
    name = re.sub(r"\{n\}|\{N\}|\{edge\}|\*", "", text)
    return KeyPattern(re.compile(regex), " ".join(name.split()))


def _patterns(texts: Iterable[str]) -> tuple[KeyPattern, ...]:
    return tuple(compile_pattern(text) for text in texts)


def first_match(patterns: Iterable[KeyPattern], key: str) -> Slot | None:
    return next((slot for p in patterns if (slot := p.match(key))), None)


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    signature: tuple[KeyPattern, ...]
    labels: dict[str, str]
    presentation: tuple[KeyPattern, ...]


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """Keys that belong together; `kind` says how they are read (infobox.py) and drawn (macros.j2)."""

    kind: str
    keys: tuple[KeyPattern, ...]
    label: str | None
    roles: dict[str, str]  # role → its label
    edges: dict[str, str]  # history: "start" → "Established"
    families: frozenset[str] | None
    lead: KeyPattern | None  # office: the key a block needs
    first: str | None  # list: the key that stands for number 1 when it is missing

    def applies_to(self, family: Family | None) -> bool:
        return self.families is None or (family is not None and family.name in self.families)

    def match(self, key: str) -> Slot | None:
        return first_match(self.keys, key)


@dataclass(frozen=True, slots=True)
class FamilyTable:
    presentation: tuple[KeyPattern, ...]
    images: tuple[KeyPattern, ...]
    captions: tuple[KeyPattern, ...]
    language_of: dict[str, tuple[KeyPattern, ...]]  # "native name lang" → the keys it tags
    year_suffixes: tuple[str, ...]
    rank_suffixes: tuple[str, ...]
    labels: dict[str, str]
    families: tuple[Family, ...]
    groups: tuple[GroupSpec, ...]

    def family_of(self, keys: Iterable[str]) -> Family | None:
        """The family with the most signature keys among `keys` (the first on a tie); None if none has any."""
        keys = list(keys)
        scores = [(sum(1 for k in keys if first_match(f.signature, k)), f) for f in self.families]
        best = max(scores, key=lambda pair: pair[0], default=(0, None))
        return best[1] if best[0] else None

    def label(self, key: str, family: Family | None) -> str | None:
        """The label of a normalized key, the family's own first."""
        own = family.labels.get(key) if family else None
        return own or self.labels.get(key)

    def is_presentation(self, key: str, family: Family | None) -> bool:
        own = family.presentation if family else ()
        return first_match((*self.presentation, *own), key) is not None


@cache
def family_table() -> FamilyTable:
    with TABLE.open("rb") as file:
        data = tomllib.load(file)
    return FamilyTable(
        presentation=_patterns(data["presentation"]),
        images=_patterns(data["images"]),
        captions=_patterns(data["captions"]),
        language_of={key: _patterns(targets) for key, targets in data["language_of"].items()},
        year_suffixes=tuple(data["measures"]["year"]),
        rank_suffixes=tuple(data["measures"]["rank"]),
        labels=dict(data["labels"]),
        families=tuple(_family(name, spec) for name, spec in data["family"].items()),
        groups=tuple(_group(spec) for spec in data["group"]),
    )


def _family(name: str, spec: dict[str, Any]) -> Family:
    return Family(name, _patterns(spec["signature"]), dict(spec.get("labels", {})),
                  _patterns(spec.get("presentation", ())))


def _group(spec: dict[str, Any]) -> GroupSpec:
    roles: dict[str, str] = dict(spec.get("roles", spec.get("members", {})))
    edges: dict[str, str] = dict(spec.get("edges", {}))
    families = spec.get("families")
    lead = spec.get("lead")
    return GroupSpec(
        kind=spec["kind"],
        keys=tuple(compile_pattern(k, roles, edges) for k in spec["keys"]),
        label=spec.get("label"),
        roles=roles,
        edges=edges,
        families=frozenset(families) if families else None,
        lead=compile_pattern(lead) if lead else None,
        first=spec.get("first"),
    )


def messages(data: dict[str, Any]) -> Iterator[str]:
    """Every label of the table: values of `label`, `labels`, `roles`, `members` and `edges`."""
    for key, value in data.items():
        if key in ("labels", "roles", "members", "edges") and isinstance(value, dict):
            yield from (v for v in value.values() if isinstance(v, str))
        elif key == "label" and isinstance(value, str):
            yield value
        if isinstance(value, dict):
            yield from messages(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from messages(item)


def extract_messages(fileobj: IO[bytes], keywords: object, comment_tags: object,
                     options: object) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor (locale/babel.cfg): the table's labels, each at its first line."""
    raw = fileobj.read()
    text = raw.decode("utf-8")
    lines = text.splitlines()
    for message in dict.fromkeys(messages(tomllib.loads(text))):
        quoted = f'"{message}"'
        line = next((n for n, row in enumerate(lines, 1) if quoted in row), 1)
        yield line, None, message, []
