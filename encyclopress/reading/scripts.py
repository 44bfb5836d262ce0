"""Split text into runs by script, and name each run's language and direction.

Rules (from the article corpus): Cyrillic is Kazakh when the run has a letter only Kazakh
uses, else Russian; Arabic script is Kazakh (`kk-Arab`) when the run has a letter of the
Kazakh Arabic alphabet that Arabic and Persian lack and none that only Uyghur or Kyrgyz
use, else unnamed (Arabic script serves many languages); Arabic and Hebrew runs are
right-to-left; Latin text carries the document's language. Spaces and punctuation between two letters of one script stay in
that script's run, so «Алаш туралы сөз» is one Kazakh run and not three.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from encyclopress.core.model import Inline, Run

KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
# The Kazakh Arabic alphabet (tóte jazý): high hamza, the hamzated vowels, ۇ ۆ ۋ ڭ ە.
KAZAKH_ARABIC_LETTERS = frozenset("\u0674\u0675\u0676\u0677\u0678\u06c7\u06c6\u06cb\u06ad\u06d5")
# Letters of the Uyghur and Kyrgyz Arabic alphabets that Kazakh does not use: ې ۈ ۉ ۅ.
OTHER_TURKIC_ARABIC_LETTERS = frozenset("\u06d0\u06c8\u06c9\u06c5")

# Unicode name prefixes → script key. The first word of a letter's name names its script.
_SCRIPT_OF_NAME = {
    "CYRILLIC": "cyrl",
    "ARABIC": "arab",
    "HEBREW": "hebr",
    "GREEK": "grek",
    "GEORGIAN": "geor",
    "ARMENIAN": "armn",
    "CJK": "hani",
    "HIRAGANA": "hani",  # Japanese mixes kana and kanji in one run
    "KATAKANA": "hani",
    "HANGUL": "hang",
}
_LANG_OF_SCRIPT = {"hebr": "he", "grek": "el", "geor": "ka", "armn": "hy", "hang": "ko"}
_RTL = frozenset({"arab", "hebr"})


@lru_cache(maxsize=4096)  # texts reuse a few hundred characters; names are slow to look up
def script_of(char: str) -> str | None:
    """The script key of a letter or ideograph; None for spaces, digits and punctuation."""
    if not (char.isalpha() or unicodedata.category(char) == "Mn"):
        return None
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first in _SCRIPT_OF_NAME:
        return _SCRIPT_OF_NAME[first]
    if "\u3000" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
        return "hani"
    return "latn"


def segment(text: str) -> Inline:
    """Runs of `text`, each with the language and direction of its script."""
    # Characters are collected in lists and joined once: adding to a string kept in a
    # list copies it each time, which takes minutes for a 1 MB paragraph.
    runs: list[tuple[str | None, list[str]]] = []  # (script, characters); None = the document's own
    pending: list[str] = []  # neutral characters not yet given to a run
    for char in text:
        script = script_of(char)
        if script is None:
            pending.append(char)
            continue
        if script == "latn":
            script = None
        if runs and runs[-1][0] == script:
            runs[-1][1].extend(pending)
            runs[-1][1].append(char)
        else:
            if pending:
                _append(runs, None, pending)
            _append(runs, script, [char])
        pending = []
    if pending:
        _append(runs, None, pending)
    return tuple(_run(script, "".join(chars)) for script, chars in runs)


def _append(runs: list[tuple[str | None, list[str]]], script: str | None, chars: list[str]) -> None:
    if runs and runs[-1][0] == script:
        runs[-1][1].extend(chars)
    else:
        runs.append((script, chars))


def _run(script: str | None, chunk: str) -> Run:
    if script is None:
        return Run(chunk)
    return Run(chunk, lang=_language(script, chunk), rtl=script in _RTL)


def _language(script: str, chunk: str) -> str | None:
    if script == "cyrl":
        return "kk" if KAZAKH_LETTERS.intersection(chunk) else "ru"
    if script == "hani":
        return "ja" if any(_is_kana(c) for c in chunk) else "zh"
    if script == "arab":
        return "kk-Arab" if _is_kazakh_arabic(chunk) else None  # Arabic script serves many languages
    return _LANG_OF_SCRIPT.get(script)


def _is_kazakh_arabic(chunk: str) -> bool:
    letters = set(chunk)
    return bool(letters & KAZAKH_ARABIC_LETTERS) and not letters & OTHER_TURKIC_ARABIC_LETTERS


def _is_kana(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("HIRAGANA", "KATAKANA"))
