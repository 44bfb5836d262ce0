"""The build cache: unchanged articles are skipped; any change, or a touched output, rebuilds."""

from __future__ import annotations

import os

from encyclopress.cache import BuildCache, article_key, tool_digest


def test_key_follows_article_sidecar_tool_and_options(write, project):
    article = write("a.txt", "= A =\nText.\n")
    tool = tool_digest(project.root)
    key = article_key(article, tool, "pdf,epub")
    assert key == article_key(article, tool, "pdf,epub")
    assert key != article_key(article, tool, "epub")
    assert key != article_key(article, "other tool", "pdf,epub")
    write("a.toml", 'language = "en"\n')
    assert key != article_key(article, tool, "pdf,epub")
    assert article_key(write("b.txt", "x").with_name("gone.txt"), tool, "") is None


def test_fresh_until_an_output_is_touched_or_removed(write, tmp_path):
    article = write("a.txt", "= A =\nText.\n")
    out = tmp_path / "out"
    out.mkdir()
    pdf, epub = out / "a.pdf", out / "a.epub"
    pdf.write_bytes(b"pdf")
    epub.write_bytes(b"epub")
    cache = BuildCache(out)
    cache.record(article, "k1", [pdf, epub])
    cache.save()
    reloaded = BuildCache(out)
    assert reloaded.is_fresh(article, "k1") and not reloaded.is_fresh(article, "k2")
    os.utime(pdf, ns=(1, 1))
    assert not reloaded.is_fresh(article, "k1")
    cache.record(article, "k1", [pdf, epub])
    epub.unlink()
    assert not cache.is_fresh(article, "k1")


def test_a_corrupt_cache_file_is_ignored(tmp_path, write):
    (tmp_path / ".encyclopress-cache.json").write_text("{not json")
    assert not BuildCache(tmp_path).is_fresh(write("a.txt", "x"), "k")
