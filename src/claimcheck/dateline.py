"""The publication date of an article from a date line near its top ("26 tháng 10 2025",
"Published: October 30, 2025"): a small module apart from the date finder (dates.py),
so that reading articles does not load the finder's patterns."""

from __future__ import annotations

import logging
import re
from datetime import date

log = logging.getLogger(__name__)

_DATELINE_HINT = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_DAY_NUMBER = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)")



def find_dateline(text: str, max_lines: int = 15) -> date | None:
    """A publication date on a line of its own near the top of an article, in any language.

    Only short lines holding a four-digit year and a day number are tried, so neither body
    text nor a headline such as "Summit 2025" is handed to the (slow, multilingual) parser.
    """
    seen = 0
    pos = 0
    while seen < max_lines and pos <= len(text):
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        line = text[pos:end].strip() if end - pos <= 200 else "x" * 61
        pos = end + 1
        if not line:
            continue
        seen += 1
        if len(line) > 60 or not (year := _DATELINE_HINT.search(line)):
            continue
        if not _DAY_NUMBER.search(line[: year.start()] + " " + line[year.end() :]):
            continue
        line = re.sub(r"^(?:published|updated|posted|date)\s*[:\-–]?\s*", "", line, flags=re.I)
        found = parse_date_line(line)
        if found is not None:
            return found
    return None


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
    return data.date_obj.date()
