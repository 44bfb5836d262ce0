"""Corrections WeasyPrint 70's PDF/A output needs, made on the written file with pikepdf."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pikepdf

from .attachments import Attachment


def list_associated_files_once(path: Path) -> None:
    """Keep each attachment once in the catalog's /AF.

    WeasyPrint 70.0 adds every file specification twice (once from the EmbeddedFiles
    name tree, once from the objects it wrote: Kozea/WeasyPrint#2917, fixed after 70.0).
    """
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        files = pdf.Root.get("/AF")
        if files is None:
            return
        unique = list({spec.objgen: spec for spec in files}.values())
        if len(unique) == len(files):
            return
        pdf.Root.AF = pikepdf.Array(unique)
        pdf.save(path, deterministic_id=True)


def add_associated_file(path: Path, attachment: Attachment, mime_type: str, moment: datetime) -> None:
    """Embed one more file in a written PDF/A-3 as an associated file (catalog /AF and names)."""
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
