"""Glyph coverage: a character no shipped font has is a warning on its line."""

from __future__ import annotations

from encyclopress.builder.pipeline import prepare
from encyclopress.reading.glyphs import uncovered_characters
from encyclopress.reading.publication import load_publication
from encyclopress.reading.reader import read_article

RUNES = "= Runes =\n\nThe rune ᚠ is fehu.\n\n- one\n-\n- two ᚢ and ᚠ\n"


def test_each_uncovered_character_is_a_warning_naming_its_line(write, project):
    path = write("runes.txt", RUNES)
    warnings = uncovered_characters(read_article(path, []), load_publication(path), project.fonts)
    assert [str(w) for w in warnings] == [
        f"{path}:3: warning: no shipped font has U+16A0 RUNIC LETTER FEHU FEOH FE F ('ᚠ'): it will print as an empty box",
        f"{path}:7: warning: no shipped font has U+16A2 RUNIC LETTER URUZ UR U ('ᚢ'): it will print as an empty box",
        f"{path}:7: warning: no shipped font has U+16A0 RUNIC LETTER FEHU FEOH FE F ('ᚠ'): it will print as an empty box",
    ]


def test_parallel_titles_are_checked_in_the_sidecar(write, project):
    path = write("t.txt", "= T =\n\nText.\n")
    sidecar = write("t.toml", 'language = "en"\n\n[parallel_titles]\nkk = "Алаш ᚠ"\n')
    warnings = uncovered_characters(read_article(path, []), load_publication(path), project.fonts)
    assert [(w.path, w.line, w.severity) for w in warnings] == [(sidecar, 4, "warning")]


def test_every_script_we_ship_a_font_for_is_covered(project):
    """The test articles and the real ones of the shared corpus (Old Turkic runes, arrows…)."""
    from helpers import ARTICLES, CORPUS, SEED

    for path in [SEED, *ARTICLES, *CORPUS]:
        article = read_article(path, [])
        assert uncovered_characters(article, load_publication(path), project.fonts) == [], path


def test_the_build_reports_them_before_rendering(write, project):
    warnings = []
    article = write("runes.txt", RUNES)
    write("runes.toml", 'license = "CC0 1.0"\n')
    prepare(article, project, warnings)
    assert [w.line for w in warnings] == [3, 7, 7]


def test_a_parallel_title_is_reported_on_its_own_line(write, project):
    """Not on an earlier line that happens to contain the same text."""
    path = write("t.txt", "= T =\n\nText.\n")
    sidecar = write("t.toml", 'description = "About Алаш ᚠ"\n\n[parallel_titles]\nkk = "Алаш ᚠ"\n')
    warnings = uncovered_characters(read_article(path, []), load_publication(path), project.fonts)
    assert [(w.path, w.line) for w in warnings] == [(sidecar, 4)]
