"""Translations of everything the tool adds (labels, headings, imprint), per locale.

Message catalogs live in `locale/<lang>/LC_MESSAGES/messages.po` and are compiled in
memory when first needed, so a build can never use a stale `.mo`. Strings in Python
are marked with `N_` for `pybabel extract` (see locale/babel.cfg).
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def primary_language(tag: str) -> str:
    """The language subtag of a BCP 47 tag: `kk-Cyrl-KZ` → `kk`."""
    return tag.split("-")[0].lower()


def language_name(tag: str, locale: Locale) -> str:
    """The name of the tag's language in `locale` (`kk-Cyrl` → "Kazakh"), else the tag itself."""
    return locale.languages.get(primary_language(tag), tag)


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=None)
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog for `locale`'s language; English needs none."""
    language = Locale.parse(locale).language
    po = catalog_path(language)
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(mo)
