"""Localized editions: which are built, what they are called, and what each carries."""

from __future__ import annotations

import pytest
from helpers import NS, epub_xml, opf, pdftotext

from encyclopress.reading.editions import edition_locales
from encyclopress.reading.publication import Publication


def pub(**values) -> Publication:
    return Publication("alash", "urn:uuid:x", **values)


def test_main_edition_keeps_plain_names_others_are_named_by_language():
    assert edition_locales(pub()) == [("en_GB", "")]
    assert edition_locales(pub(locales=("en", "kk", "ru"))) == [("en_GB", ""), ("kk", "kk"), ("ru", "ru")]
    assert edition_locales(pub(), ("ru", "kk", "ru_RU")) == [("ru", "ru"), ("kk", "kk")]
    assert edition_locales(pub(locale="kk", language="kk"), ("kk", "en")) == [("kk", ""), ("en", "en")]


EXPECTED = {
    # edition: (file suffix, labels, date forms)
    "en": ("", ["Preceded by", "Established", "Published by"], ["13 December 1917", "26 August 1920"]),
    "ru": (".ru", ["Предшественник", "Дата образования", "Издатель"], ["13 декабря 1917 г.", "26 августа 1920 г."]),
    "kk": (".kk", ["Алдыңғы мемлекет", "Құрылған күні", "Баспа"], ["1917 ж. 13 желтоқсан", "1920 ж. 26 тамыз"]),
}


@pytest.mark.parametrize("edition", EXPECTED)
def test_each_edition_has_localized_labels_and_dates(built, edition):
    suffix, labels, dates = EXPECTED[edition]
    text = pdftotext(built / f"alash-autonomy{suffix}.pdf").replace("\u202f", " ")
    for expected in [*labels, *dates, "Оян, Қазақ!", "Üş Jüz"]:
        assert expected in text, expected
    weekdays = ["Thursday", "Wednesday", "четверг", "среда", "бейсенбі", "сәрсенбі"]
    assert not [day for day in weekdays if day in text]  # no weekday, least of all for an OS date


@pytest.mark.parametrize("edition", EXPECTED)
def test_each_epub_lists_the_texts_language_first_and_declares_its_editions(built, edition):
    """The text is English in every edition (the first dc:language, the package's xml:lang);
    the edition's language is listed too, and is its documents' (the apparatus)."""
    epub = built / f"alash-autonomy{EXPECTED[edition][0]}.epub"
    package = opf(epub)
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    languages = package.xpath("//dc:language/text()", namespaces=NS)
    assert languages == list(dict.fromkeys(["en", edition]))
    assert epub_xml(epub, "EPUB/text/colophon.xhtml").get("lang") == edition


def test_article_text_keeps_its_own_language_in_other_editions(built):
    page = epub_xml(built / "alash-autonomy.kk.epub", "EPUB/text/title.xhtml")
    assert page.get("lang") == "kk"
    assert page.xpath("//x:div[@id='lead']/@lang", namespaces=NS) == ["en"]
    assert page.xpath("//x:table//x:th[1]/text()", namespaces=NS)[0] == "Ресми атауы"


def test_each_edition_has_its_own_stable_identifier(built):
    ids = [opf(built / f"alash-autonomy{suffix}.epub").xpath("//dc:identifier/text()", namespaces=NS)[0]
           for suffix, _, _ in EXPECTED.values()]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)
    from encyclopress.core.identifiers import default_identifier
    assert ids[0] == default_identifier("alash-autonomy")
