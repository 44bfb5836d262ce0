"""The print edition of one render context: its layouts, each laid out once when first asked for.

One `PrintEdition` per edition of an article is shared by everything that reads the
print pages: the PDF, the handouts and the press file write its layouts, the e-book's page
list and the catalog record's page count read the PDF's. One code path lays out every
print variant: the paper (styles/paper-<name>.css) and press marks (styles/press.css) are
stylesheets the template links. Where the infobox goes is tried out (box_placement.py): a
box too long for its page takes a second or third layout. A collection is laid out piece
by piece (book.py), on `mapper`: a pool's worker processes, or `map` in this one. An
article's handout layout can be laid out beside its PDF's, on `mapper` too (`lay_out_beside`):
in a forked process when one article is built on two cores (engine/fork.py). Nothing
here loads WeasyPrint until a layout is asked for.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.print_edition.box_placement import (
    BoxPlacement,
    first_placement,
    revised,
)
from encyclopress.print_edition.print_pages import PageStart, page_starts
from encyclopress.rendering.collection_context import CollectionContext
from encyclopress.rendering.context import Edition, RenderContext
from encyclopress.rendering.templating import render

if TYPE_CHECKING:
    from encyclopress.print_edition.book import BookLayout

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]  # map, or engine/fork.py's forked

# WeasyPrint notices about the machine, not the article: the output is the same either way.
_ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@dataclass(frozen=True, slots=True)
class PrintLayout:
    """The print edition laid out in pages: written as the PDF, read for page numbers."""

    html: str
    document: Any  # weasyprint.Document
    diagnostics: list[Diagnostic]

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    @property
    def pagination(self) -> tuple[int, int]:
        """Pages numbered in roman (an article has no front matter), and then from 1."""
        return 0, self.page_count

    def write(self, target: Any = None, **options: Any) -> bytes | None:
        """The pages as a PDF (bytes when no target), with a stable /ID."""
        identifier = hashlib.md5(self.html.encode()).hexdigest().encode()
        return self.document.write_pdf(target, pdf_identifier=identifier, **options)

    def page_starts(self, ids: Collection[str]) -> tuple[list[PageStart], list[str]]:
        """Where each page starts inside one of `ids`, and the pages with none (print_pages.py)."""
        return page_starts(self.document, ids)


@dataclass(frozen=True, slots=True)
class WrittenLayout:
    """A layout laid out and written (with no options) on the mapper: all a handout reads of it."""

    pdf: bytes
    page_count: int
    diagnostics: list[Diagnostic]

    def write(self) -> bytes:
        return self.pdf


def written_layout(job: tuple[RenderContext, str]) -> WrittenLayout:
    """An article laid out on a paper and written; run where the mapper runs it."""
    ctx, paper = job
    layout = lay_out(ctx, paper, press=False)
    return WrittenLayout(layout.write(), layout.page_count, layout.diagnostics)


Layout = Union[PrintLayout, "BookLayout", WrittenLayout]


class PrintEdition:
    """The layouts of one edition's print files, and which of their warnings were reported."""

    def __init__(self, ctx: Edition, with_pdf: bool, mapper: Mapper = map) -> None:
        self.ctx = ctx
        self.with_pdf = with_pdf  # `<slug>.pdf` is built: the e-book and the record refer to its pages
        self.mapper = mapper
        # (paper, press) → layout; laid out beside (lay_out_beside): an iterator of it until asked for
        self._layouts: dict[tuple[str, bool], Layout | Iterator[WrittenLayout]] = {}
        self._reported: set[str] = set()

    @property
    def pdf(self) -> Layout:
        """The layout of `<slug>.pdf`: the publication's paper."""
        return self.layout(self.ctx.publication.paper)

    @property
    def pagination(self) -> tuple[int, int] | None:
        """How many pages of `<slug>.pdf` are numbered in roman (a book's front matter), and
        then from 1; None when it is not built (nothing is laid out then)."""
        return self.pdf.pagination if self.with_pdf else None

    def layout(self, paper: str, press: bool = False) -> Layout:
        """The print edition on `paper`, with bleed and crop marks if `press`; laid out once."""
        if (paper, press) not in self._layouts:
            if isinstance(self.ctx, CollectionContext):
                from encyclopress.print_edition.book import BookLayout

                self._layouts[paper, press] = BookLayout(self.ctx, paper, press, self.mapper)
            else:
                self._layouts[paper, press] = lay_out(self.ctx, paper, press)
        found = self._layouts[paper, press]
        if isinstance(found, Iterator):
            found = self._layouts[paper, press] = next(found)
        return found

    def lay_out_beside(self, paper: str) -> None:
        """Start laying out the article on `paper`, and writing it, on `mapper`, while this
        process goes on with the PDF's layout: what comes back is a WrittenLayout, for the
        handouts. With `map`, it is laid out here when first asked for, as any layout."""
        if (paper, False) in self._layouts or isinstance(self.ctx, CollectionContext):
            return  # a collection's layouts are on the mapper already (book.py)
        # before a fork, so the child starts with them (and this process needs them next)
        register_fonts(self.ctx)
        self._layouts[paper, False] = self.mapper(written_layout, [(self.ctx, paper)])

    def close(self) -> None:
        """Stop what is laid out beside and was never asked for (the build failed first)."""
        for found in self._layouts.values():
            if isinstance(found, Iterator) and hasattr(found, "close"):  # map's holds no process
                found.close()

    def reported(self, pages: Layout) -> list[Diagnostic]:
        """The layout's warnings not yet reported for this edition (layouts share most)."""
        fresh = [d for d in pages.diagnostics if d.message not in self._reported]
        self._reported.update(d.message for d in fresh)
        return fresh


def print_html(ctx: RenderContext, paper: str, press: bool = False,
               placements: Mapping[str, BoxPlacement] | None = None, trial: bool = False) -> str:
    """The print edition's HTML; each infobox (by its article's id prefix, "" for an article's
    own) where it is first tried unless `placements` says; for a `trial`, each article only
    up to its box."""
    placements = placements or _first_placements(ctx, paper)
    return render(ctx.env, ctx.print_template, **ctx.template_vars(), paper=paper, press=press,
                  placements=placements, trial=trial)


def lay_out(ctx: RenderContext, paper: str, press: bool) -> PrintLayout:
    """Laid out with each infobox beside its lead, then under it, then split: the first that fits.
    A box under its lead is tried on its article cut after it: a long one (most real
    articles' on an A5 page) is split, and only the split layout is then laid out whole."""
    # Imported here: a build without print files (--formats epub) never loads them.
    from encyclopress.engine import hyphenation

    hyphenation.register()
    placements = _first_placements(ctx, paper)
    while True:
        trial = any(not p.beside and p.first_part is None for p in placements.values())
        layout = rendered(ctx, print_html(ctx, paper, press, placements, trial))
        pages = layout.document.pages
        revisions = {prefix: better for prefix, placement in placements.items()
                     if (better := revised(placement, pages, prefix))}
        if not revisions:
            return rendered(ctx, print_html(ctx, paper, press, placements)) if trial else layout
        placements |= revisions


def _first_placements(ctx: RenderContext, paper: str) -> dict[str, BoxPlacement]:
    return {prefix: first_placement(paper) for prefix in ctx.infobox_prefixes()}


def register_fonts(ctx: RenderContext) -> None:
    """Load WeasyPrint and register the edition's @font-face rules, as its print HTML writes
    them: its layouts find them registered, and so do those of a child forked after this."""
    from encyclopress.engine.fontconfig import font_config
    from encyclopress.engine.weasy import weasyprint

    faces = render(ctx.env, "print-fonts.css.j2", **ctx.template_vars())
    with _captured_logs():  # a face that fails is tried again by each layout, which reports it
        weasyprint().CSS(string=faces, base_url=_base_url(ctx), url_fetcher=_fetcher(ctx), font_config=font_config())


def rendered(ctx: RenderContext, html: str) -> PrintLayout:
    from encyclopress.engine.fontconfig import font_config
    from encyclopress.engine.weasy import weasyprint

    with _captured_logs() as records:
        source = weasyprint().HTML(string=html, base_url=_base_url(ctx), url_fetcher=_fetcher(ctx))
        document = source.render(font_config=font_config())
    diagnostics = [
        Diagnostic(ctx.source, None, f"print: {message}", "warning")
        for message in records
        if not message.startswith(_ENVIRONMENT_NOTICES)
    ]
    return PrintLayout(html, document, diagnostics)


def _base_url(ctx: Edition) -> str:
    return ctx.project.root.as_uri() + "/"


def _fetcher(ctx: Edition) -> Any:
    from encyclopress.engine.fetcher import LocalFetcher

    project = ctx.project
    return LocalFetcher((project.fonts, project.styles, project.content))


@contextmanager
def _captured_logs() -> Iterator[list[str]]:
    """WeasyPrint logs rather than raises (bad CSS, refused URLs): collect its warnings."""
    records: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
