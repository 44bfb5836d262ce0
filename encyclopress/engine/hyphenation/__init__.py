"""Hyphenation patterns pyphen does not ship (Kazakh), registered for WeasyPrint.

WeasyPrint hyphenates a `lang` it finds through `pyphen.language_fallback`, which looks
the language up in pyphen's module-level tables; adding our dictionaries there is the
one way in. Registering twice is harmless. Dictionaries, ours and pyphen's, are kept
parsed between runs (compiled.py).
"""

from __future__ import annotations

from pathlib import Path

import pyphen

from . import compiled

HERE = Path(__file__).resolve().parent
DICTIONARIES = {"kk": HERE / "hyph_kk.dic"}  # language → pattern file (see README.md)


def register() -> None:
    """Make `lang="kk"` (and kk-KZ, kk-Cyrl…) hyphenate with the vendored patterns."""
    for language, path in DICTIONARIES.items():
        pyphen.LANGUAGES.setdefault(language, path)
        pyphen.LANGUAGES_LOWERCASE.setdefault(language.lower(), language)
    compiled.install()
