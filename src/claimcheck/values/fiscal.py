"""Fiscal periods: "Q3 of fiscal 2026", "the first half of fiscal 2027", "FY2026 Q1",
"Q1 FY26", "fiscal year 2025". A company's fiscal year need not be the calendar year, so
these are kept as periods of their own (``FY2026-Q3``, ``FY2027-H1``, ``FY2025``), never
flattened to a calendar year, and compared only with other fiscal periods.
"""

from __future__ import annotations

import re

from ..records import Mention

_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4}
_YEAR = r"(?:fy\s?|fiscal\s+(?:year\s+)?)'?(?P<y>\d{4}|\d{2})"
_PART = (r"(?:q(?P<q>[1-4])|h(?P<h>[12])|(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)"
         r"\s+quarter|(?P<ho>first|second|1st|2nd)\s+half)")
_FISCAL = re.compile(
    r"\b(?:(?:the\s+)?" + _PART + r"\s+(?:of\s+)?(?:the\s+)?" + _YEAR
    + r"|" + _YEAR.replace("?P<y>", "?P<y2>") + r"\s+(?:q(?P<q2>[1-4])|h(?P<h2>[12]))"
    + r"|" + _YEAR.replace("?P<y>", "?P<y3>") + r")\b",
    re.I,
)


def _year(raw: str) -> str:
    return raw if len(raw) == 4 else f"20{raw}"


def find_fiscal(text: str) -> list[Mention]:
    """Fiscal periods in one sentence, as ``date`` mentions valued ``FY2026-Q3``."""
    if not re.search(r"fy|fiscal", text, re.I):
        return []
    out = []
    for m in _FISCAL.finditer(text):
        g = m.groupdict()
        year = _year(g["y"] or g["y2"] or g["y3"])
        q = g["q"] or g["q2"] or (str(_ORD[g["qo"].lower()]) if g["qo"] else None)
        h = g["h"] or g["h2"] or (str(_ORD[g["ho"].lower()]) if g["ho"] else None)
        value = f"FY{year}" + (f"-Q{q}" if q else f"-H{h}" if h else "")
        start = m.start() + (4 if m.group().lower().startswith("the ") else 0)
        out.append(Mention("date", start, m.end(), value, extra={"fiscal": "1"}))
    return out


def fiscal_compatible(a: str, b: str) -> bool | None:
    """Whether two fiscal periods can both hold (one within the other); None unless both
    are fiscal periods."""
    if not (a.startswith("FY") and b.startswith("FY")):
        return None
    if a == b or a.startswith(b + "-") or b.startswith(a + "-"):
        return True
    ya, yb = a[2:6], b[2:6]
    if ya != yb:
        return False
    pa, pb = a[7:], b[7:]
    halves = {"H1": {"Q1", "Q2"}, "H2": {"Q3", "Q4"}}
    return pb in halves.get(pa, set()) or pa in halves.get(pb, set())
