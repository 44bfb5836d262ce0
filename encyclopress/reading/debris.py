"""Clean what removed links and templates leave behind, without dropping real text.

Exported articles lose their links' targets and keep the punctuation around them:
`«Оян, Қазақ!», ,`, `( )`, `Kazakh , Russian`. Infobox values also keep pieces of the
template markup itself; each rule below names the real case it comes from.
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


# (pattern, replacement, the real value it was found in)
_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    # `Tuvan People's Republic<hr />Tyva Arat Respublik`: a rule between a state's two names
    (re.compile(r"\s*<hr\s*/?>\s*", re.IGNORECASE), ", "),
    # `Flag of Tuva.svg 85px`: an image size, ending the value or one of its items
    (re.compile(r"(?<![\w.])\d+(?:x\d+)?px\b(?=\s*(?:,|$))"), ""),
    # `File:Anthem.ogg(used 1933–1942)File:Anthem 2.ogg`: sound files played by the box
    (re.compile(r"File:[^,()]*?\.(?:ogg|oga|mp3|wav|flac|mid|svg|png|jpe?g|gif)\b", re.IGNORECASE), " "),
    # `Ideology: class=nowrap, Communism`: an HTML attribute of the list
    (re.compile(r"\bclass\s*=\s*[\w-]+\s*,?"), ""),
    # `Ukraine#tag:ref, Since the 2014 … of Russia., group=nb`: a footnote; its text stays, in brackets
    (re.compile(r"#tag:ref\s*,\s*(.+?)\s*,?\s*\bgroup\s*=\s*\w+\s*$"), r" (\1)"),
    (re.compile(r"#tag:ref\b\s*,?"), ""),
    # `Kirghiz … Republic (1920–25)Kirghiz ASSR`: two link texts run together
    (re.compile(r"(?<=\))(?=[^\W\d_])"), ", "),
    # `Status: 1936–1990:, Union Republic`: a line break after a sub-label
    (re.compile(r":\s*,"), ":"),
    # `Seljuk vassal, (1089–1141)`, `Flag, (from 1953)`: a line break before a bracket
    (re.compile(r",\s*(?=\()"), " "),
    # `Combatant1: , Supported By:,`: a sub-label whose value was a flag or a link
    (re.compile(r"(?:^|,)\s*[A-Z][\w ]{0,30}:\s*$"), ""),
    # `Image Map Caption: Kara Khanid Khanate, .`: a link before the full stop
    (re.compile(r",\s*(?=\.$)"), ""),
    # `Image Map2: |`: a table cell separator
    (re.compile(r"^\s*\|+\s*$"), ""),
)


def clean_value(value: str) -> str:
    """Infobox values: markup left by the templates, then as prose, and commas left dangling at either end."""
    for pattern, replacement in _MARKUP:
        value = pattern.sub(replacement, value)
    return _EDGE_COMMAS.sub("", clean_text(value))
