"""Sidecar metadata: defaults without one, every problem reported together."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, SEED

from encyclopress.cli import main
from encyclopress.core.diagnostics import BuildError
from encyclopress.core.identifiers import default_identifier
from encyclopress.reading.publication import licence_warnings, load_publication


def test_no_sidecar_gives_defaults_and_a_stable_identifier(write):
    article = write("steppe.txt", "= Steppe =\nText.\n")
    pub = load_publication(article)
    assert pub.slug == "steppe" and pub.language == "en" and pub.locale == "en_GB"
    assert pub.identifier == default_identifier("steppe") == load_publication(article).identifier
    assert pub.identifier.startswith("urn:uuid:")


def test_no_sidecar_claims_no_author_and_no_licence_and_warns_once(write):
    """The tool cannot know who wrote a user's article: it must not say "Wikipedia contributors"."""
    article = write("my-village.txt", "= My Village =\nText.\n")
    pub = load_publication(article)
    assert (pub.authors, pub.license, pub.license_url) == ((), None, None)
    assert [str(w) for w in licence_warnings(article, pub)] == [
        f"{article}: warning: no licence given (no my-village.toml beside it): "
        "the outputs claim no licence and name no author"]


def test_a_sidecar_without_a_licence_is_warned_about_at_the_sidecar(write):
    article = write("steppe.txt", "= Steppe =\nText.\n")
    sidecar = write("steppe.toml", 'authors = ["A. Writer"]\n')
    pub = load_publication(article)
    assert pub.authors == ("A. Writer",) and pub.license is None
    assert [str(w) for w in licence_warnings(article, pub)] == [
        f"{sidecar}: warning: no 'license' given: the outputs claim no licence"]


def test_the_seed_keeps_its_wikipedia_attribution():
    pub = load_publication(SEED)
    assert pub.authors == ("Wikipedia contributors",) and pub.license == "CC BY-SA 4.0"
    assert pub.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert licence_warnings(SEED, pub) == []


def test_sidecar_values(write):
    article = write("alash.txt", "= Alash =\nText.\n")
    write("alash.toml", 'source_url = "https://en.wikipedia.org/wiki/Alash"\nsubjects = ["Kazakhstan"]\n'
          '[parallel_titles]\nkk = "Алаш"\nru = "Алаш"\n')
    pub = load_publication(article)
    assert pub.parallel_titles == (("kk", "Алаш"), ("ru", "Алаш"))
    assert pub.subjects == ("Kazakhstan",) and pub.source_url == "https://en.wikipedia.org/wiki/Alash"


def test_every_problem_is_reported_at_once(write):
    article = write("bad.txt", "= Bad =\nText.\n")
    sidecar = write("bad.toml", 'titel = "x"\nlanguage = 7\nsource_url = "ftp://x"\nauthors = ["a", 2]\n'
                    '[parallel_titles]\nzz = "?"\n')
    assert _problems(article) == [
        f"{sidecar}:1: error: unknown key 'titel' (known keys: authors, base_url, description, identifier, isbn, "
        "language, license, license_url, locale, locales, paper, parallel_titles, publisher, source_url, subjects)",
        f"{sidecar}:2: error: 'language' must be a language tag such as 'en'",
        f"{sidecar}:3: error: 'source_url' must be an http(s) URL, not 'ftp://x'",
        f"{sidecar}:4: error: 'authors' must be a list of strings",
        f"{sidecar}:5: error: 'parallel_titles': unknown language or locale 'zz'",
    ]


def test_toml_syntax_error_names_the_line(write):
    article = write("syntax.txt", "= S =\nText.\n")
    sidecar = write("syntax.toml", 'language = "en"\nlicense = \n')
    with pytest.raises(BuildError) as caught:
        load_publication(article)
    assert str(caught.value) == f"{sidecar}:2: error: TOML syntax: Invalid value"


def test_paper_from_the_sidecar_and_its_check(write):
    article = write("alash.txt", "= Alash =\nText.\n")
    assert load_publication(article).paper == "a4"
    write("alash.toml", 'language = "en"\npaper = "a5"\n')
    assert load_publication(article).paper == "a5"
    sidecar = write("alash.toml", 'language = "en"\npaper = "B5"\n')
    assert _problems(article) == [
        f"{sidecar}:2: error: 'paper' must be one of a4, letter, a5, not 'B5'"]


def test_isbn_check_digit_and_base_url(write):
    article = write("press.txt", "= Press =\nText.\n")
    write("press.toml", 'isbn = "978-0-306-40615-7"\nbase_url = "https://books.example.org/steppe"\n')
    pub = load_publication(article)
    assert pub.isbn == "9780306406157" and pub.base_url == "https://books.example.org/steppe/"
    sidecar = write("press.toml", 'isbn = "978-0-306-40615-8"\nbase_url = "books.example.org"\n')
    assert _problems(article) == [
        f"{sidecar}:1: error: 'isbn': '978-0-306-40615-8' is not a valid ISBN "
        "(the number's checksum or check digit is invalid)",
        f"{sidecar}:2: error: 'base_url' must be an http(s) URL, not 'books.example.org'",
    ]


def _problems(article) -> list[str]:
    """The sidecar's problems, as the lines the build prints."""
    with pytest.raises(BuildError) as caught:
        load_publication(article)
    return [str(d) for d in caught.value.diagnostics]


# The seed's first date as each main edition writes it.
DATES = {"en_GB": "13 December 1917", "kk_KZ": "1917 ж. 13 желтоқсан", "ru_RU": "13 декабря 1917 г."}


@pytest.mark.parametrize(("locale", "babel"), [("en-GB", "en_GB"), ("kk-KZ", "kk_KZ"), ("ru_RU", "ru_RU"),
                                               ("en_GB", "en_GB")])
def test_a_sidecar_locale_in_either_form_builds(write, tmp_path, locale, babel):
    """BCP 47 (`en-GB`) or POSIX (`en_GB`): the same edition, named as ever (`alash.epub`)."""
    article = write("alash.txt", SEED.read_text(encoding="utf-8"))
    write("alash.toml", f'locale = "{locale}"\n')
    assert load_publication(article).locale == babel
    out = tmp_path / "out"
    assert main([str(article), "--out", str(out), "--formats", "epub"], root=ROOT) == 0
    assert [p.name for p in out.iterdir()] == ["alash.epub"]
    assert DATES[babel] in _text(out / "alash.epub")


def test_an_unknown_sidecar_locale_is_one_line_naming_the_file_and_line(write):
    article = write("alash.txt", "= Alash =\nText.\n")
    sidecar = write("alash.toml", 'language = "en"\nlocale = "en-XX"\n')
    assert _problems(article) == [f"{sidecar}:2: error: 'locale': unknown language or locale 'en-XX'"]


def _text(epub: Path) -> str:
    """Every XHTML document of the e-book, with any space (no-break, narrow) as a plain one."""
    with zipfile.ZipFile(epub) as book:
        text = "".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    return re.sub(r"\s+", " ", text)
