"""Stage 1: paths (files, folders, JSONL, stdin) → Article records and Problems."""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import dependency_error, one_line
from .records import Article, Problem
from .settings import Settings

if TYPE_CHECKING:
    from .textstream import TextStream

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
            yield _with_dateline(Article(id="stdin", text=stdin_text, path=None))
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
        return _normalize_newlines(sys.stdin.read())
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
    if _size(path) >= textstream.LAZY_MIN_BYTES:
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
        title=entry.title or _first_line(stream.head(HEAD_CHARS) if stream else text),
        url=entry.url,
        published=entry.published,
        published_from="manifest" if entry.published else "",
        stream=stream,
    )
    yield _with_dateline(art)


#: The title of a big file read lazily is its first non-blank line within this many
#: characters.
HEAD_CHARS = 65_536


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_text reports why


def open_text(
    path: Path, problems: list[Problem], encoding: str | None = None
) -> TextStream | str | None:
    """A big text file, checked whole but not held: the TextStream to read it again piece
    by piece, or None with a Problem appended (the same reasons and messages as
    ``decode_bytes``; an empty or whitespace-only file is skipped too).

    The encoding is chosen by the rules of ``decode_bytes``: binary signatures, NUL bytes
    and a byte-order mark are seen in the first 4 kB, and the whole file is then decoded
    once (``TextStream.scan``) so that a byte the codec cannot read, however late, skips
    the file before any claim is written. A file that is not UTF-8 and has no byte-order
    mark (and no ``encoding`` is given) is read whole, as before, and its text returned:
    the guess of its encoding looks at all of its bytes.
    """
    from .textstream import DecodeFailure, TextStream

    name = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
        stream = TextStream.open(path, "utf-8")
    except OSError as exc:
        _cannot_read(name, exc, problems)
        return None
    if _binary(head, name, problems):
        return None
    failed: Callable[[DecodeFailure], str] | None = None
    if encoding:
        codec = _forced_codec(encoding, head, name, problems)
        if codec is None:
            return None
        skip = 0
        if codec in {"utf-8", "utf-8-sig"}:
            # a BOM is not part of the text; byte offsets count after it, as utf-8-sig's
            codec, skip = "utf-8", 3 if head.startswith(b"\xef\xbb\xbf") else 0
        stream = replace(stream, codec=codec, skip=skip)

        def failed(exc: DecodeFailure) -> str:
            return _not_valid_forced(encoding, exc.position, exc.reason)
    else:
        for bom, codec in _BOMS:
            if head.startswith(bom):
                stream = replace(stream, codec=codec, skip=len(bom))

                def failed(exc: DecodeFailure, codec: str = codec) -> str:
                    return _not_valid_after_bom(codec, exc.position)
                break
        else:
            if b"\x00" in head:
                return decode_bytes(head, name, problems)  # binary, or UTF-16 without a BOM
    try:
        has_text = stream.scan()
    except DecodeFailure as exc:
        if failed is None:  # not UTF-8: the guess needs all the bytes
            text = read_text(path, problems)
            if text is not None and not text.strip():
                problems.append(Problem(stage="ingest", path=name, message="empty file; skipped"))
                return None
            return text
        problems.append(Problem(stage="ingest", path=name, message=failed(exc)))
        return None
    except OSError as exc:
        _cannot_read(name, exc, problems)
        return None
    if not has_text:
        problems.append(Problem(stage="ingest", path=name, message="empty file; skipped"))
        return None
    return stream


def read_text(path: Path, problems: list[Problem], encoding: str | None = None) -> str | None:
    """Decode a text file; binary files and undecodable bytes become a Problem.

    Args:
        path: the file.
        problems: where a Problem is appended when the file cannot be read or decoded.
        encoding: decode with this codec instead of detecting one (``--encoding``).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        _cannot_read(str(path), exc, problems)
        return None
    return decode_bytes(data, str(path), problems, encoding)


def _cannot_read(name: str, exc: OSError, problems: list[Problem]) -> None:
    reason = exc.strerror or exc.__class__.__name__
    problems.append(Problem(stage="ingest", path=name, message=f"cannot read: {reason}"))


_BINARY_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


def _binary(head: bytes, name: str, problems: list[Problem]) -> bool:
    """The bytes open a known binary format (appends a Problem saying which)."""
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            problems.append(
                Problem(stage="ingest", path=name, message=f"binary file ({what}); skipped")
            )
            return True
    return False


def _not_valid_after_bom(codec: str, position: int) -> str:
    return (f"starts with a {codec.upper()} byte-order mark but byte {position} is not "
            f"valid {codec.upper()}; skipped (force one with --encoding)")


def _not_valid_forced(encoding: str, position: int, reason: str) -> str:
    return f"byte {position} is not valid {encoding} ({reason}); skipped"


def _forced_codec(
    encoding: str, head: bytes, name: str, problems: list[Problem]
) -> str | None:
    """The codec ``--encoding`` names for bytes starting with ``head`` (UTF-16 and UTF-32
    without a byte-order mark are little-endian, as Windows writes them), or None with a
    Problem for a name Python does not know."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        problems.append(Problem(stage="ingest", path=name,
                                message=f"unknown encoding {encoding!r}; skipped"))
        return None
    if codec in {"utf-16", "utf-32"} and not head.startswith(
        (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
    ):
        codec += "-le"
    return codec


def decode_bytes(
    data: bytes, name: str, problems: list[Problem], encoding: str | None = None
) -> str | None:
    """Decode bytes as text, or append a Problem naming the reason and return None.

    Without ``encoding``: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, else
    Windows-1252 (which reads Latin-1 text the same) when the result looks like Western
    European text, else an encoding charset-normalizer is confident about. When no reading
    is certain the file is skipped with a hint to use ``--encoding``: a wrong guess would
    put mojibake into the claims.
    """
    if _binary(data, name, problems):
        return None
    if encoding:
        return _decode_forced(data, name, problems, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _normalize_newlines(data[len(bom):].decode(codec))
            except UnicodeDecodeError as exc:
                problems.append(Problem(stage="ingest", path=name,
                                        message=_not_valid_after_bom(codec, exc.start)))
                return None
    head = data[:4096]
    if b"\x00" in head:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if len(head) >= 4 and max(odd, even) > len(head) // 4:
            hint = "utf-16-le" if odd > even else "utf-16-be"
            message = (f"looks like UTF-16 without a byte-order mark; skipped "
                       f"(read it with --encoding {hint})")
        else:
            message = "binary file (NUL bytes); skipped"
        problems.append(Problem(stage="ingest", path=name, message=message))
        return None
    try:
        return _normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))[:5]
    text = _western(data, [c.encoding for c in candidates])
    if text is not None:
        log.info("%s: not UTF-8; read as Windows-1252", name)
        return _normalize_newlines(text)
    best = candidates[0] if candidates else None
    if best is None:
        problems.append(Problem(stage="ingest", path=name, message=(
            f"not text in any known encoding (byte {utf8_error} is not UTF-8); skipped")))
        return None
    if (best.chaos <= 0.05 and best.coherence >= 0.4 and len(data) >= 64
            and _other_script(str(best)[:1_000_000])):
        log.info("%s: not UTF-8; read as %s", name, best.encoding)
        return _normalize_newlines(str(best))
    problems.append(Problem(stage="ingest", path=name, message=(
        f"not UTF-8 (byte {utf8_error}) and its encoding is uncertain (perhaps "
        f"{best.encoding}); skipped — give it with --encoding")))
    return None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Control bytes that no text file holds (tab, newlines and form feed are allowed).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
#: In a Windows-1252 reading, letters that Turkish text (Windows-1254: ğ ı ş) turns into;
#: Icelandic, the one Western language that writes þ ð ý, is then given with --encoding.
_NOT_WESTERN = re.compile(r"[þðýÞÐÝ]")
#: Latin letters beyond ASCII (Latin-1 Supplement to Latin Extended-B, Latin Extended
#: Additional): between Latin code pages a wrong guess still looks like letters.
_LATIN_LETTER = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_ASCII_BYTES = bytes(range(128))
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")


def _decode_forced(data: bytes, name: str, problems: list[Problem], encoding: str) -> str | None:
    codec = _forced_codec(encoding, data, name, problems)
    if codec is None:
        return None
    if codec == "utf-8":
        codec = "utf-8-sig"  # a BOM is not part of the text
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        problems.append(Problem(stage="ingest", path=name,
                                message=_not_valid_forced(encoding, exc.start, exc.reason)))
        return None
    return _normalize_newlines(text)


def _other_script(text: str) -> bool:
    """Most non-ASCII letters are not Latin (Cyrillic, Greek, Arabic, CJK, …): code pages
    of those scripts are told apart reliably, unlike the Latin ones among themselves."""
    other = len(_OTHER_LETTER.findall(text))
    return other > 0 and len(_LATIN_LETTER.findall(text)) < 0.5 * other


def _western(data: bytes, detected: list[str]) -> str | None:
    """``data`` as Windows-1252 when that reading is certainly right, else None.

    Latin-1 files are read the same way (the two differ only in 0x80-0x9F, which in
    Latin-1 are control codes no text uses). The reading is trusted when the file has no
    control bytes, accented letters are a minority of its letters (as in every Western
    European language, while Cyrillic or Greek read this way is mostly accented letters),
    and one of the encodings charset-normalizer ``detected`` reads every byte of the file
    the same way (so a Chinese name in GB18030 is not turned into "Ï°½üÆ½").
    """
    if _CONTROL_BYTES.search(data):
        return None
    high = bytes(sorted(set(data.translate(None, _ASCII_BYTES))))
    try:
        text = data.decode("cp1252")
        high_text = high.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: not text in either
        return None
    sample = text[:1_000_000]
    plain = len(_ASCII_LETTER.findall(sample))
    accented = len(_OTHER_LETTER.findall(sample))
    if accented > 0.3 * (plain + accented) or _NOT_WESTERN.search(sample):
        return None
    for codec in detected:
        try:
            if high.decode(codec) == high_text:
                return text
        except (UnicodeDecodeError, LookupError):
            continue
    return None


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
        id=str(rid),
        text=_normalize_newlines(body),
        path=path,
        title=str(title) if title else _first_line(body),
        outlet=str(outlet) if outlet else "",
        published=published,
        published_from="record" if published else "",
    )
    yield _with_dateline(art)


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
        from .dateline import parse_date_line

        return parse_date_line(raw)


def _with_dateline(art: Article) -> Article:
    """Fill ``published`` from a date line near the top of the article when unknown."""
    if art.published is not None:
        return art
    from .dateline import find_dateline

    found = find_dateline(piece for _offset, piece in art.pieces())
    if found is None:
        return art
    return replace(art, published=found, published_from="dateline")
