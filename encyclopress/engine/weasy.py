"""WeasyPrint, imported without its slow library search (0.2 s a start).

WeasyPrint asks cffi for each C library under several platforms' names, Windows' and
macOS' before Linux's; every miss makes ctypes.util.find_library run ldconfig, gcc and
ld. Each list also holds the Linux soname (libpango-1.0.so.0…), which the dynamic loader
opens by itself, so while WeasyPrint loads on Linux a miss is answered "not found" at
once. Should that fail on some unusual system, the ordinary import runs instead.
"""

from __future__ import annotations

import ctypes.util
import sys
from types import ModuleType


def weasyprint() -> ModuleType:
    """The weasyprint package, loaded once per process."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        search = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            import weasyprint  # noqa: F401
        except OSError:
            pass  # the import below searches the slow way, and reports what it cannot find
        finally:
            ctypes.util.find_library = search
    import weasyprint

    return weasyprint
