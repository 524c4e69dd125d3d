"""Durations: "four years", "a fortnight", "2 min 14 s", "65 million years"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Mention
from .numbers import parse_number
from .patterns import (
    FLAGS,
    LEFT_OK,
    NUM,
    valued,
)

DURATION = re.compile(
    r"(?:" + LEFT_OK + NUM + r"[\s-]*"  # "3 days", "3-day", "3day", "3.5years"
    r"|(?P<art>\ba|\ban|\bhalf(?:\s+an?)?|\ba\s+half|\ball|\bfull|\banother)[\s-]+)"
    r"(?:business\s+)?"
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|fortnights?|"
    r"months?|mos|years?|yrs?|decades?|century|centuries)\b(?:-(?:long|old))?",
    FLAGS,
)


#: Abbreviated duration units → the unit name used in claims.
_DURATION_ABBR = {
    "sec": "second",
    "min": "minute",
    "hr": "hour",
    "h": "hour",
    "wk": "week",
    "mo": "month",
    "yr": "year",
}


_FORTNIGHT = re.compile(r"\ba\s+fortnight\b", FLAGS)


#: Geological time: "66 Ma ago", "4.5 Gyr", "One gigaannum (1Ga)" are millions and
#: billions of years. The symbols "Ma", "Ga", "ka" only before "ago"/"BP" or in a sentence
#: about years ("1Ga" beside "one billion years").
_GEO_TIME = re.compile(
    LEFT_OK + NUM + r"\s?(?:(?P<word>(?:kilo|mega|giga)ann(?:um|a))\b"
    r"|(?P<sym>(?-i:[kMG]yr|[kMG]a))(?!\w))",
    FLAGS,
)


_GEO_SCALE = {"k": 1e3, "m": 1e6, "g": 1e9}


_GEO_CONTEXT = re.compile(r"\bago\b|\bBP\b|\bannum\b|\b(?:thousand|million|billion)\s+years\b")


def _article_duration_ok(text: str, start: int) -> bool:
    """'a year' is a duration after for/within/in/over/about…, not in 'a year of war'."""
    before = text[max(0, start - 20) : start].lower()
    return bool(
        re.search(
            r"\b(?:for|within|in|over|after|about|nearly|almost|than|last|past|"
            r"only|just|least|of|than)\s+$",
            before,
        )
    )


_ONLY_AFTER_A_NUMBER = frozenset({"h", "hr", "hrs", "min", "mins", "sec", "secs", "wk", "wks",
                                  "mos", "yr", "yrs"})


def find_durations(text: str) -> Iterator[Mention]:
    """"four years", "3h", "a week", "half an hour" (an article only where it reads as a
    length: not "a second wave")."""
    for m in DURATION.finditer(text):
        unit = m.group("unit").lower()
        if m.group("num") is not None:
            if unit == "h" and text[m.end() : m.end() + 1] == "-":
                continue  # "3 h" and "3h" are hours, "3 h-bombs" is not
            v = parse_number(m.group("num"))
        else:
            if unit in _ONLY_AFTER_A_NUMBER:
                continue  # abbreviations only after a number
            art = " ".join(m.group("art").lower().split())
            v = 0.5 if "half" in art else 1.0
            if unit.endswith("s"):
                continue  # "all days", "another hours": not one unit
            if art in {"a", "an"} and not _article_duration_ok(text, m.start()):
                continue
            if art in {"a", "an"} and unit == "second" and re.match(r"\s+[a-z]", text[m.end() :]):
                continue  # "a second wave": an ordinal
        if v is None:
            continue
        unit = unit.rstrip("s") if unit not in {"h"} else unit
        unit = _DURATION_ABBR.get(unit, unit)
        unit = "century" if unit.startswith("centur") else unit
        yield valued(text, m, "duration", v, unit)
    for m in _FORTNIGHT.finditer(text):
        yield Mention("duration", m.start(), m.end(), 1.0, unit="fortnight")


def find_geological_times(text: str) -> Iterator[Mention]:
    """"65 million years", "4.5 Ga" (symbols only where the sentence is about ages)."""
    for m in _GEO_TIME.finditer(text) if "a" in text or "yr" in text else ():
        v = parse_number(m.group("num"))
        if v is None:
            continue
        if m.group("sym"):
            if not _GEO_CONTEXT.search(text):
                continue
            v *= _GEO_SCALE[m.group("sym")[0].lower()]
        else:
            v *= _GEO_SCALE[m.group("word")[0].lower()]
        yield valued(text, m, "duration", v, "year")
