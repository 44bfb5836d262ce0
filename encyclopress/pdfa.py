"""Corrections WeasyPrint 70's PDF/A output needs, made on the written file with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pikepdf


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
