"""Message catalogs: in step with the source, complete, and used."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from helpers import ROOT

from encyclopress.core.i18n import catalog_path, translations


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
