"""A collection in print: each piece laid out on its own, in parallel, then one book.

WeasyPrint holds every page's boxes until it writes, so a long book laid out as one
document takes the memory of all its pages, in one process. A collection is laid out
instead as pieces (rendering/collection_context.py `pieces()`): each article (on worker
processes when there are some: `mapper`) as a short document of its own, written to PDF
at once. As in most printed books, the front matter (title page, contents) is numbered on
its own, in roman numerals, and the body from 1: no article's number depends on how long
the contents are. So, once the articles are laid out:

1. numbering: every article opens on a right-hand page; the contents print those numbers
   (an article laid out by an earlier build from the same print HTML is taken as it was:
   piece_cache.py);
2. a worker lays out the sources and licences, then a folio document
   (templates/folio.html.j2), a page for each of the body's, numbering them;
3. `write` lays out the front matter with those numbers and writes it, in a child process
   of its own (its memory goes with it), and assembly.py merges the PDFs into one book,
   one structure tree and outline, its page labels roman and then arabic.

Memory: builder/batch.py forks the workers for each map and ends them when its results are
read, so at most two layouts run at once (two articles, or the front matter beside the
building process), and the book is assembled with no worker left.

A piece opening on a right-hand page is laid out as it would be in the whole book (a
document's first page is a right-hand one), so only the numbers need the whole book.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from itertools import count
from typing import Any

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.numerals import lower_roman
from encyclopress.engine.fork import forked
from encyclopress.engine.memory import return_freed_memory
from encyclopress.engine.page_boxes import page_kind
from encyclopress.print_edition.layout import (
    Mapper,
    PrintLayout,
    lay_out,
    print_html,
    rendered,
)
from encyclopress.print_edition.piece_cache import Slot, slots
from encyclopress.print_edition.print_pages import (
    Candidate,
    PageStart,
    page_candidates,
    starts_of,
)
from encyclopress.print_edition.variants import ARCHIVAL_VARIANT, PRESS_VARIANT
from encyclopress.rendering.collection_context import CollectionContext
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
    # where its layout is kept between builds (piece_cache.py); None for a piece with page numbers
    slot: Slot | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class EndJob(PieceJob):
    """The sources piece (`ctx`), then the folio of the body whose pages before it are of `before`."""

    before: tuple[PageKind, ...]


def lay_out_piece(job: PieceJob) -> LaidPiece:
    """Lay out one piece and write it, unless an earlier build did so from the same print HTML
    (piece_cache.py); run in a worker process."""
    if job.slot is None:
        return _laid_anew(job)
    key = job.slot.key(print_html(job.ctx, job.paper, job.press))
    piece = job.slot.kept(key)
    if piece is None:
        piece = _laid_anew(job)
        job.slot.keep(key, piece)
    return piece


def _laid_anew(job: PieceJob) -> LaidPiece:
    layout = lay_out(job.ctx, job.paper, job.press)
    piece = laid(layout, written(layout, job.press))
    del layout
    return_freed_memory()  # a worker lays out piece after piece: its memory would creep up
    return piece


def lay_out_end(job: EndJob) -> tuple[LaidPiece, bytes]:
    """The sources laid out and written, then the folio: the body's last piece gives its length."""
    sources = lay_out_piece(job)
    return sources, folio_pdf(job, book_kinds(job.before, [job.ctx.pages[SOURCES]], [sources]))


def folio_pdf(job: PieceJob, kinds: tuple[PageKind, ...]) -> bytes:
    """The body's page numbers: a page for each of its pages, of `kinds` (styles/folio.css numbers them)."""
    ctx = job.ctx
    html = render(ctx.env, "folio.html.j2", **ctx.template_vars(), paper=job.paper, press=job.press,
                  page_kinds=kinds)
    pdf = rendered(ctx, html).write()
    _collect()  # a page for each of the body's: the worker idles holding them otherwise
    return pdf


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
    return LaidPiece(pdf, tuple(page_kind(page) for page in pages), anchors,
                     page_candidates(layout.document), layout.diagnostics)


class BookLayout:
    """A collection's print edition on one paper: its pieces laid out and numbered, and written
    as one book when asked (`write`, as a PrintLayout is)."""

    def __init__(self, ctx: CollectionContext, paper: str, press: bool, mapper: Mapper = map) -> None:
        front, *articles, sources = ctx.pieces()
        self.paper, self.press = paper, press
        # a part's articles but the first nest their bookmarks under the part's, in another piece
        self.nested = [ctx.collection.has_parts and not article.piece.part_number for article in articles] + [False]
        jobs = [PieceJob(article, paper, press, slot=slot)
                for article, slot in zip(articles, slots(ctx, paper, press, len(articles)))]
        laid_articles = list(mapper(lay_out_piece, jobs))
        self.starts = openings([len(piece.kinds) for piece in laid_articles])
        pages = numbers(laid_articles, self.starts)
        job = EndJob(replace(sources, pages=pages), paper, press, book_kinds((), self.starts, laid_articles))
        [(laid_sources, self.folio)] = mapper(lay_out_end, [job])  # read to the end: its worker ends
        self.pieces = [*laid_articles, laid_sources]
        self.front_matter = replace(front, pages=pages)
        self._front: LaidPiece | None = None  # laid out when written (or asked for first)

    @property
    def front(self) -> LaidPiece:
        if self._front is None:
            self._front = next(forked(self._laid_front, [None]))
        return self._front

    def _laid_front(self, options: dict[str, Any] | None) -> LaidPiece:
        """The front matter laid out, and written with `options` unless None. Run in a child
        process of its own (engine/fork.py): the largest piece (a long book's contents) takes
        more memory than any other, and this process, which assembles the book, gets none of
        it back from the C library after it is freed."""
        layout = lay_out(self.front_matter, self.paper, self.press)
        return laid(layout, b"" if options is None else layout.write(**options))

    @property
    def front_pages(self) -> int:
        """The front matter's pages, and a blank one if they are odd: the body opens on a right-hand page."""
        return len(self.front.kinds) + len(self.front.kinds) % 2

    @property
    def page_count(self) -> int:
        return self.front_pages + self.starts[-1] - 1 + len(self.pieces[-1].kinds)

    @property
    def pagination(self) -> tuple[int, int]:
        """How many pages the front matter has (numbered in roman), and the body."""
        return self.front_pages, self.page_count - self.front_pages

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for piece in (self.front, *self.pieces) for d in piece.diagnostics]

    def page_starts(self, ids: Collection[str]) -> tuple[list[PageStart], list[str]]:
        """Where each page of the book starts inside one of `ids` (print_pages.py), and the pages
        with no such text; by their labels, roman in the front matter."""
        starts, missing = starts_of(self.front.candidates, ids, map(lower_roman, count(1)))
        for blanks, first, piece in _placed(0, self.starts, self.pieces):
            found, none = starts_of(piece.candidates, ids, map(str, count(first)))
            starts += found
            missing += [*map(str, blanks), *none]
        return starts, missing

    def write(self, target: Any = None, **options: Any) -> bytes | None:
        """The book as one PDF (bytes when no target). `options` go to the front matter's PDF,
        which the book is built on (its metadata, attachments, output intent)."""
        from encyclopress.print_edition.assembly import assemble

        self._front = next(forked(self._laid_front, [options]))
        pieces = [(self.front_pages + start, piece.pdf, nested)
                  for start, piece, nested in zip(self.starts, self.pieces, self.nested)]
        return assemble(self.front.pdf, self.front_pages, pieces, self.folio, target)


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


def _collect() -> None:
    """Free what a layout left: WeasyPrint's boxes refer to each other, so only the cycle
    collector frees them, and only then can the C library give the memory back."""
    gc.collect()
    return_freed_memory()


def openings(counts: list[int]) -> list[int]:
    """The body page each piece starts on (a right-hand, odd, page; the body's first is 1),
    given how many pages each has; the last is the sources'."""
    starts = []
    page = 1
    for length in [*counts, 0]:
        page += page % 2 == 0
        starts.append(page)
        page += length
    return starts


def numbers(pieces: list[LaidPiece], starts: list[int]) -> dict[str, int]:
    """The page number of every id of the pieces, and of the sources (which start at `starts[-1]`)."""
    found = {anchor: start + index for piece, start in zip(pieces, starts)
             for anchor, index in piece.anchors.items()}
    return found | {SOURCES: starts[-1]}
