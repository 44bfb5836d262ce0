"""Clean what removed links leave behind, without dropping real text.

Exported articles lose their links' targets and keep the punctuation around them:
`«Оян, Қазақ!», ,`, `( )`, `Kazakh , Russian`.
"""

from __future__ import annotations

import re

# `(?<!\s)` lets a run of spaces be tried once, from its start, not from each of its
# characters: without it a long run of spaces costs quadratic time.
_EMPTY_BRACKETS = re.compile(r"(?<!\s)\s*[(\[]\s*(?:[,;]\s*)?[)\]]")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+([,;])")
_REPEATED_COMMAS = re.compile(r",(\s*,)+")
_SPACES = re.compile(r"[ \t]{2,}")
_EDGE_COMMAS = re.compile(r"^[\s,;]+|(?<![\s,;])[\s,;]+$")


def clean_text(text: str) -> str:
    """Prose: remove empty brackets, stray spaces before punctuation and doubled commas."""
    text = _EMPTY_BRACKETS.sub("", text)
    text = _REPEATED_COMMAS.sub(",", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def clean_value(value: str) -> str:
    """Infobox values: as prose, and commas left dangling at either end."""
    return _EDGE_COMMAS.sub("", clean_text(value))
