"""Which file of out/ a request names, what it is, and which part of it to send.

Every request path is checked before the file system is touched: a `..` segment, a
backslash or a NUL is refused (400), and the resolved file must lie inside out/ (a symbolic
link out of it is not followed: 404). Hidden files (the build's `.part` files) are never served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

from encyclopress.core.filekinds import KINDS
from encyclopress.shelf.pages import ACQUISITION, FIRST, FOLDER, NAVIGATION, OPDS2, ROOT

SUFFIXES = sorted(KINDS, key=lambda kind: -len(kind.suffix))  # `booklet.pdf` before `pdf`
TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "json": "application/json",
    "xml": "application/xml",
    "wasm": "application/wasm",
    "png": "image/png",
    "txt": "text/plain; charset=utf-8",
}
RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class BadRequest(Exception):
    """The request names no file it could: answered 400."""


def resolve(root: Path, raw_path: str) -> Path | None:
    """The file of `root` (resolved) that the URL path `raw_path` names; None when there is
    none (404). Raises BadRequest for a path that tries to leave `root` or is malformed."""
    if not raw_path.startswith("/") or "\\" in raw_path:
        raise BadRequest("not a path in this catalogue")
    path = unquote(raw_path, errors="strict")
    if "\0" in path or "\\" in path or any(part in ("..", ".") for part in path.split("/")):
        raise BadRequest("a path may not contain '..', '.', backslashes or NUL")
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    target = (root.joinpath(*parts) if parts else root / FIRST["html"]).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def media_type(root: Path, path: Path) -> str:
    """The MIME type a file of out/ is served with: the feeds by their kind, the publications'
    files from the one table of them, the rest by extension; Pagefind's index is binary."""
    name = path.relative_to(root).as_posix()
    if name in (f"{ROOT}.xml",):
        return NAVIGATION
    if name == FIRST["xml"] or (name.startswith(f"{FOLDER}/") and name.endswith(".xml")):
        return ACQUISITION
    if name == FIRST["json"] or (name.startswith(f"{FOLDER}/") and name.endswith(".json")):
        return OPDS2
    for kind in SUFFIXES:
        if path.name.endswith(f".{kind.suffix}"):
            return kind.media_type
    return TYPES.get(path.suffix.lstrip("."), "application/octet-stream")


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str
    modified: float  # seconds since the epoch

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)

    def unchanged(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Does the client's copy still match (a conditional GET answered 304)?"""
        if if_none_match is not None:
            return self.etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
        if if_modified_since:
            try:
                return int(self.modified) <= parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
        return False


def validators(stat_size: int, mtime_ns: int, variant: str = "") -> Validators:
    """A strong ETag from the file's size and time (and what the server adds to it)."""
    return Validators(f'"{stat_size:x}-{mtime_ns:x}{variant}"', mtime_ns / 1e9)


def byte_range(header: str | None, size: int) -> tuple[int, int] | None | bool:
    """The single range `header` asks for, as (first, last) inclusive; None for the whole
    file (no header, or one this server does not do: several ranges, other units);
    False when it cannot be satisfied (416)."""
    match = RANGE.fullmatch(header.strip()) if header else None
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        if int(last) == 0:
            return False
        return max(0, size - int(last)), size - 1
    if last and int(last) < int(first):  # not a range: ignored, as RFC 9110 says
        return None
    if int(first) >= size:
        return False
    return int(first), min(size - 1, int(last)) if last else size - 1
