"""The build cache: unchanged articles are skipped; any change, or a touched output, rebuilds."""

from __future__ import annotations

import os

from helpers import LICENSED, ROOT

from encyclopress.builder.cache import BuildCache, article_key, cache_file
from encyclopress.cli import main
from encyclopress.core.cachedir import tool_digest

GOOD = "= Good =\n\nA short article.\n\n== Part ==\nText.\n"


def test_key_follows_article_sidecar_tool_options_and_times(write, project):
    article = write("a.txt", "= A =\nText.\n")
    tool = tool_digest(project.root)
    key = article_key(article, tool, "pdf,epub")
    assert key == article_key(article, tool, "pdf,epub")
    assert key != article_key(article, tool, "epub")
    assert key != article_key(article, "other tool", "pdf,epub")
    timed = article_key(article, tool, "pdf,epub", with_times=True)
    os.utime(article, ns=(1, 1))
    assert article_key(article, tool, "pdf,epub", with_times=True) != timed
    assert article_key(article, tool, "pdf,epub") == key  # times count only when they date the build
    write("a.toml", 'language = "en"\n')
    assert key != article_key(article, tool, "pdf,epub")
    assert article_key(article.with_name("gone.txt"), tool, "") is None


def test_fresh_until_an_output_is_touched_or_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    pdf, epub = out / "a.pdf", out / "a.epub"
    pdf.write_bytes(b"pdf")
    epub.write_bytes(b"epub")
    cache = BuildCache(out)
    cache.record("a", "k1", [pdf, epub])
    cache.save()
    reloaded = BuildCache(out)
    assert reloaded.is_fresh("a", "k1") and not reloaded.is_fresh("a", "k2")
    os.utime(pdf, ns=(1, 1))
    assert not reloaded.is_fresh("a", "k1")
    cache.record("a", "k1", [pdf, epub])
    epub.unlink()
    assert not cache.is_fresh("a", "k1")


def test_the_cache_lives_outside_the_output_folder_and_survives_corruption(tmp_path):
    path = cache_file(tmp_path)
    assert tmp_path not in path.parents
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert not BuildCache(tmp_path).is_fresh("a", "k")


def test_a_rebuild_with_nothing_changed_touches_nothing(write, tmp_path, capsys):
    article = write("good.txt", GOOD)
    write("good.toml", LICENSED)
    out = tmp_path / "out"
    argv = [str(article), "--out", str(out), "--formats", "epub,catalog"]
    assert main(argv, root=ROOT) == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    capsys.readouterr()
    assert main(argv, root=ROOT) == 0
    assert capsys.readouterr().err == "encyclopress: 0 built, 1 up to date, 0 failed\n"
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_a_changed_article_or_a_removed_output_is_rebuilt(write, tmp_path, capsys):
    article = write("good.txt", GOOD)
    write("good.toml", LICENSED)
    out = tmp_path / "out"
    argv = [str(article), "--out", str(out), "--formats", "epub"]
    assert main(argv, root=ROOT) == 0
    (out / "good.epub").unlink()
    assert main(argv, root=ROOT) == 0 and (out / "good.epub").exists()
    write("good.txt", GOOD.replace("short", "longer"))
    capsys.readouterr()
    assert main(argv, root=ROOT) == 0
    assert capsys.readouterr().err == "encyclopress: 1 built, 0 failed\n"
