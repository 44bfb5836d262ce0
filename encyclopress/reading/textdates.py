"""Recognize dates written in English prose, Old Style and New Style included.

`5 to 13 December 1917 OS (18 to 26 December 1917 NS)` gives four mentions whose
ISO dates are all Gregorian: 1917-12-18, 1917-12-26, 1917-12-18, 1917-12-26.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from encyclopress.reading.calendars import julian_to_gregorian
from encyclopress.reading.dates import ENGLISH_MONTHS

_MONTH = "(?P<month>" + "|".join(ENGLISH_MONTHS) + ")"
_STYLE = r"(?:\s+(?P<style>OS|NS|O\.S\.|N\.S\.)(?![A-Za-z]))?"
_DATE = re.compile(
    rf"\b(?:(?P<first>\d{{1,2}})(?P<sep>\s*(?:–|-|to)\s*))?(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})\b{_STYLE}"
    rf"|\b{_MONTH.replace('month', 'mmonth')} (?P<myear>\d{{4}})\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    iso: str  # Gregorian


def find_dates(text: str) -> list[Mention]:
    mentions: list[Mention] = []
    for match in _DATE.finditer(text):
        if match["myear"]:
            month = ENGLISH_MONTHS[match["mmonth"]]
            mentions.append(Mention(match.start(), match.end(), f"{match['myear']}-{month:02d}"))
            continue
        year, month = int(match["year"]), ENGLISH_MONTHS[match["month"]]
        julian = (match["style"] or "").startswith("O")
        if match["first"]:
            iso = _iso(year, month, int(match["first"]), julian)
            if iso:
                mentions.append(Mention(match.start("first"), match.end("first"), iso))
        iso = _iso(year, month, int(match["day"]), julian)
        if iso:
            mentions.append(Mention(match.start("day"), match.end("year"), iso))
    return mentions


def _iso(year: int, month: int, day: int, julian: bool) -> str | None:
    try:
        return (julian_to_gregorian(year, month, day) if julian else date(year, month, day)).isoformat()
    except ValueError:
        return None  # 31 February and the like: not a date, leave the text alone
