"""The documents of an e-book, in reading order, and its table of contents: for an article
(opening, a document per top-level section, colophon) and for a collection (title page,
then per part its page and per article its opening and sections, then the sources).

A page is `(uid, template, title, variables)`; its file is `text/<uid>.xhtml`. The
collection's uids carry each article's id prefix, so its documents' names never clash.
"""

from __future__ import annotations

from typing import Any

from encyclopress.core.i18n import N_
from encyclopress.core.model import Article, Run, plain
from encyclopress.ebook.navigation import NavEntry, section_entries, toc_entries
from encyclopress.rendering.collection_context import CollectionContext
from encyclopress.rendering.context import RenderContext

Page = tuple[str, str, str, dict[str, Any]]


def document_name(uid: str) -> str:
    return f"{uid}.xhtml"


def pages(ctx: RenderContext | CollectionContext) -> list[Page]:
    """Every document after the cover page, in reading order."""
    if isinstance(ctx, CollectionContext):
        return _collection_pages(ctx)
    return [*article_pages(ctx.article, {}, ""),
            ("colophon", "epub/colophon.xhtml.j2", ctx.gettext(N_("About this edition")), {})]


def article_pages(article: Article, variables: dict[str, Any], prefix: str) -> list[Page]:
    """The article's opening (title, infobox, lead) and one document per top-level section."""
    found: list[Page] = [(f"{prefix}title", "epub/title.xhtml.j2", article.plain_title, variables)]
    for uid, section in zip(_section_uids(article, prefix), article.sections):
        found.append((uid, "epub/section.xhtml.j2", plain(section.title), {**variables, "section": section}))
    return found


def _section_uids(article: Article, prefix: str) -> list[str]:
    return [f"{prefix}s{n:02d}-{section.anchor}" for n, section in enumerate(article.sections, 1)]


def _collection_pages(ctx: CollectionContext) -> list[Page]:
    found: list[Page] = [("book", "epub/collection-title.xhtml.j2", ctx.title, {})]
    for number, (part, items) in enumerate(ctx.parts, 1):
        if part.title:
            found.append((f"part-{number}", "epub/part.xhtml.j2", part.title, {"part": part, "number": number}))
        for item in items:
            variables = {"article": item.article, "publication": item.publication, "id_prefix": item.id_prefix}
            found += article_pages(item.article, variables, item.id_prefix)
    found.append(("sources", "epub/sources.xhtml.j2", ctx.gettext(N_("Sources and licences")), {}))
    return found


def contents(ctx: RenderContext | CollectionContext, documents: list[str], titles: list[str]) -> list[NavEntry]:
    """The table of contents over `documents` (names, in reading order, with their titles)."""
    if not isinstance(ctx, CollectionContext):
        return toc_entries(ctx.article, ctx.publication.language, documents, titles[-1])
    entries = [NavEntry((Run(ctx.title),), document_name("book"))]
    for number, (part, items) in enumerate(ctx.parts, 1):
        articles = [
            NavEntry(item.article.title, document_name(f"{item.id_prefix}title"), None,
                     tuple(section_entries(item.article, item.publication.language,
                                           [document_name(uid) for uid in _section_uids(item.article, item.id_prefix)],
                                           item.id_prefix)),
                     item.publication.language)
            for item in items
        ]
        if part.title:
            entries.append(NavEntry((Run(part.title),), document_name(f"part-{number}"), None, tuple(articles)))
        else:
            entries += articles
    entries.append(NavEntry((Run(titles[-1]),), documents[-1]))
    return entries


def body_start(ctx: RenderContext | CollectionContext) -> int:
    """Which document (of `pages`) the text starts in: the article's opening, the book's first
    page after its title page."""
    return 1 if isinstance(ctx, CollectionContext) else 0
