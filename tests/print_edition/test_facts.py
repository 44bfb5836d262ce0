"""Every infobox value of every real article reaches both editions, on every paper size.

The articles: tests/articles/ (varied cases, and the corpus/ and real/ Wikipedia pages)
and the seed. Each is built once per paper size (PDF and EPUB, one locale); tests/facts.py
says what counts as a fact and which words must be found.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from facts import check
from helpers import EPOCH, ROOT, SEED, epubcheck_many

from encyclopress.cli import main

ARTICLES_DIR = ROOT / "tests" / "articles"
REAL = sorted([*ARTICLES_DIR.glob("*.txt"), *(ARTICLES_DIR / "corpus").glob("*.txt"),
               *(ARTICLES_DIR / "real").glob("*.txt"), SEED])
PAPERS = ("a4", "letter", "a5")


@pytest.fixture(scope="session")
def by_paper(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """out/ for every article on each paper, and what the build reported, built once a session."""
    built = {}
    for paper in PAPERS:
        out = tmp_path_factory.mktemp(f"facts-{paper}")
        report = io.StringIO()
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(report):
            patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
            code = main([*map(str, REAL), "--out", str(out), "--paper", paper, "--formats", "pdf,epub",
                         "--locale", "en", "--quiet"], root=ROOT)
        assert code == 0, report.getvalue()
        built[paper] = (out, report.getvalue())
    return built


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("article", REAL, ids=lambda p: p.stem)
def test_every_infobox_fact_is_in_the_pdf_and_the_epub(by_paper, paper, article):
    out, _ = by_paper[paper]
    facts, losses = check(article, out)
    assert (out / f"{article.stem}.pdf").exists() and (out / f"{article.stem}.epub").exists()
    assert [str(loss) for loss in losses if loss.edition == "EPUB"] == [], f"of {facts} facts on {paper}"
    assert [str(loss) for loss in losses] == [], f"{len(losses)} of {facts} facts lost on {paper}"


@pytest.mark.parametrize("paper", PAPERS)
def test_epubcheck_is_silent_on_every_real_article(by_paper, paper):
    out, _ = by_paper[paper]
    assert epubcheck_many(sorted(out.glob("*.epub"))) == {}


def test_the_facts_check_finds_a_lost_fact(by_paper, tmp_path):
    """The check can fail: an article naming a value that its editions do not hold is caught, by key."""
    out, _ = by_paper["a4"]
    article = tmp_path / "levon-mirzoyan.txt"
    text = (ARTICLES_DIR / "corpus" / "levon-mirzoyan.txt").read_text(encoding="utf-8")
    article.write_text(text.replace("- Spouse: Yulia Tevossian", "- Spouse: Yulia Zzyzxova"), encoding="utf-8")
    facts, losses = check(article, out)
    assert [str(loss) for loss in losses] == [
        "levon-mirzoyan:26: 'Spouse' lost in the PDF: zzyzxova",
        "levon-mirzoyan:26: 'Spouse' lost in the EPUB: zzyzxova"]
    assert facts == 24
