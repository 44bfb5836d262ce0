"""A collection in print: each piece laid out on its own, in parallel, then one book.

WeasyPrint holds every page's boxes until it writes, so a long book laid out as one
document takes the memory of all its pages, in one process. A collection is laid out
instead as pieces (rendering/collection_context.py `pieces()`): each article (in the
batch's worker processes when there are some: `mapper`) as a short document of its own,
written to PDF at once. Meanwhile the building process lays out the front matter with
stand-in numbers (`UnknownPages`): how many pages it takes. Then:

1. numbering: every article opens on a right-hand page after the front matter, whose
   contents print those numbers; laid out here, and again if its length was guessed wrong;
2. meanwhile the workers lay out the sources and licences with the same numbers, then a
   folio document (templates/folio.html.j2), a page for each of the book's, numbering them;
3. `write` writes the front matter and assembly.py merges the PDFs into one book, one
   structure tree and outline.

A piece opening on a right-hand page is laid out as it would be in the whole book (a
document's first page is a right-hand one), so only the numbers need the whole book.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from typing import Any

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.engine.memory import return_freed_memory
from encyclopress.engine.page_boxes import page_kind
from encyclopress.print_edition.layout import Mapper, PrintLayout, lay_out, rendered
from encyclopress.print_edition.print_pages import (
    Candidate,
    PageStart,
    page_candidates,
    starts_of,
)
from encyclopress.print_edition.variants import ARCHIVAL_VARIANT, PRESS_VARIANT
from encyclopress.rendering.collection_context import CollectionContext, UnknownPages
from encyclopress.rendering.templating import render

PageKind = tuple[str, bool]  # the page's CSS name, and whether a break left it blank
BLANK: PageKind = ("", True)  # a page the assembly adds before a right-hand opening
SOURCES = "sources"  # the id of the sources' section (templates/collection.html.j2)


@dataclass(frozen=True, slots=True)
class LaidPiece:
    """One piece laid out and written: what a worker sends back."""

    pdf: bytes
    kinds: tuple[PageKind, ...]  # each page's
    anchors: dict[str, int]  # id → the page it is on (0-based)
    candidates: list[list[Candidate]]  # where each page starts (print_pages.py)
    diagnostics: list[Diagnostic]


@dataclass(frozen=True, slots=True)
class PieceJob:
    """A piece to lay out and write, on `paper`, with press marks if `press`."""

    ctx: CollectionContext
    paper: str
    press: bool


@dataclass(frozen=True, slots=True)
class FolioJob(PieceJob):
    """The page numbers of the book (`ctx` whole) whose pages are of `kinds`."""

    kinds: tuple[PageKind, ...]


@dataclass(frozen=True, slots=True)
class EndJob(PieceJob):
    """The sources piece (`ctx`), then the folio of the book whose pages before it are of `before`."""

    before: tuple[PageKind, ...]


def lay_out_piece(job: PieceJob) -> LaidPiece:
    """Lay out one piece and write it; run in a worker process."""
    layout = lay_out(job.ctx, job.paper, job.press)
    piece = laid(layout, written(layout, job.press))
    del layout
    return_freed_memory()  # a worker lays out piece after piece: its memory would creep up
    return piece


def folio_pdf(job: FolioJob) -> bytes:
    """The page numbers: a page for each of the book's (styles/folio.css numbers them)."""
    ctx = job.ctx
    html = render(ctx.env, "folio.html.j2", **ctx.template_vars(), paper=job.paper, press=job.press,
                  page_kinds=job.kinds)
    pdf = rendered(ctx, html).write()
    _collect()  # a page for each of the book's: the worker idles holding them otherwise
    return pdf


def lay_out_end(job: EndJob) -> tuple[LaidPiece, bytes]:
    """The sources laid out and written, then the folio: the book's last piece gives its length."""
    sources = lay_out_piece(job)
    kinds = book_kinds(job.before, [job.ctx.pages[SOURCES]], [sources])
    return sources, folio_pdf(FolioJob(job.ctx, job.paper, job.press, kinds))


def written(layout: PrintLayout, press: bool) -> bytes:
    """The layout as the PDF its pages go into: tagged PDF/A-3a, or PDF/X-4 for the press."""
    if press:
        return layout.write(pdf_variant=PRESS_VARIANT)
    from encyclopress.engine.pdfa import list_associated_files_once
    from encyclopress.engine.tagging import structure_corrections

    with structure_corrections(list_associated_files_once) as finish:
        return layout.write(pdf_variant=ARCHIVAL_VARIANT, finisher=finish)


def laid(layout: PrintLayout, pdf: bytes) -> LaidPiece:
    pages = layout.document.pages
    anchors = {anchor: number for number, page in reversed(list(enumerate(pages))) for anchor in page.anchors}
    return LaidPiece(pdf, _page_kinds(layout), anchors,
                     page_candidates(layout.document), layout.diagnostics)


class BookLayout:
    """A collection's print edition on one paper: its pieces laid out, numbered, and written
    as one book when asked (`write`, as a PrintLayout is)."""

    def __init__(self, ctx: CollectionContext, paper: str, press: bool, mapper: Mapper = map) -> None:
        front, *articles, sources = ctx.pieces()
        self.paper, self.press = paper, press
        # a part's articles but the first nest their bookmarks under the part's, in another piece
        self.nested = [ctx.collection.has_parts and not article.piece.part_number for article in articles] + [False]
        laying = mapper(lay_out_piece, [PieceJob(article, paper, press) for article in articles])
        # the front matter's pages, guessed here while the workers lay out the articles
        guess = _kinds(replace(front, pages=UnknownPages()), paper, press)
        laid_articles = list(laying)
        self._front: PrintLayout | None
        self._front, self.starts, pages, (laid_sources, folio) = self._numbered(front, laid_articles, sources,
                                                                              guess, mapper)
        self.front_matter = replace(front, pages=pages)  # laid out again if written twice
        self.front = laid(self._front, b"")
        self.pieces = [*laid_articles, laid_sources]
        self._folio: Iterator[bytes] | bytes = folio
        if self.front.kinds != guess:  # as many pages, but not of the same kinds: numbered again
            self._folio = mapper(folio_pdf, [FolioJob(ctx, paper, press, self.page_kinds())])

    def _numbered(self, front: CollectionContext, articles: list[LaidPiece], sources: CollectionContext,
                  guess: tuple[PageKind, ...],
                  mapper: Mapper) -> tuple[PrintLayout, list[int], dict[str, int], tuple[LaidPiece, bytes]]:
        """The front matter laid out with the numbers its `guess`ed pages give, again if it takes
        another number of pages; where each piece after it starts, the page of every id, and
        the sources and the folio, laid out by a worker meanwhile."""
        while True:
            starts = openings(len(guess), [len(piece.kinds) for piece in articles])
            pages = numbers(articles, starts)
            job = EndJob(replace(sources, pages=pages), self.paper, self.press, book_kinds(guess, starts, articles))
            later = mapper(lay_out_end, [job])
            layout = lay_out(replace(front, pages=pages), self.paper, self.press)
            if layout.page_count == len(guess):
                return layout, starts, pages, next(later)
            # the stand-in numbers took other lines: `later`, numbered for the guess, is dropped
            guess = _page_kinds(layout)

    @property
    def page_count(self) -> int:
        return self.starts[-1] - 1 + len(self.pieces[-1].kinds)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for piece in (self.front, *self.pieces) for d in piece.diagnostics]

    def page_kinds(self) -> tuple[PageKind, ...]:
        """Every page of the book's: the front matter's, then each piece's after blank ones."""
        return book_kinds(self.front.kinds, self.starts, self.pieces)

    def page_starts(self, ids: Collection[str]) -> tuple[list[PageStart], list[int]]:
        """Where each page of the book starts inside one of `ids` (print_pages.py), and the pages
        with no such text."""
        starts, missing = starts_of(self.front.candidates, ids)
        for blanks, first, piece in _placed(len(self.front.kinds), self.starts, self.pieces):
            found, none = starts_of(piece.candidates, ids, first)
            starts += found
            missing += [*blanks, *none]
        return starts, missing

    def write(self, target: Any = None, **options: Any) -> bytes | None:
        """The book as one PDF (bytes when no target). `options` go to the front matter's PDF,
        which the book is built on (its metadata, attachments, output intent)."""
        from encyclopress.print_edition.assembly import assemble

        front = self._front or lay_out(self.front_matter, self.paper, self.press)
        self._front = None  # its boxes are not kept while the book is assembled
        base = front.write(**options)
        del front
        _collect()
        if not isinstance(self._folio, bytes):
            self._folio = next(self._folio)
        pieces = [(start, piece.pdf, nested) for start, piece, nested in zip(self.starts, self.pieces, self.nested)]
        return assemble(base, pieces, self._folio, target)


def book_kinds(first: tuple[PageKind, ...], starts: list[int], pieces: list[LaidPiece]) -> tuple[PageKind, ...]:
    """The kinds of the pages of `first` and then of each piece from its start, blank ones between."""
    kinds = list(first)
    for blanks, _, piece in _placed(len(first), starts, pieces):
        kinds += [BLANK] * len(blanks) + list(piece.kinds)
    return tuple(kinds)


def _placed(before: int, starts: list[int], pieces: list[LaidPiece]) -> Iterator[tuple[range, int, LaidPiece]]:
    """Each piece after the `before` pages: the blank pages before it, its first page, itself."""
    end = before
    for first, piece in zip(starts, pieces):
        yield range(end + 1, first), first, piece
        end = first - 1 + len(piece.kinds)


def _kinds(ctx: CollectionContext, paper: str, press: bool) -> tuple[PageKind, ...]:
    """The kinds of the pages `ctx` takes when laid out; its boxes freed at once."""
    layout = lay_out(ctx, paper, press)
    kinds = _page_kinds(layout)
    del layout
    _collect()
    return kinds


def _page_kinds(layout: PrintLayout) -> tuple[PageKind, ...]:
    return tuple(page_kind(page) for page in layout.document.pages)


def _collect() -> None:
    """Free what a layout left: WeasyPrint's boxes refer to each other, so only the cycle
    collector frees them, and only then can the C library give the memory back."""
    gc.collect()
    return_freed_memory()


def openings(front_count: int, counts: list[int]) -> list[int]:
    """The page each piece after the front matter starts on (a right-hand, odd, page), given
    how many pages the front matter and each piece have; the last is the sources'."""
    starts = []
    page = front_count + 1
    for count in [*counts, 0]:
        page += page % 2 == 0
        starts.append(page)
        page += count
    return starts


def numbers(pieces: list[LaidPiece], starts: list[int]) -> dict[str, int]:
    """The page number of every id of the pieces, and of the sources (which start at `starts[-1]`)."""
    found = {anchor: start + index for piece, start in zip(pieces, starts)
             for anchor, index in piece.anchors.items()}
    return found | {SOURCES: starts[-1]}
