"""Stage 4a: undated weekdays and months settled against the event date that dated outlets
agree on.

An article without a publication date cannot resolve "on Tuesday". When outlets that are
dated agree on the date of the same event (the same frame: "crash", "verdict", …), an
undated "on Tuesday" for that event is read in the week of the agreed date: on the agreed
day when its weekday matches (resolved, and the claim says so with ``unit="settled"``),
on another day of that week when it does not, which the date comparison then reports as
a disagreement. An undated "in March" is read in the agreed date's year. When no dated
outlet settles it ("last week" never is: its week depends on the unknown publication
date), the claim stays unresolved and is never compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from .records import Claim

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"(?:on\s+)?(?:last\s+|this\s+past\s+|late\s+|early\s+)?(" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?\.?", re.I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = re.compile(r"(?:in\s+|early\s+|late\s+|mid-?\s*)?(" + "|".join(_MONTHS)
                    + r"|" + "|".join(m[:3] for m in _MONTHS) + r")\.?", re.I)
#: The unit of a date claim settled from the agreed event date.
SETTLED = "settled"
#: Dated sources that must give the same day before it counts as agreed.
AGREED_MIN = 2


def settle_undated(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` with each unresolved weekday of a dated event settled (see module)."""
    agreed = _agreed_dates(claims)
    if not agreed:
        return list(claims)
    out: list[Claim] = []
    for c in claims:
        key = (c.attribute, c.scope, c.occurrence)
        if (c.kind == "date" and c.unit == "unresolved" and c.attribute and key in agreed
                and (m := _WEEKDAY.fullmatch(c.span.strip()))):
            day = agreed[key]
            wanted = _WEEKDAYS.index(m.group(1).lower())
            monday = day - timedelta(days=day.weekday())
            c = replace(c, value=(monday + timedelta(days=wanted)).isoformat(), unit=SETTLED)
        elif (c.kind == "date" and c.unit == "unresolved" and c.attribute and key in agreed
              and (m := _MONTH.fullmatch(c.span.strip()))):
            # "in March" with no year: the month of the agreed date's year
            month = [x[:3] for x in _MONTHS].index(m.group(1).lower()[:3]) + 1
            c = replace(c, value=f"{agreed[key].year:04d}-{month:02d}", unit=SETTLED)
        out.append(c)
    return out


def _agreed_dates(claims: Sequence[Claim]) -> dict[tuple[str, str, str], date]:
    """Per event frame, the day most dated sources give, when at least ``AGREED_MIN`` give
    it and no other day is as common."""
    votes: dict[tuple[str, str, str], Counter[str]] = {}
    seen: set[tuple[str, tuple[str, str, str], str]] = set()
    for c in claims:
        if c.kind != "date" or not c.attribute or c.unit in {"unresolved", SETTLED}:
            continue
        value = str(c.value or "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        key = (c.attribute, c.scope, c.occurrence)
        if (c.source, key, value) in seen:
            continue
        seen.add((c.source, key, value))
        votes.setdefault(key, Counter())[value] += 1
    out: dict[tuple[str, str, str], date] = {}
    for key, counter in votes.items():
        ranked = counter.most_common(2)
        if ranked[0][1] >= AGREED_MIN and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            out[key] = date.fromisoformat(ranked[0][0])
    return out
