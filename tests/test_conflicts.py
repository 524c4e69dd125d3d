"""Clustering and comparison on hand-made claims: no spaCy needed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimcheck.compare.clusters import cluster_claims
from claimcheck.compare.conflicts import display_value, find_conflicts
from claimcheck.records import Claim

_IDS = itertools.count(1)


def claim(
    source,
    kind,
    value,
    subject,
    predicate="reduce",
    *,
    value_from=None,
    unit="%",
    approx="",
    modality="asserted",
    entities=(),
    country="",
    event_date="",
):
    n = next(_IDS)
    return Claim(
        claim_id=f"c{n}",
        source=source,
        sentence_id=0,
        char_start=n,
        char_end=n + 1,
        span="x",
        kind=kind,
        subject=subject,
        predicate=predicate,
        value=value,
        value_from=value_from,
        unit=unit,
        approx=approx,
        modality=modality,
        sentence=f"sentence {n}",
        entities=tuple(entities),
        place_country=country,
        event_date=event_date,
    )


def conflicts(*claims):
    slots = cluster_claims(claims)
    return find_conflicts(slots, claims)


def test_conflicts_transition_mismatch_notes_equal_cut():
    a = claim("a", "percent", 47.0, "tariff on chinese import", value_from=57.0)
    b = claim("b", "percent", 10.0, "tariff on fentanyl-related chinese import", value_from=20.0)
    [c] = conflicts(a, b)
    assert c.kind == "transition_mismatch"
    assert (c.value_a, c.value_b) == ("57% → 47%", "20% → 10%")
    assert "10-point cut" in c.explanation
    assert "fentanyl" in c.explanation


def test_conflicts_threat_never_compared_with_enacted_rate():
    a = claim("a", "percent", 47.0, "tariff on chinese import")
    b = claim(
        "b", "percent", 155.0, "tariff on chinese import", predicate="raise", modality="threatened"
    )
    assert conflicts(a, b) == []


def test_conflicts_different_subjects_sharing_a_number_are_not_paired():
    a = claim("a", "percent", 10.0, "tariff on steel", predicate="impose")
    b = claim("b", "percent", 12.0, "unemployment rate", predicate="impose")
    assert conflicts(a, b) == []


def test_conflicts_bounds_and_rounding_are_consistent():
    a = claim("a", "duration", 1.0, "truce", predicate="agree", unit="year", approx="at least")
    b = claim("b", "duration", 1.0, "truce", predicate="agree", unit="year")
    c = claim("c", "percent", 47.2, "tariff on chinese import", approx="about")
    d = claim("d", "percent", 47.0, "tariff on chinese import")
    assert conflicts(a, b) == []
    assert conflicts(c, d) == []


@pytest.mark.parametrize(
    ("place_a", "place_b", "expected"),
    [("Busan", "South Korea", 0), ("Busan", "Seoul", 1), ("Busan", "Busan", 0)],
)
def test_conflicts_location_containment(place_a, place_b, expected):
    people = ("PERSON:donald trump", "PERSON:xi jinping")
    a = claim(
        "a",
        "location",
        place_a,
        "meeting of donald trump and xi jinping",
        "meet",
        unit="city",
        entities=people,
    )
    b = claim(
        "b",
        "location",
        place_b,
        "meeting of donald trump and xi jinping",
        "meet",
        unit="city",
        entities=people,
    )
    found = conflicts(a, b)
    assert len(found) == expected
    if expected:
        assert found[0].kind == "location_mismatch"


def test_conflicts_places_of_different_events_are_not_paired():
    a = claim(
        "a",
        "location",
        "Busan",
        "meeting of donald trump and xi jinping",
        "meet",
        entities=("PERSON:donald trump", "PERSON:xi jinping"),
    )
    b = claim(
        "b",
        "location",
        "Kuala Lumpur",
        "asean summit of donald trump",
        "meet",
        entities=("PERSON:donald trump",),
    )
    assert conflicts(a, b) == []


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("trump", 1),  # a short form of the same name
        ("donald j. trump", 1),
        ("donald tusk", 0),  # shares "donald" with "donald trump", another person
        ("melania trump", 0),  # shares "trump"
    ],
)
def test_conflicts_meetings_need_the_same_people_not_a_shared_name_word(other, expected):
    people_a = ("PERSON:donald trump", "PERSON:xi jinping")
    people_b = (f"PERSON:{other}", "PERSON:xi jinping")
    a = claim("a", "location", "Busan", "meeting", "meet", unit="city", entities=people_a)
    b = claim("b", "location", "Seoul", "meeting", "meet", unit="city", entities=people_b)
    assert len(conflicts(a, b)) == expected


def test_same_person_by_name_words():
    from claimcheck.compare.clusters import same_person

    assert same_person("Donald J. Trump", "donald trump")
    assert same_person("lee jae-myung", "Lee Jae Myung")
    assert not same_person("kim jong un", "kim yo jong")
    assert not same_person("", "kim")


@pytest.mark.parametrize("seed", range(5))
def test_participant_nodes_are_paired_as_by_trying_every_pair(seed):
    """clusters._compatible_nodes finds the pairs of participant sets through the person
    of the rarest name words (_covering_pairs): the same pairs, in the same order and
    direction, as trying every pair of sets with same_people."""
    import random

    from claimcheck.compare.clusters import _compatible_nodes, same_people

    rng = random.Random(seed)
    names = ["donald trump", "donald j. trump", "trump", "xi", "xi jinping", "kim jong un",
             "kim yo jong", "lee jae-myung", "lee jae myung", "donald tusk", "", ".",
             "ana ruiz", "ana", "ruiz", "jean-luc ruiz", "mo", "mo salah kim"]
    nodes = list(dict.fromkeys(
        frozenset(rng.sample(names, rng.choice((1, 2, 2, 2, 3)))) for _ in range(120)))
    expected = []
    for i, a in enumerate(nodes):
        for j in range(i, len(nodes)):
            ij = same_people(a, nodes[j])
            ji = ij if i == j else same_people(nodes[j], a)
            if ij or ji:
                expected.append((i, j, 0 if ij and ji else 1 if ij else 2))
    assert list(_compatible_nodes(nodes, "location", 80.0)) == expected
    assert any(order for _i, _j, order in expected) and len(expected) > 2 * len(nodes)
    roles = list(dict.fromkeys(rng.choice(names) for _ in range(30)))
    assert list(_compatible_nodes(roles, "role", 80.0)) == [
        (i, j, 0) for i, a in enumerate(roles) for j in range(i, len(roles))
        if same_people(frozenset([a]), frozenset([roles[j]]))]


@pytest.mark.parametrize(
    ("subject_a", "subject_b", "expected"),
    [
        ("tariff on fentanyl-related chinese import", "tariff on chinese import", 1),
        ("tariff on chinese soybeans", "tariff on soybean from china", 1),  # spellings
        ("tariff on chinese steel", "tariff on chinese aluminium", 0),  # two tariffs
        ("tariff on rashi wine", "tariff on bershi wine", 0),  # similar strings, two things
    ],
)
def test_conflicts_subjects_with_different_specifiers_are_not_paired(
    subject_a, subject_b, expected
):
    a = claim("a", "percent", 25.0, subject_a, predicate="impose")
    b = claim("b", "percent", 50.0, subject_b, predicate="impose")
    assert len(conflicts(a, b)) == expected


@pytest.mark.parametrize(
    ("date_a", "date_b", "expected"),
    [
        ("2025-10-30", "2025-11-02", 0),  # an update: the toll rose during the week
        ("2025-10-30", "2025-10-30", 1),
        ("2025-10", "2025-10-30", 1),  # the month holds the day: may be one time
        ("2025-10-30", "", 1),  # undated: compared
        ("2019", "2025", 0),  # another year, another event
    ],
)
def test_conflicts_values_at_different_times_are_not_paired(date_a, date_b, expected):
    a = claim("a", "count", 50.0, "death toll", "rise", unit="", event_date=date_a)
    b = claim("b", "count", 80.0, "death toll", "rise", unit="", event_date=date_b)
    assert len(conflicts(a, b)) == expected


def test_conflicts_meeting_places_of_different_years_are_not_paired():
    people = ("PERSON:donald trump", "PERSON:xi jinping")
    a = claim("a", "location", "Osaka", "meeting", "meet", unit="city", entities=people,
              event_date="2019-06-29")
    b = claim("b", "location", "Busan", "meeting", "meet", unit="city", entities=people,
              event_date="2025-10-30")
    c = claim("c", "location", "Seoul", "meeting", "meet", unit="city", entities=people,
              event_date="2025-10-30")
    assert [(x.value_a, x.value_b) for x in conflicts(a, b, c)] == [("Busan", "Seoul")]


def test_conflicts_dates_bound_and_containment():
    people = ("PERSON:donald trump", "PERSON:xi jinping")
    a = claim("a", "date", "2025-10-30", "meeting", "meet", unit="", entities=people)
    b = claim("b", "date", "2019", "meeting", "meet", unit="", approx="since", entities=people)
    c = claim("c", "date", "2025", "meeting", "meet", unit="", entities=people)
    d = claim("d", "date", "2025-10-31", "meeting", "meet", unit="", entities=people)
    kinds = [x.kind for x in conflicts(a, b, c, d)]
    assert kinds == ["date_mismatch"]


def test_conflicts_money_needs_same_currency():
    a = claim("a", "money", 550e9, "investment", "announce", unit="USD")
    b = claim("b", "money", 350e9, "investment", "announce", unit="USD")
    e = claim("e", "money", 350e9, "investment", "announce", unit="EUR")
    [c] = conflicts(a, b)
    assert c.kind == "numeric_mismatch"
    assert display_value(a) == "USD 550 billion"
    assert conflicts(a, e) == []


def test_conflicts_prices_per_unit_are_compared_with_the_same_rate_only():
    a = claim("a", "money", 80.0, "price of oil", "trade", unit="USD per barrel")
    b = claim("b", "money", 85.0, "price of oil", "trade", unit="USD per barrel")
    c = claim("c", "money", 85.0, "price of oil", "trade", unit="USD")
    [found] = conflicts(a, b)
    assert (found.value_a, found.value_b) == ("USD 80 per barrel", "USD 85 per barrel")
    assert conflicts(a, c) == []


def test_conflicts_role_mismatch():
    a = claim("a", "role", "prime minister", "sanae takaichi", "hold role", unit="")
    b = claim("b", "role", "president", "sanae takaichi", "hold role", unit="")
    g = claim("g", "role", "leader", "sanae takaichi", "hold role", unit="")
    [c] = conflicts(a, b)
    assert c.kind == "entity_mismatch"
    assert conflicts(a, g) == []


def test_big_block_candidates_by_word_classes_give_the_slots_of_all_pairs(monkeypatch):
    """A block with many distinct subjects finds its candidate pairs through the subsets
    of each subject's word classes; the slots and conflicts are those of trying every
    pair, and the streamed conflicts are find_conflicts' in the same order."""
    import random

    import claimcheck.compare.clusters as clusters
    from claimcheck.compare.conflicts import iter_conflicts

    rng = random.Random(3)
    goods = [f"{w} {v}" for w in ("steel", "soybean", "chip", "car", "drug", "rare earth",
                                  "lumber", "beef", "solar panel", "battery", "ship", "coal")
             for v in ("import", "export", "part", "shipment", "supply", "product", "cargo")]
    # narrower and wider wordings of the same goods: "steel", "chinese steel import" …
    goods += ["steel", "soybean", "chinese steel import", "chinese soybeans", "ships",
              "chinese rare earth export", "the chip"]
    made = [claim(f"s{rng.randrange(12)}", "percent", float(rng.choice((10, 15, 20, 25))),
                  f"tariff on {rng.choice(goods)}") for _ in range(400)]
    whole_slots = cluster_claims(made)
    whole = find_conflicts(whole_slots, made)
    monkeypatch.setattr(clusters, "ALL_PAIRS_MAX", 10**9)
    slots = cluster_claims(made)
    assert slots == whole_slots and find_conflicts(slots, made) == whole
    assert list(iter_conflicts(slots, made)) == whole
    assert len(whole) > 50 and len({c.subject for c in made}) > 64  # the class path


def test_findings_made_without_pair_rows_equal_the_grouped_pair_rows():
    """iter_conflicts makes findings from slot_finding_parts (no row that is no finding's
    best is built); they equal group_findings of the pairwise rows, order and ids too."""
    import random
    from dataclasses import replace as _replace

    from claimcheck.compare.clusters import cluster_claims
    from claimcheck.compare.conflicts import find_conflicts, find_findings_and_pairs
    from claimcheck.settings import Settings
    from claimcheck.write.tables import read_claims_table

    base = read_claims_table(Path(__file__).parent.parent / "data" / "claims.csv")
    rng = random.Random(7)
    claims = list(base)
    for n in range(6):  # more sources with perturbed values: several slots per key
        for c in base:
            value = c.value
            if isinstance(value, float) and rng.random() < 0.4:
                value = round(value * rng.choice((0.5, 0.9, 1.1, 2.0)), 1)
            claims.append(_replace(c, claim_id=f"{c.claim_id}-{n}", source=f"{c.source}-{n}",
                                   value=value))
    settings = Settings()
    slots = cluster_claims(claims, settings)
    findings = find_conflicts(slots, claims, settings, pairs=False)
    grouped, _pairs = find_findings_and_pairs(slots, claims, settings)
    assert len(findings) > 5
    assert findings == grouped


def _crowded_slot_claims(seed: int) -> list[Claim]:
    """Claims of a few slots stated by many sources: several values (exact, approximate,
    bounds, transitions), hedges, wordings of one subject, and running tallies dated,
    undated and reported at different times of one day."""
    import random

    rng = random.Random(seed)
    subjects = ["tariff on steel", "tariff on steel imports", "tariffs on chinese steel",
                "tariff on soybeans"]
    times = ["", "As of 4 pm officials said", "By 9 a.m. officials said"]
    out: list[Claim] = []
    for s in range(rng.randrange(40, 90)):
        source = f"outlet{s % 7}-{s:03d}"
        for _ in range(rng.randrange(1, 4)):
            c = claim(source, "percent", float(rng.choice((10, 15, 20, 20, 25))),
                      rng.choice(subjects), rng.choice(("reduce", "raise", "reduce")),
                      approx=rng.choice(("", "", "", "about", "up to", "at least")),
                      modality=rng.choice(("asserted", "asserted", "hedged", "expected")),
                      value_from=rng.choice((None, None, None, 30.0)))
            out.append(c)
        if rng.random() < 0.6:
            value = float(rng.choice((12, 12, 40, 41, 87)))
            out.append(Claim(
                claim_id=f"t{next(_IDS)}", source=source, sentence_id=1, char_start=s,
                char_end=s + 2, span=f"{value:g}", kind="count", subject="people",
                predicate="die", value=value, unit="people",
                approx=rng.choice(("", "", "about")), attribute="deaths",
                published=rng.choice(("2026-03-02", "2026-03-02", "2026-03-03", "")),
                sentence=f"{rng.choice(times)} {value:g} people died."))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_findings_read_from_classes_equal_the_grouped_pair_rows(seed):
    """The findings path reads value and subject classes, never pairs of sources
    (conflicts.slot_finding_parts): on slots of many sources, values, hedges and running
    tallies it gives exactly group_findings of the pairwise rows (rows, representative
    pair, sides, explanation, order), and each finding's id is finding_id of its content."""
    from claimcheck.compare.conflicts import find_findings_and_pairs, finding_id
    from claimcheck.settings import Settings

    made = _crowded_slot_claims(seed)
    settings = Settings()
    slots = cluster_claims(made, settings)
    findings = find_conflicts(slots, made, settings)
    grouped, pairs = find_findings_and_pairs(slots, made, settings)
    assert findings == grouped
    assert len(pairs) > len(findings) > 3
    assert max(len(f.sources_a) + len(f.sources_b) for f in findings) >= 8
    assert any(f.value_a.endswith("people") for f in findings)  # a running tally's
    assert len({f.conflict_id for f in findings}) == len(findings)
    for f in findings:
        assert f.conflict_id == finding_id(f.slot, f.value_b, f.sources_b, f.value_a,
                                           f.sources_a)


def test_findings_read_from_classes_equal_the_grouped_pair_rows_on_the_golden_claims():
    """The same on the claims of data/sources (data/claims.csv, the golden table)."""
    from claimcheck.compare.conflicts import find_findings_and_pairs
    from claimcheck.settings import Settings
    from claimcheck.write.tables import read_claims_table

    made = read_claims_table(Path(__file__).parent.parent / "data" / "claims.csv")
    settings = Settings()
    slots = cluster_claims(made, settings)
    findings = find_conflicts(slots, made, settings)
    assert findings and findings == find_findings_and_pairs(slots, made, settings)[0]


def _attributed_frame_claims(seed: int) -> list[Claim]:
    """Claims of attributed frames (a turnout, a depth whose place is compared, a death
    toll) stated by many sources under many subjects: transitions whose explanation
    names their subject, rises and cuts, hedges, places and running tallies."""
    import random
    from dataclasses import replace as _replace

    rng = random.Random(seed)
    words = ["regional", "national", "early", "postal", "final", "first round", "youth"]
    out: list[Claim] = []
    for s in range(rng.randrange(40, 80)):
        source = f"outlet{s % 5}-{s:03d}"
        for _ in range(rng.randrange(1, 4)):
            c = claim(source, "percent", float(rng.choice((40, 45, 45, 50, 60))),
                      f"{rng.choice(words)} turnout {rng.choice(words)}",
                      rng.choice(("rise", "reduce", "", "")),
                      approx=rng.choice(("", "", "about", "at least")),
                      modality=rng.choice(("asserted", "asserted", "hedged")),
                      value_from=rng.choice((None, None, 30.0, 35.0)))
            out.append(_replace(c, attribute="turnout"))
        c = claim(source, "quantity", float(rng.choice((10, 10, 12, 20))),
                  f"depth of the {rng.choice(words)} quake", "", unit="km")
        out.append(_replace(c, attribute="depth", scope=rng.choice(
            ("", "in kerr county", "in kerr county @ child", "in travis county"))))
        value = float(rng.choice((12, 40, 41, 87)))
        c = claim(source, "count", value, f"{rng.choice(words)} people", "die",
                  unit="people", approx=rng.choice(("", "", "about")))
        out.append(_replace(c, attribute="deaths", span=f"{value:g}",
                            published=rng.choice(("2026-03-02", "2026-03-03", "")),
                            sentence=f"{rng.choice(('', 'As of 4 pm'))} {value:g} died."))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_findings_of_attributed_frames_read_classes_across_subjects(seed):
    """In a slot of one attributed frame, a class of claims holds every subject
    (conflicts._frame_subject_key): the findings still equal group_findings of the
    pairwise rows, which compare claim by claim, and a transition's explanation names
    the subjects of its own two claims."""
    from claimcheck.compare.conflicts import (
        _frame_subject_key,
        _subject_key,
        _value_classes,
        find_findings_and_pairs,
    )
    from claimcheck.settings import Settings

    made = _attributed_frame_claims(seed)
    settings = Settings()
    slots = cluster_claims(made, settings)
    findings = find_conflicts(slots, made, settings)
    grouped, pairs = find_findings_and_pairs(slots, made, settings)
    assert findings == grouped
    assert len(pairs) > len(findings) > 5
    assert {f.kind for f in findings} >= {"transition_mismatch", "numeric_mismatch"}
    by_id = {c.claim_id: c for c in made}
    turnout = [by_id[k] for s in slots if s.key.startswith("percent") for k in s.claim_ids]

    def classes(key):
        return [found for _c, by_subject in _value_classes(turnout, key)
                for _k, found in by_subject]

    assert len(classes(_frame_subject_key)) < len(classes(_subject_key))
    assert any(len({c.subject for c in found}) > 2 for found in classes(_frame_subject_key))
    for f in findings:
        if f.kind == "transition_mismatch":
            assert f" says {by_id[f.claim_a].subject} went " in f.explanation


def test_update_groups_split_a_running_tally_by_what_same_update_reads():
    """In a running tally's slot, claims are grouped by day and report time, and by the
    figures of their source only when some claim of the slot is undated."""
    from claimcheck.compare.conflicts import _update_groups, update_index

    def toll(source, value, published, sentence=""):
        return Claim(claim_id=f"{source}-{value}", source=source, sentence_id=0,
                     char_start=0, char_end=2, span=str(value), kind="count",
                     subject="people", predicate="die", value=float(value), unit="people",
                     attribute="deaths", published=published, sentence=sentence)

    dated = [toll("a", 12, "2026-03-02"), toll("b", 40, "2026-03-02"),
             toll("c", 41, "2026-03-02", "As of 4 pm, 41 died."), toll("d", 87, "2026-03-03")]
    same = update_index(dated)
    assert sorted(len(g) for g in _update_groups(dated, dated, same)) == [1, 1, 2]
    undated = [*dated, toll("e", 40, "")]
    same = update_index(undated)
    groups = _update_groups(undated, undated, same)
    assert len(groups) == 5
    for g in groups:
        for h in groups:
            assert len({same(x, y) for x in g for y in h}) == 1
