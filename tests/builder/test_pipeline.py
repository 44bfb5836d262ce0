"""The recipe: strict mode, failures isolated per article, build dates, reproducible bytes."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from helpers import EPOCH, LICENSED, NS, ROOT, SEED, opf

from encyclopress.builder import writers
from encyclopress.builder.batch import build_all
from encyclopress.builder.options import BuildOptions
from encyclopress.builder.pipeline import build_article
from encyclopress.cli import main
from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import FileKind
from encyclopress.engine import fork
from encyclopress.print_edition import layout
from encyclopress.reading import publication

GOOD = "= Good =\n\nA short article.\n"
TXT = FileKind("txt", "text/plain", "Text", "edition")  # the kind of the test formats' file


@pytest.fixture
def article(write):
    write("good.toml", LICENSED)
    return write("good.txt", GOOD)


def warning_writer(ctx, stage):
    """A format that writes its file and has something to say, as later writers will."""
    stage.path(ctx.output_name(TXT)).write_text("output")
    return [Diagnostic(ctx.article.source, 2, "glyph missing for U+E000", "warning")]


def test_a_warning_is_reported_and_the_article_built(article, tmp_path, project, monkeypatch):
    monkeypatch.setitem(writers.WRITERS, "txt", writers.Format(warning_writer))
    result = build_article(article, tmp_path / "out", BuildOptions(("txt",)), project)
    assert result.ok and [p.name for p in result.outputs] == ["good.txt"]
    assert [str(d) for d in result.diagnostics] == [f"{article}:2: warning: glyph missing for U+E000"]


def test_strict_fails_the_article_on_any_warning_and_publishes_nothing(article, tmp_path, project, monkeypatch):
    monkeypatch.setitem(writers.WRITERS, "txt", writers.Format(warning_writer))
    result = build_article(article, tmp_path / "out", BuildOptions(("txt",), strict=True), project)
    assert not result.ok and result.outputs == []
    assert [str(d) for d in result.diagnostics] == [f"{article}:2: error: glyph missing for U+E000 [--strict]"]
    assert list((tmp_path / "out").iterdir()) == []


def test_strict_stops_before_rendering_when_reading_warned(write, tmp_path, project, monkeypatch):
    article = write("bell.txt", "= Bell =\n\nA bell\x07.\n")
    write("bell.toml", LICENSED)
    rendered = []
    monkeypatch.setitem(writers.WRITERS, "txt", writers.Format(lambda ctx, stage: rendered.append(ctx) or []))
    result = build_article(article, tmp_path / "out", BuildOptions(("txt",), strict=True), project)
    assert [str(d) for d in result.diagnostics] == [f"{article}:3: error: removed control characters U+0007 [--strict]"]
    assert not result.ok and rendered == []


def test_an_unexpected_exception_fails_one_article_in_one_line(write, tmp_path, project, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the traceback's log goes here
    first, second = write("first.txt", GOOD), write("second.txt", GOOD)
    write("first.toml", LICENSED)

    def buggy(ctx, stage):
        stage.path(ctx.output_name(TXT)).write_text("half")
        if ctx.article.source == first:
            raise KeyError("missing")
        return []

    monkeypatch.setitem(writers.WRITERS, "txt", writers.Format(buggy))
    results = build_all([first, second], tmp_path / "out", BuildOptions(("txt",)), project, lambda result: None)
    assert [r.ok for r in results] == [False, True]
    (line,) = map(str, results[0].diagnostics)
    where = r"encyclopress/builder/\w+\.py:\d+ \(builder/test_pipeline\.py:\d+\)"  # ours, then the raiser
    log = re.escape(str(tmp_path / "encyclopress-err-")) + r"\w+\.log"
    assert re.fullmatch(f"{re.escape(str(first))}: error: internal error at {where}: "
                        f"KeyError: 'missing' \\(please report this bug; traceback in {log}\\)", line), line
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["second.txt"]


def test_a_library_s_exception_names_our_frame_and_its_own_and_logs_the_traceback(write, tmp_path, project,
                                                                                   monkeypatch):
    """The sidecar's `en-GB` handed to Babel as it is (the bug this once was) raises inside Babel:
    the line names the frame of ours that called it, then Babel's; the log has the whole story."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(publication, "babel_locale", lambda tag: tag)
    article = write("alash.txt", SEED.read_text(encoding="utf-8"))
    write("alash.toml", 'locale = "en-GB"\n' + LICENSED)
    result = build_article(article, tmp_path / "out", BuildOptions(("epub",)), project)
    (line,) = map(str, result.diagnostics)
    match = re.fullmatch(rf"{re.escape(str(article))}: error: internal error at (encyclopress/\S+\.py):\d+ "
                         r"\(babel/\w+\.py:\d+\): ValueError: expected only letters, got 'en-gb' "
                         r"\(please report this bug; traceback in (\S+\.log)\)", line)
    assert match, line
    log = Path(match[2]).read_text(encoding="utf-8")
    assert log.startswith("encyclopress ") and "Traceback (most recent call last):" in log
    assert f"{match[1]}\"" in log and log.rstrip().endswith("ValueError: expected only letters, got 'en-gb'")


def test_a_full_disk_is_the_system_s_message(article, tmp_path, project, monkeypatch):
    def full(ctx, stage):
        part = stage.path(ctx.output_name(TXT))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(part))

    monkeypatch.setitem(writers.WRITERS, "txt", writers.Format(full))
    result = build_article(article, tmp_path / "out", BuildOptions(("txt",)), project)
    (diagnostic,) = result.diagnostics
    assert diagnostic.message == "No space left on device" and diagnostic.severity == "error"
    assert list((tmp_path / "out").iterdir()) == []


def test_same_input_same_bytes_across_processes(tmp_path, monkeypatch):
    """The seed built here and again in a fresh interpreter whose string hashing (and so
    set order) differs: every file, whatever formats the build writes, is byte-identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main([str(SEED), "--out", str(tmp_path / "here")], root=ROOT) == 0
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(ROOT / "build.py"), str(SEED), "--out", str(tmp_path / "there")],
                   env=env, check=True, capture_output=True)
    def files(out: Path) -> list[str]:  # the catalog's pages and search index in their folders too
        return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())

    names = files(tmp_path / "here")
    assert names == files(tmp_path / "there") and len(names) >= 2 and "catalog/root.xml" in names
    for name in names:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes(), name


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The processes a build forks (engine/fork.py), by pid."""
    pids = []
    start = fork._start

    def spied(function, work, once):
        child = start(function, work, once)
        pids.append(child.pid)
        return child

    monkeypatch.setattr(fork, "_start", spied)
    return pids


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def gone(pid: int) -> bool:
    """Ended and reaped: no process is left behind."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_one_article_on_two_cores_lays_out_its_handout_in_a_child_and_gives_the_same_bytes(write, tmp_path,
                                                                                           monkeypatch, forks):
    """The A5 layout of the booklet laid out in a forked process while the A4 one is laid out
    here (--jobs 2), and every file of the full default build, catalog pages too, as with --jobs 1."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    article = write("assembly.txt", (ROOT / "tests" / "articles" / "national-assembly.txt").read_text(encoding="utf-8"))
    write("assembly.toml", LICENSED)
    for jobs in ("1", "2"):
        assert main([str(article), "--out", str(tmp_path / jobs), "--jobs", jobs], root=ROOT) == 0
    assert len(forks) == 1 and gone(forks[0])
    here, there = files(tmp_path / "1"), files(tmp_path / "2")
    assert "assembly.booklet.pdf" in here and "catalog/root.xml" in here
    assert here.keys() == there.keys()
    assert [name for name in here if here[name] != there[name]] == []


def test_the_handout_laid_out_in_a_child_reports_its_warnings_as_here(article, tmp_path, project, monkeypatch,
                                                                      forks):
    """The A5 layout's warnings come back from the child; those the A4 one gave are not repeated."""
    render = layout.rendered

    def warning(ctx, html):
        laid = render(ctx, html)
        said = ["print: on every paper"] + (["print: on A5"] if "paper-a5.css" in html else [])
        return replace(laid, diagnostics=[*laid.diagnostics, *(Diagnostic(ctx.source, None, m, "warning") for m in said)])

    monkeypatch.setattr(layout, "rendered", warning)
    here = build_article(article, tmp_path / "here", BuildOptions(), project)
    there = build_article(article, tmp_path / "there", BuildOptions(), project, fork.forked)
    assert forks and all(map(gone, forks))
    assert here.ok and there.ok
    assert [d.message for d in there.diagnostics] == ["print: on every paper", "print: on A5"]
    assert there.diagnostics == here.diagnostics


def test_a_failure_in_the_handout_s_child_is_the_article_s_error_as_here(article, tmp_path, project, monkeypatch,
                                                                         forks):
    """The child sends nothing back: its call is made again here, so the error is reported as
    without the child (the traceback's log aside), and nothing is published."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    lay_out = layout.lay_out

    def no_a5(ctx, paper, press):
        if paper == "a5":
            raise KeyError("no A5 today")
        return lay_out(ctx, paper, press)

    monkeypatch.setattr(layout, "lay_out", no_a5)
    results = [build_article(article, tmp_path / name, BuildOptions(), project, mapper)
               for name, mapper in (("here", map), ("there", fork.forked))]
    assert forks and all(map(gone, forks))
    lines = [re.sub(r"encyclopress-err-\w+\.log", "LOG", str(d)) for result in results for d in result.diagnostics]
    assert not any(result.ok for result in results)
    assert len(lines) == 2 and lines[0] == lines[1] and "KeyError: 'no A5 today'" in lines[0]
    assert not list((tmp_path / "there").rglob("*.*"))


def test_without_source_date_epoch_the_date_is_the_article_s_modification_time(article, tmp_path, project,
                                                                                  monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for source in (article, article.with_suffix(".toml")):
        os.utime(source, (1600000000, 1600000000))  # 2020-09-13T12:26:40Z
    result = build_article(article, tmp_path / "out", BuildOptions(("pdf", "epub")), project)
    assert result.ok, result.diagnostics
    assert dates_in(tmp_path / "out" / "good") == ("2020-09-13T12:26:40Z", "2020-09-13T12:26:40Z", "D:20200913122640Z")


def test_a_newer_sidecar_dates_the_build(article, write, tmp_path, project, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sidecar = write("good.toml", 'publisher = "Steppe Press"\n')
    os.utime(article, (1600000000, 1600000000))
    os.utime(sidecar, (1700000000, 1700000000))  # 2023-11-14T22:13:20Z
    assert build_article(article, tmp_path / "out", BuildOptions(("epub",)), project).ok
    assert dates_in(tmp_path / "out" / "good", pdf=False)[0] == "2023-11-14T22:13:20Z"


def test_before_1980_the_zip_entries_keep_the_first_date_zip_knows(article, tmp_path, project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_article(article, tmp_path, BuildOptions(("epub",)), project).ok
    assert dates_in(tmp_path / "good", pdf=False)[:2] == ("1970-01-01T00:00:00Z",) * 2
    with zipfile.ZipFile(tmp_path / "good.epub") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def dates_in(stem, pdf: bool = True) -> tuple[str, ...]:
    """(EPUB dcterms:modified, EPUB dc:date, PDF CreationDate) of `<stem>.epub/.pdf`,
    checking that the PDF's ModDate matches its CreationDate."""
    package = opf(stem.with_suffix(".epub"))
    modified = package.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)[0]
    dates = (modified, package.xpath("//dc:date/text()", namespaces=NS)[0])
    if not pdf:
        return dates
    with pikepdf.open(stem.with_suffix(".pdf")) as document:
        created, changed = str(document.docinfo["/CreationDate"]), str(document.docinfo["/ModDate"])
    assert created == changed
    return (*dates, created)


def test_each_format_runs_after_the_formats_whose_files_it_reads():
    """The records read the staged editions, whatever order the formats are asked for in."""
    assert writers.run_order(("catalog", "epub", "pdf")) == ("pdf", "epub", "catalog")
    assert writers.run_order(("catalog", "cover")) == ("catalog", "cover")  # the cover is no edition
    assert writers.run_order(writers.DEFAULT_FORMATS) == writers.DEFAULT_FORMATS
