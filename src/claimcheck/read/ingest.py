"""Stage 1: paths (files, folders, JSONL, stdin) → Article records and Problems."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import dependency_error, one_line
from ..records import Article, Problem
from ..settings import Settings
from .articles import ManifestEntry, record_to_article, with_dateline
from .decode import (
    HEAD_CHARS,
    decode_bytes,
    file_size,
    first_line,
    normalize_newlines,
    open_text,
    read_text,
)

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})
TABLE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST_NAME = "manifest.csv"
#: Files in a folder that are never articles.
SKIP_NAMES = frozenset({MANIFEST_NAME, "README.md", "readme.md", "README.txt"})


def load_articles(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every article under ``paths``.

    Args:
        paths: files, folders (read recursively, in sorted order), ``-`` for stdin, and
            ``.jsonl`` files whose records carry an id and a text.
        settings: field names for JSONL records.

    Returns:
        The articles in a stable order (sorted by id), and one Problem per input that
        could not be read. A duplicate id is a Problem, not an overwrite.
    """
    settings = settings or Settings()
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths, settings, problems):
        articles.append(_sanitized(item))
    seen: dict[str, Article] = {}
    for art in sorted(articles, key=lambda a: (a.id, str(a.path or ""))):
        if art.id in seen:
            first = seen[art.id]
            problems.append(
                Problem(
                    stage="ingest",
                    path=str(art.path or art.url or "<stdin>"),
                    message=f"duplicate source id {art.id!r} "
                    f"(also in {first.path or first.url or '<stdin>'}); "
                    f"skipped — {_duplicate_advice(first, art)}",
                )
            )
            continue
        seen[art.id] = art
    return list(seen.values()), problems


def _duplicate_advice(first: Article, again: Article) -> str:
    """What to do about two inputs with one source id, in the words of what they are (a
    page fetched from a URL has a URL and no path)."""
    fetched = [a.path is None and bool(a.url) for a in (first, again)]
    if all(fetched):
        if first.url == again.url:
            return "the same URL was given twice"
        return "two URLs give this id (one page under two addresses?); give one of them"
    if any(fetched):
        return "a URL and a file give this id; rename the file"
    return "rename one of the files"


def iter_articles(
    paths: Iterable[str | Path], settings: Settings, problems: list[Problem]
) -> Iterator[Article]:
    """Yield articles one at a time; append a Problem for each unreadable input.

    ``http://`` and ``https://`` inputs are fetched first, all together (fetch.py), and
    read in their place among the others."""
    paths = list(paths)
    from .fetch import is_url

    urls = [str(p) for p in paths if is_url(p)]
    pages = {}
    if urls:
        from .fetch import fetch_all

        pages = fetch_all(urls, settings)
    for raw in paths:
        if is_url(raw):
            yield from _url_article(str(raw), pages[str(raw)], settings, problems)
            continue
        if str(raw) == "-":
            stdin_text = _read_stdin(problems, settings.encoding)
            if stdin_text is None:
                continue
            if not stdin_text.strip():
                problems.append(Problem(stage="ingest", path="<stdin>",
                                        message="empty input; skipped"))
                continue
            yield with_dateline(Article(id="stdin", text=stdin_text, path=None))
            continue
        path = Path(raw)
        if path.is_dir():
            manifests: dict[Path, dict[str, ManifestEntry]] = {}
            for file in _walk(path, problems, set()):
                folder = file.parent
                if folder not in manifests:
                    manifests[folder] = _read_manifest(folder / MANIFEST_NAME, problems)
                yield from _guarded(str(file), _read_file(file, settings, problems,
                                                          manifests[folder]), settings, problems)
        elif path.is_file():
            manifest = _read_manifest(path.parent / MANIFEST_NAME, problems)
            yield from _guarded(str(path), _read_file(path, settings, problems, manifest),
                                settings, problems)
        elif path.is_symlink():
            problems.append(Problem(stage="ingest", path=str(path), message=_bad_link(path)))
        elif path.exists():
            problems.append(Problem(stage="ingest", path=str(path),
                                    message="not a regular file (device, pipe or socket); skipped"))
        else:
            problems.append(
                Problem(stage="ingest", path=str(path), message="no such file or folder")
            )


def _url_article(
    url: str, page: Any, settings: Settings, problems: list[Problem]
) -> Iterator[Article]:
    """The article of a fetched page (the same HTML reader as a saved page), or the
    Problem saying why the URL could not be read."""
    if isinstance(page, str):
        problems.append(Problem(stage="ingest", path=url, message=page))
        return
    from .fetch import url_id
    from .readers import decode_page, page_article

    text = decode_page(page.body, url, problems, settings.encoding, page.charset)
    if text is None:
        return
    yield from _guarded(
        url, page_article(text, url_id(url), url, problems, ManifestEntry(), url=url),
        settings, problems,
    )


def _read_stdin(problems: list[Problem], encoding: str | None) -> str | None:
    """Standard input, decoded from its bytes like a file (not with the locale's codec)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stream (tests, embedding)
        return normalize_newlines(sys.stdin.read())
    return decode_bytes(buffer.read(), "<stdin>", problems, encoding)


def _bad_link(path: Path) -> str:
    """Why a symlink cannot be followed: a loop, or a target that does not exist."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop; skipped"
        return "dangling symlink (its target does not exist); skipped"
    return "symlink cannot be read; skipped"


def _walk(folder: Path, problems: list[Problem], seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, skipping hidden entries and manifests.

    A folder reached twice (a symlink back to a parent) is read once. The walk keeps its
    own stack, so folders nested thousands deep do not exhaust Python's recursion limit.
    """
    stack = [it] if (it := _list_folder(folder, problems, seen)) is not None else []
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not entry.exists():
            problems.append(Problem(stage="ingest", path=str(entry), message=_bad_link(entry)))
            continue
        if entry.is_dir():
            if (it := _list_folder(entry, problems, seen)) is not None:
                stack.append(it)
        elif entry.name in SKIP_NAMES:
            continue
        elif entry.is_file():
            yield entry
        else:
            problems.append(Problem(stage="ingest", path=str(entry),
                                    message="not a regular file (device, pipe or socket); skipped"))


def _list_folder(
    folder: Path, problems: list[Problem], seen: set[tuple[int, int]]
) -> Iterator[Path] | None:
    try:
        st = folder.stat()
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(
            Problem(stage="ingest", path=str(folder), message=f"cannot list folder: {exc.strerror}")
        )
        return None
    if (st.st_dev, st.st_ino) in seen:
        problems.append(Problem(stage="ingest", path=str(folder),
                                message="symlink back to a folder already read; skipped"))
        return None
    seen.add((st.st_dev, st.st_ino))
    return iter(entries)


def _guarded(
    where: str,
    articles: Iterator[Article],
    settings: Settings,
    problems: list[Problem],
) -> Iterator[Article]:
    """The articles a reader gives for one input (a file, or a fetched page: ``where``);
    a reader that fails on it skips the input with one line (the traceback only with
    ``settings.debug``), and the other inputs go on. A package that cannot be imported
    stops the run: every other input would fail the same way."""
    try:
        yield from articles
    except ImportError as exc:
        raise dependency_error(exc) from exc
    except (MemoryError, RecursionError) as exc:
        problems.append(Problem(stage="ingest", path=where,
                                message=f"too large or too deeply nested to read "
                                f"({type(exc).__name__}); skipped"))
    except Exception as exc:  # noqa: BLE001 - one bad input must not sink the others
        if settings.debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        problems.append(Problem(
            stage="ingest", path=where,
            message=f"the reader failed ({one_line(exc)}); skipped (--debug shows the traceback)",
        ))


def _read_file(
    path: Path,
    settings: Settings,
    problems: list[Problem],
    manifest: dict[str, ManifestEntry],
) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from _read_jsonl(path, settings, problems)
        return
    from .readers import read_special  # HTML pages and CSV tables

    special = read_special(path, settings, problems, manifest)
    if special is not None:
        yield from special
        return
    from . import textstream

    stream: textstream.TextStream | None = None
    if file_size(path) >= textstream.LAZY_MIN_BYTES:
        opened = open_text(path, problems, settings.encoding)
        if opened is None:
            return
        text, stream = ("", opened) if isinstance(opened, textstream.TextStream) else (opened, None)
    else:
        whole = read_text(path, problems, settings.encoding)
        if whole is None:
            return
        if not whole.strip():
            problems.append(Problem(stage="ingest", path=str(path), message="empty file; skipped"))
            return
        text = whole
    entry = manifest.get(path.stem, ManifestEntry())
    art = Article(
        id=path.stem,
        text=text,
        path=path,
        outlet=entry.outlet,
        title=entry.title or first_line(stream.head(HEAD_CHARS) if stream else text),
        url=entry.url,
        published=entry.published,
        published_from="manifest" if entry.published else "",
        stream=stream,
    )
    yield with_dateline(art)


def _read_manifest(path: Path, problems: list[Problem]) -> dict[str, ManifestEntry]:
    if not path.is_file():
        return {}
    text = read_text(path, problems)
    if text is None:
        return {}
    out: dict[str, ManifestEntry] = {}
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "source" not in reader.fieldnames:
        problems.append(
            Problem(stage="ingest", path=str(path), message="manifest has no 'source' column")
        )
        return {}
    for lineno, row in enumerate(reader, start=2):
        published = None
        raw = (row.get("published") or "").strip()
        if raw:
            try:
                published = date.fromisoformat(raw[:10])
            except ValueError:
                problems.append(
                    Problem(
                        stage="ingest",
                        path=f"{path}:{lineno}",
                        message=f"published {raw!r} is not an ISO date (YYYY-MM-DD); ignored",
                    )
                )
        out[(row.get("source") or "").strip()] = ManifestEntry(
            outlet=(row.get("outlet") or "").strip(),
            title=(row.get("title") or "").strip(),
            url=(row.get("url") or "").strip(),
            published=published,
        )
    return out


def _read_jsonl(path: Path, settings: Settings, problems: list[Problem]) -> Iterator[Article]:
    text = read_text(path, problems, settings.encoding)
    if text is None:
        return
    yield from jsonl_articles(text, str(path), settings, problems, path)


def jsonl_articles(
    text: str, name: str, settings: Settings, problems: list[Problem], path: Path | None,
    first_line: int = 1,
) -> Iterator[Article]:
    """The articles of the records of a JSONL text (a whole table, or a run of its lines
    starting at line ``first_line``); a bad record is a Problem at ``name:LINE``."""
    for lineno, line in enumerate(_iter_lines(text), start=first_line):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(stage="ingest", path=where, message=f"not valid JSON ({exc.msg}); skipped")
            )
            continue
        if not isinstance(record, dict):
            problems.append(
                Problem(stage="ingest", path=where, message="record is not a JSON object; skipped")
            )
            continue
        yield from record_to_article(record, where, settings, problems, path)


def _iter_lines(text: str) -> Iterator[str]:
    """Lines of ``text`` one at a time (a big table is not copied into a list of lines)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


#: Lone surrogates: a JSON "\ud800" escape, or a file name that is not UTF-8. They cannot be
#: written as UTF-8, so they become U+FFFD (one character for one: offsets do not move).
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _sanitized(art: Article) -> Article:
    """Fields writable as UTF-8. The source id is otherwise kept exactly as the input gave
    it, so that outputs join back to their input records; whatever needs a file name from
    it calls :func:`file_names`."""
    changes: dict[str, str] = {}
    for name in ("id", "text", "title", "outlet", "url"):
        value = getattr(art, name)
        if _SURROGATE.search(value):
            changes[name] = _SURROGATE.sub("\ufffd", value)
    return replace(art, **changes) if changes else art  # type: ignore[arg-type]


_UNSAFE_NAME = re.compile(r"[^\w.-]+")
#: File names derived from ids are cut to this many characters (before the hash suffix).
NAME_CHARS = 80


def safe_name(source_id: str) -> str:
    """A file name stem for a source id: letters, digits, ``_``, ``.`` and ``-`` only, never
    ``.``/``..`` or hidden. An id that had to change gets a short hash of itself appended,
    so that two ids never share a name (``a/b`` → ``a_b-1f3870be``, ``a_b`` → ``a_b``)."""
    stem = _UNSAFE_NAME.sub("_", source_id).strip(".")[:NAME_CHARS] or "_"
    if stem == source_id:
        return stem
    digest = hashlib.sha1(source_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{stem}-{digest}"


def file_names(source_ids: Iterable[str]) -> dict[str, str]:
    """A distinct file name stem for each id (see :func:`safe_name`), also on file systems
    that ignore case: a stem already taken in another case gets the hash suffix."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for sid in source_ids:
        stem = safe_name(sid)
        if stem.casefold() in taken:
            digest = hashlib.sha1(sid.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            stem = f"{stem}-{digest}"
        taken.add(stem.casefold())
        out[sid] = stem
    return out

