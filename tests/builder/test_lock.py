"""Two runs into one output folder: the second fails at once with one line, or with --wait
waits for the first. Both are real processes: the lock is the kernel's, between processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

GOOD = "= Good =\n\nA short article.\n"
LICENCE = 'license = "CC0 1.0"\n'  # so that the run's only line is its summary


@pytest.fixture
def good(write) -> Path:
    write("good.toml", LICENCE)
    return write("good.txt", GOOD)

HOLD = """
import sys
from pathlib import Path
from encyclopress.builder.lock import output_lock
with output_lock(Path(sys.argv[1]), wait=False, waiting=print):
    print("held", flush=True)
    sys.stdin.readline()  # until the test says so
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, Path]]:
    """Another run holding the lock of tmp_path/out until its stdin is closed."""
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, cwd=ROOT)
    assert process.stdout.readline() == "held\n"
    yield process, out
    process.stdin.close()
    process.wait(timeout=10)


def build(article: Path, out: Path, *flags: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), str(article), "--out", str(out),
                             "--formats", "epub", *flags], stderr=subprocess.PIPE, text=True)


def test_a_second_run_into_the_same_folder_fails_with_one_line(holder, good):
    process, out = holder
    second = build(good, out)
    err = second.communicate(timeout=60)[1]
    assert second.returncode == 75
    assert err == (f"encyclopress: {out} is being built by another run (pid {process.pid}); "
                   "run again when it ends, or add --wait to wait for it\n")
    assert not out.exists()


def test_with_wait_the_second_run_says_so_and_builds_once_the_first_ends(holder, good):
    process, out = holder
    second = build(good, out, "--wait")
    assert second.stderr.readline() == (f"encyclopress: waiting for the other run building into {out} "
                                        f"(pid {process.pid}) to end\n")
    assert second.poll() is None and not out.exists()  # still waiting
    process.stdin.close()
    process.wait(timeout=10)
    assert second.communicate(timeout=60)[1] == "encyclopress: 1 built, 0 failed\n"
    assert second.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["good.epub"]


def test_other_folders_are_not_held(holder, good, tmp_path):
    other = build(good, tmp_path / "elsewhere")
    assert other.communicate(timeout=60)[1] == "encyclopress: 1 built, 0 failed\n"
    assert other.returncode == 0
