"""The catalog at library scale: 100,000 synthetic publications in one out/ folder.

Records are generated from the corpus articles (`../shared/corpus/*.txt`, or `--corpus`):
each article's title, lead and infobox values make many publications with varied titles
(Latin, Cyrillic, Arabic, CJK), languages, subjects and dates; each gets its Dublin Core
record and a small stand-in EPUB (no PDF is built: the catalog reads only the records).

Measured, each in a process of its own:
  full      the shelf from nothing (index, every page, the Pagefind index): time, peak RSS
  noop      again with nothing changed
  one       after one article changed (its record and EPUB rewritten)
  search    `encyclopress serve` answering 1,000 /search.xml queries from 127.0.0.1:
            median and p99 latency
and the size of the largest feed page. Writes benchmarks/catalog-scale.md.

    python benchmarks/catalog_scale.py [--count 100000] [--work DIR]
    python benchmarks/catalog_scale.py --against ../old-checkout [--runs 5]   # before/after
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent.parent / "shared" / "corpus"  # /work/shared/corpus beside the worktrees
LANGUAGES = ["en", "kk", "ru", "zh", "ar", "de", "fr", "tr", "ja", "uz"]
FOREIGN = {"kk": "Тарихы", "ru": "История", "zh": "歷史", "ar": "تاريخ", "ja": "歴史"}
RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title xml:lang="{lang}">{title}</dc:title>
{parallel}  <dc:creator>Wikipedia contributors</dc:creator>
{subjects}  <dc:description xml:lang="{lang}">{summary}</dc:description>
  <dc:publisher>Encyclopress</dc:publisher>
  <dc:date>{date}</dc:date>
  <dc:identifier>urn:uuid:{uuid}</dc:identifier>
  <dc:language>{lang}</dc:language>
  <dc:rights>CC BY-SA 4.0</dc:rights>
</oai_dc:dc>
"""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def corpus(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(title, lead, infobox values) of every corpus article."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        title = lines[0].strip("= ")
        values = [line.split(":", 1)[1].strip() for line in lines if line.startswith("- ") and ":" in line]
        lead = next((line for line in lines[3:] if line and not line.startswith(("-", "=")) and len(line) > 80), title)
        articles.append((title, lead[:400], [v for v in values if 2 < len(v) < 40]))
    return articles


def generate(out: Path, count: int, folder: Path) -> None:
    import uuid

    rng = random.Random(18)
    articles = corpus(folder)
    words = sorted({w for _, lead, _ in articles for w in re.findall(r"[A-Za-z]{5,}", lead)})
    subjects = sorted({v for _, _, values in articles for v in values})[:400] + [a[0] for a in articles]
    out.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        title, lead, _ = articles[n % len(articles)]
        lang = LANGUAGES[n % len(LANGUAGES)]
        variant = f"{title}: {rng.choice(words).title()} {n // len(articles)}"
        parallel = ""
        if lang in FOREIGN:
            parallel = f'  <dc:title xml:lang="{lang}">{FOREIGN[lang]} {variant}</dc:title>\n'
        chosen = rng.sample(subjects, 3)
        record = RECORD.format(
            lang="en" if lang in ("de", "fr", "tr", "uz") else lang, title=escape(variant), parallel=parallel,
            subjects="".join(f"  <dc:subject>{escape(s)}</dc:subject>\n" for s in chosen),
            summary=escape(lead), date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1.6e9 + n * 600)),
            uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{n}"))
        slug = f"pub-{n:06d}"
        (out / f"{slug}.dc.xml").write_text(record, encoding="utf-8")
        (out / f"{slug}.epub").write_bytes(b"PK" + bytes(2000))


def place(path: Path, data: bytes) -> None:
    """Written beside and renamed into place, as the build publishes every file."""
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)


def step(name: str, out: Path) -> dict[str, float]:
    """One measured run of the shelf, in this process (called as a child: `--step`)."""
    from encyclopress.builder.batch import build_shelf
    from encyclopress.rendering.context import Project
    from encyclopress.shelf import feeds

    pagefind = [0.0]
    index_pages = feeds.update_search_index

    def timed(*args: object) -> None:  # how much of the run is Pagefind's
        start = time.perf_counter()
        index_pages(*args)
        pagefind[0] += time.perf_counter() - start

    feeds.update_search_index = timed

    if name == "one":  # one article rebuilt: its record (a new title) and its EPUB replaced, as the build does
        middle = sum(1 for name in os.listdir(out) if name.endswith(".dc.xml")) // 2
        record = out / f"pub-{middle:06d}.dc.xml"
        text = record.read_text(encoding="utf-8").replace("</dc:title>", " (revised)</dc:title>", 1)
        place(record, text.encode())
        place(record.with_name(f"pub-{middle:06d}.epub"), b"PK" + bytes(2100))
    start = time.perf_counter()
    result = build_shelf(out, Project(ROOT))  # as `python build.py` runs it after the articles
    seconds = time.perf_counter() - start
    assert result.ok, [str(d) for d in result.diagnostics]
    # Pagefind's own peak is not told apart: a forked child's ru_maxrss counts the parent's pages
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "pagefind_s": pagefind[0], "rss_mb": own}


def run_step(name: str, out: Path, env: dict[str, str], tree: Path = ROOT) -> dict[str, float]:
    """One step in a process of its own, with `tree`'s code (this checkout's, or --against's)."""
    done = subprocess.run([sys.executable, str(tree / "benchmarks" / "catalog_scale.py"), "--step", name,
                           "--work", str(out.parent)],
                          env={**env, "PYTHONPATH": str(tree)}, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(work: Path, other: Path, count: int, folder: Path, runs: int) -> None:
    """This checkout's shelf against `other`'s, each on its own copy of the same publications:
    both built from nothing, then `runs` rounds of (nothing changed, one article changed),
    the two checkouts alternating, so both see the same load. Medians, and their ratio."""
    trees = {"before": other.resolve(), "after": ROOT}
    outs = {label: work / label / "out" for label in trees}
    envs = {label: {**os.environ, "XDG_CACHE_HOME": str(work / label / "cache")} for label in trees}
    for label, tree in trees.items():
        generate(outs[label], count, folder)
        run_step("full", outs[label], envs[label], tree)
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for name in ("noop", "one"):
            for label, tree in trees.items():
                times.setdefault((label, name), []).append(run_step(name, outs[label], envs[label], tree)["seconds"])
    lines = [f"`{' '.join(sys.argv[1:])}`: {count:,} publications, {runs} interleaved rounds, medians (s)", "",
             "| run | before | after | after / before |", "| --- | --- | --- | --- |"]
    for name, what in (("noop", "nothing changed"), ("one", "one article changed")):
        before, after = (statistics.median(times[(label, name)]) for label in trees)
        lines.append(f"| {what} | {before:.2f} | {after:.2f} | {after / before:.2f}× |")
    print("\n".join(lines))


def search_latency(out: Path, env: dict[str, str], queries: int) -> dict[str, float]:
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--out", str(out), "--port", "0"],
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stderr.readline()).group(1))
        words = ["Алаш", "Kazakh", "歷史", "تاريخ", "History", "Khanate", "Тарихы", "Orbulaq", "language", "Province"]
        rng = random.Random(1)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times, found = [], 0
        for n in range(queries):
            query = f"{rng.choice(words)} {rng.randrange(0, 4000)}" if n % 2 else rng.choice(words)
            start = time.perf_counter()
            connection.request("GET", f"/search.xml?q={quote(query)}")
            response = connection.getresponse()
            response.read()
            times.append(time.perf_counter() - start)
            found += response.status == 200
            if response.getheader("Connection") == "close" or response.status != 200:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times.sort()
        return {"median_ms": statistics.median(times) * 1000, "p99_ms": times[int(len(times) * 0.99) - 1] * 1000,
                "found": found, "queries": queries}
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--work", type=Path, help="folder for out/ and the cache (default: a temporary one)")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--against", type=Path, help="another checkout (the code before a change): the "
                        "two shelves' incremental runs side by side, printed (catalog-scale.md is left alone)")
    parser.add_argument("--runs", type=int, default=5, help="rounds of --against")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="catalog-scale-"))
    out = work / "out"
    if args.step:
        print(json.dumps(step(args.step, out)))
        return
    if args.against:
        compare(work, args.against, args.count, args.corpus, args.runs)
        return
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    generate(out, args.count, args.corpus)
    generated = time.perf_counter() - start
    figures = {"generate_s": generated}
    for name in ("full", "noop", "one"):
        figures[name] = run_step(name, out, env)
    pages = [*out.glob("catalog.*"), *(out / "catalog").glob("*"), out / "index.html", *(out / "catalog").glob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    figures["largest_page"] = {"name": largest.relative_to(out).as_posix(), "bytes": largest.stat().st_size}
    figures["pages"] = len(list((out / "catalog").iterdir())) + 3
    figures["pagefind_mb"] = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file()) / 1e6
    figures["search"] = search_latency(out, env, args.queries)
    print(json.dumps(figures, indent=2))
    write_results(figures, args.count)


def write_results(figures: dict, count: int) -> None:
    full, noop, one, search = figures["full"], figures["noop"], figures["one"], figures["search"]
    text = f"""# The catalog at library scale: results

`python benchmarks/catalog_scale.py --count {count}` on this project's 2-core machine (shared
with other work while it ran), {count:,} synthetic publications (a Dublin Core record and a
stand-in EPUB each, generated from the corpus articles in {figures['generate_s']:.0f} s).

| run | time | of which Pagefind | peak RSS |
| --- | --- | --- | --- |
| full shelf from nothing: index, {figures['pages']:,} pages, search index | {full['seconds']:.1f} s | {full['pagefind_s']:.1f} s | {full['rss_mb']:.0f} MB |
| nothing changed | {noop['seconds']:.2f} s | {noop['pagefind_s']:.2f} s | {noop['rss_mb']:.0f} MB |
| one article changed | {one['seconds']:.2f} s | {one['pagefind_s']:.2f} s | {one['rss_mb']:.0f} MB |

- Largest feed page: `{figures['largest_page']['name']}`, {figures['largest_page']['bytes'] / 1000:.0f} kB.
- Pagefind index: {figures['pagefind_mb']:.0f} MB in `out/pagefind/` (a browser fetches only the fragments a query needs).
- Search through `encyclopress serve` (`/search.xml`, FTS5), {search['queries']} queries from 127.0.0.1:
  median {search['median_ms']:.1f} ms, p99 {search['p99_ms']:.1f} ms ({search['found']} found something).
"""
    (ROOT / "benchmarks" / "catalog-scale.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
