"""A value and its change, read together: "from 57% to 47%", "cut by 10 points to 47%",
"halved to 10%", "between 10 and 20"."""

from __future__ import annotations

import re

from ..records import Mention
from .patterns import (
    FLAGS,
)

_HALVED = re.compile(
    r"\b(?P<verb>halv(?:e|ed|es|ing)|doubl(?:e|ed|es|ing)|tripl(?:e|ed|es|ing))"
    r"\s+(?:\w+\s+){0,3}?(?P<to>to\s+)?$",
    FLAGS,
)


_CANCEL = re.compile(
    r"\b(?:cancel\w*|scrap\w*|remov\w*|lift(?:ed|ing|s)?|eliminat\w*|abolish\w*|abolition|"
    r"repeal\w*|rescind\w*|revok\w*|revocation|withdraw\w*)\s+(?:of\s+)?"
    r"(?:the\s+|its\s+|their\s+|all\s+|those\s+)?(?:existing\s+|current\s+)?$",
    FLAGS,
)


_BY_POINTS = re.compile(r"\bby\s+$", FLAGS)


_DOWN_VERBS = re.compile(
    r"\b(?:cut|cuts|reduc\w*|lower\w*|slash\w*|trim\w*|fell|fall\w*|drop\w*|declin\w*|"
    r"decreas\w*|eas\w*|shrank|shrink\w*|sank|sink\w*|dipped|dip)\b",
    FLAGS,
)


_UP_VERBS = re.compile(
    r"\b(?:rais\w*|increas\w*|hik\w*|rose|rise\w*|rising|boost\w*|grew|grow\w*|jump\w*|"
    r"climb\w*|soar\w*|surg\w*|doubl\w*)\b",
    FLAGS,
)


_FROM_BEFORE = re.compile(r"\bfrom\s+$", FLAGS)


_TO_BEFORE = re.compile(r"\b(?:to|at)\s+$", FLAGS)


_BETWEEN_FROM_TO = re.compile(r"^\s+(?:down\s+|up\s+)?to\s+$", FLAGS)


_BETWEEN_TO_FROM = re.compile(r"^\s*,?\s+(?:down\s+|up\s+)?from\s+$", FLAGS)


_CHANGE_KINDS = {"percent", "money", "quantity", "count"}


def combine_changes(text: str, ms: list[Mention]) -> list[Mention]:
    """Fold 'from A to B', 'to B from A', 'halved to B', 'cancellation of the A' and
    'cut by N points' into change mentions carrying ``value_from``."""
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        b = ms[i + 1] if i + 1 < len(ms) else None
        if b is not None and (change := _from_to(text, a, b)) is not None:
            out.append(change)
            i += 2
            continue
        c = ms[i + 2] if i + 2 < len(ms) else None
        if b is not None and c is not None and (dated := _dated_from_to(text, a, b, c)):
            out.extend(dated)
            i += 3
            continue
        if a.kind == "percent" and a.unit == "%":
            _multiplied(text, a)
        if (
            a.kind == "percent"
            and a.unit == "pp"
            or (a.kind == "count" and re.match(r"\s+points?\b", text[a.end :], re.I))
        ):
            _by_points(text, a)
        out.append(a)
        i += 1
    return out


def _change_kind(a: Mention, b: Mention) -> str | None:
    """The kind of a change from one of two values to the other, or None when they cannot
    be one change (other kinds, other units, two bare counts)."""
    if a.kind not in _CHANGE_KINDS or b.kind not in _CHANGE_KINDS:
        return None
    kind = a.kind if a.kind != "count" else b.kind
    compatible = a.kind == b.kind or "count" in (a.kind, b.kind)
    if a.kind == b.kind and a.kind in {"money", "quantity"} and a.unit != b.unit:
        compatible = False  # "from 44 ml to 50 mg", "from $5 to 4 euros": not one change
    return kind if compatible and kind != "count" else None


def _from_to(text: str, a: Mention, b: Mention) -> Mention | None:
    """"from A to B" or "to B from A" (two values of one kind and unit) as one change."""
    if (kind := _change_kind(a, b)) is None:
        return None
    between = text[a.end : b.start]
    before = text[max(0, a.start - 30) : a.start]
    if (fm := _FROM_BEFORE.search(before)) and _BETWEEN_FROM_TO.match(between):
        return _change(kind, a.start - len(fm.group()), b.end, a, b)
    if (tm := _TO_BEFORE.search(before)) and _BETWEEN_TO_FROM.match(between):
        return _change(kind, a.start - len(tm.group()), b.end, b, a)
    return None


#: The date of the first value between it and the second: "to 3.4% in May from 3.5% …".
_DATED_GAP = re.compile(r"\s+(?:in|on|during|for|at\s+the\s+end\s+of)\s+$", FLAGS)
_AFTER_DATE_TO = re.compile(r"^\s*,?\s+(?:down\s+|up\s+)?to\s+$", FLAGS)


def _dated_from_to(text: str, a: Mention, d: Mention, b: Mention) -> list[Mention] | None:
    """"to B in May from A" and "from A in April to B", each value dated by the words
    after it ("inflation fell to 3.4% in May from 3.5% in April"): the change, whose span
    is the new value's (the date of the first value between stays a mention of its own),
    and that date; None for anything else."""
    if d.kind != "date" or not _DATED_GAP.fullmatch(text, a.end, d.start) \
            or (kind := _change_kind(a, b)) is None:
        return None
    between = text[d.end : b.start]
    before = text[max(0, a.start - 30) : a.start]
    if _TO_BEFORE.search(before) and _BETWEEN_TO_FROM.match(between):
        new, old = a, b  # "to 3.4% in May from 3.5%"
    elif _FROM_BEFORE.search(before) and _AFTER_DATE_TO.match(between):
        new, old = b, a  # "from 3.5% in April to 3.4%"
    else:
        return None
    change = _change(kind, new.start, new.end, old, new)
    change.extra["dated_after"] = "1"  # its date is the one after it, not the sentence's first
    return [change, d] if new is a else [d, change]


def _multiplied(text: str, a: Mention) -> None:
    """A percentage "halved to", "doubled to", "tripled from", or whose "cancellation"
    takes it to 0: ``a`` becomes the change (in place)."""
    before = text[max(0, a.start - 60) : a.start]
    if hm := _HALVED.search(before):
        verb = hm.group("verb").lower()
        factor = 0.5 if verb.startswith("halv") else (2.0 if verb.startswith("doubl") else 3.0)
        v = float(a.value)  # type: ignore[arg-type]
        if hm.group("to"):
            a.value_from = v / factor
        else:
            a.value_from, a.value = v, v * factor
        a.extra = {"value_start": str(a.start), "value_end": str(a.end)}
        a.start = a.start - len(before) + hm.start()
    elif cm := _CANCEL.search(before):
        a.value_from, a.value = a.value, 0.0
        a.extra = {"value_start": str(a.start), "value_end": str(a.end)}
        a.start = a.start - len(before) + cm.start()


def _by_points(text: str, a: Mention) -> None:
    """"cut by 10 points", "rose by 2 percentage points": the points are a signed change
    in percentage points (in place)."""
    window = text[max(0, a.start - 60) : a.start]
    if not _BY_POINTS.search(window):
        return
    sign = -1.0 if _DOWN_VERBS.search(window) else (1.0 if _UP_VERBS.search(window) else 0.0)
    if not sign:
        return
    if a.kind == "count":
        pm = re.match(r"\s+points?\b", text[a.end :], re.I)
        a.end += pm.end()  # type: ignore[union-attr]
        a.kind = "percent"
    a.unit = "pp"
    a.value = sign * abs(float(a.value))  # type: ignore[arg-type]


def _change(kind: str, start: int, end: int, old: Mention, new: Mention) -> Mention:
    unit = new.unit if new.kind == kind else old.unit
    v_old = float(old.value)  # type: ignore[arg-type]
    v_new = float(new.value)  # type: ignore[arg-type]
    # "from 2 to 3 million": the bare first number takes the magnitude of the second.
    if old.kind == "count" and v_new >= 1e6 and v_old < 1000:
        scale = 10 ** (len(str(int(v_new))) - len(str(int(v_new // 1e6))) - 0)
        for factor in (1e12, 1e9, 1e6, 1e3):
            if v_new >= factor and (v_new / factor) < 1000:
                v_old *= factor
                break
        del scale
    return Mention(
        kind,
        start,
        end,
        v_new,
        value_from=v_old,
        unit=unit,
        approx=new.approx or old.approx,
        extra={"value_start": str(new.start), "value_end": str(new.end)},
    )
