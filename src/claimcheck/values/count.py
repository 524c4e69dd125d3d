"""Counts: numbers with no unit ("37 dead", "1,500 homes", "one in five"), lists of
figures and ratios."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Mention
from .numbers import DIGITS_RE, RATIO_RE, parse_number
from .patterns import (
    FLAGS,
    LEFT_OK,
    NUM,
    approx_before,
    scaled,
)

_RATIO_HINT = re.compile(r"\s(?:out\s+of|over)\s|\b(?:one|1)\s+in\s", re.I)


#: "one in three", "8 out of 10", "one over twenty": a share, read as one count when the
#: first number is not larger than the second ("12 out of 10" stays two numbers).
RATIO = re.compile(LEFT_OK + r"(?P<num>" + RATIO_RE + r")(?P<mag>(?!))?", FLAGS)


#: A magnitude letter set off by a space ("2.33 k", "1,674.5 G", "1,674,200.5 M") that
#: ends the phrase, after a figure with decimals (checked in _count): "10 k run", "ran 10
#: k.", "9 G", "100 M freestyle" and "the 1,500 M." stay a count, the letter a unit word.
_DECIMAL_FIGURE = re.compile(r"[-−]?\d{1,3}(?:,\d{3})*\.\d+|[-−]?\d+\.\d+")


COUNT = re.compile(
    LEFT_OK + NUM + r"(?:(?P<mag>(?-i:[kKMb]|MM|mil|bn|bln|mn|mln|tn|tln))(?![\w%])"
    r"|[ \u00a0](?P<smag>(?-i:[kMGB]))(?=\s*(?:[.,;:!?)\]]|$)))?"
    r"(?![\w%°²³]|[.,]\d)",
    FLAGS,
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
    r"(?<![\w-])" + _DIGIT_NAMES + r"(?:-" + _DIGIT_NAMES + r"){2,15}(?![\w-])", FLAGS
)


_FIRST_CHAR = re.compile(r"\S")


def _a_determiner(words: str, after: str) -> bool:
    """"one", "a", "an" and "zero" as words ("one of them", "a plan", "zero tolerance"), not
    counts; "a hundred", "a third" and "Zero were injured" are counts."""
    if words == "zero" and re.match(r"\s+(?:is|was|were|are|has|have|had|will|would)\b", after):
        return False  # "Zero were injured": a count as the subject, unlike "zero tolerance"
    return words in {"one", "an", "a", "zero"} or bool(
        re.fullmatch(r"(?:a|an)\s.*", words)
        and not re.fullmatch(
            r"(?:a|an)[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|half|quarter|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+\w+|"
            r"\w+ths?|thirds?)\b.*",
            words,
        )
    )


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
        scaled(raw, mag)
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
    if _a_determiner(raw.strip().lower(), after):
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
        "count", m.start(), end, value, unit=unit, approx=approx_before(text, m.start())
    )


_MONTHISH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


#: Capitalised sentence openers that may precede a count ("About 40 people", "Only 3",
#: "A 5.9 aftershock").
_OPENERS = frozenset(
    "a an about some nearly only over up at in by with all the just more less around almost "
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


def find_counts(text: str) -> Iterator[Mention]:
    """Numbers with no unit ("37 dead", "1,500"), each figure of a comma list ("1,2,3"
    that is not one number), digits spelt with hyphens, and ratios ("one in five")."""
    for m in COUNT.finditer(text):
        mention = _count(text, m)
        if mention is not None:
            yield mention
    for m in _COMMA_LIST.finditer(text) if "," in text else ():
        if _DIGITS_FULL.fullmatch(m.group()):
            continue  # "1,500,000", "12,34,567": one number
        pos = m.start()
        for part in m.group().split(","):
            yield Mention("count", pos, pos + len(part), float(part))
            pos += len(part) + 1
    for m in _SPELT_DIGITS.finditer(text) if "-" in text else ():
        pos = m.start()
        for part in m.group().split("-"):
            value = parse_number(part)
            if value is not None:
                yield Mention("count", pos, pos + len(part), value)
            pos += len(part) + 1
    if _RATIO_HINT.search(text):
        for m in RATIO.finditer(text):
            mention = _count(text, m)
            if mention is not None:
                yield mention
