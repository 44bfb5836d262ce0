"""A collection's articles as laid out by earlier builds, kept in the user's cache folder: a
rebuild lays out again only the articles whose print HTML changed. (The front matter, the
sources and the folio carry the page numbers: they are laid out every time.)

A piece's layout depends on nothing of the others' (book.py: the numbers are the folio's),
so one article changed, whether or not its page count did, is the only article laid out
again. Each piece of a collection's edition, on one paper, with or without press marks,
has one file (`pieces/<book>/<n>.pickle`, `<book>` a hash of the collection file's path,
the edition, paper and press), overwritten when it is laid out again: the folder holds one
book's pieces, never more; the pieces of articles the book no longer has, and the folders
of books not built for 30 days (a deleted or renamed collection's), are removed when a book
is laid out. A piece is taken when the key stored with it, a hash of its
print HTML, paper and press, the tool's files and WeasyPrint's version, is its own; a file
that cannot be read only costs the layout. (The folder is the user's own, trusted like
their Python bytecode caches.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from encyclopress.core.cachedir import cache_home, tool_digest, write_whole
from encyclopress.core.filekinds import PDF
from encyclopress.rendering.collection_context import CollectionContext

UNUSED = 30 * 24 * 3600  # seconds after which a book's folder no build used is removed


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one piece is kept, and what its key holds besides its HTML (the same for the
    whole book: hashed once, where the book is laid out, not by each piece's worker)."""

    path: Path
    tool: str  # the tool's files, WeasyPrint's version, paper and press

    def key(self, html: str) -> str:
        return hashlib.sha256(f"{self.tool}\0{html}".encode()).hexdigest()

    def kept(self, key: str) -> Any | None:
        """What was stored here under `key`; None if it was another key's, or unreadable."""
        try:
            stored_key, piece = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
            return None
        return piece if stored_key == key else None

    def keep(self, key: str, piece: Any) -> None:
        try:
            write_whole(self.path, pickle.dumps((key, piece), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # an unwritable cache folder costs the layout next time


def slots(ctx: CollectionContext, paper: str, press: bool, count: int) -> list[Slot]:
    """A slot for each of the `count` articles of this edition of the collection, on `paper`."""
    from encyclopress.engine.weasy import weasyprint

    book = f"{ctx.source.resolve()}\0{ctx.output_name(PDF)}\0{paper}\0{press}"
    folder = cache_home() / "pieces" / hashlib.sha256(book.encode()).hexdigest()[:24]
    tool = f"{tool_digest(ctx.project.root)}\0{weasyprint().__version__}\0{paper}\0{press}"
    tidy(folder, count)
    return [Slot(folder / f"{n}.pickle", tool) for n in range(1, count + 1)]


def tidy(folder: Path, count: int) -> None:
    """Mark the book's folder used now; remove its pieces past `count` (articles it no longer
    has) and the other books' folders unused for UNUSED seconds. The cache stays the size of
    the books built lately; a folder that cannot be tidied is left as it is."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)  # taking pieces writes nothing: the folder's time says it was used
        for path in folder.glob("*.pickle"):
            if not path.stem.isdigit() or int(path.stem) > count:
                path.unlink(missing_ok=True)
        unused_since = time.time() - UNUSED
        for other in folder.parent.iterdir():
            if other.is_dir() and other.stat().st_mtime < unused_since:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        pass
