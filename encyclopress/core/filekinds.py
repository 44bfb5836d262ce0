"""The files a publication can have in out/, what each is, and which of them exist.

One table of every output's file name: the writers name their files with it, the catalog
records (MARC 856, Dublin Core formats) and the feeds and catalog page find them with it,
so a new kind of file is added in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from encyclopress.core.i18n import N_


@dataclass(frozen=True, slots=True)
class FileKind:
    suffix: str  # the file is `<slug>.<suffix>`
    media_type: str
    label: str  # English message id, translated where it is shown
    role: str  # "edition" (a copy to read), "record" (catalog data), "cover", "print" (for printing only)


PDF = FileKind("pdf", "application/pdf", N_("PDF"), "edition")
BOOKLET = FileKind("booklet.pdf", "application/pdf", N_("Booklet (PDF)"), "edition")
EPUB = FileKind("epub", "application/epub+zip", N_("EPUB"), "edition")
MARC = FileKind("mrc", "application/marc", N_("MARC 21"), "record")
MARCXML = FileKind("marcxml", "application/marcxml+xml", N_("MARCXML"), "record")
DUBLIN_CORE = FileKind("dc.xml", "application/xml", N_("Dublin Core"), "record")
COVER = FileKind("cover.png", "image/png", N_("Cover"), "cover")
# Handouts and the print-shop file are for printing, not listed in records or feeds.
TWO_UP = FileKind("2up.pdf", "application/pdf", N_("PDF"), "print")
PRESS = FileKind("press.pdf", "application/pdf", N_("PDF"), "print")

KINDS = (PDF, BOOKLET, EPUB, MARC, MARCXML, DUBLIN_CORE, COVER, TWO_UP, PRESS)


@dataclass(frozen=True, slots=True)
class PublishedFile:
    kind: FileKind
    name: str  # relative to out/
    size: int  # bytes


def files_of(name_of: Callable[[FileKind], str], out_dir: Path, role: str,
             staged: Mapping[Path, Path] | None = None) -> list[PublishedFile]:
    """The `role` files named `name_of(kind)`, in table order: in out/ already, or staged (final → temporary)."""
    found = []
    for kind in KINDS:
        if kind.role != role:
            continue
        final = out_dir / name_of(kind)
        path = (staged or {}).get(final, final)
        if path.is_file():
            found.append(PublishedFile(kind, final.name, path.stat().st_size))
    return found
