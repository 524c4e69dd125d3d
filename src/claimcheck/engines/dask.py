"""The Dask engine (``--engine dask``): the same stage functions on a Dask cluster.

* **Extraction** is a map over *parts* of the inputs: groups of files (with their
  folder's manifest), byte ranges of a big JSONL table (whole lines), files named by an
  fsspec URL (``s3://…``, ``memory://…``), and articles read on the client (stdin, web
  pages). Each part is read on a worker (``read_part``; the readers and their Problems
  are those of ingest.py), the client gathers only the ids, drops duplicate ids as
  ``ingest.load_articles`` does and ranks the articles in its order (sorted by id), and
  each part is then extracted where it was read (``extract_part``). The spaCy pipeline is
  loaded once per worker (``PipelinePlugin``). Claims come back as a Dask DataFrame with
  the columns of claims.csv (and hidden ``_`` columns that keep values exact for the
  comparison), sorted as the local engine writes them.
* **Comparison** is a shuffle. What is settled across the whole corpus (the story's
  protagonist, the dates dated sources agree on, the figures of running tallies) is
  computed first from small summaries gathered to the client and sent back with the
  tasks (``settle.person_sources`` / ``protagonist``, ``settle.date_votes`` /
  ``agreed_dates``, ``conflicts.running_figures``). Claims are then shuffled by block key
  (``clusters.block_key``) and each block is clustered (``clusters.block_slots``, the
  near-linear component algorithm) and compared on one worker; the pairwise rows are
  range-partitioned by slot key and grouped into findings key by key, in the order of
  the local engine.

Everything that crosses the network is plain columns (strings, int64, float64), never
spaCy objects. This module is imported only when ``--engine dask`` is asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from ..errors import ClaimcheckError, DependencyError, ExportError
from ..records import (
    CLAIM_COLUMNS,
    NUMERIC_KINDS,
    Article,
    Claim,
    Conflict,
    Problem,
    Result,
    Sentence,
    Slot,
)
from ..settings import Settings

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import Delayed
    from distributed import Client, Future, LocalCluster, Worker
    from distributed.diagnostics.plugin import WorkerPlugin

    from ..compare.conflicts import Figures
    from ..compare.settle import DateVote
    from ..read.articles import ManifestEntry

# Dask and distributed ship type information (py.typed) but leave many of their functions
# unannotated: pyproject's ``untyped_calls_exclude`` lets this module call them under
# --strict. Pandas ships none (its frames are Any).

log = logging.getLogger(__name__)

INSTALL_HINT = ("the Dask engine is an optional extra; install it with: "
                "python -m pip install 'claimcheck[dask]'")

#: A part of the inputs holds about this many bytes at most (a JSONL table bigger than
#: this is read in byte ranges of whole lines); smaller inputs are cut into about
#: ``PARTS_PER_WORKER`` parts per worker so that every worker has work.
PART_BYTES = 32 * 2**20
MIN_PART_BYTES = 64 * 2**10
PARTS_PER_WORKER = 4
#: Bytes of a claims table sent to the cluster at a time (about 90,000 claims).
TABLE_CHUNK_BYTES = 32 * 2**20
#: A claim's place in the local engine's order: its article's rank, shifted, plus its
#: position in the article (``ORDER_SHIFT`` bits: 268 million claims an article).
ORDER_SHIFT = 28
#: Columns the engine carries beside claims.csv's: exact values (numbers as float64,
#: entities unjoined) and the claim's place in the local order.
HIDDEN = ("_value", "_value_from", "_entities", "_order")
INT_COLUMNS = frozenset({"sentence_id", "char_start", "char_end"})
CONFLICT_INT_COLUMNS = frozenset({"char_start_a", "char_end_a", "char_start_b", "char_end_b",
                                  "n_sources_a", "n_sources_b"})
_SEP = "\x1f"
#: How long to try to reach a scheduler given with --scheduler.
CONNECT_TIMEOUT = "20s"


class EngineError(ClaimcheckError):
    """The cluster cannot be reached or the engine cannot run."""


def require() -> None:
    """Fail with one line naming the extra when Dask is not installed."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise DependencyError(INSTALL_HINT) from None


# ------------------------------------------------------------------------------ cluster


def _plugin_class() -> Callable[[str, str | None], WorkerPlugin]:
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the spaCy pipeline (and the lexicon) once when a worker starts, so no
        task pays for it and a worker without the model fails at once."""

        name = "claimcheck-pipeline"

        def __init__(self, model: str, lexicon: str | None) -> None:
            self.model = model
            self.lexicon = lexicon

        def setup(self, worker: Worker) -> None:
            from ..extraction.frames import load_lexicon, use_lexicon
            from ..extraction.sentences import is_rules, load_pipeline

            if not is_rules(self.model):
                load_pipeline(self.model)
            load_lexicon(self.lexicon)
            use_lexicon(self.lexicon)  # the comparison tasks read it too

    return PipelinePlugin


def memory_size(text: str) -> int:
    """A size such as "3GB" in bytes (ValueError if it is none), as Dask reads it."""
    from dask.utils import parse_bytes

    return int(parse_bytes(text))


#: Dask settings of LocalCluster workers given a memory limit: spill beyond 60–70% of it,
#: but never pause (a worker whose tasks hold the memory would wait for ever) nor restart
#: a worker (its tasks would be run again, and again).
WORKER_MEMORY = {"distributed.worker.memory.target": 0.6,
                 "distributed.worker.memory.spill": 0.7,
                 "distributed.worker.memory.pause": False,
                 "distributed.worker.memory.terminate": False}


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int, settings: Settings,
            memory_limit: str | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers``
    worker processes (one thread each: spaCy holds the GIL) on 127.0.0.1. With
    ``memory_limit`` ("3GB"), each LocalCluster worker spills the data it holds to its
    local disk beyond 60–70% of it (Dask's ``memory_limit``), and is neither paused nor
    restarted by it: the data of a big table stays within the limit; what a task
    builds while it runs does not spill (``WORKER_MEMORY``). Without it, Dask's default
    (the machine's memory shared among the workers)."""
    require()
    import dask
    from distributed import Client, LocalCluster

    cluster: LocalCluster | None = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler} "
                                  f"({exc}); is 'dask scheduler' running there?") from None
        else:
            with dask.config.set(WORKER_MEMORY if memory_limit else {}):
                cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                       processes=True, host="127.0.0.1",
                                       memory_limit=memory_limit or "auto",
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    try:
        client.register_plugin(_plugin_class()(settings.model, settings.lexicon))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _n_workers(client: Client) -> int:
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


# ------------------------------------------------------------------------------ parts


#: A folder's manifest (``ingest._read_manifest``): its entries by file name.
Manifest = dict[str, "ManifestEntry"]


@dataclass(frozen=True, slots=True)
class Part:
    """One task's share of the inputs: local ``files`` (each with its folder's manifest),
    or one fsspec ``url`` (a whole file, or the lines starting in bytes ``start`` to
    ``end`` of a JSONL table), or ``articles`` read on the client."""

    files: tuple[tuple[str, Manifest | None], ...] = ()
    url: str = ""
    start: int = 0
    end: int = -1
    articles: tuple[Article, ...] = ()


@dataclass(slots=True)
class PartRead:
    """What a worker read of a part: its articles, the Problems, and for a range of a
    JSONL table its number of lines (Problems name lines counted from the range)."""

    articles: list[Article]
    problems: list[Problem]
    lines: int = 0


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as the client knows it: where it is, and its metadata (no text)."""

    part: int
    index: int
    article: Article


def _is_fsspec(p: str) -> bool:
    from ..read.fetch import is_url

    return "://" in p and not is_url(p)


def plan_parts(inputs: Sequence[str | Path], settings: Settings, workers: int,
               part_bytes: int = PART_BYTES) -> tuple[list[Part], list[Problem]]:
    """The inputs as parts, in the order the local engine reads them, and the Problems
    found while listing them (a missing file, a bad manifest)."""
    problems: list[Problem] = []
    units = _input_units(inputs, settings, problems)
    total = sum(u[2] for u in units)
    target = max(MIN_PART_BYTES, min(part_bytes, total // max(1, workers * PARTS_PER_WORKER)))
    return _parts_of(units, target), problems


#: An input unit: kind ("file", "url" or "articles"), payload, size, start, end. The
#: payload of a file is its path and its folder's manifest; of a URL, the URL; of articles
#: read here, the articles.
_Unit = (tuple[Literal["file"], tuple[str, Manifest], int, int, int]
         | tuple[Literal["url"], str, int, int, int]
         | tuple[Literal["articles"], tuple[Article, ...], int, int, int])


def _input_units(inputs: Sequence[str | Path], settings: Settings,
                 problems: list[Problem]) -> list[_Unit]:
    """Every input as units, in the local engine's order: each file of a folder (with its
    folder's manifest), each fsspec file, and what is read here (stdin, a web page, a
    missing path) as articles."""
    from ..read.fetch import is_url
    from ..read.ingest import MANIFEST_NAME, _read_manifest, _walk, iter_articles

    units: list[_Unit] = []
    manifests: dict[Path, Manifest] = {}

    def manifest_of(folder: Path) -> Manifest:
        if folder not in manifests:
            manifests[folder] = _read_manifest(folder / MANIFEST_NAME, problems)
        return manifests[folder]

    def add_file(path: Path) -> None:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        units.append(("file", (str(path), manifest_of(path.parent)), size, 0, -1))

    for raw in inputs:
        p = str(raw)
        if _is_fsspec(p):
            for url, size in _fsspec_files(p, problems):
                units.append(("url", url, size, 0, -1))
            continue
        path = Path(p)
        if p != "-" and not is_url(p) and path.is_dir():
            for file in _walk(path, problems, set()):
                add_file(file)
        elif p != "-" and not is_url(p) and path.is_file():
            add_file(path)
        else:  # stdin, a web page, or a missing path: read here, as locally
            found = list(iter_articles([p], settings, problems))
            units.append(("articles", tuple(found), sum(len(a.text) for a in found), 0, -1))
    return units


def _parts_of(units: list[_Unit], target: int) -> list[Part]:
    """Units grouped into parts of about ``target`` bytes; a JSONL table bigger than that
    is cut into byte ranges, and a URL or articles read here are parts of their own."""
    from ..read.ingest import TABLE_SUFFIXES

    parts: list[Part] = []
    group: list[tuple[str, Manifest]] = []
    held = 0

    def flush() -> None:
        nonlocal group, held
        if group:
            parts.append(Part(files=tuple(group)))
            group, held = [], 0

    for unit in units:
        size = unit[2]
        name = unit[1][0] if unit[0] == "file" else unit[1] if unit[0] == "url" else ""
        table = Path(name.split("?", 1)[0]).suffix.lower() in TABLE_SUFFIXES
        if table and size > target and not _utf16(name):
            flush()
            url = name if unit[0] == "url" else Path(name).resolve().as_uri()
            ranges = list(range(0, size, target))
            for start in ranges:
                parts.append(Part(url=url, start=start, end=min(size, start + target),
                                  files=((name, None),)))
            continue
        if unit[0] == "file":
            group.append(unit[1])
            held += size
            if held >= target:
                flush()
        elif unit[0] == "url":
            flush()
            parts.append(Part(url=unit[1]))
        else:
            flush()
            parts.append(Part(articles=unit[1]))
    flush()
    return parts


def _utf16(name: str) -> bool:
    """A table starting with a UTF-16 or UTF-32 byte order mark (read whole: a byte range
    of it may split a character)."""
    import fsspec

    try:
        with fsspec.open(name if _is_fsspec(name) else Path(name).as_uri(), "rb") as fh:
            head = fh.read(4)
    except (OSError, ValueError):
        return False
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def _fsspec_files(url: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """The files an fsspec URL names (a glob, a folder read recursively in sorted order,
    or one file) with their sizes; a Problem when there are none."""
    import fsspec

    try:
        fs, _, paths = fsspec.get_fs_token_paths(url)
        protocol = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
        found: list[tuple[str, int]] = []
        for path in sorted(paths):
            info = fs.info(path)
            if info.get("type") == "directory":
                for sub in sorted(fs.find(path)):
                    if not Path(sub).name.startswith("."):
                        found.append((sub, int(fs.info(sub).get("size") or 0)))
            else:
                found.append((path, int(info.get("size") or 0)))
    except (OSError, ValueError, ImportError) as exc:
        problems.append(Problem(stage="ingest", path=url, message=f"cannot list ({exc})"))
        return []
    if not found:
        problems.append(Problem(stage="ingest", path=url, message="no such file or folder"))
    return [(p if "://" in p else f"{protocol}://{p.lstrip('/') if protocol == 'memory' else p}",
             size) for p, size in found]


# ------------------------------------------------------------------------------ reading


def read_part(part: Part, settings: Settings) -> PartRead:
    """The articles of one part, read on a worker with the readers of ingest.py."""
    from ..read.ingest import _guarded, _read_file, _sanitized

    problems: list[Problem] = []
    if part.articles:
        return PartRead(list(part.articles), problems)
    if part.url and part.end >= 0:
        return _read_range(part, settings)
    if part.url:
        return PartRead([_sanitized(a) for a in _read_url(part.url, settings, problems)],
                        problems)
    out: list[Article] = []
    for name, manifest in part.files:
        assert manifest is not None  # only a range of a table (read above) has none
        path = Path(name)
        out.extend(_sanitized(a) for a in _guarded(
            name, _read_file(path, settings, problems, manifest), settings, problems))
    return PartRead(out, problems)


def _read_url(url: str, settings: Settings, problems: list[Problem]) -> list[Article]:
    """A file named by an fsspec URL: copied to a temporary file of the same name and read
    as a local file, its path and Problems naming the URL."""
    import fsspec

    from ..read.ingest import _guarded, _read_file

    name = url.rsplit("/", 1)[-1] or "input"
    with tempfile.TemporaryDirectory(prefix="claimcheck-") as tmp:
        local = Path(tmp) / name
        try:
            with fsspec.open(url, "rb") as src, local.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        except (OSError, ValueError) as exc:
            problems.append(Problem(stage="ingest", path=url, message=f"cannot read ({exc})"))
            return []
        found: list[Problem] = []
        arts = list(_guarded(url, _read_file(local, settings, found, {}), settings, found))
        arts = [a if a.stream is None else replace(a, text=_whole(a), stream=None)
                for a in arts]  # the temporary file goes away
        problems.extend(replace(p, path=p.path.replace(str(local), url)) for p in found)
        return [replace(a, path=Path(url.split("://", 1)[1])) for a in arts]


def _whole(art: Article) -> str:
    return "".join(piece for _offset, piece in art.pieces())


def _read_range(part: Part, settings: Settings) -> PartRead:
    """The JSONL records of the lines that start in bytes [start, end) of a table."""
    import fsspec

    from ..read.decode import decode_bytes
    from ..read.ingest import _sanitized, jsonl_articles

    name = part.files[0][0]
    problems: list[Problem] = []
    try:
        with fsspec.open(part.url, "rb") as fh:
            if part.start > 0:
                fh.seek(part.start - 1)
                fh.readline()  # the line under way belongs to the range before
            data = bytearray()
            while fh.tell() < part.end:
                line = fh.readline()
                if not line:
                    break
                data += line
    except (OSError, ValueError) as exc:
        problems.append(Problem(stage="ingest", path=name, message=f"cannot read ({exc})"))
        return PartRead([], problems)
    if not data:
        return PartRead([], problems)
    text = decode_bytes(bytes(data), name, problems, settings.encoding)
    if text is None:
        return PartRead([], problems)
    text = text.replace("\r\n", "\n")
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    path = Path(name) if not _is_fsspec(name) else Path(name.split("://", 1)[1])
    arts = [_sanitized(a) for a in jsonl_articles(text, name, settings, problems, path)]
    return PartRead(arts, problems, lines)


def _article_meta(art: Article) -> Article:
    return replace(art, text="", stream=None)


#: What the client needs of a part read (``index_part``).
_Index = tuple[list[Article], list[Problem], int]


def index_part(read: PartRead) -> _Index:
    """What the client needs of a part read: articles without their text, Problems, and
    the number of lines of a range."""
    return [_article_meta(a) for a in read.articles], read.problems, read.lines


# ------------------------------------------------------------------------------ claims as columns


def claim_columns(claims: Sequence[Claim], orders: Sequence[int]) -> dict[str, list[object]]:
    """Claims as columns: those of claims.csv (as written) and the hidden exact ones."""
    from ..write.export import claim_row

    cols: dict[str, list[object]] = {c: [] for c in (*CLAIM_COLUMNS, *HIDDEN)}
    for c, order in zip(claims, orders, strict=True):
        row = claim_row(c)
        for name in CLAIM_COLUMNS:
            cols[name].append(row[name])
        numeric = c.kind in NUMERIC_KINDS
        cols["_value"].append(float(c.value) if numeric and c.value is not None
                              else float("nan"))
        cols["_value_from"].append(float(c.value_from) if numeric and c.value_from is not None
                                   else float("nan"))
        cols["_entities"].append(_SEP.join(c.entities))
        cols["_order"].append(order)
    return cols


def claims_frame(claims: Sequence[Claim], orders: Sequence[int]) -> pd.DataFrame:
    import pandas as pd

    return _typed(pd.DataFrame(claim_columns(claims, orders)))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Int64 for offsets and order, float64 for exact values, strings for the rest."""
    for name in df.columns:
        if name in INT_COLUMNS or name == "_order":
            df[name] = df[name].astype("int64")
        elif name in {"_value", "_value_from"}:
            df[name] = df[name].astype("float64")
        else:
            df[name] = df[name].astype("string[pyarrow]")
    return df


def claims_meta() -> pd.DataFrame:
    return claims_frame([], [])


#: Columns whose cells are not strings, or never repeat.
_NOT_SHARED = frozenset({*INT_COLUMNS, "_value", "_value_from", "_order", "claim_id"})


def frame_claims(df: pd.DataFrame) -> list[Claim]:
    """The Claim records of a claims frame (exact: values from the hidden columns)."""
    import math

    out: list[Claim] = []
    # Claims of one sentence, source or subject share one string object, as the local
    # engine reads them (``export._claim_maker``): a part of a big table repeats them.
    shared: dict[str, str] = {}
    cols: dict[str, list[Any]] = {
        name: (df[name].tolist() if name in _NOT_SHARED else
               [v if v is None else shared.setdefault(v, v) for v in df[name].tolist()])
        for name in (*CLAIM_COLUMNS, *HIDDEN) if name in df}
    del shared
    n = len(df)
    for i in range(n):
        kind = cols["kind"][i]
        if kind in NUMERIC_KINDS:
            v, vf = cols["_value"][i], cols["_value_from"][i]
            value: float | str | None = None if math.isnan(v) else v
            value_from: float | str | None = None if math.isnan(vf) else vf
        else:
            value = cols["value"][i]
            value_from = cols["value_from"][i] or None
        ents = cols["_entities"][i]
        out.append(Claim(
            claim_id=cols["claim_id"][i], source=cols["source"][i],
            sentence_id=int(cols["sentence_id"][i]), char_start=int(cols["char_start"][i]),
            char_end=int(cols["char_end"][i]), span=cols["span"][i], kind=kind,
            subject=cols["subject"][i], predicate=cols["predicate"][i], value=value,
            value_from=value_from, unit=cols["unit"][i], approx=cols["approx"][i],
            modality=cols["modality"][i], event_date=cols["event_date"][i],
            sentence=cols["sentence"][i], entities=tuple(ents.split(_SEP)) if ents else (),
            place_country=cols["place_country"][i], attribute=cols["attribute"][i],
            scope=cols["scope"][i], occurrence=cols["occurrence"][i],
            published=cols["published"][i],
        ))
    return out


# ------------------------------------------------------------------------------ extraction


def extract_part(read: PartRead, ranks: list[int], settings: Settings,
                 keep_sentences: bool = False) -> tuple[pd.DataFrame, list[Sentence]]:
    """The claims of a part's articles (``ranks[i]`` the rank of its i-th article in the
    local order, -1 for a duplicate id that is skipped), as a claims frame."""
    from ..pipeline import extract_article

    claims: list[Claim] = []
    orders: list[int] = []
    sentences: list[Sentence] = []
    for art, rank in zip(read.articles, ranks, strict=True):
        if rank < 0:
            continue
        sents, found = extract_article(art, settings)
        if keep_sentences:
            sentences.extend(sents)
        claims.extend(found)
        orders.extend((rank << ORDER_SHIFT) + i for i in range(len(found)))
    return claims_frame(claims, orders), sentences


@dataclass
class DaskExtraction:
    """An extraction on the cluster: the articles (metadata only) and Problems, the claims
    (a Dask DataFrame sorted in the local engine's order, with the hidden columns) and,
    when asked for, the sentences."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    claims: dd.DataFrame
    sentences: tuple[Sentence, ...] = ()

    def summary(self) -> Result:
        return Result(articles=self.articles, problems=self.problems, notes=self.notes)


def extract(client: Client, inputs: Sequence[str | Path], settings: Settings,
            progress: Callable[[None], None] | None = None, *, keep_sentences: bool = False,
            part_bytes: int = PART_BYTES) -> DaskExtraction:
    """Read and extract ``inputs`` on the cluster (see the module): the same articles,
    Problems and claims as ``pipeline.extract``, claims in the same order."""
    import dask.dataframe as dd
    from distributed import as_completed

    from ..extraction.sentences import is_rules, load_pipeline
    from ..pipeline import RULES_NOTE

    if not is_rules(settings.model):
        load_pipeline(settings.model)  # a missing model is one line here, before any work
    parts, problems = plan_parts(inputs, settings, _n_workers(client), part_bytes)
    reads = [client.submit(read_part, part, settings, pure=False) for part in parts]
    index = client.gather(client.map(index_part, reads, pure=False))
    articles, ranks = _rank_articles(index, parts, problems)
    del index
    futures = client.map(extract_part, reads, ranks, settings=settings,
                         keep_sentences=keep_sentences, pure=False)
    del reads
    position = {f.key: i for i, f in enumerate(futures)}
    sentences: list[Sentence] = []
    for item in as_completed(futures, with_results=keep_sentences):
        fut = item[0] if keep_sentences else item
        n = sum(1 for r in ranks[position[fut.key]] if r >= 0)
        if keep_sentences:
            sentences.extend(item[1][1])
        if progress is not None:
            for _ in range(n):
                progress(None)
    claims = client.map(_first, futures, pure=False)
    ddf = dd.from_delayed(claims, meta=claims_meta(), verify_meta=False) if claims \
        else dd.from_pandas(claims_meta(), npartitions=1)
    if claims:
        ddf = ddf.sort_values("_order")
    sentences.sort(key=lambda s: (s.source, s.index))
    notes = (RULES_NOTE,) if is_rules(settings.model) else ()
    return DaskExtraction(tuple(articles), tuple(problems), notes, ddf,
                          tuple(_ordered_sentences(sentences, articles)))


def _rank_articles(index: Sequence[_Index], parts: list[Part],
                   problems: list[Problem]) -> tuple[list[Article], list[list[int]]]:
    """The articles of every part's index in ``ingest.load_articles``'s order (by id,
    then path; a repeated id is skipped with a Problem), and each part's articles' ranks
    in it (-1 for a skipped one). The parts' Problems are appended, the line numbers of a
    byte range counted from its table's first line."""
    refs: list[ArticleRef] = []
    offsets: dict[str, int] = {}
    for i, (arts, found, lines) in enumerate(index):
        ranged = parts[i].url and parts[i].end >= 0
        if ranged:  # line numbers counted from the range's first line
            name = parts[i].files[0][0]
            base = offsets.get(name, 0)
            found = [_shift_line(p, name, base) for p in found]
            offsets[name] = base + lines
        problems.extend(found)
        refs.extend(ArticleRef(i, j, a) for j, a in enumerate(arts))
    ranks: list[list[int]] = [[-1] * len(arts) for arts, _f, _l in index]
    seen: dict[str, Article] = {}
    articles: list[Article] = []
    for ref in sorted(refs, key=lambda r: (r.article.id, str(r.article.path or ""))):
        art = ref.article
        if art.id in seen:
            problems.append(Problem(
                stage="ingest", path=str(art.path or art.url or "<stdin>"),
                message=f"duplicate source id {art.id!r} "
                f"(also in {seen[art.id].path or seen[art.id].url}); "
                "skipped — rename one of the files"))
            continue
        seen[art.id] = art
        ranks[ref.part][ref.index] = len(articles)
        articles.append(art)
    return articles, ranks


def _first(pair: tuple[pd.DataFrame, *tuple[object, ...]]) -> pd.DataFrame:
    return pair[0]


def _ordered_sentences(sentences: list[Sentence], articles: list[Article]) -> list[Sentence]:
    rank = {a.id: i for i, a in enumerate(articles)}
    return sorted(sentences, key=lambda s: (rank.get(s.source, -1), s.index))


def _shift_line(p: Problem, name: str, base: int) -> Problem:
    m = re.fullmatch(re.escape(name) + r":(\d+)", p.path)
    if m is None:
        return p
    return replace(p, path=f"{name}:{int(m.group(1)) + base}")


def public(ddf: dd.DataFrame) -> dd.DataFrame:
    """The claims frame with exactly the columns of claims.csv."""
    return ddf[list(CLAIM_COLUMNS)]  # type: ignore[no-any-return]  # dask: __getitem__ unannotated


# ------------------------------------------------------------------------------ claims tables


#: The first bad record of a run of a claims CSV (``_table_chunk``): ("row", its index,
#: its cells) or ("csv", its index, the reason).
_BadRecord = tuple[Literal["row"], int, list[str]] | tuple[Literal["csv"], int, str]
#: What ``_table_chunk`` gives: the claims frame, the number of records, the bad record.
_Chunk = tuple["pd.DataFrame", int, _BadRecord | None]


def _table_chunk(path: str, header: list[str], data: bytes, first_order: int) -> _Chunk:
    """The claims of a run of whole records of a claims CSV (``data``, cut by
    ``_csv_blocks``), as a claims frame; the number of records; and the first bad record,
    if any: ("row", its index here, its cells) or ("csv", its index here, the reason).
    The client, which knows where the run starts, names the bad row as locally."""
    import csv
    import io

    from ..errors import InputFormatError
    from ..write.export import _claim_maker

    make = _claim_maker(Path(path), {name: i for i, name in enumerate(header)})
    claims: list[Claim] = []
    orders: list[int] = []
    k = -1
    try:
        reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        for k, row in enumerate(reader):
            if row:
                try:
                    claims.append(make(2 + k, row))
                except InputFormatError:
                    return claims_frame([], []), k + 1, ("row", k, row)
                orders.append(first_order + k)
    except csv.Error as exc:
        return claims_frame([], []), k + 1, ("csv", k + 1, str(exc))
    return claims_frame(claims, orders), k + 1, None


def _csv_blocks(path: Path, size: int) -> Iterator[bytes]:
    """The bytes of a CSV file after its header, in runs of about ``size`` bytes that end
    at the end of a record (a line break outside quotes: an even number of quote
    characters before it, since a quote inside a cell is doubled)."""
    with path.open("rb") as fh:
        buf = _record_end(fh, b"")[1]
        eof = False
        while True:
            if not eof and len(buf) < size:
                chunk = fh.read(size - len(buf))
                eof = not chunk
                buf += chunk
                continue
            if eof:
                if buf:
                    yield buf
                return
            cut = buf.rfind(b"\n")
            while cut >= 0 and buf.count(b'"', 0, cut) % 2:
                cut = buf.rfind(b"\n", 0, cut)
            if cut < 0:  # one record longer than ``size``: read on
                chunk = fh.read(size)
                eof = not chunk
                buf += chunk
                continue
            yield buf[:cut + 1]
            buf = buf[cut + 1:]


def _record_end(fh: BinaryIO, start: bytes) -> tuple[bytes, bytes]:
    """The first record of a CSV stream (the header, line break included) and the bytes
    read after it."""
    data = start
    while True:
        chunk = fh.read(65536)
        data += chunk
        pos = data.find(b"\n")
        while pos >= 0 and data.count(b'"', 0, pos) % 2:
            pos = data.find(b"\n", pos + 1)
        if pos >= 0:
            return data[:pos + 1], data[pos + 1:]
        if not chunk:
            return data, b""


def _table_header(path: Path) -> list[str]:
    import csv
    import io

    from ..errors import InputFormatError
    from ..write.export import REQUIRED_CLAIM_COLUMNS

    try:
        with path.open("rb") as fh:
            raw = _record_end(fh, b"")[0]
        text = raw.decode("utf-8-sig")
        try:
            header = next(csv.reader(io.StringIO(text, newline="")), [])
        except csv.Error as exc:
            raise InputFormatError(f"{path}: header is not a valid CSV row ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFormatError(f"{path}: cannot read claims table ({exc})") from exc
    missing = [c for c in REQUIRED_CLAIM_COLUMNS if c not in header]
    if missing:
        raise InputFormatError(
            f"{path}: missing column(s) {', '.join(missing)}; a claims table needs "
            f"{', '.join(REQUIRED_CLAIM_COLUMNS)} (as written by claimcheck extract)")
    return header


def read_tables(client: Client, tables: Sequence[Path],
                first_order: int) -> list[Future[pd.DataFrame]]:
    """Claims CSVs (a database is read on the client) as futures of claims frames: the
    client only cuts each file into runs of whole records (``TABLE_CHUNK_BYTES``), which
    the workers parse. A malformed row is the InputFormatError the local engine raises,
    naming the same row. Order numbers start at ``first_order``."""
    from ..errors import InputFormatError
    from ..write.database import is_database_path
    from ..write.export import _claim_maker

    out: list[Future[pd.DataFrame]] = []
    runs = 0
    for table in tables:
        if is_database_path(table):
            from ..write.database import read_claims

            claims = read_claims(table)
            out.append(client.scatter(claims_frame(
                claims, range(first_order + (runs << 24), first_order + (runs << 24)
                              + len(claims))), hash=False))
            runs += 1
            continue
        header = _table_header(Path(table))
        results = []
        try:
            for data in _csv_blocks(Path(table), TABLE_CHUNK_BYTES):
                block = client.scatter(data, hash=False)
                results.append(client.submit(_table_chunk, str(table), header, block,
                                             first_order + (runs << 24), pure=False))
                runs += 1
        except OSError as exc:
            raise InputFormatError(f"{table}: cannot read claims table ({exc})") from exc
        row = 2
        for n, problem in client.gather(client.map(_chunk_meta, results, pure=False)):
            if problem is not None:
                kind, k, detail = problem
                if kind == "csv":
                    raise InputFormatError(
                        f"{table}: row {row + k} is not a valid CSV row ({detail})")
                _claim_maker(Path(table), {c: i for i, c in enumerate(header)})(row + k, detail)
            row += n
        out.extend(client.map(_first, results, pure=False))
    return out


def _chunk_meta(result: _Chunk) -> tuple[int, _BadRecord | None]:
    return result[1], result[2]


def claims_of(client: Client, inputs: Sequence[str], settings: Settings,
              progress: Callable[[None], None] | None = None, *,
              keep_sentences: bool = False) -> tuple[dd.DataFrame, DaskExtraction | None]:
    """The claims of articles (extracted on the cluster) and of claims tables
    (``write.tables.split_tables``), as one persisted Dask DataFrame in the local engine's
    order, and the extraction (None when every input is a claims table)."""
    import dask.dataframe as dd

    from ..write.tables import split_tables

    tables, others = split_tables(inputs)
    parts: list[dd.DataFrame] = []
    run = None
    if others:
        run = extract(client, others, settings, progress, keep_sentences=keep_sentences)
        parts.append(run.claims)
    found = read_tables(client, tables, (len(run.articles) if run else 0) << ORDER_SHIFT)
    if found:
        parts.append(dd.from_delayed(found, meta=claims_meta(), verify_meta=False))
        del found
    if not parts:
        return dd.from_pandas(claims_meta(), npartitions=1), run
    # Persisted here, once: the futures the tables were read into are let go, and
    # ``compare`` uses these partitions as they are (persisted again, a collection is
    # held under new keys as well: twice the data for a worker to hold or spill).
    return client.persist(dd.concat(parts) if len(parts) > 1 else parts[0]), run


# ------------------------------------------------------------------------------ settle


def _summary_a(df: pd.DataFrame) -> pd.DataFrame:
    """Per part: the (person, source) pairs and the sources (person empty)."""
    import pandas as pd

    pairs: set[tuple[str, str]] = set()
    for source, ents in zip(df["source"].tolist(), df["_entities"].tolist(), strict=True):
        pairs.add(("", source))
        if ents:
            for e in ents.split(_SEP):
                if e.startswith("PERSON:"):
                    pairs.add((e[7:], source))
    return pd.DataFrame(sorted(pairs), columns=["person", "source"]).astype("string[pyarrow]")


def _figures(df: pd.DataFrame) -> Figures:
    from ..compare.conflicts import running_figures

    numeric = df[df["kind"].isin(list(NUMERIC_KINDS)) & (df["approx"] == "")
                 & df["_value_from"].isna() & (df["attribute"] != "")]
    return running_figures(frame_claims(numeric))


def _drop_protagonist(df: pd.DataFrame, top: str | None) -> pd.DataFrame:
    if top is None:
        return df
    from ..compare.settle import drop_protagonist

    df = df.copy()
    scopes = df["scope"].tolist()
    changed = {}
    for s in set(scopes):
        if s:
            probe = Claim(claim_id="", source="", sentence_id=0, char_start=0, char_end=0,
                          span="", kind="", subject="", predicate="", value=None, scope=s)
            changed[s] = drop_protagonist([probe], top)[0].scope
    df["scope"] = [changed.get(s, s) for s in scopes]
    df["scope"] = df["scope"].astype("string[pyarrow]")
    return df


def _years(df: pd.DataFrame) -> set[tuple[str, int]]:
    """``settle.publication_years`` of a part."""
    pairs = df[["source", "published"]].drop_duplicates()
    return {(s, int(p[:4])) for s, p in zip(pairs["source"].tolist(),
                                            pairs["published"].tolist(), strict=True)
            if isinstance(p, str) and p[:4].isdigit()}


def _years_settled(df: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """``settle.settle_years`` on a part, given the corpus's year."""
    if year is None:
        return df
    from ..compare.settle import settle_years
    from ..extraction.frames import YEAR

    df = df.reset_index(drop=True)
    mask = ((df["published"].fillna("") == "") & (df["occurrence"].fillna("") == "")
            & (df["attribute"].fillna("") != "")
            & df["sentence"].map(lambda t: any(int(y) < year for y in YEAR.findall(t)),
                                 na_action="ignore").fillna(False).astype(bool))
    if not mask.any():
        return df
    df = df.copy()
    rows = df.index[mask.to_numpy()]
    df.loc[rows, "occurrence"] = [c.occurrence for c in
                                  settle_years(frame_claims(df.loc[rows]), year)]
    df["occurrence"] = df["occurrence"].astype("string[pyarrow]")
    return df


def _votes(df: pd.DataFrame, top: str | None, year: int | None) -> set[DateVote]:
    from ..compare.settle import date_votes

    df = _years_settled(df[(df["kind"] == "date") & (df["attribute"] != "")], year)
    return date_votes(frame_claims(_drop_protagonist(df, top)))


def _settled(df: pd.DataFrame, top: str | None, agreed: dict[tuple[str, str, str], date],
             year: int | None = None) -> pd.DataFrame:
    """``settle.settle`` on a part, given the corpus's year, protagonist and agreed
    dates."""
    from ..compare.settle import settle_dates

    df = _drop_protagonist(_years_settled(df, year), top)
    if not agreed:
        return df
    df = df.reset_index(drop=True)  # a sorted part's index may repeat labels
    mask = (df["kind"] == "date") & (df["unit"] == "unresolved") & (df["attribute"] != "")
    if not mask.any():
        return df
    df = df.copy()
    rows = df.index[mask.to_numpy()]
    settled = settle_dates(frame_claims(df.loc[rows]), agreed)
    df.loc[rows, "value"] = [str(c.value) for c in settled]
    df.loc[rows, "unit"] = [c.unit for c in settled]
    return df


@dataclass
class Corpus:
    """What is settled across the whole corpus, sent with every comparison task."""

    protagonist: str | None = None
    agreed: dict[tuple[str, str, str], date] = field(default_factory=dict)
    year: int | None = None
    figures: Figures = field(default_factory=dict)


def corpus_summary(client: Client, claims: dd.DataFrame) -> Corpus:
    """The protagonist, the agreed event dates and the running figures of the corpus,
    from small summaries of each part (see ``settle`` and ``conflicts.update_index``)."""
    from dask.delayed import delayed
    from distributed import wait

    from ..compare.conflicts import merge_figures
    from ..compare.settle import agreed_dates, protagonist, story_year

    parts: list[Delayed] = claims.to_delayed()
    pairs = [delayed(_summary_a)(p) for p in parts]
    figures = [delayed(_figures)(p) for p in parts]
    futs_pairs: list[Future[pd.DataFrame]] = client.compute(pairs)
    futs_fig: list[Future[Figures]] = client.compute(figures)
    futs_years: list[Future[set[tuple[str, int]]]] = client.compute(
        [delayed(_years)(p) for p in parts])
    wait(futs_pairs + futs_fig + futs_years)
    year = story_year(set().union(*client.gather(futs_years)))
    named: dict[str, set[str]] = {}
    sources: set[str] = set()
    for frame in client.gather(futs_pairs):
        for person, source in zip(frame["person"].tolist(), frame["source"].tolist(),
                                  strict=True):
            if person:
                named.setdefault(person, set()).add(source)
            else:
                sources.add(source)
    top = protagonist({p: len(s) for p, s in named.items()}, len(sources))
    del named, sources
    merged = merge_figures(client.gather(futs_fig))
    votes: set[DateVote] = set()
    for found in client.gather(client.compute([delayed(_votes)(p, top, year)
                                               for p in parts])):
        votes |= found
    return Corpus(protagonist=top, agreed=agreed_dates(votes), figures=merged, year=year)


# ------------------------------------------------------------------------------ comparison


def _with_block(df: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """The settled claims of a part that have a block key, with it (``_block``)."""
    from ..compare.clusters import block_key

    df = _settled(df, corpus.protagonist, corpus.agreed, corpus.year)
    claims = frame_claims(df)
    keys = [block_key(c) for c in claims]
    keep = [k is not None for k in keys]
    out = df[keep].copy()
    out["_block"] = [_SEP.join(k) for k in keys if k is not None]
    out["_block"] = out["_block"].astype("string[pyarrow]")
    return out


#: Columns beside a conflict's: its slot key (the range partitioning), the order of its
#: row among the rows of its key (``_first``), and for a part of a finding (see
#: ``conflicts.FindingPart``) the order of its best row and the sources of each value
#: (JSON); the sources of each side of a finding.
CONFLICT_EXTRA = ("_key", "_first", "_rank", "_sources", "_sources_a", "_sources_b")
_CONFLICT_FIELDS = ("conflict_id", "kind", "slot", "claim_a", "claim_b", "source_a",
                    "source_b", "value_a", "value_b", "sentence_a", "sentence_b", "span_a",
                    "span_b", "char_start_a", "char_end_a", "char_start_b", "char_end_b",
                    "explanation", "confidence")


def _conflict_frame(conflicts: Sequence[Conflict], **extra: Sequence[str]) -> pd.DataFrame:
    """Conflicts as columns, with the ``CONFLICT_EXTRA`` columns given (others empty)."""
    import pandas as pd

    cols: dict[str, Any] = {name: [getattr(c, name) for c in conflicts]
                            for name in _CONFLICT_FIELDS}
    cols["_key"] = cols["slot"]
    for name in CONFLICT_EXTRA[1:4]:
        cols[name] = list(extra.get(name, [""] * len(conflicts)))
    cols["_sources_a"] = [_SEP.join(c.sources_a) for c in conflicts]
    cols["_sources_b"] = [_SEP.join(c.sources_b) for c in conflicts]
    df = pd.DataFrame(cols)
    for name in df.columns:
        if name in CONFLICT_INT_COLUMNS:
            df[name] = df[name].astype("int64")
        elif name == "confidence":
            df[name] = df[name].astype("float64")
        else:
            df[name] = df[name].astype("string[pyarrow]")
    return df


def _frame_conflicts(df: pd.DataFrame) -> list[Conflict]:
    cols = {name: df[name].tolist() for name in (*_CONFLICT_FIELDS, *CONFLICT_EXTRA)}
    out = []
    for i in range(len(df)):
        kw = {name: cols[name][i] for name in _CONFLICT_FIELDS}
        for name in ("char_start_a", "char_end_a", "char_start_b", "char_end_b"):
            kw[name] = int(kw[name])
        kw["confidence"] = float(kw["confidence"])
        sa, sb = cols["_sources_a"][i], cols["_sources_b"][i]
        out.append(Conflict(**kw, sources_a=tuple(sa.split(_SEP)) if sa else (),
                            sources_b=tuple(sb.split(_SEP)) if sb else ()))
    return out


def _block_groups(df: pd.DataFrame) -> Iterator[tuple[tuple[str, ...], list[Claim]]]:
    """The blocks of a shuffled part, each with its claims in the local order (taken from
    ``_order`` without a sorted copy of the part: the part, its copy and its claims at
    once were the biggest moment of a worker). A block is let go once the caller is
    done with it (only its claims hold memory then)."""
    order = df["_order"].to_numpy().argsort(kind="stable").tolist()
    keys = df["_block"].tolist()
    claims = frame_claims(df)
    blocks: dict[str, list[Claim]] = {}
    for i in order:
        blocks.setdefault(keys[i], []).append(claims[i])
    del order, keys, claims
    for key in sorted(blocks):
        yield tuple(key.split(_SEP)), blocks.pop(key)


def _row_order(c: Conflict, slot_id: str) -> str:
    """The place of a pairwise row among the rows of its slot key: sources, then shown
    values, then slot (as ``conflicts._pair_rows_by_key`` orders them), as one string
    that sorts like the tuple."""
    return "\x00".join((c.source_a, c.source_b, c.value_a, c.value_b, slot_id))


def _pair_order(slot_id: str) -> Callable[[tuple[str, ...]], str]:
    """``_row_order`` of the rows of slot ``slot_id``, given a row's sources and shown
    values."""
    return lambda pair: "\x00".join((*pair, slot_id))


def _compare_blocks(df: pd.DataFrame, settings: Settings, corpus: Corpus) -> pd.DataFrame:
    """The blocks of a part clustered into slots and compared: their pairwise rows
    (``settings.pairs``) or the parts of findings they give (``conflicts.finding_parts``:
    a finding whose slot key other blocks share is completed after the second shuffle)."""
    import json

    from ..compare.clusters import block_slots
    from ..compare.conflicts import (
        FindingPart,
        finding_key,
        gather,
        same_update,
        slot_finding_parts,
        slot_pair_rows,
    )

    updates = same_update(corpus.figures)
    rows: list[tuple[str, Conflict]] = []
    merged: dict[tuple[str, frozenset[str]], FindingPart] = {}
    for key, members in _block_groups(df):
        by_id = {c.claim_id: c for c in members}
        for slot in block_slots(key, members, settings.similarity_threshold):
            claims = [by_id[k] for k in slot.claim_ids if k in by_id]
            if settings.pairs:
                rows.extend((_row_order(conflict, slot.slot_id), conflict)
                            for _pair, conflict in slot_pair_rows(slot, claims, settings,
                                                                  updates))
                continue
            for part in slot_finding_parts(slot, claims, settings, updates,
                                           _pair_order(slot.slot_id)):
                gather(merged, (slot.key, finding_key(slot.key, part.best.value_a,
                                                      part.best.value_b)), part)
    if settings.pairs:
        return _conflict_frame([c for _o, c in rows], _first=[o for o, _c in rows])
    parts = list(merged.values())
    return _conflict_frame(
        [p.best for p in parts], _first=[p.first for p in parts],
        _rank=[p.rank[1] for p in parts],
        _sources=[json.dumps({v: sorted(found) for v, found in p.sources.items()})
                  for p in parts])


def _block_slot_frame(df: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    import pandas as pd

    from ..compare.clusters import block_slots

    rows = [(s.slot_id, s.key, s.kind, _SEP.join(s.claim_ids))
            for key, members in _block_groups(df)
            for s in block_slots(key, members, settings.similarity_threshold)]
    return pd.DataFrame(rows, columns=["slot_id", "key", "kind", "claim_ids"]).astype(
        "string[pyarrow]")


def _findings_by_key(df: pd.DataFrame, pairs: bool) -> pd.DataFrame:
    """The rows of a range of slot keys, in the local engine's order (by key, then by the
    order of each row, or of each finding's first row): pairwise rows as they are, or the
    parts of each finding merged and finished (``conflicts.finish_finding``)."""
    import json

    from ..compare.conflicts import FindingPart, finding_key, finish_finding, gather

    conflicts = _frame_conflicts(df)
    firsts = df["_first"].tolist()
    if pairs:
        ordered = sorted(zip(conflicts, firsts, strict=True), key=lambda cf: (cf[0].slot, cf[1]))
        return _conflict_frame([c for c, _f in ordered], _first=[f for _c, f in ordered])
    merged: dict[tuple[str, frozenset[str]], FindingPart] = {}
    for c, first, rank, sources in zip(conflicts, firsts, df["_rank"].tolist(),
                                       df["_sources"].tolist(), strict=True):
        part = FindingPart(first, c, (-c.confidence, rank),
                           {v: set(found) for v, found in json.loads(sources).items()})
        gather(merged, (c.slot, finding_key(c.slot, c.value_a, c.value_b)), part)
    in_order = sorted(merged.values(), key=lambda p: (p.best.slot, p.first))
    return _conflict_frame([finish_finding(p) for p in in_order],
                           _first=[p.first for p in in_order])


@dataclass
class DaskComparison:
    findings: dd.DataFrame  # conflict rows (in order), hidden columns included
    n_claims: int
    slots: tuple[Slot, ...] = ()
    claims: tuple[Claim, ...] = ()


def compare(client: Client, claims: dd.DataFrame, settings: Settings, *,
            keep_slots: bool = False) -> DaskComparison:
    """Findings (or pairwise rows with ``settings.pairs``) of the claims (persisted, as
    ``claims_of`` gives them), in the order of the local engine; with ``keep_slots``,
    also the slots and the settled claims."""
    n_claims = int(claims.shape[0].compute())
    corpus = corpus_summary(client, claims)
    meta = claims_meta()
    meta["_block"] = meta["source"]
    blocks = claims.map_partitions(_with_block, corpus, meta=meta)
    shuffled = blocks.shuffle(on="_block")
    frame_meta = _conflict_frame([])
    if keep_slots:
        shuffled = client.persist(shuffled)
    rows = client.persist(shuffled.map_partitions(_compare_blocks, settings, corpus,
                                                  meta=frame_meta))
    ranged = rows.sort_values("_key") if int(rows.shape[0].compute()) else rows
    findings = ranged.map_partitions(_findings_by_key, settings.pairs, meta=frame_meta)
    slots: tuple[Slot, ...] = ()
    settled: tuple[Claim, ...] = ()
    if keep_slots:
        import pandas as pd

        from ..compare.clusters import slot_order

        frames = shuffled.map_partitions(
            _block_slot_frame, settings,
            meta=pd.DataFrame(columns=["slot_id", "key", "kind", "claim_ids"]).astype(
                "string[pyarrow]")).compute()
        slots = tuple(sorted((Slot(slot_id=r.slot_id, key=r.key, kind=r.kind,
                                   claim_ids=tuple(r.claim_ids.split(_SEP)))
                              for r in frames.itertuples()), key=slot_order))
        settled_df = claims.map_partitions(_settled, corpus.protagonist, corpus.agreed,
                                           corpus.year, meta=claims_meta()).compute()
        settled = tuple(frame_claims(settled_df.sort_values("_order", kind="stable")))
    return DaskComparison(findings=findings, n_claims=n_claims, slots=slots, claims=settled)


# ------------------------------------------------------------------------------ output


def iter_frames(client: Client, ddf: dd.DataFrame) -> Iterator[pd.DataFrame]:
    """The partitions of ``ddf`` in order, one at a time on the client (the next one is
    fetched while this one is written). The frame is persisted first, so that what the
    partitions share (a shuffle) is computed once, not once per partition."""
    parts: list[Delayed] = client.persist(ddf).to_delayed()
    if not parts:
        return
    nxt: Future[pd.DataFrame] = client.compute(parts[0])
    for i in range(len(parts)):
        cur = nxt
        if i + 1 < len(parts):
            nxt = client.compute(parts[i + 1])
        yield cur.result()
        del cur


def claim_rows(frames: Iterable[pd.DataFrame]) -> Iterator[dict[str, Any]]:
    """Rows of claims.csv, as ``export.claim_row`` gives them."""
    for df in frames:
        cols = [df[c].tolist() for c in CLAIM_COLUMNS]
        for values in zip(*cols, strict=True):
            yield {c: (int(v) if c in INT_COLUMNS else v)
                   for c, v in zip(CLAIM_COLUMNS, values, strict=True)}


def conflict_records(frames: Iterable[pd.DataFrame]) -> Iterator[Conflict]:
    for df in frames:
        yield from _frame_conflicts(df)


def write_claims_dataset(ddf: dd.DataFrame, path: Path) -> int:
    """The claims as a partitioned Parquet dataset at ``path`` (a folder), written to a
    temporary folder beside it and renamed over it only when complete; returns the number
    of claims."""
    import pyarrow as pa

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{path}: folder {folder} does not exist; create it first")
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder))
    schema = pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string())
                        for c in CLAIM_COLUMNS])
    try:
        frame = public(ddf).persist()  # sorted once, counted and written
        n = int(frame.shape[0].compute())
        frame.to_parquet(str(tmp), write_index=False, schema=schema, overwrite=False)
        _replace_folder(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return n


def _replace_folder(tmp: Path, path: Path) -> None:
    """``tmp`` renamed to ``path``; an existing dataset there is moved aside first and
    removed once the new one is in place."""
    old = None
    if path.exists() or path.is_symlink():
        if not path.is_dir():
            raise ExportError(f"{path} exists and is not a folder; remove it or choose "
                              "another name")
        old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
        os.replace(path, old / "dataset")
    try:
        os.replace(tmp, path)
    except OSError:
        if old is not None:
            os.replace(old / "dataset", path)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
