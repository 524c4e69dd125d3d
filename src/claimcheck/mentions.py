"""Sentence text → value mentions (percent, money, quantity, duration, count, date, place,
role), found with patterns only: no spaCy needed, so this runs first and decides which
sentences are worth parsing at all."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .places import Venues

from .dates import find_dates, period_count
from .numbers import DIGITS_RE, FRACTION_CHARS, MAGNITUDES, NUMBER_RE, RATIO_RE, parse_number
from .units import UNITS

_FLAGS = re.I


@dataclass(slots=True)
class Mention:
    kind: str
    start: int
    end: int
    value: float | str | None
    value_from: float | str | None = None
    unit: str = ""
    approx: str = ""
    relative: bool = False  # dates: needs the publication date
    # Extra facts for later stages (e.g. the containing place named after a city).
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- tables

CURRENCY_SYMBOLS = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "s$": "SGD",
    "nz$": "NZD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₦": "NGN",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "₿": "BTC",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "元": "CNY",
    "usd$": "USD",
    "cad$": "CAD",
    "aud$": "AUD",
    "nzd$": "NZD",
    "hkd$": "HKD",
    "sgd$": "SGD",
    "mxn$": "MXN",
    "mex$": "MXN",
}
#: Prefixes that may stand apart from their "$" in tokenised text ("c $ 16.4 million").
_SPACED_DOLLAR_PREFIXES = {"us", "u.s.", "c", "hk", "nz"}
CURRENCY_CODES = {
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "INR",
    "KRW",
    "CHF",
    "CAD",
    "AUD",
    "HKD",
    "SGD",
    "NZD",
    "BRL",
    "RUB",
    "TRY",
    "MXN",
    "ZAR",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "BTC",
    "IRR",
    "VND",
    "THB",
    "IDR",
    "MYR",
    "PHP",
    "SAR",
    "AED",
    "EGP",
    "NGN",
    "ILS",
    "PKR",
    "UAH",
    "ARS",
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "sterling": "GBP",
    "pence": "GBP",
    "penny": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "won": "KRW",
    "rupee": "INR",
    "rupees": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "franc": "CHF",
    "francs": "CHF",
    "swiss francs": "CHF",
    "peso": "MXN",
    "pesos": "MXN",
    "rand": "ZAR",
    "real": "BRL",
    "reais": "BRL",
    "lira": "TRY",
    "dinar": "DZD",
    "dinars": "DZD",
    "rial": "IRR",
    "rials": "IRR",
    "dong": "VND",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "shekel": "ILS",
    "shekels": "ILS",
    "cent": "USD",
    "cents": "USD",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "american dollars": "USD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "new zealand dollar": "NZD",
    "taiwan dollars": "TWD",
    "chinese yuan": "CNY",
    "japanese yen": "JPY",
    "south korean won": "KRW",
    "indian rupee": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "swiss franc": "CHF",
    "mexican peso": "MXN",
    "mexican pesos": "MXN",
    "turkish lira": "TRY",
    "russian rubles": "RUB",
    "russian roubles": "RUB",
    "british pound": "GBP",
    "british pounds": "GBP",
    "brazilian reais": "BRL",
    "south african rand": "ZAR",
    "saudi riyals": "SAR",
    "riyal": "SAR",
    "riyals": "SAR",
    "dime": "USD",
    "dimes": "USD",
    # currencies replaced by the euro, still found in older reporting
    "peseta": "ESP",
    "pesetas": "ESP",
    "guilder": "NLG",
    "guilders": "NLG",
    "dutch guilders": "NLG",
    "markka": "FIM",
    "finnish markka": "FIM",
    "deutsche marks": "DEM",
    "french francs": "FRF",
    "lire": "ITL",
    "italian lire": "ITL",
}
#: Sub-units: value is divided by 100.
_CENTS = {"pence", "penny", "cent", "cents"}
_DIMES = {"dime", "dimes"}
#: Words that make "pounds" a weight ("the baby weighs two pounds", "lost 25 pounds").
_WEIGHT_CUES = re.compile(
    r"\b(?:weigh\w*|weight\w*|heav\w*|lighter|lost|gain\w*|baby|bag|"
    r"lbs?|kilo\w*|ounces?|tons?)\b",
    re.I,
)

#: Bit symbols: a lower-case "b" after a prefix is a bit ("100 mb", "2 kb"), "B" a byte.
_BIT_SYMBOLS = {"kb": "kilobit", "mb": "megabit", "gb": "gigabit", "tb": "terabit"}


# ---------------------------------------------------------------- patterns

#: Every number starts with a digit, a sign, a fraction sign or one of these letters
#: (one, two, ten, half, minus, a hundred, nought…): other positions fail at once.
_NUM = r"(?=[\d.\-−" + FRACTION_CHARS + r"]|(?i:[zotfsenhmbqa]))(?P<num>" + NUMBER_RE + r")"
#: "several hundred", "a few thousand", "many million": no number, a vague amount.
_VAGUE_SCALE = re.compile(
    r"\b(?:several|few|many)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)", re.I
)
#: Not glued to a word, a decimal or a currency sign, nor part of a code ("SCP-173", "F-35").
_LEFT_OK = r"(?<![\w.,$€£¥₹₩])(?<![A-Za-z]-)(?<![A-Za-z]\d-)"
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
_APPROX_RE = re.compile(_APPROX, _FLAGS)
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

def _alternation(words: Iterable[str]) -> str:
    """Words as regex alternatives, escaped, longest first (so that "metric tons" is tried
    before "tons")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SYMBOLS = (
    "(?i:"
    + "|".join(
        re.escape(s[:-1]) + r"\s?\$" if s[:-1] in _SPACED_DOLLAR_PREFIXES else re.escape(s)
        for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
    )
    + ")"
)
#: Codes also read in lower case ("usd 20", "rmb 10"): none of them is an English word.
_LOWER_CODES = "usd|eur|gbp|jpy|cny|rmb|chf|inr|hkd|aud|sgd|nzd|mxn|krw|brl|zar"
_CODES = "|".join(sorted(CURRENCY_CODES))
_CUR_WORDS = _alternation(CURRENCY_WORDS)
_MAG = r"(?P<mag>hundred|thousand|million|billion|trillion|bn|mn|mln|tn|[kmbKMB](?![a-z]))"

MONEY_PREFIX = re.compile(
    _LEFT_OK
    + r"(?P<cur>"
    + _SYMBOLS
    + r"|\b(?:"
    + _CODES
    + r"|"
    + _LOWER_CODES
    + r"))\s?"
    + _NUM
    + r"(?:\s?(?P<mag>(?i:hundred|thousand|million|billion|trillion)|bn|mn|mln|tn|"
    r"MM(?![a-z])|[kmbKMB](?![a-z])|(?<=\d)T(?![\w-])))?(?!\w*%)",
)
#: A symbol after the number ("10 €", "100₾"); "$" only when no number follows it.
MONEY_SUFFIX_SYMBOL = re.compile(
    _LEFT_OK + _NUM + r"(?:\s?" + _MAG + r")?\s?(?P<cur>[€£¥₹₩₽₺₦₱฿₫₿₡₾₭元]|\$(?!\s?\d))",
)
_SUFFIX_SYMBOL_HINT = re.compile(
    r"[\d" + FRACTION_CHARS + r"]\s?(?:[a-zA-Z]+\s?)?[€£¥₹₩₽₺₦₱฿₫₿₡₾₭元$]"
)
_SCALED_CODE_HINT = re.compile(r"\b[MKB][A-Z]{3}\b")
_RATIO_HINT = re.compile(r"\s(?:out\s+of|over)\s|\b(?:one|1)\s+in\s", re.I)
#: Finance shorthand: "30 MUSD", "MAUD 60", "120 MEUR" (M = million, K = thousand, B = billion).
MONEY_SCALED_CODE = re.compile(
    r"(?:" + _LEFT_OK + _NUM + r"\s?(?P<m>[MKB])(?P<cur>" + _CODES + r")\b"
    r"|\b(?P<m2>[MKB])(?P<cur2>" + _CODES + r")\s?" + _NUM.replace("?P<num>", "?P<num2>") + r")",
)
MONEY_SUFFIX = re.compile(
    _LEFT_OK
    + _NUM
    + r"(?:\s?"
    + _MAG
    + r")?(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?[\s-]?(?P<cur>(?:"
    + _CODES
    + r")\b|(?:"
    + _CUR_WORDS
    + r")\b)(?:\s+(?P<mag2>thousand|million|billion|trillion)\b)?",
    _FLAGS,
)
PERCENT = re.compile(
    _LEFT_OK + _NUM + r"(?P<pct>\s?%|[\s-]+(?:percents?|per\s?cent|pct|percentage(?!\s+points?))\b|"
    r"\s+percentage\s+points?\b|\s+(?:basis\s+points|bps)\b)",
    _FLAGS,
)
#: The percent word opening the sentence, with the number after "of" ending it:
#: "per cent of twenty-two." (not "what percent of 210 voters", nor "5 per cent of 210").
PERCENT_OF = re.compile(
    r"^\s*(?P<word>percents?|per\s?cent)\s+of\s+" + _NUM + r"(?=\s*(?:[.,;:!?)]|$))",
    _FLAGS,
)
_UNIT_ALT = _alternation(UNITS)
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
    _LEFT_OK
    + _NUM
    + r"(?:\s?"
    + _MAG
    + r")?(?P<unc>\s*(?:±|\+/-|\+-)\s*\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)?"
    r"(?:\s?|-|\s?(?P<br>[(\[{<]))(?P<unit>" + _UNIT_ALT + r")(?(br)[)\]}>])"
    r"(?:(?:\s*/\s*|\s+per\s+)(?P<per>milliseconds?|ms|seconds?|secs?|s|minutes?|min|hours?|hr|h|"
    r"days?|weeks?|months?|years?|km|kilomet(?:re|er)s?|kg|kilograms?|l|lit(?:re|er)s?|cm³|cm3|"
    r"s2|s²|s\^2)"
    r"(?![\w°²³/]))?(?![\w°²³/])",
    _FLAGS,
)
DURATION = re.compile(
    r"(?:" + _LEFT_OK + _NUM + r"[\s-]*"  # "3 days", "3-day", "3day", "3.5years"
    r"|(?P<art>\ba|\ban|\bhalf(?:\s+an?)?|\ba\s+half|\ball|\bfull|\banother)[\s-]+)"
    r"(?:business\s+)?"
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|fortnights?|"
    r"months?|mos|years?|yrs?|decades?|century|centuries)\b(?:-(?:long|old))?",
    _FLAGS,
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
_FORTNIGHT = re.compile(r"\ba\s+fortnight\b", _FLAGS)
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
#: Geological time: "66 Ma ago", "4.5 Gyr", "One gigaannum (1Ga)" are millions and
#: billions of years. The symbols "Ma", "Ga", "ka" only before "ago"/"BP" or in a sentence
#: about years ("1Ga" beside "one billion years").
_GEO_TIME = re.compile(
    _LEFT_OK + _NUM + r"\s?(?:(?P<word>(?:kilo|mega|giga)ann(?:um|a))\b"
    r"|(?P<sym>(?-i:[kMG]yr|[kMG]a))(?!\w))",
    _FLAGS,
)
_GEO_SCALE = {"k": 1e3, "m": 1e6, "g": 1e9}
#: "a gallon of beer", "a foot of snow", "A kibibyte is 1,024 bytes": one unit, for unit
#: words that are not also figures of speech ("a ton of", "a bit of", "a degree of") or
#: money ("a pound of" stays with the money rules). Not in a sentence about prices, where
#: "a gallon of gas" is what a price is per, not an amount.
_ONE_UNIT = re.compile(
    r"\b(?:a|an)\s+(?P<unit>gallon|litre|liter|barrel|kilogram|gram|ounce|tonne|metric\s+ton|"
    r"mile|kilometre|kilometer|metre|meter|foot|yard|acre|hectare|square\s+(?:mile|kilometre|"
    r"kilometer|metre|meter|foot)|kilobyte|megabyte|gigabyte|terabyte|kibibyte|mebibyte|"
    r"gibibyte)\s+(?=of\s|is\s|equals\s)",
    _FLAGS,
)
_PRICE_WORDS = re.compile(
    r"\b(?:price[sd]?|pric(?:ing|ier)|costs?|cheap\w*|expensive|sells?|sold)\b", re.I
)
#: "four times per week", "twice a day", "once a month": a frequency, not a count of
#: "times" ("three times a year ago" compares with a time instead).
_FREQUENCY = re.compile(
    r"(?:" + _LEFT_OK + _NUM + r"\s+times|\b(?P<word>once|twice|thrice))"
    r"\s+(?:per|a|an|each|every)\s+(?P<per>second|minute|hour|day|week|fortnight|month|year)\b"
    r"(?!\s+(?:ago|earlier|before|previously|after|later)\b)",
    _FLAGS,
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
_GEO_CONTEXT = re.compile(r"\bago\b|\bBP\b|\bannum\b|\b(?:thousand|million|billion)\s+years\b")
#: "one in three", "8 out of 10", "one over twenty": a share, read as one count when the
#: first number is not larger than the second ("12 out of 10" stays two numbers).
RATIO = re.compile(_LEFT_OK + r"(?P<num>" + RATIO_RE + r")(?P<mag>(?!))?", _FLAGS)
#: A magnitude letter set off by a space ("2.33 k", "1,674.5 G", "1,674,200.5 M") that
#: ends the phrase, after a figure with decimals (checked in _count): "10 k run", "ran 10
#: k.", "9 G", "100 M freestyle" and "the 1,500 M." stay a count, the letter a unit word.
_DECIMAL_FIGURE = re.compile(r"[-−]?\d{1,3}(?:,\d{3})*\.\d+|[-−]?\d+\.\d+")
COUNT = re.compile(
    _LEFT_OK + _NUM + r"(?:(?P<mag>(?-i:[kKMb]|MM|mil|bn|bln|mn|mln|tn|tln))(?![\w%])"
    r"|[ \u00a0](?P<smag>(?-i:[kMGB]))(?=\s*(?:[.,;:!?)\]]|$)))?"
    r"(?![\w%°²³]|[.,]\d)",
    _FLAGS,
)

#: "nrs. 22,24,26,31": small numbers listed with commas and no spaces, three to twelve
#: (two may be a decimal comma, "1,3"; a longer run is data, not prose); not citation
#: marks "[1,2,3]" nor Indian grouping.
_COMMA_LIST = re.compile(r"(?<![\w.,$€£¥₹₩\[])\d{1,2}(?:,\d{1,2}){2,11}(?![\w%°\]]|[.,]\d)")
_DIGITS_FULL = re.compile(DIGITS_RE)
#: A number spelt out digit by digit, three or more digit words joined by hyphens
#: ("three-nought-four", "nine-one-one"): no one number, each word is read on its own.
_DIGIT_NAMES = r"(?:zero|nought|naught|one|two|three|four|five|six|seven|eight|nine)"
_SPELT_DIGITS = re.compile(
    r"(?<![\w-])" + _DIGIT_NAMES + r"(?:-" + _DIGIT_NAMES + r"){2,15}(?![\w-])", _FLAGS
)


_HALVED = re.compile(
    r"\b(?P<verb>halv(?:e|ed|es|ing)|doubl(?:e|ed|es|ing)|tripl(?:e|ed|es|ing))"
    r"\s+(?:\w+\s+){0,3}?(?P<to>to\s+)?$",
    _FLAGS,
)
_CANCEL = re.compile(
    r"\b(?:cancel\w*|scrap\w*|remov\w*|lift(?:ed|ing|s)?|eliminat\w*|abolish\w*|abolition|"
    r"repeal\w*|rescind\w*|revok\w*|revocation|withdraw\w*)\s+(?:of\s+)?"
    r"(?:the\s+|its\s+|their\s+|all\s+|those\s+)?(?:existing\s+|current\s+)?$",
    _FLAGS,
)
_BY_POINTS = re.compile(r"\bby\s+$", _FLAGS)
_DOWN_VERBS = re.compile(
    r"\b(?:cut|cuts|reduc\w*|lower\w*|slash\w*|trim\w*|fell|fall\w*|drop\w*|declin\w*|"
    r"decreas\w*|eas\w*|shrank|shrink\w*|sank|sink\w*|dipped|dip)\b",
    _FLAGS,
)
_UP_VERBS = re.compile(
    r"\b(?:rais\w*|increas\w*|hik\w*|rose|rise\w*|rising|boost\w*|grew|grow\w*|jump\w*|"
    r"climb\w*|soar\w*|surg\w*|doubl\w*)\b",
    _FLAGS,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", _FLAGS)
_TO_BEFORE = re.compile(r"\b(?:to|at)\s+$", _FLAGS)
_BETWEEN_FROM_TO = re.compile(r"^\s+(?:down\s+|up\s+)?to\s+$", _FLAGS)
_BETWEEN_TO_FROM = re.compile(r"^\s*,?\s+(?:down\s+|up\s+)?from\s+$", _FLAGS)

#: Titles that introduce a person's role ("Treasury Secretary Scott Bessent").
ROLE_TITLES = (
    "Vice President|President|Prime Minister|Deputy Prime Minister|Premier|Chancellor|"
    "Foreign Minister|Finance Minister|Defen[cs]e Minister|Trade Minister|Commerce Minister|"
    "Minister|Secretary of State|Secretary-General|Secretary General|Treasury Secretary|"
    "Commerce Secretary|Defen[cs]e Secretary|State Secretary|Trade Representative|Secretary|"
    "Vice Premier|Governor|Senator|Sen\\.|Representative|Rep\\.|Ambassador|Chairman|"
    "Chairwoman|Chair|Chief Executive|CEO|General|Gen\\.|Admiral|King|Queen|Emperor|Pope|"
    "Mayor|Speaker|Director|spokesman|spokeswoman|spokesperson|Spokesman|Spokeswoman|"
    "Spokesperson|leader|Leader|envoy|Envoy|negotiator|Negotiator"
)
_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
ROLE = re.compile(r"\b(?P<title>" + ROLE_TITLES + r")\s+" + _NAME + r"\b")
_ORG_BEFORE = re.compile(r"(?P<org>(?:U\.S\.|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:’s|'s)?)\s+$")
_DEPARTMENTS = frozenset(
    "treasury commerce defense defence state foreign finance trade justice interior energy "
    "health education labor labour agriculture transport transportation homeland security "
    "economy home foreign ministry white house kremlin pentagon".split()
)
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ian|i|ch|ic)$")


def _org_ok(org: str) -> bool:
    """An organisation or country before a title: "U.S.", "Chinese", "Canada's",
    "Treasury", "Foreign Ministry" — not a sentence word like "While" or "Whereas"."""
    from .places import gazetteer

    bare = re.sub(r"(?:’s|'s)$", "", org)
    if org != bare or bare in {"U.S.", "US", "UK", "EU", "UN", "NATO"}:
        return True
    if all(w.lower() in _DEPARTMENTS for w in bare.split()):
        return True
    if _NATIONALITY.match(bare.split()[-1]) and bare.split()[-1] not in {"Whereas"}:
        return True
    return gazetteer().lookup(bare) is not None


_PLACE_PREP = re.compile(
    r"\b(?P<prep>in|at|to|near|outside)\s+(?:the\s+)?(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
_PLACE_EVENT = re.compile(
    r"(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+(?P<event>summit|Summit|talks|Talks|"
    r"meeting|Meeting|conference|Conference|agreement|Agreement|accord|Accord|truce|Truce)\b"
)
_APPOSITION = re.compile(r"^,\s+(?P<cand>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")


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


def _spaced_alternation(words: Iterable[str]) -> str:
    """``_alternation`` with any run of spaces inside a word ("troy   ounce")."""
    return _alternation(words).replace(r"\ ", r"\s+")


_PRICE_PER = re.compile(
    r"(?:\s*/\s*|\s+per\s+)(?P<abbr>"
    + _spaced_alternation([*_PRICE_PER_WORDS, *_PRICE_PER_ABBR])
    + r")s?\b(?![-/])|\s+an?\s+(?P<word>" + _spaced_alternation(_PRICE_PER_WORDS)
    + r")\b(?![-/])"
    # "$4 billion a year earlier" is a comparison in time, not a rate
    r"(?!\s+(?:ago|earlier|later|before|after|prior|since|from\s+now)\b)",
    re.IGNORECASE,
)


def _valued(
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
    approx = _approx_before(text, m.start())
    end = m.end()
    if kind == "money" and (per := _PRICE_PER.match(text, end)):
        word = " ".join((per.group("abbr") or per.group("word")).lower().split())
        unit = f"{unit} per {_PRICE_PER_WORDS.get(word) or _PRICE_PER_ABBR[word]}"
        end = per.end()
    return Mention(kind, m.start(), end, value, unit=unit, approx=approx, extra=extra or {})


#: Accounting style: "Net income was ($99.99)." is a loss of 99.99. Only a figure alone
#: in parentheses as the complement of "is"/"was"/"of" in a sentence about a financial
#: result; an aside ("the fee ($99.99) is due") stays positive.
_ACCOUNTING_BEFORE = re.compile(r"\b(?:is|was|were|are|of|at)\s+\($")
_FINANCIAL_RESULT = re.compile(
    r"\b(?:revenues?|profits?|income|earnings|losses|loss|margins?|balance|results?|"
    r"cash\s+flow|ebitda|ebit|net)\b",
    re.I,
)


def _accounting_negative(text: str, start: int, end: int) -> bool:
    return (
        text[end : end + 1] == ")"
        and bool(_ACCOUNTING_BEFORE.search(text, max(0, start - 8), start))
        and bool(_FINANCIAL_RESULT.search(text))
    )


def _approx_before(text: str, start: int) -> str:
    m = _APPROX_RE.search(text[max(0, start - 25) : start])
    if not m:
        return ""
    word = " ".join(m.group("approx").lower().split())
    if word == "over the" or _EXCEEDS_RE.fullmatch(word):
        return "more than"  # "over the £400m mark", "surpassed £400m"
    return _APPROX_NORMAL.get(word, word)


def _scaled(num: str, mag: str | None) -> float | None:
    value = parse_number(num)
    if value is None:
        return None
    if mag:
        factor = MAGNITUDES.get(mag.lower())
        if factor is None:
            return None
        value *= factor
    return value


def find_mentions(text: str, *, places: bool = True) -> list[Mention]:
    """Every value mention in one sentence, non-overlapping, in text order.

    Args:
        text: the sentence.
        places: also look up place names in the gazetteer.
    """
    cands: list[tuple[int, Mention]] = []  # (priority, mention)
    for m in MONEY_PREFIX.finditer(text):
        v = _scaled(m.group("num"), m.group("mag"))
        if v is not None:
            cur = re.sub(r"\s+", "", m.group("cur"))
            code = CURRENCY_SYMBOLS.get(cur.lower(), cur.upper())
            if code == "RMB":
                code = "CNY"
            if _accounting_negative(text, m.start(), m.end()):
                v = -v
            cands.append((1, _valued(text, m, "money", v, code)))
    for m in MONEY_SUFFIX.finditer(text):
        v = _scaled(m.group("num"), m.group("mag"))
        if v is None:
            continue
        if m.group("mag2"):
            if m.group("mag") or not m.group("cur").isupper():
                continue  # "75 USD million" only: not "5 dollars million"
            v *= MAGNITUDES[m.group("mag2").lower()]
        word = " ".join(m.group("cur").lower().split())
        code = CURRENCY_WORDS.get(word) or word.upper()
        if code == "RMB":
            code = "CNY"
        if word in {"pound", "pounds"} and re.match(r"\s+of\b", text[m.end() :]):
            continue  # "2 pounds of beef": a weight, read as a quantity
        if word in {"pound", "pounds"} and _WEIGHT_CUES.search(text):
            cands.append((1, _valued(text, m, "quantity", v, "pound", extra={"dimension": "mass"})))
            continue
        extra = {}
        if word in _CENTS:
            v /= 100
            extra = {"sub": "1"}
        elif word in _DIMES:
            v /= 10
            extra = {"sub": "1"}
        cands.append((1, _valued(text, m, "money", v, code, extra=extra)))
    for m in MONEY_SUFFIX_SYMBOL.finditer(text) if _SUFFIX_SYMBOL_HINT.search(text) else ():
        v = _scaled(m.group("num"), m.group("mag"))
        if v is not None:
            cands.append((1, _valued(text, m, "money", v, CURRENCY_SYMBOLS[m.group("cur")])))
    for m in MONEY_SCALED_CODE.finditer(text) if _SCALED_CODE_HINT.search(text) else ():
        num = m.group("num") or m.group("num2")
        v = parse_number(num)
        if v is not None:
            scale = {"M": 1e6, "K": 1e3, "B": 1e9}[m.group("m") or m.group("m2")]
            code = (m.group("cur") or m.group("cur2")).replace("RMB", "CNY")
            cands.append((1, _valued(text, m, "money", v * scale, code)))
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
        cands.append((2, _valued(text, m, "percent", v, unit)))
    if (po := PERCENT_OF.match(text)) and (v := parse_number(po.group("num"))) is not None:
        cands.append((2, Mention("percent", po.start("word"), po.end(), v, unit="%")))
    quotes = [i for i, c in enumerate(text) if c == '"'] if '"' in text else []
    for m in QUANTITY.finditer(text):
        unit_text = m.group("unit").lower()
        if len(unit_text) <= 2 and m.group("unit").isupper() and unit_text not in _UPPER_UNITS_OK:
            continue
        if not _marked_unit_ok(text, m, unit_text, quotes):
            continue
        v = _scaled(m.group("num"), m.group("mag"))
        if v is None:
            continue
        canonical, dim, _factor = UNITS[unit_text]
        if len(unit_text) <= 2 and not m.group("br") and not _short_unit_ok(text, m):
            continue
        if unit_text in _BIT_SYMBOLS and m.group("unit").endswith("b"):
            canonical = _BIT_SYMBOLS[unit_text]  # "100 mb", "2 kb": bits; "100 MB", "2 kB": bytes
        if unit_text == "m" and (cw := _COUNTED_AFTER_M.match(text, m.end())):
            # "1.2m people": millions of something, not metres
            cands.append((3, _valued(text, m, "count", v * 1e6, cw.group(1))))
            continue
        if canonical == "degree" and (sc := _DEGREE_SCALE_AFTER.match(text, m.end())):
            scale_word = sc.group("scale").lower()
            canonical = "degree fahrenheit" if scale_word == "fahrenheit" else "degree celsius"
            dim = "temperature"
        if m.group("per"):
            per = m.group("per").lower()
            per = _PER_UNITS.get(per, _PER_UNITS.get(per.rstrip("s"), per))
            per_dim = next((d for c, d, _f in UNITS.values() if c == per), "time")
            canonical, dim = f"{canonical} per {per}", f"{dim} per {per_dim}"
        cands.append((3, _valued(text, m, "quantity", v, canonical, extra={"dimension": dim})))
    for m in DURATION.finditer(text):
        unit = m.group("unit").lower()
        if m.group("num") is not None:
            if unit == "h" and text[m.end() : m.end() + 1] == "-":
                continue  # "3 h" and "3h" are hours, "3 h-bombs" is not
            v = parse_number(m.group("num"))
        else:
            if unit in {
                "h",
                "hr",
                "hrs",
                "min",
                "mins",
                "sec",
                "secs",
                "wk",
                "wks",
                "mos",
                "yr",
                "yrs",
            }:
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
        cands.append((4, _valued(text, m, "duration", v, unit)))
    for m in _FORTNIGHT.finditer(text):
        cands.append((4, Mention("duration", m.start(), m.end(), 1.0, unit="fortnight")))
    if "pm" in text or "am" in text:
        for m in _PM_AM_LENGTH.finditer(text):
            hour, minutes = m.group("num").split(".")
            if len(minutes) == 2 and int(hour) <= 23 and int(minutes) <= 59:
                continue  # "2.17 pm": a time of day
            unit = "picometre" if m.group("unit") == "pm" else "attometre"
            v = float(m.group("num"))
            cands.append((3, _valued(text, m, "quantity", v, unit, extra={"dimension": "length"})))
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
        cands.append((3, _valued(text, m, "quantity", v, unit, extra={"dimension": "temperature"})))
    for m in _FREQUENCY.finditer(text) if "times" in text or "ce " in text else ():
        v = _ONCE[m.group("word").lower()] if m.group("word") else parse_number(m.group("num"))
        if v is not None:
            unit = f"count per {m.group('per').lower()}"
            freq = {"dimension": "frequency"}
            cands.append((3, _valued(text, m, "quantity", v, unit, extra=freq)))
    for m in _KELVIN_SYMBOL.finditer(text) if "K" in text else ():
        v = parse_number(m.group("num"))
        if v is None or not (
            re.search(r"\bkelvins?\b", text, re.I)
            or (m.group("num").endswith(".15") and _TEMPERATURE_CUE.search(text))
            or _DEGREES_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            continue
        kelvin = {"dimension": "temperature"}
        cands.append((3, _valued(text, m, "quantity", v, "kelvin", extra=kelvin)))
    priced = any(c.kind == "money" for _p, c in cands) or _PRICE_WORDS.search(text)
    for m in _ONE_UNIT.finditer(text) if not priced else ():
        canonical, dim, _factor = UNITS[" ".join(m.group("unit").lower().split())]
        one = Mention("quantity", m.start(), m.end("unit"), 1.0, unit=canonical)
        one.extra["dimension"] = dim
        cands.append((3, one))
    if "zero" in text.lower():
        for m in _ABSOLUTE_ZERO.finditer(text) if _PHYSICS_CUE.search(text) else ():
            cands.append(
                (3, _valued(text, m, "quantity", 0.0, "kelvin", extra={"dimension": "temperature"}))
            )
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
        cands.append((4, _valued(text, m, "duration", v, "year")))
    for d in find_dates(text):
        bound = _DATE_BOUND.search(text[max(0, d.start - 12) : d.start])
        cands.append(
            (
                5,
                Mention(
                    "date",
                    d.start,
                    d.end,
                    d.text,
                    relative=d.relative,
                    approx=bound.group(1).lower() if bound else "",
                    extra={"range": "1" if d.kind == "daterange" else ""}
                    | _period_length(d.text),
                ),
            )
        )
    for m in COUNT.finditer(text):
        mention = _count(text, m)
        if mention is not None:
            cands.append((7, mention))
    for m in _COMMA_LIST.finditer(text) if "," in text else ():
        if _DIGITS_FULL.fullmatch(m.group()):
            continue  # "1,500,000", "12,34,567": one number
        pos = m.start()
        for part in m.group().split(","):
            cands.append((7, Mention("count", pos, pos + len(part), float(part))))
            pos += len(part) + 1
    for m in _SPELT_DIGITS.finditer(text) if "-" in text else ():
        pos = m.start()
        for part in m.group().split("-"):
            value = parse_number(part)
            if value is not None:
                cands.append((7, Mention("count", pos, pos + len(part), value)))
            pos += len(part) + 1
    if _RATIO_HINT.search(text):
        for m in RATIO.finditer(text):
            mention = _count(text, m)
            if mention is not None:
                cands.append((7, mention))
    if places:
        cands.extend((6, p) for p in _place_mentions(text))
        cands.extend((6, p) for p in _venue_mentions(text))
    for m in ROLE.finditer(text):
        om = _ORG_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        org = om.group("org") if om else ""
        if org and not _org_ok(org):
            # "While Treasury": keep only the last word when it alone is an organisation
            org = org.split()[-1] if " " in org and _org_ok(org.split()[-1]) else ""
        name = m.group("name")
        title = m.group("title")
        start = (
            m.start() - len(org) - (len(om.group()) - len(om.group("org")) if om and org else 0)
            if org
            else m.start()
        )
        if tense := _ROLE_TENSE.search(text[max(0, start - 12):start]):
            # "former President Donald Trump": a former title is another claim than the title
            title = f"{tense.group(1).lower()} {title}"
            start -= len(tense.group())
        cands.append(
            (
                6,
                Mention(
                    "role",
                    start,
                    m.end(),
                    title.lower().rstrip("."),
                    unit=org,
                    extra={"person": name, "name_start": str(m.start("name"))},
                ),
            )
        )

    from .fiscal import find_fiscal
    from .times import find_times  # times and fiscal periods import Mention from here

    cands.extend((0, t) for t in find_times(text))  # "1835 GMT" is a time, not a year
    cands.extend((0, f) for f in find_fiscal(text))  # "Q3 of fiscal 2026" is no year
    cands = [(p, c) for p, c in cands if not _VAGUE_SCALE.match(_vague_window(text, c.start))]
    if "://" in text or "www." in text or "@" in text or ("%" in text and "=" in text):
        # numbers inside a web address or an e-mail address ("q=30%25") are not claims
        links = [(u.start(), u.end()) for u in _LINK.finditer(text)]
        cands = [(p, c) for p, c in cands if not any(c.start < b and a < c.end for a, b in links)]
    chosen = _join_durations(
        text, _share_units(text, _join_sub_units(text, _resolve_overlaps(cands)))
    )
    return _combine_changes(text, chosen)


_ROLE_TENSE = re.compile(r"\b(former|ex-|outgoing)\s*$", re.I)


def _vague_window(text: str, start: int) -> str:
    """The word before a mention and the mention's first word: "several hundred"."""
    m = re.search(r"\w+\s+$", text[max(0, start - 12) : start])
    return (m.group() if m else "") + text[start : start + 9]


def _period_length(span: str) -> dict[str, str]:
    """'next five years': where its length is, for when it cannot be dated."""
    found = period_count(span)
    if found is None:
        return {}
    start, end, n, unit = found
    return {"length": f"{start},{end},{n},{unit}"}


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
        if (
            prev is not None
            and prev.kind == "money"
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
        ):
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


_FIRST_CHAR = re.compile(r"\S")


def _count(text: str, m: re.Match[str]) -> Mention | None:
    raw = m.group("num")
    mag = m.group("mag")
    end = m.end()
    if "smag" in m.re.groupindex and (smag := m.group("smag")):
        if not _DECIMAL_FIGURE.fullmatch(raw):
            # "ran 10 k.", "pulled 9 G.", "won the 1,500 M.": a unit, not a magnitude
            end = m.end("num")
        else:
            mag = smag
    value = (
        _scaled(raw, mag)
        if mag and raw[-1].isdigit()
        else (parse_number(raw) if not mag else None)
    )
    if value is None:
        return None
    # Only a window around the number is looked at (a copy of the whole rest of the
    # sentence per number made a sentence of a thousand numbers quadratic).
    lo = max(0, m.start() - 200)
    before = text[lo : m.start()]
    after = text[end : end + 200]
    first = _FIRST_CHAR.search(text, 0, m.start())  # None: the number opens the text
    words = raw.strip().lower()
    if words == "zero" and re.match(r"\s+(?:is|was|were|are|has|have|had|will|would)\b", after):
        pass  # "Zero were injured": a count as the subject, unlike "zero tolerance"
    elif words in {"one", "an", "a", "zero"} or (
        re.fullmatch(r"(?:a|an)\s.*", words)
        and not re.fullmatch(
            r"(?:a|an)[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|half|quarter|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+\w+|"
            r"\w+ths?|thirds?)\b.*",
            words,
        )
    ):
        return None  # "one" is mostly a pronoun or determiner in news prose
    if before.endswith(("+", "#", "№", "-", "©", "No. ", "no. ")):
        return None  # "+2" citation counters, "#3" ranks, "COVID-19"
    if re.match(r"^[.)]\s", after) and first is None:
        return None  # list numbering "1. " at the start of a line
    if re.match(r"^(?:st|nd|rd|th)\b", after, re.I):
        return None
    if re.match(r"\s*(?:[ap]\.m\.|[ap]m\b)|:\d\d", after, re.I) or re.search(r"\d:$", before):
        return None  # a time of day: "at 2 pm", "5:30"
    prev_word = re.search(r"([A-Z][\w.]*)\s+$", before)
    next_word = re.match(r"\s+([A-Z][a-z]\w*)", after)
    if (
        prev_word
        and not _MONTHISH.match(prev_word.group(1))
        and parse_number(prev_word.group(1)) is None  # "Two 24-storey blocks"
        and (
            first.start() != lo + prev_word.start(1)  # type: ignore[union-attr]
            or prev_word.group(1).lower() not in _OPENERS
        )
    ):
        return None  # "District 2", "Voyager 2": a number that is part of a name
    if next_word and raw[0].isdigit() and first is None:
        return None  # "1 Street 10": an address line
    unit = ""
    nw = re.match(r"[\s-]+([a-z][a-z-]*)\b", after)
    if nw and nw.group(1) not in _NOT_UNITS:
        unit = nw.group(1)
    return Mention(
        "count", m.start(), end, value, unit=unit, approx=_approx_before(text, m.start())
    )


#: A date after one of these is a bound, not the date of the event ("first since 2019").
_DATE_BOUND = re.compile(r"\b(since|until|till|before|after|by|prior\s+to)\s+(?:the\s+)?$", re.I)
_MONTHISH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)
#: Capitalised sentence openers that may precede a count ("About 40 people", "Only 3").
_OPENERS = frozenset(
    "about some nearly only over up at in by with all the just more less around almost "
    "roughly approximately and but so after before since until another those these "
    "exactly fully least most under on for of to from is are was were has have had do does "
    "did can could should must even both each every between".split()
)
_NOT_UNITS = {
    "and",
    "or",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "were",
    "with",
    "from",
    "as",
    "than",
    "that",
    "which",
    "who",
    "per",
    "out",
}


@lru_cache(maxsize=1)
def _venue_pattern() -> re.Pattern[str]:
    from .places import venues

    names = sorted(venues().by_name, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(r"\bon\s+(?:the\s+)?(?P<cand>" + alt + r")(?![\w-])"
                      r"|(?<![\w-])(?P<listed>" + alt + r")-listed\b")


def _venue_mentions(text: str) -> list[Mention]:
    """Where shares are listed: "listed on the Nasdaq", "began trading on the NYSE", "a
    Nasdaq-listed firm" (a venue of ``venues.json`` with a listing named before it in the
    sentence or, for "X-listed", in the word itself)."""
    from .places import venues

    found = venues()
    out: list[Mention] = []
    for m in _venue_pattern().finditer(text):
        group = "cand" if m.group("cand") else "listed"
        if group == "cand" and not _listing_before(text[:m.start()], found):
            continue  # "a record day on the Nasdaq": not where anything is listed
        place = found.by_name[m.group(group)]
        out.append(Mention("location", m.start(group), m.end(group), place.name,
                           extra={"country": place.country, "level": "venue",
                                  "prep": "on", "event": "listing"}))
    return out


def _listing_before(text: str, found: Venues) -> bool:
    """A listing named in ``text``: a cue word, or "trading" after a start word."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(found.cues.intersection(words)) or any(
        w == "trading" and i and words[i - 1] in found.trading_starts
        for i, w in enumerate(words))


def _place_mentions(text: str) -> list[Mention]:
    from .places import gazetteer

    gaz = gazetteer()
    out: list[Mention] = []
    for m in _PLACE_PREP.finditer(text):
        prep = m.group("prep").lower()
        if prep == "to" and not re.search(
            r"\b(?:visit|trip|travel\w*|journey|went|go|going|"
            r"fl(?:y|ew))\w*\s+(?:\w+\s+){0,2}$",
            text[max(0, m.start() - 40) : m.start()],
            re.I,
        ):
            continue
        hit = _longest_place(gaz, text, m.start("cand"), m.group("cand"))
        if hit is None:
            continue
        start, end, place = hit
        extra = {"country": place.country, "level": place.level, "prep": prep}
        app = _APPOSITION.match(text[end:])
        if app:
            inner = _longest_place(gaz, text, end + app.start("cand"), app.group("cand"))
            if inner is not None:
                from .places import contains

                if contains(inner[2], place):
                    extra["within"] = inner[2].name
                    end = inner[1]
        out.append(Mention("location", start, end, place.name, extra=extra))
    for m in _PLACE_EVENT.finditer(text):
        hit = _longest_place(gaz, text, m.start("cand"), m.group("cand"), suffix=True)
        if hit is None:
            continue
        start, end, place = hit
        out.append(
            Mention(
                "location",
                start,
                end,
                place.name,
                extra={
                    "country": place.country,
                    "level": place.level,
                    "prep": "",
                    "event": m.group("event").lower(),
                },
            )
        )
    return out


def _longest_place(gaz, text: str, base: int, cand: str, suffix: bool = False):  # type: ignore[no-untyped-def]
    words = list(re.finditer(r"\S+", cand))
    options = (
        [(i, len(words)) for i in range(len(words))]
        if suffix
        else [(0, j) for j in range(len(words), 0, -1)]
    )
    for i, j in options:
        a = words[i].start()
        b = words[j - 1].end()
        name = cand[a:b].rstrip(".,’'s").rstrip("’'")
        if cand[a:b].endswith(("’s", "'s")):
            name = cand[a:b][:-2]
        if not name or not name[0].isupper():
            continue
        place = gaz.lookup(name)
        if place is not None:
            return base + a, base + a + len(name), place
    return None


_PRIORITY_CHANGE = 0


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


_CHANGE_KINDS = {"percent", "money", "quantity", "count"}


def _combine_changes(text: str, ms: list[Mention]) -> list[Mention]:
    """Fold 'from A to B', 'to B from A', 'halved to B', 'cancellation of the A' and
    'cut by N points' into change mentions carrying ``value_from``."""
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        b = ms[i + 1] if i + 1 < len(ms) else None
        if b is not None and a.kind in _CHANGE_KINDS and b.kind in _CHANGE_KINDS:
            between = text[a.end : b.start]
            before = text[max(0, a.start - 30) : a.start]
            kind = a.kind if a.kind != "count" else b.kind
            compatible = a.kind == b.kind or "count" in (a.kind, b.kind)
            if a.kind == b.kind and a.kind in {"money", "quantity"} and a.unit != b.unit:
                compatible = False  # "from 44 ml to 50 mg", "from $5 to 4 euros": not one change
            if compatible and kind != "count":
                if _FROM_BEFORE.search(before) and _BETWEEN_FROM_TO.match(between):
                    start = a.start - len(_FROM_BEFORE.search(before).group())  # type: ignore[union-attr]
                    out.append(_change(kind, start, b.end, a, b))
                    i += 2
                    continue
                if _TO_BEFORE.search(before) and _BETWEEN_TO_FROM.match(between):
                    start = a.start - len(_TO_BEFORE.search(before).group())  # type: ignore[union-attr]
                    out.append(_change(kind, start, b.end, b, a))
                    i += 2
                    continue
        if a.kind == "percent" and a.unit == "%":
            before = text[max(0, a.start - 60) : a.start]
            if hm := _HALVED.search(before):
                verb = hm.group("verb").lower()
                factor = (
                    0.5 if verb.startswith("halv") else (2.0 if verb.startswith("doubl") else 3.0)
                )
                v = float(a.value)  # type: ignore[arg-type]
                if hm.group("to"):
                    a.value_from = v / factor
                else:
                    a.value_from, a.value = v, v * factor
                a.extra = {"value_start": str(a.start), "value_end": str(a.end)}
                a.start = a.start - len(before) + hm.start()
            elif _CANCEL.search(before):
                cm = _CANCEL.search(before)
                a.value_from, a.value = a.value, 0.0
                a.extra = {"value_start": str(a.start), "value_end": str(a.end)}
                a.start = a.start - len(before) + cm.start()  # type: ignore[union-attr]
        if (
            a.kind == "percent"
            and a.unit == "pp"
            or (a.kind == "count" and re.match(r"\s+points?\b", text[a.end :], re.I))
        ):
            before = text[max(0, a.start - 60) : a.start]
            if _BY_POINTS.search(before):
                window = text[max(0, a.start - 60) : a.start]
                sign = (
                    -1.0
                    if _DOWN_VERBS.search(window)
                    else (1.0 if _UP_VERBS.search(window) else 0.0)
                )
                if sign:
                    if a.kind == "count":
                        pm = re.match(r"\s+points?\b", text[a.end :], re.I)
                        a.end += pm.end()  # type: ignore[union-attr]
                        a.kind = "percent"
                    a.unit = "pp"
                    a.value = sign * abs(float(a.value))  # type: ignore[arg-type]
        out.append(a)
        i += 1
    return out


def _change(kind: str, start: int, end: int, old: Mention, new: Mention) -> Mention:
    unit = new.unit if new.kind == kind else old.unit
    v_old = float(old.value)  # type: ignore[arg-type]
    v_new = float(new.value)  # type: ignore[arg-type]
    # "from 2 to 3 million": the bare first number takes the magnitude of the second.
    if old.kind == "count" and v_new >= 1e6 and v_old < 1000:
        scale = 10 ** (len(str(int(v_new))) - len(str(int(v_new // 1e6))) - 0)
        for factor in (1e12, 1e9, 1e6, 1e3):
            if v_new >= factor and (v_new / factor) < 1000:
                v_old *= factor
                break
        del scale
    return Mention(
        kind,
        start,
        end,
        v_new,
        value_from=v_old,
        unit=unit,
        approx=new.approx or old.approx,
        extra={"value_start": str(new.start), "value_end": str(new.end)},
    )
