"""Stage 1: paths (files, folders, JSONL, stdin) → Article records and Problems."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .records import Article, Problem
from .settings import Settings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})
TABLE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST_NAME = "manifest.csv"
#: Files in a folder that are never articles.
SKIP_NAMES = frozenset({MANIFEST_NAME, "README.md", "readme.md", "README.txt"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ManifestEntry:
    outlet: str = ""
    title: str = ""
    url: str = ""
    published: date | None = None


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
        articles.append(item)
    seen: dict[str, Article] = {}
    for art in sorted(articles, key=lambda a: (a.id, str(a.path or ""))):
        if art.id in seen:
            problems.append(
                Problem(
                    stage="ingest",
                    path=str(art.path or "<stdin>"),
                    message=f"duplicate source id {art.id!r} (also in {seen[art.id].path}); "
                    "skipped — rename one of the files",
                )
            )
            continue
        seen[art.id] = art
    return list(seen.values()), problems


def iter_articles(
    paths: Iterable[str | Path], settings: Settings, problems: list[Problem]
) -> Iterator[Article]:
    """Yield articles one at a time; append a Problem for each unreadable input."""
    for raw in paths:
        if str(raw) == "-":
            text = sys.stdin.read()
            yield _with_dateline(Article(id="stdin", text=text, path=None))
            continue
        path = Path(raw)
        if path.is_dir():
            manifests: dict[Path, dict[str, ManifestEntry]] = {}
            for file in _walk(path, problems):
                folder = file.parent
                if folder not in manifests:
                    manifests[folder] = _read_manifest(folder / MANIFEST_NAME, problems)
                yield from _read_file(file, settings, problems, manifests[folder])
        elif path.is_file():
            manifest = _read_manifest(path.parent / MANIFEST_NAME, problems)
            yield from _read_file(path, settings, problems, manifest)
        elif path.is_symlink():
            problems.append(Problem(stage="ingest", path=str(path), message="dangling symlink"))
        else:
            problems.append(
                Problem(stage="ingest", path=str(path), message="no such file or folder")
            )


def _walk(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, skipping hidden entries and manifests."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(
            Problem(stage="ingest", path=str(folder), message=f"cannot list folder: {exc.strerror}")
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not entry.exists():
            problems.append(Problem(stage="ingest", path=str(entry), message="dangling symlink"))
            continue
        if entry.is_dir():
            yield from _walk(entry, problems)
        elif entry.name in SKIP_NAMES:
            continue
        elif entry.is_file():
            yield entry


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
    text = read_text(path, problems)
    if text is None:
        return
    if not text.strip():
        problems.append(Problem(stage="ingest", path=str(path), message="empty file; skipped"))
        return
    entry = manifest.get(path.stem, ManifestEntry())
    art = Article(
        id=path.stem,
        text=text,
        path=path,
        outlet=entry.outlet,
        title=entry.title or _first_line(text),
        url=entry.url,
        published=entry.published,
        published_from="manifest" if entry.published else "",
    )
    yield _with_dateline(art)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Decode a text file; binary files and undecodable bytes become a Problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(
            Problem(stage="ingest", path=str(path), message=f"cannot read: {exc.strerror}")
        )
        return None
    return decode_bytes(data, str(path), problems)


_BINARY_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


def decode_bytes(data: bytes, name: str, problems: list[Problem]) -> str | None:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else detected."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            problems.append(
                Problem(stage="ingest", path=name, message=f"binary file ({what}); skipped")
            )
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalize_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        problems.append(
            Problem(stage="ingest", path=name, message="binary file (NUL bytes); skipped")
        )
        return None
    try:
        return _normalize_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        problems.append(
            Problem(
                stage="ingest",
                path=name,
                message="not valid text in any known encoding; skipped",
            )
        )
        return None
    log.info("%s: decoded as %s", name, best.encoding)
    return _normalize_newlines(str(best))


def _normalize_newlines(text: str) -> str:
    # Offsets index the decoded text; Windows newlines are folded so that a file gives
    # the same claims whichever platform saved it.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


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


def _get_field(record: dict[str, Any], dotted: str) -> Any:
    """Read ``a.b.c`` from nested dicts; None when any step is missing."""
    cur: Any = record
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _read_jsonl(path: Path, settings: Settings, problems: list[Problem]) -> Iterator[Article]:
    text = read_text(path, problems)
    if text is None:
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
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


def record_to_article(
    record: dict[str, Any],
    where: str,
    settings: Settings,
    problems: list[Problem],
    path: Path | None,
) -> Iterator[Article]:
    """Turn one table record into an Article, or a Problem naming the missing field."""
    rid = _get_field(record, settings.id_field)
    body = _get_field(record, settings.text_field)
    if rid is None or str(rid).strip() == "":
        problems.append(
            Problem(
                stage="ingest",
                path=where,
                message=f"no {settings.id_field!r} field; skipped (choose one with --id-field)",
            )
        )
        return
    if not isinstance(body, str):
        problems.append(
            Problem(
                stage="ingest",
                path=where,
                message=f"no text in {settings.text_field!r}; skipped "
                "(choose the field with --text-field)",
            )
        )
        return
    published = parse_published(_get_field(record, settings.published_field))
    title = _get_field(record, settings.title_field)
    outlet = _get_field(record, settings.outlet_field)
    art = Article(
        id=safe_id(str(rid)),
        text=_normalize_newlines(body),
        path=path,
        title=str(title) if title else _first_line(body),
        outlet=str(outlet) if outlet else "",
        published=published,
        published_from="record" if published else "",
    )
    yield _with_dateline(art)


_UNSAFE_ID = re.compile(r"[\x00-\x1f/\\]+")


def safe_id(raw: str) -> str:
    """A source id never carries path separators or control characters."""
    return _UNSAFE_ID.sub("_", raw.strip())[:200]


def parse_published(value: Any) -> date | None:
    """An ISO date or datetime string (or date) → date; anything else → None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raw = str(value).strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        from .dates import parse_date_line

        return parse_date_line(raw)


def _with_dateline(art: Article) -> Article:
    """Fill ``published`` from a date line near the top of the article when unknown."""
    if art.published is not None:
        return art
    from .dates import find_dateline

    found = find_dateline(art.text)
    if found is None:
        return art
    return replace(art, published=found, published_from="dateline")
