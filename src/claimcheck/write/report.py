"""A self-contained HTML report of a pipeline Result: summary, one section per slot with
conflicts (values and who states them, both sentences side by side, the explanation), and
the slots where sources agree.

The page has inline CSS only: no scripts, fonts or images are loaded, so it opens offline
and can be mailed as one file. Every piece of article text is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..compare.conflicts import display_value
from ..records import Article, Claim, Conflict, Result, Sentence, Slot, Update

__all__ = ["render_report", "write_report", "highlight_html"]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


CSS = """
:root { --a: #b42318; --a-bg: #fde8e6; --b: #1d4ed8; --b-bg: #e0e9ff; --ink: #1f2328;
  --muted: #59636e; --line: #d8dee4; --card: #ffffff; --page: #f6f8fa; --ok: #116329; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 8px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.stats { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0 8px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 18px; min-width: 130px; }
.stat b { display: block; font-size: 26px; line-height: 1.2; }
.stat span { color: var(--muted); font-size: 13px; text-transform: uppercase;
  letter-spacing: .04em; }
.stat.hot b { color: var(--a); }
section.slot { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 20px; margin: 0 0 20px; }
.kind { display: inline-block; font-size: 12px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); border: 1px solid var(--line); border-radius: 999px;
  padding: 1px 9px; margin-right: 6px; vertical-align: 2px; }
table.values { border-collapse: collapse; margin: 6px 0 14px; }
table.values td, table.values th { text-align: left; padding: 3px 14px 3px 0; vertical-align: top; }
table.values th { font-size: 12px; color: var(--muted); font-weight: 600;
  text-transform: uppercase; }
.val { font-weight: 700; white-space: nowrap; }
.count { color: var(--muted); white-space: nowrap; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin: 10px 0 6px; }
.side { border-radius: 8px; padding: 10px 14px; border-left: 4px solid; }
.side.a { background: #fff7f6; border-color: var(--a); }
.side.b { background: #f5f8ff; border-color: var(--b); }
.side .who { font-weight: 700; }
.side.a .who { color: var(--a); }
.side.b .who { color: var(--b); }
.side .meta { color: var(--muted); font-size: 13px; margin-bottom: 6px; }
.side blockquote { margin: 0; }
mark { padding: 0 2px; border-radius: 3px; font-weight: 700; color: inherit; }
.side.a mark { background: var(--a-bg); box-shadow: inset 0 -2px 0 var(--a); }
.side.b mark { background: var(--b-bg); box-shadow: inset 0 -2px 0 var(--b); }
.why { color: var(--ink); background: var(--page); border-radius: 6px; padding: 8px 12px;
  margin: 6px 0 16px; }
.why .conf { color: var(--muted); font-size: 13px; }
details { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 8px 14px; margin: 0 0 10px; }
details summary { cursor: pointer; font-weight: 600; }
details .agree { color: var(--ok); }
ul.claims { margin: 8px 0 4px; padding-left: 20px; }
ul.claims li { margin: 4px 0; }
table.sources { border-collapse: collapse; width: 100%; background: var(--card);
  border: 1px solid var(--line); border-radius: 8px; }
table.sources th, table.sources td { text-align: left; padding: 7px 10px;
  border-bottom: 1px solid var(--line);
  vertical-align: top; }
table.sources th { font-size: 12px; color: var(--muted); text-transform: uppercase; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.empty { color: var(--muted); font-style: italic; }
ol.toc { margin: 0 0 18px; padding-left: 22px; }
ol.toc a { color: var(--b); text-decoration: none; }
ol.toc a:hover { text-decoration: underline; }
footer { color: var(--muted); font-size: 13px; margin-top: 40px; }
@media (max-width: 760px) { .pair { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } details { break-inside: avoid; }
  details:not([open]) > *:not(summary) { display: block; } }
"""


NO_AGREEMENT = "No slot with claims from two or more sources without a conflict."
DISCLAIMER = "claimcheck does not decide which source is right."


def highlight_html(sentence: str, start: int | None, span: str) -> str:
    """The sentence, escaped, with ``span`` wrapped in ``<mark>``.

    ``start`` is the span's offset within the sentence; when it does not point at ``span``
    (claims read back from an edited table) the first occurrence of ``span`` is used, and
    when the span is not in the sentence at all, nothing is marked.
    """
    if span and start is not None and 0 <= start and sentence[start : start + len(span)] == span:
        at = start
    else:
        at = sentence.find(span) if span else -1
    if at < 0:
        return _e(sentence)
    end = at + len(span)
    return f"{_e(sentence[:at])}<mark>{_e(sentence[at:end])}</mark>{_e(sentence[end:])}"


class _Index:
    """Lookups over one Result."""

    def __init__(self, result: Result) -> None:
        self.articles: dict[str, Article] = {a.id: a for a in result.articles}
        self.claims: dict[str, Claim] = {c.claim_id: c for c in result.claims}
        self.sentences: dict[tuple[str, int], Sentence] = {
            (s.source, s.index): s for s in result.sentences
        }

    def label(self, source: str) -> str:
        """The outlet when known, else the source id."""
        art = self.articles.get(source)
        return art.outlet if art is not None and art.outlet else source

    def offset_in_sentence(self, claim_id: str, char_start: int, source: str) -> int | None:
        claim = self.claims.get(claim_id)
        if claim is None:
            return None
        sent = self.sentences.get((source, claim.sentence_id))
        if sent is None:
            return None
        return char_start - sent.start

    def source_meta(self, source: str) -> str:
        art = self.articles.get(source)
        if art is None:
            return ""
        bits = []
        if art.outlet:
            bits.append(f"<code>{_e(art.id)}</code>")
        if art.published is not None:
            bits.append(_e(art.published.isoformat()))
        if art.title:
            bits.append(f"“{_e(art.title)}”")
        return " · ".join(bits)


def _slot_claims(slots: Iterable[Slot], key: str, index: _Index) -> list[Claim]:
    out: list[Claim] = []
    seen: set[str] = set()
    for slot in slots:
        if slot.key != key:
            continue
        for cid in slot.claim_ids:
            if cid in index.claims and cid not in seen:
                seen.add(cid)
                out.append(index.claims[cid])
    return out


def _values_table(claims: Sequence[Claim], index: _Index) -> str:
    """Each distinct value with the sources stating it, most-stated first."""
    by_value: dict[str, list[str]] = {}
    for c in claims:
        sources = by_value.setdefault(display_value(c), [])
        if c.source not in sources:
            sources.append(c.source)
    rows = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    body = []
    for value, sources in rows:
        n = len(sources)
        who = ", ".join(_e(index.label(s)) for s in sources)
        body.append(
            f'<tr><td class="val">{_e(value)}</td>'
            f'<td class="count">{n} source{"s" if n != 1 else ""}</td><td>{who}</td></tr>'
        )
    return (
        '<table class="values"><tr><th>value</th><th>stated by</th><th>sources</th></tr>'
        + "".join(body)
        + "</table>"
    )


def _side(c: Conflict, which: str, index: _Index) -> str:
    source = getattr(c, f"source_{which}")
    sentence = getattr(c, f"sentence_{which}")
    span = getattr(c, f"span_{which}")
    value = getattr(c, f"value_{which}")
    start = index.offset_in_sentence(
        getattr(c, f"claim_{which}"), getattr(c, f"char_start_{which}"), source
    )
    meta = index.source_meta(source)
    others = [s for s in getattr(c, f"sources_{which}") if s != source]
    also = (f'<div class="meta">also: {_e(", ".join(index.label(s) for s in others))}</div>'
            if others else "")
    return (
        f'<div class="side {which}">'
        f'<div class="who">{_e(index.label(source))}: {_e(value)}</div>'
        + (f'<div class="meta">{meta}</div>' if meta else "") + also
        + f"<blockquote>{highlight_html(sentence, start, span)}</blockquote></div>"
    )


def _conflict_section(key: str, conflicts: Sequence[Conflict], result: Result,
                      index: _Index, number: int) -> str:
    kind = key.split(" · ", 1)[0]
    title = key.split(" · ", 1)[1] if " · " in key else key
    claims = _slot_claims(result.slots, key, index)
    if not claims:  # slots not in the result: fall back to the claims named by conflicts
        ids = dict.fromkeys(i for c in conflicts for i in (c.claim_a, c.claim_b))
        claims = [index.claims[i] for i in ids if i in index.claims]
    parts = [
        f'<section class="slot" id="slot-{number}">',
        f'<h3><span class="kind">{_e(kind)}</span>{_e(title)}</h3>',
    ]
    if claims:
        parts.append(_values_table(claims, index))
    for c in conflicts:
        parts.append(f'<div class="pair">{_side(c, "a", index)}{_side(c, "b", index)}</div>')
        parts.append(
            f'<div class="why">{_e(c.explanation)} '
            f'<span class="conf">({_e(c.kind.replace("_", " "))}, '
            f"confidence {c.confidence:.2f})</span>"
            "</div>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _agreeing(result: Result, conflicting_keys: set[str], index: _Index) -> list[str]:
    """Collapsed blocks for slots with claims from two or more sources and no conflict."""
    out: list[str] = []
    for slot in result.slots:
        if slot.key in conflicting_keys:
            continue
        claims = [index.claims[i] for i in slot.claim_ids if i in index.claims]
        sources = {c.source for c in claims}
        if len(sources) < 2:
            continue
        values = sorted({display_value(c) for c in claims})
        items = []
        for c in claims:
            start = index.offset_in_sentence(c.claim_id, c.char_start, c.source)
            items.append(
                f"<li><b>{_e(index.label(c.source))}</b>: "
                f"{highlight_html(c.sentence, start, c.span)}</li>"
            )
        out.append(
            "<details><summary>"
            f'<span class="kind">{_e(slot.kind)}</span>{_e(slot.key.split(" · ", 1)[-1])} — '
            f'<span class="agree">{len(sources)} sources, no conflict</span>: '
            f'{_e(", ".join(values))}'
            f'</summary><ul class="claims">{"".join(items)}</ul></details>'
        )
    return out


def _sources_table(result: Result) -> str:
    if not result.articles:
        return '<p class="empty">Claims were read from a table; no article metadata.</p>'
    counts: dict[str, int] = {}
    for c in result.claims:
        counts[c.source] = counts.get(c.source, 0) + 1
    rows = []
    for a in result.articles:
        rows.append(
            f"<tr><td><code>{_e(a.id)}</code></td><td>{_e(a.outlet)}</td><td>{_e(a.title)}</td>"
            f"<td>{_e(a.published.isoformat() if a.published else '')}</td>"
            f"<td>{counts.get(a.id, 0)}</td></tr>"
        )
    return (
        '<table class="sources"><tr><th>source</th><th>outlet</th><th>title</th>'
        "<th>published</th><th>claims</th></tr>" + "".join(rows) + "</table>"
    )


def timeline_svg(steps: Sequence[Update], width: int = 640, height: int = 190) -> str:
    """An inline SVG drawing of one running tally: one dot per report, in order (dated
    reports by date, then undated ones), its figure above it and its source and date
    below the axis. No script; readable in a screenshot."""
    if not steps:
        return ""
    ordered = sorted(steps, key=lambda u: (u.step, u.source))
    lo = min(u.number for u in ordered)
    hi = max(u.number for u in ordered)
    left, right, top, axis = 80, width - 80, 34, height - 58
    n_steps = max(u.step for u in ordered)

    def x(step: int) -> float:
        return left + (right - left) * ((step - 1) / max(1, n_steps - 1) if n_steps > 1 else 0.5)

    def y(v: float) -> float:
        return axis - 8 - (axis - 8 - top) * ((v - lo) / (hi - lo) if hi > lo else 0.5)

    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{_e(ordered[0].slot)}: {len(ordered)} reports</title>",
             f'<line x1="{left - 10}" y1="{axis}" x2="{right + 10}" y2="{axis}" '
             'stroke="#9aa4b2" stroke-width="1"/>']
    firsts: dict[int, Update] = {}
    for u in ordered:
        firsts.setdefault(u.step, u)
    points = " ".join(f"{x(st):.1f},{y(u.number):.1f}" for st, u in sorted(firsts.items()))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#2563eb" '
                 'stroke-width="2" stroke-dasharray="4 3"/>')
    by_step: dict[int, list[Update]] = {}
    for u in ordered:
        by_step.setdefault(u.step, []).append(u)
    for st, group in sorted(by_step.items()):
        cx, cy = x(st), y(group[0].number)
        sources = ", ".join(u.source for u in group)
        when = group[0].published or "undated"
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="#2563eb">'
                     f"<title>{_e(group[0].value)}: {_e(sources)} ({_e(when)})</title>"
                     "</circle>")
        parts.append(f'<text x="{cx:.1f}" y="{cy - 10:.1f}" text-anchor="middle" '
                     f'font-size="12" font-weight="600" fill="#111827">'
                     f"{_e(_figure(group[0]))}</text>")
        parts.append(f'<text x="{cx:.1f}" y="{axis + 16}" text-anchor="middle" '
                     f'font-size="11" fill="#374151">{_e(_short(sources, 24))}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{axis + 31}" text-anchor="middle" '
                     f'font-size="10" fill="#6b7280">{_e(when)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _figure(u: Update) -> str:
    """A count's figure without the noun counted ("at least 9", not "at least 9 people"):
    the slot names the tally."""
    if u.slot.startswith("count"):
        return re.sub(r"\s+[^\d\s]+$", "", u.value)
    return u.value


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _updates_section(updates: Sequence[Update]) -> str:
    by_slot: dict[str, list[Update]] = {}
    for u in updates:
        by_slot.setdefault(u.slot, []).append(u)
    if not by_slot:
        return ""
    blocks = [
        f'<section class="slot tally"><h3>{_e(slot)}</h3>'
        f'<p class="sub">{len(steps)} reports: a running tally reported at different '
        "times is an update, not a contradiction.</p>"
        f"{timeline_svg(steps)}</section>"
        for slot, steps in by_slot.items()
    ]
    return f"<h2>Changing tallies ({len(by_slot)})</h2>" + "".join(blocks)


def _stats_html(result: Result, n_slots: int) -> str:
    stats = [
        ("articles", len(result.articles), ""),
        ("claims", len(result.claims), ""),
        ("slots", len(result.slots), ""),
        ("conflicts", len(result.conflicts), " hot" if result.conflicts else ""),
        ("conflicting slots", n_slots, ""),
    ]
    return "".join(
        f'<div class="stat{cls}" data-stat="{_e(name)}"><b>{n}</b><span>{_e(name)}</span></div>'
        for name, n, cls in stats
    )


def _toc_html(by_slot: dict[str, list[Conflict]]) -> str:
    toc = "".join(
        f'<li><a href="#slot-{i}">{_e(key)}</a> — '
        f'{len(rows)} conflict{"s" if len(rows) != 1 else ""}'
        "</li>"
        for i, (key, rows) in enumerate(by_slot.items(), start=1)
    )
    return f'<ol class="toc">{toc}</ol>' if toc else ""


def _problems_html(result: Result) -> str:
    if not result.problems:
        return ""
    items = "".join(f"<li><code>{_e(p.path)}</code>: {_e(p.message)}</li>"
                    for p in result.problems)
    return f"<h2>Skipped inputs ({len(result.problems)})</h2><ul>{items}</ul>"


def render_report(result: Result, title: str = "claimcheck report") -> str:
    """The whole report as one HTML string."""
    index = _Index(result)
    by_slot: dict[str, list[Conflict]] = {}
    for c in result.conflicts:
        by_slot.setdefault(c.slot, []).append(c)
    agreeing = _agreeing(result, set(by_slot), index)
    stat_html = _stats_html(result, len(by_slot))
    sections = [
        _conflict_section(key, rows, result, index, i)
        for i, (key, rows) in enumerate(by_slot.items(), start=1)
    ]
    toc_html = _toc_html(by_slot)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    problems = _problems_html(result)
    notes = "".join(f'<p class="sub">Note: {_e(n)}</p>' for n in result.notes)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{_e(title)}</h1>
<p class="sub">Where the sources disagree, with both sentences side by side.</p>
{notes}
<div class="stats">{stat_html}</div>
<h2>Conflicts by slot ({len(by_slot)})</h2>
{toc_html}
{"".join(sections) or '<p class="empty">No conflicts found.</p>'}
{_updates_section(result.updates)}
<h2>Claims the sources agree on ({len(agreeing)})</h2>
{"".join(agreeing) or f'<p class="empty">{NO_AGREEMENT}</p>'}
<h2>Sources ({len(result.articles)})</h2>
{_sources_table(result)}
{problems}
<footer>Generated by claimcheck on {_e(generated)}. {DISCLAIMER}</footer>
</main>
</body>
</html>
"""


def write_report(result: Result, path: Path, title: str = "claimcheck report") -> None:
    """Write the report atomically (temporary file renamed into place)."""
    from ..errors import ExportError
    from .export import atomic_writer

    text = render_report(result, title)
    try:
        with atomic_writer(Path(path)) as fh:
            fh.write(text)
    except OSError as exc:
        raise ExportError(
            f"{path}: cannot write ({exc.strerror}); check the folder's permissions"
        ) from exc
