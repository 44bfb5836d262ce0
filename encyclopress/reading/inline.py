"""Text → Inline runs: split by script (scripts.py), then at the dates prose mentions (textdates.py)."""

from __future__ import annotations

from dataclasses import replace

from encyclopress.core.model import Inline, Run
from encyclopress.reading.scripts import segment
from encyclopress.reading.textdates import Mention, find_dates


def parse_inline(text: str) -> Inline:
    runs = segment(text)
    mentions = find_dates(text)
    return _split_at_dates(runs, mentions) if mentions else runs


def _split_at_dates(runs: Inline, mentions: list[Mention]) -> Inline:
    """Cut runs where mentions start and end; the pieces inside a mention carry its date.
    Mentions come in order and never overlap, so one pass over both does (a 2 MiB
    paragraph full of dates would take minutes if every run looked at every mention)."""
    out: list[Run] = []
    upcoming = iter(mentions)
    mention = next(upcoming, None)
    offset = 0
    for run in runs:
        start, end = offset, offset + len(run.text)
        while start < end:
            while mention is not None and mention.end <= start:
                mention = next(upcoming, None)
            if mention is None or mention.start >= end:
                stop, iso = end, None
            elif mention.start > start:
                stop, iso = mention.start, None
            else:
                stop, iso = min(mention.end, end), mention.iso
            out.append(replace(run, text=run.text[start - offset : stop - offset], time=iso))
            start = stop
        offset = end
    return tuple(out)
