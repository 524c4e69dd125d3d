"""Quantities with a unit of measure: "39 feet", "1.2 km", "5 mph", "-40 C", "300 K",
"twice a day"; a bare unit ("a barrel") counts one when nothing is priced."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..records import Mention
from .numbers import parse_number
from .patterns import (
    FLAGS,
    LEFT_OK,
    MAG,
    NUM,
    alternation,
    scaled,
    valued,
)
from .units import UNITS

#: Bit symbols: a lower-case "b" after a prefix is a bit ("100 mb", "2 kb"), "B" a byte.
_BIT_SYMBOLS = {"kb": "kilobit", "mb": "megabit", "gb": "gigabit", "tb": "terabit"}


_UNIT_ALT = alternation(UNITS)


#: Time units a rate is given per ("50 meters per millisecond", "50 km/ms", "5 tons a day").
_PER_UNITS = {
    "ms": "millisecond",
    "millisecond": "millisecond",
    "s": "second",
    "sec": "second",
    "second": "second",
    "min": "minute",
    "minute": "minute",
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "km": "kilometre",
    "kilometre": "kilometre",
    "kilometer": "kilometre",
    "kg": "kilogram",
    "kilogram": "kilogram",
    "l": "litre",
    "litre": "litre",
    "liter": "litre",
    "cm³": "cubic centimetre",
    "cm3": "cubic centimetre",
    "s2": "square second",
    "s²": "square second",
    "s^2": "square second",
}


QUANTITY = re.compile(
    LEFT_OK
    + NUM
    + r"(?:\s?"
    + MAG
    + r")?(?P<unc>\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)?"
    r"(?:\s?|-|\s?(?P<br>[(\[{<]))(?P<unit>" + _UNIT_ALT + r")(?(br)[)\]}>])"
    r"(?:(?:\s*/\s*|\s+per\s+)(?P<per>milliseconds?|ms|seconds?|secs?|s|minutes?|min|hours?|hr|h|"
    r"days?|weeks?|months?|years?|km|kilomet(?:re|er)s?|kg|kilograms?|l|lit(?:re|er)s?|cm³|cm3|"
    r"s2|s²|s\^2)"
    r"(?![\w°²³/]))?(?![\w°²³/])",
    FLAGS,
)


#: "2.123 pm", "2.1 am", "74.14 pm": picometres and attometres. A time of day has no
#: decimals or two of at most 59 after an hour up to 23 ("2.17pm", "14.30 pm"), so only
#: other numbers with decimals, not after a time preposition, read as a length.
_PM_AM_LENGTH = re.compile(
    r"(?<![\w.,:])(?<!\bat\s)(?<!\buntil\s)(?<!\btill\s)(?<!\bby\s)(?<!\bfrom\s)(?<!\bto\s)"
    r"(?P<num>\d{1,4}\.\d{1,6})\s?(?P<unit>pm|am)(?!\w|\.\w)",
)


#: "30 C", "104 F" set apart from the number: degrees when the letter ends the phrase
#: ("hit 40 C (104 F)", "Its 30 C outside!") and no capitalised label comes before the
#: number ("Section 3 C", "Grade 4 F"). "F" also needs a temperature in the sentence.
_SPACED_TEMPERATURE = re.compile(
    r"(?<![\w.,$€£¥₹₩])(?P<num>[-−]?\d{1,3}(?:\.\d)?)\s(?P<unit>C|F)"
    r"(?=\s*(?:[.,;:!?()]|$)|\s+(?:outside|inside|today|tonight|tomorrow|yesterday|"
    r"overnight|in\s+the\s+shade)\b)",
)


_LABEL_BEFORE = re.compile(
    r"(?:\b(?:apartment|apt|flat|room|row|seat|gate|unit|suite|section|grade|class|category|"
    r"level|floor|platform|terminal|block|building|lot|box|type|figure|table|page|chapter|"
    r"article|paragraph|exhibit|appendix|part|step|option|group|pool|zone|district|no)\.?|#)"
    r"\s*$",
    re.I,
)


_TEMPERATURE_CUE = re.compile(
    r"\b(?:temperatures?|degrees?|heat\w*|hot|cold|warm\w*|cool\w*|celsius|fahrenheit|"
    r"weather|freez\w*)\b|°|\d\s?C\b",
    re.I,
)


#: A bare degree sign named by its scale after it: "−273.15° on the Celsius scale".
_DEGREE_SCALE_AFTER = re.compile(
    r"\s+(?:on|in)\s+the\s+(?P<scale>celsius|centigrade|fahrenheit)\s+scale\b", re.I
)


#: "a gallon of beer", "a foot of snow", "A kibibyte is 1,024 bytes": one unit, for unit
#: words that are not also figures of speech ("a ton of", "a bit of", "a degree of") or
#: money ("a pound of" stays with the money rules). Not in a sentence about prices, where
#: "a gallon of gas" is what a price is per, not an amount.
_ONE_UNIT = re.compile(
    r"\b(?:a|an)\s+(?P<unit>gallon|litre|liter|barrel|kilogram|gram|ounce|tonne|metric\s+ton|"
    r"mile|kilometre|kilometer|metre|meter|foot|yard|acre|hectare|square\s+(?:mile|kilometre|"
    r"kilometer|metre|meter|foot)|kilobyte|megabyte|gigabyte|terabyte|kibibyte|mebibyte|"
    r"gibibyte)\s+(?=of\s|is\s|equals\s)",
    FLAGS,
)


_PRICE_WORDS = re.compile(
    r"\b(?:price[sd]?|pric(?:ing|ier)|costs?|cheap\w*|expensive|sells?|sold)\b", re.I
)


#: "four times per week", "twice a day", "once a month": a frequency, not a count of
#: "times" ("three times a year ago" compares with a time instead).
_FREQUENCY = re.compile(
    r"(?:" + LEFT_OK + NUM + r"\s+times|\b(?P<word>once|twice|thrice))"
    r"\s+(?:per|a|an|each|every)\s+(?P<per>second|minute|hour|day|week|fortnight|month|year)\b"
    r"(?!\s+(?:ago|earlier|before|previously|after|later)\b)",
    FLAGS,
)


_ONCE = {"once": 1.0, "twice": 2.0, "thrice": 3.0}


#: "573.15K", "4 K": kelvins, when the letter ends the phrase and the sentence says so: it
#: names kelvins, the number is a conversion from Celsius (ends in .15) in a sentence about
#: temperature, or the reading follows a reading in degrees ("300 °C (572 °F, 573.15K)").
#: "32K followers" and "drew 32K" stay thousands.
_KELVIN_SYMBOL = re.compile(
    r"(?<![\w.,$€£¥₹₩])(?P<num>[-−]?\d{1,5}(?:\.\d+)?)\s?K"
    r"(?=\s*(?:[.,;:!?)\]/]|$)|\s+(?:and|or|to|at|in|on|by|with|while|when|above|below)\b)"
)


_DEGREES_BEFORE = re.compile(r"\d\s?°\s?[CF]\b[^.;]{0,30}$")


#: "absolute zero" is 0 kelvin in a sentence about temperature or physics, not in "trust is
#: at absolute zero".
_ABSOLUTE_ZERO = re.compile(r"\babsolute\s+zero\b", re.I)


_PHYSICS_CUE = re.compile(
    r"\b(?:temperatures?|kelvin|celsius|fahrenheit|degrees?|thermo\w*|quantum\w*|"
    r"physic\w*|atoms?|atomic|molecul\w*|matter|gas(?:es)?|cool\w*|cold\w*|freez\w*)\b|°",
    re.I,
)


#: Nouns after "1.2m" that make the "m" a million ("1.2m people"), not metres.
_COUNTED_AFTER_M = re.compile(
    r"\s+(people|residents|voters|users|children|refugees|jobs|homes|households|customers|"
    r"viewers|subscribers|visitors|copies|doses|cases|deaths|migrants|workers|members|"
    r"followers|tourists|passengers|vehicles|cars|shares|barrels|tonnes|tons|units)\b"
)


#: Short unit symbols also read in capitals ("100 MB", "300 °C", "4 L").
_UPPER_UNITS_OK = frozenset("km mb gb tb kb mw gw kw °c °f l ev eb pb w c".split())


#: Two-letter symbols that are also words or initials; like one-letter symbols they count
#: only when glued to the number or at the end of a phrase.
_AMBIGUOUS_SHORT = frozenset("ha gr mi pb eb ev in".split())


#: Words that make a sentence-final "in" inches ("The length of my pencil is 2 in.").
_LENGTH_CUES = re.compile(
    r"\b(?:length|long|width|wide|height|high|tall|thick\w*|depth|deep|diameter|size|"
    r"measur\w*|screen|inch\w*)\b",
    re.I,
)


#: Words after a number and a one-letter or ambiguous unit that make it a measure.
_MEASURE_AFTER = (
    r"\s+(?:long|wide|high|tall|deep|thick|across|away|below|above|underground|offshore)\b"
)


def _marked_unit_ok(text: str, m: re.Match[str], unit_text: str, quotes: list[int]) -> bool:
    """Units that are also a word, a letter or a quotation mark: "in" only as a measure
    ("2 in thick", "2 in." ending the sentence), an inch mark not closing a quotation ('9"'
    but not '"iPhone 15"'), "C" in capitals ("-10C", "1.5C")."""
    unit = m.group("unit")
    if unit_text == "in":
        return bool(
            re.match(_MEASURE_AFTER, text[m.end() :])
            or (re.match(r"\s*[.!?]?\s*$", text[m.end() :]) and _LENGTH_CUES.search(text))
        )
    if unit in {'"', "″"}:
        glued = m.start("unit") == m.end("num")
        # quotation marks before it, found by bisection in their positions (not a count
        # from the start per number, quadratic in a sentence of many numbers)
        return bisect.bisect_left(quotes, m.start("unit")) % 2 == 0 and (
            glued or bool(re.match(_MEASURE_AFTER, text[m.end() :]))
        )
    if unit_text == "c":
        return unit == "C" and m.start("unit") == m.end("num")  # "40C", not "Section 3 C"
    return True


def _short_unit_ok(text: str, m: re.Match[str]) -> bool:
    # One-letter and ambiguous two-letter unit symbols ("m", "g", "t", "l", "ha") only
    # count when glued to the number ("29km", "100m") or followed by the end of a phrase
    # ("1 m x 1 m", "12 m."), never before a word they could start ("5 m people" is not
    # metres). Other two-letter symbols ("17 km", "100 MB") may stand apart.
    glued = m.start("unit") == m.end("num") or (m.group("mag") and m.start("unit") == m.end("mag"))
    if glued:
        return True
    unit = m.group("unit").lower()
    if len(unit) == 2 and unit not in _AMBIGUOUS_SHORT:
        return True
    if unit in {"l", "g", "t", "ha"} and re.match(r"\s+of\s", text[m.end() :]):
        return True  # "4 L of wine", "10 g of sugar", "5 ha of land"
    if unit == "t" and re.match(r"\s+[a-z]+\b(?!-)", text[m.end() :]):
        return True  # "278,000 t valued at", "1.2 million t in 2023": no word starts "t "
    return bool(re.match(r"\s*(?:[.,;:!?)\]]|\s\d|[x×]\s|$)|" + _MEASURE_AFTER, text[m.end() :]))


def find_quantities(text: str) -> Iterator[Mention]:
    """A figure and a unit of measure ("39 feet", "5 mph", "100 MB"); "1.2m people" is a
    count in millions, not metres."""
    quotes = [i for i, c in enumerate(text) if c == '"'] if '"' in text else []
    for m in QUANTITY.finditer(text):
        unit_text = m.group("unit").lower()
        if len(unit_text) <= 2 and m.group("unit").isupper() and unit_text not in _UPPER_UNITS_OK:
            continue
        if not _marked_unit_ok(text, m, unit_text, quotes):
            continue
        v = scaled(m.group("num"), m.group("mag"))
        if v is None:
            continue
        canonical, dim, _factor = UNITS[unit_text]
        if len(unit_text) <= 2 and not m.group("br") and not _short_unit_ok(text, m):
            continue
        if unit_text in _BIT_SYMBOLS and m.group("unit").endswith("b"):
            canonical = _BIT_SYMBOLS[unit_text]  # "100 mb", "2 kb": bits; "100 MB", "2 kB": bytes
        if unit_text == "m" and (cw := _COUNTED_AFTER_M.match(text, m.end())):
            # "1.2m people": millions of something, not metres
            yield valued(text, m, "count", v * 1e6, cw.group(1))
            continue
        if canonical == "degree" and (sc := _DEGREE_SCALE_AFTER.match(text, m.end())):
            scale = sc.group("scale").lower()
            canonical = "degree fahrenheit" if scale == "fahrenheit" else "degree celsius"
            dim = "temperature"
        if m.group("per"):
            per = m.group("per").lower()
            per = _PER_UNITS.get(per, _PER_UNITS.get(per.rstrip("s"), per))
            per_dim = next((d for c, d, _f in UNITS.values() if c == per), "time")
            canonical, dim = f"{canonical} per {per}", f"{dim} per {per_dim}"
        yield valued(text, m, "quantity", v, canonical, extra={"dimension": dim})


def find_small_lengths(text: str) -> Iterator[Mention]:
    """"3.5 pm" as picometres and "2 am" as attometres, where they cannot be a time of
    day ("2.17 pm" is one)."""
    if "pm" not in text and "am" not in text:
        return
    for m in _PM_AM_LENGTH.finditer(text):
        hour, minutes = m.group("num").split(".")
        if len(minutes) == 2 and int(hour) <= 23 and int(minutes) <= 59:
            continue  # "2.17 pm": a time of day
        unit = "picometre" if m.group("unit") == "pm" else "attometre"
        v = float(m.group("num"))
        yield valued(text, m, "quantity", v, unit, extra={"dimension": "length"})


def find_temperatures(text: str) -> Iterator[Mention]:
    """"-40 C", "98 F" (a spaced scale letter, in a plausible range and not a label such
    as "seat 12 F"), and kelvins ("300 K" where kelvins are named)."""
    for m in _SPACED_TEMPERATURE.finditer(text) if " C" in text or " F" in text else ():
        v = parse_number(m.group("num"))
        if v is None or not -90 <= v <= (60 if m.group("unit") == "C" else 140):
            continue
        prev = re.search(r"([A-Z][\w.]*)\s+$", text[max(0, m.start() - 30) : m.start()])
        if prev and text[: m.start()].strip() != prev.group(1):
            continue  # "Section 3 C": a label, unless it is the sentence's first word
        if _LABEL_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "in apartment 4 C", "seat 12 F"
        if m.group("unit") == "F" and not _TEMPERATURE_CUE.search(text):
            continue
        unit = "degree celsius" if m.group("unit") == "C" else "degree fahrenheit"
        yield valued(text, m, "quantity", v, unit, extra={"dimension": "temperature"})


def find_frequencies(text: str) -> Iterator[Mention]:
    """"twice a day", "3 times per week"."""
    for m in _FREQUENCY.finditer(text) if "times" in text or "ce " in text else ():
        v = _ONCE[m.group("word").lower()] if m.group("word") else parse_number(m.group("num"))
        if v is not None:
            unit = f"count per {m.group('per').lower()}"
            freq = {"dimension": "frequency"}
            yield valued(text, m, "quantity", v, unit, extra=freq)


def find_kelvins(text: str) -> Iterator[Mention]:
    """"300 K" where the sentence names kelvins or degrees, or "273.15 K" about
    temperature."""
    for m in _KELVIN_SYMBOL.finditer(text) if "K" in text else ():
        v = parse_number(m.group("num"))
        if v is None or not (
            re.search(r"\bkelvins?\b", text, re.I)
            or (m.group("num").endswith(".15") and _TEMPERATURE_CUE.search(text))
            or _DEGREES_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            continue
        kelvin = {"dimension": "temperature"}
        yield valued(text, m, "quantity", v, "kelvin", extra=kelvin)


def find_one_units(text: str) -> Iterator[Mention]:
    """"a barrel", "per kilogram": one of the unit, in a sentence with no price word
    (``find_mentions`` also drops them where money was found)."""
    if _PRICE_WORDS.search(text):
        return
    for m in _ONE_UNIT.finditer(text):
        canonical, dim, _factor = UNITS[" ".join(m.group("unit").lower().split())]
        one = Mention("quantity", m.start(), m.end("unit"), 1.0, unit=canonical)
        one.extra["dimension"] = dim
        yield one


def find_absolute_zero(text: str) -> Iterator[Mention]:
    """"absolute zero" in a sentence about physics: 0 kelvin."""
    if "zero" not in text.lower():
        return
    for m in _ABSOLUTE_ZERO.finditer(text) if _PHYSICS_CUE.search(text) else ():
        yield valued(text, m, "quantity", 0.0, "kelvin", extra={"dimension": "temperature"})
