"""The e-book's navigation: one table of contents for the nav document and the NCX, and landmarks.

Both tables of contents are made from the same entries, so EPUB 3 and EPUB 2 readers
(the NCX; Kindle reads it too) list the same headings with the same targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from ebooklib import epub

from encyclopress.core.model import Article, Inline, Run, Section, plain


@dataclass(frozen=True, slots=True)
class NavEntry:
    title: Inline  # runs, so a Kazakh heading keeps its language in the nav
    document: str  # file name in text/
    fragment: str | None = None
    children: tuple[NavEntry, ...] = ()
    lang: str | None = None  # the article's language, on titles taken from its text

    @property
    def href(self) -> str:
        return f"{self.document}#{self.fragment}" if self.fragment else self.document


@dataclass(frozen=True, slots=True)
class Landmark:
    type: str  # epub:type (EPUB 3 landmarks)
    guide_type: str  # the EPUB 2 guide's name for it
    document: str
    title: str
    lang: str | None = None  # as NavEntry.lang


def toc_entries(article: Article, language: str, documents: list[str], colophon_title: str) -> list[NavEntry]:
    """The opening, one entry per top-level section (its subsections below), the colophon.
    `language` is the article's; `documents` are the file names of the opening, each
    section and the colophon, in order."""
    return [NavEntry(article.title, documents[0], lang=language),
            *section_entries(article, language, documents[1:]),
            NavEntry((Run(colophon_title),), documents[-1])]


def section_entries(article: Article, language: str, documents: list[str], prefix: str = "") -> list[NavEntry]:
    """One entry per top-level section, in `documents` (in order), its subsections below;
    `prefix` is the article's id prefix in a collection."""
    return [NavEntry(section.title, document, None, _children(section, document, language, prefix), language)
            for document, section in zip(documents, article.sections)]


def _children(section: Section, document: str, language: str, prefix: str) -> tuple[NavEntry, ...]:
    return tuple(NavEntry(child.title, document, prefix + child.anchor, lang=language) for child in section.children)


def ncx_toc(entries: list[NavEntry], folder: str) -> list:
    """The same entries as ebooklib's `book.toc`, from which it writes the NCX."""
    toc: list = []
    for entry in entries:
        href = f"{folder}/{entry.href}"
        uid = f"toc-{entry.fragment or entry.document.removesuffix('.xhtml')}"
        if entry.children:
            toc.append((epub.Section(plain(entry.title), href), ncx_toc(list(entry.children), folder)))
        else:
            toc.append(epub.Link(href, plain(entry.title), uid))
    return toc
