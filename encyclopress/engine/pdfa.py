"""A correction WeasyPrint 70's PDF/A output needs, applied as the PDF is written.

Internals touched: WeasyPrint's `finisher` hook receives pydyf's PDF object before it is
written, and we edit its catalog's `/AF` array directly. WeasyPrint 70.0 adds every file
specification twice (once from the EmbeddedFiles name tree, once from the objects it
wrote: Kozea/WeasyPrint#2917, fixed after 70.0); drop this on upgrading past it.
"""

from __future__ import annotations

from typing import Any


def list_associated_files_once(document: object, pdf: Any) -> None:
    """Keep each attachment once in the catalog's /AF (a finisher: no second pass over the file)."""
    files = pdf.catalog.get("AF")
    if files:
        pdf.catalog["AF"] = type(files)(dict.fromkeys(files))
