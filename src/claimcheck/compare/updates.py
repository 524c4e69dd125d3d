"""Stage 4 (compare): running tallies → Update records (a timeline per tally, not contradictions).

A running tally (an attribute the lexicon marks ``running``: deaths, injured, missing,
arrests, evacuated …) is reported at different times with different figures: 9 dead on
the first evening, 87 four days later. ``conflicts`` compares only reports of the same
update (same publication day, or a shared figure); this stage lists every report of a
tally whose figures differ, in order, so that the HTML report can draw its timeline and
``claimcheck conflicts --updates FILE`` can write it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Claim, Slot, Update
from .conflicts import _running, display_value


def find_updates(slots: Sequence[Slot], claims: Sequence[Claim]) -> list[Update]:
    """The reports of each running tally whose sources give more than one figure.

    Reports are ordered by publication date (undated ones after the dated, by figure:
    tallies rise); one row per source and figure, the first claim of each kept."""
    by_id = {c.claim_id: c for c in claims}
    out: list[Update] = []
    for slot in sorted(slots, key=lambda s: (s.key, s.slot_id)):
        members = [by_id[i] for i in slot.claim_ids if i in by_id]
        if not members or not _running(members[0]) or members[0].value_from is not None:
            continue
        seen: dict[tuple[str, float], Claim] = {}
        for c in sorted(members, key=lambda c: (c.source, c.char_start)):
            if c.value is None or c.value_from is not None:
                continue
            seen.setdefault((c.source, float(c.value)), c)
        if len({v for _s, v in seen}) < 2:
            continue  # every source agrees: nothing changes
        ordered = sorted(seen.values(), key=_order)
        step, last = 0, None
        for c in ordered:
            key = (c.published or "~", float(c.value))  # type: ignore[arg-type]
            if key != last:
                step, last = step + 1, key
            out.append(Update(
                slot=slot.key, attribute=c.attribute, scope=c.scope, step=step,
                published=c.published, source=c.source, value=display_value(c),
                number=float(c.value), claim_id=c.claim_id,  # type: ignore[arg-type]
                span=c.span, sentence=c.sentence,
            ))
    return out


def _order(c: Claim) -> tuple[int, str, float, str]:
    """Dated reports first by date, then undated ones by figure (a tally only rises)."""
    return (0 if c.published else 1, c.published, float(c.value), c.source)  # type: ignore[arg-type]
