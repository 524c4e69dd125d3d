#!/usr/bin/env python3
"""Wrap each sample article (data/sources/*.txt) in a realistic news page: site header and
navigation, cookie banner, ads and a "most read" box with numbers of their own, byline,
share buttons, related links, newsletter box, footer; the headline in <title>/og:title
and the publication date in <meta property="article:published_time">.

    python scripts/make_html_fixtures.py OUT_DIR

tests/test_readers.py builds these pages in a temporary folder and checks that reading
them gives the same claims as the text files.
"""

# ruff: noqa: E501  (the page template keeps the long lines of real markup)
from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{title_attr}">
<meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
{date_meta}
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
</head>
<body>
<div class="cookie-banner" id="cookies">We use cookies to improve your experience.
<button>Accept all</button> <button>Settings</button></div>
<header class="site-header">
  <a class="logo" href="/">{site}</a>
  <nav class="main-nav">
    <ul>
      <li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
      <li><a href="/markets">Markets</a></li><li><a href="/tech">Tech</a></li>
      <li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe: 50% off for 12 months</a></li>
    </ul>
  </nav>
  <div class="ticker">S&amp;P 500 +1.2% · Nasdaq -0.4% · Brent $82.10 · Gold $2,380</div>
</header>
<div class="ad ad-leaderboard" role="complementary">Advertisement — Save up to 70% on flights to Tokyo. Book by March 3!</div>
<main>
  <article class="story">
    <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a> › <a href="/world/asia">Asia</a></nav>
    <h1 class="headline">{title}</h1>
    <div class="byline">By <a href="/staff/desk">Staff Writer</a> · {date_text} · 6 min read</div>
    <div class="share"><a href="#">Share on X</a> <a href="#">Facebook</a> <a href="#">Email</a></div>
    <div class="story-body">
{body}
    </div>
    <div class="ad ad-inline">Advertisement — Earn 5.5% APY with our savings account. Terms apply.</div>
  </article>
  <aside class="most-read">
    <h2>Most read</h2>
    <ol>
      <li><a href="/a">Stocks rally 3% as investors cheer rate cut</a></li>
      <li><a href="/b">Oil falls to $70 a barrel for the first time since 2021</a></li>
      <li><a href="/c">City council approves 12 new bike lanes</a></li>
    </ol>
  </aside>
  <section class="related">
    <h2>Related coverage</h2>
    <ul><li><a href="/d">Five things to know about the 2024 election in Taiwan</a></li>
    <li><a href="/e">Exports to Europe rose 8% in September</a></li></ul>
  </section>
</main>
<div class="newsletter">Get our morning briefing. Join 250,000 readers. <input type="email"> <button>Sign up</button></div>
<footer class="site-footer">
  <p>© 2025 {site}. All rights reserved. 1200 Market Street, San Francisco, CA 94103.</p>
  <nav><a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/careers">Careers: 40 open roles</a></nav>
</footer>
<script src="/static/app.js"></script>
</body>
</html>
"""


def paragraphs(text: str) -> tuple[str, list[str]]:
    """The headline (first line) and the remaining non-empty lines."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    return lines[0], lines[1:]


def make_page(text: str, site: str, published: str | None) -> str:
    title, paras = paragraphs(text)
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in paras)
    date_meta = (
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        if published else ""
    )
    return PAGE.format(
        title=html.escape(title, quote=False),
        title_attr=html.escape(title, quote=True),
        site=html.escape(site),
        date_meta=date_meta,
        date_text=published or "Updated today",
        body=body,
    )


def make_fixtures(out: Path, sources: Path = SOURCES) -> list[Path]:
    """Write OUT/<stem>.html for every article in ``sources``; returns the files written.
    The page date is the publication date claimcheck uses for the text file (manifest or
    dateline), so that relative dates resolve the same way."""
    from claimcheck.read.ingest import load_articles

    articles, _ = load_articles([sources])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for art in articles:
        site = art.outlet or "The Daily Ledger"
        published = art.published.isoformat() if art.published else None
        target = out / f"{art.id}.html"
        target.write_text(make_page(art.text, site, published), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for path in make_fixtures(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
