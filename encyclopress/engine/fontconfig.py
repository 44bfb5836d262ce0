"""One WeasyPrint font configuration per process, and the removal of its temporary fonts.

Internals touched: `FontConfiguration._folder`, the temporary folder WeasyPrint copies
each @font-face into (made at the first one). WeasyPrint removes it only in the
configuration's `__del__`, which fails once modules are torn down and which processes
that leave by `os._exit` (forked workers, exit.leave) never reach; so we remove it.
"""

from __future__ import annotations

import atexit
import os
import shutil
from typing import Any

_FONT_CONFIGS: dict[int, Any] = {}  # by process: a forked worker makes its own, and leaves its parent's be


def font_config() -> Any:
    """One FontConfiguration for the whole run: faster, and memory stays flat."""
    if os.getpid() not in _FONT_CONFIGS:
        from encyclopress.engine.weasy import (
            weasyprint,  # here: the command line imports this module
        )

        _FONT_CONFIGS[os.getpid()] = weasyprint().text.fonts.FontConfiguration()
    return _FONT_CONFIGS[os.getpid()]


@atexit.register
def release_fonts() -> None:
    """Remove this process's temporary copies of the fonts (3.4 MB)."""
    config = _FONT_CONFIGS.pop(os.getpid(), None)
    folder = getattr(config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
