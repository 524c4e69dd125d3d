"""Stage 3 (extraction): claim frames. What a value measures (its *attribute*: deaths, missing,
fine, valuation, …), the part of the world it is about (its *scope*: a subgroup such as
children, or a place such as Kerr County) and the occurrence it belongs to (an aftershock,
an exit poll, an earlier year).

Slots are keyed on frames (clusters.block_key): a head noun alone never joins two claims,
"37 people died" and "112 people are missing" are two facts, and "a 5.9 quake in 2019" is
not the main shock. The vocabulary is data (``lexicon.json``, extendable with
``--lexicon FILE``); the rules here only read the words around a value, so that they
work the same with the trained pipeline and in rules mode.

Words are read inside the value's *clause*: from the value back to the nearest
punctuation, "and" or clause word ("while", "but", …), and forward to the nearest
punctuation or clause word. Inside it the attribute is, in order of trust:

1. the head noun of the subject ("three deaths", "the death toll rose to 43");
2. the predicate ("killing 51 people", "112 are missing");
3. a word right before the value, hedges and prepositions skipped ("killed at least 51");
4. the nearest word after the value ("37 people died"), then before it;
5. for a clause opened by "including", "among them", … the attribute of the clause
   before ("43 dead, including 15 children").
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ClaimcheckError
from ..records import NUMERIC_KINDS


class LexiconError(ClaimcheckError):
    """A lexicon file is malformed."""


#: Frame attribute of values that are not claims to compare (compared with nothing).
NOT_A_CLAIM = "not a claim"

_WORD = re.compile(
    r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*|\d+(?:[.,:]\d+)*|[,;:()\[\]—–|•·●▪/]|\s-\s")
_BREAK_PUNCT = frozenset(",;:()[]—–|•·●▪/") | {" - "}
#: Words skipped when looking right before a value for its attribute ("killed at least 5").
_SKIP = frozenset(
    "a an the at to of by for from about around some nearly almost over more than least up "
    "roughly approximately just only another estimated as many much high fewer less under "
    "upwards close another further additional".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
#: A year a story may name (occurrences, and an undated story's own year).
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    kinds: frozenset[str]
    running: bool
    #: A place named with the value locates the thing measured ("a 33-storey tower in
    #: Chatuchak", "a 6.4 quake in Mandalay") rather than a part of a whole ("12 dead in
    #: Kerr County" is not the whole toll): a claim naming no place is compared with it.
    located: bool = False
    #: Words that give this attribute only right after the value ("a 6.8 aftershock" is a
    #: magnitude; "the aftershock killed 12" is not).
    after_value: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The vocabulary of frames, validated (see ``lexicon.json``)."""

    attributes: dict[str, Attribute]
    #: word or phrase (tuple of words) → attribute names, longest phrases first per word
    triggers: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    generic_heads: frozenset[str]
    subgroup_heads: frozenset[str]
    occurrence_words: tuple[tuple[str, ...], ...]
    inherit_words: tuple[tuple[str, ...], ...]
    clause_breaks: frozenset[str]
    place_markers: frozenset[str]
    superlatives: frozenset[str]
    not_claim_preps: frozenset[str]
    #: Offices one person cannot hold at once (role conflicts).
    exclusive_roles: frozenset[str] = frozenset()
    #: Words before a number that make it a name, not a quantity ("flight 2216").
    identifier_words: frozenset[str] = frozenset()
    #: "750 girls at Camp Mystic": people counted at a named place are those present.
    presence_preps: frozenset[str] = frozenset()
    #: Subject heads that do not say what a percentage is of ("vote", "result", "share").
    generic_percent_heads: frozenset[str] = frozenset()
    #: Words before a value that make it a part or a variant of the whole ("combined",
    #: "net"): "the combined company is worth $250 billion" is not the target's $85 billion.
    scope_words: frozenset[str] = frozenset()
    #: "397 workers inside the building": people counted at such a place are those present.
    presence_places: frozenset[str] = frozenset()
    #: Verbs whose bare object is an amount of change ("the river rose 26 feet"), not a
    #: level ("rose to 29 feet", "at 29 feet").
    change_words: frozenset[str] = frozenset()
    #: Verbs any event may take ("struck", "hit", "arrived"): an event noun of the clause
    #: says what is dated ("the flood arrived early Friday" is the flood's date).
    weak_event_words: frozenset[str] = frozenset()
    #: Estimates whose figures are not the result ("exit poll", "projection"): named
    #: anywhere before a value in its sentence, they are the value's occurrence.
    estimate_words: tuple[tuple[str, ...], ...] = ()
    #: Words that make "N% of the votes …" how much is counted, not a share ("after 100% of
    #: the ballots were counted", "with 95% of precincts reporting").
    count_progress_words: frozenset[str] = frozenset()
    #: Words of a trial: "N others" in a clause naming one are the defendants tried
    #: together ("the trial of Smith and 12 others"), unless it names a verdict
    #: (``verdict_words``: "12 others were convicted" counts the convicted).
    trial_words: frozenset[str] = frozenset()
    verdict_words: frozenset[str] = frozenset()
    #: Verbs by which a name receives a share ("Smith received 48.1%", "Jones won 52%"):
    #: the name before one owns the share, even as the sentence's first word.
    share_verbs: frozenset[str] = frozenset()
    #: Nouns a person is called by ("minister", "striker"): "former" or "previous" before
    #: one (or before a capitalized title or name) describes the person, not the value's
    #: occurrence ("sentenced former minister Smith to four years").
    person_words: frozenset[str] = frozenset()

    def running(self, attribute: str) -> bool:
        a = self.attributes.get(attribute)
        return bool(a and a.running)

    def located(self, attribute: str) -> bool:
        a = self.attributes.get(attribute)
        return bool(a and a.located)


_LIST_KEYS = ("generic_heads", "subgroup_heads", "occurrence_words", "inherit_words",
              "clause_breaks", "place_markers", "superlatives", "not_claim_preps",
              "exclusive_roles", "identifier_words", "presence_preps", "generic_percent_heads",
              "scope_words", "presence_places", "change_words", "weak_event_words",
              "share_verbs", "estimate_words", "count_progress_words", "trial_words",
              "verdict_words", "person_words")
#: Kinds a lexicon attribute may apply to: numbers measure an attribute, dates and times
#: of day date an event ("crashed at 9:03", "sentenced on Monday").
_KINDS = NUMERIC_KINDS | {"date", "time"}


class _AttrEntry(NamedTuple):
    kinds: frozenset[str]
    running: bool
    located: bool
    words: list[str]
    after_value: list[str]


def _words_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{where}: {key!r} must be a list of non-empty strings")
    return [" ".join(w.lower().split()) for w in value]


def _validated(data: Any, where: str) -> dict[str, Any]:
    """The parts of one lexicon document, checked; a LexiconError names what is wrong."""
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: a lexicon is a JSON object")
    unknown = set(data) - {"version", "about", "attributes", *_LIST_KEYS}
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    attrs = data.get("attributes", {})
    if not isinstance(attrs, dict):
        raise LexiconError(f"{where}: 'attributes' must be an object of name → entry")
    out: dict[str, Any] = {"attributes": {}}
    for name, entry in attrs.items():
        here = f"{where}: attribute {name!r}"
        if not isinstance(entry, dict):
            raise LexiconError(f"{here} must be an object")
        bad = set(entry) - {"about", "kinds", "running", "located", "words", "after_value"}
        if bad:
            raise LexiconError(f"{here}: unknown key(s) {', '.join(sorted(bad))}")
        kinds = entry.get("kinds", ["count"])
        if not isinstance(kinds, list) or not set(kinds) <= _KINDS or not kinds:
            raise LexiconError(f"{here}: 'kinds' must list some of {', '.join(sorted(_KINDS))}")
        for flag in ("running", "located"):
            if not isinstance(entry.get(flag, False), bool):
                raise LexiconError(f"{here}: {flag!r} must be true or false")
        words = _words_list(entry, "words", here)
        if not words:
            raise LexiconError(f"{here}: 'words' must not be empty")
        out["attributes"][name.lower()] = _AttrEntry(
            frozenset(kinds), entry.get("running", False), entry.get("located", False), words,
            _words_list(entry, "after_value", here))
    for key in _LIST_KEYS:
        out[key] = _words_list(data, key, where)
    return out


def build_lexicon(*documents: tuple[Any, str]) -> Lexicon:
    """A Lexicon from JSON documents (``(data, where)``), later ones adding to earlier ones:
    an attribute named again gets the new words, kinds and running flag added."""
    attrs: dict[str, _AttrEntry] = {}
    lists: dict[str, list[str]] = {k: [] for k in _LIST_KEYS}
    for data, where in documents:
        part = _validated(data, where)
        for name, e in part["attributes"].items():
            old = attrs.get(name)
            attrs[name] = e if old is None else _AttrEntry(
                old.kinds | e.kinds, old.running or e.running, old.located or e.located,
                old.words + e.words, old.after_value + e.after_value)
        for key in _LIST_KEYS:
            lists[key].extend(part[key])
    attributes = {n: Attribute(n, frozenset(e.kinds), e.running, e.located,
                               frozenset(e.after_value)) for n, e in attrs.items()}
    triggers: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, e in attrs.items():
        for phrase in e.words:
            parts = tuple(phrase.split())
            triggers.setdefault(parts[0], []).append((parts, name))
    return Lexicon(
        attributes=attributes,
        triggers={w: tuple(sorted(set(v), key=lambda p: -len(p[0]))) for w, v in triggers.items()},
        generic_heads=frozenset(lists["generic_heads"]),
        subgroup_heads=frozenset(lists["subgroup_heads"]),
        occurrence_words=tuple(sorted({tuple(w.split()) for w in lists["occurrence_words"]},
                                      key=len, reverse=True)),
        inherit_words=tuple(sorted({tuple(w.split()) for w in lists["inherit_words"]},
                                   key=len, reverse=True)),
        clause_breaks=frozenset(lists["clause_breaks"]),
        place_markers=frozenset(lists["place_markers"]),
        superlatives=frozenset(lists["superlatives"]),
        not_claim_preps=frozenset(lists["not_claim_preps"]),
        exclusive_roles=frozenset(lists["exclusive_roles"]),
        identifier_words=frozenset(lists["identifier_words"]),
        presence_preps=frozenset(lists["presence_preps"]),
        generic_percent_heads=frozenset(lists["generic_percent_heads"]),
        scope_words=frozenset(lists["scope_words"]),
        presence_places=frozenset(lists["presence_places"]),
        change_words=frozenset(lists["change_words"]),
        weak_event_words=frozenset(lists["weak_event_words"]),
        share_verbs=frozenset(lists["share_verbs"]),
        count_progress_words=frozenset(lists["count_progress_words"]),
        trial_words=frozenset(lists["trial_words"]),
        verdict_words=frozenset(lists["verdict_words"]),
        person_words=frozenset(lists["person_words"]),
        estimate_words=tuple(sorted({tuple(w.split()) for w in lists["estimate_words"]},
                                    key=len, reverse=True)),
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LexiconError(f"{path}: not a JSON lexicon ({exc})") from exc


def lexicon_digest(path: str) -> str:
    """SHA-256 of a lexicon file (the extraction cache keys on it)."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror})") from exc


@lru_cache(maxsize=8)
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The built-in lexicon, plus the entries of the file ``extra`` when given."""
    builtin = json.loads(resources.files("claimcheck").joinpath("data", "lexicon.json").read_text(
        encoding="utf-8"))
    docs: list[tuple[Any, str]] = [(builtin, "claimcheck/data/lexicon.json")]
    if extra:
        docs.append((_read_json(Path(extra)), extra))
    return build_lexicon(*docs)


#: The lexicon file added to the built-in one for the comparison stage (``use_lexicon``).
_ACTIVE_EXTRA: str | None = None


def use_lexicon(extra: str | None) -> None:
    """Make ``active_lexicon`` the built-in lexicon plus ``extra`` (an analyst's
    ``--lexicon``): the stages that compare claims read it, as extraction did."""
    global _ACTIVE_EXTRA
    _ACTIVE_EXTRA = extra


def active_lexicon() -> Lexicon:
    """The lexicon of the current run (see ``use_lexicon``)."""
    return load_lexicon(_ACTIVE_EXTRA)


# ------------------------------------------------------------------------------ frames


@dataclass(frozen=True, slots=True)
class Frame:
    attribute: str = ""
    scope: str = ""
    occurrence: str = ""


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str  # lower case
    start: int
    end: int
    orig: str

    @property
    def is_break(self) -> bool:
        return self.text in _BREAK_PUNCT or self.orig.strip() == "-"


@lru_cache(maxsize=32)
def _tokenized(text: str) -> tuple[list[_Tok], list[int], list[int]]:
    """The words of a sentence with their start and end offsets (kept for the sentence's
    other values: a sentence is read once, however many values it holds)."""
    toks = [_Tok(m.group().lower().strip(), m.start(), m.end(), m.group())
            for m in _WORD.finditer(text)]
    return toks, [t.start for t in toks], [t.end for t in toks]


def _tokens(text: str) -> list[_Tok]:
    return _tokenized(text)[0]


#: A list item: a line opened by a bullet ("- €4.34 billion in 2018 for …").
LIST_ITEM = re.compile(r"^\s*[-–—•*▪●◦]\s+")


def _named_event(toks: list[_Tok], first: int, lo: int, hi: int, kind: str, attribute: str,
                 lex: Lexicon) -> str:
    """``attribute``, unless the clause names it only by a verb any event takes
    (``weak_event_words``: "struck", "arrived") and names another event by a noun or a
    verb of its own ("the flood arrived early Friday"): then the nearest such event."""
    strong: list[tuple[int, str]] = []
    for j in range(lo, hi):
        name = _trigger_at(toks, j, kind, lex)
        if name and toks[j].text not in lex.weak_event_words:
            if name == attribute:
                return attribute
            strong.append((abs(j - first), name))
    return min(strong)[1] if strong else attribute


def lead_attribute(kind: str, lead: str, lexicon: Lexicon | None = None) -> str:
    """The attribute a list's lead ("Previous fines include:") gives the values of its
    items that name none themselves: the last lexicon phrase of the lead for ``kind``."""
    return _last_trigger(_tokenized(lead)[0], kind, lexicon or load_lexicon())


def earlier_year(kind: str, attribute: str, value: object, year: int | None) -> str:
    """The year of a dated event more than a year before the story's ``year`` ("the 2023
    election" in a 2025 story: another occurrence of the event), or ""."""
    first = str(value)[:4]
    if kind == "date" and attribute and year is not None and first.isdigit() \
            and int(first) < year - 1:
        return first
    return ""


def frame_of(
    kind: str,
    text: str,
    start: int,
    end: int,
    subject: str = "",
    predicate: str = "",
    reference_year: int | None = None,
    lexicon: Lexicon | None = None,
    people: tuple[str, ...] = (),
) -> Frame:
    """The frame of the value at ``text[start:end]`` (a sentence) of claim kind ``kind``.

    ``subject`` and ``predicate`` are the claim's (their words are trusted first);
    ``reference_year`` is the year of the story (the publication year), so that a value
    "in 2019" in a 2025 story belongs to another occurrence; ``people`` are the persons
    the sentence names: a value whose clause names one of them is that person's ("Smith
    won 52%" is not "Jones won 47%")."""
    if kind not in _KINDS:
        return Frame()
    lex = lexicon or load_lexicon()
    toks, starts, ends = _tokenized(text)
    first = bisect.bisect_right(ends, start)  # the first word ending after the value starts
    last = bisect.bisect_left(starts, end) - 1  # the last word starting before it ends
    if first >= len(toks):
        return Frame()
    if (kind == "money" and _CONVERSION.search(text, max(0, start - 60), start)) or (
            kind == "quantity" and _QUANTITY_CONVERSION.search(text, max(0, start - 60), start)):
        # "€2.95 billion ($3.45 billion)", "39 feet (11.8 meters)": one value in two units
        return Frame(attribute=f"{NOT_A_CLAIM}: conversion")
    if (why := _not_a_claim(kind, text, end, toks, first, lex)) is not None:
        return Frame(attribute=f"{NOT_A_CLAIM}: {why}")
    if kind in {"date", "time"} and _SESSION_CLOSE.match(text, end):
        # "a 43% premium to Friday's close": the session a price is measured from, not
        # the day a deal closes
        return Frame(attribute=f"{NOT_A_CLAIM}: trading session")
    lo, hi = _clause(toks, first, last, lex)
    if lo == first and hi == last + 1 and 0 < first and last + 1 < len(toks) \
            and toks[first - 1].text == "(" and toks[last + 1].text == ")":
        # "Nick Woltemade (£69m)": the value glosses the words before its parenthesis
        lo, hi = _clause(toks, first - 2, first - 2, lex) if first >= 2 else (lo, hi)
        hi = max(hi, last + 1)
    if kind == "quantity" and "distance" in lex.attributes \
            and (between := _distance(text, start, end)) is not None:
        return Frame(attribute="distance", scope=between)
    if kind == "duration" and "interval" in lex.attributes \
            and (events := _between_events(toks, first, last, lex)):
        return Frame(attribute="interval", scope=events)
    attribute = _attribute(kind, toks, first, last, lo, hi, subject, predicate, lex)
    if kind in {"date", "time"} and attribute:
        attribute = _named_event(toks, first, lo, hi, kind, attribute, lex)
    if kind not in NUMERIC_KINDS:  # a date or time: the event it dates, and its occurrence
        return Frame(attribute=attribute,
                     occurrence=_occurrence(toks, max(lo, first - 6), min(hi, last + 8),
                                            reference_year, lex) if kind == "time" else "")
    occurrence = _numeric_occurrence(kind, toks, first, last, lo, hi, reference_year, lex)
    return Frame(
        attribute=attribute,
        scope=_scope(kind, attribute, subject, toks, lo, hi, text, lex, people, first),
        occurrence=occurrence,
    )


def _numeric_occurrence(kind: str, toks: list[_Tok], first: int, last: int, lo: int, hi: int,
                        reference_year: int | None, lex: Lexicon) -> str:
    """The occurrence of a number (tokens first..last, clause lo..hi): named next to it,
    by the clause it hangs from, by an opening phrase, by the verb of a first object, by
    an estimate named earlier in the sentence, an unfinished count, or a counterfactual."""
    occurrence = _occurrence(toks, max(lo, first - 6), min(hi, last + 8), reference_year, lex)
    if occurrence == "initial" and first > 0 and toks[first - 1].text == "initial":
        occurrence = ""  # "for an initial £69m": the fee without add-ons, not a first bid
    if not occurrence and _opens_with(toks, lo, lex.inherit_words):
        # "multiple aftershocks, one measuring 6.4": the clause before names the occurrence
        occurrence = _occurrence(toks, max(0, lo - INHERIT_WORDS), lo, reference_year, lex)
    if not occurrence and (frame := _framing(toks, lo))[1]:
        occurrence = _occurrence(toks, *frame, reference_year, lex)  # "In 2018, it was fined …"
    if not occurrence and lo > 1 and toks[lo - 1].text == "and":
        # "they requested a €2 million fine and sentences of up to one year": the verb of
        # the first object governs the second
        plo, _phi = _clause(toks, lo - 2, lo - 2, lex)
        occurrence = _occurrence(toks, plo, lo - 1, reference_year, lex)
        if occurrence not in _GOVERNING:
            occurrence = ""
    if not occurrence:
        # "The first exit poll, released at 9 p.m., showed Smith with 50.3%": a figure of
        # an estimate named earlier in the sentence, however far
        occurrence = _occurrence(toks, 0, first, None, lex, lex.estimate_words)
    if not occurrence and kind == "percent" and _partial_count(toks, lex):
        occurrence = PARTIAL_COUNT  # "with 60% of precincts reporting, Smith has 52%"
    if not occurrence and _counterfactual(toks, lo, hi):
        occurrence = "hypothetical"  # "if it had been priced at $85, it would have …"
    return occurrence


#: Words searched either side of "after"/"before" for the events a duration lies between.
EVENT_WORDS = 10


def _between_events(toks: list[_Tok], first: int, last: int, lex: Lexicon) -> str:
    """The two events a duration lies between, as "crash & warning" (either order: six
    minutes before the crash is six minutes after the warning): "the crash came two
    minutes after the bird-strike warning"; empty when the sentence does not name both."""
    k = last + 1
    while k < len(toks) and toks[k].text in {"later", "earlier", "just", "only"}:
        k += 1
    if k >= len(toks) or toks[k].text not in {"after", "before"}:
        return ""
    later = ""
    for j in range(k + 1, min(len(toks), k + 1 + EVENT_WORDS)):
        if toks[j].is_break:
            break
        if name := _trigger_at(toks, j, "time", lex):
            later = name
            if not (j + 1 < len(toks) and _trigger_at(toks, j + 1, "time", lex)):
                break  # "a bird strike warning": the last noun of a compound is the event
    earlier = ""
    for j in range(first - 1, max(-1, first - 1 - EVENT_WORDS), -1):
        if toks[j].is_break:
            break
        if name := _trigger_at(toks, j, "time", lex):
            earlier = name
            break
    if not later or not earlier or later == earlier:
        return ""
    return " & ".join(sorted({later, earlier}))


_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*){0,3}"
_COMPASS = r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)?"
#: "… 85 miles northwest of San Antonio", "… 17 km from Mandalay"
_DISTANCE_TO = re.compile(
    r"\s*(?:(?:to\s+the\s+)?" + _COMPASS + r"\s+(?:of|from)|(?:away\s+)?from|outside(?:\s+of)?)"
    r"\s+(?:the\s+(?:city\s+of\s+)?)?(" + _NAME + ")")
#: "Kerr County, located about …", "Kerr County, which is …" (before the value)
_DISTANCE_FROM = re.compile(
    "(" + _NAME + r")\s*,?\s*(?:(?:which|that)\s+(?:is|lies|sits)\s+|(?:is|lies|sits)\s+)?"
    r"(?:(?:located|situated)\s+)?(?:(?:about|around|some|roughly|approximately|nearly|"
    r"almost|just|more\s+than|less\s+than|over|under)\s+)?$")


def _distance(text: str, start: int, end: int) -> str | None:
    """The scope of a distance between two places: "from san antonio @ in kerr county" for
    "Kerr County, located about 85 miles northwest of San Antonio" (the place it locates
    after "in ", so that a claim naming no place meets it); None when the value is not a
    distance to a named place."""
    to = _DISTANCE_TO.match(text, end)
    if to is None:
        return None
    scope = "from " + to.group(1).lower().rstrip(".'’-")
    before = _DISTANCE_FROM.search(text, max(0, start - 80), start)
    if before is not None and before.group(1).split()[0].lower() not in _NOT_A_PLACE:
        scope += " @ " + PLACE_PREFIX + before.group(1).lower().rstrip(".'’-")
    return scope


#: Capitalized words that open a sentence rather than name a place.
_NOT_A_PLACE = frozenset({"the", "a", "an", "it", "this", "that", "he", "she", "they", "about",
                          "some", "around", "located", "situated"})


#: Occurrences named by a verb that governs the objects coordinated after it, or by who
#: asks for all of them ("Prosecutors had sought five years and a €300,000 fine").
_GOVERNING = frozenset({"requested", "sought", "demanded", "asked for", "called for",
                        "proposed", "recommended", "projected", "forecast", "expected",
                        "prosecution", "prosecutor"})

#: Words before a clause opened by "including", "the strongest" … searched for what it
#: inherits ("Aftershocks followed, more than 50, …, with the strongest measuring 6.4").
INHERIT_WORDS = 16

#: Modal verbs that, before "have" and a past participle, make a clause counterfactual
#: ("it could have raised $5.5B"); "the merged company would have a value of $200 billion"
#: is a forecast, not a counterfactual.
_MODALS = frozenset({"would", "could", "might", "should"})
#: Words between "have" and the participle ("could have potentially raised").
_ADVERBS = frozenset({"potentially", "easily", "likely", "probably", "even", "still", "also",
                      "otherwise", "instead", "possibly", "perhaps"})
#: Past participles that do not end in -ed or -en.
_PARTICIPLES = frozenset({"been", "made", "paid", "sold", "won", "lost", "cost", "got",
                          "had", "brought", "bought", "fetched", "hit", "met", "put", "set"})


def _counterfactual(toks: list[_Tok], lo: int, hi: int) -> bool:
    """A clause opened by "if" or "unless", a sentence opened by "Had …", a clause with
    "hypothetically" or a modal perfect ("would have raised"); a threat "to raise tariffs
    if no deal is reached" is not one (its "if" does not open the value's clause)."""
    if toks[lo].text in {"if", "unless", "hypothetically"} or toks[0].text == "had":
        return True
    for i in range(lo, hi - 2):
        if toks[i].text in _MODALS and toks[i + 1].text == "have":
            j = i + 2
            while j < hi - 1 and toks[j].text in _ADVERBS:
                j += 1
            word = toks[j].text
            if word in _PARTICIPLES or (len(word) > 3 and word.endswith(("ed", "en"))):
                return True
        if toks[i].text == "hypothetically":
            return True
    for i in range(lo, hi - 1):
        # "Adobe almost acquired Figma for $20 billion": it did not ("nearly doubled" is
        # an approximate change, not a failed one)
        word = toks[i + 1].text
        if toks[i].text in {"almost", "nearly"} and word not in _MULTIPLIED and (
                word in _PARTICIPLES or (len(word) > 3 and word.endswith("ed"))):
            return True
    return False


#: Verbs of a change by a factor, which "nearly" approximates ("nearly doubled").
_MULTIPLIED = frozenset({"doubled", "tripled", "trebled", "quadrupled", "halved"})


def _opens_with(toks: list[_Tok], lo: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    opener = tuple(t.text for t in toks[lo:lo + 3])
    return lo > 0 and any(opener[:len(w)] == w for w in phrases)


def _not_a_claim(kind: str, text: str, end: int, toks: list[_Tok], first: int,
                 lex: Lexicon) -> str | None:
    """Ages ("the 61-year-old"), spans of comparison ("the worst in nearly 50 years"),
    identifiers ("flight 2216", "Article 102") and citation marks ("[12]")."""
    if kind == "time" and first >= 2 and toks[first - 2].text == "as" \
            and toks[first - 1].text == "of":
        return "report time"  # "as of 16:20": when a figure was given, not an event
    if kind == "count" and first > 0:
        before = toks[first - 1]
        if before.text in lex.identifier_words and not before.orig[:1].isdigit():
            return "identifier"
        if before.text == "[" and first + 1 < len(toks) and toks[first + 1].text == "]":
            return "citation mark"
    after = text[end:end + 12].lower()
    span_text = text[max(0, end - 12):end].lower()
    if kind in {"duration", "count"} and (
        re.match(r"^-?(?:year|yr)s?-old\b", after)
        or re.match(r"^\s*(?:years?|yrs?)\s+old\b", after)
        or span_text.endswith("-year-old")
    ):
        return "age"
    if kind == "count" and first >= 2 and toks[first - 1].text == "," \
            and toks[first - 2].orig[:1].isupper() and toks[first - 2].orig.isalpha() \
            and first < len(toks) - 1 and toks[first + 1].text in {",", ")", ";"} \
            and toks[first].text.isdigit() and int(toks[first].text) < 120:
        return "age"  # "Janie Hunt, 9, told …": a person's age set off by commas
    if kind == "count" and first + 2 < len(toks) \
            and toks[first + 2].text in {"later", "ago", "earlier"} \
            and toks[first + 1].text.isalpha():
        return "time reference"  # "two seasons later" (a duration "later" is an interval)
    if kind in NUMERIC_KINDS and any(t.text == "between" for t in toks[max(0, first - 3):first]):
        return "range bound"  # "between magnitudes 3 and 5": neither end is a claim alone
    if kind in NUMERIC_KINDS and first >= 2 and toks[first - 1].text == "and" \
            and any(t.text == "between" for t in toks[max(0, first - 6):first - 1]):
        return "range bound"
    if kind == "percent" and _counting_progress(toks, first, lex):
        return "count progress"
    if kind == "duration":
        i = first - 1
        while i >= 0 and toks[i].text in _SKIP and toks[i].text not in lex.not_claim_preps:
            i -= 1
        if i >= 0 and toks[i].text in lex.not_claim_preps:
            window = {t.text for t in toks[max(0, i - 6):i]}
            if window & lex.superlatives:
                return "span of comparison"
    return None


#: Words after "N% of" searched for a word of counting progress.
PROGRESS_WORDS = 8


def _counting_progress(toks: list[_Tok], first: int, lex: Lexicon) -> bool:
    """"after 100% of the votes from all polling stations were counted", "with 95% of
    precincts reporting", "data received from 50% of commissions": how far a count has
    gone, not a share of it ("Smith received 30% of the votes counted" is a share)."""
    if first == 0 or toks[first - 1].text not in _PROGRESS_LEADS:
        return False
    j = first + 1
    while j < len(toks) and toks[j].text in {"%", "percent", "per", "cent"}:
        j += 1
    if j >= len(toks) or toks[j].text != "of":
        return False
    for t in toks[j + 1:j + 1 + PROGRESS_WORDS]:
        if t.is_break:
            break
        if t.text in lex.count_progress_words:
            return True
    return toks[first - 1].text == "from" and any(
        t.text in lex.count_progress_words for t in toks[max(0, first - 4):first])


#: The occurrence of a share given before the count is complete.
PARTIAL_COUNT = "partial count"


def _partial_count(toks: list[_Tok], lex: Lexicon) -> bool:
    """Whether the sentence says how far an unfinished count has gone ("with 60% of
    precincts reporting"); a complete one ("after 100% of ballots were counted") gives
    the result."""
    for j, t in enumerate(toks):
        if t.text[:1].isdigit() and _counting_progress(toks, j, lex):
            try:
                return float(t.text.replace(",", "")) < 100
            except ValueError:
                return False
    return False


#: Words before "N% of …" that open a count's progress ("with 95% of precincts reporting").
_PROGRESS_LEADS = frozenset({"after", "with", "once", "when", "as", "until", "from"})


_MONEY_BEFORE = (r"(?:(?:[€£$¥₹₩]|\b[A-Z]{1,2}\$|\b[A-Z]{3})\s?\d[\d.,]*"
                 r"(?:\s?(?:billion|million|thousand|trillion|bn|mn|m|k)\b)?"
                 r"|\d[\d.,]*(?:\s?(?:billion|million|thousand|trillion))?\s+"
                 r"(?:euros?|pounds?|dollars?|yuan|yen|rupees?|francs?|won|pesos?|rubles?))")
#: A money value in parentheses right after another: its conversion, not another claim.
_CONVERSION = re.compile(_MONEY_BEFORE + r"\s*\(\s*(?:about|around|approximately|roughly|"
                         r"some|nearly|almost|~|or|equivalent\s+to)?\s*$")


#: A quantity in parentheses right after a figure and its unit: its conversion.
_QUANTITY_CONVERSION = re.compile(
    r"\d[\d.,]*(?:\s+and\s+a\s+half)?\s*[a-zA-Z]+\.?(?:\s+[a-z]+)?\s*\(\s*"
    r"(?:about|around|approximately|roughly|some|nearly|almost|~|or)?\s*$")


#: A clause is read at most this many words either side of its value (a run-on text with
#: no punctuation stays linear).
CLAUSE_WORDS = 40


def _clause(toks: list[_Tok], first: int, last: int, lex: Lexicon) -> tuple[int, int]:
    """Token bounds [lo, hi) of the clause holding tokens first..last."""
    lo = first
    floor = max(0, first - CLAUSE_WORDS)
    while lo > floor and not toks[lo - 1].is_break \
            and toks[lo - 1].text not in lex.clause_breaks and toks[lo - 1].text != "and":
        lo -= 1
    hi = last + 1
    ceiling = min(len(toks), last + 1 + CLAUSE_WORDS)
    while hi < ceiling and not toks[hi].is_break and toks[hi].text not in lex.clause_breaks:
        hi += 1
    return lo, hi


def _trigger_at(toks: list[_Tok], i: int, kind: str, lex: Lexicon) -> str:
    """The attribute of a lexicon phrase holding token i (one that starts up to two words
    before it first: "belly landing" is a crash, whichever end a scan meets), for values
    of ``kind``; an event word inside a name ("the State Election Commission") names no
    event."""
    if kind in {"date", "time"} and _in_name(toks, i):
        return ""
    for k in (i - 2, i - 1):  # a longer phrase holding this word owns it ("market value")
        if k >= 0:
            for parts, name in lex.triggers.get(toks[k].text, ()):
                if len(parts) > i - k and tuple(t.text for t in toks[k:k + len(parts)]) \
                        == parts and kind in lex.attributes[name].kinds:
                    return name
    for parts, name in lex.triggers.get(toks[i].text, ()):
        words = tuple(t.text for t in toks[i:i + len(parts)])
        if words == parts and kind in lex.attributes[name].kinds:
            return name
    return ""


def _in_name(toks: list[_Tok], i: int) -> bool:
    """A capitalized word, not the sentence's first, next to another capitalized word."""
    if i == 0 or not toks[i].orig[:1].isupper():
        return False
    near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks) and (j > 0 or i + 1 == j)]
    return any(t.orig[:1].isupper() and t.orig.isalpha() for t in near)


#: Words searched before "N others" back to the last punctuation, for a trial.
TRIAL_WORDS = 12


def _others_tried(toks: list[_Tok], first: int, last: int, hi: int, lex: Lexicon) -> bool:
    """"N other(s)" in a stretch of the sentence that names a trial and no verdict: the
    people tried alongside someone ("the trial of Smith and 12 others", "a trial that
    had seen her and 23 other officials"), not those convicted ("she was convicted with
    eight other MPs")."""
    if last + 1 >= len(toks) or toks[last + 1].text not in {"other", "others"}:
        return False
    j = first
    while j > max(0, first - TRIAL_WORDS) and not toks[j - 1].is_break:
        j -= 1
    words = {t.text for t in toks[j:hi]}
    return bool(words & lex.trial_words) and not words & lex.verdict_words


def _phrase_attribute(words: list[str], kind: str, lex: Lexicon) -> str:
    return _last_trigger([_Tok(w, 0, 0, w) for w in words], kind, lex)


def _last_trigger(toks: list[_Tok], kind: str, lex: Lexicon) -> str:
    """The attribute of the last lexicon phrase in ``toks`` for values of ``kind``."""
    for i in range(len(toks) - 1, -1, -1):
        if name := _trigger_at(toks, i, kind, lex):
            return name
    return ""


def _attribute(kind: str, toks: list[_Tok], first: int, last: int, lo: int, hi: int,
               subject: str, predicate: str, lex: Lexicon) -> str:
    if kind == "count" and first > 0 and toks[first - 1].text in _PLACE_PREPS \
            and last + 1 < hi and toks[last + 1].text.isalpha() \
            and not _trigger_at(toks, last + 1, kind, lex):
        return ""  # "missing from three construction sites": the sites are counted
    if kind == "count" and "defendants" in lex.attributes and _others_tried(toks, first, last,
                                                                             hi, lex):
        return "defendants"  # "a trial that had seen her and 23 other party officials"
    subj_words = subject.lower().replace("-", " ").split()
    head = _head_words(subj_words)
    another_figure = last + 1 < len(toks) and toks[last + 1].text[:1].isdigit()
    if head and not another_figure and (name := _phrase_attribute(head, kind, lex)):
        return name  # (not "two 24-storey blocks": the subject's "storey" is the 24's)
    if last + 1 < hi and (name := _trigger_at(toks, last + 1, kind, lex)):
        return name  # right after the value: "37 dead", "40 wounded people", "and 140 injured"
    if last + 1 < hi:
        for name, a in lex.attributes.items():
            if kind in a.kinds and toks[last + 1].text in a.after_value:
                return name  # "a 6.8 aftershock": a magnitude
    if predicate and (name := _phrase_attribute(predicate.lower().split(), kind, lex)):
        return name
    i = first - 1  # right before the value, hedges and prepositions skipped
    while i >= lo and toks[i].text in _SKIP:
        i -= 1
    for j in range(i, max(lo, i - 2) - 1, -1):  # a phrase may end here ("death toll")
        if j >= lo and (name := _trigger_at(toks, j, kind, lex)):
            return name
    for j in range(last + 1, min(hi, last + 9)):
        if (name := _trigger_at(toks, j, kind, lex)) and not _owned(toks, j, first, last):
            return name
    for j in range(first - 1, max(lo, first - 12) - 1, -1):
        if (name := _trigger_at(toks, j, kind, lex)) and not _owned(toks, j, first, last):
            return name
    return _attribute_around(kind, toks, first, last, lo, hi, lex)



def _attribute_around(kind: str, toks: list[_Tok], first: int, last: int, lo: int, hi: int,
                      lex: Lexicon) -> str:
    """The attribute of a value whose clause names none: from the clause it hangs from
    ("including 15 children"), the main clause of an opening or closing date, the figure
    before an elided noun ("four deaths in Travis and three in Burnet"), or the named
    place people were counted at ("750 girls at Camp Mystic")."""
    if _opens_with(toks, lo, lex.inherit_words):
        plo = lo - 1
        while plo > 0 and not toks[plo - 1].is_break \
                and toks[plo - 1].text not in lex.clause_breaks:
            plo -= 1
        for j in range(lo - 1, max(plo, lo - 16) - 1, -1):
            if name := _trigger_at(toks, j, kind, lex):
                return name
    if kind in {"date", "time"} and hi < len(toks) and toks[hi].text == "," \
            and all(t.text in _SKIP or t.text == "on" for t in toks[lo:first]):
        # "On July 28, 2025, the boards agreed …": an opening date dates the main clause
        _lo, nhi = _clause(toks, hi + 1, hi + 1, lex)
        for j in range(hi + 1, min(nhi, hi + 13)):
            if name := _trigger_at(toks, j, kind, lex):
                return name
    if kind == "count" and lo > 0 and toks[lo - 1].text in {"and", ",", "while"} \
            and (last + 1 >= hi or toks[last + 1].text in _PLACE_PREPS | {"more", "others"}):
        # "four deaths in Travis County and three in Burnet County": the elided noun is
        # that of the figure before
        fig = _figure_before(toks, lo)
        if fig is not None and fig + 1 < lo and (name := _trigger_at(toks, fig + 1, kind, lex)):
            return name
    if kind == "count" and (name := _coordinated_attribute(toks, first, last, lo, hi, lex)):
        return name  # "carrying 148 passengers and six crew": the six are aboard too
    if kind == "count" and "attendance" in lex.attributes:
        # "750 girls at Camp Mystic": people counted at a named place
        for j in range(last + 1, min(hi - 1, last + 6)):
            if toks[j].text in lex.presence_preps and (
                    toks[j + 1].orig[:1].isupper()
                    or (toks[j + 1].text == "the" and j + 2 < hi
                        and toks[j + 2].text in lex.presence_places)):
                return "attendance"  # "at Camp Mystic", "inside the building"
    if kind in {"date", "time"} and 0 < lo and toks[lo - 1].text == "," \
            and all(t.text in _DATE_LEAD for t in toks[lo:first]) and last + 1 >= hi:
        # "The heavy rains began pounding Kerr County, about 60 miles north of San
        # Antonio, on Friday night": a closing date phrase dates the sentence's event
        for j in range(lo - 1, -1, -1):
            if name := _trigger_at(toks, j, kind, lex):
                return name
    return ""

def _coordinated_attribute(toks: list[_Tok], first: int, last: int, lo: int, hi: int,
                           lex: Lexicon) -> str:
    """The attribute of the count before "and" for a count coordinated with it that is only
    a figure and its noun ("carrying 148 passengers and six crew", "including 146
    passengers and eight crew members"): the verb or word that gave the first figure its
    attribute governs both. Not for a count with a verb of its own ("and 300 homes
    collapsed", "and two officers were hurt")."""
    if lo < 2 or toks[lo - 1].text != "and" or any(t.text not in _SKIP for t in toks[lo:first]):
        return ""
    rest = toks[last + 1:hi]
    if not rest or len(rest) > 2 or any(not t.text.isalpha() or t.text.endswith("ed")
                                        or t.text in _AUXILIARIES for t in rest):
        return ""
    if (j := _figure_before(toks, lo)) is None:
        return ""
    plo, phi = _clause(toks, j, j, lex)
    return _attribute("count", toks, j, j, plo, min(phi, lo - 1), "", "", lex)


def _figure_before(toks: list[_Tok], lo: int) -> int | None:
    """The nearest figure before the word that joins a clause at ``lo`` to the one
    before ("four deaths in Travis County and three …"), within INHERIT_WORDS words."""
    for j in range(lo - 2, max(0, lo - INHERIT_WORDS) - 1, -1):
        if toks[j].text[:1].isdigit() or toks[j].text in _NUMBER_WORDS:
            return j
    return None


#: Verbs that make a coordinated count a clause of its own ("and 40 homes were damaged").
_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had",
                          "will", "would", "could", "may", "might", "remain", "remained"})


#: Words a closing date phrase may open with (", on Friday night", ", early Sunday").
_DATE_LEAD = frozenset({"on", "in", "at", "by", "late", "early", "around", "about", "from",
                        "until", "since", "as", "of"})


#: Number words a figure before an elided noun may be written in.
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                           "nine", "ten", "eleven", "twelve", "dozen", "dozens", "hundreds"})

#: Prepositions before a count of places or things ("from three sites", "in 12 hospitals"):
#: such a count is of its own noun, not of what the clause's verb says.
_PLACE_PREPS = frozenset({"from", "at", "across", "in", "on", "into", "inside"})


def _owned(toks: list[_Tok], j: int, first: int, last: int) -> bool:
    """Whether the word at j belongs to another figure right before it ("the
    7.7-magnitude quake … has risen to 1,644": "magnitude" is the 7.7's, not the 1,644's)."""
    return j > 0 and not first <= j - 1 <= last and toks[j - 1].text[:1].isdigit()


def _head_words(words: list[str]) -> list[str]:
    """The words of a subject before its first preposition ("death toll from the storm" →
    death toll)."""
    for k, w in enumerate(words):
        if w in {"of", "from", "in", "on", "for", "at", "to", "with", "by"} and k > 0:
            return words[:k]
    return words


def _nearest_person(toks: list[_Tok], lo: int, hi: int, people: tuple[str, ...],
                    at: int) -> str:
    """The person of ``people`` whose name's words stand nearest token ``at`` in lo..hi."""
    best: tuple[int, str] | None = None
    for p in people:
        words = set(p.lower().replace("-", " ").split())
        for j in range(lo, hi):
            if j > 0 and toks[j - 1].text == "from":
                continue  # "Wissa from Brentford": a seller, whatever the recogniser says
            if toks[j].text in words and (best is None or abs(j - at) < best[0]):
                best = (abs(j - at), p)
    return best[1] if best else ""


#: Words that, between a name and a value, show the name is not the value's owner.
_NOT_DOING = frozenset({"said", "says", "told", "and", "or", "of", "with", "than", "to",
                        "against", "over", "beat", "defeated", "trailed", "led",
                        # a speaker reports a value, it is not theirs ("the sheriff
                        # stated that 11 are missing")
                        "that", "stated", "states", "reported", "reports", "announced",
                        "confirmed", "confirms", "added", "noted", "estimated", "estimates",
                        "explained", "warned", "claimed", "claims", "insisted", "wrote"})


#: Verbs after which "NAME with N%" gives the other side's share ("beat Jones with 52%").
_BEATEN = frozenset({"beat", "beats", "defeated", "defeats", "against", "over", "edged",
                     "trailed", "trails", "ousted", "unseated"})


def _doer(toks: list[_Tok], lo: int, at: int, people: tuple[str, ...],
          share: frozenset[str] | None = None) -> str:
    """The person named right before a verb and the value ("Trzaskowski received 48.11%
    of the vote", "Smith then won 52%"), whose value it is; empty when there is none.
    With ``share`` (a percent: the lexicon's ``share_verbs``), a capitalized name the
    entity recogniser missed also owns the share it is given right before ("gave Nawrocki
    50.7%", "showed Nawrocki with 49.7%") or receives by one of those verbs ("Nawrocki
    received 50.9%", first word of the sentence or not): its lower-case word."""
    for j in range(at - 1, max(lo, at - 4) - 1, -1):
        between = toks[j + 1:at]
        with_share = [t.text for t in between] == ["with"] and (
            j == 0 or toks[j - 1].text not in _BEATEN)  # "showed Smith with 50.3%"
        if not with_share and not all(t.orig.isalpha() and t.orig.islower()
                                      and t.text not in _NOT_DOING for t in between):
            return ""
        for p in people:
            if toks[j].text in set(p.lower().replace("-", " ").split()):
                return p
        if share is None:
            continue
        if (with_share or not between) and _a_name(toks, j):
            return toks[j].text
        if len(between) == 1 and between[0].text in share and _a_subject_name(toks, j):
            return toks[j].text
    return ""


def _a_subject_name(toks: list[_Tok], j: int) -> bool:
    """A capitalized word that may be a name as the subject of a verb: not a month, and
    not a pronoun or another function word that opens a sentence ("He won 52%")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return _capitalized(toks, j) and toks[j].text not in STOP_WORDS


def _a_name(toks: list[_Tok], j: int) -> bool:
    """A capitalized word inside the sentence that is not a month or a weekday."""
    return j > 0 and _capitalized(toks, j)


def _capitalized(toks: list[_Tok], j: int) -> bool:
    """A capitalized word (not all capitals) that is not a month."""
    word = toks[j].orig
    return (word[:1].isupper() and word.isalpha() and not word.isupper()
            and toks[j].text not in _MONTHS)


def _singular(word: str) -> str:
    if word.endswith("ren"):  # children
        return word[:-3]
    if word in {"men", "women"}:
        return word[:-2] + "an"
    if word.endswith(("ss", "us", "is")):  # "previous", "analysis": not plurals
        return word
    return word[:-1] if word.endswith("s") else word


def _person_of(kind: str, subject: str, toks: list[_Tok], lo: int, hi: int, lex: Lexicon,
               people: tuple[str, ...], value_at: int) -> str:
    """The person (or people, joined by " & ") the clause names and the value is said of
    ("Smith won 52%"); a storm or a law named after someone is not the subject of "87
    were killed by Storm X". Empty for none."""
    if kind == "money":  # a fee or a price belongs to the person named nearest to it
        # ("signing Woltemade for £69m and then Wissa": the one before "for £69m";
        # "£69m for Woltemade": the one after)
        if value_at > lo and toks[value_at - 1].text in {"for", "initial", "an"} \
                and any(t.text == "for" for t in toks[max(lo, value_at - 3):value_at]):
            near = _nearest_person(toks, lo, value_at, people, value_at)
        elif value_at + 1 < hi and any(t.text == "for" for t in
                                        toks[value_at + 1:min(hi, value_at + 3)]):
            near = _nearest_person(toks, value_at, hi, people, value_at)
        else:
            near = ""
        return near or _nearest_person(toks, lo, hi, people, value_at)
    # a count or a share belongs to the person it is said of ("Smith won 52%")
    words = {t.text for t in toks[lo:hi]} & set(
        _head_words(subject.lower().replace("-", " ").split()))
    named = sorted(p for p in people if set(p.lower().replace("-", " ").split()) & words)
    if not named and (who := _doer(toks, lo, value_at, people,
                                   share=lex.share_verbs if kind == "percent" else None)):
        named = [who]
    return " & ".join(named)


def _scope(kind: str, attribute: str, subject: str, toks: list[_Tok], lo: int, hi: int,
           text: str, lex: Lexicon, people: tuple[str, ...] = (), value_at: int = 0) -> str:
    """A subgroup the value counts ("children"), the person it belongs to and a place it
    is limited to ("in Kerr County"), joined by " @ "; empty for the whole. A clause that
    names two of the sentence's people ("Smith beat Jones by 52% to 47%") cannot say whose
    value it is: its scope names both, so it is compared only with the same wording."""
    parts: list[str] = []
    if (people or kind == "percent") and kind in {"percent", "count", "money"} \
            and (person := _person_of(kind, subject, toks, lo, hi, lex, people, value_at)):
        parts.append(person)
    if kind == "count":
        head = _head_words(subject.lower().replace("-", " ").split())
        if not head:  # no parse: the word after the value ("15 children")
            after = next((t for t in toks[lo:hi] if t.start >= _value_end(toks, lo, hi)), None)
            head = [after.text] if after is not None else []
        word = head[-1] if head else ""
        if word in lex.subgroup_heads or " ".join(head[-2:]) in lex.subgroup_heads:
            parts.append(_singular(word))
    if kind in NUMERIC_KINDS:
        # "the combined entity will be worth $250 billion", "net spending of £218m"
        said = {t.text for j, t in enumerate(toks[lo:value_at], lo) if not _in_a_name(toks, j)}
        if variants := set(subject.lower().split()) & lex.scope_words:
            # a subject's word counts unless the sentence writes it only inside a name
            named = {t.text for j, t in enumerate(toks) if _in_a_name(toks, j)}
            plain = {t.text for j, t in enumerate(toks) if not _in_a_name(toks, j)}
            said |= variants - (named - plain)
        if kind == "count":  # "22 eastern states": the words between the value and its noun
            said |= {t.text for t in toks[value_at + 1:min(hi, value_at + 3)]}
        parts.extend(sorted(said & lex.scope_words))
    if kind in {"quantity", "count", "money"} and _a_change(toks, lo, value_at, lex):
        parts.append("change")  # "rose 26 feet" is not the level of 29 feet
    if kind == "count" and (sites := _counted_sites(toks, value_at, hi)):
        parts.append(sites)
    if kind == "count" and (named_kind := _named_kind(toks, value_at, hi)):
        parts.append(named_kind)  # "54 Premier League goals" are not all of his goals
    # not past a relative clause on a later noun ("24 others were accused of paying staff
    # who never worked in Brussels" were not counted in Brussels); one on the counted
    # noun itself ("ten people who were visiting died in Bangkok") ends before the verb
    rel = next((j for j in range(value_at + 4, hi) if toks[j].text in _RELATIVE), hi)
    place = _place_in(toks, lo, rel, lex)
    if not place and (frame := _framing(toks, lo))[1]:
        place = _place_in(toks, *frame, lex)  # "In Bangkok, 101 are missing"
    if place:
        parts.append(PLACE_PREFIX + place)
    return " @ ".join(parts)


#: A place a scope is limited to starts with this word ("child @ in kerr county"), so
#: that a place is told from a subgroup or a person (see ``Lexicon.located``).
PLACE_PREFIX = "in "
#: Words at most in an opening phrase ("In Kerr County, …", "In 2018, …").
OPENER_WORDS = 5


#: Words after which an "in …," phrase opens a clause ("reports say that in Bangkok, …"),
#: not ends one ("at the airport in South Korea, with 179 feared dead").
_PHRASE_OPENERS = frozenset({"that", ",", "and", "but", "while", "meanwhile", "as", ";", ":"})


def _framing(toks: list[_Tok], lo: int) -> tuple[int, int]:
    """Token bounds of a short "in …," phrase that frames the value's clause (starting at
    ``lo``): the sentence's opening phrase ("In Bangkok, 10 died and 101 are missing"), or
    one right before the clause ("reports say that in Bangkok, over 100 are missing");
    (0, 0) when there is none."""
    if toks and toks[0].text == "in":
        for i in range(1, min(len(toks), OPENER_WORDS + 2)):
            if toks[i].text == "," and 1 < i < lo:
                return 0, i
            if toks[i].is_break:
                break
    ends = [lo - 1]  # the comma before the clause, or one a short clause before it
    ends += [j for j in range(lo - 2, max(0, lo - 2 - SEGMENT_WORDS), -1)
             if toks[j].text == ","][:1]
    for end in ends:
        if end < 2 or toks[end].text != ",":
            continue
        for i in range(end - 2, max(-1, end - 2 - OPENER_WORDS), -1):
            if toks[i].is_break:
                break
            if toks[i].text == "in" and (i == 0 or toks[i - 1].text in _PHRASE_OPENERS) \
                    and all(t.orig[:1].isupper() or t.text.isdigit() or t.text == "the"
                            for t in toks[i + 1:end]):
                return i, end
    return 0, 0


#: Words at most of a clause between a framing phrase and the value's clause ("in Bangkok,
#: several towers collapsed, leaving over 100 missing").
SEGMENT_WORDS = 8


def place_parts(scope: str) -> tuple[str, str]:
    """A scope split into (its place, the rest): "child @ in kerr county" →
    ("kerr county", "child")."""
    parts = scope.split(" @ ") if scope else []
    places = [p[len(PLACE_PREFIX):] for p in parts if p.startswith(PLACE_PREFIX)]
    rest = [p for p in parts if not p.startswith(PLACE_PREFIX)]
    return " @ ".join(places), " @ ".join(rest)


_PREPOSITIONS = frozenset({"of", "in", "on", "at", "from", "for", "to", "with", "by", "and",
                           "or", "who", "that", "which"})


#: Hedges between a change verb and its amount ("rose by about 26 feet").
_CHANGE_HEDGES = frozenset({"by", "about", "around", "some", "nearly", "almost", "more",
                            "than", "over", "roughly", "approximately", "just", "another",
                            "a", "further", "an", "additional", "estimated", "least", "at"})


def _a_change(toks: list[_Tok], lo: int, at: int, lex: Lexicon) -> bool:
    """The value is the amount a change verb gives ("rose 26 feet", "fell by $5"): the
    verb stands right before it, hedges and "by" skipped; "rose to 29 feet" is a level."""
    i = at - 1
    if i - 1 >= lo and toks[i - 1].text in {"a", "an"} and toks[i].orig.isalpha() \
            and toks[i].orig.islower():
        i -= 1  # "rose a staggering 26 feet"
    while i >= lo and toks[i].text in _CHANGE_HEDGES:
        if toks[i].text == "at" and i + 1 < at and toks[i + 1].text != "least":
            return False  # "at 29 feet"
        i -= 1
    return i >= lo and toks[i].text in lex.change_words


def _named_kind(toks: list[_Tok], at: int, hi: int) -> str:
    """Capitalized words between a count and its noun ("54 Premier League goals", "12
    Democratic senators"): a named kind of the thing counted."""
    words: list[str] = []
    j = at + 1
    while j < hi and toks[j].orig[:1].isupper() and toks[j].orig.isalpha() and len(words) < 3:
        words.append(toks[j].text)
        j += 1
    if words and j < hi and toks[j].orig.isalpha() and toks[j].orig.islower() \
            and toks[j].text not in _PREPOSITIONS:  # "Nine Members of …": the noun itself
        return " ".join(words)
    return ""


#: Words after a number that make it a time of day, not a count of sites.
_CLOCK_WORDS = frozenset({"am", "pm", "a", "p", "o'clock", "o’clock", "local", "gmt", "utc",
                          "hrs", "hours", "noon", "midnight", "tonight", "today"})


def _counted_sites(toks: list[_Tok], at: int, hi: int) -> str:
    """A part named by a count of places after the value: "100 missing from three
    construction sites" → "at construction site" (not the whole toll)."""
    for i in range(at + 1, hi - 2):
        if toks[i].text in {"at", "from", "across"} and (
                toks[i + 1].text.isdigit() or toks[i + 1].text in _NUMBER_WORDS) \
                and toks[i + 2].text not in _CLOCK_WORDS:  # not "at 1.29 PM", "at 9 am"
            words: list[str] = []
            j = i + 2
            while j < hi and toks[j].text.isalpha() and len(words) < 2:
                words.append(toks[j].text)
                j += 1
            if words:
                return "at " + " ".join([*words[:-1], _singular(words[-1])])
    return ""


def _value_end(toks: list[_Tok], lo: int, hi: int) -> int:
    """End offset of the first number token of the clause (the value, in rules mode)."""
    return next((t.end for t in toks[lo:hi] if t.text[:1].isdigit()), toks[lo].end)


#: Pronouns opening a relative clause.
_RELATIVE = frozenset({"who", "which", "whose", "whom"})


def _place_in(toks: list[_Tok], lo: int, hi: int, lex: Lexicon) -> str:
    """A place named in the clause after in/from/across/throughout: "in Kerr County",
    "in Bangkok" (known to the gazetteer or followed by a word such as County)."""
    for i in range(lo, hi - 1):
        # not "from": "signed him from Newcastle" names a seller, not where a value holds
        if toks[i].text not in {"in", "across", "throughout"} and not (
                toks[i].text == "from" and i > 0 and toks[i - 1].text in _REPORTED):
            continue  # "two deaths were reported from Burnet County" is where they were
        j = i + 1
        if j < hi and toks[j].text == "the":
            j += 1
        names: list[str] = []
        while j < hi and toks[j].orig[:1].isupper() and len(names) < 4:
            word = toks[j].orig
            j += 1
            if word.endswith(("'s", "’s")):  # "in Poland's presidential runoff": Poland
                names.append(word[:-2])
                break
            names.append(word)
        if not names or names[0].lower() in _MONTHS:
            continue
        name = " ".join(names)
        if names[-1].lower() in lex.place_markers or (j < hi and toks[j].text in lex.place_markers):
            return (name + (" " + toks[j].text if j < hi and toks[j].text in lex.place_markers
                            else "")).lower()
        from ..values.places import gazetteer

        known = gazetteer().lookup(name) is not None
        if toks[i + 1].text == "the" and j < hi and toks[j].orig.isalpha() \
                and toks[j].orig.islower() and not known:
            continue  # "in the Android ecosystem", "in the Premier League season": a noun's
            # modifier, not a place
        if toks[i].text in {"in", "across", "throughout"} or known:
            return name.lower()  # "in Yunnan", "in Bangkok"
    return ""


#: Verbs after which "from" names where a figure holds, not a seller or an origin.
_REPORTED = frozenset({"reported", "recorded", "confirmed", "registered", "counted"})


def _in_a_name(toks: list[_Tok], j: int) -> bool:
    """A capitalized word followed by another: part of a name or a heading ("Western
    Digital", "Core Insights"), not a variant of what is measured ("net", "core")."""
    return toks[j].orig[:1].isupper() and j + 1 < len(toks) and toks[j + 1].orig[:1].isupper()


#: A day's close: the price at the end of that trading session ("Friday's close",
#: "Monday's closing price").
_SESSION_CLOSE = re.compile(r"(?:'s|’s)\s+(?:close|closing)\b", re.I)


#: Occurrence words that also describe a person ("former minister", "previous owner").
_PERSON_ADJECTIVES = frozenset({"former", "previous"})


def _a_person_next(toks: list[_Tok], j: int, hi: int, lex: Lexicon) -> bool:
    """Whether the word at ``j`` names a person: a word of ``person_words`` or a capitalized
    title or name ("former President", "former Liverpool striker")."""
    if j >= hi:
        return False
    return toks[j].text in lex.person_words or toks[j].orig[:1].isupper()


def _occurrence(toks: list[_Tok], lo: int, hi: int, reference_year: int | None,
                lex: Lexicon, phrases: tuple[tuple[str, ...], ...] | None = None) -> str:
    """Another occurrence named next to the value (tokens lo..hi): a word such as
    "aftershock" or "exit poll" (of ``phrases``, by default the lexicon's
    ``occurrence_words``), or a year before the story's year ("a 5.9 quake in 2019").
    A possessive is its noun ("the exit poll's 2-point margin")."""
    words = [t.text.removesuffix("'s").removesuffix("’s") for t in toks[lo:hi]]
    for i in range(len(words)):
        if words[i] == "earlier" and words[i + 1:i + 2] in (["this"], ["today"]):
            continue  # "earlier this summer" is the story's own time, not another one
        if words[i] in _PERSON_ADJECTIVES and _a_person_next(toks, lo + i + 1, hi, lex):
            continue  # "former minister Smith", "the previous CEO": who, not which occurrence
        for phrase in lex.occurrence_words if phrases is None else phrases:
            if tuple(words[i:i + len(phrase)]) == phrase:
                return " ".join((*phrase[:-1], _singular(phrase[-1])))  # "aftershock"
    if reference_year is not None:
        for t in toks[lo:hi]:
            if YEAR.fullmatch(t.text) and int(t.text) < reference_year:
                return t.text
    return ""
