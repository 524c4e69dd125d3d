"""Sentence text → value mentions (percent, money, quantity, duration, count, date, place,
role), found with patterns only: no spaCy needed, so this runs first and decides which
sentences are worth parsing at all."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


from ..records import Mention
from .changes import combine_changes
from .count import find_counts
from .dates import find_date_mentions
from .duration import find_durations, find_geological_times
from .fiscal import find_fiscal
from .money import find_money
from .numbers import parse_number
from .percent import find_percents
from .places import find_places
from .quantity import (
    find_absolute_zero,
    find_frequencies,
    find_kelvins,
    find_one_units,
    find_quantities,
    find_small_lengths,
    find_temperatures,
)
from .role import find_roles
from .score import find_scores
from .times import find_times

#: "several hundred", "a few thousand", "many million": no number, a vague amount.
_VAGUE_SCALE = re.compile(
    r"\b(?:several|few|many)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)", re.I
)


class Finder(NamedTuple):
    """A value finder of the table: ``find(text)`` gives the mentions of one sentence;
    where two overlap and are as long, the lower ``priority`` wins."""

    name: str
    priority: int
    find: Callable[[str], Iterable[Mention]]
    #: looks places up in the gazetteer (skipped with ``places=False``)
    places: bool = False
    #: gives nothing in a sentence where money was found ("$80 a barrel" is a price)
    unless_money: bool = False


#: Every value finder, in the order they run. Times and fiscal periods come first among
#: equals: "1835 GMT" is a time and "Q3 of fiscal 2026" no year.
FINDERS: tuple[Finder, ...] = (
    Finder("money", 1, find_money),
    Finder("percent", 2, find_percents),
    Finder("score", 2, find_scores),
    Finder("quantity", 3, find_quantities),
    Finder("duration", 4, find_durations),
    Finder("small length", 3, find_small_lengths),
    Finder("temperature", 3, find_temperatures),
    Finder("frequency", 3, find_frequencies),
    Finder("kelvin", 3, find_kelvins),
    Finder("one unit", 3, find_one_units, unless_money=True),
    Finder("absolute zero", 3, find_absolute_zero),
    Finder("geological time", 4, find_geological_times),
    Finder("date", 5, find_date_mentions),
    Finder("count", 7, find_counts),
    Finder("place", 6, find_places, places=True),
    Finder("role", 6, find_roles),
    Finder("time", 0, find_times),
    Finder("fiscal period", 0, find_fiscal),
)


def find_mentions(text: str, *, places: bool = True) -> list[Mention]:
    """Every value mention in one sentence, non-overlapping, in text order: the mentions
    of every finder of ``FINDERS``, the longest kept where they overlap, then units and
    changes read together ("5 ft 10 in", "from 57% to 47%").

    Args:
        text: the sentence.
        places: also look up place names in the gazetteer.
    """
    cands: list[tuple[int, Mention]] = []  # (priority, mention)
    for finder in FINDERS:
        if finder.places and not places:
            continue
        if finder.unless_money and any(c.kind == "money" for _p, c in cands):
            continue
        cands.extend((finder.priority, m) for m in finder.find(text))
    cands = [(p, c) for p, c in cands if not _VAGUE_SCALE.match(_vague_window(text, c.start))]
    if "://" in text or "www." in text or "@" in text or ("%" in text and "=" in text):
        # numbers inside a web address or an e-mail address ("q=30%25") are not claims
        links = [(u.start(), u.end()) for u in _LINK.finditer(text)]
        cands = [(p, c) for p, c in cands if not any(c.start < b and a < c.end for a, b in links)]
    chosen = _join_durations(
        text, _share_units(text, _join_sub_units(text, _resolve_overlaps(cands)))
    )
    return combine_changes(text, chosen)


def _vague_window(text: str, start: int) -> str:
    """The word before a mention and the mention's first word: "several hundred"."""
    m = re.search(r"\w+\s+$", text[max(0, start - 12) : start])
    return (m.group() if m else "") + text[start : start + 9]


_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S*[=&]\S*%[0-9A-F]{2}\S*", re.I)
_INCHES_AFTER = re.compile(r"\s+(?:and\s+)?(\d+(?:\.\d+)?)\s*(?:inch(?:es)?|in\b|\"|″)", re.I)


#: Units a compound duration may be written in, largest first, and exact ratios between
#: neighbours that are whole numbers of each other.
_DURATION_ORDER = [
    "century",
    "decade",
    "year",
    "month",
    "fortnight",
    "week",
    "day",
    "hour",
    "minute",
    "second",
]
_EXACT = {
    ("year", "month"): 12,
    ("week", "day"): 7,
    ("fortnight", "day"): 14,
    ("day", "hour"): 24,
    ("hour", "minute"): 60,
    ("minute", "second"): 60,
}


def _join_durations(text: str, ms: list[Mention]) -> list[Mention]:
    """'1 hour and 30 minutes' → 90 minutes; '2 years 6 months' → 30 months."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == m.kind == "duration"
            and prev.unit in _DURATION_ORDER
            and m.unit in _DURATION_ORDER
            and _DURATION_ORDER.index(prev.unit) < _DURATION_ORDER.index(m.unit)
            and re.fullmatch(r"\s+(?:and\s+)?", text[prev.end : m.start])
            and not text[prev.end : m.end].rstrip().endswith("-old")
        ):
            total = _in_unit(float(prev.value), prev.unit, m.unit)  # type: ignore[arg-type]
            if total is not None:
                out[-1] = Mention(
                    "duration",
                    prev.start,
                    m.end,
                    total + float(m.value),  # type: ignore[arg-type]
                    unit=m.unit,
                    approx=prev.approx,
                )
                continue
        out.append(m)
    return out


def _in_unit(value: float, unit: str, smaller: str) -> float | None:
    """``value`` of ``unit`` in the smaller unit, when the ratio is exact (no months to days)."""
    i, j = _DURATION_ORDER.index(unit), _DURATION_ORDER.index(smaller)
    while i < j:
        step = next(((a, b) for (a, b) in _EXACT if a == _DURATION_ORDER[i]), None)
        if step is None:
            return None
        value *= _EXACT[step]
        i = _DURATION_ORDER.index(step[1])
        if i > j:
            return None
    return value if i == j else None


def _bare_cents(text: str, prev: Mention, m: Mention) -> bool:
    """Whether count ``m`` gives the cents of the whole amount ``prev`` right before it,
    without their unit, at the end of a clause ("15 dollars 50")."""
    return bool(
        prev.kind == "money"
        and m.kind == "count"
        and not prev.extra.get("sub")
        and float(prev.value) == int(prev.value)  # type: ignore[arg-type]
        and float(m.value) == int(m.value)  # type: ignore[arg-type]  # a count's value is a number
        and 1 <= float(m.value) < 100  # type: ignore[arg-type]
        and float(prev.value) < 1000  # type: ignore[arg-type]
        and (
            re.fullmatch(r"\s+", text[prev.end : m.start])
            or (
                re.fullmatch(r"\s+and\s+", text[prev.end : m.start])
                and (text[m.start : m.end].isalpha() or text[prev.end - 1].isalpha())
            )
        )
        and re.match(r"\s*(?:[.,;:!?)]|$)", text[m.end :])
    )


def _join_sub_units(text: str, ms: list[Mention]) -> list[Mention]:
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents' → one amount;
    '5 feet 2 inches', '5 ft 2 in' → 5.17 feet."""
    out: list[Mention] = []
    for m in ms:
        if m.kind == "quantity" and m.unit == "foot" and (im := _INCHES_AFTER.match(text, m.end)):
            nxt = [o for o in ms if o.start < im.end() and o.end > m.end]
            if all(o.kind in {"count", "quantity"} for o in nxt):
                m = Mention(
                    "quantity",
                    m.start,
                    im.end(),
                    float(m.value) + float(im.group(1)) / 12,  # type: ignore[arg-type]
                    unit="foot",
                    approx=m.approx,
                    extra=m.extra,
                )
        if out and out[-1].end > m.start:
            continue  # the inches already joined to the feet before them
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.kind == prev.kind == "money"
            and m.extra.get("sub")
            and not prev.extra.get("sub")
            and m.unit == prev.unit
            and re.fullmatch(r"\s*,?\s*(?:and\s+)?", text[prev.end : m.start])
        ):
            out[-1] = Mention(
                "money",
                prev.start,
                m.end,
                float(prev.value) + float(m.value),  # type: ignore[arg-type]
                unit=prev.unit,
                approx=prev.approx,
            )
            continue
        if prev is not None and _bare_cents(text, prev, m):
            # "15 dollars 50", "13 dollars forty five": the cents follow without their unit
            out[-1] = Mention(
                "money",
                prev.start,
                m.end,
                float(prev.value) + float(m.value) / 100,  # type: ignore[arg-type]
                unit=prev.unit,
                approx=prev.approx,
            )
            continue
        out.append(m)
    return out


#: Between two numbers of which only the second has its unit: "3 to 4 L", "45 and 50 mg",
#: "8- to 16-meter", "10-15 exabytes", "3.5–4.0 TeV", "between 44 and 50 mg".
_SHARED_UNIT_GAP = re.compile(r"-?\s*(?:to|and|or)\s+|\s*[-–—]\s*", re.I)


_LEAD_NUMBER = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?|[a-z]+", re.I)


def _magnitude(text: str, m: Mention) -> float:
    """The magnitude a number mention carries beyond its leading numeral: 1e6 for
    "4 million tonnes" or "4.5m tonnes", 1 for "4 m" or "4 percent"."""
    lead = _LEAD_NUMBER.match(text, m.start, m.end)
    v0 = parse_number(lead.group()) if lead else None
    if not v0 or not isinstance(m.value, float):
        return 1.0
    factor = m.value / v0
    return factor if any(abs(factor - f) < 1e-9 * f for f in (1e3, 1e6, 1e9, 1e12)) else 1.0


def _number_first(text: str, m: Mention) -> bool:
    """'300,000 pounds', 'five million dollars': the amount opens the mention (not '$5')."""
    if m.extra.get("sub"):
        return False  # "5 and 10 cents": the cents are not read back on the bare number
    lead = _LEAD_NUMBER.match(text, m.start, m.end)
    return lead is not None and parse_number(lead.group()) is not None


def _share_units(text: str, ms: list[Mention]) -> list[Mention]:
    """A bare number joined by to/and/or/a dash to a quantity, a percentage or an amount
    written number first is in the same unit, and of the same magnitude: "3 to 4 million
    tonnes" is 3 million tonnes, "between 200,000 and 300,000 pounds" 200,000 pounds."""
    for a, b in zip(ms, ms[1:], strict=False):
        if (
            a.kind == "count"
            and (
                b.kind in {"quantity", "percent"} or (b.kind == "money" and _number_first(text, b))
            )
            and not a.unit
            and isinstance(a.value, float)
            and _SHARED_UNIT_GAP.fullmatch(text, a.end, b.start)
        ):
            if _magnitude(text, a) == 1.0:
                a.value *= _magnitude(text, b)
            a.kind, a.unit, a.extra = b.kind, b.unit, dict(b.extra)
    return ms


def _resolve_overlaps(cands: list[tuple[int, Mention]]) -> list[Mention]:
    """Keep the longest mention where several overlap; ties go to the stronger kind."""
    cands.sort(key=lambda pm: (-(pm[1].end - pm[1].start), pm[0], pm[1].start))
    taken: list[Mention] = []
    # (start, end) of the kept mentions, sorted: they never overlap, so their ends are
    # sorted too, and only the last one starting before m.end can overlap m. A bisect
    # instead of a scan keeps a sentence of a thousand numbers linear.
    spans: list[tuple[int, int]] = []
    for _prio, m in cands:
        i = bisect.bisect_left(spans, (m.end, -1))
        if i > 0 and spans[i - 1][1] > m.start:
            continue
        spans.insert(i, (m.start, m.end))
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken

