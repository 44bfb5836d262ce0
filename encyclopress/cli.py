"""Command line: `encyclopress [PATH...] [--out DIR] [--formats pdf,epub]`.

Exit 0 when every article built, 1 when any failed (the others are still built), 2 for
usage errors. Problems are printed as `path:line: error: message`, never as tracebacks.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .context import Project
from .pipeline import WRITERS, Result, build_all
from .feeds import build_catalog

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None, root: Path = PROJECT_ROOT) -> int:
    project = Project(root)
    parser = _parser()
    args = parser.parse_args(argv)
    formats = _formats(parser, args.formats)
    sources = args.paths or sorted(project.content.glob("*.txt"))
    if not sources:
        parser.error(f"no articles given and none in {project.content}")
    signal.signal(signal.SIGTERM, _terminate)  # so staged outputs are cleaned up as on Ctrl-C
    results = build_all(sources, args.out, formats, project, _report)
    failed = sum(not r.ok for r in results)
    catalog_ok = "catalog" not in formats or _catalog(args.out, project)
    print(f"encyclopress: {len(results) - failed} built, {failed} failed", file=sys.stderr)
    return 1 if failed or not catalog_ok else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="encyclopress",
        description="Build encyclopedia articles (plain text) into a print PDF and an EPUB 3.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files (default: every content/*.txt)")
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                        help="output folder (default: out/)")
    parser.add_argument("--formats", default=",".join(WRITERS), metavar="LIST",
                        help=f"comma-separated formats to build (default: {','.join(WRITERS)})")
    return parser


def _formats(parser: argparse.ArgumentParser, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        parser.error(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(WRITERS)}")
    return tuple(f for f in WRITERS if f in formats)  # the catalog last, after the editions it links


def _report(result: Result) -> None:
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)


def _catalog(out_dir: Path, project: Project) -> bool:
    """The feeds and the catalog page, over all of out/ (earlier runs' publications too)."""
    result = build_catalog(out_dir, project)
    _report(result)
    return result.ok


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
