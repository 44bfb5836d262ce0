"""Golden files: the text outputs of the seed and one varied article, compared byte for byte.

tests/golden/<slug>/ holds each publication's MARCXML, Dublin Core record, EPUB package
document (content.opf) and EPUB nav; tests/golden/catalog/ the OPDS 1.2 and 2.0 feeds (first
page and root navigation feed) of the out/ the two are built into (the seed's kk and ru editions included). The build is
reproducible (SOURCE_DATE_EPOCH), so any difference is a change in what the tool writes.
After a deliberate one, regenerate them with the one command

    PYTHONPATH=$PWD python -m pytest tests/test_golden.py --update-golden

and review `git diff tests/golden` like any other change: a reviewer sees every byte.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import pytest
from helpers import GOLDEN_VARIED, ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"
SLUGS = (SEED.stem, GOLDEN_VARIED.stem)
EPUB_MEMBERS = {"content.opf": "EPUB/content.opf", "nav.xhtml": "EPUB/text/nav.xhtml"}
NAMES = [
    *(f"{slug}/{slug}.{suffix}" for slug in SLUGS for suffix in ("marcxml", "dc.xml")),
    *(f"{slug}/{member}" for slug in SLUGS for member in EPUB_MEMBERS),
    "catalog/catalog.xml",
    "catalog/catalog.json",
    "catalog/catalog/root.xml",  # the root navigation feed (out/catalog/root.xml)
    "catalog/catalog/root.json",
]


def _output(out: Path, name: str) -> bytes:
    """The built bytes a golden file `name` (folder/file) stands for."""
    folder, file = name.split("/", 1)
    if file in EPUB_MEMBERS:
        with zipfile.ZipFile(out / f"{folder}.epub") as epub:
            return epub.read(EPUB_MEMBERS[file])
    return (out / file).read_bytes()


def _diff(expected: bytes, actual: bytes, name: str) -> str:
    lines = difflib.unified_diff(expected.decode().splitlines(keepends=True), actual.decode().splitlines(keepends=True),
                                 f"tests/golden/{name}", "built")
    return "".join(lines) or "(the same text, different bytes: line endings or encoding)"


@pytest.mark.parametrize("name", NAMES)
def test_text_output_is_its_golden_file(golden_built: Path, name: str, request: pytest.FixtureRequest) -> None:
    actual, golden = _output(golden_built, name), GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
        return
    if not golden.exists():
        pytest.fail(f"no tests/golden/{name}: run `python -m pytest tests/test_golden.py --update-golden`")
    expected = golden.read_bytes()
    if actual != expected:
        pytest.fail(f"{name} differs from its golden file; if the change is meant, run "
                    f"`python -m pytest tests/test_golden.py --update-golden`\n{_diff(expected, actual, name)}",
                    pytrace=False)


def test_golden_files_are_the_same_on_every_machine() -> None:
    """No path of the machine that built them (the tmp out/, the checkout) may leak into them."""
    for golden in GOLDEN.rglob("*.*"):
        text = golden.read_text(encoding="utf-8")
        assert "/tmp" not in text and str(ROOT) not in text and "pytest-of" not in text, golden
