"""The user's cache folder, shared by the build cache, compiled templates, hyphenation and a
collection's laid-out pieces; and the digest of the tool's own files, which their keys hold."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # encyclopress/


def cache_home() -> Path:
    """`$XDG_CACHE_HOME/encyclopress/` (default `~/.cache/encyclopress/`); deleting it is always safe."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "encyclopress"


def write_whole(path: Path, data: bytes) -> None:
    """`data` into `path` whole (written beside it, renamed over it): a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cache.", suffix=".part", dir=path.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def tool_digest(root: Path) -> str:
    """Hash of every file the rendering depends on besides the article itself.

    Reading them all (the fonts are megabytes) takes a third of a second, on every run: the
    digest is kept in the cache folder beside the files' names, sizes and modification
    times, and the files are read again only when one of those has changed."""
    files = _tool_files(root)
    listing = json.dumps([[name, stat.st_size, stat.st_mtime_ns] for name, _, stat in files])
    kept = cache_home() / "tool-digest.json"
    try:
        known = json.loads(kept.read_text(encoding="utf-8"))
        if known["listing"] == listing:
            return known["digest"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or damaged: computed again below
    digest = hashlib.sha256()
    for name, path, _ in files:
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    try:
        write_whole(kept, json.dumps({"listing": listing, "digest": digest.hexdigest()}).encode())
    except OSError:
        pass  # an unwritable cache folder costs the reading, every run
    return digest.hexdigest()


def _tool_files(root: Path) -> list[tuple[str, Path, os.stat_result]]:
    """(name relative to the folders' parent, path, stat) of the tool's files, in order."""
    found = []
    for folder in (PACKAGE, root / "templates", root / "styles", root / "fonts"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            found.append((str(path.relative_to(folder.parent)), path, path.stat()))
    return found
