"""The user's cache folder, shared by the build cache, compiled templates and hyphenation."""

from __future__ import annotations

import os
from pathlib import Path


def cache_home() -> Path:
    """`$XDG_CACHE_HOME/encyclopress/` (default `~/.cache/encyclopress/`); deleting it is always safe."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "encyclopress"
