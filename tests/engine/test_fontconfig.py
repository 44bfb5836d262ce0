"""engine/fontconfig.py: the run's font configuration, shared with forked children, each
process's copies of the fonts in a folder of its own, removed as it leaves."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from helpers import ROOT

from encyclopress.engine.fetcher import LocalFetcher
from encyclopress.engine.fontconfig import font_config
from encyclopress.engine.fork import forked
from encyclopress.engine.weasy import weasyprint

_NAMES = itertools.count()


def new_face() -> str:
    """An @font-face rule no test has registered yet (a family name of its own)."""
    return (f'@font-face {{ font-family: "Face {os.getpid()}-{next(_NAMES)}"; '
            f'src: url("fonts/NotoSans-Regular.ttf") format("truetype") }}')


def register(face: str) -> list[Path]:
    """Register `face`; the copies of the fonts this process's configuration now holds."""
    weasyprint().CSS(string=face, base_url=ROOT.as_uri() + "/", font_config=font_config())
    return sorted(Path(font_config()._folder).iterdir())


def in_child(faces: tuple[str, str]) -> tuple[int, str, list[Path]]:
    """Register a face the parent registered before the fork, then one it did not."""
    inherited, new = faces
    copies_after_inherited = len(register(inherited))
    copies = register(new)
    return copies_after_inherited, str(font_config()._folder), copies


def test_a_child_reuses_the_faces_registered_before_the_fork_and_copies_new_ones_to_its_own_folder():
    before, new = new_face(), new_face()
    parents_copies = register(before)
    parents_folder = Path(font_config()._folder)

    [(copies_after_inherited, child_folder, childs_copies)] = forked(in_child, [(before, new)])

    assert copies_after_inherited == len(parents_copies)  # the inherited face was not copied again
    assert Path(child_folder) != parents_folder and len(childs_copies) == 1
    assert not Path(child_folder).exists()  # the child removed its own folder as it left
    assert sorted(parents_folder.iterdir()) == parents_copies  # and left its parent's be
    # a face a child registered is still new here: registered here, copied here
    assert len(register(new)) == len(parents_copies) + 1


def test_a_face_that_cannot_be_loaded_is_tried_again_as_weasyprint_would():
    missing = (f'@font-face {{ font-family: "Missing {os.getpid()}"; '
               f'src: url("fonts/no-such-face.ttf") format("truetype") }}')
    fetcher = LocalFetcher((ROOT / "fonts",))
    for _ in range(2):
        weasyprint().CSS(string=missing, base_url=ROOT.as_uri() + "/", url_fetcher=fetcher, font_config=font_config())
    assert [Path(url).name for url in fetcher.refused] == ["no-such-face.ttf"] * 2
