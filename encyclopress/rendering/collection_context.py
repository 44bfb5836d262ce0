"""What the renderers receive for one edition of a collection: the book and its articles.

Each article keeps its own metadata (its sidecar: language, source, licence) and gets an
id prefix (`a3-`), so that its ids (`line_12`, section anchors) stay unique in the book.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from encyclopress.core.i18n import N_
from encyclopress.rendering.context import BuildInfo, Edition, Project, source_files
from encyclopress.rendering.edition import edition_statement

if TYPE_CHECKING:
    from jinja2 import Environment

    from encyclopress.core.model import Article
    from encyclopress.reading.collection import Collection, Part
    from encyclopress.reading.publication import Publication


@dataclass(frozen=True, slots=True)
class CollectedArticle:
    article: Article
    publication: Publication  # the article's own (its sidecar's)
    id_prefix: str  # before every id of the article in the book: `a1-`, `a2-`…


@dataclass(frozen=True, slots=True)
class CollectionContext(Edition):
    """One edition of one collection."""

    project: Project
    collection: Collection
    parts: tuple[tuple[Part, tuple[CollectedArticle, ...]], ...]
    publication: Publication  # the collection's: slug, identifier, paper, locales…
    build: BuildInfo
    env: Environment
    print_template: ClassVar[str] = "collection.html.j2"
    # The blank left-hand pages before openings and the printed contents (the e-book's is its
    # nav) have no text the e-book's documents share: left out of its page list, as expected.
    warn_unlisted_pages: ClassVar[bool] = False

    @property
    def source(self) -> Path:
        return self.collection.source

    @property
    def title(self) -> str:
        return self.collection.title

    def summary(self) -> str:
        return self.collection.subtitle or ""

    def languages(self) -> tuple[str, ...]:
        """Every language of the articles' texts, in the order they come."""
        found = (lang for item in self.articles for lang in (item.publication.language, *item.article.languages()))
        return tuple(dict.fromkeys(found))

    def has_part(self) -> tuple[str, ...]:
        """The identifiers of its articles (their main editions'), in order."""
        return tuple(item.publication.identifier for item in self.articles)

    def infobox_prefixes(self) -> tuple[str, ...]:
        """The id prefix of each article with an infobox: each is placed on its own."""
        return tuple(item.id_prefix for item in self.articles if item.article.infobox)

    @property
    def articles(self) -> tuple[CollectedArticle, ...]:
        return tuple(item for _, items in self.parts for item in items)

    def sources(self) -> list[tuple[Path, str]]:
        """The collection file, then each article's text and sidecar."""
        found = [(self.collection.source, N_("Collection (source)"))]
        for item in self.articles:
            found += source_files(item.article.source)
        return found

    def template_vars(self) -> dict[str, object]:
        return {"collection": self.collection, "parts": self.parts, "articles": self.articles,
                "publication": self.publication, "build": self.build, "edition": edition_statement(self)}
