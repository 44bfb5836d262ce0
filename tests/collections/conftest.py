"""The test collection (alash-reader.collection.toml) beside copies of the articles it names,
built once per session in its three editions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EPOCH, ROOT

from encyclopress.cli import main

FIXTURE = Path(__file__).with_name("alash-reader.collection.toml")
MEMBERS = ["alash-autonomy", "national-assembly", "no-infobox", "the-steppe-press", "many-scripts", "markup-in-text"]


def copy_collection(folder: Path) -> Path:
    """The collection file and its articles (with their sidecars) in `folder`; the collection's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug in MEMBERS:
        home = ROOT / "content" if slug == "alash-autonomy" else ROOT / "tests" / "articles"
        for source in home.glob(f"{slug}.*"):
            shutil.copy2(source, folder / source.name)
    shutil.copy2(FIXTURE, folder / FIXTURE.name)
    return folder / FIXTURE.name


def build(argv: list[str]) -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return main([*argv, "--quiet"], root=ROOT)


@pytest.fixture(scope="session")
def collection_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_collection(tmp_path_factory.mktemp("collection") / "content")


@pytest.fixture(scope="session")
def collection_out(collection_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("collection-out")
    assert build([str(collection_file), "--out", str(out)]) == 0
    return out
