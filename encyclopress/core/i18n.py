"""Locales, and translations of everything the tool adds (labels, headings, imprint).

A locale is written in BCP 47 (`en-GB`) or POSIX (`en_GB`) form; `babel_locale` is the
one place that turns either into the form Babel parses, and `language_of` the one place
that takes its language subtag (edition names, MARC codes, quotation marks).

Message catalogs live in `locale/<lang>/LC_MESSAGES/messages.po` and are compiled in
memory when first needed, so a build can never use a stale `.mo`. Strings in Python
are marked with `N_` for `pybabel extract` (see locale/babel.cfg).

Babel is imported where it is used: the command line imports this module before it
knows whether anything needs building, and must start fast.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LOCALE = "en_GB"  # the language and conventions of a publication without a sidecar


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


@cache
def babel_locale(tag: str) -> str:
    """The locale as Babel names it, from BCP 47 (`en-GB`, `kk-Cyrl-KZ`) or POSIX (`en_GB`):
    `en_GB`, `kk_Cyrl_KZ`. Users write either; Babel parses only the second.
    Raises ValueError or UnknownLocaleError for an unknown one: check with `is_known_locale`."""
    from babel import Locale

    return str(Locale.parse(tag.replace("-", "_")))


def is_known_locale(tag: str) -> bool:
    from babel import UnknownLocaleError

    try:
        babel_locale(tag)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def language_of(tag: str) -> str:
    """The language subtag of a locale in either form: `kk-Cyrl-KZ`, `kk_KZ` → `kk`.
    Syntax only, so a tag read back from a file never raises here."""
    return re.split(r"[-_]", tag, maxsplit=1)[0].lower()


def language_name(tag: str, locale: Locale) -> str:
    """The name of the tag's language in `locale` (`kk-Cyrl` → "Kazakh"), else the tag itself."""
    return locale.languages.get(language_of(tag), tag)


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog for `locale`'s language; English needs none."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    language = language_of(locale)
    po = catalog_path(language)
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(mo)
