"""Text → Inline runs: split by script (scripts.py), then at the dates prose mentions (textdates.py)."""

from __future__ import annotations

from dataclasses import replace

from .model import Inline, Run
from .scripts import segment
from .textdates import Mention, find_dates


def parse_inline(text: str) -> Inline:
    runs = segment(text)
    mentions = find_dates(text)
    return _split_at_dates(runs, mentions) if mentions else runs


def _split_at_dates(runs: Inline, mentions: list[Mention]) -> Inline:
    """Cut runs where mentions start and end; the pieces inside a mention carry its date."""
    out: list[Run] = []
    offset = 0
    for run in runs:
        end = offset + len(run.text)
        cuts = sorted({offset, end, *(p for m in mentions for p in (m.start, m.end) if offset < p < end)})
        for a, b in zip(cuts, cuts[1:]):
            iso = next((m.iso for m in mentions if m.start <= a and b <= m.end), None)
            out.append(replace(run, text=run.text[a - offset : b - offset], time=iso))
        offset = end
    return tuple(out)
