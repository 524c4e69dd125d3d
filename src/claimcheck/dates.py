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
#: Month and weekday names in any case ("april 2017", "on monday"): used where a day or a
#: year follows, so a lower-case "may" or "march" alone is never a date.
_MONTHS_I = "(?i:" + MONTHS + ")"
_WEEKDAYS_I = "(?i:" + WEEKDAYS + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORDINAL_DAYS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
} | {"thirtieth": 30}
_ORDINAL_DAYS |= {
    f"twenty{sep}{w}": 20 + n for w, n in list(_ORDINAL_DAYS.items())[:9] for sep in ("-", " ")
}
_ORDINAL_DAYS |= {"thirty-first": 31, "thirty first": 31}
#: A day written as an ordinal word: "fourth", "twenty-first".
_DAY_WORD = (
    "(?i:"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _ORDINAL_DAYS), key=len, reverse=True))
    + ")"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_REL_UNIT = r"(?:day|week|month|year|decade|fortnight|quarter)"
#: Holidays claimcheck can date: fixed days, and Easter and its neighbours.
_HOLIDAYS = (
    r"(?i:christmas(?:\s+(?:eve|day))?|new\s+year'?s?\s+(?:day|eve)|valentine'?s\s+day|"
    r"halloween|easter(?:\s+(?:sunday|monday))?|good\s+friday|boxing\s+day|"
    r"(?:fourth|4th)\s+of\s+july)(?![\w'])"
)
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
#: Two month names joined by a dash, or by to/through/until after "from" or "between",
#: or followed by a year: never "May to March" alone, where May may be a name.
_MONTH_RANGE_PATTERN = (
    rf"\b(?:(?<=\bfrom\s)|(?<=\bbetween\s))(?i:{_MONTH_WORD})\s+(?:to|through|until|till|and)\s+"
    rf"(?i:{_MONTH_WORD})\b(?:,?\s+(?:in\s+|of\s+)?{_YEAR}\b)?"
    rf"|\b(?:{_MONTH_WORD})\s*[-–—]\s*(?:{_MONTH_WORD})\b(?:,?\s+{_YEAR}\b)?"
    rf"|\b(?:{_MONTH_WORD})\s+(?:to|through|until|till)\s+(?:{_MONTH_WORD}),?\s+{_YEAR}\b"
)
_NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|several|a\s+couple\s+of)"
)

_PATTERNS: list[tuple[str, str]] = [
    # ISO and numeric dates
    ("date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    ("date", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    # Day first when the day cannot be a month (21/04/16), year first (2015/08/12, 2015.5.13)
    ("date", r"\b(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:\d{4}|\d{2})\b"),
    (
        "date",
        rf"\b{_YEAR}(?:/(?:0?[1-9]|1[0-2])/|\.(?:0?[1-9]|1[0-2])\.)(?:0?[1-9]|[12]\d|3[01])\b(?![.,]?\d)",
    ),
    # Days as ordinal words: "May twenty-first", "the fourth of July"
    ("date", rf"\b{_MONTHS_I}\s+(?:the\s+)?{_DAY_WORD}\b(?:,?\s+{_YEAR}\b)?"),
    ("date", rf"\b(?:the\s+)?{_DAY_WORD}\s+of\s+{_MONTHS_I}\b(?:,?\s+{_YEAR}\b)?"),
    # A day of the current month: "on the 27th"
    ("date", r"(?<=\bon\s)(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s*[\w%-])"),
    ("date", r"\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}\b"),
    # Dates with a month name and dashes or slashes: 05-Aug-2016, 2019/aug/01, Sep-23-2020
    ("date", rf"\b{_DAY}[-/]{_MONTHS_I}[-/]{_YEAR}\b"),
    ("date", rf"\b{_YEAR}[-/]{_MONTHS_I}[-/](?:[12]\d|3[01]|0?[1-9])\b"),
    ("date", rf"\b{_MONTHS_I}[-/](?:[12]\d|3[01]|0?[1-9])[-/]{_YEAR}\b"),
    # Days of one month: "April 9-17", "9 to 17 April 2025"
    (
        "daterange",
        rf"\b{_MONTHS_I}\s+{_DAY}\s*(?:[-–—]|\s(?:to|through|until|till)\s)\s*{_DAY}\b(?!\s*(?:%|percent|[:.,]\d))(?:,?\s+{_YEAR}\b)?",
    ),
    (
        "daterange",
        rf"(?<![\d.,])\b{_DAY}\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS_I}\b(?:,?\s+{_YEAR}\b)?",
    ),
    # Weekday, Month Day, Year / Month Day(, Year)
    (
        "date",
        rf"\b(?:{_WEEKDAYS_I},?\s+)?{_MONTHS_I}\s*{_DAY}(?:\s*,\s*{_YEAR}|\s+(?:of\s+)?{_YEAR})?\b(?!\s*(?:%|percent))",
    ),
    # Day Month (Year)
    (
        "date",
        rf"(?<![\d.,])\b(?:{_WEEKDAYS_I},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS_I}(?:,?\s+(?:of\s+|in\s+)?{_YEAR})?\b",
    ),
    # Month Year
    ("date", rf"\b{_MONTHS_I},?\s+(?:of\s+)?{_YEAR}\b"),
    # Holidays on a fixed day or computed from the year (Easter)
    ("date", rf"\b{_HOLIDAYS}(?:,?\s+(?:of\s+)?{_YEAR}\b)?"),
    # Year ranges and decades
    ("daterange", rf"(?<![\d,.\-])\b{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d)\b(?![-–]\d)"),
    ("daterange", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0s\b"),
    # Quarters: "Q3 2025", "q1 of 2017", "2019-Q1", "2017 q1", "2019-H2"
    ("daterange", rf"\b(?:[Qq][1-4]|[Hh][12])(?:\s+of|\s*-)?\s*{_YEAR}\b"),
    ("daterange", rf"\b{_YEAR}(?:\s+|\s*-\s*)(?:[Qq][1-4]|H[12])\b"),
    # Month ranges: "from March to May", "June-August 1992", "Nov-Feb 2017"
    ("daterange", _MONTH_RANGE_PATTERN),
    ("date", rf"\b{_YEAR}-[1-9]\b(?![-–/.]\d)"),
    # Part of a month: "mid-November", "early March 2026"
    ("date", rf"\b(?:early|mid|late)[\s-]+{_MONTHS_FULL}\b(?:,?\s+{_YEAR}\b)?"),
    # Month and year with a slash or a dash: "Dec/2018"
    ("date", rf"\b{_MONTHS_I}[/-]{_YEAR}\b"),
    (
        "daterange",
        rf"\b(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:quarter|half)\s+of\s+{_YEAR}\b",
    ),
    # Relative expressions
    ("date", r"\b(?:today|yesterday|tomorrow|tonight)\b"),
    ("date", r"\b(?:the\s+)?day\s+(?:before|after)\s+(?:yesterday|tomorrow)\b"),
    (
        "date",
        rf"\b(?:last|next|this|coming|past|previous|following)\s+(?:{_REL_UNIT}|weekend|{_WEEKDAYS_I}|{_MONTHS_FULL})\b"
        rf"|\bcurrent\s+{_REL_UNIT}\b",
    ),
    ("date", rf"\b{_NUMWORD}\s+{_REL_UNIT}s?\s+(?:ago|from\s+now|hence)\b"),
    (
        "date",
        rf"\b(?:(?:early|late|mid)[\s-]+)?{_WEEKDAYS_I}(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    # A month on its own after a preposition: "in October", "since March"
    (
        "date",
        "(?:"
        + "|".join(
            rf"(?<=\b{w}\s)"
            for w in "in since by until during from through before after late early".split()
        )
        + rf"){_MONTHS_FULL}\b(?!\s+\d)",
    ),
    # A year: after a preposition or before an event noun, or "Summit 2025"
    (
        "date",
        rf"(?<![$€£¥©#\w.,+\-])(?:(?:early|late|mid)[\s-]+)?{_YEAR}(?![\d,.]\d)(?![-–/]\d)(?![\w%])(?!\s*(?:percent|per\s+cent))",
    ),
]
#: Every date starts a word, so other positions are skipped before the alternatives are tried.
DATE_RE = re.compile(
    r"\b(?=\w)(?:" + "|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)) + ")"
)

_RELATIVE_WORDS = re.compile(
    rf"\b(?:today|yesterday|tomorrow|tonight|last|next|this|current|coming|past|previous|following|ago|"
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


_BARE_YEAR_GROUP = f"date{len(_PATTERNS) - 1}"
#: Words before a bare year that make it a date ("in 2019", "the 2024 election").
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|through|during|before|after|of|between|and|or|"
    r"for|early|mid|late|circa|around|year|the|a|an|this|that|its|their|his|her|fiscal|spring|"
    r"summer|autumn|fall|winter|season|than|on|at|as)|[A-Z][\w.]*|[(\[,;:\-–—]|^)\s*$"
)
#: Lower-case words after a year that still read as a date ("in 2019 and", "2020 was").
_YEAR_AFTER_OK = frozenset(
    "and or to through when while as was is were will would has had have the a an after "
    "before until in on at for with by from of but that which who where than amid during "
    "compared versus vs".split()
)
_LOWER_MONTH_WORD = re.compile(r"\b(?:may|march|mar)\b")
_MOVED = re.compile(
    r"\b(?:mov|postpon|delay|reschedul|push|brought|bring|chang|shift|"
    r"advanc|switch)\w*\b",
    re.I,
)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|to|till|until|through|thru)\s*", re.I)


def find_dates(text: str) -> list[DateMention]:
    """Date-shaped mentions in ``text``, longest first where they overlap. Two dates joined
    by "to", "through", a dash ("from 2014 to 2018", "Nov 18-Dec 19, 2015") or "between …
    and …" become one range."""
    found: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        kind = "daterange" if (m.lastgroup or "").startswith("daterange") else "date"
        span = m.group()
        start, end = m.start(), m.end()
        if m.lastgroup == _BARE_YEAR_GROUP and not _bare_year_ok(text, start, end):
            continue
        if (
            kind == "daterange"
            and (r := _YEAR_RANGE.fullmatch(span))
            and len(r.group(2)) == 2
            and int(r.group(2)) <= int(r.group(1)[2:])
        ):
            if not (1 <= int(r.group(2)) <= 12 and "-" in span and " " not in span):
                continue  # "2015-32", "2010-2015-86": not a range of years
            kind = "date"  # "2015-12": a month
        if _LOWER_MONTH_WORD.search(span) and not _HAS_YEAR.search(span):
            continue  # "the 5 may vote": a verb, not a month
        # Trim a leading "the " kept only to anchor the pattern.
        if span.lower().startswith("the "):
            start += 4
            span = span[4:]
        relative = bool(_RELATIVE_WORDS.search(span)) or not _HAS_YEAR.search(span)
        found.append(DateMention(start, end, span, kind, relative))
    return _with_offsets(text, _join_ranges(text, found))


#: "three days after", "2 weeks before", "a week from" just before a date mention.
_OFFSET_BEFORE = re.compile(
    r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year|fortnight)s?\s+(?P<dir>after|before|from)\s+$",
    re.I,
)
_OFFSET = re.compile(
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year|fortnight)s?\s+(?P<dir>after|before|from)\s+(?P<rest>.+)",
    re.I,
)
_SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"a": 1, "an": 1}


def _with_offsets(text: str, found: list[DateMention]) -> list[DateMention]:
    """'3 days after January 12th', 'two weeks before Christmas' → one mention."""
    out = []
    for d in found:
        m = _OFFSET_BEFORE.search(text[max(0, d.start - 30) : d.start])
        if m and d.kind == "date":
            start = d.start - (len(text[max(0, d.start - 30) : d.start]) - m.start())
            d = DateMention(start, d.end, text[start : d.end], "date", d.relative)
        out.append(d)
    return out


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    """A four-digit number is a year after a preposition or a name ("in 2019",
    "Summit 2025"), or when no noun follows it ("deliver 2000 pieces" is a count)."""
    if _YEAR_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    nxt = re.match(r"\s+([a-z]+)", text[end:])
    return nxt is None or nxt.group(1) in _YEAR_AFTER_OK


def _join_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    for d in found:
        if out:
            a = out[-1]
            between = text[a.end : d.start]
            lead = text[max(0, a.start - 9) : a.start].lower()
            joined = (
                _RANGE_SEP.fullmatch(between)
                and ("-" not in between or a.kind == d.kind == "date")
                or (re.fullmatch(r"\s+and\s+", between) and lead.rstrip().endswith("between"))
            )
            if (
                joined
                and re.search(r"[a-z]", between)
                and _MOVED.search(text[max(0, a.start - 60) : a.start])
            ):
                joined = False  # "moved from Monday to Tuesday": a change, not a range
            if joined and not a.text.endswith("s") and not d.text.endswith("s"):
                span = text[a.start : d.end]
                out[-1] = DateMention(a.start, d.end, span, "daterange", a.relative or d.relative)
                continue
        out.append(d)
    return out


@lru_cache(maxsize=1)
def _parser() -> object:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})


_DECADE = re.compile(r"(?:(early|mid|late)[\s-]+)?((?:1[5-9]|20)\d)0s", re.I)
_YEAR_RANGE = re.compile(rf"({_YEAR})\s*[-–—/]\s*(\d{{4}}|\d\d)")
_QUARTER = re.compile(rf"(?:[Qq]([1-4])|([Hh])([12]))\s+({_YEAR})")
_QUARTER_ANY = re.compile(
    rf"(?:([QqHh][1-4])(?:\s+of|\s*-)?\s*({_YEAR})|({_YEAR})(?:\s+|\s*-\s*)([QqHh][1-4]))"
)
_MONTH_RANGE = re.compile(
    rf"({_MONTH_WORD})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*({_MONTH_WORD})"
    rf"(?:,?\s+(?:in\s+|of\s+)?({_YEAR}))?",
    re.I,
)
#: Days of one month: "April 9-17", "9 to 17 April 2025", "April 9th through 17th".
_DAY_RANGE = re.compile(
    rf"(?:({MONTHS})\s+({_DAY})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*({_DAY})"
    rf"|({_DAY})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*(?:the\s+)?({_DAY})\s+(?:of\s+)?"
    rf"({MONTHS}))(?:,?\s+({_YEAR}))?",
    re.I,
)
_QUARTER_WORDS = re.compile(
    rf"(first|second|third|fourth|last)\s+(quarter|half)\s+of\s+({_YEAR})", re.I
)
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
    if m := _OFFSET.fullmatch(t):
        return _offset(m, base, prefer)
    if (m := _QUARTER_ANY.fullmatch(t)) and not _QUARTER.fullmatch(t):
        t = f"{(m.group(1) or m.group(4)).upper()} {m.group(2) or m.group(3)}"
    if m := _MONTH_RANGE.fullmatch(t):
        return _month_range(m.group(1), m.group(2), m.group(3), base, prefer)
    if m := _DAY_RANGE.fullmatch(t):
        month = m.group(1) or m.group(6)
        d1, d2 = (m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5))
        year = f" {m.group(7)}" if m.group(7) else ""
        a = resolve_date(f"{month} {d1}{year}", base, prefer)
        b = resolve_date(f"{month} {d2}{year}", base, prefer)
        return f"{a}/{b}" if a and b and a < b else ""
    if m := re.fullmatch(rf"({_YEAR})-(0?[1-9]|1[0-2])", t):
        if len(m.group(2)) == 1 or int(m.group(2)) <= int(m.group(1)[2:]):
            return f"{m.group(1)}-{int(m.group(2)):02d}"  # "2015-12", "2015-3": a month
    if m := re.fullmatch(rf"({MONTHS})[/-]({_YEAR})", t, re.I):
        t = f"{m.group(1)} {m.group(2)}"
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
    if (r := _range(t, base, prefer)) is not None:
        return r
    if m := _HOLIDAY_RE.fullmatch(t):
        return _holiday(m.group(1), m.group(2), base, prefer)
    relative = bool(_RELATIVE_WORDS.search(t)) or not _HAS_YEAR.search(t)
    if relative and base is None:
        return ""
    if m := _REL_WEEKDAY.fullmatch(t):
        return _relative_weekday(m.group(1).lower(), m.group(2), base)  # type: ignore[arg-type]
    if base is not None and (m := re.fullmatch(rf"this\s+({_MONTHS_FULL})", t, re.I)):
        return f"{base.year:04d}-{_month_number(m.group(1)):02d}"
    cleaned = re.sub(r"^(?:early|late|mid)[\s-]+", "", t, flags=re.I)
    cleaned = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", cleaned, flags=re.I)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = _DAY_WORD_RE.sub(
        lambda w: str(_ORDINAL_DAYS[" ".join(w.group().lower().split())]), cleaned
    )
    if base is not None and (m := re.fullmatch(r"(\d{1,2})", cleaned)):
        return _day_of_month(int(m.group(1)), base, prefer)
    cleaned = re.sub(r"\bthe\s+", "", cleaned, flags=re.I)
    cleaned = re.sub(r"\bof\s+", "", cleaned, flags=re.I)
    if re.fullmatch(r"tonight", cleaned, re.I):
        cleaned = "today"
    if m := re.fullmatch(
        r"(last|next|this|current|coming|past|previous|following)\s+(week|month|year|quarter|weekend|decade)",
        cleaned,
        re.I,
    ):
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


_HOLIDAY_RE = re.compile(rf"({_HOLIDAYS})(?:,?\s+(?:of\s+)?({_YEAR}))?", re.I)
#: Holiday → (month, day), or days after Easter Sunday.
_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "new year day": (1, 1),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year eve": (12, 31),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
    "halloween": (10, 31),
    "boxing day": (12, 26),
    "fourth of july": (7, 4),
    "4th of july": (7, 4),
}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
_REL_WEEKDAY = re.compile(
    rf"(?:this\s+)?(last|past|previous|next|coming|following)\s+({WEEKDAYS})", re.I
)
_RANGE_SPLIT = re.compile(
    r"(?:between\s+)?(?P<a>.+?)\s*(?:–|—|~|\s-\s|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b|"
    r"\band\b|-(?=[A-Za-z])|(?<=\d{4})-(?=\d{1,2}/))\s*(?P<b>.+)",
    re.I,
)


_DAY_WORD_RE = re.compile(rf"\b{_DAY_WORD}\b")


def _day_of_month(day: int, base: date, prefer: str) -> str:
    """'on the 27th': that day of the publication month, or of the month before (past) or
    after (future) when the day is on the other side of the publication date."""
    y, mth = base.year, base.month
    if prefer == "past" and day > base.day:
        y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
    elif prefer == "future" and day < base.day:
        y, mth = (y, mth + 1) if mth < 12 else (y + 1, 1)
    try:
        return date(y, mth, day).isoformat()
    except ValueError:
        return ""


def _offset(m: re.Match[str], base: date | None, prefer: str) -> str:
    """The day a number of days, weeks, months or years after or before a date."""
    inner = resolve_date(m.group("rest"), base, prefer)
    if len(inner) != 10:
        return ""  # only an exact day can be moved by days
    n = _SMALL_NUMBERS.get(m.group("n").lower())
    n = int(m.group("n")) if n is None else n
    if m.group("dir").lower() == "before":
        n = -n
    day = date.fromisoformat(inner)
    unit = m.group("unit").lower()
    if unit in {"day", "week", "fortnight"}:
        return (day + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])).isoformat()
    months = n * (12 if unit == "year" else 1)
    y, mo = divmod(day.month - 1 + months, 12)
    try:
        return date(day.year + y, mo + 1, day.day).isoformat()
    except ValueError:
        return ""


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def _month_range(a: str, b: str, year: str | None, base: date | None, prefer: str) -> str:
    """'June-August 1992' → '1992-06/1992-08'; 'Nov-Feb 2017' → '2016-11/2017-02'."""
    ma, mb = _month_number(a), _month_number(b)
    if year:
        end_year = int(year)
    elif base is not None:
        end_year = base.year
        if prefer == "past" and mb > base.month and ma > base.month:
            end_year -= 1
    else:
        return ""
    start_year = end_year - 1 if ma > mb else end_year
    return f"{start_year:04d}-{ma:02d}/{end_year:04d}-{mb:02d}"


def _range(t: str, base: date | None, prefer: str) -> str | None:
    """'2014 to 2018' → '2014/2018'; 'Nov 18-Dec 19, 2015' → '2015-11-18/2015-12-19'.
    None when ``t`` is not two dates joined."""
    m = _RANGE_SPLIT.fullmatch(t)
    if not m:
        return None
    a, b = m.group("a").strip(" ,"), m.group("b").strip(" ,")
    if not (DATE_RE.fullmatch(a) and DATE_RE.fullmatch(b)):
        return None
    year_b = _HAS_YEAR.search(b)
    if year_b and not _HAS_YEAR.search(a) and not _YEAR_ONLY.fullmatch(b):
        a = f"{a} {year_b.group()}"  # the year of the end applies to the start
    va, vb = resolve_date(a, base, prefer), resolve_date(b, base, prefer)
    if not va or not vb or "/" in va or "/" in vb:
        return ""
    return f"{va}/{vb}" if va <= vb else ""


_YEAR_ONLY = re.compile(_YEAR)


def _holiday(name: str, year_text: str | None, base: date | None, prefer: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())

    def on(year: int) -> date:
        if key in _EASTER_OFFSETS:
            from dateutil.easter import easter

            return easter(year) + timedelta(days=_EASTER_OFFSETS[key])
        month, day = _FIXED_HOLIDAYS[key]
        return date(year, month, day)

    if key not in _FIXED_HOLIDAYS and key not in _EASTER_OFFSETS:
        return ""
    if year_text:
        return on(int(year_text)).isoformat()
    if base is None:
        return ""
    when = on(base.year)
    if prefer == "past" and when > base:
        when = on(base.year - 1)
    elif prefer == "future" and when < base:
        when = on(base.year + 1)
    return when.isoformat()


def _relative_weekday(which: str, name: str, base: date | None) -> str:
    """'previous Monday' → the last Monday before ``base``; 'coming Friday' → the next."""
    if base is None:
        return ""
    target = _WEEKDAY_NAMES.index(name.lower())
    if which in {"last", "past", "previous"}:
        back = (base.weekday() - target) % 7 or 7
        return (base - timedelta(days=back)).isoformat()
    ahead = (target - base.weekday()) % 7 or 7
    return (base + timedelta(days=ahead)).isoformat()


_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _relative_period(which: str, unit: str, base: date | None) -> str:
    if base is None:
        return ""
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "this": 0,
        "current": 0,
    }[which]
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
