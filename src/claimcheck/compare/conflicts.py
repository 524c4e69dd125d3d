"""Stage 4 (compare): Slots → Conflict records (claims of different sources that cannot
both hold)."""

from __future__ import annotations

import hashlib
import logging
import math
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from ..extraction.frames import use_lexicon
from ..records import NUMERIC_KINDS, Claim, Conflict, Slot
from ..settings import Settings
from ..values.numbers import format_number
from ..values.units import CANONICAL_UNITS, DURATION_UNITS
from .clusters import comparable, is_venue, predicate_class

if TYPE_CHECKING:
    from ..values.places import Place

log = logging.getLogger(__name__)

#: Subject pairs remembered per slot before the memo is emptied.
SAME_MEMO_MAX = 1_000_000
UPPER = frozenset({"up to", "at most", "less than"})
LOWER = frozenset({"at least", "more than"})
SOFT = frozenset({"about", "nearly"})


def group_findings(rows: Sequence[Conflict]) -> list[Conflict]:
    """One finding per disagreement: the pairwise rows of one slot that oppose the same two
    values become one row listing every source on each side (``sources_a``,
    ``sources_b``). Its representative pair is the most confident row (the first of
    equals); findings come in the order of their first rows."""
    return [finish_finding(part) for part in finding_parts(enumerate(rows)).values()]


@dataclass(slots=True)
class FindingPart:
    """What some of the rows of one disagreement say (``finding_parts``): the order of its
    first row, its most confident row (the first of equals) and the sources of each
    value. Parts of one disagreement found apart ``merge``; ``finish_finding`` makes the
    finding."""

    first: Any
    best: Conflict
    rank: tuple[float, Any]
    sources: dict[str, set[str]]

    def merge(self, other: FindingPart) -> None:
        if other.rank < self.rank:
            self.best, self.rank = other.best, other.rank
        self.first = min(self.first, other.first)
        for value, found in other.sources.items():
            self.sources.setdefault(value, set()).update(found)


def finding_parts(
    rows: Iterable[tuple[Any, Conflict]],
) -> dict[tuple[str, frozenset[str]], FindingPart]:
    """The disagreements of pairwise rows given with their order (any comparable value),
    by slot and pair of values, in the order met."""
    parts: dict[tuple[str, frozenset[str]], FindingPart] = {}
    for order, r in rows:
        key = (r.slot, finding_key(r.slot, r.value_a, r.value_b))
        part = FindingPart(order, r, (-r.confidence, order),
                           {side_value(r.slot, r.value_a): {r.source_a}})
        part.sources.setdefault(side_value(r.slot, r.value_b), set()).add(r.source_b)
        gather(parts, key, part)
    return parts


_K = TypeVar("_K")


def gather(parts: dict[_K, FindingPart], key: _K, part: FindingPart) -> None:
    """Add ``part`` to the parts found so far, merged with the part of its key if any."""
    if key in parts:
        parts[key].merge(part)
    else:
        parts[key] = part


def finish_finding(part: FindingPart) -> Conflict:
    """The finding of a disagreement: its best row listing every source on each side."""
    best = part.best
    side_a: set[str] = set()
    side_b: set[str] = set()
    stated_a = side_value(best.slot, best.value_a)
    for value, found in part.sources.items():
        (side_a if value == stated_a else side_b).update(found)
    return finding_of(best, side_a, side_b)


def finding_of(best: Conflict, side_a: Iterable[str], side_b: Iterable[str]) -> Conflict:
    """The finding of one disagreement from its most confident pairwise row ``best``, the
    sources stating ``best.value_a`` and those stating the other value; its id is
    ``finding_id``."""
    sa, sb = tuple(sorted(side_a)), tuple(sorted(side_b))
    explanation = best.explanation
    if len(sa) > 1 or len(sb) > 1:
        explanation = (f"{_sources_text(sa)} {'say' if len(sa) > 1 else 'says'} "
                       f"{best.value_a}; {_sources_text(sb)} "
                       f"{'say' if len(sb) > 1 else 'says'} {best.value_b}. "
                       + explanation)
    return replace(best, conflict_id=finding_id(best.slot, best.value_a, sa, best.value_b, sb),
                   sources_a=sa, sources_b=sb, explanation=explanation)


def finding_id(slot: str, value_a: str, sources_a: Sequence[str], value_b: str,
               sources_b: Sequence[str]) -> str:
    """The ``conflict_id`` of a finding: the first 12 hex digits of the SHA-1 of what it
    says, the slot key and each side (its shown value and its sorted sources), the two
    sides in sorted order (so it does not depend on which pair of claims stands for the
    finding), joined by control characters (US within a side, RS between parts). A
    pairwise row (``--pairs``) keeps the id of its two claims."""
    sides = sorted(((value_a, tuple(sorted(sources_a))), (value_b, tuple(sorted(sources_b)))))
    text = "\x1e".join([slot] + ["\x1f".join((value, *sources)) for value, sources in sides])
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def side_value(slot_key: str, shown: str) -> str:
    """What one side of a finding states, as findings are told apart: a shown value,
    without the noun a count names ("81 individual" and "81 people" in one slot are one
    figure, so one side of one disagreement)."""
    if slot_key.startswith("count ·"):
        return _COUNT_NOUN.sub(r"\1", shown)
    if slot_key.startswith("role ·"):  # "U.S. president" and "US president": one title
        return _US.sub("us", shown.replace(".", "").lower())
    return shown


def finding_key(slot_key: str, value_a: str, value_b: str) -> frozenset[str]:
    """The disagreement a row of slot ``slot_key`` opposing two shown values belongs to."""
    return frozenset((side_value(slot_key, value_a), side_value(slot_key, value_b)))


#: The United States as a title's organisation, once dots are dropped.
_US = re.compile(r"^(?:us|usa|united states|america)\b")
#: The noun after a count's figure in its shown value ("81 individual", "10 → 12 people").
_COUNT_NOUN = re.compile(r"(\d(?:\s+(?:thousand|million|billion|trillion))?)"
                         r"\s+(?!(?:thousand|million|billion|trillion)$)[^\d→]+$")


def _sources_text(sources: tuple[str, ...]) -> str:
    if len(sources) <= 3:
        return ", ".join(sources)
    return f"{len(sources)} sources ({', '.join(sources[:3])}, …)"


def find_conflicts(
    slots: Sequence[Slot], claims: Sequence[Claim], settings: Settings | None = None,
    *, pairs: bool | None = None,
) -> list[Conflict]:
    """The disagreements inside each slot: one finding per pair of values, listing every
    source on each side; with ``pairs``, one row per pair of sources and pair of values.

    Args:
        slots: from ``cluster_claims``.
        claims: the claims the slots refer to.
        settings: numeric ``tolerance`` and ``approx_tolerance``.

    Returns:
        Conflicts sorted by slot, then sources.
    """
    return list(iter_conflicts(slots, claims, settings, pairs=pairs))


def iter_conflicts(
    slots: Sequence[Slot], claims: Sequence[Claim], settings: Settings | None = None,
    *, pairs: bool | None = None,
) -> Iterator[Conflict]:
    """The conflicts of ``find_conflicts``, in the same order, produced slot by slot so
    that a caller can write them out without holding them all (memory stays that of the
    biggest slot). One finding per disagreement (``group_findings``), or with ``pairs``
    (default: ``settings.pairs``) one row per pair of sources."""
    settings = settings or Settings()
    use_lexicon(settings.lexicon)
    if pairs is None:
        pairs = settings.pairs
    t0 = time.perf_counter()
    count = 0
    groups = _pair_rows_by_key(slots, claims, settings) if pairs else \
        _findings_by_key(slots, claims, settings)
    for rows in groups:
        count += len(rows)
        yield from rows
    log.info("compare: %d slots, %d conflicts (%.2fs)", len(slots), count,
             time.perf_counter() - t0)


def _findings_by_key(
    slots: Sequence[Slot], claims: Sequence[Claim], settings: Settings,
) -> Iterator[list[Conflict]]:
    """``group_findings`` of ``_pair_rows_by_key``, key by key, without building the
    pairwise rows that are no finding's best (``slot_finding_parts``; a row's order is
    its place in ``pair_rows``: sources and shown values, then the slot's place)."""
    by_id = {c.claim_id: c for c in claims}
    updates = update_index(claims)
    for group in _key_groups(slots):
        merged: dict[frozenset[str], FindingPart] = {}
        for n, slot in enumerate(group):
            members = [by_id[k] for k in slot.claim_ids if k in by_id]
            def order(pair: tuple[str, ...], n: int = n) -> tuple[tuple[str, ...], int]:
                return pair, n

            for part in slot_finding_parts(slot, members, settings, updates, order):
                gather(merged, finding_key(slot.key, part.best.value_a, part.best.value_b),
                       part)
        yield [finish_finding(p) for p in sorted(merged.values(), key=lambda p: p.first)]


def _key_groups(slots: Sequence[Slot]) -> Iterator[list[Slot]]:
    """The slots sharing one key, key by key (sorted by key; equal keys keep their order)."""
    ordered = sorted(slots, key=lambda s: s.key)
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and ordered[j].key == ordered[i].key:
            j += 1
        yield ordered[i:j]
        i = j


def find_findings_and_pairs(
    slots: Sequence[Slot], claims: Sequence[Claim], settings: Settings | None = None,
) -> tuple[list[Conflict], list[Conflict]]:
    """``find_conflicts`` without and with ``pairs`` in one pass (the pairs are compared
    once and grouped into findings)."""
    settings = settings or Settings()
    use_lexicon(settings.lexicon)
    findings: list[Conflict] = []
    pairs: list[Conflict] = []
    for rows in _pair_rows_by_key(slots, claims, settings):
        pairs.extend(rows)
        findings.extend(group_findings(rows))
    return findings, pairs


def _pair_rows_by_key(
    slots: Sequence[Slot], claims: Sequence[Claim], settings: Settings,
) -> Iterator[list[Conflict]]:
    """The pairwise rows of the slots sharing one key, key by key (sorted by key)."""
    by_id = {c.claim_id: c for c in claims}
    updates = update_index(claims)
    for group in _key_groups(slots):
        yield pair_rows(group, by_id, updates, settings)


def pair_rows(
    slots: Sequence[Slot], by_id: Mapping[str, Claim], updates: SameUpdate,
    settings: Settings, only: Collection[str] | None = None,
) -> list[Conflict]:
    """The pairwise rows of ``slots`` (which share one key), sorted by sources and shown
    values; ``updates`` is ``update_index`` of all the claims. With ``only``, just the
    rows with a source in ``only`` on either side: the row of two sources depends on
    nothing but their claims in the slot, its key and the figures ``updates`` holds for
    them (a pair of claims is worded from their value and subject classes, whoever
    states them), so the other rows are those a run without ``only`` gives."""
    found: list[tuple[tuple[str, str, str, str], Slot, Claim, Claim, _Wording]] = []
    for slot in slots:
        members = [by_id[k] for k in slot.claim_ids if k in by_id]
        found.extend(
            (pair, slot, x, y, wording)
            for pair, (x, y, wording) in _slot_conflicts(
                slot, members, settings, updates, only).items()
        )
    found.sort(key=itemgetter(0))  # sources, then shown values
    return [_conflict(slot, x, y, wording) for _pair, slot, x, y, wording in found]


def slot_pair_rows(
    slot: Slot, members: list[Claim], settings: Settings,
    updates: SameUpdate | None = None,
) -> list[tuple[tuple[str, str, str, str], Conflict]]:
    """The pairwise rows of one slot, each with its order among the rows of the slots
    sharing its key (sources, then shown values; equal ones in ``slot_id`` order)."""
    return [(pair, _conflict(slot, x, y, wording))
            for pair, (x, y, wording) in _slot_conflicts(slot, members, settings,
                                                         updates).items()]


def slot_finding_parts(
    slot: Slot, members: list[Claim], settings: Settings,
    updates: SameUpdate | None, order: Callable[[tuple[str, ...]], Any],
) -> list[FindingPart]:
    """``finding_parts`` of the pairwise rows of one slot, each row's order given by
    ``order(pair)`` (its sources and shown values, as a value that sorts like them),
    without making the rows: near-linear in the slot's claims, in time and memory.

    The rows of two classes of claims (``_disagreements``) share their verdict, wording
    and shown values, whoever states them: of all their pairs of claims of two sources,
    the first row (and, at equal confidence, the best) is the one of the smallest first
    source and then the smallest second source after it; the sources of each value are
    those of the class with a partner of another source on the right side. So the
    classes are read, never the pairs of sources. The best row is worded from its own
    two claims at the end (a class of an attributed frame holds several subjects,
    ``_frame_subject_key``, and a transition's explanation names its subject)."""
    # per pair of shown values: [first pair, (-confidence, pair, claim ids) of the best
    # row, (x, y, similarity) of the best row, sources by shown value]
    found: dict[frozenset[str], list[Any]] = {}
    for (xs, xsrc), (ys, ysrc), wording, sim in _disagreements(members, settings, updates):
        if xsrc[0] >= ysrc[-1]:
            continue  # no pair with the first source in xs
        k = bisect_right(ysrc, xsrc[0])
        x, y = xs[0], ys[k]
        vx, vy = display_value(x), display_value(y)
        pair = (x.source, y.source, vx, vy)
        rank = (-wording.confidence, pair, x.claim_id, y.claim_id)
        sx, sy = side_value(slot.key, vx), side_value(slot.key, vy)
        part = found.get(key := frozenset((sx, sy)))
        if part is None:
            part = found[key] = [pair, rank, (x, y, sim), {}]
        else:
            if pair < part[0]:
                part[0] = pair
            if rank < part[1]:
                part[1], part[2] = rank, (x, y, sim)
        part[3].setdefault(sx, set()).update(xsrc[:bisect_left(xsrc, ysrc[-1])])
        part[3].setdefault(sy, set()).update(ysrc[k:])
    return [FindingPart(order(first), _best_row(slot, best, settings),
                        (rank[0], order(rank[1])), sources)
            for first, rank, best, sources in found.values()]


def _best_row(slot: Slot, best: tuple[Claim, Claim, float], settings: Settings) -> Conflict:
    """The row of a finding's best pair of claims (and their similarity), worded from the
    two claims."""
    x, y, sim = best
    wording = _word(x, y, sim, settings)
    assert wording is not None  # the verdict reads no subject: the class pair's holds
    return _conflict(slot, x, y, wording)


#: Claims of one class sorted by source, and their sources.
_Side = tuple[list[Claim], list[str]]


def _disagreements(
    members: list[Claim], settings: Settings,
    updates: SameUpdate | None = None,
) -> Iterator[tuple[_Side, _Side, _Wording, float]]:
    """The conflicts of one slot (those of ``_slot_conflicts``) by classes of claims:
    ``(xs, ys, wording, similarity)`` stands for every pair of a claim x of ``xs`` and a
    claim y of ``ys`` with x's source before y's (the order of a row's two claims), all
    with the verdict and confidence of ``wording`` (its explanation is that of the first
    claims of ``xs`` and ``ys``: in an attributed frame the classes hold several
    subjects, which a transition's explanation names; see ``_frame_subject_key``). The
    classes are ``_value_classes``'s by ``_frame_subject_key`` (one claim per source
    each); in a running tally's slot they are split further by what ``same_update``
    reads (``_update_groups``), so that two groups are one update or not whichever of
    their claims are asked about."""
    members, same_update = _compared(members, settings, updates)
    worded: dict[tuple[int, int, int, int], _Wording | None] = {}
    groups: dict[int, list[_Side]] = {}

    def word(key: tuple[int, int, int, int], x: Claim, y: Claim, sim: float) -> _Wording | None:
        if key not in worded:
            worded[key] = _word(x, y, sim, settings)
        return worded[key]

    def sides(claims: list[Claim]) -> list[_Side]:
        found = groups.get(id(claims))
        if found is None:
            split = _update_groups(claims, members, same_update) if same_update else [claims]
            found = groups[id(claims)] = [
                (ordered, [c.source for c in ordered])
                for ordered in (sorted(g, key=lambda c: c.source) for g in split)]
        return found

    for (i, sp, pc), (j, sq, qc), ab, ba in _class_pairs(members, settings,
                                                         _frame_subject_key):
        # a pair of classes is met once: what it was worded with is of no use afterwards
        # (kept, the wordings of a slot of thousands of classes took gigabytes)
        worded.clear()
        gps, gqs = sides(pc), sides(qc)
        for m, gp in enumerate(gps):
            for gq in gps[m:] if pc is qc else gqs:
                if same_update is not None and not same_update(gp[0][0], gq[0][0]):
                    continue  # a running tally reported at two times: an update
                if ab[0] and (w := word((i, sp, j, sq), gp[0][0], gq[0][0], ab[1])):
                    yield gp, gq, w, ab[1]
                if gp is not gq and ba[0] and (
                        w := word((j, sq, i, sp), gq[0][0], gp[0][0], ba[1])):
                    yield gq, gp, w, ba[1]


def _compared(
    members: list[Claim], settings: Settings, updates: SameUpdate | None,
) -> tuple[list[Claim], SameUpdate | None]:
    """A slot's claims as they are compared: without those of sources that contradict
    themselves in it, and, for a running tally, with what tells its updates apart
    (``updates``, or the slot's own ``update_index``); None for any other slot."""
    members = _self_consistent(members, settings)
    running = bool(members) and members[0].kind in NUMERIC_KINDS and _running(members[0])
    return members, (updates or update_index(members)) if running else None


def _update_groups(
    claims: list[Claim], members: list[Claim], same_update: SameUpdate,
) -> list[list[Claim]]:
    """``claims`` of a running tally's slot (``members``) grouped by what ``same_update``
    reads of a claim: its publication day and report time, and, when some claim of the
    slot is undated, the running figures its source states (``same_update.figures``)."""
    undated = any(not c.published for c in members)
    found: dict[tuple[object, ...], list[Claim]] = {}
    for c in claims:
        key: tuple[object, ...] = (c.published,
                                   report_minutes(c.sentence) if c.published else None)
        if undated:
            key += (frozenset(same_update.figures.get(c.source, ())),)
        found.setdefault(key, []).append(c)
    return list(found.values())


def _slot_conflicts(
    slot: Slot, members: list[Claim], settings: Settings,
    updates: SameUpdate | None = None,
    only: Collection[str] | None = None,
) -> dict[tuple[str, str, str, str], tuple[Claim, Claim, _Wording]]:
    """The conflicts of one slot: for each pair of sources and pair of shown values, the
    most confident pair of claims (kept as claims and wording, which take a fraction of
    the memory of the Conflict records built from them when they are written). With
    ``only``, just the pairs with a source in ``only``. Quadratic in the slot's sources:
    the findings path reads classes instead (``slot_finding_parts``)."""
    best: dict[tuple[str, str, str, str], tuple[Claim, Claim, _Wording]] = {}
    members, same_update = _compared(members, settings, updates)
    # What a pair of claims gives depends only on their value and subject classes (and
    # on their order): it is worded once per such pair, with the sources filled in later.
    worded: dict[tuple[int, int, int, int], _Wording | None] = {}

    def consider(
        a: Claim, b: Claim, key_ab: tuple[int, int, int, int], key_ba: tuple[int, int, int, int],
        ab: tuple[bool, float], ba: tuple[bool, float],
    ) -> None:
        """``ab``/``ba`` are ``comparable(a, b)`` and ``comparable(b, a)``; ``key_ab`` the
        value and subject classes of a then b."""
        if (a.source, a.char_start) <= (b.source, b.char_start):
            x, y, key, (ok, sim) = a, b, key_ab, ab
        else:
            x, y, key, (ok, sim) = b, a, key_ba, ba
        if not ok:
            return
        if same_update is not None and not same_update(x, y):
            return  # a running tally reported at two times: an update
        if key in worded:
            wording = worded[key]
        else:
            wording = worded[key] = _word(x, y, sim, settings)
        if wording is None:
            return
        pair = (x.source, y.source, display_value(x), display_value(y))
        old = best.get(pair)
        if old is None or (-wording.confidence, x.claim_id, y.claim_id) < (
            -old[2].confidence,
            old[0].claim_id,
            old[1].claim_id,
        ):
            best[pair] = (x, y, wording)

    for (i, sp, pc), (j, sq, qc), ab, ba in _class_pairs(members, settings):
        key_ab, key_ba = (i, sp, j, sq), (j, sq, i, sp)
        for m, a in enumerate(pc):
            for b in pc[m + 1 :] if pc is qc else qc:
                if a.source != b.source and (
                    only is None or a.source in only or b.source in only
                ):
                    consider(a, b, key_ab, key_ba, ab, ba)
    return best


_Class = tuple[int, int, list[Claim]]


def _class_pairs(
    members: list[Claim], settings: Settings,
    subject_key: Callable[[Claim], tuple[object, ...]] | None = None,
) -> Iterator[tuple[_Class, _Class, tuple[bool, float], tuple[bool, float]]]:
    """The pairs of classes of a slot's claims (``_value_classes`` by ``subject_key``,
    default ``_subject_key``: value class number, subject class number, claims) whose
    claims may conflict, each unordered pair once (a class with itself too), with
    ``comparable`` of their subjects both ways."""
    # Pairs are looked at value against value first (most pairs of values in a slot
    # agree), then subject against subject, and only then claim against claim.
    by_value = _value_classes(members, subject_key or _subject_key)
    same_thing: dict[tuple[int, int], tuple[tuple[bool, float], tuple[bool, float]]] = {}
    scores = _subject_scores(members, settings.similarity_threshold)
    for i, (vp, pcs) in enumerate(by_value):
        for j in range(i, len(by_value)):
            vq, qcs = by_value[j]
            pq = compare(vp, vq, settings) is not None
            qp = compare(vq, vp, settings) is not None
            if not (pq or qp):
                continue
            for k, (sp, pc) in enumerate(pcs):
                for sq, qc in qcs[k:] if vp is vq else qcs:
                    if scores is not None:  # a lookup in the slot's score matrix
                        same = scores(pc[0], qc[0])
                        ab, ba = same, same
                    elif (memo := same_thing.get((sp, sq))) is not None:
                        ab, ba = memo
                    else:
                        if len(same_thing) >= SAME_MEMO_MAX:
                            same_thing.clear()  # a cache only: bounded memory
                        ab, ba = same_thing[sp, sq] = (
                            comparable(pc[0], qc[0], settings.similarity_threshold),
                            comparable(qc[0], pc[0], settings.similarity_threshold),
                        )
                    if not ((ab[0] and pq) or (ba[0] and qp)):
                        continue
                    yield (i, sp, pc), (j, sq, qc), ab, ba


#: Distinct values of one source in one slot beyond which the slot is not one fact for it.
SELF_CHECK_MAX = 12


def _self_consistent(members: list[Claim], settings: Settings) -> list[Claim]:
    """The slot's claims without those of sources that contradict themselves in it. A
    source giving 10.6 million and 120,000 "votes", or magnitudes 3, 5 and 6.7, speaks of
    several facts under one name; comparing its values with other sources' would pair
    different facts. (A transition and its end level are one statement, not two.)"""
    if not members or members[0].kind not in NUMERIC_KINDS | {"date", "time"}:
        return members
    by_source: dict[str, dict[tuple[object, ...], Claim]] = {}
    for c in members:
        by_source.setdefault(c.source, {}).setdefault((c.value, c.value_from, c.approx, c.unit), c)
    mixed: set[str] = set()
    for source, values in by_source.items():
        distinct = list(values.values())
        if len(distinct) < 2:
            continue
        if len(distinct) > SELF_CHECK_MAX:
            mixed.add(source)
            continue
        for i, a in enumerate(distinct):
            if any(_self_conflict(a, b, settings) for b in distinct[i + 1:]):
                mixed.add(source)
                break
    return [c for c in members if c.source not in mixed] if mixed else members


def _self_conflict(a: Claim, b: Claim, settings: Settings) -> bool:
    if not comparable(a, b, settings.similarity_threshold)[0]:
        return False  # "a 3-storey house in X and the 34-storey tower in Y": two things
    if a.kind in {"date", "time"}:
        return compare(a, b, settings) is not None
    if (a.value_from is None) != (b.value_from is None):
        return False  # "from 57% to 47%" and "47%": one statement
    va, vb = base_value(a, a.value), base_value(b, b.value)
    if va is None or vb is None or (a.kind == "money" and a.unit != b.unit):
        return False
    return not _consistent(a, va, b, vb, settings)


def _running(c: Claim) -> bool:
    """A value of a running tally (deaths, missing, arrests …: the lexicon says which)."""
    from ..extraction.frames import active_lexicon

    return bool(c.attribute) and active_lexicon().running(c.attribute)


#: A figure below this, shared by two reports, does not show they give one update: small
#: tallies ("3 dead", "2 missing") recur from one update to the next.
UPDATE_FIGURE_MIN = 10


def update_index(claims: Sequence[Claim]) -> SameUpdate:
    """Whether two claims of a running tally belong to the same update, and so may
    contradict each other: their articles were published the same day, or both state the
    same exact figure of some running tally (two reports of one update agree on it: both
    say 1,644 dead; a stated figure of 10 or more, not "could top 10,000"). A toll of 9 on
    the first evening and 87 four days later is an update; undated reports that share no
    figure cannot be placed and are never flagged."""
    return same_update(running_figures(claims))


Figures = dict[str, set[tuple[object, ...]]]


def running_figures(claims: Sequence[Claim]) -> Figures:
    """Per source, the exact figures of running tallies it states: what ``update_index``
    reads. Merge the figures of the parts of a corpus (``merge_figures``) to get the
    corpus's."""
    figures: Figures = {}
    for c in claims:
        if (c.kind in NUMERIC_KINDS and not c.approx and c.value_from is None
                and c.modality == "asserted" and _running(c)
                and isinstance(c.value, float) and c.value >= UPDATE_FIGURE_MIN):
            figures.setdefault(c.source, set()).add((c.attribute, c.value))
    return figures


def merge_figures(parts: Sequence[Figures]) -> Figures:
    out: Figures = {}
    for part in parts:
        for source, found in part.items():
            out.setdefault(source, set()).update(found)
    return out


@dataclass(frozen=True, slots=True, eq=False)
class SameUpdate:
    """``update_index``: called with two claims, whether they belong to one update; its
    ``figures`` are the corpus's ``running_figures`` (read by ``_update_groups`` too)."""

    figures: Figures

    def __call__(self, a: Claim, b: Claim) -> bool:
        if a.published and b.published:
            if a.published != b.published:
                return False
            ta, tb = report_minutes(a.sentence), report_minutes(b.sentence)
            # "as of 4:20 pm" and "by 9 am" the same day: two updates
            return ta is None or tb is None or abs(ta - tb) < REPORT_GAP_MINUTES
        return bool(self.figures.get(a.source, set()) & self.figures.get(b.source, set()))


def same_update(figures: Figures) -> SameUpdate:
    """``update_index`` from the corpus's ``running_figures``."""
    return SameUpdate(figures)


#: Report times of one day at least this far apart give two updates of a tally.
REPORT_GAP_MINUTES = 60
_REPORT_AT = re.compile(r"\b(?:as\s+of|by|as\s+at)\s+$", re.I)


@lru_cache(maxsize=4096)
def report_minutes(sentence: str) -> int | None:
    """Minutes after midnight of the report time a sentence gives its figures at ("As of
    4.20pm, …", "By 9 a.m. …"; read by ``times.find_times``), or None. Cached: it is
    asked for every pair of claims of a running tally."""
    from ..values.times import find_times

    for m in find_times(sentence):
        if _REPORT_AT.search(sentence, max(0, m.start - 8), m.start) \
                and _AM_PM.search(sentence, m.start, m.end):
            return _clock_minutes(str(m.value))
    return None


_AM_PM = re.compile(r"[ap]\.?\s?m\b", re.I)


def _subject_scores(
    members: Sequence[Claim], threshold: float
) -> Callable[[Claim, Claim], tuple[bool, float]] | None:
    """``comparable`` (both results) for the claims of one numeric slot with many subjects,
    from one rapidfuzz ``cdist`` over its distinct normalized subjects (the same scorer and
    the same float64 scores as ``comparable``); None for other slots."""
    from .clusters import subject_key, subjects_match

    if not members or members[0].kind in {"location", "date", "role", "score"} \
            or members[0].attribute:
        return None
    keys = list(dict.fromkeys(subject_key(c.subject) for c in members))
    if not 64 < len(keys) <= 4000:
        return None
    import numpy as np
    from rapidfuzz import fuzz, process

    matrix = process.cdist(
        keys,
        keys,
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
        score_cutoff=threshold,
        workers=-1,
    )
    index = {k: i for i, k in enumerate(keys)}
    # per claim asked about: its row in the matrix and its predicate class
    seen: dict[int, tuple[int, str]] = {}

    def row(c: Claim) -> tuple[int, str]:
        found = seen.get(id(c))
        if found is None:
            found = seen[id(c)] = (index[subject_key(c.subject)], predicate_class(c.predicate))
        return found

    def same(a: Claim, b: Claim) -> tuple[bool, float]:
        (ra, pa), (rb, pb) = row(a), row(b)
        if pa and pb and pa != pb:
            return False, 0.0
        score = matrix.item(ra, rb)
        return subjects_match(keys[ra], keys[rb], score, threshold), score

    return same


def _value_key(c: Claim) -> tuple[object, ...]:
    """The fields ``compare`` reads to decide whether two claims conflict (the rest of a
    claim only changes the wording and the confidence)."""
    return (c.kind, c.unit, c.value, c.value_from, c.approx, c.modality, c.place_country,
            c.event_date, c.span, c.published, c.attribute)


def _subject_key(c: Claim) -> tuple[object, ...]:
    """The fields ``comparable`` reads."""
    from .clusters import persons

    return (c.kind, c.subject, c.predicate, persons(c), c.scope)


def _frame_subject_key(c: Claim) -> tuple[object, ...]:
    """``_subject_key`` without the subject for a numeric claim with an attribute: claims
    of one attributed frame ("deaths", "contract length") are ``comparable`` whatever
    their subjects (``comparable`` reads their predicate class and scope), and whether
    two of them conflict, and how confidently, does not read the subject either
    (``compare`` names it only in the explanation of a transition). A slot of such a
    frame whose claims name thousands of subjects then has as many classes as it has
    values, predicates and scopes, not values times subjects."""
    if c.kind in NUMERIC_KINDS and c.attribute:
        return (c.kind, c.attribute, c.predicate, c.scope)
    return _subject_key(c)


def _value_classes(
    members: Sequence[Claim],
    subject_key: Callable[[Claim], tuple[object, ...]] = _subject_key,
) -> list[tuple[Claim, list[tuple[int, list[Claim]]]]]:
    """Claims of a slot by value key, then by ``subject_key``, one claim per source:
    [(a claim of the value key, [(subject key number, claims), ...]), ...].

    Claims of one source that agree on both keys give the same verdict against any other
    claim (only the wording of the row differs); of two equally confident conflicts the
    one with the smaller claim ids is kept, so only the claim with the smallest id of
    each (source, value key, subject key) can appear."""
    subjects: dict[tuple[object, ...], int] = {}
    reps: dict[tuple[object, ...], dict[int, dict[str, Claim]]] = {}
    for c in members:
        sk = subjects.setdefault(subject_key(c), len(subjects))
        per_source = reps.setdefault(_value_key(c), {}).setdefault(sk, {})
        old = per_source.get(c.source)
        if old is None or c.claim_id < old.claim_id:
            per_source[c.source] = c
    out = []
    for by_subject in reps.values():
        classes = [(sk, list(per_source.values())) for sk, per_source in by_subject.items()]
        out.append((classes[0][1][0], classes))
    return out


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str
    explanation: str
    confidence: float


def compare(a: Claim, b: Claim, settings: Settings) -> Verdict | None:
    """Why two claims of one slot cannot both hold, or None when they can."""
    if a.kind != "date" and different_times(a.event_date, b.event_date):
        return None  # an update, or another event: a toll that rises during the week
    if a.kind in NUMERIC_KINDS:
        return _numeric(a, b, settings)
    if a.kind == "location":
        return _location(a, b)
    if a.kind == "date":
        return _date(a, b)
    if a.kind == "time":
        return _time(a, b)
    if a.kind == "role":
        return _role(a, b)
    if a.kind == "score":
        return _score(a, b)
    return None


# --------------------------------------------------------------- numbers


def base_value(claim: Claim, value: float | str | None) -> float | None:
    """A numeric value in the base unit of its dimension (seconds, kilograms, metres…)."""
    if value is None or value == "":
        return None
    v = float(value)
    if claim.kind == "duration":
        return v * DURATION_UNITS.get(claim.unit, 1.0)
    if claim.kind == "quantity" and claim.unit in CANONICAL_UNITS:
        return v * CANONICAL_UNITS[claim.unit][1]
    return v


def _close(x: float, y: float, rel: float) -> bool:
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-9)


_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def stated_half_unit(c: Claim, v: float) -> float:
    """Half a unit of the last digit the claim states, in the units of ``v`` (its base
    value): "2.7 million" → 50,000; "47%" → 0.5; "1,644" → 0.5. Values written in words
    ("nine") are exact."""
    m = _FIGURE.search(c.span)
    if m is None or c.value in (None, "") or float(c.value) == 0:
        return 0.0
    written = float(m.group().replace(",", ""))
    if written == 0:
        return 0.0
    decimals = len(m.group(1) or "")
    scale = abs(v) / written
    return 0.5 * 10.0 ** -decimals * scale


def interval(c: Claim, v: float, settings: Settings) -> tuple[float, float]:
    """The values a claim allows, from its hedge and stated precision: "about 2.7 million"
    is 2.7 million ± ``approx_tolerance``; "nearly 400" up to 400; "at least 410" and
    "more than 410" from 410 up; "up to 5" to 5; a plain figure ± half its last digit
    (and the rounding ``tolerance``, so that 1.23 and 1.2 agree)."""
    half = max(stated_half_unit(c, v), 0.0)
    lo, hi = v - half, v + half
    approx = c.approx
    if approx in SOFT:
        width = settings.approx_tolerance * abs(v)
        lo, hi = (v - width, v + half) if approx == "nearly" else (v - width, v + width)
    elif approx in LOWER:
        lo, hi = v, math.inf
    elif approx in UPPER:
        lo, hi = -math.inf, v
    return lo, hi


def _consistent(a: Claim, va: float, b: Claim, vb: float, settings: Settings) -> bool:
    """The values the two claims allow overlap (``interval``), or they are equal within
    the rounding ``tolerance``."""
    if _close(va, vb, settings.tolerance) and not (a.approx or b.approx) \
            and stated_half_unit(a, va) == 0.0 == stated_half_unit(b, vb):
        return True
    if a.approx == b.approx == "up to":
        # two caps ("tariffs of up to 155%", "up to 130%") state the same maximum
        a, b = replace(a, approx=""), replace(b, approx="")
    (alo, ahi), (blo, bhi) = interval(a, va, settings), interval(b, vb, settings)
    if a.kind == "quantity" and a.unit != b.unit:
        # one may be the other converted and rounded: "180 miles (288 km)"
        alo, ahi = min(alo, va - _round_half(a, va)), max(ahi, va + _round_half(a, va))
        blo, bhi = min(blo, vb - _round_half(b, vb)), max(bhi, vb + _round_half(b, vb))
    if alo == ahi or blo == bhi:  # an exact figure (words): inside the other's interval
        return alo <= bhi and blo <= ahi
    return alo < bhi and blo < ahi


def _round_half(c: Claim, v: float) -> float:
    """Half a unit of the last non-zero digit of a whole figure ("180" → 5, "2,800" → 50),
    in the units of ``v``: the rounding a converted figure may carry."""
    m = _FIGURE.search(c.span)
    if m is None or m.group(1):
        return stated_half_unit(c, v)
    digits = m.group().replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    written = float(digits)
    return 0.5 * 10.0 ** zeros * abs(v) / written if written else 0.0


def _numeric(a: Claim, b: Claim, settings: Settings) -> Verdict | None:
    if a.kind == "money" and a.unit != b.unit:
        return None  # different currencies: no exchange rate to compare them
    if a.kind == "percent" and (a.unit == "pp") != (b.unit == "pp"):
        return _delta_vs_change(a, b)
    ta, tb = a.value_from is not None, b.value_from is not None
    va, vb = base_value(a, a.value), base_value(b, b.value)
    if va is None or vb is None:
        return None
    if ta and tb:
        fa, fb = base_value(a, a.value_from), base_value(b, b.value_from)
        assert fa is not None and fb is not None
        if _close(fa, fb, settings.tolerance) and _close(va, vb, settings.tolerance):
            return None
        return Verdict("transition_mismatch", _transition_text(a, b, fa, va, fb, vb), 0.9)
    if ta != tb:
        # A change and a plain level: only the level after the change can be compared.
        if _consistent(a, va, b, vb, settings):
            return None
        return Verdict(
            "numeric_mismatch",
            f"{a.source} gives {display_value(a)}, {b.source} gives {display_value(b)}; "
            "the level after the change differs.",
            0.7,
        )
    if _consistent(a, va, b, vb, settings):
        return None
    if _apart(va, vb):
        return None  # an order of magnitude apart: two facts sharing words, not one misread
    notes = []
    if a.approx or b.approx:
        notes.append(_bound_words(a, va, b, vb, settings))
    if a.modality == b.modality == "threatened":
        notes.append("both are threats; they may count different layers or dates of the threat")
    diff = _difference(a, va, vb)
    text = f"{a.source} says {display_value(a)}, {b.source} says {display_value(b)} ({diff})."
    if notes:
        text += " " + _first_upper("; ".join(notes)) + "."
    conf = 0.85 - (0.15 if (a.approx or b.approx) else 0.0)
    return Verdict("numeric_mismatch", text, conf)


def _bound_words(a: Claim, va: float, b: Claim, vb: float, settings: Settings) -> str:
    """Why two hedged values cannot both hold, in words."""
    (alo, ahi), (blo, bhi) = interval(a, va, settings), interval(b, vb, settings)
    for x, (xlo, xhi), y, (ylo, yhi) in ((a, (alo, ahi), b, (blo, bhi)),
                                         (b, (blo, bhi), a, (alo, ahi))):
        if y.approx in LOWER and xhi <= ylo:
            return f"{x.source}'s figure is below {y.source}'s lower bound"
        if y.approx in UPPER and xlo >= yhi:
            return f"{x.source}'s figure is above {y.source}'s upper bound"
    return "the ranges their hedges allow do not overlap"


#: Values this many times apart are taken as different facts, not a disagreement.
APART_RATIO = 5.0


def _apart(va: float, vb: float) -> bool:
    lo, hi = sorted((abs(va), abs(vb)))
    return lo > 0 and hi / lo >= APART_RATIO


def _difference(a: Claim, va: float, vb: float) -> str:
    if a.kind == "percent":
        return f"{format_number(abs(va - vb))} points apart"
    lo, hi = sorted((abs(va), abs(vb)))
    if lo > 0:
        return f"{hi / lo:.2g}× apart" if hi / lo >= 2 else f"{(hi - lo) / lo:.0%} apart"
    return "one is zero"


def _transition_text(a: Claim, b: Claim, fa: float, va: float, fb: float, vb: float) -> str:
    subj = a.subject or b.subject
    text = f"{a.source} says {subj} went {display_value(a)}; {b.source} says {display_value(b)}."
    da, db = va - fa, vb - fb
    if _close(da, db, 0.02) and da != 0:
        size = format_number(abs(da))
        word = "cut" if da < 0 else "rise"
        unit = " point" if a.kind == "percent" else ""
        text += f" Both describe a {size}{unit.replace(' ', '-')} {word}"
        text += "; they disagree on the starting and ending level."
    else:
        text += " The changes differ in size too."
    extra_a = _qualifiers(a.subject, b.subject)
    extra_b = _qualifiers(b.subject, a.subject)
    if extra_a or extra_b:
        parts = []
        if extra_a:
            parts.append(f"only {a.source} says '{extra_a}'")
        if extra_b:
            parts.append(f"only {b.source} says '{extra_b}'")
        text += (
            " "
            + _first_upper(", ".join(parts))
            + ": one may describe a narrower measure than the other."
        )
    return text


def _first_upper(text: str) -> str:
    """The first letter upper case, the rest (sources' names) as they are."""
    return text[:1].upper() + text[1:]


def _qualifiers(x: str, y: str) -> str:
    """Words of subject x missing from subject y ('fentanyl-related'), compared on the
    normalized form used for clustering."""
    from .clusters import subject_words

    yw = set(subject_words(y))
    missing = [w for w in subject_words(x) if w not in yw]
    return " ".join(missing)


def _delta_vs_change(a: Claim, b: Claim) -> Verdict | None:
    pp, ch = (a, b) if a.unit == "pp" else (b, a)
    if ch.value_from is None or pp.value is None:
        return None
    delta = float(ch.value) - float(ch.value_from)  # type: ignore[arg-type]
    if _close(delta, float(pp.value), 0.02):
        return None
    return Verdict(
        "numeric_mismatch",
        f"{pp.source} gives a change of {display_value(pp)}, {ch.source} gives "
        f"{display_value(ch)}, a change of {format_number(delta)} points.",
        0.75,
    )


# --------------------------------------------------------------- places, dates, roles


def _location(a: Claim, b: Claim) -> Verdict | None:
    from ..values.places import compatible, gazetteer

    if a.value == b.value:
        return None
    if is_venue(a) or is_venue(b):
        if not (is_venue(a) and is_venue(b)):
            return None
        return Verdict(
            "location_mismatch",
            f"{a.source} lists the shares on the {a.value}; {b.source} on the {b.value}: "
            "two different exchanges.",
            0.9 if (a.modality == b.modality == "asserted") else 0.75,
        )
    pa, pb = _claimed_place(a), _claimed_place(b)
    if pa is None or pb is None:
        # Continents and US states need the gazetteer's containment data.
        gaz = gazetteer()
        pa, pb = gaz.lookup(str(a.value)), gaz.lookup(str(b.value))
    if pa is None or pb is None or compatible(pa, pb):
        return None
    conf = 0.9 if (a.modality == b.modality == "asserted") else 0.75
    return Verdict(
        "location_mismatch",
        f"{a.source} places the {a.subject} in {_place_text(pa)}; {b.source} places it in "
        f"{_place_text(pb)}. Neither place contains the other.",
        conf,
    )


def _claimed_place(c: Claim) -> Place | None:
    """The place a claim names, from the level and country stored with it, so that cities
    and countries (the common case) are compared without loading the gazetteer."""
    from ..values.places import Place

    if c.unit in {"city", "country"} and c.place_country:
        return Place(str(c.value), c.unit, c.place_country, "")
    return None


def _place_text(p: object) -> str:
    name = getattr(p, "name", str(p))
    country = getattr(p, "country", "")
    level = getattr(p, "level", "")
    if level == "city" and country:
        return f"{name} ({country})"
    return name


def date_interval(value: str) -> tuple[str, str] | None:
    """'2025' → ('2025-01-01', '2025-12-31'); '2025-10' → the month; '2026/2030' → years."""
    import calendar
    from datetime import date as _date

    v = value.strip()
    if not v:
        return None
    if "/" in v:
        a, b = v.split("/", 1)
        ia, ib = date_interval(a), date_interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    try:
        if len(v) == 4:
            return f"{v}-01-01", f"{v}-12-31"
        if len(v) == 7 and v[4] == "-":
            y, m = int(v[:4]), int(v[5:])
            return f"{v}-01", f"{v}-{calendar.monthrange(y, m)[1]:02d}"
        if "-W" in v:
            y, w = int(v[:4]), int(v[6:])
            start = _date.fromisocalendar(y, w, 1)
            end = _date.fromisocalendar(y, w, 7)
            return start.isoformat(), end.isoformat()
        _date.fromisoformat(v)
        return v, v
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def different_times(x: str, y: str) -> bool:
    """Two event dates that cannot be one time ("2025-10-30" and "2025-11-02"; not "2025"
    and "2025-10-30"). Claims anchored at different times do not contradict each other;
    an undated claim is compared with any."""
    if not x or not y or x == y:
        return False
    ix, iy = date_interval(x), date_interval(y)
    if ix is None or iy is None:
        return False
    return ix[1] < iy[0] or iy[1] < ix[0]


#: Days between two dates of one kind of event beyond which they date two occurrences of
#: it (the 1987 flood and this one), not one event that outlets date differently.
OCCURRENCE_GAP_DAYS = 366


def _years_apart(ia: tuple[str, str], ib: tuple[str, str]) -> bool:
    from datetime import date

    try:
        early, late = sorted((ia, ib))
        gap = date.fromisoformat(late[0][:10]) - date.fromisoformat(early[1][:10])
    except ValueError:
        return False
    return gap.days > OCCURRENCE_GAP_DAYS


def _date(a: Claim, b: Claim) -> Verdict | None:
    from ..values.fiscal import fiscal_compatible

    fiscal = fiscal_compatible(str(a.value), str(b.value))
    if fiscal is not None or str(a.value).startswith("FY") or str(b.value).startswith("FY"):
        if fiscal is not False:
            return None  # within one another, or a fiscal and a calendar period
        return Verdict("date_mismatch", f"{a.source} gives fiscal period {a.value}; "
                       f"{b.source} gives {b.value}.", 0.8)
    ia, ib = date_interval(str(a.value)), date_interval(str(b.value))
    if ia is None or ib is None or a.value == b.value:
        return None
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return None  # one date lies within the other ("2025" and "2025-10-30")
    if _years_apart(ia, ib):
        return None  # "the 2023 election" and "the election on 1 June 2025": two of them
    for x, ix, iy in ((a, ia, ib), (b, ib, ia)):
        if x.approx in DATE_AFTER and iy[1] >= ix[0]:
            return None  # "first meeting since 2019" and "met on 2025-10-30"
        if x.approx in DATE_BEFORE and iy[0] <= ix[1]:
            return None
    if a.approx and b.approx:
        return None  # two bounds never contradict each other
    what = a.attribute or a.subject
    text = f"{a.source} dates the {what} {a.value}; {b.source} dates it {b.value}."
    for x in (a, b):
        if x.unit == "settled":
            text += (f" {x.source} has no publication date: its '{x.span}' was read in the "
                     "week of the date the dated sources agree on, and falls on another day.")
    return Verdict("date_mismatch", text, 0.85 if "settled" not in (a.unit, b.unit) else 0.7)


def _time(a: Claim, b: Claim) -> Verdict | None:
    """Two times of day of one event, at minute precision: the same instant when both
    name a zone (22:10 IST is 16:40 UTC), the same clock time when neither does or both
    say "local time"; a zone on one side only cannot be compared."""
    from ..values.times import minutes_utc

    if a.event_date and b.event_date and a.event_date != b.event_date:
        return None  # times of two different days
    ua, ub = minutes_utc(str(a.value), a.unit), minutes_utc(str(b.value), b.unit)
    if ua is not None and ub is not None:
        how = "they are different instants"
    elif ua is None and ub is None and a.unit == b.unit:
        ua, ub = _clock_minutes(str(a.value)), _clock_minutes(str(b.value))
        how = "clock times differ"
    else:
        return None
    # "around 2:20 p.m." allows half an hour either way, "midday" an hour
    slack = sum(_time_slack(c) for c in (a, b))
    gap = abs(ua - ub)
    if min(gap, 1440 - gap) <= slack:
        return None
    return Verdict(
        "time_mismatch",
        f"{a.source} times the {a.attribute or a.subject} at {display_value(a)}; "
        f"{b.source} at {display_value(b)} ({how}).",
        0.85,
    )


def _clock_minutes(value: str) -> int:
    hh, mm = value.split(":")
    return int(hh) * 60 + int(mm)


def _time_slack(c: Claim) -> int:
    """Minutes an approximate time allows either way (0 for a precise one)."""
    if not c.approx:
        return 0
    words = c.span.lower().split()
    if "midday" in words:
        return 90  # "around midday": late morning to early afternoon
    return 60 if "noon" in words else 30


DATE_AFTER = frozenset({"since", "after"})
DATE_BEFORE = frozenset({"until", "till", "before", "by", "prior to"})
GENERIC_ROLES = frozenset({"leader", "official", "envoy", "negotiator", "director"})


_TENSE = re.compile(r"^(?:former|ex-?|then-?|outgoing|incoming|acting|interim|late)\s*", re.I)
#: A title its holder no longer holds ("then-president" was the title at the time: no).
_FORMER = re.compile(r"^(?:former|ex-?)\s*", re.I)


def _score(a: Claim, b: Claim) -> Verdict | None:
    """Two scores of one vote or one match (the same two sides, the same occurrence) that
    differ: "3-1" and "2-1" cannot both be how it ended."""
    if a.value == b.value:
        return None
    sides = [side.title() for side in a.subject.split(" v ")]
    what = f"the vote ({', '.join(sides)})" if a.unit == "vote" else " v ".join(sides)
    if a.occurrence:
        what += f" ({a.occurrence})"
    return Verdict(
        "numeric_mismatch",
        f"{a.source} gives {what} as {a.value}; {b.source} as {b.value}.",
        0.85 if (a.modality == b.modality == "asserted") else 0.7,
    )


def _role(a: Claim, b: Claim) -> Verdict | None:
    """Two titles of one person contradict each other only when they cannot both hold: a
    title and its former self ("president" vs "former president"), the same title of two
    organisations, or two offices of the lexicon's ``exclusive_roles`` (head of state or
    government). A person may be defence minister and deputy prime minister at once."""
    from ..extraction.frames import active_lexicon

    ra, rb = str(a.value).lower(), str(b.value).lower()
    if ra == rb or ra in GENERIC_ROLES or rb in GENERIC_ROLES:
        return None
    ca, cb = _TENSE.sub("", ra), _TENSE.sub("", rb)
    former_a, former_b = bool(_FORMER.match(ra)), bool(_FORMER.match(rb))
    exclusive = active_lexicon().exclusive_roles
    if ca == cb and former_a != former_b:
        why = "one says it is a former title"
    elif ca == cb and a.unit and b.unit and a.unit.lower() != b.unit.lower():
        why = "the same title of different organisations"
    elif ca != cb and ca in exclusive and cb in exclusive and not (former_a or former_b) \
            and (not a.unit or not b.unit or a.unit.lower() == b.unit.lower()):
        why = "one person does not hold both offices"
    else:
        return None
    ta = f"{a.unit} {ra}".strip() if a.unit else ra
    tb = f"{b.unit} {rb}".strip() if b.unit else rb
    return Verdict(
        "entity_mismatch",
        f"{a.source} calls {a.subject.title()} {ta}; {b.source} calls them {tb} ({why}).",
        0.7,
    )


# --------------------------------------------------------------- display


def display_value(c: Claim) -> str:
    """Human-readable normalized value: '47%', '57% → 47%', 'USD 550 billion'."""
    return _display(c.kind, c.unit, c.value, c.value_from, c.approx, c.place_country)


@lru_cache(maxsize=65536)
def _display(
    kind: str,
    unit: str,
    value: float | str | None,
    value_from: float | str | None,
    approx: str,
    place_country: str,
) -> str:
    """``display_value`` from the fields it reads (memoized: a big table repeats values)."""
    c = _Shown(kind, unit, value, value_from, approx, place_country)
    if c.kind == "percent":
        if c.unit == "pp":
            v = float(c.value)  # type: ignore[arg-type]
            return f"{'+' if v > 0 else '−' if v < 0 else ''}{format_number(abs(v))} pts"
        text = f"{format_number(float(c.value))}%"  # type: ignore[arg-type]
        if c.value_from is not None:
            text = f"{format_number(float(c.value_from))}% → {text}"
        return _with_approx(c, text)
    if c.kind == "money":
        code, _, per = c.unit.partition(" per ")  # a price per unit: "USD per barrel"
        text = f"{code} {format_number(float(c.value))}"  # type: ignore[arg-type]
        if c.value_from is not None:
            text = f"{code} {format_number(float(c.value_from))} → {text}"
        return _with_approx(c, f"{text} per {per}" if per else text)
    if c.kind in {"quantity", "count", "duration"}:
        v = float(c.value)  # type: ignore[arg-type]
        unit = c.unit
        if unit and c.kind == "duration" and v != 1:
            unit = "centuries" if unit == "century" else unit + "s"
        text = f"{format_number(v)} {unit}".strip()
        if c.value_from is not None:
            text = f"{format_number(float(c.value_from))} → {text}"
        return _with_approx(c, text)
    if c.kind == "location":
        return (
            f"{c.value} ({c.place_country})"
            if c.place_country and c.unit == "city"
            else str(c.value)
        )
    if c.kind == "role":
        return f"{c.unit} {c.value}".strip() if c.unit else str(c.value)
    if c.kind == "time":  # "09:03+09:00", "12:50 local time", "09:03"
        if c.unit == "local":
            return f"{c.value} local time"
        return f"{c.value}{c.unit}"
    return "" if c.value is None else str(c.value)


@dataclass(frozen=True, slots=True)
class _Shown:
    kind: str
    unit: str
    value: float | str | None
    value_from: float | str | None
    approx: str
    place_country: str


def _with_approx(c: _Shown, text: str) -> str:
    return f"{c.approx} {text}" if c.approx else text


#: Stand-ins for the two sources' names while a pair is worded (see ``_word``).
_SOURCE_A, _SOURCE_B = "\x00\x01\x00", "\x00\x02\x00"


@dataclass(frozen=True, slots=True)
class _Wording:
    """A verdict on a pair of claims; the explanation is a %-template of the sources'
    names ``a`` and ``b``."""

    kind: str
    template: str
    confidence: float


def _word(a: Claim, b: Claim, sim: float, settings: Settings) -> _Wording | None:
    """The verdict, explanation and confidence of a conflict between claims like ``a``
    and ``b`` (None if they agree), whichever sources say them."""
    a = _said_by(a, _SOURCE_A)
    b = _said_by(b, _SOURCE_B)
    verdict = compare(a, b, settings)
    if verdict is None:
        return None
    confidence = verdict.confidence * (0.6 + 0.4 * sim / 100)
    explanation = verdict.explanation
    soft = {"hedged", "expected", "planned"}
    if a.modality in soft or b.modality in soft:
        confidence -= 0.1
        explanation += (
            f" ({a.source if a.modality in soft else b.source} states it as "
            f"{a.modality if a.modality in soft else b.modality}.)"
        )
    if predicate_class(a.predicate) != predicate_class(b.predicate):
        confidence -= 0.05
    template = (
        explanation.replace("%", "%%").replace(_SOURCE_A, "%(a)s").replace(_SOURCE_B, "%(b)s")
    )
    return _Wording(verdict.kind, template, round(max(0.05, min(1.0, confidence)), 2))


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


def _said_by(c: Claim, source: str) -> Claim:
    """``c`` with another source (``dataclasses.replace`` without re-validating)."""
    copy = object.__new__(Claim)
    for name in _CLAIM_FIELDS:
        object.__setattr__(copy, name, getattr(c, name))
    object.__setattr__(copy, "source", source)
    return copy


def _conflict(slot: Slot, a: Claim, b: Claim, wording: _Wording) -> Conflict:
    cid = hashlib.sha1(f"{a.claim_id}\x1f{b.claim_id}".encode()).hexdigest()[:12]
    return Conflict(
        conflict_id=cid,
        kind=wording.kind,
        slot=slot.key,
        claim_a=a.claim_id,
        claim_b=b.claim_id,
        source_a=a.source,
        source_b=b.source,
        value_a=display_value(a),
        value_b=display_value(b),
        sentence_a=a.sentence,
        sentence_b=b.sentence,
        span_a=a.span,
        span_b=b.span,
        char_start_a=a.char_start,
        char_end_a=a.char_end,
        char_start_b=b.char_start,
        char_end_b=b.char_end,
        explanation=wording.template % {"a": a.source, "b": b.source},
        confidence=wording.confidence,
    )
