"""The catalog page's offline search: a static full-text index built by Pagefind.

Pagefind (PyPI `pagefind[extended]`, which ships the binary; the extended one segments
Chinese and Japanese) reads the pages of index.html and writes an index cut into small
fragments that the page's script fetches as a query needs them, so a library's catalog is
searched with no program on the server and no network. Each publication's title is a
heading with an id, so a result leads to it on its page.

Pagefind has no incremental mode, and re-indexing 100,000 publications takes a minute: so
the pages are indexed in shards of SHARD_PAGES pages (`pagefind/0/`, `pagefind/1/`, …),
only the shards holding a changed page are indexed again, and the page's script merges
them (Pagefind's mergeIndex) from the list in `pagefind/shards.json`. Each shard is written
beside its folder and swapped in whole: never half an index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from encyclopress.core.diagnostics import fail
from encyclopress.shelf.pages import page_name

FOLDER = "pagefind"
SHARDS = "shards.json"
SHARD_PAGES = 40  # pages of the catalog page a shard indexes: 2,000 publications


def update_search_index(out_dir: Path, pages: int, changed: set[int]) -> None:
    """Index again the shards of the catalog page's `pages` that hold a `changed` page (or
    have no index yet), remove the shards past the last, and list them for the script."""
    folder = out_dir / FOLDER
    count = -(-pages // SHARD_PAGES)
    stale = {(number - 1) // SHARD_PAGES for number in changed}
    for shard in range(count):
        if shard in stale or not (folder / str(shard) / "pagefind.js").is_file():
            numbers = range(shard * SHARD_PAGES + 1, min(pages, (shard + 1) * SHARD_PAGES) + 1)
            _index(out_dir, shard, [page_name("all", number, "html") for number in numbers])
    for old in folder.iterdir():
        if old.is_dir() and old.name.isdigit() and int(old.name) >= count:
            shutil.rmtree(old)
    listing = json.dumps({"bundles": [f"{shard}/" for shard in range(count)]}) + "\n"
    if not (folder / SHARDS).is_file() or (folder / SHARDS).read_text(encoding="utf-8") != listing:
        (folder / SHARDS).write_text(listing, encoding="utf-8")


def _pagefind() -> Path:
    """The binary the PyPI package ships: run as is, it starts in a quarter of the time
    `python -m pagefind` takes (a Python that only hands over to it)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def _site_of(out_dir: Path, names: list[str], site: Path) -> Path:
    """A folder holding just the shard's pages, at their places in out/ (hard links): given
    out/ itself, Pagefind walks its 200,000 files (and its own index's) for the 40 it needs."""
    for name in names:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out_dir / name, site / name)
        except OSError:  # a file system without hard links
            shutil.copyfile(out_dir / name, site / name)
    return site


def _index(out_dir: Path, shard: int, names: list[str]) -> None:
    (out_dir / FOLDER).mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{shard}.", dir=out_dir / FOLDER))
    try:
        command = [str(_pagefind()), "--site", str(_site_of(out_dir, names, work / "site")),
                   "--output-path", str(work / "new"), "--keep-index-url", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0 or not (work / "new" / "pagefind.js").is_file():
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise fail(out_dir / names[0], None, f"Pagefind could not index the catalog page: "
                                                 f"{lines[-1] if lines else done.returncode}")
        target = out_dir / FOLDER / str(shard)
        if target.exists():
            target.rename(work / "old")
        (work / "new").rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
