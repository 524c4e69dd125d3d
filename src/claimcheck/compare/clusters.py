"""Stage 4 (compare): Claim records → Slots (claims from several sources about the same thing).

Claims are first blocked by kind, unit family, the head noun of their subject and modality
class, so that the fuzzy comparison (rapidfuzz) only ever runs inside small blocks and the
cost grows close to linearly with the number of claims.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..extraction.frames import NOT_A_CLAIM, active_lexicon, place_parts, use_lexicon
from ..records import NUMERIC_KINDS, Claim, Slot
from ..settings import Settings
from ..values.score import EARLIER_SCORE
from ..values.units import CANONICAL_UNITS

if TYPE_CHECKING:
    from ..values.places import Place

log = logging.getLogger(__name__)

DECREASE = frozenset(
    {
        "reduce",
        "cut",
        "lower",
        "slash",
        "halve",
        "cancel",
        "drop",
        "ease",
        "fall",
        "decline",
        "scrap",
        "remove",
        "lift",
        "eliminate",
        "trim",
        "decrease",
        "shrink",
        "suspend",
        "repeal",
    }
)
INCREASE = frozenset(
    {
        "raise",
        "increase",
        "hike",
        "rise",
        "double",
        "boost",
        "grow",
        "jump",
        "climb",
        "soar",
        "triple",
        "impose",
        "expand",
    }
)
MEET = frozenset({"meet", "take place", "hold", "talk", "negotiate", "gather", "convene"})
_PREPS = (" on ", " for ", " of ", " to ", " against ", " from ", " in ", " with ")


_STOP = frozenset(
    {
        "on",
        "of",
        "for",
        "to",
        "the",
        "from",
        "in",
        "and",
        "a",
        "an",
        "with",
        "against",
        "relate",
        "related",
        "impose",
        "imposed",
        "'s",
    }
)
#: Words news copy uses interchangeably for the same thing.
_SYNONYMS = {
    "import": "goods",
    "imports": "goods",
    "product": "goods",
    "products": "goods",
    "good": "goods",
    "merchandise": "goods",
    "shipment": "goods",
    "levy": "tariff",
    "duty": "tariff",
    "duties": "tariff",
    "levies": "tariff",
    "us": "u.s.",
    "america": "u.s.",
    "american": "u.s.",
    "united": "u.s.",
    "states": "u.s.",
}


def subject_words(subject: str) -> list[str]:
    """Normalized words of a subject for comparison: hyphenated words split, prepositions
    dropped, trade synonyms folded ("fentanyl-related chinese imports" → fentanyl chinese goods)."""
    out: list[str] = []
    for w in subject.lower().replace("-", " ").split():
        w = _SYNONYMS.get(w, w)
        if w not in _STOP and w not in out:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def subject_key(subject: str) -> str:
    return " ".join(subject_words(subject))


def predicate_class(predicate: str) -> str:
    p = predicate.lower()
    if p in DECREASE:
        return "down"
    if p in INCREASE:
        return "up"
    if p in MEET:
        return "meet"
    return ""


def modality_class(modality: str) -> str:
    """Threats and denials are their own slots; plans, expectations and hedges are
    compared with plain assertions (and flagged in the explanation)."""
    if modality == "threatened":
        return "threat"
    if modality == "negated":
        return "negated"
    return "stated"


def subject_head(subject: str) -> str:
    """The head noun of a subject phrase: 'tariff on chinese import' → 'tariff'."""
    text = f" {subject.lower()} "
    cut = min((text.find(p) for p in _PREPS if text.find(p) > 0), default=len(text))
    words = text[:cut].split()
    return words[-1] if words else ""


def persons(claim: Claim) -> frozenset[str]:
    return frozenset(e.split(":", 1)[1] for e in claim.entities if e.startswith("PERSON:"))


@lru_cache(maxsize=65536)
def name_words(name: str) -> frozenset[str]:
    """The words of a person's name, hyphens and initials' dots dropped:
    "Lee Jae-myung" → {lee, jae, myung}; "Donald J. Trump" → {donald, j, trump}."""
    return frozenset(name.lower().replace("-", " ").replace(".", " ").split())


def same_person(a: str, b: str) -> bool:
    """Two names of one person: the words of one are all in the other ("Xi" and
    "Xi Jinping", "Donald J. Trump" and "Donald Trump"). A shared word alone is not
    enough: "Kim Jong Un" is not "Kim Yo Jong", nor "Donald Tusk" "Donald Trump"."""
    wa, wb = name_words(a), name_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def same_people(a: frozenset[str], b: frozenset[str]) -> bool:
    """Participants match when every person on the smaller side is a person of the other
    (``same_person``)."""
    if not a or not b:
        return False
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(same_person(n, m) for m in big) for n in small)


def _scope_people(claim: Claim) -> list[list[str]]:
    """The names of the scope's parts that name people of the claim's sentence (a part
    "a & b" names two), one list per such part; other parts give none."""
    names = {n.lower() for n in persons(claim)}
    if not names or not claim.scope:
        return []
    out = []
    for part in claim.scope.split(" @ "):
        named = part.split(" & ")
        if all(n in names for n in named):
            out.append(named)
    return out


def _surname(name: str) -> str:
    words = name.replace("-", " ").split()
    return words[-1] if words else name


def surname_scope(claim: Claim) -> str:
    """The claim's scope with each person it names by their last word: "Rafał
    Trzaskowski" in one outlet and "Trzaskowski" in another are one candidate, so their
    shares meet in one block (``comparable`` then checks the first names)."""
    people = _scope_people(claim)
    if not people:
        return claim.scope
    full = {" & ".join(named) for named in people}
    return " @ ".join(" & ".join(sorted(_surname(n) for n in part.split(" & ")))
                      if part in full else part for part in claim.scope.split(" @ "))


def _first_names_agree(a: Claim, b: Claim) -> bool:
    """Whether the people two claims' scopes name by one surname may be one person: when
    both give a first name, they begin with the same letter ("Rafał" and "Rafal" do,
    "John Smith" and "Jane Smith" … do too; "Anna Smith" and "John Smith" do not)."""
    firsts: dict[str, set[str]] = {}
    for claim in (a, b):
        for named in _scope_people(claim):
            for n in named:
                words = n.replace("-", " ").split()
                if len(words) > 1:
                    firsts.setdefault(words[-1], set()).add(words[0][:1])
    return all(len(initials) == 1 for initials in firsts.values())


def unit_family(claim: Claim) -> str:
    if claim.kind == "percent":
        return "percent"
    if claim.kind == "quantity":
        return CANONICAL_UNITS[claim.unit][0] if claim.unit in CANONICAL_UNITS else claim.unit
    if claim.kind == "duration":
        return "time"
    return claim.unit


def block_key(claim: Claim) -> tuple[str, ...] | None:
    """Claims that could be about the same thing share a key; None means 'never compared'."""
    if claim.value is None or claim.value == "":
        return None
    mod = modality_class(claim.modality)
    if claim.attribute.startswith(NOT_A_CLAIM):
        return None  # an age, "the worst in 50 years"
    if claim.kind in NUMERIC_KINDS:
        # Slot identity: kind and unit family, what is measured, its scope and occurrence.
        if claim.attribute:
            # a count's unit is the noun counted ("people", "toll", "deaths"): the
            # attribute and scope say what is counted
            family = "" if claim.kind == "count" else unit_family(claim)
            scope = surname_scope(claim)
            if _located(claim.attribute):
                scope = place_parts(scope)[1]  # the place is compared pair by pair
            return (claim.kind, family, f"={claim.attribute}", scope, claim.occurrence, mod)
        head = subject_head(claim.subject)
        if not head or (claim.kind == "count" and _generic_count(head)):
            return None  # "6 people", "15 children": who knows what they did
        if claim.kind == "percent" and _generic_percent(head):
            return None  # "50.3% of the vote": whose? of which count? the lexicon says
        if claim.kind == "duration":
            return None  # "four years" of what? prison, a ban, a contract: the lexicon says
        return (claim.kind, unit_family(claim), head, claim.scope, claim.occurrence, mod)
    if is_venue(claim):
        return (claim.kind, "=listing venue", mod)  # where the shares are listed
    if claim.kind in {"location", "date"} and persons(claim) and not _dates_event(claim):
        # where and when people met (or did something the lexicon does not name)
        pclass = predicate_class(claim.predicate) or claim.predicate
        named = claim.subject.split(" of ", 1)[0]
        return (claim.kind, pclass, named, mod)
    if claim.kind in {"date", "time"}:
        # keyed by the event dated ("crashed at 9:03", "sentenced on Monday")
        if not claim.attribute or claim.unit == "unresolved":
            return None
        return (claim.kind, f"={claim.attribute}", claim.scope, claim.occurrence, mod)
    if claim.kind == "location":
        return None
    if claim.kind == "role":
        return (claim.kind, claim.subject.split()[-1] if claim.subject else "", mod)
    if claim.kind == "score":
        # a vote or a match is known by its two sides, which ``comparable`` matches; a
        # score of an earlier meeting is background, never compared
        if not parties(claim) or claim.occurrence == EARLIER_SCORE:
            return None
        return (claim.kind, claim.unit, claim.occurrence, mod)
    return (claim.kind, claim.subject, mod)


def parties(claim: Claim) -> frozenset[str]:
    """The two sides of a score ("chelsea v liverpool"); empty when it names fewer."""
    sides = claim.subject.split(" v ")
    return frozenset(sides) if claim.kind == "score" and len(sides) == 2 else frozenset()


def same_ground(a: str, b: str) -> bool:
    """Where two scores were played or voted (their scope) allows one match or vote: one
    side does not say, or both name one place ("wembley", "wembley stadium")."""
    return not a or not b or same_person(a, b)


def is_venue(c: Claim) -> bool:
    """A claim of where shares are listed (a trading venue of venues.json)."""
    return c.kind == "location" and c.unit == "venue"


def _dates_event(c: Claim) -> bool:
    """A date or time of an event the lexicon names ("crashed at 9:03"), compared with
    any other date of that event whoever the sentence names; a meeting's date stays
    keyed by its participants."""
    return (c.kind in {"date", "time"} and bool(c.attribute)
            and not (persons(c) and predicate_class(c.predicate) == "meet"))


def _generic_count(head: str) -> bool:
    """A count head that does not say what is counted ("people", "children")."""
    lex = active_lexicon()
    words = head.lower()
    return words in lex.generic_heads or words in lex.subgroup_heads


def _same_place(x: str, y: str) -> bool:
    """Two places of a located thing that can be one: the same name, or one inside the
    other in the gazetteer ("chatuchak" and "thailand")."""
    if x == y:
        return True
    from ..values.places import compatible

    px, py = _known_place(x), _known_place(y)
    return px is not None and py is not None and compatible(px, py)


def _place_node(place: str) -> str:
    """What a located place contributes to a claim's node: its country when the gazetteer
    knows it (so that a place and a place inside it may join; the pair check decides),
    else its name."""
    p = _known_place(place) if place else None
    return p.country.lower() if p is not None else place


def _known_place(name: str) -> Place | None:
    """The gazetteer's place for a scope's lower-case place name ("chatuchak")."""
    from ..values.places import gazetteer

    return gazetteer().lookup(name.title())


def _located(attribute: str) -> bool:
    """An attribute whose place locates the thing measured (lexicon ``located``)."""
    return active_lexicon().located(attribute)


def _generic_percent(head: str) -> bool:
    return head.lower() in active_lexicon().generic_percent_heads


def comparable(a: Claim, b: Claim, threshold: float) -> tuple[bool, float]:
    """Whether two claims of one block speak of the same thing, and how similar (0-100)."""
    if a.kind in NUMERIC_KINDS and a.attribute and a.attribute == b.attribute:
        # one frame: same attribute, scope and occurrence (the block key); a percent
        # raised is still not a percent cut
        pa, pb = predicate_class(a.predicate), predicate_class(b.predicate)
        if not _first_names_agree(a, b):
            return False, 0.0
        if _located(a.attribute):
            # one side may not name where the thing measured is; two places differ
            xa, xb = place_parts(a.scope)[0], place_parts(b.scope)[0]
            if xa and xb and not _same_place(xa, xb):
                return False, 0.0
        return not (pa in {"up", "down"} and pb in {"up", "down"} and pa != pb), 100.0
    if _dates_event(a) and a.attribute == b.attribute:
        return True, 100.0
    if is_venue(a):
        return is_venue(b), 100.0  # one listing venue per story
    if a.kind in {"location", "date"}:
        return same_people(persons(a), persons(b)), 100.0
    if a.kind == "role":
        ok = same_people(frozenset([a.subject]), frozenset([b.subject]))
        return ok, 100.0
    if a.kind == "score":
        return same_ground(a.scope, b.scope) and same_people(parties(a), parties(b)), 100.0
    pa, pb = predicate_class(a.predicate), predicate_class(b.predicate)
    if pa and pb and pa != pb:
        return False, 0.0
    return same_subject(subject_key(a.subject), subject_key(b.subject), threshold)


def same_subject(a: str, b: str, threshold: float) -> tuple[bool, float]:
    """Whether two normalized subjects (``subject_key``) name the same thing, and their
    similarity (rapidfuzz token_set_ratio, 0-100).

    Similar enough, and not two different specifiers: "tariff fentanyl chinese goods" and
    "tariff chinese goods" are one tariff said more or less narrowly (the explanation of a
    conflict says so), but "tariff steel goods" and "tariff aluminium goods" are two
    tariffs, however similar the strings."""
    score = _token_set_ratio(a, b)
    return subjects_match(a, b, score, threshold), score


def subjects_match(a: str, b: str, score: float, threshold: float) -> bool:
    """The rule of ``same_subject`` for two subjects whose similarity ``score`` is known
    (from a score matrix, for one)."""
    return score >= threshold and not different_specifiers(a, b)


def word_class(word: str) -> str:
    """Spellings of one word share a class, the first four letters ("china"/"chinese",
    "soybean"/"soybeans"; a short plural loses its s: "evs" → "ev")."""
    if 2 < len(word) <= 4 and word.endswith("s"):
        word = word[:-1]
    return word[:4]


@lru_cache(maxsize=262144)
def subject_classes(key: str) -> frozenset[str]:
    """The word classes of a normalized subject (``subject_key``)."""
    return frozenset(word_class(w) for w in key.split())


def different_specifiers(a: str, b: str) -> bool:
    """Each subject has a word that the other lacks, in any spelling."""
    ca, cb = subject_classes(a), subject_classes(b)
    return not (ca <= cb or cb <= ca)


@lru_cache(maxsize=262144)
def _token_set_ratio(a: str, b: str) -> float:
    return float(_fuzz().token_set_ratio(a, b))


@lru_cache(maxsize=1)
def _fuzz():  # type: ignore[no-untyped-def]
    from rapidfuzz import fuzz

    return fuzz


def cluster_claims(claims: Sequence[Claim], settings: Settings | None = None) -> list[Slot]:
    """Group claims into slots.

    Args:
        claims: claims of any number of sources.
        settings: ``similarity_threshold`` for subjects.

    Returns:
        Slots holding claims from at least two sources, sorted by key.
    """
    settings = settings or Settings()
    use_lexicon(settings.lexicon)
    blocks: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        key = block_key(c)
        if key is not None:
            blocks[key].append(c)
    slots: list[Slot] = []
    for key, members in blocks.items():
        slots.extend(block_slots(key, members, settings.similarity_threshold))
    slots.sort(key=slot_order)
    log.info("%d slots from %d claims in %d blocks", len(slots), len(claims), len(blocks))
    return slots


def slot_order(slot: Slot) -> tuple[str, str, str]:
    """The order of ``cluster_claims``'s slots."""
    return (slot.kind, slot.key, slot.slot_id)


def block_slots(key: tuple[str, ...], members: list[Claim], threshold: float) -> list[Slot]:
    """The slots of one block (the claims sharing ``block_key`` ``key``, in their order):
    its connected groups holding claims of at least two sources."""
    if len({c.source for c in members}) < 2:
        return []
    slots: list[Slot] = []
    for group in _components(members, threshold):
        if len({c.source for c in group}) < 2:
            continue
        ids = tuple(sorted(c.claim_id for c in group))
        slot_id = hashlib.sha1("\x1f".join(ids).encode()).hexdigest()[:10]
        slots.append(Slot(slot_id=slot_id, key=describe(group), kind=key[0], claim_ids=ids))
    return slots


def _components(members: list[Claim], threshold: float) -> list[list[Claim]]:
    """Connected groups of claims, two claims being joined when they come from different
    sources and are ``comparable`` (a slot only matters across sources).

    ``comparable`` depends only on a claim's node (normalized subject and predicate class,
    or its participants, or its person), so the work is done on distinct nodes rather than
    on all pairs of claims: claims of one node and one source (a *unit*) share their
    neighbours, and between two compatible nodes, whose units have distinct sources, the
    joins form a complete bipartite graph minus same-source pairs, whose components are
    known without enumerating the pairs. Groups keep the claims' order.
    """
    kind = members[0].kind
    node_of: list[object] = [_node(c, kind) for c in members]
    node_ids: dict[object, int] = {}
    for node in node_of:
        node_ids.setdefault(node, len(node_ids))
    joins = _Joins(members, [node_ids[node] for node in node_of], len(node_ids))
    for x, y, order in _compatible_nodes(list(node_ids), kind, threshold):
        joins.join_nodes(x, y, order)
    groups: dict[int, list[Claim]] = {}
    for i, c in enumerate(members):
        groups.setdefault(joins.find(i), []).append(c)
    return list(groups.values())


class _Joins:
    """Union-find over a slot's claims, joined unit by unit: the claims of one node and
    one source (a *unit*) share their neighbours, so joining two units joins all their
    claims, and a unit's own claims are linked once, when it is first joined."""

    def __init__(self, members: list[Claim], node_of: list[int], n_nodes: int) -> None:
        # units: (node, source) → unit index; units of each node, one per source
        unit_ids: dict[tuple[int, str], int] = {}
        self.node_units: list[list[int]] = [[] for _ in range(n_nodes)]
        self.unit_source: list[str] = []
        self.unit_claims: list[list[int]] = []
        for i, c in enumerate(members):
            key = (node_of[i], c.source)
            u = unit_ids.get(key)
            if u is None:
                u = unit_ids[key] = len(self.unit_source)
                self.unit_source.append(c.source)
                self.unit_claims.append([])
                self.node_units[key[0]].append(u)
            self.unit_claims[u].append(i)
        self.parent = list(range(len(members)))
        self.active = [False] * len(self.unit_source)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[ri] = rj

    def union(self, a: int, b: int) -> None:
        """Join every claim of unit a with every claim of unit b."""
        for u in (a, b):
            if not self.active[u]:
                self.active[u] = True
                first = self.unit_claims[u][0]
                for i in self.unit_claims[u][1:]:
                    self.link(first, i)
        self.link(self.unit_claims[a][0], self.unit_claims[b][0])

    def join_nodes(self, x: int, y: int, order: int) -> None:
        """Join the claims of compatible nodes x and y across sources: a complete
        bipartite graph minus same-source pairs, whose components are known without
        enumerating the pairs (but for a one-way ``order``)."""
        ux, uy, source = self.node_units[x], self.node_units[y], self.unit_source
        if order:
            # comparable(a, b) holds one way only (participants of equal number): the
            # earlier claim must be the one of node ``first``.
            first, second = (ux, uy) if order == 1 else (uy, ux)
            for ua in first:
                for ub in second:
                    if source[ua] == source[ub]:
                        continue
                    for i in self.unit_claims[ua]:
                        for j in self.unit_claims[ub]:
                            if i < j:
                                self.link(i, j)
            return
        if x == y:
            for u in ux[1:]:  # distinct sources: every pair is joined
                self.union(ux[0], u)
            return
        if len(ux) > len(uy):
            ux, uy = uy, ux
        if len(ux) == 1:
            for u in uy:
                if source[u] != source[ux[0]]:
                    self.union(ux[0], u)
        elif len(ux) == 2 and len(uy) == 2 and {source[u] for u in ux} == {source[u] for u in uy}:
            # two sources on each side: a-b and b-a are joined, a-a and b-b are not
            a0, a1 = ux
            b0, b1 = uy if source[uy[0]] != source[a0] else uy[::-1]
            self.union(a0, b0)
            self.union(a1, b1)
        else:
            for u in ux[1:] + uy:
                self.union(ux[0], u)


def _node(c: Claim, kind: str) -> object:
    """What ``comparable`` looks at in a claim of a block of ``kind``."""
    if _dates_event(c):
        return frozenset({f"={c.attribute}"})  # an event: one node, whoever is named
    if is_venue(c):
        return frozenset({"=listing venue"})  # one listing, whoever is named
    if kind in {"location", "date"}:
        return persons(c)
    if kind == "score":
        return (parties(c), c.scope)  # its sides, and where it was played
    if kind == "role":
        return c.subject
    if c.attribute:  # a frame: the subject's wording does not matter
        place = _place_node(place_parts(c.scope)[0]) if _located(c.attribute) else ""
        # a located place joins no place and itself (subject rules: one holds the other)
        return (f"={c.attribute}" + (f" {place}" if place else ""), predicate_class(c.predicate))
    return (subject_key(c.subject), predicate_class(c.predicate))


#: Blocks with more distinct subjects than this find their candidate pairs through word
#: classes (``_containment_pairs``) instead of trying every pair.
ALL_PAIRS_MAX = 64
#: A subject with more word classes than this is matched by a scan of the groups rather
#: than through the subsets of its classes (2^n of them).
MAX_SUBSET_CLASSES = 10


def _compatible_nodes(
    nodes: list[object], kind: str, threshold: float
) -> Iterator[tuple[int, int, int]]:
    """Pairs (i, j, order), i <= j, of nodes whose claims are ``comparable``; (i, i) is
    included when a node's claims are comparable with each other. ``order`` is 0 when
    ``comparable`` holds both ways, 1 when only with a claim of node i first, 2 when only
    with a claim of node j first."""
    if kind in {"location", "date", "role", "time", "score"}:
        # ``_node`` returns object: here a role's subject (made a set of one name), a set
        # of names, or a score's sides and place, which mypy cannot see
        people: list[frozenset[str]]
        places: list[str] = []  # a score's: two grounds are two matches
        if kind == "score":
            people = [nd[0] for nd in nodes]  # type: ignore[index]
            places = [nd[1] for nd in nodes]  # type: ignore[index]
        else:
            people = [frozenset([nd]) if kind == "role" else nd  # type: ignore[misc, list-item]
                      for nd in nodes]
        for i, j in _covering_pairs(people):
            if places and not same_ground(places[i], places[j]):
                continue
            ps = people[i]
            ij = same_people(ps, people[j])
            ji = ij if i == j else same_people(people[j], ps)
            if ij or ji:
                yield i, j, (0 if ij and ji else 1 if ij else 2)
        return
    keys = [nd[0] for nd in nodes]  # type: ignore[index]
    pcls = [nd[1] for nd in nodes]  # type: ignore[index]
    distinct = list(dict.fromkeys(keys))
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_key[k].append(i)
    if len(distinct) > ALL_PAIRS_MAX:
        close = _containment_pairs(distinct)
    else:
        close = [list(range(i, len(distinct))) for i in range(len(distinct))]
    for a, ka in enumerate(distinct):
        for b in close[a]:
            kb = distinct[b]
            if ka != kb and not same_subject(ka, kb, threshold)[0]:
                continue
            for i in by_key[ka]:
                for j in by_key[kb]:
                    if a == b and j < i:
                        continue
                    pa, pb = pcls[i], pcls[j]
                    if pa and pb and pa != pb:
                        continue
                    yield (i, j, 0) if i <= j else (j, i, 0)


def _covering_pairs(people: list[frozenset[str]]) -> list[tuple[int, int]]:
    """The pairs (i, j), i <= j, of sets of participants that ``same_people`` may accept
    one way or the other: every person of one set shares a name word with the other
    set (``same_people`` needs each person of the smaller set to be a person of the
    other, and ``same_person`` a name's words within the other's). Each set's partners
    are looked up through its person of the rarest words, so a name that many sets
    share (a leader met by everyone) costs the sets that name it, not their square."""
    words_of = [[name_words(name) for name in ps] for ps in people]
    by_word: dict[str, list[int]] = defaultdict(list)
    node_words: list[frozenset[str]] = []
    for i, names in enumerate(words_of):
        found = frozenset().union(*names)
        node_words.append(found)
        for w in found:
            by_word[w].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, names in enumerate(words_of):
        if not names or not all(names):
            continue  # a set with a person of no name word is no smaller set's match
        rarest = min(names, key=lambda ws: sum(len(by_word[w]) for w in ws))
        others = [ws for ws in names if ws is not rarest]
        for j in {j for w in rarest for j in by_word[w]}:
            if all(ws & node_words[j] for ws in others):
                pairs.add((i, j) if i <= j else (j, i))
    return sorted(pairs)


def _containment_pairs(distinct: list[str]) -> list[list[int]]:
    """For each subject i, the subjects j >= i whose word classes contain its own or are
    contained in them: the only pairs ``same_subject`` can accept (``different_specifiers``
    rules out the rest). They are found through the subsets of each subject's classes, so
    the work grows with the number of subjects, not with its square."""
    groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, k in enumerate(distinct):
        groups[subject_classes(k)].append(i)
    close: list[set[int]] = [set() for _ in distinct]
    for classes, members in groups.items():
        if len(classes) <= MAX_SUBSET_CLASSES:
            ordered = sorted(classes)
            subsets = (
                frozenset(c)
                for r in range(1, len(ordered) + 1)
                for c in itertools.combinations(ordered, r)
            )
            found = [groups[sub] for sub in subsets if sub in groups]
        else:
            found = [g for cl, g in groups.items() if cl <= classes]
        for g in found:
            for i in members:
                for j in g:
                    if i <= j:
                        close[i].add(j)
                    else:
                        close[j].add(i)
    return [sorted(c) for c in close]


def describe(group: Sequence[Claim]) -> str:
    """A readable slot name: kind · most common subject · predicate class."""
    from collections import Counter

    kind = group[0].kind
    first = group[0]
    if (kind in NUMERIC_KINDS or kind in {"date", "time"}) and first.attribute:
        parts = [kind, first.attribute]
        if first.scope:
            parts.append(first.scope.replace(" @ in ", " in ").replace(" @ ", " · "))
        if first.occurrence:
            parts.append(f"({first.occurrence})")
        return " · ".join(parts)
    subj = Counter(c.subject for c in group).most_common(1)[0][0]
    pred = predicate_class(group[0].predicate) or group[0].predicate
    mod = modality_class(group[0].modality)
    parts = [kind, subj]
    if pred and kind not in {"role"}:
        parts.append({"down": "cut", "up": "raise", "meet": "meet"}.get(pred, pred))
    if mod != "stated":
        parts.append(mod)
    return " · ".join(p for p in parts if p)
