"""A corpus of bad inputs, each built in one batch beside a good article.

For every case: no traceback, the exact one-line message(s), no partial file, and the
good article still built. Inputs the tool accepts (BOM and CRLF, markup, URLs, a 1 MB
line) are built too, with the warnings they deserve. EPUB only where print is not the
point; markup in the text is checked in both editions on tests/articles/markup-in-text.txt.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import LICENSED, NS, ROOT, epub_xml, pdftotext, spine_documents

from encyclopress.builder import batch
from encyclopress.builder.options import BuildOptions
from encyclopress.cli import main
from encyclopress.reading.publication import SCHEMA
from encyclopress.reading.reader import MAX_BYTES

GOOD = "= Good =\n\nA short article that always builds.\n"
SIDECAR_ARTICLE = "= Sidecar =\n\nThe text is fine; its sidecar is not.\n"
KNOWN_KEYS = ", ".join(sorted(SCHEMA))


@dataclass(frozen=True)
class Case:
    """An article (and maybe a sidecar), and the lines the build must print for it.

    `{txt}` and `{toml}` in the messages stand for the article's and the sidecar's paths."""

    name: str
    text: bytes | str
    messages: tuple[str, ...] = ()
    sidecar: str | None = None
    builds: bool = False
    extra: list[str] = field(default_factory=list)  # more command-line options


CASES = [
    Case("empty", b"", ("{txt}:1: error: empty file: expected a title line '= Title ='",)),
    Case("whitespace-only", " \n\t\n\r\n", ("{txt}:1: error: empty file: expected a title line '= Title ='",)),
    Case("nul-bytes", b"= T =\nok\n\x00\x01\x02", ("{txt}:3: error: binary data (NUL byte): not a text article",)),
    Case("png-image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("{txt}:3: error: binary data (NUL byte): not a text article",)),
    Case("invalid-utf8", "= T =\nҚазақ\n".encode() + b"bad \xff byte\n", ("{txt}:3: error: invalid UTF-8 at byte 21",)),
    Case("latin-1", "= Café =\n\nText.\n".encode("latin-1"), ("{txt}:1: error: invalid UTF-8 at byte 5",)),
    Case("bom-and-crlf", "\ufeff= T =\r\n\r\nҚазақ text.\r\n== Part ==\r\nMore.\r\n".encode(), builds=True),
    Case("no-title", "Alpha\n\nText.\n", ("{txt}:1: error: the first line must be the title, written '= Title ='",)),
    Case("unterminated-heading", "= Alpha\nText.\n", ("{txt}:1: error: unterminated heading: '=' has no closing '='",)),
    Case("unbalanced-heading", "= T =\nLead.\n== History =\nText.\n",
         ("{txt}:3: error: unbalanced heading markers '==' and '='",)),
    Case("heading-too-deep", "= T =\n== A ==\nx\n=== B ===\ny\n==== C ====\nz\n",
         ("{txt}:6: error: heading level 4 is deeper than 3 ('=== Subsection ===')",)),
    Case("heading-jumps", "= T =\nLead.\n=== Deep ===\nText.\n", ("{txt}:3: error: heading level jumps from 1 to 3",)),
    Case("infobox-line-without-colon", "= T =\nInfobox\n- Capital: Orenburg\n- no colon here\n\nText.\n",
         ("{txt}:4: error: infobox line is not '- Key: Value': '- no colon here'",)),
    Case("duplicate-infobox-key", "= T =\nInfobox\n- Capital: Orenburg\n- capital: Semey\n\nText.\n",
         ("{txt}:4: warning: duplicate infobox key 'capital' (first on line 3); both are kept",), builds=True),
    Case("duplicate-infobox-key-strict", "= T =\nInfobox\n- Capital: Orenburg\n- capital: Semey\n\nText.\n",
         ("{txt}:4: error: duplicate infobox key 'capital' (first on line 3); both are kept [--strict]",),
         extra=["--strict"]),
    Case("control-characters", "= T =\n\nBell\x07, escape\x1b and form feed\x0c.\n",
         ("{txt}:3: warning: removed control characters U+0007, U+000C, U+001B",), builds=True),
    Case("markup", '= <b>T</b> =\n\n<script>alert(1)</script> <img src="x" onerror="alert(2)"> '
         "<style>p{}</style> javascript:alert(3)\n", builds=True),
    Case("urls", "= URLs =\n\nSee http://127.0.0.1:9/page and file:///etc/passwd and ../../etc/passwd.\n", builds=True),
    Case("one-megabyte-line", "= Long =\n\n" + ("Steppe " * 150_000)[:1_000_000] + "\n", builds=True),
    Case("sidecar-syntax", SIDECAR_ARTICLE, ("{toml}:2: error: TOML syntax: Invalid value",),
         sidecar='language = "en"\nlicense = \n'),
    Case("sidecar-duplicate-key", SIDECAR_ARTICLE, ("{toml}:2: error: TOML syntax: Cannot overwrite a value",),
         sidecar='language = "en"\nlanguage = "kk"\n'),
    Case("sidecar-every-problem", SIDECAR_ARTICLE, (
        f"{{toml}}:1: error: unknown key 'titel' (known keys: {KNOWN_KEYS})",
        "{toml}:3: error: 'language' must be a language tag such as 'en'",
        "{toml}:4: error: 'source_url' must be an http(s) URL, not 'javascript:alert(1)'",
        "{toml}:5: error: 'authors' must be a list of strings",
    ), sidecar='titel = "x"\n\nlanguage = 7\nsource_url = "javascript:alert(1)"\nauthors = ["a", 2]\n'),
]


def materialize(case: Case, folder: Path) -> Path:
    """Write the case's files into `folder` and return the article's path."""
    article = folder / f"{case.name}.txt"
    data = case.text if isinstance(case.text, bytes) else case.text.encode()
    article.write_bytes(data)
    # the bad sidecar of a sidecar case, else one with a licence, which says nothing
    article.with_suffix(".toml").write_text(LICENSED if case.sidecar is None else case.sidecar, encoding="utf-8")
    return article


def write_good(folder: Path) -> Path:
    """The good article every case is built beside, and its sidecar."""
    (folder / "good.toml").write_text(LICENSED, encoding="utf-8")
    good = folder / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return good


def expected_lines(case: Case, article: Path) -> list[str]:
    return [m.format(txt=article, toml=article.with_suffix(".toml")) for m in case.messages]


def build(paths: list[Path], out: Path, *options: str) -> tuple[int, str]:
    """Build through the command line in this process; the test fails on any traceback."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main([*map(str, paths), "--out", str(out), "--formats", "epub", *options], root=ROOT)
    return code, err.getvalue()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())  # temporary files start with "." and end ".part"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_bad_input_beside_a_good_article(case, tmp_path):
    (tmp_path / "in").mkdir()
    article = materialize(case, tmp_path / "in")
    good = write_good(tmp_path / "in")
    out = tmp_path / "out"

    code, err = build([article, good], out, *case.extra)

    built, failed = (2, 0) if case.builds else (1, 1)
    assert err.splitlines() == [*expected_lines(case, article), f"encyclopress: {built} built, {failed} failed"]
    assert code == (0 if case.builds else 1)
    assert files_in(out) == sorted(["good.epub", *([f"{case.name}.epub"] if case.builds else [])])


def test_a_file_beyond_the_size_limit_is_refused(tmp_path):
    """50 MB (sparse, so the test is quick): refused by size, before its content is looked at."""
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.write(b"= Big =\n\n")
        f.truncate(50 * 1000 * 1000)
    good = write_good(tmp_path)
    code, err = build([big, good], tmp_path / "out")
    assert err.splitlines() == [
        f"{big}: error: file is 50,000,000 bytes; the limit for an article is {MAX_BYTES:,}",
        "encyclopress: 1 built, 1 failed",
    ]
    assert code == 1 and files_in(tmp_path / "out") == ["good.epub"]


def test_folders_and_missing_files_fail_alone(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    missing = tmp_path / "missing.txt"
    good = write_good(tmp_path)
    code, err = build([folder, missing, good], tmp_path / "out")
    assert err.splitlines() == [
        f"{folder}: error: cannot read file: not a regular file",
        f"{missing}: error: cannot read file: No such file or directory",
        "encyclopress: 1 built, 2 failed",
    ]
    assert code == 1 and files_in(tmp_path / "out") == ["good.epub"]


def test_an_article_that_disappears_mid_batch(tmp_path, project):
    first, doomed, last = (tmp_path / f"{n}.txt" for n in ("first", "doomed", "last"))
    for path in (first, doomed, last):
        path.write_text(GOOD, encoding="utf-8")

    def report(result: batch.Result) -> None:
        if result.source == first:  # the batch has started; the next file goes away
            doomed.unlink()

    results = batch.build_all([first, doomed, last], tmp_path / "out", BuildOptions(("epub",)), project, report)
    assert [r.ok for r in results] == [True, False, True]
    assert [str(d) for d in results[1].diagnostics] == [
        f"{doomed}: error: cannot read file: No such file or directory"]
    assert files_in(tmp_path / "out") == ["first.epub", "last.epub"]


def test_the_whole_corpus_in_one_batch_without_a_traceback(tmp_path):
    """One process, every case at once: each fails alone with its lines, in order."""
    cases = [c for c in CASES if not c.extra and c.name != "one-megabyte-line"]  # that one is slow
    (tmp_path / "in").mkdir()
    articles = [materialize(case, tmp_path / "in") for case in cases]
    good = write_good(tmp_path / "in")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, articles), str(good),
                          "--out", str(out), "--formats", "epub"], capture_output=True, text=True)
    assert "Traceback" not in run.stderr
    built = sum(c.builds for c in cases) + 1
    expected = [line for case, article in zip(cases, articles) for line in expected_lines(case, article)]
    assert run.stderr.splitlines() == [*expected, f"encyclopress: {built} built, {len(cases) + 1 - built} failed"]
    assert run.returncode == 1
    assert files_in(out) == sorted([*(f"{c.name}.epub" for c in cases if c.builds), "good.epub"])


# Markup written in an article is text: the same strings, never elements, in print and EPUB.
MARKUP = ['<script>alert("lead")</script>', '<img src="http://127.0.0.1:9/pixel.png" onerror="alert(2)">',
          "<style>body { display: none }</style>", "javascript:alert(document.cookie)",
          '<a href="javascript:alert(4)">click</a>', "<b>bold</b>", "&amp;", "]]>", "<!-- comment -->"]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_markup_is_literal_text_in_the_pdf(built):
    text = squeezed(pdftotext(built / "markup-in-text.pdf"))
    for literal in MARKUP:
        assert squeezed(literal) in text, literal


def test_markup_is_literal_text_in_the_epub(built):
    epub = built / "markup-in-text.epub"
    texts = []
    for document in spine_documents(epub):
        root = epub_xml(epub, document)
        body = root.find("x:body", NS)
        assert not body.xpath(".//x:script | .//x:style | .//x:iframe | .//x:b", namespaces=NS)
        # and no <img> from the text: it would carry its onerror or its address
        assert not root.xpath("//@*[starts-with(name(), 'on') or contains(., 'javascript:') or contains(., '127.0')]")
        texts.append("".join(body.itertext()))
    text = squeezed(" ".join(texts))
    for literal in MARKUP:
        assert squeezed(literal) in text, literal
