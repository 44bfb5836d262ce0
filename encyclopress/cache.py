"""Skip articles whose outputs are already up to date, and never serve a stale one.

An article's key is a content hash of everything its outputs depend on: its text and
sidecar, the tool (code, catalogs, templates, styles, fonts) and the build options.
The cache records each output's size and modification time when it was written; if an
output has been removed or touched since, the article is rebuilt. It imports nothing
heavy, so a no-op rebuild of a large batch starts and ends in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_NAME = ".encyclopress-cache.json"
PACKAGE = Path(__file__).resolve().parent


def tool_digest(root: Path) -> str:
    """Hash of every file the rendering depends on besides the article itself."""
    digest = hashlib.sha256()
    folders = [PACKAGE, root / "templates", root / "styles", root / "fonts"]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder.parent)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def article_key(source: Path, tool: str, options: str) -> str | None:
    """The article's key, or None when its files cannot be read (the build will say why)."""
    digest = hashlib.sha256(f"{tool}\0{options}\0".encode())
    try:
        digest.update(source.read_bytes())
        sidecar = source.with_suffix(".toml")
        if sidecar.exists():
            digest.update(b"\0sidecar\0" + sidecar.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


class BuildCache:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / CACHE_NAME
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def is_fresh(self, source: Path, key: str | None) -> bool:
        entry = self.entries.get(str(source.resolve()))
        if key is None or not entry or entry["key"] != key:
            return False
        return all(_stamp(Path(name)) == stamp for name, stamp in entry["outputs"].items())

    def record(self, source: Path, key: str | None, outputs: list[Path]) -> None:
        if key is not None:
            stamps = {str(p.resolve()): _stamp(p) for p in outputs}
            self.entries[str(source.resolve())] = {"key": key, "outputs": stamps}

    def forget(self, source: Path) -> None:
        self.entries.pop(str(source.resolve()), None)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache.", suffix=".part", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self.entries, f, indent=0, sort_keys=True)
        os.replace(tmp, self.path)


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]
