"""The publication date of an article from a date line near its top ("26 tháng 10 2025",
"Published: October 30, 2025"): a small module apart from the date finder (dates.py),
so that reading articles does not load the finder's patterns."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date

log = logging.getLogger(__name__)

_DATELINE_HINT = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_DAY_NUMBER = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)")



def find_dateline(text: str | Iterable[str], max_lines: int = 15) -> date | None:
    """A publication date on a line of its own near the top of an article, in any language.

    Only short lines holding a four-digit year and a day number are tried, so neither body
    text nor a headline such as "Summit 2025" is handed to the (slow, multilingual) parser.
    ``text`` may come in pieces (a big file read block by block); only the first lines are
    read.
    """
    seen = 0
    for line in _short_lines((text,) if isinstance(text, str) else text):
        if not line:
            continue
        seen += 1
        if len(line) <= 60 and (year := _DATELINE_HINT.search(line)) and _DAY_NUMBER.search(
            line[: year.start()] + " " + line[year.end() :]
        ):
            line = re.sub(r"^(?:published|updated|posted|date)\s*[:\-–]?\s*", "", line,
                          flags=re.I)
            found = parse_date_line(line)
            if found is not None:
                return found
        if seen >= max_lines:
            break
    return None


#: A line longer than this is never a date line; it stands for one non-empty line.
_SHORT = 200
_LONG_LINE = "x" * 61


def _short_lines(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of the text (split at ``\\n``) stripped, a line of more than ``_SHORT``
    characters as ``_LONG_LINE``; a long line is never held whole."""
    held: list[str] = []
    n = 0
    for piece in pieces:
        pos = 0
        while True:
            end = piece.find("\n", pos)
            stop = len(piece) if end == -1 else end
            if n <= _SHORT:
                held.append(piece[pos : min(stop, pos + _SHORT + 1 - n)])
            n += stop - pos
            if end == -1:
                break
            yield "".join(held).strip() if n <= _SHORT else _LONG_LINE
            held, n = [], 0
            pos = end + 1
    yield "".join(held).strip() if n <= _SHORT else _LONG_LINE


def parse_date_line(raw: str) -> date | None:
    """A full date (day, month and year) written in any language dateparser knows."""
    try:
        from dateparser.date import DateDataParser

        data = DateDataParser(settings={"RETURN_AS_TIMEZONE_AWARE": False}).get_date_data(raw)
    except Exception:
        log.debug("dateparser failed on %r", raw, exc_info=True)
        return None
    if data.date_obj is None or (data.period or "day") != "day":
        return None
    day: date = data.date_obj.date()  # dateparser is untyped: its date_obj is a datetime
    return day
