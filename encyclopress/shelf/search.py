"""The catalog page's offline search: a static full-text index built by Pagefind.

Pagefind (PyPI `pagefind[extended]`, which ships the binary; the extended one segments
Chinese and Japanese) reads the pages of index.html and writes `out/pagefind/`: an index
cut into small fragments that the page's script fetches as a query needs them, so a
library's catalog is searched without a server-side program and without the network.
Each publication's title is a heading with an id, so a result leads to it on its page.
The index is written beside out/pagefind/ and swapped in whole: never half an index.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from encyclopress.core.diagnostics import fail

FOLDER = "pagefind"
PAGES = "{index.html,catalog/all-*.html}"  # the catalog page and its further pages


def has_search_index(out_dir: Path) -> bool:
    return (out_dir / FOLDER / "pagefind.js").is_file()


def build_search_index(out_dir: Path) -> None:
    """Index the catalog page's pages into out/pagefind/, replacing the previous index whole."""
    work = Path(tempfile.mkdtemp(prefix=".pagefind.", dir=out_dir))
    try:
        command = [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--glob", PAGES,
                   "--output-path", str(work / FOLDER), "--keep-index-url", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0 or not (work / FOLDER / "pagefind.js").is_file():
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise fail(out_dir / "index.html", None, f"Pagefind could not index the catalog page: "
                                                     f"{lines[-1] if lines else done.returncode}")
        old = out_dir / FOLDER
        if old.exists():
            old.rename(work / "old")
        (work / FOLDER).rename(old)
    finally:
        shutil.rmtree(work, ignore_errors=True)
