"""Score `claimcheck conflicts` on the real-news development set (run by hand; not a test).

    python scripts/eval_real_news.py                      # texts in .real-news/texts
    python scripts/eval_real_news.py --texts DIR --keep /tmp/rn --write-doc docs/accuracy.md

The development set (`../shared/real-news/`: annotations, queries, source URLs and the
scorer, never article text) is described in its README. Its texts are gathered once per
machine into a git-ignored folder (`.real-news/texts/<event>/<slug>.txt`; check them with
`python ../shared/real-news/check_texts.py .real-news/texts`). This script runs the set's
own scorer, `score.py --run "claimcheck conflicts ..."`, which writes each event's articles
and a manifest (URL, date) into a temporary folder, runs the command per event and scores
the rows, and prints the per-event and total figures as a Markdown table. With
`--write-doc FILE` the table replaces the section between the real-news markers of FILE
(appended when absent), so docs/accuracy.md keeps the figures next to the peer suites.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT.parent / "shared" / "real-news"
START, END = "<!-- real-news:start -->", "<!-- real-news:end -->"


def run(texts: Path, gold: Path, keep: Path | None, extra: str) -> dict:
    cmd = f"{shlex.quote(sys.executable)} -m claimcheck conflicts -q {extra}".strip()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        args = [sys.executable, str(gold.parent / "score.py"), str(gold), "--run", cmd,
                "--texts", str(texts), "--json", str(out)]
        if keep is not None:
            args += ["--keep", str(keep)]
        proc = subprocess.run(args, capture_output=True, text=True)
        sys.stderr.write(proc.stdout)
        if not out.is_file():
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"the scorer wrote no figures (exit {proc.returncode})")
        return json.loads(out.read_text())


def table(scores: dict, command: str, gold: Path) -> str:
    rows = ["| event | found / conflicts | precision | look-alikes flagged | findings | "
            "finding limit | within limit |", "|---|---:|---:|---:|---:|---:|---|"]
    within_all = True
    for e in scores["events"]:
        g = json.loads((gold / f"{e['event']}.json").read_text(encoding="utf-8"))
        limit = 2 * (len(g.get("conflicts", [])) + len(g.get("ambiguous", [])))
        ok = e["findings"] <= limit
        within_all &= ok
        rows.append(_row(e["event"], e, limit, ok))
    t = scores["total"]
    rows.append(_row("**total**", t, None, within_all))
    return "\n".join([
        "## Real-news development set", "",
        f"Produced by `{command}` (texts gathered as `../shared/real-news/README.md` says; "
        "scored by its `score.py`). Recall = annotated disagreements found; precision = "
        "true findings / all findings; look-alikes are annotated pairs that are not "
        "disagreements; the finding limit of an event is 2 × (conflicts + ambiguous "
        "entries).", "",
        f"Total: recall {t['found']}/{t['conflicts']} = {_ratio(t['recall'])}, precision "
        f"{_ratio(t['precision'])}, look-alikes flagged {t['traps_hit']}/{t['traps']} = "
        f"{t['trap_rate']:.3f}, {t['findings']} findings.", "", *rows, ""])


def _ratio(x: float | None) -> str:
    """A ratio to three decimals; "n/a" when it has no denominator (no findings)."""
    return "n/a" if x is None else f"{x:.3f}"


def _row(name: str, e: dict, limit: int | None, ok: bool) -> str:
    return (f"| {name} | {e['found']} / {e['conflicts']} | {_ratio(e['precision'])} | "
            f"{e['traps_hit']} / {e['traps']} | {e['findings']} | "
            f"{'–' if limit is None else limit} | {'yes' if ok else 'no'} |")


def write_doc(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = f"{START}\n{section}\n{END}\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", default=str(ROOT / ".real-news" / "texts"))
    ap.add_argument("--gold", default=str(SET / "gold"))
    ap.add_argument("--keep", default=None, help="keep each event's folder and output here")
    ap.add_argument("--args", default="", help="extra options for claimcheck conflicts")
    ap.add_argument("--json", default=None, help="also write the scorer's figures here")
    ap.add_argument("--write-doc", default=None, help="replace the real-news section of FILE")
    a = ap.parse_args(argv)
    texts, gold = Path(a.texts), Path(a.gold)
    if not texts.is_dir():
        print(f"{texts}: no gathered texts (see ../shared/real-news/README.md)", file=sys.stderr)
        return 1
    scores = run(texts, gold, Path(a.keep) if a.keep else None, a.args)
    if a.json:
        Path(a.json).write_text(json.dumps(scores, indent=2))
    shown = " ".join(argv if argv is not None else sys.argv[1:])
    section = table(scores, "python scripts/eval_real_news.py" + (f" {shown}" if shown else ""),
                    gold)
    print(section)
    if a.write_doc:
        write_doc(Path(a.write_doc), section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
