"""Number mentions in text → values: digits, number words, magnitudes, fractions.

Number words are read with text2num; this module only finds where they are and adds the
forms text2num leaves out ("a hundred", "half a million", "1.5bn").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_SMALL = {w: i for i, w in enumerate(_UNITS)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}

#: Magnitude suffixes written after digits ("550 billion", "1.5bn", "10M", "20k").
MAGNITUDES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
    "g": 1e9,  # "1,674.5 G" in finance shorthand
    "mm": 1e6,  # "US$ 1MM"
    "mil": 1e6,
    "tln": 1e12,
    "dozen": 12.0,
    "dozens": 12.0,
    "dz": 12.0,
    "dzs": 12.0,
    "doz": 12.0,
    "dozs": 12.0,
}

#: Fraction words → denominator ("two thirds", "a fifth", "three quarters").
FRACTION_WORDS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
    "thousandth": 1000,
    "thousandths": 1000,
}
#: Ordinal words read as denominators, with the cardinal word each stands for ("fifth" →
#: "five", "hundredth" → "hundred"): "one twenty-fifth", "three hundredths", "a trillionth".
_ORDINAL_CARDINAL: dict[str, str] = {
    "first": "one",
    "third": "three",
    "fourth": "four",
    "quarter": "four",
    "half": "two",
    "fifth": "five",
    "sixth": "six",
    "seventh": "seven",
    "eighth": "eight",
    "ninth": "nine",
    "tenth": "ten",
    "eleventh": "eleven",
    "twelfth": "twelve",
    "thirteenth": "thirteen",
    "fourteenth": "fourteen",
    "fifteenth": "fifteen",
    "sixteenth": "sixteen",
    "seventeenth": "seventeen",
    "eighteenth": "eighteen",
    "nineteenth": "nineteen",
    "twentieth": "twenty",
    "thirtieth": "thirty",
    "fortieth": "forty",
    "fiftieth": "fifty",
    "sixtieth": "sixty",
    "seventieth": "seventy",
    "eightieth": "eighty",
    "ninetieth": "ninety",
    "hundredth": "hundred",
    "thousandth": "thousand",
    "millionth": "million",
    "billionth": "billion",
    "trillionth": "trillion",
}

_SMALL |= {"nought": 0, "naught": 0}
_WORD = r"(?:" + "|".join(sorted(list(_SMALL) + list(_SCALES), key=len, reverse=True)) + r")"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ORD_WORD = (
    r"(?:thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|elevenths?|"
    r"twelfths?|(?:thir|four|fif|six|seven|eigh|nine)teenths?|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)tieths?|"
    r"(?:hundred|thousand|million|billion|trillion)ths?|(?<=ty[\s-])firsts?)"
)
#: A fraction word: "quarters" only before "of" ("three quarters of", not "three quarters"
#: of a fiscal year), "first" only after a tens word ("three twenty-firsts").
_FRAC_WORD = r"(?:halves|(?<=\bone[\s-])half|quarters?(?=\s+of\b)|" + _ORD_WORD + r")"
#: After "and" a quarter is a fraction ("a hundred and three quarters").
_FRAC_AND = r"(?:halves|half|quarters?|" + _ORD_WORD + r")"
#: A run of number words: "one hundred and three", "twenty-five", "two million".
#: At most _MAX_WORDS words: the bound keeps every pattern built on it linear in the
#: length of the text (an unbounded run is re-scanned from each word of a long list of
#: number words), and no number written in words needs more.
_MAX_WORDS = 16
WORDS_RE = (
    r"(?:(?:a|an)\s+(?:hundred|thousand|million|billion|trillion|dozen)(?:\s+and)?(?:[\s-]+"
    + _WORD
    + rf"){{0,{_MAX_WORDS}}}"
    + r"|"
    + _WORD
    + r"(?:(?:[\s-]+|(?:(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion)),\s+"
    r"(?=[a-z]+(?:[\s-]+[a-z]+)?\s+hundred\b)|\s+(?:and|&)\s+(?!(?:a|an|"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r"){0,3})[\s-]+"
    + _FRAC_AND
    + r"\b))"
    + _WORD
    + rf"){{0,{_MAX_WORDS}}})"
)
#: A decimal comma before exactly two decimals, as in prices written the European way
#: ("5,00", "€12,50"): a comma before three digits is a thousands separator, and one before
#: a single digit may part two numbers ("pages 1,3").
_DECIMAL_COMMA = r"\d{1,3},\d\d"
#: Digits with optional thousands separators and decimals: 1,500,000 / 12.5 / .5; groups
#: of three may also be set off by a space ("40 000", "1 234 567"), lakhs and crores by
#: commas every two digits ("1,50,000", "12,34,567.89").
DIGITS_RE = (
    r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"  # Indian grouping: 12,34,567
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d,]|\.\d)"
    r"|" + _DECIMAL_COMMA + r"(?![\d,.]\d|\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
)
#: Vulgar fraction characters ("½", "⅙", "⅞") and their values.
_FRACTIONS = {c: unicodedata.numeric(c) for c in "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅐⅑⅒"}
FRACTION_CHARS = "".join(_FRACTIONS)

#: "3/4", "2 1/2", "10 1/2": common denominators only, so "9/11" and "24/7" stay apart.
_DIGIT_FRACTION = (
    r"(?:(?:\d{1,3}\s+)?\d{1,2}/(?:2|3|4|5|8|10|16|32|100)(?![\d/])"
    r"|\d{1,2}/\d{1,3}(?![\d/])(?=\s+of\s))"  # "about 1/40 of the wavelength"
)
_DIGIT_WORD = r"(?:zero|oh|nought|naught|one|two|three|four|five|six|seven|eight|nine)"
_SIMPLE_NUM = r"(?:\d{1,3}(?:,\d{3})*(?![\d.,]\d)|" + WORDS_RE + r")"
#: Ratios: "one over three", "8 out of 10", "one in five" (over only when no noun follows:
#: "$2000 over 3 years" is a time span).
_RATIO = (
    r"(?:(?:one|1)\s+over\s+" + _SIMPLE_NUM + r"\b(?!\s+[a-z])"
    r"|" + _SIMPLE_NUM + r"\s+out\s+of\s+" + _SIMPLE_NUM + r"\b"
    r"|(?:one|1)\s+in\s+(?:\d{1,3}(?![\d.,]\d)|" + WORDS_RE + r")\b)"
)
#: "1.3e6", "-12e-1", powers: "1.3x10^6", "6.23×10^-4", "2.48×10−5", "8x2^10", "1.1^23"
_SCIENTIFIC = (
    r"\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?!\w)"
    r"|(?:\s?[x×*·]\s?\d{1,3})?\^[-+−]{0,2}\d{1,3}(?![\w.^])"
    r"|[x×·]10[-−]\d{1,3}(?![\w.^]))"
)
_POWER = re.compile(r"(\d+(?:\.\d+)?)(?:\s?[x×*·]\s?(\d+))?(?:\^|(?=[-−]))([-+−]*)(\d+)")
_SMALL_WORD = r"(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")"
_BIG_SCALE = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)"
_BIG_VALUES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
_SMALL_PART = r"(?:[1-9]\d{0,2}|(?:" + _SMALL_WORD + r"[\s-]+){1,3}?)"
#: One more scaled part after a scale word, only of a smaller scale ("4 thousand 3 hundred",
#: "6 crore and two hundred"; "3 hundred and 2 hundred" stays two numbers).
_MIXED_STEP = (
    r"(?:"
    + "|".join(
        rf"(?<={big})(?:\s+and)?\s+{_SMALL_PART}\s*(?:"
        + "|".join(w for w, v in _BIG_VALUES.items() if v < value)
        + r")\b"
        for big, value in _BIG_VALUES.items()
        if value > 100
    )
    + r")"
)
#: What may follow "3 hundred", "4 thousand", "6 crore" in one number: smaller scaled parts,
#: the units after "hundred and" ("3 hundred and 21") and a fraction ("3 million and a half").
_MIXED_TAIL = (
    r"(?:" + _MIXED_STEP + r"){0,3}"
    r"(?:(?<=hundred)\s+and\s+(?:[1-9]\d?\b(?![\d.,]\d)|"
    + _SMALL_WORD
    + r"(?:[\s-]+"
    + _SMALL_WORD
    + r")?\b)(?!\s+"
    + _BIG_SCALE
    + r"))?"
    r"(?:\s+and\s+(?:a|an|one|two|three)[\s-]+(?:half|quarters?|thirds?)\b"
    r"(?:\s+(?:million|billion|trillion)\b)?)?"
)
#: A minus sign glued to digits (" -1", "−5.5") or written as a word ("minus five").
_SIGN = r"(?:(?:^|(?<=[\s(\[{:=$€£¥₹₩]))(?<!\d\s)[-−](?=\.?\d)|\b(?:minus|negative)\s+)?"
#: A ratio mention; read with parse_number, which refuses "12 out of 10".
RATIO_RE = _SIGN + r"\b" + _RATIO
#: A number: digits (possibly with a unicode fraction or magnitude word) or number words.
NUMBER_RE = (
    r"(?:"
    + _SIGN
    + r"(?:"
    + _DIGIT_FRACTION
    + r"|"
    + _SCIENTIFIC
    + r"|(?:(?:"
    + DIGITS_RE
    + r")(?:\s*["
    + FRACTION_CHARS
    + r"])?|["
    + FRACTION_CHARS
    + r"])"
    r"(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn|mln|bln|tn|tln|lakh|crore|"
    r"dozens?|dzs?|dozs?)\b" + _MIXED_TAIL + r")?"
    r"|\b(?:(?:a|one|two|three)\s+)?(?:half|quarters?|thirds?)\s+(?:of\s+)?(?:a\s+|an\s+)?"
    r"(?:million|billion|trillion|dozen)\b"
    r"|(?=half\b)(?:(?<=than\s)|(?<=nearly\s)|(?<=almost\s)|(?<=about\s)|(?<=roughly\s)|"
    r"(?<=over\s)|(?<=under\s))half\b(?!-)"
    r"|\b(?=an?[\s-])(?<!\band\s)(?:a|an)[\s-]+(?:" + _TENS_WORD + r"[\s-]+)?" + _FRAC_AND + r"\b"
    r"(?:(?<=quarter)(?=\s+of\b)|(?<!quarter)(?=\s+of\b|\s*(?:[.,;:!?)]|$)))"
    # the denominator may follow "hundred and": "one one hundred and fifth" is 1/105 (and
    # "the one hundred and fifth anniversary", an ordinal, is no count of 100)
    r"|\b" + WORDS_RE + r"(?:(?:[\s-]+|(?<=hundred)\s+and\s+)" + _FRAC_WORD + r"\b)?"
    r"(?:\s+and\s+a\s+half(?:\s+(?:million|"
    r"billion|trillion))?|\s+and\s+a\s+quarter\b(?:\s+(?:million|billion|trillion)\b)?"
    r"|\s+and\s+(?:a|an|"
    + _WORD
    + r"(?:[\s-]+"
    + _WORD
    + r"){0,3})[\s-]+"
    + _FRAC_AND
    + r"\b(?:\s+(?:million|billion|trillion)\b)?"
    + r"|\s+point(?:\s+"
    + _DIGIT_WORD
    + r")+\b|\s+point\s+"
    + WORDS_RE
    + r")?(?:\s+(?:lakh|crore)\b){0,2}(?:\s+(?:dozens?|dzs?|dozs?))?\b))"
)

_DIGIT_FRACTION_FULL = re.compile(r"(?:(\d{1,3})\s+)?(\d{1,2})/(\d{1,3})")
_number_full = re.compile(
    r"(?P<num>" + DIGITS_RE + r")?\s*(?P<frac>[" + FRACTION_CHARS + r"])?\s*(?P<mag>[a-z]+)?", re.I
)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """Value of a number mention, or None when the text is not a number.

    >>> parse_number("1,500,000"), parse_number("twenty-five"), parse_number("2.5 billion")
    (1500000.0, 25.0, 2500000000.0)
    """
    raw = " ".join(text.strip().lower().replace("\u2212", "-").split())
    if not raw:
        return None
    sign = 1.0
    if raw[0] in "+-":
        sign = -1.0 if raw[0] == "-" else 1.0
        raw = raw[1:].strip()
    elif w := re.match(r"(?:minus|negative)\s+", raw):
        sign, raw = -1.0, raw[w.end() :]
    if m := re.fullmatch(r"(.+?)\s+(?:over|out of|in)\s+(.+)", raw):
        num, den = parse_number(m.group(1)), parse_number(m.group(2))
        if num is None or not den or num > den:
            return None
        return sign * num / den
    if m := _DIGIT_FRACTION_FULL.fullmatch(raw):
        whole = float(m.group(1)) if m.group(1) else 0.0
        num, den = float(m.group(2)), float(m.group(3))
        if num >= den and whole == 0.0 and den > 2:
            return None  # "5/4" is rarely a fraction in prose
        return sign * (whole + num / den)
    if re.fullmatch(_SCIENTIFIC, raw):
        if pm := _POWER.fullmatch(raw.replace(" ", "")):
            base, times, signs, exp = pm.groups()
            power = -int(exp) if (signs.count("-") + signs.count("−")) % 2 else int(exp)
            try:
                value = float(times) ** power * float(base) if times else float(base) ** power
            except (OverflowError, ZeroDivisionError):
                return None
            return sign * value
        return sign * float(raw)
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?", raw):
        raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if raw and (raw[0].isdigit() or raw[0] == "." or raw[0] in _FRACTIONS):
        m = _number_full.fullmatch(raw)
        if not m:
            return None if (v := _mixed_value(raw)) is None else sign * v
        num_text = m.group("num") or "0"
        if re.fullmatch(_DECIMAL_COMMA, num_text):
            num_text = num_text.replace(",", ".")
        value = float(num_text.replace(",", ""))
        if m.group("frac"):
            value += _FRACTIONS[m.group("frac")]
        mag = m.group("mag")
        if mag:
            if mag not in MAGNITUDES:
                return None
            value *= MAGNITUDES[mag]
        return sign * value
    return None if (v := parse_number_words(raw)) is None else sign * v


@lru_cache(maxsize=4096)
def parse_number_words(raw: str) -> float | None:
    """'one hundred and three' → 103; 'half a million' → 500000; 'a dozen' → 12."""
    raw = raw.lower().strip()
    if ("," in raw or "&" in raw) and not any(c.isdigit() for c in raw):
        # "three million, two hundred & forty": the comma after a scale word and "&"
        raw = " ".join(raw.replace(",", " ").replace("&", " and ").split())
    half = 0.0
    if m := re.fullmatch(r"(.+?) and a half(?: (million|billion|trillion))?", raw):
        # "two and a half million" → 2.5 million; "one million and a half" → 1.5 million
        head, scale_word = m.group(1), m.group(2)
        if scale_word:
            inner = parse_number_words(head)
            if inner is None:
                return None
            if any(w in _SCALES for w in head.split()):
                return inner + 0.5 * _SCALES[scale_word]  # "one billion and a half million"
            return (inner + 0.5) * _SCALES[scale_word]
        last = head.rsplit(" ", 1)
        if len(last) == 2 and last[1] in _SCALES and last[1] != "hundred":
            inner = parse_number_words(last[0])
            return None if inner is None else (inner + 0.5) * _SCALES[last[1]]
        raw, half = head, 0.5
    matched, value = _fraction_forms(raw)
    if matched:
        return value
    return _counted_words(raw, half)


def _fraction_forms(raw: str) -> tuple[bool, float | None]:
    """Halves, quarters and thirds of a scale, dozens, "N over M" and "N point D":
    whether ``raw`` has one of these forms, and its value (None when it does not read)."""
    if raw == "half":
        return True, 0.5  # "more than half"
    m = re.fullmatch(r"half\s+(?:a|an)\s+(\w+)", raw)
    if m:
        scale = _SCALES.get(m.group(1)) or (12 if m.group(1) == "dozen" else None)
        return True, None if scale is None else scale / 2
    # "quarter million", "three quarters billion", "two thirds of a million"
    m = re.fullmatch(
        r"(?:(a|one|two|three)\s+)?(half|quarters?|thirds?)\s+(?:of\s+)?(?:an?\s+)?"
        r"(million|billion|trillion|dozen)",
        raw,
    )
    if m:
        num = {"a": 1, "one": 1, "two": 2, "three": 3}.get(m.group(1) or "", 1)
        den = FRACTION_WORDS[m.group(2)]
        scale = _SCALES.get(m.group(3)) or 12
        return True, num / den * scale
    if raw.endswith((" dozen", " dozens", " dz", " dzs", " doz", " dozs")):
        head = raw.rsplit(" ", 1)[0]
        inner = 1.0 if head in {"a", "an"} else parse_number_words(head)
        return True, None if inner is None else inner * 12
    if m := re.fullmatch(r"(.+?)\s+(?:over|out of|in)\s+(.+)", raw):
        numer, denom = parse_number(m.group(1)), parse_number(m.group(2))
        if numer is None or not denom or numer > denom:
            return True, None
        return True, numer / denom
    if m := re.fullmatch(r"(.+?)\s+point\s+(.+)", raw):
        whole = parse_number_words(m.group(1))
        tail = m.group(2).split()
        if whole is None:
            return True, None
        if all(w in _DIGIT_VALUES for w in tail):
            digits = "".join(str(_DIGIT_VALUES[w]) for w in tail)
        else:
            frac_v = parse_number_words(m.group(2))
            if frac_v is None:
                return True, None
            digits = str(int(frac_v))
        return True, whole + float("0." + digits)
    return False, None


def _counted_words(raw: str, half: float) -> float | None:
    """Number words counted in full ("one hundred and three", "three lakh"), plus
    ``half`` ("two and a half")."""
    frac = _fraction_words(raw)
    if frac is not None:
        return frac + half
    raw = re.sub(r"^(?:a|an)\s+", "one ", raw)
    if re.search(r"\b(?:lakh|crore)\b", raw):
        return _mixed_value(raw)
    words = [w for w in re.split(r"[\s-]+", raw) if w and w != "and"]
    if not words or any(w not in _SMALL and w not in _SCALES for w in words):
        return None
    if half and words[-1] in _SCALES and len(words) >= 2:
        # "two and a half million" is read as 2.5 million by the caller; here
        # "two million and a half" is rare, so fall back to adding 0.5 of the scale.
        pass
    try:
        from text_to_num import text2num

        value = float(text2num(" ".join(words), "en"))
    except (ValueError, ImportError):
        value_opt = _fallback_words(words)
        if value_opt is None:
            return None
        value = value_opt
    return value + half

_DIGIT_VALUES = {"zero": 0, "oh": 0, "nought": 0, "naught": 0} | {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())
}


def _ordinal_denominator(word: str) -> str | None:
    """The cardinal word an ordinal denominator stands for: 'fifths' → 'five'."""
    word = "half" if word == "halves" else word
    if word.endswith("s") and word[:-1] in _ORDINAL_CARDINAL:
        word = word[:-1]
    return _ORDINAL_CARDINAL.get(word)


def plural_denominator(word: str) -> bool:
    """'fifths', 'millionths', 'quarters', 'halves': a fraction's denominator word."""
    word = word.lower()
    return word.endswith("s") and _ordinal_denominator(word) is not None


def _strict_words(words: list[str]) -> float | None:
    """Value of a run of number words when it is one well-formed number ('thirty five',
    'one hundred five'), None for two numbers side by side ('two five', 'one one')."""
    words = ["one" if w in {"a", "an"} and i == 0 else w for i, w in enumerate(words)]
    if not words or any(w not in _SMALL and w not in _SCALES and w != "and" for w in words):
        return None
    if words[0] == "and" or words[-1] == "and":
        return None
    try:
        from text_to_num import text2num

        return float(text2num(" ".join(words), "en"))
    except (ValueError, ImportError):
        return None


def _fraction_words(raw: str) -> float | None:
    """'two thirds' → 0.667; 'a fifth' → 0.2; 'twenty and three fifths' → 20.6;
    'twenty-three fifths' → 4.6; 'one twenty-fifth' → 0.04; 'one hundred thirty fifths' →
    100/35; 'a hundred and three quarters' → 100.75. None when ``raw`` does not end in a
    fraction word.

    The denominator is the shortest ordinal ending the phrase that reads as one number
    on its own ("thirty fifths" = 35ths, but not "two fifths"); a hyphen binds its words
    ("thirty-two fifths" is 32 fifths). After "and", a proper fraction is the fractional
    part of a mixed number ("a hundred and three quarters"); an improper one is not ("one
    hundred and thirty fifths" is 130 fifths).
    """
    scale_word = ""
    tokens = re.sub(r"\s+-\s+", "-", raw).split()  # "ninety - five hundred fifths"
    # a scale word does not start a denominator: "ninety-five hundred-fifths" is 9500/5
    tokens = [p for t in tokens for p in (t.split("-", 1) if t.split("-")[0] in _SCALES else [t])]
    if len(tokens) == 1 and "-" in tokens[0]:
        head, _, _ = tokens[0].partition("-")
        if head in _SMALL and _SMALL[head] < 20:
            tokens = tokens[0].split("-", 1)  # "one-eighth", "three-fifths"
    if len(tokens) >= 3 and tokens[-1] in {"million", "billion", "trillion"}:
        scale_word, tokens = tokens[-1], tokens[:-1]  # "one billion and a quarter million"
    if not tokens or _ordinal_denominator(tokens[-1].rsplit("-", 1)[-1]) is None:
        return None
    if "and" in tokens:
        i = len(tokens) - 1 - tokens[::-1].index("and")
        left, right = tokens[:i], tokens[i + 1 :]
        whole = _strict_words(" ".join(left).replace("-", " ").split()) if left else None
        part = _split_fraction(right)
        if whole is not None and part is not None and part < 1:
            scale = 1.0
            if scale_word:
                scale = _SCALES[scale_word]
            elif left[-1] in {"thousand", "million", "billion", "trillion"}:
                scale = _SCALES[left[-1]]  # "six million and two thirds" → 6⅔ million
            return whole + part * scale
    if scale_word:
        return None
    return _split_fraction(tokens)


def _split_fraction(tokens: list[str]) -> float | None:
    """Numerator words, then an ordinal denominator: ['three', 'twenty-firsts'] → 3/21."""
    for i in range(1, len(tokens)):
        num_words = " ".join(tokens[:i]).replace("-", " ").split()
        den_tokens = " ".join(tokens[i:]).replace("-", " ").split()
        if den_tokens[0] == "and" or (den_tokens[0] in _SCALES and len(den_tokens) > 1):
            continue
        last = _ordinal_denominator(den_tokens[-1])
        if last is None:
            return None
        num = _strict_words(num_words)
        den = _strict_words([*den_tokens[:-1], last]) if len(den_tokens) > 1 else None
        if len(den_tokens) == 1:
            den = float(_SCALES.get(last) or _SMALL[last])
        if num is not None and den is not None and den > 1:
            if num != 1 and not den_tokens[-1].endswith("s"):
                return None  # "the two millionth visitor": an ordinal, "two fifths" is plural
            return num / den
    return None


_MIXED_SCALES = {**_SCALES, "lakh": 100_000, "crore": 10_000_000}
_MIXED_FRACTION = re.compile(
    r"(.+?)\s+and\s+(a|an|one|two|three)[\s-]+(half|quarters?|thirds?)"
    r"(?:\s+(million|billion|trillion))?"
)


def _mixed_value(raw: str) -> float | None:
    """Digits and words with scale words: '4 thousand 3 hundred and 21' → 4321,
    '6 crore and two hundred' → 60000200, 'three lakh crore' → 3e12,
    '3 million and a half' → 3500000."""
    if m := _MIXED_FRACTION.fullmatch(raw):
        whole = _mixed_value(m.group(1))
        if whole is None:
            return None
        num = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}[m.group(2)]
        part = num / FRACTION_WORDS[m.group(3)]
        last = m.group(4) or m.group(1).split()[-1]
        scale = _MIXED_SCALES.get(last, 1) if last != "hundred" else 1
        return whole + part * scale
    items: list[tuple[str, float]] = []
    run: list[str] = []

    def close_run() -> bool:
        if run:
            v = _strict_words(run)
            if v is None:
                return False
            items.append(("num", v))
            run.clear()
        return True

    for tok in re.split(r"[\s-]+", raw):
        if not tok or tok == "and":
            if not close_run():
                return None
        elif tok in _MIXED_SCALES:
            if not close_run():
                return None
            items.append(("scale", float(_MIXED_SCALES[tok])))
        elif tok in _SMALL:
            run.append(tok)
        elif re.fullmatch(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok):
            if not close_run():
                return None
            items.append(("num", float(tok.replace(",", ""))))
        else:
            return None
    if not close_run():
        return None
    total = current = 0.0
    last = ""
    for kind, v in items:
        if kind == "num":
            if last == "num":
                return None  # "3 21": two numbers
            current += v
        elif v == 100:
            current = (current or 1) * 100
        elif last == "scale" and not current and total:
            total *= v  # "lakh crore"
        else:
            total += (current or 1) * v
            current = 0.0
        last = kind
    return total + current if items else None


def _fallback_words(words: list[str]) -> float | None:
    """Plain left-to-right reading for sequences text2num refuses ("one hundred thousand")."""
    total = 0
    current = 0
    for prev, w in zip(["", *words[:-1]], words, strict=True):
        if w in _SMALL and prev in _SMALL and _SMALL[prev] < 20 and _SMALL[w] < 20:
            return None  # "three four": two numbers, not one
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
    try:
        return float(total + current)
    except OverflowError:  # "hundred hundred hundred ..." is not a number anyone wrote
        return None


def format_number(value: float) -> str:
    """Compact human form: 550000000000 → '550 billion', 47.0 → '47', 0.5 → '0.5'."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    v = abs(value)
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if v >= scale:
            return f"{sign}{_trim(v / scale)} {word}"
    if v >= 10000:
        return f"{sign}{v:,.0f}" if v == int(v) else f"{sign}{v:,.2f}"
    return sign + _trim(v)


def _trim(v: float) -> str:
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    return text or "0"
