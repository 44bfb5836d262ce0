"""The command line: exit codes, one-line errors, no partial files, formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from encyclopress import pipeline
from encyclopress.cli import main
from encyclopress.diagnostics import fail

GOOD = "= Good =\n\nA short article.\n\n== Part ==\nText.\n"


def test_builds_the_given_formats_only(write, tmp_path, capsys):
    article = write("good.txt", GOOD)
    assert main([str(article), "--out", str(tmp_path / "out"), "--formats", "epub"], root=ROOT) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.epub"]
    assert capsys.readouterr().err == "encyclopress: 1 built, 0 failed\n"


def test_a_bad_article_fails_alone_with_one_line(write, tmp_path, capsys):
    good = write("good.txt", GOOD)
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
        stage.path(ctx.output_name("epub")).write_bytes(b"half an epub")
        raise fail(ctx.article.source, None, "disk on fire")

    monkeypatch.setitem(pipeline.WRITERS, "epub", broken_epub)
    assert main([str(article), "--out", str(out)], root=ROOT) == 1
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("argv", [["--formats", "docx"], ["--formats", ","], ["--bogus"]])
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

    for fmt in pipeline.WRITERS:
        monkeypatch.setitem(pipeline.WRITERS, fmt, record(fmt))
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
