"""The package's folders are its pipeline: each stage imports only the stages below it."""

from __future__ import annotations

import subprocess

from helpers import ROOT


def test_imports_flow_one_way():
    """The import-linter contract in pyproject.toml; a new upward import fails here."""
    run = subprocess.run(["lint-imports", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout
