"""Scores: a vote tally ("the Senate voted 51-49", "a 6-3 ruling", "by 311 votes to
207") or a match result ("Liverpool beat Chelsea 3-1", "a 2-2 draw", "won 4-3 on
penalties"). Two numbers joined by a dash are a score only next to a word of
``data/scores.json``; elsewhere they are a range, a code or a model ("18-29", "737-800").

A score's value is its two numbers, the larger first ("3-1" for "lost 1-3": which side
won is the parties' order, not the score's); its unit is ``vote`` or ``match``; an
occurrence other than the final result ("on aggregate", "at half-time") is in
``extra["occurrence"]``. Whether a sentence speaks of an earlier meeting or vote ("last
season", "the reverse fixture") and the years it names are read from the sentence by
``earlier_meeting`` and ``years_named`` (extraction compares them with the story's)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..records import Mention
from .patterns import spaced_alternation

#: The occurrence of a score of an earlier meeting or vote: never compared.
EARLIER_SCORE = "earlier"

_YEARS = re.compile(r"(?<![\w.,-])(?:19|20)\d\d(?![\w.,]\d|\w)")

#: Two numbers of at most three digits joined by a hyphen or a dash, glued to no other
#: number, letter, decimal or dash ("F-16", "737-800-900", "1.5-2", "3-1-1").
_PAIR = re.compile(
    r"(?<![\w.,$€£¥%–—-])(?P<a>\d{1,3})\s?[-–—]\s?(?P<b>\d{1,3})(?![\w%–—-]|[.,]\d|\s?(?:%|per\b))"
)

#: "by 311 votes to 207", "370 votes to 109": a vote whatever the words around it.
_VOTES_TO = re.compile(
    r"(?<![\w.,])(?P<a>\d{1,3}(?:,\d{3})?)\s+votes?\s+to\s+(?P<b>\d{1,3}(?:,\d{3})?)(?![\w.,]\d|\w)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ScoreWords:
    """The words of ``data/scores.json`` as patterns: a score's kind is ``vote`` or
    ``match``, told by a word before it (``before``) or after it (``after``)."""

    before: dict[str, re.Pattern[str]]
    after: dict[str, re.Pattern[str]]
    occurrence: re.Pattern[str]
    follow: re.Pattern[str]
    earlier: re.Pattern[str]


@lru_cache(maxsize=1)
def score_words() -> ScoreWords:
    """The score vocabulary, loaded once."""
    data = json.loads((files("claimcheck") / "data" / "scores.json").read_text(encoding="utf-8"))
    alt = spaced_alternation
    between = "(?i:" + alt(data["between"]) + ")"
    # the trigger, then at most four words of a name or of "between" ("beat Manchester
    # United 2-1", "won the match 3-1"), then the score
    gap = r"(?:\s+(?:[A-Z][\w.'’&-]*|" + between + r"))" + "{0,4}"
    before = {kind: re.compile(r"\b(?i:" + alt(data[kind]["before"]) + r")" + gap + r"\s*$")
              for kind in ("vote", "match")}
    after = {kind: re.compile(r"\s*(?:" + between + r"\s+)?(?i:" + alt(data[kind]["after"])
                              + r")\b")
             for kind in ("vote", "match")}
    occurrence = re.compile(r"\s*(?P<occ>" + alt(data["occurrences"]) + r")\b", re.I)
    # after a score only a word of "follow", a name or punctuation; "won 10-15 games" is a
    # range of counts
    follow = re.compile(r"\s*(?:[^\w\s]|$|[A-Z]|(?i:" + alt(data["follow"]) + r")\b)")
    earlier = re.compile(r"\b(?:" + alt(data["earlier"]) + r")\b", re.I)
    return ScoreWords(before, after, occurrence, follow, earlier)


def find_scores(text: str) -> Iterator[Mention]:
    """The scores of one sentence (see the module's docstring)."""
    words = score_words()
    for m in _VOTES_TO.finditer(text):
        yield _score(text, m, "vote", words)
    if "-" not in text and "–" not in text and "—" not in text:
        return
    for m in _PAIR.finditer(text):
        if (unit := _score_unit(text, m.start(), m.end(), words)) is not None:
            yield _score(text, m, unit, words)


def _score_unit(text: str, start: int, end: int, words: ScoreWords) -> str | None:
    """``vote`` or ``match`` when a word of ``scores.json`` makes ``text[start:end]`` a
    score, else None."""
    left = text[max(0, start - 80) : start]
    for unit in ("vote", "match"):  # the word after first: "won 312-226 electoral votes"
        if words.after[unit].match(text, end):
            return unit
    if not words.follow.match(text, end) and not words.occurrence.match(text, end):
        return None
    for unit in ("vote", "match"):
        if words.before[unit].search(left):
            return unit
    return None


def _score(text: str, m: re.Match[str], unit: str, words: ScoreWords) -> Mention:
    a, b = (int(m.group(g).replace(",", "")) for g in ("a", "b"))
    hi, lo = max(a, b), min(a, b)
    extra: dict[str, str] = {}
    if occ := words.occurrence.match(text, m.end()):
        occurrence = re.sub(r"\s+", " ", occ.group("occ").lower())
        extra["occurrence"] = re.sub(r"half[ -]?time", "half-time", occurrence)
    return Mention("score", m.start(), m.end(), f"{hi}-{lo}", unit=unit, extra=extra)


def earlier_meeting(sentence: str) -> bool:
    """Whether a sentence speaks of an earlier meeting or vote (a word of the ``earlier``
    list of ``scores.json``: "last season", "the reverse fixture")."""
    return score_words().earlier.search(sentence) is not None


def years_named(sentence: str) -> list[int]:
    """The years a sentence names ("In 2019 Rovers beat United 4-0")."""
    return [int(y) for y in _YEARS.findall(sentence)]
