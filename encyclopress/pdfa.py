"""Corrections WeasyPrint 70's PDF/A output needs: one on the PDF as it is written, and
the catalog record attached afterwards with pikepdf (imported then: a PDF alone never loads it)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from .attachments import Attachment


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
        spec = pikepdf.AttachedFileSpec(
            pdf, attachment.data, description=attachment.description, filename=attachment.filename,
            mime_type=mime_type, creation_date=stamp, mod_date=stamp,
        )
        pdf.attachments[attachment.filename] = spec
        file_spec = pdf.attachments[attachment.filename].obj
        file_spec.AFRelationship = pikepdf.Name("/" + attachment.relationship)
        listed = pdf.Root.get("/AF", pikepdf.Array())
        if all(spec.objgen != file_spec.objgen for spec in listed):  # pikepdf may have listed it
            pdf.Root.AF = pikepdf.Array([*listed, file_spec])
        pdf.save(path, deterministic_id=True)
