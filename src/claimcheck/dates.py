"""Date mentions in text → ISO values, resolved against a publication date.

Finding a mention is done here with patterns that only match date-shaped text (a month
name, a weekday, a year after a preposition, "next week"), so a stray number never becomes
a date. Turning the mention into a date is left to dateparser, with the article's
publication date as its reference.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

log = logging.getLogger(__name__)

MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Sept\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
_MONTHS_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_REL_UNIT = r"(?:day|week|month|year|decade|fortnight|quarter)"
_NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|several|a\s+couple\s+of)"
)

_PATTERNS: list[tuple[str, str]] = [
    # ISO and numeric dates
    ("date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    ("date", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    ("date", r"\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}\b"),
    # Weekday, Month Day, Year / Month Day(, Year)
    (
        "date",
        rf"\b(?:{WEEKDAYS},?\s+)?{MONTHS}\s+{_DAY}(?:\s*,\s*{_YEAR}|\s+{_YEAR})?\b(?!\s*(?:%|percent))",
    ),
    # Day Month (Year)
    ("date", rf"\b(?:{WEEKDAYS},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTHS}(?:,?\s+{_YEAR})?\b"),
    # Month Year
    ("date", rf"\b{MONTHS},?\s+(?:of\s+)?{_YEAR}\b"),
    # Year ranges and decades
    ("daterange", rf"(?<![\d,.])\b{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d)\b(?![-–]\d)"),
    ("daterange", rf"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0s\b"),
    # Quarters
    ("daterange", rf"\b(?:Q[1-4]|[Hh][12])\s+{_YEAR}\b"),
    (
        "daterange",
        rf"\b(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:quarter|half)\s+of\s+{_YEAR}\b",
    ),
    # Relative expressions
    ("date", r"\b(?:today|yesterday|tomorrow|tonight)\b"),
    ("date", rf"\b(?:the\s+)?day\s+(?:before|after)\s+(?:yesterday|tomorrow)\b"),
    (
        "date",
        rf"\b(?:last|next|this|coming|past|previous)\s+(?:{_REL_UNIT}|weekend|{WEEKDAYS}|{_MONTHS_FULL})\b",
    ),
    ("date", rf"\b{_NUMWORD}\s+{_REL_UNIT}s?\s+(?:ago|from\s+now|hence)\b"),
    ("date", rf"\b(?:(?:early|late|mid)[\s-]+)?{WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    # A month on its own after a preposition: "in October", "since March"
    ("date", "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in "in since by until during from through before after late early".split()) + rf"){_MONTHS_FULL}\b(?!\s+\d)"),
    # A year: after a preposition or before an event noun, or "Summit 2025"
    (
        "date",
        rf"(?<![$€£¥©#\w.,+\-])(?:(?:early|late|mid)[\s-]+)?{_YEAR}(?![\d,.]\d)(?![\w%])(?!\s*(?:percent|per\s+cent))",
    ),
]
DATE_RE = re.compile("|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)))

_RELATIVE_WORDS = re.compile(
    rf"\b(?:today|yesterday|tomorrow|tonight|last|next|this|coming|past|previous|ago|"
    rf"from now|hence|{WEEKDAYS})\b",
    re.I,
)
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b|\b(?:1[5-9]|20)\d0s\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # "date" or "daterange"
    relative: bool  # needs a reference date to resolve


def find_dates(text: str) -> list[DateMention]:
    """Date-shaped mentions in ``text``, longest first where they overlap."""
    found: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        kind = "daterange" if (m.lastgroup or "").startswith("daterange") else "date"
        span = m.group()
        start, end = m.start(), m.end()
        # Trim a leading "the " kept only to anchor the pattern.
        if span.lower().startswith("the "):
            start += 4
            span = span[4:]
        relative = bool(_RELATIVE_WORDS.search(span)) or not _HAS_YEAR.search(span)
        found.append(DateMention(start, end, span, kind, relative))
    return found


@lru_cache(maxsize=1)
def _parser() -> object:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})


_DECADE = re.compile(r"(?:(early|mid|late)[\s-]+)?((?:1[5-9]|20)\d)0s", re.I)
_YEAR_RANGE = re.compile(rf"({_YEAR})\s*[-–—/]\s*(\d{{4}}|\d\d)")
_QUARTER = re.compile(rf"(?:Q([1-4])|([Hh])([12]))\s+({_YEAR})")
_QUARTER_WORDS = re.compile(rf"(first|second|third|fourth|last)\s+(quarter|half)\s+of\s+({_YEAR})", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_BARE_YEAR = re.compile(rf"(?:(early|late|mid)[\s-]+)?({_YEAR})")


def resolve_date(text: str, base: date | None, prefer: str = "past") -> str:
    """ISO value of a date mention at its own granularity, or '' when it cannot be resolved.

    Args:
        text: the mention, e.g. "October 30, 2025", "Thursday", "next year", "2026-2030".
        base: the publication date that relative mentions are resolved against.
        prefer: "past", "future" or "nearest", for mentions like "Thursday" that could be
            either.

    Returns:
        "2025-10-30", "2025-10", "2025", "2025-W43", an interval "2026/2030", or "".
    """
    t = " ".join(text.split())
    if m := _YEAR_RANGE.fullmatch(t):
        a, b = m.group(1), m.group(2)
        if len(b) == 2:
            b = a[:2] + b
        return f"{a}/{b}" if int(b) > int(a) else ""
    if m := _DECADE.fullmatch(t):
        start = int(m.group(2)) * 10
        part = (m.group(1) or "").lower()
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
        return f"{start + lo}/{start + hi}"
    if m := _QUARTER.fullmatch(t):
        year = m.group(4)
        if m.group(1):
            q = int(m.group(1))
            return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}"
        h = int(m.group(3))
        return f"{year}-{6 * h - 5:02d}/{year}-{6 * h:02d}"
    if m := _QUARTER_WORDS.fullmatch(t):
        n = _ORDINALS[m.group(1).lower()]
        year = m.group(3)
        if m.group(2).lower() == "half":
            n = min(n, 2)
            return f"{year}-{6 * n - 5:02d}/{year}-{6 * n:02d}"
        return f"{year}-{3 * n - 2:02d}/{year}-{3 * n:02d}"
    if m := _BARE_YEAR.fullmatch(t):
        return m.group(2)
    relative = bool(_RELATIVE_WORDS.search(t)) or not _HAS_YEAR.search(t)
    if relative and base is None:
        return ""
    cleaned = re.sub(r"^(?:early|late|mid)[\s-]+", "", t, flags=re.I)
    cleaned = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", cleaned, flags=re.I)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"\bthe\s+", "", cleaned, flags=re.I)
    cleaned = re.sub(r"\bof\s+", "", cleaned, flags=re.I)
    if re.fullmatch(r"tonight", cleaned, re.I):
        cleaned = "today"
    if m := re.fullmatch(r"(last|next|this|coming|past|previous)\s+(week|month|year|quarter|weekend|decade)", cleaned, re.I):
        return _relative_period(m.group(1).lower(), m.group(2).lower(), base)
    if base is not None and not _HAS_YEAR.search(cleaned) and prefer == "nearest":
        # A weekday or a month-day with no year: the occurrence nearest the publication
        # date, in either direction.
        past = resolve_date(text, base, "past")
        future = resolve_date(text, base, "future")
        if len(past) == 10 and len(future) == 10:
            dp, df = date.fromisoformat(past), date.fromisoformat(future)
            return past if (base - dp) <= (df - base) else future
        return past
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if prefer == "future" else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(cleaned)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", cleaned, exc_info=True)
        return ""
    when = data.date_obj
    if when is None:
        return ""
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        iso = when.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return when.date().isoformat()


def _relative_period(which: str, unit: str, base: date | None) -> str:
    if base is None:
        return ""
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[which]
    if unit == "year":
        return f"{base.year + step:04d}"
    if unit == "decade":
        start = (base.year // 10 + step) * 10
        return f"{start}/{start + 9}"
    if unit == "month":
        m = base.month - 1 + step
        return f"{base.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "quarter":
        q = (base.month - 1) // 3 + step
        year, q = base.year + q // 4, q % 4 + 1
        return f"{year:04d}-{3 * q - 2:02d}/{year:04d}-{3 * q:02d}"
    if unit == "weekend":
        # the Saturday of that week
        sat = base + timedelta(days=(5 - base.weekday()) + 7 * step)
        return sat.isoformat()
    iso = (base + timedelta(weeks=step)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


_DATELINE_HINT = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def find_dateline(text: str, max_lines: int = 15) -> date | None:
    """A publication date on a line of its own near the top of an article, in any language.

    Only short lines holding a four-digit year are tried, so body text is never parsed.
    """
    seen = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        if len(line) > 60 or not _DATELINE_HINT.search(line):
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
