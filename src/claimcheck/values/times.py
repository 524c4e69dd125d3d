"""Times of day: "07:42 IST", "4:15 p.m. local time", "10:05 CET", "1835 GMT", "noon".

A time is a mention of kind ``time`` whose value is ``HH:MM`` (24-hour) and whose unit is
the UTC offset when the text names a zone (``+05:30``), ``local`` for "local time", or
empty. Zone abbreviations come from dateparser's maintained table; the few that news copy
reads otherwise (IST is India's, not Israel's) are in :data:`NEWS_ZONES`. A four-digit
figure is a time only with a zone or "hrs" after it, so "1835 GMT" is never the year 1835.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Mention

#: Abbreviations whose usual reading in English-language news differs from dateparser's.
NEWS_ZONES = {"IST": 330, "CST": -360, "BST": 60}



def _ampm(name: str) -> str:
    return rf"(?P<{name}>[ap]\.?\s?m\.?)(?![a-z])"


_ZONE_WORD = r"(?P<zone>(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5}(?![A-Za-z]))"
_LOCAL = r"(?P<local>local\s+time|local)"
_AFTER = rf"(?:\s*(?P<paren>\()?\s*(?:{_LOCAL}|{_ZONE_WORD})(?(paren)\)))?"
_CLOCK = re.compile(
    r"(?<![\w.:/-])(?:"
    # 4:15 p.m., 07:42, 16:40:05, 4.15pm (a dot only before am/pm)
    rf"(?P<h1>[01]?\d|2[0-3]):(?P<m1>[0-5]\d)(?::[0-5]\d)?(?:\s?{_ampm('ap1')})?"
    rf"|(?P<h2>1[0-2]|0?[1-9])\.(?P<m2>[0-5]\d)\s?{_ampm('ap2')}"
    # 4 p.m., 11am
    rf"|(?P<h3>1[0-2]|0?[1-9])\s?{_ampm('ap3')}"
    # 1835 GMT, 0930 hrs, 1339 hours local time (four digits need a zone or "hrs")
    r"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s*(?:hrs?\b|hours\b|\(?(?:UTC|GMT|[A-Z]{2,5}\b)"
    r"|local\s+time))(?:\s*(?:hrs?|hours)\b\.?)?"
    r"|(?P<word>noon|midnight|midday)"
    rf"){_AFTER}(?![\w])",
    re.I,
)


@lru_cache(maxsize=1)
def _zones() -> dict[str, int]:
    """Zone abbreviation → UTC offset in minutes (dateparser's table, then NEWS_ZONES)."""
    from dateparser.timezone_parser import timezone_info_list

    table: dict[str, int] = {}
    for group in timezone_info_list:
        for name, seconds in group["timezones"]:
            if re.fullmatch(r"[A-Z]{2,5}", name):
                table.setdefault(name, seconds // 60)
    table.update(NEWS_ZONES)
    return table


def _offset(zone: str) -> int | None:
    """Minutes east of UTC for a zone word ("KST", "UTC+6:30", "GMT-5"), else None."""
    z = zone.replace(" ", "").upper()
    m = re.fullmatch(r"(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?", z)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return minutes if m.group(1) == "+" else -minutes
    return _zones().get(z)


def format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


#: Words before a time that make it approximate ("around 9", "shortly after 9:03");
#: "midday" is approximate by itself. Approximate times are never compared.
_ROUGHLY = re.compile(r"\b(?:around|about|approximately|roughly|circa|some\s+time|"
                      r"(?:shortly|just|soon|minutes)\s+(?:after|before))\s+$", re.I)
#: Words before a bare "9:03" that make it a time of day.
_CLOCK_CUE = re.compile(r"\b(?:at|by|around|about|before|after|from|until|till|to|since|"
                        r"shortly|approximately|roughly|nearly|some)\s+$", re.I)


def find_times(text: str) -> list[Mention]:
    """Times of day in one sentence, as ``time`` mentions (see the module docstring)."""
    if not re.search(r"\d|noon|midnight|midday", text, re.I):
        return []
    out: list[Mention] = []
    for m in _CLOCK.finditer(text):
        g = m.groupdict()
        if g["word"]:
            hh, mm = (0, 0) if g["word"].lower() == "midnight" else (12, 0)
        else:
            hh = int(g["h1"] or g["h2"] or g["h3"] or g["h4"])
            mm = int(g["m1"] or g["m2"] or g["m4"] or 0)
            ap = (g["ap1"] or g["ap2"] or g["ap3"] or "").lower().replace(".", "").replace(" ", "")
            if ap == "pm" and hh < 12:
                hh += 12
            elif ap == "am" and hh == 12:
                hh = 0
            zoned = bool(g["local"]) or (bool(g["zone"]) and _offset(g["zone"]) is not None)
            if g["h1"] and not ap and not zoned \
                    and not _CLOCK_CUE.search(text[max(0, m.start() - 12):m.start()]):
                continue  # "ran 2:14", "won 3:1": a bare H:MM needs "at", "by", … before it
        end = m.end()
        unit = ""
        if g["zone"]:
            offset = _offset(g["zone"])
            if offset is None:
                end = m.start("zone")  # a capitalised word that is not a zone
                end = len(text[:end].rstrip(" ("))
            else:
                unit = format_offset(offset)
        elif g["local"]:
            unit = "local"
        if g["h4"] and not unit and not re.match(r"\s*(?:hrs?|hours)\b", text[m.end("m4"):], re.I):
            continue  # "1835 Smith": a four-digit figure needs a zone or "hrs"
        span = text[m.start():end]
        if span.endswith(".") and span.count(".") == 1 and not g["h2"]:
            end -= 1  # "8 pm." ends a sentence; "p.m." keeps its dots
        approx = "about" if (g["word"] and g["word"].lower() == "midday") or _ROUGHLY.search(
            text[max(0, m.start() - 24):m.start()]) else ""
        out.append(Mention("time", m.start(), end, f"{hh:02d}:{mm:02d}", unit=unit,
                           approx=approx))
    return out


def minutes_utc(value: str, unit: str) -> int | None:
    """Minutes after midnight UTC of a time with a known offset, else None."""
    if not unit or unit == "local":
        return None
    hh, mm = (int(p) for p in value.split(":"))
    sign = -1 if unit[0] == "-" else 1
    off = sign * (int(unit[1:3]) * 60 + int(unit[4:6]))
    return (hh * 60 + mm - off) % 1440
