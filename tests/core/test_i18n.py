"""Locales in either form, and message catalogs: in step with the source, complete, and used."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from helpers import ROOT

from encyclopress.core.i18n import (
    babel_locale,
    catalog_path,
    is_known_locale,
    language_of,
    translations,
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """Every message id in the code and templates today, as `pybabel extract` finds them."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "encyclopress/locale/babel.cfg", "-k", "N_", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_catalog_translates_every_message_and_nothing_stale(extracted, language):
    with catalog_path(language).open("rb") as f:
        catalog = read_po(f, locale=language)
    ids = {m.id for m in catalog if m.id}
    assert ids == extracted, (extracted - ids, ids - extracted)
    untranslated = [m.id for m in catalog if m.id and (not all(_forms(m.string)) or m.fuzzy
                                                    or m.string == m.id and " " in m.id)]
    assert untranslated == []


def test_placeholders_survive_translation():
    for language in ("kk", "ru"):
        text = translations(language).gettext("Published by %(publisher)s, %(date)s.")
        assert "%(publisher)s" in text and "%(date)s" in text


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    """Every form of a translation: one, or one per plural form."""
    return string if isinstance(string, tuple) else (string,)


@pytest.mark.parametrize(("tag", "babel", "language"), [
    ("en-GB", "en_GB", "en"), ("en_GB", "en_GB", "en"), ("kk-KZ", "kk_KZ", "kk"), ("ru_RU", "ru_RU", "ru"),
    ("kk", "kk", "kk"), ("kk-Cyrl-KZ", "kk_Cyrl_KZ", "kk"), ("EN-gb", "en_GB", "en"),
])
def test_a_locale_in_either_form_is_babel_s_and_has_one_language(tag, babel, language):
    assert is_known_locale(tag) and babel_locale(tag) == babel
    assert language_of(tag) == language_of(babel) == language


@pytest.mark.parametrize("tag", ["en-XX", "xx-GB", "english", "en-", ""])
def test_an_unknown_locale_is_not_known(tag):
    assert not is_known_locale(tag)
