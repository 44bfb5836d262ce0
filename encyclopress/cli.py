"""Command line: `encyclopress [PATH...] [--out DIR] [--formats pdf,epub] [--paper a5] [--press] [--strict]`…

Exit 0 when every article built, 1 when any failed (the others are still built), 2 for
usage errors and a cluster that cannot be used, 75 when another run is building into the
same output folder (without --wait), 128 + the signal's number when interrupted (SIGINT, SIGTERM). Problems
are printed as `path:line: error: message`, never as tracebacks.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import NoReturn

from encyclopress.builder.batch import build_all, build_shelf, default_jobs, progress
from encyclopress.builder.lock import Busy, output_lock
from encyclopress.builder.options import BuildOptions, Result
from encyclopress.builder.writers import DEFAULT_FORMATS, WRITERS
from encyclopress.core.diagnostics import BuildError
from encyclopress.core.paper import PAPERS
from encyclopress.engine.exit import leave
from encyclopress.rendering.context import Project, source_date_epoch

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUSY = 75  # another run is building into the same folder: EX_TEMPFAIL, "try again later"


def main(argv: list[str] | None = None, root: Path = PROJECT_ROOT) -> int:
    project = Project(root)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        return _serve(argv[1:], project)
    parser = _parser()
    args = parser.parse_args(argv)
    formats = tuple(dict.fromkeys(_formats(parser, args.formats) + _on_request(args)))
    sources = _sources(args.paths, project)
    if not sources:
        parser.error(f"no articles given and none in {project.content}")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} is a file, not a folder")
    try:
        if args.date is None:
            source_date_epoch()  # malformed, it would fail every article: stop before the first
    except BuildError as error:
        print(error, file=sys.stderr)
        return 2
    options = BuildOptions(formats, _locales(parser, args.locale), args.paper, args.strict, args.date)
    bar = progress(len(sources), args.quiet)
    report = _report if bar is None else lambda result: (bar(result), _report(result))
    try:
        if args.scheduler is not None:
            from encyclopress.builder.cluster import (
                require_dask,  # reads and stages: only for clusters
            )

            require_dask()
        with _interrupts_raised(), output_lock(args.out, args.wait, _waiting(args.out)):
            results = build_all(sources, args.out, options, project, report, args.jobs, args.scheduler)
            catalog_ok = "catalog" not in formats or _catalog(args.out, project)
    except Interrupted as interrupt:
        print(f"encyclopress: interrupted by {interrupt.name}; no partial file left", file=sys.stderr)
        return 128 + interrupt.signum
    except Busy as busy:
        print(busy, file=sys.stderr)
        return BUSY
    except BuildError as error:  # the cluster cannot be used
        print(error, file=sys.stderr)
        return 2
    failed = sum(not r.ok for r in results)
    cached = sum(r.cached for r in results)
    unchanged = f"{cached} up to date, " if cached else ""
    print(f"encyclopress: {len(results) - failed - cached} built, {unchanged}{failed} failed", file=sys.stderr)
    return 1 if failed or not catalog_ok else 0


def run(argv: list[str] | None = None, root: Path = PROJECT_ROOT) -> NoReturn:
    """The command line as a program (build.py, the console script): main(), then leave."""
    leave(main(argv, root))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="encyclopress",
        description="Build encyclopedia articles (plain text) into a print PDF and an EPUB 3.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article files and collection files (default: every content/*.txt, "
                             "then every content/*.collection.toml)")
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
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors: an article with any warning fails")
    parser.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                        help="the build date written into the outputs (default: SOURCE_DATE_EPOCH "
                             "if set, else the article's modification time)")
    parser.add_argument("--jobs", type=_positive, default=default_jobs(), metavar="N",
                        help="articles built at once, in worker processes; one article alone lays out its booklet "
                             "in a second process beside its PDF unless N is 1 (default: the number of CPUs)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="build on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' "
                             "for --jobs worker processes on this machine; needs the [cluster] extra")
    parser.add_argument("--wait", action="store_true",
                        help="if another run is building into the same --out, wait for it (default: fail at once)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar (none is shown when not on a terminal)")
    return parser


def _sources(paths: list[Path], project: Project) -> list[Path]:
    """The articles, then the collections (`<name>.collection.toml`): given, else all of content/."""
    from encyclopress.reading.collection import SUFFIX, is_collection

    found = paths or sorted(project.content.glob("*.txt")) + sorted(project.content.glob(f"*{SUFFIX}"))
    return [p for p in found if not is_collection(p)] + [p for p in found if is_collection(p)]


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="encyclopress serve",
        description="Serve the output folder over HTTP on this machine: the catalog page, the OPDS feeds "
                    "with search, every publication's files.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="articles to rebuild with --watch (default: every content/*.txt)")
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                        help="the folder to serve (default: out/)")
    parser.add_argument("--port", type=_port, default=8000, help="TCP port (default: 8000; 0: any free one)")
    parser.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                        help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--public", action="store_true",
                        help="allow --bind to an address other machines can reach")
    parser.add_argument("--watch", action="store_true",
                        help="rebuild an article when its text or sidecar changes; open pages reload")
    parser.add_argument("--formats", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                        help="formats rebuilt with --watch (as for a build)")
    return parser


def _serve(argv: list[str], project: Project) -> int:
    """`encyclopress serve`: the catalog brought up to date, then out/ served until interrupted."""
    from encyclopress.serve.command import is_loopback, serve

    parser = _serve_parser()
    args = parser.parse_args(argv)
    if not is_loopback(args.bind) and not args.public:
        parser.error(f"--bind {args.bind} lets other machines read {args.out}: add --public if that is meant")
    formats = _formats(parser, args.formats)
    sources = _sources(args.paths, project)
    options = BuildOptions(formats)

    def rebuild(changed: list[Path]) -> bool:
        with output_lock(args.out, True, _waiting(args.out)):  # as any build into out/: one at a time
            results = build_all(changed, args.out, options, project, _report)
            _catalog(args.out, project)
        return any(result.ok and not result.cached for result in results)

    args.out.mkdir(parents=True, exist_ok=True)
    if not _catalog(args.out, project):
        return 1
    try:
        with _interrupts_raised():  # SIGTERM stops it as Ctrl-C does
            return serve(args.out, project, (args.bind, args.port), rebuild if args.watch else None, sources)
    except OSError as error:  # the port is taken, the address is not this machine's
        print(f"encyclopress: cannot serve on {args.bind}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port: {value!r}")
    return int(value)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _day(value: str) -> datetime:
    """`--date 2024-05-01` → midnight UTC that day."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.combine(date.fromisoformat(value), time(), timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {value!r}") from None


def _on_request(args: argparse.Namespace) -> tuple[str, ...]:
    """Formats the flags ask for on top of --formats."""
    return (("2up",) if args.handout == "2up" else ()) + (("press",) if args.press else ())


def _locales(parser: argparse.ArgumentParser, value: str) -> tuple[str, ...]:
    from encyclopress.core.i18n import (
        is_known_locale,  # Babel: loaded only when editions are named
    )

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


def _waiting(out_dir: Path) -> Callable[[str], None]:
    def say(holder: str) -> None:
        print(f"encyclopress: waiting for the other run building into {out_dir} ({holder}) to end", file=sys.stderr)
    return say


def _report(result: Result) -> None:
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)


def _catalog(out_dir: Path, project: Project) -> bool:
    """The feeds and the catalog page, over all of out/ (earlier runs' publications too)."""
    result = build_shelf(out_dir, project)  # only what changed in out/ since the last
    _report(result)
    return result.ok


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM: unwinds like Ctrl-C, so staged outputs are removed on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


@contextmanager
def _interrupts_raised() -> Iterator[None]:
    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
