"""Number mentions in text → values: digits, number words, magnitudes, fractions.

Number words are read with text2num; this module only finds where they are and adds the
forms text2num leaves out ("a hundred", "half a million", "1.5bn").
"""

from __future__ import annotations

import re
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

_SMALL |= {"nought": 0, "naught": 0}
_WORD = r"(?:" + "|".join(sorted(list(_SMALL) + list(_SCALES), key=len, reverse=True)) + r")"
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
    + r"(?:(?:[\s-]+|\s+and\s+)"
    + _WORD
    + rf"){{0,{_MAX_WORDS}}})"
)
#: Digits with optional thousands separators and decimals: 1,500,000 / 12.5 / .5; groups
#: of three may also be set off by a space ("40 000", "1 234 567").
DIGITS_RE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d,]|\.\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
)
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_FRAC_WORD = (
    r"(?:halves|thirds?|quarters?(?=\s+of\b)|fourths?|fifths?|sixths?|"
    r"sevenths?|eighths?|ninths?|tenths?|hundredths?|thousandths?)"
)
#: "3/4", "2 1/2", "10 1/2": common denominators only, so "9/11" and "24/7" stay apart.
_DIGIT_FRACTION = r"(?:\d{1,3}\s+)?\d{1,2}/(?:2|3|4|5|8|10|16|32|100)(?![\d/])"
_DIGIT_WORD = r"(?:zero|oh|nought|naught|one|two|three|four|five|six|seven|eight|nine)"
_SIMPLE_NUM = r"(?:\d{1,3}(?:,\d{3})*(?![\d.,]\d)|" + WORDS_RE + r")"
#: Ratios: "one over three", "8 out of 10", "one in five" (over only when no noun follows:
#: "$2000 over 3 years" is a time span).
_RATIO = (
    r"(?:(?:one|1)\s+over\s+" + _SIMPLE_NUM + r"\b(?!\s+[a-z])"
    r"|" + _SIMPLE_NUM + r"\s+out\s+of\s+" + _SIMPLE_NUM + r"\b"
    r"|(?:one|1)\s+in\s+(?:\d{1,3}(?![\d.,]\d)|" + WORDS_RE + r")\b)"
)
#: "1.3e6", "-12e-1"
_SCIENTIFIC = r"\d+(?:\.\d+)?[eE][-+]?\d+(?!\w)"
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
    + r")(?:\s*[½¼¾⅓⅔])?|[½¼¾⅓⅔])"
    r"(?:\s*(?:hundred|thousand|million|billion|trillion|bn|mn|mln|bln|tn|tln|lakh|crore|"
    r"dozens?)\b)?"
    r"|\b(?:(?:a|one|two|three)\s+)?(?:half|quarters?|thirds?)\s+(?:of\s+)?(?:a\s+|an\s+)?"
    r"(?:million|billion|trillion|dozen)\b"
    r"|\b(?:a|an)[\s-]+" + _FRAC_WORD + r"\b(?=\s+of\b)"
    r"|\b" + WORDS_RE + r"(?:[\s-]+" + _FRAC_WORD + r"\b)?(?:\s+and\s+a\s+half(?:\s+(?:million|"
    r"billion|trillion))?|\s+and\s+a\s+quarter\b|\s+and\s+(?:a|an|"
    + _WORD
    + r")[\s-]+"
    + _FRAC_WORD
    + r"|\s+point(?:\s+"
    + _DIGIT_WORD
    + r")+\b|\s+point\s+"
    + WORDS_RE
    + r")?(?:\s+dozens?)?\b))"
)

_DIGIT_FRACTION_FULL = re.compile(r"(?:(\d{1,3})\s+)?(\d{1,2})/(\d{1,3})")
_number_full = re.compile(
    r"(?P<num>" + DIGITS_RE + r")?\s*(?P<frac>[½¼¾⅓⅔])?\s*(?P<mag>[a-z]+)?", re.I
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
        return sign * float(raw)
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?", raw):
        raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if raw and (raw[0].isdigit() or raw[0] == "." or raw[0] in _FRACTIONS):
        m = _number_full.fullmatch(raw)
        if not m:
            return None
        value = float(m.group("num").replace(",", "")) if m.group("num") else 0.0
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
    m = re.fullmatch(r"half\s+(?:a|an)\s+(\w+)", raw)
    if m:
        scale = _SCALES.get(m.group(1)) or (12 if m.group(1) == "dozen" else None)
        return None if scale is None else scale / 2
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
        return num / den * scale
    if raw.endswith((" dozen", " dozens")):
        head = raw.rsplit(" ", 1)[0]
        inner = 1.0 if head in {"a", "an"} else parse_number_words(head)
        return None if inner is None else inner * 12
    if m := re.fullmatch(r"(.+?)\s+(?:over|out of|in)\s+(.+)", raw):
        num, den = parse_number(m.group(1)), parse_number(m.group(2))
        if num is None or not den or num > den:
            return None
        return num / den
    if m := re.fullmatch(r"(.+?)\s+point\s+(.+)", raw):
        whole = parse_number_words(m.group(1))
        tail = m.group(2).split()
        if whole is None:
            return None
        if all(w in _DIGIT_VALUES for w in tail):
            digits = "".join(str(_DIGIT_VALUES[w]) for w in tail)
        else:
            frac_v = parse_number_words(m.group(2))
            if frac_v is None:
                return None
            digits = str(int(frac_v))
        return whole + float("0." + digits)
    frac = _fraction_words(raw)
    if frac is not None:
        return frac + half
    raw = re.sub(r"^(?:a|an)\s+", "one ", raw)
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


def _fraction_words(raw: str) -> float | None:
    """'two thirds' → 0.667; 'a fifth' → 0.2; 'twenty and three fifths' → 20.6;
    'twenty-three fifths' → 4.6. None when ``raw`` does not end in a fraction word."""
    words = re.split(r"[\s-]+", raw)
    if len(words) < 2 or words[-1] not in FRACTION_WORDS:
        return None
    den = FRACTION_WORDS[words[-1]]
    head = " ".join(words[:-1])
    whole = 0.0
    if " and " in f" {head} ":
        left, _, right = head.rpartition(" and ")
        if left:
            w = parse_number_words(left) if left not in {"a", "an"} else None
            if w is None:
                return None
            whole, head = w, right
    num = 1.0 if head in {"a", "an"} else parse_number_words(head)
    if num is None:
        return None
    scale = 1.0
    last = head_words[-1] if (head_words := " ".join(words[:-1]).split(" and ")[0].split()) else ""
    if whole and last in {"thousand", "million", "billion", "trillion"}:
        scale = _SCALES[last]  # "six million and two thirds" → 6⅔ million
    return whole + num / den * scale


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
