"""The test collection beside copies of the articles it names, built once per session in its
three editions (with one of its articles, so the catalog links the two)."""

from __future__ import annotations

from pathlib import Path

import pytest
from collection_fixture import build, collection_argv, copy_collection


@pytest.fixture(scope="session")
def collection_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_collection(tmp_path_factory.mktemp("collection") / "content")


@pytest.fixture(scope="session")
def collection_out(collection_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("collection-out")
    assert build([*collection_argv(collection_file), "--out", str(out)]) == 0
    return out
