"""One article built on a cluster worker, which has the package installed but none of the
client's files: the article and its sidecar arrive as bytes, are built in a private
temporary folder, and the outputs go back as bytes for the client to commit (cluster.py).

It imports no Dask: a worker runs these functions as plain Python, and the client pickles
the job and the shipment, both plain data.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from encyclopress import __version__
from encyclopress.builder.options import BuildOptions
from encyclopress.core.cachedir import PACKAGE, tool_digest
from encyclopress.core.diagnostics import Diagnostic
from encyclopress.engine.memory import return_freed_memory
from encyclopress.rendering.context import Project


@dataclass(frozen=True)
class Job:
    source: Path  # the client's path: the article's file name, and where its diagnostics point
    text: bytes
    sidecar: bytes | None
    options: BuildOptions  # its date already settled by the client: workers' clocks and files do not count
    identity: str  # the client's `identity()`: a worker with another one refuses the job


@dataclass(frozen=True)
class Shipment:
    ok: bool
    outputs: tuple[tuple[str, bytes], ...]  # (file name, content), in name order
    diagnostics: tuple[Diagnostic, ...]


@cache
def identity(root: Path = PACKAGE.parent) -> str:
    """The version and the digest of everything that shapes the outputs (code, templates,
    styles, fonts): equal on client and worker, the same input gives the same bytes."""
    return f"encyclopress {__version__} (tool {tool_digest(root)[:12]})"


def build_remote(job: Job) -> Shipment:
    """Build `job` with this worker's installed package, in a folder of its own."""
    from encyclopress.builder.pipeline import build_article

    if job.identity != identity():
        mismatch = Diagnostic(job.source, None, f"this worker runs {identity()}, the client {job.identity}")
        return Shipment(False, (), (mismatch,))
    with tempfile.TemporaryDirectory(prefix="encyclopress-") as folder:
        source = Path(folder) / "in" / job.source.name
        source.parent.mkdir()
        source.write_bytes(job.text)
        if job.sidecar is not None:
            source.with_suffix(".toml").write_bytes(job.sidecar)
        result = build_article(source, Path(folder) / "out", job.options, Project(PACKAGE.parent))
        outputs = tuple((path.name, path.read_bytes()) for path in result.outputs)
    return_freed_memory()  # glibc keeps what an article freed: a worker's memory would creep up
    named = {source: job.source, source.with_suffix(".toml"): job.source.with_suffix(".toml")}
    diagnostics = tuple(replace(d, path=named.get(Path(d.path), d.path)) for d in result.diagnostics)
    return Shipment(result.ok, outputs, diagnostics)
