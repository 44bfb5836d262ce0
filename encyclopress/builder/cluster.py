"""Batches on a Dask cluster (`--scheduler ADDRESS`, or `--scheduler local` for a LocalCluster):
the client's side. Dask is the optional extra `[cluster]`, imported only here.

Workers need the package, not the content folder: each article goes out as bytes, is built
on a worker in a folder of its own (remote.py), and comes back as bytes that this client
commits into out/ through the same staging as a local build, so a file there is whole or
absent. The build cache, the catalog and the progress bar stay with the client (batch.py).

A worker that dies mid-article (killed, out of memory) costs only that attempt: the
scheduler gives the article to another worker. An article on which workers die twice
(`allowed-failures` = 1, set for `local`; README says how to start a scheduler so) is
reported as failed and the batch goes on.
"""

from __future__ import annotations

import importlib.util
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from encyclopress.builder.options import BuildOptions, Result, attempt
from encyclopress.builder.remote import Job, Shipment, build_remote, identity
from encyclopress.core.diagnostics import BuildError, fail
from encyclopress.reading.reader import article_bytes
from encyclopress.rendering.context import Project, build_moment
from encyclopress.rendering.output import staged

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

LOCAL = "local"  # --scheduler local: a LocalCluster of --jobs worker processes on this machine
INSTALL = "pip install -e '.[cluster]'"
# One article per worker thread: a worker that dies counts a death against every article it
# holds, so an article waiting behind a killer would die with it; the next article is sent
# as soon as one is done (before it is committed), so a worker idles only for that round trip.
IN_FLIGHT_PER_THREAD = 1
WORKER_WAIT = 60  # seconds to wait for a first worker to join the scheduler


def unusable(message: str) -> BuildError:
    """The cluster cannot be used at all (not installed, unreachable, other versions): one line."""
    return fail("encyclopress", None, message)


def require_dask() -> None:
    if importlib.util.find_spec("distributed") is None:
        raise unusable(f"--scheduler needs Dask, which is not installed: {INSTALL}")


def build_on_cluster(sources: list[Path], out_dir: Path, options: BuildOptions, project: Project,
                     scheduler: str, jobs: int) -> Iterator[Result]:
    """Build `sources` on the cluster, yielding each article's result as it is committed."""
    with _connected(scheduler, jobs) as client:
        mine = identity(project.root)
        _check_workers(client, mine)
        yield from _run(client, sources, out_dir, options, mine)


@contextmanager
def _connected(scheduler: str, jobs: int) -> Iterator[Client]:
    from distributed import Client

    try:
        cluster = local_cluster(jobs) if scheduler == LOCAL else None
        client = Client(cluster or scheduler, timeout=WORKER_WAIT)
    except OSError as error:  # unreachable, refused, timed out
        raise unusable(f"cannot reach the scheduler {scheduler}: {error}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def local_cluster(jobs: int) -> LocalCluster:
    """`jobs` worker processes on this machine, reachable from it only (its HTTP routes too)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):  # the second death fails the article
        return LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL)  # the build reports, in its lines


def _check_workers(client: Client, mine: str) -> None:
    """Refuse a cluster whose workers would build other bytes than this client would."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
        theirs = client.run(identity)
    except TimeoutError:
        raise unusable(f"no worker joined the scheduler in {WORKER_WAIT} s") from None
    except ImportError as error:
        raise unusable(f"a worker has no encyclopress ({error}): install it there") from None
    for address, them in sorted(theirs.items()):
        if them != mine:
            raise unusable(f"worker {address} runs {them}, this client {mine}: "
                       "install the same version on every worker")


def _run(client: Client, sources: list[Path], out_dir: Path, options: BuildOptions, mine: str) -> Iterator[Result]:
    from distributed import as_completed

    waiting = iter(sources)
    running: dict[Future, Path] = {}
    done = as_completed()

    def send_next() -> list[Result]:
        """Send the next article; those before it that this client cannot even read fail here."""
        unreadable = []
        for source in waiting:
            result = Result(source)
            with attempt(result):
                future = client.submit(build_remote, _job(source, options, mine), pure=False,
                                       key=f"encyclopress-{source.stem}-{uuid.uuid4().hex}")
                running[future] = source
                done.add(future)
                return unreadable
            unreadable.append(result)
        return unreadable

    try:
        for _ in range(IN_FLIGHT_PER_THREAD * sum(client.nthreads().values())):
            yield from send_next()
        for future in done:
            source = running.pop(future)
            unreadable = send_next()
            yield _commit(source, future, out_dir)  # dropped, the future frees its bytes on the cluster
            yield from unreadable
    finally:  # interrupted, or the caller stopped: nothing more is built
        if running:
            client.cancel(list(running), force=True)


def _job(source: Path, options: BuildOptions, mine: str) -> Job:
    """The article as bytes, its build date settled here, as a local build would settle it."""
    sidecar = source.with_suffix(".toml")
    text = article_bytes(source)
    date = options.date or build_moment(source, sidecar)
    return Job(source, text, sidecar.read_bytes() if sidecar.exists() else None, replace(options, date=date), mine)


def _commit(source: Path, future: Future, out_dir: Path) -> Result:
    """The worker's shipment written into out/ all together, or its failure reported."""
    from distributed import KilledWorker

    result = Result(source)
    with attempt(result):  # a task that failed on the worker (a bug, a lost scheduler) fails its article
        try:
            shipment: Shipment = future.result()
        except KilledWorker:
            raise fail(source, None, "the workers building it died twice (killed, or out of memory); not built") from None
        result.diagnostics += shipment.diagnostics
        if shipment.ok:
            with staged(out_dir) as stage:
                for name, content in shipment.outputs:
                    stage.path(name).write_bytes(content)
            result.outputs = sorted(stage.pending)
            result.ok = True
    return result
