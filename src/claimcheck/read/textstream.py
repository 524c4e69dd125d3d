"""Stage 1 for big files: the decoded text of one file read lazily, block by block, and
handed on in pieces cut where the sentence splitter would cut anyway, so that a 200 MB
file is never held whole.

``ingest`` chooses the codec (with the rules of ``ingest.decode_bytes``) and checks the
whole file once with :meth:`TextStream.scan` before any claim is extracted; the pieces are
decoded again, block by block, while the claims are extracted. Offsets stay those of the
whole decoded text: each piece comes with the offset of its first character.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

#: Plain-text files of at least this many bytes are read lazily; smaller ones whole.
LAZY_MIN_BYTES = 8_000_000
#: Bytes read (and decoded) at a time.
BLOCK_BYTES = 1 << 20
#: A piece is handed on once this many characters are held and a safe cut is known.
PIECE_CHARS = 1 << 20
#: A stretch this long with no safe cut (one line of 8M characters with no line break) is
#: cut anyway, after its last space, so that memory stays bounded whatever the file. The
#: sentence around such a cut is split in two (sentences are at most 2,000 characters
#: anyway); everything before 8M characters of unbroken text reads as a whole file would.
FORCE_CUT_CHARS = 1 << 23
#: Characters before a new block searched again for a cut (a cut whose pattern spans
#: the block boundary); a longer run of spaces only costs a missed cut, never a wrong one.
_CUT_TAIL = 256

#: Where the text may be cut into pieces that the sentence splitter reads exactly as it
#: reads the whole text (see ``_last_cut``): after the last line break of a blank line,
#: or after a line ending in sentence punctuation (the characters of
#: ``sentences._TERMINAL_CHARS``) when the next line starts like a sentence.
_CUT = re.compile(r"(\n|[.!?:;\"”’)\]])[^\S\n]*\n(?=[^\S\n]*(\S))")
_NON_SPACE = re.compile(r"\S")
#: Lone surrogates cannot be written as UTF-8; each becomes U+FFFD (offsets do not move).
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class DecodeFailure(Exception):
    """A byte sequence the codec cannot read; ``position`` counts bytes after ``skip``
    (as ``bytes.decode`` of the file's bytes without its byte-order mark would)."""

    def __init__(self, position: int, reason: str) -> None:
        super().__init__(f"byte {position}: {reason}")
        self.position = position
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TextStream:
    """The text of a file decoded with ``codec`` after skipping ``skip`` bytes (a
    byte-order mark), newlines folded to ``\\n`` as for any text. ``size`` and
    ``mtime_ns`` are the file's when it was checked: a file changed since is an error."""

    path: Path
    codec: str
    skip: int = 0
    size: int = 0
    mtime_ns: int = 0

    @classmethod
    def open(cls, path: Path, codec: str, skip: int = 0) -> TextStream:
        """A stream of ``path`` as it is now (raises OSError when it cannot be read)."""
        st = path.stat()
        return cls(path=path, codec=codec, skip=skip, size=st.st_size, mtime_ns=st.st_mtime_ns)

    def scan(self) -> bool:
        """Decode the whole file once, keeping nothing; True when it holds any non-space
        character. Raises DecodeFailure at the first byte the codec cannot read."""
        found = False
        for block in self.blocks():
            if not found and _NON_SPACE.search(block):
                found = True
        return found

    def head(self, chars: int) -> str:
        """The first ``chars`` characters (fewer when the text is shorter)."""
        held: list[str] = []
        n = 0
        blocks = self._checked_blocks()
        try:
            for block in blocks:
                held.append(block)
                n += len(block)
                if n >= chars:
                    break
        finally:
            blocks.close()
        return "".join(held)[:chars]

    def blocks(self) -> Generator[str, None, None]:
        """The decoded text in blocks of about ``BLOCK_BYTES`` bytes, newlines folded
        (a CR at the end of a block waits for the next one, so a CRLF split between two
        blocks is one newline).

        Raises:
            DecodeFailure: bytes the codec cannot read.
            SourceError: the file changed since it was checked.
        """
        decoder = codecs.getincrementaldecoder(self.codec)("strict")
        fed = 0  # bytes handed to the decoder
        cr = ""
        with self.path.open("rb") as fh:
            self._same(fh.fileno())
            fh.seek(self.skip)
            while True:
                data = fh.read(BLOCK_BYTES)
                final = not data
                held = len(decoder.getstate()[0])  # bytes of a character cut by the block
                try:
                    text = decoder.decode(data, final)
                except UnicodeDecodeError as exc:
                    raise DecodeFailure(fed - held + exc.start, exc.reason) from None
                fed += len(data)
                text = cr + text
                cr = "\r" if text.endswith("\r") and not final else ""
                if cr:
                    text = text[:-1]
                if text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                    if _SURROGATE.search(text):  # as ingest._sanitized (--encoding utf-7 …)
                        text = _SURROGATE.sub("\ufffd", text)
                    yield text
                if final:
                    break
            if self.skip + fed != self.size:
                raise self._changed()
            self._same(fh.fileno())

    def pieces(self) -> Iterator[tuple[int, str]]:
        """``(offset, text)``: the text in pieces of about ``PIECE_CHARS`` characters or
        more, each cut at a safe place (see ``_last_cut``); a piece runs on until one is
        found, or until ``FORCE_CUT_CHARS`` characters of unbroken text are held.

        Raises:
            SourceError: the file changed since it was checked (by ``scan``).
        """
        offset = 0
        held: list[str] = []
        n = 0
        cut = 0  # the last safe cut found in the held text
        for block in self._checked_blocks():
            tail = _tail(held, _CUT_TAIL)
            found = _last_cut(tail + block)
            if found > 0:
                cut = max(cut, n - len(tail) + found)
            held.append(block)
            n += len(block)
            if cut == 0 and n >= FORCE_CUT_CHARS:
                cut = _forced_cut(held, n)
            if n >= PIECE_CHARS and cut > 0:
                text = "".join(held)
                held.clear()
                rest = text[cut:]
                piece = text[:cut] if rest else text
                del text  # at most the piece and the rest are held from here
                yield offset, piece
                del piece
                offset += cut
                held = [rest] if rest else []
                n = len(rest)
                cut = 0
        if n:
            yield offset, "".join(held)

    def _checked_blocks(self) -> Generator[str, None, None]:
        """``blocks`` of a file checked by ``scan``: a byte it cannot read now means the
        file changed (SourceError)."""
        blocks = self.blocks()
        try:
            while True:
                try:
                    block = next(blocks)
                except StopIteration:
                    return
                except DecodeFailure as exc:
                    raise self._changed(
                        f" (byte {exc.position} is not valid {self.codec})") from None
                yield block
        finally:
            blocks.close()

    def _same(self, fd: int) -> None:
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns) != (self.size, self.mtime_ns):
            raise self._changed()

    def _changed(self, detail: str = "") -> SourceError:
        return SourceError(f"{self.path} changed while it was read{detail}; stopped, "
                           "no output written")


def _forced_cut(held: list[str], n: int) -> int:
    """Where to cut the ``n`` held characters that have no safe cut: after their last space
    within the last 64k characters, or at their end."""
    tail = _tail(held, 65_536)
    space = max(tail.rfind(" "), tail.rfind("\t"), tail.rfind("\n"))
    return n - len(tail) + space + 1 if space >= 0 else n


def _tail(held: list[str], chars: int) -> str:
    """The last ``chars`` characters of the held blocks."""
    out: list[str] = []
    need = chars
    for part in reversed(held):
        out.append(part[-need:])
        need -= len(out[-1])
        if need <= 0:
            break
    return "".join(reversed(out))


def _last_cut(text: str) -> int:
    """The last safe cut in ``text`` (an index after a line break), or 0.

    A cut is safe when ``sentences._sentence_bounds`` gives the same sentences for the
    two sides (offsets added) as for the whole text:

    * after the last ``\\n`` of a run of whitespace holding two or more: in the whole
      text the paragraph pattern ``\\n\\s*\\n`` matches that run up to its last ``\\n``,
      so one paragraph ends before the run and the next begins at the cut, and no
      pattern or lookahead of the splitter reaches across it;
    * after the ``\\n`` ending a line whose last character is sentence punctuation, when
      the next line starts with an upper-case letter, a digit or a symbol: either the
      paragraph pattern matches that ``\\n`` alone (a list item follows), or the line
      splitter ends a segment there whatever came before (the line is complete) and
      starts afresh after it. The piece ending with that ``\\n`` gives the same
      sentences: a trailing newline is trimmed away.
    """
    last = 0
    for m in _CUT.finditer(text):
        if m.group(1) == "\n" or _starts_new(m.group(2)):
            last = m.end()
    return last


def _starts_new(first: str) -> bool:
    # as sentences._lines: a line starting like a new sentence
    return first.isupper() or first.isdigit() or not first.isalnum()

