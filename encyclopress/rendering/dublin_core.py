"""The one mapping from the model to simple Dublin Core, after www.loc.gov/marc/marc2dc.html.

Both the EPUB's package metadata (ebook/epub.py) and the `<slug>.dc.xml` record
(templates/catalog/dc.xml.j2) write these elements as they come, so the two cannot drift.
It lives here, below ebook/ and catalog/, because both import it.

Two choices the two copies used to disagree on:
- `dc:date` is the build's UTC timestamp (W3CDTF), the moment this edition is published: a
  valid publication date for EPUB 3.3 (which also gets `dcterms:modified`, from ebooklib),
  and the value the shelf reads back from `.dc.xml` as each entry's "updated" time.
- `dc:rights` is two elements, the licence's name and its URL, so each stays usable alone
  (the shelf shows the name; a harvester can follow the URL), and none at all without a
  licence in the sidecar.
- the first `dc:language` is the text's, the edition's follows (rendering/edition.py), and
  the first `dc:description` is the edition statement, in the edition's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.edition import edition_statement


class Element(NamedTuple):
    name: str  # in the DC elements namespace: "title", "creator", ...
    value: str
    lang: str | None = None  # xml:lang, where the value is text in a language
    role: str | None = None  # a contributor's MARC relator code ("edt"): the EPUB says it, simple DC cannot


def summary(ctx: RenderContext) -> str:
    """The sidecar's description, else the lead's first sentences; "" without either."""
    return ctx.publication.description or ctx.summary()


def text_languages(ctx: RenderContext) -> tuple[str, ...]:
    """Every language of the article's text (BCP 47), the publication's first."""
    return tuple(dict.fromkeys((ctx.publication.language, *ctx.languages())))


def languages(ctx: RenderContext) -> tuple[str, ...]:
    """The book's languages: its text's, then its apparatus's (the edition's, rendering/edition.py)
    when that is another. The first dc:language is the one reading systems take for the book's
    voice and hyphenation, and calibre and library catalogs for "the language of this book", so
    it is the text's. Words of other languages within the text are marked where they stand (lang
    in the XHTML, /Lang in the PDF) and listed in MARC 041 (catalog/records.py), not here: listed
    here, every edition of an article would claim the same languages, and calibre, which tells
    books of one title and author apart by their languages, would keep one edition of three."""
    return tuple(dict.fromkeys((ctx.publication.language, ctx.build.language)))


def dublin_core(ctx: RenderContext, formats: Iterable[str] = ()) -> list[Element]:
    """The publication's DC elements, in the record's order. `formats` are the media types of
    the editions a record links to; the e-book, which is one of them, passes none."""
    pub, lang = ctx.publication, ctx.publication.language
    description = summary(ctx)
    return [
        Element("title", ctx.title, lang),
        *(Element("title", title, title_lang) for title_lang, title in pub.parallel_titles),
        *(Element("creator", author) for author in pub.authors),
        # a collection's editors did not write it: contributors (DCMI: "an editor, a translator")
        *(Element("contributor", editor, role="edt") for editor in pub.editors),
        *(Element("subject", subject) for subject in pub.subjects),
        # The edition statement first (shelf.py reads it back as such), in the edition's
        # language; then the summary, none without a lead: an empty one is invalid in the OPF.
        Element("description", edition_statement(ctx), ctx.build.language),
        *([Element("description", description, lang)] if description else []),
        Element("publisher", pub.publisher),
        Element("date", ctx.build.timestamp),
        Element("type", "Text"),
        *(Element("format", media_type) for media_type in dict.fromkeys(formats)),
        Element("identifier", ctx.build.identifier),
        *([Element("identifier", f"urn:isbn:{ctx.build.isbn}")] if ctx.build.isbn else []),
        *([Element("source", pub.source_url)] if pub.source_url else []),
        # a collection's articles: dcterms:hasPart, which simple DC writes as dc:relation
        *(Element("relation", identifier) for identifier in ctx.has_part()),
        *(Element("language", language) for language in languages(ctx)),
        *(Element("rights", rights) for rights in (pub.license, pub.license_url) if rights),
    ]
