"""Search results over the shelf index, as OPDS feeds: what `encyclopress serve` answers an
OPDS reader's search with (its OpenSearch description points here).

A result page is a page of a shelf like any other (pages.Page), so it is rendered by the
same templates; only its links differ: they are absolute paths on the server
(`/search.xml?q=…&page=2`), since the results are not files of out/.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from encyclopress.rendering.context import Project
from encyclopress.shelf.feeds import Renderer, catalog_of
from encyclopress.shelf.index import ShelfIndex
from encyclopress.shelf.pages import Page, Shelf

MAX_RESULTS = 10_000  # a query that matches more is not a search: the rest are not listed
SEARCH = "search"  # the results' path on the server: /search.xml, /search.json


@dataclass(frozen=True, slots=True)
class ResultPage(Page):
    query: str = ""

    @property
    def name(self) -> str:
        return f"{SEARCH}.{self.fmt}"

    @property
    def base(self) -> str:
        return "/"

    def href(self, name: str) -> str:
        return f"/{name}"

    def link(self, number: int) -> str:
        return self._url(self.fmt, number)

    def twin(self, fmt: str) -> str:
        return self._url(fmt, self.number)

    def _url(self, fmt: str, number: int) -> str:
        return f"/{SEARCH}.{fmt}?{urlencode({'q': self.query, 'page': number})}"


def search_feed(index: ShelfIndex, project: Project, query: str, number: int, fmt: str) -> str | None:
    """Page `number` of the publications matching `query`, as an OPDS 1.2 ("xml") or 2.0
    ("json") feed; None when there is no such page (nothing found, or past the last)."""
    slugs = index.search(query, MAX_RESULTS)
    shelf = Shelf(SEARCH, len(slugs))
    if not slugs or not 1 <= number <= shelf.pages:
        return None
    page = ResultPage(shelf, number, fmt, query)
    return Renderer(project, catalog_of(index)).page(page, index.entries(slugs[page.start:page.end]), [])
