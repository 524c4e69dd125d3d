from __future__ import annotations

from datetime import date

import pytest

from claimcheck.dates import find_dateline, find_dates, resolve_date

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
    ],
)
def test_dates_resolve(text, prefer, expected):
    assert resolve_date(text, BASE, prefer) == expected


def test_dates_relative_without_base_is_unresolved():
    assert resolve_date("next year", None) == ""
    assert resolve_date("October 30", None) == ""


@pytest.mark.parametrize("text", ["the 10% tariffs", "12 out of 10", "1,500 people", "Q1: what now"])
def test_dates_never_from_stray_numbers(text):
    assert find_dates(text) == []


def test_dates_dateline_in_other_language():
    text = "logo\nShare\n\nTrump Meets Xi\n\n26 tháng 10 2025\n\nPresident Trump embarks..."
    assert find_dateline(text) == date(2025, 10, 26)
