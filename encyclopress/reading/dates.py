"""Recognize the dates infoboxes write, as PartialDate values (formatting is Babel's, in templates)."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import get_month_names

from encyclopress.core.model import PartialDate

ENGLISH_MONTHS = {name: number for number, name in get_month_names("wide", locale="en").items()}  # "December": 12
_MONTHS = {name.lower(): number for name, number in ENGLISH_MONTHS.items()}
_MONTHS.update({name.lower().rstrip("."): n for n, name in get_month_names("abbreviated", locale="en").items()})
_MONTH = "(?P<month>[A-Za-z]+)"
_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})$"),
    re.compile(rf"^(?P<day>\d{{1,2}}) {_MONTH}\.?,? (?P<year>\d{{3,4}})$"),
    re.compile(rf"^{_MONTH}\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{3,4}})$"),
    re.compile(rf"^{_MONTH}\.? (?P<year>\d{{3,4}})$"),
    re.compile(r"^(?P<year>\d{3,4})$"),
)


def parse_date(text: str) -> PartialDate | None:
    """A date written as `13 December 1917`, `December 13, 1917`, `1866-03-05`, `1917`…; else None."""
    for pattern in _PATTERNS:
        match = pattern.match(text.strip())
        if match:
            return _checked(match.groupdict())
    return None


def _checked(parts: dict[str, str | None]) -> PartialDate | None:
    month = int(parts["mm"]) if parts.get("mm") else _MONTHS.get((parts.get("month") or "").lower())
    if parts.get("month") and month is None:
        return None
    year, day = int(parts["year"] or 0), int(parts["day"]) if parts.get("day") else None
    try:
        date(year, month or 1, day or 1)  # rejects 31 February and year 0
    except ValueError:
        return None
    return PartialDate(year, month, day)
