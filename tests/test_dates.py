from __future__ import annotations

from datetime import date

import pytest

from claimcheck.read.dateline import find_dateline
from claimcheck.values.dates import find_dates, resolve_date, same_period

BASE = date(2025, 10, 26)  # a Sunday


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("October 30, 2025", "past", "2025-10-30"),
        ("Thursday", "future", "2025-10-30"),
        ("Thursday", "past", "2025-10-23"),
        ("next year", "past", "2026"),
        ("last week", "past", "2025-W42"),
        ("April 2026", "past", "2026-04"),
        ("2026-2030", "past", "2026/2030"),
        ("Q3 2025", "past", "2025-07/2025-09"),
        ("November 1", "nearest", "2025-11-01"),
        ("yesterday", "past", "2025-10-25"),
        # lower-case month names, month names between dashes or slashes
        ("april 2017", "past", "2017-04"),
        ("05-Aug-2016", "past", "2016-08-05"),
        ("2019/aug/01", "past", "2019-08-01"),
        ("july 4th of 1995", "past", "1995-07-04"),
        # two dates joined into a range; the end's year applies to the start
        ("2014 to 2018", "past", "2014/2018"),
        ("Nov 18-Dec 19, 2015", "past", "2015-11-18/2015-12-19"),
        ("10/1/2018 - 10/7/2018", "past", "2018-10-01/2018-10-07"),
        # holidays and relative weekdays
        ("Christmas Eve", "past", "2024-12-24"),
        ("Christmas", "future", "2025-12-25"),
        ("Easter 2018", "past", "2018-04-01"),
        ("previous Monday", "past", "2025-10-20"),
        ("coming Thursday", "past", "2025-10-30"),
        ("this September", "past", "2025-09"),
        # month ranges, quarters written in other orders, year-month
        ("June-August 1992", "past", "1992-06/1992-08"),
        ("Nov-Feb 2017", "past", "2016-11/2017-02"),
        ("2019-Q1", "past", "2019-01/2019-03"),
        ("q1 of 2017", "past", "2017-01/2017-03"),
        ("2019-H2", "past", "2019-07/2019-12"),
        ("Dec/2018", "past", "2018-12"),
        ("2015-12", "past", "2015-12"),
        ("current quarter", "past", "2025-10/2025-12"),
        # days as ordinal words, more numeric orders, a day of the current month
        ("May twenty-first", "past", "2025-05-21"),
        ("the fourth of July", "future", "2026-07-04"),
        ("21/04/16", "past", "2016-04-21"),
        ("2015/08/12", "past", "2015-08-12"),
        ("27th", "past", "2025-09-27"),
        ("4th", "past", "2025-10-04"),
        # days of one month
        ("April 9-17", "past", "2025-04-09/2025-04-17"),
        ("9 to 17 April 2025", "past", "2025-04-09/2025-04-17"),
        ("Oct. 30-31", "future", "2025-10-30/2025-10-31"),
        ("august and october", "past", "2025-08/2025-10"),
        # a number of days, weeks, months or years after or before a day
        ("3 days after January 12th", "past", "2025-01-15"),
        ("2 weeks before May 13 1999", "past", "1999-04-29"),
        ("three weeks from tomorrow", "past", "2025-11-17"),
        # periods counted from the publication date
        ("last 3 months", "past", "2025-07-26/2025-10-25"),
        ("next two days", "nearest", "2025-10-27/2025-10-28"),
        ("next two days", "past", ""),  # told in the past: counted from another day
        ("within 9 months", "future", "2025-10-26/2026-07-25"),
        ("last 2 quarters", "past", "2025-04/2025-09"),
        ("next 4 business days", "future", "2025-10-27/2025-10-30"),
        ("in two weeks", "past", "2025-11-09"),
        ("2 weeks and 2 days ago", "past", "2025-10-10"),
        # named periods with no number, and parts of periods
        ("same month", "past", "2025-10"),
        ("weekend", "past", "2025-10-25/2025-10-26"),
        ("next fortnight", "past", "2025-11-03/2025-11-16"),
        ("weekend", "past", "2025-10-25/2025-10-26"),
        ("end of 2000", "past", "2000-09/2000-12"),
        ("mid-November", "future", "2025-11-10/2025-11-20"),
        ("earlier this month", "past", "2025-10-01/2025-10-15"),
        ("later this year", "past", "2025-10-26/2025-12-31"),
        ("first week of 2015", "past", "2015-W01"),
        ("last week of Dec 2016", "past", "2016-W52"),
        ("the last four months of 2021", "past", "2021-09-01/2021-12-31"),
        ("week 27 of last year", "past", "2024-W27"),
        # weekdays of a named week, weekdays with a day of the month, days with no year
        ("next Friday", "past", "2025-11-07"),
        ("next week on Tuesday", "past", "2025-10-28"),
        ("Friday 31", "nearest", "2025-10-31"),
        ("Mon 13th", "past", "2025-10-13"),
        ("11/20", "nearest", "2025-11-20"),
        ("Oct/2", "past", "2025-10-02"),
        # ranges of month/day dates, ranges up to now
        ("10/1-11/7", "past", "2025-10-01/2025-11-07"),
        ("5/1-5/7/2020", "past", "2020-05-01/2020-05-07"),
        ("Jan 22 and now", "past", "2025-01-22/2025-10-26"),
        ("week of April 10th", "past", "2025-W15"),
        # years and days in words
        ("October two thousand and five", "past", "2005-10"),
        ("January twenty five nineteen eighty six", "past", "1986-01-25"),
        ("6 April seventeen hundred thirty three", "past", "1733-04-06"),
        # days in words in a range, a numbered day of a month, more holidays
        ("april ninth through seventeenth", "past", "2025-04-09/2025-04-17"),
        ("twenty-seventh to the third of april", "past", "2025-03-27/2025-04-03"),
        ("15th day of next month", "past", "2025-11-15"),
        ("thanksgiving 2023", "past", "2023-11-23"),
        ("labor day weekend", "past", "2025-08-30/2025-09-01"),
        ("independence day of this year", "past", "2025-07-04"),
        # ranges ending in a part of a period, decades, centuries, two-digit years
        ("2007 to the end of 2008", "past", "2007/2008-12"),
        ("first quarter of the year", "past", "2025-01/2025-03"),
        ("nineties", "past", "1990/1999"),
        ("21st century", "past", "2000/2099"),
        ("April of 87", "past", "1987-04"),
        ("12-2015", "past", "2015-12"),
        ("2 weeks starting May 20th", "past", "2025-05-20/2025-06-02"),
        # a weekday of the week a number of periods away, two-digit years
        ("Monday two weeks from now", "past", "2025-11-03"),
        ("3 weeks after Christmas on Friday", "future", "2026-01-16"),
        ("03/18/40", "past", "1940-03-18"),
        ("October, 1st", "past", "2025-10-01"),
        # ranges: a relative start keeps its own year, a weekday end follows the start
        ("this May to Oct 2026", "past", "2025-05/2026-10"),
        ("next monday to friday", "past", "2025-11-03/2025-11-07"),
        ("10/20-11/7", "future", "2025-10-20/2025-11-07"),  # holds the publication date
        ("june 26th of 2020 to june the 28th 2020", "past", "2020-06-26/2020-06-28"),
    ],
)
def test_dates_resolve(text, prefer, expected):
    assert resolve_date(text, BASE, prefer) == expected


def test_dates_relative_without_base_is_unresolved():
    assert resolve_date("next year", None) == ""
    assert resolve_date("October 30", None) == ""


@pytest.mark.parametrize(
    "text",
    [
        "the 10% tariffs",
        "12 out of 10",
        "1,500 people",
        "Q1: what now",
        "deliver 2000 pieces of toys",  # a count before a noun, not a year
        "Tel: +86 138-2010-2015",  # digits of a phone number
        "2015-1-32 is a wrong date",
        "the 5 may vote",  # a verb
    ],
)
def test_dates_never_from_stray_numbers(text):
    assert find_dates(text) == []


def test_dates_dateline_in_other_language():
    text = "logo\nShare\n\nTrump Meets Xi\n\n26 tháng 10 2025\n\nPresident Trump embarks..."
    assert find_dateline(text) == date(2025, 10, 26)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("between 2007 and 2009", ["2007 and 2009"]),
        ("from 2014 to 2018", ["2014 to 2018"]),
        ("moved from Monday to Tuesday", ["Monday", "Tuesday"]),  # a change, not a range
        ("for a 2025 summit", ["2025"]),
        ("in the 1990s", ["1990s"]),
        ("from March to May", ["March to May"]),
        ("Theresa May to March", []),  # "May" alone may be a name
        ("the 2020-21 season", ["2020-21"]),
        ("we met on the 27th.", ["27th"]),
        ("on the 5th floor", []),
        ("version 2015.5.13.2", []),
        ("the Oct 5-6 talks", ["Oct 5-6"]),
        ("on May 5 - 10% of", ["May 5"]),
        ("It happened 2 weeks before Christmas.", ["2 weeks before Christmas"]),
        ("a week after the vote on Monday", ["Monday"]),
        ("talks resume in mid-November", ["mid-November"]),
        ("by early March 2026", ["early March 2026"]),
        ("I will leave in two weeks", ["in two weeks"]),
        ("met for the first time in six years", []),  # a length, not a date
        ("find us 30 minutes on 11/20, 11/22 or 11/25", ["11/20", "11/22", "11/25"]),
        ("add 1/2 cup of sugar", []),
        ("passed by 2/3 of members", []),
        ("the bill was passed by 2/3", []),  # a fraction, not 3 February
        ("security since 9/11", []),  # an event's name, not this year's 11 September
        ("for the last 3 weeks", ["last 3 weeks"]),
        ("they left in nineteen ninety six", ["nineteen ninety six"]),
        ("sold in two thousand homes", []),  # a count
        ("The code of this object is 133-03-03-2020", []),
        ("I bought it for $12 December 27", ["December 27"]),
        ("in 2017 May won", ["2017"]),  # "May" is a name here
        ("in October, 12 people", ["October"]),
        ("on Sunday 12 people died", ["Sunday"]),
        ("I'll go back Mon 13th", ["Mon 13th"]),
        ("four years later", []),  # counts from another event, not the publication
    ],
)
def test_dates_find_spans(text, spans):
    assert [d.text for d in find_dates(text)] == spans


@pytest.mark.parametrize(
    ("text", "earlier", "expected"),
    [
        ("the same year", "1950", "1950"),
        ("same month", "2025-03-14", "2025-03"),
        ("that weekend", "2025-10-22", "2025-10-25/2025-10-26"),
        ("the same month", "1950", ""),  # too coarse to tell
        ("next year", "1950", ""),
    ],
)
def test_dates_same_period_follows_the_earlier_date(text, earlier, expected):
    assert same_period(text, earlier) == expected


def test_dates_the_weekend_told_in_the_past_is_the_one_before():
    wednesday = date(2025, 10, 22)
    assert resolve_date("weekend", wednesday, "past") == "2025-10-18/2025-10-19"
    assert resolve_date("weekend", wednesday, "future") == "2025-10-25/2025-10-26"
    assert resolve_date("that weekend", wednesday, "past") == "2025-10-25/2025-10-26"


def test_dates_first_word_guard_skips_no_match():
    """The newer patterns are only tried where one of their first words is; scanning
    without that guard must find the same dates."""
    import re

    from claimcheck.values import dates

    unguarded = re.compile(r"\b(?=\w)(?:" + "|".join(dates._GROUPS) + ")")
    texts = [
        "We met the same year, and that weekend; in two weeks we will see. Over the last 3 "
        "months and the next two decades, the end of 2000, earlier this month, later in the "
        "year, the first week of 2015, week 27 of last year, the week of April 10th, w/c Feb 4.",
        "Friday 31, Mon 13th, friday 5/12, next week on Tuesday, monday of the following week, "
        "on 11/20, 11/22 or 11/25, Oct/2, 10/1-11/7, 02-02-2020 - 03-03-2020, 12-2015.",
        "October two thousand and five, in nineteen ninety six, April of 87, 2017 april, the "
        "nineties, 1990 s, the 21st century, the week after next, the 15th day of next month.",
        "april ninth through seventeenth, between the ninth and the seventeenth of april, labor "
        "day weekend, 2 weeks starting May 20th, Monday two weeks from now, 3 weeks after "
        "Christmas on Friday, a week starting tomorrow, for the day, the remaining of the week.",
    ]
    for text in texts:
        found = [(m.span(), m.lastgroup) for m in dates._scan(text)]
        assert found == [(m.span(), m.lastgroup) for m in unguarded.finditer(text)]
