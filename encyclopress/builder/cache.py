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
import re
from pathlib import Path

from encyclopress.core.cachedir import cache_home, write_whole
from encyclopress.reading.collection import is_collection


def cache_file(out_dir: Path) -> Path:
    """Where the cache of `out_dir` lives: the user's cache folder, so out/ holds only outputs."""
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:24]
    return cache_home() / f"{name}.json"


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
    write_whole(path, json.dumps(data, indent=0, sort_keys=True).encode())


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]
