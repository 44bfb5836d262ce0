"""Corrections WeasyPrint 70's PDF/A output needs: one on the PDF as it is written, and
the catalog record attached afterwards with pikepdf (imported then: a PDF alone never loads it)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from encyclopress.print_edition.attachments import Attachment


def list_associated_files_once(document: object, pdf: Any) -> None:
    """Keep each attachment once in the catalog's /AF (a WeasyPrint finisher, on the pydyf
    PDF before it is written: no second pass over the file).

    WeasyPrint 70.0 adds every file specification twice (once from the EmbeddedFiles
    name tree, once from the objects it wrote: Kozea/WeasyPrint#2917, fixed after 70.0).
    """
    files = pdf.catalog.get("AF")
    if files:
        pdf.catalog["AF"] = type(files)(dict.fromkeys(files))


def add_associated_file(path: Path, attachment: Attachment, mime_type: str, moment: datetime) -> None:
    """Embed one more file in a written PDF/A-3 as an associated file (catalog /AF and names)."""
    import pikepdf

    stamp = moment.strftime("D:%Y%m%d%H%M%SZ")  # fixed, so rebuilds stay byte-identical
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.attachments[attachment.filename] = pikepdf.AttachedFileSpec(  # pikepdf lists it in /AF too
            pdf, attachment.data, description=attachment.description, filename=attachment.filename,
            mime_type=mime_type, creation_date=stamp, mod_date=stamp,
            relationship=pikepdf.Name("/" + attachment.relationship),
        )
        pdf.save(path, deterministic_id=True)
