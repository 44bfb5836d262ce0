"""Command line: `encyclopress [PATH...] [--out DIR] [--formats pdf,epub] [--paper a5] [--press]`.

Exit 0 when every article built, 1 when any failed (the others are still built), 2 for
usage errors. Problems are printed as `path:line: error: message`, never as tracebacks.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .context import Project
from .editions import is_known_locale
from .paper import PAPERS
from .pipeline import DEFAULT_FORMATS, WRITERS, BuildOptions, Result, build_all
from .feeds import build_catalog

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None, root: Path = PROJECT_ROOT) -> int:
    project = Project(root)
    parser = _parser()
    args = parser.parse_args(argv)
    requested = _formats(parser, args.formats) + _on_request(args)
    formats = tuple(f for f in WRITERS if f in requested)  # the catalog last, after the editions it links
    sources = args.paths or sorted(project.content.glob("*.txt"))
    if not sources:
        parser.error(f"no articles given and none in {project.content}")
    signal.signal(signal.SIGTERM, _terminate)  # so staged outputs are cleaned up as on Ctrl-C
    options = BuildOptions(formats, _locales(parser, args.locale), args.paper)
    results = build_all(sources, args.out, options, project, _report)
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
    parser.add_argument("--formats", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                        help=f"comma-separated formats to build (default: {','.join(DEFAULT_FORMATS)}; "
                             f"also: {','.join(f for f in WRITERS if f not in DEFAULT_FORMATS)})")
    parser.add_argument("--locale", default="", metavar="LIST",
                        help="editions to build, e.g. en,kk,ru (default: the sidecar's locales, else its locale)")
    parser.add_argument("--paper", choices=PAPERS,
                        help="paper size of the print edition (default: the sidecar's, else a4)")
    parser.add_argument("--handout", choices=["2up"],
                        help="also build <slug>.2up.pdf: A5 pages two to a landscape sheet, in order")
    parser.add_argument("--press", action="store_true",
                        help="also build <slug>.press.pdf: PDF/X-4 with 3 mm bleed and crop marks")
    return parser


def _on_request(args: argparse.Namespace) -> tuple[str, ...]:
    """Formats the flags ask for on top of --formats."""
    return (("2up",) if args.handout == "2up" else ()) + (("press",) if args.press else ())


def _locales(parser: argparse.ArgumentParser, value: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in value.split(",") if code.strip())
    unknown = [code for code in codes if not is_known_locale(code)]
    if unknown:
        parser.error(f"unknown locale {', '.join(unknown)}")
    return codes


def _formats(parser: argparse.ArgumentParser, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        parser.error(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(WRITERS)}")
    return formats


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
