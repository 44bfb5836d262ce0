"""WeasyPrint's fast import: every C library still found, ctypes left as it was."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

PROBE = """
import ctypes.util
search = ctypes.util.find_library
from encyclopress.engine.weasy import weasyprint
ffi = weasyprint().text.ffi
assert ctypes.util.find_library is search
assert ffi.harfbuzz_subset is not None, "HarfBuzz-subset lost: PDFs would fall back to fontTools"
print("ok")
"""


def test_a_fresh_process_loads_every_library_and_restores_ctypes():
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"

