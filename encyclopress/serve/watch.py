"""`serve --watch`: rebuild an article when its text or sidecar changes, then tell the pages.

watchfiles (inotify underneath) reports changes in the articles' folders, debounced, so an
editor's save (write, rename, touch) is one rebuild, not three.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from encyclopress.serve.server import Changes

SIDES = (".txt", ".toml")  # an article's text and its sidecar


def watch(sources: list[Path], rebuild: Callable[[list[Path]], bool], changes: Changes,
          stop: threading.Event) -> None:
    """Until `stop`: each time some of `sources` (or their sidecars) change, `rebuild` them;
    when it changed out/, wake the pages waiting on `changes`."""
    from watchfiles import watch as changes_in

    wanted = {source.resolve(): source for source in sources}
    folders = sorted({path.parent for path in wanted})
    for batch in changes_in(*folders, stop_event=stop, debounce=300):
        touched = {Path(name).resolve().with_suffix(".txt") for _, name in batch if Path(name).suffix in SIDES}
        changed = [wanted[path] for path in sorted(touched) if path in wanted]
        if changed and rebuild(changed):
            changes.bump()
