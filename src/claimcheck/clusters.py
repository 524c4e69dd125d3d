"""Stage 4: Claim records → Slots (claims from several sources about the same thing).

Claims are first blocked by kind, unit family, the head noun of their subject and modality
class, so that the fuzzy comparison (rapidfuzz) only ever runs inside small blocks and the
cost grows close to linearly with the number of claims.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence

from .records import Claim, Slot
from .settings import Settings

log = logging.getLogger(__name__)

NUMERIC_KINDS = frozenset({"percent", "money", "quantity", "count", "duration"})
DECREASE = frozenset({
    "reduce", "cut", "lower", "slash", "halve", "cancel", "drop", "ease", "fall", "decline",
    "scrap", "remove", "lift", "eliminate", "trim", "decrease", "shrink", "suspend", "repeal",
})
INCREASE = frozenset({
    "raise", "increase", "hike", "rise", "double", "boost", "grow", "jump", "climb", "soar",
    "triple", "impose", "expand",
})
MEET = frozenset({"meet", "take place", "hold", "talk", "negotiate", "gather", "convene"})
_PREPS = (" on ", " for ", " of ", " to ", " against ", " from ", " in ", " with ")


_STOP = frozenset({"on", "of", "for", "to", "the", "from", "in", "and", "a", "an", "with",
                   "against", "relate", "related", "impose", "imposed", "'s"})
#: Words news copy uses interchangeably for the same thing.
_SYNONYMS = {
    "import": "goods", "imports": "goods", "product": "goods", "products": "goods",
    "good": "goods", "merchandise": "goods", "shipment": "goods", "levy": "tariff",
    "duty": "tariff", "duties": "tariff", "levies": "tariff", "us": "u.s.",
    "america": "u.s.", "american": "u.s.", "united": "u.s.", "states": "u.s.",
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


def same_people(a: frozenset[str], b: frozenset[str]) -> bool:
    """Participants match when every person on the smaller side appears on the other
    (by any shared name word: "xi" matches "xi jinping")."""
    if not a or not b:
        return False
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    big_words = [set(n.split()) for n in big]
    return all(any(set(n.split()) & w for w in big_words) for n in small)


def unit_family(claim: Claim) -> str:
    if claim.kind == "percent":
        return "percent"
    if claim.kind == "quantity":
        from .mentions import UNITS

        for _name, (canonical, dim, _f) in UNITS.items():
            if canonical == claim.unit:
                return dim
        return claim.unit
    if claim.kind == "duration":
        return "time"
    return claim.unit


def block_key(claim: Claim) -> tuple[str, ...] | None:
    """Claims that could be about the same thing share a key; None means 'never compared'."""
    if claim.value is None or claim.value == "":
        return None
    mod = modality_class(claim.modality)
    if claim.kind in NUMERIC_KINDS:
        head = subject_head(claim.subject)
        if not head:
            return None
        return (claim.kind, unit_family(claim), head, mod)
    if claim.kind in {"location", "date"}:
        if not persons(claim):
            return None
        pclass = predicate_class(claim.predicate) or claim.predicate
        named = claim.subject.split(" of ", 1)[0]
        return (claim.kind, pclass, named, mod)
    if claim.kind == "role":
        return (claim.kind, claim.subject.split()[-1] if claim.subject else "", mod)
    return (claim.kind, claim.subject, mod)


def comparable(a: Claim, b: Claim, threshold: float) -> tuple[bool, float]:
    """Whether two claims of one block speak of the same thing, and how similar (0-100)."""
    from rapidfuzz import fuzz

    if a.kind in {"location", "date"}:
        return same_people(persons(a), persons(b)), 100.0
    if a.kind == "role":
        ok = same_people(frozenset([a.subject]), frozenset([b.subject]))
        return ok, 100.0
    pa, pb = predicate_class(a.predicate), predicate_class(b.predicate)
    if pa and pb and pa != pb:
        return False, 0.0
    score = fuzz.token_set_ratio(subject_key(a.subject), subject_key(b.subject))
    return score >= threshold, float(score)


def cluster_claims(claims: Sequence[Claim], settings: Settings | None = None) -> list[Slot]:
    """Group claims into slots.

    Args:
        claims: claims of any number of sources.
        settings: ``similarity_threshold`` for subjects.

    Returns:
        Slots holding claims from at least two sources, sorted by key.
    """
    settings = settings or Settings()
    blocks: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for c in claims:
        key = block_key(c)
        if key is not None:
            blocks[key].append(c)
    slots: list[Slot] = []
    for key, members in blocks.items():
        if len({c.source for c in members}) < 2:
            continue
        for group in _components(members, settings.similarity_threshold):
            if len({c.source for c in group}) < 2:
                continue
            ids = tuple(sorted(c.claim_id for c in group))
            slot_id = hashlib.sha1("\x1f".join(ids).encode()).hexdigest()[:10]
            slots.append(Slot(slot_id=slot_id, key=describe(group), kind=key[0], claim_ids=ids))
    slots.sort(key=lambda s: (s.kind, s.key, s.slot_id))
    log.info("%d slots from %d claims in %d blocks", len(slots), len(claims), len(blocks))
    return slots


def _components(members: list[Claim], threshold: float) -> list[list[Claim]]:
    """Connected groups under ``comparable`` (union-find; all pairs inside one block).

    Pairs from the same source are skipped: a slot only matters across sources.
    """
    n = len(members)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n > 64 and members[0].kind in NUMERIC_KINDS:
        from rapidfuzz import fuzz, process

        subjects = [subject_key(c.subject) for c in members]
        scores = process.cdist(subjects, subjects, scorer=fuzz.token_set_ratio,
                               score_cutoff=threshold, workers=-1)
        for i in range(n):
            for j in scores[i].nonzero()[0]:
                if j > i and members[i].source != members[j].source:
                    ok, _ = comparable(members[i], members[int(j)], threshold)
                    if ok:
                        parent[find(i)] = find(int(j))
    else:
        for i in range(n):
            for j in range(i + 1, n):
                if members[i].source == members[j].source:
                    continue
                ok, _ = comparable(members[i], members[j], threshold)
                if ok:
                    parent[find(i)] = find(j)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, c in enumerate(members):
        groups[find(i)].append(c)
    return list(groups.values())


def describe(group: Sequence[Claim]) -> str:
    """A readable slot name: kind · most common subject · predicate class."""
    from collections import Counter

    subj = Counter(c.subject for c in group).most_common(1)[0][0]
    kind = group[0].kind
    pred = predicate_class(group[0].predicate) or group[0].predicate
    mod = modality_class(group[0].modality)
    parts = [kind, subj]
    if pred and kind not in {"role"}:
        parts.append({"down": "cut", "up": "raise", "meet": "meet"}.get(pred, pred))
    if mod != "stated":
        parts.append(mod)
    return " · ".join(p for p in parts if p)
