"""The output formats: what each writes, what it needs, and so the order they run in.

A writer is `(ctx, stage) -> warnings`, or `(ctx, stage, printed) -> warnings` for a
format that reads the print layout (`printed`, the edition's print_edition.layout.PrintEdition,
shared by every format of that edition). It puts its files in the stage with
`stage.path(ctx.output_name(kind))`, the kinds being core/filekinds.py's. Writers are
imported when first used, so a command line that has nothing to build (everything
cached) never loads WeasyPrint, pikepdf or pymarc.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from encyclopress.core.filekinds import (
    BOOKLET,
    COVER,
    DUBLIN_CORE,
    EPUB,
    MARC,
    MARCXML,
    PDF,
    PRESS,
    TWO_UP,
    FileKind,
)

if TYPE_CHECKING:
    from encyclopress.core.diagnostics import Diagnostic
    from encyclopress.print_edition.layout import PrintEdition
    from encyclopress.rendering.context import RenderContext
    from encyclopress.rendering.output import Stage

Writer = Callable[..., list["Diagnostic"]]


@dataclass(frozen=True, slots=True)
class Format:
    writer: Union[str, Writer]  # "module:function" under encyclopress (or a function)
    kinds: tuple[FileKind, ...] = ()  # the files it writes
    printed: bool = False  # reads the print layout: its writer takes the PrintEdition
    reads: str = ""  # the role of the files it reads from the stage: it runs after their formats
    on_request: bool = False  # built only when asked for (--handout 2up, --press)
    collections: bool = False  # also written for a collection (builder/collection.py)


WRITERS: dict[str, Format] = {  # format name (--formats) → format, in the default order
    "pdf": Format("print_edition.pdf:write_pdf", (PDF,), printed=True, collections=True),
    "booklet": Format("print_edition.handout:write_booklet", (BOOKLET,), printed=True, collections=True),
    "epub": Format("ebook.epub:write_epub", (EPUB,), printed=True, collections=True),  # the page list
    "cover": Format("ebook.cover:write_cover", (COVER,), collections=True),
    "2up": Format("print_edition.handout:write_2up", (TWO_UP,), printed=True, on_request=True, collections=True),
    "press": Format("print_edition.press:write_press", (PRESS,), printed=True, on_request=True, collections=True),
    # links the editions and attaches its record to the PDF, so it needs them staged first
    "catalog": Format("catalog.records:write_catalog", (MARC, MARCXML, DUBLIN_CORE), printed=True, collections=True,
                      reads="edition"),
}
DEFAULT_FORMATS = tuple(name for name, fmt in WRITERS.items() if not fmt.on_request)


def run_order(requested: Collection[str]) -> tuple[str, ...]:
    """`requested` in an order where each format runs after those whose files it reads."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for before in _read_by(name):
                if before in requested:
                    visit(before)
            order.append(name)

    for name in requested:
        visit(name)
    return tuple(order)


def _read_by(name: str) -> list[str]:
    """The formats whose files format `name` reads."""
    role = WRITERS[name].reads
    return [other for other, fmt in WRITERS.items() if role and any(k.role == role for k in fmt.kinds)]


def writes(formats: Collection[str], kind: FileKind) -> bool:
    """Whether one of `formats` writes files of `kind`."""
    return any(kind in WRITERS[fmt].kinds for fmt in formats)


def write(fmt: str, ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    """Run format `fmt`'s writer on one edition; `printed` goes only to formats that read it."""
    function = writer(fmt)
    return function(ctx, stage, printed) if WRITERS[fmt].printed else function(ctx, stage)


def writer(fmt: str) -> Writer:
    target = WRITERS[fmt].writer
    if callable(target):
        return target
    module, function = target.split(":")
    return getattr(importlib.import_module(f"encyclopress.{module}"), function)
