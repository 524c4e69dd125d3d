"""Claim frames (issue "Real news I"): attribute, scope and occurrence from invented
sentences, the lexicon as validated data, hedges as intervals, one finding per
disagreement and running tallies as updates."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from claimcheck.compare.clusters import block_key, cluster_claims
from claimcheck.compare.conflicts import find_conflicts, interval
from claimcheck.extraction.frames import (
    NOT_A_CLAIM,
    LexiconError,
    build_lexicon,
    frame_of,
    load_lexicon,
)
from claimcheck.records import Claim
from claimcheck.settings import Settings


def frame(kind: str, text: str, span: str, subject: str = "", predicate: str = "",
          year: int | None = 2025, people: tuple[str, ...] = ()):
    start = text.index(span)
    return frame_of(kind, text, start, start + len(span), subject, predicate, year,
                    people=people)


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("At least 37 people died and 112 are still missing.", "37", "deaths"),
    ("At least 37 people died and 112 are still missing.", "112", "missing"),
    ("37 dead, 112 missing as storm hits coast", "37", "deaths"),
    ("37 dead, 112 missing as storm hits coast", "112", "missing"),
    ("Police detained 6 people after the march.", "6", "arrested"),
    ("Some 150 people remain unaccounted for.", "150", "missing"),
    ("The blast killed at least 51 people.", "51", "deaths"),
    ("The death toll rose to 43, including 15 children.", "43", "deaths"),
    ("The death toll rose to 43, including 15 children.", "15", "deaths"),
    ("Of the 45 injured, 9 are critical.", "45", "injured"),
    ("Over 850 people were rescued or evacuated.", "850", "rescued"),
    ("28 adults and 15 children are among the deceased.", "28", "deaths"),
    ("The clinic treated 40 wounded people overnight.", "40", "injured"),
    ("Thai officials reported three fatalities on Friday.", "three", "deaths"),
    ("She and 24 other codefendants were accused of embezzlement.", "24", "defendants"),
    # "N others" where a trial is named are the people tried together …
    ("The trial of Smith and 12 others opened on Monday.", "12", "defendants"),
    ("Smith and 12 others went on trial in March.", "12", "defendants"),
    ("He was fined, in a trial that had seen him and 9 other officials of the firm.", "9",
     "defendants"),
    # … but not where a verdict counts those convicted, nor where no trial is named
    ("She was convicted with eight other MPs at the end of the trial.", "eight", ""),
    ("Smith and 12 other officials attended the ceremony.", "12", "attendance"),
    # a count coordinated after "and", only a figure and its noun, shares the first's
    ("The jet was carrying 170 passengers and six crew members.", "six", "aboard"),
    ("The blast killed 20 people and two police officers.", "two", "deaths"),
    # … not one with a verb of its own
    ("The quake killed 62 people and 300 homes collapsed.", "300", ""),
])
def test_attribute_of_counts(text, span, attribute):
    assert frame("count", text, span).attribute == attribute


@pytest.mark.parametrize(("kind", "text", "span", "attribute"), [
    ("money", "The startup raised $1.2 billion in its listing.", "$1.2 billion", "proceeds"),
    ("money", "Investors valued the firm at $19.3 billion.", "$19.3 billion", "valuation"),
    ("money", "Shares opened at $85 on Thursday.", "$85", "opening price"),
    ("money", "The stock closed at $115.50.", "$115.50", "closing price"),
    ("money", "Regulators fined the bank €2.95 billion.", "€2.95 billion", "fine"),
    ("money", "It paid a record €2.95 billion fine.", "€2.95 billion", "fine"),
    ("money", "The board accepted a £130m bid from the club.", "£130m", "bid"),
    ("money", "It beat the rival's $20 billion offer.", "$20 billion", "bid"),
    ("money", "The club signed the striker for £125m.", "£125m", "deal value"),
    ("time", "The plane crashed at 9:03 a.m.", "9:03 a.m.", "crash"),
    ("time", "The pilot declared mayday at 8:59.", "8:59", "mayday"),
    ("date", "The court sentenced him on Monday.", "Monday", "verdict"),
    ("date", "No rain was reported until the flood arrived early Friday morning.",
     "early Friday morning", "flooding"),
    ("date", "When the flash flood struck early on Friday, 700 were there.", "Friday",
     "flooding"),
    ("time", "The earthquake struck at 12:50 local time.", "12:50", "earthquake"),
    ("time", "The plane arrived at 9:03.", "9:03", "landing"),
    ("date", "Heavy rains began pounding the county, 60 miles north of the city, on Friday "
     "night.", "Friday night", "flooding"),
    ("date", "Officials met the families of the victims, on Friday.", "Friday", ""),
    ("money", "The company reported sales of $5 billion.", "$5 billion", ""),
    # money borrowed to pay for a deal is not what the deal is worth
    ("money", "It will fund the purchase with cash and about $9 billion of new debt.",
     "$9 billion", "debt"),
    ("money", "It agreed a deal valued at $15.1 billion including debt.", "$15.1 billion",
     "valuation"),
    # a longer phrase of the lexicon owns its words, read from either end
    ("time", "The jet made a belly landing at 9:03.", "9:03", "crash"),
    ("time", "The gunman opened fire at 10:15.", "10:15", "attack"),
    ("time", "The plane made a landing at 9:03.", "9:03", "landing"),
])
def test_attribute_of_money_and_events(kind, text, span, attribute):
    assert frame(kind, text, span).attribute == attribute


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("The flood killed 43 people, including 15 children.", "15", "child"),
    ("Three people died in Kerr County on Friday.", "Three", "in kerr county"),
    ("Ten people died in Bangkok.", "Ten", "in bangkok"),
    ("In Bangkok, ten people died and 101 are missing.", "101", "in bangkok"),
    ("In Lyon, ten people died, the mayor said.", "ten", "in lyon"),
    ("Ten people died, the mayor of Lyon said.", "Ten", ""),
    ("Reports say that in Bangkok, over 100 people are missing.", "100", "in bangkok"),
    ("Reports say that in the end, over 100 people are missing.", "100", ""),
    ("Reports say that in Bangkok, several towers collapsed, leaving over 100 people missing.",
     "100", "in bangkok"),
    ("It burned at an airport in South Korea, with 179 people feared dead.", "179", ""),
    ("Ten people died on Friday.", "Ten", ""),
    ("Ten workers were trapped under the rubble.", "Ten", "worker"),
    ("It was fined 5 billion for abuses in the Android ecosystem.", "5 billion", ""),
    ("He scored 54 times in the Premier League era.", "54", ""),
    ("Ten people died in the Philippines on Friday.", "Ten", "in philippines"),
    ("She and 24 others were accused of paying staff who never worked in Brussels.", "24",
     ""),
    ("Ten people who were visiting died in Bangkok.", "Ten", "in bangkok"),
])
def test_scope(text, span, scope):
    assert frame("count", text, span).scope == scope


def test_a_person_other_than_the_protagonist_scopes_a_value():
    text = "Smith won 52% while Jones took 47%."
    people = ("anna smith", "bob jones")
    assert frame("percent", text, "52%", "smith", people=people).scope == "anna smith"
    assert frame("percent", text, "47%", "jones", people=people).scope == "bob jones"


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("Trzaskowski received 48.11% of the support.", "48.11%", "rafal trzaskowski"),
    ("Trzaskowski then won 48.11% of the vote.", "48.11%", "rafal trzaskowski"),
    ("Nawrocki beat Trzaskowski with 50.89% of the vote.", "50.89%", ""),
    ("The poll showed Trzaskowski with 50.3 percent and Nawrocki with 49.7 percent.",
     "49.7 percent", "karol nawrocki"),
    ("The poll showed Trzaskowski with 50.3 percent and Nawrocki with 49.7 percent.",
     "50.3 percent", "rafal trzaskowski"),
    ("Trzaskowski said 48% of the vote was enough.", "48%", ""),
    ("Trzaskowski stated that 48% of the vote was enough.", "48%", ""),
    ("Trzaskowski confirmed 48% turnout.", "48%", ""),
    ("A late poll gave Nawrocki 50.7% and Trzaskowski 49.3%.", "49.3%", "rafal trzaskowski"),
])
def test_the_person_doing_what_gives_the_value_scopes_it(text, span, scope):
    people = ("rafal trzaskowski", "karol nawrocki")
    assert frame("percent", text, span, "vote", people=people).scope == scope


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("The poll showed Kowalski with 50.3 percent and Nowak with 49.7 percent.",
     "49.7 percent", "nowak"),
    ("A late poll gave Nowak 50.7% and Kowalski 49.3%.", "49.3%", "kowalski"),
    ("In May 40% of voters stayed home.", "40%", ""),
    ("Turnout reached 71% in the runoff.", "71%", ""),
    # a name before a verb of receiving owns the share, first word of the sentence or not
    ("Kowalski received 48.1% of the support.", "48.1%", "kowalski"),
    ("On Sunday Nowak won 52% of the vote.", "52%", "nowak"),
    ("Nowak garnered 50.9 percent, the commission said.", "50.9 percent", "nowak"),
    # but never a pronoun, a function word or a month
    ("He won 52% of the vote.", "52%", ""),
    ("They received 30% of the vote.", "30%", ""),
    ("May received 30% of the rainfall.", "30%", ""),
])
def test_a_name_the_recogniser_missed_owns_the_share_it_is_given(text, span, scope):
    assert frame("percent", text, span, "vote").scope == scope


@pytest.mark.parametrize(("text", "span"), [
    ("Nowak received 30% of the votes counted in the city.", "30%"),
    ("Prices rose by 30% of the amount reported last year.", "30%"),
])
def test_a_share_of_counted_votes_is_still_a_share(text, span):
    assert not frame("percent", text, span, "vote").attribute.startswith(NOT_A_CLAIM)


def test_a_name_that_is_not_the_subject_does_not_scope_a_value():
    text = "87 people had been killed by Storm Elin and 140 injured."
    f87 = frame("count", text, "87", "people", "kill", people=("storm elin",))
    f140 = frame("count", text, "140", "storm elin", "kill", people=("storm elin",))
    assert (f87.attribute, f87.scope) == ("deaths", "")
    assert f140.attribute == "injured"


@pytest.mark.parametrize(("text", "span", "occurrence"), [
    ("A strong aftershock of magnitude 6.4 followed.", "6.4", "aftershock"),
    ("It triggered aftershocks, one measuring 6.4.", "6.4", "aftershock"),
    ("The 7.7 quake was the strongest in the region.", "7.7", ""),
    ("A 5.9 quake in 2019 was weaker.", "5.9", "2019"),
    ("The exit poll gave her 50.3%.", "50.3%", "exit poll"),
    # an estimate named anywhere before the value in its sentence
    ("The first exit poll, released as voting ended at 9 p.m. local time, showed Nowak "
     "with 50.3 percent.", "50.3 percent", "first exit poll"),
    ("A late exit poll published by another agency later gave Nowak 50.7%.", "50.7%",
     "late exit poll"),
    ("An opinion poll of 1,000 adults, carried out over a week, found 41% back the plan.",
     "41%", "opinion poll"),
    # a name is no estimate, and polls where people vote are none either
    ("The U.S. Geological Survey, which tracks quakes worldwide, put the magnitude at 7.7.",
     "7.7", ""),
    ("Polls across the country, which opened early, closed with turnout at 64%.", "64%", ""),
    ("Nowak won 50.9% of the vote, more than the polls had shown.", "50.9%", ""),
    ("It is within the exit poll’s 2 percentage point margin of error.", "2", "exit poll"),
    # a share given while the count goes on is a partial count; a finished count's is not
    ("With 60% of precincts reporting, Nowak had 52% of the vote.", "52%", "partial count"),
    ("After 100% of ballots were counted, Nowak had 50.9% of the vote.", "50.9%", ""),
    # a relative clause on an occurrence belongs to it
    ("The first round was held on May 18, in which Nowak secured 31.4 percent.",
     "31.4 percent", "first round"),
    ("If priced at $85, it would have raised $650 million more.", "$650 million",
     "hypothetical"),
    ("If priced at $85, it would have raised $650 million more.", "$85", "hypothetical"),
    ("Priced at $90, it could have potentially raised ~$5.5B.", "$5.5B", "hypothetical"),
    ("Had it priced higher, the firm might have made $5.5 billion.", "$5.5 billion",
     "hypothetical"),
    ("The merged company would have a market value of $200 billion.", "$200 billion", ""),
    ("It said it would raise $2 billion.", "$2 billion", ""),
    ("In those years a rival almost acquired the firm for $20 billion.", "$20 billion",
     "hypothetical"),
    ("The club nearly signed him for £40m.", "£40m", "hypothetical"),
    ("Sales nearly doubled to $4 billion.", "$4 billion", ""),
    ("His £100m signing earlier this summer will rise to £116m.", "£100m", ""),
    ("An earlier bid of £110m was rejected.", "£110m", "earlier"),
    ("He threatened tariffs of up to 155% if no deal is reached.", "155%", ""),
    ("Prosecutors sought a harsh sentence, including five years in prison.", "five years",
     "prosecutor"),
])
def test_occurrence(text, span, occurrence):
    kind = ("money" if "$" in span else "percent" if "%" in span
            else "duration" if "year" in span else "count")
    assert frame(kind, text, span).occurrence == occurrence


@pytest.mark.parametrize(("kind", "text", "span", "why"), [
    ("duration", "The 61-year-old leader resigned.", "61-year-old", "age"),
    ("count", "The leader, 61 years old, resigned.", "61", "age"),
    ("duration", "It was the worst flood in nearly 50 years.", "50 years", "span of comparison"),
    ("count", "Jeju Air flight 2216 crashed.", "2216", "identifier"),
    ("count", "It closed higher [12] on Friday.", "12", "citation mark"),
    ("count", "Tremors registered between magnitudes 3 and 5.", "3", "range bound"),
    ("count", "Tremors registered between magnitudes 3 and 5.", "5", "range bound"),
    # how far a count has gone is not a share of it
    ("percent", "Results came after 100% of the votes from all stations were counted.", "100%",
     "count progress"),
    ("percent", "With 95 percent of precincts reporting, he led.", "95 percent",
     "count progress"),
    ("percent", "Figures were updated with data received from 50% of commissions.", "50%",
     "count progress"),
])
def test_not_claims(kind, text, span, why):
    assert frame(kind, text, span).attribute == f"{NOT_A_CLAIM}: {why}"


# ------------------------------------------------------------------------ lexicon


def test_builtin_lexicon_loads_and_every_attribute_has_words():
    lex = load_lexicon()
    assert {"deaths", "injured", "missing", "fine", "crash"} <= set(lex.attributes)
    assert lex.running("deaths") and not lex.running("fine")
    for name in lex.attributes:
        assert any(name == n for entries in lex.triggers.values() for _p, n in entries)


def test_an_analysts_lexicon_adds_an_attribute(tmp_path):
    extra = tmp_path / "sport.json"
    extra.write_text(json.dumps({"attributes": {"goals": {
        "kinds": ["count"], "running": False, "words": ["goals", "scored", "netted"]}}}))
    lex = load_lexicon(str(extra))
    text = "He netted 63 times for the club."
    start = text.index("63")
    assert frame_of("count", text, start, start + 2, "", "", 2025, lex).attribute == "goals"
    assert frame_of("count", text, start, start + 2, "", "", 2025).attribute == ""


@pytest.mark.parametrize(("doc", "message"), [
    ([], "a JSON object"),
    ({"attributes": {"x": {"kinds": ["weight"], "words": ["x"]}}}, "'kinds'"),
    ({"attributes": {"x": {"kinds": ["count"], "words": []}}}, "'words'"),
    ({"attributes": {"x": {"kinds": ["count"], "words": ["x"], "runing": True}}}, "unknown key"),
    ({"generic_heads": "people"}, "list of non-empty strings"),
    ({"colour": []}, "unknown key"),
])
def test_malformed_lexicons_are_refused_with_a_reason(doc, message):
    with pytest.raises(LexiconError, match=message):
        build_lexicon((doc, "my.json"))


def test_a_malformed_lexicon_file_is_one_line_on_the_cli(tmp_path):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    art = tmp_path / "a.txt"
    art.write_text("At least 37 people died.")
    r = CliRunner().invoke(app, ["conflicts", str(art), "--lexicon", str(bad), "-m", "rules"])
    assert r.exit_code == 1
    assert "bad.json: not a JSON lexicon" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------- slots and intervals


def claim(source, value, attribute="deaths", approx="", scope="", occurrence="",
          published="", span=None, kind="count", unit="people", subject="people"):
    return Claim(claim_id=f"{source}-{value}-{attribute}", source=source, sentence_id=0,
                 char_start=0, char_end=3, span=span or f"{value:g}", kind=kind,
                 subject=subject, predicate="", value=float(value), unit=unit, approx=approx,
                 attribute=attribute, scope=scope, occurrence=occurrence, published=published)


def conflicts(*claims, pairs=False):
    settings = Settings(pairs=pairs)
    return find_conflicts(cluster_claims(claims, settings), claims, settings)


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("She was sentenced to four years in prison, two of them suspended.", "four years",
     "prison term"),
    ("She was sentenced to four years in prison, two of them suspended.", "two",
     "suspended term"),
    ("The court imposed a five-year ban on running for office.", "five-year", "ban"),
    ("He signed a six-year contract.", "six-year", "contract"),
])
def test_attribute_of_durations(text, span, attribute):
    assert frame("duration", text, span).attribute == attribute


def _share(source, value, scope, person=""):
    c = claim(source, value, attribute="vote share", scope=scope, kind="percent", unit="%",
              subject="vote")
    return replace(c, entities=(f"PERSON:{person}",) if person else ())


def test_a_person_named_in_full_or_by_surname_is_one_scope():
    full = _share("a", 49.11, "rafał trzaskowski", "Rafał Trzaskowski")
    short = _share("b", 48.11, "trzaskowski")
    other = _share("c", 48.11, "rafal trzaskowski", "Rafal Trzaskowski")
    assert block_key(full) == block_key(short) == block_key(other)
    assert full.scope == "rafał trzaskowski"  # the claim keeps the name as written
    [found] = conflicts(full, short)
    assert {found.value_a, found.value_b} == {"49.11%", "48.11%"}
    assert len(conflicts(full, other, short)) == 1  # Rafał and Rafal: one person


def test_two_people_of_one_surname_are_two_scopes():
    anna = _share("a", 30, "anna smith", "Anna Smith")
    john = _share("b", 45, "john smith", "John Smith")
    assert block_key(anna) == block_key(john)  # one block by surname …
    assert conflicts(anna, john) == []  # … but two people by their first names


def test_a_generic_head_alone_never_joins_a_slot():
    assert block_key(claim("a", 6, attribute="")) is None
    assert block_key(claim("a", 6, attribute="", subject="children")) is None
    assert block_key(claim("a", 6, attribute="", subject="storeys", unit="storey")) is not None


def test_different_attributes_scopes_and_occurrences_are_different_slots():
    base = {"published": "2025-03-04"}
    assert conflicts(claim("a", 37, **base), claim("b", 112, "missing", **base)) == []
    assert conflicts(claim("a", 43, **base), claim("b", 15, scope="child", **base)) == []
    assert conflicts(claim("a", 6.4, "magnitude", occurrence="aftershock", unit="magnitude"),
                     claim("b", 7.7, "magnitude", unit="magnitude")) == []


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ((410, "at least"), (520, "at least"), False),  # two lower bounds never conflict
    ((2.7e6, "about"), (3e6, "more than"), True),   # below the other's lower bound
    ((400, "nearly"), (250, "about"), True),
    ((1300, ""), (1200, "more than"), False),
    ((11, ""), (12, ""), True),                      # precise values: any difference
    ((19.3e9, ""), (19.5e9, ""), True),
])
def test_hedges_are_intervals(a, b, conflict):
    x = claim("x", a[0], "valuation", approx=a[1], kind="money", unit="USD",
              span=f"{a[0] / 1e9:g} billion" if a[0] > 1e8 else None)
    y = claim("y", b[0], "valuation", approx=b[1], kind="money", unit="USD",
              span=f"{b[0] / 1e9:g} billion" if b[0] > 1e8 else None)
    assert bool(conflicts(x, y)) == conflict


def test_interval_reads_stated_precision():
    c = claim("x", 2.7e6, "valuation", kind="money", unit="USD", span="$2.7 million")
    lo, hi = interval(c, 2.7e6, Settings())
    assert lo == pytest.approx(2.65e6) and hi == pytest.approx(2.75e6)


def test_an_explanation_says_it_in_words():
    (f,) = conflicts(claim("x", 2.7e6, "valuation", approx="about", kind="money", unit="USD",
                           span="$2.7 million"),
                     claim("y", 3e6, "valuation", approx="more than", kind="money", unit="USD",
                           span="$3 million"))
    assert "about USD 2.7 million" in f.explanation and "more than USD 3 million" in f.explanation


def test_one_finding_per_disagreement_lists_every_source():
    found = conflicts(*[claim(s, 130, "fee", kind="money", unit="GBP") for s in "abcd"],
                      claim("e", 125, "fee", kind="money", unit="GBP"))
    assert len(found) == 1
    f = found[0]
    sides = {f.value_a: f.sources_a, f.value_b: f.sources_b}
    assert sides["GBP 130"] == ("a", "b", "c", "d") and sides["GBP 125"] == ("e",)
    assert {f.n_sources_a, f.n_sources_b} == {4, 1}
    pairs = conflicts(*[claim(s, 130, "fee", kind="money", unit="GBP") for s in "abcd"],
                      claim("e", 125, "fee", kind="money", unit="GBP"), pairs=True)
    assert len(pairs) == 4


def test_a_running_tally_on_different_days_is_an_update():
    a = claim("a", 9, published="2025-07-04")
    b = claim("b", 87, published="2025-07-08")
    assert conflicts(a, b) == []


def test_a_running_tally_of_the_same_day_conflicts():
    a = claim("a", 400, "missing", approx="nearly", published="2025-07-04")
    b = claim("b", 250, "missing", approx="about", published="2025-07-04")
    assert len(conflicts(a, b)) == 1


def test_undated_reports_of_one_update_are_tied_by_a_shared_figure():
    # both state 1,644 deaths: one update; their injured figures may then conflict
    a = [claim("a", 1644), claim("a", 2376, "injured")]
    b = [claim("b", 1644), claim("b", 3408, "injured")]
    c = [claim("c", 144), claim("c", 730, "injured")]  # an earlier update
    found = conflicts(*a, *b, *c)
    assert [(f.value_a, f.value_b) for f in found] == [("2376 people", "3408 people")]


def test_a_source_that_contradicts_itself_in_a_slot_is_left_out():
    a = [claim("a", 120000, "votes", unit="vote"), claim("a", 10.6e6, "votes", unit="vote")]
    b = [claim("b", 110000, "votes", unit="vote")]
    assert conflicts(*a, *b) == []


def _sentence_for(word: str, kind: str) -> tuple[str, str]:
    """An invented sentence in which ``word`` follows a value of ``kind``."""
    value = {"count": "17", "percent": "17%", "money": "$17 million", "quantity": "17 km",
             "duration": "17 years", "date": "on 3 March 2025", "time": "at 9:03"}[kind]
    span = value.removeprefix("on ").removeprefix("at ")
    return f"Officials said {value} {word} in the report.", span


def test_every_word_of_every_attribute_is_read():
    """Each entry of the built-in lexicon, placed right after a value of a kind it
    applies to in an invented sentence, gives its attribute (or an attribute whose phrase
    starts with the same word)."""
    lex = load_lexicon()
    missed = []
    for name, attr in lex.attributes.items():
        kind = sorted(attr.kinds)[0]
        for parts, owner in (p for entries in lex.triggers.values() for p in entries):
            if owner != name:
                continue
            text, span = _sentence_for(" ".join(parts), kind)
            got = frame(kind, text, span).attribute
            first_word_owners = {n for _p, n in lex.triggers[parts[0]]}
            if got != name and got not in first_word_owners:
                missed.append((name, " ".join(parts), got))
    assert not missed, missed


def test_a_date_two_years_before_the_story_is_another_occurrence():
    from datetime import date

    from claimcheck.pipeline import extract_article
    from claimcheck.records import Article

    art = Article(id="a", text="The election was held on 1 June 2025, two years after the "
                  "election of 15 October 2023.", published=date(2025, 6, 2))
    _sents, claims = extract_article(art, Settings(model="rules"))
    dates = {c.value: (c.attribute, c.occurrence) for c in claims if c.kind == "date"}
    assert dates["2025-06-01"] == ("election", "")
    assert dates["2023-10-15"] == ("election", "2023")


def test_people_counted_at_a_named_place_are_those_present():
    assert frame("count", "Out of 750 girls at Camp Mystic, 23 are missing.", "750").attribute \
        == "attendance"


def test_a_parenthesised_fee_belongs_to_the_name_before_it():
    text = "They signed Nick Woltemade (£69m) and Yoane Wissa (£55m) from Brentford."
    people = ("nick woltemade", "yoane wissa")
    f69 = frame("money", text, "£69m", people=people)
    f55 = frame("money", text, "£55m", people=people)
    assert (f69.attribute, f69.scope) == ("deal value", "nick woltemade")
    assert f55.scope == "yoane wissa"


@pytest.mark.parametrize(("text", "approx"), [
    ("Voter turnout was estimated at 72.8 percent.", "about"),
    ("Damage was put at $5 million.", "about"),
    ("An estimated 3,000 people marched.", "about"),
])
def test_estimates_are_hedges(text, approx):
    from claimcheck.values.mentions import find_mentions

    assert [m.approx for m in find_mentions(text, places=False)] == [approx]


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("Smith won 52% of the vote.", "52%", "vote share"),
    ("Jones received 47.9% of the ballots.", "47.9%", "vote share"),
    ("The poll has a margin of error of 2%.", "2%", "margin"),
])
def test_attribute_of_percentages(text, span, attribute):
    assert frame("percent", text, span).attribute == attribute


def test_a_percentage_of_a_generic_head_alone_is_never_compared():
    c = claim("a", 50.3, attribute="", kind="percent", unit="%", subject="vote")
    assert block_key(c) is None
    assert block_key(claim("a", 47, attribute="", kind="percent", unit="%",
                           subject="tariff on chinese goods")) is not None


def test_a_possessive_ends_a_place_name():
    assert frame("percent", "Turnout reached 71.6% in Poland's runoff.", "71.6%").scope \
        == "in poland"


@pytest.mark.parametrize(("text", "span"), [
    ("On July 28, 2025, the two boards agreed to the merger.", "July 28, 2025"),
    ("On Friday, the court sentenced him.", "Friday"),
])
def test_an_opening_date_dates_the_main_clause(text, span):
    assert frame("date", text, span).attribute in {"agreement", "verdict"}


def test_a_comma_after_a_figure_ends_its_clause():
    text = "The death toll has risen to 1,644, with 3,408 people injured."
    assert frame("count", text, "1,644", "death toll").attribute == "deaths"
    assert frame("count", text, "1,644", "naypyidaw").attribute == "deaths"
    assert frame("count", text, "3,408").attribute == "injured"


def test_a_time_a_figure_was_given_at_is_not_an_event_time():
    assert frame("time", "As of 16:20, 127 deaths were confirmed.", "16:20").attribute \
        == f"{NOT_A_CLAIM}: report time"


def test_an_undated_story_takes_its_year_from_the_years_it_names():
    from claimcheck.pipeline import extract_article
    from claimcheck.records import Article

    art = Article(id="a", text="The flooding began on 4 July 2025. It was the worst flooding "
                  "since the flooding of 1987.")
    _s, claims = extract_article(art, Settings(model="rules"))
    occ = {c.value: c.occurrence for c in claims if c.kind == "date"}
    assert occ["2025-07-04"] == "" and occ["1987"] == "1987"


def test_a_word_of_another_figure_is_not_this_ones():
    text = "The toll from the 7.7-magnitude quake has risen to 1,644."
    assert frame("count", text, "1,644").attribute == "deaths"


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("EU fines Google despite threats from former President Donald Trump.",
     "EU fines Google despite threats from President Donald Trump.", True),
    ("The ruling angered then-President Donald Trump.",
     "The ruling angered President Donald Trump.", False),
    ("Defence Minister Anna Berg visited the site.",
     "Deputy Prime Minister Anna Berg visited the site.", False),  # both may hold
])
def test_role_titles_conflict_only_when_they_cannot_both_hold(tmp_path, a, b, conflict):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    (tmp_path / "a.txt").write_text(a)
    (tmp_path / "b.txt").write_text(b)
    out = tmp_path / "c.csv"
    r = CliRunner().invoke(app, ["conflicts", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "-o", str(out), "--no-cache"])
    assert r.exit_code == 0, r.stderr
    rows = out.read_text().strip().splitlines()[1:]
    assert bool(rows) == conflict


@pytest.mark.parametrize(("text", "span"), [
    ("The ferry sank on Tuesday.", "Tuesday"),
    ("The ferry capsized at 06:10 local time.", "06:10 local time"),
    ("Survivors described the sinking on Monday.", "Monday"),
])
def test_a_sinking_is_an_event(text, span):
    kind = "time" if ":" in span else "date"
    assert frame(kind, text, span).attribute == "sinking"


# ------------------------------------------------- places that locate, openers, magnitudes


def test_a_located_attribute_meets_a_claim_that_names_no_place():
    # "a 33-storey tower in Chatuchak" and "a 30-storey tower": one building, two heights
    a = claim("a", 33, "storeys", scope="in chatuchak", unit="storey")
    b = claim("b", 30, "storeys", unit="storey")
    assert len(conflicts(a, b)) == 1
    # two places are two buildings
    c = claim("c", 3, "storeys", scope="in bang khun thian", unit="storey")
    assert conflicts(a, c) == []


def test_a_place_still_splits_a_tally():
    # "12 dead in Kerr County" is a part of "43 dead", not another figure for it
    base = {"published": "2025-07-05"}
    assert conflicts(claim("a", 43, **base), claim("b", 12, scope="in kerr county", **base)) == []


@pytest.mark.parametrize(("text", "span", "attribute", "occurrence"), [
    ("A 7.7 earthquake struck, followed by a 6.8 aftershock.", "6.8", "magnitude", "aftershock"),
    ("A 7.7 earthquake struck, followed by a 6.8 aftershock.", "7.7", "magnitude", ""),
    ("The quake killed 12 people.", "12", "deaths", ""),
    ("Aftershocks followed, more than 50, according to the agency, with the strongest "
     "measuring 6.4 magnitude.", "6.4", "magnitude", "aftershock"),
])
def test_a_number_before_a_quake_noun_is_its_magnitude(text, span, attribute, occurrence):
    kind = "count"
    f = frame(kind, text, span)
    assert (f.attribute, f.occurrence) == (attribute, occurrence)


def test_an_opening_year_is_the_occurrence_of_the_sentence():
    f = frame("money", "In 2018, the company was fined €4.34 billion.", "€4.34 billion")
    assert (f.attribute, f.occurrence) == ("fine", "2018")
    assert frame("money", "The company was fined €2.4 billion.", "€2.4 billion").occurrence == ""


def test_lexicon_flags_are_validated():
    with pytest.raises(LexiconError, match="'located' must be true or false"):
        build_lexicon(({"attributes": {"height": {"words": ["tall"], "located": "yes"}}},
                       "x.json"))
    lex = build_lexicon(({"attributes": {"height": {"kinds": ["quantity"], "words": ["tall"],
                                                    "located": True,
                                                    "after_value": ["tower"]}}}, "x.json"))
    assert lex.located("height") and not lex.located("deaths")
    assert lex.attributes["height"].after_value == frozenset({"tower"})


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("More than 100 people were missing from three construction sites.", "three", ""),
    ("More than 100 people were missing from three construction sites.", "100", "missing"),
    ("Twelve people were injured in 3 attacks.", "3", ""),
    ("The toll rose to 43 dead.", "43", "deaths"),
])
def test_a_count_after_a_preposition_counts_its_own_noun(text, span, attribute):
    assert frame("count", text, span).attribute == attribute


def test_small_or_hedged_shared_figures_do_not_place_two_reports_in_one_update():
    from claimcheck.compare.conflicts import update_index

    def c(source, value, attribute="deaths", modality="asserted"):
        x = claim(source, value, attribute)
        return Claim(**{**{f: getattr(x, f) for f in x.__dataclass_fields__},
                        "modality": modality})

    a = [c("a", 3, "missing"), c("a", 694), c("a", 10000, modality="hedged"),
         c("a", 1670, "injured")]
    b = [c("b", 3, "missing"), c("b", 1002), c("b", 10000, modality="hedged"),
         c("b", 2376, "injured")]
    same = update_index(a + b)
    assert not same(a[3], b[3])
    d = [c("d", 694), c("d", 2376, "injured")]
    assert update_index(a + d)(a[3], d[1])  # both report 694 dead: one update


@pytest.mark.parametrize(("kind", "text", "span", "scope"), [
    ("money", "The combined entity will have a market value of $250 billion.", "$250 billion",
     "combined"),
    ("money", "The deal values the railroad at $85 billion.", "$85 billion", ""),
    ("money", "It left them with a net spend of £218m.", "£218m", "net"),
    ("count", "The other railroad covers 22 eastern states.", "22", "eastern"),
    ("count", "Flooding closed 40 rural schools on Monday.", "40", "rural"),
    ("count", "The network reaches 43 states.", "43", ""),
])
def test_a_part_or_variant_word_scopes_a_value(kind, text, span, scope):
    assert frame(kind, text, span).scope == scope


def test_dates_of_an_event_years_apart_are_two_occurrences():
    def dated(source, value):
        return Claim(claim_id=f"{source}-{value}", source=source, sentence_id=0, char_start=0,
                     char_end=3, span=value, kind="date", subject="flood", predicate="",
                     value=value, unit="", attribute="flooding")
    assert conflicts(dated("a", "1987"), dated("b", "2025-07-04")) == []
    assert conflicts(dated("a", "2023"), dated("b", "2025-06-01")) == []
    assert len(conflicts(dated("a", "2025-07-03"), dated("b", "2025-07-04"))) == 1
    assert len(conflicts(dated("a", "2024"), dated("b", "2025-07-04"))) == 1  # a wrong year


@pytest.mark.parametrize(("text", "span", "attribute", "scope"), [
    ("Kerr County, located about 85 miles northwest of San Antonio, was hit hardest.",
     "85 miles", "distance", "from san antonio @ in kerr county"),
    ("It hit Kerr County, which is 65 miles north of San Antonio.", "65 miles", "distance",
     "from san antonio @ in kerr county"),
    ("Two aftershocks were reported approximately 20 miles from Mandalay.", "20 miles",
     "distance", "from mandalay"),
    ("The river rose 20 feet in two hours.", "20 feet", "", "change"),
])
def test_a_distance_to_a_named_place(text, span, attribute, scope):
    f = frame("quantity", text, span)
    assert (f.attribute, f.scope) == (attribute, scope)


def test_distances_from_one_place_meet_when_one_side_does_not_say_what_is_located():
    def far(source, miles, scope):
        return claim(source, miles, "distance", scope=scope, kind="quantity", unit="mile",
                     subject="mile")
    a = far("a", 85, "from san antonio @ in kerr county")
    assert len(conflicts(a, far("b", 65, "from san antonio"))) == 1
    assert conflicts(a, far("c", 65, "from san antonio @ in kendall county")) == []
    assert conflicts(a, far("d", 65, "from austin @ in kerr county")) == []


def test_a_distance_in_two_units_allows_the_rounding_of_a_conversion():
    def far(source, value, unit, span):
        return claim(source, value, "distance", scope="from seoul", kind="quantity", unit=unit,
                     subject="distance", span=span)
    assert conflicts(far("a", 180, "mile", "180 miles"), far("b", 288, "kilometre", "288 km")) == []
    assert len(conflicts(far("a", 180, "mile", "180 miles"),
                         far("b", 250, "kilometre", "250 km"))) == 1
    # in one unit, a whole figure is precise: 180 and 185 miles differ
    assert len(conflicts(far("a", 180, "mile", "180 miles"),
                         far("b", 185, "mile", "185 miles"))) == 1


@pytest.mark.parametrize(("text", "span", "attribute", "scope"), [
    ("Four deaths were reported in Travis County and three in Burnet County.", "three",
     "deaths", "in burnet county"),
    ("Two fatalities were reported from Burnet County.", "Two", "deaths", "in burnet county"),
    ("Liverpool signed him from Newcastle for 125 goals.", "125", "", ""),
    ("Four deaths were reported in Travis County and three roads were closed.", "three", "",
     ""),
])
def test_an_elided_noun_and_a_place_figures_were_reported_from(text, span, attribute, scope):
    f = frame("count", text, span)
    assert (f.attribute, f.scope) == (attribute, scope)


@pytest.mark.parametrize(("text", "span", "age"), [
    ("The mother of Janie Hunt, 9, said her daughter died.", "9", True),
    ("Lee, 32, was rescued.", "32", True),
    ("In Kerr County, 43 died.", "43", False),
])
def test_a_number_set_off_after_a_name_is_an_age(text, span, age):
    assert (frame("count", text, span).attribute == f"{NOT_A_CLAIM}: age") == age


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("The crash occurred two minutes after a bird strike warning was issued.", "two minutes",
     "crash & warning"),
    ("The tower issued a bird strike warning just six minutes before the plane crashed.",
     "six minutes", "crash & warning"),
    ("The plane took off 40 minutes late.", "40 minutes", ""),
    ("He resigned two days after the election.", "two days", "election & resignation"),
])
def test_a_duration_between_two_named_events(text, span, scope):
    f = frame("duration", text, span)
    assert f.scope == scope and (f.attribute == "interval" or not scope)


def test_intervals_between_the_same_events_conflict():
    def gap(source, minutes, scope="crash & warning"):
        return claim(source, minutes, "interval", scope=scope, kind="duration", unit="minute",
                     subject="warning")
    assert len(conflicts(gap("a", 2), gap("b", 6))) == 1
    assert conflicts(gap("a", 2), gap("b", 6, "crash & mayday")) == []


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("They signed Nick Woltemade from Stuttgart for an initial £69m and then Yoane Wissa.",
     "£69m", "nick woltemade"),
    ("They paid £55m for Yoane Wissa after signing Nick Woltemade.", "£55m", "yoane wissa"),
])
def test_a_fee_belongs_to_the_name_on_the_side_of_its_for(text, span, scope):
    people = ("nick woltemade", "yoane wissa")
    assert frame("money", text, span, people=people).scope == scope


def test_a_two_word_nationality_label_that_reads_as_a_name_is_a_person():
    from claimcheck.extraction.claims import _name_like

    assert _name_like("Florian Wirtz") and _name_like("Rafal Trzaskowski")
    assert not _name_like("South Korean") and not _name_like("German")
    assert not _name_like("Latin American") and not _name_like("• Florian")


def test_an_initial_fee_is_the_fee_and_a_seller_is_not_its_owner():
    people = ("nick woltemade", "brentford")
    f = frame("money", "Newcastle signed Nick Woltemade for an initial £69m.", "£69m",
              people=people)
    assert (f.attribute, f.occurrence, f.scope) == ("deal value", "", "nick woltemade")
    assert frame("money", "Their initial bid of £110m was rejected.", "£110m").occurrence \
        == "initial"
    f = frame("money", "They then signed Nick Woltemade from Brentford for £50m.", "£50m",
              people=people)
    assert f.scope == "nick woltemade"


def test_a_count_of_sites_after_the_value_is_a_part():
    f = frame("count", "More than 100 people were missing from three construction sites.",
              "100")
    assert (f.attribute, f.scope) == ("missing", "at construction site")
    assert frame("count", "At least 30 people are missing.", "30").scope == ""
    # a time of day after "at" is no count of sites
    assert frame("count", "A quake of magnitude 4.3 was felt at 1.29 PM.", "4.3").scope == ""
    assert frame("count", "Some 40 people were rescued at 9 am.", "40").scope == ""


def test_a_source_naming_two_located_things_is_not_self_contradictory():
    a = claim("a", 3, "storeys", scope="in bang khun thian", unit="storey")
    a34 = claim("a", 34, "storeys", scope="in chatuchak", unit="storey")
    b = claim("b", 30, "storeys", unit="storey")
    assert len(conflicts(a, a34, b)) == 1  # 34 against 30; the 3 is another building


@pytest.mark.parametrize(("kind", "text", "span", "conversion"), [
    ("money", "The EU fined Google €2.95 billion ($3.45 billion) on Friday.", "$3.45 billion",
     True),
    ("money", "The EU fined Google €2.95 billion ($3.45 billion) on Friday.", "€2.95 billion",
     False),
    ("money", "It paid C$400,000 (US$290,000) in damages.", "US$290,000", True),
    ("money", "It paid 2.95 billion euros (about $3.4 billion).", "$3.4 billion", True),
    ("money", "It paid $5 million (a record) and $2 million more.", "$2 million", False),
    ("quantity", "It crested at more than 39 feet (11.8 meters) on Friday.", "11.8 meters",
     True),
    ("quantity", "The gauge read 29 and a half feet (9 meters).", "9 meters", True),
    ("quantity", "It crested at more than 39 feet (11.8 meters) on Friday.", "39 feet", False),
    ("quantity", "The river rose 26 feet in 45 minutes (a record).", "26 feet", False),
])
def test_a_value_in_parentheses_after_another_is_its_conversion(kind, text, span, conversion):
    f = frame(kind, text, span)
    assert (f.attribute == f"{NOT_A_CLAIM}: conversion") == conversion


@pytest.mark.parametrize(("kind", "text", "span", "occurrence"), [
    ("percent", "The first exit poll gave him 50.3 percent.", "50.3 percent", "first exit poll"),
    ("percent", "A late exit poll gave him 49.3%.", "49.3%", "late exit poll"),
    ("count", "He scored 27 times in 42 appearances last season.", "42", "last season"),
    ("count", "He scored 27 times in 42 appearances in all competitions last season.", "42",
     "last season"),
    ("time", "It left at 1:30 a.m. and was scheduled to land at Muan at 8:30 a.m.", "8:30 a.m.",
     "scheduled"),
    ("time", "The flight was scheduled to land at 8:30 a.m.", "8:30 a.m.", "scheduled"),
    ("duration", "They requested a €2 million fine and sentences of up to one year in prison.",
     "one year", "requested"),
    ("quantity", "The former record of 5.2 metres was broken.", "5.2 metres", "former"),
    # a target is not a measurement
    ("percent", "The central bank, which targets 2% inflation, met on Thursday.", "2%",
     "target"),
    ("percent", "It beat the previous high of 40%.", "40%", "previous"),
    # "former" of a person is who, not which occurrence
    ("duration", "A court sentenced former minister Jane Smith to four years in prison.",
     "four years", ""),
    ("money", "The former Rovers striker was fined £5,000.", "£5,000", ""),
    # who asks for every object: the prosecutors' request, not the sentence
    ("money", "Prosecutors had sought five years in prison and a 300,000-euro fine.",
     "300,000-euro", "prosecutor"),
    ("money", "It topped the $20 billion bid from a rival that fell through in 2023.",
     "$20 billion", "fell through"),
    ("money", "A $9 billion takeover was called off last spring.", "$9 billion", "called off"),
    ("count", "The same flood killed 40 people ten years ago.", "40", "years ago"),
    ("money", "Reports said it would take an offer closer to £150m to sell him.", "£150m",
     "would take"),
    ("money", "The IPO popped, so they left $650M on the table.", "$650M", "on the table"),
])
def test_more_occurrences(kind, text, span, occurrence):
    assert frame(kind, text, span).occurrence == occurrence


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("It offered $82 a share, a 43% premium to Friday's close.", "Friday",
     f"{NOT_A_CLAIM}: trading session"),
    ("Shares rose 20% from Monday's closing price.", "Monday", f"{NOT_A_CLAIM}: trading session"),
    ("The deal is expected to close on Friday.", "Friday", "completion"),
])
def test_a_sessions_close_is_no_completion_date(text, span, attribute):
    assert frame("date", text, span).attribute == attribute


@pytest.mark.parametrize(("text", "span", "attribute", "scope"), [
    ("UK inflation fell to 3.4% in May.", "3.4%", "inflation", ""),
    ("Consumer prices rose 3.4% in the year to May.", "3.4%", "inflation", ""),
    ("Core inflation eased to 3.5%.", "3.5%", "inflation", "core"),
    ("Services inflation fell to 4.7%.", "4.7%", "inflation", "services"),
    # a capitalized word before another is part of a name or a heading, not a variant
    ("Core Insights - the firm raised $1.2 billion.", "$1.2 billion", "proceeds", ""),
    ("Acme agreed to buy Norfolk Southern Corp. in a deal valued at $85 billion.",
     "$85 billion", "valuation", ""),
])
def test_inflation_and_its_variants(text, span, attribute, scope):
    f = frame("money" if "$" in span else "percent", text, span)
    assert (f.attribute, f.scope) == (attribute, scope)


def test_time_references_and_event_words_in_names_are_not_claims_of_events():
    assert frame("count", "Two seasons later, Liverpool made their move.", "Two").attribute \
        == f"{NOT_A_CLAIM}: time reference"
    assert frame("date", "The State Election Commission will sum up the results on June 2.",
                 "June 2").attribute == ""
    assert frame("date", "The election was held on June 1.", "June 1").attribute == "election"


@pytest.mark.parametrize(("text", "span", "scope"), [
    ("Isak scored 54 Premier League goals in three seasons.", "54", "premier league"),
    ("Isak scored 62 goals in all competitions.", "62", ""),
    ("Some 12 Democratic senators voted against.", "12", "democratic"),
    ("They signed 3 players from Brentford.", "3", ""),
    ("Nine Members of the European Parliament were convicted.", "Nine", ""),
])
def test_a_named_kind_of_the_thing_counted_scopes_it(text, span, scope):
    assert frame("count", text, span).scope == scope


def test_a_coordinated_object_inherits_only_a_governing_verb():
    text = "They signed Woltemade for an initial £69m and then Wissa for £50m."
    assert frame("money", text, "£50m").occurrence == ""


@pytest.mark.parametrize(("text", "span", "attribute"), [
    ("There were 397 construction workers inside the building.", "397", "attendance"),
    ("Around 320 workers were at the site when it collapsed.", "320", "attendance"),
    ("Some 320 workers were there at the time.", "320", ""),
])
def test_people_counted_inside_a_named_kind_of_place_are_those_present(text, span, attribute):
    assert frame("count", text, span).attribute == attribute


def test_an_analysts_lexicon_is_read_by_the_comparison_too(tmp_path):
    # "sacks" is a running tally only in the analyst's lexicon: a figure of 3 on one day
    # and 5 the next is then an update, not a contradiction
    extra = tmp_path / "sport.json"
    extra.write_text(json.dumps({"attributes": {"sacks": {
        "kinds": ["count"], "running": True, "words": ["sacks", "sacked"]}}}))
    a = claim("a", 3, "sacks", published="2025-09-01")
    b = claim("b", 5, "sacks", published="2025-09-02")
    plain = Settings()
    assert len(find_conflicts(cluster_claims([a, b], plain), [a, b], plain)) == 1
    beat = Settings(lexicon=str(extra))
    try:
        assert find_conflicts(cluster_claims([a, b], beat), [a, b], beat) == []
    finally:
        cluster_claims([a, b], plain)  # back to the built-in lexicon for other tests


def test_a_located_thing_in_a_place_and_in_a_place_inside_it_can_be_one():
    a = claim("a", 34, "storeys", scope="in chatuchak", unit="storey")
    b = claim("b", 33, "storeys", scope="in thailand", unit="storey")
    assert len(conflicts(a, b)) == 1
    c = claim("c", 30, "storeys", scope="in mandalay", unit="storey")
    assert conflicts(a, c) == []


@pytest.mark.parametrize(("kind", "text", "span", "change"), [
    ("quantity", "The river rose 26 feet in 45 minutes.", "26 feet", True),
    ("quantity", "It caused the river to rise a staggering 26 feet.", "26 feet", True),
    ("quantity", "The river rose to 29 feet.", "29 feet", False),
    ("quantity", "The river crested at 29.45 feet.", "29.45 feet", False),
    ("money", "Shares fell by about $5 on Friday.", "$5", True),
    ("count", "The toll rose to 43.", "43", False),
    ("count", "The toll rose by at least 12 overnight.", "12", True),
])
def test_an_amount_of_change_is_not_a_level(kind, text, span, change):
    assert ("change" in frame(kind, text, span).scope.split(" @ ")) == change


def test_two_24_storey_blocks_are_two_blocks_of_24_storeys():
    from claimcheck.pipeline import extract_article
    from claimcheck.records import Article

    for text in ("Two 24-storey blocks collapsed in the city.",
                 "The fire gutted two 24-storey blocks."):
        _s, claims = extract_article(Article(id="a", text=text), Settings(model="rules"))
        got = {(c.value, c.attribute) for c in claims if c.kind == "count"}
        assert got == {(2.0, ""), (24.0, "storeys")}, text


def test_report_times_of_one_day_an_hour_apart_are_two_updates():
    from dataclasses import replace as _replace

    from claimcheck.compare.conflicts import report_minutes, update_index

    assert report_minutes("As of 4.20pm, the centre reported 70 missing.") == 16 * 60 + 20
    assert report_minutes("By 9 a.m. Sunday, 81 were missing.") == 9 * 60
    assert report_minutes("Some 81 people were missing.") is None
    day = "2025-03-28"
    early = _replace(claim("a", 81, "missing", published=day),
                     sentence="By 9 a.m., 81 were missing.")
    late = _replace(claim("b", 70, "missing", published=day),
                    sentence="As of 4.20pm, 70 were missing.")
    plain = _replace(claim("c", 90, "missing", published=day), sentence="90 are missing.")
    same = update_index([early, late, plain])
    assert not same(early, late)
    assert same(early, plain) and same(late, plain)  # no time given: the same day decides


def test_two_listing_venues_disagree_and_one_venue_by_two_names_does_not():
    def listed(source, venue):
        return Claim(claim_id=source, source=source, sentence_id=0, char_start=0, char_end=3,
                     span=venue, kind="location", subject="listing", predicate="listing",
                     value=venue, unit="venue", place_country="US")
    [finding] = conflicts(listed("a", "Nasdaq"), listed("b", "New York Stock Exchange"),
                          listed("c", "New York Stock Exchange"))
    assert (finding.sources_a, finding.sources_b) == (("a",), ("b", "c"))
    assert "two different exchanges" in finding.explanation
    assert conflicts(listed("a", "Nasdaq"), listed("b", "Nasdaq")) == []


def test_one_figure_counted_with_two_nouns_is_one_side_of_one_finding():
    from claimcheck.compare.conflicts import group_findings

    claims = [claim("a", 90, "attendance"), claim("b", 81, "attendance", unit="individual"),
              claim("c", 81, "attendance"), claim("d", 81, "attendance", unit="person")]
    [finding] = conflicts(*claims)
    sides = {finding.value_a: finding.sources_a, finding.value_b: finding.sources_b}
    assert sides["90 people"] == ("a",)
    assert set(sides) - {"90 people"} <= {"81 individual", "81 people", "81 person"}
    assert finding.sources_b + finding.sources_a == ("b", "c", "d", "a") or \
        finding.sources_a + finding.sources_b == ("b", "c", "d", "a")
    # the same from the pairwise rows
    assert group_findings(conflicts(*claims, pairs=True)) == [finding]
    # the figure keeps its magnitude and its change; other kinds keep their unit
    from claimcheck.compare.conflicts import side_value
    assert side_value("count · missing", "more than 3 million people") == "more than 3 million"
    assert side_value("count · missing", "3 million") == "3 million"
    assert side_value("count · missing", "10 → 12 people") == "10 → 12"
    assert side_value("quantity · distance", "85 mile") == "85 mile"
    assert side_value("role · donald trump", "U.S. president") == \
        side_value("role · donald trump", "US president")
    assert side_value("role · donald trump", "French president") != \
        side_value("role · donald trump", "US president")


def test_an_undated_story_reads_its_years_against_the_year_of_the_dated_ones():
    from claimcheck.compare.settle import publication_years, settle, story_year
    from claimcheck.pipeline import extract_article
    from claimcheck.records import Article

    def fines(source, text, published=None):
        art = Article(id=source, text=text, published=published)
        return [c for c in extract_article(art, Settings(model="rules"))[1] if c.kind == "money"]

    from datetime import date
    dated = fines("a", "Previous fines include:\n- €4.34 billion in 2018 for abuses.",
                  date(2025, 9, 5)) + fines("b", "It was fined €2.95 billion.", date(2025, 9, 6))
    undated = fines("c", "In 2018, the company was fined €5 billion for abuses.")
    assert [c.occurrence for c in undated] == [""]  # 2018 is its latest year: its own
    assert story_year(publication_years(dated + undated)) == 2025
    settled = {c.source: c.occurrence for c in settle(dated + undated)}
    assert settled["c"] == "2018"
    [finding] = conflicts(*settle(dated + undated))
    assert {finding.value_a, finding.value_b} == {"EUR 4.34 billion", "EUR 5 billion"}
    # one dated source is not enough to say what year the story is
    assert story_year(publication_years(fines("b", "It was fined €2.95 billion.",
                                              date(2025, 9, 6)))) is None
