"""Rebuilding a collection after one article changed lays out that article only
(print_edition/piece_cache.py), and the book comes out as a build from nothing would."""

from __future__ import annotations

from collection_fixture import copy_collection
from helpers import ROOT

from encyclopress.cli import main
from encyclopress.print_edition import book


def test_one_article_changed_is_the_only_one_laid_out_again(tmp_path, monkeypatch):
    # no SOURCE_DATE_EPOCH: the build date is the newest file's, so the edit moves it too
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    laid = []
    original = book._laid_anew

    def counted(job: book.PieceJob) -> book.LaidPiece:
        if job.ctx.piece.kind == "article":
            laid.append(job.ctx.articles[0].id_prefix)
        return original(job)

    monkeypatch.setattr(book, "_laid_anew", counted)  # --jobs 1: laid out in this process
    path = copy_collection(tmp_path / "content")

    def build(out: str) -> None:
        argv = [str(path), "--out", str(tmp_path / out), "--locale", "en", "--formats", "pdf", "--jobs", "1", "--quiet"]
        assert main(argv, root=ROOT) == 0

    build("first")
    assert laid == ["a1-", "a2-", "a3-", "a4-", "a5-", "a6-"]
    laid.clear()
    with path.with_name("no-infobox.txt").open("a", encoding="utf-8") as text:  # the third article
        text.write("\nA paragraph added since, long enough to take lines of its own in print.\n")
    build("again")
    assert laid == ["a3-"]
    laid.clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    build("from-nothing")
    assert len(laid) == 6
    assert (tmp_path / "again" / "alash-reader.pdf").read_bytes() == (tmp_path / "from-nothing" / "alash-reader.pdf").read_bytes()
