"""Skip articles whose outputs are already up to date, and never serve a stale one.

The cache of an output folder is a JSON file in the user's cache folder
(`$XDG_CACHE_HOME/encyclopress/`). An article's key is a content hash of everything its outputs depend on: its text and
sidecar, the tool (code, catalogs, templates, styles, fonts) and the build options.
The cache records each output's size and modification time when it was written; if an
output has been removed or touched since, the article is rebuilt. It imports nothing
heavy, so a no-op rebuild of a large batch starts and ends in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from encyclopress.core.cachedir import cache_home
from encyclopress.reading.collection import is_collection

PACKAGE = Path(__file__).resolve().parent.parent


def cache_file(out_dir: Path) -> Path:
    """Where the cache of `out_dir` lives: the user's cache folder, so out/ holds only outputs."""
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:24]
    return cache_home() / f"{name}.json"


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
        _write_json(kept, {"listing": listing, "digest": digest.hexdigest()})
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


def article_key(source: Path, tool: str, options: str, with_times: bool = False) -> str | None:
    """The key of an article (its text and sidecar) or of a collection (its file and the
    articles it may name), or None when a file cannot be read (the build will say why).

    `with_times`: the build date comes from the files' modification times, so they count.
    """
    digest = hashlib.sha256(f"{tool}\0{options}\0".encode())
    try:
        for path in _inputs(source):
            if path.exists() or path == source:
                digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
                if with_times:
                    digest.update(str(path.stat().st_mtime_ns).encode())
    except OSError:
        return None
    return digest.hexdigest()


def _inputs(source: Path) -> list[Path]:
    """The files a build of `source` reads. For a collection, every article any quoted string
    in it could name, found without parsing it (no TOML, no Babel: a no-op run stays fast)."""
    if not is_collection(source):
        return [source, source.with_suffix(".toml")]
    names = sorted(set(re.findall(r"""["']([^"'/\\\s]+)["']""", source.read_text(encoding="utf-8", errors="replace"))))
    return [source, *(source.with_name(f"{name}{suffix}") for name in names for suffix in (".txt", ".toml"))]


class BuildCache:
    def __init__(self, out_dir: Path) -> None:
        self.path = cache_file(out_dir)
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def is_fresh(self, name: str, key: str | None) -> bool:
        """Recorded under `key`, and every output still as it was written."""
        entry = self.entries.get(name)
        if key is None or not entry or entry["key"] != key:
            return False
        return all(_stamp(Path(path)) == stamp for path, stamp in entry["outputs"].items())

    def outputs(self, name: str) -> list[Path]:
        return [Path(path) for path in self.entries[name]["outputs"]]

    def record(self, name: str, key: str | None, outputs: list[Path]) -> None:
        if key is not None:
            self.entries[name] = {"key": key, "outputs": {str(p.resolve()): _stamp(p) for p in outputs}}

    def forget(self, name: str) -> None:
        self.entries.pop(name, None)

    def save(self) -> None:
        _write_json(self.path, self.entries)


def _write_json(path: Path, data: object) -> None:
    """`data` into `path` whole (written beside it, renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cache.", suffix=".part", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=0, sort_keys=True)
    os.replace(tmp, path)


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]
