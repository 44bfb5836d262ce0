"""Print edition: `<slug>.pdf`, the archival PDF/A-3a of the publication's paper, its sources attached."""

from __future__ import annotations

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import PDF
from encyclopress.engine.pdfa import list_associated_files_once
from encyclopress.engine.weasy import weasyprint
from encyclopress.print_edition.attachments import attachments
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.print_edition.variants import ARCHIVAL_VARIANT
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.output import Stage


def write_pdf(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    """The archival print edition `<slug>.pdf`: PDF/A-3a, its sources attached."""
    Attachment = weasyprint().Attachment
    pages = printed.pdf
    moment = ctx.build.moment  # attachment dates default to "now": builds would differ
    files = [
        Attachment(string=a.data, name=a.filename, description=a.description,
                   relationship=a.relationship, created=moment, modified=moment)
        for a in sorted(attachments(ctx), key=lambda a: a.filename)  # name trees must be sorted
    ]
    path = stage.path(ctx.output_name(PDF))
    # Imported here: it loads WeasyPrint's PDF code, which a build without a PDF never needs.
    from encyclopress.engine.tagging import structure_corrections

    with structure_corrections(list_associated_files_once) as finish:
        pages.write(path, pdf_variant=ARCHIVAL_VARIANT, attachments=files, finisher=finish)
    return printed.reported(pages)
