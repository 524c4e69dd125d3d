"""Percentages and percentage points: "47%", "12 per cent", "2 percentage points",
"25 basis points", "3.8pc", "Fifty percent of …"."""

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

PERCENT = re.compile(
    LEFT_OK + NUM + r"(?P<pct>\s?%|[\s-]+(?:percents?|per\s?cent|pct|percentage(?!\s+points?))\b|"
    # British copy glues "pc" to the figure ("inflation rose to 3.8pc"); lower case only
    r"(?<=\d)(?-i:pc)\b|"
    r"\s+percentage\s+points?\b|\s+(?:basis\s+points|bps)\b)",
    FLAGS,
)


#: The percent word opening the sentence, with the number after "of" ending it:
#: "per cent of twenty-two." (not "what percent of 210 voters", nor "5 per cent of 210").
PERCENT_OF = re.compile(
    r"^\s*(?P<word>percents?|per\s?cent)\s+of\s+" + NUM + r"(?=\s*(?:[.,;:!?)]|$))",
    FLAGS,
)


def find_percents(text: str) -> Iterator[Mention]:
    """Percentages ("%") and percentage points ("pp"; basis points in points)."""
    for m in PERCENT.finditer(text):
        v = parse_number(m.group("num"))
        if v is None:
            continue
        pct = m.group("pct").lower()
        unit = "%"
        if "point" in pct:
            unit = "pp"
        elif "basis" in pct or "bps" in pct:
            unit, v = "pp", v / 100
        yield valued(text, m, "percent", v, unit)
    if (po := PERCENT_OF.match(text)) and (v := parse_number(po.group("num"))) is not None:
        yield Mention("percent", po.start("word"), po.end(), v, unit="%")
