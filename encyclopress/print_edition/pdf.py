"""Print edition: the article through templates/print.html.j2 and WeasyPrint.

One code path lays out every print variant: the paper (styles/paper-<name>.css) and
press marks (styles/press.css) are stylesheets the template links. `print_layout(ctx)`
is the default PDF's layout; handouts and the press file ask `layout()` for theirs.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.engine import hyphenation
from encyclopress.engine.fontconfig import font_config
from encyclopress.engine.pdfa import list_associated_files_once
from encyclopress.engine.weasy import weasyprint
from encyclopress.print_edition.attachments import attachments
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.output import Stage
from encyclopress.rendering.templating import render

ARCHIVAL_VARIANT = "pdf/a-3a"  # tagged, and allows the article source as an associated file

# WeasyPrint notices about the machine, not the article: the output is the same either way.
_ENVIRONMENT_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


@dataclass(frozen=True, slots=True)
class PrintLayout:
    """The print edition laid out in pages: written as the PDF, read for page numbers."""

    html: str
    document: Any  # weasyprint.Document
    diagnostics: list[Diagnostic]

    def write(self, target: Any = None, **options: Any) -> bytes | None:
        """The pages as a PDF (bytes when no target), with a stable /ID."""
        identifier = hashlib.md5(self.html.encode()).hexdigest().encode()
        return self.document.write_pdf(target, pdf_identifier=identifier, **options)


def print_layout(ctx: RenderContext) -> PrintLayout:
    """The default PDF's layout (the publication's paper), once per context."""
    return layout(ctx, ctx.publication.paper)


def layout(ctx: RenderContext, paper: str, press: bool = False) -> PrintLayout:
    """The print edition on `paper`, with bleed and crop marks if `press`; laid out once."""
    key = f"print-{paper}" + ("-press" if press else "")
    if key not in ctx.cache:
        ctx.cache[key] = _lay_out(ctx, paper, press)
    return ctx.cache[key]  # type: ignore[return-value]


def write_pdf(ctx: RenderContext, stage: Stage) -> list[Diagnostic]:
    """The archival print edition `<slug>.pdf`: PDF/A-3a, its sources attached."""
    Attachment = weasyprint().Attachment
    pages = print_layout(ctx)
    moment = ctx.build.moment  # attachment dates default to "now": builds would differ
    files = [
        Attachment(string=a.data, name=a.filename, description=a.description,
                   relationship=a.relationship, created=moment, modified=moment)
        for a in sorted(attachments(ctx), key=lambda a: a.filename)  # name trees must be sorted
    ]
    path = stage.path(ctx.output_name("pdf"))
    pages.write(path, pdf_variant=ARCHIVAL_VARIANT, attachments=files, finisher=list_associated_files_once)
    return reported(ctx, pages)


def reported(ctx: RenderContext, pages: PrintLayout) -> list[Diagnostic]:
    """The layout's warnings not yet reported for this article (layouts share most)."""
    seen: set[str] = ctx.cache.setdefault("print-reported", set())  # type: ignore[assignment]
    fresh = [d for d in pages.diagnostics if d.message not in seen]
    seen.update(d.message for d in fresh)
    return fresh


def print_html(ctx: RenderContext, paper: str, press: bool = False) -> str:
    return render(ctx.env, "print.html.j2", **ctx.template_vars(), paper=paper, press=press)


def _lay_out(ctx: RenderContext, paper: str, press: bool) -> PrintLayout:
    HTML = weasyprint().HTML
    from encyclopress.engine.fetcher import LocalFetcher

    hyphenation.register()
    html = print_html(ctx, paper, press)
    project = ctx.project
    fetcher = LocalFetcher((project.fonts, project.styles, project.content))
    with _captured_logs() as records:
        source = HTML(string=html, base_url=project.root.as_uri() + "/", url_fetcher=fetcher)
        document = source.render(font_config=font_config())
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
