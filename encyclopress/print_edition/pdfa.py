"""The catalog record attached to a written PDF/A with pikepdf (imported then: a PDF alone
never loads it). The correction WeasyPrint's PDF/A output needs as it is written is engine/pdfa.py's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from encyclopress.print_edition.attachments import Attachment


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
