"""Table of contents entries, shared by the nav document and the NCX."""

from __future__ import annotations

from ebooklib import epub
from helpers import ROOT

from encyclopress.core.model import plain
from encyclopress.ebook.navigation import ncx_toc, toc_entries
from encyclopress.reading.reader import read_article

ARTICLE = read_article(ROOT / "tests" / "articles" / "national-assembly.txt", [])
DOCUMENTS = ["title.xhtml", "s01-history.xhtml", "s02-members.xhtml", "colophon.xhtml"]


def test_entries_follow_the_documents_and_subsections():
    entries = toc_entries(ARTICLE, "en", DOCUMENTS, "About this edition")
    assert [(plain(e.title), e.href, e.lang) for e in entries] == [
        ("Kurultai of the Alash", "title.xhtml", "en"), ("History", "s01-history.xhtml", "en"),
        ("Members", "s02-members.xhtml", "en"), ("About this edition", "colophon.xhtml", None)]
    assert [(plain(c.title), c.href) for c in entries[1].children] == [
        ("First congress", "s01-history.xhtml#first-congress"), ("Second congress", "s01-history.xhtml#second-congress")]


def test_ncx_toc_has_the_same_entries_under_the_folder():
    toc = ncx_toc(toc_entries(ARTICLE, "en", DOCUMENTS, "About this edition"), "text")
    section, children = toc[1]
    assert isinstance(section, epub.Section) and (section.title, section.href) == ("History", "text/s01-history.xhtml")
    assert [(c.title, c.href) for c in children] == [
        ("First congress", "text/s01-history.xhtml#first-congress"),
        ("Second congress", "text/s01-history.xhtml#second-congress")]
    assert [(link.title, link.href, link.uid) for link in (toc[0], toc[3])] == [
        ("Kurultai of the Alash", "text/title.xhtml", "toc-title"), ("About this edition", "text/colophon.xhtml", "toc-colophon")]
