"""Shared fixtures: the project, and one build of the seed and the varied articles per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ARTICLES, EPOCH, GOLDEN_VARIED, ROOT, SEED

from encyclopress.cli import main
from encyclopress.rendering.context import Project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from this build instead of comparing (test_golden.py)")


@pytest.fixture(scope="session", autouse=True)
def _own_build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' build caches (cache.py) stay out of the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache-home")))
        yield


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


def _build(argv: list[str]) -> None:
    """The command line with SOURCE_DATE_EPOCH set, as a reproducible build runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        code = main(argv, root=ROOT)
    assert code == 0


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ for the seed and every varied test article, built once, reproducibly."""
    out = tmp_path_factory.mktemp("out")
    _build([str(SEED), *map(str, ARTICLES), "--out", str(out)])
    return out


@pytest.fixture(scope="session")
def golden_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ for the golden files' two publications alone, so their feeds list only these."""
    out = tmp_path_factory.mktemp("golden-out")
    _build([str(SEED), str(GOLDEN_VARIED), "--out", str(out)])
    return out


@pytest.fixture(scope="session")
def print_variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's print files beyond the default build: Letter, A5 with the 2-up handout,
    and the press file (A4), built once per session."""
    outs = {}
    for name, options in {"letter": ["--paper", "letter", "--formats", "pdf"],
                          "a5": ["--paper", "a5", "--formats", "pdf", "--handout", "2up"],
                          "press": ["--formats", "press", "--press"]}.items():
        outs[name] = tmp_path_factory.mktemp(name)
        _build([str(SEED), "--out", str(outs[name]), *options])
    return outs


@pytest.fixture
def write(tmp_path: Path):
    """Write a small article (or sidecar) file and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
