"""The output formats, in the order they are made, and the writer that makes each.

A writer is `(ctx, stage) -> warnings`: it puts its files in the stage with
`stage.path(ctx.output_name(...))`. Writers are imported when first used, so a
command line that has nothing to build (everything cached) never loads WeasyPrint,
pikepdf or pymarc. The catalog comes last, so its records link the editions staged
before it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from encyclopress.core.diagnostics import Diagnostic
    from encyclopress.rendering.context import RenderContext
    from encyclopress.rendering.output import Stage

Writer = Callable[["RenderContext", "Stage"], list["Diagnostic"]]

WRITERS: dict[str, Union[str, Writer]] = {  # format → "module:function" (or a function)
    "pdf": "print_edition.pdf:write_pdf",
    "booklet": "print_edition.handout:write_booklet",
    "epub": "ebook.epub:write_epub",
    "cover": "ebook.cover:write_cover",
    "2up": "print_edition.handout:write_2up",
    "press": "print_edition.press:write_press",
    "catalog": "catalog.records:write_catalog",
}
ON_REQUEST = frozenset({"2up", "press"})  # built only when asked for (--handout 2up, --press)
DEFAULT_FORMATS = tuple(fmt for fmt in WRITERS if fmt not in ON_REQUEST)


def writer(fmt: str) -> Writer:
    target = WRITERS[fmt]
    if callable(target):
        return target
    module, function = target.split(":")
    return getattr(importlib.import_module(f"encyclopress.{module}"), function)
