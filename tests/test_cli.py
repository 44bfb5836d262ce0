"""The command line: exit codes, one-line errors, no partial files, formats."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import LICENSED, NS, ROOT, SEED, opf

from encyclopress.builder import writers
from encyclopress.cli import main
from encyclopress.core.diagnostics import fail
from encyclopress.core.filekinds import EPUB

GOOD = "= Good =\n\nA short article.\n\n== Part ==\nText.\n"


def test_builds_the_given_formats_only(write, tmp_path, capsys):
    article = write("good.txt", GOOD)
    write("good.toml", LICENSED)
    assert main([str(article), "--out", str(tmp_path / "out"), "--formats", "epub"], root=ROOT) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.epub"]
    assert capsys.readouterr().err == "encyclopress: 1 built, 0 failed\n"


def test_a_bad_article_fails_alone_with_one_line(write, tmp_path, capsys):
    good = write("good.txt", GOOD)
    write("good.toml", LICENSED)
    bad = write("bad.txt", "= Bad =\nLead.\n== History =\nText.\n")
    out = tmp_path / "out"
    assert main([str(bad), str(good), "--out", str(out), "--formats", "epub"], root=ROOT) == 1
    assert capsys.readouterr().err == (
        f"{bad}:3: error: unbalanced heading markers '==' and '='\n"
        "encyclopress: 1 built, 1 failed\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["good.epub"]


def test_a_failure_after_one_format_leaves_no_partial_output(write, tmp_path, monkeypatch):
    article = write("good.txt", GOOD)
    out = tmp_path / "out"

    def broken_epub(ctx, stage):
        stage.path(ctx.output_name(EPUB)).write_bytes(b"half an epub")
        raise fail(ctx.article.source, None, "disk on fire")

    monkeypatch.setitem(writers.WRITERS, "epub", writers.Format(broken_epub))
    assert main([str(article), "--out", str(out)], root=ROOT) == 1
    assert list(out.iterdir()) == []


def test_when_every_article_fails_before_out_exists_the_run_ends_with_their_lines(write, tmp_path, capsys):
    bad = write("bad.txt", "= Bad =\nLead.\n== History =\nText.\n")
    out = tmp_path / "nonexistent"
    assert main([str(bad), "--out", str(out)], root=ROOT) == 1
    assert capsys.readouterr().err == (
        f"{bad}:3: error: unbalanced heading markers '==' and '='\n"
        "encyclopress: 0 built, 1 failed\n"
    )
    assert not out.exists()


def test_locale_takes_either_form_and_names_editions_by_language(write, tmp_path):
    article = write("alash.txt", GOOD)
    out = tmp_path / "out"
    assert main([str(article), "--out", str(out), "--formats", "epub", "--locale", "en-GB,kk-KZ,ru_RU"],
                root=ROOT) == 0
    assert sorted(p.name for p in out.iterdir()) == ["alash.epub", "alash.kk.epub", "alash.ru.epub"]


@pytest.mark.parametrize("argv", [["--formats", "docx"], ["--formats", ","], ["--bogus"], ["--date", "2024-02-30"],
                                  ["--date", "20240201"], ["--date", "yesterday"], ["--out", str(SEED)],
                                  ["--locale", "en-XX"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(SEED), *argv], root=ROOT)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_build_py_help_and_console_script():
    script = Path(sys.executable).parent / "encyclopress"  # installed beside the interpreter
    for command in ([sys.executable, str(ROOT / "build.py"), "--help"], [str(script), "--help"]):
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        assert "--formats" in result.stdout and "--out" in result.stdout


def test_build_py_builds_content_into_out_by_default(tmp_path):
    """`python build.py` from any folder builds content/*.txt into ./out."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--formats", "epub"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "alash-autonomy.epub").exists()


def test_print_options_choose_the_paper_and_add_files(write, tmp_path, monkeypatch):
    """--paper overrides the sidecar; --press and --handout add their writers to --formats."""
    article = write("good.txt", GOOD)
    write("good.toml", 'paper = "letter"\n')
    calls = []

    def record(name):
        return lambda ctx, stage: calls.append((name, ctx.publication.paper)) or []

    for fmt in writers.WRITERS:
        monkeypatch.setitem(writers.WRITERS, fmt, writers.Format(record(fmt)))
    assert main([str(article), "--out", str(tmp_path), "--formats", "pdf", "--press", "--handout", "2up",
                 "--paper", "a5"], root=ROOT) == 0
    assert calls == [("pdf", "a5"), ("2up", "a5"), ("press", "a5")]
    calls.clear()
    assert main([str(article), "--out", str(tmp_path)], root=ROOT) == 0
    built = dict(calls)  # by default: the booklet yes, the press file and 2-up no
    assert built["pdf"] == built["booklet"] == "letter" and not {"2up", "press"} & set(built)


@pytest.mark.parametrize("argv", [["--paper", "b5"], ["--handout", "4up"]])
def test_bad_print_options_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(SEED), *argv], root=ROOT)
    assert caught.value.code == 2


def test_date_sets_the_build_date_over_source_date_epoch(write, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    article = write("good.txt", GOOD)
    assert main([str(article), "--out", str(tmp_path), "--formats", "epub", "--date", "2024-05-01"], root=ROOT) == 0
    modified = opf(tmp_path / "good.epub").xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2024-05-01T00:00:00Z"]


def test_a_malformed_source_date_epoch_stops_before_building(write, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    article = write("good.txt", GOOD)
    assert main([str(article), "--out", str(tmp_path / "out")], root=ROOT) == 2
    assert capsys.readouterr().err == (
        "SOURCE_DATE_EPOCH: error: must be a whole number of seconds since 1970 (before year 10000), "
        "not 'last tuesday'\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_build_leaves_no_partial_file_and_the_previous_outputs(tmp_path, signum):
    """Interrupt a batch as soon as a temporary file appears: nothing half-written stays,
    and every article's outputs are either the previous ones or a complete new pair."""
    out = tmp_path / "out"
    out.mkdir()
    articles = []
    for n in (1, 2):
        articles.append(tmp_path / f"a{n}.txt")
        articles[-1].write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        for suffix in ("pdf", "epub"):
            (out / f"a{n}.{suffix}").write_bytes(b"previous good output")
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *map(str, articles), "--out", str(out),
                              "--formats", "pdf,epub"], stderr=subprocess.PIPE, text=True)
    while not list(out.glob(".*.part")) and build.poll() is None:
        time.sleep(0.005)
    build.send_signal(signum)
    err = build.communicate(timeout=60)[1]
    assert build.returncode == 128 + signum, err
    assert err.endswith(f"encyclopress: interrupted by {signum.name}; no partial file left\n")
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["a1.epub", "a1.pdf", "a2.epub", "a2.pdf"]
    assert (out / "a2.pdf").read_bytes() == (out / "a2.epub").read_bytes() == b"previous good output"
    first = [(out / f"a1.{s}").read_bytes() for s in ("pdf", "epub")]
    assert first == [b"previous good output"] * 2 or (first[0].startswith(b"%PDF") and first[1].startswith(b"PK"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_no_temporary_font_folder_is_left_behind(write, tmp_path, jobs):
    """WeasyPrint copies the fonts to a temporary folder; the builder and its workers (and a
    collection's, and the child laying out its front matter) remove it."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    articles = [write(f"a{n}.txt", f"= Article {n} =\n\nA lead with Қазақ words.\n") for n in (1, 2)]
    book = write("c.collection.toml", 'title = "Two"\nlicense = "CC0-1.0"\narticles = ["a1", "a2"]\n')
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, articles), str(book),
                          "--out", str(tmp_path / "out"), "--formats", "pdf", "--jobs", jobs],
                         env={**os.environ, "TMPDIR": str(temporary)}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3
    assert not list(temporary.iterdir())
