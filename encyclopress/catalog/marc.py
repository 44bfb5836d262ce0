"""MARC 21 specifics: language codes, filing rules, and the record through pymarc.

The field mapping itself is the template `templates/catalog/record.marcxml.j2`; this
module supplies the coded values it needs and turns the rendered MARCXML into a pymarc
record, which writes both the ISO 2709 `.mrc` and the canonical MARCXML.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pymarc

from encyclopress.core.i18n import language_of

# BCP 47 language → MARC language code (www.loc.gov/marc/languages/: mostly ISO 639-2/B).
# The languages scripts.py can tag, plus common ones a sidecar may name as the main language.
MARC_LANGUAGES = {
    "ar": "ara", "de": "ger", "el": "gre", "en": "eng", "es": "spa", "fa": "per", "fr": "fre",
    "he": "heb", "hy": "arm", "it": "ita", "ja": "jpn", "ka": "geo", "kk": "kaz", "ko": "kor",
    "ky": "kir", "pl": "pol", "ru": "rus", "tr": "tur", "tt": "tat", "uk": "ukr", "uz": "uzb",
    "zh": "chi",
}
UNDETERMINED = "und"

# Initial articles a title may start with, skipped in filing (245 second indicator).
INITIAL_ARTICLES = {
    "eng": ("a", "an", "the"),
    "fre": ("l'", "la", "le", "les"),
    "ger": ("das", "der", "die"),
}


def language_code(tag: str) -> str | None:
    """The MARC code of a BCP 47 tag (`kk-Cyrl` → `kaz`), or None when we know none."""
    return MARC_LANGUAGES.get(language_of(tag))


def nonfiling_characters(title: str, language: str) -> int:
    """How many leading characters filing skips: 4 for "The Steppe", 0 for "Alash"."""
    lowered = title.lower()
    for article in INITIAL_ARTICLES.get(language, ()):
        if article.endswith("'") and lowered.startswith(article):
            return len(article)
        if lowered.startswith(article + " "):
            return len(article) + 1
    return 0


def record_from_xml(marcxml: str) -> pymarc.Record:
    """The one record of a rendered MARCXML document."""
    records = pymarc.parse_xml_to_array(io.BytesIO(marcxml.encode("utf-8")), strict=True)
    if len(records) != 1:
        raise ValueError(f"expected one MARC record, got {len(records)}")
    return records[0]


def to_iso2709(record: pymarc.Record) -> bytes:
    """ISO 2709 with UTF-8 data (leader/09 = `a`), lengths and base address computed."""
    return record.as_marc()


def to_marcxml(record: pymarc.Record) -> bytes:
    """The record as an indented MARCXML document with the MARC 21 slim namespace."""
    node = pymarc.record_to_xml_node(record, namespace=True)
    ET.indent(node)
    return ET.tostring(node, encoding="utf-8", xml_declaration=True) + b"\n"
