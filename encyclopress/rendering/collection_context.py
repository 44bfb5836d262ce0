"""What the renderers receive for one edition of a collection: the book and its articles.

Each article keeps its own metadata (its sidecar: language, source, licence) and gets an
id prefix (`a3-`), so that its ids (`line_12`, section anchors) stay unique in the book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from encyclopress.core.i18n import N_
from encyclopress.rendering.context import BuildInfo, Edition, Project, source_files
from encyclopress.rendering.edition import edition_statement
from encyclopress.rendering.templating import make_env

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
class Piece:
    """A part of the printed book laid out on its own (print_edition/book.py): the front
    matter (title page, contents), one article (after its part's title page when it opens
    the part: `part_number`), or the sources and licences of them all."""

    kind: Literal["front", "article", "sources"]
    part_number: int = 0  # the part whose title page comes first (1-based), 0 for none


@dataclass(frozen=True, slots=True)
class CollectionContext(Edition):
    """One edition of one collection."""

    project: Project
    collection: Collection
    parts: tuple[tuple[Part, tuple[CollectedArticle, ...]], ...]
    publication: Publication  # the collection's: slug, identifier, paper, locales…
    build: BuildInfo
    env: Environment
    piece: Piece | None = None  # in print, the piece laid out; None for the whole book
    pages: Mapping[str, int] = field(default_factory=dict)  # in print, id → the page it is on
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
        """The id prefix of each article with an infobox laid out here: each is placed on its own."""
        if self.piece and self.piece.kind != "article":
            return ()
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
                "publication": self.publication, "build": self.build, "edition": edition_statement(self),
                "piece": self.piece, "page_numbers": self.pages}

    def pieces(self) -> list[CollectionContext]:
        """The book in print as pieces laid out on their own: the front matter, each article
        (holding only that article), the sources."""
        articles = []
        for number, (part, items) in enumerate(self.parts, 1):
            for index, item in enumerate(items):
                opens = number if part.title and index == 0 else 0
                articles.append(replace(self, parts=((part, (item,)),), piece=Piece("article", opens)))
        return [replace(self, piece=Piece("front")), *articles, replace(self, piece=Piece("sources"))]

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled for a worker process without its template environment, made there anew."""
        return _unpickled, (self.project, self.collection, self.parts, self.publication, self.build,
                            self.piece, self.pages)


def _unpickled(project: Project, collection: Collection, parts: tuple[tuple[Part, tuple[CollectedArticle, ...]], ...],
               publication: Publication, build: BuildInfo, piece: Piece | None,
               pages: Mapping[str, int]) -> CollectionContext:
    return CollectionContext(project, collection, parts, publication, build,
                             make_env(project.templates, build.locale), piece, pages)
