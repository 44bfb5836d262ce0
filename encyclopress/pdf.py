"""Print edition: the article through templates/print.html.j2 and WeasyPrint."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .context import RenderContext
from .diagnostics import Diagnostic
from .templating import render


# WeasyPrint notices about the machine, not the article: the output is the same either way.
_ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@lru_cache(maxsize=1)
def _font_config():
    """One FontConfiguration for the whole run: faster, and memory stays flat."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def write_pdf(ctx: RenderContext, target: Path) -> list[Diagnostic]:
    """Render the print edition to `target`; return WeasyPrint's complaints as warnings."""
    from weasyprint import HTML

    from .fetcher import LocalFetcher

    html = render(ctx.env, "print.html.j2", **ctx.template_vars())
    project = ctx.project
    fetcher = LocalFetcher((project.fonts, project.styles, project.content))
    with _captured_logs() as records:
        document = HTML(string=html, base_url=project.root.as_uri() + "/", url_fetcher=fetcher)
        document.write_pdf(
            target,
            font_config=_font_config(),
            pdf_identifier=hashlib.md5(html.encode()).hexdigest().encode(),  # stable /ID
        )
    source = ctx.article.source
    return [
        Diagnostic(source, None, f"print: {message}", "warning")
        for message in records
        if not message.startswith(_ENVIRONMENT_NOTICES)
    ]


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
