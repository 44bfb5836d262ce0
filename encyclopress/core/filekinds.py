"""The files a publication can have in out/, what each is, and which of them exist.

One table for the catalog records (MARC 856, Dublin Core formats) and for the feeds and
the catalog page, so a new kind of file is added in one place.
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
    role: str  # "edition" (a copy to read), "record" (catalog data), "cover"


KINDS = (
    FileKind("pdf", "application/pdf", N_("PDF"), "edition"),
    FileKind("booklet.pdf", "application/pdf", N_("Booklet (PDF)"), "edition"),
    FileKind("epub", "application/epub+zip", N_("EPUB"), "edition"),
    FileKind("mrc", "application/marc", N_("MARC 21"), "record"),
    FileKind("marcxml", "application/marcxml+xml", N_("MARCXML"), "record"),
    FileKind("dc.xml", "application/xml", N_("Dublin Core"), "record"),
    FileKind("cover.png", "image/png", N_("Cover"), "cover"),
)


@dataclass(frozen=True, slots=True)
class PublishedFile:
    kind: FileKind
    name: str  # relative to out/
    size: int  # bytes


def files_of(name_of: Callable[[str], str], out_dir: Path, role: str,
             staged: Mapping[Path, Path] | None = None) -> list[PublishedFile]:
    """The `role` files named `name_of(suffix)`, in table order: in out/ already, or staged (final → temporary)."""
    found = []
    for kind in KINDS:
        if kind.role != role:
            continue
        final = out_dir / name_of(kind.suffix)
        path = (staged or {}).get(final, final)
        if path.is_file():
            found.append(PublishedFile(kind, final.name, path.stat().st_size))
    return found
