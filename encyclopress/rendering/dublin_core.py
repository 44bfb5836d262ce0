"""The one mapping from the model to simple Dublin Core, after www.loc.gov/marc/marc2dc.html.

Both the EPUB's package metadata (ebook/epub.py) and the `<slug>.dc.xml` record
(templates/catalog/dc.xml.j2) write these elements as they come, so the two cannot drift.
It lives here, below ebook/ and catalog/, because both import it.

Two choices the two copies used to disagree on:
- `dc:date` is the build's UTC timestamp (W3CDTF), the moment this edition is published: a
  valid publication date for EPUB 3.3 (which also gets `dcterms:modified`, from ebooklib),
  and the value the shelf reads back from `.dc.xml` as each entry's "updated" time.
- `dc:rights` is two elements, the licence's name and its URL, so each stays usable alone
  (the shelf shows the name; a harvester can follow the URL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from encyclopress.rendering.context import RenderContext


class Element(NamedTuple):
    name: str  # in the DC elements namespace: "title", "creator", ...
    value: str
    lang: str | None = None  # xml:lang, where the value is text in a language


def summary(ctx: RenderContext) -> str:
    """The sidecar's description, else the lead's first sentences; "" without either."""
    return ctx.publication.description or ctx.summary()


def text_languages(ctx: RenderContext) -> tuple[str, ...]:
    """Every language of the article's text (BCP 47), the publication's first."""
    return tuple(dict.fromkeys((ctx.publication.language, *ctx.languages())))


def edition_languages(ctx: RenderContext) -> tuple[str, ...]:
    """The edition's language first: a localized edition is a publication of its own, whose
    headings, labels and colophon are in that language (and e-readers take the first
    dc:language for hyphenation and voice); then the text's."""
    return tuple(dict.fromkeys((ctx.build.language, *text_languages(ctx))))


def dublin_core(ctx: RenderContext, formats: Iterable[str] = ()) -> list[Element]:
    """The publication's DC elements, in the record's order. `formats` are the media types of
    the editions a record links to; the e-book, which is one of them, passes none."""
    pub, lang = ctx.publication, ctx.publication.language
    description = summary(ctx)
    return [
        Element("title", ctx.title, lang),
        *(Element("title", title, title_lang) for title_lang, title in pub.parallel_titles),
        *(Element("creator", author) for author in pub.authors),
        *(Element("subject", subject) for subject in pub.subjects),
        # none without a lead paragraph: an empty dc:description is invalid in the OPF
        *([Element("description", description, lang)] if description else []),
        Element("publisher", pub.publisher),
        Element("date", ctx.build.timestamp),
        Element("type", "Text"),
        *(Element("format", media_type) for media_type in dict.fromkeys(formats)),
        Element("identifier", ctx.build.identifier),
        *([Element("identifier", f"urn:isbn:{pub.isbn}")] if pub.isbn else []),
        *([Element("source", pub.source_url)] if pub.source_url else []),
        # a collection's articles: dcterms:hasPart, which simple DC writes as dc:relation
        *(Element("relation", identifier) for identifier in ctx.has_part()),
        *(Element("language", edition_lang) for edition_lang in edition_languages(ctx)),
        Element("rights", pub.license),
        Element("rights", pub.license_url),
    ]
