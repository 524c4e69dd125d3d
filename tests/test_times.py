"""Times of day (issue "Real news II"): forms, zones, the never-a-year rule, comparison."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.records import Claim
from claimcheck.settings import Settings
from claimcheck.values.dates import resolve_date
from claimcheck.values.mentions import find_mentions
from claimcheck.values.times import find_times, minutes_utc


def times(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], str(m.value), m.unit) for m in find_times(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The ferry left at 07:42 IST.", ("07:42 IST", "07:42", "+05:30")),
    ("It hit land at 4:15 p.m. local time.", ("4:15 p.m. local time", "16:15", "local")),
    ("Markets opened at 10:05 CET.", ("10:05 CET", "10:05", "+01:00")),
    ("The last train left by 1835 GMT.", ("1835 GMT", "18:35", "+00:00")),
    ("The convoy moved at 0930 hrs.", ("0930 hrs", "09:30", "")),
    ("Talks resumed at noon.", ("noon", "12:00", "")),
    ("The curfew starts at midnight.", ("midnight", "00:00", "")),
    ("Polls close at 8 pm.", ("8 pm", "20:00", "")),
    ("Polls close at 8 p.m. EDT.", ("8 p.m. EDT", "20:00", "-04:00")),
    ("The ship sank at 11.40am on Monday.", ("11.40am", "11:40", "")),
    ("The blast came at 12:05 a.m.", ("12:05 a.m.", "00:05", "")),
    ("It landed at 16:40 UTC+5:30.", ("16:40 UTC+5:30", "16:40", "+05:30")),
    ("It landed at 9:03 (KST).", ("9:03 (KST)", "09:03", "+09:00")),
    ("The plane crashed at 09:03 on Sunday.", ("09:03", "09:03", "")),
    ("Sirens sounded at 22:10 GMT-3.", ("22:10 GMT-3", "22:10", "-03:00")),
])
def test_time_forms_and_zones(text, expected):
    assert times(text) == [expected]


@pytest.mark.parametrize("text", [
    "She ran 2:14 in the race.",  # a bare H:MM needs "at", "by", ... or a zone
    "The score was 3:1 at half time.",
    "Founded in 1835 by settlers.",
    "In 1835 Smith sailed west.",
    "Room 1204 was empty.",
])
def test_not_times(text):
    assert times(text) == []


def test_a_four_digit_time_is_never_a_year():
    kinds = {(m.kind, str(m.value)) for m in find_mentions("Rescuers arrived by 1835 GMT.",
                                                           places=False)}
    assert ("time", "18:35") in kinds
    assert not any(k == "date" for k, _v in kinds)


@pytest.mark.parametrize(("value", "unit", "expected"), [
    ("22:10", "+05:30", 16 * 60 + 40),
    ("16:40", "+00:00", 16 * 60 + 40),
    ("01:00", "+09:00", 16 * 60),
    ("09:03", "local", None),
    ("09:03", "", None),
])
def test_minutes_utc(value, unit, expected):
    assert minutes_utc(value, unit) == expected


def _time(source, value, unit, attribute="crash", approx=""):
    return Claim(claim_id=source, source=source, sentence_id=0, char_start=0, char_end=4,
                 span=value, kind="time", subject="plane", predicate="crash", value=value,
                 unit=unit, approx=approx, attribute=attribute)


def _conflicts(*claims):
    from claimcheck.compare.clusters import cluster_claims
    from claimcheck.compare.conflicts import find_conflicts

    return find_conflicts(cluster_claims(claims, Settings()), claims, Settings())


@pytest.mark.parametrize(("a", "b", "conflict"), [
    (("16:40", "+00:00"), ("16:10", "+00:00"), True),   # 16:40 UTC vs 16:10 GMT
    (("22:10", "+05:30"), ("16:40", "+00:00"), False),  # New Delhi and UTC: one instant
    (("09:07", "local"), ("09:03", "local"), True),
    (("09:07", ""), ("09:03", "local"), False),          # no zone vs "local": two places?
    (("09:07", ""), ("09:03", ""), True),
    (("09:03", ""), ("09:03", "local"), False),
    (("08:58", ""), ("08:59", ""), True),                 # one minute apart is a conflict
    (("09:03", "+09:00"), ("09:07", "local"), False),    # a zone on one side only
])
def test_times_compared_at_minute_precision_across_zones(a, b, conflict):
    found = _conflicts(_time("x", *a), _time("y", *b))
    assert bool(found) == conflict
    if found:
        assert found[0].kind == "time_mismatch"


def test_times_of_different_events_are_not_compared():
    assert _conflicts(_time("x", "09:07", "", "crash"), _time("y", "08:57", "", "warning")) == []


def test_an_approximate_time_is_an_interval():
    assert _conflicts(_time("x", "09:07", "", approx="about"), _time("y", "09:03", "")) == []
    # "around 2:20 p.m." cannot be 12:50
    assert len(_conflicts(_time("x", "14:20", "local", approx="about"),
                          _time("y", "12:50", "local"))) == 1


# -------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(("text", "base", "prefer", "expected"), [
    ("Tuesday", date(2025, 3, 4), "past", "2025-03-04"),    # published on a Tuesday
    ("on Tuesday", date(2025, 3, 4), "nearest", "2025-03-04"),
    ("Monday", date(2025, 3, 4), "past", "2025-03-03"),
    ("Wednesday", date(2025, 3, 4), "past", "2025-02-26"),
    ("Friday", date(2025, 3, 4), "future", "2025-03-07"),
    ("Friday", date(2025, 3, 4), "nearest", "2025-03-07"),
    ("Saturday", date(2025, 3, 4), "nearest", "2025-03-01"),
    ("Tuesday evening", date(2025, 3, 4), "past", "2025-03-04"),
    ("on Monday morning", date(2025, 3, 4), "past", "2025-03-03"),
])
def test_weekday_of_the_publication_day_is_that_day(text, base, prefer, expected):
    assert resolve_date(text, base, prefer) == expected


@pytest.mark.parametrize("base", [None, date(2025, 1, 3)])
def test_weekday_with_a_full_date_needs_no_publication_date(base):
    assert resolve_date("Sunday, 29 December 2024", base) == "2024-12-29"


# ------------------------------------------------- undated articles, agreed event dates


def _date_claim(source, span, value, unit=""):
    return Claim(claim_id=f"{source}-{span}", source=source, sentence_id=0, char_start=0,
                 char_end=len(span), span=span, kind="date", subject="ferry", predicate="sink",
                 value=value, unit=unit, attribute="crash")


def _run(*claims):
    from claimcheck.pipeline import compare

    return compare(list(claims), Settings())[1]


DATED = (_date_claim("a", "4 March 2025", "2025-03-04"),
         _date_claim("b", "on Tuesday", "2025-03-04"))


def test_an_undated_monday_conflicts_with_an_agreed_tuesday():
    found = _run(*DATED, _date_claim("c", "on Monday", "", unit="unresolved"))
    assert len(found) == 1
    f = found[0]
    assert {f.value_a, f.value_b} == {"2025-03-03", "2025-03-04"}
    assert "has no publication date" in f.explanation
    assert "c" in f.sources_a + f.sources_b


def test_an_undated_tuesday_resolves_to_the_agreed_date():
    from claimcheck.compare.settle import settle_undated

    claims = settle_undated([*DATED, _date_claim("c", "on Tuesday", "", unit="unresolved")])
    assert (claims[-1].value, claims[-1].unit) == ("2025-03-04", "settled")
    assert _run(*DATED, _date_claim("c", "on Tuesday", "", unit="unresolved")) == ()


def test_an_unsettled_weekday_is_never_flagged():
    lone = _date_claim("c", "on Monday", "", unit="unresolved")
    other = replace_attr(_date_claim("d", "on Friday", "", unit="unresolved"))
    assert _run(lone, other) == ()


def replace_attr(c):
    from dataclasses import replace

    return replace(c, source="d")


# ------------------------------------------------------------------ fiscal periods


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Revenue rose in Q3 of fiscal 2026.", "Q3 of fiscal 2026", "FY2026-Q3"),
    ("Sales fell in the third quarter of fiscal 2025.", "third quarter of fiscal 2025",
     "FY2025-Q3"),
    ("Results for FY2026 Q1 were strong.", "FY2026 Q1", "FY2026-Q1"),
    ("Q1 FY26 sales beat forecasts.", "Q1 FY26", "FY2026-Q1"),
    ("Margins improve in the first half of fiscal 2027.", "first half of fiscal 2027",
     "FY2027-H1"),
    ("Profit doubled in fiscal year 2025.", "fiscal year 2025", "FY2025"),
])
def test_fiscal_periods_are_kept_as_periods(text, span, value):
    dates = [m for m in find_mentions(text, places=False) if m.kind == "date"]
    assert [(text[m.start:m.end], m.value) for m in dates] == [(span, value)]
    assert resolve_date(value, date(2025, 6, 1)) == value


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("FY2026-Q3", "FY2026", True), ("FY2026-Q3", "FY2026-H2", True),
    ("FY2026-Q3", "FY2026-Q4", False), ("FY2026-H1", "FY2026-Q3", False),
    ("FY2026", "FY2027", False),
])
def test_fiscal_periods_compare_only_with_fiscal_periods(a, b, ok):
    from claimcheck.values.fiscal import fiscal_compatible

    assert fiscal_compatible(a, b) is ok
    assert fiscal_compatible(a, "2026-07") is None


@pytest.mark.parametrize(("span", "value", "flagged"), [
    ("in March", "2025-03", False),
    ("in February", "2025-02", True),
    ("last week", "", False),  # its week depends on the unknown publication date
])
def test_an_undated_month_is_read_in_the_agreed_year(span, value, flagged):
    from claimcheck.compare.settle import settle_undated

    undated = _date_claim("c", span, "", unit="unresolved")
    settled = settle_undated([*DATED, undated])[-1]
    assert str(settled.value) == value
    assert bool(_run(*DATED, undated)) == flagged


@pytest.mark.parametrize(("text", "approx"), [
    ("It struck around midday local time.", "about"),
    ("It struck at midday.", "about"),
    ("It struck shortly after 9:03 a.m.", "about"),
    ("It struck at 9:03 a.m.", ""),
])
def test_approximate_times(text, approx):
    assert [m.approx for m in find_times(text)] == [approx]


@pytest.mark.parametrize("text", ["Spending went beyond £450 million.",
                                  "Costs were in excess of £450 million.",
                                  "Fees north of £450 million were paid."])
def test_more_than_words(text):
    money = [m for m in find_mentions(text, places=False) if m.kind == "money"]
    assert [m.approx for m in money] == ["more than"]


def test_the_storys_protagonist_is_implicit_in_every_scope():
    from dataclasses import replace

    from claimcheck.compare.settle import implicit_protagonist

    base = Claim(claim_id="x", source="a", sentence_id=0, char_start=0, char_end=3,
                 span="£125m", kind="money", subject="fee", predicate="sign", value=125e6,
                 unit="GBP", attribute="deal value",
                 entities=("PERSON:alexander isak", "PERSON:florian wirtz"))
    claims = [replace(base, claim_id="a", source="a", scope="alexander isak"),
              replace(base, claim_id="b", source="b", scope=""),
              replace(base, claim_id="c", source="c", scope="isak"),
              replace(base, claim_id="d", source="d", scope="florian wirtz", value=116e6,
                      entities=("PERSON:alexander isak",))]
    out = implicit_protagonist(claims)
    assert [c.scope for c in out] == ["", "", "", "florian wirtz"]
    assert implicit_protagonist(claims[:2]) == claims[:2]  # two sources are not enough


def test_midday_said_with_local_time_allows_an_hour_and_a_half():
    from claimcheck.compare.conflicts import _time

    def at(source, value, span, approx=""):
        return Claim(claim_id=source, source=source, sentence_id=0, char_start=0, char_end=3,
                     span=span, kind="time", subject="quake", predicate="strike", value=value,
                     unit="local", approx=approx, attribute="earthquake")
    noon = at("a", "12:00", "midday local time", "about")
    assert _time(noon, at("b", "12:50", "12:50 pm (local time")) is None
    assert _time(noon, at("c", "13:20", "1:20 pm local time")) is None
    assert _time(noon, at("d", "14:00", "2 pm local time")) is not None
