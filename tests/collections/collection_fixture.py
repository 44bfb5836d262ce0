"""The test collection (alash-reader.collection.toml): copied beside the articles it names,
and built with the command line as a reproducible build runs."""

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


def collection_argv(collection_file: Path) -> list[str]:
    """The collection, and one of its articles so that the catalog links the two."""
    return [str(collection_file.with_name("no-infobox.txt")), str(collection_file)]
