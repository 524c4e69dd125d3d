"""--engine dask: the same outputs as the local engine, on a LocalCluster of two worker
processes (shared by the tests of this module through --scheduler) and on a real
``dask scheduler`` with two ``dask worker`` processes, one of which is killed mid-run."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.records import CLAIM_COLUMNS
from conftest import ROOT, SOURCES, requires_model

pytest.importorskip("distributed")
pytestmark = pytest.mark.filterwarnings("ignore")

runner = CliRunner()
GOLDEN = ROOT / "data" / "claims.csv"


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A generated corpus of about 30,000 words (28 articles) with a manifest, a binary
    file that is skipped, and a JSONL table of the same articles with a bad record."""
    folder = tmp_path_factory.mktemp("corpus")
    _bench().build_corpus(folder / "articles", 30_000)
    (folder / "articles" / "broken.txt").write_bytes(b"\x00\x01\x02 not text" * 10)
    lines = []
    for i, path in enumerate(sorted((folder / "articles").glob("*.txt"))):
        if path.name == "broken.txt":
            continue
        lines.append(json.dumps({"id": f"j-{path.stem}", "text": path.read_text(),
                                 "published": "2025-10-30"}))
        if i == 5:
            lines.append("{not json")
    first = min(p.stem for p in (folder / "articles").glob("*.txt") if p.name != "broken.txt")
    lines.append(json.dumps({"id": f"j-{first}", "text": "A repeated id: 5% more."}))
    (folder / "table.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.output


def _same_files(a: Path, b: Path) -> None:
    assert a.read_bytes() == b.read_bytes(), f"{a} and {b} differ"


def _skipped(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("Skipped"))


# ------------------------------------------------------------------------------ the extra


def test_without_the_extra_one_line_names_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    code, out = _run("extract", str(SOURCES), "-m", "rules", "--engine", "dask",
                     "-o", str(tmp_path / "x.csv"))
    assert code == 1
    assert "pip install 'claimcheck[dask]'" in out
    assert "Traceback" not in out
    assert not (tmp_path / "x.csv").exists()


def test_dask_is_imported_only_for_the_dask_engine(tmp_path):
    code = ("import sys; from claimcheck.cli import main; sys.argv = ['claimcheck', "
            f"'extract', {str(SOURCES)!r}, '-m', 'rules', '-q', '-o', "
            f"{str(tmp_path / 'x.csv')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('dask' in sys.modules, 'distributed' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_scheduler_without_dask_engine_is_a_usage_error():
    code, out = _run("extract", str(SOURCES), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2
    assert "--engine dask" in out


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    from claimcheck.engines import dask as engine_dask

    monkeypatch.setattr(engine_dask, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, out = _run("extract", str(SOURCES), "-m", "rules", "--engine", "dask",
                     "--scheduler", f"tcp://127.0.0.1:{port}", "-o", str(tmp_path / "x.csv"))
    assert code == 1
    assert "cannot reach the Dask scheduler" in out
    assert "Traceback" not in out


# ------------------------------------------------------------------------------ identity


@requires_model
def test_sample_extract_conflicts_and_report_identical(cluster, tmp_path):
    dask = ("--engine", "dask", "--scheduler", cluster)
    code, _ = _run("extract", str(SOURCES), *dask, "-o", str(tmp_path / "claims.csv"))
    assert code == 0
    _same_files(GOLDEN, tmp_path / "claims.csv")
    for extra in ((), ("--pairs",)):
        code, _ = _run("conflicts", str(SOURCES), "--no-cache", *extra,
                       "-o", str(tmp_path / "local.csv"))
        assert code == 0
        code, _ = _run("conflicts", str(SOURCES), *dask, *extra, "-o", str(tmp_path / "d.csv"))
        assert code == 0
        _same_files(tmp_path / "local.csv", tmp_path / "d.csv")
        assert len((tmp_path / "d.csv").read_text().splitlines()) > 3
    stamp = re.compile(r"Generated by claimcheck on [^.]*\.")
    _run("report", str(SOURCES), "--no-cache", "-o", str(tmp_path / "local.html"))
    code, _ = _run("report", str(SOURCES), *dask, "-o", str(tmp_path / "d.html"))
    assert code == 0
    local = stamp.sub("", (tmp_path / "local.html").read_text())
    assert stamp.sub("", (tmp_path / "d.html").read_text()) == local
    assert "Busan" in local


def test_generated_corpus_identical_with_small_parts(cluster, corpus, tmp_path, monkeypatch):
    from claimcheck.engines import dask as engine_dask

    # parts of a few files, and the JSONL table read in several byte ranges
    monkeypatch.setattr(engine_dask, "PART_BYTES", 40_000)
    monkeypatch.setattr(engine_dask, "MIN_PART_BYTES", 1_000)
    inputs = [str(corpus / "articles"), str(corpus / "table.jsonl")]
    dask = ("--engine", "dask", "--scheduler", cluster)
    code_l, out_l = _run("extract", *inputs, "-m", "rules", "--no-cache",
                         "-o", str(tmp_path / "local.csv"))
    code_d, out_d = _run("extract", *inputs, "-m", "rules", *dask,
                         "-o", str(tmp_path / "dask.csv"))
    assert code_l == code_d == 3  # inputs skipped
    _same_files(tmp_path / "local.csv", tmp_path / "dask.csv")
    assert _skipped(out_d) == _skipped(out_l)
    skipped = "\n".join(_skipped(out_d))
    assert "broken.txt" in skipped and "not valid JSON" in skipped and "duplicate" in skipped
    code_l, _ = _run("conflicts", *inputs, "-m", "rules", "--no-cache",
                     "-o", str(tmp_path / "c_local.csv"))
    code_d, _ = _run("conflicts", *inputs, "-m", "rules", *dask, "-o", str(tmp_path / "c.csv"))
    assert code_l == code_d == 3
    _same_files(tmp_path / "c_local.csv", tmp_path / "c.csv")
    assert len((tmp_path / "c.csv").read_text().splitlines()) > 20


def test_jsonl_ranges_cover_every_line_once(corpus, monkeypatch):
    from claimcheck.engines import dask as engine_dask
    from claimcheck.settings import Settings

    monkeypatch.setattr(engine_dask, "MIN_PART_BYTES", 1_000)
    size = (corpus / "table.jsonl").stat().st_size
    parts, _ = engine_dask.plan_parts([str(corpus / "table.jsonl")], Settings(), 2,
                                      part_bytes=size // 7)
    assert len(parts) >= 7
    reads = [engine_dask.read_part(p, Settings(model="rules")) for p in parts]
    ids = [a.id for r in reads for a in r.articles]
    assert len(ids) == len((corpus / "table.jsonl").read_text().splitlines()) - 1  # bad line
    assert sum(r.lines for r in reads) == len((corpus / "table.jsonl").read_text().splitlines())


def test_claims_table_in_chunks_identical(cluster, tmp_path, monkeypatch):
    from claimcheck.engines import dask as engine_dask

    monkeypatch.setattr(engine_dask, "TABLE_CHUNK_BYTES", 300_000)
    table = tmp_path / "claims.csv"
    _bench().build_claims(table, 10_000)
    dask = ("--engine", "dask", "--scheduler", cluster)
    for extra in ((), ("--pairs",)):
        _run("conflicts", str(table), *extra, "-o", str(tmp_path / "local.csv"),
             "--updates", str(tmp_path / "u_local.csv"))
        code, out = _run("conflicts", str(table), *dask, *extra, "-o", str(tmp_path / "d.csv"),
                         "--updates", str(tmp_path / "u_dask.csv"))
        assert code == 0, out
        _same_files(tmp_path / "local.csv", tmp_path / "d.csv")
        _same_files(tmp_path / "u_local.csv", tmp_path / "u_dask.csv")
        assert len((tmp_path / "d.csv").read_text().splitlines()) > 300


def test_bad_claims_table_row_is_one_line(cluster, tmp_path):
    table = tmp_path / "claims.csv"
    text = GOLDEN.read_text().splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("char_start")] = "twelve"
    table.write_text("\n".join([text[0], ",".join(row)]) + "\n")
    code, out = _run("conflicts", str(table), "--engine", "dask", "--scheduler", cluster,
                     "-o", str(tmp_path / "c.csv"))
    assert code == 1
    assert "row 2, column char_start" in out
    assert "Traceback" not in out
    assert not (tmp_path / "c.csv").exists()


def test_parquet_dataset_has_the_columns_and_rows_of_the_file(cluster, corpus, tmp_path):
    import pyarrow.parquet as pq

    articles = str(corpus / "articles")
    _run("extract", articles, "-m", "rules", "--no-cache", "-o", str(tmp_path / "one.parquet"))
    out = tmp_path / "claims.parquet"
    for _ in range(2):  # the second run replaces the dataset
        code, msg = _run("extract", articles, "-m", "rules", "--engine", "dask",
                         "--scheduler", cluster, "-o", str(out))
        assert code == 3, msg
    assert out.is_dir() and list(out.glob("*.parquet"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left
    one = pq.read_table(tmp_path / "one.parquet")
    dataset = pq.read_table(out)
    assert dataset.schema.names == one.schema.names
    assert [f.type for f in dataset.schema] == [f.type for f in one.schema]
    assert dataset.to_pylist() == one.to_pylist()
    assert one.num_rows > 100


def test_fsspec_memory_and_file_urls(corpus):
    """A glob of memory:// files (workers threads of this process share its memory
    filesystem) and a file:// URL read like the local files."""
    import fsspec
    from distributed import Client, LocalCluster

    from claimcheck import pipeline
    from claimcheck.engines import dask as engine_dask
    from claimcheck.settings import Settings

    settings = Settings(model="rules")
    fs = fsspec.filesystem("memory")
    files = sorted(p for p in (corpus / "articles").glob("*.txt") if p.name != "broken.txt")
    for p in files[:6]:
        fs.pipe(f"/news/{p.name}", p.read_bytes())
    local = pipeline.extract([str(p) for p in files[:6]], settings)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as lc, Client(lc) as client:
        ticks = []
        run = engine_dask.extract(client, ["memory://news/*.txt"], settings, ticks.append)
        assert len(ticks) == 6  # the progress bar advances once per article
        got = engine_dask.frame_claims(run.claims.compute())
        assert list(engine_dask.public(run.claims).columns) == list(CLAIM_COLUMNS)
        assert [a.id for a in run.articles] == [p.stem for p in files[:6]]
        assert got == list(local.claims)
        url = files[0].resolve().as_uri()
        run = engine_dask.extract(client, [url], settings)
        assert engine_dask.frame_claims(run.claims.compute()) == [
            c for c in local.claims if c.source == files[0].stem]
        run = engine_dask.extract(client, ["memory://nowhere/*.txt"], settings)
        assert [p.message for p in run.problems] == ["no such file or folder"]
    fs.rm("/news", recursive=True)


def test_own_local_cluster_of_jobs_workers(tmp_path):
    """Without --scheduler the CLI starts (and stops) a LocalCluster of --jobs workers."""
    code, out = _run("extract", str(SOURCES), "-m", "rules", "--engine", "dask", "--jobs", "2",
                     "-o", str(tmp_path / "d.csv"))
    assert code == 0, out
    _run("extract", str(SOURCES), "-m", "rules", "--no-cache", "-o", str(tmp_path / "l.csv"))
    _same_files(tmp_path / "l.csv", tmp_path / "d.csv")


def test_worker_memory_limits_the_local_cluster_workers(tmp_path, monkeypatch):
    """--worker-memory gives each LocalCluster worker Dask's memory_limit (beyond which
    its data spills to disk), never pausing or restarting it; the output is the same."""
    from claimcheck.engines import dask as engine_dask
    from claimcheck.settings import Settings

    seen = {}
    real = engine_dask.connect

    def connect(scheduler, workers, settings, memory_limit=None):
        seen["limit"] = memory_limit
        return real(scheduler, workers, settings, memory_limit)

    monkeypatch.setattr(engine_dask, "connect", connect)
    code, out = _run("conflicts", str(SOURCES), "-m", "rules", "--engine", "dask", "--jobs",
                     "1", "--worker-memory", "1.5GB", "-o", str(tmp_path / "d.csv"))
    assert code == 0, out
    assert seen == {"limit": "1.5GB"}
    _run("conflicts", str(SOURCES), "-m", "rules", "-o", str(tmp_path / "l.csv"))
    _same_files(tmp_path / "l.csv", tmp_path / "d.csv")
    with engine_dask.connect(None, 1, Settings(model="rules"), "1.5GB") as client:
        limits = client.run(lambda dask_worker: (
            dask_worker.memory_manager.memory_limit,
            dask_worker.memory_manager.memory_pause_fraction,
            __import__("dask").config.get("distributed.worker.memory.terminate")))
    assert list(limits.values()) == [(1_500_000_000, False, False)]


@pytest.mark.parametrize("args", [("--worker-memory", "3GB"),
                                  ("--engine", "dask", "--worker-memory", "3 apples"),
                                  ("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                   "--worker-memory", "3GB")])
def test_worker_memory_usage_errors(args):
    code, out = _run("conflicts", str(SOURCES), *args)
    assert code == 2
    assert "--worker-memory" in out


# ------------------------------------------------------------------------------ failures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> list[str]:
    """The ``dask`` command of this environment."""
    return [str(Path(sys.executable).parent / "dask")]


def test_worker_killed_during_extraction_output_identical(corpus, tmp_path):
    """A real scheduler and two workers on 127.0.0.1; one worker is killed while the
    extraction runs; the run still completes with the local engine's output."""
    from distributed import Client

    big = tmp_path / "big"
    _bench().build_corpus(big, 150_000)
    _run("extract", str(big), "-m", "rules", "--no-cache", "-o", str(tmp_path / "local.csv"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = _dask_cli()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs: list[subprocess.Popen] = []
    try:
        procs.append(subprocess.Popen(
            [*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, start_new_session=True))
        for _ in range(2):
            procs.append(subprocess.Popen(
                [*dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                 "--no-nanny", "--no-dashboard"], stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env=env, start_new_session=True))
        with Client(address, timeout="30s") as watch:
            watch.wait_for_workers(2, timeout=60)
            cli = subprocess.Popen(
                [sys.executable, "-m", "claimcheck", "extract", str(big), "-m", "rules",
                 "--engine", "dask", "--scheduler", address, "-o", str(tmp_path / "d.csv")],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            # wait until extraction tasks run on both workers, then kill one of them
            victim = None
            deadline = time.monotonic() + 120
            while victim is None and time.monotonic() < deadline and cli.poll() is None:
                busy = {w: keys for w, keys in watch.processing().items()
                        if any("extract_part" in str(k) for k in keys)}
                if len(busy) == 2:
                    victim = next(iter(busy))
                time.sleep(0.05)
            assert victim is not None, "extraction never ran on both workers"
            pid = watch.run(os.getpid, workers=[victim])[victim]
            os.kill(pid, signal.SIGKILL)
            out, err = cli.communicate(timeout=300)
        assert cli.returncode == 0, err
        _same_files(tmp_path / "local.csv", tmp_path / "d.csv")
        assert len((tmp_path / "d.csv").read_text().splitlines()) > 1000
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def test_undated_story_read_against_the_corpus_year_identical(cluster, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Previous fines include:\n- €4.34 billion in 2018 for abuses.\n"
                                  "The regulator fined the firm €2.95 billion on Friday.\n")
    (folder / "b.txt").write_text("The firm was fined €2.95 billion.\n")
    (folder / "c.txt").write_text("In 2018, the company was fined €5 billion for abuses.\n"
                                  "It was fined €2.95 billion.\n")
    (folder / "manifest.csv").write_text(
        "source,outlet,title,url,published\na,,,,2025-09-05\nb,,,,2025-09-06\nc,,,,\n")
    code, _ = _run("conflicts", str(folder), "--no-cache", "-o", str(tmp_path / "local.csv"))
    assert code == 0
    code, out = _run("conflicts", str(folder), "--engine", "dask", "--scheduler", cluster,
                     "-o", str(tmp_path / "d.csv"))
    assert code == 0, out
    _same_files(tmp_path / "local.csv", tmp_path / "d.csv")
    text = (tmp_path / "d.csv").read_text()
    assert "EUR 4.34 billion" in text and "EUR 5 billion" in text
