"""Print edition: the article through templates/print.html.j2 and WeasyPrint."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .context import RenderContext
from .diagnostics import Diagnostic
from .output import Stage
from .templating import render


# WeasyPrint notices about the machine, not the article: the output is the same either way.
_ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@lru_cache(maxsize=1)
def _font_config():
    """One FontConfiguration for the whole run: faster, and memory stays flat."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@dataclass(frozen=True, slots=True)
class PrintLayout:
    """The print edition laid out in pages: written as the PDF, read for page numbers."""

    html: str
    document: Any  # weasyprint.Document
    diagnostics: list[Diagnostic]


def print_layout(ctx: RenderContext) -> PrintLayout:
    """Lay out the print edition once per context; later callers get the same pages."""
    if "print" not in ctx.cache:
        ctx.cache["print"] = _lay_out(ctx)
    return ctx.cache["print"]  # type: ignore[return-value]


def write_pdf(ctx: RenderContext, stage: Stage) -> list[Diagnostic]:
    """The print edition as `<slug>.pdf`; WeasyPrint's complaints come back as warnings."""
    layout = print_layout(ctx)
    layout.document.write_pdf(
        stage.path(ctx.output_name("pdf")),
        pdf_identifier=hashlib.md5(layout.html.encode()).hexdigest().encode(),  # stable /ID
    )
    return layout.diagnostics


def _lay_out(ctx: RenderContext) -> PrintLayout:
    from weasyprint import HTML

    from .fetcher import LocalFetcher

    html = render(ctx.env, "print.html.j2", **ctx.template_vars())
    project = ctx.project
    fetcher = LocalFetcher((project.fonts, project.styles, project.content))
    with _captured_logs() as records:
        source = HTML(string=html, base_url=project.root.as_uri() + "/", url_fetcher=fetcher)
        document = source.render(font_config=_font_config())
    diagnostics = [
        Diagnostic(ctx.article.source, None, f"print: {message}", "warning")
        for message in records
        if not message.startswith(_ENVIRONMENT_NOTICES)
    ]
    return PrintLayout(html, document, diagnostics)


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
