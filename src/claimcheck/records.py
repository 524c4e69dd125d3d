"""Every record type passed between stages, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

#: Claim kinds whose value is a number.
NUMERIC_KINDS = frozenset({"percent", "money", "quantity", "count", "duration"})

#: Column order of claims.csv. Extra columns after ``sentence`` are informative only.
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "source",
    "sentence_id",
    "char_start",
    "char_end",
    "span",
    "kind",
    "subject",
    "predicate",
    "value",
    "value_from",
    "unit",
    "approx",
    "modality",
    "event_date",
    "sentence",
    "entities",
    "place_country",
    "attribute",
    "scope",
    "occurrence",
    "published",
)

#: Column order of conflicts.csv.
CONFLICT_COLUMNS: tuple[str, ...] = (
    "conflict_id",
    "kind",
    "slot",
    "source_a",
    "value_a",
    "sentence_a",
    "source_b",
    "value_b",
    "sentence_b",
    "explanation",
    "confidence",
    "claim_a",
    "claim_b",
    "span_a",
    "span_b",
    "char_start_a",
    "char_end_a",
    "char_start_b",
    "char_end_b",
    "sources_a",
    "n_sources_a",
    "sources_b",
    "n_sources_b",
)

SENTENCE_COLUMNS: tuple[str, ...] = ("source", "sentence_id", "char_start", "char_end", "text")

#: Column order of updates.csv (``claimcheck conflicts --updates FILE``).
UPDATE_COLUMNS: tuple[str, ...] = (
    "slot",
    "attribute",
    "scope",
    "step",
    "published",
    "source",
    "value",
    "claim_id",
    "span",
    "sentence",
)


class TextPieces(Protocol):
    """What an article read lazily keeps of its text (``read.textstream.TextStream``)."""

    def pieces(self) -> Iterator[tuple[int, str]]:
        """The text as ``(offset, piece)`` pairs, pieces cut between paragraphs or
        sentences."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One input document, decoded to text.

    A big text file (``textstream.LAZY_MIN_BYTES`` and more) is not held: its ``text`` is
    empty and ``stream`` reads it again, piece by piece, when it is processed. Read the
    text of any article with ``pieces()``.
    """

    id: str  # the file stem, or the id field of a JSONL/CSV record
    text: str
    path: Path | None = None  # None for stdin
    outlet: str = ""
    title: str = ""
    url: str = ""
    published: date | None = None
    # Where ``published`` came from: "manifest", "record", "dateline" or "".
    published_from: str = ""
    stream: TextPieces | None = None

    def pieces(self) -> Iterator[tuple[int, str]]:
        """The text as ``(offset, piece)`` pairs: ``(0, text)``, or for a big file read
        lazily, pieces cut between paragraphs or sentences (offsets index the whole text)."""
        if self.stream is None:
            yield 0, self.text
        else:
            yield from self.stream.pieces()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article; offsets index its whole text (``Article.text``, or the
    text of a big file read lazily)."""

    source: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One checkable statement of a value.

    ``value`` is a float for numeric kinds (percent, money, quantity, count, duration),
    ``HH:MM`` for a time of day (``unit`` its UTC offset ``+09:00``, ``local`` or empty),
    an ISO date string for dates (``2025``, ``2025-10``, ``2025-10-30``, ``2025-W43``),
    a place name for locations, a person's name for roles and the two numbers of a score,
    the larger first (``3-1``, ``unit`` ``vote`` or ``match``, ``subject`` its two sides).
    """

    claim_id: str
    source: str
    sentence_id: int
    char_start: int
    char_end: int
    span: str
    kind: str
    subject: str
    predicate: str
    value: float | str | None
    value_from: float | str | None = None
    unit: str = ""
    approx: str = ""  # about / nearly / up to / at least / as high as / ""
    modality: str = "asserted"
    event_date: str = ""
    sentence: str = ""
    entities: tuple[str, ...] = ()
    # ISO country code of a location claim ("KR"), empty otherwise.
    place_country: str = ""
    # The claim's frame (frames.py): what the value measures ("deaths", "fine"), the part of
    # the world it is limited to ("child @ kerr county"), the occurrence it belongs to
    # ("aftershock", "2019"); empty when the words say nothing. An attribute starting with
    # "not a claim" (an age, "the worst in 50 years") is never compared.
    attribute: str = ""
    scope: str = ""
    occurrence: str = ""
    # The article's publication date (ISO), when known: tallies reported on different
    # days are updates, not contradictions.
    published: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    """Claims from several sources about the same thing."""

    slot_id: str
    key: str  # human-readable description, e.g. "percent · tariff on chinese import · reduce"
    kind: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Two claims from different sources in one slot that cannot both hold: one finding per
    disagreement (two values of one slot), or one pair of sources with ``--pairs``."""

    conflict_id: str
    kind: str
    slot: str
    claim_a: str
    claim_b: str
    source_a: str
    source_b: str
    value_a: str
    value_b: str
    sentence_a: str
    sentence_b: str
    span_a: str
    span_b: str
    char_start_a: int
    char_end_a: int
    char_start_b: int
    char_end_b: int
    explanation: str
    confidence: float
    # Every source stating value_a / value_b (a finding stands for one disagreement, however
    # many outlets take each side); source_a / source_b and the sentences are one
    # representative of each side. A pairwise row (--pairs) lists its two sources.
    sources_a: tuple[str, ...] = ()
    sources_b: tuple[str, ...] = ()

    @property
    def n_sources_a(self) -> int:
        return len(self.sources_a) or 1

    @property
    def n_sources_b(self) -> int:
        return len(self.sources_b) or 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Update:
    """One report of a running tally (deaths, missing, arrests …) whose sources give
    different figures at different times: a step of the tally's timeline, not a
    contradiction. ``step`` orders the reports (by publication date, then by figure for
    undated ones; equal steps are one update)."""

    slot: str
    attribute: str
    scope: str
    step: int
    published: str
    source: str
    value: str
    number: float
    claim_id: str
    span: str
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """Something that went wrong with one input; reported, not raised."""

    stage: str
    path: str  # file path or "<stdin>", with ":LINE" for a record in a table
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """What a pipeline run produced."""

    articles: tuple[Article, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    slots: tuple[Slot, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    updates: tuple[Update, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = field(default=())


@dataclass(slots=True)
class Mention:
    """A value found in a sentence's text by a finder (stage 2), before its claim is made:
    kind, offsets in the text, normalized value and unit, hedge."""

    kind: str
    start: int
    end: int
    value: float | str | None
    value_from: float | str | None = None
    unit: str = ""
    approx: str = ""
    relative: bool = False  # dates: needs the publication date
    # Extra facts for later stages (e.g. the containing place named after a city).
    extra: dict[str, str] = field(default_factory=dict)
