"""`serve --watch`: rebuild an article when its text or sidecar changes, then tell the pages.

watchfiles (inotify underneath) reports changes in the articles' folders, debounced, so an
editor's save (write, rename, touch) is one rebuild, not three.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from encyclopress.serve.server import Changes



def watch(sources: list[Path], rebuild: Callable[[list[Path]], bool], changes: Changes,
          stop: threading.Event) -> None:
    """Until `stop`: each time some of `sources` (or their sidecars) change, `rebuild` them;
    when it changed out/, wake the pages waiting on `changes`."""
    from watchfiles import watch as changes_in

    owner = {}  # an article's text and sidecar, or a collection's file → what to rebuild
    for source in sources:
        for path in (source, source.with_suffix(".toml")):
            owner.setdefault(path.resolve(), source)
    folders = sorted({path.parent for path in owner})
    for batch in changes_in(*folders, stop_event=stop, debounce=300):
        touched = {owner.get(Path(name).resolve()) for _, name in batch}
        changed = [source for source in sources if source in touched]
        if changed and rebuild(changed):
            changes.bump()
