"""Kazakh hyphenation: the vendored patterns, registered with pyphen, used by WeasyPrint."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyphen
from helpers import ROOT

from encyclopress.builder.pipeline import prepare
from encyclopress.cli import main
from encyclopress.engine import hyphenation
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.rendering.context import Project

WORD = "мемлекеттілігінің"  # "of its statehood": 17 letters


def test_kazakh_is_registered_and_hyphenates_at_syllables():
    hyphenation.register()
    assert pyphen.language_fallback("kk-KZ") == "kk"
    assert pyphen.Pyphen(lang="kk", left=2, right=2).inserted(WORD) == "мем-ле-кет-ті-лі-гі-нің"


def test_the_vendored_file_is_the_public_domain_patterns():
    lines = hyphenation.DICTIONARIES["kk"].read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    assert len(lines) > 5000
    assert "Public domain" in (hyphenation.HERE / "README.md").read_text()


def test_a_long_kazakh_word_in_a_narrow_column_breaks_at_a_legal_point(write, tmp_path, monkeypatch):
    monkeypatch.delitem(pyphen.LANGUAGES, "kk", raising=False)  # the build must register it itself
    monkeypatch.delitem(pyphen.LANGUAGES_LOWERCASE, "kk", raising=False)
    # The infobox's value column is about 45 mm wide on A4: a few words to a line.
    values = " ".join([WORD] * 8)
    article = write("kk.txt", f"= Statehood =\n\nInfobox\n- Motto: {values}\n\nA lead.\n")
    assert main([str(article), "--out", str(tmp_path), "--formats", "pdf"], root=ROOT) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "kk.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count(WORD) == 8, text  # each broken word is extracted whole (its /ActualText)
    lines = laid_out_lines(article)
    breaks = [(line[:-1].split()[-1], after.split()[0]) for line, after in zip(lines, lines[1:]) if line.endswith("\u2010")]
    assert breaks, lines  # without the Kazakh patterns no word is broken at all
    legal = {WORD[:i] for i in pyphen.Pyphen(lang="kk").positions(WORD)}
    for head, tail in breaks:
        assert head + tail == WORD and head in legal


def laid_out_lines(article: Path) -> list[str]:
    """The text of each line as WeasyPrint laid it out, the hyphens it added included."""
    layout = PrintEdition(prepare(article, Project(ROOT), [])[0], with_pdf=True).pdf

    def texts(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return [text for page in layout.document.pages for text in texts(page._page_box)]


def test_parsed_dictionaries_are_kept_between_runs(tmp_path, monkeypatch):
    """The first run parses and saves; a later one loads the same patterns from the cache."""
    from encyclopress.engine.hyphenation import compiled

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", compiled.CompiledDictionaries())
    path = hyphenation.DICTIONARIES["kk"]
    assert path not in pyphen.hdcache  # nothing saved yet
    pyphen.hdcache[path] = pyphen.HyphDict(path)
    (saved,) = (tmp_path / "encyclopress" / "hyphenation").glob("*.pickle")

    monkeypatch.setattr(pyphen, "hdcache", compiled.CompiledDictionaries())  # as in a new process
    def no_parsing(self, path):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)  # the cache must answer
    hyphenation.register()
    assert pyphen.Pyphen(lang="kk").inserted(WORD) == "мем-ле-кет-ті-лі-гі-нің"

    saved.write_bytes(b"not a pickle")  # a damaged cache is parsed afresh, not trusted
    monkeypatch.setattr(pyphen, "hdcache", compiled.CompiledDictionaries())
    assert path not in pyphen.hdcache
