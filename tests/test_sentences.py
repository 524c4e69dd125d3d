from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extraction.sentences import iter_sentences, split_sentences
from claimcheck.records import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."]),
        ("The U.S. cut tariffs. China agreed.", ["The U.S. cut tariffs.", "China agreed."]),
        ("It cost $100.00. Then more.", ["It cost $100.00.", "Then more."]),
        (
            "A Headline Without A Stop\nThe body starts here.",
            ["A Headline Without A Stop", "The body starts here."],
        ),
        ("Para one.\n\nPara two", ["Para one.", "Para two"]),
        (
            "It raised $1.2 billion [2][12] - On its first day, it opened at $83 [4] - "
            "Revenue grew 48%",
            ["It raised $1.2 billion [2][12]", "On its first day, it opened at $83 [4]",
             "Revenue grew 48%"],
        ),
        ("See note [a] - and more.", ["See note [a] - and more."]),
    ],
)
def test_sentences_split(text, expected):
    assert [s.text for s in iter_sentences("x", text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sentences_offsets_slice_back(text):
    art = Article(id="x", text=text)
    prev_end = 0
    for s in split_sentences(art):
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text
        assert s.start >= prev_end
        prev_end = s.end
