"""Readers for inputs other than plain text and JSONL: HTML pages, CSV tables and JSON
files of articles; and glob patterns in path arguments.

``ingest._read_file`` asks :func:`read_special` first; it returns None for the suffixes it
does not handle, so text files and JSONL keep their own readers.
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Article, Problem

if TYPE_CHECKING:
    from ..settings import Settings
    from .articles import ManifestEntry

log = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
JSON_SUFFIXES = frozenset({".json"})
_GLOB_CHARS = frozenset("*?[")


# ------------------------------------------------------------------------------ globs


def expand_globs(paths: Iterable[str]) -> list[str]:
    """Expand ``*``, ``?``, ``[...]`` and ``**`` patterns (sorted matches), for shells and
    callers that pass patterns through quoted. An existing path is kept as is, even when
    its name holds such characters; a pattern with no match is kept so that it is reported
    as missing."""
    from .fetch import is_url

    out: list[str] = []
    for raw in paths:
        p = str(raw)
        if p == "-" or not (_GLOB_CHARS & set(p)) or is_url(p) or Path(p).exists():
            out.append(p)
            continue
        matches = sorted(glob.glob(p, recursive=True))
        out.extend(matches or [p])
    return out


# ------------------------------------------------------------------------------ dispatch


def read_special(
    path: Path,
    settings: Settings,
    problems: list[Problem],
    manifest: dict[str, ManifestEntry],
) -> Iterator[Article] | None:
    """Articles of a file a reader of ``READERS`` takes by its suffix (an HTML page, a CSV
    table, a JSON file of records), or None when none does."""
    suffix = path.suffix.lower()
    for suffixes, reader in READERS:
        if suffix in suffixes:
            return reader(path, settings, problems, manifest)
    return None


def _html(path: Path, settings: Settings, problems: list[Problem],
          manifest: dict[str, ManifestEntry]) -> Iterator[Article]:
    return read_html(path, problems, manifest, getattr(settings, "encoding", None))


def _csv(path: Path, settings: Settings, problems: list[Problem],
         _manifest: dict[str, ManifestEntry]) -> Iterator[Article]:
    return read_csv(path, settings, problems)


def _json(path: Path, settings: Settings, problems: list[Problem],
          _manifest: dict[str, ManifestEntry]) -> Iterator[Article]:
    return read_json(path, settings, problems)


#: The readers of the formats other than text and JSONL, by suffix: each takes the path,
#: the settings, the list of problems to append to and the folder's manifest.
READERS: tuple[tuple[frozenset[str], Callable[
    [Path, Settings, list[Problem], dict[str, ManifestEntry]], Iterator[Article]]], ...] = (
    (HTML_SUFFIXES, _html),
    (CSV_SUFFIXES, _csv),
    (JSON_SUFFIXES, _json),
)


# ------------------------------------------------------------------------------ JSON


def read_json(path: Path, settings: Settings, problems: list[Problem]) -> Iterator[Article]:
    """The articles of a JSON file of records: a list of objects, an object holding one
    such list (``{"status": "ok", "articles": [...]}``, as news APIs answer), or one
    record. A record is read as a JSONL line is (``--id-field``, ``--text-field`` …)."""
    from .articles import record_to_article
    from .decode import read_text

    text = read_text(path, problems, getattr(settings, "encoding", None))
    if text is None:
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(stage="ingest", path=str(path),
                                message=f"not valid JSON ({exc.msg}, line {exc.lineno}); skipped"))
        return
    records = _json_records(data, settings.text_field)
    if records is None:
        problems.append(Problem(
            stage="ingest", path=str(path),
            message="neither a list of records (JSON objects) nor an object holding one; "
                    "skipped"))
        return
    for n, record in enumerate(records, start=1):
        where = f"{path}: record {n}"
        if not isinstance(record, dict):
            problems.append(Problem(stage="ingest", path=where,
                                    message="record is not a JSON object; skipped"))
            continue
        yield from record_to_article(record, where, settings, problems, path)


def _json_records(data: Any, text_field: str) -> list[Any] | None:
    """The records of a JSON document: the list itself, the one list of objects an object
    holds, or the object as one record when it has the text field; None otherwise."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    lists = [v for v in data.values()
             if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
    if len(lists) == 1:
        return lists[0]
    return [data] if text_field.split(".")[0] in data else None


# ------------------------------------------------------------------------------ HTML


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """Main text of a web page (navigation, ads, comments and footers dropped) and its
    metadata: ``title``, ``date`` (ISO), ``sitename``, ``url``. Paragraphs become lines.
    """
    import trafilatura

    text = trafilatura.extract(
        page,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        with_metadata=False,
        deduplicate=False,
    ) or ""
    meta: dict[str, str] = {}
    try:
        # Only the page's own metadata (meta tags, JSON-LD, <time>) gives the date; the
        # text is not searched for one, as the dateline reader already does that.
        doc = trafilatura.extract_metadata(
            page, date_config={"extensive_search": False, "original_date": True}
        )
    except Exception as exc:  # noqa: BLE001 - metadata is optional, the text is not
        log.info("no metadata: %s", exc)
        doc = None
    if doc is not None:
        for key in ("title", "date", "sitename", "url"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = str(value).strip()
    return text, meta


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
                           re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, when Python knows it."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def read_page(path: Path, problems: list[Problem], encoding: str | None = None) -> str | None:
    """Decode a web page: ``encoding`` when given; UTF-8 when the bytes are UTF-8; else the
    charset the page declares; else the usual detection."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(
            Problem(stage="ingest", path=str(path), message=f"cannot read: {exc.strerror}")
        )
        return None
    return decode_page(data, str(path), problems, encoding)


def decode_page(
    data: bytes, name: str, problems: list[Problem], encoding: str | None = None,
    served_charset: str | None = None,
) -> str | None:
    """The bytes of a web page (a file or a fetched body) as text; see :func:`read_page`.
    For a fetched page, the charset its ``Content-Type`` names comes before the one the
    page declares (bytes that are UTF-8 are read as UTF-8 either way, as a saved copy of
    the page would be)."""
    from .decode import decode_bytes

    if not encoding:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _known_codec(served_charset) or declared_charset(data)
    return decode_bytes(data, name, problems, encoding)


def read_html(
    path: Path, problems: list[Problem], manifest: dict[str, ManifestEntry],
    encoding: str | None = None,
) -> Iterator[Article]:
    from .articles import ManifestEntry

    page = read_page(path, problems, encoding)
    if page is None:
        return
    yield from page_article(page, path.stem, str(path), problems,
                            manifest.get(path.stem, ManifestEntry()), path=path)


def page_article(
    page: str, source_id: str, name: str, problems: list[Problem], entry: ManifestEntry,
    path: Path | None = None, url: str = "",
) -> Iterator[Article]:
    """The article of a decoded web page (a saved file, or a page fetched from ``url``):
    its main text with the headline on the first line, and title, date, outlet and URL
    from the manifest ``entry`` or else the page metadata."""
    from .articles import parse_published, with_dateline

    text, meta = html_to_text(page)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.append(Problem(stage="ingest", path=name,
                                message="no article text found in the page; skipped"))
        return
    title = entry.title or meta.get("title", "")
    # The headline heads the text, as in a text file, unless the page body repeats it.
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    published = entry.published or parse_published(meta.get("date"))
    source = ("manifest" if entry.published else "page") if published else ""
    art = Article(
        id=source_id,
        text=text,
        path=path,
        outlet=entry.outlet or meta.get("sitename", ""),
        title=title,
        url=url or entry.url or meta.get("url", ""),
        published=published,
        published_from=source,
    )
    yield with_dateline(art)


# ------------------------------------------------------------------------------ CSV


def read_csv(path: Path, settings: Settings, problems: list[Problem]) -> Iterator[Article]:
    """One article per row; the columns are named by ``--id-field``, ``--text-field`` and
    ``--published-field`` (and ``title``/``outlet`` when present)."""
    from .articles import record_to_article
    from .decode import read_text

    text = read_text(path, problems, getattr(settings, "encoding", None))
    if text is None:
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text, settings.text_field)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = reader.fieldnames or []
    if settings.text_field not in fields:
        hint = ""
        if {"kind", "value", "source"} <= set(fields):
            hint = "; it is a claims table: pass it to 'claimcheck conflicts' instead"
        problems.append(Problem(
            stage="ingest", path=str(path),
            message=f"no {settings.text_field!r} column (columns: {', '.join(fields) or 'none'})"
            f"; skipped — choose the column with --text-field{hint}",
        ))
        return
    line = reader.line_num
    for row in reader:
        # the line a record starts on (a quoted text may span several lines)
        where, line = f"{path}:{line + 1}", reader.line_num
        record: dict[str, Any] = {k: v for k, v in row.items() if k is not None}
        if not str(record.get(settings.text_field) or "").strip():
            problems.append(Problem(stage="ingest", path=where, message="empty text; skipped"))
            continue
        yield from record_to_article(record, where, settings, problems, path)


def _delimiter(text: str, text_field: str) -> str:
    """Comma, unless the header names the text column only when split at ';', tab or '|'
    (spreadsheets saved with a European locale use ';')."""
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    if text_field in [h.strip() for h in header]:
        return ","
    first = text.split("\n", 1)[0]
    for sep in (";", "\t", "|"):
        if text_field in [h.strip() for h in first.split(sep)]:
            return sep
    return ","
