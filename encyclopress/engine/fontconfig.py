"""One WeasyPrint font configuration per run, shared with forked children, and the removal
of its temporary fonts.

Internals touched: `FontConfiguration.add_font_face`, and `_folder`, the temporary folder
WeasyPrint copies each @font-face into (made at the first one). WeasyPrint takes a file
there to mean its face is registered, and removes the folder only in the configuration's
`__del__`, which fails once modules are torn down and which processes that leave by
`os._exit` (forked workers, exit.leave) never reach; so we remove it.
"""

from __future__ import annotations

import atexit
import os
import shutil
from typing import Any

_CONFIG: list[Any] = []  # the configuration, made once and inherited by forked children


def font_config() -> Any:
    """One FontConfiguration for the whole run: faster, and memory stays flat. A child forked
    after faces were registered (print_edition/layout.py, `lay_out_beside`) starts with them."""
    if not _CONFIG:
        _CONFIG.append(_fork_safe()())
    return _CONFIG[0]


def _fork_safe() -> type:
    from encyclopress.engine.weasy import (
        weasyprint,  # here: the command line imports this module
    )

    class ForkSafeFonts(weasyprint().text.fonts.FontConfiguration):
        """Faces a parent registered before the fork stay registered in its children; a face a
        process adds goes into a folder of its own, so that its parent's folder never holds
        a file of a face the parent has not registered."""

        def __init__(self) -> None:
            super().__init__()
            self._owner = os.getpid()  # the process whose folder `_folder` is
            self._registered: set[str] = set()

        def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
            key = str(rule_descriptors)  # WeasyPrint's own key for a face
            if key in self._registered:
                return None
            if self._owner != os.getpid():
                self._owner, self._folder = os.getpid(), None
            copies = self._copies()
            result = super().add_font_face(rule_descriptors, url_fetcher)
            if self._copies() > copies:  # copied, so registered as WeasyPrint counts it; else tried again
                self._registered.add(key)
            return result

        def _copies(self) -> int:
            return len(os.listdir(self._folder)) if self._folder else 0

    return ForkSafeFonts


@atexit.register
def release_fonts() -> None:
    """Remove this process's temporary copies of the fonts (3.4 MB), and not its parent's."""
    config = _CONFIG[0] if _CONFIG else None
    folder = getattr(config, "_folder", None)
    if folder and config._owner == os.getpid():
        shutil.rmtree(folder, ignore_errors=True)
        config._folder = None
