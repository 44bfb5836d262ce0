"""Handouts: the A5 print edition two pages to a landscape sheet.

`<slug>.booklet.pdf` is in saddle-stitch order (print double-sided, flip on the short
edge, fold); `<slug>.2up.pdf` (--handout 2up) keeps reading order for single sheets.
"""

from __future__ import annotations

from collections.abc import Callable

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import BOOKLET, TWO_UP, FileKind
from encyclopress.core.paper import HANDOUT_PAGE, handout_sheet
from encyclopress.print_edition.imposition import Side, impose, in_order, saddle_stitch
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.output import Stage


def write_booklet(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    return _write(ctx, stage, printed, BOOKLET, saddle_stitch)


def write_2up(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    return _write(ctx, stage, printed, TWO_UP, in_order)


def _write(ctx: RenderContext, stage: Stage, printed: PrintEdition, kind: FileKind,
           order: Callable[[int], list[Side]]) -> list[Diagnostic]:
    pages = printed.layout(HANDOUT_PAGE)
    source = pages.write()
    impose(source, order(pages.page_count), handout_sheet(ctx.publication.paper),
           stage.path(ctx.output_name(kind)))
    return printed.reported(pages)
