"""Date mentions in text → ISO values, resolved against a publication date.

Finding a mention is done here with patterns that only match date-shaped text (a month
name, a weekday, a year after a preposition, "next week"), so a stray number never becomes
a date. Turning the mention into a date is left to dateparser, with the article's
publication date as its reference.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..records import Mention

log = logging.getLogger(__name__)

MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?|\.)?|Sept\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
_MONTHS_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: Month and weekday names in any case ("april 2017", "on monday"): used where a day or a
#: year follows, so a lower-case "may" or "march" alone is never a date.
_MONTHS_I = "(?i:" + MONTHS + ")"
_WEEKDAYS_I = "(?i:" + WEEKDAYS + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORDINAL_DAYS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
} | {"thirtieth": 30}
_ORDINAL_DAYS |= {
    f"twenty{sep}{w}": 20 + n for w, n in list(_ORDINAL_DAYS.items())[:9] for sep in ("-", " ")
}
_ORDINAL_DAYS |= {"thirty-first": 31, "thirty first": 31}
#: A day written as an ordinal word: "fourth", "twenty-first".
_DAY_WORD = (
    "(?i:"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _ORDINAL_DAYS), key=len, reverse=True))
    + ")"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_REL_UNIT = r"(?:day|week|month|year|decade|fortnight|quarter)"
#: Holidays claimcheck can date: fixed days, and Easter and its neighbours.
_HOLIDAYS = (
    r"(?i:christmas(?:\s+(?:eve|day))?|new\s+year'?s?\s+(?:day|eve)|valentine'?s\s+day|"
    r"halloween|easter(?:\s+(?:sunday|monday))?|good\s+friday|boxing\s+day|"
    r"(?:fourth|4th)\s+of\s+july|independence\s+day|labou?r\s+day|thanksgiving(?:\s+day)?|"
    r"memorial\s+day|juneteenth|(?:international\s+)?workers['’]?\s+day|"
    r"(?:saint|st\.?)\s+patrick(?:['’]s)?(?:\s+day)?|earth\s+day|black\s+friday|cyber\s+monday|"
    r"(?:martin\s+luther\s+king|mlk)(?:\s+jr\.?)?\s+day|mother['’]?s\s+day|father['’]?s\s+day|"
    r"veterans['’]?\s+day|columbus\s+day|presidents['’]?\s+day|groundhog\s+day)(?![\w'])"
)
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
#: Two month names joined by a dash, or by to/through/until after "from" or "between",
#: or followed by a year: never "May to March" alone, where May may be a name.
_MONTH_RANGE_PATTERN = (
    rf"\b(?:(?<=\bfrom\s)|(?<=\bbetween\s))(?i:{_MONTH_WORD})\s+(?:to|through|until|till|and)\s+"
    rf"(?i:{_MONTH_WORD})\b(?:,?\s+(?:in\s+|of\s+)?{_YEAR}\b)?"
    rf"|\b(?:{_MONTH_WORD})\s*[-–—]\s*(?:{_MONTH_WORD})\b(?:,?\s+{_YEAR}\b)?"
    rf"|\b(?:{_MONTH_WORD})\s+(?:to|through|until|till)\s+(?:{_MONTH_WORD}),?\s+{_YEAR}\b"
)
_NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a\s+few|several|a\s+couple\s+of)"
)

_UNIT_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TWO_DIGITS_W = rf"(?:{_TENS_W}(?:[\s-]{_UNIT_W})?|{_TEEN_W}|oh\s+{_UNIT_W})"
#: A year in words: "nineteen ninety-six", "seventeen hundred thirty three",
#: "two thousand and fifteen", "twenty twenty".
_YEAR_WORDS = (
    rf"(?i:(?:(?:seventeen|eighteen|nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?{_TWO_DIGITS_W}"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TWO_DIGITS_W}|{_UNIT_W}))?)\b)"
)
#: A day of the month as a cardinal in words: "twenty five", "thirty-one", "fifteen".
_CARD_DAY = rf"(?i:(?:twenty|thirty)[\s-]{_UNIT_W}|twenty|thirty|{_TEEN_W}|{_UNIT_W})"
_YEAR_WORDS_RE = re.compile(_YEAR_WORDS)


def _year_from_words(text: str) -> int | None:
    """'nineteen ninety six' → 1996, 'two thousand and five' → 2005."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].strip()
        rest = rest[4:] if rest.startswith("and ") else rest
        n = _count(rest) if rest else 0
        return None if n is None else 2000 + n
    head, _, rest = t.partition(" ")
    century = _count(head)
    rest = re.sub(r"^hundred\s+(?:and\s+)?", "", rest)
    rest = rest[3:] if rest.startswith("oh ") else rest
    n = _count(rest)
    if century is None or n is None or n > 99:
        return None
    return century * 100 + n


def _numbers_for_words(t: str) -> str:
    """'January twenty five nineteen eighty six' → 'January 25 1986'."""
    t = _YEAR_WORDS_RE.sub(lambda m: str(_year_from_words(m.group()) or m.group()), t)
    return re.sub(
        rf"\b{_CARD_DAY}\b",
        lambda m: str(_count(m.group()) or m.group()),
        t,
    )


#: A count of periods in words or digits: "3", "forty", "twenty-one", "a couple of".
_COUNT_WORD = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|an?|(?:a\s+)?couple(?:\s+of)?)"
)
_SPAN_UNIT = (
    r"(?:(?:business\s+|working\s+)?days?|weeks?|months?|years?|decades?|quarters?|fortnights?)"
)
_AHEAD = r"(?:next|coming|following|upcoming)"
_BEHIND = r"(?:last|past|previous|preceding)"
_WEEKDAY_ABBR = r"(?i:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
#: A period a part of it is taken from: "2021", "this year", "next month", "Jan 2015".
_WHOLE = (
    rf"(?:{_YEAR}|(?:this|next|last|the|that|the\s+following|the\s+previous)\s+(?:year|month|week)|"
    rf"{_MONTHS_I}(?:,?\s+{_YEAR})?)"
)
_ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)"
def _after(words: str) -> str:
    """A lookbehind for any of the space-separated words and one space."""
    return "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in words.split()) + ")"


#: "in two weeks": a day that far after the publication date, when the sentence speaks of
#: the future ("will leave in two weeks"), not "the first time in six years".
_IN_PERIODS = (
    rf"\bin\s+(?:{_COUNT_WORD}\s+(?:day|week|month|year)s?|a\s+fortnight)\b"
    r"(?!\s+(?:ago|later|of|time|a\s+row)\b)"
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|want|plan|plans|planned|expected|due|scheduled|would)\b",
    re.I,
)
_DAY_ANY = rf"(?:{_DAY}|{_DAY_WORD})"
_WORD_DAY_RANGE_A = (
    rf"\b(?P<ma>{_MONTHS_I})\s+(?:the\s+)?(?P<da>{_DAY_ANY})\s+(?:to|through|until|till)\s+"
    rf"(?:the\s+)?(?P<db>{_DAY_ANY})\b(?!\s*(?:%|percent|[:.,]\d|{_MONTHS_I}|of\b))"
    rf"(?:,?\s+(?P<ya>{_YEAR})\b)?"
)
_WORD_DAY_RANGE_B_BODY = (
    rf"(?:the\s+)?(?P<dc>{_DAY_ANY})\s+(?:to|through|until|till|and)\s+(?:the\s+)?"
    rf"(?P<dd>{_DAY_ANY})\s+(?:of\s+)?(?P<mb>{_MONTHS_I})\b(?:,?\s+(?P<yb>{_YEAR})\b)?"
)
_WORD_DAY_RANGE_B = r"(?:(?<=\bfrom\s)|(?<=\bbetween\s))" + _WORD_DAY_RANGE_B_BODY
_YEAR_WORDS_AFTER = _after("in of since until by from") + _YEAR_WORDS
_DAY_CONTINUES = r"(?:and|or|at|in|to|from|until|till|through|before|after|on|by|for)"
_NEW_PATTERNS: list[tuple[str, str]] = [
    # A weekday of the week a number of periods away: "Monday two weeks from now",
    # "Thursday, two years from now", "3 weeks after Christmas on Friday"
    (
        "date",
        rf"\b{_WEEKDAYS_I},?\s+{_COUNT_WORD}\s+(?:day|week|month|year)s?\s+from\s+(?:now|today)\b"
        rf"|\b{_COUNT_WORD}\s+(?:day|week|month|year)s?\s+(?:from\s+(?:now|today)|after\s+{_HOLIDAYS})"
        rf"\s+on\s+{_WEEKDAYS_I}\b",
    ),
    # Parts of a period: "the last 3 weeks of this year", "first ten days of last year"
    (
        "daterange",
        rf"\b(?:the\s+)?(?:first|last)\s+{_COUNT_WORD}\s+(?:days|weeks|months)\s+of\s+{_WHOLE}\b",
    ),
    # "the third week of 2021", "last week of Dec 2016", "the 9th month of next year"
    (
        "daterange",
        rf"\b(?:the\s+)?(?:{_ORDINAL_WORD}|\d{{1,2}}th|\d{{1,2}}st|\d{{1,2}}nd|\d{{1,2}}rd|"
        rf"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+"
        rf"(?:week|month)\s+of\s+{_WHOLE}\b",
    ),
    (
        "daterange",
        rf"\b(?i:week)\s+(?:[1-9]|[1-4]\d|5[0-3])\b"
        rf"(?:\s+of\s+(?:{_YEAR}|(?:this|next|last)\s+year)\b)?(?!\s+of\b)",
    ),
    # "the beginning of 2000", "end of the week", "middle of March", "EOY"
    (
        "daterange",
        rf"\b(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+(?:{_WHOLE}|(?:the\s+|this\s+)?(?:year|month|week))\b"
        r"|\bEO[YM]\b",
    ),
    # The week holding a day: "the week of April 10th", "w/c Feb 4"
    (
        "daterange",
        r"\b(?:(?:the\s+)?(?i:week)\s+(?:of|beginning|starting(?:\s+on)?|commencing)|w/c)\s+"
        rf"(?:the\s+{_DAY}|{_MONTHS_I}\.?\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTHS_I})"
        rf"\b(?:,?\s+{_YEAR}\b)?",
    ),
    # "earlier this month", "later in the week", "earlier previous week"
    (
        "daterange",
        r"\b(?i:earlier|later)\s+(?:in\s+the|this|previous|next|last)\s+(?:year|month|week)\b",
    ),
    # A number of periods just before or after the publication date: "last 3 months",
    # "the next two decades", "within 9 months", "5 upcoming years"
    (
        "daterange",
        rf"\b(?:within\s+(?:the\s+)?(?:{_AHEAD}\s+)?|(?:the\s+)?(?:{_AHEAD}|{_BEHIND})\s+)"
        rf"{_COUNT_WORD}\s+{_SPAN_UNIT}\b(?!\s+(?:ago|later|of)\b)",
    ),
    (
        "daterange",
        rf"\b{_COUNT_WORD}\s+(?:{_AHEAD}|{_BEHIND})\s+"
        r"(?:(?:business\s+|working\s+)?days|weeks|months|years|decades|quarters|fortnights)\b",
    ),
    # A day a number of periods from the publication date: "in two weeks", "3 weeks from now",
    # "2 weeks and 2 days ago" ("3 weeks later" counts from another event, so stays a length)
    # "2 weeks and 2 days ago"
    (
        "date",
        rf"\b{_COUNT_WORD}\s+(?:day|week|month|year|fortnight)s?"
        rf"(?:,?\s+(?:and\s+)?{_COUNT_WORD}\s+(?:day|week|month|year)s?){{0,3}}"
        r"\s+(?:ago|from\s+(?:now|today|tomorrow|tmrw)|hence)\b",
    ),
    ("date", _IN_PERIODS),
    # A weekday with a day of the month: "Friday 31", "Mon 13th", "friday 5/12"
    (
        "date",
        rf"\b(?:(?:this|next|last)\s+)?(?:{_WEEKDAYS_I}|{_WEEKDAY_ABBR}),?\s+(?:the\s+)?"
        rf"(?:(?:0?[1-9]|1[0-2])[/.-](?:[12]\d|3[01]|0?[1-9])(?:[/.-](?:{_YEAR}|\d\d))?|"
        rf"{_YEAR}-(?:0?[1-9]|1[0-2])-(?:[12]\d|3[01]|0?[1-9])|"
        # a bare number followed by a word is a count: "on Sunday 12 people died"
        rf"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|(?!\s+(?!{_DAY_CONTINUES}\b)[a-z]))|{_DAY_WORD})"
        rf"\b(?![/.:,]?\d)(?!\s*(?:{_MONTHS_I}|%|percent|[ap]\.?m\b|o'clock))",
    ),
    # A weekday of a given week: "next week Mon", "monday of the following week"
    (
        "date",
        rf"\b(?:(?:this|next|last|previous|following)\s+week\s*(?:on|-|,)?\s*(?:{_WEEKDAYS_I}|{_WEEKDAY_ABBR}\b)"
        rf"|{_WEEKDAYS_I}\s+of\s+(?:the\s+)?(?:this|next|last|previous|following)\s+week)\b",
    ),
    # Periods named without a number: "the same month", "that weekend", "the week"
    (
        "daterange",
        r"\b(?:(?:the\s+)?same|that)\s+(?:week|month|year|weekend)\b"
        + "|"
        + _after("for of in during over throughout")
        + r"(?:the|this)\s+(?:week|month|year|fortnight|weekend)\b"
        r"(?!\s+(?:before|after|of|to|beginning|starting|commencing|ending)\b|\s*[-–]\w|\s+\d)"
        r"|\b(?:this|next|last)\s+(?:working\s+week|work\s*week|calendar\s+year)\b"
        r"|\b(?:the\s+)?remain(?:der|ing)\s+of\s+the\s+(?:week|month|year)\b"
        r"|\b(?:year|month)\s+to\s+date\b",
    ),
    ("date", _after("for of") + r"the\s+day\b(?![\s-]+(?:before|after|of|to)\b)"),
    ("daterange", _after("the for on at") + r"weekend\b"),
]
_NEW_PATTERNS += [
    # Month-day ranges with no year or one year at the end: "10/1-11/7", "5/1-5/7/2020"
    (
        "daterange",
        r"(?<![\w/.,-])(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])\s*[-–]\s*"
        rf"(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])(?:/{_YEAR}|,\s*{_YEAR})?\b(?![/.,]?\d)",
    ),
    (
        "date",
        rf"(?:(?<![\w/.,-])|(?<=\d{{4}}-))(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])-{_YEAR}\b",
    ),
    # Years in words: "October two thousand and five", "13 Sept nineteen seventy two",
    # "January twenty five nineteen eighty six", "in nineteen ninety six"
    (
        "date",
        rf"\b(?:(?:{_CARD_DAY}|{_DAY})\s+{_MONTHS_I}|{_MONTHS_I}(?:\s+(?:the\s+)?"
        rf"(?:{_DAY_WORD}|{_CARD_DAY}|{_DAY}))?),?\s+{_YEAR_WORDS}",
    ),
    ("date", rf"\b{_MONTHS_I}\s+(?i:(?:twenty|thirty)[\s-]{_UNIT_W})\b"),
    ("date", _YEAR_WORDS_AFTER),
    # Days of one month with days in words: "april ninth through seventeenth",
    # "between the ninth and the seventeenth of april"
    ("daterange", _WORD_DAY_RANGE_A),
    ("daterange", _WORD_DAY_RANGE_B),
    # "the 15th day of next month", "twenty third day of September"
    (
        "date",
        rf"\b(?:the\s+)?(?:{_DAY_ANY}|(?i:twenty|thirty)[\s-]{_DAY_WORD})\s+day\s+of\s+"
        rf"(?:{_MONTHS_I}(?:,?\s+{_YEAR})?|(?:the|this|next|last)\s+month)\b",
    ),
    # Decades and centuries: "the nineties", "1990 s", "21st century"
    (
        "daterange",
        r"\b(?:the\s+)?(?:nineteen[\s-]+)?(?i:twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties)\b|\b(?:1[5-9]|20)\d0\s+s\b",
    ),
    ("daterange", r"\b(?:the\s+)?(?:[1-9]|1\d|2[01])(?:st|nd|rd|th)\s+(?i:century)\b"),
    ("daterange", r"\b(?:the\s+)?(?i:week\s+after\s+next)\b"),
    # A month and year: "12-2015", "April of 87", "2017 april"
    ("date", rf"(?<![\w/.,-])(?:0?[1-9]|1[0-2])-{_YEAR}\b(?![-/.]\d)"),
    ("date", rf"\b(?:{_DAY}\s+)?{_MONTHS_I}\s+of\s+['’]?\d\d\b(?![\d%])"),
    ("date", rf"\b{_YEAR}\s+(?!May\b|Mar(?:ch)?\b){_MONTHS_I}\b(?!\s*\d)"),  # not a name
    # A length starting on a day: "2 weeks starting May 20th", "a week starting tomorrow"
    (
        "daterange",
        rf"\b{_COUNT_WORD}\s+(?:day|week|month|year)s?,?\s+starting\s+(?:from\s+|on\s+)?"
        rf"(?:today|tomorrow|(?:next|this|coming)\s+{_WEEKDAYS_I}|{_MONTHS_I}\s+{_DAY}|{_DAY}\s+{_MONTHS_I})\b",
    ),
    # "june the 28th 2020"
    ("date", rf"\b{_MONTHS_I}\s+the\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    # "October, 1st"
    ("date", rf"\b{_MONTHS_I},\s*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"),
    # A month and day with no year: "on 11/20", "Oct/2", "22/04" after a preposition
    ("date", rf"\b{_MONTHS_I}/(?:[12]\d|3[01]|0?[1-9])\b(?![/.\-]?\d)"),
    (
        "date",
        "(?:"
        + _after("on by from to until till since before after between and or this next due")
        + r"|(?<=/\d,\s)|(?<=/\d\d,\s))"
        # not a common fraction ("by 2/3") or the name of an event ("since 9/11")
        + r"(?!(?:1/[2-8]|2/[35]|3/[458]|4/5|5/8|7/8|9/11)\b)"
        + r"(?:(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))"
        r"\b(?![/.,]?\d|\s*(?:%|of\b|cups?\b|inch|mile|pound|lb|teaspoon|tablespoon|tsp|tbsp))",
    ),
    (
        "date",
        r"(?<![\w/.,-])(?:0[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])\b(?![/.,]?\d|\s*(?:%|of\b|[a-z]))",
    ),
]

_PATTERNS: list[tuple[str, str]] = _NEW_PATTERNS + [
    # ISO and numeric dates
    ("date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    ("date", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    # Day first when the day cannot be a month (21/04/16), year first (2015/08/12, 2015.5.13)
    ("date", r"\b(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])/(?:\d{4}|\d{2})\b"),
    (
        "date",
        rf"\b{_YEAR}(?:/(?:0?[1-9]|1[0-2])/|\.(?:0?[1-9]|1[0-2])\.)(?:0?[1-9]|[12]\d|3[01])\b(?![.,]?\d)",
    ),
    # Days as ordinal words: "May twenty-first", "the fourth of July"
    ("date", rf"\b{_MONTHS_I}\s+(?:the\s+)?{_DAY_WORD}\b(?:,?\s+{_YEAR}\b)?"),
    ("date", rf"\b(?:the\s+)?{_DAY_WORD}\s+of\s+{_MONTHS_I}\b(?:,?\s+(?:of\s+)?{_YEAR}\b)?"),
    # A day of the current month: "on the 27th"
    ("date", r"(?<=\bon\s)(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s*[\w%-])"),
    ("date", r"\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.\d{4}\b"),
    # Dates with a month name and dashes or slashes: 05-Aug-2016, 2019/aug/01, Sep-23-2020
    ("date", rf"\b{_DAY}[-/]{_MONTHS_I}[-/]{_YEAR}\b"),
    ("date", rf"\b{_YEAR}[-/]{_MONTHS_I}[-/](?:[12]\d|3[01]|0?[1-9])\b"),
    ("date", rf"\b{_MONTHS_I}[-/](?:[12]\d|3[01]|0?[1-9])[-/]{_YEAR}\b"),
    # Days of one month: "April 9-17", "9 to 17 April 2025"
    (
        "daterange",
        rf"\b{_MONTHS_I}\s+{_DAY}\s*(?:[-–—]|\s(?:to|through|until|till)\s)\s*{_DAY}\b(?!\s*(?:%|percent|[:.,]\d))(?:,?\s+{_YEAR}\b)?",
    ),
    (
        "daterange",
        rf"(?<![\d.,])\b{_DAY}\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS_I}\b(?:,?\s+{_YEAR}\b)?",
    ),
    # Weekday, Month Day, Year / Month Day(, Year)
    (
        "date",
        rf"\b(?:{_WEEKDAYS_I},?\s+)?{_MONTHS_I}\s*{_DAY}(?:\s*,\s*{_YEAR}|\s+(?:of\s+)?{_YEAR})?\b(?!\s*(?:%|percent))",
    ),
    # Day Month (Year)
    (
        "date",
        rf"(?<![\d.,$€£¥])(?<![$€£¥]\s)\b(?:{_WEEKDAYS_I},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTHS_I}(?:,?\s+(?:of\s+|in\s+)?{_YEAR})?\b",
    ),
    # Month Year
    ("date", rf"\b{_MONTHS_I},?\s+(?:of\s+)?{_YEAR}\b"),
    # Holidays on a fixed day or computed from the year (Easter)
    (
        "daterange",
        rf"\b{_HOLIDAYS}(?:\s+{_YEAR})?\s+weekend\b(?:,?\s+{_YEAR}\b)?"
        rf"|\b(?:the\s+)?weekend\s+of\s+{_HOLIDAYS}"
        rf"(?:,?\s+{_YEAR}\b)?",
    ),
    ("date", rf"\b{_HOLIDAYS}(?:,?\s+(?:of\s+)?(?:{_YEAR}\b|(?:this|next|last)\s+year\b))?"),
    # Year ranges and decades
    ("daterange", rf"(?<![\d,.\-])\b{_YEAR}\s*[-–—/]\s*(?:{_YEAR}|\d\d)\b(?![-–]\d)"),
    ("daterange", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]|20)\d0s\b"),
    # Quarters: "Q3 2025", "q1 of 2017", "2019-Q1", "2017 q1", "2019-H2"
    ("daterange", rf"\b(?:[Qq][1-4]|[Hh][12])(?:\s+of|\s*-)?\s*{_YEAR}\b"),
    ("daterange", rf"\b{_YEAR}(?:\s+|\s*-\s*)(?:[Qq][1-4]|H[12])\b"),
    # Month ranges: "from March to May", "June-August 1992", "Nov-Feb 2017"
    ("daterange", _MONTH_RANGE_PATTERN),
    ("date", rf"\b{_YEAR}-[1-9]\b(?![-–/.]\d)"),
    # Part of a month: "mid-November", "early March 2026"
    ("date", rf"\b(?:early|mid|late)[\s-]+{_MONTHS_FULL}\b(?:,?\s+{_YEAR}\b)?"),
    # Month and year with a slash or a dash: "Dec/2018"
    ("date", rf"\b{_MONTHS_I}[/-]{_YEAR}\b"),
    (
        "daterange",
        rf"\b(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half)\s+of\s+"
        rf"(?:{_YEAR}|(?:the|this|next|last)\s+year)\b",
    ),
    # Relative expressions
    ("date", r"\b(?:today|yesterday|tomorrow|tmrw|tonight)\b"),
    ("date", r"\b(?:the\s+)?day\s+(?:before|after)\s+(?:yesterday|tomorrow)\b"),
    (
        "date",
        rf"\b(?:last|next|this|coming|past|previous|following)\s+(?:{_REL_UNIT}|weekend|{_WEEKDAYS_I}|{_MONTHS_FULL})\b"
        rf"|\bcurrent\s+{_REL_UNIT}\b",
    ),
    ("date", rf"\b{_NUMWORD}\s+{_REL_UNIT}s?\s+(?:ago|from\s+now|hence)\b"),
    (
        "date",
        rf"\b(?:(?:early|late|mid)[\s-]+)?{_WEEKDAYS_I}(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    # A month on its own after a preposition: "in October", "since March"
    (
        "date",
        "(?:"
        + "|".join(
            rf"(?<=\b{w}\s)"
            for w in "in since by until during from through before after late early".split()
        )
        + rf")(?:{_MONTHS_FULL}|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b\.?(?!\s+\d)",
    ),
    # A year: after a preposition or before an event noun, or "Summit 2025"
    (
        "date",
        rf"(?<![$€£¥©#\w.,+\-])(?:(?:early|late|mid)[\s-]+)?{_YEAR}(?![\d,.]\d)(?![-–/]\d)(?![\w%])(?!\s*(?:percent|per\s+cent))",
    ),
]
#: Every date starts a word, so other positions are skipped before the alternatives are tried.
#: The words the patterns of ``_NEW_PATTERNS`` can start with: a position starting with none
#: of them skips those patterns at once, which keeps scanning ordinary prose fast.
_GUARD_WEEKDAY = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?"
)
_NEW_WORDS = (
    r"couple|last|next|coming|following|upcoming|past|previous|preceding|within|week(?:end)?|"
    r"(?:beginning|start|middle|end)\s+of|eo[ym]|(?:earlier|later)\s+(?:in|this|previous|next|last)|"
    r"remain(?:ing|der)\s+of|(?:year|month)\s+to\s+date|same\s+(?:week|month|year|weekend)|"
    r"that\s+(?:week|month|year|weekend)|this\s+(?:week(?:end)?|month|year|fortnight|working|work\w*|"
    r"calendar|" + _GUARD_WEEKDAY + r")|"
    r"one|two|three|four(?:teen|th|ty|ties)?|five|fifth|six(?:teen|th|ty|ties)?|"
    r"seven(?:teen|th|ty|ties)?|eight(?:een|h|y|ies)?|nine(?:teen|ty|ties)?|ninth|ten|tenth|"
    r"eleven(?:th)?|twel(?:ve|fth)|thir(?:teen|ty|d|tieth|ties)|fif(?:teen|ty|ties)|"
    r"twent(?:y|ieth|ies)|fort(?:y|ies|night)|first|second|" + _GUARD_WEEKDAY + r"|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: A number a newer pattern can start with: a day ("15th"), a numeric date ("10/1",
#: "12-2015"), or a number before a word ("3 weeks", "13 Sept", "1990 s").
_GUARD_NUMBER = r"\d{1,4}(?:st|nd|rd|th|[/.\-]\d|,?\s+[A-Za-z])"
_NEW_FIRST_WORDS = (
    r"(?=" + _GUARD_NUMBER + r"|w/c|(?i:(?:the\s+)?(?:" + _NEW_WORDS + r")\b"
    r"|the\s+(?:\d|day\b|year\b|month\b)"
    r"|a\s+(?:couple|day|week|month|year|fortnight)\b"
    r"|in\s+(?:" + _GUARD_NUMBER + r"|a\s+(?:day|week|month|year|fortnight)\b|(?:"
    + _NEW_WORDS
    + r")\b)))"
)
_GROUPS = [f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)]
DATE_RE = re.compile(
    r"\b(?=\w)(?:"
    + _NEW_FIRST_WORDS
    + "(?:"
    + "|".join(_GROUPS[: len(_NEW_PATTERNS)])
    + ")|"
    + "|".join(_GROUPS[len(_NEW_PATTERNS) :])
    + ")"
)
#: The same alternatives in two scans, merged as one alternation would take them (the
#: earliest match, the newer patterns first at one position): one big alternation is
#: slower on prose than the two.
_NEW_RE = re.compile(
    r"\b(?=\w)" + _NEW_FIRST_WORDS + "(?:" + "|".join(_GROUPS[: len(_NEW_PATTERNS)]) + ")"
)
_OLD_RE = re.compile(r"\b(?=\w)(?:" + "|".join(_GROUPS[len(_NEW_PATTERNS) :]) + ")")


def _scan(text: str) -> Iterator[re.Match[str]]:
    """What ``DATE_RE.finditer(text)`` finds."""
    new, old = _NEW_RE.search(text), _OLD_RE.search(text)
    while new is not None or old is not None:
        if new is not None and (old is None or new.start() <= old.start()):
            m = new
        else:
            assert old is not None  # the loop runs while one of the two is found
            m = old
        yield m
        pos = m.end()
        if new is not None and new.start() < pos:
            new = _NEW_RE.search(text, pos)
        if old is not None and old.start() < pos:
            old = _OLD_RE.search(text, pos)


_RELATIVE_WORDS = re.compile(
    rf"\b(?:today|yesterday|tomorrow|tonight|last|next|this|current|coming|past|previous|following|ago|"
    rf"from now|hence|{WEEKDAYS})\b",
    re.I,
)
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b|\b(?:1[5-9]|20)\d0s\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # "date" or "daterange"
    relative: bool  # needs a reference date to resolve


_BARE_YEAR_GROUP = f"date{len(_PATTERNS) - 1}"
_IN_PERIODS_GROUP = f"date{_PATTERNS.index(('date', _IN_PERIODS))}"
_YEAR_WORDS_GROUP = f"date{_PATTERNS.index(('date', _YEAR_WORDS_AFTER))}"
#: Words before a bare year that make it a date ("in 2019", "the 2024 election").
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|through|during|before|after|of|between|and|or|"
    r"for|early|mid|late|circa|around|year|the|a|an|this|that|its|their|his|her|fiscal|spring|"
    r"summer|autumn|fall|winter|season|than|on|at|as)|[A-Z][\w.]*|[(\[,;:\-–—]|^)\s*$"
)
#: Lower-case words after a year that still read as a date ("in 2019 and", "2020 was").
_YEAR_AFTER_OK = frozenset(
    "and or to through when while as was is were will would has had have the a an after "
    "before until in on at for with by from of but that which who where than amid during "
    "compared versus vs".split()
)
_LOWER_MONTH_WORD = re.compile(r"\b(?:may|march|mar)\b")
_MOVED = re.compile(
    r"\b(?:mov|postpon|delay|reschedul|push|brought|bring|chang|shift|"
    r"advanc|switch)\w*\b",
    re.I,
)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|to|till|until|through|thru)\s*(?:the\s+)?", re.I)


def find_dates(text: str) -> list[DateMention]:
    """Date-shaped mentions in ``text``, longest first where they overlap. Two dates joined
    by "to", "through", a dash ("from 2014 to 2018", "Nov 18-Dec 19, 2015") or "between …
    and …" become one range."""
    found: list[DateMention] = []
    for m in _scan(text):
        kind = "daterange" if (m.lastgroup or "").startswith("daterange") else "date"
        span = m.group()
        start, end = m.start(), m.end()
        if m.lastgroup == _BARE_YEAR_GROUP and not _bare_year_ok(text, start, end):
            continue
        if m.lastgroup == _YEAR_WORDS_GROUP and (
            (nxt := re.match(r"\s+([a-z]+)", text[end:])) and nxt.group(1) not in _YEAR_AFTER_OK
        ):
            continue  # "in two thousand homes": a count
        if (
            m.lastgroup == _IN_PERIODS_GROUP
            and not _FUTURE_CUE.search(text[max(0, start - 80) : start])
            and not re.match(r"['’]s\s+time\b", text[end:])
        ):
            continue
        if (
            kind == "daterange"
            and (r := _YEAR_RANGE.fullmatch(span))
            and len(r.group(2)) == 2
            and int(r.group(2)) <= int(r.group(1)[2:])
        ):
            if not (1 <= int(r.group(2)) <= 12 and "-" in span and " " not in span):
                continue  # "2015-32", "2010-2015-86": not a range of years
            kind = "date"  # "2015-12": a month
        if _LOWER_MONTH_WORD.search(span) and not _HAS_YEAR.search(span):
            continue  # "the 5 may vote": a verb, not a month
        # Trim a leading "the " kept only to anchor the pattern.
        if span.lower().startswith("the "):
            start += 4
            span = span[4:]
        relative = bool(_RELATIVE_WORDS.search(span)) or not _HAS_YEAR.search(span)
        found.append(DateMention(start, end, span, kind, relative))
    return _with_now(text, _with_offsets(text, _join_ranges(text, found)))


_NOW_AFTER = re.compile(
    r"\s+(?:and|to|till|until|through)\s+(?:now|(?:the\s+)?(?:current\s+)?date)\b", re.I
)
_NOW_BEFORE = re.compile(r"\bbetween\s+now\s+and\s+$", re.I)


def _with_now(text: str, found: list[DateMention]) -> list[DateMention]:
    """'between Jan 22 and now', 'from March to date', 'between now and May 21': a range
    ending or starting at the publication date."""
    out = []
    for d in found:
        start, end = d.start, d.end
        lead = text[max(0, d.start - 9) : d.start].lower()
        if (m := _NOW_AFTER.match(text, d.end)) and re.search(r"\b(?:from|between)\s+$", lead):
            end = m.end()
        elif m := _NOW_BEFORE.search(text[max(0, d.start - 20) : d.start]):
            start = d.start - (len(text[max(0, d.start - 20) : d.start]) - m.start()) + 8
        if (start, end) != (d.start, d.end):
            d = DateMention(start, end, text[start:end], "daterange", True)
        out.append(d)
    return out


#: "three days after", "2 weeks before", "a week from" just before a date mention.
_OFFSET_BEFORE = re.compile(
    r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year|fortnight)s?\s+(?P<dir>after|before|from)\s+$",
    re.I,
)
_OFFSET = re.compile(
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year|fortnight)s?\s+(?P<dir>after|before|from)\s+(?P<rest>.+)",
    re.I,
)
_SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"a": 1, "an": 1}


def _with_offsets(text: str, found: list[DateMention]) -> list[DateMention]:
    """'3 days after January 12th', 'two weeks before Christmas' → one mention."""
    out = []
    for d in found:
        m = _OFFSET_BEFORE.search(text[max(0, d.start - 30) : d.start])
        if m and d.kind == "date":
            start = d.start - (len(text[max(0, d.start - 30) : d.start]) - m.start())
            d = DateMention(start, d.end, text[start : d.end], "date", d.relative)
        out.append(d)
    return out


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    """A four-digit number is a year after a preposition or a name ("in 2019",
    "Summit 2025"), or when no noun follows it ("deliver 2000 pieces" is a count)."""
    if _YEAR_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    nxt = re.match(r"\s+([a-z]+)", text[end:])
    return nxt is None or nxt.group(1) in _YEAR_AFTER_OK


def _join_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    out: list[DateMention] = []
    for d in found:
        if out:
            a = out[-1]
            between = text[a.end : d.start]
            lead = text[max(0, a.start - 9) : a.start].lower()
            joined: re.Match[str] | bool | None = (
                _RANGE_SEP.fullmatch(between)
                and ("-" not in between or a.kind == d.kind == "date")
                or (
                    re.fullmatch(r"\s+and\s+(?:the\s+)?", between)
                    and re.search(r"between(?:\s+the)?\s*$", lead)
                )
            )
            if (
                joined
                and re.search(r"[a-z]", between)
                and _MOVED.search(text[max(0, a.start - 60) : a.start])
            ):
                joined = False  # "moved from Monday to Tuesday": a change, not a range
            if joined and not a.text.endswith("s") and not d.text.endswith("s"):
                span = text[a.start : d.end]
                out[-1] = DateMention(a.start, d.end, span, "daterange", a.relative or d.relative)
                continue
        out.append(d)
    return out


@lru_cache(maxsize=1)
def _parser() -> object:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})


_DECADE = re.compile(r"(?:(early|mid|late)[\s-]+)?((?:1[5-9]|20)\d)0s", re.I)
_YEAR_RANGE = re.compile(rf"({_YEAR})\s*[-–—/]\s*(\d{{4}}|\d\d)")
_QUARTER = re.compile(rf"(?:[Qq]([1-4])|([Hh])([12]))\s+({_YEAR})")
_QUARTER_ANY = re.compile(
    rf"(?:([QqHh][1-4])(?:\s+of|\s*-)?\s*({_YEAR})|({_YEAR})(?:\s+|\s*-\s*)([QqHh][1-4]))"
)
_MONTH_RANGE = re.compile(
    rf"({_MONTH_WORD})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*({_MONTH_WORD})"
    rf"(?:,?\s+(?:in\s+|of\s+)?({_YEAR}))?",
    re.I,
)
#: Days of one month: "April 9-17", "9 to 17 April 2025", "April 9th through 17th".
_DAY_RANGE = re.compile(
    rf"(?:({MONTHS})\s+({_DAY})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*({_DAY})"
    rf"|({_DAY})\s*(?:[-–—]|\s(?:to|through|until|till|and)\s)\s*(?:the\s+)?({_DAY})\s+(?:of\s+)?"
    rf"({MONTHS}))(?:,?\s+({_YEAR}))?",
    re.I,
)
_QUARTER_WORDS = re.compile(
    rf"(first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(quarter|half)\s+of\s+"
    rf"({_YEAR}|(?:the|this|next|last)\s+year)",
    re.I,
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_BARE_YEAR = re.compile(rf"(?:(early|late|mid)[\s-]+)?({_YEAR})")


def resolve_date(text: str, base: date | None, prefer: str = "past") -> str:
    """ISO value of a date mention at its own granularity, or '' when it cannot be resolved.

    Args:
        text: the mention, e.g. "October 30, 2025", "Thursday", "next year", "2026-2030".
        base: the publication date that relative mentions are resolved against.
        prefer: "past", "future" or "nearest", for mentions like "Thursday" that could be
            either.

    Returns:
        "2025-10-30", "2025-10", "2025", "2025-W43", an interval "2026/2030", or "".
    """
    t = " ".join(text.split())
    if re.fullmatch(r"FY\d{4}(?:-[QH]\d)?", t):
        return t  # a fiscal period (claimcheck.values.fiscal) is kept as it is
    t = re.sub(r"\btmrw\b", "tomorrow", t, flags=re.I)
    # forms that state their date, tried in this order; one may rewrite the mention for
    # the next ("Q3 of 2025" → "Q3 2025", "March/2025" → "March 2025")
    for step in (_resolve_named, _resolve_numeric, _resolve_quarters_and_holidays):
        found, t = step(t, base, prefer)
        if found is not None:
            return found
    return _resolve_relative(text, t, base, prefer)


_Step = tuple[str | None, str]


def _resolve_named(t: str, base: date | None, prefer: str) -> _Step:
    """Weekdays, offsets, named periods, number words and periods ("Sunday, 29 December
    2024", "Thursday", "three days ago", "the past week")."""
    if m := _WEEKDAY_THEN_DATE.fullmatch(t):
        # "Sunday, 29 December 2024": the date says it all, publication date or not
        day = resolve_date(m.group(2), base, prefer)
        if day:
            return day, t
    if (m := _BARE_WEEKDAY.fullmatch(t)) and base is not None:
        return _bare_weekday(_WEEKDAY_NAMES.index(m.group(1).lower()), base, prefer), t
    if (m := _WEEKDAY_OF_SHIFT.fullmatch(t)) and base is not None:
        wd = _weekday_number(m.group(1) or m.group(4))
        day = resolve_date(m.group(2) or m.group(3), base, prefer)
        if wd is not None and len(day) == 10:
            return (_monday(date.fromisoformat(day)) + timedelta(days=wd)).isoformat(), t
    if m := _OFFSET.fullmatch(t):
        return _offset(m, base, prefer), t
    if (r := _resolve_named_period(t, base, prefer)) is not None:
        return r, t
    if _YEAR_WORDS_RE.search(t) or re.search(rf"\b{_CARD_DAY}$", t):
        words = _numbers_for_words(t)
        if words != t:
            return resolve_date(words, base, prefer), t
    if not _DECADE.fullmatch(t) and (r := _resolve_period(t, base, prefer)) is not None:
        return r, t
    if m := re.fullmatch(r"(0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])[/.-](0?[1-9]|[12]\d|3[01])", t):
        a, b = int(m.group(1)), int(m.group(2))
        return _month_day(a, b, base, prefer) if a <= 12 else (
            _month_day(b, a, base, prefer) if b <= 12 else ""), t
    if m := re.fullmatch(rf"({MONTHS})/(0?[1-9]|[12]\d|3[01])", t, re.I):
        return _month_day(_month_number(m.group(1)), int(m.group(2)), base, prefer), t
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d\d)", t):
        a, b, yy = int(m.group(1)), int(m.group(2)), int(m.group(3))
        mo, dom = (a, b) if a <= 12 else (b, a)
        return _month_day(mo, dom, base, prefer, _two_digit_year(yy, base)), t
    return None, t


def _resolve_numeric(t: str, base: date | None, prefer: str) -> _Step:
    """Numeric and ranged forms: "10/30", "Oct/30", "10/30/25", "Thursday the 30th",
    "March-May 2025", "28-30 July", "2015-12", "2026-30", "the late 1990s"."""
    if (
        (m := _WEEKDAY_DAY_RE.fullmatch(t))
        and (wd := _weekday_number(m.group(1))) is not None
        and (r := _weekday_with_day(wd, m.group(2), base, prefer)) is not None
    ):
        return r, t
    if (m := _QUARTER_ANY.fullmatch(t)) and not _QUARTER.fullmatch(t):
        t = f"{(m.group(1) or m.group(4)).upper()} {m.group(2) or m.group(3)}"
    if m := _MONTH_RANGE.fullmatch(t):
        return _month_range(m.group(1), m.group(2), m.group(3), base, prefer), t
    if r := _word_day_range(t, base, prefer):
        return r, t
    if m := _DAY_RANGE.fullmatch(t):
        month = m.group(1) or m.group(6)
        d1, d2 = (m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5))
        year = f" {m.group(7)}" if m.group(7) else ""
        start_iso = resolve_date(f"{month} {d1}{year}", base, prefer)
        end_iso = resolve_date(f"{month} {d2}{year}", base, prefer)
        return f"{start_iso}/{end_iso}" if start_iso and end_iso and start_iso < end_iso else "", t
    if m := re.fullmatch(rf"({_YEAR})-(0?[1-9]|1[0-2])", t):
        if len(m.group(2)) == 1 or int(m.group(2)) <= int(m.group(1)[2:]):
            return f"{m.group(1)}-{int(m.group(2)):02d}", t  # "2015-12", "2015-3": a month
    if m := re.fullmatch(rf"({MONTHS})[/-]({_YEAR})", t, re.I):
        t = f"{m.group(1)} {m.group(2)}"
    if m := _YEAR_RANGE.fullmatch(t):
        y1, y2 = m.group(1), m.group(2)
        if len(y2) == 2:
            y2 = y1[:2] + y2
        return f"{y1}/{y2}" if int(y2) > int(y1) else "", t
    if m := _DECADE.fullmatch(t):
        start = int(m.group(2)) * 10
        part = (m.group(1) or "").lower()
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
        return f"{start + lo}/{start + hi}", t
    return None, t


def _resolve_quarters_and_holidays(t: str, base: date | None, prefer: str) -> _Step:
    """Quarters and halves, bare years, ranges, holidays and holiday weekends."""
    if m := _QUARTER.fullmatch(t):
        year = m.group(4)
        if m.group(1):
            q = int(m.group(1))
            return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}", t
        h = int(m.group(3))
        return f"{year}-{6 * h - 5:02d}/{year}-{6 * h:02d}", t
    if m := _QUARTER_WORDS.fullmatch(t):
        n = _ORDINALS[m.group(1).lower()]
        year = m.group(3)
        if not year[:1].isdigit():
            year = _whole(year, base, prefer)
            if not year:
                return "", t
        if m.group(2).lower() == "half":
            n = min(n, 2)
            return f"{year}-{6 * n - 5:02d}/{year}-{6 * n:02d}", t
        return f"{year}-{3 * n - 2:02d}/{year}-{3 * n:02d}", t
    if m := _BARE_YEAR.fullmatch(t):
        return m.group(2), t
    if (r := _range(t, base, prefer)) is not None:
        return r, t
    if m := _HOLIDAY_RE.fullmatch(t):
        return _holiday(m.group(1), m.group(2), base, prefer), t
    if m := _HOLIDAY_WEEKEND_RE.fullmatch(t):
        year = m.group(2) or m.group(3) or m.group(5)
        day = _holiday(m.group(1) or m.group(4), year, base, prefer)
        if not day:
            return "", t
        when = date.fromisoformat(day)
        # the weekend nearest the holiday, with the holiday itself
        sat = when + timedelta(days=(5 - when.weekday()) % 7)
        if (sat - when).days > 3:
            sat -= timedelta(days=7)
        return _days(min(when, sat), max(when, sat + timedelta(days=1))), t
    return None, t


def _resolve_relative(text: str, t: str, base: date | None, prefer: str) -> str:
    """Relative forms read against the publication date ("next week", "the 14th",
    "Tuesday" in either direction), and whatever is left for dateparser."""
    relative = bool(_RELATIVE_WORDS.search(t)) or not _HAS_YEAR.search(t)
    if relative and base is None:
        return ""
    if m := _REL_WEEKDAY.fullmatch(t):
        return _relative_weekday(m.group(1).lower(), m.group(2), base)
    if base is not None and (m := re.fullmatch(rf"this\s+({_MONTHS_FULL})", t, re.I)):
        return f"{base.year:04d}-{_month_number(m.group(1)):02d}"
    cleaned = re.sub(r"^(?:early|late|mid)[\s-]+", "", t, flags=re.I)
    cleaned = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", cleaned, flags=re.I)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = _DAY_WORD_RE.sub(
        lambda w: str(_ORDINAL_DAYS[" ".join(w.group().lower().split())]), cleaned
    )
    if base is not None and (m := re.fullmatch(r"(\d{1,2})", cleaned)):
        return _day_of_month(int(m.group(1)), base, prefer)
    cleaned = re.sub(r"\bthe\s+", "", cleaned, flags=re.I)
    cleaned = re.sub(r"\bof\s+", "", cleaned, flags=re.I)
    if re.fullmatch(r"tonight", cleaned, re.I):
        cleaned = "today"
    cleaned = re.sub(r"\btmrw\b", "tomorrow", cleaned, flags=re.I)
    if m := re.fullmatch(
        r"(last|next|this|current|coming|past|previous|following)\s+"
        r"(week|month|year|quarter|weekend|decade|fortnight)",
        cleaned,
        re.I,
    ):
        return _relative_period(m.group(1).lower(), m.group(2).lower(), base)
    if base is not None and not _HAS_YEAR.search(cleaned) and prefer == "nearest":
        # A weekday or a month-day with no year: the occurrence nearest the publication
        # date, in either direction.
        past = resolve_date(text, base, "past")
        future = resolve_date(text, base, "future")
        if len(past) == 10 and len(future) == 10:
            dp, df = date.fromisoformat(past), date.fromisoformat(future)
            return past if (base - dp) <= (df - base) else future
        return past
    return _parsed_date(cleaned, base, prefer)


def _parsed_date(cleaned: str, base: date | None, prefer: str) -> str:
    """dateparser's reading of a mention no pattern here resolved, at its granularity."""
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if prefer == "future" else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings=settings)
    try:
        data = parser.get_date_data(cleaned)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", cleaned, exc_info=True)
        return ""
    when = data.date_obj
    if when is None:
        return ""
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        iso = when.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    day_iso: str = when.date().isoformat()  # dateparser is untyped: its date_obj is a datetime
    return day_iso


_HOLIDAY_RE = re.compile(
    rf"({_HOLIDAYS})(?:,?\s+(?:of\s+)?({_YEAR}|(?:this|next|last)\s+year))?", re.I
)
_HOLIDAY_WEEKEND_RE = re.compile(
    rf"({_HOLIDAYS})(?:\s+({_YEAR}))?\s+weekend(?:,?\s+({_YEAR}))?"
    rf"|(?:the\s+)?weekend\s+of\s+({_HOLIDAYS})"
    rf"(?:,?\s+({_YEAR}))?",
    re.I,
)
#: Holidays on the n-th (-1: last) weekday of a month: (month, weekday, n).
_NTH_WEEKDAY_HOLIDAYS = {
    "labor day": (9, 0, 1),
    "thanksgiving": (11, 3, 4),
    "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3),
    "mother's day": (5, 6, 2),
    "father's day": (6, 6, 3),
    "columbus day": (10, 0, 2),
    "presidents day": (2, 0, 3),
}
#: Days after Thanksgiving.
_AFTER_THANKSGIVING = {"black friday": 1, "cyber monday": 4}


def _holiday_key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split())
    key = re.sub(r"^(?:st\.?|saint) patrick(?:'s)?(?: day)?$", "saint patrick's day", key)
    key = re.sub(r"^(?:international )?workers'? day$", "workers' day", key)
    key = re.sub(r"^(?:martin luther king|mlk)(?: jr\.?)? day$", "martin luther king day", key)
    key = re.sub(r"^(mother|father)'?s day$", r"\1's day", key)
    key = re.sub(r"^(veteran|president)s'? day$", r"\1s day", key)
    return {"labour day": "labor day", "thanksgiving day": "thanksgiving"}.get(key, key)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _month_days(year, month))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


#: Holiday → (month, day), or days after Easter Sunday.
_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new years day": (1, 1),
    "new year day": (1, 1),
    "new year's eve": (12, 31),
    "new years eve": (12, 31),
    "new year eve": (12, 31),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
    "halloween": (10, 31),
    "boxing day": (12, 26),
    "fourth of july": (7, 4),
    "4th of july": (7, 4),
    "independence day": (7, 4),
    "juneteenth": (6, 19),
    "workers' day": (5, 1),
    "saint patrick's day": (3, 17),
    "earth day": (4, 22),
    "veterans day": (11, 11),
    "groundhog day": (2, 2),
}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
_REL_WEEKDAY = re.compile(
    rf"(?:this\s+)?(last|past|previous|next|coming|following)\s+({WEEKDAYS})", re.I
)
_RANGE_SPLIT = re.compile(
    r"(?:between\s+)?(?P<a>.+?)\s*(?:–|—|~|\s-\s|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b|"
    r"\band\b|-(?=[A-Za-z])|(?<=\d{4})-(?=\d{1,2}/)|(?<=\d{4})-(?=\d{1,2}-\d{1,2}-\d{4}$)|"
    r"(?<=\d)-(?=\d{1,2}/))\s*(?P<b>.+)",
    re.I,
)
#: The same, split at a word or a spaced dash first ("2019-aug-01 to today").
_RANGE_SPLIT_WORDS = re.compile(
    r"(?:between\s+)?(?P<a>.+?)\s*(?:–|—|\s-\s|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b|"
    r"\band\b)\s*(?P<b>.+)",
    re.I,
)


_DAY_WORD_RE = re.compile(rf"\b{_DAY_WORD}\b")


def _day_of_month(day: int, base: date, prefer: str) -> str:
    """'on the 27th': that day of the publication month, or of the month before (past) or
    after (future) when the day is on the other side of the publication date."""
    y, mth = base.year, base.month
    if prefer == "past" and day > base.day:
        y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
    elif prefer == "future" and day < base.day:
        y, mth = (y, mth + 1) if mth < 12 else (y + 1, 1)
    try:
        return date(y, mth, day).isoformat()
    except ValueError:
        return ""


def _offset(m: re.Match[str], base: date | None, prefer: str) -> str:
    """The day a number of days, weeks, months or years after or before a date."""
    inner = resolve_date(m.group("rest"), base, prefer)
    if len(inner) != 10:
        return ""  # only an exact day can be moved by days
    n = _SMALL_NUMBERS.get(m.group("n").lower())
    n = int(m.group("n")) if n is None else n
    if m.group("dir").lower() == "before":
        n = -n
    day = date.fromisoformat(inner)
    unit = m.group("unit").lower()
    if unit in {"day", "week", "fortnight"}:
        return (day + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])).isoformat()
    months = n * (12 if unit == "year" else 1)
    y, mo = divmod(day.month - 1 + months, 12)
    try:
        return date(day.year + y, mo + 1, day.day).isoformat()
    except ValueError:
        return ""


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def _month_range(a: str, b: str, year: str | None, base: date | None, prefer: str) -> str:
    """'June-August 1992' → '1992-06/1992-08'; 'Nov-Feb 2017' → '2016-11/2017-02'."""
    ma, mb = _month_number(a), _month_number(b)
    if year:
        end_year = int(year)
    elif base is not None:
        end_year = base.year
        if prefer == "past" and mb > base.month and ma > base.month:
            end_year -= 1
    else:
        return ""
    start_year = end_year - 1 if ma > mb else end_year
    return f"{start_year:04d}-{ma:02d}/{end_year:04d}-{mb:02d}"


def _range(t: str, base: date | None, prefer: str) -> str | None:
    """'2014 to 2018' → '2014/2018'; 'Nov 18-Dec 19, 2015' → '2015-11-18/2015-12-19';
    'between Jan 22 and now'; '10/1-11/7'. None when ``t`` is not two dates joined."""
    md = r"(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])"
    t = re.sub(rf"^({md})\s*-\s*({md}),\s*({_YEAR})$", r"\1/\3-\2/\3", t)  # "5/1-5/7, 2020"
    m = _RANGE_SPLIT_WORDS.fullmatch(t) or _RANGE_SPLIT.fullmatch(t)
    if not m:
        return None
    a, b = m.group("a").strip(" ,"), m.group("b").strip(" ,")
    ok_a, ok_b = (
        bool(
            DATE_RE.fullmatch(x)
            or _MONTH_DAY.fullmatch(x)
            or _NOW.fullmatch(x)
            or re.fullmatch(_MONTHS_FULL, x, re.I)
        )
        for x in (a, b)
    )
    if not (ok_a and ok_b) or (_NOW.fullmatch(a) and _NOW.fullmatch(b)):
        return None
    year_b = _HAS_YEAR.search(b)
    if (
        year_b
        and not _HAS_YEAR.search(a)
        and not _YEAR_ONLY.fullmatch(b)
        and not _NOW.fullmatch(a)
        and not re.match(r"(?:this|next|last|coming|past|previous)\b", a, re.I)
    ):
        # the year of the end applies to the start
        a = f"{a}/{year_b.group()}" if _MONTH_DAY.fullmatch(a) else f"{a} {year_b.group()}"
    if _NOW.fullmatch(b):
        prefer = "past"
    elif _NOW.fullmatch(a):
        prefer = "future"
    va, vb = (
        (base.isoformat() if base else "") if _NOW.fullmatch(x) else resolve_date(x, base, prefer)
        for x in (a, b)
    )
    if not va or not vb:
        return ""
    va, vb = va.split("/")[0], vb.split("/")[-1]  # "from 2007 to the end of 2008"
    if len(va) == 10 and (wd := _weekday_number(b)) is not None and b.isalpha():
        # "from next Monday to Friday": the first such weekday from the start on
        start = date.fromisoformat(va)
        vb = (start + timedelta(days=(wd - start.weekday()) % 7)).isoformat()
    if (
        base is not None
        and not _HAS_YEAR.search(t)
        and len(va) == len(vb) == 10
        and (va[:4] != vb[:4] or va[:4] != f"{base.year:04d}")
    ):
        # a range with no year that holds the publication date is read in its year
        ya, yb = f"{base.year:04d}{va[4:]}", f"{base.year:04d}{vb[4:]}"
        if _valid_iso(ya) and _valid_iso(yb) and ya <= base.isoformat() <= yb:
            va, vb = ya, yb
    if va > vb and not _HAS_YEAR.search(b) and re.match(r"\d{4}-\d\d", vb):
        # "10/1-11/7" read in the past: the end is in the year the start is in, or after
        later = f"{int(vb[:4]) + 1:04d}{vb[4:]}"
        vb = later if _valid_iso(later) else vb
    return f"{va}/{vb}" if va <= vb else ""


def _valid_iso(value: str) -> bool:
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


#: A month and day with no year, written with a slash: "10/1", "2/29".
_MONTH_DAY = re.compile(r"(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])")
#: The publication date as the end of a range: "between Jan 22 and now", "March to date".
_NOW = re.compile(r"now|today|(?:the\s+)?(?:current\s+)?date", re.I)
_YEAR_ONLY = re.compile(_YEAR)


def _holiday(name: str, year_text: str | None, base: date | None, prefer: str) -> str:
    key = _holiday_key(name)

    def on(year: int) -> date:
        if key in _EASTER_OFFSETS:
            from dateutil.easter import easter

            sunday: date = easter(year)  # dateutil ships no type information
            return sunday + timedelta(days=_EASTER_OFFSETS[key])
        if key in _NTH_WEEKDAY_HOLIDAYS:
            return _nth_weekday(year, *_NTH_WEEKDAY_HOLIDAYS[key])
        if key in _AFTER_THANKSGIVING:
            return on_thanksgiving(year) + timedelta(days=_AFTER_THANKSGIVING[key])
        month, day = _FIXED_HOLIDAYS[key]
        return date(year, month, day)

    def on_thanksgiving(year: int) -> date:
        return _nth_weekday(year, *_NTH_WEEKDAY_HOLIDAYS["thanksgiving"])

    known = (_FIXED_HOLIDAYS, _EASTER_OFFSETS, _NTH_WEEKDAY_HOLIDAYS, _AFTER_THANKSGIVING)
    if not any(key in table for table in known):
        return ""
    if year_text and year_text[:1].isdigit():
        return on(int(year_text)).isoformat()
    if base is None:
        return ""
    if year_text:  # "this year", "next year", "last year"
        step = {"this": 0, "next": 1, "last": -1}[year_text.split()[0].lower()]
        return on(base.year + step).isoformat()
    when = on(base.year)
    if prefer == "past" and when > base:
        when = on(base.year - 1)
    elif prefer == "future" and when < base:
        when = on(base.year + 1)
    return when.isoformat()


def _relative_weekday(which: str, name: str, base: date | None) -> str:
    """'last Wednesday' → the Wednesday of the week before ``base``'s, 'next Friday' → the
    Friday of the week after (weeks starting on Sunday, so on a Thursday 'next Friday' is
    eight days ahead and on a Sunday 'previous Monday' six days back); 'coming Friday' →
    the first Friday after ``base``, 'past Friday' the latest before it."""
    if base is None:
        return ""
    target = _WEEKDAY_NAMES.index(name.lower())
    if which == "past":  # "this past Wednesday": the latest one
        back = (base.weekday() - target) % 7 or 7
        return (base - timedelta(days=back)).isoformat()
    if which == "coming":
        ahead = (target - base.weekday()) % 7 or 7
        return (base + timedelta(days=ahead)).isoformat()
    sunday = base - timedelta(days=(base.weekday() + 1) % 7)
    step = -7 if which in {"last", "past", "previous"} else 7
    return (sunday + timedelta(days=step + (target + 1) % 7)).isoformat()


_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_BARE_WEEKDAY = re.compile(r"(?:on\s+)?(" + "|".join(_WEEKDAY_NAMES)
                           + r")(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_WEEKDAY_THEN_DATE = re.compile(
    r"(?:on\s+)?(" + "|".join(_WEEKDAY_NAMES) + r"),?\s+(?:the\s+)?(.*\b(?:1[89]|20)\d\d)", re.I)


def _bare_weekday(target: int, base: date, prefer: str) -> str:
    """"On Tuesday" in a story published on a Tuesday is that day (news speaks of the day
    itself, not of a week before); otherwise the latest such day before the publication
    date, or with ``prefer="future"`` the first after it, or the nearer of the two."""
    if target == base.weekday():
        return base.isoformat()
    back = base - timedelta(days=(base.weekday() - target) % 7)
    ahead = base + timedelta(days=(target - base.weekday()) % 7)
    if prefer == "future":
        return ahead.isoformat()
    if prefer == "nearest" and (ahead - base) < (base - back):
        return ahead.isoformat()
    return back.isoformat()


def _relative_period(which: str, unit: str, base: date | None) -> str:
    if base is None:
        return ""
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "this": 0,
        "current": 0,
    }[which]
    if unit == "year":
        return f"{base.year + step:04d}"
    if unit == "decade":
        start = (base.year // 10 + step) * 10
        return f"{start}/{start + 9}"
    if unit == "month":
        m = base.month - 1 + step
        return f"{base.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "quarter":
        q = (base.month - 1) // 3 + step
        year, q = base.year + q // 4, q % 4 + 1
        return f"{year:04d}-{3 * q - 2:02d}/{year:04d}-{3 * q:02d}"
    if unit == "weekend":
        # the Saturday and Sunday of that week
        sat = base + timedelta(days=(5 - base.weekday()) + 7 * step)
        return _days(sat, sat + timedelta(days=1))
    if unit == "fortnight":
        # the two weeks after the current one, or the two before it
        mon = _monday(base) + timedelta(days=14 * step)
        return _days(mon, mon + timedelta(days=13))
    iso = (base + timedelta(weeks=step)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


# ------------------------------------------------------------------ periods around a date

_UNITS_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS_WORDS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}


def _count(text: str) -> int | None:
    """'3' → 3, 'forty' → 40, 'twenty-one' → 21, 'a' → 1, 'a couple of' → 2."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.isdigit():
        return int(t)
    if t in {"a", "an"}:
        return 1
    if "couple" in t:
        return 2
    words = t.split()
    total = 0
    for w in words:
        if w in _TENS_WORDS:
            total += _TENS_WORDS[w]
        elif w in _UNITS_WORDS:
            total += _UNITS_WORDS[w]
        else:
            return None
    return total


def _add(day: date, n: int, unit: str) -> date:
    """``day`` moved by ``n`` days, weeks, fortnights, months, years or decades (a day past
    the end of a shorter month becomes its last day)."""
    if unit in {"day", "week", "fortnight"}:
        return day + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    y, mo = divmod(day.month - 1 + months, 12)
    y += day.year
    last = (date(y + (mo + 1) // 12, (mo + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, mo + 1, min(day.day, last))


def _days(a: date, b: date) -> str:
    """An inclusive range of days."""
    return f"{a.isoformat()}/{b.isoformat()}"


def _business_days(base: date, n: int, step: int) -> str:
    out: list[date] = []
    d = base
    while len(out) < n:
        d += timedelta(days=step)
        if d.weekday() < 5:
            out.append(d)
    return _days(min(out), max(out))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _span_around(which: str, n: int, unit: str, base: date) -> str:
    """'last 3 months' → the three months up to the day before ``base``; 'next 2 quarters'
    → the two whole quarters after the current one; 'within 9 months' → from ``base``."""
    back = which in {"last", "past", "previous", "preceding"}
    if unit == "quarter":
        q0 = (base.year * 4 + (base.month - 1) // 3) + (-n if back else 1)
        q1 = q0 + n - 1
        return f"{q0 // 4:04d}-{q0 % 4 * 3 + 1:02d}/{q1 // 4:04d}-{q1 % 4 * 3 + 3:02d}"
    if unit == "decade":
        d0 = base.year // 10 + (-n if back else 1)
        return f"{d0 * 10}/{(d0 + n) * 10 - 1}"
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if which == "within":
        return _days(base, _add(base, n, unit) - timedelta(days=1))
    if back:
        return _days(_add(base, -n, unit), base - timedelta(days=1))
    return _days(base + timedelta(days=1), _add(base, n, unit))


_SPAN_RE = re.compile(
    rf"(?:(within)\s+(?:the\s+)?(?:{_AHEAD}\s+)?|(?:the\s+)?({_AHEAD}|{_BEHIND})\s+)"
    rf"({_COUNT_WORD})\s+((?:business\s+|working\s+)?\w+?)s?"
    rf"|({_COUNT_WORD})\s+({_AHEAD}|{_BEHIND})\s+(\w+?)s?",
    re.I,
)
_SHIFT_RE = re.compile(
    rf"(?:in\s+)?((?:{_COUNT_WORD}\s+(?:day|week|month|year|fortnight)s?(?:,?\s+(?:and\s+)?)?)+)"
    r"\s*(ago|from\s+(?:now|today|tomorrow|tmrw)|hence|)",
    re.I,
)
_SHIFT_PART = re.compile(rf"({_COUNT_WORD})\s+(day|week|month|year|fortnight)s?", re.I)


def _shift(m: re.Match[str], base: date) -> str:
    """'2 weeks and 2 days ago', 'in two months', 'three weeks from tomorrow'."""
    sign = -1 if m.group(2).lower() == "ago" else 1
    day = base + timedelta(days=1) if m.group(2).lower().endswith(("tomorrow", "tmrw")) else base
    for part in _SHIFT_PART.finditer(m.group(1)):
        n = _count(part.group(1))
        if n is None:
            return ""
        day = _add(day, sign * n, part.group(2).lower())
    return day.isoformat()


def _month_days(y: int, mo: int) -> int:
    return (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day


def _month_week_monday(y: int, mo: int, which: int) -> date:
    """Monday of the ``which``-th week of a month (-1: the last), weeks belonging to the
    month that holds their Thursday, as ISO weeks belong to years."""
    first = date(y, mo, 1)
    mon = _monday(first)
    if (mon + timedelta(days=3)).month != mo:
        mon += timedelta(days=7)
    if which > 0:
        return mon + timedelta(days=7 * (which - 1))
    last = date(y, mo, _month_days(y, mo))
    mon = _monday(last)
    if (mon + timedelta(days=3)).month != mo:
        mon -= timedelta(days=7)
    return mon


def _iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


_ORDINAL_NUMBERS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1,
}


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if w in _ORDINAL_NUMBERS:
        return _ORDINAL_NUMBERS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    return int(m.group(1)) if m else None


def _whole(text: str, base: date | None, prefer: str) -> str:
    """The period a part is taken from, as 'YYYY', 'YYYY-MM' or 'YYYY-Www'."""
    t = " ".join(text.split())
    if m := re.fullmatch(
        r"(?:the\s+)?(this|next|last|that|following|previous)\s+(year|month|week)", t, re.I
    ):
        which = m.group(1).lower()
        which = {"that": "this", "following": "next"}.get(which, which)
        return _relative_period(which, m.group(2).lower(), base)
    if re.fullmatch(r"(?:the\s+)?(?:year|month|week)", t, re.I):
        return _relative_period("this", t.split()[-1].lower(), base)
    value = resolve_date(t, base, prefer)
    return value if re.fullmatch(r"\d{4}(?:-\d\d|-W\d\d)?", value) else ""


def _bounds(period: str) -> tuple[date, date]:
    """First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-Www'."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", period):
        mon = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return mon, mon + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", period):
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, _month_days(y, mo))
    y = int(period)
    return date(y, 1, 1), date(y, 12, 31)


def _part(which: str, period: str, base: date | None, relative: bool) -> str:
    """'beginning', 'middle' or 'end' of a period, or what is 'earlier' or 'later' in it
    than ``base``. A year written out splits in thirds (Jan-Apr, May-Aug, Sep-Dec); the
    current year, a month and a week split in halves (a week's first half is Mon-Wed)."""
    a, b = _bounds(period)
    if len(period) == 4 and not relative:
        y = a.year
        third = {"start": (1, 4), "earlier": (1, 4), "mid": (5, 8)}.get(which, (9, 12))
        return f"{y:04d}-{third[0]:02d}/{y:04d}-{third[1]:02d}"
    if len(period) == 4:
        mid = date(a.year, 7, 1)
    elif "W" in period:
        mid = a + timedelta(days=3)
    else:
        mid = date(a.year, a.month, 16)
    if which == "mid":
        if "W" in period or len(period) == 4:
            return _days(a + (mid - a) // 2, mid + (b - mid) // 2)
        return _days(date(a.year, a.month, 10), date(a.year, a.month, 20))
    if which in {"start", "earlier"}:
        end = mid - timedelta(days=1)
        if which == "earlier" and base is not None and a < base <= end:
            end = base - timedelta(days=1)
        return _days(a, end)
    start = mid
    if which == "later" and base is not None and mid < base <= b:
        start = base
    return _days(start, b)


_PART_RE = re.compile(
    r"(?:the\s+)?(beginning|start|middle|end)\s+of\s+(.+)|(earlier|later)\s+(?:in\s+)?(.+)"
    r"|(early|mid|late)[\s-]+(.+)",
    re.I,
)
_PART_WORDS = {
    "beginning": "start", "start": "start", "early": "start", "earlier": "earlier",
    "middle": "mid", "mid": "mid", "end": "end", "late": "end", "later": "later",
}
_OF_PERIOD_RE = re.compile(
    rf"(?:the\s+)?(first|last)\s+({_COUNT_WORD})\s+(day|week|month)s\s+of\s+(.+)"
    rf"|(?:the\s+)?(\w+)\s+(week|month)\s+of\s+(.+)"
    rf"|week\s+(\d{{1,2}})(?:\s+of\s+(.+))?",
    re.I,
)
_WEEKDAY_DAY_RE = re.compile(
    r"(?:(?:this|next|last)\s+)?(\w+)\.?,?\s+(?:the\s+)?(.+)",
    re.I,
)
_WEEK_WEEKDAY_RE = re.compile(
    r"(this|next|last|previous|following)\s+week\s*(?:on|-|,)?\s*(\w+)"
    r"|(\w+)\s+of\s+(?:the\s+)?(this|next|last|previous|following)\s+week",
    re.I,
)


def _weekday_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    for i, name in enumerate(_WEEKDAY_NAMES):
        if len(w) >= 3 and name.startswith(w):
            return i
    return None


def _weekday_and_day(wd: int, day: int, base: date, prefer: str) -> str:
    """The date nearest ``base`` (or before it, or after it) whose day of the month is
    ``day`` and which falls on weekday ``wd``: 'Friday 31'."""
    found: list[date] = []
    for k in range(-28, 29):
        y, mo = divmod(base.year * 12 + base.month - 1 + k, 12)
        if day <= _month_days(y, mo + 1) and date(y, mo + 1, day).weekday() == wd:
            found.append(date(y, mo + 1, day))
    if prefer == "past":
        found = [d for d in found if d <= base] or found
    elif prefer == "future":
        found = [d for d in found if d >= base] or found
    if not found:
        return ""
    return min(found, key=lambda d: (abs((d - base).days), d > base)).isoformat()


def period_count(text: str) -> tuple[int, int, float, str] | None:
    """Where the length sits in a span of periods ("next five years" → the offsets of
    "five years", 5, "year"), so a span that cannot be dated can still be a duration."""
    m = _SPAN_RE.fullmatch(text)
    if not m or (n := _count(m.group(3) or m.group(5))) is None:
        return None
    unit = (m.group(4) or m.group(7)).lower()
    if unit not in {"day", "week", "month", "year", "decade", "quarter", "fortnight"}:
        return None
    if unit == "quarter":
        n, unit = 3 * n, "month"
    if m.group(3):
        return m.start(3), m.end(), float(n), unit
    return m.start(5), m.end(), float(n), unit


_DECADE_WORDS = re.compile(
    r"(?:the\s+)?(?:nineteen[\s-]+)?((?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)"
    r"|(\d{3})0\s+s"
)


def _resolve_period(t: str, base: date | None, prefer: str) -> str | None:
    """Periods counted from the publication date and parts of periods; None when ``t``
    has none of those shapes."""
    low = t.lower()
    if m := _SPAN_RE.fullmatch(t):
        return _span(m, base, prefer)
    if (m := _SHIFT_RE.fullmatch(t)) and (m.group(2) or low.startswith("in ")):
        return _shift(m, base) if base is not None else ""
    if re.fullmatch(r"in\s+(?:a|one)\s+fortnight", low):
        return (base + timedelta(days=14)).isoformat() if base is not None else ""
    if m := _PART_RE.fullmatch(t):
        which = _PART_WORDS[(m.group(1) or m.group(3) or m.group(5)).lower()]
        rest = m.group(2) or m.group(4) or m.group(6)
        rest = re.sub(r"^(?:the|this)\s+(?=(?:year|month|week)$)", "this ", rest, flags=re.I)
        period = _whole(rest, base, prefer)
        if not period:
            return None
        return _part(which, period, base, relative=not _HAS_YEAR.search(rest))
    if low in {"eoy", "eom"}:
        return _resolve_period("end of this " + ("year" if low == "eoy" else "month"), base, prefer)
    if m := _OF_PERIOD_RE.fullmatch(t):
        return _of_period(m, base, prefer)
    return _resolve_period_words(t, low, base, prefer)


def _span(m: re.Match[str], base: date | None, prefer: str) -> str:
    """"the past three days", "over the next two weeks", "the last 5 business days"."""
    if base is None:
        return ""
    which = (m.group(1) or m.group(2) or m.group(6)).lower()
    n = _count(m.group(3) or m.group(5))
    unit = (m.group(4) or m.group(7)).lower()
    if n is None:
        return ""
    if prefer == "past" and which not in {"last", "past", "previous", "preceding"}:
        return ""  # "over the next three days" in a story told in the past: from when?
    if unit.startswith(("business", "working")):
        back = which in {"last", "past", "previous", "preceding"}
        return _business_days(base, n, -1 if back else 1)
    if unit not in {"day", "week", "month", "year", "decade", "quarter", "fortnight"}:
        return ""
    return _span_around(which, n, unit, base)


def _of_period(m: re.Match[str], base: date | None, prefer: str) -> str:
    """"the first two weeks of 2025", "week 32 of 2025", "the second month of the year"."""
    if m.group(1):
        n = _count(m.group(2))
        period = _whole(m.group(4), base, prefer)
        if n is None or not period:
            return ""
        a, b = _bounds(period)
        unit = m.group(3).lower()
        if unit == "week" and len(period) == 4:
            w1 = date.fromisocalendar(a.year, 1, 1)
            last = date.fromisocalendar(a.year, date(a.year, 12, 28).isocalendar()[1], 1)
            if m.group(1).lower() == "first":
                return _days(w1, w1 + timedelta(days=7 * n - 1))
            return _days(last - timedelta(days=7 * (n - 1)), last + timedelta(days=6))
        if m.group(1).lower() == "first":
            return _days(a, _add(a, n, unit) - timedelta(days=1))
        return _days(_add(b + timedelta(days=1), -n, unit), b)
    if m.group(8):
        period = _whole(m.group(9), base, prefer) if m.group(9) else (
            f"{base.year:04d}" if base else "")
        if len(period) != 4:
            return ""
        try:
            return _iso_week(date.fromisocalendar(int(period), int(m.group(8)), 1))
        except ValueError:
            return ""
    n = _ordinal(m.group(5))
    period = _whole(m.group(7), base, prefer)
    if n is None or not period or "W" in period:
        return ""
    unit = m.group(6).lower()
    if unit == "month":
        if len(period) != 4 or not 1 <= n <= 12:
            return ""
        return f"{period}-{12 if n == -1 else n:02d}"
    if len(period) == 4:
        y = int(period)
        if n == -1:
            return _iso_week(date(y, 12, 28))
        try:
            return _iso_week(date.fromisocalendar(y, n, 1))
        except ValueError:
            return ""
    mon = _month_week_monday(int(period[:4]), int(period[5:7]), n)
    return _iso_week(mon)


def _resolve_period_words(t: str, low: str, base: date | None, prefer: str) -> str | None:
    """The rest of ``_resolve_period``: "the week of March 3", "the 100th day of 2025",
    decades and centuries in words, "3-2025", "2025 March", "5 March of '25", "three days
    starting Monday", "Tuesday of next week"."""
    if m := re.fullmatch(
        r"(?:(?:the\s+)?week\s+(?:of|beginning|starting(?:\s+on)?|commencing)|w/c)\s+(.+)", t, re.I
    ):
        day = resolve_date(re.sub(r"^the\s+", "", m.group(1), flags=re.I), base, prefer)
        return _iso_week(date.fromisoformat(day)) if len(day) == 10 else ""
    if m := re.fullmatch(r"(?:the\s+)?(.+?)\s+day\s+of\s+(.+)", t, re.I):
        day_no = _day_number(re.sub(r"^(twenty|thirty)\s+", r"\1-", m.group(1).lower()))
        period = _whole(m.group(2), base, prefer)
        if day_no is None or not re.fullmatch(r"\d{4}-\d\d", period):
            return None
        return _month_day(int(period[5:]), day_no, None, prefer, int(period[:4]))
    if m := _DECADE_WORDS.fullmatch(low):
        if m.group(2):
            start = int(m.group(2)) * 10
        else:
            start = 1900 + _TENS_WORDS[m.group(1).replace("ie", "y")[:-1]]
        return f"{start}/{start + 9}"
    if m := re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century", low):
        start = (int(m.group(1)) - 1) * 100
        return f"{start:04d}/{start + 99:04d}"
    if re.fullmatch(r"(?:the\s+)?week\s+after\s+next", low):
        return _iso_week(base + timedelta(days=14)) if base else ""
    if m := re.fullmatch(rf"(0?[1-9]|1[0-2])-({_YEAR})", t):
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    if m := re.fullmatch(rf"({_YEAR})\s+({MONTHS})", t, re.I):
        return f"{m.group(1)}-{_month_number(m.group(2)):02d}"
    if m := re.fullmatch(rf"(?:({_DAY})\s+)?({MONTHS})\s+of\s+['’]?(\d\d)", t, re.I):
        year = _two_digit_year(int(m.group(3)), base)
        if m.group(1):
            day_no = int(re.sub(r"\D", "", m.group(1)))
            return _month_day(_month_number(m.group(2)), day_no, None, prefer, year)
        return f"{year:04d}-{_month_number(m.group(2)):02d}"
    if m := re.fullmatch(
        rf"({_COUNT_WORD})\s+(day|week|month|year)s?,?\s+starting\s+(?:from\s+|on\s+)?(.+)", t, re.I
    ):
        n = _count(m.group(1))
        first = resolve_date(m.group(3), base, prefer)
        if n is None or len(first) != 10:
            return ""
        begin = date.fromisoformat(first)
        return _days(begin, _add(begin, n, m.group(2).lower()) - timedelta(days=1))
    if m := _WEEK_WEEKDAY_RE.fullmatch(t):
        which = (m.group(1) or m.group(4)).lower()
        wd = _weekday_number(m.group(2) or m.group(3))
        if wd is None or base is None:
            return None
        step = {"this": 0, "next": 1, "following": 1}.get(which, -1)
        return (_monday(base) + timedelta(days=7 * step + wd)).isoformat()
    return None


_SAME_PERIOD_RE = re.compile(
    r"(?:(?:the\s+)?same\s+|that\s+|the\s+|this\s+)?(week|month|year|fortnight|weekend)"
    r"|(this|next|last)\s+(working\s+week|work\s*week|calendar\s+year)|(year|month)\s+to\s+date"
    r"|(?:the\s+)?(day)",
    re.I,
)


def _resolve_named_period(t: str, base: date | None, prefer: str = "nearest") -> str | None:
    """'the same month', 'that weekend', 'this working week', 'year to date'; 'the weekend'
    told in the past before a Saturday is the one before."""
    m = _SAME_PERIOD_RE.fullmatch(t)
    if not m:
        return None
    if base is None:
        return ""
    if m.group(5):
        return base.isoformat()
    if m.group(4):
        start = date(base.year, base.month if m.group(4).lower() == "month" else 1, 1)
        return _days(start, base)
    if m.group(2):
        step = {"this": 0, "next": 1, "last": -1}[m.group(2).lower()]
        if m.group(3).lower().startswith("calendar"):
            return f"{base.year + step:04d}"
        mon = _monday(base) + timedelta(days=7 * step)
        return _days(mon, mon + timedelta(days=4))
    unit = m.group(1).lower()
    if unit == "weekend" and prefer == "past" and base.weekday() < 5 and not _SAME_RE.match(t):
        return _relative_period("last", unit, base)
    return _relative_period("this", unit, base)


_SAME_RE = re.compile(r"(?:(?:the\s+)?same|that)\s+(week|month|year|weekend)", re.I)


def same_period(text: str, earlier: str) -> str:
    """'the same year' after a date already given in the sentence ('born in 1950 and
    married the same year'): that date's year, month, week or weekend. '' when ``text``
    is not such a mention or ``earlier`` is too coarse."""
    m = _SAME_RE.fullmatch(" ".join(text.split()))
    if not m or not re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", earlier):
        return ""
    unit = m.group(1).lower()
    if unit == "year":
        return earlier[:4]
    if unit == "month":
        return earlier[:7] if len(earlier) >= 7 else ""
    if len(earlier) != 10:
        return ""
    return _relative_period("this", unit, date.fromisoformat(earlier))


def _month_day(mo: int, day: int, base: date | None, prefer: str, year: int | None = None) -> str:
    """A day of a month in ``year``, or in the year that puts it nearest ``base`` (before
    it for 'past', after it for 'future')."""
    if year is not None:
        try:
            return date(year, mo, day).isoformat()
        except ValueError:
            return ""
    if base is None:
        return ""
    options = []
    for y in range(base.year - 4, base.year + 5):  # a 29 February may be years away
        try:
            options.append(date(y, mo, day))
        except ValueError:
            continue
    if prefer == "past":
        options = [d for d in options if d <= base] or options
    elif prefer == "future":
        options = [d for d in options if d >= base] or options
    if not options:
        return ""
    return min(options, key=lambda d: (abs((d - base).days), d > base)).isoformat()


_WORD_DAY_RANGE_RE = re.compile(
    "(?:the\\s+)?(?:" + _WORD_DAY_RANGE_A + "|" + _WORD_DAY_RANGE_B_BODY + ")"
)


def _day_number(text: str) -> int | None:
    key = " ".join(text.lower().replace("-", " ").split())
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", key):
        return int(m.group(1))
    return _ORDINAL_DAYS.get(key) or _ORDINAL_DAYS.get(key.replace(" ", "-"))


def _word_day_range(t: str, base: date | None, prefer: str) -> str:
    """'april ninth through seventeenth' → '2025-04-09/2025-04-17'; a range whose end day
    is smaller than its start crosses into the next month."""
    m = _WORD_DAY_RANGE_RE.fullmatch(t)
    if not m:
        return ""
    month = m.group("ma") or m.group("mb")
    d1 = _day_number(m.group("da") or m.group("dc"))
    d2 = _day_number(m.group("db") or m.group("dd"))
    year = m.group("ya") or m.group("yb")
    if d1 is None or d2 is None:
        return ""
    mo = _month_number(month)
    if m.group("ma"):
        a = _month_day(mo, d1, base, prefer, int(year) if year else None)
        if not a:
            return ""
        y, mo2 = (int(a[:4]), mo) if d2 >= d1 else divmod(int(a[:4]) * 12 + mo, 12)
        b = _month_day(mo2 if d2 >= d1 else mo2 + 1, d2, None, prefer, y)
    else:
        b = _month_day(mo, d2, base, prefer, int(year) if year else None)
        if not b:
            return ""
        y, mo1 = (int(b[:4]), mo) if d1 <= d2 else divmod(int(b[:4]) * 12 + mo - 2, 12)
        a = _month_day(mo1 if d1 <= d2 else mo1 + 1, d1, None, prefer, y)
    return f"{a}/{b}" if a and b else ""


def _two_digit_year(yy: int, base: date | None) -> int:
    """'87' → 1987, '15' → 2015: the century that keeps the year at most ten years after
    the publication date (or this year)."""
    ref = base.year if base else datetime.now().year
    year = ref // 100 * 100 + yy
    return year - 100 if year > ref + 10 else year


_WEEKDAY_OF_SHIFT = re.compile(
    rf"({WEEKDAYS}),?\s+(.+\s+from\s+(?:now|today))|(.+)\s+on\s+({WEEKDAYS})", re.I
)


def _weekday_with_day(wd: int, rest: str, base: date | None, prefer: str) -> str | None:
    """'Friday 31', 'Mon 13th', 'wednesday the thirty first', 'Friday 7/6'."""
    rest = rest.strip()
    if re.fullmatch(r"[\d/.\-]+", rest) and re.search(r"[/.\-]", rest):
        return resolve_date(rest, base, prefer)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", rest):
        day = int(m.group(1))
    elif (key := " ".join(rest.lower().replace("-", " ").split())) in _ORDINAL_DAYS or (
        key.replace(" ", "-") in _ORDINAL_DAYS
    ):
        day = _ORDINAL_DAYS.get(key) or _ORDINAL_DAYS[key.replace(" ", "-")]
    else:
        return None
    if base is None or not 1 <= day <= 31:
        return ""
    return _weekday_and_day(wd, day, base, prefer)


def _period_length(span: str) -> dict[str, str]:
    """'next five years': where its length is, for when it cannot be dated."""
    found = period_count(span)
    if found is None:
        return {}
    start, end, n, unit = found
    return {"length": f"{start},{end},{n},{unit}"}


#: A date after one of these is a bound, not the date of the event ("first since 2019").
_DATE_BOUND = re.compile(r"\b(since|until|till|before|after|by|prior\s+to)\s+(?:the\s+)?$", re.I)


def find_date_mentions(text: str) -> Iterator[Mention]:
    """Dates and periods (``find_dates``) as mentions: a date after "since", "until" …
    is a bound, and a period's length is kept for when it cannot be dated."""
    for d in find_dates(text):
        bound = _DATE_BOUND.search(text[max(0, d.start - 12) : d.start])
        yield Mention(
            "date",
            d.start,
            d.end,
            d.text,
            relative=d.relative,
            approx=bound.group(1).lower() if bound else "",
            extra={"range": "1" if d.kind == "daterange" else ""} | _period_length(d.text),
        )
