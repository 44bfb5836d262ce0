"""Handouts: the A5 print edition two pages to a landscape sheet.

`<slug>.booklet.pdf` is in saddle-stitch order (print double-sided, flip on the short
edge, fold); `<slug>.2up.pdf` (--handout 2up) keeps reading order for single sheets.
"""

from __future__ import annotations

from collections.abc import Callable

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.paper import HANDOUT_PAGE, handout_sheet
from encyclopress.print_edition.imposition import Side, impose, in_order, saddle_stitch
from encyclopress.print_edition.pdf import layout, reported
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.output import Stage


def write_booklet(ctx: RenderContext, stage: Stage) -> list[Diagnostic]:
    return _write(ctx, stage, "booklet.pdf", saddle_stitch)


def write_2up(ctx: RenderContext, stage: Stage) -> list[Diagnostic]:
    return _write(ctx, stage, "2up.pdf", in_order)


def _write(ctx: RenderContext, stage: Stage, suffix: str, order: Callable[[int], list[Side]]) -> list[Diagnostic]:
    pages = layout(ctx, HANDOUT_PAGE)
    source = pages.write()
    impose(source, order(len(pages.document.pages)), handout_sheet(ctx.publication.paper),
           stage.path(ctx.output_name(suffix)))
    return reported(ctx, pages)
