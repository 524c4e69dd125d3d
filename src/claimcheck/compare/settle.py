"""Stage 4 (compare), first: what is settled across sources before slots are made. The story's
protagonist is implicit in every outlet's values (``implicit_protagonist``), and undated
weekdays and months are settled against the event date that dated outlets agree on.

An article without a publication date cannot resolve "on Tuesday". When outlets that are
dated agree on the date of the same event (the same frame: "crash", "verdict", …), an
undated "on Tuesday" for that event is read in the week of the agreed date: on the agreed
day when its weekday matches (resolved, and the claim says so with ``unit="settled"``),
on another day of that week when it does not, which the date comparison then reports as
a disagreement. An undated "in March" is read in the agreed date's year. When no dated
outlet settles it ("last week" never is: its week depends on the unknown publication
date), the claim stays unresolved and is never compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..records import Claim

#: Weekday names (not imported from dates.py: a run served from the cache never loads
#: the value patterns).
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"(?:on\s+)?(?:last\s+|this\s+past\s+|late\s+|early\s+)?(" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?\.?", re.I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = re.compile(r"(?:in\s+|early\s+|late\s+|mid-?\s*)?(" + "|".join(_MONTHS)
                    + r"|" + "|".join(m[:3] for m in _MONTHS) + r")\.?", re.I)
#: The unit of a date claim settled from the agreed event date.
SETTLED = "settled"
#: Dated sources that must give the same day before it counts as agreed.
AGREED_MIN = 2


def settle(claims: Sequence[Claim]) -> list[Claim]:
    """Everything this stage settles, in order: the years of undated stories, the
    protagonist, then undated dates."""
    claims = settle_years(claims, story_year(publication_years(claims)))
    return settle_undated(implicit_protagonist(claims))


#: Dated sources that must share a publication year before it is the story's.
YEAR_MIN = 2


def publication_years(claims: Sequence[Claim]) -> set[tuple[str, int]]:
    """Every (source, publication year) of dated claims: what ``story_year`` counts. A
    set per part of a corpus; their union is the corpus's."""
    return {(c.source, int(c.published[:4])) for c in claims if c.published[:4].isdigit()}


def story_year(years: set[tuple[str, int]]) -> int | None:
    """The year most dated sources were published in (at least ``YEAR_MIN`` of them; the
    later of two equally common years), or None."""
    counted = Counter(year for _source, year in years)
    if not counted:
        return None
    year, n = max(counted.items(), key=lambda kv: (kv[1], kv[0]))
    return year if n >= YEAR_MIN else None


def settle_years(claims: Sequence[Claim], year: int | None) -> list[Claim]:
    """``claims`` with the occurrence of undated articles' values read against the
    corpus's ``year``: an undated page that says "In 2018, the company was fined €5
    billion" and never names a later year took 2018 for its own year at extraction, so
    the 2018 fine met this year's; read against the year the dated outlets give, it is
    another occurrence, as in a dated page (``frames.frame_of``)."""
    if year is None:
        return list(claims)
    from ..extraction.frames import YEAR

    out: list[Claim] = []
    for c in claims:
        if not c.published and not c.occurrence and c.attribute \
                and any(int(y) < year for y in YEAR.findall(c.sentence)) \
                and (occurrence := _occurrence_in(c, year)):
            c = replace(c, occurrence=occurrence)
        out.append(c)
    return out


def _occurrence_in(c: Claim, year: int) -> str:
    """The occurrence of claim ``c`` read in a story of ``year``."""
    from ..extraction.frames import active_lexicon, earlier_year, frame_of

    if earlier := earlier_year(c.kind, c.attribute, c.value, year):
        return earlier  # "the 2023 election" in a 2025 story
    at = c.sentence.find(c.span)
    if at < 0:
        return ""
    return frame_of(c.kind, c.sentence, at, at + len(c.span), c.subject, c.predicate,
                    year, active_lexicon()).occurrence


def settle_undated(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` with each unresolved weekday of a dated event settled (see module)."""
    return settle_dates(claims, _agreed_dates(claims))


def settle_dates(
    claims: Sequence[Claim], agreed: dict[tuple[str, str, str], date]
) -> list[Claim]:
    """``settle_undated`` given the corpus's agreed dates (``agreed_dates``), so that a
    part of a corpus is settled as the whole would be."""
    if not agreed:
        return list(claims)
    out: list[Claim] = []
    for c in claims:
        key = (c.attribute, c.scope, c.occurrence)
        if (c.kind == "date" and c.unit == "unresolved" and c.attribute and key in agreed
                and (m := _WEEKDAY.fullmatch(c.span.strip()))):
            day = agreed[key]
            wanted = _WEEKDAYS.index(m.group(1).lower())
            monday = day - timedelta(days=day.weekday())
            c = replace(c, value=(monday + timedelta(days=wanted)).isoformat(), unit=SETTLED)
        elif (c.kind == "date" and c.unit == "unresolved" and c.attribute and key in agreed
              and (m := _MONTH.fullmatch(c.span.strip()))):
            # "in March" with no year: the month of the agreed date's year
            month = [x[:3] for x in _MONTHS].index(m.group(1).lower()[:3]) + 1
            c = replace(c, value=f"{agreed[key].year:04d}-{month:02d}", unit=SETTLED)
        out.append(c)
    return out


def _agreed_dates(claims: Sequence[Claim]) -> dict[tuple[str, str, str], date]:
    """Per event frame, the day most dated sources give, when at least ``AGREED_MIN`` give
    it and no other day is as common."""
    return agreed_dates(date_votes(claims))


DateVote = tuple[str, tuple[str, str, str], str]


def date_votes(claims: Sequence[Claim]) -> set[DateVote]:
    """The (source, event frame, day) of every dated claim of an event: what
    ``agreed_dates`` counts. A set per part of a corpus; their union is the corpus's."""
    seen: set[DateVote] = set()
    for c in claims:
        if c.kind != "date" or not c.attribute or c.unit in {"unresolved", SETTLED}:
            continue
        value = str(c.value or "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        seen.add((c.source, (c.attribute, c.scope, c.occurrence), value))
    return seen


def agreed_dates(votes: set[DateVote]) -> dict[tuple[str, str, str], date]:
    """``_agreed_dates`` from the corpus's ``date_votes``."""
    counted: dict[tuple[str, str, str], Counter[str]] = {}
    for _source, key, value in votes:
        counted.setdefault(key, Counter())[value] += 1
    out: dict[tuple[str, str, str], date] = {}
    for key, counter in counted.items():
        # most common first, equal counts in date order (a tie is never agreed anyway)
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        if ranked[0][1] >= AGREED_MIN and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            out[key] = date.fromisoformat(ranked[0][0])
    return out


def implicit_protagonist(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` with the story's protagonist dropped from their scopes.

    Within one article, values said of its protagonist carry no person scope (claims.py);
    but an article that names others as often does not know who the protagonist is, so
    "£125m for Isak" has scope ``alexander isak`` in one outlet and none in another. The
    person named by the most sources (at least three, and more than anyone else) is the
    protagonist of them all: their name is dropped from every scope, so their values meet
    in one slot, while values of anyone else keep that person's scope."""
    named: dict[str, int] = {}
    for person, _source in person_sources(claims):
        named[person] = named.get(person, 0) + 1
    return drop_protagonist(claims, protagonist(named, len({c.source for c in claims})))


def person_sources(claims: Sequence[Claim]) -> set[tuple[str, str]]:
    """Every (person, source) where the source names the person: what ``protagonist``
    counts. A set per part of a corpus; their union is the corpus's."""
    return {(e[7:], c.source) for c in claims for e in c.entities if e.startswith("PERSON:")}


def protagonist(named: dict[str, int], n_sources: int) -> str | None:
    """The story's protagonist, given how many sources name each person and how many
    sources there are (see ``implicit_protagonist``); None when there is none."""
    from .clusters import same_person

    ranked = sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < PROTAGONIST_MIN or ranked[0][1] * 2 < n_sources:
        return None
    top = ranked[0][0]
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1] and not same_person(ranked[1][0], top):
        return None
    return top


def drop_protagonist(claims: Sequence[Claim], top: str | None) -> list[Claim]:
    """``claims`` with the person ``top`` dropped from their scopes."""
    if top is None:
        return list(claims)
    from .clusters import same_person

    out = []
    for c in claims:
        if c.scope:
            parts = [p for p in c.scope.split(" @ ") if not same_person(p, top)]
            if len(parts) != len(c.scope.split(" @ ")):
                c = replace(c, scope=" @ ".join(parts))
        out.append(c)
    return out


#: Sources that must name a person before they are the story's protagonist.
PROTAGONIST_MIN = 3
