"""Stage 3 (extraction): sentences (+ their spaCy parses) → Claim records.

Values come from the patterns in ``mentions``; the dependency parse adds what the value is
about (``subject``), the governing verb or event noun (``predicate``), and ``modality``.
Without a parse (``--model rules``) the same values come out with a shallow subject and
predicate read from the words around them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..records import Article, Claim, Mention, Sentence
from ..values.dates import resolve_date, same_period
from ..values.mentions import find_mentions
from ..values.numbers import plural_denominator
from ..values.score import EARLIER_SCORE, earlier_meeting, years_named
from .frames import (
    LIST_ITEM,
    NOT_A_CLAIM,
    YEAR,
    Frame,
    Lexicon,
    earlier_year,
    frame_of,
    lead_attribute,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

#: Words whose presence makes a sentence worth a parse even with no number in it.
_WORTH_PARSING = re.compile(r"\d|%|\$|€|£|¥")

# --------------------------------------------------------------- lexicons

NOMINAL_PREDICATES = {
    "cancellation": "cancel",
    "reduction": "reduce",
    "cut": "cut",
    "increase": "increase",
    "rise": "rise",
    "hike": "hike",
    "decrease": "decrease",
    "meeting": "meet",
    "visit": "visit",
    "summit": "meet",
    "talk": "talk",
    "talks": "talk",
    "encounter": "meet",
    "removal": "remove",
    "elimination": "eliminate",
    "repeal": "repeal",
    "suspension": "suspend",
    "purchase": "buy",
    "sale": "sell",
    "investment": "invest",
    "threat": "threaten",
    "inauguration": "inaugurate",
    "negotiation": "negotiate",
    "agreement": "agree",
    "deal": "agree",
    "truce": "agree",
    "election": "elect",
    "tour": "tour",
    "trip": "travel",
    "meet": "meet",
}
MEET_WORDS = {
    "meet",
    "meeting",
    "summit",
    "talk",
    "talks",
    "encounter",
    "face-to-face",
    "negotiate",
    "negotiation",
    "hold",
    "take",
    "sit",
    "gather",
    "convene",
    "handshake",
    "shake",
}
THREAT_WORDS = {"threaten", "threat", "warn", "vow", "ultimatum"}
#: Nouns among THREAT_WORDS that make a threat ("a warning" is a notice of an event).
THREAT_NOUNS = {"threat", "ultimatum", "vow"}
PLAN_WORDS = {
    "plan",
    "schedule",
    "set",
    "aim",
    "intend",
    "propose",
    "prepare",
    "slate",
    "impending",
    "upcoming",
    "due",
}
EXPECT_WORDS = {"expect", "anticipate", "forecast", "predict", "project", "likely", "poise"}
HEDGE_WORDS = {
    "claim",
    "allege",
    "appear",
    "seem",
    "suggest",
    "estimate",
    "rumor",
    "rumour",
    "reportedly",
    "possibly",
    "perhaps",
    "may",
    "might",
    "could",
    "would",
}
NEGATIONS = {"not", "n't", "never", "no", "without", "neither", "nor"}

_RULES_MODAL = [
    (
        "negated",
        re.compile(r"\b(?:not|n't|never|no longer|did not|didn’t|didn't|won't|won’t)\b", re.I),
    ),
    ("threatened", re.compile(r"\bthreat\w*|\bwarn\w*", re.I)),
    (
        "planned",
        re.compile(
            r"\b(?:will|shall|plan\w*|schedul\w*|set to|aim\w* to|intend\w*|"
            r"propos\w*|upcoming|impending)\b",
            re.I,
        ),
    ),
    (
        "expected",
        re.compile(
            r"\b(?:expect\w*|anticipat\w*|forecast\w*|predict\w*|project\w*|"
            r"likely)\b",
            re.I,
        ),
    ),
    (
        "hedged",
        re.compile(
            r"\b(?:may|might|could|would|reportedly|possibly|perhaps|alleged\w*|"
            r"claim\w*|appear\w*|seem\w*)\b",
            re.I,
        ),
    ),
]
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|expected|scheduled|set to|plans?|planned|upcoming|"
    r"impending|ahead of|next|due|to be held|anticipated|itinerary|"
    r"threaten\w*|starting)\b",
    re.I,
)
_PAST = re.compile(r"\b(?:was|were|had|did|met|said|announced|ago|last|earlier)\b|\w+ed\b", re.I)


def claim_id(source: str, start: int, end: int, kind: str) -> str:
    """Stable id: the same claim in the same text always gets the same id."""
    digest = hashlib.sha1(f"{source}\x1f{start}\x1f{end}\x1f{kind}".encode()).hexdigest()
    return digest[:12]


#: A date within this many characters of an article's start that equals its publication
#: date is the date line, not a claim.
DATELINE_CHARS = 60


def needs_parse(text: str) -> bool:
    """Cheap test: could this sentence hold a claim? (digits, currency, or mentions)."""
    return bool(_WORTH_PARSING.search(text)) or bool(find_mentions(text, places=True))


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence],
    docs: dict[int, Doc] | None = None,
    *,
    mentions: dict[int, list[Mention]] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Claim]:
    """Claims of one article.

    Args:
        article: the article the sentences come from (its ``published`` date resolves
            relative dates).
        sentences: its sentences.
        docs: a spaCy Doc per sentence index, for the sentences that hold a mention; None
            in rules mode.
        mentions: mentions already found per sentence index (found again when None).
        lexicon: the vocabulary of claim frames (the built-in one when None).

    Returns:
        Claims in text order.
    """
    persons = _person_names(docs.values()) if docs else {}
    protagonist = _protagonist(docs.values(), persons) if docs else ""
    year = article.published.year if article.published else _latest_year(sentences)
    claims: list[Claim] = []
    lead = ""  # the sentence a list hangs from ("Previous fines include:")
    for sent in sentences:
        if LIST_ITEM.match(sent.text) is None:
            lead = sent.text if sent.text.rstrip().endswith(":") else ""
        found = mentions.get(sent.index) if mentions is not None else None
        if found is None:
            found = find_mentions(sent.text, places=docs is not None)
        if not found:
            continue
        doc = docs.get(sent.index) if docs else None
        claims.extend(_sentence_claims(article, sent, found, doc, persons, lexicon,
                                       protagonist, year, lead))
    return claims


def _sentence_claims(
    article: Article,
    sent: Sentence,
    found: list[Mention],
    doc: Doc | None,
    persons: dict[str, str],
    lexicon: Lexicon | None = None,
    protagonist: str = "",
    year: int | None = None,
    lead: str = "",
) -> list[Claim]:
    """The claims of one sentence; ``lead`` is the sentence a list item hangs from."""
    entities = _entities(doc, persons) if doc is not None else ()
    people = tuple(e.split(":", 1)[1] for e in entities if e.startswith("PERSON:"))
    prefer = "future" if _FUTURE.search(sent.text) else (
        "past" if _PAST.search(sent.text) else "nearest")  # which way "on Tuesday" reads
    base = article.published
    out: list[Claim] = []
    found, resolved_dates = _resolve_dates(found, base, prefer)
    for m in found:
        if doc is not None and not _keep_with_parse(m, doc, found):
            continue
        subject, predicate, modality = _who_does_what(m, doc, sent.text, people, persons)
        value, unit, extra_country = _value_unit(m, resolved_dates)
        # the sentence's first other resolved date dates the event of this value; a change
        # whose values are each dated ("from 3.5% in April to 3.4% in May"), the date after it
        event_date = next((dv for dm, dv in resolved_dates if dm is not m and dv
                           and (dm.start >= m.end or not m.extra.get("dated_after"))), "")
        span = sent.text[m.start : m.end]
        start = sent.start + m.start
        end = sent.start + m.end
        frame = Frame(attribute=f"{NOT_A_CLAIM}: dateline") if _date_line(
            m, base, start, value, span) else _frame(
            m, sent.text, subject, predicate, value, year, lexicon,
            tuple(p for p in people if p != protagonist), lead)
        out.append(
            Claim(
                claim_id=claim_id(article.id, start, end, m.kind),
                source=article.id,
                sentence_id=sent.index,
                char_start=start,
                char_end=end,
                span=span,
                kind=m.kind,
                subject=subject,
                predicate=predicate,
                value=value,
                value_from=m.value_from,
                unit=unit,
                approx=m.approx,
                modality=modality,
                event_date=event_date,
                sentence=sent.text,
                entities=entities,
                place_country=extra_country,
                attribute=frame.attribute,
                scope=frame.scope,
                occurrence=frame.occurrence,
                published=base.isoformat() if base else "",
            )
        )
    return out


def _date_line(m: Mention, base: date | None, start: int, value: float | str | None,
               span: str) -> bool:
    """The page's own date line ("date 2025-09-01 …", "Paris, 31 March 2025 —"): a written
    date near the article's start that is its publication date."""
    return (m.kind == "date" and base is not None and start < DATELINE_CHARS
            and value == base.isoformat() and any(ch.isdigit() for ch in span))


def _who_does_what(m: Mention, doc: Doc | None, text: str, people: tuple[str, ...],
                   persons: dict[str, str]) -> tuple[str, str, str]:
    """Subject, predicate and modality of a mention: from the parse when there is one,
    from the words around it in rules mode; a role's subject is the person holding it."""
    if doc is not None:
        subject, predicate, modality = _from_parse(doc, m, text, people)
    else:
        subject, predicate, modality = _from_words(text, m)
    if m.kind == "role":
        subject = m.extra.get("person", "").lower()
        subject = persons.get(subject, subject)
        predicate = "hold role"
    elif m.kind == "score":
        subject = _parties(doc, m, persons) if doc is not None else ""
    return subject, predicate, modality


#: Entity labels that can be a side of a score: a team, a court, a chamber, a person.
_PARTY_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})
#: Entity labels of where a score happened ("at St James' Park", "in the Senate").
_VENUE_LABELS = frozenset({"FAC", "GPE", "LOC", "ORG"})


def _parties(doc: Doc, m: Mention, persons: dict[str, str]) -> str:
    """The two sides of a score in alphabetical order ("chelsea v liverpool", "pete
    hegseth v senate"): the entities before it, nearest first (the clause that scored or
    voted), then those after it ("lost 2-0 to Tottenham"). A place after "in" or "at" is
    where it happened (``m.extra["venue"]``), not a side, unless the sentence names fewer
    than two sides otherwise ("won 3-2 at Newcastle"). "" when the sentence names fewer
    than two sides (the score is then compared with no other)."""
    sides: list[tuple[int, int, str]] = []  # (after the score, distance, name)
    venues: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        text = ent.text
        if ent.start_char < m.end and m.start < ent.end_char:
            # the recogniser glued the score to a name ("Arsenal 2-0"): the name before it
            text = doc.text[ent.start_char : m.start] if ent.start_char < m.start else ""
        name = re.sub(r"^the\s+|(?:'s|’s)$", "", " ".join(text.lower().split()))
        if not name:
            continue
        if ent.label_ == "PERSON":
            name = persons.get(name, name)
        after = int(ent.start_char >= m.end)
        distance = ent.start_char - m.end if after else m.start - ent.end_char
        if _VENUE_BEFORE.search(doc.text, max(0, ent.start_char - 30), ent.start_char):
            if ent.label_ in _VENUE_LABELS:
                venues.append((after, distance, name))
        elif ent.label_ in _PARTY_LABELS:
            sides.append((after, distance, name))
    names = list(dict.fromkeys(name for _a, _d, name in sorted(sides)))
    places = [name for _a, _d, name in sorted(venues, key=lambda v: (-v[0], v[1]))]
    if len(names) < 2 and places and places[0] not in names:
        names.append(places.pop(0))  # "Liverpool won 3-2 at Newcastle"
    if places:
        m.extra["venue"] = places[0]
    return " v ".join(sorted(names[:2])) if len(names) >= 2 else ""


#: The words before a place where a score happened: "at Anfield", "in the north London derby".
_VENUE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.I)


def _resolve_dates(
    found: list[Mention], base: date | None, prefer: str,
) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """The sentence's mentions, a period that cannot be dated kept as its length, and each
    date mention with its resolved value ("" when it cannot be resolved)."""
    resolved_dates: list[tuple[Mention, str]] = []
    kept: list[Mention] = []
    for m in found:
        if m.kind == "date":
            resolved = resolve_date(str(m.value), base, prefer)
            earlier = [v for _, v in resolved_dates if v]
            if earlier and (same := same_period(str(m.value), earlier[-1])):
                resolved = same  # "born in 1950 and married the same year"
            if not resolved and "length" in m.extra:
                kept.append(_as_length(m))
                continue
            resolved_dates.append((m, resolved))
        kept.append(m)
    return kept, resolved_dates


def _value_unit(
    m: Mention, resolved_dates: list[tuple[Mention, str]],
) -> tuple[float | str | None, str, str]:
    """A mention's claim value, unit and (for a place) country: a date's resolved value
    ("unresolved" unit when it has none), a place's level, a role's title."""
    value: float | str | None = m.value
    unit = m.unit
    country = ""
    if m.kind == "date":
        value = next(v for mm, v in resolved_dates if mm is m)
        unit = "range" if m.extra.get("range") else ""
        if not value:
            unit = "unresolved"
    elif m.kind == "location":
        country = m.extra.get("country", "")
        unit = m.extra.get("level", "")
    elif m.kind == "role":
        value, unit = _role_value(m)
    return value, unit, country


def _frame(m: Mention, text: str, subject: str, predicate: str, value: float | str | None,
           year: int | None, lexicon: Lexicon | None, people: tuple[str, ...],
           lead: str) -> Frame:
    """The frame of a mention: ``frame_of``, a year before the story's as its occurrence,
    and for a list item that names no attribute, the attribute of its lead."""
    if m.kind == "score":
        return _score_frame(m, text, year)
    frame = frame_of(m.kind, text, m.start, m.end, subject, predicate, year, lexicon, people)
    if before := earlier_year(m.kind, frame.attribute, value, year):
        frame = Frame(frame.attribute, frame.scope, before)
    if lead and not frame.attribute and LIST_ITEM.match(text) \
            and (attribute := lead_attribute(m.kind, lead, lexicon)):
        # "Previous fines include: - €4.34 billion in 2018 for …"
        frame = Frame(attribute, frame.scope, frame.occurrence)
    return frame


def _score_frame(m: Mention, text: str, year: int | None) -> Frame:
    """A score's frame: where it was played or voted (scope) and its occurrence: what the
    finder read ("on penalties"), "earlier" for an earlier meeting ("last season", "the
    reverse fixture"), or a year before the story's named in the sentence ``text``."""
    occurrence = m.extra.get("occurrence", "")
    years = years_named(text)
    if earlier_meeting(text):
        occurrence = EARLIER_SCORE
    elif year is not None and years and max(years) < year:
        occurrence = str(max(years))
    return Frame(scope=m.extra.get("venue", ""), occurrence=occurrence)


def _as_length(m: Mention) -> Mention:
    """'the next five years' that cannot be dated (no publication date, or a story told in
    the past): the duration."""
    start, end, n, unit = m.extra["length"].split(",")
    return Mention("duration", m.start + int(start), m.start + int(end), float(n), unit=unit)


def _role_value(m: Mention) -> tuple[str, str]:
    """(title, organisation): ("prime minister", "Canada")."""
    org = re.sub(r"(?:’s|'s)$", "", m.unit)
    return str(m.value), org


def _keep_with_parse(m: Mention, doc: Doc, found: list[Mention]) -> bool:
    """Use the entity recogniser to drop place and role mentions that are something else
    ("He Lifeng", "Washington Post"), and counts inside a name."""
    if m.kind == "location":
        if m.extra.get("level") == "venue":
            return True  # an exchange is an organisation to the recogniser
        for ent in doc.ents:
            if ent.start_char <= m.start < ent.end_char or m.start <= ent.start_char < m.end:
                return ent.label_ in {"GPE", "LOC", "FAC", "NORP", "EVENT"} and not (
                    ent.start_char < m.start and ent.label_ != "GPE"
                )
        return True
    if m.kind == "role":
        name_start = int(m.extra.get("name_start", "-1"))
        return any(
            ent.label_ == "PERSON" and ent.start_char <= name_start < ent.end_char
            for ent in doc.ents
        )
    if m.kind == "count":
        counts = [c for c in found if c.kind == "count"] or [m]
        if _only_words_of(counts, doc):
            return True  # the sentence is a number phrase ("-1", "either 10 bln or 10 tln")
        if not any(t.pos_ in {"VERB", "AUX"} for t in doc):
            return False  # datelines, menu items, captions ("26 tháng 10 2025", "+ 1")
        for ent in doc.ents:
            if ent.start_char <= m.start < ent.end_char and ent.label_ in {
                "ORG",
                "PRODUCT",
                "WORK_OF_ART",
                "LAW",
                "FAC",
                "ORDINAL",
                "PERSON",
            }:
                return False
    return True


def _only_words_of(counts: list[Mention], doc: Doc) -> bool:
    """The sentence is the number phrase itself ("one hundred and six.", "3 dozens",
    "five eighths of", "either 10 bln or 10 tln", "100 millionths"): every word of it lies
    inside a count, is a number, a denominator in the plural or a function word."""
    return all(
        any(m.start <= t.idx and t.idx + len(t) <= m.end for m in counts)
        or t.like_num
        or plural_denominator(t.text)
        or t.pos_ in {"CCONJ", "ADP", "DET"}
        for t in doc
        if not (t.is_punct or t.is_space)
    )


# --------------------------------------------------------------- persons & entities


def _person_names(docs: Iterable[Doc]) -> dict[str, str]:
    """Map each short form of a person's name to the longest form used in the article
    ("xi" → "xi jinping", "trump" → "donald trump")."""
    full: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                for name in _split_names(ent.text):
                    full.add(name)
    mapping: dict[str, str] = {}
    for name in sorted(full, key=len):
        parts = set(name.split())
        longer = [f for f in full if f != name and parts <= set(f.split())]
        mapping[name] = max(longer, key=len) if longer else name
    return mapping


def _latest_year(sentences: Sequence[Sentence]) -> int | None:
    """The story's year when its publication date is unknown: the latest year it names
    (not after the current one), so that "the 1987 flood" in an undated 2025 story is
    another occurrence."""
    from datetime import date as _date

    now = _date.today().year
    years = [int(y) for s in sentences for y in YEAR.findall(s.text) if int(y) <= now]
    return max(years) if years else None


def _protagonist(docs: Iterable[Doc], persons: dict[str, str]) -> str:
    """The person the article is about: named in at least two sentences and in twice as
    many as anyone else. Values in a clause naming them are the story's own (no person
    scope in their frame); values tied to anyone else are that person's."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update({e[7:] for e in _entities(doc, persons) if e.startswith("PERSON:")})
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return ""
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ""
    return ranked[0][0]


def _split_names(text: str) -> list[str]:
    """'Trump–Xi' → two names; words that are places or hold digits are dropped
    ('Xi Jinping Busan' → 'xi jinping')."""
    from ..values.places import gazetteer

    gaz = gazetteer()
    text = re.sub(r"(?:’s|'s)$", "", text.strip())
    out = []
    for part in re.split(r"\s*[–—-]\s*(?=[A-Z])|\s+and\s+", text):
        words = [
            w
            for w in part.split()
            if w[:1].isupper() and w.replace(".", "").isalpha() and gaz.lookup(w) is None
        ]
        if words and len(words) <= 3:
            out.append(" ".join(words).lower())
    return out


#: Endings of nationality words ("German", "Chinese", "Polish"), and the first words of
#: two-word ones ("South Korean", "Saudi Arabian", "New Zealander").
_DEMONYM_ENDINGS = ("an", "ese", "ish", "er")
_REGION_WORDS = frozenset({"south", "north", "east", "west", "central", "latin", "new",
                           "saudi", "sri", "united", "northern", "southern", "eastern",
                           "western", "middle"})


def _name_like(text: str) -> bool:
    """A group the recogniser labelled a nationality that reads as a person's name: two or
    more capitalized words, the last not a nationality word ("Florian Wirtz", not "South
    Korean")."""
    words = text.split()
    return (len(words) >= 2 and all(w[:1].isupper() and w.isalpha() for w in words)
            and words[0].lower() not in _REGION_WORDS
            and not words[-1].lower().endswith(_DEMONYM_ENDINGS))


def _entities(doc: Doc, persons: dict[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" or (ent.label_ == "NORP" and _name_like(ent.text)):
            for name in _split_names(ent.text):
                out.append("PERSON:" + persons.get(name, name))
        elif ent.label_ in {"ORG", "GPE", "NORP", "LOC"}:
            out.append(f"{ent.label_}:{' '.join(ent.text.split())}")
    seen: dict[str, None] = {}
    for e in out:
        seen.setdefault(e, None)
    return tuple(seen)


# --------------------------------------------------------------- parse-based reading


def _span_tokens(doc: Doc, m: Mention) -> Span | None:
    # For a change ("cancellation of the 10%"), read the syntax around the value itself.
    start = int(m.extra.get("value_start", m.start))
    end = int(m.extra.get("value_end", m.end))
    return doc.char_span(start, end, alignment_mode="expand")


def _anchor(span: Span) -> Token:
    """The token of the span whose head lies outside it (the span's syntactic root)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span.root


def _from_parse(doc: Doc, m: Mention, text: str, people: tuple[str, ...]) -> tuple[str, str, str]:
    span = _span_tokens(doc, m)
    if span is None or len(span) == 0:
        subject, predicate, _ = _from_words(text, m)
        return subject, predicate, _modality_words(text, m)
    anchor = _anchor(span)
    inside = {t.i for t in span}
    thing = _thing(anchor, inside)
    predicate_tok = _predicate_token(anchor)
    predicate = _predicate_lemma(predicate_tok) if predicate_tok is not None else ""
    modality = _modality(anchor)
    if m.kind in {"location", "date"}:
        event = _event_word(anchor, thing)
        if event is not None:
            predicate = NOMINAL_PREDICATES.get(event.lemma_.lower(), event.lemma_.lower())
            if event.lemma_.lower() in MEET_WORDS or predicate == "meet":
                predicate = "meet"
        subject = _event_subject(predicate, thing, people, inside, event)
        if m.kind == "location" and m.extra.get("event"):
            predicate = NOMINAL_PREDICATES.get(m.extra["event"], m.extra["event"])
            subject = _event_subject(predicate, None, people, inside)
        return subject, predicate, modality
    subject = _phrase(thing, inside) if thing is not None else ""
    if m.kind == "count" and thing is not None:
        m.unit = _hyphenated(thing) or thing.lemma_.lower()
        if m.unit != thing.lemma_.lower() and subject.split()[-1:] == [thing.lower_]:
            subject = f"{subject[:-len(thing.lower_)]}{m.unit}"
    if not subject and m.kind in {"count", "quantity"}:
        subject = m.unit
    return subject, predicate, modality


def _hyphenated(noun: Token) -> str:
    """The whole of a hyphenated noun the tokenizer split ("24 co-defendants": the count
    is of co-defendants, not of "co"), lemmatized on its last part; "" for another noun."""
    doc = noun.doc
    i = noun.i
    if i + 2 >= len(doc) or noun.whitespace_ or doc[i + 1].text != "-" \
            or doc[i + 1].whitespace_ or not doc[i + 2].is_alpha:
        return ""
    return f"{noun.lower_}-{doc[i + 2].lemma_.lower()}"


def _possessed(noun: Token) -> Token | None:
    """The noun a possessor is followed by ("11 of the camp’s 750 campers": campers), which
    the trained pipeline may miss when the apostrophe is a typographic one; None when
    ``noun`` is not followed by "'s"."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc) or doc[i].lower_ not in {"'s", "\u2019s"}:
        return None
    found = None
    for tok in doc[i + 1:i + 6]:
        if tok.pos_ in {"NUM", "ADJ"} and found is None:
            continue
        if tok.pos_ != "NOUN":
            break
        found = tok  # the last noun of "750 young female campers"
    return found


def _thing(anchor: Token, inside: set[int]) -> Token | None:
    """The noun a value describes ("tariffs" in "tariffs of 130%", "cut tariffs to 10%")."""
    tok = anchor
    # "$550 billion in investments", "12 million tons of soybeans", "47% of voters"
    for child in tok.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in {"of", "in", "for", "on"}
            and child.i not in inside
        ):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in {"NOUN", "PROPN"}:
                    return _possessed(pobj) or pobj
    # Climb through prepositions and adverbial glue ("to as high as 155%") to the first
    # noun or verb above the value.
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if head.i in inside or head.pos_ in {
            "ADP",
            "ADJ",
            "ADV",
            "NUM",
            "SYM",
            "PART",
            "DET",
            "CCONJ",
        }:
            cur = head
            continue
        break
    target = cur.head
    if target.i == cur.i:
        return None
    if target.pos_ in {"NOUN", "PROPN"} and target.i not in inside:
        if cur.dep_ in {"nsubj", "nsubjpass"}:
            return None
        return target  # "47% tariffs", "tariffs of up to 130%"
    if target.pos_ in {"VERB", "AUX"}:
        for dep in ("dobj", "nsubjpass", "nsubj", "attr"):
            for child in target.children:
                if child.dep_ == dep and child.i not in inside and child.pos_ in {"NOUN", "PROPN"}:
                    return child
        # "threatened to raise tariffs": look one verb up
        if target.dep_ in {"xcomp", "ccomp", "advcl", "conj"}:
            for child in target.head.children:
                if child.dep_ in {"dobj", "nsubj", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN"}:
                    return child
    return None


def _predicate_token(anchor: Token) -> Token | None:
    tok = anchor
    for _ in range(8):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in {"VERB", "AUX"} else None
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL_PREDICATES:
            return tok
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def _predicate_lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        return NOMINAL_PREDICATES.get(lemma, lemma)
    # "took place" is an event verb
    if lemma == "take" and any(c.lower_ == "place" for c in tok.children):
        return "take place"
    return lemma


def _event_word(anchor: Token, thing: Token | None) -> Token | None:
    """The event a date or place belongs to: the nearest meeting-like word above it, up to
    and including the first verb (and that verb's subject, for "the meeting took place
    in Busan" or "talks were held in Seoul"). The walk never crosses a second clause."""
    tok = anchor
    for _ in range(8):
        lemma = tok.lemma_.lower()
        if (
            tok.i != anchor.i
            and tok.pos_ != "VERB"
            and (lemma in MEET_WORDS or lemma in NOMINAL_PREDICATES)
        ):
            return tok
        if tok.pos_ in {"VERB", "AUX"}:
            if tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in MEET_WORDS:
                return tok.head  # "a summit held in Busan", "talks that took place in Seoul"
            if lemma in {"take", "hold"}:
                for c in tok.children:
                    if c.dep_ in {"nsubj", "nsubjpass"}:
                        ref = (
                            tok.head if c.lower_ in {"which", "that"} and tok.dep_ == "relcl" else c
                        )
                        if (
                            ref.lemma_.lower() in MEET_WORDS
                            or ref.lemma_.lower() in NOMINAL_PREDICATES
                        ):
                            return ref
                if lemma == "take" and any(c.lower_ == "place" for c in tok.children):
                    return tok
                return None
            if lemma in MEET_WORDS or lemma in NOMINAL_PREDICATES:
                return tok
            if tok.dep_ == "relcl" and tok.head.lemma_.lower() in MEET_WORDS:
                return tok.head
            return None
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _event_subject(
    predicate: str,
    thing: Token | None,
    people: tuple[str, ...],
    inside: set[int],
    event: Token | None = None,
) -> str:
    who = " and ".join(sorted(set(people)))
    # A named event keeps its name: "ASEAN Summit" is not the leaders' own meeting.
    named = ""
    if event is not None:
        names = [
            c.text.lower()
            for c in event.lefts
            if c.dep_ in {"compound", "nmod"} and c.ent_type_ in {"ORG", "EVENT", "NORP"}
        ]
        named = " ".join(names)
    if predicate == "meet":
        label = f"{named} summit" if named else "meeting"
        return f"{label} of {who}" if who else label
    base = predicate or (thing.lemma_.lower() if thing is not None else "")
    return f"{base} of {who}" if who and base else base


_SUBJECT_DEPS = {"amod", "compound", "nmod", "poss"}


def _phrase(noun: Token, inside: set[int]) -> str:
    """The noun with its modifiers and prepositional phrases, lemmatized:
    'tariffs on fentanyl-related Chinese imports' → 'tariff on fentanyl-related chinese import'."""
    words: list[str] = []
    mods = [
        c for c in noun.lefts if c.dep_ in _SUBJECT_DEPS and c.i not in inside and not c.like_num
    ]
    for mod in mods:
        words.append(_mod_text(mod, inside))
    words.append(noun.lemma_.lower())
    for child in noun.rights:
        if child.i in inside:
            continue
        if child.dep_ == "prep" and child.lower_ in {
            "on",
            "for",
            "of",
            "to",
            "against",
            "from",
            "in",
        }:
            pobj = next((c for c in child.children if c.dep_ == "pobj" and c.i not in inside), None)
            if (
                pobj is not None
                and not pobj.like_num
                and pobj.ent_type_ not in {"DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
            ):
                words.append(child.lower_)
                words.append(_phrase(pobj, inside))
        elif child.dep_ == "acl":
            for prep in child.children:
                if prep.dep_ == "prep" and prep.i not in inside:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and not pobj.like_num:
                        words.append(prep.lower_)
                        words.append(_phrase(pobj, inside))
            for sub in child.children:
                if sub.dep_ == "acl" or sub.dep_ == "advcl":
                    for prep in sub.children:
                        if prep.dep_ == "prep":
                            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                            if pobj is not None and not pobj.like_num:
                                words.append(prep.lower_)
                                words.append(_phrase(pobj, inside))
    return " ".join(w for w in words if w).replace(" - ", "-")


def _mod_text(mod: Token, inside: set[int]) -> str:
    toks = [
        t
        for t in mod.subtree
        if t.i not in inside
        and not t.like_num
        and t.dep_ != "det"
        and not t.is_punct
        or t.text == "-"
    ]
    text = " ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in toks)
    return text.replace("’s", "").replace("'s", "").replace(" - ", "-").strip()


#: The Doc whose children table was made last, and that table (claims are read one
#: sentence at a time, so one is enough).
_children_table: tuple[Doc | None, list[list[int]]] = (None, [])


def _children(tok: Token) -> list[Token]:
    """``tok.children`` from a table made once per Doc: spaCy finds a token's children by
    scanning its whole subtree, so walking up from every value of a long sentence (a
    chain of clauses) read the sentence once per value."""
    global _children_table
    doc = tok.doc
    held, table = _children_table
    if held is not doc:
        table = [[] for _ in range(len(doc))]
        for t in doc:
            if t.head.i != t.i:
                table[t.head.i].append(t.i)
        _children_table = (doc, table)
    return [doc[i] for i in table[tok.i]]


def _noun_like(tok: Token) -> bool:
    """A noun, or a gerund the parser took for a verb that a determiner and compound nouns
    lead up to ("a bird strike warning")."""
    if tok.pos_ == "NOUN":
        return True
    if tok.tag_ != "VBG":
        return False
    doc, i = tok.doc, tok.i - 1
    while i >= 0 and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} and i > tok.i - 4:
        i -= 1
    return i >= 0 and i < tok.i - 1 and doc[i].pos_ == "DET"


def _a_bound(no: Token) -> bool:
    """"no more than 50", "no fewer than 12": a bound on the value, not a negation."""
    return no.i + 1 < len(no.doc) and no.doc[no.i + 1].lower_ in {"more", "less", "fewer"}


def _modality(anchor: Token) -> str:
    """Walk up from the value to the root, noting negation, threats, plans and hedges."""
    found: set[str] = set()
    tok = anchor
    first_verb = True
    for _ in range(10):
        lemma = tok.lemma_.lower()
        if lemma in THREAT_WORDS and (lemma in THREAT_NOUNS or not _noun_like(tok)):
            found.add("threatened")  # "warned of 155%", "the threat of"; not "a storm warning"
        if lemma in PLAN_WORDS and tok.i != anchor.i:
            found.add("planned")
        if lemma in EXPECT_WORDS:
            found.add("expected")
        if lemma in HEDGE_WORDS:
            found.add("hedged")
        for child in _children(tok):
            cl = child.lower_
            if child.dep_ == "neg" and first_verb and not _a_bound(child):
                found.add("negated")
            if first_verb and child.dep_ in {"nsubj", "nsubjpass"} and (
                    cl in {"nobody", "none", "neither", "nothing"}
                    or any(g.dep_ == "det" and g.lower_ == "no" and not _a_bound(g)
                           for g in child.children)):
                found.add("negated")  # "no candidate won more than 50%": nobody did
            if child.dep_ == "aux" and cl in {"will", "'ll", "shall"}:
                found.add("planned")
            if child.dep_ == "aux" and cl in {"may", "might", "could", "would"}:
                found.add("hedged")
            if child.dep_ == "advmod" and child.lemma_.lower() in {
                "reportedly",
                "possibly",
                "perhaps",
                "allegedly",
            }:
                found.add("hedged")
        if tok.pos_ in {"VERB", "AUX"}:
            first_verb = False
        if tok.head.i == tok.i:
            break
        tok = tok.head
    for mood in ("negated", "threatened", "planned", "expected", "hedged"):
        if mood in found:
            return mood
    return "asserted"


# --------------------------------------------------------------- rules-only reading

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z-]+")
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "to",
    "for",
    "and",
    "or",
    "by",
    "from",
    "at",
    "with",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "up",
    "as",
    "than",
    "about",
    "around",
    "nearly",
    "some",
}
_VERBISH = re.compile(
    r"\b(reduc\w*|cut\w*|lower\w*|rais\w*|increas\w*|hik\w*|impos\w*|threat\w*|cancel\w*|"
    r"slash\w*|halv\w*|doubl\w*|fell|rose|drop\w*|climb\w*|jump\w*|announc\w*|invest\w*|"
    r"met|meet\w*|sign\w*|agree\w*|pledg\w*|spen[dt]\w*|pa(?:y|id)\w*|cost\w*|buy\w*|"
    r"bought|sell\w*|sold|kill\w*|die[ds]?|injur\w*)\b",
    re.I,
)


def _from_words(text: str, m: Mention) -> tuple[str, str, str]:
    """Subject and predicate read from nearby words when there is no parse."""
    after = text[m.end : m.end + 60]
    before = text[max(0, m.start - 80) : m.start]
    subject = ""
    words = _WORD_RE.findall(after)[:3]
    if words and words[0].lower() not in _STOP:
        subject = words[0].lower()
    else:
        prior = [w for w in _WORD_RE.findall(before) if w.lower() not in _STOP]
        if prior:
            subject = prior[-1].lower()
    verbs = _VERBISH.findall(before) or _VERBISH.findall(after)
    predicate = verbs[-1].lower() if verbs else ""
    return subject, predicate, _modality_words(text, m)


def _modality_words(text: str, m: Mention) -> str:
    window = text[max(0, m.start - 80) : m.start]
    for mood, rx in _RULES_MODAL:
        if rx.search(window):
            return mood
    return "asserted"


def published_or_none(article: Article) -> date | None:
    return article.published
