"""A collection in print: each piece laid out on its own, in parallel, then one book.

WeasyPrint holds every page's boxes until it writes, so a long book laid out as one
document takes the memory of all its pages, in one process. A collection is laid out
instead as pieces (rendering/collection_context.py `pieces()`): each article (in the
batch's worker processes when there are some: `mapper`) as a short document of its own,
written to PDF at once. Then, in the building process:

1. numbering: every article opens on a right-hand page after the front matter, whose
   contents print those numbers; it is laid out again if its page count moves them;
2. the sources and licences are laid out with the same numbers;
3. a folio document (templates/folio.html.j2), a page for each of the book's, numbers them;
4. assembly.py merges the PDFs into one book, one structure tree and outline.

A piece opening on a right-hand page is laid out as it would be in the whole book (a
document's first page is a right-hand one), so only the numbers need the whole book.
"""

from __future__ import annotations

from collections.abc import Collection
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
from encyclopress.rendering.collection_context import CollectionContext
from encyclopress.rendering.templating import render

PageKind = tuple[str, bool]  # the page's CSS name, and whether a break left it blank
BLANK: PageKind = ("", True)  # a page the assembly adds before a right-hand opening


@dataclass(frozen=True, slots=True)
class LaidPiece:
    """One piece laid out and written: what a worker sends back."""

    pdf: bytes
    kinds: tuple[PageKind, ...]  # each page's
    anchors: dict[str, int]  # id → the page it is on (0-based)
    candidates: list[list[Candidate]]  # where each page starts (print_pages.py)
    diagnostics: list[Diagnostic]


def lay_out_piece(job: tuple[CollectionContext, str, bool]) -> LaidPiece:
    """Lay out and write one piece `(ctx, paper, press)`; run in a worker process."""
    ctx, paper, press = job
    layout = lay_out(ctx, paper, press)
    piece = _laid(layout, written(layout, press))
    del layout
    return_freed_memory()  # a worker lays out piece after piece: its memory would creep up
    return piece


def written(layout: PrintLayout, press: bool) -> bytes:
    """The layout as the PDF its pages go into: tagged PDF/A-3a, or PDF/X-4 for the press."""
    if press:
        return layout.write(pdf_variant=PRESS_VARIANT)
    from encyclopress.engine.pdfa import list_associated_files_once
    from encyclopress.engine.tagging import structure_corrections

    with structure_corrections(list_associated_files_once) as finish:
        return layout.write(pdf_variant=ARCHIVAL_VARIANT, finisher=finish)


def _laid(layout: PrintLayout, pdf: bytes) -> LaidPiece:
    pages = layout.document.pages
    anchors = {anchor: number for number, page in reversed(list(enumerate(pages))) for anchor in page.anchors}
    return LaidPiece(pdf, tuple(page_kind(page) for page in pages), anchors,
                     page_candidates(layout.document), layout.diagnostics)


class BookLayout:
    """A collection's print edition on one paper: its pieces laid out, numbered, and written
    as one book when asked (`write`, as a PrintLayout is)."""

    def __init__(self, ctx: CollectionContext, paper: str, press: bool, mapper: Mapper = map) -> None:
        front, *articles, sources = ctx.pieces()
        self.ctx, self.paper, self.press = ctx, paper, press
        # a part's articles but the first nest their bookmarks under the part's, in another piece
        self.nested = [ctx.collection.has_parts and not article.piece.part_number for article in articles] + [False]
        laid = list(mapper(lay_out_piece, [(article, paper, press) for article in articles]))
        self.front, self.starts, pages = self._front_matter(front, laid)
        self.pieces = [*laid, lay_out_piece((replace(sources, pages=pages), paper, press))]

    def _front_matter(self, front: CollectionContext,
                      articles: list[LaidPiece]) -> tuple[PrintLayout, list[int], dict[str, int]]:
        """The front matter laid out with the numbers its own length gives (again if it moves
        them); where each piece after it starts, and the page of every id."""
        count = 1
        while True:
            starts = openings(count, [len(piece.kinds) for piece in articles])
            pages = numbers(articles, starts)
            layout = lay_out(replace(front, pages=pages), self.paper, self.press)
            if openings(layout.page_count, [])[0] == starts[0]:
                return layout, starts, pages
            count = layout.page_count

    @property
    def page_count(self) -> int:
        return self.starts[-1] - 1 + len(self.pieces[-1].kinds)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.front.diagnostics, *(d for piece in self.pieces for d in piece.diagnostics)]

    def page_kinds(self) -> list[PageKind]:
        """Every page of the book's: the front matter's, then each piece's after blank ones."""
        kinds = [page_kind(page) for page in self.front.document.pages]
        for start, piece in zip(self.starts, self.pieces):
            kinds += [BLANK] * (start - 1 - len(kinds)) + list(piece.kinds)
        return kinds

    def page_starts(self, ids: Collection[str]) -> tuple[list[PageStart], list[int]]:
        """Where each page of the book starts inside one of `ids` (print_pages.py), and the pages
        with no such text."""
        starts, missing = starts_of(page_candidates(self.front.document), ids)
        end = self.front.page_count
        for first, piece in zip(self.starts, self.pieces):
            missing += range(end + 1, first)
            found, none = starts_of(piece.candidates, ids, first)
            starts += found
            missing += none
            end = first - 1 + len(piece.kinds)
        return starts, missing

    def write(self, target: Any = None, **options: Any) -> bytes | None:
        """The book as one PDF (bytes when no target). `options` go to the front matter's PDF,
        which the book is built on (its metadata, attachments, output intent)."""
        from encyclopress.print_edition.assembly import assemble

        pieces = [(start, piece.pdf, nested) for start, piece, nested in zip(self.starts, self.pieces, self.nested)]
        return assemble(self.front.write(**options), pieces, self._folio(), target)

    def _folio(self) -> bytes:
        """The page numbers: a page for each of the book's (styles/folio.css numbers them)."""
        ctx = self.ctx
        html = render(ctx.env, "folio.html.j2", **ctx.template_vars(), paper=self.paper, press=self.press,
                      page_kinds=self.page_kinds())
        return rendered(ctx, html).write()


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
    return found | {"sources": starts[-1]}  # the sources' section (templates/collection.html.j2)
