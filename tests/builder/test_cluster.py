"""Batches on a real Dask cluster (two worker processes on 127.0.0.1): the same bytes as a
local build, a worker killed mid-article, an article that kills its workers, an interrupted
client, workers of another version, and Dask missing."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import pytest
from distributed import Client, WorkerPlugin
from helpers import ARTICLES, ROOT, SEED

from encyclopress.builder.cluster import local_cluster
from encyclopress.builder.options import BuildOptions
from encyclopress.builder.remote import Job, build_remote, identity
from encyclopress.cli import main

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module

BATCH = [SEED, *ARTICLES]
KILLED = ROOT / "tests" / "articles" / "the-steppe-press.txt"  # editions in three languages: a long build


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    """Two worker processes on 127.0.0.1, as `--scheduler local` starts them: a worker dying
    twice on one article fails it (the scheduler's `allowed-failures`, as README tells IT to set)."""
    with local_cluster(2) as local, Client(local) as client:
        yield client


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch built by two local processes, dated by the files' times as an undated build is."""
    out = tmp_path_factory.mktemp("local")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert main([*map(str, BATCH), "--out", str(out), "--jobs", "2", "--quiet"], root=ROOT) == 0
    return out


@pytest.fixture(autouse=True)
def _undated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def files(out: Path) -> dict[str, bytes]:
    """Every file under `out` (the catalog's folders too), by its path there."""
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def summary(err: str) -> str:
    """The run's last line (the articles' warnings, such as a missing licence, come before it)."""
    return err.splitlines()[-1]


class KillWhileWriting(WorkerPlugin):
    """SIGKILLs its worker process while `article` is being built, as it stages its EPUB (its
    PDF already written): for the first `kills` attempts, counted in `marks`, which outlives
    the workers. Every attempt leaves `attempt-<pid>-<time>` there."""

    name = "kill-while-writing"

    def __init__(self, article: Path, marks: Path, kills: int) -> None:
        self.stem, self.marks, self.kills = article.stem, marks, kills

    def setup(self, worker: object) -> None:
        from encyclopress.rendering import output

        plugin, stage_path = self, output.Stage.path
        self.original = stage_path

        def path(stage: output.Stage, name: str) -> Path:
            if name == f"{plugin.stem}.epub":
                (plugin.marks / f"attempt-{os.getpid()}-{time.monotonic_ns()}").touch()
                if len(list(plugin.marks.glob("attempt-*"))) <= plugin.kills:
                    os.kill(os.getpid(), signal.SIGKILL)
            return stage_path(stage, name)

        output.Stage.path = path

    def teardown(self, worker: object) -> None:
        from encyclopress.rendering import output

        output.Stage.path = self.original


@pytest.fixture
def killing(cluster: Client, tmp_path: Path):
    """Register a KillWhileWriting on the workers (those restarted after a kill too)."""
    marks = tmp_path / "marks"
    marks.mkdir()

    def register(kills: int) -> Path:
        cluster.register_plugin(KillWhileWriting(KILLED, marks, kills))
        return marks

    yield register
    cluster.unregister_worker_plugin(KillWhileWriting.name)


def test_a_cluster_build_is_byte_identical_to_a_local_one(cluster, local_build, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([*map(str, BATCH), "--out", str(out), "--scheduler", cluster.scheduler.address], root=ROOT) == 0
    assert summary(capsys.readouterr().err) == f"encyclopress: {len(BATCH)} built, 0 failed"
    assert files(out) == files(local_build)
    assert len(files(out)) > 6 * len(BATCH)  # every format of every article, and the catalog


def test_a_worker_killed_mid_article_is_retried_on_another(cluster, killing, local_build, tmp_path, capsys):
    marks = killing(kills=1)
    out = tmp_path / "out"
    assert main([*map(str, BATCH), "--out", str(out), "--scheduler", cluster.scheduler.address], root=ROOT) == 0
    attempts = [path.name.split("-")[1] for path in marks.glob("attempt-*")]
    assert len(attempts) == len(set(attempts)) == 2  # killed once, built by another worker process the second time
    assert files(out) == files(local_build)  # complete, and no partial file of the killed attempt
    assert summary(capsys.readouterr().err) == f"encyclopress: {len(BATCH)} built, 0 failed"


def test_an_article_killing_its_workers_twice_fails_alone(cluster, killing, local_build, tmp_path, capsys):
    marks = killing(kills=2)
    out = tmp_path / "out"
    others = [SEED, ROOT / "tests" / "articles" / "no-infobox.txt"]
    assert main([str(KILLED), *map(str, others), "--out", str(out), "--scheduler", cluster.scheduler.address],
                root=ROOT) == 1
    assert len(list(marks.glob("attempt-*"))) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if ": error: " in line] == [
        f"{KILLED}: error: the workers building it died twice (killed, or out of memory); not built"]
    assert summary(err) == "encyclopress: 2 built, 1 failed"
    assert not _files_of(KILLED, out)
    for article in others:
        assert _files_of(article, out) == _files_of(article, local_build)
        assert all((out / name).read_bytes() == (local_build / name).read_bytes() for name in _files_of(article, out))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_client_cancels_its_articles_and_leaves_no_partial_file(cluster, local_build, tmp_path, signum):
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *map(str, BATCH), "--out", str(out),
                              "--scheduler", cluster.scheduler.address], stderr=subprocess.PIPE, text=True)
    while not list(out.glob("*.pdf")) and build.poll() is None:  # an article committed, others under way
        time.sleep(0.01)
    build.send_signal(signum)
    err = build.communicate(timeout=60)[1]
    assert build.returncode == 128 + signum, err
    assert err.endswith(f"encyclopress: interrupted by {signum.name}; no partial file left\n")
    assert not list(out.glob(".*.part"))
    for article in BATCH:  # each article's files all there, or none
        assert _files_of(article, out) in (set(), _files_of(article, local_build))
    assert _tasks_left(cluster) == 0


def _files_of(article: Path, out: Path) -> set[str]:
    return {path.name for path in out.glob(f"{article.stem}.*")}


def _tasks_left(client: Client) -> int:
    """The scheduler's tasks, once the cancelled ones are gone (it forgets them within moments)."""
    for _ in range(100):
        left = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
        if not left:
            break
        time.sleep(0.1)
    return left


def test_workers_of_another_version_are_refused(cluster, tmp_path, capsys):
    def pretend() -> None:
        from encyclopress.builder import remote

        remote.real_identity, remote.identity = remote.identity, lambda: "encyclopress 9.9.9 (tool 0123456789ab)"

    def restore() -> None:
        from encyclopress.builder import remote

        remote.identity = remote.real_identity

    cluster.run(pretend)
    try:
        code = main([str(SEED), "--out", str(tmp_path / "out"), "--scheduler", cluster.scheduler.address], root=ROOT)
    finally:
        cluster.run(restore)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("encyclopress: error: worker tcp://127.0.0.1:")
    assert err.endswith(" runs encyclopress 9.9.9 (tool 0123456789ab), this client encyclopress 0.1.0 "
                        f"(tool {_tool()[:12]}): install the same version on every worker\n")
    assert err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def _tool() -> str:
    from encyclopress.core.cachedir import tool_digest

    return tool_digest(ROOT)


def test_scheduler_local_starts_its_own_cluster(tmp_path, capsys):
    out = tmp_path / "out"
    article = ROOT / "tests" / "articles" / "no-infobox.txt"
    assert main([str(article), "--out", str(out), "--formats", "epub", "--scheduler", "local", "--jobs", "1"],
                root=ROOT) == 0
    assert sorted(files(out)) == ["no-infobox.epub"]
    assert summary(capsys.readouterr().err) == "encyclopress: 1 built, 0 failed"


def test_without_dask_the_scheduler_option_says_what_to_install(tmp_path, monkeypatch, capsys):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "distributed"
                        else find_spec(name, *rest))
    assert main([str(SEED), "--out", str(tmp_path / "out"), "--scheduler", "local"], root=ROOT) == 2
    assert capsys.readouterr().err == ("encyclopress: error: --scheduler needs Dask, which is not installed: "
                                       "pip install -e '.[cluster]'\n")
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("encyclopress.builder.cluster.WORKER_WAIT", 1)
    assert main([str(SEED), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"], root=ROOT) == 2
    err = capsys.readouterr().err
    assert err.startswith("encyclopress: error: cannot reach the scheduler tcp://127.0.0.1:9: ")
    assert err.count("\n") == 1


def test_a_worker_reports_problems_at_the_clients_paths(write):
    """build_remote as a worker runs it (here in-process): the lines name the client's files."""
    bad = write("bad.txt", "= Bad =\nLead.\n== History =\nText.\n")
    shipment = build_remote(Job(bad, bad.read_bytes(), None, BuildOptions(formats=("epub",)), identity()))
    assert not shipment.ok and not shipment.outputs
    assert [str(d) for d in shipment.diagnostics] == [f"{bad}:3: error: unbalanced heading markers '==' and '='"]


def test_a_worker_of_another_version_refuses_each_article(write):
    """A worker that joined after the check still builds nothing another client's version asked for."""
    good = write("good.txt", "= Good =\n\nA short article.\n")
    shipment = build_remote(Job(good, good.read_bytes(), None, BuildOptions(), "encyclopress 9.9.9 (tool 0123456789ab)"))
    assert not shipment.ok and not shipment.outputs
    assert [str(d) for d in shipment.diagnostics] == [
        f"{good}: error: this worker runs {identity()}, the client encyclopress 9.9.9 (tool 0123456789ab)"]
