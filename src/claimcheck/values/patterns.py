"""Pieces the value finders share: how a number is written, the hedge words read before
a value ("about", "more than"), magnitudes, and the mention made of a match."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import Mention
from .numbers import FRACTION_CHARS, MAGNITUDES, NUMBER_RE, parse_number

FLAGS = re.I


#: Every number starts with a digit, a sign, a fraction sign or one of these letters
#: (one, two, ten, half, minus, a hundred, nought…): other positions fail at once.
NUM = r"(?=[\d.\-−" + FRACTION_CHARS + r"]|(?i:[zotfsenhmbqa]))(?P<num>" + NUMBER_RE + r")"


#: Not glued to a word, a decimal or a currency sign, nor part of a code ("SCP-173", "F-35").
LEFT_OK = r"(?<![\w.,$€£¥₹₩])(?<![A-Za-z]-)(?<![A-Za-z]\d-)"


#: Verbs that put a value's figure as a lower bound ("spending surpassed £400m").
_EXCEEDS = (r"surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|top(?:s|ped|ping)|"
            r"eclips(?:e|es|ed|ing)|"
            # "spending soared past £400m": "past" after a verb of motion, never "the past"
            r"(?:soar(?:s|ed|ing)?|r(?:ose|isen|ises|ising)|climb(?:s|ed|ing)?|"
            r"jump(?:s|ed|ing)?|surg(?:e|es|ed|ing)|push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|"
            r"went|gone|go(?:es|ing)?|edg(?:e|es|ed|ing)|cr(?:ept|eep|eeps|eeping)|"
            r"shot|rac(?:e|es|ed|ing)|sail(?:s|ed|ing)?|pass(?:es|ed|ing)?)\s+past")


_EXCEEDS_RE = re.compile(_EXCEEDS, re.I)


_APPROX = (
    r"(?P<approx>about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|closer\s+to|some|"
    r"up\s+to|as\s+(?:high|much|many|low|little|few|short|small|young|long|large|big|"
    r"tall|old)\s+as|at\s+least|at\s+most|more\s+than|"
    r"over|less\s+than|under|fewer\s+than|no\s+more\s+than|no\s+less\s+than|"
    r"(?:an\s+)?estimated(?:\s+at)?|put\s+at|just\s+(?:over|under)|upwards\s+of|beyond|"
    r"in\s+excess\s+of|north\s+of|~|over\s+the|" + _EXCEEDS + r")\s*$"
)


_APPROX_RE = re.compile(_APPROX, FLAGS)


_APPROX_NORMAL = {
    "as high as": "up to",
    "as much as": "up to",
    "as many as": "up to",
    "as low as": "at least",
    "as little as": "at least",
    "as few as": "at least",
    "as short as": "at least",
    "as small as": "at least",
    "as young as": "at least",
    "as long as": "up to",
    "as large as": "up to",
    "as big as": "up to",
    "as tall as": "up to",
    "as old as": "up to",
    "approx.": "about",
    "approx": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "estimated": "about",
    "an estimated": "about",
    "estimated at": "about",
    "beyond": "more than",
    "in excess of": "more than",
    "north of": "more than",
    "put at": "about",
    "~": "about",
    "close to": "nearly",
    "closer to": "about",
    "almost": "nearly",
    "over": "more than",
    "just over": "more than",
    "upwards of": "more than",
    "under": "less than",
    "just under": "less than",
    "fewer than": "less than",
    "no more than": "at most",
    "no less than": "at least",
}


def alternation(words: Iterable[str]) -> str:
    """Words as regex alternatives, escaped, longest first (so that "metric tons" is tried
    before "tons")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MAG = r"(?P<mag>hundred|thousand|million|billion|trillion|bn|mn|mln|tn|[kmbKMB](?![a-z]))"


#: What a price is given per, after "per" or "/" ("$2,400 per ounce", "$15.4/hour"); the
#: full words also after "a"/"an" ("$80 a barrel", "$20 an hour", "$50,000 a year").
_PRICE_PER_WORDS = {
    "hour": "hour", "day": "day", "night": "night", "week": "week", "month": "month",
    "year": "year", "share": "share", "barrel": "barrel", "ounce": "ounce",
    "troy ounce": "ounce", "ton": "ton", "tonne": "metric ton", "metric ton": "metric ton",
    "kilogram": "kilogram", "kilo": "kilogram", "pound": "pound", "gallon": "gallon",
    "litre": "litre", "liter": "litre", "bushel": "bushel", "head": "head",
    "person": "person", "passenger": "passenger", "unit": "unit", "mile": "mile",
    "kilometre": "kilometre", "kilometer": "kilometre", "square foot": "square foot",
    "square metre": "square metre", "square meter": "square metre",
    "megawatt hour": "megawatt hour", "megawatt-hour": "megawatt hour",
    "kilowatt hour": "kilowatt hour", "kilowatt-hour": "kilowatt hour",
}


_PRICE_PER_ABBR = {
    "h": "hour", "hr": "hour", "yr": "year", "bbl": "barrel", "oz": "ounce", "t": "metric ton",
    "kg": "kilogram", "lb": "pound", "gal": "gallon", "l": "litre", "km": "kilometre",
    "sq ft": "square foot", "mwh": "megawatt hour", "kwh": "kilowatt hour",
    "capita": "person",
}


def spaced_alternation(words: Iterable[str]) -> str:
    """``alternation`` with any run of spaces inside a word ("troy   ounce")."""
    return alternation(words).replace(r"\ ", r"\s+")


_PRICE_PER = re.compile(
    r"(?:\s*/\s*|\s+per\s+)(?P<abbr>"
    + spaced_alternation([*_PRICE_PER_WORDS, *_PRICE_PER_ABBR])
    + r")s?\b(?![-/])|\s+an?\s+(?P<word>" + spaced_alternation(_PRICE_PER_WORDS)
    + r")\b(?![-/])"
    # "$4 billion a year earlier" is a comparison in time, not a rate
    r"(?!\s+(?:ago|earlier|later|before|after|prior|since|from\s+now)\b)",
    re.IGNORECASE,
)


def valued(
    text: str,
    m: re.Match[str],
    kind: str,
    value: float,
    unit: str,
    extra: dict[str, str] | None = None,
) -> Mention:
    """A mention over the whole match, with the approximation word read before it; a
    price given per something ("$80 a barrel") takes it into its span and unit
    ("USD per barrel"), so that it is never compared with a plain amount."""
    approx = approx_before(text, m.start())
    end = m.end()
    if kind == "money" and (per := _PRICE_PER.match(text, end)):
        word = " ".join((per.group("abbr") or per.group("word")).lower().split())
        unit = f"{unit} per {_PRICE_PER_WORDS.get(word) or _PRICE_PER_ABBR[word]}"
        end = per.end()
    return Mention(kind, m.start(), end, value, unit=unit, approx=approx, extra=extra or {})


def approx_before(text: str, start: int) -> str:
    m = _APPROX_RE.search(text[max(0, start - 25) : start])
    if not m:
        return ""
    word = " ".join(m.group("approx").lower().split())
    if word == "over the" or _EXCEEDS_RE.fullmatch(word):
        return "more than"  # "over the £400m mark", "surpassed £400m"
    return _APPROX_NORMAL.get(word, word)


def scaled(num: str, mag: str | None) -> float | None:
    value = parse_number(num)
    if value is None:
        return None
    if mag:
        factor = MAGNITUDES.get(mag.lower())
        if factor is None:
            return None
        value *= factor
    return value
