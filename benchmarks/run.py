"""Benchmarks: whole processes, several runs each, medians with min–max and peak RSS.

Ratios are measured side by side in one run (A B A B …), so the machine's mood is shared.
Writes benchmarks/results.md. Run from anywhere: `python benchmarks/run.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "alash-autonomy.txt"
BIN = Path(sys.executable).parent  # console scripts installed beside this interpreter
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    pss_mib: list[float] = field(default_factory=list)  # with `tree` (run())

    def row(self) -> str:
        s = self.seconds
        return (f"{statistics.median(s):.3f} s ({min(s):.3f}–{max(s):.3f}, {len(s)} runs) | "
                f"{statistics.median(self.rss_mib):.0f} MiB")


def run(command: list[str], cwd: Path | None = None, tree: bool = False) -> tuple[float, float, float]:
    """Wall time and peak RSS (MiB) of one process, via wait4; with `tree`, the peak of the
    sum of the RSS of it and all its descendants, polled every 50 ms (shared pages of forked
    workers counted in each: an upper bound), and the peak of the sum of their PSS (each
    shared page divided among the processes sharing it: what the build takes; else 0)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty failure cannot block the child
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        peak = [0.0, 0.0]
        if tree:
            poller = threading.Thread(target=_poll_tree, args=(process, peak), daemon=True)
            poller.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code:
            errors.seek(0)
            raise SystemExit(f"failed ({code}): {' '.join(command)}\n{errors.read().decode()}")
    return elapsed, max(peak[0], usage.ru_maxrss / 1024), peak[1]


def _poll_tree(process: subprocess.Popen, peak: list[float]) -> None:
    while process.returncode is None and Path(f"/proc/{process.pid}").exists():
        pids, rss, pss = [process.pid], 0.0, 0.0
        while pids:
            pid = pids.pop()
            rss += _rss_mib(pid) or 0.0
            pss += _pss_mib(pid) or 0.0
            pids += _children(pid)
        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
        time.sleep(0.05)


def side_by_side(commands: dict[str, list[str]], runs: int, cold: tuple[Path, ...] = (),
                 tree: bool = False) -> dict[str, Sample]:
    """Run the commands interleaved; folders in `cold` are removed before every run (no cache hit);
    with `tree`, peak RSS is that of all the processes of each run (run())."""
    samples = {name: Sample() for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # A B A B …
            for folder in cold:
                shutil.rmtree(folder, ignore_errors=True)
            seconds, rss, pss = run(command, tree=tree)
            samples[name].seconds.append(seconds)
            samples[name].rss_mib.append(rss)
            samples[name].pss_mib.append(pss)
    return samples


def ratio(a: Sample, b: Sample) -> float:
    return statistics.median(a.seconds) / statistics.median(b.seconds)


def print_html(article: Path, work: Path) -> Path:
    """The HTML the tool hands WeasyPrint for `article`, saved so the weasyprint CLI can render it."""
    sys.path.insert(0, str(ROOT))
    from encyclopress.builder.pipeline import prepare
    from encyclopress.print_edition.layout import print_html
    from encyclopress.rendering.context import Project

    ctx = prepare(article, Project(ROOT), [])[0]
    html = work / f"{article.stem}.html"
    html.write_text(print_html(ctx, ctx.publication.paper), encoding="utf-8")
    return html


def single_article(work: Path) -> Path:
    """The seed as one edition (no sidecar): what a user building one article runs."""
    folder = work / "single"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder / SEED.name


def long_book(work: Path, repeats: int) -> Path:
    """A long book: the seed's body repeated under numbered sections."""
    text = SEED.read_text(encoding="utf-8")
    title, _, rest = text.partition("\n")
    body = rest[rest.index("\n== ") :]
    chapters = "".join(re.sub(r"^== (.+) ==$", rf"== \1 {n} ==", body, flags=re.M) for n in range(1, repeats + 1))
    path = work / "book" / "long-book.txt"
    path.parent.mkdir()
    path.write_text(f"= Alash Autonomy: the long edition =\n{rest[: rest.index(chr(10) + '== ')]}{chapters}", encoding="utf-8")
    return path


def collection(work: Path, repeats: int, count: int) -> Path:
    """The long book's chapters as `count` articles of one collection in two parts: each article
    the seed's title, infobox and lead, then its share of the numbered chapters."""
    rest = SEED.read_text(encoding="utf-8").partition("\n")[2]
    opening, body = rest[: rest.index("\n== ")], rest[rest.index("\n== ") :]
    folder = work / "collection"
    folder.mkdir()
    slugs = []
    for k in range(count):
        numbers = range(k * repeats // count + 1, (k + 1) * repeats // count + 1)
        chapters = "".join(re.sub(r"^== (.+) ==$", rf"== \1 {n} ==", body, flags=re.M) for n in numbers)
        slugs.append(f"chapter-{k:03d}")
        (folder / f"{slugs[-1]}.txt").write_text(f"= Alash Autonomy {k + 1} =\n{opening}{chapters}", encoding="utf-8")
    half = count // 2
    parts = "".join(f'[[parts]]\ntitle = "Part {n + 1}"\narticles = {slugs[n * half:(n + 1) * half or None]!r}\n'
                    for n in range(2)).replace("'", '"')
    path = folder / "long.collection.toml"
    # a licence, as a library's volume states: a collection that warns is built again every run
    path.write_text(f'title = "Alash Autonomy: the long edition"\nlicense = "CC BY-SA 4.0"\n{parts}', encoding="utf-8")
    return path


def batch(work: Path, count: int) -> Path:
    folder = work / "batch"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        (folder / f"article-{n:03d}.txt").write_text(text.replace("= Alash Autonomy =", f"= Alash Autonomy {n} ="), encoding="utf-8")
    return folder


def worker_rss(command: list[str], out: Path, jobs: int, count: int) -> tuple[float, dict[int, tuple[float, float, float, float]]]:
    """Run a batch, polling /proc for the builder's worker processes: RSS (MiB) when forked;
    the median over the first tenth of the batch, once each worker has built an article (fonts,
    dictionaries and templates loaded); the median over the last tenth; and the peak."""
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, list[tuple[int, float]]] = {}
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            built = len(list(out.glob("*.pdf"))) if out.exists() else 0
            for child in _children(process.pid):
                rss = _rss_mib(child)
                if rss:
                    seen.setdefault(child, []).append((built, rss))
            time.sleep(0.05)

    poller = threading.Thread(target=poll)
    start = time.perf_counter()
    poller.start()
    process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    poller.join()
    if process.returncode:
        raise SystemExit(f"batch failed: {' '.join(command)}")
    workers = {}
    for pid, samples in seen.items():
        early = [rss for built, rss in samples if jobs <= built < max(jobs + 1, count // 10)]
        late = [rss for built, rss in samples if built >= count - count // 10]
        if early and late:
            workers[pid] = (samples[0][1], statistics.median(early), statistics.median(late), max(r for _, r in samples))
    return elapsed, workers


CEILING = """
import sys, time
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
html, base, count, variant = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
fonts = FontConfiguration()  # shared, as the tool's workers share theirs
HTML(html, base_url=base).write_pdf(font_config=fonts, pdf_variant=variant)  # warm: fonts, dictionaries
start = time.perf_counter()
for _ in range(count):
    HTML(html, base_url=base).write_pdf(font_config=fonts, pdf_variant=variant)
print(count / (time.perf_counter() - start))
"""


def weasyprint_ceiling(html: Path, count: int, variant: str = "") -> float:
    """Documents per second WeasyPrint alone makes of `html`, warm, in one process: the
    ceiling for a worker that also makes the EPUB."""
    ceiling = subprocess.run([sys.executable, "-c", CEILING, str(html), str(ROOT) + "/", str(count), variant],
                             env=ENV, capture_output=True, text=True, check=True)
    return float(ceiling.stdout)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mib(pid: int) -> float | None:
    return _kib(f"/proc/{pid}/status", "VmRSS")


def _pss_mib(pid: int) -> float | None:
    return _kib(f"/proc/{pid}/smaps_rollup", "Pss")


def _kib(path: str, key: str) -> float | None:
    """A `key: N kB` line of a /proc file, in MiB."""
    try:
        text = Path(path).read_text()
    except OSError:
        return None
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
    return int(match[1]) / 1024 if match else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=350, help="seed bodies in the long book (350: about 500 pages)")
    parser.add_argument("--collection-only", action="store_true",
                        help="only row 6 (the long book as a collection), written to results-collection.md")
    parser.add_argument("--single-only", action="store_true",
                        help="only row 7 (one article's full default build), written to results-single.md")
    args = parser.parse_args()
    build = [sys.executable, str(ROOT / "build.py")]
    weasyprint = str(BIN / "weasyprint")
    lines = [f"# Benchmarks\n\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python "
             f"{platform.python_version()}, {platform.platform()}. Times: medians, min–max "
             "and how many runs; peak RSS median. Ratios from runs interleaved A B A B. "
             "The package is byte-compiled first, as an installed one is.\n"]
    # As `pip install` leaves it: byte-compiled (an editable install under PYTHONDONTWRITEBYTECODE
    # would otherwise compile the package afresh in every process timed).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "encyclopress")], check=True,
                   stdout=subprocess.DEVNULL)
    if args.collection_only or args.single_only:
        with tempfile.TemporaryDirectory() as tmp:
            if args.collection_only:
                lines += _collection_rows(Path(tmp), args.repeats, max(2, args.runs // 2), build, weasyprint)
            else:
                lines += _single_rows(Path(tmp), args.runs, build, weasyprint)
        _write(ROOT / "benchmarks" / f"results-{'collection' if args.collection_only else 'single'}.md", lines)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # 1. one article, cold: the tool (PDF + EPUB) against WeasyPrint alone on the tool's HTML
        article = single_article(work)
        html = print_html(article, work)
        empty_cache = ["env", f"XDG_CACHE_HOME={work / 'xdg'}"]  # no compiled templates or dictionaries yet
        s = side_by_side({
            "build.py ARTICLE (PDF+EPUB)": [*build, str(article), "--out", str(work / "o1"), "--formats", "pdf,epub", "--jobs", "1"],
            "weasyprint CLI (PDF only)": [weasyprint, "--base-url", str(ROOT) + "/", str(html), str(work / "w1.pdf")],
            "build.py ARTICLE, first run ever (empty cache folder)": [*empty_cache, *build, str(article), "--out",
                                                                       str(work / "o1"), "--formats", "pdf,epub", "--jobs", "1"],
            "weasyprint CLI, tagged PDF/A-3a (the kind of PDF the tool writes)": [
                weasyprint, "--pdf-variant", "pdf/a-3a", "--base-url", str(ROOT) + "/", str(html), str(work / "w1a.pdf")],
        }, args.runs, cold=(work / "o1", work / "xdg"))
        lines += _table("1. One article, cold", s)
        tool, cli, first, tagged = s.values()
        lines.append(f"Ratio build.py / weasyprint: **{ratio(tool, cli):.2f}×** (target ≤ 0.95×); on a first run "
                     f"ever {ratio(first, cli):.2f}×; against WeasyPrint writing the same kind of PDF "
                     f"{ratio(tool, tagged):.2f}×. Cold: an empty output folder; the cache folder keeps the compiled "
                     "templates and hyphenation dictionaries of earlier runs, as Python keeps bytecode.\n")
        # 2. a long book
        book = long_book(work, args.repeats)
        book_html = print_html(book, work)
        s = side_by_side({
            "build.py BOOK (PDF+EPUB)": [*build, str(book), "--out", str(work / "o2"), "--formats", "pdf,epub", "--jobs", "1"],
            "weasyprint CLI (PDF only)": [weasyprint, "--base-url", str(ROOT) + "/", str(book_html), str(work / "w2.pdf")],
            "weasyprint CLI, tagged PDF/A-3a": [weasyprint, "--pdf-variant", "pdf/a-3a", "--base-url", str(ROOT) + "/",
                                                str(book_html), str(work / "w2a.pdf")],
        }, max(2, args.runs // 2), cold=(work / "o2",))
        pages = _pages(work / "w2.pdf")
        lines += _table(f"2. Long book ({pages} pages)", s)
        tool, cli, tagged = s.values()
        lines.append(f"Ratio: **{ratio(tool, cli):.2f}×** (target ≤ 1.04×); against WeasyPrint writing the same kind "
                     f"of PDF {ratio(tool, tagged):.2f}×. Peak RSS of build.py {statistics.median(tool.rss_mib):.0f} MiB "
                     f"(target ≤ 320), of WeasyPrint alone {statistics.median(cli.rss_mib):.0f} MiB.\n")
        # 3. a batch, one and two workers; 4. the no-op rebuild
        folder = batch(work, args.batch)
        lines.append(f"### 3. Batch of {args.batch} articles (PDF+EPUB)\n\n| workers | wall | docs/s | worker RSS: forked / first tenth → last tenth (growth; peak) |\n|---|---|---|---|")
        for jobs in (1, 2):
            out = work / f"o3-{jobs}"  # a new folder: nothing cached
            elapsed, workers = worker_rss([*build, *map(str, sorted(folder.glob('*.txt'))), "--out", str(out),
                                           "--formats", "pdf,epub", "--jobs", str(jobs)], out, jobs, args.batch)
            rss = ", ".join(f"{a:.0f} / {b:.0f} → {c:.0f} MiB ({(c - b) / b:+.0%}; peak {d:.0f})"
                            for a, b, c, d in workers.values())
            lines.append(f"| {jobs} | {elapsed:.1f} s | {args.batch / elapsed:.1f} | {rss or '(in-process)'} |")
        lines.append(f"| WeasyPrint alone (PDF only, the seed's HTML, 1 process, warm) | | {weasyprint_ceiling(html, 40):.1f} | |")
        lines.append(f"| the same, tagged PDF/A-3a | | {weasyprint_ceiling(html, 40, 'pdf/a-3a'):.1f} | |")
        lines.append("\nTargets: ≥ 6 docs/s with 1 worker, ≥ 11 with 2; each worker's RSS within 10% from the first tenth of the batch to the last.\n")
        noop = side_by_side({"no-op rebuild": [*build, *map(str, sorted(folder.glob('*.txt'))), "--out", str(work / "o3-2"),
                                               "--formats", "pdf,epub"]}, args.runs)
        lines.append("")
        lines += _table(f"4. No-op rebuild of the {args.batch}-article batch", noop)
        lines.append("Target ≤ 0.15 s.\n")
        # 5. other tools, when installed
        lines += _others(article, html, work, args.runs)
        # 6. the long book as a collection
        lines += _collection_rows(work, args.repeats, max(2, args.runs // 2), build, weasyprint)
        # 7. one article's full default build
        lines += _single_rows(work, args.runs, build, weasyprint)
    _write(ROOT / "benchmarks" / "results.md", lines)


def _write(out: Path, lines: list[str]) -> None:
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(out.read_text())


def _collection_rows(work: Path, repeats: int, runs: int, build: list[str], weasyprint: str) -> list[str]:
    """Row 6: the long book's text as a collection of 100 articles, laid out piece by piece by
    2 workers and assembled, beside the long book itself (one layout) and WeasyPrint alone on
    the long book's HTML; then a rebuild (byte-identical?) and a no-op rebuild."""
    book = work / "book" / "long-book.txt"
    if not book.exists():
        book = long_book(work, repeats)
    path = collection(work, repeats, 100)
    html = print_html(book, work)
    out, again = work / "o6", work / "o6r"
    formats = ["--formats", "pdf,epub"]
    # Its own, emptied cache folder makes every run a full build, and out/ stays for the checks below.
    fresh = ["env", f"XDG_CACHE_HOME={work / 'xdg6'}"]
    s = side_by_side({
        "build.py COLLECTION (PDF+EPUB; 2 workers)": [*fresh, *build, str(path), "--out", str(out), *formats,
                                                      "--jobs", "2"],
        "build.py BOOK (PDF+EPUB), the same chapters as one article": [*build, str(book), "--out", str(work / "o6b"),
                                                                         *formats, "--jobs", "1"],
        "weasyprint CLI, tagged PDF/A-3a, the book's HTML": [
            weasyprint, "--pdf-variant", "pdf/a-3a", "--base-url", str(ROOT) + "/", str(html), str(work / "w6.pdf")],
    }, runs, cold=(work / "xdg6", work / "o6b"), tree=True)
    pages = _pages(out / "long.pdf")
    run([*build, str(path), "--out", str(again), *formats])
    identical = all((again / p.name).read_bytes() == p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".epub"))
    noop = side_by_side({"no-op rebuild of the collection": [*build, str(path), "--out", str(again), *formats]}, 3)
    # one article edited before each run: only it is laid out again (print_edition/piece_cache.py)
    edit = f"printf '\\nA paragraph added.\\n' >> {shlex.quote(str(path.with_name('chapter-050.txt')))}"
    rebuild = " ".join(map(shlex.quote, [*build, str(path), "--out", str(again), *formats]))
    changed = side_by_side({"rebuild after one article changed": ["sh", "-c", f"{edit} && {rebuild}"]}, 3)
    tool, single, tagged = s.values()
    return [*_table(f"6. The long book as a collection of 100 articles ({pages} pages)", s),
            f"Collection / single-layout book: **{ratio(tool, single):.2f}×** (target ≤ 0.65× with 2 workers); "
            f"collection / WeasyPrint alone {ratio(tool, tagged):.2f}×. Peak RSS of all its processes "
            f"{statistics.median(tool.rss_mib):.0f} MiB (target ≤ 400); their peak PSS, each shared page "
            f"counted once, {statistics.median(tool.pss_mib):.0f} MiB. "
            f"Rebuild byte-identical: {'yes' if identical else 'NO'}.\n",
            *_table("6b. No-op rebuild of the collection", noop), "Target ≤ 0.15 s.\n",
            *_table("6c. Rebuild of the collection after one article changed", changed),
            f"Against the full build: {ratio(changed['rebuild after one article changed'], tool):.2f}×: the "
            "changed article, the front matter, the sources and the folio are laid out; the others are "
            "taken as the last build laid them out.\n"]


def _single_rows(work: Path, runs: int, build: list[str], weasyprint: str) -> list[str]:
    """Row 7: the seed's full default build (PDF, booklet, EPUB, cover, records, feeds) into an
    empty out/, on every core (the booklet's A5 layout forked beside the A4 one) and with --jobs 1
    (one after the other), beside WeasyPrint writing the tagged PDF/A-3a of the same HTML alone;
    then whether the two builds' files are byte-identical."""
    article = work / "single" / SEED.name
    if not article.exists():
        article = single_article(work)
    html = print_html(article, work)
    out, sequential = work / "o7", work / "o7-1"
    forked, one_by_one = [*build, str(article), "--out", str(out)], [*build, str(article), "--out", str(sequential),
                                                                      "--jobs", "1"]
    s = side_by_side({
        f"build.py ARTICLE, all default formats (--jobs {os.cpu_count()}: the A5 layout forked)": forked,
        "build.py ARTICLE, all default formats, --jobs 1 (the layouts one after the other)": one_by_one,
        "weasyprint CLI, tagged PDF/A-3a, the same HTML": [
            weasyprint, "--pdf-variant", "pdf/a-3a", "--base-url", str(ROOT) + "/", str(html), str(work / "w7.pdf")],
    }, runs, cold=(out, sequential), tree=True)
    run(forked)  # out/ emptied before each run above: built once more each, to compare
    run(one_by_one)
    built = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    identical = all((out / p).read_bytes() == (sequential / p).read_bytes() for p in built)
    tool, one_core, tagged = s.values()
    return [*_table("7. One article, full default build, cold out/", s),
            f"build.py / WeasyPrint tagged: **{ratio(tool, tagged):.2f}×** (target ≤ 1.0×); with --jobs 1 "
            f"{ratio(one_core, tagged):.2f}×; forked / one after the other {ratio(tool, one_core):.2f}×. "
            f"Peak RSS: the sum over the build's processes (pages the child shares counted twice). The {len(built)} files of both builds byte-identical: "
            f"{'yes' if identical else 'NO'}.\n"]


def _table(title: str, samples: dict[str, Sample]) -> list[str]:
    rows = [f"### {title}\n", "| command | time (median, min–max) | peak RSS |", "|---|---|---|"]
    rows += [f"| {name} | {sample.row()} |" for name, sample in samples.items()]
    return rows + [""]


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"Pages:\s+(\d+)", info)
    return int(match[1]) if match else 0


def _others(article: Path, html: Path, work: Path, runs: int) -> list[str]:
    commands = {}
    if shutil.which("pandoc"):
        commands["pandoc (PDF via WeasyPrint)"] = ["pandoc", str(html), "--pdf-engine=weasyprint", "-o", str(work / "p.pdf")]
        commands["pandoc (EPUB)"] = ["pandoc", str(html), "-o", str(work / "p.epub")]
    if shutil.which("ebook-convert"):
        commands["calibre ebook-convert (EPUB)"] = ["ebook-convert", str(html), str(work / "c.epub")]
    if not commands:
        return ["### 5. Other tools\n", "pandoc and calibre are not installed on this machine: rows skipped.\n"]
    return _table("5. Other tools", side_by_side(commands, runs))


if __name__ == "__main__":
    main()
