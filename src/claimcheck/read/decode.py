"""Bytes of a file → text: the encoding (declared, byte-order mark, or detected), binary
files refused, newlines normalized; big files opened as streams (``textstream``)."""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import Problem

if TYPE_CHECKING:
    from .textstream import DecodeFailure, TextStream

log = logging.getLogger(__name__)


#: The title of a big file read lazily is its first non-blank line within this many
#: characters.
HEAD_CHARS = 65_536


def file_size(path: Path) -> int:
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
    from .textstream import TextStream

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
    return _scanned(stream, failed, path, problems)


def _scanned(stream: TextStream, failed: Callable[[DecodeFailure], str] | None, path: Path,
             problems: list[Problem]) -> TextStream | str | None:
    """``stream`` once its whole file decodes and holds some text; the text itself when
    the file is not UTF-8 and no codec was chosen (``failed`` is None: the guess of its
    encoding needs all the bytes); None with a Problem appended otherwise."""
    from .textstream import DecodeFailure

    name = str(path)
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
                return normalize_newlines(data[len(bom):].decode(codec))
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
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))[:5]
    text = _western(data, [c.encoding for c in candidates])
    if text is not None:
        log.info("%s: not UTF-8; read as Windows-1252", name)
        return normalize_newlines(text)
    best = candidates[0] if candidates else None
    if best is None:
        problems.append(Problem(stage="ingest", path=name, message=(
            f"not text in any known encoding (byte {utf8_error} is not UTF-8); skipped")))
        return None
    if (best.chaos <= 0.05 and best.coherence >= 0.4 and len(data) >= 64
            and _other_script(str(best)[:1_000_000])):
        log.info("%s: not UTF-8; read as %s", name, best.encoding)
        return normalize_newlines(str(best))
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
    return normalize_newlines(text)


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


def normalize_newlines(text: str) -> str:
    # Offsets index the decoded text; Windows newlines are folded so that a file gives
    # the same claims whichever platform saved it.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
